/**
 * A staff member's calendar: the times they offer for personal conversations, and which of them
 * citizens booked. One stream per staff member, so a time is booked once even when many citizens
 * try at the same moment. Nothing here books a citizen: only the citizen takes a time.
 */
import type { DomainEvent } from '../shared/decider.js';
import type { Channel } from '../journey/journey.js';

export type AvailabilityPublished = DomainEvent<
  'AvailabilityPublished',
  { slotId: string; staffId: string; centreId: string; start: string; durationMinutes: number; channels: Channel[] }
>;
export type AvailabilityWithdrawn = DomainEvent<'AvailabilityWithdrawn', { slotId: string }>;
export type SlotBooked = DomainEvent<'SlotBooked', { slotId: string; sessionId: string; citizenId: string; channel: Channel }>;
export type SlotReleased = DomainEvent<'SlotReleased', { slotId: string; sessionId: string }>;
export type CalendarEvent = AvailabilityPublished | AvailabilityWithdrawn | SlotBooked | SlotReleased;

export interface Slot {
  slotId: string;
  centreId: string;
  start: string;
  durationMinutes: number;
  channels: Channel[];
  booking: { sessionId: string; citizenId: string; channel: Channel } | null;
}

export const CALENDAR_EVENT_SCHEMA_VERSIONS: Record<CalendarEvent['type'], number> = { AvailabilityPublished: 1, AvailabilityWithdrawn: 1, SlotBooked: 1, SlotReleased: 1 };

/**
 * The published times, in buckets by a hash of their id: an event copies one bucket, not every time
 * a year-long calendar holds (which made folding a calendar quadratic in its length).
 */
export type SlotBuckets = Readonly<Record<string, Readonly<Record<string, Slot>>>>;
export type Calendar = { status: 'empty' } | { status: 'open'; staffId: string; slots: SlotBuckets };

const BUCKETS = 64;
/** The bucket of a slot id (FNV-1a over its UTF-16 units). */
function bucketOf(slotId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < slotId.length; i++) h = Math.imul(h ^ slotId.charCodeAt(i), 0x01000193);
  return String((h >>> 0) % BUCKETS);
}

/** The time with this id, if the calendar has it. */
export function slotOf(calendar: Calendar, slotId: string): Slot | undefined {
  if (calendar.status !== 'open') return undefined;
  const bucket = calendar.slots[bucketOf(slotId)];
  return bucket && Object.hasOwn(bucket, slotId) ? bucket[slotId] : undefined;
}

/** Every time the calendar has. */
export function* allSlots(calendar: Calendar): Generator<Slot> {
  if (calendar.status !== 'open') return;
  for (const bucket of Object.values(calendar.slots)) yield* Object.values(bucket);
}

/** The buckets with this time in place of any of the same id (or without it, for `null`). */
function withSlot(slots: SlotBuckets, slotId: string, slot: Slot | null): SlotBuckets {
  const key = bucketOf(slotId);
  const { [slotId]: _old, ...rest } = slots[key] ?? {};
  return { ...slots, [key]: slot ? { ...rest, [slotId]: slot } : rest };
}
export const initialState: Calendar = { status: 'empty' };
export const calendarStreamId = (staffId: string) => `calendar-${staffId}`;

export function evolve(state: Calendar, event: CalendarEvent): Calendar {
  const slots = state.status === 'open' ? state.slots : {};
  switch (event.type) {
    case 'AvailabilityPublished': {
      const { slotId, staffId, centreId, start, durationMinutes, channels } = event.data;
      return { status: 'open', staffId, slots: withSlot(slots, slotId, { slotId, centreId, start, durationMinutes, channels, booking: null }) };
    }
    case 'AvailabilityWithdrawn': {
      if (state.status !== 'open') return state;
      return { ...state, slots: withSlot(slots, event.data.slotId, null) };
    }
    case 'SlotBooked':
    case 'SlotReleased': {
      const slot = slotOf(state, event.data.slotId);
      if (state.status !== 'open' || !slot) return state;
      const booking = event.type === 'SlotBooked' ? { sessionId: event.data.sessionId, citizenId: event.data.citizenId, channel: event.data.channel } : null;
      return { ...state, slots: withSlot(slots, slot.slotId, { ...slot, booking }) };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

