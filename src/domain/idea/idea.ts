/**
 * A citizen's idea for a centre's five-year development budget (udviklingsbudget, DOMAIN.md rule 9:
 * "inspired by citizen budgets"). A citizen proposes it in their own words; other citizens support
 * it, one support each, which counts the moment it is given (there is no basket to check out and
 * nothing left unconfirmed); the board answers it publicly, once: taken in, naming the budget line
 * it became, or not taken in, with the reason; either by an adopted resolution of the board. From
 * the answer on, supports are frozen and the answer records how many there were.
 *
 * The title and description are the proposer's own words: personal data, sealed under their key
 * (IDEA_PERSONAL_FIELDS), so erasing the citizen leaves the idea's path (dates, supports, answer,
 * line) and not its text. Who proposed and who supports are kept for "one support each" and "not
 * your own idea"; views show only counts. Nothing here asks anything of a citizen: no deadline,
 * no consequence, nothing tied to anything else they do at the centre. One stream per idea.
 */
import { match } from 'ts-pattern';
import type { DomainEvent } from '../shared/decider.js';

type E<T extends string, D> = DomainEvent<T, D>;

/** How the board answered: taken in (as a line of the budget) or not (with a reason). */
export const IDEA_ANSWERS = ['taken_in', 'not_taken_in'] as const;
export type IdeaAnswerKind = (typeof IDEA_ANSWERS)[number];

/** A citizen proposed an idea for a development budget; `title` and `description` are sealed under `proposerId`'s key. */
export type IdeaProposed = E<'IdeaProposed', { ideaId: string; centreId: string; budgetId: string; proposerId: string; title: string; description: string }>;
/** A citizen supports the idea: it counts from now. */
export type IdeaSupported = E<'IdeaSupported', { ideaId: string; citizenId: string }>;
/** A citizen took their support back, before the board answered. */
export type IdeaSupportWithdrawn = E<'IdeaSupportWithdrawn', { ideaId: string; citizenId: string }>;
/**
 * The supporter's personal data was erased (an administrator's act, in the same append as the
 * journey's CitizenErased): their support of an idea not yet answered ends with it. Not their act.
 */
export type IdeaSupportErased = E<'IdeaSupportErased', { ideaId: string; citizenId: string }>;
/** The proposer withdrew their idea, before the board answered. Nothing follows from it. */
export type IdeaWithdrawn = E<'IdeaWithdrawn', { ideaId: string }>;
/**
 * The board's public answer, by an adopted resolution of its board: taken in as `lineId` of the
 * budget (with `reason` null), or not taken in with the `reason` (with `lineId` null). `supports`:
 * how many supported the idea when it was answered.
 */
export type IdeaAnswered = E<
  'IdeaAnswered',
  { ideaId: string; centreId: string; budgetId: string; resolutionId: string; answer: IdeaAnswerKind; lineId: string | null; reason: string | null; supports: number }
>;

export type IdeaEvent = IdeaProposed | IdeaSupported | IdeaSupportWithdrawn | IdeaSupportErased | IdeaWithdrawn | IdeaAnswered;

export const IDEA_EVENT_SCHEMA_VERSIONS: Record<IdeaEvent['type'], number> = {
  IdeaProposed: 1,
  IdeaSupported: 1,
  IdeaSupportWithdrawn: 1,
  IdeaSupportErased: 1,
  IdeaWithdrawn: 1,
  IdeaAnswered: 1,
};
export const IDEA_EVENT_TYPES = Object.keys(IDEA_EVENT_SCHEMA_VERSIONS) as IdeaEvent['type'][];

/** Personal fields of each event: the proposer's own words, sealed under their key. */
export const IDEA_PERSONAL_FIELDS: Record<IdeaEvent['type'], readonly string[]> = {
  IdeaProposed: ['title', 'description'],
  IdeaSupported: [],
  IdeaSupportWithdrawn: [],
  IdeaSupportErased: [],
  IdeaWithdrawn: [],
  IdeaAnswered: [],
};

export interface IdeaDetails {
  ideaId: string;
  centreId: string;
  budgetId: string;
  proposerId: string;
  /** Who supports it now, in the order they (last) gave their support. */
  supporters: string[];
}

export type IdeaAnswer = { kind: 'taken_in'; lineId: string } | { kind: 'not_taken_in'; reason: string };

/**
 * `open`: supported, withdrawn from and answered. `withdrawn` and `answered` never change again;
 * an answered idea keeps its supporters as they were at the answer.
 */
export type Idea =
  | { status: 'none' }
  | ({ status: 'open' } & IdeaDetails)
  | ({ status: 'withdrawn' } & IdeaDetails)
  | ({ status: 'answered'; answer: IdeaAnswer; resolutionId: string } & IdeaDetails);
export type OpenIdea = Extract<Idea, { status: 'open' }>;

export const initialState: Idea = { status: 'none' };

export function evolve(state: Idea, event: IdeaEvent): Idea {
  if (event.type === 'IdeaProposed') {
    const { ideaId, centreId, budgetId, proposerId } = event.data;
    return { status: 'open', ideaId, centreId, budgetId, proposerId, supporters: [] };
  }
  if (state.status !== 'open') return state;
  return match(event)
    .with({ type: 'IdeaSupported' }, ({ data }): Idea => (state.supporters.includes(data.citizenId) ? state : { ...state, supporters: [...state.supporters, data.citizenId] }))
    .with({ type: 'IdeaSupportWithdrawn' }, { type: 'IdeaSupportErased' }, ({ data }): Idea => ({ ...state, supporters: state.supporters.filter((id) => id !== data.citizenId) }))
    .with({ type: 'IdeaWithdrawn' }, (): Idea => ({ ...state, status: 'withdrawn' }))
    .with({ type: 'IdeaAnswered' }, ({ data }): Idea => ({
      ...state,
      status: 'answered',
      resolutionId: data.resolutionId,
      answer: data.answer === 'taken_in' ? { kind: 'taken_in', lineId: data.lineId ?? '' } : { kind: 'not_taken_in', reason: data.reason ?? '' },
    }))
    .exhaustive();
}

export const ideaStreamId = (ideaId: string) => `idea-${ideaId}`;
