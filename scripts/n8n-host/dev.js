'use strict';
/** `npm run dev`: the examples, their credentials, the mock provider and a local n8n. Part of scripts/n8n-host.js (its top comment is the overview). */
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { N8N_MAJOR, N8N_VERSION, REPO_ROOT } = require('./host');
const { isPortFree, run } = require('./util');
const { startN8n } = require('./server');

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

/** `?<parameter>=<secret>` of the webhook-secret credential `node` uses, or a note that it needs one. */
function secretQuery(node, credentials) {
	const ref = Object.values(node.credentials || {})[0];
	const cred = ref && credentials.find((c) => c.id === ref.id);
	const q =
		cred &&
		cred.data &&
		(cred.data.queryParameterName === undefined ? 'secret' : cred.data.queryParameterName);
	return cred && q
		? `?${encodeURIComponent(q)}=${encodeURIComponent(cred.data.secret)}`
		: '  (needs its webhook secret)';
}

/**
 * Production webhook URLs of the trigger nodes in published workflows, and of the Webhook nodes in
 * front of a WhatsApp Interactive Router (with `?secret=` when the node checks one).
 */
function triggerUrls(baseUrl, workflows, credentials) {
	const lines = [];
	for (const wf of workflows) {
		const router = (wf.nodes || []).find((n) => /\.whatsAppInteractiveRouter$/.test(n.type));
		for (const node of wf.nodes || []) {
			const params = node.parameters || {};
			if (router && node.type === 'n8n-nodes-base.webhook' && params.path) {
				const routerParams = router.parameters || {};
				const secret =
					routerParams.provider !== 'whatsAppCloud' && routerParams.authentication !== 'none';
				const url = `${baseUrl}/webhook/${params.path}${secret ? secretQuery(router, credentials) : ''}`;
				lines.push(`    ${wf.name || wf.id} / ${node.name}:\n      ${url}`);
				continue;
			}
			if (!node.webhookId || !/Trigger$/.test(node.type)) continue;
			let url = `${baseUrl}/webhook/${node.webhookId}/webhook`;
			if (params.authentication === 'secret') url += secretQuery(node, credentials);
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
	EXAMPLE_MOCK_URL,
	EXAMPLE_N8N_URL,
	MOCK_CLI,
	dev,
	ensureMockCli,
	parseArgs,
	readExampleCredentials,
	retargetExample,
	startDevMock,
	triggerUrls,
};
