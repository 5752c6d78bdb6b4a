/**
 * The parameters that the WhatsApp Interactive Trigger and the WhatsApp Interactive Router share:
 * how a callback is authenticated, which events go to which output, the duplicate filter. `noun`
 * names the node in their texts ("trigger", "router").
 */
import type { INodeProperties } from 'n8n-workflow';
import { DIALECTS } from '../dialects';
import { STATUS_STATES } from '../model/event';
import { DEDUPE_MAX_AGE_MS, DEDUPE_MAX_KEYS } from '../trigger/dedupe';
import { STALE_AFTER_MS } from '../trigger/freshness';

/** Providers that sign their callbacks (`Dialect.trigger.signature`). */
export const SIGNING = DIALECTS.filter((d) => d.trigger.signature).map((d) => d.id);

const rememberedHours = DEDUPE_MAX_AGE_MS / (60 * 60 * 1000);
/** Hours after which an event is stale, to one decimal (23.9). */
const staleHours = Math.floor((STALE_AFTER_MS / (60 * 60 * 1000)) * 10) / 10;

type VersionRule = { show: { '@version': number[] } } | { hide: { '@version': number[] } };

/**
 * The Authentication choice, with the default of the type versions `rule` selects (all when
 * there is none). Providers that sign their callbacks are checked with their own credential
 * instead, so it is hidden for them.
 */
export function authenticationParameter(
	noun: string,
	fallback: 'none' | 'secret',
	rule?: VersionRule,
): INodeProperties {
	const hide = SIGNING.length ? { provider: SIGNING } : {};
	return {
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'None',
				value: 'none',
				description:
					'Accept every callback posted to the URL. Anyone who learns it can start this workflow.',
			},
			{
				name: 'Webhook Secret',
				value: 'secret',
				description: 'Accept only callbacks that carry the secret of the chosen credential',
			},
		],
		default: fallback,
		description: `How the ${noun} checks that a callback comes from your provider. A provider that does not sign its callbacks presents a shared secret in the URL, which keeps strangers out.`,
		displayOptions:
			rule === undefined
				? SIGNING.length
					? { hide }
					: undefined
				: 'show' in rule
					? { show: rule.show, hide }
					: { hide: { ...rule.hide, ...hide } },
	};
}

/** The warning under Authentication: None. */
export const noAuthenticationWarning: INodeProperties = {
	displayName: `Authentication is None: anyone who learns this URL can post replies and statuses that start this workflow, with any sender number; for the same reason it passes no Send and Wait for Response answers on. Choose Webhook Secret and give the provider the URL with the secret in it.`,
	name: 'noAuthenticationWarning',
	type: 'notice',
	default: '',
	displayOptions: {
		show: { authentication: ['none'] },
		...(SIGNING.length ? { hide: { provider: SIGNING } } : {}),
	},
};

/** Where the secret goes, under Authentication: Webhook Secret; `url`: an example of the URL. */
export function secretSetupNotice(url: string): INodeProperties {
	return {
		displayName: `Put the secret in the URL you give the provider, for example ${url}?secret=YOUR_SECRET (the query parameter named in the credential). Callbacks without the right secret get HTTP 401 and start nothing.`,
		name: 'secretSetup',
		type: 'notice',
		default: '',
		displayOptions: {
			show: { authentication: ['secret'] },
			...(SIGNING.length ? { hide: { provider: SIGNING } } : {}),
		},
	};
}

export const statusStatesParameter: INodeProperties = {
	displayName: 'Status States',
	name: 'statusStates',
	type: 'multiOptions',
	options: [
		{ name: 'Delivered', value: 'delivered', description: 'The message reached the phone' },
		{
			name: 'Failed',
			value: 'failed',
			description: 'The message could not be sent or delivered; the item says why',
		},
		{
			name: 'Queued',
			value: 'queued',
			description:
				'The provider accepted the message but has not sent it yet (not every provider reports it)',
		},
		{ name: 'Read', value: 'read', description: 'The user opened the message' },
		{ name: 'Sent', value: 'sent', description: 'The provider sent the message to WhatsApp' },
	],
	default: [...STATUS_STATES],
	description:
		'Which delivery states go to the Status output; the others are acknowledged and dropped',
};

/** Add Message Output; `displayOptions`: the type versions that have it. */
export function outputMessageParameter(
	displayOptions?: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName: 'Add Message Output',
		name: 'outputMessage',
		type: 'boolean',
		default: true,
		description:
			'Whether to add a Message output for everything a customer sends that is not a reply tap: text, photos, voice notes, documents, locations, contacts, reactions. When off, those go to Other if it is on, and are otherwise acknowledged and dropped.',
		...(displayOptions ? { displayOptions } : {}),
	};
}

export function outputOtherParameter(noun: string): INodeProperties {
	return {
		displayName: 'Add Other Output',
		name: 'outputOther',
		type: 'boolean',
		default: false,
		description: `Whether to add an Other output for what the provider posts that the ${noun} does not recognise (and, without a Message output, plain messages). When off, those are acknowledged and dropped.`,
	};
}

export function ignoreDuplicatesParameter(noun: string): INodeProperties {
	return {
		displayName: 'Ignore Duplicates',
		name: 'ignoreDuplicates',
		type: 'boolean',
		default: true,
		description: `Whether to drop events already received, since providers redeliver callbacks. The ${noun} remembers up to ${DEDUPE_MAX_KEYS.toLocaleString('en-US')} events for ${rememberedHours} hours in the workflow's static data.`,
	};
}

/** The Drop Stale Events option. */
export const dropStaleOption: INodeProperties = {
	displayName: 'Drop Stale Events',
	name: 'dropStale',
	type: 'boolean',
	default: true,
	description: `Whether to drop replies and statuses whose own time is more than ${staleHours} hours old, which Ignore Duplicates can no longer recognise, so that a callback replayed later does not run again. A provider that sends a callback again after a long outage of n8n (Meta: for up to 7 days) then has it dropped too. Needs Ignore Duplicates.`,
};
