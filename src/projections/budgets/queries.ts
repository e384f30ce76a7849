import { type Kysely, type Selectable, sql } from 'kysely';
import type { Amounts, BudgetKind, LineNature } from '../../domain/budget/budget.js';
import { STANDARD_ACCOUNTS } from '../../domain/budget/budget.js';
import type { CentreTables } from '../centres/tables.js';
import { type BudgetView, type HistoryEvent, type LineView, replay } from './replay.js';
import type { BudgetTables } from './tables.js';

export interface BudgetSummary {
  budgetId: string;
  centreId: string;
  fiscalYear: number;
  kind: 'annual' | 'development';
  status: 'draft' | 'approved' | 'submitted' | 'enacted' | 'closed';
  version: number;
  draftedAt: string;
  updatedAt: string;
}

const toSummary = (r: Selectable<BudgetTables['budgets']>): BudgetSummary => ({
  budgetId: r.budget_id,
  centreId: r.centre_id,
  fiscalYear: r.fiscal_year,
  kind: r.kind,
  status: r.status,
  version: r.version,
  draftedAt: r.drafted_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export async function listBudgets(db: Kysely<BudgetTables>, centreId: string): Promise<BudgetSummary[]> {
  const rows = await db.withSchema('rm').selectFrom('budgets').selectAll().where('centre_id', '=', centreId).orderBy('fiscal_year', 'desc').orderBy('kind').execute();
  return rows.map(toSummary);
}

export async function getBudget(db: Kysely<BudgetTables>, budgetId: string): Promise<BudgetSummary | null> {
  const row = await db.withSchema('rm').selectFrom('budgets').selectAll().where('budget_id', '=', budgetId).executeTakeFirst();
  return row ? toSummary(row) : null;
}

const toHistory = (r: Selectable<BudgetTables['budget_events']>): HistoryEvent => ({ position: Number(r.global_position), type: r.type, data: r.data, actorId: r.actor_id, actorRole: r.actor_role, at: r.occurred_at });

/** One budget's events in log order. */
export async function budgetHistory(db: Kysely<BudgetTables>, budgetId: string): Promise<HistoryEvent[]> {
  const rows = await db.withSchema('rm').selectFrom('budget_events').selectAll().where('budget_id', '=', budgetId).orderBy('global_position').execute();
  return rows.map(toHistory);
}

/**
 * Every budget event of a centre, or of a fiscal year's budgets, grouped by budget, in log order.
 * The rows come as one JSON array: one parse instead of a driver row per event keeps a decade of
 * a centre's history well inside the replay budget. (Raw SQL: an aggregate into one JSON text.)
 * Any database with the budgets' tables will do: the roll-up's also has the centres'.
 */
async function histories<DB extends BudgetTables>(db: Kysely<DB>, filter: { centreId: string } | { fiscalYear: number; kind: BudgetKind }): Promise<Map<string, HistoryEvent[]>> {
  const tuple = sql`json_build_array(e.global_position, e.budget_id, e.type, e.data, e.actor_id, e.actor_role, e.occurred_at)`;
  const { rows } =
    'centreId' in filter
      ? await sql<{ events: string }>`select coalesce(json_agg(${tuple} order by e.global_position), '[]')::text as events
                                      from rm.budget_events e where e.centre_id = ${filter.centreId}`.execute(db)
      : await sql<{ events: string }>`select coalesce(json_agg(${tuple} order by e.global_position), '[]')::text as events
                                      from rm.budget_events e join rm.budgets b using (budget_id)
                                      where b.fiscal_year = ${filter.fiscalYear} and b.kind = ${filter.kind}`.execute(db);
  const out = new Map<string, HistoryEvent[]>();
  for (const [position, budgetId, type, data, actorId, actorRole, at] of JSON.parse(rows[0]!.events) as [number, string, HistoryEvent['type'], unknown, string, string, string][]) {
    let list = out.get(budgetId);
    if (!list) out.set(budgetId, (list = []));
    list.push({ position, type, data, actorId, actorRole, at: new Date(at) });
  }
  return out;
}

/** Every budget of a centre as of a moment (replayed from its events). */
export async function centreBudgetsAsOf(db: Kysely<BudgetTables>, centreId: string, asOf?: Date): Promise<BudgetView[]> {
  const all = await histories(db, { centreId });
  return [...all.values()].map((events) => replay(events, asOf)).filter((v): v is BudgetView => v !== null);
}

export interface FinanceActRow {
  financeAccount: string;
  standardAccount: string;
  standardAccountName: string | null;
  /** Expenditure and revenue of one account are rows of their own, as in the Finance Act. */
  nature: LineNature;
  descriptions: string[];
  /** R: the accounts of year Y-2, as closed at its year-end (null while its accounts are open). */
  R: number | null;
  /** B: the enacted budget of year Y-1. */
  B: number | null;
  /** F: this year's appropriation, as enacted. */
  F: number | null;
  /** BO1–BO3: estimates for Y+1..Y+3 from the development budget. */
  BO1: number | null;
  BO2: number | null;
  BO3: number | null;
}

/**
 * A centre's budget in the Finance Act's columns for fiscal year Y, one row per account: R (the
 * accounts of Y-2 as closed at its year-end), B (Y-1 as enacted), F (Y as enacted), BO1–BO3 (Y+1..Y+3 from the newest
 * approved development budget covering them). Drafts are never in it.
 */
export function financeActColumns(budgets: readonly BudgetView[], year: number): FinanceActRow[] {
  const annual = (y: number) => budgets.find((b) => b.kind === 'annual' && b.fiscalYear === y && (b.status === 'enacted' || b.status === 'closed'));
  const development = budgets
    .filter((b) => b.kind === 'development' && b.status !== 'draft' && [1, 2, 3].every((k) => b.years.includes(year + k)))
    .sort((a, b) => b.fiscalYear - a.fiscalYear)[0];
  const rows = new Map<string, FinanceActRow>();
  const row = (line: LineView) => rowFor(rows, line);
  const add = (a: number | null, b: number) => (a ?? 0) + b;
  // R is the accounts: only a year whose accounts were closed has them.
  const accounts = annual(year - 2);
  for (const line of accounts?.status === 'closed' ? accounts.lines : []) {
    const r = row(line);
    r.R = add(r.R, line.accountsOre ?? 0);
  }
  for (const [column, y] of [['B', year - 1], ['F', year]] as const) {
    for (const line of annual(y)?.lines ?? []) {
      const r = row(line);
      r[column] = add(r[column], line.enacted?.[y] ?? 0);
    }
  }
  for (const line of development?.lines ?? []) {
    const r = row(line);
    const source: Amounts = line.enacted ?? line.amounts;
    (['BO1', 'BO2', 'BO3'] as const).forEach((column, k) => {
      r[column] = add(r[column], source[year + k + 1] ?? 0);
    });
  }
  return sortRows(rows.values());
}

const rowKey = (l: { financeAccount: string; standardAccount: string; nature: LineNature }) => `${l.financeAccount}-${l.standardAccount}-${l.nature}`;

/** The Finance Act row of a line's account, standard account and nature, made on first use; the line's text joins its descriptions. */
function rowFor(rows: Map<string, FinanceActRow>, line: LineView): FinanceActRow {
  const key = rowKey(line);
  let r = rows.get(key);
  if (!r) {
    r = { financeAccount: line.financeAccount, standardAccount: line.standardAccount, standardAccountName: STANDARD_ACCOUNTS[line.standardAccount]?.da ?? null, nature: line.nature, descriptions: [], R: null, B: null, F: null, BO1: null, BO2: null, BO3: null };
    rows.set(key, r);
  }
  if (!r.descriptions.includes(line.description)) r.descriptions.push(line.description);
  return r;
}

/** By account, then standard account, expenditure before revenue. */
const sortRows = (rows: Iterable<FinanceActRow>) =>
  [...rows].sort((a, b) => (a.financeAccount + a.standardAccount).localeCompare(b.financeAccount + b.standardAccount) || (a.nature === b.nature ? 0 : a.nature === 'expenditure' ? -1 : 1));

/** Today's job centres cost about DKK 12–13 billion a year: a sanity line for the national total. */
export const TODAYS_JOB_CENTRES_ORE = { low: 12_000_000_000 * 100, high: 13_000_000_000 * 100 };

/** Approved, enacted and spent (or received) øre. */
export interface RollUpSums {
  approvedOre: number;
  enactedOre: number;
  spentOre: number;
}
const noSums = (): RollUpSums => ({ approvedOre: 0, enactedOre: 0, spentOre: 0 });
const addTo = (to: RollUpSums, from: RollUpSums) => {
  to.approvedOre += from.approvedOre;
  to.enactedOre += from.enactedOre;
  to.spentOre += from.spentOre;
};
const netOf = (expenditure: RollUpSums, revenue: RollUpSums): RollUpSums => ({
  approvedOre: expenditure.approvedOre - revenue.approvedOre,
  enactedOre: expenditure.enactedOre - revenue.enactedOre,
  spentOre: expenditure.spentOre - revenue.spentOre,
});

/**
 * Per fiscal year, as of a moment (default: now): every centre's annual budget side by side,
 * totals per standard account, the national total. Expenditure and revenue apart; the plain sums
 * are net (expenditure less revenue), as the Finance Act's net total. It names the centres from
 * read model `centres`, hence both models' tables.
 */
export async function nationalRollUp(db: Kysely<BudgetTables & CentreTables>, fiscalYear: number, asOf?: Date) {
  const budgets = await histories(db, { fiscalYear, kind: 'annual' });
  const centres = await db.withSchema('rm').selectFrom('centres').select(['centre_id', 'name', 'municipality_code', 'municipality_name']).execute();
  const centreById = new Map(centres.map((c) => [c.centre_id, c]));
  const byStandard = new Map<string, { standardAccount: string; nature: LineNature; sums: RollUpSums }>();
  const total = { expenditure: noSums(), revenue: noSums() };
  const rows = [];
  for (const events of budgets.values()) {
    const view = replay(events, asOf);
    if (!view || view.status === 'draft') continue; // drafts are the board's, not the country's
    const c = centreById.get(view.centreId);
    const sums = { expenditure: noSums(), revenue: noSums() };
    for (const line of view.lines) {
      const of = { approvedOre: line.amounts[fiscalYear] ?? 0, enactedOre: line.enacted?.[fiscalYear] ?? 0, spentOre: line.spentOre };
      addTo(sums[line.nature], of);
      const key = `${line.standardAccount}-${line.nature}`;
      const s = byStandard.get(key) ?? { standardAccount: line.standardAccount, nature: line.nature, sums: noSums() };
      addTo(s.sums, of);
      byStandard.set(key, s);
    }
    addTo(total.expenditure, sums.expenditure);
    addTo(total.revenue, sums.revenue);
    const net = netOf(sums.expenditure, sums.revenue);
    const enacted = view.status === 'enacted' || view.status === 'closed';
    rows.push({
      centreId: view.centreId,
      centreName: c?.name ?? null,
      municipality: c ? { code: c.municipality_code, name: c.municipality_name } : null,
      budgetId: view.budgetId,
      status: view.status,
      approvedOre: net.approvedOre,
      enactedOre: enacted ? net.enactedOre : null,
      spentOre: net.spentOre,
      expenditure: { ...sums.expenditure, enactedOre: enacted ? sums.expenditure.enactedOre : null },
      revenue: { ...sums.revenue, enactedOre: enacted ? sums.revenue.enactedOre : null },
    });
  }
  rows.sort((a, b) => (a.municipality?.code ?? '').localeCompare(b.municipality?.code ?? '') || (a.centreName ?? '').localeCompare(b.centreName ?? ''));
  return {
    fiscalYear,
    asOf: asOf ? asOf.toISOString() : null,
    centres: rows,
    byStandardAccount: [...byStandard.values()]
      .sort((a, b) => a.standardAccount.localeCompare(b.standardAccount) || a.nature.localeCompare(b.nature))
      .map((s) => ({ standardAccount: s.standardAccount, standardAccountName: STANDARD_ACCOUNTS[s.standardAccount]?.da ?? null, nature: s.nature, ...s.sums })),
    national: { ...netOf(total.expenditure, total.revenue), expenditure: total.expenditure, revenue: total.revenue },
    reference: { todaysJobCentresOre: TODAYS_JOB_CENTRES_ORE, note: 'Today’s job centres cost about DKK 12–13 billion a year.' },
  };
}

/**
 * The Finance Act columns for a budget's fiscal year as its board sees them while working on it:
 * the centre's other budgets as `financeActColumns` takes them, and this one as it stands in the
 * columns it fills (F for an annual budget, BO1–BO3 for a development budget), its proposed
 * amounts until it is enacted. For the board and staff of the centre: a draft is in it.
 */
export function financeActColumnsWith(budgets: readonly BudgetView[], view: BudgetView): FinanceActRow[] {
  const year = view.fiscalYear;
  const rows = new Map(financeActColumns(budgets.filter((b) => b.budgetId !== view.budgetId), year).map((r) => [rowKey(r), r]));
  if (view.kind === 'development') for (const r of rows.values()) Object.assign(r, { BO1: null, BO2: null, BO3: null });
  for (const line of view.lines) {
    const r = rowFor(rows, line);
    const source: Amounts = line.enacted ?? line.amounts;
    if (view.kind === 'annual') r.F = (r.F ?? 0) + (source[year] ?? 0);
    else (['BO1', 'BO2', 'BO3'] as const).forEach((column, k) => (r[column] = (r[column] ?? 0) + (source[year + k + 1] ?? 0)));
  }
  return sortRows([...rows.values()].filter((r) => [r.R, r.B, r.F, r.BO1, r.BO2, r.BO3].some((v) => v !== null)));
}

/** Whether the read model has taken in the budget event at this log position: a page may then show what was just recorded. */
export async function budgetEventSeen(db: Kysely<BudgetTables>, position: number): Promise<boolean> {
  const row = await db.withSchema('rm').selectFrom('budget_events').select('global_position').where('global_position', '=', String(position)).executeTakeFirst();
  return row !== undefined;
}

/** Every centre's budgets with a status, oldest change first (e.g. those submitted for the Finance Act, for an administrator to record). */
export async function budgetsWithStatus(db: Kysely<BudgetTables>, status: BudgetSummary['status']): Promise<BudgetSummary[]> {
  const rows = await db.withSchema('rm').selectFrom('budgets').selectAll().where('status', '=', status).orderBy('updated_at').execute();
  return rows.map(toSummary);
}
