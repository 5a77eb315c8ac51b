import { describe, expect, it } from 'vitest';
import { parseViolations, requestErrors, violationField, violationMessage, type Violation } from '../src/violations.js';

const finding = (location: string[], code: string | number, message: string): Violation => ({
  location,
  severity: 'Error',
  code,
  message,
});

describe('violationField', () => {
  it('names query, path and header parameters', () => {
    expect(violationField(finding(['request', 'query', 'limit'], 'maximum', ''))).toBe('limit');
    expect(violationField(finding(['request', 'path', 'race_id'], 'pattern', ''))).toBe('race_id');
  });

  it('names body fields the way the API does, array items in brackets', () => {
    expect(violationField(finding(['request', 'body', 'race_name'], 'type', ''))).toBe('race_name');
    expect(violationField(finding(['request', 'body', 'race_variants', '0'], 'type', ''))).toBe('race_variants[0]');
  });

  it('reads the property out of required and additionalProperties findings', () => {
    expect(violationField(finding(['request', 'body'], 'required', "Request body must have required property 'race_date'"))).toBe(
      'race_date',
    );
    expect(
      violationField(
        finding(['request', 'body'], 'additionalProperties', "Request body must NOT have additional properties; found 'race_id'"),
      ),
    ).toBe('race_id');
  });

  it('has no field for a finding about the whole body, and Content-Type for a media type', () => {
    expect(
      violationField(finding(['request', 'body'], 'minProperties', 'Request body must NOT have fewer than 1 properties')),
    ).toBeUndefined();
    expect(violationField(finding(['request'], 415, 'Supported content types: application/json'))).toBe('Content-Type');
  });
});

describe('violationMessage', () => {
  it("drops Prism's preamble and names the field", () => {
    expect(violationMessage(finding(['request', 'query', 'limit'], 'maximum', 'Request query parameter limit must be <= 100'))).toBe(
      'limit must be <= 100',
    );
    expect(
      violationMessage(finding(['request', 'body', 'race_variants', '0'], 'type', 'Request body property race_variants.0 must be string')),
    ).toBe('race_variants[0] must be string');
    expect(violationMessage(finding(['request', 'body'], 'required', "Request body must have required property 'race_name'"))).toBe(
      'race_name is required',
    );
  });
});

describe('parseViolations', () => {
  it('reads the header, and keeps request errors apart from response findings', () => {
    const header = JSON.stringify([
      finding(['request', 'query', 'limit'], 'maximum', 'm'),
      { ...finding(['request', 'query', 'x'], 'x', 'w'), severity: 'Warning' },
      finding(['response', 'body'], 'required', 'r'),
    ]);
    const all = parseViolations(header);
    expect(all).toHaveLength(3);
    expect(requestErrors(all).map((v) => v.location.join('.'))).toEqual(['request.query.limit']);
  });

  it('turns a truncated header into one finding rather than nothing', () => {
    expect(parseViolations('Too many violations! [{"location"')).toHaveLength(1);
    expect(parseViolations(undefined)).toEqual([]);
  });
});
