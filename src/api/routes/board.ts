import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SpokespersonBallots } from '../../commands/ballot.js';
import type { BoardRecords } from '../../commands/board-records.js';
import type { Facts } from '../../commands/facts.js';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { ballotDecider } from '../../domain/ballot/decide.js';
import { BOARD_ROLES, VOTE_CHOICES } from '../../domain/board/board.js';
import { AGENDA_MAX, boardDecider, DOCUMENT_MAX_BYTES, DOCUMENT_MEDIA_TYPES, MINUTES_MAX, NAME_MAX, PLACE_MAX, TITLE_MAX } from '../../domain/board/decide.js';
import { NotFound } from '../../domain/shared/errors.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import type { PersonalData } from '../../privacy/sealed.js';
import { boardOf } from '../../projections/board/queries.js';
import { spokespersonOf } from '../../projections/spokesperson/queries.js';
import { authenticatedContext, optionalPrincipal, seatedInsider } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { mergeProblems, OPTIONALLY_SIGNED_IN, PUBLIC, type ProblemCodes } from '../openapi.js';
import { isoDay, isoMoment, resolutionSubjectSchema, text, uuid } from '../schemas.js';

export interface BoardRoutesOptions {
  /** The read models the board's and the ballots' views are read from. */
  database: Database;
  /** Facts from other streams that commands need. */
  facts: Facts;
  handler: CommandHandler;
  verify: TokenVerifier;
  /** The ballot's vote and count, which open sealed papers and erase the ballot's key after the count. */
  ballots: SpokespersonBallots;
  /** Members' published names (each under a key of its own) and the bytes of meeting documents. */
  records: BoardRecords;
  /** Opens published names for the board's view. */
  vault: PersonalData;
}

const subjectId = text(1, 100).describe('An identity: the subject of that person’s token');
const day = isoDay().describe('YYYY-MM-DD');
const centreParams = z.object({ centreId: uuid }).strict();
const seatParams = centreParams.extend({ seatId: z.union([z.enum(['employee', 'citizen']), uuid]).describe('employee, citizen, or a partner seat’s id') }).strict();
const meetingParams = centreParams.extend({ meetingId: uuid }).strict();
const resolutionParams = centreParams.extend({ resolutionId: uuid }).strict();
const ballotParams = centreParams.extend({ ballotId: uuid }).strict();
const empty = z.object({}).strict();
const subject = resolutionSubjectSchema;
/** Problems every command on a constituted board may answer. */
const onBoard: ProblemCodes = { 404: ['board_not_found'] };


const tally = z.object({ for: z.number().int(), against: z.number().int(), abstained: z.number().int() });
/** The board as its read model holds it: what anyone may see, and for insiders the open business too. */
const boardViewSchema = z
  .object({
    centreId: uuid,
    individualVotesPublic: z.boolean().describe('As the rules of procedure say: how each member voted on an adopted resolution is public; otherwise the public sees the counts'),
    validlyComposed: z.boolean().describe('Both the employee seat and the citizen seat are filled: the board may resolve'),
    seats: z.array(
      z.object({
        seatId: z.string(),
        kind: z.enum(['partner', 'employee', 'citizen']),
        organisation: z.string().nullable(),
        memberId: z.string().nullable().describe('The member: to the board and staff their identity; to the public their place, `seat:<seatId>` (and a deputy `deputy:<seatId>`, someone who no longer holds a place `former:<n>`), as everywhere in the public view'),
        since: z.string().nullable().describe('YYYY-MM-DD: when the member took the seat'),
        deputyId: z.string().nullable().describe('The seat’s deputy (suppleant), who takes the seat at a meeting its member is absent from'),
        deputySince: z.string().nullable().describe('YYYY-MM-DD: since when'),
      }),
    ),
    names: z.record(z.string(), z.string()).describe('The names members and deputies agreed to publish, keyed as they are named elsewhere in the view (to the public, by their place)'),
    roles: z.object({ chair: z.string().optional(), vice_chair: z.string().optional(), secretary: z.string().optional() }).describe('Who holds each role, by their identity'),
    meetings: z.array(
      z.object({
        meetingId: uuid,
        at: z.string(),
        agenda: z.array(z.string()).describe('The agenda items, numbered from 1 in this order'),
        place: z.string().nullable().describe('Where: an address, or a link to an online meeting'),
        itemMinutes: z.record(z.string(), z.object({ decision: z.string(), reasoning: z.string().nullable() })).describe('The minutes of each agenda item, by its number'),
        recused: z.record(z.string(), z.array(z.string())).describe('Who is disqualified on which agenda item, by its number: they neither count for its quorum nor vote on it'),
        present: z.array(z.string()).nullable().describe('Null until attendance is recorded'),
        departed: z.record(z.string(), z.string()).describe('Members who left before the meeting ended, with when: from then on they neither count for the quorum nor vote'),
        deputising: z.record(z.string(), z.string()).describe('The deputies present, each with the seat they took in its absent member’s place'),
        documents: z
          .record(
            z.string(),
            z.object({
              documentId: uuid,
              item: z.number().int().nullable(),
              title: z.string(),
              sha256: z.string().describe('The SHA-256 of the bytes, in hex: what the log fixes'),
              mediaType: z.string(),
              size: z.number().int(),
              published: z.boolean(),
            }),
          )
          .describe('The documents attached, by id: the public sees those attached as published, with the signed minutes'),
        quorate: z.boolean(),
        signedBy: z.array(z.string()),
        minutes: z.enum(['open', 'signing', 'signed']).nullable(),
      }),
    ),
    resolutions: z.array(
      z.object({
        resolutionId: uuid,
        meetingId: uuid,
        title: z.string(),
        subject,
        item: z.number().int().nullable().describe('The agenda item it belongs to'),
        status: z.enum(['proposed', 'adopted', 'rejected']),
        votes: z.record(z.string(), z.enum(VOTE_CHOICES)).describe('Each present member’s vote: board votes are open'),
        dissents: z.array(z.string()),
        tally: tally.nullable().describe('The count once decided'),
      }),
    ),
  })
  .meta({ id: 'Board' });
const ballotTally = z.array(z.object({ candidateId: z.string(), votes: z.number().int() }));
/** The spokesperson and the ballots: who voted, and once counted the tally and every paper, never who voted how. */
const spokespersonViewSchema = z
  .object({
    centreId: uuid,
    spokespersonId: z.string().nullable(),
    electedIn: uuid.nullable().describe('The ballot that elected the spokesperson in office'),
    ballots: z.array(
      z.object({
        ballotId: uuid,
        status: z.enum(['open', 'elected', 'tied']),
        candidates: z.array(z.string()),
        closesAt: z.string(),
        votesCast: z.number().int(),
        voters: z.array(z.string()).describe('Who voted, sorted: not in the order they voted'),
        tally: ballotTally.nullable(),
        papers: z.array(z.object({ paperId: z.string(), candidateId: z.string() })).nullable().describe('Every paper once counted, sorted by id, without its voter'),
      }),
    ),
  })
  .meta({ id: 'Spokesperson' });

/** The board: seats, members, meetings, resolutions, votes and minutes; and the staff's spokesperson ballot. */
export const boardRoutes: FastifyPluginAsync<BoardRoutesOptions> = async (app, { database, facts, handler, verify, ballots, records, vault }) => {
  const authed = authenticatedContext(app, verify);
  const board = { handler, decider: boardDecider };
  const ballot = { handler, decider: ballotDecider };
  const tag = 'board';

  commandRoute(authed, board, {
    url: '/centres/:centreId/board',
    operationId: 'constituteBoard',
    examples: [{}],
    problems: { 404: ['centre_not_found'], 409: ['board_exists'] },
    tag,
    summary: 'Constitute the centre’s board, with its employee seat and citizen seat (administrators)',
    params: centreParams,
    body: empty,
    status: 201,
    command: async ({ params }) => ({ type: 'ConstituteBoard' as const, data: { centreId: params.centreId, centreKnown: await facts.centreKnown(params.centreId) } }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/seats',
    operationId: 'addPartnerSeat',
    examples: [{ organisation: 'Københavns Erhvervshus' }, { organisation: 'FOA København' }],
    problems: mergeProblems(onBoard, { 409: ['seat_exists', 'organisation_seated'] }),
    tag,
    summary: 'Give a partner organisation a seat',
    params: centreParams,
    body: z.object({ organisation: text(1, TITLE_MAX) }).strict(),
    status: 201,
    creates: ['seatId'],
    command: async ({ params, body, newId }) => ({ type: 'AddPartnerSeat' as const, data: { centreId: params.centreId, seatId: newId('seatId'), organisation: body.organisation } }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/seats/:seatId/remove',
    operationId: 'removePartnerSeat',
    examples: [{}],
    problems: mergeProblems(onBoard, { 404: ['seat_not_found'], 422: ['seat_fixed', 'seat_occupied'] }),
    tag,
    summary: 'Remove a vacant partner seat',
    params: seatParams,
    body: empty,
    command: async ({ params }) => ({ type: 'RemovePartnerSeat' as const, data: params }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/seats/:seatId/member',
    operationId: 'seatMember',
    examples: [{ memberId: 'mette.hansen', how: 'elected', from: '2027-01-01' }, { memberId: 'ali.yilmaz', how: 'appointed', from: '2027-02-01' }],
    problems: mergeProblems(onBoard, { 404: ['seat_not_found'], 409: ['seat_occupied', 'member_seated'] }),
    tag,
    summary: 'Record that a member was appointed or elected into a seat',
    params: seatParams,
    body: z.object({ memberId: subjectId, how: z.enum(['appointed', 'elected']), from: day }).strict(),
    command: async ({ params, body }) => ({ type: 'SeatMember' as const, data: { ...params, ...body } }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/seats/:seatId/leave',
    operationId: 'recordMemberLeaving',
    examples: [{ on: '2027-06-30' }],
    problems: mergeProblems(onBoard, { 404: ['seat_not_found'], 409: ['seat_vacant'] }),
    tag,
    summary: 'Record that the seat’s member left, with the date',
    params: seatParams,
    body: z.object({ on: day }).strict(),
    command: async ({ params, body }) => ({ type: 'MemberLeaves' as const, data: { ...params, ...body } }),
  });
  commandRoute(authed, board, {
    method: 'PUT',
    url: '/centres/:centreId/board/seats/:seatId/deputy',
    operationId: 'seatDeputy',
    examples: [{ deputyId: 'jonas.berg', how: 'elected', from: '2027-01-01' }],
    problems: mergeProblems(onBoard, { 404: ['seat_not_found'], 409: ['deputy_seated', 'member_seated'] }),
    tag,
    summary: 'Record that a deputy (suppleant) was appointed or elected for a seat: they take it at meetings its member is absent from (administrators)',
    params: seatParams,
    body: z.object({ deputyId: subjectId, how: z.enum(['appointed', 'elected']), from: day }).strict(),
    command: async ({ params, body }) => ({ type: 'SeatDeputy' as const, data: { ...params, ...body } }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/seats/:seatId/deputy/leave',
    operationId: 'recordDeputyLeaving',
    examples: [{ on: '2027-06-30' }],
    problems: mergeProblems(onBoard, { 404: ['seat_not_found'], 409: ['no_deputy'] }),
    tag,
    summary: 'Record that the seat’s deputy left their place, with the date (the deputy, or an administrator)',
    params: seatParams,
    body: z.object({ on: day }).strict(),
    command: async ({ params, body }) => ({ type: 'DeputyLeaves' as const, data: { ...params, ...body } }),
  });
  commandRoute(authed, {
    method: 'PUT',
    url: '/centres/:centreId/board/my-name',
    operationId: 'publishMemberName',
    examples: [{ name: 'Mette Hansen' }],
    problems: onBoard,
    tag,
    summary: 'Publish the name you agree to be shown by with the board (a member or deputy, for themselves only); publishing again replaces it, and the earlier one is erased',
    params: centreParams,
    body: z.object({ name: text(1, NAME_MAX) }).strict(),
    creates: ['nameId'],
    process: ({ params, body, principal, now, newId, context }) => records.publishName({ now, principal, data: { centreId: params.centreId, nameId: newId('nameId'), name: body.name } }, context),
  });
  commandRoute(authed, {
    url: '/centres/:centreId/board/names/:memberId/withdraw',
    operationId: 'withdrawMemberName',
    examples: [{}],
    problems: onBoard,
    tag,
    summary: 'Withdraw a published name (the member or deputy, or an administrator for them): its key is erased, so it reads as erased wherever it was',
    params: centreParams.extend({ memberId: subjectId }).strict(),
    body: empty,
    process: ({ params, principal, now, context }) => records.withdrawName({ now, principal, data: params }, context),
  });
  commandRoute(authed, {
    url: '/centres/:centreId/board/meetings/:meetingId/documents',
    operationId: 'attachDocument',
    examples: [
      { title: 'Budgetforslag 2028', item: 2, mediaType: 'application/pdf', published: true, content: 'JVBERi0xLjQKJcfsj6IKJSVFT0YK' },
      { title: 'Tilbud fra leverandør', mediaType: 'text/plain', published: false, content: 'VGlsYnVkIHDDpSByZW5nw7hyaW5nLg==' },
    ],
    problems: mergeProblems(onBoard, { 404: ['meeting_not_found'], 409: ['minutes_signed', 'document_exists', 'document_attached'] }),
    tag,
    summary: 'Attach a document to a meeting or one of its agenda items (the chair, vice-chair or secretary, until the minutes are signed): its bytes are kept outside the log, which fixes their SHA-256',
    params: meetingParams,
    body: z
      .object({
        title: text(1, TITLE_MAX),
        item: z.number().int().min(1).optional().describe('The agenda item it belongs to, from 1; without it, the meeting as a whole'),
        mediaType: z.enum(DOCUMENT_MEDIA_TYPES),
        published: z.boolean().describe('Shown to the public with the signed minutes; otherwise for the board'),
        content: z
          .string()
          .min(1)
          .max(Math.ceil(DOCUMENT_MAX_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')
          .describe(`The document's bytes, base64 (at most ${DOCUMENT_MAX_BYTES} bytes)`),
      })
      .strict(),
    bodyLimit: Math.ceil(DOCUMENT_MAX_BYTES / 3) * 4 + 64 * 1024,
    // Documents are attached by the board's record keepers (or an administrator): a larger body is read from nobody else.
    largeBodyFrom: (principal, params) => principal.role === 'admin' || (principal.role === 'board_member' && principal.centreId === params.centreId),
    status: 201,
    creates: ['documentId'],
    answers: { sha256: z.string().describe('The SHA-256 of the bytes stored, as the log names them') },
    process: ({ params, body, principal, now, newId, context }) =>
      records.attachDocument(
        { now, principal, data: { centreId: params.centreId, meetingId: params.meetingId, item: body.item ?? null, documentId: newId('documentId'), title: body.title, mediaType: body.mediaType, published: body.published } },
        Buffer.from(body.content, 'base64'),
        context,
      ),
  });
  commandRoute(authed, board, {
    method: 'PUT',
    url: '/centres/:centreId/board/roles/:role',
    operationId: 'assignBoardRole',
    examples: [{ memberId: 'mette.hansen' }],
    problems: mergeProblems(onBoard, { 422: ['not_a_member', 'role_held'] }),
    tag,
    summary: 'Make a sitting member chair, vice-chair or secretary',
    params: centreParams.extend({ role: z.enum(BOARD_ROLES) }).strict(),
    body: z.object({ memberId: subjectId }).strict(),
    command: async ({ params, body }) => ({ type: 'AssignBoardRole' as const, data: { centreId: params.centreId, role: params.role, memberId: body.memberId } }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/meetings',
    operationId: 'conveneMeeting',
    examples: [
      { at: '2027-02-03T17:00:00+01:00', agenda: ['Godkendelse af dagsorden', 'Årsbudget 2028', 'Eventuelt'], place: 'Huset, Nørrebrogade 1, mødelokale 2' },
      { at: '2027-02-03T17:00:00+01:00', agenda: ['Godkendelse af dagsorden', 'Eventuelt'], place: 'https://meet.example.dk/bestyrelsen' },
    ],
    problems: mergeProblems(onBoard, { 409: ['meeting_exists'] }),
    tag,
    summary: 'Convene a meeting: the notice, with when, where (an address or an https link) and the agenda',
    params: centreParams,
    body: z.object({ at: isoMoment(), agenda: z.array(text(1, TITLE_MAX)).min(1).max(AGENDA_MAX), place: text(1, PLACE_MAX).optional() }).strict(),
    status: 201,
    creates: ['meetingId'],
    command: async ({ params, body, newId }) => ({ type: 'ConveneMeeting' as const, data: { centreId: params.centreId, meetingId: newId('meetingId'), ...body } }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/meetings/:meetingId/attendance',
    operationId: 'recordAttendance',
    examples: [{ present: ['mette.hansen', 'ali.yilmaz', 'sofie.jensen'] }],
    problems: mergeProblems(onBoard, { 404: ['meeting_not_found'], 409: ['voting_started', 'minutes_signed'] }),
    tag,
    summary: 'Record who is present (quorum: at least half of the seats)',
    params: meetingParams,
    body: z.object({ present: z.array(subjectId).max(100) }).strict(),
    command: async ({ params, body }) => ({ type: 'RecordAttendance' as const, data: { ...params, ...body } }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/meetings/:meetingId/departures',
    operationId: 'recordDeparture',
    examples: [{ memberId: 'sofie.jensen' }, { memberId: 'sofie.jensen', at: '2026-12-01T18:40:00+01:00' }],
    problems: mergeProblems(onBoard, { 404: ['meeting_not_found'], 409: ['minutes_signed'], 422: ['attendance_not_recorded', 'voting_not_started', 'member_left_meeting'] }),
    tag,
    summary: 'Record that a member present left the meeting (at `at`, or now): what they voted stands, and the meeting goes on among those still present',
    params: meetingParams,
    body: z.object({ memberId: subjectId, at: isoMoment().optional().describe('When they left; not in the future') }).strict(),
    command: async ({ params, body }) => ({ type: 'RecordDeparture' as const, data: { ...params, ...body } }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/meetings/:meetingId/resolutions',
    operationId: 'proposeResolution',
    examples: [
      { title: 'Åbent hus i juni', subject: { kind: 'general' } },
      { title: 'Godkendelse af årsbudget 2028', subject: { kind: 'budget_approval', budgetId: '019a2051-9d1e-7c3a-9f4b-2a6c8e0d1f35', version: 3 } },
    ],
    problems: mergeProblems(onBoard, { 404: ['meeting_not_found'], 409: ['resolution_exists', 'minutes_signed'], 422: ['budget_not_found', 'board_not_validly_composed', 'no_quorum', 'attendance_not_recorded', 'budget_not_draft', 'version_not_current', 'budget_not_enacted'] }),
    tag,
    summary: 'Propose a resolution at the meeting (a present member)',
    params: meetingParams,
    body: z.object({ title: text(1, TITLE_MAX), subject, item: z.number().int().min(1).optional().describe('The agenda item it belongs to, from 1') }).strict(),
    status: 201,
    creates: ['resolutionId'],
    command: async ({ params, body, newId }) => ({
      type: 'ProposeResolution' as const,
      data: { ...params, resolutionId: newId('resolutionId'), ...body, budget: body.subject.kind === 'general' ? null : await facts.budgetNamed(body.subject.budgetId) },
    }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/resolutions/:resolutionId/votes',
    operationId: 'castVote',
    examples: [{ choice: 'for' }, { choice: 'abstain' }],
    problems: mergeProblems(onBoard, { 404: ['resolution_not_found'], 409: ['resolution_decided', 'already_voted'] }),
    tag,
    summary: 'Vote for, against, or abstain (a present member, once)',
    params: resolutionParams,
    body: z.object({ choice: z.enum(VOTE_CHOICES) }).strict(),
    command: async ({ params, body }) => ({ type: 'CastVote' as const, data: { ...params, ...body } }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/resolutions/:resolutionId/decide',
    operationId: 'decideResolution',
    examples: [{}],
    problems: mergeProblems(onBoard, { 404: ['resolution_not_found'], 409: ['resolution_decided'], 422: ['votes_outstanding'] }),
    tag,
    summary: 'Count the votes: adopted by a simple majority of the votes cast',
    params: resolutionParams,
    body: empty,
    command: async ({ params }) => ({ type: 'DecideResolution' as const, data: params }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/resolutions/:resolutionId/dissent',
    operationId: 'recordDissent',
    examples: [{}],
    problems: mergeProblems(onBoard, { 404: ['resolution_not_found'], 409: ['minutes_signed'], 422: ['resolution_not_decided', 'voted_with_outcome'] }),
    tag,
    summary: 'Have one’s dissent recorded in the minutes',
    params: resolutionParams,
    body: empty,
    command: async ({ params }) => ({ type: 'RecordDissent' as const, data: params }),
  });
  commandRoute(authed, board, {
    method: 'PUT',
    url: '/centres/:centreId/board/vote-publication',
    operationId: 'setVotePublication',
    examples: [{ resolutionId: '019a2051-9e2f-7a4b-8c5d-6e7f8a9b0c1d', individualVotesPublic: true }],
    problems: mergeProblems(onBoard, { 404: ['resolution_not_found'], 422: ['resolution_not_adopted'] }),
    tag,
    summary: 'Record what the rules of procedure, adopted by a resolution, say: whether how each member voted is public (the chair, or an administrator)',
    params: centreParams,
    body: z.object({ resolutionId: uuid, individualVotesPublic: z.boolean() }).strict(),
    command: async ({ params, body }) => ({ type: 'SetVotePublication' as const, data: { centreId: params.centreId, ...body } }),
  });
  const itemParams = meetingParams.extend({ item: z.string().regex(/^[1-9]\d{0,2}$/, 'an agenda item’s number, from 1') }).strict();
  commandRoute(authed, board, {
    method: 'PUT',
    url: '/centres/:centreId/board/meetings/:meetingId/items/:item/minutes',
    operationId: 'recordItemMinutes',
    examples: [{ decision: 'Bestyrelsen godkendte årsbudgettet for 2028.', reasoning: 'Budgettet holder sig inden for rammen og styrker vejledningen.' }],
    problems: mergeProblems(onBoard, { 404: ['meeting_not_found'], 409: ['minutes_signed'], 422: ['attendance_not_recorded', 'member_left_meeting'] }),
    tag,
    summary: 'Write the minutes of an agenda item: its decision and short reasoning (the chair, vice-chair or secretary, until the minutes are signed)',
    params: itemParams,
    body: z.object({ decision: text(1, MINUTES_MAX), reasoning: text(1, MINUTES_MAX).optional() }).strict(),
    command: async ({ params, body }) => ({ type: 'RecordItemMinutes' as const, data: { centreId: params.centreId, meetingId: params.meetingId, item: Number(params.item), ...body } }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/meetings/:meetingId/items/:item/recusals',
    operationId: 'declareRecusal',
    examples: [{ memberId: 'sofie.jensen' }],
    problems: mergeProblems(onBoard, { 404: ['meeting_not_found'], 409: ['minutes_signed', 'already_voted'], 422: ['attendance_not_recorded', 'member_left_meeting'] }),
    tag,
    summary: 'Record that a member present is disqualified (inhabil) on an agenda item: on it they neither count for the quorum nor vote (the member, or the chair, vice-chair or secretary)',
    params: itemParams,
    body: z.object({ memberId: subjectId }).strict(),
    command: async ({ params, body }) => ({ type: 'DeclareRecusal' as const, data: { centreId: params.centreId, meetingId: params.meetingId, item: Number(params.item), memberId: body.memberId } }),
  });
  commandRoute(authed, board, {
    url: '/centres/:centreId/board/meetings/:meetingId/minutes/sign',
    operationId: 'signMinutes',
    examples: [{}],
    problems: mergeProblems(onBoard, { 404: ['meeting_not_found'], 422: ['resolution_not_decided', 'attendance_not_recorded'] }),
    tag,
    summary: 'Sign the minutes (each present member); after signing they cannot change',
    params: meetingParams,
    body: empty,
    command: async ({ params }) => ({ type: 'SignMinutes' as const, data: params }),
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/centres/:centreId/board',
    {
      preHandler: optionalPrincipal(verify),
      schema: {
        operationId: 'getBoard',
        tags: [tag],
        security: OPTIONALLY_SIGNED_IN,
        summary: 'The board: public for everyone (seats, roles, decided resolutions of signed minutes); the board and staff also see open business',
        params: centreParams,
        response: { 200: boardViewSchema },
        problems: { 404: ['board_not_found'] },
      },
    },
    async (request) => {
      const { centreId } = request.params;
      const view = await boardOf(database.db, centreId, { insider: await seatedInsider(facts.onBoard, request.principal, centreId), open: (sealed) => vault.open(sealed) });
      if (!view) throw new NotFound('board_not_found', 'the centre has no board yet', { centreId });
      return view;
    },
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    '/centres/:centreId/board/documents/:documentId',
    {
      preHandler: optionalPrincipal(verify),
      schema: {
        operationId: 'getBoardDocument',
        tags: [tag],
        security: OPTIONALLY_SIGNED_IN,
        summary: 'A meeting document’s bytes, checked against the SHA-256 the log fixes (the board and staff; the public those attached as published, once the minutes are signed)',
        params: centreParams.extend({ documentId: uuid }).strict(),
        response: { 200: { description: 'The document’s bytes, as attached; `Repr-Digest` names their SHA-256', content: { 'application/octet-stream': { schema: z.string().describe('The bytes') } } } },
        problems: { 404: ['document_not_found'] },
      },
    },
    async (request, reply) => {
      const { centreId, documentId } = request.params;
      const view = await boardOf(database.db, centreId, { insider: await seatedInsider(facts.onBoard, request.principal, centreId) });
      const document = view?.meetings.flatMap((m) => Object.values(m.documents)).find((d) => d.documentId === documentId);
      if (!document) throw new NotFound('document_not_found', 'no such document, or not for you to see', { documentId });
      const content = await records.contentOf(document.sha256);
      if (!content) throw new NotFound('document_not_found', 'the document’s bytes are not stored here', { documentId });
      return (reply as FastifyReply)
        .type(document.mediaType)
        .header('content-disposition', 'attachment')
        .header('x-content-type-options', 'nosniff')
        .header('repr-digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`)
        .send(content);
    },
  );

  // The spokesperson (talsperson): the staff's own ballot, one at a time per centre, secret.
  commandRoute(authed, ballot, {
    url: '/centres/:centreId/spokesperson-ballots',
    operationId: 'openSpokespersonBallot',
    examples: [{ candidates: ['lars.nielsen', 'amina.said'], closesAt: '2027-03-01T12:00:00+01:00' }],
    problems: { 404: ['centre_not_found'], 409: ['ballot_exists', 'ballot_open'] },
    tag: 'spokesperson',
    summary: 'Open a ballot for the staff’s spokesperson, with the staff members standing and when voting ends',
    params: centreParams,
    body: z.object({ candidates: z.array(subjectId).min(1).max(50), closesAt: isoMoment().describe('When voting ends; the result is counted after') }).strict(),
    status: 201,
    creates: ['ballotId'],
    command: async ({ params, body, newId }) => ({
      type: 'OpenSpokespersonBallot' as const,
      data: { ballotId: newId('ballotId'), centreId: params.centreId, ...body, centreKnown: await facts.centreKnown(params.centreId) },
    }),
  });
  commandRoute(authed, {
    url: '/centres/:centreId/spokesperson-ballots/:ballotId/votes',
    operationId: 'castSpokespersonVote',
    examples: [{ candidateId: 'amina.said' }],
    problems: { 404: ['ballot_not_found'], 409: ['ballot_closed', 'already_voted'] },
    tag: 'spokesperson',
    summary: 'Vote for a candidate, secretly (staff of the centre, once, while voting runs); the answer holds your receipt',
    params: ballotParams,
    body: z.object({ candidateId: subjectId }).strict(),
    // A retry with the same key and another candidate gets the first answer, which stands anyway.
    bodyOutOfFingerprint: true,
    answers: {
      paperId: z
        .string()
        .nullable()
        .describe(
          'Your receipt: the id of your ballot paper. After the count it is listed with your choice in the published papers; keep it to yourself. Only this answer holds it (null on a retry after the count).',
        ),
    },
    process: ({ params, body, principal, now, context }) => ballots.castVote({ now, principal, ...params, candidateId: body.candidateId }, context),
  });
  commandRoute(authed, {
    url: '/centres/:centreId/spokesperson-ballots/:ballotId/close',
    operationId: 'closeSpokespersonBallot',
    examples: [{}],
    problems: { 404: ['ballot_not_found'], 409: ['ballot_closed', 'papers_do_not_match'], 422: ['ballot_still_open'] },
    tag: 'spokesperson',
    summary: 'Count the papers once voting has ended and record the result with every paper, without voters (a tie, or no votes, elects nobody)',
    params: ballotParams,
    body: empty,
    process: ({ params, principal, now, context }) => ballots.close({ now, principal, ...params }, context),
  });
  app.withTypeProvider<ZodTypeProvider>().get(
    '/centres/:centreId/spokesperson',
    {
      schema: {
        operationId: 'getSpokesperson',
        tags: ['spokesperson'],
        security: PUBLIC,
        summary: 'Who the staff’s spokesperson is, and the ballots: who voted, and once counted the tally and every paper; who voted how is never shown',
        params: centreParams,
        response: { 200: spokespersonViewSchema },
      },
    },
    async (request) => spokespersonOf(database.db, request.params.centreId),
  );
};
