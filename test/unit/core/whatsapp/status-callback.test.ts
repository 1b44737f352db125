import { statusCallbackUrl, webhookPath } from '../../../../core/whatsapp/status-callback';

describe('statusCallbackUrl: the Delivery Statuses Path of another workflow on the same n8n', () => {
	it('swaps the trigger’s own path for the status path, with a port or a path prefix', () => {
		expect(statusCallbackUrl('https://n8n.example.com/webhook/whatsapp/inbound', 'whatsapp/inbound', 'whatsapp/status')).toBe('https://n8n.example.com/webhook/whatsapp/status');
		expect(statusCallbackUrl('http://127.0.0.1:5678/webhook/whatsapp/inbound', '/whatsapp/inbound/', ' /whatsapp/status/ ')).toBe('http://127.0.0.1:5678/webhook/whatsapp/status');
		expect(statusCallbackUrl('https://ops.example.com/n8n/webhook/in', 'in', 'status')).toBe('https://ops.example.com/n8n/webhook/status');
	});
	it('a blank status path keeps this trigger’s URL', () => {
		expect(statusCallbackUrl('https://n8n.example.com/webhook/whatsapp/inbound', 'whatsapp/inbound', '')).toBe('https://n8n.example.com/webhook/whatsapp/inbound');
		expect(statusCallbackUrl('https://n8n.example.com/webhook/whatsapp/inbound', 'whatsapp/inbound', ' / ')).toBe('https://n8n.example.com/webhook/whatsapp/inbound');
	});
	it('refuses a path that is not a plain webhook path, or a URL it cannot place the path in', () => {
		for (const bad of ['../admin', 'whatsapp//status', 'https://evil.example.com/x', 'a b', 'x?y=1']) {
			expect(() => statusCallbackUrl('https://n8n.example.com/webhook/whatsapp/inbound', 'whatsapp/inbound', bad)).toThrow(/Delivery Statuses Path must be a webhook path/);
		}
		expect(() => statusCallbackUrl('https://n8n.example.com/webhook/0b1c/inbound', 'whatsapp/inbound', 'whatsapp/status')).toThrow(/Cannot tell where/);
	});
});

describe('webhookPath', () => {
	it('drops surrounding spaces and slashes, as n8n serves the path', () => {
		expect(webhookPath(' /whatsapp/status/ ')).toBe('whatsapp/status');
		expect(webhookPath('whatsapp/inbound')).toBe('whatsapp/inbound');
		expect(webhookPath(' // ')).toBe('');
	});
});
