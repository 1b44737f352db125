import { WHATSAPP_BODY_LIMIT, WHATSAPP_MAX_QUICK_REPLIES, WHATSAPP_QUICK_REPLY_BODY_LIMIT, WHATSAPP_QUICK_REPLY_TITLE_LIMIT } from '../../core/limits/whatsapp';
import { malformed } from './errors';

/**
 * Checks a Content API create body. The wire format is snake_case with slash type names
 * ({friendly_name, language, variables, types: {"twilio/text": {body}}}). The client sends the object
 * it is given unchanged, while its TypeScript types use camelCase (friendlyName, twilioText): the
 * stand-in refuses those names with a hint instead of accepting something Twilio would not.
 */

export const CONTENT_TYPES = [
	'twilio/text',
	'twilio/media',
	'twilio/location',
	'twilio/list-picker',
	'twilio/call-to-action',
	'twilio/quick-reply',
	'twilio/card',
	'twilio/catalog',
	'twilio/carousel',
	'twilio/flows',
	'twilio/schedule',
	'whatsapp/card',
	'whatsapp/authentication',
	'whatsapp/flows',
] as const;

/** twilioText → twilio/text, whatsappCard → whatsapp/card: the names the client's types suggest. */
const CAMEL_TYPES = new Map<string, string>(
	CONTENT_TYPES.map((type) => {
		const [vendor, name] = type.split('/');
		return [vendor + name.replace(/(^|-)([a-z])/g, (_, __: string, c: string) => c.toUpperCase()), type];
	}),
);

const MAX_BODY = WHATSAPP_BODY_LIMIT;
const MAX_QUICK_REPLY_BODY = WHATSAPP_QUICK_REPLY_BODY_LIMIT;
const MAX_QUICK_REPLIES = WHATSAPP_MAX_QUICK_REPLIES;
const MAX_BUTTON_TITLE = WHATSAPP_QUICK_REPLY_TITLE_LIMIT;
const MAX_BUTTON_ID = 200;

export interface ContentDefinition {
	friendlyName: string;
	language: string;
	variables: Record<string, string>;
	types: Record<string, Record<string, unknown>>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(where: string, value: unknown, max: number, required: boolean): void {
	if (value === undefined && !required) return;
	if (typeof value !== 'string' || value.trim() === '') throw malformed(`${where} must be a non-empty string.`);
	if (value.length > max) throw malformed(`${where} is ${value.length} characters long; the limit is ${max}.`);
}

function checkQuickReply(type: Record<string, unknown>): void {
	text('types["twilio/quick-reply"].body', type.body, MAX_QUICK_REPLY_BODY, true);
	const actions = type.actions;
	if (!Array.isArray(actions) || actions.length === 0 || actions.length > MAX_QUICK_REPLIES) {
		throw malformed(`types["twilio/quick-reply"].actions must be a list of 1 to ${MAX_QUICK_REPLIES} buttons {title, id}.`);
	}
	actions.forEach((action: unknown, i) => {
		const where = `types["twilio/quick-reply"].actions[${i}]`;
		if (!isObject(action)) throw malformed(`${where} must be an object {title, id}.`);
		text(`${where}.title`, action.title, MAX_BUTTON_TITLE, true);
		text(`${where}.id`, action.id, MAX_BUTTON_ID, false);
	});
}

function checkMedia(type: Record<string, unknown>): void {
	text('types["twilio/media"].body', type.body, MAX_BODY, false);
	const media = type.media;
	if (!Array.isArray(media) || media.length === 0) throw malformed('types["twilio/media"].media must be a list of at least one media URL.');
	media.forEach((url: unknown, i) => {
		// A URL may be completed by a variable ("https://cdn.example/{{1}}"), so only its start is checked.
		if (typeof url !== 'string' || !/^https?:\/\/\S/.test(url)) throw malformed(`types["twilio/media"].media[${i}] must be an http(s) URL, got ${JSON.stringify(url)}.`);
	});
}

function checkTypes(types: unknown): Record<string, Record<string, unknown>> {
	if (!isObject(types) || Object.keys(types).length === 0) {
		throw malformed('types is required: an object with at least one content type, e.g. {"twilio/text": {"body": "Olá {{1}}"}}.');
	}
	for (const [name, type] of Object.entries(types)) {
		if (!(CONTENT_TYPES as readonly string[]).includes(name)) {
			const wire = CAMEL_TYPES.get(name);
			throw malformed(
				wire
					? `Unknown content type "${name}": the Content API expects "${wire}". The twilio client sends the object as given, so use the wire names.`
					: `Unknown content type "${name}". Known types: ${CONTENT_TYPES.join(', ')}.`,
			);
		}
		if (!isObject(type)) throw malformed(`types["${name}"] must be an object.`);
		if (name === 'twilio/text') text('types["twilio/text"].body', type.body, MAX_BODY, true);
		else if (name === 'twilio/quick-reply') checkQuickReply(type);
		else if (name === 'twilio/media') checkMedia(type);
		else text(`types["${name}"].body`, type.body, MAX_BODY, false);
	}
	return types as Record<string, Record<string, unknown>>;
}

function checkVariables(variables: unknown): Record<string, string> {
	if (variables === undefined) return {};
	if (!isObject(variables) || Object.values(variables).some((v) => typeof v !== 'string')) {
		throw malformed('variables must be an object of default values, each a string, e.g. {"1": "Maria"}.');
	}
	return variables as Record<string, string>;
}

const FIELD_HINTS: Record<string, string> = { friendlyName: 'friendly_name' };
const FIELDS = new Set(['friendly_name', 'language', 'variables', 'types']);

export function checkContentBody(body: unknown): ContentDefinition {
	if (!isObject(body)) throw malformed('The Content API expects a JSON object {friendly_name, language, variables, types}.');
	for (const key of Object.keys(body)) {
		if (FIELDS.has(key)) continue;
		const hint = FIELD_HINTS[key];
		throw malformed(hint ? `Unknown field "${key}": the Content API expects "${hint}".` : `Unknown field "${key}". Fields: ${[...FIELDS].join(', ')}.`);
	}
	if (typeof body.language !== 'string' || body.language.trim() === '') throw malformed('language is required, e.g. "pt_BR" or "en".');
	if (body.friendly_name !== undefined && typeof body.friendly_name !== 'string') throw malformed('friendly_name must be a string.');
	return {
		friendlyName: (body.friendly_name as string | undefined) ?? '',
		language: body.language,
		variables: checkVariables(body.variables),
		types: checkTypes(body.types),
	};
}
