import { derivedId, newId } from '../ids.js';
import { WrongExpectedVersionError } from '../eventstore/errors.js';
import type { EventStore, NewEvent, RecordedCommand, StreamAppend } from '../eventstore/port.js';
import type { CommandEnvelope, Decider, DomainEvent } from '../domain/shared/decider.js';
import { Conflict, DomainError, RuleViolation } from '../domain/shared/errors.js';
import type { PersonalData } from '../privacy/sealed.js';

/** A stream folded through a decider's `evolve`: the state commands are decided on, and its version. */
export async function loadState<State, Event extends DomainEvent>(
  store: EventStore,
  decider: Pick<Decider<State, never, Event>, 'evolve' | 'initialState'>,
  streamId: string,
): Promise<{ state: State; version: number }> {
  const recorded = await store.readStream(streamId);
  const state = recorded.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), decider.initialState);
  return { state, version: recorded.at(-1)?.streamVersion ?? 0 };
}

/** One command of a process, for the stream its decider names. */
export interface ProcessStep<State = any, Command extends CommandEnvelope = any, Event extends DomainEvent = any> {
  decider: Decider<State, Command, Event>;
  command: Command;
}

/**
 * How a process loads a stream. `check`: the decision depends on the stream as read, so if the
 * process appends nothing to it, its version is checked when the others are appended (a stream
 * that changed in between refuses the append, and the process is decided again on fresh state).
 */
export interface LoadOptions {
  check?: boolean;
}

/** A process reads the states it needs through this: each stream is read once per attempt. */
export type StateLoader = <State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'evolve' | 'initialState'>,
  streamId: string,
  options?: LoadOptions,
) => Promise<State>;

/** Where a command sits in its causal chain; the command id makes it idempotent. */
export interface CommandContext {
  commandId: string;
  correlationId?: string;
  causationId?: string;
  /** A digest of the request; a command id sent again with another request is refused. */
  fingerprint?: string;
}

export interface CommandResult {
  streamId: string;
  /** The stream's version after the command (0 if it has no events). */
  version: number;
  /** What this command appended; empty when it changed nothing or was a retry. */
  events: { type: string; eventId: string }[];
  /** True when the command id had been handled before: its first result is returned. */
  duplicate: boolean;
  positions: { first: number; last: number } | null;
}

export interface CommandHandlerOptions {
  /** Re-decisions on fresh state after a version conflict, before answering 409. */
  maxAttempts?: number;
  newEventId?: () => string;
  /** Seals personal fields; a decider that declares personal fields is refused without it. */
  vault?: PersonalData;
}

/**
 * The one command pipeline: load the stream, fold `evolve`, `decide`, append with the expected
 * version and the command id. A conflict re-decides on fresh state a bounded number of times.
 */
export class CommandHandler {
  private readonly maxAttempts: number;
  private readonly newEventId: () => string;
  private readonly vault: PersonalData | undefined;

  constructor(
    private readonly store: EventStore,
    options: CommandHandlerOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.newEventId = options.newEventId ?? newId;
    this.vault = options.vault;
  }

  async handle<State, Command extends CommandEnvelope, Event extends DomainEvent>(
    decider: Decider<State, Command, Event>,
    command: Command,
    context: CommandContext,
  ): Promise<CommandResult> {
    // A retry of a command that already went through gets its first answer, not a new decision.
    const earlier = await this.store.findCommand(context.commandId);
    if (earlier) return sameCommand(earlier, command.principal.id, context);

    const streamId = decider.streamId(command);
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await loadState(this.store, decider, streamId);
      let decided: Event[];
      try {
        decided = decider.decide(command, state);
      } catch (error) {
        // A twin of this command may have committed between our look-up and our read: the
        // refusal then answers a command that already went through.
        const twin = error instanceof DomainError ? await this.store.findCommand(context.commandId) : null;
        if (twin) return sameCommand(twin, command.principal.id, context);
        throw error;
      }
      if (decided.length === 0) return { streamId, version, events: [], duplicate: false, positions: null };

      const events = await this.toNewEvents(decider, command, state, decided, context, context.commandId);
      try {
        const result = await this.store.append(streamId, events, {
          expectedVersion: version,
          commandId: context.commandId,
          commandActorId: command.principal.id,
          ...(context.fingerprint ? { commandFingerprint: context.fingerprint } : {}),
        });
        if (result.duplicate) {
          const first = await this.store.findCommand(context.commandId);
          if (first) return sameCommand(first, command.principal.id, context);
        }
        return {
          streamId,
          version: result.nextExpectedVersion,
          events: events.map((e) => ({ type: e.type, eventId: e.eventId })),
          duplicate: false,
          positions: { first: result.firstPosition, last: result.lastPosition },
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= this.maxAttempts) {
          throw new Conflict('concurrency_conflict', 'the stream kept changing while the command was decided; try again', {
            streamId,
            attempts: attempt,
          });
        }
        // Spread the retries of racing writers so they do not collide again in lockstep.
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    }
  }

  /** Decided events as they are stored: personal fields sealed, with who, where, why and when. */
  private toNewEvents<State, Command extends CommandEnvelope, Event extends DomainEvent>(
    decider: Decider<State, Command, Event>,
    command: Command,
    before: State,
    decided: Event[],
    context: CommandContext,
    commandId: string,
  ): Promise<NewEvent[]> {
    return storedEvents({ vault: this.vault, newEventId: this.newEventId }, decider, command, before, decided, context, commandId);
  }

  /**
   * A process over several streams (a calendar time and a journey): `plan` reads the states it
   * needs and returns the commands; every command is decided (in order, each on the state its
   * stream has after the ones before) before anything is written, and then all streams are
   * appended together or not at all. A refusal anywhere writes nothing. The first stream that
   * changes takes the request's command id; the others derive theirs from it, so a retry answers
   * the same and records nothing new.
   */
  async handleTogether(context: CommandContext, actorId: string, plan: (load: StateLoader) => Promise<ProcessStep[]>): Promise<ProcessResult> {
    const earlier = await this.store.findCommand(context.commandId);
    if (earlier) return { ...sameCommand(earlier, actorId, context), streams: {} };
    for (let attempt = 1; ; attempt++) {
      const streams = new Map<string, { state: unknown; version: number; check: boolean; changes: { step: ProcessStep; before: unknown; events: DomainEvent[] }[] }>();
      const load: StateLoader = async (decider, streamId, options) => {
        const known = streams.get(streamId);
        if (known) {
          if (options?.check) known.check = true;
          return known.state as never;
        }
        const { state, version } = await loadState(this.store, decider, streamId);
        streams.set(streamId, { state, version, check: options?.check === true, changes: [] });
        return state;
      };
      let steps: ProcessStep[];
      try {
        steps = await plan(load);
        for (const step of steps) {
          const streamId = step.decider.streamId(step.command);
          await load(step.decider, streamId);
          const entry = streams.get(streamId)!;
          const events = step.decider.decide(step.command, entry.state);
          entry.changes.push({ step, before: entry.state, events });
          entry.state = events.reduce((s, e) => step.decider.evolve(s, e), entry.state);
        }
      } catch (error) {
        const twin = error instanceof DomainError ? await this.store.findCommand(context.commandId) : null;
        if (twin) return { ...sameCommand(twin, actorId, context), streams: {} };
        throw error;
      }
      const changed = [...streams.entries()].filter(([, entry]) => entry.changes.some((c) => c.events.length > 0));
      if (changed.length === 0) {
        // Nothing to append, so nothing to check: the answer names the first stream decided on (a checked one only when there is no other).
        const [streamId, entry] = [...streams.entries()].find(([, e]) => !e.check) ?? [...streams.entries()][0] ?? ['', { version: 0 }];
        return { streamId, version: entry.version, events: [], duplicate: false, positions: null, streams: {} };
      }
      const parts: StreamAppend[] = [];
      for (const [i, [streamId, entry]] of changed.entries()) {
        const commandId = i === 0 ? context.commandId : derivedId(context.commandId, streamId);
        const events: NewEvent[] = [];
        for (const { step, before, events: decided } of entry.changes) events.push(...(await this.toNewEvents(step.decider, step.command, before, decided, context, commandId)));
        parts.push({
          streamId,
          events,
          options: { expectedVersion: entry.version, commandId, commandActorId: actorId, ...(context.fingerprint ? { commandFingerprint: context.fingerprint } : {}) },
        });
      }
      const checks = [...streams.entries()].filter(([, entry]) => entry.check && !entry.changes.some((c) => c.events.length > 0)).map(([streamId, entry]) => ({ streamId, expectedVersion: entry.version }));
      try {
        // A checked stream that changed since it was read refuses the append as a part's conflict does: decided again below.
        const results = await this.store.appendTogether(parts, checks);
        if (results[0]!.duplicate) {
          const first = await this.store.findCommand(context.commandId);
          if (first) return { ...sameCommand(first, actorId, context), streams: {} };
        }
        const each = Object.fromEntries(
          parts.map((part, i) => [
            part.streamId,
            {
              streamId: part.streamId,
              version: results[i]!.nextExpectedVersion,
              events: part.events.map((e) => ({ type: e.type, eventId: e.eventId })),
              duplicate: results[i]!.duplicate,
              positions: { first: results[i]!.firstPosition, last: results[i]!.lastPosition },
            },
          ]),
        );
        return { ...each[parts[0]!.streamId]!, streams: each };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= this.maxAttempts) {
          throw new Conflict('concurrency_conflict', 'the streams kept changing while the command was decided; try again', { streamId: parts[0]!.streamId, attempts: attempt });
        }
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    }
  }
}

export interface ProcessResult extends CommandResult {
  /** What each stream's part wrote, by stream id. */
  streams: Record<string, CommandResult>;
}

/**
 * Decided events as they are stored: personal fields sealed, with who, where, why and when. The
 * one place this is done: the command handler and the batch writer (src/commands/batch.ts) both
 * build their events here.
 */
export async function storedEvents<State, Command extends CommandEnvelope, Event extends DomainEvent>(
  how: { vault: PersonalData | undefined; newEventId: () => string },
  decider: Decider<State, Command, Event>,
  command: Command,
  before: State,
  decided: Event[],
  context: Pick<CommandContext, 'correlationId' | 'causationId' | 'commandId'>,
  commandId: string,
): Promise<NewEvent[]> {
  const centreId = decider.centreOf?.(before, command) ?? command.principal.centreId;
  const sealed = await sealPersonal(how.vault, decider, command, decided);
  return decided.map((event, i) => ({
    eventId: how.newEventId(),
    type: event.type,
    schemaVersion: decider.schemaVersions[event.type as Event['type']],
    data: sealed[i],
    metadata: {
      actor: { id: command.principal.id, role: command.principal.role },
      ...(centreId ? { centreId } : {}),
      correlationId: context.correlationId ?? context.commandId,
      causationId: context.causationId ?? context.commandId,
      commandId,
      occurredAt: command.now,
    },
  }));
}

// Personal fields never reach the store in the clear: seal them under their owner's key.
async function sealPersonal<State, Command, Event extends DomainEvent>(
  vault: PersonalData | undefined,
  decider: Decider<State, Command, Event>,
  command: Command,
  events: Event[],
): Promise<unknown[]> {
  const personal = decider.personal;
  // Only events that carry personal fields need the vault (a board's names do; its votes do not).
  if (!personal || events.every((e) => (personal.fields[e.type as Event['type']] ?? []).length === 0)) return events.map((e) => e.data);
  if (!vault) throw new Error('this command records personal data and no vault is configured');
  const subject = personal.subjectOf(command);
  return Promise.all(
    events.map((e) => vault.sealFields(subject, e.data as Record<string, unknown>, personal.fields[e.type as Event['type']] ?? [])),
  );
}

/**
 * A command id seen before answers with its first result, but only to the same sender with the
 * same request: anyone else reusing the id learns nothing and changes nothing.
 */
function sameCommand(earlier: RecordedCommand, actorId: string, context: CommandContext): CommandResult {
  const otherSender = earlier.actorId !== null && earlier.actorId !== actorId;
  const otherRequest = earlier.fingerprint !== null && context.fingerprint !== undefined && earlier.fingerprint !== context.fingerprint;
  if (otherSender || otherRequest) {
    throw new RuleViolation('idempotency_key_reused', 'this Idempotency-Key was already used for another request; send a new one');
  }
  return fromEarlier(earlier);
}

function fromEarlier(earlier: { streamId: string; nextExpectedVersion: number; firstPosition: number; lastPosition: number }): CommandResult {
  return {
    streamId: earlier.streamId,
    version: earlier.nextExpectedVersion,
    events: [],
    duplicate: true,
    positions: { first: earlier.firstPosition, last: earlier.lastPosition },
  };
}
