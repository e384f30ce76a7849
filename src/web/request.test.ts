import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Fastify, { type FastifyRequest } from 'fastify';
import type { EndedSessions } from './ended-sessions.js';
import { configureWebSessions, cookieLine, cookieName, cookieOf, csrfBinding, pageCsp, PAGE_CSP, provideWebEdge, secureFor, visit } from './request.js';
import { newSession, openSession, sealSession, SESSION_MS } from './session.js';

/** A request as the cookie helpers read it: its protocol and its Cookie header. */
const requestOver = (protocol: 'http' | 'https', cookie?: string) => ({ protocol, headers: cookie ? { cookie } : {} }) as unknown as FastifyRequest;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('our cookies', () => {
  it('are HttpOnly, SameSite=Lax, for the whole site and this host only, and Secure with the __Host- prefix when secure', () => {
    expect(cookieLine('vl_session', 'abc.def', 28800, true)).toBe('__Host-vl_session=abc.def; Max-Age=28800; Path=/; HttpOnly; SameSite=Lax; Secure');
    expect(cookieLine('vl_oidc', 'x', 600, true)).toBe('__Host-vl_oidc=x; Max-Age=600; Path=/; HttpOnly; SameSite=Lax; Secure');
    for (const secure of [true, false]) expect(cookieLine('vl_pre', 'x', 1, secure)).not.toMatch(/domain/i);
  });

  it('keep their plain names and are not Secure over plain http (browsers refuse __Host- there)', () => {
    expect(cookieLine('vl_session', 'abc.def', 28800, false)).toBe('vl_session=abc.def; Max-Age=28800; Path=/; HttpOnly; SameSite=Lax');
    expect(cookieName('vl_pre', false)).toBe('vl_pre');
    expect(cookieName('vl_pre', true)).toBe('__Host-vl_pre');
  });

  it('are cleared with the same name and attributes and no value', () => {
    expect(cookieLine('vl_session', '', 0, true)).toBe('__Host-vl_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax; Secure');
  });

  it('refuse a value that would need quoting or could add an attribute', () => {
    for (const value of ['a;b', 'a b', 'a,b', 'a"b', 'æ']) expect(() => cookieLine('vl_session', value, 1, false)).toThrow();
  });

  it('are secure over https, and always with NODE_ENV=production, even when the app sees plain http (a proxy that ends TLS)', () => {
    vi.stubEnv('NODE_ENV', 'test');
    expect(secureFor(requestOver('https'))).toBe(true);
    expect(secureFor(requestOver('http'))).toBe(false);
    vi.stubEnv('NODE_ENV', 'production');
    expect(secureFor(requestOver('http'))).toBe(true);
  });

  it('are read by the name the request’s protocol gives them: over https only the __Host- one counts', () => {
    vi.stubEnv('NODE_ENV', 'test');
    const both = 'vl_session=planted; __Host-vl_session=ours';
    expect(cookieOf(requestOver('https', both), 'vl_session')).toBe('ours');
    expect(cookieOf(requestOver('https', 'vl_session=planted'), 'vl_session')).toBeUndefined();
    expect(cookieOf(requestOver('http', both), 'vl_session')).toBe('planted');
  });
});

describe('the pages’ policy', () => {
  it('is the plain one without an identity provider, and lets forms lead only to the provider’s origin with one', () => {
    expect(pageCsp([])).toBe(PAGE_CSP);
    expect(pageCsp(['https://idp.example'])).toContain("form-action 'self' https://idp.example;");
    expect(pageCsp(['https://idp.example'])).toContain("script-src 'self';");
  });
});

describe('a visit and the session’s idle limit (an injected clock)', () => {
  const MINUTE = 60_000;
  const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

  /** A bare app with the web's edge and one page that reads its visit at the clock's time. */
  async function appWith(idleMinutes?: number) {
    const key = randomBytes(32);
    const ended = new Set<string>();
    const endedSessions: EndedSessions = {
      end: async (id) => void ended.add(id),
      isEnded: async (id) => ended.has(id),
      purge: async () => 0,
    };
    const clock = { now: T0 };
    const app = Fastify();
    provideWebEdge(app, { endedSessions, formTargets: () => [] });
    if (idleMinutes !== undefined) configureWebSessions(app, { idleMs: idleMinutes * MINUTE });
    app.get('/page', async (request, reply) => {
      const seen = await visit(request, reply, key, clock.now);
      // A page that reads its visit twice still sets one cookie.
      await visit(request, reply, key, clock.now);
      return { who: seen.session?.principal.id ?? null, binding: csrfBinding(request, key) };
    });
    await app.ready();
    const cookie = sealSession(key, newSession({ id: 'citizen-1', role: 'citizen' }, T0));
    /** The page at a time, with a session cookie: who it saw, and the session cookie it set (if any). */
    const at = async (now: number, value: string) => {
      clock.now = now;
      const answer = await app.inject({ method: 'GET', url: '/page', headers: { cookie: `vl_session=${value}` } });
      const lines = ([] as string[]).concat(answer.headers['set-cookie'] ?? []).filter((l) => l.startsWith('vl_session='));
      return { who: answer.json<{ who: string | null }>().who, lines, sealed: lines[0]?.split(';')[0]?.slice('vl_session='.length) };
    };
    return { app, key, cookie, at, ended };
  }

  it('sets no cookie while the session is fresh, and re-seals it once a minute has passed, keeping it alive past the idle limit', async () => {
    const { app, key, cookie, at } = await appWith();
    try {
      expect(await at(T0 + 30_000, cookie)).toMatchObject({ who: 'citizen-1', lines: [] });
      const renewed = await at(T0 + 20 * MINUTE, cookie);
      expect(renewed.who).toBe('citizen-1');
      expect(renewed.lines).toHaveLength(1);
      // What is left of the 8 hours, not a fresh 8 hours.
      expect(renewed.lines[0]).toBe(`vl_session=${renewed.sealed}; Max-Age=${(SESSION_MS - 20 * MINUTE) / 1000}; Path=/; HttpOnly; SameSite=Lax`);
      const opened = openSession(key, renewed.sealed, T0 + 20 * MINUTE);
      expect(opened?.seenAt).toBe(T0 + 20 * MINUTE);
      expect(opened?.sessionId).toBe(openSession(key, cookie, T0)?.sessionId);
      // The old cookie has idled out at T0 + 30 minutes; the renewed one has not.
      expect(await at(T0 + 45 * MINUTE, cookie)).toMatchObject({ who: null });
      expect((await at(T0 + 45 * MINUTE, renewed.sealed!)).who).toBe('citizen-1');
      // Within a minute of its own seenAt it is not sealed again.
      expect((await at(T0 + 20 * MINUTE + 59_000, renewed.sealed!)).lines).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('is no session once idle for 30 minutes (cleared, and its CSRF binding gone), as one past its 8 hours', async () => {
    const { app, key, cookie, at } = await appWith();
    try {
      const idle = await at(T0 + 30 * MINUTE, cookie);
      expect(idle.who).toBeNull();
      expect(idle.lines).toEqual(['vl_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax']);
      vi.useFakeTimers({ now: T0 + 30 * MINUTE, toFake: ['Date'] });
      try {
        const request = { protocol: 'http', headers: { cookie: `vl_session=${cookie}` }, server: app } as unknown as FastifyRequest;
        expect(csrfBinding(request, key)).toBeNull();
        vi.setSystemTime(T0 + 29 * MINUTE);
        expect(csrfBinding(request, key)).toBe(openSession(key, cookie, T0)?.sessionId);
      } finally {
        vi.useRealTimers();
      }
      // Used every few minutes, it still ends at its absolute end.
      let sealed = cookie;
      for (let t = T0 + 25 * MINUTE; t < T0 + SESSION_MS; t += 25 * MINUTE) sealed = (await at(t, sealed)).sealed ?? sealed;
      expect((await at(T0 + SESSION_MS - MINUTE, sealed)).who).toBe('citizen-1');
      expect((await at(T0 + SESSION_MS, sealed)).who).toBeNull();
    } finally {
      await app.close();
    }
  });

  it('is held to the configured limit (WEB_SESSION_IDLE_MINUTES)', async () => {
    const { app, cookie, at } = await appWith(5);
    try {
      expect((await at(T0 + 4 * MINUTE, cookie)).who).toBe('citizen-1');
      expect((await at(T0 + 5 * MINUTE, cookie)).who).toBeNull();
      expect(() => configureWebSessions(app, { idleMs: 0 })).toThrow();
    } finally {
      await app.close();
    }
  });

  it('a signed-out session is not re-sealed', async () => {
    const { app, key, cookie, at, ended } = await appWith();
    try {
      ended.add(openSession(key, cookie, T0)!.sessionId);
      const answer = await at(T0 + 10 * MINUTE, cookie);
      expect(answer.who).toBeNull();
      expect(answer.lines).toEqual(['vl_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax']);
    } finally {
      await app.close();
    }
  });
});
