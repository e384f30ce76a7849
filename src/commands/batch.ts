/**
 * The command path for a writer that owns its streams: many commands decided on state held in
 * memory, their events built exactly as the command handler builds them (src/commands/handler.ts:
 * metadata, schema versions, sealing), and appended many streams per transaction, each part with
 * its expected version and its command id.
 *
 * For a generator that is the only writer of the fresh streams it makes (the demo, src/demo):
 * each stream's state is the fold of what this writer decided for it, so nothing is read back
 * from the store. A concurrent writer is still caught: every part carries the version this writer
 * expects, and the store refuses the whole transaction if a stream moved under it.
 *
 * Command ids make it idempotent and resumable: before a batch is written, the command ids the
 * store already holds are left out (their events are there from an earlier run), so the same
 * commands decided again append nothing, and a run cut off between two batches picks up exactly
 * where it stopped. The look-ups stop at the first batch of which the store holds nothing: a
 * writer whose runs decide the same commands in the same order (the demo's, from its seed) finds
 * an earlier run's commands only in a prefix of its own, so a fresh run looks up once.
 */
import { derivedId, newId } from '../ids.js';
import type { EventStore, NewEvent, StreamAppend } from '../eventstore/port.js';
import type { CommandEnvelope, Decider, DomainEvent } from '../domain/shared/decider.js';
import { DomainError } from '../domain/shared/errors.js';
import type { PersonalData } from '../privacy/sealed.js';
import { type ProcessStep, storedEvents } from './handler.js';

/** Seals personal data; `prepareKeys` (the vault's) makes many subjects' keys in one go. */
export type BatchVault = PersonalData & { prepareKeys?(subjectIds: readonly string[]): Promise<void> };

export interface BatchWriterOptions {
  vault?: BatchVault;
  newEventId?: () => string;
  /** Commands per transaction (each holds a lock on its command id until the commit). */
  commandsPerBatch?: number;
}

/** A command the deciders refused: the run stops and names it. */
export class CommandRefused extends Error {
  constructor(
    readonly commandType: string,
    readonly commandId: string,
    readonly refusal: DomainError,
  ) {
    super(`${commandType} (command ${commandId}) was refused: ${refusal.code}: ${refusal.message} ${JSON.stringify((refusal as { details?: unknown }).details ?? {})}`);
    this.name = 'CommandRefused';
  }
}

interface Decided {
  decider: Decider<any, any, any>;
  command: CommandEnvelope;
  before: unknown;
  events: DomainEvent[];
}

/** One command's part for one stream, not yet stored. */
interface PendingPart {
  streamId: string;
  commandId: string;
  expectedVersion: number;
  actorId: string;
  context: { commandId: string };
  decided: Decided[];
  eventCount: number;
}

export interface FlushResult {
  /** Parts (one command on one stream) written now, and the events they held. */
  written: number;
  events: number;
  /** Parts whose command id the store already held: written by an earlier run, left out. */
  skipped: number;
  skippedEvents: number;
}

export interface BatchTotals extends FlushResult {
  batches: number;
  /**
   * Where the time went, in ms: deciding in memory; looking up command ids; sealing and building
   * events; the appends (in flight while the next batch is decided and built); and how long
   * deciding waited for an append to finish.
   */
  ms: { decide: number; lookUp: number; build: number; append: number; wait: number };
}

export class BatchWriter {
  private readonly streams = new Map<string, { state: unknown; version: number }>();
  private pending: PendingPart[] = [];
  private pendingCommands = 0;
  private readonly vault: BatchVault | undefined;
  private readonly newEventId: () => string;
  private readonly commandsPerBatch: number;
  readonly totals: BatchTotals = { written: 0, events: 0, skipped: 0, skippedEvents: 0, batches: 0, ms: { decide: 0, lookUp: 0, build: 0, append: 0, wait: 0 } };

  constructor(
    private readonly store: EventStore,
    options: BatchWriterOptions = {},
  ) {
    this.vault = options.vault;
    this.newEventId = options.newEventId ?? newId;
    this.commandsPerBatch = options.commandsPerBatch ?? 500;
  }

  /** A stream's state as this writer decided it (the decider's initial state for a stream it has not written). */
  state<State>(decider: Pick<Decider<State, never, DomainEvent>, 'initialState'>, streamId: string): State {
    return (this.streams.get(streamId)?.state as State | undefined) ?? decider.initialState;
  }

  /** A stream's version as this writer decided it. */
  version(streamId: string): number {
    return this.streams.get(streamId)?.version ?? 0;
  }

  /** How many streams this writer has decided commands for. */
  get streamCount(): number {
    return this.streams.size;
  }

  /** Whether a batch is full and should be written before more is decided. */
  get full(): boolean {
    return this.pendingCommands >= this.commandsPerBatch;
  }

  /**
   * Decides one command on its stream's state in memory and queues what it decided. A refusal
   * throws CommandRefused naming the command. Returns the decided events.
   */
  decide<State, Command extends CommandEnvelope, Event extends DomainEvent>(decider: Decider<State, Command, Event>, command: Command, commandId: string): Event[] {
    return this.process(commandId, command.principal.id, [{ decider, command }]) as Event[];
  }

  /**
   * A process over several streams, as CommandHandler.handleTogether decides it: every step on the
   * state its stream has after the steps before, nothing queued if any step is refused; the first
   * stream that changes takes the command id, the others derive theirs from it.
   */
  process(commandId: string, actorId: string, steps: ProcessStep[]): DomainEvent[] {
    const began = performance.now();
    try {
      return this.decideSteps(commandId, actorId, steps);
    } finally {
      this.totals.ms.decide += performance.now() - began;
    }
  }

  private decideSteps(commandId: string, actorId: string, steps: ProcessStep[]): DomainEvent[] {
    const touched = new Map<string, { state: unknown; version: number; decided: Decided[] }>();
    const all: DomainEvent[] = [];
    for (const step of steps) {
      const streamId = step.decider.streamId(step.command);
      const entry = touched.get(streamId) ?? { state: this.state(step.decider, streamId), version: this.version(streamId), decided: [] as Decided[] };
      touched.set(streamId, entry);
      let events: DomainEvent[];
      try {
        events = step.decider.decide(step.command, entry.state);
      } catch (error) {
        if (error instanceof DomainError) throw new CommandRefused((step.command as { type?: string }).type ?? 'command', commandId, error);
        throw error;
      }
      if (events.length > 0) entry.decided.push({ decider: step.decider, command: step.command, before: entry.state, events });
      entry.state = events.reduce((s, e) => step.decider.evolve(s, e), entry.state);
      all.push(...events);
    }
    const changed = [...touched.entries()].filter(([, e]) => e.decided.length > 0);
    for (const [i, [streamId, entry]] of changed.entries()) {
      const eventCount = entry.decided.reduce((n, d) => n + d.events.length, 0);
      this.pending.push({
        streamId,
        commandId: i === 0 ? commandId : derivedId(commandId, streamId),
        expectedVersion: entry.version,
        actorId,
        context: { commandId },
        decided: entry.decided,
        eventCount,
      });
      this.streams.set(streamId, { state: entry.state, version: entry.version + eventCount });
    }
    if (changed.length > 0) this.pendingCommands++;
    return all;
  }

  /**
   * Writes what is queued in one transaction, and waits for it (and for any batch sent before):
   * the parts whose command ids the store already holds are left out; the rest are sealed, built
   * and appended together, or not at all.
   */
  async flush(): Promise<FlushResult> {
    await this.send();
    const last = this.inFlight;
    this.inFlight = null;
    return (await last) ?? { written: 0, events: 0, skipped: 0, skippedEvents: 0 };
  }

  /**
   * Sends what is queued as the next batch: its command ids looked up, its events sealed and
   * built, then appended without waiting for the append, so the database writes one batch while
   * the next is decided and built. One append at a time is in flight (the one before is waited
   * for before this one is sent, and its failure is thrown here), so batches commit in the order
   * they were decided.
   */
  async send(): Promise<void> {
    const parts = this.pending;
    this.pending = [];
    this.pendingCommands = 0;
    let prepared: Prepared;
    try {
      prepared = await this.prepare(parts);
    } finally {
      // The batch before is waited for even when this one failed: its failure, if any, is the first.
      const before = this.inFlight;
      this.inFlight = null;
      if (before) {
        const began = performance.now();
        await before;
        this.totals.ms.wait += performance.now() - began;
      }
    }
    const writing = this.append(prepared);
    // Its failure is thrown by the next send or flush; until then it must not count as unhandled.
    writing.catch(() => undefined);
    this.inFlight = writing;
  }

  private inFlight: Promise<FlushResult> | null = null;
  /**
   * Whether the store may hold commands of this writer's still to come. Batches commit whole and
   * in the order decided, and the same options decide the same commands in the same order, so
   * what an earlier run left is a prefix of this run's commands: once a batch's look-up finds
   * none of its command ids, no later batch's can be there, and the look-ups stop.
   */
  private mayHoldLater = true;

  /** Leaves out the parts an earlier run wrote; seals and builds the events of the others. */
  private async prepare(parts: PendingPart[]): Promise<Prepared> {
    const prepared: Prepared = { appends: [], result: { written: 0, events: 0, skipped: 0, skippedEvents: 0 } };
    if (parts.length === 0) return prepared;
    let t = performance.now();
    const lap = (what: keyof BatchTotals['ms']) => {
      const now = performance.now();
      this.totals.ms[what] += now - t;
      t = now;
    };
    let fresh = parts;
    if (this.mayHoldLater) {
      const known = await this.store.knownCommands(parts.map((p) => p.commandId));
      lap('lookUp');
      if (known.size === 0) this.mayHoldLater = false;
      fresh = parts.filter((p) => !known.has(p.commandId));
      const skipped = parts.filter((p) => known.has(p.commandId));
      prepared.result.skipped = skipped.length;
      prepared.result.skippedEvents = skipped.reduce((n, p) => n + p.eventCount, 0);
    }
    if (fresh.length === 0) return prepared;
    await this.vault?.prepareKeys?.(subjectsOf(fresh));
    const how = { vault: this.vault, newEventId: this.newEventId };
    for (const part of fresh) {
      const events: NewEvent[] = [];
      for (const d of part.decided) events.push(...(await storedEvents(how, d.decider, d.command, d.before, d.events, part.context, part.commandId)));
      prepared.appends.push({ streamId: part.streamId, events, options: { expectedVersion: part.expectedVersion, commandId: part.commandId, commandActorId: part.actorId } });
    }
    prepared.result.written = fresh.length;
    prepared.result.events = fresh.reduce((n, p) => n + p.eventCount, 0);
    lap('build');
    return prepared;
  }

  private async append({ appends, result }: Prepared): Promise<FlushResult> {
    if (appends.length > 0) {
      const began = performance.now();
      await this.store.appendBatch(appends);
      this.totals.ms.append += performance.now() - began;
      this.totals.batches++;
    }
    this.totals.written += result.written;
    this.totals.events += result.events;
    this.totals.skipped += result.skipped;
    this.totals.skippedEvents += result.skippedEvents;
    return result;
  }
}

/** A batch ready to append: its parts' events built, and what it will have written. */
interface Prepared {
  appends: StreamAppend[];
  result: FlushResult;
}

/** The data subjects whose personal fields these parts seal. */
function subjectsOf(parts: readonly PendingPart[]): string[] {
  const subjects = new Set<string>();
  for (const part of parts) {
    for (const d of part.decided) {
      const personal = d.decider.personal;
      if (!personal) continue;
      if (d.events.some((e) => (personal.fields[e.type] ?? []).length > 0)) subjects.add(personal.subjectOf(d.command));
    }
  }
  return [...subjects];
}
