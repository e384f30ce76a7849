/**
 * A board in a real browser, end to end on the embedded default (`npm start`'s own process and
 * PostgreSQL). The board exists as an administrator set it up through the API (constituted, three
 * members seated); then a board member, in the browser, drafts a budget with expenditure and
 * revenue lines, convenes a meeting, records attendance and proposes approving the budget; the
 * members vote (one in a second browser, in English, one through the API), the votes are counted,
 * the budget approved by the adopted resolution; it is replayed as of a moment before and after,
 * the two compared, the chart read with its table, the CSV downloaded; the minutes signed and
 * public. Submitted, and enacted by an administrator through the API, it has entries recorded
 * against it in the browser: one beyond its line's appropriation, refused without a reason and
 * recorded with one, then corrected on the line's page.
 *
 * The budget is for 2026: an entry is dated in its fiscal year and not after today, and the
 * server runs on the real clock.
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
  const made: { budgetId?: string; meetingId?: string; lineId?: string; entryLineId?: string; resolutionId?: string; before?: { wall: string; iso: string }; after?: { wall: string; iso: string } } = {};

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

      // A draft budget with two expenditure lines and a revenue line.
      await page.getByRole('link', { name: 'Budgetter', exact: true }).first().click();
      await heading(page, 'Budgetter');
      await page.getByLabel('Finansår').fill('2026');
      await page.getByLabel('Årsbudget', { exact: true }).check();
      await step('the budgets');
      await page.getByRole('button', { name: 'Lav udkastet' }).click();
      await heading(page, 'Årsbudget 2026');
      made.budgetId = /budgetter\/([0-9a-f-]{36})/.exec(page.url())![1];
      // Sent with nothing filled in: the error summary names each field, the choice of expenditure or revenue too.
      await page.getByRole('button', { name: 'Foreslå linjen' }).click();
      await page.getByRole('link', { name: /Skriv finanslovskontoen med 8 cifre/ }).waitFor();
      await page.getByRole('link', { name: 'Vælg, om linjen er en udgift eller en indtægt' }).waitFor();
      await step('a line refused');
      // A negative amount is refused on its field: a line is expenditure or revenue.
      await page.getByLabel('Finanslovskonto').fill('17411110');
      await page.getByLabel('Standardkonto').fill('21');
      await page.getByRole('group', { name: 'Udgift eller indtægt?' }).getByLabel('Indtægt').check();
      await page.getByLabel('Tekst', { exact: true }).fill('Lejeindtægt, mødelokaler');
      await page.getByLabel('Beløb 2026').fill('-18.000,00');
      await page.getByRole('button', { name: 'Foreslå linjen' }).click();
      await page.getByRole('link', { name: /Beløbet for 2026 kan ikke være negativt/ }).click();
      await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('amount-2026');
      await step('a negative amount refused');
      const line = async (account: string, standard: string, nature: 'Udgift' | 'Indtægt', text: string, amount: string) => {
        await page.getByLabel('Finanslovskonto').fill(account);
        await page.getByLabel('Standardkonto').fill(standard);
        await page.getByRole('group', { name: 'Udgift eller indtægt?' }).getByLabel(nature, { exact: true }).check();
        await page.getByLabel('Tekst', { exact: true }).fill(text);
        await page.getByLabel('Beløb 2026').fill(amount);
        await page.getByRole('button', { name: 'Foreslå linjen' }).click();
        await page.getByRole('cell', { name: text, exact: true }).first().waitFor();
      };
      await line('17411110', '18', 'Udgift', 'Løn til vejledere', '1.250.000,00');
      await line('17411110', '22', 'Udgift', 'Lokaler og drift', '350.000');
      await line('17411110', '21', 'Indtægt', 'Lejeindtægt, mødelokaler', '18.000,00');
      // Expenditure and revenue totalled apart, net at the foot.
      expect(await page.getByRole('row', { name: /^Udgifter i alt 1\.600\.000,00\skr\./ }).count()).toBe(1);
      expect(await page.getByRole('row', { name: /^Indtægter i alt 18\.000,00\skr\./ }).count()).toBe(1);
      expect(await page.getByRole('row', { name: /^Netto \(udgifter minus indtægter\) 1\.582\.000,00\skr\./ }).count()).toBe(1);
      await step('the draft with three lines');
      made.before = await mark();

      // A meeting: convened, attendance, the approval proposed for the budget's current version.
      await page.goto(server.url + '/bestyrelse');
      await page.getByRole('link', { name: 'Møder, beslutninger og referater' }).click();
      await heading(page, 'Møder');
      await page.getByLabel('Hvornår holdes mødet?').fill('2027-01-12T17:00');
      await page.getByLabel('Punkter på dagsordenen').fill('Godkendelse af dagsorden\nÅrsbudget 2026\nEventuelt');
      await step('convening a meeting');
      await page.getByRole('button', { name: 'Indkald til mødet' }).click();
      await heading(page, 'Møde tirsdag 12. januar kl. 17.00');
      made.meetingId = /moeder\/([0-9a-f-]{36})/.exec(page.url())![1];
      for (const who of ['mette.hansen', 'sofie.jensen', 'ali.yilmaz']) await page.getByLabel(who).check();
      await page.getByRole('button', { name: 'Registrér fremmøde' }).click();
      await page.getByText('Fremmødet er registreret.').waitFor();
      await page.getByLabel('Hvilket budget?').selectOption({ label: 'Årsbudget 2026, version 3' });
      expect(await page.locator('#approval-title').inputValue()).toBe('Godkendelse af årsbudget 2026, version 3');
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
      await page.getByLabel('Hvilken beslutning?').selectOption({ label: 'Godkendelse af årsbudget 2026, version 3' });
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
      expect(await page.getByRole('row', { name: 'Status Udkast, version 3 Godkendt af bestyrelsen, version 3' }).count()).toBe(1);
      await step('compared');

      // The chart: an image with a name, its legend and axis in the SVG, and the same numbers as a table.
      await page.goto(`${server.url}/bestyrelse/budgetter/${made.budgetId}`);
      const chart = page.getByRole('img', { name: 'Årsbudget 2026: budget, bevilling og forbrug pr. linje' });
      await chart.scrollIntoViewIfNeeded();
      expect(await chart.locator('text').allTextContents()).toEqual(expect.arrayContaining(['Budget 2026', 'Beløb i t. kr.', 'Budgetlinje']));
      await page.locator('#budget-chart-table summary').click();
      // With both natures in the budget, each line is named with its own.
      expect(await page.locator('#budget-chart-table').getByRole('row', { name: /Løn til vejledere \(udgift\) 1\.250\.000,00\skr\./ }).count()).toBe(1);
      expect(await page.locator('#budget-chart-table').getByRole('row', { name: /Lejeindtægt, mødelokaler \(indtægt\) 18\.000,00\skr\./ }).count()).toBe(1);
      await step('the chart and its table');

      // The CSV: downloaded, with its name and type, in the Danish convention.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent som CSV til dansk regneark' }).click()]);
      expect(download.suggestedFilename()).toBe('virkelyst-aarsbudget-2026-dansk.csv');
      const csv = await fs.readFile((await download.path())!, 'utf8');
      expect(csv.split('\r\n').slice(0, 4)).toEqual([
        '\ufeffFinanslovskonto;Standardkonto;Art;Tekst;Budget 2026;Bevilget 2026;Forbrug;Rest;Regnskab 2026',
        '17411110;18;Udgift;Løn til vejledere;1.250.000,00;;0,00;;',
        '17411110;21;Indtægt;Lejeindtægt, mødelokaler;18.000,00;;0,00;;',
        '17411110;22;Udgift;Lokaler og drift;350.000,00;;0,00;;',
      ]);
      const asked = await page.request.get(`${server.url}/bestyrelse/budgetter/${made.budgetId}/budget.csv?tal=en`);
      expect(asked.headers()['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect(asked.headers()['content-disposition']).toBe('attachment; filename="virkelyst-aarsbudget-2026-rfc4180.csv"');

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
      expect(budget).toMatchObject({ status: 'approved', version: 3, approval: { resolutionId: made.resolutionId, version: 3, by: 'mette.hansen' } });
      expect(budget.lines.map((l: Json) => [l.financeAccount, l.standardAccount, l.nature, l.description, l.amounts['2026']])).toEqual([
        ['17411110', '18', 'expenditure', 'Løn til vejledere', 125_000_000],
        ['17411110', '21', 'revenue', 'Lejeindtægt, mødelokaler', 1_800_000],
        ['17411110', '22', 'expenditure', 'Lokaler og drift', 35_000_000],
      ]);
      const before = await api(await member('mette.hansen'), 'GET', `/budgets/${made.budgetId}?asOf=${encodeURIComponent(made.before!.iso)}`);
      expect(before.status).toBe('draft');
      const board = await api(await member('mette.hansen'), 'GET', `/centres/${centreId}/board`);
      expect(board.resolutions.find((r: Json) => r.resolutionId === made.resolutionId)).toMatchObject({
        status: 'adopted',
        subject: { kind: 'budget_approval', budgetId: made.budgetId, version: 3 },
        votes: { 'mette.hansen': 'for', 'sofie.jensen': 'for', 'ali.yilmaz': 'for' },
      });
      expect(board.meetings.find((m: Json) => m.meetingId === made.meetingId)).toMatchObject({ present: ['mette.hansen', 'sofie.jensen', 'ali.yilmaz'], minutes: 'signed' });
    });
  }, 90_000);

  it('is submitted, enacted, and has entries recorded against it: beyond the appropriation only with a reason, and corrected on the line’s page', async () => {
    if (!made.budgetId) throw new Error('the first test made no budget');
    await inBrowser(browser, 'board-budget-entries', {}, async (page, shots) => {
      const step = async (name: string) => {
        await expectAccessible(page, 'da');
        await shots.step(name);
      };
      await signIn(page, 'mette.hansen');
      await page.goto(`${server.url}/bestyrelse/budgetter/${made.budgetId}`);
      await page.getByRole('button', { name: 'Send til Finansloven' }).click();
      await page.getByText('Budgettet er sendt til Finansloven.').waitFor();
      // The Finance Act's appropriation, as an administrator records it: as approved.
      await api(await admin(), 'POST', `/budgets/${made.budgetId}/enact`, { lines: [] });
      // The read model follows the log a moment later; the page is read once it holds the act.
      await expect.poll(async () => (await api(await member('mette.hansen'), 'GET', `/budgets/${made.budgetId}`)).status).toBe('enacted');
      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'Bogfør et bilag' }).waitFor();
      await step('enacted, with the entry form');

      // An entry beyond the line's appropriation (350.000,00 kr.): refused without a reason, on the reason's field.
      await page.getByLabel('Hvilken linje?').selectOption({ label: '17.41.11.10 Lokaler og drift (udgift)' });
      await page.getByLabel('Beløb', { exact: true }).fill('400.000,00');
      await page.getByLabel('Bilagsdato').fill('2026-03-15');
      await page.getByLabel('Bilagsnummer').fill('B-17');
      await page.getByLabel('Bilagstekst').fill('Vikarbureauet Hansen ApS, marts');
      await page.getByRole('button', { name: 'Bogfør bilaget' }).click();
      await page.getByRole('link', { name: /Bilaget bringer linjen ud over bevillingen/ }).click();
      await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('spending-reason');
      expect(await page.getByLabel('Bilagsnummer').inputValue()).toBe('B-17');
      await step('overspending refused without a reason');
      await page.getByLabel(/Begrundelse for merforbrug/).fill('Langtidssygdom; dækkes af mindreforbrug på løn');
      await page.getByRole('button', { name: 'Bogfør bilaget' }).click();
      await page.getByText('Bilaget er bogført.').waitFor();
      expect(await page.getByRole('row', { name: /^17\.41\.11\.10 22 Andre ordinære driftsomkostninger Udgift Lokaler og drift .* 400\.000,00\skr\. -50\.000,00\skr\. 50\.000,00\skr\./ }).count()).toBe(1);
      await step('an entry beyond the appropriation, with its reason');

      // The line's page: the entry, and a correction of part of it.
      await page.getByRole('link', { name: /Historik for 17\.41\.11\.10 Lokaler og drift/ }).click();
      await heading(page, 'Budgetlinje: 17.41.11.10 Lokaler og drift');
      made.entryLineId = /linjer\/([0-9a-f-]{36})/.exec(page.url())![1];
      expect(await page.getByRole('row', { name: 'Merforbrug 50.000,00 kr.' }).count()).toBe(1);
      await page.getByText('Ret bilag B-17 (15. marts 2026, 400.000,00 kr.)').click();
      const form = page.locator('form[id^="correction-form-"]');
      await form.getByLabel('Beløb, der tilbageføres').fill('60.000,00');
      await form.getByLabel('Bilagsdato').fill('2026-04-02');
      await form.getByLabel('Bilagsnummer').fill('B-17R');
      await form.getByLabel('Bilagstekst').fill('Kreditnota, vikarbureauet');
      await step('correcting an entry');
      await form.getByRole('button', { name: 'Bogfør rettelsen' }).click();
      await page.getByText('Rettelsen er bogført.').waitFor();
      expect(await page.getByRole('row', { name: 'Forbrug 340.000,00 kr.' }).count()).toBe(1);
      expect(await page.getByRole('row', { name: 'Merforbrug 0,00 kr.' }).count()).toBe(1);
      expect(await page.getByRole('cell', { name: 'Bilag rettet' }).count()).toBe(1);
      await step('the entry corrected');

      // What was recorded, through the API.
      const budget = await api(await member('mette.hansen'), 'GET', `/budgets/${made.budgetId}`);
      const operating = budget.lines.find((l: Json) => l.lineId === made.entryLineId);
      expect(operating).toMatchObject({ nature: 'expenditure', spentOre: 34_000_000, remainingOre: 1_000_000, overspentOre: 0 });
      expect(operating.spending).toMatchObject([
        {
          amountOre: 40_000_000,
          on: '2026-03-15',
          voucher: 'B-17',
          text: 'Vikarbureauet Hansen ApS, marts',
          overspendReason: 'Langtidssygdom; dækkes af mindreforbrug på løn',
          correctedOre: 6_000_000,
          corrections: [{ amountOre: 6_000_000, on: '2026-04-02', voucher: 'B-17R', text: 'Kreditnota, vikarbureauet' }],
        },
      ]);
    });
  }, 60_000);

  it('shows every board page type in English and the public pages in both languages, each with no serious accessibility fault', async () => {
    if (!made.budgetId || !made.meetingId || !made.lineId || !made.entryLineId) throw new Error('the first tests made no budget, entries and meeting to visit');
    const budget = `/bestyrelse/budgetter/${made.budgetId}`;
    const boardPages = [
      { name: 'the board', path: '/bestyrelse', h1: 'The board' },
      { name: 'meetings', path: '/bestyrelse/moeder', h1: 'Meetings' },
      { name: 'a meeting', path: `/bestyrelse/moeder/${made.meetingId}`, h1: 'Meeting Tuesday 12 January at 17:00' },
      { name: 'budgets', path: '/bestyrelse/budgetter', h1: 'Budgets' },
      { name: 'an enacted budget', path: budget, h1: 'Annual budget 2026' },
      { name: 'a line', path: `${budget}/linjer/${made.lineId}`, h1: 'Budget line: 17.41.11.10 Løn til vejledere' },
      { name: 'a line with entries', path: `${budget}/linjer/${made.entryLineId}`, h1: 'Budget line: 17.41.11.10 Lokaler og drift' },
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
      { name: 'an enacted budget', path: `/centre/${centreId}/budgetter/${made.budgetId}`, h1: lang === 'da' ? 'Årsbudget 2026' : 'Annual budget 2026' },
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
        // The approved budget is public with its chart; who acted is not, nor the vouchers' numbers and texts.
        await page.goto(`${server.url}/centre/${centreId}/budgetter/${made.budgetId}`);
        expect(await page.getByRole('img').filter({ has: page.locator('title') }).count()).toBeGreaterThan(0);
        expect(await page.getByText('mette.hansen').count()).toBe(0);
        for (const secret of ['Vikarbureauet', 'B-17', 'Kreditnota']) expect(await page.getByText(secret).count()).toBe(0);
        await page.goto(`${server.url}/centre/${centreId}/beslutninger`);
        // The resolution as the board adopted it (its title is the board's own words), and what it decided.
        expect(await page.getByRole('rowheader', { name: 'Godkendelse af årsbudget 2026, version 3' }).count()).toBe(1);
        expect(await page.getByRole('cell', { name: lang === 'da' ? 'Godkender årsbudget 2026, version 3' : 'Approves annual budget 2026, version 3' }).count()).toBe(1);
      });
    }
  }, 90_000);
});
