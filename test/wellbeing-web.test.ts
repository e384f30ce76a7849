/**
 * The WHO-5 well-being questions on "Mine sider", through fastify's inject against a real
 * PostgreSQL: five statements in the WHO-5's own words, one fieldset of six radios each, then
 * "Tjek dine svar" and one button that records them (once on a double submit); unanswered
 * statements named in the error summary, and nothing recorded; voluntary, and said so; the answers
 * never in a URL; the citizen's to read among everything recorded about them, in both languages.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WHO5_ITEMS } from '../src/domain/journey/who5.js';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';
import { field, InjectBrowser } from './support/inject-browser.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let centreId: string;

class Browser extends InjectBrowser {
  constructor(headers: Record<string, string> = {}) {
    super(() => t.app, headers);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.token('admin');
  const created = await t.app.inject({ method: 'POST', url: '/centres', headers: { authorization: `Bearer ${admin}`, 'idempotency-key': newId() }, payload: { municipalityCode: '101', name: 'Virkelyst Nørrebro' } });
  centreId = created.json().centreId;
  await t.engine.settle();
});
afterAll(async () => t.close());

async function signIn(browser: Browser, role: string, personId: string, centre = ''): Promise<void> {
  const form = await browser.get('/log-ind');
  expect((await browser.post('/log-ind', { _csrf: field(form.body, '_csrf') ?? '', role, personId, centreId: centre })).statusCode).toBe(303);
}

async function citizenWithJourney(headers: Record<string, string> = {}) {
  const browser = new Browser(headers);
  const citizenId = `citizen-${newId().slice(-12)}`;
  await signIn(browser, 'citizen', citizenId);
  const check = await browser.get(`/mine-sider/start/tjek?centre=${centreId}`);
  expect((await browser.submit(check, '/mine-sider/start/tjek', { centreId })).statusCode).toBe(303);
  await t.engine.settle();
  return { browser, citizenId };
}

const answered = async (citizenId: string) => {
  const { rows } = await sql<{ data: { scores: unknown } }>`select data from events where stream_id = ${`journey-${citizenId}`} and event_type = 'WellBeingAnswered' order by global_position`.execute(t.database.db);
  return Promise.all(rows.map((r) => t.vault.open(r.data.scores)));
};
const all = (scores: readonly number[]) => Object.fromEntries(WHO5_ITEMS.map((item, i) => [item, String(scores[i])]));

describe('the WHO-5 on Mine sider', () => {
  it('is offered, never asked for: a plain link on Mine sider, with no count, date or reminder', async () => {
    const { browser } = await citizenWithJourney();
    const mine = await browser.get('/mine-sider');
    expect(mine.body).toContain('<a href="/mine-sider/trivsel" id="wellbeing-link">Svar på spørgsmålene om trivsel</a>');
    expect(mine.body).toContain('Det er helt frivilligt, og medarbejderne kan ikke se dine svar.');
    expect(mine.body).not.toMatch(/mangler|husk at|frist|påmind|ikke besvaret/i);
  });

  it('asks the five statements in the WHO-5’s words, one fieldset each with its six answers, says it is voluntary and what for, and cites the source', async () => {
    const { browser } = await citizenWithJourney();
    const page = await browser.get('/mine-sider/trivsel');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Hvordan har du haft det?</h1>');
    expect(page.body).toContain('Det er helt frivilligt at svare. Du behøver aldrig at svare, og intet afhænger af, om du gør det.');
    expect(page.body).toContain('Medarbejderne på centret kan ikke se dem.');
    expect(page.body).toContain('kun til forskning');
    expect((page.body.match(/<fieldset /g) ?? []).length).toBe(5);
    expect((page.body.match(/type="radio"/g) ?? []).length).toBe(30);
    for (const statement of [
      'I de sidste 2 uger … har jeg været glad og i godt humør',
      'I de sidste 2 uger … har jeg følt mig rolig og afslappet',
      'I de sidste 2 uger … har jeg følt mig aktiv og energisk',
      'I de sidste 2 uger … er jeg vågnet frisk og udhvilet',
      'I de sidste 2 uger … har min dagligdag været fyldt med ting der interesserer mig',
    ]) {
      expect(page.body).toContain(`">${statement}</legend>`);
    }
    // The six answers in the form's order, from "Hele tiden" (5) to "På intet tidspunkt" (0).
    const labels = [...page.body.matchAll(/<input type="radio" id="cheerful[^"]*" name="cheerful" class="form-radio" value="(\d)">\s*<label class="form-label" for="[^"]+">([^<]+)<\/label>/g)].map((m) => [m[1], m[2]]);
    expect(labels).toEqual([
      ['5', 'Hele tiden'],
      ['4', 'Det meste af tiden'],
      ['3', 'Lidt mere end halvdelen af tiden'],
      ['2', 'Lidt mindre end halvdelen af tiden'],
      ['1', 'Lidt af tiden'],
      ['0', 'På intet tidspunkt'],
    ]);
    expect(page.body).toContain('WHO Collaborating Centre in Mental Health, Psykiatrisk Forskningsenhed, Psykiatrisk Center Nordsjælland');
    expect(page.body).toContain('Det må bruges frit uden tilladelse');
    expect(page.body).toContain('href="https://www.psykiatri-regionh.dk/who-5/who-5-questionnaires/Pages/default.aspx" hreflang="en"');
    // A way out without answering, in so many words.
    expect(page.body).toContain('<a href="/mine-sider" id="no-thanks">Nej tak, tilbage til Mine sider</a>');
  });

  it('in English, the original wording', async () => {
    const { browser } = await citizenWithJourney({ 'accept-language': 'en' });
    const page = await browser.get('/mine-sider/trivsel');
    expect(page.body).toMatch(/<html lang="en">/);
    expect(page.body).toContain('<h2>WHO-5 Well-Being Index</h2>');
    expect(page.body).toContain('">Over the last two weeks … I have felt cheerful and in good spirits</legend>');
    expect(page.body).toContain('">Over the last two weeks … I woke up feeling fresh and rested</legend>');
    expect(page.body).toContain('>All of the time</label>');
    expect(page.body).toContain('>At no time</label>');
    expect(page.body).toContain('Answering is entirely voluntary.');
    expect(page.body).toContain('Mental Health Centre North Zealand');
  });

  it('names each statement left unanswered in the error summary, keeps the answers given, and records nothing', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const page = await browser.get('/mine-sider/trivsel');
    const before = await t.eventCount();
    const partly = await browser.submit(page, '/mine-sider/trivsel', { cheerful: '4', rested: '0' });
    expect(partly.statusCode).toBe(400);
    for (const item of ['calm', 'active', 'interested']) expect(partly.body).toContain(`<a href="#${item}" class="function-link">`);
    expect(partly.body).not.toContain('href="#cheerful"');
    expect(partly.body).toMatch(/id="cheerful-2" name="cheerful" class="form-radio" value="4" checked/);
    expect(partly.body).toMatch(/name="rested" class="form-radio" value="0" checked/);
    // A value that is no answer of the six is a bad request.
    expect((await browser.submit(page, '/mine-sider/trivsel', { ...all([3, 3, 3, 3, 3]), calm: '6' })).statusCode).toBe(400);
    expect((await browser.submit(page, '/mine-sider/trivsel', { ...all([3, 3, 3, 3, 3]), calm: 'benefit' })).statusCode).toBe(400);
    expect(await t.eventCount()).toBe(before);
    expect(await answered(citizenId)).toEqual([]);
  });

  it('shows "Tjek dine svar", lets them change the answers, and records once on a double submit; the answers never in a URL', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const page = await browser.get('/mine-sider/trivsel');
    const check = await browser.submit(page, '/mine-sider/trivsel', all([5, 4, 3, 0, 1]));
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('<h1>Tjek dine svar</h1>');
    expect(check.body).toContain('<th scope="row">I de sidste 2 uger … har jeg været glad og i godt humør</th><td>Hele tiden</td>');
    expect(check.body).toContain('<th scope="row">I de sidste 2 uger … er jeg vågnet frisk og udhvilet</th><td>På intet tidspunkt</td>');
    expect(await answered(citizenId)).toEqual([]);

    // Changing them: the questions again, answers as given.
    const change = await browser.post('/mine-sider/trivsel/ret', { _csrf: browser.lastCsrf, ...all([5, 4, 3, 0, 1]) });
    expect(change.statusCode).toBe(200);
    expect(change.body).toMatch(/name="active" class="form-radio" value="3" checked/);
    const checkAgain = await browser.submit(change, '/mine-sider/trivsel', all([5, 4, 3, 2, 1]));

    const key = field(checkAgain.body, 'idempotencyKey');
    expect(key).toBeDefined();
    const saved = await browser.submit(checkAgain, '/mine-sider/trivsel/tjek', all([5, 4, 3, 2, 1]));
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/mine-sider?trivsel=1');
    const again = await browser.submit(checkAgain, '/mine-sider/trivsel/tjek', all([5, 4, 3, 2, 1]));
    expect(again.statusCode).toBe(303);
    expect(await answered(citizenId)).toEqual([[5, 4, 3, 2, 1]]);
    // The same key with other answers gets the first answer and records nothing more: the scores are
    // kept out of the command's fingerprint (a digest of five answers could be matched against all of them).
    const other = await browser.submit(checkAgain, '/mine-sider/trivsel/tjek', all([0, 0, 0, 0, 0]));
    expect(other.statusCode).toBe(303);
    expect(await answered(citizenId)).toEqual([[5, 4, 3, 2, 1]]);

    const mine = await browser.get('/mine-sider?trivsel=1');
    expect(mine.body).toContain('Tak. Dine svar er gemt.');
    // Every form that carries answers posts them in its body.
    for (const body of [page.body, check.body, change.body, checkAgain.body]) expect(body).not.toMatch(/action="[^"]*\?[^"]*"/);
  });

  it('an incomplete or tampered "Tjek dine svar" records nothing', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const page = await browser.get('/mine-sider/trivsel');
    const check = await browser.submit(page, '/mine-sider/trivsel', all([1, 2, 3, 4, 5]));
    const { interested: _dropped, ...four } = all([1, 2, 3, 4, 5]);
    expect((await browser.submit(check, '/mine-sider/trivsel/tjek', four)).statusCode).toBe(400);
    expect((await browser.submit(check, '/mine-sider/trivsel/tjek', { ...all([1, 2, 3, 4, 5]), calm: '9' })).statusCode).toBe(400);
    expect((await browser.post('/mine-sider/trivsel/tjek', { _csrf: browser.lastCsrf, ...all([1, 2, 3, 4, 5]) })).statusCode).toBe(400);
    expect(await answered(citizenId)).toEqual([]);
  });

  it('the citizen reads their answers among everything recorded about them, and in the download', async () => {
    const { browser, citizenId } = await citizenWithJourney();
    const page = await browser.get('/mine-sider/trivsel');
    const check = await browser.submit(page, '/mine-sider/trivsel', all([2, 2, 2, 2, 2]));
    expect((await browser.submit(check, '/mine-sider/trivsel/tjek', all([2, 2, 2, 2, 2]))).statusCode).toBe(303);
    await t.engine.settle();
    const records = await browser.get('/mine-sider/optegnelser');
    expect(records.body).toContain('Du besvarede selv WHO-5 Trivselsindeks: 10 af 25 point (40 %). I de sidste 2 uger … har jeg været glad og i godt humør: Lidt mindre end halvdelen af tiden;');
    const download = await browser.get('/mine-sider/optegnelser.json');
    const record = download.json().records.find((r: { type: string }) => r.type === 'WellBeingAnswered');
    expect(record).toMatchObject({ recordedBy: 'citizen', data: { scores: [2, 2, 2, 2, 2] } });
    expect(citizenId).toBe(download.json().citizenId);
  });

  it('without an open journey there is nothing to answer on: Mine sider says how to start one', async () => {
    const browser = new Browser();
    await signIn(browser, 'citizen', `citizen-${newId().slice(-12)}`);
    const page = await browser.get('/mine-sider/trivsel');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/mine-sider');
  });

  it('is for citizens: staff get a 403 and record nothing, the signed out are sent to sign in', async () => {
    const staff = new Browser();
    await signIn(staff, 'staff', 'counsellor-wellbeing-web', centreId);
    expect((await staff.get('/mine-sider/trivsel')).statusCode).toBe(403);
    const before = await t.eventCount();
    const form = await staff.get('/');
    for (const url of ['/mine-sider/trivsel', '/mine-sider/trivsel/ret', '/mine-sider/trivsel/tjek']) {
      expect((await staff.post(url, { _csrf: field(form.body, '_csrf') ?? '', idempotencyKey: newId(), ...all([3, 3, 3, 3, 3]) })).statusCode, url).toBe(403);
    }
    expect(await t.eventCount()).toBe(before);
    const away = await new Browser().get('/mine-sider/trivsel');
    expect(away.statusCode).toBe(303);
    expect(away.headers.location).toBe('/log-ind');
  });
});
