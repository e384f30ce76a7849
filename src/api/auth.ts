import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../domain/shared/principal.js';
import { AuthenticationError, type TokenVerifier } from '../identity/tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** A preHandler that requires a valid bearer token and sets `request.principal`. */
export function requirePrincipal(verify: TokenVerifier) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const header = request.headers.authorization;
    if (!header) throw new AuthenticationError('send a bearer token in the Authorization header');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
    request.principal = await verify(match[1]!);
  };
}

/** Where routes for signed-in callers are registered: see `authenticatedContext`. */
export interface AuthenticatedContext {
  /** Registers routes in the context; call it while the route plugin loads. */
  add(routes: (authed: FastifyInstance) => void): void;
  /** Checks the caller's token, as the context's preHandler does: for a route that must do so before it reads a large body. */
  authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

/**
 * One child context for a plugin's routes that need a signed-in caller: its one preHandler
 * verifies the bearer token and sets `request.principal` before any of its handlers run; inside,
 * `principalOf(request)` reads it, typed. Public routes stay outside it. The routes are collected
 * while the plugin loads and registered together when fastify loads the child, right after.
 */
export function authenticatedContext(app: FastifyInstance, verify: TokenVerifier): AuthenticatedContext {
  const pending: ((authed: FastifyInstance) => void)[] = [];
  let loaded = false;
  app.register(async (authed) => {
    loaded = true;
    // Every request has the property from the start (one shape for the request object).
    if (!authed.hasRequestDecorator('principal')) authed.decorateRequest('principal', undefined);
    authed.addHook('preHandler', requirePrincipal(verify));
    for (const routes of pending) routes(authed);
  });
  return {
    add(routes) {
      if (loaded) throw new Error('authenticated routes are added while their plugin loads, before the context is');
      pending.push(routes);
    },
    authenticate: requirePrincipal(verify),
  };
}

/** The principal of a request that passed `requirePrincipal`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AuthenticationError('not authenticated');
  return request.principal;
}

/** The board and staff of a centre, and administrators: they see its drafts and open business. */
export const insiderOf = (principal: Principal | undefined, centreId: string) =>
  principal?.role === 'admin' || ((principal?.role === 'board_member' || principal?.role === 'staff') && principal.centreId === centreId);

/**
 * An insider who may read what is not yet public: as `insiderOf`, and a board member only while
 * they hold a seat on the centre's board (a fact from the board's stream, not the token alone).
 */
export const seatedInsider = async (sitsOnBoard: (centreId: string, principal: Principal) => Promise<boolean>, principal: Principal | undefined, centreId: string) =>
  insiderOf(principal, centreId) && (principal?.role !== 'board_member' || (await sitsOnBoard(centreId, principal)));

/** A preHandler for public reads that say more to the signed in: a token is checked if sent. */
export function optionalPrincipal(verify: TokenVerifier) {
  const required = requirePrincipal(verify);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.headers.authorization !== undefined) await required(request, reply);
  };
}
