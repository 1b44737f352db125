import { buttonId, onceQuestionId, parseButtonId } from '../../../../core/assistant/buttons';

describe('quick-reply ids', () => {
	it('round-trips a one-time question and a choice that has colons', () => {
		const id = buttonId(onceQuestionId('task.pick', 'a1b2c3'), 'tk_SM1:x');
		expect(id).toBe('task.pick#a1b2c3:tk_SM1:x');
		expect(parseButtonId(id)).toEqual({ questionId: 'task.pick#a1b2c3', kind: 'task.pick', once: true, choice: 'tk_SM1:x' });
	});

	it('reads a stateless id', () => {
		expect(parseButtonId('menu:tasks')).toEqual({ questionId: 'menu', kind: 'menu', once: false, choice: 'tasks' });
	});

	it.each([undefined, '', 'option_1', ':yes', 'menu:', '#x:y'])('is not ours: %p', (payload) => expect(parseButtonId(payload)).toBeNull());

	it('refuses ids Twilio would refuse', () => {
		expect(() => buttonId('q', 'x'.repeat(200))).toThrow(RangeError);
		expect(() => buttonId('', 'x')).toThrow(RangeError);
	});
});
