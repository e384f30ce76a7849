import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkAssurance, checkIssuer, codeChallenge, FLOW_SECONDS, newFlow, openFlow, sealFlow } from './oidc.js';
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

describe('the answer’s issuer (RFC 9207)', () => {
  const issuer = 'https://idp.example';
  it('takes an iss that is the issuer, and an answer without one from an issuer that does not send it', () => {
    expect(checkIssuer({ issuer }, issuer)).toBeNull();
    expect(checkIssuer({ issuer, authorization_response_iss_parameter_supported: true }, issuer)).toBeNull();
    expect(checkIssuer({ issuer }, undefined)).toBeNull();
    expect(checkIssuer({ issuer, authorization_response_iss_parameter_supported: false }, undefined)).toBeNull();
  });
  it('refuses another issuer (by simple string comparison), and no iss from an issuer that always sends it', () => {
    for (const other of ['https://evil.example', `${issuer}/`, 'https://IDP.example', '']) expect(checkIssuer({ issuer }, other)?.refused).toBe('issuer');
    expect(checkIssuer({ issuer, authorization_response_iss_parameter_supported: true }, undefined)).toEqual({ refused: 'issuer', detail: 'no iss, though the issuer sends one' });
    // The value is never in the detail, which is logged.
    expect(checkIssuer({ issuer }, 'https://evil.example/<b>')?.detail).not.toContain('evil');
  });
});

describe('the level of assurance of those who act for the house', () => {
  const accepted = ['https://data.gov.dk/concept/core/nsis/loa/Substantial', 'https://data.gov.dk/concept/core/nsis/loa/High'];
  it('holds every role but citizen to an accepted acr, when levels are configured', () => {
    for (const role of ['staff', 'partner', 'board_member', 'researcher', 'auditor', 'admin'] as const) {
      expect(checkAssurance({ role }, undefined, accepted)?.refused, role).toBe('assurance');
      expect(checkAssurance({ role }, 'https://data.gov.dk/concept/core/nsis/loa/Low', accepted)?.refused, role).toBe('assurance');
      expect(checkAssurance({ role }, ['https://data.gov.dk/concept/core/nsis/loa/High'], accepted)?.refused, role).toBe('assurance');
      expect(checkAssurance({ role }, accepted[1], accepted), role).toBeNull();
      expect(checkAssurance({ role }, undefined, []), role).toBeNull();
    }
  });
  it('never holds a citizen to it', () => {
    expect(checkAssurance({ role: 'citizen' }, undefined, accepted)).toBeNull();
    expect(checkAssurance({ role: 'citizen' }, 'https://data.gov.dk/concept/core/nsis/loa/Low', accepted)).toBeNull();
  });
});
