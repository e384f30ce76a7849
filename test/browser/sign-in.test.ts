/**
 * Signing in through an OpenID Connect provider in a real browser: `npm start`'s own process,
 * configured by its environment for a fake provider on 127.0.0.1 (test/support/browser-sign-in.ts),
 * the way an operator would for MitID via NemLog-in. A citizen signs in by the code flow, starts a
 * journey, and signs out (at the provider too); the cookie from before is refused afterwards.
 * The pages that say a sign-in did not happen are checked in both languages, and the local
 * development sign-in is nowhere, though DEV_SIGN_IN=anywhere is set. The provider sends `iss` in
 * every answer and says so (RFC 9207), and OIDC_STAFF_ACR holds staff to NSIS Substantial or High:
 * a staff member at no level is told what to do, does it, and is signed in; citizens are not held.
 *
 * What the citizen did is read back through the API with the provider's own access token for the
 * same person: the web and the API map the provider's claims to the same principal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Cookie, Page } from 'playwright-core';
import { z } from 'zod';
import { newId } from '../../src/ids.js';
import { chromium, establishCentre, eventually, inBrowser, launchBrowser, pageLanguage, seriousAxeViolations } from '../support/browser.js';
import { type FakeProvider, startFakeProvider, startOidcServer } from '../support/browser-sign-in.js';

const CLIENT = { clientId: 'virkelyst-web', clientSecret: 'browser-test-secret' };
const SUBSTANTIAL = 'https://data.gov.dk/concept/core/nsis/loa/Substantial';
const HIGH = 'https://data.gov.dk/concept/core/nsis/loa/High';
const records = z.object({ records: z.array(z.object({ type: z.string() })) });

describe.skipIf(!chromium)('signing in through an identity provider, in Chromium', () => {
  let provider: FakeProvider;
  let server: Awaited<ReturnType<typeof startOidcServer>>;
  let browser: Browser;
  const centreName = `Virkelyst Amager ${newId().slice(-4)}`;
  let centreId: string;

  beforeAll(async () => {
    provider = await startFakeProvider({ ...CLIENT, issParameter: true });
    [server, browser] = await Promise.all([startOidcServer(provider, CLIENT, { OIDC_STAFF_ACR: `${SUBSTANTIAL} ${HIGH}` }), launchBrowser()]);
    centreId = await establishCentre(server.url, server.token, { name: centreName, municipalityCode: '101' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await provider?.close();
  });

  async function expectAccessible(page: Page, lang: 'da' | 'en' = 'da') {
    expect(await pageLanguage(page)).toBe(lang);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  /** From the sign-in page through the provider and back. */
  async function signInThroughProvider(page: Page, button = 'Fortsæt til login') {
    await page.goto(server.url + '/log-ind');
    await page.getByRole('link', { name: button }).click();
  }

  async function journeysStarted(citizenId: string): Promise<number> {
    const response = await fetch(`${server.url}/journeys/${citizenId}/records`, { headers: { authorization: `Bearer ${await server.token('citizen', undefined, citizenId)}` } });
    if (response.status === 404) return 0;
    expect(response.status).toBe(200);
    return records.parse(await response.json()).records.filter((r) => r.type === 'JourneyStarted').length;
  }

  it('signs a citizen in by the code flow, who starts a journey and signs out (at the provider too); the old cookie is then refused', async () => {
    const citizenId = `citizen-${newId()}`;
    let oldSession: Cookie | undefined;
    await inBrowser(browser, 'oidc-citizen-signs-in-and-out', {}, async (page, shots, context) => {
      await page.goto(server.url + '/log-ind');
      await expectAccessible(page);
      // No local sign-in, though DEV_SIGN_IN=anywhere: an identity provider is configured.
      expect(await page.getByLabel('Person-id').count()).toBe(0);
      expect(await page.getByText('udviklingslogin').count()).toBe(0);
      await shots.step('sign-in page');

      provider.next({ user: { sub: citizenId, role: 'citizen' } });
      await page.getByRole('link', { name: 'Fortsæt til login' }).click();
      await page.waitForURL((url) => url.pathname === '/mine-sider');
      await expectAccessible(page);
      expect(await page.getByText(`Logget ind som borger ${citizenId}`).count()).toBe(1);
      await shots.step('signed in: my pages');

      const cookies = await context.cookies(server.url);
      oldSession = cookies.find((c) => c.name === 'vl_session');
      expect(oldSession?.httpOnly).toBe(true);
      expect(oldSession?.sameSite).toBe('Lax');
      expect(cookies.find((c) => c.name === 'vl_oidc')).toBeUndefined();

      // A journey started in the browser is the API's for the same person at the provider.
      await page.getByRole('link', { name: 'Start et forløb' }).click();
      await page.getByLabel(centreName, { exact: true }).check();
      await page.getByRole('button', { name: 'Fortsæt' }).click();
      await page.getByRole('heading', { name: 'Tjek dine svar' }).waitFor();
      await page.getByRole('main').getByRole('button', { name: 'Start forløbet' }).click();
      await page.waitForURL((url) => url.pathname === '/mine-sider');
      await shots.step('journey started');
      expect(await eventually(async () => ((await journeysStarted(citizenId)) > 0 ? journeysStarted(citizenId) : undefined))).toBe(1);

      const endSessions = provider.calls.endSession.length;
      await page.getByRole('button', { name: 'Log af' }).click();
      // Through the provider's end-session endpoint and back to the front page.
      await page.waitForURL((url) => url.origin === server.url && url.pathname === '/');
      expect(provider.calls.endSession.length).toBe(endSessions + 1);
      expect(provider.calls.endSession.at(-1)?.searchParams.get('post_logout_redirect_uri')).toBe(`${server.url}/`);
      expect(await page.getByRole('link', { name: 'Log ind' }).count()).toBe(1);
      await shots.step('signed out');
    });

    // The cookie from before the sign-out, in another browser: refused by the server's list.
    await inBrowser(browser, 'oidc-old-cookie-refused', {}, async (page, shots, context) => {
      if (!oldSession) throw new Error('no session cookie was kept from signing in');
      await context.addCookies([oldSession]);
      await page.goto(server.url + '/mine-sider');
      await page.waitForURL((url) => url.pathname === '/log-ind');
      expect(await page.getByText(citizenId).count()).toBe(0);
      await shots.step('old cookie sent to sign in');
    });
  });

  it('says plainly, in Danish and English, when the person cancels at the provider or has no role here; nobody is signed in', async () => {
    for (const [lang, locale, cancelled, refused, button] of [
      ['da', 'da-DK', 'Du afbrød, eller identitetsudbyderen afviste', 'Du kan ikke logge ind her', 'Fortsæt til login'],
      ['en', 'en-GB', 'Signing in was cancelled or turned down', 'You cannot sign in here', 'Continue to sign in'],
    ] as const) {
      await inBrowser(browser, `oidc-refusals-${lang}`, { locale }, async (page, shots, context) => {
        provider.next({ user: { sub: `person-${newId()}`, role: 'citizen' }, error: 'access_denied' });
        await signInThroughProvider(page, button);
        await page.getByText(cancelled).waitFor();
        expect(new URL(page.url()).pathname).toBe('/log-ind/callback');
        await expectAccessible(page, lang);
        await shots.step('cancelled at the provider');

        provider.next({ user: { sub: `person-${newId()}`, role: 'caseworker' } });
        await signInThroughProvider(page, button);
        await page.getByRole('heading', { name: refused }).waitFor();
        await expectAccessible(page, lang);
        await shots.step('no role here');
        expect((await context.cookies(server.url)).filter((c) => c.name === 'vl_session')).toEqual([]);
      });
    }
  });

  it('tells a staff member who signed in at no accepted level what to do, in Danish and English; signing in again asks for the level and lets them in', async () => {
    for (const [lang, locale, title, again, button] of [
      ['da', 'da-DK', 'Log ind på et højere sikringsniveau', 'Log ind igen på et højere sikringsniveau', 'Fortsæt til login'],
      ['en', 'en-GB', 'Sign in at a higher level of assurance', 'Sign in again at a higher level of assurance', 'Continue to sign in'],
    ] as const) {
      const staffId = `staff-${newId()}`;
      await inBrowser(browser, `oidc-staff-assurance-${lang}`, { locale }, async (page, shots, context) => {
        provider.next({ user: { sub: staffId, role: 'staff', centre: centreId } });
        await signInThroughProvider(page, button);
        await page.getByRole('heading', { name: title }).waitFor();
        expect(provider.calls.authorize.at(-1)?.searchParams.has('acr_values')).toBe(false);
        await expectAccessible(page, lang);
        expect((await context.cookies(server.url)).filter((c) => c.name === 'vl_session')).toEqual([]);
        await shots.step('refused for the level of assurance');

        provider.next({ user: { sub: staffId, role: 'staff', centre: centreId }, acr: HIGH });
        await page.getByRole('link', { name: again }).click();
        await page.waitForURL((url) => url.pathname === '/medarbejder');
        expect(provider.calls.authorize.at(-1)?.searchParams.get('acr_values')).toBe(`${SUBSTANTIAL} ${HIGH}`);
        expect(await page.getByText(staffId).count()).toBeGreaterThan(0);
        await shots.step('signed in at the level asked for');
      });
    }
  });

  it('signs in and out with JavaScript turned off', async () => {
    const citizenId = `citizen-${newId()}`;
    await inBrowser(browser, 'oidc-no-javascript', { javaScriptEnabled: false }, async (page, shots) => {
      provider.next({ user: { sub: citizenId, role: 'citizen' } });
      await signInThroughProvider(page);
      await page.waitForURL((url) => url.pathname === '/mine-sider');
      await shots.step('signed in');
      await page.getByRole('button', { name: 'Log af' }).click();
      await page.waitForURL((url) => url.origin === server.url && url.pathname === '/');
      await page.goto(server.url + '/mine-sider');
      await page.waitForURL((url) => url.pathname === '/log-ind');
      await shots.step('signed out');
    });
  });
});
