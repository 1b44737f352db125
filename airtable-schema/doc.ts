import type { BaseSchema, FieldSpec } from './types';

function typeLabel(field: FieldSpec): string {
	switch (field.type) {
		case 'singleSelect':
		case 'multipleSelects':
			return `${field.type}: ${field.options.choices.map((c) => `\`${c.name}\``).join(', ')}`;
		case 'multipleRecordLinks':
			return `link → ${field.options.linkedTable}`;
		case 'number':
		case 'percent':
			return `${field.type} (${field.options.precision} decimals)`;
		case 'dateTime':
			return 'dateTime (UTC, ISO 8601)';
		default:
			return field.type;
	}
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The human-readable schema doc, generated so it never drifts from the code. */
export function renderSchemaDoc(schema: BaseSchema): string {
	const lines = [
		'# The BestStag Airtable base',
		'',
		`Generated from \`airtable-schema/\` (schema version ${schema.version}) by \`npx beststag schema doc\`; do not edit by hand.`,
		'The first field of each table is its primary field.',
		'',
	];
	for (const table of schema.tables) {
		lines.push(`## ${table.name}`, '', table.description, '', '| field | type | meaning |', '| --- | --- | --- |');
		for (const field of table.fields) lines.push(`| ${cell(field.name)} | ${cell(typeLabel(field))} | ${cell(field.description)} |`);
		lines.push('');
	}
	return lines.join('\n');
}
