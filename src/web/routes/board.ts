/**
 * The board's pages (`/bestyrelse`, for board members of their own centre): the board and its
 * seats, what its rules of procedure say of publishing the votes, meetings held item by item with
 * attendance and departures, resolutions under each item, votes, decisions, dissent, the minutes
 * of each item, disqualification (inhabilitet) on an item, the minutes to sign and to read,
 * leaving one's seat. The board's budgets are routes/budgets.ts, the governance in public
 * routes/governance-public.ts; what they share with these pages (who a member is, reading a
 * form, the command's context) is `boardKit` here.
 *
 * Every command goes through the command path as the API's route for it builds it (the same
 * facts, the same derived ids), so a double submit records once. A board member acts only for
 * the centre in their session: another centre's meeting or resolution is not found here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandContext } from '../../commands/handler.js';
import type { BoardCommand } from '../../domain/board/decide.js';
import { boardDecider } from '../../domain/board/decide.js';
import { type DomainError, InvalidValue } from '../../domain/shared/errors.js';
import { derivedId } from '../../ids.js';
import { boardOf, holdsPlace } from '../../projections/board/queries.js';
import { centreBudgetsAsOf } from '../../projections/budgets/queries.js';
import { getCentre } from '../../projections/centres/queries.js';
import { spokespersonOf } from '../../projections/spokesperson/queries.js';
import { formCommandContext, refusalOf } from '../command.js';
import { type FieldError, IDEMPOTENCY_FIELD } from '../components.js';
import { type Message, say } from '../i18n.js';
import type { PageContext } from '../layout.js';
import {
  type BoardOk,
  boardPage,
  type FormState,
  isBoardOk,
  ITEM_REFUSALS,
  meetingPage,
  meetingsPage,
  PROPOSAL_FIELDS,
  PROPOSAL_FORM_FIELDS,
  PUBLICATION_REFUSALS,
  readAttendance,
  readConvene,
  readDeparture,
  readItemMinutes,
  readLeaving,
  readProposal,
  readRecusal,
  readVote,
  readVotePublication,
} from '../pages/board.js';
import { boardMinutesPage } from '../pages/board-minutes.js';
import { localDayValue } from '../pages/board-parts.js';
import { BOARD_REFUSALS } from '../pages/board-refusals.js';
import { badRequestPage, notFoundPage } from '../pages/errors.js';
import { pathOf, seeOther, sendPage } from '../request.js';
import { asCentreRole, fieldOf, hide, isUuid, queryOf, refusedBy, textOf, valuesOf, type Signed, type WebArea, type WebOptions } from './shared.js';

/** A board member of a centre, as the pages know them. */
export type Member = Signed & { centreId: string };

/** A command without its envelope (when and who), which the route adds: one union member at a time. */
export type Bare<C> = C extends unknown ? Omit<C, 'now' | 'principal'> : never;

/** A uuid path parameter by its name; null when it is none. */
export const idParam = (name: string) => (params: unknown) => {
  const parsed = z.record(z.string(), z.string()).safeParse(params);
  const value = parsed.success ? parsed.data[name] : undefined;
  return isUuid(value) ? value : null;
};
const meetingIdOf = idParam('meetingId');
const resolutionIdOf = idParam('resolutionId');

/**
 * A refusal as the error summary shows it, linked to the form field it concerns (a bad value on the
 * field the decider names, as the form calls it). `messages`: a form's own words for some codes,
 * before the board's shared ones.
 */
export function refused(lang: PageContext['lang'], error: DomainError, field: string, fieldFor: (deciderField: string) => string | undefined = () => undefined, messages: Readonly<Record<string, Message>> = {}): FieldError {
  return refusalOf(lang, error, error instanceof InvalidValue ? (fieldFor(error.field) ?? field) : field, { ...BOARD_REFUSALS, ...messages });
}

/** A form's text fields by name. */
export const fieldsOf = (body: unknown) => (name: string) => textOf(body, name);
/** What a form sent, to show again with its refusals. */
export function typed(body: unknown, names: readonly string[], lists: readonly string[] = []): FormState['values'] {
  const values: Record<string, string | readonly string[]> = {};
  for (const name of names) {
    const value = textOf(body, name);
    if (value !== undefined) values[name] = value;
  }
  for (const name of lists) values[name] = valuesOf(body, name);
  return values;
}

export const now = () => new Date().toISOString();
/** Today in Copenhagen, as a date field holds it. */
export const today = () => localDayValue(new Date());

const okQuery = z.object({ ok: z.string().optional() }).loose();

/** What the board's and the budgets' routes share: who a member is, the `?ok=` a page says, the board as insiders see it, a form command's context. */
export function boardKit(options: WebOptions) {
  const { database, sessionKey } = options;
  const db = database.db;
  return {
    /** A board member's page, for the centre they are signed in for. */
    asMember: (request: FastifyRequest, reply: FastifyReply): Promise<Member | null> => asCentreRole(request, reply, sessionKey, ['board_member']),
    okOf: (request: FastifyRequest): string | undefined => {
      const q = okQuery.safeParse(request.query);
      return q.success ? q.data.ok : undefined;
    },
    /**
     * The board as this member may see it: its open business only while they hold a seat or a
     * deputy's place on it (as the API's reads), else what the public sees.
     */
    insiderBoard: async (member: Member) =>
      boardOf(db, member.centreId, { insider: await holdsPlace(db, member.centreId, member.principal.id), open: (sealed) => options.vault.open(sealed) }),
    centreName: async (centreId: string) => (await getCentre(db, centreId))?.name ?? '',
    /** The command's context from the form's key; null (a page error, nothing recorded) without one. */
    contextOf: (request: FastifyRequest, fields: Record<string, string>): CommandContext | null => formCommandContext(pathOf(request), fieldOf(request.body, IDEMPOTENCY_FIELD), fields),
  };
}

export const boardArea: WebArea = {
  segments: ['bestyrelse'],
  register(app: FastifyInstance, options: WebOptions) {
    const db = options.database.db;
    const { handler, facts } = options.commands;
    const { asMember, okOf, insiderBoard, centreName, contextOf } = boardKit(options);
    const boardOk = (request: FastifyRequest): BoardOk | undefined => {
      const ok = okOf(request);
      return isBoardOk(ok) ? ok : undefined;
    };
    const board = (member: Member, command: Bare<BoardCommand>, context: CommandContext) =>
      handler.handle(boardDecider, { ...command, now: now(), principal: member.principal } as BoardCommand, context);

    // ---- The board ----

    async function showBoard(reply: FastifyReply, member: Member, status: number, ok?: BoardOk, form?: FormState) {
      const { spokespersonId } = await spokespersonOf(db, member.centreId);
      return sendPage(reply, status, boardPage(member.context, await centreName(member.centreId), member.centreId, await insiderBoard(member), today(), ok, form, spokespersonId));
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
      const seat = (await insiderBoard(member))?.seats.find((s) => s.memberId === member.principal.id);
      // Without a seat there is nothing to leave (the form is not offered): said where the page tells whether one sits.
      if (!seat) return showBoard(reply, member, 403, undefined, { values, errors: [{ field: 'seat-status', message: say(lang, BOARD_REFUSALS.forbidden!) }] });
      const context = contextOf(request, { on: read.value });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      const answered = await refusedBy(() => board(member, { type: 'MemberLeaves', data: { centreId: member.centreId, seatId: seat.seatId, on: read.value } }, context), (error, status) => showBoard(reply, member, status, undefined, { values, errors: [refused(lang, error, 'on')] }));
      return answered ?? seeOther(reply, '/bestyrelse?ok=left');
    });
    app.post('/bestyrelse/stemmeoffentlighed', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const { lang } = member.context;
      const values = typed(request.body, ['publication-resolution', 'individual-votes']);
      const b = await insiderBoard(member);
      if (!b) return showBoard(reply, member, 404);
      const read = readVotePublication(lang, b, textOf(request.body, 'publication-resolution'), textOf(request.body, 'individual-votes'));
      if (!read.ok) return showBoard(reply, member, 400, undefined, { values, errors: read.errors });
      const context = contextOf(request, { resolutionId: read.value.resolutionId, individualVotesPublic: String(read.value.individualVotesPublic) });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      const answered = await refusedBy(
        () => board(member, { type: 'SetVotePublication', data: { centreId: member.centreId, ...read.value } }, context),
        (error, status) =>
          showBoard(reply, member, status, undefined, {
            values,
            errors: [refused(lang, error, 'publication-resolution', (f) => (f === 'individualVotesPublic' ? 'individual-votes' : 'publication-resolution'), PUBLICATION_REFUSALS)],
          }),
      );
      return answered ?? seeOther(reply, '/bestyrelse?ok=publication#vote-publication');
    });

    // ---- Meetings ----

    async function showMeetings(reply: FastifyReply, member: Member, status: number, ok?: BoardOk, form?: FormState) {
      return sendPage(reply, status, meetingsPage(member.context, await insiderBoard(member), ok, form));
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
      const values = typed(request.body, ['at', 'place', 'agenda']);
      const read = readConvene(lang, textOf(request.body, 'at'), textOf(request.body, 'agenda'), textOf(request.body, 'place'));
      if (!read.ok) return showMeetings(reply, member, 400, undefined, { values, errors: read.errors });
      const context = contextOf(request, { at: read.value.at, agenda: read.value.agenda.join('\n'), place: read.value.place ?? '' });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      const meetingId = derivedId(context.commandId, 'meetingId');
      const answered = await refusedBy(
        () => board(member, { type: 'ConveneMeeting', data: { centreId: member.centreId, meetingId, ...read.value } }, context),
        (error, status) => showMeetings(reply, member, status, undefined, { values, errors: [refused(lang, error, 'at', (f) => (f.startsWith('agenda') ? 'agenda' : f === 'place' ? 'place' : undefined))] }),
      );
      return answered ?? seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=convened`);
    });

    /** The meeting of this member's board, with what its page needs; null (a 404 page sent) if there is none. */
    async function meetingOf(request: FastifyRequest, reply: FastifyReply, member: Member) {
      const meetingId = meetingIdOf(request.params);
      const b = await insiderBoard(member);
      const meeting = meetingId && b ? b.meetings.find((m) => m.meetingId === meetingId) : undefined;
      if (!b || !meeting) {
        sendPage(reply, 404, notFoundPage(member.context));
        return null;
      }
      return { board: b, meeting, budgets: await centreBudgetsAsOf(db, member.centreId), today: today() };
    }
    /** A board member of the centre and the meeting the path names, or null once the sign-in or not-found page is sent. */
    async function atMeeting(request: FastifyRequest, reply: FastifyReply) {
      const member = await asMember(request, reply);
      if (!member) return null;
      const found = await meetingOf(request, reply, member);
      return found ? { member, found } : null;
    }
    async function showMeeting(reply: FastifyReply, member: Member, meetingId: string, status: number, ok?: BoardOk, form?: FormState) {
      const b = await insiderBoard(member);
      const meeting = b?.meetings.find((m) => m.meetingId === meetingId);
      if (!b || !meeting) return sendPage(reply, 404, notFoundPage(member.context));
      return sendPage(reply, status, meetingPage(member.context, { board: b, meeting, budgets: await centreBudgetsAsOf(db, member.centreId), today: today() }, ok, form));
    }
    app.get('/bestyrelse/moeder/:meetingId', hide, async (request, reply) => {
      const at = await atMeeting(request, reply);
      if (!at) return reply;
      const { member, found } = at;
      // `?punkt=`: the item a link under it asks the proposal forms to choose.
      const asked = Number(queryOf(request, 'punkt') ?? '');
      const under = Number.isInteger(asked) && asked >= 1 && asked <= found.meeting.agenda.length ? asked : undefined;
      return sendPage(reply, 200, meetingPage(member.context, found, boardOk(request), undefined, under));
    });
    app.get('/bestyrelse/moeder/:meetingId/referat', hide, async (request, reply) => {
      const at = await atMeeting(request, reply);
      if (!at) return reply;
      const { member, found } = at;
      return sendPage(reply, 200, boardMinutesPage(member.context, found.board, found.meeting, found.budgets));
    });
    app.post('/bestyrelse/moeder/:meetingId/fremmoede', hide, async (request, reply) => {
      const at = await atMeeting(request, reply);
      if (!at) return reply;
      const { member, found } = at;
      const { lang } = member.context;
      const { meetingId } = found.meeting;
      const values = typed(request.body, [], ['present']);
      const read = readAttendance(lang, found.board, valuesOf(request.body, 'present'));
      if (!read.ok) return showMeeting(reply, member, meetingId, 400, undefined, { values, errors: read.errors });
      const context = contextOf(request, { present: [...read.value].sort().join('\n') });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      const answered = await refusedBy(() => board(member, { type: 'RecordAttendance', data: { centreId: member.centreId, meetingId, present: read.value } }, context), (error, status) => showMeeting(reply, member, meetingId, status, undefined, { values, errors: [refused(lang, error, 'present')] }));
      return answered ?? seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=attendance`);
    });
    app.post('/bestyrelse/moeder/:meetingId/afgang', hide, async (request, reply) => {
      const at = await atMeeting(request, reply);
      if (!at) return reply;
      const { member, found } = at;
      const { lang } = member.context;
      const { meetingId } = found.meeting;
      const values = typed(request.body, ['memberId']);
      const read = readDeparture(lang, found.meeting, values.memberId as string | undefined);
      if (!read.ok) return showMeeting(reply, member, meetingId, 400, undefined, { values, errors: read.errors });
      const context = contextOf(request, { memberId: read.value });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      const answered = await refusedBy(
        () => board(member, { type: 'RecordDeparture', data: { centreId: member.centreId, meetingId, memberId: read.value } }, context),
        (error, status) => showMeeting(reply, member, meetingId, status, undefined, { values, errors: [refused(lang, error, 'memberId')] }),
      );
      return answered ?? seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=departure`);
    });
    app.post('/bestyrelse/moeder/:meetingId/forslag', hide, async (request, reply) => {
      const at = await atMeeting(request, reply);
      if (!at) return reply;
      const { member, found } = at;
      const { lang } = member.context;
      const { meetingId } = found.meeting;
      const values = typed(request.body, PROPOSAL_FORM_FIELDS);
      const read = readProposal(lang, fieldsOf(request.body), found.budgets, found.today, found.meeting.agenda);
      if (!read) return sendPage(reply, 400, badRequestPage(member.context));
      if (!read.ok) return showMeeting(reply, member, meetingId, 400, undefined, { values, errors: read.errors });
      const context = contextOf(request, { title: read.value.title, subject: JSON.stringify(read.value.subject), item: String(read.value.item) });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      const { subject, item } = read.value;
      const { title: titleField, subject: subjectField, item: itemField, fields: subjectFields } = PROPOSAL_FIELDS[subject.kind];
      const budget = subject.kind === 'general' ? null : await facts.budgetNamed(subject.budgetId);
      const resolutionId = derivedId(context.commandId, 'resolutionId');
      const answered = await refusedBy(
        () => board(member, { type: 'ProposeResolution', data: { centreId: member.centreId, meetingId, resolutionId, title: read.value.title, subject, budget, item } }, context),
        (error, status) => {
          // A refusal about the budget named lands on the field naming it; one about the item (the member is disqualified on it), on the item; one about the meeting or the member, on the title.
          const field = error.code.startsWith('budget') || error.code === 'version_not_current' || error.code === 'development_budget' ? subjectField : error.code === 'recused' ? itemField : titleField;
          const fieldFor = (f: string) => (f === 'title' ? titleField : f === 'item' ? itemField : Object.hasOwn(subjectFields, f) ? subjectFields[f] : f.startsWith('subject') ? subjectField : undefined);
          return showMeeting(reply, member, meetingId, status, undefined, { values, errors: [refused(lang, error, field, fieldFor)] });
        },
      );
      return answered ?? seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=proposed#item-${item}`);
    });

    // ---- An item of the agenda: its minutes, and disqualification on it ----

    /** The agenda item the path names (from 1), of this meeting; null (a 404 page sent) if the agenda has none such. */
    async function itemAt(request: FastifyRequest, reply: FastifyReply) {
      const at = await atMeeting(request, reply);
      if (!at) return null;
      const raw = z.object({ item: z.string().regex(/^[1-9]\d{0,2}$/) }).loose().safeParse(request.params);
      const item = raw.success ? Number(raw.data.item) : 0;
      if (item < 1 || item > at.found.meeting.agenda.length) {
        sendPage(reply, 404, notFoundPage(at.member.context));
        return null;
      }
      return { ...at, item };
    }
    app.post('/bestyrelse/moeder/:meetingId/punkter/:item/referat', hide, async (request, reply) => {
      const at = await itemAt(request, reply);
      if (!at) return reply;
      const { member, found, item } = at;
      const { lang } = member.context;
      const { meetingId } = found.meeting;
      const [decisionField, reasoningField] = [`decision-${item}`, `reasoning-${item}`];
      const values = typed(request.body, [decisionField, reasoningField]);
      const read = readItemMinutes(lang, item, textOf(request.body, decisionField), textOf(request.body, reasoningField));
      if (!read.ok) return showMeeting(reply, member, meetingId, 400, undefined, { values, errors: read.errors });
      const context = contextOf(request, { item: String(item), decision: read.value.decision, reasoning: read.value.reasoning ?? '' });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      const answered = await refusedBy(
        () => board(member, { type: 'RecordItemMinutes', data: { centreId: member.centreId, meetingId, item, ...read.value } }, context),
        (error, status) =>
          showMeeting(reply, member, meetingId, status, undefined, { values, errors: [refused(lang, error, decisionField, (f) => (f === 'reasoning' ? reasoningField : decisionField), ITEM_REFUSALS.minutes)] }),
      );
      return answered ?? seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=minuted#item-${item}`);
    });
    app.post('/bestyrelse/moeder/:meetingId/punkter/:item/inhabilitet', hide, async (request, reply) => {
      const at = await itemAt(request, reply);
      if (!at) return reply;
      const { member, found, item } = at;
      const { lang } = member.context;
      const { meetingId } = found.meeting;
      const field = `recusal-${item}`;
      const values = typed(request.body, [field]);
      const read = readRecusal(lang, found.meeting, item, textOf(request.body, field));
      if (!read.ok) return showMeeting(reply, member, meetingId, 400, undefined, { values, errors: read.errors });
      const context = contextOf(request, { item: String(item), memberId: read.value });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      const answered = await refusedBy(
        () => board(member, { type: 'DeclareRecusal', data: { centreId: member.centreId, meetingId, item, memberId: read.value } }, context),
        (error, status) => showMeeting(reply, member, meetingId, status, undefined, { values, errors: [refused(lang, error, field, () => field, ITEM_REFUSALS.recusal)] }),
      );
      return answered ?? seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=recused#item-${item}`);
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
      const answered = await refusedBy(() => board(member, { type: 'CastVote', data: { centreId: member.centreId, resolutionId, choice: read.value } }, context), (error, status) => showMeeting(reply, member, meetingId, status, undefined, { values, errors: [refused(lang, error, field)] }));
      return answered ?? seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=voted#resolution-${resolutionId}`);
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
        const answered = await refusedBy(() => board(member, { type, data: { centreId: member.centreId, resolutionId } }, context), (error, status) => {
          const field = segment === 'afgoerelse' ? `decide-${resolutionId}` : `dissent-${resolutionId}`;
          return showMeeting(reply, member, meetingId, status, undefined, { values: {}, errors: [refused(member.context.lang, error, field)] });
        });
        return answered ?? seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=${ok}#resolution-${resolutionId}`);
      });
    }
    app.post('/bestyrelse/moeder/:meetingId/underskrift', hide, async (request, reply) => {
      const at = await atMeeting(request, reply);
      if (!at) return reply;
      const { member, found } = at;
      const { meetingId } = found.meeting;
      const context = contextOf(request, {});
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      const answered = await refusedBy(() => board(member, { type: 'SignMinutes', data: { centreId: member.centreId, meetingId } }, context), (error, status) => showMeeting(reply, member, meetingId, status, undefined, { values: {}, errors: [refused(member.context.lang, error, 'sign-minutes')] }));
      return answered ?? seeOther(reply, `/bestyrelse/moeder/${meetingId}?ok=signed`);
    });
  },
};
