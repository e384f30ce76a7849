/**
 * The WHO-5 well-being questions in a real browser: a citizen answers all five with the keyboard
 * alone, through "Tjek dine svar", and every page on the way (the questions, a refusal for
 * unanswered ones, the check, the saved notice) has no serious accessibility fault, in Danish and
 * in English. What was recorded is read back through the API (a citizen token for the same person).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { z } from 'zod';
import { newId } from '../../src/ids.js';
import { chromium, establishCentre, eventually, inBrowser, keyboardOnly, launchBrowser, pageLanguage, seriousAxeViolations, startTestServer } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const atMyPages = (url: URL) => url.pathname === '/mine-sider';
const records = z.object({ records: z.array(z.object({ type: z.string(), data: z.record(z.string(), z.unknown()) })) });

describe.skipIf(!chromium)('the WHO-5 well-being questions in Chromium', () => {
  let server: Server;
  let browser: Browser;
  const centreName = `Virkelyst Trivsel ${newId().slice(-4)}`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await establishCentre(server.url, server.token, { name: centreName, municipalityCode: '147' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The citizen's WHO-5 answers as the API gives them back to the citizen (once the records have them). */
  const answersOf = (citizenId: string) =>
    eventually(async () => {
      const response = await fetch(`${server.url}/journeys/${citizenId}/records`, { headers: { authorization: `Bearer ${await server.token('citizen', undefined, citizenId)}` } });
      if (response.status !== 200) return undefined;
      const found = records.parse(await response.json()).records.filter((r) => r.type === 'WellBeingAnswered');
      return found.length > 0 ? found.map((r) => r.data.scores) : undefined;
    });

  async function accessible(page: Page, lang: 'da' | 'en') {
    expect(await pageLanguage(page)).toBe(lang);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  /** Signed in as a citizen with a journey started at the centre. */
  async function withJourney(page: Page, citizenId: string) {
    await page.goto(server.url + '/log-ind');
    await page.getByLabel('Borger', { exact: true }).check();
    await page.getByLabel('Person-id').fill(citizenId);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(atMyPages);
    await page.getByRole('link', { name: 'Start et forløb' }).click();
    await page.getByLabel(centreName, { exact: true }).check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByRole('main').getByRole('button', { name: 'Start forløbet' }).click();
    await page.waitForURL(atMyPages);
    // The overview shows the journey once its read model has it.
    await eventually(async () => {
      await page.goto(server.url + '/mine-sider');
      return (await page.locator('#wellbeing-link').count()) > 0 ? true : undefined;
    });
  }

  it('answers all five with the keyboard alone, through "Tjek dine svar", accessibly', async () => {
    const citizenId = newId();
    await inBrowser(browser, 'citizen-wellbeing-keyboard', {}, async (page, shots) => {
      await withJourney(page, citizenId);
      const keys = keyboardOnly(page, { maxTabs: 60 });
      await keys.tabTo(page.getByRole('link', { name: 'Svar på spørgsmålene om trivsel' }));
      await keys.press('Enter');
      await page.getByRole('heading', { name: 'Hvordan har du haft det?' }).waitFor();
      await accessible(page, 'da');
      await shots.step('the questions');

      // Each statement is its own group, named by its legend: the answer chosen by arrow keys within it.
      const chosen = ['Hele tiden', 'Det meste af tiden', 'Lidt mere end halvdelen af tiden', 'På intet tidspunkt', 'Lidt af tiden'];
      const groups = ['glad og i godt humør', 'rolig og afslappet', 'aktiv og energisk', 'vågnet frisk og udhvilet', 'ting der interesserer mig'];
      for (const [i, answer] of chosen.entries()) {
        const group = page.getByRole('group', { name: new RegExp(groups[i]!) });
        if (i > 0) await keys.press('Tab');
        await keys.chooseRadio(group.getByLabel(answer, { exact: true }));
        expect(await group.getByLabel(answer, { exact: true }).isChecked()).toBe(true);
      }
      await keys.tabTo(page.getByRole('button', { name: 'Fortsæt' }));
      await keys.press('Enter');
      await page.getByRole('heading', { name: 'Tjek dine svar' }).waitFor();
      await accessible(page, 'da');
      await shots.step('check your answers');
      expect(await page.getByRole('main').getByRole('row').count()).toBe(5);

      await keys.tabTo(page.getByRole('button', { name: 'Gem mine svar' }));
      await keys.press('Enter');
      await page.waitForURL(atMyPages);
      await page.getByText('Tak. Dine svar er gemt.').waitFor();
      await accessible(page, 'da');
      await shots.step('saved');
      expect(await answersOf(citizenId)).toEqual([[5, 4, 3, 0, 1]]);

      // Among everything recorded about me, in words.
      await page.getByRole('link', { name: 'Alt, der er registreret om dig' }).last().click();
      await page.waitForURL((url) => url.pathname === '/mine-sider/optegnelser');
      await page.getByText(/Du besvarede selv WHO-5 Trivselsindeks: 13 af 25 point \(52 %\)/).waitFor();
      await accessible(page, 'da');
      await shots.step('my records');
    });
  });

  it('in English, a statement left unanswered is named in the error summary, and the pages stay accessible', async () => {
    const citizenId = newId();
    await inBrowser(browser, 'citizen-wellbeing-en', {}, async (page, shots) => {
      await withJourney(page, citizenId);
      await page.getByRole('contentinfo').getByRole('link', { name: 'English' }).click();
      await page.waitForURL(atMyPages);
      await page.getByRole('link', { name: 'Answer the questions about well-being' }).click();
      await page.getByRole('heading', { name: 'How have you been feeling?' }).waitFor();
      await accessible(page, 'en');
      await shots.step('the questions');
      await page.getByRole('group', { name: /cheerful and in good spirits/ }).getByLabel('All of the time', { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      const summaryLinks = page.getByRole('main').getByRole('link', { name: /Choose the answer that fits best/ });
      await summaryLinks.first().waitFor();
      expect(await summaryLinks.count()).toBe(4);
      await accessible(page, 'en');
      await shots.step('four unanswered');
      // The summary's link leads to the statement it names.
      await summaryLinks.first().click();
      await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe('calm');
      // The answer given is kept; nothing is recorded yet, and nothing needs to be.
      expect(await page.getByRole('group', { name: /cheerful and in good spirits/ }).getByLabel('All of the time', { exact: true }).isChecked()).toBe(true);
      await page.getByRole('link', { name: 'No thank you, back to My pages' }).click();
      await page.waitForURL(atMyPages);
      const response = await fetch(`${server.url}/journeys/${citizenId}/records`, { headers: { authorization: `Bearer ${await server.token('citizen', undefined, citizenId)}` } });
      expect(records.parse(await response.json()).records.map((r) => r.type)).not.toContain('WellBeingAnswered');
    });
  });
});
