import fc from 'fast-check';

import { planReply, type MessageKind } from '../../../../core/whatsapp/outbound-plan';

const NOW = new Date('2026-11-20T13:00:00Z');
const inside = { to: 'whatsapp:+5511987654321', text: 'Pronto!', now: NOW, lastInboundAt: '2026-11-20T12:59:00Z' };
const template = { templateSid: 'HX' + 'a'.repeat(32), templateVariables: { 1: 'pagar boleto' } };

describe('opt-out stops what BestStag starts, not the conversation the user starts', () => {
	it('answers an opted-out user who writes (a reply inside the window)', () => {
		expect(planReply({ ...inside, optInStatus: 'opted_out', messageKind: 'reply' })).toEqual({ send: [{ kind: 'text', body: 'Pronto!', mediaUrls: [] }] });
	});

	it('refuses every proactive message to an opted-out user: free text, template, the default kind', () => {
		expect(planReply({ ...inside, optInStatus: 'opted_out', messageKind: 'proactive' })).toEqual({ skip: 'opted_out' });
		expect(planReply({ ...inside, optInStatus: 'opted_out' })).toEqual({ skip: 'opted_out' });
		expect(planReply({ ...inside, lastInboundAt: '2026-11-18T12:00:00Z', optInStatus: 'opted_out', messageKind: 'proactive', ...template })).toEqual({ skip: 'opted_out' });
	});

	it('never sends a template to an opted-out user, even marked as a reply (outside the window nothing answers them)', () => {
		expect(planReply({ ...inside, lastInboundAt: '2026-11-18T12:00:00Z', optInStatus: 'opted_out', messageKind: 'reply', ...template })).toEqual({ skip: 'opted_out' });
		expect(planReply({ ...inside, lastInboundAt: '2026-11-18T12:00:00Z', optInStatus: 'opted_out', isOptOutConfirmation: true, ...template })).toEqual({ skip: 'opted_out' });
	});

	it('changes nothing for users who did not opt out', () => {
		for (const status of [null, 'pending', 'opted_in']) {
			for (const kind of ['reply', 'proactive'] as MessageKind[]) expect(planReply({ ...inside, optInStatus: status, messageKind: kind })).toHaveProperty('send');
		}
	});

	it('property: an opted-out user receives something only as a reply inside the window, never a template', () => {
		fc.assert(
			fc.property(fc.constantFrom<MessageKind | undefined>('reply', 'proactive', undefined), fc.boolean(), fc.integer({ min: 0, max: 72 * 3600 }), fc.boolean(), (kind, confirmation, ageS, withTemplate) => {
				const plan = planReply({ ...inside, lastInboundAt: new Date(NOW.getTime() - ageS * 1000).toISOString(), optInStatus: 'opted_out', messageKind: kind, isOptOutConfirmation: confirmation, ...(withTemplate ? template : {}) });
				if ('send' in plan) {
					expect(kind === 'reply' || confirmation).toBe(true);
					expect(ageS * 1000).toBeLessThan(24 * 3600 * 1000);
					expect(plan.send.every((m) => m.kind !== 'template')).toBe(true);
				}
			}),
		);
	});
});
