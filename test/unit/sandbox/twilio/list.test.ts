import { ACCOUNT_SID, ANA, BOT, BRUNO, startTestStandIn, waitForStatus, type TestStandIn } from './helpers';

describe('Messages list: filters, newest first, and Twilio paging', () => {
	let standIn: TestStandIn;
	/** SIDs in the order they were sent. */
	const toAna: string[] = [];
	let toBruno: string;

	beforeAll(async () => {
		standIn = await startTestStandIn({ statusDelayMs: 5 });
		for (let i = 1; i <= 5; i++) toAna.push((await standIn.client.messages.create({ to: ANA, from: BOT, body: `Ana ${i}` })).sid);
		toBruno = (await standIn.client.messages.create({ to: BRUNO, from: BOT, body: 'Bruno 1' })).sid;
		for (const sid of [...toAna, toBruno]) await waitForStatus(standIn.client, sid, 'delivered');
	});
	afterAll(() => standIn.dispose());

	it('filters by To and From and lists newest first, as Twilio does', async () => {
		const ana = await standIn.client.messages.list({ to: ANA });
		expect(ana.map((m) => m.sid)).toEqual([...toAna].reverse());
		expect((await standIn.client.messages.list({ to: BRUNO })).map((m) => m.body)).toEqual(['Bruno 1']);
		expect(await standIn.client.messages.list({ from: BOT })).toHaveLength(6);
		expect(await standIn.client.messages.list({ from: ANA })).toEqual([]);
	});

	it('follows next_page_uri across pages with pageSize and honours limit', async () => {
		// list() walks pages through the client's own nextPage(), i.e. through next_page_uri.
		expect((await standIn.client.messages.list({ to: ANA, pageSize: 2 })).map((m) => m.sid)).toEqual([...toAna].reverse());
		expect((await standIn.client.messages.list({ to: ANA, limit: 3 })).map((m) => m.body)).toEqual(['Ana 5', 'Ana 4', 'Ana 3']);
	});

	it('returns Twilio’s page JSON shape, with a previous page that goes back', async () => {
		const first = await standIn.client.messages.page({ to: ANA, pageSize: 2 });
		expect(first.instances.map((m) => m.body)).toEqual(['Ana 5', 'Ana 4']);
		const raw = await standIn.api('GET', `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?To=${encodeURIComponent(ANA)}&PageSize=2`);
		expect(raw.body).toMatchObject({
			first_page_uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?To=whatsapp%3A%2B5511987654321&PageSize=2&Page=0`,
			next_page_uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?To=whatsapp%3A%2B5511987654321&PageSize=2&Page=1&PageToken=PA${toAna[3]}`,
			previous_page_uri: null,
			page: 0,
			page_size: 2,
			start: 0,
			end: 1,
			uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?To=whatsapp%3A%2B5511987654321&PageSize=2&Page=0`,
		});
		expect(raw.body.messages).toHaveLength(2);

		const second = await first.nextPage();
		expect(second?.instances.map((m) => m.body)).toEqual(['Ana 3', 'Ana 2']);
		const third = await second?.nextPage();
		expect(third?.instances.map((m) => m.body)).toEqual(['Ana 1']);
		expect(third?.nextPageUrl).toBeUndefined();
		const back = await third?.previousPage();
		expect(back?.instances.map((m) => m.body)).toEqual(['Ana 3', 'Ana 2']);
	});

	it('keeps a page stable while new messages arrive (PageToken continues after a SID)', async () => {
		const first = await standIn.client.messages.page({ to: ANA, pageSize: 2 });
		const newer = await standIn.client.messages.create({ to: ANA, from: BOT, body: 'Ana 6' });
		try {
			expect((await first.nextPage())?.instances.map((m) => m.body)).toEqual(['Ana 3', 'Ana 2']);
		} finally {
			await standIn.client.messages(newer.sid).remove();
		}
	});

	it('filters by DateSent (a UTC day) and by DateSent< / DateSent>', async () => {
		// The day the messages were sent, not the test's clock, so a run across UTC midnight still passes.
		const today = (await standIn.client.messages(toAna[0]).fetch()).dateSent;
		const yesterday = new Date(today.getTime() - 24 * 60 * 60 * 1000);
		expect(await standIn.client.messages.list({ to: ANA, dateSent: today })).toHaveLength(5);
		expect(await standIn.client.messages.list({ to: ANA, dateSent: yesterday })).toEqual([]);
		expect(await standIn.client.messages.list({ to: ANA, dateSentAfter: yesterday })).toHaveLength(5);
		expect(await standIn.client.messages.list({ to: ANA, dateSentBefore: yesterday })).toEqual([]);
		const day = today.toISOString().slice(0, 10);
		const raw = await standIn.api('GET', `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?DateSent=${day}&To=${encodeURIComponent(BRUNO)}`);
		expect(raw.body.messages.map((m: { sid: string }) => m.sid)).toEqual([toBruno]);
		const bad = await standIn.api('GET', `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?DateSent=yesterday`);
		expect(bad).toMatchObject({ status: 400, body: { code: 70002 } });
	});
});
