/** Sign-in and sign-out: the local development sign-in, or (with OIDC_ISSUER) the identity provider. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listCentres } from '../../projections/centres/queries.js';
import { devSignInPage, devSignInRefusedPage, identityProviderPendingPage, principalFrom, signInAnswers } from '../pages/sign-in.js';
import { clearCookie, csrfBinding, seeOther, sendPage, SESSION_COOKIE_SECONDS, setCookie } from '../request.js';
import { newSession, PRE_SESSION_COOKIE, sealSession, SESSION_COOKIE } from '../session.js';
import { ROLE_HOME } from '../layout.js';
import { enter as enterVisit, hide, type WebArea, type WebOptions } from './shared.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export const signInArea: WebArea = {
  segments: ['log-ind', 'log-ud'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, sessionKey } = options;
    const db = database.db;
    const enter = async (request: FastifyRequest, reply: FastifyReply) => enterVisit(request, reply, sessionKey);
    if (options.oidcIssuer) {
      // Never the local sign-in with an identity provider configured; its code flow is not built yet.
      app.get('/log-ind', hide, async (request, reply) => sendPage(reply, 200, identityProviderPendingPage((await enter(request, reply)).context)));
    } else {
      // Anyone who reaches the local sign-in can be anyone: it answers only where it was meant to.
      const devSignIn = options.devSignIn ?? 'loopback';
      const devSignInHere = (request: FastifyRequest) => devSignIn === 'anywhere' || (devSignIn === 'loopback' && LOOPBACK.test(request.ip));
      app.get('/log-ind', hide, async (request, reply) => {
        const { context } = await enter(request, reply);
        if (!devSignInHere(request)) return sendPage(reply, 403, devSignInRefusedPage(context));
        return sendPage(reply, 200, devSignInPage(context, await listCentres(db), { personId: newSessionPersonId() }));
      });
      app.post('/log-ind', hide, async (request, reply) => {
        const { context } = await enter(request, reply);
        if (!devSignInHere(request)) return sendPage(reply, 403, devSignInRefusedPage(context));
        const centres = await listCentres(db);
        const answers = signInAnswers(request.body);
        const outcome = principalFrom(context.lang, answers, centres);
        if ('errors' in outcome) return sendPage(reply, 400, devSignInPage(context, centres, answers, outcome.errors));
        setCookie(request, reply, SESSION_COOKIE, sealSession(sessionKey, newSession(outcome.principal, Date.now())), SESSION_COOKIE_SECONDS);
        return seeOther(reply, ROLE_HOME[outcome.principal.role]?.path ?? '/');
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
  },
};

/** A suggested person id for the development sign-in: fresh each time, so two testers are two people. */
function newSessionPersonId(): string {
  return `dev-${randomUUID().slice(0, 8)}`;
}
