'use strict';
/**
 * n8n-host.js — the single implementation of "run a real n8n (2.35.6) with this package installed".
 * Plain Node (>= 18, uses global fetch), CommonJS, no dependencies. Used by:
 *   - test/e2e/harness/n8n.ts (typed wrapper for jest/ts-jest end-to-end tests and benchmarks)
 *   - scripts/dev.sh (`npm run dev`): `node scripts/n8n-host.js dev ...`
 *   - scripts/n8n-host-dir.sh: `node scripts/n8n-host.js host-dir`
 *
 * The n8n install itself (n8n + a Node 24 binary, ~2.5 GB) lives outside git in hostDir(), made by
 * scripts/install-n8n.sh from test/e2e/host/{package.json,.npmrc,package-lock.json}.
 *
 * How a community package gets into n8n here (installCommunityPackage): what n8n 2.35.6's own
 * Community Nodes installer does (dist/modules/community-packages/community-packages.service.js,
 * downloadPackage()), with a local tarball instead of `npm pack <name>@<version>` from the registry:
 *   <userFolder>/.n8n/nodes/package.json  = {"name":"installed-nodes","private":true,"dependencies":{}}
 *   tar -xzf <tarball> -C <nodes>/node_modules/<name> --strip-components=1
 *   drop devDependencies, peerDependencies, optionalDependencies from the extracted package.json
 *   npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *               --ignore-scripts=true --package-lock=false      (cwd: the package dir)
 *   record "<name>": "<version>" in <nodes>/package.json dependencies
 * n8n then finds it by scanning <nodes>/node_modules at start (community-packages.module.js,
 * scanDirectoryForPackages) — no database row needed.
 * mode 'npm' instead runs the older manual way, `npm install <tarball> --ignore-scripts` in <nodes>.
 * Measured: with the peerDependency "n8n-workflow": "*" that also installs the newest n8n-workflow
 * from the registry (2.41.0 here, plus ~160 packages incl. zod and isolated-vm, whose native build
 * fails without --ignore-scripts) into <nodes>/node_modules, and the package then gets that second
 * copy instead of n8n's own 2.35.3. Kept only to compare; don't test with it.
 *
 * Module resolution (measured, mode 'n8n'): n8n sets NODE_PATH to its own module.paths when it
 * loads nodes (dist/load-nodes-and-credentials.js init(): process.env.NODE_PATH = module.paths...;
 * Module._initPaths()), so require('zod') / require('n8n-workflow') from a package in
 * <nodes>/node_modules that doesn't ship them resolve to <hostDir>/node_modules/zod (3.25.76) and
 * <hostDir>/node_modules/n8n-workflow (2.35.3, the instance n8n-core uses), in `n8n start` and
 * `n8n execute` alike.
 */
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..');
/**
 * Which n8n to run: test/e2e/host (2.35.6, the n8n the package is built against) by default, or
 * test/e2e/host-<name> with N8N_TEST_HOST=<name>: `1.x` (the oldest tested) or `newest` (the newest
 * 2.x that installs from the registry; scripts/find-newest-n8n.js). Each folder pins one n8n in its
 * lock file.
 */
const HOST_SRC = process.env.N8N_TEST_HOST
	? path.join(REPO_ROOT, 'test', 'e2e', `host-${process.env.N8N_TEST_HOST}`)
	: path.join(REPO_ROOT, 'test', 'e2e', 'host');
const N8N_VERSION = JSON.parse(fs.readFileSync(path.join(HOST_SRC, 'package.json'), 'utf8'))
	.dependencies.n8n;
const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);
const BROWSER_ID = 'n8n-nodes-whatsapp-interactive-harness';

// ---------------------------------------------------------------------------------------------
// Host install location

/** ${N8N_HOST_DIR:-~/.cache/n8n-nodes-whatsapp-interactive/n8n-2.35.6-<sha256(lock)[:12]>} */
function hostDir() {
	if (process.env.N8N_HOST_DIR) return path.resolve(process.env.N8N_HOST_DIR);
	const lock = fs.readFileSync(path.join(HOST_SRC, 'package-lock.json'));
	const hash = crypto.createHash('sha256').update(lock).digest('hex').slice(0, 12);
	return path.join(
		os.homedir(),
		'.cache',
		'n8n-nodes-whatsapp-interactive',
		`n8n-${N8N_VERSION}-${hash}`,
	);
}

/** Paths inside a completed host install; throws with the fix if it is not there. */
function hostPaths(dir = hostDir()) {
	const p = {
		dir,
		binDir: path.join(dir, 'node_modules', '.bin'),
		node: path.join(dir, 'node_modules', '.bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(dir, '.install-complete'),
	};
	for (const f of [p.marker, p.node, p.n8nBin]) {
		if (!fs.existsSync(f)) {
			throw new Error(
				`n8n host is not installed (missing ${f}); run: bash ${path.join(REPO_ROOT, 'scripts', 'install-n8n.sh')}`,
			);
		}
	}
	return p;
}

/** Runs scripts/install-n8n.sh (a no-op when already installed); resolves to the host dir. */
async function ensureHostInstalled() {
	const script = path.join(REPO_ROOT, 'scripts', 'install-n8n.sh');
	const r = await run('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'] });
	if (r.code !== 0) throw new Error(`install-n8n.sh failed with exit code ${r.code}`);
	return r.stdout.trim().split('\n').pop();
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function run(cmd, args, opts = {}) {
	const { timeoutMs, input, ...spawnOpts } = opts;
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], ...spawnOpts });
		let stdout = '';
		let stderr = '';
		let timer;
		if (child.stdout) child.stdout.on('data', (d) => (stdout += d));
		if (child.stderr) child.stderr.on('data', (d) => (stderr += d));
		if (timeoutMs) {
			timer = setTimeout(() => {
				stderr += `\n[n8n-host] timed out after ${timeoutMs} ms: ${cmd} ${args.join(' ')}\n`;
				child.kill('SIGKILL');
			}, timeoutMs);
		}
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({
				stdout,
				stderr,
				code: code === null ? 128 + (os.constants.signals[signal] || 0) : code,
			});
		});
		if (child.stdin) child.stdin.end(input === undefined ? undefined : input);
	});
}

function isPortFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines = 60) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * Finds the JSON document `n8n execute --rawOutput` printed (JSON.stringify(data, null, 2)), among
 * whatever log lines surround it. Returns undefined when there is none.
 */
function extractJson(text) {
	const lines = text.split('\n');
	const starts = [];
	const ends = [];
	lines.forEach((l, i) => {
		if (l.trim() === '{' || l.trim() === '[') starts.push(i);
		if (l.trim() === '}' || l.trim() === ']') ends.push(i);
	});
	for (const s of starts) {
		for (let k = ends.length - 1; k >= 0; k--) {
			if (ends[k] < s) break;
			try {
				return JSON.parse(lines.slice(s, ends[k] + 1).join('\n'));
			} catch {
				/* try a shorter slice */
			}
		}
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Community package install

/**
 * Installs a package tarball into <userFolder>/.n8n/nodes.
 * mode 'n8n' (default): as n8n 2.35.6's Community Nodes installer does (see the top of this file).
 * mode 'npm': `npm install <tarball>` in <nodes> (the manual / Docker-image way).
 * Uses the `npm` on PATH (the system npm; the host's Node 24 package brings no npm).
 */
async function installCommunityPackage(userFolder, tarball, { mode = 'n8n', npm = 'npm' } = {}) {
	tarball = path.resolve(tarball);
	if (!fs.existsSync(tarball)) throw new Error(`tarball not found: ${tarball}`);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });
	const rootPkgFile = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(rootPkgFile)) {
		fs.writeFileSync(
			rootPkgFile,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	const npmEnv = { ...process.env, npm_config_update_notifier: 'false' };
	const check = (r, what) => {
		if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
		return r;
	};

	if (mode === 'npm') {
		check(
			await run(npm, ['install', tarball, '--ignore-scripts', '--no-audit', '--no-fund'], {
				cwd: nodesDir,
				env: npmEnv,
			}),
			`npm install ${tarball}`,
		);
		const name = JSON.parse(
			check(await run('tar', ['-xzOf', tarball, 'package/package.json']), 'tar').stdout,
		).name;
		return { name, dir: path.join(nodesDir, 'node_modules', name) };
	}

	// mode 'n8n'
	const manifest = JSON.parse(
		check(await run('tar', ['-xzOf', tarball, 'package/package.json']), 'tar').stdout,
	);
	const pkgDir = path.join(nodesDir, 'node_modules', manifest.name);
	fs.rmSync(pkgDir, { recursive: true, force: true });
	fs.mkdirSync(pkgDir, { recursive: true });
	check(await run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']), 'tar -xzf');
	const pkgJsonFile = path.join(pkgDir, 'package.json');
	// eslint-disable-next-line no-unused-vars
	const { devDependencies, peerDependencies, optionalDependencies, ...kept } = JSON.parse(
		fs.readFileSync(pkgJsonFile, 'utf8'),
	);
	fs.writeFileSync(pkgJsonFile, JSON.stringify(kept, null, 2));
	check(
		await run(
			npm,
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: pkgDir, env: npmEnv },
		),
		`npm install (in ${pkgDir})`,
	);
	const rootPkg = JSON.parse(fs.readFileSync(rootPkgFile, 'utf8'));
	rootPkg.dependencies = { ...(rootPkg.dependencies || {}), [manifest.name]: manifest.version };
	fs.writeFileSync(rootPkgFile, JSON.stringify(rootPkg, null, 2));
	return { name: manifest.name, dir: pkgDir };
}

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
	for (const id of opts.activate || []) {
		// n8n 2.x publishes a workflow version; n8n 1.x has no versions and activates it instead.
		const args =
			N8N_MAJOR >= 2
				? ['publish:workflow', `--id=${id}`]
				: ['update:workflow', `--id=${id}`, '--active=true'];
		const r = await ctx.cli(args);
		if (r.code !== 0)
			throw new Error(
				`n8n publish:workflow --id=${id} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`,
			);
	}
	return ctx;
}

const liveChildren = new Set();
function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		/* already gone */
	}
}
process.once('exit', () => {
	for (const c of liveChildren) killGroup(c, 'SIGKILL');
});
let signalHandlersInstalled = false;
/** A test runner killed by a signal must not leave n8n behind (its own process group survives it). */
function installSignalHandlers() {
	if (signalHandlersInstalled) return;
	signalHandlersInstalled = true;
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(sig, () => {
			for (const c of liveChildren) killGroup(c, 'SIGKILL');
			// Re-raise for the default action, unless someone else handles this signal.
			if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
		});
	}
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
	const logFd = fs.openSync(ctx.logFile, 'a');
	// Only what this start writes counts (a kept user folder's log has earlier runs in it).
	const logStart = fs.fstatSync(logFd).size;
	const readLog = () => {
		const all = fs.readFileSync(ctx.logFile);
		return all.subarray(Math.min(logStart, all.length)).toString('utf8');
	};
	const env = { ...ctx.env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) };
	const child = spawn(ctx.host.node, [ctx.host.n8nBin, 'start'], {
		env,
		cwd: ctx.userFolder,
		detached: true, // own process group: stop() kills n8n and its task runners together
		stdio: ['ignore', logFd, logFd],
	});
	fs.closeSync(logFd);
	liveChildren.add(child);
	if (opts.killOnSignal !== false) installSignalHandlers();
	let exited = null;
	const exitPromise = new Promise((resolve) =>
		child.once('exit', (code, signal) => {
			exited = { code, signal };
			liveChildren.delete(child);
			resolve(exited);
		}),
	);

	const kill = async () => {
		if (!exited) {
			killGroup(child, 'SIGTERM');
			const t = setTimeout(() => killGroup(child, 'SIGKILL'), opts.stopTimeoutMs || 15000);
			await exitPromise;
			clearTimeout(t);
		}
		killGroup(child, 'SIGKILL'); // stragglers in the group (task runners)
	};
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

	const t1 = Date.now();
	let readinessMs;
	const deadline = t1 + (opts.readyTimeoutMs || 120000);
	for (;;) {
		if (exited)
			await fail(`n8n exited during startup (code ${exited.code}, signal ${exited.signal})`);
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
		if (exited)
			await fail(`n8n exited during startup (code ${exited.code}, signal ${exited.signal})`);
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
			if (exited)
				await fail(`n8n exited during startup (code ${exited.code}, signal ${exited.signal})`);
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
		pid: child.pid,
		prepareMs,
		readinessMs,
		readyMs,
		cookie: undefined,
		apiKey: undefined,
		stop,
		exited: () => exited,
		logTail: (n) => tail(ctx.logFile, n),
		webhookUrl: (p) => `${ctx.baseUrl}/webhook/${String(p).replace(/^\//, '')}`,
		rest: (method, p, body) => rest(inst, method, p, body),
		setupOwner: (owner) => setupOwner(inst, owner),
		createApiKey: (label) => createApiKey(inst, label),
		publicApi: (method, p, body) => publicApi(inst, method, p, body),
		listExecutions: (q) => listExecutions(inst, q),
		getExecution: (id) => getExecution(inst, id),
		waitForExecutions: (q, n, ms) => waitForExecutions(inst, q, n, ms),
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

// ---------------------------------------------------------------------------------------------
// REST (session cookie) and public API (API key)

async function rest(inst, method, p, body) {
	const headers = { 'browser-id': BROWSER_ID, accept: 'application/json' };
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (inst.cookie) headers.cookie = inst.cookie;
	const res = await fetch(`${inst.baseUrl}/rest${p}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const setCookie = res.headers.get('set-cookie');
	const m = setCookie && /n8n-auth=[^;]+/.exec(setCookie);
	if (m) inst.cookie = m[0];
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	if (!res.ok) throw new Error(`${method} /rest${p} -> ${res.status}: ${text.slice(0, 500)}`);
	return json && 'data' in json ? json.data : json;
}

/** POST /rest/owner/setup (first start only); logs in (cookie kept on the instance). */
async function setupOwner(inst, owner) {
	const user = await rest(inst, 'POST', '/owner/setup', {
		email: owner.email,
		password: owner.password,
		firstName: owner.firstName || 'Owner',
		lastName: owner.lastName || 'E2E',
	});
	inst.owner = owner;
	return user;
}

async function login(inst, owner) {
	await rest(inst, 'POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	inst.owner = owner;
}

/** Creates a public-API key (all scopes the owner may grant) via REST; kept on the instance. */
async function createApiKey(inst, label = 'e2e') {
	if (!inst.cookie)
		throw new Error('createApiKey needs the owner logged in (startN8n({ createOwner }))');
	const scopes = await rest(inst, 'GET', '/api-keys/scopes');
	const key = await rest(inst, 'POST', '/api-keys', {
		label: `${label}-${Date.now()}`,
		expiresAt: null,
		scopes,
	});
	inst.apiKey = key.rawApiKey || key.apiKey;
	return inst.apiKey;
}

async function publicApi(inst, method, p, body) {
	if (!inst.apiKey) await createApiKey(inst);
	const headers = { 'X-N8N-API-KEY': inst.apiKey, accept: 'application/json' };
	if (body !== undefined) headers['content-type'] = 'application/json';
	const res = await fetch(`${inst.baseUrl}/api/v1${p}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} /api/v1${p} -> ${res.status}: ${text.slice(0, 500)}`);
	return text ? JSON.parse(text) : undefined;
}

/** GET /api/v1/executions (public API); q e.g. { workflowId, status, includeData: true, limit }. */
async function listExecutions(inst, q = {}) {
	const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
	const r = await publicApi(inst, 'GET', `/executions${qs ? `?${qs}` : ''}`);
	return r.data;
}

/** GET /api/v1/executions/<id>?includeData=true: { id, status, data: { resultData: { runData } } ... } */
async function getExecution(inst, id) {
	return publicApi(inst, 'GET', `/executions/${id}?includeData=true`);
}

/** Polls until at least n finished executions match q; returns them (newest first). */
async function waitForExecutions(inst, q = {}, n = 1, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = (await listExecutions(inst, { includeData: true, ...q })).filter(
			(e) => e.finished || (e.status && !['new', 'running', 'waiting'].includes(e.status)),
		);
		if (list.length >= n) return list;
		if (Date.now() > deadline)
			throw new Error(`only ${list.length}/${n} executions after ${timeoutMs} ms`);
		await sleep(250);
	}
}

// ---------------------------------------------------------------------------------------------
// `npm run dev`

function parseArgs(argv) {
	const out = { _: [] };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a.startsWith('--')) {
			const [k, v] = a.slice(2).split('=', 2);
			out[k] =
				v !== undefined ? v : argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true';
		} else out._.push(a);
	}
	return out;
}

// The example workflows and their credentials (examples/) are written for the default `npm run dev`
// addresses; dev() and the end-to-end tests point them at the actual n8n and mock provider.
const EXAMPLE_N8N_URL = 'http://127.0.0.1:5678';
const EXAMPLE_MOCK_URL = 'http://127.0.0.1:5680';
const MOCK_CLI = path.join(REPO_ROOT, '.bench-build', 'test', 'mock-provider', 'cli.js');

/** A deep copy of a JSON value with the example addresses replaced by the real ones. */
function retargetExample(value, { n8nUrl = EXAMPLE_N8N_URL, mockUrl = EXAMPLE_MOCK_URL } = {}) {
	return JSON.parse(
		JSON.stringify(value).split(EXAMPLE_N8N_URL).join(n8nUrl).split(EXAMPLE_MOCK_URL).join(mockUrl),
	);
}

/** Every credential in <examplesDir>/credentials/*.json (each file a JSON array, as import:credentials takes). */
function readExampleCredentials(examplesDir) {
	const dir = path.join(examplesDir, 'credentials');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
}

/**
 * Compiles test/mock-provider's CLI (cli.ts and what it imports) into .bench-build/ when the compiled
 * files are missing or older than their sources: the same files `npx tsc -p tsconfig.bench.json`
 * writes, without compiling bench/ too. Needs the repository's devDependencies (typescript).
 */
async function ensureMockCli() {
	const srcDir = path.join(REPO_ROOT, 'test', 'mock-provider');
	const outDir = path.dirname(MOCK_CLI);
	const sources = fs
		.readdirSync(srcDir)
		.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
	const stale = sources.some((f) => {
		const out = path.join(outDir, f.replace(/\.ts$/, '.js'));
		return (
			!fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(path.join(srcDir, f)).mtimeMs
		);
	});
	if (!stale) return MOCK_CLI;
	const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	const r = await run(
		process.execPath,
		[
			tsc,
			'--rootDir',
			REPO_ROOT,
			'--outDir',
			path.join(REPO_ROOT, '.bench-build'),
			'--module',
			'commonjs',
			'--moduleResolution',
			'node',
			'--target',
			'es2021',
			'--strict',
			'--esModuleInterop',
			'--skipLibCheck',
			'--removeComments',
			'--types',
			'node',
			path.join(srcDir, 'cli.ts'),
		],
		{ cwd: REPO_ROOT },
	);
	if (r.code !== 0)
		throw new Error(
			`compiling the mock provider failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`,
		);
	return MOCK_CLI;
}

/**
 * The mock provider (test/mock-provider/cli.ts, compiled by ensureMockCli()) as a child
 * process on 127.0.0.1:<port>. One already answering there (an earlier run's) is reused.
 */
async function startDevMock(port) {
	const url = `http://127.0.0.1:${port}`;
	try {
		const res = await fetch(`${url}/__mock/health`, { signal: AbortSignal.timeout(1000) });
		if (res.ok) return { url, reused: true, stop: async () => {} };
	} catch {
		/* nothing there */
	}
	if (!(await isPortFree(port))) {
		throw new Error(
			`port ${port} on 127.0.0.1 is taken by something other than the mock provider; choose another with N8N_DEV_MOCK_PORT`,
		);
	}
	await ensureMockCli();
	const child = spawn(process.execPath, [MOCK_CLI, `--port=${port}`], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	await new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (d) => {
			out += d;
			if (out.includes('\n')) resolve();
		});
		child.once('exit', (code) =>
			reject(new Error(`the mock provider exited with code ${code} before it was ready`)),
		);
		child.once('error', reject);
	});
	child.stdout.resume();
	const stop = () =>
		new Promise((resolve) => {
			process.removeListener('exit', killOnExit);
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	return { url, reused: false, stop };
}

/** Production webhook URLs of the trigger nodes in published workflows (with `?secret=` when the node checks one). */
function triggerUrls(baseUrl, workflows, credentials) {
	const lines = [];
	for (const wf of workflows) {
		for (const node of wf.nodes || []) {
			if (!node.webhookId || !/Trigger$/.test(node.type)) continue;
			let url = `${baseUrl}/webhook/${node.webhookId}/webhook`;
			const params = node.parameters || {};
			if (params.authentication === 'secret') {
				const ref = Object.values(node.credentials || {})[0];
				const cred = ref && credentials.find((c) => c.id === ref.id);
				const q =
					cred &&
					cred.data &&
					(cred.data.queryParameterName === undefined ? 'secret' : cred.data.queryParameterName);
				url +=
					cred && q
						? `?${encodeURIComponent(q)}=${encodeURIComponent(cred.data.secret)}`
						: '  (needs its webhook secret)';
			}
			lines.push(`    ${wf.name || wf.id} / ${node.name}:\n      ${url}`);
		}
	}
	return lines;
}

/**
 * node scripts/n8n-host.js dev --tarball <tgz> [--examples <dir>] [--port 5678] [--mock-port 5680]
 *   [--user-folder <dir>] [--email owner@example.com] [--password <pw>]
 * Persistent user folder (default ~/.cache/n8n-nodes-whatsapp-interactive/dev-user): the package is
 * reinstalled, the example credentials and workflows re-imported (same ids, so updated in place)
 * and the examples saved with "active": true published on every run; the owner is created once and
 * its credentials kept in <userFolder>/dev-owner.json. Starts the mock provider on --mock-port
 * (N8N_DEV_MOCK_PORT, default 5680) first: the example credentials point at it. Runs until Ctrl-C
 * (or SIGTERM), echoing n8n's log; then stops n8n and the mock.
 */
async function dev(argv) {
	const a = parseArgs(argv);
	if (!a.tarball) throw new Error('dev: --tarball <file.tgz> is required');
	const userFolder = path.resolve(
		a['user-folder'] ||
			process.env.N8N_DEV_USER_FOLDER ||
			path.join(os.homedir(), '.cache', 'n8n-nodes-whatsapp-interactive', 'dev-user'),
	);
	fs.mkdirSync(userFolder, { recursive: true });
	const port = a.port ? Number(a.port) : 5678;
	const mockPort = Number(a['mock-port'] || process.env.N8N_DEV_MOCK_PORT || 5680);
	if (!(await isPortFree(port)))
		throw new Error(
			`port ${port} on 127.0.0.1 is in use (is another n8n running?); choose another with N8N_DEV_PORT`,
		);
	const examplesDir = path.resolve(a.examples || path.join(REPO_ROOT, 'examples'));

	// Ctrl-C while starting: exit at once; the 'exit' hooks SIGKILL n8n (own process group) and the mock.
	const early = () => {
		console.log('\n[dev] interrupted while starting');
		process.exit(130);
	};
	process.on('SIGINT', early);
	process.on('SIGTERM', early);
	const mock = await startDevMock(mockPort);
	const target = { n8nUrl: `http://127.0.0.1:${port}`, mockUrl: mock.url };
	let inst;
	try {
		const workflows = fs.existsSync(examplesDir)
			? fs
					.readdirSync(examplesDir)
					.filter((f) => f.endsWith('.json'))
					.sort()
					.map((f) => {
						const wf = retargetExample(
							JSON.parse(fs.readFileSync(path.join(examplesDir, f), 'utf8')),
							target,
						);
						if (!wf.id) wf.id = crypto.createHash('sha256').update(f).digest('hex').slice(0, 16);
						return wf;
					})
					// n8n 1.x has no approval tools derived from Send and Wait (`…HitlTool`, example 07):
					// it could not publish such a workflow.
					.filter((wf) => {
						const needs2 =
							N8N_MAJOR < 2 && wf.nodes.some((n) => String(n.type).endsWith('HitlTool'));
						if (needs2)
							console.log(
								`[dev] leaving out "${wf.name}": it needs n8n 2.x (this is ${N8N_VERSION})`,
							);
						return !needs2;
					})
			: [];
		const credentials = retargetExample(
			fs.existsSync(examplesDir) ? readExampleCredentials(examplesDir) : [],
			target,
		);
		const credsFile = path.join(userFolder, 'dev-owner.json');
		const known = fs.existsSync(credsFile) ? JSON.parse(fs.readFileSync(credsFile, 'utf8')) : null;
		const owner = known || {
			email: a.email || process.env.N8N_DEV_OWNER_EMAIL || 'owner@example.com',
			password:
				a.password ||
				process.env.N8N_DEV_OWNER_PASSWORD ||
				`Dev-${crypto.randomBytes(6).toString('hex')}1`,
			firstName: 'Dev',
			lastName: 'Owner',
		};
		// The package under development replaces whatever an earlier run installed.
		fs.rmSync(path.join(userFolder, '.n8n', 'nodes'), { recursive: true, force: true });
		console.log(
			`[dev] user folder ${userFolder}; installing ${a.tarball}; importing ${credentials.length} credential(s) and ${workflows.length} example workflow(s)`,
		);
		// Examples saved with "active": true are published (import:workflow always imports inactive).
		const activate = workflows.filter((w) => w.active === true).map((w) => w.id);
		inst = await startN8n({
			tarball: a.tarball,
			credentials,
			workflows,
			activate,
			port,
			userFolder,
			readyTimeoutMs: 180000,
			killOnSignal: false, // dev() stops n8n gracefully itself on Ctrl-C
		});
		if (!known) {
			await inst.setupOwner(owner);
			fs.writeFileSync(credsFile, JSON.stringify(owner, null, 2), { mode: 0o600 });
		}
		console.log(
			[
				'',
				`  n8n ${N8N_VERSION} is running at ${inst.baseUrl}  (ready in ${(inst.readyMs / 1000).toFixed(1)} s)`,
				`  log in with   email: ${owner.email}   password: ${owner.password}`,
				`  (saved in ${credsFile}; delete ${userFolder} to start from scratch)`,
				`  package: ${inst.installed.map((p) => p.name).join(', ')} (community package, from ${a.tarball})`,
				`  workflows imported from ${examplesDir}:${workflows.length ? '' : ' none'}`,
				...workflows.map(
					(w) => `    ${w.name || w.id}  (${w.id}${activate.includes(w.id) ? ', published' : ''})`,
				),
				`  credentials imported (the examples use them): ${credentials.map((c) => `${c.name} (${c.id})`).join(', ') || 'none'}`,
				`  mock provider (Messangi, Sinch LATAM, WhatsApp Cloud API and an OpenAI-style chat model) at ${mock.url}${mock.reused ? ' (already running, reused)' : ''}; what it received: ${mock.url}/__mock/requests`,
				`  trigger production URLs:`,
				...triggerUrls(
					inst.baseUrl,
					workflows.filter((w) => activate.includes(w.id)),
					credentials,
				),
				`  n8n log: ${inst.logFile} (followed below).  Ctrl-C stops n8n and the mock provider.`,
				'',
			].join('\n'),
		);
	} catch (e) {
		if (inst) await inst.stop();
		await mock.stop();
		throw e;
	}
	process.removeListener('SIGINT', early);
	process.removeListener('SIGTERM', early);
	// Follow the log in the foreground.
	let pos = fs.statSync(inst.logFile).size;
	const follow = setInterval(() => {
		const size = fs.statSync(inst.logFile).size;
		if (size > pos) {
			const fd = fs.openSync(inst.logFile, 'r');
			const buf = Buffer.alloc(size - pos);
			fs.readSync(fd, buf, 0, buf.length, pos);
			fs.closeSync(fd);
			process.stdout.write(buf);
			pos = size;
		}
		if (inst.exited()) {
			clearInterval(follow);
			console.log(`[dev] n8n exited (${JSON.stringify(inst.exited())})`);
			void mock.stop().then(() => process.exit(1));
		}
	}, 300);
	let stopping = false;
	const shutdown = async () => {
		if (stopping) return;
		stopping = true;
		clearInterval(follow);
		console.log('\n[dev] stopping n8n and the mock provider');
		await inst.stop();
		await mock.stop();
		process.exit(0);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

module.exports = {
	N8N_VERSION,
	REPO_ROOT,
	hostDir,
	hostPaths,
	ensureHostInstalled,
	installCommunityPackage,
	n8nEnv,
	prepareN8n,
	startN8n,
	executeWorkflow,
	nodeOutputJson,
	extractJson,
	freePort,
	EXAMPLE_N8N_URL,
	EXAMPLE_MOCK_URL,
	retargetExample,
	readExampleCredentials,
	ensureMockCli,
	login,
	run,
};

if (require.main === module) {
	const [cmd, ...rest] = process.argv.slice(2);
	const main = async () => {
		if (cmd === 'host-dir') console.log(hostDir());
		else if (cmd === 'dev') await dev(rest);
		else {
			console.error(
				'usage: node scripts/n8n-host.js host-dir | dev --tarball <tgz> [--examples dir] [--port n] [--mock-port n] [--user-folder dir]',
			);
			process.exit(2);
		}
	};
	main().catch((e) => {
		console.error(e && e.stack ? e.stack : e);
		process.exit(1);
	});
}
