import { describe, expect, it } from 'vitest';
import { journeyReference, referencePrefix } from './reference.js';

describe('a journey reference', () => {
  it('is the journey id’s first eight hex digits in two groups, and reads back however it is typed', () => {
    const id = '7f3a09c2-1b2c-4d5e-8f90-0123456789ab';
    expect(journeyReference(id)).toBe('7F3A-09C2');
    expect(referencePrefix('7F3A-09C2')).toBe('7f3a09c2');
    expect(referencePrefix(' 7f3a 09c2 ')).toBe('7f3a09c2');
    expect(id.startsWith(referencePrefix(journeyReference(id))!)).toBe(true);
  });
  it('is not anything else', () => {
    for (const typed of ['', '7F3A-09C', '7F3A-09C2-1', 'ZZZZ-ZZZZ', "7f3a09c2'--"]) expect(referencePrefix(typed)).toBeNull();
  });
});
