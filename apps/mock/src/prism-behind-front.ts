/**
 * Prism on a private loopback port with the front on the public one: the shape both the
 * mock and the sandbox's validating proxy run in. Closing closes both; if the front cannot
 * start (a taken port, say), Prism is closed too, so nothing is left behind.
 */
import { basePath } from '@astral/openapi';
import { startFront, type FrontOptions } from './front.js';
import { inFrontOf, type RunningServer } from './running-server.js';
import { startPrism, type PrismOptions } from './prism.js';

/**
 * @example
 * const server = await startPrismBehindFront({ mode: 'mock', dynamic: false }, { host: '127.0.0.1', port: 0, onReply });
 * server.url; // "http://127.0.0.1:<port>/api/v1"
 */
export async function startPrismBehindFront(prismOptions: PrismOptions, frontOptions: Omit<FrontOptions, 'prism'>): Promise<RunningServer> {
  const prism = await startPrism(prismOptions);
  return inFrontOf(prism, async () => {
    const front = await startFront({ ...frontOptions, prism: { host: prism.host, port: prism.port, prefix: '' } });
    return { url: `${front.url}${basePath}`, close: () => front.close() };
  });
}
