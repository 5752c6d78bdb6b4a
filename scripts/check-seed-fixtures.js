'use strict';
/**
 * Maintainer check: do the fixtures in test/fixtures/seeds still equal the request examples of the
 * providers' API documents? Give it a folder holding the documents as plain text
 * (messangi-interactive-message.txt, sinch-latam-whatsapp-interactive-api.txt):
 *
 *   node scripts/check-seed-fixtures.js <folder>
 *
 * Exits 0 when every fixture matches, 1 (with what differs) otherwise. Not part of the tests: the
 * documents are not in this repository; the fixtures are (see test/fixtures/seeds/SOURCES.md).
 */
const fs = require('fs');
const path = require('path');
const assert = require('assert');

const FIXTURES = path.join(__dirname, '..', 'test', 'fixtures', 'seeds');
const fixture = (name) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** Messangi's examples are bare blocks starting at a line `{`; Sinch's are fenced. */
function extractJsonBlocks(text) {
	const fenced = [...text.matchAll(/```\s*\n([\s\S]*?)\n```/g)].map((m) => m[1]);
	if (fenced.length > 0) return fenced.filter((b) => b.trim().startsWith('{'));
	const blocks = [];
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i].trim() !== '{') continue;
		const start = i;
		let depth = 0;
		for (; i < lines.length; i++) {
			for (const ch of lines[i]) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
			if (depth === 0) break;
		}
		blocks.push(lines.slice(start, i + 1).join('\n'));
	}
	return blocks;
}

function main(dir) {
	if (!dir) {
		console.error(
			'usage: node scripts/check-seed-fixtures.js <folder with the provider documents>',
		);
		process.exit(2);
	}
	const read = (name) => fs.readFileSync(path.join(dir, name), 'utf8');
	const checks = [];
	const messangi = extractJsonBlocks(read('messangi-interactive-message.txt')).map((b) =>
		JSON.parse(b),
	);
	checks.push(['messangi-buttons.json', messangi[0], JSON.parse(fixture('messangi-buttons.json'))]);
	checks.push([
		'messangi-send-response.json',
		messangi[1],
		JSON.parse(fixture('messangi-send-response.json')),
	]);
	checks.push(['messangi-list.json', messangi[2], JSON.parse(fixture('messangi-list.json'))]);
	const sinch = extractJsonBlocks(read('sinch-latam-whatsapp-interactive-api.txt'));
	checks.push(['sinch-list.json', JSON.parse(sinch[0]), JSON.parse(fixture('sinch-list.json'))]);
	checks.push([
		'sinch-buttons-as-written.txt',
		sinch[1] + '\n',
		fixture('sinch-buttons-as-written.txt'),
	]);
	let failed = 0;
	for (const [name, fromDocument, inRepo] of checks) {
		try {
			assert.deepStrictEqual(inRepo, fromDocument);
			console.log(`ok      ${name}`);
		} catch (error) {
			failed++;
			console.log(`DIFFERS ${name}\n${error.message}`);
		}
	}
	process.exit(failed ? 1 : 0);
}

main(process.argv[2]);
