import type { Kysely } from 'kysely';
import type { Channel } from '../../domain/journey/journey.js';
import type { CalendarTables } from './tables.js';

/** A published time as anyone signed in may see it: when, how long, how, and whether it is free. No citizen is named. */
export interface SlotView {
  slotId: string;
  start: string;
  durationMinutes: number;
  channels: Channel[];
  free: boolean;
  /** A time for mentor conversations on the entrepreneurs' track. */
  mentoring: boolean;
}

/** A staff member's published times that start after `now`, earliest first. */
export async function upcomingSlots(db: Kysely<CalendarTables>, staffId: string, now: Date): Promise<SlotView[]> {
  const rows = await db
    .withSchema('rm')
    .selectFrom('calendar_slots')
    .selectAll()
    .where('staff_id', '=', staffId)
    .where('start', '>', now)
    .orderBy('start')
    .orderBy('slot_id')
    .execute();
  return rows.map((s) => ({ slotId: s.slot_id, start: s.start.toISOString(), durationMinutes: s.duration_minutes, channels: s.channels, free: s.free, mentoring: s.mentoring }));
}

/**
 * A staff member's published times at one centre that start after `now`, earliest first: what the
 * staff pages list for the centre the reader is signed in for (times they published while with
 * another centre are that centre's).
 */
export async function staffSlots(db: Kysely<CalendarTables>, staffId: string, centreId: string, now: Date): Promise<SlotView[]> {
  const rows = await db
    .withSchema('rm')
    .selectFrom('calendar_slots')
    .selectAll()
    .where('staff_id', '=', staffId)
    .where('centre_id', '=', centreId)
    .where('start', '>', now)
    .orderBy('start')
    .orderBy('slot_id')
    .execute();
  return rows.map((s) => ({ slotId: s.slot_id, start: s.start.toISOString(), durationMinutes: s.duration_minutes, channels: s.channels, free: s.free, mentoring: s.mentoring }));
}
