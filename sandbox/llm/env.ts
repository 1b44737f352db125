import { custom, integerWithDefault, requiredText, envContract } from '../stand-in/env';
import { planPorts } from '../ports';
import { formatFault, parseFault } from './faults';

/** The environment the LLM stand-ins' mains read (see README.md here); services.ts writes it. */
function llmEnv(prefix: 'OPENAI' | 'ANTHROPIC', defaultPort: number) {
	return envContract({
		port: integerWithDefault(`${prefix}_STANDIN_PORT`, defaultPort),
		apiKey: requiredText(`${prefix}_STANDIN_KEY`),
		fault: custom(
			`${prefix}_STANDIN_FAULT`,
			(raw) => (raw === undefined ? undefined : parseFault(raw)),
			(fault) => (fault === undefined ? undefined : formatFault(fault)),
		),
	});
}

export const OPENAI_STANDIN_ENV = llmEnv('OPENAI', planPorts().openai);
export const ANTHROPIC_STANDIN_ENV = llmEnv('ANTHROPIC', planPorts().anthropic);
