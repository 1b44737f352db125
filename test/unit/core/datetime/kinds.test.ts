import { extractDateTime } from '../../../../core/datetime';

/**
 * Every variant of the kinds of issue 10 §4, generated: all weekdays and reference days, all number words 1–59,
 * all months, both separators, with and without accents. Expectations are computed here with plain UTC calendar
 * arithmetic, apart from the extractor. Reference: 2026, when São Paulo has no summer time (always UTC−03:00).
 */

const ZONE_OFFSET = '-03:00';
const WEEKDAYS_PT = ['domingo', 'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado'];
const WEEKDAYS_FOLDED = ['domingo', 'segunda', 'terca', 'quarta', 'quinta', 'sexta', 'sabado'];
const ABBREVIATIONS = ['dom', 'seg', 'ter', 'qua', 'qui', 'sex', 'sáb'];
const WEEKDAYS_EN = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'];
const UNITS = ['', 'um', 'dois', 'três', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove'];
const TEENS = ['dez', 'onze', 'doze', 'treze', 'quatorze', 'quinze', 'dezesseis', 'dezessete', 'dezoito', 'dezenove'];
const TENS = ['', '', 'vinte', 'trinta', 'quarenta', 'cinquenta'];
const EN_UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty'];

/** 1–59 in pt-BR words: "um", "quinze", "quarenta e cinco". */
function ptWords(n: number): string {
	if (n < 10) return UNITS[n];
	if (n < 20) return TEENS[n - 10];
	const unit = n % 10;
	return unit === 0 ? TENS[Math.floor(n / 10)] : `${TENS[Math.floor(n / 10)]} e ${UNITS[unit]}`;
}

/** 1–59 in English words: "one", "fifteen", "forty-five". */
function enWords(n: number): string {
	if (n < 10) return EN_UNITS[n];
	if (n < 20) return EN_TEENS[n - 10];
	const unit = n % 10;
	return unit === 0 ? EN_TENS[Math.floor(n / 10)] : `${EN_TENS[Math.floor(n / 10)]}-${EN_UNITS[unit]}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A reference instant: the given São Paulo wall time as a Date. */
function at(year: number, month: number, day: number, hour: number, minute = 0): Date {
	return new Date(Date.UTC(year, month - 1, day, hour + 3, minute));
}

/** The São Paulo wall time `days` after the reference date, as the extractor formats it. */
function local(base: Date, days: number, hour: number, minute = 0): string {
	const d = new Date(base.getTime() - 3 * 3600000);
	d.setUTCDate(d.getUTCDate() + days);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(hour)}:${pad(minute)}:00${ZONE_OFFSET}`;
}

function extract(text: string, now: Date): string | null {
	return extractDateTime(text, { now }).datetime;
}

/** Sunday 2026-11-15 … Saturday 2026-11-21, each at 07:00: the week of reference days. */
const WEEK = [15, 16, 17, 18, 19, 20, 21].map((day) => at(2026, 11, day, 7));
const weekdayOf = (d: Date) => new Date(d.getTime() - 3 * 3600000).getUTCDay();

describe('weekdays, for every weekday said on every day of the week', () => {
	for (const now of WEEK) {
		const today = weekdayOf(now);
		for (let w = 0; w < 7; w++) {
			const ahead = (w - today + 7) % 7 || 7;
			const back = (today - w + 7) % 7 || 7;
			const isoFromMonday = (w + 6) % 7;
			const todayFromMonday = (today + 6) % 7;
			it(`${WEEKDAYS_PT[w]} said on a ${WEEKDAYS_EN[today]}`, () => {
				// The next occurrence; today's weekday is next week's.
				expect(extract(WEEKDAYS_PT[w], now)).toBe(local(now, ahead, 9));
				expect(extract(WEEKDAYS_FOLDED[w], now)).toBe(local(now, ahead, 9));
				expect(extract(`${WEEKDAYS_PT[w]}${w >= 1 && w <= 5 ? '-feira' : ''}`, now)).toBe(local(now, ahead, 9));
				expect(extract(WEEKDAYS_EN[w], now)).toBe(local(now, ahead, 9));
				if (ABBREVIATIONS[w] !== 'ter') expect(extract(ABBREVIATIONS[w], now)).toBe(local(now, ahead, 9));
				expect(extract(`${ABBREVIATIONS[w]}.`, now)).toBe(local(now, ahead, 9));
				// A time still ahead today keeps today.
				expect(extract(`${WEEKDAYS_PT[w]} às 20h`, now)).toBe(local(now, w === today ? 0 : ahead, 20));
				// The past: the most recent one before today.
				const passada = w === 0 || w === 6 ? 'passado' : 'passada';
				expect(extract(`${WEEKDAYS_PT[w]} ${passada}`, now)).toBe(local(now, -back, 9));
				expect(extract(`last ${WEEKDAYS_EN[w]}`, now)).toBe(local(now, -back, 9));
				// This Monday-to-Sunday week, the previous one and the next one.
				expect(extract(`${WEEKDAYS_PT[w]} desta semana`, now)).toBe(local(now, isoFromMonday - todayFromMonday, 9));
				expect(extract(`${WEEKDAYS_PT[w]} dessa semana`, now)).toBe(local(now, isoFromMonday - todayFromMonday, 9));
				expect(extract(`${WEEKDAYS_PT[w]} da semana passada`, now)).toBe(local(now, isoFromMonday - todayFromMonday - 7, 9));
				expect(extract(`${WEEKDAYS_PT[w]} que vem`, now)).toBe(local(now, isoFromMonday - todayFromMonday + 7, 9));
			});
		}
	}
});

describe('number words 1–59', () => {
	const now = at(2026, 11, 20, 7, 0);
	const early = at(2026, 11, 20, 6, 30);
	for (let n = 1; n <= 59; n++) {
		it(`${n}: ${ptWords(n)} / ${enWords(n)}`, () => {
			expect(extract(`às onze e ${ptWords(n)}`, now)).toBe(local(now, 0, 11, n));
			expect(extract(`onze e ${ptWords(n)}`, now)).toBe(local(now, 0, 11, n));
			expect(extract(`daqui a ${ptWords(n)} minutos`, now)).toBe(local(now, 0, 7 + Math.floor(n / 60), n % 60));
			expect(extract(`in ${enWords(n)} minutes`, now)).toBe(local(now, 0, 7, n));
			expect(extract(`faz ${ptWords(n)} minutos`, now)).toBe(local(now, 0, 6, 60 - n));
			if (n <= 23) {
				// Hours are feminine ("às uma", "às duas"); at 06:30, 1–6 said bare are already past in the morning.
				const hour = ptWords(n).replace(/\bum$/, 'uma').replace(/\bdois$/, 'duas');
				expect(extract(`às ${hour}`, early)).toBe(local(early, 0, n <= 6 ? n + 12 : n));
			}
			if (n <= 31) {
				expect(extract(`${ptWords(n)} de dezembro`, now)).toBe(`2026-12-${pad(n)}T09:00:00${ZONE_OFFSET}`);
				expect(extract(`${ptWords(n).normalize('NFD').replace(/\p{M}/gu, '')} de dezembro`, now)).toBe(`2026-12-${pad(n)}T09:00:00${ZONE_OFFSET}`);
			}
			if (n <= 24) expect(extract(`em ${ptWords(n)} horas`, now)).toBe(local(now, Math.floor((7 + n) / 24), (7 + n) % 24, 0));
		});
	}
	it('"primeiro" is the first of the month', () => {
		expect(extract('primeiro de dezembro', now)).toBe(`2026-12-01T09:00:00${ZONE_OFFSET}`);
		expect(extract('dia primeiro', now)).toBe(`2026-12-01T09:00:00${ZONE_OFFSET}`);
	});
});

describe('every month, day before or after it, with or without "de"', () => {
	const now = at(2026, 1, 1, 7);
	MONTHS.forEach((month, i) => {
		it(month, () => {
			const want = `2026-${pad(i + 1)}-05T09:00:00${ZONE_OFFSET}`;
			const folded = month.normalize('NFD').replace(/\p{M}/gu, '');
			for (const text of [`5 de ${month}`, `cinco de ${month}`, `5 ${month}`, `05 ${month}`, `${month} 5`, `${folded} 5`, `${month}, 5`, `dia 5 de ${month}`, `${month} 5 de 2026`]) {
				expect([text, extract(text, now)]).toEqual([text, want]);
			}
		});
	});
});

describe('day-month-year with "/", "-" or ".", and the two-digit-year pivot', () => {
	const now = at(2026, 11, 20, 10);
	it.each(['/', '-', '.'])('separator %s', (sep) => {
		expect(extract(`1${sep}3${sep}2027`, now)).toBe(`2027-03-01T09:00:00${ZONE_OFFSET}`);
		expect(extract(`01${sep}03${sep}2027`, now)).toBe(`2027-03-01T09:00:00${ZONE_OFFSET}`);
		expect(extract(`25${sep}12${sep}27`, now)).toBe(`2027-12-25T09:00:00${ZONE_OFFSET}`);
		expect(extract(`31${sep}10${sep}74`, now)).toBe(`1974-10-31T09:00:00${ZONE_OFFSET}`);
		expect(extract(`dia 5${sep}12`, now)).toBe(`2026-12-05T09:00:00${ZONE_OFFSET}`);
	});
	it.each([
		['00', 2000],
		['26', 2026],
		['68', 2068],
		['69', 1969],
		['99', 1999],
	])('"%s" is %i', (yy, year) => {
		expect(extract(`10/06/${yy}`, now)).toBe(`${year}-06-10T09:00:00${ZONE_OFFSET}`);
	});
});

describe('minutes before the hour, every round step and hour', () => {
	const now = at(2026, 11, 20, 7, 0);
	const steps: [string, number][] = [
		['cinco', 5],
		['dez', 10],
		['quinze', 15],
		['vinte', 20],
		['vinte e cinco', 25],
		['5', 5],
		['10', 10],
		['15', 15],
		['20', 20],
	];
	for (const [word, minutes] of steps) {
		it(word, () => {
			expect(extract(`${word} para o meio-dia`, now)).toBe(local(now, 0, 11, 60 - minutes));
			expect(extract(`${word} pro meio dia`, now)).toBe(local(now, 0, 11, 60 - minutes));
			expect(extract(`${word} para a meia-noite`, now)).toBe(local(now, 0, 23, 60 - minutes));
			// Hours 8–12 said: the morning reading; 1–6: the afternoon (7:00 is past their morning reading).
			expect(extract(`${word} para as dez`, now)).toBe(local(now, 0, 9, 60 - minutes));
			expect(extract(`${word} pras 3`, now)).toBe(local(now, 0, 14, 60 - minutes));
			expect(extract(`${word} para as 3`, now)).toBe(local(now, 0, 14, 60 - minutes));
			expect(extract(`${word} para as oito da noite`, now)).toBe(local(now, 0, 19, 60 - minutes));
		});
	}
});

describe('the past, every unit', () => {
	const now = at(2026, 11, 20, 10, 0);
	it.each([
		['faz 3 dias', local(now, -3, 9)],
		['há 3 dias', local(now, -3, 9)],
		['ha 3 dias', local(now, -3, 9)],
		['3 dias atrás', local(now, -3, 9)],
		['3 dias atras', local(now, -3, 9)],
		['faz 2 semanas', local(now, -14, 9)],
		['há duas semanas', local(now, -14, 9)],
		['2 weeks ago', local(now, -14, 9)],
		['faz 2 horas', local(now, 0, 8)],
		['há duas horas', local(now, 0, 8)],
		['faz 30 minutos', local(now, 0, 9, 30)],
		['há um mês', '2026-10-20T09:00:00-03:00'],
		['faz um ano', '2025-11-20T09:00:00-03:00'],
		['anteontem', local(now, -2, 9)],
		['antes de ontem', local(now, -2, 9)],
		['anteontem às 15h', local(now, -2, 15)],
	])('%s', (text, want) => {
		expect(extract(text, now)).toBe(want);
	});
});
