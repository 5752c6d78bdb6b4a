/**
 * n8n's editor shows an error's `description` and an option's `description` as HTML (its
 * `v-n8n-html`). Text from outside the node — a provider's answer, a template's button, a value from
 * an earlier node — is escaped before it goes there, so that it shows as written and cannot add
 * markup, links or images. It always lands in element content, never in an attribute, so `&`, `<`
 * and `>` are all that must be escaped; quotes stay readable (and unchanged for plain-text readers).
 */

const ESCAPES: ReadonlyMap<string, string> = new Map([
	['&', '&amp;'],
	['<', '&lt;'],
	['>', '&gt;'],
]);

const UNESCAPES: ReadonlyMap<string, string> = new Map(
	[...ESCAPES].map(([char, entity]) => [entity, char]),
);

/** `text` as HTML element content that shows exactly `text`. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>]/g, (char) => ESCAPES.get(char) ?? char);
}

/** The text `escapeHtml` was given (only the entities it writes are read back). */
export function unescapeHtml(html: string): string {
	return html.replace(/&(?:amp|lt|gt);/g, (entity) => UNESCAPES.get(entity) ?? entity);
}
