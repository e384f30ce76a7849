/**
 * The board's budgets (`/bestyrelse/budgetter`, for board members of their own centre): drafted,
 * their lines (expenditure or revenue) proposed, amended and withdrawn, approved by resolution,
 * submitted, entries recorded against them and corrected, money moved, supplemented, carried over
 * from last year's closed accounts and the accounts closed, each by an adopted resolution; a line's
 * appropriation split over the months; replayed as of any moment, compared between two, a line's
 * story and entries, a chart and CSV. An administrator records what the Finance Act enacted
 * (`/bestyrelse/finanslov`).
 *
 * Every command goes through the command path as the API's route for it builds it (the same
 * facts, the same derived ids), so a double submit records once. A board member acts only for
 * the centre in their session: another centre's budget is not found here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CommandContext, CommandResult } from '../../commands/handler.js';
import type { BudgetCommand } from '../../domain/budget/decide.js';
import { budgetDecider } from '../../domain/budget/decide.js';
import type { Principal } from '../../domain/shared/principal.js';
import { derivedId, UUID_PATTERN } from '../../ids.js';
import { resolutionsOf } from '../../projections/board/queries.js';
import { budgetCsv } from '../../projections/budgets/export.js';
import { budgetEventSeen, budgetHistory, budgetsWithStatus, centreBudgetsAsOf, financeActColumnsWith, getBudget, listBudgets } from '../../projections/budgets/queries.js';
import { type BudgetView, diff, lineHistory, replay } from '../../projections/budgets/replay.js';
import { listCentres } from '../../projections/centres/queries.js';
import { type FieldError, IDEMPOTENCY_FIELD } from '../components.js';
import { type Message, say } from '../i18n.js';
import type { PageContext } from '../layout.js';
import type { FormState, Read } from '../pages/board.js';
import { parseMoment, replayMoment } from '../pages/board-parts.js';
import {
  asOfPage,
  budgetHref,
  type BudgetOk,
  budgetPage,
  budgetRefusal,
  type BudgetResolutionKind,
  budgetsPage,
  comparePage,
  CORRECTION_ENTRY_FIELD,
  correctionField,
  correctionFields,
  enactPage,
  isBudgetOk,
  linePage,
  momentMessage,
  MONTH_FIELDS,
  offeredResolutions,
  readAmendment,
  readCorrection,
  readDraft,
  readEnactment,
  readLine,
  readMonthlySplit,
  readResolution,
  readSpending,
  SPLIT_FIELD,
  submittedPage,
} from '../pages/budget.js';
import { csvFileName } from '../pages/budget-parts.js';
import { badRequestPage, notFoundPage } from '../pages/errors.js';
import { seeOther, sendPage } from '../request.js';
import { type Bare, boardKit, fieldsOf, idParam, type Member, now, refused, today, typed } from './board.js';
import { asRole, attempt, hide, queryOf, refusedBy, textOf, type WebArea, type WebOptions } from './shared.js';

const budgetIdOf = idParam('budgetId');
const lineIdOf = idParam('lineId');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A CSV download: UTF-8 with a byte-order mark (so spreadsheets read æ, ø and å), a header row
 * (`header=present`, RFC 4180's parameter), CRLF line ends, as an attachment with its name.
 */
export function sendCsv(reply: FastifyReply, fileName: string, body: string): FastifyReply {
  return reply.code(200).type('text/csv; charset=utf-8; header=present').header('content-disposition', `attachment; filename="${fileName}"`).send(`\ufeff${body}`);
}

export const budgetsArea: WebArea = {
  // Under the board's own segment.
  segments: ['bestyrelse'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, commands, sessionKey } = options;
    const db = database.db;
    const { handler, facts } = commands;
    const { asMember, okOf, insiderBoard, centreName, contextOf } = boardKit(options);
    const budgetOk = (request: FastifyRequest): BudgetOk | undefined => {
      const ok = okOf(request);
      return isBudgetOk(ok) ? ok : undefined;
    };

    /**
     * Budgets' read model follows the log a moment later: wait (a little) until it holds what the
     * command recorded, so the page after the redirect shows it.
     */
    async function budgetShown(result: CommandResult): Promise<void> {
      const last = result.positions?.last;
      if (last === undefined) return;
      for (const deadline = Date.now() + 3_000; Date.now() < deadline; await sleep(25)) if (await budgetEventSeen(db, last)) return;
    }
    const budget = async (actor: { principal: Principal }, command: Bare<BudgetCommand>, context: CommandContext) => {
      const result = await handler.handle(budgetDecider, { ...command, now: now(), principal: actor.principal } as BudgetCommand, context);
      await budgetShown(result);
      return result;
    };

    async function showBudgets(reply: FastifyReply, member: Member, status: number, ok?: BudgetOk, form?: FormState) {
      return sendPage(reply, status, budgetsPage(member.context, await listBudgets(db, member.centreId), today(), ok, form));
    }
    app.get('/bestyrelse/budgetter', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      return showBudgets(reply, member, 200, budgetOk(request));
    });
    app.post('/bestyrelse/budgetter', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const { lang } = member.context;
      const values = typed(request.body, ['fiscalYear', 'kind']);
      const read = readDraft(lang, textOf(request.body, 'fiscalYear'), textOf(request.body, 'kind'));
      if (!read.ok) return showBudgets(reply, member, 400, undefined, { values, errors: read.errors });
      const context = contextOf(request, { fiscalYear: String(read.value.fiscalYear), kind: read.value.kind });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      // As POST /centres/{id}/budgets: one budget of each kind per centre and year, its id following from them.
      const budgetId = derivedId(member.centreId, `budget:${read.value.kind}:${read.value.fiscalYear}`);
      const answered = await refusedBy(async () => {
        const { actorSits } = await facts.budgetStanding(member.principal, { centreId: member.centreId });
        await budget(member, { type: 'DraftBudget', data: { budgetId, centreId: member.centreId, ...read.value, actorSits, centreKnown: await facts.centreKnown(member.centreId) } }, context);
      }, (error, status) => showBudgets(reply, member, status, undefined, { values, errors: [refused(lang, error, 'fiscalYear')] }));
      return answered ?? seeOther(reply, `${budgetHref(budgetId)}?ok=drafted`);
    });

    /** This centre's budget, as it stands and with its history; null (a 404 page sent) for another centre's or none. */
    async function budgetOf(request: FastifyRequest, reply: FastifyReply, member: Member) {
      const budgetId = budgetIdOf(request.params);
      const summary = budgetId ? await getBudget(db, budgetId) : null;
      if (!summary || summary.centreId !== member.centreId) {
        sendPage(reply, 404, notFoundPage(member.context));
        return null;
      }
      const history = await budgetHistory(db, summary.budgetId);
      const view = replay(history);
      if (!view) {
        sendPage(reply, 404, notFoundPage(member.context));
        return null;
      }
      return { summary, history, view };
    }
    type FoundBudget = NonNullable<Awaited<ReturnType<typeof budgetOf>>>;
    async function showBudget(reply: FastifyReply, member: Member, found: FoundBudget, status: number, ok?: BudgetOk, form?: FormState) {
      const all = await centreBudgetsAsOf(db, member.centreId);
      const data = { view: found.view, history: found.history, board: await insiderBoard(member), financeAct: financeActColumnsWith(all, found.view), today: today() };
      return sendPage(reply, status, budgetPage(member.context, data, ok, form));
    }
    app.get('/bestyrelse/budgetter/:budgetId', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const found = await budgetOf(request, reply, member);
      if (!found) return reply;
      return showBudget(reply, member, found, 200, budgetOk(request));
    });


    /** The input a budget form's reader and command get. */
    interface BudgetInput {
      request: FastifyRequest;
      member: Member;
      found: FoundBudget;
      /** The live line the form is about, on a line's page. */
      lineId: string;
    }
    /**
     * A budget command from a form: the form read (400 with the page and its errors; a form that is
     * not ours, a 400 page), the command built as the API builds it and handled (a refusal shown on
     * the page), then the way on. On a line's page (`onLine`) the line must be a live line of the budget.
     */
    function budgetAction<V>(spec: {
      path: string;
      fields: (found: FoundBudget) => readonly string[];
      read: (input: BudgetInput) => Read<V> | null | Promise<Read<V> | null>;
      fingerprint: (value: V) => Record<string, string>;
      command: (value: V, input: BudgetInput, context: CommandContext) => Promise<Bare<BudgetCommand>>;
      field: string;
      /** The form field for a field the decider names in a refusal (an invalid value's, or a rule's `details.field`). */
      fieldFor?: (deciderField: string, value: V) => string | undefined;
      ok: BudgetOk;
      onLine?: boolean;
      /** The budget's states the form is for; in any other, the page says why (`notNow`, for the state it is in) and nothing is read or sent. */
      when: readonly BudgetView['status'][];
      notNow: Message | ((view: BudgetView) => Message);
    }) {
      app.post(spec.path, hide, async (request, reply) => {
        const member = await asMember(request, reply);
        if (!member) return reply;
        const found = await budgetOf(request, reply, member);
        if (!found) return reply;
        const lineId = spec.onLine ? found.view.lines.find((l) => l.lineId === lineIdOf(request.params))?.lineId : '';
        if (lineId === undefined) return sendPage(reply, 404, notFoundPage(member.context));
        const input = { request, member, found, lineId };
        const values = typed(request.body, spec.fields(found));
        const show = (status: number, form: FormState) => (spec.onLine ? showLine(reply, member, found, lineId, status, undefined, form) : showBudget(reply, member, found, status, undefined, form));
        // A form that is not ours (no usable key) is that first; then a form for a state the budget
        // has left (sent again, or from an old tab) gets the true reason, not the form's.
        if (!UUID_PATTERN.test(textOf(request.body, IDEMPOTENCY_FIELD) ?? '')) return sendPage(reply, 400, badRequestPage(member.context));
        if (!spec.when.includes(found.view.status)) {
          const why = typeof spec.notNow === 'function' ? spec.notNow(found.view) : spec.notNow;
          return show(409, { values, errors: [{ field: 'main-content', message: say(member.context.lang, why, { year: found.view.fiscalYear }) }] });
        }
        const read = await spec.read(input);
        if (read === null) return sendPage(reply, 400, badRequestPage(member.context));
        if (!read.ok) return show(400, { values, errors: read.errors });
        const context = contextOf(request, spec.fingerprint(read.value));
        if (!context) return sendPage(reply, 400, badRequestPage(member.context));
        const fieldFor = (f: string) => spec.fieldFor?.(f, read.value);
        const answered = await refusedBy(async () => budget(member, await spec.command(read.value, input, context), context), (error, status) => show(status, { values, errors: [budgetRefusal(member.context.lang, error, spec.field, fieldFor)] }));
        return answered ?? seeOther(reply, `${budgetHref(found.summary.budgetId)}${spec.onLine ? `/linjer/${lineId}` : ''}?ok=${spec.ok}`);
      });
    }
    /** Why a form cannot be used in the budget's present state. */
    const NOT_NOW = {
      linesFixed: { da: 'Budgettet er ikke et udkast længere, så dets linjer ændres ikke.', en: 'The budget is no longer a draft, so its lines do not change.' },
      approved: { da: 'Budgettet er allerede godkendt.', en: 'The budget is already approved.' },
      submit: { da: 'Kun et godkendt budget, der ikke er sendt endnu, sendes til Finansloven.', en: 'Only an approved budget not yet sent goes to the Finance Act.' },
      notEnacted: { da: 'Bilag og omplaceringer registreres, når Finansloven har bevilget budgettet.', en: 'Entries and reallocations are recorded once the Finance Act has enacted the budget.' },
      closed: {
        da: 'Regnskabet for {year} er afsluttet. Der bogføres, flyttes og bevilges ikke mere på budgettet. Intet er registreret.',
        en: 'The accounts of {year} are closed. Nothing more is booked, moved or appropriated on the budget. Nothing was recorded.',
      },
    } satisfies Record<string, Message>;
    /** Why a form of an enacted budget cannot be used: its accounts are closed, or it is not enacted yet. */
    const notEnacted = (view: BudgetView) => (view.status === 'closed' ? NOT_NOW.closed : NOT_NOW.notEnacted);
    const standing = (member: Member, budgetId: string, resolutionId?: string) => facts.budgetStanding(member.principal, { budgetId }, resolutionId);
    const amountField = (f: string) => (f.startsWith('amounts.') ? `amount-${f.slice('amounts.'.length)}` : f === 'description' ? 'description' : undefined);
    const amountFields = (found: FoundBudget) => found.view.years.map((y) => `amount-${y}`);
    /** The spending form's field for each field of RecordSpending. */
    const SPENDING_FIELDS: Readonly<Record<string, string>> = {
      lineId: 'spending-line',
      amountOre: 'spending-amount',
      on: 'spending-on',
      voucher: 'spending-voucher',
      text: 'spending-text',
      overspendReason: 'spending-reason',
    };

    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/linjer',
      fields: (found) => ['financeAccount', 'standardAccount', 'nature', 'description', ...amountFields(found)],
      read: ({ member, found, request }) => readLine(member.context.lang, fieldsOf(request.body), found.view.years),
      fingerprint: (v) => ({ financeAccount: v.financeAccount, standardAccount: v.standardAccount, nature: v.nature, description: v.description, amounts: JSON.stringify(v.amounts) }),
      command: async (v, { found, member }, context) => ({
        type: 'ProposeBudgetLine',
        data: { budgetId: found.summary.budgetId, lineId: derivedId(context.commandId, 'lineId'), ...v, actorSits: (await standing(member, found.summary.budgetId)).actorSits },
      }),
      field: 'financeAccount',
      fieldFor: (f) => amountField(f) ?? (f === 'financeAccount' || f === 'standardAccount' || f === 'nature' ? f : undefined),
      ok: 'line',
      when: ['draft'],
      notNow: NOT_NOW.linesFixed,
    });
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/godkendelse',
      fields: () => ['resolutionId'],
      read: async ({ member, found, request }) =>
        readResolution(member.context.lang, 'resolutionId', textOf(request.body, 'resolutionId'), offeredResolutions({ view: found.view, board: await insiderBoard(member) }, 'budget_approval')),
      fingerprint: (resolutionId) => ({ resolutionId }),
      command: async (resolutionId, { found, member }) => ({ type: 'ApproveBudget', data: { budgetId: found.summary.budgetId, resolutionId, ...(await standing(member, found.summary.budgetId, resolutionId)) } }),
      field: 'resolutionId',
      ok: 'approved',
      when: ['draft'],
      notNow: NOT_NOW.approved,
    });
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/indsendelse',
      fields: () => [],
      read: () => ({ ok: true, value: null }),
      fingerprint: () => ({}),
      command: async (_v, { found, member }) => ({ type: 'SubmitBudget', data: { budgetId: found.summary.budgetId, actorSits: (await standing(member, found.summary.budgetId)).actorSits } }),
      field: 'submit-budget',
      ok: 'submitted',
      when: ['approved'],
      notNow: NOT_NOW.submit,
    });
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/forbrug',
      fields: () => ['spending-line', 'spending-amount', 'spending-on', 'spending-voucher', 'spending-text', 'spending-reason'],
      read: ({ member, found, request }) => readSpending(member.context.lang, fieldsOf(request.body), found.view, today()),
      fingerprint: (v) => ({ lineId: v.lineId, amountOre: String(v.amountOre), on: v.on, voucher: v.voucher, text: v.text, overspendReason: v.overspendReason ?? '' }),
      // As POST /budgets/{id}/spending: the entry's id follows from the command's.
      command: async (v, { found, member }, context) => ({
        type: 'RecordSpending',
        data: { budgetId: found.summary.budgetId, spendingId: derivedId(context.commandId, 'spendingId'), ...v, actorSits: (await standing(member, found.summary.budgetId)).actorSits },
      }),
      field: 'spending-line',
      fieldFor: (f) => (Object.hasOwn(SPENDING_FIELDS, f) ? SPENDING_FIELDS[f] : undefined),
      ok: 'spent',
      when: ['enacted'],
      notNow: notEnacted,
    });
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/omplacering',
      fields: () => ['reallocation-resolution'],
      read: async ({ member, found, request }) =>
        readResolution(member.context.lang, 'reallocation-resolution', textOf(request.body, 'reallocation-resolution'), offeredResolutions({ view: found.view, board: await insiderBoard(member) }, 'budget_reallocation')),
      fingerprint: (resolutionId) => ({ resolutionId }),
      command: async (resolutionId, { found, member }) => ({ type: 'ReallocateBudget', data: { budgetId: found.summary.budgetId, resolutionId, ...(await standing(member, found.summary.budgetId, resolutionId)) } }),
      field: 'reallocation-resolution',
      ok: 'reallocated',
      when: ['enacted'],
      notNow: notEnacted,
    });
    /** A form acting on an adopted resolution of one kind about this budget: one of those the page offers. */
    const resolutionOf = (kind: BudgetResolutionKind, field: string) => async ({ member, found, request }: BudgetInput) =>
      readResolution(member.context.lang, field, textOf(request.body, field), offeredResolutions({ view: found.view, board: await insiderBoard(member) }, kind));
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/tillaegsbevilling',
      fields: () => ['supplement-resolution'],
      read: resolutionOf('budget_supplement', 'supplement-resolution'),
      fingerprint: (resolutionId) => ({ resolutionId }),
      // As POST /budgets/{id}/supplements.
      command: async (resolutionId, { found, member }) => ({ type: 'SupplementBudget', data: { budgetId: found.summary.budgetId, resolutionId, ...(await standing(member, found.summary.budgetId, resolutionId)) } }),
      field: 'supplement-resolution',
      ok: 'supplemented',
      when: ['enacted'],
      notNow: notEnacted,
    });
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/overfoersel',
      fields: () => ['carry-over-resolution'],
      // Carried into an annual budget only: a development budget has no carry-over form, so such a post is not ours.
      read: async (input) => (input.found.view.kind === 'annual' ? resolutionOf('budget_carry_over', 'carry-over-resolution')(input) : null),
      fingerprint: (resolutionId) => ({ resolutionId }),
      // As POST /budgets/{id}/carry-overs: last year's budget as its stream holds it, the one the resolution names.
      command: async (resolutionId, { found, member }) => {
        const standingNow = await standing(member, found.summary.budgetId, resolutionId);
        const subject = standingNow.resolution?.subject;
        const source = subject?.kind === 'budget_carry_over' ? await facts.closedAccounts(subject.fromBudgetId) : null;
        return { type: 'CarryOver', data: { budgetId: found.summary.budgetId, resolutionId, ...standingNow, source } };
      },
      field: 'carry-over-resolution',
      ok: 'carriedOver',
      when: ['enacted'],
      notNow: notEnacted,
    });
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/regnskab',
      fields: () => ['closing-resolution'],
      // An annual budget's accounts are closed; a development budget has no closing form.
      read: async (input) => (input.found.view.kind === 'annual' ? resolutionOf('budget_closing', 'closing-resolution')(input) : null),
      fingerprint: (resolutionId) => ({ resolutionId }),
      // As POST /budgets/{id}/closing.
      command: async (resolutionId, { found, member }) => ({ type: 'CloseAccounts', data: { budgetId: found.summary.budgetId, resolutionId, ...(await standing(member, found.summary.budgetId, resolutionId)) } }),
      field: 'closing-resolution',
      ok: 'closed',
      when: ['enacted'],
      notNow: notEnacted,
    });

    // ---- One line ----

    async function showLine(reply: FastifyReply, member: Member, found: FoundBudget, lineId: string, status: number, ok?: BudgetOk, form?: FormState) {
      const entries = lineHistory(found.history, lineId);
      if (entries.length === 0) return sendPage(reply, 404, notFoundPage(member.context));
      const resolutions = await resolutionsOf(db, member.centreId, entries.flatMap((e) => (e.resolutionId ? [e.resolutionId] : [])));
      return sendPage(reply, status, linePage(member.context, { view: found.view, lineId, line: found.view.lines.find((l) => l.lineId === lineId), entries, resolutions, today: today() }, ok, form));
    }
    app.get('/bestyrelse/budgetter/:budgetId/linjer/:lineId', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const found = await budgetOf(request, reply, member);
      if (!found) return reply;
      const lineId = lineIdOf(request.params);
      if (!lineId) return sendPage(reply, 404, notFoundPage(member.context));
      return showLine(reply, member, found, lineId, 200, budgetOk(request));
    });
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/linjer/:lineId',
      onLine: true,
      fields: (found) => ['description', ...amountFields(found)],
      read: ({ member, found, request }) => readAmendment(member.context.lang, fieldsOf(request.body), found.view.years),
      fingerprint: (v) => ({ description: v.description, amounts: JSON.stringify(v.amounts) }),
      command: async (v, { found, member, lineId }) => ({ type: 'AmendBudgetLine', data: { budgetId: found.summary.budgetId, lineId, ...v, actorSits: (await standing(member, found.summary.budgetId)).actorSits } }),
      field: 'description',
      fieldFor: amountField,
      ok: 'amended',
      when: ['draft'],
      notNow: NOT_NOW.linesFixed,
    });
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/linjer/:lineId/tilbagetraekning',
      onLine: true,
      fields: () => [],
      read: () => ({ ok: true, value: null }),
      fingerprint: () => ({}),
      command: async (_v, { found, member, lineId }) => ({ type: 'WithdrawBudgetLine', data: { budgetId: found.summary.budgetId, lineId, actorSits: (await standing(member, found.summary.budgetId)).actorSits } }),
      field: 'withdraw-line',
      ok: 'withdrawn',
      when: ['draft'],
      notNow: NOT_NOW.linesFixed,
    });
    /** A correction of one of the line's entries (the hidden field names it; any other entry is refused on the page). */
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/linjer/:lineId/rettelser',
      onLine: true,
      fields: (found) => correctionFields(found.view.lines),
      // Entries are booked on annual budgets only: a development budget's line has no correction form, so such a post is not ours.
      read: ({ member, found, request, lineId }) =>
        found.view.kind === 'annual' ? readCorrection(member.context.lang, fieldsOf(request.body), found.view, found.view.lines.find((l) => l.lineId === lineId)!, today()) : null,
      fingerprint: (v) => ({ spendingId: v.spendingId, amountOre: String(v.amountOre), on: v.on, voucher: v.voucher, text: v.text }),
      // As POST /budgets/{id}/spending/{spendingId}/corrections: the correction's id follows from the command's.
      command: async (v, { found, member }, context) => ({
        type: 'CorrectSpending',
        data: { budgetId: found.summary.budgetId, correctionId: derivedId(context.commandId, 'correctionId'), ...v, actorSits: (await standing(member, found.summary.budgetId)).actorSits },
      }),
      field: CORRECTION_ENTRY_FIELD,
      fieldFor: (f, v) => (f === 'amountOre' || f === 'on' || f === 'voucher' || f === 'text' ? correctionField(f === 'amountOre' ? 'amount' : f, v.spendingId) : undefined),
      ok: 'corrected',
      when: ['enacted'],
      notNow: notEnacted,
    });
    /** The monthly split of the line's appropriation: twelve amounts, January first. */
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/linjer/:lineId/maanedsfordeling',
      onLine: true,
      fields: () => MONTH_FIELDS,
      // The split is of an annual budget: a development budget's line has no split form, so such a post is not ours.
      read: ({ member, found, request }) => (found.view.kind === 'annual' ? readMonthlySplit(member.context.lang, fieldsOf(request.body)) : null),
      fingerprint: (months) => ({ months: months.join(',') }),
      // As PUT /budgets/{id}/lines/{lineId}/monthly-split.
      command: async (months, { found, member, lineId }) => ({ type: 'SplitMonthly', data: { budgetId: found.summary.budgetId, lineId, months, actorSits: (await standing(member, found.summary.budgetId)).actorSits } }),
      field: SPLIT_FIELD,
      fieldFor: (f) => (f === 'months' ? SPLIT_FIELD : /^months\.(\d+)$/.test(f) ? MONTH_FIELDS[Number(f.slice('months.'.length))] : undefined),
      ok: 'split',
      when: ['enacted'],
      notNow: notEnacted,
    });

    // ---- Replay, comparison, CSV ----

    /** A moment from the query: absent, unreadable (an error naming the field), or the moment a replay runs to. */
    function momentFrom(lang: PageContext['lang'], request: FastifyRequest, name: string): { typed: string; at: Date | null; error: FieldError | null } {
      const typedValue = queryOf(request, name) ?? '';
      if (typedValue.trim() === '') return { typed: '', at: null, error: null };
      const parsed = parseMoment(typedValue);
      return parsed ? { typed: typedValue, at: replayMoment(parsed), error: null } : { typed: typedValue, at: null, error: { field: name, message: momentMessage(lang) } };
    }
    app.get('/bestyrelse/budgetter/:budgetId/tidspunkt', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const found = await budgetOf(request, reply, member);
      if (!found) return reply;
      const moment = momentFrom(member.context.lang, request, 'tidspunkt');
      if (moment.error) return sendPage(reply, 400, asOfPage(member.context, found.summary, moment.typed, null, null, [moment.error]));
      return sendPage(reply, 200, asOfPage(member.context, found.summary, moment.typed, moment.at, moment.at ? replay(found.history, moment.at) : null));
    });
    app.get('/bestyrelse/budgetter/:budgetId/sammenlign', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const found = await budgetOf(request, reply, member);
      if (!found) return reply;
      const { lang } = member.context;
      const from = momentFrom(lang, request, 'fra');
      const to = momentFrom(lang, request, 'til');
      const typedMoments = { from: from.typed, to: to.typed };
      const errors = [from.error, to.error].filter((e): e is FieldError => e !== null);
      // One moment given without the other: the missing one is named.
      if (from.typed && !to.typed) errors.push({ field: 'til', message: momentMessage(lang) });
      if (to.typed && !from.typed) errors.push({ field: 'fra', message: momentMessage(lang) });
      if (errors.length > 0) return sendPage(reply, 400, comparePage(member.context, found.summary, typedMoments, null, errors));
      if (!from.at || !to.at) return sendPage(reply, 200, comparePage(member.context, found.summary, typedMoments, null));
      const before = replay(found.history, from.at);
      const after = replay(found.history, to.at);
      const d = diff(before, after);
      return sendPage(reply, 200, comparePage(member.context, found.summary, typedMoments, { from: from.at, to: to.at, before, after, added: d.added, removed: d.removed, changed: d.changed }));
    });
    app.get('/bestyrelse/budgetter/:budgetId/budget.csv', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const found = await budgetOf(request, reply, member);
      if (!found) return reply;
      const numbers = queryOf(request, 'tal') ?? 'da';
      const moment = momentFrom(member.context.lang, request, 'tidspunkt');
      if ((numbers !== 'da' && numbers !== 'en') || moment.error) return sendPage(reply, 400, badRequestPage(member.context));
      const view = moment.at ? replay(found.history, moment.at) : found.view;
      if (!view) return sendPage(reply, 404, notFoundPage(member.context));
      return sendCsv(reply, csvFileName(view, numbers), budgetCsv(view, numbers));
    });

    // ---- The Finance Act's appropriation, recorded by an administrator ----

    app.get('/bestyrelse/finanslov', hide, async (request, reply) => {
      const admin = await asRole(request, reply, sessionKey, ['admin']);
      if (!admin) return reply;
      const names = new Map((await listCentres(db)).map((c) => [c.centreId, c.name]));
      return sendPage(reply, 200, submittedPage(admin.context, await budgetsWithStatus(db, 'submitted'), names, budgetOk(request)));
    });
    /** A submitted budget for the administrator; null (a 404 page sent) otherwise. */
    async function submittedBudget(request: FastifyRequest, reply: FastifyReply, context: PageContext) {
      const budgetId = budgetIdOf(request.params);
      const summary = budgetId ? await getBudget(db, budgetId) : null;
      const view = summary ? replay(await budgetHistory(db, summary.budgetId)) : null;
      if (!summary || !view || view.status !== 'submitted') {
        sendPage(reply, 404, notFoundPage(context));
        return null;
      }
      return { summary, view, centreName: await centreName(summary.centreId) };
    }
    app.get('/bestyrelse/finanslov/:budgetId', hide, async (request, reply) => {
      const admin = await asRole(request, reply, sessionKey, ['admin']);
      if (!admin) return reply;
      const found = await submittedBudget(request, reply, admin.context);
      if (!found) return reply;
      return sendPage(reply, 200, enactPage(admin.context, found.view, found.centreName));
    });
    app.post('/bestyrelse/finanslov/:budgetId', hide, async (request, reply) => {
      const admin = await asRole(request, reply, sessionKey, ['admin']);
      if (!admin) return reply;
      const found = await submittedBudget(request, reply, admin.context);
      if (!found) return reply;
      const { lang } = admin.context;
      const names = found.view.lines.flatMap((l) => found.view.years.map((y) => `amount-${l.lineId}-${y}`));
      const values = typed(request.body, names);
      const read = readEnactment(lang, fieldsOf(request.body), found.view);
      if (!read.ok) return sendPage(reply, 400, enactPage(admin.context, found.view, found.centreName, { values, errors: read.errors }));
      const context = contextOf(request, { lines: JSON.stringify(read.value) });
      if (!context) return sendPage(reply, 400, badRequestPage(admin.context));
      const enact = () => budget(admin, { type: 'EnactBudget', data: { budgetId: found.summary.budgetId, lines: read.value } }, context);
      const answered = await attempt(reply, enact, (error) => enactPage(admin.context, found.view, found.centreName, { values, errors: [refused(lang, error, 'enact')] }));
      return answered ?? seeOther(reply, '/bestyrelse/finanslov?ok=enacted');
    });
  },
};
