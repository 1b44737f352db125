/** Compile-time checks: known functions with the right number of arguments, known fields, literal arguments. */

import type { Expr } from './ast';
import { formulaError } from './errors';
import { FUNCTIONS, FUNCTION_NAMES, REFUSED_FUNCTIONS } from './functions';

function arityText(min: number, max: number): string {
	if (max === Infinity) return `at least ${min} argument${min === 1 ? '' : 's'}`;
	if (min === max) return `${min} argument${min === 1 ? '' : 's'}`;
	return `${min} to ${max} arguments`;
}

/** Names the table's fields for the error message, without letting a wide table flood it. */
function listFields(fields: string[]): string {
	if (fields.length === 0) return 'no fields';
	const shown = fields.slice(0, 20).map((f) => `{${f}}`).join(', ');
	return fields.length > 20 ? `${shown} and ${fields.length - 20} more` : shown;
}

/** Walks the tree once; returns the referenced field names, first use first. */
export function checkFormula(root: Expr, knownFields?: readonly string[]): string[] {
	const known = knownFields ? new Set(knownFields) : undefined;
	const fieldNames: string[] = [];
	const seen = new Set<string>();
	const supported = `check the spelling; the local store runs ${FUNCTION_NAMES.length} of Airtable's functions, listed in its README (sandbox/airtable/formula/README.md)`;

	const visit = (node: Expr): void => {
		switch (node.kind) {
			case 'field':
				if (known && !known.has(node.name)) {
					throw formulaError(
						node.bare ? `Unknown field name ${node.name}` : `Unknown field name {${node.name}}`,
						node.pos,
						node.bare
							? `a bare name refers to a field, and names are case-sensitive; call a function with parentheses, ${node.name}(...); this table has ${listFields([...known])}`
							: `field names are case-sensitive; this table has ${listFields([...known])}`,
					);
				}
				if (!seen.has(node.name)) {
					seen.add(node.name);
					fieldNames.push(node.name);
				}
				return;
			case 'call': {
				const spec = FUNCTIONS.get(node.name);
				if (!spec) {
					const refused = REFUSED_FUNCTIONS.get(node.name);
					if (refused) throw formulaError(`Function ${node.name} is not supported by the local store`, node.pos, refused);
					throw formulaError(`Unknown function ${node.name}`, node.pos, supported);
				}
				if (node.args.length < spec.minArgs || node.args.length > spec.maxArgs) {
					throw formulaError(
						`${node.name} expects ${arityText(spec.minArgs, spec.maxArgs)} but got ${node.args.length}`,
						node.pos,
					);
				}
				node.args.forEach(visit);
				spec.check?.(node);
				return;
			}
			case 'unary':
				visit(node.operand);
				return;
			case 'binary':
				visit(node.left);
				visit(node.right);
				return;
			default:
				return;
		}
	};
	visit(root);
	return fieldNames;
}
