/** Pure logic behind the BestStag Ping node: validates the echo text and builds the pong. */

export const MAX_PING_MESSAGE_LENGTH = 1000;

export interface PackageInfo {
	name: string;
	version: string;
}

export interface RuntimeInfo {
	node: string;
	platform: string;
	uptimeSeconds: number;
}

export interface PingInput {
	message: string;
	now: Date;
	packageInfo: PackageInfo;
	/** Omitted when the workflow asks for a minimal answer. */
	runtime?: RuntimeInfo;
}

export interface Pong {
	pong: true;
	echo: string;
	/** pt-BR first, English second: this text may reach an end user. */
	reply: string;
	package: PackageInfo;
	respondedAt: string;
	runtime?: RuntimeInfo;
}

export class PingInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PingInputError';
	}
}

export function buildPong(input: PingInput): Pong {
	if (typeof input.message !== 'string') {
		throw new PingInputError(
			`The message must be text, got ${typeof input.message}. Pass a string in the "Message" parameter.`,
		);
	}
	const echo = input.message.trim();
	if (echo.length > MAX_PING_MESSAGE_LENGTH) {
		throw new PingInputError(
			`The message has ${echo.length} characters; the limit is ${MAX_PING_MESSAGE_LENGTH}. Shorten the "Message" parameter.`,
		);
	}
	const pong: Pong = {
		pong: true,
		echo,
		reply: echo ? `BestStag está no ar: "${echo}" / BestStag is up: "${echo}"` : 'BestStag está no ar / BestStag is up',
		package: { ...input.packageInfo },
		respondedAt: input.now.toISOString(),
	};
	if (input.runtime) pong.runtime = { ...input.runtime };
	return pong;
}
