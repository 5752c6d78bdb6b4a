/**
 * scripts/install-system-deps.sh, which `npm test` runs first: with Chromium missing it installs it
 * when it can (root, or sudo without a password) and otherwise stops at once with the command to
 * run. Run against fake `id`, `sudo` and `apt-get` on a PATH that holds nothing else, so that
 * nothing is installed and the real user does not matter.
 */
import { spawnSync } from 'child_process';
import {
	chmodSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const script = resolve(__dirname, '../../scripts/install-system-deps.sh');

interface Machine {
	uid: number;
	/** 'none': no sudo; 'password': `sudo -n` refuses; 'nopasswd': runs the command. */
	sudo: 'none' | 'password' | 'nopasswd';
	/** Whether the fake `apt-get install` puts Chromium where the script looks. */
	aptInstalls: boolean;
	chromiumPresent: boolean;
}

function run(m: Machine) {
	const dir = mkdtempSync(join(tmpdir(), 'wai-sysdeps-'));
	try {
		const bin = join(dir, 'bin');
		const chromium = join(dir, 'chromium');
		const aptLog = join(dir, 'apt.log');
		const fake = (name: string, body: string) => {
			writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
			chmodSync(join(bin, name), 0o755);
		};
		mkdirSync(bin);
		for (const tool of ['ls', 'sleep', 'true']) {
			const real = ['/usr/bin/', '/bin/'].map((d) => d + tool).find((p) => existsSync(p));
			if (real) symlinkSync(real, join(bin, tool));
		}
		fake('id', `echo ${m.uid}`);
		fake(
			'apt-get',
			[
				`printf '%s\\n' "$*" >> '${aptLog}'`,
				m.aptInstalls
					? `case "$1" in install) printf '#!/bin/sh\\n' > '${chromium}'; /bin/chmod 755 '${chromium}' ;; esac`
					: '',
				'exit 0',
			].join('\n'),
		);
		if (m.sudo === 'password') fake('sudo', 'exit 1');
		if (m.sudo === 'nopasswd') fake('sudo', '[ "$1" = -n ] && shift; exec "$@"');
		if (m.chromiumPresent) {
			writeFileSync(chromium, '#!/bin/sh\n');
			chmodSync(chromium, 0o755);
		}
		const started = Date.now();
		const r = spawnSync('/bin/bash', [script, 'chromium'], {
			env: { PATH: bin, CHROMIUM_PATH: chromium },
			encoding: 'utf8',
			timeout: 30000,
		});
		return {
			code: r.status,
			stderr: r.stderr,
			apt: existsSync(aptLog) ? readFileSync(aptLog, 'utf8').trim().split('\n') : [],
			ms: Date.now() - started,
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('scripts/install-system-deps.sh', () => {
	it('does nothing when Chromium is there', () => {
		const r = run({ uid: 1000, sudo: 'none', aptInstalls: true, chromiumPresent: true });
		expect(r.code).toBe(0);
		expect(r.apt).toEqual([]);
		expect(r.stderr).toContain('present: chromium');
	});

	it.each(['none', 'password'] as const)(
		'as a user without passwordless sudo (sudo: %s) stops at once with the one command to run',
		(sudo) => {
			const r = run({ uid: 1000, sudo, aptInstalls: true, chromiumPresent: false });
			expect(r.code).toBe(1);
			expect(r.apt).toEqual([]);
			expect(r.stderr).toContain('sudo apt-get update && sudo apt-get install -y chromium');
			expect(r.ms).toBeLessThan(10000);
		},
	);

	it('as root installs Chromium with apt-get and checks it is there', () => {
		const r = run({ uid: 0, sudo: 'none', aptInstalls: true, chromiumPresent: false });
		expect(r.apt).toEqual(['update -qq', 'install -y -qq chromium']);
		expect(r.code).toBe(0);
		expect(r.stderr).toContain('installed chromium');
	});

	it('with passwordless sudo installs through sudo', () => {
		const r = run({ uid: 1000, sudo: 'nopasswd', aptInstalls: true, chromiumPresent: false });
		expect(r.apt).toEqual(['update -qq', 'install -y -qq chromium']);
		expect(r.code).toBe(0);
		expect(r.stderr).toContain('with sudo -n apt-get');
	});

	it('fails when apt-get succeeded but Chromium is still not where the tests look', () => {
		const r = run({ uid: 0, sudo: 'none', aptInstalls: false, chromiumPresent: false });
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('still not where the tests look');
	});
});
