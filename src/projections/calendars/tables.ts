import type { ColumnType } from 'kysely';
import type { Channel } from '../../domain/journey/journey.js';

/** The table of read model `calendars` (migration 0025, version 2). Who booked a time is never kept. */
export interface CalendarTables {
  calendar_slots: {
    staff_id: string;
    slot_id: string;
    centre_id: string;
    start: ColumnType<Date, string, string>;
    duration_minutes: number;
    channels: Channel[];
    free: boolean;
    /** A time for mentor conversations on the entrepreneurs' track. */
    mentoring: boolean;
  };
}
