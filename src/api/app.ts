import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from '@fastify/helmet';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Commands } from '../commands/index.js';
import type { Database } from '../database/connect.js';
import type { TokenVerifier } from '../identity/tokens.js';
import type { ProjectionEngine } from '../projections/engine/engine.js';
import { errorHandler, notFoundHandler, problem, sendProblem } from './problem.js';
import { openapiDocument, openapiTransform, openapiTransformObject } from './openapi.js';
import { guardUnstorableText } from './text-guard.js';
import { DEFAULT_RATE_LIMITS, installRateLimits, type RateLimits } from './rate-limits.js';
import { centreRoutes } from './routes/centres.js';
import { healthRoutes } from './routes/health.js';
import { journeyRoutes } from './routes/journeys.js';
import { calendarRoutes } from './routes/calendars.js';
import { boardRoutes } from './routes/board.js';
import { budgetRoutes } from './routes/budgets.js';
import { journeyViewRoutes } from './routes/journey-views.js';
import { auditRoutes } from './routes/audit.js';
import { researchRoutes } from './routes/research.js';
import { studyRoutes } from './routes/studies.js';
import { partnerRoutes } from './routes/partners.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { referralRoutes } from './routes/referrals.js';
import { activityRoutes } from './routes/activities.js';
import { groupRoutes } from './routes/groups.js';
import { ventureRoutes } from './routes/ventures.js';
import { ideaRoutes } from './routes/ideas.js';
import type { AuditKey } from '../audit/signing.js';
import type { Vault } from '../privacy/vault.js';
import { type DevSignIn, wantsWebPage, webNotFoundHandler, webRefusalPages, webRoutes } from '../web/index.js';
import { type EndedSessions, PostgresEndedSessions } from '../web/ended-sessions.js';
import { OidcClient, type OidcClientSettings } from '../web/oidc.js';
import { provideWebEdge } from '../web/request.js';

const NO_QUERY = z.object({}).strict();
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface AppOptions {
  database: Database;
  /** The command side: handler, facts and processes (src/wiring.ts builds it). */
  commands: Commands;
  vault: Vault;
  auditKey: AuditKey;
  engine: ProjectionEngine;
  verify: TokenVerifier;
  /** pino options, or false for no request logs (tests). */
  logger?: FastifyServerOptions['logger'];
  bodyLimit?: number;
  readyMaxLag?: number;
  /** Requests allowed per window (default DEFAULT_RATE_LIMITS); false only for tests that send thousands. */
  rateLimits?: RateLimits | false;
  /**
   * Behind a reverse proxy: the proxies' addresses or CIDR ranges, whose X-Forwarded-For gives the
   * client's address (rate limits count per address). By address, not by hop count: a client that
   * reaches the app directly cannot claim another's address.
   */
  trustProxy?: string;
  /**
   * 32 bytes that sign the web's session cookies and CSRF tokens (the server derives them from the
   * master key). Without it, a random key for this process: web sessions end when it stops.
   */
  sessionKey?: Buffer;
  /** The identity provider, when one is configured: the web then never offers its local development sign-in. */
  oidcIssuer?: string;
  /** Where the web's local development sign-in answers without an identity provider (default: this machine only). */
  devSignIn?: DevSignIn;
  /** The web's client at the identity provider: the pages then sign people in by the OpenID Connect code flow. */
  oidcClient?: OidcClientSettings;
  /**
   * The root of every study's pseudonym key (the server derives it from the master key, like the
   * session key). Without it, a random key for this process: pseudonyms then change on restart.
   */
  researchKey?: Buffer;
  /** The web's signed-out sessions (default: the table in this database, with a cache in this process). */
  endedSessions?: EndedSessions;
}

/**
 * Request logs carry method, route and status only: the route's pattern (`/journeys/:citizenId`),
 * never the path itself (it holds person ids), no query strings (they may hold personal data), no
 * headers (they hold bearer tokens), no bodies. A request no route took is logged as such.
 */
export const requestSerializers = {
  req: (req: { method: string; id: string; routeOptions?: { url?: string } }) => ({ id: req.id, method: req.method, route: req.routeOptions?.url ?? '(no route)' }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

/** The HTTP API, without listening: tests use `app.inject`, `main` calls `listen`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const logger = options.logger === undefined || options.logger === false ? false : { ...(options.logger as object), serializers: requestSerializers };
  const app = Fastify({
    logger,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Finish requests in flight on close; refuse new ones with 503.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A URL the router cannot decode: answer in problem+json, without echoing it (it may hold data).
    frameworkErrors: (error, request, reply) =>
      wantsWebPage(request)
        ? webRefusalPages.badUrl(request, reply)
        : sendProblem(reply, problem(400, error.code === 'FST_ERR_BAD_URL' ? 'bad_url' : 'bad_request', 'the request URL is not valid')),
    // A caller's request id is kept when it is a plain token, so logs can be followed across
    // services; anything else gets an id of our own. It comes back in `x-request-id`.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  // Security headers on every response. The API's own answers are JSON, so nothing may be framed
  // or loaded from them; the API docs set their own policy for their page.
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
  });
  // A response finished during shutdown closes its connection, so that close() need not wait for
  // keep-alive clients to go away.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    reply.header('x-request-id', request.id);
    // Answers may carry personal data: no cache keeps them (the docs' static files may be kept).
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // A query-string field a route does not declare is a 400, like an unknown body field.
  app.addHook('onRoute', (route) => {
    if (route.schema && !route.schema.hide && route.schema.querystring === undefined) route.schema.querystring = NO_QUERY;
  });
  guardUnstorableText(app);
  if (options.rateLimits !== false) await installRateLimits(app, options.rateLimits ?? DEFAULT_RATE_LIMITS, { wanted: wantsWebPage, tooMany: webRefusalPages.tooMany });
  app.setErrorHandler(errorHandler);
  const sessionKey = options.sessionKey ?? randomBytes(32);
  const researchKey = options.researchKey ?? randomBytes(32);
  // What the web needs around it, for every context (the 404 below too): the ended sessions, and
  // the identity provider's origins, to which the sign-out form's redirect may lead.
  const oidc = options.oidcClient ? new OidcClient(options.oidcClient) : undefined;
  provideWebEdge(app, {
    endedSessions: options.endedSessions ?? new PostgresEndedSessions(options.database.db),
    formTargets: () => oidc?.formTargets() ?? [],
  });
  if (oidc) app.addHook('onReady', async () => oidc.warmUp());
  // The API answers an unknown route in problem+json; a browser asking for a page gets the web's HTML 404.
  const webNotFound = webNotFoundHandler(sessionKey);
  app.setNotFoundHandler((request, reply) => (wantsWebPage(request) ? webNotFound(request, reply) : notFoundHandler(request, reply)));
  // JSON only: any other body is a 415, not a string for the schema to puzzle over.
  app.removeContentTypeParser('text/plain');

  // The document is built from the routes' zod schemas; see openapi.ts for what it adds.
  await app.register(swagger, { openapi: openapiDocument(), transform: openapiTransform, transformObject: openapiTransformObject });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const { handler, facts, ballots } = options.commands;
  await app.register(healthRoutes, { database: options.database, engine: options.engine, maxLag: options.readyMaxLag ?? 1000 });
  await app.register(centreRoutes, { database: options.database, facts, handler, verify: options.verify });
  await app.register(calendarRoutes, { database: options.database, facts, handler, verify: options.verify });
  await app.register(auditRoutes, { database: options.database, verify: options.verify, auditKey: options.auditKey });
  await app.register(journeyViewRoutes, { database: options.database, verify: options.verify, vault: options.vault });
  await app.register(journeyRoutes, { facts, handler, verify: options.verify, vault: options.vault });
  await app.register(boardRoutes, { database: options.database, facts, handler, verify: options.verify, ballots, records: options.commands.boardRecords, vault: options.vault });
  await app.register(budgetRoutes, { database: options.database, facts, handler, verify: options.verify });
  await app.register(researchRoutes, { database: options.database, verify: options.verify, vault: options.vault });
  await app.register(studyRoutes, { database: options.database, handler, verify: options.verify, researchKey, vault: options.vault });
  // Issue 13: partners and their agreements, the catalogue, referrals, local activities, groups and the entrepreneurs' track.
  await app.register(partnerRoutes, { database: options.database, facts, handler, verify: options.verify, vault: options.vault });
  await app.register(catalogueRoutes, { database: options.database, facts, handler, verify: options.verify });
  await app.register(referralRoutes, { database: options.database, facts, handler, verify: options.verify, vault: options.vault });
  await app.register(activityRoutes, { database: options.database, handler, verify: options.verify });
  await app.register(groupRoutes, { database: options.database, facts, handler, verify: options.verify, vault: options.vault });
  await app.register(ventureRoutes, { database: options.database, facts, handler, verify: options.verify, vault: options.vault });
  // Citizens' ideas for the development budget, answered by the board.
  await app.register(ideaRoutes, { database: options.database, facts, ideas: options.commands.ideas, verify: options.verify, vault: options.vault });
  // The web UI: pages on the same command path and read models (src/web/).
  await app.register(webRoutes, {
    database: options.database,
    commands: options.commands,
    vault: options.vault,
    verify: options.verify,
    auditKey: options.auditKey,
    sessionKey,
    researchKey,
    ...(options.oidcIssuer || oidc ? { oidcIssuer: options.oidcIssuer ?? oidc?.settings.issuer } : {}),
    ...(oidc ? { oidc } : {}),
    ...(options.devSignIn ? { devSignIn: options.devSignIn } : {}),
  });
  return app;
}
