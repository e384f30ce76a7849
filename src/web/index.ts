/**
 * The web UI: server-rendered pages on Det Fælles Designsystem, from the same fastify app as the
 * API. An edge like src/api/: pages read read-model queries and send commands through the command
 * path (`commands.handler`), never HTTP calls to the app and never the event store. Forms post
 * and redirect, so everything works without JavaScript. Paths are Danish and never an API's.
 *
 * Every POST carries a CSRF token bound to the browser's session (or pre-session) and is refused
 * with a 403 page before anything is read or recorded when the token is missing or wrong.
 */
import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Commands } from '../commands/index.js';
import type { Database } from '../database/connect.js';
import { journeyDecider } from '../domain/journey/decide.js';
import { derivedId } from '../ids.js';
import type { TokenVerifier } from '../identity/tokens.js';
import { isDatabaseUnavailable } from '../errors.js';
import type { Principal } from '../domain/shared/principal.js';
import type { Vault } from '../privacy/vault.js';
import { getCentre, listCentres } from '../projections/centres/queries.js';
import { citizenRecords, journeyCentre, journeyReaderOf } from '../projections/journeys/queries.js';
import { DKFDS_DIST, DKFDS_PATH, DKFDS_SERVED, INIT_SCRIPT, INIT_SCRIPT_PATH } from './assets.js';
import { formCommandContext, isRefusal, refusalOf } from './command.js';
import { CSRF_FIELD, IDEMPOTENCY_FIELD } from './components.js';
import { LANG_COOKIE, isLang } from './i18n.js';
import type { PageContext } from './layout.js';
import { accessibilityPage } from './pages/accessibility.js';
import { GOAL_CATEGORIES } from '../domain/journey/journey.js';
import { checkStartPage, chooseCentrePage, closeJourneyPage, goalErrors, goalPage, minePage, recordsPage } from './pages/citizen.js';
import { badRequestPage, csrfRefusedPage, faultPage, forbiddenPage, notFoundPage, unavailablePage } from './pages/errors.js';
import { centrePage, homePage } from './pages/public.js';
import { devSignInPage, devSignInRefusedPage, identityProviderPendingPage, principalFrom, signInAnswers } from './pages/sign-in.js';
import {
  clearCookie,
  csrfBinding,
  LANG_COOKIE_SECONDS,
  seeOther,
  sendPage,
  SESSION_COOKIE_SECONDS,
  setCookie,
  visit,
  type Visit,
} from './request.js';
import { csrfValid, newSession, PRE_SESSION_COOKIE, sealSession, SESSION_COOKIE } from './session.js';

export interface WebOptions {
  database: Database;
  commands: Commands;
  vault: Vault;
  /** The API's token check; the web's own sessions are cookies signed with `sessionKey`. */
  verify: TokenVerifier;
  /** 32 bytes that sign session cookies and CSRF tokens (derived from the master key by the server). */
  sessionKey: Buffer;
  /** Set when an identity provider is configured: then the local development sign-in is never offered. */
  oidcIssuer?: string;
  /**
   * Without an identity provider, where the local development sign-in answers: only to requests
   * from this machine (`loopback`, the default), from anywhere (`anywhere`, an explicit choice for
   * a shared test server), or nowhere (`off`, e.g. in production).
   */
  devSignIn?: DevSignIn;
}

export type DevSignIn = 'loopback' | 'anywhere' | 'off';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** The first path segments that are the web's: a miss under them is an HTML 404, not problem+json. */
const WEB_SEGMENTS = new Set(['', 'centre', 'log-ind', 'log-ud', 'sprog', 'tilgaengelighed', 'mine-sider', 'assets']);
/** The API's first segments: always problem+json. */
const API_SEGMENTS = new Set(['centres', 'journeys', 'calendars', 'budgets', 'audit', 'admin', 'counsellors', 'finance-act', 'health', 'ready', 'docs', 'openapi.json']);

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

/** The HTML 404, for the app's not-found handler to use under web paths. */
export function webNotFoundHandler(sessionKey: Buffer) {
  return (request: FastifyRequest, reply: FastifyReply) => sendPage(reply, 404, notFoundPage(visit(request, reply, sessionKey).context));
}

/** Form fields this edge reads, besides the token and the key. */
const centreChoice = z.object({ centreId: z.string() }).loose();
const uuidLike = z.uuid();
const pageQuery = z.object({ centre: z.string().optional(), startet: z.string().optional(), maal: z.string().optional(), afsluttet: z.string().optional() }).loose();
const goalForm = z.object({ text: z.string().optional(), category: z.string().optional() }).loose();
const languageQuery = z.object({ til: z.string().optional(), tilbage: z.string().optional() }).loose();

/** Where the language switch may send the reader back to: a path of ours, never another site. */
const localPath = (value: string | undefined) => (value && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : '/');

const fieldOf = (body: unknown, name: string): unknown => {
  const parsed = z.record(z.string(), z.unknown()).safeParse(body);
  return parsed.success ? parsed.data[name] : undefined;
};

/** The web's routes: hidden from the OpenAPI document (they are pages, not the API). */
export async function webRoutes(app: FastifyInstance, options: WebOptions): Promise<void> {
  const { database, commands, vault, sessionKey } = options;
  const db = database.db;
  const hide = { schema: { hide: true } };

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
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { context } = visit(request, reply, sessionKey);
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
    if (csrfValid(sessionKey, csrfBinding(request, sessionKey), fieldOf(request.body, CSRF_FIELD))) return;
    // Signing out of a session that is already gone needs no token: there is nothing to protect.
    if (request.routeOptions.url === '/log-ud' && csrfBinding(request, sessionKey) === null) return;
    return sendPage(reply, 403, csrfRefusedPage(visit(request, reply, sessionKey).context));
  });

  const enter = (request: FastifyRequest, reply: FastifyReply): Visit => visit(request, reply, sessionKey);
  /** A citizen's page: others are sent to sign in (signed out) or told it is not theirs. */
  const asCitizen = (request: FastifyRequest, reply: FastifyReply): { context: PageContext; principal: Principal; citizenId: string } | null => {
    const { context } = enter(request, reply);
    if (!context.principal) {
      seeOther(reply, '/log-ind');
      return null;
    }
    if (context.principal.role !== 'citizen') {
      sendPage(reply, 403, forbiddenPage(context));
      return null;
    }
    return { context, principal: context.principal, citizenId: context.principal.id };
  };

  // ---- Public pages ----
  app.get('/', hide, async (request, reply) => sendPage(reply, 200, homePage(enter(request, reply).context, await listCentres(db))));
  app.get('/centre/:id', hide, async (request, reply) => {
    const { context } = enter(request, reply);
    const id = z.object({ id: z.string() }).safeParse(request.params);
    const centre = id.success && uuidLike.safeParse(id.data.id).success ? await getCentre(db, id.data.id) : null;
    return centre ? sendPage(reply, 200, centrePage(context, centre)) : sendPage(reply, 404, notFoundPage(context));
  });
  app.get('/tilgaengelighed', hide, async (request, reply) => sendPage(reply, 200, accessibilityPage(enter(request, reply).context)));
  app.get('/sprog', hide, async (request, reply) => {
    const query = languageQuery.safeParse(request.query);
    const lang = query.success ? query.data.til : undefined;
    if (isLang(lang)) setCookie(request, reply, LANG_COOKIE, lang, LANG_COOKIE_SECONDS);
    return seeOther(reply, localPath(query.success ? query.data.tilbage : undefined));
  });

  // ---- Sign-in and sign-out ----
  if (options.oidcIssuer) {
    // Never the local sign-in with an identity provider configured; its code flow is not built yet.
    app.get('/log-ind', hide, async (request, reply) => sendPage(reply, 200, identityProviderPendingPage(enter(request, reply).context)));
  } else {
    // Anyone who reaches the local sign-in can be anyone: it answers only where it was meant to.
    const devSignIn = options.devSignIn ?? 'loopback';
    const devSignInHere = (request: FastifyRequest) => devSignIn === 'anywhere' || (devSignIn === 'loopback' && LOOPBACK.test(request.ip));
    app.get('/log-ind', hide, async (request, reply) => {
      const { context } = enter(request, reply);
      if (!devSignInHere(request)) return sendPage(reply, 403, devSignInRefusedPage(context));
      return sendPage(reply, 200, devSignInPage(context, await listCentres(db), { personId: newSessionPersonId() }));
    });
    app.post('/log-ind', hide, async (request, reply) => {
      const { context } = enter(request, reply);
      if (!devSignInHere(request)) return sendPage(reply, 403, devSignInRefusedPage(context));
      const centres = await listCentres(db);
      const answers = signInAnswers(request.body);
      const outcome = principalFrom(context.lang, answers, centres);
      if ('errors' in outcome) return sendPage(reply, 400, devSignInPage(context, centres, answers, outcome.errors));
      setCookie(request, reply, SESSION_COOKIE, sealSession(sessionKey, newSession(outcome.principal, Date.now())), SESSION_COOKIE_SECONDS);
      return seeOther(reply, outcome.principal.role === 'citizen' ? '/mine-sider' : '/');
    });
  }
  app.post('/log-ud', hide, async (request, reply) => {
    // No session or pre-session came with it (e.g. a cross-site form: SameSite keeps them back):
    // there is nothing to end, and clearing cookies the request did not show would let another
    // site sign a person out.
    if (csrfBinding(request, sessionKey) === null) return seeOther(reply, '/');
    clearCookie(request, reply, SESSION_COOKIE);
    clearCookie(request, reply, PRE_SESSION_COOKIE);
    return seeOther(reply, '/');
  });

  // ---- The citizen's pages ----
  app.get('/mine-sider', hide, async (request, reply) => {
    const me = asCitizen(request, reply);
    if (!me) return reply;
    const journey = await journeyCentre(db, me.citizenId);
    // A closed journey is over: the citizen may start a new one, as if there were none.
    const centre = journey?.open ? await getCentre(db, journey.centreId) : null;
    const query = pageQuery.safeParse(request.query);
    const shown = (flag: 'startet' | 'maal' | 'afsluttet') => query.success && query.data[flag] === '1';
    return sendPage(reply, 200, minePage(me.context, centre, shown('startet'), shown('maal'), shown('afsluttet')));
  });
  app.get('/mine-sider/afslut', hide, async (request, reply) => {
    const me = asCitizen(request, reply);
    if (!me) return reply;
    return sendPage(reply, 200, closeJourneyPage(me.context));
  });
  app.post('/mine-sider/afslut', hide, async (request, reply) => {
    const me = asCitizen(request, reply);
    if (!me) return reply;
    const context = formCommandContext('/mine-sider/afslut', fieldOf(request.body, IDEMPOTENCY_FIELD), {});
    if (!context) return sendPage(reply, 400, badRequestPage(me.context));
    try {
      await commands.handler.handle(journeyDecider, { type: 'CloseJourney', citizenId: me.citizenId, now: new Date().toISOString(), principal: me.principal, data: {} }, context);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return sendPage(reply, error.kind === 'conflict' ? 409 : 422, closeJourneyPage(me.context, [refusalOf(me.context.lang, error, 'close-journey')]));
    }
    return seeOther(reply, '/mine-sider?afsluttet=1');
  });
  // A goal in the citizen's own words (sealed under their key by the command path, like the API's).
  app.get('/mine-sider/maal', hide, async (request, reply) => {
    const me = asCitizen(request, reply);
    if (!me) return reply;
    return sendPage(reply, 200, goalPage(me.context));
  });
  app.post('/mine-sider/maal', hide, async (request, reply) => {
    const me = asCitizen(request, reply);
    if (!me) return reply;
    const form = goalForm.safeParse(request.body);
    const typed = form.success ? form.data : {};
    const answers = { ...(typeof typed.text === 'string' ? { text: typed.text } : {}), ...(typeof typed.category === 'string' ? { category: typed.category } : {}) };
    const errors = goalErrors(me.context.lang, answers);
    const category = GOAL_CATEGORIES.find((c) => c === answers.category);
    if (answers.category !== undefined && answers.category !== '' && !category) return sendPage(reply, 400, badRequestPage(me.context));
    if (errors.length > 0) return sendPage(reply, 400, goalPage(me.context, answers, errors));
    const text = answers.text!.trim();
    const context = formCommandContext('/mine-sider/maal', fieldOf(request.body, IDEMPOTENCY_FIELD), { text, category: category ?? '' });
    if (!context) return sendPage(reply, 400, badRequestPage(me.context));
    try {
      await commands.handler.handle(
        journeyDecider,
        {
          type: 'StateGoal',
          citizenId: me.citizenId,
          now: new Date().toISOString(),
          principal: me.principal,
          data: { goalId: derivedId(context.commandId, 'goalId'), text, ...(category ? { category } : {}) },
        },
        context,
      );
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return sendPage(reply, error.kind === 'conflict' ? 409 : 422, goalPage(me.context, answers, [refusalOf(me.context.lang, error, 'text')]));
    }
    return seeOther(reply, '/mine-sider?maal=1');
  });
  app.get('/mine-sider/start', hide, async (request, reply) => {
    const me = asCitizen(request, reply);
    if (!me) return reply;
    const query = pageQuery.safeParse(request.query);
    return sendPage(reply, 200, chooseCentrePage(me.context, await listCentres(db), query.success ? query.data.centre : undefined));
  });
  app.post('/mine-sider/start', hide, async (request, reply) => {
    const me = asCitizen(request, reply);
    if (!me) return reply;
    const choice = centreChoice.safeParse(request.body);
    const centreId = choice.success ? choice.data.centreId : undefined;
    const centre = centreId && uuidLike.safeParse(centreId).success ? await getCentre(db, centreId) : null;
    if (!centre) {
      const errors = [{ field: 'centreId', message: me.context.lang === 'da' ? 'Vælg det center, du vil bruge' : 'Choose the centre you want to use' }];
      return sendPage(reply, 400, chooseCentrePage(me.context, await listCentres(db), centreId, errors));
    }
    return seeOther(reply, `/mine-sider/start/tjek?centre=${encodeURIComponent(centre.centreId)}`);
  });
  app.get('/mine-sider/start/tjek', hide, async (request, reply) => {
    const me = asCitizen(request, reply);
    if (!me) return reply;
    const query = pageQuery.safeParse(request.query);
    const id = query.success ? query.data.centre : undefined;
    const centre = id && uuidLike.safeParse(id).success ? await getCentre(db, id) : null;
    return centre ? sendPage(reply, 200, checkStartPage(me.context, centre)) : seeOther(reply, '/mine-sider/start');
  });
  app.post('/mine-sider/start/tjek', hide, async (request, reply) => {
    const me = asCitizen(request, reply);
    if (!me) return reply;
    const choice = centreChoice.safeParse(request.body);
    const centre = choice.success && uuidLike.safeParse(choice.data.centreId).success ? await getCentre(db, choice.data.centreId) : null;
    const context = formCommandContext('/mine-sider/start/tjek', fieldOf(request.body, IDEMPOTENCY_FIELD), { centreId: choice.success ? choice.data.centreId : '' });
    if (!centre || !context) return sendPage(reply, 400, badRequestPage(me.context));
    // As POST /journeys does for a citizen: the journey is theirs, its id derived from the command id.
    try {
      await commands.handler.handle(
        journeyDecider,
        {
          type: 'StartJourney',
          citizenId: me.citizenId,
          now: new Date().toISOString(),
          principal: me.principal,
          data: { journeyId: derivedId(context.commandId, 'journeyId'), centreId: centre.centreId, firstContact: 'self_service', centreKnown: await commands.facts.centreKnown(centre.centreId) },
        },
        context,
      );
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return sendPage(reply, error.kind === 'conflict' ? 409 : 422, checkStartPage(me.context, centre, [refusalOf(me.context.lang, error, 'confirm')]));
    }
    return seeOther(reply, '/mine-sider?startet=1');
  });
  app.get('/mine-sider/optegnelser', hide, async (request, reply) => {
    const me = asCitizen(request, reply);
    if (!me) return reply;
    const reader = await journeyReaderOf(db, me.principal, me.citizenId);
    return sendPage(reply, 200, recordsPage(me.context, await citizenRecords(db, vault, me.citizenId, reader, me.context.lang)));
  });
  app.get('/mine-sider/optegnelser.json', hide, async (request, reply) => {
    const me = asCitizen(request, reply);
    if (!me) return reply;
    const reader = await journeyReaderOf(db, me.principal, me.citizenId);
    const records = await citizenRecords(db, vault, me.citizenId, reader, me.context.lang);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="virkelyst-mine-oplysninger.json"')
      .send({ citizenId: me.citizenId, records });
  });

}

/** A suggested person id for the development sign-in: fresh each time, so two testers are two people. */
function newSessionPersonId(): string {
  return `dev-${randomUUID().slice(0, 8)}`;
}
