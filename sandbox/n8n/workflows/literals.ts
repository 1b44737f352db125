/**
 * Finds secrets and phone numbers written into a workflow as literals. Secrets belong in n8n
 * credentials; phone numbers are personal data and come from the item being handled. Pure.
 */

/** One kind of literal a workflow must not hold. */
interface LiteralRule {
	kind: 'secret' | 'phone';
	/** What the match looks like, for the message ("an OpenAI-style API key"). */
	what: string;
	pattern: RegExp;
}

const RULES: LiteralRule[] = [
	// https://platform.openai.com/docs/api-reference/authentication ; Anthropic keys start sk-ant-.
	{ kind: 'secret', what: 'an API key (sk-…, as OpenAI and Anthropic issue them)', pattern: /\bsk-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_-]{16,}/g },
	// https://airtable.com/developers/web/guides/personal-access-tokens : pat + 14 characters, a dot, 64 hex.
	{ kind: 'secret', what: 'an Airtable personal access token (pat…)', pattern: /\bpat[A-Za-z0-9]{14}\.[A-Fa-f0-9]{64}\b/g },
	{ kind: 'secret', what: 'an Airtable API key (key…)', pattern: /\bkey(?=[A-Za-z0-9]{0,13}\d)(?=[A-Za-z0-9]{0,13}[A-Z])[A-Za-z0-9]{14}\b/g },
	// https://www.twilio.com/docs/iam/api/account : Account SID AC + 32 hex; API key SID SK + 32 hex; auth token 32 hex.
	{ kind: 'secret', what: 'a Twilio Account SID (AC…)', pattern: /\bAC[a-f0-9]{32}\b/g },
	{ kind: 'secret', what: 'a Twilio API key SID (SK…)', pattern: /\bSK[a-f0-9]{32}\b/g },
	{ kind: 'secret', what: 'a Twilio auth token (32 hexadecimal characters)', pattern: /\b[a-f0-9]{32}\b/g },
	{ kind: 'secret', what: 'a Google API key (AIza…)', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
	{ kind: 'secret', what: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g },
	{ kind: 'secret', what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
	{ kind: 'secret', what: 'an AWS access key id', pattern: /\bAKIA[0-9A-Z]{16}\b/g },
	{ kind: 'secret', what: 'a Stripe key', pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g },
	{ kind: 'secret', what: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
	{ kind: 'secret', what: 'a private key', pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/g },
	{ kind: 'secret', what: 'a bearer token', pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{20,}=*/g },
	{ kind: 'secret', what: 'a password inside a URL (user:password@host)', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@{}]+:[^\s/@{}]+@/gi },
	{ kind: 'phone', what: 'a WhatsApp address (whatsapp:…)', pattern: /whatsapp:\+?\d[\d\s.()-]{6,}\d/gi },
	// E.164 (https://www.itu.int/rec/T-REC-E.164): + and up to 15 digits; people also write separators.
	{ kind: 'phone', what: 'a phone number (+country code…)', pattern: /(?<![\w+])\+\d(?:[\s.()-]{0,2}\d){7,14}(?![\d])/g },
	// Brazilian numbers in national format: (11) 91234-5678, 11 91234-5678, and 55 + area code + mobile.
	{ kind: 'phone', what: 'a Brazilian phone number', pattern: /\(\d{2}\)\s?9?\d{4}[-\s]?\d{4}(?!\d)/g },
	{ kind: 'phone', what: 'a Brazilian phone number', pattern: /(?<![\d+])\d{2}\s9\d{4}-\d{4}(?!\d)/g },
	{ kind: 'phone', what: 'a Brazilian mobile number', pattern: /(?<![\w+])55\d{2}9\d{8}(?!\d)/g },
];

export interface LiteralFinding {
	kind: 'secret' | 'phone';
	what: string;
	/** Where the string was: "parameters.text", "notes", "pinData". */
	path: string;
	/** The start of the match and its length, never the whole value (a finding is printed). */
	masked: string;
}

/** First three characters and the length: enough to find it in the file, not enough to leak it. */
export function mask(value: string): string {
	return `${value.slice(0, 3)}… (${value.length} characters)`;
}

/** Every secret or phone number in one string; overlapping matches of later rules are skipped. */
export function findLiterals(text: string, path: string): LiteralFinding[] {
	const findings: LiteralFinding[] = [];
	const taken: Array<[number, number]> = [];
	for (const rule of RULES) {
		for (const match of text.matchAll(rule.pattern)) {
			const start = match.index ?? 0;
			const end = start + match[0].length;
			if (taken.some(([s, e]) => start < e && end > s)) continue;
			taken.push([start, end]);
			findings.push({ kind: rule.kind, what: rule.what, path, masked: mask(match[0]) });
		}
	}
	return findings;
}

/** Every secret or phone number in the strings (values and keys) of a JSON value, with its path. */
export function findLiteralsDeep(value: unknown, path: string): LiteralFinding[] {
	if (typeof value === 'string') return findLiterals(value, path);
	if (Array.isArray(value)) return value.flatMap((v, i) => findLiteralsDeep(v, `${path}[${i}]`));
	if (typeof value === 'object' && value !== null) {
		return Object.entries(value).flatMap(([k, v]) => [...findLiterals(k, `${path} (key)`), ...findLiteralsDeep(v, `${path}.${k}`)]);
	}
	return [];
}
