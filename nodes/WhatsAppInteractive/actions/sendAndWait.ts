/**
 * Send and Wait for Response: send one reply-button or list message whose choices carry signed
 * references to this wait (`shared/wait/reference.ts`), then put the execution to wait. The
 * WhatsApp Interactive Trigger receives the tap and forwards it to this node's resume webhook
 * (`webhook()` below), which outputs the choice. When the wait time runs out, n8n resumes the
 * execution without calling the node: it outputs the node's input unchanged — so the node makes
 * its input the item that says it timed out (see `markTimeout`).
 */
import { randomBytes } from 'crypto';
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import {
	DIALECTS,
	getDialect,
	type Dialect,
	type EncodedRequest,
	type Envelope,
} from '../../shared/dialects';
import { quickReplies, templateComponents } from '../../shared/dialects/whatsapp/template';
import { renderText, templateKey } from '../../shared/model/template';
import type { Issue } from '../../shared/validation/issues';
import type { NormalisedEvent } from '../../shared/model/event';
import { hasChoices, type InteractiveMessage, type Message } from '../../shared/model/message';
import { parsePhone } from '../../shared/model/phone';
import { resolveAuthHeaders } from '../../shared/dialects/credential';
import { sendingCredentials } from './credential';
import { postWithRetry } from '../../shared/transport/http';
import { FixedGate, runClock } from '../../shared/transport/limiter';
import { redact } from '../../shared/transport/redact';
import { answerProof, checkHopProof, hopExtra, type HopOutcome } from '../../shared/wait/hop';
import { waitUntil, type LimitSettings } from '../../shared/wait/limit';
import {
	CHOICE_PARAM,
	encodeReference,
	signatureOf,
	WAIT_PARAM,
} from '../../shared/wait/reference';
import {
	approvalAnswer,
	defaultLimitType,
	isTyped,
	readApproval,
	refusedItem,
	refusedOnlyForLength,
	type ReadApproval,
	relabelForApproval,
	responseTypeOf,
	timedOutApproval,
} from './approval';
import { envelopeOf, noTemplates, validationError } from './prepare';
import {
	checkTemplateItem,
	lookUpTemplates,
	readTemplate,
	sendsTemplate,
	templateObject,
} from './template';
import { providerError } from './providerError';
import { checkMessage, readMessage } from './readMessage';
import { AUTO_OPTION, KINDS, kindOf, type KindName } from '../../shared/kinds';
import { readSettings } from './settings';
import {
	answerText,
	checkAnswer,
	defaultReprompt,
	readAnswerCheck,
	type AnswerCheck,
} from '../../shared/wait/validate';
import { DEFAULT_MAX_REPROMPTS } from '../description/freeText';
import { errorItem } from './send';

/** A choice as it was offered: the user's own id, its title, and a list row's description. */
export interface OfferedChoice {
	id: string;
	title: string;
	description?: string;
}

/** What the node remembers of the question while it waits (also the timed-out item's `question`). */
export interface Question {
	/** Identifies this wait of the node: a loop may ask twice in one execution. */
	waitId: string;
	/**
	 * `template`: asked with an approved template; the choices are its quick-reply buttons. `text`:
	 * Free Text, asked with a text message; `locationRequest`: Location, asked with a location
	 * request; `flow`: Form, asked with a WhatsApp Flow. None has choices.
	 */
	messageType: 'buttons' | 'list' | 'template' | 'text' | 'locationRequest' | 'flow';
	/** The message's body (a template's with its variables filled in). */
	body: string;
	/** The template asked with, as `name|language`. */
	template?: string;
	choices: OfferedChoice[];
	/**
	 * Response Type Approval: the answer also carries `data: { approved, respondedAt }`. Free Text
	 * and Location: the answer is the number's next message (`receiveFreeText`). Form: the Flow's
	 * reply, whose token is the wait's reference (`receiveForm`).
	 */
	responseType?: 'approval' | 'freeText' | 'location' | 'form';
	/** Free Text (and Location, whose rule is `location`): what the answer must be. */
	validation?: AnswerCheck;
	/** Free Text: whether the answer also goes to the trigger's Message output. */
	passOn?: boolean;
	/** Free Text: the message sent when an answer fails validation, at most `max` times. */
	reprompt?: Reprompt;
}

/** Free Text's re-prompt: its text, how many times at most, and the request that sends it. */
export interface Reprompt {
	text: string;
	max: number;
	url: string;
	body: IDataObject;
}

/** The choices of a message in the order the recipient sees them. */
export function choicesOf(message: InteractiveMessage): OfferedChoice[] {
	if (message.type === 'buttons')
		return (message.buttons ?? []).map((b) => ({ id: b.id, title: b.title }));
	return (message.list?.sections ?? []).flatMap((section) =>
		section.rows.map((row) => ({
			id: row.id,
			title: row.title,
			...(row.description ? { description: row.description } : {}),
		})),
	);
}

/** The same message with each choice's id replaced by `ids[k]`. */
export function withChoiceIds(message: InteractiveMessage, ids: string[]): InteractiveMessage {
	let k = 0;
	if (message.type === 'buttons') {
		return { ...message, buttons: (message.buttons ?? []).map((b) => ({ ...b, id: ids[k++] })) };
	}
	const list = message.list ?? { button: '', sections: [] };
	return {
		...message,
		list: {
			...list,
			sections: list.sections.map((s) => ({
				...s,
				rows: s.rows.map((r) => ({ ...r, id: ids[k++] })),
			})),
		},
	};
}

function fail(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	error: NodeOperationError | Error,
): INodeExecutionData[][] {
	if (!ctx.continueOnFail()) throw error;
	return [items.map((_, i) => errorItem(error, i))];
}

export async function sendAndWait(
	ctx: IExecuteFunctions,
	dialect: Dialect,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const node = ctx.getNode();
	if (items.length !== 1) {
		return fail(
			ctx,
			items,
			new NodeOperationError(
				node,
				`Send and Wait for Response asks one question at a time, but received ${items.length} items`,
				{
					itemIndex: items.length > 1 ? 1 : 0,
					description:
						"Put a Loop Over Items node (batch size 1) before this node, or turn on Execute Once in its settings to ask only for the first item. When the items are several customers from one WhatsApp Interactive Trigger callback, set the trigger's Options → Executions to One per Customer (the default of triggers added from type version 3).",
				},
			),
		);
	}

	const limit = waitUntil(
		{
			limitType: ctx.getNodeParameter('limitType', 0, defaultLimitType(ctx)),
			resumeAmount: ctx.getNodeParameter('resumeAmount', 0, 1),
			resumeUnit: ctx.getNodeParameter('resumeUnit', 0, 'hours'),
			maxDateAndTime: ctx.getNodeParameter('maxDateAndTime', 0, ''),
		} as LimitSettings,
		Date.now(),
	);
	if (!limit.ok)
		return fail(
			ctx,
			items,
			new NodeOperationError(node, `${limit.message} [item 0]`, { itemIndex: 0 }),
		);

	const responseType = responseTypeOf(ctx);
	const asked = isTyped(responseType)
		? askTyped(ctx, dialect, responseType)
		: responseType === 'form'
			? askForm(ctx, dialect)
			: sendsTemplate(ctx, 0)
				? await askWithTemplate(ctx, dialect)
				: askWithMessage(ctx, dialect);
	if (!asked.ok) return 'refused' in asked ? [[asked.refused]] : fail(ctx, items, asked.error);
	const { offered } = asked;

	const waitId = newWaitId();
	const executionId = ctx.getExecutionId();
	requireSignatures(ctx);
	// Free Text and Form offer nothing to tap: their one reference (choice 0) rides in the
	// correlation field, or in the Flow Token.
	const slots = asked.freeText || asked.form ? [0] : offered.map((_, k) => k);
	const references = slots.map((k) =>
		encodeReference({
			executionId,
			nodeId: node.id,
			waitId,
			choice: k,
			signature: signatureOf(
				ctx.getSignedResumeUrl({ [CHOICE_PARAM]: String(k), [WAIT_PARAM]: waitId }),
			),
		}),
	);

	const encoded = asked.encode(references, envelopeOf(ctx, dialect, 0));
	if (!encoded.request || encoded.issues.length > 0)
		return fail(ctx, items, validationError(ctx, encoded.issues, 0));
	const request = encoded.request;

	const settings = readSettings(ctx);
	const credentials = await sendingCredentials(ctx, dialect);
	const baseUrl = dialect.baseUrl(credentials);
	const secrets = dialect.credential.secretFields.map((field) => String(credentials[field] ?? ''));
	const url = baseUrl + request.path;
	// One message: one request at a time, retried as Send retries (Max Retries, Retry-After).
	const gate = new FixedGate(1, runClock);
	const auth = {
		credentialType: dialect.credential.type,
		headers: resolveAuthHeaders(dialect.credential.authHeaders, credentials),
	};
	const outcome = await postWithRetry(ctx, auth, url, request.body, settings, gate, {
		rateLimited: dialect.rateLimited,
	});
	if (!outcome)
		throw new NodeOperationError(node, 'The message was not sent [item 0]', { itemIndex: 0 });
	if (!outcome.ok)
		return fail(
			ctx,
			items,
			providerError(ctx, dialect, outcome, url, 0, secrets, settings.timeoutMs),
		);
	const receipt = dialect.readReceipts(outcome.body, [request])[0];

	const approval = asked.approval;
	const question: Question = {
		waitId,
		messageType: asked.messageType,
		body: asked.body,
		choices: offered,
	};
	if (asked.template) question.template = asked.template;
	if (approval) question.responseType = 'approval';
	if (asked.form) question.responseType = 'form';
	if (asked.freeText) {
		question.responseType = asked.freeText.responseType;
		question.validation = asked.freeText.validation;
		question.passOn = asked.freeText.passOn;
		if (encoded.reprompt)
			question.reprompt = {
				text: asked.freeText.reprompt,
				max: asked.freeText.maxReprompts,
				url: baseUrl + encoded.reprompt.path,
				body: encoded.reprompt.body,
			};
	}
	const sent: IDataObject = {
		provider: dialect.id,
		to: receipt.to ?? request.to,
		messageId: receipt.messageId,
		correlationId: receipt.correlationId,
		sentAt: new Date().toISOString(),
		waitUntil: limit.limited ? limit.date.toISOString() : null,
		question: question as unknown as IDataObject,
	};
	if (receipt.batchId !== undefined) sent.batchId = receipt.batchId;
	if (receipt.transactionId !== undefined) sent.transactionId = receipt.transactionId;
	if (receipt.messageId === null)
		sent.response = redact(
			typeof outcome.body === 'object' ? outcome.body : String(outcome.body ?? ''),
			secrets,
		) as IDataObject;

	const waiting: INodeExecutionData = {
		json: {
			answered: false,
			timedOut: true,
			...(asked.freeText
				? {
						valid: false,
						text: null,
						message: null,
						...(asked.freeText.responseType === 'location' ? { location: null } : {}),
					}
				: asked.form
					? { data: null, flow: null }
					: { choice: null }),
			...sent,
			...(approval ? { data: timedOutApproval(node) } : {}),
		},
		pairedItem: { item: 0 },
	};
	markTimeout(ctx, waiting);
	await ctx.putExecutionToWait(limit.date);
	return [[waiting]];
}

/**
 * n8n 1.x checks the signature of a resume URL only when the node asks for it
 * (`setSignatureValidationRequired`, gone in 2.x, which checks every one): asked wherever it exists,
 * so no host takes a resume URL without its signature.
 */
function requireSignatures(ctx: IExecuteFunctions): void {
	const host = ctx as IExecuteFunctions & { setSignatureValidationRequired?: () => void };
	if (typeof host.setSignatureValidationRequired === 'function')
		host.setSignatureValidationRequired();
}

/** A wait's id: random, so that it cannot be guessed from the time the question was asked. */
function newWaitId(): string {
	return randomBytes(8).toString('hex');
}

/** What is asked: the choices offered, and how to encode the request once their references are known. */
type Asked =
	| {
			ok: true;
			offered: OfferedChoice[];
			messageType: Question['messageType'];
			body: string;
			template?: string;
			approval: boolean;
			/** Free Text: what the answer must be, and the re-prompt. */
			freeText?: FreeTextAsk;
			/** Form: asked with a WhatsApp Flow whose token is the reference. */
			form?: boolean;
			encode(
				references: string[],
				envelope: Envelope,
			): { request?: EncodedRequest; reprompt?: EncodedRequest; issues: Issue[] };
	  }
	| { ok: false; error: NodeOperationError }
	/** An agent's approval that was not asked: the node's output, with nothing sent. */
	| { ok: false; refused: INodeExecutionData };

/** An interactive message (the user's, or Approval's): its buttons or rows are the choices. */
function askWithMessage(ctx: IExecuteFunctions, dialect: Dialect): Asked {
	// The user's message is checked with the user's ids, so that problems name what they wrote.
	const approval = responseTypeOf(ctx) === 'approval';
	let read: ReadApproval;
	try {
		read = approval ? readApproval(ctx, dialect) : readMessage(ctx, 0);
	} catch (error) {
		return {
			ok: false,
			error: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: 0 }),
		};
	}
	const issues = approval
		? relabelForApproval(checkMessage(read, dialect))
		: checkMessage(read, dialect);
	if (read.refused && refusedOnlyForLength(read, issues))
		return { ok: false, refused: refusedItem(read.refused) };
	// A kind with nothing to tap (a text message) cannot ask: said with the message's other problems.
	if (read.message && !kindOf(read.message.type).asks) issues.push(cannotAsk(read.message.type));
	// (`hasChoices` only narrows the type: every kind without choices was refused above.)
	if (!read.message || !hasChoices(read.message) || issues.length > 0)
		return { ok: false, error: validationError(ctx, issues, 0) };
	const message = read.message;
	return {
		ok: true,
		offered: choicesOf(message),
		messageType: message.type,
		body: message.body,
		approval,
		encode: (references, envelope) => dialect.encode(withChoiceIds(message, references), envelope),
	};
}

/** What Free Text and Location ask with, beside their question. */
interface FreeTextAsk {
	responseType: 'freeText' | 'location';
	validation: AnswerCheck;
	passOn: boolean;
	reprompt: string;
	maxReprompts: number;
}

/**
 * Free Text: the question as a text message; Location: as a location request (only where the
 * dialect takes one), and only a shared place answers. Either way with the wait's reference in the
 * provider's correlation field (`Dialect.correlationOption`), which the provider echoes in the
 * question's status callbacks: that is how the trigger learns that this customer's next message
 * answers this wait (`shared/wait/conversations.ts`). The re-prompt is encoded now, as the same
 * kind of message with the same envelope, so that the waiting node can send it without reading its
 * parameters again.
 */
function askTyped(
	ctx: IExecuteFunctions,
	dialect: Dialect,
	responseType: 'freeText' | 'location',
): Asked {
	const issues: Issue[] = [];
	const body = String(ctx.getNodeParameter('message', 0, '') ?? '');
	const locating = responseType === 'location';
	const read = locating
		? readAnswerCheck({ rule: 'location' })
		: readAnswerCheck({
				rule: ctx.getNodeParameter('answerValidation', 0, 'any'),
				choices: ctx.getNodeParameter('allowedAnswers', 0, ''),
				pattern: ctx.getNodeParameter('answerPattern', 0, ''),
				mediaTypes: ctx.getNodeParameter('answerMediaTypes', 0, []),
			});
	if (!read.ok) issues.push({ path: 'answerValidation', message: read.message });
	const options = (ctx.getNodeParameter('freeTextOptions', 0, {}) ?? {}) as IDataObject;
	const max = Number(options.maxReprompts ?? DEFAULT_MAX_REPROMPTS);
	if (!Number.isInteger(max) || max < 0 || max > 10)
		issues.push({
			path: 'freeTextOptions.maxReprompts',
			message: `Max Re-Prompts must be a whole number from 0 to 10, not "${String(options.maxReprompts)}"`,
		});
	if (!locating && !dialect.kinds.text)
		issues.push({
			path: 'responseType',
			message: `${dialect.displayName} documents no text messages, so Free Text cannot ask through it`,
		});
	if (locating && !dialect.kinds.locationRequest)
		issues.push({
			path: 'responseType',
			message: `${dialect.displayName} documents no location requests, so Response Type Location cannot ask through it; choose ${DIALECTS.filter(
				(d) => d.kinds.locationRequest,
			)
				.map((d) => d.displayName)
				.join(
					' or ',
				)} as Provider, or ask with Free Text (Answer Must Be: Any Message) and check the answer's message.location`,
		});
	// The message of each: `body` is the question's, then the re-prompt's.
	const messageOf = (text: string): Message =>
		locating ? { type: 'locationRequest', body: text } : { type: 'text', body: text };
	const question = messageOf(body);
	if (!(locating && !dialect.kinds.locationRequest))
		issues.push(...relabelForApproval(dialect.validate(question)));
	if (!read.ok || issues.length > 0) return { ok: false, error: validationError(ctx, issues, 0) };
	const validation = read.check;
	const given = String(options.repromptMessage ?? '').trim();
	const reprompt = given !== '' ? given : defaultReprompt(validation);
	return {
		ok: true,
		offered: [],
		messageType: question.type === 'locationRequest' ? 'locationRequest' : 'text',
		body,
		approval: false,
		freeText: {
			responseType,
			validation,
			passOn: options.passOnAnswer === true,
			reprompt,
			maxReprompts: max,
		},
		encode: (references, envelope) => {
			const correlated: Envelope = {
				...envelope,
				options: { ...envelope.options, [dialect.correlationOption]: references[0] },
			};
			const asked = dialect.encode(question, correlated);
			if (!asked.request) return asked;
			const again = dialect.encode(messageOf(reprompt), correlated);
			if (!again.request)
				return {
					issues: again.issues.map((issue) => ({
						...issue,
						path: 'freeTextOptions.repromptMessage',
						message: `Re-Prompt Message: ${issue.message}`,
					})),
				};
			return { request: asked.request, reprompt: again.request, issues: asked.issues };
		},
	};
}

/**
 * Form (WhatsApp Flow): the question is the body of a Flow message, read from the Flow's fields as
 * Message Type WhatsApp Flow reads them (without a header or footer) and checked against the
 * provider's Flow limits. The wait's reference is the Flow Token, which Meta sends back in the Flow's
 * reply: the trigger hands that reply over as it hands over a tap (`splitTaps`).
 */
function askForm(ctx: IExecuteFunctions, dialect: Dialect): Asked {
	if (!dialect.kinds.flow)
		return {
			ok: false,
			error: validationError(
				ctx,
				[
					{
						path: 'responseType',
						message: `${dialect.displayName} documents no WhatsApp Flows, so Response Type Form cannot ask through it; choose ${DIALECTS.filter(
							(d) => d.kinds.flow,
						)
							.map((d) => d.displayName)
							.join(' or ')} as Provider`,
					},
				],
				0,
			),
		};
	const own: Record<string, unknown> = { headerType: 'none', footerText: '' };
	const read = kindOf('flow').read((name, fallback) => {
		if (name === 'bodyText') return ctx.getNodeParameter('message', 0, '');
		if (name in own) return own[name];
		return ctx.getNodeParameter(name, 0, fallback);
	});
	const issues = relabelForApproval(checkMessage(read, dialect));
	if (!read.message || read.message.type !== 'flow' || issues.length > 0)
		return { ok: false, error: validationError(ctx, issues, 0) };
	const message = read.message;
	return {
		ok: true,
		offered: [],
		messageType: 'flow',
		body: message.body,
		approval: false,
		form: true,
		encode: (references, envelope) =>
			dialect.encode({ ...message, flow: { ...message.flow, token: references[0] } }, envelope),
	};
}

/** Send and Wait asks with choices to tap: a message of a kind without them is refused. */
function cannotAsk(type: KindName): Issue {
	const asking = KINDS.filter((kind) => kind.asks);
	const names = [...asking.map((kind) => kind.option.name), AUTO_OPTION.name];
	return {
		path: 'messageType',
		message: `Send and Wait for Response waits for a tap on a choice, and a ${kindOf(type).noun} message has none; choose Message Type ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]} (in JSON, "type": ${asking.map((kind) => `"${kind.type}"`).join(' or ')})`,
	};
}

/**
 * An approved template (Send As → Template), for asking outside the 24-hour window: its quick-reply
 * buttons are the choices, and their payloads carry the references. The template's definition is
 * needed to know them, so it must be readable through the credential.
 */
async function askWithTemplate(ctx: IExecuteFunctions, dialect: Dialect): Promise<Asked> {
	if (!dialect.templates) return { ok: false, error: noTemplates(ctx, dialect, 0) };
	const templates = dialect.templates;
	const given = readTemplate(ctx, 0);
	// The user's own quick-reply payloads are replaced by references: checked without them.
	const own = given.fill.buttons.filter((button) => button.subType !== 'quick_reply');
	const lookups = await lookUpTemplates(ctx, dialect, 1);
	const checked = checkTemplateItem({ ...given, fill: { ...given.fill, buttons: own } }, lookups);
	// As checked: with the definition's name for a named header variable.
	const read = checked.read;
	const lookup = checked.lookup;
	const issues = [...checked.issues];
	if (lookup && 'unchecked' in lookup) {
		issues.push({
			path: 'template',
			message: `Send and Wait needs the template's definition to know its quick-reply buttons, but ${lookup.reason}`,
		});
	}
	const definition = lookup && 'definition' in lookup ? lookup.definition : undefined;
	const replies = definition ? quickReplies(definition) : [];
	if (definition && replies.length === 0) {
		issues.push({
			path: 'template',
			message: `Template "${definition.name}" (${definition.language}) has no quick-reply buttons, so there is nothing to tap; choose a template with quick replies, or send it with Send Template`,
		});
	}
	if (!definition || issues.length > 0)
		return { ok: false, error: validationError(ctx, issues, 0) };
	const named = definition.parameterFormat === 'NAMED';
	const body = definition.body
		? renderText(definition.body.text, definition.body.variables, read.fill.body, named)
		: '';
	const kept = read.components.filter(
		(component) => !(component.type === 'button' && component.sub_type === 'quick_reply'),
	);
	return {
		ok: true,
		offered: replies.map((button) => ({ id: button.text, title: button.text })),
		messageType: 'template',
		body,
		template: templateKey(definition.name, definition.language),
		approval: false,
		encode: (references, envelope) => {
			const payloads = templateComponents({
				...read.fill,
				header: null,
				body: [],
				buttons: replies.map((button, k) => ({
					index: button.index,
					subType: 'quick_reply',
					value: references[k],
				})),
			});
			return templates.encode(templateObject(read.fill, [...kept, ...payloads]), envelope);
		},
	};
}

/**
 * On timeout n8n resumes the execution with the waiting node disabled, which passes the input of
 * its execution-stack entry on to its first output. Replacing that entry's input (the object
 * `getExecuteData()` returns is the entry n8n saves with the waiting execution) makes the node
 * output the item that says it timed out. The same item is what `webhook()` reads the question
 * from when a tap arrives, so it never depends on re-evaluating the node's expressions.
 * The original input items are not touched: they belong to the previous node's output too.
 */
function markTimeout(ctx: IExecuteFunctions, item: INodeExecutionData): void {
	const entry = ctx.getExecuteData();
	entry.data = { ...entry.data, main: [[item]] };
}

/** Who answered, as digits, for comparing numbers written differently (`+55 19 …` and `5519…`). */
function digits(value: unknown): string | null {
	const parsed = parsePhone(value);
	return parsed.ok ? parsed.digits : null;
}

/** What every answer's item says: who answered and when, and the question as it was sent. */
function answered(state: IDataObject, event: NormalisedEvent, receivedAt: string): IDataObject {
	return {
		from: event.from,
		contactName: event.contactName ?? null,
		answeredAt: event.timestamp ?? receivedAt,
		receivedAt,
		provider: state.provider,
		to: state.to,
		messageId: state.messageId,
		correlationId: state.correlationId ?? null,
		sentAt: state.sentAt,
		question: state.question,
		event: event as unknown as IDataObject,
	};
}

/**
 * Whether the event comes from the number asked (`to`): the same digits. An answer that came with a
 * user id and no number: the same user id, or the trigger says (under its proof) that the
 * question's own status named that user id as its recipient (`tie`): with the number asked, or
 * with no number (`status`).
 */
function fromNumberAsked(event: NormalisedEvent, to: unknown, tie: unknown): boolean {
	const from = digits(event.from);
	if (from !== null) return from === digits(to);
	const hasUserId = typeof event.userId === 'string' && event.userId !== '';
	if (hasUserId && (tie === 'status' || (typeof tie === 'string' && tie === digits(to))))
		return true;
	return hasUserId && event.userId === to;
}

/**
 * A typed answer (Free Text): checked against Answer Must Be. One that passes resumes the
 * execution. One that fails is met with the re-prompt while re-prompts remain (`reprompts`: sent so
 * far, counted by the trigger), and the node keeps waiting: n8n leaves an execution waiting when its
 * webhook gives no workflow data. After the last re-prompt, the next answer resumes the execution
 * whatever it is, with `valid: false` and why.
 */
async function receiveFreeText(
	ctx: IWebhookFunctions,
	state: IDataObject,
	question: Question,
	event: NormalisedEvent,
	reprompts: number,
	proof: string,
): Promise<IWebhookResponseData> {
	const res = ctx.getResponseObject();
	const problem = checkAnswer(question.validation ?? { rule: 'any' }, event);
	const reprompt = question.reprompt;
	if (problem !== null && reprompt && reprompts < reprompt.max) {
		const sent = await sendReprompt(ctx, String(state.provider ?? ''), reprompt);
		if (!sent) {
			// Not settled: the trigger answers the provider with an error, and the answer comes again.
			res.status(502).json({ resumed: false, message: 'The re-prompt could not be sent' });
			return { noWebhookResponse: true };
		}
		return notResumed(
			res,
			200,
			'reprompted',
			`The answer was not taken (${problem}); asked again`,
			proof,
		);
	}
	const receivedAt = new Date().toISOString();
	const text = answerText(event);
	const json: IDataObject = {
		answered: true,
		timedOut: false,
		valid: problem === null,
		...(problem !== null ? { invalid: problem } : {}),
		text: text === '' ? null : text,
		message: (event.message ?? null) as IDataObject | null,
		// Location: the shared place, `{ latitude, longitude, name, address }`, or null when not valid.
		...(question.responseType === 'location'
			? { location: (event.message?.location ?? null) as IDataObject | null }
			: {}),
		...answered(state, event, receivedAt),
		userId: event.userId ?? null,
		reprompts,
		// Where n8n's own Send and Wait puts a free-text answer.
		data: { text: text === '' ? null : text },
	};
	const reason: HopOutcome = question.passOn ? 'passedOn' : 'resumed';
	return {
		workflowData: [[{ json, pairedItem: { item: 0 } }]],
		webhookResponse: { resumed: true, reason, proof: answerProof(proof, reason) },
	};
}

/**
 * Form: the Flow's reply resumes with the submitted fields as `data` (where n8n's own Send and Wait
 * puts a form's fields), without the `flow_token` that carried the reference, and the whole reply
 * as `flow`. Anything else that carries the reference resumes nothing.
 */
function receiveForm(
	res: ReturnType<IWebhookFunctions['getResponseObject']>,
	state: IDataObject,
	event: NormalisedEvent,
	proof: string,
): IWebhookResponseData {
	// (`receiveAnswer` has taken only a Flow reply for a Form.)
	if (!event.flow || event.flow.response === null)
		return notResumed(
			res,
			400,
			'unknownChoice',
			'The answer is not the reply of the Flow this node sent',
			proof,
		);
	// The submitted fields, without the token; names that would set an object's prototype when n8n
	// copies the item are left out (the customer's input cannot name them, a Flow's JSON could).
	const fields: IDataObject = {};
	for (const [name, value] of Object.entries(event.flow.response))
		if (!['flow_token', '__proto__', 'constructor', 'prototype'].includes(name))
			fields[name] = value;
	const receivedAt = new Date().toISOString();
	const json: IDataObject = {
		answered: true,
		timedOut: false,
		data: fields,
		flow: { ...event.flow } as IDataObject,
		...answered(state, event, receivedAt),
		userId: event.userId ?? null,
	};
	return {
		workflowData: [[{ json, pairedItem: { item: 0 } }]],
		webhookResponse: { resumed: true, proof: answerProof(proof, 'resumed') },
	};
}

/** Sends Free Text's re-prompt, as encoded when the question was asked; whether the provider took it. */
async function sendReprompt(
	ctx: IWebhookFunctions,
	provider: string,
	reprompt: Reprompt,
): Promise<boolean> {
	try {
		const dialect = getDialect(provider);
		const type = dialect.credential.type;
		const credentials = await ctx.getCredentials<ICredentialDataDecryptedObject>(type);
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, type, {
			method: 'POST',
			url: reprompt.url,
			body: reprompt.body,
			headers: resolveAuthHeaders(dialect.credential.authHeaders, credentials),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: REPROMPT_TIMEOUT_MS,
		})) as { statusCode: number; body: unknown };
		if (response.statusCode >= 200 && response.statusCode < 300) return true;
		ctx.logger.warn(
			`WhatsApp Interactive could not send a Free Text re-prompt: ${dialect.displayName} answered ${response.statusCode} ${dialect.errorMessage(response.body) ?? ''}`.trim(),
		);
	} catch (error) {
		ctx.logger.warn(
			`WhatsApp Interactive could not send a Free Text re-prompt: ${(error as Error).message}`,
		);
	}
	return false;
}

const REPROMPT_TIMEOUT_MS = 10_000;

/**
 * The execution n8n loaded for this request:
 the first of the last two segments of its path,
 * `/webhook-waiting/<executionId>/<nodeId>`, which is what n8n routed it by.
 */
function executionIdOf(request: { originalUrl?: string; url?: string }): string {
	const path = (request.originalUrl ?? request.url ?? '').split('?')[0];
	const segments = path.split('/').filter((segment) => segment !== '');
	return segments.length >= 2 ? decodeURIComponent(segments[segments.length - 2]) : '';
}

/**
 * An answer that resumes nothing (a refusal, or Free Text's re-prompt), as JSON the trigger can
 * read. With the hop's proof when the hop was genuine, so the trigger can tell the node's own
 * answer from anything else on the way.
 */
function notResumed(
	res: ReturnType<IWebhookFunctions['getResponseObject']>,
	status: number,
	reason: HopOutcome,
	message: string,
	requestProof: string | null,
): IWebhookResponseData {
	res.status(status).json({
		resumed: false,
		reason,
		message,
		...(requestProof === null ? {} : { proof: answerProof(requestProof, reason) }),
	});
	return { noWebhookResponse: true };
}

/**
 * A tap handed over by the WhatsApp Interactive Trigger (`shared/wait/hop.ts`). n8n has checked the
 * signature of the URL (execution, node, choice, wait). This checks that the trigger of this n8n
 * process sent it (the hop's proof), that it answers the wait under way, and that it comes from
 * the number asked; then outputs it. The answer `{ resumed: true }` goes back only once n8n has
 * stored the resumed run (the webhook's `responseMode: onReceived` with `webhookResponse`, as the
 * trigger's own acknowledgement), so the trigger acknowledges a tap only when it is kept.
 */
export async function receiveAnswer(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const res = ctx.getResponseObject();
	const query = ctx.getQueryData() as IDataObject;
	const body = (ctx.getBodyData() ?? {}) as IDataObject;
	const k = Number(query[CHOICE_PARAM]);
	const target = {
		executionId: executionIdOf(ctx.getRequestObject()),
		nodeId: ctx.getNode().id,
		waitId: String(query[WAIT_PARAM] ?? ''),
		choice: k,
	};
	if (!checkHopProof(target, body.event, body.proof, hopExtra(body.reprompts, body.tie))) {
		ctx.logger.warn(
			`WhatsApp Interactive refused an answer to execution ${target.executionId}: it did not come from a WhatsApp Interactive Trigger of this n8n`,
		);
		return notResumed(
			res,
			403,
			'unauthenticated',
			'Answers reach a waiting node only through a WhatsApp Interactive Trigger of this n8n',
			null,
		);
	}
	const proof = body.proof as string;
	const raw = ctx.evaluateExpression('{{ $json }}', 0);
	const state = (
		raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}
	) as IDataObject;
	const question = state.question as unknown as Question | undefined;
	if (!question || !Array.isArray(question.choices))
		return notResumed(res, 409, 'notWaiting', 'This node is not waiting for an answer', proof);
	if (target.waitId !== question.waitId)
		return notResumed(
			res,
			409,
			'otherMessage',
			'The tap answers an earlier message of this node, not the one it waits for',
			proof,
		);
	let parsed: unknown;
	try {
		parsed = JSON.parse(body.event as string);
	} catch {
		parsed = null;
	}
	const event = (parsed !== null && typeof parsed === 'object'
		? parsed
		: {}) as unknown as NormalisedEvent;
	if (!fromNumberAsked(event, state.to, body.tie))
		return notResumed(
			res,
			403,
			'otherRecipient',
			isTyped(question.responseType)
				? 'The message came from another number than the one asked'
				: 'The tap came from another number than the one asked',
			proof,
		);
	// Each wait takes one kind of answer: a tap, the next message, or the Flow's reply.
	const takes: ReadonlyArray<NormalisedEvent['event']> =
		question.responseType === 'form'
			? ['flowReply']
			: isTyped(question.responseType)
				? ['message']
				: ['buttonReply', 'listReply'];
	if (!takes.includes(event.event))
		return notResumed(
			res,
			400,
			'unknownChoice',
			'The answer is not of the kind this node waits for',
			proof,
		);
	if (question.responseType === 'form') return receiveForm(res, state, event, proof);
	if (isTyped(question.responseType))
		return await receiveFreeText(ctx, state, question, event, Number(body.reprompts ?? 0), proof);

	const choice = Number.isInteger(k) ? question.choices[k] : undefined;
	if (!choice)
		return notResumed(res, 400, 'unknownChoice', 'The message had no such choice', proof);

	const receivedAt = new Date().toISOString();
	const json: IDataObject = {
		answered: true,
		timedOut: false,
		choice: { ...choice } as IDataObject,
		...answered(state, event, receivedAt),
	};
	if (question.responseType === 'approval') json.data = approvalAnswer(choice.id, receivedAt);
	return {
		workflowData: [[{ json, pairedItem: { item: 0 } }]],
		webhookResponse: { resumed: true, proof: answerProof(proof, 'resumed') },
	};
}
