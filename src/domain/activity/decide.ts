import { match } from 'ts-pattern';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { authoriseForCentre, httpsLink, noCoercion, tidyText } from '../shared/checks.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import {
  type Activity,
  ACTIVITY_EVENT_SCHEMA_VERSIONS,
  ACTIVITY_KINDS,
  type ActivityChanged,
  type ActivityDetails,
  type ActivityEvent,
  type ActivityKind,
  activityStreamId,
  type ActivityWhere,
  evolve,
  freePlaces,
  initialState,
  type ScheduledActivity,
} from './activity.js';

type Cmd<T extends string, D> = CommandEnvelope & { type: T; data: D & { activityId: string } };
/** Where, as the edge received it: exactly one of the two is given. */
export interface WhereInput {
  place?: string;
  link?: string;
}
/** `kind` arrives as the edge received it; the decider keeps only the declared kinds. */
export type ScheduleActivity = Cmd<
  'ScheduleActivity',
  { centreId: string; kind: string; title: string; description?: string; start: string; end: string; where: WhereInput; capacity: number }
>;
/** Only what is given changes; `description: null` (or empty) removes it. */
export type ChangeActivity = Cmd<'ChangeActivity', { title?: string; description?: string | null; start?: string; end?: string; where?: WhereInput; capacity?: number }>;
export type CancelActivity = Cmd<'CancelActivity', Record<never, never>>;
/** `citizenErased`: whether this citizen's personal data was erased, a fact from their journey's stream. */
export type RegisterForActivity = Cmd<'RegisterForActivity', { citizenId: string; citizenErased: boolean }>;
export type UnregisterFromActivity = Cmd<'UnregisterFromActivity', { citizenId: string }>;
/** Part of erasing a citizen (an administrator, with the journey's CitizenErased): their place or place in line ends. */
export type ErasePlace = Cmd<'ErasePlace', { citizenId: string }>;
/** How many came, a count only: nothing here records who. */
export type RecordAttendance = Cmd<'RecordAttendance', { count: number }>;

export type ActivityCommand = ScheduleActivity | ChangeActivity | CancelActivity | RegisterForActivity | UnregisterFromActivity | ErasePlace | RecordAttendance;

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 4000;
export const PLACE_MAX = 300;
export const LINK_MAX = 2000;
export const CAPACITY_MAX = 10_000;
export const ATTENDANCE_MAX = 100_000;

export function decide(command: ActivityCommand, state: Activity): ActivityEvent[] {
  return match(command)
    .with({ type: 'ScheduleActivity' }, (c) => schedule(c, state))
    .with({ type: 'ChangeActivity' }, (c) => change(c, notCancelled(forStaff(c, state))))
    .with({ type: 'CancelActivity' }, (c) => cancel(c, forStaff(c, state)))
    .with({ type: 'RegisterForActivity' }, (c) => register(c, state))
    .with({ type: 'UnregisterFromActivity' }, (c) => unregister(c, state))
    .with({ type: 'ErasePlace' }, (c) => erasePlace(c, state))
    .with({ type: 'RecordAttendance' }, (c) => recordAttendance(c, notCancelled(forStaff(c, state))))
    .exhaustive();
}

function schedule(c: ScheduleActivity, state: Activity): ActivityEvent[] {
  const { activityId, centreId } = c.data;
  authoriseForCentre(c.principal, centreId, ['staff']);
  if (state.status !== 'none') throw new Conflict('activity_exists', 'the activity is scheduled already', { activityId });
  if (!(ACTIVITY_KINDS as readonly string[]).includes(c.data.kind)) throw new InvalidValue('kind', `one of ${ACTIVITY_KINDS.join(', ')}`);
  const kind = c.data.kind as ActivityKind;
  const title = titleOf(c.data.title);
  const description = descriptionOf(c.data.description);
  const start = instant(c.data.start, 'start');
  const end = instant(c.data.end, 'end');
  notPast(start, c.now);
  endsAfter(start, end);
  const where = whereOf(c.data.where);
  const capacity = capacityOf(c.data.capacity);
  return [{ type: 'ActivityScheduled', data: { activityId, centreId, kind, title, description, start, end, where, capacity } }];
}

/**
 * Changes what was announced, before it begins. A place is never taken from someone who has it,
 * so the capacity does not go below those registered; raising it gives the new places to the first
 * in line, in the same decision (see `unregister` for why that is exactly once).
 */
function change(c: ChangeActivity, a: ScheduledActivity): ActivityEvent[] {
  const { activityId } = a;
  if (begun(a, c.now)) throw new RuleViolation('activity_begun', 'the activity has begun; what was announced no longer changes', { activityId });
  const d = c.data;
  const changed: Omit<ActivityChanged['data'], 'activityId'> = {};
  if (d.title !== undefined) {
    const title = titleOf(d.title);
    if (title !== a.title) changed.title = title;
  }
  if (d.description !== undefined) {
    const description = descriptionOf(d.description);
    if (description !== a.description) changed.description = description;
  }
  if (d.start !== undefined || d.end !== undefined) {
    const start = d.start === undefined ? a.start : instant(d.start, 'start');
    const end = d.end === undefined ? a.end : instant(d.end, 'end');
    if (d.start !== undefined) notPast(start, c.now);
    endsAfter(start, end);
    if (start !== a.start) changed.start = start;
    if (end !== a.end) changed.end = end;
  }
  if (d.where !== undefined) {
    const where = whereOf(d.where);
    if (JSON.stringify(where) !== JSON.stringify(a.where)) changed.where = where;
  }
  let moved: string[] = [];
  if (d.capacity !== undefined) {
    const capacity = capacityOf(d.capacity);
    const taken = a.registered.length;
    if (capacity < taken) {
      throw new RuleViolation('capacity_below_registered', `${taken} citizens have a place; the capacity cannot be lower than ${taken}`, { activityId, registered: taken, capacity });
    }
    if (capacity !== a.capacity) changed.capacity = capacity;
    moved = a.waiting.slice(0, capacity - taken);
  }
  if (Object.keys(changed).length === 0) return [];
  return [{ type: 'ActivityChanged', data: { activityId, ...changed } }, ...moved.map((citizenId) => movedUp(activityId, citizenId))];
}

/** Until it has ended: a cancellation has no consequence for anyone, and the registrations end with it. */
function cancel(c: CancelActivity, a: Exclude<Activity, { status: 'none' }>): ActivityEvent[] {
  if (a.status === 'cancelled') return [];
  if (ended(a, c.now)) throw new RuleViolation('activity_ended', 'the activity has taken place; it is not cancelled afterwards', { activityId: a.activityId });
  return [{ type: 'ActivityCancelled', data: { activityId: a.activityId } }];
}

/** A free place is the citizen's at once; when it is full they wait in line, in the order they came. */
function register(c: RegisterForActivity, state: Activity): ActivityEvent[] {
  const { activityId, citizenId } = c.data;
  themselves(c.principal, citizenId);
  if (c.data.citizenErased) throw new Conflict('citizen_erased', 'this citizen’s data was erased; nothing more is recorded for them');
  const a = notCancelled(existing(state, activityId));
  if (a.registered.includes(citizenId) || a.waiting.includes(citizenId)) return [];
  if (begun(a, c.now)) throw new RuleViolation('activity_begun', 'the activity has begun; registration is closed', { activityId });
  // Nobody goes ahead of those already in line, whatever the count says.
  if (freePlaces(a) > 0 && a.waiting.length === 0) return [{ type: 'ActivityRegistered', data: { activityId, citizenId } }];
  return [{ type: 'ActivityWaitlisted', data: { activityId, citizenId, position: a.waiting.length + 1 } }];
}

/**
 * A citizen leaves whenever they like, place or line. A place they leave before the start goes to
 * the first in line, in this same decision. Every change to an activity is one stream, appended
 * with the version it was decided on: two unregistrations racing each other cannot both append on
 * the same version, so the second is decided again on the state after the first. Nobody is moved
 * up twice, and nobody in line is skipped.
 */
function unregister(c: UnregisterFromActivity, state: Activity): ActivityEvent[] {
  const { activityId, citizenId } = c.data;
  themselves(c.principal, citizenId);
  const a = existing(state, activityId);
  // The registrations ended with the cancellation: there is nothing left to leave.
  if (a.status === 'cancelled') return [];
  if (a.waiting.includes(citizenId)) return [{ type: 'LeftWaitingList', data: { activityId, citizenId } }];
  if (!a.registered.includes(citizenId)) return [];
  // Once it has begun, a place given now could not be used: the line stays as it is.
  const next = begun(a, c.now) ? [] : a.waiting.slice(0, a.capacity - (a.registered.length - 1));
  return [{ type: 'ActivityUnregistered', data: { activityId, citizenId } }, ...next.map((id) => movedUp(activityId, id))];
}

/**
 * Erasing a citizen ends their place or their place in line, as leaving would, except that it is
 * the administrator's act and not theirs (so it is its own event). A place freed before the start
 * goes to the first in line in this same decision; after the end nothing is left to free.
 */
function erasePlace(c: ErasePlace, state: Activity): ActivityEvent[] {
  const { activityId, citizenId } = c.data;
  if (c.principal.role !== 'admin') throw new Forbidden('a place ends with an erasure only as part of it, by an administrator', { role: c.principal.role });
  if (state.status !== 'scheduled' || ended(state, c.now)) return [];
  const holds = state.registered.includes(citizenId);
  if (!holds && !state.waiting.includes(citizenId)) return [];
  const next = holds && !begun(state, c.now) ? state.waiting.slice(0, state.capacity - (state.registered.length - 1)) : [];
  return [{ type: 'ActivityPlaceErased', data: { activityId, citizenId } }, ...next.map((id) => movedUp(activityId, id))];
}

/** A count after the end, never who came: attendance must never become a check on anyone. */
function recordAttendance(c: RecordAttendance, a: ScheduledActivity): ActivityEvent[] {
  const { activityId } = a;
  if (!ended(a, c.now)) throw new RuleViolation('activity_not_ended', 'attendance is recorded once the activity has ended', { activityId });
  const { count } = c.data;
  if (!Number.isSafeInteger(count) || count < 0 || count > ATTENDANCE_MAX) throw new InvalidValue('count', `a whole number from 0 to ${ATTENDANCE_MAX}`);
  // A later record corrects an earlier one; the same count again changes nothing.
  if (a.attendance === count) return [];
  return [{ type: 'ActivityAttendanceRecorded', data: { activityId, count } }];
}

const movedUp = (activityId: string, citizenId: string): ActivityEvent => ({ type: 'MovedUpFromWaitingList', data: { activityId, citizenId } });

function existing(state: Activity, activityId: string): Exclude<Activity, { status: 'none' }> {
  if (state.status === 'none') throw new NotFound('activity_not_found', 'no such activity', { activityId });
  return state;
}

/** An activity that exists, for the staff of its centre (or an administrator). */
function forStaff(c: CancelActivity | ChangeActivity | RecordAttendance, state: Activity) {
  const a = existing(state, c.data.activityId);
  authoriseForCentre(c.principal, a.centreId, ['staff']);
  return a;
}

function notCancelled(a: Exclude<Activity, { status: 'none' }>): ScheduledActivity {
  if (a.status === 'cancelled') throw new RuleViolation('activity_cancelled', 'the activity is cancelled', { activityId: a.activityId });
  return a;
}

/** Only the citizen registers or unregisters, and only themselves: nobody puts anyone on an activity. */
function themselves(principal: Principal, citizenId: string): void {
  if (principal.role !== 'citizen') throw new Forbidden('citizens register and unregister themselves', { role: principal.role });
  if (principal.id !== citizenId) throw new Forbidden('a citizen registers and unregisters only themselves');
}

const begun = (a: Pick<ActivityDetails, 'start'>, now: string) => Date.parse(now) >= Date.parse(a.start);
const ended = (a: Pick<ActivityDetails, 'end'>, now: string) => Date.parse(now) >= Date.parse(a.end);

/** Staff write about the activity, never of benefits, sanctions, duties or consequences. */
const titleOf = (raw: string) => noCoercion('title', tidyText(raw, 'title', TITLE_MAX));

/** No description, or an empty one, is none. */
function descriptionOf(raw: string | null | undefined): string | null {
  if (raw == null || raw.trim() === '') return null;
  return noCoercion('description', tidyText(raw, 'description', DESCRIPTION_MAX));
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** A moment written ISO-8601 with its zone, with a day that exists (not 30 February). */
function instant(raw: string, field: string): string {
  const m = INSTANT.exec(raw);
  if (m) {
    const n = (i: number) => Number(m[i] ?? 0);
    const day = new Date(Date.UTC(n(1), n(2) - 1, n(3)));
    const exists = day.getUTCMonth() === n(2) - 1 && day.getUTCDate() === n(3);
    if (exists && n(4) <= 23 && n(5) <= 59 && n(6) <= 59 && n(7) <= 23 && n(8) <= 59 && Number.isFinite(Date.parse(raw))) return raw;
  }
  throw new InvalidValue(field, 'a date and time, ISO-8601 with zone');
}

function notPast(start: string, now: string): void {
  if (Date.parse(start) < Date.parse(now)) throw new InvalidValue('start', 'not in the past');
}

function endsAfter(start: string, end: string): void {
  if (Date.parse(end) <= Date.parse(start)) throw new InvalidValue('end', 'after the start');
}

function whereOf(raw: WhereInput): ActivityWhere {
  const { place, link } = raw;
  if (place != null && link == null) return { place: noCoercion('where.place', tidyText(place, 'where.place', PLACE_MAX)) };
  if (link != null && place == null) return { link: linkOf(link) };
  throw new InvalidValue('where', 'either a place or a link, one of them');
}

/** A secure link to a meeting place, kept as typed. */
const linkOf = (raw: string): string => httpsLink(raw, 'where.link', LINK_MAX).typed;

function capacityOf(raw: number): number {
  if (!Number.isSafeInteger(raw) || raw < 1 || raw > CAPACITY_MAX) throw new InvalidValue('capacity', `a whole number of places from 1 to ${CAPACITY_MAX}`);
  return raw;
}

export const activityDecider: Decider<Activity, ActivityCommand, ActivityEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => activityStreamId(command.data.activityId),
  schemaVersions: ACTIVITY_EVENT_SCHEMA_VERSIONS,
  centreOf: (state, command) => (command.type === 'ScheduleActivity' ? command.data.centreId : state.status === 'none' ? undefined : state.centreId),
};
