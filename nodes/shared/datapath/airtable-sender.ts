import { upsertBody, type FlushRequest } from '../../../core/datapath';
import { airtableBase, type AirtableBaseClient } from '../../AirtableCrm/transport/client';
import { SendError, type UpsertSender } from './flusher';

interface AirtableJsError {
	error?: string;
	message?: string;
	statusCode?: number;
}

/**
 * Sends flush requests through the official airtable.js client (its own 429 retry off: the
 * flusher pauses the base instead). One client per base; one token serves every base it can reach.
 * Upsert: PATCH /v0/{baseId}/{table} with performUpsert
 * (https://airtable.com/developers/web/api/update-multiple-records).
 */
export class AirtableUpsertSender implements UpsertSender {
	private readonly clients = new Map<string, AirtableBaseClient>();

	constructor(private readonly options: { accessToken: string; endpointUrl?: string }) {}

	async upsert(base: string, request: FlushRequest): Promise<string[]> {
		let client = this.clients.get(base);
		if (!client) {
			client = airtableBase({ accessToken: this.options.accessToken, baseId: base, endpointUrl: this.options.endpointUrl });
			this.clients.set(base, client);
		}
		try {
			const response = await client.makeRequest({ method: 'PATCH', path: `/${encodeURIComponent(request.table)}`, qs: {}, body: upsertBody(request) });
			const records = (response.body as { records?: Array<{ id: string }> }).records ?? [];
			return records.map((r) => r.id);
		} catch (raw) {
			const error = raw as AirtableJsError;
			throw new SendError(error.message ?? String(raw), error.error ?? 'UNEXPECTED_ERROR', error.statusCode ?? undefined);
		}
	}
}
