import { crmAccess } from '../../../../../nodes/AirtableCrm/helpers/context';
import { AirtableGateway } from '../../../../../nodes/AirtableCrm/transport/request';
import { mockExecuteContext } from '../../../../support/execute-context';

describe('crmAccess', () => {
	it("reads the node's credential once for both the base and the gateway (each read is a database read and a decryption in n8n)", async () => {
		const { ctx, credentialReads } = mockExecuteContext({
			credentials: { airtableCrmApi: { accessToken: 'patExample.0123456789abcdef', baseId: 'appBase0000000001', endpointUrl: 'http://127.0.0.1:1' } },
		});
		const { baseId, gateway } = await crmAccess(ctx);
		expect(baseId).toBe('appBase0000000001');
		expect(gateway).toBeInstanceOf(AirtableGateway);
		expect(credentialReads).toEqual(['airtableCrmApi']);
	});
});
