import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_EVENT_SCHEMA_VERSIONS, type ActivityEvent, activityStreamId } from '../../src/domain/activity/activity.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { newId } from '../../src/ids.js';
import { activitiesProjection } from '../../src/projections/activities/projection.js';
import { activitiesOfCentre, activitiesOfCitizen, activityById, activityOfCitizen } from '../../src/projections/activities/queries.js';
import { EventLog, projectionSpecs } from '../support/projection-spec.js';
import { staffOf } from './histories.js';

const specs = projectionSpecs(activitiesProjection);
beforeAll(specs.setUp);
afterAll(specs.tearDown);

const START = '2026-12-10T10:00:00.000+01:00';
const END = '2026-12-10T12:00:00.000+01:00';

/** One activity's stream, with staff and citizens acting as the decider lets them. */
function activityOf(log: EventLog, centreId = newId(), activityId = newId()) {
  const stream = log.stream<ActivityEvent>(activityStreamId(activityId), ACTIVITY_EVENT_SCHEMA_VERSIONS);
  let minute = 0;
  const next = () => `2026-12-01T09:${String(minute++ % 60).padStart(2, '0')}:00.000+01:00`;
  const byStaff = (event: ActivityEvent) => stream(event, { ...staffOf(centreId), at: next() });
  const byCitizen = (citizenId: string, event: ActivityEvent) => stream(event, { actor: { id: citizenId, role: 'citizen' }, centreId, at: next() });
  return {
    activityId,
    centreId,
    scheduled: (capacity: number, start = START, end = END) =>
      byStaff({
        type: 'ActivityScheduled',
        data: { activityId, centreId, kind: 'workshop', title: 'Værksted: dit CV', description: 'Vi skriver CV sammen', start, end, where: { place: 'Nørrebrogade 1, lokale 2' }, capacity },
      }),
    changed: (data: Omit<Extract<ActivityEvent, { type: 'ActivityChanged' }>['data'], 'activityId'>) => byStaff({ type: 'ActivityChanged', data: { activityId, ...data } }),
    cancelled: () => byStaff({ type: 'ActivityCancelled', data: { activityId } }),
    attendance: (count: number) => byStaff({ type: 'ActivityAttendanceRecorded', data: { activityId, count } }),
    registered: (citizenId: string) => byCitizen(citizenId, { type: 'ActivityRegistered', data: { activityId, citizenId } }),
    waitlisted: (citizenId: string, position: number) => byCitizen(citizenId, { type: 'ActivityWaitlisted', data: { activityId, citizenId, position } }),
    unregistered: (citizenId: string) => byCitizen(citizenId, { type: 'ActivityUnregistered', data: { activityId, citizenId } }),
    left: (citizenId: string) => byCitizen(citizenId, { type: 'LeftWaitingList', data: { activityId, citizenId } }),
    // A move up is decided with the unregistration (or the change) that freed the place.
    movedUp: (citizenId: string) => byCitizen(citizenId, { type: 'MovedUpFromWaitingList', data: { activityId, citizenId } }),
  };
}

/**
 * A full workshop of one place: Anna has it, Bo, Cai and Dan wait in that order. Cai leaves the
 * line; Anna unregisters and Bo moves up; the capacity is raised to 3 and Dan moves up; Eva
 * registers; then Eva unregisters and afterwards staff count who came.
 */
function fullWorkshop(log: EventLog, centreId = newId()) {
  const a = activityOf(log, centreId);
  const [anna, bo, cai, dan, eva] = ['anna', 'bo', 'cai', 'dan', 'eva'].map((n) => `${n}-${newId()}`) as [string, string, string, string, string];
  const steps = {
    scheduled: [a.scheduled(1)],
    queued: [a.registered(anna), a.waitlisted(bo, 1), a.waitlisted(cai, 2), a.waitlisted(dan, 3)],
    caiLeft: [a.left(cai)],
    annaLeft: [a.unregistered(anna), a.movedUp(bo)],
    raised: [a.changed({ capacity: 3, title: 'Værksted: dit CV og din ansøgning' }), a.movedUp(dan)],
    evaCame: [a.registered(eva)],
    evaLeft: [a.unregistered(eva)],
    counted: [a.attendance(3), a.attendance(2)],
  };
  return { ...a, anna, bo, cai, dan, eva, steps, all: Object.values(steps).flat() };
}

const row = (w: ReturnType<typeof fullWorkshop>, overrides: Record<string, unknown>) => ({
  activity_id: w.activityId,
  centre_id: w.centreId,
  kind: 'workshop',
  title: 'Værksted: dit CV',
  description: 'Vi skriver CV sammen',
  starts_at: new Date(START),
  ends_at: new Date(END),
  place: 'Nørrebrogade 1, lokale 2',
  link: null,
  capacity: 1,
  status: 'scheduled',
  attendance: null,
  scheduled_at: new Date('2026-12-01T09:00:00.000+01:00'),
  cancelled_at: null,
  ...overrides,
});

describe('activities read model', () => {
  it('handles exactly the activity events', () => {
    expect([...(activitiesProjection.handles === 'all' ? [] : activitiesProjection.handles)].sort()).toEqual(Object.keys(ACTIVITY_EVENT_SCHEMA_VERSIONS).sort());
  });

  it('ActivityScheduled, ActivityRegistered and ActivityWaitlisted: the activity with its counts, a seat and places in line in the order joined', async () => {
    const spec = await specs.fresh();
    const w = fullWorkshop(new EventLog());
    await spec.given(w.steps.scheduled, w.steps.queued);
    expect(await spec.rows('activities')).toEqual([row(w, { registered: 1, waiting: 3, version: '5' })]);
    const places = await spec.rows('activity_places');
    const byCitizen = Object.fromEntries(places.map((p) => [p.citizen_id, [p.status, p.line_version]]));
    expect(byCitizen).toEqual({ [w.anna]: ['registered', null], [w.bo]: ['waiting', '3'], [w.cai]: ['waiting', '4'], [w.dan]: ['waiting', '5'] });
    expect(places.find((p) => p.citizen_id === w.anna)).toMatchObject({ activity_id: w.activityId, since: new Date('2026-12-01T09:01:00.000+01:00') });
  });

  it('the place in line is counted now: it moves up when someone ahead leaves the line or moves up to a seat', async () => {
    const spec = await specs.fresh();
    const w = fullWorkshop(new EventLog());
    await spec.serve();
    await spec.given(w.steps.scheduled, w.steps.queued);
    expect(await activityOfCitizen(spec.db, w.activityId, w.dan)).toEqual({ status: 'waiting', position: 3, since: '2026-12-01T08:04:00.000Z' });
    expect(await activityOfCitizen(spec.db, w.activityId, w.bo)).toMatchObject({ status: 'waiting', position: 1 });
    await spec.given(w.steps.caiLeft);
    expect(await activityOfCitizen(spec.db, w.activityId, w.dan)).toMatchObject({ status: 'waiting', position: 2 });
    expect(await activityOfCitizen(spec.db, w.activityId, w.cai)).toBeNull();
    await spec.given(w.steps.annaLeft);
    expect(await activityOfCitizen(spec.db, w.activityId, w.dan)).toMatchObject({ status: 'waiting', position: 1 });
    expect(await activityOfCitizen(spec.db, w.activityId, w.bo)).toEqual({ status: 'registered', since: '2026-12-01T08:07:00.000Z' });
    expect(await activityOfCitizen(spec.db, w.activityId, w.anna)).toBeNull();
    await spec.given(w.steps.raised);
    expect(await activityOfCitizen(spec.db, w.activityId, w.dan)).toMatchObject({ status: 'registered' });
    expect(await spec.rows('activities')).toMatchObject([{ registered: 2, waiting: 0, capacity: 3 }]);
  });

  it('ActivityChanged changes only what it names; the counts follow the places; attendance is the latest count', async () => {
    const spec = await specs.fresh();
    const w = fullWorkshop(new EventLog());
    await spec.serve();
    await spec.given(w.all);
    expect(await spec.rows('activities')).toEqual([row(w, { title: 'Værksted: dit CV og din ansøgning', capacity: 3, registered: 2, waiting: 0, attendance: 2, version: '14' })]);
    expect((await spec.rows('activity_places')).map((p) => [p.citizen_id, p.status]).sort()).toEqual([[w.bo, 'registered'], [w.dan, 'registered']].sort());
    // A link replaces the place, and a description can be taken away.
    await spec.given([w.changed({ where: { link: 'https://møde.example.dk/cv' }, description: null, start: '2026-12-11T10:00:00.000+01:00', end: '2026-12-11T11:30:00.000+01:00' })]);
    expect(await activityById(spec.db, w.activityId)).toEqual({
      activityId: w.activityId,
      centreId: w.centreId,
      kind: 'workshop',
      title: 'Værksted: dit CV og din ansøgning',
      description: null,
      start: '2026-12-11T09:00:00.000Z',
      end: '2026-12-11T10:30:00.000Z',
      where: { link: 'https://møde.example.dk/cv' },
      capacity: 3,
      registered: 2,
      waiting: 0,
      freePlaces: 1,
      status: 'scheduled',
      attendance: 2,
    });
  });

  it('ActivityCancelled ends every place and place in line, also of citizens the batch does not name; nothing changes it afterwards', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const w = fullWorkshop(log);
    const other = activityOf(log, w.centreId);
    await spec.serve();
    await spec.given(w.steps.scheduled, w.steps.queued, [other.scheduled(5), other.registered(w.anna)]);
    await spec.given([w.cancelled()]);
    expect(await spec.rows('activities')).toEqual(
      // The history was written whole beforehand: the cancellation is its 15th event, at 09:14.
      expect.arrayContaining([row(w, { status: 'cancelled', registered: 0, waiting: 0, cancelled_at: new Date('2026-12-01T09:14:00.000+01:00'), version: '15' })]),
    );
    expect(await spec.rows('activity_places')).toEqual([expect.objectContaining({ activity_id: other.activityId, citizen_id: w.anna })]);
    expect(await activityOfCitizen(spec.db, w.activityId, w.bo)).toBeNull();
    // A stray event after the cancellation (the decider never decides one) changes nothing.
    await spec.given([w.registered(w.eva), w.attendance(4)]);
    expect(await activityById(spec.db, w.activityId)).toMatchObject({ status: 'cancelled', registered: 0, waiting: 0, attendance: null });
    expect(await activityOfCitizen(spec.db, w.activityId, w.eva)).toBeNull();
    // Only the other activity stays listed, unless the cancelled ones are asked for.
    expect((await activitiesOfCentre(spec.db, w.centreId)).map((a) => a.activityId)).toEqual([other.activityId]);
    expect((await activitiesOfCentre(spec.db, w.centreId, { includeCancelled: true })).map((a) => [a.activityId, a.status]).sort()).toEqual(
      [
        [w.activityId, 'cancelled'],
        [other.activityId, 'scheduled'],
      ].sort(),
    );
  });

  it('a cancellation in the same batch as the registrations before it ends them too', async () => {
    const spec = await specs.fresh();
    const w = fullWorkshop(new EventLog());
    await spec.given([...w.steps.scheduled, ...w.steps.queued, w.cancelled()]);
    expect(await spec.rows('activity_places')).toEqual([]);
    expect(await spec.rows('activities')).toMatchObject([{ status: 'cancelled', registered: 0, waiting: 0 }]);
  });

  it('a centre’s activities: earliest first, those ended by `from` left out, and counts only: no citizen is named', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const centreId = newId();
    const late = activityOf(log, centreId);
    const past = activityOf(log, centreId);
    const soon = activityOf(log, centreId);
    const elsewhere = activityOf(log);
    const citizen = `citizen-${newId()}`;
    await spec.serve();
    await spec.given([
      late.scheduled(10, '2026-12-20T10:00:00.000+01:00', '2026-12-20T12:00:00.000+01:00'),
      past.scheduled(10, '2026-11-20T10:00:00.000+01:00', '2026-11-20T12:00:00.000+01:00'),
      soon.scheduled(2, '2026-12-05T10:00:00.000+01:00', '2026-12-05T12:00:00.000+01:00'),
      elsewhere.scheduled(10),
      soon.registered(citizen),
      soon.registered(`other-${newId()}`),
      soon.waitlisted(`third-${newId()}`, 1),
    ]);
    const all = await activitiesOfCentre(spec.db, centreId);
    expect(all.map((a) => a.activityId)).toEqual([past.activityId, soon.activityId, late.activityId]);
    const upcoming = await activitiesOfCentre(spec.db, centreId, { from: new Date('2026-12-01T00:00:00.000+01:00') });
    expect(upcoming.map((a) => [a.activityId, a.registered, a.waiting, a.freePlaces])).toEqual([
      [soon.activityId, 2, 1, 0],
      [late.activityId, 0, 0, 10],
    ]);
    expect(JSON.stringify([all, await activityById(spec.db, soon.activityId)])).not.toContain(citizen);
  });

  it('a citizen’s own activities: their seats and places in line, each with its counts, and nobody else’s', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const w = fullWorkshop(log);
    const later = activityOf(log, w.centreId);
    await spec.serve();
    await spec.given(w.steps.scheduled, w.steps.queued, [later.scheduled(3, '2026-12-15T10:00:00.000+01:00', '2026-12-15T12:00:00.000+01:00'), later.registered(w.dan)]);
    const mine = await activitiesOfCitizen(spec.db, w.dan);
    expect(mine.map((a) => [a.activityId, a.registered, a.waiting, a.place])).toEqual([
      [w.activityId, 1, 3, { status: 'waiting', position: 3, since: '2026-12-01T08:04:00.000Z' }],
      [later.activityId, 1, 0, { status: 'registered', since: '2026-12-01T08:01:00.000Z' }],
    ]);
    expect(await activitiesOfCitizen(spec.db, w.eva)).toEqual([]);
  });

  it('makes the same few statements for a batch of any size, a cancellation included', async () => {
    const statements = async (activities: number) => {
      const log = new EventLog();
      const events: RecordedEvent[] = [];
      for (let i = 0; i < activities; i++) {
        const w = fullWorkshop(log);
        events.push(...w.all, ...(i % 2 === 0 ? [w.cancelled()] : []));
      }
      const { statements: count, schema } = await specs.statementsFor(events);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, 'activity_places')}`.execute(specs.db);
      expect(rows[0]!.n).toBe(2 * Math.floor(activities / 2));
      return count;
    };
    const few = await statements(2);
    // Activities and places read; the cancelled activities' places deleted; places removed, places written; activities written.
    expect(few).toBe(6);
    expect(await statements(40)).toBe(few);
  });

  it('the same rows whatever the batches', async () => {
    const log = new EventLog();
    const w = fullWorkshop(log);
    const other = fullWorkshop(log, w.centreId);
    await specs.expectSameRowsForEverySplit([...w.all, ...other.steps.scheduled, ...other.steps.queued, ...other.steps.caiLeft, other.cancelled(), other.registered(w.eva)]);
  });
});
