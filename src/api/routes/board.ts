import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { castSpokespersonVote, closeSpokespersonBallot } from '../../commands/ballot.js';
import type { Facts } from '../../commands/facts.js';
import { type CommandHandler, loadState } from '../../commands/handler.js';
import { spokespersonStreamId } from '../../domain/ballot/ballot.js';
import { ballotDecider } from '../../domain/ballot/decide.js';
import { BOARD_ROLES, type Board, boardStreamId, VOTE_CHOICES, validlyComposed } from '../../domain/board/board.js';
import { own } from '../../domain/shared/checks.js';
import { AGENDA_MAX, boardDecider, type BudgetFact, TITLE_MAX } from '../../domain/board/decide.js';
import { budgetStreamId } from '../../domain/budget/budget.js';
import { budgetDecider } from '../../domain/budget/decide.js';
import { NotFound } from '../../domain/shared/errors.js';
import type { EventStore } from '../../eventstore/port.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import type { Vault } from '../../privacy/vault.js';
import { insiderOf, optionalPrincipal, principalOf, requirePrincipal } from '../auth.js';
import { commandContext, commandHeaders, nowIso } from '../command.js';
import { commandRoute } from '../command-route.js';
import { commandResultSchema, errorResponses, isoDay, isoMoment, text, uuid } from '../schemas.js';

export interface BoardRoutesOptions {
  store: EventStore;
  /** Facts from other streams that commands need. */
  facts: Facts;
  handler: CommandHandler;
  verify: TokenVerifier;
  /** Opens the spokesperson ballot's sealed papers for the count, and erases the ballot's key after it. */
  vault: Vault;
}

const subjectId = text(1, 100).describe('An identity: the subject of that person’s token');
const day = isoDay().describe('YYYY-MM-DD');
const centreParams = z.object({ centreId: uuid }).strict();
const seatParams = centreParams.extend({ seatId: z.union([z.enum(['employee', 'citizen']), uuid]).describe('employee, citizen, or a partner seat’s id') }).strict();
const meetingParams = centreParams.extend({ meetingId: uuid }).strict();
const resolutionParams = centreParams.extend({ resolutionId: uuid }).strict();
const ballotParams = centreParams.extend({ ballotId: uuid }).strict();
const empty = z.object({}).strict();
const subject = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('general') }).strict(),
    z.object({ kind: z.literal('budget_approval'), budgetId: uuid, version: z.number().int().min(1) }).strict(),
    z
      .object({ kind: z.literal('budget_reallocation'), budgetId: uuid, fromLineId: uuid, toLineId: uuid, year: z.number().int(), amountOre: z.number().int().positive() })
      .strict(),
  ])
  .describe('What the resolution decides. A budget is approved, or money moved, only by an adopted resolution naming exactly that.');


/** What anyone may read of a board: seats, members, roles, adopted resolutions and signed minutes. */
function boardView(board: Extract<Board, { status: 'constituted' }>, full: boolean) {
  // Minutes are public once every member present has signed them.
  const signed = (meetingId: string) => {
    const m = own(board.meetings, meetingId)!;
    return m.present !== null && m.signedBy.length === m.present.length && m.present.length > 0;
  };
  const meetings = Object.values(board.meetings).filter((m) => full || signed(m.meetingId));
  return {
    centreId: board.centreId,
    validlyComposed: validlyComposed(board),
    seats: Object.values(board.seats),
    roles: board.roles,
    meetings: meetings.map((m) => ({ ...m, minutes: m.present === null ? null : m.signedBy.length === m.present.length ? 'signed' : m.signedBy.length > 0 ? 'signing' : 'open' })),
    resolutions: Object.values(board.resolutions).filter((r) => full || r.status === 'adopted' || signed(r.meetingId)),
  };
}

/** The board: seats, members, meetings, resolutions, votes and minutes; and the staff's spokesperson ballot. */
export const boardRoutes: FastifyPluginAsync<BoardRoutesOptions> = async (app, { store, facts, handler, verify, vault }) => {
  const authenticated = requirePrincipal(verify);
  const board = { handler, authenticated, decider: boardDecider };
  const ballot = { handler, authenticated, decider: ballotDecider };
  const tag = 'board';

  /** The budget a resolution names, as its stream holds it: a fact for the decider. */
  async function budgetFact(budgetId: string): Promise<BudgetFact | null> {
    const { state } = await loadState(store, budgetDecider, budgetStreamId(budgetId));
    if (state.status === 'none') return null;
    const activeLineIds = Object.values(state.lines).filter((l) => !l.withdrawn).map((l) => l.lineId);
    return { budgetId: state.budgetId, centreId: state.centreId, status: state.status, version: state.version, years: state.years, activeLineIds };
  }

  commandRoute(app, board, {
    url: '/centres/:centreId/board',
    tag,
    summary: 'Constitute the centre’s board, with its employee seat and citizen seat (administrators)',
    params: centreParams,
    body: empty,
    status: 201,
    command: async ({ params }) => ({ type: 'ConstituteBoard' as const, data: { centreId: params.centreId, centreKnown: await facts.centreKnown(params.centreId) } }),
  });
  commandRoute(app, board, {
    url: '/centres/:centreId/board/seats',
    tag,
    summary: 'Give a partner organisation a seat',
    params: centreParams,
    body: z.object({ organisation: text(1, TITLE_MAX) }).strict(),
    status: 201,
    command: async ({ params, body, newId }) => ({ type: 'AddPartnerSeat' as const, data: { centreId: params.centreId, seatId: newId('seatId'), organisation: body.organisation } }),
  });
  commandRoute(app, board, {
    url: '/centres/:centreId/board/seats/:seatId/remove',
    tag,
    summary: 'Remove a vacant partner seat',
    params: seatParams,
    body: empty,
    command: async ({ params }) => ({ type: 'RemovePartnerSeat' as const, data: params }),
  });
  commandRoute(app, board, {
    url: '/centres/:centreId/board/seats/:seatId/member',
    tag,
    summary: 'Record that a member was appointed or elected into a seat',
    params: seatParams,
    body: z.object({ memberId: subjectId, how: z.enum(['appointed', 'elected']), from: day }).strict(),
    command: async ({ params, body }) => ({ type: 'SeatMember' as const, data: { ...params, ...body } }),
  });
  commandRoute(app, board, {
    url: '/centres/:centreId/board/seats/:seatId/leave',
    tag,
    summary: 'Record that the seat’s member left, with the date',
    params: seatParams,
    body: z.object({ on: day }).strict(),
    command: async ({ params, body }) => ({ type: 'MemberLeaves' as const, data: { ...params, ...body } }),
  });
  commandRoute(app, board, {
    method: 'PUT',
    url: '/centres/:centreId/board/roles/:role',
    tag,
    summary: 'Make a sitting member chair, vice-chair or secretary',
    params: centreParams.extend({ role: z.enum(BOARD_ROLES) }).strict(),
    body: z.object({ memberId: subjectId }).strict(),
    command: async ({ params, body }) => ({ type: 'AssignBoardRole' as const, data: { centreId: params.centreId, role: params.role, memberId: body.memberId } }),
  });
  commandRoute(app, board, {
    url: '/centres/:centreId/board/meetings',
    tag,
    summary: 'Convene a meeting with an agenda',
    params: centreParams,
    body: z.object({ at: isoMoment(), agenda: z.array(text(1, TITLE_MAX)).min(1).max(AGENDA_MAX) }).strict(),
    status: 201,
    command: async ({ params, body, newId }) => ({ type: 'ConveneMeeting' as const, data: { centreId: params.centreId, meetingId: newId('meetingId'), ...body } }),
  });
  commandRoute(app, board, {
    url: '/centres/:centreId/board/meetings/:meetingId/attendance',
    tag,
    summary: 'Record who is present (quorum: at least half of the seats)',
    params: meetingParams,
    body: z.object({ present: z.array(subjectId).max(100) }).strict(),
    command: async ({ params, body }) => ({ type: 'RecordAttendance' as const, data: { ...params, ...body } }),
  });
  commandRoute(app, board, {
    url: '/centres/:centreId/board/meetings/:meetingId/resolutions',
    tag,
    summary: 'Propose a resolution at the meeting (a present member)',
    params: meetingParams,
    body: z.object({ title: text(1, TITLE_MAX), subject }).strict(),
    status: 201,
    command: async ({ params, body, newId }) => ({
      type: 'ProposeResolution' as const,
      data: { ...params, resolutionId: newId('resolutionId'), ...body, budget: body.subject.kind === 'general' ? null : await budgetFact(body.subject.budgetId) },
    }),
  });
  commandRoute(app, board, {
    url: '/centres/:centreId/board/resolutions/:resolutionId/votes',
    tag,
    summary: 'Vote for, against, or abstain (a present member, once)',
    params: resolutionParams,
    body: z.object({ choice: z.enum(VOTE_CHOICES) }).strict(),
    command: async ({ params, body }) => ({ type: 'CastVote' as const, data: { ...params, ...body } }),
  });
  commandRoute(app, board, {
    url: '/centres/:centreId/board/resolutions/:resolutionId/decide',
    tag,
    summary: 'Count the votes: adopted by a simple majority of the votes cast',
    params: resolutionParams,
    body: empty,
    command: async ({ params }) => ({ type: 'DecideResolution' as const, data: params }),
  });
  commandRoute(app, board, {
    url: '/centres/:centreId/board/resolutions/:resolutionId/dissent',
    tag,
    summary: 'Have one’s dissent recorded in the minutes',
    params: resolutionParams,
    body: empty,
    command: async ({ params }) => ({ type: 'RecordDissent' as const, data: params }),
  });
  commandRoute(app, board, {
    url: '/centres/:centreId/board/meetings/:meetingId/minutes/sign',
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
        tags: [tag],
        summary: 'The board: public for everyone (seats, roles, decided resolutions of signed minutes); the board and staff also see open business',
        params: centreParams,
        response: { 200: z.record(z.string(), z.unknown()), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
      },
    },
    async (request) => {
      const { state } = await loadState(store, boardDecider, boardStreamId(request.params.centreId));
      if (state.status !== 'constituted') throw new NotFound('board_not_found', 'the centre has no board yet', { centreId: request.params.centreId });
      return boardView(state, insiderOf(request.principal, state.centreId));
    },
  );

  // The spokesperson (talsperson): the staff's own ballot, one at a time per centre, secret.
  commandRoute(app, ballot, {
    url: '/centres/:centreId/spokesperson-ballots',
    tag: 'spokesperson',
    summary: 'Open a ballot for the staff’s spokesperson, with the staff members standing and when voting ends',
    params: centreParams,
    body: z.object({ candidates: z.array(subjectId).min(1).max(50), closesAt: isoMoment().describe('When voting ends; the result is counted after') }).strict(),
    status: 201,
    command: async ({ params, body, newId }) => ({
      type: 'OpenSpokespersonBallot' as const,
      data: { ballotId: newId('ballotId'), centreId: params.centreId, ...body, centreKnown: await facts.centreKnown(params.centreId) },
    }),
  });
  const ballots = { store, handler, vault };
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/centres/:centreId/spokesperson-ballots/:ballotId/votes',
    {
      preHandler: authenticated,
      schema: {
        tags: ['spokesperson'],
        summary: 'Vote for a candidate, secretly (staff of the centre, once, while voting runs); the answer holds your receipt',
        security: [{ bearer: [] }],
        headers: commandHeaders,
        params: ballotParams,
        body: z.object({ candidateId: subjectId }).strict(),
        response: {
          200: commandResultSchema.extend({
            paperId: z
              .string()
              .nullable()
              .describe(
                'Your receipt: the id of your ballot paper. After the count it is listed with your choice in the published papers; keep it to yourself. Only this answer holds it (null on a retry after the count).',
              ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      // The commands table keeps each request's fingerprint. A digest over the body could be
      // matched against a digest of every candidate: leave the body out (a retry with the same
      // key and another candidate gets the first answer, which stands anyway).
      const fingerprint = createHash('sha256').update(JSON.stringify([request.method, request.routeOptions.url, request.params.centreId, request.params.ballotId])).digest('base64url');
      const input = { now: nowIso(), principal: principalOf(request), ...request.params, candidateId: request.body.candidateId };
      return castSpokespersonVote(ballots, input, { ...commandContext(request), fingerprint });
    },
  );
  r.post(
    '/centres/:centreId/spokesperson-ballots/:ballotId/close',
    {
      preHandler: authenticated,
      schema: {
        tags: ['spokesperson'],
        summary: 'Count the papers once voting has ended and record the result with every paper, without voters (a tie, or no votes, elects nobody)',
        security: [{ bearer: [] }],
        headers: commandHeaders,
        params: ballotParams,
        body: empty,
        response: { 200: commandResultSchema, ...errorResponses },
      },
    },
    async (request) => closeSpokespersonBallot(ballots, { now: nowIso(), principal: principalOf(request), ...request.params }, commandContext(request)),
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    '/centres/:centreId/spokesperson',
    {
      schema: {
        tags: ['spokesperson'],
        summary: 'Who the staff’s spokesperson is, and the ballots: who voted, and once counted the tally and every paper; who voted how is never shown',
        params: centreParams,
        response: { 200: z.record(z.string(), z.unknown()), 400: errorResponses[400] },
      },
    },
    async (request) => {
      const { state } = await loadState(store, ballotDecider, spokespersonStreamId(request.params.centreId));
      if (state.status === 'none') return { centreId: request.params.centreId, spokespersonId: null, electedIn: null, ballots: [] };
      const ballots = Object.values(state.ballots).map((b) => ({
        ballotId: b.ballotId,
        status: b.status,
        candidates: b.candidates,
        closesAt: b.closesAt,
        votesCast: Object.keys(b.votes).length,
        // Sorted, not in the order they voted. Votes from before ballots were secret are never shown with their candidate.
        voters: Object.keys(b.votes).sort(),
        tally: b.tally,
        papers: b.papers,
      }));
      return { centreId: state.centreId, spokespersonId: state.spokespersonId, electedIn: state.electedIn, ballots };
    },
  );
};
