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

export type Calendar = { status: 'empty' } | { status: 'open'; staffId: string; slots: Record<string, Slot> };
export const initialState: Calendar = { status: 'empty' };
export const calendarStreamId = (staffId: string) => `calendar-${staffId}`;

export function evolve(state: Calendar, event: CalendarEvent): Calendar {
  const slots = state.status === 'open' ? state.slots : {};
  switch (event.type) {
    case 'AvailabilityPublished': {
      const { slotId, staffId, centreId, start, durationMinutes, channels } = event.data;
      return { status: 'open', staffId, slots: { ...slots, [slotId]: { slotId, centreId, start, durationMinutes, channels, booking: null } } };
    }
    case 'AvailabilityWithdrawn': {
      if (state.status !== 'open') return state;
      const { [event.data.slotId]: _gone, ...rest } = slots;
      return { ...state, slots: rest };
    }
    case 'SlotBooked':
    case 'SlotReleased': {
      const slot = slots[event.data.slotId];
      if (state.status !== 'open' || !slot) return state;
      const booking = event.type === 'SlotBooked' ? { sessionId: event.data.sessionId, citizenId: event.data.citizenId, channel: event.data.channel } : null;
      return { ...state, slots: { ...slots, [slot.slotId]: { ...slot, booking } } };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

