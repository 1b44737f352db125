/**
 * The Webhooks API's JSON shapes, as documented. Cell values inside payloads use Airtable's "V2" cell
 * format: a single select is {id, name, color}, a link is [{id, name}], a cleared cell is null.
 * Sources: https://airtable.com/developers/web/api/model/webhooks-payload,
 * https://airtable.com/developers/web/api/model/webhooks-table-changed,
 * https://airtable.com/developers/web/api/model/webhooks-specification,
 * https://airtable.com/developers/web/api/list-webhook-payloads
 */

/** Where a change came from. Airtable may add sources; unknown ones must be handled gracefully. */
export type ChangeSource = 'client' | 'publicApi' | 'formSubmission' | 'formPageSubmission' | 'automation' | 'system' | 'sync' | 'anonymousUser' | 'unknown';

export const CHANGE_SOURCES: readonly ChangeSource[] = ['client', 'publicApi', 'formSubmission', 'formPageSubmission', 'automation', 'system', 'sync', 'anonymousUser', 'unknown'];

export type CellValuesByFieldId = Record<string, unknown>;

export interface WebhookUser {
	id: string;
	email?: string;
	permissionLevel?: string;
	name?: string;
}

export interface WebhookAction {
	source: ChangeSource | string;
	sourceMetadata?: { user?: WebhookUser } & Record<string, unknown>;
}

export interface CreatedRecord {
	createdTime: string;
	cellValuesByFieldId: CellValuesByFieldId;
}

export interface ChangedRecord {
	current: { cellValuesByFieldId: CellValuesByFieldId };
	previous?: { cellValuesByFieldId: CellValuesByFieldId };
	unchanged?: { cellValuesByFieldId: CellValuesByFieldId };
}

export interface TableChanges {
	createdRecordsById?: Record<string, CreatedRecord>;
	changedRecordsById?: Record<string, ChangedRecord>;
	destroyedRecordIds?: string[];
}

export interface WebhookPayload {
	timestamp: string;
	baseTransactionNumber: number;
	payloadFormat: 'v0' | string;
	actionMetadata: WebhookAction;
	changedTablesById?: Record<string, TableChanges>;
	createdTablesById?: Record<string, unknown>;
	destroyedTableIds?: string[];
	/** Only on an error payload (the webhook was disabled). */
	error?: boolean;
	code?: string;
}

/** One page of GET /v0/bases/{baseId}/webhooks/{webhookId}/payloads. */
export interface PayloadPage {
	payloads: WebhookPayload[];
	/** The number of the payload after the last one returned; equal to the requested cursor when none were. */
	cursor: number;
	mightHaveMore: boolean;
}

export type WebhookDataType = 'tableData' | 'tableFields' | 'tableMetadata';
export type WebhookChangeType = 'add' | 'remove' | 'update';

export interface WebhookSpecification {
	options: {
		filters: {
			dataTypes: WebhookDataType[];
			recordChangeScope?: string;
			changeTypes?: WebhookChangeType[];
			fromSources?: string[];
			watchDataInFieldIds?: string[];
			watchSchemasOfFieldIds?: string[];
		};
		includes?: {
			includeCellValuesInFieldIds?: string[] | 'all';
			includePreviousCellValues?: boolean;
			includePreviousFieldDefinitions?: boolean;
		};
	};
}

/** The body Airtable POSTs to the notification URL. Source: https://airtable.com/developers/web/api/webhooks-overview */
export interface WebhookPing {
	base: { id: string };
	webhook: { id: string };
	timestamp: string;
}
