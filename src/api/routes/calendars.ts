import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type CommandHandler, loadState } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { type Calendar, calendarStreamId } from '../../domain/calendar/calendar.js';
import { calendarDecider } from '../../domain/calendar/decide.js';
import { CHANNELS } from '../../domain/journey/journey.js';
import type { EventStore } from '../../eventstore/port.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { newId } from '../../ids.js';
import { getCentre } from '../../projections/centres/queries.js';
import { principalOf, requirePrincipal } from '../auth.js';
import { commandContext, commandHeaders, nowIso } from '../command.js';
import { commandResultSchema, errorResponses, isoMoment, uuid } from '../schemas.js';

export interface CalendarRoutesOptions {
  database: Database;
  store: EventStore;
  handler: CommandHandler;
  verify: TokenVerifier;
}

/** A staff member's calendar, folded from its stream (short: one stream per staff member). */
async function loadCalendar(store: EventStore, staffId: string): Promise<Calendar> {
  return (await loadState(store, calendarDecider, calendarStreamId(staffId))).state;
}

const staffParams = z.object({ staffId: z.string().min(1).max(100) }).strict();
const slotView = z.object({ slotId: z.string(), start: z.string(), durationMinutes: z.number(), channels: z.array(z.enum(CHANNELS)), free: z.boolean() });

/** Staff publish the times they are free for conversations; citizens see which are free. */
export const calendarRoutes: FastifyPluginAsync<CalendarRoutesOptions> = async (app, { database, store, handler, verify }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authenticated = requirePrincipal(verify);

  r.post(
    '/calendars/:staffId/slots',
    {
      preHandler: authenticated,
      schema: {
        tags: ['calendars'],
        summary: 'A staff member publishes a time they are free for a conversation',
        security: [{ bearer: [] }],
        headers: commandHeaders,
        params: staffParams,
        body: z
          .object({ start: isoMoment(), durationMinutes: z.number().int().min(10).max(240), channels: z.array(z.enum(CHANNELS)).min(1).max(5) })
          .strict()
          .meta({ examples: [{ start: '2027-01-05T10:00:00+01:00', durationMinutes: 45, channels: ['phone', 'video'] }] }),
        response: { 201: commandResultSchema.extend({ slotId: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const centre = principal.centreId ? await getCentre(database.db, principal.centreId) : null;
      const slotId = newId();
      const result = await handler.handle(
        calendarDecider,
        { type: 'PublishAvailability', staffId: request.params.staffId, principal, now: nowIso(), data: { slotId, ...request.body, openingHours: centre?.openingHours ?? null } },
        commandContext(request),
      );
      return reply.code(201).send({ ...result, slotId });
    },
  );

  r.post(
    '/calendars/:staffId/slots/:slotId/withdraw',
    {
      preHandler: authenticated,
      schema: {
        tags: ['calendars'],
        summary: 'Withdraw a published time that nobody booked',
        security: [{ bearer: [] }],
        headers: commandHeaders,
        params: staffParams.extend({ slotId: uuid }).strict(),
        // No body, or an empty one: a field such as a `reason` to tell the citizen is a 400.
        body: z.object({}).strict().nullish(),
        response: { 200: commandResultSchema, ...errorResponses },
      },
    },
    async (request) =>
      handler.handle(
        calendarDecider,
        { type: 'WithdrawAvailability', staffId: request.params.staffId, principal: principalOf(request), now: nowIso(), data: { slotId: request.params.slotId } },
        commandContext(request),
      ),
  );

  r.get(
    '/calendars/:staffId/slots',
    {
      preHandler: authenticated,
      schema: {
        tags: ['calendars'],
        summary: 'A staff member’s published times from now on, and whether each is free (no citizen is named)',
        security: [{ bearer: [] }],
        params: staffParams,
        response: { 200: z.object({ slots: z.array(slotView) }), ...errorResponses },
      },
    },
    async (request) => {
      const calendar = await loadCalendar(store, request.params.staffId);
      const now = Date.now();
      const slots = calendar.status === 'open' ? Object.values(calendar.slots) : [];
      return {
        slots: slots
          .filter((s) => new Date(s.start).getTime() > now)
          .sort((a, b) => a.start.localeCompare(b.start))
          .map((s) => ({ slotId: s.slotId, start: s.start, durationMinutes: s.durationMinutes, channels: s.channels, free: s.booking === null })),
      };
    },
  );
};
