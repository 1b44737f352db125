import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { CrmInputError } from '../../../core/airtable/crm';
import { asNodeError, type NodeError } from '../../shared/item-errors';
import { AirtableRequestError } from '../transport/request';

/**
 * Core and transport errors → the errors n8n shows in the editor, with what to do about them: a bad
 * parameter names it, an Airtable refusal keeps Airtable's error type and the HTTP status.
 */
export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeError {
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
	return asNodeError(node, error, itemIndex);
}
