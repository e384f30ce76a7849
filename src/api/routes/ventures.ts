/**
 * The entrepreneurs' track (rugekasse), issue 13: everything in it is the citizen's own. They join
 * and leave when they like, set their own milestones with a month they hope for, check in when
 * they choose, say when their business started and, once an anniversary has come, whether it
 * still runs. Only the citizen reads their track (their words opened for them alone) and downloads
 * its summary; the centre sees the survival share of the businesses, counts only, against its goal.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Facts } from '../../commands/facts.js';
import { enterAsCitizen } from '../../commands/citizen-entry.js';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { Forbidden, NotFound } from '../../domain/shared/errors.js';
import type { Principal } from '../../domain/shared/principal.js';
import { BUSINESS_IDEA_MAX, CHECK_IN_NOTE_MAX, LEAVE_REASON_MAX, MILESTONE_TEXT_MAX, ventureDecider } from '../../domain/venture/decide.js';
import { BUSINESS_STATUSES, danishDate, type ProgressSummary, SURVIVAL_YEARS } from '../../domain/venture/venture.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import type { PersonalData } from '../../privacy/sealed.js';
import { holdsSeat } from '../../projections/board/queries.js';
import { publishSurvival, survivalShare, ventureOfCitizen, type VentureView } from '../../projections/ventures/queries.js';
import { authenticatedContext, principalOf } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { mergeProblems, type ProblemCodes, SIGNED_IN, type Tag } from '../openapi.js';
import { isoDay, openedText, personal, uuid } from '../schemas.js';

export interface VentureRoutesOptions {
  database: Database;
  facts: Facts;
  handler: CommandHandler;
  verify: TokenVerifier;
  /** Opens the citizen's words for the citizen. */
  vault: PersonalData;
}

// The track is the citizen's own, like their journey.
const tag: Tag = 'ventures';

const citizenParams = z.object({ citizenId: z.string().min(1).max(100) }).strict();
const milestoneParams = citizenParams.extend({ milestoneId: uuid }).strict();
const hopedFor = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')
  .optional()
  .describe('The month the citizen hopes to get there, YYYY-MM: their own aim, which nobody holds them to');

const milestoneView = z.object({
  milestoneId: z.string(),
  text: z.string(),
  hopedFor: z.string().nullable(),
  status: z.enum(['open', 'reached']),
  setAt: z.string(),
  reachedAt: z.string().nullable(),
});
const membershipView = z.object({ centreId: z.string(), joinedAt: z.string(), businessIdea: z.string().nullable(), leftAt: z.string().nullable(), leftReason: z.string().nullable() });
const checkInView = z.object({ quarter: z.string().describe('YYYY-Qn'), status: z.enum(BUSINESS_STATUSES), note: z.string().nullable(), recordedAt: z.string() });
const businessStartView = z.object({ startedOn: z.string(), hasCvr: z.boolean().nullable(), recordedAt: z.string() });
const survivalView = z.object({ years: z.literal(SURVIVAL_YEARS), running: z.boolean(), reportedAt: z.string() });
const summary = {
  citizenId: z.string(),
  status: z.enum(['joined', 'left']),
  memberships: z.array(membershipView).describe('Every time on the track, oldest first'),
  milestones: z.array(milestoneView),
  checkIns: z.array(checkInView),
  businessStart: businessStartView.nullable(),
  survival: z.array(survivalView),
};
const progressSummarySchema = z.object(summary).describe('The citizen’s own track, their words opened: to keep and to send wherever they choose').meta({ id: 'VentureProgressSummary' });
const trackView = z.object({ ...summary, centreId: z.string().describe('The centre of the latest membership') }).meta({ id: 'VentureTrack' });
const survivalShareView = z
  .object({
    goal: z.number().describe('The share the centre aims for: at least a half'),
    years: z.array(
      z.object({
        years: z.literal(SURVIVAL_YEARS),
        reached: z.number().int().nullable().describe('Businesses whose start had this anniversary by today; null when 1–4 (too few to show)'),
        answered: z.number().int().nullable().describe('Of those, how many owners said whether it still runs; null when 1–4'),
        running: z.number().int().nullable().describe('Of those, how many said it runs; null unless the share is shown'),
        share: z.number().nullable().describe('running / answered; null unless at least 10 answered and neither those running nor those not are 1–4'),
        meetsGoal: z.boolean().nullable().describe('Whether the share meets the goal; null when the share is not shown'),
      }),
    ),
  })
  .describe('Counts only, under disclosure control: no citizen comes out of it')
  .meta({ id: 'VentureSurvivalShare' });

/** Problems of a command on a track the citizen is on now. */
const onTrack: ProblemCodes = { 404: ['track_not_found'], 409: ['track_left', 'citizen_erased'] };
const sealing: ProblemCodes = { 410: ['personal_data_erased'] };

/** The citizen's own track, their words opened: what they read and download. */
async function opened(vault: PersonalData, view: VentureView): Promise<ProgressSummary & { centreId: string }> {
  const open = (value: unknown) => openedText(vault, value);
  return {
    citizenId: view.citizenId,
    status: view.status,
    centreId: view.centreId,
    memberships: await Promise.all(view.memberships.map(async (m) => ({ ...m, businessIdea: await open(m.businessIdea), leftReason: await open(m.leftReason) }))),
    milestones: await Promise.all(view.milestones.map(async (m) => ({ ...m, text: (await open(m.text)) ?? '' }))),
    checkIns: await Promise.all(view.checkIns.map(async (c) => ({ ...c, note: await open(c.note) }))),
    businessStart: view.businessStart,
    survival: view.survival,
  };
}

/** The entrepreneurs' track: the citizen's commands, their own reading, and the centre's counts. */
export const ventureRoutes: FastifyPluginAsync<VentureRoutesOptions> = async (app, { database, facts, handler, verify, vault }) => {
  const authed = authenticatedContext(app, verify);
  const venture = { handler, decider: ventureDecider };

  commandRoute(authed, {
    url: '/ventures/:citizenId/join',
    operationId: 'joinTrack',
    examples: [{ centreId: '019a2051-8bf8-7996-ac05-81cabffe29d6', businessIdea: 'Et lille bageri med surdejsbrød og kaffe på Amager.' }, { centreId: '019a2051-8bf8-7996-ac05-81cabffe29d6' }],
    problems: mergeProblems(sealing, { 404: ['centre_not_found'], 409: ['track_joined', 'citizen_erased'] }),
    tag,
    summary: 'The citizen joins the entrepreneurs’ track at a centre (again, after leaving, if they like); a business idea in their own words, if they want',
    params: citizenParams,
    body: z.object({ centreId: uuid, businessIdea: personal(BUSINESS_IDEA_MAX).optional() }).strict(),
    // A process: the citizen's journey is read and checked again when the track is appended, so an erasure committing in between refuses it.
    process: async ({ params: { citizenId }, body, principal, now, context }) => {
      const centreKnown = await facts.centreKnown(body.centreId);
      return enterAsCitizen(
        handler,
        ventureDecider,
        citizenId,
        (citizenErased) => ({ type: 'JoinTrack' as const, citizenId, principal, now, data: { ...body, centreKnown, citizenErased } }),
        context,
        principal.id,
      );
    },
  });
  commandRoute(authed, venture, {
    url: '/ventures/:citizenId/leave',
    operationId: 'leaveTrack',
    examples: [{}, { reason: 'Jeg har fået et job, som jeg er glad for.' }],
    problems: mergeProblems(sealing, { 404: ['track_not_found'], 409: ['citizen_erased'] }),
    tag,
    summary: 'The citizen leaves the track, at any time; a reason only if they want to give one, and nothing follows from it',
    params: citizenParams,
    body: z.object({ reason: personal(LEAVE_REASON_MAX).optional() }).strict(),
    command: ({ params, body }) => ({ type: 'LeaveTrack' as const, citizenId: params.citizenId, data: body }),
  });
  commandRoute(authed, venture, {
    url: '/ventures/:citizenId/milestones',
    operationId: 'setMilestone',
    examples: [{ text: 'Finde et lokale med ovn', hopedFor: '2027-05' }, { text: 'Lave en budgetplan' }],
    problems: mergeProblems(onTrack, sealing, { 409: ['milestone_exists'], 422: ['open_milestones_limit'] }),
    tag,
    summary: 'The citizen sets a milestone of their own, with a month they hope for if they like',
    params: citizenParams,
    body: z.object({ text: personal(MILESTONE_TEXT_MAX), hopedFor }).strict(),
    status: 201,
    creates: ['milestoneId'],
    command: ({ params, body, newId }) => ({ type: 'SetMilestone' as const, citizenId: params.citizenId, data: { milestoneId: newId('milestoneId'), ...body } }),
  });
  commandRoute(authed, venture, {
    url: '/ventures/:citizenId/milestones/:milestoneId/revise',
    operationId: 'reviseMilestone',
    examples: [{ text: 'Finde et lokale med ovn i Sundby', hopedFor: '2027-06' }],
    problems: mergeProblems(onTrack, sealing, { 404: ['milestone_not_found'] }),
    tag,
    summary: 'The citizen puts a milestone’s words and month right (a month left out is cleared)',
    params: milestoneParams,
    body: z.object({ text: personal(MILESTONE_TEXT_MAX), hopedFor }).strict(),
    command: ({ params, body }) => ({ type: 'ReviseMilestone' as const, citizenId: params.citizenId, data: { milestoneId: params.milestoneId, ...body } }),
  });
  commandRoute(authed, venture, {
    url: '/ventures/:citizenId/milestones/:milestoneId/reached',
    operationId: 'markMilestoneReached',
    examples: [{}],
    problems: mergeProblems(onTrack, { 404: ['milestone_not_found'] }),
    tag,
    summary: 'The citizen marks a milestone reached',
    params: milestoneParams,
    body: z.object({}).strict().nullish(),
    command: ({ params }) => ({ type: 'MarkMilestoneReached' as const, citizenId: params.citizenId, data: { milestoneId: params.milestoneId } }),
  });
  commandRoute(authed, venture, {
    url: '/ventures/:citizenId/milestones/:milestoneId/remove',
    operationId: 'removeMilestone',
    examples: [{}],
    problems: mergeProblems(onTrack, { 404: ['milestone_not_found'] }),
    tag,
    summary: 'The citizen removes a milestone',
    params: milestoneParams,
    body: z.object({}).strict().nullish(),
    command: ({ params }) => ({ type: 'RemoveMilestone' as const, citizenId: params.citizenId, data: { milestoneId: params.milestoneId } }),
  });
  commandRoute(authed, venture, {
    url: '/ventures/:citizenId/check-ins',
    operationId: 'recordCheckIn',
    examples: [{ quarter: '2027-Q1', status: 'running', note: 'De første kunder er kommet, og jeg har fået en fast leverandør.' }, { quarter: '2027-Q2', status: 'paused' }],
    problems: mergeProblems(onTrack, sealing),
    tag,
    summary: 'The citizen checks in for a quarter, if they choose: how the business stands, and a note; a later one for the same quarter replaces it. Nothing asks for one',
    params: citizenParams,
    body: z
      .object({
        quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'a quarter YYYY-Qn').describe('A quarter that has begun, since the citizen first joined: YYYY-Qn'),
        status: z.enum(BUSINESS_STATUSES),
        note: personal(CHECK_IN_NOTE_MAX).optional(),
      })
      .strict(),
    command: ({ params, body }) => ({ type: 'RecordCheckIn' as const, citizenId: params.citizenId, data: body }),
  });
  commandRoute(authed, venture, {
    method: 'PUT',
    url: '/ventures/:citizenId/business-start',
    operationId: 'recordBusinessStarted',
    examples: [{ startedOn: '2027-03-01', hasCvr: true }, { startedOn: '2027-03-01' }],
    problems: { 404: ['track_not_found'], 409: ['citizen_erased'] },
    tag,
    summary: 'The citizen says the day their business started and, if they want, whether it has a CVR number (never the number); said again, it is corrected',
    params: citizenParams,
    body: z.object({ startedOn: isoDay().describe('Today or earlier, YYYY-MM-DD'), hasCvr: z.boolean().optional() }).strict(),
    command: ({ params, body }) => ({ type: 'RecordBusinessStarted' as const, citizenId: params.citizenId, data: body }),
  });
  commandRoute(authed, venture, {
    url: '/ventures/:citizenId/survival',
    operationId: 'reportSurvival',
    examples: [{ years: 1, running: true }],
    problems: { 404: ['track_not_found'], 409: ['citizen_erased'], 422: ['business_start_not_recorded', 'anniversary_not_come'] },
    tag,
    summary: 'The citizen says whether their business still runs 1, 2 or 3 years after its start, once that anniversary has come; a later answer replaces the earlier',
    params: citizenParams,
    body: z.object({ years: z.literal(SURVIVAL_YEARS), running: z.boolean() }).strict(),
    command: ({ params, body }) => ({ type: 'ReportSurvival' as const, citizenId: params.citizenId, data: body }),
  });

  /** The citizen's own track, for the citizen alone. */
  const ownTrack = async (p: Principal, citizenId: string) => {
    if (p.role !== 'citizen' || p.id !== citizenId) throw new Forbidden('the entrepreneurs’ track is read by the citizen themselves', { role: p.role });
    const view = await ventureOfCitizen(database.db, citizenId);
    if (!view) throw new NotFound('track_not_found', 'you have not joined the entrepreneurs’ track');
    return opened(vault, view);
  };

  authed.add((a) => {
    const r = a.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/ventures/:citizenId',
      {
        schema: {
          operationId: 'getTrack',
          tags: [tag],
          summary: 'The citizen’s own track, their words opened (the citizen themselves)',
          security: SIGNED_IN,
          params: citizenParams,
          response: { 200: trackView },
          problems: { 404: ['track_not_found'] },
        },
      },
      async (request) => ownTrack(principalOf(request), request.params.citizenId),
    );
    r.get(
      '/ventures/:citizenId/summary',
      {
        schema: {
          operationId: 'downloadTrackSummary',
          tags: [tag],
          summary: 'The citizen’s progress summary as a file to download, their words opened (the citizen themselves)',
          security: SIGNED_IN,
          params: citizenParams,
          response: { 200: progressSummarySchema },
          problems: { 404: ['track_not_found'] },
        },
      },
      async (request, reply) => {
        const { centreId: _centre, ...summaryOnly } = await ownTrack(principalOf(request), request.params.citizenId);
        (reply as FastifyReply).header('content-disposition', 'attachment; filename="virkelyst-ivaerksaetterforloeb.json"');
        return summaryOnly;
      },
    );
    r.get(
      '/centres/:centreId/venture-survival',
      {
        schema: {
          operationId: 'getVentureSurvivalShare',
          tags: ['centres'],
          summary: 'How many of the businesses on the centre’s track still run 1, 2 and 3 years on, against the goal of at least a half: counts only (staff and sitting board members of the centre, administrators)',
          security: SIGNED_IN,
          params: z.object({ centreId: uuid }).strict(),
          response: { 200: survivalShareView },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const { centreId } = request.params;
        const member = p.role === 'board_member' && p.centreId === centreId && (await holdsSeat(database.db, centreId, p.id));
        if (!(p.role === 'admin' || (p.role === 'staff' && p.centreId === centreId) || member)) {
          throw new Forbidden('the survival share is for the centre’s staff and the members sitting on its board', { role: p.role });
        }
        return publishSurvival(await survivalShare(database.db, { centreId, today: danishDate(new Date().toISOString()) }));
      },
    );
  });
};
