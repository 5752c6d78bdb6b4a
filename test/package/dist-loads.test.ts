/**
 * The built package must load in n8n with nothing but what n8n itself provides: `n8n-workflow`
 * and `zod`. The test copies dist/ into an empty folder whose node_modules holds only those two,
 * and loads every node and credential listed in package.json in a separate Node process.
 */
import { execFileSync } from 'child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	realpathSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';

const root = resolve(__dirname, '../..');
const pkg = require(join(root, 'package.json')) as {
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
};

describe('the built package', () => {
	let dir: string;
	beforeAll(() => {
		if (!existsSync(join(root, 'dist')))
			throw new Error('dist/ is missing: run `npm run build` first');
		dir = mkdtempSync(join(tmpdir(), 'wai-dist-'));
		cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
		writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, devDependencies: {} }));
		mkdirSync(join(dir, 'node_modules'));
		for (const name of ['n8n-workflow', 'zod']) {
			const target = realpathSync(dirname(require.resolve(`${name}/package.json`)));
			symlinkSync(target, join(dir, 'node_modules', name), 'dir');
		}
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('has no runtime dependencies and only n8n-workflow as a peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(Object.keys(pkg.peerDependencies ?? {})).toEqual(['n8n-workflow']);
	});

	it('loads every node and credential with only n8n-workflow and zod resolvable', () => {
		const script = `
			const pkg = require('./package.json');
			const out = [];
			for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
				const mod = require('./' + file);
				for (const Exported of Object.values(mod)) {
					const instance = new Exported();
					out.push(instance.description ? instance.description.name : instance.name);
				}
			}
			console.log(JSON.stringify(out));
		`;
		const stdout = execFileSync(process.execPath, ['-e', script], {
			cwd: dir,
			env: { PATH: process.env.PATH ?? '' },
			encoding: 'utf8',
		});
		expect(JSON.parse(stdout.trim())).toEqual([
			'whatsAppInteractive',
			'whatsAppInteractiveTrigger',
			'whatsAppInteractiveRouter',
			'messangiApi',
			'sinchLatamApi',
			'whatsAppInteractiveWebhookApi',
			'whatsAppCloudApi',
			'whatsAppCloudWebhookApi',
		]);
	});

	it('ships the icons next to the compiled nodes', () => {
		for (const file of pkg.n8n.nodes) {
			for (const icon of ['whatsapp.svg', 'whatsapp.dark.svg']) {
				expect(existsSync(join(root, dirname(file), icon))).toBe(true);
			}
		}
	});
});
