import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { buildPong, PingInputError } from '../../core/diagnostics/ping';
import { asNodeError, itemFailure, type NodeError } from '../shared/item-errors';
import { packageInfo } from '../shared/package-info';

/** A bad message is the user's to fix: say so on the parameter. */
function pingNodeError(node: INode, error: unknown, itemIndex: number): NodeError {
	if (error instanceof PingInputError) return new NodeOperationError(node, error.message, { itemIndex, description: 'Check the "Message" parameter.' });
	return asNodeError(node, error, itemIndex);
}

/** Diagnostic node: proves the package is installed, loaded and executing inside n8n. */
export class BestStagPing implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BestStag Ping',
		name: 'bestStagPing',
		icon: { light: 'file:../../icons/ping.svg', dark: 'file:../../icons/ping.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"Echo: " + $parameter["message"]}}',
		description: 'Answers with a pong, to check that the BestStag package is installed and running',
		defaults: { name: 'BestStag Ping' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Message',
				name: 'message',
				type: 'string',
				default: 'ping',
				placeholder: 'e.g. hello',
				description: 'Text to echo back in the pong (up to 1000 characters)',
			},
			{
				displayName: 'Include Runtime Info',
				name: 'includeRuntime',
				type: 'boolean',
				default: true,
				description: 'Whether to add the Node.js version, platform and process uptime to the output',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		const pkg = packageInfo();

		for (let i = 0; i < items.length; i++) {
			try {
				const message = this.getNodeParameter('message', i) as string;
				const includeRuntime = this.getNodeParameter('includeRuntime', i) as boolean;
				const pong = buildPong({
					message,
					now: new Date(),
					packageInfo: pkg,
					runtime: includeRuntime
						? { node: process.version, platform: process.platform, uptimeSeconds: Math.round(process.uptime()) }
						: undefined,
				});
				out.push({ json: { ...pong }, pairedItem: { item: i } });
			} catch (error) {
				out.push(itemFailure(this, error, i, pingNodeError));
			}
		}
		return [out];
	}
}
