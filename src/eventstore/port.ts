import type { Kysely, QueryExecutorProvider } from 'kysely';

/**
 * The event store port. Every adapter (PostgreSQL here, EventStoreDB later) must pass the
 * contract suite in test/eventstore-contract.ts.
 *
 * Positions and versions are plain numbers: 2^53 events is beyond any centre's lifetime.
 */

/** Who did it, and in which causal chain. Every event carries it. */
export interface EventMetadata {
  actor: { id: string; role: string };
  centreId?: string;
  correlationId: string;
  causationId: string;
  commandId: string;
  /** ISO-8601 with zone, as given by the command (the edge's clock). */
  occurredAt: string;
}

/** An event about to be appended. `eventId` is a UUIDv7 made at the edge. */
export interface NewEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

/** An event as stored. */
export interface RecordedEvent {
  globalPosition: number;
  transactionId: number;
  streamId: string;
  /** 1 for a stream's first event. */
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: Date;
}

/**
 * What the stream must look like for an append to go through.
 * - a number n: the stream has exactly n events (0 means it must not exist);
 * - `no_stream`: the stream must not exist;
 * - `stream_exists`: the stream must exist;
 * - `any`: no check.
 */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  /** A command id appended before returns its first result and appends nothing. */
  commandId?: string;
  /** Who sent the command and a fingerprint of the request, kept so a reused id can be told apart. */
  commandActorId?: string;
  commandFingerprint?: string;
}

export interface AppendResult {
  /** True when the command id had been appended before: nothing new was written. */
  duplicate: boolean;
  firstPosition: number;
  lastPosition: number;
  /** The stream's version after the append (its number of events). */
  nextExpectedVersion: number;
}

/**
 * A place in the log's read order. The order is (transactionId, globalPosition): a reader that
 * only reads transactions older than every running one never skips an event that commits late.
 */
export interface LogCheckpoint {
  transactionId: number;
  globalPosition: number;
}

export const LOG_START: LogCheckpoint = { transactionId: 0, globalPosition: 0 };

/** Orders two checkpoints in the log's read order: negative when `a` comes first, 0 when equal. */
export function compareCheckpoints(a: LogCheckpoint, b: LogCheckpoint): number {
  return a.transactionId - b.transactionId || a.globalPosition - b.globalPosition;
}

/** Where an event sits in the read order: a reader that has taken it in may checkpoint here. */
export const checkpointOf = (event: Pick<RecordedEvent, 'transactionId' | 'globalPosition'>): LogCheckpoint => ({
  transactionId: event.transactionId,
  globalPosition: event.globalPosition,
});

export interface ReadStreamOptions {
  direction?: 'forward' | 'backward';
  /** Inclusive. Forward reads default to 1, backward reads to the last event. */
  fromVersion?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events after this checkpoint. */
  after?: LogCheckpoint;
  maxCount?: number;
  /** Only these event types; the returned `checkpoint` still moves past the others. */
  types?: readonly string[];
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Where the next read should start: past every event that was considered. */
  checkpoint: LogCheckpoint;
}

/** What an append under a command id wrote; kept so that a retried command gets it back. */
export interface RecordedCommand extends AppendResult {
  streamId: string;
  actorId: string | null;
  fingerprint: string | null;
}

/** One stream's part of an append that spans streams. */
export interface StreamAppend {
  streamId: string;
  events: readonly NewEvent[];
  options: AppendOptions;
}

/**
 * A stream an append spanning streams depends on without writing to it: its version must still be
 * the one the decision was made on (0: the stream does not exist), or the append is refused with
 * the same WrongExpectedVersionError a part's conflict raises.
 */
export interface StreamCheck {
  streamId: string;
  expectedVersion: number;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several streams at once: every part goes through, or none does (a version
   * conflict or an error in any part leaves every stream as it was). Each part has its own
   * expected version and command id; results in the order given. `checks` name streams that must
   * still be at the version read, nothing appended to them: an adapter holds each still until the
   * append commits (PostgreSQL: a share lock on its row), so a concurrent append to one of them
   * either commits first and refuses this one, or waits for it.
   */
  appendTogether(parts: readonly StreamAppend[], checks?: readonly StreamCheck[]): Promise<AppendResult[]>;
  /**
   * What `appendTogether` does (every part or none, each with its expected version and command id,
   * results in the order given), sent as one statement: for writers with many parts at a time.
   */
  appendBatch(parts: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** The first append made under this command id, if any. */
  findCommand(commandId: string): Promise<RecordedCommand | null>;
  /** Which of these command ids have been appended under: one look-up for a batch of commands. */
  knownCommands(commandIds: readonly string[]): Promise<Set<string>>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events in log order after a checkpoint, never skipping one that commits later. */
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  /** Calls `listener` when new events may be readable. Returns an unsubscribe function. */
  onAppended(listener: () => void): () => void;
  close(): Promise<void>;
}

/** A page of the log read in its safe order. */
export interface LogPage extends ReadAllResult {
  /** The page was cut by its size, not by the read horizon or the end of the log: more may be waiting. */
  full: boolean;
}

export interface LogPageOptions extends ReadAllOptions {
  /**
   * Read past the horizon, up to everything committed. Only inside a transaction that holds the
   * appends off (`holdAppends`): then nothing can commit late.
   */
  pastHorizon?: boolean;
}

/**
 * The log as read inside a caller's own transaction on the store's database, so that what the
 * caller does with a page (a read model's rows and its checkpoint) commits together with the read.
 * A read takes only what lies below the horizon (transactions older than every running one), so
 * no event is skipped when transactions commit out of order. Read models keep their rows in the
 * same PostgreSQL as the log; an adapter over another store would feed them through an outbox
 * there.
 */
export interface TransactionalLog {
  /** Events after a checkpoint in checkpoint order, on `executor`: a transaction, or the pool. */
  readPage(executor: QueryExecutorProvider, options?: LogPageOptions): Promise<LogPage>;
  /**
   * Holds off every append until the transaction `trx` ends, giving up (an error) rather than
   * stall writers for long. Afterwards everything committed is final.
   */
  holdAppends(trx: QueryExecutorProvider): Promise<void>;
  /** How many events (of every type) lie after each checkpoint, in the order given. */
  countAfter(checkpoints: readonly LogCheckpoint[]): Promise<number[]>;
}

/**
 * Work that must commit or fail with an append: inline read models. The store asks `handles` of
 * the types it is about to append, and only when some type is handled does it run the append in a
 * transaction, read the events back as recorded and call `apply` there. Otherwise the append is
 * the one statement it always is.
 */
export interface InlineHook {
  handles(type: string): boolean;
  /** Runs in the append's transaction with the events as recorded (only those it handles). */
  apply(trx: Kysely<any>, events: readonly RecordedEvent[]): Promise<void>;
}
