import type { Principal } from './principal.js';

/** A domain event before it is stored: its type and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** What every command brings from the edge: the clock, the actor. New ids live in the command. */
export interface CommandEnvelope {
  /** ISO-8601 with zone. */
  now: string;
  principal: Principal;
}

/**
 * A decider: `decide` turns a command and the current state into new events (or throws a
 * DomainError); `evolve` folds an event into the state. Both are pure.
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
  /** The stream a command belongs to. */
  streamId(command: Command): string;
  /** Each event type's schema version, as stored. */
  schemaVersions: Record<Event['type'], number>;
  /** The centre an event belongs to, for its metadata. */
  centreOf?(state: State, command: Command): string | undefined;
  /**
   * Personal data: which fields of each event type are personal, and whose they are. The command
   * pipeline seals those fields under that person's own key before anything is stored.
   */
  personal?: {
    fields: Record<Event['type'], readonly string[]>;
    subjectOf(command: Command): string;
  };
}
