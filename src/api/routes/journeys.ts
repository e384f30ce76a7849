import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type CommandContext, type CommandHandler, loadState } from '../../commands/handler.js';
import type { Principal } from '../../domain/shared/principal.js';
import { type JourneyCommand, journeyDecider } from '../../domain/journey/decide.js';
import { CENTRE_OFFER_KINDS, CHANNELS, FIRST_CONTACTS, GOAL_CATEGORIES, journeyStreamId, OUTCOME_KINDS } from '../../domain/journey/journey.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { derivedId, newId } from '../../ids.js';
import type { Facts } from '../../commands/facts.js';
import { bookSession, cancelSession, moveSession, proposeSessionTime } from '../../commands/sessions.js';
import type { Vault } from '../../privacy/vault.js';
import { principalOf, requirePrincipal } from '../auth.js';
import { commandContext, commandHeaders, nowIso } from '../command.js';
import { commandResultSchema, errorResponses, isoMoment, text, uuid } from '../schemas.js';

export interface JourneyRoutesOptions {
  /** Facts from other streams that commands need. */
  facts: Facts;
  handler: CommandHandler;
  verify: TokenVerifier;
  vault: Vault;
}

// Every body is strict: a field such as `mandatory`, `deadline`, `sanction` or `benefit` is a 400.
const personal = (max: number) => text(1, max).describe('Personal data: stored encrypted under the citizen’s own key');
const offerRef = z.object({ source: z.literal('centre'), kind: z.enum(CENTRE_OFFER_KINDS) }).strict();
const inSession = { sessionId: uuid.optional().describe('Staff only: the held conversation in which the citizen said this') };
const channel = z.enum(CHANNELS);
const start = isoMoment().describe('ISO-8601 with zone');
const minutes = z.number().int().min(10).max(240);

type Body = z.ZodType<Record<string, unknown>>;
interface CommandSpec<P extends z.ZodObject, B extends Body> {
  url: string;
  summary: string;
  params: P;
  body: B;
  status?: 200 | 201;
  /** Builds the command's type and data; ids made here are returned as `created`. */
  command(params: z.infer<P>, body: z.infer<B>, request: FastifyRequest): Promise<{ type: JourneyCommand['type']; data: object; created?: Record<string, string> }>;
}

const citizenParams = z.object({ citizenId: z.string().min(1).max(100) }).strict();
const sessionParams = citizenParams.extend({ sessionId: uuid }).strict();
const offerParams = citizenParams.extend({ offerId: uuid }).strict();
const goalParams = citizenParams.extend({ goalId: uuid }).strict();
const empty = z.object({}).strict();
const bookingBody = z
  .object({ staffId: z.string().min(1).max(100), slotId: uuid, channel })
  .strict()
  .meta({ examples: [{ staffId: 'counsellor-1', slotId: '019a2051-8c4d-790b-8632-d1896e03c124', channel: 'video' }] });

/** A citizen's journey: self-service routes for citizens and recording routes for staff. */
export const journeyRoutes: FastifyPluginAsync<JourneyRoutesOptions> = async (app, { facts, handler, verify, vault }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authenticated = requirePrincipal(verify);

  function route<P extends z.ZodObject, B extends Body>(spec: CommandSpec<P, B>) {
    r.post(
      spec.url,
      {
        preHandler: authenticated,
        schema: {
          tags: ['journeys'],
          summary: spec.summary,
          security: [{ bearer: [] }],
          headers: commandHeaders,
          params: spec.params,
          body: spec.body,
          response: { [spec.status ?? 200]: commandResultSchema.extend({ created: z.record(z.string(), z.string()).optional() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const params = request.params as z.infer<P>;
        const { type, data, created } = await spec.command(params, request.body as z.infer<B>, request);
        const principal = principalOf(request);
        const citizenId = (params as { citizenId?: string }).citizenId ?? (created?.citizenId as string);
        const command = { type, data, principal, now: nowIso(), citizenId } as JourneyCommand;
        const result = await handler.handle(journeyDecider, command, commandContext(request));
        // The route's schema names its own success status; the type provider cannot follow a computed key.
        return (reply as FastifyReply).code(spec.status ?? 200).send({ ...result, ...(created && !result.duplicate ? { created } : {}) });
      },
    );
  }

  route({
    url: '/journeys',
    summary: 'Start a journey: a citizen registers, or staff record that a citizen made contact',
    params: z.object({}).strict(),
    body: z
      .object({ centreId: uuid, firstContact: z.enum(FIRST_CONTACTS).default('self_service'), alias: personal(80).optional() })
      .strict()
      .meta({ examples: [{ centreId: '019a2051-8bf8-7996-ac05-81cabffe29d6', firstContact: 'self_service', alias: 'Kim' }] }),
    status: 201,
    async command(_p, body, request) {
      const principal = principalOf(request);
      // A citizen's journey is theirs: its id is their own. Staff recording a first contact make a new one.
      const citizenId = principal.role === 'citizen' ? principal.id : newId();
      const journeyId = newId();
      return { type: 'StartJourney', data: { journeyId, ...body, centreKnown: await facts.centreKnown(body.centreId) }, created: { citizenId, journeyId } };
    },
  });
  route({ url: '/journeys/:citizenId/close', summary: 'The citizen closes their journey', params: citizenParams, body: empty, command: async () => ({ type: 'CloseJourney', data: {} }) });
  route({
    url: '/journeys/:citizenId/history/share',
    summary: 'The citizen lets the centre they are with now see what earlier centres recorded (staff of a new centre otherwise see only their own centre’s records)',
    params: citizenParams,
    body: empty,
    command: async () => ({ type: 'ShareHistory', data: {} }),
  });
  route({
    url: '/journeys/:citizenId/goals',
    summary: 'State a goal in the citizen’s own words',
    params: citizenParams,
    body: z
      .object({ text: personal(2000), category: z.enum(GOAL_CATEGORIES).optional(), ...inSession })
      .strict()
      .meta({ examples: [{ text: 'Jeg drømmer om at åbne et bageri', category: 'own_business' }] }),
    status: 201,
    async command(_p, body) {
      const goalId = newId();
      return { type: 'StateGoal', data: { goalId, ...body }, created: { goalId } };
    },
  });
  route({
    url: '/journeys/:citizenId/goals/:goalId/revise',
    summary: 'The citizen revises a goal',
    params: goalParams,
    body: z.object({ text: personal(2000), category: z.enum(GOAL_CATEGORIES).optional() }).strict(),
    command: async (p, body) => ({ type: 'ReviseGoal', data: { goalId: p.goalId, ...body } }),
  });
  route({ url: '/journeys/:citizenId/goals/:goalId/drop', summary: 'The citizen drops a goal', params: goalParams, body: empty, command: async (p) => ({ type: 'DropGoal', data: { goalId: p.goalId } }) });
  route({
    url: '/journeys/:citizenId/session-requests',
    summary: 'The citizen asks for a conversation; staff answer with a proposed time',
    params: citizenParams,
    body: z.object({ channel: channel.optional(), wishes: personal(1000).optional() }).strict(),
    status: 201,
    async command(_p, body) {
      const sessionId = newId();
      return { type: 'RequestSession', data: { sessionId, ...body }, created: { sessionId } };
    },
  });
  r.post(
    '/journeys/:citizenId/sessions/:sessionId/proposal',
    {
      preHandler: authenticated,
      schema: {
        tags: ['journeys'],
        summary: 'Staff propose a time for a conversation the citizen asked for (a time in the future)',
        security: [{ bearer: [] }],
        headers: commandHeaders,
        params: sessionParams,
        body: z.object({ start, durationMinutes: minutes, channel }).strict(),
        response: { 200: commandResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { citizenId, sessionId } = request.params;
      const actor = { principal: principalOf(request), citizenId, now: nowIso() };
      const { streams: _streams, ...result } = await proposeSessionTime(handler, facts, actor, { sessionId, ...request.body }, commandContext(request));
      return result;
    },
  );
  for (const [path, type, summary] of [
    ['confirm', 'ConfirmSessionTime', 'The citizen confirms the proposed time'],
    ['not-held', 'RecordSessionNotHeld', 'Record that a conversation did not take place (no consequence)'],
  ] as const) {
    route({ url: `/journeys/:citizenId/sessions/:sessionId/${path}`, summary, params: sessionParams, body: empty, command: async (p) => ({ type, data: { sessionId: p.sessionId } }) });
  }
  route({
    url: '/journeys/:citizenId/sessions/:sessionId/held',
    summary: 'Staff record a held conversation',
    params: sessionParams,
    body: z
      .object({
        heldAt: start.optional().describe('When the conversation actually began, if not at the booked time: a moment in the past'),
        durationMinutes: minutes,
        topics: z.array(text(1, 80)).max(20),
        informationGiven: personal(4000).optional(), nextSteps: personal(4000).optional(), notes: personal(8000).optional() })
      .strict(),
    command: async (p, body) => ({ type: 'RecordSessionHeld', data: { sessionId: p.sessionId, ...body } }),
  });
  route({
    url: '/journeys/:citizenId/offer-requests',
    summary: 'The citizen asks for an offer',
    params: citizenParams,
    body: z.object({ offer: offerRef, ...inSession }).strict(),
    command: async (_p, body) => ({ type: 'AskForOffer', data: body }),
  });
  route({
    url: '/journeys/:citizenId/offers',
    summary: 'Staff make an offer: always voluntary',
    params: citizenParams,
    body: z
      .object({ offer: offerRef, information: personal(4000).describe('What the citizen was told about the offer') })
      .strict()
      .meta({ examples: [{ offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching hver tirsdag; du kan stoppe når som helst.' }] }),
    status: 201,
    async command(_p, body) {
      const offerId = newId();
      return { type: 'MakeOffer', data: { offerId, ...body }, created: { offerId } };
    },
  });
  route({
    url: '/journeys/:citizenId/offers/:offerId/consent',
    summary: 'The citizen gives consent (or staff record consent given in a held conversation)',
    params: offerParams,
    body: z
      .object({ method: z.enum(['signed_in_person', 'verbal_in_session', 'written_in_chat']).optional().describe('Staff only: how the citizen answered; it must fit the conversation’s channel'), ...inSession })
      .strict(),
    async command(p, body) {
      const receiptId = newId();
      return { type: 'GiveConsent', data: { offerId: p.offerId, receiptId, ...body }, created: { receiptId } };
    },
  });
  route({
    url: '/journeys/:citizenId/offers/:offerId/decline',
    summary: 'Decline an offer: a reason is optional and never required',
    params: offerParams,
    body: z
      .object({ reason: personal(2000).optional(), ...inSession })
      .strict()
      .meta({ examples: [{}, { reason: 'Ikke lige nu' }] }),
    command: async (p, body) => ({ type: 'DeclineOffer', data: { offerId: p.offerId, ...body } }),
  });
  route({
    url: '/journeys/:citizenId/offers/:offerId/withdraw',
    summary: 'Withdraw consent, at any time; participation ends with it',
    params: offerParams,
    body: z.object({ ...inSession }).strict(),
    command: async (p, body) => ({ type: 'WithdrawConsent', data: { offerId: p.offerId, ...body } }),
  });
  for (const [path, type, summary] of [
    ['participation/start', 'StartParticipation', 'Start taking part (only with consent)'],
    ['participation/end', 'EndParticipation', 'Stop taking part; leaving is always possible'],
  ] as const) {
    route({ url: `/journeys/:citizenId/offers/:offerId/${path}`, summary, params: offerParams, body: empty, command: async (p) => ({ type, data: { offerId: p.offerId } }) });
  }
  route({
    url: '/journeys/:citizenId/outcomes',
    summary: 'Record what happened, as the citizen reports it',
    params: citizenParams,
    body: z.object({ kind: z.enum(OUTCOME_KINDS), note: personal(2000).optional(), ...inSession }).strict(),
    status: 201,
    async command(_p, body) {
      const outcomeId = newId();
      return { type: 'RecordOutcome', data: { outcomeId, ...body }, created: { outcomeId } };
    },
  });

  r.post(
    '/journeys/:citizenId/sessions',
    {
      preHandler: authenticated,
      schema: {
        tags: ['journeys'],
        summary: 'The citizen books a free time from a staff member’s calendar',
        security: [{ bearer: [] }],
        headers: commandHeaders,
        params: citizenParams,
        body: bookingBody,
        response: { 201: commandResultSchema.extend({ created: z.record(z.string(), z.string()) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { citizenId } = request.params;
      const context = commandContext(request);
      const sessionId = derivedId(context.commandId, 'session');
      const { streams: _streams, ...result } = await bookSession(handler, facts, { principal: principalOf(request), citizenId, now: nowIso() }, { sessionId, ...request.body }, context);
      return reply.code(201).send({ ...result, created: { sessionId } });
    },
  );

  r.post(
    '/journeys/:citizenId/sessions/:sessionId/cancel',
    {
      preHandler: authenticated,
      schema: {
        tags: ['journeys'],
        summary: 'Cancel a conversation, at any time and without a reason; its time is freed',
        security: [{ bearer: [] }],
        headers: commandHeaders,
        params: sessionParams,
        body: empty.optional(),
        response: { 200: commandResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { streams: _streams, ...result } = await cancelSession(handler, { principal: principalOf(request), citizenId: request.params.citizenId, now: nowIso() }, request.params.sessionId, commandContext(request));
      return result;
    },
  );

  r.post(
    '/journeys/:citizenId/sessions/:sessionId/move',
    {
      preHandler: authenticated,
      schema: {
        tags: ['journeys'],
        summary: 'The citizen moves a conversation to another free time, no reason needed',
        security: [{ bearer: [] }],
        headers: commandHeaders,
        params: sessionParams,
        body: bookingBody,
        response: { 201: commandResultSchema.extend({ created: z.record(z.string(), z.string()) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { citizenId, sessionId } = request.params;
      const context = commandContext(request);
      // The new time booked and the old one cancelled in one append: if either is refused, nothing changes.
      const newSessionId = derivedId(context.commandId, 'session');
      const actor = { principal: principalOf(request), citizenId, now: nowIso() };
      const { streams: _streams, ...result } = await moveSession(handler, facts, actor, sessionId, { sessionId: newSessionId, ...request.body }, context);
      return reply.code(201).send({ ...result, created: { sessionId: newSessionId } });
    },
  );

  r.post(
    '/admin/citizens/:citizenId/erase',
    {
      preHandler: authenticated,
      schema: {
        tags: ['journeys'],
        summary: 'Erase a citizen’s personal data (administrators): the log keeps its events, their personal fields become unreadable',
        security: [{ bearer: [] }],
        headers: commandHeaders,
        params: citizenParams,
        body: empty.optional(),
        response: { 200: commandResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { citizenId } = request.params;
      const result = await handler.handle(journeyDecider, { type: 'EraseCitizen', data: {}, principal: principalOf(request), now: nowIso(), citizenId }, commandContext(request));
      // At once here; the erasures projection makes sure of it should this process die now.
      await vault.erase(citizenId);
      return result;
    },
  );
};
