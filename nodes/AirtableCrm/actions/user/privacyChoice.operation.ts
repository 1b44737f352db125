import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { PRIVACY_CHOICES, privacyAuditFields, privacyChoiceFields, type PrivacyChoice } from '../../../../core/airtable/crm';
import { phone as canonicalPhone } from '../../../../core/airtable/crm/values';
import { CONSENT_TEXT_VERSION } from '../../../../core/assistant/catalogue/privacy';
import { auditKeyFor } from '../../helpers/privacy';
import { choices, forOperation, phoneProperty } from '../../helpers/properties';
import { writeItems } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';

export const CHOICE_LABELS: Record<PrivacyChoice, string> = {
	consent_prompted: 'Consent Text Sent',
	consent_reminded: 'Consent Reminder Sent',
	consent_accepted: 'Consent Accepted',
	consent_declined: 'Consent Declined',
	opted_out: 'Opted Out (Stop Proactive Messages)',
	opted_in: 'Opted In Again ("Voltar")',
};

export const description: INodeProperties[] = forOperation('user', 'privacyChoice', [
	phoneProperty("The user's phone; the Users row keyed by it is created when missing. Any format; stored as E.164."),
	{
		displayName: 'Choice',
		name: 'choice',
		type: 'options',
		options: choices(PRIVACY_CHOICES, CHOICE_LABELS),
		default: 'consent_prompted',
		description:
			'What to record. Consent choices set Consent Status/At/Version (accepting also opts in); opt-out and opt-in set Opt-in Status and its time. Decisions (accepted, declined, opted out or in) also write an AuditLog entry. Usually the Decide output\'s choice.',
	},
	{
		displayName: 'Consent Version',
		name: 'consentVersion',
		type: 'string',
		default: CONSENT_TEXT_VERSION,
		description: 'The version of the consent text the user was shown or answered (the Decide output gives it)',
		displayOptions: { show: { choice: ['consent_prompted', 'consent_accepted', 'consent_declined'] } },
	},
]);

/**
 * Records a privacy choice on the Users row (upsert on Phone, nothing else of the user is written)
 * and, for a decision, its AuditLog entry (upsert on a key stable across retries).
 */
export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	const now = new Date();
	return writeItems(this, gateway, async (i) => {
		const phone = canonicalPhone(this.getNodeParameter('phone', i), 'Phone');
		const choice = this.getNodeParameter('choice', i) as PrivacyChoice;
		const version = this.getNodeParameter('consentVersion', i, '') as string;
		const fields = privacyChoiceFields(choice, version, now);
		const audit = privacyAuditFields(choice, phone, version, now, auditKeyFor(this, i, `${choice}|${phone}`));
		if (audit) {
			await gateway.call(
				{ method: 'PATCH', path: '/AuditLog', body: { performUpsert: { fieldsToMergeOn: ['Audit Key'] }, records: [{ fields: audit }], typecast: true } },
				{ table: 'AuditLog', fields: [audit] },
			);
		}
		return { table: 'Users', mode: 'upsert', mergeOn: ['Phone'], fields: { Phone: phone, ...fields } };
	});
}
