/**
 * Unit tests: mocked n8n contexts and local HTTP servers only. Every jest config transpiles with
 * tsconfig.test.json (isolatedModules: no type check per test file); `npm run typecheck` (part of
 * `npm run lint`) checks the types of the whole project, tests included, once.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	// Both cores of a 2-core machine (jest's default leaves one idle): the property suites are most of the time.
	maxWorkers: '100%',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: [
		'/node_modules/',
		'<rootDir>/test/e2e/',
		'<rootDir>/test/queue/',
		'<rootDir>/test/browser/',
		'<rootDir>/test/chaos/',
		'<rootDir>/test/hostile/',
	],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
};
