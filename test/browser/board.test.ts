/**
 * A board in a real browser, end to end on the embedded default (`npm start`'s own process and
 * PostgreSQL). The board exists as an administrator set it up through the API (constituted, three
 * members seated); then a board member, in the browser, drafts a budget with lines, convenes a
 * meeting, records attendance and proposes approving the budget; the members vote (one in a
 * second browser, in English, one through the API), the votes are counted, the budget approved by
 * the adopted resolution; it is replayed as of a moment before and after, the two compared, the
 * chart read with its table, the CSV downloaded; the minutes signed and public.
 *
 * What was recorded is read back through the API (tokens for the same people), not from the page
 * that says so. axe-core on every board page type and the public pages, in Danish and English.
 */
import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.js';
import { chromium, establishCentre, inBrowser, launchBrowser, newContext, pageLanguage, seriousAxeViolations, startEmbeddedServer, watchPage } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startEmbeddedServer>>;
type Json = Record<string, any>;

/** The wall-clock second now, in Copenhagen, as a datetime-local field holds it ("2027-01-05T10:00:05"). */
const wallClock = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .format(at)
    .replace(' ', 'T');
/**
 * A moment strictly between what happened before and what happens after, to the second: as the
 * form takes it (Copenhagen wall-clock time) and as the API does (the end of that second, which
 * the page's replay counts in whole).
 */
async function mark(): Promise<{ wall: string; iso: string }> {
  await new Promise((r) => setTimeout(r, 1100));
  const now = new Date();
  const wall = wallClock(now);
  now.setUTCMilliseconds(999);
  await new Promise((r) => setTimeout(r, 1100));
  return { wall, iso: now.toISOString() };
}

describe.skipIf(!chromium)('a board in Chromium, on the embedded default', () => {
  let server: Server;
  let browser: Browser;
  const centreName = `Virkelyst Valby ${newId().slice(-4)}`;
  let centreId: string;
  /** What the first test made, for the second to visit. */
  const made: { budgetId?: string; meetingId?: string; lineId?: string; resolutionId?: string; before?: { wall: string; iso: string }; after?: { wall: string; iso: string } } = {};

  async function api(token: string, method: 'GET' | 'POST', url: string, body?: object): Promise<Json> {
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(method === 'POST' ? { 'content-type': 'application/json', 'idempotency-key': newId() } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
    return JSON.parse(text) as Json;
  }
  const admin = () => server.token('admin');
  const member = (id: string) => server.token('board_member', centreId, id);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startEmbeddedServer(), launchBrowser()]);
    centreId = await establishCentre(server.url, server.token, { name: centreName, municipalityCode: '101' });
    // The board as an administrator records it: constituted, a partner seat, three members seated, a chair.
    await api(await admin(), 'POST', `/centres/${centreId}/board`, {});
    const { created } = await api(await admin(), 'POST', `/centres/${centreId}/board/seats`, { organisation: 'Valby Erhvervsforening' });
    await api(await admin(), 'POST', `/centres/${centreId}/board/seats/employee/member`, { memberId: 'mette.hansen', how: 'elected', from: '2026-01-01' });
    await api(await admin(), 'POST', `/centres/${centreId}/board/seats/citizen/member`, { memberId: 'sofie.jensen', how: 'elected', from: '2026-01-01' });
    await api(await admin(), 'POST', `/centres/${centreId}/board/seats/${created.seatId}/member`, { memberId: 'ali.yilmaz', how: 'appointed', from: '2026-01-01' });
    await fetch(`${server.url}/centres/${centreId}/board/roles/chair`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await admin()}`, 'content-type': 'application/json', 'idempotency-key': newId() },
      body: JSON.stringify({ memberId: 'mette.hansen' }),
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function expectAccessible(page: Page, lang: 'da' | 'en') {
    expect(await pageLanguage(page)).toBe(lang);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  /** The local development sign-in, as a board member of the centre. */
  async function signIn(page: Page, memberId: string, lang: 'da' | 'en' = 'da') {
    await page.goto(server.url + '/log-ind');
    await page.getByLabel(lang === 'da' ? 'Bestyrelsesmedlem' : 'Board member', { exact: true }).check();
    await page.getByLabel(lang === 'da' ? 'Person-id' : 'Person id').fill(memberId);
    await page.locator('#centreId').selectOption(centreId);
    await page.getByRole('button', { name: lang === 'da' ? 'Log ind' : 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/bestyrelse');
  }

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

  it('drafts a budget, has it approved by a resolution at a meeting, and replays, compares, charts and downloads it', async () => {
    await inBrowser(browser, 'board-budget-approved', {}, async (page, shots) => {
      const step = async (name: string) => {
        await expectAccessible(page, 'da');
        await shots.step(name);
      };
      await signIn(page, 'mette.hansen');
      await heading(page, 'Bestyrelsen');
      expect(await page.getByRole('row', { name: /Medarbejderrepræsentant mette\.hansen Formand/ }).count()).toBe(1);
      await step('the board and its seats');

      // A draft budget with two lines.
      await page.getByRole('link', { name: 'Budgetter', exact: true }).first().click();
      await heading(page, 'Budgetter');
      await page.getByLabel('Finansår').fill('2027');
      await page.getByLabel('Årsbudget', { exact: true }).check();
      await step('the budgets');
      await page.getByRole('button', { name: 'Lav udkastet' }).click();
      await heading(page, 'Årsbudget 2027');
      made.budgetId = /budgetter\/([0-9a-f-]{36})/.exec(page.url())![1];
      // Sent with nothing filled in: the error summary names each field.
      await page.getByRole('button', { name: 'Foreslå linjen' }).click();
      await page.getByRole('link', { name: /Skriv finanslovskontoen med 8 cifre/ }).waitFor();
      await step('a line refused');
      const line = async (account: string, standard: string, text: string, amount: string) => {
        await page.getByLabel('Finanslovskonto').fill(account);
        await page.getByLabel('Standardkonto').fill(standard);
        await page.getByLabel('Tekst', { exact: true }).fill(text);
        await page.getByLabel('Beløb 2027').fill(amount);
        await page.getByRole('button', { name: 'Foreslå linjen' }).click();
        await page.getByRole('cell', { name: text, exact: true }).first().waitFor();
      };
      await line('17411110', '18', 'Løn til vejledere', '1.250.000,00');
      await line('17411110', '22', 'Lokaler og drift', '350.000');
      await step('the draft with two lines');
      made.before = await mark();

      // A meeting: convened, attendance, the approval proposed for the budget's current version.
      await page.goto(server.url + '/bestyrelse');
      await page.getByRole('link', { name: 'Møder, beslutninger og referater' }).click();
      await heading(page, 'Møder');
      await page.getByLabel('Hvornår holdes mødet?').fill('2027-01-12T17:00');
      await page.getByLabel('Punkter på dagsordenen').fill('Godkendelse af dagsorden\nÅrsbudget 2027\nEventuelt');
      await step('convening a meeting');
      await page.getByRole('button', { name: 'Indkald til mødet' }).click();
      await heading(page, 'Møde tirsdag 12. januar kl. 17.00');
      made.meetingId = /moeder\/([0-9a-f-]{36})/.exec(page.url())![1];
      for (const who of ['mette.hansen', 'sofie.jensen', 'ali.yilmaz']) await page.getByLabel(who).check();
      await page.getByRole('button', { name: 'Registrér fremmøde' }).click();
      await page.getByText('Fremmødet er registreret.').waitFor();
      await page.getByLabel('Hvilket budget?').selectOption({ label: 'Årsbudget 2027, version 2' });
      expect(await page.locator('#approval-title').inputValue()).toBe('Godkendelse af årsbudget 2027, version 2');
      await step('the meeting with attendance');
      await page.getByRole('button', { name: 'Foreslå godkendelsen' }).click();
      await page.getByText('Forslaget er sat til afstemning.').waitFor();
      made.resolutionId = (await page.locator('section[id^="resolution-"]').getAttribute('id'))!.slice('resolution-'.length);

      // The votes: this member here, the citizen representative in her own browser (in English), the partner through the API.
      await page.getByRole('group', { name: /Din stemme om/ }).getByLabel('For', { exact: true }).check();
      await page.getByRole('button', { name: 'Afgiv stemme' }).click();
      await page.getByText('Din stemme er registreret.').waitFor();
      await step('voted');
      const other = await newContext(browser, { locale: 'en-GB' });
      try {
        const theirs = await other.newPage();
        const problems = watchPage(theirs);
        await signIn(theirs, 'sofie.jensen', 'en');
        await theirs.goto(`${server.url}/bestyrelse/moeder/${made.meetingId}`);
        await theirs.getByRole('group', { name: /Your vote on/ }).getByLabel('For', { exact: true }).check();
        await theirs.getByRole('button', { name: 'Cast vote' }).click();
        await theirs.getByText('Your vote is recorded.').waitFor();
        await expectAccessible(theirs, 'en');
        await theirs.screenshot({ path: `${shots.dir}/second-member-voted-in-english.png`, fullPage: true });
        expect(problems.seen).toEqual([]);
      } finally {
        await other.close();
      }
      await api(await member('ali.yilmaz'), 'POST', `/centres/${centreId}/board/resolutions/${made.resolutionId}/votes`, { choice: 'for' });
      await page.reload();
      await page.getByRole('button', { name: 'Gør afstemningen op' }).click();
      await page.getByText('Afstemningen er gjort op.').waitFor();
      expect(await page.getByText('3 for, 0 imod, 0 undlod at stemme.').count()).toBe(1);
      await step('adopted');

      // Approved by the adopted resolution, on the budget's page.
      await page.goto(`${server.url}/bestyrelse/budgetter/${made.budgetId}`);
      await page.getByLabel('Hvilken beslutning?').selectOption({ label: 'Godkendelse af årsbudget 2027, version 2' });
      await page.getByRole('button', { name: 'Godkend budgettet' }).click();
      await page.getByText('Budgettet er godkendt.').waitFor();
      await step('approved');
      made.after = await mark();

      // As of a moment before, and after.
      await page.getByLabel('Tidspunkt').fill(made.before!.wall);
      await page.getByRole('button', { name: 'Vis budgettet' }).click();
      await heading(page, 'Budgettet, som det stod');
      expect(await page.getByRole('row', { name: 'Status Udkast' }).count()).toBe(1);
      await step('as it stood before');
      await page.getByLabel('Tidspunkt').fill(made.after!.wall);
      await page.getByRole('button', { name: 'Vis budgettet' }).click();
      await page.getByRole('row', { name: 'Status Godkendt af bestyrelsen' }).waitFor();
      await step('as it stood after');
      // The two compared.
      await page.getByLabel('Fra').fill(made.before!.wall);
      await page.getByLabel('Til').fill(made.after!.wall);
      await page.getByRole('button', { name: 'Sammenlign' }).click();
      await heading(page, 'Sammenlign budgettet på to tidspunkter');
      expect(await page.getByRole('row', { name: 'Status Udkast, version 2 Godkendt af bestyrelsen, version 2' }).count()).toBe(1);
      await step('compared');

      // The chart: an image with a name, its legend and axis in the SVG, and the same numbers as a table.
      await page.goto(`${server.url}/bestyrelse/budgetter/${made.budgetId}`);
      const chart = page.getByRole('img', { name: 'Årsbudget 2027: budget, bevilling og forbrug pr. linje' });
      await chart.scrollIntoViewIfNeeded();
      expect(await chart.locator('text').allTextContents()).toEqual(expect.arrayContaining(['Budget 2027', 'Beløb i t. kr.', 'Budgetlinje']));
      await page.locator('#budget-chart-table summary').click();
      expect(await page.locator('#budget-chart-table').getByRole('row', { name: /Løn til vejledere 1\.250\.000,00\skr\./ }).count()).toBe(1);
      await step('the chart and its table');

      // The CSV: downloaded, with its name and type, in the Danish convention.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent som CSV til dansk regneark' }).click()]);
      expect(download.suggestedFilename()).toBe('virkelyst-aarsbudget-2027-dansk.csv');
      const csv = await fs.readFile((await download.path())!, 'utf8');
      expect(csv.split('\r\n').slice(0, 3)).toEqual([
        '\ufeffFinanslovskonto;Standardkonto;Tekst;Budget 2027;Bevilget 2027;Forbrug',
        '17411110;18;Løn til vejledere;1.250.000,00;;0,00',
        '17411110;22;Lokaler og drift;350.000,00;;0,00',
      ]);
      const asked = await page.request.get(`${server.url}/bestyrelse/budgetter/${made.budgetId}/budget.csv?tal=en`);
      expect(asked.headers()['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect(asked.headers()['content-disposition']).toBe('attachment; filename="virkelyst-aarsbudget-2027-rfc4180.csv"');

      // A line's story.
      await page.getByRole('link', { name: /Historik for 17\.41\.11\.10 Løn til vejledere/ }).click();
      await heading(page, 'Budgetlinje: 17.41.11.10 Løn til vejledere');
      expect(await page.getByRole('cell', { name: 'Godkendt ved beslutning' }).count()).toBe(1);
      made.lineId = /linjer\/([0-9a-f-]{36})/.exec(page.url())![1];
      await step('a line’s story');

      // The minutes signed by everyone present, and then public.
      await page.goto(`${server.url}/bestyrelse/moeder/${made.meetingId}`);
      await page.getByRole('button', { name: 'Underskriv referatet' }).click();
      await page.getByText('Du har underskrevet referatet.').first().waitFor();
      for (const who of ['sofie.jensen', 'ali.yilmaz']) await api(await member(who), 'POST', `/centres/${centreId}/board/meetings/${made.meetingId}/minutes/sign`, {});
      await page.reload();
      expect(await page.getByRole('row', { name: 'Referat Referatet er underskrevet' }).count()).toBe(1);
      await step('minutes signed');

      // What was recorded, through the API.
      const budget = await api(await member('mette.hansen'), 'GET', `/budgets/${made.budgetId}`);
      expect(budget).toMatchObject({ status: 'approved', version: 2, approval: { resolutionId: made.resolutionId, version: 2, by: 'mette.hansen' } });
      expect(budget.lines.map((l: Json) => [l.financeAccount, l.standardAccount, l.description, l.amounts['2027']])).toEqual([
        ['17411110', '18', 'Løn til vejledere', 125_000_000],
        ['17411110', '22', 'Lokaler og drift', 35_000_000],
      ]);
      const before = await api(await member('mette.hansen'), 'GET', `/budgets/${made.budgetId}?asOf=${encodeURIComponent(made.before!.iso)}`);
      expect(before.status).toBe('draft');
      const board = await api(await member('mette.hansen'), 'GET', `/centres/${centreId}/board`);
      expect(board.resolutions.find((r: Json) => r.resolutionId === made.resolutionId)).toMatchObject({
        status: 'adopted',
        subject: { kind: 'budget_approval', budgetId: made.budgetId, version: 2 },
        votes: { 'mette.hansen': 'for', 'sofie.jensen': 'for', 'ali.yilmaz': 'for' },
      });
      expect(board.meetings.find((m: Json) => m.meetingId === made.meetingId)).toMatchObject({ present: ['mette.hansen', 'sofie.jensen', 'ali.yilmaz'], minutes: 'signed' });
    });
  });

  it('shows every board page type in English and the public pages in both languages, each with no serious accessibility fault', async () => {
    if (!made.budgetId || !made.meetingId || !made.lineId) throw new Error('the first test made no budget and meeting to visit');
    const budget = `/bestyrelse/budgetter/${made.budgetId}`;
    const boardPages = [
      { name: 'the board', path: '/bestyrelse', h1: 'The board' },
      { name: 'meetings', path: '/bestyrelse/moeder', h1: 'Meetings' },
      { name: 'a meeting', path: `/bestyrelse/moeder/${made.meetingId}`, h1: 'Meeting Tuesday 12 January at 17:00' },
      { name: 'budgets', path: '/bestyrelse/budgetter', h1: 'Budgets' },
      { name: 'an approved budget', path: budget, h1: 'Annual budget 2027' },
      { name: 'a line', path: `${budget}/linjer/${made.lineId}`, h1: 'Budget line: 17.41.11.10 Løn til vejledere' },
      { name: 'as of a moment', path: `${budget}/tidspunkt?tidspunkt=${encodeURIComponent(made.before!.wall)}`, h1: 'The budget as it stood' },
      { name: 'two moments compared', path: `${budget}/sammenlign?fra=${encodeURIComponent(made.before!.wall)}&til=${encodeURIComponent(made.after!.wall)}`, h1: 'Compare the budget at two moments' },
      { name: 'a moment refused', path: `${budget}/tidspunkt?tidspunkt=tomorrow`, h1: 'The budget as it stood', error: 'Type a moment, for example 5-1-2027 10:00' },
    ];
    await inBrowser(browser, 'board-pages-en', { locale: 'en-GB' }, async (page, shots) => {
      await signIn(page, 'sofie.jensen', 'en');
      for (const { name, path, h1, error } of boardPages) {
        await page.goto(server.url + path);
        await heading(page, h1);
        if (error) await page.getByRole('link', { name: error }).waitFor();
        await expectAccessible(page, 'en');
        await shots.step(name);
      }
      // A draft budget's page too (a development budget, with a form for each of its five years).
      await page.goto(server.url + '/bestyrelse/budgetter');
      await page.getByLabel('Fiscal year').fill('2028');
      await page.getByLabel('Development budget (5 years)').check();
      await page.getByRole('button', { name: 'Draft the budget' }).click();
      await heading(page, 'Development budget 2028–2032');
      expect(await page.getByLabel(/^Amount 20(28|29|30|31|32)$/).count()).toBe(5);
      await expectAccessible(page, 'en');
      await shots.step('a draft development budget');
    });

    const publicPages = (lang: 'da' | 'en') => [
      { name: 'approved budgets', path: `/centre/${centreId}/budgetter`, h1: `${lang === 'da' ? 'Budgetter' : 'Budgets'}: ${centreName}` },
      { name: 'an approved budget', path: `/centre/${centreId}/budgetter/${made.budgetId}`, h1: lang === 'da' ? 'Årsbudget 2027' : 'Annual budget 2027' },
      { name: 'adopted resolutions', path: `/centre/${centreId}/beslutninger`, h1: `${lang === 'da' ? 'Bestyrelsens beslutninger' : 'The board’s resolutions'}: ${centreName}` },
      { name: 'signed minutes', path: `/centre/${centreId}/referater`, h1: `${lang === 'da' ? 'Bestyrelsens referater' : 'The board’s minutes'}: ${centreName}` },
    ];
    for (const lang of ['da', 'en'] as const) {
      await inBrowser(browser, `board-public-${lang}`, { locale: lang === 'da' ? 'da-DK' : 'en-GB' }, async (page, shots) => {
        for (const { name, path, h1 } of publicPages(lang)) {
          expect((await page.goto(server.url + path))?.status()).toBe(200);
          await heading(page, h1);
          await expectAccessible(page, lang);
          await shots.step(name);
        }
        // The approved budget is public with its chart; who acted is not.
        await page.goto(`${server.url}/centre/${centreId}/budgetter/${made.budgetId}`);
        expect(await page.getByRole('img').filter({ has: page.locator('title') }).count()).toBeGreaterThan(0);
        expect(await page.getByText('mette.hansen').count()).toBe(0);
        await page.goto(`${server.url}/centre/${centreId}/beslutninger`);
        // The resolution as the board adopted it (its title is the board's own words), and what it decided.
        expect(await page.getByRole('rowheader', { name: 'Godkendelse af årsbudget 2027, version 2' }).count()).toBe(1);
        expect(await page.getByRole('cell', { name: lang === 'da' ? 'Godkender årsbudget 2027, version 2' : 'Approves annual budget 2027, version 2' }).count()).toBe(1);
      });
    }
  });
});
