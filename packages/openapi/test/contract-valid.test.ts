import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { bundled } from './bundled.js';

describe('the bundled contract', () => {
  it('is a valid OpenAPI 3.1 document by an independent validator', async () => {
    const result = await new Validator().validate(structuredClone(bundled));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(bundled.openapi).toMatch(/^3\.1\./);
  });

  it('is the same document in YAML and JSON', () => {
    const yaml = parse(readFileSync(new URL('../dist/contract/openapi.yaml', import.meta.url), 'utf8'));
    expect(yaml).toEqual(bundled);
  });

  it('has no $ref left pointing outside the document', () => {
    const refs = JSON.stringify(bundled).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.filter((ref) => !ref.includes('"#/'))).toEqual([]);
  });
});
