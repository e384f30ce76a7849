import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { ERASED } from '../src/privacy/vault.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let centreId: string;
let citizenId: string;
let citizen: string;
let staff: string;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.token('admin');
  const created = await t.app.inject({ method: 'POST', url: '/centres', headers: { authorization: `Bearer ${admin}` }, payload: { municipalityCode: '461', name: 'Virkelyst Odense' } });
  centreId = created.json().centreId;
  await t.engine.settle();
  citizenId = newId();
  citizen = await t.token('citizen', undefined, citizenId);
  staff = await t.token('staff', centreId);
});
afterAll(async () => t.close());

const post = (token: string, url: string, payload: unknown = {}): InjectOptions => ({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: payload as object });
async function ok(request: InjectOptions) {
  const response = await t.app.inject(request);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}
async function refused(request: InjectOptions, status: number) {
  const events = await t.eventCount();
  const response = await t.app.inject(request);
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/problem\+json/);
  expect(await t.eventCount()).toBe(events);
  return response.json();
}

describe('a journey through the API', () => {
  let offerId: string;

  it('a citizen registers themselves and states a goal in their own words, stored sealed', async () => {
    const started = await ok(post(citizen, '/journeys', { centreId, alias: 'Kirsten' }));
    expect(started.created.citizenId).toBe(citizenId);
    const goal = await ok(post(citizen, `/journeys/${citizenId}/goals`, { text: 'Åbne et bageri', category: 'own_business' }));
    expect(goal.created.goalId).toBeDefined();
    const { rows } = await sql<{ data: string }>`select data::text as data from events where stream_id = ${`journey-${citizenId}`}`.execute(t.database.db);
    expect(rows.map((r) => r.data).join()).not.toMatch(/Kirsten|bageri/);
  });

  it('staff make an offer, the citizen consents and gets a receipt, participation starts and ends with withdrawal', async () => {
    offerId = (await ok(post(staff, `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'coaching' }, information: 'Ugentlig coaching' }))).created.offerId;
    const consent = await ok(post(citizen, `/journeys/${citizenId}/offers/${offerId}/consent`));
    expect(consent.created.receiptId).toBeDefined();
    const [receiptEvent] = await t.store.readStream(`journey-${citizenId}`, { direction: 'backward', maxCount: 1 });
    expect(receiptEvent).toMatchObject({ type: 'ConsentGiven', data: { receipt: { receiptId: consent.created.receiptId, collectionMethod: 'self_service', jurisdiction: 'DK' } } });
    await ok(post(staff, `/journeys/${citizenId}/offers/${offerId}/participation/start`));
    const withdrawn = await ok(post(citizen, `/journeys/${citizenId}/offers/${offerId}/withdraw`));
    expect(withdrawn.events.map((e: { type: string }) => e.type)).toEqual(['ConsentWithdrawn', 'ParticipationEnded']);
  });

  it('nothing can be made mandatory, given a deadline, a sanction or a benefit link: 400 naming the field', async () => {
    for (const [url, body, field] of [
      [`/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'workshop' }, information: 'x', mandatory: true }, 'mandatory'],
      [`/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'workshop', required: true }, information: 'x' }, 'offer.required'],
      [`/journeys/${citizenId}/session-requests`, { deadline: '2026-12-01' }, 'deadline'],
      [`/journeys/${citizenId}/offers/${offerId}/decline`, { sanction: 'reduce' }, 'sanction'],
      ['/journeys', { centreId, benefitStatus: 'kontanthjælp' }, 'benefitStatus'],
      [`/journeys/${citizenId}/goals`, { text: 'x', availability: 'full-time' }, 'availability'],
    ] as const) {
      const body2 = await refused(post(url.startsWith('/journeys/') && url.includes('decline') ? citizen : staff, url, body), 400);
      expect(body2.errors).toContainEqual(expect.objectContaining({ in: 'body', field }));
    }
  });

  it('staff cannot answer for the citizen, book for them, or start participation without consent', async () => {
    const second = (await ok(post(staff, `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'education_guidance' }, information: 'Vejledning' }))).created.offerId;
    expect((await refused(post(staff, `/journeys/${citizenId}/offers/${second}/consent`), 422)).code).toBe('session_required');
    expect((await refused(post(staff, `/journeys/${citizenId}/offers/${second}/participation/start`), 422)).code).toBe('consent_required');
    await refused(post(staff, `/journeys/${citizenId}/sessions`, { staffId: 's', slotId: newId(), channel: 'phone' }), 403);
    expect((await refused(post(staff, `/journeys/${citizenId}/sessions/${newId()}/proposal`, { start: '2027-01-05T09:00:00Z', durationMinutes: 45, channel: 'phone' }), 422)).code).toBe('session_not_requested');
  });

  it('a citizen acts only on their own journey; staff only in their own centre', async () => {
    await refused(post(await t.token('citizen'), `/journeys/${citizenId}/goals`, { text: 'x' }), 403);
    await refused(post(await t.token('staff', newId()), `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'coaching' }, information: 'x' }), 403);
    await refused(post(await t.token('researcher'), `/journeys/${citizenId}/outcomes`, { kind: 'job' }), 403);
  });

  it('staff publish free times within contact hours; the citizen books one, cancels, and it is free again', async () => {
    const staffId = 'counsellor-1';
    const counsellor = await t.token('staff', centreId, staffId);
    const slot = await ok(post(counsellor, `/calendars/${staffId}/slots`, { start: '2027-01-05T08:00:00+01:00', durationMinutes: 45, channels: ['video', 'phone'] }));
    const late = await refused(post(counsellor, `/calendars/${staffId}/slots`, { start: '2027-01-05T21:00:00+01:00', durationMinutes: 45, channels: ['video'] }), 400);
    expect(late.errors[0]).toMatchObject({ field: 'start' });
    // The centre has no in-person hours yet.
    await refused(post(counsellor, `/calendars/${staffId}/slots`, { start: '2027-01-06T10:00:00+01:00', durationMinutes: 45, channels: ['in_person_centre'] }), 400);
    await refused(post(staff, `/calendars/${staffId}/slots`, { start: '2027-01-07T10:00:00+01:00', durationMinutes: 45, channels: ['phone'] }), 403);

    const booked = await ok(post(citizen, `/journeys/${citizenId}/sessions`, { staffId, slotId: slot.slotId, channel: 'video' }));
    const sessionId = booked.created.sessionId;
    const slots = async () => (await t.app.inject({ method: 'GET', url: `/calendars/${staffId}/slots`, headers: { authorization: `Bearer ${citizen}` } })).json().slots;
    expect(await slots()).toEqual([expect.objectContaining({ slotId: slot.slotId, free: false })]);
    // Moving takes the new time first, then frees the old one.
    const other = await ok(post(counsellor, `/calendars/${staffId}/slots`, { start: '2027-01-05T13:00:00+01:00', durationMinutes: 45, channels: ['phone'] }));
    const moved = await ok(post(citizen, `/journeys/${citizenId}/sessions/${sessionId}/move`, { staffId, slotId: other.slotId, channel: 'phone' }));
    expect(await slots()).toEqual([expect.objectContaining({ slotId: slot.slotId, free: true }), expect.objectContaining({ slotId: other.slotId, free: false })]);
    await ok(post(citizen, `/journeys/${citizenId}/sessions/${moved.created.sessionId}/cancel`));
    expect(await slots()).toEqual([expect.objectContaining({ slotId: slot.slotId, free: true }), expect.objectContaining({ slotId: other.slotId, free: true })]);
  });

  it('a time for mentor conversations on the entrepreneurs’ track is booked like any other, and the conversation is one', async () => {
    const adviserId = 'adviser-1';
    const adviser = await t.token('staff', centreId, adviserId);
    const slot = await ok(post(adviser, `/calendars/${adviserId}/slots`, { start: '2027-01-08T10:00:00+01:00', durationMinutes: 60, channels: ['video'], mentoring: true }));
    const slots = (await t.app.inject({ method: 'GET', url: `/calendars/${adviserId}/slots`, headers: { authorization: `Bearer ${citizen}` } })).json().slots;
    expect(slots).toEqual([expect.objectContaining({ slotId: slot.slotId, mentoring: true, free: true })]);
    const booked = await ok(post(citizen, `/journeys/${citizenId}/sessions`, { staffId: adviserId, slotId: slot.slotId, channel: 'video' }));
    const { rows } = await sql<{ data: { mentoring?: boolean } }>`select data from events where event_type = 'SessionBooked' and data->>'sessionId' = ${booked.created.sessionId}`.execute(t.database.db);
    expect(rows.map((r) => r.data.mentoring)).toEqual([true]);
    await ok(post(citizen, `/journeys/${citizenId}/sessions/${booked.created.sessionId}/cancel`));
  });

  it('many citizens taking the same time at once: one gets it, the others a 409, nothing doubled', async () => {
    const staffId = 'counsellor-2';
    const counsellor = await t.token('staff', centreId, staffId);
    const { slotId } = await ok(post(counsellor, `/calendars/${staffId}/slots`, { start: '2027-01-05T10:00:00+01:00', durationMinutes: 30, channels: ['phone'] }));
    const citizens = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const id = newId();
        const token = await t.token('citizen', undefined, id);
        await ok(post(token, '/journeys', { centreId }));
        return { id, token };
      }),
    );
    const responses = await Promise.all(citizens.map((c) => t.app.inject(post(c.token, `/journeys/${c.id}/sessions`, { staffId, slotId, channel: 'phone' }))));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of responses.filter((r) => r.statusCode !== 201)) expect(r.json().code).toBe('slot_taken');
    const calendar = await t.store.readStream(`calendar-${staffId}`);
    expect(calendar.filter((e) => e.type === 'SlotBooked')).toHaveLength(1);
    const { rows } = await sql<{ n: string }>`select count(*) as n from events where event_type = 'SessionBooked' and stream_id = any(${citizens.map((c) => `journey-${c.id}`)})`.execute(t.database.db);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('an administrator erases the citizen: the events stay, their personal fields read as erased', async () => {
    const before = await t.eventCount();
    await refused(post(staff, `/admin/citizens/${citizenId}/erase`), 403);
    await ok(post(await t.token('admin'), `/admin/citizens/${citizenId}/erase`));
    expect(await t.eventCount()).toBe(before + 1);
    const events = await t.store.readStream(`journey-${citizenId}`);
    const goal = events.find((e) => e.type === 'GoalStated')!;
    expect(await t.vault.open((goal.data as { text: unknown }).text)).toEqual(ERASED);
    await refused(post(citizen, `/journeys/${citizenId}/goals`, { text: 'again' }), 409);
  });
});

describe('the OpenAPI document', () => {
  it('lists the journey routes with examples', async () => {
    const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const path of ['/journeys', '/journeys/{citizenId}/goals', '/journeys/{citizenId}/offers/{offerId}/consent', '/journeys/{citizenId}/sessions', '/calendars/{staffId}/slots', '/journeys/{citizenId}/records']) {
      expect(Object.keys(openapi.paths)).toContain(path);
    }
    const start = openapi.paths['/journeys'].post.requestBody.content['application/json'];
    expect(JSON.stringify(start.example ?? start.examples ?? start.schema.examples)).toContain('self_service');
    expect(JSON.stringify(openapi)).not.toMatch(/mandatory|deadline|sanction|benefit/i);
  });
});

describe('what people look at', () => {
  it('the citizen sees everything recorded about them in plain language, newest first; staff of another centre do not', async () => {
    const id = newId();
    const token = await t.token('citizen', undefined, id);
    await ok(post(token, '/journeys', { centreId, alias: 'Mette' }));
    await ok(post(token, `/journeys/${id}/goals`, { text: 'Læse til sygeplejerske', category: 'education' }));
    const offerId = (await ok(post(staff, `/journeys/${id}/offers`, { offer: { source: 'centre', kind: 'education_guidance' }, information: 'Vejledning om SOSU' }))).created.offerId;
    await ok(post(token, `/journeys/${id}/offers/${offerId}/decline`, { reason: 'Ikke lige nu' }));
    await t.engine.settle();

    const view = async (who: string) => t.app.inject({ method: 'GET', url: `/journeys/${id}/records`, headers: { authorization: `Bearer ${who}` } });
    const records = (await view(token)).json().records as { type: string; text: string }[];
    expect(records.map((r) => r.type)).toEqual(['OfferDeclined', 'OfferMade', 'GoalStated', 'JourneyStarted']);
    expect(records.find((r) => r.type === 'GoalStated')!.text).toContain('Læse til sygeplejerske');
    // The same records in English: the sentences change, the citizen's own words do not.
    const english = (await t.app.inject({ method: 'GET', url: `/journeys/${id}/records?lang=en`, headers: { authorization: `Bearer ${token}` } })).json().records as { type: string; text: string }[];
    expect(english.find((r) => r.type === 'GoalStated')!.text).toBe(`Goal: ${records.find((r) => r.type === 'GoalStated')!.text.replace(/^Mål: /, '')}`);
    expect(english.find((r) => r.type === 'OfferDeclined')!.text).toMatch(/^You said no thank you\./);
    expect((await t.app.inject({ method: 'GET', url: `/journeys/${id}/records?lang=fr`, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(400);
    expect((await view(staff)).statusCode).toBe(200);
    expect((await view(await t.token('staff', newId()))).statusCode).toBe(403);
    expect((await view(await t.token('citizen'))).statusCode).toBe(403);

    const consents = (await t.app.inject({ method: 'GET', url: `/journeys/${id}/consents`, headers: { authorization: `Bearer ${token}` } })).json();
    expect(consents.offers).toEqual([expect.objectContaining({ offerId, answer: 'declined', history: [expect.objectContaining({ type: 'OfferDeclined' })] })]);

    const dashboard = (await t.app.inject({ method: 'GET', url: `/centres/${centreId}/offer-dashboard`, headers: { authorization: `Bearer ${staff}` } })).json();
    expect(dashboard.offers).toContainEqual(expect.objectContaining({ kind: 'education_guidance', made: 2, declined: 1, consented: 0 }));
    expect(dashboard.sessions).toMatchObject({ bookedInCalendarByCitizen: expect.any(Number) });
    // A board member sees it while holding a seat on the board, not on the strength of a token.
    const member = await t.token('board_member', centreId, 'member-dash');
    const asMember = () => t.app.inject({ method: 'GET', url: `/centres/${centreId}/offer-dashboard`, headers: { authorization: `Bearer ${member}` } });
    expect((await asMember()).statusCode).toBe(403);
    const admin = await t.token('admin');
    for (const [url, payload] of [[`/centres/${centreId}/board`, {}], [`/centres/${centreId}/board/seats/citizen/member`, { memberId: 'member-dash', how: 'elected', from: '2026-01-01' }]] as const) {
      const response = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${admin}` }, payload });
      expect(response.statusCode, response.body).toBeLessThan(300);
    }
    expect((await asMember()).statusCode).toBe(200);

    // The read models hold the words sealed, never in the clear.
    const tables = ['journey_records', 'journey_citizens', 'journey_sessions', 'journey_offers', 'journey_consents'];
    const raw = async () => {
      const dumps = await Promise.all(tables.map((table) => t.database.db.withSchema('rm').selectFrom(table).selectAll().execute()));
      return JSON.stringify(dumps);
    };
    for (const words of ['Mette', 'sygeplejerske', 'SOSU', 'Ikke lige nu']) expect(await raw()).not.toContain(words);
    const positions = async () => (await t.store.readStream(`journey-${id}`)).map((e) => `${e.globalPosition}:${e.type}`);
    const before = await positions();

    // After erasure the same views show the words as erased, and the log still holds every event.
    await ok(post(await t.token('admin'), `/admin/citizens/${id}/erase`));
    await t.engine.settle();
    const after = (await view(token)).json().records as { type: string; text: string }[];
    expect(after.map((r) => r.type)).toEqual(['CitizenErased', 'OfferDeclined', 'OfferMade', 'GoalStated', 'JourneyStarted']);
    const everything = JSON.stringify(after);
    for (const words of ['Mette', 'sygeplejerske', 'SOSU', 'Ikke lige nu']) expect(everything).not.toContain(words);
    expect(after.find((r) => r.type === 'GoalStated')!.text).toContain('(slettet)');
    expect((await positions()).slice(0, before.length)).toEqual(before);
    expect(await positions()).toHaveLength(before.length + 1);
  });

  it('a counsellor sees their day by time with the citizen’s alias and channel', async () => {
    const staffId = 'counsellor-3';
    const counsellor = await t.token('staff', centreId, staffId);
    const id = newId();
    const token = await t.token('citizen', undefined, id);
    await ok(post(token, '/journeys', { centreId, alias: 'Ole' }));
    const later = await ok(post(counsellor, `/calendars/${staffId}/slots`, { start: '2027-02-02T14:00:00+01:00', durationMinutes: 30, channels: ['chat'] }));
    const earlier = await ok(post(counsellor, `/calendars/${staffId}/slots`, { start: '2027-02-02T09:00:00+01:00', durationMinutes: 30, channels: ['phone'] }));
    await ok(post(token, `/journeys/${id}/sessions`, { staffId, slotId: later.slotId, channel: 'chat' }));
    await ok(post(token, `/journeys/${id}/sessions`, { staffId, slotId: earlier.slotId, channel: 'phone' }));
    await t.engine.settle();
    const day = (await t.app.inject({ method: 'GET', url: `/counsellors/${staffId}/day?date=2027-02-02`, headers: { authorization: `Bearer ${counsellor}` } })).json();
    expect(day.sessions.map((s: { channel: string; alias: string }) => [s.channel, s.alias])).toEqual([['phone', 'Ole'], ['chat', 'Ole']]);
    const citizenTries = await t.app.inject({ method: 'GET', url: `/counsellors/${staffId}/day?date=2027-02-02`, headers: { authorization: `Bearer ${token}` } });
    expect(citizenTries.statusCode).toBe(403);
  });
});
