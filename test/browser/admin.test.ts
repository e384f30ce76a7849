/**
 * An administrator and a centre's staff in a real browser, end to end on the embedded default
 * (`npm start`'s own process and PostgreSQL), with no token minted by hand for any of it: the
 * administrator establishes a centre, constitutes its board, gives a partner a seat, seats the
 * employee, citizen and partner representatives and makes one the chair; erases a citizen's
 * personal data; the centre's staff set its in-person opening hours (first with a mistake, said in
 * words); and the centre shows on the public front page with those hours.
 *
 * What was recorded is read back through the API (tokens only for reading, and for the citizen
 * whose data is erased), not from the page that says so. axe-core on every page type, in Danish
 * and English, with `lang` right; a screenshot of each step.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.js';
import { chromium, eventually, inBrowser, launchBrowser, pageLanguage, seriousAxeViolations, startEmbeddedServer } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startEmbeddedServer>>;
type Json = Record<string, any>;

describe.skipIf(!chromium)('an administrator and a centre’s staff in Chromium, on the embedded default', () => {
  let server: Server;
  let browser: Browser;
  const suffix = newId().slice(-6);
  const centreName = `Virkelyst Aarhus C ${suffix}`;
  const citizenId = `borger-${suffix}`;
  /** The centre the administrator established, for the staff test to use. */
  let centreId: string | undefined;

  async function api(method: 'GET' | 'POST', path: string, token?: string, body?: object): Promise<{ status: number; json: Json }> {
    const response = await fetch(server.url + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': newId() }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as Json };
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startEmbeddedServer(), launchBrowser()]);
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

  /** The local development sign-in, with a role (and for staff a centre). */
  async function signIn(page: Page, role: 'Administrator' | 'Medarbejder', personId: string, home: string, centre?: string) {
    await page.goto(server.url + '/log-ind');
    await page.getByLabel(role, { exact: true }).check();
    await page.getByLabel('Person-id').fill(personId);
    if (centre) await page.locator('#centreId').selectOption(centre);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL((url) => url.pathname === home);
  }
  /** The footer's language switch, which comes back to the same page. */
  async function switchTo(page: Page, lang: 'da' | 'en') {
    await page.getByRole('link', { name: lang === 'en' ? 'English' : 'Dansk', exact: true }).click();
    await page.waitForFunction(`document.documentElement.lang === '${lang}'`);
  }

  it('establishes a centre, constitutes its board, seats its members and makes a chair; erases a citizen’s data', async () => {
    await inBrowser(browser, 'admin-centre-and-board', {}, async (page, shots) => {
      const step = async (name: string, lang: 'da' | 'en' = 'da') => {
        await expectAccessible(page, lang);
        await shots.step(name);
      };
      await signIn(page, 'Administrator', `admin-${suffix}`, '/administration');
      await heading(page, 'Administration');
      expect(await page.getByRole('link', { name: /Finansloven/ }).getAttribute('href')).toBe('/bestyrelse/finanslov');
      await step('the administration');

      // Sent without a name or a municipality: the error summary names both.
      await page.getByRole('button', { name: 'Opret centret' }).click();
      await page.getByRole('link', { name: 'Skriv centrets navn' }).waitFor();
      await page.getByRole('link', { name: 'Vælg den kommune, centret ligger i' }).waitFor();
      await step('a centre refused');
      await page.getByLabel('Centrets navn').fill(centreName);
      await page.getByLabel('Kommune').selectOption({ label: 'Aarhus' });
      await page.getByRole('button', { name: 'Opret centret' }).click();
      await heading(page, centreName);
      await page.getByText('Centret er oprettet.').waitFor();
      centreId = /\/administration\/centre\/([0-9a-f-]{36})/.exec(page.url())![1];
      await step('the centre established');

      await page.getByRole('button', { name: 'Konstituér bestyrelsen' }).click();
      await page.getByText('Bestyrelsen er konstitueret med en medarbejderplads og en borgerplads.').waitFor();
      await page.getByText('Bestyrelsen kan ikke træffe beslutninger, før både medarbejderpladsen og borgerpladsen er besat.').waitFor();
      await step('the board constituted');

      await page.getByLabel('Medspillerens organisation').fill('Aarhus Erhvervsforening');
      await page.getByRole('button', { name: 'Tilføj pladsen' }).click();
      await page.getByText('Medspilleren har fået en plads.').waitFor();

      const seat = async (seatLabel: string, memberId: string, how: 'Valgt' | 'Udpeget') => {
        await page.locator('#seatId').selectOption({ label: seatLabel });
        await page.getByLabel('Medlemmets person-id').fill(memberId);
        await page.getByRole('group', { name: 'Hvordan fik medlemmet pladsen?' }).getByLabel(how, { exact: true }).check();
        await page.getByLabel('Fra hvilken dag?').fill('01-01-2027');
        await page.getByRole('button', { name: 'Sæt medlemmet på pladsen' }).click();
        await page.getByText('Medlemmet sidder nu på pladsen.').waitFor();
      };
      await seat('Medarbejderrepræsentant', `aarhus.emp.${suffix}`, 'Valgt');
      await step('the employee representative seated');
      await seat('Borgerrepræsentant', `aarhus.cit.${suffix}`, 'Valgt');
      await seat('Medspiller: Aarhus Erhvervsforening', `aarhus.part.${suffix}`, 'Udpeget');
      await page.getByLabel('Formand', { exact: true }).check();
      await page.locator('#roleMemberId').selectOption(`aarhus.emp.${suffix}`);
      await page.getByRole('button', { name: 'Giv rollen' }).click();
      await page.getByText('Rollen er givet.').waitFor();
      await page.getByText('Bestyrelsen er lovligt sammensat og kan træffe beslutninger.').waitFor();
      expect(await page.getByRole('row', { name: new RegExp(`Medarbejderrepræsentant aarhus\\.emp\\.${suffix} 1\\. januar 2027 Formand`) }).count()).toBe(1);
      await step('the board validly composed');
      // A deputy for the citizen seat, who takes it at a meeting its member misses.
      await page.locator('#deputySeatId').selectOption({ label: 'Borgerrepræsentant' });
      await page.getByLabel('Suppleantens person-id').fill(`aarhus.dep.${suffix}`);
      await page.getByRole('group', { name: 'Hvordan blev suppleanten valgt?' }).getByLabel('Valgt', { exact: true }).check();
      await page.getByRole('button', { name: 'Registrér suppleanten' }).click();
      await page.getByText('Suppleanten er registreret for pladsen.').waitFor();
      expect(await page.getByRole('row', { name: new RegExp(`Borgerrepræsentant aarhus\\.cit\\.${suffix} .* aarhus\\.dep\\.${suffix}`) }).count()).toBe(1);
      await step('a deputy for the citizen seat');
      await switchTo(page, 'en');
      await page.getByText('The board is validly composed and may pass resolutions.').waitFor();
      await step('the board in English', 'en');
      await page.goto(server.url + '/administration');
      await page.getByRole('link', { name: centreName }).waitFor();
      await step('the administration in English', 'en');
      await switchTo(page, 'da');

      // What was recorded, through the API.
      const centre = await api('GET', `/centres/${centreId}`);
      expect(centre.json).toMatchObject({ centreId, name: centreName, municipality: { code: '751', name: 'Aarhus' } });
      const board = await api('GET', `/centres/${centreId}/board`, await server.token('admin'));
      expect(board.json.validlyComposed).toBe(true);
      expect(board.json.seats.map((s: Json) => [s.kind, s.organisation, s.memberId, s.since])).toEqual([
        ['employee', null, `aarhus.emp.${suffix}`, '2027-01-01'],
        ['citizen', null, `aarhus.cit.${suffix}`, '2027-01-01'],
        ['partner', 'Aarhus Erhvervsforening', `aarhus.part.${suffix}`, '2027-01-01'],
      ]);
      expect(board.json.roles).toEqual({ chair: `aarhus.emp.${suffix}` });

      // A citizen who made contact, and asks to be erased.
      expect((await api('POST', '/journeys', await server.token('citizen', undefined, citizenId), { centreId, alias: 'Kim' })).status).toBe(201);
      await page.goto(server.url + '/administration');
      await page.getByRole('link', { name: 'Slet en borgers personoplysninger' }).click();
      await heading(page, 'Slet en borgers personoplysninger');
      await page.getByText('Sletningen kan ikke fortrydes').waitFor();
      await step('erasing: the warning');
      await page.getByLabel('Borgerens person-id').fill(citizenId);
      await page.getByRole('button', { name: 'Slet personoplysningerne for altid' }).click();
      await page.getByText('Borgerens personoplysninger er slettet.').waitFor();
      await step('erased');
      await switchTo(page, 'en');
      await heading(page, 'Erase a citizen’s personal data');
      await step('erasing in English', 'en');
      // The citizen's journey records nothing more: their data is gone.
      const after = await api('POST', `/journeys/${citizenId}/goals`, await server.token('citizen', undefined, citizenId), { text: 'Et nyt mål' });
      expect([409, 410]).toContain(after.status);
    });
  });

  it('lets the centre’s staff set its in-person opening hours, which the public front page then shows', async () => {
    expect(centreId, 'the first test established the centre').toBeDefined();
    await inBrowser(browser, 'staff-opening-hours', {}, async (page, shots) => {
      const step = async (name: string, lang: 'da' | 'en' = 'da') => {
        await expectAccessible(page, lang);
        await shots.step(name);
      };
      await signIn(page, 'Medarbejder', `vejleder-${suffix}`, '/medarbejder', centreId);
      await page.goto(server.url + '/medarbejder/aabningstider');
      await heading(page, 'Åbningstider for fremmøde');
      await page.getByText('Centret har ingen åbningstider for fremmøde endnu.').waitFor();
      await step('the opening hours');

      const day = (name: string) => page.getByRole('group', { name, exact: true });
      await day('Mandag').getByLabel('Tidsrum 1 åbner').fill('09.00');
      await day('Mandag').getByLabel('Tidsrum 1 lukker').fill('15.00');
      await day('Torsdag').getByLabel('Tidsrum 1 åbner').fill('09.00');
      await day('Torsdag').getByLabel('Tidsrum 1 lukker').fill('12.00');
      // A mistake: the second interval begins before the first has ended.
      await day('Torsdag').getByLabel('Tidsrum 2 åbner').fill('11.00');
      await day('Torsdag').getByLabel('Tidsrum 2 lukker').fill('18.00');
      await page.getByRole('button', { name: 'Gem åbningstiderne' }).click();
      const refusal = page.getByRole('link', { name: 'Torsdag, tidsrum 2: tidsrummet skal begynde, når det forrige tidsrum er slut eller senere' });
      await refusal.waitFor();
      await step('a mistake said in words');
      await refusal.click();
      await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('thursday-1-opens');
      await day('Torsdag').getByLabel('Tidsrum 2 åbner').fill('13.00');
      await page.getByRole('button', { name: 'Gem åbningstiderne' }).click();
      await page.getByText('Åbningstiderne er gemt.').waitFor();
      expect(await page.getByRole('row', { name: 'Torsdag 09.00–12.00 og 13.00–18.00' }).count()).toBe(1);
      await step('the opening hours saved');
      await switchTo(page, 'en');
      await heading(page, 'In-person opening hours');
      await step('the opening hours in English', 'en');
      await switchTo(page, 'da');

      // Through the API, as anyone reads it.
      const centre = await api('GET', `/centres/${centreId}`);
      expect(centre.json.openingHours).toEqual({
        monday: [{ opens: '09:00', closes: '15:00' }],
        tuesday: [],
        wednesday: [],
        thursday: [
          { opens: '09:00', closes: '12:00' },
          { opens: '13:00', closes: '18:00' },
        ],
        friday: [],
        saturday: [],
        sunday: [],
      });

      // And on the public front page, for anyone.
      await page.goto(server.url + '/');
      const listed = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: centreName }) });
      await eventually(async () => ((await listed.getByRole('row', { name: 'Mandag 09.00–15.00' }).count()) === 1 ? true : undefined));
      expect(await listed.getByRole('row', { name: 'Torsdag 09.00–12.00 og 13.00–18.00' }).count()).toBe(1);
      await step('the centre on the front page');
    });
  });
});
