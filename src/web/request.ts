/**
 * What a page needs from its request, read once: the language, who is signed in (from the signed
 * session cookie, unless that session was signed out: the ended-sessions list), and the id its CSRF
 * tokens are bound to. How a page is answered: as HTML with the pages' own Content-Security-Policy,
 * which replaces the API's (helmet's global one forbids everything, as JSON answers need nothing).
 * And our cookies: their names and attributes.
 *
 * Cookies: always HttpOnly, SameSite=Lax, Path=/ and no Domain. Over https, and always with
 * NODE_ENV=production, they are Secure and named with the `__Host-` prefix (`__Host-vl_session`),
 * so the browser keeps them to this very host and no sibling subdomain can plant or overwrite one.
 * Over plain http (a development machine) browsers refuse `__Host-` cookies, so there they keep
 * their plain names (`vl_session`). A request over https reads only the prefixed names.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EndedSessions } from './ended-sessions.js';
import type { Html } from './html.js';
import { LANG_COOKIE, langOf } from './i18n.js';
import type { PageContext } from './layout.js';
import {
  csrfToken,
  DEFAULT_IDLE_MS,
  newPreSession,
  openPreSession,
  openSession,
  PRE_SESSION_COOKIE,
  refreshed,
  sealSession,
  SESSION_COOKIE,
  SESSION_MS,
  type WebSession,
} from './session.js';

/** The pages' policy: only our own files; no inline script or style; forms post only here; never framed. */
export const PAGE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The policy, with the origins a form of ours may lead to besides our own: the identity provider's,
 * as signing out (a form) ends with a redirect to its end-session endpoint, and browsers hold a
 * form's redirects to `form-action` too.
 */
export const pageCsp = (formTargets: readonly string[] = []): string =>
  formTargets.length === 0 ? PAGE_CSP : PAGE_CSP.replace("form-action 'self'", `form-action 'self' ${formTargets.join(' ')}`);

/** What the web needs from the app around it: given once, at the root, by buildApp (src/api/app.ts). */
export interface WebEdge {
  endedSessions: EndedSessions;
  /** Origins besides ours that a form may lead to (the identity provider's). */
  formTargets(): readonly string[];
  /** How long a session may go unused before it is no session (WEB_SESSION_IDLE_MINUTES; default 30 minutes). */
  sessionIdleMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    virkelystWeb: WebEdge | undefined;
  }
}

/** Gives the web its edge on the root instance, so every context (and the root's 404) sees it. */
export function provideWebEdge(app: FastifyInstance, edge: WebEdge): void {
  app.decorate('virkelystWeb', edge);
}

/**
 * Sets the sessions' idle limit on an app buildApp made, before it listens (the server, from
 * WEB_SESSION_IDLE_MINUTES). Without it, DEFAULT_IDLE_MS.
 */
export function configureWebSessions(app: FastifyInstance, settings: { idleMs: number }): void {
  if (!app.virkelystWeb) throw new Error('the web has no edge yet: buildApp gives it (provideWebEdge)');
  if (!Number.isInteger(settings.idleMs) || settings.idleMs <= 0) throw new Error('a session idle limit is a positive number of milliseconds');
  app.virkelystWeb.sessionIdleMs = settings.idleMs;
}

function edgeOf(request: FastifyRequest): WebEdge {
  const edge = request.server.virkelystWeb;
  if (!edge) throw new Error('the web has no ended-sessions list: buildApp gives it (provideWebEdge)');
  return edge;
}

/** The ended-sessions list, for signing out. */
export const endedSessionsOf = (request: FastifyRequest): EndedSessions => edgeOf(request).endedSessions;

/** The idle limit sessions are held to on this app. */
export const idleMsOf = (request: FastifyRequest): number => request.server.virkelystWeb?.sessionIdleMs ?? DEFAULT_IDLE_MS;

/**
 * The request's cookies. Our own values are base64url, UUIDs and language codes, so no decoding is
 * needed; a name sent twice keeps its first value, as browsers send the most specific first.
 */
export function cookiesOf(request: FastifyRequest): Record<string, string | undefined> {
  const cookies: Record<string, string> = {};
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!Object.hasOwn(cookies, name)) cookies[name] = part.slice(at + 1).trim();
  }
  return cookies;
}

const COOKIE_VALUE = /^[A-Za-z0-9._~:-]*$/;

/** Secure over https, and always in production (behind a proxy that ends TLS, set TRUST_PROXY so the protocol is known). */
export const secureFor = (request: FastifyRequest): boolean => request.protocol === 'https' || process.env.NODE_ENV === 'production';

export const HOST_PREFIX = '__Host-';

/** A cookie's name as it is sent: `__Host-` when it is Secure, its plain name over http. */
export const cookieName = (name: string, secure: boolean): string => (secure ? `${HOST_PREFIX}${name}` : name);

/** One Set-Cookie line. Never a Domain: with `__Host-` the browser would refuse it, without it the cookie stays on this host. */
export function cookieLine(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  if (!COOKIE_VALUE.test(value)) throw new Error('a cookie value of ours is base64url, a UUID or a language code');
  return `${cookieName(name, secure)}=${value}; Max-Age=${maxAgeSeconds}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** One of our cookies on a request, by its plain name: over https only its `__Host-` form counts. */
export function cookieOf(request: FastifyRequest, name: string): string | undefined {
  return cookiesOf(request)[cookieName(name, secureFor(request))];
}

/** The reader's language: their choice in the footer (the cookie), else what the browser asks for. */
export const langOfRequest = (request: FastifyRequest) => langOf({ cookie: cookieOf(request, LANG_COOKIE), acceptLanguage: request.headers['accept-language'] });

export function setCookie(request: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAgeSeconds: number): void {
  // Fastify adds a Set-Cookie to those already set (RFC 7230 §3.2.2), so each line is given once.
  reply.header('set-cookie', cookieLine(name, value, maxAgeSeconds, secureFor(request)));
}

export function clearCookie(request: FastifyRequest, reply: FastifyReply, name: string): void {
  setCookie(request, reply, name, '', 0);
}

export const LANG_COOKIE_SECONDS = 365 * 24 * 60 * 60;
export const SESSION_COOKIE_SECONDS = SESSION_MS / 1000;

/** A request as pages see it. */
export interface Visit {
  context: PageContext;
  session: WebSession | null;
}

/** The page's path without its query string. */
export const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? '/';

/** Requests whose ended-sessions check failed (the database was not there): their error page is shown signed out. */
const unchecked = new WeakSet<FastifyRequest>();

/**
 * The session a request shows: one we signed, not expired, used within the idle limit, and not
 * signed out (the ended-sessions list). When the list cannot be asked, the request's error page is
 * shown as signed out, never as a session that may have ended.
 */
export async function liveSession(request: FastifyRequest, sessionKey: Buffer, now = Date.now()): Promise<WebSession | null> {
  const session = openSession(sessionKey, cookieOf(request, SESSION_COOKIE), now, idleMsOf(request));
  if (!session) return null;
  if (unchecked.has(request)) return null;
  try {
    return (await edgeOf(request).endedSessions.isEnded(session.sessionId, now)) ? null : session;
  } catch (error) {
    unchecked.add(request);
    throw error;
  }
}

/** Requests whose session cookie was cleared or re-sealed already (a page may read its visit twice): one Set-Cookie each. */
const sessionCookieSet = new WeakSet<FastifyRequest>();

/** A session cookie's Max-Age: what is left of the session's 8 hours (the server checks both limits itself). */
export const sessionCookieSeconds = (session: WebSession, now: number): number => Math.max(1, Math.floor((session.expiresAt - now) / 1000));

/**
 * Reads the visit. A session cookie that is not ours, has expired, idled out or was signed out is
 * no session (and is cleared); a live one is re-sealed with a later `seenAt` once a minute, so
 * using it keeps it alive to its absolute end. A browser without a session gets a pre-session id,
 * so its first form has a token.
 */
export async function visit(request: FastifyRequest, reply: FastifyReply, sessionKey: Buffer, now = Date.now()): Promise<Visit> {
  const lang = langOfRequest(request);
  const session = await liveSession(request, sessionKey, now);
  if (!sessionCookieSet.has(request)) {
    const renewed = session ? refreshed(session, now) : null;
    if (!session && cookieOf(request, SESSION_COOKIE) && !unchecked.has(request)) {
      sessionCookieSet.add(request);
      clearCookie(request, reply, SESSION_COOKIE);
    } else if (renewed) {
      sessionCookieSet.add(request);
      setCookie(request, reply, SESSION_COOKIE, sealSession(sessionKey, renewed), sessionCookieSeconds(renewed, now));
    }
  }
  let binding = session?.sessionId ?? openPreSession(sessionKey, cookieOf(request, PRE_SESSION_COOKIE));
  if (binding === null) {
    const pre = newPreSession(sessionKey);
    setCookie(request, reply, PRE_SESSION_COOKIE, pre, SESSION_COOKIE_SECONDS);
    binding = openPreSession(sessionKey, pre);
  }
  return { session, context: { lang, principal: session?.principal ?? null, csrf: binding ? csrfToken(sessionKey, binding) : '', path: pathOf(request) } };
}

/**
 * The id a POST's CSRF token must be bound to: the session's, else the pre-session's; null when
 * there is neither. Read without the ended-sessions list: a signed-out session's token still
 * passes this check, but the page behind it then finds nobody signed in.
 */
export function csrfBinding(request: FastifyRequest, sessionKey: Buffer): string | null {
  return openSession(sessionKey, cookieOf(request, SESSION_COOKIE), Date.now(), idleMsOf(request))?.sessionId ?? openPreSession(sessionKey, cookieOf(request, PRE_SESSION_COOKIE));
}

/** Answers a page. Personal pages are never cached (the app's no-store stays); the policy is the pages' own. */
export function sendPage(reply: FastifyReply, status: number, page: Html): FastifyReply {
  const formTargets = reply.request.server.virkelystWeb?.formTargets() ?? [];
  return reply.code(status).type('text/html; charset=utf-8').header('content-security-policy', pageCsp(formTargets)).send(page.toString());
}

/** After a POST: see the next page with a GET (303), so a reload does not send the form again. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).send();
}
