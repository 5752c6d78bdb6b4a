'use strict';
/**
 * queue-host.js — the pinned n8n (2.35.6) in queue mode on 127.0.0.1, for the queue-mode tests
 * (test/queue/) and benchmarks (bench/queue.ts). Plain Node, CommonJS, no dependencies; builds on
 * scripts/n8n-host.js (install as Community Nodes does, environment, CLI, REST helpers).
 *
 * What startQueueHost() starts, each a throwaway in a temp dir on free ports:
 *   - redis-server --port P --bind 127.0.0.1 --save '' --appendonly no      (Bull's queue, pub/sub)
 *   - PostgreSQL from Debian (/usr/lib/postgresql/<v>/bin): initdb (trust auth, user n8n) + pg_ctl,
 *     fsync off (a throwaway database); as the `postgres` user when this runs as root (Postgres
 *     refuses root)
 *   - n8n, all sharing EXECUTIONS_MODE=queue, the Redis, the database and one N8N_ENCRYPTION_KEY,
 *     each with its own user folder and its own copy of the package, installed as n8n's Community
 *     Nodes installer does:
 *       main      `n8n start`   editor, REST and public API; N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true
 *                               (production webhooks go to the webhook processes only)
 *       webhook×2 `n8n webhook` production webhooks: runs the trigger's webhook() and enqueues
 *       worker×2  `n8n worker`  runs the executions
 *   - the front: a plain Node HTTP proxy doing round robin over the webhook processes, as a load
 *     balancer would (or, with frontMode 'hash', one backend per request URL). A request may pin its backend with the header `x-queue-backend: <index>`
 *     (benchmarks use it to redeliver to the other process); the header is not forwarded.
 *
 * redis-server and PostgreSQL come from Debian's packages: when either is missing, ensureServices()
 * runs scripts/install-system-deps.sh (apt-get update, apt-get install -y redis-server postgresql),
 * and `apt-get` itself if that did not help (as root, or with sudo).
 *
 * CLI: node scripts/queue-host.js check   (finds or installs Redis and Postgres, prints their paths)
 */
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const n8nHost = require('./n8n-host.js');
// Child processes in their own process groups, killed when this process exits.
const { killGroup, spawnGroup } = require('./n8n-host/processes');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (line) => process.stderr.write(`[queue-host] ${line}\n`);

// ---------------------------------------------------------------------------------------------
// Redis and PostgreSQL binaries

function which(cmd) {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

/** The newest /usr/lib/postgresql/<v>/bin holding initdb and pg_ctl, or null. */
function findPgBin() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return null;
	const versions = fs
		.readdirSync(root)
		.filter(
			(v) =>
				fs.existsSync(path.join(root, v, 'bin', 'initdb')) &&
				fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')),
		)
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : null;
}

/**
 * Finds redis-server and Postgres' bin dir; installs the Debian packages when either is missing.
 * Returns { redisServer, pgBin }.
 */
function ensureServices() {
	let redisServer = which('redis-server');
	let pgBin = findPgBin();
	if (redisServer && pgBin) return { redisServer, pgBin };
	const deps = path.join(n8nHost.REPO_ROOT, 'scripts', 'install-system-deps.sh');
	if (fs.existsSync(deps)) {
		// The repository's installer for Debian packages (apt-get update + install, retried).
		const r = spawnSync('bash', [deps, 'redis', 'postgres'], {
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		if (r.status === 0) {
			redisServer = which('redis-server');
			pgBin = findPgBin();
			if (redisServer && pgBin) return { redisServer, pgBin };
		}
	}
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const prefix = isRoot ? [] : which('sudo') ? ['sudo', '-n'] : null;
	if (!prefix)
		throw new Error(
			'redis-server or PostgreSQL is missing and this user cannot install them: apt-get install -y redis-server postgresql',
		);
	const apt = (args) => {
		log(`${prefix.concat(['apt-get', ...args]).join(' ')}`);
		const r = spawnSync(
			prefix[0] || 'apt-get',
			prefix.length ? [...prefix.slice(1), 'apt-get', ...args] : args,
			{
				stdio: ['ignore', 'inherit', 'inherit'],
				env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			},
		);
		if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status})`);
	};
	apt(['update']);
	apt(['install', '-y', 'redis-server', 'postgresql']);
	redisServer = which('redis-server');
	pgBin = findPgBin();
	if (!redisServer || !pgBin)
		throw new Error(
			'apt-get installed redis-server and postgresql, but redis-server or /usr/lib/postgresql/*/bin/initdb is still missing',
		);
	return { redisServer, pgBin };
}

function tail(file, lines = 40) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

async function waitFor(what, check, { timeoutMs, proc }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (proc && proc.exited())
			throw new Error(
				`${what}: exited during startup (${JSON.stringify(proc.exited())})\n--- ${proc.logFile} ---\n${tail(proc.logFile)}`,
			);
		if (await check()) return;
		if (Date.now() > deadline)
			throw new Error(
				`${what}: not ready after ${timeoutMs} ms${proc ? `\n--- ${proc.logFile} ---\n${tail(proc.logFile)}` : ''}`,
			);
		await sleep(200);
	}
}

// ---------------------------------------------------------------------------------------------
// Redis

function redisPing(port) {
	return new Promise((resolve) => {
		const s = net.connect(port, '127.0.0.1');
		let buf = '';
		s.setTimeout(1000, () => {
			s.destroy();
			resolve(false);
		});
		s.on('error', () => resolve(false));
		s.on('connect', () => s.write('PING\r\n'));
		s.on('data', (d) => {
			buf += d;
			if (buf.includes('\r\n')) {
				s.end();
				resolve(buf.startsWith('+PONG'));
			}
		});
	});
}

/**
 * redis-server on 127.0.0.1. `persist`: an append-only file synced on every write, as a Redis that
 * must keep n8n's queue over a restart is set up (the chaos suite restarts it); otherwise nothing
 * is kept. `restart(downMs)` stops it (SIGTERM), waits, and starts it again on the same port.
 */
async function startRedis(redisServer, dir, { persist = false } = {}) {
	const port = await n8nHost.freePort();
	fs.mkdirSync(dir, { recursive: true });
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--dir',
		dir,
		'--daemonize',
		'no',
	];
	args.push(
		...(persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
	);
	const launch = async () => {
		const proc = spawnGroup(redisServer, args, {
			cwd: dir,
			env: process.env,
			logFile: path.join(dir, 'redis.log'),
		});
		await waitFor('redis-server', () => redisPing(port), { timeoutMs: 20000, proc });
		return proc;
	};
	const redis = { port, proc: await launch() };
	redis.stop = () => redis.proc.stop(5000);
	redis.restart = async (downMs = 0) => {
		await redis.proc.stop(5000);
		await sleep(downMs);
		redis.proc = await launch();
	};
	return redis;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

async function startPostgres(pgBin, dir, { durable = false } = {}) {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	let uid;
	let gid;
	if (isRoot) {
		// Postgres refuses to run as root: the Debian package's `postgres` user runs it.
		const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		if (r.status !== 0)
			throw new Error(
				'running as root, but there is no `postgres` user to run PostgreSQL as (apt-get install -y postgresql creates it)',
			);
		uid = Number(r.stdout.trim());
		gid = Number(g.stdout.trim());
	}
	fs.mkdirSync(dir, { recursive: true });
	const data = path.join(dir, 'data');
	const sock = path.join(dir, 'sock');
	fs.mkdirSync(sock, { recursive: true });
	if (isRoot) {
		fs.chmodSync(path.dirname(dir), 0o711); // mkdtemp makes 0700 dirs: let `postgres` through
		fs.chmodSync(dir, 0o755);
		for (const p of [dir, sock]) fs.chownSync(p, uid, gid);
	}
	const asPg = {
		uid,
		gid,
		env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
		encoding: 'utf8',
		cwd: dir,
	};
	const init = spawnSync(
		path.join(pgBin, 'initdb'),
		['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-sync'],
		asPg,
	);
	if (init.status !== 0)
		throw new Error(`initdb failed (exit ${init.status}):\n${init.stdout}\n${init.stderr}`);
	const port = await n8nHost.freePort();
	const settings = [
		`-p ${port}`,
		`-k ${sock}`,
		"-c listen_addresses='127.0.0.1'",
		// A throwaway database, nothing to keep after a crash; unless `durable` (the chaos suite, which
		// crashes it): then a commit is on disk before PostgreSQL confirms it, as in production.
		...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
		'-c max_connections=300',
	].join(' ');
	const logFile = path.join(dir, 'postgres.log');
	const start = spawnSync(
		path.join(pgBin, 'pg_ctl'),
		['-D', data, '-l', logFile, '-w', '-t', '60', '-o', settings, 'start'],
		asPg,
	);
	if (start.status !== 0)
		throw new Error(
			`pg_ctl start failed (exit ${start.status}):\n${start.stdout}\n${start.stderr}\n${tail(logFile)}`,
		);
	const stop = async () => {
		spawnSync(path.join(pgBin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], asPg);
	};
	/** Stops PostgreSQL at once (`-m immediate`: every connection dropped), waits, starts it again. */
	const restart = async (downMs = 0) => {
		await stop();
		await sleep(downMs);
		const again = spawnSync(
			path.join(pgBin, 'pg_ctl'),
			['-D', data, '-l', logFile, '-w', '-t', '60', '-o', settings, 'start'],
			asPg,
		);
		if (again.status !== 0)
			throw new Error(
				`pg_ctl start failed (exit ${again.status}):\n${again.stdout}\n${again.stderr}\n${tail(logFile)}`,
			);
	};
	// Stop it if this process exits without calling stop().
	process.once('exit', () => {
		spawnSync(path.join(pgBin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], asPg);
	});
	/** Runs one SQL statement with psql; resolves to its unaligned, tuples-only output (rows on lines, fields split by tabs). */
	const sql = async (query) => {
		const r = await n8nHost.run(
			path.join(pgBin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'n8n',
				'-d',
				'postgres',
				'-At',
				'-F',
				'\t',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				query,
			],
			{
				env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
			},
		);
		if (r.code !== 0) throw new Error(`psql failed (exit ${r.code}): ${r.stderr}`);
		return r.stdout;
	};
	return {
		port,
		host: '127.0.0.1',
		user: 'n8n',
		database: 'postgres',
		stop,
		restart,
		logFile,
		sql,
	};
}

// ---------------------------------------------------------------------------------------------
// The front: round robin over the webhook processes

/** Listens on 127.0.0.1:<port> (0: any free port); resolves to { port, url, served, stop }. */
function startFront(backends, port = 0, mode = 'round-robin') {
	const { server, api } = startFrontServer(backends, mode);
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const p = server.address().port;
			resolve({ ...api, port: p, url: `http://127.0.0.1:${p}` });
		});
	});
}

// ---------------------------------------------------------------------------------------------
// n8n in queue mode

/**
 * Starts Redis, Postgres, one main, `webhooks` webhook processes, `workers` workers and the front.
 *   opts: { tarball, credentials, workflows, activate, createOwner, webhooks = 2, workers = 2,
 *           workerConcurrency = 10, env (extra for every n8n process), readyTimeoutMs = 240000,
 *           frontPort (default: a free port), frontMode: 'round-robin' (default) | 'hash' (by URL),
 *           redisPersist: keep the queue in an append-only file over a Redis restart,
 *           postgresDurable: fsync and synchronous commits on (off by default: a throwaway database) }
 * Webhook processes and workers have `killAndRestart(downMs)`; `redis.restart(downMs)` and
 * `postgres.restart(downMs)` stop and start the services on the same ports (the chaos suite).
 * Returns { main, webhooks: [...], workers: [...], front, redis, postgres, frontUrl,
 *           webhookUrl(path), queueEnv, startMs, stop() }.
 */
async function startQueueHost(opts = {}) {
	const t0 = Date.now();
	const { redisServer, pgBin } = ensureServices();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
	const started = [];
	const stopAll = async () => {
		for (const s of started.reverse()) {
			try {
				await s();
			} catch {
				/* keep stopping the rest */
			}
		}
	};
	try {
		const redis = await startRedis(redisServer, path.join(dir, 'redis'), {
			persist: opts.redisPersist === true,
		});
		started.push(redis.stop);
		const postgres = await startPostgres(pgBin, path.join(dir, 'postgres'), {
			durable: opts.postgresDurable === true,
		});
		started.push(postgres.stop);

		// The front's address is every process's webhook URL, so it is chosen before anything starts.
		const frontPort = opts.frontPort || (await n8nHost.freePort());
		const frontUrl = `http://127.0.0.1:${frontPort}`;
		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
			WEBHOOK_URL: `${frontUrl}/`,
			N8N_WEBHOOK_URL: `${frontUrl}/`,
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			...(opts.env || {}),
		};

		const nWebhooks = opts.webhooks === undefined ? 2 : opts.webhooks;
		const nWorkers = opts.workers === undefined ? 2 : opts.workers;
		// The other processes' user folders (package installed) are prepared while main starts.
		const prepare = (kind, index) =>
			n8nHost.prepareN8n({
				tarball: opts.tarball,
				port: 0,
				userFolder: path.join(dir, `${kind}${index}`),
				env: queueEnv,
			});
		const prepared = Promise.all([
			Promise.all(Array.from({ length: nWebhooks }, (_, i) => prepare('webhook', i))),
			Promise.all(Array.from({ length: nWorkers }, (_, i) => prepare('worker', i))),
		]);
		prepared.catch(() => {}); // awaited below
		// Main first: it runs the database migrations, imports, publishes and registers the webhooks.
		const main = await n8nHost.startN8n({
			tarball: opts.tarball,
			credentials: opts.credentials,
			workflows: opts.workflows,
			activate: opts.activate,
			port: 0,
			userFolder: path.join(dir, 'main'),
			createOwner: opts.createOwner,
			readyTimeoutMs: opts.readyTimeoutMs || 240000,
			env: {
				...queueEnv,
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			},
		});
		started.push(main.stop);

		const [webhookCtx, workerCtx] = await prepared;
		const startProcess = async (ctx, kind, index, extraEnv, args, ready) => {
			const launch = async () => {
				const brokerPort = await n8nHost.freePort();
				const env = { ...ctx.env, N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...extraEnv };
				const proc = spawnGroup(ctx.host.node, [ctx.host.n8nBin, ...args], {
					env,
					cwd: ctx.userFolder,
					logFile: ctx.logFile,
				});
				await waitFor(`n8n ${kind} ${index}`, () => ready(ctx, proc, proc.logStart), {
					timeoutMs: opts.readyTimeoutMs || 240000,
					proc,
				});
				return proc;
			};
			let proc = await launch();
			started.push(() => proc.stop());
			const entry = {
				kind,
				index,
				port: ctx.port,
				baseUrl: ctx.baseUrl,
				userFolder: ctx.userFolder,
				logFile: ctx.logFile,
				pid: proc.pid,
				exited: () => proc.exited(),
				stop: () => proc.stop(),
				logTail: (n) => tail(ctx.logFile, n),
				/** SIGKILL to the process group (n8n and its task runners), a wait, and the same process started again. */
				killAndRestart: async (downMs = 0) => {
					killGroup(proc.child, 'SIGKILL');
					await proc.exit;
					await sleep(downMs);
					proc = await launch();
					entry.pid = proc.pid;
				},
			};
			return entry;
		};
		const logHas = (file, re, from = 0) => {
			try {
				return re.test(fs.readFileSync(file).subarray(from).toString('utf8'));
			} catch {
				return false;
			}
		};
		const concurrency = opts.workerConcurrency || 10;
		const [webhooks, workers] = await Promise.all([
			Promise.all(
				Array.from({ length: nWebhooks }, (_, i) =>
					startProcess(webhookCtx[i], 'webhook', i, {}, ['webhook'], async (ctx, _proc, from) => {
						if (!logHas(ctx.logFile, /Webhook listener waiting for requests/, from)) return false;
						try {
							return (
								await fetch(`${ctx.baseUrl}/healthz/readiness`, {
									signal: AbortSignal.timeout(2000),
								})
							).ok;
						} catch {
							return false;
						}
					}),
				),
			),
			Promise.all(
				Array.from({ length: nWorkers }, async (_, i) => {
					const healthPort = await n8nHost.freePort();
					return startProcess(
						workerCtx[i],
						'worker',
						i,
						{
							QUEUE_HEALTH_CHECK_ACTIVE: 'true',
							QUEUE_HEALTH_CHECK_PORT: String(healthPort),
							N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
						},
						['worker', `--concurrency=${concurrency}`],
						async (ctx, _proc, from) => logHas(ctx.logFile, /n8n worker is now ready/, from),
					);
				}),
			),
		]);

		// The front on the port every process was told is the webhook URL.
		const front = await startFront(webhooks, frontPort, opts.frontMode || 'round-robin');
		started.push(front.stop);

		return {
			dir,
			main,
			webhooks,
			workers,
			front,
			redis,
			postgres,
			queueEnv,
			frontUrl,
			startMs: Date.now() - t0,
			webhookUrl: (p) => `${frontUrl}/webhook/${String(p).replace(/^\//, '')}`,
			sql: postgres.sql,
			/** Which worker logged "Worker started execution <id>", by execution id. */
			executionWorkers: () => {
				const byExec = {};
				for (const w of workers) {
					const text = fs.readFileSync(w.logFile, 'utf8');
					for (const m of text.matchAll(/started execution (\d+)/gi)) byExec[m[1]] = w.index;
				}
				return byExec;
			},
			stop: async () => {
				await stopAll();
				if (process.env.N8N_E2E_KEEP_USER_FOLDER !== '1')
					fs.rmSync(dir, { recursive: true, force: true });
			},
		};
	} catch (e) {
		await stopAll();
		log(`start failed; logs kept in ${dir}`);
		throw e;
	}
}

/** The front's server without listening (see startFront). */
function startFrontServer(backends, mode = 'round-robin') {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
	let next = 0;
	const served = backends.map(() => 0);
	const server = http.createServer((req, res) => {
		const pinned = req.headers['x-queue-backend'];
		let i;
		if (pinned !== undefined && /^\d+$/.test(String(pinned)) && Number(pinned) < backends.length)
			i = Number(pinned);
		else if (mode === 'hash') {
			// Like nginx `hash $request_uri` / HAProxy `balance uri`: one URL, one backend.
			i =
				crypto
					.createHash('sha1')
					.update(req.url || '')
					.digest()
					.readUInt32BE(0) % backends.length;
		} else {
			i = next;
			next = (next + 1) % backends.length;
		}
		served[i]++;
		const headers = { ...req.headers };
		delete headers['x-queue-backend'];
		const up = http.request(
			{
				host: '127.0.0.1',
				port: backends[i].port,
				method: req.method,
				path: req.url,
				headers,
				agent,
			},
			(upRes) => {
				res.writeHead(upRes.statusCode || 502, { ...upRes.headers, 'x-queue-backend': String(i) });
				upRes.pipe(res);
			},
		);
		up.on('error', (e) => {
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`front: backend ${i} failed: ${e.message}`);
		});
		req.pipe(up);
	});
	server.keepAliveTimeout = 30000;
	const api = {
		served,
		stop: () =>
			new Promise((r) => {
				agent.destroy();
				if (server.closeAllConnections) server.closeAllConnections();
				server.close(() => r());
			}),
	};
	return { server, api };
}

module.exports = {
	ensureServices,
	startRedis,
	startPostgres,
	startFront,
	startQueueHost,
	findPgBin,
};

if (require.main === module) {
	const [cmd] = process.argv.slice(2);
	if (cmd === 'check') {
		console.log(JSON.stringify(ensureServices()));
	} else {
		console.error('usage: node scripts/queue-host.js check');
		process.exit(2);
	}
}
