#!/usr/bin/env node
'use strict';
/**
 * check-release.js — may this package.json be published? The release workflow runs it before
 * `npm publish --provenance`; it is also a quick check by hand.
 *
 *   node scripts/check-release.js            (in GitHub Actions: also against GITHUB_REPOSITORY
 *                                              and the tag in GITHUB_REF_NAME)
 *
 * Problems it reports (exit code 1 when there is any):
 *   - author still the SET-BEFORE-RELEASE placeholder (n8n's verification compares the package's
 *     author with the npm account and the repository);
 *   - repository.url not `git+https://github.com/<owner>/<repo>.git`, or homepage / bugs.url not
 *     that same repository (n8n's verification and npm provenance both compare them);
 *   - in GitHub Actions, repository.url naming another repository than the one that runs the
 *     workflow (npm refuses to publish provenance for a mismatch), or a tag other than v<version>;
 *   - a documentation link in the nodes or credentials (documentationUrl, codex files) pointing at
 *     another GitHub repository than repository.url.
 * `sourceLinks` and `coherence` are exported for the unit tests.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PLACEHOLDER = /SET-BEFORE-RELEASE|\.invalid\b/i;

/** owner/repo of a GitHub repository URL in one of the forms package.json uses; null otherwise. */
function githubRepo(url) {
	const m =
		/^(?:git\+)?https:\/\/github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?(?:[#/?].*)?$/.exec(
			url || '',
		);
	return m ? `${m[1]}/${m[2]}` : null;
}

/** Every https://github.com/<owner>/<repo> link in the shipped sources (n8n-io's own excluded). */
function sourceLinks(root = ROOT) {
	const out = [];
	const walk = (dir) => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else if (/\.(ts|json)$/.test(e.name) && !e.name.endsWith('.test.ts')) {
				for (const m of fs
					.readFileSync(p, 'utf8')
					.matchAll(/https:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+/g)) {
					if (!/github\.com\/n8n-io\//.test(m[0]))
						out.push({ file: path.relative(root, p), url: m[0] });
				}
			}
		}
	};
	for (const d of ['nodes', 'credentials'])
		if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
	return out;
}

/** Problems with repository / homepage / bugs and the source links agreeing on one repository. */
function coherence(pkg, links = []) {
	const problems = [];
	const repoUrl =
		pkg.repository && (typeof pkg.repository === 'string' ? pkg.repository : pkg.repository.url);
	const repo = /^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/.test(repoUrl || '')
		? githubRepo(repoUrl)
		: null;
	if (!repo) {
		problems.push(
			`repository.url must be git+https://github.com/<owner>/<repo>.git (it is ${JSON.stringify(repoUrl)})`,
		);
		return problems;
	}
	if (pkg.homepage !== `https://github.com/${repo}#readme`) {
		problems.push(
			`homepage must be https://github.com/${repo}#readme (it is ${JSON.stringify(pkg.homepage)})`,
		);
	}
	const bugs = pkg.bugs && (typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs.url);
	if (bugs !== `https://github.com/${repo}/issues`) {
		problems.push(
			`bugs.url must be https://github.com/${repo}/issues (it is ${JSON.stringify(bugs)})`,
		);
	}
	for (const l of links) {
		if (githubRepo(l.url) !== repo)
			problems.push(`${l.file} links to ${l.url}, not to ${repo} (repository.url)`);
	}
	return problems;
}

/** Everything that must hold before `npm publish`. */
function checkRelease(pkg, env = process.env, links = sourceLinks()) {
	const problems = coherence(pkg, links);
	const author =
		pkg.author &&
		(typeof pkg.author === 'string'
			? pkg.author
			: `${pkg.author.name || ''} <${pkg.author.email || ''}>`);
	if (!author || PLACEHOLDER.test(author)) {
		problems.push(
			`author is still a placeholder (${JSON.stringify(author)}): set the maintainer's name and email, as on their npm account`,
		);
	}
	const repo = githubRepo(pkg.repository && pkg.repository.url);
	if (env.GITHUB_REPOSITORY && repo && env.GITHUB_REPOSITORY.toLowerCase() !== repo.toLowerCase()) {
		problems.push(
			`this workflow runs in ${env.GITHUB_REPOSITORY}, but repository.url names ${repo}; npm provenance needs them to be the same`,
		);
	}
	if (env.GITHUB_REF_TYPE === 'tag' && env.GITHUB_REF_NAME !== `v${pkg.version}`) {
		problems.push(
			`the tag is ${env.GITHUB_REF_NAME}, but package.json's version is ${pkg.version} (tag v${pkg.version} to release it)`,
		);
	}
	return problems;
}

module.exports = { githubRepo, sourceLinks, coherence, checkRelease };

if (require.main === module) {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const problems = checkRelease(pkg);
	if (problems.length) {
		console.error(`[check-release] ${pkg.name}@${pkg.version} is not ready to publish:`);
		for (const p of problems) console.error(`  - ${p}`);
		process.exit(1);
	}
	console.log(
		`[check-release] ${pkg.name}@${pkg.version}: metadata ready to publish from ${githubRepo(pkg.repository.url)}`,
	);
}
