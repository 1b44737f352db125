/**
 * The BestStag Airtable base, described as data. Field names are a contract: workflows, nodes and
 * the portal refer to them, so renaming one is a breaking change.
 *
 * Only field types the Airtable Web API can create are used (no formula, rollup or autonumber),
 * so `beststag schema apply` can build the whole base from nothing.
 */
export type FieldSpec =
	| { name: string; type: 'singleLineText' | 'multilineText' | 'email' | 'url' | 'phoneNumber'; description: string }
	| { name: string; type: 'number' | 'percent'; description: string; options: { precision: number } }
	| { name: string; type: 'checkbox'; description: string; options: { icon: 'check'; color: 'greenBright' } }
	| { name: string; type: 'singleSelect' | 'multipleSelects'; description: string; options: { choices: Array<{ name: string }> } }
	| { name: string; type: 'date'; description: string; options: { dateFormat: { name: 'iso' } } }
	| {
			name: string;
			type: 'dateTime';
			description: string;
			options: { dateFormat: { name: 'iso' }; timeFormat: { name: '24hour' }; timeZone: 'utc' };
	  }
	| { name: string; type: 'multipleRecordLinks'; description: string; options: { linkedTable: string } };

export type FieldType = FieldSpec['type'];

export interface TableSpec {
	name: string;
	description: string;
	/** The primary field: what a manager sees as the record's name. Always fields[0]. */
	fields: [FieldSpec, ...FieldSpec[]];
}

export interface BaseSchema {
	/** Bumped on every change to tables or fields. */
	version: number;
	tables: TableSpec[];
}
