import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../helpers/properties';
import * as erase from './erase.operation';
import * as exportData from './export.operation';
import * as get from './get.operation';
import * as privacyChoice from './privacyChoice.operation';
import * as upsert from './upsert.operation';

export { erase, exportData as export, get, privacyChoice, upsert };

export const description: INodeProperties[] = [
	operationProperty(
		'user',
		[
			{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update a user' },
			{ name: 'Get', value: 'get', description: 'Read a user by phone with their open tasks and open hand-offs; creates nothing', action: 'Get a user' },
			{ name: 'Erase All Data', value: 'erase', description: 'LGPD erasure: delete the user\'s data in every table and the data path, keep one anonymous AuditLog entry', action: 'Erase a user\'s data' },
			{ name: 'Export Data', value: 'export', description: 'LGPD access: what is stored about the user, ready to send on WhatsApp', action: 'Export a user\'s data' },
			{ name: 'Record Privacy Choice', value: 'privacyChoice', description: 'Consent shown, accepted or declined; opted out or back in (with its AuditLog entry)', action: 'Record a user\'s privacy choice' },
		],
		'upsert',
	),
	...upsert.description,
	...get.description,
	...privacyChoice.description,
	...exportData.description,
	...erase.description,
];
