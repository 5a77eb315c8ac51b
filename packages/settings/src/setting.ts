/**
 * An app's settings: each environment variable it reads, declared once with its parser and
 * description. The app reads them with `readSettings`, its README table is checked against
 * the names, and its tests set each one malformed to prove the start refuses it.
 */

/** One environment variable: how to read it, what it means, and a value it refuses. */
export interface Setting<T> {
  /** What the variable does, in one line (the README table may say more). */
  description: string;
  /** The value when the variable is unset or empty. */
  fallback: T;
  /**
   * Turns a set, non-empty value into the setting; throws `SettingProblem` with what a
   * valid value looks like ("an integer from 0 to 65535").
   */
  parse(raw: string): T;
  /** A value `parse` refuses: what the tests set to prove a malformed value stops the start. */
  malformed: string;
  /** Never echo the value in a message (a URL with a password). */
  secret?: boolean;
}

/** An app's declaration: variable name → setting. */
export type Settings = Record<string, Setting<unknown>>;

/** The values `readSettings` returns for a declaration. */
export type SettingValues<S extends Settings> = { [Name in keyof S]: S[Name] extends Setting<infer T> ? T : never };

/** Thrown by a parser: what a valid value looks like; `readSettings` adds the name and the value. */
export class SettingProblem extends Error {
  override name = 'SettingProblem';
}

/** A variable that cannot be used; its message names the variable. Entry points print it and exit 1. */
export class SettingsError extends Error {
  override name = 'SettingsError';
  constructor(
    /** The variable (or variables, comma-separated) at fault. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Declares an app's settings (checks the names, keeps the types).
 *
 * @example
 * ```ts
 * export const mailSettings = defineSettings({ MAIL_SMTP_PORT: port({ fallback: 1025, description: 'SMTP port' }) });
 * ```
 */
export function defineSettings<S extends Settings>(settings: S): S {
  for (const name of Object.keys(settings)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`a setting is an upper-case environment variable name, got "${name}"`);
  }
  return settings;
}

/**
 * Reads every declared variable from `env`: unset or empty gives the fallback, a malformed
 * value throws a `SettingsError` naming the variable.
 *
 * @example
 * ```ts
 * readSettings(mailSettings, { MAIL_SMTP_PORT: '2525' }); // { MAIL_SMTP_PORT: 2525 }
 * readSettings(mailSettings, { MAIL_SMTP_PORT: 'x' }); // throws: MAIL_SMTP_PORT must be a port from 0 to 65535, got "x"
 * ```
 */
export function readSettings<S extends Settings>(settings: S, env: NodeJS.ProcessEnv): SettingValues<S> {
  const values: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(settings)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') {
      values[name] = setting.fallback;
      continue;
    }
    try {
      values[name] = setting.parse(raw.trim());
    } catch (error) {
      if (!(error instanceof SettingProblem)) throw error;
      const got = setting.secret ? '' : `, got "${raw}"`;
      throw new SettingsError(name, `${name} must be ${error.message}${got}`);
    }
  }
  return values as SettingValues<S>;
}

/**
 * The declared variables with their descriptions, in declaration order.
 *
 * @example
 * ```ts
 * describeSettings(mailSettings); // [{ name: 'MAIL_SMTP_PORT', description: 'SMTP port' }]
 * ```
 */
export function describeSettings(settings: Settings): Array<{ name: string; description: string }> {
  return Object.entries(settings).map(([name, setting]) => ({ name, description: setting.description }));
}
