/**
 * The one contract for an item that fails, in every BestStag node. When the node continues on fail
 * (Settings → On Error: "Continue" or "Continue (using error output)"), the item comes out as
 *
 *   { json: { error: <what went wrong>, details: <what to do, or null> }, pairedItem: { item: <its input> } }
 *
 * `json.error` is the message a flow tests (`{{ $json.error }}`). The json holds only keys n8n itself
 * recognises as an error item (error, message, details), so "Continue (using error output)" sends the
 * item down the error output, where n8n adds the paired input's fields; see handleNodeErrorOutput in
 * n8n-core's execution-engine/workflow-execute.ts. (The item's own `error` field is left unset on
 * purpose: n8n rewrites such an item's json to `{ error }` alone, dropping `details`.) Otherwise the node
 * error is thrown and the execution stops, as n8n does.
 * https://docs.n8n.io/flow-logic/error-handling/ (node settings "On Error")
 */
import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData } from 'n8n-workflow';

/** The json of a failed item. */
export interface FailedItemJson extends IDataObject {
	/** The error's message, e.g. `Airtable rejected the value "x" for field "Status"`. */
	error: string;
	/** What to do about it (the node error's description), when the error says; null otherwise. */
	details: string | null;
}

export type NodeError = NodeApiError | NodeOperationError;

/** Turns whatever an item threw into the error n8n shows, for that item. */
export type ToNodeError = (node: INode, error: unknown, itemIndex: number) => NodeError;

/** The default conversion: n8n's own errors stay as they are, anything else becomes a NodeOperationError for the item. */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : new Error(String(error)), { itemIndex });
}

/** The failed item for a node error, paired with the input item it came from. */
export function failedItem(failure: NodeError, itemIndex: number): INodeExecutionData {
	const json: FailedItemJson = { error: failure.message, details: failure.description ?? null };
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Honours continueOnFail() for one item: throws the node error when the node stops on failure, and
 * returns the failed item to output when it continues. Call it from the item loop's catch, with the
 * node's own conversion when it explains its errors better than asNodeError does.
 */
export function itemFailure(ctx: IExecuteFunctions, error: unknown, itemIndex: number, toNodeError: ToNodeError = asNodeError): INodeExecutionData {
	const failure = toNodeError(ctx.getNode(), error, itemIndex);
	if (!ctx.continueOnFail()) throw failure;
	return failedItem(failure, itemIndex);
}
