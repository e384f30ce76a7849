import { match } from 'ts-pattern';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { own } from '../board/board.js';
import { BALLOT_EVENT_SCHEMA_VERSIONS, type Ballot, type BallotEvent, ballotStreamId, evolve, initialState } from './ballot.js';

type Cmd<T extends string, D> = CommandEnvelope & { type: T; data: D & { ballotId: string } };
export type OpenSpokespersonBallot = Cmd<'OpenSpokespersonBallot', { centreId: string; candidates: string[]; closesAt: string }>;
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

export function decide(command: BallotCommand, state: Ballot): BallotEvent[] {
  if (command.type === 'OpenSpokespersonBallot') {
    const { centreId, ballotId } = command.data;
    staffOf(command.principal, centreId, true);
    const candidates = [...new Set(command.data.candidates)];
    if (candidates.length === 0 || candidates.length > CANDIDATES_MAX) throw new InvalidValue('candidates', `1 to ${CANDIDATES_MAX} staff members standing`);
    const closes = Date.parse(command.data.closesAt);
    if (Number.isNaN(closes) || closes <= Date.parse(command.now)) throw new InvalidValue('closesAt', 'a moment after now (ISO-8601 with zone)');
    if (state.status !== 'none') throw new Conflict('ballot_exists', 'the ballot exists', { ballotId });
    return [{ type: 'SpokespersonBallotOpened', data: { ballotId, centreId, candidates, closesAt: command.data.closesAt } }];
  }
  if (state.status === 'none') throw new NotFound('ballot_not_found', 'no such ballot', { ballotId: command.data.ballotId });
  return match(command)
    .with({ type: 'CastSpokespersonVote' }, (c): BallotEvent[] => {
      staffOf(c.principal, state.centreId, false);
      if (state.status !== 'open' || Date.parse(c.now) >= Date.parse(state.closesAt)) throw new Conflict('ballot_closed', 'the ballot is closed', { ballotId: state.ballotId });
      if (!state.candidates.includes(c.data.candidateId)) throw new InvalidValue('candidateId', 'not standing in this ballot');
      if (own(state.votes, c.principal.id)) throw new Conflict('already_voted', 'one vote per staff member', { ballotId: state.ballotId });
      return [{ type: 'SpokespersonVoteCast', data: { ballotId: state.ballotId, voterId: c.principal.id, candidateId: c.data.candidateId } }];
    })
    .with({ type: 'CloseSpokespersonBallot' }, (c): BallotEvent[] => {
      staffOf(c.principal, state.centreId, true);
      if (state.status !== 'open') throw new Conflict('ballot_closed', 'the ballot is closed', { ballotId: state.ballotId });
      // Everyone gets the whole voting period: the result is counted when it is over.
      if (Date.parse(c.now) < Date.parse(state.closesAt)) throw new RuleViolation('ballot_still_open', `voting runs until ${state.closesAt}`, { ballotId: state.ballotId });
      const cast = Object.values(state.votes);
      if (cast.length === 0) throw new RuleViolation('no_votes', 'nobody has voted yet', { ballotId: state.ballotId });
      const tally = state.candidates.map((candidateId) => ({ candidateId, votes: cast.filter((v) => v === candidateId).length })).sort((a, b) => b.votes - a.votes);
      const { ballotId, centreId } = state;
      if (tally.length > 1 && tally[0]!.votes === tally[1]!.votes) return [{ type: 'SpokespersonBallotTied', data: { ballotId, centreId, tally } }];
      return [{ type: 'SpokespersonElected', data: { ballotId, centreId, spokespersonId: tally[0]!.candidateId, tally } }];
    })
    .exhaustive();
}

export const ballotDecider: Decider<Ballot, BallotCommand, BallotEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => ballotStreamId(command.data.ballotId),
  schemaVersions: BALLOT_EVENT_SCHEMA_VERSIONS,
  centreOf: (state, command) => (command.type === 'OpenSpokespersonBallot' ? command.data.centreId : state.status === 'none' ? undefined : state.centreId),
};
