import type { webcrypto } from 'node:crypto';
type CryptoKey = webcrypto.CryptoKey;
import http from 'node:http';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { ConfigError, loadConfig } from '../src/config.js';
import { AuthenticationError, createTokenVerifier, IdentityProviderUnavailable, loadOrCreateLocalKey, mintLocalToken } from '../src/identity/tokens.js';

describe('local tokens', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-keys-'));
  });
  afterAll(async () => fs.rm(dataDir, { recursive: true, force: true }));

  it('keeps one signing key in the data dir, readable only by its owner', async () => {
    const first = await loadOrCreateLocalKey(dataDir);
    const again = await loadOrCreateLocalKey(dataDir);
    expect(again.kid).toBe(first.kid);
    const stat = await fs.stat(path.join(dataDir, 'keys', 'jwt-signing.jwk.json'));
    expect(stat.mode & 0o077).toBe(0);
  });

  it('turns a token into a principal, and refuses one without its centre', async () => {
    const key = await loadOrCreateLocalKey(dataDir);
    const verify = createTokenVerifier({ local: key });
    expect(await verify(await mintLocalToken(key, { sub: 's-1', role: 'staff', centreId: 'c-1' }))).toEqual({ id: 's-1', role: 'staff', centreId: 'c-1' });
    expect(await verify(await mintLocalToken(key, { sub: 'b-1', role: 'citizen' }))).toEqual({ id: 'b-1', role: 'citizen' });
    await expect(verify(await mintLocalToken(key, { sub: 's-2', role: 'staff' }))).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('binds a partner’s people to their partner, refuses a partner token without one, and gives no other role a partner', async () => {
    const key = await loadOrCreateLocalKey(dataDir);
    const verify = createTokenVerifier({ local: key });
    expect(await verify(await mintLocalToken(key, { sub: 'p-1', role: 'partner', partnerId: 'fitness-fyn' }))).toEqual({ id: 'p-1', role: 'partner', partnerId: 'fitness-fyn' });
    await expect(verify(await mintLocalToken(key, { sub: 'p-2', role: 'partner' }))).rejects.toBeInstanceOf(AuthenticationError);
    expect(await verify(await mintLocalToken(key, { sub: 's-1', role: 'staff', centreId: 'c-1', partnerId: 'fitness-fyn' }))).toEqual({ id: 's-1', role: 'staff', centreId: 'c-1' });
  });
});

describe('OIDC tokens', () => {
  let server: http.Server;
  let issuer: string;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey as CryptoKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' };
    server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      else if (req.url === '/jwks') res.end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => new Promise((resolve) => server.close(resolve)));

  const sign = (claims: Record<string, unknown>, options: { iss?: string; aud?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'idp-1' })
      .setSubject('oidc-user')
      .setIssuer(options.iss ?? issuer)
      .setAudience(options.aud ?? 'virkelyst-api')
      .setExpirationTime('5m')
      .sign(privateKey);

  it('verifies against the issuer’s published keys, found by discovery', async () => {
    const verify = createTokenVerifier({ oidc: { issuer, audience: 'virkelyst-api' } });
    expect(await verify(await sign({ role: 'auditor' }))).toEqual({ id: 'oidc-user', role: 'auditor' });
  });

  it('says the provider is unavailable (not that the token is bad) when it cannot be reached', async () => {
    const down = createTokenVerifier({ oidc: { issuer: 'http://127.0.0.1:9', audience: 'virkelyst-api' } });
    await expect(down(await sign({ role: 'auditor' }))).rejects.toBeInstanceOf(IdentityProviderUnavailable);
  });

  it('refuses another issuer, another audience or an unknown role', async () => {
    const verify = createTokenVerifier({ oidc: { issuer, jwksUrl: `${issuer}/jwks`, audience: 'virkelyst-api' } });
    await expect(verify(await sign({ role: 'auditor' }, { iss: 'https://elsewhere.example' }))).rejects.toBeInstanceOf(AuthenticationError);
    await expect(verify(await sign({ role: 'auditor' }, { aud: 'another-api' }))).rejects.toBeInstanceOf(AuthenticationError);
    await expect(verify(await sign({ role: 'caseworker_with_sanctions' }))).rejects.toThrow(/role must be one of/);
  });
});

describe('configuration', () => {
  it('has defaults that need nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it('names the first bad variable, and never echoes a URL that may hold a password', () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: '70000' }, 'PORT'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ DATABASE_URL: 'mysql://root:secret@db/x' }, 'DATABASE_URL'],
      [{ OIDC_JWKS_URL: 'https://idp.example/jwks' }, 'OIDC_JWKS_URL'],
      [{ OIDC_ISSUER: 'https://idp.example' }, 'OIDC_AUDIENCE'],
      [{ VIRKELYST_MASTER_KEY: 'c2hvcnQ=' }, 'VIRKELYST_MASTER_KEY'],
    ];
    for (const [env, variable] of cases) {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).not.toContain('secret');
    }
  });
});
