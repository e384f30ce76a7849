/**
 * The staff's spokesperson (talsperson): staff elect one of themselves in a ballot, one vote per
 * staff member; the result is recorded when voting is over. One stream per centre holds its
 * ballots, one at a time, and who the spokesperson is now. It is the staff's own affair: the
 * board takes no part, and staff take no part in board votes.
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

export interface BallotRound {
  ballotId: string;
  candidates: string[];
  closesAt: string;
  votes: Record<string, string>;
  status: 'open' | 'elected' | 'tied';
  tally: BallotTally[] | null;
}

export type Spokesperson =
  | { status: 'none' }
  | { status: 'held'; centreId: string; spokespersonId: string | null; electedIn: string | null; ballots: Record<string, BallotRound>; open: string | null };

export const initialState: Spokesperson = { status: 'none' };

export function evolve(state: Spokesperson, event: BallotEvent): Spokesperson {
  if (event.type === 'SpokespersonBallotOpened') {
    const { ballotId, centreId, candidates, closesAt } = event.data;
    const base = state.status === 'held' ? state : { status: 'held' as const, centreId, spokespersonId: null, electedIn: null, ballots: {} };
    return { ...base, open: ballotId, ballots: { ...base.ballots, [ballotId]: { ballotId, candidates, closesAt, votes: {}, status: 'open', tally: null } } };
  }
  if (state.status === 'none') return state;
  const round = (ballotId: string, change: (r: BallotRound) => Partial<BallotRound>) => ({ ...state.ballots, [ballotId]: { ...state.ballots[ballotId]!, ...change(state.ballots[ballotId]!) } });
  return match(event)
    .with({ type: 'SpokespersonVoteCast' }, ({ data }): Spokesperson => ({ ...state, ballots: round(data.ballotId, (r) => ({ votes: { ...r.votes, [data.voterId]: data.candidateId } })) }))
    .with({ type: 'SpokespersonElected' }, ({ data }): Spokesperson => ({
      ...state,
      open: null,
      spokespersonId: data.spokespersonId,
      electedIn: data.ballotId,
      ballots: round(data.ballotId, () => ({ status: 'elected', tally: data.tally })),
    }))
    // A tie elects nobody: the spokesperson in office stays until a ballot elects someone.
    .with({ type: 'SpokespersonBallotTied' }, ({ data }): Spokesperson => ({ ...state, open: null, ballots: round(data.ballotId, () => ({ status: 'tied', tally: data.tally })) }))
    .exhaustive();
}

export const spokespersonStreamId = (centreId: string) => `spokesperson-${centreId}`;
