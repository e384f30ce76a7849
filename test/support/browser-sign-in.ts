/**
 * A fake OpenID Connect provider on 127.0.0.1, shaped like MitID via NemLog-in as the web sees
 * it: discovery, a JWKS, an authorization endpoint that signs in whoever the test says (and sends
 * the browser straight back with a code), a token endpoint that checks the client's secret, the
 * redirect URI, the PKCE verifier and that a code is used once, and an end-session endpoint. Each
 * sign-in may be made to go wrong in one way (another nonce, audience or key, an expired token, an
 * error instead of a code, another `iss` in the answer or none), so a test can show each is
 * refused. It may say it sends `iss` in every answer (RFC 9207), and put an `acr` in the ID token.
 *
 * And an app that signs in through it (for `inject`), `npm start`'s own process configured for it
 * (for the browser), and a cookie jar that follows the web's cookies, `__Host-` names included.
 * Used by test/web-sign-in.test.ts and test/browser/sign-in.test.ts.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { buildApp } from '../../src/api/app.js';
import { auditSealer } from '../../src/audit/sealer.js';
import { loadAuditKey } from '../../src/audit/signing.js';
import type { Database } from '../../src/database/connect.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/store.js';
import { createTokenVerifier } from '../../src/identity/tokens.js';
import { loadMasterKey, Vault } from '../../src/privacy/vault.js';
import { ProjectionEngine } from '../../src/projections/engine/engine.js';
import { inlineProjectionsHook } from '../../src/projections/engine/inline.js';
import { projections } from '../../src/projections/index.js';
import type { EndedSessions } from '../../src/web/ended-sessions.js';
import type { ClientAuth } from '../../src/web/oidc.js';
import { configureWebSessions } from '../../src/web/request.js';
import { commandsFor } from '../../src/wiring.js';
import { freePort } from '../../src/database/embedded.js';
import { createTestDatabase, createTestDatabaseUrl } from './database.js';
import { spawnServer, type ServerProcess } from './server-process.js';

/** Who signs in at the provider: the claims the ID token carries besides the standard ones. */
export interface ProviderUser {
  sub: string;
  role?: string;
  centre?: string;
}

/** How the next sign-in goes: who, and what (if anything) is wrong with it. */
export interface NextSignIn {
  user: ProviderUser;
  /** Answer the authorization request with this error instead of a code. */
  error?: string;
  /** The ID token's nonce, instead of the one asked for. */
  nonce?: string;
  /** The ID token's audience, instead of the client. */
  audience?: string | string[];
  /** The ID token's `azp`. */
  azp?: string;
  /** Seconds from now the ID token expires (negative: already expired). */
  expiresIn?: number;
  /** Sign the ID token with a key that is not in the JWKS. */
  foreignKey?: boolean;
  /** The answer's `iss` (RFC 9207) instead of the provider's own (null: none, even when discovery says it is always sent). */
  iss?: string | null;
  /** The ID token's `acr`: the level of assurance the person signed in at. */
  acr?: string;
}

export interface TokenCall {
  /** What the token endpoint answered. */
  status: number;
  error?: string;
  clientAuth: ClientAuth | 'none';
}

export interface FakeProviderOptions {
  clientId: string;
  clientSecret: string;
  /** The client authentication the provider expects (others are `invalid_client`). */
  clientAuth?: ClientAuth;
  /** Whether discovery names an end-session endpoint (default true). */
  endSession?: boolean;
  /** The issuer discovery names, if not its own URL (a provider that is not the one configured). */
  claimedIssuer?: string;
  /** RFC 9207: discovery says `authorization_response_iss_parameter_supported`, and every answer carries `iss` (default false: neither). */
  issParameter?: boolean;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string;
  next: NextSignIn;
  used: boolean;
}

export type FakeProvider = Awaited<ReturnType<typeof startFakeProvider>>;

export async function startFakeProvider(options: FakeProviderOptions) {
  const clientAuth = options.clientAuth ?? 'client_secret_basic';
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const foreign = await generateKeyPair('ES256');
  const kid = `fake-${randomUUID().slice(0, 8)}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const grants = new Map<string, Grant>();
  let next: NextSignIn | null = null;
  const calls = { authorize: [] as URL[], token: [] as TokenCall[], endSession: [] as URL[], discovery: 0 };
  let issuer = '';

  const idToken = async (grant: Grant) => {
    const { user } = grant.next;
    const claims: JWTPayload = {
      nonce: grant.next.nonce ?? grant.nonce,
      ...(user.role !== undefined ? { role: user.role } : {}),
      ...(user.centre !== undefined ? { centre: user.centre } : {}),
      ...(grant.next.azp !== undefined ? { azp: grant.next.azp } : {}),
      ...(grant.next.acr !== undefined ? { acr: grant.next.acr } : {}),
    };
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(issuer)
      .setSubject(user.sub)
      .setAudience(grant.next.audience ?? grant.clientId)
      .setIssuedAt(grant.next.expiresIn !== undefined && grant.next.expiresIn < 0 ? now + grant.next.expiresIn - 60 : now)
      .setExpirationTime(now + (grant.next.expiresIn ?? 300))
      .sign(grant.next.foreignKey ? foreign.privateKey : privateKey);
  };

  const send = (response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
    response.end(JSON.stringify(body));
  };
  const redirect = (response: http.ServerResponse, location: string) => {
    response.writeHead(302, { location });
    response.end();
  };

  /** The client's credentials as the request shows them, and how. */
  function clientOf(request: http.IncomingMessage, form: URLSearchParams): { id: string; secret: string; how: ClientAuth } | null {
    const header = request.headers.authorization;
    if (header?.startsWith('Basic ')) {
      const [id = '', secret = ''] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
      const decode = (v: string) => decodeURIComponent(v.replace(/\+/g, ' '));
      return { id: decode(id), secret: decode(secret), how: 'client_secret_basic' };
    }
    const id = form.get('client_id');
    const secret = form.get('client_secret');
    return id !== null && secret !== null ? { id, secret, how: 'client_secret_post' } : null;
  }

  async function token(request: http.IncomingMessage, response: http.ServerResponse) {
    let raw = '';
    for await (const chunk of request) raw += String(chunk);
    const form = new URLSearchParams(raw);
    const client = clientOf(request, form);
    const answer = (status: number, error?: string, body?: unknown) => {
      calls.token.push({ status, ...(error ? { error } : {}), clientAuth: client?.how ?? 'none' });
      send(response, status, body ?? { error });
    };
    if (!client || client.how !== clientAuth || client.id !== options.clientId || client.secret !== options.clientSecret) return answer(401, 'invalid_client');
    if (form.get('grant_type') !== 'authorization_code') return answer(400, 'unsupported_grant_type');
    const grant = grants.get(form.get('code') ?? '');
    if (!grant || grant.clientId !== client.id) return answer(400, 'invalid_grant');
    // A code is good once: a second use is refused, whatever it brings.
    if (grant.used) return answer(400, 'invalid_grant');
    grant.used = true;
    if (form.get('redirect_uri') !== grant.redirectUri) return answer(400, 'invalid_grant');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return answer(400, 'invalid_grant');
    return answer(200, undefined, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: await idToken(grant) });
  }

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /.well-known/openid-configuration') {
      calls.discovery += 1;
      return send(response, 200, {
        issuer: options.claimedIssuer ?? issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        ...(options.endSession === false ? {} : { end_session_endpoint: `${issuer}/end-session` }),
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: [clientAuth],
        ...(options.issParameter ? { authorization_response_iss_parameter_supported: true } : {}),
      });
    }
    if (route === 'GET /jwks') return send(response, 200, { keys: [jwk] });
    if (route === 'GET /authorize') {
      calls.authorize.push(url);
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      if (q.get('client_id') !== options.clientId || !redirectUri) return send(response, 400, { error: 'invalid_request' });
      const back = new URL(redirectUri);
      const state = q.get('state');
      if (state !== null) back.searchParams.set('state', state);
      const signIn = next;
      next = null;
      // RFC 9207: the issuer in every answer, errors too (or what the test says instead).
      const iss = signIn?.iss !== undefined ? signIn.iss : options.issParameter ? issuer : null;
      if (iss !== null) back.searchParams.set('iss', iss);
      if (!signIn) {
        back.searchParams.set('error', 'login_required');
        return redirect(response, back.toString());
      }
      if (signIn.error) {
        back.searchParams.set('error', signIn.error);
        return redirect(response, back.toString());
      }
      if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !q.get('nonce')) {
        back.searchParams.set('error', 'invalid_request');
        return redirect(response, back.toString());
      }
      const code = randomBytes(24).toString('base64url');
      grants.set(code, { clientId: options.clientId, redirectUri, challenge: q.get('code_challenge')!, nonce: q.get('nonce')!, next: signIn, used: false });
      back.searchParams.set('code', code);
      return redirect(response, back.toString());
    }
    if (route === 'POST /token') {
      token(request, response).catch(() => send(response, 500, { error: 'server_error' }));
      return;
    }
    if (route === 'GET /end-session') {
      calls.endSession.push(url);
      const back = url.searchParams.get('post_logout_redirect_uri');
      if (back) return redirect(response, back);
      response.writeHead(200, { 'content-type': 'text/plain' });
      return response.end('signed out');
    }
    send(response, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** The issuer, and the base of every endpoint. */
    get url() {
      return issuer;
    },
    calls,
    /** Who signs in next, and how it goes. */
    next(signIn: NextSignIn) {
      next = signIn;
    },
    /** A code the provider issued for another browser's flow (as an attacker would have it): the next sign-in's code, taken from its redirect. */
    async codeFor(signIn: NextSignIn, redirectUri: string, challenge: string): Promise<string> {
      next = signIn;
      const url = new URL(`${issuer}/authorize`);
      for (const [k, v] of Object.entries({ response_type: 'code', client_id: options.clientId, redirect_uri: redirectUri, state: 'theirs', nonce: randomBytes(32).toString('base64url'), code_challenge: challenge, code_challenge_method: 'S256' })) {
        url.searchParams.set(k, v);
      }
      const answer = await fetch(url, { redirect: 'manual' });
      const code = new URL(answer.headers.get('location') ?? '', issuer).searchParams.get('code');
      if (!code) throw new Error('the fake provider issued no code');
      return code;
    },
    /** An access token for the API (its audience is OIDC_AUDIENCE), signed with the provider's key. */
    async accessToken(user: ProviderUser, audience: string): Promise<string> {
      const claims: JWTPayload = { ...(user.role ? { role: user.role } : {}), ...(user.centre ? { centre: user.centre } : {}) };
      return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid }).setIssuer(issuer).setSubject(user.sub).setAudience(audience).setIssuedAt().setExpirationTime('5m').sign(privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The whole app on a database of its own (or a given one, as a second instance would share it),
 * its web signing in through `provider`. Like test/support/app.ts's createTestApp, with the web's
 * OpenID Connect client, and an optional proxy to trust (so a test can speak "https" through it).
 */
export async function createOidcTestApp(options: {
  provider: FakeProvider;
  clientId: string;
  clientSecret: string;
  clientAuth?: ClientAuth;
  redirectUrl?: string;
  database?: Database;
  sessionKey?: Buffer;
  trustProxy?: string;
  endedSessions?: EndedSessions;
  /** OIDC_STAFF_ACR: the levels every role but citizen must sign in at. */
  staffAcr?: string[];
  /** WEB_SESSION_IDLE_MINUTES (default 30). */
  sessionIdleMinutes?: number;
}) {
  const owned = options.database ? null : await createTestDatabase();
  const database = options.database ?? owned!;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-oidc-'));
  const auditKey = await loadAuditKey(dataDir);
  const running = [...projections, auditSealer(auditKey, { every: 5, everyMs: 60_000 })];
  const store = new PostgresEventStore(database, { inline: [inlineProjectionsHook(running)] });
  const engine = new ProjectionEngine(database, store, running);
  await engine.ensureBuilds();
  const vault = new Vault(database, await loadMasterKey(dataDir));
  const sessionKey = options.sessionKey ?? randomBytes(32);
  const logLines: string[] = [];
  const app = await buildApp({
    database,
    commands: commandsFor(database, store, vault),
    vault,
    auditKey,
    engine,
    verify: createTokenVerifier({ oidc: { issuer: options.provider.url, audience: 'virkelyst-api' } }),
    logger: { level: 'info', stream: { write: (line: string) => void logLines.push(line) } } as never,
    readyMaxLag: 0,
    rateLimits: false,
    sessionKey,
    oidcIssuer: options.provider.url,
    oidcClient: {
      issuer: options.provider.url,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      clientAuth: options.clientAuth ?? 'client_secret_basic',
      redirectUrl: options.redirectUrl ?? 'https://virkelyst.example/log-ind/callback',
      scope: 'openid',
      ...(options.staffAcr ? { staffAcr: options.staffAcr } : {}),
    },
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    ...(options.endedSessions ? { endedSessions: options.endedSessions } : {}),
  });
  if (options.sessionIdleMinutes !== undefined) configureWebSessions(app, { idleMs: options.sessionIdleMinutes * 60_000 });
  await app.ready();
  return {
    app,
    database,
    sessionKey,
    logLines,
    async close() {
      await app.close();
      await engine.stop();
      await store.close();
      await owned?.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser's cookies for `inject`: what the app set, sent back; a cleared one (Max-Age=0) is gone. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie line the app sent, newest last. */
  readonly lines: string[] = [];
  constructor(
    private readonly app: { inject: (options: InjectOptions) => Promise<LightMyRequestResponse> },
    readonly headers: Record<string, string> = {},
  ) {}

  async request(options: InjectOptions & { url: string }): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.app.inject({ ...options, headers: { ...this.headers, ...(cookie ? { cookie } : {}), ...(options.headers ?? {}) } });
    const set = response.headers['set-cookie'];
    for (const line of set === undefined ? [] : Array.isArray(set) ? set : [set]) {
      this.lines.push(line);
      const [pair = ''] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
    return response;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }

  post(url: string, fields: Record<string, string>) {
    return this.request({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
  }

  /** The Set-Cookie line the app sent last for a cookie. */
  lineFor(name: string): string | undefined {
    return this.lines.filter((line) => line.startsWith(`${name}=`)).at(-1);
  }
}

/** The path and query of a URL (the callback, as the browser would ask the app for it). */
export const pathAndQuery = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

/** A form field's value in a page. */
export const fieldIn = (body: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(body)?.[1];

/** The audience of the API's bearer tokens in these tests (OIDC_AUDIENCE). */
export const API_AUDIENCE = 'virkelyst-api';

/**
 * `npm start` as an operator with an identity provider runs it: its own process, configured only
 * by its environment (OIDC_ISSUER, OIDC_AUDIENCE, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET,
 * OIDC_REDIRECT_URL), on a database of its own on the test server, which it migrates as the owner
 * and then uses through a login of its own (a member of virkelyst_app). The API takes the
 * provider's access tokens, so a test reads back through it what a person did in the browser.
 */
export async function startOidcServer(provider: FakeProvider, client: { clientId: string; clientSecret: string }, env: Record<string, string> = {}) {
  const database = await createTestDatabaseUrl('vt_oidc');
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-oidc-server-'));
  // The callback's URL is configuration, so the port is chosen before the server starts.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let server: ServerProcess | undefined;
  const cleanUp = async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
    await database.drop();
  };
  try {
    server = await spawnServer({
      PORT: String(port),
      DATABASE_URL: database.url,
      DATABASE_APP_URL: undefined,
      VIRKELYST_DATA_DIR: dataDir,
      VIRKELYST_MASTER_KEY: undefined,
      OIDC_ISSUER: provider.url,
      OIDC_AUDIENCE: API_AUDIENCE,
      OIDC_JWKS_URL: undefined,
      OIDC_CLIENT_ID: client.clientId,
      OIDC_CLIENT_SECRET: client.clientSecret,
      OIDC_REDIRECT_URL: `${url}/log-ind/callback`,
      DEV_SIGN_IN: 'anywhere',
      ...env,
    });
    await waitReady(url, server);
  } catch (error) {
    server?.child.kill('SIGKILL');
    await cleanUp();
    throw error;
  }
  const running = server;
  return {
    url,
    output: running.output,
    /** A bearer token for the API from the provider, for this person. */
    token: (role: string, centreId?: string, sub: string = randomUUID()) => provider.accessToken({ sub, role, ...(centreId ? { centre: centreId } : {}) }, API_AUDIENCE),
    async close() {
      running.child.kill('SIGTERM');
      const stopped = await Promise.race([running.exited, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
      if (stopped === null) running.child.kill('SIGKILL');
      await cleanUp();
    },
  };
}

async function waitReady(url: string, server: ServerProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void server.exited.then(() => (gone = true));
  while (Date.now() < deadline && !gone) {
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not become ready:\n${server.output()}`);
}
