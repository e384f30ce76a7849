/**
 * The web's session and its CSRF tokens, kept in cookies and signed with the session key (HMAC-
 * SHA256): a session is what its cookie says, and a cookie changed by anyone without the key is no
 * session at all. The cookie carries who is signed in (id, role, centre, a partner's people's partner), a session id, when it
 * expires (8 hours after sign-in, whatever happens) and when it was last used — never personal
 * data. A session not used for the idle limit (WEB_SESSION_IDLE_MINUTES, 30 by default) is no
 * session either; each visit that finds it live re-seals it with a later `seenAt`, at most once a
 * minute (`refreshed`), so a page does not set a cookie on every request. The one thing kept on the
 * server is which sessions were signed out before their time (ended-sessions.ts), so a copy of the
 * cookie dies with the sign-out.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { type Principal, ROLES } from '../domain/shared/principal.js';

export const SESSION_COOKIE = 'vl_session';
/** Before sign-in: an id of the browser's own, so the sign-in form itself carries a CSRF token. */
export const PRE_SESSION_COOKIE = 'vl_pre';
/** During a sign-in at the identity provider: its state, nonce and PKCE verifier (oidc.ts). */
export const OIDC_FLOW_COOKIE = 'vl_oidc';
export const SESSION_MS = 8 * 60 * 60 * 1000;
/** A session not used for this long is no session (WEB_SESSION_IDLE_MINUTES' default: 30 minutes). */
export const DEFAULT_IDLE_MS = 30 * 60 * 1000;
/** A live session's cookie is re-sealed with a later `seenAt` at most this often. */
export const REFRESH_EVERY_MS = 60 * 1000;

/** A person id as the web accepts it: what a token's `sub` may be, without spaces or markup. */
export const PERSON_ID = /^[A-Za-z0-9._:@-]{1,100}$/;

const principalSchema = z
  .object({ id: z.string().regex(PERSON_ID), role: z.enum(ROLES), centreId: z.uuid().optional(), partnerId: z.uuid().optional() })
  .strict();
// A cookie from before the idle limit (no `seenAt`) is no session: its holder signs in again once.
const sessionSchema = z.object({ principal: principalSchema, sessionId: z.uuid(), expiresAt: z.number().int(), seenAt: z.number().int() }).strict();

export interface WebSession {
  principal: Principal;
  sessionId: string;
  /** Milliseconds since the epoch: the absolute end, 8 hours after sign-in. */
  expiresAt: number;
  /** Milliseconds since the epoch: when a visit last found the session live (to the minute, see `refreshed`). */
  seenAt: number;
}

const mac = (key: Buffer, purpose: string, value: string) => createHmac('sha256', key).update(`${purpose}\u0000${value}`).digest('base64url');

/** Two secrets compared in constant time. */
export function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A new session for a principal, from now. */
export function newSession(principal: Principal, now: number): WebSession {
  return { principal: principalOf(principal), sessionId: randomUUID(), expiresAt: now + SESSION_MS, seenAt: now };
}

/** What a session carries of a principal: its id and role, the centre of one bound to a centre, and a partner's people's partner. */
function principalOf(principal: Principal): Principal {
  const { id, role, centreId, partnerId } = principal;
  // Only a partner's people are bound to a partner (as a token's `partner` claim means nothing for another role).
  return { id, role, ...(centreId ? { centreId } : {}), ...(role === 'partner' && partnerId ? { partnerId } : {}) };
}

/**
 * The session as a visit at `now` leaves it, when its cookie is to be sealed again: with `seenAt`
 * moved to now once a minute or more has passed since the last time; null while it is fresh (so
 * most pages set no cookie). Its id and absolute end stay as they are.
 */
export function refreshed(session: WebSession, now: number): WebSession | null {
  return now - session.seenAt >= REFRESH_EVERY_MS ? { ...session, seenAt: now } : null;
}

/** A value as a cookie: its JSON in base64url, then its signature for one purpose (a session is never a flow). */
export function seal(key: Buffer, purpose: string, value: unknown): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${mac(key, purpose, payload)}`;
}

/** The value a sealed cookie holds, or undefined if we did not seal it for this purpose. */
export function unseal(key: Buffer, purpose: string, cookie: string | undefined): unknown {
  if (!cookie) return undefined;
  const [payload, signature, ...rest] = cookie.split('.');
  if (!payload || !signature || rest.length > 0 || !same(signature, mac(key, purpose, payload))) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The cookie's value: the session, then its signature. */
export function sealSession(key: Buffer, session: WebSession): string {
  return seal(key, 'session', session);
}

/**
 * The session a cookie holds, or null if it is not one we signed, is malformed, has expired, or
 * (with `idleMs`) has not been used for that long. Without `idleMs` only the absolute end counts:
 * for ending a session on the server, which is harmless for one that idled out.
 */
export function openSession(key: Buffer, cookie: string | undefined, now: number, idleMs?: number): WebSession | null {
  const json = unseal(key, 'session', cookie);
  if (json === undefined) return null;
  const parsed = sessionSchema.safeParse(json);
  if (!parsed.success || parsed.data.expiresAt <= now) return null;
  if (idleMs !== undefined && parsed.data.seenAt + idleMs <= now) return null;
  const { principal, sessionId, expiresAt, seenAt } = parsed.data;
  return { principal: principalOf(principal), sessionId, expiresAt, seenAt };
}

/** A signed pre-session id: a random id and its MAC, so a forged one is not accepted as ours. */
export function newPreSession(key: Buffer): string {
  const id = randomUUID();
  return `${id}.${mac(key, 'pre-session', id)}`;
}

/** The id inside a pre-session cookie, if it is one we made. */
export function openPreSession(key: Buffer, cookie: string | undefined): string | null {
  if (!cookie) return null;
  const [id, signature, ...rest] = cookie.split('.');
  return id && signature && rest.length === 0 && same(signature, mac(key, 'pre-session', id)) ? id : null;
}

/** The CSRF token for a browser: bound to its session id (or pre-session id), so it is useless anywhere else. */
export function csrfToken(key: Buffer, bindingId: string): string {
  return mac(key, 'csrf', bindingId);
}

export function csrfValid(key: Buffer, bindingId: string | null, token: unknown): boolean {
  return bindingId !== null && typeof token === 'string' && same(token, csrfToken(key, bindingId));
}
