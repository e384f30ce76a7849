/**
 * Real-browser tests: Debian's Chromium driven by playwright-core, screenshots of each step as test
 * artefacts, and axe-core for accessibility. One browser per test file, reused by its tests.
 *
 * Where Chromium is missing the browser suites skip and print why (`describe.skipIf(!chromium)`);
 * on CI (`CI=true`) a missing Chromium fails the file instead, so CI can never be such a place.
 */
import { accessSync, constants } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium as playwrightChromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { z } from 'zod';
import { loadOrCreateLocalKey, mintLocalToken } from '../../src/identity/tokens.js';
import { newId } from '../../src/ids.js';
import type { Principal, Role } from '../../src/domain/shared/principal.js';
import { loadMasterKey } from '../../src/privacy/vault.js';
import { webSessionKey } from '../../src/server.js';
import { newSession, sealSession } from '../../src/web/session.js';
import { createTestApp } from './app.js';
import { spawnServer, type ServerProcess } from './server-process.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'browser');
const AXE_SCRIPT = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`; or why there is none. */
function findChromium(): { executablePath: string } | { missing: string } {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    accessSync(candidate, constants.X_OK);
    return { executablePath: candidate };
  } catch {
    const from = process.env.CHROMIUM_PATH ? 'CHROMIUM_PATH' : 'the default path';
    return { missing: `no Chromium executable at ${candidate} (${from}); install it with \`apt-get install chromium\` or set CHROMIUM_PATH` };
  }
}

const found = findChromium();
if ('missing' in found) {
  if (process.env.CI === 'true') throw new Error(`CI must run the browser tests, but ${found.missing}`);
  console.log(`[virkelyst tests] browser tests skipped: ${found.missing}`);
}

/**
 * The Chromium executable, or undefined where there is none (the suite then skips, having printed
 * why). Use as `describe.skipIf(!chromium)(…)`.
 */
export const chromium: string | undefined = 'executablePath' in found ? found.executablePath : undefined;

/**
 * Launches the one browser a test file uses. Headless; playwright starts Chromium without its
 * sandbox by default, which running as root (CI) needs.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!chromium) throw new Error('launchBrowser called where Chromium is missing; guard the suite with describe.skipIf(!chromium)');
  return playwrightChromium.launch({ executablePath: chromium, headless: true });
}

/** A fresh context (own cookies): Danish by default, as a Danish browser would ask. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', ...options });
  // Fail fast rather than wait out the test's timeout when a label or page is not there.
  context.setDefaultTimeout(5_000);
  context.setDefaultNavigationTimeout(15_000);
  return context;
}

/**
 * Screenshots of each step into `test-artifacts/browser/<test>/<nn>-<step>.png`. The folder is
 * emptied first, so it holds one run's steps in order.
 */
export async function screenshots(page: Page, test: string) {
  const dir = path.join(ARTIFACTS, slug(test));
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  let n = 0;
  return {
    dir,
    async step(name: string): Promise<void> {
      n += 1;
      const file = path.join(dir, `${String(n).padStart(2, '0')}-${slug(name)}.png`);
      // A screenshot is a record of the step, not a check of it. Chromium on a busy machine sometimes
      // fails to capture a full page ("Unable to capture screenshot"): try again, then the viewport.
      try {
        await page.screenshot({ path: file, fullPage: true });
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 250));
        await page.screenshot({ path: file, fullPage: true }).catch(() => page.screenshot({ path: file }));
      }
    },
  };
}

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const axeViolations = z.array(
  z.object({
    id: z.string(),
    impact: z.string().nullish(),
    help: z.string(),
    helpUrl: z.string(),
    nodes: z.array(z.object({ target: z.array(z.unknown()) })),
  }),
);

/** An accessibility failure as a reader of the test output needs it: which rule, where, and how to fix it. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: string[];
}

let axeSource: Promise<string> | undefined;

/**
 * axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now. The script is
 * evaluated on every call, since a navigation drops it; evaluated through the DevTools protocol
 * rather than added as a `<script>` (`page.addScriptTag`), which the pages' own CSP rightly refuses,
 * so the pages are checked under the policy they are served with. Not in a context with JavaScript
 * turned off: there nothing can be evaluated and the call never returns.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= fs.readFile(AXE_SCRIPT, 'utf8');
  await page.evaluate(await axeSource);
  // A string, not a function: the test project is type-checked without the DOM's types.
  const raw = await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_21_AA)} }, resultTypes: ['violations'] }).then((r) => r.violations)`,
  );
  return axeViolations
    .parse(raw)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, helpUrl: v.helpUrl, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
}

/**
 * What went wrong inside the page while a test ran: script errors, console errors (a refused
 * Content-Security-Policy), assets answered with an error and requests that failed. `inBrowser`
 * fails a test that saw any.
 */
export function watchPage(page: Page) {
  const seen: string[] = [];
  page.on('pageerror', (error) => seen.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    // A page served with its own error status (a 404 page, a 403 page) is not a broken asset;
    // broken assets are reported from their responses, below.
    if (message.text().startsWith('Failed to load resource')) return;
    seen.push(`console error on ${where || page.url()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    // The browser asks for /favicon.ico of its own accord; every other 4xx/5xx here is an asset a page named.
    if (response.status() >= 400 && response.request().resourceType() !== 'document' && pathname !== '/favicon.ico') {
      seen.push(`${response.status()} for ${response.request().resourceType()} ${pathname}`);
    }
  });
  page.on('requestfailed', (request) => {
    // A navigation superseded by the next one (a double submit) is the browser's choice, not a fault.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') seen.push(`request failed: ${request.method()} ${new URL(request.url()).pathname}: ${request.failure()?.errorText}`);
  });
  return { seen };
}

/** A step's screenshots, as `screenshots` makes them. */
export type Screenshots = Awaited<ReturnType<typeof screenshots>>;

/**
 * One test's page in a fresh context: screenshots into `test-artifacts/browser/<test>/`, and the
 * test fails if anything went wrong inside the page (`watchPage`). The context is closed after.
 */
export async function inBrowser(
  browser: Browser,
  test: string,
  options: BrowserContextOptions,
  run: (page: Page, shots: Screenshots, context: BrowserContext) => Promise<void>,
): Promise<void> {
  const context = await newContext(browser, options);
  try {
    const page = await context.newPage();
    const problems = watchPage(page);
    await run(page, await screenshots(page, test), context);
    if (problems.seen.length > 0) throw new Error(`inside the page:\n${problems.seen.join('\n')}`);
  } finally {
    await context.close();
  }
}

/** The page's `<html lang>`. */
export const pageLanguage = (page: Page) => page.locator('html').getAttribute('lang');

/**
 * The keyboard alone: Tab to an element (the arrow keys inside a radio group), then Enter or
 * Space, counting every key pressed so a test can bound how much work a flow is. Never the mouse.
 */
export function keyboardOnly(page: Page, options: { maxTabs?: number } = {}) {
  const maxTabs = options.maxTabs ?? 40;
  let keys = 0;
  const press = async (key: string) => {
    keys += 1;
    await page.keyboard.press(key);
  };
  const focused = (target: Locator) => target.and(page.locator(':focus')).count();
  return {
    get keys() {
      return keys;
    },
    press,
    /** Types text into the focused field, a key per character. */
    async type(text: string) {
      keys += [...text].length;
      await page.keyboard.type(text);
    },
    /** Tabs forward until `target` has the focus; fails if it is not reached within maxTabs. */
    async tabTo(target: Locator) {
      for (let i = 0; i < maxTabs; i++) {
        if ((await focused(target)) === 1) return;
        await press('Tab');
      }
      if ((await focused(target)) === 1) return;
      throw new Error(`${String(target)} was not reached with ${maxTabs} presses of Tab`);
    },
    /**
     * Chooses a radio button as a keyboard user does: Tab into its group (a group is one tab stop),
     * the arrow keys to the option, Space to be sure it is chosen.
     */
    async chooseRadio(target: Locator) {
      const anyRadio = page.locator('input[type="radio"]:focus');
      for (let i = 0; i < maxTabs && (await anyRadio.count()) === 0; i++) await press('Tab');
      for (let i = 0; i < maxTabs && (await focused(target)) === 0; i++) await press('ArrowDown');
      if ((await focused(target)) === 0) throw new Error(`${String(target)} was not reached with the arrow keys`);
      await press('Space');
    },
  };
}

/** The whole app in this process on a test database, listening on a free loopback port. */
export async function startTestServer() {
  const test = await createTestApp();
  // Read models follow the log in the background, as in the server, so a page shows what was just done.
  test.engine.start();
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  const address = test.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the test app is not listening on a TCP port');
  return { ...test, url: `http://127.0.0.1:${address.port}` };
}

/** The web's session key as src/server.ts derives it from the master key (HKDF-SHA256). */

/**
 * `npm start` as a newcomer runs it: its own process on the embedded PostgreSQL in a fresh data
 * dir, without OIDC (so the local sign-in is offered), with tokens minted from that dir's local
 * key to seed it through the API.
 */
export async function startEmbeddedServer() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-browser-'));
  let server: ServerProcess | undefined;
  try {
    server = await spawnServer({ VIRKELYST_DATA_DIR: dataDir, VIRKELYST_MASTER_KEY: undefined, OIDC_ISSUER: undefined, OIDC_AUDIENCE: undefined, OIDC_JWKS_URL: undefined });
    await server.waitReady();
  } catch (error) {
    server?.child.kill('SIGKILL');
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  const key = await loadOrCreateLocalKey(dataDir);
  const sessionKey = webSessionKey(await loadMasterKey(dataDir));
  return {
    url: running.url,
    output: running.output,
    token: (role: Role, centreId?: string, sub: string = newId()) => mintLocalToken(key, { sub, role, ...(centreId ? { centreId } : {}) }),
    /**
     * A `vl_session` cookie value signed with this server's session key, ending at `expiresAt`:
     * a session the server made itself, or one that has run out. A test that relies on an expired
     * one being refused first shows a fresh one accepted, so a wrong key cannot pass it.
     */
    sessionCookie: (principal: Principal, expiresAt: number) => sealSession(sessionKey, { ...newSession(principal, Date.now()), expiresAt }),
    async close() {
      // SIGTERM stops the embedded database with the app; wait for it before removing its files.
      running.child.kill('SIGTERM');
      const stopped = await Promise.race([running.exited, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
      if (stopped === null) running.child.kill('SIGKILL');
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A centre established through the API, as an administrator would, with in-person opening hours. */
export async function establishCentre(
  url: string,
  token: (role: Role, centreId?: string) => Promise<string>,
  centre: { name: string; municipalityCode: string; openingHours?: Record<string, { opens: string; closes: string }[]> },
): Promise<string> {
  const created = await fetch(`${url}/centres`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('admin')}`, 'idempotency-key': newId() },
    body: JSON.stringify(centre),
  });
  if (created.status !== 201) throw new Error(`establishing a centre answered ${created.status}: ${await created.text()}`);
  const { centreId } = z.object({ centreId: z.string() }).parse(await created.json());
  // The pages list centres from their read model: go on once it has this one (a loaded machine lags).
  await eventually(async () => {
    const listed = await fetch(`${url}/centres`);
    return listed.ok && (await listed.text()).includes(centreId) ? true : undefined;
  });
  return centreId;
}

/** Polls until `probe` answers something, for read models that follow the log a moment later. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
