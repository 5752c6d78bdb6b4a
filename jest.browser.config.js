/**
 * Browser tests: the real n8n editor (the pinned n8n, package installed as Community Nodes does)
 * driven in Debian's Chromium through playwright-core. `npm run test:browser` installs n8n (once)
 * and builds first; the global setup checks Chromium, then packs the package as the e2e setup does.
 * One test file, one n8n, one browser: the whole suite shares them.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/browser'],
	testMatch: ['**/*.browser.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/browser/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	maxWorkers: 1,
	testTimeout: 180000,
	slowTestThreshold: 120,
};
