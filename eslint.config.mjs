// Lint for the shipped package: n8n's community-node rules (@n8n/eslint-plugin-community-nodes,
// recommended) and eslint-plugin-n8n-nodes-base's node, credential and community rule sets.
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const legacy = (config) => config.rules;

export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'test/**',
			'bench/**',
			'scripts/**',
			'examples/**',
			'*.js',
		],
	},
	{
		files: ['**/*.ts', 'package.json'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] },
		},
	},
	n8nCommunityNodesPlugin.configs.recommended,
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...legacy(n8nNodesBase.configs.community),
			// Our repository URL is set; the rule only accepts n8n-io's own starter layout.
			'n8n-nodes-base/community-package-json-name-still-default': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...legacy(n8nNodesBase.configs.credentials),
			// Documentation lives in the README on GitHub, not on docs.n8n.io.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...legacy(n8nNodesBase.configs.nodes),
			// n8n now wants NodeConnectionTypes constants here (@n8n/community-nodes/node-connection-type-literal);
			// these two older rules still ask for the string literal 'main'.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
