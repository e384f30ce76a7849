/**
 * Replay: a budget as it stood at any moment, folded from its events (pure). Also the difference
 * between two moments and the story of one line. Times are the events' own (`occurredAt`).
 */
import { type Amounts, type BudgetEvent, type BudgetKind, financeAccountParts, STANDARD_ACCOUNTS } from '../../domain/budget/budget.js';

/** A budget event as the read model keeps it. */
export interface HistoryEvent {
  position: number;
  type: BudgetEvent['type'];
  data: any;
  actorId: string;
  actorRole: string;
  at: Date;
}

export interface Spending {
  spendingId: string;
  amountOre: number;
  on: string;
}

export interface LineView {
  lineId: string;
  financeAccount: string;
  account: ReturnType<typeof financeAccountParts>;
  standardAccount: string;
  standardAccountName: string | null;
  description: string;
  /** Proposed (and, once approved, approved) amounts per year, øre. */
  amounts: Amounts;
  withdrawn: boolean;
  /** Who: identities for the centre's board and staff; null in what the public sees. */
  proposedBy: string | null;
  proposedAt: string;
  changedBy: string | null;
  changedAt: string;
  /** Enacted amounts per year with reallocations applied; null before enactment. */
  enacted: Amounts | null;
  spentOre: number;
  spending: Spending[];
}

export interface BudgetView {
  budgetId: string;
  centreId: string;
  fiscalYear: number;
  kind: BudgetKind;
  years: number[];
  status: 'draft' | 'approved' | 'submitted' | 'enacted';
  version: number;
  approval: { resolutionId: string; version: number; at: string; by: string | null } | null;
  submittedAt: string | null;
  enactedAt: string | null;
  reallocations: { resolutionId: string; fromLineId: string; toLineId: string; year: number; amountOre: number; at: string }[];
  /** Lines not withdrawn. */
  lines: LineView[];
  totals: { amounts: Amounts; enacted: Amounts | null; spentOre: number };
  asOf: string | null;
}

/** The budget as of `asOf` (inclusive), or its latest state; null if it did not exist yet. */
export function replay(events: readonly HistoryEvent[], asOf?: Date): BudgetView | null {
  let view: BudgetView | null = null;
  const lines = new Map<string, LineView>();
  const limit = asOf?.getTime() ?? Number.POSITIVE_INFINITY;
  for (const e of events) {
    if (e.at.getTime() > limit) continue; // clocks of different servers may disagree a little: do not assume order
    const at = e.at.toISOString();
    const d = e.data;
    if (e.type === 'BudgetDrafted') {
      view = { budgetId: d.budgetId, centreId: d.centreId, fiscalYear: d.fiscalYear, kind: d.kind, years: d.years, status: 'draft', version: 0, approval: null, submittedAt: null, enactedAt: null, reallocations: [], lines: [], totals: { amounts: {}, enacted: null, spentOre: 0 }, asOf: null };
      continue;
    }
    if (!view) continue;
    switch (e.type) {
      case 'BudgetLineProposed':
        lines.set(d.lineId, {
          lineId: d.lineId,
          financeAccount: d.financeAccount,
          account: financeAccountParts(d.financeAccount),
          standardAccount: d.standardAccount,
          standardAccountName: STANDARD_ACCOUNTS[d.standardAccount]?.da ?? null,
          description: d.description,
          amounts: d.amounts,
          withdrawn: false,
          proposedBy: e.actorId,
          proposedAt: at,
          changedBy: e.actorId,
          changedAt: at,
          enacted: null,
          spentOre: 0,
          spending: [],
        });
        view.version = d.version;
        break;
      case 'BudgetLineAmended':
        change(lines, d.lineId, { description: d.description, amounts: d.amounts, changedBy: e.actorId, changedAt: at });
        view.version = d.version;
        break;
      case 'BudgetLineWithdrawn':
        change(lines, d.lineId, { withdrawn: true, changedBy: e.actorId, changedAt: at });
        view.version = d.version;
        break;
      case 'BudgetApproved':
        view.status = 'approved';
        view.approval = { resolutionId: d.resolutionId, version: d.version, at, by: e.actorId };
        break;
      case 'BudgetSubmitted':
        view.status = 'submitted';
        view.submittedAt = at;
        break;
      case 'BudgetEnacted':
        view.status = 'enacted';
        view.enactedAt = at;
        for (const l of d.lines as { lineId: string; amounts: Amounts }[]) change(lines, l.lineId, { enacted: { ...l.amounts } });
        break;
      case 'SpendingRecorded': {
        // The lines are this replay's own objects: adding to them in place is safe and keeps replay linear.
        const line = lines.get(d.lineId);
        if (line) {
          line.spentOre += d.amountOre;
          line.spending.push({ spendingId: d.spendingId, amountOre: d.amountOre, on: d.on });
        }
        break;
      }
      case 'BudgetReallocated': {
        const year = String(d.year);
        const from = lines.get(d.fromLineId);
        const to = lines.get(d.toLineId);
        if (from) from.enacted = { ...from.enacted, [year]: (from.enacted?.[year] ?? 0) - d.amountOre };
        if (to) to.enacted = { ...to.enacted, [year]: (to.enacted?.[year] ?? 0) + d.amountOre };
        view.reallocations.push({ resolutionId: d.resolutionId, fromLineId: d.fromLineId, toLineId: d.toLineId, year: d.year, amountOre: d.amountOre, at });
        break;
      }
      default: {
        const unhandled: never = e.type;
        throw new Error(`unhandled budget event ${unhandled}`);
      }
    }
  }
  if (!view) return null;
  view.lines = [...lines.values()].filter((l) => !l.withdrawn).sort((a, b) => (a.financeAccount + a.standardAccount).localeCompare(b.financeAccount + b.standardAccount) || a.proposedAt.localeCompare(b.proposedAt));
  view.totals = totalsOf(view.lines, view.years);
  view.asOf = asOf ? asOf.toISOString() : null;
  return view;
}

function change(lines: Map<string, LineView>, lineId: string, patch: Partial<LineView>): void {
  const line = lines.get(lineId);
  if (line) Object.assign(line, patch);
}

function totalsOf(lines: readonly LineView[], years: readonly number[]): BudgetView['totals'] {
  const amounts: Amounts = {};
  let enacted: Amounts | null = null;
  let spentOre = 0;
  for (const year of years) amounts[year] = 0;
  for (const line of lines) {
    for (const year of years) amounts[year] = amounts[year]! + (line.amounts[year] ?? 0);
    if (line.enacted) {
      enacted ??= Object.fromEntries(years.map((y) => [y, 0]));
      for (const year of years) enacted[year] = enacted[year]! + (line.enacted[year] ?? 0);
    }
    spentOre += line.spentOre;
  }
  return { amounts, enacted, spentOre };
}

export interface LineChange {
  lineId: string;
  financeAccount: string;
  standardAccount: string;
  description: { before: string; after: string } | null;
  amounts: { before: Amounts; after: Amounts } | null;
  enacted: { before: Amounts | null; after: Amounts | null } | null;
  spentOre: { before: number; after: number } | null;
}

/** What changed between two replays: lines added, removed (or withdrawn), and changed. */
export function diff(before: BudgetView | null, after: BudgetView | null) {
  const old = new Map((before?.lines ?? []).map((l) => [l.lineId, l]));
  const now = new Map((after?.lines ?? []).map((l) => [l.lineId, l]));
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const changed: LineChange[] = [];
  for (const [id, a] of now) {
    const b = old.get(id);
    if (!b) continue;
    const c: LineChange = {
      lineId: id,
      financeAccount: a.financeAccount,
      standardAccount: a.standardAccount,
      description: b.description === a.description ? null : { before: b.description, after: a.description },
      amounts: same(b.amounts, a.amounts) ? null : { before: b.amounts, after: a.amounts },
      enacted: same(b.enacted, a.enacted) ? null : { before: b.enacted, after: a.enacted },
      spentOre: b.spentOre === a.spentOre ? null : { before: b.spentOre, after: a.spentOre },
    };
    if (c.description || c.amounts || c.enacted || c.spentOre) changed.push(c);
  }
  return {
    status: { before: before?.status ?? null, after: after?.status ?? null },
    version: { before: before?.version ?? null, after: after?.version ?? null },
    added: [...now.values()].filter((l) => !old.has(l.lineId)),
    removed: [...old.values()].filter((l) => !now.has(l.lineId)),
    changed,
    totals: { before: before?.totals ?? null, after: after?.totals ?? null },
  };
}

export interface LineHistoryEntry {
  at: string;
  position: number;
  what: 'proposed' | 'amended' | 'withdrawn' | 'approved' | 'submitted' | 'enacted' | 'spent' | 'reallocated_out' | 'reallocated_in';
  by: { id: string | null; role: string };
  amounts?: Amounts;
  description?: string;
  resolutionId?: string;
  amountOre?: number;
  on?: string;
}

/**
 * Everything that happened to one line: who proposed it, which resolution approved it, what was
 * spent. Only while it is in the budget: from its proposal until it is withdrawn (and again, should
 * a line of that id be proposed anew).
 */
export function lineHistory(events: readonly HistoryEvent[], lineId: string): LineHistoryEntry[] {
  const out: LineHistoryEntry[] = [];
  let exists = false;
  for (const e of events) {
    const d = e.data;
    const base = { at: e.at.toISOString(), position: e.position, by: { id: e.actorId, role: e.actorRole } };
    if (e.type === 'BudgetLineProposed' && d.lineId === lineId) {
      exists = true;
      out.push({ ...base, what: 'proposed', amounts: d.amounts, description: d.description });
    } else if (!exists) {
      continue;
    } else if (e.type === 'BudgetLineAmended' && d.lineId === lineId) out.push({ ...base, what: 'amended', amounts: d.amounts, description: d.description });
    else if (e.type === 'BudgetLineWithdrawn' && d.lineId === lineId) {
      // Withdrawn, the line is no longer in the budget: what happens to the budget afterwards
      // (approved, submitted, enacted) did not happen to it.
      out.push({ ...base, what: 'withdrawn' });
      exists = false;
    }
    else if (e.type === 'BudgetApproved') out.push({ ...base, what: 'approved', resolutionId: d.resolutionId });
    else if (e.type === 'BudgetSubmitted') out.push({ ...base, what: 'submitted' });
    else if (e.type === 'BudgetEnacted') {
      const enacted = (d.lines as { lineId: string; amounts: Amounts }[]).find((l) => l.lineId === lineId);
      if (enacted) out.push({ ...base, what: 'enacted', amounts: enacted.amounts });
    } else if (e.type === 'SpendingRecorded' && d.lineId === lineId) out.push({ ...base, what: 'spent', amountOre: d.amountOre, on: d.on });
    else if (e.type === 'BudgetReallocated' && d.fromLineId === lineId) out.push({ ...base, what: 'reallocated_out', amountOre: d.amountOre, resolutionId: d.resolutionId });
    else if (e.type === 'BudgetReallocated' && d.toLineId === lineId) out.push({ ...base, what: 'reallocated_in', amountOre: d.amountOre, resolutionId: d.resolutionId });
  }
  return out;
}

/**
 * What the public sees of an approved budget: the amounts and decisions, not the identities of
 * those who acted (a token's subject may identify a person), and not the draft's working history.
 */
export function publicView(view: BudgetView): BudgetView {
  return {
    ...view,
    approval: view.approval ? { ...view.approval, by: null } : null,
    lines: view.lines.map((l) => ({ ...l, proposedBy: null, changedBy: null })),
  };
}

/** A line's story as the public sees it: from the first approval it was part of; a line never approved has none. */
export function publicLineHistory(entries: readonly LineHistoryEntry[]): LineHistoryEntry[] {
  const approved = entries.findIndex((e) => e.what === 'approved');
  if (approved < 0) return [];
  return entries.slice(approved).map((e) => ({ ...e, by: { id: null, role: e.by.role } }));
}
