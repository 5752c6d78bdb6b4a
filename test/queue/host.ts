/**
 * Typed face of scripts/queue-host.js (n8n in queue mode: Redis, PostgreSQL, main, webhook
 * processes, workers, round-robin front), for the queue-mode tests and benchmarks.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { N8nInstance, OwnerAccount } from '../e2e/harness/n8n';

export interface QueueProcess {
	kind: 'webhook' | 'worker';
	index: number;
	port: number;
	baseUrl: string;
	userFolder: string;
	logFile: string;
	pid: number;
	exited(): { code: number | null; signal: string | null } | null;
	logTail(n?: number): string;
	/** SIGKILL to the process group, `downMs` of waiting, and the same process started again (same port). */
	killAndRestart(downMs?: number): Promise<void>;
}

export interface QueueHost {
	dir: string;
	main: N8nInstance;
	webhooks: QueueProcess[];
	workers: QueueProcess[];
	front: { port: number; url: string; served: number[]; stop(): Promise<void> };
	redis: { port: number; restart(downMs?: number): Promise<void> };
	postgres: {
		port: number;
		host: string;
		user: string;
		database: string;
		restart(downMs?: number): Promise<void>;
	};
	queueEnv: Record<string, string>;
	frontUrl: string;
	startMs: number;
	/** One SQL statement through psql against n8n's database; its unaligned output (rows on lines, tab-separated). */
	sql(query: string): Promise<string>;
	/** `<front>/webhook/<path>`. */
	webhookUrl(p: string): string;
	/** Worker index by execution id, from the workers' "Worker started execution <id>" log lines. */
	executionWorkers(): Record<string, number>;
	stop(): Promise<void>;
}

export interface QueueHostOptions {
	tarball: string;
	credentials?: object[];
	workflows?: object[];
	activate?: string[];
	createOwner?: OwnerAccount;
	webhooks?: number;
	workers?: number;
	workerConcurrency?: number;
	env?: Record<string, string>;
	readyTimeoutMs?: number;
	/** The front's port (0 or unset: any free port); known before n8n starts, e.g. for callback URLs. */
	frontPort?: number;
	/** 'round-robin' (default), or 'hash': one webhook process per request URL (nginx `hash $request_uri`). */
	frontMode?: 'round-robin' | 'hash';
	/** Keep Redis' queue in an append-only file, so that a Redis restart keeps it. */
	redisPersist?: boolean;
	/** PostgreSQL with fsync and synchronous commits (a crash keeps what it confirmed). */
	postgresDurable?: boolean;
}

interface QueueHostModule {
	startQueueHost(opts: QueueHostOptions): Promise<QueueHost>;
	ensureServices(): { redisServer: string; pgBin: string };
}

/** scripts/queue-host.js above this file (from test/queue, or from a compiled copy such as .bench-build/test/queue). */
function findScript(): string {
	for (let dir = __dirname; ; dir = path.dirname(dir)) {
		const candidate = path.join(dir, 'scripts', 'queue-host.js');
		if (fs.existsSync(candidate)) return candidate;
		if (path.dirname(dir) === dir)
			throw new Error(`scripts/queue-host.js not found above ${__dirname}`);
	}
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const mod = require(findScript()) as QueueHostModule;
export const startQueueHost = mod.startQueueHost;
export const ensureServices = mod.ensureServices;
