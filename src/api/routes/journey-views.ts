import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../database/connect.js';
import { Forbidden } from '../../domain/shared/errors.js';
import type { Principal } from '../../domain/shared/principal.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import type { Vault } from '../../privacy/vault.js';
import { holdsSeat } from '../../projections/board/queries.js';
import { LANGS } from '../../i18n/i18n.js';
import { citizenRecords, consentRegister, counsellorDay, journeyReaderOf, offerDashboard } from '../../projections/journeys/queries.js';
import { principalOf, requirePrincipal } from '../auth.js';
import { SIGNED_IN } from '../openapi.js';
import { consentMethodSchema, consentReceiptSchema, eventDataSchema, isoDay, stored, uuid } from '../schemas.js';

export interface JourneyViewRoutesOptions {
  database: Database;
  verify: TokenVerifier;
  vault: Vault;
}

const citizenParams = z.object({ citizenId: z.string().min(1).max(100) }).strict();

/** One thing recorded on a journey, as the citizen reads it. */
const journeyRecord = z
  .object({
    position: z.number().int().describe('Its place in the log'),
    at: z.string().describe('When it happened (ISO-8601)'),
    type: z.string().describe('The event type, e.g. GoalStated'),
    recordedBy: z.string().describe('The role of who recorded it: citizen, staff, admin'),
    text: z.string().describe('What happened, in one sentence in the language asked for (lang)'),
    data: stored(eventDataSchema),
  })
  .meta({ id: 'JourneyRecord' });
/** One offer and every answer given to it, with receipts. */
const offerConsents = z
  .object({
    offerId: z.string(),
    kind: z.string().describe('The kind of offer, e.g. coaching'),
    madeAt: z.string(),
    answer: z.string().describe('The answer standing now: none, consented, declined or withdrawn'),
    participating: z.boolean(),
    history: z.array(
      z.object({
        type: z.string().describe('ConsentGiven, OfferDeclined or ConsentWithdrawn'),
        at: z.string(),
        consent: stored(consentMethodSchema),
        receipt: stored(consentReceiptSchema.nullable()).describe('For consent given: the receipt the citizen got'),
      }),
    ),
  })
  .meta({ id: 'OfferConsents' });
/** A conversation on a counsellor's day. */
const counsellorSession = z
  .object({
    sessionId: z.string(),
    citizenId: z.string(),
    alias: stored(z.string().nullable()).describe('The name the citizen goes by here, if they gave one; (slettet) once erased'),
    start: z.string(),
    durationMinutes: z.number().int(),
    channel: z.string(),
    status: z.string().describe('booked, held or not_held'),
  })
  .meta({ id: 'CounsellorSession' });
/** A centre's offers by kind and month, and how conversations were booked. */
const offerDashboardSchema = z
  .object({
    offers: z.array(
      z.object({
        kind: z.string(),
        month: z.string().describe('YYYY-MM, Danish time'),
        made: z.number().int(),
        consented: z.number().int(),
        declined: z.number().int(),
        withdrawn: z.number().int(),
        lapsed: z.number().int().describe('Unanswered after 60 days'),
        participating: z.number().int(),
      }),
    ),
    sessions: z.object({
      booked: z.number().int(),
      bookedInCalendarByCitizen: z.number().int(),
      share: z.number().nullable().describe('bookedInCalendarByCitizen / booked; null when nothing was booked'),
    }),
  })
  .meta({ id: 'OfferDashboard' });

/** What citizens, counsellors and centres look at. Reads only; personal fields opened for those allowed. */
export const journeyViewRoutes: FastifyPluginAsync<JourneyViewRoutesOptions> = async (app, { database, verify, vault }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authenticated = requirePrincipal(verify);

  /** Who reads the journey, by the rule its read model keeps (src/projections/journeys/queries.ts). */
  const readerOf = (p: Principal, citizenId: string) => journeyReaderOf(database.db, p, citizenId);

  r.get(
    '/journeys/:citizenId/records',
    {
      preHandler: authenticated,
      schema: {
        operationId: 'listJourneyRecords',
        tags: ['journeys'],
        summary: 'Everything recorded about a citizen, in plain language, newest first (the citizen, or staff of their centre)',
        security: SIGNED_IN,
        params: citizenParams,
        querystring: z.object({ lang: z.enum(LANGS).default('da').describe('The language of each record’s sentence: da (default) or en') }).strict(),
        response: { 200: z.object({ records: z.array(journeyRecord) }) },
        problems: { 404: ['journey_not_found'] },
      },
    },
    async (request) => {
      const reader = await readerOf(principalOf(request), request.params.citizenId);
      return { records: await citizenRecords(database.db, vault, request.params.citizenId, reader, request.query.lang) };
    },
  );

  r.get(
    '/journeys/:citizenId/consents',
    {
      preHandler: authenticated,
      schema: {
        operationId: 'getConsentRegister',
        tags: ['journeys'],
        summary: 'The consent register: per offer, the full history of consent given, declined and withdrawn, with receipts',
        security: SIGNED_IN,
        params: citizenParams,
        response: { 200: z.object({ offers: z.array(offerConsents) }) },
        problems: { 404: ['journey_not_found'] },
      },
    },
    async (request) => {
      const reader = await readerOf(principalOf(request), request.params.citizenId);
      return { offers: await consentRegister(database.db, request.params.citizenId, reader) };
    },
  );

  r.get(
    '/counsellors/:staffId/day',
    {
      preHandler: authenticated,
      schema: {
        operationId: 'getCounsellorDay',
        tags: ['journeys'],
        summary: 'A counsellor’s conversations on a day, by time, with the citizen’s alias and the channel (staff of the centre)',
        security: SIGNED_IN,
        params: z.object({ staffId: z.string().min(1).max(100) }).strict(),
        querystring: z.object({ date: isoDay().describe('YYYY-MM-DD, Danish time') }).strict(),
        response: { 200: z.object({ sessions: z.array(counsellorSession) }) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (p.role !== 'staff' || !p.centreId) throw new Forbidden('a counsellor’s day is for staff');
      // Only conversations held for the reader's own centre.
      return { sessions: await counsellorDay(database.db, vault, request.params.staffId, request.query.date, p.centreId) };
    },
  );

  r.get(
    '/centres/:centreId/offer-dashboard',
    {
      preHandler: authenticated,
      schema: {
        operationId: 'getOfferDashboard',
        tags: ['centres'],
        summary: 'Offers made, accepted, declined, withdrawn, lapsed and in participation, by kind and month; and the share of conversations citizens booked themselves',
        security: SIGNED_IN,
        params: z.object({ centreId: uuid }).strict(),
        response: { 200: offerDashboardSchema },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const { centreId } = request.params;
      // A board member reads it while they sit on the board, as the board's read model says.
      const member = p.role === 'board_member' && p.centreId === centreId && (await holdsSeat(database.db, centreId, p.id));
      if (!((p.role === 'staff' && p.centreId === centreId) || member) && p.role !== 'admin') {
        throw new Forbidden('the dashboard is for the centre’s staff and the members sitting on its board');
      }
      return offerDashboard(database.db, request.params.centreId, new Date());
    },
  );
};
