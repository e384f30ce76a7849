import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_MS, newSession, openSession, REFRESH_EVERY_MS, refreshed, seal, sealSession, SESSION_MS } from './session.js';

const key = randomBytes(32);
const citizen = { id: 'citizen-1', role: 'citizen' } as const;
const MINUTE = 60_000;
/** A fixed clock: the tests say what time it is. */
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

describe('a session’s two limits', () => {
  it('starts seen now, and ends 8 hours after sign-in at the most', () => {
    const session = newSession(citizen, T0);
    expect(session.seenAt).toBe(T0);
    expect(session.expiresAt).toBe(T0 + SESSION_MS);
    expect(DEFAULT_IDLE_MS).toBe(30 * MINUTE);
  });

  it('is no session once it has not been used for the idle limit', () => {
    const cookie = sealSession(key, newSession(citizen, T0));
    expect(openSession(key, cookie, T0 + 30 * MINUTE - 1, DEFAULT_IDLE_MS)?.principal).toEqual(citizen);
    expect(openSession(key, cookie, T0 + 30 * MINUTE, DEFAULT_IDLE_MS)).toBeNull();
    // Another limit is another limit.
    expect(openSession(key, cookie, T0 + 10 * MINUTE, 10 * MINUTE)).toBeNull();
    expect(openSession(key, cookie, T0 + 10 * MINUTE, 11 * MINUTE)).not.toBeNull();
    // Without a limit (ending a session on the server) only the absolute end counts.
    expect(openSession(key, cookie, T0 + 5 * 60 * MINUTE)?.sessionId).toBeDefined();
  });

  it('keeps its absolute end however recently it was used', () => {
    const session = newSession(citizen, T0);
    const usedJustNow = sealSession(key, { ...session, seenAt: session.expiresAt - MINUTE });
    expect(openSession(key, usedJustNow, session.expiresAt - 1, DEFAULT_IDLE_MS)).not.toBeNull();
    expect(openSession(key, usedJustNow, session.expiresAt, DEFAULT_IDLE_MS)).toBeNull();
  });

  it('is re-sealed with a later seenAt once a minute has passed, never more often, with its id and end unchanged', () => {
    const session = newSession(citizen, T0);
    expect(refreshed(session, T0)).toBeNull();
    expect(refreshed(session, T0 + REFRESH_EVERY_MS - 1)).toBeNull();
    const later = refreshed(session, T0 + REFRESH_EVERY_MS);
    expect(later).toEqual({ ...session, seenAt: T0 + REFRESH_EVERY_MS });
    // Re-sealed, it lives on past the first idle limit.
    const cookie = sealSession(key, later!);
    expect(openSession(key, cookie, T0 + 30 * MINUTE + 30_000, DEFAULT_IDLE_MS)?.sessionId).toBe(session.sessionId);
  });

  it('refuses a seenAt changed without the key, and a cookie from before the idle limit (no seenAt)', () => {
    const session = newSession(citizen, T0);
    const [, signature] = sealSession(key, session).split('.');
    const moved = Buffer.from(JSON.stringify({ ...session, seenAt: T0 + 60 * MINUTE })).toString('base64url');
    expect(openSession(key, `${moved}.${signature}`, T0 + 45 * MINUTE, DEFAULT_IDLE_MS)).toBeNull();
    const { seenAt: _seenAt, ...before } = session;
    expect(openSession(key, seal(key, 'session', before), T0 + MINUTE, DEFAULT_IDLE_MS)).toBeNull();
  });
});
