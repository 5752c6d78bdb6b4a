/**
 * package.json's repository, homepage and bugs name one GitHub repository, and every link the
 * nodes and credentials show (documentationUrl, codex files) points into it; scripts/check-release.js,
 * which the release workflow runs before `npm publish --provenance`, refuses placeholders, another
 * repository than the one publishing, and a tag that is not v<version>.
 */
import { join, resolve } from 'path';

const root = resolve(__dirname, '../..');
const pkg = require(join(root, 'package.json'));
const { checkRelease, coherence, sourceLinks } = require(
	join(root, 'scripts', 'check-release.js'),
) as {
	checkRelease: (
		pkg: object,
		env: Record<string, string>,
		links?: Array<{ file: string; url: string }>,
	) => string[];
	coherence: (pkg: object, links: Array<{ file: string; url: string }>) => string[];
	sourceLinks: (root?: string) => Array<{ file: string; url: string }>;
};

const ready = {
	name: 'n8n-nodes-x',
	version: '1.2.3',
	author: { name: 'A Maintainer', email: 'a@example.com' },
	homepage: 'https://github.com/owner/n8n-nodes-x#readme',
	repository: { type: 'git', url: 'git+https://github.com/owner/n8n-nodes-x.git' },
	bugs: { url: 'https://github.com/owner/n8n-nodes-x/issues' },
};

describe('release metadata', () => {
	it('package.json, the nodes and the credentials name one repository', () => {
		const links = sourceLinks(root);
		expect(links.length).toBeGreaterThan(0);
		expect(coherence(pkg, links)).toEqual([]);
	});

	it('accepts complete metadata published from its own repository on its own tag', () => {
		const env = {
			GITHUB_REPOSITORY: 'owner/n8n-nodes-x',
			GITHUB_REF_TYPE: 'tag',
			GITHUB_REF_NAME: 'v1.2.3',
		};
		expect(checkRelease(ready, env, [])).toEqual([]);
	});

	it('refuses the author placeholder', () => {
		const p = {
			...ready,
			author: { name: 'SET-BEFORE-RELEASE (x)', email: 'set-before-release@example.invalid' },
		};
		expect(checkRelease(p, {}, [])).toEqual([
			expect.stringContaining('author is still a placeholder'),
		]);
	});

	it('refuses publishing from another repository than repository.url', () => {
		expect(checkRelease(ready, { GITHUB_REPOSITORY: 'someone/fork' }, [])).toEqual([
			expect.stringContaining('npm provenance needs them to be the same'),
		]);
	});

	it('refuses a tag that is not v<version>', () => {
		expect(checkRelease(ready, { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.2.4' }, [])).toEqual([
			expect.stringContaining("package.json's version is 1.2.3"),
		]);
	});

	it('refuses a homepage, bugs URL or documentation link into another repository', () => {
		const p = {
			...ready,
			homepage: 'https://github.com/other/n8n-nodes-x#readme',
			bugs: { url: 'https://example.com/issues' },
		};
		const problems = coherence(p, [
			{ file: 'credentials/X.credentials.ts', url: 'https://github.com/other/n8n-nodes-x' },
		]);
		expect(problems).toHaveLength(3);
		expect(problems.join('\n')).toMatch(
			/homepage[\s\S]*bugs\.url[\s\S]*credentials\/X\.credentials\.ts/,
		);
	});
});
