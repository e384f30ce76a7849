/**
 * A researcher in a real browser: signs in with the local development sign-in, opens /forskning
 * and sees the indicators as a table and a chart, suppressed cells marked with the rule
 * explained, the definition, and the baseline (the shipped synthetic example, labelled as such)
 * beside Virkelyst's own figures. Checked with axe in Danish and English; the figures the page
 * shows are held against what the API serves.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.js';
import { chromium, inBrowser, launchBrowser, pageLanguage, seriousAxeViolations, startTestServer } from '../support/browser.js';
import { at, Population } from '../support/research.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.skipIf(!chromium)('a researcher in Chromium', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    // 2024: twelve citizens in København in Q1 (a benchmark), three in Odense (suppressed), six in Aalborg.
    const p = new Population();
    const kbh = p.centre('101', 'Virkelyst Nørrebro');
    const odense = p.centre('461', 'Virkelyst Odense');
    for (let i = 0; i < 12; i++) p.journey({ centreId: kbh, started: at(`2024-02-${String(1 + i).padStart(2, '0')}`), conversations: [{ at: at(`2024-02-${String(14 + i).padStart(2, '0')}`) }] });
    const aalborg = p.centre('851', 'Virkelyst Aalborg');
    for (let i = 0; i < 3; i++) p.journey({ centreId: odense, started: at('2024-03-04') });
    // Aalborg's 6 in Q1 are the smallest beside Odense's 3, so they are suppressed with them and København's 12 are shown.
    for (let i = 0; i < 6; i++) p.journey({ centreId: aalborg, started: at('2024-03-05') });
    for (let i = 0; i < 8; i++) p.journey({ centreId: odense, started: at('2024-05-04') });
    const streams = new Map<string, typeof p.events>();
    for (const e of p.events) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
    for (const [streamId, events] of streams) {
      await server.store.append(streamId, events.map((e) => ({ eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata })), { expectedVersion: 'no_stream' });
    }
    await server.engine.settle({ names: ['research'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function accessible(page: Page, lang: 'da' | 'en') {
    expect(await pageLanguage(page)).toBe(lang);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  it('signs in and sees the indicators beside the baseline, suppressed cells marked, in Danish and English', async () => {
    await inBrowser(browser, 'research', {}, async (page, shots) => {
      await page.goto(server.url + '/log-ind');
      await page.getByLabel('Forsker', { exact: true }).check();
      await page.getByLabel('Person-id').fill(`forsker-${newId().slice(-6)}`);
      await page.getByRole('button', { name: 'Log ind' }).click();
      await page.waitForURL((url) => url.pathname !== '/log-ind');
      await page.goto(server.url + '/forskning');
      await page.getByRole('heading', { level: 1, name: 'Forskning: indikatorerne' }).waitFor();
      // Choose the year of the baseline's figures with the form.
      await page.getByLabel('År', { exact: true }).selectOption('2024');
      await page.getByRole('button', { name: 'Vis' }).click();
      await page.waitForURL((url) => url.searchParams.get('aar') === '2024');
      await accessible(page, 'da');
      await shots.step('kontakter pr. borger 2024');

      const main = page.getByRole('main');
      await expect(main.getByRole('heading', { level: 2, name: 'Kontakter pr. borger' }).count()).resolves.toBe(1);
      // The table shows what the API serves a researcher: København's Q1 (12 citizens, 24 contacts)
      // as it was published, Odense's 3 in Q1 hidden, and the rule explained.
      const api = await fetch(`${server.url}/research/indicators?indicator=contacts_per_citizen&by=municipality&per=quarter&year=2024`, { headers: { authorization: `Bearer ${await server.token('researcher')}` } });
      const served = (await api.json()) as { rows: { group: string }[]; cells: { citizens: number | null; value: number | null; suppressed: boolean }[][] };
      const servedQ1 = (code: string) => served.cells[served.rows.findIndex((row) => row.group === code)]![0]!;
      expect(servedQ1('461')).toEqual({ citizens: null, value: null, suppressed: true });
      const table = main.getByRole('table', { name: /Kontakter pr\. borger 2024/ });
      const q1Of = (name: RegExp) => table.getByRole('row', { name }).getByRole('cell').first();
      const kbhQ1Cell = servedQ1('101');
      if (kbhQ1Cell.suppressed) await expect(q1Of(/København/).textContent()).resolves.toContain('skjult af hensyn til diskretion');
      else await expect(q1Of(/København/).innerText()).resolves.toBe(`${kbhQ1Cell.value} (${kbhQ1Cell.citizens})`);
      await expect(q1Of(/Odense/).innerText()).resolves.toContain('–');
      await expect(q1Of(/Odense/).textContent()).resolves.toContain('skjult af hensyn til diskretion');
      await expect(main.locator('#disclosure-rule').innerText()).resolves.toContain('1–4 borgere');
      // The chart, named and described.
      await expect(main.getByRole('img', { name: /Kontakter pr\. borger, 2024/ }).count()).resolves.toBe(1);

      // The baseline beside it, labelled synthetic, with our figure where the group is big enough.
      await expect(main.locator('#baseline-synthetic').innerText()).resolves.toContain('SYNTETISKE');
      const baseline = main.getByRole('table', { name: /Jobcentrenes tal og Virkelysts/ });
      // Our figure where the API gives one; else why not.
      const compared = (await (
        await fetch(`${server.url}/research/baseline?indicator=contacts_per_citizen&year=2024`, { headers: { authorization: `Bearer ${await server.token('researcher')}` } })
      ).json()) as { comparisons: { baseline: { municipality: string; period: string }; own: { citizens: number | null; value: number | null; withheld: string | null } }[] };
      const kbhServed = compared.comparisons.find((c) => c.baseline.municipality === '101' && c.baseline.period === '2024-Q1')!.own;
      expect(kbhServed).toEqual({ citizens: 12, value: 2, withheld: null });
      const kbhQ1 = baseline.getByRole('row', { name: /København.*1\. kvartal 2024/ });
      await expect(kbhQ1.getByRole('cell').nth(1).innerText()).resolves.toContain('2,4');
      await expect(kbhQ1.getByRole('cell').nth(2).innerText()).resolves.toBe('2 (12)');
      const odenseQ1 = baseline.getByRole('row', { name: /Odense.*1\. kvartal 2024/ });
      await expect(odenseQ1.getByRole('cell').nth(2).innerText()).resolves.toBe('skjult af hensyn til diskretion');
      await expect(main.getByText('Forskel fra jobcentrenes tal').count()).resolves.toBe(1);
      await expect(main.getByRole('link', { name: 'Dine studier og deres eksporter' }).getAttribute('href')).resolves.toBe('/forskning/studier');

      // An indicator with categories, by centre and month.
      await page.getByLabel('Indikator', { exact: true }).selectOption('first_contact_channel_share');
      await page.getByLabel('Opdelt efter', { exact: true }).selectOption('center');
      await page.getByLabel('Periode', { exact: true }).selectOption('maaned');
      await page.getByRole('button', { name: 'Vis' }).click();
      await page.waitForURL((url) => url.searchParams.get('indikator') === 'first_contact_channel_share');
      await accessible(page, 'da');
      await shots.step('første kontakt efter kanal');

      // A bad query is refused naming the field.
      await page.goto(server.url + '/forskning?aar=1800');
      await expect(page.locator('.alert-error a[href="#aar"]').count()).resolves.toBe(1);
      await accessible(page, 'da');

      // In English.
      await page.goto(server.url + '/forskning?aar=2024');
      await page.getByRole('contentinfo').getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Research: the indicators' }).waitFor();
      await accessible(page, 'en');
      await expect(page.locator('#baseline-synthetic').innerText()).resolves.toContain('SYNTHETIC');
      await shots.step('contacts per citizen 2024 (en)');
    });
  });

  it('sends the signed-out to sign in', async () => {
    const signedOut = await fetch(`${server.url}/forskning`, { redirect: 'manual' });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/log-ind');
  });
});
