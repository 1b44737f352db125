import { AIRTABLE_RATE_LIMIT_PENALTY_MS, AIRTABLE_REQUESTS_PER_SECOND_PER_BASE } from '../limits/airtable';
import { truncateGraphemes } from '../text/graphemes';

/**
 * Turns Airtable's typed errors into messages a non-developer can act on in the n8n editor,
 * naming the table, the field and the value that was sent.
 */
export interface AirtableErrorInfo {
	/** Airtable's error type, e.g. INVALID_VALUE_FOR_COLUMN. */
	type: string;
	message: string;
	status?: number;
}

export interface WriteContext {
	table: string;
	/** The fields of the records in the failed request. */
	fields?: Array<Record<string, unknown>>;
}

export interface ExplainedError {
	message: string;
	description: string;
	/** Worth retrying later, as opposed to fixing the input. */
	transient: boolean;
}

function quoted(text: string): string | undefined {
	return /"([^"]+)"/.exec(text)?.[1];
}

function valueOf(field: string | undefined, context: WriteContext): string {
	if (!field || !context.fields) return '';
	const values = context.fields.map((f) => f[field]).filter((v) => v !== undefined);
	if (values.length === 0) return '';
	const shown = JSON.stringify(values[0]);
	// Cut between graphemes, so an emoji in the value is never shown as a broken character.
	return ` (value sent: ${truncateGraphemes(shown, 80, '...')})`;
}

export function explainAirtableError(error: AirtableErrorInfo, context: WriteContext): ExplainedError {
	const field = quoted(error.message);
	const table = `table "${context.table}"`;
	switch (error.type) {
		case 'UNKNOWN_FIELD_NAME':
			return {
				message: `The ${table} has no field named "${field ?? '?'}"`,
				description: 'Check the field name against airtable-schema/SCHEMA.md, or run "npx beststag schema plan" to see how the base differs.',
				transient: false,
			};
		case 'INVALID_VALUE_FOR_COLUMN':
			return {
				message: `Field "${field ?? '?'}" in ${table} cannot accept the value${valueOf(field, context)}`,
				description: `Airtable said: ${error.message}. Send a value of the field's type (see airtable-schema/SCHEMA.md).`,
				transient: false,
			};
		case 'INVALID_MULTIPLE_CHOICE_OPTIONS': {
			const option = /option "+([^"]*)"+/.exec(error.message)?.[1];
			return {
				message: `"${option ?? '?'}" is not one of the allowed options in ${table}`,
				description: `Airtable said: ${error.message}. Use one of the field's options, or turn on "Typecast" to let Airtable add it.`,
				transient: false,
			};
		}
		case 'INVALID_RECORDS':
			return { message: `Airtable rejected the records sent to ${table}`, description: `Airtable said: ${error.message}.`, transient: false };
		case 'INVALID_FILTER_BY_FORMULA':
			return { message: `The search formula for ${table} is invalid`, description: `Airtable said: ${error.message}.`, transient: false };
		case 'NOT_FOUND':
		case 'MODEL_ID_NOT_FOUND':
		case 'TABLE_NOT_FOUND':
			return {
				message: `Not found in ${table}`,
				description: `Airtable said: ${error.message}. Check the record id, the table name and the base id in the credential.`,
				transient: false,
			};
		case 'AUTHENTICATION_REQUIRED':
		case 'NOT_AUTHORIZED':
		case 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND':
			return {
				message: 'Airtable refused the access token',
				description: 'Check the personal access token in the credential: it needs data.records:read/write (and schema.bases:read for tests) on this base.',
				transient: false,
			};
		case 'TOO_MANY_REQUESTS':
		case 'RATE_LIMIT_REACHED':
			return {
				message: `Airtable is rate-limiting this base (${AIRTABLE_REQUESTS_PER_SECOND_PER_BASE} requests per second)`,
				description: `After a 429 Airtable refuses the base for ${AIRTABLE_RATE_LIMIT_PENALTY_MS / 1000} s; nothing was changed. Try again after that, and run fewer workflows against this base at once.`,
				transient: true,
			};
		default: {
			const transient = error.status !== undefined && (error.status >= 500 || error.status === 429);
			return {
				message: transient ? `Airtable is unavailable (HTTP ${error.status})` : `Airtable error ${error.type} on ${table}`,
				description: transient ? `BestStag retried and gave up. Airtable said: ${error.message}` : `Airtable said: ${error.message}`,
				transient,
			};
		}
	}
}
