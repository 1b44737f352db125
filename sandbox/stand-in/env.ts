/**
 * A stand-in's environment contract: the variables its standalone main reads, declared once. The
 * sandbox's service list writes them with `toEnv()` and the stand-in's main reads them back with
 * `fromEnv()`, so a renamed variable or a changed format cannot drift between the two sides.
 */

/** One variable: its name, how its text becomes a value, and how a value becomes text again. */
export interface EnvVar<T, Optional extends boolean> {
	readonly name: string;
	/** True when the writer may leave the variable out (it has a default, or it is optional). */
	readonly optional: Optional;
	/** Throws an Error naming the variable when the text is not a valid value. */
	parse(raw: string | undefined): T;
	format(value: T): string | undefined;
}

type ValueOf<V> = V extends EnvVar<infer T, boolean> ? T : never;
export type EnvSpec = Record<string, EnvVar<unknown, boolean>>;
type RequiredKeys<S extends EnvSpec> = { [K in keyof S]: S[K] extends EnvVar<unknown, false> ? K : never }[keyof S];
type OptionalKeys<S extends EnvSpec> = Exclude<keyof S, RequiredKeys<S>>;

/** What a writer must give: every variable without a default, and any of the others. */
export type EnvInput<S extends EnvSpec> = { [K in RequiredKeys<S>]: ValueOf<S[K]> } & { [K in OptionalKeys<S>]?: ValueOf<S[K]> };
/** What the main reads: every variable, defaults filled in. */
export type EnvValues<S extends EnvSpec> = { [K in keyof S]: ValueOf<S[K]> };

export interface EnvContract<S extends EnvSpec> {
	readonly vars: S;
	/** The environment entries for these values; unset optional values are left out. */
	toEnv(values: EnvInput<S>): Record<string, string>;
	/** Reads every variable; throws an Error naming the first one that is missing or malformed. */
	fromEnv(env: NodeJS.ProcessEnv): EnvValues<S>;
}

export function envContract<S extends EnvSpec>(vars: S): EnvContract<S> {
	return {
		vars,
		toEnv(values) {
			const env: Record<string, string> = {};
			for (const [key, v] of Object.entries(vars)) {
				const value = (values as Record<string, unknown>)[key];
				if (value === undefined) {
					if (!v.optional) throw new Error(`${v.name} is required.`);
					continue;
				}
				const text = v.format(value);
				if (text !== undefined) env[v.name] = text;
			}
			return env;
		},
		fromEnv(env) {
			const values: Record<string, unknown> = {};
			for (const [key, v] of Object.entries(vars)) values[key] = v.parse(env[v.name] === '' ? undefined : env[v.name]);
			return values as EnvValues<S>;
		},
	};
}

/** Text that must be set (a key, a token). */
export function requiredText(name: string): EnvVar<string, false> {
	return {
		name,
		optional: false,
		parse: (raw) => {
			if (raw === undefined || raw.trim() === '') throw new Error(`${name} is required.`);
			return raw;
		},
		format: (value) => value,
	};
}

/** Text that may be unset. */
export function optionalText(name: string): EnvVar<string | undefined, true> {
	return { name, optional: true, parse: (raw) => raw, format: (value) => value };
}

/** Text with a default when unset. */
export function textWithDefault(name: string, fallback: () => string): EnvVar<string, true> {
	return { name, optional: true, parse: (raw) => raw ?? fallback(), format: (value) => value };
}

function parseInteger(name: string, raw: string): number {
	const value = Number(raw);
	if (!/^\s*-?\d+\s*$/.test(raw) || !Number.isSafeInteger(value)) throw new Error(`${name} must be a whole number, got "${raw}".`);
	return value;
}

/** A whole number with a default when unset (a port, a delay). */
export function integerWithDefault(name: string, fallback: number): EnvVar<number, true> {
	return { name, optional: true, parse: (raw) => (raw === undefined ? fallback : parseInteger(name, raw)), format: String };
}

/** A whole number that may be unset, leaving the stand-in's own default. */
export function optionalInteger(name: string): EnvVar<number | undefined, true> {
	return {
		name,
		optional: true,
		parse: (raw) => (raw === undefined ? undefined : parseInteger(name, raw)),
		format: (value) => (value === undefined ? undefined : String(value)),
	};
}

/** "1" or "0"; unset means the fallback. Any other text is refused. */
export function flag(name: string, fallback: boolean): EnvVar<boolean, true> {
	return {
		name,
		optional: true,
		parse: (raw) => {
			if (raw === undefined) return fallback;
			if (raw === '1' || raw === '0') return raw === '1';
			throw new Error(`${name} must be 1 or 0, got "${raw}".`);
		},
		format: (value) => (value ? '1' : '0'),
	};
}

/** A variable with its own text format (a list, a fault spec), parsed by the stand-in's own code. */
export function custom<T>(name: string, parse: (raw: string | undefined) => T, format: (value: T) => string | undefined): EnvVar<T, true> {
	return { name, optional: true, parse, format };
}
