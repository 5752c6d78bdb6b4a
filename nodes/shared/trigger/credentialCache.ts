/**
 * The trigger's credential, read once and kept for a few seconds, per trigger node and process
 * (callbacks that arrive together while nothing is kept each read it).
 *
 * In a webhook, n8n's `getCredentials()` starts a fresh expression isolate to resolve the
 * credential's fields and disposes of it afterwards. Measured on n8n 2.35.6 (docs/performance.md):
 * 67–75 ms per callback with nothing else running, the largest single cost of a callback to a
 * trigger that checks a secret or a signature. A credential read here is kept for `KEEP_MS`:
 *
 * - a request the kept credential accepts is accepted;
 * - a request it does not accept is judged again against a fresh read, so a secret that was just
 *   changed in n8n is accepted at once. The secret it replaced is still accepted for at most
 *   `KEEP_MS` after the change (docs/credentials.md says so);
 * - what is kept belongs to one trigger node (workflow, node, credential id and type): every node
 *   reads its credential through n8n, with n8n's checks, before anything is kept for it.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { CallbackContext } from './context';
import { nodeScope } from './scope';

/** How long a credential read is kept, in milliseconds. */
export const KEEP_MS = 10_000;

/** At most this many trigger nodes' credentials are kept; the oldest go first. */
const MAX_KEPT = 200;

interface Kept {
	data: ICredentialDataDecryptedObject;
	readAt: number;
}

const kept = new Map<string, Kept>();

/** Forgets every kept credential (tests). */
export function forgetCredentials(): void {
	kept.clear();
}

function keyOf(context: CallbackContext, type: string): string | null {
	const id = context.getNode().credentials?.[type]?.id;
	return id ? JSON.stringify([nodeScope(context), type, id]) : null;
}

/**
 * Judges a request with the node's credential of `type`: first with the credential read in the
 * last `KEEP_MS`, when there is one and it accepts; otherwise with a fresh read, which is then
 * kept. `accepts` says whether a verdict of `judge` accepts the request. A failed read throws, as
 * `getCredentials` does.
 */
export async function judgeWithCredential<V>(
	context: CallbackContext,
	type: string,
	judge: (credential: ICredentialDataDecryptedObject) => V,
	accepts: (verdict: V) => boolean,
	now: number = Date.now(),
): Promise<V> {
	const key = keyOf(context, type);
	if (key !== null) {
		const recent = kept.get(key);
		if (recent !== undefined && now - recent.readAt >= 0 && now - recent.readAt < KEEP_MS) {
			const verdict = judge(recent.data);
			if (accepts(verdict)) return verdict;
		}
		kept.delete(key);
	}
	const data = await context.getCredentials<ICredentialDataDecryptedObject>(type);
	if (key !== null) {
		kept.set(key, { data, readAt: now });
		while (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value as string);
	}
	return judge(data);
}
