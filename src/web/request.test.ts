import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { cookieLine, cookieName, cookieOf, pageCsp, PAGE_CSP, secureFor } from './request.js';

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
