// Baseline: bare node:http answering with the exact bytes the reference API answers
// (BENCH_BODY_FILE, captured from it), whatever the request.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const body = readFileSync(process.env.BENCH_BODY_FILE!);
const status = Number(process.env.BENCH_STATUS ?? 200);
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    response.end(body);
  });
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ listening: typeof address === 'object' && address ? address.port : 0 }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
