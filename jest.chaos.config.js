/**
 * Chaos suite (`npm run test:chaos`): a real n8n killed and restarted while a steady stream of
 * callbacks goes to the trigger (every provider) and to n8n's own Webhook node; then every
 * acknowledged callback is looked up in the executions n8n saved. Single process (SQLite) and
 * queue mode (Redis, PostgreSQL, webhook processes, workers). Uses the e2e suite's global setup
 * (installs n8n once, packs the package).
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/chaos'],
	testMatch: ['**/*.chaos.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	maxWorkers: 1,
	testTimeout: 900000,
	slowTestThreshold: 300,
};
