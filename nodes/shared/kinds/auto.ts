/**
 * Message Type Auto (fields mode): the user lists choices, and the node sends up to three as reply
 * buttons and four to ten as a list, so that one node serves both without the user re-entering them.
 * The provider's limits then check the message it became; their problems are renamed back to the
 * Choices the user filled in ("Choice 2 title …" instead of "Button 2 title …").
 */
import type { IDataObject } from 'n8n-workflow';
import type { InteractiveMessage, MessageType } from '../model/message';
import type { Issue } from '../validation/issues';

/** Up to this many choices go as reply buttons; more go as a list. */
export const AUTO_MAX_BUTTONS = 3;
/** A list holds at most ten rows, so Auto takes at most ten choices. */
export const AUTO_MAX_CHOICES = 10;

type Text = (value: unknown, path: string, label: string) => string;

/**
 * The buttons or the list the choices become. A list gets one section, titled with the List Button
 * Label (providers that need a section title then have one, and it never repeats a problem of its own).
 */
export function fromChoices(
	choices: IDataObject[],
	listButton: string,
	text: Text,
	issues: Issue[],
): Pick<InteractiveMessage, 'type' | 'buttons' | 'list'> {
	const count = choices.length;
	if (count === 0) {
		issues.push({
			path: 'choices',
			message: `Choices: none given; add 1 to ${AUTO_MAX_CHOICES} (up to ${AUTO_MAX_BUTTONS} go as reply buttons, more as a list)`,
		});
	} else if (count > AUTO_MAX_CHOICES) {
		issues.push({
			path: 'choices',
			message: `Choices: ${count} given; the limit is ${AUTO_MAX_CHOICES} (a list's rows), remove ${count - AUTO_MAX_CHOICES}`,
		});
	}
	const read = choices.map((choice, k) => {
		const description = text(
			choice.description,
			`choices[${k}].description`,
			`Choice ${k + 1} description`,
		);
		return {
			id: text(choice.id, `choices[${k}].id`, `Choice ${k + 1} ID`),
			title: text(choice.title, `choices[${k}].title`, `Choice ${k + 1} title`),
			...(description ? { description } : {}),
		};
	});
	if (count <= AUTO_MAX_BUTTONS) {
		// A reply button has no second line: a description is shown only when the choices go as a list.
		return { type: 'buttons', buttons: read.map(({ id, title }) => ({ id, title })) };
	}
	const title = listButton.trim();
	return {
		type: 'list',
		list: {
			button: listButton,
			sections: [{ ...(title ? { title } : {}), rows: read }],
		},
	};
}

const ENTRY = /^(?:buttons\[(\d+)\]|list\.sections\[0\]\.rows\[(\d+)\])(.*)$/;
const LEADING_LABEL = /^(?:Button|Row) \d+ /;
const SAME_AS =
	/ is the same as (?:Button|Row) (\d+) (ID|title); each (?:button|row) (ID|title) must be unique$/;

/**
 * The provider's problems with the message Auto made, in terms of the Choices: entries renamed,
 * and the problems already reported about the choices themselves (their count, the section title
 * taken from the List Button Label) left out.
 */
export function relabelForChoices(issues: Issue[], type: MessageType): Issue[] {
	const out: Issue[] = [];
	for (const issue of issues) {
		if (
			issue.path === 'buttons' ||
			issue.path === 'list.sections' ||
			/^list\.sections\[\d+\]\.title$/.test(issue.path)
		)
			continue;
		const entry = ENTRY.exec(issue.path);
		if (entry) {
			const k = Number(entry[1] ?? entry[2]);
			let message = issue.message
				.replace(LEADING_LABEL, `Choice ${k + 1} `)
				.replace(SAME_AS, ' is the same as Choice $1 $2; each choice $3 must be unique');
			if (type === 'buttons' && entry[3] === '.title' && /; the limit is \d+$/.test(message)) {
				message += ` (up to ${AUTO_MAX_BUTTONS} choices go as reply buttons)`;
			}
			out.push({ path: `choices[${k}]${entry[3]}`, message });
		} else if (issue.path === 'list.button') {
			out.push({
				path: issue.path,
				message: `${issue.message} (more than ${AUTO_MAX_BUTTONS} choices go as a list, which opens from this button)`,
			});
		} else {
			out.push(issue);
		}
	}
	return out;
}
