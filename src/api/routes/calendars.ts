import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Facts } from '../../commands/facts.js';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { calendarDecider } from '../../domain/calendar/decide.js';
import { CHANNELS } from '../../domain/journey/journey.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { upcomingSlots } from '../../projections/calendars/queries.js';
import { authenticatedContext } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { SIGNED_IN } from '../openapi.js';
import { isoMoment, uuid } from '../schemas.js';

export interface CalendarRoutesOptions {
  database: Database;
  /** Facts from other streams that commands need. */
  facts: Facts;
  handler: CommandHandler;
  verify: TokenVerifier;
}

const staffParams = z.object({ staffId: z.string().min(1).max(100) }).strict();
const slotView = z
  .object({
    slotId: z.string(),
    start: z.string(),
    durationMinutes: z.number(),
    channels: z.array(z.enum(CHANNELS)),
    free: z.boolean().describe('Nobody has booked it'),
    mentoring: z.boolean().describe('A time for mentor conversations on the entrepreneurs’ track'),
  })
  .meta({ id: 'Slot' });

/** Staff publish the times they are free for conversations; citizens see which are free. */
export const calendarRoutes: FastifyPluginAsync<CalendarRoutesOptions> = async (app, { database, facts, handler, verify }) => {
  const authed = authenticatedContext(app, verify);
  const calendar = { handler, decider: calendarDecider };
  commandRoute(authed, calendar, {
    url: '/calendars/:staffId/slots',
    operationId: 'publishAvailability',
    examples: [
      { start: '2027-01-05T10:00:00+01:00', durationMinutes: 45, channels: ['phone', 'video'] },
      { start: '2027-01-06T13:30:00+01:00', durationMinutes: 60, channels: ['in_person_centre'] },
      { start: '2027-01-07T09:00:00+01:00', durationMinutes: 60, channels: ['in_person_centre', 'video'], mentoring: true },
    ],
    problems: { 409: ['slot_exists', 'slot_overlaps'] },
    tag: 'calendars',
    summary: 'A staff member publishes a time they are free for a conversation',
    params: staffParams,
    body: z
      .object({
        start: isoMoment(),
        durationMinutes: z.number().int().min(10).max(240),
        channels: z.array(z.enum(CHANNELS)).min(1).max(5),
        mentoring: z.boolean().optional().describe('A time for mentor conversations on the entrepreneurs’ track, with a business adviser or coach; anyone may book it'),
      })
      .strict(),
    status: 201,
    creates: ['slotId'],
    topLevel: ['slotId'],
    async command({ params, body, principal, newId }) {
      const openingHours = principal.centreId ? await facts.openingHoursOf(principal.centreId) : null;
      return { type: 'PublishAvailability' as const, staffId: params.staffId, data: { slotId: newId('slotId'), ...body, openingHours } };
    },
  });
  commandRoute(authed, calendar, {
    url: '/calendars/:staffId/slots/:slotId/withdraw',
    operationId: 'withdrawAvailability',
    examples: [{}],
    problems: { 404: ['slot_not_found'], 409: ['slot_booked'] },
    tag: 'calendars',
    summary: 'Withdraw a published time that nobody booked',
    params: staffParams.extend({ slotId: uuid }).strict(),
    // No body, or an empty one: a field such as a `reason` to tell the citizen is a 400.
    body: z.object({}).strict().nullish(),
    command: ({ params }) => ({ type: 'WithdrawAvailability' as const, staffId: params.staffId, data: { slotId: params.slotId } }),
  });

  authed.add((a) =>
    a.withTypeProvider<ZodTypeProvider>().get(
    '/calendars/:staffId/slots',
    {
      schema: {
        operationId: 'listSlots',
        tags: ['calendars'],
        summary: 'A staff member’s published times from now on, and whether each is free (no citizen is named)',
        security: SIGNED_IN,
        params: staffParams,
        response: { 200: z.object({ slots: z.array(slotView) }) },
      },
    },
    async (request) => ({ slots: await upcomingSlots(database.db, request.params.staffId, new Date()) }),
    ),
  );
};
