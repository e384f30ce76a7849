import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { RateLimits } from '../config.js';
import { problem, sendProblem } from './problem.js';

export { DEFAULT_RATE_LIMITS, type RateLimits } from '../config.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** One IPv6 allocation (a /64) counts as one address, and `::ffff:a.b.c.d` as `a.b.c.d`. */
const addressOf = (request: FastifyRequest) => normalizeIP(request.ip, 64);
/** A request that tries to sign in: it carries credentials. */
const signsIn = (request: FastifyRequest) => request.headers.authorization !== undefined;

/** How a refusal is answered to a browser asking for a page (the web's pages), instead of problem+json. */
export interface RefusalPages {
  wanted(request: FastifyRequest): boolean;
  tooMany(request: FastifyRequest, reply: FastifyReply, seconds: number): unknown;
}

type Check = FastifyInstance['createRateLimit'] extends (o?: never) => infer C ? C : never;

/**
 * Installs the limits on `app` (the store is this process's memory: with several instances
 * behind a balancer each keeps its own count). Must run before routes are added.
 */
export async function installRateLimits(app: FastifyInstance, limits: RateLimits, pages?: RefusalPages): Promise<void> {
  const tooMany: TooMany = (request, reply, seconds, detail) => {
    const wait = Math.max(1, seconds);
    reply.header('retry-after', String(wait));
    return pages?.wanted(request) ? pages.tooMany(request, reply, wait) : sendProblem(reply, problem(429, 'too_many_requests', `${detail}; try again in ${wait} s (nothing was recorded)`));
  };
  await app.register(rateLimit, { global: false, timeWindow: limits.windowMs });
  const perIp = app.createRateLimit({ max: limits.writesPerIp, timeWindow: limits.windowMs, keyGenerator: (r) => `ip:${addressOf(r)}` });
  const perPrincipal = app.createRateLimit({
    max: limits.writesPerPrincipal,
    timeWindow: limits.windowMs,
    // Only called once a token was verified (see below).
    keyGenerator: (r) => `principal:${r.principal?.role}:${r.principal?.id}`,
  });
  const failedSignIns = app.createRateLimit({ max: limits.failedSignInsPerIp, timeWindow: limits.windowMs, keyGenerator: (r) => `signin:${addressOf(r)}` });

  app.addHook('onRequest', async (request, reply) => {
    // Past the failed sign-ins allowed, every sign-in from the address waits out the window;
    // requests without credentials (public pages, /health, /ready) go on.
    if (signsIn(request)) {
      const signIns = await failedSignIns(request, { increment: false });
      if (!signIns.isAllowed && signIns.remaining <= 0) return tooMany(request, reply, signIns.ttlInSeconds, 'too many failed sign-ins from this address');
    }
    if (WRITES.has(request.method)) return enforce(perIp, request, reply, 'too many changes from this address', tooMany);
  });
  // After the route's own authentication, so the count is the verified person's.
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((m) => WRITES.has(m))) return;
    const own = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    route.preHandler = [
      ...own,
      async (request: FastifyRequest, reply: FastifyReply) => {
        if (request.principal) return enforce(perPrincipal, request, reply, 'too many changes by you in a short time', tooMany);
      },
    ];
  });
  app.addHook('onResponse', async (request, reply) => {
    // A token that was sent and refused; a request that sent none is no failed sign-in.
    if (reply.statusCode === 401 && signsIn(request)) await failedSignIns(request);
  });
}

type TooMany = (request: FastifyRequest, reply: FastifyReply, seconds: number, detail: string) => unknown;

async function enforce(check: Check, request: FastifyRequest, reply: FastifyReply, detail: string, tooMany: TooMany) {
  const result = await check(request);
  if (result.isAllowed || !result.isExceeded) return;
  return tooMany(request, reply, result.ttlInSeconds, detail);
}
