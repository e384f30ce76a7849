import { match } from 'ts-pattern';
import type { ResolutionSubject } from '../board/board.js';
import { inCopenhagen } from '../journey/hours.js';
import { financeAccountKnown, nearestFinanceAccounts, nearestStandardAccounts, standardAccount } from './accounts.js';
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
  carryKey,
  type ExistingBudget,
  initialState,
  LINE_NATURES,
  type LineNature,
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
export type ProposeBudgetLine = Cmd<'ProposeBudgetLine', { lineId: string; financeAccount: string; standardAccount: string; nature: LineNature; description: string; amounts: Amounts }>;
export type AmendBudgetLine = Cmd<'AmendBudgetLine', { lineId: string; description?: string; amounts?: Amounts }>;
export type WithdrawBudgetLine = Cmd<'WithdrawBudgetLine', { lineId: string }>;
export type ApproveBudget = Cmd<'ApproveBudget', { resolutionId: string; resolution: ResolutionFact | null }>;
export type SubmitBudget = Cmd<'SubmitBudget', object>;
export type EnactBudget = Cmd<'EnactBudget', { lines: { lineId: string; amounts: Amounts }[] }>;
/** `overspendReason`: why, when the entry takes an expenditure line beyond its appropriation (required then, refused otherwise). */
export type RecordSpending = Cmd<'RecordSpending', { spendingId: string; lineId: string; amountOre: number; on: string; voucher: string; text: string; overspendReason?: string }>;
export type CorrectSpending = Cmd<'CorrectSpending', { correctionId: string; spendingId: string; amountOre: number; on: string; voucher: string; text: string }>;
export type ReallocateBudget = Cmd<'ReallocateBudget', { resolutionId: string; resolution: ResolutionFact | null }>;
export type SupplementBudget = Cmd<'SupplementBudget', { resolutionId: string; resolution: ResolutionFact | null }>;
/** Last year's budget a carry-over draws on, as its stream holds it (null: no such budget). */
export interface ClosedAccountsFact {
  budgetId: string;
  centreId: string;
  kind: BudgetKind;
  fiscalYear: number;
  status: ExistingBudget['status'];
  /** Each line's appropriation for its year (enacted, moved, supplemented) and its closed accounts (null while open). */
  lines: { lineId: string; nature: LineNature; appropriationOre: number; accountsOre: number | null }[];
}
export type CarryOver = Cmd<'CarryOver', { resolutionId: string; resolution: ResolutionFact | null; source: ClosedAccountsFact | null }>;
/** Twelve amounts, January first, that add up to the line's appropriation for the year as it stands. */
export type SplitMonthly = Cmd<'SplitMonthly', { lineId: string; months: number[] }>;
export type CloseAccounts = Cmd<'CloseAccounts', { resolutionId: string; resolution: ResolutionFact | null }>;

export type BudgetCommand =
  | DraftBudget
  | ProposeBudgetLine
  | AmendBudgetLine
  | WithdrawBudgetLine
  | ApproveBudget
  | SubmitBudget
  | EnactBudget
  | RecordSpending
  | CorrectSpending
  | ReallocateBudget
  | SupplementBudget
  | SplitMonthly
  | CarryOver
  | CloseAccounts;

export const DESCRIPTION_MAX = 200;
export const VOUCHER_MAX = 40;
export const ENTRY_TEXT_MAX = 200;
export const REASON_MAX = 500;
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
    .with({ type: 'CorrectSpending' }, (c) => correctSpending(c, state))
    .with({ type: 'ReallocateBudget' }, (c) => reallocate(c, state))
    .with({ type: 'SupplementBudget' }, (c) => supplement(c, state))
    .with({ type: 'SplitMonthly' }, (c) => splitMonthly(c, state))
    .with({ type: 'CarryOver' }, (c) => carryOver(c, state))
    .with({ type: 'CloseAccounts' }, (c) => close(c, state))
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
  const { financeAccount, standardAccount: code, nature } = c.data;
  if (!/^\d{8}$/.test(financeAccount)) throw new InvalidValue('financeAccount', '8 digits: paragraf, hovedområde, aktivitetsområde, hovedkonto, underkonto');
  if (!financeAccountKnown(financeAccount)) {
    throw new InvalidValue('financeAccount', `not a hovedkonto of § 17 in the Finance Act; nearest valid: ${nearestFinanceAccounts(financeAccount).join(', ')}`);
  }
  if (!/^\d{2}$/.test(code)) throw new InvalidValue('standardAccount', '2 digits, e.g. 18 salaries, 22 other operating costs, 21 other operating income');
  const standard = standardAccount(code);
  if (!standard) throw new InvalidValue('standardAccount', `not a standard account of the state’s chart a centre budgets on; nearest valid: ${nearestStandardAccounts(code).join(', ')}`);
  if (!LINE_NATURES.includes(nature)) throw new InvalidValue('nature', 'expenditure or revenue');
  // The standard account is budgeted on one side: salaries are never revenue, rent received never expenditure.
  const side: LineNature = standard.kind === 'udgift' ? 'expenditure' : 'revenue';
  if (nature !== side) throw new InvalidValue('nature', `standard account ${code} (${standard.da}) is ${side}`);
  if (own(budget.lines, c.data.lineId)) throw new Conflict('line_exists', 'the line exists', { lineId: c.data.lineId });
  const description = describe(c.data.description);
  const amounts = checkAmounts(c.data.amounts, budget.years);
  return [
    {
      type: 'BudgetLineProposed',
      data: {
        budgetId: budget.budgetId,
        lineId: c.data.lineId,
        financeAccount: c.data.financeAccount,
        standardAccount: c.data.standardAccount,
        nature: c.data.nature,
        description,
        amounts,
        version: budget.version + 1,
      },
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
  if (budget.status === 'enacted' || budget.status === 'closed') throw new Conflict('budget_enacted', 'the budget is already enacted', { budgetId: budget.budgetId });
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
  if (!fresh(c, budget, c.data.spendingId)) return [];
  const line = bookableLine(budget, c.data.lineId);
  const entry = entryParts(c.data, budget, c.now);
  const available = line.enacted?.[budget.fiscalYear] ?? 0;
  if (line.postedOre + entry.amountOre > AMOUNT_MAX_ORE) throw new InvalidValue('amountOre', 'the line’s entries would come to more than DKK 100 billion');
  const beyond = line.nature === 'expenditure' && line.postedOre + entry.amountOre > available;
  const reason = c.data.overspendReason === undefined || c.data.overspendReason.trim() === '' ? null : tidyText(c.data.overspendReason, 'overspendReason', REASON_MAX);
  if (beyond && reason === null) {
    throw new RuleViolation('overspending_needs_reason', 'the entry takes the line beyond its appropriation: state why', {
      field: 'overspendReason',
      lineId: line.lineId,
      availableOre: available,
      postedOre: line.postedOre,
    });
  }
  if (!beyond && reason !== null) throw new InvalidValue('overspendReason', 'only when the entry takes an expenditure line beyond its appropriation');
  return [{ type: 'SpendingRecorded', data: { budgetId: budget.budgetId, spendingId: c.data.spendingId, lineId: line.lineId, ...entry, overspendReason: reason } }];
}

/** A correction reverses all or part of what is left of one entry, on the entry's line. */
function correctSpending(c: CorrectSpending, budget: ExistingBudget): BudgetEvent[] {
  if (!fresh(c, budget, c.data.correctionId)) return [];
  const corrected = own(budget.entries, c.data.spendingId);
  if (!corrected || corrected.kind !== 'entry') throw new NotFound('entry_not_found', 'no such entry in this budget', { spendingId: c.data.spendingId });
  const line = bookableLine(budget, corrected.lineId);
  const entry = entryParts(c.data, budget, c.now);
  if (entry.on < corrected.on) throw new InvalidValue('on', `on or after the date of the entry it corrects (${corrected.on})`);
  if (entry.amountOre > corrected.remainingOre) {
    throw new RuleViolation('correction_exceeds_entry', `a correction reverses at most what is left of the entry (${corrected.remainingOre} øre)`, {
      field: 'amountOre',
      spendingId: c.data.spendingId,
      remainingOre: corrected.remainingOre,
    });
  }
  return [{ type: 'SpendingCorrected', data: { budgetId: budget.budgetId, correctionId: c.data.correctionId, spendingId: c.data.spendingId, lineId: line.lineId, ...entry } }];
}

/** Whether the actor may book for the centre and the entry's id is new (a known id is a retry: nothing more happens). */
function fresh(c: RecordSpending | CorrectSpending, budget: ExistingBudget, id: string): boolean {
  authorise(c, budget.centreId, ['board_member', 'staff']);
  return own(budget.entries, id) === undefined;
}

/** A line of an enacted annual budget: entries are booked against what was appropriated. */
function bookableLine(budget: ExistingBudget, lineId: string) {
  if (budget.kind !== 'annual') throw new RuleViolation('development_budget', 'entries are recorded against the annual budget', { budgetId: budget.budgetId });
  notClosed(budget);
  if (budget.status !== 'enacted') throw new RuleViolation('budget_not_enacted', 'entries are recorded against an enacted budget', { budgetId: budget.budgetId });
  return activeLine(budget, lineId);
}

/** An entry's amount (positive øre), date (in the fiscal year, not after today in Copenhagen), voucher and text. */
function entryParts(d: { amountOre: number; on: string; voucher: string; text: string }, budget: ExistingBudget, now: string) {
  if (!Number.isSafeInteger(d.amountOre) || d.amountOre <= 0 || d.amountOre > AMOUNT_MAX_ORE) throw new InvalidValue('amountOre', 'a whole number of øre above zero (a correction is an entry of its own)');
  if (!isDate(d.on) || Number(d.on.slice(0, 4)) !== budget.fiscalYear) throw new InvalidValue('on', `a date YYYY-MM-DD in ${budget.fiscalYear}`);
  if (d.on > inCopenhagen(new Date(now)).date) throw new InvalidValue('on', 'not a date in the future: an entry records what happened');
  const voucher = tidyText(d.voucher, 'voucher', VOUCHER_MAX);
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ./_-]*$/u.test(voucher)) throw new InvalidValue('voucher', 'the voucher’s reference: letters, digits, space . / _ -');
  return { amountOre: d.amountOre, on: d.on, voucher, text: tidyText(d.text, 'text', ENTRY_TEXT_MAX) };
}

/** Closed accounts are fixed: nothing is booked, moved or appropriated on them. */
function notClosed(budget: ExistingBudget): void {
  if (budget.status === 'closed') throw new Conflict('accounts_closed', `the accounts of ${budget.fiscalYear} are closed`, { budgetId: budget.budgetId });
}

/**
 * The adopted resolution a command on an enacted, open budget acts on: of this centre's board, not
 * used before, about this budget and of the command's kind. `does` says what such a resolution does.
 */
function actingOn<K extends ResolutionSubject['kind']>(c: ReallocateBudget | SupplementBudget | CarryOver | CloseAccounts, budget: ExistingBudget, kind: K, does: string) {
  authorise(c, budget.centreId, ['board_member']);
  notClosed(budget);
  if (budget.status !== 'enacted') throw new RuleViolation('budget_not_enacted', `only an enacted budget’s resolution ${does}`, { budgetId: budget.budgetId });
  const resolution = adoptedResolution(c.data.resolutionId, c.data.resolution, budget);
  const s = resolution.subject;
  if (s.kind !== kind || !('budgetId' in s) || s.budgetId !== budget.budgetId) {
    throw new RuleViolation('resolution_not_about_this', `the resolution does not ${does} in this budget`, { resolutionId: resolution.resolutionId });
  }
  return { resolutionId: resolution.resolutionId, subject: s as Extract<ResolutionSubject, { kind: K }> };
}

function reallocate(c: ReallocateBudget, budget: ExistingBudget): BudgetEvent[] {
  const { resolutionId, subject: s } = actingOn(c, budget, 'budget_reallocation', 'move money');
  const from = activeLine(budget, s.fromLineId);
  const to = activeLine(budget, s.toLineId);
  if (!budget.years.includes(s.year)) throw new RuleViolation('year_not_in_budget', 'the resolution names a year outside this budget', { year: s.year });
  // Money moves within expenditure or within revenue: across them it would change the net appropriation.
  if (from.nature !== to.nature) throw new RuleViolation('nature_differs', 'money moves between two expenditure lines or two revenue lines', { fromLineId: from.lineId, toLineId: to.lineId });
  // What is spent has gone: only what is left of the appropriation can move.
  const spent = budget.kind === 'annual' && s.year === budget.fiscalYear ? Math.max(from.postedOre, 0) : 0;
  if ((from.enacted?.[s.year] ?? 0) - spent < s.amountOre) throw new RuleViolation('not_enough_on_line', 'the line has less left than the amount to move', { lineId: from.lineId });
  return [{ type: 'BudgetReallocated', data: { budgetId: budget.budgetId, resolutionId, fromLineId: s.fromLineId, toLineId: s.toLineId, year: s.year, amountOre: s.amountOre } }];
}

function supplement(c: SupplementBudget, budget: ExistingBudget): BudgetEvent[] {
  const { resolutionId, subject: s } = actingOn(c, budget, 'budget_supplement', 'grant a supplementary appropriation');
  const line = activeLine(budget, s.lineId);
  if (!budget.years.includes(s.year)) throw new RuleViolation('year_not_in_budget', 'the resolution names a year outside this budget', { year: s.year });
  if (!Number.isSafeInteger(s.amountOre) || s.amountOre <= 0 || s.amountOre > AMOUNT_MAX_ORE) throw new RuleViolation('amount_not_positive', 'the resolution names no positive amount', { resolutionId });
  if ((line.enacted?.[s.year] ?? 0) + s.amountOre > AMOUNT_MAX_ORE) throw new RuleViolation('amount_too_large', 'the line would come to more than DKK 100 billion', { lineId: line.lineId });
  return [{ type: 'BudgetSupplemented', data: { budgetId: budget.budgetId, resolutionId, lineId: s.lineId, year: s.year, amountOre: s.amountOre } }];
}

/**
 * A carry-over (overførsel) by an adopted resolution: money a line of last year's closed accounts
 * did not spend is added to a line of this year's enacted annual budget. All of last year's
 * carry-overs land in this one budget (a centre has one annual budget a year), so its stream keeps
 * count of what was carried from each line: never more than the line left unspent.
 */
function carryOver(c: CarryOver, budget: ExistingBudget): BudgetEvent[] {
  const { resolutionId, subject: s } = actingOn(c, budget, 'budget_carry_over', 'carry money over');
  if (budget.kind !== 'annual') throw new RuleViolation('development_budget', 'money is carried over into an annual budget', { budgetId: budget.budgetId });
  const source = c.data.source;
  if (!source || source.budgetId !== s.fromBudgetId || source.centreId !== budget.centreId || source.kind !== 'annual' || source.fiscalYear !== budget.fiscalYear - 1) {
    throw new RuleViolation('not_last_years_budget', `money is carried over from the centre's annual budget of ${budget.fiscalYear - 1}`, { budgetId: s.fromBudgetId });
  }
  if (source.status !== 'closed') throw new RuleViolation('accounts_not_closed', `the accounts of ${source.fiscalYear} are not closed yet`, { budgetId: source.budgetId });
  const from = source.lines.find((l) => l.lineId === s.fromLineId);
  if (!from) throw new NotFound('line_not_found', 'no such line in last year’s budget', { lineId: s.fromLineId });
  if (from.nature !== 'expenditure') throw new RuleViolation('revenue_line', 'what is carried over is unspent expenditure', { lineId: from.lineId });
  const target = activeLine(budget, s.lineId);
  if (target.nature !== 'expenditure') throw new RuleViolation('revenue_line', 'unspent expenditure is carried over onto an expenditure line', { lineId: target.lineId });
  if (s.year !== budget.fiscalYear) throw new RuleViolation('year_not_in_budget', 'the resolution names another year', { year: s.year });
  // Never more than was appropriated (accounts of an old form may be negative).
  const unspent = Math.min(from.appropriationOre, Math.max(0, from.appropriationOre - (from.accountsOre ?? 0)));
  const carried = own(budget.carriedIn, carryKey(source.budgetId, from.lineId)) ?? 0;
  if (!Number.isSafeInteger(s.amountOre) || s.amountOre <= 0 || carried + s.amountOre > unspent) {
    throw new RuleViolation('more_than_unspent', `the line left ${unspent} øre unspent, of which ${carried} øre are carried over already`, { lineId: from.lineId, unspentOre: unspent, carriedOre: carried });
  }
  if ((target.enacted?.[s.year] ?? 0) + s.amountOre > AMOUNT_MAX_ORE) throw new RuleViolation('amount_too_large', 'the line would come to more than DKK 100 billion', { lineId: target.lineId });
  return [
    {
      type: 'BudgetCarriedOver',
      data: { budgetId: budget.budgetId, resolutionId, lineId: s.lineId, year: s.year, amountOre: s.amountOre, fromBudgetId: source.budgetId, fromLineId: from.lineId },
    },
  ];
}

/** What a carry-over needs to know of last year's budget, from its state. */
export function closedAccountsOf(state: Budget): ClosedAccountsFact | null {
  if (state.status === 'none') return null;
  const lines = Object.values(state.lines)
    .filter((l) => !l.withdrawn)
    .map((l) => ({ lineId: l.lineId, nature: l.nature, appropriationOre: l.enacted?.[state.fiscalYear] ?? 0, accountsOre: state.status === 'closed' ? l.postedOre : null }));
  return { budgetId: state.budgetId, centreId: state.centreId, kind: state.kind, fiscalYear: state.fiscalYear, status: state.status, lines };
}

/**
 * The monthly split (periodisering): the board or staff spread a line's appropriation over the
 * months, so that spending can be followed against it month by month. It must add up to the
 * appropriation as it stands; a later move or supplement shows as the part not yet spread.
 */
function splitMonthly(c: SplitMonthly, budget: ExistingBudget): BudgetEvent[] {
  authorise(c, budget.centreId, ['board_member', 'staff']);
  if (budget.kind !== 'annual') throw new RuleViolation('development_budget', 'the monthly split is of the annual budget', { budgetId: budget.budgetId });
  notClosed(budget);
  if (budget.status !== 'enacted') throw new RuleViolation('budget_not_enacted', 'the appropriation is split once it is enacted', { budgetId: budget.budgetId });
  const line = activeLine(budget, c.data.lineId);
  const { months } = c.data;
  if (!Array.isArray(months) || months.length !== 12) throw new InvalidValue('months', 'twelve amounts, January first');
  months.forEach((m, i) => {
    if (!Number.isSafeInteger(m) || m < 0 || m > AMOUNT_MAX_ORE) throw new InvalidValue(`months.${i}`, 'a whole number of øre, not negative');
  });
  const appropriation = line.enacted?.[budget.fiscalYear] ?? 0;
  const total = months.reduce((a, b) => a + b, 0);
  if (total !== appropriation) {
    throw new RuleViolation('split_does_not_add_up', `the months add up to ${total} øre; the line's appropriation is ${appropriation} øre`, { field: 'months', totalOre: total, appropriationOre: appropriation });
  }
  if (line.monthly && line.monthly.every((m, i) => m === months[i])) return [];
  return [{ type: 'MonthlySplitSet', data: { budgetId: budget.budgetId, lineId: line.lineId, months: [...months] } }];
}

/** The year-end closing: by an adopted resolution, once the fiscal year is over, each line's accounts as they stand. */
function close(c: CloseAccounts, budget: ExistingBudget): BudgetEvent[] {
  const { resolutionId } = actingOn(c, budget, 'budget_closing', 'close the accounts');
  if (budget.kind !== 'annual') throw new RuleViolation('development_budget', 'accounts are closed for an annual budget', { budgetId: budget.budgetId });
  if (inCopenhagen(new Date(c.now)).date <= `${budget.fiscalYear}-12-31`) {
    throw new RuleViolation('year_not_over', `the accounts of ${budget.fiscalYear} are closed once the year is over`, { budgetId: budget.budgetId });
  }
  const lines = Object.values(budget.lines)
    .filter((l) => !l.withdrawn)
    .map((l) => ({ lineId: l.lineId, spentOre: l.postedOre }));
  return [{ type: 'AccountsClosed', data: { budgetId: budget.budgetId, resolutionId, lines } }];
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
    if (!Number.isSafeInteger(value) || value < 0 || value > AMOUNT_MAX_ORE) {
      throw new InvalidValue(`${field}.${year}`, 'a whole number of øre from 0 to DKK 100 billion (a line is expenditure or revenue: its amounts are not negative)');
    }
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
