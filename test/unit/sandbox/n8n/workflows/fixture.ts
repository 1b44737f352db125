import { join } from 'node:path';

import { parseChangelog } from '../../../../../sandbox/n8n/workflows/changelog';
import { loadNodeTypes, type NodeTypeRegistry } from '../../../../../sandbox/n8n/workflows/node-types';
import { normalizeWorkflow, serializeWorkflow } from '../../../../../sandbox/n8n/workflows/normalize';
import type { WorkflowJson } from '../../../../../sandbox/n8n/workflows/workflow-json';

export const ROOT = join(__dirname, '..', '..', '..', '..', '..');

let types: NodeTypeRegistry | undefined;

/** This package's node types from its sources (never a stale build), with n8n-nodes-base's. */
export function nodeTypes(): NodeTypeRegistry {
	types ??= loadNodeTypes({ projectRoot: ROOT, from: 'source' });
	return types;
}

const TWILIO = { twilioWhatsAppApi: { id: 'bsTwilioSandbox1', name: 'BestStag Twilio WhatsApp (sandbox)' } };

/** A small valid turn: trigger → classifier (2 intents + Fallback) → one reply, with a sticky note. */
export function fixture(): WorkflowJson {
	return {
		id: 'bsTestFixture001',
		name: 'Test · fixture',
		active: false,
		nodes: [
			{
				id: 'f0000000-0000-4000-8000-000000000001',
				name: 'Inbound',
				type: 'n8n-nodes-beststag.whatsAppTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'f0000000-0000-4000-8000-0000000000aa',
				parameters: { path: 'test/inbound' },
				credentials: structuredClone(TWILIO),
			},
			{
				id: 'f0000000-0000-4000-8000-000000000002',
				name: 'Understand',
				type: 'n8n-nodes-beststag.intentClassifier',
				typeVersion: 1,
				position: [220, 0],
				parameters: { intents: ['greeting', 'help'] },
			},
			{
				id: 'f0000000-0000-4000-8000-000000000003',
				name: 'Reply',
				type: 'n8n-nodes-beststag.whatsAppSend',
				typeVersion: 1,
				position: [440, 0],
				parameters: { text: 'Oi!' },
				credentials: structuredClone(TWILIO),
			},
			{
				id: 'f0000000-0000-4000-8000-000000000004',
				name: 'Receive',
				type: 'n8n-nodes-base.stickyNote',
				typeVersion: 1,
				position: [0, -200],
				parameters: { content: '## Receive\nThe sender arrives as whatsapp:+55 11 9XXXX-XXXX (E.164).' },
			},
		],
		connections: {
			Inbound: { main: [[{ node: 'Understand', type: 'main', index: 0 }]] },
			Understand: {
				main: [[{ node: 'Reply', type: 'main', index: 0 }], [{ node: 'Reply', type: 'main', index: 0 }], [{ node: 'Reply', type: 'main', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
		meta: { beststag: { version: '1.0.0' } },
	};
}

export const CHANGELOG = parseChangelog('## `fixture.json`\n### 1.1.0\n- Newer.\n### 1.0.0\n- First.\n');

/** The fixture's file text, normalized. */
export const fixtureText = (workflow: WorkflowJson = fixture()) => serializeWorkflow(normalizeWorkflow(workflow, nodeTypes()).workflow);
