// Baseline: a bare Fastify server (no validation, no auth) answering the same bytes as
// the reference API on every route.
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';

const body = readFileSync(process.env.BENCH_BODY_FILE!);
const status = Number(process.env.BENCH_STATUS ?? 200);
const app = Fastify({ logger: false });
app.all('/*', (_request, reply) => {
  reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
});
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
console.log(JSON.stringify({ listening: Number(new URL(address).port) }));
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
