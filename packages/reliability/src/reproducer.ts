/** How a failing request is printed: a curl command anyone can paste, plus the seed that regenerates it. */
import type { ApiRequest } from './exchange.js';

const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * The exact request as a curl command, with the seed and position that regenerate it.
 *
 * @example
 * ```ts
 * formatReproducer({ operationId: 'getMe', method: 'GET', url: '/api/v1/auth/me', headers: {} }, { seed: 42, index: 7 });
 * // "seed=42 index=7 operation=getMe\n  curl -i -X GET 'http://127.0.0.1:3000/api/v1/auth/me'"
 * ```
 */
export function formatReproducer(request: ApiRequest, replay: { seed?: number; index?: number; baseUrl?: string } = {}): string {
  const parts = ['curl -i', `-X ${request.method}`, shellQuote(`${replay.baseUrl ?? 'http://127.0.0.1:3000'}${request.url}`)];
  for (const [name, value] of Object.entries(request.headers)) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (request.body instanceof Uint8Array) {
    // A device file: its size and first bytes (replay it from the seed, not by hand).
    parts.push(
      `--data-binary @file  # ${request.body.length} bytes, starting ${Buffer.from(request.body.subarray(0, 16)).toString('hex')}`,
    );
  } else if (request.body !== undefined) {
    const body = request.body.length > 2000 ? `${request.body.slice(0, 2000)}… (${request.body.length} chars in all)` : request.body;
    parts.push(`--data-binary ${shellQuote(body)}`);
  }
  const where = [
    replay.seed !== undefined ? `seed=${replay.seed}` : '',
    replay.index !== undefined ? `index=${replay.index}` : '',
    `operation=${request.operationId}`,
    request.broken ? `broken=${JSON.stringify(request.broken)}` : 'valid request',
  ];
  return `${where.filter(Boolean).join(' ')}\n  ${parts.join(' ')}`;
}
