import { describe, expect, it } from 'vitest';
import { linksIn, splitLinks } from '../src/links.js';

describe('links in a plain-text body', () => {
  it('finds http and https links and leaves sentence punctuation out', () => {
    expect(linksIn('Verify: https://app.example/verify?token=abc&x=1. Or http://127.0.0.1:5173/a, then stop!')).toEqual([
      'https://app.example/verify?token=abc&x=1',
      'http://127.0.0.1:5173/a',
    ]);
  });

  it('keeps a closing bracket that belongs to the link and drops one that does not', () => {
    expect(linksIn('(see https://en.example/wiki/Pace_(running))')).toEqual(['https://en.example/wiki/Pace_(running)']);
    expect(linksIn('Click here [https://app.example/reset?token=xyz]')).toEqual(['https://app.example/reset?token=xyz']);
    expect(linksIn('<https://app.example/a>')).toEqual(['https://app.example/a']);
  });

  it('never links other schemes or a bare scheme', () => {
    expect(linksIn('javascript:alert(1) data:text/html,x https:// and ftp://files.example')).toEqual([]);
  });

  it('splits into pieces that join back to the text', () => {
    const text = 'a https://x.example/1 b https://x.example/2.';
    const pieces = splitLinks(text);
    expect(pieces.map((piece) => piece.text).join('')).toBe(text);
    expect(pieces.filter((piece) => piece.href).map((piece) => piece.href)).toEqual(['https://x.example/1', 'https://x.example/2']);
  });
});
