/**
 * Local activities (issue 13): information meetings, workshops, seminars and self-help groups a
 * centre holds. Staff schedule, change and cancel them, and afterwards record how many came (a
 * count, never who). A citizen takes a place, or a place in line when it is full, and leaves it,
 * only themselves: nobody is ever put on an activity. Anyone reads what is coming, with counts.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { enterAsCitizen } from '../../commands/citizen-entry.js';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { ACTIVITY_KINDS } from '../../domain/activity/activity.js';
import { activityDecider, ATTENDANCE_MAX, CAPACITY_MAX, DESCRIPTION_MAX, LINK_MAX, PLACE_MAX, TITLE_MAX } from '../../domain/activity/decide.js';
import { Forbidden, NotFound } from '../../domain/shared/errors.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { activitiesOfCentre, activitiesOfCitizen, activityById, activityOfCitizen } from '../../projections/activities/queries.js';
import { authenticatedContext, optionalPrincipal, principalOf } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { mergeProblems, OPTIONALLY_SIGNED_IN, type ProblemCodes, PUBLIC, SIGNED_IN, type Tag } from '../openapi.js';
import { isoMoment, text, uuid } from '../schemas.js';

export interface ActivityRoutesOptions {
  database: Database;
  handler: CommandHandler;
  verify: TokenVerifier;
}

// Local activities are the centre's own events.
const tag: Tag = 'activities';

const moment = isoMoment().describe('ISO-8601 with zone');
const where = z
  .object({ place: text(1, PLACE_MAX).optional().describe('An address or a room'), link: text(1, LINK_MAX).optional().describe('A virtual meeting place: an https link') })
  .strict()
  .describe('Where it is held: a place or a link, one of them');
const activityParams = z.object({ activityId: uuid }).strict();
const placeParams = activityParams.extend({ citizenId: z.string().min(1).max(100) }).strict();

const placeView = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('registered'), since: z.string() }),
    z.object({ status: z.literal('waiting'), position: z.number().int().describe('Where in line now: 1 is next'), since: z.string() }),
  ])
  .describe('The citizen’s own place: a seat, or a place in line')
  .meta({ id: 'ActivityPlace' });
const activityView = z
  .object({
    activityId: z.string(),
    centreId: z.string(),
    kind: z.enum(ACTIVITY_KINDS),
    title: z.string(),
    description: z.string().nullable(),
    start: z.string(),
    end: z.string(),
    where: z.union([z.object({ place: z.string() }), z.object({ link: z.string() })]),
    capacity: z.number().int(),
    registered: z.number().int().describe('How many have a place: a count, never who'),
    waiting: z.number().int().describe('How many wait in line'),
    freePlaces: z.number().int(),
    status: z.enum(['scheduled', 'cancelled']),
    attendance: z.number().int().nullable().describe('How many came, as staff counted them afterwards'),
  })
  .meta({ id: 'Activity' });

const onActivity: ProblemCodes = { 404: ['activity_not_found'] };
const wording: ProblemCodes = { 400: ['coercive_wording'] };

/** Activities: scheduled by staff, chosen by citizens, counted afterwards. */
export const activityRoutes: FastifyPluginAsync<ActivityRoutesOptions> = async (app, { database, handler, verify }) => {
  const authed = authenticatedContext(app, verify);
  const activity = { handler, decider: activityDecider };

  commandRoute(authed, activity, {
    url: '/centres/:centreId/activities',
    operationId: 'scheduleActivity',
    examples: [
      {
        kind: 'information_meeting',
        title: 'Informationsmøde om at starte egen virksomhed',
        description: 'Hør om husets iværksætterforløb og mød andre med en idé. Kaffe og kage.',
        start: '2027-02-03T16:00:00+01:00',
        end: '2027-02-03T17:30:00+01:00',
        where: { place: 'Huset, salen på 1. sal' },
        capacity: 40,
      },
      { kind: 'workshop', title: 'CV-værksted online', start: '2027-02-10T10:00:00+01:00', end: '2027-02-10T12:00:00+01:00', where: { link: 'https://moede.virkelyst.dk/cv' }, capacity: 12 },
    ],
    problems: mergeProblems(wording, { 409: ['activity_exists'] }),
    tag,
    summary: 'Schedule an activity (staff of the centre): its kind, time, place or link, and how many it has room for',
    params: z.object({ centreId: uuid }).strict(),
    body: z
      .object({ kind: z.enum(ACTIVITY_KINDS), title: text(1, TITLE_MAX), description: text(1, DESCRIPTION_MAX).optional(), start: moment, end: moment, where, capacity: z.number().int().min(1).max(CAPACITY_MAX) })
      .strict(),
    status: 201,
    creates: ['activityId'],
    topLevel: ['activityId'],
    location: ({ activityId }) => `/activities/${activityId}`,
    command: ({ params, body, newId }) => ({ type: 'ScheduleActivity' as const, data: { activityId: newId('activityId'), centreId: params.centreId, ...body } }),
  });
  commandRoute(authed, activity, {
    url: '/activities/:activityId/change',
    operationId: 'changeActivity',
    examples: [{ start: '2027-02-03T16:30:00+01:00', end: '2027-02-03T18:00:00+01:00', capacity: 50 }, { description: null }],
    problems: mergeProblems(onActivity, wording, { 422: ['activity_begun', 'activity_cancelled', 'capacity_below_registered'] }),
    tag,
    summary: 'Change what was announced, before it begins (staff of the centre); more places go to the first in line at once',
    params: activityParams,
    body: z
      .object({
        title: text(1, TITLE_MAX).optional(),
        description: text(0, DESCRIPTION_MAX).nullable().optional().describe('null or empty removes it'),
        start: moment.optional(),
        end: moment.optional(),
        where: where.optional(),
        capacity: z.number().int().min(1).max(CAPACITY_MAX).optional().describe('Never below those who have a place'),
      })
      .strict(),
    command: ({ params, body }) => ({ type: 'ChangeActivity' as const, data: { activityId: params.activityId, ...body } }),
  });
  commandRoute(authed, activity, {
    url: '/activities/:activityId/cancel',
    operationId: 'cancelActivity',
    examples: [{}],
    problems: mergeProblems(onActivity, { 422: ['activity_ended'] }),
    tag,
    summary: 'Cancel an activity that has not taken place (staff of the centre): nothing follows from it for anyone',
    params: activityParams,
    body: z.object({}).strict().nullish(),
    command: ({ params }) => ({ type: 'CancelActivity' as const, data: { activityId: params.activityId } }),
  });
  commandRoute(authed, activity, {
    method: 'PUT',
    url: '/activities/:activityId/attendance',
    operationId: 'recordActivityAttendance',
    examples: [{ count: 27 }],
    problems: mergeProblems(onActivity, { 422: ['activity_not_ended', 'activity_cancelled'] }),
    tag,
    summary: 'Record how many came, after the end (staff of the centre): a count, never who; a later count corrects an earlier one',
    params: activityParams,
    body: z.object({ count: z.number().int().min(0).max(ATTENDANCE_MAX) }).strict(),
    command: ({ params, body }) => ({ type: 'RecordAttendance' as const, data: { activityId: params.activityId, count: body.count } }),
  });
  commandRoute(authed, {
    url: '/activities/:activityId/places/:citizenId',
    operationId: 'registerForActivity',
    examples: [{}],
    problems: mergeProblems(onActivity, { 409: ['citizen_erased'], 422: ['activity_begun', 'activity_cancelled'] }),
    tag,
    summary: 'The citizen takes a place, or a place in line when it is full (only themselves); taking it again changes nothing',
    params: placeParams,
    body: z.object({}).strict().nullish(),
    // A process: the citizen's journey is read and checked again when the place is appended, so an erasure committing in between refuses it.
    process: ({ params: { activityId, citizenId }, principal, now, context }) =>
      enterAsCitizen(
        handler,
        activityDecider,
        citizenId,
        (citizenErased) => ({ type: 'RegisterForActivity' as const, principal, now, data: { activityId, citizenId, citizenErased } }),
        context,
        principal.id,
      ),
  });
  commandRoute(authed, activity, {
    url: '/activities/:activityId/places/:citizenId/leave',
    operationId: 'unregisterFromActivity',
    examples: [{}],
    problems: onActivity,
    tag,
    summary: 'The citizen gives up their place or their place in line, whenever they like (only themselves); a freed place goes to the first in line',
    params: placeParams,
    body: z.object({}).strict().nullish(),
    command: ({ params }) => ({ type: 'UnregisterFromActivity' as const, data: { activityId: params.activityId, citizenId: params.citizenId } }),
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/centres/:centreId/activities',
    {
      schema: {
        operationId: 'listActivitiesOfCentre',
        tags: [tag],
        summary: 'A centre’s activities that have not ended, earliest first (public): counts only, never who',
        security: PUBLIC,
        params: z.object({ centreId: uuid }).strict(),
        response: { 200: z.object({ activities: z.array(activityView) }) },
      },
    },
    async (request) => ({ activities: await activitiesOfCentre(database.db, request.params.centreId, { from: new Date() }) }),
  );
  r.get(
    '/activities/:activityId',
    {
      preHandler: optionalPrincipal(verify),
      schema: {
        operationId: 'getActivity',
        tags: [tag],
        summary: 'One activity with its counts (public); a signed-in citizen also reads their own place in it',
        security: OPTIONALLY_SIGNED_IN,
        params: activityParams,
        response: { 200: activityView.extend({ place: placeView.nullable().optional().describe('The signed-in citizen’s own place, null when they have none') }) },
        problems: { 404: ['activity_not_found'] },
      },
    },
    async (request) => {
      const found = await activityById(database.db, request.params.activityId);
      if (!found) throw new NotFound('activity_not_found', 'no such activity', { activityId: request.params.activityId });
      const p = request.principal;
      if (p?.role !== 'citizen') return found;
      return { ...found, place: await activityOfCitizen(database.db, found.activityId, p.id) };
    },
  );
  authed.add((a) => {
    a.withTypeProvider<ZodTypeProvider>().get(
      '/citizens/:citizenId/activities',
      {
        schema: {
          operationId: 'listActivitiesOfCitizen',
          tags: [tag],
          summary: 'The activities the citizen has a place in or waits for, earliest first, with their place (the citizen themselves)',
          security: SIGNED_IN,
          params: z.object({ citizenId: z.string().min(1).max(100) }).strict(),
          response: { 200: z.object({ activities: z.array(activityView.extend({ place: placeView })) }) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        if (p.role !== 'citizen' || p.id !== request.params.citizenId) throw new Forbidden('a citizen’s places are their own to read', { role: p.role });
        return { activities: await activitiesOfCitizen(database.db, request.params.citizenId) };
      },
    );
  });
};
