/**
 * An auditor in a real browser, end to end on the embedded default (`npm start`'s own process and
 * PostgreSQL): a citizen's journey with offers and a consent exists (made through the API), the
 * auditor signs in with the local development sign-in, runs the verification and follows its
 * progress (the log held still meanwhile, as a large log would keep it going), reads the report
 * (passed) in Danish and in English, sees the tree heads, looks up an offer's consent trail and
 * downloads the export bundle, which unpacks to a bundle that verifies. The public key page is
 * read signed out. Every page type is checked with axe in both languages.
 *
 * What the pages say is held against what the API serves (tokens for an auditor), not against
 * the pages themselves.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readBundle } from '../../src/audit/bundle.js';
import { verifyLog } from '../../src/audit/verify.js';
import { newId } from '../../src/ids.js';
import { chromium, establishCentre, inBrowser, launchBrowser, pageLanguage, seriousAxeViolations, type Screenshots } from '../support/browser.js';
import { callApi, journeyWithOffers, startEmbeddedAuditServer } from '../support/browser-auditor.js';

type Server = Awaited<ReturnType<typeof startEmbeddedAuditServer>>;

const treeHeads = z.object({ treeHeads: z.array(z.object({ treeSize: z.number(), rootHash: z.string(), signature: z.string() })) });
const trail = z.object({ trail: z.array(z.object({ position: z.number(), type: z.string(), citizen: z.string().nullable() })) });
const report = z.object({ ok: z.boolean(), events: z.number(), keyId: z.string() });
const publicKey = z.object({ keyId: z.string(), publicKeyPem: z.string() });

describe.skipIf(!chromium)('an auditor in Chromium, on the embedded default', () => {
  let server: Server;
  let browser: Browser;
  let citizenId: string;
  let offers: { accepted: string; declined: string };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startEmbeddedAuditServer(), launchBrowser()]);
    const centreId = await establishCentre(server.url, server.token, { name: `Virkelyst Amager ${newId().slice(-4)}`, municipalityCode: '101' });
    citizenId = newId();
    offers = await journeyWithOffers(server.url, server.token, centreId, citizenId);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const asAuditor = async () => server.token('auditor');

  /** The page is in its language and has no serious or critical accessibility violation; a screenshot of it. */
  async function check(page: Page, shots: Screenshots, lang: 'da' | 'en', step: string) {
    expect(await pageLanguage(page), step).toBe(lang);
    expect(await seriousAxeViolations(page), step).toEqual([]);
    await shots.step(`${step} (${lang})`);
  }

  async function signIn(page: Page) {
    await page.goto(server.url + '/log-ind');
    await page.getByLabel('Revisor', { exact: true }).check();
    await page.getByLabel('Person-id').fill(`revisor-${newId().slice(-6)}`);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL((url) => url.pathname === '/revision');
  }

  const main = (page: Page) => page.getByRole('main');

  /** Starts a verification with the log held, and shows its progress; then lets it finish. */
  async function verifyWithProgress(page: Page, shots: Screenshots, lang: 'da' | 'en') {
    const held = await server.holdTheLog();
    try {
      await main(page).getByRole('button', { name: lang === 'da' ? /^Kontrollér loggen/ : /^Verify the log/ }).click();
      await page.getByRole('heading', { level: 1, name: lang === 'da' ? 'Kontrollen er i gang' : 'The verification is running' }).waitFor();
      expect(await page.locator('#progress-status').innerText()).toMatch(lang === 'da' ? /^Læst 0 af \d+ hændelser\. Kontroller færdige: 0 af 13\.$/ : /^Read 0 of \d+ events\. Checks done: 0 of 13\.$/);
      expect(await held.waiting(), 'one verification waits for the log').toBe(1);
      await check(page, shots, lang, 'verification under way');
      // Pressing again from the home page joins the run under way; it never starts a second one.
      const runUrl = page.url().split('?')[0];
      await page.goto(server.url + '/revision');
      await main(page).getByRole('link', { name: lang === 'da' ? 'Se, hvor langt kontrollen er' : 'See how far the verification has come' }).click();
      expect(page.url()).toBe(runUrl);
      expect(await held.waiting()).toBe(1);
    } finally {
      await held.release();
    }
    // The page does not refresh itself: "Opdater" shows it again, with the report once the run,
    // let go just now, has finished (on a loaded machine that can take a few presses).
    const reportHeading = page.getByRole('heading', { level: 1, name: lang === 'da' ? 'Rapport over kontrollen af loggen' : 'Report on the verification of the log' });
    await expect
      .poll(
        async () => {
          if (await reportHeading.isVisible()) return true;
          await main(page).getByRole('link', { name: lang === 'da' ? 'Opdater' : 'Refresh' }).click();
          await page.waitForLoadState();
          return reportHeading.isVisible();
        },
        { timeout: 30_000, interval: 300 },
      )
      .toBe(true);
  }

  it('verifies the log, reads the report, the tree heads and a consent trail, and downloads the bundle, in Danish and English', async () => {
    await inBrowser(browser, 'auditor-verifies', { acceptDownloads: true }, async (page, shots) => {
      await signIn(page);
      await check(page, shots, 'da', 'audit home');

      await verifyWithProgress(page, shots, 'da');
      await expect.poll(() => page.locator('#result').innerText()).toBe('Ingen brud. Samtykke var altid frivilligt, og loggen er den, der blev forseglet.');
      const api = report.parse(await callApi(server.url, await asAuditor(), 'GET', '/audit/report'));
      expect(api.ok).toBe(true);
      const checksTable = page.locator('#report-checks');
      expect(await checksTable.locator('tbody tr').count()).toBe(13);
      expect(await checksTable.locator('#check-1 td').last().innerText()).toBe('Bestået');
      expect(await checksTable.locator('#check-6 td').last().innerText()).toBe('Ikke relevant: intet at undersøge');
      expect(await main(page).getByText(api.keyId, { exact: true }).count()).toBeGreaterThan(0);
      const heads = treeHeads.parse(await callApi(server.url, await asAuditor(), 'GET', '/audit/tree-heads')).treeHeads;
      expect(await main(page).getByText(heads.at(-1)!.rootHash).count(), 'the tree head the report covers').toBe(1);
      await check(page, shots, 'da', 'report');
      const reportUrl = page.url();

      // The same report in English, by the footer's language switch.
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Report on the verification of the log' }).waitFor();
      expect(page.url()).toBe(reportUrl);
      expect(await page.locator('#result').innerText()).toBe('No violations. Consent was always voluntary, and the log is the one that was sealed.');
      expect(await checksTable.locator('#check-1 td').last().innerText()).toBe('Passed');
      await check(page, shots, 'en', 'report');
      await page.getByRole('link', { name: 'Dansk' }).click();
      await page.getByRole('heading', { level: 1, name: 'Rapport over kontrollen af loggen' }).waitFor();

      // The tree heads: every signed head, newest first, each signature valid.
      await page.getByRole('link', { name: 'Tilbage' }).click();
      await main(page).getByRole('link', { name: 'De signerede træhoveder' }).click();
      await page.getByRole('heading', { level: 1, name: 'Signerede træhoveder' }).waitFor();
      const now = treeHeads.parse(await callApi(server.url, await asAuditor(), 'GET', '/audit/tree-heads')).treeHeads;
      const rows = page.locator('#tree-heads tbody tr');
      expect(await rows.count()).toBe(now.length);
      expect(await rows.first().locator('td').nth(1).innerText()).toBe(now.at(-1)!.rootHash);
      expect(await rows.locator('td:nth-child(4)').allInnerTexts()).toEqual(now.map(() => 'Gyldig'));
      expect(await rows.first().locator('td').nth(2).innerText()).toMatch(/ kl\. \d{2}\.\d{2}$/);
      await check(page, shots, 'da', 'tree heads');

      // An offer's consent trail: a missing id is named, then the trail.
      await page.getByRole('link', { name: 'Tilbage' }).click();
      await main(page).getByRole('link', { name: 'Et tilbuds samtykkespor' }).click();
      await page.getByRole('heading', { level: 1, name: 'Et tilbuds samtykkespor' }).waitFor();
      await check(page, shots, 'da', 'consent trail form');
      await main(page).getByRole('button', { name: 'Vis sporet' }).click();
      await page.getByRole('link', { name: 'Skriv tilbuddets id' }).waitFor();
      await check(page, shots, 'da', 'consent trail without an id');
      await page.getByLabel('Tilbuddets id').fill(offers.accepted);
      await main(page).getByRole('button', { name: 'Vis sporet' }).click();
      await page.locator('#trail').waitFor();
      const steps = await page.locator('#trail tbody tr td:nth-child(2)').allInnerTexts();
      expect(steps).toEqual(['Tilbud givet', 'Samtykke givet (ja tak)', 'Deltagelse begyndt', 'Samtykke trukket tilbage', 'Deltagelse sluttet']);
      const theirs = trail.parse(await callApi(server.url, await asAuditor(), 'GET', `/audit/offers/${offers.accepted}/consent-trail`)).trail;
      expect((await page.locator('#trail tbody tr td:nth-child(6)').allInnerTexts()).map(Number)).toEqual(theirs.map((s) => s.position));
      expect(await page.locator('#trail tbody tr').nth(1).locator('td').nth(2).innerText()).toBe(`Borger ${theirs[1]!.citizen}`);
      expect(await main(page).innerText()).not.toContain(citizenId);
      expect(await main(page).innerText()).not.toContain('Sofie');
      await check(page, shots, 'da', 'consent trail');

      // The export bundle: one download that unpacks to a bundle that verifies.
      await page.getByRole('link', { name: 'Tilbage' }).click();
      const download = page.waitForEvent('download');
      await main(page).getByRole('link', { name: 'Hent eksportpakken (.tar.gz)' }).click();
      const file = await download;
      const name = /^(virkelyst-revision-(\d+))\.tar\.gz$/.exec(file.suggestedFilename());
      expect(name, file.suggestedFilename()).not.toBeNull();
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-browser-bundle-'));
      try {
        execFileSync('tar', ['-xzf', await file.path(), '-C', dir]);
        const bundle = await readBundle(path.join(dir, name![1]!));
        const verified = await verifyLog(bundle);
        expect(verified.ok).toBe(true);
        expect(verified.events).toBe(Number(name![2]));
        const signed = treeHeads.parse(await callApi(server.url, await asAuditor(), 'GET', '/audit/tree-heads')).treeHeads;
        expect(bundle.heads.map((h) => h.rootHash)).toEqual(signed.filter((h) => h.treeSize <= verified.events).map((h) => h.rootHash));
        expect(verified.keyId).toBe(api.keyId);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
      await shots.step('bundle downloaded');

      // The other page types in English: home, progress and report again, tree heads, the trail.
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
      await check(page, shots, 'en', 'audit home');
      await verifyWithProgress(page, shots, 'en');
      await page.getByRole('link', { name: 'Back' }).click();
      await main(page).getByRole('link', { name: 'The signed tree heads' }).click();
      await page.getByRole('heading', { level: 1, name: 'Signed tree heads' }).waitFor();
      await check(page, shots, 'en', 'tree heads');
      await page.goto(`${server.url}/revision/samtykkespor?offerId=${offers.declined}`);
      expect(await page.locator('#trail tbody tr td:nth-child(2)').allInnerTexts()).toEqual(['Offer made', 'Offer declined (no thank you)']);
      await check(page, shots, 'en', 'consent trail');
      await page.goto(`${server.url}/revision/samtykkespor?offerId=`);
      await page.getByRole('link', { name: 'Type the offer’s id' }).waitFor();
      await check(page, shots, 'en', 'consent trail without an id');
    });
  });

  // After the tests of the clean log: it adds an event no application writes.
  it('shows a report with a failed check and its findings, and a run that is gone, in Danish and English', async () => {
    const forged = await server.forgeParticipation(citizenId, offers.declined);
    await inBrowser(browser, 'auditor-finds-a-violation', {}, async (page, shots) => {
      await signIn(page);
      await main(page).getByRole('button', { name: /^Kontrollér loggen/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Rapport over kontrollen af loggen' }).waitFor();
      expect(await page.locator('#result').innerText()).toMatch(/^Brud fundet i \d+ af 13 kontroller\./);
      expect(await page.locator('#check-1 td').last().innerText()).toBe('Ikke bestået: 1 fund');
      const finding = page.locator('#findings-1 + div tbody tr');
      expect(await finding.count()).toBe(1);
      expect(await finding.locator('td').nth(1).innerText()).toBe(forged);
      expect(await finding.locator('td').nth(3).getAttribute('lang')).toBe('en');
      await check(page, shots, 'da', 'report with findings');
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Report on the verification of the log' }).waitFor();
      expect(await page.locator('#check-1 td').last().innerText()).toBe('Failed: 1 finding');
      await check(page, shots, 'en', 'report with findings');
      await page.goto(`${server.url}/revision/kontrol/${newId()}`);
      await page.getByRole('heading', { level: 1, name: 'The verification does not exist' }).waitFor();
      await check(page, shots, 'en', 'no such verification');
      await page.getByRole('link', { name: 'Dansk' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kontrollen findes ikke' }).waitFor();
      await check(page, shots, 'da', 'no such verification');
    });
    const api = report.parse(await callApi(server.url, await asAuditor(), 'GET', '/audit/report'));
    expect(api.ok, 'the API finds it too').toBe(false);
  });

  it('shows anyone, signed out, the audit key with its fingerprint and how to verify the log, in Danish and English', async () => {
    const published = publicKey.parse(await (await fetch(`${server.url}/audit/public-key`)).json());
    const fingerprint = createHash('sha256').update(createPublicKey(published.publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex');
    await inBrowser(browser, 'audit-public-key', {}, async (page, shots) => {
      await page.goto(server.url + '/');
      await page.getByRole('link', { name: 'Log ind' }).waitFor();
      await page.goto(server.url + '/revision/noegle');
      await page.getByRole('heading', { level: 1, name: 'Revisionsnøglen, og sådan kontrollerer du loggen selv' }).waitFor();
      expect(await page.locator('#key-id').innerText()).toBe(published.keyId);
      expect(await page.locator('#fingerprint').innerText()).toBe(fingerprint);
      expect(await page.locator('#steps li').count()).toBe(5);
      expect(await page.locator('#steps').innerText()).toContain('virkelyst audit verify --bundle virkelyst-revision-N');
      await check(page, shots, 'da', 'public key');
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'The audit key, and how to verify the log yourself' }).waitFor();
      expect(await page.locator('#fingerprint').innerText()).toBe(fingerprint);
      await check(page, shots, 'en', 'public key');
    });
  });
});
