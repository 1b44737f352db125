import twilio from 'twilio';
import type { ClientOpts } from 'twilio/lib/base/BaseTwilio';

import { BaseUrlRequestClient } from '../../nodes/shared/twilio-client';

export { BaseUrlRequestClient, rewriteTwilioUrl } from '../../nodes/shared/twilio-client';

/**
 * A real twilio client whose requests go to `standInUrl`. For API-key auth pass the key SID and
 * secret as username/password and `{ accountSid }` in `options`, as with Twilio itself.
 */
export function twilioClientFor(standInUrl: string, accountSid: string, authToken: string, options: ClientOpts = {}): twilio.Twilio {
	return twilio(accountSid, authToken, { ...options, httpClient: new BaseUrlRequestClient(standInUrl) });
}
