/**
 * The staff's ballot for their spokesperson (talsperson): staff elect one of themselves, one vote
 * per staff member; the result is recorded when the ballot closes. It is the staff's own affair:
 * the board takes no part, and staff take no part in board votes.
 */
import { match } from 'ts-pattern';
import type { DomainEvent } from '../shared/decider.js';

export interface BallotTally {
  candidateId: string;
  votes: number;
}

export type SpokespersonBallotOpened = DomainEvent<'SpokespersonBallotOpened', { ballotId: string; centreId: string; candidates: string[]; closesAt: string }>;
export type SpokespersonVoteCast = DomainEvent<'SpokespersonVoteCast', { ballotId: string; voterId: string; candidateId: string }>;
export type SpokespersonElected = DomainEvent<'SpokespersonElected', { ballotId: string; centreId: string; spokespersonId: string; tally: BallotTally[] }>;
export type SpokespersonBallotTied = DomainEvent<'SpokespersonBallotTied', { ballotId: string; centreId: string; tally: BallotTally[] }>;

export type BallotEvent = SpokespersonBallotOpened | SpokespersonVoteCast | SpokespersonElected | SpokespersonBallotTied;

export const BALLOT_EVENT_SCHEMA_VERSIONS: Record<BallotEvent['type'], number> = {
  SpokespersonBallotOpened: 1,
  SpokespersonVoteCast: 1,
  SpokespersonElected: 1,
  SpokespersonBallotTied: 1,
};

export type Ballot =
  | { status: 'none' }
  | { status: 'open' | 'closed'; ballotId: string; centreId: string; candidates: string[]; closesAt: string; votes: Record<string, string>; result: string | null };

export const initialState: Ballot = { status: 'none' };

export function evolve(state: Ballot, event: BallotEvent): Ballot {
  if (event.type === 'SpokespersonBallotOpened') {
    const { ballotId, centreId, candidates, closesAt } = event.data;
    return { status: 'open', ballotId, centreId, candidates, closesAt, votes: {}, result: null };
  }
  if (state.status === 'none') return state;
  return match(event)
    .with({ type: 'SpokespersonVoteCast' }, ({ data }): Ballot => ({ ...state, votes: { ...state.votes, [data.voterId]: data.candidateId } }))
    .with({ type: 'SpokespersonElected' }, ({ data }): Ballot => ({ ...state, status: 'closed', result: data.spokespersonId }))
    .with({ type: 'SpokespersonBallotTied' }, (): Ballot => ({ ...state, status: 'closed', result: null }))
    .exhaustive();
}

export const ballotStreamId = (ballotId: string) => `ballot-${ballotId}`;
