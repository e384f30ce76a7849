import { describe, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { CLOSED_ALL_WEEK } from '../centre/centre.js';
import { Conflict, Forbidden, InvalidValue, NotFound } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import type { CalendarEvent } from './calendar.js';
import { type CalendarCommand, calendarDecider } from './decide.js';

const centreId = 'c-1';
const staffId = 's-1';
const staff: Principal = { id: staffId, role: 'staff', centreId };
const colleague: Principal = { id: 's-2', role: 'staff', centreId };
const citizen: Principal = { id: 'b-1', role: 'citizen' };
const now = '2026-11-23T10:00:00.000Z';
const slotStart = '2026-11-24T09:00:00.000Z'; // Tuesday 10:00 in Copenhagen

const cmd = <T extends CalendarCommand['type']>(type: T, data: Extract<CalendarCommand, { type: T }>['data'], principal: Principal = staff) =>
  ({ type, data, principal, now, staffId }) as Extract<CalendarCommand, { type: T }>;
const published: CalendarEvent = { type: 'AvailabilityPublished', data: { slotId: 'slot-1', staffId, centreId, start: slotStart, durationMinutes: 45, channels: ['phone', 'video'] } };
const booked: CalendarEvent = { type: 'SlotBooked', data: { slotId: 'slot-1', sessionId: 'sess-1', citizenId: 'b-1', channel: 'phone' } };

describe('a staff member’s calendar', () => {
  it('staff publish their own free times within contact hours, without overlaps', () => {
    given(calendarDecider).when(cmd('PublishAvailability', { slotId: 'slot-1', start: slotStart, durationMinutes: 45, channels: ['phone', 'video'], openingHours: null })).then([published]);
    given(calendarDecider).when(cmd('PublishAvailability', { slotId: 'slot-1', start: slotStart, durationMinutes: 45, channels: ['phone'], openingHours: null }, colleague)).thenError(Forbidden);
    given(calendarDecider).when(cmd('PublishAvailability', { slotId: 'slot-1', start: '2026-11-24T21:00:00.000Z', durationMinutes: 45, channels: ['phone'], openingHours: null })).thenError(InvalidValue);
    given(calendarDecider).when(cmd('PublishAvailability', { slotId: 'slot-1', start: slotStart, durationMinutes: 45, channels: ['in_person_centre'], openingHours: CLOSED_ALL_WEEK })).thenError(InvalidValue);
    given(calendarDecider, [published]).when(cmd('PublishAvailability', { slotId: 'slot-2', start: '2026-11-24T09:30:00.000Z', durationMinutes: 30, channels: ['phone'], openingHours: null })).thenError(Conflict, 'slot_overlaps');
  });

  it('marks a time for mentor conversations on the entrepreneurs’ track when staff say so, and only then', () => {
    given(calendarDecider)
      .when(cmd('PublishAvailability', { slotId: 'slot-1', start: slotStart, durationMinutes: 45, channels: ['phone', 'video'], openingHours: null, mentoring: true }))
      .then([{ ...published, data: { ...published.data, mentoring: true } } as CalendarEvent]);
    given(calendarDecider).when(cmd('PublishAvailability', { slotId: 'slot-1', start: slotStart, durationMinutes: 45, channels: ['phone', 'video'], openingHours: null, mentoring: false })).then([published]);
  });

  it('finds an overlap with a long time that began the day before, and none with a withdrawn time', () => {
    // A time in the history running from the evening before into the morning (not one the decider
    // would publish today: the overlap rule holds whatever the log holds).
    const night: CalendarEvent = { type: 'AvailabilityPublished', data: { slotId: 'slot-e', staffId, centreId, start: '2026-11-24T22:00:00.000Z', durationMinutes: 600, channels: ['video'] } };
    const publish = (start: string) => cmd('PublishAvailability', { slotId: 'slot-n', start, durationMinutes: 30, channels: ['video'], openingHours: null });
    const publishedAt = (start: string): CalendarEvent => ({ type: 'AvailabilityPublished', data: { slotId: 'slot-n', staffId, centreId, start, durationMinutes: 30, channels: ['video'] } });
    given(calendarDecider, [night]).when(publish('2026-11-25T07:30:00.000Z')).thenError(Conflict, 'slot_overlaps');
    given(calendarDecider, [night]).when(publish('2026-11-25T08:00:00.000Z')).then([publishedAt('2026-11-25T08:00:00.000Z')]);
    given(calendarDecider, [night, { type: 'AvailabilityWithdrawn', data: { slotId: 'slot-e' } }]).when(publish('2026-11-25T07:30:00.000Z')).then([publishedAt('2026-11-25T07:30:00.000Z')]);
  });

  it('a citizen books a free time for themselves; staff cannot book for them; a time is booked once', () => {
    given(calendarDecider, [published]).when(cmd('BookSlot', { slotId: 'slot-1', sessionId: 'sess-1', citizenId: 'b-1', channel: 'phone' }, citizen)).then([booked]);
    given(calendarDecider, [published]).when(cmd('BookSlot', { slotId: 'slot-1', sessionId: 'sess-1', citizenId: 'b-1', channel: 'phone' }, staff)).thenError(Forbidden);
    given(calendarDecider, [published]).when(cmd('BookSlot', { slotId: 'slot-1', sessionId: 'sess-1', citizenId: 'b-2', channel: 'phone' }, citizen)).thenError(Forbidden);
    given(calendarDecider, [published, booked]).when(cmd('BookSlot', { slotId: 'slot-1', sessionId: 'sess-2', citizenId: 'b-1', channel: 'phone' }, citizen)).thenError(Conflict, 'slot_taken');
    given(calendarDecider, [published]).when(cmd('BookSlot', { slotId: 'slot-1', sessionId: 'sess-1', citizenId: 'b-1', channel: 'chat' }, citizen)).thenError(InvalidValue, 'invalid_value', { field: 'channel' });
    given(calendarDecider).when(cmd('BookSlot', { slotId: 'nope', sessionId: 's', citizenId: 'b-1', channel: 'phone' }, citizen)).thenError(NotFound);
  });

  it('a booked time is released by the citizen or the centre’s staff, and may not be withdrawn while booked', () => {
    given(calendarDecider, [published, booked]).when(cmd('ReleaseSlot', { slotId: 'slot-1', sessionId: 'sess-1' }, citizen)).then([{ type: 'SlotReleased', data: { slotId: 'slot-1', sessionId: 'sess-1' } }]);
    given(calendarDecider, [published, booked]).when(cmd('WithdrawAvailability', { slotId: 'slot-1' })).thenError(Conflict, 'slot_booked');
    given(calendarDecider, [published]).when(cmd('WithdrawAvailability', { slotId: 'slot-1' })).then([{ type: 'AvailabilityWithdrawn', data: { slotId: 'slot-1' } }]);
    given(calendarDecider, [published, booked]).when(cmd('ReleaseSlot', { slotId: 'slot-1', sessionId: 'sess-1' }, { id: 'b-9', role: 'citizen' })).thenError(Forbidden);
  });
});
