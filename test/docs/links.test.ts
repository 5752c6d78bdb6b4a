/**
 * The documentation's own links: every relative link in the README, docs/, examples/README.md,
 * BENCHMARKS.md and bench/results/*.md names a file that exists, and a `#fragment` names a heading
 * of that file (GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, -1, -2 … for
 * repeats). Links inside code are not links.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

function markdownFiles(): string[] {
	const top = ['README.md', 'BENCHMARKS.md', 'CHANGELOG.md', 'examples/README.md'];
	const inDir = (dir: string) =>
		fs
			.readdirSync(path.join(ROOT, dir))
			.filter((f) => f.endsWith('.md'))
			.map((f) => `${dir}/${f}`);
	return [...top, ...inDir('docs'), ...inDir('bench/results')];
}

const withoutCode = (text: string) =>
	text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');

function anchors(text: string): Set<string> {
	const seen = new Map<string, number>();
	const out = new Set<string>();
	for (const line of text.replace(/^```[\s\S]*?^```/gm, '').split('\n')) {
		const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const slug = heading[1]
			.toLowerCase()
			.replace(/[^\p{L}\p{N}_\- ]/gu, '')
			.replace(/ /g, '-');
		const n = seen.get(slug) ?? 0;
		seen.set(slug, n + 1);
		out.add(n === 0 ? slug : `${slug}-${n}`);
	}
	return out;
}

const files = markdownFiles();

test('the documentation pages the README points users to exist', () => {
	expect(files).toEqual(
		expect.arrayContaining([
			'docs/limits.md',
			'docs/reliability.md',
			'docs/callbacks.md',
			'bench/results/history.md',
		]),
	);
});

test('a heading becomes the anchor GitHub gives it', () => {
	expect([
		...anchors(
			'# Secrets and URLs (`test/secrets/secrets.test.ts`)\n## Example: Messangi list\n## Example: Messangi list',
		),
	]).toEqual([
		'secrets-and-urls-testsecretssecretstestts',
		'example-messangi-list',
		'example-messangi-list-1',
	]);
});

test.each(files)('every relative link in %s resolves, anchors included', (file) => {
	const text = withoutCode(fs.readFileSync(path.join(ROOT, file), 'utf8'));
	const broken: string[] = [];
	for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
		if (/^(https?|mailto):/.test(target)) continue;
		const [name, fragment] = target.split('#');
		const resolved = name
			? path.resolve(path.dirname(path.join(ROOT, file)), name)
			: path.join(ROOT, file);
		if (!fs.existsSync(resolved)) {
			broken.push(`${target} (no such file)`);
			continue;
		}
		if (
			fragment &&
			resolved.endsWith('.md') &&
			!anchors(fs.readFileSync(resolved, 'utf8')).has(fragment)
		) {
			broken.push(`${target} (no such heading)`);
		}
	}
	expect(broken).toEqual([]);
});
