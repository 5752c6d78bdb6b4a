'use strict';
/** n8n's environment and its CLI (execute, import, publish) against a user folder. Part of scripts/n8n-host.js (its top comment is the overview). */
const path = require('path');
const { N8N_MAJOR } = require('./host');
const { extractJson, freePort, run } = require('./util');

// ---------------------------------------------------------------------------------------------
// Environment and CLI

/** Inherited variables that would change how n8n runs (NODE_ENV=test from jest breaks node loading). */
const INHERITED_DROP =
	/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$|E2E_TESTS$|npm_)/;

/**
 * The environment n8n runs with: loopback only, SQLite, Node 24 first on PATH, telemetry, version
 * checks, templates, banners, personalization and the MCP registry refresh (its only other call
 * out, to api.n8n.io) off. `extra` (startN8n's opts.env) is applied last and wins.
 */
function n8nEnv({ userFolder, port, host, extra = {} }) {
	const base = `http://127.0.0.1:${port}/`;
	const env = {};
	for (const [k, v] of Object.entries(process.env)) if (!INHERITED_DROP.test(k)) env[k] = v;
	Object.assign(env, {
		PATH: `${host.binDir}${path.delimiter}${process.env.PATH || ''}`, // Node 24 first
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: base,
		N8N_EDITOR_BASE_URL: base,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		// n8n 2.x fetches https://api.n8n.io/api/mcp-servers at start unless this module is off; n8n 1.x
		// has no such module and refuses to start when it is named.
		...(N8N_MAJOR >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false', // plain http on 127.0.0.1 (browser login in `npm run dev`)
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_PUBLIC_API_DISABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
	});
	return Object.assign(env, extra);
}

/**
 * Runs an n8n CLI command (`n8n <args>`) against a user folder, with Node 24. Each call gets its
 * own task-runner broker port so it can run next to a started n8n (and next to other instances).
 */
async function n8nCli(ctx, args, { timeoutMs = 180000, env: extra = {} } = {}) {
	const brokerPort = await freePort();
	const env = { ...ctx.env, N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...extra };
	return run(ctx.host.node, [ctx.host.n8nBin, ...args], { env, cwd: ctx.userFolder, timeoutMs });
}

/**
 * `n8n execute --id=<id> --rawOutput`: returns { code, run, stdout, stderr } where run is the
 * parsed IRun ({ data: { resultData: { runData, error?, lastNodeExecuted } }, status, ... }) or
 * undefined if nothing parseable was printed. code is 1 when the execution failed.
 */
async function executeWorkflow(ctx, workflowId, opts = {}) {
	const r = await n8nCli(ctx, ['execute', `--id=${workflowId}`, '--rawOutput'], opts);
	const runObj = extractJson(r.stdout);
	// n8n 2.35.6's CLI now and then dies with SIGSEGV (exit 139) while shutting down, after it has
	// printed the whole run. The run itself is complete then: judge it by what it says, keep the
	// crash visible in `exitCrash`, and print a warning.
	if (r.code === 139 && runObj && runObj.data && runObj.data.resultData) {
		process.stderr.write(
			`[n8n-host] n8n execute --id=${workflowId} crashed on exit (139) after printing its run; stderr tail: ${String(r.stderr).slice(-400)}\n`,
		);
		return { ...r, code: runObj.data.resultData.error ? 1 : 0, exitCrash: 139, run: runObj };
	}
	return { ...r, run: runObj };
}

/** JSON of every item a node output in a parsed run (first run of the node, output 0 by default). */
function nodeOutputJson(runObj, nodeName, { runIndex = 0, outputIndex = 0 } = {}) {
	const runs =
		runObj &&
		runObj.data &&
		runObj.data.resultData &&
		runObj.data.resultData.runData &&
		runObj.data.resultData.runData[nodeName];
	if (!runs || !runs[runIndex]) return undefined;
	const main = runs[runIndex].data && runs[runIndex].data.main;
	if (!main || !main[outputIndex]) return [];
	return main[outputIndex].map((item) => item.json);
}

module.exports = { INHERITED_DROP, executeWorkflow, n8nCli, n8nEnv, nodeOutputJson };
