/**
 * The citizen's pages on "Mine sider" beyond the first step, through fastify's inject against a
 * real PostgreSQL: the overview with the journey's reference, booking / moving / cancelling a
 * conversation from published open times only, goals revised and dropped, offers answered
 * Ja tak / Nej tak / Ikke nu, consents with receipts read from their fields, and withdrawing; a
 * consent to share data with a partner counted on the overview and its receipt among everything
 * recorded (the readable page and optegnelser.json), as the offers' receipts are.
 * Each route: what it records (and that a double submit records once), its refusals in the
 * citizen's words, bad input (a 4xx naming the field, nothing recorded), wrong role and signed out.
 * What was recorded is read from the log or through the API, not from the page that says so.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicHoliday } from '../src/domain/journey/hours.js';
import { journeyReference } from '../src/domain/journey/reference.js';
import { derivedId, newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';
import { field, InjectBrowser } from './support/inject-browser.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let centreId: string;
let staffToken: string;
const staffId = 'counsellor-web-citizen';
const ISO = /\d{4}-\d{2}-\d{2}T/;

/** A browser's cookies: what the app set, sent back. */
class Browser extends InjectBrowser {
  constructor(headers: Record<string, string> = {}) {
    super(() => t.app, headers);
  }
}


async function signIn(browser: Browser, role: string, personId: string, centre = ''): Promise<void> {
  const form = await browser.get('/log-ind');
  const answer = await browser.post('/log-ind', { _csrf: field(form.body, '_csrf') ?? '', role, personId, centreId: centre });
  expect(answer.statusCode).toBe(303);
}

async function api(method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...(payload === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': newId() }) }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

/** A citizen signed in with a journey started at the centre through the pages. */
async function citizenWithJourney(headers: Record<string, string> = {}) {
  const browser = new Browser(headers);
  const citizenId = `citizen-${newId().slice(-12)}`;
  await signIn(browser, 'citizen', citizenId);
  const check = await browser.get(`/mine-sider/start/tjek?centre=${centreId}`);
  expect((await browser.submit(check, '/mine-sider/start/tjek', { centreId })).statusCode).toBe(303);
  await t.engine.settle();
  return { browser, citizenId };
}

/** A Monday at least `weeksAhead` weeks away that is not a public holiday, as "YYYY-MM-DD". */
function monday(weeksAhead: number): string {
  const d = new Date();
  d.setUTCHours(12, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + 7 * weeksAhead + ((8 - d.getUTCDay()) % 7 || 7));
  for (;;) {
    const day = d.toISOString().slice(0, 10);
    if (!publicHoliday(day)) return day;
    d.setUTCDate(d.getUTCDate() + 7);
  }
}

/** A time the staff member publishes: 09:00 UTC (10 or 11 Danish time) on the day. */
async function publish(day: string, channels: string[], hourUtc = 9): Promise<string> {
  const start = `${day}T${String(hourUtc).padStart(2, '0')}:00:00Z`;
  const response = await api('POST', `/calendars/${staffId}/slots`, staffToken, { start, durationMinutes: 45, channels });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().slotId;
}

async function slotFree(slotId: string): Promise<boolean> {
  const response = await api('GET', `/calendars/${staffId}/slots`, staffToken);
  const slot = (response.json().slots as { slotId: string; free: boolean }[]).find((s) => s.slotId === slotId);
  if (!slot) throw new Error('no such slot');
  return slot.free;
}

async function eventsOf(citizenId: string, type: string): Promise<{ data: Record<string, unknown> }[]> {
  const { rows } = await sql<{ data: Record<string, unknown> }>`select data from events where stream_id = ${`journey-${citizenId}`} and event_type = ${type} order by global_position`.execute(t.database.db);
  return rows;
}

async function makeOffer(citizenId: string, kind = 'coaching', information = 'Coaching hver tirsdag hos Anna; du kan stoppe når som helst.'): Promise<string> {
  const response = await api('POST', `/journeys/${citizenId}/offers`, staffToken, { offer: { source: 'centre', kind }, information });
  expect(response.statusCode, response.body).toBe(201);
  await t.engine.settle();
  return response.json().created.offerId;
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A partner in the centre's network (an agreement in force) with an offer in its catalogue, through the API. */
async function partnerWithOffer(name: string): Promise<{ partnerId: string; offerId: string }> {
  const partner = await api('POST', '/partners', staffToken, { centreId, kind: 'sports_club', name, contact: { name: 'Mette Holm' } });
  expect(partner.statusCode, partner.body).toBe(201);
  const partnerId = partner.json().partnerId as string;
  const agreement = await api('POST', `/partners/${partnerId}/agreements`, staffToken, {
    centreId,
    scope: 'Motion i fællesskab.',
    offerKinds: ['physical_activity_and_health'],
    startDate: isoDay(-30),
    endDate: isoDay(300),
    documentSha256: 'ab'.repeat(32),
    signatories: [
      { side: 'partner', name: 'Mette Holm' },
      { side: 'centre', name: 'Jens Jensen' },
    ],
  });
  expect(agreement.statusCode, agreement.body).toBe(201);
  await t.engine.settle();
  const partnerToken = await t.token('partner', undefined, `person-${partnerId.slice(0, 8)}`, partnerId);
  const content = { kind: 'physical_activity_and_health', title: 'Løb for alle', titleEn: 'Running for everyone', description: 'Vi løber sammen.', channels: ['in_person'], municipalityCode: '101', place: 'Valby Park' };
  const offer = await api('POST', '/catalogue/offers', partnerToken, { centreId, partnerId, agreementId: agreement.json().agreementId, content });
  expect(offer.statusCode, offer.body).toBe(201);
  await t.engine.settle();
  return { partnerId, offerId: offer.json().offerId as string };
}

/** The citizen refers themselves to the partner's offer through the pages, sharing their name and a message until a date; the consent's event. */
async function shareThroughPages(browser: Browser, citizenId: string, offerId: string, until: string) {
  const answers = { fields: ['name', 'message'], contact: '', message: 'Jeg vil gerne løbe med.' };
  expect((await browser.get(`/mine-sider/henvisning/${offerId}`)).statusCode).toBe(200);
  expect((await browser.post(`/mine-sider/henvisning/${offerId}`, { _csrf: browser.lastCsrf, ...answers })).statusCode).toBe(200);
  const check = await browser.post(`/mine-sider/henvisning/${offerId}/varighed`, { _csrf: browser.lastCsrf, ...answers, until });
  expect(check.body).toContain('<h1>Tjek dine svar</h1>');
  const given = await browser.post(`/mine-sider/henvisning/${offerId}/tjek`, { _csrf: browser.lastCsrf, idempotencyKey: field(check.body, 'idempotencyKey')!, ...answers, until });
  expect(given.headers.location, given.body).toBe('/mine-sider/samtykker?delt=1');
  await t.engine.settle();
  const [consent] = await eventsOf(citizenId, 'DataSharingConsentGiven');
  return consent!.data as { sharingId: string; receipt: { receiptId: string } };
}

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.token('admin');
  const created = await api('POST', '/centres', admin, { municipalityCode: '101', name: 'Virkelyst Valby', openingHours: { monday: [{ opens: '09:00', closes: '15:00' }] } });
  expect(created.statusCode, created.body).toBe(201);
  centreId = created.json().centreId;
  staffToken = await t.token('staff', centreId, staffId);
  await t.engine.settle();
});
afterAll(async () => {
  await t?.close();
});

describe('Mine sider as an overview', () => {
  it('shows the journey’s centre and reference, and every section, in Danish and in English', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const records = await api('GET', `/journeys/${citizenId}/records`, await t.token('citizen', undefined, citizenId));
    const journeyId = (records.json().records as { type: string; data: { journeyId: string } }[]).find((r) => r.type === 'JourneyStarted')!.data.journeyId;
    const mine = await browser.get('/mine-sider');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Dit forløb er hos Virkelyst Valby.');
    expect(mine.body).toContain(`Din reference: <span id="journey-reference">${journeyReference(journeyId)}</span>`);
    expect(mine.body).toContain('kan du give dem referencen');
    for (const href of ['/mine-sider/samtale', '/mine-sider/maal', '/mine-sider/tilbud', '/mine-sider/samtykker', '/mine-sider/optegnelser', '/mine-sider/afslut']) expect(mine.body).toContain(`href="${href}"`);
    for (const heading of ['Dine samtaler', 'Dine mål', 'Tilbud til dig', 'Dine samtykker']) expect(mine.body).toContain(`<h2>${heading}</h2>`);
    browser.cookies.set('lang', 'en');
    const english = await browser.get('/mine-sider');
    expect(english.body).toMatch(/<html lang="en">/);
    expect(english.body).toContain('Your reference:');
    expect(english.body).toContain('<h2>Your conversations</h2>');
    expect(english.body).not.toMatch(ISO);
  });

  it('is for citizens: every page is a 403 for staff and sends the signed out to sign in', async () => {
    const staff = new Browser();
    await signIn(staff, 'staff', 'counsellor-other', centreId);
    const id = newId();
    const pages = ['/mine-sider', '/mine-sider/samtale', '/mine-sider/samtale/dag?kanal=phone', `/mine-sider/samtale/tid?kanal=phone&dag=2030-01-07`, `/mine-sider/samtale/tjek?kanal=phone&tid=${id}`, `/mine-sider/samtale/${id}/aflys`, `/mine-sider/maal/${id}/ret`, `/mine-sider/maal/${id}/drop`, '/mine-sider/tilbud', `/mine-sider/tilbud/${id}/ja`, `/mine-sider/tilbud/${id}/nej`, `/mine-sider/tilbud/${id}/ikke-nu`, '/mine-sider/samtykker', `/mine-sider/samtykker/${id}/traek-tilbage`];
    for (const url of pages) {
      expect((await staff.get(url)).statusCode, url).toBe(403);
      const away = await new Browser().get(url);
      expect(away.statusCode, url).toBe(303);
      expect(away.headers.location, url).toBe('/log-ind');
    }
    // A form sent by staff: the same 403, nothing recorded.
    const before = await t.eventCount();
    const form = await staff.get('/');
    expect((await staff.post(`/mine-sider/tilbud/${id}/ja`, { _csrf: field(form.body, '_csrf') ?? '', idempotencyKey: newId() })).statusCode).toBe(403);
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses a form without its CSRF token with a 403 page, recording nothing', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const offerId = await makeOffer(citizenId, 'sparring');
    const before = await t.eventCount();
    const answer = await browser.post(`/mine-sider/tilbud/${offerId}/ja`, { idempotencyKey: newId() });
    expect(answer.statusCode).toBe(403);
    expect(await t.eventCount()).toBe(before);
  });
});

describe('booking a conversation', () => {
  it('asks how, which day and which time, one question a page, shows "Tjek dine svar", and books once on a double submit', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const day = monday(3);
    const slotId = await publish(day, ['phone', 'video']);
    const channels = await browser.get('/mine-sider/samtale');
    expect(channels.statusCode).toBe(200);
    expect(channels.body).toContain('class="back-link"');
    expect(channels.body).toMatch(/<legend class="form-label" id="kanal-legend">Hvordan vil du tale med os\?<\/legend>/);
    // The centre has opening hours: in person there is one of the ways; phone and video are open every day.
    for (const value of ['in_person_centre', 'in_person_home', 'phone', 'chat', 'video']) expect(channels.body).toContain(`value="${value}"`);
    expect(channels.body).toContain('Hver dag kl. 07.00–21.00');
    expect(channels.body).not.toMatch(/kan du ikke|skal du|pligt|frist/i);

    // Nothing chosen: 400, the error summary names the question.
    const before = await t.eventCount();
    const unanswered = await browser.submit(channels, '/mine-sider/samtale');
    expect(unanswered.statusCode).toBe(400);
    expect(unanswered.body).toContain('<a href="#kanal" class="function-link">Vælg, hvordan du vil tale med os</a>');
    // A value that is not a channel is not an answer of theirs.
    expect((await browser.submit(channels, '/mine-sider/samtale', { kanal: 'benefit_office' })).statusCode).toBe(400);
    const chosen = await browser.submit(channels, '/mine-sider/samtale', { kanal: 'phone' });
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe('/mine-sider/samtale/dag?kanal=phone');

    const dayPage = await browser.get(chosen.headers.location as string);
    expect(dayPage.body).toContain(`<div class="date-picker" data-min-date="${day}"`);
    expect(dayPage.body).toContain('<input type="text" id="dag" name="dag" class="form-input"');
    expect(dayPage.body).toContain(`href="/mine-sider/samtale/tid?kanal=phone&amp;dag=${day}"`);
    expect(dayPage.body).toContain('class="back-link"');
    const badDay = await browser.submit(dayPage, '/mine-sider/samtale/dag', { kanal: 'phone', dag: '31/02/2030' });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.body).toMatch(/<a href="#dag" class="function-link">Skriv datoen som dd\/mm\/åååå/);
    const closedDay = await browser.submit(dayPage, '/mine-sider/samtale/dag', { kanal: 'phone', dag: '01/01/2031' });
    expect(closedDay.statusCode).toBe(400);
    expect(closedDay.body).toContain('Der er ingen ledige tider onsdag 1. januar 2031');
    // Typed the Danish way, or as the date picker sends it.
    const slashed = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
    const typed = await browser.submit(dayPage, '/mine-sider/samtale/dag', { kanal: 'phone', dag: slashed });
    expect(typed.statusCode).toBe(303);
    expect(typed.headers.location).toBe(`/mine-sider/samtale/tid?kanal=phone&dag=${day}`);
    expect((await browser.submit(dayPage, '/mine-sider/samtale/dag', { kanal: 'phone', dag: day })).headers.location).toBe(typed.headers.location);

    const timePage = await browser.get(typed.headers.location as string);
    expect(timePage.body).toContain(`value="${slotId}"`);
    expect(timePage.body).toMatch(/Kl\. 1[01]\.00–1[01]\.45/);
    expect(timePage.body).toContain('45 minutter');
    const noTime = await browser.submit(timePage, '/mine-sider/samtale/tid', { kanal: 'phone', dag: day });
    expect(noTime.statusCode).toBe(400);
    expect(noTime.body).toContain('<a href="#tid" class="function-link">Vælg et tidspunkt</a>');
    const timeChosen = await browser.submit(timePage, '/mine-sider/samtale/tid', { kanal: 'phone', dag: day, tid: slotId });
    expect(timeChosen.headers.location).toBe(`/mine-sider/samtale/tjek?kanal=phone&tid=${slotId}`);
    expect(await t.eventCount()).toBe(before);

    const check = await browser.get(timeChosen.headers.location as string);
    expect(check.body).toContain('<h1>Tjek dine svar</h1>');
    expect(check.body).toContain('<th scope="row">Sådan taler vi sammen</th><td>Telefon</td>');
    expect(check.body).toContain(`href="/mine-sider/samtale?kanal=phone"`);
    expect(check.body).not.toMatch(ISO);
    const first = await browser.submit(check, '/mine-sider/samtale/tjek', { kanal: 'phone', tid: slotId });
    const again = await browser.submit(check, '/mine-sider/samtale/tjek', { kanal: 'phone', tid: slotId });
    expect(first.statusCode).toBe(303);
    expect(again.statusCode).toBe(303);
    expect(first.headers.location).toBe('/mine-sider?booket=1');
    const booked = await eventsOf(citizenId, 'SessionBooked');
    expect(booked).toHaveLength(1);
    // The session's id derived from the command id (the form's key), as the API's route derives it.
    expect(booked[0]!.data).toMatchObject({ sessionId: derivedId(field(check.body, 'idempotencyKey')!, 'sessionId'), staffId, slotId, channel: 'phone', bookedBy: 'citizen' });
    expect(await slotFree(slotId)).toBe(false);

    await t.engine.settle();
    const mine = await browser.get('/mine-sider?booket=1');
    expect(mine.body).toContain('Din samtale er booket.');
    const sessionId = booked[0]!.data.sessionId as string;
    expect(mine.body).toContain(`href="/mine-sider/samtale/dag?kanal=phone&amp;flyt=${sessionId}"`);
    expect(mine.body).toContain(`href="/mine-sider/samtale/${sessionId}/aflys"`);
    // The time is no longer offered.
    expect((await browser.get(`/mine-sider/samtale/tid?kanal=phone&dag=${day}`)).body).not.toContain(`value="${slotId}"`);
  });

  it('gives DKFDS’s date picker its English words on an English page, from a script of our own', async () => {
    const { browser } = await citizenWithJourney({ 'accept-language': 'en' });
    await publish(monday(7), ['phone']);
    const english = await browser.get('/mine-sider/samtale/dag?kanal=phone');
    expect(english.body).toContain('<script src="/mine-sider/datovaelger-en.js"></script>');
    expect(english.body).toContain('Write the date as dd/mm/yyyy');
    const script = await new Browser().get('/mine-sider/datovaelger-en.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toContain("open_calendar: 'Open calendar'");
    browser.cookies.set('lang', 'da');
    expect((await browser.get('/mine-sider/samtale/dag?kanal=phone')).body).not.toContain('datovaelger-en.js');
  });

  it('offers in person only the times within the centre’s opening hours as they are now', async () => {
    const { browser } = await citizenWithJourney();
    const day = monday(4);
    const inHours = await publish(day, ['in_person_centre'], 9);
    const page = await browser.get(`/mine-sider/samtale/tid?kanal=in_person_centre&dag=${day}`);
    expect(page.body).toContain(`value="${inHours}"`);
    const check = await browser.get(`/mine-sider/samtale/tjek?kanal=in_person_centre&tid=${inHours}`);
    expect(check.statusCode).toBe(200);
    // The centre closes on Mondays: the time was published when it was open, and is not offered now.
    expect((await api('PUT', `/centres/${centreId}/opening-hours`, staffToken, { tuesday: [{ opens: '09:00', closes: '15:00' }] })).statusCode).toBeLessThan(300);
    await t.engine.settle();
    const now = await browser.get(`/mine-sider/samtale/tid?kanal=in_person_centre&dag=${day}`);
    expect(now.body).not.toContain(`value="${inHours}"`);
    const stale = await browser.get(`/mine-sider/samtale/tjek?kanal=in_person_centre&tid=${inHours}`);
    expect(stale.statusCode).toBe(303);
    expect(stale.headers.location).toBe('/mine-sider/samtale/dag?kanal=in_person_centre');
    // "Tjek dine svar" sent from before the change: the decider refuses it, in words; nothing recorded
    // (a value the decider finds invalid is a 400, as the API answers it).
    const before = await t.eventCount();
    const refused = await browser.submit(check, '/mine-sider/samtale/tjek', { kanal: 'in_person_centre', tid: inHours });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Tiden kan ikke bookes til den måde at tale på.');
    expect(await t.eventCount()).toBe(before);
    expect((await api('PUT', `/centres/${centreId}/opening-hours`, staffToken, { monday: [{ opens: '09:00', closes: '15:00' }] })).statusCode).toBeLessThan(300);
    await t.engine.settle();
  });

  it('says so in words when someone else took the time meanwhile, recording nothing', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const other = await citizenWithJourney();
    const slotId = await publish(monday(5), ['video']);
    const check = await browser.get(`/mine-sider/samtale/tjek?kanal=video&tid=${slotId}`);
    expect(check.statusCode).toBe(200);
    const taken = await api('POST', `/journeys/${other.citizenId}/sessions`, await t.token('citizen', undefined, other.citizenId), { staffId, slotId, channel: 'video' });
    expect(taken.statusCode, taken.body).toBe(201);
    const refused = await browser.submit(check, '/mine-sider/samtale/tjek', { kanal: 'video', tid: slotId });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('En anden har lige booket den tid. Vælg en anden tid.');
    expect(refused.body.indexOf('alert-error')).toBeLessThan(refused.body.indexOf('<h1>'));
    expect(await eventsOf(citizenId, 'SessionBooked')).toHaveLength(0);
  });

  it('moves a booked conversation to another open time, and cancels one asked once; each records once and frees the time', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const day = monday(6);
    const [firstSlot, secondSlot] = [await publish(day, ['chat'], 8), await publish(day, ['chat'], 12)];
    const check = await browser.get(`/mine-sider/samtale/tjek?kanal=chat&tid=${firstSlot}`);
    await browser.submit(check, '/mine-sider/samtale/tjek', { kanal: 'chat', tid: firstSlot });
    await t.engine.settle();
    const sessionId = (await eventsOf(citizenId, 'SessionBooked'))[0]!.data.sessionId as string;

    // Moving: the same questions, the conversation named in the query; "Tjek dine svar" says from when.
    const dayPage = await browser.get(`/mine-sider/samtale/dag?kanal=chat&flyt=${sessionId}`);
    expect(dayPage.statusCode).toBe(200);
    expect(dayPage.body).toContain(`name="flyt" value="${sessionId}"`);
    expect((await browser.get(`/mine-sider/samtale/dag?kanal=chat&flyt=${newId()}`)).statusCode).toBe(404);
    const moveCheck = await browser.get(`/mine-sider/samtale/tjek?kanal=chat&tid=${secondSlot}&flyt=${sessionId}`);
    expect(moveCheck.body).toContain('<th scope="row">Flyttes fra</th>');
    expect(moveCheck.body).toContain('Flyt samtalen');
    const fields = { kanal: 'chat', tid: secondSlot, flyt: sessionId };
    const moved = await browser.submit(moveCheck, '/mine-sider/samtale/tjek', fields);
    const movedAgain = await browser.submit(moveCheck, '/mine-sider/samtale/tjek', fields);
    expect(moved.headers.location).toBe('/mine-sider?flyttet=1');
    expect(movedAgain.statusCode).toBe(303);
    expect(await eventsOf(citizenId, 'SessionBooked')).toHaveLength(2);
    expect((await eventsOf(citizenId, 'SessionCancelled')).map((e) => e.data.sessionId)).toEqual([sessionId]);
    expect(await slotFree(firstSlot)).toBe(true);
    expect(await slotFree(secondSlot)).toBe(false);

    await t.engine.settle();
    const newSession = (await eventsOf(citizenId, 'SessionBooked'))[1]!.data.sessionId as string;
    const ask = await browser.get(`/mine-sider/samtale/${newSession}/aflys`);
    expect(ask.body).toContain('<h1>Vil du aflyse samtalen?</h1>');
    expect(ask.body).toContain('intet følger af at aflyse');
    const cancelled = await browser.submit(ask, `/mine-sider/samtale/${newSession}/aflys`);
    expect(cancelled.headers.location).toBe('/mine-sider?aflyst=1');
    expect((await browser.submit(ask, `/mine-sider/samtale/${newSession}/aflys`)).statusCode).toBe(303);
    expect(await eventsOf(citizenId, 'SessionCancelled')).toHaveLength(2);
    expect(await slotFree(secondSlot)).toBe(true);
    // Cancelled once, a new form to cancel it again is refused in words.
    const again = await browser.submit({ ...ask, body: ask.body.replace(/name="idempotencyKey" value="[^"]*"/, `name="idempotencyKey" value="${newId()}"`) }, `/mine-sider/samtale/${newSession}/aflys`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Samtalen er allerede overstået eller aflyst.');
    await t.engine.settle();
    expect((await browser.get(`/mine-sider/samtale/${newSession}/aflys`)).statusCode).toBe(404);
  });

  it('without an open journey sends the citizen to "Mine sider", which says how to start one', async () => {
    const browser = new Browser();
    await signIn(browser, 'citizen', `citizen-${newId().slice(-12)}`);
    const page = await browser.get('/mine-sider/samtale');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/mine-sider');
  });
});

describe('my goals', () => {
  it('revises a goal in my own words and drops another, each once; a blank one is refused naming the field', async () => {
    const { browser, citizenId } = await citizenWithJourney({ 'accept-language': 'en' });
    for (const text of ['Open a bakery', 'Learn Spanish']) {
      const form = await browser.get('/mine-sider/maal');
      await browser.submit(form, '/mine-sider/maal', { text });
    }
    await t.engine.settle();
    const mine = await browser.get('/mine-sider');
    const [bakery, spanish] = (await eventsOf(citizenId, 'GoalStated')).map((e) => e.data.goalId as string);
    expect(mine.body).toContain('Open a bakery');
    expect(mine.body).toContain(`href="/mine-sider/maal/${bakery}/ret"`);

    const revise = await browser.get(`/mine-sider/maal/${bakery}/ret`);
    expect(revise.body).toContain('<h1>Change your goal</h1>');
    expect(revise.body).toContain('>Open a bakery</textarea>');
    const before = await t.eventCount();
    const blank = await browser.submit(revise, `/mine-sider/maal/${bakery}/ret`, { text: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('<a href="#text" class="function-link">Write your goal</a>');
    expect(await t.eventCount()).toBe(before);
    const words = { text: 'Open a bakery with a café in Valby', category: 'own_business' };
    expect((await browser.submit(revise, `/mine-sider/maal/${bakery}/ret`, words)).headers.location).toBe('/mine-sider?rettet=1');
    expect((await browser.submit(revise, `/mine-sider/maal/${bakery}/ret`, words)).statusCode).toBe(303);
    expect(await eventsOf(citizenId, 'GoalRevised')).toHaveLength(1);

    const drop = await browser.get(`/mine-sider/maal/${spanish}/drop`);
    expect(drop.body).toContain('<h1>Do you want to drop your goal?</h1>');
    expect(drop.body).toContain('Learn Spanish');
    expect((await browser.submit(drop, `/mine-sider/maal/${spanish}/drop`)).headers.location).toBe('/mine-sider?droppet=1');
    expect((await browser.submit(drop, `/mine-sider/maal/${spanish}/drop`)).statusCode).toBe(303);
    expect(await eventsOf(citizenId, 'GoalDropped')).toHaveLength(1);

    await t.engine.settle();
    const after = await browser.get('/mine-sider');
    expect(after.body).toContain('Open a bakery with a café in Valby');
    expect(after.body).toContain('Own business');
    expect(after.body).not.toContain('Learn Spanish');
    // A dropped goal is no longer there to change: a 404 page; a fresh form to drop it again is refused in words.
    expect((await browser.get(`/mine-sider/maal/${spanish}/ret`)).statusCode).toBe(404);
    const dropAgain = await browser.post(`/mine-sider/maal/${spanish}/drop`, { _csrf: field(drop.body, '_csrf') ?? '', idempotencyKey: newId() });
    expect(dropAgain.statusCode).toBe(404);
    expect(dropAgain.body).toContain('The goal is no longer there.');
  });
});

describe('offers: Ja tak, Nej tak, Ikke nu', () => {
  it('shows each open offer with three answers alike, and no word of consequence', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const offerId = await makeOffer(citizenId);
    for (const page of [await browser.get('/mine-sider'), await browser.get('/mine-sider/tilbud')]) {
      const answers = [...page.body.matchAll(new RegExp(`<a class="([^"]+)" href="/mine-sider/tilbud/${offerId}/(ja|nej|ikke-nu)"`, 'g'))];
      expect(answers.map((a) => a[2])).toEqual(['ja', 'nej', 'ikke-nu']);
      // The same style for all three: none primary, none chosen beforehand.
      expect(new Set(answers.map((a) => a[1]))).toEqual(new Set(['button button-secondary w-percent-100 offer-answer']));
      expect(page.body).toContain('Coaching hver tirsdag hos Anna');
      expect(page.body).toContain('Et nej tak har ingen betydning for dig');
      expect(page.body).not.toMatch(/konsekvens|sanktion|skal du|pligt|frist|ydelse|dagpenge/i);
    }
  });

  it('“Ikke nu” records nothing and says the offer stays open', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const offerId = await makeOffer(citizenId, 'workshop');
    const before = await t.eventCount();
    const later = await browser.get(`/mine-sider/tilbud/${offerId}/ikke-nu`);
    expect(later.statusCode).toBe(200);
    expect(later.body).toContain('<h1>Du kan svare senere</h1>');
    expect(later.body).toContain('Tilbuddet står stadig åbent');
    expect(later.body).toContain('intet er registreret');
    expect(await t.eventCount()).toBe(before);
    expect((await browser.get('/mine-sider/tilbud')).body).toContain(`href="/mine-sider/tilbud/${offerId}/ja"`);
  });

  it('“Nej tak” with a reason in my own words (sealed), once on a double submit; nothing follows from it', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const offerId = await makeOffer(citizenId, 'seminar');
    const no = await browser.get(`/mine-sider/tilbud/${offerId}/nej`);
    expect(no.body).toContain('<h1>Tjek dit svar</h1>');
    expect(no.body).toContain('Du behøver ikke give en grund.');
    expect(no.body).toContain('<span class="weight-normal"> (frivilligt)</span>');
    const before = await t.eventCount();
    const tooLong = await browser.submit(no, `/mine-sider/tilbud/${offerId}/nej`, { reason: 'x'.repeat(2001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('<a href="#reason" class="function-link">Din grund må højst være 2000 tegn</a>');
    expect(await t.eventCount()).toBe(before);
    const reason = { reason: 'Jeg har ikke tid om tirsdagen' };
    const first = await browser.submit(no, `/mine-sider/tilbud/${offerId}/nej`, reason);
    expect(first.headers.location).toBe('/mine-sider/tilbud?svar=nej');
    expect((await browser.submit(no, `/mine-sider/tilbud/${offerId}/nej`, reason)).statusCode).toBe(303);
    const declined = await eventsOf(citizenId, 'OfferDeclined');
    expect(declined).toHaveLength(1);
    expect(declined[0]!.data).toMatchObject({ offerId, consent: { method: 'self_service' } });
    expect(JSON.stringify(declined[0]!.data)).not.toContain('tirsdagen');
    const shown = await browser.get(first.headers.location as string);
    expect(shown.body).toContain('Du har sagt nej tak. Det har ingen betydning for dig, og intet følger af det.');
  });

  it('“Ja tak” gives consent with a receipt whose id is derived from the command id; said twice it is refused in words', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const offerId = await makeOffer(citizenId, 'coaching');
    const yes = await browser.get(`/mine-sider/tilbud/${offerId}/ja`);
    expect(yes.body).toContain('<h1>Tjek dit svar</h1>');
    expect(yes.body).toContain('Du kan trække samtykket tilbage når som helst på Mine sider');
    const key = field(yes.body, 'idempotencyKey')!;
    const first = await browser.submit(yes, `/mine-sider/tilbud/${offerId}/ja`);
    expect(first.headers.location).toBe('/mine-sider/samtykker?givet=1');
    expect((await browser.submit(yes, `/mine-sider/tilbud/${offerId}/ja`)).statusCode).toBe(303);
    const given = await eventsOf(citizenId, 'ConsentGiven');
    expect(given).toHaveLength(1);
    expect(given[0]!.data).toMatchObject({ offerId, consent: { method: 'self_service' }, receipt: { receiptId: derivedId(key, 'receiptId'), collectionMethod: 'self_service' } });
    // A fresh form to say yes again: refused in the citizen's words, above the h1, nothing recorded.
    await t.engine.settle();
    const again = await browser.get(`/mine-sider/tilbud/${offerId}/ja`);
    const refused = await browser.submit(again, `/mine-sider/tilbud/${offerId}/ja`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Du har allerede sagt ja tak til tilbuddet.');
    expect(await eventsOf(citizenId, 'ConsentGiven')).toHaveLength(1);
    // An offer that is not theirs (or not there) is a 404 page.
    expect((await browser.get(`/mine-sider/tilbud/${newId()}/ja`)).statusCode).toBe(404);
    expect((await browser.get('/mine-sider/tilbud/not-an-id/ja')).statusCode).toBe(404);
  });
});

describe('my consents with receipts', () => {
  it('reads each receipt from its fields in the reader’s language, and withdraws it asked once', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const offerId = await makeOffer(citizenId, 'education_guidance');
    const yes = await browser.get(`/mine-sider/tilbud/${offerId}/ja`);
    await browser.submit(yes, `/mine-sider/tilbud/${offerId}/ja`);
    await t.engine.settle();
    const receipt = (await eventsOf(citizenId, 'ConsentGiven'))[0]!.data.receipt as { receiptId: string };

    const da = await browser.get('/mine-sider/samtykker?givet=1');
    expect(da.body).toContain('Her er kvitteringen for dit samtykke.');
    expect(da.body).toContain(`<th scope="row">Kvitteringsnummer</th><td>${receipt.receiptId}</td>`);
    expect(da.body).toContain('<th scope="row">Dataansvarlig</th><td>Virkelyst Valby</td>');
    expect(da.body).toContain('At du kan deltage i tilbuddet uddannelsesvejledning.');
    expect(da.body).toContain('Du sagde selv ja tak på Mine sider.');
    expect(da.body).toContain('på Mine sider under »Dine samtykker«, eller ved at sige det til en medarbejder på Virkelyst Valby');
    expect(da.body).toMatch(/<th scope="row">Givet<\/th><td>(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) \d+\. \w+ kl\. \d{2}\.\d{2}<\/td>/);
    // Never the stored English sentences, an ISO string or a code.
    expect(da.body).not.toMatch(ISO);
    expect(da.body).not.toContain('Taking part in');
    expect(da.body).not.toContain('self_service');
    expect(da.body).not.toMatch(/\bapp\b/);

    const en = await new Browser({ 'accept-language': 'en' }).request({ method: 'GET', url: '/mine-sider/samtykker', headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(en.body).toContain('<th scope="row">Receipt number</th>');
    expect(en.body).toContain('That you can take part in the offer education guidance.');
    expect(en.body).toContain('You said yes please yourself on My pages.');
    expect(en.body).toMatch(/<th scope="row">Given<\/th><td>(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d+ \w+ at \d{2}:\d{2}<\/td>/);

    const download = await browser.get('/mine-sider/optegnelser.json');
    const json = download.json() as { receipts: { offerId: string; inForce: boolean; receipt: { receiptId: string }; shown: Record<string, { label: string; value: string }> }[] };
    expect(json.receipts).toHaveLength(1);
    expect(json.receipts[0]).toMatchObject({ offerId, inForce: true, receipt: { receiptId: receipt.receiptId }, shown: { controller: { label: 'Dataansvarlig', value: 'Virkelyst Valby' }, receiptId: { value: receipt.receiptId } } });

    expect(da.body).toContain(`href="/mine-sider/samtykker/${offerId}/traek-tilbage"`);
    const ask = await browser.get(`/mine-sider/samtykker/${offerId}/traek-tilbage`);
    expect(ask.body).toContain('<h1>Vil du trække dit samtykke tilbage?</h1>');
    expect(ask.body).toContain('intet følger af det');
    const withdrawn = await browser.submit(ask, `/mine-sider/samtykker/${offerId}/traek-tilbage`);
    expect(withdrawn.headers.location).toBe('/mine-sider/samtykker?trukket=1');
    expect((await browser.submit(ask, `/mine-sider/samtykker/${offerId}/traek-tilbage`)).statusCode).toBe(303);
    expect(await eventsOf(citizenId, 'ConsentWithdrawn')).toHaveLength(1);
    await t.engine.settle();
    const after = await browser.get('/mine-sider/samtykker?trukket=1');
    expect(after.body).toContain('Dit samtykke er trukket tilbage. Intet følger af det.');
    expect(after.body).toMatch(/<span class="badge">Trukket tilbage /);
    expect(after.body).not.toContain(`href="/mine-sider/samtykker/${offerId}/traek-tilbage"`);
    // Nothing in force to withdraw any more: the page is not there, and a fresh form is refused in words.
    expect((await browser.get(`/mine-sider/samtykker/${offerId}/traek-tilbage`)).statusCode).toBe(404);
    const again = await browser.post(`/mine-sider/samtykker/${offerId}/traek-tilbage`, { _csrf: field(ask.body, '_csrf') ?? '', idempotencyKey: newId() });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Der er ikke noget samtykke at trække tilbage.');
    expect(await eventsOf(citizenId, 'ConsentWithdrawn')).toHaveLength(1);
  });

  it('keeps the receipts readable once the journey is closed, and a consent can still be withdrawn then', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const offerId = await makeOffer(citizenId, 'office_space');
    await browser.submit(await browser.get(`/mine-sider/tilbud/${offerId}/ja`), `/mine-sider/tilbud/${offerId}/ja`);
    await t.engine.settle();
    const ask = await browser.get(`/mine-sider/samtykker/${offerId}/traek-tilbage`);
    await browser.submit(await browser.get('/mine-sider/afslut'), '/mine-sider/afslut');
    await t.engine.settle();
    const consents = await browser.get('/mine-sider/samtykker');
    expect(consents.body).toContain('At du kan deltage i tilbuddet kontorplads.');
    expect(consents.body).toContain(`href="/mine-sider/samtykker/${offerId}/traek-tilbage"`);
    const withdrawn = await browser.submit(ask, `/mine-sider/samtykker/${offerId}/traek-tilbage`);
    expect(withdrawn.statusCode).toBe(303);
    expect(await eventsOf(citizenId, 'ConsentWithdrawn')).toHaveLength(1);
  });

  it('answers a form without a usable idempotency key with a page, recording nothing', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const offerId = await makeOffer(citizenId, 'internship');
    const yes = await browser.get(`/mine-sider/tilbud/${offerId}/ja`);
    const before = await t.eventCount();
    const bad = await browser.post(`/mine-sider/tilbud/${offerId}/ja`, { _csrf: field(yes.body, '_csrf') ?? '', idempotencyKey: 'not-a-key' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Formularen kunne ikke læses');
    expect(await t.eventCount()).toBe(before);
  });
});

describe('a consent to share data with a partner, on Mine sider and among everything recorded', () => {
  type Receipt = { kind: string; offerId?: string; sharingId?: string; inForce: boolean; withdrawnAt: string | null; receipt: { receiptId: string }; shown: Record<string, { label: string; value: string }> };

  /** A citizen who said yes to an offer and then referred themselves to a partner's offer, sharing their name and a message. */
  async function citizenWhoShared(partnerName: string) {
    const { partnerId, offerId: catalogueOfferId } = await partnerWithOffer(partnerName);
    const { browser, citizenId } = await citizenWithJourney();
    const offerId = await makeOffer(citizenId, 'coaching');
    await browser.submit(await browser.get(`/mine-sider/tilbud/${offerId}/ja`), `/mine-sider/tilbud/${offerId}/ja`);
    await t.engine.settle();
    const offerReceipt = (await eventsOf(citizenId, 'ConsentGiven'))[0]!.data.receipt as { receiptId: string };
    const until = isoDay(30);
    const { sharingId, receipt } = await shareThroughPages(browser, citizenId, catalogueOfferId, until);
    return { browser, citizenId, partnerId, catalogueOfferId, offerId, offerReceipt, until, sharingId, receipt };
  }

  it('is counted with the offer consents on the overview, in Danish and English, with the way to withdraw it; once withdrawn it is not', async () => {
    const { browser, sharingId } = await citizenWhoShared('Løbeklubben Valby');
    const mine = await browser.get('/mine-sider');
    expect(mine.body).toContain('Du har 2 samtykker, der gælder nu.');
    expect(mine.body).toContain('Du deler dit navn og din besked med Løbeklubben Valby til og med ');
    expect(mine.body).toContain(`<a href="/mine-sider/samtykker/deling/${sharingId}/traek-tilbage" id="mine-withdraw-sharing-${sharingId}">Træk samtykket til deling med Løbeklubben Valby tilbage</a>`);
    expect(mine.body).toContain('href="/mine-sider/samtykker"');
    expect(mine.body).not.toMatch(ISO);
    browser.cookies.set('lang', 'en');
    const english = await browser.get('/mine-sider');
    expect(english.body).toContain('You have 2 consents in force now.');
    expect(english.body).toContain('You share your name and your message with Løbeklubben Valby up to and including ');
    expect(english.body).toContain('Withdraw the consent to sharing with Løbeklubben Valby');
    expect(english.body).not.toMatch(ISO);
    browser.cookies.set('lang', 'da');

    const ask = await browser.get(`/mine-sider/samtykker/deling/${sharingId}/traek-tilbage`);
    expect((await browser.submit(ask, `/mine-sider/samtykker/deling/${sharingId}/traek-tilbage`)).statusCode).toBe(303);
    await t.engine.settle();
    const after = await browser.get('/mine-sider');
    expect(after.body).toContain('Du har 1 samtykke, der gælder nu.');
    expect(after.body).not.toContain('id="sharings-in-force"');
    expect(after.body).not.toContain(`/mine-sider/samtykker/deling/${sharingId}/traek-tilbage`);
  });

  it('has its receipt in optegnelser.json beside the offer’s, as stored and as it reads in the reader’s language, kept once withdrawn', async () => {
    const { browser, partnerId, catalogueOfferId, offerId, offerReceipt, until, sharingId, receipt } = await citizenWhoShared('Cykelklubben Valby');
    const json = (await browser.get('/mine-sider/optegnelser.json')).json() as { records: { type: string }[]; receipts: Receipt[] };
    expect(json.records.map((r) => r.type)).toEqual(expect.arrayContaining(['DataSharingConsentGiven', 'ReferralMade', 'ConsentGiven']));
    expect(json.receipts).toHaveLength(2);
    expect(json.receipts.find((r) => r.kind === 'offer')).toMatchObject({ offerId, inForce: true, receipt: { receiptId: offerReceipt.receiptId } });
    const shared = json.receipts.find((r) => r.kind === 'sharing');
    expect(shared).toMatchObject({
      sharingId,
      partnerId,
      partnerName: 'Cykelklubben Valby',
      purpose: 'referral_to_offer',
      catalogueOfferId,
      fields: ['name', 'message'],
      until,
      inForce: true,
      withdrawnAt: null,
      receipt: { receiptId: receipt.receiptId, collectionMethod: 'self_service', controller: { centreId } },
      shown: {
        receiptId: { label: 'Kvitteringsnummer', value: receipt.receiptId },
        controller: { label: 'Dataansvarlig', value: 'Virkelyst Valby' },
        recipient: { label: 'Modtager', value: 'Cykelklubben Valby' },
        offer: { label: 'Tilbud', value: 'Løb for alle' },
        dataCategories: { label: 'Oplysninger', value: 'Dit navn og din besked' },
        collectionMethod: { value: 'Du sagde selv ja tak på Mine sider.' },
      },
    });
    expect(JSON.stringify(shared!.shown)).not.toMatch(ISO);
    browser.cookies.set('lang', 'en');
    const english = (await browser.get('/mine-sider/optegnelser.json')).json() as { receipts: Receipt[] };
    browser.cookies.set('lang', 'da');
    expect(english.receipts.find((r) => r.kind === 'sharing')!.shown).toMatchObject({ recipient: { label: 'Recipient' }, offer: { value: 'Running for everyone' }, dataCategories: { value: 'Your name and your message' } });

    // Withdrawn, the receipt is still the citizen's: said withdrawn, and when.
    const ask = await browser.get(`/mine-sider/samtykker/deling/${sharingId}/traek-tilbage`);
    expect((await browser.submit(ask, `/mine-sider/samtykker/deling/${sharingId}/traek-tilbage`)).statusCode).toBe(303);
    await t.engine.settle();
    const kept = (await browser.get('/mine-sider/optegnelser.json')).json() as { receipts: Receipt[] };
    expect(kept.receipts.find((r) => r.kind === 'sharing')).toMatchObject({ sharingId, inForce: false, status: 'withdrawn', withdrawnAt: expect.stringMatching(ISO), receipt: { receiptId: receipt.receiptId } });
  });

  it('has its receipt in the readable records beside the offer’s, read from its fields, each record linked to its receipt', async () => {
    const { browser, offerReceipt, sharingId, receipt } = await citizenWhoShared('Roklubben Valby');
    const records = await browser.get('/mine-sider/optegnelser');
    expect(records.body).toContain('<h2 id="receipts">Dine kvitteringer</h2>');
    expect(records.body).toContain(`id="sharing-${sharingId}"`);
    expect(records.body).toContain(`id="receipt-${offerReceipt.receiptId}"`);
    expect(records.body).toContain(`<th scope="row">Kvitteringsnummer</th><td>${receipt.receiptId}</td>`);
    expect(records.body).toContain(`<th scope="row">Kvitteringsnummer</th><td>${offerReceipt.receiptId}</td>`);
    expect(records.body).toContain('<th scope="row">Modtager</th><td>Roklubben Valby</td>');
    expect(records.body).toContain('<th scope="row">Oplysninger</th><td>Dit navn og din besked</td>');
    expect(records.body).toContain('Du gav samtykke til at dele dit navn og din besked med en samarbejdspartner');
    expect(records.body).toContain(`<a href="#sharing-${sharingId}">Se kvitteringen</a>`);
    expect(records.body).toContain(`<a href="#receipt-${offerReceipt.receiptId}">Se kvitteringen</a>`);
    // Read-only there: withdrawing is on "Dine samtykker", linked.
    expect(records.body).not.toContain('/traek-tilbage"');
    expect(records.body).toContain('href="/mine-sider/samtykker"');
    expect(records.body).not.toMatch(ISO);
    expect(records.body).not.toContain('self_service');
    browser.cookies.set('lang', 'en');
    const english = await browser.get('/mine-sider/optegnelser');
    browser.cookies.set('lang', 'da');
    expect(english.body).toContain('<h2 id="receipts">Your receipts</h2>');
    expect(english.body).toContain('<th scope="row">Recipient</th><td>Roklubben Valby</td>');
    expect(english.body).toContain('You consented to share your name and your message with a partner');
    expect(english.body).not.toContain('Sharing with partner ');
    expect(english.body).not.toMatch(ISO);

    const ask = await browser.get(`/mine-sider/samtykker/deling/${sharingId}/traek-tilbage`);
    expect((await browser.submit(ask, `/mine-sider/samtykker/deling/${sharingId}/traek-tilbage`)).statusCode).toBe(303);
    await t.engine.settle();
    const kept = await browser.get('/mine-sider/optegnelser');
    expect(kept.body).toContain(`<th scope="row">Kvitteringsnummer</th><td>${receipt.receiptId}</td>`);
    expect(kept.body).toMatch(new RegExp(`id="sharing-${sharingId}"[\\s\\S]*?<span class="badge">Trukket tilbage `));
  });

  it('outlives the journey’s closing: Mine sider without an open journey still says it is in force, with the way to withdraw it', async () => {
    const { offerId: catalogueOfferId } = await partnerWithOffer('Svømmeklubben Valby');
    const { browser, citizenId } = await citizenWithJourney();
    const { sharingId } = await shareThroughPages(browser, citizenId, catalogueOfferId, isoDay(20));
    await browser.submit(await browser.get('/mine-sider/afslut'), '/mine-sider/afslut');
    await t.engine.settle();
    const mine = await browser.get('/mine-sider');
    expect(mine.body).toContain('id="start-journey"');
    expect(mine.body).toContain('Du har 1 samtykke, der gælder nu.');
    expect(mine.body).toContain(`href="/mine-sider/samtykker/deling/${sharingId}/traek-tilbage"`);
    // A citizen with nothing in force is not told about consents they never gave.
    const fresh = new Browser();
    await signIn(fresh, 'citizen', `citizen-${newId().slice(-12)}`);
    const none = await fresh.get('/mine-sider');
    expect(none.body).not.toContain('der gælder nu');
    expect(none.body).toContain('href="/mine-sider/samtykker"');
  });
});
