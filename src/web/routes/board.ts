/**
 * The board's pages (`/bestyrelse`, for board members of their own centre): the board and its
 * seats, meetings with attendance, resolutions, votes, decisions, dissent and minutes to sign,
 * leaving one's seat; budgets drafted, their lines proposed, amended and withdrawn, approved by
 * resolution, submitted, spent against and moved by resolution; replayed as of any moment,
 * compared between two, a line's story, a chart and CSV. An administrator records what the
 * Finance Act enacted (`/bestyrelse/finanslov`).
 *
 * And a centre's governance in public (`/centre/:id/budgetter`, `…/beslutninger`, `…/referater`):
 * only what the read models make public.
 *
 * Every command goes through the command path as the API's route for it builds it (the same
 * facts, the same derived ids), so a double submit records once. A board member acts only for
 * the centre in their session: another centre's meeting, resolution or budget is not found here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandContext, CommandResult } from '../../commands/handler.js';
import type { BoardCommand } from '../../domain/board/decide.js';
import { boardDecider } from '../../domain/board/decide.js';
import type { BudgetCommand } from '../../domain/budget/decide.js';
import { budgetDecider } from '../../domain/budget/decide.js';
import { type DomainError, InvalidValue } from '../../domain/shared/errors.js';
import type { Principal } from '../../domain/shared/principal.js';
import { derivedId } from '../../ids.js';
import { boardOf, resolutionsOf } from '../../projections/board/queries.js';
import { budgetCsv } from '../../projections/budgets/export.js';
import {
  budgetEventSeen,
  budgetHistory,
  budgetsWithStatus,
  type BudgetSummary,
  centreBudgetsAsOf,
  financeActColumns,
  financeActColumnsWith,
  getBudget,
  listBudgets,
} from '../../projections/budgets/queries.js';
import { diff, lineHistory, publicView, replay } from '../../projections/budgets/replay.js';
import { getCentre, listCentres } from '../../projections/centres/queries.js';
import { formCommandContext, isRefusal, refusalOf } from '../command.js';
import { type FieldError, IDEMPOTENCY_FIELD } from '../components.js';
import { say } from '../i18n.js';
import type { PageContext } from '../layout.js';
import { type BoardOk, boardPage, type FormState, isBoardOk, meetingPage, meetingsPage, type Read, readAttendance, readConvene, readLeaving, readProposal, readVote } from '../pages/board.js';
import { localDayValue, parseMoment, replayMoment } from '../pages/board-parts.js';
import { publicBudgetPage, publicBudgetsPage, publicMinutesPage, publicResolutionsPage } from '../pages/board-public.js';
import { BOARD_REFUSALS } from '../pages/board-refusals.js';
import {
  asOfPage,
  budgetHref,
  type BudgetOk,
  budgetPage,
  budgetsPage,
  comparePage,
  enactPage,
  isBudgetOk,
  linePage,
  momentMessage,
  offeredResolutions,
  readAmendment,
  readDraft,
  readEnactment,
  readLine,
  readResolution,
  readSpending,
  submittedPage,
} from '../pages/budget.js';
import { csvFileName } from '../pages/budget-parts.js';
import { badRequestPage, forbiddenPage, notFoundPage } from '../pages/errors.js';
import { pathOf, seeOther, sendPage } from '../request.js';
import { asRole, enter, fieldOf, hide, isUuid, queryOf, textOf, valuesOf, type WebArea, type WebOptions } from './shared.js';

/** A board member of a centre, as the pages know them. */
interface Member {
  context: PageContext;
  principal: Principal;
  centreId: string;
}

/** A command without its envelope (when and who), which the route adds: one union member at a time. */
type Bare<C> = C extends unknown ? Omit<C, 'now' | 'principal'> : never;

const okQuery = z.object({ ok: z.string().optional() }).loose();
const idParam = (name: string) => (params: unknown) => {
  const parsed = z.record(z.string(), z.string()).safeParse(params);
  const value = parsed.success ? parsed.data[name] : undefined;
  return isUuid(value) ? value : null;
};
const meetingIdOf = idParam('meetingId');
const resolutionIdOf = idParam('resolutionId');
const budgetIdOf = idParam('budgetId');
const lineIdOf = idParam('lineId');
const centreIdOf = idParam('id');

/** The HTTP status a refusal is shown with: a conflict 409, bad input 400, not allowed 403, the rest 422. */
const statusOf = (error: DomainError) => (error.kind === 'conflict' ? 409 : error.kind === 'invalid' ? 400 : error.kind === 'forbidden' ? 403 : 422);

/** A refusal as the error summary shows it, linked to the form field it concerns. */
function refused(lang: PageContext['lang'], error: DomainError, field: string, fieldFor: (deciderField: string) => string | undefined = () => undefined): FieldError {
  return refusalOf(lang, error, error instanceof InvalidValue ? (fieldFor(error.field) ?? field) : field, BOARD_REFUSALS);
}

/** A form's text fields by name. */
const fieldsOf = (body: unknown) => (name: string) => textOf(body, name);
/** What a form sent, to show again with its refusals. */
function typed(body: unknown, names: readonly string[], lists: readonly string[] = []): FormState['values'] {
  const values: Record<string, string | readonly string[]> = {};
  for (const name of names) {
    const value = textOf(body, name);
    if (value !== undefined) values[name] = value;
  }
  for (const name of lists) values[name] = valuesOf(body, name);
  return values;
}

const now = () => new Date().toISOString();
/** Today in Copenhagen, as a date field holds it. */
const today = () => localDayValue(new Date());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const boardArea: WebArea = {
  segments: ['bestyrelse'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, commands, sessionKey } = options;
    const db = database.db;
    const { handler, facts } = commands;

    const asMember = async (request: FastifyRequest, reply: FastifyReply): Promise<Member | null> => {
      const signed = await asRole(request, reply, sessionKey, ['board_member']);
      if (!signed) return null;
      if (!signed.principal.centreId) {
        sendPage(reply, 403, forbiddenPage(signed.context));
        return null;
      }
      return { ...signed, centreId: signed.principal.centreId };
    };
    const okOf = (request: FastifyRequest): string | undefined => {
      const q = okQuery.safeParse(request.query);
      return q.success ? q.data.ok : undefined;
    };
    const boardOk = (request: FastifyRequest): BoardOk | undefined => {
      const ok = okOf(request);
      return isBoardOk(ok) ? ok : undefined;
    };
    const budgetOk = (request: FastifyRequest): BudgetOk | undefined => {
      const ok = okOf(request);
      return isBudgetOk(ok) ? ok : undefined;
    };
    const insiderBoard = (centreId: string) => boardOf(db, centreId, { insider: true });
    const centreName = async (centreId: string) => (await getCentre(db, centreId))?.name ?? '';

    /** The command's context from the form's key; null (a page error, nothing recorded) without one. */
    const contextOf = (request: FastifyRequest, fields: Record<string, string>): CommandContext | null => formCommandContext(pathOf(request), fieldOf(request.body, IDEMPOTENCY_FIELD), fields);

    /**
     * Budgets' read model follows the log a moment later: wait (a little) until it holds what the
     * command recorded, so the page after the redirect shows it.
     */
    async function budgetShown(result: CommandResult): Promise<void> {
      const last = result.positions?.last;
      if (last === undefined) return;
      for (const deadline = Date.now() + 3_000; Date.now() < deadline; await sleep(25)) if (await budgetEventSeen(db, last)) return;
    }

    const board = (member: Member, command: Bare<BoardCommand>, context: CommandContext) =>
      handler.handle(boardDecider, { ...command, now: now(), principal: member.principal } as BoardCommand, context);
    const budget = async (actor: { principal: Principal }, command: Bare<BudgetCommand>, context: CommandContext) => {
      const result = await handler.handle(budgetDecider, { ...command, now: now(), principal: actor.principal } as BudgetCommand, context);
      await budgetShown(result);
      return result;
    };

    // ---- The board ----

    async function showBoard(reply: FastifyReply, member: Member, status: number, ok?: BoardOk, form?: FormState) {
      return sendPage(reply, status, boardPage(member.context, await centreName(member.centreId), member.centreId, await insiderBoard(member.centreId), today(), ok, form));
    }
    app.get('/bestyrelse', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      return showBoard(reply, member, 200, boardOk(request));
    });
    app.post('/bestyrelse/udtraedelse', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const { lang } = member.context;
      const values = typed(request.body, ['on']);
      const read = readLeaving(lang, textOf(request.body, 'on'));
      if (!read.ok) return showBoard(reply, member, 400, undefined, { values, errors: read.errors });
      const seat = (await insiderBoard(member.centreId))?.seats.find((s) => s.memberId === member.principal.id);
      // Without a seat there is nothing to leave (the form is not offered): said where the page tells whether one sits.
      if (!seat) return showBoard(reply, member, 403, undefined, { values, errors: [{ field: 'seat-status', message: say(lang, BOARD_REFUSALS.forbidden!) }] });
      const context = contextOf(request, { on: read.value });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      try {
        await board(member, { type: 'MemberLeaves', data: { centreId: member.centreId, seatId: seat.seatId, on: read.value } }, context);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return showBoard(reply, member, statusOf(error), undefined, { values, errors: [refused(lang, error, 'on')] });
      }
      return seeOther(reply, '/bestyrelse?ok=left');
    });

    // ---- Meetings ----

    async function showMeetings(reply: FastifyReply, member: Member, status: number, ok?: BoardOk, form?: FormState) {
      return sendPage(reply, status, meetingsPage(member.context, await insiderBoard(member.centreId), ok, form));
    }
    app.get('/bestyrelse/moeder', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      return showMeetings(reply, member, 200, boardOk(request));
    });
    app.post('/bestyrelse/moeder', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const { lang } = member.context;
      const values = typed(request.body, ['at', 'agenda']);
      const read = readConvene(lang, textOf(request.body, 'at'), textOf(request.body, 'agenda'));
      if (!read.ok) return showMeetings(reply, member, 400, undefined, { values, errors: read.errors });
      const context = contextOf(request, { at: read.value.at, agenda: read.value.agenda.join('\n') });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      const meetingId = derivedId(context.commandId, 'meetingId');
      try {
        await board(member, { type: 'ConveneMeeting', data: { centreId: member.centreId, meetingId, ...read.value } }, context);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return showMeetings(reply, member, statusOf(error), undefined, { values, errors: [refused(lang, error, 'at', (f) => (f.startsWith('agenda') ? 'agenda' : undefined))] });
      }
      return seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=convened`);
    });

    /** The meeting of this member's board, with what its page needs; null (a 404 page sent) if there is none. */
    async function meetingOf(request: FastifyRequest, reply: FastifyReply, member: Member) {
      const meetingId = meetingIdOf(request.params);
      const b = await insiderBoard(member.centreId);
      const meeting = meetingId && b ? b.meetings.find((m) => m.meetingId === meetingId) : undefined;
      if (!b || !meeting) {
        sendPage(reply, 404, notFoundPage(member.context));
        return null;
      }
      return { board: b, meeting, budgets: await centreBudgetsAsOf(db, member.centreId) };
    }
    async function showMeeting(reply: FastifyReply, member: Member, meetingId: string, status: number, ok?: BoardOk, form?: FormState) {
      const b = await insiderBoard(member.centreId);
      const meeting = b?.meetings.find((m) => m.meetingId === meetingId);
      if (!b || !meeting) return sendPage(reply, 404, notFoundPage(member.context));
      return sendPage(reply, status, meetingPage(member.context, { board: b, meeting, budgets: await centreBudgetsAsOf(db, member.centreId) }, ok, form));
    }
    app.get('/bestyrelse/moeder/:meetingId', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const found = await meetingOf(request, reply, member);
      if (!found) return reply;
      return sendPage(reply, 200, meetingPage(member.context, found, boardOk(request)));
    });
    app.post('/bestyrelse/moeder/:meetingId/fremmoede', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const found = await meetingOf(request, reply, member);
      if (!found) return reply;
      const { lang } = member.context;
      const { meetingId } = found.meeting;
      const values = typed(request.body, [], ['present']);
      const read = readAttendance(lang, found.board, valuesOf(request.body, 'present'));
      if (!read.ok) return showMeeting(reply, member, meetingId, 400, undefined, { values, errors: read.errors });
      const context = contextOf(request, { present: [...read.value].sort().join('\n') });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      try {
        await board(member, { type: 'RecordAttendance', data: { centreId: member.centreId, meetingId, present: read.value } }, context);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return showMeeting(reply, member, meetingId, statusOf(error), undefined, { values, errors: [refused(lang, error, 'present')] });
      }
      return seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=attendance`);
    });
    app.post('/bestyrelse/moeder/:meetingId/forslag', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const found = await meetingOf(request, reply, member);
      if (!found) return reply;
      const { lang } = member.context;
      const { meetingId } = found.meeting;
      const values = typed(request.body, ['title', 'approval-title', 'approval-budget', 'move-title', 'move-from', 'move-to', 'move-year', 'move-amount']);
      const read = readProposal(lang, fieldsOf(request.body), found.budgets);
      if (!read) return sendPage(reply, 400, badRequestPage(member.context));
      if (!read.ok) return showMeeting(reply, member, meetingId, 400, undefined, { values, errors: read.errors });
      const context = contextOf(request, { title: read.value.title, subject: JSON.stringify(read.value.subject) });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      const { subject } = read.value;
      const titleField = subject.kind === 'general' ? 'title' : subject.kind === 'budget_approval' ? 'approval-title' : 'move-title';
      const subjectField = subject.kind === 'general' ? 'title' : subject.kind === 'budget_approval' ? 'approval-budget' : 'move-from';
      try {
        await board(
          member,
          {
            type: 'ProposeResolution',
            data: {
              centreId: member.centreId,
              meetingId,
              resolutionId: derivedId(context.commandId, 'resolutionId'),
              title: read.value.title,
              subject,
              budget: subject.kind === 'general' ? null : await facts.budgetNamed(subject.budgetId),
            },
          },
          context,
        );
      } catch (error) {
        if (!isRefusal(error)) throw error;
        const field = error.code.startsWith('budget') || error.code === 'version_not_current' ? subjectField : titleField;
        return showMeeting(reply, member, meetingId, statusOf(error), undefined, { values, errors: [refused(lang, error, field, (f) => (f === 'title' ? titleField : f.startsWith('subject') ? subjectField : undefined))] });
      }
      return seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=proposed`);
    });

    /** A resolution proposed at this meeting; null (a 404 page sent) if there is none. */
    async function resolutionAt(request: FastifyRequest, reply: FastifyReply, member: Member) {
      const found = await meetingOf(request, reply, member);
      if (!found) return null;
      const resolutionId = resolutionIdOf(request.params);
      const resolution = found.board.resolutions.find((r) => r.resolutionId === resolutionId && r.meetingId === found.meeting.meetingId);
      if (!resolution) {
        sendPage(reply, 404, notFoundPage(member.context));
        return null;
      }
      return { ...found, resolution };
    }
    app.post('/bestyrelse/moeder/:meetingId/beslutninger/:resolutionId/stemme', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const found = await resolutionAt(request, reply, member);
      if (!found) return reply;
      const { lang } = member.context;
      const { meetingId } = found.meeting;
      const { resolutionId } = found.resolution;
      const field = `choice-${resolutionId}`;
      const values = typed(request.body, [field]);
      const read = readVote(lang, field, textOf(request.body, field));
      if (!read.ok) return showMeeting(reply, member, meetingId, 400, undefined, { values, errors: read.errors });
      const context = contextOf(request, { choice: read.value });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      try {
        await board(member, { type: 'CastVote', data: { centreId: member.centreId, resolutionId, choice: read.value } }, context);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return showMeeting(reply, member, meetingId, statusOf(error), undefined, { values, errors: [refused(lang, error, field)] });
      }
      return seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=voted#resolution-${resolutionId}`);
    });
    for (const [segment, type, ok] of [
      ['afgoerelse', 'DecideResolution', 'decided'],
      ['dissens', 'RecordDissent', 'dissented'],
    ] as const) {
      app.post(`/bestyrelse/moeder/:meetingId/beslutninger/:resolutionId/${segment}`, hide, async (request, reply) => {
        const member = await asMember(request, reply);
        if (!member) return reply;
        const found = await resolutionAt(request, reply, member);
        if (!found) return reply;
        const { meetingId } = found.meeting;
        const { resolutionId } = found.resolution;
        const context = contextOf(request, {});
        if (!context) return sendPage(reply, 400, badRequestPage(member.context));
        try {
          await board(member, { type, data: { centreId: member.centreId, resolutionId } }, context);
        } catch (error) {
          if (!isRefusal(error)) throw error;
          const field = segment === 'afgoerelse' ? `decide-${resolutionId}` : `dissent-${resolutionId}`;
          return showMeeting(reply, member, meetingId, statusOf(error), undefined, { values: {}, errors: [refused(member.context.lang, error, field)] });
        }
        return seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=${ok}#resolution-${resolutionId}`);
      });
    }
    app.post('/bestyrelse/moeder/:meetingId/underskrift', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const found = await meetingOf(request, reply, member);
      if (!found) return reply;
      const { meetingId } = found.meeting;
      const context = contextOf(request, {});
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      try {
        await board(member, { type: 'SignMinutes', data: { centreId: member.centreId, meetingId } }, context);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return showMeeting(reply, member, meetingId, statusOf(error), undefined, { values: {}, errors: [refused(member.context.lang, error, 'sign-minutes')] });
      }
      return seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=signed`);
    });

    // ---- Budgets ----

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
      try {
        const { actorSits } = await facts.budgetStanding(member.principal, { centreId: member.centreId });
        await budget(member, { type: 'DraftBudget', data: { budgetId, centreId: member.centreId, ...read.value, actorSits, centreKnown: await facts.centreKnown(member.centreId) } }, context);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return showBudgets(reply, member, statusOf(error), undefined, { values, errors: [refused(lang, error, 'fiscalYear')] });
      }
      return seeOther(reply, `${budgetHref(budgetId)}?ok=drafted`);
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
      const data = { view: found.view, history: found.history, board: await insiderBoard(member.centreId), financeAct: financeActColumnsWith(all, found.view), today: today() };
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
      fieldFor?: (deciderField: string) => string | undefined;
      ok: BudgetOk;
      onLine?: boolean;
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
        const read = await spec.read(input);
        if (read === null) return sendPage(reply, 400, badRequestPage(member.context));
        if (!read.ok) return show(400, { values, errors: read.errors });
        const context = contextOf(request, spec.fingerprint(read.value));
        if (!context) return sendPage(reply, 400, badRequestPage(member.context));
        try {
          await budget(member, await spec.command(read.value, input, context), context);
        } catch (error) {
          if (!isRefusal(error)) throw error;
          return show(statusOf(error), { values, errors: [refused(member.context.lang, error, spec.field, spec.fieldFor)] });
        }
        return seeOther(reply, `${budgetHref(found.summary.budgetId)}${spec.onLine ? `/linjer/${lineId}` : ''}?ok=${spec.ok}`);
      });
    }
    const standing = (member: Member, budgetId: string, resolutionId?: string) => facts.budgetStanding(member.principal, { budgetId }, resolutionId);
    const amountField = (f: string) => (f.startsWith('amounts.') ? `amount-${f.slice('amounts.'.length)}` : f === 'description' ? 'description' : undefined);
    const amountFields = (found: FoundBudget) => found.view.years.map((y) => `amount-${y}`);

    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/linjer',
      fields: (found) => ['financeAccount', 'standardAccount', 'description', ...amountFields(found)],
      read: ({ member, found, request }) => readLine(member.context.lang, fieldsOf(request.body), found.view.years),
      fingerprint: (v) => ({ financeAccount: v.financeAccount, standardAccount: v.standardAccount, description: v.description, amounts: JSON.stringify(v.amounts) }),
      command: async (v, { found, member }, context) => ({
        type: 'ProposeBudgetLine',
        data: { budgetId: found.summary.budgetId, lineId: derivedId(context.commandId, 'lineId'), ...v, actorSits: (await standing(member, found.summary.budgetId)).actorSits },
      }),
      field: 'financeAccount',
      fieldFor: (f) => amountField(f) ?? (f === 'financeAccount' || f === 'standardAccount' ? f : undefined),
      ok: 'line',
    });
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/godkendelse',
      fields: () => ['resolutionId'],
      read: async ({ member, found, request }) =>
        readResolution(member.context.lang, 'resolutionId', textOf(request.body, 'resolutionId'), offeredResolutions({ view: found.view, board: await insiderBoard(member.centreId) }, 'budget_approval')),
      fingerprint: (resolutionId) => ({ resolutionId }),
      command: async (resolutionId, { found, member }) => ({ type: 'ApproveBudget', data: { budgetId: found.summary.budgetId, resolutionId, ...(await standing(member, found.summary.budgetId, resolutionId)) } }),
      field: 'resolutionId',
      ok: 'approved',
    });
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/indsendelse',
      fields: () => [],
      read: () => ({ ok: true, value: null }),
      fingerprint: () => ({}),
      command: async (_v, { found, member }) => ({ type: 'SubmitBudget', data: { budgetId: found.summary.budgetId, actorSits: (await standing(member, found.summary.budgetId)).actorSits } }),
      field: 'submit-budget',
      ok: 'submitted',
    });
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/forbrug',
      fields: () => ['spending-line', 'spending-amount', 'spending-on'],
      read: ({ member, found, request }) => readSpending(member.context.lang, fieldsOf(request.body), found.view),
      fingerprint: (v) => ({ lineId: v.lineId, amountOre: String(v.amountOre), on: v.on }),
      command: async (v, { found, member }, context) => ({
        type: 'RecordSpending',
        data: { budgetId: found.summary.budgetId, spendingId: derivedId(context.commandId, 'spendingId'), ...v, actorSits: (await standing(member, found.summary.budgetId)).actorSits },
      }),
      field: 'spending-line',
      fieldFor: (f) => (f === 'amountOre' ? 'spending-amount' : f === 'on' ? 'spending-on' : undefined),
      ok: 'spent',
    });
    budgetAction({
      path: '/bestyrelse/budgetter/:budgetId/omplacering',
      fields: () => ['reallocation-resolution'],
      read: async ({ member, found, request }) =>
        readResolution(member.context.lang, 'reallocation-resolution', textOf(request.body, 'reallocation-resolution'), offeredResolutions({ view: found.view, board: await insiderBoard(member.centreId) }, 'budget_reallocation')),
      fingerprint: (resolutionId) => ({ resolutionId }),
      command: async (resolutionId, { found, member }) => ({ type: 'ReallocateBudget', data: { budgetId: found.summary.budgetId, resolutionId, ...(await standing(member, found.summary.budgetId, resolutionId)) } }),
      field: 'reallocation-resolution',
      ok: 'reallocated',
    });

    // ---- One line ----

    async function showLine(reply: FastifyReply, member: Member, found: FoundBudget, lineId: string, status: number, ok?: BudgetOk, form?: FormState) {
      const entries = lineHistory(found.history, lineId);
      if (entries.length === 0) return sendPage(reply, 404, notFoundPage(member.context));
      const resolutions = await resolutionsOf(db, member.centreId, entries.flatMap((e) => (e.resolutionId ? [e.resolutionId] : [])));
      return sendPage(reply, status, linePage(member.context, { view: found.view, lineId, line: found.view.lines.find((l) => l.lineId === lineId), entries, resolutions }, ok, form));
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
      try {
        await budget(admin, { type: 'EnactBudget', data: { budgetId: found.summary.budgetId, lines: read.value } }, context);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return sendPage(reply, statusOf(error), enactPage(admin.context, found.view, found.centreName, { values, errors: [refused(lang, error, 'enact')] }));
      }
      return seeOther(reply, '/bestyrelse/finanslov?ok=enacted');
    });

    // ---- In public: approved budgets, adopted resolutions, signed minutes ----

    /** The centre of a public page; null (a 404 page sent) if there is none. */
    async function publicCentre(request: FastifyRequest, reply: FastifyReply) {
      const { context } = await enter(request, reply, sessionKey);
      const centreId = centreIdOf(request.params);
      const centre = centreId ? await getCentre(db, centreId) : null;
      if (!centre) {
        sendPage(reply, 404, notFoundPage(context));
        return null;
      }
      return { context, centre };
    }
    /** The centre's budgets as anyone may see them: approved or later, without who acted. */
    const publicBudgets = async (centreId: string) => (await centreBudgetsAsOf(db, centreId)).filter((v) => v.status !== 'draft').map(publicView);
    app.get('/centre/:id/budgetter', hide, async (request, reply) => {
      const found = await publicCentre(request, reply);
      if (!found) return reply;
      const budgets = (await listBudgets(db, found.centre.centreId)).filter((b) => b.status !== 'draft');
      return sendPage(reply, 200, publicBudgetsPage(found.context, found.centre, budgets));
    });
    /** An approved budget of this centre, as the public sees it; null (a 404 page sent) for a draft or none. */
    async function publicBudget(request: FastifyRequest, reply: FastifyReply) {
      const found = await publicCentre(request, reply);
      if (!found) return null;
      const budgetId = budgetIdOf(request.params);
      const summary: BudgetSummary | null = budgetId ? await getBudget(db, budgetId) : null;
      const view = summary && summary.centreId === found.centre.centreId ? replay(await budgetHistory(db, summary.budgetId)) : null;
      if (!view || view.status === 'draft') {
        sendPage(reply, 404, notFoundPage(found.context));
        return null;
      }
      return { ...found, view: publicView(view) };
    }
    app.get('/centre/:id/budgetter/:budgetId', hide, async (request, reply) => {
      const found = await publicBudget(request, reply);
      if (!found) return reply;
      const rows = financeActColumns(await centreBudgetsAsOf(db, found.centre.centreId), found.view.fiscalYear);
      return sendPage(reply, 200, publicBudgetPage(found.context, found.centre, found.view, rows));
    });
    app.get('/centre/:id/budgetter/:budgetId/budget.csv', hide, async (request, reply) => {
      const found = await publicBudget(request, reply);
      if (!found) return reply;
      const numbers = queryOf(request, 'tal') ?? 'da';
      if (numbers !== 'da' && numbers !== 'en') return sendPage(reply, 400, badRequestPage(found.context));
      return sendCsv(reply, csvFileName(found.view, numbers), budgetCsv(found.view, numbers));
    });
    app.get('/centre/:id/beslutninger', hide, async (request, reply) => {
      const found = await publicCentre(request, reply);
      if (!found) return reply;
      const b = await boardOf(db, found.centre.centreId, { insider: false });
      return sendPage(reply, 200, publicResolutionsPage(found.context, found.centre, b, await publicBudgets(found.centre.centreId)));
    });
    app.get('/centre/:id/referater', hide, async (request, reply) => {
      const found = await publicCentre(request, reply);
      if (!found) return reply;
      const b = await boardOf(db, found.centre.centreId, { insider: false });
      return sendPage(reply, 200, publicMinutesPage(found.context, found.centre, b, await publicBudgets(found.centre.centreId)));
    });
  },
};

/**
 * A CSV download: UTF-8 with a byte-order mark (so spreadsheets read æ, ø and å), a header row
 * (`header=present`, RFC 4180's parameter), CRLF line ends, as an attachment with its name.
 */
function sendCsv(reply: FastifyReply, fileName: string, body: string): FastifyReply {
  return reply.code(200).type('text/csv; charset=utf-8; header=present').header('content-disposition', `attachment; filename="${fileName}"`).send(`\ufeff${body}`);
}
