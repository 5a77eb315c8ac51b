/**
 * The client's notice of a deprecated operation: the API marks each answer of one with a
 * `Deprecation` header (RFC 9745, and `Sunset`, RFC 8594, where the contract names a date);
 * the client warns once per operation and client, so a loop of calls does not flood the log.
 */

/** What a warning says: the operation, since when, and until when. */
export interface DeprecationNotice {
  /** `GET /races/{race_id}`: the contract's method and path template. */
  operation: string;
  /** The `Deprecation` header as sent (`@<unix seconds>`). */
  deprecation: string;
  /** The `Sunset` header (an HTTP date), or null when the contract names none. */
  sunset: string | null;
}

/** Called with each first notice; `console.warn` of a one-line message by default. */
export type DeprecationHandler = (notice: DeprecationNotice) => void;

const warnOnConsole: DeprecationHandler = ({ operation, deprecation, sunset }) => {
  const since = Number(deprecation.replace(/^@/, ''));
  const date = Number.isFinite(since) ? new Date(since * 1000).toISOString().slice(0, 10) : deprecation;
  const until = sunset ? `; it stops answering after ${sunset}` : '';
  console.warn(`[@astral/client] ${operation} is deprecated since ${date}${until}. See the API changelog for its replacement.`);
};

/**
 * A checker of responses that calls `handler` the first time each operation answers with
 * `Deprecation`.
 *
 * @example
 * ```ts
 * const note = deprecationWatcher();
 * note('DELETE', '/races/{race_id}', response); // warns once, however often it is called
 * ```
 */
export function deprecationWatcher(handler: DeprecationHandler = warnOnConsole) {
  const noticed = new Set<string>();
  return (method: string, path: string, response: Response): void => {
    const deprecation = response.headers.get('Deprecation');
    const operation = `${method.toUpperCase()} ${path}`;
    if (deprecation === null || noticed.has(operation)) return;
    noticed.add(operation);
    handler({ operation, deprecation, sunset: response.headers.get('Sunset') });
  };
}
