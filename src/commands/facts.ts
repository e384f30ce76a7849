/**
 * Facts a decider needs from elsewhere, read at the edge of the command path and passed in with
 * the command: whether a centre exists, whether a board member holds a seat on its board, and a
 * centre's in-person opening hours.
 */
import { boardStreamId, seatOf } from '../domain/board/board.js';
import { boardDecider } from '../domain/board/decide.js';
import { centreStreamId, type OpeningHours } from '../domain/centre/centre.js';
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
}

/** The facts: existence and seats from the streams they live in, opening hours from the centres' read model. */
export function commandFacts(store: EventStore, openingHoursOf: Facts['openingHoursOf']): Facts {
  return { centreKnown: (centreId) => centreKnown(store, centreId), sitsOnBoard: (centreId, principal) => sitsOnBoard(store, centreId, principal), openingHoursOf };
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
