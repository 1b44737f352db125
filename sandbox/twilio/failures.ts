import { TWILIO_ERRORS } from '../../core/limits/twilio';
import { bareNumber, parseAddress } from './addresses';
import type { Fate } from './model';

/**
 * Failure injection: rules that make messages to a recipient end failed or undelivered with a Twilio
 * error code, as the real delivery would report it (asynchronously, through status and callbacks).
 * 63016 ("outside the allowed window") spares approved WhatsApp templates, exactly as WhatsApp's
 * 24-hour rule does, so a test can check that the assistant falls back to a template.
 */

export interface FailureRule {
	/** "whatsapp:+55…" matches that channel only; "+55…" matches the number on any channel; "*" matches everyone. */
	to: string;
	errorCode: number;
	/** Default: per code (see ERRORS); failed for codes the table does not know. */
	status?: 'failed' | 'undelivered';
}

const OUTSIDE_WINDOW = TWILIO_ERRORS.outsideWindow;

const ERRORS: Record<number, { message: string; status: 'failed' | 'undelivered' }> = {
	[OUTSIDE_WINDOW]: {
		message: 'Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.',
		status: 'failed',
	},
	63003: { message: 'Channel could not find To address', status: 'failed' },
	63024: { message: 'Invalid message recipient', status: 'failed' },
	63049: { message: 'Meta chose not to deliver this WhatsApp marketing message', status: 'failed' },
	21610: { message: 'Attempt to send to unsubscribed recipient', status: 'failed' },
	30003: { message: 'Unreachable destination handset', status: 'undelivered' },
	30005: { message: 'Unknown destination handset', status: 'undelivered' },
	30006: { message: 'Landline or unreachable carrier', status: 'undelivered' },
	30007: { message: 'Message filtered', status: 'undelivered' },
	30008: { message: 'Unknown error', status: 'undelivered' },
};

export function errorMessageFor(code: number): string {
	return ERRORS[code]?.message ?? `Delivery failed with error ${code} (injected by the Twilio stand-in's failure rules).`;
}

/** Checks rules from options, env or the admin endpoint; the message says which rule is wrong and why. */
export function checkFailureRules(rules: unknown): FailureRule[] {
	if (!Array.isArray(rules)) throw new Error('Failure rules must be a list of {to, errorCode, status?}.');
	return rules.map((rule: unknown, index) => {
		const where = `Failure rule ${index + 1}`;
		if (typeof rule !== 'object' || rule === null) throw new Error(`${where} must be an object {to, errorCode, status?}.`);
		const { to, errorCode, status } = rule as Record<string, unknown>;
		if (typeof to !== 'string' || (to !== '*' && !parseAddress(to))) {
			throw new Error(`${where}: "to" must be "*", an E.164 number or "whatsapp:<E.164>", got ${JSON.stringify(to)}.`);
		}
		if (!Number.isInteger(errorCode) || (errorCode as number) <= 0) {
			throw new Error(`${where}: "errorCode" must be a positive whole number (a Twilio error code such as 63016), got ${JSON.stringify(errorCode)}.`);
		}
		if (status !== undefined && status !== 'failed' && status !== 'undelivered') {
			throw new Error(`${where}: "status" must be "failed" or "undelivered", got ${JSON.stringify(status)}.`);
		}
		const checked: FailureRule = { to: to === '*' ? to : (parseAddress(to)?.address ?? to), errorCode: errorCode as number };
		if (status !== undefined) checked.status = status;
		return checked;
	});
}

/** TWILIO_STANDIN_FAILURES: comma-separated "to=code" or "to=code:status", e.g. "whatsapp:+5511900000009=63016". */
export function parseFailuresEnv(text: string | undefined): FailureRule[] {
	if (text === undefined || text.trim() === '') return [];
	return checkFailureRules(
		text.split(',').map((entry) => {
			const match = /^\s*(.+?)=(\d+)(?::(failed|undelivered))?\s*$/.exec(entry);
			if (!match) throw new Error(`TWILIO_STANDIN_FAILURES entry "${entry}" is not "to=code" or "to=code:failed|undelivered".`);
			return { to: match[1], errorCode: Number(match[2]), ...(match[3] ? { status: match[3] } : {}) };
		}),
	);
}

function matches(rule: FailureRule, to: string): boolean {
	if (rule.to === '*') return true;
	return rule.to.startsWith('whatsapp:') ? rule.to === to : rule.to === bareNumber(to);
}

/** The rules the stand-in runs with; the admin endpoint can replace them while it runs. */
export class FailureRules {
	private rules: FailureRule[];

	constructor(rules: FailureRule[]) {
		this.rules = rules;
	}

	list(): FailureRule[] {
		return this.rules.map((rule) => ({ ...rule }));
	}

	replace(rules: FailureRule[]): void {
		this.rules = rules;
	}

	/** How a new message to `to` will end. The first matching rule wins. */
	fateFor(to: string, approvedTemplate: boolean): Fate {
		const rule = this.rules.find((r) => matches(r, to) && !(r.errorCode === OUTSIDE_WINDOW && approvedTemplate));
		if (!rule) return { status: 'delivered' };
		return { status: rule.status ?? ERRORS[rule.errorCode]?.status ?? 'failed', errorCode: rule.errorCode };
	}
}
