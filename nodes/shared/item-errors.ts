/**
 * The one contract for an item that fails, in every BestStag node. When the node continues on fail
 * (Settings → On Error: "Continue" or "Continue (using error output)"), the item comes out as
 *
 *   { json: { error: <what went wrong>, description: <what to do, or null> }, error: <the node error>, pairedItem }
 *
 * paired with the input item it came from. `json.error` is the message a flow tests (`{{ $json.error }}`);
 * the item's own `error` field is what n8n reads to send the item down the error output, whatever else
 * its json holds. Otherwise the node error is thrown and the execution stops, as n8n does.
 * https://docs.n8n.io/flow-logic/error-handling/ (node settings "On Error")
 */
import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData } from 'n8n-workflow';

/** The json of a failed item. */
export interface FailedItemJson extends IDataObject {
	/** The error's message, e.g. `Airtable rejected the value "x" for field "Status"`. */
	error: string;
	/** What to do about it, when the error says; null otherwise. */
	description: string | null;
}

export type NodeError = NodeApiError | NodeOperationError;

/** Turns whatever an item threw into the error n8n shows, for that item. */
export type ToNodeError = (node: INode, error: unknown, itemIndex: number) => NodeError;

/** The default conversion: n8n's own errors stay as they are, anything else becomes a NodeOperationError for the item. */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : new Error(String(error)), { itemIndex });
}

/**
 * The failed item for a node error. `keep` is the json a routing node passes through (the Intent
 * Classifier keeps its input's fields beside the failure, so the Fallback branch can still reply).
 */
export function failedItem(failure: NodeError, itemIndex: number, keep: IDataObject = {}): INodeExecutionData {
	const json: FailedItemJson = { ...keep, error: failure.message, description: failure.description ?? null };
	return { json, error: failure, pairedItem: { item: itemIndex } };
}

export interface ItemFailureOptions {
	/** How this node explains its errors; default asNodeError. */
	toNodeError?: ToNodeError;
	/** Input json to keep beside the failure (routing nodes only). */
	keep?: IDataObject;
}

/**
 * Honours continueOnFail() for one item: throws the node error when the node stops on failure, and
 * returns the failed item to output when it continues. Call it from the item loop's catch.
 */
export function itemFailure(ctx: IExecuteFunctions, error: unknown, itemIndex: number, options: ItemFailureOptions = {}): INodeExecutionData {
	const failure = (options.toNodeError ?? asNodeError)(ctx.getNode(), error, itemIndex);
	if (!ctx.continueOnFail()) throw failure;
	return failedItem(failure, itemIndex, options.keep);
}
