/** A small client for the n8n public API (/api/v1), authenticated with an API key. */
export class N8nPublicApi {
	constructor(
		private readonly baseUrl: string,
		private readonly apiKey: string,
	) {}

	async request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
		const response = await fetch(new URL(`/api/v1${path}`, this.baseUrl), {
			method,
			headers: { 'X-N8N-API-KEY': this.apiKey, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		const text = await response.text();
		let data: unknown = text;
		try {
			data = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON; the text explains the failure
		}
		return { status: response.status, data: data as T };
	}

	/** True when the key is accepted. */
	async keyWorks(): Promise<boolean> {
		const { status } = await this.request('GET', '/workflows?limit=1');
		return status === 200;
	}

	async activateWorkflow(id: string): Promise<void> {
		const { status, data } = await this.request<unknown>('POST', `/workflows/${encodeURIComponent(id)}/activate`);
		if (status !== 200) {
			throw new Error(`n8n could not activate workflow ${id} (HTTP ${status}): ${JSON.stringify(data).slice(0, 400)}`);
		}
	}

	async listWorkflows(): Promise<Array<{ id: string; name: string; active: boolean; nodes: Array<{ type: string; name: string }> }>> {
		const all: Array<{ id: string; name: string; active: boolean; nodes: Array<{ type: string; name: string }> }> = [];
		let cursor: string | undefined;
		do {
			const query = `/workflows?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
			const { status, data } = await this.request<{ data: typeof all; nextCursor?: string | null }>('GET', query);
			if (status !== 200) throw new Error(`n8n refused to list workflows (HTTP ${status}).`);
			all.push(...data.data);
			cursor = data.nextCursor ?? undefined;
		} while (cursor);
		return all;
	}
}
