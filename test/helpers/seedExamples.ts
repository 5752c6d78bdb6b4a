/**
 * Pulls the request examples out of the providers' seed documents: Messangi's are bare JSON
 * blocks starting at a line `{`, Sinch's are fenced blocks. Returns the raw text of each example.
 */
export function extractJsonBlocks(text: string): string[] {
	const blocks: string[] = [];
	const fenced = /```\s*\n([\s\S]*?)\n```/g;
	let match: RegExpExecArray | null;
	let sawFence = false;
	while ((match = fenced.exec(text))) {
		sawFence = true;
		if (match[1].trim().startsWith('{')) blocks.push(match[1]);
	}
	if (sawFence) return blocks;
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i].trim() !== '{') continue;
		let depth = 0;
		const start = i;
		for (; i < lines.length; i++) {
			for (const ch of lines[i]) {
				if (ch === '{') depth++;
				if (ch === '}') depth--;
			}
			if (depth === 0) break;
		}
		blocks.push(lines.slice(start, i + 1).join('\n'));
	}
	return blocks;
}
