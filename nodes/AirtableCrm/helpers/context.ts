import type { IExecuteFunctions } from 'n8n-workflow';

import type { AirtableCrmCredentials } from '../transport/client';
import { AirtableGateway } from '../transport/request';

/**
 * The node's Airtable CRM credential with its gateway. Read once per node run: each
 * `getCredentials` is a database read and a decryption in n8n.
 */
export async function crmAccess(ctx: IExecuteFunctions): Promise<{ baseId: string; gateway: AirtableGateway }> {
	const credentials = await ctx.getCredentials<AirtableCrmCredentials & Record<string, unknown>>('airtableCrmApi');
	const gateway = new AirtableGateway({ accessToken: credentials.accessToken, baseId: credentials.baseId, endpointUrl: credentials.endpointUrl });
	return { baseId: credentials.baseId, gateway };
}

export async function gatewayFor(ctx: IExecuteFunctions): Promise<AirtableGateway> {
	return (await crmAccess(ctx)).gateway;
}

/** Optional parameters live in an "Additional Fields" collection; read it as a plain object. */
export function additional(ctx: IExecuteFunctions, name: string, itemIndex: number): Record<string, unknown> {
	return (ctx.getNodeParameter(name, itemIndex, {}) as Record<string, unknown>) ?? {};
}
