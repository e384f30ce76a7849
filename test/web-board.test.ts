/**
 * The board's pages and the public governance pages over fastify's inject, on a real PostgreSQL:
 * every route refuses the wrong role (403) and the signed-out (to sign in), another centre's
 * meeting, resolution or budget is not found, bad input is a 400 naming the field with nothing
 * recorded, refusals come back in the reader's language; and the whole job through the forms —
 * a meeting, attendance, a budget approved by resolution, submitted, enacted, spent against and
 * moved by resolution, replayed, compared, exported — checked against the API; and the year's
 * end: a supplementary appropriation and the closing of a finished year proposed at a meeting and
 * applied on the budget's page, a line split over the months, a closed budget taking nothing more,
 * last year's unspent money carried over, and what the public sees of the closed accounts.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import type { BudgetView } from '../src/projections/budgets/replay.js';
import { readSpending } from '../src/web/pages/budget.js';
import { createTestApp } from './support/app.js';
import { InjectBrowser } from './support/inject-browser.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
type Json = Record<string, any>;
let t: TestApp;

/** A browser's cookies, sent back; a form post carries its CSRF token and (unless given) a fresh idempotency key. */
class Browser extends InjectBrowser {
  constructor(app: TestApp, headers: Record<string, string> = {}) {
    super(() => app.app, headers);
  }
  get csrf() {
    return this.lastCsrf;
  }
  override post(url: string, fields: Record<string, string | string[]> = {}) {
    return super.post(url, { _csrf: this.lastCsrf, ...('idempotencyKey' in fields ? {} : { idempotencyKey: newId() }), ...fields });
  }
}

async function signedIn(role: string, personId: string, centreId = '', headers: Record<string, string> = {}): Promise<Browser> {
  const browser = new Browser(t, headers);
  await browser.get('/log-ind');
  const answer = await browser.post('/log-ind', { role, personId, centreId });
  expect(answer.statusCode, answer.body).toBe(303);
  await browser.get('/');
  return browser;
}

async function api(token: string | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const response = await t.app.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(method === 'GET' ? {} : { 'idempotency-key': newId() }) }, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: (response.headers['content-type']?.toString().includes('json') ? response.json() : {}) as Json, text: response.body };
}
async function ok(token: string, method: 'POST' | 'PUT', url: string, payload: object = {}) {
  const r = await api(token, method, url, payload);
  expect(r.status, r.text).toBeLessThan(300);
  return r.body;
}

/** A centre with a constituted board: an employee, a citizen and a partner member seated. */
async function centreWithBoard(name: string, prefix: string) {
  const admin = await t.token('admin');
  const { centreId } = await ok(admin, 'POST', '/centres', { municipalityCode: '101', name });
  await t.engine.settle();
  await ok(admin, 'POST', `/centres/${centreId}/board`);
  const { created } = await ok(admin, 'POST', `/centres/${centreId}/board/seats`, { organisation: 'Lokal A-kasse' });
  await ok(admin, 'POST', `/centres/${centreId}/board/seats/employee/member`, { memberId: `${prefix}-emp`, how: 'elected', from: '2026-01-01' });
  await ok(admin, 'POST', `/centres/${centreId}/board/seats/citizen/member`, { memberId: `${prefix}-cit`, how: 'elected', from: '2026-01-01' });
  await ok(admin, 'POST', `/centres/${centreId}/board/seats/${created.seatId}/member`, { memberId: `${prefix}-part`, how: 'appointed', from: '2026-01-01' });
  await ok(admin, 'PUT', `/centres/${centreId}/board/roles/chair`, { memberId: `${prefix}-emp` });
  return centreId as string;
}

/** The location a 303 sends to, and the page there. */
async function follow(browser: Browser, answer: LightMyRequestResponse) {
  expect(answer.statusCode, answer.body.slice(0, 3000)).toBe(303);
  return browser.get(String(answer.headers.location));
}

/** The error summary above the h1 links to the field and says why. */
function expectFieldError(page: LightMyRequestResponse, field: string, message?: string) {
  const summary = page.body.indexOf('class="alert alert-error"');
  expect(summary, page.body.slice(0, 2000)).toBeGreaterThan(0);
  expect(summary).toBeLessThan(page.body.indexOf('<h1>'));
  expect(page.body).toContain(`href="#${field}"`);
  expect(page.body).toContain(`id="${field}"`);
  if (message) expect(page.body).toContain(message);
}

const idFrom = (location: unknown, pattern: RegExp) => {
  const match = pattern.exec(String(location));
  if (!match) throw new Error(`no id in ${String(location)}`);
  return match[1]!;
};

let centreA: string;
let centreB: string;
let emp: Browser;
let cit: Browser;
let part: Browser;
let meetingB: string;
let resolutionB: string;
let budgetB: string;
let lineB: string;

beforeAll(async () => {
  t = await createTestApp();
  // Read models follow the log in the background, as in the server: pages show what was just done.
  t.engine.start();
  centreA = await centreWithBoard('Virkelyst Nørrebro', 'a');
  centreB = await centreWithBoard('Virkelyst Aarhus', 'b');
  // Centre B's own business: a meeting with a resolution, and a draft budget with a line.
  const bEmp = await t.token('board_member', centreB, 'b-emp');
  ({ meetingId: meetingB } = (await ok(bEmp, 'POST', `/centres/${centreB}/board/meetings`, { at: '2027-02-03T17:00:00+01:00', agenda: ['Velkomst'] })).created);
  await ok(bEmp, 'POST', `/centres/${centreB}/board/meetings/${meetingB}/attendance`, { present: ['b-emp', 'b-cit'] });
  ({ resolutionId: resolutionB } = (await ok(bEmp, 'POST', `/centres/${centreB}/board/meetings/${meetingB}/resolutions`, { title: 'Åbent hus', subject: { kind: 'general' } })).created);
  ({ budgetId: budgetB } = (await ok(bEmp, 'POST', `/centres/${centreB}/budgets`, { fiscalYear: 2027, kind: 'annual' })).created);
  ({ lineId: lineB } = (await ok(bEmp, 'POST', `/budgets/${budgetB}/lines`, { financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn', amounts: { '2027': 100_00 } })).created);
  await t.engine.settle();
  [emp, cit, part] = await Promise.all([signedIn('board_member', 'a-emp', centreA), signedIn('board_member', 'a-cit', centreA), signedIn('board_member', 'a-part', centreA)]);
});
afterAll(async () => {
  await t?.close();
});

describe('the board’s pages', () => {
  it('show the board, its seats and roles, in Danish and in English', async () => {
    const da = await emp.get('/bestyrelse');
    expect(da.statusCode).toBe(200);
    expect(da.body).toMatch(/<html lang="da">/);
    expect(da.body).toContain('<h1>Bestyrelsen</h1>');
    expect(da.body).toContain('<th scope="row">Medarbejderrepræsentant</th><td>a-emp</td><td>Formand</td><td>1. januar 2026</td>');
    expect(da.body).toContain('<th scope="row">Medspiller: Lokal A-kasse</th><td>a-part</td>');
    expect(da.body).toContain('Du sidder på pladsen: Medarbejderrepræsentant.');
    expect(da.body).toContain('Bestyrelsen er lovligt sammensat');
    const en = await (await signedIn('board_member', 'a-cit', centreA, { 'accept-language': 'en' })).get('/bestyrelse');
    expect(en.body).toMatch(/<html lang="en">/);
    expect(en.body).toContain('<th scope="row">Employee representative</th><td>a-emp</td><td>Chair</td><td>1 January 2026</td>');
    expect(en.body).toContain('You hold the seat: Citizen representative.');
    // No codes or ISO strings in the text.
    for (const page of [da.body, en.body]) {
      expect(page).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      expect(page).not.toContain('vice_chair');
    }
  });

  it('show the spokesperson the staff elected with the employee seat, once they have', async () => {
    const centre = await centreWithBoard('Virkelyst Vejle', 'v');
    const member = await signedIn('board_member', 'v-emp', centre);
    expect((await member.get('/bestyrelse')).body).toContain('<p id="spokesperson">Personalet har endnu ikke valgt en talsperson.</p>');
    const staffToken = await t.token('staff', centre, 'v-staff-1');
    const closesAt = new Date(Date.now() + 1200).toISOString();
    const ballot = (await ok(staffToken, 'POST', `/centres/${centre}/spokesperson-ballots`, { candidates: ['v-staff-1', 'v-staff-2'], closesAt })).created.ballotId as string;
    await ok(staffToken, 'POST', `/centres/${centre}/spokesperson-ballots/${ballot}/votes`, { candidateId: 'v-staff-2' });
    await new Promise((resolve) => setTimeout(resolve, Date.parse(closesAt) - Date.now() + 20));
    await ok(staffToken, 'POST', `/centres/${centre}/spokesperson-ballots/${ballot}/close`);
    await t.engine.settle();
    expect((await member.get('/bestyrelse')).body).toContain('<p id="spokesperson">Medarbejdernes talsperson, valgt af personalet ved hemmelig afstemning: v-staff-2.</p>');
  });

  it('let a board member whose token names a centre without a seat see, but not act', async () => {
    const ghost = await signedIn('board_member', 'never-seated', centreA);
    expect((await ghost.get('/bestyrelse')).body).toContain('Du har ikke en plads i bestyrelsen lige nu.');
    const before = await t.eventCount();
    const refused = await ghost.post('/bestyrelse/moeder', { at: '2027-03-01T17:00', agenda: 'Velkomst' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Det kan kun et medlem, der sidder i centrets bestyrelse');
    expect(await t.eventCount()).toBe(before);
  });

  it('run a meeting through its forms: convene, attendance, a proposal, votes, the count, dissent and the minutes', async () => {
    const before = await t.eventCount();
    const convened = await emp.post('/bestyrelse/moeder', { at: '2027-02-03T17:00', agenda: 'Godkendelse af dagsorden\nÅbningstider\n\nEventuelt' });
    const meetingId = idFrom(convened.headers.location, /moeder\/([0-9a-f-]{36})/);
    const meetingPage = await follow(emp, convened);
    expect(meetingPage.body).toContain('Mødet er indkaldt.');
    expect(meetingPage.body).toContain('<h1>Møde onsdag 3. februar kl. 17.00</h1>');
    expect(meetingPage.body).toContain('<li><a href="#item-2">Åbningstider</a></li>');
    expect(meetingPage.body).toContain('<h3 id="item-2-title">Punkt 2: Åbningstider</h3>');
    expect(await t.eventCount()).toBe(before + 1);

    const attended = await emp.post(`/bestyrelse/moeder/${meetingId}/fremmoede`, { present: ['a-emp', 'a-cit', 'a-part'] });
    expect((await follow(emp, attended)).body).toContain('Mødet er beslutningsdygtigt');
    const proposed = await emp.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'general', item: '1', title: 'Åbent til kl. 19 om torsdagen' });
    const withProposal = await follow(emp, proposed);
    const resolutionId = idFrom(withProposal.body, /id="resolution-([0-9a-f-]{36})"/);
    expect(withProposal.body).toContain('<h4 id="resolution-' + resolutionId + '-title">Åbent til kl. 19 om torsdagen</h4>');

    const vote = (b: Browser, choice: string) => b.post(`/bestyrelse/moeder/${meetingId}/beslutninger/${resolutionId}/stemme`, { [`choice-${resolutionId}`]: choice });
    expect((await vote(emp, 'for')).statusCode).toBe(303);
    // Counting before everyone has voted: refused in words, nothing recorded.
    const early = await emp.post(`/bestyrelse/moeder/${meetingId}/beslutninger/${resolutionId}/afgoerelse`);
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('Ikke alle til stede har stemt endnu.');
    expect(early.body).toContain(`href="#decide-${resolutionId}"`);
    // Voting twice: a conflict.
    const twice = await vote(emp, 'against');
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Du har allerede stemt om beslutningen.');
    expect((await vote(cit, 'for')).statusCode).toBe(303);
    expect((await vote(part, 'against')).statusCode).toBe(303);
    const decided = await follow(part, await part.post(`/bestyrelse/moeder/${meetingId}/beslutninger/${resolutionId}/afgoerelse`));
    expect(decided.body).toContain('2 for, 1 imod, 0 undlod at stemme.');
    expect(decided.body).toContain(`id="dissent-${resolutionId}"`);
    // Attendance is fixed once voting began: refused in words, linked to something on the page (the browser checks), nothing recorded.
    const settled = await t.eventCount();
    const lateAttendance = await emp.post(`/bestyrelse/moeder/${meetingId}/fremmoede`, { present: ['a-emp', 'a-cit'] });
    expect(lateAttendance.statusCode).toBeGreaterThanOrEqual(400);
    expect(await t.eventCount()).toBe(settled);
    // A member leaving after voting began: recorded through its form, with the time.
    const leaving = await follow(emp, await emp.post(`/bestyrelse/moeder/${meetingId}/afgang`, { memberId: 'a-cit' }));
    expect(leaving.body).toContain('Det er registreret, at medlemmet forlod mødet.');
    expect(leaving.body).toMatch(/<th scope="row">Forlod mødet<\/th><td>a-cit \(Borgerrepræsentant\), \S+ \d{1,2}\. \S+ kl\. \d{1,2}\.\d{2}/);
    const nobodyLeaves = await emp.post(`/bestyrelse/moeder/${meetingId}/afgang`, { memberId: 'a-cit' });
    expect(nobodyLeaves.statusCode).toBe(400);
    expect(nobodyLeaves.body).toContain('Vælg et medlem, der er til stede');
    // Dissent is for those who voted against the outcome only.
    expect((await emp.get(`/bestyrelse/moeder/${meetingId}`)).body).not.toContain(`id="dissent-${resolutionId}"`);
    expect((await follow(part, await part.post(`/bestyrelse/moeder/${meetingId}/beslutninger/${resolutionId}/dissens`))).body).toContain('Afvigende mening tilført referatet: a-part.');

    // Through the API: what the board's read model holds.
    const view = (await api(await t.token('board_member', centreA, 'a-emp'), 'GET', `/centres/${centreA}/board`)).body;
    const recorded = view.resolutions.find((r: Json) => r.resolutionId === resolutionId);
    expect(recorded).toMatchObject({ status: 'adopted', votes: { 'a-emp': 'for', 'a-cit': 'for', 'a-part': 'against' }, dissents: ['a-part'], tally: { for: 2, against: 1, abstained: 0 } });

    // Not public until every member present has signed.
    expect((await new Browser(t).get(`/centre/${centreA}/referater`)).body).not.toContain('Åbningstider');
    for (const b of [emp, cit, part]) expect((await b.post(`/bestyrelse/moeder/${meetingId}/underskrift`)).statusCode).toBe(303);
    const minutes = await new Browser(t).get(`/centre/${centreA}/referater`);
    expect(minutes.statusCode).toBe(200);
    expect(minutes.body).toContain('Møde onsdag 3. februar kl. 17.00');
    expect(minutes.body).toContain('<li>Åbningstider</li>');
    // How each member voted is public only as the board's rules of procedure say: by default the counts, and the dissent minuted.
    expect(minutes.body).not.toContain('<td>Imod</td>');
    expect(minutes.body).toContain('2 for, 1 imod, 0 undlod at stemme.');
    expect(minutes.body).toContain('Afvigende mening tilført referatet: Medspiller: Lokal A-kasse.');
    const adopted = await new Browser(t, { 'accept-language': 'en' }).get(`/centre/${centreA}/beslutninger`);
    expect(adopted.body).toContain('<th scope="row">Åbent til kl. 19 om torsdagen</th><td>General resolution</td><td>2 for, 1 against, 0 abstained</td>');
    // Signed minutes do not change.
    const late = await emp.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'general', item: '1', title: 'Efterskrift' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Referatet er underskrevet');
  });

  it('refuse bad input on a meeting’s forms, naming the field, and record nothing', async () => {
    const meetingId = idFrom((await emp.post('/bestyrelse/moeder', { at: '5-5-2027 kl. 17.00', agenda: 'Velkomst' })).headers.location, /moeder\/([0-9a-f-]{36})/);
    expect((await emp.get(`/bestyrelse/moeder/${meetingId}`)).body).toContain('<h1>Møde onsdag 5. maj kl. 17.00</h1>');
    const before = await t.eventCount();
    const stranger = await emp.post(`/bestyrelse/moeder/${meetingId}/fremmoede`, { present: ['a-emp', 'stranger'] });
    expect(stranger.statusCode).toBe(400);
    expectFieldError(stranger, 'present', 'Vælg kun blandt bestyrelsens medlemmer');
    expect(await t.eventCount()).toBe(before);
    await emp.post(`/bestyrelse/moeder/${meetingId}/fremmoede`, { present: ['a-emp', 'a-cit'] });
    const afterAttendance = await t.eventCount();
    const untitled = await emp.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'general', item: '1', title: '   ' });
    expect(untitled.statusCode).toBe(400);
    expectFieldError(untitled, 'title', 'Skriv, hvad bestyrelsen skal beslutte');
    const noBudget = await emp.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'budget_approval', 'approval-item': '1', 'approval-title': 'Godkend', 'approval-budget': `${budgetB}@1` });
    expect(noBudget.statusCode).toBe(400);
    expectFieldError(noBudget, 'approval-budget', 'Vælg et budgetudkast');
    // A kind of proposal no form of ours sends.
    expect((await emp.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'sanction', title: 'x' })).statusCode).toBe(400);
    expect(await t.eventCount()).toBe(afterAttendance);
    const proposed = await follow(emp, await emp.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'general', item: '1', title: 'Sommerlukning' }));
    const resolutionId = idFrom(proposed.body, /id="resolution-([0-9a-f-]{36})"/);
    const afterProposal = await t.eventCount();
    const maybe = await emp.post(`/bestyrelse/moeder/${meetingId}/beslutninger/${resolutionId}/stemme`, { [`choice-${resolutionId}`]: 'maybe' });
    expect(maybe.statusCode).toBe(400);
    expectFieldError(maybe, `choice-${resolutionId}`, 'Vælg for, imod eller undlad at stemme');
    // A resolution of another meeting is not this meeting's.
    const elsewhere = await emp.post(`/bestyrelse/moeder/${newId()}/beslutninger/${resolutionId}/stemme`, { [`choice-${resolutionId}`]: 'for' });
    expect(elsewhere.statusCode).toBe(404);
    // A member not present takes no part: refused in words.
    const absent = await part.post(`/bestyrelse/moeder/${meetingId}/beslutninger/${resolutionId}/stemme`, { [`choice-${resolutionId}`]: 'for' });
    expect(absent.statusCode).toBe(403);
    expect(absent.body).toContain('er til stede på mødet');
    // Signing before the votes are counted.
    const early = await emp.post(`/bestyrelse/moeder/${meetingId}/underskrift`);
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('Gør afstemningen op om hver beslutning på mødet først.');
    expect(await t.eventCount()).toBe(afterProposal);
  });

  it('record a convened meeting once when the form is sent twice with its key', async () => {
    const before = await t.eventCount();
    const key = newId();
    const first = await emp.post('/bestyrelse/moeder', { idempotencyKey: key, at: '2027-04-01T17:00', agenda: 'Sommerfest' });
    const again = await emp.post('/bestyrelse/moeder', { idempotencyKey: key, at: '2027-04-01T17:00', agenda: 'Sommerfest' });
    expect(again.headers.location).toBe(first.headers.location);
    expect(await t.eventCount()).toBe(before + 1);
  });

  it('let a member leave their seat of their own accord', async () => {
    const centre = await centreWithBoard('Virkelyst Odense', 'o');
    const leaver = await signedIn('board_member', 'o-part', centre);
    const bad = await leaver.post('/bestyrelse/udtraedelse', { on: '31-02-2027' });
    expect(bad.statusCode).toBe(400);
    expectFieldError(bad, 'on', 'Skriv den dag, du udtræder');
    const left = await follow(leaver, await leaver.post('/bestyrelse/udtraedelse', { on: '30-06-2027' }));
    expect(left.body).toContain('Du er udtrådt af bestyrelsen.');
    expect(left.body).toContain('Du har ikke en plads i bestyrelsen lige nu.');
    const board = (await api(undefined, 'GET', `/centres/${centre}/board`)).body;
    expect(board.seats.map((s: Json) => s.memberId)).not.toContain('o-part');
  });
});

describe('a budget through the board’s pages', () => {
  let budgetId: string;
  let salaries: string;
  let operating: string;
  const moments: Record<string, string> = {};
  const pause = () => new Promise((r) => setTimeout(r, 1100));
  /** The wall-clock second now, in Copenhagen, as a datetime-local field holds it. */
  const wallClock = () =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date()).replace(' ', 'T');
  /** The budget as the API serves it, once the read models have all that was recorded (a loaded machine may outlast the pages' own wait). */
  const apiView = async (query = '') => {
    await t.engine.settle();
    return (await api(await t.token('board_member', centreA, 'a-emp'), 'GET', `/budgets/${budgetId}${query}`)).body;
  };

  it('is drafted, and its lines proposed and amended, the version counting up', async () => {
    const drafted = await emp.post('/bestyrelse/budgetter', { fiscalYear: '2026', kind: 'annual' });
    budgetId = idFrom(drafted.headers.location, /budgetter\/([0-9a-f-]{36})/);
    const page = await follow(emp, drafted);
    expect(page.body).toContain('<h1>Årsbudget 2026</h1>');
    expect(page.body).toContain('Budgetudkastet er lavet.');
    const again = await emp.post('/bestyrelse/budgetter', { fiscalYear: '2026', kind: 'annual' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Centret har allerede et budget af den slags for det år.');

    const first = await emp.post(`/bestyrelse/budgetter/${budgetId}/linjer`, { financeAccount: '17.41.11.10', standardAccount: '18', nature: 'expenditure', description: 'Løn til vejledere', 'amount-2026': '1.000.000,00' });
    const withLine = await follow(emp, first);
    expect(withLine.body).toContain('<td class="align-text-right">1.000.000,00\u00a0kr.</td>');
    expect(withLine.body).toContain('<td>18 Lønninger / personaleomkostninger</td><td>Udgift</td><td>Løn til vejledere</td>');
    await emp.post(`/bestyrelse/budgetter/${budgetId}/linjer`, { financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'Drift', 'amount-2026': '300000' });
    const view = await apiView();
    expect(view.lines.map((l: Json) => [l.description, l.nature, l.amounts['2026']])).toEqual([
      ['Løn til vejledere', 'expenditure', 100_000_000],
      ['Drift', 'expenditure', 30_000_000],
    ]);
    salaries = view.lines[0].lineId;
    operating = view.lines[1].lineId;
    await pause();
    moments.twoLines = wallClock();
    await pause();
    const amended = await emp.post(`/bestyrelse/budgetter/${budgetId}/linjer/${salaries}`, { description: 'Løn til vejledere', 'amount-2026': '1.200.000,00' });
    expect((await follow(emp, amended)).body).toContain('Linjen er ændret.');
    expect((await apiView()).version).toBe(3);
  });

  it('drafts a development budget with an amount for each of its five years, and withdraws a line from it', async () => {
    const drafted = await follow(emp, await emp.post('/bestyrelse/budgetter', { fiscalYear: '2028', kind: 'development' }));
    expect(drafted.body).toContain('<h1>Udviklingsbudget 2028–2032</h1>');
    const id = idFrom(drafted.body, /action="\/bestyrelse\/budgetter\/([0-9a-f-]{36})\/linjer"/);
    for (const year of [2028, 2029, 2030, 2031, 2032]) expect(drafted.body).toContain(`id="amount-${year}"`);
    const amounts = { 'amount-2028': '100', 'amount-2029': '200', 'amount-2030': '300', 'amount-2031': '400', 'amount-2032': '500' };
    const missing = await emp.post(`/bestyrelse/budgetter/${id}/linjer`, { financeAccount: '17411110', standardAccount: '46', nature: 'expenditure', description: 'Tilskud til iværksættere', ...amounts, 'amount-2032': '' });
    expectFieldError(missing, 'amount-2032', 'Skriv beløbet for 2032 i kroner');
    await emp.post(`/bestyrelse/budgetter/${id}/linjer`, { financeAccount: '17411110', standardAccount: '46', nature: 'expenditure', description: 'Tilskud til iværksættere', ...amounts });
    const view = (await api(await t.token('board_member', centreA, 'a-emp'), 'GET', `/budgets/${id}`)).body;
    expect(view.lines[0].amounts).toEqual({ '2028': 10_000, '2029': 20_000, '2030': 30_000, '2031': 40_000, '2032': 50_000 });
    const lineId = view.lines[0].lineId;
    const withdrawn = await follow(emp, await emp.post(`/bestyrelse/budgetter/${id}/linjer/${lineId}/tilbagetraekning`));
    expect(withdrawn.body).toContain('Linjen er trukket tilbage.');
    expect(withdrawn.body).toContain('<td>Trukket tilbage</td>');
    expect(withdrawn.body).not.toContain('id="withdraw-line"');
    const after = (await api(await t.token('board_member', centreA, 'a-emp'), 'GET', `/budgets/${id}`)).body;
    expect(after).toMatchObject({ version: 2, lines: [] });
    // A withdrawn line cannot be withdrawn or amended again: it is not a line of the draft any more.
    expect((await emp.post(`/bestyrelse/budgetter/${id}/linjer/${lineId}/tilbagetraekning`)).statusCode).toBe(404);
  });

  it('refuses bad input, naming each field, and records nothing', async () => {
    const before = await t.eventCount();
    const line = await emp.post(`/bestyrelse/budgetter/${budgetId}/linjer`, { financeAccount: '1741', standardAccount: 'x', description: ' ', 'amount-2026': '10,5,5' });
    expect(line.statusCode).toBe(400);
    expectFieldError(line, 'financeAccount', 'Skriv finanslovskontoen med 8 cifre');
    expectFieldError(line, 'standardAccount', 'Skriv standardkontoen med 2 cifre');
    expectFieldError(line, 'nature', 'Vælg, om linjen er en udgift eller en indtægt');
    expectFieldError(line, 'description', 'Skriv en tekst til linjen');
    expectFieldError(line, 'amount-2026', 'Skriv beløbet for 2026 i kroner');
    // What was typed is kept.
    expect(line.body).toContain('value="1741"');
    // A line is expenditure or revenue: an amount below zero is refused on its field, the choice made kept.
    const negative = await emp.post(`/bestyrelse/budgetter/${budgetId}/linjer`, { financeAccount: '17411110', standardAccount: '21', nature: 'revenue', description: 'Lejeindtægt', 'amount-2026': '-18.000,00' });
    expect(negative.statusCode).toBe(400);
    expectFieldError(negative, 'amount-2026', 'Beløbet for 2026 kan ikke være negativt');
    expect(negative.body).toMatch(/<input type="radio" id="nature-2" name="nature" class="form-radio" value="revenue" checked>/);
    expect(negative.body).not.toContain('href="#nature"');
    const draft = await emp.post('/bestyrelse/budgetter', { fiscalYear: '1999', kind: 'monthly' });
    expectFieldError(draft, 'fiscalYear', 'Skriv et finansår fra 2020 til 2100');
    expectFieldError(draft, 'kind');
    const amend = await emp.post(`/bestyrelse/budgetter/${budgetId}/linjer/${salaries}`, { description: 'Løn', 'amount-2026': 'mange penge' });
    expect(amend.statusCode).toBe(400);
    expectFieldError(amend, 'amount-2026');
    const amendNegative = await emp.post(`/bestyrelse/budgetter/${budgetId}/linjer/${salaries}`, { description: 'Løn', 'amount-2026': '-1,00' });
    expectFieldError(amendNegative, 'amount-2026', 'Beløbet for 2026 kan ikke være negativt');
    const approve = await emp.post(`/bestyrelse/budgetter/${budgetId}/godkendelse`, { resolutionId: newId() });
    expect(approve.statusCode).toBe(400);
    expectFieldError(approve, 'resolutionId', 'Vælg en vedtaget beslutning');
    const meetings = await emp.post('/bestyrelse/moeder', { at: 'i morgen', agenda: '' });
    expectFieldError(meetings, 'at', 'Skriv, hvornår mødet holdes');
    expectFieldError(meetings, 'agenda', 'Skriv mindst ét punkt på dagsordenen');
    const replayed = await emp.get(`/bestyrelse/budgetter/${budgetId}/tidspunkt?tidspunkt=${encodeURIComponent('i går')}`);
    expect(replayed.statusCode).toBe(400);
    expectFieldError(replayed, 'tidspunkt', 'Skriv et tidspunkt');
    const compared = await emp.get(`/bestyrelse/budgetter/${budgetId}/sammenlign?fra=${encodeURIComponent(moments.twoLines!)}`);
    expect(compared.statusCode).toBe(400);
    expectFieldError(compared, 'til');
    // In English, in English.
    const english = await signedIn('board_member', 'a-emp', centreA, { 'accept-language': 'en' });
    const refused = await english.post(`/bestyrelse/budgetter/${budgetId}/linjer`, { financeAccount: '17411110', standardAccount: '18', description: 'Salaries', 'amount-2026': '1.000.000,00' });
    expectFieldError(refused, 'amount-2026', 'Type the amount for 2026 in kroner, for example 1,250,000.00');
    expectFieldError(refused, 'nature', 'Choose whether the line is expenditure or revenue');
    // A form without its key is not ours: a page saying nothing was recorded.
    const keyless = await emp.request({ method: 'POST', url: `/bestyrelse/budgetter/${budgetId}/indsendelse`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${emp.csrf}` });
    expect(keyless.statusCode).toBe(400);
    expect(keyless.body).toContain('Intet er blevet registreret.');
    expect(await t.eventCount()).toBe(before);
  });

  it('is approved by a resolution adopted at a meeting, naming its version, then submitted, enacted and spent against', async () => {
    const meetingId = idFrom((await emp.post('/bestyrelse/moeder', { at: '2027-01-10T17:00', agenda: 'Årsbudget 2026' })).headers.location, /moeder\/([0-9a-f-]{36})/);
    await emp.post(`/bestyrelse/moeder/${meetingId}/fremmoede`, { present: ['a-emp', 'a-cit', 'a-part'] });
    const page = await emp.get(`/bestyrelse/moeder/${meetingId}`);
    expect(page.body).toContain(`<option value="${budgetId}@3">Årsbudget 2026, version 3</option>`);
    // A version that is not the current one is refused by the board's decider.
    const stale = await emp.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'budget_approval', 'approval-item': '1', 'approval-title': 'Godkend', 'approval-budget': `${budgetId}@2` });
    expect(stale.statusCode).toBe(422);
    expectFieldError(stale, 'approval-budget', 'Budgettet er ændret siden');
    const proposed = await follow(emp, await emp.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'budget_approval', 'approval-item': '1', 'approval-title': 'Godkendelse af årsbudget 2026, version 3', 'approval-budget': `${budgetId}@3` }));
    const resolutionId = idFrom(proposed.body, /id="resolution-([0-9a-f-]{36})"/);
    expect(proposed.body).toContain('Godkender årsbudget 2026, version 3.');
    for (const b of [emp, cit, part]) expect((await b.post(`/bestyrelse/moeder/${meetingId}/beslutninger/${resolutionId}/stemme`, { [`choice-${resolutionId}`]: 'for' })).statusCode).toBe(303);
    await cit.post(`/bestyrelse/moeder/${meetingId}/beslutninger/${resolutionId}/afgoerelse`);
    await pause();
    moments.beforeApproval = wallClock();
    await pause();
    const budgetPage = await emp.get(`/bestyrelse/budgetter/${budgetId}`);
    expect(budgetPage.body).toContain(`<option value="${resolutionId}">Godkendelse af årsbudget 2026, version 3</option>`);
    const approved = await follow(emp, await emp.post(`/bestyrelse/budgetter/${budgetId}/godkendelse`, { resolutionId }));
    expect(approved.body).toContain('Budgettet er godkendt.');
    expect(approved.body).toContain('Godkendelse af årsbudget 2026, version 3 (version 3)');
    expect((await apiView()).approval).toMatchObject({ resolutionId, version: 3 });
    // What can no longer be done says why, linked to something on the page (the browser checks each link), recording nothing.
    const events = await t.eventCount();
    const twice = await emp.post(`/bestyrelse/budgetter/${budgetId}/godkendelse`, { resolutionId });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Budgettet er allerede godkendt.');
    const lateAmendment = await emp.post(`/bestyrelse/budgetter/${budgetId}/linjer/${salaries}`, { description: 'Løn', 'amount-2026': '1,00' });
    expect(lateAmendment.statusCode).toBe(409);
    expect(lateAmendment.body).toContain('Budgettet er ikke et udkast længere, så dets linjer ændres ikke.');
    const earlySpending = await emp.post(`/bestyrelse/budgetter/${budgetId}/forbrug`, { 'spending-line': salaries, 'spending-amount': '10,00', 'spending-on': '2026-01-11', 'spending-voucher': '1', 'spending-text': 'Tidligt' });
    expect(earlySpending.statusCode).toBe(409);
    expect(earlySpending.body).toContain('Bilag og omplaceringer registreres, når Finansloven har bevilget budgettet.');
    expect(await t.eventCount()).toBe(events);
    await pause();
    moments.afterApproval = wallClock();
    await pause();

    expect((await follow(emp, await emp.post(`/bestyrelse/budgetter/${budgetId}/indsendelse`))).body).toContain('Budgettet venter på Finansloven.');
    // The Finance Act's appropriation is an administrator's to record, not the board's.
    expect((await emp.get('/bestyrelse/finanslov')).statusCode).toBe(403);
    const admin = await signedIn('admin', 'finansministeriet');
    const list = await admin.get('/bestyrelse/finanslov');
    expect(list.body).toContain(`href="/bestyrelse/finanslov/${budgetId}"`);
    const enactForm = await admin.get(`/bestyrelse/finanslov/${budgetId}`);
    expect(enactForm.body).toContain(`value="1.200.000,00"`);
    const enactBad = await admin.post(`/bestyrelse/finanslov/${budgetId}`, { [`amount-${salaries}-2026`]: 'en million', [`amount-${operating}-2026`]: '300.000,00' });
    expect(enactBad.statusCode).toBe(400);
    expectFieldError(enactBad, `amount-${salaries}-2026`, 'Skriv beløbet for 2026 i kroner');
    expect((await apiView()).status).toBe('submitted');
    const enacted = await follow(admin, await admin.post(`/bestyrelse/finanslov/${budgetId}`, { [`amount-${salaries}-2026`]: '1.100.000,00', [`amount-${operating}-2026`]: '300.000,00' }));
    expect(enacted.body).toContain('Bevillingen er registreret.');
    const afterAct = await apiView();
    expect(afterAct.lines.map((l: Json) => l.enacted['2026'])).toEqual([110_000_000, 30_000_000]);

    // An entry: an amount above zero, a day of the fiscal year, the voucher's number and text; nothing recorded without them.
    const beforeSpending = await t.eventCount();
    const spendingPage = await emp.get(`/bestyrelse/budgetter/${budgetId}`);
    expect(spendingPage.body).toContain('<h2>Bogfør et bilag</h2>');
    expect(spendingPage.body).not.toContain('negativt beløb');
    expect(spendingPage.body).toContain('Begrundelse for merforbrug<span class="weight-normal"> (frivilligt)</span>');
    expect(spendingPage.body).toContain('Begrundelsen er offentlig sammen med budgettet.');
    const spendingBad = await emp.post(`/bestyrelse/budgetter/${budgetId}/forbrug`, { 'spending-line': salaries, 'spending-amount': '0', 'spending-on': '2025-12-31', 'spending-voucher': ' ', 'spending-text': '' });
    expect(spendingBad.statusCode).toBe(400);
    expectFieldError(spendingBad, 'spending-amount', 'Skriv et beløb i kroner over 0');
    expectFieldError(spendingBad, 'spending-on', 'Skriv en dag i 2026');
    expectFieldError(spendingBad, 'spending-voucher', 'Skriv bilagsnummeret');
    expectFieldError(spendingBad, 'spending-text', 'Skriv bilagsteksten');
    const negativeSpending = await emp.post(`/bestyrelse/budgetter/${budgetId}/forbrug`, { 'spending-line': salaries, 'spending-amount': '-90,00', 'spending-on': '2026-01-31', 'spending-voucher': '2026-0000', 'spending-text': 'Rettelse' });
    expectFieldError(negativeSpending, 'spending-amount', 'Skriv et beløb i kroner over 0');
    // Not after today (Copenhagen): an entry records what happened. The form is read against the
    // day it is given, so the rule is tried on any day the suite runs (the decider's own is in its tests).
    const typed: Record<string, string> = { 'spending-line': salaries, 'spending-amount': '10,00', 'spending-on': '2026-03-02', 'spending-voucher': 'B-1', 'spending-text': 'Kontorartikler' };
    const view = { fiscalYear: 2026, lines: [{ lineId: salaries }] } as unknown as BudgetView;
    expect(readSpending('da', (name) => typed[name], view, '2026-03-01')).toMatchObject({ ok: false, errors: [{ field: 'spending-on', message: expect.stringContaining('Bilagsdatoen kan ikke ligge efter i dag') }] });
    expect(readSpending('da', (name) => typed[name], view, '2026-03-02')).toMatchObject({ ok: true });
    // The decider judges the voucher's characters; its refusal comes back on the field.
    const oddVoucher = await emp.post(`/bestyrelse/budgetter/${budgetId}/forbrug`, { 'spending-line': salaries, 'spending-amount': '10,00', 'spending-on': '2026-01-31', 'spending-voucher': '#12', 'spending-text': 'Løn' });
    expect(oddVoucher.statusCode).toBe(400);
    expectFieldError(oddVoucher, 'spending-voucher', 'Bilagsnummeret kan kun have bogstaver, tal, mellemrum og . / _ -');
    expect(await t.eventCount()).toBe(beforeSpending);
    const spentPage = await follow(emp, await emp.post(`/bestyrelse/budgetter/${budgetId}/forbrug`, { 'spending-line': salaries, 'spending-amount': '90.000,00', 'spending-on': '31-01-2026', 'spending-voucher': '2026-0001', 'spending-text': 'Løn januar' }));
    expect(spentPage.body).toContain('Bilaget er bogført.');
    expect((await apiView()).lines[0].spending).toMatchObject([{ amountOre: 9_000_000, on: '2026-01-31', voucher: '2026-0001', text: 'Løn januar', overspendReason: null, correctedOre: 0 }]);

    // The same form sent twice with its key: recorded once.
    const key = newId();
    for (let i = 0; i < 2; i++) {
      const fields = { idempotencyKey: key, 'spending-line': operating, 'spending-amount': '1,00', 'spending-on': '2026-02-01', 'spending-voucher': '2026-0002', 'spending-text': 'Frimærker' };
      expect((await emp.post(`/bestyrelse/budgetter/${budgetId}/forbrug`, fields)).statusCode).toBe(303);
    }
    expect((await apiView()).lines[1].spending).toHaveLength(1);
    const unknownMove = await emp.post(`/bestyrelse/budgetter/${budgetId}/omplacering`, { 'reallocation-resolution': newId() });
    expect(unknownMove.statusCode).toBe(400);
    expectFieldError(unknownMove, 'reallocation-resolution', 'Vælg en vedtaget beslutning');
    // Money moves only by an adopted resolution naming the move.
    const moveMeeting = idFrom((await emp.post('/bestyrelse/moeder', { at: '2027-03-01T17:00', agenda: 'Omplacering' })).headers.location, /moeder\/([0-9a-f-]{36})/);
    await emp.post(`/bestyrelse/moeder/${moveMeeting}/fremmoede`, { present: ['a-emp', 'a-cit'] });
    const moveBad = await emp.post(`/bestyrelse/moeder/${moveMeeting}/forslag`, { kind: 'budget_reallocation', 'move-item': '1', 'move-title': 'Flyt', 'move-from': `${budgetId}/${salaries}`, 'move-to': `${budgetId}/${salaries}`, 'move-year': '2026', 'move-amount': '-5' });
    expect(moveBad.statusCode).toBe(400);
    expectFieldError(moveBad, 'move-to', 'Vælg to forskellige linjer i samme budget');
    expectFieldError(moveBad, 'move-amount');
    const moved = await follow(emp, await emp.post(`/bestyrelse/moeder/${moveMeeting}/forslag`, { kind: 'budget_reallocation', 'move-item': '1', 'move-title': 'Flyt 100.000 kr. fra løn til drift', 'move-from': `${budgetId}/${salaries}`, 'move-to': `${budgetId}/${operating}`, 'move-year': '2026', 'move-amount': '100.000' }));
    const move = idFrom(moved.body, /id="resolution-([0-9a-f-]{36})"/);
    expect(moved.body).toContain('Flytter 100.000,00 kr. i 2026 fra 17.41.11.10 Løn til vejledere til 17.41.11.10 Drift i årsbudget 2026.');
    for (const b of [emp, cit]) await b.post(`/bestyrelse/moeder/${moveMeeting}/beslutninger/${move}/stemme`, { [`choice-${move}`]: 'for' });
    await emp.post(`/bestyrelse/moeder/${moveMeeting}/beslutninger/${move}/afgoerelse`);
    expect((await follow(emp, await emp.post(`/bestyrelse/budgetter/${budgetId}/omplacering`, { 'reallocation-resolution': move }))).body).toContain('Pengene er flyttet.');
    const final = await apiView();
    expect(final.lines.map((l: Json) => [l.enacted['2026'], l.spentOre])).toEqual([
      [100_000_000, 9_000_000],
      [40_000_000, 100],
    ]);
  });

  it('replays as of a moment, compares two, and tells a line’s story', async () => {
    const before = await emp.get(`/bestyrelse/budgetter/${budgetId}/tidspunkt?tidspunkt=${encodeURIComponent(moments.beforeApproval!)}`);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('<th scope="row">Status</th><td>Udkast</td>');
    expect(before.body).toContain(`value="${moments.beforeApproval}"`);
    const after = await emp.get(`/bestyrelse/budgetter/${budgetId}/tidspunkt?tidspunkt=${encodeURIComponent(moments.afterApproval!)}`);
    expect(after.body).toContain('<th scope="row">Status</th><td>Godkendt af bestyrelsen</td>');
    const earlier = await emp.get(`/bestyrelse/budgetter/${budgetId}/tidspunkt?tidspunkt=2020-01-01T00:00`);
    expect(earlier.body).toContain('Budgettet fandtes ikke endnu på det tidspunkt.');
    const compared = await emp.get(`/bestyrelse/budgetter/${budgetId}/sammenlign?fra=${encodeURIComponent(moments.twoLines!)}&til=${encodeURIComponent(moments.afterApproval!)}`);
    expect(compared.statusCode).toBe(200);
    expect(compared.body).toContain('<th scope="row">17.41.11.10 Løn til vejledere</th><td>Beløb 2026</td><td>1.000.000,00\u00a0kr.</td><td>1.200.000,00\u00a0kr.</td>');
    expect(compared.body).toContain('<td>Udkast, version 2</td><td>Godkendt af bestyrelsen, version 3</td>');
    expect(compared.body).toMatch(/<svg [^>]*role="img" aria-labelledby="compare-chart-title compare-chart-desc"/);
    const story = await emp.get(`/bestyrelse/budgetter/${budgetId}/linjer/${salaries}`);
    for (const what of ['Foreslået', 'Ændret', 'Godkendt ved beslutning', 'Sendt til Finansloven', 'Bevilget', 'Bilag bogført', 'Penge flyttet fra linjen']) expect(story.body).toContain(`<td>${what}</td>`);
    expect(story.body).toContain('a-emp (bestyrelsesmedlem)');
    expect(story.body).toContain('Beslutning: Godkendelse af årsbudget 2026, version 3');
    expect(story.body).toContain('90.000,00 kr. den 31. januar 2026<br>Bilag 2026-0001: Løn januar');
    // The line's figures: enacted, spent, left, and nothing beyond.
    expect(story.body).toContain('<tr><th scope="row">Art</th><td>Udgift</td></tr>');
    expect(story.body).toContain('<tr><th scope="row">Bevilget 2026</th><td>1.000.000,00 kr.</td></tr>');
    expect(story.body).toContain('<tr><th scope="row">Forbrug</th><td>90.000,00 kr.</td></tr>');
    expect(story.body).toContain('<tr><th scope="row">Rest</th><td>910.000,00 kr.</td></tr>');
    expect(story.body).toContain('<tr><th scope="row">Merforbrug</th><td>0,00 kr.</td></tr>');
  });

  it('shows the Finance Act’s columns and a chart with its table, and downloads CSV in both conventions', async () => {
    const page = await emp.get(`/bestyrelse/budgetter/${budgetId}`);
    expect(page.body).toContain('<th scope="col" class="align-text-right">R 2024</th><th scope="col" class="align-text-right">B 2025</th><th scope="col" class="align-text-right">F 2026</th><th scope="col" class="align-text-right">BO1 2027</th>');
    expect(page.body).toMatch(/<svg [^>]*role="img" aria-labelledby="budget-chart-title budget-chart-desc"/);
    expect(page.body).toContain('<title id="budget-chart-title">Årsbudget 2026: budget, bevilling og forbrug pr. linje</title>');
    expect(page.body).toContain('>Beløb i t. kr.</text>');
    expect(page.body).toContain('udgifter i alt 1.500.000,00 kr., indtægter i alt 0,00 kr., netto 1.500.000,00 kr.');
    // The lines' totals: expenditure and revenue apart, net at the foot.
    expect(page.body).toMatch(/<th scope="row">Udgifter i alt<\/th><td><\/td><td><\/td><td><\/td><td class="align-text-right">1\.500\.000,00\u00a0kr\.<\/td>/);
    expect(page.body).toMatch(/<th scope="row">Indtægter i alt<\/th><td><\/td><td><\/td><td><\/td><td class="align-text-right">0,00\u00a0kr\.<\/td>/);
    expect(page.body).toMatch(/<tfoot><tr><th scope="row">Netto \(udgifter minus indtægter\)<\/th><td><\/td><td><\/td><td><\/td><td class="align-text-right">1\.500\.000,00\u00a0kr\.<\/td>/);
    const da = await emp.get(`/bestyrelse/budgetter/${budgetId}/budget.csv?tal=da`);
    expect(da.statusCode).toBe(200);
    expect(da.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(da.headers['content-disposition']).toBe('attachment; filename="virkelyst-aarsbudget-2026-dansk.csv"');
    const rows = da.body.split('\r\n');
    expect(rows[0]).toBe('\ufeffFinanslovskonto;Standardkonto;Art;Tekst;Budget 2026;Bevilget 2026;Forbrug;Rest;Regnskab 2026');
    expect(rows[1]).toBe('17411110;18;Udgift;Løn til vejledere;1.200.000,00;1.000.000,00;90.000,00;910.000,00;');
    const en = await emp.get(`/bestyrelse/budgetter/${budgetId}/budget.csv?tal=en&tidspunkt=${encodeURIComponent(moments.twoLines!)}`);
    expect(en.headers['content-disposition']).toBe('attachment; filename="virkelyst-aarsbudget-2026-rfc4180.csv"');
    expect(en.body.split('\r\n').slice(0, 2)).toEqual(['\ufeffFinance Act account,Standard account,Nature,Description,Budget 2026,Enacted 2026,Spent,Remaining,Accounts 2026', '17411110,18,Expenditure,Løn til vejledere,1000000.00,,0.00,,']);
    expect((await emp.get(`/bestyrelse/budgetter/${budgetId}/budget.csv?tal=xx`)).statusCode).toBe(400);
  });

  it('is public once approved, without who acted; a draft is not', async () => {
    const visitor = new Browser(t);
    const list = await visitor.get(`/centre/${centreA}/budgetter`);
    expect(list.body).toContain(`href="/centre/${centreA}/budgetter/${budgetId}"`);
    const page = await visitor.get(`/centre/${centreA}/budgetter/${budgetId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Årsbudget 2026</h1>');
    expect(page.body).toContain('F 2026');
    expect(page.body).toMatch(/<td class="align-text-right">1\.000\.000,00\u00a0kr\.<\/td>/);
    expect(page.body).toMatch(/<svg [^>]*role="img"/);
    expect(page.body).not.toContain('a-emp');
    const csv = await visitor.get(`/centre/${centreA}/budgetter/${budgetId}/budget.csv?tal=en`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.body).toContain('17411110,18,Expenditure,Løn til vejledere,1200000.00,1000000.00,90000.00,910000.00');
    // Centre B's draft is nobody's business outside it, here or at centre A's address.
    expect((await visitor.get(`/centre/${centreB}/budgetter/${budgetB}`)).statusCode).toBe(404);
    expect((await visitor.get(`/centre/${centreA}/budgetter/${budgetB}`)).statusCode).toBe(404);
    expect((await visitor.get(`/centre/${centreB}/budgetter`)).body).toContain('Centret har ingen godkendte budgetter endnu.');
    expect((await visitor.get(`/centre/${newId()}/beslutninger`)).statusCode).toBe(404);
    // The open resolution at B's unsigned meeting is not public either.
    expect((await visitor.get(`/centre/${centreB}/beslutninger`)).body).not.toContain('Åbent hus');
  });

  it('books beyond a line’s appropriation only with a reason, and corrects an entry on the line’s page', async () => {
    // Drift: 400.000,00 kr. enacted (after the move), 1,00 kr. spent.
    const before = await t.eventCount();
    const beyond = { 'spending-line': operating, 'spending-amount': '450.000,00', 'spending-on': '2026-03-15', 'spending-voucher': 'B-17', 'spending-text': 'Vikarbureauet Hansen ApS, marts' };
    const noReason = await emp.post(`/bestyrelse/budgetter/${budgetId}/forbrug`, beyond);
    expect(noReason.statusCode).toBe(422);
    expectFieldError(noReason, 'spending-reason', 'Bilaget bringer linjen ud over bevillingen. Skriv en begrundelse for merforbruget.');
    // What was typed is kept.
    expect(noReason.body).toContain('value="B-17"');
    // A reason where none is needed is refused too, on its field.
    const needless = await emp.post(`/bestyrelse/budgetter/${budgetId}/forbrug`, { ...beyond, 'spending-line': salaries, 'spending-amount': '1.000,00', 'spending-reason': 'For en sikkerheds skyld' });
    expect(needless.statusCode).toBe(400);
    expectFieldError(needless, 'spending-reason', 'Skriv kun en begrundelse, når bilaget bringer en udgiftslinje ud over bevillingen.');
    expect(await t.eventCount()).toBe(before);

    const reason = 'Langtidssygdom; dækkes af mindreforbrug på løn';
    expect((await follow(emp, await emp.post(`/bestyrelse/budgetter/${budgetId}/forbrug`, { ...beyond, 'spending-reason': reason }))).body).toContain('Bilaget er bogført.');
    const recorded = (await apiView()).lines[1];
    expect(recorded).toMatchObject({ spentOre: 45_000_100, remainingOre: -5_000_100, overspentOre: 5_000_100 });
    const entry = recorded.spending.find((s: Json) => s.voucher === 'B-17');
    expect(entry).toMatchObject({ amountOre: 45_000_000, text: 'Vikarbureauet Hansen ApS, marts', overspendReason: reason });
    const budgetPage = await emp.get(`/bestyrelse/budgetter/${budgetId}`);
    // Drift's row: spent, left (below zero) and beyond.
    expect(budgetPage.body).toContain('<td class="align-text-right">450.001,00\u00a0kr.</td><td class="align-text-right">-50.001,00\u00a0kr.</td><td class="align-text-right">50.001,00\u00a0kr.</td>');

    // On the line's page: the entries with their vouchers and the reason, each with a correction form.
    const linePage = `/bestyrelse/budgetter/${budgetId}/linjer/${operating}`;
    const story = await emp.get(linePage);
    expect(story.body).toContain('<tr><th scope="row">Merforbrug</th><td>50.001,00 kr.</td></tr>');
    expect(story.body).toContain(`<th scope="row">15. marts 2026</th><td>B-17</td><td>Vikarbureauet Hansen ApS, marts</td><td class="align-text-right">450.000,00\u00a0kr.</td><td>–</td><td class="align-text-right">450.000,00\u00a0kr.</td><td>${reason}</td>`);
    expect(story.body).toContain(`Begrundelse for merforbrug: ${reason}`);
    expect(story.body).toContain(`id="correction-form-${entry.spendingId}"`);
    expect(story.body).toContain('Ret bilag B-17 (15. marts 2026, 450.000,00 kr.)');

    // A correction: at most what is left of the entry, with its own voucher; for one of this line's entries only.
    const correct = (fields: Record<string, string>) => emp.post(`${linePage}/rettelser`, fields);
    const of = (spendingId: string, amount: string) => ({
      'correction-spending': spendingId,
      [`correction-amount-${spendingId}`]: amount,
      [`correction-on-${spendingId}`]: '2026-04-02',
      [`correction-voucher-${spendingId}`]: 'B-17R',
      [`correction-text-${spendingId}`]: 'Kreditnota, vikarbureauet',
    });
    const tooMuch = await correct(of(entry.spendingId, '450.000,01'));
    expect(tooMuch.statusCode).toBe(400);
    expectFieldError(tooMuch, `correction-amount-${entry.spendingId}`, 'Skriv et beløb i kroner over 0 og højst 450.000,00 kr.');
    expect(tooMuch.body).toContain(`<details class="details" id="correct-${entry.spendingId}" open>`);
    const salaryEntry = (await apiView()).lines[0].spending[0].spendingId;
    const otherLine = await correct(of(salaryEntry, '1,00'));
    expect(otherLine.statusCode).toBe(400);
    expectFieldError(otherLine, 'correction-spending', 'Vælg et af linjens bilag, der har noget tilbage at rette');
    // A correction follows its entry: not dated before it.
    const early = await correct({ ...of(entry.spendingId, '1,00'), [`correction-on-${entry.spendingId}`]: '2026-03-14' });
    expect(early.statusCode).toBe(400);
    expectFieldError(early, `correction-on-${entry.spendingId}`, 'En rettelse kan ikke dateres før bilaget, den retter: 15. marts 2026');
    const noVoucher = await correct({ ...of(entry.spendingId, '1,00'), [`correction-voucher-${entry.spendingId}`]: '', [`correction-text-${entry.spendingId}`]: '' });
    expectFieldError(noVoucher, `correction-voucher-${entry.spendingId}`, 'Skriv bilagsnummeret');
    expectFieldError(noVoucher, `correction-text-${entry.spendingId}`, 'Skriv bilagsteksten');
    expect(await t.eventCount()).toBe(before + 1);

    const corrected = await follow(emp, await correct(of(entry.spendingId, '50.000,00')));
    expect(corrected.body).toContain('Rettelsen er bogført.');
    expect(corrected.body).toContain('<td>Bilag rettet</td>');
    expect(corrected.body).toContain('Retter bilag B-17<br>50.000,00 kr. den 2. april 2026<br>Bilag B-17R: Kreditnota, vikarbureauet');
    expect(corrected.body).toContain('<tr><th scope="row">Forbrug</th><td>400.001,00 kr.</td></tr>');
    expect(corrected.body).toContain('<tr><th scope="row">Merforbrug</th><td>1,00 kr.</td></tr>');
    expect(corrected.body).toContain('50.000,00 kr. den 2. april 2026, bilag B-17R: Kreditnota, vikarbureauet');
    expect(corrected.body).toContain('Ret bilag B-17 (15. marts 2026, 450.000,00 kr.)');
    const after = (await apiView()).lines[1];
    expect(after).toMatchObject({ spentOre: 40_000_100, overspentOre: 100 });
    expect(after.spending.find((s: Json) => s.spendingId === entry.spendingId)).toMatchObject({ correctedOre: 5_000_000, corrections: [{ amountOre: 5_000_000, on: '2026-04-02', voucher: 'B-17R' }] });
    // The correction is in the budget's history too.
    expect((await emp.get(`/bestyrelse/budgetter/${budgetId}`)).body).toContain('<td>Et bilag blev rettet</td>');

    // The public sees amounts, dates and the budget; not the vouchers' numbers or texts.
    const visitor = new Browser(t);
    const publicPage = await visitor.get(`/centre/${centreA}/budgetter/${budgetId}`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('400.001,00\u00a0kr.');
    for (const secret of ['Vikarbureauet', 'B-17', 'Løn januar', '2026-0001', 'Kreditnota']) expect(publicPage.body).not.toContain(secret);
    const publicCsv = await visitor.get(`/centre/${centreA}/budgetter/${budgetId}/budget.csv?tal=da`);
    for (const secret of ['Vikarbureauet', 'B-17', 'Løn januar', 'Kreditnota']) expect(publicCsv.body).not.toContain(secret);
  });

  it('keeps expenditure and revenue apart: a line is one or the other, totalled apart, net at the foot', async () => {
    const drafted = await emp.post('/bestyrelse/budgetter', { fiscalYear: '2030', kind: 'annual' });
    const id = idFrom(drafted.headers.location, /budgetter\/([0-9a-f-]{36})/);
    const page = await follow(emp, drafted);
    expect(page.body).toContain('<legend class="form-label" id="nature-legend">Udgift eller indtægt?</legend>');
    expect(page.body).toContain('<label class="form-label" for="nature">Udgift</label>');
    expect(page.body).toContain('<label class="form-label" for="nature-2">Indtægt</label>');
    const before = await t.eventCount();
    const noNature = await emp.post(`/bestyrelse/budgetter/${id}/linjer`, { financeAccount: '17411110', standardAccount: '21', description: 'Lejeindtægt, mødelokaler', 'amount-2030': '-18.000,00' });
    expect(noNature.statusCode).toBe(400);
    expectFieldError(noNature, 'nature', 'Vælg, om linjen er en udgift eller en indtægt');
    expectFieldError(noNature, 'amount-2030', 'Beløbet for 2030 kan ikke være negativt');
    const unknownNature = await emp.post(`/bestyrelse/budgetter/${id}/linjer`, { financeAccount: '17411110', standardAccount: '21', nature: 'income', description: 'Lejeindtægt', 'amount-2030': '18.000,00' });
    expectFieldError(unknownNature, 'nature');
    expect(await t.eventCount()).toBe(before);

    await follow(emp, await emp.post(`/bestyrelse/budgetter/${id}/linjer`, { financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn', 'amount-2030': '500.000,00' }));
    const both = await follow(emp, await emp.post(`/bestyrelse/budgetter/${id}/linjer`, { financeAccount: '17411110', standardAccount: '21', nature: 'revenue', description: 'Lejeindtægt, mødelokaler', 'amount-2030': '18.000,00' }));
    expect(both.body).toContain('Linjen er foreslået.');
    // Expenditure lines, their total; revenue lines, theirs; net at the foot.
    const table = both.body.slice(both.body.indexOf('<caption>Linjerne i Årsbudget 2030</caption>'));
    const order = ['<td>Udgift</td><td>Løn</td>', 'Udgifter i alt', '<td>Indtægt</td><td>Lejeindtægt, mødelokaler</td>', 'Indtægter i alt', 'Netto (udgifter minus indtægter)'].map((text) => table.indexOf(text));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(table).toMatch(/Indtægter i alt<\/th><td><\/td><td><\/td><td><\/td><td class="align-text-right">18\.000,00\u00a0kr\.<\/td>/);
    expect(table).toMatch(/Netto \(udgifter minus indtægter\)<\/th><td><\/td><td><\/td><td><\/td><td class="align-text-right">482\.000,00\u00a0kr\.<\/td>/);
    const view = (await api(await t.token('board_member', centreA, 'a-emp'), 'GET', `/budgets/${id}`)).body;
    expect(view.lines.map((l: Json) => [l.description, l.nature])).toEqual([
      ['Løn', 'expenditure'],
      ['Lejeindtægt, mødelokaler', 'revenue'],
    ]);
    expect(view.totals).toMatchObject({ expenditure: { amounts: { '2030': 50_000_000 } }, revenue: { amounts: { '2030': 1_800_000 } }, net: { amounts: { '2030': 48_200_000 } } });
    // The chart names each line's nature when the budget has both, and says the totals apart.
    expect(both.body).toContain('udgifter i alt 500.000,00 kr., indtægter i alt 18.000,00 kr., netto 482.000,00 kr.');
    expect(both.body).toContain('17.41.11.10 Lejeindtægt, mødelokaler (indtægt)');
  });
});

describe('the year’s end through the board’s pages', () => {
  let centre: string;
  let chair: Browser;
  const tokens: Record<string, string> = {};
  /** A resolution adopted through the API, at a meeting of its own. */
  async function adopt(title: string, subject: object): Promise<string> {
    const { created: meeting } = await ok(tokens.emp!, 'POST', `/centres/${centre}/board/meetings`, { at: '2026-11-02T17:00:00+01:00', agenda: [title] });
    await ok(tokens.emp!, 'POST', `/centres/${centre}/board/meetings/${meeting.meetingId}/attendance`, { present: ['r-emp', 'r-cit', 'r-part'] });
    const { created } = await ok(tokens.emp!, 'POST', `/centres/${centre}/board/meetings/${meeting.meetingId}/resolutions`, { title, subject });
    await votedFor(created.resolutionId);
    return created.resolutionId;
  }
  /** Everyone present votes for, and the votes are counted. */
  async function votedFor(resolutionId: string) {
    for (const who of ['emp', 'cit', 'part']) await ok(tokens[who]!, 'POST', `/centres/${centre}/board/resolutions/${resolutionId}/votes`, { choice: 'for' });
    await ok(tokens.cit!, 'POST', `/centres/${centre}/board/resolutions/${resolutionId}/decide`);
    await t.engine.settle();
  }
  /** An annual budget of `year`, enacted as approved, through the API; its lines' ids by description. */
  async function enacted(year: number, lines: { description: string; standardAccount: string; nature: 'expenditure' | 'revenue'; ore: number }[]) {
    const { budgetId } = (await ok(tokens.emp!, 'POST', `/centres/${centre}/budgets`, { fiscalYear: year, kind: 'annual' })).created;
    const ids: Record<string, string> = {};
    for (const l of lines) {
      ids[l.description] = (await ok(tokens.emp!, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: l.standardAccount, nature: l.nature, description: l.description, amounts: { [year]: l.ore } })).created.lineId;
    }
    await t.engine.settle();
    const { version } = (await api(tokens.emp, 'GET', `/budgets/${budgetId}`)).body;
    await ok(tokens.emp!, 'POST', `/budgets/${budgetId}/approve`, { resolutionId: await adopt(`Godkendelse af årsbudget ${year}`, { kind: 'budget_approval', budgetId, version }) });
    await ok(tokens.emp!, 'POST', `/budgets/${budgetId}/submit`);
    await ok(tokens.admin!, 'POST', `/budgets/${budgetId}/enact`, { lines: [] });
    await t.engine.settle();
    return { budgetId: budgetId as string, ids };
  }
  const view = async (budgetId: string) => {
    await t.engine.settle();
    return (await api(tokens.emp, 'GET', `/budgets/${budgetId}`)).body;
  };
  let last: { budgetId: string; ids: Record<string, string> };
  let next: { budgetId: string; ids: Record<string, string> };
  let meetingId: string;
  let supplement: string;
  let closing: string;
  const proposed = (page: LightMyRequestResponse) => [...page.body.matchAll(/id="resolution-([0-9a-f-]{36})"/g)].map((m) => m[1]!);

  beforeAll(async () => {
    centre = await centreWithBoard('Virkelyst Roskilde', 'r');
    tokens.admin = await t.token('admin');
    for (const who of ['emp', 'cit', 'part']) tokens[who] = await t.token('board_member', centre, `r-${who}`);
    // Last year, its fiscal year over; and this year's, both enacted as approved.
    last = await enacted(2025, [
      { description: 'Drift', standardAccount: '22', nature: 'expenditure', ore: 100_000_00 },
      { description: 'Kurser', standardAccount: '22', nature: 'expenditure', ore: 50_000_00 },
      { description: 'Vikarer', standardAccount: '18', nature: 'expenditure', ore: 10_000_00 },
      { description: 'Lejeindtægt', standardAccount: '21', nature: 'revenue', ore: 20_000_00 },
    ]);
    next = await enacted(2026, [
      { description: 'Drift', standardAccount: '22', nature: 'expenditure', ore: 100_000_00 },
      { description: 'Lejeindtægt', standardAccount: '21', nature: 'revenue', ore: 20_000_00 },
    ]);
    chair = await signedIn('board_member', 'r-emp', centre);
    const convened = await chair.post('/bestyrelse/moeder', { at: '2026-11-30T17:00', agenda: 'Tillægsbevilling\nRegnskab 2025\nOverførsel' });
    meetingId = idFrom(convened.headers.location, /moeder\/([0-9a-f-]{36})/);
    expect((await chair.post(`/bestyrelse/moeder/${meetingId}/fremmoede`, { present: ['r-emp', 'r-cit', 'r-part'] })).statusCode).toBe(303);
  });

  it('proposes a supplementary appropriation and a closing on the meeting page, refusing bad input on its fields and recording nothing', async () => {
    const page = await chair.get(`/bestyrelse/moeder/${meetingId}`);
    expect(page.body).toContain('<h3>Foreslå en tillægsbevilling</h3>');
    expect(page.body).toContain(`<option value="${last.budgetId}/${last.ids.Drift}">Årsbudget 2025: 17.41.11.10 Drift (100.000,00 kr.)</option>`);
    // Only a budget whose fiscal year is over can have its accounts closed: 2025, not 2026.
    expect(page.body).toContain(`<option value="${last.budgetId}">Årsbudget 2025</option>`);
    expect(page.body).not.toContain(`<option value="${next.budgetId}">`);
    expect(page.body).toContain('value="Afslutning af regnskabet for årsbudget 2025"');
    // Nothing is closed yet: nothing to carry over from.
    expect(page.body).toContain('<p id="carry-line">Der er intet bevilget årsbudget med et afsluttet regnskab for året før at overføre midler til.</p>');

    const before = await t.eventCount();
    const bad = await chair.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'budget_supplement', 'supplement-item': '1', 'supplement-title': ' ', 'supplement-line': `${last.budgetId}/${newId()}`, 'supplement-year': '2025', 'supplement-amount': '0' });
    expect(bad.statusCode).toBe(400);
    expectFieldError(bad, 'supplement-title', 'Skriv, hvad bestyrelsen skal beslutte');
    expectFieldError(bad, 'supplement-line', 'Vælg en linje i et bevilget budget');
    expectFieldError(bad, 'supplement-amount', 'Skriv et beløb større end 0 kr.');
    const otherYear = await chair.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'budget_supplement', 'supplement-item': '1', 'supplement-title': 'Mere til drift', 'supplement-line': `${last.budgetId}/${last.ids.Drift}`, 'supplement-year': '2026', 'supplement-amount': '10.000,00' });
    expectFieldError(otherYear, 'supplement-year', 'Vælg et af budgettets år');
    expect(otherYear.body).toContain('value="10.000,00"');
    // Money moves within expenditure or within revenue, never across.
    const across = await chair.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'budget_reallocation', 'move-item': '1', 'move-title': 'Flyt', 'move-from': `${last.budgetId}/${last.ids.Drift}`, 'move-to': `${last.budgetId}/${last.ids.Lejeindtægt}`, 'move-year': '2025', 'move-amount': '1.000,00' });
    expect(across.statusCode).toBe(400);
    expectFieldError(across, 'move-to', 'Vælg to linjer af samme art');
    const notOver = await chair.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'budget_closing', 'closing-item': '1', 'closing-title': 'Regnskab 2026', 'closing-budget': next.budgetId });
    expect(notOver.statusCode).toBe(400);
    expectFieldError(notOver, 'closing-budget', 'Vælg et bevilget årsbudget, hvis finansår er slut');
    const english = await signedIn('board_member', 'r-cit', centre, { 'accept-language': 'en' });
    const inEnglish = await english.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'budget_closing', 'closing-item': '1', 'closing-title': '', 'closing-budget': next.budgetId });
    expectFieldError(inEnglish, 'closing-title', 'Write what the board is to decide');
    expectFieldError(inEnglish, 'closing-budget', 'Choose an enacted annual budget whose fiscal year is over');
    expect(await t.eventCount()).toBe(before);

    const withSupplement = await follow(chair, await chair.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'budget_supplement', 'supplement-item': '1', 'supplement-title': 'Tillægsbevilling til drift', 'supplement-line': `${last.budgetId}/${last.ids.Drift}`, 'supplement-year': '2025', 'supplement-amount': '10.000,00' }));
    expect(withSupplement.body).toContain('Forslaget er sat til afstemning.');
    expect(withSupplement.body).toContain('Tillægsbevilling på 10.000,00 kr. i 2025 til 17.41.11.10 Drift i årsbudget 2025.');
    supplement = proposed(withSupplement)[0]!;
    const withClosing = await follow(chair, await chair.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'budget_closing', 'closing-item': '1', 'closing-title': 'Afslutning af regnskabet for årsbudget 2025', 'closing-budget': last.budgetId }));
    expect(withClosing.body).toContain('Afslutter regnskabet for årsbudget 2025.');
    closing = proposed(withClosing)[1]!;
    expect(await t.eventCount()).toBe(before + 2);
    const board = (await api(tokens.emp, 'GET', `/centres/${centre}/board`)).body;
    expect(board.resolutions.find((r: Json) => r.resolutionId === supplement).subject).toEqual({ kind: 'budget_supplement', budgetId: last.budgetId, lineId: last.ids.Drift, year: 2025, amountOre: 10_000_00 });
    expect(board.resolutions.find((r: Json) => r.resolutionId === closing).subject).toEqual({ kind: 'budget_closing', budgetId: last.budgetId });
    // The votes, through the API.
    await votedFor(supplement!);
    await votedFor(closing);
  });

  it('acts on the adopted supplement on the budget’s page, books entries, and splits a line over the months', async () => {
    const href = `/bestyrelse/budgetter/${last.budgetId}`;
    const page = await chair.get(href);
    expect(page.body).toContain('<h2>Giv en tillægsbevilling</h2>');
    expect(page.body).toContain(`<option value="${supplement}">Tillægsbevilling til drift</option>`);
    expect(page.body).toContain(`<option value="${closing}">Afslutning af regnskabet for årsbudget 2025</option>`);
    const before = await t.eventCount();
    // A resolution the page does not offer (another kind, or unknown): refused on the field.
    for (const resolutionId of [closing, newId()]) {
      const refused = await chair.post(`${href}/tillaegsbevilling`, { 'supplement-resolution': resolutionId });
      expect(refused.statusCode).toBe(400);
      expectFieldError(refused, 'supplement-resolution', 'Vælg en vedtaget beslutning');
    }
    expect(await t.eventCount()).toBe(before);
    const granted = await follow(chair, await chair.post(`${href}/tillaegsbevilling`, { 'supplement-resolution': supplement }));
    expect(granted.body).toContain('Tillægsbevillingen er givet.');
    expect(granted.body).toContain('<th scope="row">Tillægsbevillinger</th><td><ul class="mt-0 mb-0"><li>10.000,00 kr. til 17.41.11.10 Drift: <a');
    expect((await view(last.budgetId)).lines.find((l: Json) => l.lineId === last.ids.Drift).enacted).toEqual({ '2025': 110_000_00 });
    // Used, it is offered no more.
    expect((await chair.post(`${href}/tillaegsbevilling`, { 'supplement-resolution': supplement })).statusCode).toBe(400);

    const book = (line: string, amount: string, on: string, voucher: string, reason?: string) =>
      chair.post(`${href}/forbrug`, { 'spending-line': line, 'spending-amount': amount, 'spending-on': on, 'spending-voucher': voucher, 'spending-text': `Bilag ${voucher}`, ...(reason ? { 'spending-reason': reason } : {}) });
    expect((await book(last.ids.Drift!, '80.000,00', '2025-06-30', '2025-0001')).statusCode).toBe(303);
    expect((await book(last.ids.Kurser!, '10.000,00', '2025-03-03', '2025-0002')).statusCode).toBe(303);
    expect((await book(last.ids.Vikarer!, '12.000,00', '2025-05-15', 'VIK-7', 'Sygdom i teamet hele foråret')).statusCode).toBe(303);
    expect((await book(last.ids.Lejeindtægt!, '20.000,00', '2025-12-01', '2025-0004')).statusCode).toBe(303);

    // The monthly split: twelve amounts that add up to the appropriation (110.000,00 kr. since the supplement).
    const linePage = `${href}/linjer/${last.ids.Drift}`;
    const line = await chair.get(linePage);
    expect(line.body).toContain('<h3>Fordel bevillingen på måneder</h3>');
    expect(line.body).toContain('De tolv beløb skal tilsammen give linjens bevilling for 2025: 110.000,00 kr.');
    expect(line.body).toContain('<label class="form-label" for="month-1">Januar</label>');
    expect(line.body).toContain('Linjens bevilling er ikke fordelt på måneder endnu');
    const months = (amounts: string[]) => Object.fromEntries(amounts.map((a, i) => [`month-${i + 1}`, a]));
    const even = Array.from({ length: 12 }, () => '9.000,00');
    const beforeSplit = await t.eventCount();
    const unreadable = await chair.post(`${linePage}/maanedsfordeling`, months(even.map((a, i) => (i === 2 ? 'mange' : i === 4 ? '-1,00' : a))));
    expect(unreadable.statusCode).toBe(400);
    expectFieldError(unreadable, 'month-3', 'Skriv beløbet for marts i kroner, 0 eller mere');
    expectFieldError(unreadable, 'month-5', 'Skriv beløbet for maj i kroner, 0 eller mere');
    const short = await chair.post(`${linePage}/maanedsfordeling`, months(even));
    expect(short.statusCode).toBe(422);
    expectFieldError(short, 'monthly-split', 'De tolv måneder giver tilsammen 108.000,00 kr., men linjens bevilling er 110.000,00 kr.');
    expect(short.body).toContain('value="9.000,00"');
    expect(await t.eventCount()).toBe(beforeSplit);
    const split = await follow(chair, await chair.post(`${linePage}/maanedsfordeling`, months([...even.slice(0, 11), '11.000,00'])));
    expect(split.body).toContain('Fordelingen på måneder er gemt.');
    expect((await view(last.budgetId)).lines.find((l: Json) => l.lineId === last.ids.Drift).monthly).toEqual([...Array.from({ length: 11 }, () => 9_000_00), 11_000_00]);
    // Month by month: the budget, what was spent, both to date, and the difference.
    expect(split.body).toContain('<caption>Måned for måned på 17.41.11.10 Drift, 2025</caption>');
    expect(split.body).toContain('<th scope="row">Juni</th><td class="align-text-right">9.000,00\u00a0kr.</td><td class="align-text-right">80.000,00\u00a0kr.</td><td class="align-text-right">54.000,00\u00a0kr.</td><td class="align-text-right">80.000,00\u00a0kr.</td><td class="align-text-right">-26.000,00\u00a0kr.</td>');
    expect(split.body).toContain('<tfoot><tr><th scope="row">I alt</th><td class="align-text-right">110.000,00\u00a0kr.</td><td class="align-text-right">80.000,00\u00a0kr.</td>');
    expect(split.body).toContain('value="11.000,00"');
    // A board member without a seat cannot split; nothing recorded.
    const ghost = await signedIn('board_member', 'r-nobody', centre);
    const refused = await ghost.post(`${linePage}/maanedsfordeling`, months([...even.slice(0, 11), '11.000,00']));
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Det kan kun et medlem, der sidder i centrets bestyrelse');
  });

  it('does not close a year that is not over, closes last year’s by the adopted resolution, and then books, moves and appropriates nothing on it', async () => {
    // This year's budget: the closing waits for the year's end.
    const thisYear = await chair.get(`/bestyrelse/budgetter/${next.budgetId}`);
    expect(thisYear.body).toContain('<p id="closing-resolution">Regnskabet for 2026 kan afsluttes, når året er slut: fra 1. januar 2027.</p>');
    const href = `/bestyrelse/budgetter/${last.budgetId}`;
    const before = await t.eventCount();
    const unknown = await chair.post(`${href}/regnskab`, { 'closing-resolution': supplement });
    expectFieldError(unknown, 'closing-resolution', 'Vælg en vedtaget beslutning');
    expect(await t.eventCount()).toBe(before);
    const closed = await follow(chair, await chair.post(`${href}/regnskab`, { 'closing-resolution': closing }));
    expect(closed.body).toContain('Regnskabet er afsluttet.');
    expect(closed.body).toContain('<th scope="row">Status</th><td>Regnskab afsluttet</td>');
    expect(closed.body).toMatch(/<th scope="row">Regnskab afsluttet ved beslutning<\/th><td><a href="\/bestyrelse\/moeder\/[0-9a-f-]{36}#resolution-[0-9a-f-]{36}">Afslutning af regnskabet for årsbudget 2025, /);
    expect(closed.body).toContain('Regnskabet for 2025 er afsluttet. Der bogføres, flyttes og bevilges ikke mere på budgettet.');
    // Each line's accounts in a column of their own, and where the Finance Act shows them.
    expect(closed.body).toContain('<th scope="col" class="align-text-right">Regnskab 2025</th>');
    expect(closed.body).toContain('Det står i Finanslovens kolonne R for 2027.');
    expect(closed.body).toMatch(/<td>Drift<\/td>(<td[^>]*>[^<]*<\/td>){5}<td class="align-text-right">80\.000,00\u00a0kr\.<\/td><td><a href/);
    for (const form of ['spending-form', 'reallocate-form', 'supplement-form', 'close-accounts-form', 'carry-over-form']) expect(closed.body).not.toContain(`id="${form}"`);
    const recorded = await view(last.budgetId);
    expect(recorded).toMatchObject({ status: 'closed', closing: { resolutionId: closing } });
    expect(recorded.lines.map((l: Json) => [l.description, l.accountsOre])).toEqual([
      ['Vikarer', 12_000_00],
      ['Lejeindtægt', 20_000_00],
      ['Drift', 80_000_00],
      ['Kurser', 10_000_00],
    ]);

    // Every form of an enacted budget now says the accounts are closed (409), recording nothing.
    const entry = recorded.lines.find((l: Json) => l.description === 'Drift').spending[0].spendingId;
    const afterClosing = await t.eventCount();
    for (const [url, fields] of [
      [`${href}/forbrug`, { 'spending-line': last.ids.Drift, 'spending-amount': '1,00', 'spending-on': '2025-12-31', 'spending-voucher': 'SENT-1', 'spending-text': 'For sent' }],
      [`${href}/omplacering`, { 'reallocation-resolution': newId() }],
      [`${href}/tillaegsbevilling`, { 'supplement-resolution': newId() }],
      [`${href}/regnskab`, { 'closing-resolution': closing }],
      [`${href}/linjer/${last.ids.Drift}/rettelser`, { 'correction-spending': entry, [`correction-amount-${entry}`]: '1,00', [`correction-on-${entry}`]: '2025-12-31', [`correction-voucher-${entry}`]: 'K-1', [`correction-text-${entry}`]: 'Kreditnota' }],
      [`${href}/linjer/${last.ids.Drift}/maanedsfordeling`, Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`month-${i + 1}`, '0']))],
    ] as [string, Record<string, string>][]) {
      const refused = await chair.post(url, fields);
      expect(refused.statusCode, url).toBe(409);
      expect(refused.body, url).toContain('Regnskabet for 2025 er afsluttet. Der bogføres, flyttes og bevilges ikke mere på budgettet. Intet er registreret.');
    }
    expect(await t.eventCount()).toBe(afterClosing);

    // The line's page still lists its entries, with their vouchers, and the months; no correction or split form.
    const line = await chair.get(`${href}/linjer/${last.ids.Drift}`);
    expect(line.body).toContain('<th scope="row">30. juni 2025</th><td>2025-0001</td><td>Bilag 2025-0001</td>');
    expect(line.body).toContain('<td>Regnskabet afsluttet</td>');
    expect(line.body).toContain('<caption>Måned for måned på 17.41.11.10 Drift, 2025</caption>');
    for (const form of ['split-form', `correction-form-${entry}`]) expect(line.body).not.toContain(`id="${form}"`);
  });

  it('carries what last year’s line left unspent into this year’s budget, never more', async () => {
    const page = await chair.get(`/bestyrelse/moeder/${meetingId}`);
    expect(page.body).toContain(`<option value="${next.budgetId}/${next.ids.Drift}">Årsbudget 2026: 17.41.11.10 Drift (100.000,00 kr.)</option>`);
    // What each expenditure line left: its appropriation less its accounts. The revenue line is not offered.
    expect(page.body).toContain(`<option value="${last.budgetId}/${last.ids.Kurser}">Årsbudget 2025: 17.41.11.10 Kurser (uforbrugt 40.000,00 kr.)</option>`);
    expect(page.body).toContain(`<option value="${last.budgetId}/${last.ids.Drift}">Årsbudget 2025: 17.41.11.10 Drift (uforbrugt 30.000,00 kr.)</option>`);
    expect(page.body).toContain(`<option value="${last.budgetId}/${last.ids.Vikarer}">Årsbudget 2025: 17.41.11.10 Vikarer (uforbrugt 0,00 kr.)</option>`);
    expect(page.body).not.toContain(`value="${last.budgetId}/${last.ids.Lejeindtægt}"`);
    // Unspent expenditure goes onto an expenditure line: this year's revenue line is not offered, and refused if sent.
    const targets = /<select[^>]*id="carry-line"[^>]*>(.*?)<\/select>/s.exec(page.body)![1]!;
    expect(targets).toContain(`value="${next.budgetId}/${next.ids.Drift}"`);
    expect(targets).not.toContain(`value="${next.budgetId}/${next.ids.Lejeindtægt}"`);
    const carry = (fields: Record<string, string>) => chair.post(`/bestyrelse/moeder/${meetingId}/forslag`, { kind: 'budget_carry_over', 'carry-item': '1', 'carry-title': 'Overførsel af kursusmidler', 'carry-line': `${next.budgetId}/${next.ids.Drift}`, 'carry-from': `${last.budgetId}/${last.ids.Kurser}`, ...fields });
    const before = await t.eventCount();
    const tooMuch = await carry({ 'carry-amount': '40.000,01' });
    expect(tooMuch.statusCode).toBe(400);
    expectFieldError(tooMuch, 'carry-amount', 'Linjen efterlod 40.000,00 kr. uforbrugt, som ikke er overført: skriv et beløb på højst det');
    const revenue = await carry({ 'carry-from': `${last.budgetId}/${last.ids.Lejeindtægt}`, 'carry-amount': '1,00' });
    expectFieldError(revenue, 'carry-from', 'Vælg en udgiftslinje i sidste års afsluttede regnskab');
    const intoClosed = await carry({ 'carry-line': `${last.budgetId}/${last.ids.Drift}`, 'carry-amount': '1,00' });
    expectFieldError(intoClosed, 'carry-line', 'Vælg en udgiftslinje i et bevilget årsbudget, hvis regnskab for året før er afsluttet');
    const ontoRevenue = await carry({ 'carry-line': `${next.budgetId}/${next.ids.Lejeindtægt}`, 'carry-amount': '1,00' });
    expectFieldError(ontoRevenue, 'carry-line', 'Vælg en udgiftslinje i et bevilget årsbudget');
    expect(await t.eventCount()).toBe(before);
    const proposedPage = await follow(chair, await carry({ 'carry-amount': '25.000,00' }));
    expect(proposedPage.body).toContain('Overfører 25.000,00 kr. uforbrugt fra 17.41.11.10 Kurser i årsbudget 2025 til 17.41.11.10 Drift i årsbudget 2026.');
    const carryOver = proposed(proposedPage).at(-1)!;
    await votedFor(carryOver);

    const href = `/bestyrelse/budgetter/${next.budgetId}`;
    expect((await chair.get(href)).body).toContain(`<option value="${carryOver}">Overførsel af kursusmidler</option>`);
    const carried = await follow(chair, await chair.post(`${href}/overfoersel`, { 'carry-over-resolution': carryOver }));
    expect(carried.body).toContain('Pengene er overført fra sidste år.');
    expect(carried.body).toContain('<th scope="row">Overført fra sidste år</th><td><ul class="mt-0 mb-0"><li>25.000,00 kr. til 17.41.11.10 Drift: <a');
    const nextView = await view(next.budgetId);
    expect(nextView.lines.find((l: Json) => l.description === 'Drift').enacted).toEqual({ '2026': 125_000_00 });
    expect(nextView.carriedIn).toEqual([expect.objectContaining({ resolutionId: carryOver, fromBudgetId: last.budgetId, fromLineId: last.ids.Kurser, amountOre: 25_000_00 })]);
    // The page now offers what is left of the line: 15.000,00 kr.
    expect((await chair.get(`/bestyrelse/moeder/${meetingId}`)).body).toContain('Årsbudget 2025: 17.41.11.10 Kurser (uforbrugt 15.000,00 kr.)');
    expectFieldError(await carry({ 'carry-amount': '15.000,01' }), 'carry-amount', 'Linjen efterlod 15.000,00 kr. uforbrugt');
    // A resolution adopted elsewhere (the API checks no amount when proposing) for more than is left: the decider refuses, with the sums.
    const beyond = await adopt('Overførsel af resten og lidt til', { kind: 'budget_carry_over', budgetId: next.budgetId, lineId: next.ids.Drift, year: 2026, fromBudgetId: last.budgetId, fromLineId: last.ids.Kurser, amountOre: 20_000_00 });
    const beforeRefusal = await t.eventCount();
    const refused = await chair.post(`${href}/overfoersel`, { 'carry-over-resolution': beyond });
    expect(refused.statusCode).toBe(422);
    expectFieldError(refused, 'carry-over-resolution', 'Linjen efterlod 40.000,00 kr. uforbrugt, og 25.000,00 kr. af det er allerede overført.');
    expect(await t.eventCount()).toBe(beforeRefusal);
  });

  it('shows the public the closed accounts and every overspending with its reason, never a voucher', async () => {
    for (const [lang, texts] of [
      ['da', ['<th scope="row">Regnskab afsluttet</th>', 'Merforbrug og begrundelser', '<th scope="col" class="align-text-right">Regnskab 2025</th>', 'Det står i Finanslovens kolonne R for 2027.']],
      ['en', ['<th scope="row">Accounts closed</th>', 'Overspending and its reasons', '<th scope="col" class="align-text-right">Accounts 2025</th>', 'It is column R of the Finance Act for 2027.']],
    ] as const) {
      const visitor = new Browser(t, { 'accept-language': lang });
      const page = await visitor.get(`/centre/${centre}/budgetter/${last.budgetId}`);
      expect(page.statusCode).toBe(200);
      for (const text of texts) expect(page.body).toContain(text);
      const [day, amount] = lang === 'da' ? ['15. maj 2025', '12.000,00\u00a0kr.'] : ['15 May 2025', 'DKK\u00a012,000.00'];
      expect(page.body).toContain(`<th scope="row">17.41.11.10 Vikarer</th><td>${day}</td><td class="align-text-right">${amount}</td><td>Sygdom i teamet hele foråret</td>`);
      for (const secret of ['VIK-7', 'Bilag VIK-7', '2025-0001', 'r-emp']) expect(page.body).not.toContain(secret);
    }
    // An enacted budget with no entry beyond its lines says so.
    const open = await new Browser(t).get(`/centre/${centre}/budgetter/${next.budgetId}`);
    expect(open.body).toContain('<p id="overspending">Intet bilag har bragt en linje ud over bevillingen.</p>');
  });
});

describe('who may use the board’s pages', () => {
  /** Every board route, with a form it would take. */
  const routes = () => {
    const meeting = newId();
    const resolution = newId();
    const budget = budgetB;
    return {
      gets: [
        '/bestyrelse',
        '/bestyrelse/moeder',
        `/bestyrelse/moeder/${meetingB}`,
        `/bestyrelse/moeder/${meetingB}/referat`,
        '/bestyrelse/budgetter',
        `/bestyrelse/budgetter/${budget}`,
        `/bestyrelse/budgetter/${budget}/linjer/${lineB}`,
        `/bestyrelse/budgetter/${budget}/tidspunkt`,
        `/bestyrelse/budgetter/${budget}/sammenlign`,
        `/bestyrelse/budgetter/${budget}/budget.csv`,
      ],
      posts: [
        ['/bestyrelse/udtraedelse', { on: '2027-06-30' }],
        ['/bestyrelse/moeder', { at: '2027-02-03T17:00', agenda: 'Velkomst' }],
        [`/bestyrelse/moeder/${meetingB}/fremmoede`, { present: ['b-emp'] }],
        [`/bestyrelse/moeder/${meetingB}/forslag`, { kind: 'general', item: '1', title: 'Noget' }],
        [`/bestyrelse/moeder/${meetingB}/beslutninger/${resolutionB}/stemme`, { [`choice-${resolutionB}`]: 'for' }],
        [`/bestyrelse/moeder/${meetingB}/beslutninger/${resolutionB}/afgoerelse`, {}],
        [`/bestyrelse/moeder/${meetingB}/beslutninger/${resolutionB}/dissens`, {}],
        [`/bestyrelse/moeder/${meetingB}/underskrift`, {}],
        ['/bestyrelse/budgetter', { fiscalYear: '2029', kind: 'annual' }],
        [`/bestyrelse/budgetter/${budget}/linjer`, { financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn', 'amount-2027': '1' }],
        [`/bestyrelse/budgetter/${budget}/linjer/${lineB}`, { description: 'Løn', 'amount-2027': '2' }],
        [`/bestyrelse/budgetter/${budget}/linjer/${lineB}/tilbagetraekning`, {}],
        [`/bestyrelse/budgetter/${budget}/godkendelse`, { resolutionId: resolution }],
        [`/bestyrelse/budgetter/${budget}/indsendelse`, {}],
        [`/bestyrelse/budgetter/${budget}/forbrug`, { 'spending-line': lineB, 'spending-amount': '1', 'spending-on': '2026-01-01', 'spending-voucher': '1', 'spending-text': 'Løn' }],
        [`/bestyrelse/budgetter/${budget}/linjer/${lineB}/rettelser`, { 'correction-spending': resolution, [`correction-amount-${resolution}`]: '1', [`correction-on-${resolution}`]: '2026-01-01', [`correction-voucher-${resolution}`]: '1', [`correction-text-${resolution}`]: 'Løn' }],
        [`/bestyrelse/budgetter/${budget}/omplacering`, { 'reallocation-resolution': resolution }],
        [`/bestyrelse/budgetter/${budget}/tillaegsbevilling`, { 'supplement-resolution': resolution }],
        [`/bestyrelse/budgetter/${budget}/overfoersel`, { 'carry-over-resolution': resolution }],
        [`/bestyrelse/budgetter/${budget}/regnskab`, { 'closing-resolution': resolution }],
        [`/bestyrelse/budgetter/${budget}/linjer/${lineB}/maanedsfordeling`, Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`month-${i + 1}`, '1']))],
        [`/bestyrelse/moeder/${meetingB}/forslag`, { kind: 'budget_supplement', 'supplement-item': '1', 'supplement-title': 'Mere', 'supplement-line': `${budget}/${lineB}`, 'supplement-year': '2027', 'supplement-amount': '1' }],
        [`/bestyrelse/moeder/${meetingB}/forslag`, { kind: 'budget_carry_over', 'carry-item': '1', 'carry-title': 'Overfør', 'carry-line': `${budget}/${lineB}`, 'carry-from': `${budget}/${lineB}`, 'carry-amount': '1' }],
        [`/bestyrelse/moeder/${meetingB}/forslag`, { kind: 'budget_closing', 'closing-item': '1', 'closing-title': 'Regnskab', 'closing-budget': budget }],
        [`/bestyrelse/moeder/${meeting}/underskrift`, {}],
        [`/bestyrelse/moeder/${meetingB}/punkter/1/referat`, { 'decision-1': 'Godkendt' }],
        [`/bestyrelse/moeder/${meetingB}/punkter/1/inhabilitet`, { 'recusal-1': 'b-emp' }],
        ['/bestyrelse/stemmeoffentlighed', { 'publication-resolution': resolution, 'individual-votes': 'public' }],
      ] as [string, Record<string, string | string[]>][],
    };
  };

  it('send the signed-out to sign in, and record nothing', async () => {
    const before = await t.eventCount();
    const visitor = new Browser(t);
    // The sign-in page's form gives a browser without a session its CSRF token.
    await visitor.get('/log-ind');
    for (const url of routes().gets) {
      const answer = await visitor.get(url);
      expect(answer.statusCode, url).toBe(303);
      expect(answer.headers.location, url).toBe('/log-ind');
    }
    for (const [url, fields] of routes().posts) expect((await visitor.post(url, fields)).headers.location, url).toBe('/log-ind');
    expect(await t.eventCount()).toBe(before);
  });

  it('tell a citizen, a staff member, a partner or an auditor the pages are not theirs (403), and record nothing', async () => {
    const before = await t.eventCount();
    for (const [role, centre] of [
      ['citizen', ''],
      ['staff', centreB],
      ['partner', ''],
      ['auditor', ''],
    ] as const) {
      const someone = await signedIn(role, `${role}-1`, centre);
      for (const url of routes().gets) expect((await someone.get(url)).statusCode, `${role} ${url}`).toBe(403);
      for (const [url, fields] of routes().posts) {
        const answer = await someone.post(url, fields);
        expect(answer.statusCode, `${role} ${url}`).toBe(403);
        expect(answer.body).toContain('Du har ikke adgang til siden');
      }
    }
    // The administrator's one page here is not a board member's, nor a staff member's.
    expect((await (await signedIn('staff', 'staff-1', centreA)).get('/bestyrelse/finanslov')).statusCode).toBe(403);
    expect(await t.eventCount()).toBe(before);
  });

  it('refuse a board member another centre’s meeting, resolution and budget (404), and record nothing', async () => {
    const before = await t.eventCount();
    const { gets, posts } = routes();
    for (const url of gets.filter((u) => u.includes(meetingB) || u.includes(budgetB))) expect((await emp.get(url)).statusCode, url).toBe(404);
    for (const [url, fields] of posts.filter(([u]) => u.includes(meetingB) || u.includes(budgetB))) {
      const answer = await emp.post(url, fields);
      expect(answer.statusCode, url).toBe(404);
      expect(answer.body).toContain('Siden findes ikke');
    }
    // Centre B's board is as it was: nobody from A voted there.
    const board = (await api(await t.token('board_member', centreB, 'b-emp'), 'GET', `/centres/${centreB}/board`)).body;
    expect(board.resolutions[0].votes).toEqual({});
    expect(await t.eventCount()).toBe(before);
  });
});

describe('a meeting held item by item through the board’s pages', () => {
  let centre: string;
  let chair: Browser;
  let secretary: Browser;
  let member: Browser;
  let meetingId: string;
  const resolutions: Record<number, string> = {};
  /** The part of a meeting page that is one item of its agenda. */
  const itemOf = (body: string, n: number) => {
    const start = body.indexOf(`id="item-${n}" tabindex`);
    expect(start, `item ${n} on the page`).toBeGreaterThan(0);
    const next = body.indexOf(`id="item-${n + 1}" tabindex`, start);
    return body.slice(start, next > 0 ? next : body.indexOf('</main>', start));
  };
  const meetingPage = () => `/bestyrelse/moeder/${meetingId}`;

  beforeAll(async () => {
    centre = await centreWithBoard('Virkelyst Horsens', 'h');
    await ok(await t.token('admin'), 'PUT', `/centres/${centre}/board/roles/secretary`, { memberId: 'h-part' });
    await t.engine.settle();
    [chair, secretary, member] = await Promise.all([signedIn('board_member', 'h-emp', centre), signedIn('board_member', 'h-part', centre), signedIn('board_member', 'h-cit', centre)]);
  });

  it('convenes with a place, and refuses a link that is not https on the place’s field, recording nothing', async () => {
    const before = await t.eventCount();
    const bad = await secretary.post('/bestyrelse/moeder', { at: '2027-05-04T17:00', place: 'http://meet.example.dk/bestyrelsen', agenda: 'Godkendelse af dagsorden\nÅbent hus\nEventuelt' });
    expect(bad.statusCode).toBe(400);
    expectFieldError(bad, 'place', 'Et link til et onlinemøde skal begynde med https://');
    expect(bad.body).toContain('Åbent hus');
    expect(await t.eventCount()).toBe(before);
    const convened = await secretary.post('/bestyrelse/moeder', { at: '2027-05-04T17:00', place: 'Huset, Søndergade 1, mødelokale 2', agenda: 'Godkendelse af dagsorden\nÅbent hus\nEventuelt' });
    meetingId = idFrom(convened.headers.location, /moeder\/([0-9a-f-]{36})/);
    const page = await follow(secretary, convened);
    expect(page.body).toContain('<th scope="row">Sted</th><td>Huset, Søndergade 1, mødelokale 2</td>');
    for (const [n, title] of [[1, 'Godkendelse af dagsorden'], [2, 'Åbent hus'], [3, 'Eventuelt']] as const) expect(page.body).toContain(`<h3 id="item-${n}-title">Punkt ${n}: ${title}</h3>`);
    expect((await secretary.get('/bestyrelse/moeder')).body).toContain('<td>Huset, Søndergade 1, mødelokale 2</td>');
    await secretary.post(`${meetingPage()}/fremmoede`, { present: ['h-emp', 'h-cit', 'h-part'] });
  });

  it('proposes under an item, refusing no item or one off the agenda on the item’s field, recording nothing', async () => {
    const before = await t.eventCount();
    for (const item of ['9', '0', 'to', undefined]) {
      const refused = await chair.post(`${meetingPage()}/forslag`, { kind: 'general', title: 'Åbent hus hver torsdag', ...(item === undefined ? {} : { item }) });
      expect(refused.statusCode, String(item)).toBe(400);
      expectFieldError(refused, 'item', 'Vælg det punkt på dagsordenen, beslutningen hører under');
      expect(refused.body).toContain('value="Åbent hus hver torsdag"');
    }
    // The item is chosen in every proposal form, the first by default, or the one a link under an item asks for.
    expect((await chair.get(meetingPage())).body).toMatch(/<option value="1" selected>Punkt 1: Godkendelse af dagsorden<\/option>/);
    const asked = await chair.get(`${meetingPage()}?punkt=2`);
    expect(asked.body).toMatch(/<select class="form-select" name="item" id="item"[^>]*><option value="1">Punkt 1: Godkendelse af dagsorden<\/option><option value="2" selected>/);
    expect(await t.eventCount()).toBe(before);
    for (const [n, title] of [[1, 'Dagsordenen godkendes'], [2, 'Åbent hus hver torsdag']] as const) {
      const proposed = await chair.post(`${meetingPage()}/forslag`, { kind: 'general', item: String(n), title });
      expect(proposed.headers.location).toBe(`${meetingPage()}?ok=proposed#item-${n}`);
      const page = await follow(chair, proposed);
      resolutions[n] = idFrom(itemOf(page.body, n), /id="resolution-([0-9a-f-]{36})"/);
    }
    const view = (await api(await t.token('board_member', centre, 'h-emp'), 'GET', `/centres/${centre}/board`)).body;
    expect(view.resolutions.map((r: Json) => [r.title, r.item])).toEqual([
      ['Dagsordenen godkendes', 1],
      ['Åbent hus hver torsdag', 2],
    ]);
  });

  it('declares a member disqualified on an item: the member themselves, not another unless they keep the record; the disqualified get no vote there', async () => {
    const before = await t.eventCount();
    // A member who keeps no record declares only themselves: a button, not a choice of members.
    const own = (await member.get(meetingPage())).body;
    expect(itemOf(own, 2)).toContain('id="recuse-me-2"');
    expect(itemOf(own, 2)).not.toContain('name="recusal-2" class="form-radio"');
    const other = await member.post(`${meetingPage()}/punkter/2/inhabilitet`, { 'recusal-2': 'h-emp' });
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain('Du kan erklære dig selv inhabil. Andre medlemmer erklæres inhabile af formanden');
    const stranger = await member.post(`${meetingPage()}/punkter/2/inhabilitet`, { 'recusal-2': 'not-present' });
    expect(stranger.statusCode).toBe(400);
    expectFieldError(stranger, 'recuse-me-2', 'Vælg et medlem, der er til stede');
    expect((await member.post(`${meetingPage()}/punkter/7/inhabilitet`, { 'recusal-7': 'h-cit' })).statusCode).toBe(404);
    expect(await t.eventCount()).toBe(before);

    const declared = await follow(member, await member.post(`${meetingPage()}/punkter/2/inhabilitet`, { 'recusal-2': 'h-cit' }));
    expect(declared.body).toContain('Inhabiliteten er registreret.');
    expect(itemOf(declared.body, 2)).toContain('Inhabil i punktet og deltog ikke i dets beslutninger: h-cit (Borgerrepræsentant).');
    // No vote form on item 2 for the disqualified member; on item 1 there is one.
    expect(declared.body).not.toContain(`id="vote-form-${resolutions[2]}"`);
    expect(itemOf(declared.body, 2)).toContain('Du er inhabil i punktet og stemmer ikke om dets beslutninger.');
    expect(declared.body).toContain(`id="vote-form-${resolutions[1]}"`);
    const refused = await member.post(`${meetingPage()}/beslutninger/${resolutions[2]}/stemme`, { [`choice-${resolutions[2]}`]: 'for' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Medlemmet er inhabilt i punktet og tager ikke del i dets beslutninger.');
    expect(refused.body).toContain(`href="#resolution-${resolutions[2]}"`);
    expect(await t.eventCount()).toBe(before + 1);

    // The chair votes on item 1; declared disqualified on it afterwards, by the secretary: refused, in words.
    expect((await chair.post(`${meetingPage()}/beslutninger/${resolutions[1]}/stemme`, { [`choice-${resolutions[1]}`]: 'for' })).statusCode).toBe(303);
    const afterVote = await t.eventCount();
    const late = await secretary.post(`${meetingPage()}/punkter/1/inhabilitet`, { 'recusal-1': 'h-emp' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Medlemmet har allerede stemt i punktet');
    expect(await t.eventCount()).toBe(afterVote);
  });

  it('records an item’s minutes by the secretary, shows and replaces them; refuses an empty decision, a member who keeps no record, and any change once signed', async () => {
    const before = await t.eventCount();
    const empty = await secretary.post(`${meetingPage()}/punkter/1/referat`, { 'decision-1': '   ', 'reasoning-1': 'Fordi' });
    expect(empty.statusCode).toBe(400);
    expectFieldError(empty, 'decision-1', 'Skriv, hvad bestyrelsen besluttede under punktet');
    expect(empty.body).toContain('>Fordi</textarea>');
    const inEnglish = await (await signedIn('board_member', 'h-part', centre, { 'accept-language': 'en' })).post(`${meetingPage()}/punkter/1/referat`, { 'decision-1': '' });
    expectFieldError(inEnglish, 'decision-1', 'Write what the board decided under the item');
    // A member who is not the chair, vice-chair or secretary has no minutes form, and is refused in words.
    expect((await member.get(meetingPage())).body).not.toContain('id="decision-1"');
    const notTheirs = await member.post(`${meetingPage()}/punkter/1/referat`, { 'decision-1': 'Godkendt' });
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.body).toContain('Referatet af et punkt skrives af formanden, næstformanden eller sekretæren');
    expect(notTheirs.body).toContain('href="#item-1"');
    expect((await secretary.post(`${meetingPage()}/punkter/4/referat`, { 'decision-4': 'Godkendt' })).statusCode).toBe(404);
    expect(await t.eventCount()).toBe(before);

    const first = await secretary.post(`${meetingPage()}/punkter/2/referat`, { 'decision-2': 'Centret holder åbent hus.', 'reasoning-2': 'Flere borgere har spurgt.' });
    expect(first.headers.location).toBe(`${meetingPage()}?ok=minuted#item-2`);
    const shown = itemOf((await follow(secretary, first)).body, 2);
    expect(shown).toContain('<p>Centret holder åbent hus.</p>');
    expect(shown).toContain('>Centret holder åbent hus.</textarea>');
    const again = itemOf((await follow(secretary, await secretary.post(`${meetingPage()}/punkter/2/referat`, { 'decision-2': 'Centret holder åbent hus hver torsdag.\n\nFørste gang i juni.', 'reasoning-2': '' }))).body, 2);
    expect(again).toContain('<p>Centret holder åbent hus hver torsdag.</p><p>Første gang i juni.</p>');
    expect(again).not.toContain('Flere borgere har spurgt.');
    const view = (await api(await t.token('board_member', centre, 'h-emp'), 'GET', `/centres/${centre}/board`)).body;
    expect(view.meetings.find((m: Json) => m.meetingId === meetingId).itemMinutes).toEqual({ '2': { decision: 'Centret holder åbent hus hver torsdag.\n\nFørste gang i juni.', reasoning: null } });
    expect(await t.eventCount()).toBe(before + 2);

    // Item 1 adopted, item 2 (where h-cit is disqualified) rejected; the minutes signed: then nothing changes.
    await secretary.post(`${meetingPage()}/beslutninger/${resolutions[1]}/stemme`, { [`choice-${resolutions[1]}`]: 'for' });
    await member.post(`${meetingPage()}/beslutninger/${resolutions[1]}/stemme`, { [`choice-${resolutions[1]}`]: 'against' });
    await chair.post(`${meetingPage()}/beslutninger/${resolutions[2]}/stemme`, { [`choice-${resolutions[2]}`]: 'against' });
    await secretary.post(`${meetingPage()}/beslutninger/${resolutions[2]}/stemme`, { [`choice-${resolutions[2]}`]: 'against' });
    for (const n of [1, 2]) expect((await chair.post(`${meetingPage()}/beslutninger/${resolutions[n]}/afgoerelse`)).statusCode).toBe(303);
    for (const b of [chair, secretary, member]) expect((await b.post(`${meetingPage()}/underskrift`)).statusCode).toBe(303);
    const signed = await t.eventCount();
    const afterSigning = await secretary.post(`${meetingPage()}/punkter/1/referat`, { 'decision-1': 'Dagsordenen blev godkendt.' });
    expect(afterSigning.statusCode).toBe(409);
    expect(afterSigning.body).toContain('Referatet er underskrevet, så mødet kan ikke længere ændres.');
    expect(afterSigning.body).toContain('href="#item-1"');
    expect(await t.eventCount()).toBe(signed);
  });

  it('shows the minutes item by item to the board, and to the public with the count only until the chair records the rules of procedure', async () => {
    const minutes = await chair.get(`${meetingPage()}/referat`);
    expect(minutes.statusCode).toBe(200);
    expect(minutes.body).toContain('<h1>Referat af møde tirsdag 4. maj kl. 17.00</h1>');
    expect(minutes.body).toContain('<h2 id="item-2-title">Punkt 2: Åbent hus</h2>');
    expect(minutes.body).toContain('Inhabil i punktet og deltog ikke i dets beslutninger: h-cit (Borgerrepræsentant).');
    expect(minutes.body).toContain('<p><strong>Forkastet</strong>. Generel beslutning. 0 for, 2 imod, 0 undlod at stemme.</p>');
    expect(minutes.body).toContain('<p>Der er ikke skrevet referat af punktet.</p>');

    const publicMinutes = () => new Browser(t).get(`/centre/${centre}/referater`);
    const counted = await publicMinutes();
    expect(counted.body).toContain('Efter bestyrelsens forretningsorden er kun optællingen af stemmerne offentlig');
    expect(counted.body).toContain('<p>Centret holder åbent hus hver torsdag.</p><p>Første gang i juni.</p>');
    expect(counted.body).toContain('<p><strong>Vedtaget</strong>. Generel beslutning. 2 for, 1 imod, 0 undlod at stemme.</p>');
    expect(counted.body).not.toContain('<th scope="row">Borgerrepræsentant</th><td>Imod</td>');

    // Only the chair records it, naming an adopted resolution.
    expect((await member.get('/bestyrelse')).body).not.toContain('id="publication-form"');
    const before = await t.eventCount();
    const notChair = await member.post('/bestyrelse/stemmeoffentlighed', { 'publication-resolution': resolutions[1]!, 'individual-votes': 'public' });
    expect(notChair.statusCode).toBe(403);
    expect(notChair.body).toContain('Det registrerer formanden (eller en administrator).');
    const rejected = await chair.post('/bestyrelse/stemmeoffentlighed', { 'publication-resolution': resolutions[2]!, 'individual-votes': 'public' });
    expect(rejected.statusCode).toBe(400);
    expectFieldError(rejected, 'publication-resolution', 'Vælg en beslutning, bestyrelsen har vedtaget');
    const noChoice = await chair.post('/bestyrelse/stemmeoffentlighed', { 'publication-resolution': resolutions[1]!, 'individual-votes': 'sometimes' });
    expectFieldError(noChoice, 'individual-votes', 'Vælg, om hvert medlems stemme er offentlig, eller kun optællingen');
    expect(await t.eventCount()).toBe(before);
    const set = await follow(chair, await chair.post('/bestyrelse/stemmeoffentlighed', { 'publication-resolution': resolutions[1]!, 'individual-votes': 'public' }));
    expect(set.body).toContain('Det er registreret, hvad forretningsordenen siger om stemmerne.');
    expect(set.body).toContain('<p id="vote-publication">Efter bestyrelsens forretningsorden er det offentligt, hvordan hvert medlem stemte om en vedtaget beslutning.</p>');
    expect(await t.eventCount()).toBe(before + 1);

    // Now the public sees how each member voted on the adopted resolution, never on the rejected one.
    const open = await publicMinutes();
    expect(open.body).toContain('<caption>Stemmer om: Dagsordenen godkendes</caption>');
    // By their place on the board: none of them published a name, and the public never sees an id.
    expect(open.body).toContain('<th scope="row">Borgerrepræsentant</th><td>Imod</td>');
    expect(open.body).not.toContain('h-cit');
    expect(open.body).not.toContain('<caption>Stemmer om: Åbent hus hver torsdag</caption>');
    const adopted = await new Browser(t, { 'accept-language': 'en' }).get(`/centre/${centre}/beslutninger`);
    for (const vote of ['Employee representative: For', 'Citizen representative: Against']) expect(adopted.body).toContain(vote);
    expect(adopted.body).not.toContain('h-cit');
  });
});
