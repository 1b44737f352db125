import { classifyLine, type LineClassifier } from '../../../cli/commands/classify';
import { classifyOffline } from '../../../core/classifier';

const offline: LineClassifier = async (text, options) => classifyOffline(text, options);

describe('beststag classify, one line at a time', () => {
	it('answers the issue example with intent, confidence and entities', async () => {
		const line = JSON.stringify({ text: 'me lembra amanhã às 9h de ligar pro João', now: '2026-11-20T13:00:00Z', tz: 'America/Sao_Paulo' });
		expect(JSON.parse(await classifyLine(line, offline))).toEqual({
			intent: 'reminder.create',
			confidence: expect.any(Number),
			entities: { datetime: '2026-11-21T09:00:00-03:00', title: 'ligar pro João' },
		});
	});

	it.each([
		['not json', /not JSON/],
		['{"txt":"oi"}', /each line needs \{"text"/],
		['{"text":"oi","now":"ontem"}', /"now" is not an ISO instant/],
		['{"text":"oi","tz":"Mars/Base"}', /Unknown time zone "Mars\/Base"/],
	])('turns the bad line %p into an error line instead of skipping it', async (line, message) => {
		expect(JSON.parse(await classifyLine(line, offline)).error).toMatch(message);
	});
});
