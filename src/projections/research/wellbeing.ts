/**
 * The WHO-5 well-being answers in aggregate (issue 12): how citizens who chose to answer felt at
 * their first answer, and how that changed by their latest. The scores are health data, sealed
 * under each citizen's key: they are opened here, only to be counted and averaged, and never leave
 * as anything but a protected table. An erased citizen's answers open as erased and are left out.
 *
 * Per group (municipality or centre) of the citizen's first answer in the year: how many answered
 * (a count under disclosure control, with secondary suppression over the groups), the mean
 * percentage score (0–100) of their first answers, how many answered again at least 14 days later,
 * and the mean change from first to latest among them. A mean is shown only where its count is.
 */
import { type Kysely, sql } from 'kysely';
import { who5Percentage } from '../../domain/journey/who5.js';
import { ERASED, type PersonalData } from '../../privacy/sealed.js';
import { mayShowAsBenchmark, type PublishedCount, protectTable } from '../../research/disclosure.js';
import type { Grouping } from '../../research/indicators.js';
import { NO_DETAILS, type ResearchFact } from '../../research/facts.js';

/** A later answer counts as "again" from two weeks after the first: the WHO-5 asks about the last two weeks. */
export const AGAIN_AFTER_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;

export interface WellBeingRow {
  group: string;
  answered: PublishedCount;
  /** Mean WHO-5 percentage score of the first answers, one decimal; null where `answered` is not shown. */
  firstMean: number | null;
  answeredAgain: PublishedCount;
  /** Mean change in percentage points from first to latest answer; null where `answeredAgain` is not shown. */
  changeMean: number | null;
  /** Whether the group may stand as a benchmark (10 citizens or more). */
  benchmark: boolean;
}

export interface WellBeingTable {
  by: Grouping;
  year: number;
  rows: WellBeingRow[];
  total: Omit<WellBeingRow, 'group' | 'benchmark'>;
}

interface Citizen {
  group: string;
  first: number;
  firstAt: number;
  latest: number | null;
}

const mean = (values: readonly number[]) => (values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10);
const shown = (count: PublishedCount, values: readonly number[]) => ('value' in count && count.value > 0 ? mean(values) : null);

/** The year's table, by municipality or centre, protected as every research table is. */
export async function wellBeingTable(db: Kysely<any>, vault: PersonalData, spec: { by: Grouping; year: number }): Promise<WellBeingTable> {
  const { rows } = await sql<{ citizen_id: string; centre_id: string; municipality_code: string | null; occurred_at: Date; scores: unknown }>`
    select r.citizen_id, r.centre_id, c.municipality_code, r.occurred_at, r.data -> 'scores' as scores
      from rm.journey_records r
      left join rm.research_centres c on c.centre_id = r.centre_id
     where r.event_type = 'WellBeingAnswered'
       and r.citizen_id not in (select citizen_id from rm.research_erased)
       and r.citizen_id in (
         select citizen_id from rm.journey_records
          where event_type = 'WellBeingAnswered'
          group by citizen_id
         having extract(year from min(occurred_at) at time zone 'Europe/Copenhagen') = ${spec.year})
     order by r.citizen_id, r.position`.execute(db);

  const citizens = new Map<string, Citizen>();
  for (const row of rows) {
    const scores = await vault.open<number[]>(row.scores);
    if (scores === ERASED || !Array.isArray(scores)) continue;
    const pct = who5Percentage(scores);
    const at = new Date(row.occurred_at).getTime();
    const known = citizens.get(row.citizen_id);
    if (!known) {
      const group = spec.by === 'municipality' ? (row.municipality_code ?? 'unknown') : row.centre_id;
      citizens.set(row.citizen_id, { group, first: pct, firstAt: at, latest: null });
    } else if (at - known.firstAt >= AGAIN_AFTER_DAYS * DAY_MS) {
      known.latest = pct;
    }
  }

  const byGroup = new Map<string, Citizen[]>();
  for (const c of citizens.values()) {
    const list = byGroup.get(c.group);
    if (list) list.push(c);
    else byGroup.set(c.group, [c]);
  }
  const groups = [...byGroup.keys()].sort();
  if (groups.length === 0) {
    const none = { value: 0 };
    return { by: spec.by, year: spec.year, rows: [], total: { answered: none, firstMean: null, answeredAgain: none, changeMean: null } };
  }
  const members = groups.map((g) => byGroup.get(g)!);
  // Two one-column tables, each protected over its groups and total: everyone who answered, and
  // those who answered again (a part of them, so never more; no cell of one is a sum of the other's).
  const answered = protectTable({ cells: members.map((m) => [m.length]) });
  const again = protectTable({ cells: members.map((m) => [m.filter((c) => c.latest !== null).length]) });
  const firsts = (m: readonly Citizen[]) => m.map((c) => c.first);
  const changes = (m: readonly Citizen[]) => m.filter((c) => c.latest !== null).map((c) => c.latest! - c.first);
  const all = [...citizens.values()];
  return {
    by: spec.by,
    year: spec.year,
    rows: groups.map((group, i) => ({
      group,
      answered: answered.cells[i]![0]!,
      firstMean: shown(answered.cells[i]![0]!, firsts(members[i]!)),
      answeredAgain: again.cells[i]![0]!,
      changeMean: shown(again.cells[i]![0]!, changes(members[i]!)),
      benchmark: mayShowAsBenchmark(members[i]!.length) && 'value' in answered.cells[i]![0]!,
    })),
    total: {
      answered: answered.grandTotal,
      firstMean: shown(answered.grandTotal, firsts(all)),
      answeredAgain: again.grandTotal,
      changeMean: shown(again.grandTotal, changes(all)),
    },
  };
}

/**
 * The WHO-5 answers given on Danish days `from`–`to` (both included) as research facts, for a study's
 * export that asks for the score: opened here on the way out, erased citizens left out, paged by
 * the log's position. The research read model itself never holds a score.
 */
export async function* wellBeingFacts(db: Kysely<any>, vault: PersonalData, period: { from: string; to: string }, pageSize = 5_000): AsyncGenerator<ResearchFact[]> {
  let after = '0';
  for (;;) {
    const { rows } = await sql<{ position: string; citizen_id: string; centre_id: string; municipality_code: string | null; occurred_at: Date; scores: unknown }>`
      select r.position::text as position, r.citizen_id, r.centre_id, c.municipality_code, r.occurred_at, r.data -> 'scores' as scores
        from rm.journey_records r
        left join rm.research_centres c on c.centre_id = r.centre_id
       where r.event_type = 'WellBeingAnswered'
         and r.position > ${after}::bigint
         and (r.occurred_at at time zone 'Europe/Copenhagen')::date between ${period.from}::date and ${period.to}::date
         and r.citizen_id not in (select citizen_id from rm.research_erased)
       order by r.position
       limit ${pageSize}`.execute(db);
    if (rows.length === 0) return;
    after = rows.at(-1)!.position;
    const facts: ResearchFact[] = [];
    for (const row of rows) {
      const scores = await vault.open<number[]>(row.scores);
      if (scores === ERASED || !Array.isArray(scores)) continue;
      facts.push({
        position: Number(row.position),
        citizenId: row.citizen_id,
        centreId: row.centre_id,
        municipalityCode: row.municipality_code ?? '',
        occurredAt: new Date(row.occurred_at).toISOString(),
        kind: 'wellbeing_answered',
        ...NO_DETAILS,
        wellbeingScore: who5Percentage(scores),
      });
    }
    yield facts;
    if (rows.length < pageSize) return;
  }
}
