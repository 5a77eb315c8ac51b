// "Add a resource" proof: a copy of the contract gains a resource with a two-word tag
// (Running Shoes: GET /running-shoes, GET /running-shoes/{shoe_id}; files in
// ./running-shoes/, shared error responses by $ref), the packages are built from the copy
// with their own scripts, and everything downstream knows the resource with no edit: the
// client's call names, the docs' samples, the server stubs' routes, the mock's errors.
import { cp, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as OpenApi from '@astral/openapi';
import type * as Server from '@astral/server';
import type * as Client from '@astral/client';
import type * as Msw from '@astral/msw';
import { setupServer } from 'msw/node';
import { startMockProcess, type MockProcess } from './mock-process.js';
import { buildWorkspaceCopy, repoRoot, type WorkspaceCopy } from './workspace-copy.js';

const fixture = fileURLToPath(new URL('./running-shoes/', import.meta.url));
const TAG = 'Running Shoes';
const SHOE_ID = 'shoe_pegasus41';

/** Lays the resource's files over the copy and lists its tag and paths in openapi.yaml. */
async function addRunningShoes(openapiDir: string): Promise<void> {
  await cp(fixture, openapiDir, { recursive: true });
  const entry = `${openapiDir}/openapi.yaml`;
  const text = await readFile(entry, 'utf8');
  const insertAfter = (source: string, line: string, added: string) => {
    const lines = source.split('\n');
    const at = lines.indexOf(line);
    if (at < 0 || lines.lastIndexOf(line) !== at) throw new Error(`openapi.yaml: expected one "${line}" line`);
    lines.splice(at + 1, 0, added);
    return lines.join('\n');
  };
  const withTag = insertAfter(text, 'tags:', `  - name: ${TAG}\n    description: Running shoes and the weeks they have been worn.`);
  const withPaths = insertAfter(
    withTag,
    'paths:',
    [
      '  /running-shoes:',
      '    $ref: paths/running-shoes.yaml',
      '  /running-shoes/{shoe_id}:',
      '    $ref: paths/running-shoes_{shoe_id}.yaml',
    ].join('\n'),
  );
  await writeFile(entry, withPaths);
}

let copy: WorkspaceCopy;
let table: (typeof OpenApi)['operationTable'];
let bundle: Record<string, any>;

beforeAll(async () => {
  const started = performance.now();
  copy = await buildWorkspaceCopy(addRunningShoes);
  const steps = copy.timings.map((t) => `${t.step} ${t.seconds.toFixed(1)} s`).join(', ');
  console.log(`workspace copy built in ${((performance.now() - started) / 1000).toFixed(1)} s (${steps})`);
  table = (await copy.importBuilt<typeof OpenApi>('openapi')).operationTable;
  bundle = JSON.parse(await readFile(copy.contractJson, 'utf8'));
}, 300_000); // lint, bundle, generate and four tsc builds on a shared 2-core machine

afterAll(async () => {
  await copy?.remove();
});

describe('a new resource with a two-word tag, added to a copy of the contract', () => {
  it('the generated table gives its operations client call names under runningShoes', () => {
    const ids = table as unknown as Record<string, { tag: string; client: { namespace: string; method: string } }>;
    expect(ids.listRunningShoes).toMatchObject({ tag: TAG, client: { namespace: 'runningShoes', method: 'list' } });
    expect(ids.getRunningShoe).toMatchObject({ tag: TAG, client: { namespace: 'runningShoes', method: 'get' } });
  });

  it('the docs samples call client.runningShoes.get(...)', async () => {
    const samples = (await import(pathToFileURL(`${repoRoot}apps/docs/src/code-samples.mjs`).href)) as {
      withCodeSamples(document: unknown): Record<string, any>;
    };
    const decorated = samples.withCodeSamples(bundle);
    const sources = (decorated.paths['/running-shoes/{shoe_id}'].get['x-codeSamples'] as Array<{ source: string }>).map((s) => s.source);
    expect(sources.join('\n')).toContain(`client.runningShoes.get('${SHOE_ID}')`);
    const list = (decorated.paths['/running-shoes'].get['x-codeSamples'] as Array<{ source: string }>).map((s) => s.source);
    expect(list.join('\n')).toContain('client.runningShoes.list(');
  });

  describe('the server stubs and the client, both built from the copy', () => {
    let app: ReturnType<(typeof Server)['createAstralServer']>;
    let baseUrl: string;
    beforeAll(async () => {
      const server = await copy.importBuilt<typeof Server>('server');
      app = server.createAstralServer({
        handlers: server.createStubHandlers(),
        authenticate: () => ({ id: 'usr_new_resource' }),
        mode: 'test',
      });
      await app.listen({ host: '127.0.0.1', port: 0 });
      baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await app?.close();
    });

    it('answer GET /api/v1/running-shoes/{id} with the contract example', async () => {
      const example = bundle.paths['/running-shoes/{shoe_id}'].get.responses['200'].content['application/json'].examples.pegasus41.value;
      const res = await fetch(`${baseUrl}/api/v1/running-shoes/${SHOE_ID}`, { headers: { Authorization: 'Bearer t' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(example);
    });

    it('client.runningShoes.list and .get exist and reach those routes', async () => {
      const { createAstralClient } = await copy.importBuilt<typeof Client>('client');
      const client = createAstralClient({ baseUrl: `${baseUrl}/api/v1`, token: 't' }) as unknown as Record<
        string,
        Record<string, (...args: unknown[]) => Promise<any>>
      >;
      expect(Object.keys(client.runningShoes ?? {}).sort()).toEqual(['get', 'list']);
      expect((await client.runningShoes!.get!(SHOE_ID)).shoe_id).toBe(SHOE_ID);
      expect((await client.runningShoes!.list!()).map((shoe: { shoe_id: string }) => shoe.shoe_id)).toContain(SHOE_ID);
    });
  });

  describe("the mock, started on the copy's bundle (ASTRAL_CONTRACT_JSON)", () => {
    let mock: MockProcess;
    beforeAll(async () => {
      mock = await startMockProcess(copy.contractJson);
    }, 120_000); // Prism reads the whole copy's contract; on a loaded 2-core machine that took over 30 s
    afterAll(async () => {
      await mock?.stop();
    });

    it('answers Prefer: code=404 with "Shoe not found", field shoe_id', async () => {
      const res = await fetch(`${mock.url}/running-shoes/${SHOE_ID}`, { headers: { 'X-API-Key': 'any', Prefer: 'code=404' } });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'Shoe not found', details: { code: 'NOT_FOUND', field: 'shoe_id' } });
    });
  });

  describe('@astral/msw, built from the copy', () => {
    it('serves the new operations with their examples and their derived 404, and the client reaches them', async () => {
      const { handlers } = await copy.importBuilt<typeof Msw>('msw');
      const { createAstralClient } = await copy.importBuilt<typeof Client>('client');
      const server = setupServer(...handlers);
      server.listen({ onUnhandledRequest: 'error' });
      try {
        const baseUrl = 'http://msw.copy.test/api/v1';
        const example = bundle.paths['/running-shoes/{shoe_id}'].get.responses['200'].content['application/json'].examples.pegasus41.value;
        const res = await fetch(`${baseUrl}/running-shoes/${SHOE_ID}`, { headers: { Authorization: 'Bearer t' } });
        expect([res.status, await res.json()]).toEqual([200, example]);
        const missing = await fetch(`${baseUrl}/running-shoes/${SHOE_ID}`, { headers: { Authorization: 'Bearer t', Prefer: 'code=404' } });
        expect(await missing.json()).toEqual({
          error: 'Shoe not found',
          details: { code: 'NOT_FOUND', field: 'shoe_id' },
        });
        const client = createAstralClient({ baseUrl, token: 't' }) as unknown as Record<
          string,
          Record<string, (...args: unknown[]) => Promise<any>>
        >;
        expect((await client.runningShoes!.get!(SHOE_ID)).shoe_id).toBe(SHOE_ID);
      } finally {
        server.close();
      }
    });
  });
});
