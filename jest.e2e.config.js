/**
 * End-to-end tests: a real n8n (2.35.6 on Node 24, or the host N8N_TEST_HOST names: 1.x, newest; installed by scripts/install-n8n.sh into a cache
 * outside the repository) with the packed package installed as a community package, the mock
 * provider, real HTTP. `npm run test:e2e` installs n8n (once) and builds first; the global setup
 * packs dist/ once for every test file.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	// The n8n 1.x compatibility run (N8N_TEST_HOST=1.x, `npm run test:compat`) leaves out Send and Wait
	// for Response: it is supported on n8n 2.x only (docs/compatibility.md); and the AI Agent's
	// approval tool, which n8n 1.x does not derive (docs/ai-agents.md).
	testPathIgnorePatterns:
		process.env.N8N_TEST_HOST === '1.x'
			? ['/node_modules/', 'sendAndWait\\.e2e', 'agentApproval\\.e2e']
			: ['/node_modules/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	// One n8n per test file, one file at a time: this is a 2-core budget, and n8n is heavy.
	maxWorkers: 1,
	testTimeout: 120000,
	slowTestThreshold: 60,
};
