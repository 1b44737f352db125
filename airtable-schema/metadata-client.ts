import { AIRTABLE_CLIENT_BUDGET } from '../core/rate-limit/airtable-budget';
import { WindowLimiter } from '../core/rate-limit/window-limiter';
import type { RemoteTable } from './schema-diff';
import type { FieldSpec } from './types';

/**
 * Airtable's Metadata API (tables and fields), which the official airtable.js client does not
 * cover. Works the same against api.airtable.com and the local store. Requests are paced under
 * Airtable's 5 per second per base, with a margin, because one 429 refuses the base for 30 s
 * (https://airtable.com/developers/web/api/rate-limits). Errors throw with the HTTP status and Airtable's message.
 */
export class MetadataClient {
	// Sequential requests on a fast link would exceed 5 per second.
	private readonly pace = new WindowLimiter(AIRTABLE_CLIENT_BUDGET);

	constructor(
		private readonly options: { endpointUrl: string; token: string; baseId: string },
	) {}

	private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		await this.pace.acquire(this.options.baseId);
		const url = `${this.options.endpointUrl.replace(/\/+$/, '')}/v0/meta/bases/${encodeURIComponent(this.options.baseId)}${path}`;
		const response = await fetch(url, {
			method,
			headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		const text = await response.text();
		if (!response.ok) {
			let detail = text.slice(0, 300);
			try {
				const json = JSON.parse(text) as { error?: { type?: string; message?: string } | string };
				detail = typeof json.error === 'string' ? json.error : `${json.error?.type}: ${json.error?.message}`;
			} catch {
				// not JSON; keep the text
			}
			throw new Error(`Airtable Metadata API ${method} ${path || '/'} failed (HTTP ${response.status}): ${detail}`);
		}
		return (text ? JSON.parse(text) : undefined) as T;
	}

	async listTables(): Promise<RemoteTable[]> {
		return (await this.request<{ tables: RemoteTable[] }>('GET', '/tables')).tables;
	}

	async createTable(name: string, description: string, fields: Array<Record<string, unknown>>): Promise<RemoteTable> {
		return this.request<RemoteTable>('POST', '/tables', { name, description, fields });
	}

	async createField(tableId: string, field: Record<string, unknown>): Promise<void> {
		await this.request('POST', `/tables/${encodeURIComponent(tableId)}/fields`, field);
	}

	async updateTable(tableId: string, changes: { description?: string }): Promise<void> {
		await this.request('PATCH', `/tables/${encodeURIComponent(tableId)}`, changes);
	}

	async updateField(tableId: string, fieldId: string, changes: { description?: string }): Promise<void> {
		await this.request('PATCH', `/tables/${encodeURIComponent(tableId)}/fields/${encodeURIComponent(fieldId)}`, changes);
	}
}

/** A schema field in the API's create shape; links name their table, so its id is looked up. */
export function apiField(field: FieldSpec, tableIdByName: Map<string, string>): Record<string, unknown> {
	if (field.type === 'multipleRecordLinks') {
		const linkedTableId = tableIdByName.get(field.options.linkedTable);
		if (!linkedTableId) throw new Error(`Field "${field.name}" links to table "${field.options.linkedTable}", which does not exist yet.`);
		return { name: field.name, type: field.type, description: field.description, options: { linkedTableId } };
	}
	return { ...field };
}
