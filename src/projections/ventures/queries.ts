/**
 * The entrepreneurs' track as it is read: the citizen's own track, for their own pages (their
 * words sealed, as stored; only a vault opens them, for them), and the survival share of the
 * businesses, for the centre against its goal. The share is counts only: no citizen comes out of it.
 */
import { type Kysely, sql } from 'kysely';
import { MIN_BENCHMARK_GROUP, MIN_PUBLISHED_COUNT } from '../../research/disclosure.js';
import { isDate } from '../../domain/shared/checks.js';
import { InvalidValue } from '../../domain/shared/errors.js';
import { type BusinessStatus, SURVIVAL_YEARS, type SurvivalYear } from '../../domain/venture/venture.js';
import type { SealedField } from '../../privacy/sealed.js';
import { SURVIVAL_COLUMNS } from './projection.js';
import type { VentureTables } from './tables.js';

/** The share of businesses still running among those whose owners answered that the centre aims for: at least a half. */
export const SURVIVAL_GOAL = 0.5;

/** A citizen's own track. Times are ISO-8601 (UTC); the citizen's words sealed, as stored. */
export interface VentureView {
  citizenId: string;
  status: 'joined' | 'left';
  /** The centre of the latest membership. */
  centreId: string;
  /** Every time on the track, oldest first. */
  memberships: { centreId: string; joinedAt: string; businessIdea: SealedField | null; leftAt: string | null; leftReason: SealedField | null }[];
  /** Open and reached milestones, in the order they were set (removed ones are gone). */
  milestones: { milestoneId: string; text: SealedField; hopedFor: string | null; status: 'open' | 'reached'; setAt: string; reachedAt: string | null }[];
  /** The check-in standing for each quarter the citizen checked in, by quarter. */
  checkIns: { quarter: string; status: BusinessStatus; note: SealedField | null; recordedAt: string }[];
  businessStart: { startedOn: string; hasCvr: boolean | null; recordedAt: string } | null;
  /** The answer standing for each year the citizen answered. */
  survival: { years: SurvivalYear; running: boolean; reportedAt: string }[];
}

const iso = (at: string) => new Date(at).toISOString();

/**
 * The citizen's own track, or null if they never joined. The three tables are read in one
 * snapshot (a read-only repeatable-read transaction), so a batch committed meanwhile shows whole
 * or not at all.
 */
export async function ventureOfCitizen(db: Kysely<VentureTables>, citizenId: string): Promise<VentureView | null> {
  const { track, milestones, checkIns } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const rm = tx.withSchema('rm');
      return {
        track: await rm.selectFrom('venture_tracks').selectAll().where('citizen_id', '=', citizenId).executeTakeFirst(),
        milestones: await rm.selectFrom('venture_milestones').selectAll().where('citizen_id', '=', citizenId).orderBy('set_at').orderBy('milestone_id').execute(),
        checkIns: await rm.selectFrom('venture_check_ins').selectAll().where('citizen_id', '=', citizenId).orderBy('quarter').execute(),
      };
    });
  if (!track) return null;
  return {
    citizenId: track.citizen_id,
    status: track.status,
    centreId: track.centre_id,
    memberships: track.memberships.map((m) => ({ centreId: m.centreId, joinedAt: iso(m.joinedAt), businessIdea: m.businessIdea, leftAt: m.leftAt === null ? null : iso(m.leftAt), leftReason: m.leftReason })),
    milestones: milestones.map((m) => ({
      milestoneId: m.milestone_id,
      text: m.text,
      hopedFor: m.hoped_for,
      status: m.status,
      setAt: m.set_at.toISOString(),
      reachedAt: m.reached_at?.toISOString() ?? null,
    })),
    checkIns: checkIns.map((c) => ({ quarter: c.quarter, status: c.status, note: c.note, recordedAt: c.recorded_at.toISOString() })),
    businessStart: track.started_on !== null && track.start_recorded_at !== null ? { startedOn: track.started_on, hasCvr: track.has_cvr, recordedAt: track.start_recorded_at.toISOString() } : null,
    survival: SURVIVAL_YEARS.flatMap((years) => {
      const running = track[SURVIVAL_COLUMNS[years].running];
      const at = track[SURVIVAL_COLUMNS[years].at];
      return running === null || at === null ? [] : [{ years, running, reportedAt: at.toISOString() }];
    }),
  };
}

/** For one anniversary: how many businesses reached it, how many of their owners answered, how many said it runs. */
export interface SurvivalAt {
  years: SurvivalYear;
  /** Tracks whose business start had its anniversary on or before `today`. */
  reached: number;
  /** Of those, how many said whether it still ran (the latest answer stands). */
  answered: number;
  running: number;
  /** `running / answered`; null when nobody answered. */
  share: number | null;
  /** Whether the share is at least the goal; null when nobody answered. */
  meetsGoal: boolean | null;
}

export interface SurvivalShare {
  goal: typeof SURVIVAL_GOAL;
  years: SurvivalAt[];
}

/**
 * The anniversary of the business start, `years` on, as the domain's `anniversaryReached` takes it:
 * the year moved on and the rest of the date as it is, compared as text (a start on 29 February
 * has its anniversary on 1 March in other years).
 */
const anniversary = (years: SurvivalYear) => sql<string>`lpad((substr(started_on, 1, 4)::int + ${sql.lit(years)})::text, 4, '0') || substr(started_on, 5)`;

/**
 * The survival share of the businesses on the track, on the date `today` (YYYY-MM-DD, in
 * Denmark): for 1, 2 and 3 years, among the tracks whose business has reached that anniversary,
 * how many answered and how many said it still runs. `centreId`: only the tracks whose latest
 * membership is at that centre. A track the citizen left counts: the business facts are theirs to
 * give either way. Counts only, one statement.
 */
export async function survivalShare(db: Kysely<VentureTables>, options: { centreId?: string; today: string }): Promise<SurvivalShare> {
  const { centreId, today } = options;
  if (!isDate(today)) throw new InvalidValue('today', 'a date YYYY-MM-DD');
  const row = await db
    .withSchema('rm')
    .selectFrom('venture_tracks')
    .where('started_on', 'is not', null)
    .$if(centreId !== undefined, (q) => q.where('centre_id', '=', centreId!))
    .select(
      SURVIVAL_YEARS.flatMap((years) => {
        const reached = sql`${anniversary(years)} <= ${today}`;
        const running = sql.ref(SURVIVAL_COLUMNS[years].running);
        return [
          sql<number>`count(*) filter (where ${reached})::int`.as(`reached_${years}`),
          sql<number>`count(*) filter (where ${reached} and ${running} is not null)::int`.as(`answered_${years}`),
          sql<number>`count(*) filter (where ${reached} and ${running})::int`.as(`running_${years}`),
        ];
      }),
    )
    .executeTakeFirstOrThrow();
  const counts = row as Record<string, number>;
  return {
    goal: SURVIVAL_GOAL,
    years: SURVIVAL_YEARS.map((years) => {
      const answered = counts[`answered_${years}`] ?? 0;
      const running = counts[`running_${years}`] ?? 0;
      const share = answered === 0 ? null : running / answered;
      return { years, reached: counts[`reached_${years}`] ?? 0, answered, running, share, meetsGoal: share === null ? null : share >= SURVIVAL_GOAL };
    }),
  };
}

/** A year's figures as they may be shown: a count of 1–4 businesses is hidden (null), and so is the share unless it rests on enough answers. */
export interface PublishedSurvivalAt {
  years: SurvivalYear;
  reached: number | null;
  answered: number | null;
  running: number | null;
  share: number | null;
  meetsGoal: boolean | null;
}
export interface PublishedSurvival {
  goal: typeof SURVIVAL_GOAL;
  years: PublishedSurvivalAt[];
}

/** A count of citizens as published: 0 and 5 or more shown, 1–4 hidden. */
const published = (n: number): number | null => (n > 0 && n < MIN_PUBLISHED_COUNT ? null : n);

/**
 * The survival share as staff and the board may see it, under the research's disclosure rules: a
 * centre's businesses are few, and "1 of 1 still runs" tells of one person's business. Counts of
 * 1–4 are hidden; the share, how many still run and whether the goal is met are shown only when
 * at least 10 answered (a group under 10 is never a benchmark) and at least 5 each still run and
 * do not (fewer, or none, would tell those owners' answers, or everyone's).
 */
export function publishSurvival(share: SurvivalShare): PublishedSurvival {
  return {
    goal: share.goal,
    years: share.years.map((y) => {
      // Neither side at 0 either: "all still run" or "none runs" tells every owner's answer.
      const shown = y.answered >= MIN_BENCHMARK_GROUP && y.running >= MIN_PUBLISHED_COUNT && y.answered - y.running >= MIN_PUBLISHED_COUNT;
      return {
        years: y.years,
        reached: published(y.reached),
        answered: published(y.answered),
        running: shown ? y.running : null,
        share: shown ? y.share : null,
        meetsGoal: shown ? y.meetsGoal : null,
      };
    }),
  };
}

