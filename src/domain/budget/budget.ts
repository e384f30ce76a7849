/**
 * A centre's budget for a fiscal year: annual (year Y) or five-year development (Y..Y+4). Lines
 * follow the state's account structure: an 8-digit Finance Act account (paragraf 2, hovedområde 1,
 * aktivitetsområde 1, hovedkonto 2, underkonto 2) and a 2-digit standard account. Amounts are
 * integer øre per year.
 *
 * draft (lines proposed, amended, withdrawn; each change is a new version) → approved, by an
 * adopted board resolution naming that exact version → submitted for the Finance Act → enacted,
 * with the enacted amounts → spending recorded against lines; money moves between lines only by
 * an adopted resolution naming the move.
 */
import { match } from 'ts-pattern';
import type { DomainEvent } from '../shared/decider.js';

export type BudgetKind = 'annual' | 'development';
export const DEVELOPMENT_YEARS = 5;

/** Amount per year, in øre, keyed by the year as a string ("2027"). */
export type Amounts = Record<string, number>;

export type BudgetDrafted = DomainEvent<'BudgetDrafted', { budgetId: string; centreId: string; fiscalYear: number; kind: BudgetKind; years: number[] }>;
export type BudgetLineProposed = DomainEvent<
  'BudgetLineProposed',
  { budgetId: string; lineId: string; financeAccount: string; standardAccount: string; description: string; amounts: Amounts; version: number }
>;
export type BudgetLineAmended = DomainEvent<'BudgetLineAmended', { budgetId: string; lineId: string; description: string; amounts: Amounts; version: number }>;
export type BudgetLineWithdrawn = DomainEvent<'BudgetLineWithdrawn', { budgetId: string; lineId: string; version: number }>;
export type BudgetApproved = DomainEvent<'BudgetApproved', { budgetId: string; version: number; resolutionId: string }>;
export type BudgetSubmitted = DomainEvent<'BudgetSubmitted', { budgetId: string; version: number }>;
export type BudgetEnacted = DomainEvent<'BudgetEnacted', { budgetId: string; lines: { lineId: string; amounts: Amounts }[] }>;
export type SpendingRecorded = DomainEvent<'SpendingRecorded', { budgetId: string; spendingId: string; lineId: string; amountOre: number; on: string }>;
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
  | BudgetReallocated;

export const BUDGET_EVENT_SCHEMA_VERSIONS: Record<BudgetEvent['type'], number> = {
  BudgetDrafted: 1,
  BudgetLineProposed: 1,
  BudgetLineAmended: 1,
  BudgetLineWithdrawn: 1,
  BudgetApproved: 1,
  BudgetSubmitted: 1,
  BudgetEnacted: 1,
  SpendingRecorded: 1,
  BudgetReallocated: 1,
};
export const BUDGET_EVENT_TYPES = Object.keys(BUDGET_EVENT_SCHEMA_VERSIONS) as BudgetEvent['type'][];

export interface BudgetLine {
  lineId: string;
  financeAccount: string;
  standardAccount: string;
  description: string;
  amounts: Amounts;
  /** From enactment on: the enacted amounts, moved by reallocations. */
  enacted: Amounts | null;
  withdrawn: boolean;
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
  spendingIds: string[];
}

export type Budget =
  | { status: 'none' }
  | ({ status: 'draft' } & Drafted)
  | ({ status: 'approved'; approvedVersion: number } & Drafted)
  | ({ status: 'submitted'; approvedVersion: number } & Drafted)
  | ({ status: 'enacted'; approvedVersion: number } & Drafted);
export type ExistingBudget = Exclude<Budget, { status: 'none' }>;

export const initialState: Budget = { status: 'none' };

export function evolve(state: Budget, event: BudgetEvent): Budget {
  if (event.type === 'BudgetDrafted') {
    const { budgetId, centreId, fiscalYear, kind, years } = event.data;
    return { status: 'draft', budgetId, centreId, fiscalYear, kind, years, version: 0, lines: {}, resolutionsUsed: [], spendingIds: [] };
  }
  if (state.status === 'none') return state;
  const line = (lineId: string, change: Partial<BudgetLine>) => ({ ...state.lines, [lineId]: { ...state.lines[lineId]!, ...change } });
  return match(event)
    .with({ type: 'BudgetLineProposed' }, ({ data }): Budget => ({
      ...state,
      version: data.version,
      lines: {
        ...state.lines,
        [data.lineId]: { lineId: data.lineId, financeAccount: data.financeAccount, standardAccount: data.standardAccount, description: data.description, amounts: data.amounts, enacted: null, withdrawn: false },
      },
    }))
    .with({ type: 'BudgetLineAmended' }, ({ data }): Budget => ({ ...state, version: data.version, lines: line(data.lineId, { description: data.description, amounts: data.amounts }) }))
    .with({ type: 'BudgetLineWithdrawn' }, ({ data }): Budget => ({ ...state, version: data.version, lines: line(data.lineId, { withdrawn: true }) }))
    .with({ type: 'BudgetApproved' }, ({ data }): Budget => ({ ...state, status: 'approved', approvedVersion: data.version, resolutionsUsed: [...state.resolutionsUsed, data.resolutionId] }))
    .with({ type: 'BudgetSubmitted' }, (): Budget => (state.status === 'approved' ? { ...state, status: 'submitted' } : state))
    .with({ type: 'BudgetEnacted' }, ({ data }): Budget => {
      if (state.status !== 'submitted') return state;
      const lines = { ...state.lines };
      for (const l of data.lines) lines[l.lineId] = { ...lines[l.lineId]!, enacted: l.amounts };
      return { ...state, status: 'enacted', lines };
    })
    .with({ type: 'SpendingRecorded' }, ({ data }): Budget => ({ ...state, spendingIds: [...state.spendingIds, data.spendingId] }))
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
    .exhaustive();
}

export const budgetStreamId = (budgetId: string) => `budget-${budgetId}`;

/** Standard accounts the issue names; other two-digit accounts are accepted, unnamed. */
export const STANDARD_ACCOUNTS: Record<string, { da: string; en: string }> = {
  '18': { da: 'Lønninger / personaleomkostninger', en: 'Salaries and staff costs' },
  '22': { da: 'Andre ordinære driftsomkostninger', en: 'Other operating costs' },
  '46': { da: 'Tilskud', en: 'Grants' },
};

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
