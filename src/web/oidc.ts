/**
 * Signing in at an OpenID Connect provider with the authorization code flow and PKCE (S256): the
 * shape MitID via NemLog-in uses. With `jose` and plain fetch; no client library, as the flow is a
 * handful of requests and every check is one we must be able to point at.
 *
 * 1. Discovery: the issuer's `/.well-known/openid-configuration` (its `issuer` must be the one
 *    configured), read once and kept for an hour.
 * 2. `begin`: a fresh state, nonce and PKCE verifier, sealed into a short-lived cookie bound to the
 *    browser (`vl_oidc`, 10 minutes, HttpOnly, SameSite=Lax), and the authorization endpoint's URL.
 * 3. `finish`, on the callback: the state must be the cookie's; the answer must be the issuer's
 *    (RFC 9207: an `iss` parameter, when there is one or discovery says there always is, must be the
 *    discovered issuer, so an answer from another provider is never taken for this one's — a
 *    mix-up attack); a provider error is said as such; the code is exchanged at the token endpoint with the verifier and the client's secret
 *    (client_secret_basic or client_secret_post); the ID token must be signed by a key of the
 *    issuer's JWKS, for this client (aud, and azp when there are several audiences), unexpired, and
 *    carry the flow's nonce. Its claims become a principal exactly as the API's token verifier
 *    makes one from a bearer token (src/identity/tokens.ts): `role`, `centre` for staff and
 *    board members, and `partner` (an id) for a partner's people.
 * 4. Those who act for the house (every role but `citizen`) must have signed in at one of the
 *    assurance levels OIDC_STAFF_ACR names (the ID token's `acr`, e.g. NSIS Substantial or High
 *    for MitID). Citizens are never held to it. As the role is known only after sign-in, the
 *    request asks for no level (`acr_values`) by default: asking would raise the bar for every
 *    citizen too. A staff member refused for their level is offered to sign in again with the
 *    accepted levels asked for (`begin` with `forStaff`).
 *
 * What the provider said is never kept: the session cookie holds the principal only, so the ID
 * token (which may carry a name or a CPR number) is neither stored nor logged.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { Principal } from '../domain/shared/principal.js';
import { AuthenticationError, principalFromClaims } from '../identity/tokens.js';
import { PERSON_ID, same, seal, unseal } from './session.js';

export type ClientAuth = 'client_secret_basic' | 'client_secret_post';

/** The web's client at the identity provider (OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL, …). */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  clientAuth: ClientAuth;
  /** The callback's absolute URL, as registered at the provider: `https://…/log-ind/callback`. */
  redirectUrl: string;
  /** Space-separated; includes `openid`. */
  scope: string;
  /** The issuer's keys, when not the discovered `jwks_uri` (OIDC_JWKS_URL). */
  jwksUrl?: string;
  /** Milliseconds each request to the provider may take (default 5 seconds). */
  timeoutMs?: number;
  /**
   * The `acr` values an ID token must carry for every role but `citizen` (OIDC_STAFF_ACR). Empty
   * or absent: no level is asked of anyone.
   */
  staffAcr?: readonly string[];
}

/** The path of the callback the provider sends the browser back to. */
export const CALLBACK_PATH = '/log-ind/callback';

/** What a sign-in in progress keeps in its cookie. */
export interface OidcFlow {
  state: string;
  nonce: string;
  verifier: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export const FLOW_SECONDS = 10 * 60;

const flowSchema = z
  .object({ state: z.string().min(43), nonce: z.string().min(43), verifier: z.string().min(43).max(128), expiresAt: z.number().int() })
  .strict();

export const sealFlow = (key: Buffer, flow: OidcFlow): string => seal(key, 'oidc-flow', flow);

/** The flow a cookie holds, or null if it is not one we sealed, or it has run out. */
export function openFlow(key: Buffer, cookie: string | undefined, now: number): OidcFlow | null {
  const parsed = flowSchema.safeParse(unseal(key, 'oidc-flow', cookie));
  return parsed.success && parsed.data.expiresAt > now ? parsed.data : null;
}

const random = () => randomBytes(32).toString('base64url');

/** A fresh flow: 256 bits each of state, nonce and verifier (a 43-character verifier, RFC 7636). */
export const newFlow = (now: number): OidcFlow => ({ state: random(), nonce: random(), verifier: random(), expiresAt: now + FLOW_SECONDS * 1000 });

/** PKCE S256: base64url(SHA-256(verifier)). */
export const codeChallenge = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/**
 * Why a sign-in did not happen. `expired`: no flow in this browser (or it ran out); `state`: the
 * answer was for another flow; `issuer`: the answer's `iss` is not our issuer's, or is missing
 * where the issuer always sends it (RFC 9207); `denied`: the person or the provider said no (`access_denied`);
 * `provider`: another error from the provider; `token`: the code or the ID token did not check
 * out; `claims`: a good ID token whose claims are no principal of ours; `assurance`: someone who
 * acts for the house signed in at a level OIDC_STAFF_ACR does not accept; `unavailable`: the
 * provider could not be reached.
 */
export type SignInRefusal = 'expired' | 'state' | 'issuer' | 'denied' | 'provider' | 'token' | 'claims' | 'assurance' | 'unavailable';

export type SignInOutcome = { principal: Principal } | { refused: SignInRefusal; detail: string };

/** The callback's query, as far as we read it. */
export interface CallbackQuery {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
  /** RFC 9207: the issuer the answer says it is from. */
  iss?: string | undefined;
}

/** The provider could not be asked (down, slow, or its answer was not a provider's). */
export class ProviderUnreachable extends Error {
  constructor(readonly detail: string) {
    super(`the identity provider could not be used: ${detail}`);
    this.name = 'ProviderUnreachable';
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An endpoint we may send a browser or a secret to: https, or http on this machine (development, tests). */
const endpoint = z.url().refine((value) => {
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}, 'must be https (or http on this machine)');

const metadataSchema = z
  .object({
    issuer: z.string(),
    authorization_endpoint: endpoint,
    token_endpoint: endpoint,
    jwks_uri: endpoint,
    end_session_endpoint: endpoint.optional(),
    code_challenge_methods_supported: z.array(z.string()).optional(),
    /** RFC 9207 §3: the issuer puts `iss` in every authorization response. */
    authorization_response_iss_parameter_supported: z.boolean().optional(),
  })
  .loose();

export type ProviderMetadata = z.infer<typeof metadataSchema>;

const tokenAnswer = z.object({ id_token: z.string().min(1) }).loose();
const errorAnswer = z.object({ error: z.string() }).loose();

/** The algorithms an ID token may be signed with: those the API accepts for bearer tokens. */
const ALGORITHMS = ['EdDSA', 'ES256', 'ES384', 'RS256', 'PS256'];
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

/** A provider's error code, if it is one (a code, never free text): for the log and the page. */
const errorCode = (value: unknown): string => (typeof value === 'string' && /^[a-z_]{1,64}$/.test(value) ? value : 'unknown');

/** One identity provider, one client. Made once by buildApp; it keeps the discovery document and the keys. */
export class OidcClient {
  private discovered: { metadata: ProviderMetadata; at: number; keys: JWTVerifyGetKey } | null = null;
  private discovering: Promise<NonNullable<OidcClient['discovered']>> | null = null;
  private readonly timeoutMs: number;

  constructor(readonly settings: OidcClientSettings) {
    this.timeoutMs = settings.timeoutMs ?? 5_000;
  }

  /** The origins a form of ours may lead to: the issuer's, and its end-session endpoint's once known. */
  formTargets(): string[] {
    const origins = new Set([new URL(this.settings.issuer).origin]);
    const end = this.discovered?.metadata.end_session_endpoint;
    if (end) origins.add(new URL(end).origin);
    return [...origins];
  }

  /** Reads the discovery document ahead of the first sign-in or sign-out; a failure waits for that. */
  warmUp(): void {
    this.provider().catch(() => undefined);
  }

  /** The discovery document. Throws ProviderUnreachable. */
  async metadata(): Promise<ProviderMetadata> {
    return (await this.provider()).metadata;
  }

  /** Whether those who act for the house are held to an assurance level. */
  get holdsStaffToAcr(): boolean {
    return (this.settings.staffAcr?.length ?? 0) > 0;
  }

  /**
   * A new flow and the authorization endpoint's URL to send the browser to. `forStaff`: asks for
   * the levels OIDC_STAFF_ACR accepts (`acr_values`), for someone who acts for the house and was
   * refused for their level; otherwise no level is asked (a citizen is never held to one).
   */
  async begin(now: number, lang?: string, forStaff = false): Promise<{ flow: OidcFlow; url: string }> {
    const { metadata } = await this.provider();
    const flow = newFlow(now);
    const url = new URL(metadata.authorization_endpoint);
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scope,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: codeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      ...(lang ? { ui_locales: lang } : {}),
      ...(forStaff && this.holdsStaffToAcr ? { acr_values: (this.settings.staffAcr ?? []).join(' ') } : {}),
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return { flow, url: url.toString() };
  }

  /** The callback: checks it against the browser's flow, exchanges the code, verifies the ID token, maps its claims. */
  async finish(flow: OidcFlow | null, query: CallbackQuery): Promise<SignInOutcome> {
    if (!flow) return { refused: 'expired', detail: 'no flow' };
    if (typeof query.state !== 'string' || !same(query.state, flow.state)) return { refused: 'state', detail: 'state' };
    let provider: NonNullable<OidcClient['discovered']>;
    try {
      provider = await this.provider();
    } catch (error) {
      return { refused: 'unavailable', detail: error instanceof ProviderUnreachable ? error.detail : 'discovery' };
    }
    // RFC 9207 §2.4: before anything in the answer is used (its error too), it must be our issuer's.
    const issuerRefusal = checkIssuer(provider.metadata, query.iss);
    if (issuerRefusal) return issuerRefusal;
    if (query.error !== undefined) {
      const code = errorCode(query.error);
      if (code === 'access_denied') return { refused: 'denied', detail: code };
      if (code === 'temporarily_unavailable') return { refused: 'unavailable', detail: code };
      return { refused: 'provider', detail: code };
    }
    if (typeof query.code !== 'string' || query.code.length === 0) return { refused: 'token', detail: 'no code' };
    const exchanged = await this.exchange(provider.metadata, query.code, flow.verifier);
    if ('refused' in exchanged) return exchanged;
    return this.verifyIdToken(provider, exchanged.idToken, flow.nonce);
  }

  /** Where the browser goes to end its session at the provider too, or null when it has no end-session endpoint. */
  async endSessionUrl(lang?: string): Promise<string | null> {
    const { metadata } = await this.provider();
    if (!metadata.end_session_endpoint) return null;
    const url = new URL(metadata.end_session_endpoint);
    // No id_token_hint: the session keeps no ID token (it may carry personal data); client_id names us.
    url.searchParams.set('client_id', this.settings.clientId);
    url.searchParams.set('post_logout_redirect_uri', this.postLogoutRedirect());
    if (lang) url.searchParams.set('ui_locales', lang);
    return url.toString();
  }

  /** Where the provider sends the browser after signing out: our front page, on the callback's origin. */
  postLogoutRedirect(): string {
    return new URL('/', this.settings.redirectUrl).toString();
  }

  private async exchange(metadata: ProviderMetadata, code: string, verifier: string): Promise<{ idToken: string } | { refused: SignInRefusal; detail: string }> {
    const { clientId, clientSecret, clientAuth, redirectUrl } = this.settings;
    const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUrl, code_verifier: verifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (clientAuth === 'client_secret_basic') {
      // RFC 6749 §2.3.1: each part form-encoded before the two are joined.
      const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
      headers.authorization = `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
    } else {
      body.set('client_id', clientId);
      body.set('client_secret', clientSecret);
    }
    let response: Response;
    let answer: unknown;
    try {
      response = await fetch(metadata.token_endpoint, { method: 'POST', headers, body, redirect: 'error', signal: AbortSignal.timeout(this.timeoutMs) });
      answer = await response.json().catch(() => undefined);
    } catch {
      return { refused: 'unavailable', detail: 'token endpoint' };
    }
    if (response.status >= 500) return { refused: 'unavailable', detail: `token endpoint ${response.status}` };
    if (!response.ok) {
      const error = errorAnswer.safeParse(answer);
      return { refused: 'token', detail: error.success ? errorCode(error.data.error) : `token endpoint ${response.status}` };
    }
    const parsed = tokenAnswer.safeParse(answer);
    return parsed.success ? { idToken: parsed.data.id_token } : { refused: 'token', detail: 'no id_token' };
  }

  private async verifyIdToken(provider: NonNullable<OidcClient['discovered']>, idToken: string, nonce: string): Promise<SignInOutcome> {
    const { clientId } = this.settings;
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(idToken, provider.keys, {
        issuer: provider.metadata.issuer,
        audience: clientId,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWKSTimeout || (error instanceof TypeError && /fetch/i.test(error.message))) return { refused: 'unavailable', detail: 'jwks' };
      return { refused: 'token', detail: joseDetail(error) };
    }
    if (typeof payload.nonce !== 'string' || !same(payload.nonce, nonce)) return { refused: 'token', detail: 'nonce' };
    // OpenID Connect Core §3.1.3.7: with more than one audience, the token must be meant for us.
    if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== clientId) return { refused: 'token', detail: 'azp' };
    let principal: Principal;
    try {
      // The API's own mapping, on the claims just verified: one way from claims to a principal.
      principal = principalFromClaims(payload);
    } catch (error) {
      if (error instanceof AuthenticationError) return { refused: 'claims', detail: error.reason };
      throw error;
    }
    // The session carries only what it can carry: a person id of plain characters, a centre and a partner that are ids.
    if (!PERSON_ID.test(principal.id)) return { refused: 'claims', detail: 'the subject is not a person id the web accepts' };
    if (principal.centreId !== undefined && !z.uuid().safeParse(principal.centreId).success) return { refused: 'claims', detail: 'the centre is not an id' };
    // A partner's people sign in bound to their partner (the `partner` claim, which principalFromClaims requires of them).
    if (principal.role === 'partner' && (principal.partnerId === undefined || !z.uuid().safeParse(principal.partnerId).success)) return { refused: 'claims', detail: 'the partner is not an id' };
    const assurance = checkAssurance(principal, payload.acr, this.settings.staffAcr ?? []);
    if (assurance) return assurance;
    return { principal };
  }

  private async provider(): Promise<NonNullable<OidcClient['discovered']>> {
    if (this.discovered && Date.now() - this.discovered.at < DISCOVERY_TTL_MS) return this.discovered;
    this.discovering ??= this.discover().finally(() => {
      this.discovering = null;
    });
    return this.discovering;
  }

  private async discover(): Promise<NonNullable<OidcClient['discovered']>> {
    const { issuer } = this.settings;
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let document: unknown;
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) throw new ProviderUnreachable(`discovery answered ${response.status}`);
      document = await response.json();
    } catch (error) {
      throw error instanceof ProviderUnreachable ? error : new ProviderUnreachable('discovery could not be read');
    }
    const parsed = metadataSchema.safeParse(document);
    if (!parsed.success) throw new ProviderUnreachable('the discovery document is not one we can use');
    const metadata = parsed.data;
    // OpenID Connect Discovery §4.3: the document must name the issuer it was asked of.
    if (metadata.issuer !== issuer) throw new ProviderUnreachable('the discovery document names another issuer');
    const methods = metadata.code_challenge_methods_supported;
    if (methods && !methods.includes('S256')) throw new ProviderUnreachable('the provider does not support PKCE with S256');
    const jwksUrl = this.settings.jwksUrl ?? metadata.jwks_uri;
    // The same keys (and the same issuer, the client as audience) for the API's claim mapping.
    const previous = this.discovered;
    const sameKeys = previous && (this.settings.jwksUrl ?? previous.metadata.jwks_uri) === jwksUrl;
    const keys = sameKeys ? previous.keys : createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: this.timeoutMs });
    this.discovered = { metadata, at: Date.now(), keys };
    return this.discovered;
  }
}

/**
 * RFC 9207 §2.4: an `iss` in the answer must be the discovered issuer (simple string comparison);
 * one the issuer says it always sends must be there. Null when the answer may be used.
 */
export function checkIssuer(metadata: Pick<ProviderMetadata, 'issuer' | 'authorization_response_iss_parameter_supported'>, iss: string | undefined): { refused: 'issuer'; detail: string } | null {
  if (iss === undefined) return metadata.authorization_response_iss_parameter_supported === true ? { refused: 'issuer', detail: 'no iss, though the issuer sends one' } : null;
  // Never the value itself in the detail (it is logged): it is whatever the answer said.
  return iss === metadata.issuer ? null : { refused: 'issuer', detail: 'iss is another issuer' };
}

/**
 * Whether a principal signed in at a level they are held to: every role but `citizen`, when
 * levels are configured, needs an `acr` among them. Null when they may be signed in.
 */
export function checkAssurance(principal: Pick<Principal, 'role'>, acr: unknown, accepted: readonly string[]): { refused: 'assurance'; detail: string } | null {
  if (principal.role === 'citizen' || accepted.length === 0) return null;
  if (typeof acr !== 'string') return { refused: 'assurance', detail: `no acr for ${principal.role}` };
  return accepted.includes(acr) ? null : { refused: 'assurance', detail: `acr not accepted for ${principal.role}` };
}

function joseDetail(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim ${error.claim}`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'no matching key';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'algorithm';
  return 'not a valid JWT';
}
