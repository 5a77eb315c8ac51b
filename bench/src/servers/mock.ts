// The Prism mock (BENCH_TARGET=mock) or the sandbox (BENCH_TARGET=sandbox), as frontend
// teams run them, in a process of their own.
import { startMock, startSandbox } from '@astral/mock';

const quiet = { log: () => {} };
const server = process.env.BENCH_TARGET === 'sandbox' ? await startSandbox({ port: 0, ...quiet }) : await startMock({ port: 0, ...quiet });
console.log(JSON.stringify({ listening: Number(new URL(server.url).port) }));
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
