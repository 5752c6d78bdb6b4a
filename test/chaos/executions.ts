/**
 * Reads the executions n8n saved, straight from its database: SQLite (single process, read with
 * Node 24's built-in `node:sqlite` from the n8n host, after n8n has stopped) or PostgreSQL (queue
 * mode, through psql). Each execution is reduced to its status and the callback ids in its data.
 */
import { execFile } from 'child_process';
import * as path from 'path';
import { idsIn, type SavedExecution } from './stream';

const SQLITE_SCRIPT = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { readOnly: true });
const rows = db.prepare('SELECT e.id AS id, e.workflowId AS workflowId, e.status AS status, e.createdAt AS createdAt, d.data AS data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id').all();
const re = new RegExp(process.argv[2] + '-[A-Za-z]+-\\\\d+', 'g');
process.stdout.write(JSON.stringify(rows.map((r) => ({ id: String(r.id), workflowId: r.workflowId, status: r.status, createdAt: Date.parse(String(r.createdAt).replace(' ', 'T') + 'Z'), hasData: r.data !== null && r.data !== undefined, ids: [...new Set(String(r.data ?? '').match(re) ?? [])] }))));
`;

/** Every execution in an n8n user folder's SQLite database (n8n must not be writing to it). */
export async function sqliteExecutions(
	node24: string,
	userFolder: string,
	tag: string,
): Promise<SavedExecution[]> {
	const file = path.join(userFolder, '.n8n', 'database.sqlite');
	const stdout = await new Promise<string>((resolve, reject) =>
		execFile(
			node24,
			['--no-warnings', '-e', SQLITE_SCRIPT, file, tag],
			{ maxBuffer: 256 * 1024 * 1024 },
			(error, out, err) =>
				error ? reject(new Error(`reading ${file} failed: ${err || error.message}`)) : resolve(out),
		),
	);
	return JSON.parse(stdout) as SavedExecution[];
}

/** Every execution in n8n's PostgreSQL database (queue mode). */
export async function postgresExecutions(
	sql: (query: string) => Promise<string>,
	tag: string,
): Promise<SavedExecution[]> {
	const out = await sql(
		`SELECT e.id, e."workflowId", e.status, (extract(epoch from e."createdAt") * 1000)::bigint, replace(replace(coalesce(d.data, ''), E'\\t', ' '), E'\\n', ' ') FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id`,
	);
	return out
		.split('\n')
		.filter((line) => line.length > 0)
		.map((line) => {
			const [id, workflowId, status, createdAt, data] = line.split('\t');
			return {
				id,
				workflowId,
				status,
				createdAt: Number(createdAt),
				hasData: (data ?? '').length > 0,
				ids: [...new Set(idsIn(data ?? '', tag))],
			};
		});
}

const STATIC_SCRIPT = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { readOnly: true });
const rows = db.prepare('SELECT id, staticData FROM workflow_entity').all();
process.stdout.write(JSON.stringify(Object.fromEntries(rows.map((r) => [r.id, r.staticData ? JSON.parse(r.staticData) : null]))));
`;

/** How many event keys the trigger's duplicate store holds in each workflow's saved static data. */
export async function sqliteStoredKeys(
	node24: string,
	userFolder: string,
): Promise<Record<string, number>> {
	const file = path.join(userFolder, '.n8n', 'database.sqlite');
	const stdout = await new Promise<string>((resolve, reject) =>
		execFile(
			node24,
			['--no-warnings', '-e', STATIC_SCRIPT, file],
			{ maxBuffer: 64 * 1024 * 1024 },
			(error, out, err) =>
				error ? reject(new Error(`reading ${file} failed: ${err || error.message}`)) : resolve(out),
		),
	);
	const data = JSON.parse(stdout) as Record<
		string,
		Record<string, { seenEvents?: { keys?: string } }> | null
	>;
	const counts: Record<string, number> = {};
	for (const [id, staticData] of Object.entries(data)) {
		let n = 0;
		for (const [key, value] of Object.entries(staticData ?? {})) {
			if (key.startsWith('node:') && typeof value?.seenEvents?.keys === 'string')
				n += value.seenEvents.keys.length / 11;
		}
		counts[id] = n;
	}
	return counts;
}
