/**
 * Typed answers to Send and Wait (Free Text): the trigger's side. A status whose correlation field
 * holds a wait's reference registers the wait for that customer (`../wait/conversations.ts`); the
 * customer's next message is handed to the waiting execution with the same authenticated hop as a
 * tap (`forward.ts`, `../wait/hop.ts`), on this process's own listener. The waiting node checks the
 * sender, validates the answer, and says what became of it:
 * - `resumed` (or `passedOn`): the execution goes on with it; `passedOn` also leaves it on the
 *   trigger's outputs;
 * - `reprompted`: the answer failed validation, the node asked again and still waits;
 * - `notWaiting` and the other refusals: the wait is over or is not for it, so the message is an
 *   ordinary one and goes to the outputs;
 * - `failed`: not settled, so the callback is answered with an error and the provider sends it again.
 */
import type { NormalisedEvent } from '../model/event';
import { hopExtra, hopProof } from '../wait/hop';
import { OpenWaits, WAITS_STATIC_KEY } from '../wait/conversations';
import { decodeReference } from '../wait/reference';
import type { CallbackContext } from './context';
import { FORWARD_CONCURRENCY, handOver, pooled, type HopRoute } from './forward';
import { nodeScope } from './scope';

export { WAITS_STATIC_KEY };

export interface TakenAnswers {
	/** The events that stay on the trigger's outputs. */
	others: NormalisedEvent[];
	/** Messages a waiting execution took (resumed with, or re-prompted on). */
	taken: number;
	/** Whether any answer could not be handed over: the provider must send the callback again. */
	failed: boolean;
}

/** The open waits of this trigger, over this request's static data. */
export function openWaitsOf(ctx: CallbackContext): OpenWaits {
	return new OpenWaits(ctx.getWorkflowStaticData('node'), nodeScope(ctx));
}

/**
 * Registers the waits this callback's statuses name, then hands each customer's messages, in order,
 * to the wait open for that customer, if any. Only an authenticated callback answers: otherwise its
 * messages stay ordinary messages.
 */
export async function takeAnswers(
	ctx: CallbackContext,
	events: NormalisedEvent[],
	authenticated: boolean,
	waits: OpenWaits,
	route: HopRoute,
): Promise<TakenAnswers> {
	const now = Date.now();
	// Only an authenticated callback registers a wait: anyone could have posted the others.
	const asked = events.filter(
		(event) => event.event === 'status' && decodeReference(event.correlationId) !== null,
	);
	if (!authenticated && asked.length > 0)
		ctx.logger.error(
			"WhatsApp Interactive Trigger received the status of a Send and Wait (Free Text) question, but this trigger's Authentication is None, so it will not hand the customer's answer to the waiting execution. Choose Authentication: Webhook Secret (and give the provider the URL with the secret).",
		);
	for (const event of authenticated ? asked : []) {
		// A failed question is not waited on: the customer never got it.
		if (event.status?.state === 'failed') continue;
		waits.register(event.correlationId!, event.to, event.userId, event.from, now);
	}

	// Each customer's messages in order: the first may answer, the ones after go to a new wait or out.
	const byCustomer = new Map<string, NormalisedEvent[]>();
	const consumed = new Set<NormalisedEvent>();
	let retaken = 0;
	for (const event of events) {
		if (event.event !== 'message') continue;
		// Sent again by the provider after a wait took it: taken already, not a new message. One
		// passed on stays on the outputs: its callback was not acknowledged, so it never went out.
		if (waits.wasTaken(event.messageId)) {
			retaken++;
			if (!waits.wasPassedOn(event.messageId)) consumed.add(event);
			continue;
		}
		if (waits.find(event.from, event.userId, event.to) === null) continue;
		const customer = `${event.to ?? ''}|${event.from ?? event.userId ?? ''}`;
		const list = byCustomer.get(customer);
		if (list) list.push(event);
		else byCustomer.set(customer, [event]);
	}
	const rest = () => events.filter((event) => !consumed.has(event));
	if (byCustomer.size === 0) return { others: rest(), taken: retaken, failed: false };
	if (!authenticated) {
		ctx.logger.error(
			`WhatsApp Interactive Trigger did not hand ${byCustomer.size} customer message(s) to the Send and Wait executions waiting for their answers: this trigger's Authentication is None, so anyone could have sent them. Choose Authentication: Webhook Secret (and give the provider the URL with the secret).`,
		);
		return { others: rest(), taken: retaken, failed: false };
	}

	const { base } = route;
	let failed = false;
	let taken = retaken;
	await pooled([...byCustomer.values()], FORWARD_CONCURRENCY, async (messages) => {
		for (const message of messages) {
			const found = waits.find(message.from, message.userId, message.to);
			if (found === null) continue;
			if (base === null) {
				ctx.logger.error(
					'WhatsApp Interactive Trigger cannot hand an answer to the waiting execution: the request does not say which address this n8n listens on',
				);
				failed = true;
				return;
			}
			const event = JSON.stringify(message);
			const reprompts = String(found.wait.reprompts);
			// An answer with a user id and no number: what ties it to the question's recipient is the
			// question's own (authenticated) status, which named that user id: with the number it
			// named too when it did, or `status`.
			const tie =
				message.from === null && found.key.startsWith('u')
					? (found.wait.phone ?? 'status')
					: undefined;
			const reason = await handOver(ctx, { ...route, base }, found.reference, {
				event,
				proof: hopProof(found.reference, event, hopExtra(reprompts, tie)),
				reprompts,
				...(tie ? { tie } : {}),
			});
			if (reason === 'failed') {
				failed = true;
				return;
			}
			if (reason === 'reprompted') {
				waits.reprompted(found, message.from, message.userId);
				waits.took(message.messageId);
				consumed.add(message);
				taken++;
				continue;
			}
			if (reason === 'resumed' || reason === 'passedOn') {
				waits.close(found.wait.ref, message.from, message.userId, true);
				waits.took(message.messageId, reason === 'passedOn');
				if (reason === 'resumed') consumed.add(message);
				taken++;
				continue;
			}
			// Another number than the one asked: the wait stays open, the message is an ordinary one.
			// Otherwise the wait is over (timed out, stopped, another question): a late status of that
			// question registers nothing again.
			// Unconfirmed (./forward.ts): whether the wait is over is not known, so it stays open too.
			if (reason !== 'otherRecipient' && reason !== 'unconfirmed')
				waits.close(found.wait.ref, message.from, message.userId, true);
			ctx.logger.info(
				`WhatsApp Interactive Trigger did not resume execution ${found.reference.executionId} with a message: ${reason}`,
			);
		}
	});
	return { others: rest(), taken, failed };
}
