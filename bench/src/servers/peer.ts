// The server under test of the peers suite: BENCH_PEER picks the variant (suites/peers.ts).
import type { Server } from 'node:http';
import { astralPeer } from './peers/astral.js';
import { expressPeer } from './peers/express-validator.js';
import { fastifyPeer } from './peers/fastify-hand.js';
import { openapiBackendPeer } from './peers/openapi-backend.js';
import { gluePeer } from './peers/openapi-glue.js';

const variant = process.env.BENCH_PEER ?? '';
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 0);
const fastifyApps = {
  'astral-production': async () => astralPeer('production'),
  'astral-development': async () => astralPeer('development'),
  fastify: async () => fastifyPeer(),
  'openapi-glue': gluePeer,
  'openapi-backend': openapiBackendPeer,
};
let listening: number;
if (variant === 'express-openapi-validator') {
  const server: Server = await new Promise((resolve) => {
    const started = expressPeer().listen(port, host, () => resolve(started));
  });
  listening = (server.address() as { port: number }).port;
} else if (variant in fastifyApps) {
  const app = await fastifyApps[variant as keyof typeof fastifyApps]();
  listening = Number(new URL(await app.listen({ port, host })).port);
} else {
  throw new Error(`unknown BENCH_PEER ${variant}`);
}
console.log(JSON.stringify({ listening }));
process.on('SIGTERM', () => process.exit(0));
