import type { CellValuesByFieldId, WebhookPayload } from './types';

/**
 * Webhook payloads as an ordered list of record changes the replica can apply: table and fields by
 * name (through a field-id → name map from the Metadata API), cells in the REST API's format, deletes
 * included, and the bot's own writes (source "publicApi" by the bot's token user) optionally skipped.
 * Sources: https://airtable.com/developers/web/api/model/webhooks-payload,
 * https://airtable.com/developers/web/api/model/webhooks-table-changed
 */

/** Names by id for one base: what GET /v0/meta/bases/{baseId}/tables returns, reduced. */
export interface BaseSchemaNames {
	tables: Record<string, { name: string; fields: Record<string, string> }>;
}

export type RecordChangeKind = 'created' | 'changed' | 'destroyed';

export interface ExternalRecordChange {
	tableId: string;
	/** The table's name. */
	table: string;
	recordId: string;
	kind: RecordChangeKind;
	/** True for a destroyed record; `fields` is then empty. */
	deleted: boolean;
	/**
	 * By field name, in the REST API's cell format (select → its name, link → record ids). A created
	 * record has every non-empty cell; a changed record only the cells that changed, null when cleared.
	 */
	fields: Record<string, unknown>;
	/**
	 * A changed record's other cells, by name, when the webhook's specification asks for them
	 * (includes.includeCellValuesInFieldIds): lets the replica find the record by its own key.
	 */
	unchanged: Record<string, unknown>;
	/** actionMetadata.source: "client" for an edit in Airtable's UI, "publicApi" for an API write… */
	source: string;
	/** The collaborator or token user behind the change, when Airtable names one. */
	userId?: string;
	/** baseTransactionNumber: changes with the same number happened together. */
	transaction: number;
	timestamp: string;
}

export interface ChangeListOptions {
	schema: BaseSchemaNames;
	/** The bot's own token user (GET /v0/meta/whoami): its "publicApi" changes are echoes and are skipped. */
	ownUserId?: string;
}

export interface ChangeList {
	changes: ExternalRecordChange[];
	/** Echoes of the bot's own writes that were left out. */
	skippedEchoes: number;
	/** Table and field ids missing from the schema: reload the schema and convert the page again. */
	unknownIds: string[];
	/** Error payloads (the webhook was disabled: INVALID_FILTERS, INVALID_HOOK…): recreate it and resync. */
	errorCodes: string[];
}

type Choice = { id?: unknown; name?: unknown };

function isRef(value: unknown): value is Choice {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Choice).id === 'string';
}

/**
 * One V2 cell value in the REST API's format: a select {id:"sel…", name} becomes its name, links
 * [{id:"rec…", name}] become record ids; collaborators, attachments and plain values pass unchanged.
 * Source: https://airtable.com/developers/web/api/field-model
 */
export function restCellValue(value: unknown): unknown {
	if (value === undefined) return null;
	if (Array.isArray(value)) return value.map((item) => (isRef(item) && String(item.id).startsWith('rec') ? item.id : isRef(item) && String(item.id).startsWith('sel') ? item.name : item));
	if (isRef(value) && String(value.id).startsWith('sel')) return value.name;
	return value;
}

function namedCells(cells: CellValuesByFieldId, fieldNames: Record<string, string>, unknown: Set<string>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [fieldId, value] of Object.entries(cells)) {
		const name = fieldNames[fieldId];
		if (name === undefined) unknown.add(fieldId);
		else out[name] = restCellValue(value);
	}
	return out;
}

/** The changes in `payloads`, in payload order; within a payload, per table: created, changed, then destroyed. */
export function changesFromPayloads(payloads: readonly WebhookPayload[], options: ChangeListOptions): ChangeList {
	const result: ChangeList = { changes: [], skippedEchoes: 0, unknownIds: [], errorCodes: [] };
	const unknown = new Set<string>();
	for (const payload of payloads) {
		if (payload.error) {
			result.errorCodes.push(payload.code ?? 'UNKNOWN');
			continue;
		}
		const source = payload.actionMetadata?.source ?? 'unknown';
		const userId = payload.actionMetadata?.sourceMetadata?.user?.id;
		const echo = options.ownUserId !== undefined && source === 'publicApi' && userId === options.ownUserId;
		const base = { source, ...(userId ? { userId } : {}), transaction: payload.baseTransactionNumber, timestamp: payload.timestamp };
		for (const [tableId, tableChanges] of Object.entries(payload.changedTablesById ?? {})) {
			const table = options.schema.tables[tableId];
			if (!table) {
				unknown.add(tableId);
				continue;
			}
			const add = (change: Omit<ExternalRecordChange, 'tableId' | 'table' | 'source' | 'transaction' | 'timestamp' | 'userId'>) => {
				if (echo) result.skippedEchoes++;
				else result.changes.push({ tableId, table: table.name, ...change, ...base });
			};
			for (const [recordId, created] of Object.entries(tableChanges.createdRecordsById ?? {})) {
				add({ recordId, kind: 'created', deleted: false, fields: namedCells(created.cellValuesByFieldId ?? {}, table.fields, unknown), unchanged: {} });
			}
			for (const [recordId, changed] of Object.entries(tableChanges.changedRecordsById ?? {})) {
				add({
					recordId,
					kind: 'changed',
					deleted: false,
					fields: namedCells(changed.current?.cellValuesByFieldId ?? {}, table.fields, unknown),
					unchanged: namedCells(changed.unchanged?.cellValuesByFieldId ?? {}, table.fields, unknown),
				});
			}
			for (const recordId of tableChanges.destroyedRecordIds ?? []) add({ recordId, kind: 'destroyed', deleted: true, fields: {}, unchanged: {} });
		}
	}
	result.unknownIds = [...unknown];
	return result;
}

/** The id → name map from a Metadata API answer ({tables:[{id, name, fields:[{id, name}]}]}). */
export function schemaNames(tables: ReadonlyArray<{ id: string; name: string; fields: ReadonlyArray<{ id: string; name: string }> }>): BaseSchemaNames {
	return { tables: Object.fromEntries(tables.map((t) => [t.id, { name: t.name, fields: Object.fromEntries(t.fields.map((f) => [f.id, f.name])) }])) };
}
