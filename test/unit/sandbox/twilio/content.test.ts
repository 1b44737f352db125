import { ANA, BOT, contentBody, restError, startTestStandIn, type TestStandIn } from './helpers';

describe('Content API templates, and messages sent with ContentSid', () => {
	let standIn: TestStandIn;

	beforeAll(async () => {
		standIn = await startTestStandIn();
	});
	afterAll(() => standIn.dispose());

	const createTemplate = (body: Record<string, unknown>) => standIn.client.content.v1.contents.create(contentBody(body));

	it('creates, fetches and lists a twilio/text template', async () => {
		const created = await createTemplate({
			friendly_name: 'lembrete_reuniao',
			language: 'pt_BR',
			variables: { '1': 'cliente', '2': 'amanhã' },
			types: { 'twilio/text': { body: 'Olá {{1}}, sua reunião é {{2}}.' } },
		});
		expect(created.sid).toMatch(/^HX[0-9a-f]{32}$/);
		expect(created).toMatchObject({
			friendlyName: 'lembrete_reuniao',
			language: 'pt_BR',
			variables: { '1': 'cliente', '2': 'amanhã' },
			types: { 'twilio/text': { body: 'Olá {{1}}, sua reunião é {{2}}.' } },
			url: `https://content.twilio.com/v1/Content/${created.sid}`,
		});
		expect(created.dateCreated).toBeInstanceOf(Date);
		expect((await standIn.client.content.v1.contents(created.sid).fetch()).friendlyName).toBe('lembrete_reuniao');
		expect((await standIn.client.content.v1.contents.list()).map((c) => c.sid)).toContain(created.sid);
	});

	it('renders ContentVariables into the message body, falling back to the template defaults', async () => {
		const template = await createTemplate({
			friendly_name: 'confirmacao',
			language: 'pt_BR',
			variables: { '1': 'cliente', '2': 'amanhã' },
			types: { 'twilio/text': { body: 'Olá {{1}}, sua reunião é {{2}}.' } },
		});
		const full = await standIn.client.messages.create({ to: ANA, from: BOT, contentSid: template.sid, contentVariables: JSON.stringify({ 1: 'Ana', 2: 'hoje às 15h' }) });
		expect(full.body).toBe('Olá Ana, sua reunião é hoje às 15h.');
		const partial = await standIn.client.messages.create({ to: ANA, from: BOT, contentSid: template.sid, contentVariables: '{"1":"Ana"}' });
		expect(partial.body).toBe('Olá Ana, sua reunião é amanhã.');
		expect((await standIn.client.messages(full.sid).fetch()).body).toBe(full.body);
	});

	it('keeps quick-reply buttons retrievable from the stand-in’s rendered view', async () => {
		const template = await createTemplate({
			friendly_name: 'confirmar_tarefa',
			language: 'pt_BR',
			types: {
				'twilio/quick-reply': {
					body: 'Criar a tarefa "{{1}}"?',
					actions: [
						{ title: 'Sim', id: 'task_yes_{{2}}' },
						{ title: 'Não', id: 'task_no_{{2}}' },
					],
				},
				'twilio/text': { body: 'Criar a tarefa "{{1}}"? Responda sim ou não.' },
			},
		});
		const sent = await standIn.client.messages.create({ to: ANA, from: BOT, contentSid: template.sid, contentVariables: '{"1":"Ligar para o contador","2":"42"}' });
		expect(sent.body).toBe('Criar a tarefa "Ligar para o contador"?');
		const view = await standIn.api('GET', `/standin/v1/Messages/${sent.sid}`);
		expect(view).toEqual({
			status: 200,
			body: expect.objectContaining({
				sid: sent.sid,
				content_sid: template.sid,
				content_type: 'twilio/quick-reply',
				body: 'Criar a tarefa "Ligar para o contador"?',
				actions: [
					{ title: 'Sim', id: 'task_yes_42' },
					{ title: 'Não', id: 'task_no_42' },
				],
				variables: { '1': 'Ligar para o contador', '2': '42' },
			}),
		});
		// An SMS recipient gets the plain-text type of the same template.
		const sms = await standIn.client.messages.create({ to: '+5511987654321', from: '+5511900000000', contentSid: template.sid, contentVariables: '{"1":"X","2":"1"}' });
		expect(sms.body).toBe('Criar a tarefa "X"? Responda sim ou não.');
	});

	it('sends a twilio/media template with its media', async () => {
		const template = await createTemplate({
			language: 'pt_BR',
			types: { 'twilio/media': { body: 'Seu relatório de {{1}}', media: ['https://cdn.beststag.test/relatorios/{{1}}.pdf'] } },
		});
		const sent = await standIn.client.messages.create({ to: ANA, from: BOT, contentSid: template.sid, contentVariables: '{"1":"maio"}' });
		expect(sent).toMatchObject({ body: 'Seu relatório de maio', numMedia: '1' });
		const view = await standIn.api('GET', `/standin/v1/Messages/${sent.sid}`);
		expect(view.body.media).toEqual(['https://cdn.beststag.test/relatorios/maio.pdf']);
	});

	it('refuses bad ContentVariables with 21656', async () => {
		const template = await createTemplate({ language: 'pt_BR', types: { 'twilio/text': { body: 'Oi {{1}}' } } });
		for (const contentVariables of ['not json', '["a"]', '{"1":""}', '{}']) {
			const error = await restError(standIn.client.messages.create({ to: ANA, from: BOT, contentSid: template.sid, contentVariables }));
			expect(error).toMatchObject({ status: 400, code: 21656 });
		}
	});

	it('refuses malformed templates with a hint, including the camelCase names the client’s types suggest', async () => {
		const camel = await restError(createTemplate({ language: 'pt_BR', types: { twilioText: { body: 'x' } } }));
		expect(camel).toMatchObject({ status: 400, code: 70002 });
		expect(camel.message).toContain('"twilio/text"');
		const friendly = await restError(createTemplate({ friendlyName: 'x', language: 'pt_BR', types: { 'twilio/text': { body: 'x' } } }));
		expect(friendly.message).toContain('friendly_name');
		const buttons = Array.from({ length: 4 }, (_, i) => ({ title: `B${i}`, id: `b${i}` }));
		const tooMany = await restError(createTemplate({ language: 'pt_BR', types: { 'twilio/quick-reply': { body: 'x', actions: buttons } } }));
		expect(tooMany.message).toContain('1 to 3 buttons');
		expect((await restError(createTemplate({ types: { 'twilio/text': { body: 'x' } } }))).message).toContain('language');
	});

	it('approves WhatsApp templates through ApprovalRequests, and lists them with ContentAndApprovals', async () => {
		const template = await createTemplate({ friendly_name: 'bom_dia', language: 'pt_BR', types: { 'twilio/text': { body: 'Bom dia, {{1}}!' } } });
		const context = standIn.client.content.v1.contents(template.sid);
		expect(await context.approvalFetch().fetch()).toMatchObject({ sid: template.sid, whatsapp: {} });
		const request = await context.approvalCreate.create({ name: 'bom_dia', category: 'UTILITY' });
		expect(request).toMatchObject({ name: 'bom_dia', category: 'UTILITY', status: 'received', contentType: 'twilio/text' });
		expect((await context.approvalFetch().fetch()).whatsapp).toMatchObject({ name: 'bom_dia', status: 'approved', category: 'UTILITY' });
		const listed = await standIn.client.content.v1.contentAndApprovals.list();
		expect(listed.find((c) => c.sid === template.sid)?.approvalRequests).toMatchObject({ status: 'approved', name: 'bom_dia' });
		expect((await restError(context.approvalCreate.create({ name: 'Bom Dia!', category: 'UTILITY' }))).code).toBe(70002);
	});

	it('deletes a template; a message naming it then gets 21655, a fetch 20404', async () => {
		const template = await createTemplate({ language: 'pt_BR', types: { 'twilio/text': { body: 'tchau' } } });
		expect(await standIn.client.content.v1.contents(template.sid).remove()).toBe(true);
		expect(await restError(standIn.client.content.v1.contents(template.sid).fetch())).toMatchObject({ status: 404, code: 20404 });
		expect(await restError(standIn.client.messages.create({ to: ANA, from: BOT, contentSid: template.sid }))).toMatchObject({ code: 21655 });
	});

	it('pages the Content list through meta.next_page_url', async () => {
		const all = await standIn.client.content.v1.contents.list();
		const paged = await standIn.client.content.v1.contents.list({ pageSize: 2 });
		expect(paged.map((c) => c.sid)).toEqual(all.map((c) => c.sid));
		const page = await standIn.api('GET', '/v1/Content?PageSize=2');
		expect(page.body.meta).toMatchObject({ key: 'contents', page: 0, page_size: 2, next_page_url: expect.stringMatching(/^https:\/\/content\.twilio\.com\/v1\/Content\?PageSize=2&Page=1&PageToken=PAHX/) });
	});
});
