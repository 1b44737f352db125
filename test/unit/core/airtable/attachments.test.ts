import { attachmentsText, CrmInputError, messageFields, newTaskFields } from '../../../../core/airtable/crm';

const A = 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1';
const B = 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2';

describe('the Attachments field', () => {
	it('takes text, a list of links or the trigger\'s media list, one link per line', () => {
		expect(attachmentsText(`${A}\n\n ${B} `)).toBe(`${A}\n${B}`);
		expect(attachmentsText([A, B])).toBe(`${A}\n${B}`);
		expect(attachmentsText([{ url: A, contentType: 'image/jpeg' }])).toBe(A);
		expect(attachmentsText('')).toBeUndefined();
		expect(attachmentsText([])).toBeUndefined();
		expect(attachmentsText(undefined)).toBeUndefined();
	});

	it('refuses what is not an http(s) link, naming the parameter', () => {
		expect(() => attachmentsText('javascript:alert(1)')).toThrow(CrmInputError);
		expect(() => attachmentsText(['ftp://x/y'])).toThrow(/Attachments must be http\(s\) links/);
		expect(() => attachmentsText([42])).toThrow(/got number/);
	});

	it('is written on a logged message and a new task only when given', () => {
		const now = new Date('2026-11-29T12:00:00Z');
		const message = { messageSid: `MM${'a'.repeat(32)}`, phone: '+5511987654321', direction: 'inbound' };
		expect(messageFields({ ...message, attachments: [{ url: A }] }, now).Attachments).toBe(A);
		expect(messageFields(message, now)).not.toHaveProperty('Attachments');
		expect(newTaskFields({ title: 'Pagar o boleto', phone: '+5511987654321', attachments: A }).Attachments).toBe(A);
		expect(newTaskFields({ title: 'Pagar o boleto', phone: '+5511987654321' })).not.toHaveProperty('Attachments');
	});
});
