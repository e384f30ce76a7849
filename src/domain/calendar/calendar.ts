/**
 * A staff member's calendar: the times they offer for personal conversations, and which of them
 * citizens booked. One stream per staff member, so a time is booked once even when many citizens
 * try at the same moment. Nothing here books a citizen: only the citizen takes a time.
 */
import type { DomainEvent } from '../shared/decider.js';
import type { Channel } from '../journey/journey.js';

/**
 * `mentoring`: a time for mentor conversations on the entrepreneurs' track, with a business adviser
 * or coach (schema version 2; absent: an ordinary conversation). Anyone may book it, as any time.
 */
export type AvailabilityPublished = DomainEvent<
  'AvailabilityPublished',
  { slotId: string; staffId: string; centreId: string; start: string; durationMinutes: number; channels: Channel[]; mentoring?: true }
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
  /** A time for mentor conversations on the entrepreneurs' track. */
  mentoring: boolean;
  booking: { sessionId: string; citizenId: string; channel: Channel } | null;
}

export const CALENDAR_EVENT_SCHEMA_VERSIONS: Record<CalendarEvent['type'], number> = { AvailabilityPublished: 2, AvailabilityWithdrawn: 1, SlotBooked: 1, SlotReleased: 1 };

/**
 * The published times, in buckets by a hash of their id: an event copies one bucket, not every time
 * a year-long calendar holds (which made folding a calendar quadratic in its length).
 */
export type SlotBuckets = Readonly<Record<string, Readonly<Record<string, Slot>>>>;
/**
 * The ids of the times that start on each day (UTC, as days since 1970), and the longest length a
 * time has had (a bound: it never shrinks): what could overlap a new time is found among a few
 * days' times, not the whole year's.
 */
export interface SlotDays {
  ids: Readonly<Record<string, readonly string[]>>;
  longestMinutes: number;
}
export type Calendar = { status: 'empty' } | { status: 'open'; staffId: string; slots: SlotBuckets; days: SlotDays };

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

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

/**
 * Every time that could overlap [start, start + minutes): those starting from the longest time's
 * length before it to its end. A start that does not parse is compared with every time.
 */
export function* slotsNear(calendar: Calendar, start: string, minutes: number): Generator<Slot> {
  if (calendar.status !== 'open') return;
  const from = Date.parse(start);
  if (!Number.isFinite(from) || !Number.isFinite(minutes)) {
    yield* allSlots(calendar);
    return;
  }
  const last = dayOf(from + Math.max(0, minutes) * 60_000);
  for (let day = dayOf(from - calendar.days.longestMinutes * 60_000); day <= last; day++) {
    for (const id of calendar.days.ids[day] ?? []) {
      const slot = slotOf(calendar, id);
      if (slot) yield slot;
    }
  }
}

/** The day index with a time added or taken away. Times whose start does not parse are under day NaN. */
function withDay(days: SlotDays, slot: Pick<Slot, 'slotId' | 'start' | 'durationMinutes'>, add: boolean): SlotDays {
  const key = String(dayOf(Date.parse(slot.start)));
  const others = (days.ids[key] ?? []).filter((id) => id !== slot.slotId);
  return {
    ids: { ...days.ids, [key]: add ? [...others, slot.slotId] : others },
    longestMinutes: add ? Math.max(days.longestMinutes, Number.isFinite(slot.durationMinutes) ? slot.durationMinutes : 0) : days.longestMinutes,
  };
}
const NO_DAYS: SlotDays = { ids: {}, longestMinutes: 0 };

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
  const days = state.status === 'open' ? state.days : NO_DAYS;
  switch (event.type) {
    case 'AvailabilityPublished': {
      const { slotId, staffId, centreId, start, durationMinutes, channels } = event.data;
      // A time published again under its id replaces the one before, in the day index too.
      const before = slotOf(state, slotId);
      const slot = { slotId, centreId, start, durationMinutes, channels, mentoring: event.data.mentoring === true, booking: null };
      return { status: 'open', staffId, slots: withSlot(slots, slotId, slot), days: withDay(before ? withDay(days, before, false) : days, slot, true) };
    }
    case 'AvailabilityWithdrawn': {
      if (state.status !== 'open') return state;
      const slot = slotOf(state, event.data.slotId);
      return { ...state, slots: withSlot(slots, event.data.slotId, null), days: slot ? withDay(days, slot, false) : days };
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

