/**
 * What `npm publish` would ship: only what n8n loads and what a user reads — the compiled nodes and
 * credentials with their icons and codex files, package.json, index.js (`main`), README and
 * LICENSE. No tests, TypeScript sources, source maps (their sources are not shipped), benchmarks,
 * examples or scripts. `npm test` builds before it runs this (test:unit).
 */
import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import { join, resolve } from 'path';

const root = resolve(__dirname, '../..');
const pkg = require(join(root, 'package.json')) as {
	main: string;
	n8n: { nodes: string[]; credentials: string[] };
};

const ALLOWED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^index\.js$/,
	/^dist\/credentials\/[A-Za-z]+\.credentials\.js$/,
	/^dist\/nodes\/[A-Za-z/]+(\.node)?\.js$/,
	/^dist\/nodes\/[A-Za-z]+\/[A-Za-z]+\.node\.json$/,
	/^dist\/(nodes|credentials)\/[A-Za-z/]+(\.dark)?\.svg$/,
];

describe('npm pack', () => {
	let files: string[];
	beforeAll(() => {
		if (!existsSync(join(root, 'dist')))
			throw new Error('dist/ is missing: run `npm run build` first');
		const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files
			.map((f) => f.path)
			.sort();
	});

	it('ships nothing but the allowed files', () => {
		expect(files.filter((f) => !ALLOWED.some((re) => re.test(f)))).toEqual([]);
	});

	it('ships every node and credential package.json names, main, README and LICENSE', () => {
		for (const f of [
			...pkg.n8n.nodes,
			...pkg.n8n.credentials,
			pkg.main,
			'package.json',
			'README.md',
			'LICENSE',
		]) {
			expect(files).toContain(f);
		}
	});

	it('ships each node with its codex file and its icons', () => {
		for (const node of pkg.n8n.nodes) {
			const dir = node.replace(/\/[^/]+$/, '');
			expect(files).toContain(node.replace(/\.js$/, '.json'));
			expect(
				files.filter((f) => f.startsWith(`${dir}/`) && f.endsWith('.svg')).length,
			).toBeGreaterThanOrEqual(1);
		}
	});

	it('ships no source maps, TypeScript, tests, benchmarks, examples or scripts', () => {
		expect(
			files.filter((f) => /\.map$|\.ts$|(^|\/)(test|bench|examples|scripts|docs)\//.test(f)),
		).toEqual([]);
	});
});
