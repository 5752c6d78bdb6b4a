/**
 * A rate-limited front for the mock provider: at most `maxInFlight` requests are passed on at
 * once; beyond that it answers 429 with `Retry-After` at once, as providers do (Sinch documents 420
 * and 429 for rate limiting). Lets the send benchmark show what unbounded concurrency costs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Limiter {
	url: string;
	/** Requests answered 429 so far. */
	rejected(): number;
	/** Requests passed on so far. */
	passed(): number;
	close(): Promise<void>;
}

export async function startLimiter(
	target: string,
	maxInFlight: number,
	retryAfterS = 1,
): Promise<Limiter> {
	const to = new URL(target);
	let inFlight = 0;
	let rejected = 0;
	let passed = 0;
	const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight });
	const server = http.createServer((req, res) => {
		if (inFlight >= maxInFlight) {
			rejected++;
			req.resume();
			const sinch = (req.url ?? '').startsWith('/sinch');
			const body = JSON.stringify(
				sinch
					? { errorCode: 429, errorMessage: 'Too many requests' }
					: { message: 'Too many requests' },
			);
			res.writeHead(429, {
				'Content-Type': 'application/json',
				'Retry-After': String(retryAfterS),
				'Content-Length': Buffer.byteLength(body),
			});
			res.end(body);
			return;
		}
		inFlight++;
		passed++;
		const done = () => {
			inFlight--;
		};
		const upstream = http.request(
			{
				host: to.hostname,
				port: to.port,
				method: req.method,
				path: req.url,
				headers: req.headers,
				agent,
			},
			(up) => {
				res.writeHead(up.statusCode ?? 502, up.headers);
				up.pipe(res);
				up.on('end', done);
				up.on('error', done);
			},
		);
		upstream.on('error', () => {
			done();
			if (!res.headersSent) res.writeHead(502);
			res.end();
		});
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		rejected: () => rejected,
		passed: () => passed,
		close: () =>
			new Promise<void>((resolve) => {
				agent.destroy();
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
