/**
 * Local activities as people read them. Staff and anyone browsing see an activity and its counts
 * (how many have a place, how many wait, how many came); never who. The only reading of who holds
 * a place is a citizen's own: their place in one activity, and their own list.
 */
import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import type { ActivityKind, ActivityWhere } from '../../domain/activity/activity.js';
import type { ActivityTables } from './tables.js';

/** An activity with its counts. Times are ISO-8601 (UTC). */
export interface ActivityView {
  activityId: string;
  centreId: string;
  kind: ActivityKind;
  title: string;
  description: string | null;
  start: string;
  end: string;
  where: ActivityWhere;
  capacity: number;
  /** How many have a place, how many wait in line, and how many places are not taken. */
  registered: number;
  waiting: number;
  freePlaces: number;
  status: 'scheduled' | 'cancelled';
  /** How many came, as staff counted them afterwards; null until counted (and once cancelled). */
  attendance: number | null;
}

/** A citizen's own place: a seat, or a place in line (`position` 1 is next). */
export type CitizenPlace = { status: 'registered'; since: string } | { status: 'waiting'; position: number; since: string };

type ActivityRow = Selectable<ActivityTables['activities']>;

function viewOf(row: ActivityRow): ActivityView {
  return {
    activityId: row.activity_id,
    centreId: row.centre_id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    start: row.starts_at.toISOString(),
    end: row.ends_at.toISOString(),
    where: row.place !== null ? { place: row.place } : { link: row.link ?? '' },
    capacity: row.capacity,
    registered: row.registered,
    waiting: row.waiting,
    freePlaces: Math.max(0, row.capacity - row.registered),
    status: row.status,
    attendance: row.attendance,
  };
}

const activities = (db: Kysely<ActivityTables>) => db.withSchema('rm').selectFrom('activities').selectAll();

/**
 * A centre's activities, earliest start first. `from`: only those that have not ended by then
 * (so what is on now comes first, then what is coming). Cancelled ones only when asked for.
 */
export async function activitiesOfCentre(db: Kysely<ActivityTables>, centreId: string, options: { from?: Date; includeCancelled?: boolean } = {}): Promise<ActivityView[]> {
  const rows = await activities(db)
    .where('centre_id', '=', centreId)
    .$if(options.from !== undefined, (q) => q.where('ends_at', '>', options.from!))
    .$if(!options.includeCancelled, (q) => q.where('status', '=', 'scheduled'))
    .orderBy('starts_at')
    .orderBy('activity_id')
    .execute();
  return rows.map(viewOf);
}

/** One activity with its counts, cancelled or not; null when there is none. */
export async function activityById(db: Kysely<ActivityTables>, activityId: string): Promise<ActivityView | null> {
  const row = await activities(db).where('activity_id', '=', activityId).executeTakeFirst();
  return row ? viewOf(row) : null;
}

/**
 * Where a citizen stands in line now: those still waiting who joined the line before them, plus
 * one. (The position they were told when they joined is history: those ahead may have left or
 * moved up since.) Null for a seat.
 */
const positionInLine = (eb: ExpressionBuilder<{ p: ActivityTables['activity_places'] } & ActivityTables, 'p'>) =>
  eb
    .selectFrom('activity_places as w')
    .select(sql<number>`count(*)::int`.as('n'))
    .whereRef('w.activity_id', '=', 'p.activity_id')
    .where('w.status', '=', 'waiting')
    .whereRef('w.line_version', '<=', 'p.line_version')
    .as('position');

const placeOf = (row: { place_status: 'registered' | 'waiting'; since: Date; position: number | null }): CitizenPlace =>
  row.place_status === 'registered' ? { status: 'registered', since: row.since.toISOString() } : { status: 'waiting', position: Number(row.position), since: row.since.toISOString() };

/** The citizen's own place in one activity: a seat, a place in line (and which), or none. For that citizen's own pages. */
export async function activityOfCitizen(db: Kysely<ActivityTables>, activityId: string, citizenId: string): Promise<CitizenPlace | null> {
  const row = await db
    .withSchema('rm')
    .selectFrom('activity_places as p')
    .select((eb) => ['p.status as place_status', 'p.since', positionInLine(eb)])
    .where('p.activity_id', '=', activityId)
    .where('p.citizen_id', '=', citizenId)
    .executeTakeFirst();
  return row ? placeOf(row) : null;
}

/**
 * The citizen's own activities: those they have a place in or wait for, earliest start first, each
 * with its counts and their place. For that citizen's own pages.
 */
export async function activitiesOfCitizen(db: Kysely<ActivityTables>, citizenId: string): Promise<(ActivityView & { place: CitizenPlace })[]> {
  const rows = await db
    .withSchema('rm')
    .selectFrom('activity_places as p')
    .innerJoin('activities as a', 'a.activity_id', 'p.activity_id')
    .selectAll('a')
    .select((eb) => ['p.status as place_status', 'p.since', positionInLine(eb)])
    .where('p.citizen_id', '=', citizenId)
    .orderBy('a.starts_at')
    .orderBy('a.activity_id')
    .execute();
  return rows.map((row) => ({ ...viewOf(row), place: placeOf(row) }));
}
