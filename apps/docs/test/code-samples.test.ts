import { readFile } from 'node:fs/promises';
import { contract } from '@astral/openapi/contract';
import { operationTable } from '@astral/openapi';
import { describe, expect, it } from 'vitest';
import { withCodeSamples } from '../src/code-samples.mjs';
import { contractOperations } from './helpers.js';

const dist = new URL('../dist/published/', import.meta.url);

describe('x-codeSamples, generated from the contract', () => {
  const decorated = withCodeSamples(contract);

  it('gives every operation a curl and an @astral/client sample', () => {
    expect(contractOperations().length).toBeGreaterThan(0);
    for (const { method, path } of contractOperations()) {
      const samples = decorated.paths[path]![method]['x-codeSamples'] as Array<{ lang: string; source: string }>;
      expect(samples.map((sample) => sample.lang)).toEqual(['curl', 'TypeScript']);
    }
  });

  it('calls each operation by the name the operation table gives it, as @astral/client does', () => {
    expect(Object.keys(operationTable).length).toBeGreaterThan(0);
    for (const entry of Object.values(operationTable)) {
      const samples = decorated.paths[entry.path]![entry.method]['x-codeSamples'] as Array<{ lang: string; source: string }>;
      expect(samples[1]!.source).toContain(`await client.${entry.client.namespace}.${entry.client.method}(`);
    }
    expect(
      Object.fromEntries(Object.entries(operationTable).map(([id, e]) => [id, `${e.client.namespace}.${e.client.method}`])),
    ).toMatchObject({
      listRaces: 'races.list',
      getRace: 'races.get',
      createRace: 'races.create',
      updateRace: 'races.update',
      deleteRace: 'races.delete',
      getMe: 'auth.me',
    });
  });

  it('fills the samples with the contract examples', () => {
    const samples = (path: string, method: string) =>
      (decorated.paths[path]![method]['x-codeSamples'] as Array<{ lang: string; source: string }>).map((s) => s.source);
    const [listCurl, listTs] = samples('/races', 'get');
    expect(listCurl).toContain("curl 'https://app.nexrex.ai/api/v1/races?race_type=run&upcoming=true&limit=10'");
    expect(listCurl).toContain('Authorization: Bearer $ASTRAL_TOKEN');
    expect(listTs).toContain("import { createAstralClient } from '@astral/client';");
    expect(listTs).toContain("await client.races.list({ race_type: 'run', upcoming: true, limit: 10 });");
    const [, getTs] = samples('/races/{race_id}', 'get');
    expect(getTs).toContain("await client.races.get('race_xyz456');");
    const [createCurl, createTs] = samples('/races', 'post');
    const body = contract.paths['/races']!.post.requestBody.content['application/json'].examples;
    const firstBody = Object.values(body as Record<string, { value: { race_name: string } }>)[0]!.value;
    expect(createCurl).toContain("-X POST 'https://app.nexrex.ai/api/v1/races'");
    expect(createCurl).toContain(`"race_name": "${firstBody.race_name}"`);
    expect(createTs).toContain(`race_name: '${firstBody.race_name}'`);
    const [, meTs] = samples('/auth/me', 'get');
    expect(meTs).toContain('await client.auth.me();');
  });

  it('shows a device file sent as itself, with its media type, not as JSON', () => {
    const [curl, ts] = (decorated.paths['/activities/import']!.post['x-codeSamples'] as Array<{ source: string }>).map((s) => s.source);
    expect(curl).toContain("-H 'Content-Type: application/gpx+xml'");
    expect(curl).toContain('--data-binary @activity.gpx');
    expect(curl).not.toContain('application/json');
    expect(ts).toContain("await client.activities.import({ data: await readFile('activity.gpx'), type: 'application/gpx+xml' });");
  });

  it('leaves the contract itself undecorated', () => {
    expect(JSON.stringify(contract)).not.toContain('x-codeSamples');
  });

  it('are in the built site', async () => {
    const html = await readFile(new URL('index.html', dist), 'utf8');
    expect(html).toContain('x-codeSamples');
    expect(html).toContain('client.races.list');
  });
});
