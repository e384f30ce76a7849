import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('makes valid, unique UUIDv7s whose first 48 bits are the time in milliseconds', () => {
    const before = Date.now();
    const ids = Array.from({ length: 5000 }, newId);
    const after = Date.now();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 600)) {
      // RFC 9562: version nibble 7, variant bits 10.
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const ms = Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(before);
      expect(ms).toBeLessThanOrEqual(after);
    }
  });
});
