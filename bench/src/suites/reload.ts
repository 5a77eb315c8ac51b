// Edit to reload in `npm start`: the orchestrator runs on free ports over a temporary copy
// of the contract (the real openapi/ is never touched); each edit is timed from the write
// to the line saying the types are regenerated and the mock reloaded, then to the line
// saying everything (sandbox, docs, lint) is. The baseline is what a user would do
// without the watcher: restart npm start.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from '../measure.js';
import { contractSource, repoRoot } from '../paths.js';
import { row, type ResultRow } from '../report.js';

const EDITS = 3;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function waitForOutput(child: ChildProcess, output: { text: string }, pattern: RegExp, from: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start: no ${pattern} within ${timeoutMs} ms:\n${output.text.slice(-2000)}`)),
      timeoutMs,
    );
    const check = () => {
      if (pattern.test(output.text.slice(from))) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    check();
  });
}

export async function runReloadSuite(log: (line: string) => void): Promise<ResultRow[]> {
  const work = await mkdtemp(join(tmpdir(), 'astral-bench-reload-'));
  await cp(contractSource, join(work, 'openapi'), { recursive: true });
  const env = {
    ...process.env,
    NO_COLOR: '1',
    ASTRAL_API_PORT: String(await freePort()),
    ASTRAL_MOCK_PORT: String(await freePort()),
    ASTRAL_SANDBOX_PORT: String(await freePort()),
    ASTRAL_DOCS_PORT: String(await freePort()),
    ASTRAL_MAIL_PORT: String(await freePort()),
    ASTRAL_MAIL_SMTP_PORT: String(await freePort()),
    ASTRAL_CONTRACT_DIR: join(work, 'openapi'),
    ASTRAL_START_OUT: join(work, 'out'),
    ASTRAL_IN_MEMORY: '1',
    ASTRAL_DATA_DIR: join(work, 'data'),
  };
  const output = { text: '' };
  const launched = performance.now();
  const child = spawn(process.execPath, [join(repoRoot, 'scripts/start.mjs')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => (output.text += chunk));
  child.stderr.on('data', (chunk) => (output.text += chunk));
  try {
    await waitForOutput(child, output, /Ctrl-C stops everything\./, 0, 180_000);
    const startSeconds = (performance.now() - launched) / 1000;
    const entry = join(work, 'openapi', 'openapi.yaml');
    const original = await readFile(entry, 'utf8');
    const mockReloads: number[] = [];
    const fullReloads: number[] = [];
    for (let edit = 1; edit <= EDITS; edit++) {
      const from = output.text.length;
      const written = performance.now();
      await writeFile(entry, original.replace('  title: Astral API\n', `  title: Astral API (edit ${edit})\n`));
      await waitForOutput(child, output, /\[watch\] types regenerated and mock reloaded in \d+ ms/, from, 120_000);
      mockReloads.push((performance.now() - written) / 1000);
      await waitForOutput(child, output, /\[watch\] reloaded in \d+ ms/, from, 120_000);
      fullReloads.push((performance.now() - written) / 1000);
    }
    const [mock, full] = [median(mockReloads), median(fullReloads)];
    log(
      `reload: npm start ready in ${startSeconds.toFixed(1)} s; edit to mock ${mockReloads.map((s) => s.toFixed(2)).join(', ')} s; with docs ${fullReloads.map((s) => s.toFixed(2)).join(', ')} s`,
    );
    const common = {
      suite: 'Pipeline: turbo run build',
      baseline: 'restarting npm start by hand (cached build, every server)',
      metric: `wall time, median of ${EDITS} edits`,
      unit: 's',
      baselineValue: startSeconds,
    };
    return [
      row({
        ...common,
        subject: 'npm start: contract edit to regenerated types and a reloaded mock',
        value: mock,
        goal: 'edit to reload < 5 s',
        met: mock < 5,
      }),
      row({ ...common, subject: 'npm start: contract edit to everything reloaded (sandbox, docs, lint)', value: full }),
    ];
  } finally {
    child.kill('SIGTERM');
    await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 15_000))]);
    await rm(work, { recursive: true, force: true });
  }
}
