import { expect } from 'vitest';
import type { Decider, DomainEvent } from '../../src/domain/shared/decider.js';
import type { DomainError } from '../../src/domain/shared/errors.js';

/** given(events) / when(command) / then(events | error) for a decider. */
export function given<S, C, E extends DomainEvent>(decider: Decider<S, C, E>, history: E[] = []) {
  const state = history.reduce(decider.evolve, decider.initialState);
  return {
    when(command: C) {
      const run = () => decider.decide(command, state);
      return {
        then(expected: E[]) {
          expect(run()).toEqual(expected);
        },
        thenNothing() {
          expect(run()).toEqual([]);
        },
        thenError(kind: abstract new (...args: never[]) => DomainError, code?: string, details?: Record<string, unknown>) {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown, 'the command should have been refused').toBeInstanceOf(kind);
          if (code) expect((thrown as DomainError).code).toBe(code);
          if (details) expect((thrown as DomainError).details).toMatchObject(details);
        },
      };
    },
  };
}
