/**
 * An erased citizen over the API. The design (README, "Personal data"): erasing deletes the
 * citizen's key, their personal fields become unreadable everywhere, and the log keeps every event
 * in order. So every view that reads their sealed fields answers as before, with each personal
 * field shown as erased ("(slettet)") and no clear text; commands about them are refused (409
 * `citizen_erased`, from the journey's decider); and personal data that would have to be sealed
 * under the deleted key — an erasure landing between a command's decision and its sealing — is a
 * 410 `personal_data_erased`, never a 500. A sealed field that does not open at all (altered) is
 * our fault: a 500 with its own code, logged without the data.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let centreId: string;
let staff: string;
let admin: string;
let auditor: string;

/** Words only the citizen's personal fields hold. */
const PERSONAL = ['Kirsten', 'bageri i Vejle', 'Ikke lige nu', 'Vil gerne høre om kurser'];

/** A moment `days` from today at `time` UTC (within 07–21 Copenhagen time). */
function at(days: number, time: string): string {
  const d = new Date();
  const [h, m] = time.split(':').map(Number);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, h, m)).toISOString();
}

async function send(token: string, method: 'GET' | 'POST', url: string, body?: object) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(method === 'POST' ? { payload: body ?? {} } : {}) });
}
async function ok(token: string, method: 'GET' | 'POST', url: string, body?: object) {
  const response = await send(token, method, url, body);
  if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json();
}

/** A citizen with a journey, an alias, a goal, a booked conversation and a declined offer; `erase` erases them. */
async function citizenWithHistory(slotHour: string) {
  const citizenId = newId();
  const citizen = await t.token('citizen', undefined, citizenId);
  const j = `/journeys/${citizenId}`;
  await ok(citizen, 'POST', '/journeys', { centreId, alias: 'Kirsten' });
  await ok(citizen, 'POST', `${j}/goals`, { text: 'Åbne et bageri i Vejle', category: 'own_business' });
  await ok(citizen, 'POST', `${j}/session-requests`, { channel: 'phone', wishes: 'Vil gerne høre om kurser' });
  const start = at(2, slotHour);
  const slot = (await ok(staff, 'POST', '/calendars/staff-1/slots', { start, durationMinutes: 30, channels: ['phone'] })).slotId as string;
  await ok(citizen, 'POST', `${j}/sessions`, { staffId: 'staff-1', slotId: slot, channel: 'phone' });
  const offerId = (await ok(staff, 'POST', `${j}/offers`, { offer: { source: 'centre', kind: 'coaching' }, information: 'Ugentlig coaching' })).created.offerId as string;
  await ok(citizen, 'POST', `${j}/offers/${offerId}/decline`, { reason: 'Ikke lige nu' });
  return { citizenId, citizen, offerId, day: start.slice(0, 10) };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.token('admin', undefined, 'admin-1');
  auditor = await t.token('auditor', undefined, 'auditor-1');
  centreId = (await ok(admin, 'POST', '/centres', { municipalityCode: '101', name: 'Virkelyst Nørrebro' })).centreId;
  staff = await t.token('staff', centreId, 'staff-1');
});
afterAll(async () => {
  await t?.close();
});

describe('an erased citizen', () => {
  it('every view that reads their sealed fields answers, with each field shown as erased and none of their words', async () => {
    const { citizenId, citizen, offerId, day } = await citizenWithHistory('09:00');
    await t.engine.settle();
    const before = (await ok(citizen, 'GET', `/journeys/${citizenId}/records`)).records as { type: string }[];
    expect(JSON.stringify(before)).toContain('bageri i Vejle');

    await ok(admin, 'POST', `/admin/citizens/${citizenId}/erase`);
    await t.engine.settle();

    const reads = [
      { as: citizen, url: `/journeys/${citizenId}/records` },
      { as: staff, url: `/journeys/${citizenId}/records` },
      { as: citizen, url: `/journeys/${citizenId}/consents` },
      { as: staff, url: `/journeys/${citizenId}/consents` },
      { as: staff, url: `/counsellors/staff-1/day?date=${day}` },
      { as: auditor, url: `/audit/offers/${offerId}/consent-trail` },
    ];
    for (const read of reads) {
      const response = await send(read.as, 'GET', read.url);
      expect(response.statusCode, `${read.url}: ${response.body.slice(0, 300)}`).toBe(200);
      for (const words of PERSONAL) expect(response.body, read.url).not.toContain(words);
    }

    const records = (await ok(citizen, 'GET', `/journeys/${citizenId}/records`)).records as { type: string; text: string }[];
    expect(records.map((r) => r.type)).toEqual(['CitizenErased', ...before.map((r) => r.type)]);
    expect(records.find((r) => r.type === 'GoalStated')!.text).toContain('(slettet)');
    const sessions = (await ok(staff, 'GET', `/counsellors/staff-1/day?date=${day}`)).sessions as { citizenId: string; alias: unknown }[];
    // The journeys read model drops the alias on erasure (null); a sealed one would show as erased.
    const session = sessions.find((s) => s.citizenId === citizenId);
    expect(session).toBeDefined();
    expect([null, '(slettet)']).toContain(session!.alias);
  });

  it('commands about them are refused as erased, in problem+json, and record nothing', async () => {
    const { citizenId, citizen } = await citizenWithHistory('10:00');
    await ok(admin, 'POST', `/admin/citizens/${citizenId}/erase`);
    const events = await t.eventCount();
    for (const [url, body] of [
      [`/journeys/${citizenId}/goals`, { text: 'Igen' }],
      [`/journeys/${citizenId}/session-requests`, { wishes: 'Igen' }],
      [`/journeys/${citizenId}/close`, {}],
    ] as const) {
      const response = await send(citizen, 'POST', url, body);
      expect(response.statusCode, url).toBe(409);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().code).toBe('citizen_erased');
    }
    const restart = await send(citizen, 'POST', '/journeys', { centreId, alias: 'Kirsten igen' });
    expect(restart.statusCode).toBe(409);
    expect(restart.json().code).toBe('citizen_erased');
    // Erasing again changes nothing and is no error.
    expect((await send(admin, 'POST', `/admin/citizens/${citizenId}/erase`)).statusCode).toBe(200);
    expect(await t.eventCount()).toBe(events);
  });

  it('personal data that would be sealed under their deleted key is a 410 personal_data_erased, and nothing is recorded', async () => {
    // The erasure's key deletion lands after a command was decided on a journey that was still
    // open (here: the key deleted, its CitizenErased not yet in the stream).
    const { citizenId, citizen } = await citizenWithHistory('11:00');
    await t.vault.erase(citizenId);
    const events = await t.eventCount();
    const response = await send(citizen, 'POST', `/journeys/${citizenId}/goals`, { text: 'Blive svejser' });
    expect(response.statusCode, response.body).toBe(410);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ status: 410, code: 'personal_data_erased', title: 'Gone' });
    expect(response.body).not.toContain('svejser');
    expect(await t.eventCount()).toBe(events);
    // What needs no sealing still goes through: the citizen may close their journey.
    expect((await send(citizen, 'POST', `/journeys/${citizenId}/close`)).statusCode).toBe(200);
  });

  it('a sealed field that does not open is our fault: a 500 with its own code, and the log names no data', async () => {
    const { citizenId, citizen } = await citizenWithHistory('12:00');
    await t.engine.settle();
    // Alter one sealed field in the read model, as a damaged disk or a tampering hand would.
    await sql`update rm.journey_records set data = jsonb_set(data, '{text,ct}', to_jsonb('AAAA'::text))
               where citizen_id = ${citizenId} and event_type = 'GoalStated'`.execute(t.database.db);
    const response = await send(citizen, 'GET', `/journeys/${citizenId}/records`);
    expect(response.statusCode).toBe(500);
    expect(response.json().code).toBe('sealed_data_unreadable');
    const logged = t.logLines.filter((l) => l.includes('sealed_data_unreadable')).join('\n');
    expect(logged).not.toBe('');
    for (const words of PERSONAL) expect(logged).not.toContain(words);
  });
});
