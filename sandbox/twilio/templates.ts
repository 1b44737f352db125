import { TWILIO_CONTENT_VARIABLE_LIMIT, TWILIO_ERRORS } from '../../core/limits/twilio';
import type { Channel } from './addresses';
import { badRequest } from './errors';
import type { RenderedContent, StoredContent } from './model';

/**
 * Renders a Content API template for one message: picks the type the channel shows, fills {{n}}
 * placeholders from ContentVariables (falling back to the template's defaults), and returns the
 * body, media and buttons WhatsApp would display.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const MAX_VARIABLE = TWILIO_CONTENT_VARIABLE_LIMIT;

/** What WhatsApp prefers when a template has several types; SMS takes plain text first. */
const PREFERENCE: Record<Channel, string[]> = {
	whatsapp: ['twilio/quick-reply', 'twilio/call-to-action', 'twilio/list-picker', 'twilio/card', 'whatsapp/card', 'twilio/media', 'twilio/text'],
	sms: ['twilio/text', 'twilio/media'],
};

function invalidVariables(reason: string): Error {
	return badRequest(21656, `The ContentVariables Parameter is invalid: ${reason}`);
}

/** ContentVariables: a JSON object string of non-empty values ({"1":"Maria"}); numbers are taken as text. */
export function parseContentVariables(raw: string | null): Record<string, string> {
	if (raw === null || raw.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw invalidVariables(`it is not a JSON string (${raw.slice(0, 80)}). Send JSON.stringify({"1": "value"}).`);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidVariables('it must be a JSON object such as {"1": "Maria"}.');
	const variables: Record<string, string> = {};
	for (const [key, value] of Object.entries(parsed)) {
		if (typeof value === 'number' && Number.isFinite(value)) variables[key] = String(value);
		else if (typeof value === 'string' && value !== '') variables[key] = value;
		else throw invalidVariables(`variable "${key}" is ${JSON.stringify(value)}; every value must be a non-empty string.`);
		if (variables[key].length > MAX_VARIABLE) {
			throw badRequest(TWILIO_ERRORS.parameterTooLong, `Parameter exceeded character limit: ContentVariables "${key}" is ${variables[key].length} characters; the limit is ${MAX_VARIABLE}.`);
		}
	}
	return variables;
}

export function chooseType(content: StoredContent, channel: Channel): string {
	const names = Object.keys(content.types);
	return PREFERENCE[channel].find((name) => names.includes(name)) ?? names[0];
}

function placeholdersIn(value: unknown, found: Set<string>): void {
	if (typeof value === 'string') for (const match of value.matchAll(PLACEHOLDER)) found.add(match[1]);
	else if (Array.isArray(value)) value.forEach((item) => placeholdersIn(item, found));
	else if (typeof value === 'object' && value !== null) Object.values(value).forEach((item) => placeholdersIn(item, found));
}

function fill(value: unknown, variables: Record<string, string>): unknown {
	if (typeof value === 'string') return value.replace(PLACEHOLDER, (_, key: string) => variables[key]);
	if (Array.isArray(value)) return value.map((item) => fill(item, variables));
	if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, variables)]));
	return value;
}

/** `strict`: an approved WhatsApp template, whose values WhatsApp refuses with newlines, tabs or long runs of spaces. */
export function renderContent(content: StoredContent, given: Record<string, string>, channel: Channel, strict: boolean): RenderedContent {
	const type = chooseType(content, channel);
	const definition = content.types[type];
	const used = new Set<string>();
	placeholdersIn(definition, used);
	const variables: Record<string, string> = {};
	for (const key of [...used].sort()) {
		const value = given[key] ?? content.variables[key];
		if (value === undefined) {
			throw invalidVariables(`{{${key}}} has no value and template ${content.sid} has no default for it. Add "${key}" to ContentVariables or to the template's variables.`);
		}
		if (strict && /[\n\t]| {5}/.test(value)) {
			throw invalidVariables(`variable "${key}" contains a newline, a tab or more than four spaces in a row, which approved WhatsApp templates do not allow.`);
		}
		variables[key] = value;
	}
	const filled = fill(definition, variables) as Record<string, unknown>;
	const strings = (list: unknown) => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);
	const actions = Array.isArray(filled.actions)
		? filled.actions
				.filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null)
				.map((a) => Object.fromEntries(Object.entries(a).filter((entry): entry is [string, string] => typeof entry[1] === 'string')))
		: [];
	const body = typeof filled.body === 'string' ? filled.body : typeof filled.title === 'string' ? filled.title : '';
	return { type, body, media: strings(filled.media), actions, variables };
}

/** The same view for a message sent with Body/MediaUrl, so the simulator reads every message alike. */
export function plainContent(body: string, media: string[]): RenderedContent {
	return { type: media.length > 0 ? 'twilio/media' : 'twilio/text', body, media, actions: [], variables: {} };
}
