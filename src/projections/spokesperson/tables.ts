import type { ColumnType } from 'kysely';
import type { BallotTally, CountedPaper } from '../../domain/ballot/ballot.js';

/** The tables of read model `spokesperson` (migration 0013). No column links a voter to a choice. */
export interface SpokespersonTables {
  spokespersons: { centre_id: string; spokesperson_id: string | null; elected_in: string | null };
  spokesperson_ballots: {
    ballot_id: string;
    centre_id: string;
    candidates: string[];
    closes_at: ColumnType<Date, string, string>;
    status: 'open' | 'elected' | 'tied';
    /** Who voted, kept sorted: neither the order of voting nor any choice is stored. */
    voters: ColumnType<string[], string[] | undefined, string[]>;
    tally: ColumnType<BallotTally[] | null, string | null, string | null>;
    /** The counted papers (id and candidate, never voter); null before the count and for ballots counted before ballots were secret. */
    papers: ColumnType<CountedPaper[] | null, string | null, string | null>;
    opened_at: ColumnType<string, number, number>;
  };
}
