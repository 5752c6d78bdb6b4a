/**
 * The Cloud API's webhook security (Meta's "Webhooks" guide): the verification request
 * (GET with `hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`, answered with the challenge)
 * and the `X-Hub-Signature-256: sha256=<hex>` header on every POST, an HMAC-SHA256 of the raw
 * body with the app secret. Both are compared in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Equal-length digests first, so the comparison takes the same time whatever was sent. */
function sameText(a: string, b: string): boolean {
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(a), digest(b));
}

function header(
	headers: Record<string, string | string[] | undefined>,
	name: string,
): string | undefined {
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

const SIGNATURE_REFUSED =
	"The X-Hub-Signature-256 header is missing or does not match the body. Callbacks must come from Meta, and the App Secret in the trigger's credential must be the one of the app that sends them";

export function checkCloudSignature(
	request: { headers: Record<string, string | string[] | undefined>; rawBody: unknown },
	data: ICredentialDataDecryptedObject,
): { ok: true } | { ok: false; message: string } | { ok: false; problem: string } {
	const secret = typeof data.appSecret === 'string' ? data.appSecret.trim() : '';
	if (secret === '')
		return {
			ok: false,
			problem: 'The App Secret of the WhatsApp Cloud API webhook credential is empty',
		};
	const raw = request.rawBody;
	if (!(typeof raw === 'string' || Buffer.isBuffer(raw))) {
		return {
			ok: false,
			problem:
				'n8n did not hand the trigger the raw request body, so the signature cannot be checked',
		};
	}
	const given = (header(request.headers, 'x-hub-signature-256') ?? '').trim();
	const expected = 'sha256=' + createHmac('sha256', secret).update(raw).digest('hex');
	// Hex digits in any case are the same signature.
	if (given === '' || !sameText(given.toLowerCase(), expected))
		return { ok: false, message: SIGNATURE_REFUSED };
	return { ok: true };
}

function queryValue(
	query: Record<string, unknown>,
	key: 'mode' | 'verify_token' | 'challenge',
): string | undefined {
	const flat = query[`hub.${key}`];
	const nested =
		query.hub !== null && typeof query.hub === 'object'
			? (query.hub as Record<string, unknown>)[key]
			: undefined;
	const value = flat ?? nested;
	return typeof value === 'string' ? value : undefined;
}

export function verifyCloudSubscription(
	query: Record<string, unknown>,
	data: ICredentialDataDecryptedObject,
): { status: 200; text: string } | { status: 400 | 403; message: string } {
	const mode = queryValue(query, 'mode');
	const token = queryValue(query, 'verify_token');
	const challenge = queryValue(query, 'challenge');
	if (mode !== 'subscribe' || challenge === undefined) {
		return {
			status: 400,
			message:
				"Expected Meta's verification request: hub.mode=subscribe, hub.verify_token and hub.challenge",
		};
	}
	const expected = typeof data.verifyToken === 'string' ? data.verifyToken : '';
	if (expected === '' || token === undefined || !sameText(token, expected)) {
		return {
			status: 403,
			message:
				"The verify token does not match; enter the same Verify Token in the Meta app's webhook settings and in the trigger's credential",
		};
	}
	return { status: 200, text: challenge };
}

/** The credential "test": nothing to call (Meta calls us); checks that both values are usable. */
export function checkCloudWebhookCredential(data: ICredentialDataDecryptedObject): {
	status: 'OK' | 'Error';
	message: string;
} {
	const secret = typeof data.appSecret === 'string' ? data.appSecret.trim() : '';
	const token = typeof data.verifyToken === 'string' ? data.verifyToken : '';
	if (secret === '')
		return {
			status: 'Error',
			message:
				'The App Secret is empty; copy it from the Meta app (App settings → Basic → App secret)',
		};
	if (!/^[0-9a-f]{32}$/i.test(secret)) {
		return {
			status: 'Error',
			message:
				'The App Secret does not look like a Meta app secret (32 hexadecimal characters); copy it from App settings → Basic',
		};
	}
	if (Array.from(token).length < 16) {
		return {
			status: 'Error',
			message: `The Verify Token has ${Array.from(token).length} characters; use at least 16, for example a random password`,
		};
	}
	return {
		status: 'OK',
		message:
			"The trigger will check Meta's signatures with this App Secret and answer its verification with this Verify Token",
	};
}
