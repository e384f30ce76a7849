import { match } from 'ts-pattern';
import { own } from '../shared/checks.js';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import {
  BALLOT_EVENT_SCHEMA_VERSIONS,
  type BallotEvent,
  type BallotPaper,
  type BallotRound,
  ballotSubject,
  type CountedPaper,
  evolve,
  initialState,
  PAPER_BYTES,
  type Spokesperson,
  spokespersonStreamId,
} from './ballot.js';

type Cmd<T extends string, D> = CommandEnvelope & { type: T; data: D & { centreId: string; ballotId: string } };
/** `centreKnown`: whether the centre was established, a fact from its stream. */
export type OpenSpokespersonBallot = Cmd<'OpenSpokespersonBallot', { candidates: string[]; closesAt: string; centreKnown: boolean }>;
/** `paperId`: a random UUID (version 4) made at the edge, the voter's receipt. */
export type CastSpokespersonVote = Cmd<'CastSpokespersonVote', { candidateId: string; paperId: string }>;
/** A sealed paper as the count opened it, with the voter whose vote held it: a fact in memory, never written. */
export interface OpenedPaper {
  voterId: string;
  paperId: string;
  candidateId: string;
}
/** `opened`: every sealed paper of the ballot, opened by the count process (src/commands/ballot.ts). */
export type CloseSpokespersonBallot = Cmd<'CloseSpokespersonBallot', { opened: OpenedPaper[] }>;
export type BallotCommand = OpenSpokespersonBallot | CastSpokespersonVote | CloseSpokespersonBallot;

export const CANDIDATES_MAX = 50;
/** A candidate's id (the subject of their token) in UTF-16 units: short enough that every paper pads to PAPER_BYTES. */
export const CANDIDATE_ID_MAX = 100;
// Random, not time-ordered: a UUIDv7 would date the paper and so tie it to its vote.
const RANDOM_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const encoder = new TextEncoder();

/** Staff of this centre (administrators may open and close, never vote). */
function staffOf(principal: Principal, centreId: string, adminToo: boolean): void {
  if (adminToo && principal.role === 'admin') return;
  if (principal.role !== 'staff') throw new Forbidden('the spokesperson ballot is for staff', { role: principal.role });
  if (principal.centreId !== centreId) throw new Forbidden('this is another centre’s ballot', { centreId });
}

function ballotOf(state: Spokesperson, ballotId: string): BallotRound {
  const ballot = state.status === 'held' ? own(state.ballots, ballotId) : undefined;
  if (!ballot) throw new NotFound('ballot_not_found', 'no such ballot at this centre', { ballotId });
  return ballot;
}

/**
 * The paper as it is sealed: padded with spaces to exactly PAPER_BYTES of JSON (the vault seals
 * `JSON.stringify` of it), so that every sealed paper has the same length whatever the candidate.
 */
export function paperOf(paperId: string, candidateId: string): BallotPaper {
  const room = PAPER_BYTES - encoder.encode(JSON.stringify({ paperId, candidateId, pad: '' })).length;
  if (room < 0) throw new InvalidValue('candidateId', 'too long for a ballot paper');
  return { paperId, candidateId, pad: ' '.repeat(room) };
}

export function decide(command: BallotCommand, state: Spokesperson): BallotEvent[] {
  return match(command)
    .with({ type: 'OpenSpokespersonBallot' }, (c) => open(c, state))
    .with({ type: 'CastSpokespersonVote' }, (c) => castVote(c, ballotOf(state, c.data.ballotId)))
    .with({ type: 'CloseSpokespersonBallot' }, (c) => count(c, countDue(c, state)))
    .exhaustive();
}

function open(c: OpenSpokespersonBallot, state: Spokesperson): BallotEvent[] {
  const { centreId, ballotId } = c.data;
  staffOf(c.principal, centreId, true);
  if (!c.data.centreKnown) throw new NotFound('centre_not_found', 'no such centre', { centreId: c.data.centreId });
  const candidates = [...new Set(c.data.candidates)];
  if (candidates.length === 0 || candidates.length > CANDIDATES_MAX) throw new InvalidValue('candidates', `1 to ${CANDIDATES_MAX} staff members standing`);
  if (candidates.some((id) => id.length === 0 || id.length > CANDIDATE_ID_MAX)) throw new InvalidValue('candidates', `ids of 1 to ${CANDIDATE_ID_MAX} characters`);
  const closes = Date.parse(c.data.closesAt);
  if (Number.isNaN(closes) || closes <= Date.parse(c.now)) throw new InvalidValue('closesAt', 'a moment after now (ISO-8601 with zone)');
  if (state.status === 'held' && own(state.ballots, ballotId)) throw new Conflict('ballot_exists', 'the ballot exists', { ballotId });
  if (state.status === 'held' && state.open) throw new Conflict('ballot_open', 'a ballot is already open at this centre; one at a time', { ballotId: state.open });
  return [{ type: 'SpokespersonBallotOpened', data: { ballotId, centreId, candidates, closesAt: c.data.closesAt } }];
}

function castVote(c: CastSpokespersonVote, ballot: BallotRound): BallotEvent[] {
  staffOf(c.principal, c.data.centreId, false);
  if (ballot.status !== 'open' || Date.parse(c.now) >= Date.parse(ballot.closesAt)) throw new Conflict('ballot_closed', 'the ballot is closed', { ballotId: ballot.ballotId });
  if (!ballot.candidates.includes(c.data.candidateId)) throw new InvalidValue('candidateId', 'not standing in this ballot');
  if (own(ballot.votes, c.principal.id)) throw new Conflict('already_voted', 'one vote per staff member', { ballotId: ballot.ballotId });
  if (!RANDOM_UUID.test(c.data.paperId)) throw new InvalidValue('paperId', 'a random UUID (version 4)');
  return [{ type: 'SpokespersonVoteCast', data: { ballotId: ballot.ballotId, voterId: c.principal.id, paper: paperOf(c.data.paperId, c.data.candidateId) } }];
}

/**
 * Whether the ballot may be counted now by this principal: staff of the centre or an
 * administrator, an open ballot, voting over. The count process asks before it opens any paper.
 */
export function countDue(c: Pick<CloseSpokespersonBallot, 'now' | 'principal'> & { data: { centreId: string; ballotId: string } }, state: Spokesperson): BallotRound {
  const ballot = ballotOf(state, c.data.ballotId);
  staffOf(c.principal, c.data.centreId, true);
  if (ballot.status !== 'open') throw new Conflict('ballot_closed', 'the ballot is closed', { ballotId: ballot.ballotId });
  // Everyone gets the whole voting period: the result is counted when it is over.
  if (Date.parse(c.now) < Date.parse(ballot.closesAt)) throw new RuleViolation('ballot_still_open', `voting runs until ${ballot.closesAt}`, { ballotId: ballot.ballotId });
  return ballot;
}

function count(c: CloseSpokespersonBallot, ballot: BallotRound): BallotEvent[] {
  const { ballotId } = ballot;
  const { opened } = c.data;
  // Exactly one opened paper for each sealed vote, and none for anyone else.
  const sealedVoters = Object.entries(ballot.votes).filter(([, v]) => v.paper === 'sealed').map(([voterId]) => voterId);
  const voters = new Set(opened.map((p) => p.voterId));
  if (opened.length !== sealedVoters.length || voters.size !== opened.length || sealedVoters.some((v) => !voters.has(v))) {
    throw new Conflict('papers_do_not_match', 'the opened papers are not exactly one for each vote cast', { ballotId, votes: sealedVoters.length, papers: opened.length });
  }
  if (new Set(opened.map((p) => p.paperId)).size !== opened.length) throw new RuleViolation('ballot_papers_invalid', 'two votes hold papers with the same id', { ballotId });
  if (opened.some((p) => !ballot.candidates.includes(p.candidateId))) throw new RuleViolation('ballot_papers_invalid', 'a paper names someone not standing', { ballotId });

  // Votes from before ballots were secret count from their candidate in the clear; they have no paper.
  const inClear = Object.values(ballot.votes).flatMap((v) => (v.paper === 'unknown' ? [v.candidateId] : []));
  const cast = [...opened.map((p) => p.candidateId), ...inClear];
  const tally = ballot.candidates.map((candidateId) => ({ candidateId, votes: cast.filter((v) => v === candidateId).length })).sort((a, b) => b.votes - a.votes);
  // Sorted by their random ids, without voters: the list says nothing of who cast which paper.
  const papers: CountedPaper[] = opened.map(({ paperId, candidateId }) => ({ paperId, candidateId })).sort((a, b) => (a.paperId < b.paperId ? -1 : a.paperId > b.paperId ? 1 : 0));
  const { centreId } = c.data;
  // No votes, or a tie at the top: nobody is elected.
  if (cast.length === 0 || (tally.length > 1 && tally[0]!.votes === tally[1]!.votes)) return [{ type: 'SpokespersonBallotTied', data: { ballotId, centreId, tally, papers } }];
  return [{ type: 'SpokespersonElected', data: { ballotId, centreId, spokespersonId: tally[0]!.candidateId, tally, papers } }];
}

export const ballotDecider: Decider<Spokesperson, BallotCommand, BallotEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => spokespersonStreamId(command.data.centreId),
  schemaVersions: BALLOT_EVENT_SCHEMA_VERSIONS,
  centreOf: (_state, command) => command.data.centreId,
  // The ballot paper is sealed under the ballot's own key, which the count erases.
  personal: {
    fields: { SpokespersonBallotOpened: [], SpokespersonVoteCast: ['paper'], SpokespersonElected: [], SpokespersonBallotTied: [] },
    subjectOf: (command) => ballotSubject(command.data.ballotId),
  },
};
