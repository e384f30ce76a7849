import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { newId } from './ids.js';

describe('newId', () => {
  it('makes valid, unique UUIDv7s whose first 48 bits are the time in milliseconds', () => {
    const before = Date.now();
    const ids = Array.from({ length: 5000 }, newId);
    const after = Date.now();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 600)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
      expect(id[19]).toMatch(/[89ab]/);
      const ms = Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(before);
      expect(ms).toBeLessThanOrEqual(after);
    }
  });
});
