import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Facts } from '../../commands/facts.js';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { NAME_MAX, centreDecider } from '../../domain/centre/decide.js';
import { NotFound } from '../../domain/shared/errors.js';
import { getCentre, listCentres } from '../../projections/centres/queries.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { authenticatedContext } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { PUBLIC } from '../openapi.js';
import { openingHoursSchema, text, uuid } from '../schemas.js';

export interface CentreRoutesOptions {
  database: Database;
  /** Facts from other streams that commands need. */
  facts: Facts;
  handler: CommandHandler;
  verify: TokenVerifier;
}

const centreView = z
  .object({
    centreId: z.string(),
    municipality: z.object({ code: z.string(), name: z.string() }),
    name: z.string(),
    openingHours: openingHoursSchema,
    establishedAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Centre' });

const establishBody = z
  .object({
    municipalityCode: z.string().regex(/^0?\d{3}$/, 'must be a 3-digit municipality code').describe('Official code, e.g. 101 København'),
    name: text(1, NAME_MAX),
    openingHours: openingHoursSchema.optional(),
  })
  .strict();

const centreParams = z.object({ centreId: uuid }).strict();

/** Centres: established by administrators; named by their board; hours set by staff or board. */
export const centreRoutes: FastifyPluginAsync<CentreRoutesOptions> = async (app, { database, facts, handler, verify }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authed = authenticatedContext(app, verify);
  const centre = { handler, decider: centreDecider };
  const tag = 'centres';

  commandRoute(authed, centre, {
    url: '/centres',
    operationId: 'establishCentre',
    examples: [
      { municipalityCode: '101', name: 'Virkelyst Nørrebro', openingHours: { monday: [{ opens: '09:00', closes: '15:00' }], thursday: [{ opens: '12:00', closes: '19:00' }] } },
      { municipalityCode: '751', name: 'Virkelyst Aarhus C' },
    ],
    problems: { 409: ['centre_exists'] },
    tag,
    summary: 'Establish a centre in a municipality (administrators)',
    params: z.object({}).strict(),
    body: establishBody,
    status: 201,
    creates: ['centreId'],
    topLevel: ['centreId'],
    location: ({ centreId }) => `/centres/${centreId}`,
    command: ({ body, newId }) => ({ type: 'EstablishCentre' as const, data: { centreId: newId('centreId'), ...body } }),
  });
  commandRoute(authed, centre, {
    method: 'PUT',
    url: '/centres/:centreId/name',
    operationId: 'renameCentre',
    examples: [{ name: 'Mulighedernes Hus Nørrebro' }],
    problems: { 404: ['centre_not_found'] },
    tag,
    summary: 'Rename a centre (its board, or administrators)',
    params: centreParams,
    body: z.object({ name: text(1, NAME_MAX) }).strict(),
    command: async ({ params, body, principal }) => ({
      type: 'RenameCentre' as const,
      data: { centreId: params.centreId, name: body.name, actorSits: await facts.sitsOnBoard(params.centreId, principal) },
    }),
  });
  commandRoute(authed, centre, {
    method: 'PUT',
    url: '/centres/:centreId/opening-hours',
    operationId: 'setOpeningHours',
    examples: [{ monday: [{ opens: '09:00', closes: '15:00' }], tuesday: [{ opens: '09:00', closes: '15:00' }], thursday: [{ opens: '12:00', closes: '19:00' }] }],
    problems: { 404: ['centre_not_found'] },
    tag,
    summary: 'Set in-person opening hours (its staff or board, or administrators)',
    params: centreParams,
    body: openingHoursSchema,
    command: async ({ params, body, principal }) => ({
      type: 'SetOpeningHours' as const,
      data: { centreId: params.centreId, openingHours: body, actorSits: await facts.sitsOnBoard(params.centreId, principal) },
    }),
  });

  r.get(
    '/centres',
    {
      schema: {
        operationId: 'listCentres',
        tags: ['centres'],
        summary: 'All centres (public)',
        security: PUBLIC,
        querystring: z.object({ municipality: z.string().regex(/^0?\d{3}$/, 'must be a 3-digit municipality code').optional() }).strict(),
        response: { 200: z.object({ centres: z.array(centreView) }) },
      },
    },
    async (request) => {
      const code = request.query.municipality?.replace(/^0(\d{3})$/, '$1');
      return { centres: await listCentres(database.db, code ? { municipalityCode: code } : {}) };
    },
  );

  r.get(
    '/centres/:centreId',
    {
      schema: {
        operationId: 'getCentre',
        tags: ['centres'],
        summary: 'One centre (public)',
        security: PUBLIC,
        params: centreParams,
        response: { 200: centreView },
        problems: { 404: ['centre_not_found'] },
      },
    },
    async (request) => {
      const centre = await getCentre(database.db, request.params.centreId);
      if (!centre) throw new NotFound('centre_not_found', 'no such centre', { centreId: request.params.centreId });
      return centre;
    },
  );
};
