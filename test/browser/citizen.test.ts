/**
 * A citizen in a real browser, end to end on the embedded default (`npm start`'s own process and
 * PostgreSQL): the local development sign-in, starting a journey with the keyboard alone through a
 * question page and "Tjek dine svar", and what must not go wrong around a form: a double submit,
 * the back button after a submit, a missing CSRF token, a session cookie tampered with.
 *
 * What was recorded is read back through the API's records (a citizen token for the same person),
 * not from the page that says so.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { z } from 'zod';
import { newId } from '../../src/ids.js';
import {
  chromium,
  establishCentre,
  eventually,
  keyboardOnly,
  launchBrowser,
  inBrowser,
  pageLanguage,
  seriousAxeViolations,
  startEmbeddedServer,
} from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startEmbeddedServer>>;

/** "Mine sider" itself, with or without its query (not the pages under it). */
const atMyPages = (url: URL) => url.pathname === '/mine-sider';

const records = z.object({ records: z.array(z.object({ type: z.string() })) });

describe.skipIf(!chromium)('a citizen in Chromium, on the embedded default', () => {
  let server: Server;
  let browser: Browser;
  const centreName = `Virkelyst Vesterbro ${newId().slice(-4)}`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startEmbeddedServer(), launchBrowser()]);
    await establishCentre(server.url, server.token, { name: centreName, municipalityCode: '101' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** How many journeys the log holds as started for this person, as the API tells the citizen. */
  async function journeysStarted(citizenId: string): Promise<number> {
    const response = await fetch(`${server.url}/journeys/${citizenId}/records`, { headers: { authorization: `Bearer ${await server.token('citizen', undefined, citizenId)}` } });
    if (response.status === 404) return 0;
    expect(response.status).toBe(200);
    return records.parse(await response.json()).records.filter((r) => r.type === 'JourneyStarted').length;
  }

  /** The number of journeys started, once there is one (the records follow the log a moment later). */
  const onceRecorded = (citizenId: string) =>
    eventually(async () => {
      const started = await journeysStarted(citizenId);
      return started > 0 ? started : undefined;
    });

  async function expectAccessible(page: Page) {
    expect(await pageLanguage(page)).toBe('da');
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  /** The local development sign-in, filled in as a citizen. */
  async function signIn(page: Page, citizenId: string) {
    await page.goto(server.url + '/log-ind');
    await page.getByLabel('Borger', { exact: true }).check();
    await page.getByLabel('Person-id').fill(citizenId);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(atMyPages);
  }

  /** From "Mine sider" through the question page to "Tjek dine svar", with the mouse. */
  async function answerUpToCheck(page: Page) {
    await page.getByRole('link', { name: 'Start et forløb' }).click();
    await page.getByLabel(centreName, { exact: true }).check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByRole('heading', { name: 'Tjek dine svar' }).waitFor();
  }

  const submitButton = (page: Page) => page.getByRole('main').getByRole('button', { name: 'Start forløbet' });

  it('signs in and starts a journey with the keyboard alone, through the back link and "Tjek dine svar"', async () => {
    const citizenId = newId();
    await inBrowser(browser, 'citizen-keyboard-journey', {}, async (page, shots) => {
      const keys = keyboardOnly(page);

      await page.goto(server.url + '/log-ind');
      await expectAccessible(page);
      await shots.step('sign-in');
      await keys.chooseRadio(page.getByLabel('Borger', { exact: true }));
      await keys.tabTo(page.getByLabel('Person-id'));
      await keys.type(citizenId);
      // Tabbing into the field selected the suggested id, so typing replaced it.
      expect(await page.getByLabel('Person-id').inputValue()).toBe(citizenId);
      await keys.tabTo(page.getByRole('button', { name: 'Log ind' }));
      await keys.press('Enter');
      await page.waitForURL(atMyPages);
      await expectAccessible(page);
      await shots.step('my pages');

      await keys.tabTo(page.getByRole('link', { name: 'Start et forløb' }));
      await keys.press('Enter');
      const centre = page.getByLabel(centreName, { exact: true });
      await centre.waitFor();
      await expectAccessible(page);
      await shots.step('question: which centre');
      await keys.chooseRadio(centre);
      await keys.tabTo(page.getByRole('button', { name: 'Fortsæt' }));
      await keys.press('Enter');
      await page.getByRole('heading', { name: 'Tjek dine svar' }).waitFor();
      expect(await page.getByRole('main').getByText(centreName).count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await shots.step('check your answers');

      // The back link returns to the question with the answer kept.
      await keys.tabTo(page.getByRole('link', { name: 'Tilbage' }));
      await keys.press('Enter');
      await centre.waitFor();
      expect(await centre.isChecked()).toBe(true);
      await shots.step('back to the question');
      await keys.tabTo(page.getByRole('button', { name: 'Fortsæt' }));
      await keys.press('Enter');
      await page.getByRole('heading', { name: 'Tjek dine svar' }).waitFor();

      await keys.tabTo(submitButton(page));
      await keys.press('Enter');
      await page.waitForURL(atMyPages);
      await expectAccessible(page);
      await shots.step('journey started');
      expect(await onceRecorded(citizenId)).toBe(1);

      // Everything recorded about me: one start, readable and as a download.
      await keys.tabTo(page.getByRole('link', { name: 'Alt, der er registreret om dig' }));
      await keys.press('Enter');
      await page.waitForURL((url) => url.pathname === '/mine-sider/optegnelser');
      await expectAccessible(page);
      await shots.step('my records');
      expect(await page.getByRole('main').getByRole('row').count(), 'a header row and one record').toBe(2);
      await keys.tabTo(page.getByRole('link', { name: /JSON/ }));
      const download = page.waitForEvent('download');
      await keys.press('Enter');
      const file = await (await download).path();
      const downloaded = z
        .object({ citizenId: z.string(), records: z.array(z.object({ type: z.string() })) })
        .parse(JSON.parse(await fs.readFile(file, 'utf8')));
      expect(downloaded.citizenId).toBe(citizenId);
      expect(downloaded.records.map((r) => r.type)).toEqual(['JourneyStarted']);
    });
  });

  it('shows the citizen’s pages in English, each with no serious accessibility fault', async () => {
    const citizenId = newId();
    await inBrowser(browser, 'citizen-pages-en', {}, async (page, shots) => {
      await signIn(page, citizenId);
      await page.getByRole('contentinfo').getByRole('link', { name: 'English' }).click();
      await page.waitForURL(atMyPages);
      const inEnglish = async (step: string) => {
        expect(await pageLanguage(page)).toBe('en');
        expect(await seriousAxeViolations(page)).toEqual([]);
        await shots.step(step);
      };
      await inEnglish('my pages');
      await page.getByRole('link', { name: 'Start a journey' }).click();
      await page.getByLabel(centreName, { exact: true }).waitFor();
      // Sent with nothing chosen: the error summary above the heading, linking to the question.
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('main').getByRole('link', { name: 'Choose the centre you want to use' }).waitFor();
      await inEnglish('question refused');
      await page.getByLabel(centreName, { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
      await inEnglish('check your answers');
      await page.getByRole('main').getByRole('button', { name: 'Start the journey' }).click();
      await page.waitForURL(atMyPages);
      await inEnglish('journey started');
      await page.getByRole('link', { name: 'Everything recorded about you' }).click();
      await page.waitForURL((url) => url.pathname === '/mine-sider/optegnelser');
      await inEnglish('my records');
    });
  });

  it('states a goal in the citizen’s own words, accessibly, and finds it among everything recorded', async () => {
    const citizenId = newId();
    await inBrowser(browser, 'citizen-goal', {}, async (page, shots) => {
      await signIn(page, citizenId);
      await answerUpToCheck(page);
      await submitButton(page).click();
      await page.waitForURL(atMyPages);
      await onceRecorded(citizenId);
      await page.goto(server.url + '/mine-sider');
      await page.getByRole('link', { name: 'Skriv et mål' }).click();
      await page.getByRole('heading', { name: 'Hvad vil du gerne?' }).waitFor();
      await expectAccessible(page);
      await shots.step('the goal page');
      // Sent empty: the error summary, accessible too.
      await page.getByRole('button', { name: 'Gem mit mål' }).click();
      await page.getByRole('link', { name: 'Skriv dit mål' }).waitFor();
      await expectAccessible(page);
      await shots.step('refused empty');
      await page.getByLabel('Dit mål, med dine egne ord').fill('Jeg vil gerne lære at bage surdejsbrød');
      await page.getByLabel('Egen virksomhed').check();
      await page.getByRole('button', { name: 'Gem mit mål' }).click();
      await page.waitForURL(atMyPages);
      await page.getByText('Dit mål er gemt.').waitFor();
      await shots.step('saved');
      await eventually(async () => {
        await page.goto(server.url + '/mine-sider/optegnelser');
        return (await page.getByText('Mål: Jeg vil gerne lære at bage surdejsbrød').count()) > 0 ? true : undefined;
      });
    });
  });

  it('records once when the submit button is clicked twice fast', async () => {
    const citizenId = newId();
    await inBrowser(browser, 'citizen-double-submit', {}, async (page, shots) => {
      await signIn(page, citizenId);
      await answerUpToCheck(page);
      // A slow server: the first submit's request is held until the second click has sent its own,
      // then both go to the server. (Two clicks in one moment are one navigation to Chromium, so
      // without the hold only one request would ever leave the browser.)
      let secondSent: () => void = () => undefined;
      const second = new Promise<void>((resolve) => (secondSent = resolve));
      let submits = 0;
      const reachedServer: number[] = [];
      await page.route(
        (url) => url.pathname === '/mine-sider/start/tjek',
        async (route) => {
          if (route.request().method() !== 'POST') return route.continue();
          const n = ++submits;
          if (n === 1) await second;
          else secondSent();
          const response = await route.fetch({ maxRedirects: 0 });
          reachedServer.push(response.status());
          // The browser gave up waiting for the first answer when the second click sent the form again.
          await route.fulfill({ response }).catch(() => undefined);
        },
      );
      // The mouse itself, not locator.click, which would wait for the first navigation to end.
      const box = await submitButton(page).boundingBox();
      if (!box) throw new Error('the submit button is not on screen');
      const firstSent = page.waitForRequest((r) => r.method() === 'POST');
      // Waited for by its response first: the first navigation's abort would end a waitForURL begun before it.
      const arrived = page.waitForResponse((r) => atMyPages(new URL(r.url())) && r.request().resourceType() === 'document');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await firstSent;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      expect((await arrived).status()).toBe(200);
      await page.waitForURL(atMyPages);
      await shots.step('after the double submit');
      // Both were answered with the way on (303), the second as the first: the same command, once.
      expect(reachedServer).toEqual([303, 303]);
      expect(await onceRecorded(citizenId)).toBe(1);
    });
  });

  it('does not record again when the back button is used after a submit, nor when that page is sent again', async () => {
    const citizenId = newId();
    await inBrowser(browser, 'citizen-back-after-submit', {}, async (page, shots) => {
      await signIn(page, citizenId);
      await answerUpToCheck(page);
      await submitButton(page).click();
      await page.waitForURL(atMyPages);
      await onceRecorded(citizenId);

      // Back to "Tjek dine svar": shown again (pages are never cached), nothing sent.
      const back = await page.goBack();
      expect(back?.status()).toBe(200);
      expect(back?.request().method()).toBe('GET');
      await page.getByRole('heading', { name: 'Tjek dine svar' }).waitFor();
      await shots.step('back after submit');
      expect(await journeysStarted(citizenId)).toBe(1);

      // Sent again from there: either the same command again (the way on) or the journey already
      // open (the error summary); never a second start.
      const again = page.waitForResponse((r) => r.request().method() === 'POST');
      await submitButton(page).click();
      expect([303, 409]).toContain((await again).status());
      await page.waitForLoadState('load');
      await shots.step('sent again');
      expect(await journeysStarted(citizenId)).toBe(1);
    });
  });

  it('answers a form sent without its CSRF token with a 403 page, recording nothing', async () => {
    const citizenId = newId();
    await inBrowser(browser, 'citizen-csrf-missing', {}, async (page, shots) => {
      await signIn(page, citizenId);
      await answerUpToCheck(page);
      const removed = await page.evaluate(`(() => { const fields = document.querySelectorAll('input[name="_csrf"]'); fields.forEach((f) => f.remove()); return fields.length; })()`);
      expect(removed).toBeGreaterThan(0);
      const answer = page.waitForResponse((r) => r.request().method() === 'POST');
      await submitButton(page).click();
      expect((await answer).status()).toBe(403);
      await page.waitForLoadState('load');
      await expectAccessible(page);
      await shots.step('403 page');
      expect(await journeysStarted(citizenId)).toBe(0);
    });
  });

  it('sends a citizen whose session cookie was tampered with to sign in, as someone else or as themselves', async () => {
    const citizenId = newId();
    const victim = newId();
    await inBrowser(browser, 'citizen-tampered-session', {}, async (page, shots, context) => {
      await signIn(page, citizenId);
      const session = (await context.cookies()).find((c) => c.name === 'vl_session');
      if (!session) throw new Error(`no session cookie vl_session after signing in: ${(await context.cookies()).map((c) => c.name).join(', ')}`);
      expect(session.httpOnly).toBe(true);
      expect(session.sameSite).toBe('Lax');

      // The payload rewritten to name another citizen, the signature kept: an impersonation.
      const [payload, signature] = session.value.split('.');
      const claims = z.object({ principal: z.object({ id: z.string() }).loose() }).loose().parse(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')));
      const impersonating = Buffer.from(JSON.stringify({ ...claims, principal: { ...claims.principal, id: victim } })).toString('base64url');
      await context.addCookies([{ ...session, value: `${impersonating}.${signature}` }]);
      await page.goto(server.url + '/mine-sider');
      await page.waitForURL((url) => url.pathname === '/log-ind');
      expect(await page.getByText(victim).count()).toBe(0);
      await shots.step('impersonation sent to sign in');

      // The signature itself changed.
      await context.addCookies([{ ...session, value: `${payload}.${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}` }]);
      await page.goto(server.url + '/mine-sider');
      await page.waitForURL((url) => url.pathname === '/log-ind');
      await shots.step('forged signature sent to sign in');
    });
  });

  it('sends a citizen whose session has expired to sign in', async () => {
    const citizenId = newId();
    await inBrowser(browser, 'citizen-expired-session', {}, async (page, shots, context) => {
      const cookie = (expiresAt: number) => ({ name: 'vl_session', value: server.sessionCookie({ id: citizenId, role: 'citizen' }, expiresAt), url: server.url, httpOnly: true, sameSite: 'Lax' as const });
      // A session signed with the server's key and still running is accepted: the key is right.
      await context.addCookies([cookie(Date.now() + 60_000)]);
      expect((await page.goto(server.url + '/mine-sider'))?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/mine-sider');
      // The same session a minute past its end is not.
      await context.addCookies([cookie(Date.now() - 60_000)]);
      await page.goto(server.url + '/mine-sider');
      await page.waitForURL((url) => url.pathname === '/log-ind');
      await shots.step('sent to sign in');
    });
  });

  it('starts a journey with JavaScript turned off', async () => {
    const citizenId = newId();
    await inBrowser(browser, 'citizen-no-javascript', { javaScriptEnabled: false }, async (page, shots) => {
      await signIn(page, citizenId);
      await answerUpToCheck(page);
      await shots.step('check your answers');
      await submitButton(page).click();
      await page.waitForURL(atMyPages);
      await shots.step('journey started');
      expect(await onceRecorded(citizenId)).toBe(1);
    });
  });
});
