/**
 * The catalogue and a referral in a real browser: a citizen searches the catalogue with an
 * inflected Danish word ("virksomhed" finds an offer that says "virksomheder"), asks to be
 * referred, chooses what to share (nothing ticked beforehand; how to be reached revealed under its
 * box), checks the answers and gets the receipt; the partner's person sees exactly those fields;
 * the citizen withdraws, asked once, and the partner then sees nothing more. Every page type of the
 * catalogue and the referral in Danish and English under axe; the search and the referral once with
 * JavaScript turned off. Partners, agreements and offers are seeded through the command path (the
 * handler and its facts), journeys and goals through the API; what was recorded is read back from
 * the log, not from the page that says so.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementDecider } from '../../src/domain/agreement/decide.js';
import { catalogueDecider } from '../../src/domain/catalogue/decide.js';
import { partnerDecider } from '../../src/domain/partner/decide.js';
import type { Principal } from '../../src/domain/shared/principal.js';
import { newId } from '../../src/ids.js';
import { commandsFor } from '../../src/wiring.js';
import { chromium, establishCentre, eventually, inBrowser, launchBrowser, pageLanguage, seriousAxeViolations, startTestServer } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.skipIf(!chromium)('the catalogue and a referral in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let commands: ReturnType<typeof commandsFor>;
  let centreId = '';
  const suffix = newId().slice(-6);
  const partnerName = `Værkstedet ${suffix}`;
  let partnerId = '';
  let offerId = '';
  let ownOfferId = '';

  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const ctx = () => {
    const commandId = newId();
    return { commandId, correlationId: commandId };
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    commands = commandsFor(server.database, server.store, server.vault);
    centreId = await establishCentre(server.url, server.token, { name: `Virkelyst Bispebjerg ${suffix}`, municipalityCode: '101' });
    const staff: Principal = { id: `staff-${suffix}`, role: 'staff', centreId };
    partnerId = newId();
    const agreementId = newId();
    const now = new Date().toISOString();
    await commands.handler.handle(partnerDecider, { type: 'RegisterPartner', now, principal: staff, data: { partnerId, centreId, kind: 'business', name: partnerName, cvr: null, contact: { name: 'Lene Holm', email: null, phone: null } } }, ctx());
    await commands.handler.handle(
      agreementDecider,
      {
        type: 'SignAgreement',
        now,
        principal: staff,
        data: {
          agreementId,
          partnerId,
          centreId,
          partnerKnown: await commands.facts.partnerKnown(partnerId),
          scope: 'Praktik og sparring for borgere, der vil prøve et håndværk.',
          offerKinds: ['internship', 'sparring'],
          startDate: day(-1),
          endDate: day(300),
          payment: null,
          documentSha256: createHash('sha256').update(`aftale ${suffix}`).digest('hex'),
          signatories: [
            { side: 'partner', name: 'Lene Holm', title: null },
            { side: 'centre', name: 'Per Madsen', title: null },
          ],
        },
      },
      ctx(),
    );
    offerId = newId();
    const partnerPerson: Principal = { id: `lene-${suffix}`, role: 'partner', partnerId };
    await commands.handler.handle(
      catalogueDecider,
      {
        type: 'PublishCatalogueOffer',
        now,
        principal: partnerPerson,
        data: {
          offerId,
          centreId,
          partnerId,
          agreementId,
          agreement: await commands.facts.agreementFact(agreementId, now),
          content: {
            kind: 'internship',
            title: `Praktik på værkstedet ${suffix}`,
            titleEn: `A placement at the workshop ${suffix}`,
            description: 'Vi samarbejder med virksomheder i byen, og du prøver faget i fire uger sammen med erfarne folk.',
            descriptionEn: 'We work with businesses in the city, and you try the trade for four weeks with experienced people.',
            channels: ['in_person'],
            municipalityCode: '101',
            place: 'Værkstedsgade 1',
            link: null,
            capacity: 5,
            suits: 'Godt, hvis du gerne vil arbejde med hænderne.',
          },
        },
      },
      ctx(),
    );
    ownOfferId = newId();
    await commands.handler.handle(
      catalogueDecider,
      {
        type: 'PublishCatalogueOffer',
        now,
        principal: staff,
        data: {
          offerId: ownOfferId,
          centreId,
          partnerId: null,
          agreementId: null,
          agreement: null,
          content: { kind: 'coaching', title: `Coaching ${suffix}`, titleEn: null, description: 'Samtaler om, hvad du drømmer om.', descriptionEn: null, channels: ['video', 'phone'], municipalityCode: '101', place: null, link: null, capacity: null, suits: null },
        },
      },
      ctx(),
    );
    // The catalogue's read model follows the log a moment later.
    await eventually(async () => ((await fetch(`${server.url}/tilbudskatalog/${offerId}`)).status === 200 ? true : undefined));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function api(path: string, citizenId: string, body: unknown) {
    const response = await fetch(server.url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${await server.token('citizen', undefined, citizenId)}`, 'content-type': 'application/json', 'idempotency-key': newId() },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  }

  /** A citizen with a journey (an alias), and a goal in their own words. */
  async function citizenWithJourney(alias: string, goal: string) {
    const citizenId = `citizen-${newId().slice(-10)}`;
    await api('/journeys', citizenId, { centreId, alias });
    await api(`/journeys/${citizenId}/goals`, citizenId, { text: goal });
    return citizenId;
  }

  async function eventsOf(citizenId: string, type: string) {
    const { rows } = await sql<{ data: Record<string, unknown> }>`select data from events where stream_id = ${`journey-${citizenId}`} and event_type = ${type}`.execute(server.database.db);
    return rows;
  }

  async function expectAccessible(page: Page, lang: 'da' | 'en' = 'da') {
    expect(await pageLanguage(page)).toBe(lang);
    expect(await seriousAxeViolations(page), page.url()).toEqual([]);
  }

  /** The local development sign-in, as a person fills it in (in either language: by the fields' values and ids). */
  async function signIn(page: Page, role: 'citizen' | 'partner', personId: string, partner?: string) {
    await page.goto(server.url + '/log-ind');
    await page.locator(`input[name="role"][value="${role}"]`).check();
    await page.locator('#personId').fill(personId);
    if (partner) await page.locator('#partnerId').selectOption(partner);
    await page.locator('#sign-in-submit').click();
    await page.waitForURL((url) => url.pathname !== '/log-ind');
  }

  async function switchTo(page: Page, lang: 'da' | 'en') {
    await page.getByRole('link', { name: lang === 'en' ? 'English' : 'Dansk', exact: true }).click();
    await page.waitForFunction(`document.documentElement.lang === '${lang}'`);
  }

  it('a citizen finds a partner’s offer by an inflected word, is referred with what they choose to share, and the partner sees exactly that until it is withdrawn', async () => {
    const citizenId = await citizenWithJourney('Maja', 'Jeg vil gerne arbejde med træ');
    await inBrowser(browser, 'catalogue-referral', {}, async (page, shots, context) => {
      const step = async (name: string) => {
        await expectAccessible(page);
        await shots.step(name);
      };
      await signIn(page, 'citizen', citizenId);
      await page.goto(server.url + '/tilbudskatalog');
      await page.getByLabel('Hvad leder du efter?').fill('virksomhed');
      await page.getByRole('button', { name: 'Søg', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === 'virksomhed');
      const result = page.getByRole('link', { name: `Praktik på værkstedet ${suffix}` });
      await result.waitFor();
      await step('the search found the offer');
      await result.click();
      await page.getByRole('heading', { level: 1, name: `Praktik på værkstedet ${suffix}` }).waitFor();
      await page.getByText('Det er en hjælp til at vælge, ikke et krav.').waitFor();
      await step('the offer');

      await page.getByRole('link', { name: 'Jeg vil gerne henvises' }).click();
      await page.getByRole('heading', { level: 1, name: `Hvad vil du dele med ${partnerName}?` }).waitFor();
      // Nothing ticked beforehand, and the field for how to be reached only under its box.
      expect(await page.locator('input[name="fields"]:checked').count()).toBe(0);
      const contact = page.getByLabel(`Hvordan må ${partnerName} kontakte dig?`);
      await page.locator('#contact-collapse[aria-hidden="true"]').waitFor({ state: 'attached' });
      expect(await contact.isVisible()).toBe(false);
      await step('what to share');
      await page.getByRole('button', { name: 'Fortsæt' }).click();
      await page.locator('.alert-error a[href="#fields"]').waitFor();
      await step('what to share, refused');

      await page.getByLabel('Dit navn', { exact: true }).check();
      await page.getByLabel('Hvordan du kan kontaktes', { exact: true }).check();
      await contact.waitFor({ state: 'visible' });
      await contact.fill('Skriv til maja@example.dk');
      await page.getByLabel('Dine mål, med dine egne ord').check();
      await shots.step('what to share, chosen');
      await page.getByRole('button', { name: 'Fortsæt' }).click();
      await page.getByRole('heading', { level: 1, name: `Hvor længe må ${partnerName} se det?` }).waitFor();
      await step('until when');
      await page.getByRole('button', { name: 'Fortsæt' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tjek dine svar' }).waitFor();
      expect(await page.locator('#shared-fields li').allInnerTexts()).toEqual(['Dit navn', 'Hvordan du kan kontaktes', 'Dine mål, med dine egne ord']);
      await step('check your answers');
      await page.getByRole('button', { name: 'Giv mit samtykke og send henvisningen' }).click();
      await page.waitForURL((url) => url.pathname === '/mine-sider/samtykker');
      await page.getByText('Tak. Dit samtykke er givet, og henvisningen er sendt.').waitFor();
      await page.getByRole('heading', { name: `Deling med ${partnerName}` }).waitFor();
      await step('the receipt');
      const given = await eventsOf(citizenId, 'DataSharingConsentGiven');
      expect(given).toHaveLength(1);
      expect(given[0]!.data).toMatchObject({ partnerId, catalogueOfferId: offerId, fields: ['name', 'contact', 'goals'] });

      // The partner's person, in a browser of their own.
      const partnerPage = await context.browser()!.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' }).then((c) => c.newPage());
      try {
        await signIn(partnerPage, 'partner', `lene-${suffix}`, partnerId);
        await partnerPage.goto(server.url + '/partner/henvisninger');
        const card = partnerPage.locator('.card').filter({ hasText: 'Maja' });
        await card.waitFor();
        expect(await card.getByText('Skriv til maja@example.dk').count()).toBe(1);
        expect(await card.getByText('Jeg vil gerne arbejde med træ').count()).toBe(1);
        expect(await card.getByText('Besked fra borgeren').count()).toBe(0);
        expect(await partnerPage.content()).not.toContain(citizenId);
        expect(await seriousAxeViolations(partnerPage)).toEqual([]);
        await partnerPage.screenshot({ path: `${shots.dir}/partner-sees-the-fields.png`, fullPage: true });

        // Withdrawn, asked once.
        await page.getByRole('link', { name: /Træk samtykket til deling tilbage/ }).click();
        await page.getByRole('heading', { level: 1, name: 'Vil du trække dit samtykke til deling tilbage?' }).waitFor();
        await step('withdraw: asked once');
        await page.getByRole('button', { name: 'Ja, træk mit samtykke tilbage' }).click();
        await page.getByText('Dit samtykke til deling er trukket tilbage. Medspilleren ser ikke mere, og intet følger af det.').waitFor();
        await step('withdrawn');
        expect(await eventsOf(citizenId, 'DataSharingConsentWithdrawn')).toHaveLength(1);

        await partnerPage.reload();
        await partnerPage.getByText('Borgeren har trukket samtykket tilbage. I ser ikke mere.').first().waitFor();
        const content = await partnerPage.content();
        expect(content).not.toContain('Maja');
        expect(content).not.toContain('maja@example.dk');
        expect(content).not.toContain('arbejde med træ');
        await partnerPage.screenshot({ path: `${shots.dir}/partner-sees-nothing-more.png`, fullPage: true });
      } finally {
        await partnerPage.context().close();
      }
    });
  }, 90_000);

  it('has every catalogue and referral page type in Danish and English with no serious accessibility fault', async () => {
    const citizenId = await citizenWithJourney('Ole', 'Mere tid ude');
    const noJourney = `citizen-${newId().slice(-10)}`;
    for (const lang of ['da', 'en'] as const) {
      await inBrowser(browser, `catalogue-page-types-${lang}`, {}, async (page, shots) => {
        const step = async (name: string) => {
          await expectAccessible(page, lang);
          await shots.step(name);
        };
        // Signed out first: the catalogue is public.
        await page.goto(server.url + '/tilbudskatalog');
        if (lang === 'en') await switchTo(page, 'en');
        await page.locator('#results').waitFor();
        await step('the catalogue');
        await page.locator('summary.details-summary').click();
        await page.locator('#slags').waitFor({ state: 'visible' });
        await step('the catalogue with its filters open');
        await page.goto(`${server.url}/tilbudskatalog?q=${lang === 'da' ? 'ingenting+her' : 'nothing+here'}`);
        await page.locator('#no-results').waitFor();
        await step('no results');
        await page.goto(`${server.url}/tilbudskatalog/${offerId}`);
        await page.locator('#sign-in-to-refer').waitFor();
        await step('an offer, signed out');

        await signIn(page, 'citizen', noJourney);
        await page.goto(`${server.url}/mine-sider/henvisning/${offerId}`);
        await page.locator('#to-mine').waitFor();
        await step('no journey yet');
        await signIn(page, 'citizen', citizenId);
        await page.goto(`${server.url}/tilbudskatalog/${ownOfferId}`);
        await page.locator('#book').waitFor();
        await step('the centre’s own offer');
        await page.goto(`${server.url}/tilbudskatalog/${offerId}`);
        await page.locator('#refer').click();
        await page.locator('#fields').waitFor();
        await step('what to share');
        await page.locator('#continue').click();
        await page.locator('.alert-error').waitFor();
        await step('what to share, refused');
        await page.locator('#fields-4').check();
        await page.locator('#message').fill(lang === 'da' ? 'Jeg glæder mig.' : 'I look forward to it.');
        await page.locator('#continue').click();
        await page.locator('#until').waitFor();
        await step('until when');
        await page.locator('#until').fill('2000-01-01');
        await page.locator('#continue').click();
        await page.locator('.alert-error').waitFor();
        await step('until when, refused');
        await page.locator('#until').fill(day(30));
        await page.locator('#continue').click();
        await page.locator('#confirm').waitFor();
        await step('check your answers');
        await page.locator('#change-until').click();
        await page.locator('#until').waitFor();
        await page.locator('#continue').click();
        await page.locator('#confirm').click();
        await page.waitForURL((url) => url.pathname === '/mine-sider/samtykker');
        await page.locator('[id^="withdraw-sharing-"]').first().waitFor();
        await step('the consents with a sharing');
        await page.locator('[id^="withdraw-sharing-"]').first().click();
        await page.locator('#withdraw-sharing').waitFor();
        await step('withdraw a sharing');
        await page.locator('#withdraw-sharing').click();
        await page.waitForURL((url) => url.searchParams.get('deling-trukket') === '1');
        await step('the consents after the withdrawal');
      });
    }
  }, 180_000);

  it('searches and is referred with JavaScript turned off', async () => {
    const citizenId = await citizenWithJourney('Kim', 'Et job med mennesker');
    await inBrowser(browser, 'catalogue-no-javascript', { javaScriptEnabled: false }, async (page, shots) => {
      await signIn(page, 'citizen', citizenId);
      await page.goto(server.url + '/tilbudskatalog');
      await page.getByLabel('Hvad leder du efter?').fill('virksomheder');
      await page.getByRole('button', { name: 'Søg', exact: true }).click();
      await page.getByRole('link', { name: `Praktik på værkstedet ${suffix}` }).click();
      await shots.step('the offer, without script');
      await page.getByRole('link', { name: 'Jeg vil gerne henvises' }).click();
      // Without script the field for how to be reached is always there, with its hint.
      const contact = page.getByLabel(`Hvordan må ${partnerName} kontakte dig?`);
      expect(await contact.isVisible()).toBe(true);
      await page.getByText('Udfyld kun, hvis du har sat kryds ved »Hvordan du kan kontaktes«.').waitFor();
      await shots.step('what to share, without script');
      // Written but not ticked: said on the field, not shared.
      await contact.fill('Ring på 11 22 33 44');
      await page.getByLabel('Dit navn', { exact: true }).check();
      await page.getByRole('button', { name: 'Fortsæt' }).click();
      await page.locator('.alert-error a[href="#contact"]').waitFor();
      await page.getByLabel('Hvordan du kan kontaktes', { exact: true }).check();
      await page.getByRole('button', { name: 'Fortsæt' }).click();
      await page.getByRole('button', { name: 'Fortsæt' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tjek dine svar' }).waitFor();
      await shots.step('check your answers, without script');
      await page.getByRole('button', { name: 'Giv mit samtykke og send henvisningen' }).click();
      await page.getByText('Tak. Dit samtykke er givet, og henvisningen er sendt.').waitFor();
      await shots.step('the receipt, without script');
      const made = await eventsOf(citizenId, 'ReferralMade');
      expect(made).toHaveLength(1);
      expect(made[0]!.data).toMatchObject({ partnerId, shared: ['name', 'contact'] });
    });
  }, 90_000);
});
