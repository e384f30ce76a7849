import type { Kysely } from 'kysely';
import type { BallotRound, BallotTally, CountedPaper } from '../../domain/ballot/ballot.js';
import type { SpokespersonTables } from './tables.js';

/** A ballot as anyone may see it: who voted, and once counted the tally and every paper; never who voted how. */
export interface BallotView {
  ballotId: string;
  status: BallotRound['status'];
  candidates: string[];
  closesAt: string;
  votesCast: number;
  /** Sorted, not in the order they voted. */
  voters: string[];
  tally: BallotTally[] | null;
  papers: CountedPaper[] | null;
}

export interface SpokespersonView {
  centreId: string;
  spokespersonId: string | null;
  electedIn: string | null;
  ballots: BallotView[];
}

/** Who the centre's staff spokesperson is, and every ballot in the order they were opened. Public. */
export async function spokespersonOf(db: Kysely<SpokespersonTables>, centreId: string): Promise<SpokespersonView> {
  const office = await db.withSchema('rm').selectFrom('spokespersons').selectAll().where('centre_id', '=', centreId).executeTakeFirst();
  const rows = await db.withSchema('rm').selectFrom('spokesperson_ballots').selectAll().where('centre_id', '=', centreId).orderBy('opened_at').execute();
  return {
    centreId,
    spokespersonId: office?.spokesperson_id ?? null,
    electedIn: office?.elected_in ?? null,
    ballots: rows.map((b) => ({
      ballotId: b.ballot_id,
      status: b.status,
      candidates: b.candidates,
      closesAt: b.closes_at.toISOString(),
      votesCast: b.voters.length,
      voters: [...b.voters].sort(),
      tally: b.tally,
      papers: b.papers,
    })),
  };
}
