import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../src/config.js';

describe('readServerConfig', () => {
  it('defaults to 127.0.0.1 and the given port, examples not generated', () => {
    expect(readServerConfig({}, 4010)).toEqual({ host: '127.0.0.1', port: 4010, dynamic: false });
  });
  it('reads PORT, HOST, ASTRAL_MOCK_DYNAMIC and ASTRAL_CONTRACT_JSON', () => {
    expect(readServerConfig({ PORT: '0', HOST: '127.0.0.2', ASTRAL_MOCK_DYNAMIC: '1', ASTRAL_CONTRACT_JSON: '/tmp/c.json' }, 4010)).toEqual(
      {
        host: '127.0.0.2',
        port: 0,
        dynamic: true,
        contract: '/tmp/c.json',
      },
    );
  });
  it('refuses a bad port or switch value', () => {
    expect(() => readServerConfig({ PORT: 'http' }, 4010)).toThrow(/PORT/);
    expect(() => readServerConfig({ ASTRAL_MOCK_DYNAMIC: 'yes' }, 4010)).toThrow(/ASTRAL_MOCK_DYNAMIC/);
  });
});
