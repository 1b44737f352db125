/**
 * Runs one AirtableCrm operation the way n8n would (a mock execution context for the items and
 * parameters) against the sandbox's Airtable store through the real gateway and airtable.js. The rate
 * limiter is off: these tests count requests, they do not time them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NodeApiError, NodeOperationError, type INodeExecutionData } from 'n8n-workflow';

import type { JsonSchema } from '../../../../airtable-schema/output-schema';
import type { OperationModule } from '../../../../nodes/AirtableCrm/actions/node.type';
import { OPERATIONS } from '../../../../nodes/AirtableCrm/actions/router';
import { AirtableGateway } from '../../../../nodes/AirtableCrm/transport/request';
import { mockExecuteContext, type MockContextOptions } from '../../../support/execute-context';
import { schemaMismatches } from '../../../support/output-schema';
import { createMany, startTestStore, TOKEN, type Loose, type TestStore } from '../../sandbox/airtable/helpers';
import { NO_RATE_LIMIT } from '../../../support/no-rate-limit';

export interface CrmHarness {
	store: TestStore;
	/** Runs the operation over the items; `requests` counts the HTTP requests sent to the store. */
	run(operation: OperationModule, options: MockContextOptions): Promise<{ out: INodeExecutionData[]; requests: number }>;
	/** Every record of a table, through the store's own API. */
	records(table: string): Promise<Array<{ id: string; fields: Record<string, Loose> }>>;
	/** Creates records and returns their ids. */
	seed(table: string, rows: Array<Record<string, unknown>>): Promise<string[]>;
	close(): Promise<void>;
}

/** The operation's committed __schema__ file (nodes/AirtableCrm/__schema__/v1.0.0/<resource>/<operation>.json). */
function outputSchemaOf(operation: OperationModule): JsonSchema {
	for (const [resource, operations] of Object.entries(OPERATIONS)) {
		for (const [name, module] of Object.entries(operations as Record<string, OperationModule>)) {
			if (module === operation) return JSON.parse(readFileSync(join(__dirname, '../../../../nodes/AirtableCrm/__schema__/v1.0.0', resource, `${name}.json`), 'utf8')) as JsonSchema;
		}
	}
	throw new Error('The operation is not in the router\'s OPERATIONS map.');
}

export async function startCrmHarness(): Promise<CrmHarness> {
	const store = await startTestStore();
	return {
		store,
		async run(operation, options) {
			const gateway = new AirtableGateway({ accessToken: TOKEN, baseId: store.baseId, endpointUrl: store.url }, { limiter: NO_RATE_LIMIT });
			const { ctx } = mockExecuteContext(options);
			const out = await operation.execute.call(ctx, gateway);
			// Every record a run outputs is one the editor's __schema__ preview describes.
			const schema = outputSchemaOf(operation);
			for (const item of out) if (!('error' in item.json)) expect(schemaMismatches(item.json, schema)).toEqual([]);
			return { out, requests: gateway.requestCount };
		},
		async records(table) {
			const found: Array<{ id: string; fields: Record<string, Loose> }> = [];
			let offset: string | undefined;
			do {
				const res = await store.api('GET', `/v0/${store.baseId}/${encodeURIComponent(table)}${offset ? `?offset=${offset}` : ''}`);
				found.push(...res.body.records);
				offset = res.body.offset;
			} while (offset);
			return found;
		},
		seed: (table, rows) => createMany(store, table, rows),
		close: () => store.dispose(),
	};
}

/**
 * Starts the harness before a test file's tests and closes it after them; call once at the top of the
 * file. The returned harness forwards to the running one.
 */
export function useCrmHarness(): CrmHarness {
	let running: CrmHarness | undefined;
	beforeAll(async () => {
		running = await startCrmHarness();
	});
	afterAll(() => running?.close());
	const get = (): CrmHarness => {
		if (!running) throw new Error('The CRM harness is not running: use it inside a test, not at module level.');
		return running;
	};
	return {
		get store() {
			return get().store;
		},
		run: (operation, options) => get().run(operation, options),
		records: (table) => get().records(table),
		seed: (table, rows) => get().seed(table, rows),
		close: () => get().close(),
	};
}

/** n empty input items. */
export const items = (n: number): Array<Record<string, never>> => Array.from({ length: n }, () => ({}));

/** The pairing n items have when each output item pairs with the input at its own position. */
export const paired = (n: number): Array<{ item: number }> => Array.from({ length: n }, (_, i) => ({ item: i }));

/** A distinct valid Brazilian mobile number per item: +5511987650000, +5511987650001, ... */
export const phoneOf = (i: number): string => `+55119876${String(50000 + i).padStart(5, '0')}`;

/** The pairing of each output item, in order. */
export const pairing = (out: INodeExecutionData[]): unknown[] => out.map((item) => item.pairedItem);

/** Asserts the failed-item contract (nodes/shared/item-errors.ts) for one output item. */
export function expectFailedItem(item: INodeExecutionData, itemIndex: number, message: RegExp): void {
	expect(item.pairedItem).toEqual({ item: itemIndex });
	expect(Object.keys(item.json).sort()).toEqual(['details', 'error']);
	expect(item.json.error).toMatch(message);
}

/** The error a run stopped with (the node did not continue on fail). */
export async function stoppedWith(run: Promise<unknown>): Promise<NodeOperationError | NodeApiError> {
	const error = await run.then(
		() => undefined,
		(e: unknown) => e,
	);
	if (!(error instanceof NodeOperationError || error instanceof NodeApiError)) throw new Error(`expected the run to stop with a node error, got ${String(error)}`);
	return error;
}
