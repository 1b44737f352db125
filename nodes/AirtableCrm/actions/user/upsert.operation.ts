import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LOCALES, OPT_IN_STATUSES, ROLES } from '../../../../airtable-schema/tables/users';
import { userFields } from '../../../../core/airtable/crm';
import { additional } from '../../helpers/context';
import { choices, forOperation, phoneProperty } from '../../helpers/properties';
import { writeItems } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('user', 'upsert', [
	phoneProperty('The user\'s phone: finds the user, or creates one. Any format; stored as E.164 (+5511987654321).'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Digest Time', name: 'digestTime', type: 'string', default: '', placeholder: '07:30', description: 'Local time of the daily digest, HH:MM' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Last Inbound At', name: 'lastInboundAt', type: 'string', default: '', description: "The user's last message (starts WhatsApp's 24-hour window), ISO 8601" },
			{ displayName: 'Locale', name: 'locale', type: 'options', options: choices(LOCALES), default: 'pt-BR' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Opt-in Status', name: 'optInStatus', type: 'options', options: choices(OPT_IN_STATUSES), default: 'opted_in', description: 'Setting it stamps Opted In At or Opted Out At' },
			{ displayName: 'Quiet Hours', name: 'quietHours', type: 'string', default: '', placeholder: '22:00-07:00', description: 'Local hours without reminders, HH:MM-HH:MM or off (blank: the default)' },
			{ displayName: 'Role', name: 'role', type: 'options', options: choices(ROLES), default: 'user' },
			{ displayName: 'Timezone', name: 'timezone', type: 'string', default: '', placeholder: 'America/Sao_Paulo', description: 'IANA time zone' },
			{ displayName: 'WhatsApp ID', name: 'whatsappId', type: 'string', default: '', description: 'The WaId Twilio reports' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	const now = new Date();
	return writeItems(this, gateway, (i) => ({
		table: 'Users',
		mode: 'upsert',
		mergeOn: ['Phone'],
		fields: userFields({ phone: this.getNodeParameter('phone', i), ...additional(this, 'additionalFields', i) }, now),
	}));
}
