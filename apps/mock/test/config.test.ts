import { describe, expect, it } from 'vitest';
import { readMockConfig } from '../src/config.js';

describe('readMockConfig', () => {
  it('defaults to 127.0.0.1 and the given port, examples not generated', () => {
    expect(readMockConfig({})).toEqual({ host: '127.0.0.1', port: 4010, dynamic: false });
  });
  it('reads PORT, HOST, ASTRAL_MOCK_DYNAMIC and ASTRAL_CONTRACT_JSON', () => {
    expect(readMockConfig({ PORT: '0', HOST: '127.0.0.2', ASTRAL_MOCK_DYNAMIC: '1', ASTRAL_CONTRACT_JSON: import.meta.filename })).toEqual({
      host: '127.0.0.2',
      port: 0,
      dynamic: true,
      contract: import.meta.filename,
    });
  });
  it('refuses a bad port or switch value', () => {
    expect(() => readMockConfig({ PORT: 'http' })).toThrow(/PORT/);
    expect(() => readMockConfig({ ASTRAL_MOCK_DYNAMIC: 'yes' })).toThrow(/ASTRAL_MOCK_DYNAMIC/);
  });
});
