import type { IExecuteFunctions } from 'n8n-workflow';

import type { AirtableCrmCredentials } from '../transport/client';
import { AirtableGateway } from '../transport/request';

export async function gatewayFor(ctx: IExecuteFunctions): Promise<AirtableGateway> {
	const credentials = await ctx.getCredentials<AirtableCrmCredentials & Record<string, unknown>>('airtableCrmApi');
	return new AirtableGateway({ accessToken: credentials.accessToken, baseId: credentials.baseId, endpointUrl: credentials.endpointUrl });
}

/** Optional parameters live in an "Additional Fields" collection; read it as a plain object. */
export function additional(ctx: IExecuteFunctions, name: string, itemIndex: number): Record<string, unknown> {
	return (ctx.getNodeParameter(name, itemIndex, {}) as Record<string, unknown>) ?? {};
}
