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
 * This file is the entry point and the public face; each job has its own module in n8n-host/:
 *   host.js     which n8n (N8N_TEST_HOST) and where its install lives
 *   util.js     short child processes, free ports, log tails, JSON in CLI output
 *   processes.js  long-running children in their own process groups (queue-host.js uses it too)
 *   package.js  the package's tarball into a user folder, as Community Nodes installs it
 *   cli.js      n8n's environment and CLI (execute) against a user folder
 *   publish.js  publishing the imported workflows before start
 *   template.js a new user folder's database, migrated once per host and copied
 *   server.js   preparing a user folder (install, import, publish) and `n8n start` on it
 *   rest.js     n8n's REST API (owner, login, executions) and public API
 *   dev.js      `npm run dev`: the examples, their credentials, the mock provider, a local n8n
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
const {
	N8N_VERSION,
	REPO_ROOT,
	ensureHostInstalled,
	hostDir,
	hostPaths,
} = require('./n8n-host/host');
const { extractJson, freePort, run } = require('./n8n-host/util');
const { installCommunityPackage } = require('./n8n-host/package');
const { executeWorkflow, n8nEnv, nodeOutputJson } = require('./n8n-host/cli');
const { prepareN8n, startN8n } = require('./n8n-host/server');
const { login, rest } = require('./n8n-host/rest');
const {
	EXAMPLE_MOCK_URL,
	EXAMPLE_N8N_URL,
	dev,
	ensureMockCli,
	readExampleCredentials,
	retargetExample,
} = require('./n8n-host/dev');

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
