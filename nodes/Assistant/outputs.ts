import type { INodeParameters } from 'n8n-workflow';

/**
 * The node's outputs: Turn → Decide has one per action (the list is core/assistant/decide.ts's
 * ACTIONS; a unit test keeps them equal), every other operation one. n8n evaluates this function's
 * source in the editor, so it must stand alone: no imports, no outer variables.
 */
export const configuredOutputs = (parameters: INodeParameters) => {
	if (parameters.operation !== 'decide') return [{ type: 'main', displayName: '' }];
	const actions = ['consent', 'greeting', 'smalltalk', 'help', 'task.create', 'task.list', 'task.complete', 'task.undo', 'reminder.create', 'reminder.button', 'human.handoff', 'opt_out', 'opt_in', 'privacy.erase', 'privacy.export', 'privacy.answer', 'coming_soon', 'media', 'silent', 'unknown'];
	return actions.map((action) => ({ type: 'main', displayName: action }));
};
