/**
 * Open times as a citizen choosing one sees them: the free times staff of the citizen's centre
 * published for a channel, from now on. Which staff member published a time is kept for the
 * booking (the calendar is theirs); who booked a taken time is never known here.
 */
import type { Kysely } from 'kysely';
import type { OpeningHours } from '../../domain/centre/centre.js';
import { withinContactHours } from '../../domain/journey/hours.js';
import { CHANNELS, type Channel } from '../../domain/journey/journey.js';
import type { CalendarTables } from './tables.js';

/** A free time a citizen may book. */
export interface OpenTime {
  slotId: string;
  staffId: string;
  start: string;
  durationMinutes: number;
  channels: Channel[];
  /** A time for mentor conversations on the entrepreneurs' track. */
  mentoring: boolean;
}

/** At most this many open times are offered at once: the earliest. */
export const OPEN_TIMES_SHOWN = 500;

/**
 * Whether a time can be booked for a channel now: within the contact hours the journey's decider
 * checks (phone, chat and video 07–21; in person at the centre within its opening hours, which may
 * have changed since the time was published, and never on a public holiday).
 */
export const bookableFor = (channel: Channel, openingHours: OpeningHours | null) => (t: { start: string; durationMinutes: number }) =>
  withinContactHours(channel, t.start, t.durationMinutes, openingHours).ok;

/** The centre's free times offered for `channel` that start after `now` and can be booked for it, earliest first. */
export async function openTimesAt(db: Kysely<CalendarTables>, centreId: string, channel: Channel, openingHours: OpeningHours | null, now: Date): Promise<OpenTime[]> {
  const rows = await db
    .withSchema('rm')
    .selectFrom('calendar_slots')
    .selectAll()
    .where('centre_id', '=', centreId)
    .where('free', '=', true)
    .where('start', '>', now)
    .where((eb) => eb(eb.val(channel), '=', eb.fn.any('channels')))
    .orderBy('start')
    .orderBy('staff_id')
    .orderBy('slot_id')
    .limit(OPEN_TIMES_SHOWN)
    .execute();
  return rows.map((s) => ({ slotId: s.slot_id, staffId: s.staff_id, start: s.start.toISOString(), durationMinutes: s.duration_minutes, channels: s.channels, mentoring: s.mentoring })).filter(bookableFor(channel, openingHours));
}

/** How many free times the centre offers for each channel from now on, counting only those that can be booked for it. */
export async function openTimeCounts(db: Kysely<CalendarTables>, centreId: string, openingHours: OpeningHours | null, now: Date): Promise<Record<Channel, number>> {
  const rows = await db
    .withSchema('rm')
    .selectFrom('calendar_slots')
    .select(['channels', 'start', 'duration_minutes'])
    .where('centre_id', '=', centreId)
    .where('free', '=', true)
    .where('start', '>', now)
    .execute();
  const counts = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  for (const r of rows) {
    const time = { start: r.start.toISOString(), durationMinutes: r.duration_minutes };
    for (const c of r.channels) if (bookableFor(c, openingHours)(time)) counts[c] += 1;
  }
  return counts;
}

/** One of the centre's published times, free or not, by its id (null: not the centre's, or not there). */
export async function publishedTimeAt(db: Kysely<CalendarTables>, centreId: string, slotId: string): Promise<(OpenTime & { free: boolean }) | null> {
  const rows = await db.withSchema('rm').selectFrom('calendar_slots').selectAll().where('centre_id', '=', centreId).where('slot_id', '=', slotId).limit(2).execute();
  // Slot ids are UUIDs, unique in practice; were two staff members' ever the same, neither is guessed at.
  const [s] = rows;
  if (!s || rows.length > 1) return null;
  return { slotId: s.slot_id, staffId: s.staff_id, start: s.start.toISOString(), durationMinutes: s.duration_minutes, channels: s.channels, mentoring: s.mentoring, free: s.free };
}
