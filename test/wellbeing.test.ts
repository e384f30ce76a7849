/**
 * The WHO-5 well-being questions through the API and the pages, against a real PostgreSQL: the
 * citizen answers themselves (idempotent, sealed under their key, theirs to read among everything
 * recorded about them); every other role is refused and nothing is appended; bad input is a 400
 * naming the field; staff never see it, not in the API's records nor on their pages; erasure makes
 * the scores unreadable. What was recorded is read from the log, not from the answer that says so.
 */
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsFromDatabase, headsFromDatabase, leavesFromDatabase } from '../src/audit/source.js';
import { verifyLog } from '../src/audit/verify.js';
import type { Role } from '../src/domain/shared/principal.js';
import { newId } from '../src/ids.js';
import { ERASED, isSealed } from '../src/privacy/vault.js';
import { createTestApp } from './support/app.js';
import { field, InjectBrowser } from './support/inject-browser.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let centreId: string;
let otherCentreId: string;
const staffId = 'counsellor-wellbeing';

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.token('admin');
  for (const [name, code] of [['Virkelyst Aarhus', '751'], ['Virkelyst Aalborg', '851']] as const) {
    const created = await t.app.inject({ method: 'POST', url: '/centres', headers: { authorization: `Bearer ${admin}`, 'idempotency-key': newId() }, payload: { municipalityCode: code, name } });
    expect(created.statusCode, created.body).toBe(201);
    if (name.endsWith('Aarhus')) centreId = created.json().centreId;
    else otherCentreId = created.json().centreId;
  }
  await t.engine.settle();
});
afterAll(async () => t.close());

const post = (token: string, url: string, payload: unknown, key = newId()): InjectOptions => ({
  method: 'POST',
  url,
  headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
  payload: payload as object,
});
const get = (token: string, url: string): InjectOptions => ({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

async function ok(request: InjectOptions) {
  const response = await t.app.inject(request);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}
/** Refused with `status` as problem+json, and nothing appended to the log. */
async function refused(request: InjectOptions, status: number) {
  const events = await t.eventCount();
  const response = await t.app.inject(request);
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(await t.eventCount()).toBe(events);
  return response.json();
}

/** A citizen with an open journey at the centre, and their token. */
async function citizenWithJourney() {
  const citizenId = newId();
  const token = await t.token('citizen', undefined, citizenId);
  await ok(post(token, '/journeys', { centreId, alias: 'Maja' }));
  await t.engine.settle();
  return { citizenId, token };
}

const wellBeingEvents = async (citizenId: string) => {
  const { rows } = await sql<{ data: Record<string, unknown>; actor: string | null }>`
    select data, metadata->'actor'->>'role' as actor from events where stream_id = ${`journey-${citizenId}`} and event_type = 'WellBeingAnswered' order by global_position`.execute(t.database.db);
  return rows;
};

describe('the citizen answers the WHO-5 themselves, through the API', () => {
  it('recorded once per answer, idempotent, with the scores sealed under the citizen’s key', async () => {
    const { citizenId, token } = await citizenWithJourney();
    const key = newId();
    const first = await t.app.inject(post(token, `/journeys/${citizenId}/well-being`, { scores: [5, 4, 3, 0, 1] }, key));
    expect(first.statusCode, first.body).toBe(201);
    const answerId = first.json().created.answerId;
    expect(answerId).toMatch(/^[0-9a-f-]{36}$/);
    // A retry with the same key answers the same and records nothing more.
    const events = await t.eventCount();
    const retry = await t.app.inject(post(token, `/journeys/${citizenId}/well-being`, { scores: [5, 4, 3, 0, 1] }, key));
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.json().created.answerId).toBe(answerId);
    expect(await t.eventCount()).toBe(events);
    // The scores are not in the command's fingerprint (five answers of six values could all be tried
    // against a digest): the same key with other answers gets the first answer, and records nothing.
    const other = await t.app.inject(post(token, `/journeys/${citizenId}/well-being`, { scores: [0, 0, 0, 0, 0] }, key));
    expect(other.statusCode, other.body).toBe(201);
    expect(other.json().created.answerId).toBe(answerId);
    expect(await t.eventCount()).toBe(events);

    const [stored, ...more] = await wellBeingEvents(citizenId);
    expect(more).toEqual([]);
    expect(stored!.actor).toBe('citizen');
    expect(stored!.data.answerId).toBe(answerId);
    // Health data: the scores never stand in the log in the clear; they open under the citizen's key.
    expect(isSealed(stored!.data.scores)).toBe(true);
    expect((stored!.data.scores as { s: string }).s).toBe(citizenId);
    expect(await t.vault.open(stored!.data.scores)).toEqual([5, 4, 3, 0, 1]);
    // Nor in a log line.
    expect(t.logLines.join('\n')).not.toMatch(/"scores"|\[5,4,3,0,1\]/);
  });

  it('later again, as often as they like: each answer its own', async () => {
    const { citizenId, token } = await citizenWithJourney();
    await ok(post(token, `/journeys/${citizenId}/well-being`, { scores: [1, 1, 1, 1, 1] }));
    await ok(post(token, `/journeys/${citizenId}/well-being`, { scores: [2, 3, 2, 3, 2] }));
    const stored = await wellBeingEvents(citizenId);
    expect(await Promise.all(stored.map((e) => t.vault.open(e.data.scores)))).toEqual([
      [1, 1, 1, 1, 1],
      [2, 3, 2, 3, 2],
    ]);
  });

  it('bad input is a 400 naming the field, and nothing is recorded', async () => {
    const { citizenId, token } = await citizenWithJourney();
    const url = `/journeys/${citizenId}/well-being`;
    for (const [body, name] of [
      [{ scores: [3, 3, 3, 3] }, 'scores'],
      [{ scores: [3, 3, 3, 3, 3, 3] }, 'scores'],
      [{ scores: [6, 3, 3, 3, 3] }, 'scores.0'],
      [{ scores: [3, -1, 3, 3, 3] }, 'scores.1'],
      [{ scores: [3, 3, 2.5, 3, 3] }, 'scores.2'],
      [{ scores: [3, 3, 3, '4', 3] }, 'scores.3'],
      [{}, 'scores'],
      [{ scores: [3, 3, 3, 3, 3], deadline: '2027-01-01' }, 'deadline'],
      [{ scores: [3, 3, 3, 3, 3], required: true }, 'required'],
    ] as const) {
      const problem = await refused(post(token, url, body), 400);
      expect(problem.errors, JSON.stringify(body)).toContainEqual(expect.objectContaining({ in: 'body', field: name }));
    }
    expect(await wellBeingEvents(citizenId)).toEqual([]);
  });

  it('staff cannot record it for the citizen, nor can any other role: 403, nothing appended', async () => {
    const { citizenId } = await citizenWithJourney();
    const url = `/journeys/${citizenId}/well-being`;
    const others: [Role, string | undefined, string?][] = [
      ['staff', centreId, staffId],
      ['staff', otherCentreId],
      ['citizen', undefined],
      ['admin', undefined],
      ['researcher', undefined],
      ['auditor', undefined],
      ['partner', undefined],
      ['board_member', centreId],
    ];
    for (const [role, centre, sub] of others) {
      const token = await t.token(role, centre, sub);
      const problem = await refused(post(token, url, { scores: [3, 3, 3, 3, 3] }), 403);
      expect(problem.code, role).toBe('forbidden');
    }
    // Signed out: not even asked.
    const anonymous = await t.app.inject({ method: 'POST', url, headers: { 'idempotency-key': newId() }, payload: { scores: [3, 3, 3, 3, 3] } });
    expect(anonymous.statusCode).toBe(401);
    expect(await wellBeingEvents(citizenId)).toEqual([]);
  });

  it('only on an open journey: without one it is not found, on a closed one refused', async () => {
    const citizenId = newId();
    const token = await t.token('citizen', undefined, citizenId);
    expect((await refused(post(token, `/journeys/${citizenId}/well-being`, { scores: [3, 3, 3, 3, 3] }), 404)).code).toBe('journey_not_found');
    const open = await citizenWithJourney();
    await ok(post(open.token, `/journeys/${open.citizenId}/close`, {}));
    expect((await refused(post(open.token, `/journeys/${open.citizenId}/well-being`, { scores: [3, 3, 3, 3, 3] }), 409)).code).toBe('journey_closed');
  });
});

describe('who sees the answers: the citizen, and never staff', () => {
  it('the citizen reads their answers among everything recorded about them; staff of their centre read the journey without them', async () => {
    const { citizenId, token } = await citizenWithJourney();
    const staffToken = await t.token('staff', centreId, staffId);
    await ok(post(staffToken, `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching om tirsdagen' }));
    await ok(post(token, `/journeys/${citizenId}/well-being`, { scores: [2, 2, 3, 4, 5] }));
    await t.engine.settle();

    const own = await ok(get(token, `/journeys/${citizenId}/records?lang=da`));
    const answer = own.records.find((r: { type: string }) => r.type === 'WellBeingAnswered');
    expect(answer).toMatchObject({ recordedBy: 'citizen', data: { scores: [2, 2, 3, 4, 5] } });
    expect(answer.text).toMatch(/^Du besvarede selv WHO-5 Trivselsindeks: 16 af 25 point \(64 %\)\. I de sidste 2 uger … har jeg været glad og i godt humør: Lidt mindre end halvdelen af tiden;/);

    // Staff read the journey (the offer they made is there), and nothing of the answers.
    const response = await t.app.inject(get(staffToken, `/journeys/${citizenId}/records?lang=da`));
    expect(response.statusCode, response.body).toBe(200);
    const types = response.json().records.map((r: { type: string }) => r.type);
    expect(types).toContain('OfferMade');
    expect(types).not.toContain('WellBeingAnswered');
    expect(response.body).not.toMatch(/WellBeing|WHO-5|Trivsel|I de sidste 2 uger/);
    const english = await t.app.inject(get(staffToken, `/journeys/${citizenId}/records?lang=en`));
    expect(english.body).not.toMatch(/WellBeing|WHO-5|Well-Being|Over the last two weeks/);
  });

  it('the staff pages show nothing of it: not the citizen’s page, not the records on it', async () => {
    const { citizenId, token } = await citizenWithJourney();
    await ok(post(token, `/journeys/${citizenId}/well-being`, { scores: [0, 1, 2, 3, 4] }));
    await ok(post(token, `/journeys/${citizenId}/goals`, { text: 'Arbejde med træ' }));
    await t.engine.settle();
    const staff = new InjectBrowser(() => t.app);
    const form = await staff.get('/log-ind');
    expect((await staff.post('/log-ind', { _csrf: field(form.body, '_csrf') ?? '', role: 'staff', personId: staffId, centreId })).statusCode).toBe(303);
    for (const lang of ['da', 'en']) {
      const page = await staff.request({ method: 'GET', url: `/medarbejder/borger/${citizenId}`, headers: { 'accept-language': lang } });
      expect(page.statusCode, page.body).toBe(200);
      // The page is the citizen's (their goal is on it), and without the answers.
      expect(page.body).toContain('Arbejde med træ');
      expect(page.body).not.toMatch(/WellBeing|WHO-5|Trivselsindeks|Well-Being|I de sidste 2 uger|Over the last two weeks|glad og i godt humør|cheerful/);
    }
  });

  it('erasure makes the scores unreadable for good: the citizen’s records say erased, the log keeps no score', async () => {
    const { citizenId, token } = await citizenWithJourney();
    await ok(post(token, `/journeys/${citizenId}/well-being`, { scores: [4, 4, 4, 4, 4] }));
    await ok(post(await t.token('admin'), `/admin/citizens/${citizenId}/erase`, {}));
    await t.engine.settle();
    const [stored] = await wellBeingEvents(citizenId);
    expect(isSealed(stored!.data.scores)).toBe(true);
    expect(await t.vault.open(stored!.data.scores)).toEqual(ERASED);
    const own = await ok(get(token, `/journeys/${citizenId}/records?lang=da`));
    const answer = own.records.find((r: { type: string }) => r.type === 'WellBeingAnswered');
    expect(answer.data.scores).toBe('(slettet)');
    expect(answer.text).toBe('Du besvarede selv WHO-5 Trivselsindeks: (slettet)');
  });
});

describe('the audit reads it from the log', () => {
  it('an answer is a declared event with its scores sealed: no check finds anything wrong with it', async () => {
    const { citizenId, token } = await citizenWithJourney();
    await ok(post(token, `/journeys/${citizenId}/well-being`, { scores: [1, 2, 3, 4, 5] }));
    await t.engine.settle();
    const { rows } = await sql<{ position: string }>`select global_position as position from events where stream_id = ${`journey-${citizenId}`} and event_type = 'WellBeingAnswered'`.execute(t.database.db);
    const position = Number(rows[0]!.position);
    const report = await verifyLog({
      events: eventsFromDatabase(t.database.pool),
      leaves: await leavesFromDatabase(t.database.db),
      heads: await headsFromDatabase(t.database.db),
      publicKeyPem: t.auditKey.publicKeyPem,
    });
    const about = report.checks.flatMap((c) => c.violations.filter((v) => v.position === position).map((v) => `check ${c.id}: ${v.reason}`));
    expect(about).toEqual([]);
  });
});
