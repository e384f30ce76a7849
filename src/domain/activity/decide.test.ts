import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { CoerciveWording, Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { ACTIVITY_EVENT_SCHEMA_VERSIONS, type ActivityEvent } from './activity.js';
import { type ActivityCommand, activityDecider, type ChangeActivity, type ScheduleActivity } from './decide.js';

const activityId = '0190f5f0-0000-7000-8000-0000000000b1';
const centreId = 'c-1';
const now = '2026-11-23T10:00:00.000+01:00';
const start = '2026-12-01T17:00:00.000+01:00';
const end = '2026-12-01T19:00:00.000+01:00';
const during = '2026-12-01T18:00:00.000+01:00';
const after = '2026-12-02T09:00:00.000+01:00';
const staff: Principal = { id: 's-1', role: 'staff', centreId };
const admin: Principal = { id: 'a', role: 'admin' };
const citizen = (id: string): Principal => ({ id, role: 'citizen' });
const notStaffOfCentre: Principal[] = [
  { id: 's-9', role: 'staff', centreId: 'c-2' },
  citizen('b-1'),
  { id: 'p', role: 'partner', centreId },
  { id: 'm', role: 'board_member', centreId },
  { id: 'r', role: 'researcher' },
  { id: 'x', role: 'auditor' },
];

type Data<T extends ActivityCommand['type']> = Omit<Extract<ActivityCommand, { type: T }>['data'], 'activityId'>;
const cmd = <T extends ActivityCommand['type']>(type: T, data: Data<T>, principal: Principal = staff, at = now) =>
  ({ type, now: at, principal, data: { activityId, ...data } }) as unknown as Extract<ActivityCommand, { type: T }>;
const plan: Data<'ScheduleActivity'> = { centreId, kind: 'workshop', title: 'CV-værksted', description: 'Vi ser på CV’er sammen.', start, end, where: { place: 'Lokale 2, Torvet 1' }, capacity: 2 };
const schedule = (change: Partial<ScheduleActivity['data']> = {}, principal: Principal = staff) => cmd('ScheduleActivity', { ...plan, ...change }, principal);
const change = (data: Data<'ChangeActivity'>, principal: Principal = staff, at = now): ChangeActivity => cmd('ChangeActivity', data, principal, at);
const register = (id: string, at = now) => cmd('RegisterForActivity', { citizenId: id, citizenErased: false }, citizen(id), at);
const unregister = (id: string, at = now) => cmd('UnregisterFromActivity', { citizenId: id }, citizen(id), at);
const cancel = (principal: Principal = staff, at = now) => cmd('CancelActivity', {}, principal, at);
const attendance = (count: number, principal: Principal = staff, at = after) => cmd('RecordAttendance', { count }, principal, at);

const scheduled: ActivityEvent = { type: 'ActivityScheduled', data: { activityId, centreId, kind: 'workshop', title: 'CV-værksted', description: 'Vi ser på CV’er sammen.', start, end, where: { place: 'Lokale 2, Torvet 1' }, capacity: 2 } };
const registered = (citizenId: string): ActivityEvent => ({ type: 'ActivityRegistered', data: { activityId, citizenId } });
const waitlisted = (citizenId: string, position: number): ActivityEvent => ({ type: 'ActivityWaitlisted', data: { activityId, citizenId, position } });
const unregistered = (citizenId: string): ActivityEvent => ({ type: 'ActivityUnregistered', data: { activityId, citizenId } });
const left = (citizenId: string): ActivityEvent => ({ type: 'LeftWaitingList', data: { activityId, citizenId } });
const movedUp = (citizenId: string): ActivityEvent => ({ type: 'MovedUpFromWaitingList', data: { activityId, citizenId } });
const cancelled: ActivityEvent = { type: 'ActivityCancelled', data: { activityId } };
const counted = (count: number): ActivityEvent => ({ type: 'ActivityAttendanceRecorded', data: { activityId, count } });
/** Full (b-1, b-2), with b-3 then b-4 in line. */
const full = [scheduled, registered('b-1'), registered('b-2'), waitlisted('b-3', 1), waitlisted('b-4', 2)];
const fold = (events: ActivityEvent[]) => events.reduce(activityDecider.evolve, activityDecider.initialState);

describe('scheduling an activity', () => {
  it('records its kind, tidied texts, time, place and capacity', () => {
    given(activityDecider).when(schedule({ title: '  CV-værksted ' })).then([scheduled]);
    given(activityDecider).when(schedule({}, admin)).then([scheduled]);
  });

  it('takes a link instead of a place, and no description as none', () => {
    const where = { link: 'https://møde.example.dk/cv?rum=2' };
    given(activityDecider)
      .when(schedule({ where, description: '  ', kind: 'self_help_group' }))
      .then([{ type: 'ActivityScheduled', data: { ...plan, activityId, kind: 'self_help_group', where, description: null } }] as ActivityEvent[]);
  });

  it('is for the staff of the centre or an administrator', () => {
    for (const principal of notStaffOfCentre) given(activityDecider).when(schedule({}, principal)).thenError(Forbidden, 'forbidden');
  });

  it('refuses to schedule the same activity twice', () => {
    given(activityDecider, [scheduled]).when(schedule()).thenError(Conflict, 'activity_exists', { activityId });
    given(activityDecider, [scheduled, cancelled]).when(schedule()).thenError(Conflict, 'activity_exists');
  });

  it('refuses a kind outside the declared ones', () => {
    for (const kind of ['mandatory_course', 'activation', '']) given(activityDecider).when(schedule({ kind })).thenError(InvalidValue, 'invalid_value', { field: 'kind' });
  });

  it('refuses empty or overlong texts, and words of coercion, naming the field', () => {
    given(activityDecider).when(schedule({ title: ' ' })).thenError(InvalidValue, 'invalid_value', { field: 'title' });
    given(activityDecider).when(schedule({ title: 'x'.repeat(201) })).thenError(InvalidValue, 'invalid_value', { field: 'title' });
    given(activityDecider).when(schedule({ description: 'x'.repeat(4001) })).thenError(InvalidValue, 'invalid_value', { field: 'description' });
    given(activityDecider).when(schedule({ where: { place: 'x'.repeat(301) } })).thenError(InvalidValue, 'invalid_value', { field: 'where.place' });
    given(activityDecider).when(schedule({ title: 'Obligatorisk informationsmøde' })).thenError(CoerciveWording, 'coercive_wording', { field: 'title' });
    given(activityDecider).when(schedule({ description: 'Udeblivelse kan give sanktion i din ydelse' })).thenError(CoerciveWording, 'coercive_wording', { field: 'description' });
    given(activityDecider).when(schedule({ where: { place: 'Mødepligt-salen' } })).thenError(CoerciveWording, 'coercive_wording', { field: 'where.place' });
  });

  it('takes moments with their zone only, days that exist, and an end after the start', () => {
    for (const bad of ['2026-12-01T17:00:00', '2026-12-01', '2026-02-30T17:00:00Z', '2026-12-01T25:00:00Z', 'i morgen']) {
      given(activityDecider).when(schedule({ start: bad })).thenError(InvalidValue, 'invalid_value', { field: 'start' });
      given(activityDecider).when(schedule({ end: bad })).thenError(InvalidValue, 'invalid_value', { field: 'end' });
    }
    given(activityDecider).when(schedule({ end: start })).thenError(InvalidValue, 'invalid_value', { field: 'end' });
    given(activityDecider).when(schedule({ end: '2026-12-01T15:00:00Z' })).thenError(InvalidValue, 'invalid_value', { field: 'end' });
  });

  it('does not start in the past; starting now is fine', () => {
    given(activityDecider).when(schedule({ start: '2026-11-23T08:59:59Z' })).thenError(InvalidValue, 'invalid_value', { field: 'start' });
    given(activityDecider).when(schedule({ start: '2026-11-23T09:00:00Z' })).then([{ ...scheduled, data: { ...scheduled.data, start: '2026-11-23T09:00:00Z' } }] as ActivityEvent[]);
  });

  it('takes either a place or a secure link, exactly one', () => {
    for (const where of [{}, { place: 'Lokale 2', link: 'https://example.dk' }]) given(activityDecider).when(schedule({ where })).thenError(InvalidValue, 'invalid_value', { field: 'where' });
    for (const link of ['http://example.dk/m', 'example.dk/m', 'https://', 'https://ex ample.dk', 'https://bruger:kode@example.dk', `https://example.dk/${'x'.repeat(2000)}`, 'javascript:alert(1)']) {
      given(activityDecider).when(schedule({ where: { link } })).thenError(InvalidValue, 'invalid_value', { field: 'where.link' });
    }
  });

  it('has a whole number of places from 1 to 10000', () => {
    for (const capacity of [0, -1, 1.5, Number.NaN, 10_001]) given(activityDecider).when(schedule({ capacity })).thenError(InvalidValue, 'invalid_value', { field: 'capacity' });
    for (const capacity of [1, 10_000]) given(activityDecider).when(schedule({ capacity })).then([{ ...scheduled, data: { ...scheduled.data, capacity } }] as ActivityEvent[]);
  });
});

describe('changing an activity', () => {
  it('records only what changed, and nothing when nothing did', () => {
    given(activityDecider, [scheduled]).when(change({ title: 'CV-værksted', start, where: { place: 'Lokale 3' }, description: null })).then([{ type: 'ActivityChanged', data: { activityId, where: { place: 'Lokale 3' }, description: null } }]);
    given(activityDecider, [scheduled]).when(change({ title: ' CV-værksted ', capacity: 2, where: { place: 'Lokale 2, Torvet 1' } })).thenNothing();
  });

  it('keeps the end after the start and a new start out of the past', () => {
    given(activityDecider, [scheduled]).when(change({ end: '2026-12-01T16:00:00.000+01:00' })).thenError(InvalidValue, 'invalid_value', { field: 'end' });
    given(activityDecider, [scheduled]).when(change({ start: '2026-12-01T20:00:00.000+01:00' })).thenError(InvalidValue, 'invalid_value', { field: 'end' });
    given(activityDecider, [scheduled]).when(change({ start: '2026-11-01T17:00:00.000+01:00' })).thenError(InvalidValue, 'invalid_value', { field: 'start' });
    given(activityDecider, [scheduled])
      .when(change({ start: '2026-12-02T17:00:00.000+01:00', end: '2026-12-02T19:00:00.000+01:00' }))
      .then([{ type: 'ActivityChanged', data: { activityId, start: '2026-12-02T17:00:00.000+01:00', end: '2026-12-02T19:00:00.000+01:00' } }]);
  });

  it('checks the new values as scheduling does', () => {
    given(activityDecider, [scheduled]).when(change({ title: 'Du skal møde op' })).thenError(CoerciveWording, 'coercive_wording', { field: 'title' });
    given(activityDecider, [scheduled]).when(change({ where: { link: 'http://example.dk' } })).thenError(InvalidValue, 'invalid_value', { field: 'where.link' });
    given(activityDecider, [scheduled]).when(change({ capacity: 0 })).thenError(InvalidValue, 'invalid_value', { field: 'capacity' });
  });

  it('is for the staff of the centre or an administrator, of an activity that exists, is not cancelled and has not begun', () => {
    for (const principal of notStaffOfCentre) given(activityDecider, [scheduled]).when(change({ capacity: 3 }, principal)).thenError(Forbidden);
    given(activityDecider, [scheduled]).when(change({ capacity: 3 }, admin)).then([{ type: 'ActivityChanged', data: { activityId, capacity: 3 } }]);
    given(activityDecider).when(change({ capacity: 3 })).thenError(NotFound, 'activity_not_found', { activityId });
    given(activityDecider, [scheduled, cancelled]).when(change({ capacity: 3 })).thenError(RuleViolation, 'activity_cancelled');
    given(activityDecider, [scheduled]).when(change({ capacity: 3 }, staff, during)).thenError(RuleViolation, 'activity_begun');
  });

  it('never takes a place from someone who has it: the capacity stays at least the number registered', () => {
    given(activityDecider, full).when(change({ capacity: 1 })).thenError(RuleViolation, 'capacity_below_registered', { activityId, registered: 2, capacity: 1 });
    given(activityDecider, [scheduled, registered('b-1')]).when(change({ capacity: 1 })).then([{ type: 'ActivityChanged', data: { activityId, capacity: 1 } }]);
  });

  it('gives new places to the first in line, in order, in the same decision', () => {
    given(activityDecider, full).when(change({ capacity: 3 })).then([{ type: 'ActivityChanged', data: { activityId, capacity: 3 } }, movedUp('b-3')]);
    given(activityDecider, full).when(change({ capacity: 10 })).then([{ type: 'ActivityChanged', data: { activityId, capacity: 10 } }, movedUp('b-3'), movedUp('b-4')]);
  });
});

describe('registering for an activity', () => {
  it('gives a free place at once, and a place in line when it is full', () => {
    given(activityDecider, [scheduled]).when(register('b-1')).then([registered('b-1')]);
    given(activityDecider, full.slice(0, 3)).when(register('b-3')).then([waitlisted('b-3', 1)]);
    given(activityDecider, full).when(register('b-5')).then([waitlisted('b-5', 3)]);
  });

  it('changes nothing for someone registered or in line already', () => {
    given(activityDecider, full).when(register('b-1')).thenNothing();
    given(activityDecider, full).when(register('b-4')).thenNothing();
    given(activityDecider, full).when(register('b-4', during)).thenNothing();
  });

  it('is the citizen’s own: nobody registers anyone else', () => {
    for (const principal of [staff, admin, citizen('b-2'), { id: 'b-1', role: 'staff', centreId } as Principal]) {
      given(activityDecider, [scheduled]).when({ ...register('b-1'), principal }).thenError(Forbidden, 'forbidden');
    }
  });

  it('is closed once the activity has begun, when it is cancelled, and for an unknown activity', () => {
    given(activityDecider, [scheduled]).when(register('b-1', start)).thenError(RuleViolation, 'activity_begun', { activityId });
    given(activityDecider, [scheduled, registered('b-1'), cancelled]).when(register('b-1')).thenError(RuleViolation, 'activity_cancelled');
    given(activityDecider).when(register('b-1')).thenError(NotFound, 'activity_not_found');
  });

  it('never lets a newcomer go ahead of those in line, whatever the log holds', () => {
    const placeFreeWithLine = [scheduled, registered('b-1'), registered('b-2'), waitlisted('b-3', 1), unregistered('b-1')];
    given(activityDecider, placeFreeWithLine).when(register('b-5')).then([waitlisted('b-5', 2)]);
  });
});

describe('unregistering and the waiting list', () => {
  it('frees the place for the first in line, in the same decision', () => {
    given(activityDecider, full).when(unregister('b-1')).then([unregistered('b-1'), movedUp('b-3')]);
  });

  it('moves up in order, each once: two unregistrations move up #1 then #2', () => {
    const first = [...full, unregistered('b-1'), movedUp('b-3')];
    given(activityDecider, first).when(unregister('b-2')).then([unregistered('b-2'), movedUp('b-4')]);
    given(activityDecider, [...first, unregistered('b-2'), movedUp('b-4')]).when(unregister('b-3')).then([unregistered('b-3')]);
    expect(fold([...first, unregistered('b-2'), movedUp('b-4')])).toMatchObject({ registered: ['b-3', 'b-4'], waiting: [] });
  });

  it('skips nobody and moves up nobody who left the line', () => {
    given(activityDecider, [...full, left('b-3')]).when(unregister('b-2')).then([unregistered('b-2'), movedUp('b-4')]);
    given(activityDecider, full).when(unregister('b-3')).then([left('b-3')]);
  });

  it('lets anyone leave whenever they like; nothing to leave is nothing', () => {
    given(activityDecider, full).when(unregister('b-5')).thenNothing();
    given(activityDecider, [...full, cancelled]).when(unregister('b-1')).thenNothing();
    given(activityDecider, full).when(unregister('b-4', after)).then([left('b-4')]);
  });

  it('moves nobody up once the activity has begun: a place given then could not be used', () => {
    given(activityDecider, full).when(unregister('b-1', during)).then([unregistered('b-1')]);
  });

  it('is the citizen’s own, of an activity that exists', () => {
    for (const principal of [staff, admin, citizen('b-2')]) given(activityDecider, full).when({ ...unregister('b-1'), principal }).thenError(Forbidden, 'forbidden');
    given(activityDecider).when(unregister('b-1')).thenError(NotFound, 'activity_not_found');
  });
});

describe('cancelling an activity', () => {
  it('ends it and every registration and place in line, with nothing else for anyone', () => {
    given(activityDecider, full).when(cancel()).then([cancelled]);
    given(activityDecider, full).when(cancel(admin, during)).then([cancelled]);
    expect(fold([...full, cancelled])).toMatchObject({ status: 'cancelled', activityId, title: 'CV-værksted' });
    expect(fold([...full, cancelled])).not.toHaveProperty('registered');
  });

  it('changes nothing when cancelled already; is refused once it has taken place', () => {
    given(activityDecider, [...full, cancelled]).when(cancel()).thenNothing();
    given(activityDecider, full).when(cancel(staff, end)).thenError(RuleViolation, 'activity_ended', { activityId });
  });

  it('is for the staff of the centre or an administrator, of an activity that exists', () => {
    for (const principal of notStaffOfCentre) given(activityDecider, full).when(cancel(principal)).thenError(Forbidden);
    given(activityDecider).when(cancel()).thenError(NotFound, 'activity_not_found');
  });
});

describe('recording attendance', () => {
  it('records a count once the activity has ended, and a later count corrects it', () => {
    given(activityDecider, full).when(attendance(2, staff, end)).then([counted(2)]);
    given(activityDecider, [...full, counted(2)]).when(attendance(3)).then([counted(3)]);
    given(activityDecider, [...full, counted(2), counted(3)]).when(attendance(3)).thenNothing();
    expect(fold([...full, counted(2), counted(3)])).toMatchObject({ attendance: 3 });
  });

  it('is a count only, never who came', () => {
    const [event] = activityDecider.decide(attendance(0), fold(full));
    expect(Object.keys(event!.data).sort()).toEqual(['activityId', 'count']);
  });

  it('takes a whole number from 0 to 100000', () => {
    for (const count of [-1, 1.5, Number.NaN, 100_001]) given(activityDecider, full).when(attendance(count)).thenError(InvalidValue, 'invalid_value', { field: 'count' });
    given(activityDecider, full).when(attendance(100_000)).then([counted(100_000)]);
  });

  it('is refused before the end, for a cancelled or unknown activity, and to anyone but the centre’s staff', () => {
    given(activityDecider, full).when(attendance(2, staff, during)).thenError(RuleViolation, 'activity_not_ended', { activityId });
    given(activityDecider, [...full, cancelled]).when(attendance(2)).thenError(RuleViolation, 'activity_cancelled');
    given(activityDecider).when(attendance(2)).thenError(NotFound, 'activity_not_found');
    for (const principal of notStaffOfCentre) given(activityDecider, full).when(attendance(2, principal)).thenError(Forbidden);
  });
});

describe('the activity decider', () => {
  it('keeps each activity in its own stream, belonging to its centre', () => {
    expect(activityDecider.streamId(register('b-1'))).toBe(`activity-${activityId}`);
    expect(activityDecider.centreOf?.(fold([]), schedule())).toBe(centreId);
    expect(activityDecider.centreOf?.(fold(full), register('b-1'))).toBe(centreId);
  });

  it('declares every event type, none of them or their fields coercive', () => {
    const types = Object.keys(ACTIVITY_EVENT_SCHEMA_VERSIONS);
    expect(types).toHaveLength(10);
    const words = /mandator|oblig|deadline|sanction|summon|benefit|penalt|consequence|absen|no_show/i;
    for (const type of types) expect(type).not.toMatch(words);
    for (const event of [...full, unregistered('b-1'), left('b-3'), movedUp('b-3'), cancelled, counted(1)]) expect(JSON.stringify(Object.keys(event.data))).not.toMatch(words);
  });
});

describe('erasing a citizen', () => {
  const erasePlace = (citizenId: string, principal: Principal = admin, at = now) => cmd('ErasePlace', { citizenId }, principal, at);
  const erased = (citizenId: string): ActivityEvent => ({ type: 'ActivityPlaceErased', data: { activityId, citizenId } });

  it('ends their place, and the first in line has it in the same decision', () => {
    given(activityDecider, full).when(erasePlace('b-1')).then([erased('b-1'), movedUp('b-3')]);
    const after = fold([...full, erased('b-1'), movedUp('b-3')]);
    expect(after.status === 'scheduled' && [after.registered, after.waiting]).toEqual([['b-2', 'b-3'], ['b-4']]);
  });

  it('ends their place in line, and moves nobody up', () => {
    given(activityDecider, full).when(erasePlace('b-3')).then([erased('b-3')]);
    const after = fold([...full, erased('b-3')]);
    expect(after.status === 'scheduled' && after.waiting).toEqual(['b-4']);
  });

  it('changes nothing for someone without a place, or once the activity is cancelled or over', () => {
    given(activityDecider, full).when(erasePlace('b-9')).then([]);
    given(activityDecider, [...full, cancelled]).when(erasePlace('b-1')).then([]);
    given(activityDecider, full).when(erasePlace('b-1', admin, after)).then([]);
    // Begun: the place ends, but a place given now could not be used.
    given(activityDecider, full).when(erasePlace('b-1', admin, during)).then([erased('b-1')]);
  });

  it('is an administrator’s, as part of the erasure: not the citizen’s, not staff’s', () => {
    for (const principal of [staff, citizen('b-1'), ...notStaffOfCentre]) given(activityDecider, full).when(erasePlace('b-1', principal)).thenError(Forbidden, 'forbidden');
  });

  it('refuses an erased citizen a new place or place in line', () => {
    given(activityDecider, [scheduled]).when(cmd('RegisterForActivity', { citizenId: 'b-1', citizenErased: true }, citizen('b-1'))).thenError(Conflict, 'citizen_erased');
    given(activityDecider, full).when(cmd('RegisterForActivity', { citizenId: 'b-5', citizenErased: true }, citizen('b-5'))).thenError(Conflict, 'citizen_erased');
  });
});
