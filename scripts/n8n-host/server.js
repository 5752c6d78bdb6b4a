'use strict';
/** Preparing a user folder (install, import, publish) and starting `n8n start` on it. Part of scripts/n8n-host.js (its top comment is the overview). */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { hostDir, hostPaths } = require('./host');
const { freePort, isPortFree, sleep, tail } = require('./util');
const { installCommunityPackage } = require('./package');
const { n8nCli, n8nEnv } = require('./cli');
const { spawnGroup } = require('./processes');
const { publishWorkflows } = require('./publish');
const { seedUserFolder } = require('./template');
const {
	createApiKey,
	getExecution,
	listExecutions,
	publicApi,
	rest,
	runManually,
	setupOwner,
	waitForExecutions,
} = require('./rest');

// ---------------------------------------------------------------------------------------------
// Prepare + start

/**
 * Makes (or reuses) a user folder, installs the tarball, imports credentials and workflows, publishes some.
 * Returns a context usable for CLI calls without a server (execute works without `n8n start`).
 */
async function prepareN8n(opts = {}) {
	const host = hostPaths(opts.hostDir || hostDir());
	const ownFolder = !opts.userFolder;
	const userFolder = opts.userFolder
		? path.resolve(opts.userFolder)
		: fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	fs.mkdirSync(userFolder, { recursive: true });
	let port = opts.port;
	if (port === undefined || port === null)
		port = (await isPortFree(5678)) ? 5678 : await freePort();
	else if (port === 0) port = await freePort();
	const env = n8nEnv({ userFolder, port, host, extra: opts.env });
	const ctx = {
		host,
		userFolder,
		port,
		baseUrl: `http://127.0.0.1:${port}`,
		env,
		logFile: path.join(userFolder, 'n8n.log'),
		installed: [],
	};
	ctx.cli = (args, o) => n8nCli(ctx, args, o);
	// Removes a user folder this module created (not one passed in), unless keepUserFolder or
	// N8N_E2E_KEEP_USER_FOLDER=1 (to read n8n.log after a failed run).
	ctx.dispose = () => {
		if (ownFolder && !opts.keepUserFolder && process.env.N8N_E2E_KEEP_USER_FOLDER !== '1') {
			fs.rmSync(userFolder, { recursive: true, force: true });
		}
	};

	// A migrated database instead of n8n's migrations in the first CLI call below (template.js).
	await seedUserFolder(host, userFolder, env);

	const tarballs = [].concat(opts.tarball || [], opts.tarballs || []);
	for (const t of tarballs)
		ctx.installed.push(await installCommunityPackage(userFolder, t, { mode: opts.installMode }));

	// Credentials first (workflows refer to them by id). `data` may be plain JSON: import:credentials
	// encrypts it with this user folder's key. An existing id is updated in place.
	const credentials = opts.credentials || [];
	if (credentials.length) {
		credentials.forEach((c, i) => {
			if (!c || typeof c !== 'object' || !c.id || !c.type)
				throw new Error(`credential #${i} needs an "id" and a "type"`);
		});
		const file = path.join(fs.mkdtempSync(path.join(userFolder, 'import-')), 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
		const r = await ctx.cli(['import:credentials', `--input=${file}`]);
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
		if (r.code !== 0 || !/Successfully imported/.test(r.stdout + r.stderr)) {
			throw new Error(`n8n import:credentials failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
		}
	}

	const workflows = opts.workflows || [];
	if (workflows.length) {
		const dir = fs.mkdtempSync(path.join(userFolder, 'import-'));
		workflows.forEach((wf, i) => {
			if (!wf || typeof wf !== 'object' || !wf.id)
				throw new Error(`workflow #${i} has no "id" (workflows must carry their own id)`);
			fs.writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}.json`), JSON.stringify(wf));
		});
		const r = await ctx.cli(['import:workflow', '--separate', `--input=${dir}`]);
		fs.rmSync(dir, { recursive: true, force: true });
		if (r.code !== 0)
			throw new Error(`n8n import:workflow failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
	}
	await publishWorkflows(ctx, opts.activate || []);
	return ctx;
}

/**
 * Starts `n8n start` (own process group, log in <userFolder>/n8n.log), waits for
 * /healthz/readiness and for the published workflows to be active, optionally creates the owner.
 */
async function startN8n(opts = {}) {
	const t0 = Date.now();
	if (opts.port && !(await isPortFree(opts.port)))
		throw new Error(`port ${opts.port} on 127.0.0.1 is in use`);
	const ctx = await prepareN8n(opts);
	const prepareMs = Date.now() - t0;
	if (!(await isPortFree(ctx.port))) throw new Error(`port ${ctx.port} on 127.0.0.1 is in use`);
	const brokerPort = await freePort();
	const env = { ...ctx.env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) };
	// Its own process group: stopping n8n stops its task runners too.
	const proc = spawnGroup(ctx.host.node, [ctx.host.n8nBin, 'start'], {
		env,
		cwd: ctx.userFolder,
		logFile: ctx.logFile,
		killOnSignal: opts.killOnSignal !== false,
	});
	// Only what this start writes counts.
	const readLog = () => {
		const all = fs.readFileSync(ctx.logFile);
		return all.subarray(Math.min(proc.logStart, all.length)).toString('utf8');
	};
	const kill = () => proc.stop(opts.stopTimeoutMs || 15000);
	/** Stops n8n (SIGTERM to the process group, SIGKILL after stopTimeoutMs); then ctx.dispose(). */
	const stop = async () => {
		await kill();
		ctx.dispose();
	};

	const fail = async (msg) => {
		await kill();
		// The user folder is kept on a failed start, for its n8n.log.
		throw new Error(`${msg}\n--- last lines of ${ctx.logFile} ---\n${tail(ctx.logFile)}`);
	};
	const failIfExited = async () => {
		const e = proc.exited();
		if (e) await fail(`n8n exited during startup (code ${e.code}, signal ${e.signal})`);
	};

	const t1 = Date.now();
	let readinessMs;
	const deadline = t1 + (opts.readyTimeoutMs || 120000);
	for (;;) {
		await failIfExited();
		if (Date.now() > deadline)
			await fail(`n8n not ready after ${opts.readyTimeoutMs || 120000} ms`);
		try {
			const res = await fetch(`${ctx.baseUrl}/healthz/readiness`, {
				signal: AbortSignal.timeout(5000),
			});
			if (res.ok) {
				readinessMs = Date.now() - t1;
				break;
			}
		} catch {
			/* not listening yet */
		}
		await sleep(250);
	}
	// `n8n start` logs "Editor is now accessible via" after it has activated the published
	// workflows (readiness comes earlier, right after the HTTP server is up).
	for (;;) {
		if (/Editor is now accessible via/.test(readLog())) break;
		await failIfExited();
		if (Date.now() > deadline) await fail('n8n did not finish starting in time');
		await sleep(100);
	}
	// n8n up to 2.35 activates the published workflows before that line and logs "Activated workflow
	// … (ID: <id>)" for each. From 2.41 on (N8N_USE_WORKFLOW_PUBLICATION_SERVICE, on by default) a
	// publication service registers them afterwards, in the background, and logs nothing at info
	// level: then each such workflow counts as active once its production webhooks are registered.
	const activatedInLog = (id) =>
		readLog()
			.split('\n')
			.some((l) => l.includes('Activated workflow') && l.includes(`(ID: ${id})`));
	for (const id of opts.activate || []) {
		if (activatedInLog(id)) continue;
		const wf = (opts.workflows || []).find((w) => w.id === id);
		const paths = wf ? productionWebhookPaths(wf) : [];
		if (paths.length === 0) await fail(`published workflow ${id} was not activated`);
		for (;;) {
			const missing = [];
			for (const p of paths) if (!(await webhookRegistered(ctx.baseUrl, p))) missing.push(p);
			if (missing.length === 0 || activatedInLog(id)) break;
			await failIfExited();
			if (Date.now() > deadline)
				await fail(
					`published workflow ${id} was not activated (webhooks not registered: ${missing.join(', ')})`,
				);
			await sleep(250);
		}
	}
	const readyMs = Date.now() - t1;

	const inst = {
		...ctx,
		pid: proc.pid,
		prepareMs,
		readinessMs,
		readyMs,
		cookie: undefined,
		apiKey: undefined,
		stop,
		exited: proc.exited,
		logTail: (n) => tail(ctx.logFile, n),
		webhookUrl: (p) => `${ctx.baseUrl}/webhook/${String(p).replace(/^\//, '')}`,
		rest: (method, p, body) => rest(inst, method, p, body),
		setupOwner: (owner) => setupOwner(inst, owner),
		createApiKey: (label) => createApiKey(inst, label),
		publicApi: (method, p, body) => publicApi(inst, method, p, body),
		listExecutions: (q) => listExecutions(inst, q),
		getExecution: (id) => getExecution(inst, id),
		waitForExecutions: (q, n, ms) => waitForExecutions(inst, q, n, ms),
		runManually: (id, o) => runManually(inst, id, o),
	};
	if (opts.createOwner) {
		try {
			await inst.setupOwner(opts.createOwner);
		} catch (e) {
			await fail(`owner setup failed: ${e.message}`);
		}
	}
	return inst;
}

/**
 * The production webhook paths n8n registers for a workflow's Webhook nodes (their `path`) and this
 * package's trigger nodes (`<webhookId>/webhook`), as n8n's getNodeWebhookPath() builds them.
 */
function productionWebhookPaths(wf) {
	const paths = [];
	for (const node of wf.nodes || []) {
		if (node.disabled) continue;
		if (node.type === 'n8n-nodes-base.webhook')
			paths.push(
				String((node.parameters && node.parameters.path) || node.webhookId).replace(/^\//, ''),
			);
		else if (node.webhookId && /^n8n-nodes-whatsapp-interactive\.[A-Za-z]+Trigger$/.test(node.type))
			paths.push(`${node.webhookId}/webhook`);
	}
	return paths;
}

/**
 * Whether n8n has a production webhook at /webhook/<path>: a CORS preflight (OPTIONS with an
 * Origin) makes n8n look the path up — 204 when registered, 404 when not — without running anything.
 */
async function webhookRegistered(baseUrl, p) {
	try {
		const res = await fetch(`${baseUrl}/webhook/${p}`, {
			method: 'OPTIONS',
			headers: { origin: baseUrl, 'access-control-request-method': 'POST' },
			signal: AbortSignal.timeout(5000),
		});
		await res.arrayBuffer();
		return res.status === 204;
	} catch {
		return false;
	}
}

module.exports = {
	prepareN8n,
	productionWebhookPaths,
	startN8n,
	webhookRegistered,
};
