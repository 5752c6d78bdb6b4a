/**
 * A dialect's kinds (`Dialect.kinds`) and what it derives from them: `validate` and `encode` for any
 * message, looked up by the message's kind. Every dialect builds them with `byKind`.
 */
import { kindOf, type KindName } from '../kinds';
import type { Message } from '../model/message';
import type { Issue } from '../validation/issues';
import type { LimitContext } from '../validation/limits';
import type { Dialect, DialectKinds, Encoded, Envelope, KindSupport } from './types';

/** The dialect's support for a kind, or undefined when the provider does not take it. */
export function supportOf(kinds: DialectKinds, type: KindName): KindSupport | undefined {
	return kinds[type] as KindSupport | undefined;
}

/** What a provider that does not take a kind says (the registry names those that do: `lackingKind`). */
function notTaken(providerName: string, type: KindName): Issue {
	return {
		path: 'type',
		message: `${providerName} takes no ${kindOf(type).noun} messages ("type": "${type}")`,
	};
}

/** A check and an encoder for every message, by its kind. */
export function byKind(
	providerName: string,
	kinds: DialectKinds,
): Pick<Dialect, 'kinds' | 'validate' | 'encode'> {
	return {
		kinds,
		validate(message: Message, context?: LimitContext): Issue[] {
			const support = supportOf(kinds, message.type);
			if (!support) return [notTaken(providerName, message.type)];
			return kindOf(message.type).check(message, support.limits, context);
		},
		encode(message: Message, envelope: Envelope): Encoded {
			const support = supportOf(kinds, message.type);
			if (!support) return { issues: [notTaken(providerName, message.type)] };
			return support.encode(message, envelope);
		},
	};
}
