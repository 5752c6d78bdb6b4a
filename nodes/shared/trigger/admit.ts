/**
 * One callback, from the request to the events a workflow gets: check the webhook secret or the
 * provider's signature, read and decode the body, hand Send and Wait taps and typed answers to the
 * executions waiting for them, and select what the user asked for. Shared by the WhatsApp
 * Interactive Trigger (in n8n's webhook phase) and the WhatsApp Interactive Router (in an execution
 * started by n8n's Webhook node). Whatever is refused is answered here, on `res`, and nothing comes
 * back; what comes back is the caller's to deliver and acknowledge.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Dialect } from '../dialects/types';
import { STATUS_STATES, type NormalisedEvent, type StatusState } from '../model/event';
import { openWaitsOf, takeAnswers } from './answers';
import { authorise, checkSignature } from './authorise';
import { readCallbackBody, UNREADABLE_BODY } from './body';
import type { CallbackContext, NodeNames } from './context';
import { forwardTaps, MAX_TAPS_PER_CALLBACK, splitTaps, type HopRoute } from './forward';
import type { OutputLayout } from './outputs';
import { sendError, type ReceiptCounts, type WebhookResponse } from './respond';
import { selectEvents } from './routing';

/** The answer to a callback whose Send and Wait tap n8n could not hand to the waiting execution. */
const UNTAKEN_TAP =
	'n8n could not hand a tap to the execution waiting for it; send the callback again';

/** The answer to a callback with a typed answer n8n could not hand to the execution waiting for it. */
const UNTAKEN_ANSWER =
	'n8n could not hand a typed answer to the execution waiting for it; send the callback again';

/** The receipt's counts that are known before the duplicate filter runs. */
export type PartCounts = Omit<ReceiptCounts, 'delivered' | 'duplicates'>;

/** Where the callback comes from, as far as the pipeline needs it. */
export interface CallbackSource {
	/** Who is answering. */
	names: NodeNames;
	/** Authentication: Webhook Secret (providers that do not sign their callbacks). */
	checksSecret: boolean;
	/** The raw bytes of the body (read only once the secret is checked); `undefined`: unreadable. */
	rawBody(): Promise<{ raw: unknown } | undefined>;
	/** What n8n made of the body. */
	parsedBody(): unknown;
	/** Where Send and Wait answers are handed over. */
	hopRoute(): HopRoute;
	/** Which outputs exist, and the status states to deliver. */
	layout: OutputLayout;
	states?: StatusState[];
}

/** A callback that passed every check, with what is left for the outputs. */
export interface Admitted {
	/** Events for the outputs (the user's selection; taps and taken answers are not among them). */
	selected: NormalisedEvent[];
	unrecognised: unknown[];
	clientInfo?: IDataObject;
	counts: PartCounts;
}

/**
 * Runs the checks and hand-overs of one callback. Returns `null` when it has answered the callback
 * itself (refused, or an answer could not be handed over), and the events to deliver otherwise.
 */
export async function admit(
	context: CallbackContext,
	res: WebhookResponse,
	dialect: Dialect,
	source: CallbackSource,
): Promise<Admitted | null> {
	const { label, noun } = source.names;
	const signature = dialect.trigger.signature;
	// Providers that sign are checked by their signature below; the others by the webhook secret,
	// when Authentication asks for it. Either way the callback is authenticated.
	const checksSecret = !signature && source.checksSecret;
	const authenticated = checksSecret || signature !== undefined;

	// The webhook secret comes first: a caller without it gets 401 before its body is read.
	if (checksSecret) {
		const auth = await authorise(context);
		if (auth.outcome === 'misconfigured') {
			context.logger.error(`${label} rejected a callback: ${auth.problem}`);
			sendError(
				res,
				500,
				`The ${noun} cannot check its webhook secret; its owner must fix the credential in n8n`,
			);
			return null;
		}
		if (auth.outcome === 'rejected') {
			sendError(res, 401, auth.message, auth.headers);
			return null;
		}
	}

	const read = await source.rawBody();
	if (read === undefined) {
		sendError(res, 400, UNREADABLE_BODY);
		return null;
	}
	// A signature is over the raw bytes, so it is checked once they are read.
	if (signature) {
		const signed = await checkSignature(context, signature, read.raw);
		if (signed.outcome === 'misconfigured') {
			context.logger.error(`${label} rejected a callback: ${signed.problem}`);
			sendError(
				res,
				500,
				`The ${noun} cannot check the signature; its owner must fix the credential in n8n`,
			);
			return null;
		}
		if (signed.outcome === 'rejected') {
			sendError(res, 401, signed.message);
			return null;
		}
	}

	const body = readCallbackBody(source.parsedBody(), read.raw);
	if (!body.ok) {
		sendError(res, 400, body.message);
		return null;
	}
	const decoded = dialect.decodeCallback(body.body);
	if (decoded.rejected !== undefined) {
		sendError(res, 400, decoded.rejected);
		return null;
	}

	// Taps on a Send and Wait for Response message go to the execution that waits for them, not
	// to the outputs (./forward.ts). The answer to a forwarded tap comes once the waiting execution
	// has taken it; a tap n8n could not take is not acknowledged.
	const { taps, others } = splitTaps(decoded.events);
	if (taps.length > MAX_TAPS_PER_CALLBACK) {
		sendError(
			res,
			413,
			`The callback carries ${taps.length} Send and Wait answers; a callback may carry at most ${MAX_TAPS_PER_CALLBACK}`,
		);
		return null;
	}
	// Only an authenticated callback can answer: otherwise anyone could answer for the person asked.
	const route = source.hopRoute();
	const tapOutcomes = taps.length > 0 ? await forwardTaps(context, taps, authenticated, route) : [];
	if (tapOutcomes.some((tap) => tap.reason === 'failed')) {
		sendError(res, 503, UNTAKEN_TAP);
		return null;
	}

	// A tap whose hand-over could not be confirmed (./forward.ts) is kept on the outputs.
	const unconfirmed = taps.filter((_, k) => tapOutcomes[k]?.reason === 'unconfirmed');
	const rest = unconfirmed.length ? [...others, ...unconfirmed.map((tap) => tap.event)] : others;

	// Typed answers to Send and Wait (Free Text) go to the execution waiting for them
	// (./answers.ts); one that n8n could not settle is not acknowledged.
	const waits = openWaitsOf(context);
	const answers = await takeAnswers(context, rest, authenticated, waits, route);
	waits.save();
	if (answers.failed) {
		sendError(res, 503, UNTAKEN_ANSWER);
		return null;
	}

	const { layout } = source;
	const states = source.states ?? [...STATUS_STATES];
	const { selected, ignored } = selectEvents(answers.others, { states, ...layout });
	const admitted: Admitted = {
		selected,
		unrecognised: decoded.unrecognised,
		counts: {
			received: decoded.events.length + decoded.unrecognised.length,
			ignored: ignored + (layout.outputOther ? 0 : decoded.unrecognised.length),
			unrecognised: decoded.unrecognised.length,
			...(answers.taken > 0 ? { answered: answers.taken } : {}),
			...(taps.length > 0
				? {
						resumed: tapOutcomes.filter((tap) => tap.resumed).length,
						notResumed: tapOutcomes.filter((tap) => !tap.resumed).map(({ reason }) => ({ reason })),
					}
				: {}),
		},
	};
	if (decoded.clientInfo !== undefined) admitted.clientInfo = decoded.clientInfo;
	return admitted;
}
