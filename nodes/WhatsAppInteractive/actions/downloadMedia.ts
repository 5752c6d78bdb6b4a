/**
 * Download Media: the media of an inbound message (by the provider's media id, or a download URL)
 * as n8n binary data, with the item's JSON kept and a summary under `downloadedMedia`.
 *
 * Items are downloaded one after the other, each capped at Max Size (checked against what the
 * provider states before the download, against Content-Length, and against the bytes as they
 * arrive). With Continue On Fail every item ends as an output item or an error item.
 */
import { createHash } from 'crypto';
import {
	NodeApiError,
	NodeOperationError,
	type IBinaryKeyData,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';
import type { Dialect } from '../../shared/dialects';
import { resolveAuthHeaders } from '../../shared/dialects/credential';
import { hostOf, originOf } from '../../shared/dialects/media';
import type { MediaFacts, MediaSupport } from '../../shared/dialects/types';
import { escapeHtml } from '../../shared/model/html';
import { isRecord, text } from '../../shared/model/values';
import { downloadWithRetry, type DownloadOutcome } from '../../shared/transport/download';
import { header, requestWithRetry, type RequestAuth } from '../../shared/transport/http';
import { FixedGate, runClock } from '../../shared/transport/limiter';
import { redact } from '../../shared/transport/redact';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../../shared/transport/defaults';
import { DEFAULT_MAX_SIZE_MB } from '../description/media';
import { chosenCredentials, handedCredential } from './credential';
import { providerError } from './providerError';
import { errorItem } from './send';
import { itemError, nodeError, rejectedAdvice } from './itemError';

const MB = 1024 * 1024;

/** What the item says about the media, beside its id or URL (the trigger's `message.media`). */
interface MediaRef {
	id: string | null;
	url: string | null;
	mimeType: string | null;
	fileName: string | null;
	sha256: string | null;
}

export async function downloadMedia(
	ctx: IExecuteFunctions,
	dialect: Dialect,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const media = dialect.media;
	if (!media) throw notOffered(ctx, dialect);
	const continueOnFail = ctx.continueOnFail();
	const credentials = await chosenCredentials(ctx, dialect);
	const secrets = credentials
		? dialect.credential.secretFields.map((field) => String(credentials[field] ?? ''))
		: [];
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			out.push(await downloadItem(ctx, dialect, media, credentials, secrets, items[i], i));
		} catch (error) {
			if (!continueOnFail) throw nodeError(ctx, error, i);
			out.push(errorItem(nodeError(ctx, error, i), i));
		}
	}
	return out;
}

async function downloadItem(
	ctx: IExecuteFunctions,
	dialect: Dialect,
	media: MediaSupport,
	credentials: ICredentialDataDecryptedObject | undefined,
	secrets: string[],
	item: INodeExecutionData,
	i: number,
): Promise<INodeExecutionData> {
	const ref = readRef(ctx, dialect, media, item, i);
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const property = String(ctx.getNodeParameter('binaryPropertyName', i, 'data') ?? '').trim();
	if (property === '')
		throw itemError(
			ctx,
			'Put Output File in Field is empty',
			i,
			'Name the binary field the file goes into, such as data.',
		);
	const maxMb = Number(options.maxSizeMb ?? DEFAULT_MAX_SIZE_MB);
	if (!Number.isFinite(maxMb) || maxMb <= 0)
		throw itemError(
			ctx,
			`Max Size must be a number of megabytes above 0, not ${String(options.maxSizeMb)}`,
			i,
			'Set Max Size (MB) under Options, such as 100.',
		);
	const maxBytes = Math.floor(maxMb * MB);
	const settings = {
		timeoutMs: DEFAULT_TIMEOUT_MS,
		maxRetries: DEFAULT_MAX_RETRIES,
		retryUncertain: true,
	};

	const auth: RequestAuth | undefined = credentials
		? {
				credentialType: dialect.credential.type,
				headers: resolveAuthHeaders(dialect.credential.authHeaders, credentials),
			}
		: undefined;
	const credential = credentials ? handedCredential(ctx, dialect, credentials) : undefined;
	const origins = new Set(credentials ? media.authenticatedOrigins(credentials) : []);

	// A media id: the provider says where the file is, what it is and how big.
	let facts: MediaFacts | undefined;
	let url = ref.url;
	if (ref.id !== null) {
		const lookup = media.lookup!;
		if (!auth || !credentials)
			throw itemError(
				ctx,
				`No ${dialect.displayName} credential is chosen`,
				i,
				`A media ID is looked up with the credential. Choose one under "Credential to connect with".`,
			);
		const lookupUrl = dialect.baseUrl(credentials) + lookup.path(ref.id);
		const answer = await requestWithRetry(
			ctx,
			auth,
			{ method: 'GET', url: lookupUrl },
			settings,
			new FixedGate(1, runClock),
			{ credential, rateLimited: dialect.rateLimited },
		);
		if (!answer)
			throw new NodeOperationError(ctx.getNode(), 'The media lookup did not run', { itemIndex: i });
		if (!answer.ok) {
			if (answer.status !== undefined && lookup.gone(answer.status, answer.body))
				throw mediaGone(
					ctx,
					dialect,
					lookup.goneAdvice,
					answer.status,
					answer.body,
					ref.id,
					i,
					secrets,
				);
			throw rejectedAdvice(
				providerError(ctx, dialect, answer, lookupUrl, i, secrets, settings.timeoutMs),
				`The provider's message above says what to change. Media must be a media ID of the WhatsApp Business Account in the credential, such as the trigger's message.media.id.`,
			);
		}
		facts = lookup.read(answer.body);
		if (facts.size !== null && facts.size > maxBytes)
			throw tooLarge(ctx, facts.size, maxMb, i, true);
		if (facts.url === null)
			throw apiError(
				ctx,
				dialect,
				`${dialect.displayName} described media ${ref.id} without a download URL`,
				'Run the node again; if it persists, the media may still be processing at the provider.',
				answer.status,
				answer.body,
				i,
				secrets,
			);
		url = facts.url;
		// The URL the provider itself gave is its own: the token goes with it (Meta's "Download media").
		const origin = originOf(url);
		if (origin) origins.add(origin);
	}
	if (url === null || !/^https?:\/\//i.test(url) || hostOf(url) === undefined)
		throw itemError(
			ctx,
			`Media ${quoteShort(url ?? '')} is not a download URL`,
			i,
			`Give an http:// or https:// address${media.lookup ? ' or a media ID' : ''}.`,
		);

	const outcome = await downloadWithRetry(
		ctx,
		url,
		auth ? { ...auth, origins, credential } : undefined,
		{ timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries, maxBytes },
	);
	if (!outcome.ok) throw downloadError(ctx, dialect, media, outcome, url, maxMb, i, secrets);

	const expected = facts?.mimeType ?? ref.mimeType;
	const served = text(header(outcome.headers, 'content-type'));
	checkIsMedia(ctx, served, expected, outcome.bytes, i);
	const mimeType =
		expected ?? (served && !GENERIC.test(served) ? served : null) ?? 'application/octet-stream';
	const fileName =
		(nonEmpty(options.fileName) !== null ? safeName(nonEmpty(options.fileName)!) : null) ??
		ref.fileName ??
		dispositionName(header(outcome.headers, 'content-disposition')) ??
		urlName(outcome.url) ??
		`${safeName(ref.id ?? 'media')}${extensionOf(mimeType)}`;

	const digest = createHash('sha256').update(outcome.bytes);
	const hex = digest.digest('hex');
	const given = facts?.sha256 ?? ref.sha256;
	const verified = given === null ? null : sameHash(given, hex);

	const binary = await ctx.helpers.prepareBinaryData(outcome.bytes, fileName, mimeType);
	const summary: IDataObject = {
		provider: dialect.id,
		mediaId: ref.id,
		fileName,
		mimeType,
		fileSize: outcome.bytes.length,
		sha256: hex,
		sha256Verified: verified,
		binaryProperty: property,
	};
	if (verified === false)
		summary.warning = `The file's SHA-256 differs from the one ${dialect.displayName} gave (${given}); the file may be damaged. Download it again before relying on it.`;
	const previous: IBinaryKeyData = item.binary ?? {};
	return {
		json: { ...item.json, downloadedMedia: summary },
		binary: { ...previous, [property]: binary },
		pairedItem: { item: i },
	};
}

/** The Media parameter: an id or a URL (or the trigger's whole media object), with what the item adds. */
function readRef(
	ctx: IExecuteFunctions,
	dialect: Dialect,
	media: MediaSupport,
	item: INodeExecutionData,
	i: number,
): MediaRef {
	const value = ctx.getNodeParameter('media', i, '') as unknown;
	const given = isRecord(value) ? value : undefined;
	const raw = given ? (text(given.id) ?? text(given.url)) : text(value);
	if (raw === null)
		throw itemError(
			ctx,
			'Media is empty',
			i,
			media.lookup
				? `Give the media ID of the inbound message (the trigger's message.media.id, as the default expression reads it) or a download URL. This item has ${describeItemMedia(item)}.`
				: `Give the download URL of the inbound media (the trigger's message.media.url, as the default expression reads it). This item has ${describeItemMedia(item)}.`,
		);
	const reference = raw.trim();
	const isUrl = /^[a-z][a-z0-9+.-]*:/i.test(reference);
	if (!isUrl && !media.lookup)
		throw itemError(
			ctx,
			`Media ${quoteShort(reference)} is not a URL`,
			i,
			`${dialect.displayName} gives inbound media as a download URL (the trigger's message.media.url), not as an ID.`,
		);
	if (!isUrl && !/^[A-Za-z0-9._-]{1,200}$/.test(reference))
		throw itemError(
			ctx,
			`Media ${quoteShort(reference)} is neither a media ID nor a URL`,
			i,
			'Give the media ID of the inbound message (digits, e.g. 1037543291543636) or an http:// or https:// download URL.',
		);
	// The trigger's media object, from the Media value itself or from the item it describes.
	const own =
		isRecord(item.json.message) && isRecord(item.json.message.media)
			? item.json.message.media
			: undefined;
	const hints =
		given ?? (own && (text(own.id) === reference || text(own.url) === reference) ? own : {});
	return {
		id: isUrl ? null : reference,
		url: isUrl ? reference : null,
		mimeType: text(hints.mimeType),
		fileName: text(hints.fileName),
		sha256: text(hints.sha256),
	};
}

function describeItemMedia(item: INodeExecutionData): string {
	const message = item.json.message;
	if (!isRecord(message)) return 'no message (is it an item of the WhatsApp Interactive Trigger?)';
	if (!isRecord(message.media))
		return `a message of type ${text(message.type) ?? 'unknown'} without media`;
	return 'message.media without an ID or URL';
}

/** A web page or a JSON answer where a file was expected: not the media (a login page, an error). */
function checkIsMedia(
	ctx: IExecuteFunctions,
	served: string | null,
	expected: string | null,
	bytes: Buffer,
	i: number,
): void {
	const base = (served ?? '').split(';')[0].trim().toLowerCase();
	const wanted = (expected ?? '').split(';')[0].trim().toLowerCase();
	if (base === wanted) return;
	if (base === 'text/html' || (base === 'application/json' && wanted !== '')) {
		let said = '';
		if (base === 'application/json') {
			try {
				const body = JSON.parse(bytes.toString('utf8')) as unknown;
				const error = isRecord(body) && isRecord(body.error) ? body.error : body;
				said = isRecord(error) ? (text(error.message) ?? text(error.errorMessage) ?? '') : '';
			} catch {
				said = '';
			}
		}
		throw itemError(
			ctx,
			`The address answered with ${base === 'text/html' ? 'a web page' : 'JSON'} (${base}), not a media file${said ? `: ${said}` : ''}`,
			i,
			'Give the direct download URL of the media, or its media ID where the provider has IDs (the Cloud API).',
		);
	}
}

const GENERIC = /^(application\/octet-stream|binary\/octet-stream|application\/binary)\b/i;

function nonEmpty(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** `attachment; filename="a.pdf"` or `filename*=UTF-8''a%20b.pdf`. */
export function dispositionName(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const star = /filename\*\s*=\s*(?:[\w-]+)?'[^']*'([^;]+)/i.exec(value);
	if (star) {
		try {
			return nonEmpty(safeName(decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))));
		} catch {
			// Not percent-encoded properly: the plain filename below, if any.
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(value);
	return plain ? nonEmpty(safeName((plain[2] ?? plain[1]).trim())) : null;
}

/** The URL's last path segment when it looks like a file name (`…/photo.jpg`). */
function urlName(url: string): string | null {
	try {
		const segment = new URL(url).pathname.split('/').pop() ?? '';
		const name = decodeURIComponent(segment);
		return /^[^.]+.*\.[A-Za-z0-9]{1,8}$/.test(name) ? safeName(name) : null;
	} catch {
		return null;
	}
}

/** No directories, no control characters, no `?` (n8n cuts a file name there, as if it were a URL's query). */
function safeName(name: string): string {
	return name.replace(/[\\/?\u0000-\u001f]+/g, '_').slice(0, 200);
}

/** Extensions of WhatsApp's media types (Meta's "Supported media types"). */
const EXTENSIONS: Record<string, string> = {
	'audio/aac': '.aac',
	'audio/amr': '.amr',
	'audio/mpeg': '.mp3',
	'audio/mp4': '.m4a',
	'audio/ogg': '.ogg',
	'text/plain': '.txt',
	'application/pdf': '.pdf',
	'application/msword': '.doc',
	'application/vnd.ms-excel': '.xls',
	'application/vnd.ms-powerpoint': '.ppt',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
	'image/jpeg': '.jpg',
	'image/png': '.png',
	'image/webp': '.webp',
	'video/3gpp': '.3gp',
	'video/mp4': '.mp4',
};

function extensionOf(mimeType: string): string {
	return EXTENSIONS[mimeType.split(';')[0].trim().toLowerCase()] ?? '';
}

/** The provider's hash, hex or base64, against the file's (hex). */
function sameHash(given: string, hex: string): boolean {
	const value = given.trim();
	if (/^[0-9a-f]{64}$/i.test(value)) return value.toLowerCase() === hex;
	return value.replace(/=+$/, '') === Buffer.from(hex, 'hex').toString('base64').replace(/=+$/, '');
}

function quoteShort(value: string): string {
	return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}…` : value);
}

function megabytes(bytes: number): string {
	return `${(bytes / MB).toFixed(bytes < MB ? 2 : 1)} MB`;
}

function tooLarge(
	ctx: IExecuteFunctions,
	bytes: number,
	maxMb: number,
	i: number,
	stated: boolean,
): NodeOperationError {
	return itemError(
		ctx,
		stated
			? `The media is ${megabytes(bytes)}, more than Max Size (${maxMb} MB); it was not downloaded`
			: `The media is larger than Max Size (${maxMb} MB): the download stopped after ${megabytes(bytes)}`,
		i,
		'Raise Max Size (MB) under Options if the workflow should take files this large.',
	);
}

function notOffered(ctx: IExecuteFunctions, dialect: Dialect): NodeOperationError {
	return itemError(
		ctx,
		`${dialect.displayName} has no Download Media in this node`,
		0,
		'Choose another operation, or the provider the media came through.',
	);
}

/** A provider's answer that is not an HTTP failure of the request itself, as NodeApiError with its own words. */
function apiError(
	ctx: IExecuteFunctions,
	dialect: Dialect,
	message: string,
	description: string,
	status: number | undefined,
	body: unknown,
	i: number,
	secrets: string[],
): NodeApiError {
	const said = dialect.errorMessage(body);
	const text = redact(`${message}${said ? `: ${said}` : ''} [item ${i}]`, secrets) as string;
	const error = new NodeApiError(
		ctx.getNode(),
		redact({ httpCode: status ?? null, body: (body ?? null) as JsonObject }, secrets) as JsonObject,
		{
			message: text,
			description: escapeHtml(description),
			httpCode: status !== undefined ? String(status) : undefined,
			itemIndex: i,
		},
	);
	error.message = text;
	return error;
}

function mediaGone(
	ctx: IExecuteFunctions,
	dialect: Dialect,
	advice: string,
	status: number,
	body: unknown,
	id: string,
	i: number,
	secrets: string[],
): NodeApiError {
	return apiError(
		ctx,
		dialect,
		`Media ${id} is no longer available at ${dialect.displayName} (HTTP ${status})`,
		advice,
		status,
		body,
		i,
		secrets,
	);
}

function downloadError(
	ctx: IExecuteFunctions,
	dialect: Dialect,
	media: MediaSupport,
	outcome: Extract<DownloadOutcome, { ok: false }>,
	url: string,
	maxMb: number,
	i: number,
	secrets: string[],
): Error {
	const where = hostOf(url) ?? 'the media address';
	const tries = outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : '';
	switch (outcome.reason) {
		case 'tooLarge':
			return outcome.declared !== null && outcome.received === 0
				? tooLarge(ctx, outcome.declared, maxMb, i, true)
				: tooLarge(ctx, outcome.received, maxMb, i, false);
		case 'status': {
			const refused = [401, 403, 404, 410].includes(outcome.status);
			return apiError(
				ctx,
				dialect,
				`Downloading the media failed: ${where} answered HTTP ${outcome.status}${tries}`,
				refused
					? media.urlRefusedAdvice
					: 'Run the node again later; the server of the media did not deliver it.',
				outcome.status,
				outcome.body,
				i,
				secrets,
			);
		}
		case 'redirects':
			return itemError(
				ctx,
				`Downloading the media failed: ${where} redirected too often`,
				i,
				'Give the final download URL of the media.',
			);
		case 'network':
			return itemError(
				ctx,
				`Could not download the media from ${where} (${outcome.code})${tries}`,
				i,
				'Check that this n8n can reach that address, and run the node again.',
			);
	}
}
