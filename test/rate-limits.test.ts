import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../src/api/rate-limits.js';
import { createTestApp } from './support/app.js';

// Small limits so that the test reaches them quickly; the window is long enough not to reset mid-test.
const limits = { windowMs: 60_000, writesPerPrincipal: 4, writesPerIp: 9, failedSignInsPerIp: 3 };

let t: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  t = await createTestApp({ rateLimits: limits });
});
afterAll(async () => t.close());

const establish = (token: string, ip: string, name: string) =>
  t.app.inject({
    method: 'POST',
    url: '/centres',
    remoteAddress: ip,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    payload: JSON.stringify({ municipalityCode: '101', name }),
  });

describe('rate limits', () => {
  it('the defaults are on in the server and generous for a person at work', () => {
    expect(DEFAULT_RATE_LIMITS.writesPerPrincipal).toBeGreaterThanOrEqual(60);
    expect(DEFAULT_RATE_LIMITS.writesPerIp).toBeGreaterThan(DEFAULT_RATE_LIMITS.writesPerPrincipal);
  });

  it('one person gets a 429 problem+json with Retry-After past their allowance, recording nothing; another person from the same address goes on', async () => {
    const admin = await t.token('admin');
    for (let i = 0; i < limits.writesPerPrincipal; i++) expect((await establish(admin, '10.0.0.1', `Hus ${i}`)).statusCode).toBe(201);
    const before = await t.eventCount();
    const refused = await establish(admin, '10.0.0.1', 'Ét for meget');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 429, code: 'too_many_requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await t.eventCount()).toBe(before);
    // The count is the verified person's, not the address's.
    expect((await establish(await t.token('admin'), '10.0.0.1', 'En anden'))).toMatchObject({ statusCode: 201 });
    // Reads are not writes.
    expect((await t.app.inject({ method: 'GET', url: '/centres', remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
  });

  it('one address gets a 429 past its allowance of writes, whoever signs them', async () => {
    let last = 0;
    for (let i = 0; i < limits.writesPerIp + 1; i++) last = (await establish(await t.token('admin'), '10.0.0.2', `Hus ${i}`)).statusCode;
    expect(last).toBe(429);
    // Another address is not affected.
    expect((await establish(await t.token('admin'), '10.0.0.3', 'Andet sted')).statusCode).toBe(201);
  });

  it('a token naming someone else cannot use up their allowance: a forged token is a 401 and counts against the address only', async () => {
    const victim = await t.token('admin', undefined, 'victim-admin');
    for (let i = 0; i < limits.failedSignInsPerIp; i++) expect((await establish('forged.token.here', '10.0.0.4', 'Forsøg')).statusCode).toBe(401);
    // The address is now locked out for the window, for every request carrying a token, a good one too.
    const locked = await establish(await t.token('admin'), '10.0.0.4', 'Efter spærringen');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('too_many_requests');
    // Requests without credentials go on: public reads and the health checks.
    expect((await t.app.inject({ method: 'GET', url: '/centres', remoteAddress: '10.0.0.4' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/health', remoteAddress: '10.0.0.4' })).statusCode).toBe(200);
    // The person named elsewhere is untouched.
    expect((await establish(victim, '10.0.0.5', 'Offerets hus')).statusCode).toBe(201);
  });

  it('requests without a token are no failed sign-ins, however many', async () => {
    for (let i = 0; i < limits.failedSignInsPerIp * 3; i++) {
      expect((await t.app.inject({ method: 'GET', url: '/calendars/someone/slots', remoteAddress: '10.0.0.6' })).statusCode).toBe(401);
    }
    expect((await establish(await t.token('admin'), '10.0.0.6', 'Stadig åben')).statusCode).toBe(201);
  });

  it('one IPv6 allocation (/64) counts as one address', async () => {
    const codes: number[] = [];
    for (let i = 1; i <= limits.writesPerIp + 1; i++) codes.push((await establish(await t.token('admin'), `2001:db8:1:2::${i.toString(16)}`, `V6 ${i}`)).statusCode);
    expect(codes.at(-1)).toBe(429);
    expect(codes.slice(0, -1).every((c) => c === 201)).toBe(true);
  });
});
