/**
 * The administrator's pages (`/administration`): the centres, establishing one; a centre's board
 * constituted, partner seats added and removed, members seated and leaving, roles assigned, each
 * as it was decided outside the board; and erasing a citizen's personal data. And the staff's
 * page for their own centre's in-person opening hours (`/medarbejder/aabningstider`).
 *
 * Every command is built as the API's route for it builds it (src/api/routes/centres.ts, board.ts,
 * journeys.ts): the same facts, ids derived from the form's idempotency key with the same labels,
 * so a double submit records once. The centres' read model follows the log a moment later, so a
 * change to a centre waits (a little) for it before the page after the redirect reads it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eraseCitizen } from '../../commands/erasure.js';
import type { CommandContext, CommandResult } from '../../commands/handler.js';
import { type BoardCommand, boardDecider } from '../../domain/board/decide.js';
import { type CentreCommand, centreDecider } from '../../domain/centre/decide.js';
import { type DomainError, InvalidValue } from '../../domain/shared/errors.js';
import { derivedId } from '../../ids.js';
import { boardOf } from '../../projections/board/queries.js';
import { getCentre, listCentres } from '../../projections/centres/queries.js';
import { formCommandContext, isRefusal, refusalOf } from '../command.js';
import { type FieldError, IDEMPOTENCY_FIELD } from '../components.js';
import type { Html } from '../html.js';
import type { PageContext } from '../layout.js';
import { readDeputy, readDeputyLeaving } from '../pages/admin-deputies.js';
import {
  administrationPage,
  type AdminOk,
  centreAdminPage,
  erasePage,
  type FormState,
  isAdminOk,
  type Read,
  readErasure,
  readEstablish,
  readLeaving,
  readPartnerSeat,
  readRemoval,
  readRole,
  readSeating,
} from '../pages/admin.js';
import { formFieldOf, MAX_INTERVALS, fieldId, openingHoursPage, readOpeningHours, typedFrom } from '../pages/admin-opening-hours.js';
import { ADMIN_REFUSALS, refusalStatus } from '../pages/admin-parts.js';
import { badRequestPage, forbiddenPage, notFoundPage } from '../pages/errors.js';
import { WEEKDAYS } from '../../domain/centre/centre.js';
import { pathOf, seeOther, sendPage } from '../request.js';
import { asRole, fieldOf, hide, isUuid, queryOf, textOf, type WebArea, type WebOptions } from './shared.js';

/** A command without its envelope (when and who), which the route adds: one union member at a time. */
type Bare<C> = C extends unknown ? Omit<C, 'now' | 'principal'> : never;

const now = () => new Date().toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A form's text fields by name. */
const fieldsOf = (body: unknown) => (name: string) => textOf(body, name);
/** What a form sent, to show again with its refusals. */
function typed(body: unknown, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = textOf(body, name);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** A refusal at the field it concerns: the decider's field when it names one the form has, else the form's own. */
function refused(lang: PageContext['lang'], error: DomainError, field: string, fieldFor: (deciderField: string) => string | undefined = () => undefined): FieldError {
  return refusalOf(lang, error, error instanceof InvalidValue ? (fieldFor(error.field) ?? field) : field, ADMIN_REFUSALS);
}

/** The command's context from the form's key; null (a page error, nothing recorded) without one. */
const contextOf = (request: FastifyRequest, fields: Record<string, string>): CommandContext | null => formCommandContext(pathOf(request), fieldOf(request.body, IDEMPOTENCY_FIELD), fields);

/** Waits (a little) until the centres' read model holds the centre at this version, so the next page shows it. */
async function centreShown(db: WebOptions['database']['db'], centreId: string, result: CommandResult): Promise<void> {
  if (result.events.length === 0) return;
  for (const deadline = Date.now() + 3_000; Date.now() < deadline; await sleep(25)) {
    const centre = await getCentre(db, centreId);
    if (centre && centre.version >= result.version) return;
  }
}

export const adminArea: WebArea = {
  segments: ['administration'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, commands, vault, sessionKey } = options;
    const db = database.db;
    const { handler, facts } = commands;

    const asAdmin = (request: FastifyRequest, reply: FastifyReply) => asRole(request, reply, sessionKey, ['admin']);
    type Admin = NonNullable<Awaited<ReturnType<typeof asAdmin>>>;

    const centre = (admin: Admin, command: Bare<CentreCommand>, context: CommandContext) =>
      handler.handle(centreDecider, { ...command, now: now(), principal: admin.principal } as CentreCommand, context);
    const board = (admin: Admin, command: Bare<BoardCommand>, context: CommandContext) =>
      handler.handle(boardDecider, { ...command, now: now(), principal: admin.principal } as BoardCommand, context);

    // ---- The centres, and establishing one ----

    async function showAdministration(reply: FastifyReply, admin: Admin, status: number, form?: FormState) {
      const centres = await listCentres(db);
      const boards = await Promise.all(centres.map((c) => boardOf(db, c.centreId, { insider: true })));
      return sendPage(reply, status, administrationPage(admin.context, centres.map((c, i) => ({ centre: c, board: boards[i] ?? null })), form));
    }
    app.get('/administration', hide, async (request, reply) => {
      const admin = await asAdmin(request, reply);
      if (!admin) return reply;
      return showAdministration(reply, admin, 200);
    });
    app.post('/administration/centre', hide, async (request, reply) => {
      const admin = await asAdmin(request, reply);
      if (!admin) return reply;
      const { lang } = admin.context;
      const values = typed(request.body, ['name', 'municipalityCode']);
      const read = readEstablish(lang, textOf(request.body, 'name'), textOf(request.body, 'municipalityCode'));
      if (!read.ok) return showAdministration(reply, admin, 400, { values, errors: read.errors });
      const context = contextOf(request, read.value);
      if (!context) return sendPage(reply, 400, badRequestPage(admin.context));
      // As POST /centres: the centre's id derived from the command id, the body's name and municipality.
      const centreId = derivedId(context.commandId, 'centreId');
      try {
        const result = await centre(admin, { type: 'EstablishCentre', data: { centreId, ...read.value } }, context);
        await centreShown(db, centreId, result);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return showAdministration(reply, admin, refusalStatus(error), { values, errors: [refused(lang, error, 'name', (f) => (f === 'municipalityCode' || f === 'name' ? f : undefined))] });
      }
      return seeOther(reply, `/administration/centre/${centreId}?ok=established`);
    });

    // ---- One centre and its board ----

    /** The centre in the path, and its board; null (a 404 page sent) if there is no such centre. */
    async function centreOf(request: FastifyRequest, reply: FastifyReply, admin: Admin) {
      const id = textOf(request.params, 'centreId');
      const found = id && isUuid(id) ? await getCentre(db, id.toLowerCase()) : null;
      if (!found) {
        sendPage(reply, 404, notFoundPage(admin.context));
        return null;
      }
      return { centre: found, board: await boardOf(db, found.centreId, { insider: true }) };
    }
    async function showCentre(reply: FastifyReply, admin: Admin, centreId: string, status: number, ok?: AdminOk, form?: FormState) {
      const found = await getCentre(db, centreId);
      if (!found) return sendPage(reply, 404, notFoundPage(admin.context));
      return sendPage(reply, status, centreAdminPage(admin.context, found, await boardOf(db, centreId, { insider: true }), ok, form));
    }

    app.get('/administration/centre/:centreId', hide, async (request, reply) => {
      const admin = await asAdmin(request, reply);
      if (!admin) return reply;
      const found = await centreOf(request, reply, admin);
      if (!found) return reply;
      const ok = queryOf(request, 'ok');
      return sendPage(reply, 200, centreAdminPage(admin.context, found.centre, found.board, isAdminOk(ok) ? ok : undefined));
    });

    app.post('/administration/centre/:centreId/bestyrelse', hide, async (request, reply) => {
      const admin = await asAdmin(request, reply);
      if (!admin) return reply;
      const found = await centreOf(request, reply, admin);
      if (!found) return reply;
      const { centreId } = found.centre;
      const context = contextOf(request, {});
      if (!context) return sendPage(reply, 400, badRequestPage(admin.context));
      try {
        // As POST /centres/:centreId/board: whether the centre was established, from its stream.
        await board(admin, { type: 'ConstituteBoard', data: { centreId, centreKnown: await facts.centreKnown(centreId) } }, context);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return showCentre(reply, admin, centreId, refusalStatus(error), undefined, { values: {}, errors: [refused(admin.context.lang, error, 'board')] });
      }
      return seeOther(reply, `/administration/centre/${centreId}?ok=constituted#board`);
    });

    /**
     * A board form: read against the board as it stands (a 400 naming the field, nothing
     * recorded), then its command on the command path (a refusal shown at `field`).
     */
    function boardForm<T extends Record<string, string>>(spec: {
      path: string;
      names: readonly string[];
      /** The form's field a refusal is shown at, and the form's field for the decider's. */
      field: string;
      fieldFor?: (deciderField: string) => string | undefined;
      read: (lang: PageContext['lang'], f: (name: string) => string | undefined) => Read<T>;
      command: (centreId: string, value: T, context: CommandContext) => Bare<BoardCommand>;
      ok: AdminOk;
    }) {
      app.post(`/administration/centre/:centreId/${spec.path}`, hide, async (request, reply) => {
        const admin = await asAdmin(request, reply);
        if (!admin) return reply;
        const found = await centreOf(request, reply, admin);
        if (!found) return reply;
        const { centreId } = found.centre;
        const { lang } = admin.context;
        const values = typed(request.body, spec.names);
        const show = (status: number, errors: FieldError[]) => showCentre(reply, admin, centreId, status, undefined, { values, errors });
        const read = spec.read(lang, fieldsOf(request.body));
        if (!read.ok) return show(400, read.errors);
        const context = contextOf(request, read.value);
        if (!context) return sendPage(reply, 400, badRequestPage(admin.context));
        try {
          await board(admin, spec.command(centreId, read.value, context), context);
        } catch (error) {
          if (!isRefusal(error)) throw error;
          // Without a board there is no form to point to: the page's board section says so.
          return show(refusalStatus(error), [refused(lang, error, error.code === 'board_not_found' ? 'board' : spec.field, spec.fieldFor)]);
        }
        return seeOther(reply, `/administration/centre/${centreId}?ok=${spec.ok}#board`);
      });
    }

    // As POST /centres/:centreId/board/seats: the seat's id derived from the command id.
    boardForm({
      path: 'pladser',
      names: ['organisation'],
      field: 'organisation',
      read: (lang, f) => readPartnerSeat(lang, f('organisation')),
      command: (centreId, { organisation }, context) => ({ type: 'AddPartnerSeat', data: { centreId, seatId: derivedId(context.commandId, 'seatId'), organisation } }),
      ok: 'seat-added',
    });
    // As POST /centres/:centreId/board/seats/:seatId/remove.
    boardForm({
      path: 'pladser/fjern',
      names: ['removeSeatId'],
      field: 'removeSeatId',
      read: readRemoval,
      command: (centreId, { seatId }) => ({ type: 'RemovePartnerSeat', data: { centreId, seatId } }),
      ok: 'removed',
    });
    // As POST /centres/:centreId/board/seats/:seatId/member.
    boardForm({
      path: 'medlemmer',
      names: ['seatId', 'memberId', 'how', 'from'],
      field: 'seatId',
      fieldFor: (f) => (f === 'from' ? 'from' : undefined),
      read: readSeating,
      command: (centreId, { seatId, memberId, how, from }) => ({ type: 'SeatMember', data: { centreId, seatId, memberId, how, from } }),
      ok: 'seated',
    });
    // As POST /centres/:centreId/board/seats/:seatId/leave.
    boardForm({
      path: 'udtraedelse',
      names: ['leaveSeatId', 'on'],
      field: 'leaveSeatId',
      fieldFor: (f) => (f === 'on' ? 'on' : undefined),
      read: readLeaving,
      command: (centreId, { seatId, on }) => ({ type: 'MemberLeaves', data: { centreId, seatId, on } }),
      ok: 'left',
    });
    // As PUT /centres/:centreId/board/roles/:role.
    boardForm({
      path: 'roller',
      names: ['role', 'roleMemberId'],
      field: 'roleMemberId',
      read: readRole,
      command: (centreId, { role, memberId }) => ({ type: 'AssignBoardRole', data: { centreId, role, memberId } }),
      ok: 'role',
    });

    // As PUT /centres/:centreId/board/seats/:seatId/deputy.
    boardForm({
      path: 'suppleanter',
      names: ['deputySeatId', 'deputyId', 'deputyHow', 'deputyFrom'],
      field: 'deputySeatId',
      fieldFor: (f) => (f === 'from' ? 'deputyFrom' : undefined),
      read: readDeputy,
      command: (centreId, { seatId, deputyId, how, from }) => ({ type: 'SeatDeputy', data: { centreId, seatId, deputyId, how, from } }),
      ok: 'deputy',
    });
    // As POST /centres/:centreId/board/seats/:seatId/deputy/leave.
    boardForm({
      path: 'suppleanter/udtraedelse',
      names: ['deputyLeaveSeatId', 'deputyOn'],
      field: 'deputyLeaveSeatId',
      fieldFor: (f) => (f === 'on' ? 'deputyOn' : undefined),
      read: readDeputyLeaving,
      command: (centreId, { seatId, on }) => ({ type: 'DeputyLeaves', data: { centreId, seatId, on } }),
      ok: 'deputy-left',
    });

    // ---- Erasing a citizen's personal data ----

    app.get('/administration/sletning', hide, async (request, reply) => {
      const admin = await asAdmin(request, reply);
      if (!admin) return reply;
      return sendPage(reply, 200, erasePage(admin.context, queryOf(request, 'ok') === 'erased'));
    });
    app.post('/administration/sletning', hide, async (request, reply) => {
      const admin = await asAdmin(request, reply);
      if (!admin) return reply;
      const { lang } = admin.context;
      const values = typed(request.body, ['citizenId']);
      const read = readErasure(lang, textOf(request.body, 'citizenId'));
      if (!read.ok) return sendPage(reply, 400, erasePage(admin.context, false, { values, errors: read.errors }));
      const context = contextOf(request, read.value);
      if (!context) return sendPage(reply, 400, badRequestPage(admin.context));
      try {
        // As POST /admin/citizens/:citizenId/erase: the journey records the erasure, then the citizen's key goes.
        await eraseCitizen({ handler, vault, facts }, { principal: admin.principal, citizenId: read.value.citizenId, now: now() }, context);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return sendPage(reply, refusalStatus(error), erasePage(admin.context, false, { values, errors: [refused(lang, error, 'citizenId')] }));
      }
      // The person id stays out of the address: it would be kept in the browser's history and the logs.
      return seeOther(reply, '/administration/sletning?ok=erased');
    });
  },
};

/** Every field of the opening-hours form, by its name. */
const HOURS_FIELDS = WEEKDAYS.flatMap((d) => Array.from({ length: MAX_INTERVALS }, (_, i) => [fieldId(d, i, 'opens'), fieldId(d, i, 'closes')]).flat());

/** The staff's page for their own centre's in-person opening hours. */
export const openingHoursArea: WebArea = {
  segments: ['medarbejder'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, commands, sessionKey } = options;
    const db = database.db;
    const { handler, facts } = commands;

    /** A staff member of a centre (the one in their session, and no other), and that centre; null when answered. */
    async function asStaff(request: FastifyRequest, reply: FastifyReply) {
      const signed = await asRole(request, reply, sessionKey, ['staff']);
      if (!signed) return null;
      const centreId = signed.principal.centreId;
      const centre = centreId ? await getCentre(db, centreId) : null;
      if (!centre) {
        sendPage(reply, 403, forbiddenPage(signed.context));
        return null;
      }
      return { ...signed, centre };
    }
    const show = (reply: FastifyReply, status: number, page: Html) => sendPage(reply, status, page);

    app.get('/medarbejder/aabningstider', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const { lang } = me.context;
      return show(reply, 200, openingHoursPage(me.context, me.centre, typedFrom(lang, me.centre.openingHours), { saved: queryOf(request, 'ok') === 'saved' }));
    });
    app.post('/medarbejder/aabningstider', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const { lang } = me.context;
      const values = typed(request.body, HOURS_FIELDS);
      const read = readOpeningHours(lang, fieldsOf(request.body));
      if (!read.ok) return show(reply, 400, openingHoursPage(me.context, me.centre, values, { errors: read.errors }));
      const context = contextOf(request, { openingHours: JSON.stringify(read.value) });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const { centreId } = me.centre;
      try {
        // As PUT /centres/:centreId/opening-hours, for the centre in the staff member's session.
        const result = await handler.handle(
          centreDecider,
          { type: 'SetOpeningHours', data: { centreId, openingHours: read.value, actorSits: await facts.sitsOnBoard(centreId, me.principal) }, now: now(), principal: me.principal },
          context,
        );
        await centreShown(db, centreId, result);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return show(reply, refusalStatus(error), openingHoursPage(me.context, me.centre, values, { errors: [refused(lang, error, 'save-hours', formFieldOf)] }));
      }
      return seeOther(reply, '/medarbejder/aabningstider?ok=saved');
    });
  },
};
