/**
 * Signing in to the web through an OpenID Connect provider (the code flow with PKCE), against a
 * fake provider on 127.0.0.1 (test/support/browser-sign-in.ts), driven with `inject`: the whole
 * flow signs a person in; each way a callback can be wrong is refused with no session; signing
 * out ends the session on the server, so the old cookie is refused here and on another instance;
 * the cookies' names and attributes over http and https; the configuration of the web's client.
 * And three hardenings: the answer's `iss` (RFC 9207, against a mix-up of providers), the level
 * of assurance of those who act for the house (OIDC_STAFF_ACR), and the sessions' idle limit
 * (WEB_SESSION_IDLE_MINUTES).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { newId } from '../src/ids.js';
import { PostgresEndedSessions } from '../src/web/ended-sessions.js';
import { codeChallenge } from '../src/web/oidc.js';
import { PAGE_CSP } from '../src/web/request.js';
import { openSession, sealSession, type WebSession } from '../src/web/session.js';
import { createTestApp } from './support/app.js';
import { CookieJar, createOidcTestApp, type FakeProvider, fieldIn, type NextSignIn, pathAndQuery, startFakeProvider } from './support/browser-sign-in.js';

const CLIENT = { clientId: 'virkelyst-web', clientSecret: 'a secret: with+odd&chars' };
const REDIRECT = 'https://virkelyst.example/log-ind/callback';

type OidcApp = Awaited<ReturnType<typeof createOidcTestApp>>;

let provider: FakeProvider;
let t: OidcApp;

beforeAll(async () => {
  provider = await startFakeProvider(CLIENT);
  t = await createOidcTestApp({ provider, ...CLIENT, redirectUrl: REDIRECT });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

const citizen = (): NextSignIn => ({ user: { sub: `citizen-${newId()}`, role: 'citizen' } });

/** /log-ind/start: the provider's authorization URL the browser is sent to. */
async function start(jar: CookieJar): Promise<URL> {
  const started = await jar.get('/log-ind/start');
  expect(started.statusCode, started.body).toBe(303);
  return new URL(String(started.headers.location));
}

/** The provider's answer to the authorization request: where it sends the browser back. */
async function atProvider(authorize: URL): Promise<URL> {
  const answer = await fetch(authorize, { redirect: 'manual' });
  expect(answer.status).toBe(302);
  return new URL(String(answer.headers.get('location')));
}

/** The whole flow as a browser goes through it; returns the callback's answer and the callback itself. */
async function signIn(jar: CookieJar, next: NextSignIn) {
  provider.next(next);
  const callback = await atProvider(await start(jar));
  return { answer: await jar.get(pathAndQuery(callback.toString())), callback };
}

/** Nobody is signed in in this jar: no session cookie, and a citizen's page sends it to sign in. */
async function expectSignedOut(jar: CookieJar) {
  expect([...jar.cookies.keys()].filter((name) => name.endsWith('vl_session'))).toEqual([]);
  const mine = await jar.get('/mine-sider');
  expect(mine.statusCode).toBe(303);
  expect(mine.headers.location).toBe('/log-ind');
}

describe('the sign-in page with an identity provider', () => {
  it('sends the reader on to the provider and never offers the local sign-in, in Danish and English', async () => {
    const da = await new CookieJar(t.app).get('/log-ind');
    expect(da.statusCode).toBe(200);
    expect(da.body).toMatch(/<html lang="da">/);
    expect(da.body).toContain('href="/log-ind/start"');
    expect(da.body).toContain('Fortsæt til login');
    expect(da.body).not.toContain('udviklingslogin');
    expect(da.body).not.toContain('name="role"');
    const en = await new CookieJar(t.app, { 'accept-language': 'en' }).get('/log-ind');
    expect(en.body).toMatch(/<html lang="en">/);
    expect(en.body).toContain('Continue to sign in');
    // The local sign-in's POST is not there at all.
    const jar = new CookieJar(t.app);
    const page = await jar.get('/log-ind');
    const posted = await jar.post('/log-ind', { _csrf: fieldIn(page.body, '_csrf') ?? '', role: 'admin', personId: 'intruder' });
    expect(posted.statusCode).toBe(404);
    await expectSignedOut(jar);
  });

  it('lets the pages’ forms lead to the provider (sign-out ends there), and nowhere else', async () => {
    const page = await new CookieJar(t.app).get('/');
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP.replace("form-action 'self'", `form-action 'self' ${provider.url}`));
  });

  it('says so when there is an issuer for the API but no client for the pages, and offers no local sign-in', async () => {
    const apiOnly = await createTestApp({ oidcIssuer: provider.url });
    try {
      const page = await new CookieJar(apiOnly.app).get('/log-ind');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('OIDC_CLIENT_ID');
      expect(page.body).not.toContain('name="role"');
      expect(page.body).not.toContain('/log-ind/start');
      expect((await new CookieJar(apiOnly.app).get('/log-ind/callback?code=x&state=y')).statusCode).toBe(404);
    } finally {
      await apiOnly.close();
    }
  });
});

describe('the code flow', () => {
  it('signs a citizen in: state, nonce and an S256 challenge to the provider, the code exchanged with the verifier and the client’s secret', async () => {
    const jar = new CookieJar(t.app);
    const next = citizen();
    provider.next(next);
    const authorize = await start(jar);
    expect(authorize.origin + authorize.pathname).toBe(`${provider.url}/authorize`);
    const q = authorize.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(CLIENT.clientId);
    expect(q.get('redirect_uri')).toBe(REDIRECT);
    expect(q.get('scope')).toBe('openid');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('nonce')).not.toBe(q.get('state'));
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('ui_locales')).toBe('da');
    // The flow's cookie: short-lived, HttpOnly, SameSite=Lax; over http its plain name.
    const flowLine = jar.lineFor('vl_oidc');
    expect(flowLine).toMatch(/^vl_oidc=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; Max-Age=600; Path=\/; HttpOnly; SameSite=Lax$/);

    const callback = await atProvider(authorize);
    expect(callback.pathname).toBe('/log-ind/callback');
    const answer = await jar.get(pathAndQuery(callback.toString()));
    expect(answer.statusCode, answer.body).toBe(303);
    expect(answer.headers.location).toBe('/mine-sider');
    expect(provider.calls.token.at(-1)).toEqual({ status: 200, clientAuth: 'client_secret_basic' });
    const session = jar.lineFor('vl_session');
    expect(session).toMatch(/^vl_session=[^;]+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(session).not.toMatch(/Domain/i);
    expect(jar.cookies.has('vl_oidc')).toBe(false);

    const mine = await jar.get('/mine-sider');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(`Logget ind som borger ${next.user.sub}`);
  });

  it('signs a staff member in with their centre, as the API maps the same claims', async () => {
    const jar = new CookieJar(t.app);
    const centre = newId();
    const { answer } = await signIn(jar, { user: { sub: `staff-${newId()}`, role: 'staff', centre } });
    expect(answer.statusCode, answer.body).toBe(303);
    expect(answer.headers.location).toBe('/medarbejder');
    expect((await jar.get('/')).body).toContain('Logget ind som medarbejder staff-');
  });

  it('refuses an answer whose state is not this browser’s flow, with no session', async () => {
    const jar = new CookieJar(t.app);
    provider.next(citizen());
    const callback = await atProvider(await start(jar));
    callback.searchParams.set('state', 'A'.repeat(43));
    const tokenCalls = provider.calls.token.length;
    const answer = await jar.get(pathAndQuery(callback.toString()));
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain('hørte ikke til det login');
    expect(answer.body).toContain('<title>Du er ikke logget ind – Virkelyst</title>');
    // The code was never sent to the token endpoint.
    expect(provider.calls.token.length).toBe(tokenCalls);
    expect(jar.cookies.has('vl_oidc')).toBe(false);
    await expectSignedOut(jar);
  });

  it('refuses a callback with no flow in the browser (none started, or already used)', async () => {
    const jar = new CookieJar(t.app);
    const answer = await jar.get('/log-ind/callback?code=abc&state=def');
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain('Det tog for lang tid at logge ind');
    await expectSignedOut(jar);
  });

  it('refuses a replayed code: the same answer again, even with the flow’s cookie copied, signs nobody in', async () => {
    const jar = new CookieJar(t.app);
    provider.next(citizen());
    const callback = await atProvider(await start(jar));
    const flowCookie = jar.cookies.get('vl_oidc')!;
    const first = await jar.get(pathAndQuery(callback.toString()));
    expect(first.statusCode).toBe(303);

    // In this browser the flow is over.
    const again = await jar.get(pathAndQuery(callback.toString()));
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Det tog for lang tid at logge ind');

    // In another, with the flow's cookie copied: the provider refuses the used code.
    const thief = new CookieJar(t.app);
    thief.cookies.set('vl_oidc', flowCookie);
    const replayed = await thief.get(pathAndQuery(callback.toString()));
    expect(replayed.statusCode).toBe(400);
    expect(replayed.body).toContain('kunne ikke godkendes');
    expect(provider.calls.token.at(-1)).toMatchObject({ status: 400, error: 'invalid_grant' });
    await expectSignedOut(thief);
  });

  it('refuses a code issued for another flow (its PKCE verifier is not this browser’s)', async () => {
    const attacker = new CookieJar(t.app);
    const own = await start(attacker);
    // A code the provider issued for someone else's flow, with their challenge.
    const stolen = await provider.codeFor(citizen(), REDIRECT, codeChallenge('someone-elses-verifier-'.padEnd(43, 'x')));
    const answer = await attacker.get(`/log-ind/callback?code=${encodeURIComponent(stolen)}&state=${encodeURIComponent(own.searchParams.get('state')!)}`);
    expect(answer.statusCode).toBe(400);
    expect(provider.calls.token.at(-1)).toMatchObject({ status: 400, error: 'invalid_grant' });
    await expectSignedOut(attacker);
  });

  const badTokens: [string, Partial<NextSignIn>][] = [
    ['a wrong nonce', { nonce: 'N'.repeat(43) }],
    ['a token for another audience', { audience: 'another-client' }],
    ['a token for several audiences, not authorised for us', { audience: [CLIENT.clientId, 'another-client'], azp: 'another-client' }],
    ['an expired ID token', { expiresIn: -120 }],
    ['a token signed with a key not in the issuer’s JWKS', { foreignKey: true }],
  ];
  for (const [what, wrong] of badTokens) {
    it(`refuses ${what}, with no session`, async () => {
      const jar = new CookieJar(t.app);
      const { answer } = await signIn(jar, { ...citizen(), ...wrong });
      expect(answer.statusCode, answer.body).toBe(400);
      expect(answer.body).toContain('Svaret fra identitetsudbyderen kunne ikke godkendes');
      // The provider did hand out a token: it was ours that refused it.
      expect(provider.calls.token.at(-1)).toMatchObject({ status: 200 });
      await expectSignedOut(jar);
    });
  }

  it('accepts a token for several audiences when it is authorised for us (azp)', async () => {
    const jar = new CookieJar(t.app);
    const { answer } = await signIn(jar, { ...citizen(), audience: [CLIENT.clientId, 'another-client'], azp: CLIENT.clientId });
    expect(answer.statusCode).toBe(303);
  });

  const badClaims: [string, NextSignIn['user']][] = [
    ['no role', { sub: `p-${newId()}` }],
    ['a role Virkelyst does not know', { sub: `p-${newId()}`, role: 'caseworker' }],
    ['a staff member without a centre', { sub: `p-${newId()}`, role: 'staff' }],
    ['a centre that is not an id', { sub: `p-${newId()}`, role: 'board_member', centre: 'Nørrebro' }],
    ['a subject the web cannot keep', { sub: 'has spaces <b>', role: 'citizen' }],
  ];
  for (const [what, user] of badClaims) {
    it(`refuses a good token with ${what}: a clear page, no session`, async () => {
      const jar = new CookieJar(t.app);
      const { answer } = await signIn(jar, { user });
      expect(answer.statusCode, answer.body).toBe(403);
      expect(answer.body).toContain('<h1>Du kan ikke logge ind her</h1>');
      expect(answer.body).toContain('har ikke oplyst en rolle, Virkelyst kender');
      await expectSignedOut(jar);
    });
  }

  it('never logs who tried: the refusal is logged by its reason only', async () => {
    const secretSub = `person-${newId()}`;
    await signIn(new CookieJar(t.app), { user: { sub: secretSub, role: 'caseworker' } });
    const logged = t.logLines.join('\n');
    expect(logged).toContain('"refused":"claims"');
    expect(logged).not.toContain(secretSub);
  });

  it('says plainly, in the reader’s language, when the provider answers access_denied', async () => {
    const da = new CookieJar(t.app);
    const { answer } = await signIn(da, { ...citizen(), error: 'access_denied' });
    expect(answer.statusCode).toBe(403);
    expect(answer.body).toMatch(/<html lang="da">/);
    expect(answer.body).toContain('Du afbrød, eller identitetsudbyderen afviste, at du loggede ind');
    expect(answer.body).toContain('href="/log-ind"');
    // Its language switch comes back to the sign-in page, not to the used callback.
    expect(answer.body).toContain('href="/sprog?til=en&amp;tilbage=%2Flog-ind"');
    await expectSignedOut(da);
    const en = new CookieJar(t.app, { 'accept-language': 'en' });
    const english = (await signIn(en, { ...citizen(), error: 'access_denied' })).answer;
    expect(english.body).toMatch(/<html lang="en">/);
    expect(english.body).toContain('Signing in was cancelled or turned down at the identity provider');
    // Another error from the provider: its own page, nothing of the provider's text echoed.
    const other = await signIn(new CookieJar(t.app), { ...citizen(), error: 'server_error' });
    expect(other.answer.statusCode).toBe(502);
    expect(other.answer.body).toContain('Identitetsudbyderen kunne ikke logge dig ind');
  });
});

describe('signing out', () => {
  it('ends the session on the server: the old cookie is refused afterwards, here and on another instance, and the provider is told', async () => {
    const jar = new CookieJar(t.app);
    const { answer } = await signIn(jar, citizen());
    expect(answer.statusCode).toBe(303);
    const oldCookie = jar.cookies.get('vl_session')!;
    // Another instance on the same database, that believes a session it found live for 300 ms.
    const other = await createOidcTestApp({
      provider,
      ...CLIENT,
      redirectUrl: REDIRECT,
      database: t.database,
      sessionKey: t.sessionKey,
      endedSessions: new PostgresEndedSessions(t.database.db, { liveForMs: 300 }),
    });
    try {
      const copy = new CookieJar(other.app);
      copy.cookies.set('vl_session', oldCookie);
      // Before: the other instance takes the cookie (the same key), so a refusal later is the list's doing.
      expect((await copy.get('/mine-sider')).statusCode).toBe(200);

      const home = await jar.get('/mine-sider');
      const out = await jar.post('/log-ud', { _csrf: fieldIn(home.body, '_csrf') ?? '' });
      expect(out.statusCode).toBe(303);
      const endSession = new URL(String(out.headers.location));
      expect(endSession.origin + endSession.pathname).toBe(`${provider.url}/end-session`);
      expect(endSession.searchParams.get('client_id')).toBe(CLIENT.clientId);
      expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe('https://virkelyst.example/');
      expect(endSession.searchParams.has('id_token_hint')).toBe(false);
      expect(jar.cookies.has('vl_session')).toBe(false);

      // Here, at once.
      const replay = new CookieJar(t.app);
      replay.cookies.set('vl_session', oldCookie);
      const refused = await replay.get('/mine-sider');
      expect(refused.statusCode).toBe(303);
      expect(refused.headers.location).toBe('/log-ind');
      expect(replay.cookies.has('vl_session')).toBe(false);

      // There, once its belief in the session has run out.
      await new Promise((r) => setTimeout(r, 350));
      const copied = new CookieJar(other.app);
      copied.cookies.set('vl_session', oldCookie);
      expect((await copied.get('/mine-sider')).headers.location).toBe('/log-ind');

      const { rows } = await sql<{ until: Date }>`select until from web_sessions_ended where session_id = ${sessionIdOf(oldCookie)}`.execute(t.database.db);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.until.getTime()).toBe(expiresAtOf(oldCookie));
    } finally {
      await other.close();
    }
  });

  it('with the client_secret_post method and a provider without an end-session endpoint: signs in, and signing out goes home', async () => {
    const postProvider = await startFakeProvider({ ...CLIENT, clientAuth: 'client_secret_post', endSession: false });
    const posting = await createOidcTestApp({ provider: postProvider, ...CLIENT, clientAuth: 'client_secret_post', redirectUrl: REDIRECT });
    const basic = await createOidcTestApp({ provider: postProvider, ...CLIENT, clientAuth: 'client_secret_basic', redirectUrl: REDIRECT });
    try {
      const jar = new CookieJar(posting.app);
      postProvider.next(citizen());
      const started = await jar.get('/log-ind/start');
      const callback = await fetch(String(started.headers.location), { redirect: 'manual' });
      const answer = await jar.get(pathAndQuery(String(callback.headers.get('location'))));
      expect(answer.statusCode, answer.body).toBe(303);
      expect(postProvider.calls.token.at(-1)).toEqual({ status: 200, clientAuth: 'client_secret_post' });
      const home = await jar.get('/mine-sider');
      const out = await jar.post('/log-ud', { _csrf: fieldIn(home.body, '_csrf') ?? '' });
      expect(out.headers.location).toBe('/');
      expect(postProvider.calls.endSession).toHaveLength(0);
      await expectSignedOut(jar);

      // A client that authenticates the other way is refused by the provider: no session.
      const wrong = new CookieJar(basic.app);
      postProvider.next(citizen());
      const begun = await wrong.get('/log-ind/start');
      const back = await fetch(String(begun.headers.location), { redirect: 'manual' });
      const refused = await wrong.get(pathAndQuery(String(back.headers.get('location'))));
      expect(refused.statusCode).toBe(400);
      expect(postProvider.calls.token.at(-1)).toMatchObject({ status: 401, error: 'invalid_client' });
      await expectSignedOut(wrong);
    } finally {
      await basic.close();
      await posting.close();
      await postProvider.close();
    }
  });
});

describe('a provider that cannot be used', () => {
  it('answers a provider that cannot be reached, or whose discovery names another issuer, with a page, not a redirect', async () => {
    const impostor = await startFakeProvider({ ...CLIENT, claimedIssuer: 'https://idp.example' });
    const down = await startFakeProvider(CLIENT);
    const apps = [await createOidcTestApp({ provider: impostor, ...CLIENT }), await createOidcTestApp({ provider: down, ...CLIENT })];
    await down.close();
    try {
      for (const app of apps) {
        const jar = new CookieJar(app.app);
        const answer = await jar.get('/log-ind/start');
        expect(answer.statusCode).toBe(503);
        expect(answer.headers.location).toBeUndefined();
        expect(answer.body).toContain('Identitetsudbyderen kan ikke nås lige nu');
        expect(jar.cookies.has('vl_oidc')).toBe(false);
      }
    } finally {
      for (const app of apps) await app.close();
      await impostor.close();
    }
  });
});

describe('cookies over https', () => {
  it('are Secure and __Host- prefixed, and a plain-named copy is not read', async () => {
    const https = await createOidcTestApp({ provider, ...CLIENT, redirectUrl: REDIRECT, trustProxy: '127.0.0.1' });
    try {
      const jar = new CookieJar(https.app, { 'x-forwarded-proto': 'https' });
      provider.next(citizen());
      const started = await jar.get('/log-ind/start');
      expect(jar.lineFor('__Host-vl_oidc')).toMatch(/^__Host-vl_oidc=[^;]+; Max-Age=600; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
      expect(jar.lineFor('__Host-vl_pre')).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
      expect(jar.cookies.has('vl_oidc')).toBe(false);
      const callback = await fetch(String(started.headers.location), { redirect: 'manual' });
      const answer = await jar.get(pathAndQuery(String(callback.headers.get('location'))));
      expect(answer.statusCode, answer.body).toBe(303);
      const session = jar.lineFor('__Host-vl_session');
      expect(session).toMatch(/^__Host-vl_session=[^;]+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
      expect(session).not.toMatch(/Domain/i);
      expect((await jar.get('/mine-sider')).statusCode).toBe(200);

      // The same sealed value under the plain name (as a sibling host could plant it) is no session over https.
      const planted = new CookieJar(https.app, { 'x-forwarded-proto': 'https' });
      planted.cookies.set('vl_session', jar.cookies.get('__Host-vl_session')!);
      expect((await planted.get('/mine-sider')).headers.location).toBe('/log-ind');
    } finally {
      await https.close();
    }
  });
});

describe('the ended-sessions list', () => {
  it('when it cannot be asked, a page is the unavailable page, shown signed out, never a session that may have ended', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const unreachable = await createOidcTestApp({
      provider,
      ...CLIENT,
      redirectUrl: REDIRECT,
      endedSessions: { end: () => Promise.reject(down), isEnded: () => Promise.reject(down), purge: () => Promise.reject(down) },
    });
    try {
      const jar = new CookieJar(unreachable.app);
      provider.next(citizen());
      const started = await jar.get('/log-ind/start');
      const back = await fetch(String(started.headers.location), { redirect: 'manual' });
      expect((await jar.get(pathAndQuery(String(back.headers.get('location'))))).statusCode).toBe(303);
      const page = await jar.get('/mine-sider');
      expect(page.statusCode).toBe(503);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('Tjenesten er ikke tilgængelig lige nu');
      expect(page.body).toContain('id="sign-in"');
      expect(page.body).not.toContain('Logget ind som');
    } finally {
      await unreachable.close();
    }
  });

  it('is asked once per few seconds for a live session, remembers an ended one, and purges expired rows', async () => {
    const now = Date.now();
    const here = new PostgresEndedSessions(t.database.db, { liveForMs: 5_000 });
    const there = new PostgresEndedSessions(t.database.db);
    const id = newId();
    expect(await here.isEnded(id, now)).toBe(false);
    await there.end(id, now + 60_000, now);
    // Believed live for a few seconds here, then asked again.
    expect(await here.isEnded(id, now + 1_000)).toBe(false);
    expect(await here.isEnded(id, now + 5_000)).toBe(true);
    expect(await there.isEnded(id, now)).toBe(true);

    const expired = newId();
    await there.end(expired, now - 1, now);
    expect(await there.purge(now)).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ session_id: string }>`select session_id from web_sessions_ended where session_id in (${id}, ${expired})`.execute(t.database.db);
    expect(rows.map((r) => r.session_id)).toEqual([id]);
  });
});

describe('configuration of the web’s client', () => {
  const base = { OIDC_ISSUER: 'https://idp.example', OIDC_AUDIENCE: 'virkelyst-api' };
  const client = { ...base, OIDC_CLIENT_ID: 'virkelyst-web', OIDC_CLIENT_SECRET: 's3cret-value', OIDC_REDIRECT_URL: 'https://virkelyst.example/log-ind/callback' };

  it('reads a whole client, with client_secret_basic and the openid scope by default', () => {
    const config = loadConfig(client);
    expect(config).toMatchObject({ OIDC_CLIENT_ID: 'virkelyst-web', OIDC_CLIENT_AUTH: 'client_secret_basic', OIDC_SCOPE: 'openid' });
    expect(loadConfig({ ...client, OIDC_CLIENT_AUTH: 'client_secret_post', OIDC_SCOPE: 'openid mitid' })).toMatchObject({ OIDC_CLIENT_AUTH: 'client_secret_post' });
    expect(loadConfig({ ...client, OIDC_REDIRECT_URL: 'http://127.0.0.1:3000/log-ind/callback' }).OIDC_REDIRECT_URL).toBe('http://127.0.0.1:3000/log-ind/callback');
    expect(loadConfig(base).OIDC_CLIENT_ID).toBeUndefined();
  });

  it('reads the staff’s assurance levels and the sessions’ idle limit (30 minutes by default)', () => {
    const levels = 'https://data.gov.dk/concept/core/nsis/loa/Substantial https://data.gov.dk/concept/core/nsis/loa/High';
    expect(loadConfig({ ...client, OIDC_STAFF_ACR: levels }).OIDC_STAFF_ACR).toBe(levels);
    expect(loadConfig(client).OIDC_STAFF_ACR).toBeUndefined();
    expect(loadConfig({}).WEB_SESSION_IDLE_MINUTES).toBe(30);
    expect(loadConfig({ WEB_SESSION_IDLE_MINUTES: '15' }).WEB_SESSION_IDLE_MINUTES).toBe(15);
  });

  it('names the first bad variable, and never echoes the secret', () => {
    const cases: [Record<string, string>, string][] = [
      [{ OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 's3cret-value', OIDC_REDIRECT_URL: client.OIDC_REDIRECT_URL }, 'OIDC_CLIENT_ID'],
      [{ ...base, OIDC_CLIENT_ID: 'x', OIDC_REDIRECT_URL: client.OIDC_REDIRECT_URL }, 'OIDC_CLIENT_SECRET'],
      [{ ...base, OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 's3cret-value' }, 'OIDC_REDIRECT_URL'],
      [{ ...base, OIDC_CLIENT_SECRET: 's3cret-value' }, 'OIDC_CLIENT_ID'],
      [{ ...client, OIDC_REDIRECT_URL: 'https://virkelyst.example/callback' }, 'OIDC_REDIRECT_URL'],
      [{ ...client, OIDC_REDIRECT_URL: 'http://virkelyst.example/log-ind/callback' }, 'OIDC_REDIRECT_URL'],
      [{ ...client, OIDC_REDIRECT_URL: 'https://virkelyst.example/log-ind/callback?next=/' }, 'OIDC_REDIRECT_URL'],
      [{ ...client, OIDC_CLIENT_AUTH: 'private_key_jwt' }, 'OIDC_CLIENT_AUTH'],
      [{ ...client, OIDC_SCOPE: 'profile' }, 'OIDC_SCOPE'],
      [{ ...base, OIDC_STAFF_ACR: 'https://data.gov.dk/concept/core/nsis/loa/High' }, 'OIDC_STAFF_ACR'],
      [{ ...client, OIDC_STAFF_ACR: '   ' }, 'OIDC_STAFF_ACR'],
      [{ ...client, OIDC_STAFF_ACR: 'høj' }, 'OIDC_STAFF_ACR'],
      [{ WEB_SESSION_IDLE_MINUTES: '0' }, 'WEB_SESSION_IDLE_MINUTES'],
      [{ WEB_SESSION_IDLE_MINUTES: '481' }, 'WEB_SESSION_IDLE_MINUTES'],
      [{ WEB_SESSION_IDLE_MINUTES: 'half an hour' }, 'WEB_SESSION_IDLE_MINUTES'],
      [{ WEB_SESSION_IDLE_MINUTES: '2.5' }, 'WEB_SESSION_IDLE_MINUTES'],
    ];
    for (const [env, variable] of cases) {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error, variable).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable, JSON.stringify(env)).toBe(variable);
      expect((error as Error).message).not.toContain('s3cret-value');
    }
  });
});

describe('the answer’s issuer (RFC 9207: no mix-up of providers)', () => {
  let sending: FakeProvider;
  let s: OidcApp;
  beforeAll(async () => {
    sending = await startFakeProvider({ ...CLIENT, issParameter: true });
    s = await createOidcTestApp({ provider: sending, ...CLIENT, redirectUrl: REDIRECT, database: t.database });
  });
  afterAll(async () => {
    await s?.close();
    await sending?.close();
  });

  /** The whole flow at the provider that sends `iss`. */
  async function signInThere(jar: CookieJar, next: NextSignIn) {
    sending.next(next);
    const started = await jar.get('/log-ind/start');
    const answer = await fetch(String(started.headers.location), { redirect: 'manual' });
    const callback = new URL(String(answer.headers.get('location')));
    return { answer: await jar.get(pathAndQuery(callback.toString())), callback };
  }

  it('signs in when the answer carries the issuer’s own iss, from an issuer that says it always does', async () => {
    const jar = new CookieJar(s.app);
    const { answer, callback } = await signInThere(jar, citizen());
    expect(callback.searchParams.get('iss')).toBe(sending.url);
    expect(answer.statusCode, answer.body).toBe(303);
    expect((await jar.get('/mine-sider')).statusCode).toBe(200);
  });

  const mixUps: [string, Partial<NextSignIn>][] = [
    ['another issuer’s iss', { iss: 'https://attacker.example' }],
    ['no iss, though discovery says it is always there', { iss: null }],
  ];
  for (const [what, wrong] of mixUps) {
    it(`refuses an answer with ${what}, before the code is exchanged, with no session`, async () => {
      const jar = new CookieJar(s.app);
      const tokenCalls = sending.calls.token.length;
      const { answer, callback } = await signInThere(jar, { ...citizen(), ...wrong });
      expect(callback.searchParams.get('code')).toBeTruthy();
      expect(answer.statusCode).toBe(400);
      expect(answer.body).toContain('<title>Du er ikke logget ind – Virkelyst</title>');
      expect(answer.body).toContain('Svaret kom ikke fra den identitetsudbyder, login blev startet hos');
      expect(answer.body).toContain('href="/log-ind"');
      expect(sending.calls.token.length).toBe(tokenCalls);
      expect(jar.cookies.has('vl_oidc')).toBe(false);
      await expectSignedOut(jar);
      expect(s.logLines.join('\n')).toContain('"refused":"issuer"');
      expect(s.logLines.join('\n')).not.toContain('attacker.example');
    });
  }

  it('refuses an error answer from another issuer as a mix-up, not as the person’s cancellation; in English too', async () => {
    const jar = new CookieJar(s.app, { 'accept-language': 'en' });
    const { answer } = await signInThere(jar, { ...citizen(), error: 'access_denied', iss: 'https://attacker.example' });
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toMatch(/<html lang="en">/);
    expect(answer.body).toContain('The answer did not come from the identity provider the sign-in was started at');
    expect(answer.body).not.toContain('cancelled');
  });

  it('from an issuer that does not say it sends iss: takes an answer without one or with its own, refuses another’s', async () => {
    expect(provider.calls.discovery).toBeGreaterThan(0);
    const without = new CookieJar(t.app);
    const plain = await signIn(without, citizen());
    expect(plain.callback.searchParams.has('iss')).toBe(false);
    expect(plain.answer.statusCode).toBe(303);
    expect((await signIn(new CookieJar(t.app), { ...citizen(), iss: provider.url })).answer.statusCode).toBe(303);
    const tokenCalls = provider.calls.token.length;
    const jar = new CookieJar(t.app);
    const mixed = await signIn(jar, { ...citizen(), iss: sending.url });
    expect(mixed.answer.statusCode).toBe(400);
    expect(mixed.answer.body).toContain('Svaret kom ikke fra den identitetsudbyder');
    expect(provider.calls.token.length).toBe(tokenCalls);
    await expectSignedOut(jar);
  });
});

describe('the level of assurance of those who act for the house (OIDC_STAFF_ACR)', () => {
  const SUBSTANTIAL = 'https://data.gov.dk/concept/core/nsis/loa/Substantial';
  const HIGH = 'https://data.gov.dk/concept/core/nsis/loa/High';
  const LOW = 'https://data.gov.dk/concept/core/nsis/loa/Low';
  let held: OidcApp;
  beforeAll(async () => {
    held = await createOidcTestApp({ provider, ...CLIENT, redirectUrl: REDIRECT, database: t.database, staffAcr: [SUBSTANTIAL, HIGH] });
  });
  afterAll(async () => {
    await held?.close();
  });
  const staff = (acr?: string): NextSignIn => ({ user: { sub: `staff-${newId()}`, role: 'staff', centre: newId() }, ...(acr ? { acr } : {}) });

  it('asks no level of anyone who signs in (the role is known only afterwards), so a citizen without an acr is signed in', async () => {
    const jar = new CookieJar(held.app);
    const { answer } = await signIn(jar, citizen());
    expect(provider.calls.authorize.at(-1)?.searchParams.has('acr_values')).toBe(false);
    expect(answer.statusCode, answer.body).toBe(303);
    expect(answer.headers.location).toBe('/mine-sider');
    // A citizen at a low level too.
    expect((await signIn(new CookieJar(held.app), { ...citizen(), acr: LOW })).answer.statusCode).toBe(303);
  });

  const refused: [string, NextSignIn][] = [
    ['a staff member without an acr', staff()],
    ['a staff member at a level not accepted', staff(LOW)],
    ['a board member at a level not accepted', { user: { sub: `board-${newId()}`, role: 'board_member', centre: newId() }, acr: 'urn:some:other:level' }],
    ['an auditor without an acr', { user: { sub: `auditor-${newId()}`, role: 'auditor' } }],
  ];
  for (const [who, next] of refused) {
    it(`refuses ${who}: a page that says what to do, no session`, async () => {
      const jar = new CookieJar(held.app);
      const { answer } = await signIn(jar, next);
      expect(answer.statusCode, answer.body).toBe(403);
      expect(answer.body).toContain('<h1>Log ind på et højere sikringsniveau</h1>');
      expect(answer.body).toContain('logger ind på sikringsniveau Betydelig eller Høj');
      expect(answer.body).toContain('href="/log-ind/start?niveau=medarbejder"');
      expect(answer.body).toContain('href="/sprog?til=en&amp;tilbage=%2Flog-ind"');
      await expectSignedOut(jar);
      expect(held.logLines.join('\n')).toContain('"refused":"assurance"');
      expect(held.logLines.join('\n')).not.toContain(next.user.sub);
    });
  }

  it('signs a staff member in at an accepted level', async () => {
    for (const acr of [SUBSTANTIAL, HIGH]) {
      const jar = new CookieJar(held.app);
      const { answer } = await signIn(jar, staff(acr));
      expect(answer.statusCode, answer.body).toBe(303);
      expect(answer.headers.location).toBe('/medarbejder');
      expect((await jar.get('/medarbejder')).statusCode).toBe(200);
    }
  });

  it('says it in English, and signing in again from the page asks the provider for the accepted levels', async () => {
    const jar = new CookieJar(held.app, { 'accept-language': 'en' });
    const { answer } = await signIn(jar, staff());
    expect(answer.body).toMatch(/<html lang="en">/);
    expect(answer.body).toContain('<h1>Sign in at a higher level of assurance</h1>');
    expect(answer.body).toContain('sign in at assurance level Substantial or High');
    expect(answer.body).toContain('Sign in again with the button below');

    provider.next(staff(HIGH));
    const again = await jar.get('/log-ind/start?niveau=medarbejder');
    const authorize = new URL(String(again.headers.location));
    expect(authorize.searchParams.get('acr_values')).toBe(`${SUBSTANTIAL} ${HIGH}`);
    const callback = await atProvider(authorize);
    expect((await jar.get(pathAndQuery(callback.toString()))).headers.location).toBe('/medarbejder');
    // Any other value asks no level.
    const other = await new CookieJar(held.app).get('/log-ind/start?niveau=alle');
    expect(new URL(String(other.headers.location)).searchParams.has('acr_values')).toBe(false);
  });

  it('without OIDC_STAFF_ACR, holds nobody to a level, and asks none even when asked to', async () => {
    const { answer } = await signIn(new CookieJar(t.app), staff());
    expect(answer.statusCode).toBe(303);
    const begun = await new CookieJar(t.app).get('/log-ind/start?niveau=medarbejder');
    expect(new URL(String(begun.headers.location)).searchParams.has('acr_values')).toBe(false);
  });
});

describe('the session’s idle limit (WEB_SESSION_IDLE_MINUTES)', () => {
  const MINUTE = 60_000;
  /** A signed-in citizen's session, as the cookie holds it. */
  async function signedIn(app: OidcApp): Promise<{ jar: CookieJar; session: WebSession }> {
    const jar = new CookieJar(app.app);
    expect((await signIn(jar, citizen())).answer.statusCode).toBe(303);
    return { jar, session: openSession(app.sessionKey, jar.cookies.get('vl_session'), Date.now())! };
  }
  /** A browser holding the session as if it was last used `minutes` ago (sealed with the app's key, as the app would have). */
  const lastUsed = (app: OidcApp, session: WebSession, minutes: number) => {
    const jar = new CookieJar(app.app);
    jar.cookies.set('vl_session', sealSession(app.sessionKey, { ...session, seenAt: Date.now() - minutes * MINUTE }));
    return jar;
  };

  it('sets no cookie on pages while the session is fresh', async () => {
    const { jar } = await signedIn(t);
    const lines = jar.lines.length;
    expect((await jar.get('/mine-sider')).statusCode).toBe(200);
    expect((await jar.get('/')).statusCode).toBe(200);
    expect(jar.lines.slice(lines).filter((l) => l.startsWith('vl_session='))).toEqual([]);
  });

  it('sends a session unused for 30 minutes to sign in, as an expired one, and clears it', async () => {
    const { session } = await signedIn(t);
    const idle = lastUsed(t, session, 31);
    const page = await idle.get('/mine-sider');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/log-ind');
    expect(idle.cookies.has('vl_session')).toBe(false);
    // Its absolute end was hours away: it is the idle limit that ended it.
    expect(session.expiresAt - Date.now()).toBeGreaterThan(7 * 60 * MINUTE);
  });

  it('refreshes a live session used again: the same session re-sealed with a later seenAt, for what is left of its 8 hours', async () => {
    const { session } = await signedIn(t);
    const jar = lastUsed(t, session, 20);
    const before = Date.now();
    expect((await jar.get('/mine-sider')).statusCode).toBe(200);
    const line = jar.lineFor('vl_session')!;
    const maxAge = Number(/Max-Age=(\d+)/.exec(line)?.[1]);
    expect(maxAge).toBeLessThanOrEqual(28800);
    expect(maxAge).toBeGreaterThan(28800 - 60);
    const renewed = openSession(t.sessionKey, jar.cookies.get('vl_session'), Date.now())!;
    expect(renewed.sessionId).toBe(session.sessionId);
    expect(renewed.expiresAt).toBe(session.expiresAt);
    expect(renewed.seenAt).toBeGreaterThanOrEqual(before);
    // The renewed cookie is the session from now on.
    expect((await jar.get('/mine-sider')).statusCode).toBe(200);
  });

  it('holds sessions to the configured limit', async () => {
    const short = await createOidcTestApp({ provider, ...CLIENT, redirectUrl: REDIRECT, database: t.database, sessionKey: t.sessionKey, sessionIdleMinutes: 5 });
    try {
      const { session } = await signedIn(short);
      expect((await lastUsed(short, session, 4).get('/mine-sider')).statusCode).toBe(200);
      expect((await lastUsed(short, session, 6).get('/mine-sider')).headers.location).toBe('/log-ind');
      // The same cookie at the app with the default limit is still a session.
      expect((await lastUsed(t, session, 6).get('/mine-sider')).statusCode).toBe(200);
    } finally {
      await short.close();
    }
  });
});

/** The session id and expiry inside a session cookie (the test reads its own cookie; the app checks the signature). */
function sessionOf(cookie: string): { sessionId: string; expiresAt: number } {
  return JSON.parse(Buffer.from(cookie.split('.')[0]!, 'base64url').toString('utf8')) as { sessionId: string; expiresAt: number };
}
const sessionIdOf = (cookie: string) => sessionOf(cookie).sessionId;
const expiresAtOf = (cookie: string) => sessionOf(cookie).expiresAt;
