import type { Intent } from '../../intents/taxonomy';

/** One labelled message. `source` says who wrote it, so licensed material keeps its attribution. */
export interface LabelledExample {
	text: string;
	intent: Intent;
	lang: 'pt' | 'en';
	/** 'beststag' for the project's own examples; 'home-assistant:tests/pt-br/<file>.yaml' for CC-BY-4.0 Home Assistant sentences. */
	source: string;
}

/**
 * One intent's data file, `intents/<intent>.json`: the labelling rule for that intent (where its boundary
 * with its neighbours lies) and its examples by language. See README.md in this folder.
 */
export interface IntentFile {
	boundary: string;
	pt: readonly string[];
	en: readonly string[];
}

/** One Home Assistant sentence with our label, its source file and its licence. */
export interface HomeAssistantRow {
	text: string;
	intent: string;
	/** Path inside github.com/home-assistant/intents, e.g. "tests/pt-br/HassListAddItem.yaml". */
	source: string;
	licence: string;
}

/** `home-assistant.json`: where the sentences come from, how their intents map to ours, and the rows. */
export interface HomeAssistantFile {
	source: string;
	licence: string;
	attribution: string;
	mapping: readonly string[];
	rows: readonly HomeAssistantRow[];
}
