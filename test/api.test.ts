import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, SignJWT } from 'jose';
import { newId } from '../src/ids.js';
import { LOCAL_ISSUER, AUDIENCE, mintLocalToken } from '../src/identity/tokens.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let admin: string;
let centreId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.token('admin');
});
afterAll(async () => t.close());

const json = (token: string | null, body: unknown, headers: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  payload: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('centres through the API', () => {
  it('an administrator establishes a centre; it appears in the public list', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/centres', ...json(admin, { municipalityCode: '101', name: 'Virkelyst Nørrebro' }) });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    centreId = body.centreId;
    expect(response.headers.location).toBe(`/centres/${centreId}`);
    expect(body).toMatchObject({ version: 1, duplicate: false, events: [{ type: 'CentreEstablished' }] });

    await t.engine.settle();
    const list = await t.app.inject({ method: 'GET', url: '/centres?municipality=0101' });
    expect(list.json().centres).toEqual([
      expect.objectContaining({ centreId, name: 'Virkelyst Nørrebro', municipality: { code: '101', name: 'København' } }),
    ]);
    const one = await t.app.inject({ method: 'GET', url: `/centres/${centreId}` });
    expect(one.json().openingHours.monday).toEqual([]);
  });

  it('a retried Idempotency-Key returns the first answer and records nothing new', async () => {
    const key = newId();
    const body = { municipalityCode: '751', name: 'Huset i Aarhus' };
    const first = await t.app.inject({ method: 'POST', url: '/centres', ...json(admin, body, { 'idempotency-key': key }) });
    const count = await t.eventCount();
    const again = await t.app.inject({ method: 'POST', url: '/centres', ...json(admin, body, { 'idempotency-key': key }) });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ centreId: first.json().centreId, duplicate: true });
    expect(await t.eventCount()).toBe(count);
  });

  it('an Idempotency-Key reused by someone else, or for another request, is refused and changes nothing', async () => {
    const key = newId();
    await t.app.inject({ method: 'POST', url: '/centres', ...json(admin, { municipalityCode: '101', name: 'Første' }, { 'idempotency-key': key }) });
    const count = await t.eventCount();
    const citizen = await t.token('citizen');
    const stolen = await t.app.inject({ method: 'PUT', url: `/centres/${centreId}/name`, ...json(citizen, { name: 'Overtaget' }, { 'idempotency-key': key }) });
    expect(stolen.statusCode).toBe(422);
    expect(stolen.json().code).toBe('idempotency_key_reused');
    const otherBody = await t.app.inject({ method: 'POST', url: '/centres', ...json(admin, { municipalityCode: '999', name: 'Anden' }, { 'idempotency-key': key }) });
    expect(otherBody.statusCode).toBe(422);
    expect(await t.eventCount()).toBe(count);
  });

  it('the centre’s board renames it and its staff set opening hours', async () => {
    // A board member acts while they hold a seat on the board, not on the strength of a token.
    const board = await t.token('board_member', centreId, 'member-1');
    const admin = await t.token('admin');
    expect((await t.app.inject({ method: 'PUT', url: `/centres/${centreId}/name`, ...json(board, { name: 'Mulighedernes Hus' }) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/centres/${centreId}/board`, ...json(admin, {}) })).statusCode).toBe(201);
    const seated = await t.app.inject({ method: 'POST', url: `/centres/${centreId}/board/seats/citizen/member`, ...json(admin, { memberId: 'member-1', how: 'elected', from: '2026-01-01' }) });
    expect(seated.statusCode, seated.body).toBe(200);
    const renamed = await t.app.inject({ method: 'PUT', url: `/centres/${centreId}/name`, ...json(board, { name: 'Mulighedernes Hus' }) });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().version).toBe(2);
    const staff = await t.token('staff', centreId);
    const hours = { monday: [{ opens: '09:00', closes: '15:00' }], thursday: [{ opens: '09:00', closes: '19:00' }] };
    const set = await t.app.inject({ method: 'PUT', url: `/centres/${centreId}/opening-hours`, ...json(staff, hours) });
    expect(set.statusCode).toBe(200);
    await t.engine.settle();
    const one = (await t.app.inject({ method: 'GET', url: `/centres/${centreId}` })).json();
    expect(one).toMatchObject({ name: 'Mulighedernes Hus', version: 3, openingHours: { monday: hours.monday, thursday: hours.thursday, sunday: [] } });
  });
});

describe('headers', () => {
  it('every answer carries security headers, no-store and a request id (the caller’s, when it is a plain token)', async () => {
    const answer = await t.app.inject({ method: 'GET', url: '/centres', headers: { 'x-request-id': 'trace-42.a' } });
    expect(answer.headers).toMatchObject({
      'x-request-id': 'trace-42.a',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'none'"),
    });
    const odd = await t.app.inject({ method: 'GET', url: '/centres', headers: { 'x-request-id': 'no spaces\nor newlines' } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await t.app.inject({ method: 'POST', url: '/centres', payload: {} });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.headers).toMatchObject({ 'cache-control': 'no-store', 'x-request-id': expect.any(String) });
    // The API docs still load, under a policy of their own.
    const docs = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toContain('script-src');
  });
});

describe('query strings', () => {
  it('a field a route does not declare is a 400 naming it, on every kind of route', async () => {
    const auditor = await t.token('auditor');
    for (const [url, token] of [
      ['/centres?deadline=2027-01-01', null],
      [`/centres/${centreId}?mandatory=true`, null],
      ['/audit/report?sanction=1', auditor],
      ['/health?x=1', null],
    ] as const) {
      const response = await t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ in: 'querystring', message: 'is not a known field' });
    }
    // A declared one still works.
    expect((await t.app.inject({ method: 'GET', url: '/centres?municipality=101' })).statusCode).toBe(200);
    // Moments and days fall in the years 0001–9999 and exist.
    for (const asOf of ['0000-06-01T00:00:00Z', '2026-02-30T00:00:00Z', '+275760-09-13T00:00:00Z']) {
      const response = await t.app.inject({ method: 'GET', url: `/centres/${centreId}/budget-history?asOf=${encodeURIComponent(asOf)}` });
      expect(response.statusCode, asOf).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ in: 'querystring', field: 'asOf' });
    }
    expect((await t.app.inject({ method: 'GET', url: `/centres/${centreId}/budget-history?asOf=0001-01-01T00:00:00Z` })).statusCode).toBe(200);
  });
});

describe('refusals append nothing and touch no read model', () => {
  async function expectRefused(request: InjectOptions, status: number, check?: (body: any) => void) {
    await t.engine.settle();
    const events = await t.eventCount();
    const readModel = await t.centresSnapshot();
    const response = await t.app.inject(request);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:virkelyst:problem:/), title: expect.any(String), code: expect.any(String) });
    check?.(body);
    await t.engine.settle();
    expect(await t.eventCount()).toBe(events);
    expect(await t.centresSnapshot()).toEqual(readModel);
    return body;
  }

  it('401 without a token, with a malformed header, a foreign signature, an expired token or an unknown role', async () => {
    const body = { municipalityCode: '101', name: 'X' };
    await expectRefused({ method: 'POST', url: '/centres', ...json(null, body) }, 401, (b) => expect(b.code).toBe('not_authenticated'));
    await expectRefused({ method: 'POST', url: '/centres', ...json(null, body, { authorization: 'Basic abc' }) }, 401);
    await expectRefused({ method: 'POST', url: '/centres', ...json('not.a.jwt', body) }, 401);
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'EdDSA' }).setSubject('x').setIssuer(LOCAL_ISSUER).setAudience(AUDIENCE).setExpirationTime('1h').sign(privateKey);
    await expectRefused({ method: 'POST', url: '/centres', ...json(forged, body) }, 401, (b) => expect(b.detail).toMatch(/signature/));
    const expired = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'EdDSA', kid: t.key.kid }).setSubject('x').setIssuer(LOCAL_ISSUER).setAudience(AUDIENCE).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(t.key.privateKey);
    await expectRefused({ method: 'POST', url: '/centres', ...json(expired, body) }, 401, (b) => expect(b.detail).toMatch(/expired/));
    const wrongRole = await new SignJWT({ role: 'sanctioner' }).setProtectedHeader({ alg: 'EdDSA' }).setSubject('x').setIssuer(LOCAL_ISSUER).setAudience(AUDIENCE).setExpirationTime('1h').sign(t.key.privateKey);
    await expectRefused({ method: 'POST', url: '/centres', ...json(wrongRole, body) }, 401);
  });

  it('403 for a wrong role or another centre', async () => {
    await expectRefused({ method: 'POST', url: '/centres', ...json(await t.token('staff', centreId), { municipalityCode: '101', name: 'X' }) }, 403);
    await expectRefused({ method: 'PUT', url: `/centres/${centreId}/name`, ...json(await t.token('citizen'), { name: 'X' }) }, 403);
    await expectRefused({ method: 'PUT', url: `/centres/${centreId}/name`, ...json(await t.token('board_member', newId()), { name: 'X' }) }, 403);
  });

  it('400 for malformed JSON, naming no body content', async () => {
    const body = await expectRefused({ method: 'POST', url: '/centres', ...json(admin, '{"name": "Hemmelig Person", ') }, 400);
    expect(body.code).toBe('malformed_json');
    expect(JSON.stringify(body)).not.toContain('Hemmelig');
  });

  it('400 naming an unknown field: nothing can be made mandatory or given a deadline', async () => {
    for (const extra of [{ mandatory: true }, { deadline: '2026-12-01' }]) {
      const body = await expectRefused({ method: 'POST', url: '/centres', ...json(admin, { municipalityCode: '101', name: 'X', ...extra }) }, 400);
      expect(body.errors).toEqual([{ in: 'body', field: Object.keys(extra)[0], message: expect.any(String) }]);
    }
    const nested = await expectRefused(
      { method: 'PUT', url: `/centres/${centreId}/opening-hours`, ...json(admin, { monday: [{ opens: '09:00', closes: '10:00', required: true }] }) },
      400,
    );
    expect(nested.errors[0].field).toBe('monday.0.required');
  });

  it('400 naming a field of the wrong type or value', async () => {
    const wrongType = await expectRefused({ method: 'POST', url: '/centres', ...json(admin, { municipalityCode: '101', name: 5 }) }, 400);
    expect(wrongType.errors[0]).toMatchObject({ in: 'body', field: 'name' });
    const nul = await expectRefused({ method: 'POST', url: '/centres', ...json(admin, { municipalityCode: '101', name: 'A\u0000B' }) }, 400);
    expect(nul.errors[0]).toMatchObject({ in: 'body', field: 'name' });
    const surrogate = await expectRefused({ method: 'PUT', url: `/centres/${centreId}/name`, ...json(admin, { name: 'A\ud800B' }) }, 400);
    expect(surrogate.errors[0]).toMatchObject({ field: 'name' });
    const missing = await expectRefused({ method: 'POST', url: '/centres', ...json(admin, { name: 'X' }) }, 400);
    expect(missing.errors[0]).toMatchObject({ field: 'municipalityCode' });
    const unknownCode = await expectRefused({ method: 'POST', url: '/centres', ...json(admin, { municipalityCode: '999', name: 'X' }) }, 400);
    expect(unknownCode).toMatchObject({ code: 'invalid_value', field: 'municipalityCode' });
    const badTime = await expectRefused({ method: 'PUT', url: `/centres/${centreId}/opening-hours`, ...json(admin, { monday: [{ opens: '17:00', closes: '09:00' }] }) }, 400);
    expect(badTime.errors[0].field).toBe('openingHours.monday.0.closes');
    const badParam = await expectRefused({ method: 'PUT', url: '/centres/not-a-uuid/name', ...json(admin, { name: 'X' }) }, 400);
    expect(badParam.errors[0]).toMatchObject({ in: 'params', field: 'centreId' });
    const badKey = await expectRefused({ method: 'POST', url: '/centres', ...json(admin, { municipalityCode: '101', name: 'X' }, { 'idempotency-key': 'again' }) }, 400);
    expect(badKey.errors[0]).toMatchObject({ in: 'headers', field: 'idempotency-key' });
  });

  it('413 for an oversize body and 415 for a body that is not JSON', async () => {
    await expectRefused({ method: 'POST', url: '/centres', ...json(admin, { municipalityCode: '101', name: 'x'.repeat(20_000) }) }, 413);
    await expectRefused({ method: 'POST', url: '/centres', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/plain' }, payload: 'hello' }, 415);
  });

  it('400 in problem+json for a URL that cannot be decoded, without echoing it', async () => {
    const body = await expectRefused({ method: 'GET', url: '/centres/%zz?cpr=0102031234' }, 400);
    expect(body.code).toBe('bad_url');
    expect(JSON.stringify(body)).not.toContain('0102031234');
  });

  it('404 for an unknown centre and an unknown route', async () => {
    await expectRefused({ method: 'PUT', url: `/centres/${newId()}/name`, ...json(admin, { name: 'X' }) }, 404);
    await expectRefused({ method: 'GET', url: '/nowhere' }, 404);
  });
});

describe('operations', () => {
  it('answers /health and /ready, and publishes OpenAPI and its UI', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    await t.engine.settle();
    const ready = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().projections).toContainEqual({ name: 'centres', lag: 0, failing: false });
    const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/centres', '/centres/{centreId}/name', '/centres/{centreId}/opening-hours']));
    expect(openapi.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('/ready is 503 while a read model is behind its bound, and 200 once it caught up', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/centres', ...json(admin, { municipalityCode: '860', name: 'Hjørring' }) });
    expect(created.statusCode).toBe(201);
    const behind = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(behind.statusCode).toBe(503);
    expect(behind.json()).toMatchObject({ code: 'projections_behind' });
    expect(behind.json().projections).toContainEqual({ name: 'centres', lag: 1, failing: false });
    await t.engine.settle();
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
  });

  it('request logs hold no tokens, bodies, query strings or person ids from the path', async () => {
    const token = await mintLocalToken(t.key, { sub: newId(), role: 'admin' });
    await t.app.inject({ method: 'POST', url: '/centres?note=Hemmelig', ...json(token, { municipalityCode: '101', name: 'Hemmelig Navn' }) });
    const person = `person-${newId().slice(-8)}`;
    await t.app.inject({ method: 'GET', url: `/journeys/${person}/records`, headers: { authorization: `Bearer ${token}` } });
    await t.app.inject({ method: 'GET', url: `/medarbejder/borger/${person}`, headers: { accept: 'text/html' } });
    await t.app.inject({ method: 'GET', url: `/no-such-place/${person}` });
    const logs = t.logLines.join('\n');
    expect(logs).toContain('"route":"/centres"');
    expect(logs).toContain('"route":"/journeys/:citizenId/records"');
    expect(logs).toContain('"route":"/medarbejder/borger/:citizenId"');
    expect(logs).not.toContain(person);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain('Hemmelig');
    expect(logs.toLowerCase()).not.toContain('authorization');
  });
});
