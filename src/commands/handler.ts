import { newId } from '../ids.js';
import { WrongExpectedVersionError } from '../eventstore/errors.js';
import type { EventStore, NewEvent, RecordedCommand } from '../eventstore/port.js';
import type { CommandEnvelope, Decider, DomainEvent } from '../domain/shared/decider.js';
import { Conflict, DomainError, RuleViolation } from '../domain/shared/errors.js';
import type { Vault } from '../privacy/vault.js';

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
  vault?: Vault;
}

/**
 * The one command pipeline: load the stream, fold `evolve`, `decide`, append with the expected
 * version and the command id. A conflict re-decides on fresh state a bounded number of times.
 */
export class CommandHandler {
  private readonly maxAttempts: number;
  private readonly newEventId: () => string;
  private readonly vault: Vault | undefined;

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

      const centreId = decider.centreOf?.(state, command) ?? command.principal.centreId;
      const sealed = await sealPersonal(this.vault, decider, command, decided);
      const events: NewEvent[] = decided.map((event, i) => ({
        eventId: this.newEventId(),
        type: event.type,
        schemaVersion: decider.schemaVersions[event.type as Event['type']],
        data: sealed[i],
        metadata: {
          actor: { id: command.principal.id, role: command.principal.role },
          ...(centreId ? { centreId } : {}),
          correlationId: context.correlationId ?? context.commandId,
          causationId: context.causationId ?? context.commandId,
          commandId: context.commandId,
          occurredAt: command.now,
        },
      }));
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
}

// Personal fields never reach the store in the clear: seal them under their owner's key.
async function sealPersonal<State, Command, Event extends DomainEvent>(
  vault: Vault | undefined,
  decider: Decider<State, Command, Event>,
  command: Command,
  events: Event[],
): Promise<unknown[]> {
  const personal = decider.personal;
  if (!personal) return events.map((e) => e.data);
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
