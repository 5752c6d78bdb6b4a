/**
 * Hostile: attacks on Send and Wait for Response (forged, replayed, racing, from another number,
 * through a proxy) in a real n8n, the host N8N_TEST_HOST names (2.35.6 by default, `newest`, `1.x`).
 * One n8n for the whole file. `npm run test:hostile` installs n8n (once) and builds first; the e2e
 * global setup packs the package.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/hostile'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	maxWorkers: 1,
	testTimeout: 300000,
	slowTestThreshold: 60,
};
