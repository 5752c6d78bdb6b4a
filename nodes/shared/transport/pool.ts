/**
 * Runs `task` for each entry with at most `limit` running at once; results keep input order.
 * A task must not throw (it returns its failure as a value), so one bad entry stops nothing.
 */
export async function mapWithConcurrency<T, R>(
	entries: readonly T[],
	limit: number,
	task: (entry: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(entries.length);
	let next = 0;
	const worker = async () => {
		while (next < entries.length) {
			const index = next++;
			results[index] = await task(entries[index], index);
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, entries.length));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
