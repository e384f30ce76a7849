import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Facts } from '../../commands/facts.js';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { LINE_NATURES } from '../../domain/budget/budget.js';
import { budgetDecider, DESCRIPTION_MAX, ENTRY_TEXT_MAX, FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, REASON_MAX, VOUCHER_MAX } from '../../domain/budget/decide.js';
import { Forbidden, InvalidValue, NotFound } from '../../domain/shared/errors.js';
import type { Principal } from '../../domain/shared/principal.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { derivedId } from '../../ids.js';
import { resolutionsOf } from '../../projections/board/queries.js';
import { budgetCsv, budgetSvg, financeActCsv, rollUpCsv } from '../../projections/budgets/export.js';
import { budgetHistory, centreBudgetsAsOf, financeActColumns, getBudget, listBudgets, nationalRollUp } from '../../projections/budgets/queries.js';
import { diff, lineHistory, publicLineHistory, publicView, replay } from '../../projections/budgets/replay.js';
import { authenticatedContext, optionalPrincipal, seatedInsider } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { mergeProblems, OPTIONALLY_SIGNED_IN, type ProblemCodes, PUBLIC } from '../openapi.js';
import { isoDay, isoMoment, resolutionSubjectSchema, text, uuid } from '../schemas.js';

export interface BudgetRoutesOptions {
  database: Database;
  /** Facts from other streams that commands need. */
  facts: Facts;
  handler: CommandHandler;
  verify: TokenVerifier;
}

const year = z.number().int().min(FIRST_FISCAL_YEAR).max(LAST_FISCAL_YEAR);
const amounts = z
  .record(z.string().regex(/^\d{4}$/, 'a year'), z.number().int().describe('øre'))
  .describe('Amount per year in whole øre (integers, never decimals), e.g. {"2027": 125000000} for DKK 1,250,000.00');
const centreParams = z.object({ centreId: uuid }).strict();
const budgetParams = z.object({ budgetId: uuid }).strict();
const lineParams = budgetParams.extend({ lineId: uuid }).strict();
const empty = z.object({}).strict();
const asOf = isoMoment().optional().describe('A moment (ISO-8601 with zone): the budget as it stood then');
/** Problems every command on a budget may answer. */
const onBudget: ProblemCodes = { 404: ['budget_not_found'] };
/** Problems of a command on one of its lines. */
const onLine: ProblemCodes = { 404: ['line_not_found'], 409: ['line_withdrawn', 'budget_not_draft'] };
/** Problems of reading a budget: a draft is for its centre's board and staff; an `asOf` before it existed. */
const reading: ProblemCodes = { 404: ['budget_not_found', 'budget_not_yet'] };

/** Amounts as answered: øre per year. */
const amountsView = z.record(z.string(), z.number().int()).describe('Øre per year, keyed by the year').meta({ id: 'Amounts' });
const budgetLine = z
  .object({
    lineId: z.string(),
    financeAccount: z.string().describe('The Finance Act account, 8 digits'),
    account: z.object({ paragraf: z.string(), hovedomraade: z.string(), aktivitetsomraade: z.string(), hovedkonto: z.string(), underkonto: z.string() }).describe('The Finance Act account, in its parts'),
    standardAccount: z.string(),
    standardAccountName: z.string().nullable(),
    nature: z.enum(LINE_NATURES).describe('Expenditure or revenue'),
    description: z.string(),
    amounts: amountsView.describe('Proposed (and, once approved, approved) øre per year'),
    withdrawn: z.boolean(),
    proposedBy: z.string().nullable().describe('Who, for the board and staff of the centre; null in what the public sees'),
    proposedAt: z.string(),
    changedBy: z.string().nullable(),
    changedAt: z.string(),
    enacted: amountsView.nullable().describe('Enacted øre per year with reallocations and supplementary appropriations applied; null before enactment'),
    accountsOre: z.number().int().nullable().describe('The accounts fixed at the year-end closing; null while the accounts are open'),
    spentOre: z.number().int().describe('Entries less corrections: spent on an expenditure line, received on a revenue line'),
    remainingOre: z.number().int().nullable().describe('The fiscal year’s appropriation less spentOre (negative: beyond it); null before enactment'),
    overspentOre: z.number().int().describe('How far an expenditure line went beyond its appropriation'),
    monthly: z.array(z.number().int()).nullable().describe('The appropriation split over the months (periodisering), January first; null if none was set'),
    monthlySpentOre: z.array(z.number().int()).describe('Entries less corrections by month, January first'),
    spending: z.array(
      z.object({
        spendingId: z.string(),
        amountOre: z.number().int(),
        on: z.string(),
        voucher: z.string().nullable().describe('The voucher’s reference: for the centre’s board and staff; null for the public'),
        text: z.string().nullable().describe('The voucher’s text: for the centre’s board and staff; null for the public'),
        overspendReason: z.string().nullable(),
        correctedOre: z.number().int(),
        corrections: z.array(z.object({ correctionId: z.string(), amountOre: z.number().int(), on: z.string(), voucher: z.string().nullable(), text: z.string().nullable() })),
      }),
    ),
  })
  .meta({ id: 'BudgetLine' });
const natureSum = z.object({ amounts: amountsView, enacted: amountsView.nullable(), spentOre: z.number().int(), remainingOre: z.number().int().nullable(), overspentOre: z.number().int() });
const budgetTotals = z
  .object({ expenditure: natureSum, revenue: natureSum, net: z.object({ amounts: amountsView, enacted: amountsView.nullable(), spentOre: z.number().int() }).describe('Expenditure less revenue') })
  .meta({ id: 'BudgetTotals' });
const budgetStatus = z.enum(['draft', 'approved', 'submitted', 'enacted', 'closed']);
const budgetView = z
  .object({
    budgetId: z.string(),
    centreId: z.string(),
    fiscalYear: z.number().int(),
    kind: z.enum(['annual', 'development']),
    years: z.array(z.number().int()),
    status: budgetStatus,
    version: z.number().int(),
    approval: z.object({ resolutionId: z.string(), version: z.number().int(), at: z.string(), by: z.string().nullable() }).nullable(),
    submittedAt: z.string().nullable(),
    enactedAt: z.string().nullable(),
    reallocations: z.array(z.object({ resolutionId: z.string(), fromLineId: z.string(), toLineId: z.string(), year: z.number().int(), amountOre: z.number().int(), at: z.string() })),
    supplements: z.array(z.object({ resolutionId: z.string(), lineId: z.string(), year: z.number().int(), amountOre: z.number().int(), at: z.string() })).describe('Supplementary appropriations (tillægsbevillinger)'),
    carriedIn: z
      .array(z.object({ resolutionId: z.string(), lineId: z.string(), year: z.number().int(), amountOre: z.number().int(), fromBudgetId: z.string(), fromLineId: z.string(), at: z.string() }))
      .describe('Carry-overs (overførsler) into this budget from last year’s closed accounts'),
    closing: z.object({ resolutionId: z.string(), at: z.string() }).nullable().describe('The year-end closing; null while the accounts are open'),
    lines: z.array(budgetLine).describe('Lines not withdrawn'),
    totals: budgetTotals,
    asOf: z.string().nullable(),
  })
  .meta({ id: 'Budget' });
const budgetSummary = z
  .object({
    budgetId: z.string(),
    centreId: z.string(),
    fiscalYear: z.number().int(),
    kind: z.enum(['annual', 'development']),
    status: budgetStatus,
    version: z.number().int(),
    draftedAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'BudgetSummary' });
const beforeAfter = <T extends z.ZodType>(value: T) => z.object({ before: value, after: value });
const budgetDiff = z
  .object({
    budgetId: z.string(),
    from: z.string(),
    to: z.string(),
    status: beforeAfter(budgetStatus.nullable()),
    version: beforeAfter(z.number().int().nullable()),
    added: z.array(budgetLine),
    removed: z.array(budgetLine).describe('Removed or withdrawn'),
    changed: z.array(
      z.object({
        lineId: z.string(),
        financeAccount: z.string(),
        standardAccount: z.string(),
        description: beforeAfter(z.string()).nullable(),
        amounts: beforeAfter(amountsView).nullable(),
        enacted: beforeAfter(amountsView.nullable()).nullable(),
        spentOre: beforeAfter(z.number().int()).nullable(),
      }),
    ),
    totals: beforeAfter(budgetTotals.nullable()),
  })
  .meta({ id: 'BudgetDiff' });
const financeActRow = z
  .object({
    financeAccount: z.string(),
    standardAccount: z.string(),
    standardAccountName: z.string().nullable(),
    nature: z.enum(LINE_NATURES),
    descriptions: z.array(z.string()),
    R: z.number().int().nullable().describe('The accounts of year Y-2, as closed at its year-end; null while open'),
    B: z.number().int().nullable().describe('The enacted budget of year Y-1'),
    F: z.number().int().nullable().describe('This year’s appropriation, as enacted'),
    BO1: z.number().int().nullable().describe('Estimate for Y+1 from the development budget'),
    BO2: z.number().int().nullable().describe('Estimate for Y+2'),
    BO3: z.number().int().nullable().describe('Estimate for Y+3'),
  })
  .meta({ id: 'FinanceActRow' });
const sums = { approvedOre: z.number().int(), enactedOre: z.number().int(), spentOre: z.number().int() };
const centreSums = z.object({ ...sums, enactedOre: z.number().int().nullable() });
const nationalRollUpSchema = z
  .object({
    fiscalYear: z.number().int(),
    asOf: z.string().nullable(),
    centres: z.array(
      centreSums
        .extend({
          centreId: z.string(),
          centreName: z.string().nullable(),
          municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
          budgetId: z.string(),
          status: budgetStatus,
          expenditure: centreSums,
          revenue: centreSums,
        })
        .describe('The plain sums are net: expenditure less revenue'),
    ),
    byStandardAccount: z.array(z.object({ standardAccount: z.string(), standardAccountName: z.string().nullable(), nature: z.enum(LINE_NATURES), ...sums })),
    national: z.object({ ...sums, expenditure: z.object(sums), revenue: z.object(sums) }).describe('The plain sums are net: expenditure less revenue'),
    reference: z.object({ todaysJobCentresOre: z.object({ low: z.number().int(), high: z.number().int() }), note: z.string() }),
  })
  .meta({ id: 'NationalRollUp' });
const csvText = z.string().describe('CSV with a byte-order mark; Danish numbers use semicolons and decimal commas');
/** One line's story, and the board's resolutions it names (from the board's read model). */
const lineStory = z
  .object({
    budgetId: uuid,
    lineId: uuid,
    entries: z.array(
      z.object({
        at: z.string(),
        position: z.number().int(),
        what: z.enum(['proposed', 'amended', 'withdrawn', 'approved', 'submitted', 'enacted', 'spent', 'corrected', 'reallocated_out', 'reallocated_in', 'supplemented', 'carried_in', 'closed']),
        by: z.object({ id: z.string().nullable().describe('Who, for the board and staff of the centre; null for the public'), role: z.string() }),
        amounts: amounts.optional(),
        description: z.string().optional(),
        resolutionId: uuid.optional(),
        amountOre: z.number().int().optional(),
        on: z.string().optional(),
        spendingId: uuid.optional().describe('The entry (spent), or the entry a correction reverses (corrected)'),
        voucher: z.string().nullable().optional(),
        text: z.string().nullable().optional(),
        overspendReason: z.string().nullable().optional(),
      }),
    ),
    resolutions: z.record(
      z.string(),
      z.object({ title: z.string(), status: z.enum(['proposed', 'adopted', 'rejected']), meetingId: uuid, subject: resolutionSubjectSchema }),
    ),
  })
  .meta({ id: 'BudgetLineStory' });
const fiscalYearParam = z.string().regex(/^\d{4}$/, 'a year, four digits').describe(`A fiscal year, ${FIRST_FISCAL_YEAR}–${LAST_FISCAL_YEAR}`);
/** A year from the path, checked as the body's years are. */
function fiscalYearOf(raw: string): number {
  const year = Number(raw);
  if (year < FIRST_FISCAL_YEAR || year > LAST_FISCAL_YEAR) throw new InvalidValue('year', `a year from ${FIRST_FISCAL_YEAR} to ${LAST_FISCAL_YEAR}`);
  return year;
}


/** Budgets: drafted and approved by the board, enacted on the Finance Act, public once approved. */
export const budgetRoutes: FastifyPluginAsync<BudgetRoutesOptions> = async (app, { database, facts, handler, verify }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authed = authenticatedContext(app, verify);
  const deps = { handler, decider: budgetDecider };
  const optional = optionalPrincipal(verify);
  const tag = 'budgets';

  /** The acting board member's seat and the resolution a command names: facts from the board, read once per command. */

  /** A command on a budget that acts on one adopted board resolution, named in the body; the resolution and the actor's seat are read from the board. */
  const byResolution = (spec: { url: string; operationId: string; type: 'ApproveBudget' | 'ReallocateBudget' | 'SupplementBudget' | 'CloseAccounts'; problems: ProblemCodes; summary: string }) =>
    commandRoute(authed, deps, {
      url: spec.url,
      operationId: spec.operationId,
      examples: [{ resolutionId: '019a2051-9e2f-7a4b-8c5d-6e7f8a9b0c1d' }],
      problems: spec.problems,
      tag,
      summary: spec.summary,
      params: budgetParams,
      body: z.object({ resolutionId: uuid }).strict(),
      command: async ({ params, body, principal }) => ({
        type: spec.type,
        data: { budgetId: params.budgetId, resolutionId: body.resolutionId, ...(await facts.budgetStanding(principal, params, body.resolutionId)) },
      }),
    });

  commandRoute(authed, deps, {
    url: '/centres/:centreId/budgets',
    operationId: 'draftBudget',
    examples: [{ fiscalYear: 2028, kind: 'annual' }, { fiscalYear: 2028, kind: 'development' }],
    problems: { 404: ['centre_not_found'], 409: ['budget_exists'] },
    tag,
    summary: 'Draft the annual budget, or the five-year development budget, for a fiscal year (the board)',
    params: centreParams,
    body: z.object({ fiscalYear: year, kind: z.enum(['annual', 'development']) }).strict(),
    status: 201,
    creates: ['budgetId'],
    // One budget of each kind per centre and year: its id follows from them.
    command: async ({ params, body, created, principal }) => {
      created.budgetId = derivedId(params.centreId, `budget:${body.kind}:${body.fiscalYear}`);
      const { actorSits } = await facts.budgetStanding(principal, { centreId: params.centreId });
      return { type: 'DraftBudget' as const, data: { budgetId: created.budgetId, centreId: params.centreId, ...body, actorSits, centreKnown: await facts.centreKnown(params.centreId) } };
    },
  });
  commandRoute(authed, deps, {
    url: '/budgets/:budgetId/lines',
    operationId: 'proposeBudgetLine',
    examples: [
      { financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn til vejledere', amounts: { '2027': 125000000 } },
      { financeAccount: '17411110', standardAccount: '21', nature: 'revenue', description: 'Lejeindtægt, mødelokaler', amounts: { '2027': 1800000 } },
    ],
    problems: mergeProblems(onBudget, { 409: ['line_exists', 'budget_not_draft'] }),
    tag,
    summary: 'Propose a line: Finance Act account (8 digits), standard account (2 digits), expenditure or revenue, text, øre per year (not negative)',
    params: budgetParams,
    body: z
      .object({
        financeAccount: z.string().regex(/^\d{8}$/, 'must be 8 digits'),
        standardAccount: z.string().regex(/^\d{2}$/, 'must be 2 digits'),
        nature: z.enum(LINE_NATURES).describe('Expenditure or revenue: the Finance Act keeps them apart'),
        description: text(1, DESCRIPTION_MAX),
        amounts,
      })
      .strict(),
    status: 201,
    creates: ['lineId'],
    command: async ({ params, body, newId, principal }) => ({
      type: 'ProposeBudgetLine' as const,
      data: { budgetId: params.budgetId, lineId: newId('lineId'), ...body, actorSits: (await facts.budgetStanding(principal, params)).actorSits },
    }),
  });
  commandRoute(authed, deps, {
    method: 'PUT',
    url: '/budgets/:budgetId/lines/:lineId',
    operationId: 'amendBudgetLine',
    examples: [{ description: 'Løn til vejledere og mentorer', amounts: { '2027': 131000000 } }, { amounts: { '2027': 118000000 } }],
    problems: mergeProblems(onBudget, onLine),
    tag,
    summary: 'Amend a draft line’s text or amounts (a new version of the budget)',
    params: lineParams,
    body: z.object({ description: text(1, DESCRIPTION_MAX).optional(), amounts: amounts.optional() }).strict(),
    command: async ({ params, body, principal }) => ({ type: 'AmendBudgetLine' as const, data: { ...params, ...body, actorSits: (await facts.budgetStanding(principal, params)).actorSits } }),
  });
  commandRoute(authed, deps, {
    url: '/budgets/:budgetId/lines/:lineId/withdraw',
    operationId: 'withdrawBudgetLine',
    examples: [{}],
    problems: mergeProblems(onBudget, onLine),
    tag,
    summary: 'Withdraw a draft line (a new version of the budget)',
    params: lineParams,
    body: empty,
    command: async ({ params, principal }) => ({ type: 'WithdrawBudgetLine' as const, data: { ...params, actorSits: (await facts.budgetStanding(principal, params)).actorSits } }),
  });
  byResolution({
    url: '/budgets/:budgetId/approve',
    operationId: 'approveBudget',
    type: 'ApproveBudget',
    problems: mergeProblems(onBudget, { 409: ['budget_not_draft', 'resolution_used'] }),
    summary: 'Approve the budget by an adopted board resolution that names its exact current version',
  });
  commandRoute(authed, deps, {
    url: '/budgets/:budgetId/submit',
    operationId: 'submitBudget',
    examples: [{}],
    problems: onBudget,
    tag,
    summary: 'Submit the approved budget for the Finance Act',
    params: budgetParams,
    body: empty,
    command: async ({ params, principal }) => ({ type: 'SubmitBudget' as const, data: { ...params, actorSits: (await facts.budgetStanding(principal, params)).actorSits } }),
  });
  commandRoute(authed, deps, {
    url: '/budgets/:budgetId/enact',
    operationId: 'enactBudget',
    examples: [{ lines: [] }, { lines: [{ lineId: '019a2051-a4b2-7e01-8d3c-5f6a7b8c9d0e', amounts: { '2027': 120000000 } }] }],
    problems: mergeProblems(onBudget, { 409: ['budget_enacted'] }),
    tag,
    summary: 'Record what the Finance Act enacted (administrators); lines not listed are enacted as approved',
    params: budgetParams,
    body: z.object({ lines: z.array(z.object({ lineId: uuid, amounts }).strict()).max(1000) }).strict(),
    command: async ({ params, body }) => ({ type: 'EnactBudget' as const, data: { budgetId: params.budgetId, lines: body.lines } }),
  });
  const entry = {
    amountOre: z.number().int().min(1).describe('Øre, above zero'),
    on: isoDay().describe('The voucher’s date: in the fiscal year, not in the future'),
    voucher: text(1, VOUCHER_MAX).describe('The voucher’s reference (bilagsnummer)'),
    text: text(1, ENTRY_TEXT_MAX).describe('The voucher’s text: what the money was for'),
  };
  commandRoute(authed, deps, {
    url: '/budgets/:budgetId/spending',
    operationId: 'recordSpending',
    examples: [
      { lineId: '019a2051-a4b2-7e01-8d3c-5f6a7b8c9d0e', amountOre: 4250000, on: '2027-01-31', voucher: '2027-0001', text: 'Løn januar' },
      { lineId: '019a2051-a4b2-7e01-8d3c-5f6a7b8c9d0e', amountOre: 9000000, on: '2027-11-30', voucher: '2027-0412', text: 'Vikar, sygdom', overspendReason: 'Langtidssygdom; dækkes af mindreforbrug på kontoen for kurser' },
    ],
    problems: mergeProblems(onBudget, { 404: ['line_not_found'], 422: ['overspending_needs_reason'] }),
    tag,
    summary: 'Record an entry against an enacted line (staff or board): spent on an expenditure line, received on a revenue line; beyond the appropriation only with a reason',
    params: budgetParams,
    body: z.object({ lineId: uuid, ...entry, overspendReason: text(1, REASON_MAX).optional().describe('Why the entry takes the line beyond its appropriation: required then, refused otherwise') }).strict(),
    status: 201,
    creates: ['spendingId'],
    command: async ({ params, body, newId, principal }) => ({
      type: 'RecordSpending' as const,
      data: { budgetId: params.budgetId, spendingId: newId('spendingId'), ...body, actorSits: (await facts.budgetStanding(principal, params)).actorSits },
    }),
  });
  commandRoute(authed, deps, {
    url: '/budgets/:budgetId/spending/:spendingId/corrections',
    operationId: 'correctSpending',
    examples: [{ amountOre: 125000, on: '2027-02-03', voucher: '2027-0019', text: 'Fejlpostering: hører til kontoen for kurser' }],
    problems: mergeProblems(onBudget, { 404: ['entry_not_found'], 422: ['correction_exceeds_entry'] }),
    tag,
    summary: 'Correct an entry: reverse all or part of it, on a voucher of its own (the entry itself never changes)',
    params: budgetParams.extend({ spendingId: uuid }).strict(),
    body: z.object(entry).strict(),
    status: 201,
    creates: ['correctionId'],
    command: async ({ params, body, newId, principal }) => ({
      type: 'CorrectSpending' as const,
      data: { budgetId: params.budgetId, spendingId: params.spendingId, correctionId: newId('correctionId'), ...body, actorSits: (await facts.budgetStanding(principal, params)).actorSits },
    }),
  });
  byResolution({
    url: '/budgets/:budgetId/reallocations',
    operationId: 'reallocateBudget',
    type: 'ReallocateBudget',
    problems: mergeProblems(onBudget, { 404: ['line_not_found'], 409: ['resolution_used'] }),
    summary: 'Move money between enacted lines, as an adopted board resolution names it',
  });

  byResolution({
    url: '/budgets/:budgetId/supplements',
    operationId: 'supplementBudget',
    type: 'SupplementBudget',
    problems: mergeProblems(onBudget, { 404: ['line_not_found'], 409: ['resolution_used', 'accounts_closed'] }),
    summary: 'Grant a supplementary appropriation (tillægsbevilling) on an enacted line, as an adopted board resolution names it',
  });
  commandRoute(authed, deps, {
    url: '/budgets/:budgetId/carry-overs',
    operationId: 'carryOver',
    examples: [{ resolutionId: '019a2051-9e2f-7a4b-8c5d-6e7f8a9b0c1d' }],
    problems: mergeProblems(onBudget, { 404: ['line_not_found'], 409: ['resolution_used', 'accounts_closed'], 422: ['accounts_not_closed', 'more_than_unspent', 'not_last_years_budget'] }),
    tag,
    summary: 'Carry money a line of last year’s closed accounts left unspent over to a line of this year’s enacted budget (overførsel), as an adopted board resolution names it',
    params: budgetParams,
    body: z.object({ resolutionId: uuid }).strict(),
    command: async ({ params, body, principal }) => {
      const standing = await facts.budgetStanding(principal, params, body.resolutionId);
      const subject = standing.resolution?.subject;
      const source = subject?.kind === 'budget_carry_over' ? await facts.closedAccounts(subject.fromBudgetId) : null;
      return { type: 'CarryOver' as const, data: { budgetId: params.budgetId, resolutionId: body.resolutionId, ...standing, source } };
    },
  });
  commandRoute(authed, deps, {
    method: 'PUT',
    url: '/budgets/:budgetId/lines/:lineId/monthly-split',
    operationId: 'splitBudgetLineMonthly',
    examples: [{ months: [100000, 100000, 100000, 100000, 100000, 100000, 50000, 100000, 100000, 100000, 100000, 150000] }],
    problems: mergeProblems(onBudget, { 404: ['line_not_found'], 409: ['accounts_closed'], 422: ['split_does_not_add_up'] }),
    tag,
    summary: 'Split an enacted line’s appropriation over the twelve months (periodisering), January first; the months add up to the appropriation (board or staff)',
    params: lineParams,
    body: z.object({ months: z.array(z.number().int().min(0)).length(12).describe('Øre per month, January first') }).strict(),
    command: async ({ params, body, principal }) => ({ type: 'SplitMonthly' as const, data: { ...params, months: body.months, actorSits: (await facts.budgetStanding(principal, params)).actorSits } }),
  });
  byResolution({
    url: '/budgets/:budgetId/closing',
    operationId: 'closeAccounts',
    type: 'CloseAccounts',
    problems: mergeProblems(onBudget, { 409: ['resolution_used', 'accounts_closed'], 422: ['year_not_over'] }),
    summary: 'Close an annual budget’s accounts once its year is over, as an adopted board resolution names it: what each line spent is fixed, and is R in later Finance Act columns',
  });

  /**
   * The centre's board and staff, and administrators, see drafts and the vouchers' texts. A board
   * member counts only while they hold a seat (from the board's stream), not by their token alone.
   */
  const insider = (principal: Principal | undefined, centreId: string) => seatedInsider(facts.onBoard, principal, centreId);

  /** The budget as of a moment, if this principal may see it as it stood then, and as they may see it. */
  async function visible(budgetId: string, principal: Principal | undefined, at?: Date) {
    const summary = await getBudget(database.db, budgetId);
    if (!summary) throw new NotFound('budget_not_found', 'no such budget', { budgetId });
    const history = await budgetHistory(database.db, budgetId);
    const view = replay(history, at);
    const inside = await insider(principal, summary.centreId);
    if (view?.status === 'draft' && !inside) {
      throw new Forbidden('a draft budget is for the board and staff of its centre; it is public once approved', { budgetId });
    }
    return { view: view && !inside ? publicView(view) : view, history, inside, centreId: summary.centreId };
  }
  const moment = (iso: string | undefined) => (iso ? new Date(iso) : undefined);
  /** A read that anyone may make, and that shows drafts to the centre's board and staff when a token is sent. */
  const readSchema = <E extends object>(operationId: string, summary: string, extra: E) => ({
    operationId,
    tags: [tag],
    summary,
    security: OPTIONALLY_SIGNED_IN,
    ...extra,
  });

  r.get(
    '/centres/:centreId/budgets',
    { preHandler: optional, schema: readSchema('listBudgets', 'A centre’s budgets (drafts only for its board and staff)', { params: centreParams, response: { 200: z.object({ budgets: z.array(budgetSummary) }) } }) },
    async (request) => {
      const all = await listBudgets(database.db, request.params.centreId);
      const inside = await insider(request.principal, request.params.centreId);
      return { budgets: all.filter((b) => b.status !== 'draft' || inside) };
    },
  );

  r.get(
    '/centres/:centreId/budget-history',
    {
      preHandler: optional,
      schema: readSchema('getCentreBudgetHistory', 'Every budget of a centre replayed to a moment (default: now)', {
        params: centreParams,
        querystring: z.object({ asOf }).strict(),
        response: { 200: z.object({ asOf: z.string().nullable(), budgets: z.array(budgetView) }) },
        problems: { 404: ['centre_not_found'] },
      }),
    },
    async (request) => {
      await knownCentre(request.params.centreId);
      const views = await centreBudgetsAsOf(database.db, request.params.centreId, moment(request.query.asOf));
      const inside = await insider(request.principal, request.params.centreId);
      return { asOf: request.query.asOf ?? null, budgets: inside ? views : views.filter((v) => v.status !== 'draft').map(publicView) };
    },
  );

  r.get(
    '/budgets/:budgetId',
    { preHandler: optional, schema: readSchema('getBudget', 'A budget as it stands, or as it stood at `asOf`', { params: budgetParams, querystring: z.object({ asOf }).strict(), response: { 200: budgetView }, problems: mergeProblems(reading, { 403: ['forbidden'] }) }) },
    async (request) => {
      const { view } = await visible(request.params.budgetId, request.principal, moment(request.query.asOf));
      if (!view) throw new NotFound('budget_not_yet', 'the budget did not exist yet at that moment', { budgetId: request.params.budgetId });
      return { ...view };
    },
  );

  r.get(
    '/budgets/:budgetId/diff',
    {
      preHandler: optional,
      schema: readSchema('getBudgetDiff', 'What changed between two moments: lines added, changed and removed, amounts before and after', {
        params: budgetParams,
        querystring: z.object({ from: isoMoment(), to: isoMoment() }).strict(),
        response: { 200: budgetDiff },
        problems: { 403: ['forbidden'], 404: ['budget_not_found'] },
      }),
    },
    async (request) => {
      const before = await visible(request.params.budgetId, request.principal, new Date(request.query.from));
      const after = await visible(request.params.budgetId, request.principal, new Date(request.query.to));
      return { budgetId: request.params.budgetId, from: request.query.from, to: request.query.to, ...diff(before.view, after.view) };
    },
  );

  r.get(
    '/budgets/:budgetId/lines/:lineId/history',
    {
      preHandler: optional,
      schema: readSchema('getBudgetLineHistory', 'One line’s story: who proposed and changed it, which resolutions approved or moved it, what was spent', {
        params: lineParams,
        response: { 200: lineStory },
        problems: { 403: ['forbidden'], 404: ['budget_not_found', 'line_not_found'] },
      }),
    },
    async (request) => {
      const { history, inside, centreId } = await visible(request.params.budgetId, request.principal);
      const all = lineHistory(history, request.params.lineId);
      if (all.length === 0) throw new NotFound('line_not_found', 'no such line', { lineId: request.params.lineId });
      const entries = inside ? all : publicLineHistory(all);
      // A line that never reached an approved version is not public.
      if (entries.length === 0) throw new NotFound('line_not_found', 'no such line', { lineId: request.params.lineId });
      // Each resolution with its title and status, from the board's read model.
      const resolutions = await resolutionsOf(database.db, centreId, entries.flatMap((e) => (e.resolutionId ? [e.resolutionId] : [])));
      return { budgetId: request.params.budgetId, lineId: request.params.lineId, entries, resolutions };
    },
  );

  r.get(
    '/budgets/:budgetId/export',
    {
      preHandler: optional,
      schema: readSchema('exportBudget', 'The budget as CSV (Danish: semicolons and decimal commas; or international) or JSON', {
        params: budgetParams,
        querystring: z.object({ format: z.enum(['csv', 'json']).default('csv'), numbers: z.enum(['da', 'en']).default('da'), asOf }).strict(),
        response: { 200: { description: 'The budget, as `format` asks', content: { 'text/csv': { schema: csvText }, 'application/json': { schema: budgetView } } } },
        problems: mergeProblems(reading, { 403: ['forbidden'] }),
      }),
    },
    async (request, reply) => {
      const { view } = await visible(request.params.budgetId, request.principal, moment(request.query.asOf));
      if (!view) throw new NotFound('budget_not_yet', 'the budget did not exist yet at that moment', { budgetId: request.params.budgetId });
      const name = `budget-${view.fiscalYear}-${view.kind}`;
      if (request.query.format === 'json') return (reply as FastifyReply).header('content-disposition', `attachment; filename="${name}.json"`).send(view);
      return (reply as FastifyReply)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(`\ufeff${budgetCsv(view, request.query.numbers)}`); // the BOM makes Excel read UTF-8
    },
  );

  r.get(
    '/budgets/:budgetId/chart.svg',
    {
      preHandler: optional,
      schema: readSchema('getBudgetChart', 'Budget against actuals over the year, in total or for one line, as SVG', {
        params: budgetParams,
        querystring: z.object({ lineId: uuid.optional(), asOf }).strict(),
        response: { 200: { description: 'An SVG image', content: { 'image/svg+xml': { schema: z.string().describe('SVG') } } } },
        problems: mergeProblems(reading, { 403: ['forbidden'], 404: ['line_not_found'] }),
      }),
    },
    async (request, reply) => {
      const { view } = await visible(request.params.budgetId, request.principal, moment(request.query.asOf));
      if (!view) throw new NotFound('budget_not_yet', 'the budget did not exist yet at that moment', { budgetId: request.params.budgetId });
      if (request.query.lineId && !view.lines.some((l) => l.lineId === request.query.lineId)) throw new NotFound('line_not_found', 'no such line', { lineId: request.query.lineId });
      return (reply as FastifyReply).type('image/svg+xml').send(budgetSvg(view, request.query.lineId));
    },
  );

  /** A centre's public figures exist only for a centre that was established: any other id is not found, not an empty table. */
  const knownCentre = async (centreId: string) => {
    // From the centre's own stream, as commands ask: the read model may lag a centre established a moment ago.
    if (!(await facts.centreKnown(centreId))) throw new NotFound('centre_not_found', 'no such centre', { centreId });
  };

  const csvOrJson = z.object({ format: z.enum(['json', 'csv']).default('json'), numbers: z.enum(['da', 'en']).default('da') });
  const csv = (reply: FastifyReply, name: string, body: string) =>
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(`\ufeff${body}`);

  r.get(
    '/centres/:centreId/finance-act/:year',
    {
      schema: {
        ...readSchema('getCentreFinanceAct', 'The centre’s budget in the Finance Act’s columns: R, B, F, BO1–BO3, in øre (public; no drafts); JSON or CSV', {
          params: centreParams.extend({ year: fiscalYearParam }).strict(),
          querystring: csvOrJson.extend({ asOf }).strict(),
          response: {
            200: {
              description: 'The columns, as `format` asks',
              content: {
                'application/json': { schema: z.object({ centreId: z.string(), fiscalYear: z.number().int(), unit: z.string().describe('øre'), rows: z.array(financeActRow) }) },
                'text/csv': { schema: csvText },
              },
            },
          },
          problems: { 400: ['invalid_value'], 404: ['centre_not_found'] },
        }),
        security: PUBLIC,
      },
    },
    async (request, reply) => {
      const { centreId } = request.params;
      const year = fiscalYearOf(request.params.year);
      await knownCentre(centreId);
      const rows = financeActColumns(await centreBudgetsAsOf(database.db, centreId, moment(request.query.asOf)), year);
      if (request.query.format === 'csv') return csv(reply as FastifyReply, `finanslov-${year}-${centreId}`, financeActCsv(rows, year, request.query.numbers));
      return { centreId, fiscalYear: year, unit: 'øre', rows };
    },
  );

  r.get(
    '/finance-act/:year',
    {
      schema: {
        ...readSchema('getFinanceAct', 'Every centre’s annual budget for a fiscal year side by side, as it stands or stood at `asOf`: approved, enacted, spent; expenditure and revenue apart; totals per standard account and for the country; JSON or CSV', {
          params: z.object({ year: fiscalYearParam }).strict(),
          querystring: csvOrJson.extend({ asOf }).strict(),
          response: { 200: { description: 'The roll-up, as `format` asks', content: { 'application/json': { schema: nationalRollUpSchema }, 'text/csv': { schema: csvText } } } },
          problems: { 400: ['invalid_value'] },
        }),
        security: PUBLIC,
      },
    },
    async (request, reply) => {
      const year = fiscalYearOf(request.params.year);
      const rollUp = await nationalRollUp(database.db, year, moment(request.query.asOf));
      if (request.query.format === 'csv') return csv(reply as FastifyReply, `finanslov-${year}`, rollUpCsv(rollUp, request.query.numbers));
      return rollUp;
    },
  );
};
