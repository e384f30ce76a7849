/**
 * A centre's budget for a fiscal year: annual (year Y) or five-year development (Y..Y+4). Lines
 * follow the state's account structure: an 8-digit Finance Act account (paragraf 2, hovedområde 1,
 * aktivitetsområde 1, hovedkonto 2, underkonto 2) and a 2-digit standard account. Amounts are
 * integer øre per year.
 *
 * draft (lines proposed, amended, withdrawn; each change is a new version) → approved, by an
 * adopted board resolution naming that exact version → submitted for the Finance Act → enacted,
 * with the enacted amounts → entries recorded against lines; money moves between lines only by
 * an adopted resolution naming the move, and more is appropriated to a line only by a resolution
 * for a supplementary appropriation (tillægsbevilling) → closed: once the year is over, an adopted
 * resolution closes the annual budget's accounts (regnskab), fixing what each line spent; nothing
 * is booked on it after that.
 *
 * A line is expenditure or revenue, as the Finance Act keeps them apart, and its amounts are never
 * negative. An entry (a voucher) is money spent on an expenditure line or received on a revenue
 * line: a positive amount, dated, with the voucher's reference and text. An entry is never changed;
 * a correction is an entry of its own that reverses (part of) the one it names. Spending beyond an
 * expenditure line's appropriation is allowed only with a stated reason, kept on the entry.
 */
import { match } from 'ts-pattern';
import type { DomainEvent } from '../shared/decider.js';
import { standardAccount } from './accounts.js';
import { STANDARDKONTI } from './accounts-data.js';

export type BudgetKind = 'annual' | 'development';
export const DEVELOPMENT_YEARS = 5;

/** Amount per year, in øre, keyed by the year as a string ("2027"). */
export type Amounts = Record<string, number>;

export type LineNature = 'expenditure' | 'revenue';
export const LINE_NATURES: readonly LineNature[] = ['expenditure', 'revenue'];

export type BudgetDrafted = DomainEvent<'BudgetDrafted', { budgetId: string; centreId: string; fiscalYear: number; kind: BudgetKind; years: number[] }>;
export type BudgetLineProposed = DomainEvent<
  'BudgetLineProposed',
  /** `nature` is absent in version 1, whose lines are read as expenditure, with their amounts as stored. */
  { budgetId: string; lineId: string; financeAccount: string; standardAccount: string; nature?: LineNature; description: string; amounts: Amounts; version: number }
>;
export type BudgetLineAmended = DomainEvent<'BudgetLineAmended', { budgetId: string; lineId: string; description: string; amounts: Amounts; version: number }>;
export type BudgetLineWithdrawn = DomainEvent<'BudgetLineWithdrawn', { budgetId: string; lineId: string; version: number }>;
export type BudgetApproved = DomainEvent<'BudgetApproved', { budgetId: string; version: number; resolutionId: string }>;
export type BudgetSubmitted = DomainEvent<'BudgetSubmitted', { budgetId: string; version: number }>;
export type BudgetEnacted = DomainEvent<'BudgetEnacted', { budgetId: string; lines: { lineId: string; amounts: Amounts }[] }>;
/**
 * An entry: spent on an expenditure line, received on a revenue line. From version 2 it carries
 * the voucher's reference and text, a positive amount, and the reason when it takes an expenditure
 * line beyond its appropriation. Version 1 has none of these and may hold a negative amount (a
 * correction that names no entry), counted as stored.
 */
export type SpendingRecorded = DomainEvent<
  'SpendingRecorded',
  { budgetId: string; spendingId: string; lineId: string; amountOre: number; on: string; voucher?: string; text?: string; overspendReason?: string | null }
>;
/** A correction: reverses `amountOre` of entry `spendingId` (all or part of what is left of it), on its own voucher. */
export type SpendingCorrected = DomainEvent<
  'SpendingCorrected',
  { budgetId: string; correctionId: string; spendingId: string; lineId: string; amountOre: number; on: string; voucher: string; text: string }
>;
/** A line's appropriation for the year split over its twelve months (periodisering), January first. */
export type MonthlySplitSet = DomainEvent<'MonthlySplitSet', { budgetId: string; lineId: string; months: number[] }>;
/** A supplementary appropriation (tillægsbevilling) by an adopted resolution: `amountOre` more on the line for the year. */
export type BudgetSupplemented = DomainEvent<'BudgetSupplemented', { budgetId: string; resolutionId: string; lineId: string; year: number; amountOre: number }>;
/** A carry-over (overførsel) by an adopted resolution: unspent money of last year's closed line `fromLineId` added to this year's line. */
export type BudgetCarriedOver = DomainEvent<
  'BudgetCarriedOver',
  { budgetId: string; resolutionId: string; lineId: string; year: number; amountOre: number; fromBudgetId: string; fromLineId: string }
>;
/** The year-end closing by an adopted resolution: each line's accounts (entries less corrections) as they stand, fixed. */
export type AccountsClosed = DomainEvent<'AccountsClosed', { budgetId: string; resolutionId: string; lines: { lineId: string; spentOre: number }[] }>;
export type BudgetReallocated = DomainEvent<
  'BudgetReallocated',
  { budgetId: string; resolutionId: string; fromLineId: string; toLineId: string; year: number; amountOre: number }
>;

export type BudgetEvent =
  | BudgetDrafted
  | BudgetLineProposed
  | BudgetLineAmended
  | BudgetLineWithdrawn
  | BudgetApproved
  | BudgetSubmitted
  | BudgetEnacted
  | SpendingRecorded
  | SpendingCorrected
  | BudgetReallocated
  | BudgetSupplemented
  | AccountsClosed
  | MonthlySplitSet
  | BudgetCarriedOver;

export const BUDGET_EVENT_SCHEMA_VERSIONS: Record<BudgetEvent['type'], number> = {
  BudgetDrafted: 1,
  BudgetLineProposed: 2,
  BudgetLineAmended: 1,
  BudgetLineWithdrawn: 1,
  BudgetApproved: 1,
  BudgetSubmitted: 1,
  BudgetEnacted: 1,
  SpendingRecorded: 2,
  SpendingCorrected: 1,
  BudgetReallocated: 1,
  BudgetSupplemented: 1,
  AccountsClosed: 1,
  MonthlySplitSet: 1,
  BudgetCarriedOver: 1,
};
export const BUDGET_EVENT_TYPES = Object.keys(BUDGET_EVENT_SCHEMA_VERSIONS) as BudgetEvent['type'][];

export interface BudgetLine {
  lineId: string;
  financeAccount: string;
  standardAccount: string;
  nature: LineNature;
  description: string;
  amounts: Amounts;
  /** From enactment on: the enacted amounts, moved by reallocations. */
  enacted: Amounts | null;
  withdrawn: boolean;
  /** Entries less corrections, øre: spent (expenditure) or received (revenue). */
  postedOre: number;
  /** The appropriation split over the months (periodisering), or null if none was set. */
  monthly: number[] | null;
}

/** An entry or a correction, by its id: the line, and for an entry what is left of it to correct. */
export interface Entry {
  lineId: string;
  kind: 'entry' | 'correction';
  remainingOre: number;
  /** The voucher's date: a correction is dated on or after the entry it corrects. */
  on: string;
}

interface Drafted {
  budgetId: string;
  centreId: string;
  fiscalYear: number;
  kind: BudgetKind;
  years: number[];
  version: number;
  lines: Record<string, BudgetLine>;
  resolutionsUsed: string[];
  entries: Record<string, Entry>;
  /** Carried over into this budget so far, øre, by the source line (`budgetId:lineId`). */
  carriedIn: Record<string, number>;
}

export type Budget =
  | { status: 'none' }
  | ({ status: 'draft' } & Drafted)
  | ({ status: 'approved'; approvedVersion: number } & Drafted)
  | ({ status: 'submitted'; approvedVersion: number } & Drafted)
  | ({ status: 'enacted'; approvedVersion: number } & Drafted)
  | ({ status: 'closed'; approvedVersion: number } & Drafted);
export type ExistingBudget = Exclude<Budget, { status: 'none' }>;

export const initialState: Budget = { status: 'none' };

export function evolve(state: Budget, event: BudgetEvent): Budget {
  if (event.type === 'BudgetDrafted') {
    const { budgetId, centreId, fiscalYear, kind, years } = event.data;
    return { status: 'draft', budgetId, centreId, fiscalYear, kind, years, version: 0, lines: {}, resolutionsUsed: [], entries: {}, carriedIn: {} };
  }
  if (state.status === 'none') return state;
  const line = (lineId: string, change: Partial<BudgetLine>) => ({ ...state.lines, [lineId]: { ...state.lines[lineId]!, ...change } });
  return match(event)
    .with({ type: 'BudgetLineProposed' }, ({ data }): Budget => ({
      ...state,
      version: data.version,
      lines: {
        ...state.lines,
        [data.lineId]: {
          lineId: data.lineId,
          financeAccount: data.financeAccount,
          standardAccount: data.standardAccount,
          nature: data.nature ?? 'expenditure',
          description: data.description,
          amounts: data.amounts,
          enacted: null,
          withdrawn: false,
          postedOre: 0,
          monthly: null,
        },
      },
    }))
    .with({ type: 'BudgetLineAmended' }, ({ data }): Budget => ({ ...state, version: data.version, lines: line(data.lineId, { description: data.description, amounts: data.amounts }) }))
    .with({ type: 'BudgetLineWithdrawn' }, ({ data }): Budget => ({ ...state, version: data.version, lines: line(data.lineId, { withdrawn: true }) }))
    // Only a draft is approved: an approval recorded out of turn does not reopen a budget.
    .with({ type: 'BudgetApproved' }, ({ data }): Budget =>
      state.status === 'draft' ? { ...state, status: 'approved', approvedVersion: data.version, resolutionsUsed: [...state.resolutionsUsed, data.resolutionId] } : state,
    )
    .with({ type: 'BudgetSubmitted' }, (): Budget => (state.status === 'approved' ? { ...state, status: 'submitted' } : state))
    .with({ type: 'BudgetEnacted' }, ({ data }): Budget => {
      if (state.status !== 'submitted') return state;
      const lines = { ...state.lines };
      for (const l of data.lines) lines[l.lineId] = { ...lines[l.lineId]!, enacted: l.amounts };
      return { ...state, status: 'enacted', lines };
    })
    .with({ type: 'SpendingRecorded' }, ({ data }): Budget => ({
      ...state,
      lines: line(data.lineId, { postedOre: state.lines[data.lineId]!.postedOre + data.amountOre }),
      entries: { ...state.entries, [data.spendingId]: { lineId: data.lineId, kind: 'entry', remainingOre: Math.max(data.amountOre, 0), on: data.on } },
    }))
    .with({ type: 'SpendingCorrected' }, ({ data }): Budget => {
      const corrected = state.entries[data.spendingId]!;
      return {
        ...state,
        lines: line(data.lineId, { postedOre: state.lines[data.lineId]!.postedOre - data.amountOre }),
        entries: {
          ...state.entries,
          [data.spendingId]: { ...corrected, remainingOre: corrected.remainingOre - data.amountOre },
          [data.correctionId]: { lineId: data.lineId, kind: 'correction', remainingOre: 0, on: data.on },
        },
      };
    })
    .with({ type: 'BudgetReallocated' }, ({ data }): Budget => {
      const year = String(data.year);
      const from = state.lines[data.fromLineId]!;
      const to = state.lines[data.toLineId]!;
      const lines = {
        ...state.lines,
        [from.lineId]: { ...from, enacted: { ...from.enacted, [year]: (from.enacted?.[year] ?? 0) - data.amountOre } },
        [to.lineId]: { ...to, enacted: { ...to.enacted, [year]: (to.enacted?.[year] ?? 0) + data.amountOre } },
      };
      return { ...state, lines, resolutionsUsed: [...state.resolutionsUsed, data.resolutionId] };
    })
    .with({ type: 'BudgetSupplemented' }, ({ data }): Budget => {
      const year = String(data.year);
      const target = state.lines[data.lineId]!;
      const lines = { ...state.lines, [target.lineId]: { ...target, enacted: { ...target.enacted, [year]: (target.enacted?.[year] ?? 0) + data.amountOre } } };
      return { ...state, lines, resolutionsUsed: [...state.resolutionsUsed, data.resolutionId] };
    })
    .with({ type: 'BudgetCarriedOver' }, ({ data }): Budget => {
      const year = String(data.year);
      const target = state.lines[data.lineId]!;
      const from = carryKey(data.fromBudgetId, data.fromLineId);
      return {
        ...state,
        lines: { ...state.lines, [target.lineId]: { ...target, enacted: { ...target.enacted, [year]: (target.enacted?.[year] ?? 0) + data.amountOre } } },
        carriedIn: { ...state.carriedIn, [from]: (state.carriedIn[from] ?? 0) + data.amountOre },
        resolutionsUsed: [...state.resolutionsUsed, data.resolutionId],
      };
    })
    .with({ type: 'MonthlySplitSet' }, ({ data }): Budget => ({ ...state, lines: line(data.lineId, { monthly: data.months }) }))
    .with({ type: 'AccountsClosed' }, ({ data }): Budget =>
      state.status === 'enacted' ? { ...state, status: 'closed', resolutionsUsed: [...state.resolutionsUsed, data.resolutionId] } : state,
    )
    .exhaustive();
}

export const budgetStreamId = (budgetId: string) => `budget-${budgetId}`;

/** The key of a source line in `carriedIn`. */
export const carryKey = (budgetId: string, lineId: string) => `${budgetId}:${lineId}`;

/**
 * The standard accounts a centre budgets on, by code, with their names: from the reference of the
 * state's chart of accounts (accounts-data.ts, with its sources).
 */
export const STANDARD_ACCOUNTS: Readonly<Record<string, { da: string; en: string }>> = Object.fromEntries(
  Object.entries(STANDARDKONTI)
    .filter(([code]) => standardAccount(code) !== null)
    .map(([code, { da, en }]) => [code, { da, en }]),
);

/** The parts of an 8-digit Finance Act account. */
export function financeAccountParts(account: string) {
  return {
    paragraf: account.slice(0, 2),
    hovedomraade: account.slice(2, 3),
    aktivitetsomraade: account.slice(3, 4),
    hovedkonto: account.slice(4, 6),
    underkonto: account.slice(6, 8),
  };
}
