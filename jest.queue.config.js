/**
 * Queue-mode end-to-end tests (`npm run test:queue`): n8n 2.35.6 in queue mode — Redis, PostgreSQL,
 * one main, two webhook processes, two workers, a round-robin front (scripts/queue-host.js) — with
 * the packed package installed as a community package in every process. One host for the whole
 * suite; the global setup is the e2e suite's (installs n8n once, packs the package).
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	maxWorkers: 1,
	testTimeout: 120000,
	slowTestThreshold: 120,
};
