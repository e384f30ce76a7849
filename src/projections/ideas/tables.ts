import type { ColumnType } from 'kysely';
import type { IdeaAnswerKind } from '../../domain/idea/idea.js';
import type { SealedField } from '../../privacy/sealed.js';

/** A timestamptz: read as a Date, written as ISO-8601 text. */
type Moment = ColumnType<Date, string, string>;
/** A jsonb column holding a sealed field, as the log stores it. */
type Sealed = ColumnType<SealedField, string, string>;

/**
 * The tables of read model `ideas` (migration 0029), as its queries see them. Who proposed and who
 * supports are read only for that citizen's own page; every other answer carries counts.
 */
export interface IdeaTables {
  ideas: {
    idea_id: string;
    centre_id: string;
    budget_id: string;
    proposer_id: string;
    /** The proposer's words: sealed as stored, opened only by a vault at the edge. */
    title: Sealed;
    description: Sealed;
    status: 'open' | 'withdrawn' | 'answered';
    /** How many support it now (frozen at the answer). */
    supports: number;
    answer: IdeaAnswerKind | null;
    line_id: string | null;
    reason: string | null;
    resolution_id: string | null;
    proposed_at: Moment;
    /** When it was withdrawn or answered. */
    closed_at: ColumnType<Date | null, string | null, string | null>;
    /** A bigint: our int8 parser reads it as text. */
    version: ColumnType<string, number, number>;
  };
  idea_supporters: {
    idea_id: string;
    citizen_id: string;
    supported_at: Moment;
  };
  idea_path: {
    global_position: ColumnType<string, number, number>;
    idea_id: string;
    type: string;
    /** The count of supports after this event. */
    supports: number;
    answer: IdeaAnswerKind | null;
    line_id: string | null;
    reason: string | null;
    resolution_id: string | null;
    occurred_at: Moment;
  };
}
