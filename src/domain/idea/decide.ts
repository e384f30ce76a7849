import { match } from 'ts-pattern';
import { BOARD_ROLES, type Board, type BoardRole, seatOf } from '../board/board.js';
import type { BudgetFact } from '../board/decide.js';
import { noCoercion, own, tidyText } from '../shared/checks.js';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { evolve, type Idea, IDEA_EVENT_SCHEMA_VERSIONS, IDEA_PERSONAL_FIELDS, type IdeaEvent, ideaStreamId, initialState, type OpenIdea } from './idea.js';

/**
 * What an answer needs of the board, from the board's stream at the edge (null: the centre has no
 * board): whether the acting member sits on it now and which of its offices they hold, and the
 * resolution the answer names.
 */
export interface IdeaBoardFact {
  centreId: string;
  actorSits: boolean;
  actorRole: BoardRole | null;
  resolution: { resolutionId: string; status: 'proposed' | 'adopted' | 'rejected' } | null;
}

/** The board fact for an answer: the actor's seat and office, and the named resolution, from the board's state. */
export function ideaBoardFactOf(board: Board, principal: Principal, resolutionId: string): IdeaBoardFact | null {
  if (board.status !== 'constituted') return null;
  const sits = principal.role === 'board_member' && principal.centreId === board.centreId && seatOf(board, principal.id) !== undefined;
  const actorRole = sits ? (BOARD_ROLES.find((role) => board.roles[role] === principal.id) ?? null) : null;
  const found = own(board.resolutions, resolutionId);
  return { centreId: board.centreId, actorSits: sits, actorRole, resolution: found ? { resolutionId: found.resolutionId, status: found.status } : null };
}

type Cmd<T extends string, D> = CommandEnvelope & { type: T; data: D & { ideaId: string } };
/**
 * A citizen proposes an idea for a development budget, in their own words. `budget`: the budget as
 * its stream holds it (null: no such budget); `citizenErased`: whether the proposer's data was
 * erased, a fact from their journey.
 */
export type ProposeIdea = Cmd<'ProposeIdea', { centreId: string; budgetId: string; title: string; description: string; budget: BudgetFact | null; citizenErased: boolean }>;
/** A citizen supports the idea (the acting citizen); `citizenErased`, a fact from their journey. */
export type SupportIdea = Cmd<'SupportIdea', { citizenErased: boolean }>;
/** A citizen takes their support back (the acting citizen). */
export type WithdrawSupport = Cmd<'WithdrawSupport', object>;
/** Part of erasing a citizen (an administrator, with the journey's CitizenErased): their support of an idea not yet answered ends. */
export type EraseSupport = Cmd<'EraseSupport', { citizenId: string }>;
/** The proposer withdraws their idea. */
export type WithdrawIdea = Cmd<'WithdrawIdea', object>;
/**
 * The board's public answer, recorded by its chair, vice-chair or secretary, naming the adopted
 * resolution it rests on. `board`, from the board's stream; `budget`, the idea's budget from its
 * stream (for a taken-in answer's line).
 */
export type AnswerIdea = Cmd<
  'AnswerIdea',
  { answer: { kind: 'taken_in'; lineId: string } | { kind: 'not_taken_in'; reason: string }; resolutionId: string; board: IdeaBoardFact | null; budget: BudgetFact | null }
>;

export type IdeaCommand = ProposeIdea | SupportIdea | WithdrawSupport | EraseSupport | WithdrawIdea | AnswerIdea;

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 2000;
export const REASON_MAX = 1000;

export function decide(command: IdeaCommand, state: Idea): IdeaEvent[] {
  return match(command)
    .with({ type: 'ProposeIdea' }, (c) => propose(c, state))
    .with({ type: 'SupportIdea' }, (c) => support(c, open(state, c.data.ideaId)))
    .with({ type: 'WithdrawSupport' }, (c) => withdrawSupport(c, open(state, c.data.ideaId)))
    .with({ type: 'EraseSupport' }, (c) => eraseSupport(c, state))
    .with({ type: 'WithdrawIdea' }, (c) => withdraw(c, open(state, c.data.ideaId)))
    .with({ type: 'AnswerIdea' }, (c) => answer(c, open(state, c.data.ideaId)))
    .exhaustive();
}

/**
 * Any signed-in citizen: the house is open to everyone and keeps no register of where people live
 * (DOMAIN.md rule 1), so "a citizen of the municipality" is whoever signs in as a citizen. One
 * person, one support per idea keeps the count honest.
 */
function citizen(p: Principal, why: string): string {
  if (p.role !== 'citizen') throw new Forbidden(why, { role: p.role });
  return p.id;
}

const erased = () => new Conflict('citizen_erased', 'this citizen’s data was erased; nothing more is recorded for them');

function propose(c: ProposeIdea, state: Idea): IdeaEvent[] {
  const proposerId = citizen(c.principal, 'citizens propose ideas for the development budget');
  if (c.data.citizenErased) throw erased();
  const { budget, centreId, budgetId, ideaId } = c.data;
  if (!budget || budget.budgetId !== budgetId || budget.centreId !== centreId) throw new NotFound('budget_not_found', 'no such budget of this centre', { budgetId });
  if (budget.kind !== 'development') throw new RuleViolation('not_development_budget', 'ideas are proposed for the five-year development budget', { budgetId });
  if (budget.status === 'closed') throw new Conflict('budget_closed', 'the budget is closed', { budgetId });
  // The citizen's own words: never refused for what they say, only for being empty or too long.
  const title = tidyText(c.data.title, 'title', TITLE_MAX, 'give the idea a short title');
  const description = tidyParagraphs(c.data.description, 'description', DESCRIPTION_MAX, 'say what the idea is');
  if (state.status !== 'none') throw new Conflict('idea_exists', 'the idea exists', { ideaId });
  return [{ type: 'IdeaProposed', data: { ideaId, centreId, budgetId, proposerId, title, description } }];
}

/** Counts at once; supporting again changes nothing. The proposer's own idea is theirs already. */
function support(c: SupportIdea, idea: OpenIdea): IdeaEvent[] {
  const citizenId = citizen(c.principal, 'citizens support ideas');
  if (c.data.citizenErased) throw erased();
  if (citizenId === idea.proposerId) throw new RuleViolation('own_idea', 'you proposed this idea: it is yours already, and supports come from others', { ideaId: idea.ideaId });
  if (idea.supporters.includes(citizenId)) return [];
  return [{ type: 'IdeaSupported', data: { ideaId: idea.ideaId, citizenId } }];
}

/** Until the board answers; taking back a support not given changes nothing. */
function withdrawSupport(c: WithdrawSupport, idea: OpenIdea): IdeaEvent[] {
  const citizenId = citizen(c.principal, 'a citizen takes back only their own support');
  if (!idea.supporters.includes(citizenId)) return [];
  return [{ type: 'IdeaSupportWithdrawn', data: { ideaId: idea.ideaId, citizenId } }];
}

/**
 * Erasing a citizen ends their support of every idea the board has not answered yet, as taking it
 * back would, but as the administrator's act. An answered idea keeps the count it was answered
 * with (the answer records it); nothing else about the idea changes.
 */
function eraseSupport(c: EraseSupport, state: Idea): IdeaEvent[] {
  if (c.principal.role !== 'admin') throw new Forbidden('a support ends with an erasure only as part of it, by an administrator', { role: c.principal.role });
  if (state.status !== 'open' || !state.supporters.includes(c.data.citizenId)) return [];
  return [{ type: 'IdeaSupportErased', data: { ideaId: state.ideaId, citizenId: c.data.citizenId } }];
}

function withdraw(c: WithdrawIdea, idea: OpenIdea): IdeaEvent[] {
  if (c.principal.role !== 'citizen' || c.principal.id !== idea.proposerId) throw new Forbidden('only the citizen who proposed an idea withdraws it', { ideaId: idea.ideaId });
  return [{ type: 'IdeaWithdrawn', data: { ideaId: idea.ideaId } }];
}

function answer(c: AnswerIdea, idea: OpenIdea): IdeaEvent[] {
  const { board, budget, resolutionId } = c.data;
  if (!board || board.centreId !== idea.centreId) throw new NotFound('board_not_found', 'the centre has no board yet', { centreId: idea.centreId });
  const p = c.principal;
  if (p.role !== 'board_member' || p.centreId !== idea.centreId || !board.actorSits) throw new Forbidden('the centre’s board answers its citizens’ ideas', { role: p.role });
  if (board.actorRole === null) throw new Forbidden('the chair, vice-chair or secretary records the board’s answer', { ideaId: idea.ideaId });
  if (!board.resolution || board.resolution.resolutionId !== resolutionId) throw new NotFound('resolution_not_found', 'no such resolution of this board', { resolutionId });
  if (board.resolution.status !== 'adopted') throw new RuleViolation('resolution_not_adopted', `the resolution is ${board.resolution.status}: an answer rests on an adopted resolution`, { resolutionId });
  const supports = idea.supporters.length;
  const base = { ideaId: idea.ideaId, centreId: idea.centreId, budgetId: idea.budgetId, resolutionId, supports };
  return match(c.data.answer)
    .with({ kind: 'taken_in' }, ({ lineId }): IdeaEvent[] => {
      if (!budget || budget.budgetId !== idea.budgetId || !budget.activeLineIds.includes(lineId)) throw new InvalidValue('answer.lineId', 'a line of the idea’s development budget');
      return [{ type: 'IdeaAnswered', data: { ...base, answer: 'taken_in', lineId, reason: null } }];
    })
    .with({ kind: 'not_taken_in' }, ({ reason }): IdeaEvent[] => [
      // The board's words to its citizens: never words of coercion (DOMAIN.md), as staff's are not.
      { type: 'IdeaAnswered', data: { ...base, answer: 'not_taken_in', lineId: null, reason: noCoercion('answer.reason', tidyParagraphs(reason, 'answer.reason', REASON_MAX, 'say why the idea was not taken in')) } },
    ])
    .exhaustive();
}

/** A proposed idea still open: a withdrawn or answered one never changes again. */
function open(state: Idea, ideaId: string): OpenIdea {
  if (state.status === 'none') throw new NotFound('idea_not_found', 'no such idea', { ideaId });
  if (state.status === 'withdrawn') throw new Conflict('idea_withdrawn', 'the idea was withdrawn', { ideaId });
  if (state.status === 'answered') throw new Conflict('idea_answered', 'the board has answered the idea; its supports are as they were then', { ideaId });
  return state;
}

/** Text that keeps its paragraphs: each line tidied, not empty, at most `max` characters in all. */
function tidyParagraphs(raw: string, field: string, max: number, whenEmpty: string): string {
  const text = String(raw)
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length === 0) throw new InvalidValue(field, whenEmpty);
  if (text.length > max) throw new InvalidValue(field, `at most ${max} characters`);
  return text;
}

export const ideaDecider: Decider<Idea, IdeaCommand, IdeaEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => ideaStreamId(command.data.ideaId),
  schemaVersions: IDEA_EVENT_SCHEMA_VERSIONS,
  centreOf: (state, command) => (command.type === 'ProposeIdea' ? command.data.centreId : state.status === 'none' ? undefined : state.centreId),
  // The idea's words are its proposer's: only ProposeIdea carries personal fields, and only a
  // citizen (whose principal id is their citizen id, the subject an erasure names) proposes.
  personal: { fields: IDEA_PERSONAL_FIELDS, subjectOf: (command) => command.principal.id },
};
