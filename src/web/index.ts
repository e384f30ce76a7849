/**
 * The web UI: server-rendered pages on Det Fælles Designsystem, from the same fastify app as the
 * API. An edge like src/api/: pages read read-model queries and send commands through the command
 * path (`commands.handler`), never HTTP calls to the app and never the event store. Forms post
 * and redirect, so everything works without JavaScript. Paths are Danish and never an API's.
 *
 * Every POST carries a CSRF token bound to the browser's session (or pre-session) and is refused
 * with a 403 page before anything is read or recorded when the token is missing or wrong.
 *
 * Each user's pages are an area of their own in routes/ (public, sign-in, citizen, staff, board,
 * auditor), registered here after what they share: form bodies, the DKFDS files, the error pages
 * and the CSRF check.
 */
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../errors.js';
import { DKFDS_DIST, DKFDS_PATH, DKFDS_SERVED, INIT_SCRIPT, INIT_SCRIPT_PATH } from './assets.js';
import { CSRF_FIELD } from './components.js';
import type { PageContext } from './layout.js';
import { badRequestPage, badUrlPage, csrfRefusedPage, faultPage, notFoundPage, tooManyPage, unavailablePage } from './pages/errors.js';
import { csrfBinding, langOfRequest, sendPage, visit } from './request.js';
import { csrfValid } from './session.js';
import { auditorArea } from './routes/auditor.js';
import { boardArea } from './routes/board.js';
import { boardRecordsArea } from './routes/board-records.js';
import { budgetsArea } from './routes/budgets.js';
import { citizenArea } from './routes/citizen.js';
import { governancePublicArea } from './routes/governance-public.js';
import { publicArea } from './routes/public.js';
import { adminArea, openingHoursArea } from './routes/admin.js';
import { fieldOf, hide, type WebArea, type WebOptions } from './routes/shared.js';
import { signInArea } from './routes/sign-in.js';
import { staffArea } from './routes/staff.js';
import { researchArea } from './routes/research.js';
import { studiesArea } from './routes/studies.js';
import { catalogueArea } from './routes/catalogue.js';
import { localArea } from './routes/local.js';
import { ideasArea } from './routes/ideas.js';

export type { DevSignIn, WebOptions } from './routes/shared.js';

const AREAS: readonly WebArea[] = [publicArea, signInArea, citizenArea, staffArea, boardArea, boardRecordsArea, budgetsArea, governancePublicArea, auditorArea, adminArea, openingHoursArea, researchArea, studiesArea, catalogueArea, localArea, ideasArea];

/** The first path segments that are the web's: a miss under them is an HTML 404, not problem+json. */
const WEB_SEGMENTS = new Set(AREAS.flatMap((area) => area.segments));
/** The API's first segments: always problem+json. */
const API_SEGMENTS = new Set(['centres', 'journeys', 'calendars', 'budgets', 'audit', 'admin', 'counsellors', 'finance-act', 'health', 'ready', 'docs', 'openapi.json', 'research', 'ideas']);

/**
 * Whether a request the router could not place should get the web's HTML 404: a path under the
 * web's own segments, or any other path a browser asks for (Accept: text/html), unless it is the API's.
 */
export function wantsWebPage(request: FastifyRequest): boolean {
  const segment = (request.url.split('?')[0] ?? '/').split('/')[1] ?? '';
  if (API_SEGMENTS.has(segment)) return false;
  if (WEB_SEGMENTS.has(segment)) return true;
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.includes('text/html');
}

/**
 * A page for what the app answers before any route is found (a URL that cannot be decoded, too
 * many requests): the reader's language from the request, no session looked up (the request may
 * be refused because it is one too many), nothing of the request echoed.
 */
function bareContext(request: FastifyRequest): PageContext {
  return { lang: langOfRequest(request), principal: null, csrf: '', path: '/' };
}

/** The web's answers to a request refused before routing, for the app to use when `wantsWebPage`. */
export const webRefusalPages = {
  tooMany: (request: FastifyRequest, reply: FastifyReply, seconds: number) => sendPage(reply, 429, tooManyPage(bareContext(request), seconds)),
  badUrl: (request: FastifyRequest, reply: FastifyReply) => sendPage(reply, 400, badUrlPage(bareContext(request))),
};

/** The HTML 404, for the app's not-found handler to use under web paths. */
export function webNotFoundHandler(sessionKey: Buffer) {
  return async (request: FastifyRequest, reply: FastifyReply) => sendPage(reply, 404, notFoundPage((await visit(request, reply, sessionKey)).context));
}

/** The web's routes: hidden from the OpenAPI document (they are pages, not the API). */
export async function webRoutes(app: FastifyInstance, options: WebOptions): Promise<void> {
  const { sessionKey } = options;

  // Form bodies only in this context: the API still answers 415 to anything but JSON.
  await app.register(formbody);
  await app.register(fastifyStatic, {
    root: DKFDS_DIST,
    prefix: DKFDS_PATH,
    // The version is in the path: a new DKFDS is a new URL, so these may be kept for a year.
    maxAge: '365d',
    immutable: true,
    index: false,
    list: false,
    wildcard: true,
    allowedPath: (pathName) => DKFDS_SERVED.some((dir) => pathName.startsWith(`/${dir}/`)),
  });
  app.get(INIT_SCRIPT_PATH, hide, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(INIT_SCRIPT),
  );

  // A page's refusals and faults are pages too, in the reader's language; never problem+json here.
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const { context } = await visit(request, reply, sessionKey);
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: { type: 'database_unavailable' } }, 'the database was not there for a page');
      return sendPage(reply.header('retry-after', '2'), 503, unavailablePage(context));
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) return sendPage(reply, status === 413 ? 413 : 400, badRequestPage(context));
    request.log.error({ err: { type: error.code ?? error.name } }, 'a page failed');
    return sendPage(reply, 500, faultPage(context));
  });

  // Every POST: the CSRF token first, before anything is read or recorded.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const binding = csrfBinding(request, sessionKey);
    if (csrfValid(sessionKey, binding, fieldOf(request.body, CSRF_FIELD))) return;
    // Signing out of a session that is already gone needs no token: there is nothing to protect.
    if (request.routeOptions.url === '/log-ud' && binding === null) return;
    return sendPage(reply, 403, csrfRefusedPage((await visit(request, reply, sessionKey)).context));
  });

  for (const area of AREAS) await area.register(app, options);
}
