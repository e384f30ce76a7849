/**
 * Through the API: a citizen who moves to another centre, and bookings that are refused as a whole.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let centreA: string;
let centreB: string;
let citizenId: string;
let citizen: string;

const post = (token: string, url: string, payload: unknown = {}): InjectOptions => ({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: payload as object });
const get = (token: string, url: string): InjectOptions => ({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
async function ok(request: InjectOptions) {
  const response = await t.app.inject(request);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}
async function refused(request: InjectOptions, status: number, code?: string) {
  const events = await t.eventCount();
  const response = await t.app.inject(request);
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/problem\+json/);
  if (code) expect(response.json().code).toBe(code);
  expect(await t.eventCount()).toBe(events);
  return response.json();
}
/** A time tomorrow at 10:00 Copenhagen time (phone and video run 07–21 every day). */
const tomorrowAt = (hour: number) => {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  return `${d.toISOString().slice(0, 10)}T${String(hour - 1).padStart(2, '0')}:00:00.000Z`;
};

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.token('admin');
  centreA = (await ok(post(admin, '/centres', { municipalityCode: '101', name: 'Virkelyst Nørrebro' }))).centreId;
  centreB = (await ok(post(admin, '/centres', { municipalityCode: '751', name: 'Virkelyst Aarhus' }))).centreId;
  await t.engine.settle();
  citizenId = newId();
  citizen = await t.token('citizen', undefined, citizenId);
});
afterAll(async () => t.close());

describe('a citizen who moves to another centre', () => {
  it('staff of the new centre see only what was recorded there, until the citizen shares the earlier history', async () => {
    const staffA = await t.token('staff', centreA, 'counsellor-a');
    const staffB = await t.token('staff', centreB, 'counsellor-b');
    await ok(post(citizen, '/journeys', { centreId: centreA }));
    await ok(post(staffA, `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching på Nørrebro' }));
    await ok(post(citizen, `/journeys/${citizenId}/close`));
    await ok(post(citizen, '/journeys', { centreId: centreB }));
    await ok(post(staffB, `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'workshop' }, information: 'Workshop i Aarhus' }));
    await t.engine.settle();

    const seenByB = async () => ((await ok(get(staffB, `/journeys/${citizenId}/records`))).records as { type: string; text: string }[]).map((r) => r.text);
    const before = await seenByB();
    expect(before.join(' ')).toContain('Workshop i Aarhus');
    expect(before.join(' ')).not.toContain('Nørrebro');
    expect(((await ok(get(staffB, `/journeys/${citizenId}/consents`))).offers as { kind: string }[]).map((o) => o.kind)).toEqual(['workshop']);
    // The former centre no longer reads the journey at all; the citizen always sees everything.
    await refused(get(staffA, `/journeys/${citizenId}/records`), 403);
    expect(JSON.stringify(await ok(get(citizen, `/journeys/${citizenId}/records`)))).toContain('Nørrebro');

    // Only the citizen shares it.
    await refused(post(staffB, `/journeys/${citizenId}/history/share`), 403);
    await ok(post(citizen, `/journeys/${citizenId}/history/share`));
    await t.engine.settle();
    expect((await seenByB()).join(' ')).toContain('Coaching på Nørrebro');

    // Sharing is with the centre the citizen is with then: after a move away and back it is not carried over.
    const admin = await t.token('admin');
    const centreC = (await ok(post(admin, '/centres', { municipalityCode: '851', name: 'Virkelyst Aalborg' }))).centreId;
    await t.engine.settle();
    const staffC = await t.token('staff', centreC, 'counsellor-c');
    await ok(post(citizen, `/journeys/${citizenId}/close`));
    await ok(post(citizen, '/journeys', { centreId: centreC }));
    await ok(post(staffC, `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'sparring' }, information: 'Sparring i Aalborg' }));
    await ok(post(citizen, `/journeys/${citizenId}/close`));
    await ok(post(citizen, '/journeys', { centreId: centreB }));
    await t.engine.settle();
    const back = (await seenByB()).join(' ');
    expect(back).toContain('Workshop i Aarhus');
    expect(back).not.toContain('Aalborg');
    expect(back).not.toContain('Nørrebro');
  });
});

describe('a booking is refused as a whole', () => {
  it('a time at another centre, a closed journey or a taken time leaves the calendar and the journey as they were', async () => {
    const someone = newId();
    const other = await t.token('citizen', undefined, someone);
    const staffA = await t.token('staff', centreA, 'counsellor-a2');
    await ok(post(other, '/journeys', { centreId: centreB }));
    const { slotId } = await ok(post(staffA, '/calendars/counsellor-a2/slots', { start: tomorrowAt(10), durationMinutes: 45, channels: ['phone'] }));
    // The time belongs to another centre's staff member: nothing is taken.
    await refused(post(other, `/journeys/${someone}/sessions`, { staffId: 'counsellor-a2', slotId, channel: 'phone' }), 422, 'slot_at_other_centre');
    expect((await ok(get(other, '/calendars/counsellor-a2/slots'))).slots).toEqual([expect.objectContaining({ slotId, free: true })]);

    // The first citizen is with centre B now, too.
    await refused(post(citizen, `/journeys/${citizenId}/sessions`, { staffId: 'counsellor-a2', slotId, channel: 'phone' }), 422, 'slot_at_other_centre');

    // At their own centre: a move onto a taken time changes nothing.
    const staffB = await t.token('staff', centreB, 'counsellor-b2');
    const first = await ok(post(staffB, '/calendars/counsellor-b2/slots', { start: tomorrowAt(11), durationMinutes: 45, channels: ['phone'] }));
    const second = await ok(post(staffB, '/calendars/counsellor-b2/slots', { start: tomorrowAt(13), durationMinutes: 45, channels: ['video'] }));
    const booked = await ok(post(other, `/journeys/${someone}/sessions`, { staffId: 'counsellor-b2', slotId: first.slotId, channel: 'phone' }));
    await ok(post(citizen, `/journeys/${citizenId}/sessions`, { staffId: 'counsellor-b2', slotId: second.slotId, channel: 'video' }));
    await refused(post(other, `/journeys/${someone}/sessions/${booked.created.sessionId}/move`, { staffId: 'counsellor-b2', slotId: second.slotId, channel: 'video' }), 409, 'slot_taken');
    const slots = (await ok(get(other, '/calendars/counsellor-b2/slots'))).slots as { slotId: string; free: boolean }[];
    expect(slots.map((s) => s.free)).toEqual([false, false]);

    // A closed journey books nothing, and its time stays free.
    const third = await ok(post(staffB, '/calendars/counsellor-b2/slots', { start: tomorrowAt(15), durationMinutes: 45, channels: ['phone'] }));
    await ok(post(other, `/journeys/${someone}/close`));
    await refused(post(other, `/journeys/${someone}/sessions`, { staffId: 'counsellor-b2', slotId: third.slotId, channel: 'phone' }), 409, 'journey_closed');
    expect(((await ok(get(other, '/calendars/counsellor-b2/slots'))).slots as { slotId: string; free: boolean }[]).find((s) => s.slotId === third.slotId)?.free).toBe(true);
  });
});
