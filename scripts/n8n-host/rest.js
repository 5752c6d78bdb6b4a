'use strict';
/** n8n's REST API (session cookie) and public API (API key). Part of scripts/n8n-host.js (its top comment is the overview). */
const { sleep } = require('./util');

const BROWSER_ID = 'n8n-nodes-whatsapp-interactive-harness';
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

/**
 * Whether an execution read with its data has that data saved for the status it has. n8n 1.x with
 * its default SQLite settings writes the status and the data in two statements, so a reader can
 * see 'success' (or 'error', 'waiting') with the data from before: without the node it ran last.
 */
function dataSaved(e) {
	return (
		!['success', 'error', 'waiting'].includes(e.status) ||
		Boolean(e.data?.resultData?.lastNodeExecuted)
	);
}

/** Polls until at least n finished executions match q; returns them (newest first). */
async function waitForExecutions(inst, q = {}, n = 1, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	const query = { includeData: true, ...q };
	for (;;) {
		const list = (await listExecutions(inst, query)).filter(
			(e) =>
				(e.finished || (e.status && !['new', 'running', 'waiting'].includes(e.status))) &&
				(!query.includeData || dataSaved(e)),
		);
		if (list.length >= n) return list;
		if (Date.now() > deadline)
			throw new Error(`only ${list.length}/${n} executions after ${timeoutMs} ms`);
		await sleep(250);
	}
}

/** Statuses after which an execution does not change until something resumes it. */
const SETTLED = ['success', 'error', 'crashed', 'canceled', 'waiting'];

/**
 * Runs a workflow from its Manual Trigger on the started n8n, as the editor's Execute Workflow
 * button does (POST /rest/workflows/<id>/run with the owner's session), and waits until the
 * execution has ended or waits (Send and Wait). n8n 1.x takes the workflow in the body, 2.x reads
 * it from the database and ignores it; both take `triggerToStartFrom`. Returns { code, run } like
 * `n8n execute`: run is the execution from the public API (run.data.resultData.runData …), code 1
 * when it failed.
 */
async function runManually(inst, workflowId, { timeoutMs = 60000 } = {}) {
	if (!inst.cookie)
		throw new Error('runManually needs the owner logged in (startN8n({ createOwner }))');
	const workflowData = await rest(inst, 'GET', `/workflows/${workflowId}`);
	const starts = (workflowData.nodes || []).filter(
		(n) => n.type === 'n8n-nodes-base.manualTrigger' && !n.disabled,
	);
	if (starts.length !== 1)
		throw new Error(
			`workflow ${workflowId} has ${starts.length} Manual Triggers; runManually needs one`,
		);
	const started = await rest(inst, 'POST', `/workflows/${workflowId}/run`, {
		workflowData,
		triggerToStartFrom: { name: starts[0].name },
	});
	if (!started || !started.executionId)
		throw new Error(`n8n started no execution of ${workflowId}: ${JSON.stringify(started)}`);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const run = await getExecution(inst, started.executionId).catch(() => undefined);
		if (run && SETTLED.includes(run.status) && dataSaved(run)) {
			const failed = run.status !== 'success' && run.status !== 'waiting';
			return { code: failed || run.data?.resultData?.error ? 1 : 0, run, stdout: '', stderr: '' };
		}
		if (Date.now() > deadline)
			throw new Error(
				`execution ${started.executionId} of ${workflowId} still ${run ? `${run.status}${dataSaved(run) ? '' : ' without its data'}` : 'unsaved'} after ${timeoutMs} ms`,
			);
		await sleep(100);
	}
}

module.exports = {
	BROWSER_ID,
	createApiKey,
	getExecution,
	listExecutions,
	login,
	publicApi,
	rest,
	runManually,
	setupOwner,
	waitForExecutions,
};
