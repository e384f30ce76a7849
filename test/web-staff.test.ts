/**
 * The staff pages through `inject`, against a real PostgreSQL: every route for the wrong role
 * (403) and signed out (303 to /log-ind); another centre's citizen, conversation and reference not
 * found; bad input a 400 naming the field with nothing recorded; the grouped form appended
 * atomically (all of it, or nothing) and once for a double submit; the citizen's own word never
 * outranked by what staff record; Danish and English.
 *
 * Conversations are seeded through the real deciders with a clock in the past (a time is booked
 * ahead and recorded once it has begun, so the story needs time to pass), as the API's specs seed.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookSession } from '../src/commands/sessions.js';
import { agreementDecider } from '../src/domain/agreement/decide.js';
import { calendarDecider } from '../src/domain/calendar/decide.js';
import { catalogueDecider } from '../src/domain/catalogue/decide.js';
import { partnerDecider } from '../src/domain/partner/decide.js';
import { journeyDecider } from '../src/domain/journey/decide.js';
import { journeyReference } from '../src/domain/journey/reference.js';
import type { Principal } from '../src/domain/shared/principal.js';
import { derivedId, newId } from '../src/ids.js';
import { copenhagenClockOf, copenhagenDateOf, copenhagenToday } from '../src/web/pages/staff-parts.js';
import { commandsFor } from '../src/wiring.js';
import { createTestApp } from './support/app.js';
import { field, InjectBrowser } from './support/inject-browser.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let commands: ReturnType<typeof commandsFor>;
let centreA: string;
let centreB: string;

type Fields = Record<string, string | string[]> | [string, string][];

/** A browser's cookies, sent back; a form's fields may repeat a name (given as pairs). */
class Browser extends InjectBrowser {
  constructor(headers: Record<string, string> = {}) {
    super(() => t.app, headers);
  }
  override post(url: string, fields: Fields) {
    if (!Array.isArray(fields)) return super.post(url, fields);
    const grouped: Record<string, string[]> = {};
    for (const [k, v] of fields) (grouped[k] ??= []).push(v);
    return super.post(url, grouped);
  }
}

/** The value of a shown input named `name` (its attributes in any order). */
const inputValue = (body: string, name: string) => {
  const input = new RegExp(`<input[^>]*\\sname="${name}"[^>]*>`).exec(body)?.[0];
  return input === undefined ? undefined : (/\svalue="([^"]*)"/.exec(input)?.[1] ?? '');
};
/** The hidden fields of the first form on a page that posts to `action`. */
function formOf(body: string, action: string): { _csrf: string; idempotencyKey: string } {
  const start = body.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = body.slice(start, body.indexOf('</form>', start));
  return { _csrf: field(form, '_csrf') ?? '', idempotencyKey: field(form, 'idempotencyKey') ?? '' };
}

async function signedIn(role: string, personId: string, centre = '', lang?: 'en'): Promise<Browser> {
  const browser = new Browser(lang ? { 'accept-language': 'en' } : {});
  const form = await browser.get('/log-ind');
  const answer = await browser.post('/log-ind', { _csrf: field(form.body, '_csrf') ?? '', role, personId, centreId: centre });
  expect(answer.statusCode).toBe(303);
  return browser;
}

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE).toISOString();
const staff = (id: string, centreId: string): Principal => ({ id, role: 'staff', centreId });

async function eventsOf(streamId: string) {
  const { rows } = await sql<{ event_type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }>`
    select event_type, data, metadata from events where stream_id = ${streamId} order by global_position`.execute(t.database.db);
  return rows;
}
const typesOf = async (streamId: string) => (await eventsOf(streamId)).map((e) => e.event_type);

/**
 * A citizen's journey at a centre with an offer made beforehand, and a conversation at their home
 * booked with `staffId` that began `minutesAgo` (published and booked earlier, as the clock was then).
 */
async function conversation(centreId: string, staffId: string, o: { minutesAgo?: number } = {}) {
  const citizenId = `citizen-${newId().slice(-12)}`;
  const citizen: Principal = { id: citizenId, role: 'citizen' };
  const counsellor = staff(staffId, centreId);
  const ctx = () => ({ commandId: newId() });
  const journeyId = derivedId(newId(), 'journeyId');
  const began = o.minutesAgo ?? 30;
  const start = ago(began);
  // The story before it: the journey, the time, the offer and the booking, hours before it began.
  const earlier = (minutes: number) => ago(began + minutes);
  await commands.handler.handle(journeyDecider, { type: 'StartJourney', citizenId, now: earlier(270), principal: citizen, data: { journeyId, centreId, firstContact: 'self_service', centreKnown: true } }, ctx());
  const slotId = newId();
  await commands.handler.handle(
    calendarDecider,
    { type: 'PublishAvailability', staffId, now: earlier(270), principal: counsellor, data: { slotId, start, durationMinutes: 45, channels: ['in_person_home'], openingHours: null } },
    ctx(),
  );
  const offerId = newId();
  await commands.handler.handle(journeyDecider, { type: 'MakeOffer', citizenId, now: earlier(210), principal: counsellor, data: { offerId, offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching om tirsdagen' } }, ctx());
  const sessionId = newId();
  await bookSession(commands.handler, commands.facts, { principal: citizen, citizenId, now: earlier(170) }, { sessionId, staffId, slotId, channel: 'in_person_home' }, ctx());
  await t.engine.settle();
  return { citizenId, journeyId, sessionId, offerId, slotId, start, stream: `journey-${citizenId}`, reference: journeyReference(journeyId) };
}

/** The record form as the counsellor sends it untouched: held at the booked time, for the booked length. */
async function recordForm(browser: Browser, sessionId: string) {
  const page = await browser.get(`/medarbejder/samtale/${sessionId}`);
  expect(page.statusCode, page.body).toBe(200);
  return { page, base: { ...formOf(page.body, `/medarbejder/samtale/${sessionId}`), startedAt: inputValue(page.body, 'startedAt') ?? '', durationMinutes: inputValue(page.body, 'durationMinutes') ?? '' } };
}

beforeAll(async () => {
  t = await createTestApp();
  commands = commandsFor(t.database, t.store, t.vault);
  const admin = await t.token('admin');
  const establish = async (name: string) => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/centres',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'idempotency-key': newId() },
      payload: { municipalityCode: '101', name },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().centreId as string;
  };
  centreA = await establish('Virkelyst Amager');
  centreB = await establish('Virkelyst Brønshøj');
  await t.engine.settle();
});
afterAll(async () => {
  await t?.close();
});

const GET_ROUTES = (c: { sessionId: string; citizenId: string }) => [
  '/medarbejder',
  `/medarbejder/samtale/${c.sessionId}`,
  `/medarbejder/samtale/${c.sessionId}/ikke-holdt`,
  `/medarbejder/samtale/${c.sessionId}/foreslaa`,
  '/medarbejder/find',
  `/medarbejder/borger/${c.citizenId}`,
  `/medarbejder/borger/${c.citizenId}/tilbud`,
  '/medarbejder/tider',
  '/medarbejder/tilbudsoversigt',
];
const POST_ROUTES = (c: { sessionId: string; citizenId: string; slotId: string }) => [
  `/medarbejder/samtale/${c.sessionId}`,
  `/medarbejder/samtale/${c.sessionId}/ikke-holdt`,
  `/medarbejder/samtale/${c.sessionId}/foreslaa`,
  `/medarbejder/borger/${c.citizenId}/tilbud`,
  '/medarbejder/tider',
  `/medarbejder/tider/${c.slotId}/traek-tilbage`,
];

describe('who may use the staff pages', () => {
  it('sends the signed out to sign in, and tells every other role the pages are not theirs (403), recording nothing', async () => {
    const c = await conversation(centreA, 'counsellor-guard');
    for (const url of GET_ROUTES(c)) {
      const answer = await new Browser().get(url);
      expect(answer.statusCode, url).toBe(303);
      expect(answer.headers.location, url).toBe('/log-ind');
    }
    const before = await t.eventCount();
    for (const [role, centre] of [['citizen', ''], ['board_member', centreA], ['auditor', '']] as const) {
      const browser = await signedIn(role, `${role}-guard`, centre);
      for (const url of GET_ROUTES(c)) {
        const answer = await browser.get(url);
        expect(answer.statusCode, `${role} ${url}`).toBe(403);
        expect(answer.body).toContain('Du har ikke adgang til siden');
      }
      const csrf = field((await browser.get('/')).body, '_csrf') ?? '';
      for (const url of POST_ROUTES(c)) {
        const answer = await browser.post(url, { _csrf: csrf, idempotencyKey: newId(), durationMinutes: '45', startedAt: '10:00', kind: 'coaching', information: 'x' });
        expect(answer.statusCode, `${role} POST ${url}`).toBe(403);
      }
    }
    expect(await t.eventCount()).toBe(before);
  });

  it('finds nothing of another centre’s: its conversation, its citizen, its reference, its offer page; and another counsellor’s conversation is not mine', async () => {
    const c = await conversation(centreA, 'counsellor-a1');
    const other = await signedIn('staff', 'counsellor-b1', centreB);
    for (const url of [`/medarbejder/samtale/${c.sessionId}`, `/medarbejder/samtale/${c.sessionId}/ikke-holdt`, `/medarbejder/borger/${c.citizenId}`, `/medarbejder/borger/${c.citizenId}/tilbud`]) {
      const answer = await other.get(url);
      expect(answer.statusCode, url).toBe(404);
      expect(answer.body).toContain('Siden findes ikke');
    }
    const search = await other.get(`/medarbejder/find?reference=${encodeURIComponent(c.reference)}`);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('Ingen borger på dit center har den reference');
    expect(search.body).not.toContain(c.citizenId);
    // Posting to them records nothing either.
    const before = await t.eventCount();
    const csrf = field((await other.get('/medarbejder/tider')).body, '_csrf') ?? '';
    for (const url of [`/medarbejder/samtale/${c.sessionId}`, `/medarbejder/samtale/${c.sessionId}/ikke-holdt`, `/medarbejder/borger/${c.citizenId}/tilbud`]) {
      const answer = await other.post(url, { _csrf: csrf, idempotencyKey: newId(), durationMinutes: '45', startedAt: copenhagenClockOf(c.start), kind: 'coaching', information: 'Et tilbud' });
      expect(answer.statusCode, url).toBe(404);
    }
    // A colleague at the same centre: the conversation is not on their day.
    const colleague = await signedIn('staff', 'counsellor-a2', centreA);
    expect((await colleague.get(`/medarbejder/samtale/${c.sessionId}`)).statusCode).toBe(404);
    const withdraw = await colleague.post(`/medarbejder/tider/${c.slotId}/traek-tilbage`, { _csrf: field((await colleague.get('/medarbejder/tider')).body, '_csrf') ?? '', idempotencyKey: newId() });
    expect(withdraw.statusCode).toBe(404);
    expect(withdraw.body).toContain('Tiden findes ikke længere.');
    expect(await t.eventCount()).toBe(before);
  });
});

describe('Min dag', () => {
  it('lists the day’s conversations in Copenhagen time with the citizen’s reference and the way to record each, in Danish and English', async () => {
    const c = await conversation(centreA, 'counsellor-day');
    const date = copenhagenDateOf(c.start);
    const da = await signedIn('staff', 'counsellor-day', centreA);
    const page = await da.get(`/medarbejder?dato=${date}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<html lang="da">/);
    expect(page.body).toContain(`kl. ${copenhagenClockOf(c.start).replace(':', '.')}`);
    expect(page.body).toContain(c.reference);
    expect(page.body).toContain('besøg hjemme hos borgeren');
    expect(page.body).toContain(`href="/medarbejder/samtale/${c.sessionId}"`);
    expect(page.body).toContain(`href="/medarbejder/samtale/${c.sessionId}/ikke-holdt"`);
    expect(page.body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(page.body).not.toContain('in_person_home');
    const en = await signedIn('staff', 'counsellor-day', centreA, 'en');
    const english = await en.get(`/medarbejder?dato=${date}`);
    expect(english.body).toMatch(/<html lang="en">/);
    expect(english.body).toContain('Record the conversation');
    expect(english.body).toContain('a visit at the citizen’s home');
    // Another counsellor's day does not hold it.
    const other = await signedIn('staff', 'counsellor-elsewhere', centreA);
    expect((await other.get(`/medarbejder?dato=${date}`)).body).not.toContain(c.sessionId);
    // A date that is not one is today, never a fault.
    expect((await da.get('/medarbejder?dato=2027-02-31')).statusCode).toBe(200);
    // The day is named with its weekday, today too.
    expect((await da.get('/medarbejder?dato=2025-12-03')).body).toContain('<h2>Onsdag 3. december 2025</h2>');
    expect((await en.get('/medarbejder?dato=2025-12-03')).body).toContain('<h2>Wednesday 3 December 2025</h2>');
    const [y, m, d] = copenhagenToday(new Date()).split('-').map(Number) as [number, number, number];
    const weekday = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'][new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
    expect((await da.get('/medarbejder')).body).toMatch(new RegExp(`<h2>I dag, ${weekday} ${d}\\. [a-z]+ ${y}</h2>`));
  });
});

describe('recording a held conversation in one grouped form', () => {
  it('prefills the booked time and length, and records the conversation with everything the citizen said in one append, once', async () => {
    const c = await conversation(centreA, 'counsellor-rec');
    const browser = await signedIn('staff', 'counsellor-rec', centreA);
    const { page, base } = await recordForm(browser, c.sessionId);
    expect(base.startedAt).toBe(copenhagenClockOf(c.start).replace(':', '.'));
    expect(base.durationMinutes).toBe('45');
    expect(page.body).toContain(`name="answer-${c.offerId}"`);
    expect(page.body).toContain('Ja tak – sagt i samtalen');
    expect(page.body).toContain('Ja tak – skrevet under i samtalen');
    const form: [string, string][] = [
      ...Object.entries(base),
      ['topics', 'wishes_and_dreams'],
      ['topics', 'education'],
      ['goal1', 'Jeg vil gerne være tømrer'],
      ['goal2', ''],
      ['outcomes', 'education'],
      ['outcomeNote', ''],
      [`answer-${c.offerId}`, 'verbal_in_session'],
      ['informationGiven', 'Vi talte om tømreruddannelsen på erhvervsskolen.'],
      ['nextSteps', 'Borgeren ringer til skolen.'],
      ['notes', ''],
    ];
    const before = await typesOf(c.stream);
    const first = await browser.post(`/medarbejder/samtale/${c.sessionId}`, form);
    expect(first.statusCode, first.body).toBe(303);
    expect(first.headers.location).toMatch(new RegExp(`^/medarbejder\\?registreret=${c.sessionId}`));
    const second = await browser.post(`/medarbejder/samtale/${c.sessionId}`, form);
    expect(second.statusCode).toBe(303);

    const events = (await eventsOf(c.stream)).slice(before.length);
    expect(events.map((e) => e.event_type)).toEqual(['SessionHeld', 'GoalStated', 'OutcomeRecorded', 'ConsentGiven']);
    // One command: the handler's one append, under the form's key.
    expect(new Set(events.map((e) => e.metadata.commandId))).toEqual(new Set([base.idempotencyKey]));
    const [held, goal, outcome, consent] = events;
    expect(held!.data).toMatchObject({ sessionId: c.sessionId, staffId: 'counsellor-rec', heldAt: c.start, durationMinutes: 45, topics: ['wishes_and_dreams', 'education'] });
    // Personal fields are sealed, never in the clear.
    expect(JSON.stringify(held!.data)).not.toContain('tømreruddannelsen');
    expect(goal!.data).toMatchObject({ goalId: derivedId(base.idempotencyKey, 'goalId'), recordedBy: { by: 'staff', staffId: 'counsellor-rec', sessionId: c.sessionId }, at: c.start });
    expect(outcome!.data).toMatchObject({ outcomeId: derivedId(base.idempotencyKey, 'outcomeId'), kind: 'education', recordedBy: { by: 'staff', sessionId: c.sessionId } });
    expect(consent!.data).toMatchObject({ offerId: c.offerId, consent: { method: 'verbal_in_session', staffId: 'counsellor-rec', sessionId: c.sessionId }, receipt: { receiptId: derivedId(base.idempotencyKey, `receiptId:${c.offerId}`), timestamp: c.start } });

    await t.engine.settle();
    const day = await browser.get(first.headers.location as string);
    expect(day.body).toContain('Samtalen er registreret.');
    expect(day.body).toContain(`href="/medarbejder/borger/${c.citizenId}/tilbud?samtale=${c.sessionId}"`);
    // Recorded: the form is not offered again.
    expect((await browser.get(`/medarbejder/samtale/${c.sessionId}`)).body).toContain('Samtalen er allerede registreret.');
    // What the citizen reads of it, through the API.
    const records = await t.app.inject({ method: 'GET', url: `/journeys/${c.citizenId}/records`, headers: { authorization: `Bearer ${await t.token('citizen', undefined, c.citizenId)}` } });
    const texts = (records.json().records as { text: string }[]).map((r) => r.text);
    expect(texts).toContain('Mål: Jeg vil gerne være tømrer');
    expect(texts.find((text) => text.startsWith('Samtale holdt'))).toMatch(/^Samtale holdt \(45 min\.\)\. Emner: [a-zæøå ,]+\.( Information, du fik: .+)? Næste skridt: Borgeren ringer til skolen\.$/);
  });

  it('answers bad input with a 400 naming each field, above the h1, keeping what was typed, and records nothing', async () => {
    const c = await conversation(centreA, 'counsellor-bad');
    const browser = await signedIn('staff', 'counsellor-bad', centreA);
    const { base } = await recordForm(browser, c.sessionId);
    const before = await t.eventCount();
    const bad = await browser.post(`/medarbejder/samtale/${c.sessionId}`, { ...base, startedAt: 'halv elleve', durationMinutes: '5', goal1: 'x'.repeat(2001) });
    expect(bad.statusCode).toBe(400);
    const summary = bad.body.indexOf('alert alert-error');
    expect(summary).toBeGreaterThan(0);
    expect(summary).toBeLessThan(bad.body.indexOf('<h1>'));
    expect(bad.body).toContain('<a href="#startedAt" class="function-link">Skriv tidspunktet som tt.mm, fx 10.15</a>');
    expect(bad.body).toContain('<a href="#durationMinutes" class="function-link">Skriv varigheden i hele minutter, mellem 10 og 240</a>');
    expect(bad.body).toContain('<a href="#goal1" class="function-link">');
    expect(bad.body).toContain('value="halv elleve"');
    // In English, in the reader's language.
    const en = await signedIn('staff', 'counsellor-bad', centreA, 'en');
    const english = await en.post(`/medarbejder/samtale/${c.sessionId}`, { ...formOf((await en.get(`/medarbejder/samtale/${c.sessionId}`)).body, `/medarbejder/samtale/${c.sessionId}`), startedAt: '25:00', durationMinutes: '45' });
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('<a href="#startedAt" class="function-link">Type the time as hh:mm, e.g. 10:15</a>');
    // A time before the booked one is the decider's refusal, on the same field.
    const early = copenhagenClockOf(new Date(Date.parse(c.start) - 10 * MINUTE));
    const tooEarly = await browser.post(`/medarbejder/samtale/${c.sessionId}`, { ...base, startedAt: early });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.body).toContain('<a href="#startedAt" class="function-link">Samtalen kan ikke være begyndt før den bookede tid eller senere end nu</a>');
    // Codes that are not the form's: not a form of ours.
    expect((await browser.post(`/medarbejder/samtale/${c.sessionId}`, { ...base, topics: 'sanctions' })).statusCode).toBe(400);
    expect((await browser.post(`/medarbejder/samtale/${c.sessionId}`, { ...base, [`answer-${c.offerId}`]: 'mandatory' })).statusCode).toBe(400);
    // Without its idempotency key: a page error.
    expect((await browser.post(`/medarbejder/samtale/${c.sessionId}`, { ...base, idempotencyKey: '' })).body).toContain('Formularen kunne ikke læses');
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses words of coercion in what staff write, naming the field that holds them, and records nothing of the form', async () => {
    const c = await conversation(centreA, 'counsellor-words');
    const browser = await signedIn('staff', 'counsellor-words', centreA);
    const { base } = await recordForm(browser, c.sessionId);
    const before = await t.eventCount();
    const info = await browser.post(`/medarbejder/samtale/${c.sessionId}`, { ...base, goal1: 'Et job i en bager', informationGiven: 'Du mister dine dagpenge, hvis du siger nej.' });
    expect(info.statusCode).toBe(400);
    expect(info.body).toContain('<a href="#informationGiven" class="function-link">Teksten bruger ord, der lyder som tvang (dagpenge, mister din)');
    // Compulsion and deadlines without a word of benefits are refused as well, on the field that holds them.
    const steps = await browser.post(`/medarbejder/samtale/${c.sessionId}`, { ...base, nextSteps: 'Du skal deltage i forløbet. Fristen er fredag.' });
    expect(steps.statusCode).toBe(400);
    expect(steps.body).toContain('<a href="#nextSteps" class="function-link">Teksten bruger ord, der lyder som tvang (frist, skal deltage)');
    const english = await browser.post(`/medarbejder/samtale/${c.sessionId}`, { ...base, notes: 'Attendance is required. You have to come by Friday, otherwise your payments stop.' });
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('<a href="#notes" class="function-link">Teksten bruger ord, der lyder som tvang (required, have to, otherwise, payments stop)');
    const goal = await browser.post(`/medarbejder/samtale/${c.sessionId}`, { ...base, goal1: 'Et job i en bager', goal2: 'Undgå en sanktion' });
    expect(goal.statusCode).toBe(400);
    expect(goal.body).toContain('<a href="#goal2" class="function-link">');
    expect(await t.eventCount()).toBe(before);
  });

  it('writes nothing at all when one part is refused: an answer the citizen gave themselves meanwhile leaves the conversation unrecorded', async () => {
    const c = await conversation(centreA, 'counsellor-atomic');
    const browser = await signedIn('staff', 'counsellor-atomic', centreA);
    const { base } = await recordForm(browser, c.sessionId);
    // The form is open; the citizen says no thank you themselves, and the read model follows.
    await commands.handler.handle(journeyDecider, { type: 'DeclineOffer', citizenId: c.citizenId, now: new Date().toISOString(), principal: { id: c.citizenId, role: 'citizen' }, data: { offerId: c.offerId } }, { commandId: newId() });
    await t.engine.settle();
    const before = await t.eventCount();
    const refused = await browser.post(`/medarbejder/samtale/${c.sessionId}`, { ...base, goal1: 'At starte eget værksted', [`answer-${c.offerId}`]: 'verbal_in_session' });
    expect(refused.statusCode).toBe(422);
    expect(await t.eventCount()).toBe(before);
    expect(await typesOf(c.stream)).not.toContain('SessionHeld');
    // The form shown again no longer holds that offer: the error leads to the offers' section, which is there.
    expect(refused.body).not.toContain(`id="answer-${c.offerId}"`);
    expect(refused.body).toContain('<a href="#offers" class="function-link">Borgeren har selv svaret på tilbuddet eller et tilbud af samme slags siden samtalen.');
    expect(refused.body).toMatch(/<fieldset class="mt-6 form-error" id="offers"/);
    expect(refused.body).toContain('At starte eget værksted</textarea>');
  });

  it('takes answers only to the offers the form shows: an unknown offer, or another centre’s, is not a form of ours', async () => {
    const c = await conversation(centreA, 'counsellor-unknown-offer');
    const browser = await signedIn('staff', 'counsellor-unknown-offer', centreA);
    const { base } = await recordForm(browser, c.sessionId);
    const before = await t.eventCount();
    for (const answer of ['declined', 'none', 'verbal_in_session']) {
      const refused = await browser.post(`/medarbejder/samtale/${c.sessionId}`, { ...base, goal1: 'At starte eget værksted', [`answer-${newId()}`]: answer });
      expect(refused.statusCode, answer).toBe(400);
      expect(refused.body).toContain('Formularen kunne ikke læses');
    }
    // An offer made after the conversation began was not on the form either.
    const later = newId();
    await commands.handler.handle(journeyDecider, { type: 'MakeOffer', citizenId: c.citizenId, now: ago(1), principal: staff('counsellor-unknown-offer', centreA), data: { offerId: later, offer: { source: 'centre', kind: 'workshop' }, information: 'Workshop om CV' } }, { commandId: newId() });
    await t.engine.settle();
    const after = await t.eventCount();
    expect((await browser.post(`/medarbejder/samtale/${c.sessionId}`, { ...base, [`answer-${later}`]: 'verbal_in_session' })).statusCode).toBe(400);
    expect(await t.eventCount()).toBe(after);
    expect(after).toBe(before + 1);
    expect(await typesOf(c.stream)).not.toContain('SessionHeld');
  });

  it('a counsellor at another centre records no answer to the offer an earlier centre made, though it came along with the journey', async () => {
    const citizenId = `citizen-${newId().slice(-12)}`;
    const citizen: Principal = { id: citizenId, role: 'citizen' };
    const ctx = () => ({ commandId: newId() });
    const h = commands.handler;
    await h.handle(journeyDecider, { type: 'StartJourney', citizenId, now: ago(600), principal: citizen, data: { journeyId: derivedId(newId(), 'journeyId'), centreId: centreA, firstContact: 'self_service', centreKnown: true } }, ctx());
    const offerA = newId();
    await h.handle(journeyDecider, { type: 'MakeOffer', citizenId, now: ago(590), principal: staff('counsellor-a-moved', centreA), data: { offerId: offerA, offer: { source: 'centre', kind: 'internship' }, information: 'Praktik hos bageren på Amager' } }, ctx());
    await h.handle(journeyDecider, { type: 'CloseJourney', citizenId, now: ago(580), principal: citizen, data: {} }, ctx());
    await h.handle(journeyDecider, { type: 'StartJourney', citizenId, now: ago(570), principal: citizen, data: { journeyId: derivedId(newId(), 'journeyId'), centreId: centreB, firstContact: 'self_service', centreKnown: true } }, ctx());
    const staffB = 'counsellor-b-moved';
    const slotId = newId();
    await h.handle(calendarDecider, { type: 'PublishAvailability', staffId: staffB, now: ago(560), principal: staff(staffB, centreB), data: { slotId, start: ago(30), durationMinutes: 45, channels: ['in_person_home'], openingHours: null } }, ctx());
    const sessionId = newId();
    await bookSession(h, commands.facts, { principal: citizen, citizenId, now: ago(550) }, { sessionId, staffId: staffB, slotId, channel: 'in_person_home' }, ctx());
    await t.engine.settle();
    const b = await signedIn('staff', staffB, centreB);
    const { page, base } = await recordForm(b, sessionId);
    expect(page.body).not.toContain(offerA);
    const before = await t.eventCount();
    const refused = await b.post(`/medarbejder/samtale/${sessionId}`, { ...base, [`answer-${offerA}`]: 'verbal_in_session' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Formularen kunne ikke læses');
    expect(await t.eventCount()).toBe(before);
    expect(await typesOf(`journey-${citizenId}`)).not.toContain('ConsentGiven');
    // The citizen answers it themselves, at any centre.
    await h.handle(journeyDecider, { type: 'DeclineOffer', citizenId, now: new Date().toISOString(), principal: citizen, data: { offerId: offerA } }, ctx());
    expect(await typesOf(`journey-${citizenId}`)).toContain('OfferDeclined');
  });

  it('never outranks the citizen’s own word: an answer the citizen gave themselves since the conversation began stands', async () => {
    const c = await conversation(centreA, 'counsellor-own-word', { minutesAgo: 30 });
    // The citizen said no thank you themselves, after the conversation's booked start.
    await commands.handler.handle(journeyDecider, { type: 'DeclineOffer', citizenId: c.citizenId, now: ago(10), principal: { id: c.citizenId, role: 'citizen' }, data: { offerId: c.offerId } }, { commandId: newId() });
    const browser = await signedIn('staff', 'counsellor-own-word', centreA);
    // The form was opened before the citizen answered (the read model still shows the offer waiting).
    const { base } = await recordForm(browser, c.sessionId);
    const before = await t.eventCount();
    const refused = await browser.post(`/medarbejder/samtale/${c.sessionId}`, { ...base, [`answer-${c.offerId}`]: 'verbal_in_session' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Borgeren har selv svaret på tilbuddet eller et tilbud af samme slags siden samtalen. Borgerens eget svar gælder.');
    // The form still shows the offer (the read model has not followed yet): the error leads to its radios.
    expect(refused.body).toContain(`<a href="#answer-${c.offerId}" class="function-link">`);
    expect(refused.body).toContain(`id="answer-${c.offerId}"`);
    expect(await t.eventCount()).toBe(before);
  });

  it('records a conversation that did not take place, asked once, without a reason', async () => {
    const c = await conversation(centreA, 'counsellor-not-held');
    const browser = await signedIn('staff', 'counsellor-not-held', centreA);
    const page = await browser.get(`/medarbejder/samtale/${c.sessionId}/ikke-holdt`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Det har ingen betydning for borgeren');
    const base = formOf(page.body, `/medarbejder/samtale/${c.sessionId}/ikke-holdt`);
    const before = await t.eventCount();
    expect((await browser.post(`/medarbejder/samtale/${c.sessionId}/ikke-holdt`, { _csrf: base._csrf })).statusCode).toBe(400);
    expect(await t.eventCount()).toBe(before);
    const done = await browser.post(`/medarbejder/samtale/${c.sessionId}/ikke-holdt`, base);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toMatch(/^\/medarbejder\?ikkeholdt=1/);
    expect((await browser.post(`/medarbejder/samtale/${c.sessionId}/ikke-holdt`, base)).statusCode).toBe(303);
    expect((await typesOf(c.stream)).filter((type) => type === 'SessionNotHeld')).toHaveLength(1);
    // Recorded again with a new form: the decider says it is settled.
    const again = await browser.post(`/medarbejder/samtale/${c.sessionId}/ikke-holdt`, { ...base, idempotencyKey: newId() });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Samtalen er allerede registreret, eller den er aflyst.');
    await t.engine.settle();
    expect((await browser.get(`/medarbejder/samtale/${c.sessionId}`)).body).toContain('Samtalen er allerede registreret.');
  });
});

describe('a consent the citizen withdrew in the conversation', () => {
  it('is recorded with the conversation in the same append, naming it; only a consent in force the form shows; refusals on the boxes', async () => {
    const c = await conversation(centreA, 'counsellor-withdraw');
    const citizen: Principal = { id: c.citizenId, role: 'citizen' };
    // The citizen said yes please themselves, before the conversation.
    await commands.handler.handle(journeyDecider, { type: 'GiveConsent', citizenId: c.citizenId, now: ago(100), principal: citizen, data: { offerId: c.offerId, receiptId: newId() } }, { commandId: newId() });
    await t.engine.settle();
    const browser = await signedIn('staff', 'counsellor-withdraw', centreA);
    const { page, base } = await recordForm(browser, c.sessionId);
    expect(page.body).toContain('Trak borgeren et samtykke tilbage i samtalen?');
    expect(page.body).toContain(`<input type="checkbox" id="withdrawals" name="withdrawals" class="form-checkbox" value="${c.offerId}">`);
    expect(page.body).toContain('Coaching: ja tak');
    // The offer has its consent: no answer to give it, only the box.
    expect(page.body).not.toContain(`name="answer-${c.offerId}"`);
    const english = await recordForm(await signedIn('staff', 'counsellor-withdraw', centreA, 'en'), c.sessionId);
    expect(english.page.body).toContain('Did the citizen withdraw a consent in the conversation?');

    // A withdrawal of an offer the form did not show, or not an offer id: not a form of ours.
    const before = await t.eventCount();
    for (const offerId of [newId(), 'not-an-id']) {
      const bad = await browser.post(`/medarbejder/samtale/${c.sessionId}`, [...Object.entries(base), ['withdrawals', offerId]]);
      expect(bad.statusCode, offerId).toBe(400);
    }
    expect(await t.eventCount()).toBe(before);

    const withdrawn = await browser.post(`/medarbejder/samtale/${c.sessionId}`, [...Object.entries(base), ['withdrawals', c.offerId]]);
    expect(withdrawn.statusCode, withdrawn.body).toBe(303);
    const events = (await eventsOf(c.stream)).filter((e) => e.metadata.commandId === base.idempotencyKey);
    expect(events.map((e) => e.event_type)).toEqual(['SessionHeld', 'ConsentWithdrawn']);
    expect(events[1]!.data).toMatchObject({ offerId: c.offerId, consent: { staffId: 'counsellor-withdraw', sessionId: c.sessionId }, at: c.start });
    // Through the API: the consent is no longer in force.
    await t.engine.settle();
    const register = await t.app.inject({ method: 'GET', url: `/journeys/${c.citizenId}/consents`, headers: { authorization: `Bearer ${await t.token('citizen', undefined, c.citizenId)}` } });
    expect((register.json().offers as { offerId: string; answer: string }[]).find((o) => o.offerId === c.offerId)?.answer).toBe('withdrawn');
  });

  it('does not offer the withdrawal of a consent the citizen gave themselves after the conversation began, and the decider refuses one sent anyway', async () => {
    const c = await conversation(centreA, 'counsellor-withdraw-late', { minutesAgo: 60 });
    const citizen: Principal = { id: c.citizenId, role: 'citizen' };
    const browser = await signedIn('staff', 'counsellor-withdraw-late', centreA);
    const { base } = await recordForm(browser, c.sessionId);
    // Since the conversation began, the citizen said yes please themselves: their own latest word.
    await commands.handler.handle(journeyDecider, { type: 'GiveConsent', citizenId: c.citizenId, now: ago(10), principal: citizen, data: { offerId: c.offerId, receiptId: newId() } }, { commandId: newId() });
    await t.engine.settle();
    expect((await browser.get(`/medarbejder/samtale/${c.sessionId}`)).body).not.toContain('name="withdrawals"');
    const before = await t.eventCount();
    const refused = await browser.post(`/medarbejder/samtale/${c.sessionId}`, [...Object.entries(base), ['withdrawals', c.offerId]]);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Borgerens eget svar gælder.');
    expect(await t.eventCount()).toBe(before);
  });
});

describe('making an offer', () => {
  it('makes an offer outside a conversation in plain words; refuses words of coercion and bad input naming the field; the same offer is not put twice while it waits', async () => {
    const c = await conversation(centreA, 'counsellor-offer');
    const browser = await signedIn('staff', 'counsellor-offer', centreA);
    const url = `/medarbejder/borger/${c.citizenId}/tilbud`;
    const page = await browser.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tilbud, der venter på borgerens svar: Coaching.');
    expect(page.body).not.toContain('name="answer"');
    const base = formOf(page.body, url);
    const before = await t.eventCount();
    const empty = await browser.post(url, { ...base, kind: '', information: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<a href="#kind" class="function-link">Vælg, hvilket tilbud du giver</a>');
    expect(empty.body).toContain('<a href="#information" class="function-link">Skriv med almindelige ord, hvad tilbuddet er</a>');
    const coercive = await browser.post(url, { ...base, kind: 'internship', information: 'Praktikken er obligatorisk.' });
    expect(coercive.statusCode).toBe(400);
    expect(coercive.body).toContain('<a href="#information" class="function-link">Teksten bruger ord, der lyder som tvang (obligatorisk');
    for (const information of [
      'Du skal deltage i forløbet. Fristen er fredag.',
      'Deltagelse er påkrævet, og det er et krav fra kommunen.',
      'Deltagelsen er tvunget.',
      'Hvis du udebliver, stopper udbetalingen af din hjælp.',
      'Du mister din understøttelse, hvis du siger nej.',
      'Du får en straf, hvis du ikke kommer.',
      'Senest mandag skal du have søgt 5 jobs.',
      'Du skal mødes med os hver uge.',
      'Du er nødt til at tage imod tilbuddet.',
      'Attendance is required. You have to come by Friday, otherwise your payments stop.',
    ]) {
      const refused = await browser.post(url, { ...base, kind: 'workshop', information });
      expect(refused.statusCode, information).toBe(400);
      expect(refused.body, information).toContain('<a href="#information" class="function-link">Teksten bruger ord, der lyder som tvang (');
    }
    expect((await browser.post(url, { ...base, kind: 'benefit_stop', information: 'x' })).statusCode).toBe(400);
    const twice = await browser.post(url, { ...base, kind: 'coaching', information: 'Coaching igen' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Tilbuddet er allerede givet og venter på borgerens svar.');
    expect(await t.eventCount()).toBe(before);

    const made = await browser.post(url, { ...base, kind: 'internship', information: 'Praktik i en tømrervirksomhed på Amager, fire uger.' });
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe(`/medarbejder/borger/${c.citizenId}?tilbud=1`);
    expect((await browser.post(url, { ...base, kind: 'internship', information: 'Praktik i en tømrervirksomhed på Amager, fire uger.' })).statusCode).toBe(303);
    const offers = (await eventsOf(c.stream)).filter((e) => e.event_type === 'OfferMade');
    expect(offers).toHaveLength(2);
    expect(offers[1]!.data).toMatchObject({ offerId: derivedId(base.idempotencyKey, 'offerId'), offer: { source: 'centre', kind: 'internship' }, staffId: 'counsellor-offer' });
    expect(offers[1]!.data).not.toHaveProperty('sessionId');
  });

  it('makes an offer in a conversation I held, with the answer the citizen gave there and then, together', async () => {
    const c = await conversation(centreA, 'counsellor-in-session');
    const browser = await signedIn('staff', 'counsellor-in-session', centreA);
    const { base: record } = await recordForm(browser, c.sessionId);
    expect((await browser.post(`/medarbejder/samtale/${c.sessionId}`, record)).statusCode).toBe(303);
    await t.engine.settle();
    // Another's conversation, or one not held, is not one to make an offer in.
    expect((await browser.get(`/medarbejder/borger/${c.citizenId}/tilbud?samtale=${newId()}`)).statusCode).toBe(404);
    const url = `/medarbejder/borger/${c.citizenId}/tilbud`;
    const page = await browser.get(`${url}?samtale=${c.sessionId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`name="sessionId" value="${c.sessionId}"`);
    expect(page.body).toContain('Svarede borgeren i samtalen?');
    const base = { ...formOf(page.body, url), sessionId: c.sessionId };
    const made = await browser.post(url, { ...base, kind: 'education_guidance', information: 'Uddannelsesvejledning hos erhvervsskolen.', answer: 'signed_in_person' });
    expect(made.statusCode, made.body).toBe(303);
    const events = (await eventsOf(c.stream)).slice(-2);
    expect(events.map((e) => e.event_type)).toEqual(['OfferMade', 'ConsentGiven']);
    expect(events[0]!.data).toMatchObject({ sessionId: c.sessionId, offer: { kind: 'education_guidance' } });
    expect(events[1]!.data).toMatchObject({ offerId: derivedId(base.idempotencyKey, 'offerId'), consent: { method: 'signed_in_person', sessionId: c.sessionId } });
    // A way of answering that the conversation did not have is not a form of ours.
    const page2 = await browser.get(`${url}?samtale=${c.sessionId}`);
    expect((await browser.post(url, { ...formOf(page2.body, url), sessionId: c.sessionId, kind: 'workshop', information: 'Workshop', answer: 'written_in_chat' })).statusCode).toBe(400);
  });
});

describe('an offer from the catalogue', () => {
  it('lists the centre’s catalogue beside its own kinds; a partner’s offer is made as one, and no longer once its agreement is terminated', async () => {
    const c = await conversation(centreA, 'counsellor-catalogue');
    const ctx = () => ({ commandId: newId() });
    const counsellor = staff('counsellor-catalogue', centreA);
    const partnerId = newId();
    const agreementId = newId();
    const catalogueOfferId = newId();
    const now = new Date().toISOString();
    const today = copenhagenToday(new Date());
    await commands.handler.handle(partnerDecider, { type: 'RegisterPartner', now, principal: counsellor, data: { partnerId, centreId: centreA, kind: 'sports_club', name: 'IF Fremad', cvr: null, contact: { name: 'Ole', email: null, phone: null } } }, ctx());
    await commands.handler.handle(
      agreementDecider,
      {
        type: 'SignAgreement',
        now,
        principal: counsellor,
        data: {
          agreementId,
          partnerId,
          centreId: centreA,
          partnerKnown: true,
          scope: 'Motion',
          offerKinds: ['physical_activity_and_health'],
          startDate: today,
          endDate: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
          payment: null,
          documentSha256: 'cd'.repeat(32),
          signatories: [
            { side: 'partner', name: 'Ole', title: null },
            { side: 'centre', name: 'Jens', title: null },
          ],
        },
      },
      ctx(),
    );
    const content = { kind: 'physical_activity_and_health', title: 'Løb i parken', titleEn: null, description: 'Vi løber sammen.', descriptionEn: null, channels: ['in_person'], municipalityCode: '461', place: 'Parken', link: null, capacity: 10, suits: null };
    await commands.handler.handle(
      catalogueDecider,
      { type: 'PublishCatalogueOffer', now, principal: counsellor, data: { offerId: catalogueOfferId, centreId: centreA, partnerId, agreementId, agreement: await commands.facts.agreementFact(agreementId, now), content } },
      ctx(),
    );
    await t.engine.settle();
    const browser = await signedIn('staff', 'counsellor-catalogue', centreA);
    const url = `/medarbejder/borger/${c.citizenId}/tilbud`;
    const page = await browser.get(url);
    expect(page.body).toContain('<optgroup label="Fra tilbudskataloget">');
    expect(page.body).toContain(`<option value="catalogue:${catalogueOfferId}">Løb i parken (IF Fremad)</option>`);
    const made = await browser.post(url, { ...formOf(page.body, url), kind: `catalogue:${catalogueOfferId}`, information: 'Løb i parken med IF Fremad, to gange om ugen.' });
    expect(made.statusCode, made.body).toBe(303);
    const offer = (await eventsOf(c.stream)).filter((e) => e.event_type === 'OfferMade').at(-1)!;
    expect(offer.data).toMatchObject({ offer: { source: 'partner', partnerId, catalogueOfferId } });

    await commands.handler.handle(agreementDecider, { type: 'TerminateAgreement', now: new Date().toISOString(), principal: counsellor, data: { agreementId, by: 'partner', reason: null } }, ctx());
    await t.engine.settle();
    const after = await browser.get(url);
    expect(after.body).not.toContain(catalogueOfferId);
    const before = await t.eventCount();
    const refused = await browser.post(url, { ...formOf(after.body, url), kind: `catalogue:${catalogueOfferId}`, information: 'Igen' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Tilbuddet er ikke længere i kataloget. Vælg et andet');
    expect(await t.eventCount()).toBe(before);
  });
});

describe('an offer in a conversation held long ago', () => {
  it('is refused, so no consent dated back then outranks the citizen’s own later no; outside the conversation it may be made', async () => {
    const DAY = 24 * 60;
    const staffId = 'counsellor-backdate';
    const citizenId = `citizen-${newId().slice(-12)}`;
    const citizen: Principal = { id: citizenId, role: 'citizen' };
    const counsellor = staff(staffId, centreA);
    const ctx = () => ({ commandId: newId() });
    const h = commands.handler;
    await h.handle(journeyDecider, { type: 'StartJourney', citizenId, now: ago(100 * DAY), principal: citizen, data: { journeyId: derivedId(newId(), 'journeyId'), centreId: centreA, firstContact: 'self_service', centreKnown: true } }, ctx());
    const slotId = newId();
    await h.handle(calendarDecider, { type: 'PublishAvailability', staffId, now: ago(99 * DAY), principal: counsellor, data: { slotId, start: ago(90 * DAY), durationMinutes: 45, channels: ['in_person_home'], openingHours: null } }, ctx());
    const first = newId();
    await h.handle(journeyDecider, { type: 'MakeOffer', citizenId, now: ago(98 * DAY), principal: counsellor, data: { offerId: first, offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching' } }, ctx());
    const sessionId = newId();
    await bookSession(h, commands.facts, { principal: citizen, citizenId, now: ago(97 * DAY) }, { sessionId, staffId, slotId, channel: 'in_person_home' }, ctx());
    await h.handle(journeyDecider, { type: 'RecordSessionHeld', citizenId, now: ago(90 * DAY - 50), principal: counsellor, data: { sessionId, durationMinutes: 45, topics: [] } }, ctx());
    // The citizen's own word, long after that conversation: no thank you to coaching.
    await h.handle(journeyDecider, { type: 'DeclineOffer', citizenId, now: ago(40 * DAY), principal: citizen, data: { offerId: first } }, ctx());
    await t.engine.settle();

    const browser = await signedIn('staff', staffId, centreA);
    const url = `/medarbejder/borger/${citizenId}/tilbud`;
    // Neither Min dag of that day nor the citizen's page offers an offer in that conversation any more.
    const dayThen = await browser.get(`/medarbejder?dato=${copenhagenDateOf(ago(90 * DAY))}`);
    expect(dayThen.body).toContain(`/medarbejder/borger/${citizenId}`);
    expect(dayThen.body).not.toContain(`tilbud?samtale=${sessionId}`);
    const citizenPage = await browser.get(`/medarbejder/borger/${citizenId}`);
    expect(citizenPage.body).toContain('Holdt');
    expect(citizenPage.body).not.toContain(`tilbud?samtale=${sessionId}`);
    const page = await browser.get(`${url}?samtale=${sessionId}`);
    expect(page.statusCode).toBe(200);
    const base = { ...formOf(page.body, url), sessionId };
    const before = await t.eventCount();
    const refused = await browser.post(url, { ...base, kind: 'coaching', information: 'Coaching om tirsdagen', answer: 'verbal_in_session' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('<a href="#kind" class="function-link">Et tilbud kan kun gives i en samtale op til 24 timer efter, at den sluttede.');
    expect(await t.eventCount()).toBe(before);
    const en = await signedIn('staff', staffId, centreA, 'en');
    const english = await en.post(url, { ...formOf((await en.get(`${url}?samtale=${sessionId}`)).body, url), sessionId, kind: 'coaching', information: 'Coaching on Tuesdays', answer: 'none' });
    expect(english.statusCode).toBe(422);
    expect(english.body).toContain('An offer can be made in a conversation only up to 24 hours after it ended.');
    expect(await t.eventCount()).toBe(before);
    // Outside the conversation: an offer the citizen answers themselves.
    const made = await browser.post(url, { ...formOf((await browser.get(url)).body, url), kind: 'coaching', information: 'Coaching om tirsdagen, hvis du har lyst.' });
    expect(made.statusCode).toBe(303);
    const offers = (await eventsOf(`journey-${citizenId}`)).filter((e) => e.event_type === 'OfferMade');
    expect(offers).toHaveLength(2);
    expect(offers[1]!.data).not.toHaveProperty('sessionId');
    expect(await typesOf(`journey-${citizenId}`)).not.toContain('ConsentGiven');
  });
});

describe('the way to an offer in a conversation', () => {
  it('is there while the conversation ended less than 24 hours ago, counted from when it was held and for how long', async () => {
    const staffId = 'counsellor-late-start';
    // Booked 30 hours ago, but it began only 3 hours ago (recorded so through the API's command).
    const c = await conversation(centreA, staffId, { minutesAgo: 30 * 60 });
    await commands.handler.handle(journeyDecider, { type: 'RecordSessionHeld', citizenId: c.citizenId, now: ago(60), principal: staff(staffId, centreA), data: { sessionId: c.sessionId, heldAt: ago(180), durationMinutes: 45, topics: [] } }, { commandId: newId() });
    await t.engine.settle();
    const browser = await signedIn('staff', staffId, centreA);
    expect((await browser.get(`/medarbejder/borger/${c.citizenId}`)).body).toContain(`tilbud?samtale=${c.sessionId}`);
    expect((await browser.get(`/medarbejder?dato=${copenhagenDateOf(c.start)}`)).body).toContain(`tilbud?samtale=${c.sessionId}`);
    // And the decider agrees: the offer is made in it.
    const url = `/medarbejder/borger/${c.citizenId}/tilbud`;
    const made = await browser.post(url, { ...formOf((await browser.get(`${url}?samtale=${c.sessionId}`)).body, url), sessionId: c.sessionId, kind: 'sparring', information: 'Sparring om dit CV, hvis du har lyst.', answer: 'none' });
    expect(made.statusCode, made.body).toBe(303);
  });
});

describe('a time proposed for a conversation the citizen asked for', () => {
  it('proposes a time within contact hours, once; bad input names the field; another centre finds nothing', async () => {
    const c = await conversation(centreA, 'counsellor-propose');
    const requested = newId();
    await commands.handler.handle(journeyDecider, { type: 'RequestSession', citizenId: c.citizenId, now: ago(5), principal: { id: c.citizenId, role: 'citizen' }, data: { sessionId: requested, channel: 'video' } }, { commandId: newId() });
    await t.engine.settle();
    const browser = await signedIn('staff', 'counsellor-propose', centreA);
    const citizen = await browser.get(`/medarbejder/borger/${c.citizenId}`);
    expect(citizen.body).toContain(`href="/medarbejder/samtale/${requested}/foreslaa"`);
    const url = `/medarbejder/samtale/${requested}/foreslaa`;
    const page = await browser.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<input type="radio" id="channel-5" name="channel" class="form-radio" value="video" checked>/);
    const base = formOf(page.body, url);
    const before = await t.eventCount();
    const bad = await browser.post(url, { ...base, date: 'i morgen', time: '', durationMinutes: '45', channel: '' });
    expect(bad.statusCode).toBe(400);
    for (const id of ['date', 'time', 'channel']) expect(bad.body, id).toContain(`<a href="#${id}" class="function-link">`);
    expect((await browser.post(url, { ...base, date: '7.1.2030', time: '10.00', durationMinutes: '45', channel: 'pigeon' })).statusCode).toBe(400);
    // Video at 22.00 is outside contact hours: the journey decider refuses, on the time.
    const late = await browser.post(url, { ...base, date: '7.1.2030', time: '22.00', durationMinutes: '45', channel: 'video' });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('<a href="#time" class="function-link">Vælg en tid i fremtiden');
    expect((await (await signedIn('staff', 'counsellor-propose-b', centreB)).get(url)).statusCode).toBe(404);
    expect(await t.eventCount()).toBe(before);

    const proposal = { ...base, date: '7.1.2030', time: '10.00', durationMinutes: '30', channel: 'video' };
    const done = await browser.post(url, proposal);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/medarbejder/borger/${c.citizenId}?foreslaaet=1`);
    expect((await browser.post(url, proposal)).statusCode).toBe(303);
    const proposed = (await eventsOf(c.stream)).filter((e) => e.event_type === 'SessionTimeProposed');
    expect(proposed.map((e) => e.data)).toEqual([{ sessionId: requested, staffId: 'counsellor-propose', start: '2030-01-07T09:00:00.000Z', durationMinutes: 30, channel: 'video' }]);
  });
});

describe('free times', () => {
  it('publishes times in a row, lists them, withdraws one; bad input is a 400 naming the field and records nothing', async () => {
    const browser = await signedIn('staff', 'counsellor-times', centreA);
    const page = await browser.get('/medarbejder/tider');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Du har ingen ledige tider lagt ud.');
    const base = formOf(page.body, '/medarbejder/tider');
    const stream = 'calendar-counsellor-times';
    const before = await t.eventCount();
    expect(page.body).toContain('Tider, hvor du kan tage imod en samtale.');
    const bad = await browser.post('/medarbejder/tider', { ...base, date: '31.2.2030', time: '25.00', durationMinutes: '300', count: '1' });
    expect(bad.statusCode).toBe(400);
    for (const id of ['date', 'time', 'durationMinutes', 'channels']) expect(bad.body, id).toContain(`<a href="#${id}" class="function-link">`);
    // A date written right that does not exist is told so; one that is no date, how to write one.
    expect(bad.body).toContain('<a href="#date" class="function-link">Datoen findes ikke. Tjek dag og måned</a>');
    const noDate = await browser.post('/medarbejder/tider', { ...base, date: 'på mandag', time: '10.00', durationMinutes: '45', count: '1', channels: 'phone' });
    expect(noDate.body).toContain('<a href="#date" class="function-link">Skriv datoen, fx 5.1.2027</a>');
    const english = await (await signedIn('staff', 'counsellor-times', centreA, 'en')).get('/medarbejder/tider');
    expect(english.body).toContain('Times when you can take a conversation.');
    expect((await browser.post('/medarbejder/tider', [...Object.entries(base), ['date', '2030-01-07'], ['time', '10:00'], ['durationMinutes', '45'], ['count', '99'], ['channels', 'phone']])).statusCode).toBe(400);
    expect((await browser.post('/medarbejder/tider', [...Object.entries(base), ['date', '2030-01-07'], ['time', '10:00'], ['durationMinutes', '45'], ['channels', 'carrier_pigeon']])).statusCode).toBe(400);
    // In the past: the calendar's decider refuses, on the time.
    const past = await browser.post('/medarbejder/tider', [...Object.entries(base), ['date', '2020-01-07'], ['time', '10:00'], ['durationMinutes', '45'], ['channels', 'phone']]);
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('<a href="#time" class="function-link">Vælg en tid i fremtiden');
    expect(await t.eventCount()).toBe(before);

    const publish: [string, string][] = [...Object.entries(base), ['date', '7.1.2030'], ['time', '10.00'], ['durationMinutes', '45'], ['count', '2'], ['channels', 'phone'], ['channels', 'video']];
    const done = await browser.post('/medarbejder/tider', publish);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/medarbejder/tider?lagt=2');
    expect((await browser.post('/medarbejder/tider', publish)).statusCode).toBe(303);
    const published = (await eventsOf(stream)).filter((e) => e.event_type === 'AvailabilityPublished');
    expect(published.map((e) => e.data.start)).toEqual(['2030-01-07T09:00:00.000Z', '2030-01-07T09:45:00.000Z']);
    expect(published[0]!.data).toMatchObject({ slotId: derivedId(base.idempotencyKey, 'slotId'), centreId: centreA, channels: ['phone', 'video'] });
    // The same time again: it overlaps.
    const overlap = await browser.post('/medarbejder/tider', [...publish.filter(([k]) => k !== 'idempotencyKey'), ['idempotencyKey', newId()]]);
    expect(overlap.statusCode).toBe(409);
    expect(overlap.body).toContain('Tiden overlapper en af dine andre tider.');

    const list = await browser.get(done.headers.location as string);
    expect(list.body).toContain('2 tider er lagt ud.');
    expect(list.body).toContain('mandag 7. januar kl. 10.00');
    expect(list.body).toContain('mandag 7. januar kl. 10.45');
    const slotId = String(published[1]!.data.slotId);
    const withdrawUrl = `/medarbejder/tider/${slotId}/traek-tilbage`;
    const withdrawForm = formOf(list.body, withdrawUrl);
    expect((await browser.post(withdrawUrl, { _csrf: withdrawForm._csrf })).statusCode).toBe(400);
    const withdrawn = await browser.post(withdrawUrl, withdrawForm);
    expect(withdrawn.statusCode).toBe(303);
    expect(withdrawn.headers.location).toBe('/medarbejder/tider?trukket=1');
    expect((await typesOf(stream)).filter((type) => type === 'AvailabilityWithdrawn')).toHaveLength(1);
    const after = await browser.get('/medarbejder/tider?trukket=1');
    expect(after.body).toContain('Tiden er trukket tilbage.');
    expect(after.body).not.toContain(withdrawUrl);
    expect((await new Browser({ 'accept-language': 'en' }).get('/medarbejder/tider')).statusCode).toBe(303);
  });

  it('refuses to withdraw a time a citizen booked', async () => {
    const c = await conversation(centreA, 'counsellor-booked-slot', { minutesAgo: -600 });
    const browser = await signedIn('staff', 'counsellor-booked-slot', centreA);
    const list = await browser.get('/medarbejder/tider');
    expect(list.body).toContain('Booket af en borger');
    expect(list.body).not.toContain(`/medarbejder/tider/${c.slotId}/traek-tilbage`);
    const before = await t.eventCount();
    const refused = await browser.post(`/medarbejder/tider/${c.slotId}/traek-tilbage`, { ...formOf(list.body, '/medarbejder/tider'), idempotencyKey: newId() });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('<a href="#slots" class="function-link">En borger har booket tiden.');
    expect(refused.body).toMatch(/<h2 id="slots"[^>]*>Dine tider fra nu af<\/h2>/);
    expect(await t.eventCount()).toBe(before);
  });
});

describe('finding a citizen and the centre’s numbers', () => {
  it('finds a citizen of my centre by the reference they give, however it is typed, and shows what staff may see', async () => {
    const c = await conversation(centreA, 'counsellor-find');
    const browser = await signedIn('staff', 'counsellor-find', centreA);
    const bad = await browser.get('/medarbejder/find?reference=7F3A');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<a href="#reference" class="function-link">Skriv referencen som otte tegn, fx 7F3A-09C2</a>');
    for (const typed of [c.reference, c.reference.toLowerCase(), ` ${c.reference.replace('-', ' ')} `]) {
      const found = await browser.get(`/medarbejder/find?reference=${encodeURIComponent(typed)}`);
      expect(found.statusCode, typed).toBe(303);
      expect(found.headers.location).toBe(`/medarbejder/borger/${c.citizenId}`);
    }
    const page = await browser.get(`/medarbejder/borger/${c.citizenId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>Borger ${c.reference}</h1>`);
    expect(page.body).toContain(`href="/medarbejder/borger/${c.citizenId}/tilbud"`);
    expect(page.body).toContain(`href="/medarbejder/samtale/${c.sessionId}"`);
    expect(page.body).toContain('Du fik tilbuddet coaching: Coaching om tirsdagen');
    expect(page.body).toContain('<th scope="row">Navn, borgeren bruger her</th>');
    expect(page.body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const en = await signedIn('staff', 'counsellor-find', centreA, 'en');
    expect((await en.get(`/medarbejder/borger/${c.citizenId}`)).body).toContain('What the citizen sees recorded');
    expect((await browser.get('/medarbejder/borger/has%20space')).statusCode).toBe(404);
    expect((await browser.get(`/medarbejder/borger/nobody-${newId()}`)).statusCode).toBe(404);
  });

  it('shows the centre’s offers per kind in numbers, no names, and only the centre’s own', async () => {
    const c = await conversation(centreA, 'counsellor-numbers');
    const browser = await signedIn('staff', 'counsellor-numbers', centreA);
    const page = await browser.get('/medarbejder/tilbudsoversigt');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<th scope="row">Coaching<\/th><td class="align-text-right">\d+<\/td>/);
    expect(page.body).not.toContain(c.citizenId);
    expect(page.body).not.toContain(c.reference);
    const other = await signedIn('staff', 'counsellor-numbers-b', centreB);
    expect((await other.get('/medarbejder/tilbudsoversigt')).body).toContain('Der er ikke givet nogen tilbud på centret endnu.');
    const en = await signedIn('staff', 'counsellor-numbers', centreA, 'en');
    expect((await en.get('/medarbejder/tilbudsoversigt')).body).toContain('Unanswered for 60 days');
  });

  it('says how many conversations are booked in the singular for one, and in the plural for more', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/centres',
      headers: { authorization: `Bearer ${await t.token('admin')}`, 'content-type': 'application/json', 'idempotency-key': newId() },
      payload: { municipalityCode: '101', name: `Virkelyst Valby ${newId().slice(-4)}` },
    });
    const centreC = created.json().centreId as string;
    await t.engine.settle();
    await conversation(centreC, 'counsellor-c-one');
    const da = await signedIn('staff', 'counsellor-c-one', centreC);
    const en = await signedIn('staff', 'counsellor-c-one', centreC, 'en');
    const bookings = async (browser: Browser) => /<h2>(?:Samtaler|Conversations)<\/h2>\s*<p>([^<]*)/.exec((await browser.get('/medarbejder/tilbudsoversigt')).body)?.[1];
    expect(await bookings(da)).toBe('1 samtale er booket, af borgeren selv i en medarbejders kalender.');
    expect(await bookings(en)).toBe('1 conversation is booked, by the citizen themselves in a staff member’s calendar.');
    await conversation(centreC, 'counsellor-c-two');
    expect(await bookings(da)).toBe('2 samtaler er booket, 2 af dem af borgeren selv i en medarbejders kalender.');
    expect(await bookings(en)).toBe('2 conversations are booked, 2 of them by the citizen themselves in a staff member’s calendar.');
  });
});
