/**
 * Replay: a budget as it stood at any moment, folded from its events (pure). Also the difference
 * between two moments and the story of one line. Times are the events' own (`occurredAt`).
 */
import { type Amounts, type BudgetEvent, type BudgetKind, financeAccountParts, type LineNature, STANDARD_ACCOUNTS } from '../../domain/budget/budget.js';

/** A budget event as the read model keeps it. */
export interface HistoryEvent {
  position: number;
  type: BudgetEvent['type'];
  data: any;
  actorId: string;
  actorRole: string;
  at: Date;
}

/** A correction of an entry: the amount it reverses, on a voucher of its own. */
export interface Correction {
  correctionId: string;
  amountOre: number;
  on: string;
  /** The voucher's reference and text: for the centre's board and staff; null in what the public sees. */
  voucher: string | null;
  text: string | null;
}

/** An entry: spent (expenditure line) or received (revenue line), as booked, with its corrections. */
export interface Spending {
  spendingId: string;
  amountOre: number;
  on: string;
  /** The voucher's reference and text: null for entries of version 1, and in what the public sees. */
  voucher: string | null;
  text: string | null;
  /** Why the entry took the line beyond its appropriation; public, like the overspending itself. */
  overspendReason: string | null;
  correctedOre: number;
  corrections: Correction[];
}

export interface LineView {
  lineId: string;
  financeAccount: string;
  account: ReturnType<typeof financeAccountParts>;
  standardAccount: string;
  standardAccountName: string | null;
  nature: LineNature;
  description: string;
  /** Proposed (and, once approved, approved) amounts per year, øre. */
  amounts: Amounts;
  withdrawn: boolean;
  /** Who: identities for the centre's board and staff; null in what the public sees. */
  proposedBy: string | null;
  proposedAt: string;
  changedBy: string | null;
  changedAt: string;
  /** Enacted amounts per year with reallocations and supplementary appropriations applied; null before enactment. */
  enacted: Amounts | null;
  /** The accounts (regnskab) fixed at the year-end closing: what the line spent (or received); null while open. */
  accountsOre: number | null;
  /** Entries less corrections: spent on an expenditure line, received on a revenue line. */
  spentOre: number;
  /** The fiscal year's appropriation less `spentOre` (negative: beyond it); null before enactment. */
  remainingOre: number | null;
  /** How far an expenditure line went beyond its appropriation (0 if not; always 0 for revenue). */
  overspentOre: number;
  /** The appropriation split over the months (periodisering), January first; null if none was set. */
  monthly: number[] | null;
  /** Entries less corrections by the month of their date, January first (of an annual budget's year). */
  monthlySpentOre: number[];
  spending: Spending[];
}

/** A total over the lines of one nature. */
export interface Sum {
  amounts: Amounts;
  enacted: Amounts | null;
  spentOre: number;
  remainingOre: number | null;
  overspentOre: number;
}

export interface BudgetView {
  budgetId: string;
  centreId: string;
  fiscalYear: number;
  kind: BudgetKind;
  years: number[];
  status: 'draft' | 'approved' | 'submitted' | 'enacted' | 'closed';
  version: number;
  approval: { resolutionId: string; version: number; at: string; by: string | null } | null;
  submittedAt: string | null;
  enactedAt: string | null;
  reallocations: { resolutionId: string; fromLineId: string; toLineId: string; year: number; amountOre: number; at: string }[];
  /** Supplementary appropriations (tillægsbevillinger), each by its resolution. */
  supplements: { resolutionId: string; lineId: string; year: number; amountOre: number; at: string }[];
  /** Carry-overs (overførsler) into this budget from last year's closed accounts, each by its resolution. */
  carriedIn: { resolutionId: string; lineId: string; year: number; amountOre: number; fromBudgetId: string; fromLineId: string; at: string }[];
  /** The year-end closing: the resolution and when; null while the accounts are open. */
  closing: { resolutionId: string; at: string } | null;
  /** Lines not withdrawn. */
  lines: LineView[];
  /** Expenditure and revenue apart, as the Finance Act keeps them; net is expenditure less revenue. */
  totals: { expenditure: Sum; revenue: Sum; net: { amounts: Amounts; enacted: Amounts | null; spentOre: number } };
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
      view = { budgetId: d.budgetId, centreId: d.centreId, fiscalYear: d.fiscalYear, kind: d.kind, years: d.years, status: 'draft', version: 0, approval: null, submittedAt: null, enactedAt: null, reallocations: [], supplements: [], carriedIn: [], closing: null, lines: [], totals: totalsOf([], d.years, d.fiscalYear), asOf: null };
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
          nature: d.nature ?? 'expenditure',
          description: d.description,
          amounts: d.amounts,
          withdrawn: false,
          proposedBy: e.actorId,
          proposedAt: at,
          changedBy: e.actorId,
          changedAt: at,
          enacted: null,
          accountsOre: null,
          spentOre: 0,
          remainingOre: null,
          overspentOre: 0,
          monthly: null,
          monthlySpentOre: Array.from({ length: 12 }, () => 0),
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
        if (view.status !== 'draft') break; // as the decider folds it: only a draft is approved
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
          line.spending.push({
            spendingId: d.spendingId,
            amountOre: d.amountOre,
            on: d.on,
            voucher: d.voucher ?? null,
            text: d.text ?? null,
            overspendReason: d.overspendReason ?? null,
            correctedOre: 0,
            corrections: [],
          });
        }
        break;
      }
      case 'SpendingCorrected': {
        const line = lines.get(d.lineId);
        const entry = line?.spending.find((s) => s.spendingId === d.spendingId);
        if (line && entry) {
          line.spentOre -= d.amountOre;
          entry.correctedOre += d.amountOre;
          entry.corrections.push({ correctionId: d.correctionId, amountOre: d.amountOre, on: d.on, voucher: d.voucher, text: d.text });
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
      case 'BudgetSupplemented': {
        const year = String(d.year);
        const line = lines.get(d.lineId);
        if (line) line.enacted = { ...line.enacted, [year]: (line.enacted?.[year] ?? 0) + d.amountOre };
        view.supplements.push({ resolutionId: d.resolutionId, lineId: d.lineId, year: d.year, amountOre: d.amountOre, at });
        break;
      }
      case 'MonthlySplitSet':
        change(lines, d.lineId, { monthly: [...d.months] });
        break;
      case 'BudgetCarriedOver': {
        const year = String(d.year);
        const line = lines.get(d.lineId);
        if (line) line.enacted = { ...line.enacted, [year]: (line.enacted?.[year] ?? 0) + d.amountOre };
        view.carriedIn.push({ resolutionId: d.resolutionId, lineId: d.lineId, year: d.year, amountOre: d.amountOre, fromBudgetId: d.fromBudgetId, fromLineId: d.fromLineId, at });
        break;
      }
      case 'AccountsClosed':
        view.status = 'closed';
        view.closing = { resolutionId: d.resolutionId, at };
        for (const l of d.lines as { lineId: string; spentOre: number }[]) change(lines, l.lineId, { accountsOre: l.spentOre });
        break;
      default: {
        const unhandled: never = e.type;
        throw new Error(`unhandled budget event ${unhandled}`);
      }
    }
  }
  if (!view) return null;
  view.lines = [...lines.values()].filter((l) => !l.withdrawn).sort((a, b) => (a.financeAccount + a.standardAccount).localeCompare(b.financeAccount + b.standardAccount) || a.proposedAt.localeCompare(b.proposedAt));
  for (const line of view.lines) {
    for (const entry of line.spending) {
      addToMonth(line.monthlySpentOre, view.fiscalYear, entry.on, entry.amountOre);
      for (const c of entry.corrections) addToMonth(line.monthlySpentOre, view.fiscalYear, c.on, -c.amountOre);
    }
    const available = line.enacted?.[view.fiscalYear];
    line.remainingOre = available === undefined ? null : available - line.spentOre;
    line.overspentOre = line.nature === 'expenditure' && line.remainingOre !== null && line.remainingOre < 0 ? -line.remainingOre : 0;
  }
  view.totals = totalsOf(view.lines, view.years, view.fiscalYear);
  view.asOf = asOf ? asOf.toISOString() : null;
  return view;
}

/** An amount into its month (0–11) when its date lies in the year. */
function addToMonth(months: number[], year: number, on: string, ore: number): void {
  if (Number(on.slice(0, 4)) === year) months[Number(on.slice(5, 7)) - 1]! += ore;
}

function change(lines: Map<string, LineView>, lineId: string, patch: Partial<LineView>): void {
  const line = lines.get(lineId);
  if (line) Object.assign(line, patch);
}

function totalsOf(lines: readonly LineView[], years: readonly number[], fiscalYear: number): BudgetView['totals'] {
  const zero = (): Amounts => Object.fromEntries(years.map((y) => [y, 0]));
  const sum = (nature: LineNature): Sum => {
    const out: Sum = { amounts: zero(), enacted: null, spentOre: 0, remainingOre: null, overspentOre: 0 };
    for (const line of lines) {
      if (line.nature !== nature) continue;
      for (const year of years) out.amounts[year]! += line.amounts[year] ?? 0;
      if (line.enacted) {
        out.enacted ??= zero();
        for (const year of years) out.enacted[year]! += line.enacted[year] ?? 0;
      }
      out.spentOre += line.spentOre;
      out.overspentOre += line.overspentOre;
    }
    out.remainingOre = out.enacted ? out.enacted[fiscalYear]! - out.spentOre : null;
    return out;
  };
  const expenditure = sum('expenditure');
  const revenue = sum('revenue');
  const minus = (a: Amounts, b: Amounts): Amounts => Object.fromEntries(years.map((y) => [y, a[y]! - b[y]!]));
  const enacted = expenditure.enacted || revenue.enacted ? minus(expenditure.enacted ?? zero(), revenue.enacted ?? zero()) : null;
  return { expenditure, revenue, net: { amounts: minus(expenditure.amounts, revenue.amounts), enacted, spentOre: expenditure.spentOre - revenue.spentOre } };
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
  what: 'proposed' | 'amended' | 'withdrawn' | 'approved' | 'submitted' | 'enacted' | 'spent' | 'corrected' | 'reallocated_out' | 'reallocated_in' | 'supplemented' | 'carried_in' | 'closed';
  by: { id: string | null; role: string };
  amounts?: Amounts;
  description?: string;
  resolutionId?: string;
  amountOre?: number;
  on?: string;
  /** An entry's id (spent), or the id of the entry a correction reverses (corrected). */
  spendingId?: string;
  /** The voucher's reference and text: for the centre's board and staff only. */
  voucher?: string | null;
  text?: string | null;
  overspendReason?: string | null;
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
    } else if (e.type === 'SpendingRecorded' && d.lineId === lineId) {
      out.push({ ...base, what: 'spent', spendingId: d.spendingId, amountOre: d.amountOre, on: d.on, voucher: d.voucher ?? null, text: d.text ?? null, overspendReason: d.overspendReason ?? null });
    } else if (e.type === 'SpendingCorrected' && d.lineId === lineId) out.push({ ...base, what: 'corrected', spendingId: d.spendingId, amountOre: d.amountOre, on: d.on, voucher: d.voucher, text: d.text });
    else if (e.type === 'BudgetReallocated' && d.fromLineId === lineId) out.push({ ...base, what: 'reallocated_out', amountOre: d.amountOre, resolutionId: d.resolutionId });
    else if (e.type === 'BudgetReallocated' && d.toLineId === lineId) out.push({ ...base, what: 'reallocated_in', amountOre: d.amountOre, resolutionId: d.resolutionId });
    else if (e.type === 'BudgetSupplemented' && d.lineId === lineId) out.push({ ...base, what: 'supplemented', amountOre: d.amountOre, resolutionId: d.resolutionId });
    else if (e.type === 'BudgetCarriedOver' && d.lineId === lineId) out.push({ ...base, what: 'carried_in', amountOre: d.amountOre, resolutionId: d.resolutionId });
    else if (e.type === 'AccountsClosed') {
      const closed = (d.lines as { lineId: string; spentOre: number }[]).find((l) => l.lineId === lineId);
      if (closed) out.push({ ...base, what: 'closed', amountOre: closed.spentOre, resolutionId: d.resolutionId });
    }
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
    lines: view.lines.map((l) => ({
      ...l,
      proposedBy: null,
      changedBy: null,
      // A voucher's text may name a supplier or a person: the public sees amounts, dates and reasons.
      spending: l.spending.map((s) => ({ ...s, voucher: null, text: null, corrections: s.corrections.map((c) => ({ ...c, voucher: null, text: null })) })),
    })),
  };
}

/** A line's story as the public sees it: from the first approval it was part of; a line never approved has none. */
export function publicLineHistory(entries: readonly LineHistoryEntry[]): LineHistoryEntry[] {
  const approved = entries.findIndex((e) => e.what === 'approved');
  if (approved < 0) return [];
  return entries.slice(approved).map((e) => ({ ...e, by: { id: null, role: e.by.role }, ...(e.voucher === undefined ? {} : { voucher: null, text: null }) }));
}
