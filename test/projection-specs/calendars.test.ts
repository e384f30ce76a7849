import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALENDAR_EVENT_SCHEMA_VERSIONS, type CalendarEvent, calendarStreamId } from '../../src/domain/calendar/calendar.js';
import { newId } from '../../src/ids.js';
import { calendarsProjection } from '../../src/projections/calendars/projection.js';
import { upcomingSlots } from '../../src/projections/calendars/queries.js';
import { EventLog, projectionSpecs } from '../support/projection-spec.js';
import { staffOf } from './histories.js';

const specs = projectionSpecs(calendarsProjection);
beforeAll(specs.setUp);
afterAll(specs.tearDown);

/** A counsellor's calendar: four times published, one booked and kept, one booked and released, one withdrawn, one in the past. */
function calendarHistory(log: EventLog, centreId = newId()) {
  const staff = staffOf(centreId);
  const staffId = staff.actor.id;
  const calendar = log.stream<CalendarEvent>(calendarStreamId(staffId), CALENDAR_EVENT_SCHEMA_VERSIONS);
  const citizenId = newId();
  const [past, kept, released, withdrawn] = [newId(), newId(), newId(), newId()];
  const by = { ...staff, at: '2026-11-20T08:00:00.000+01:00' };
  const asCitizen = { actor: { id: citizenId, role: 'citizen' }, centreId, at: '2026-11-21T08:00:00.000+01:00' };
  const publish = (slotId: string, start: string) =>
    calendar({ type: 'AvailabilityPublished', data: { slotId, staffId, centreId, start, durationMinutes: 45, channels: ['phone', 'video'] } }, by);
  const events = [
    publish(kept, '2026-12-02T13:00:00.000+01:00'),
    publish(past, '2026-11-25T10:00:00.000+01:00'),
    publish(released, '2026-12-01T10:00:00.000+01:00'),
    publish(withdrawn, '2026-12-03T10:00:00.000+01:00'),
    calendar({ type: 'SlotBooked', data: { slotId: kept, sessionId: newId(), citizenId, channel: 'video' } }, asCitizen),
    calendar({ type: 'SlotBooked', data: { slotId: released, sessionId: newId(), citizenId, channel: 'phone' } }, asCitizen),
    calendar({ type: 'SlotReleased', data: { slotId: released, sessionId: newId() } }, asCitizen),
    calendar({ type: 'AvailabilityWithdrawn', data: { slotId: withdrawn } }, by),
  ];
  return { centreId, staffId, citizenId, past, kept, released, withdrawn, events };
}

describe('calendars read model', () => {
  it('handles exactly the calendar events', () => {
    expect([...(calendarsProjection.handles === 'all' ? [] : calendarsProjection.handles)].sort()).toEqual(Object.keys(CALENDAR_EVENT_SCHEMA_VERSIONS).sort());
  });

  it('keeps each published time and whether it is free, and never who booked it', async () => {
    const spec = await specs.fresh();
    const h = calendarHistory(new EventLog());
    await spec.given(h.events);
    const rows = await spec.rows('calendar_slots');
    expect(rows.map((r) => [r.slot_id, r.free]).sort()).toEqual(
      [
        [h.kept, false],
        [h.past, true],
        [h.released, true],
      ].sort(),
    );
    expect(rows[0]).toMatchObject({ staff_id: h.staffId, centre_id: h.centreId, duration_minutes: 45, channels: ['phone', 'video'] });
    expect(JSON.stringify(rows)).not.toContain(h.citizenId);
  });

  it('through its query: the times from now on, earliest first', async () => {
    const spec = await specs.fresh();
    const h = calendarHistory(new EventLog());
    await spec.given(h.events);
    await spec.serve();
    expect(await upcomingSlots(spec.db, h.staffId, new Date('2026-11-28T00:00:00.000+01:00'))).toEqual([
      { slotId: h.released, start: '2026-12-01T09:00:00.000Z', durationMinutes: 45, channels: ['phone', 'video'], free: true, mentoring: false },
      { slotId: h.kept, start: '2026-12-02T12:00:00.000Z', durationMinutes: 45, channels: ['phone', 'video'], free: false, mentoring: false },
    ]);
    expect(await upcomingSlots(spec.db, 'someone-else', new Date('2026-11-28T00:00:00.000+01:00'))).toEqual([]);
  });

  it('marks a time for mentor conversations on the entrepreneurs’ track, as published (version 2); one published before is an ordinary time', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const calendar = log.stream<CalendarEvent>(calendarStreamId('adviser-1'), CALENDAR_EVENT_SCHEMA_VERSIONS);
    const by = { actor: { id: 'adviser-1', role: 'staff' }, centreId: 'c-1', at: '2026-11-20T08:00:00.000+01:00' };
    const slot = (slotId: string, mentoring: boolean) =>
      calendar({ type: 'AvailabilityPublished', data: { slotId, staffId: 'adviser-1', centreId: 'c-1', start: '2026-12-03T09:00:00.000+01:00', durationMinutes: 60, channels: ['video'], ...(mentoring ? { mentoring: true as const } : {}) } }, by);
    await spec.given([slot('mentor-time', true), slot('ordinary-time', false)]);
    expect((await spec.rows('calendar_slots')).map((r) => [r.slot_id, r.mentoring]).sort()).toEqual([
      ['mentor-time', true],
      ['ordinary-time', false],
    ]);
  });

  it('an event naming another staff member’s time changes nothing in this calendar', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const mine = calendarHistory(log);
    const theirs = log.stream<CalendarEvent>(calendarStreamId('staff-other'), CALENDAR_EVENT_SCHEMA_VERSIONS);
    await spec.given(mine.events, [theirs({ type: 'AvailabilityWithdrawn', data: { slotId: mine.kept } }, { actor: { id: 'staff-other', role: 'staff' }, at: '2026-11-22T08:00:00.000+01:00' })]);
    expect((await spec.rows('calendar_slots')).map((r) => r.slot_id)).toContain(mine.kept);
  });

  it('makes the same few statements for a batch of any size: a year-long calendar is not a round trip per time', async () => {
    const statements = async (calendars: number) => {
      const log = new EventLog();
      const events = Array.from({ length: calendars }, () => calendarHistory(log).events).flat();
      const { statements: count, schema } = await specs.statementsFor(events);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, 'calendar_slots')}`.execute(specs.db);
      expect(rows[0]!.n).toBe(3 * calendars);
      return count;
    };
    const few = await statements(1);
    // The times read; the withdrawn one deleted; the rest written.
    expect(few).toBe(3);
    expect(await statements(50)).toBe(few);
  });

  it('the same rows whatever the batches', async () => {
    await specs.expectSameRowsForEverySplit(calendarHistory(new EventLog()).events);
  });
});
