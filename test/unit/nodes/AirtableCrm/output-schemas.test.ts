/**
 * The node's __schema__/v1.0.0/<resource>/<operation>.json files, which n8n's editor shows as the
 * output fields before a first run, must match the base. Regenerate them after a schema change with
 *   UPDATE_OUTPUT_SCHEMAS=1 npx jest test/unit/nodes/AirtableCrm/output-schemas.test.ts --selectProjects unit
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { BESTSTAG_SCHEMA } from '../../../../airtable-schema';
import { MESSAGE_STATUSES } from '../../../../core/airtable/crm';
import { recordJsonSchema, type JsonSchema } from '../../../../airtable-schema/output-schema';
import { OPERATIONS } from '../../../../nodes/AirtableCrm/actions/router';
import { AirtableCrm } from '../../../../nodes/AirtableCrm/AirtableCrm.node';

const SCHEMA_DIR = join(__dirname, '../../../../nodes/AirtableCrm/__schema__', `v${new AirtableCrm().description.version}.0.0`);
const table = (name: string) => {
	const spec = BESTSTAG_SCHEMA.tables.find((t) => t.name === name);
	if (!spec) throw new Error(`No table ${name} in BESTSTAG_SCHEMA`);
	return spec;
};
const write = (name: string) => recordJsonSchema(table(name), { write: true });
const read = (name?: string) => recordJsonSchema(name === undefined ? undefined : table(name), { write: false });

/** What each operation outputs per item (see its execute and helpers/write-items.ts, read-items.ts). */
const EXPECTED: { [R in keyof typeof OPERATIONS]: { [O in keyof (typeof OPERATIONS)[R]]: JsonSchema } } = {
	email: { upsert: write('Emails') },
	event: { upsert: write('Events') },
	handoff: {
		open: write('Handoffs'),
		close: write('Handoffs'),
		// Buffered only: the input item passes through with this field (nodes/AirtableCrm/buffered/handoff.ts).
		check: {
			type: 'object',
			properties: {
				handoff: {
					type: 'object',
					properties: { paused: { type: 'boolean' }, reference: { type: 'string' }, resumed: { type: 'boolean' }, resumedReference: { type: 'string' } },
				},
			},
		},
	},
	lead: { upsert: write('Leads') },
	message: {
		log: write('Messages'),
		// A status that writes nothing (Untracked Messages: Failures Only) says so instead of a record.
		status: {
			type: 'object',
			properties: { ...write('Messages').properties, messageSid: { type: 'string' }, status: { type: 'string', enum: [...MESSAGE_STATUSES] }, recorded: { type: 'boolean' }, reason: { type: 'string' } },
		},
	},
	record: { findByFields: read() },
	reminder: { create: write('Reminders'), listDue: read('Reminders') },
	task: {
		create: write('Tasks'),
		update: { type: 'object', properties: { ...write('Tasks').properties, key: { type: 'string' }, buffered: { type: 'boolean' } } },
		list: read('Tasks'),
		complete: {
			type: 'object',
			properties: {
				completed: { type: 'boolean' },
				id: { type: 'string' },
				// Buffered mode: the task's stable key, and that the write waits in the outbox.
				key: { type: 'string' },
				buffered: { type: 'boolean' },
				fields: recordJsonSchema(table('Tasks'), { write: false }).properties!.fields,
				reason: { type: 'string', enum: ['not_found', 'already_done'] },
			},
		},
		reopen: {
			type: 'object',
			properties: {
				reopened: { type: 'boolean' },
				id: { type: 'string' },
				key: { type: 'string' },
				buffered: { type: 'boolean' },
				fields: recordJsonSchema(table('Tasks'), { write: false }).properties!.fields,
				reason: { type: 'string', enum: ['not_found', 'not_done'] },
			},
		},
	},
	user: {
		upsert: write('Users'),
		get: {
			type: 'object',
			properties: {
				phone: { type: 'string' },
				found: { type: 'boolean' },
				id: { type: 'string' },
				fields: read('Users').properties!.fields,
				openTasks: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, id: { type: 'string' }, fields: read('Tasks').properties!.fields } } },
				tasks: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, id: { type: 'string' }, fields: read('Tasks').properties!.fields } } },
				openHandoffs: { type: 'number' },
			},
		},
		privacyChoice: write('Users'),
		export: {
			type: 'object',
			properties: {
				found: { type: 'boolean' },
				locale: { type: 'string' },
				counts: { type: 'object', properties: { tasks: { type: 'number' }, reminders: { type: 'number' }, messages: { type: 'number' }, handoffs: { type: 'number' } } },
				exportParams: {
					type: 'object',
					properties: {
						phone: { type: 'string' },
						name: { type: 'string' },
						email: { type: 'string' },
						locale: { type: 'string' },
						timezone: { type: 'string' },
						optIn: { type: 'string' },
						consent: { type: 'object', properties: { status: { type: 'string' }, at: { type: 'string' }, version: { type: 'string' } } },
						counts: { type: 'object', properties: { tasks: { type: 'number' }, reminders: { type: 'number' }, messages: { type: 'number' }, handoffs: { type: 'number' } } },
						...Object.fromEntries(
							['tasks', 'reminders', 'messages'].map((list) => [list, { type: 'array' as const, items: { type: 'object' as const, properties: { text: { type: 'string' as const }, when: { type: 'string' as const }, status: { type: 'string' as const } } } }]),
						),
					},
				},
				messages: { type: 'array', items: { type: 'string' } },
			},
		},
		erase: {
			type: 'object',
			properties: {
				erased: { type: 'boolean' },
				pseudonym: { type: 'string' },
				pseudonymSalt: { type: 'string', enum: ['configured', 'random'] },
				counts: { type: 'object', properties: Object.fromEntries(['Messages', 'Reminders', 'Tasks', 'Events', 'Emails', 'Digests', 'Handoffs', 'Leads', 'AuditLog', 'Users'].map((t) => [t, { type: 'number' as const }])) },
				dataPath: { type: 'object', properties: { outboxEntries: { type: 'number' }, replicaRecords: { type: 'number' }, deadLetters: { type: 'number' }, otherKeys: { type: 'number' }, outboundJobs: { type: 'number' } } },
				auditId: { type: 'string' },
			},
		},
	},
};

const files = Object.entries(EXPECTED).flatMap(([resource, ops]) =>
	Object.entries(ops as Record<string, JsonSchema>).map(([operation, schema]) => ({ path: join(SCHEMA_DIR, resource, `${operation}.json`), schema })),
);
const asFile = (schema: JsonSchema) => JSON.stringify({ ...schema, version: 1 }, null, '\t') + '\n';

if (process.env.UPDATE_OUTPUT_SCHEMAS === '1') {
	for (const { path, schema } of files) {
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, asFile(schema));
	}
}

describe('Airtable CRM output schemas (__schema__)', () => {
	it.each(files.map((f) => [relative(SCHEMA_DIR, f.path), f]))('%s matches the base', (_name, { path, schema }) => {
		expect(existsSync(path)).toBe(true);
		expect(readFileSync(path, 'utf8')).toBe(asFile(schema));
	});

	it('has a file for every operation and none for an operation that does not exist', () => {
		const onDisk = readdirSync(SCHEMA_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).sort();
		const expected = Object.entries(OPERATIONS).flatMap(([resource, ops]) => Object.keys(ops).map((op) => `${resource}/${op}.json`)).sort();
		expect(onDisk).toEqual(expected);
	});

	it('is what n8n\'s editor accepts: an object schema with properties', () => {
		for (const { path } of files) {
			const parsed = JSON.parse(readFileSync(path, 'utf8')) as JsonSchema;
			expect(parsed.type).toBe('object');
			expect(Object.keys(parsed.properties ?? {}).length).toBeGreaterThan(0);
		}
	});
});
