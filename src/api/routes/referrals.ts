/**
 * Referral to a partner under the citizen's own data-sharing consent (issue 13). The citizen
 * chooses the partner, the purpose, what to share and until when, and gets a receipt; staff record
 * it only as the citizen said it in a conversation they held. The consent is withdrawn at any time.
 * A partner's own people see the referrals made to their partner, each with only what its consent
 * names while it is in force, and never the citizen's id.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Facts } from '../../commands/facts.js';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { journeyDecider } from '../../domain/journey/decide.js';
import { CONTACT_MAX, localDate, MESSAGE_MAX, SHARED_FIELDS, SHARING_PURPOSES } from '../../domain/journey/sharing.js';
import { Forbidden } from '../../domain/shared/errors.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import type { PersonalData } from '../../privacy/sealed.js';
import { journeyReaderOf } from '../../projections/journeys/queries.js';
import { referralsForPartner, sharingsOfCitizen, sharingsSeenBy } from '../../projections/referrals/queries.js';
import { authenticatedContext, principalOf } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { mergeProblems, type ProblemCodes, SIGNED_IN, type Tag } from '../openapi.js';
import { consentMethodSchema, consentReceiptSchema, isoDay, personal, uuid } from '../schemas.js';

export interface ReferralRoutesOptions {
  database: Database;
  facts: Facts;
  handler: CommandHandler;
  verify: TokenVerifier;
  /** Opens what the citizen shared, for the partner while the consent stands. */
  vault: PersonalData;
}

const tag: Tag = 'journeys';

const citizenParams = z.object({ citizenId: z.string().min(1).max(100) }).strict();
const sharingParams = citizenParams.extend({ sharingId: uuid }).strict();
const inSession = {
  method: z
    .enum(['signed_in_person', 'verbal_in_session', 'written_in_chat'])
    .optional()
    .describe('Staff only: how the citizen answered; it must fit the conversation’s channel'),
  sessionId: uuid.optional().describe('Staff only: the held conversation in which the citizen said this'),
};

const sharingView = z
  .object({
    sharingId: z.string(),
    partnerId: z.string(),
    purpose: z.enum(SHARING_PURPOSES),
    catalogueOfferId: z.string().nullable(),
    fields: z.array(z.enum(SHARED_FIELDS)).describe('What the citizen chose to share'),
    until: z.string().describe('The last day it covers, YYYY-MM-DD'),
    consent: consentMethodSchema,
    receipt: consentReceiptSchema.nullable().describe('The citizen’s receipt: for the citizen themselves (null for staff)'),
    givenAt: z.string(),
    withdrawnAt: z.string().nullable(),
    status: z.enum(['shared', 'withdrawn', 'expired']),
    referralIds: z.array(z.string()),
  })
  .meta({ id: 'DataSharing' });

const partnerReferral = z
  .object({
    referralId: z.string(),
    catalogueOfferId: z.string().nullable(),
    purpose: z.enum(SHARING_PURPOSES),
    madeAt: z.string(),
    until: z.string(),
    status: z.enum(['shared', 'withdrawn', 'expired', 'erased']).describe('`shared`: the consent stands and the fields below are shown; otherwise nothing more is shown'),
    shared: z.array(z.enum(SHARED_FIELDS)).describe('What the consent names, while it stands'),
    name: z.string().nullable().optional(),
    contact: z.string().nullable().optional(),
    goals: z.array(z.string()).optional(),
    message: z.string().nullable().optional(),
  })
  .describe('A referral as the partner sees it: never the citizen’s id')
  .meta({ id: 'PartnerReferral' });

/** Problems every command on an opened journey may answer. */
const onJourney: ProblemCodes = { 404: ['journey_not_found'], 409: ['journey_closed', 'citizen_erased'] };
/** Problems of what staff record as said by the citizen in a conversation they held. */
const toldInSession: ProblemCodes = { 422: ['session_required', 'session_not_held', 'method_does_not_fit_channel', 'session_too_long_ago', 'citizen_answered_since'] };

/** Referrals, data-sharing consents and what partners see. */
export const referralRoutes: FastifyPluginAsync<ReferralRoutesOptions> = async (app, { database, facts, handler, verify, vault }) => {
  const authed = authenticatedContext(app, verify);
  const journey = { handler, decider: journeyDecider };

  commandRoute(authed, {
    url: '/journeys/:citizenId/referrals',
    operationId: 'referToPartner',
    examples: [
      {
        partnerId: '019a2051-8d10-7c1e-9a4b-3f6e2d1c0b9a',
        purpose: 'referral_to_offer',
        catalogueOfferId: '019a2051-8d44-7a3f-8e21-5b7c9d0e1f2a',
        fields: ['name', 'contact', 'goals'],
        until: '2027-06-30',
        contact: 'Ring gerne på 12 34 56 78 efter kl. 15',
      },
      { partnerId: '019a2051-8d10-7c1e-9a4b-3f6e2d1c0b9a', purpose: 'introduction', fields: ['name', 'message'], until: '2027-03-31', message: 'Jeg vil gerne høre mere om at blive frivillig.' },
    ],
    problems: mergeProblems(onJourney, toldInSession, {
      400: ['coercive_wording'],
      404: ['partner_not_found', 'offer_not_found'],
      409: ['referral_exists'],
      410: ['personal_data_erased'],
      422: ['offer_not_in_catalogue', 'partner_not_in_network'],
    }),
    tag,
    summary:
      'The citizen agrees to be referred to a partner and to share what they choose with it until a date (or staff record it as said in a conversation they held); the citizen gets a receipt, and may withdraw at any time',
    params: citizenParams,
    body: z
      .object({
        partnerId: uuid,
        purpose: z.enum(SHARING_PURPOSES),
        catalogueOfferId: uuid.optional().describe('For a referral to an offer: the partner’s offer in the catalogue'),
        fields: z.array(z.enum(SHARED_FIELDS)).min(1).max(SHARED_FIELDS.length * 2).describe('What to share with the partner'),
        until: isoDay().describe('The last day the partner may see it, YYYY-MM-DD: from today, at most a year ahead'),
        contact: personal(CONTACT_MAX).optional().describe('How the partner may reach the citizen, in their words: only when `contact` is shared. Personal data, stored encrypted under the citizen’s own key'),
        message: personal(MESSAGE_MAX).optional().describe('The citizen’s message to the partner: only when `message` is shared. Personal data, stored encrypted under the citizen’s own key'),
        ...inSession,
      })
      .strict(),
    status: 201,
    creates: ['referralId', 'sharingId', 'receiptId'],
    answers: { receipt: consentReceiptSchema.nullable().describe('The consent receipt, for the citizen themselves (null when staff recorded it; the citizen finds it among their consents)') },
    process: async ({ params: { citizenId }, body, principal, now, context, newId }) => {
      const { catalogueOfferId } = body;
      const data = {
        referralId: newId('referralId'),
        sharingId: newId('sharingId'),
        receiptId: newId('receiptId'),
        ...body,
        partnerKnown: await facts.partnerKnown(body.partnerId),
        partnerCentres: await facts.partnerCentresInForce(body.partnerId, now),
        ...(catalogueOfferId === undefined ? {} : { catalogueOffer: await facts.catalogueOfferFact(catalogueOfferId, now) }),
      };
      const result = await handler.handle(journey.decider, { type: 'ReferToPartner', citizenId, principal, now, data }, context);
      if (principal.role !== 'citizen') return { ...result, receipt: null };
      // The referrals read model is applied with the append: the receipt is there at once (on a retry too).
      const sharing = (await sharingsOfCitizen(database.db, citizenId, localDate(now))).find((s) => s.sharingId === data.sharingId);
      return { ...result, receipt: sharing?.receipt ?? null };
    },
  });
  commandRoute(authed, journey, {
    url: '/journeys/:citizenId/sharings/:sharingId/withdraw',
    operationId: 'withdrawDataSharing',
    examples: [{}, { method: 'verbal_in_session', sessionId: '019a2051-8c4d-790b-8632-d1896e03c124' }],
    problems: mergeProblems(onJourney, toldInSession, { 404: ['sharing_not_found'], 409: ['sharing_withdrawn'] }),
    tag,
    summary: 'Withdraw a data-sharing consent, at any time (also on a closed journey): the partner sees nothing more, and nothing follows from it',
    params: sharingParams,
    body: z.object(inSession).strict(),
    command: ({ params, body }) => ({ type: 'WithdrawDataSharing' as const, citizenId: params.citizenId, data: { sharingId: params.sharingId, ...body } }),
  });

  authed.add((a) => {
    const r = a.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/journeys/:citizenId/sharings',
      {
        schema: {
          operationId: 'listDataSharings',
          tags: [tag],
          summary:
            'The citizen’s data-sharing consents, newest first: with which partner, what, until when, and whether each stands (the citizen, all of them, with receipts; staff of the centre the citizen is with now, without receipts, those given at their centre, and those given at earlier centres only if the citizen shared their earlier records with it)',
          security: SIGNED_IN,
          params: citizenParams,
          response: { 200: z.object({ sharings: z.array(sharingView) }) },
          problems: { 404: ['journey_not_found'] },
        },
      },
      async (request) => {
        const { citizenId } = request.params;
        // Who reads, and how much, by the rule of the journey's other views: staff of a new centre
        // see an earlier centre's consents only if the citizen shared their earlier records.
        const reader = await journeyReaderOf(database.db, principalOf(request), citizenId);
        const sharings = await sharingsSeenBy(database.db, citizenId, localDate(new Date().toISOString()), reader);
        // Staff see which partners and which fields; the receipt is the citizen's.
        return { sharings: 'citizen' in reader ? sharings : sharings.map((s) => ({ ...s, receipt: null })) };
      },
    );
    r.get(
      '/partners/:partnerId/referrals',
      {
        schema: {
          operationId: 'listReferralsToPartner',
          tags: [tag],
          summary: 'The referrals made to a partner, newest first, each with only what its consent names while it stands (the partner’s own people only; never the citizen’s id)',
          security: SIGNED_IN,
          params: z.object({ partnerId: uuid }).strict(),
          response: { 200: z.object({ referrals: z.array(partnerReferral) }) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const { partnerId } = request.params;
        // Only the partner's own people: not staff, not administrators, not another partner.
        if (p.role !== 'partner' || p.partnerId !== partnerId) throw new Forbidden('referrals are read by the partner’s own people only', { role: p.role });
        return { referrals: await referralsForPartner(database.db, vault, partnerId, localDate(new Date().toISOString())) };
      },
    );
  });
};
