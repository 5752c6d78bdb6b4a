import { startMockProvider, type MockProvider } from './index';
import { argumentsFor, FINAL_PREFIX } from './openai';

let mock: MockProvider;
beforeAll(async () => {
	mock = await startMockProvider({ port: 0 });
});
afterAll(async () => mock.close());

const tools = [
	{
		type: 'function',
		function: {
			name: 'Book_the_table',
			parameters: {
				type: 'object',
				properties: {
					toolParameters: { type: 'object', properties: { guests: { type: 'number' } } },
				},
			},
		},
	},
	{
		type: 'function',
		function: {
			name: 'Tell_Ana',
			parameters: { type: 'object', properties: { body: { type: 'string' } } },
		},
	},
];

async function chat(body: unknown) {
	const res = await fetch(`${mock.url}/openai/v1/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

test('asks for the first tool with arguments from its schema, or the tool and arguments a [[call …]] names', async () => {
	const first = JSON.parse(
		(await chat({ model: 'm', tools, messages: [{ role: 'user', content: 'Book it' }] })).text,
	);
	expect(first.choices[0].finish_reason).toBe('tool_calls');
	expect(first.choices[0].message.tool_calls[0].function).toEqual({
		name: 'Book_the_table',
		arguments: JSON.stringify({ toolParameters: { guests: 1 } }),
	});
	const named = JSON.parse(
		(
			await chat({
				model: 'm',
				tools,
				messages: [{ role: 'user', content: 'Tell her. [[call Tell_Ana {"body":"Hi"}]]' }],
			})
		).text,
	);
	expect(named.choices[0].message.tool_calls[0].function).toEqual({
		name: 'Tell_Ana',
		arguments: '{"body":"Hi"}',
	});
	expect(mock.requests.filter((r) => r.path === '/openai/v1/chat/completions')).toHaveLength(2);
});

test("after a tool's result, answers with it; streamed as server-sent events when asked", async () => {
	const messages = [
		{ role: 'user', content: 'Book it' },
		{ role: 'assistant', content: null, tool_calls: [] },
		{ role: 'tool', tool_call_id: 'c1', content: '{"reference":"CN-1"}' },
	];
	const plain = JSON.parse((await chat({ model: 'm', tools, messages })).text);
	expect(plain.choices[0]).toMatchObject({
		finish_reason: 'stop',
		message: { content: `${FINAL_PREFIX}{"reference":"CN-1"}` },
	});
	const streamed = await chat({ model: 'm', tools, messages, stream: true });
	expect(streamed.type).toMatch(/^text\/event-stream/);
	expect(streamed.text).toContain(JSON.stringify(`${FINAL_PREFIX}{"reference":"CN-1"}`));
	expect(streamed.text.trim().endsWith('data: [DONE]')).toBe(true);
});

test("anything else under /openai/v1 is a 404 or 400 in OpenAI's error shape", async () => {
	expect(
		(await fetch(`${mock.url}/openai/v1/embeddings`, { method: 'POST', body: '{}' })).status,
	).toBe(404);
	expect((await chat('not an object')).status).toBe(400);
	expect(argumentsFor({ type: 'array' })).toEqual([]);
});
