/**
 * Partners in a real browser: a staff member registers a partner (the CVR number's modulus-11
 * check said on its field first), records a signed agreement whose SHA-256 the page works out from
 * the chosen file in the browser (the file is never sent), and publishes one of the centre's own
 * offers; the partner's person signs in for that partner (chosen from the partners' read model),
 * publishes an offer under the agreement and finds it in the catalogue. Every staff and partner page
 * type in Danish and English under axe; the agreement form once without JavaScript (the hash pasted).
 * What was recorded is read back from the log.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.js';
import { chromium, establishCentre, eventually, inBrowser, launchBrowser, pageLanguage, seriousAxeViolations, startTestServer } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.skipIf(!chromium)('partners in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let centreId = '';
  const suffix = newId().slice(-6);
  const partnerName = `Tømrerlauget ${suffix}`;
  const staffId = `staff-${suffix}`;
  const document = Buffer.from(`Samarbejdsaftale mellem ${partnerName} og centret, underskrevet.`);
  const documentHash = createHash('sha256').update(document).digest('hex');
  const ids = { partnerId: '', agreementId: '', ownOfferId: '', partnerOfferId: '' };

  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    centreId = await establishCentre(server.url, server.token, { name: `Virkelyst Valby ${suffix}`, municipalityCode: '101' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function expectAccessible(page: Page, lang: 'da' | 'en' = 'da') {
    expect(await pageLanguage(page)).toBe(lang);
    expect(await seriousAxeViolations(page), page.url()).toEqual([]);
  }

  /** The local development sign-in, by the fields' values and ids (either language). */
  async function signIn(page: Page, role: 'staff' | 'partner', personId: string, o: { centre?: string; partner?: string } = {}) {
    await page.goto(server.url + '/log-ind');
    await page.locator(`input[name="role"][value="${role}"]`).check();
    await page.locator('#personId').fill(personId);
    if (o.centre) await page.locator('#centreId').selectOption(o.centre);
    if (o.partner) await page.locator('#partnerId').selectOption(o.partner);
    await page.locator('#sign-in-submit').click();
    await page.waitForURL((url) => url.pathname !== '/log-ind');
  }

  async function eventsOf(type: string) {
    const { rows } = await sql<{ data: Record<string, unknown> }>`select data from events where event_type = ${type} order by global_position`.execute(server.database.db);
    return rows;
  }

  /** Reloads `path` until `ready` is on it (the catalogue's read model follows a moment later). */
  async function once(page: Page, path: string, ready: string) {
    await eventually(async () => {
      await page.goto(server.url + path);
      return (await page.locator(ready).count()) > 0 ? true : undefined;
    });
  }

  it('a staff member registers a partner, records its signed agreement with the document’s SHA-256 worked out in the browser, and publishes the centre’s own offer', async () => {
    await inBrowser(browser, 'partner-staff', {}, async (page, shots) => {
      const step = async (name: string) => {
        await expectAccessible(page);
        await shots.step(name);
      };
      await signIn(page, 'staff', staffId, { centre: centreId });
      await page.goto(server.url + '/medarbejder/medspillere');
      await page.getByRole('heading', { level: 1, name: 'Medspillere' }).waitFor();
      await step('the partners');
      await page.getByLabel('Slags medspiller').selectOption('business');
      await page.getByLabel('Organisationens navn').fill(partnerName);
      await page.getByLabel('CVR-nummer').fill('12345678');
      await page.getByLabel('Kontaktpersonens navn').fill('Lene Holm');
      await page.getByLabel('E-mail').fill('lene@example.dk');
      await page.getByRole('button', { name: 'Registrér medspilleren' }).click();
      await page.locator('.alert-error a[href="#cvr"]').waitFor();
      expect(await page.locator('#cvr-error').innerText()).toContain('kontrolcifferet passer ikke');
      await step('the partner refused for its CVR number');
      await page.getByLabel('CVR-nummer').fill('10000009');
      await page.getByRole('button', { name: 'Registrér medspilleren' }).click();
      await page.getByText('Medspilleren er registreret.').waitFor();
      await once(page, '/medarbejder/medspillere', `a:text("${partnerName}")`);
      await page.getByRole('link', { name: partnerName }).click();
      await page.getByRole('heading', { level: 1, name: partnerName }).waitFor();
      ids.partnerId = /\/medarbejder\/medspillere\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      await step('the partner');

      await page.getByRole('link', { name: 'Registrér en underskrevet aftale' }).click();
      await page.getByRole('heading', { level: 1, name: `Registrér en underskrevet aftale med ${partnerName}` }).waitFor();
      await step('record a signed agreement');
      await page.getByLabel('Formål og indhold').fill('Praktikpladser og sparring for borgere, der vil prøve håndværket.');
      await page.getByLabel('Praktik', { exact: true }).check();
      await page.getByLabel('Sparring', { exact: true }).check();
      await page.getByLabel('Første dag').fill(day(0));
      await page.getByLabel('Sidste dag').fill(day(365));
      await page.getByLabel('Om året').check();
      await page.getByLabel('Beløb').fill('12.500,00');
      await page.locator('#partnerSigner1').fill('Lene Holm');
      await page.locator('#partnerSignerTitle1').fill('Oldermand');
      await page.locator('#centreSigner1').fill('Per Madsen');
      // The page works out the fingerprint from the file, here in the browser.
      await page.locator('#document-file').setInputFiles({ name: 'aftale.pdf', mimeType: 'application/pdf', buffer: document });
      await expect.poll(() => page.locator('#documentSha256').inputValue()).toBe(documentHash);
      await page.getByText('Fingeraftrykket er skrevet i feltet herunder.').waitFor();
      await step('the document’s fingerprint worked out');
      const sent: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST') sent.push(request.postData() ?? '');
      });
      await page.getByRole('button', { name: 'Registrér aftalen' }).click();
      await page.getByText('Aftalen er registreret.').waitFor();
      // The form sends the hash, never the file.
      expect(sent.join('')).toContain(documentHash);
      expect(sent.join('')).not.toContain('Samarbejdsaftale');
      const signed = (await eventsOf('AgreementSigned')).find((e) => e.data.partnerId === ids.partnerId)!;
      expect(signed.data).toMatchObject({ centreId, offerKinds: ['internship', 'sparring'], payment: { amountOre: 1_250_000, basis: 'per_year' }, documentSha256: documentHash });
      ids.agreementId = signed.data.agreementId as string;
      await once(page, `/medarbejder/medspillere/${ids.partnerId}`, `a[href="/medarbejder/medspillere/aftaler/${ids.agreementId}"]`);
      await page.locator(`a[href="/medarbejder/medspillere/aftaler/${ids.agreementId}"]`).click();
      await page.getByText('12.500,00 kr. om året').first().waitFor();
      await step('the agreement');

      await page.goto(server.url + '/medarbejder/medspillere/tilbud/nyt');
      await page.getByRole('button', { name: 'Udgiv tilbuddet' }).click();
      await page.locator('.alert-error').waitFor();
      await step('an offer refused');
      await page.getByLabel('Slags tilbud').selectOption('coaching');
      await page.getByLabel('Titel', { exact: true }).fill(`Drømmesamtaler ${suffix}`);
      await page.getByLabel('Hvad tilbuddet er', { exact: true }).fill('Samtaler om, hvad du drømmer om at lave.');
      await page.getByLabel('Video', { exact: true }).check();
      await page.getByRole('button', { name: 'Udgiv tilbuddet' }).click();
      await page.getByText('Tilbuddet er udgivet.').waitFor();
      ids.ownOfferId = (await eventsOf('CatalogueOfferPublished')).find((e) => e.data.title === `Drømmesamtaler ${suffix}`)!.data.offerId as string;
      await once(page, '/medarbejder/medspillere/tilbud', `#revise-${ids.ownOfferId}`);
      await step('the centre’s own offers');
    });
  }, 90_000);

  it('the partner’s person signs in for the partner, publishes an offer under the agreement, and it is in the catalogue', async () => {
    expect(ids.agreementId).not.toBe('');
    await inBrowser(browser, 'partner-own-pages', {}, async (page, shots) => {
      const step = async (name: string) => {
        await expectAccessible(page);
        await shots.step(name);
      };
      await signIn(page, 'partner', `lene-${suffix}`, { partner: ids.partnerId });
      expect(new URL(page.url()).pathname).toBe('/partner');
      await page.getByRole('heading', { level: 1, name: partnerName }).waitFor();
      await step('the partner’s overview');
      await page.getByRole('link', { name: 'Jeres tilbud' }).click();
      await page.getByRole('link', { name: 'Udgiv et nyt tilbud' }).click();
      await page.getByRole('heading', { level: 1, name: 'Udgiv et tilbud' }).waitFor();
      await step('publish an offer');
      await page.getByLabel('Slags tilbud').selectOption('internship');
      await page.getByLabel('Titel', { exact: true }).fill(`Praktik hos tømrerne ${suffix}`);
      await page.getByLabel('Hvad tilbuddet er', { exact: true }).fill('Vi tager imod borgere, der vil prøve håndværket sammen med virksomheder i laget.');
      await page.getByLabel('Hvem det kan passe til').fill('Godt, hvis du kan lide træ.');
      await page.getByLabel('Fremmøde', { exact: true }).check();
      await page.getByLabel('Antal pladser').fill('3');
      await page.getByRole('button', { name: 'Udgiv tilbuddet' }).click();
      // In person says where: the field is named.
      await page.locator('.alert-error a[href="#place"]').waitFor();
      await step('an offer refused: in person, but where?');
      await page.locator('#place').fill('Lauget, Nørrebrogade 10');
      await page.getByRole('button', { name: 'Udgiv tilbuddet' }).click();
      await page.getByText('Tilbuddet er udgivet.').waitFor();
      const published = (await eventsOf('CatalogueOfferPublished')).find((e) => e.data.title === `Praktik hos tømrerne ${suffix}`)!;
      expect(published.data).toMatchObject({ partnerId: ids.partnerId, agreementId: ids.agreementId, centreId, capacity: 3 });
      ids.partnerOfferId = published.data.offerId as string;
      await once(page, '/partner/tilbud', `#revise-${ids.partnerOfferId}`);
      await step('the partner’s offers');
      await page.goto(`${server.url}/tilbudskatalog?q=virksomhed`);
      await page.getByRole('link', { name: `Praktik hos tømrerne ${suffix}` }).waitFor();
      await page.goto(server.url + '/partner/aftaler');
      await page.locator(`a[href="/partner/aftaler/${ids.agreementId}"]`).click();
      await page.getByText('Lene Holm, Oldermand (for medspilleren)').first().waitFor();
      await step('the partner’s agreement');
    });
  }, 90_000);

  it('has every staff and partner page type in Danish and English with no serious accessibility fault', async () => {
    expect(ids.partnerOfferId).not.toBe('');
    const staffPages: { name: string; path: string; ready: string; send?: string }[] = [
      { name: 'partners', path: '/medarbejder/medspillere', ready: '#register-form' },
      { name: 'partners, refused', path: '/medarbejder/medspillere', ready: '#register-form', send: '#register-partner' },
      { name: 'a partner', path: `/medarbejder/medspillere/${ids.partnerId}`, ready: '#sign-agreement' },
      { name: 'sign an agreement', path: `/medarbejder/medspillere/${ids.partnerId}/aftale`, ready: '#agreement-form' },
      { name: 'sign an agreement, refused', path: `/medarbejder/medspillere/${ids.partnerId}/aftale`, ready: '#agreement-form', send: '#record-agreement' },
      { name: 'an agreement', path: `/medarbejder/medspillere/aftaler/${ids.agreementId}`, ready: '#terminate' },
      { name: 'amend', path: `/medarbejder/medspillere/aftaler/${ids.agreementId}/ret`, ready: '#agreement-form' },
      { name: 'renew', path: `/medarbejder/medspillere/aftaler/${ids.agreementId}/forny`, ready: '#agreement-form' },
      { name: 'terminate', path: `/medarbejder/medspillere/aftaler/${ids.agreementId}/opsig`, ready: '#terminate-form' },
      { name: 'terminate, refused', path: `/medarbejder/medspillere/aftaler/${ids.agreementId}/opsig`, ready: '#terminate-form', send: '#terminate-agreement' },
      { name: 'own offers', path: '/medarbejder/medspillere/tilbud', ready: `#revise-${ids.ownOfferId}` },
      { name: 'revise own offer', path: `/medarbejder/medspillere/tilbud/${ids.ownOfferId}/ret`, ready: '#offer-form' },
      { name: 'take out own offer', path: `/medarbejder/medspillere/tilbud/${ids.ownOfferId}/fjern`, ready: '#retire-form' },
    ];
    const partnerPages: typeof staffPages = [
      { name: 'overview', path: '/partner', ready: 'nav' },
      { name: 'offers', path: '/partner/tilbud', ready: `#revise-${ids.partnerOfferId}` },
      { name: 'new offer', path: '/partner/tilbud/nyt', ready: '#offer-form' },
      { name: 'new offer, refused', path: '/partner/tilbud/nyt', ready: '#offer-form', send: '#publish-offer' },
      { name: 'revise offer', path: `/partner/tilbud/${ids.partnerOfferId}/ret`, ready: '#offer-form' },
      { name: 'take out offer', path: `/partner/tilbud/${ids.partnerOfferId}/fjern`, ready: '#retire-form' },
      { name: 'agreements', path: '/partner/aftaler', ready: `a[href="/partner/aftaler/${ids.agreementId}"]` },
      { name: 'an agreement', path: `/partner/aftaler/${ids.agreementId}`, ready: 'table' },
      { name: 'referrals', path: '/partner/henvisninger', ready: 'main p' },
    ];
    for (const lang of ['da', 'en'] as const) {
      await inBrowser(browser, `partner-page-types-${lang}`, {}, async (page, shots, context) => {
        await context.addCookies([{ name: 'lang', value: lang, url: server.url, sameSite: 'Lax' }]);
        const walk = async (who: string, pages: typeof staffPages) => {
          for (const p of pages) {
            await once(page, p.path, p.ready);
            if (p.send) {
              await page.locator(p.send).click();
              await page.locator('.alert-error').waitFor();
            }
            await expectAccessible(page, lang);
            await shots.step(`${who}: ${p.name}`);
          }
        };
        await signIn(page, 'staff', staffId, { centre: centreId });
        await walk('staff', staffPages);
        await signIn(page, 'partner', `lene-${suffix}`, { partner: ids.partnerId });
        await walk('partner', partnerPages);
      });
    }
  }, 180_000);

  it('records an agreement with the hash pasted when JavaScript is turned off', async () => {
    expect(ids.partnerId).not.toBe('');
    const pasted = createHash('sha256').update(`renewal ${suffix}`).digest('hex');
    await inBrowser(browser, 'partner-no-javascript', { javaScriptEnabled: false }, async (page, shots) => {
      await signIn(page, 'staff', staffId, { centre: centreId });
      await page.goto(`${server.url}/medarbejder/medspillere/aftaler/${ids.agreementId}/forny`);
      // Without script there is no file field to choose from: the hash is pasted.
      expect(await page.locator('#document-file').isVisible()).toBe(false);
      await page.getByLabel('Ny sidste dag').fill(day(400));
      await page.locator('#documentSha256').fill(pasted);
      await page.locator('#partnerSigner1').fill('Lene Holm');
      await page.locator('#centreSigner1').fill('Per Madsen');
      await shots.step('renew, without script');
      await page.getByRole('button', { name: 'Registrér fornyelsen' }).click();
      await page.getByText('Fornyelsen er registreret som en ny version.').waitFor();
      await shots.step('renewed, without script');
      const renewed = (await eventsOf('AgreementRenewed')).filter((e) => e.data.agreementId === ids.agreementId);
      expect(renewed.map((e) => e.data.documentSha256)).toEqual([pasted]);
    });
  }, 90_000);
});
