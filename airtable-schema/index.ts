import { auditLog } from './tables/audit-log';
import { digests } from './tables/digests';
import { emails } from './tables/emails';
import { events } from './tables/events';
import { handoffs } from './tables/handoffs';
import { leads } from './tables/leads';
import { messages } from './tables/messages';
import { reminders } from './tables/reminders';
import { syncLog } from './tables/sync-log';
import { tasks } from './tables/tasks';
import { users } from './tables/users';
import type { BaseSchema } from './types';

export type { BaseSchema, FieldSpec, FieldType, TableSpec } from './types';

/** The BestStag base. Tables are in dependency order: a link points to an earlier table or itself. */
export const BESTSTAG_SCHEMA: BaseSchema = {
	version: 1,
	tables: [users, messages, tasks, reminders, events, emails, digests, leads, handoffs, syncLog, auditLog],
};
