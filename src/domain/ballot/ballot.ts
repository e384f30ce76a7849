/**
 * The staff's spokesperson (talsperson): staff elect one of themselves in a secret ballot, one vote
 * per staff member; the result is recorded when voting is over. One stream per centre holds its
 * ballots, one at a time, and who the spokesperson is now. It is the staff's own affair: the
 * board takes no part, and staff take no part in board votes.
 *
 * Secret and checkable: a vote records in the clear who voted, and their ballot paper sealed under
 * a key of the ballot's own (the command pipeline seals it, see `ballotDecider.personal`). The
 * count publishes every paper, without its voter, sorted by its random id; the ballot's key is then
 * erased, so nobody can tell afterwards which vote held which paper. Anyone can check that there
 * is one paper per voter and that the tally counts the papers; each voter can find their own paper
 * by the id they were given when they voted.
 */
import { match } from 'ts-pattern';
import type { DomainEvent } from '../shared/decider.js';

export interface BallotTally {
  candidateId: string;
  votes: number;
}

/**
 * A ballot paper as the voter filled it in. It reaches the log only sealed, and `pad` makes every
 * paper exactly PAPER_BYTES long as JSON, so that the length of a sealed paper (AES-GCM keeps the
 * length) does not tell candidates with ids of different lengths apart.
 */
export interface BallotPaper {
  paperId: string;
  candidateId: string;
  pad: string;
}

/** A paper as the count publishes it: its random id and its candidate, never its voter. */
export interface CountedPaper {
  paperId: string;
  candidateId: string;
}

/** The length in UTF-8 bytes of every ballot paper's JSON, and so of its ciphertext. */
export const PAPER_BYTES = 1024;
/** The key a ballot's papers are sealed under, erased after the count. */
export const ballotSubject = (ballotId: string) => `ballot-${ballotId}`;

export type SpokespersonBallotOpened = DomainEvent<'SpokespersonBallotOpened', { ballotId: string; centreId: string; candidates: string[]; closesAt: string }>;
/** `paper` is stored sealed: `evolve` never reads it. */
export type SpokespersonVoteCast = DomainEvent<'SpokespersonVoteCast', { ballotId: string; voterId: string; paper: BallotPaper }>;
export type SpokespersonElected = DomainEvent<
  'SpokespersonElected',
  { ballotId: string; centreId: string; spokespersonId: string; tally: BallotTally[]; papers: CountedPaper[] }
>;
export type SpokespersonBallotTied = DomainEvent<'SpokespersonBallotTied', { ballotId: string; centreId: string; tally: BallotTally[]; papers: CountedPaper[] }>;

export type BallotEvent = SpokespersonBallotOpened | SpokespersonVoteCast | SpokespersonElected | SpokespersonBallotTied;

/**
 * Schema version 1, from before ballots were secret: the vote in the clear, results without their
 * papers. Folded, never written again.
 */
export type SpokespersonVoteCastV1 = DomainEvent<'SpokespersonVoteCast', { ballotId: string; voterId: string; candidateId: string }>;
export type SpokespersonElectedV1 = DomainEvent<'SpokespersonElected', { ballotId: string; centreId: string; spokespersonId: string; tally: BallotTally[] }>;
export type SpokespersonBallotTiedV1 = DomainEvent<'SpokespersonBallotTied', { ballotId: string; centreId: string; tally: BallotTally[] }>;
/** Any ballot event the log may hold, of any schema version. */
export type StoredBallotEvent = BallotEvent | SpokespersonVoteCastV1 | SpokespersonElectedV1 | SpokespersonBallotTiedV1;

export const BALLOT_EVENT_SCHEMA_VERSIONS: Record<BallotEvent['type'], number> = {
  SpokespersonBallotOpened: 1,
  SpokespersonVoteCast: 2,
  SpokespersonElected: 2,
  SpokespersonBallotTied: 2,
};

/** A vote as the state knows it: its paper is sealed; a vote from schema version 1 has no paper, its candidate is in the clear. */
export type BallotVote = { paper: 'sealed' } | { paper: 'unknown'; candidateId: string };

export interface BallotRound {
  ballotId: string;
  candidates: string[];
  closesAt: string;
  /** By voter. */
  votes: Record<string, BallotVote>;
  status: 'open' | 'elected' | 'tied';
  tally: BallotTally[] | null;
  /** The published papers once counted (null before, and for a ballot counted before ballots were secret). */
  papers: CountedPaper[] | null;
}

export type Spokesperson =
  | { status: 'none' }
  | { status: 'held'; centreId: string; spokespersonId: string | null; electedIn: string | null; ballots: Record<string, BallotRound>; open: string | null };

export const initialState: Spokesperson = { status: 'none' };

export function evolve(state: Spokesperson, event: StoredBallotEvent): Spokesperson {
  if (event.type === 'SpokespersonBallotOpened') {
    const { ballotId, centreId, candidates, closesAt } = event.data;
    const base = state.status === 'held' ? state : { status: 'held' as const, centreId, spokespersonId: null, electedIn: null, ballots: {} };
    return { ...base, open: ballotId, ballots: { ...base.ballots, [ballotId]: { ballotId, candidates, closesAt, votes: {}, status: 'open', tally: null, papers: null } } };
  }
  if (state.status === 'none') return state;
  const round = (ballotId: string, change: (r: BallotRound) => Partial<BallotRound>) => ({ ...state.ballots, [ballotId]: { ...state.ballots[ballotId]!, ...change(state.ballots[ballotId]!) } });
  const papersOf = (data: object) => ('papers' in data ? (data.papers as CountedPaper[]) : null);
  return match(event)
    .with({ type: 'SpokespersonVoteCast' }, ({ data }): Spokesperson => {
      const vote: BallotVote = 'candidateId' in data ? { paper: 'unknown', candidateId: data.candidateId } : { paper: 'sealed' };
      return { ...state, ballots: round(data.ballotId, (r) => ({ votes: { ...r.votes, [data.voterId]: vote } })) };
    })
    .with({ type: 'SpokespersonElected' }, ({ data }): Spokesperson => ({
      ...state,
      open: null,
      spokespersonId: data.spokespersonId,
      electedIn: data.ballotId,
      ballots: round(data.ballotId, () => ({ status: 'elected', tally: data.tally, papers: papersOf(data) })),
    }))
    // A tie elects nobody: the spokesperson in office stays until a ballot elects someone.
    .with({ type: 'SpokespersonBallotTied' }, ({ data }): Spokesperson => ({ ...state, open: null, ballots: round(data.ballotId, () => ({ status: 'tied', tally: data.tally, papers: papersOf(data) })) }))
    .exhaustive();
}

export const spokespersonStreamId = (centreId: string) => `spokesperson-${centreId}`;
