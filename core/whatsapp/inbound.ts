/** Twilio's incoming-message and status-callback webhooks, parsed into clean items. Pure. */
import { canonicalPhoneKey } from '../phone/brazil';
import { PhoneNumberError } from '../phone/e164';

export interface InboundMedia {
	url: string;
	contentType: string;
}

export interface InboundMessage {
	kind: 'message';
	messageSid: string;
	/** The address WhatsApp reported (whatsapp:+5511...), exactly as Twilio sent it: replies go here. */
	from: string;
	/**
	 * The person's canonical key (core/phone/brazil.ts): E.164, a Brazilian mobile with its ninth
	 * digit even when WhatsApp reported it without. Users, tasks and the 24-hour window use this.
	 */
	phone: string;
	to: string;
	waId: string | null;
	profileName: string | null;
	text: string;
	media: InboundMedia[];
	location: { latitude: number; longitude: number; address: string | null; label: string | null } | null;
	button: { payload: string; text: string } | null;
	receivedAt: string;
	raw: Record<string, string>;
}

export interface StatusCallback {
	kind: 'status';
	messageSid: string;
	status: string;
	to: string;
	from: string;
	errorCode: string | null;
	errorMessage: string | null;
	receivedAt: string;
	raw: Record<string, string>;
}

export class InboundPayloadError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InboundPayloadError';
	}
}

const text = (params: Record<string, string>, key: string): string | null => {
	const value = params[key];
	return typeof value === 'string' && value !== '' ? value : null;
};

/** Status callbacks carry MessageStatus; an incoming message carries a Body or media (SmsStatus=received). */
export function parseTwilioWebhook(params: Record<string, string>, receivedAt: Date): InboundMessage | StatusCallback {
	const sid = text(params, 'MessageSid') ?? text(params, 'SmsMessageSid');
	if (!sid) throw new InboundPayloadError('The webhook has no MessageSid; is it really from Twilio?');
	const at = receivedAt.toISOString();
	if (text(params, 'MessageStatus') && !text(params, 'Body') && !text(params, 'NumMedia')) {
		return {
			kind: 'status',
			messageSid: sid,
			status: params.MessageStatus,
			to: params.To ?? '',
			from: params.From ?? '',
			errorCode: text(params, 'ErrorCode'),
			errorMessage: text(params, 'ErrorMessage'),
			receivedAt: at,
			raw: { ...params },
		};
	}
	const from = text(params, 'From');
	if (!from) throw new InboundPayloadError('The webhook has no From.');
	let phone: string;
	try {
		phone = canonicalPhoneKey(from.replace(/^whatsapp:/i, ''), '');
	} catch (error) {
		if (error instanceof PhoneNumberError) throw new InboundPayloadError(`The webhook's From "${from}" is not a phone number.`);
		throw error;
	}
	const numMedia = Math.min(Number(params.NumMedia ?? 0) || 0, 10);
	const media: InboundMedia[] = [];
	for (let i = 0; i < numMedia; i++) {
		const url = text(params, `MediaUrl${i}`);
		if (url) media.push({ url, contentType: params[`MediaContentType${i}`] ?? 'application/octet-stream' });
	}
	const lat = Number(params.Latitude);
	const lon = Number(params.Longitude);
	return {
		kind: 'message',
		messageSid: sid,
		from,
		phone,
		to: params.To ?? '',
		waId: text(params, 'WaId'),
		profileName: text(params, 'ProfileName'),
		text: params.Body ?? '',
		media,
		location: text(params, 'Latitude') && Number.isFinite(lat) && Number.isFinite(lon) ? { latitude: lat, longitude: lon, address: text(params, 'Address'), label: text(params, 'Label') } : null,
		button: text(params, 'ButtonPayload') || text(params, 'ButtonText') ? { payload: params.ButtonPayload ?? '', text: params.ButtonText ?? '' } : null,
		receivedAt: at,
		raw: { ...params },
	};
}
