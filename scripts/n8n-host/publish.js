'use strict';
/**
 * Publishing (activating) imported workflows before `n8n start`. Part of scripts/n8n-host.js.
 *
 * n8n 2.x's `n8n publish:workflow --id=<id>` boots n8n's CLI for one workflow: about 4 s each on a
 * 2-core machine, and one suite publishes 22. What it changes in the database is
 * WorkflowRepository.publishVersion() (@n8n/db, the same in 2.35.6 and 2.41.1): the workflow must
 * exist, not be archived and have a history entry for its current version; then `active` = true
 * and `activeVersionId` = `versionId`. n8n 1.x's `update:workflow --id=<id> --active=true` (the
 * same cost) runs WorkflowRepository.updateActiveState() (@n8n/db 1.123.x): `active` = true and
 * `activeVersionId` = `versionId`, with no condition. With SQLite, publishWorkflows() does exactly
 * that for all ids in one transaction, through the host's own Node 24 and its sqlite3 module, and
 * checks each of 2.x's conditions as n8n does (on 1.x only that the workflow exists, where the CLI
 * would do nothing). Any other database goes through the CLI, one call per workflow.
 */
const path = require('path');
const { N8N_MAJOR } = require('./host');
const { run } = require('./util');

/**
 * Runs in the host's Node: argv = [database, 'publish' (2.x) or 'activate' (1.x), ...ids]; prints
 * what went wrong, if anything.
 */
const SQLITE_PUBLISH = `
const sqlite3 = require('sqlite3');
const [file, mode, ...ids] = process.argv.slice(1);
const db = new sqlite3.Database(file);
const all = (sql, p) => new Promise((ok, ko) => db.all(sql, p, (e, r) => (e ? ko(e) : ok(r))));
const exec = (sql, p) => new Promise((ok, ko) => db.run(sql, p, function (e) { e ? ko(e) : ok(this.changes); }));
(async () => {
	await exec('BEGIN IMMEDIATE');
	const problems = [];
	for (const id of ids) {
		const [wf] = await all('SELECT * FROM workflow_entity WHERE id = ?', [id]);
		if (!wf) { problems.push('Workflow "' + id + '" not found.'); continue; }
		if (mode === 'publish') {
			if (wf.isArchived) { problems.push('Cannot publish archived Workflow ' + id); continue; }
			const [version] = await all('SELECT versionId FROM workflow_history WHERE workflowId = ? AND versionId = ?', [id, wf.versionId]);
			if (!version) { problems.push('Version "' + wf.versionId + '" not found for workflow "' + id + '".'); continue; }
		}
		await exec('UPDATE workflow_entity SET active = 1, activeVersionId = versionId WHERE id = ?', [id]);
	}
	await exec(problems.length ? 'ROLLBACK' : 'COMMIT');
	db.close();
	if (problems.length) { console.error(problems.join('\\n')); process.exit(1); }
})().catch((e) => { console.error(e.stack || e); process.exit(1); });
`;

/** Publishes (2.x) or activates (1.x) the workflows `ids` of a prepared, not started user folder. */
async function publishWorkflows(ctx, ids) {
	if (ids.length === 0) return;
	const sqlite = !ctx.env.DB_TYPE || ctx.env.DB_TYPE === 'sqlite';
	if (sqlite) {
		const database =
			ctx.env.DB_SQLITE_DATABASE || path.join(ctx.userFolder, '.n8n', 'database.sqlite');
		const mode = N8N_MAJOR >= 2 ? 'publish' : 'activate';
		const r = await run(ctx.host.node, ['-e', SQLITE_PUBLISH, database, mode, ...ids], {
			cwd: ctx.host.dir,
			timeoutMs: 60000,
		});
		if (r.code !== 0)
			throw new Error(
				`publishing ${ids.join(', ')} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`,
			);
		return;
	}
	for (const id of ids) {
		const args =
			N8N_MAJOR >= 2
				? ['publish:workflow', `--id=${id}`]
				: ['update:workflow', `--id=${id}`, '--active=true'];
		const r = await ctx.cli(args);
		if (r.code !== 0)
			throw new Error(`n8n ${args.join(' ')} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
	}
}

module.exports = { publishWorkflows };
