import type { ExpectedVersion } from './port.js';

/** Base of the store's own errors; the API maps them like domain errors. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not at the expected version when the append ran. */
export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'wrong_expected_version';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's version when the append was refused; null when the stream does not exist. */
    readonly actual: number | null,
  ) {
    super(`stream ${streamId} was at version ${actual ?? 'none'}, expected ${String(expected)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** An event id that is already in the log (event ids are unique across streams). */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'duplicate_event_id';
  constructor(readonly streamId: string) {
    super(`an event id appended to ${streamId} is already in the log`);
    this.name = 'DuplicateEventIdError';
  }
}

export class InvalidAppendError extends EventStoreError {
  readonly code = 'invalid_append';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/** Text that PostgreSQL cannot store (a NUL character, a lone surrogate). A client's mistake. */
export class UnstorableTextError extends EventStoreError {
  readonly code = 'unstorable_text';
  constructor(readonly streamId: string) {
    super('the event holds text that cannot be stored (a NUL character or broken Unicode)');
    this.name = 'UnstorableTextError';
  }
}
