import { checkWorkflowSource } from '../../../../../sandbox/n8n/workflows/check';
import { normalizeWorkflow, serializeWorkflow } from '../../../../../sandbox/n8n/workflows/normalize';
import type { WorkflowJson } from '../../../../../sandbox/n8n/workflows/workflow-json';
import { CHANGELOG, nodeTypes } from './fixture';

/** A node of n8n-nodes-base, at a distinct position. */
const n = (id: number, name: string, type: string, typeVersion: number, parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
	id: `c0000000-0000-4000-8000-${String(id).padStart(12, '0')}`, name, type: `n8n-nodes-base.${type}`, typeVersion, position: [id * 200, 0] as [number, number], parameters, ...extra,
});
const e = (node: string, index = 0) => ({ node, type: 'main', index });

/** A turn built from n8n's own nodes: IF, Switch with a fallback output, Set, Code with an error output, Merge. */
function core(): WorkflowJson {
	return {
		id: 'bsTestCoreNodes1', name: 'Test · core nodes', active: false,
		nodes: [
			n(1, 'Every Minute', 'scheduleTrigger', 1.2, { rule: { interval: [{ field: 'minutes' }] } }),
			n(2, 'Has a date?', 'if', 2.2, { conditions: { options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 }, conditions: [{ id: 'a1', leftValue: '={{ $json.due }}', rightValue: '', operator: { type: 'string', operation: 'notEmpty', singleValue: true } }], combinator: 'and' }, options: {} }),
			n(3, 'By Kind', 'switch', 3.2, { rules: { values: [
				{ conditions: { options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 }, conditions: [{ leftValue: '={{ $json.kind }}', rightValue: 'a', operator: { type: 'string', operation: 'equals' } }], combinator: 'and' } },
				{ conditions: { options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 }, conditions: [{ leftValue: '={{ $json.kind }}', rightValue: 'b', operator: { type: 'string', operation: 'equals' } }], combinator: 'and' } },
			] }, options: { fallbackOutput: 'extra' } }),
			n(4, 'Compose', 'set', 3.4, { assignments: { assignments: [{ id: 'x1', name: 'reply', value: '=Oi {{ $json.name }}', type: 'string' }] }, options: {} }),
			n(5, 'Code', 'code', 2, { jsCode: 'return $input.all();' }, { onError: 'continueErrorOutput' }),
			n(6, 'Meet', 'merge', 3.2, {}),
			n(7, 'Done', 'noOp', 1),
			n(8, 'Stage', 'stickyNote', 1, { content: '## Act', height: 300, width: 500, color: 4 }),
		],
		connections: {
			'Every Minute': { main: [[e('Has a date?')]] },
			'Has a date?': { main: [[e('By Kind')], [e('Compose')]] },
			'By Kind': { main: [[e('Code')], [e('Compose')], [e('Meet', 1)]] },
			Compose: { main: [[e('Meet', 0)]] },
			Code: { main: [[e('Meet', 1)], [e('Done')]] },
			Meet: { main: [[e('Done')]] },
		},
		settings: { executionOrder: 'v1' },
		meta: { beststag: { version: '1.0.0' } },
	};
}

const check = (w: WorkflowJson) =>
	checkWorkflowSource({ file: 'workflows/fixture.json', fileName: 'fixture.json', text: serializeWorkflow(normalizeWorkflow(w, nodeTypes()).workflow) }, { types: nodeTypes(), changelog: CHANGELOG });

describe("n8n's own nodes", () => {
	it('keeps what someone set in IF, Switch, Set, Code, Merge and sticky notes, and passes the check', () => {
		const { workflow, unused } = normalizeWorkflow(core(), nodeTypes());
		expect(unused).toEqual([]);
		expect(workflow.nodes.find((x) => x.name === 'Stage')?.parameters).toEqual({ content: '## Act', height: 300, width: 500, color: 4 });
		expect(workflow.nodes.find((x) => x.name === 'Code')).toMatchObject({ parameters: { jsCode: 'return $input.all();' }, onError: 'continueErrorOutput' });
		expect(check(core())).toEqual([]);
	});

	it('counts outputs and inputs as n8n does: IF 2, Switch rules + fallback, an error output, Merge 2 inputs', () => {
		const bad = core();
		bad.connections['Has a date?'].main.push([e('Done')]);
		bad.connections['By Kind'].main.push([e('Done')]);
		bad.connections.Compose.main[0]![0].index = 2;
		bad.connections.Code.main.push([e('Done')]);
		expect(check(bad).map((p) => [p.node, p.message.replace(/\. Reconnect.*/, '')])).toEqual([
			['Has a date?', 'Connects from its "main" output 3, but with its settings it has 2 "main" outputs'],
			['By Kind', 'Connects from its "main" output 4, but with its settings it has 3 "main" outputs'],
			['Compose', 'Connects to input 3 ("main") of "Meet", which has 2 "main" inputs'],
			['Code', 'Connects from its "main" output 3, but with its settings it has 2 "main" outputs'],
		]);
	});
});
