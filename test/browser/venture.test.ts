/**
 * The entrepreneurs' track in a real browser: a citizen joins through "Tjek dine svar", sets a
 * milestone with the month they hope for, tells how it is going, says when their business started
 * and that it still ran a year on, downloads their own progress as a file (their milestone in it,
 * no word of benefits), and leaves, asked once; a counsellor reads the centre's survival share
 * against its goal, in counts. Every page type on the way has no serious axe violation, in Danish
 * and in English. The track's read model follows the log a moment later: the pages are reloaded
 * until they show what was just done.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { coerciveTermsIn } from '../../src/domain/shared/coercion.js';
import { newId } from '../../src/ids.js';
import { copenhagenToday, shiftDay } from '../../src/web/pages/staff-parts.js';
import { chromium, establishCentre, eventually, inBrowser, launchBrowser, pageLanguage, type Screenshots, seriousAxeViolations, startTestServer } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const at = (path: string) => (url: URL) => url.pathname === path;
const VENTURE = '/mine-sider/ivaerksaetter';

function typedDay(days: number): string {
  const [y, m, d] = shiftDay(copenhagenToday(new Date()), days).split('-').map(Number);
  return `${d}.${m}.${y}`;
}

describe.skipIf(!chromium)('the entrepreneurs’ track in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let centreId: string;
  const centreName = `Virkelyst Rugekassen ${newId().slice(-4)}`;
  const staffId = `vejleder-${newId().slice(-6)}`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    centreId = await establishCentre(server.url, server.token, { name: centreName, municipalityCode: '461' });
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

  /** The overview, reloaded until it shows `what` (the track's read model follows the log a moment later). */
  async function overviewShows(page: Page, what: (page: Page) => Locator) {
    await eventually(async () => {
      await page.goto(server.url + VENTURE);
      return (await what(page).count()) > 0 ? true : undefined;
    });
  }

  for (const lang of ['da', 'en'] as const) {
    const locale = lang === 'da' ? 'da-DK' : 'en-GB';
    const words =
      lang === 'da'
        ? { check: 'Tjek dine svar', milestone: 'Få min første kunde', hoped: /Du håber at nå det i marts \d{4}\./, fileHoped: /Måneden, jeg håber på: marts \d{4}/, stillRuns: 'Du svarede, at den stadig kørte', notEnough: 'Ikke nok svar endnu', share: '100 %', few: 'Under 5', left: 'Du har forladt iværksætterforløbet.' }
        : { check: 'Check your answers', milestone: 'Get my first customer', hoped: /You hope to get there in March \d{4}\./, fileHoped: /The month I hope for: March \d{4}/, stillRuns: 'You answered that it was still running', notEnough: 'Not enough answers yet', share: '100%', few: 'Under 5', left: 'You have left the entrepreneurs’ track.' };

    it(`keeps a citizen's own track, gives them its file, and shows staff the survival share in counts (${lang})`, async () => {
      const citizenId = `ivaerksaetter-${lang}-${newId().slice(-8)}`;
      await inBrowser(browser, `venture-${lang}`, { locale }, async (page, shots) => {
        await signIn(page, 'citizen', citizenId);
        await page.goto(server.url + VENTURE);
        await page.locator('#no-benefit-data').waitFor();
        await accessible(page, shots, lang, 'not yet on the track');

        // Joining: the question, then "Tjek dine svar".
        await page.locator('#join-link').click();
        await page.waitForURL(at(`${VENTURE}/start`));
        await accessible(page, shots, lang, 'join question');
        await page.getByLabel(centreName, { exact: true }).check();
        await page.locator('#businessIdea').fill('Et lille bageri med surdejsbrød');
        await page.locator('#continue').click();
        await page.getByRole('heading', { name: words.check }).waitFor();
        await accessible(page, shots, lang, 'join check');
        await page.locator('#confirm-join').click();
        await page.waitForURL(at(VENTURE));
        await overviewShows(page, (p) => p.locator('#on-track'));
        await accessible(page, shots, lang, 'on the track');

        // A milestone with the month hoped for: refused without its year first.
        await page.locator('#milestone-link').click();
        await page.waitForURL(at(`${VENTURE}/delmaal`));
        await accessible(page, shots, lang, 'milestone form');
        expect(await page.locator('main').textContent()).not.toMatch(/frist|deadline/i);
        await page.locator('#text').fill(words.milestone);
        await page.locator('#hopedMonth').selectOption('3');
        await page.locator('#save-milestone').click();
        await page.locator('[data-module="error-summary"] a[href="#hopedYear"]').waitFor();
        await accessible(page, shots, lang, 'milestone refused');
        await page.locator('#hopedYear').selectOption(String(new Date().getFullYear() + 1));
        await page.locator('#save-milestone').click();
        await page.waitForURL(at(VENTURE));
        await overviewShows(page, (p) => p.locator('#my-milestones').getByText(words.hoped));
        expect(await page.locator('main').textContent()).not.toMatch(/frist|deadline/i);

        // How it is going: voluntary, no count of quarters missed.
        await page.locator('#check-in-link').click();
        await page.waitForURL(at(`${VENTURE}/status`));
        await accessible(page, shots, lang, 'check-in');
        await page.locator('input[name="status"][value="running"]').check();
        await page.locator('#note').fill(lang === 'da' ? 'To kunder indtil videre.' : 'Two customers so far.');
        await page.locator('#save-check-in').click();
        await page.waitForURL(at(VENTURE));
        await overviewShows(page, (p) => p.locator('#my-check-ins'));

        // The business started a little over a year ago; the 1-year question is offered, and answered.
        await page.locator('#start-link').click();
        await page.waitForURL(at(`${VENTURE}/virksomhed`));
        await accessible(page, shots, lang, 'business start');
        await page.locator('#startedOn').fill(typedDay(-380));
        await page.locator('#save-start').click();
        await page.waitForURL(at(VENTURE));
        await overviewShows(page, (p) => p.locator('#answer-1'));
        expect(await page.locator('#answer-2').count()).toBe(0);
        await page.locator('#answer-1').click();
        await page.waitForURL(at(`${VENTURE}/drift/1`));
        await accessible(page, shots, lang, 'survival question');
        await page.locator('#save-survival').click();
        await page.locator('[data-module="error-summary"] a[href="#running"]').waitFor();
        await accessible(page, shots, lang, 'survival refused');
        await page.locator('input[name="running"][value="yes"]').check();
        await page.locator('#save-survival').click();
        await page.waitForURL(at(VENTURE));
        await overviewShows(page, (p) => p.locator('#survival-1').getByText(words.stillRuns));
        await accessible(page, shots, lang, 'the whole track');

        // The citizen's own file: their milestone in it, not a word of benefits; nothing is sent for them.
        const download = page.waitForEvent('download');
        await page.locator('#download-link').click();
        const file = await fs.readFile((await (await download).path())!, 'utf8');
        expect(file).toContain(words.milestone);
        expect(file).toMatch(words.fileHoped);
        expect(file).not.toMatch(/ydelse|a-kasse|dagpenge|kontanthjælp|benefit|allowance|unemployment|frist|deadline/i);
        expect(coerciveTermsIn(file)).toEqual([]);
        expect(file).not.toMatch(/\d{4}-\d{2}-\d{2}/);

        // Leaving, asked once.
        await page.locator('#leave-link').click();
        await page.waitForURL(at(`${VENTURE}/forlad`));
        await accessible(page, shots, lang, 'leave asked once');
        await page.locator('#confirm-leave').click();
        await page.waitForURL(at(VENTURE));
        await page.getByText(words.left).waitFor();

        // A counsellor: the survival share against the goal, in counts, never who; one business
        // (this citizen's) is shown as under 5, with no share that would tell their answer.
        await signIn(page, 'staff', staffId);
        await eventually(async () => {
          await page.goto(server.url + '/medarbejder/ivaerksaettere');
          return (await page.locator('#survival-share').getByText(words.few).count()) > 0 ? true : undefined;
        });
        await page.locator('#survival-share').getByText(words.notEnough).first().waitFor();
        expect(await page.locator('#survival-share').getByText(words.share).count()).toBe(0);
        expect(await page.locator('main').textContent()).not.toContain(citizenId);
        await accessible(page, shots, lang, 'survival share');
      });
    }, 120_000);
  }
});
