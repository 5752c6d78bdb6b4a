'use strict';
/** Small helpers: child processes, ports, log tails, JSON in CLI output. Part of scripts/n8n-host.js (its top comment is the overview). */
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');

// ---------------------------------------------------------------------------------------------
// Small helpers

function run(cmd, args, opts = {}) {
	const { timeoutMs, input, ...spawnOpts } = opts;
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], ...spawnOpts });
		let stdout = '';
		let stderr = '';
		let timer;
		if (child.stdout) child.stdout.on('data', (d) => (stdout += d));
		if (child.stderr) child.stderr.on('data', (d) => (stderr += d));
		if (timeoutMs) {
			timer = setTimeout(() => {
				stderr += `\n[n8n-host] timed out after ${timeoutMs} ms: ${cmd} ${args.join(' ')}\n`;
				child.kill('SIGKILL');
			}, timeoutMs);
		}
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({
				stdout,
				stderr,
				code: code === null ? 128 + (os.constants.signals[signal] || 0) : code,
			});
		});
		if (child.stdin) child.stdin.end(input === undefined ? undefined : input);
	});
}

function isPortFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines = 60) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * Finds the JSON document `n8n execute --rawOutput` printed (JSON.stringify(data, null, 2)), among
 * whatever log lines surround it. Returns undefined when there is none.
 */
function extractJson(text) {
	const lines = text.split('\n');
	const starts = [];
	const ends = [];
	lines.forEach((l, i) => {
		if (l.trim() === '{' || l.trim() === '[') starts.push(i);
		if (l.trim() === '}' || l.trim() === ']') ends.push(i);
	});
	for (const s of starts) {
		for (let k = ends.length - 1; k >= 0; k--) {
			if (ends[k] < s) break;
			try {
				return JSON.parse(lines.slice(s, ends[k] + 1).join('\n'));
			} catch {
				/* try a shorter slice */
			}
		}
	}
	return undefined;
}

module.exports = { extractJson, freePort, isPortFree, run, sleep, tail };
