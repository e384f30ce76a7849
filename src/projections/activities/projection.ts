import { type Kysely, sql } from 'kysely';
import { ACTIVITY_EVENT_SCHEMA_VERSIONS, type ActivityEvent, type ActivityKind, type ActivityWhere } from '../../domain/activity/activity.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { Projection } from '../engine/projection.js';
import { BatchRows } from '../engine/rows.js';

/** Every activity event: the aggregate's own list, so a new event reaches the exhaustive switch below. */
const HANDLES: readonly ActivityEvent['type'][] = Object.keys(ACTIVITY_EVENT_SCHEMA_VERSIONS).filter((type): type is ActivityEvent['type'] => type in ACTIVITY_EVENT_SCHEMA_VERSIONS);

/** A row of `activities`, as the pure step writes it. */
export interface ActivityRow extends Record<string, unknown> {
  activity_id: string;
  centre_id: string;
  kind: ActivityKind;
  title: string;
  description: string | null;
  starts_at: string;
  ends_at: string;
  place: string | null;
  link: string | null;
  capacity: number;
  registered: number;
  waiting: number;
  status: 'scheduled' | 'cancelled';
  attendance: number | null;
  scheduled_at: string;
  cancelled_at: string | null;
  version: number | string;
}

/** A row of `activity_places`: one citizen's place, or their place in line. */
export interface PlaceRow extends Record<string, unknown> {
  activity_id: string;
  citizen_id: string;
  status: 'registered' | 'waiting';
  line_version: number | string | null;
  since: string;
}

/**
 * What one event does to its activity's row and to the row of the citizen it names (if any):
 * `place` absent leaves that row as it is, null removes it; `clearPlaces` ends every place and
 * every place in line of the activity (a cancellation).
 */
export interface ActivityStep {
  activity: ActivityRow | null;
  place?: PlaceRow | null;
  clearPlaces?: true;
}

const whereColumns = (where: ActivityWhere) => ('place' in where ? { place: where.place, link: null } : { place: null, link: where.link });

/**
 * The pure step, as `evolve` changes an activity: after it is cancelled nothing changes it any
 * more, and a citizen holds one place at a time, a seat or a place in line. The counts move only
 * when a citizen's own row does, so they are always the number of rows behind them.
 */
export function evolveActivity(activity: ActivityRow | null, place: PlaceRow | null, recorded: RecordedEvent): ActivityStep {
  const event = { type: recorded.type, data: recorded.data } as ActivityEvent;
  const at = recorded.metadata.occurredAt;
  const version = recorded.streamVersion;
  if (event.type === 'ActivityScheduled') {
    const d = event.data;
    const row: ActivityRow = {
      activity_id: d.activityId,
      centre_id: d.centreId,
      kind: d.kind,
      title: d.title,
      description: d.description,
      starts_at: d.start,
      ends_at: d.end,
      ...whereColumns(d.where),
      capacity: d.capacity,
      registered: 0,
      waiting: 0,
      status: 'scheduled',
      attendance: null,
      scheduled_at: at,
      cancelled_at: null,
      version,
    };
    // Scheduled again (which the decider never does), it starts empty, as `evolve` has it.
    return activity ? { activity: row, clearPlaces: true } : { activity: row };
  }
  if (activity?.status !== 'scheduled') return { activity };
  const counts = (registered: number, waiting: number): ActivityRow => ({
    ...activity,
    registered: Number(activity.registered) + registered,
    waiting: Number(activity.waiting) + waiting,
    version,
  });
  switch (event.type) {
    case 'ActivityChanged': {
      const d = event.data;
      return {
        activity: {
          ...activity,
          ...(d.title !== undefined ? { title: d.title } : {}),
          ...(d.description !== undefined ? { description: d.description } : {}),
          ...(d.start !== undefined ? { starts_at: d.start } : {}),
          ...(d.end !== undefined ? { ends_at: d.end } : {}),
          ...(d.where !== undefined ? whereColumns(d.where) : {}),
          ...(d.capacity !== undefined ? { capacity: d.capacity } : {}),
          version,
        },
      };
    }
    case 'ActivityCancelled':
      return { activity: { ...activity, status: 'cancelled', registered: 0, waiting: 0, attendance: null, cancelled_at: at, version }, clearPlaces: true };
    case 'ActivityRegistered':
    case 'MovedUpFromWaitingList': {
      if (place?.status === 'registered') return { activity };
      const seat: PlaceRow = { activity_id: activity.activity_id, citizen_id: event.data.citizenId, status: 'registered', line_version: null, since: at };
      return { activity: counts(1, place ? -1 : 0), place: seat };
    }
    case 'ActivityWaitlisted':
      if (place) return { activity };
      return {
        activity: counts(0, 1),
        place: { activity_id: activity.activity_id, citizen_id: event.data.citizenId, status: 'waiting', line_version: version, since: at },
      };
    case 'ActivityUnregistered':
      return place?.status === 'registered' ? { activity: counts(-1, 0), place: null } : { activity };
    case 'LeftWaitingList':
      return place?.status === 'waiting' ? { activity: counts(0, -1), place: null } : { activity };
    case 'ActivityPlaceErased':
      if (place?.status === 'registered') return { activity: counts(-1, 0), place: null };
      return place?.status === 'waiting' ? { activity: counts(0, -1), place: null } : { activity };
    case 'ActivityAttendanceRecorded':
      return { activity: { ...activity, attendance: event.data.count, version } };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

const activityIdOf = (recorded: RecordedEvent) => String((recorded.data as { activityId?: unknown } | null)?.activityId);
const citizenIdOf = (recorded: RecordedEvent) => {
  const id = (recorded.data as { citizenId?: unknown } | null)?.citizenId;
  return typeof id === 'string' ? id : null;
};

const activityRows = () =>
  new BatchRows<ActivityRow>({
    table: 'activities',
    key: ['activity_id'],
    columns: ['activity_id', 'centre_id', 'kind', 'title', 'description', 'starts_at', 'ends_at', 'place', 'link', 'capacity', 'registered', 'waiting', 'status', 'attendance', 'scheduled_at', 'cancelled_at', 'version'],
    moments: ['starts_at', 'ends_at', 'scheduled_at', 'cancelled_at'],
  });
const placeRows = () =>
  new BatchRows<PlaceRow>({ table: 'activity_places', key: ['activity_id', 'citizen_id'], columns: ['activity_id', 'citizen_id', 'status', 'line_version', 'since'], moments: ['since'] });

/**
 * One batch: the activities and the places its events touch, read once per table, changed in log
 * order by the pure step, written once per table. A cancellation ends every place of its activity,
 * also those no event of the batch names: one delete for them all, before the places are written.
 */
async function applyBatch(trx: Kysely<any>, schema: string, events: readonly RecordedEvent[]): Promise<void> {
  const activities = activityRows();
  const places = placeRows();
  const named = new Map<string, Set<string>>();
  for (const e of events) {
    const citizenId = citizenIdOf(e);
    if (citizenId === null) continue;
    const id = activityIdOf(e);
    named.set(id, (named.get(id) ?? new Set()).add(citizenId));
  }
  await activities.load(trx, schema, events.map((e) => [activityIdOf(e)]));
  await places.load(trx, schema, [...named].flatMap(([id, citizens]) => [...citizens].map((c) => [id, c])));
  const cleared = new Set<string>();
  for (const recorded of events) {
    const id = activityIdOf(recorded);
    const citizenId = citizenIdOf(recorded);
    const step = evolveActivity(activities.get(id), citizenId === null ? null : places.get(id, citizenId), recorded);
    if (step.clearPlaces) {
      cleared.add(id);
      for (const c of named.get(id) ?? []) if (places.get(id, c)) places.remove(id, c);
    }
    if (step.activity) activities.set(step.activity);
    if (citizenId !== null && step.place !== undefined) {
      if (step.place) places.set(step.place);
      else places.remove(id, citizenId);
    }
  }
  if (cleared.size > 0) await sql`delete from ${sql.id(schema, 'activity_places')} where activity_id = any(${[...cleared]})`.execute(trx);
  await places.save(trx, schema);
  await activities.save(trx, schema);
}

/**
 * Local activities as citizens and staff look at them: each activity with its counts, and each
 * citizen's own place or place in line. Inline: a place taken, left or moved up to shows at once
 * (a citizen moved up reads their place on the next page, and a count shown is the count the
 * decision was made on).
 */
export const activitiesProjection: Projection = {
  name: 'activities',
  version: 1,
  mode: 'inline',
  tables: ['activities', 'activity_places'],
  handles: HANDLES,
  apply: applyBatch,
};
