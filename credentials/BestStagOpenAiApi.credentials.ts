import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** OpenAI for the Intent Classifier's LLM engine and the Transcribe Voice Note node; the base URL lets the sandbox use its stand-in. */
export class BestStagOpenAiApi implements ICredentialType {
	name = 'bestStagOpenAiApi';

	displayName = 'BestStag OpenAI API';

	icon = { light: 'file:../icons/openai.svg', dark: 'file:../icons/openai.dark.svg' } as const;

	documentationUrl = 'https://platform.openai.com/docs/api-reference/authentication';

	properties: INodeProperties[] = [
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, required: true, default: '' },
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.openai.com/v1',
			description: 'Leave blank for OpenAI itself. The BestStag sandbox sets its local stand-in here.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.openai.com/v1"}}',
			url: '/models',
		},
	};
}
