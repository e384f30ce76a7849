/**
 * Citizens' ideas for the development budget, as the edge sends them: each command with the facts
 * its decider needs, read once from the streams they live in. Proposing and supporting are entries
 * of a citizen (src/commands/citizen-entry.ts): the journey is read with a check, so an erasure
 * committing in between refuses them. The board's answer reads the idea (for its centre and
 * budget), then the board (the actor's seat and office, the named resolution) and the budget (its
 * live lines).
 */
import { boardStreamId } from '../domain/board/board.js';
import { boardDecider, budgetFactOf } from '../domain/board/decide.js';
import { budgetStreamId } from '../domain/budget/budget.js';
import { budgetDecider } from '../domain/budget/decide.js';
import { type AnswerIdea, ideaBoardFactOf, ideaDecider } from '../domain/idea/decide.js';
import { ideaStreamId } from '../domain/idea/idea.js';
import type { Principal } from '../domain/shared/principal.js';
import type { EventStore } from '../eventstore/port.js';
import { enterAsCitizen } from './citizen-entry.js';
import { type CommandContext, type CommandHandler, type CommandResult, loadState } from './handler.js';

/** Who acts, and the edge's clock. */
export interface Actor {
  principal: Principal;
  now: string;
}

export interface IdeaCommands {
  propose(actor: Actor, data: { centreId: string; ideaId: string; budgetId: string; title: string; description: string }, context: CommandContext): Promise<CommandResult>;
  support(actor: Actor, ideaId: string, context: CommandContext): Promise<CommandResult>;
  withdrawSupport(actor: Actor, ideaId: string, context: CommandContext): Promise<CommandResult>;
  withdraw(actor: Actor, ideaId: string, context: CommandContext): Promise<CommandResult>;
  answer(actor: Actor, data: { ideaId: string; answer: AnswerIdea['data']['answer']; resolutionId: string }, context: CommandContext): Promise<CommandResult>;
}

export function ideaCommands(store: EventStore, handler: CommandHandler): IdeaCommands {
  const citizenId = (principal: Principal) => (principal.role === 'citizen' ? principal.id : null);
  return {
    async propose({ principal, now }, data, context) {
      const budget = budgetFactOf((await loadState(store, budgetDecider, budgetStreamId(data.budgetId))).state);
      return enterAsCitizen(handler, ideaDecider, citizenId(principal), (citizenErased) => ({ type: 'ProposeIdea' as const, principal, now, data: { ...data, budget, citizenErased } }), context, principal.id);
    },
    support: ({ principal, now }, ideaId, context) =>
      enterAsCitizen(handler, ideaDecider, citizenId(principal), (citizenErased) => ({ type: 'SupportIdea' as const, principal, now, data: { ideaId, citizenErased } }), context, principal.id),
    withdrawSupport: ({ principal, now }, ideaId, context) => handler.handle(ideaDecider, { type: 'WithdrawSupport', principal, now, data: { ideaId } }, context),
    withdraw: ({ principal, now }, ideaId, context) => handler.handle(ideaDecider, { type: 'WithdrawIdea', principal, now, data: { ideaId } }, context),
    async answer({ principal, now }, data, context) {
      const { state: idea } = await loadState(store, ideaDecider, ideaStreamId(data.ideaId));
      // No idea: its decider says so; no facts are needed for that.
      const board = idea.status === 'none' ? null : ideaBoardFactOf((await loadState(store, boardDecider, boardStreamId(idea.centreId))).state, principal, data.resolutionId);
      const budget = idea.status === 'none' || data.answer.kind !== 'taken_in' ? null : budgetFactOf((await loadState(store, budgetDecider, budgetStreamId(idea.budgetId))).state);
      return handler.handle(ideaDecider, { type: 'AnswerIdea', principal, now, data: { ...data, board, budget } }, context);
    },
  };
}
