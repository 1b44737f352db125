import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** Anthropic for the Intent Classifier's LLM engine; the base URL lets the sandbox use its stand-in. */
export class BestStagAnthropicApi implements ICredentialType {
	name = 'bestStagAnthropicApi';

	displayName = 'BestStag Anthropic API';

	icon = { light: 'file:../icons/anthropic.svg', dark: 'file:../icons/anthropic.dark.svg' } as const;

	documentationUrl = 'https://docs.anthropic.com/en/api/getting-started';

	properties: INodeProperties[] = [
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, required: true, default: '' },
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.anthropic.com',
			description: 'Leave blank for Anthropic itself. The BestStag sandbox sets its local stand-in here.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'x-api-key': '={{$credentials.apiKey}}', 'anthropic-version': '2023-06-01' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.anthropic.com"}}',
			url: '/v1/models',
		},
	};
}
