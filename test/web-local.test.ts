/**
 * Local activities, groups and the entrepreneurs' track on the web, through fastify's inject
 * against a real PostgreSQL: what each form records (once, on a double submit), what it refuses
 * and where (the error summary above the h1 linking to the field, nothing recorded), that staff see
 * counts and never who, that nobody can put a citizen on anything, and that every page speaks
 * Danish and English with times and dates in words. What was recorded is read from the log.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/commands/handler.js';
import { bookSession } from '../src/commands/sessions.js';
import { activityDecider } from '../src/domain/activity/decide.js';
import { calendarDecider } from '../src/domain/calendar/decide.js';
import { journeyDecider } from '../src/domain/journey/decide.js';
import { commandsFor } from '../src/wiring.js';
import { coerciveTermsIn } from '../src/domain/shared/coercion.js';
import type { Principal } from '../src/domain/shared/principal.js';
import { newId } from '../src/ids.js';
import { copenhagenToday, shiftDay } from '../src/web/pages/staff-parts.js';
import { createTestApp } from './support/app.js';
import { field, InjectBrowser } from './support/inject-browser.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let centreId: string;
let otherCentreId: string;
const staffId = 'vejleder-lokal';
const ISO = /\d{4}-\d{2}-\d{2}T|\d{4}-\d{2}-\d{2}\b/;

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
const citizen = async (headers: Record<string, string> = {}) => {
  const browser = new Browser(headers);
  const id = `borger-${newId().slice(-12)}`;
  await signIn(browser, 'citizen', id);
  return { browser, id };
};
const staff = async (headers: Record<string, string> = {}, centre = centreId) => {
  const browser = new Browser(headers);
  await signIn(browser, 'staff', staffId, centre);
  return browser;
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The hidden fields of the form on a page that posts to `action` (a page may hold many forms). */
function formOf(body: string, action: string): Record<string, string> {
  const form = new RegExp(`<form method="post" action="${escape(action)}"[^>]*>([\\s\\S]*?)</form>`).exec(body)?.[1];
  if (!form) throw new Error(`no form posting to ${action}`);
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
}
/** Sends the form of a page that posts to `action`, with these answers. */
const send = (browser: Browser, page: { body: string }, action: string, answers: Record<string, string> = {}) => browser.post(action, { ...formOf(page.body, action), ...answers });
/** The fields the error summary links to, in order. */
function summaryLinks(body: string): string[] {
  const summary = /data-module="error-summary"[\s\S]*?<\/ul>/.exec(body)?.[0] ?? '';
  return [...summary.matchAll(/<a href="#([^"]+)" class="function-link">/g)].map((m) => m[1]!);
}

async function eventsOf(streamId: string, type?: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const { rows } = await sql<{ event_type: string; data: Record<string, unknown> }>`select event_type, data from events where stream_id = ${streamId} order by global_position`.execute(t.database.db);
  return rows.filter((r) => !type || r.event_type === type).map((r) => ({ type: r.event_type, data: r.data }));
}

/** A day `days` from today in Danish time, typed as a staff member types it: "5.1.2027". */
function typedDay(days: number): string {
  const [y, m, d] = shiftDay(copenhagenToday(new Date()), days).split('-').map(Number);
  return `${d}.${m}.${y}`;
}

const activity = (over: Record<string, string> = {}) => ({
  kind: 'workshop',
  title: `CV-værksted ${newId().slice(-6)}`,
  description: 'Vi ser på CV’er sammen, hvis du har lyst.',
  date: typedDay(7),
  startTime: '17.00',
  endTime: '19.00',
  place: 'Lokale 2, Torvet 1',
  link: '',
  capacity: '1',
  ...over,
});

/** An activity scheduled through the staff form; its id, from the log. */
async function schedule(over: Record<string, string> = {}): Promise<{ activityId: string; title: string }> {
  const browser = await staff();
  const form = await browser.get('/medarbejder/aktiviteter/ny');
  const answers = activity(over);
  const answer = await send(browser, form, '/medarbejder/aktiviteter/ny', answers);
  expect(answer.statusCode, answer.body).toBe(303);
  const { rows } = await sql<{ id: string }>`select data->>'activityId' as id from events where event_type = 'ActivityScheduled' and data->>'title' = ${answers.title}`.execute(t.database.db);
  return { activityId: rows[0]!.id, title: answers.title };
}

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.token('admin');
  const establish = async (name: string, municipalityCode: string) => {
    const created = await t.app.inject({ method: 'POST', url: '/centres', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'idempotency-key': newId() }, payload: { municipalityCode, name } });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().centreId as string;
  };
  centreId = await establish('Virkelyst Nørrebro', '101');
  otherCentreId = await establish('Virkelyst Aarhus', '751');
  await t.engine.settle();
});
afterAll(async () => {
  await t?.close();
});

describe('local activities', () => {
  it('schedules an activity from the grouped staff form, refusing each field in the summary above the h1 and recording nothing', async () => {
    const browser = await staff();
    const form = await browser.get('/medarbejder/aktiviteter/ny');
    expect(form.statusCode).toBe(200);
    for (const legend of ['Om aktiviteten', 'Hvornår (dansk tid)', 'Hvor', 'Pladser']) expect(form.body).toContain(`<legend class="h2">${legend}</legend>`);
    const before = await t.eventCount();
    const empty = await send(browser, form, '/medarbejder/aktiviteter/ny', { kind: '', title: '', description: '', date: '', startTime: '', endTime: '', place: '', link: '', capacity: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body.indexOf('data-module="error-summary"')).toBeLessThan(empty.body.indexOf('<h1>'));
    expect(summaryLinks(empty.body)).toEqual(['kind', 'title', 'date', 'startTime', 'endTime', 'place', 'capacity']);
    const refusedOn = async (answers: Record<string, string>, fieldId: string, words: RegExp) => {
      const answer = await send(browser, form, '/medarbejder/aktiviteter/ny', activity(answers));
      expect(answer.statusCode, JSON.stringify(answers)).toBe(400);
      expect(summaryLinks(answer.body)).toEqual([fieldId]);
      expect(answer.body).toMatch(words);
    };
    await refusedOn({ title: 'Obligatorisk informationsmøde' }, 'title', /lyder som tvang \(obligatorisk/);
    await refusedOn({ link: 'https://møde.example.dk/cv' }, 'link', /enten et sted eller et link, ikke begge/);
    await refusedOn({ place: '', link: 'http://møde.example.dk/cv' }, 'link', /begynder med https:\/\//);
    await refusedOn({ date: typedDay(-1) }, 'startTime', /Starttidspunktet er gået/);
    await refusedOn({ endTime: '16.00' }, 'endTime', /Sluttidspunktet skal ligge efter starttidspunktet/);
    await refusedOn({ date: '31.2.2030' }, 'date', /Datoen findes ikke/);
    await refusedOn({ capacity: '0' }, 'capacity', /helt tal fra 1 til 10.000/);
    // A kind no form offers is no answer of theirs.
    expect((await send(browser, form, '/medarbejder/aktiviteter/ny', activity({ kind: 'mandatory_course' }))).statusCode).toBe(400);
    expect(await t.eventCount()).toBe(before);

    // Sent twice (a double click): scheduled once, in Copenhagen time.
    const answers = activity({ startTime: '17.30' });
    const first = await send(browser, form, '/medarbejder/aktiviteter/ny', answers);
    const again = await send(browser, form, '/medarbejder/aktiviteter/ny', answers);
    expect([first.statusCode, again.statusCode]).toEqual([303, 303]);
    expect(first.headers.location).toBe('/medarbejder/aktiviteter?planlagt=1');
    const { rows } = await sql<{ data: { start: string; capacity: number; where: unknown } }>`select data from events where event_type = 'ActivityScheduled' and data->>'title' = ${answers.title}`.execute(t.database.db);
    expect(rows).toHaveLength(1);
    const start = new Date(rows[0]!.data.start);
    expect(new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit' }).format(start)).toBe('17.30');
    expect(rows[0]!.data).toMatchObject({ capacity: 1, where: { place: 'Lokale 2, Torvet 1' } });
    const list = await browser.get(first.headers.location as string);
    expect(list.body).toContain('Aktiviteten er planlagt.');
    expect(list.body).toContain(answers.title);
    expect(list.body).toMatch(/kl\. 17\.30–19\.00/);
    expect(list.body).not.toMatch(ISO);
  });

  it('gives the free place to the first citizen and a place in line to the next, who moves up when the first unregisters', async () => {
    const { activityId, title } = await schedule();
    const a = await citizen();
    const b = await citizen();
    const seen = await a.browser.get(`/mine-sider/aktiviteter?centre=${centreId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain(title);
    expect(seen.body).toContain('1 ledig plads af 1');
    expect(seen.body).not.toMatch(ISO);
    const registered = await send(a.browser, seen, `/mine-sider/aktiviteter/${activityId}/tilmeld`);
    expect(registered.statusCode).toBe(303);
    expect(registered.headers.location).toBe(`/mine-sider/aktiviteter?centre=${centreId}&tilmeldt=${activityId}`);
    const mine = await a.browser.get(registered.headers.location as string);
    expect(mine.body).toContain(`Du har fået en plads på »${title}«.`);
    expect(mine.body).toContain('Du har en plads');
    expect(mine.body).toContain(`href="/mine-sider/aktiviteter/${activityId}/afmeld"`);

    // Full now: B is told so, and asks for a place in line themselves.
    const full = await b.browser.get(`/mine-sider/aktiviteter?centre=${centreId}`);
    expect(full.body).toContain('Fuldt – du kan skrive dig på ventelisten');
    expect(formOf(full.body, `/mine-sider/aktiviteter/${activityId}/tilmeld`).som).toBe('venteliste');
    // A place asked for from a page shown before it filled: no line the citizen did not choose, nothing recorded.
    const before = await t.eventCount();
    const tooLate = await send(b.browser, full, `/mine-sider/aktiviteter/${activityId}/tilmeld`, { som: 'plads' });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.body).toContain('Den sidste plads er lige blevet taget');
    expect(summaryLinks(tooLate.body)).toEqual([`register-${activityId}`]);
    expect(await t.eventCount()).toBe(before);
    const waiting = await send(b.browser, full, `/mine-sider/aktiviteter/${activityId}/tilmeld`);
    expect(waiting.statusCode).toBe(303);
    const inLine = await b.browser.get(waiting.headers.location as string);
    expect(inLine.body).toContain('Du er nr. 1.');
    expect(inLine.body).toContain('Du er nr. 1 på ventelisten');
    expect(inLine.body).toContain(`href="/mine-sider/aktiviteter/${activityId}/forlad-ventelisten"`);

    // A unregisters, asked once; nothing follows from it.
    const ask = await a.browser.get(`/mine-sider/aktiviteter/${activityId}/afmeld`);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('<h1>Vil du afmelde dig?</h1>');
    expect(ask.body).toContain('Intet følger af at afmelde sig.');
    const unregistered = await send(a.browser, ask, `/mine-sider/aktiviteter/${activityId}/afmeld`);
    expect(unregistered.statusCode).toBe(303);
    expect((await a.browser.get(unregistered.headers.location as string)).body).toContain(`Du er afmeldt »${title}«. Intet følger af det.`);
    expect((await eventsOf(`activity-${activityId}`)).map((e) => e.type)).toEqual(['ActivityScheduled', 'ActivityRegistered', 'ActivityWaitlisted', 'ActivityUnregistered', 'MovedUpFromWaitingList']);
    const movedUp = await b.browser.get(`/mine-sider/aktiviteter?centre=${centreId}`);
    expect(movedUp.body).toContain('Du har en plads');
    expect(movedUp.body).not.toContain('på ventelisten</strong>');

    // Staff see counts, never who.
    const staffList = await (await staff()).get('/medarbejder/aktiviteter');
    expect(staffList.body).toContain(title);
    expect(staffList.body).toContain('1 af 1');
    for (const id of [a.id, b.id]) expect(staffList.body).not.toContain(id);
  });

  it('asks once before leaving the line, and does not give up a place the citizen got meanwhile', async () => {
    const { activityId } = await schedule();
    const a = await citizen();
    const b = await citizen();
    const c = await citizen();
    for (const who of [a, b, c]) {
      const list = await who.browser.get(`/mine-sider/aktiviteter?centre=${centreId}`);
      expect((await send(who.browser, list, `/mine-sider/aktiviteter/${activityId}/tilmeld`)).statusCode).toBe(303);
    }
    expect((await c.browser.get(`/mine-sider/aktiviteter?centre=${centreId}`)).body).toContain('Du er nr. 2 på ventelisten');
    const askB = await b.browser.get(`/mine-sider/aktiviteter/${activityId}/forlad-ventelisten`);
    expect(askB.body).toContain('<h1>Vil du forlade ventelisten?</h1>');
    expect(askB.body).toContain('Intet følger af at forlade ventelisten.');
    // Meanwhile A unregisters: B moves up, and B's "leave the line" no longer fits.
    const askA = await a.browser.get(`/mine-sider/aktiviteter/${activityId}/afmeld`);
    expect((await send(a.browser, askA, `/mine-sider/aktiviteter/${activityId}/afmeld`)).statusCode).toBe(303);
    const before = await t.eventCount();
    const stale = await send(b.browser, askB, `/mine-sider/aktiviteter/${activityId}/forlad-ventelisten`);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Du har fået en plads i mellemtiden');
    expect(stale.body).toContain('<h1>Vil du afmelde dig?</h1>');
    expect(await t.eventCount()).toBe(before);
    // C leaves the line: C is no longer in it, and B keeps the place.
    const askC = await c.browser.get(`/mine-sider/aktiviteter/${activityId}/forlad-ventelisten`);
    const left = await send(c.browser, askC, `/mine-sider/aktiviteter/${activityId}/forlad-ventelisten`);
    expect(left.statusCode).toBe(303);
    expect((await c.browser.get(left.headers.location as string)).body).toContain('Du står ikke længere på ventelisten');
    expect((await eventsOf(`activity-${activityId}`)).map((e) => e.type).slice(-3)).toEqual(['ActivityUnregistered', 'MovedUpFromWaitingList', 'LeftWaitingList']);
  });

  it('shows a link to a virtual meeting place only to those with a place', async () => {
    const { activityId } = await schedule({ place: '', link: 'https://møde.example.dk/cv?rum=2', capacity: '5' });
    const a = await citizen();
    const list = await a.browser.get(`/mine-sider/aktiviteter?centre=${centreId}`);
    expect(list.body).toContain('Online. Linket vises her, når du har en plads.');
    expect(list.body).not.toContain('https://møde.example.dk/cv');
    await send(a.browser, list, `/mine-sider/aktiviteter/${activityId}/tilmeld`);
    expect((await a.browser.get(`/mine-sider/aktiviteter?centre=${centreId}`)).body).toContain(`id="link-${activityId}"`);
  });

  it('changes an activity (never below the places taken) and cancels it, asked once: the registrations end and nothing follows', async () => {
    const { activityId, title } = await schedule({ capacity: '2' });
    const a = await citizen();
    const b = await citizen();
    for (const who of [a, b]) await send(who.browser, await who.browser.get(`/mine-sider/aktiviteter?centre=${centreId}`), `/mine-sider/aktiviteter/${activityId}/tilmeld`);
    const browser = await staff();
    const form = await browser.get(`/medarbejder/aktiviteter/${activityId}/ret`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${title}"`);
    expect(form.body).toContain('value="17.00"');
    const before = await t.eventCount();
    const fields = { ...activity({ title, capacity: '1' }) };
    const below = await send(browser, form, `/medarbejder/aktiviteter/${activityId}/ret`, fields);
    expect(below.statusCode).toBe(422);
    expect(below.body).toContain('Ingen mister en plads, de har');
    expect(await t.eventCount()).toBe(before);
    const changed = await send(browser, form, `/medarbejder/aktiviteter/${activityId}/ret`, { ...fields, capacity: '3', title: `${title} (flyttet)` });
    expect(changed.statusCode).toBe(303);
    expect((await eventsOf(`activity-${activityId}`, 'ActivityChanged'))[0]!.data).toEqual({ activityId, title: `${title} (flyttet)`, capacity: 3 });

    const ask = await browser.get(`/medarbejder/aktiviteter/${activityId}/aflys`);
    expect(ask.body).toContain('<h1>Vil du aflyse aktiviteten?</h1>');
    expect(ask.body).toContain('2 har en plads, og 0 står på ventelisten.');
    expect(ask.body).toContain('Intet følger af det for nogen af dem, der var tilmeldt.');
    const cancelled = await send(browser, ask, `/medarbejder/aktiviteter/${activityId}/aflys`);
    expect(cancelled.statusCode).toBe(303);
    expect((await browser.get(cancelled.headers.location as string)).body).toContain('Aktiviteten er aflyst.');
    const theirs = await a.browser.get(`/mine-sider/aktiviteter?centre=${centreId}`);
    expect(theirs.body).not.toContain(activityId);
    expect((await browser.get(`/medarbejder/aktiviteter/${activityId}/aflys`)).statusCode).toBe(404);
  });

  it('records after the end how many came, a count and never who', async () => {
    // An activity that has taken place: scheduled through the decider at a time before it began.
    const principal: Principal = { id: staffId, role: 'staff', centreId };
    const activityId = newId();
    const hour = 3600_000;
    const now = Date.now();
    await new CommandHandler(t.store, { vault: t.vault }).handle(
      activityDecider,
      { type: 'ScheduleActivity', now: new Date(now - 3 * hour).toISOString(), principal, data: { activityId, centreId, kind: 'seminar', title: 'Seminar om iværksætteri', start: new Date(now - 2 * hour).toISOString(), end: new Date(now - hour).toISOString(), where: { place: 'Salen' }, capacity: 40 } },
      { commandId: newId() },
    );
    const browser = await staff();
    const list = await browser.get('/medarbejder/aktiviteter');
    expect(list.body).toContain(`href="/medarbejder/aktiviteter/${activityId}/fremmoede"`);
    const form = await browser.get(`/medarbejder/aktiviteter/${activityId}/fremmoede`);
    expect(form.body).toContain('Det registreres aldrig, hvem der kom.');
    const before = await t.eventCount();
    const bad = await send(browser, form, `/medarbejder/aktiviteter/${activityId}/fremmoede`, { count: '-1' });
    expect(bad.statusCode).toBe(400);
    expect(summaryLinks(bad.body)).toEqual(['count']);
    expect(await t.eventCount()).toBe(before);
    expect((await send(browser, form, `/medarbejder/aktiviteter/${activityId}/fremmoede`, { count: '27' })).statusCode).toBe(303);
    const [counted] = await eventsOf(`activity-${activityId}`, 'ActivityAttendanceRecorded');
    expect(counted!.data).toEqual({ activityId, count: 27 });
    expect((await browser.get('/medarbejder/aktiviteter')).body).toMatch(/>27<\/td>/);
  });

  it('belongs to its users: staff pages are not a citizen’s, citizen pages not staff’s, another centre’s activity is not found', async () => {
    const { activityId } = await schedule();
    const a = await citizen();
    const s = await staff();
    for (const url of ['/medarbejder/aktiviteter', '/medarbejder/aktiviteter/ny', `/medarbejder/aktiviteter/${activityId}/aflys`]) expect((await a.browser.get(url)).statusCode, url).toBe(403);
    for (const url of ['/mine-sider/aktiviteter', `/mine-sider/aktiviteter/${activityId}/afmeld`]) expect((await s.get(url)).statusCode, url).toBe(403);
    expect((await new Browser().get('/mine-sider/aktiviteter')).headers.location).toBe('/log-ind');
    const elsewhere = await staff({}, otherCentreId);
    expect((await elsewhere.get(`/medarbejder/aktiviteter/${activityId}/ret`)).statusCode).toBe(404);
    // Staff cannot register anyone: the route is the citizen's own, and refuses staff before anything is recorded.
    const before = await t.eventCount();
    const list = await s.get('/medarbejder/aktiviteter');
    expect(list.body).not.toContain('/tilmeld');
    expect((await s.post(`/mine-sider/aktiviteter/${activityId}/tilmeld`, { _csrf: field(list.body, '_csrf') ?? '', idempotencyKey: newId(), som: 'plads' })).statusCode).toBe(403);
    // And a form without its CSRF token records nothing.
    expect((await a.browser.post(`/mine-sider/aktiviteter/${activityId}/tilmeld`, { idempotencyKey: newId(), som: 'plads' })).statusCode).toBe(403);
    expect(await t.eventCount()).toBe(before);
  });

  it('speaks English, with times in words', async () => {
    const { title } = await schedule();
    const a = await citizen({ 'accept-language': 'en' });
    const list = await a.browser.get(`/mine-sider/aktiviteter?centre=${centreId}`);
    expect(list.body).toMatch(/<html lang="en">/);
    expect(list.body).toContain('1 free place of 1');
    expect(list.body).toContain('Register me');
    expect(list.body).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d+ \w+ \d{4} at 17:00–19:00/);
    expect(list.body).toContain(title);
    expect(list.body).not.toMatch(ISO);
    const s = await staff({ 'accept-language': 'en' });
    expect((await s.get('/medarbejder/aktiviteter/ny')).body).toContain('<legend class="h2">When (Danish time)</legend>');
  });
});

describe('groups', () => {
  it('lets a citizen start a group through "Tjek dine svar": they are its first member', async () => {
    const a = await citizen();
    const form = await a.browser.get(`/mine-sider/grupper/ny?centre=${centreId}`);
    expect(form.statusCode).toBe(200);
    // A citizen names no partner's id: partner groups are started with the centre.
    expect(form.body).not.toContain('value="citizen_to_partner"');
    const before = await t.eventCount();
    const empty = await send(a.browser, form, '/mine-sider/grupper/ny', { kind: '', name: '', purpose: '', authority: '' });
    expect(empty.statusCode).toBe(400);
    expect(summaryLinks(empty.body)).toEqual(['kind', 'name']);
    const name = `Løbeklubben ${newId().slice(-5)}`;
    const answers = { kind: 'citizen_to_citizen', name, purpose: 'Vi løber sammen om morgenen.', authority: '' };
    const check = await send(a.browser, form, '/mine-sider/grupper/ny', answers);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('<h1>Tjek dine svar</h1>');
    expect(check.body).toContain('Du bliver gruppens første medlem.');
    expect(await t.eventCount()).toBe(before);
    const back = await send(a.browser, check, '/mine-sider/grupper/ny/ret');
    expect(back.body).toContain(`value="${name}"`);
    const first = await send(a.browser, check, '/mine-sider/grupper/ny/tjek');
    const again = await send(a.browser, check, '/mine-sider/grupper/ny/tjek');
    expect([first.statusCode, again.statusCode]).toEqual([303, 303]);
    const groupId = new URL(first.headers.location as string, 'http://x').searchParams.get('startet')!;
    expect((await eventsOf(`group-${groupId}`)).map((e) => e.type)).toEqual(['GroupStarted', 'GroupJoined']);
    const mine = await a.browser.get(first.headers.location as string);
    expect(mine.body).toContain(`Gruppen »${name}« er startet, og du er dens første medlem.`);
    expect(mine.body).toContain('1 medlem');
  });

  it('lets citizens join and leave themselves (asked once), write how they meet, and see the meeting place; staff see counts only', async () => {
    const s = await staff();
    const form = await s.get('/medarbejder/grupper/ny');
    expect(form.body).toContain('Du bliver ikke medlem af gruppen, og ingen bliver meldt ind');
    const before = await t.eventCount();
    const noPartner = await send(s, form, '/medarbejder/grupper/ny', { kind: 'citizen_to_partner', name: 'Sparring med Bageriet', purpose: '', authority: '', partnerId: '' });
    expect(noPartner.statusCode).toBe(400);
    expect(summaryLinks(noPartner.body)).toEqual(['partnerId']);
    expect(await t.eventCount()).toBe(before);
    const name = `Sundhedsgruppen ${newId().slice(-5)}`;
    const started = await send(s, form, '/medarbejder/grupper/ny', { kind: 'citizen_to_authority', name, purpose: 'Spørgsmål om sundhed og motion.', authority: 'Kommunens sundhedshus', partnerId: '' });
    expect(started.statusCode).toBe(303);
    const { rows } = await sql<{ id: string }>`select data->>'groupId' as id from events where event_type = 'GroupStarted' and data->>'name' = ${name}`.execute(t.database.db);
    const groupId = rows[0]!.id;
    // Helping start a group makes nobody a member.
    expect((await eventsOf(`group-${groupId}`)).map((e) => e.type)).toEqual(['GroupStarted']);

    // The meeting place: https only, the error on the field, nothing recorded.
    const groupPage = await s.get(`/medarbejder/grupper/${groupId}`);
    expect(groupPage.body).toContain('0 medlemmer');
    expect(groupPage.body).not.toMatch(/bliv-medlem|Tilføj|Add a member/);
    const insecure = await send(s, groupPage, `/medarbejder/grupper/${groupId}/moedested`, { link: 'http://møde.example.dk/sundhed' });
    expect(insecure.statusCode).toBe(400);
    expect(summaryLinks(insecure.body)).toEqual(['link']);
    expect(insecure.body).toContain('begynder med https://');
    expect(await t.eventCount()).toBe(before + 1);
    const attached = await send(s, groupPage, `/medarbejder/grupper/${groupId}/moedested`, { link: 'https://møde.example.dk/sundhed' });
    expect(attached.statusCode).toBe(303);

    const a = await citizen();
    const b = await citizen();
    for (const who of [a, b]) {
      const list = await who.browser.get(`/mine-sider/grupper?centre=${centreId}`);
      expect(list.body).toContain(name);
      // Not a member yet: the meeting place is for members.
      expect(list.body).not.toContain('https://møde.example.dk/sundhed');
      const joined = await send(who.browser, list, `/mine-sider/grupper/${groupId}/bliv-medlem`);
      expect(joined.statusCode).toBe(303);
      expect((await who.browser.get(joined.headers.location as string)).body).toContain(`Du er medlem af »${name}«.`);
    }
    const mine = await a.browser.get('/mine-sider/grupper');
    expect(mine.body).toContain('2 medlemmer');
    expect(mine.body).toContain(`id="place-${groupId}"`);
    expect(mine.body).not.toContain(b.id);

    // How and when the group meets: the group's own decision, written by a member, read by the others.
    const arrange = await a.browser.get(`/mine-sider/grupper/${groupId}/moedes`);
    expect(arrange.body).toContain('Det bestemmer gruppen selv.');
    expect((await send(a.browser, arrange, `/mine-sider/grupper/${groupId}/moedes`, { arrangement: ' ' })).statusCode).toBe(400);
    expect((await send(a.browser, arrange, `/mine-sider/grupper/${groupId}/moedes`, { arrangement: 'Hver anden torsdag kl. 17 på biblioteket.' })).statusCode).toBe(303);
    expect((await b.browser.get('/mine-sider/grupper')).body).toContain('Hver anden torsdag kl. 17 på biblioteket.');
    const outsider = await citizen();
    expect((await outsider.browser.get(`/mine-sider/grupper/${groupId}/moedes`)).statusCode).toBe(404);
    expect((await outsider.browser.get(`/mine-sider/grupper?centre=${centreId}`)).body).not.toContain('Hver anden torsdag');

    // Staff: counts only, and a group with members is not theirs to close.
    const staffView = await s.get(`/medarbejder/grupper/${groupId}`);
    expect(staffView.body).toContain('2 medlemmer');
    expect(staffView.body).toContain('En gruppe med medlemmer lukker, når medlemmerne selv beslutter det.');
    expect(staffView.body).not.toContain('Hver anden torsdag');
    for (const id of [a.id, b.id]) expect(staffView.body).not.toContain(id);
    expect((await s.get(`/medarbejder/grupper/${groupId}/luk`)).statusCode).toBe(303);

    // Leaving, asked once.
    for (const who of [a, b]) {
      const ask = await who.browser.get(`/mine-sider/grupper/${groupId}/forlad`);
      expect(ask.body).toContain('Intet følger af at forlade en gruppe.');
      const left = await send(who.browser, ask, `/mine-sider/grupper/${groupId}/forlad`);
      expect(left.statusCode).toBe(303);
      expect((await who.browser.get(left.headers.location as string)).body).toContain('Intet følger af det.');
    }
    // Without members, staff may close it, asked once.
    const close = await s.get(`/medarbejder/grupper/${groupId}/luk`);
    expect(close.statusCode).toBe(200);
    expect((await send(s, close, `/medarbejder/grupper/${groupId}/luk`)).statusCode).toBe(303);
    expect((await eventsOf(`group-${groupId}`)).map((e) => e.type)).toEqual(['GroupStarted', 'MeetingPlaceAttached', 'GroupJoined', 'GroupJoined', 'MeetingArrangementSet', 'GroupLeft', 'GroupLeft', 'GroupClosed']);
    // Staff cannot join anyone to a group: the join route is the citizen's own.
    const list = await s.get('/medarbejder/grupper');
    expect((await s.post(`/mine-sider/grupper/${groupId}/bliv-medlem`, { _csrf: field(list.body, '_csrf') ?? '', idempotencyKey: newId() })).statusCode).toBe(403);
  });
});

describe('the entrepreneurs’ track', () => {
  it('joins through "Tjek dine svar", and says plainly that it holds no benefit data', async () => {
    const a = await citizen();
    const overview = await a.browser.get('/mine-sider/ivaerksaetter');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Forløbet rummer ingen oplysninger om ydelser. Iværksætterydelsen og eventuelle indberetninger til din A-kasse ligger uden for Virkelyst');
    const form = await a.browser.get('/mine-sider/ivaerksaetter/start');
    const nothing = await a.browser.post('/mine-sider/ivaerksaetter/start', { _csrf: field(form.body, '_csrf') ?? '', centreId: '', businessIdea: '' });
    expect(nothing.statusCode).toBe(400);
    expect(summaryLinks(nothing.body)).toEqual(['centreId']);
    const check = await a.browser.post('/mine-sider/ivaerksaetter/start', { _csrf: field(form.body, '_csrf') ?? '', centreId, businessIdea: 'Et bageri med surdejsbrød' });
    expect(check.body).toContain('<h1>Tjek dine svar</h1>');
    const joined = await send(a.browser, check, '/mine-sider/ivaerksaetter/start/tjek');
    expect(joined.statusCode).toBe(303);
    expect(await eventsOf(`venture-${a.id}`)).toHaveLength(1);
    await t.engine.settle();
    const on = await a.browser.get(joined.headers.location as string);
    expect(on.body).toContain('Du er med i forløbet hos Virkelyst Nørrebro');
    expect(on.body).toContain('Et bageri med surdejsbrød');
  });

  it('lists the citizen’s mentor conversations: those booked at a time staff published for mentor conversations', async () => {
    const a = await citizen();
    const form = await a.browser.get('/mine-sider/ivaerksaetter/start');
    const check = await a.browser.post('/mine-sider/ivaerksaetter/start', { _csrf: field(form.body, '_csrf') ?? '', centreId, businessIdea: '' });
    expect((await send(a.browser, check, '/mine-sider/ivaerksaetter/start/tjek')).statusCode).toBe(303);
    const commands = commandsFor(t.database, t.store, t.vault);
    const citizenPrincipal: Principal = { id: a.id, role: 'citizen' };
    await commands.handler.handle(journeyDecider, { type: 'StartJourney', citizenId: a.id, now: new Date().toISOString(), principal: citizenPrincipal, data: { journeyId: newId(), centreId, firstContact: 'self_service', centreKnown: true } }, { commandId: newId() });
    const adviser: Principal = { id: 'erhvervsraadgiver', role: 'staff', centreId };
    const slotId = newId();
    const start = `${shiftDay(copenhagenToday(new Date()), 7)}T09:00:00.000Z`;
    await commands.handler.handle(calendarDecider, { type: 'PublishAvailability', staffId: adviser.id, now: new Date().toISOString(), principal: adviser, data: { slotId, start, durationMinutes: 60, channels: ['video'], openingHours: null, mentoring: true } }, { commandId: newId() });
    await bookSession(commands.handler, commands.facts, { principal: citizenPrincipal, citizenId: a.id, now: new Date().toISOString() }, { sessionId: newId(), staffId: adviser.id, slotId, channel: 'video' }, { commandId: newId() });
    await t.engine.settle();
    const page = await a.browser.get('/mine-sider/ivaerksaetter');
    expect(page.body).toContain('<h2>Mentorsamtaler</h2>');
    expect(/<ul id="mentor-conversations"><li>[^<]+ \(booket\)<\/li><\/ul>/.test(page.body), page.body).toBe(true);
  });

  it('keeps milestones with the month hoped for, check-ins, the start date and survival answers, and the file of the citizen’s own', async () => {
    const a = await citizen();
    const form = await a.browser.get('/mine-sider/ivaerksaetter/start');
    const check = await a.browser.post('/mine-sider/ivaerksaetter/start', { _csrf: field(form.body, '_csrf') ?? '', centreId, businessIdea: '' });
    expect((await send(a.browser, check, '/mine-sider/ivaerksaetter/start/tjek')).statusCode).toBe(303);
    await t.engine.settle();

    // A milestone: the month is the citizen's hope, never a deadline.
    const milestone = await a.browser.get('/mine-sider/ivaerksaetter/delmaal');
    expect(milestone.body).toContain('ingen holder dig op på det');
    expect(milestone.body).not.toMatch(/frist|deadline/i);
    const before = await t.eventCount();
    const year = String(new Date().getFullYear() + 1);
    const noYear = await send(a.browser, milestone, '/mine-sider/ivaerksaetter/delmaal', { text: 'Min første kunde', hopedMonth: '3', hopedYear: '' });
    expect(noYear.statusCode).toBe(400);
    expect(summaryLinks(noYear.body)).toEqual(['hopedYear']);
    expect(summaryLinks((await send(a.browser, milestone, '/mine-sider/ivaerksaetter/delmaal', { text: ' ', hopedMonth: '', hopedYear: '' })).body)).toEqual(['text']);
    expect(await t.eventCount()).toBe(before);
    expect((await send(a.browser, milestone, '/mine-sider/ivaerksaetter/delmaal', { text: 'Min første kunde', hopedMonth: '3', hopedYear: year })).statusCode).toBe(303);
    const [set] = await eventsOf(`venture-${a.id}`, 'MilestoneSet');
    expect(set!.data.hopedFor).toBe(`${year}-03`);
    const milestoneId = set!.data.milestoneId as string;
    await t.engine.settle();
    const overview = await a.browser.get('/mine-sider/ivaerksaetter?delmaal=1');
    expect(overview.body).toContain('Min første kunde');
    expect(overview.body).toContain(`Du håber at nå det i marts ${year}.`);
    expect(overview.body).not.toMatch(/frist|deadline/i);
    expect(overview.body).not.toMatch(ISO);

    // Reached, with one button.
    expect((await send(a.browser, overview, `/mine-sider/ivaerksaetter/delmaal/${milestoneId}/naaet`)).statusCode).toBe(303);
    expect((await eventsOf(`venture-${a.id}`, 'MilestoneReached'))).toHaveLength(1);

    // A check-in, voluntary: the page counts no quarter missed.
    const checkIn = await a.browser.get('/mine-sider/ivaerksaetter/status');
    expect(checkIn.body).toContain('ingen minder dig om det');
    const quarter = /<option value="(\d{4}-Q\d)" selected>/.exec(checkIn.body)![1]!;
    const noStatus = await send(a.browser, checkIn, '/mine-sider/ivaerksaetter/status', { quarter, status: '', note: '' });
    expect(summaryLinks(noStatus.body)).toEqual(['status']);
    expect((await send(a.browser, checkIn, '/mine-sider/ivaerksaetter/status', { quarter, status: 'running', note: 'To kunder indtil videre.' })).statusCode).toBe(303);

    // The business started a little over a year ago: the 1-year question is there, not the 2- or 3-year one.
    const start = await a.browser.get('/mine-sider/ivaerksaetter/virksomhed');
    const future = await send(a.browser, start, '/mine-sider/ivaerksaetter/virksomhed', { startedOn: typedDay(3), hasCvr: '' });
    expect(summaryLinks(future.body)).toEqual(['startedOn']);
    expect((await send(a.browser, start, '/mine-sider/ivaerksaetter/virksomhed', { startedOn: typedDay(-400), hasCvr: 'yes' })).statusCode).toBe(303);
    await t.engine.settle();
    const business = await a.browser.get('/mine-sider/ivaerksaetter');
    expect(business.body).toContain('href="/mine-sider/ivaerksaetter/drift/1"');
    expect(business.body).not.toContain('href="/mine-sider/ivaerksaetter/drift/2"');
    expect((await a.browser.get('/mine-sider/ivaerksaetter/drift/2')).statusCode).toBe(404);
    const question = await a.browser.get('/mine-sider/ivaerksaetter/drift/1');
    expect(question.body).toContain('Du behøver ikke svare.');
    // Sent for an anniversary that has not come: refused, nothing recorded.
    const beforeEarly = await t.eventCount();
    const early = await a.browser.post('/mine-sider/ivaerksaetter/drift/2', { _csrf: field(question.body, '_csrf') ?? '', idempotencyKey: newId(), running: 'yes' });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('når virksomheden har kørt så længe');
    expect(await t.eventCount()).toBe(beforeEarly);
    expect((await send(a.browser, question, '/mine-sider/ivaerksaetter/drift/1', { running: 'yes' })).statusCode).toBe(303);
    await t.engine.settle();

    // The file: the citizen's own words and dates in words; nothing about money or benefits, nothing sent.
    const file = await a.browser.get('/mine-sider/ivaerksaetter/mit-forloeb.txt');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(file.headers['content-disposition']).toBe('attachment; filename="virkelyst-mit-ivaerksaetterforloeb.txt"');
    expect(file.body).toContain('Min første kunde');
    expect(file.body).toContain(`Måneden, jeg håber på: marts ${year}`);
    expect(file.body).toContain('To kunder indtil videre.');
    expect(file.body).toContain('1 år efter start: kørte stadig');
    expect(file.body).not.toMatch(ISO);
    expect(file.body).not.toMatch(/ydelse|a-kasse|dagpenge|allowance|benefit|frist/i);
    expect(coerciveTermsIn(file.body)).toEqual([]);
    expect(file.body).not.toContain(a.id);
    a.browser.cookies.set('lang', 'en');
    const enFile = await a.browser.get('/mine-sider/ivaerksaetter/mit-forloeb.txt');
    expect(enFile.headers['content-disposition']).toBe('attachment; filename="virkelyst-my-entrepreneurs-track.txt"');
    expect(enFile.body).toContain(`The month I hope for: March ${year}`);
    expect(enFile.body).not.toMatch(/allowance|benefit|deadline/i);
    a.browser.cookies.delete('lang');

    // Staff: the survival share in counts.
    const share = await (await staff()).get('/medarbejder/ivaerksaettere');
    expect(share.statusCode).toBe(200);
    expect(share.body).toContain('mindst 50 %');
    // One business: shown as under 5, with no share, so that this citizen's answer cannot be read from it.
    expect(share.body).toMatch(/1 år efter start<\/th><td class="align-text-right">Under 5<\/td><td class="align-text-right">Under 5<\/td><td class="align-text-right">–<\/td><td class="align-text-right">Ikke nok svar endnu<\/td>/);
    expect(share.body).not.toContain('100 %');
    expect(share.body).toContain('Ikke nok svar endnu');
    expect(share.body).not.toContain(a.id);
  });

  it('leaves the track, asked once; nothing follows, and the citizen may join again', async () => {
    const a = await citizen();
    const form = await a.browser.get('/mine-sider/ivaerksaetter/start');
    const check = await a.browser.post('/mine-sider/ivaerksaetter/start', { _csrf: field(form.body, '_csrf') ?? '', centreId, businessIdea: '' });
    await send(a.browser, check, '/mine-sider/ivaerksaetter/start/tjek');
    await t.engine.settle();
    const ask = await a.browser.get('/mine-sider/ivaerksaetter/forlad');
    expect(ask.body).toContain('Intet følger af at forlade forløbet.');
    const left = await send(a.browser, ask, '/mine-sider/ivaerksaetter/forlad', { reason: '' });
    expect(left.statusCode).toBe(303);
    expect((await eventsOf(`venture-${a.id}`, 'TrackLeft'))[0]!.data.reason).toBeNull();
    await t.engine.settle();
    const after = await a.browser.get(left.headers.location as string);
    expect(after.body).toContain('Du har forladt iværksætterforløbet. Intet følger af det.');
    expect(after.body).toContain('Vær med igen');
    expect(after.body).toContain('href="/mine-sider/ivaerksaetter/mit-forloeb.txt"');
    const s = await staff();
    expect((await s.get('/mine-sider/ivaerksaetter')).statusCode).toBe(403);
    expect((await a.browser.get('/medarbejder/ivaerksaettere')).statusCode).toBe(403);
  });
});
