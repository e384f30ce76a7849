import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../database/connect.js';
import { Forbidden } from '../../domain/shared/errors.js';
import type { Principal } from '../../domain/shared/principal.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import type { Vault } from '../../privacy/vault.js';
import { holdsSeat } from '../../projections/board/queries.js';
import { citizenRecords, consentRegister, counsellorDay, journeyReaderOf, offerDashboard } from '../../projections/journeys/queries.js';
import { principalOf, requirePrincipal } from '../auth.js';
import { errorResponses, isoDay, uuid } from '../schemas.js';

export interface JourneyViewRoutesOptions {
  database: Database;
  verify: TokenVerifier;
  vault: Vault;
}

const citizenParams = z.object({ citizenId: z.string().min(1).max(100) }).strict();

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
        tags: ['journeys'],
        summary: 'Everything recorded about a citizen, in plain language, newest first (the citizen, or staff of their centre)',
        security: [{ bearer: [] }],
        params: citizenParams,
        response: {
          200: z.object({ records: z.array(z.object({ position: z.number(), at: z.string(), type: z.string(), recordedBy: z.string(), text: z.string(), data: z.unknown() })) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const reader = await readerOf(principalOf(request), request.params.citizenId);
      return { records: await citizenRecords(database.db, vault, request.params.citizenId, reader) };
    },
  );

  r.get(
    '/journeys/:citizenId/consents',
    {
      preHandler: authenticated,
      schema: {
        tags: ['journeys'],
        summary: 'The consent register: per offer, the full history of consent given, declined and withdrawn, with receipts',
        security: [{ bearer: [] }],
        params: citizenParams,
        response: { 200: z.object({ offers: z.array(z.unknown()) }), ...errorResponses },
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
        tags: ['journeys'],
        summary: 'A counsellor’s conversations on a day, by time, with the citizen’s alias and the channel (staff of the centre)',
        security: [{ bearer: [] }],
        params: z.object({ staffId: z.string().min(1).max(100) }).strict(),
        querystring: z.object({ date: isoDay().describe('YYYY-MM-DD, Danish time') }).strict(),
        response: { 200: z.object({ sessions: z.array(z.unknown()) }), ...errorResponses },
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
        tags: ['centres'],
        summary: 'Offers made, accepted, declined, withdrawn, lapsed and in participation, by kind and month; and the share of conversations citizens booked themselves',
        security: [{ bearer: [] }],
        params: z.object({ centreId: uuid }).strict(),
        response: { 200: z.unknown(), ...errorResponses },
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
