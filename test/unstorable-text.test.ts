/**
 * Text PostgreSQL cannot store (a NUL character, half of a surrogate pair) in any path parameter,
 * query field or body field of any operation is a 400 naming the field, appends nothing, and is
 * never a 5xx — under every role, anonymous included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstorableField } from '../src/api/text-guard.js';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let operations: { method: string; path: string }[];
const centreId = newId();

beforeAll(async () => {
  t = await createTestApp();
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
});
afterAll(async () => t.close());

describe('text that cannot be stored', () => {
  it('finds the field, at any depth and in keys', () => {
    expect(unstorableField({ a: 'fine', b: [{ c: 'x\u0000y' }] })).toBe('b.0.c');
    expect(unstorableField({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(unstorableField({ a: 'half \uD800 a pair' })).toBe('a');
    expect(unstorableField({ a: 'a whole pair 😀 and ø' })).toBeNull();
    // A bidirectional override would turn the text around it on the page that shows it.
    expect(unstorableField({ goal: 'Jeg vil \u202Eredneb\u202C' })).toBe('goal');
    expect(unstorableField({ note: 'isoleret \u2066x\u2069' })).toBe('note');
    expect(unstorableField({ text: 'أريد أن أصبح نجارا' })).toBeNull();
  });

  it('in a path parameter, a query field or a body field of every operation is a 400 naming it, for every role', async () => {
    expect(operations.length).toBeGreaterThan(60);
    const tokens = [null, await t.token('citizen'), await t.token('staff', centreId), await t.token('board_member', centreId), await t.token('admin'), await t.token('auditor')];
    const events = await t.eventCount();
    const wrong: string[] = [];
    for (const { method, path } of operations) {
      const withParams = path.includes('{');
      for (const token of tokens) {
        const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' };
        const cases: { url: string; payload?: string; where: string }[] = [{ url: `${path.replace(/\{[^}]+\}/g, newId())}?x=a%00b`, where: 'querystring' }];
        if (withParams) cases.push({ url: path.replace(/\{[^}]+\}/g, 'a%00b'), where: 'params' });
        if (method !== 'GET') cases.push({ url: path.replace(/\{[^}]+\}/g, newId()), payload: '{"name":"a\\u0000b","text":"\\ud800"}', where: 'body' });
        for (const c of cases) {
          const response = await t.app.inject({ method: method as 'GET', url: c.url, headers, ...(c.payload ? { payload: c.payload } : method !== 'GET' ? { payload: '{}' } : {}) });
          const body = String(response.headers['content-type'] ?? '').includes('json') ? response.json() : {};
          if (response.statusCode !== 400 || body.code !== 'unstorable_text' || body.errors?.[0]?.in !== c.where) {
            wrong.push(`${method} ${path} (${c.where}, ${token ? 'signed in' : 'anonymous'}): ${response.statusCode} ${response.body.slice(0, 120)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await t.eventCount()).toBe(events);
  });
});
