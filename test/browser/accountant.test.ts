/**
 * An accountant closes a year, in a real browser. The board exists as an administrator set it up
 * through the API (constituted, three members seated, a chair), and so do two annual budgets,
 * approved by resolution and enacted as approved: last year's (2025, its fiscal year over) and this
 * year's (2026). Then the chair, in the browser, books last year's entries (one beyond its line's
 * appropriation, with its reason), splits a line over the months (first with months that do not
 * add up, said with both sums), proposes a supplementary appropriation and the closing of the
 * accounts at a meeting; both are adopted (votes in the browser and through the API) and applied
 * on the budget's page, which then shows the budget closed with its accounts. What a line of the
 * closed accounts left unspent is proposed, adopted and carried over into this year's budget, never
 * more than it left, and an entry is booked on it.
 *
 * The server runs on the real clock: last year's accounts can be closed because 2025 is over, and
 * this year's entry is dated on a day already past. What was recorded is read back through the API.
 * axe-core on every new page type, in Danish and English, and the public budget page in both.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.js';
import { chromium, establishCentre, eventually, inBrowser, launchBrowser, pageLanguage, seriousAxeViolations, startTestServer } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Json = Record<string, any>;

describe.skipIf(!chromium)('an accountant closes a year, in Chromium', () => {
  let server: Server;
  let browser: Browser;
  const centreName = `Virkelyst Køge ${newId().slice(-4)}`;
  let centreId: string;
  const members = ['mette.hansen', 'sofie.jensen', 'ali.yilmaz'];
  /** The two budgets and their lines' ids by description; the meeting the year's end is decided at. */
  const last = { budgetId: '', lines: {} as Record<string, string> };
  const next = { budgetId: '', lines: {} as Record<string, string> };
  let meetingId = '';

  async function api(token: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: object): Promise<Json> {
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(method === 'GET' ? {} : { 'content-type': 'application/json', 'idempotency-key': newId() }) },
      ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as Json;
  }
  const admin = () => server.token('admin');
  const member = (id: string) => server.token('board_member', centreId, id);
  /** The budget as the API serves it, once the read model has it and `ready` holds (it follows the log a moment later). */
  const budgetOnceIt = (budgetId: string, ready: (view: Json) => boolean) =>
    eventually(async () => {
      const response = await fetch(`${server.url}/budgets/${budgetId}`, { headers: { authorization: `Bearer ${await member('mette.hansen')}` } });
      const view = response.ok ? ((await response.json()) as Json) : undefined;
      return view && ready(view) ? view : undefined;
    });
  /** The resolution of that title, from the board's read model, once it has it. */
  const resolutionTitled = (title: string) =>
    eventually(async () => (await api(await member('mette.hansen'), 'GET', `/centres/${centreId}/board`)).resolutions.find((r: Json) => r.title === title) as Json | undefined);

  /** A resolution adopted through the API, at a meeting of its own. */
  async function adopt(title: string, subject: object): Promise<string> {
    const chair = await member('mette.hansen');
    const { created: meeting } = await api(chair, 'POST', `/centres/${centreId}/board/meetings`, { at: '2026-11-02T17:00:00+01:00', agenda: [title] });
    await api(chair, 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/attendance`, { present: members });
    const { created } = await api(chair, 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/resolutions`, { title, subject });
    for (const who of members) await api(await member(who), 'POST', `/centres/${centreId}/board/resolutions/${created.resolutionId}/votes`, { choice: 'for' });
    await api(chair, 'POST', `/centres/${centreId}/board/resolutions/${created.resolutionId}/decide`);
    return created.resolutionId;
  }
  /** An annual budget, approved by an adopted resolution, submitted and enacted as approved, through the API. */
  async function enacted(year: number, lines: { description: string; standardAccount: string; nature: 'expenditure' | 'revenue'; ore: number }[], into: typeof last) {
    const chair = await member('mette.hansen');
    into.budgetId = (await api(chair, 'POST', `/centres/${centreId}/budgets`, { fiscalYear: year, kind: 'annual' })).created.budgetId;
    for (const l of lines) {
      const { created } = await api(chair, 'POST', `/budgets/${into.budgetId}/lines`, { financeAccount: '17411110', standardAccount: l.standardAccount, nature: l.nature, description: l.description, amounts: { [year]: l.ore } });
      into.lines[l.description] = created.lineId;
    }
    const { version } = await budgetOnceIt(into.budgetId, (v) => v.lines.length === lines.length);
    await api(chair, 'POST', `/budgets/${into.budgetId}/approve`, { resolutionId: await adopt(`Godkendelse af årsbudget ${year}`, { kind: 'budget_approval', budgetId: into.budgetId, version }) });
    await api(chair, 'POST', `/budgets/${into.budgetId}/submit`);
    await api(await admin(), 'POST', `/budgets/${into.budgetId}/enact`, { lines: [] });
    await budgetOnceIt(into.budgetId, (v) => v.status === 'enacted');
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    centreId = await establishCentre(server.url, server.token, { name: centreName, municipalityCode: '259' });
    await api(await admin(), 'POST', `/centres/${centreId}/board`, {});
    const { created } = await api(await admin(), 'POST', `/centres/${centreId}/board/seats`, { organisation: 'Køge Erhvervsforening' });
    await api(await admin(), 'POST', `/centres/${centreId}/board/seats/employee/member`, { memberId: 'mette.hansen', how: 'elected', from: '2025-01-01' });
    await api(await admin(), 'POST', `/centres/${centreId}/board/seats/citizen/member`, { memberId: 'sofie.jensen', how: 'elected', from: '2025-01-01' });
    await api(await admin(), 'POST', `/centres/${centreId}/board/seats/${created.seatId}/member`, { memberId: 'ali.yilmaz', how: 'appointed', from: '2025-01-01' });
    await api(await admin(), 'PUT', `/centres/${centreId}/board/roles/chair`, { memberId: 'mette.hansen' });
    await enacted(
      2025,
      [
        { description: 'Løn til vejledere', standardAccount: '18', nature: 'expenditure', ore: 600_000_00 },
        { description: 'Lokaler og drift', standardAccount: '22', nature: 'expenditure', ore: 200_000_00 },
        { description: 'Lejeindtægt, mødelokaler', standardAccount: '21', nature: 'revenue', ore: 20_000_00 },
      ],
      last,
    );
    await enacted(2026, [{ description: 'Lokaler og drift', standardAccount: '22', nature: 'expenditure', ore: 200_000_00 }], next);
  }, 60_000);
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
  /** This member votes for the resolution in the browser, the two others through the API, and the votes are counted on the page. */
  async function adoptAtMeeting(page: Page, title: string): Promise<string> {
    const { resolutionId } = await resolutionTitled(title);
    const section = page.locator(`#resolution-${resolutionId}`);
    await section.getByRole('group', { name: `Din stemme om: ${title}` }).getByLabel('For', { exact: true }).check();
    await section.getByRole('button', { name: 'Afgiv stemme' }).click();
    await page.getByText('Din stemme er registreret.').waitFor();
    for (const who of members.slice(1)) await api(await member(who), 'POST', `/centres/${centreId}/board/resolutions/${resolutionId}/votes`, { choice: 'for' });
    await page.reload();
    await page.locator(`#resolution-${resolutionId}`).getByRole('button', { name: 'Gør afstemningen op' }).click();
    await page.getByText('Afstemningen er gjort op.').waitFor();
    expect(await page.locator(`#resolution-${resolutionId}`).getByText('3 for, 0 imod, 0 undlod at stemme.').count()).toBe(1);
    return resolutionId;
  }
  /** An entry on the budget's page, as the form takes it. */
  async function book(page: Page, o: { line: string; amount: string; on: string; voucher: string; text: string; reason?: string }) {
    await page.getByLabel('Hvilken linje?').selectOption({ label: o.line });
    await page.getByLabel('Beløb', { exact: true }).fill(o.amount);
    await page.getByLabel('Bilagsdato').fill(o.on);
    await page.getByLabel('Bilagsnummer').fill(o.voucher);
    await page.getByLabel('Bilagstekst').fill(o.text);
    if (o.reason) await page.getByLabel(/Begrundelse for merforbrug/).fill(o.reason);
    await page.getByRole('button', { name: 'Bogfør bilaget' }).click();
    await page.getByText('Bilaget er bogført.').waitFor();
  }

  it('books last year’s entries, splits a line over the months, and applies a supplementary appropriation and the closing adopted at a meeting', async () => {
    await inBrowser(browser, 'accountant-closes-a-year', {}, async (page, shots) => {
      const step = async (name: string) => {
        await expectAccessible(page, 'da');
        await shots.step(name);
      };
      await signIn(page, 'mette.hansen');
      await page.goto(`${server.url}/bestyrelse/budgetter/${last.budgetId}`);
      await heading(page, 'Årsbudget 2025');
      // Last year's accounts wait for a resolution to close them: none is adopted yet.
      await page.getByText('Der er ingen vedtaget beslutning om at afslutte regnskabet, som ikke er brugt.').waitFor();
      await step('last year’s enacted budget');

      // The year's entries: salaries, operating costs (the last of them beyond the line, with its reason), and rent received.
      await book(page, { line: '17.41.11.10 Løn til vejledere (udgift)', amount: '550.000,00', on: '2025-06-30', voucher: 'L-2025-06', text: 'Løn januar til juni' });
      await book(page, { line: '17.41.11.10 Lokaler og drift (udgift)', amount: '180.000,00', on: '2025-09-30', voucher: 'D-2025-09', text: 'Husleje og drift, 3. kvartal' });
      await book(page, { line: '17.41.11.10 Lokaler og drift (udgift)', amount: '30.000,00', on: '2025-12-20', voucher: 'D-2025-12', text: 'Blikkenslager Jensen ApS', reason: 'Vandskade i kælderen' });
      await book(page, { line: '17.41.11.10 Lejeindtægt, mødelokaler (indtægt)', amount: '20.000,00', on: '2025-12-15', voucher: 'I-2025-01', text: 'Leje af mødelokaler' });
      expect(await page.getByRole('row', { name: /^17\.41\.11\.10 22 Andre ordinære driftsomkostninger Udgift Lokaler og drift .* 210\.000,00\skr\. -10\.000,00\skr\. 10\.000,00\skr\./ }).count()).toBe(1);
      await step('the year’s entries');

      // The operating line split over the months: first with months that add up to less than the line, said with both sums.
      await page.getByRole('link', { name: /Historik for 17\.41\.11\.10 Lokaler og drift/ }).click();
      await heading(page, 'Budgetlinje: 17.41.11.10 Lokaler og drift');
      await page.getByText('De tolv beløb skal tilsammen give linjens bevilling for 2025: 200.000,00 kr.').waitFor();
      const split = page.locator('#split-form');
      const months = ['Januar', 'Februar', 'Marts', 'April', 'Maj', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'December'];
      for (const month of months) await split.getByLabel(month, { exact: true }).fill('16.000,00');
      await split.getByLabel('December', { exact: true }).fill('20.000,00');
      await split.getByRole('button', { name: 'Gem fordelingen' }).click();
      await page.getByRole('link', { name: /De tolv måneder giver tilsammen 196\.000,00 kr\., men linjens bevilling er 200\.000,00 kr\./ }).click();
      await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('monthly-split');
      expect(await split.getByLabel('Januar', { exact: true }).inputValue()).toBe('16.000,00');
      await step('a split that does not add up');
      await split.getByLabel('December', { exact: true }).fill('24.000,00');
      await split.getByRole('button', { name: 'Gem fordelingen' }).click();
      await page.getByText('Fordelingen på måneder er gemt.').waitFor();
      // Month by month: the budget, what was spent, both to date, and the difference.
      expect(await page.getByRole('row', { name: /^September 16\.000,00\skr\. 180\.000,00\skr\. 144\.000,00\skr\. 180\.000,00\skr\. -36\.000,00\skr\.$/ }).count()).toBe(1);
      expect(await page.getByRole('row', { name: /^December 24\.000,00\skr\. 30\.000,00\skr\. 200\.000,00\skr\. 210\.000,00\skr\. -10\.000,00\skr\.$/ }).count()).toBe(1);
      await step('the line split over the months');

      // A meeting: a supplementary appropriation for the salaries, and the closing of last year's accounts.
      await page.goto(server.url + '/bestyrelse/moeder');
      await page.getByLabel('Hvornår holdes mødet?').fill('2026-12-03T17:00');
      await page.getByLabel('Punkter på dagsordenen').fill('Tillægsbevilling til løn 2025\nRegnskab 2025\nOverførsel til 2026');
      await page.getByRole('button', { name: 'Indkald til mødet' }).click();
      await heading(page, 'Møde torsdag 3. december kl. 17.00');
      meetingId = /moeder\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      for (const who of members) await page.getByLabel(who).check();
      await page.getByRole('button', { name: 'Registrér fremmøde' }).click();
      await page.getByText('Fremmødet er registreret.').waitFor();
      const supplement = page.locator('#propose-supplement-form');
      await supplement.getByLabel('Tekst til beslutningen om tillægsbevilling').fill('Tillægsbevilling til løn 2025');
      await supplement.getByLabel('Linjen, der får tillægsbevillingen').selectOption({ label: 'Årsbudget 2025: 17.41.11.10 Løn til vejledere (600.000,00 kr.)' });
      await supplement.getByLabel('Tillægsbevillingen gælder året').selectOption('2025');
      await supplement.getByRole('button', { name: 'Foreslå tillægsbevillingen' }).click();
      // Without an amount: refused on its field, nothing recorded.
      await page.getByRole('link', { name: 'Skriv et beløb større end 0 kr., fx 10.000,00' }).click();
      await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('supplement-amount');
      await step('a supplementary appropriation refused without its amount');
      await page.locator('#supplement-amount').fill('50.000,00');
      await page.getByRole('button', { name: 'Foreslå tillægsbevillingen' }).click();
      await page.getByText('Forslaget er sat til afstemning.').waitFor();
      await page.getByText('Tillægsbevilling på 50.000,00 kr. i 2025 til 17.41.11.10 Løn til vejledere i årsbudget 2025.').waitFor();
      // Only last year's budget is offered for closing: this year's is not over.
      const closing = page.locator('#propose-closing-form');
      expect(await closing.getByLabel('Hvilket årsbudget?').locator('option').allTextContents()).toEqual(['Årsbudget 2025']);
      expect(await closing.getByLabel('Tekst til beslutningen om at afslutte regnskabet').inputValue()).toBe('Afslutning af regnskabet for årsbudget 2025');
      await step('the meeting, with the closing to propose');
      await closing.getByRole('button', { name: 'Foreslå at afslutte regnskabet' }).click();
      await page.getByText('Afslutter regnskabet for årsbudget 2025.').waitFor();
      await adoptAtMeeting(page, 'Tillægsbevilling til løn 2025');
      await adoptAtMeeting(page, 'Afslutning af regnskabet for årsbudget 2025');
      await step('both adopted');

      // On the budget's page: the supplementary appropriation applied, then the accounts closed.
      await page.goto(`${server.url}/bestyrelse/budgetter/${last.budgetId}`);
      await page.getByLabel('Hvilken beslutning om tillægsbevilling?').selectOption({ label: 'Tillægsbevilling til løn 2025' });
      await page.getByRole('button', { name: 'Giv tillægsbevillingen' }).click();
      await page.getByText('Tillægsbevillingen er givet.').waitFor();
      expect(await page.getByRole('row', { name: /^17\.41\.11\.10 18 Lønninger \/ personaleomkostninger Udgift Løn til vejledere 600\.000,00\skr\. 650\.000,00\skr\. 550\.000,00\skr\. 100\.000,00\skr\./ }).count()).toBe(1);
      await step('the supplementary appropriation applied');
      await page.getByLabel('Hvilken beslutning om at afslutte regnskabet?').selectOption({ label: 'Afslutning af regnskabet for årsbudget 2025' });
      await page.getByRole('button', { name: 'Afslut regnskabet' }).click();
      await page.getByText('Regnskabet er afsluttet.').waitFor();
      expect(await page.getByRole('row', { name: 'Status Regnskab afsluttet' }).count()).toBe(1);
      expect(await page.getByRole('row', { name: /^Regnskab afsluttet ved beslutning Afslutning af regnskabet for årsbudget 2025, / }).count()).toBe(1);
      expect(await page.getByRole('columnheader', { name: 'Regnskab 2025' }).count()).toBe(1);
      // Each line's accounts: what it spent (or received), fixed; and where the Finance Act shows them.
      expect(await page.getByRole('row', { name: /Lokaler og drift 200\.000,00\skr\. 200\.000,00\skr\. 210\.000,00\skr\. -10\.000,00\skr\. 10\.000,00\skr\. 210\.000,00\skr\. Historik/ }).count()).toBe(1);
      await page.getByText('Det står i Finanslovens kolonne R for 2027.').waitFor();
      await page.getByText('Regnskabet for 2025 er afsluttet. Der bogføres, flyttes og bevilges ikke mere på budgettet.').waitFor();
      expect(await page.getByRole('heading', { name: 'Bogfør et bilag' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Afslut regnskabet' }).count()).toBe(0);
      await step('the accounts closed');

      // The closed line's page: its entries still listed, no longer corrected; the months; no split to change.
      await page.getByRole('link', { name: /Historik for 17\.41\.11\.10 Lokaler og drift/ }).click();
      await heading(page, 'Budgetlinje: 17.41.11.10 Lokaler og drift');
      expect(await page.getByRole('row', { name: /^20\. december 2025 D-2025-12 Blikkenslager Jensen ApS 30\.000,00\skr\. – 30\.000,00\skr\. Vandskade i kælderen$/ }).count()).toBe(1);
      expect(await page.getByRole('cell', { name: 'Regnskabet afsluttet' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Gem fordelingen' }).count()).toBe(0);
      expect(await page.getByText(/^Ret bilag/).count()).toBe(0);
      await step('a line of the closed accounts');

      // What was recorded, through the API.
      const view = await budgetOnceIt(last.budgetId, (v) => v.status === 'closed');
      const { resolutionId: closingId } = await resolutionTitled('Afslutning af regnskabet for årsbudget 2025');
      const { resolutionId: supplementId } = await resolutionTitled('Tillægsbevilling til løn 2025');
      expect(view.closing).toMatchObject({ resolutionId: closingId });
      expect(view.supplements).toMatchObject([{ resolutionId: supplementId, lineId: last.lines['Løn til vejledere'], year: 2025, amountOre: 50_000_00 }]);
      expect(view.lines.map((l: Json) => [l.description, l.enacted['2025'], l.accountsOre])).toEqual([
        ['Løn til vejledere', 650_000_00, 550_000_00],
        ['Lejeindtægt, mødelokaler', 20_000_00, 20_000_00],
        ['Lokaler og drift', 200_000_00, 210_000_00],
      ]);
      expect(view.lines.find((l: Json) => l.description === 'Lokaler og drift').monthly).toEqual([...Array.from({ length: 11 }, () => 16_000_00), 24_000_00]);
    });
  }, 60_000);

  it('carries what last year’s salaries left unspent into this year’s budget, never more, and books on it', async () => {
    if (!meetingId) throw new Error('the first test convened no meeting');
    await inBrowser(browser, 'accountant-carries-over', {}, async (page, shots) => {
      const step = async (name: string) => {
        await expectAccessible(page, 'da');
        await shots.step(name);
      };
      await signIn(page, 'mette.hansen');
      await page.goto(`${server.url}/bestyrelse/moeder/${meetingId}`);
      const carry = page.locator('#propose-carry-form');
      await carry.getByLabel('Tekst til beslutningen om overførsel').fill('Overførsel af uforbrugt løn fra 2025');
      await carry.getByLabel('Til linjen i årets budget').selectOption({ label: 'Årsbudget 2026: 17.41.11.10 Lokaler og drift (200.000,00 kr.)' });
      // What each expenditure line of the closed accounts left: the appropriation less the accounts.
      const from = carry.getByLabel('Fra udgiftslinjen i sidste års regnskab');
      expect(await from.locator('option').allTextContents()).toEqual([
        'Vælg',
        'Årsbudget 2025: 17.41.11.10 Løn til vejledere (uforbrugt 100.000,00 kr.)',
        'Årsbudget 2025: 17.41.11.10 Lokaler og drift (uforbrugt 0,00 kr.)',
      ]);
      await from.selectOption({ label: 'Årsbudget 2025: 17.41.11.10 Løn til vejledere (uforbrugt 100.000,00 kr.)' });
      await carry.getByLabel('Beløb, der overføres').fill('100.000,01');
      await carry.getByRole('button', { name: 'Foreslå overførslen' }).click();
      await page.getByRole('link', { name: 'Linjen efterlod 100.000,00 kr. uforbrugt, som ikke er overført: skriv et beløb på højst det' }).click();
      await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('carry-amount');
      await step('a carry-over of more than was left, refused');
      await page.locator('#carry-amount').fill('60.000,00');
      await page.getByRole('button', { name: 'Foreslå overførslen' }).click();
      await page.getByText('Overfører 60.000,00 kr. uforbrugt fra 17.41.11.10 Løn til vejledere i årsbudget 2025 til 17.41.11.10 Lokaler og drift i årsbudget 2026.').waitFor();
      const carryId = await adoptAtMeeting(page, 'Overførsel af uforbrugt løn fra 2025');
      await step('the carry-over adopted');

      await page.goto(`${server.url}/bestyrelse/budgetter/${next.budgetId}`);
      await heading(page, 'Årsbudget 2026');
      await page.getByText('Regnskabet for 2026 kan afsluttes, når året er slut: fra 1. januar 2027.').waitFor();
      await page.getByLabel('Hvilken beslutning om overførsel?').selectOption({ label: 'Overførsel af uforbrugt løn fra 2025' });
      await page.getByRole('button', { name: 'Overfør pengene' }).click();
      await page.getByText('Pengene er overført fra sidste år.').waitFor();
      expect((await page.locator('table.structured-list tr', { hasText: 'Overført fra sidste år' }).innerText()).replace(/\s+/g, ' ')).toBe('Overført fra sidste år 60.000,00 kr. til 17.41.11.10 Lokaler og drift: Overførsel af uforbrugt løn fra 2025');
      expect(await page.getByRole('row', { name: /^17\.41\.11\.10 22 Andre ordinære driftsomkostninger Udgift Lokaler og drift 200\.000,00\skr\. 260\.000,00\skr\. / }).count()).toBe(1);
      await step('carried over into this year');
      // This year's money is spent as any other: an entry dated on a day already past.
      await book(page, { line: '17.41.11.10 Lokaler og drift (udgift)', amount: '12.500,00', on: '2026-11-30', voucher: 'D-2026-11', text: 'Husleje november' });
      expect(await page.getByRole('row', { name: /^17\.41\.11\.10 22 Andre ordinære driftsomkostninger Udgift Lokaler og drift 200\.000,00\skr\. 260\.000,00\skr\. 12\.500,00\skr\. 247\.500,00\skr\. 0,00\skr\./ }).count()).toBe(1);
      await step('an entry on what was carried over');

      // What was recorded, through the API; the closed line's unspent money is now partly carried.
      const view = await budgetOnceIt(next.budgetId, (v) => v.lines[0].spentOre === 12_500_00);
      expect(view.carriedIn).toMatchObject([{ resolutionId: carryId, lineId: next.lines['Lokaler og drift'], year: 2026, amountOre: 60_000_00, fromBudgetId: last.budgetId, fromLineId: last.lines['Løn til vejledere'] }]);
      expect(view.lines[0]).toMatchObject({ enacted: { '2026': 260_000_00 }, spentOre: 12_500_00, spending: [{ amountOre: 12_500_00, on: '2026-11-30', voucher: 'D-2026-11' }] });
      await page.goto(`${server.url}/bestyrelse/moeder/${meetingId}`);
      expect(await page.locator('#carry-from option').allTextContents()).toContain('Årsbudget 2025: 17.41.11.10 Løn til vejledere (uforbrugt 40.000,00 kr.)');
    });
  }, 60_000);

  it('shows the new pages in English, and the closed budget to the public in both languages, each with no serious accessibility fault', async () => {
    if (!meetingId) throw new Error('the first tests made no meeting and budgets to visit');
    const closed = `/bestyrelse/budgetter/${last.budgetId}`;
    const open = `/bestyrelse/budgetter/${next.budgetId}`;
    const boardPages = [
      { name: 'the meeting with the year’s end', path: `/bestyrelse/moeder/${meetingId}`, h1: 'Meeting Thursday 3 December at 17:00', sees: 'Propose carrying unspent money over from last year' },
      { name: 'the closed budget', path: closed, h1: 'Annual budget 2025', sees: 'It is column R of the Finance Act for 2027.' },
      { name: 'a line of the closed budget', path: `${closed}/linjer/${last.lines['Lokaler og drift']}`, h1: 'Budget line: 17.41.11.10 Lokaler og drift', sees: 'Month by month on 17.41.11.10 Lokaler og drift, 2025' },
      { name: 'this year’s budget', path: open, h1: 'Annual budget 2026', sees: 'Carry unspent money over from last year' },
      { name: 'a line of this year with its split form', path: `${open}/linjer/${next.lines['Lokaler og drift']}`, h1: 'Budget line: 17.41.11.10 Lokaler og drift', sees: 'Split the appropriation over the months' },
    ];
    await inBrowser(browser, 'accountant-pages-en', { locale: 'en-GB' }, async (page, shots) => {
      await signIn(page, 'sofie.jensen', 'en');
      for (const { name, path, h1, sees } of boardPages) {
        await page.goto(server.url + path);
        await heading(page, h1);
        await page.getByText(sees).first().waitFor();
        await expectAccessible(page, 'en');
        await shots.step(name);
      }
      // A split refused in English, with both sums, on the line's page.
      const split = page.locator('#split-form');
      for (const month of ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']) await split.getByLabel(month, { exact: true }).fill('1000');
      await split.getByRole('button', { name: 'Save the split' }).click();
      await page.getByRole('link', { name: /The twelve months add up to DKK 12,000\.00, but the line’s appropriation is DKK 260,000\.00\./ }).waitFor();
      await expectAccessible(page, 'en');
      await shots.step('a split refused in English');
    });

    for (const lang of ['da', 'en'] as const) {
      await inBrowser(browser, `accountant-public-${lang}`, { locale: lang === 'da' ? 'da-DK' : 'en-GB' }, async (page, shots) => {
        expect((await page.goto(`${server.url}/centre/${centreId}/budgetter/${last.budgetId}`))?.status()).toBe(200);
        await heading(page, lang === 'da' ? 'Årsbudget 2025' : 'Annual budget 2025');
        expect(await page.getByRole('row', { name: lang === 'da' ? 'Status Regnskab afsluttet' : 'Status Accounts closed' }).count()).toBe(1);
        expect(await page.getByRole('columnheader', { name: lang === 'da' ? 'Regnskab 2025' : 'Accounts 2025' }).count()).toBe(1);
        // The overspending with its reason, public as the form says; never the voucher's number or text.
        await page.getByRole('heading', { level: 2, name: lang === 'da' ? 'Merforbrug og begrundelser' : 'Overspending and its reasons' }).waitFor();
        const amount = lang === 'da' ? '30\\.000,00\\skr\\.' : 'DKK\\s30,000\\.00';
        const day = lang === 'da' ? '20\\. december 2025' : '20 December 2025';
        expect(await page.getByRole('row', { name: new RegExp(`^17\\.41\\.11\\.10 Lokaler og drift ${day} ${amount} Vandskade i kælderen$`) }).count()).toBe(1);
        for (const secret of ['D-2025-12', 'Blikkenslager', 'L-2025-06', 'mette.hansen']) expect(await page.getByText(secret).count()).toBe(0);
        await expectAccessible(page, lang);
        await shots.step('the closed budget in public');
      });
    }
  }, 60_000);
});
