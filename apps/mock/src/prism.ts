/**
 * Prism 5.14's own packages, started in-process: the same operations loader and HTTP server
 * the `prism` CLI uses (`getHttpOperationsFromSpec`, `createServer`), with the same
 * configuration the CLI builds, minus the CLI's worker process and log pretty-printer.
 * Listens on an ephemeral loopback port that only the front talks to.
 */
import prismHttp from '@stoplight/prism-http';
import prismHttpServer from '@stoplight/prism-http-server';
import prismCore from '@stoplight/prism-core';
import { configureExtensionsUserProvided } from '@stoplight/prism-cli/dist/extensions.js';
import { developmentContractJsonPath } from '@astral/openapi/contract';
import { depthBoundContract } from './depth-bound.js';

type Operations = Awaited<ReturnType<typeof prismHttp.getHttpOperationsFromSpec>>;

export interface PrismOptions {
  /** `mock` answers from the contract's examples; `proxy` forwards to `upstream` and validates both ways. */
  mode: 'mock' | 'proxy';
  /** Generated responses instead of the contract's examples (mock mode). */
  dynamic?: boolean;
  /** The API to forward to in proxy mode, base path included: `http://127.0.0.1:3000/api/v1`. */
  upstream?: string;
  /** The bundled contract to serve; default the development bundle of @astral/openapi (local servers, development credentials). */
  contract?: string;
}

export interface RunningPrism {
  host: string;
  port: number;
  close(): Promise<void>;
}

const operations = new Map<string, Promise<Operations>>();

/** The contract's operations as Prism models them, loaded once per process and file. */
export function loadOperations(contract: string = developmentContractJsonPath): Promise<Operations> {
  let loaded = operations.get(contract);
  if (!loaded) {
    loaded = prismHttp.getHttpOperationsFromSpec(depthBoundContract(contract));
    operations.set(contract, loaded);
  }
  return loaded;
}

/**
 * Starts Prism on 127.0.0.1 (ephemeral port) with request validation, response validation
 * and the security check on, and without `--errors` (so an upstream's own error answers reach
 * the caller; findings go to the `sl-violations` header).
 *
 * @example
 * ```ts
 * const prism = await startPrism({ mode: 'mock' });
 * await fetch(`http://127.0.0.1:${prism.port}/races`, { headers: { 'X-API-Key': 'k' } });
 * await prism.close();
 * ```
 */
export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  const ops = await loadOperations(options.contract);
  // As the CLI does with `--json-schema-faker-fillProperties=false` (plus any
  // `x-json-schema-faker` options in the contract): generated bodies carry the contract's
  // fields only, never invented ones a frontend could start to rely on.
  await configureExtensionsUserProvided(options.contract ?? developmentContractJsonPath, { fillProperties: false });
  // Findings are logged by the front, from the same `sl-violations` header the caller gets.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- pino.Logger is unresolved (Prism's pino 6 ships no types, no @types/pino installed); it goes straight back to Prism
  const logger = prismCore.createLogger('PRISM', { level: 'silent' });
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: false,
    upstreamProxy: undefined,
    mock: { dynamic: options.dynamic ?? false },
  };
  const config =
    options.mode === 'proxy'
      ? { ...shared, isProxy: true as const, upstream: new URL(required(options.upstream)) }
      : { ...shared, isProxy: false as const };
  const server = prismHttpServer.createServer(ops, { cors: true, config, components: { logger } });
  const address = await server.listen(0, '127.0.0.1');
  return { host: '127.0.0.1', port: Number(new URL(address).port), close: () => server.close() };
}

function required(upstream: string | undefined): string {
  if (!upstream) throw new Error('startPrism: proxy mode needs an upstream URL');
  return upstream;
}
