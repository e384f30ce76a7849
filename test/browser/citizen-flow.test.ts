/**
 * The citizen's main flow on "Mine sider" in a real browser, end to end on the embedded default
 * (`npm start`'s own process and PostgreSQL): a citizen books a conversation with the keyboard
 * alone (how, which day with DKFDS's date picker, which time, "Tjek dine svar"), states a goal,
 * accepts an offer a counsellor made (Ja tak, among three answers alike) and later withdraws the
 * consent. A double submit of the booking records once. Every citizen page type is checked with
 * axe in Danish and in English, with `lang` right. What was recorded is read back through the
 * API (a token for the same person, or the counsellor's), not from the page that says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { z } from 'zod';
import { publicHoliday } from '../../src/domain/journey/hours.js';
import { newId } from '../../src/ids.js';
import { chromium, establishCentre, eventually, inBrowser, keyboardOnly, launchBrowser, pageLanguage, seriousAxeViolations, startEmbeddedServer } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startEmbeddedServer>>;

const records = z.object({ records: z.array(z.object({ type: z.string(), data: z.record(z.string(), z.unknown()) })) });

/** A weekday (Monday) some weeks ahead that is not a public holiday, "YYYY-MM-DD". */
function mondayAhead(weeks: number): string {
  const d = new Date();
  d.setUTCHours(12, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + 7 * weeks + ((8 - d.getUTCDay()) % 7 || 7));
  while (publicHoliday(d.toISOString().slice(0, 10))) d.setUTCDate(d.getUTCDate() + 7);
  return d.toISOString().slice(0, 10);
}

describe.skipIf(!chromium)('a citizen’s own pages in Chromium, on the embedded default', () => {
  let server: Server;
  let browser: Browser;
  let centreId: string;
  const staffId = `counsellor-${newId().slice(-6)}`;
  const centreName = `Virkelyst Amager ${newId().slice(-4)}`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startEmbeddedServer(), launchBrowser()]);
    const weekdays = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, [{ opens: '08:00', closes: '16:00' }]]));
    centreId = await establishCentre(server.url, server.token, { name: centreName, municipalityCode: '101', openingHours: weekdays });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The API, as a person with this role (a token minted from the server's own key). */
  async function api(method: 'GET' | 'POST', path: string, as: { role: 'citizen' | 'staff'; sub: string }, body?: unknown) {
    const token = await server.token(as.role, as.role === 'staff' ? centreId : undefined, as.sub);
    const response = await fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': newId() }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json: unknown = response.status === 204 ? null : await response.json();
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return json as Record<string, unknown> & { created?: Record<string, string> };
  }
  const staff = { role: 'staff' as const, sub: staffId };

  /** A counsellor publishes a free time: `hourUtc` o'clock UTC on the day (Danish time one or two hours later). */
  async function publish(day: string, channels: string[], hourUtc: number): Promise<string> {
    const answer = await api('POST', `/calendars/${staffId}/slots`, staff, { start: `${day}T${String(hourUtc).padStart(2, '0')}:00:00Z`, durationMinutes: 45, channels });
    return z.string().parse(answer.slotId);
  }

  /** A citizen with a journey at the centre (started through the API: the first step has its own test). */
  async function citizenWithJourney(): Promise<string> {
    const citizenId = newId();
    await api('POST', '/journeys', { role: 'citizen', sub: citizenId }, { centreId });
    return citizenId;
  }

  /** Signed in as the citizen, by a session cookie the server signed (the sign-in page has its own tests). */
  async function signedIn(context: BrowserContext, citizenId: string, lang: 'da' | 'en' = 'da') {
    await context.addCookies([
      { name: 'vl_session', value: server.sessionCookie({ id: citizenId, role: 'citizen' }, Date.now() + 60 * 60_000), url: server.url, httpOnly: true, sameSite: 'Lax' },
      { name: 'lang', value: lang, url: server.url, sameSite: 'Lax' },
    ]);
  }

  const typesRecorded = async (citizenId: string, type: string) =>
    records.parse(await api('GET', `/journeys/${citizenId}/records`, { role: 'citizen', sub: citizenId })).records.filter((r) => r.type === type);

  /** Reloads `path` until `probe` finds what the read models show a moment after a command. */
  async function once(page: Page, path: string, probe: () => Promise<boolean>) {
    await eventually(async () => {
      await page.goto(server.url + path);
      return (await probe()) ? true : undefined;
    });
  }

  async function expectAccessible(page: Page, lang: 'da' | 'en' = 'da') {
    expect(await pageLanguage(page)).toBe(lang);
    expect(await seriousAxeViolations(page), page.url()).toEqual([]);
  }

  it('books with the keyboard alone, states a goal, says Ja tak to an offer and later withdraws the consent', async () => {
    const citizenId = await citizenWithJourney();
    const day = mondayAhead(2);
    await publish(day, ['phone', 'video'], 9);
    await publish(day, ['phone'], 12);
    // The counsellor's offer, made beforehand.
    const offerId = (await api('POST', `/journeys/${citizenId}/offers`, staff, { offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching med Anna om tirsdagen; du kan stoppe når som helst.' })).created!.offerId!;

    await inBrowser(browser, 'citizen-main-flow', {}, async (page, shots) => {
      // Signed in through the local development sign-in, as a newcomer does.
      await page.goto(server.url + '/log-ind');
      await page.getByLabel('Borger', { exact: true }).check();
      await page.getByLabel('Person-id').fill(citizenId);
      await page.getByRole('button', { name: 'Log ind' }).click();
      await page.waitForURL((url) => url.pathname === '/mine-sider');
      const keys = keyboardOnly(page, { maxTabs: 60 });
      await once(page, '/mine-sider', async () => (await page.getByText('Coaching med Anna').count()) > 0);
      await shots.step('my pages');

      // Booking, with the keyboard alone.
      await keys.tabTo(page.getByRole('link', { name: 'Book en samtale' }));
      await keys.press('Enter');
      const phone = page.getByLabel('Telefon', { exact: true });
      await phone.waitFor();
      await shots.step('question: how');
      await keys.chooseRadio(phone);
      await keys.tabTo(page.getByRole('button', { name: 'Fortsæt' }));
      await keys.press('Enter');

      // DKFDS's date picker: its calendar opened from its button, the first day with open times chosen in it.
      const dayField = page.getByLabel('Dag', { exact: true });
      await dayField.waitFor();
      await page.locator('.date-picker--initialized').waitFor();
      await shots.step('question: which day');
      await keys.tabTo(page.locator('.date-picker__button'));
      await keys.press('Enter');
      const focusedDay = page.locator('.date-picker__calendar__date--focused');
      await focusedDay.waitFor();
      await expectAccessible(page);
      await shots.step('the date picker open');
      await keys.press('Enter');
      const slashed = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
      expect(await dayField.inputValue()).toBe(slashed);
      await keys.tabTo(page.getByRole('button', { name: 'Fortsæt' }));
      await keys.press('Enter');

      await page.getByRole('heading', { name: 'Hvilket tidspunkt passer dig?' }).waitFor();
      await shots.step('question: which time');
      const times = page.getByRole('radio');
      expect(await times.count()).toBe(2);
      await keys.chooseRadio(times.first());
      await keys.tabTo(page.getByRole('button', { name: 'Fortsæt' }));
      await keys.press('Enter');

      await page.getByRole('heading', { name: 'Tjek dine svar' }).waitFor();
      expect(await page.getByRole('main').getByText('Telefon', { exact: true }).count()).toBe(1);
      await shots.step('check your answers');
      await keys.tabTo(page.getByRole('main').getByRole('button', { name: 'Book samtalen' }));
      await keys.press('Enter');
      await page.waitForURL((url) => url.pathname === '/mine-sider');
      await page.getByText('Din samtale er booket.').waitFor();
      expect(keys.keys, 'the whole booking, counted in key presses').toBeLessThan(60);
      const booked = await eventually(async () => {
        const found = await typesRecorded(citizenId, 'SessionBooked');
        return found.length > 0 ? found : undefined;
      });
      expect(booked).toHaveLength(1);
      expect(booked[0]!.data).toMatchObject({ staffId, channel: 'phone', bookedBy: 'citizen' });
      await once(page, '/mine-sider', async () => (await page.locator('#my-sessions').count()) > 0);
      await shots.step('booked');

      // A goal, in my own words.
      await page.getByRole('link', { name: 'Skriv et mål' }).click();
      await page.getByLabel('Dit mål, med dine egne ord').fill('Jeg vil gerne arbejde som tømrer');
      await page.getByRole('button', { name: 'Gem mit mål' }).click();
      await page.getByText('Dit mål er gemt.').waitFor();
      await once(page, '/mine-sider', async () => (await page.getByText('Jeg vil gerne arbejde som tømrer').count()) > 0);
      await shots.step('goal stated');

      // The offer: Ja tak, Nej tak and Ikke nu alike: the same style and size, side by side, none chosen.
      const answers = ['Ja tak', 'Nej tak', 'Ikke nu'].map((name) => page.locator(`#offer-${offerId}`).getByRole('link', { name }));
      const boxes = await Promise.all(answers.map(async (a) => (await a.boundingBox())!));
      const classes = await Promise.all(answers.map((a) => a.getAttribute('class')));
      expect(new Set(classes).size).toBe(1);
      expect(new Set(boxes.map((b) => `${Math.round(b.width)}x${Math.round(b.height)}`)).size, 'the same size').toBe(1);
      expect(new Set(boxes.map((b) => Math.round(b.y))).size, 'side by side').toBe(1);
      expect(await page.locator('main .button-primary').count()).toBe(0);
      await answers[0]!.click();
      await page.getByRole('heading', { name: 'Tjek dit svar' }).waitFor();
      await shots.step('yes please: check the answer');
      await page.getByRole('button', { name: 'Send mit svar' }).click();
      await page.waitForURL((url) => url.pathname === '/mine-sider/samtykker');
      await once(page, '/mine-sider/samtykker', async () => (await page.getByText('Kvitteringsnummer').count()) > 0);
      await expect.poll(async () => page.getByText(centreName).count()).toBeGreaterThan(0);
      await shots.step('the receipt');
      const consents = z.array(z.object({ offerId: z.string(), answer: z.string() }));
      const register = async () => consents.parse((await api('GET', `/journeys/${citizenId}/consents`, { role: 'citizen', sub: citizenId })).offers);
      expect((await register()).find((o) => o.offerId === offerId)?.answer).toBe('consented');

      // Later: withdrawn, asked once.
      await page.getByRole('link', { name: /Træk samtykket tilbage/ }).click();
      await page.getByRole('heading', { name: 'Vil du trække dit samtykke tilbage?' }).waitFor();
      await shots.step('withdraw: asked once');
      await page.getByRole('button', { name: 'Ja, træk mit samtykke tilbage' }).click();
      await page.getByText('Dit samtykke er trukket tilbage. Intet følger af det.').waitFor();
      await eventually(async () => ((await register()).find((o) => o.offerId === offerId)?.answer === 'withdrawn' ? true : undefined));
      expect(await typesRecorded(citizenId, 'ConsentWithdrawn')).toHaveLength(1);
      await once(page, '/mine-sider/samtykker', async () => (await page.getByText(/Trukket tilbage/).count()) > 0);
      await shots.step('withdrawn');
    });
  });

  it('records a booking once when “Book samtalen” is clicked twice fast', async () => {
    const citizenId = await citizenWithJourney();
    const slotId = await publish(mondayAhead(3), ['video'], 10);
    await inBrowser(browser, 'citizen-booking-double-submit', {}, async (page, shots, context) => {
      await signedIn(context, citizenId);
      await once(page, `/mine-sider/samtale/tjek?kanal=video&tid=${slotId}`, async () => (await page.getByRole('heading', { name: 'Tjek dine svar' }).count()) > 0);
      const submit = page.getByRole('main').getByRole('button', { name: 'Book samtalen' });
      // The first submit is held until the second has left the browser, then both reach the server.
      let secondSent: () => void = () => undefined;
      const second = new Promise<void>((resolve) => (secondSent = resolve));
      let submits = 0;
      const reachedServer: number[] = [];
      await page.route(
        (url) => url.pathname === '/mine-sider/samtale/tjek',
        async (route) => {
          if (route.request().method() !== 'POST') return route.continue();
          const n = ++submits;
          if (n === 1) await second;
          else secondSent();
          const response = await route.fetch({ maxRedirects: 0 });
          reachedServer.push(response.status());
          await route.fulfill({ response }).catch(() => undefined);
        },
      );
      const box = await submit.boundingBox();
      if (!box) throw new Error('the submit button is not on screen');
      const firstSent = page.waitForRequest((r) => r.method() === 'POST');
      const arrived = page.waitForResponse((r) => new URL(r.url()).pathname === '/mine-sider' && r.request().resourceType() === 'document');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await firstSent;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      expect((await arrived).status()).toBe(200);
      await shots.step('after the double submit');
      expect(reachedServer).toEqual([303, 303]);
      const booked = await eventually(async () => {
        const found = await typesRecorded(citizenId, 'SessionBooked');
        return found.length > 0 ? found : undefined;
      });
      expect(booked).toHaveLength(1);
      const slots = z.object({ slots: z.array(z.object({ slotId: z.string(), free: z.boolean() })) }).parse(await api('GET', `/calendars/${staffId}/slots`, staff));
      expect(slots.slots.find((s) => s.slotId === slotId)?.free).toBe(false);
    });
  });

  it('books with JavaScript turned off: a plain date field, and the days with open times as links', async () => {
    const citizenId = await citizenWithJourney();
    const day = mondayAhead(5);
    await publish(day, ['chat'], 13);
    await inBrowser(browser, 'citizen-booking-no-javascript', { javaScriptEnabled: false }, async (page, shots, context) => {
      await signedIn(context, citizenId);
      await page.goto(server.url + '/mine-sider/samtale');
      await page.getByLabel('Chat', { exact: true }).check();
      await page.getByRole('button', { name: 'Fortsæt' }).click();
      await page.getByLabel('Dag', { exact: true }).waitFor();
      expect(await page.locator('.date-picker--initialized').count()).toBe(0);
      await shots.step('which day, without script');
      await page.locator('#open-days').getByRole('link').first().click();
      await page.getByRole('radio').first().check();
      await page.getByRole('button', { name: 'Fortsæt' }).click();
      await page.getByRole('main').getByRole('button', { name: 'Book samtalen' }).click();
      await page.getByText('Din samtale er booket.').waitFor();
      await shots.step('booked, without script');
      const booked = await eventually(async () => {
        const found = await typesRecorded(citizenId, 'SessionBooked');
        return found.length > 0 ? found : undefined;
      });
      expect(booked.map((b) => b.data.channel)).toEqual(['chat']);
    });
  });

  it('has every citizen page type in Danish and in English with no serious accessibility fault', async () => {
    const citizenId = await citizenWithJourney();
    const me = { role: 'citizen' as const, sub: citizenId };
    const day = mondayAhead(4);
    const bookedSlot = await publish(day, ['in_person_centre', 'phone'], 8);
    const freeSlot = await publish(day, ['in_person_centre', 'phone'], 11);
    const sessionId = (await api('POST', `/journeys/${citizenId}/sessions`, me, { staffId, slotId: bookedSlot, channel: 'in_person_centre' })).created!.sessionId!;
    const goalId = (await api('POST', `/journeys/${citizenId}/goals`, me, { text: 'Mit eget værksted', category: 'own_business' })).created!.goalId!;
    const open = (await api('POST', `/journeys/${citizenId}/offers`, staff, { offer: { source: 'centre', kind: 'workshop' }, information: 'En workshop om CV; kom hvis du har lyst.' })).created!.offerId!;
    const given = (await api('POST', `/journeys/${citizenId}/offers`, staff, { offer: { source: 'centre', kind: 'education_guidance' }, information: 'Uddannelsesvejledning.' })).created!.offerId!;
    await api('POST', `/journeys/${citizenId}/offers/${given}/consent`, me, {});

    /** Each page type: where, what shows it is there (the read models follow a moment later), and for a refusal what sends it. */
    const pages: { name: string; path: string; ready: string; send?: string }[] = [
      { name: 'my pages', path: '/mine-sider', ready: `#cancel-${sessionId}` },
      { name: 'how', path: '/mine-sider/samtale', ready: '#kanal' },
      { name: 'how, refused', path: '/mine-sider/samtale', ready: '#kanal', send: '#continue' },
      { name: 'which day', path: '/mine-sider/samtale/dag?kanal=in_person_centre', ready: '.date-picker--initialized' },
      { name: 'which day, refused', path: '/mine-sider/samtale/dag?kanal=in_person_centre', ready: '.date-picker--initialized', send: '#continue' },
      { name: 'which time', path: `/mine-sider/samtale/tid?kanal=in_person_centre&dag=${day}`, ready: '#tid' },
      { name: 'check the booking', path: `/mine-sider/samtale/tjek?kanal=phone&tid=${freeSlot}`, ready: '#confirm' },
      { name: 'move: check', path: `/mine-sider/samtale/tjek?kanal=phone&tid=${freeSlot}&flyt=${sessionId}`, ready: '#confirm' },
      { name: 'cancel', path: `/mine-sider/samtale/${sessionId}/aflys`, ready: '#cancel-session' },
      { name: 'new goal', path: '/mine-sider/maal', ready: '#text' },
      { name: 'change goal', path: `/mine-sider/maal/${goalId}/ret`, ready: '#text' },
      { name: 'drop goal', path: `/mine-sider/maal/${goalId}/drop`, ready: '#drop-goal' },
      { name: 'offers', path: '/mine-sider/tilbud', ready: `#offer-${open}` },
      { name: 'yes please', path: `/mine-sider/tilbud/${open}/ja`, ready: '#send-answer' },
      { name: 'no thank you', path: `/mine-sider/tilbud/${open}/nej`, ready: '#reason' },
      { name: 'not now', path: `/mine-sider/tilbud/${open}/ikke-nu`, ready: '#back-to-mine' },
      { name: 'consents', path: '/mine-sider/samtykker', ready: `#withdraw-${given}` },
      { name: 'withdraw', path: `/mine-sider/samtykker/${given}/traek-tilbage`, ready: '#withdraw-consent' },
      { name: 'records', path: '/mine-sider/optegnelser', ready: '#records-download' },
      { name: 'close', path: '/mine-sider/afslut', ready: '#close-journey' },
    ];
    // Both languages at once, each in a context of its own.
    await Promise.all(
      (['da', 'en'] as const).map((lang) =>
        inBrowser(browser, `citizen-page-types-${lang}`, {}, async (page, shots, context) => {
        await signedIn(context, citizenId, lang);
        for (const p of pages) {
          await once(page, p.path, async () => (await page.locator(p.ready).count()) > 0);
          if (p.send) {
            // Sent unanswered: the error summary above the heading.
            await page.locator(p.send).click();
            await page.locator('.alert-error').waitFor();
          }
          if (p.name === 'which day') {
            // DKFDS's date picker in the page's language: its button, and its calendar once opened.
            expect(await page.locator('.date-picker__button').getAttribute('aria-label')).toBe(lang === 'da' ? 'Åbn kalender' : 'Open calendar');
            await page.locator('.date-picker__button').click();
            await page.locator('.date-picker__calendar__date--focused').waitFor();
            expect(await page.locator('.date-picker__calendar__month-label').innerText()).toMatch(lang === 'da' ? /januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december/ : /January|February|March|April|May|June|July|August|September|October|November|December/);
            await expectAccessible(page, lang);
            await page.keyboard.press('Escape');
          }
          await expectAccessible(page, lang);
          await shots.step(p.name);
        }
        }),
      ),
    );
  });
});
