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
	/** 0 = Sunday. nextWeek: "que vem" / "próxima", the weekday in the next Monday-to-Sunday week. */
	| { type: 'weekday'; weekday: number; nextWeek: boolean }
	/** month undefined: "dia 10", the next 10th. monthOffset: "dia 10 do mês que vem". */
	| { type: 'date'; day: number; month?: number; year?: number; monthOffset?: number }
	/** "mês que vem" 1, "ano que vem" 12: same day of month, clamped to the month's end. */
	| { type: 'months'; months: number }
	/** "semana que vem": alone, one week from today; with a weekday, marks that weekday as next week's. */
	| { type: 'nextWeek' }
	/** "fim de semana": the coming Saturday (or today during a weekend). */
	| { type: 'weekend'; nextWeek: boolean };

export interface DayFacet {
	kind: 'day';
	spec: DaySpec;
}

export interface TimeFacet {
	kind: 'time';
	hour: number;
	minute: number;
	meridiem?: Meridiem;
	/** Written without "h", ":" or am/pm ("às 3"): hours 1–6 are then read as afternoon. */
	bare?: boolean;
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
