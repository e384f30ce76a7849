/**
 * A local activity (issue: local activities): an information meeting, a workshop, a seminar or a
 * self-help group a centre holds, at a time, in a place or behind a link, for a number of people.
 * Citizens register and unregister themselves; when it is full they may wait in line, and a place
 * that frees goes to the first in line. Afterwards staff record how many came: a count, never who,
 * so that taking part can never become a check on anyone. Nobody is ever put on an activity.
 *
 * The texts here (title, description, place, link) are written by staff about the activity, not
 * about a person: they are not personal data and are stored in the clear. The citizen's id is the
 * only thing about a person in these events, and ids are not sealed.
 */
import { match } from 'ts-pattern';
import type { DomainEvent } from '../shared/decider.js';

export const ACTIVITY_KINDS = ['information_meeting', 'workshop', 'seminar', 'self_help_group'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Where it is held: a place (an address or a room) or a link to a virtual meeting place, never both. */
export type ActivityWhere = { place: string } | { link: string };

type E<T extends string, D> = DomainEvent<T, D & { activityId: string }>;
/** `start` and `end`: ISO-8601 with zone. `description`: null when there is none. */
export type ActivityScheduled = E<
  'ActivityScheduled',
  { centreId: string; kind: ActivityKind; title: string; description: string | null; start: string; end: string; where: ActivityWhere; capacity: number }
>;
/** Only what changed is present; `description: null` removes it. */
export type ActivityChanged = E<'ActivityChanged', { title?: string; description?: string | null; start?: string; end?: string; where?: ActivityWhere; capacity?: number }>;
/** Nothing follows from a cancellation for anyone; the registrations and the waiting list end with it. */
export type ActivityCancelled = E<'ActivityCancelled', Record<never, never>>;
export type ActivityRegistered = E<'ActivityRegistered', { citizenId: string }>;
/**
 * The activity was full, and the citizen chose to wait for a place. `position`: their place in
 * line when they joined (1 is first), for them to read; the line itself is the order of events.
 */
export type ActivityWaitlisted = E<'ActivityWaitlisted', { citizenId: string; position: number }>;
export type ActivityUnregistered = E<'ActivityUnregistered', { citizenId: string }>;
export type LeftWaitingList = E<'LeftWaitingList', { citizenId: string }>;
/**
 * The citizen's personal data was erased (an administrator's act, in the same append as the
 * journey's CitizenErased): their place, or their place in line, ended with it. Not their act, and
 * nothing about them follows from it; a place it frees goes to the first in line.
 */
export type ActivityPlaceErased = E<'ActivityPlaceErased', { citizenId: string }>;
/** A place freed (someone unregistered, or the capacity was raised): the first in line has it now. */
export type MovedUpFromWaitingList = E<'MovedUpFromWaitingList', { citizenId: string }>;
/** How many came, as counted by staff after the end. A later record corrects an earlier one. */
export type ActivityAttendanceRecorded = E<'ActivityAttendanceRecorded', { count: number }>;

export type ActivityEvent =
  | ActivityScheduled
  | ActivityChanged
  | ActivityCancelled
  | ActivityRegistered
  | ActivityWaitlisted
  | ActivityUnregistered
  | LeftWaitingList
  | MovedUpFromWaitingList
  | ActivityPlaceErased
  | ActivityAttendanceRecorded;

export const ACTIVITY_EVENT_SCHEMA_VERSIONS: Record<ActivityEvent['type'], number> = {
  ActivityScheduled: 1,
  ActivityChanged: 1,
  ActivityCancelled: 1,
  ActivityRegistered: 1,
  ActivityWaitlisted: 1,
  ActivityUnregistered: 1,
  LeftWaitingList: 1,
  MovedUpFromWaitingList: 1,
  ActivityPlaceErased: 1,
  ActivityAttendanceRecorded: 1,
};

export interface ActivityDetails {
  activityId: string;
  centreId: string;
  kind: ActivityKind;
  title: string;
  description: string | null;
  start: string;
  end: string;
  where: ActivityWhere;
  capacity: number;
}

/**
 * `scheduled`: announced; whether it has begun or ended is a matter of the time, read against the
 * command's `now`. `registered` and `waiting` are citizen ids in the order they joined.
 * `cancelled`: it will not take place; nobody is registered or waiting any more.
 */
export type Activity =
  | { status: 'none' }
  | ({ status: 'scheduled'; registered: string[]; waiting: string[]; attendance: number | null } & ActivityDetails)
  | ({ status: 'cancelled' } & ActivityDetails);
export type ScheduledActivity = Extract<Activity, { status: 'scheduled' }>;

export const initialState: Activity = { status: 'none' };

export function evolve(state: Activity, event: ActivityEvent): Activity {
  if (event.type === 'ActivityScheduled') return { status: 'scheduled', ...event.data, registered: [], waiting: [], attendance: null };
  if (state.status !== 'scheduled') return state;
  const without = (ids: string[], id: string) => ids.filter((x) => x !== id);
  return match(event)
    .with({ type: 'ActivityChanged' }, ({ data }): Activity => ({ ...state, ...data }))
    .with({ type: 'ActivityCancelled' }, (): Activity => {
      const { registered: _r, waiting: _w, attendance: _a, ...details } = state;
      return { ...details, status: 'cancelled' };
    })
    .with({ type: 'ActivityRegistered' }, ({ data }): Activity => ({ ...state, registered: [...state.registered, data.citizenId] }))
    .with({ type: 'ActivityWaitlisted' }, ({ data }): Activity => ({ ...state, waiting: [...state.waiting, data.citizenId] }))
    .with({ type: 'ActivityUnregistered' }, ({ data }): Activity => ({ ...state, registered: without(state.registered, data.citizenId) }))
    .with({ type: 'LeftWaitingList' }, ({ data }): Activity => ({ ...state, waiting: without(state.waiting, data.citizenId) }))
    .with({ type: 'MovedUpFromWaitingList' }, ({ data }): Activity => ({
      ...state,
      registered: [...state.registered, data.citizenId],
      waiting: without(state.waiting, data.citizenId),
    }))
    .with({ type: 'ActivityPlaceErased' }, ({ data }): Activity => ({
      ...state,
      registered: without(state.registered, data.citizenId),
      waiting: without(state.waiting, data.citizenId),
    }))
    .with({ type: 'ActivityAttendanceRecorded' }, ({ data }): Activity => ({ ...state, attendance: data.count }))
    .exhaustive();
}

/** Places not taken: never below zero. */
export const freePlaces = (activity: ScheduledActivity) => Math.max(0, activity.capacity - activity.registered.length);

export const activityStreamId = (activityId: string) => `activity-${activityId}`;
