#!/usr/bin/env node
'use strict';
/**
 * find-newest-n8n.js — which is the newest n8n 2.x whose dependency tree installs from the npm
 * registry this machine uses? A maintenance tool (not run by CI): run it when n8n releases, and
 * move test/e2e/host-newest to what it finds.
 *
 *   node scripts/find-newest-n8n.js [--major 2] [--tries 6] [--write]
 *
 * Asks the registry for n8n's versions (`npm view n8n versions`), and for each stable <major>.x,
 * newest first, resolves the whole tree the way test/e2e/host-newest installs it: a temp folder
 * with that folder's .npmrc (legacy peer dependencies) and its `overrides` (packages whose newest
 * versions the registry lacks), `npm install --package-lock-only --ignore-scripts`. The first
 * version that resolves is the answer; for each newer one it prints why it was skipped: npm's
 * "no matching version" / "not found" line, i.e. which package and version the registry lacks,
 * and whether n8n itself names it (`npm view n8n@<v> dependencies`) or something deeper does.
 * A resolution takes up to a few minutes (n8n has about 2,100 packages); --tries caps how many
 * versions are tried.
 *
 * --write: copy the winner into test/e2e/host-newest (package.json's n8n version, and the lock
 * file just resolved). Then run `N8N_TEST_HOST=newest bash scripts/install-n8n.sh` and
 * `npm run test:newest`, and update docs/compatibility.md.
 *
 * Exit code: 0 when a version resolved, 1 when none of those tried did.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const HOST = path.join(ROOT, 'test', 'e2e', 'host-newest');

function arg(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	if (i === -1) return fallback;
	const v = process.argv[i + 1];
	return v === undefined || v.startsWith('--') ? true : v;
}

function npm(args, cwd) {
	// ignore-scripts etc. come from the folder's .npmrc; the project's own npm_config_* are dropped
	// so that running this through `npm run` changes nothing.
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_config_')),
	);
	return spawnSync('npm', args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

function npmJson(args) {
	const r = npm([...args, '--json'], os.tmpdir());
	if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${r.stderr}`);
	return JSON.parse(r.stdout);
}

/** 1.2.3 (no pre-release) as a comparable triple; null otherwise. */
function parse(v) {
	const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
	return m ? m.slice(1).map(Number) : null;
}
const newestFirst = (a, b) => {
	const x = parse(a);
	const y = parse(b);
	for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return y[i] - x[i];
	return 0;
};

/** The lines of npm's error output that say what could not be resolved. */
function reason(stderr) {
	const lines = stderr
		.split('\n')
		.map((l) => l.replace(/^npm (error|ERR!)\s*/, '').trim())
		.filter(Boolean);
	const key = lines.filter((l) =>
		/No matching version found|404 Not Found|is not in this registry|notarget|ERESOLVE|Could not resolve dependency|Conflicting peer/i.test(
			l,
		),
	);
	const picked = (
		key.length ? key : lines.filter((l) => !/complete log|^A complete/i.test(l)).slice(-3)
	).filter((l, i, all) => all.indexOf(l) === i && !/^code\s|^notarget In most cases/i.test(l));
	return picked.slice(0, 4).join(' | ') || 'npm failed without saying why';
}

/** `@scope/name@range` or `name@range` as named in npm's "No matching version found for …" line. */
function missingSpec(text) {
	const m =
		/No matching version found for (\S+?)\.?(?:\s|$)/.exec(text) ||
		/404 Not Found - GET \S+\/(@?[^\s/]+(?:%2[fF][^\s/]+)?)/.exec(text);
	if (!m) return null;
	return decodeURIComponent(m[1]);
}

function splitSpec(spec) {
	const at = spec.lastIndexOf('@');
	return at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, ''];
}

function tryVersion(version, base) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-resolve-${version}-`));
	try {
		fs.copyFileSync(path.join(HOST, '.npmrc'), path.join(dir, '.npmrc'));
		const pkg = { ...base, dependencies: { n8n: version } };
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
		const t0 = Date.now();
		const r = npm(
			[
				'install',
				'--package-lock-only',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
			],
			dir,
		);
		const seconds = Math.round((Date.now() - t0) / 1000);
		if (r.status === 0)
			return {
				ok: true,
				seconds,
				lock: fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'),
				pkg,
			};
		const why = reason(r.stderr);
		const spec = missingSpec(r.stderr);
		let who = '';
		if (spec) {
			const [name, range] = splitSpec(spec);
			const deps = npmJson(['view', `n8n@${version}`, 'dependencies']) || {};
			who =
				deps[name] !== undefined
					? ` (n8n@${version} depends on ${name}@${deps[name]} directly)`
					: ` (needed by a dependency of n8n, not n8n itself${range ? `; wanted ${range}` : ''})`;
		}
		return { ok: false, seconds, why: why + who };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

function main() {
	const major = Number(arg('major', 2));
	const tries = Number(arg('tries', 6));
	const write = arg('write', false) === true;
	const base = JSON.parse(fs.readFileSync(path.join(HOST, 'package.json'), 'utf8'));
	const current = base.dependencies.n8n;
	const versions = npmJson(['view', 'n8n', 'versions'])
		.filter((v) => parse(v) && parse(v)[0] === major)
		.sort(newestFirst);
	if (!versions.length) throw new Error(`the registry has no stable n8n ${major}.x`);
	console.log(
		`n8n ${major}.x in the registry: newest ${versions[0]}; test/e2e/host-newest pins ${current}; overrides tried with: ${JSON.stringify(base.overrides || {})}`,
	);
	for (const v of versions.slice(0, tries)) {
		process.stdout.write(`n8n ${v}: resolving … `);
		const r = tryVersion(v, base);
		if (r.ok) {
			console.log(`resolves (${r.seconds} s)`);
			console.log(
				`\nnewest n8n ${major}.x that installs here: ${v}${v === current ? ' (already pinned)' : ` (test/e2e/host-newest pins ${current})`}`,
			);
			if (write && v !== current) {
				fs.writeFileSync(path.join(HOST, 'package.json'), JSON.stringify(r.pkg, null, 2) + '\n');
				fs.writeFileSync(path.join(HOST, 'package-lock.json'), r.lock);
				console.log(`wrote test/e2e/host-newest/package.json and package-lock.json for ${v}`);
			}
			return 0;
		}
		console.log(`skipped (${r.seconds} s): ${r.why}`);
		if (v === current)
			console.log(
				`  note: ${v} is the version test/e2e/host-newest pins; its overrides no longer resolve it`,
			);
	}
	console.log(
		`\nnone of the ${Math.min(tries, versions.length)} newest n8n ${major}.x resolved; try --tries with a larger number`,
	);
	return 1;
}

try {
	process.exitCode = main();
} catch (e) {
	console.error(e && e.message ? e.message : e);
	process.exitCode = 1;
}
