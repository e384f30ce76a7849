import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Facts } from '../../commands/facts.js';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { NAME_MAX, centreDecider } from '../../domain/centre/decide.js';
import { NotFound } from '../../domain/shared/errors.js';
import { newId } from '../../ids.js';
import { getCentre, listCentres } from '../../projections/centres/queries.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { principalOf, requirePrincipal } from '../auth.js';
import { commandContext, commandHeaders, nowIso } from '../command.js';
import { commandResultSchema, errorResponses, openingHoursSchema, text, uuid } from '../schemas.js';

export interface CentreRoutesOptions {
  database: Database;
  /** Facts from other streams that commands need. */
  facts: Facts;
  handler: CommandHandler;
  verify: TokenVerifier;
}

const centreView = z.object({
  centreId: z.string(),
  municipality: z.object({ code: z.string(), name: z.string() }),
  name: z.string(),
  openingHours: openingHoursSchema,
  establishedAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

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
  const authenticated = requirePrincipal(verify);

  r.post(
    '/centres',
    {
      preHandler: authenticated,
      schema: {
        tags: ['centres'],
        summary: 'Establish a centre in a municipality (administrators)',
        security: [{ bearer: [] }],
        headers: commandHeaders,
        body: establishBody,
        response: { 201: commandResultSchema.extend({ centreId: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const context = commandContext(request);
      const result = await handler.handle(
        centreDecider,
        { type: 'EstablishCentre', now: nowIso(), principal: principalOf(request), data: { centreId: newId(), ...request.body } },
        context,
      );
      // On a retried key the stream is the first one's, whatever id this attempt drew.
      const centreId = result.streamId.replace(/^centre-/, '');
      return reply.code(201).header('location', `/centres/${centreId}`).send({ ...result, centreId });
    },
  );

  r.put(
    '/centres/:centreId/name',
    {
      preHandler: authenticated,
      schema: {
        tags: ['centres'],
        summary: 'Rename a centre (its board, or administrators)',
        security: [{ bearer: [] }],
        headers: commandHeaders,
        params: centreParams,
        body: z.object({ name: text(1, NAME_MAX) }).strict(),
        response: { 200: commandResultSchema, ...errorResponses },
      },
    },
    async (request) =>
      handler.handle(
        centreDecider,
        {
          type: 'RenameCentre',
          now: nowIso(),
          principal: principalOf(request),
          data: { centreId: request.params.centreId, name: request.body.name, actorSits: await facts.sitsOnBoard(request.params.centreId, request.principal) },
        },
        commandContext(request),
      ),
  );

  r.put(
    '/centres/:centreId/opening-hours',
    {
      preHandler: authenticated,
      schema: {
        tags: ['centres'],
        summary: 'Set in-person opening hours (its staff or board, or administrators)',
        security: [{ bearer: [] }],
        headers: commandHeaders,
        params: centreParams,
        body: openingHoursSchema,
        response: { 200: commandResultSchema, ...errorResponses },
      },
    },
    async (request) =>
      handler.handle(
        centreDecider,
        {
          type: 'SetOpeningHours',
          now: nowIso(),
          principal: principalOf(request),
          data: { centreId: request.params.centreId, openingHours: request.body, actorSits: await facts.sitsOnBoard(request.params.centreId, request.principal) },
        },
        commandContext(request),
      ),
  );

  r.get(
    '/centres',
    {
      schema: {
        tags: ['centres'],
        summary: 'All centres (public)',
        querystring: z.object({ municipality: z.string().regex(/^0?\d{3}$/, 'must be a 3-digit municipality code').optional() }).strict(),
        response: { 200: z.object({ centres: z.array(centreView) }), 400: errorResponses[400] },
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
        tags: ['centres'],
        summary: 'One centre (public)',
        params: centreParams,
        response: { 200: centreView, 400: errorResponses[400], 404: errorResponses[404] },
      },
    },
    async (request) => {
      const centre = await getCentre(database.db, request.params.centreId);
      if (!centre) throw new NotFound('centre_not_found', 'no such centre', { centreId: request.params.centreId });
      return centre;
    },
  );
};
