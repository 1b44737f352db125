/**
 * Turns a WhatsApp message into the tokens the classifier sees: folded case and accents, stretched letters
 * squeezed ("obrigadoooo"), laughter and emoji as marker tokens, digits as NUM, chat abbreviations spelled out.
 * Marker tokens are upper-case so they never collide with a (lower-cased) word.
 */

/** Messages are classified by their head: the intent is stated up front, and the cost stays flat on 10k-character pastes. */
export const MAX_CLASSIFIED_CHARS = 1000;

/** Emoji that carry intent, by what they mean in chat. Any other pictograph becomes EMO. */
const EMOJI_TOKENS: ReadonlyArray<readonly [string, RegExp]> = [
	['EMO_OK', /[👍👌🤙💪🆗🤝]/u],
	['EMO_THANKS', /[🙏]/u],
	['EMO_LAUGH', /[😂🤣😆😅😹]/u],
	['EMO_LOVE', /[❤♥💙💚💛💜🧡🖤🤍😍🥰😘]/u],
	['EMO_SMILE', /[😀😃😄😁😊🙂☺😉😎🤗]/u],
	['EMO_CLAP', /[👏🎉🥳🙌]/u],
	['EMO_WAVE', /[👋]/u],
	['EMO_SUN', /[☀🌞🌅🌄🌙🌛]/u],
	['EMO_CHECK', /[✅✔☑]/u],
	['EMO_CROSS', /[❌✖🚫⛔🛑]/u],
	['EMO_CALENDAR', /[📅📆🗓]/u],
	['EMO_ALARM', /[⏰⏲⌚⏱🔔]/u],
	['EMO_NOTE', /[📝✍📋📌🗒]/u],
	['EMO_MAIL', /[📧📩📨✉📬📥]/u],
	['EMO_HELP', /[🆘❓❔]/u],
	['EMO_THINK', /[🤔🧐]/u],
	['EMO_SAD', /[😢😭😞😔🙁☹😩😫]/u],
	['EMO_ANGRY', /[😡😠🤬😤]/u],
	['EMO_COFFEE', /[☕]/u],
];

const PICTOGRAPH = /\p{Extended_Pictographic}/u;
/** Variation selectors, joiners, keycaps and skin tones: noise around an emoji (an alternation, since a class with a joiner confuses readers and linters). */
const EMOJI_NOISE = /\u{FE0F}|\u{200D}|\u{20E3}|\p{Emoji_Modifier}/gu;

/** Chat spellings and abbreviations → the words the corpus mostly uses. Keys are folded (no accents). */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map(
	Object.entries({
		vc: 'voce', vcs: 'voces', voc: 'voce', ce: 'voce', oce: 'voce', u: 'you',
		pfv: 'por favor', pf: 'por favor', pfvr: 'por favor', pls: 'please', plz: 'please', plis: 'please',
		tb: 'tambem', tbm: 'tambem', tmb: 'tambem',
		q: 'que', oq: 'o que', oque: 'o que', qq: 'qualquer', ql: 'qual', qnd: 'quando', qdo: 'quando', qndo: 'quando',
		hj: 'hoje', hje: 'hoje', amnh: 'amanha', amn: 'amanha', amanh: 'amanha',
		blz: 'beleza', blza: 'beleza', vlw: 'valeu', vlww: 'valeu', vlws: 'valeu', tmj: 'tamo junto',
		obg: 'obrigado', obgd: 'obrigado', obgda: 'obrigada', brigado: 'obrigado', brigada: 'obrigada',
		thx: 'thanks', tks: 'thanks', ty: 'thanks',
		msg: 'mensagem', msgs: 'mensagens', pq: 'porque', cmg: 'comigo', ctg: 'contigo',
		td: 'tudo', tds: 'todos', mt: 'muito', mto: 'muito', mta: 'muita', mtt: 'muito', n: 'nao', nn: 'nao', naum: 'nao',
		eh: 'e', ta: 'esta', tah: 'esta', tou: 'estou', dps: 'depois', msm: 'mesmo', ngm: 'ninguem',
		// Not "pra"/"pro" → "para": "para" is also the verb in "para de mandar" (stop sending).
		fds: 'fim de semana', c: 'com', cm: 'com', p: 'pra',
		// Not "ter" (the verb) nor "todo" ("todo dia" is every day).
		seg: 'segunda', qua: 'quarta', qui: 'quinta', sex: 'sexta', sab: 'sabado', dom: 'domingo',
		min: 'minutos', mins: 'minutos', minuto: 'minutos', hr: 'horas', hrs: 'horas', hora: 'horas',
		emails: 'email', 'e-mail': 'email', 'e-mails': 'email', eml: 'email', emial: 'email', imail: 'email', emais: 'email',
		reunioes: 'reuniao', reuni: 'reuniao', reu: 'reuniao', add: 'adiciona', adc: 'adiciona',
		zap: 'whatsapp', wpp: 'whatsapp', agd: 'agenda', bdia: 'bom dia', bn: 'boa noite',
		flw: 'falou', abs: 'abraco', bjs: 'beijos', bj: 'beijo', vdd: 'verdade', ss: 'sim',
		xau: 'tchau', okk: 'ok', okay: 'ok', oki: 'ok', k: 'ok', 'to-do': 'to do',
	}),
);

function emojiToken(ch: string): string {
	for (const [token, re] of EMOJI_TOKENS) if (re.test(ch)) return token;
	return 'EMO';
}

/** kkkk, hahaha, rsrs, huehue, lol: the same chat signal, one token. */
const LAUGHTER = /^(?:k{3,}|kk|(?:ha){2,}h?|(?:he){2,}h?|(?:hu[e3]){2,}|(?:rs){2,}|rsrs\w*|lol|lmao|kkj\w*)$/;

/** Folds emoji to marker tokens and letters to lower-case ASCII. */
function fold(text: string): string {
	let out = '';
	for (const ch of text.replace(EMOJI_NOISE, '')) {
		if (PICTOGRAPH.test(ch)) {
			out += ` ${emojiToken(ch)} `;
			continue;
		}
		// NFKD splits accents off ("ç" → "c" + cedilla) so they can be dropped; "ª"/"º" become letters.
		out += ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
	}
	return out;
}

/** Normalised tokens of a message, in order. Never throws; an empty message gives []. */
export function tokenize(text: string): string[] {
	if (typeof text !== 'string') return [];
	const head = text.length > MAX_CLASSIFIED_CHARS ? text.slice(0, MAX_CLASSIFIED_CHARS) : text;
	const folded = fold(head);
	const tokens: string[] = [];
	// Words, emoji markers, and "?" (questions read differently from commands: "tenho reunião?" vs "marca reunião").
	for (const match of folded.matchAll(/EMO(?:_[A-Z]+)?|[a-z0-9]+(?:-[a-z]+)?|\?/g)) {
		const raw = match[0];
		if (raw.startsWith('EMO') || raw === '?') {
			tokens.push(raw);
			continue;
		}
		if (LAUGHTER.test(raw)) {
			tokens.push('LAUGH');
			continue;
		}
		if (/^\d+$/.test(raw)) {
			tokens.push('NUM');
			continue;
		}
		// "9h", "14h30", "30min", "5pm" keep their shape, not their value.
		const word = /\d/.test(raw) ? raw.replace(/\d+/g, '0') : raw.replace(/([a-z])\1{2,}/g, '$1');
		const expansion = ABBREVIATIONS.get(word);
		if (expansion === undefined) tokens.push(word);
		else for (const part of expansion.split(' ')) tokens.push(part);
	}
	return tokens;
}

/** A stable key for a message: equal for messages the classifier cannot tell apart. Used to dedupe and split the corpus. */
export function normalizedKey(text: string): string {
	return tokenize(text).join(' ');
}
