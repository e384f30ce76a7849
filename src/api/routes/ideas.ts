/**
 * Citizens' ideas for the development budget. A citizen proposes one in their own words; others
 * support it, one support each, counted the moment it is given (nothing to confirm or check out
 * afterwards); a support is taken back until the board answers. The board's chair, vice-chair or
 * secretary records its public answer, naming the adopted resolution: taken in as a line of the
 * budget, or not, with the reason. Anyone reads the ideas and each idea's path; who proposed and
 * who supports is never answered, only counts (a citizen signed in learns only their own part).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Facts } from '../../commands/facts.js';
import type { IdeaCommands } from '../../commands/ideas.js';
import type { Database } from '../../database/connect.js';
import { DESCRIPTION_MAX, TITLE_MAX } from '../../domain/idea/decide.js';
import { IDEA_ANSWERS, IDEA_EVENT_TYPES } from '../../domain/idea/idea.js';
import { NotFound } from '../../domain/shared/errors.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import type { PersonalData } from '../../privacy/sealed.js';
import { citizenStanding } from '../../projections/ideas/queries.js';
import { type PublicIdea, publicIdeaPath, publicIdeasOf } from '../../projections/ideas/public.js';
import { authenticatedContext, optionalPrincipal } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { mergeProblems, OPTIONALLY_SIGNED_IN, type ProblemCodes, type Tag } from '../openapi.js';
import { ideaAnswerSchema, personal, uuid } from '../schemas.js';

export interface IdeaRoutesOptions {
  database: Database;
  ideas: IdeaCommands;
  /** Whether a budget exists, from its own stream (its read model may lag one drafted a moment ago). */
  facts: Pick<Facts, 'budgetNamed'>;
  verify: TokenVerifier;
  /** Opens the proposers' words for everyone to read (erased ones read as erased). */
  vault: PersonalData;
}

const tag: Tag = 'ideas';
const ideaParams = z.object({ ideaId: uuid }).strict();
const empty = z.object({}).strict().nullish();

const onIdea: ProblemCodes = { 404: ['idea_not_found'], 409: ['idea_withdrawn', 'idea_answered'] };

const ideaView = z
  .object({
    ideaId: z.string(),
    centreId: z.string(),
    budgetId: z.string(),
    title: z.string().nullable().describe('In the proposer’s words; null once withdrawn, or erased'),
    description: z.string().nullable().describe('In the proposer’s words; null once withdrawn, or erased'),
    erased: z.boolean().describe('The proposer’s data was erased: the path stands, the words are gone'),
    status: z.enum(['open', 'withdrawn', 'answered']),
    supports: z.number().int().describe('How many support it: a count, never who (frozen at the answer)'),
    proposedAt: z.string(),
    closedAt: z.string().nullable(),
    answer: z
      .object({
        kind: z.enum(IDEA_ANSWERS),
        at: z.string(),
        supports: z.number().int().describe('How many supported it when the board answered'),
        reason: z.string().nullable().describe('Why not, for an idea not taken in'),
        resolution: z.object({ resolutionId: z.string(), title: z.string().nullable() }).describe('The adopted resolution of the board the answer rests on'),
        line: z.object({ lineId: z.string(), description: z.string().nullable().describe('The line’s text, once the budget is approved') }).nullable().describe('The budget line it became'),
      })
      .nullable(),
    mine: z
      .object({ proposed: z.boolean(), supporting: z.boolean() })
      .optional()
      .describe('For a citizen signed in: whether this is their own idea, and whether their support counts for it now'),
  })
  .meta({ id: 'Idea' });

const pathStep = z
  .object({
    type: z.enum(IDEA_EVENT_TYPES),
    at: z.string(),
    supports: z.number().int().describe('The count of supports after this step'),
    answer: z.enum(IDEA_ANSWERS).nullable(),
    lineId: z.string().nullable(),
    reason: z.string().nullable(),
    resolutionId: z.string().nullable(),
  })
  .meta({ id: 'IdeaPathStep' });

export const ideaRoutes: FastifyPluginAsync<IdeaRoutesOptions> = async (app, { database, facts, ideas, verify, vault }) => {
  const authed = authenticatedContext(app, verify);

  commandRoute(authed, {
    url: '/centres/:centreId/ideas',
    operationId: 'proposeIdea',
    examples: [
      { budgetId: '019a2051-9e2f-7a4b-8c5d-6e7f8a9b0c1d', title: 'Reparationscafé i centret', description: 'Et sted hvor vi mødes og lærer at reparere cykler, tøj og elektronik sammen.' },
    ],
    problems: { 404: ['budget_not_found'], 409: ['idea_exists', 'budget_closed', 'citizen_erased'], 410: ['personal_data_erased'], 422: ['not_development_budget'] },
    tag,
    summary: 'A citizen proposes an idea for the centre’s five-year development budget, in their own words',
    params: z.object({ centreId: uuid }).strict(),
    body: z
      .object({
        budgetId: uuid.describe('The centre’s development budget'),
        title: personal(TITLE_MAX, 'the proposer’s own key'),
        description: personal(DESCRIPTION_MAX, 'the proposer’s own key'),
      })
      .strict(),
    status: 201,
    creates: ['ideaId'],
    topLevel: ['ideaId'],
    location: ({ ideaId }) => `/ideas/${ideaId}`,
    // A process: the citizen's journey is checked again when the idea is appended, so an erasure committing in between refuses it.
    process: ({ params, body, newId, principal, now, context }) => ideas.propose({ principal, now }, { centreId: params.centreId, ideaId: newId('ideaId'), ...body }, context),
  });
  commandRoute(authed, {
    url: '/ideas/:ideaId/support',
    operationId: 'supportIdea',
    examples: [{}],
    problems: mergeProblems(onIdea, { 409: ['citizen_erased'], 422: ['own_idea'] }),
    tag,
    summary: 'A citizen supports an idea: it counts at once, one support each; supporting again changes nothing',
    params: ideaParams,
    body: empty,
    process: ({ params, principal, now, context }) => ideas.support({ principal, now }, params.ideaId, context),
  });
  commandRoute(authed, {
    url: '/ideas/:ideaId/support/withdraw',
    operationId: 'withdrawIdeaSupport',
    examples: [{}],
    problems: onIdea,
    tag,
    summary: 'A citizen takes their support back, until the board answers (then the supports are as they were)',
    params: ideaParams,
    body: empty,
    process: ({ params, principal, now, context }) => ideas.withdrawSupport({ principal, now }, params.ideaId, context),
  });
  commandRoute(authed, {
    url: '/ideas/:ideaId/withdraw',
    operationId: 'withdrawIdea',
    examples: [{}],
    problems: onIdea,
    tag,
    summary: 'The citizen who proposed an idea withdraws it, until the board answers',
    params: ideaParams,
    body: empty,
    process: ({ params, principal, now, context }) => ideas.withdraw({ principal, now }, params.ideaId, context),
  });
  commandRoute(authed, {
    url: '/ideas/:ideaId/answer',
    operationId: 'answerIdea',
    examples: [
      { resolutionId: '019a2051-9e2f-7a4b-8c5d-6e7f8a9b0c1d', answer: { kind: 'taken_in', lineId: '019a2051-a4b2-7e01-8d3c-5f6a7b8c9d0e' } },
      { resolutionId: '019a2051-9e2f-7a4b-8c5d-6e7f8a9b0c1d', answer: { kind: 'not_taken_in', reason: 'Kommunens biblioteker tilbyder allerede det samme, og vi vil hellere støtte dem.' } },
    ],
    problems: mergeProblems(onIdea, { 404: ['board_not_found', 'resolution_not_found'], 422: ['resolution_not_adopted'] }),
    tag,
    summary: 'The board’s public answer, by an adopted resolution (its chair, vice-chair or secretary): taken in as a line of the budget, or not, with the reason; once',
    params: ideaParams,
    body: z.object({ resolutionId: uuid, answer: ideaAnswerSchema }).strict(),
    process: ({ params, body, principal, now, context }) => ideas.answer({ principal, now }, { ideaId: params.ideaId, answer: body.answer, resolutionId: body.resolutionId }, context),
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const optional = optionalPrincipal(verify);
  /** A citizen signed in learns their own part; nobody learns anyone else's. */
  const withMine = async (principal: { id: string; role: string } | undefined, shown: PublicIdea[]) => {
    if (principal?.role !== 'citizen') return shown;
    const { proposed, supports } = await citizenStanding(database.db, principal.id, shown.map((i) => i.ideaId));
    return shown.map((i) => ({ ...i, mine: { proposed: proposed.has(i.ideaId), supporting: supports.has(i.ideaId) } }));
  };

  r.get(
    '/budgets/:budgetId/ideas',
    {
      preHandler: optional,
      schema: {
        operationId: 'listIdeasOfBudget',
        tags: [tag],
        summary: 'The citizens’ ideas for a development budget, oldest first: their words, how many support each, and the board’s answer with its resolution and line (public; withdrawn ideas are left out)',
        security: OPTIONALLY_SIGNED_IN,
        params: z.object({ budgetId: uuid }).strict(),
        response: { 200: z.object({ ideas: z.array(ideaView) }) },
        problems: { 404: ['budget_not_found'] },
      },
    },
    async (request) => {
      const { budgetId } = request.params;
      const budget = await facts.budgetNamed(budgetId);
      if (budget?.kind !== 'development') throw new NotFound('budget_not_found', 'no such development budget', { budgetId });
      return { ideas: await withMine(request.principal, await publicIdeasOf(database.db, vault, budgetId)) };
    },
  );
  r.get(
    '/ideas/:ideaId',
    {
      preHandler: optional,
      schema: {
        operationId: 'getIdeaPath',
        tags: [tag],
        summary: 'One idea and its path, step by step: proposed, supports given and taken back (as counts), withdrawn or answered, with the resolution and the line it became (public)',
        security: OPTIONALLY_SIGNED_IN,
        params: ideaParams,
        response: { 200: z.object({ idea: ideaView, path: z.array(pathStep) }) },
        problems: { 404: ['idea_not_found'] },
      },
    },
    async (request) => {
      const found = await publicIdeaPath(database.db, vault, request.params.ideaId);
      if (!found) throw new NotFound('idea_not_found', 'no such idea', { ideaId: request.params.ideaId });
      const [idea] = await withMine(request.principal, [found.idea]);
      return { idea: idea!, path: found.path };
    },
  );
};
