import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Facts } from '../../commands/facts.js';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { budgetDecider, DESCRIPTION_MAX, FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR } from '../../domain/budget/decide.js';
import { Forbidden, InvalidValue, NotFound } from '../../domain/shared/errors.js';
import type { Principal } from '../../domain/shared/principal.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { derivedId } from '../../ids.js';
import { resolutionsOf } from '../../projections/board/queries.js';
import { budgetCsv, budgetSvg, financeActCsv, rollUpCsv } from '../../projections/budgets/export.js';
import { budgetHistory, centreBudgetsAsOf, financeActColumns, getBudget, listBudgets, nationalRollUp } from '../../projections/budgets/queries.js';
import { diff, lineHistory, publicLineHistory, publicView, replay } from '../../projections/budgets/replay.js';
import { authenticatedContext, insiderOf, optionalPrincipal } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { errorResponses, isoDay, isoMoment, text, uuid } from '../schemas.js';

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
const anyJson = z.record(z.string(), z.unknown());
/** One line's story, and the board's resolutions it names (from the board's read model). */
const lineStory = z.object({
  budgetId: uuid,
  lineId: uuid,
  entries: z.array(
    z.object({
      at: z.string(),
      position: z.number().int(),
      what: z.enum(['proposed', 'amended', 'withdrawn', 'approved', 'submitted', 'enacted', 'spent', 'reallocated_out', 'reallocated_in']),
      by: z.object({ id: z.string().nullable().describe('Who, for the board and staff of the centre; null for the public'), role: z.string() }),
      amounts: amounts.optional(),
      description: z.string().optional(),
      resolutionId: uuid.optional(),
      amountOre: z.number().int().optional(),
      on: z.string().optional(),
    }),
  ),
  resolutions: z.record(
    z.string(),
    z.object({ title: z.string(), status: z.enum(['proposed', 'adopted', 'rejected']), meetingId: uuid, subject: z.record(z.string(), z.unknown()).describe('What the resolution decides') }),
  ),
});
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

  commandRoute(authed, deps, {
    url: '/centres/:centreId/budgets',
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
    tag,
    summary: 'Propose a line: Finance Act account (8 digits), standard account (2 digits), text, øre per year',
    params: budgetParams,
    body: z
      .object({ financeAccount: z.string().regex(/^\d{8}$/, 'must be 8 digits'), standardAccount: z.string().regex(/^\d{2}$/, 'must be 2 digits'), description: text(1, DESCRIPTION_MAX), amounts })
      .strict()
      .meta({ examples: [{ financeAccount: '17411110', standardAccount: '18', description: 'Løn til vejledere', amounts: { '2027': 125000000 } }] }),
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
    tag,
    summary: 'Amend a draft line’s text or amounts (a new version of the budget)',
    params: lineParams,
    body: z.object({ description: text(1, DESCRIPTION_MAX).optional(), amounts: amounts.optional() }).strict(),
    command: async ({ params, body, principal }) => ({ type: 'AmendBudgetLine' as const, data: { ...params, ...body, actorSits: (await facts.budgetStanding(principal, params)).actorSits } }),
  });
  commandRoute(authed, deps, {
    url: '/budgets/:budgetId/lines/:lineId/withdraw',
    tag,
    summary: 'Withdraw a draft line (a new version of the budget)',
    params: lineParams,
    body: empty,
    command: async ({ params, principal }) => ({ type: 'WithdrawBudgetLine' as const, data: { ...params, actorSits: (await facts.budgetStanding(principal, params)).actorSits } }),
  });
  commandRoute(authed, deps, {
    url: '/budgets/:budgetId/approve',
    tag,
    summary: 'Approve the budget by an adopted board resolution that names its exact current version',
    params: budgetParams,
    body: z.object({ resolutionId: uuid }).strict(),
    command: async ({ params, body, principal }) => ({
      type: 'ApproveBudget' as const,
      data: { budgetId: params.budgetId, resolutionId: body.resolutionId, ...(await facts.budgetStanding(principal, params, body.resolutionId)) },
    }),
  });
  commandRoute(authed, deps, {
    url: '/budgets/:budgetId/submit',
    tag,
    summary: 'Submit the approved budget for the Finance Act',
    params: budgetParams,
    body: empty,
    command: async ({ params, principal }) => ({ type: 'SubmitBudget' as const, data: { ...params, actorSits: (await facts.budgetStanding(principal, params)).actorSits } }),
  });
  commandRoute(authed, deps, {
    url: '/budgets/:budgetId/enact',
    tag,
    summary: 'Record what the Finance Act enacted (administrators); lines not listed are enacted as approved',
    params: budgetParams,
    body: z.object({ lines: z.array(z.object({ lineId: uuid, amounts }).strict()).max(1000) }).strict(),
    command: async ({ params, body }) => ({ type: 'EnactBudget' as const, data: { budgetId: params.budgetId, lines: body.lines } }),
  });
  commandRoute(authed, deps, {
    url: '/budgets/:budgetId/spending',
    tag,
    summary: 'Record money spent against an enacted line (staff or board); a negative amount corrects',
    params: budgetParams,
    body: z.object({ lineId: uuid, amountOre: z.number().int(), on: isoDay() }).strict(),
    status: 201,
    creates: ['spendingId'],
    command: async ({ params, body, newId, principal }) => ({
      type: 'RecordSpending' as const,
      data: { budgetId: params.budgetId, spendingId: newId('spendingId'), ...body, actorSits: (await facts.budgetStanding(principal, params)).actorSits },
    }),
  });
  commandRoute(authed, deps, {
    url: '/budgets/:budgetId/reallocations',
    tag,
    summary: 'Move money between enacted lines, as an adopted board resolution names it',
    params: budgetParams,
    body: z.object({ resolutionId: uuid }).strict(),
    command: async ({ params, body, principal }) => ({
      type: 'ReallocateBudget' as const,
      data: { budgetId: params.budgetId, resolutionId: body.resolutionId, ...(await facts.budgetStanding(principal, params, body.resolutionId)) },
    }),
  });

  /** The budget as of a moment, if this principal may see it as it stood then, and as they may see it. */
  async function visible(budgetId: string, principal: Principal | undefined, at?: Date) {
    const summary = await getBudget(database.db, budgetId);
    if (!summary) throw new NotFound('budget_not_found', 'no such budget', { budgetId });
    const history = await budgetHistory(database.db, budgetId);
    const view = replay(history, at);
    const inside = insiderOf(principal, summary.centreId);
    if (view?.status === 'draft' && !inside) {
      throw new Forbidden('a draft budget is for the board and staff of its centre; it is public once approved', { budgetId });
    }
    return { view: view && !inside ? publicView(view) : view, history, inside, centreId: summary.centreId };
  }
  const moment = (iso: string | undefined) => (iso ? new Date(iso) : undefined);
  const readSchema = <E extends object>(summary: string, extra: E) => ({
    tags: [tag],
    summary,
    ...extra,
    response: { 200: anyJson, 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
  });

  r.get(
    '/centres/:centreId/budgets',
    { preHandler: optional, schema: readSchema('A centre’s budgets (drafts only for its board and staff)', { params: centreParams }) },
    async (request) => {
      const all = await listBudgets(database.db, request.params.centreId);
      return { budgets: all.filter((b) => b.status !== 'draft' || insiderOf(request.principal, b.centreId)) };
    },
  );

  r.get(
    '/centres/:centreId/budget-history',
    {
      preHandler: optional,
      schema: readSchema('Every budget of a centre replayed to a moment (default: now)', { params: centreParams, querystring: z.object({ asOf }).strict() }),
    },
    async (request) => {
      const views = await centreBudgetsAsOf(database.db, request.params.centreId, moment(request.query.asOf));
      const inside = insiderOf(request.principal, request.params.centreId);
      return { asOf: request.query.asOf ?? null, budgets: inside ? views : views.filter((v) => v.status !== 'draft').map(publicView) };
    },
  );

  r.get(
    '/budgets/:budgetId',
    { preHandler: optional, schema: readSchema('A budget as it stands, or as it stood at `asOf`', { params: budgetParams, querystring: z.object({ asOf }).strict() }) },
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
      schema: readSchema('What changed between two moments: lines added, changed and removed, amounts before and after', {
        params: budgetParams,
        querystring: z.object({ from: isoMoment(), to: isoMoment() }).strict(),
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
      schema: {
        ...readSchema('One line’s story: who proposed and changed it, which resolutions approved or moved it, what was spent', { params: lineParams }),
        response: { 200: lineStory, 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
      },
    },
    async (request) => {
      const { history, inside, centreId } = await visible(request.params.budgetId, request.principal);
      const all = lineHistory(history, request.params.lineId);
      if (all.length === 0) throw new NotFound('line_not_found', 'no such line', { lineId: request.params.lineId });
      const entries = inside ? all : publicLineHistory(all);
      // Each resolution with its title and status, from the board's read model.
      const resolutions = await resolutionsOf(database.db, centreId, entries.flatMap((e) => (e.resolutionId ? [e.resolutionId] : [])));
      return { budgetId: request.params.budgetId, lineId: request.params.lineId, entries, resolutions };
    },
  );

  r.get(
    '/budgets/:budgetId/export',
    {
      preHandler: optional,
      schema: {
        ...readSchema('The budget as CSV (Danish: semicolons and decimal commas; or international) or JSON', {
          params: budgetParams,
          querystring: z.object({ format: z.enum(['csv', 'json']).default('csv'), numbers: z.enum(['da', 'en']).default('da'), asOf }).strict(),
        }),
        response: { 200: z.unknown(), 400: errorResponses[400], 403: errorResponses[403], 404: errorResponses[404] },
      },
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
      schema: {
        ...readSchema('Budget against actuals over the year, in total or for one line, as SVG', { params: budgetParams, querystring: z.object({ lineId: uuid.optional(), asOf }).strict() }),
        response: { 200: z.unknown(), 400: errorResponses[400], 403: errorResponses[403], 404: errorResponses[404] },
      },
    },
    async (request, reply) => {
      const { view } = await visible(request.params.budgetId, request.principal, moment(request.query.asOf));
      if (!view) throw new NotFound('budget_not_yet', 'the budget did not exist yet at that moment', { budgetId: request.params.budgetId });
      if (request.query.lineId && !view.lines.some((l) => l.lineId === request.query.lineId)) throw new NotFound('line_not_found', 'no such line', { lineId: request.query.lineId });
      return (reply as FastifyReply).type('image/svg+xml').send(budgetSvg(view, request.query.lineId));
    },
  );

  const csvOrJson = z.object({ format: z.enum(['json', 'csv']).default('json'), numbers: z.enum(['da', 'en']).default('da') });
  const csv = (reply: FastifyReply, name: string, body: string) =>
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(`\ufeff${body}`);

  r.get(
    '/centres/:centreId/finance-act/:year',
    {
      schema: {
        ...readSchema('The centre’s budget in the Finance Act’s columns: R, B, F, BO1–BO3, in øre (public; no drafts); JSON or CSV', {
          params: centreParams.extend({ year: fiscalYearParam }).strict(),
          querystring: csvOrJson.extend({ asOf }).strict(),
        }),
        response: { 200: z.unknown(), 400: errorResponses[400], 404: errorResponses[404] },
      },
    },
    async (request, reply) => {
      const { centreId } = request.params;
      const year = fiscalYearOf(request.params.year);
      const rows = financeActColumns(await centreBudgetsAsOf(database.db, centreId, moment(request.query.asOf)), year);
      if (request.query.format === 'csv') return csv(reply as FastifyReply, `finanslov-${year}-${centreId}`, financeActCsv(rows, year, request.query.numbers));
      return { centreId, fiscalYear: year, unit: 'øre', rows };
    },
  );

  r.get(
    '/finance-act/:year',
    {
      schema: {
        ...readSchema('Every centre’s annual budget for a fiscal year side by side: approved, enacted, spent; totals per standard account and for the country; JSON or CSV', {
          params: z.object({ year: fiscalYearParam }).strict(),
          querystring: csvOrJson.strict(),
        }),
        response: { 200: z.unknown(), 400: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const year = fiscalYearOf(request.params.year);
      const rollUp = await nationalRollUp(database.db, year);
      if (request.query.format === 'csv') return csv(reply as FastifyReply, `finanslov-${year}`, rollUpCsv(rollUp, request.query.numbers));
      return rollUp;
    },
  );
};
