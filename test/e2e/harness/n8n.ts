/**
 * Real-n8n harness for end-to-end tests and benchmarks (n8n 2.35.6 on Node 24).
 *
 * This file is the typed face of scripts/n8n-host.js, which holds the one implementation (shared
 * with `npm run dev`). Prerequisite: `bash scripts/install-n8n.sh` (idempotent; call
 * `ensureHostInstalled()` from a jest globalSetup to run it), and a tarball of the package
 * (`npm run build && npm pack`).
 *
 *   const n8n = await startN8n({
 *     tarball: 'n8n-nodes-whatsapp-interactive-0.1.0.tgz',
 *     credentials: [{ id, name, type, data }], // optional; import:credentials (plain data), before the workflows
 *     workflows: [wfJson],                 // each carries its own "id"; imported with import:workflow
 *     activate: ['wfWebhook01'],          // published with publish:workflow before `n8n start`
 *     port: 0,                             // 0 = any free port; default 5678 (or a free one if taken)
 *     createOwner: { email: 'owner@example.com', password: 'Passw0rd-e2e', firstName: 'E', lastName: 'Two' },
 *   });
 *   try { ... } finally { await n8n.stop(); }   // kills n8n's whole process group
 *
 * What it does: a temp N8N_USER_FOLDER (or opts.userFolder); installs the tarball into
 * <userFolder>/.n8n/nodes exactly as n8n 2.35.6's Community Nodes installer does (tar -x into
 * nodes/node_modules/<name>, peer/dev/optional deps dropped from its package.json, `npm install
 * --install-strategy=shallow --ignore-scripts` in the package dir for its own dependencies);
 * SQLite; listens on 127.0.0.1 only; telemetry, version checks, templates, banners,
 * personalization, license renewal and the MCP-registry fetch off; NODE_ENV=production (jest's
 * NODE_ENV=test would make n8n refuse to load nodes); `n8n start` with Node 24 first on PATH, stdout
 * and stderr to <userFolder>/n8n.log (its tail is in every startup error); waits for
 * /healthz/readiness and then for "Editor is now accessible via" (logged after published workflows
 * were activated), and checks each opts.activate id logged "Activated workflow ... (ID: <id>)".
 *
 * Module resolution inside n8n (measured): n8n sets NODE_PATH to its own module.paths when it
 * loads nodes (LoadNodesAndCredentials.init), so a community package that does require('zod') or
 * require('n8n-workflow') without shipping them gets n8n's own hoisted copies:
 * <hostDir>/node_modules/zod (3.25.76; 'zod/v4' and 'zod/v3' resolve too) and
 * <hostDir>/node_modules/n8n-workflow (2.35.3, the very instance n8n-core uses). The installer
 * strips peerDependencies, so nothing is installed next to the package.
 *
 * Running workflows and reading results back:
 *  - n8n.runManually(id): runs a workflow from its Manual Trigger on the started n8n, as the
 *    editor's Execute Workflow button does (needs createOwner), and waits until it has ended or
 *    waits. Its result `.run` is the execution: run.data.resultData.runData[nodeName][0].data.main[0][i].json;
 *    `nodeOutputJson(run, 'Node name')` returns those json objects. code is 1 when the execution
 *    failed; run.data.resultData.error then holds the error.
 *  - executeWorkflow(ctx, id): `n8n execute --id=<id> --rawOutput`, the same result without a
 *    started server (a separate n8n process on the user folder, about 5 s to boot; the benchmarks
 *    use it on a prepared folder).
 *  - Production webhooks (workflows in opts.activate): POST to n8n.webhookUrl(path), i.e.
 *    `http://127.0.0.1:<port>/webhook/<path>` where <path> is the Webhook node's "path" parameter
 *    (the test URL /webhook-test/<path> needs an editor session and is not for tests).
 *  - Executions of a started instance: public API with an API key. Start with createOwner (REST
 *    POST /rest/owner/setup; the session cookie is kept), then n8n.listExecutions({ workflowId,
 *    status, includeData: true }) / n8n.getExecution(id) / n8n.waitForExecutions(q, n) — the first
 *    call creates an API key through REST (GET /rest/api-keys/scopes, POST /rest/api-keys) and uses
 *    GET /api/v1/executions with X-N8N-API-KEY. n8n.rest() reaches the internal REST API with the
 *    owner's cookie. Production executions (webhook, trigger) and CLI executions are saved (n8n's
 *    defaults); the API lists them with mode 'webhook' / 'cli'.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface CliResult {
	stdout: string;
	stderr: string;
	code: number;
}

export interface CliOptions {
	timeoutMs?: number;
	env?: Record<string, string>;
}

export interface OwnerAccount {
	email: string;
	password: string; // n8n: 8+ chars with a number and an uppercase letter
	firstName: string;
	lastName: string;
}

export interface StartOptions {
	/** Package tarball(s) to install as community packages. */
	tarball?: string;
	tarballs?: string[];
	/**
	 * Credentials to import before the workflows (`n8n import:credentials`), each
	 * `{ id, name, type, data }` with `data` as plain JSON (n8n encrypts it on import).
	 */
	credentials?: object[];
	/** Workflow JSON objects; each must carry its own `id`. */
	workflows?: object[];
	/** Workflow ids to publish (activate) before start. */
	activate?: string[];
	/** undefined: 5678 if free, else a free port; 0: a free port; n: exactly n. */
	port?: number;
	/** Extra environment for every n8n process; applied last. */
	env?: Record<string, string>;
	/** Default: a new mkdtemp folder under os.tmpdir(), deleted by stop()/dispose() (kept after a failed start). */
	userFolder?: string;
	keepUserFolder?: boolean;
	createOwner?: OwnerAccount;
	/** 'n8n' (default): as n8n's installer does; 'npm': `npm install <tarball>` in the nodes folder. */
	installMode?: 'n8n' | 'npm';
	/** Default 120000 (readiness plus activation). */
	readyTimeoutMs?: number;
	/** Default 15000: SIGTERM, then SIGKILL to the process group. */
	stopTimeoutMs?: number;
	/** Default true: on SIGINT/SIGTERM/SIGHUP of this process, SIGKILL the started n8n groups first. */
	killOnSignal?: boolean;
	/** Default: scripts/n8n-host-dir.sh's answer (N8N_HOST_DIR or the cache dir). */
	hostDir?: string;
}

export interface InstalledPackage {
	name: string;
	dir: string;
}

/** A prepared user folder (package installed, workflows imported); no server running. */
export interface N8nContext {
	baseUrl: string;
	port: number;
	userFolder: string;
	logFile: string;
	env: Record<string, string>;
	installed: InstalledPackage[];
	host: { dir: string; binDir: string; node: string; n8nBin: string };
	cli(args: string[], opts?: CliOptions): Promise<CliResult>;
	/** Deletes the user folder if the harness created it (kept with keepUserFolder / N8N_E2E_KEEP_USER_FOLDER=1). */
	dispose(): void;
}

export interface NodeExecutionItem {
	json: Record<string, unknown>;
	binary?: Record<string, unknown>;
	pairedItem?: unknown;
	[key: string]: unknown;
}

export interface TaskData {
	startTime: number;
	executionTime: number;
	executionStatus?: string;
	source?: unknown[];
	data?: { main?: Array<NodeExecutionItem[] | null> };
	error?: { message: string; [key: string]: unknown };
	[key: string]: unknown;
}

export interface RunData {
	resultData: {
		runData: Record<string, TaskData[]>;
		lastNodeExecuted?: string;
		error?: {
			message: string;
			description?: string;
			node?: { name: string };
			[key: string]: unknown;
		};
	};
	[key: string]: unknown;
}

/** The IRun printed by `n8n execute --rawOutput`. */
export interface WorkflowRun {
	data: RunData;
	mode?: string;
	status?: string;
	finished?: boolean;
	startedAt?: string;
	stoppedAt?: string;
	[key: string]: unknown;
}

export interface ExecuteResult extends CliResult {
	run: WorkflowRun | undefined;
}

/** An execution from the public API (GET /api/v1/executions). */
export interface ExecutionSummary {
	id: string;
	finished: boolean;
	mode: string;
	status: string;
	startedAt: string;
	stoppedAt: string | null;
	workflowId: string;
	data?: RunData;
	[key: string]: unknown;
}

export interface ExecutionQuery {
	workflowId?: string;
	status?: 'success' | 'error' | 'waiting' | 'canceled' | 'running';
	includeData?: boolean;
	limit?: number;
	cursor?: string;
}

export interface N8nInstance extends N8nContext {
	pid: number;
	/** ms: preparing (install, import, publish); spawn to /healthz/readiness 200; spawn to fully started. */
	prepareMs: number;
	readinessMs: number;
	readyMs: number;
	cookie: string | undefined;
	apiKey: string | undefined;
	/** SIGTERM to n8n's process group (SIGKILL after stopTimeoutMs, default 15 s), then dispose(). */
	stop(): Promise<void>;
	exited(): { code: number | null; signal: string | null } | null;
	logTail(lines?: number): string;
	/** `http://127.0.0.1:<port>/webhook/<path>` */
	webhookUrl(path: string): string;
	rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	setupOwner(owner: OwnerAccount): Promise<unknown>;
	createApiKey(label?: string): Promise<string>;
	publicApi<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	listExecutions(q?: ExecutionQuery): Promise<ExecutionSummary[]>;
	getExecution(id: string): Promise<ExecutionSummary>;
	waitForExecutions(
		q?: ExecutionQuery,
		n?: number,
		timeoutMs?: number,
	): Promise<ExecutionSummary[]>;
	/** Runs the workflow from its Manual Trigger, as the editor does; resolves once it ended or waits. */
	runManually(workflowId: string, opts?: { timeoutMs?: number }): Promise<ExecuteResult>;
}

interface HostModule {
	N8N_VERSION: string;
	REPO_ROOT: string;
	hostDir(): string;
	ensureHostInstalled(): Promise<string>;
	installCommunityPackage(
		userFolder: string,
		tarball: string,
		opts?: { mode?: 'n8n' | 'npm'; npm?: string },
	): Promise<InstalledPackage>;
	prepareN8n(opts: StartOptions): Promise<N8nContext>;
	startN8n(opts: StartOptions): Promise<N8nInstance>;
	executeWorkflow(
		ctx: Pick<N8nContext, 'cli'> & object,
		workflowId: string,
		opts?: CliOptions,
	): Promise<ExecuteResult>;
	nodeOutputJson(
		run: WorkflowRun | undefined,
		nodeName: string,
		opts?: { runIndex?: number; outputIndex?: number },
	): Array<Record<string, unknown>> | undefined;
	freePort(): Promise<number>;
	login(inst: N8nInstance, owner: OwnerAccount): Promise<void>;
}

/** scripts/n8n-host.js, found upwards from here (works from test/e2e/harness and from a compiled copy such as .bench-build/). */
function loadHost(): HostModule {
	let dir = __dirname;
	for (;;) {
		const candidate = path.join(dir, 'scripts', 'n8n-host.js');
		if (fs.existsSync(candidate)) {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			return require(candidate) as HostModule;
		}
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error(`scripts/n8n-host.js not found above ${__dirname}`);
		dir = parent;
	}
}

const host = loadHost();

export const N8N_VERSION: string = host.N8N_VERSION;

/** Where scripts/install-n8n.sh installs n8n (N8N_HOST_DIR or the cache dir keyed by the lock file). */
export function hostDir(): string {
	return host.hostDir();
}

/** Runs scripts/install-n8n.sh (no-op when installed); resolves to the host dir. For globalSetup. */
export async function ensureHostInstalled(): Promise<string> {
	return host.ensureHostInstalled();
}

export async function installCommunityPackage(
	userFolder: string,
	tarball: string,
	opts?: { mode?: 'n8n' | 'npm' },
): Promise<InstalledPackage> {
	return host.installCommunityPackage(userFolder, tarball, opts);
}

/** User folder + package + imported/published workflows, without starting the server. */
export async function prepareN8n(opts: StartOptions): Promise<N8nContext> {
	return host.prepareN8n(opts);
}

export async function startN8n(opts: StartOptions): Promise<N8nInstance> {
	return host.startN8n(opts);
}

/** `n8n execute --id=<id> --rawOutput` on the context's user folder; `.run` is the parsed IRun. */
export async function executeWorkflow(
	ctx: N8nContext,
	workflowId: string,
	opts?: CliOptions,
): Promise<ExecuteResult> {
	return host.executeWorkflow(ctx, workflowId, opts);
}

/** The json of each item a node output: run.data.resultData.runData[node][runIndex].data.main[outputIndex]. */
export function nodeOutputJson(
	run: WorkflowRun | undefined,
	nodeName: string,
	opts?: { runIndex?: number; outputIndex?: number },
): Array<Record<string, unknown>> | undefined {
	return host.nodeOutputJson(run, nodeName, opts);
}

export async function freePort(): Promise<number> {
	return host.freePort();
}
