/**
 * Citizens' ideas for the development budget on the web: the citizen's page under "Mine sider"
 * (propose, support, take a support back, withdraw their own), the board's answers under
 * "Bestyrelsen", and the public pages under a centre (a budget's ideas by line, each idea's path).
 * Pages send commands through the same command path as the API (`commands.ideas`) and read the
 * ideas' read model, which is written inline: the page after a support shows that it counts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CommandContext } from '../../commands/handler.js';
import type { DomainError } from '../../domain/shared/errors.js';
import { InvalidValue } from '../../domain/shared/errors.js';
import { derivedId } from '../../ids.js';
import { boardOf } from '../../projections/board/queries.js';
import { budgetHistory, getBudget, listBudgets } from '../../projections/budgets/queries.js';
import { replay } from '../../projections/budgets/replay.js';
import { getCentre, listCentres, type CentreView } from '../../projections/centres/queries.js';
import { citizenJourney } from '../../projections/journeys/queries.js';
import { citizenStanding, ideaById } from '../../projections/ideas/queries.js';
import { publicIdeaPath, publicIdeasOf } from '../../projections/ideas/public.js';
import { formCommandContext } from '../command.js';
import { type FieldError, IDEMPOTENCY_FIELD } from '../components.js';
import { say } from '../i18n.js';
import { centreShown, refusalIn } from '../pages/activities-parts.js';
import { badRequestPage, notFoundPage } from '../pages/errors.js';
import { ANSWER_FIELD_MESSAGES, ANSWER_REFUSALS, type AnswerForm, answerFields, BOARD_IDEAS_PATH, boardIdeasPage, type BoardIdeas, checkAnswer } from '../pages/ideas-board.js';
import { checkProposal, citizenIdeasPage, IDEA_REFUSALS, type IdeaBudget, type IdeaNotice, ideaPathPage, IDEAS_PATH, PROPOSAL_FIELDS, proposePage, publicIdeasPage } from '../pages/ideas.js';
import { seeOther, sendPage, visit } from '../request.js';
import { asCentreRole, asRole, attempt, fieldOf, hide, isUuid, queryOf, type Signed, type WebArea, type WebOptions } from './shared.js';

/** An id in the path, as the read models keep it (lower case); null when it is no id. */
function idParam(request: FastifyRequest, name: string): string | null {
  const value = fieldOf(request.params, name);
  return typeof value === 'string' && isUuid(value) ? value.toLowerCase() : null;
}
/** A form's fields as strings ('' when absent); null when one came as anything but a single string. */
function formStrings<K extends string>(body: unknown, names: readonly K[]): Record<K, string> | null {
  const out = {} as Record<K, string>;
  for (const name of names) {
    const value = fieldOf(body, name);
    if (value !== undefined && typeof value !== 'string') return null;
    out[name] = value ?? '';
  }
  return out;
}
const formContext = (route: string, body: unknown, fields: Readonly<Record<string, string>>): CommandContext | null => formCommandContext(route, fieldOf(body, IDEMPOTENCY_FIELD), fields);
const at = () => new Date().toISOString();
const NOTICE_PARAMS: readonly [string, IdeaNotice][] = [
  ['foreslaaet', 'proposed'],
  ['stoettet', 'supported'],
  ['stoette-trukket', 'unsupported'],
  ['trukket', 'withdrawn'],
];

export const ideasArea: WebArea = {
  segments: [],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, commands, vault, sessionKey } = options;
    const db = database.db;
    const notFound = (reply: FastifyReply, me: Pick<Signed, 'context'>) => sendPage(reply, 404, notFoundPage(me.context));
    const badRequest = (reply: FastifyReply, me: Pick<Signed, 'context'>) => sendPage(reply, 400, badRequestPage(me.context));
    const asCitizen = (request: FastifyRequest, reply: FastifyReply) => asRole(request, reply, sessionKey, ['citizen']);

    /** A centre's development budgets taking ideas (every one not closed), newest first. */
    const ideaBudgets = async (centreId: string): Promise<IdeaBudget[]> =>
      (await listBudgets(db, centreId)).filter((b) => b.kind === 'development' && b.status !== 'closed').map((b) => ({ budgetId: b.budgetId, centreId: b.centreId, fiscalYear: b.fiscalYear }));
    /** A development budget by id, with its centre; null if there is none. */
    async function developmentBudget(budgetId: string | null): Promise<{ budget: IdeaBudget; status: string; centre: CentreView } | null> {
      const summary = budgetId ? await getBudget(db, budgetId) : null;
      if (!summary || summary.kind !== 'development') return null;
      const centre = await getCentre(db, summary.centreId);
      return centre ? { budget: { budgetId: summary.budgetId, centreId: summary.centreId, fiscalYear: summary.fiscalYear }, status: summary.status, centre } : null;
    }

    // ---- The citizen ----

    async function citizenView(me: Signed, asked: string | undefined, notice: IdeaNotice | null) {
      const [centres, journey] = await Promise.all([listCentres(db), citizenJourney(db, me.principal.id)]);
      const centre = centreShown(centres, asked, journey?.open ? journey.centreId : null);
      const budgets = centre
        ? await Promise.all(
            (await ideaBudgets(centre.centreId)).map(async (budget) => {
              const ideas = await publicIdeasOf(db, vault, budget.budgetId);
              const standing = await citizenStanding(db, me.principal.id, ideas.map((i) => i.ideaId));
              return { budget, ideas: ideas.map((i) => ({ ...i, mine: { proposed: standing.proposed.has(i.ideaId), supporting: standing.supports.has(i.ideaId) } })) };
            }),
          )
        : [];
      return { centres, centre, budgets, notice };
    }

    app.get(IDEAS_PATH, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const notice = NOTICE_PARAMS.find(([name]) => queryOf(request, name) !== undefined)?.[1] ?? null;
      return sendPage(reply, 200, citizenIdeasPage(me.context, await citizenView(me, queryOf(request, 'centre'), notice)));
    });

    app.get(`${IDEAS_PATH}/ny`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const asked = queryOf(request, 'budget');
      const found = await developmentBudget(asked && isUuid(asked) ? asked.toLowerCase() : null);
      if (!found || found.status === 'closed') return notFound(reply, me);
      return sendPage(reply, 200, proposePage(me.context, found.centre, found.budget, { title: '', description: '' }));
    });
    app.post(`${IDEAS_PATH}/ny`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const form = formStrings(request.body, ['budgetId', 'title', 'description']);
      if (!form) return badRequest(reply, me);
      const found = await developmentBudget(isUuid(form.budgetId) ? form.budgetId.toLowerCase() : null);
      if (!found) return notFound(reply, me);
      const { lang } = me.context;
      const answers = { title: form.title, description: form.description };
      const wrong = checkProposal(lang, answers);
      if (wrong.length > 0) return sendPage(reply, 400, proposePage(me.context, found.centre, found.budget, answers, wrong));
      const title = form.title.trim();
      const description = form.description.trim();
      const context = formContext(`${IDEAS_PATH}/ny`, request.body, { budgetId: found.budget.budgetId, title, description });
      if (!context) return badRequest(reply, me);
      // The idea's id follows from the form's key, as the API's from its Idempotency-Key: a double submit names the same idea.
      const ideaId = derivedId(context.commandId, 'ideaId');
      const refused = await attempt(
        reply,
        () => commands.ideas.propose({ principal: me.principal, now: at() }, { centreId: found.centre.centreId, ideaId, budgetId: found.budget.budgetId, title, description }, context),
        (error) => proposePage(me.context, found.centre, found.budget, answers, [refusalIn(lang, error, 'title', IDEA_REFUSALS, PROPOSAL_FIELDS)]),
      );
      return refused ?? seeOther(reply, `${IDEAS_PATH}?centre=${found.centre.centreId}&foreslaaet=1#idea-${ideaId}`);
    });

    /**
     * Where a refusal about an idea is shown on the page drawn again: on `field` while the idea is
     * open (its form is there), on its card once answered, on its budget's heading once withdrawn.
     */
    async function shownAt(ideaId: string, field: string): Promise<string> {
      const now = await ideaById(db, ideaId);
      return now?.status === 'open' ? field : now?.status === 'answered' ? `idea-${ideaId}` : `budget-${now?.budgetId ?? ''}`;
    }

    /** One of the citizen's buttons on an idea: the command, and where a refusal is shown. */
    const onIdea = (path: string, field: (ideaId: string) => string, notice: string, run: (me: Signed, ideaId: string, context: CommandContext) => Promise<unknown>) =>
      app.post(`${IDEAS_PATH}/:ideaId/${path}`, hide, async (request, reply) => {
        const me = await asCitizen(request, reply);
        if (!me) return reply;
        const ideaId = idParam(request, 'ideaId');
        const idea = ideaId ? await ideaById(db, ideaId) : null;
        if (!idea) return notFound(reply, me);
        const context = formContext(`${IDEAS_PATH}/${idea.ideaId}/${path}`, request.body, { ideaId: idea.ideaId });
        if (!context) return badRequest(reply, me);
        const refused = await attempt(reply, () => run(me, idea.ideaId, context), async (error) =>
          citizenIdeasPage(me.context, await citizenView(me, idea.centreId, null), [refusalIn(me.context.lang, error, await shownAt(idea.ideaId, field(idea.ideaId)), IDEA_REFUSALS)]),
        );
        return refused ?? seeOther(reply, `${IDEAS_PATH}?centre=${idea.centreId}&${notice}=1#idea-${idea.ideaId}`);
      });
    onIdea('stoet', (id) => `support-${id}`, 'stoettet', (me, ideaId, context) => commands.ideas.support({ principal: me.principal, now: at() }, ideaId, context));
    onIdea('stoet-ikke', (id) => `unsupport-${id}`, 'stoette-trukket', (me, ideaId, context) => commands.ideas.withdrawSupport({ principal: me.principal, now: at() }, ideaId, context));
    onIdea('traek-tilbage', (id) => `withdraw-${id}`, 'trukket', (me, ideaId, context) => commands.ideas.withdraw({ principal: me.principal, now: at() }, ideaId, context));

    // ---- The board ----

    async function boardView(centreId: string, memberId: string, answered: boolean): Promise<BoardIdeas> {
      const board = await boardOf(db, centreId, { insider: true });
      const budgets = await Promise.all(
        (await ideaBudgets(centreId)).map(async (budget) => {
          const view = replay(await budgetHistory(db, budget.budgetId));
          return { budget, lines: (view?.lines ?? []).map((l) => ({ lineId: l.lineId, description: l.description })), ideas: await publicIdeasOf(db, vault, budget.budgetId) };
        }),
      );
      const resolutions = (board?.resolutions ?? []).filter((r) => r.status === 'adopted').map((r) => ({ resolutionId: r.resolutionId, title: r.title }));
      const answers = Object.values(board?.roles ?? {}).includes(memberId);
      return { budgets, resolutions, answers, answered };
    }

    app.get(BOARD_IDEAS_PATH, hide, async (request, reply) => {
      const me = await asCentreRole(request, reply, sessionKey, ['board_member']);
      if (!me) return reply;
      return sendPage(reply, 200, boardIdeasPage(me.context, await boardView(me.centreId, me.principal.id, queryOf(request, 'svaret') !== undefined)));
    });
    app.post(`${BOARD_IDEAS_PATH}/:ideaId/svar`, hide, async (request, reply) => {
      const me = await asCentreRole(request, reply, sessionKey, ['board_member']);
      if (!me) return reply;
      const ideaId = idParam(request, 'ideaId');
      const idea = ideaId ? await ideaById(db, ideaId) : null;
      if (!idea || idea.centreId !== me.centreId) return notFound(reply, me);
      const f = answerFields(idea.ideaId);
      const raw = formStrings(request.body, [f.answer, f.line, f.reason, f.resolution]);
      if (!raw) return badRequest(reply, me);
      const form: AnswerForm = { answer: raw[f.answer] ?? '', lineId: raw[f.line] ?? '', reason: raw[f.reason] ?? '', resolutionId: raw[f.resolution] ?? '' };
      const { lang } = me.context;
      const again = async (errors: FieldError[], status: number) => sendPage(reply, status, boardIdeasPage(me.context, await boardView(me.centreId, me.principal.id, false), { ideaId: idea.ideaId, form }, errors));
      const wrong = checkAnswer(lang, idea.ideaId, form);
      if (wrong.length > 0) return again(wrong, 400);
      // A value no form of ours offers: named on its field all the same.
      if (form.answer === 'taken_in' && !isUuid(form.lineId)) return again([{ field: f.line, message: say(lang, ANSWER_FIELD_MESSAGES.line) }], 400);
      if (!isUuid(form.resolutionId)) return again([{ field: f.resolution, message: say(lang, ANSWER_FIELD_MESSAGES.resolution) }], 400);
      const answer = form.answer === 'taken_in' ? { kind: 'taken_in' as const, lineId: form.lineId.toLowerCase() } : { kind: 'not_taken_in' as const, reason: form.reason.trim() };
      const context = formContext(`${BOARD_IDEAS_PATH}/${idea.ideaId}/svar`, request.body, { ideaId: idea.ideaId, answer: form.answer, ...(answer.kind === 'taken_in' ? { lineId: answer.lineId } : { reason: answer.reason }), resolutionId: form.resolutionId });
      if (!context) return badRequest(reply, me);
      /** Where a refusal belongs: the field the domain named, the resolution, or the answer itself. */
      const fieldOfRefusal = (error: DomainError) =>
        error instanceof InvalidValue ? (error.field === 'answer.lineId' ? f.line : error.field === 'answer.reason' ? f.reason : f.answer) : error.code.startsWith('resolution_') ? f.resolution : f.answer;
      const refused = await attempt(
        reply,
        () => commands.ideas.answer({ principal: me.principal, now: at() }, { ideaId: idea.ideaId, answer, resolutionId: form.resolutionId.toLowerCase() }, context),
        async (error) => boardIdeasPage(me.context, await boardView(me.centreId, me.principal.id, false), { ideaId: idea.ideaId, form }, [refusalIn(lang, error, await shownAt(idea.ideaId, fieldOfRefusal(error)), ANSWER_REFUSALS, { 'answer.lineId': { field: f.line, message: ANSWER_FIELD_MESSAGES.line }, 'answer.reason': { field: f.reason, message: ANSWER_FIELD_MESSAGES.reason } })]),
      );
      return refused ?? seeOther(reply, `${BOARD_IDEAS_PATH}?svaret=1#idea-${idea.ideaId}`);
    });

    // ---- In public ----

    /** The public lines of a budget: its lines' texts once it is approved (a draft's are the board's working papers). */
    async function publicLines(budgetId: string) {
      const view = replay(await budgetHistory(db, budgetId));
      return view && view.status !== 'draft' ? view.lines.map((l) => ({ lineId: l.lineId, description: l.description })) : null;
    }

    app.get('/centre/:id/budgetter/:budgetId/ideer', hide, async (request, reply) => {
      const { context } = await visit(request, reply, sessionKey);
      const found = await developmentBudget(idParam(request, 'budgetId'));
      if (!found || found.centre.centreId !== idParam(request, 'id')) return notFound(reply, { context });
      const [lines, ideas] = await Promise.all([publicLines(found.budget.budgetId), publicIdeasOf(db, vault, found.budget.budgetId)]);
      return sendPage(reply, 200, publicIdeasPage(context, found.centre, found.budget, lines, ideas));
    });
    app.get('/centre/:id/ideer/:ideaId', hide, async (request, reply) => {
      const { context } = await visit(request, reply, sessionKey);
      const ideaId = idParam(request, 'ideaId');
      const shown = ideaId ? await publicIdeaPath(db, vault, ideaId) : null;
      if (!shown || shown.idea.centreId !== idParam(request, 'id')) return notFound(reply, { context });
      const found = await developmentBudget(shown.idea.budgetId);
      if (!found) return notFound(reply, { context });
      const lineHref = shown.idea.answer?.line?.description ? `/centre/${found.centre.centreId}/budgetter/${found.budget.budgetId}/ideer#line-${shown.idea.answer.line.lineId}` : undefined;
      return sendPage(reply, 200, ideaPathPage(context, found.centre, found.budget, shown.idea, shown.path, lineHref));
    });
  },
};
