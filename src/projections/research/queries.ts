import { type Kysely, sql, type RawBuilder } from 'kysely';
import { municipalityByCode } from '../../domain/centre/municipalities.js';
import { InvalidValue } from '../../domain/shared/errors.js';
import type { ResearchFact } from '../../research/facts.js';
import { type Aggregated, type Grouping, type IndicatorId, type IndicatorTable, INDICATORS, type PeriodKind, publishIndicator } from '../../research/indicators.js';

const ZONE = 'Europe/Copenhagen';

/** A date YYYY-MM-DD that exists, or an InvalidValue naming the field. */
function day(field: string, value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const valid = m !== null && (() => {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
  })();
  if (!valid) throw new InvalidValue(field, 'a date YYYY-MM-DD');
  return value;
}

/** The first moment of a Copenhagen day, and the first moment after another: [from, to). */
const startOf = (date: string) => sql`((${date}::date)::timestamp at time zone ${ZONE})`;
const endOf = (date: string) => sql`(((${date}::date) + 1)::timestamp at time zone ${ZONE})`;

interface FactRecord {
  position: number | string;
  citizen_id: string;
  centre_id: string;
  municipality_code: string;
  occurred_at: Date;
  kind: ResearchFact['kind'];
  channel: ResearchFact['channel'];
  booked_by: ResearchFact['bookedBy'];
  offer_kind: string | null;
  offer_source: ResearchFact['offerSource'];
  answer: ResearchFact['answer'];
  participation_end: ResearchFact['participationEnd'];
  goal_category: ResearchFact['goalCategory'];
  outcome_kind: ResearchFact['outcomeKind'];
  duration_days: number | null;
}

const toFact = (r: FactRecord): ResearchFact => ({
  position: Number(r.position),
  citizenId: r.citizen_id,
  centreId: r.centre_id,
  municipalityCode: r.municipality_code,
  occurredAt: r.occurred_at.toISOString(),
  kind: r.kind,
  channel: r.channel,
  bookedBy: r.booked_by,
  offerKind: r.offer_kind,
  offerSource: r.offer_source,
  answer: r.answer,
  participationEnd: r.participation_end,
  goalCategory: r.goal_category,
  outcomeKind: r.outcome_kind,
  durationDays: r.duration_days,
});

/**
 * The facts whose occurredAt falls in the period (dates YYYY-MM-DD, both included, Europe/Copenhagen
 * days), in log order, erased citizens left out, a page at a time (keyset on the position).
 */
export async function* researchFacts(db: Kysely<any>, period: { from: string; to: string }, pageSize = 10_000): AsyncGenerator<ResearchFact[]> {
  const from = day('from', period.from);
  const to = day('to', period.to);
  if (to < from) throw new InvalidValue('to', 'the period’s last day comes on or after its first');
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new InvalidValue('pageSize', 'a whole number of facts, at least 1');
  let after = 0;
  for (;;) {
    const { rows } = await sql<FactRecord>`
      select f.position, f.citizen_id, f.centre_id, f.municipality_code, f.occurred_at, f.kind, f.channel, f.booked_by, f.offer_kind, f.offer_source,
             f.answer, f.participation_end, f.goal_category, f.outcome_kind, f.duration_days
        from rm.research_facts f
       where f.position > ${after}
         and f.occurred_at >= ${startOf(from)} and f.occurred_at < ${endOf(to)}
         and not exists (select 1 from rm.research_erased e where e.citizen_id = f.citizen_id)
       order by f.position
       limit ${pageSize}`.execute(db);
    if (rows.length === 0) return;
    yield rows.map(toFact);
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.position);
  }
}

// ——— The indicators, in SQL ———

/**
 * The units of an indicator in [from, to): one row per thing counted, with where and when it
 * was, its category, its citizen (null for spending), what it adds to the numerator and the
 * denominator, and its duration. Erased citizens are left out.
 */
function unitsOf(indicator: IndicatorId, from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<unknown> {
  const facts = (kinds: string[] | null) => sql`
    select f.* from rm.research_facts f
     where f.occurred_at >= ${from} and f.occurred_at < ${to}
       ${kinds ? sql`and f.kind = any(${kinds}::text[])` : sql``}
       and not exists (select 1 from rm.research_erased e where e.citizen_id = f.citizen_id)`;
  const unit = (body: RawBuilder<unknown>, columns: RawBuilder<unknown>) => sql`select f.centre_id, f.municipality_code, f.occurred_at as at, ${columns} from (${body}) f`;
  const plain = (cat: RawBuilder<unknown>, num: RawBuilder<unknown>, den: RawBuilder<unknown>, x: RawBuilder<unknown>) =>
    sql`${cat}::text as cat, f.citizen_id, (${num})::float8 as num, (${den})::float8 as den, (${x})::float8 as x`;
  // Spending recorded against the expenditure lines of annual budgets (the budgets read model), in
  // kroner, by the day it was spent; a correction takes its amount off on its own day. Revenue
  // received is not spending. A line of version 1 named no nature: it is expenditure.
  const spending = sql`
    select b.centre_id::text as centre_id, coalesce(c.municipality_code, '') as municipality_code,
           (((b.data->>'on')::date)::timestamp at time zone ${ZONE}) as at,
           null::text as cat, null::text as citizen_id,
           ((case when b.type = 'SpendingCorrected' then -1 else 1 end) * (b.data->>'amountOre')::numeric / 100)::float8 as num, 0::float8 as den, null::float8 as x
      from rm.budget_events b
      join rm.budget_events l on l.budget_id = b.budget_id and l.type = 'BudgetLineProposed' and l.data->>'lineId' = b.data->>'lineId'
                             and coalesce(l.data->>'nature', 'expenditure') = 'expenditure'
      left join rm.research_centres c on c.centre_id = b.centre_id::text
     where b.type in ('SpendingRecorded', 'SpendingCorrected')
       and (((b.data->>'on')::date)::timestamp at time zone ${ZONE}) >= ${from}
       and (((b.data->>'on')::date)::timestamp at time zone ${ZONE}) < ${to}`;
  const offers = (num: RawBuilder<unknown>, den: RawBuilder<unknown>) => sql`
    select f.centre_id, f.municipality_code, f.occurred_at as at, coalesce(f.offer_kind, f.offer_source) as cat, f.citizen_id,
           (${num})::float8 as num, (${den})::float8 as den, null::float8 as x
      from (${facts(['offer_made'])}) f
      left join (select offer_id, bool_or(answer = 'accepted') as accepted, bool_or(answer = 'declined') as declined, bool_or(answer = 'withdrawn') as withdrawn
                   from rm.research_facts where kind = 'offer_answered' group by offer_id) a on a.offer_id = f.offer_id`;
  switch (indicator) {
    case 'contacts_per_citizen':
      return unit(facts(['first_contact', 'conversation_held']), plain(sql`null`, sql`1`, sql`0`, sql`null`));
    case 'first_contact_channel_share':
      return unit(facts(['first_contact']), plain(sql`f.channel`, sql`1`, sql`0`, sql`null`));
    case 'self_booked_share':
      return unit(facts(['conversation_booked']), plain(sql`null`, sql`(f.booked_by = 'citizen')::int`, sql`1`, sql`null`));
    case 'time_to_first_conversation':
      return unit(sql`${facts(['conversation_held'])} and f.duration_days is not null`, plain(sql`null`, sql`0`, sql`0`, sql`f.duration_days`));
    case 'offers_per_citizen':
      return unit(facts(null), plain(sql`null`, sql`(f.kind = 'offer_made')::int`, sql`0`, sql`null`));
    case 'offer_uptake_rate':
      return offers(sql`coalesce(a.accepted, false)::int`, sql`1`);
    case 'offer_decline_rate':
      return offers(sql`(coalesce(a.declined, false) and not coalesce(a.accepted, false))::int`, sql`1`);
    case 'consent_withdrawal_rate':
      return offers(sql`(coalesce(a.accepted, false) and coalesce(a.withdrawn, false))::int`, sql`coalesce(a.accepted, false)::int`);
    case 'participation_duration':
      return unit(sql`${facts(['participation_ended'])} and f.duration_days is not null`, plain(sql`null`, sql`0`, sql`0`, sql`f.duration_days`));
    case 'time_to_first_outcome':
      return unit(sql`${facts(['outcome_reported'])} and f.duration_days is not null`, plain(sql`f.outcome_kind`, sql`0`, sql`0`, sql`f.duration_days`));
    case 'repeat_use':
      // Whether the citizen had begun a journey before: over the whole log, not just the period.
      return sql`
        select f.centre_id, f.municipality_code, f.occurred_at as at, null::text as cat, f.citizen_id, (f.n > 1)::int::float8 as num, 1::float8 as den, null::float8 as x
          from (select s.*, row_number() over (partition by s.citizen_id order by s.position) as n from rm.research_facts s where s.kind = 'first_contact') f
         where f.occurred_at >= ${from} and f.occurred_at < ${to}
           and not exists (select 1 from rm.research_erased e where e.citizen_id = f.citizen_id)`;
    case 'cost_per_citizen':
      return sql`${unit(facts(null), plain(sql`null`, sql`0`, sql`0`, sql`null`))} union all ${spending}`;
    case 'cost_per_conversation':
      return sql`${unit(facts(['conversation_held']), plain(sql`null`, sql`0`, sql`1`, sql`null`))} union all ${spending}`;
    default: {
      const unhandled: never = indicator;
      return unhandled;
    }
  }
}

interface AggregatedRow {
  grp: string | null;
  per: string | null;
  cat: string | null;
  citizens: number | string;
  num: number | null;
  den: number | null;
  median: number | null;
}

const toAggregated = (r: AggregatedRow): Aggregated => ({
  group: r.grp,
  period: r.per,
  category: r.cat,
  citizens: Number(r.citizens),
  num: r.num ?? 0,
  den: r.den ?? 0,
  median: r.median === null ? null : Math.round(r.median * 10) / 10,
});

const periodFormat = (per: PeriodKind) => (per === 'month' ? 'YYYY-MM' : 'YYYY-"Q"Q');

/** One indicator's table for a calendar year, under disclosure control, computed in one query. */
export async function indicatorTable(db: Kysely<any>, query: { indicator: IndicatorId; by: Grouping; per: PeriodKind; year: number }): Promise<IndicatorTable> {
  const { indicator, by, per, year } = query;
  const from = startOf(`${year}-01-01`);
  const to = startOf(`${year + 1}-01-01`);
  const grp = by === 'centre' ? sql`u.centre_id` : sql`u.municipality_code`;
  // The period as the start of its month or quarter (cheap to group by), written out after grouping.
  const units = sql`select ${grp} as grp, date_trunc(${per}, u.at at time zone ${ZONE}) as per, u.cat, u.citizen_id, u.num, u.den, u.x
                      from (${unitsOf(indicator, from, to)}) u`;
  // Counts and sums are needed per cell only (totals are the sums of cells): one pass, per
  // citizen first, which hashes well. Medians need their lines too: grouping sets.
  const { rows } =
    INDICATORS[indicator].aggregate === 'median'
      ? await sql<AggregatedRow>`
          select s.grp, to_char(s.per, ${periodFormat(per)}) as per, s.cat, count(distinct s.citizen_id) as citizens, sum(s.num) as num, sum(s.den) as den,
                 percentile_cont(0.5) within group (order by s.x) as median
            from (${units}) s
           where s.grp <> ''
           group by grouping sets ((s.grp, s.per, s.cat), (s.grp, s.per), (s.grp), (s.per, s.cat), (s.per), (s.cat), ())`.execute(db)
      : await sql<AggregatedRow>`
          select c.grp, to_char(c.per, ${periodFormat(per)}) as per, c.cat, count(c.citizen_id) as citizens, sum(c.num) as num, sum(c.den) as den, null::float8 as median
            from (select s.grp, s.per, s.cat, s.citizen_id, sum(s.num) as num, sum(s.den) as den from (${units}) s where s.grp <> '' group by s.grp, s.per, s.cat, s.citizen_id) c
           group by c.grp, c.per, c.cat`.execute(db);
  const aggregated = rows.map(toAggregated);
  // Groups: those with citizens in the year (a group of spending only has no cell to show).
  const groups = [...new Set(aggregated.filter((a) => a.group !== null && a.citizens > 0).map((a) => a.group!))].sort();
  return publishIndicator({ indicator, by, per, year, groups }, aggregated);
}

/**
 * Every municipality's and the country's whole month, quarter and year of one indicator in a
 * year, keyed `<municipality or national>|<YYYY-MM, YYYY-Qn or YYYY>`: the figures set beside a
 * baseline, in one query.
 */
export async function indicatorLines(db: Kysely<any>, indicator: IndicatorId, year: number): Promise<Map<string, Aggregated>> {
  const from = startOf(`${year}-01-01`);
  const to = startOf(`${year + 1}-01-01`);
  const { rows } = await sql<AggregatedRow & { month: string | null; quarter: string | null; whole: string | null }>`
    select s.grp, s.month, s.quarter, s.whole, null as per, null as cat, count(distinct s.citizen_id) as citizens, sum(s.num) as num, sum(s.den) as den,
           percentile_cont(0.5) within group (order by s.x) as median
      from (select u.municipality_code as grp, to_char(u.at at time zone ${ZONE}, 'YYYY-MM') as month, to_char(u.at at time zone ${ZONE}, 'YYYY-"Q"Q') as quarter,
                   to_char(u.at at time zone ${ZONE}, 'YYYY') as whole, u.citizen_id, u.num, u.den, u.x
              from (${unitsOf(indicator, from, to)}) u) s
     where s.grp <> ''
     group by grouping sets ((s.grp, s.month), (s.grp, s.quarter), (s.grp, s.whole), (s.month), (s.quarter), (s.whole))`.execute(db);
  const out = new Map<string, Aggregated>();
  for (const r of rows) {
    const period = r.month ?? r.quarter ?? r.whole;
    if (period === null) continue;
    out.set(`${r.grp ?? 'national'}|${period}`, toAggregated(r));
  }
  return out;
}

/** The names of the table's groups: a centre's name, or a municipality's. */
export async function groupLabels(db: Kysely<any>, by: Grouping, groups: readonly string[]): Promise<Map<string, string>> {
  if (by === 'municipality') return new Map(groups.map((code) => [code, municipalityByCode(code)?.name ?? code]));
  if (groups.length === 0) return new Map();
  const { rows } = await sql<{ centre_id: string; name: string }>`select centre_id, name from rm.research_centres where centre_id = any(${[...groups]}::text[])`.execute(db);
  return new Map(groups.map((id) => [id, rows.find((r) => r.centre_id === id)?.name ?? id]));
}
