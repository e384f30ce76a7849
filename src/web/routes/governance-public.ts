/**
 * A centre's governance in public (`/centre/:id/budgetter`, `…/beslutninger`, `…/referater`): for
 * anyone, signed in or not, only what the read models make public — approved budgets without who
 * acted, adopted resolutions, signed minutes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { boardOf } from '../../projections/board/queries.js';
import { budgetCsv } from '../../projections/budgets/export.js';
import { budgetHistory, type BudgetSummary, centreBudgetsAsOf, financeActColumns, getBudget, listBudgets } from '../../projections/budgets/queries.js';
import { publicView, replay } from '../../projections/budgets/replay.js';
import { getCentre } from '../../projections/centres/queries.js';
import { publicBudgetPage, publicBudgetsPage, publicMinutesPage, publicResolutionsPage } from '../pages/board-public.js';
import { csvFileName } from '../pages/budget-parts.js';
import { badRequestPage, notFoundPage } from '../pages/errors.js';
import { sendPage, visit } from '../request.js';
import { idParam } from './board.js';
import { sendCsv } from './budgets.js';
import { hide, queryOf, type WebArea, type WebOptions } from './shared.js';

const centreIdOf = idParam('id');
const budgetIdOf = idParam('budgetId');

export const governancePublicArea: WebArea = {
  // Under a centre's public page (the public area's segment).
  segments: ['centre'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, sessionKey } = options;
    const db = database.db;

    /** The centre of a public page; null (a 404 page sent) if there is none. */
    async function publicCentre(request: FastifyRequest, reply: FastifyReply) {
      const { context } = await visit(request, reply, sessionKey);
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
      const b = await boardOf(db, found.centre.centreId, { insider: false, open: (sealed) => options.vault.open(sealed) });
      return sendPage(reply, 200, publicResolutionsPage(found.context, found.centre, b, await publicBudgets(found.centre.centreId)));
    });
    app.get('/centre/:id/referater', hide, async (request, reply) => {
      const found = await publicCentre(request, reply);
      if (!found) return reply;
      const b = await boardOf(db, found.centre.centreId, { insider: false, open: (sealed) => options.vault.open(sealed) });
      return sendPage(reply, 200, publicMinutesPage(found.context, found.centre, b, await publicBudgets(found.centre.centreId)));
    });
  },
};
