import type { ColumnType } from 'kysely';
import type { BusinessStatus } from '../../domain/venture/venture.js';
import type { SealedField } from '../../privacy/sealed.js';

/** A timestamptz: read as a Date, written as ISO-8601 text. */
type Moment = ColumnType<Date, string, string>;
/** A nullable timestamptz. */
type MaybeMoment = ColumnType<Date | null, string | null, string | null>;
/** A jsonb column: read parsed, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

/** One time on the track, as `venture_tracks.memberships` keeps it: the citizen's words sealed, as stored. */
export interface StoredMembership {
  centreId: string;
  /** ISO-8601 with zone, as the event has it. */
  joinedAt: string;
  businessIdea: SealedField | null;
  leftAt: string | null;
  leftReason: SealedField | null;
}

/**
 * The tables of read model `ventures` (migration 0023), as its queries see them. The citizen's
 * words are sealed: only a vault opens them, for the citizen themselves.
 */
export interface VentureTables {
  venture_tracks: {
    citizen_id: string;
    /** The centre of the latest membership. */
    centre_id: string;
    status: 'joined' | 'left';
    memberships: Json<StoredMembership[]>;
    /** The day the citizen says the business started (YYYY-MM-DD); null until they say. */
    started_on: string | null;
    has_cvr: boolean | null;
    start_recorded_at: MaybeMoment;
    /** Whether the business ran 1, 2 and 3 years after its start, as the citizen last said, and when they said it. */
    running_1: boolean | null;
    answered_1_at: MaybeMoment;
    running_2: boolean | null;
    answered_2_at: MaybeMoment;
    running_3: boolean | null;
    answered_3_at: MaybeMoment;
    /** A bigint: our int8 parser reads it as text. */
    version: ColumnType<string, number, number>;
  };
  venture_milestones: {
    citizen_id: string;
    milestone_id: string;
    text: Json<SealedField>;
    /** The month (YYYY-MM) the citizen hopes for: their own aim, never a deadline. */
    hoped_for: string | null;
    status: 'open' | 'reached';
    set_at: Moment;
    reached_at: MaybeMoment;
  };
  venture_check_ins: {
    citizen_id: string;
    /** YYYY-Qn: the latest check-in for each quarter stands. */
    quarter: string;
    status: BusinessStatus;
    note: ColumnType<SealedField | null, string | null, string | null>;
    recorded_at: Moment;
  };
}
