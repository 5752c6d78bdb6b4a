/**
 * Typed face of scripts/queue-host.js (n8n in queue mode: Redis, PostgreSQL, main, webhook
 * processes, workers, round-robin front), for the queue-mode tests and benchmarks.
 */
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
}

export interface QueueHost {
	dir: string;
	main: N8nInstance;
	webhooks: QueueProcess[];
	workers: QueueProcess[];
	front: { port: number; url: string; served: number[]; stop(): Promise<void> };
	redis: { port: number };
	postgres: { port: number; host: string; user: string; database: string };
	queueEnv: Record<string, string>;
	frontUrl: string;
	startMs: number;
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
}

interface QueueHostModule {
	startQueueHost(opts: QueueHostOptions): Promise<QueueHost>;
	ensureServices(): { redisServer: string; pgBin: string };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const mod = require(path.join(__dirname, '..', '..', 'scripts', 'queue-host.js')) as QueueHostModule;
export const startQueueHost = mod.startQueueHost;
export const ensureServices = mod.ensureServices;
