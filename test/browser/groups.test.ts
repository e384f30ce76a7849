/**
 * Groups in a real browser: a counsellor helps start a group and sets up its meeting place (an
 * http link refused on the field), with no control anywhere to add a member; a citizen starts a
 * group of their own through "Tjek dine svar"; another citizen (a browser of their own) joins,
 * writes down how the group meets and leaves again, asked once. Every page type on the way has no
 * serious axe violation, in Danish and in English. What was recorded is read from the log.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newId } from '../../src/ids.js';
import { chromium, establishCentre, inBrowser, launchBrowser, newContext, pageLanguage, type Screenshots, seriousAxeViolations, startTestServer, watchPage } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const at = (path: string) => (url: URL) => url.pathname === path;

describe.skipIf(!chromium)('groups in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let centreId: string;
  const staffId = `vejleder-${newId().slice(-6)}`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    centreId = await establishCentre(server.url, server.token, { name: `Virkelyst Valby ${newId().slice(-4)}`, municipalityCode: '101' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, role: 'citizen' | 'staff', personId: string) {
    await page.context().clearCookies();
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

  const eventTypes = async (groupId: string) =>
    (await sql<{ event_type: string }>`select event_type from events where stream_id = ${`group-${groupId}`} order by global_position`.execute(server.database.db)).rows.map((r) => r.event_type);
  const groupNamed = async (name: string) =>
    (await sql<{ id: string }>`select data->>'groupId' as id from events where event_type = 'GroupStarted' and data->>'name' = ${name}`.execute(server.database.db)).rows.map((r) => r.id);

  for (const lang of ['da', 'en'] as const) {
    const locale = lang === 'da' ? 'da-DK' : 'en-GB';
    const words =
      lang === 'da'
        ? { check: 'Tjek dine svar', members2: '2 medlemmer', member1: '1 medlem', leave: 'Ja, forlad gruppen', arrangement: 'Vi mødes hver anden torsdag kl. 17 på biblioteket.' }
        : { check: 'Check your answers', members2: '2 members', member1: '1 member', leave: 'Yes, leave the group', arrangement: 'We meet every other Thursday at 17:00 at the library.' };

    it(`lets citizens start, join and leave groups themselves, and staff help without adding anyone (${lang})`, async () => {
      const staffGroup = `Jobklubben ${lang} ${newId().slice(-5)}`;
      const ownGroup = `Løbeklubben ${lang} ${newId().slice(-5)}`;
      const starter = `borger-a-${newId().slice(-8)}`;
      const joiner = `borger-b-${newId().slice(-8)}`;
      await inBrowser(browser, `groups-${lang}`, { locale }, async (page, shots) => {
        // Staff help start a group: no member is made.
        await signIn(page, 'staff', staffId);
        await page.goto(server.url + '/medarbejder/grupper');
        await accessible(page, shots, lang, 'staff groups');
        await page.locator('#start-link').click();
        await page.waitForURL(at('/medarbejder/grupper/ny'));
        await accessible(page, shots, lang, 'staff start form');
        await page.locator('#save-group').click();
        await page.locator('[data-module="error-summary"]').waitFor();
        await accessible(page, shots, lang, 'staff start refused');
        await page.locator('input[name="kind"][value="citizen_to_citizen"]').check();
        await page.locator('#name').fill(staffGroup);
        await page.locator('#purpose').fill('Vi hjælper hinanden med ansøgninger.');
        await page.locator('#save-group').click();
        await page.waitForURL(at('/medarbejder/grupper'));
        const [staffGroupId] = await groupNamed(staffGroup);
        expect(await eventTypes(staffGroupId!)).toEqual(['GroupStarted']);

        // Its meeting place: https only, refused on the field.
        await page.locator(`#see-${staffGroupId}`).click();
        await page.waitForURL(at(`/medarbejder/grupper/${staffGroupId}`));
        await accessible(page, shots, lang, 'staff group page');
        await page.locator('#link').fill('http://møde.example.dk/jobklub');
        await page.locator('#attach-place').click();
        await page.locator('[data-module="error-summary"] a[href="#link"]').waitFor();
        await accessible(page, shots, lang, 'meeting place refused');
        await page.locator('#link').fill('https://møde.example.dk/jobklub');
        await page.locator('#attach-place').click();
        await page.waitForURL(at(`/medarbejder/grupper/${staffGroupId}`));
        await page.locator('#meeting-place').waitFor();
        // No control anywhere on the staff pages to put a citizen in a group.
        for (const path of [`/medarbejder/grupper/${staffGroupId}`, '/medarbejder/grupper']) {
          await page.goto(server.url + path);
          expect(await page.locator('form[action*="bliv-medlem"], a[href*="bliv-medlem"]').count(), path).toBe(0);
          expect(await page.getByRole('button', { name: /tilføj|meld .* ind|add|enrol/i }).count(), path).toBe(0);
          expect(await page.getByRole('link', { name: /tilføj|meld .* ind|add a member|enrol/i }).count(), path).toBe(0);
        }

        // A citizen starts a group of their own, through "Tjek dine svar".
        await signIn(page, 'citizen', starter);
        await page.goto(`${server.url}/mine-sider/grupper?centre=${centreId}`);
        await accessible(page, shots, lang, 'citizen groups');
        await page.locator('#start-group').click();
        await page.waitForURL(at('/mine-sider/grupper/ny'));
        await accessible(page, shots, lang, 'start a group');
        await page.locator('input[name="kind"][value="citizen_to_citizen"]').check();
        await page.locator('#name').fill(ownGroup);
        await page.locator('#continue').click();
        await page.getByRole('heading', { name: words.check }).waitFor();
        await accessible(page, shots, lang, 'check your answers');
        await page.locator('#confirm-group').click();
        await page.waitForURL(at('/mine-sider/grupper'));
        const [ownGroupId] = await groupNamed(ownGroup);
        await page.locator(`#group-${ownGroupId}`).getByText(words.member1).waitFor();
        expect(await eventTypes(ownGroupId!)).toEqual(['GroupStarted', 'GroupJoined']);

        // Another citizen, in a browser of their own, joins the centre's group, writes how it meets, and leaves.
        const other = await newContext(browser, { locale });
        try {
          const theirs = await other.newPage();
          const problems = watchPage(theirs);
          await signIn(theirs, 'citizen', joiner);
          await theirs.goto(`${server.url}/mine-sider/grupper?centre=${centreId}`);
          await theirs.locator(`#join-${ownGroupId}`).click();
          await theirs.waitForURL(at('/mine-sider/grupper'));
          await theirs.locator(`#my-groups #group-${ownGroupId}`).getByText(words.members2).waitFor();
          await theirs.locator(`#join-${staffGroupId}`).click();
          await theirs.waitForURL(at('/mine-sider/grupper'));
          await theirs.locator(`#place-${staffGroupId}`).waitFor();
          expect(await seriousAxeViolations(theirs)).toEqual([]);
          await theirs.locator(`#arrange-${ownGroupId}`).click();
          await theirs.waitForURL(at(`/mine-sider/grupper/${ownGroupId}/moedes`));
          expect(await seriousAxeViolations(theirs)).toEqual([]);
          await theirs.locator('#arrangement').fill(words.arrangement);
          await theirs.locator('#save-arrangement').click();
          await theirs.waitForURL(at('/mine-sider/grupper'));
          // The first member reads what the other wrote.
          await page.reload();
          await page.locator(`#arrangement-${ownGroupId}`).getByText(words.arrangement).waitFor();
          await accessible(page, shots, lang, 'my group with its arrangement');

          await theirs.locator(`#leave-${ownGroupId}`).click();
          await theirs.waitForURL(at(`/mine-sider/grupper/${ownGroupId}/forlad`));
          expect(await seriousAxeViolations(theirs)).toEqual([]);
          await theirs.getByRole('button', { name: words.leave }).click();
          await theirs.waitForURL(at('/mine-sider/grupper'));
          expect(await theirs.locator(`#my-groups #group-${ownGroupId}`).count()).toBe(0);
          expect(problems.seen).toEqual([]);
        } finally {
          await other.close();
        }
        expect(await eventTypes(ownGroupId!)).toEqual(['GroupStarted', 'GroupJoined', 'GroupJoined', 'MeetingArrangementSet', 'GroupLeft']);

        // The first member sees the group as it is now, and leaves it too, asked once.
        await page.reload();
        await page.locator(`#group-${ownGroupId}`).getByText(words.member1).waitFor();
        await page.locator(`#leave-${ownGroupId}`).click();
        await accessible(page, shots, lang, 'leave asked once');
        await page.getByRole('button', { name: words.leave }).click();
        await page.waitForURL(at('/mine-sider/grupper'));
        await accessible(page, shots, lang, 'left');

        // Staff close the group nobody is in any more, asked once.
        await signIn(page, 'staff', staffId);
        await page.goto(`${server.url}/medarbejder/grupper/${ownGroupId}`);
        await page.locator('#close-link').click();
        await page.waitForURL(at(`/medarbejder/grupper/${ownGroupId}/luk`));
        await accessible(page, shots, lang, 'close asked once');
        await page.locator('#confirm-close').click();
        await page.waitForURL(at('/medarbejder/grupper'));
        expect((await eventTypes(ownGroupId!)).at(-1)).toBe('GroupClosed');
      });
    }, 120_000);
  }
});
