/**
 * The kinds of setting the apps read. Each parser refuses what it cannot use with what a
 * valid value looks like, and carries a `malformed` sample the tests set to prove it.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { SettingProblem, type Setting } from './setting.js';

interface Described<T> {
  description: string;
  fallback: T;
}

/**
 * A TCP port; `min: 0` (the default) lets 0 pick a free one.
 *
 * @example
 * ```ts
 * port({ fallback: 3000, description: 'TCP port' }).parse('8080'); // 8080
 * ```
 */
export function port<T extends number | undefined>(options: Described<T> & { min?: number }): Setting<number | T> {
  return { ...integer({ ...options, min: options.min ?? 0, max: 65535 }), malformed: 'not-a-port' };
}

/**
 * A whole number from `min` to `max`.
 *
 * @example
 * ```ts
 * integer({ fallback: 10, min: 1, max: 1000, description: 'pool size' }).parse('4'); // 4
 * ```
 */
export function integer<T extends number | undefined>(options: Described<T> & { min: number; max: number }): Setting<number | T> {
  const { min, max } = options;
  return {
    description: options.description,
    fallback: options.fallback,
    malformed: String(max + 1),
    parse(raw) {
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value < min || value > max) throw new SettingProblem(`an integer from ${min} to ${max}`);
      return value;
    },
  };
}

/**
 * One of a fixed list of words.
 *
 * @example
 * ```ts
 * oneOf(['development', 'production'] as const, { fallback: 'development', description: 'mode' }).parse('production');
 * ```
 */
export function oneOf<const V extends string>(values: readonly V[], options: Described<V>): Setting<V> {
  return {
    description: options.description,
    fallback: options.fallback,
    malformed: 'not-one-of-them',
    parse(raw) {
      if (!(values as readonly string[]).includes(raw)) throw new SettingProblem(`one of ${values.join(', ')}`);
      return raw as V;
    },
  };
}

/**
 * On or off: `1`/`true` or `0`/`false`; unset is off.
 *
 * @example
 * ```ts
 * flag({ description: 'keep the database in memory' }).parse('1'); // true
 * ```
 */
export function flag(options: { description: string }): Setting<boolean> {
  return {
    description: options.description,
    fallback: false,
    malformed: 'yes',
    parse(raw) {
      if (!['0', '1', 'true', 'false'].includes(raw)) throw new SettingProblem('1 or 0');
      return raw === '1' || raw === 'true';
    },
  };
}

/**
 * A URL of one of `protocols` (`['http:', 'https:']` by default) with a host; `secret`
 * keeps a value that may hold a password out of the message, `example` shows one in it,
 * `also` lists words accepted as they are (`msw`).
 *
 * @example
 * ```ts
 * url({ fallback: undefined, protocols: ['smtp:', 'smtps:'], secret: true, description: 'mail server' }).parse('smtp://127.0.0.1:1025');
 * ```
 */
export function url<T extends string | undefined>(
  options: Described<T> & { protocols?: string[]; secret?: boolean; example?: string; also?: string[] },
): Setting<string | T> {
  const protocols = options.protocols ?? ['http:', 'https:'];
  const words = (options.also ?? []).map((word) => `, or "${word}"`).join('');
  const example = options.example ? ` (such as ${options.example})` : '';
  const expected = `a URL with a host, starting with ${protocols.map((protocol) => `${protocol}//`).join(' or ')}${example}${words}`;
  return {
    description: options.description,
    fallback: options.fallback,
    malformed: 'not a url',
    secret: options.secret ?? false,
    parse(raw) {
      if (options.also?.includes(raw)) return raw;
      let parsed: URL | undefined;
      try {
        parsed = new URL(raw);
      } catch {
        parsed = undefined;
      }
      if (!parsed || !protocols.includes(parsed.protocol) || parsed.hostname === '') throw new SettingProblem(expected);
      return raw;
    },
  };
}

/**
 * An interface to bind: a host name or an IP address.
 *
 * @example
 * ```ts
 * host({ fallback: '127.0.0.1', description: 'interface to bind' }).parse('::1'); // "::1"
 * ```
 */
export function host(options: Described<string>): Setting<string> {
  return text({
    ...options,
    pattern: /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/,
    expected: 'a host name or an IP address',
    malformed: 'not a host',
  });
}

/**
 * Free text matching `pattern`; `expected` says what that means to a person.
 *
 * @example
 * ```ts
 * text({ fallback: undefined, pattern: /^\S+$/, expected: 'one word', malformed: 'two words', description: 'audience' }).parse('astral');
 * ```
 */
export function text<T extends string | undefined>(
  options: Described<T> & { pattern: RegExp; expected: string; malformed: string },
): Setting<string | T> {
  return {
    description: options.description,
    fallback: options.fallback,
    malformed: options.malformed,
    parse(raw) {
      if (!options.pattern.test(raw)) throw new SettingProblem(options.expected);
      return raw;
    },
  };
}

/**
 * A folder, resolved from the working directory: where it exists, it must be a folder (a
 * missing one is created by whoever writes there).
 *
 * @example
 * ```ts
 * directory({ fallback: undefined, description: 'data folder' }).parse('.data'); // "/…/.data"
 * ```
 */
export function directory<T extends string | undefined>(options: Described<T>): Setting<string | T> {
  return {
    description: options.description,
    fallback: options.fallback,
    // Node's own binary: a file that exists on every machine the tests run on.
    malformed: process.execPath,
    parse(raw) {
      const path = resolve(raw);
      const stats = statSync(path, { throwIfNoEntry: false });
      if (stats && !stats.isDirectory()) throw new SettingProblem('a folder (this path is a file)');
      return path;
    },
  };
}

/**
 * A file that exists, resolved from the working directory.
 *
 * @example
 * ```ts
 * file({ fallback: undefined, description: 'a bundled contract' }).parse('dist/openapi.json');
 * ```
 */
export function file<T extends string | undefined>(options: Described<T>): Setting<string | T> {
  return {
    description: options.description,
    fallback: options.fallback,
    malformed: resolve('no-such-file.json'),
    parse(raw) {
      const path = resolve(raw);
      if (!statSync(path, { throwIfNoEntry: false })?.isFile()) throw new SettingProblem('an existing file');
      return path;
    },
  };
}
