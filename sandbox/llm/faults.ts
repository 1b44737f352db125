/**
 * Failure injection, so tests can see the real SDKs meet a 429, a 5xx, a slow answer or a bad answer.
 * A fault comes from the request's x-standin-fault header, else from the queue (one per request), else from
 * the standing fault set at start or with set().
 */

export type StandInFault =
	/** 429 in the service's shape, with retry-after (default 1 s). */
	| { type: 'rate_limit'; retryAfterSeconds?: number }
	/** 500. */
	| { type: 'server_error' }
	/** OpenAI 503 / Anthropic 529, each service's "overloaded". */
	| { type: 'overloaded' }
	/** Waits, then answers normally (or not at all, if the client gave up first). */
	| { type: 'delay'; ms: number }
	/** Answers exactly this as the structured output, enum or not: a misbehaving model. */
	| { type: 'answer'; value: unknown };

export const FAULT_HEADER = 'x-standin-fault';

const FORMS = 'rate_limit[=<seconds>], server_error, overloaded, delay=<ms>, answer=<label or JSON>';

/** Reads a header value such as "rate_limit=2", "delay=3000" or "answer=pay_bill". */
export function parseFault(text: string): StandInFault {
	const [name, ...rest] = text.trim().split('=');
	const arg = rest.join('=');
	switch (name) {
		case 'rate_limit': {
			const seconds = arg === '' ? undefined : Number(arg);
			if (seconds !== undefined && !(Number.isInteger(seconds) && seconds >= 0)) break;
			return { type: 'rate_limit', retryAfterSeconds: seconds };
		}
		case 'server_error':
		case 'overloaded':
			if (arg !== '') break;
			return { type: name };
		case 'delay': {
			const ms = Number(arg);
			if (arg === '' || !Number.isInteger(ms) || ms < 0) break;
			return { type: 'delay', ms };
		}
		case 'answer':
			if (arg === '') break;
			// JSON when it reads as JSON (an object, a list, a quoted string, null, true, false, a number); else a label.
			if (/^[{["]/.test(arg) || /^(null|true|false|-?\d+(\.\d+)?([eE][+-]?\d+)?)$/.test(arg)) {
				try {
					return { type: 'answer', value: JSON.parse(arg) as unknown };
				} catch {
					break;
				}
			}
			return { type: 'answer', value: { intent: arg, confidence: 0.9 } };
	}
	throw new Error(`Unknown ${FAULT_HEADER} "${text}": use one of ${FORMS}.`);
}

export class FaultSchedule {
	private readonly queue: StandInFault[] = [];

	constructor(private standing?: StandInFault) {}

	/** The next `times` requests get this fault (default 1), before any standing fault. */
	inject(fault: StandInFault, times = 1): void {
		for (let i = 0; i < times; i++) this.queue.push(fault);
	}

	/** Every request gets this fault from now on; undefined stops it. */
	set(fault: StandInFault | undefined): void {
		this.standing = fault;
	}

	clear(): void {
		this.queue.length = 0;
		this.standing = undefined;
	}

	next(): StandInFault | undefined {
		return this.queue.shift() ?? this.standing;
	}
}

/** The inverse of parseFault(): the header (or *_STANDIN_FAULT) text for a fault. */
export function formatFault(fault: StandInFault): string {
	switch (fault.type) {
		case 'rate_limit':
			return fault.retryAfterSeconds === undefined ? 'rate_limit' : `rate_limit=${fault.retryAfterSeconds}`;
		case 'delay':
			return `delay=${fault.ms}`;
		case 'answer':
			return `answer=${JSON.stringify(fault.value)}`;
		default:
			return fault.type;
	}
}
