// A deprecated operation's answers carry `Deprecation` (and `Sunset`): the client warns once per operation.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createAstralClient, type DeprecationNotice } from '../src/index.js';
import { baseUrl, fakeFetch, json, race } from './fake-fetch.js';

const deprecated = { Deprecation: '@1798761600', Sunset: 'Wed, 30 Jun 2027 23:59:59 GMT' };
const raceBody = { status: 'ok', data: race };

afterEach(() => vi.restoreAllMocks());

describe('deprecation notices', () => {
  test('the handler hears once per operation, whatever the number of calls', async () => {
    const notices: DeprecationNotice[] = [];
    const fetch = fakeFetch(json(raceBody, 200, deprecated));
    const client = createAstralClient({ baseUrl, token: 't', fetch, onDeprecated: (notice) => notices.push(notice) });
    await client.races.get('race_a');
    await client.races.get('race_b');
    await client.safe.races.get('race_c');
    await client.raw.GET('/races/{race_id}', { params: { path: { race_id: 'race_d' } } });
    expect(fetch.calls).toHaveLength(4);
    expect(notices).toEqual([{ operation: 'GET /races/{race_id}', deprecation: '@1798761600', sunset: 'Wed, 30 Jun 2027 23:59:59 GMT' }]);
  });

  test('by default it warns on the console, once, with the dates', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const client = createAstralClient({ baseUrl, token: 't', fetch: fakeFetch(json(raceBody, 200, deprecated)) });
    await client.races.get('race_a');
    await client.races.get('race_b');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toBe(
      '[@astral/client] GET /races/{race_id} is deprecated since 2027-01-01; it stops answering after Wed, 30 Jun 2027 23:59:59 GMT. See the API changelog for its replacement.',
    );
  });

  test('an operation that is not deprecated warns nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const client = createAstralClient({ baseUrl, token: 't', fetch: fakeFetch(json(raceBody)) });
    await client.races.get('race_a');
    expect(warn).not.toHaveBeenCalled();
  });
});
