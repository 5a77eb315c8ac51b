// The four released packages as a consumer gets them: each `npm pack` tarball carries its
// types, README, LICENSE, CHANGELOG and `exports`, and no source maps, sources or tests;
// installed into a scratch project outside the monorepo, a small TypeScript program
// type-checks against them and runs against the mock.
//
// The tarballs are unpacked as npm installs them; their third-party dependencies are linked
// from the monorepo's node_modules (only the closure of what the tarballs declare, so an
// undeclared import still fails), which keeps the test offline and to a few seconds.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../src/index.js';
import type { RunningServer } from '../src/running-server.js';

const run = promisify(execFile);
const repoRoot = new URL('../../../', import.meta.url).pathname;
const released = ['openapi', 'client', 'server', 'msw'];
const scratch = mkdtempSync(join(tmpdir(), 'astral-packed-'));
const app = join(scratch, 'app');
const modules = join(app, 'node_modules');
const tarballs = new Map<string, string>();
let mock: RunningServer;

/** Links `name` and, through its package.json, everything it depends on, from the monorepo's node_modules. */
function linkClosure(names: string[]) {
  const pending = [...names];
  while (pending.length > 0) {
    const name = pending.pop()!;
    const target = join(modules, name);
    if (existsSync(target)) continue;
    const source = join(repoRoot, 'node_modules', name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(source, target);
    const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
    pending.push(...Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
  }
}

const program = `
import { createAstralClient, type DeprecationNotice } from '@astral/client';
import { createHandlersFor } from '@astral/msw';
import { operationTable, type components } from '@astral/openapi';
import { createStubHandlers } from '@astral/server';

type Race = components['schemas']['Race'];
declare const process: { argv: string[] };

const notices: DeprecationNotice[] = [];
const client = createAstralClient({ baseUrl: process.argv[2]!, token: 'dev-athlete-token', onDeprecated: (n) => notices.push(n) });
const { data } = await client.races.list({ limit: 2 });
const race: Race = await client.races.get(data[0]!.race_id);
// @ts-expect-error: the types are the contract's, so a number is no race_id
void client.races.get.bind(client, 42);
console.log(JSON.stringify({
  race: race.race_name,
  operations: Object.keys(operationTable).length,
  stub: typeof createStubHandlers().getRace,
  msw: typeof createHandlersFor,
  notices: notices.length,
}));
`;

beforeAll(async () => {
  mkdirSync(modules, { recursive: true });
  await Promise.all(
    released.map(async (name) => {
      const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: join(repoRoot, 'packages', name) });
      tarballs.set(name, join(scratch, stdout.trim().split('\n').at(-1)!));
    }),
  );
  for (const [name, tarball] of tarballs) {
    const target = join(modules, '@astral', name);
    mkdirSync(target, { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  }
  const declared = released.flatMap((name) => {
    const manifest = JSON.parse(readFileSync(join(modules, '@astral', name, 'package.json'), 'utf8'));
    return Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).filter((dep) => !dep.startsWith('@astral/'));
  });
  linkClosure([...declared, '@types/node']);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch-consumer', private: true, type: 'module' }));
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        skipLibCheck: true,
        outDir: 'out',
        lib: ['es2022', 'dom'],
      },
      files: ['main.ts'],
    }),
  );
  writeFileSync(join(app, 'main.ts'), program);
  mock = await startMock({ host: '127.0.0.1', port: 0 });
}, 180_000);

afterAll(async () => {
  await mock?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the released packages, packed', () => {
  it.each(released)('@astral/%s packs its types, README, LICENSE, CHANGELOG and exports, without maps or sources', async (name) => {
    const { stdout } = await run('tar', ['-tzf', tarballs.get(name)!]);
    const files = stdout.trim().split('\n');
    for (const file of ['package/README.md', 'package/LICENSE', 'package/CHANGELOG.md', 'package/package.json'])
      expect(files).toContain(file);
    expect(files.some((file) => file.endsWith('.d.ts'))).toBe(true);
    expect(files.filter((file) => /\.map$|^package\/(src|test)\//.test(file))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(modules, '@astral', name, 'package.json'), 'utf8'));
    expect(manifest.license).toBe('UNLICENSED');
    for (const [subpath, target] of Object.entries<any>(manifest.exports)) {
      if (typeof target === 'object') expect(files, subpath).toContain(`package/${target.types.replace('./', '')}`);
    }
  });

  it('installed outside the monorepo, a small program type-checks against them and runs against the mock', async () => {
    await run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', app]);
    const { stdout } = await run(process.execPath, [join(app, 'out/main.js'), mock.url], { cwd: app });
    const result = JSON.parse(stdout);
    expect(result.race).toEqual(expect.any(String));
    expect(result.operations).toBeGreaterThan(0);
    expect(result).toMatchObject({ stub: 'function', msw: 'function', notices: 0 });
  }, 120_000);
});
