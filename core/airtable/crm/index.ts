/** Typed inputs → Airtable fields and formulas for the BestStag base. Pure: no I/O, no n8n. */
export * from './choices';
export { CrmInputError } from './input-error';
export { userFields, type UserInput } from './users';
export { awaitsDeliveryStatus, filesUntrackedStatus, laterStatus, REPLY_STATUS_HOLD_MS, messageFields, UNTRACKED_MESSAGE_POLICIES, type MessageInput, type UntrackedMessagePolicy } from './messages';
export { attachmentsText } from './attachments';
export { newTaskFields, openTaskByTitleFormula, REOPEN_STATUSES, reopenTaskFields, requireTaskKey, taskByKeyFormula, taskChangeFields, taskListFormula, TASK_LIST_FILTERS, type TaskChanges, type TaskInput, type TaskListFilter } from './tasks';
export { newReminderFields, remindersDueFormula, type ReminderInput } from './reminders';
export { EMAIL_KEY, EVENT_KEY, emailFields, eventFields, type EmailInput, type EventInput } from './calendar-email';
export { closeHandoffFields, handoffReference, LEAD_KEY, leadFields, openHandoffFields, type HandoffInput, type LeadInput } from './handoffs-leads';
export { findByFieldsFormula, type Criterion, type SearchableSchema } from './find';
export { anonymisedAuditFields, DATA_PATH_TABLES, erasureAuditFields, erasurePlan, phoneDigitForms, PRIVACY_CHOICES, privacyAuditFields, privacyChoiceFields, type ErasureStep, type PrivacyChoice } from './privacy';
