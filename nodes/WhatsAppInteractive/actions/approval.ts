/**
 * Send and Wait for Response with Response Type Approval: the message is the question (`message`)
 * with an Approve and, unless Approve Only, a Decline reply button; the answer is n8n's approval
 * shape, `data: { approved, respondedAt }`, which n8n's AI Agent reads to decide whether a tool
 * gated by the derived "Request human approval for tools" node runs (docs/ai-agents.md).
 */
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import type { Dialect } from '../../shared/dialects';
import { codePointLength } from '../../shared/model/text';
import { APPROVE_LABEL, DECLINE_LABEL } from '../description/approval';
import type { Issue } from '../../shared/validation/issues';
import type { ReadMessage } from './readMessage';

export type ResponseType = 'choice' | 'approval';

/** The ids of the two choices as the question records them (the message carries references). */
export const APPROVE_ID = 'approve';
export const DECLINE_ID = 'decline';

/** What n8n's agent is told when no one answered in time (see `timedOutApproval`). */
export const TIMED_OUT_FEEDBACK =
	'No one answered on WhatsApp before the waiting time ran out, so the tool call was neither approved nor run. Tell the user that the approval timed out.';

export function responseTypeOf(ctx: IExecuteFunctions): ResponseType {
	return ctx.getNodeParameter('responseType', 0, 'choice') === 'approval' ? 'approval' : 'choice';
}

/** n8n names the node it derives for an AI Agent's tools `<node>HitlTool` (n8n-workflow isHitlToolType). */
export function isHitlTool(node: INode): boolean {
	return node.type.endsWith('HitlTool');
}

const ELLIPSIS = '…';

/** The question shortened to `max` characters (code points), as WhatsApp counts them. */
function shorten(text: string, max: number | undefined): string {
	if (max === undefined || codePointLength(text) <= max) return text;
	return (
		Array.from(text)
			.slice(0, max - 1)
			.join('') + ELLIPSIS
	);
}

/**
 * The approval question as a reply-button message. An agent's question quotes the tool's input,
 * which can be longer than the provider allows a body: it is cut with "…" rather than failing the
 * agent's run. Labels are checked by the provider's limits like any button title.
 */
export function readApproval(ctx: IExecuteFunctions, dialect: Dialect): ReadMessage {
	const question = ctx.getNodeParameter('message', 0, '');
	if (typeof question !== 'string') {
		return {
			issues: [
				{
					path: 'body',
					message: 'Message must be text; write the question the recipient approves or declines',
				},
			],
		};
	}
	const values = ctx.getNodeParameter('approvalOptions.values', 0, {}) as IDataObject;
	const label = (value: unknown, fallback: string) =>
		typeof value === 'string' && value.trim() !== '' ? value : fallback;
	const buttons = [{ id: APPROVE_ID, title: label(values.approveLabel, APPROVE_LABEL) }];
	if (values.approvalType !== 'single')
		buttons.push({ id: DECLINE_ID, title: label(values.disapproveLabel, DECLINE_LABEL) });
	const body = shorten(question.trim().replace(/\\n/g, '\n'), dialect.limits.body.buttons.max);
	return { message: { type: 'buttons', body, buttons }, issues: [] };
}

/** The answer to a tap, in n8n's approval shape. */
export function approvalAnswer(choiceId: string, respondedAt: string): IDataObject {
	return { approved: choiceId === APPROVE_ID, respondedAt };
}

/**
 * The answer when the wait runs out: not approved. For the derived node n8n's agent repeats
 * `chatInput` to the model as the reviewer's feedback, so the model learns that it timed out
 * rather than that someone declined.
 */
export function timedOutApproval(node: INode): IDataObject {
	return {
		approved: false,
		timedOut: true,
		respondedAt: null,
		...(isHitlTool(node) ? { chatInput: TIMED_OUT_FEEDBACK } : {}),
	};
}

const APPROVAL_LABELS: Array<[path: string, from: RegExp, to: string]> = [
	['body', /^Body\b/, 'Message'],
	['buttons[0].title', /^Button 1 title\b/, 'Approve Button Label'],
	['buttons[1].title', /^Button 2 title\b/, 'Decline Button Label'],
];

/** The provider's limits name the message's parts; Approval's panel calls them otherwise. */
export function relabelForApproval(issues: Issue[]): Issue[] {
	return issues.map((issue) => {
		const rule = APPROVAL_LABELS.find(([path]) => path === issue.path);
		return rule ? { ...issue, message: issue.message.replace(rule[1], rule[2]) } : issue;
	});
}
