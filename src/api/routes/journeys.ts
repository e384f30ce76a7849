import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { CommandHandler } from '../../commands/handler.js';
import { journeyDecider } from '../../domain/journey/decide.js';
import { CHANNELS, FIRST_CONTACTS, GOAL_CATEGORIES, journeyStreamId, OUTCOME_KINDS } from '../../domain/journey/journey.js';
import { WHO5_ITEMS, WHO5_SCORE } from '../../domain/journey/who5.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import type { Facts } from '../../commands/facts.js';
import { eraseCitizen } from '../../commands/erasure.js';
import { bookSession, cancelSession, moveSession, proposeSessionTime } from '../../commands/sessions.js';
import type { Vault } from '../../privacy/vault.js';
import { authenticatedContext } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { nowIso } from '../command.js';
import { mergeProblems, type ProblemCodes } from '../openapi.js';
import { isoMoment, offerRefSchema, personal, text, uuid } from '../schemas.js';

export interface JourneyRoutesOptions {
  /** Facts from other streams that commands need. */
  facts: Facts;
  handler: CommandHandler;
  verify: TokenVerifier;
  vault: Vault;
}

// Every body is strict: a field such as `mandatory`, `deadline`, `sanction` or `benefit` is a 400.
const offerRef = offerRefSchema;
const inSession = { sessionId: uuid.optional().describe('Staff only: the held conversation in which the citizen said this') };
const channel = z.enum(CHANNELS);
const start = isoMoment().describe('ISO-8601 with zone');
const minutes = z.number().int().min(10).max(240);

const citizenParams = z.object({ citizenId: z.string().min(1).max(100) }).strict();
const sessionParams = citizenParams.extend({ sessionId: uuid }).strict();
const offerParams = citizenParams.extend({ offerId: uuid }).strict();
const goalParams = citizenParams.extend({ goalId: uuid }).strict();
const empty = z.object({}).strict();
const bookingBody = z
  .object({ staffId: z.string().min(1).max(100), slotId: uuid, channel })
  .strict();
const bookingExamples = [{ staffId: 'counsellor-1', slotId: '019a2051-8c4d-790b-8632-d1896e03c124', channel: 'video' }] as const;

/** Problems every command on an opened journey may answer. */
const onJourney: ProblemCodes = { 404: ['journey_not_found'], 409: ['journey_closed', 'citizen_erased'] };
/** Problems of what staff record as said by the citizen in a held conversation (`sessionId`). */
const toldInSession: ProblemCodes = { 422: ['session_required', 'session_not_held'] };
/** Problems of answering an offer: it must be there and open, and staff record only what the citizen said since. */
const answeringOffer: ProblemCodes = mergeProblems(toldInSession, { 404: ['offer_not_found'], 422: ['offer_lapsed', 'citizen_answered_since', 'offer_not_made_then'] });
/** Staff-written text that speaks of coercion is refused, naming the field. */
const wordingProblems: ProblemCodes = { 400: ['coercive_wording'] };
/** A command that seals personal fields: refused for good if the citizen's key was erased meanwhile. */
const sealing: ProblemCodes = { 410: ['personal_data_erased'] };

/** A citizen's journey: self-service routes for citizens and recording routes for staff. */
export const journeyRoutes: FastifyPluginAsync<JourneyRoutesOptions> = async (app, { facts, handler, verify, vault }) => {
  const authed = authenticatedContext(app, verify);
  const journey = { handler, decider: journeyDecider };
  const tag = 'journeys';

  commandRoute(authed, journey, {
    url: '/journeys',
    operationId: 'startJourney',
    examples: [
      { centreId: '019a2051-8bf8-7996-ac05-81cabffe29d6', firstContact: 'self_service', alias: 'Kim' },
      { centreId: '019a2051-8bf8-7996-ac05-81cabffe29d6', firstContact: 'phone' },
    ],
    problems: mergeProblems(wordingProblems, sealing, { 404: ['centre_not_found'], 409: ['journey_open', 'citizen_erased'] }),
    tag,
    summary: 'Start a journey: a citizen registers, or staff record that a citizen made contact',
    params: z.object({}).strict(),
    body: z
      .object({ centreId: uuid, firstContact: z.enum(FIRST_CONTACTS).default('self_service'), alias: personal(80).optional() })
      .strict(),
    status: 201,
    creates: ['citizenId', 'journeyId'],
    async command({ body, principal, created, newId }) {
      // A citizen's journey is theirs: its id is their own. Staff recording a first contact make a new one.
      if (principal.role === 'citizen') created.citizenId = principal.id;
      return { type: 'StartJourney' as const, citizenId: created.citizenId, data: { journeyId: newId('journeyId'), ...body, centreKnown: await facts.centreKnown(body.centreId) } };
    },
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/close',
    operationId: 'closeJourney',
    examples: [{}],
    problems: onJourney,
    tag,
    summary: 'The citizen closes their journey',
    params: citizenParams,
    body: empty,
    command: ({ params }) => ({ type: 'CloseJourney' as const, citizenId: params.citizenId, data: {} }),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/history/share',
    operationId: 'shareHistory',
    examples: [{}],
    problems: onJourney,
    tag,
    summary: 'The citizen lets the centre they are with now see what earlier centres recorded (staff of a new centre otherwise see only their own centre’s records)',
    params: citizenParams,
    body: empty,
    command: ({ params }) => ({ type: 'ShareHistory' as const, citizenId: params.citizenId, data: {} }),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/goals',
    operationId: 'stateGoal',
    examples: [
      { text: 'Jeg drømmer om at åbne et bageri', category: 'own_business' },
      { text: 'Kim vil gerne tage en uddannelse som tømrer', category: 'education', sessionId: '019a2051-8c4d-790b-8632-d1896e03c124' },
    ],
    problems: mergeProblems(onJourney, toldInSession, wordingProblems, sealing, { 409: ['goal_exists'] }),
    tag,
    summary: 'State a goal in the citizen’s own words',
    params: citizenParams,
    body: z
      .object({ text: personal(2000), category: z.enum(GOAL_CATEGORIES).optional(), ...inSession })
      .strict(),
    status: 201,
    creates: ['goalId'],
    command: ({ params, body, newId }) => ({ type: 'StateGoal' as const, citizenId: params.citizenId, data: { goalId: newId('goalId'), ...body } }),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/goals/:goalId/revise',
    operationId: 'reviseGoal',
    examples: [{ text: 'Jeg vil åbne et bageri med café på Amager', category: 'own_business' }],
    problems: mergeProblems(onJourney, sealing, { 404: ['goal_not_found'] }),
    tag,
    summary: 'The citizen revises a goal',
    params: goalParams,
    body: z.object({ text: personal(2000), category: z.enum(GOAL_CATEGORIES).optional() }).strict(),
    command: ({ params, body }) => ({ type: 'ReviseGoal' as const, citizenId: params.citizenId, data: { goalId: params.goalId, ...body } }),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/goals/:goalId/drop',
    operationId: 'dropGoal',
    examples: [{}],
    problems: mergeProblems(onJourney, { 404: ['goal_not_found'] }),
    tag,
    summary: 'The citizen drops a goal',
    params: goalParams,
    body: empty,
    command: ({ params }) => ({ type: 'DropGoal' as const, citizenId: params.citizenId, data: { goalId: params.goalId } }),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/session-requests',
    operationId: 'requestSession',
    examples: [{ channel: 'video', wishes: 'Gerne en eftermiddag efter kl. 14' }, {}],
    problems: mergeProblems(onJourney, sealing, { 409: ['session_exists'] }),
    tag,
    summary: 'The citizen asks for a conversation; staff answer with a proposed time',
    params: citizenParams,
    body: z.object({ channel: channel.optional(), wishes: personal(1000).optional() }).strict(),
    status: 201,
    creates: ['sessionId'],
    command: ({ params, body, newId }) => ({ type: 'RequestSession' as const, citizenId: params.citizenId, data: { sessionId: newId('sessionId'), ...body } }),
  });
  commandRoute(authed, {
    url: '/journeys/:citizenId/sessions/:sessionId/proposal',
    operationId: 'proposeSessionTime',
    examples: [{ start: '2027-01-12T14:00:00+01:00', durationMinutes: 45, channel: 'video' }],
    problems: mergeProblems(onJourney, { 409: ['session_not_open_for_proposal'], 422: ['session_not_requested'] }),
    tag,
    summary: 'Staff propose a time for a conversation the citizen asked for (a time in the future)',
    params: sessionParams,
    body: z.object({ start, durationMinutes: minutes, channel }).strict(),
    process: ({ params: { citizenId, sessionId }, body, principal, now, context }) => proposeSessionTime(handler, facts, { principal, citizenId, now }, { sessionId, ...body }, context),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/sessions/:sessionId/confirm',
    operationId: 'confirmSessionTime',
    examples: [{}],
    problems: mergeProblems(onJourney, { 404: ['session_not_found'], 409: ['no_proposal', 'proposal_passed'] }),
    tag,
    summary: 'The citizen confirms the proposed time',
    params: sessionParams,
    body: empty,
    command: ({ params }) => ({ type: 'ConfirmSessionTime' as const, citizenId: params.citizenId, data: { sessionId: params.sessionId } }),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/sessions/:sessionId/not-held',
    operationId: 'recordSessionNotHeld',
    examples: [{}],
    problems: mergeProblems(onJourney, { 404: ['session_not_found'], 409: ['session_not_booked'], 422: ['session_not_begun'] }),
    tag,
    summary: 'Record that a conversation did not take place (no consequence)',
    params: sessionParams,
    body: empty,
    command: ({ params }) => ({ type: 'RecordSessionNotHeld' as const, citizenId: params.citizenId, data: { sessionId: params.sessionId } }),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/sessions/:sessionId/held',
    operationId: 'recordSessionHeld',
    examples: [
      {
        durationMinutes: 45,
        topics: ['cv', 'praktik'],
        informationGiven: 'Vi talte om praktik i en bagerbutik og om iværksætterforløbet.',
        nextSteps: 'Kim ser på opslag fra bagerier i Valby.',
        notes: 'Kim vil gerne arbejde med hænderne.',
      },
    ],
    problems: mergeProblems(onJourney, wordingProblems, sealing, { 404: ['session_not_found'], 409: ['session_not_booked'], 422: ['session_not_begun'] }),
    tag,
    summary: 'Staff record a held conversation',
    params: sessionParams,
    body: z
      .object({
        heldAt: start.optional().describe('When the conversation actually began, if not at the booked time: a moment in the past'),
        durationMinutes: minutes,
        topics: z.array(text(1, 80)).max(20),
        informationGiven: personal(4000).optional(), nextSteps: personal(4000).optional(), notes: personal(8000).optional() })
      .strict(),
    command: ({ params, body }) => ({ type: 'RecordSessionHeld' as const, citizenId: params.citizenId, data: { sessionId: params.sessionId, ...body } }),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/offer-requests',
    operationId: 'askForOffer',
    examples: [{ offer: { source: 'centre', kind: 'entrepreneur_incubator' } }, { offer: { source: 'partner', partnerId: '019a2051-8d10-7c1e-9a4b-3f6e2d1c0b9a', catalogueOfferId: '019a2051-8d44-7a3f-8e21-5b7c9d0e1f2a' } }],
    problems: mergeProblems(onJourney, toldInSession),
    tag,
    summary: 'The citizen asks for an offer',
    params: citizenParams,
    body: z.object({ offer: offerRef, ...inSession }).strict(),
    command: ({ params, body }) => ({ type: 'AskForOffer' as const, citizenId: params.citizenId, data: body }),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/offers',
    operationId: 'makeOffer',
    examples: [
      { offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching hver tirsdag; du kan stoppe når som helst.' },
      {
        offer: { source: 'partner', partnerId: '019a2051-8d10-7c1e-9a4b-3f6e2d1c0b9a', catalogueOfferId: '019a2051-8d44-7a3f-8e21-5b7c9d0e1f2a' },
        information: 'Løbeklubben i Fruens Bøge træner tirsdag og torsdag; kom når du har lyst.',
      },
    ],
    problems: mergeProblems(onJourney, wordingProblems, sealing, {
      404: ['catalogue_offer_not_found'],
      409: ['offer_exists', 'offer_unanswered'],
      422: ['offer_not_in_catalogue', 'recently_declined', 'session_too_long_ago'],
    }),
    tag,
    summary: 'Staff make an offer: always voluntary. An offer from the catalogue (a partner’s, or the centre’s own) is made only while it is listed there',
    params: citizenParams,
    body: z
      .object({ offer: offerRef, information: personal(4000).describe('What the citizen was told about the offer') })
      .strict(),
    status: 201,
    creates: ['offerId'],
    command: async ({ params, body, newId }) => {
      // The catalogue offer as it stands now: listed, whose, of which kind (read from its stream and its agreement).
      const catalogueOffer = body.offer.catalogueOfferId === undefined ? undefined : await facts.catalogueOfferFact(body.offer.catalogueOfferId, nowIso());
      return { type: 'MakeOffer' as const, citizenId: params.citizenId, data: { offerId: newId('offerId'), ...body, ...(catalogueOffer === undefined ? {} : { catalogueOffer }) } };
    },
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/offers/:offerId/consent',
    operationId: 'giveConsent',
    examples: [{}, { method: 'verbal_in_session', sessionId: '019a2051-8c4d-790b-8632-d1896e03c124' }],
    problems: mergeProblems(onJourney, answeringOffer, { 409: ['consent_already_given'], 422: ['method_does_not_fit_channel'] }),
    tag,
    summary: 'The citizen gives consent (or staff record consent given in a held conversation)',
    params: offerParams,
    body: z
      .object({ method: z.enum(['signed_in_person', 'verbal_in_session', 'written_in_chat']).optional().describe('Staff only: how the citizen answered; it must fit the conversation’s channel'), ...inSession })
      .strict(),
    creates: ['receiptId'],
    command: ({ params, body, newId }) => ({ type: 'GiveConsent' as const, citizenId: params.citizenId, data: { offerId: params.offerId, receiptId: newId('receiptId'), ...body } }),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/offers/:offerId/decline',
    operationId: 'declineOffer',
    examples: [{}, { reason: 'Ikke lige nu' }],
    problems: mergeProblems(onJourney, answeringOffer, wordingProblems, sealing, { 409: ['already_declined', 'consent_given'] }),
    tag,
    summary: 'Decline an offer: a reason is optional and never required',
    params: offerParams,
    body: z
      .object({ reason: personal(2000).optional(), ...inSession })
      .strict(),
    command: ({ params, body }) => ({ type: 'DeclineOffer' as const, citizenId: params.citizenId, data: { offerId: params.offerId, ...body } }),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/offers/:offerId/withdraw',
    operationId: 'withdrawConsent',
    examples: [{}],
    problems: mergeProblems(onJourney, toldInSession, { 404: ['offer_not_found'], 409: ['no_consent'] }),
    tag,
    summary: 'Withdraw consent, at any time; participation ends with it',
    params: offerParams,
    body: z.object({ ...inSession }).strict(),
    command: ({ params, body }) => ({ type: 'WithdrawConsent' as const, citizenId: params.citizenId, data: { offerId: params.offerId, ...body } }),
  });
  commandRoute(authed, {
    url: '/journeys/:citizenId/offers/:offerId/participation/start',
    operationId: 'startParticipation',
    examples: [{}],
    problems: mergeProblems(onJourney, { 404: ['offer_not_found'], 422: ['consent_required', 'offer_not_in_catalogue'] }),
    tag,
    summary: 'Start taking part (only with consent; in an offer from the catalogue only while it is listed there)',
    params: offerParams,
    body: empty,
    // Whether the offer names a catalogue offer is read from the journey the decision is made on
    // (the handler's one read of the stream), and whether that offer is listed from its own stream.
    process: ({ params: { citizenId, offerId }, principal, now, context }) =>
      handler.handleTogether(context, principal.id, async (load) => {
        const state = await load(journeyDecider, journeyStreamId(citizenId));
        const named = state.status === 'open' && Object.hasOwn(state.offers, offerId) ? state.offers[offerId]?.offer.catalogueOfferId : undefined;
        const catalogueListed = named === undefined ? undefined : ((await facts.catalogueOfferFact(named, now))?.listed ?? false);
        const data = { offerId, ...(catalogueListed === undefined ? {} : { catalogueListed }) };
        return [{ decider: journeyDecider, command: { type: 'StartParticipation' as const, citizenId, principal, now, data } }];
      }),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/offers/:offerId/participation/end',
    operationId: 'endParticipation',
    examples: [{}],
    problems: mergeProblems(onJourney, { 404: ['offer_not_found'] }),
    tag,
    summary: 'Stop taking part; leaving is always possible',
    params: offerParams,
    body: empty,
    command: ({ params }) => ({ type: 'EndParticipation' as const, citizenId: params.citizenId, data: { offerId: params.offerId } }),
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/outcomes',
    operationId: 'recordOutcome',
    examples: [{ kind: 'job', note: 'Fastansat som bagerlærling i Valby fra 1. marts' }, { kind: 'education' }],
    problems: mergeProblems(onJourney, toldInSession, wordingProblems, sealing),
    tag,
    summary: 'Record what happened, as the citizen reports it',
    params: citizenParams,
    body: z.object({ kind: z.enum(OUTCOME_KINDS), note: personal(2000).optional(), ...inSession }).strict(),
    status: 201,
    creates: ['outcomeId'],
    command: ({ params, body, newId }) => ({ type: 'RecordOutcome' as const, citizenId: params.citizenId, data: { outcomeId: newId('outcomeId'), ...body } }),
  });

  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/well-being',
    operationId: 'answerWellBeing',
    examples: [{ scores: [3, 4, 2, 3, 4] }],
    problems: mergeProblems(onJourney, sealing, { 409: ['well_being_answer_exists'] }),
    tag,
    summary:
      'The citizen answers the WHO-5 Well-Being Index themselves (voluntary, never asked for; staff cannot record it and never see it). Health data: the scores are sealed under the citizen’s key',
    params: citizenParams,
    // The scores are health data, and five answers of six values are few: a digest of them in the
    // command log could be matched against all 7,776. A retry with other answers gets the first answer.
    bodyOutOfFingerprint: true,
    body: z
      .object({
        scores: z
          .array(z.number().int().min(WHO5_SCORE.min).max(WHO5_SCORE.max))
          .length(WHO5_ITEMS.length)
          .describe(
            `Personal (health) data, stored encrypted under the citizen’s own key. One score per WHO-5 statement, in its order (${WHO5_ITEMS.join(', ')}): 5 all of the time, 4 most of the time, 3 more than half of the time, 2 less than half of the time, 1 some of the time, 0 at no time`,
          ),
      })
      .strict(),
    status: 201,
    creates: ['answerId'],
    command: ({ params, body, newId }) => ({ type: 'AnswerWellBeing' as const, citizenId: params.citizenId, data: { answerId: newId('answerId'), scores: body.scores } }),
  });

  commandRoute(authed, {
    url: '/journeys/:citizenId/sessions',
    operationId: 'bookSession',
    examples: bookingExamples,
    problems: mergeProblems(onJourney, { 404: ['slot_not_found'], 409: ['slot_taken', 'slot_past', 'session_exists'], 422: ['slot_at_other_centre'] }),
    tag,
    summary: 'The citizen books a free time from a staff member’s calendar',
    params: citizenParams,
    body: bookingBody,
    status: 201,
    creates: ['sessionId'],
    process: ({ params: { citizenId }, body, principal, now, context, newId }) =>
      bookSession(handler, facts, { principal, citizenId, now }, { sessionId: newId('sessionId'), ...body }, context),
  });
  commandRoute(authed, {
    url: '/journeys/:citizenId/sessions/:sessionId/cancel',
    operationId: 'cancelSession',
    examples: [{}],
    problems: mergeProblems(onJourney, { 404: ['session_not_found'], 409: ['session_settled'] }),
    tag,
    summary: 'Cancel a conversation, at any time and without a reason; its time is freed',
    params: sessionParams,
    body: empty.optional(),
    process: ({ params: { citizenId, sessionId }, principal, now, context }) => cancelSession(handler, { principal, citizenId, now }, sessionId, context),
  });
  commandRoute(authed, {
    url: '/journeys/:citizenId/sessions/:sessionId/move',
    operationId: 'moveSession',
    examples: bookingExamples,
    problems: mergeProblems(onJourney, { 404: ['session_not_found', 'slot_not_found'], 409: ['session_settled', 'slot_taken', 'slot_past'] }),
    tag,
    summary: 'The citizen moves a conversation to another free time, no reason needed',
    params: sessionParams,
    body: bookingBody,
    status: 201,
    creates: ['sessionId'],
    // The new time booked and the old one cancelled in one append: if either is refused, nothing changes.
    process: ({ params: { citizenId, sessionId }, body, principal, now, context, newId }) =>
      moveSession(handler, facts, { principal, citizenId, now }, sessionId, { sessionId: newId('sessionId'), ...body }, context),
  });
  commandRoute(authed, {
    url: '/admin/citizens/:citizenId/erase',
    operationId: 'eraseCitizen',
    examples: [{}],
    problems: { 404: ['journey_not_found'], 409: ['citizen_erased'] },
    tag,
    summary: 'Erase a citizen’s personal data (administrators): the log keeps its events, their personal fields become unreadable',
    params: citizenParams,
    body: empty.optional(),
    process: ({ params: { citizenId }, principal, now, context }) => eraseCitizen({ handler, vault, facts }, { principal, citizenId, now }, context),
  });
};
