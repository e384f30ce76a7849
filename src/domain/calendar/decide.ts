import type { OpeningHours } from '../centre/centre.js';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { Conflict, Forbidden, InvalidValue, NotFound } from '../shared/errors.js';
import { withinContactHours } from '../journey/hours.js';
import { CHANNELS, type Channel } from '../journey/journey.js';
import { type Calendar, CALENDAR_EVENT_SCHEMA_VERSIONS, type CalendarEvent, calendarStreamId, evolve, initialState, slotOf, slotsNear } from './calendar.js';

type C<T extends string, D> = CommandEnvelope & { type: T; staffId: string; data: D };
/** `mentoring`: a time for mentor conversations on the entrepreneurs' track. */
export type PublishAvailability = C<'PublishAvailability', { slotId: string; start: string; durationMinutes: number; channels: Channel[]; openingHours: OpeningHours | null; mentoring?: boolean }>;
export type WithdrawAvailability = C<'WithdrawAvailability', { slotId: string }>;
export type BookSlot = C<'BookSlot', { slotId: string; sessionId: string; citizenId: string; channel: Channel }>;
export type ReleaseSlot = C<'ReleaseSlot', { slotId: string; sessionId: string }>;
export type CalendarCommand = PublishAvailability | WithdrawAvailability | BookSlot | ReleaseSlot;

const overlaps = (a: { start: string; durationMinutes: number }, b: { start: string; durationMinutes: number }) => {
  const a0 = Date.parse(a.start);
  const b0 = Date.parse(b.start);
  return a0 < b0 + b.durationMinutes * 60_000 && b0 < a0 + a.durationMinutes * 60_000;
};

export function decide(command: CalendarCommand, state: Calendar): CalendarEvent[] {
  const p = command.principal;
  switch (command.type) {
    case 'PublishAvailability': {
      if (p.role !== 'staff' || p.id !== command.staffId || !p.centreId) throw new Forbidden('staff publish their own available times');
      const { slotId, start, durationMinutes, channels, openingHours } = command.data;
      if (slotOf(state, slotId)) throw new Conflict('slot_exists', 'this time is already published', { slotId });
      if (new Date(start).getTime() <= new Date(command.now).getTime()) throw new InvalidValue('start', 'a time in the future');
      if (channels.length === 0 || channels.some((c) => !CHANNELS.includes(c))) throw new InvalidValue('channels', 'at least one channel');
      for (const channel of channels) {
        const check = withinContactHours(channel, start, durationMinutes, openingHours);
        if (!check.ok) throw new InvalidValue('start', `${channel}: ${check.why}`);
      }
      for (const s of slotsNear(state, start, durationMinutes)) {
        if (overlaps(s, { start, durationMinutes })) throw new Conflict('slot_overlaps', 'this overlaps another published time', { slotId: s.slotId });
      }
      return [{ type: 'AvailabilityPublished', data: { slotId, staffId: p.id, centreId: p.centreId, start, durationMinutes, channels, ...(command.data.mentoring === true ? { mentoring: true as const } : {}) } }];
    }
    case 'WithdrawAvailability': {
      if (p.role !== 'staff' || p.id !== command.staffId) throw new Forbidden('staff withdraw only their own times');
      const slot = slotOf(state, command.data.slotId);
      if (!slot) throw new NotFound('slot_not_found', 'no such time', { slotId: command.data.slotId });
      // A booked time is the citizen's now: it is cancelled with them, not taken away.
      if (slot.booking) throw new Conflict('slot_booked', 'a citizen booked this time; cancel the conversation instead', { slotId: slot.slotId });
      return [{ type: 'AvailabilityWithdrawn', data: { slotId: slot.slotId } }];
    }
    case 'BookSlot': {
      const { slotId, sessionId, citizenId, channel } = command.data;
      // Only the citizen takes a time, for themselves.
      if (p.role !== 'citizen' || p.id !== citizenId) throw new Forbidden('a citizen books a time for themselves');
      const slot = slotOf(state, slotId);
      if (!slot) throw new NotFound('slot_not_found', 'no such time', { slotId });
      if (slot.booking) throw new Conflict('slot_taken', 'this time was just booked by someone else', { slotId });
      if (!slot.channels.includes(channel)) throw new InvalidValue('channel', `this time is offered for ${slot.channels.join(', ')}`);
      if (new Date(slot.start).getTime() <= new Date(command.now).getTime()) throw new Conflict('slot_past', 'this time has passed', { slotId });
      return [{ type: 'SlotBooked', data: { slotId, sessionId, citizenId, channel } }];
    }
    case 'ReleaseSlot': {
      const slot = slotOf(state, command.data.slotId);
      if (!slot?.booking || slot.booking.sessionId !== command.data.sessionId) return [];
      const mayRelease = (p.role === 'citizen' && p.id === slot.booking.citizenId) || (p.role === 'staff' && p.centreId === slot.centreId);
      if (!mayRelease) throw new Forbidden('only the citizen or the centre’s staff release a booked time');
      return [{ type: 'SlotReleased', data: { slotId: slot.slotId, sessionId: command.data.sessionId } }];
    }
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

export const calendarDecider: Decider<Calendar, CalendarCommand, CalendarEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => calendarStreamId(command.staffId),
  schemaVersions: CALENDAR_EVENT_SCHEMA_VERSIONS,
  centreOf: (state, command) =>
    command.type === 'PublishAvailability' ? command.principal.centreId : slotOf(state, command.data.slotId)?.centreId,
};
