/**
 * The administrator's pages and the staff's opening-hours page through fastify's inject, on a real
 * PostgreSQL: every route refuses the other roles (403, nothing recorded) and the signed-out (to
 * sign in); bad input is a 400 naming the field in the reader's language with nothing recorded; a
 * double submit records once; refusals come back in words; a centre is established, its board
 * constituted and its members seated and given roles, a citizen's data erased, and a centre's
 * staff set its opening hours (another centre's staff cannot) — each checked through the API.
 */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedId, newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';
import { field, InjectBrowser } from './support/inject-browser.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
type Json = Record<string, any>;
let t: TestApp;

class Browser extends InjectBrowser {
  constructor(headers: Record<string, string> = {}) {
    super(() => t.app, headers);
  }
  /** A form post with this browser's CSRF token and (unless given) a fresh idempotency key. */
  send(url: string, fields: Record<string, string> = {}) {
    return this.post(url, { _csrf: this.lastCsrf, ...('idempotencyKey' in fields ? {} : { idempotencyKey: newId() }), ...fields });
  }
}

async function signedIn(role: string, personId = `${role}-${newId().slice(-6)}`, lang: 'da' | 'en' = 'da', centre = ''): Promise<Browser> {
  const browser = new Browser({ 'accept-language': lang });
  await browser.get('/log-ind');
  const answered = await browser.post('/log-ind', { _csrf: browser.lastCsrf, role, personId, centreId: centre });
  expect(answered.statusCode, answered.body).toBe(303);
  await browser.get('/');
  return browser;
}

async function api(token: string | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const response = await t.app.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(method === 'GET' ? {} : { 'idempotency-key': newId() }) },
    ...(payload ? { payload } : {}),
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json() as Json;
}

const eventsIn = async (streamId: string) => {
  const { rows } = await sql<{ event_type: string }>`select event_type from events where stream_id = ${streamId} order by global_position`.execute(t.database.db);
  return rows.map((r) => r.event_type);
};

/** The error summary's links: the fields it names, and what it says. */
const summaryOf = (body: string) => [...body.matchAll(/<li><a href="#([^"]+)" class="function-link">([^<]*)<\/a><\/li>/g)].map((m) => ({ field: m[1], message: m[2] }));
const fieldsNamed = (body: string) => summaryOf(body).map((e) => e.field);
const locationOf = (response: LightMyRequestResponse) => String(response.headers.location);

/** A centre established through the API, its read model caught up. */
async function centreByApi(name: string, openingHours?: object): Promise<string> {
  const { centreId } = await api(await t.token('admin'), 'POST', '/centres', { municipalityCode: '751', name, ...(openingHours ? { openingHours } : {}) });
  await t.engine.settle();
  return centreId as string;
}

beforeAll(async () => {
  t = await createTestApp();
  // The centres' read model follows the log in the background, as in the server.
  t.engine.start();
});
afterAll(async () => {
  await t?.close();
});

describe('who may use the administrator’s pages and the opening-hours page', () => {
  let centreId: string;
  const adminRoutes = (id: string): ['GET' | 'POST', string][] => [
    ['GET', '/administration'],
    ['POST', '/administration/centre'],
    ['GET', `/administration/centre/${id}`],
    ['POST', `/administration/centre/${id}/bestyrelse`],
    ['POST', `/administration/centre/${id}/pladser`],
    ['POST', `/administration/centre/${id}/pladser/fjern`],
    ['POST', `/administration/centre/${id}/medlemmer`],
    ['POST', `/administration/centre/${id}/udtraedelse`],
    ['POST', `/administration/centre/${id}/roller`],
    ['POST', `/administration/centre/${id}/suppleanter`],
    ['POST', `/administration/centre/${id}/suppleanter/udtraedelse`],
    ['GET', '/administration/sletning'],
    ['POST', '/administration/sletning'],
  ];
  const staffRoutes: ['GET' | 'POST', string][] = [
    ['GET', '/medarbejder/aabningstider'],
    ['POST', '/medarbejder/aabningstider'],
  ];
  /** Answers that would do something if they got through. */
  const fieldsFor = (url: string): Record<string, string> =>
    url === '/administration/centre'
      ? { name: 'Ikke oprettet', municipalityCode: '101' }
      : url.endsWith('/pladser')
        ? { organisation: 'Ikke tilføjet' }
        : url.endsWith('/sletning')
          ? { citizenId: 'nobody' }
          : url.endsWith('/aabningstider')
            ? { 'monday-0-opens': '09.00', 'monday-0-closes': '15.00' }
            : {};

  beforeAll(async () => {
    centreId = await centreByApi(`Adgang ${newId().slice(-4)}`);
  });

  it('refuses every other role with a 403 page, recording nothing', async () => {
    const others = [
      await signedIn('citizen'),
      await signedIn('staff', 'staff-x', 'da', centreId),
      await signedIn('board_member', 'member-x', 'da', centreId),
      await signedIn('auditor'),
      await signedIn('partner'),
      await signedIn('researcher'),
    ];
    const before = await t.eventCount();
    for (const browser of others) {
      for (const [method, url] of adminRoutes(centreId)) {
        const answer = method === 'GET' ? await browser.get(url) : await browser.send(url, fieldsFor(url));
        expect(answer.statusCode, `${method} ${url}`).toBe(403);
        expect(answer.body).toContain('Du har ikke adgang til siden');
      }
    }
    const notStaff = [others[0]!, others[2]!, others[3]!, await signedIn('admin')];
    for (const browser of notStaff) {
      for (const [method, url] of staffRoutes) {
        const answer = method === 'GET' ? await browser.get(url) : await browser.send(url, fieldsFor(url));
        expect(answer.statusCode, `${method} ${url}`).toBe(403);
      }
    }
    expect(await t.eventCount()).toBe(before);
  });

  it('sends the signed-out to sign in, recording nothing', async () => {
    const browser = new Browser();
    await browser.get('/log-ind');
    const before = await t.eventCount();
    for (const [method, url] of [...adminRoutes(centreId), ...staffRoutes]) {
      const answer = method === 'GET' ? await browser.get(url) : await browser.send(url, fieldsFor(url));
      expect(answer.statusCode, `${method} ${url}`).toBe(303);
      expect(locationOf(answer)).toBe('/log-ind');
    }
    expect(await t.eventCount()).toBe(before);
  });

  it('takes an administrator home to /administration, which links to the Finance Act page', async () => {
    const browser = new Browser();
    await browser.get('/log-ind');
    const answered = await browser.post('/log-ind', { _csrf: browser.lastCsrf, role: 'admin', personId: 'admin-home', centreId: '' });
    expect(locationOf(answered)).toBe('/administration');
    const home = await browser.get('/administration');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('href="/bestyrelse/finanslov"');
    expect(home.body).toContain('id="role-home"');
    expect(home.body).toMatch(/<a class="function-link" href="\/administration" id="role-home">Administration<\/a>/);
  });

  it('answers a centre that does not exist with a 404 page', async () => {
    const admin = await signedIn('admin');
    expect((await admin.get(`/administration/centre/${newId()}`)).statusCode).toBe(404);
    expect((await admin.get('/administration/centre/not-an-id')).statusCode).toBe(404);
    expect((await admin.send(`/administration/centre/${newId()}/bestyrelse`)).statusCode).toBe(404);
  });
});

describe('establishing a centre', () => {
  it('refuses a missing name and a municipality not on the list with a 400 naming each field, recording nothing', async () => {
    const admin = await signedIn('admin');
    const before = await t.eventCount();
    const answer = await admin.send('/administration/centre', { name: '   ', municipalityCode: '999' });
    expect(answer.statusCode).toBe(400);
    expect(summaryOf(answer.body)).toEqual([
      { field: 'name', message: 'Skriv centrets navn' },
      { field: 'municipalityCode', message: 'Vælg den kommune, centret ligger i' },
    ]);
    const english = await signedIn('admin', 'admin-en', 'en');
    const inEnglish = await english.send('/administration/centre', { name: 'x'.repeat(121), municipalityCode: '' });
    expect(inEnglish.statusCode).toBe(400);
    expect(summaryOf(inEnglish.body)).toEqual([
      { field: 'name', message: 'The centre’s name can be at most 120 characters' },
      { field: 'municipalityCode', message: 'Choose the municipality the centre is in' },
    ]);
    // A form without its idempotency key is not one of ours.
    const keyless = await admin.post('/administration/centre', { _csrf: admin.lastCsrf, name: 'Uden nøgle', municipalityCode: '101' });
    expect(keyless.statusCode).toBe(400);
    expect(keyless.body).toContain('Formularen kunne ikke læses');
    expect(await t.eventCount()).toBe(before);
  });

  it('establishes it as POST /centres does (its id derived from the command id), once for a double submit', async () => {
    const admin = await signedIn('admin');
    const form = await admin.get('/administration');
    expect(form.body).toContain('<option value="101">København</option>');
    const name = `Virkelyst Odense ${newId().slice(-4)}`;
    const first = await admin.submit(form, '/administration/centre', { name: `  ${name} `, municipalityCode: '461' });
    const again = await admin.submit(form, '/administration/centre', { name: `  ${name} `, municipalityCode: '461' });
    const key = field(form.body, 'idempotencyKey')!;
    const centreId = derivedId(key, 'centreId');
    for (const answer of [first, again]) {
      expect(answer.statusCode, answer.body).toBe(303);
      expect(locationOf(answer)).toBe(`/administration/centre/${centreId}?ok=established`);
    }
    expect(await eventsIn(`centre-${centreId}`)).toEqual(['CentreEstablished']);
    const centre = await api(undefined, 'GET', `/centres/${centreId}`);
    expect(centre).toMatchObject({ centreId, name, municipality: { code: '461', name: 'Odense' } });
    const page = await admin.get(locationOf(first));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Centret er oprettet.');
    expect(page.body).toContain(`<h1>${name}</h1>`);
    expect((await admin.get('/administration')).body).toContain(`href="/administration/centre/${centreId}">${name}</a>`);
  });
});

describe('a centre’s board', () => {
  let centreId: string;
  const path = (rest = '') => `/administration/centre/${centreId}${rest}`;
  const boardOf = async () => api(await t.token('admin'), 'GET', `/centres/${centreId}/board`);

  beforeAll(async () => {
    centreId = await centreByApi(`Bestyrelse ${newId().slice(-4)}`);
  });

  it('is refused before it is constituted, then constituted once for a double submit', async () => {
    const admin = await signedIn('admin');
    const before = await t.eventCount();
    const early = await admin.send(path('/pladser'), { organisation: 'For tidligt' });
    expect(early.statusCode).toBe(404);
    expect(summaryOf(early.body)).toEqual([{ field: 'board', message: 'Centret har ingen bestyrelse endnu. Konstituér den først.' }]);
    expect(await t.eventCount()).toBe(before);

    const page = await admin.get(path());
    expect(page.body).toContain('Konstituér bestyrelsen');
    const first = await admin.submit(page, path('/bestyrelse'));
    const again = await admin.submit(page, path('/bestyrelse'));
    for (const answer of [first, again]) expect(locationOf(answer)).toBe(`${path()}?ok=constituted#board`);
    expect(await eventsIn(`board-${centreId}`)).toEqual(['BoardConstituted']);
    // Another form (another key): the decider says the board exists.
    const other = await admin.send(path('/bestyrelse'));
    expect(other.statusCode).toBe(409);
    expect(summaryOf(other.body)).toEqual([{ field: 'board', message: 'Centret har allerede en bestyrelse.' }]);
    const shown = await admin.get(`${path()}?ok=constituted`);
    expect(shown.body).toContain('Bestyrelsen kan ikke træffe beslutninger, før både medarbejderpladsen og borgerpladsen er besat.');
    expect(shown.body).toContain('<th scope="row">Medarbejderrepræsentant</th><td>Ledig</td>');
  });

  it('adds a partner seat as the API does (its id derived from the command id), refusing an empty or duplicate organisation', async () => {
    const admin = await signedIn('admin');
    const before = await t.eventCount();
    const empty = await admin.send(path('/pladser'), { organisation: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(summaryOf(empty.body)).toEqual([{ field: 'organisation', message: 'Skriv medspillerens organisation' }]);
    expect(await t.eventCount()).toBe(before);

    const page = await admin.get(path());
    const first = await admin.submit(page, path('/pladser'), { organisation: 'Odense Erhvervsforening' });
    const again = await admin.submit(page, path('/pladser'), { organisation: 'Odense Erhvervsforening' });
    for (const answer of [first, again]) expect(locationOf(answer)).toBe(`${path()}?ok=seat-added#board`);
    const seatId = derivedId(field(page.body, 'idempotencyKey')!, 'seatId');
    expect((await boardOf()).seats).toContainEqual({ seatId, kind: 'partner', organisation: 'Odense Erhvervsforening', memberId: null, since: null, deputyId: null, deputySince: null });
    expect((await eventsIn(`board-${centreId}`)).filter((e) => e === 'PartnerSeatAdded')).toHaveLength(1);

    const duplicate = await admin.send(path('/pladser'), { organisation: 'odense erhvervsforening' });
    expect(duplicate.statusCode).toBe(409);
    expect(summaryOf(duplicate.body)).toEqual([{ field: 'organisation', message: 'Den organisation har allerede en plads i bestyrelsen.' }]);
  });

  it('seats members by person id, refusing bad answers with a 400 naming each field, until the board is validly composed', async () => {
    const admin = await signedIn('admin');
    const before = await t.eventCount();
    const bad = await admin.send(path('/medlemmer'), { seatId: 'no-such-seat', memberId: 'has space', from: '31-02-2027' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsNamed(bad.body)).toEqual(['seatId', 'memberId', 'how', 'from']);
    const english = await signedIn('admin', 'admin-en2', 'en');
    const inEnglish = await english.send(path('/medlemmer'), { seatId: 'employee', memberId: '', how: 'elected', from: '2027-01-01' });
    expect(summaryOf(inEnglish.body)).toEqual([{ field: 'memberId', message: 'Type the member’s person id: letters, digits and . _ : @ -, at most 100 characters' }]);
    expect(await t.eventCount()).toBe(before);

    const partner = (await boardOf()).seats.find((s: Json) => s.kind === 'partner').seatId as string;
    const page = await admin.get(path());
    const first = await admin.submit(page, path('/medlemmer'), { seatId: 'employee', memberId: 'odense.emp', how: 'elected', from: '01-01-2027' });
    const again = await admin.submit(page, path('/medlemmer'), { seatId: 'employee', memberId: 'odense.emp', how: 'elected', from: '01-01-2027' });
    for (const answer of [first, again]) expect(locationOf(answer), summaryOf(answer.body).map((e) => e.message).join()).toBe(`${path()}?ok=seated#board`);
    expect((await eventsIn(`board-${centreId}`)).filter((e) => e === 'MemberJoinedBoard')).toHaveLength(1);
    expect((await boardOf()).validlyComposed).toBe(false);

    // One person, one seat: the decider refuses, in words.
    const twice = await admin.send(path('/medlemmer'), { seatId: 'citizen', memberId: 'odense.emp', how: 'elected', from: '2027-01-01' });
    expect(twice.statusCode).toBe(409);
    expect(summaryOf(twice.body)).toEqual([{ field: 'seatId', message: 'Personen sidder allerede på en anden plads. Et medlem har én plads ad gangen.' }]);

    expect((await admin.send(path('/medlemmer'), { seatId: 'citizen', memberId: 'odense.cit', how: 'elected', from: '2027-01-01' })).statusCode).toBe(303);
    expect((await admin.send(path('/medlemmer'), { seatId: partner, memberId: 'odense.part', how: 'appointed', from: '2027-02-01' })).statusCode).toBe(303);
    const board = await boardOf();
    expect(board.validlyComposed).toBe(true);
    expect(board.seats.map((s: Json) => [s.seatId === partner ? 'partner' : s.seatId, s.memberId, s.since])).toEqual([
      ['employee', 'odense.emp', '2027-01-01'],
      ['citizen', 'odense.cit', '2027-01-01'],
      ['partner', 'odense.part', '2027-02-01'],
    ]);
    const shown = await admin.get(path());
    expect(shown.body).toContain('Bestyrelsen er lovligt sammensat og kan træffe beslutninger.');
    expect(shown.body).toContain('<th scope="row">Medarbejderrepræsentant</th><td>odense.emp</td><td>1. januar 2027</td>');
  });

  it('assigns the chair and vice-chair to sitting members, one role each', async () => {
    const admin = await signedIn('admin');
    const before = await t.eventCount();
    const bad = await admin.send(path('/roller'), { role: 'king', roleMemberId: '' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsNamed(bad.body)).toEqual(['role', 'roleMemberId']);
    expect(await t.eventCount()).toBe(before);

    const page = await admin.get(path());
    const first = await admin.submit(page, path('/roller'), { role: 'chair', roleMemberId: 'odense.emp' });
    const again = await admin.submit(page, path('/roller'), { role: 'chair', roleMemberId: 'odense.emp' });
    for (const answer of [first, again]) expect(locationOf(answer)).toBe(`${path()}?ok=role#board`);
    expect((await admin.send(path('/roller'), { role: 'vice_chair', roleMemberId: 'odense.cit' })).statusCode).toBe(303);
    expect((await boardOf()).roles).toEqual({ chair: 'odense.emp', vice_chair: 'odense.cit' });
    expect((await eventsIn(`board-${centreId}`)).filter((e) => e === 'BoardRoleAssigned')).toHaveLength(2);

    const held = await admin.send(path('/roller'), { role: 'secretary', roleMemberId: 'odense.emp' });
    expect(held.statusCode).toBe(422);
    expect(summaryOf(held.body)).toEqual([{ field: 'roleMemberId', message: 'Medlemmet har allerede en anden rolle. Hvert medlem har højst én rolle.' }]);
    expect((await admin.get(path())).body).toContain('<td>odense.emp</td><td>1. januar 2027</td><td>Formand</td>');
  });

  it('records a deputy for a seat and their leaving, refusing a member as deputy and bad answers at each field', async () => {
    const admin = await signedIn('admin');
    const before = await t.eventCount();
    const bad = await admin.send(path('/suppleanter'), { deputySeatId: '', deputyId: 'has space', deputyFrom: 'snart' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsNamed(bad.body)).toEqual(['deputySeatId', 'deputyId', 'deputyHow', 'deputyFrom']);
    const member = await admin.send(path('/suppleanter'), { deputySeatId: 'citizen', deputyId: 'odense.emp', deputyHow: 'elected', deputyFrom: '2027-01-01' });
    expect(member.statusCode).toBe(409);
    expect(summaryOf(member.body)).toEqual([{ field: 'deputySeatId', message: 'Personen sidder allerede på en anden plads. Et medlem har én plads ad gangen.' }]);
    expect(await t.eventCount()).toBe(before);

    const page = await admin.get(path());
    expect(page.body).toContain('Registrér en suppleant');
    const first = await admin.submit(page, path('/suppleanter'), { deputySeatId: 'citizen', deputyId: 'odense.dep', deputyHow: 'elected', deputyFrom: '01-01-2027' });
    const again = await admin.submit(page, path('/suppleanter'), { deputySeatId: 'citizen', deputyId: 'odense.dep', deputyHow: 'elected', deputyFrom: '01-01-2027' });
    for (const answer of [first, again]) expect(locationOf(answer)).toBe(`${path()}?ok=deputy#board`);
    expect((await boardOf()).seats.find((s: Json) => s.seatId === 'citizen')).toMatchObject({ memberId: 'odense.cit', deputyId: 'odense.dep', deputySince: '2027-01-01' });
    expect((await eventsIn(`board-${centreId}`)).filter((e) => e === 'DeputySeated')).toHaveLength(1);
    expect((await admin.get(path('?ok=deputy'))).body).toContain('<td>odense.cit</td><td>1. januar 2027</td><td>Næstformand</td><td>odense.dep</td>');

    const early = await admin.send(path('/suppleanter/udtraedelse'), { deputyLeaveSeatId: 'citizen', deputyOn: '2026-12-31' });
    expect(early.statusCode).toBe(400);
    expect(fieldsNamed(early.body)).toEqual(['deputyOn']);
    const left = await admin.send(path('/suppleanter/udtraedelse'), { deputyLeaveSeatId: 'citizen', deputyOn: '2027-03-31' });
    expect(locationOf(left)).toBe(`${path()}?ok=deputy-left#board`);
    expect((await boardOf()).seats.find((s: Json) => s.seatId === 'citizen').deputyId).toBeNull();
    const none = await admin.send(path('/suppleanter/udtraedelse'), { deputyLeaveSeatId: 'citizen', deputyOn: '2027-04-01' });
    expect(none.statusCode).toBe(409);
    expect(summaryOf(none.body)).toEqual([{ field: 'deputyLeaveSeatId', message: 'Pladsen har ingen suppleant.' }]);
  });

  it('records a member leaving and removes the vacant partner seat; the fixed seats are never removable', async () => {
    const admin = await signedIn('admin');
    const partner = (await boardOf()).seats.find((s: Json) => s.kind === 'partner').seatId as string;
    const before = await t.eventCount();
    const unchosen = await admin.send(path('/pladser/fjern'), { removeSeatId: '' });
    expect(unchosen.statusCode).toBe(400);
    expect(summaryOf(unchosen.body)).toEqual([{ field: 'removeSeatId', message: 'Vælg en ledig medspillerplads' }]);
    const occupied = await admin.send(path('/pladser/fjern'), { removeSeatId: partner });
    expect(occupied.statusCode).toBe(422);
    expect(summaryOf(occupied.body)).toEqual([{ field: 'removeSeatId', message: 'Der sidder et medlem på pladsen. Registrér først, at medlemmet er udtrådt.' }]);
    const notAMember = await admin.send(path('/roller'), { role: 'secretary', roleMemberId: 'not.seated' });
    expect(notAMember.statusCode).toBe(422);
    expect(summaryOf(notAMember.body)).toEqual([{ field: 'roleMemberId', message: 'Roller gives kun til medlemmer, der sidder i bestyrelsen.' }]);

    const badDay = await admin.send(path('/udtraedelse'), { leaveSeatId: partner, on: 'i morgen' });
    expect(badDay.statusCode).toBe(400);
    expect(summaryOf(badDay.body)).toEqual([{ field: 'on', message: 'Skriv den dag, medlemmet udtræder, fx 30-06-2027' }]);
    const tooEarly = await admin.send(path('/udtraedelse'), { leaveSeatId: partner, on: '2026-12-31' });
    expect(tooEarly.statusCode).toBe(400);
    expect(fieldsNamed(tooEarly.body)).toEqual(['on']);

    expect(await t.eventCount()).toBe(before);

    const leaving = await admin.get(path());
    const left = await admin.submit(leaving, path('/udtraedelse'), { leaveSeatId: partner, on: '30-06-2027' });
    const leftAgain = await admin.submit(leaving, path('/udtraedelse'), { leaveSeatId: partner, on: '30-06-2027' });
    for (const answer of [left, leftAgain]) expect(locationOf(answer)).toBe(`${path()}?ok=left#board`);
    expect((await boardOf()).seats.find((s: Json) => s.seatId === partner).memberId).toBeNull();
    expect((await eventsIn(`board-${centreId}`)).filter((e) => e === 'MemberLeftBoard')).toHaveLength(1);

    const fixed = await admin.send(path('/pladser/fjern'), { removeSeatId: 'employee' });
    expect(fixed.statusCode).toBe(422);
    expect(summaryOf(fixed.body)).toEqual([{ field: 'removeSeatId', message: 'Medarbejderpladsen og borgerpladsen er en del af enhver bestyrelse og kan ikke fjernes.' }]);
    expect((await eventsIn(`board-${centreId}`)).filter((e) => e === 'PartnerSeatRemoved')).toHaveLength(0);
    const page = await admin.get(path());
    const first = await admin.submit(page, path('/pladser/fjern'), { removeSeatId: partner });
    const again = await admin.submit(page, path('/pladser/fjern'), { removeSeatId: partner });
    for (const answer of [first, again]) expect(locationOf(answer)).toBe(`${path()}?ok=removed#board`);
    expect((await boardOf()).seats.map((s: Json) => s.seatId)).toEqual(['employee', 'citizen']);
    expect((await eventsIn(`board-${centreId}`)).filter((e) => e === 'PartnerSeatRemoved')).toHaveLength(1);
  });
});

describe('erasing a citizen’s personal data', () => {
  it('warns once that it cannot be undone, refuses a bad or unknown person id, and erases once for a double submit', async () => {
    const centreId = await centreByApi(`Sletning ${newId().slice(-4)}`);
    const citizenId = `citizen-${newId().slice(-8)}`;
    await api(await t.token('citizen', undefined, citizenId), 'POST', '/journeys', { centreId, alias: 'Kim' });
    const admin = await signedIn('admin');
    const page = await admin.get('/administration/sletning');
    expect(page.body).toContain('Sletningen kan ikke fortrydes');

    const before = await t.eventCount();
    const bad = await admin.send('/administration/sletning', { citizenId: 'two words' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsNamed(bad.body)).toEqual(['citizenId']);
    const unknown = await admin.send('/administration/sletning', { citizenId: 'never-seen' });
    expect(unknown.statusCode).toBe(404);
    expect(summaryOf(unknown.body)).toEqual([{ field: 'citizenId', message: 'Der er ingen borger med det person-id i Virkelyst. Intet er slettet.' }]);
    expect(await t.eventCount()).toBe(before);

    const first = await admin.submit(page, '/administration/sletning', { citizenId });
    const again = await admin.submit(page, '/administration/sletning', { citizenId });
    for (const answer of [first, again]) expect(locationOf(answer)).toBe('/administration/sletning?ok=erased');
    expect((await admin.get(locationOf(first))).body).toContain('Borgerens personoplysninger er slettet.');
    expect((await eventsIn(`journey-${citizenId}`)).filter((e) => e === 'CitizenErased')).toHaveLength(1);
    // The citizen's key is gone: the API records nothing more for them.
    const refused = await t.app.inject({
      method: 'POST',
      url: `/journeys/${citizenId}/goals`,
      headers: { authorization: `Bearer ${await t.token('citizen', undefined, citizenId)}`, 'idempotency-key': newId() },
      payload: { text: 'Noget nyt' },
    });
    expect([409, 410]).toContain(refused.statusCode);
  });
});

describe('the staff’s opening hours', () => {
  let centreA: string;
  let centreB: string;
  /** The centre's hours as its read model shows them, once it has caught up on what was just recorded. */
  const hoursOf = async (centreId: string) => {
    await t.engine.settle();
    return (await api(undefined, 'GET', `/centres/${centreId}`)).openingHours as Json;
  };

  beforeAll(async () => {
    centreA = await centreByApi(`Åbent A ${newId().slice(-4)}`, { friday: [{ opens: '10:00', closes: '12:00' }] });
    centreB = await centreByApi(`Åbent B ${newId().slice(-4)}`);
  });

  it('shows the centre’s hours as they are, in the form', async () => {
    const staff = await signedIn('staff', 'staff-a', 'da', centreA);
    const page = await staff.get('/medarbejder/aabningstider');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="friday-0-opens" class="form-input input-char-8" inputmode="numeric" autocomplete="off" maxlength="5" value="10.00"');
    expect(page.body).toContain('<legend class="h3">Mandag</legend>');
  });

  it('refuses what the centre’s decider would refuse, in words at each field, recording nothing', async () => {
    const staff = await signedIn('staff', 'staff-a', 'da', centreA);
    const before = await t.eventCount();
    const bad = await staff.send('/medarbejder/aabningstider', {
      'monday-0-opens': '9',
      'monday-0-closes': '8',
      'tuesday-0-opens': '24.00',
      'tuesday-0-closes': '25.00',
      'wednesday-1-opens': '10.00',
      'thursday-0-opens': '09.00',
      'thursday-0-closes': '13.00',
      'thursday-1-opens': '12.00',
      'thursday-1-closes': '18.00',
    });
    expect(bad.statusCode).toBe(400);
    expect(summaryOf(bad.body)).toEqual([
      { field: 'monday-0-closes', message: 'Mandag, tidsrum 1: centret skal lukke senere, end det åbner' },
      { field: 'tuesday-0-opens', message: 'Tirsdag, tidsrum 1: skriv, hvornår centret åbner, som et klokkeslæt før 24.00, fx 09.00' },
      { field: 'tuesday-0-closes', message: 'Tirsdag, tidsrum 1: skriv, hvornår centret lukker, som et klokkeslæt til og med 24.00, fx 15.00' },
      { field: 'wednesday-1-closes', message: 'Onsdag, tidsrum 2: skriv også, hvornår centret lukker' },
      { field: 'thursday-1-opens', message: 'Torsdag, tidsrum 2: tidsrummet skal begynde, når det forrige tidsrum er slut eller senere' },
    ]);
    // What was typed is shown again.
    expect(bad.body).toContain('id="thursday-1-closes" name="thursday-1-closes" class="form-input input-char-8" inputmode="numeric" autocomplete="off" maxlength="5" value="18.00"');
    const english = await signedIn('staff', 'staff-a-en', 'en', centreA);
    const inEnglish = await english.send('/medarbejder/aabningstider', { 'sunday-0-opens': '', 'sunday-0-closes': '14:00' });
    expect(summaryOf(inEnglish.body)).toEqual([{ field: 'sunday-0-opens', message: 'Sunday, interval 1: type when the centre opens too' }]);
    expect(await t.eventCount()).toBe(before);
    expect(await hoursOf(centreA)).toMatchObject({ friday: [{ opens: '10:00', closes: '12:00' }], monday: [] });
  });

  it('sets the whole week as PUT /centres/{id}/opening-hours does, once for a double submit; the public page shows it', async () => {
    const staff = await signedIn('staff', 'staff-a', 'da', centreA);
    const page = await staff.get('/medarbejder/aabningstider');
    const week = { 'monday-0-opens': '9', 'monday-0-closes': '15.00', 'thursday-0-opens': '09:00', 'thursday-0-closes': '12.00', 'thursday-1-opens': '13.00', 'thursday-1-closes': '24.00' };
    const first = await staff.submit(page, '/medarbejder/aabningstider', week);
    const again = await staff.submit(page, '/medarbejder/aabningstider', week);
    for (const answer of [first, again]) expect(locationOf(answer)).toBe('/medarbejder/aabningstider?ok=saved');
    expect(await hoursOf(centreA)).toEqual({
      monday: [{ opens: '09:00', closes: '15:00' }],
      tuesday: [],
      wednesday: [],
      thursday: [
        { opens: '09:00', closes: '12:00' },
        { opens: '13:00', closes: '24:00' },
      ],
      friday: [],
      saturday: [],
      sunday: [],
    });
    expect((await eventsIn(`centre-${centreA}`)).filter((e) => e === 'CentreOpeningHoursSet')).toHaveLength(1);
    expect((await staff.get(locationOf(first))).body).toContain('Åbningstiderne er gemt.');
    const shown = await new Browser().get(`/centre/${centreA}`);
    expect(shown.body).toContain('<tr><th scope="row">Torsdag</th><td>09.00–12.00 og 13.00–24.00</td></tr>');
  });

  it('lets another centre’s staff change only their own centre’s hours', async () => {
    const before = await hoursOf(centreA);
    const staffB = await signedIn('staff', 'staff-b', 'da', centreB);
    const page = await staffB.get('/medarbejder/aabningstider');
    expect(page.body).toContain(`Åbent B`);
    expect(page.body).not.toContain('Åbent A');
    const answer = await staffB.submit(page, '/medarbejder/aabningstider', { 'saturday-0-opens': '10.00', 'saturday-0-closes': '14.00' });
    expect(answer.statusCode).toBe(303);
    expect(await hoursOf(centreA)).toEqual(before);
    expect((await hoursOf(centreB)).saturday).toEqual([{ opens: '10:00', closes: '14:00' }]);
    // A staff session names its centre; there is no field for another one, and one sent is ignored.
    const sneaky = await staffB.send('/medarbejder/aabningstider', { centreId: centreA, 'sunday-0-opens': '10.00', 'sunday-0-closes': '11.00' });
    expect(sneaky.statusCode).toBe(303);
    expect(await hoursOf(centreA)).toEqual(before);
  });
});
