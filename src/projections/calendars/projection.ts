import type { Kysely } from 'kysely';
import { match } from 'ts-pattern';
import { CALENDAR_EVENT_SCHEMA_VERSIONS, type CalendarEvent } from '../../domain/calendar/calendar.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { Projection } from '../engine/projection.js';
import { BatchRows } from '../engine/rows.js';

/** Every calendar event: the aggregate's own list, matched exhaustively below. */
const HANDLES: readonly CalendarEvent['type'][] = Object.keys(CALENDAR_EVENT_SCHEMA_VERSIONS).filter((type): type is CalendarEvent['type'] => type in CALENDAR_EVENT_SCHEMA_VERSIONS);

/** The staff member whose calendar the event is in: the stream says, as it does for the decider. */
const staffOf = (recorded: RecordedEvent) => recorded.streamId.replace(/^calendar-/, '');
const calendarEventOf = (recorded: RecordedEvent) => ({ type: recorded.type, data: recorded.data }) as CalendarEvent;

interface SlotRow extends Record<string, unknown> {
  staff_id: string;
  slot_id: string;
  centre_id: string;
  start: string;
  duration_minutes: number;
  channels: string[];
  free: boolean;
  mentoring: boolean;
}

const slotIdOf = (recorded: RecordedEvent) => String((recorded.data as { slotId?: unknown } | null)?.slotId);

/**
 * One batch, as `evolve` changes the calendars: the times it touches read once, changed in log
 * order, written once. A booking only marks the time taken: the citizen is not recorded.
 */
async function applyBatch(trx: Kysely<any>, schema: string, events: readonly RecordedEvent[]): Promise<void> {
  const slots = new BatchRows<SlotRow>({ table: 'calendar_slots', key: ['staff_id', 'slot_id'], columns: ['staff_id', 'slot_id', 'centre_id', 'start', 'duration_minutes', 'channels', 'free', 'mentoring'], moments: ['start'] });
  await slots.load(trx, schema, events.map((e) => [staffOf(e), slotIdOf(e)]));
  for (const recorded of events) {
    const staffId = staffOf(recorded);
    match(calendarEventOf(recorded))
      .with({ type: 'AvailabilityPublished' }, ({ data }) =>
        slots.set({ staff_id: staffId, slot_id: data.slotId, centre_id: data.centreId, start: data.start, duration_minutes: data.durationMinutes, channels: data.channels, free: true, mentoring: data.mentoring === true }),
      )
      .with({ type: 'AvailabilityWithdrawn' }, ({ data }) => slots.remove(staffId, data.slotId))
      .with({ type: 'SlotBooked' }, { type: 'SlotReleased' }, ({ type, data }) => {
        const slot = slots.get(staffId, data.slotId);
        if (slot) slots.set({ ...slot, free: type === 'SlotReleased' });
      })
      .exhaustive();
  }
  await slots.save(trx, schema);
}

/**
 * The times staff published and whether each is free. Inline: booking, moving and cancelling
 * read it back at once, and a time shown free must be free.
 */
export const calendarsProjection: Projection = {
  name: 'calendars',
  // Version 2 (issue 13): whether a time is one for mentor conversations.
  version: 2,
  mode: 'inline',
  tables: ['calendar_slots'],
  handles: HANDLES,
  apply: applyBatch,
};
