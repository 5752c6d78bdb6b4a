/**
 * Starts the provider mock as its own process and prints its URL (one line on stdout).
 *
 *   node dist/test/mock-provider/cli.js [port] [--port=N] [--host=H] [--latency=MS]
 *        [--messangi-key=K] [--sinch-user=U] [--sinch-token=T]
 *
 * port 0 (default) picks a free port. Drive it over HTTP: GET /__mock/requests, POST /__mock/reset,
 * POST /__mock/enqueue, POST /__mock/latency. Stops on SIGINT/SIGTERM.
 */
import { startMockProvider, type MockOptions } from './index';

function parseArgs(argv: string[]): MockOptions {
	const opts: MockOptions = {};
	const num = (name: string, v: string): number => {
		const n = Number(v);
		if (!Number.isInteger(n) || n < 0)
			throw new Error(`${name} must be a non-negative integer (got "${v}")`);
		return n;
	};
	for (const arg of argv) {
		const m = /^--([a-z-]+)=(.*)$/.exec(arg);
		if (!m) {
			opts.port = num('port', arg);
			continue;
		}
		const [, key, value] = m;
		switch (key) {
			case 'port':
				opts.port = num('port', value);
				break;
			case 'host':
				opts.host = value;
				break;
			case 'latency':
				opts.latencyMs = num('latency', value);
				break;
			case 'messangi-key':
				opts.messangiApiKey = value;
				break;
			case 'sinch-user':
				opts.sinchUserName = value;
				break;
			case 'sinch-token':
				opts.sinchToken = value;
				break;
			default:
				throw new Error(`unknown option --${key}`);
		}
	}
	return opts;
}

async function main(): Promise<void> {
	const mock = await startMockProvider(parseArgs(process.argv.slice(2)));
	process.stdout.write(`${mock.url}\n`);
	const stop = () => {
		void mock.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
	process.stderr.write(`mock-provider: ${e instanceof Error ? e.message : String(e)}\n`);
	process.exit(1);
});
