// What the try-it console is built from: every operation of the contract with its
// parameters and example body, the development credentials of the security schemes, and
// links from the reference page; the built console loads nothing from the network.
import { readFile } from 'node:fs/promises';
import { loadContract } from '@astral/openapi/contract';
import { describe, expect, it } from 'vitest';
import { consoleModel, withConsoleLinks } from '../src/console-model.mjs';
import { readDocsConfig } from '../src/settings.mjs';
import { externalAssetUrls } from '../src/offline.mjs';
import { contractOperations } from './helpers.js';

// The console is built from the development bundle: it offers the development credentials.
const contract = loadContract('development');
const model = consoleModel(contract);
const operation = (id: string) => model.operations.find((o) => o.operationId === id)!;

describe('the console model', () => {
  it('has every operation of the contract, in contract order', () => {
    expect(model.operations.map((o) => o.operationId)).toEqual(contractOperations().map((o) => o.operationId));
  });

  it("fills path parameters from the contract's examples and offers the others as placeholders", () => {
    expect(operation('getRace').parameters).toEqual([
      expect.objectContaining({ name: 'race_id', in: 'path', required: true, value: 'race_xyz456' }),
    ]);
    const createRace = operation('createRace');
    expect(createRace.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', value: '' })]);
    expect(JSON.parse(createRace.body!)).toMatchObject({ race_name: expect.any(String), race_type: expect.any(String) });
    expect(operation('listRaces').body).toBeNull();
    expect(createRace.contentType).toBe('application/json');
    // A device file is offered as its example's text, sent with its own media type.
    const imported = operation('importActivity');
    expect(imported.contentType).toBe('application/gpx+xml');
    expect(imported.body).toMatch(/^<\?xml[\s\S]*<trkpt/);
  });

  it("offers the development credentials the security schemes list, in each scheme's header", () => {
    expect(model.credentials.map(({ header, value }) => `${header}: ${value}`)).toEqual([
      'Authorization: Bearer dev-athlete-token',
      'Authorization: Bearer dev-admin-token',
      'Authorization: Bearer dev-coach-token',
      'Authorization: Bearer dev-assistant-token',
      'Authorization: Bearer dev-member-token',
      'X-API-Key: dev-org-key',
    ]);
  });

  it('tries the calendar feed with a development credential: its feed_token alternative is a URL made by an operation, not one to offer', () => {
    const calendar = operation('getTrainingPlanInstanceCalendar');
    expect(calendar.security).toEqual([['bearerAuth'], ['apiKeyAuth'], ['calendarFeedToken']]);
    // No development feed token exists (each is made, shown once, by createTrainingPlanInstanceCalendarFeed) ...
    expect(model.credentials.filter((c) => c.scheme === 'calendarFeedToken')).toEqual([]);
    // ... and the console sends one it offers, which the operation accepts too.
    const offered = new Set(model.credentials.map((c) => c.scheme));
    expect(calendar.security.filter((alternative) => alternative.every((scheme) => offered.has(scheme))).length).toBeGreaterThan(0);
    expect(operation('createTrainingPlanInstanceCalendarFeed').security).toEqual([['bearerAuth']]);
  });

  it("links the reference page's overview and every operation to the console", () => {
    const linked = withConsoleLinks(contract);
    expect(linked.info.description).toContain('](try/)');
    expect(linked.paths['/races']!.get.description).toContain('](try/#listRaces)');
    expect(contract.paths['/races']!.get.description ?? '').not.toContain('try/#');
  });

  it('sends to the mock and the sandbox where the environment says', () => {
    expect(readDocsConfig({}).targets).toEqual([
      { name: 'mock', url: 'http://127.0.0.1:4010/api/v1' },
      { name: 'sandbox', url: 'http://127.0.0.1:4011/api/v1' },
    ]);
    expect(readDocsConfig({ ASTRAL_MOCK_PORT: '4020', ASTRAL_SANDBOX_URL: 'http://127.0.0.1:5000/api/v1' }).targets).toEqual([
      { name: 'mock', url: 'http://127.0.0.1:4020/api/v1' },
      { name: 'sandbox', url: 'http://127.0.0.1:5000/api/v1' },
    ]);
  });
});

describe('the built console', () => {
  it('is in the build, loads nothing from the network, and carries the model', async () => {
    const dir = new URL('../dist/development/try/', import.meta.url);
    for (const file of ['index.html', 'console.js', 'console.css']) {
      expect(externalAssetUrls(await readFile(new URL(file, dir), 'utf8'))).toEqual([]);
    }
    expect(JSON.parse(await readFile(new URL('operations.json', dir), 'utf8'))).toEqual(JSON.parse(JSON.stringify(model)));
    expect(await readFile(new URL('../dist/development/index.html', import.meta.url), 'utf8')).toContain('try/#listRaces');
  });
});
