/**
 * The auditor's pages through fastify's inject, on a real PostgreSQL: who may see them (an auditor;
 * others 403, signed out 303 to sign in; the key page for anyone), the verification run from the
 * page (its progress while it runs, one run at a time, then the report in Danish and English),
 * the tree heads, an offer's consent trail (bad input a 400 naming the field), the export bundle
 * (a bundle that verifies), and what the key page says.
 *
 * What the pages show is held against what the API serves for the same thing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../src/audit/bundle.js';
import { verifyLog } from '../src/audit/verify.js';
import { newId } from '../src/ids.js';
import { CHECK_TEXTS } from '../src/i18n/audit.js';
import { createTestApp } from './support/app.js';
import { field, InjectBrowser } from './support/inject-browser.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let citizenId: string;
let centreId: string;
let offerId: string;
let declinedOfferId: string;

/** A browser's cookies: what the app set, sent back. */
class Browser extends InjectBrowser {
  constructor(headers: Record<string, string> = {}) {
    super(() => t.app, headers);
  }
  /** The CSRF token of a page this browser has. */
  async csrf(url = '/log-ind'): Promise<string> {
    return field((await this.get(url)).body, '_csrf') ?? '';
  }
}


async function signedIn(role: string, personId = `${role}-${newId().slice(-6)}`, lang: 'da' | 'en' = 'da', centre = ''): Promise<Browser> {
  const browser = new Browser({ 'accept-language': lang });
  const answered = await browser.post('/log-ind', { _csrf: await browser.csrf(), role, personId, centreId: centre });
  expect(answered.statusCode, answered.body).toBe(303);
  return browser;
}

const api = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) => {
  const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
};

/** The run page a start redirected to. */
const runOf = (response: LightMyRequestResponse) => {
  expect(response.statusCode).toBe(303);
  const location = String(response.headers.location);
  expect(location).toMatch(/^\/revision\/kontrol\/[0-9a-f-]{36}\?startet=1$/);
  return location;
};

/** Holds the sealer's frontier row's table, so a verification waits at its snapshot until `release`. */
async function holdTheLog() {
  const client = await t.database.pool.connect();
  await client.query('begin');
  await client.query('lock table audit_frontier in access exclusive mode');
  return {
    /** Verifications waiting for the held table: one per run under way. */
    async waiting(): Promise<number> {
      const { rows } = await sql<{ n: string }>`select count(*) as n from pg_locks where relation = 'audit_frontier'::regclass and not granted`.execute(t.database.db);
      return Number(rows[0]!.n);
    },
    async release() {
      await client.query('commit');
      client.release();
    },
  };
}

/** Polls the run page until it shows the report. */
async function reportOf(browser: Browser, url: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const page = await browser.get(url);
    expect(page.statusCode).toBe(200);
    if (!page.body.includes('id="progress"')) return page.body;
  }
  throw new Error('the verification did not finish');
}

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.token('admin');
  ({ centreId } = await api(admin, 'POST', '/centres', { municipalityCode: '147', name: 'Virkelyst Frederiksberg' }));
  await t.engine.settle();
  const staff = await t.token('staff', centreId);
  citizenId = newId();
  const citizen = await t.token('citizen', undefined, citizenId);
  await api(citizen, 'POST', '/journeys', { centreId, alias: 'Sofie Hemmelig' });
  const made = await api(staff, 'POST', `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'workshop' }, information: 'Workshop om fremtiden' });
  offerId = made.created.offerId;
  await api(citizen, 'POST', `/journeys/${citizenId}/offers/${offerId}/consent`, {});
  await api(staff, 'POST', `/journeys/${citizenId}/offers/${offerId}/participation/start`, {});
  await api(citizen, 'POST', `/journeys/${citizenId}/offers/${offerId}/withdraw`, {});
  const other = await api(staff, 'POST', `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching' });
  declinedOfferId = other.created.offerId;
  await api(citizen, 'POST', `/journeys/${citizenId}/offers/${declinedOfferId}/decline`, { reason: 'Ikke lige nu, tak' });
  await t.engine.settle();
});
afterAll(async () => {
  await t?.close();
});

const AUDITOR_GETS = ['/revision', `/revision/kontrol/${newId()}`, `/revision/kontrol/${newId()}/rapport.json`, '/revision/traehoveder', '/revision/samtykkespor', '/revision/eksportpakke'];

describe('who may see the auditor pages', () => {
  it('sends someone signed out to sign in, for every page and the start', async () => {
    const browser = new Browser();
    for (const url of AUDITOR_GETS) {
      const response = await browser.get(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location, url).toBe('/log-ind');
    }
    const started = await browser.post('/revision/kontrol', { _csrf: await browser.csrf() });
    expect(started.statusCode).toBe(303);
    expect(started.headers.location).toBe('/log-ind');
  });

  it('tells another role the pages are not theirs (403), and starts nothing', async () => {
    for (const role of ['citizen', 'staff', 'researcher', 'admin']) {
      const browser = await signedIn(role, undefined, 'da', role === 'staff' ? centreId : '');
      for (const url of AUDITOR_GETS) {
        const response = await browser.get(url);
        expect(response.statusCode, `${role} ${url}`).toBe(403);
        expect(response.body).toContain('Du har ikke adgang til siden');
      }
      const started = await browser.post('/revision/kontrol', { _csrf: await browser.csrf('/') });
      expect(started.statusCode, role).toBe(403);
    }
    const auditor = await signedIn('auditor');
    expect((await auditor.get('/revision')).body, 'no run was started by anyone else').not.toContain('id="run-link"');
  });

  it('refuses a start without its CSRF token (403)', async () => {
    const auditor = await signedIn('auditor');
    const refused = await auditor.post('/revision/kontrol', {});
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Formularen kunne ikke sendes');
  });

  it('shows the key page to anyone, signed in or not', async () => {
    expect((await new Browser().get('/revision/noegle')).statusCode).toBe(200);
    expect((await (await signedIn('citizen')).get('/revision/noegle')).statusCode).toBe(200);
    expect((await new Browser().get('/revision/noegle.pem')).statusCode).toBe(200);
  });
});

describe('the verification from the page', () => {
  it('starts one run, shows its progress while it runs, and a second press joins it rather than starting another', async () => {
    const auditor = await signedIn('auditor');
    const held = await holdTheLog();
    let url: string;
    try {
      url = runOf(await auditor.post('/revision/kontrol', { _csrf: await auditor.csrf('/revision') }));
      const progress = await auditor.get(url);
      expect(progress.statusCode).toBe(200);
      expect(progress.body).toContain('<h1>Kontrollen er i gang</h1>');
      expect(progress.body).toMatch(/Læst 0 af \d+ hændelser\. Kontroller færdige: 0 af 13\./);
      expect(progress.body).toContain('<progress id="progress"');
      // The page never refreshes itself (no meta refresh: WCAG 2.2.1); a link shows it again.
      expect(progress.body).not.toContain('http-equiv');
      expect(progress.body).toContain(`<a class="button button-secondary" href="${url.split('?')[0]}" id="refresh">Opdater</a>`);
      // The home page points to the run under way instead of offering a new one.
      const home = await auditor.get('/revision');
      expect(home.body).toContain(`href="${url.split('?')[0]}" id="run-link"`);
      expect(home.body).not.toContain('id="start-verification"');

      // Pressed again, by the same auditor and by another: the same run, and still one verification waiting.
      expect(runOf(await auditor.post('/revision/kontrol', { _csrf: await auditor.csrf('/revision') }))).toBe(url);
      const other = await signedIn('auditor', 'auditor-other', 'en');
      expect(runOf(await other.post('/revision/kontrol', { _csrf: await other.csrf('/revision') }))).toBe(url);
      expect(await held.waiting()).toBe(1);
      const english = await other.get(url);
      expect(english.body).toContain('<h1>The verification is running</h1>');
      expect(english.body).toMatch(/Read 0 of \d+ events\. Checks done: 0 of 13\./);
    } finally {
      await held.release();
    }
    const report = await reportOf(auditor, url);
    expect(report).toContain('<h1>Rapport over kontrollen af loggen</h1>');
    // Once it is over, a press starts a new run.
    const again = runOf(await auditor.post('/revision/kontrol', { _csrf: await auditor.csrf('/revision') }));
    expect(again).not.toBe(url);
    await reportOf(auditor, again);
  });

  it('shows the report in Danish: passed, each check with what it proves, its result and the tree head it covered', async () => {
    const auditor = await signedIn('auditor');
    const url = runOf(await auditor.post('/revision/kontrol', { _csrf: await auditor.csrf('/revision') }));
    const body = await reportOf(auditor, url);
    expect(body).toMatch(/<html lang="da">/);
    expect(body).toContain('Ingen brud. Samtykke var altid frivilligt, og loggen er den, der blev forseglet.');
    for (const [id, text] of Object.entries(CHECK_TEXTS)) {
      expect(body).toContain(`<th scope="row">${id}. ${text.name.da}</th>`);
    }
    expect(body).toContain(CHECK_TEXTS[1]!.proves.da);
    expect(body).toMatch(/<tr id="check-1">.*<td>Bestået<\/td><\/tr>/);
    // Nothing was shared with a partner: "not applicable", never "passed".
    expect(body).toMatch(/<tr id="check-6">.*<td class="align-text-right">0<\/td><td>Ikke relevant: intet at undersøge<\/td><\/tr>/);
    const { treeHeads } = await api(await t.token('auditor'), 'GET', '/audit/tree-heads');
    const newest = treeHeads.at(-1);
    expect(body).toContain(`Størrelse ${newest.treeSize}, signeret `);
    expect(body).toContain(newest.rootHash);
    expect(body).toContain(`<code>${t.auditKey.keyId}</code>`);
    // Times in words, never ISO strings; no citizen's id, no personal data.
    expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(body).not.toContain(citizenId);
    expect(body).not.toContain('Sofie');
  });

  it('shows the report in English, and as JSON the same as the API’s report', async () => {
    const auditor = await signedIn('auditor', undefined, 'en');
    const url = runOf(await auditor.post('/revision/kontrol', { _csrf: await auditor.csrf('/revision') }));
    const body = await reportOf(auditor, url);
    expect(body).toMatch(/<html lang="en">/);
    expect(body).toContain('<h1>Report on the verification of the log</h1>');
    expect(body).toContain('No violations. Consent was always voluntary, and the log is the one that was sealed.');
    expect(body).toContain(`<th scope="row">3. ${CHECK_TEXTS[3]!.name.en}</th>`);
    expect(body).toMatch(/<tr id="check-6">.*Not applicable: nothing to examine/);
    const json = await auditor.get(`${url.split('?')[0]}/rapport.json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename="virkelyst-revisionsrapport-[0-9a-f-]+\.json"$/);
    const mine = json.json();
    const theirs = await api(await t.token('auditor'), 'GET', '/audit/report');
    expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
    const shape = (r: { checks: { id: number; name: string; status: string; examined: number }[] }) => r.checks.map(({ id, name, status, examined }) => ({ id, name, status, examined }));
    expect(shape(mine)).toEqual(shape(theirs));
    expect(mine).toMatchObject({ ok: true, events: theirs.events, keyId: theirs.keyId, coverage: theirs.coverage, against: theirs.against });
    expect(mine.catalogue).toEqual(theirs.catalogue);
  });

  it('answers a run that does not exist with a 404 page', async () => {
    const auditor = await signedIn('auditor');
    for (const url of [`/revision/kontrol/${newId()}`, '/revision/kontrol/not-a-run', `/revision/kontrol/${newId()}/rapport.json`]) {
      const response = await auditor.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body).toContain('Kontrollen findes ikke');
    }
  });
});

describe('the tree heads', () => {
  it('lists every signed head, newest first, with its size, root, Danish time and a checked signature', async () => {
    const auditor = await signedIn('auditor');
    const page = await auditor.get('/revision/traehoveder');
    expect(page.statusCode).toBe(200);
    const { treeHeads } = await api(await t.token('auditor'), 'GET', '/audit/tree-heads');
    expect(treeHeads.length).toBeGreaterThan(0);
    const rows = [...page.body.matchAll(/<tr><td class="align-text-right">(\d+)<\/td><td><code class="break-word">([0-9a-f]{64})<\/code><\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><\/tr>/g)];
    expect(rows.map((r) => [Number(r[1]), r[2]])).toEqual([...treeHeads].reverse().map((h: { treeSize: number; rootHash: string }) => [h.treeSize, h.rootHash]));
    expect(rows.every((r) => r[4] === 'Gyldig')).toBe(true);
    expect(rows[0]![3]).toMatch(/^(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) \d{1,2}\. [a-zæø]+ kl\. \d{2}\.\d{2}$/);
    const english = await (await signedIn('auditor', undefined, 'en')).get('/revision/traehoveder');
    expect(english.body).toContain('<h1>Signed tree heads</h1>');
    expect(english.body).toContain('<td>Valid</td>');
  });

  it('answers a page number that is none with a 400 page, and one past the end with a 404', async () => {
    const auditor = await signedIn('auditor');
    for (const side of ['0', 'abc', '-1', '1.5']) expect((await auditor.get(`/revision/traehoveder?side=${side}`)).statusCode, side).toBe(400);
    expect((await auditor.get('/revision/traehoveder?side=9999')).statusCode).toBe(404);
  });
});

describe('an offer’s consent trail', () => {
  it('shows the trail as the API gives it: given, withdrawn, with times, method and pseudonym; no personal data', async () => {
    const auditor = await signedIn('auditor');
    const form = await auditor.get('/revision/samtykkespor');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<label class="form-label" for="offerId">Tilbuddets id</label>');
    const page = await auditor.get(`/revision/samtykkespor?offerId=${offerId}`);
    expect(page.statusCode).toBe(200);
    const steps = [...page.body.matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><td>(?:<code>)?([^<]+)(?:<\/code>)?<\/td><td class="align-text-right">(\d+)<\/td><\/tr>/g)];
    expect(steps.map((s) => s[2])).toEqual(['Tilbud givet', 'Samtykke givet (ja tak)', 'Deltagelse begyndt', 'Samtykke trukket tilbage', 'Deltagelse sluttet']);
    const { trail } = await api(await t.token('auditor'), 'GET', `/audit/offers/${offerId}/consent-trail`);
    expect(steps.map((s) => Number(s[6]))).toEqual(trail.map((s: { position: number }) => s.position));
    const pseudonym = t.auditKey.pseudonym(citizenId);
    expect(steps[1]![3]).toBe(`Borger ${pseudonym}`);
    expect(steps[1]![4]).toBe('selv, digitalt');
    expect(steps[1]![5]).toBe(trail[1].receiptId);
    expect(steps[0]![3]).toMatch(/^Medarbejder /);
    expect(steps[0]![1]).toMatch(/ kl\. \d{2}\.\d{2}$/);
    expect(page.body).not.toContain(citizenId);
    expect(page.body).not.toContain('Workshop om fremtiden');
    expect(page.body).not.toContain('Sofie');

    const declined = await (await signedIn('auditor', undefined, 'en')).get(`/revision/samtykkespor?offerId=${declinedOfferId}`);
    expect(declined.statusCode).toBe(200);
    expect(declined.body).toContain('<td>Offer declined (no thank you)</td>');
    expect(declined.body).toContain('<td>themselves, online</td>');
    expect(declined.body).not.toContain('Ikke lige nu');
  });

  it('answers an empty, too long or unknown offer id with the form, naming the field, and records nothing', async () => {
    const before = await t.eventCount();
    const auditor = await signedIn('auditor');
    const empty = await auditor.get('/revision/samtykkespor?offerId=+');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<a href="#offerId" class="function-link">Skriv tilbuddets id</a>');
    expect(empty.body).toContain('<title>Fejl: ');
    const long = await auditor.get(`/revision/samtykkespor?offerId=${'x'.repeat(101)}`);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('<a href="#offerId" class="function-link">Tilbuddets id er højst 100 tegn</a>');
    const twice = await auditor.get(`/revision/samtykkespor?offerId=a&offerId=b`);
    expect(twice.statusCode).toBe(400);
    const unknown = await auditor.get(`/revision/samtykkespor?offerId=${newId()}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('<a href="#offerId" class="function-link">Loggen har intet tilbud med det id.');
    const english = await (await signedIn('auditor', undefined, 'en')).get('/revision/samtykkespor?offerId=');
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('<a href="#offerId" class="function-link">Type the offer’s id</a>');
    expect(await t.eventCount()).toBe(before);
  });
});

describe('the export bundle', () => {
  it('downloads as one .tar.gz that unpacks to a bundle that verifies, holding the log up to its newest head', async () => {
    const auditor = await signedIn('auditor');
    const response = await auditor.get('/revision/eksportpakke');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/gzip');
    const name = /^attachment; filename="(virkelyst-revision-(\d+))\.tar\.gz"$/.exec(String(response.headers['content-disposition']));
    expect(name).not.toBeNull();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-web-bundle-'));
    try {
      execFileSync('tar', ['-xz', '-C', dir], { input: response.rawPayload });
      expect((await fs.readdir(path.join(dir, name![1]!))).sort()).toEqual(['README.md', 'events.jsonl', 'leaves.txt', 'public-key.pem', 'tree-heads.json']);
      const bundle = await readBundle(path.join(dir, name![1]!));
      const report = await verifyLog(bundle);
      expect(report.ok).toBe(true);
      expect(report.events).toBe(Number(name![2]));
      const { treeHeads } = await api(await t.token('auditor'), 'GET', '/audit/tree-heads');
      expect(bundle.heads.map((h) => [h.treeSize, h.rootHash, h.signature])).toEqual(
        treeHeads.filter((h: { treeSize: number }) => h.treeSize <= report.events).map((h: { treeSize: number; rootHash: string; signature: string }) => [h.treeSize, h.rootHash, h.signature]),
      );
      expect(bundle.publicKeyPem).toBe(t.auditKey.publicKeyPem);
      expect(await fs.readFile(path.join(dir, name![1]!, 'events.jsonl'), 'utf8')).not.toContain('Sofie');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the public key page', () => {
  it('shows the key as the API gives it, its fingerprint, and the steps to verify the log, in Danish and English', async () => {
    const published = (await t.app.inject({ method: 'GET', url: '/audit/public-key' })).json();
    const fingerprint = createHash('sha256').update(t.auditKey.publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
    expect(fingerprint.slice(0, 16)).toBe(published.keyId);
    const da = await new Browser().get('/revision/noegle');
    expect(da.body).toMatch(/<html lang="da">/);
    expect(da.body).toContain(`<code id="key-id">${published.keyId}</code>`);
    expect(da.body).toContain(`<code class="break-word" id="fingerprint">${fingerprint}</code>`);
    expect(da.body).toContain(published.publicKeyPem.trim().split('\n')[1]);
    expect(da.body).toContain('openssl pkey -pubin -in virkelyst-noegle.pem -outform DER');
    expect(da.body).toContain('virkelyst audit verify --bundle virkelyst-revision-N \\\n  --public-key virkelyst-noegle.pem --lang da');
    expect(da.body).toContain('Sådan kontrollerer du loggen selv, trin for trin');
    expect(da.body).toContain(CHECK_TEXTS[8]!.proves.da);
    const en = await new Browser({ 'accept-language': 'en' }).get('/revision/noegle');
    expect(en.body).toMatch(/<html lang="en">/);
    expect(en.body).toContain('How to verify the log yourself, step by step');
    expect(en.body).toContain('--lang en');
    const pem = await new Browser().get('/revision/noegle.pem');
    expect(pem.headers['content-disposition']).toBe('attachment; filename="virkelyst-noegle.pem"');
    expect(pem.body).toBe(published.publicKeyPem);
  });

  it('gives steps that, run as written, check the key, the downloaded bundle and a leaf', async () => {
    const page = (await new Browser().get('/revision/noegle')).body;
    const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|#96);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`' })[e]!);
    const steps = [...page.matchAll(/<li><p>[^<]*<\/p><pre class="mb-5" tabindex="0"><code>([^<]*)<\/code><\/pre>/g)].map((m) => unescape(m[1]!));
    expect(steps).toHaveLength(5);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-steps-'));
    try {
      const download = await (await signedIn('auditor')).get('/revision/eksportpakke');
      const n = /virkelyst-revision-(\d+)\.tar\.gz/.exec(String(download.headers['content-disposition']))![1]!;
      await fs.writeFile(path.join(dir, `virkelyst-revision-${n}.tar.gz`), download.rawPayload);
      await fs.writeFile(path.join(dir, 'virkelyst-noegle.pem'), (await new Browser().get('/revision/noegle.pem')).body);
      // `virkelyst` is the package's own command (bin/virkelyst.mjs).
      const cli = `node ${path.resolve(import.meta.dirname, '..', 'bin', 'virkelyst.mjs')}`;
      const run = (command: string, cwd = dir) =>
        execFileSync('bash', ['-c', command.replaceAll('virkelyst-revision-N', `virkelyst-revision-${n}`).replace(/^virkelyst /m, `${cli} `)], { cwd, env: { ...process.env, VIRKELYST_DATA_DIR: dir } }).toString();
      // 1: unpack (the operators' export is the CLI's own, tested elsewhere).
      run(steps[0]!.split('\n')[0]!);
      // 2: the fingerprint the page shows.
      const printed = run(steps[1]!).split(' ')[0];
      expect(page).toContain(`id="fingerprint">${printed}</code>`);
      // 3: the verification of the bundle against the published key: exit 0, no violations.
      expect(run(steps[2]!)).toContain('Resultat: ingen brud.');
      // 5: a leaf by hand, inside the bundle.
      const [mine, sealed] = run(steps[4]!, path.join(dir, `virkelyst-revision-${n}`)).trim().split('\n');
      expect(mine!.split(' ')[0]).toBe(sealed);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

// Last: it adds an event no application writes.
describe('a log with a violation', () => {
  it('reports the check failed, with its findings by position, event and pseudonym', async () => {
    const streamId = `journey-${citizenId}`;
    const { rows } = await sql<{ v: string }>`select coalesce(max(stream_version), 0) + 1 as v from events where stream_id = ${streamId}`.execute(t.database.db);
    const metadata = { actor: { id: 'intruder', role: 'staff' }, correlationId: newId(), causationId: newId(), commandId: newId(), occurredAt: new Date().toISOString() };
    const forged = newId();
    await sql`insert into events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
      values (${streamId}, ${Number(rows[0]!.v)}, ${forged}, 'ParticipationStarted', 1, ${JSON.stringify({ offerId: declinedOfferId })}::jsonb, ${JSON.stringify(metadata)}::jsonb)`.execute(t.database.db);
    await t.engine.settle();
    const auditor = await signedIn('auditor');
    const body = await reportOf(auditor, runOf(await auditor.post('/revision/kontrol', { _csrf: await auditor.csrf('/revision') })));
    expect(body).toContain('alert alert-error');
    expect(body).toMatch(/Brud fundet i \d+ af 13 kontroller\./);
    expect(body).toMatch(/<tr id="check-1">.*<strong>Ikke bestået<\/strong>: <a href="#findings-1">1 fund<\/a>/);
    expect(body).toContain(`<h3 id="findings-1">Kontrol 1: ${CHECK_TEXTS[1]!.name.da}</h3>`);
    expect(body).toContain(`<td><code>${forged}</code></td><td>${t.auditKey.pseudonym(citizenId)}</td><td lang="en">`);
    expect(body).toContain('Fundene står på engelsk, som verifikatoren skriver dem.');
    expect(body).not.toContain(citizenId);
  });
});
