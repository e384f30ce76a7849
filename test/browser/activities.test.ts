/**
 * Local activities in a real browser: a counsellor schedules one with a single place; one citizen
 * takes it, a second (another browser context) finds it full and puts themselves on the waiting
 * list, sees their place in line, and moves up when the first unregisters (asked once). Every page
 * type on the way (the citizen's list, unregistering, the staff list, the form and its refusal,
 * cancelling, counting who came) has no serious axe violation, in Danish and in English. And
 * registering works with JavaScript turned off. What was recorded is read from the log.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CommandHandler } from '../../src/commands/handler.js';
import { activityDecider } from '../../src/domain/activity/decide.js';
import { newId } from '../../src/ids.js';
import { copenhagenToday, shiftDay } from '../../src/web/pages/staff-parts.js';
import { chromium, establishCentre, inBrowser, launchBrowser, newContext, pageLanguage, type Screenshots, seriousAxeViolations, startTestServer, watchPage } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const at = (path: string) => (url: URL) => url.pathname === path;

/** A day `days` from today in Danish time, as a counsellor types it: "5.1.2027". */
function typedDay(days: number): string {
  const [y, m, d] = shiftDay(copenhagenToday(new Date()), days).split('-').map(Number);
  return `${d}.${m}.${y}`;
}

describe.skipIf(!chromium)('local activities in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let centreId: string;
  const staffId = `vejleder-${newId().slice(-6)}`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    centreId = await establishCentre(server.url, server.token, { name: `Virkelyst Amager ${newId().slice(-4)}`, municipalityCode: '101' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The local sign-in, by the fields' names (the same in both languages). */
  async function signIn(page: Page, role: 'citizen' | 'staff', personId: string) {
    await page.goto(server.url + '/log-ind');
    await page.locator(`input[name="role"][value="${role}"]`).check();
    await page.locator('#personId').fill(personId);
    if (role === 'staff') await page.locator('#centreId').selectOption(centreId);
    await page.locator('main form[action="/log-ind"] button[type="submit"]').click();
    await page.waitForURL(at(role === 'citizen' ? '/mine-sider' : '/medarbejder'));
  }

  async function accessible(page: Page, shots: Screenshots, lang: 'da' | 'en', step: string) {
    expect(await pageLanguage(page)).toBe(lang);
    expect(await seriousAxeViolations(page), step).toEqual([]);
    await shots.step(step);
  }

  /** Scheduled through the staff form in this page's language; the activity's id, from the log. */
  async function scheduleInForm(page: Page, shots: Screenshots, lang: 'da' | 'en', title: string, capacity: string) {
    await page.goto(server.url + '/medarbejder/aktiviteter');
    await accessible(page, shots, lang, 'staff list');
    await page.locator('#schedule-link').click();
    await page.waitForURL(at('/medarbejder/aktiviteter/ny'));
    await accessible(page, shots, lang, 'schedule form');
    // Sent with nothing filled in: the summary above the h1, each link leading to its field.
    await page.locator('#save-activity').click();
    await page.locator('[data-module="error-summary"]').waitFor();
    await accessible(page, shots, lang, 'schedule form refused');
    await page.locator('[data-module="error-summary"] a[href="#title"]').click();
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe('title');
    await page.locator('input[name="kind"][value="workshop"]').check();
    await page.locator('#title').fill(title);
    await page.locator('#description').fill('Vi ser på CV’er sammen, hvis du har lyst.');
    await page.locator('#date').fill(typedDay(7));
    await page.locator('#startTime').fill('17.00');
    await page.locator('#endTime').fill('19.00');
    await page.locator('#place').fill('Lokale 2, Torvet 1');
    await page.locator('#capacity').fill(capacity);
    await page.locator('#save-activity').click();
    await page.waitForURL(at('/medarbejder/aktiviteter'));
    await page.getByText(title).first().waitFor();
    const { rows } = await sql<{ id: string }>`select data->>'activityId' as id from events where event_type = 'ActivityScheduled' and data->>'title' = ${title}`.execute(server.database.db);
    expect(rows).toHaveLength(1);
    return rows[0]!.id;
  }

  /** An activity that has taken place: scheduled through the decider at a time before it began. */
  async function pastActivity(title: string): Promise<string> {
    const activityId = newId();
    const hour = 3600_000;
    const now = Date.now();
    await new CommandHandler(server.store, { vault: server.vault }).handle(
      activityDecider,
      {
        type: 'ScheduleActivity',
        now: new Date(now - 3 * hour).toISOString(),
        principal: { id: staffId, role: 'staff', centreId },
        data: { activityId, centreId, kind: 'seminar', title, start: new Date(now - 2 * hour).toISOString(), end: new Date(now - hour).toISOString(), where: { place: 'Salen' }, capacity: 40 },
      },
      { commandId: newId() },
    );
    return activityId;
  }

  const eventTypes = async (activityId: string) =>
    (await sql<{ event_type: string }>`select event_type from events where stream_id = ${`activity-${activityId}`} order by global_position`.execute(server.database.db)).rows.map((r) => r.event_type);

  for (const lang of ['da', 'en'] as const) {
    const words = lang === 'da'
      ? { full: 'Fuldt – du kan skrive dig på ventelisten', inLine: 'Du er nr. 1 på ventelisten', hasPlace: 'Du har en plads', confirm: 'Ja, afmeld mig', cancelled: 'Aktiviteten er aflyst.' }
      : { full: 'Full – you can put yourself on the waiting list', inLine: 'You are number 1 on the waiting list', hasPlace: 'You have a place', confirm: 'Yes, unregister me', cancelled: 'The activity is cancelled.' };
    const locale = lang === 'da' ? 'da-DK' : 'en-GB';

    it(`puts the second citizen on the waiting list of a full activity, who moves up when the first unregisters (${lang})`, async () => {
      const title = `CV-værksted ${lang} ${newId().slice(-5)}`;
      const first = `borger-a-${newId().slice(-8)}`;
      const second = `borger-b-${newId().slice(-8)}`;
      await inBrowser(browser, `activities-waiting-list-${lang}`, { locale }, async (page, shots) => {
        await signIn(page, 'staff', staffId);
        const activityId = await scheduleInForm(page, shots, lang, title, '1');

        // The first citizen, in this browser after signing out: takes the one place.
        await page.context().clearCookies();
        await signIn(page, 'citizen', first);
        await page.goto(`${server.url}/mine-sider/aktiviteter?centre=${centreId}`);
        await accessible(page, shots, lang, 'citizen list');
        await page.locator(`#register-${activityId}`).click();
        await page.waitForURL(at('/mine-sider/aktiviteter'));
        await page.locator(`#activity-${activityId}`).getByText(words.hasPlace).waitFor();
        await accessible(page, shots, lang, 'registered');

        // The second citizen, in a browser of their own: the activity is full, and they choose the line.
        const other = await newContext(browser, { locale });
        try {
          const theirs = await other.newPage();
          const problems = watchPage(theirs);
          await signIn(theirs, 'citizen', second);
          await theirs.goto(`${server.url}/mine-sider/aktiviteter?centre=${centreId}`);
          const card = theirs.locator(`#activity-${activityId}`);
          await card.getByText(words.full).waitFor();
          await card.locator(`#register-${activityId}`).click();
          await theirs.waitForURL(at('/mine-sider/aktiviteter'));
          await theirs.locator(`#position-${activityId}`).getByText(words.inLine).waitFor();
          expect(await seriousAxeViolations(theirs)).toEqual([]);

          // The first unregisters, asked once.
          await page.locator(`#unregister-${activityId}`).click();
          await page.waitForURL(at(`/mine-sider/aktiviteter/${activityId}/afmeld`));
          await accessible(page, shots, lang, 'unregister asked once');
          await page.getByRole('button', { name: words.confirm }).click();
          await page.waitForURL(at('/mine-sider/aktiviteter'));
          await accessible(page, shots, lang, 'unregistered');

          // The second has the place now.
          await theirs.reload();
          await theirs.locator(`#activity-${activityId}`).getByText(words.hasPlace).waitFor();
          expect(await theirs.locator(`#position-${activityId}`).count()).toBe(0);
          expect(problems.seen).toEqual([]);
        } finally {
          await other.close();
        }
        expect(await eventTypes(activityId)).toEqual(['ActivityScheduled', 'ActivityRegistered', 'ActivityWaitlisted', 'ActivityUnregistered', 'MovedUpFromWaitingList']);

        // Staff: cancelling, asked once; counting who came at one that has ended.
        await page.context().clearCookies();
        await signIn(page, 'staff', staffId);
        await page.goto(`${server.url}/medarbejder/aktiviteter/${activityId}/aflys`);
        await accessible(page, shots, lang, 'cancel asked once');
        await page.locator('#confirm-cancel').click();
        await page.waitForURL(at('/medarbejder/aktiviteter'));
        await page.getByText(words.cancelled).first().waitFor();
        const held = await pastActivity(`Seminar ${lang} ${newId().slice(-5)}`);
        await page.goto(`${server.url}/medarbejder/aktiviteter/${held}/fremmoede`);
        await accessible(page, shots, lang, 'attendance');
        await page.locator('#count').fill('-3');
        await page.locator('#save-count').click();
        await page.locator('[data-module="error-summary"]').waitFor();
        await accessible(page, shots, lang, 'attendance refused');
        await page.locator('#count').fill('12');
        await page.locator('#save-count').click();
        await page.waitForURL(at('/medarbejder/aktiviteter'));
        await accessible(page, shots, lang, 'attendance recorded');
        expect(await eventTypes(held)).toEqual(['ActivityScheduled', 'ActivityAttendanceRecorded']);
      });
    }, 120_000);
  }

  it('registers for an activity with JavaScript turned off', async () => {
    const title = `Informationsmøde ${newId().slice(-5)}`;
    let activityId = '';
    await inBrowser(browser, 'activities-staff-for-no-js', {}, async (page, shots) => {
      await signIn(page, 'staff', staffId);
      activityId = await scheduleInForm(page, shots, 'da', title, '5');
    });
    const citizenId = `borger-uden-js-${newId().slice(-8)}`;
    await inBrowser(browser, 'activities-no-javascript', { javaScriptEnabled: false }, async (page, shots) => {
      await signIn(page, 'citizen', citizenId);
      await page.goto(`${server.url}/mine-sider/aktiviteter?centre=${centreId}`);
      await shots.step('list without script');
      await page.locator(`#register-${activityId}`).click();
      await page.waitForURL(at('/mine-sider/aktiviteter'));
      await page.getByText(`Du har fået en plads på »${title}«.`).waitFor();
      await page.locator(`#activity-${activityId}`).getByText('Du har en plads').waitFor();
      await shots.step('registered without script');
    });
    const { rows } = await sql<{ citizen: string }>`select data->>'citizenId' as citizen from events where stream_id = ${`activity-${activityId}`} and event_type = 'ActivityRegistered'`.execute(server.database.db);
    expect(rows.map((r) => r.citizen)).toEqual([citizenId]);
  }, 60_000);
});
