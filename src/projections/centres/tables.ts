import type { ColumnType } from 'kysely';
import type { OpeningHours } from '../../domain/centre/centre.js';

/** A timestamptz: read as a Date, written as ISO-8601 text. */
type Moment = ColumnType<Date, string, string>;

/** The table of read model `centres` (migration 0002), as its queries see it. */
export interface CentreTables {
  centres: {
    centre_id: string;
    municipality_code: string;
    municipality_name: string;
    name: string;
    /** jsonb: read parsed, written as JSON text. */
    opening_hours: ColumnType<OpeningHours, string, string>;
    established_at: Moment;
    updated_at: Moment;
    /** A bigint: our int8 parser reads it as text (see `typeParsers`). */
    version: ColumnType<string, number, number>;
  };
}
