import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeChallenge, FLOW_SECONDS, newFlow, openFlow, sealFlow } from './oidc.js';
import { seal } from './session.js';

const key = randomBytes(32);

describe('PKCE', () => {
  it('makes the S256 challenge of RFC 7636, appendix B', () => {
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});

describe('the flow cookie', () => {
  it('holds fresh, distinct random values of 256 bits, for ten minutes', () => {
    const now = Date.now();
    const flow = newFlow(now);
    expect(flow.expiresAt).toBe(now + FLOW_SECONDS * 1000);
    for (const value of [flow.state, flow.nonce, flow.verifier]) expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([flow.state, flow.nonce, flow.verifier]).size).toBe(3);
    expect(newFlow(now).state).not.toBe(flow.state);
  });

  it('opens only as we sealed it, and not once it has run out', () => {
    const now = Date.now();
    const flow = newFlow(now);
    const cookie = sealFlow(key, flow);
    expect(openFlow(key, cookie, now)).toEqual(flow);
    expect(openFlow(key, cookie, flow.expiresAt)).toBeNull();
    expect(openFlow(randomBytes(32), cookie, now)).toBeNull();
    const [payload = '', signature = ''] = cookie.split('.');
    const changed = Buffer.from(JSON.stringify({ ...flow, state: 'A'.repeat(43) })).toString('base64url');
    expect(openFlow(key, `${changed}.${signature}`, now)).toBeNull();
    expect(openFlow(key, `${payload}.${signature}x`, now)).toBeNull();
    expect(openFlow(key, undefined, now)).toBeNull();
    // A session sealed with the same key is not a flow, nor the other way round.
    expect(openFlow(key, seal(key, 'session', flow), now)).toBeNull();
  });
});
