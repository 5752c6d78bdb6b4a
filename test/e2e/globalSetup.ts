/**
 * Once per `jest -c jest.e2e.config.js` run: make sure the pinned n8n is installed (a no-op when the
 * cache has it), pack the built package once, and compile the mock provider's CLI (for the
 * `npm run dev` test). Test files find the tarball in WAI_E2E_TARBALL.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureHostInstalled } from './harness/n8n';
import { devHost, REPO_ROOT } from './support';

export default async function globalSetup(): Promise<void> {
	const t0 = Date.now();
	await ensureHostInstalled();
	const installMs = Date.now() - t0;

	const built = path.join(
		REPO_ROOT,
		'dist',
		'nodes',
		'WhatsAppInteractive',
		'WhatsAppInteractive.node.js',
	);
	if (!fs.existsSync(built)) {
		process.stderr.write('[e2e] dist/ is missing: npm run build\n');
		execFileSync('npm', ['run', 'build'], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
	}
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wai-e2e-pack-'));
	execFileSync('npm', ['pack', '--pack-destination', packDir], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'ignore', 'ignore'],
	});
	const tarball = fs.readdirSync(packDir).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new Error(`npm pack wrote no tarball into ${packDir}`);

	await devHost.ensureMockCli();

	process.env.WAI_E2E_PACK_DIR = packDir;
	process.env.WAI_E2E_TARBALL = path.join(packDir, tarball);
	process.stderr.write(
		`\n[e2e] n8n host ready in ${(installMs / 1000).toFixed(1)} s; package packed and mock provider compiled in ${((Date.now() - t0 - installMs) / 1000).toFixed(1)} s: ${process.env.WAI_E2E_TARBALL}\n`,
	);
}
