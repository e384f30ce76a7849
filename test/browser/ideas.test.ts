/**
 * Citizens' ideas for the development budget in a real browser: a citizen proposes two ideas
 * (an empty one refused on its field first); another citizen, in a browser of their own, supports
 * one, takes the support back and gives it again, and the page says it counts each time; the
 * chair answers one idea taken in (naming the line and an adopted resolution) and the other not
 * (refused on the reason's field until one is given); once the budget is approved the public sees
 * the line with the idea that became it, and the idea's path from proposal to line. Every page type
 * on the way has no serious axe violation; the citizen's and the public pages in English too.
 */
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.js';
import { chromium, establishCentre, inBrowser, launchBrowser, pageLanguage, type Screenshots, seriousAxeViolations, startTestServer } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Json = Record<string, any>;
const at = (path: string) => (url: URL) => url.pathname === path;

describe.skipIf(!chromium)('ideas for the development budget in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let centreId: string;
  let budgetId: string;
  let lineId: string;
  let resolutionId: string;
  let meetingId: string;
  const chair = `formand-${newId().slice(-6)}`;
  const members = [chair, `borgerrep-${newId().slice(-6)}`, `partner-${newId().slice(-6)}`];
  const anna = `borger-a-${newId().slice(-8)}`;
  const bo = `borger-b-${newId().slice(-8)}`;
  const repairs = `Reparationscafé ${newId().slice(-4)}`;
  const pool = `Svømmehal ${newId().slice(-4)}`;

  async function api(token: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: object): Promise<Json> {
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(method === 'GET' ? {} : { 'content-type': 'application/json', 'idempotency-key': newId() }) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
    return JSON.parse(text) as Json;
  }
  const admin = () => server.token('admin');
  const member = (id: string) => server.token('board_member', centreId, id);
  /** A resolution adopted by all three members at the open meeting; its id. */
  async function adopt(title: string, subject: object): Promise<string> {
    const b = `/centres/${centreId}/board`;
    const made = (await api(await member(chair), 'POST', `${b}/meetings/${meetingId}/resolutions`, { title, subject })).created.resolutionId as string;
    for (const id of members) await api(await member(id), 'POST', `${b}/resolutions/${made}/votes`, { choice: 'for' });
    await api(await member(chair), 'POST', `${b}/resolutions/${made}/decide`, {});
    return made;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    centreId = await establishCentre(server.url, server.token, { name: `Virkelyst Valby ${newId().slice(-4)}`, municipalityCode: '101' });
    const b = `/centres/${centreId}/board`;
    await api(await admin(), 'POST', b, {});
    const { created } = await api(await admin(), 'POST', `${b}/seats`, { organisation: 'Valby Erhvervsforening' });
    await api(await admin(), 'POST', `${b}/seats/employee/member`, { memberId: members[0], how: 'elected', from: '2026-01-01' });
    await api(await admin(), 'POST', `${b}/seats/citizen/member`, { memberId: members[1], how: 'elected', from: '2026-01-01' });
    await api(await admin(), 'POST', `${b}/seats/${created.seatId}/member`, { memberId: members[2], how: 'appointed', from: '2026-01-01' });
    await api(await admin(), 'PUT', `${b}/roles/chair`, { memberId: chair });
    meetingId = (await api(await member(chair), 'POST', `${b}/meetings`, { at: '2026-12-01T17:00:00+01:00', agenda: ['Udviklingsbudget', 'Borgernes idéer'] })).created.meetingId;
    await api(await member(chair), 'POST', `${b}/meetings/${meetingId}/attendance`, { present: members });
    resolutionId = await adopt('Svar på borgernes idéer 2027', { kind: 'general' });
    budgetId = (await api(await member(chair), 'POST', `/centres/${centreId}/budgets`, { fiscalYear: 2027, kind: 'development' })).created.budgetId;
    const amounts = Object.fromEntries([2027, 2028, 2029, 2030, 2031].map((y) => [String(y), 40_000_00]));
    lineId = (await api(await member(chair), 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Reparationscafé i huset', amounts })).created.lineId;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, role: 'citizen' | 'board_member', personId: string) {
    await page.context().clearCookies();
    await page.goto(server.url + '/log-ind');
    await page.locator(`input[name="role"][value="${role}"]`).check();
    await page.locator('#personId').fill(personId);
    if (role === 'board_member') await page.locator('#centreId').selectOption(centreId);
    await page.locator('main form[action="/log-ind"] button[type="submit"]').click();
    await page.waitForURL(at(role === 'citizen' ? '/mine-sider' : '/bestyrelse'));
  }
  async function accessible(page: Page, shots: Screenshots, lang: 'da' | 'en', step: string) {
    expect(await pageLanguage(page)).toBe(lang);
    expect(await seriousAxeViolations(page), step).toEqual([]);
    await shots.step(step);
  }
  const ideaNamed = async (title: string) => {
    await server.engine.settle();
    const ideas = (await api(await admin(), 'GET', `/budgets/${budgetId}/ideas`)).ideas as { ideaId: string; title: string }[];
    return ideas.find((i) => i.title === title)!.ideaId;
  };
  const eventTypes = async (ideaId: string) =>
    (await sql<{ event_type: string }>`select event_type from events where stream_id = ${`idea-${ideaId}`} order by global_position`.execute(server.database.db)).rows.map((r) => r.event_type);
  const supportsOf = (page: Page, ideaId: string) => page.locator(`#supports-${ideaId}`);

  it('a citizen proposes, another supports (and takes it back, and supports again), the board answers, and the public follows the idea to its line', async () => {
    const ideasPage = `${server.url}/mine-sider/ideer?centre=${centreId}`;
    await inBrowser(browser, 'ideas-citizen-a', { locale: 'da-DK' }, async (page, shots) => {
      await signIn(page, 'citizen', anna);
      await page.goto(ideasPage);
      await accessible(page, shots, 'da', 'the ideas, none yet');
      await page.locator(`#propose-${budgetId}`).click();
      await page.waitForURL(at('/mine-sider/ideer/ny'));
      await accessible(page, shots, 'da', 'the proposal question');
      await page.locator('#send-idea').click();
      await page.locator('[data-module="error-summary"]').waitFor();
      await expect(page.locator('[data-module="error-summary"] a[href="#title"]').count()).resolves.toBe(1);
      await accessible(page, shots, 'da', 'the proposal refused on its field');
      await page.locator('#title').fill(repairs);
      await page.locator('#description').fill('Et sted hvor vi mødes og lærer at reparere cykler og tøj sammen.');
      await page.locator('#send-idea').click();
      await page.waitForURL(at('/mine-sider/ideer'));
      await expect(page.locator('main').innerText()).resolves.toContain('Din idé er foreslået');
      await accessible(page, shots, 'da', 'the idea proposed');
      for (const [title, description] of [[pool, 'En svømmehal ved centret, åben for alle.']] as const) {
        await page.goto(`${server.url}/mine-sider/ideer/ny?budget=${budgetId}`);
        await page.locator('#title').fill(title);
        await page.locator('#description').fill(description);
        await page.locator('#send-idea').click();
        await page.waitForURL(at('/mine-sider/ideer'));
      }
      // Her own ideas: no support button, a withdraw button instead.
      const repairsId = await ideaNamed(repairs);
      await expect(page.locator(`#support-${repairsId}`).count()).resolves.toBe(0);
      await expect(page.locator(`#withdraw-${repairsId}`).count()).resolves.toBe(1);
    });
    const repairsId = await ideaNamed(repairs);
    const poolId = await ideaNamed(pool);
    const late = (await api(await server.token('citizen', undefined, anna), 'POST', `/centres/${centreId}/ideas`, { budgetId, title: `Cykelparkering ${newId().slice(-4)}`, description: 'Overdækket.' })).ideaId as string;

    await inBrowser(browser, 'ideas-citizen-b', { locale: 'en-GB' }, async (page, shots) => {
      await signIn(page, 'citizen', bo);
      await page.goto(ideasPage);
      await accessible(page, shots, 'en', 'the ideas of others (en)');
      await expect(supportsOf(page, repairsId).innerText()).resolves.toContain('0 supporters');
      await page.locator(`#support-${repairsId}`).click();
      await page.waitForURL(at('/mine-sider/ideer'));
      // It counts at once, and the page says so: nothing to confirm afterwards.
      await expect(page.locator('main').innerText()).resolves.toContain('Your support counts now');
      await expect(supportsOf(page, repairsId).innerText()).resolves.toContain('1 supporter');
      await expect(page.locator(`#you-support-${repairsId}`).innerText()).resolves.toBe('You support this idea');
      await accessible(page, shots, 'en', 'supported (en)');
      await page.locator(`#unsupport-${repairsId}`).click();
      await page.waitForURL(at('/mine-sider/ideer'));
      await expect(supportsOf(page, repairsId).innerText()).resolves.toContain('0 supporters');
      await expect(page.locator(`#you-support-${repairsId}`).count()).resolves.toBe(0);
      await page.locator(`#support-${repairsId}`).click();
      await page.waitForURL(at('/mine-sider/ideer'));
      await expect(supportsOf(page, repairsId).innerText()).resolves.toContain('1 supporter');
      // The board answers an idea while this page is open: supporting it now is refused, and said so on the idea.
      await api(await member(chair), 'POST', `/ideas/${late}/answer`, { resolutionId, answer: { kind: 'not_taken_in', reason: 'Der er ikke plads.' } });
      await page.locator(`#support-${late}`).click();
      await page.locator('[data-module="error-summary"]').waitFor();
      await expect(page.locator(`[data-module="error-summary"] a[href="#idea-${late}"]`).innerText()).resolves.toContain('The board has answered the idea');
      await accessible(page, shots, 'en', 'a support refused once the board answered (en)');
    });
    expect(await eventTypes(late)).toEqual(['IdeaProposed', 'IdeaAnswered']);
    expect(await eventTypes(repairsId)).toEqual(['IdeaProposed', 'IdeaSupported', 'IdeaSupportWithdrawn', 'IdeaSupported']);

    await inBrowser(browser, 'ideas-board', { locale: 'da-DK' }, async (page, shots) => {
      await signIn(page, 'board_member', chair);
      await page.goto(server.url + '/bestyrelse/ideer');
      await accessible(page, shots, 'da', 'the board’s ideas');
      await page.locator(`input[name="answer-${repairsId}"][value="taken_in"]`).check();
      await page.locator(`#line-${repairsId}`).selectOption(lineId);
      await page.locator(`#resolution-${repairsId}`).selectOption(resolutionId);
      await page.locator(`#send-${repairsId}`).click();
      await page.waitForURL(at('/bestyrelse/ideer'));
      await expect(page.locator('main').innerText()).resolves.toContain('Svaret er givet');
      // Not taken in, without a reason: refused on the reason's field, nothing recorded.
      await page.locator(`input[name="answer-${poolId}"][value="not_taken_in"]`).check();
      await page.locator(`#resolution-${poolId}`).selectOption(resolutionId);
      await page.locator(`#send-${poolId}`).click();
      await page.locator('[data-module="error-summary"]').waitFor();
      await expect(page.locator(`[data-module="error-summary"] a[href="#reason-${poolId}"]`).count()).resolves.toBe(1);
      await accessible(page, shots, 'da', 'an answer refused on its field');
      expect(await eventTypes(poolId)).toEqual(['IdeaProposed']);
      await page.locator(`#reason-${poolId}`).fill('Kommunen bygger en ny svømmehal i 2028; vi støtter den i stedet.');
      await page.locator(`#send-${poolId}`).click();
      await page.waitForURL(at('/bestyrelse/ideer'));
      await accessible(page, shots, 'da', 'both ideas answered');
    });
    expect((await eventTypes(repairsId)).at(-1)).toBe('IdeaAnswered');
    expect((await eventTypes(poolId)).at(-1)).toBe('IdeaAnswered');

    // The board approves the budget: its lines are public from now on.
    await server.engine.settle();
    const { version } = await api(await member(chair), 'GET', `/budgets/${budgetId}`);
    await api(await member(chair), 'POST', `/budgets/${budgetId}/approve`, { resolutionId: await adopt('Godkend udviklingsbudget 2027–2031', { kind: 'budget_approval', budgetId, version }) });
    await server.engine.settle();

    for (const lang of ['da', 'en'] as const) {
      await inBrowser(browser, `ideas-public-${lang}`, { locale: lang === 'da' ? 'da-DK' : 'en-GB' }, async (page, shots) => {
        await page.goto(`${server.url}/centre/${centreId}/budgetter/${budgetId}/ideer`);
        await accessible(page, shots, lang, 'the budget’s ideas by line');
        await expect(page.locator(`#line-${lineId}`).innerText()).resolves.toBe('Reparationscafé i huset');
        await expect(page.locator(`#line-ideas-${lineId}`).innerText()).resolves.toContain(repairs);
        await expect(page.locator('#not-taken-in').innerText()).resolves.toContain('Kommunen bygger en ny svømmehal');
        const text = await page.locator('main').innerText();
        for (const person of [anna, bo, chair]) expect(text).not.toContain(person);
        await page.locator(`#line-ideas-${lineId} a`).click();
        await page.waitForURL(at(`/centre/${centreId}/ideer/${repairsId}`));
        await accessible(page, shots, lang, 'the idea’s path');
        const steps = await page.locator('#idea-path li').allInnerTexts();
        expect(steps).toHaveLength(5);
        expect(steps.at(-1)).toContain(lang === 'da' ? 'taget med i budgettet' : 'taken into the budget');
        const main = await page.locator('main').innerText();
        expect(main).toContain(lang === 'da' ? 'Budgetlinje: Reparationscafé i huset' : 'Budget line: Reparationscafé i huset');
        expect(main).toContain('Svar på borgernes idéer 2027');
        for (const person of [anna, bo, chair]) expect(main).not.toContain(person);
        // From the idea back to its line.
        await page.locator('a', { hasText: lang === 'da' ? 'Budgetlinje:' : 'Budget line:' }).click();
        await page.waitForURL(at(`/centre/${centreId}/budgetter/${budgetId}/ideer`));
      });
    }
  });
});
