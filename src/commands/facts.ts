/**
 * Facts a decider needs from elsewhere, read at the edge of the command path and passed in with
 * the command: whether a centre exists, whether a board member holds a seat on its board, a
 * centre's in-person opening hours, the budget a board resolution names, and for budget commands
 * the actor's seat and the resolution they name.
 */
import { boardStreamId, seatOf } from '../domain/board/board.js';
import { boardDecider, type BudgetFact } from '../domain/board/decide.js';
import { budgetStreamId } from '../domain/budget/budget.js';
import { budgetDecider, type ResolutionFact } from '../domain/budget/decide.js';
import { centreStreamId, type OpeningHours } from '../domain/centre/centre.js';
import { own } from '../domain/shared/checks.js';
import type { Principal } from '../domain/shared/principal.js';
import type { EventStore } from '../eventstore/port.js';
import { loadState } from './handler.js';

/** The facts routes gather for commands, without reaching the event store themselves. */
export interface Facts {
  /** Whether the centre was established. */
  centreKnown(centreId: string): Promise<boolean>;
  /** Whether a board member holds a seat on the centre's board now (false for every other role). */
  sitsOnBoard(centreId: string, principal: Principal | undefined): Promise<boolean>;
  /** The centre's in-person opening hours (null: none known). */
  openingHoursOf(centreId: string): Promise<OpeningHours | null>;
  /** The budget a board resolution names, as its stream holds it (null: no such budget). */
  budgetNamed(budgetId: string): Promise<BudgetFact | null>;
  /**
   * For a budget command: whether the acting board member sits on the budget's centre's board
   * now, and the resolution the command names (if any), each stream read once.
   */
  budgetStanding(principal: Principal | undefined, of: { budgetId: string } | { centreId: string }, resolutionId?: string): Promise<BudgetStanding>;
}

/** What a budget command needs from the board: the actor's seat, and the resolution it names. */
export interface BudgetStanding {
  actorSits: boolean;
  resolution: ResolutionFact | null;
}

/** The facts: existence and seats from the streams they live in, opening hours from the centres' read model. */
export function commandFacts(store: EventStore, openingHoursOf: Facts['openingHoursOf']): Facts {
  return {
    centreKnown: (centreId) => centreKnown(store, centreId),
    sitsOnBoard: (centreId, principal) => sitsOnBoard(store, centreId, principal),
    openingHoursOf,
    budgetNamed: (budgetId) => budgetNamed(store, budgetId),
    budgetStanding: (principal, of, resolutionId) => budgetStanding(store, principal, of, resolutionId),
  };
}

/** Whether the centre was established (its stream begins with CentreEstablished). */
async function centreKnown(store: EventStore, centreId: string): Promise<boolean> {
  const [first] = await store.readStream(centreStreamId(centreId), { maxCount: 1 });
  return first?.type === 'CentreEstablished';
}

/** Whether a board member holds a seat on the centre's board now (false for every other role). */
async function sitsOnBoard(store: EventStore, centreId: string, principal: Principal | undefined): Promise<boolean> {
  if (principal?.role !== 'board_member') return false;
  const { state } = await loadState(store, boardDecider, boardStreamId(centreId));
  return state.status === 'constituted' && seatOf(state, principal.id) !== undefined;
}

/** The budget a resolution names, from the budget's own stream: its centre, status, version, years and live lines. */
async function budgetNamed(store: EventStore, budgetId: string): Promise<BudgetFact | null> {
  const { state } = await loadState(store, budgetDecider, budgetStreamId(budgetId));
  if (state.status === 'none') return null;
  const activeLineIds = Object.values(state.lines).filter((l) => !l.withdrawn).map((l) => l.lineId);
  return { budgetId: state.budgetId, centreId: state.centreId, status: state.status, version: state.version, years: state.years, activeLineIds };
}

/**
 * The actor's seat and the named resolution, from the board's stream (the budget's stream first
 * when only the budget is known, for its centre). Neither is read when neither is asked about.
 */
async function budgetStanding(store: EventStore, principal: Principal | undefined, of: { budgetId: string } | { centreId: string }, resolutionId?: string): Promise<BudgetStanding> {
  if (principal?.role !== 'board_member' && !resolutionId) return { actorSits: false, resolution: null };
  let centreId = 'centreId' in of ? of.centreId : null;
  if (!centreId && 'budgetId' in of) {
    const { state: budget } = await loadState(store, budgetDecider, budgetStreamId(of.budgetId));
    centreId = budget.status === 'none' ? null : budget.centreId;
  }
  if (!centreId) return { actorSits: false, resolution: null };
  const { state: board } = await loadState(store, boardDecider, boardStreamId(centreId));
  if (board.status !== 'constituted') return { actorSits: false, resolution: null };
  const actorSits = principal?.role === 'board_member' && seatOf(board, principal.id) !== undefined;
  const found = resolutionId ? own(board.resolutions, resolutionId) : undefined;
  return { actorSits, resolution: found ? { resolutionId: found.resolutionId, centreId, status: found.status, subject: found.subject } : null };
}
