'use strict';
/** Which n8n runs the tests (N8N_TEST_HOST) and where its install lives. Part of scripts/n8n-host.js (its top comment is the overview). */
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run } = require('./util');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
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

module.exports = {
	HOST_SRC,
	N8N_MAJOR,
	N8N_VERSION,
	REPO_ROOT,
	ensureHostInstalled,
	hostDir,
	hostPaths,
};
