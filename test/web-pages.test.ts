import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { DKFDS_PATH } from '../src/web/assets.js';
import { PAGE_CSP } from '../src/web/request.js';
import { createTestApp } from './support/app.js';
import { field, InjectBrowser } from './support/inject-browser.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let centreId: string;
const PLANTED = '<script>alert("x")</script> Nørrebro';

class Browser extends InjectBrowser {
  constructor(app: TestApp, headers: Record<string, string> = {}) {
    super(() => app.app, headers);
  }
}


async function signIn(browser: Browser, role: string, personId: string, centre = ''): Promise<LightMyRequestResponse> {
  const form = await browser.get('/log-ind');
  return browser.post('/log-ind', { _csrf: field(form.body, '_csrf') ?? '', role, personId, centreId: centre });
}

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.token('admin');
  const created = await t.app.inject({
    method: 'POST',
    url: '/centres',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'idempotency-key': newId() },
    payload: { municipalityCode: '101', name: PLANTED, openingHours: { monday: [{ opens: '09:00', closes: '15:00' }], thursday: [{ opens: '12:00', closes: '19:00' }] } },
  });
  expect(created.statusCode, created.body).toBe(201);
  centreId = created.json().centreId;
  await t.engine.settle();
});
afterAll(async () => {
  await t?.close();
});

describe('public pages', () => {
  it('render in Danish by default, with the data escaped and times the Danish way', async () => {
    const response = await new Browser(t).get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/<html lang="da">/);
    expect(response.body).not.toContain('<script>alert');
    expect(response.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Nørrebro');
    expect(response.body).toContain('København Kommune');
    expect(response.body).toContain('hver dag kl. 07.00–21.00');
    expect(response.body).toContain('<th scope="row">Mandag</th><td>09.00–15.00</td>');
    expect(response.body).toContain('<th scope="row">Tirsdag</th><td>Lukket</td>');
    expect(response.body).toMatch(/<a class="skipnav" href="#main-content">/);
    expect(response.body).toContain('<main id="main-content">');
    // No ISO strings or codes in the page.
    expect(response.body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(response.body).not.toContain('in_person');
  });

  it('carry the pages’ own Content-Security-Policy and are never cached', async () => {
    const response = await new Browser(t).get('/tilgaengelighed');
    expect(response.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-frame-options']).toBeDefined();
    // The API keeps its strict policy.
    const api = await t.app.inject({ method: 'GET', url: '/centres' });
    expect(api.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it('show one centre, and an HTML 404 for one that does not exist', async () => {
    const browser = new Browser(t);
    const page = await browser.get(`/centre/${centreId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>&lt;script&gt;');
    for (const url of [`/centre/${newId()}`, '/centre/not-a-uuid']) {
      const missing = await browser.get(url);
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^text\/html/);
      expect(missing.body).toContain('Siden findes ikke');
    }
  });

  it('answer an unknown web path with an HTML 404, and the API keeps problem+json', async () => {
    const page = await new Browser(t, { 'accept-language': 'en' }).get('/mine-sider/nothing-here');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(page.body).toMatch(/<html lang="en">/);
    expect(page.body).toContain('Page not found');
    const asked = await new Browser(t, { accept: 'text/html,application/xhtml+xml' }).get('/somewhere-else');
    expect(asked.headers['content-type']).toMatch(/^text\/html/);
    for (const url of ['/nowhere', '/centres/x/y/z']) {
      const api = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      if (url === '/nowhere') expect((await t.app.inject({ method: 'GET', url })).headers['content-type']).toMatch(/^application\/problem\+json/);
      else expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('switch language by the footer’s links, and come back only to a path of ours', async () => {
    const browser = new Browser(t);
    expect((await browser.get('/')).body).toContain('href="/sprog?til=en&amp;tilbage=%2F"');
    const switched = await browser.get('/sprog?til=en&tilbage=%2Ftilgaengelighed');
    expect(switched.statusCode).toBe(303);
    expect(switched.headers.location).toBe('/tilgaengelighed');
    expect(browser.cookies.get('lang')).toBe('en');
    const page = await browser.get('/tilgaengelighed');
    expect(page.body).toMatch(/<html lang="en">/);
    expect(page.body).toContain('<h1>Accessibility statement</h1>');
    expect((await browser.get('/sprog?til=da&tilbage=%2F%2Fevil.example')).headers.location).toBe('/');
    // A return path that cannot be a header (a control character, a letter outside ASCII) goes home, never a 500.
    for (const odd of ['/%01', '/%7F', '/%E2%82%AC', '/%C3%A6']) {
      const answer = await browser.get(`/sprog?til=da&tilbage=${odd}`);
      expect(answer.statusCode, odd).toBe(303);
      expect(answer.headers.location, odd).toBe('/');
    }
    expect((await browser.get('/')).body).toMatch(/<html lang="da">/);
  });

  it('follow Accept-Language when there is no cookie', async () => {
    const page = await new Browser(t, { 'accept-language': 'en-GB,en;q=0.9,da;q=0.5' }).get('/');
    expect(page.body).toMatch(/<html lang="en">/);
    expect(page.body).toContain('every day 07:00–21:00');
    expect(page.body).toContain('<th scope="row">Monday</th><td>09:00–15:00</td>');
  });

  it('serve DKFDS from a versioned path, cached as immutable, and nothing outside its css, js, fonts and img', async () => {
    const css = await t.app.inject({ method: 'GET', url: `${DKFDS_PATH}css/dkfds-borgerdk.min.css` });
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toMatch(/immutable/);
    expect(css.headers['cache-control']).toMatch(/max-age=31536000/);
    expect((await t.app.inject({ method: 'GET', url: `${DKFDS_PATH}img/all-svg-icons.svg` })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `${DKFDS_PATH}scss/dkfds.scss` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${DKFDS_PATH}../package.json` })).statusCode).toBe(404);
    const page = (await new Browser(t).get('/')).body;
    expect(page).toContain(`href="${DKFDS_PATH}css/dkfds-borgerdk.min.css"`);
    for (const src of [...page.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!)) {
      expect((await t.app.inject({ method: 'GET', url: src })).statusCode, src).toBe(200);
    }
  });

  it('leave the API’s bodies alone: a form body to the API is still a 415', async () => {
    const admin = await t.token('admin');
    const response = await t.app.inject({
      method: 'POST',
      url: '/centres',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'municipalityCode=101&name=X',
    });
    expect(response.statusCode).toBe(415);
  });
});

describe('sign-in, sessions and CSRF', () => {
  it('offers the local development sign-in, clearly marked, without an identity provider', async () => {
    const page = await new Browser(t).get('/log-ind');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lokalt udviklingslogin – kun til udvikling');
    expect(page.body).toMatch(/<input type="radio" id="role" name="role"/);
    expect(page.body).toContain('id="personId"');
    expect(page.body).toContain(`<option value="${centreId}">`);
  });

  it('refuses a POST without its CSRF token with a 403 page, recording nothing', async () => {
    const browser = new Browser(t);
    await browser.get('/log-ind');
    const before = await t.eventCount();
    const response = await browser.post('/log-ind', { role: 'citizen', personId: 'kim' });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('Formularen kunne ikke sendes');
    expect(browser.cookies.has('vl_session')).toBe(false);
    const forged = await browser.post('/log-ind', { _csrf: 'forged', role: 'citizen', personId: 'kim' });
    expect(forged.statusCode).toBe(403);
    // A token from another browser is not this browser's.
    const other = new Browser(t);
    const token = field((await other.get('/log-ind')).body, '_csrf') ?? '';
    expect((await browser.post('/log-ind', { _csrf: token, role: 'citizen', personId: 'kim' })).statusCode).toBe(403);
    expect(await t.eventCount()).toBe(before);
  });

  it('shows what is wrong in the error summary above the h1, keeping what was typed', async () => {
    const browser = new Browser(t);
    const form = await browser.get('/log-ind');
    const response = await browser.post('/log-ind', { _csrf: field(form.body, '_csrf') ?? '', role: 'staff', personId: 'has space <b>', centreId: '' });
    expect(response.statusCode).toBe(400);
    const summary = response.body.indexOf('class="alert alert-error"');
    expect(summary).toBeGreaterThan(0);
    expect(summary).toBeLessThan(response.body.indexOf('<h1>'));
    expect(response.body).toContain('href="#personId"');
    expect(response.body).toContain('href="#centreId"');
    expect(response.body).toContain('value="has space &lt;b&gt;"');
    expect(response.body).toMatch(/<input type="radio" id="role-2" name="role" class="form-radio" value="staff" checked>/);
    expect(response.body).toContain('<title>Fejl: ');
  });

  it('signs in, shows who is signed in, and signs out', async () => {
    const browser = new Browser(t);
    const signedIn = await signIn(browser, 'staff', 'counsellor-7', centreId);
    expect(signedIn.statusCode).toBe(303);
    const cookie = signedIn.headers['set-cookie'];
    const line = (Array.isArray(cookie) ? cookie : [String(cookie)]).find((c) => c.startsWith('vl_session='))!;
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(line).toMatch(/Path=\//);
    expect(line).not.toMatch(/Secure/);
    const home = await browser.get('/');
    expect(home.body).toContain('Logget ind som medarbejder counsellor-7');
    expect(home.body).toContain('id="sign-out"');
    const out = await browser.post('/log-ud', { _csrf: field(home.body, '_csrf') ?? '' });
    expect(out.statusCode).toBe(303);
    expect(browser.cookies.has('vl_session')).toBe(false);
    expect((await browser.get('/')).body).toContain('id="sign-in"');
  });

  it('answers the local sign-in only on this machine: from elsewhere it is a 403 page and signs nobody in', async () => {
    const away = { remoteAddress: '10.1.2.3' };
    const form = await t.app.inject({ method: 'GET', url: '/log-ind', ...away });
    expect(form.statusCode).toBe(403);
    expect(form.body).not.toContain('id="dev-sign-in"');
    // Even with a token from a form fetched on this machine.
    const here = new Browser(t);
    const token = field((await here.get('/log-ind')).body, '_csrf') ?? '';
    const cookie = [...here.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const posted = await t.app.inject({
      method: 'POST',
      url: '/log-ind',
      ...away,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, role: 'admin', personId: 'intruder' }).toString(),
    });
    expect(posted.statusCode).toBe(403);
    expect(String(posted.headers['set-cookie'] ?? '')).not.toContain('vl_session=');
  });

  it('does not take a request a proxy on this machine passed on for one from this machine', async () => {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host']) {
      const proxied = new Browser(t, { [header]: header === 'forwarded' ? 'for=203.0.113.9' : '203.0.113.9' });
      const form = await proxied.get('/log-ind');
      expect(form.statusCode, header).toBe(403);
      expect(form.body).not.toContain('id="dev-sign-in"');
    }
    // The same request without the proxy's header is this machine's own.
    expect((await new Browser(t).get('/log-ind')).statusCode).toBe(200);
  });

  it('ends the session a browser still has when someone signs in on it, so a copy of the earlier cookie is no session', async () => {
    const browser = new Browser(t);
    await signIn(browser, 'citizen', 'first-person');
    const earlier = browser.cookies.get('vl_session') ?? '';
    expect(earlier).not.toBe('');
    await signIn(browser, 'citizen', 'second-person');
    expect(browser.cookies.get('vl_session')).not.toBe(earlier);
    const copy = await t.app.inject({ method: 'GET', url: '/mine-sider', headers: { cookie: `vl_session=${earlier}` } });
    expect(copy.statusCode).toBe(303);
    expect(copy.headers.location).toBe('/log-ind');
    const now = await browser.get('/mine-sider');
    expect(now.statusCode).toBe(200);
    expect(now.body).toContain('second-person');
  });

  it('answers text that cannot be stored (a NUL) with a page in the reader’s language, not problem+json', async () => {
    const browser = new Browser(t);
    const token = field((await browser.get('/log-ind')).body, '_csrf') ?? '';
    const refused = await browser.post('/log-ind', { _csrf: token, role: 'citizen', personId: 'kim\u0000' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.body).toMatch(/<html lang="da">/);
    expect(browser.cookies.has('vl_session')).toBe(false);
  });

  it('a sign-out that shows no session clears nothing (another site cannot sign a person out)', async () => {
    const crossSite = await t.app.inject({ method: 'POST', url: '/log-ud', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(crossSite.statusCode).toBe(303);
    expect(crossSite.headers['set-cookie']).toBeUndefined();
  });

  it('treats a session cookie that was tampered with as signed out', async () => {
    const browser = new Browser(t);
    await signIn(browser, 'citizen', 'citizen-tamper');
    const real = browser.cookies.get('vl_session')!;
    const [payload = '', signature] = real.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.principal.role = 'admin';
    browser.cookies.set('vl_session', `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`);
    const page = await browser.get('/mine-sider');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/log-ind');
    expect(browser.cookies.has('vl_session')).toBe(false);
  });
});

describe('with an identity provider configured', () => {
  let oidc: TestApp;
  beforeAll(async () => {
    oidc = await createTestApp({ oidcIssuer: 'https://idp.example' });
  });
  afterAll(async () => {
    await oidc?.close();
  });

  it('never offers the local sign-in, and says the pages have no client at the provider', async () => {
    const browser = new Browser(oidc);
    const page = await browser.get('/log-ind');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('udviklingslogin');
    expect(page.body).not.toContain('name="role"');
    expect(page.body).toContain('OIDC_CLIENT_ID');
    const posted = await browser.post('/log-ind', { _csrf: field(page.body, '_csrf') ?? '', role: 'admin', personId: 'x' });
    expect(posted.statusCode).toBe(404);
    expect(browser.cookies.has('vl_session')).toBe(false);
  });
});

describe('the citizen’s first step', () => {
  it('starts a journey through a question page and "Tjek dine svar"; a double submit records once', async () => {
    const browser = new Browser(t);
    const citizenId = `citizen-${newId().slice(-8)}`;
    expect((await signIn(browser, 'citizen', citizenId)).headers.location).toBe('/mine-sider');
    const mine = await browser.get('/mine-sider');
    expect(mine.body).toContain('href="/mine-sider/start"');

    const question = await browser.get('/mine-sider/start');
    expect(question.body).toContain('class="back-link"');
    expect(question.body).toMatch(/<legend class="form-label" id="centreId-legend">/);
    const csrf = field(question.body, '_csrf') ?? '';
    const unanswered = await browser.post('/mine-sider/start', { _csrf: csrf });
    expect(unanswered.statusCode).toBe(400);
    expect(unanswered.body).toContain('<a href="#centreId" class="function-link">Vælg det center, du vil bruge</a>');

    const answered = await browser.post('/mine-sider/start', { _csrf: csrf, centreId });
    expect(answered.statusCode).toBe(303);
    const check = await browser.get(answered.headers.location as string);
    expect(check.body).toContain('<h1>Tjek dine svar</h1>');
    const key = field(check.body, 'idempotencyKey')!;
    expect(key).toMatch(/^[0-9a-f-]{36}$/);

    const before = await t.eventCount();
    const withoutToken = await browser.post('/mine-sider/start/tjek', { centreId, idempotencyKey: key });
    expect(withoutToken.statusCode).toBe(403);
    expect(await t.eventCount()).toBe(before);

    const submit = { _csrf: field(check.body, '_csrf') ?? '', centreId, idempotencyKey: key };
    const first = await browser.post('/mine-sider/start/tjek', submit);
    const second = await browser.post('/mine-sider/start/tjek', submit);
    expect(first.statusCode).toBe(303);
    expect(second.statusCode).toBe(303);
    expect(first.headers.location).toBe('/mine-sider?startet=1');
    expect(await t.eventCount()).toBe(before + 1);

    // A new form (a new key) for a second journey is refused, in Danish, above the h1.
    const again = await browser.get(answered.headers.location as string);
    const refused = await browser.post('/mine-sider/start/tjek', { _csrf: submit._csrf, centreId, idempotencyKey: field(again.body, 'idempotencyKey')! });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Du har allerede et forløb, der er i gang.');
    expect(refused.body.indexOf('alert-error')).toBeLessThan(refused.body.indexOf('<h1>'));
    expect(await t.eventCount()).toBe(before + 1);

    await t.engine.settle();
    const records = await browser.get('/mine-sider/optegnelser');
    expect(records.statusCode).toBe(200);
    expect(records.body).toContain('Du startede selv dit forløb.');
    expect(records.body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const download = await browser.get('/mine-sider/optegnelser.json');
    expect(download.headers['content-disposition']).toMatch(/^attachment/);
    expect(download.json()).toMatchObject({ citizenId, records: [{ type: 'JourneyStarted' }] });
  });

  it('is for citizens: others are told it is not theirs, and the signed out are sent to sign in', async () => {
    const staff = new Browser(t);
    await signIn(staff, 'staff', 'counsellor-8', centreId);
    expect((await staff.get('/mine-sider')).statusCode).toBe(403);
    expect((await new Browser(t).get('/mine-sider/start')).headers.location).toBe('/log-ind');
  });
});

describe('a goal in the citizen’s own words', () => {
  it('is kept sealed, shown to the citizen in their records, and a double submit records once; an empty one is refused above the h1', async () => {
    const browser = new Browser(t);
    const citizenId = `citizen-${newId().slice(-8)}`;
    await signIn(browser, 'citizen', citizenId);
    // Without a journey the decider refuses (there is none: a 404), in the citizen's words.
    const early = await browser.get('/mine-sider/maal');
    const refusedEarly = await browser.post('/mine-sider/maal', { _csrf: field(early.body, '_csrf') ?? '', idempotencyKey: field(early.body, 'idempotencyKey') ?? '', text: 'Et bageri' });
    expect(refusedEarly.statusCode).toBe(404);
    expect(refusedEarly.body).toContain('Du har ikke et forløb endnu');

    const check = await browser.get(`/mine-sider/start/tjek?centre=${centreId}`);
    await browser.post('/mine-sider/start/tjek', { _csrf: field(check.body, '_csrf') ?? '', centreId, idempotencyKey: field(check.body, 'idempotencyKey') ?? '' });
    await t.engine.settle();
    expect((await browser.get('/mine-sider')).body).toContain('href="/mine-sider/maal"');

    const form = await browser.get('/mine-sider/maal');
    expect(form.body).toContain('<textarea id="text" name="text"');
    expect(form.body).toContain('class="back-link"');
    const base = { _csrf: field(form.body, '_csrf') ?? '', idempotencyKey: field(form.body, 'idempotencyKey') ?? '' };
    const before = await t.eventCount();
    const empty = await browser.post('/mine-sider/maal', { ...base, text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body.indexOf('<a href="#text" class="function-link">Skriv dit mål</a>')).toBeLessThan(empty.body.indexOf('<h1>'));
    expect(await t.eventCount()).toBe(before);

    const words = 'Jeg drømmer om <et bageri> på Amager';
    const first = await browser.post('/mine-sider/maal', { ...base, text: words, category: 'own_business' });
    const again = await browser.post('/mine-sider/maal', { ...base, text: words, category: 'own_business' });
    expect(first.statusCode).toBe(303);
    expect(again.statusCode).toBe(303);
    expect(first.headers.location).toBe('/mine-sider?maal=1');
    expect(await t.eventCount()).toBe(before + 1);
    // Sealed in the log: the words are not there in the clear.
    const { rows } = await sql<{ data: string }>`select data::text as data from events where event_type = 'GoalStated' order by global_position desc limit 1`.execute(t.database.db);
    expect(rows[0]!.data).not.toContain('bageri');
    await t.engine.settle();
    const records = await browser.get('/mine-sider/optegnelser');
    expect(records.body).toContain('Mål: Jeg drømmer om &lt;et bageri&gt; på Amager');
    // A category that is not one of the list is no choice of theirs: a bad request, nothing recorded.
    const odd = await browser.get('/mine-sider/maal');
    expect((await browser.post('/mine-sider/maal', { _csrf: field(odd.body, '_csrf') ?? '', idempotencyKey: field(odd.body, 'idempotencyKey') ?? '', text: 'x', category: 'benefits' })).statusCode).toBe(400);
    expect(await t.eventCount()).toBe(before + 1);
  });
});

describe('closing one’s journey', () => {
  it('is asked once, plainly; afterwards a new journey can start, and closing again is refused in words', async () => {
    const browser = new Browser(t);
    await signIn(browser, 'citizen', `citizen-${newId().slice(-8)}`);
    const check = await browser.get(`/mine-sider/start/tjek?centre=${centreId}`);
    await browser.post('/mine-sider/start/tjek', { _csrf: field(check.body, '_csrf') ?? '', centreId, idempotencyKey: field(check.body, 'idempotencyKey') ?? '' });
    await t.engine.settle();
    expect((await browser.get('/mine-sider')).body).toContain('href="/mine-sider/afslut"');
    const ask = await browser.get('/mine-sider/afslut');
    expect(ask.body).toContain('<h1>Vil du afslutte dit forløb?</h1>');
    expect(ask.body).toContain('Du kan altid starte et nyt forløb');
    const before = await t.eventCount();
    const closed = await browser.post('/mine-sider/afslut', { _csrf: field(ask.body, '_csrf') ?? '', idempotencyKey: field(ask.body, 'idempotencyKey') ?? '' });
    expect(closed.statusCode).toBe(303);
    expect(closed.headers.location).toBe('/mine-sider?afsluttet=1');
    expect(await t.eventCount()).toBe(before + 1);
    await t.engine.settle();
    const mine = await browser.get('/mine-sider?afsluttet=1');
    expect(mine.body).toContain('Dit forløb er afsluttet.');
    expect(mine.body).toContain('href="/mine-sider/start"');
    const again = await browser.get('/mine-sider/afslut');
    const refused = await browser.post('/mine-sider/afslut', { _csrf: field(again.body, '_csrf') ?? '', idempotencyKey: field(again.body, 'idempotencyKey') ?? '' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Dit forløb er afsluttet. Du kan starte et nyt, når du vil.');
    expect(await t.eventCount()).toBe(before + 1);
  });
});

