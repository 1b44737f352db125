import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { CrmInputError } from '../../../core/airtable/crm';
import { AirtableRequestError } from '../transport/request';

/** Core and transport errors → the errors n8n shows in the editor, with what to do about them. */
export function toNodeError(node: INode, error: unknown, itemIndex: number): Error {
	if (error instanceof CrmInputError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: `Check the "${error.parameter}" parameter.` });
	}
	if (error instanceof AirtableRequestError) {
		return new NodeApiError(node, { message: error.message, type: error.type } as JsonObject, {
			itemIndex,
			message: error.explained.message,
			description: error.explained.description,
			httpCode: error.status === undefined ? undefined : String(error.status),
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

export function errorJson(error: unknown): { error: string; description?: string } {
	if (error instanceof AirtableRequestError) return { error: error.explained.message, description: error.explained.description };
	return { error: (error as Error).message };
}
