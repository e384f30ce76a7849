/**
 * Sign-in and sign-out. Without an identity provider: the local development sign-in. With one
 * (OIDC_ISSUER and the web's client, OIDC_CLIENT_ID): the OpenID Connect code flow with PKCE,
 * `/log-ind` → `/log-ind/start` (to the provider) → `/log-ind/callback` (back, into a session).
 * `/log-ind/start?niveau=medarbejder` asks the provider for the levels OIDC_STAFF_ACR accepts: the
 * way on for someone who acts for the house and was refused for the level they signed in at.
 * Signing out ends the session on the server (the ended-sessions list), so a copy of the cookie
 * is refused afterwards, and with a provider goes on to its end-session endpoint when it has one.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../domain/shared/principal.js';
import { type CentreView, listCentres } from '../../projections/centres/queries.js';
import { partnersOfCentre } from '../../projections/catalogue/queries.js';
import { ROLE_HOME } from '../layout.js';
import { CALLBACK_PATH, FLOW_SECONDS, type OidcClient, openFlow, ProviderUnreachable, sealFlow, type SignInRefusal } from '../oidc.js';
import {
  devSignInPage,
  devSignInRefusedPage,
  principalFrom,
  providerNotConfiguredPage,
  providerSignInPage,
  signInAnswers,
  signInRefusedPage,
  type SignInPartner,
} from '../pages/sign-in.js';
import { PARTNER_HOME } from '../pages/partner-parts.js';
import { clearCookie, cookieOf, csrfBinding, endedSessionsOf, langOfRequest, seeOther, sendPage, sessionCookieSeconds, setCookie, visit } from '../request.js';
import { newSession, OIDC_FLOW_COOKIE, openSession, PRE_SESSION_COOKIE, sealSession, SESSION_COOKIE } from '../session.js';
import { hide, type WebArea, type WebOptions } from './shared.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
/** Headers a proxy adds: a request carrying one came from somewhere else, whatever its last hop says. */
const FORWARDED = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'] as const;

/**
 * Whether a request is from this machine itself: from a loopback address, and not passed on by a
 * proxy on this machine (which would make everyone on the internet look local).
 */
export const fromThisMachine = (request: FastifyRequest) => LOOPBACK.test(request.ip) && FORWARDED.every((h) => request.headers[h] === undefined);

/**
 * Signing in replaces any session the browser still has: it is ended on the server first, so a
 * copy of the earlier person's cookie is no session either.
 */
async function endEarlierSession(request: FastifyRequest, sessionKey: Buffer): Promise<void> {
  const earlier = openSession(sessionKey, cookieOf(request, SESSION_COOKIE), Date.now());
  if (earlier) await endedSessionsOf(request).end(earlier.sessionId, earlier.expiresAt);
}

/** A new session for the principal, in the browser's cookie: 8 hours at the most, and the idle limit from now. */
function startSession(request: FastifyRequest, reply: FastifyReply, sessionKey: Buffer, principal: Principal): void {
  const now = Date.now();
  const session = newSession(principal, now);
  setCookie(request, reply, SESSION_COOKIE, sealSession(sessionKey, session), sessionCookieSeconds(session, now));
}

export const signInArea: WebArea = {
  segments: ['log-ind', 'log-ud'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, sessionKey, oidc } = options;
    const db = database.db;
    const enter = (request: FastifyRequest, reply: FastifyReply) => visit(request, reply, sessionKey);
    if (oidc) {
      providerSignIn(app, sessionKey, oidc);
    } else if (options.oidcIssuer) {
      // Never the local sign-in with an identity provider configured; without the web's client nobody signs in here.
      app.get('/log-ind', hide, async (request, reply) => sendPage(reply, 200, providerNotConfiguredPage((await enter(request, reply)).context)));
    } else {
      // Anyone who reaches the local sign-in can be anyone: it answers only where it was meant to.
      const devSignIn = options.devSignIn ?? 'loopback';
      const devSignInHere = (request: FastifyRequest) => devSignIn === 'anywhere' || (devSignIn === 'loopback' && fromThisMachine(request));
      app.get('/log-ind', hide, async (request, reply) => {
        const { context } = await enter(request, reply);
        if (!devSignInHere(request)) return sendPage(reply, 403, devSignInRefusedPage(context));
        const centres = await listCentres(db);
        return sendPage(reply, 200, devSignInPage(context, centres, { personId: newSessionPersonId() }, [], await partnersToSignInFor(db, centres)));
      });
      app.post('/log-ind', hide, async (request, reply) => {
        const { context } = await enter(request, reply);
        if (!devSignInHere(request)) return sendPage(reply, 403, devSignInRefusedPage(context));
        const centres = await listCentres(db);
        const partners = await partnersToSignInFor(db, centres);
        const answers = signInAnswers(request.body);
        const outcome = principalFrom(context.lang, answers, centres, partners);
        if ('errors' in outcome) return sendPage(reply, 400, devSignInPage(context, centres, answers, outcome.errors, partners));
        await endEarlierSession(request, sessionKey);
        startSession(request, reply, sessionKey, outcome.principal);
        return seeOther(reply, homeOf(outcome.principal));
      });
    }
    app.post('/log-ud', hide, async (request, reply) => {
      // No session or pre-session came with it (e.g. a cross-site form: SameSite keeps them back):
      // there is nothing to end, and clearing cookies the request did not show would let another
      // site sign a person out.
      if (csrfBinding(request, sessionKey) === null) return seeOther(reply, '/');
      const session = openSession(sessionKey, cookieOf(request, SESSION_COOKIE), Date.now());
      // Ended on the server first: from now on the cookie is refused wherever it is shown, copies too.
      if (session) await endedSessionsOf(request).end(session.sessionId, session.expiresAt);
      clearCookie(request, reply, SESSION_COOKIE);
      clearCookie(request, reply, PRE_SESSION_COOKIE);
      if (!session || !oidc) return seeOther(reply, '/');
      // Then out at the identity provider too, when it has an end-session endpoint; ours is ended either way.
      let next: string | null = null;
      try {
        next = await oidc.endSessionUrl(langOfRequest(request));
      } catch (error) {
        if (!(error instanceof ProviderUnreachable)) throw error;
        request.log.warn({ signOut: { provider: error.detail } }, 'signed out here; the identity provider could not be reached to sign out there');
      }
      return seeOther(reply, next ?? '/');
    });
  },
};

/** The answer's status: a callback that does not check out is a bad request; a refusal is forbidden; a provider away is unavailable. */
const REFUSAL_STATUS: Record<SignInRefusal, number> = { expired: 400, state: 400, issuer: 400, token: 400, provider: 502, denied: 403, claims: 403, assurance: 403, unavailable: 503 };

const callbackQuery = z.object({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional(), iss: z.string().optional() }).loose();

/** `/log-ind/start?niveau=medarbejder`: sign in again, asking for the level those who act for the house are held to. */
const STAFF_LEVEL = 'medarbejder';
const startQuery = z.object({ niveau: z.string().optional() }).loose();

/** The code flow's routes. */
function providerSignIn(app: FastifyInstance, sessionKey: Buffer, oidc: OidcClient): void {
  const enter = (request: FastifyRequest, reply: FastifyReply) => visit(request, reply, sessionKey);
  app.get('/log-ind', hide, async (request, reply) => sendPage(reply, 200, providerSignInPage((await enter(request, reply)).context)));
  app.get('/log-ind/start', hide, async (request, reply) => {
    const { context } = await enter(request, reply);
    let begun: Awaited<ReturnType<OidcClient['begin']>>;
    try {
      const start = startQuery.safeParse(request.query);
      begun = await oidc.begin(Date.now(), context.lang, start.success && start.data.niveau === STAFF_LEVEL);
    } catch (error) {
      if (!(error instanceof ProviderUnreachable)) throw error;
      logRefusal(request.log, 'unavailable', error.detail);
      return sendPage(reply.header('retry-after', '5'), 503, signInRefusedPage(context, 'unavailable'));
    }
    // Bound to this browser: the callback is taken only with this cookie, for this state.
    setCookie(request, reply, OIDC_FLOW_COOKIE, sealFlow(sessionKey, begun.flow), FLOW_SECONDS);
    return seeOther(reply, begun.url);
  });
  app.get(CALLBACK_PATH, hide, async (request, reply) => {
    const { context } = await enter(request, reply);
    const flowCookie = cookieOf(request, OIDC_FLOW_COOKIE);
    const flow = openFlow(sessionKey, flowCookie, Date.now());
    // One answer per flow, whatever it brings: the same state cannot be used twice from this browser.
    if (flowCookie !== undefined) clearCookie(request, reply, OIDC_FLOW_COOKIE);
    const query = callbackQuery.safeParse(request.query);
    const outcome = await oidc.finish(flow, query.success ? query.data : {});
    if ('refused' in outcome) {
      logRefusal(request.log, outcome.refused, outcome.detail);
      // The language switch comes back to the sign-in page, not to a callback that has been used.
      return sendPage(reply, REFUSAL_STATUS[outcome.refused], signInRefusedPage({ ...context, path: '/log-ind' }, outcome.refused, { staffAcr: oidc.settings.staffAcr ?? [] }));
    }
    await endEarlierSession(request, sessionKey);
    startSession(request, reply, sessionKey, outcome.principal);
    return seeOther(reply, homeOf(outcome.principal));
  });
}

/** Where a person lands after signing in: their role's own pages (a partner's people theirs, under /partner). */
const homeOf = (principal: Principal) => ROLE_HOME[principal.role]?.path ?? (principal.role === 'partner' ? PARTNER_HOME : '/');

/** Every registered partner, by name, with the centre that registered it: the development sign-in's choice for a partner's people. */
async function partnersToSignInFor(db: WebOptions['database']['db'], centres: readonly CentreView[]): Promise<SignInPartner[]> {
  const lists = await Promise.all(centres.map(async (c) => (await partnersOfCentre(db, c.centreId)).map((p) => ({ partnerId: p.partnerId, name: p.name, centreName: c.name }))));
  return lists.flat().sort((a, b) => a.name.localeCompare(b.name, 'da') || a.partnerId.localeCompare(b.partnerId));
}

/** Why a sign-in did not happen, for the operator: codes and fixed reasons only, never who it was. */
function logRefusal(log: FastifyBaseLogger, refused: SignInRefusal, detail: string): void {
  const quiet = refused === 'denied' || refused === 'expired';
  log[quiet ? 'info' : 'warn']({ signIn: { refused, detail } }, 'a sign-in through the identity provider did not happen');
}

/** A suggested person id for the development sign-in: fresh each time, so two testers are two people. */
function newSessionPersonId(): string {
  return `dev-${randomUUID().slice(0, 8)}`;
}
