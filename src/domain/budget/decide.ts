import { match } from 'ts-pattern';
import type { ResolutionSubject } from '../board/board.js';
import { authoriseForCentre, isDate, own, tidyText } from '../shared/checks.js';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import {
  type Amounts,
  type Budget,
  BUDGET_EVENT_SCHEMA_VERSIONS,
  type BudgetEvent,
  type BudgetKind,
  budgetStreamId,
  DEVELOPMENT_YEARS,
  evolve,
  type ExistingBudget,
  initialState,
} from './budget.js';

/** A board resolution as the edge found it in the board's stream (null: no such resolution). */
export interface ResolutionFact {
  resolutionId: string;
  centreId: string;
  status: 'proposed' | 'adopted' | 'rejected';
  subject: ResolutionSubject;
}

/**
 * `actorSits`: whether the acting board member holds a seat on the centre's board now, a fact the
 * edge reads from the board's stream. A board member's token alone does not make them sit.
 */
type Cmd<T extends string, D> = CommandEnvelope & { type: T; data: D & { budgetId: string; actorSits?: boolean } };
/** `centreKnown`: whether the centre was established, a fact from its stream. */
export type DraftBudget = Cmd<'DraftBudget', { centreId: string; fiscalYear: number; kind: BudgetKind; centreKnown: boolean }>;
export type ProposeBudgetLine = Cmd<'ProposeBudgetLine', { lineId: string; financeAccount: string; standardAccount: string; description: string; amounts: Amounts }>;
export type AmendBudgetLine = Cmd<'AmendBudgetLine', { lineId: string; description?: string; amounts?: Amounts }>;
export type WithdrawBudgetLine = Cmd<'WithdrawBudgetLine', { lineId: string }>;
export type ApproveBudget = Cmd<'ApproveBudget', { resolutionId: string; resolution: ResolutionFact | null }>;
export type SubmitBudget = Cmd<'SubmitBudget', object>;
export type EnactBudget = Cmd<'EnactBudget', { lines: { lineId: string; amounts: Amounts }[] }>;
export type RecordSpending = Cmd<'RecordSpending', { spendingId: string; lineId: string; amountOre: number; on: string }>;
export type ReallocateBudget = Cmd<'ReallocateBudget', { resolutionId: string; resolution: ResolutionFact | null }>;

export type BudgetCommand =
  | DraftBudget
  | ProposeBudgetLine
  | AmendBudgetLine
  | WithdrawBudgetLine
  | ApproveBudget
  | SubmitBudget
  | EnactBudget
  | RecordSpending
  | ReallocateBudget;

export const DESCRIPTION_MAX = 200;
/** DKK 100 billion, in øre: far above any centre's line, and sums of 98 centres' lines stay exact. */
export const AMOUNT_MAX_ORE = 10_000_000_000_000;
export const FIRST_FISCAL_YEAR = 2020;
export const LAST_FISCAL_YEAR = 2100;

export function decide(command: BudgetCommand, state: Budget): BudgetEvent[] {
  if (command.type === 'DraftBudget') return draft(command, state);
  if (state.status === 'none') throw new NotFound('budget_not_found', 'no such budget', { budgetId: command.data.budgetId });
  return match(command)
    .with({ type: 'ProposeBudgetLine' }, (c) => proposeLine(c, state))
    .with({ type: 'AmendBudgetLine' }, (c) => amendLine(c, state))
    .with({ type: 'WithdrawBudgetLine' }, (c) => withdrawLine(c, state))
    .with({ type: 'ApproveBudget' }, (c) => approve(c, state))
    .with({ type: 'SubmitBudget' }, (c) => submit(c, state))
    .with({ type: 'EnactBudget' }, (c) => enact(c, state))
    .with({ type: 'RecordSpending' }, (c) => recordSpending(c, state))
    .with({ type: 'ReallocateBudget' }, (c) => reallocate(c, state))
    .exhaustive();
}

/** Administrators anywhere; the listed roles for their own centre; board members only while they sit. */
function authorise(command: BudgetCommand, centreId: string, roles: Principal['role'][]): void {
  const { principal } = command;
  authoriseForCentre(principal, centreId, roles);
  if (principal.role === 'board_member' && command.data.actorSits !== true) throw new Forbidden('only a sitting member of the centre’s board acts for it', { memberId: principal.id });
}

function draft(c: DraftBudget, state: Budget): BudgetEvent[] {
  authorise(c, c.data.centreId, ['board_member']);
  if (!c.data.centreKnown) throw new NotFound('centre_not_found', 'no such centre', { centreId: c.data.centreId });
  const { fiscalYear, kind } = c.data;
  if (!Number.isInteger(fiscalYear) || fiscalYear < FIRST_FISCAL_YEAR || fiscalYear > LAST_FISCAL_YEAR) {
    throw new InvalidValue('fiscalYear', `a year from ${FIRST_FISCAL_YEAR} to ${LAST_FISCAL_YEAR}`);
  }
  if (state.status !== 'none') throw new Conflict('budget_exists', `the centre already has a ${kind} budget for ${fiscalYear}`, { budgetId: c.data.budgetId });
  const years = kind === 'annual' ? [fiscalYear] : Array.from({ length: DEVELOPMENT_YEARS }, (_, i) => fiscalYear + i);
  return [{ type: 'BudgetDrafted', data: { budgetId: c.data.budgetId, centreId: c.data.centreId, fiscalYear, kind, years } }];
}

function inDraft(budget: ExistingBudget, command: BudgetCommand): Extract<ExistingBudget, { status: 'draft' }> {
  authorise(command, budget.centreId, ['board_member']);
  if (budget.status !== 'draft') throw new Conflict('budget_not_draft', `the budget is ${budget.status}; its lines no longer change`, { budgetId: budget.budgetId });
  return budget;
}

function proposeLine(c: ProposeBudgetLine, state: ExistingBudget): BudgetEvent[] {
  const budget = inDraft(state, c);
  if (!/^\d{8}$/.test(c.data.financeAccount)) throw new InvalidValue('financeAccount', '8 digits: paragraf, hovedområde, aktivitetsområde, hovedkonto, underkonto');
  if (!/^\d{2}$/.test(c.data.standardAccount)) throw new InvalidValue('standardAccount', '2 digits, e.g. 18 salaries, 22 other operating costs, 46 grants');
  if (own(budget.lines, c.data.lineId)) throw new Conflict('line_exists', 'the line exists', { lineId: c.data.lineId });
  const description = describe(c.data.description);
  const amounts = checkAmounts(c.data.amounts, budget.years);
  return [
    {
      type: 'BudgetLineProposed',
      data: { budgetId: budget.budgetId, lineId: c.data.lineId, financeAccount: c.data.financeAccount, standardAccount: c.data.standardAccount, description, amounts, version: budget.version + 1 },
    },
  ];
}

function amendLine(c: AmendBudgetLine, state: ExistingBudget): BudgetEvent[] {
  const budget = inDraft(state, c);
  const line = activeLine(budget, c.data.lineId);
  const description = c.data.description === undefined ? line.description : describe(c.data.description);
  const amounts = c.data.amounts === undefined ? line.amounts : checkAmounts(c.data.amounts, budget.years);
  if (description === line.description && budget.years.every((y) => amounts[y] === line.amounts[y])) return [];
  return [{ type: 'BudgetLineAmended', data: { budgetId: budget.budgetId, lineId: line.lineId, description, amounts, version: budget.version + 1 } }];
}

function withdrawLine(c: WithdrawBudgetLine, state: ExistingBudget): BudgetEvent[] {
  const budget = inDraft(state, c);
  const line = activeLine(budget, c.data.lineId);
  return [{ type: 'BudgetLineWithdrawn', data: { budgetId: budget.budgetId, lineId: line.lineId, version: budget.version + 1 } }];
}

function approve(c: ApproveBudget, state: ExistingBudget): BudgetEvent[] {
  const budget = inDraft(state, c);
  const resolution = adoptedResolution(c.data.resolutionId, c.data.resolution, budget);
  if (resolution.subject.kind !== 'budget_approval' || resolution.subject.budgetId !== budget.budgetId) {
    throw new RuleViolation('resolution_not_about_this', 'the resolution does not approve this budget', { resolutionId: resolution.resolutionId });
  }
  if (resolution.subject.version !== budget.version) {
    throw new RuleViolation('resolution_names_other_version', `the resolution approves version ${resolution.subject.version}; the budget is at version ${budget.version}`, {
      resolutionId: resolution.resolutionId,
      named: resolution.subject.version,
      current: budget.version,
    });
  }
  if (!Object.values(budget.lines).some((l) => !l.withdrawn)) throw new RuleViolation('budget_empty', 'a budget needs a line before it is approved', { budgetId: budget.budgetId });
  return [{ type: 'BudgetApproved', data: { budgetId: budget.budgetId, version: budget.version, resolutionId: resolution.resolutionId } }];
}

function submit(c: SubmitBudget, budget: ExistingBudget): BudgetEvent[] {
  authorise(c, budget.centreId, ['board_member']);
  if (budget.status === 'submitted') return [];
  if (budget.status !== 'approved') throw new RuleViolation('budget_not_approved', 'only an approved budget is submitted for the Finance Act', { budgetId: budget.budgetId });
  return [{ type: 'BudgetSubmitted', data: { budgetId: budget.budgetId, version: budget.approvedVersion } }];
}

function enact(c: EnactBudget, budget: ExistingBudget): BudgetEvent[] {
  // The Finance Act is passed by Folketinget; an administrator records what it enacted.
  if (c.principal.role !== 'admin') throw new Forbidden('an administrator records what the Finance Act enacted', { role: c.principal.role });
  if (budget.status === 'enacted') throw new Conflict('budget_enacted', 'the budget is already enacted', { budgetId: budget.budgetId });
  if (budget.status !== 'submitted') throw new RuleViolation('budget_not_submitted', 'only a submitted budget is enacted', { budgetId: budget.budgetId });
  const given = new Map<string, Amounts>();
  for (const [i, l] of c.data.lines.entries()) {
    const line = own(budget.lines, l.lineId);
    if (!line || line.withdrawn) throw new InvalidValue(`lines.${i}.lineId`, 'not a line of this budget');
    if (given.has(l.lineId)) throw new InvalidValue(`lines.${i}.lineId`, 'each line once');
    given.set(l.lineId, checkAmounts(l.amounts, budget.years, `lines.${i}.amounts`));
  }
  // A line the act does not change is enacted as approved.
  const lines = Object.values(budget.lines)
    .filter((l) => !l.withdrawn)
    .map((l) => ({ lineId: l.lineId, amounts: given.get(l.lineId) ?? l.amounts }));
  return [{ type: 'BudgetEnacted', data: { budgetId: budget.budgetId, lines } }];
}

function recordSpending(c: RecordSpending, budget: ExistingBudget): BudgetEvent[] {
  authorise(c, budget.centreId, ['board_member', 'staff']);
  if (budget.spendingIds.includes(c.data.spendingId)) return [];
  if (budget.kind !== 'annual') throw new RuleViolation('development_budget', 'spending is recorded against the annual budget', { budgetId: budget.budgetId });
  if (budget.status !== 'enacted') throw new RuleViolation('budget_not_enacted', 'spending is recorded against an enacted budget', { budgetId: budget.budgetId });
  activeLine(budget, c.data.lineId);
  if (!Number.isSafeInteger(c.data.amountOre) || c.data.amountOre === 0 || Math.abs(c.data.amountOre) > AMOUNT_MAX_ORE) throw new InvalidValue('amountOre', 'a whole number of øre, not zero (negative corrects an earlier entry)');
  if (!isDate(c.data.on) || Number(c.data.on.slice(0, 4)) !== budget.fiscalYear) {
    throw new InvalidValue('on', `a date YYYY-MM-DD in ${budget.fiscalYear}`);
  }
  return [{ type: 'SpendingRecorded', data: { budgetId: budget.budgetId, spendingId: c.data.spendingId, lineId: c.data.lineId, amountOre: c.data.amountOre, on: c.data.on } }];
}

function reallocate(c: ReallocateBudget, budget: ExistingBudget): BudgetEvent[] {
  authorise(c, budget.centreId, ['board_member']);
  if (budget.status !== 'enacted') throw new RuleViolation('budget_not_enacted', 'money is moved between enacted lines', { budgetId: budget.budgetId });
  const resolution = adoptedResolution(c.data.resolutionId, c.data.resolution, budget);
  const s = resolution.subject;
  if (s.kind !== 'budget_reallocation' || s.budgetId !== budget.budgetId) {
    throw new RuleViolation('resolution_not_about_this', 'the resolution does not move money in this budget', { resolutionId: resolution.resolutionId });
  }
  const from = activeLine(budget, s.fromLineId);
  activeLine(budget, s.toLineId);
  if (!budget.years.includes(s.year)) throw new RuleViolation('year_not_in_budget', 'the resolution names a year outside this budget', { year: s.year });
  if ((from.enacted?.[s.year] ?? 0) < s.amountOre) throw new RuleViolation('not_enough_on_line', 'the line has less than the amount to move', { lineId: from.lineId });
  return [{ type: 'BudgetReallocated', data: { budgetId: budget.budgetId, resolutionId: resolution.resolutionId, fromLineId: s.fromLineId, toLineId: s.toLineId, year: s.year, amountOre: s.amountOre } }];
}

/** The resolution exists on this centre's board, was adopted, and has not been used before. */
function adoptedResolution(resolutionId: string, fact: ResolutionFact | null, budget: ExistingBudget): ResolutionFact {
  if (!fact || fact.resolutionId !== resolutionId || fact.centreId !== budget.centreId) {
    throw new RuleViolation('resolution_not_found', 'no such resolution of this centre’s board', { resolutionId });
  }
  if (fact.status !== 'adopted') throw new RuleViolation('resolution_not_adopted', `the resolution is ${fact.status}, not adopted`, { resolutionId });
  if (budget.resolutionsUsed.includes(resolutionId)) throw new Conflict('resolution_used', 'the resolution has been acted on already', { resolutionId });
  return fact;
}

function activeLine(budget: ExistingBudget, lineId: string) {
  const line = own(budget.lines, lineId);
  if (!line) throw new NotFound('line_not_found', 'no such line', { lineId });
  if (line.withdrawn) throw new Conflict('line_withdrawn', 'the line is withdrawn', { lineId });
  return line;
}

const describe = (raw: string) => tidyText(raw, 'description', DESCRIPTION_MAX);

/** One whole number of øre for each year of the budget, no other years. */
function checkAmounts(amounts: Amounts, years: number[], field = 'amounts'): Amounts {
  const out: Amounts = {};
  for (const key of Object.keys(amounts)) if (!years.includes(Number(key))) throw new InvalidValue(`${field}.${key}`, `not a year of this budget (${years.join(', ')})`);
  for (const year of years) {
    const value = amounts[year];
    if (value === undefined) throw new InvalidValue(`${field}.${year}`, 'an amount for every year of the budget');
    if (!Number.isSafeInteger(value) || Math.abs(value) > AMOUNT_MAX_ORE) throw new InvalidValue(`${field}.${year}`, 'a whole number of øre, at most DKK 100 billion either way');
    out[year] = value;
  }
  return out;
}

export const budgetDecider: Decider<Budget, BudgetCommand, BudgetEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => budgetStreamId(command.data.budgetId),
  schemaVersions: BUDGET_EVENT_SCHEMA_VERSIONS,
  centreOf: (state, command) => (command.type === 'DraftBudget' ? command.data.centreId : state.status === 'none' ? undefined : state.centreId),
};
