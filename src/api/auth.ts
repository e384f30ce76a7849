import type { FastifyReply, FastifyRequest } from 'fastify';
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

/** The principal of a request that passed `requirePrincipal`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AuthenticationError('not authenticated');
  return request.principal;
}

/** The board and staff of a centre, and administrators: they see its drafts and open business. */
export const insiderOf = (principal: Principal | undefined, centreId: string) =>
  principal?.role === 'admin' || ((principal?.role === 'board_member' || principal?.role === 'staff') && principal.centreId === centreId);

/** A preHandler for public reads that say more to the signed in: a token is checked if sent. */
export function optionalPrincipal(verify: TokenVerifier) {
  const required = requirePrincipal(verify);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.headers.authorization !== undefined) await required(request, reply);
  };
}
