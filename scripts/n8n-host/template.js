'use strict';
/**
 * A new user folder's database, migrated once per n8n host. Part of scripts/n8n-host.js.
 *
 * n8n creates its SQLite database and runs every migration the first time one of its commands
 * runs on a user folder: about 3.5 s of the first CLI call on a 2-core machine, in every test that
 * prepares a new folder. The first such folder of a host instead gets a migrated, empty database
 * made once (`n8n import:workflow` of nothing, on a folder of its own) and kept in the host's
 * directory; each new folder then starts from a copy of it and of its `config` (the encryption
 * key the database was made with, which n8n also derives the instance id from). Nothing is
 * imported into it: it holds n8n's schema and the rows its migrations write. Only for SQLite at
 * n8n's default place, a folder without a database yet, and no encryption key given.
 */
const fs = require('fs');
const path = require('path');
const { n8nCli } = require('./cli');

const FILES = ['database.sqlite', 'config'];
/** SQLite's write-ahead log, if n8n left one: part of the database until it is checkpointed. */
const WAL = 'database.sqlite-wal';

/** Whether a user folder about to be prepared with this environment can start from the template. */
function usesTemplate(userFolder, env) {
	if (env.DB_TYPE && env.DB_TYPE !== 'sqlite') return false;
	if (env.DB_SQLITE_DATABASE || env.N8N_ENCRYPTION_KEY) return false;
	const dir = path.join(userFolder, '.n8n');
	return !FILES.some((f) => fs.existsSync(path.join(dir, f)));
}

/** The host's template folder (its `.n8n` holds the files), made on first use. */
async function templateFor(host, env) {
	const dir = path.join(host.dir, '.user-folder-template');
	if (FILES.every((f) => fs.existsSync(path.join(dir, '.n8n', f)))) return dir;
	// Made beside it and renamed into place, so that two runs making it at once both end well.
	const making = fs.mkdtempSync(`${dir}.making-`);
	try {
		const nothing = path.join(making, 'import');
		fs.mkdirSync(nothing);
		const r = await n8nCli({ host, userFolder: making, env: { ...env, N8N_USER_FOLDER: making } }, [
			'import:workflow',
			'--separate',
			`--input=${nothing}`,
		]);
		const made = FILES.every((f) => fs.existsSync(path.join(making, '.n8n', f)));
		if (r.code !== 0 || !made)
			throw new Error(
				`n8n could not make the migrated database (exit ${r.code}):\n${r.stdout}\n${r.stderr}`,
			);
		fs.rmSync(nothing, { recursive: true });
		for (const f of fs.readdirSync(path.join(making, '.n8n')))
			if (!FILES.includes(f) && f !== WAL)
				fs.rmSync(path.join(making, '.n8n', f), { recursive: true });
		try {
			fs.renameSync(making, dir);
		} catch (e) {
			// Another run put its template there first: use that one.
			if (!fs.existsSync(dir)) throw e;
		}
	} finally {
		fs.rmSync(making, { recursive: true, force: true });
	}
	return dir;
}

/** Copies the host's migrated database and its config into a new user folder (see above). */
async function seedUserFolder(host, userFolder, env) {
	if (!usesTemplate(userFolder, env)) return false;
	const from = path.join(await templateFor(host, env), '.n8n');
	const to = path.join(userFolder, '.n8n');
	fs.mkdirSync(to, { recursive: true });
	// The template holds the files above and the write-ahead log, if any: all of them are copied.
	for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(to, f));
	return true;
}

module.exports = { seedUserFolder };
