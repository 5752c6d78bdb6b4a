'use strict';
/**
 * Long-running children (n8n and its task runners; Redis and PostgreSQL in queue mode), each in its
 * own process group with its output appended to a log file. A group is killed whole, and every
 * group still running is killed when this process exits or is stopped by a signal: a test runner
 * must not leave n8n behind. Part of scripts/n8n-host.js; scripts/queue-host.js uses it too.
 */
const { spawn } = require('child_process');
const fs = require('fs');

const liveChildren = new Set();

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		/* already gone */
	}
}

process.once('exit', () => {
	for (const c of liveChildren) killGroup(c, 'SIGKILL');
});

let signalHandlersInstalled = false;
function installSignalHandlers() {
	if (signalHandlersInstalled) return;
	signalHandlersInstalled = true;
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(sig, () => {
			for (const c of liveChildren) killGroup(c, 'SIGKILL');
			// Re-raise for the default action, unless someone else handles this signal.
			if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
		});
	}
}

/**
 * Spawns `cmd args` in its own process group, stdout and stderr appended to `logFile`; `logStart` is
 * where this process's output begins in it (a kept user folder's log has earlier runs in it).
 * `stop(timeoutMs)` sends SIGTERM to the group, SIGKILL after timeoutMs, and SIGKILL once more for
 * stragglers in the group (n8n's task runners). `killOnSignal: false` leaves signals to the caller
 * (`npm run dev` stops n8n gracefully on Ctrl-C).
 */
function spawnGroup(cmd, args, { env, cwd, logFile, uid, gid, killOnSignal = true }) {
	const fd = fs.openSync(logFile, 'a');
	const logStart = fs.fstatSync(fd).size;
	const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', fd, fd], uid, gid });
	fs.closeSync(fd);
	liveChildren.add(child);
	if (killOnSignal) installSignalHandlers();
	let exited = null;
	const exit = new Promise((resolve) =>
		child.once('exit', (code, signal) => {
			exited = { code, signal };
			liveChildren.delete(child);
			resolve(exited);
		}),
	);
	const stop = async (timeoutMs = 15000) => {
		if (!exited) {
			killGroup(child, 'SIGTERM');
			const t = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
			await exit;
			clearTimeout(t);
		}
		killGroup(child, 'SIGKILL');
	};
	return { child, pid: child.pid, exited: () => exited, exit, stop, logFile, logStart };
}

module.exports = { killGroup, spawnGroup };
