import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** A Twilio account that sends and receives WhatsApp; the base URL lets the sandbox use its stand-in. */
export class TwilioWhatsAppApi implements ICredentialType {
	name = 'twilioWhatsAppApi';

	displayName = 'BestStag Twilio WhatsApp API';

	icon = { light: 'file:../icons/twilio.svg', dark: 'file:../icons/twilio.dark.svg' } as const;

	documentationUrl = 'https://www.twilio.com/docs/whatsapp/api';

	properties: INodeProperties[] = [
		{ displayName: 'Account SID', name: 'accountSid', type: 'string', required: true, default: '', placeholder: 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Also checks the X-Twilio-Signature of incoming webhooks',
		},
		{
			displayName: 'API Key SID',
			name: 'apiKeySid',
			type: 'string',
			default: '',
			placeholder: 'SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			description: 'Optional: send with an API key instead of the Auth Token (the Auth Token still verifies webhooks)',
		},
		{ displayName: 'API Key Secret', name: 'apiKeySecret', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'WhatsApp Sender', name: 'from', type: 'string', default: '', placeholder: 'whatsapp:+14155238886', description: 'The WhatsApp number messages come from (or use a Messaging Service SID)' },
		{ displayName: 'Messaging Service SID', name: 'messagingServiceSid', type: 'string', default: '', placeholder: 'MGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.twilio.com',
			description: 'Leave blank for Twilio itself. The BestStag sandbox sets its local stand-in here.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { auth: { username: '={{$credentials.accountSid}}', password: '={{$credentials.authToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.twilio.com"}}',
			url: '=/2010-04-01/Accounts/{{$credentials.accountSid}}/Messages.json',
			qs: { PageSize: 1 },
		},
	};
}
