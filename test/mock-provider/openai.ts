/**
 * A stand-in for OpenAI's chat-completions API under the mock provider's `/openai/v1` (the Base
 * URL for an OpenAI credential: `<mock url>/openai/v1`), for n8n's AI Agent in end-to-end tests and
 * `npm run dev`. It is scripted by the conversation itself:
 *
 * - When the last message is a tool's result, it answers with text: `FINAL_PREFIX` followed by
 *   that result, so that the agent's final answer says what the tool call came to.
 * - Otherwise it asks for one tool call: the tool named by a `[[call <tool> <JSON arguments>]]`
 *   in the last user message, or else the first tool offered, with arguments made from the tool's
 *   JSON schema (strings "example", numbers 1, booleans true, arrays empty).
 * - Without tools it answers `FINAL_PREFIX` and "no tools".
 *
 * Streaming requests (`stream: true`) get the same answer as server-sent events.
 */

export const OPENAI_PREFIX = '/openai/v1';

export const FINAL_PREFIX = 'Final answer. The tool said: ';

interface ToolCall {
	name: string;
	arguments: Record<string, unknown>;
}

type Answer = { content: string; toolCall?: undefined } | { content: null; toolCall: ToolCall };

/** Arguments that satisfy a JSON schema with the fewest assumptions. */
export function argumentsFor(schema: any): unknown {
	if (!schema || typeof schema !== 'object') return 'example';
	if (Array.isArray(schema.anyOf) && schema.anyOf.length) return argumentsFor(schema.anyOf[0]);
	const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
	if (type === 'object' || schema.properties) {
		const out: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(schema.properties ?? {}))
			out[key] = argumentsFor(value);
		return out;
	}
	if (type === 'number' || type === 'integer') return 1;
	if (type === 'boolean') return true;
	if (type === 'array') return [];
	return 'example';
}

function text(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
	return content === undefined || content === null ? '' : JSON.stringify(content);
}

export function answerFor(body: any): Answer {
	const messages: any[] = Array.isArray(body?.messages) ? body.messages : [];
	const last = messages[messages.length - 1];
	if (last?.role === 'tool') return { content: FINAL_PREFIX + text(last.content) };
	const tools: any[] = Array.isArray(body?.tools)
		? body.tools.filter((t: any) => t?.function?.name)
		: [];
	if (tools.length === 0) return { content: `${FINAL_PREFIX}no tools` };
	const userText = text([...messages].reverse().find((m) => m?.role === 'user')?.content);
	const directive = /\[\[call (\S+) (\{.*?\})\]\]/s.exec(userText);
	const named = directive ? tools.find((t) => t.function.name === directive[1]) : undefined;
	const tool = named ?? tools[0];
	const args = named
		? (JSON.parse(directive![2]) as Record<string, unknown>)
		: (argumentsFor(tool.function.parameters) as Record<string, unknown>);
	return { content: null, toolCall: { name: tool.function.name, arguments: args } };
}

let counter = 0;

function completion(body: any, answer: Answer) {
	const id = `chatcmpl-mock-${++counter}`;
	const toolCalls = answer.toolCall
		? [
				{
					id: `call_mock_${counter}`,
					type: 'function',
					function: {
						name: answer.toolCall.name,
						arguments: JSON.stringify(answer.toolCall.arguments),
					},
				},
			]
		: undefined;
	return {
		id,
		toolCalls,
		model: String(body?.model ?? 'gpt-mock'),
		created: Math.floor(Date.now() / 1000),
	};
}

export interface OpenAiAnswer {
	status: number;
	headers?: Record<string, string>;
	payload: string;
}

const json = (status: number, value: unknown): OpenAiAnswer => ({
	status,
	payload: JSON.stringify(value),
});

/** The answer to a request under `OPENAI_PREFIX` (`body` parsed, or undefined when it was not JSON). */
export function openAiAnswer(method: string, path: string, body: unknown): OpenAiAnswer {
	const route = path.slice(OPENAI_PREFIX.length);
	if (method === 'GET' && route === '/models')
		return json(200, {
			object: 'list',
			data: [{ id: 'gpt-mock', object: 'model', owned_by: 'mock' }],
		});
	if (method !== 'POST' || route !== '/chat/completions')
		return json(404, { error: { message: `No route for ${method} ${path}` } });
	if (body === undefined || body === null || typeof body !== 'object')
		return json(400, { error: { message: 'The body must be a JSON object' } });
	const request = body as any;
	const answer = answerFor(request);
	const { id, toolCalls, model, created } = completion(request, answer);
	const finish = toolCalls ? 'tool_calls' : 'stop';
	const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
	if (request.stream) {
		const chunk = (delta: unknown, finish_reason: string | null, extra: object = {}) =>
			`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason }], ...extra })}\n\n`;
		const first = {
			role: 'assistant',
			content: answer.content ?? '',
			...(toolCalls ? { tool_calls: toolCalls.map((c, index) => ({ index, ...c })) } : {}),
		};
		return {
			status: 200,
			headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' },
			payload: chunk(first, null) + chunk({}, finish, { usage }) + 'data: [DONE]\n\n',
		};
	}
	return json(200, {
		id,
		object: 'chat.completion',
		created,
		model,
		choices: [
			{
				index: 0,
				message: {
					role: 'assistant',
					content: answer.content,
					...(toolCalls ? { tool_calls: toolCalls } : {}),
				},
				finish_reason: finish,
			},
		],
		usage,
	});
}
