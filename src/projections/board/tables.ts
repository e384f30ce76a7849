import type { ColumnType } from 'kysely';
import type { ResolutionSubject, SeatKind, VoteChoice } from '../../domain/board/board.js';

/** A timestamptz: read as a Date, written as ISO-8601 text. */
type Moment = ColumnType<Date, string, string>;
/** A jsonb column: read parsed, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

/** The tables of read model `board` (version 4: migration 0028), as queries and the projection see them. */
export interface BoardTables {
  boards: {
    centre_id: string;
    chair: string | null;
    vice_chair: string | null;
    secretary: string | null;
    /** As the rules of procedure say: each member's vote on an adopted resolution is public. */
    individual_votes_public: ColumnType<boolean, boolean | undefined, boolean>;
    constituted_at: Moment;
    version: number;
  };
  board_seats: {
    centre_id: string;
    seat_id: string;
    kind: SeatKind;
    organisation: string | null;
    member_id: string | null;
    /** A date: selected as text (`since::text`), so that no time zone shifts it. */
    since: string | null;
    deputy_id: ColumnType<string | null, string | null | undefined, string | null>;
    /** A date, selected as text like `since`. */
    deputy_since: ColumnType<string | null, string | null | undefined, string | null>;
    added_at: ColumnType<string, number, number>;
  };
  board_meetings: {
    meeting_id: string;
    centre_id: string;
    at: Moment;
    agenda: string[];
    place: string | null;
    /** The minutes per agenda item, by its number. */
    item_minutes: ColumnType<Record<string, { decision: string; reasoning: string | null }>, string | undefined, string>;
    /** Who is disqualified on which agenda item, by its number. */
    recused: ColumnType<Record<string, string[]>, string | undefined, string>;
    present: string[] | null;
    /** Members who left before the meeting ended, with when (ISO-8601). */
    departed: ColumnType<Record<string, string>, string | undefined, string>;
    /** The deputies present, each with the seat they took. */
    deputising: ColumnType<Record<string, string>, string | undefined, string>;
    quorate: boolean;
    signed_by: ColumnType<string[], string[] | undefined, string[]>;
    /** Signed by everyone present at the end. */
    minutes_complete: ColumnType<boolean, boolean | undefined, boolean>;
    convened_at: ColumnType<string, number, number>;
  };
  board_resolutions: {
    resolution_id: string;
    centre_id: string;
    meeting_id: string;
    item: number | null;
    title: string;
    subject_kind: ResolutionSubject['kind'];
    budget_id: string | null;
    subject: Json<ResolutionSubject>;
    status: 'proposed' | 'adopted' | 'rejected';
    votes: ColumnType<Record<string, VoteChoice>, string | undefined, string>;
    dissents: ColumnType<string[], string[] | undefined, string[]>;
    tally_for: number | null;
    tally_against: number | null;
    tally_abstained: number | null;
    proposed_at: ColumnType<string, number, number>;
  };
  board_documents: {
    document_id: string;
    centre_id: string;
    meeting_id: string;
    item: number | null;
    title: string;
    sha256: string;
    media_type: string;
    size: ColumnType<string, number, number>;
    published: boolean;
    attached_at: ColumnType<string, number, number>;
  };
  /** Published names, sealed as the log holds them: opened when read. */
  board_names: {
    centre_id: string;
    member_id: string;
    name_id: string;
    name: Json<unknown>;
  };
}
