/**
 * Studies in a real browser: an administrator registers a study (first without a purpose, said in
 * words), gives a researcher access and takes another's away; the researcher finds it at
 * /forskning/studier and downloads its export as Parquet and its data dictionary; once the study is
 * closed, there is no download. What was recorded is read back through the API. axe-core on every
 * page type, in Danish and English; a screenshot of each step.
 */
import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.js';
import { chromium, inBrowser, launchBrowser, pageLanguage, seriousAxeViolations, startTestServer } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.skipIf(!chromium)('studies in Chromium', () => {
  let server: Server;
  let browser: Browser;
  const suffix = newId().slice(-6);
  const researcher = `forsker-${suffix}`;
  const title = `Kanaler for første kontakt ${suffix}`;
  let studyId = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function expectAccessible(page: Page, lang: 'da' | 'en') {
    expect(await pageLanguage(page)).toBe(lang);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }
  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();
  async function signIn(page: Page, role: 'Administrator' | 'Forsker', personId: string) {
    await page.goto(server.url + '/log-ind');
    await page.getByLabel(role, { exact: true }).check();
    await page.getByLabel('Person-id').fill(personId);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL((url) => url.pathname !== '/log-ind');
  }
  async function switchTo(page: Page, lang: 'da' | 'en') {
    await page.getByRole('link', { name: lang === 'en' ? 'English' : 'Dansk', exact: true }).click();
    await page.waitForFunction(`document.documentElement.lang === '${lang}'`);
  }
  const api = async (path: string) => (await fetch(server.url + path, { headers: { authorization: `Bearer ${await server.token('admin')}` } })).json();

  it('an administrator registers a study and grants and revokes access', async () => {
    await inBrowser(browser, 'studies-admin', {}, async (page, shots) => {
      const step = async (name: string, lang: 'da' | 'en' = 'da') => {
        await expectAccessible(page, lang);
        await shots.step(name);
      };
      await signIn(page, 'Administrator', `admin-${suffix}`);
      await page.goto(server.url + '/administration/studier');
      await heading(page, 'Forskningsstudier');
      await step('the studies');

      await page.getByLabel('Titel').fill(title);
      await page.getByLabel('Første dag').fill('2020-01-01');
      await page.getByLabel('Sidste dag').fill('2035-12-31');
      await page.getByLabel('Kanal', { exact: true }).check();
      await page.getByLabel('Måned', { exact: true }).check();
      await page.getByLabel('Hjemmel').fill('Databeskyttelseslovens § 10.');
      await page.getByLabel('Forskeres id’er').fill(`${researcher} forsker-b-${suffix}`);
      await page.getByRole('button', { name: 'Registrér studiet' }).click();
      // No purpose: the error summary says so and links to the field.
      await page.locator('[data-module="error-summary"] a[href="#purpose"]').waitFor();
      await step('a study refused');

      await page.getByLabel('Formål').fill('Hvordan borgere første gang kontakter huset, fordelt på måneder.');
      await page.getByRole('button', { name: 'Registrér studiet' }).click();
      await heading(page, title);
      await page.getByText('Studiet er registreret.').waitFor();
      studyId = /\/administration\/studier\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      await step('the study registered');

      await page.getByLabel('Forskerens id').fill(`forsker-c-${suffix}`);
      await page.getByRole('button', { name: 'Giv adgang' }).click();
      await page.getByText('Forskeren har fået adgang.').waitFor();
      await page.getByRole('button', { name: `Fjern adgang for forsker-b-${suffix}` }).click();
      await page.getByText('Forskerens adgang er fjernet.').waitFor();
      await step('access given and taken away');
      await switchTo(page, 'en');
      await page.getByRole('heading', { level: 2, name: 'Give a researcher access' }).waitFor();
      await step('the study in English', 'en');
      await page.goto(server.url + '/administration/studier');
      await heading(page, 'Research studies');
      await step('the studies in English', 'en');
      await switchTo(page, 'da');

      const study = await api(`/studies/${studyId}`);
      expect(study).toMatchObject({ title, status: 'open', period: { from: '2020-01-01', to: '2035-12-31' }, exportFields: ['event_month', 'channel'], researcherIds: [researcher, `forsker-c-${suffix}`] });
    });
  });

  it('the researcher downloads the export and its dictionary, until the study is closed', async () => {
    expect(studyId).not.toBe('');
    await inBrowser(browser, 'studies-researcher', { acceptDownloads: true }, async (page, shots) => {
      const step = async (name: string, lang: 'da' | 'en' = 'da') => {
        await expectAccessible(page, lang);
        await shots.step(name);
      };
      await signIn(page, 'Forsker', researcher);
      await page.goto(server.url + '/forskning/studier');
      await heading(page, 'Dine studier');
      await step('the researcher’s studies');
      await page.getByRole('link', { name: title }).click();
      await heading(page, title);
      await step('the study');

      await page.getByLabel(/^Parquet/).check();
      const [parquet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hent', exact: true }).click()]);
      expect(parquet.suggestedFilename()).toBe(`study-${studyId}.parquet`);
      expect((await fs.readFile((await parquet.path())!)).subarray(0, 4).toString()).toBe('PAR1');
      const [dictionary] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Datadokumentation/ }).click()]);
      expect(await fs.readFile((await dictionary.path())!, 'utf8')).toContain('`channel`');
      await switchTo(page, 'en');
      await page.getByRole('heading', { level: 2, name: 'Download the export' }).waitFor();
      await step('the study in English', 'en');
      await page.goto(server.url + '/forskning/studier');
      await heading(page, 'Your studies');
      await step('the studies in English', 'en');
      await switchTo(page, 'da');

      expect(await api(`/studies/${studyId}`)).toMatchObject({ exports: 1 });
      const closed = await fetch(`${server.url}/studies/${studyId}/close`, { method: 'POST', headers: { authorization: `Bearer ${await server.token('admin')}`, 'idempotency-key': newId() } });
      expect(closed.status).toBe(200);
      await page.goto(`${server.url}/forskning/studier/${studyId}`);
      await page.getByText('Studiet er lukket. Der laves ingen eksporter af det.').waitFor();
      expect(await page.getByRole('button', { name: 'Hent', exact: true }).count()).toBe(0);
      await step('a closed study');
    });
  });
});
