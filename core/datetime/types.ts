/** Shared shapes of the date/time grammar: what a rule recognises and how it is later resolved to an instant. */

/** A part of the day that carries a default hour ("de manhã", "à noite", "cedo"). */
export type DayPeriod = 'early' | 'morning' | 'afternoon' | 'evening';

/** What turns a 1–12 clock hour into a 24-hour one. */
export type Meridiem = 'am' | 'pm' | 'morning' | 'afternoon' | 'evening' | 'dawn';

/** A calendar day in the user's zone, with no time and no offset. */
export interface CivilDate {
	year: number;
	/** 1–12. */
	month: number;
	day: number;
}

/** A wall-clock reading in the user's zone. */
export interface WallClock extends CivilDate {
	hour: number;
	minute: number;
	second: number;
}

/** How a phrase names a day; resolved against "today" in the user's zone. */
export type DaySpec =
	/** hoje 0, amanhã 1, depois de amanhã 2, "em 3 dias" 3. */
	| { type: 'offset'; days: number }
	/** 0 = Sunday; `pick` says which occurrence (see WeekdayPick). */
	| { type: 'weekday'; weekday: number; pick: WeekdayPick }
	/** month undefined: "dia 10", the next 10th. monthOffset: "dia 10 do mês que vem". */
	| { type: 'date'; day: number; month?: number; year?: number; monthOffset?: number }
	/** "mês que vem" 1, "ano que vem" 12: same day of month, clamped to the month's end. */
	| { type: 'months'; months: number }
	/**
	 * A Monday-to-Sunday week relative to this one: "semana que vem" 1, "desta semana" 0, "semana passada" -1.
	 * Alone it moves today by 7 days per week; with a weekday it says which week the weekday is in.
	 */
	| { type: 'week'; weeks: -1 | 0 | 1 }
	/** "fim de semana": the coming Saturday (or today during a weekend). */
	| { type: 'weekend'; nextWeek: boolean };

/**
 * Which occurrence of a weekday a phrase means:
 * - coming: "terça" — the next one; today only when a time or period still ahead today is given;
 * - this: "essa terça", "this tuesday" — the next one, today included while its time is ahead;
 * - previous: "terça passada", "last tuesday" — the most recent one before today;
 * - this-week / next-week / last-week: that weekday in this, the next or the previous Monday-to-Sunday week.
 */
export type WeekdayPick = 'coming' | 'this' | 'previous' | 'this-week' | 'next-week' | 'last-week';

export interface DayFacet {
	kind: 'day';
	spec: DaySpec;
}

export interface TimeFacet {
	kind: 'time';
	hour: number;
	minute: number;
	meridiem?: Meridiem;
	/**
	 * A 12-hour reading said without "h", ":", am/pm or a period, of an hour people mostly mean in the afternoon
	 * ("às 3", "5 e quinze", "quinze pras 3"): `hour` is the morning reading, resolved as described in resolve.ts.
	 */
	afternoonLikely?: boolean;
	/** "meia-noite": the midnight that ends the named day. */
	midnight?: boolean;
	/** "meio-dia": never shifted by a period word. */
	fixed?: boolean;
}

export interface PeriodFacet {
	kind: 'period';
	period: DayPeriod;
}

/** "daqui a 2 horas", "em 30 min": an exact offset from the reference instant. */
export interface ShiftFacet {
	kind: 'shift';
	minutes: number;
}

export type Facet = DayFacet | TimeFacet | PeriodFacet | ShiftFacet;

/** Text folded for matching, with every folded UTF-16 unit mapped back to the original string. */
export interface NormalizedText {
	original: string;
	/** Lower-cased, accents and compatibility forms removed. */
	text: string;
	/** start[i]: index in original of the character that produced text[i]. */
	start: number[];
	/** end[i]: index in original just past that character. */
	end: number[];
}

export interface Rule {
	name: string;
	/** Global + unicode regex over NormalizedText.text. */
	pattern: RegExp;
	/** Builds the facets of one match; null rejects it as a false positive. */
	read(match: RegExpExecArray, text: NormalizedText): Facet[] | null;
}

/** One accepted match, in original-text coordinates. */
export interface Match {
	rule: string;
	start: number;
	end: number;
	facets: Facet[];
}
