/**
 * The public pages in a real browser, in Danish and English: `lang` right on every page, the
 * language switch in the footer, no serious or critical axe violation on any page type, and the
 * same pages working with JavaScript turned off. The app runs in this process (createTestApp);
 * test/browser/citizen.test.ts runs it as `npm start` does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newId } from '../../src/ids.js';
import { chromium, establishCentre, inBrowser, launchBrowser, pageLanguage, seriousAxeViolations, startTestServer } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.skipIf(!chromium)('the public pages in Chromium', () => {
  let server: Server;
  let browser: Browser;
  const centreName = `Virkelyst Nørrebro ${newId().slice(-4)}`;
  let centreId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    centreId = await establishCentre(server.url, server.token, {
      name: centreName,
      municipalityCode: '101',
      openingHours: { monday: [{ opens: '09:00', closes: '15:00' }], thursday: [{ opens: '12:00', closes: '19:00' }] },
    });
    await server.engine.settle();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Every page type a visitor can reach without signing in, with the status it answers. */
  const pageTypes = () => [
    { name: 'front page', path: '/', status: 200 },
    { name: 'centre', path: `/centre/${centreId}`, status: 200 },
    { name: 'accessibility statement', path: '/tilgaengelighed', status: 200 },
    { name: 'sign-in', path: '/log-ind', status: 200 },
    { name: 'not found', path: '/findes-ikke', status: 404 },
  ];

  async function expectAccessible(page: Page, lang: 'da' | 'en') {
    expect(await pageLanguage(page)).toBe(lang);
    expect(await page.title()).not.toBe('');
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  /** The language switch in the footer: a link (or a button) named by the language in itself. */
  const switchTo = (page: Page, language: 'English' | 'Dansk') =>
    page.getByRole('contentinfo').getByRole('link', { name: language }).or(page.getByRole('contentinfo').getByRole('button', { name: language }));

  it('shows the centres in Danish, and every page type is in Danish with no serious accessibility fault', async () => {
    await inBrowser(browser, 'public-pages-da', {}, async (page, shots) => {
      expect((await page.goto(server.url + '/'))?.status()).toBe(200);
      expect(await page.getByRole('main').getByText(centreName).count()).toBeGreaterThan(0);
      await shots.step('front page');

      await page.getByRole('link', { name: centreName }).click();
      await page.waitForURL((url) => url.pathname === `/centre/${centreId}`);
      expect(await page.getByRole('heading', { level: 1, name: centreName }).count()).toBe(1);
      await shots.step('centre');

      for (const type of pageTypes()) {
        expect((await page.goto(server.url + type.path))?.status(), type.name).toBe(type.status);
        await expectAccessible(page, 'da');
        await shots.step(`${type.name} da`);
      }
    });
  });

  it('switches to English from the footer and back, and every page type is accessible in English', async () => {
    await inBrowser(browser, 'public-pages-en', {}, async (page, shots) => {
      await page.goto(server.url + '/tilgaengelighed');
      expect(await pageLanguage(page)).toBe('da');
      await switchTo(page, 'English').click();
      // The switch comes back to the page it was used on, now in English.
      await page.waitForURL((url) => url.pathname === '/tilgaengelighed');
      expect(await pageLanguage(page)).toBe('en');
      await shots.step('switched to English');

      for (const type of pageTypes()) {
        expect((await page.goto(server.url + type.path))?.status(), type.name).toBe(type.status);
        await expectAccessible(page, 'en');
        await shots.step(`${type.name} en`);
      }

      await page.goto(server.url + '/');
      await switchTo(page, 'Dansk').click();
      await page.waitForURL((url) => url.pathname === '/');
      expect(await pageLanguage(page)).toBe('da');
      await shots.step('back to Danish');
    });
  });

  it('answers a browser that asks for English in English, with no switch used', async () => {
    await inBrowser(browser, 'public-pages-accept-language', { locale: 'en-GB' }, async (page, shots) => {
      await page.goto(server.url + '/');
      expect(await pageLanguage(page)).toBe('en');
      await shots.step('front page');
    });
  });

  it('works with JavaScript turned off: links, the language switch and a form sent back with its errors', async () => {
    await inBrowser(browser, 'public-pages-no-javascript', { javaScriptEnabled: false }, async (page, shots) => {
      await page.goto(server.url + '/');
      expect(await page.getByRole('main').getByText(centreName).count()).toBeGreaterThan(0);
      await shots.step('front page');

      await page.getByRole('link', { name: centreName }).click();
      await page.waitForURL((url) => url.pathname === `/centre/${centreId}`);
      await shots.step('centre');

      await switchTo(page, 'English').click();
      await page.waitForURL((url) => url.pathname === `/centre/${centreId}`);
      expect(await pageLanguage(page)).toBe('en');
      await shots.step('switched to English');

      // The sign-in form sent with no role chosen: the server answers with the error summary.
      await page.goto(server.url + '/log-ind');
      const answer = page.waitForResponse((r) => r.request().method() === 'POST');
      await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
      expect((await answer).status()).toBe(400);
      await page.waitForLoadState('load');
      const summary = page.getByRole('main').getByRole('link', { name: 'Choose a role' });
      expect(await summary.count()).toBe(1);
      expect(await summary.getAttribute('href')).toBe('#role');
      // axe needs script in the page; the same page is checked with it in the tests above.
      expect(await pageLanguage(page)).toBe('en');
      await shots.step('sign-in refused');
    });
  });
});
