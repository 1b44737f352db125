import { isObject, type Json } from './http';

/**
 * The rules OpenAI's strict structured outputs put on a schema that a hand-written schema breaks most
 * often: the root is an object, every object says additionalProperties: false, and every property is
 * required. Messages follow the API's "In context=(...)" wording. Keyword support is not checked.
 */

export function strictSchemaProblem(schema: Json): string | undefined {
	if (schema.type !== 'object') return `schema must be a JSON Schema of 'type: "object"', got 'type: "${String(schema.type)}"'.`;
	return walk(schema, []);
}

function walk(node: unknown, context: string[]): string | undefined {
	if (!isObject(node)) return undefined;
	const where = `In context=(${context.map((part) => `'${part}'`).join(', ')})`;
	const properties = isObject(node.properties) ? node.properties : undefined;
	if (node.type === 'object' || properties) {
		if (node.additionalProperties !== false) return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
		const required = Array.isArray(node.required) ? node.required : undefined;
		const missing = Object.keys(properties ?? {}).find((key) => !required?.includes(key));
		if (missing !== undefined) {
			return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
		}
		for (const [key, value] of Object.entries(properties ?? {})) {
			const problem = walk(value, [...context, 'properties', key]);
			if (problem) return problem;
		}
	}
	if (node.items !== undefined) {
		const problem = walk(node.items, [...context, 'items']);
		if (problem) return problem;
	}
	for (const keyword of ['anyOf', '$defs', 'definitions']) {
		const children = node[keyword];
		const entries = Array.isArray(children) ? children.map((child, i) => [String(i), child] as const) : isObject(children) ? Object.entries(children) : [];
		for (const [key, child] of entries) {
			const problem = walk(child, [...context, keyword, key]);
			if (problem) return problem;
		}
	}
	return undefined;
}
