import type { Kysely } from 'kysely';
import { match } from 'ts-pattern';
import { CALENDAR_EVENT_SCHEMA_VERSIONS, type CalendarEvent } from '../../domain/calendar/calendar.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { Projection } from '../engine/projection.js';
import type { CalendarTables } from './tables.js';

/** Every calendar event: the aggregate's own list, matched exhaustively below. */
const HANDLES: readonly CalendarEvent['type'][] = Object.keys(CALENDAR_EVENT_SCHEMA_VERSIONS).filter((type): type is CalendarEvent['type'] => type in CALENDAR_EVENT_SCHEMA_VERSIONS);

/** The staff member whose calendar the event is in: the stream says, as it does for the decider. */
const staffOf = (recorded: RecordedEvent) => recorded.streamId.replace(/^calendar-/, '');
const calendarEventOf = (recorded: RecordedEvent) => ({ type: recorded.type, data: recorded.data }) as CalendarEvent;

/** One step, as `evolve` changes the calendar. A booking only marks the time taken: the citizen is not recorded. */
async function applyOne(db: Kysely<CalendarTables>, recorded: RecordedEvent): Promise<void> {
  const staffId = staffOf(recorded);
  const slot = (slotId: string) => db.updateTable('calendar_slots').where('staff_id', '=', staffId).where('slot_id', '=', slotId);
  await match(calendarEventOf(recorded))
    .with({ type: 'AvailabilityPublished' }, async ({ data }) => {
      const row = { centre_id: data.centreId, start: data.start, duration_minutes: data.durationMinutes, channels: data.channels, free: true };
      await db
        .insertInto('calendar_slots')
        .values({ staff_id: staffId, slot_id: data.slotId, ...row })
        .onConflict((c) => c.columns(['staff_id', 'slot_id']).doUpdateSet(row))
        .execute();
    })
    .with({ type: 'AvailabilityWithdrawn' }, async ({ data }) => {
      await db.deleteFrom('calendar_slots').where('staff_id', '=', staffId).where('slot_id', '=', data.slotId).execute();
    })
    .with({ type: 'SlotBooked' }, async ({ data }) => {
      await slot(data.slotId).set({ free: false }).execute();
    })
    .with({ type: 'SlotReleased' }, async ({ data }) => {
      await slot(data.slotId).set({ free: true }).execute();
    })
    .exhaustive();
}

/**
 * The times staff published and whether each is free. Inline: booking, moving and cancelling
 * read it back at once, and a time shown free must be free.
 */
export const calendarsProjection: Projection = {
  name: 'calendars',
  version: 1,
  mode: 'inline',
  tables: ['calendar_slots'],
  handles: HANDLES,
  async apply(trx, schema, events) {
    const db: Kysely<CalendarTables> = trx.withSchema(schema);
    for (const event of events) await applyOne(db, event);
  },
};
