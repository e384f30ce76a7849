import type { ColumnType } from 'kysely';
import type { ActivityKind } from '../../domain/activity/activity.js';

/** A timestamptz: read as a Date, written as ISO-8601 text. */
type Moment = ColumnType<Date, string, string>;
/** A nullable timestamptz. */
type MaybeMoment = ColumnType<Date | null, string | null, string | null>;
/** A bigint: our int8 parser reads it as text. */
type Bigint = ColumnType<string, number, number>;

/**
 * The tables of read model `activities` (migration 0021), as its queries see them. Staff read the
 * counts; who holds a place is read only for that citizen themselves.
 */
export interface ActivityTables {
  activities: {
    activity_id: string;
    centre_id: string;
    kind: ActivityKind;
    title: string;
    description: string | null;
    starts_at: Moment;
    ends_at: Moment;
    /** Exactly one of `place` and `link` is set. */
    place: string | null;
    link: string | null;
    capacity: number;
    /** How many have a place, and how many wait in line: counts, never who. */
    registered: number;
    waiting: number;
    status: 'scheduled' | 'cancelled';
    /** How many came, as staff counted; null until recorded. */
    attendance: number | null;
    scheduled_at: Moment;
    cancelled_at: MaybeMoment;
    version: Bigint;
  };
  activity_places: {
    activity_id: string;
    citizen_id: string;
    status: 'registered' | 'waiting';
    /** While waiting: the stream version they joined the line at, which orders the line. */
    line_version: ColumnType<string | null, number | null, number | null>;
    /** Since when they hold this place (or their place in line). */
    since: Moment;
  };
}
