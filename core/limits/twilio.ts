/**
 * Twilio's limits and error codes that BestStag enforces or reacts to, each with the page that
 * states it. Pure data: every user of a limit imports it from here.
 */

/**
 * How Twilio measures a Messaging text: in UTF-16 code units. Its 21617 page says emoji and other
 * characters outside GSM-7 "will be counted as multiple characters", so 🙂 counts 2 and "ç" counts 1.
 * Source: https://www.twilio.com/docs/api/errors/21617
 */
export function twilioTextLength(text: string): number {
	return text.length;
}

/**
 * The longest `Body` Twilio accepts for one message, in {@link twilioTextLength} units; longer gets 21617.
 * Source: https://www.twilio.com/docs/api/errors/21617
 */
export const TWILIO_BODY_LIMIT = 1600;

/**
 * The longest value of one Content variable (`ContentVariables`), in {@link twilioTextLength} units;
 * longer gets 21658. Some template fields allow less (see the WhatsApp limits).
 * Source: https://www.twilio.com/docs/api/errors/21658
 */
export const TWILIO_CONTENT_VARIABLE_LIMIT = 1600;

/**
 * At most 10 media URLs on one message; more gets 21623.
 * Source: https://www.twilio.com/docs/api/errors/21623
 */
export const TWILIO_MAX_MEDIA = 10;

/**
 * Twilio error codes BestStag sends, reacts to or reproduces in the stand-in.
 * Each page: https://www.twilio.com/docs/api/errors/<code>
 */
export const TWILIO_ERRORS = {
	/** Message body is required. https://www.twilio.com/docs/api/errors/21602 */
	bodyRequired: 21602,
	/** The concatenated message body exceeds the 1600 character limit. https://www.twilio.com/docs/api/errors/21617 */
	bodyTooLong: 21617,
	/** Number of media files exceeds allowed limit. https://www.twilio.com/docs/api/errors/21623 */
	tooManyMedia: 21623,
	/** Parameter exceeded character limit (e.g. a Content variable). https://www.twilio.com/docs/api/errors/21658 */
	parameterTooLong: 21658,
	/** Outside the 24-hour window: free-form WhatsApp messages are refused. https://www.twilio.com/docs/api/errors/63016 */
	outsideWindow: 63016,
	/** Channel invalid content error (e.g. a template over 1024 characters). https://www.twilio.com/docs/api/errors/63021 */
	invalidContent: 63021,
} as const;
