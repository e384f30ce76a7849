import fs from 'node:fs/promises';
import type { webcrypto } from 'node:crypto';
type CryptoKey = webcrypto.CryptoKey;
import path from 'node:path';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import { ROLES, type Principal, type Role } from '../domain/shared/principal.js';

export const LOCAL_ISSUER = 'urn:virkelyst:local';
export const AUDIENCE = 'virkelyst';
const ALG = 'EdDSA';

/** The local signing key, kept in the data dir. Used when no OIDC issuer is configured. */
export interface LocalKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export async function loadOrCreateLocalKey(dataDir: string): Promise<LocalKey> {
  const file = path.join(dataDir, 'keys', 'jwt-signing.jwk.json');
  let jwk: JWK;
  try {
    jwk = JSON.parse(await fs.readFile(file, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
    jwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: ALG };
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Two processes may race to make it: the first file written wins, the other reads it.
    try {
      await fs.writeFile(file, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      jwk = JSON.parse(await fs.readFile(file, 'utf8')) as JWK;
    }
  }
  const { d: _private, ...publicJwk } = jwk;
  return {
    kid: jwk.kid ?? 'local',
    privateKey: (await importJWK(jwk, ALG)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, ALG)) as CryptoKey,
  };
}

export interface TokenRequest {
  sub: string;
  role: Role;
  centreId?: string;
  /** For the partner role: the partner whose people they are. */
  partnerId?: string;
  /** Seconds; default 12 hours. */
  ttlSeconds?: number;
}

/** A bearer token signed with the local key (`virkelyst token`). */
export async function mintLocalToken(key: LocalKey, request: TokenRequest): Promise<string> {
  const claims: JWTPayload = { role: request.role, ...(request.centreId ? { centre: request.centreId } : {}), ...(request.partnerId ? { partner: request.partnerId } : {}) };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, kid: key.kid })
    .setSubject(request.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 12 * 3600}s`)
    .sign(key.privateKey);
}

/** Why a token was not accepted. Never carries the token itself. */
export class AuthenticationError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AuthenticationError';
  }
}

/** The identity provider could not be asked (down, or too slow): not the client's fault. */
export class IdentityProviderUnavailable extends Error {
  constructor() {
    super('the identity provider cannot be reached; try again shortly');
    this.name = 'IdentityProviderUnavailable';
  }
}

export type TokenVerifier = (token: string) => Promise<Principal>;

export interface OidcSettings {
  issuer: string;
  jwksUrl?: string;
  audience?: string;
}

/** Verifies bearer tokens against the local key, or an OIDC issuer's published keys. */
export function createTokenVerifier(source: { local: LocalKey } | { oidc: OidcSettings }): TokenVerifier {
  let getKey: CryptoKey | JWTVerifyGetKey;
  let issuer: string;
  let audience: string | undefined;
  if ('local' in source) {
    getKey = source.local.publicKey;
    issuer = LOCAL_ISSUER;
    audience = AUDIENCE;
  } else {
    issuer = source.oidc.issuer;
    audience = source.oidc.audience;
    let remote: JWTVerifyGetKey | null = null;
    getKey = async (header: Parameters<JWTVerifyGetKey>[0], token: Parameters<JWTVerifyGetKey>[1]) => {
      remote ??= createRemoteJWKSet(new URL(source.oidc.jwksUrl ?? (await discoverJwksUri(source.oidc.issuer))), { timeoutDuration: 5000 });
      return remote(header, token);
    };
  }
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey as JWTVerifyGetKey, {
        issuer,
        ...(audience ? { audience } : {}),
        algorithms: ['EdDSA', 'ES256', 'ES384', 'RS256', 'PS256'],
      }));
    } catch (error) {
      if (error instanceof IdentityProviderUnavailable || error instanceof joseErrors.JWKSTimeout || (error instanceof TypeError && /fetch/i.test(error.message))) {
        throw new IdentityProviderUnavailable();
      }
      throw new AuthenticationError(describeJoseError(error));
    }
    return principalFromClaims(payload);
  };
}

/** A verified token's claims as a principal: the one mapping, for the API's tokens and the web's ID tokens. */
export function principalFromClaims(payload: JWTPayload): Principal {
  const role = payload.role;
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new AuthenticationError('the token has no subject');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new AuthenticationError(`the token's role must be one of ${ROLES.join(', ')}`);
  }
  const centre = payload.centre;
  if (centre !== undefined && typeof centre !== 'string') throw new AuthenticationError("the token's centre must be a string");
  if ((role === 'staff' || role === 'board_member') && !centre) throw new AuthenticationError(`a ${role} token must name its centre`);
  const partner = payload.partner;
  if (partner !== undefined && typeof partner !== 'string') throw new AuthenticationError("the token's partner must be a string");
  if (role === 'partner' && !partner) throw new AuthenticationError('a partner token must name its partner');
  // Only a partner's people are bound to a partner: the claim means nothing for another role.
  return { id: payload.sub, role: role as Role, ...(centre ? { centreId: centre } : {}), ...(role === 'partner' && partner ? { partnerId: partner } : {}) };
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (error instanceof joseErrors.JOSEError) return 'the token is not a valid JWT for this service';
  return 'the token could not be verified';
}

async function discoverJwksUri(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let document: { jwks_uri?: string };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    document = (await response.json()) as { jwks_uri?: string };
  } catch {
    throw new IdentityProviderUnavailable();
  }
  if (!document.jwks_uri) throw new IdentityProviderUnavailable();
  return document.jwks_uri;
}
