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

module.exports = {
	BROWSER_ID,
	createApiKey,
	getExecution,
	listExecutions,
	login,
	publicApi,
	rest,
	setupOwner,
	waitForExecutions,
};
