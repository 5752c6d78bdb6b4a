/**
 * Wall-clock spans of n8n's webhook phase, one JSON line per production webhook request, for
 * `bench/spans.ts`. Loaded into n8n with `NODE_OPTIONS=--require=<this file>`; it wraps a few of
 * n8n's own methods as their files load and writes to the file named by `WAI_SPANS_FILE`:
 *
 * - `total`: `LiveWebhooks.executeWebhook`, from the request reaching n8n's webhook handler until
 *   n8n hands the answer to Express (the acknowledgement);
 * - `isolate`: waiting for expression isolates (`Expression.acquireIsolate`, every caller: the
 *   webhook phase, a credential read, the execution once it starts);
 * - `node`: the trigger's `webhook()` (`WebhookService.runWebhook`);
 * - `run`: `WorkflowRunner.run`, which stores the execution and starts it;
 * - `staticSave`: `WorkflowStaticDataService.saveStaticData`, which n8n awaits before it answers;
 * - for an answer given inside the execution (n8n's Webhook node set to Respond "Using 'Respond to
 *   Webhook' Node", e.g. the router): `setRunning` (`ExecutionRepository.setRunning`), `before`
 *   (the `workflowExecuteBefore` hooks), `nodes` (`WorkflowExecute.runNode`, every node run before
 *   the answer) and `responded` (when a node's answer reached n8n, from the request's start).
 *
 * A bench tool only: never part of the package.
 */
import { AsyncLocalStorage } from 'async_hooks';
import * as fs from 'fs';
import Module = require('module');

type Spans = Record<string, number>;
const als = new AsyncLocalStorage<Spans>();
const out = process.env.WAI_SPANS_FILE;

type Method = (...args: unknown[]) => unknown;
type Proto = Record<string, Method>;

/** Adds the time `name` took to the current request's spans (a method may run more than once). */
function timed(proto: Proto, method: string, name: string): void {
	const original = proto[method];
	if (typeof original !== 'function') return;
	proto[method] = function (this: unknown, ...args: unknown[]) {
		const spans = als.getStore();
		if (!spans) return original.apply(this, args);
		const t0 = performance.now();
		const add = () => {
			spans[name] = (spans[name] ?? 0) + performance.now() - t0;
		};
		const result = original.apply(this, args);
		if (result instanceof Promise) return result.finally(add);
		add();
		return result;
	};
}

/** Adds the time of `hookName` runs of `runHook` to `name`. */
function timedHook(proto: Proto, hookName: string, name: string): void {
	const original = proto.runHook;
	proto.runHook = function (this: unknown, ...args: unknown[]) {
		const spans = als.getStore();
		if (!spans || args[0] !== hookName) return original.apply(this, args);
		const t0 = performance.now();
		return (original.apply(this, args) as Promise<unknown>).finally(() => {
			spans[name] = (spans[name] ?? 0) + performance.now() - t0;
		});
	};
}

/** Records when `method` was first called, from the request's start (`t0` in the spans). */
function marked(proto: Proto, method: string, name: string): void {
	const original = proto[method];
	proto[method] = function (this: unknown, ...args: unknown[]) {
		const spans = als.getStore();
		if (spans && spans[name] === undefined) spans[name] = performance.now() - spans.t0;
		return original.apply(this, args);
	};
}

/** Runs `executeWebhook` inside a store of spans and writes them when it is answered. */
function root(proto: Proto): void {
	const original = proto.executeWebhook;
	proto.executeWebhook = function (this: unknown, ...args: unknown[]) {
		const t0 = performance.now();
		const spans: Spans = { t0 };
		const request = args[0] as { params?: { path?: string } };
		const path = request.params?.path ?? '';
		const start = Date.now();
		return als.run(spans, () =>
			(original.apply(this, args) as Promise<unknown>).finally(() => {
				spans.total = performance.now() - t0;
				spans.at = start;
				if (out) fs.appendFileSync(out, JSON.stringify({ path, ...spans, t0: undefined }) + '\n');
			}),
		);
	};
}

const patches: Array<[string, (exports: Record<string, { prototype: Proto }>) => void]> = [
	['/n8n/dist/webhooks/live-webhooks.js', (e) => root(e.LiveWebhooks.prototype)],
	[
		'/n8n/dist/webhooks/webhook.service.js',
		(e) => timed(e.WebhookService.prototype, 'runWebhook', 'node'),
	],
	['/n8n/dist/workflow-runner.js', (e) => timed(e.WorkflowRunner.prototype, 'run', 'run')],
	[
		'/n8n/dist/workflows/workflow-static-data.service.js',
		(e) => timed(e.WorkflowStaticDataService.prototype, 'saveStaticData', 'staticSave'),
	],
	[
		'/n8n-workflow/dist/cjs/expression.js',
		(e) => timed(e.Expression.prototype, 'acquireIsolate', 'isolate'),
	],
	[
		'/@n8n/db/dist/repositories/execution.repository.js',
		(e) => timed(e.ExecutionRepository.prototype, 'setRunning', 'setRunning'),
	],
	[
		'/n8n-core/dist/execution-engine/execution-lifecycle-hooks.js',
		(e) => timedHook(e.ExecutionLifecycleHooks.prototype, 'workflowExecuteBefore', 'before'),
	],
	[
		'/n8n-core/dist/execution-engine/workflow-execute.js',
		(e) => timed(e.WorkflowExecute.prototype, 'runNode', 'nodes'),
	],
	[
		'/n8n/dist/active-executions.js',
		(e) => marked(e.ActiveExecutions.prototype, 'resolveResponsePromise', 'responded'),
	],
];

const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = loader._load;
const done = new Set<string>();
loader._load = function (request: string, ...rest: unknown[]) {
	const exports = load.call(this, request, ...rest) as Record<string, { prototype: Proto }>;
	if (done.size < patches.length) {
		let file: string | undefined;
		try {
			file = (Module as unknown as { _resolveFilename: (r: string, p: unknown) => string })
				._resolveFilename(request, rest[0])
				.split('\\')
				.join('/');
		} catch {
			file = undefined;
		}
		for (const [suffix, patch] of patches) {
			if (file?.endsWith(suffix) && !done.has(suffix)) {
				done.add(suffix);
				patch(exports);
			}
		}
	}
	return exports;
};
