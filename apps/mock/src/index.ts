/**
 * The Astral mock server (Prism over the contract, in the API's error dialect) and the
 * stateful sandbox (the reference API behind Prism's validating proxy).
 *
 * @example
 * ```ts
 * import { startMock } from '@astral/mock';
 * const mock = await startMock({ port: 0 });
 * const client = createAstralClient({ baseUrl: mock.url, token: 'any' });
 * await mock.close();
 * ```
 */
export { startMock, type MockOptions } from './mock.js';
export type { RunningServer } from './running-server.js';
export { startSandbox, type RunningSandbox, type SandboxOptions } from './sandbox.js';
export { startValidatingProxy, type ProxyOptions } from './proxy.js';
export { uncheckedHeader, violationsCountHeader } from './sandbox-dialect.js';
export { parseViolations, violationField, violationsHeader, type Violation } from './violations.js';
export type { Log } from './log.js';
