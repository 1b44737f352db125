import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** A personal access token for the BestStag base; the endpoint URL lets the sandbox use its local store. */
export class AirtableCrmApi implements ICredentialType {
	name = 'airtableCrmApi';

	displayName = 'BestStag Airtable API';

	icon = { light: 'file:../icons/airtable.svg', dark: 'file:../icons/airtable.dark.svg' } as const;

	documentationUrl = 'https://airtable.com/developers/web/guides/personal-access-tokens';

	properties: INodeProperties[] = [
		{
			displayName: 'Personal Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Needs the scopes data.records:read and data.records:write on the BestStag base',
		},
		{
			displayName: 'Base ID',
			name: 'baseId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'appXXXXXXXXXXXXXX',
			description: 'The ID of the BestStag base (the app... part of its URL)',
		},
		{
			displayName: 'Endpoint URL',
			name: 'endpointUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.airtable.com',
			description: 'Leave blank for Airtable itself. The BestStag sandbox sets its local store here.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	// Reading one user proves the token, the base and the BestStag schema at once.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.endpointUrl ? $credentials.endpointUrl.replace(/\\/+$/, "") : "https://api.airtable.com"}}',
			url: '=/v0/{{$credentials.baseId}}/Users',
			qs: { maxRecords: 1 },
		},
	};
}
