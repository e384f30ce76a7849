import { match } from 'ts-pattern';
import { own } from '../shared/checks.js';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { BALLOT_EVENT_SCHEMA_VERSIONS, type BallotEvent, type BallotRound, evolve, initialState, type Spokesperson, spokespersonStreamId } from './ballot.js';

type Cmd<T extends string, D> = CommandEnvelope & { type: T; data: D & { centreId: string; ballotId: string } };
export type OpenSpokespersonBallot = Cmd<'OpenSpokespersonBallot', { candidates: string[]; closesAt: string }>;
export type CastSpokespersonVote = Cmd<'CastSpokespersonVote', { candidateId: string }>;
export type CloseSpokespersonBallot = Cmd<'CloseSpokespersonBallot', object>;
export type BallotCommand = OpenSpokespersonBallot | CastSpokespersonVote | CloseSpokespersonBallot;

export const CANDIDATES_MAX = 50;

/** Staff of this centre (administrators may open and close, never vote). */
function staffOf(principal: Principal, centreId: string, adminToo: boolean): void {
  if (adminToo && principal.role === 'admin') return;
  if (principal.role !== 'staff') throw new Forbidden('the spokesperson ballot is for staff', { role: principal.role });
  if (principal.centreId !== centreId) throw new Forbidden('this is another centre’s ballot', { centreId });
}

export function decide(command: BallotCommand, state: Spokesperson): BallotEvent[] {
  const { centreId, ballotId } = command.data;
  if (command.type === 'OpenSpokespersonBallot') {
    staffOf(command.principal, centreId, true);
    const candidates = [...new Set(command.data.candidates)];
    if (candidates.length === 0 || candidates.length > CANDIDATES_MAX) throw new InvalidValue('candidates', `1 to ${CANDIDATES_MAX} staff members standing`);
    const closes = Date.parse(command.data.closesAt);
    if (Number.isNaN(closes) || closes <= Date.parse(command.now)) throw new InvalidValue('closesAt', 'a moment after now (ISO-8601 with zone)');
    if (state.status === 'held' && own(state.ballots, ballotId)) throw new Conflict('ballot_exists', 'the ballot exists', { ballotId });
    if (state.status === 'held' && state.open) throw new Conflict('ballot_open', 'a ballot is already open at this centre; one at a time', { ballotId: state.open });
    return [{ type: 'SpokespersonBallotOpened', data: { ballotId, centreId, candidates, closesAt: command.data.closesAt } }];
  }
  const ballot = state.status === 'held' ? own(state.ballots, ballotId) : undefined;
  if (!ballot) throw new NotFound('ballot_not_found', 'no such ballot at this centre', { ballotId });
  return match(command)
    .with({ type: 'CastSpokespersonVote' }, (c) => castVote(c, ballot))
    .with({ type: 'CloseSpokespersonBallot' }, (c) => close(c, ballot))
    .exhaustive();
}

function castVote(c: CastSpokespersonVote, ballot: BallotRound): BallotEvent[] {
  staffOf(c.principal, c.data.centreId, false);
  if (ballot.status !== 'open' || Date.parse(c.now) >= Date.parse(ballot.closesAt)) throw new Conflict('ballot_closed', 'the ballot is closed', { ballotId: ballot.ballotId });
  if (!ballot.candidates.includes(c.data.candidateId)) throw new InvalidValue('candidateId', 'not standing in this ballot');
  if (own(ballot.votes, c.principal.id)) throw new Conflict('already_voted', 'one vote per staff member', { ballotId: ballot.ballotId });
  return [{ type: 'SpokespersonVoteCast', data: { ballotId: ballot.ballotId, voterId: c.principal.id, candidateId: c.data.candidateId } }];
}

function close(c: CloseSpokespersonBallot, ballot: BallotRound): BallotEvent[] {
  staffOf(c.principal, c.data.centreId, true);
  if (ballot.status !== 'open') throw new Conflict('ballot_closed', 'the ballot is closed', { ballotId: ballot.ballotId });
  // Everyone gets the whole voting period: the result is counted when it is over.
  if (Date.parse(c.now) < Date.parse(ballot.closesAt)) throw new RuleViolation('ballot_still_open', `voting runs until ${ballot.closesAt}`, { ballotId: ballot.ballotId });
  const cast = Object.values(ballot.votes);
  const tally = ballot.candidates.map((candidateId) => ({ candidateId, votes: cast.filter((v) => v === candidateId).length })).sort((a, b) => b.votes - a.votes);
  const { centreId } = c.data;
  // No votes, or a tie at the top: nobody is elected.
  if (cast.length === 0 || (tally.length > 1 && tally[0]!.votes === tally[1]!.votes)) return [{ type: 'SpokespersonBallotTied', data: { ballotId: ballot.ballotId, centreId, tally } }];
  return [{ type: 'SpokespersonElected', data: { ballotId: ballot.ballotId, centreId, spokespersonId: tally[0]!.candidateId, tally } }];
}

export const ballotDecider: Decider<Spokesperson, BallotCommand, BallotEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => spokespersonStreamId(command.data.centreId),
  schemaVersions: BALLOT_EVENT_SCHEMA_VERSIONS,
  centreOf: (_state, command) => command.data.centreId,
};
