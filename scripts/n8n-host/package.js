'use strict';
/** Installing the package's tarball into a user folder as n8n's Community Nodes installer does. Part of scripts/n8n-host.js (its top comment is the overview). */
const fs = require('fs');
const path = require('path');
const { run } = require('./util');

// ---------------------------------------------------------------------------------------------
// Community package install

/**
 * Installs a package tarball into <userFolder>/.n8n/nodes.
 * mode 'n8n' (default): as n8n 2.35.6's Community Nodes installer does (see the top of this file).
 * mode 'npm': `npm install <tarball>` in <nodes> (the manual / Docker-image way).
 * Uses the `npm` on PATH (the system npm; the host's Node 24 package brings no npm).
 */
async function installCommunityPackage(userFolder, tarball, { mode = 'n8n', npm = 'npm' } = {}) {
	tarball = path.resolve(tarball);
	if (!fs.existsSync(tarball)) throw new Error(`tarball not found: ${tarball}`);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });
	const rootPkgFile = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(rootPkgFile)) {
		fs.writeFileSync(
			rootPkgFile,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	const npmEnv = { ...process.env, npm_config_update_notifier: 'false' };
	const check = (r, what) => {
		if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
		return r;
	};

	if (mode === 'npm') {
		check(
			await run(npm, ['install', tarball, '--ignore-scripts', '--no-audit', '--no-fund'], {
				cwd: nodesDir,
				env: npmEnv,
			}),
			`npm install ${tarball}`,
		);
		const name = JSON.parse(
			check(await run('tar', ['-xzOf', tarball, 'package/package.json']), 'tar').stdout,
		).name;
		return { name, dir: path.join(nodesDir, 'node_modules', name) };
	}

	// mode 'n8n'
	const manifest = JSON.parse(
		check(await run('tar', ['-xzOf', tarball, 'package/package.json']), 'tar').stdout,
	);
	const pkgDir = path.join(nodesDir, 'node_modules', manifest.name);
	fs.rmSync(pkgDir, { recursive: true, force: true });
	fs.mkdirSync(pkgDir, { recursive: true });
	check(await run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']), 'tar -xzf');
	const pkgJsonFile = path.join(pkgDir, 'package.json');
	// eslint-disable-next-line no-unused-vars
	const { devDependencies, peerDependencies, optionalDependencies, ...kept } = JSON.parse(
		fs.readFileSync(pkgJsonFile, 'utf8'),
	);
	fs.writeFileSync(pkgJsonFile, JSON.stringify(kept, null, 2));
	check(
		await run(
			npm,
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: pkgDir, env: npmEnv },
		),
		`npm install (in ${pkgDir})`,
	);
	const rootPkg = JSON.parse(fs.readFileSync(rootPkgFile, 'utf8'));
	rootPkg.dependencies = { ...(rootPkg.dependencies || {}), [manifest.name]: manifest.version };
	fs.writeFileSync(rootPkgFile, JSON.stringify(rootPkg, null, 2));
	return { name: manifest.name, dir: pkgDir };
}

module.exports = { installCommunityPackage };
