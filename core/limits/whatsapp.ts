/**
 * WhatsApp's limits as BestStag sends through Twilio, each with the page that states it. Lengths
 * are counted as Twilio counts them ({@link twilioTextLength}: UTF-16 code units), the stricter of
 * the counts, so a text that passes here passes there. Pure data: every user imports it from here.
 */
import { TWILIO_BODY_LIMIT } from './twilio';

export { twilioTextLength as whatsappTextLength } from './twilio';

/**
 * The longest WhatsApp text body one message may carry through Twilio's Messages API.
 * Source: https://www.twilio.com/docs/api/errors/21617
 */
export const WHATSAPP_BODY_LIMIT = TWILIO_BODY_LIMIT;

/**
 * At most 3 quick-reply buttons on one WhatsApp message (more become a numbered list).
 * Source: https://www.twilio.com/docs/content/twilio-quick-reply
 */
export const WHATSAPP_MAX_QUICK_REPLIES = 3;

/**
 * The longest quick-reply button title on WhatsApp.
 * Source: https://www.twilio.com/docs/content/twilio-quick-reply
 */
export const WHATSAPP_QUICK_REPLY_TITLE_LIMIT = 20;

/**
 * The longest body of a quick-reply message on WhatsApp.
 * Source: https://www.twilio.com/docs/content/twilio-quick-reply
 */
export const WHATSAPP_QUICK_REPLY_BODY_LIMIT = 1024;

/**
 * The longest WhatsApp template text after its variables are filled in (63021 beyond it).
 * Source: https://www.twilio.com/docs/api/errors/63021
 */
export const WHATSAPP_TEMPLATE_BODY_LIMIT = 1024;

/**
 * WhatsApp's customer-service window: free-form messages may be sent for 24 hours after the
 * user's last message; after it only approved templates (Twilio error 63016).
 * Source: https://www.twilio.com/docs/whatsapp/key-concepts#the-24-hour-window-or-24-hour-customer-service-window
 */
export const WHATSAPP_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
