import { join } from 'node:path';

import { planPorts } from '../sandbox/ports';
import { envContract, integerWithDefault, textWithDefault } from '../sandbox/stand-in/env';

/** The environment the portal's main reads; sandbox/services.ts writes it. */
export const PORTAL_ENV = envContract({
	port: integerWithDefault('PORTAL_PORT', planPorts().portal),
	/** The sandbox's data folder, where endpoints.json says what is running. */
	dataDir: textWithDefault('BESTSTAG_SANDBOX_DIR', () => join(process.cwd(), '.sandbox')),
});
