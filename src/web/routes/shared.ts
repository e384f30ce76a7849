/**
 * What every area of the web UI shares: its dependencies, the visit, the guard that lets only a
 * role's own people onto its pages, and small readers for forms and queries. Each area
 * (public, sign-in, citizen, staff, board, auditor) registers its own routes with these.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditKey } from '../../audit/signing.js';
import type { Commands } from '../../commands/index.js';
import type { Database } from '../../database/connect.js';
import type { DomainError } from '../../domain/shared/errors.js';
import type { Principal, Role } from '../../domain/shared/principal.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import type { Vault } from '../../privacy/vault.js';
import { isRefusal } from '../command.js';
import type { Html } from '../html.js';
import type { PageContext } from '../layout.js';
import type { OidcClient } from '../oidc.js';
import { forbiddenPage, notFoundPage } from '../pages/errors.js';
import { seeOther, sendPage, visit } from '../request.js';

export type DevSignIn = 'loopback' | 'anywhere' | 'off';

export interface WebOptions {
  /** The key that signs tree heads: the auditor pages verify with it and publish it. */
  auditKey: AuditKey;
  database: Database;
  commands: Commands;
  vault: Vault;
  /** The API's token check; the web's own sessions are cookies signed with `sessionKey`. */
  verify: TokenVerifier;
  /** 32 bytes that sign session cookies and CSRF tokens (derived from the master key by the server). */
  sessionKey: Buffer;
  /** The root of every study's pseudonym key: the researcher's pages make exports with it. */
  researchKey: Buffer;
  /** Set when an identity provider is configured: then the local development sign-in is never offered. */
  oidcIssuer?: string;
  /** The web's client at that identity provider: sign-in by the OpenID Connect code flow (without it, nobody signs in to the pages). */
  oidc?: OidcClient;
  /**
   * Without an identity provider, where the local development sign-in answers: only to requests
   * from this machine (`loopback`, the default), from anywhere (`anywhere`, an explicit choice for
   * a shared test server), or nowhere (`off`, e.g. in production).
   */
  devSignIn?: DevSignIn;
}

/** One area of the web UI: the first path segments it owns, and its routes. */
export interface WebArea {
  /** First path segments under which a miss is this area's HTML 404 (never problem+json). */
  segments: readonly string[];
  register(app: FastifyInstance, options: WebOptions): void | Promise<void>;
}

/** Routes of the web are pages, not the API: hidden from the OpenAPI document. */
export const hide = { schema: { hide: true } } as const;

export const uuidLike = z.uuid();
export const isUuid = (value: unknown): value is string => uuidLike.safeParse(value).success;

/** One field of a form body (or undefined). */
export const fieldOf = (body: unknown, name: string): unknown => {
  const parsed = z.record(z.string(), z.unknown()).safeParse(body);
  return parsed.success ? parsed.data[name] : undefined;
};

/** A form field as a string, if it is one. */
export const textOf = (body: unknown, name: string): string | undefined => {
  const value = fieldOf(body, name);
  return typeof value === 'string' ? value : undefined;
};

/** A checkbox group's values: none, one (a string) or many (an array of strings). */
export const valuesOf = (body: unknown, name: string): string[] => {
  const value = fieldOf(body, name);
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

/** A query parameter as a string, if it is one. */
export const queryOf = (request: FastifyRequest, name: string): string | undefined => textOf(request.query, name);

/** Where a link may send the reader back to: a path of ours, never another site. */
export const localPath = (value: string | undefined) => (value && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : '/');


/** Someone signed in with one of the roles a page is for. */
export interface Signed {
  context: PageContext;
  principal: Principal;
}

/**
 * A page for some roles: others are sent to sign in (signed out) or told the page is not theirs.
 * Returns null when it has answered.
 */
export async function asRole(request: FastifyRequest, reply: FastifyReply, sessionKey: Buffer, roles: readonly Role[]): Promise<Signed | null> {
  const { context } = await visit(request, reply, sessionKey);
  if (!context.principal) {
    seeOther(reply, '/log-ind');
    return null;
  }
  if (!roles.includes(context.principal.role)) {
    sendPage(reply, 403, forbiddenPage(context));
    return null;
  }
  return { context, principal: context.principal };
}

/**
 * A page for the people of one centre (staff, board members): their principal carries the
 * centre, and everything they see or do is that centre's. Without one the page is not theirs.
 */
export async function asCentreRole(request: FastifyRequest, reply: FastifyReply, sessionKey: Buffer, roles: readonly Role[]): Promise<(Signed & { centreId: string }) | null> {
  const signed = await asRole(request, reply, sessionKey, roles);
  if (!signed) return null;
  if (!signed.principal.centreId) {
    sendPage(reply, 403, forbiddenPage(signed.context));
    return null;
  }
  return { ...signed, centreId: signed.principal.centreId };
}

/** The HTTP status a refused form is answered with: 400 for a value, 403, 404, 409 for a conflict, 410, else 422. */
export function refusalStatus(error: DomainError): number {
  switch (error.kind) {
    case 'invalid':
      return 400;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'gone':
      return 410;
    case 'precondition':
    case 'unprocessable':
      return 422;
    default: {
      const unknown: never = error.kind;
      return unknown;
    }
  }
}

/**
 * Runs a command; a refusal is answered by `answer` (with the status refusalStatus gives it) and
 * that reply returned, so the route stops. Null when it went through; anything that is not a
 * refusal is thrown on (a fault, not the person's doing).
 */
export async function refusedBy(run: () => Promise<unknown>, answer: (error: DomainError, status: number) => FastifyReply | Promise<FastifyReply>): Promise<FastifyReply | null> {
  try {
    await run();
    return null;
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return answer(error, refusalStatus(error));
  }
}

/** Runs a command; a refusal is answered with the page `render` makes of it (the form again, with the refusal). */
export const attempt = (reply: FastifyReply, run: () => Promise<unknown>, render: (error: DomainError) => Html | Promise<Html>): Promise<FastifyReply | null> =>
  refusedBy(run, async (error, status) => sendPage(reply, status, await render(error)));

/** The HTML 404 page, for what is not there or not the reader's to see. */
export const notFound = (reply: FastifyReply, context: PageContext) => sendPage(reply, 404, notFoundPage(context));
