/**
 * CPU profile of one send workflow in a real n8n (`n8n execute` under `--cpu-prof`): where the
 * node's time goes besides waiting for the provider. Not part of `npm run bench` (slow, and the
 * profiler itself slows n8n down); run it by hand:
 *
 *   node .bench-build/bench/profile-send.js [variant-id] [--items=1000] [--latency=50] [--keep] [--tarball=x.tgz]
 *
 * Variant ids are those of bench/send.ts (e.g. benchSendSinBro, benchSendMsgDef, benchHttpMsgDef).
 */
import * as fs from 'fs';
import * as path from 'path';
import { prepareN8n } from '../test/e2e/harness/n8n';
import { startMockProvider } from '../test/mock-provider';
import { packTarball, tmpDir } from './lib';
import { nodeExecuteFrame, summarizeProfile } from './profile';
import { sendVariants } from './send';
import { credentials } from './workflows';

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const id = argv.find((a) => !a.startsWith('--')) ?? 'benchSendSinBro';
	const num = (name: string, fallback: number) =>
		Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
	const items = num('items', 1000);
	const mock = await startMockProvider({
		latencyMs: num('latency', 50),
		messangiApiKey: 'bench-messangi-key',
		sinchUserName: 'bench-user',
		sinchToken: 'bench-token',
	});
	const work = tmpDir('wai-prof-');
	try {
		const variant = sendVariants(items, mock.url, [5, 20, 50, 100], mock.url).find(
			(v) => v.id === id,
		);
		if (!variant) throw new Error(`unknown variant ${id}`);
		const tarArg = argv.find((a) => a.startsWith('--tarball='))?.slice('--tarball='.length);
		const packed = tarArg ? { file: path.resolve(tarArg) } : packTarball(work);
		const ctx = await prepareN8n({ tarball: packed.file, workflows: [variant.workflow], port: 0 });
		const credFile = path.join(ctx.userFolder, 'creds.json');
		fs.writeFileSync(credFile, JSON.stringify(credentials(mock.url)));
		await ctx.cli(['import:credentials', `--input=${credFile}`]);
		const profDir = path.join(work, 'prof');
		const r = await ctx.cli(['execute', `--id=${id}`, '--rawOutput'], {
			timeoutMs: 600_000,
			env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profDir}` },
		});
		console.log(`exit ${r.code}; ${mock.requests.length} requests`);
		const files = fs.readdirSync(profDir).map((f) => path.join(profDir, f));
		// The biggest profile is n8n's main process (the task runner's is small).
		const main = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
		const keep = path.join(process.cwd(), `.bench-build/${id}.cpuprofile`);
		fs.copyFileSync(main, keep);
		const s = summarizeProfile(main, 30, nodeExecuteFrame);
		console.log(
			`profile: ${keep}; window from the first to the last sample inside the node's execute(): ${s.windowMs} ms, of it busy (non-idle) ${s.totalMs} ms`,
		);
		console.table(s.groups);
		console.table(s.top);
		if (!argv.includes('--keep')) ctx.dispose();
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
		await mock.close();
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
