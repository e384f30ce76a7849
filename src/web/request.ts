/**
 * What a page needs from its request, read once: the language, who is signed in (from the signed
 * session cookie), and the id its CSRF tokens are bound to. And how a page is answered: as HTML
 * with the pages' own Content-Security-Policy, which replaces the API's (helmet's global one
 * forbids everything, as JSON answers need nothing).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Html } from './html.js';
import { LANG_COOKIE, langOf } from './i18n.js';
import type { PageContext } from './layout.js';
import { csrfToken, newPreSession, openPreSession, openSession, PRE_SESSION_COOKIE, SESSION_COOKIE, SESSION_MS, type WebSession } from './session.js';

/** The pages' policy: only our own files; no inline script or style; forms post only here; never framed. */
export const PAGE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

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
const secureFor = (request: FastifyRequest) => request.protocol === 'https' || process.env.NODE_ENV === 'production';

export function setCookie(request: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAgeSeconds: number): void {
  if (!COOKIE_VALUE.test(value)) throw new Error('a cookie value of ours is base64url, a UUID or a language code');
  const cookie = `${name}=${value}; Max-Age=${maxAgeSeconds}; Path=/; HttpOnly; SameSite=Lax${secureFor(request) ? '; Secure' : ''}`;
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  reply.header('set-cookie', [...list, cookie]);
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

/**
 * Reads the visit. A session cookie that is not ours, or has expired, is no session (and is
 * cleared); a browser without a session gets a pre-session id, so its first form has a token.
 */
export async function visit(request: FastifyRequest, reply: FastifyReply, sessionKey: Buffer): Promise<Visit> {
  const cookies = cookiesOf(request);
  const lang = langOf({ cookie: cookies[LANG_COOKIE], acceptLanguage: request.headers['accept-language'] });
  const session = openSession(sessionKey, cookies[SESSION_COOKIE], Date.now());
  if (!session && cookies[SESSION_COOKIE]) clearCookie(request, reply, SESSION_COOKIE);
  let binding = session?.sessionId ?? openPreSession(sessionKey, cookies[PRE_SESSION_COOKIE]);
  if (binding === null) {
    const pre = newPreSession(sessionKey);
    setCookie(request, reply, PRE_SESSION_COOKIE, pre, SESSION_COOKIE_SECONDS);
    binding = openPreSession(sessionKey, pre);
  }
  return { session, context: { lang, principal: session?.principal ?? null, csrf: binding ? csrfToken(sessionKey, binding) : '', path: pathOf(request) } };
}

/** The id a POST's CSRF token must be bound to: the session's, else the pre-session's; null when there is neither. */
export function csrfBinding(request: FastifyRequest, sessionKey: Buffer): string | null {
  const cookies = cookiesOf(request);
  return openSession(sessionKey, cookies[SESSION_COOKIE], Date.now())?.sessionId ?? openPreSession(sessionKey, cookies[PRE_SESSION_COOKIE]);
}

/** Answers a page. Personal pages are never cached (the app's no-store stays); the policy is the pages' own. */
export function sendPage(reply: FastifyReply, status: number, page: Html): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP).send(page.toString());
}

/** After a POST: see the next page with a GET (303), so a reload does not send the form again. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).send();
}
