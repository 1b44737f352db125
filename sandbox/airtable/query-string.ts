/**
 * Airtable's bracket query encoding, as airtable.js writes it (jQuery.param style):
 * fields[]=A&fields[]=B → {fields: ['A','B']}; sort[0][field]=Name&sort[0][direction]=desc →
 * {sort: [{field: 'Name', direction: 'desc'}]}. A key given twice without brackets becomes a list too.
 */

type Node = Record<string, unknown>;

const KEY = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;
const UNSAFE = new Set(['__proto__', 'prototype', 'constructor']);

function isNode(value: unknown): value is Node {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function add(node: Node, key: string, value: string): void {
	const existing = node[key];
	if (existing === undefined) node[key] = value;
	else if (Array.isArray(existing)) existing.push(value);
	else node[key] = [existing, value];
}

/** Objects whose keys are all indexes ({0: a, 1: b}) become arrays, in index order. */
function arrays(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(arrays);
	if (!isNode(value)) return value;
	const keys = Object.keys(value);
	if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
		return keys.sort((a, b) => Number(a) - Number(b)).map((k) => arrays(value[k]));
	}
	const out: Node = {};
	for (const k of keys) out[k] = arrays(value[k]);
	return out;
}

export function parseQueryString(params: URLSearchParams): Record<string, unknown> {
	const root: Node = {};
	for (const [rawKey, value] of params) {
		const match = KEY.exec(rawKey);
		const path = match ? [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])] : [rawKey];
		if (path.some((segment) => UNSAFE.has(segment))) continue;
		let node = root;
		let appended = false;
		for (let i = 0; i < path.length - 1; i++) {
			const segment = path[i];
			const next = path[i + 1];
			if (next === '' && i === path.length - 2) {
				const list = node[segment];
				if (Array.isArray(list)) list.push(value);
				else node[segment] = list === undefined ? [value] : [list, value];
				appended = true;
				break;
			}
			if (!isNode(node[segment])) node[segment] = {};
			node = node[segment] as Node;
		}
		if (!appended) add(node, path[path.length - 1], value);
	}
	return arrays(root) as Record<string, unknown>;
}
