/**
 * The values BestStag's single-select fields allow: the domain's vocabulary, checked here before any
 * write. airtable-schema/tables builds the base's select fields from these lists (it may import core;
 * core never imports the schema), so the base and the checks cannot disagree.
 */
export const TASK_STATUSES = ['todo', 'doing', 'done'] as const;
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TASK_SOURCES = ['whatsapp', 'email', 'calendar', 'portal'] as const;

export const ROLES = ['user', 'consultant', 'manager', 'admin'] as const;
export const OPT_IN_STATUSES = ['pending', 'opted_in', 'opted_out'] as const;
/** LGPD consent to store and use the user's data: asked on first contact, nothing else is stored before accepted. */
export const CONSENT_STATUSES = ['pending', 'accepted', 'declined'] as const;
export const LOCALES = ['pt-BR', 'en'] as const;
export const DEFAULT_TIMEZONE = 'America/Sao_Paulo';

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export const MESSAGE_STATUSES = ['received', 'queued', 'sent', 'delivered', 'read', 'failed', 'undelivered'] as const;

/** A reminder's life: scheduled → sending (claimed by one scheduler run) → sent → done; skipped when the user opted out. */
export const REMINDER_STATUSES = ['scheduled', 'sending', 'sent', 'done', 'skipped', 'cancelled', 'failed'] as const;
/** What Twilio's status callbacks report for the reminder's message. */
export const REMINDER_DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed', 'undelivered'] as const;

export const CALENDAR_PROVIDERS = ['google', 'microsoft'] as const;
export const EVENT_STATUSES = ['confirmed', 'tentative', 'cancelled'] as const;

export const EMAIL_CATEGORIES = ['urgent', 'action', 'fyi', 'newsletter', 'promotion', 'spam'] as const;
export const EMAIL_PRIORITIES = ['high', 'medium', 'low'] as const;

export const LEAD_TEMPERATURES = ['hot', 'warm', 'cold'] as const;
export const LEAD_STAGES = ['new', 'contacted', 'qualified', 'proposal', 'won', 'lost'] as const;
