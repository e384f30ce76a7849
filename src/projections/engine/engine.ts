/**
 * The runner: keeps every active and building build up to date from the log (on every append
 * wake-up, and by polling), switches finished builds in, reports lag, and isolates a failing
 * projection from the others. Builds and switching are in builds.ts and switching.ts; one batch
 * is in batch.ts.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { errorCode } from '../../errors.js';
import { compareCheckpoints, type EventStore, type LogCheckpoint, type RecordedEvent, type TransactionalLog } from '../../eventstore/port.js';
import { applyBatch, type BatchContext, type BatchOutcome, isolateFailure, readShared, type SharedRead, takeShared, typesFor } from './batch.js';
import { buildCheckpoint, type BuildRow, type BuildStatus, clearBuildFailure, liveBuilds, recordBuildFailure, unretiredBuilds } from './builds.js';
import type { Projection } from './projection.js';
import { ensureBuild, startRebuild, trySwitch } from './switching.js';

export type { BuildStatus } from './builds.js';

const checkpointKey = (c: LogCheckpoint) => `${c.transactionId}:${c.globalPosition}`;

/** One build of one version of a read model, as `projections status` shows it. */
export interface BuildInfo {
  name: string;
  version: number;
  build: number;
  schema: string;
  status: BuildStatus;
  mode: Projection['mode'] | 'unknown';
  checkpoint: LogCheckpoint;
  eventsApplied: number;
  /** Events in the log after the checkpoint (of every type). Inline builds are never behind. */
  lag: number;
  failure: { position: number; eventId: string; eventType: string; error: string; since: Date } | null;
}

export interface EngineOptions {
  batchSize?: number;
  /** Fallback polling when no wake-up arrives. */
  pollMs?: number;
  /** First wait before a failed projection is tried again; doubles up to a minute. */
  retryMs?: number;
  /** How many builds take a batch at the same time (each holds a connection meanwhile). */
  parallel?: number;
  logger?: Logger;
}

/**
 * Runs read models: keeps every active and building build up to date from the log, switches a
 * finished build in atomically (blue/green), and isolates a failing projection from the others.
 * It reads the log through the store's port only: the store that appends, so local appends wake
 * it at once.
 */
export class ProjectionEngine {
  private readonly byKey = new Map<string, Projection>();
  private readonly batch: BatchContext;
  private readonly pollMs: number;
  private readonly retryMs: number;
  private readonly parallel: number;
  private readonly logger: Logger | undefined;
  private readonly retryAt = new Map<string, { at: number; wait: number }>();
  /** Pages read ahead, by the checkpoint their batches start at (see `readShared`). */
  private readonly readAhead = new Map<string, SharedRead>();
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private pendingWake = false;

  constructor(
    /** The database the builds live in: the store's own (a `Database` from src/database). */
    private readonly database: { db: Kysely<any> },
    private readonly store: EventStore & TransactionalLog,
    readonly projections: readonly Projection[],
    options: EngineOptions = {},
  ) {
    for (const p of projections) this.byKey.set(`${p.name}@${p.version}`, p);
    this.batch = { db: database.db, log: store, batchSize: options.batchSize ?? 5000 };
    this.pollMs = options.pollMs ?? 1000;
    this.retryMs = options.retryMs ?? 2000;
    this.parallel = Math.max(1, options.parallel ?? 2);
    this.logger = options.logger;
  }

  /**
   * Makes sure every registered projection has a build: the first build of a read model is
   * active at once (there is nothing older to serve); a new version builds beside the old one.
   */
  async ensureBuilds(): Promise<void> {
    const firsts: string[] = [];
    for (const projection of this.projections) if ((await ensureBuild(this.database.db, projection)).first) firsts.push(projection.name);
    // An inline read model is read right after the append that changes it, so it is live before
    // anything is served: a new build (a new read model, or a new version) catches up here. So
    // does the first build of a new async read model, which would otherwise serve a partial
    // fill as if it were the whole (a new version keeps the old one serving meanwhile).
    // A build that stops at a failing event stops the start at once, naming it, rather than
    // leaving the server silent while it waits.
    const inline = this.projections.filter((p) => p.mode === 'inline').map((p) => p.name);
    if (inline.length > 0) await this.settle({ names: inline, timeoutMs: 10 * 60_000, failFast: true });
    // An async read model that fails stops alone, as it would later (it retries in the background).
    const asyncFirsts = firsts.filter((name) => !inline.includes(name));
    if (asyncFirsts.length > 0) {
      await this.settle({ names: asyncFirsts, timeoutMs: 10 * 60_000, failFast: true }).catch((error: unknown) =>
        this.logger?.warn({ err: { type: errorCode(error) }, readModels: asyncFirsts }, 'a new read model serves before its first fill finished'),
      );
    }
  }

  /** Starts a fresh build of a projection's current version beside the active one. */
  async startRebuild(name: string): Promise<{ schema: string; build: number }> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`no projection named ${name}`);
    return startRebuild(this.database.db, projection);
  }

  /** Runs every build until none has work left. Returns how many events were applied. */
  async catchUp(): Promise<number> {
    let applied = 0;
    for (;;) {
      let progress = false;
      const live = await liveBuilds(this.database.db);
      const stepping: { row: BuildRow; projection: Projection }[] = [];
      for (const row of live) {
        const projection = this.byKey.get(`${row.name}@${row.version}`);
        if (!projection) continue;
        if (projection.mode === 'inline' && row.status === 'active') continue;
        const retry = this.retryAt.get(row.schema_name);
        if (retry && retry.at > Date.now()) continue;
        stepping.push({ row, projection });
      }
      // Builds at the same checkpoint move together: each page is read once for all of them.
      const together = new Map<string, Projection[]>();
      for (const { row, projection } of stepping) {
        const at = checkpointKey(buildCheckpoint(row));
        together.set(at, [...(together.get(at) ?? []), projection]);
      }
      // Forget pages read ahead that no build starts its next batch at.
      for (const at of this.readAhead.keys()) if (!together.has(at)) this.readAhead.delete(at);
      // A few builds at a time, each in its own transaction: while one waits on the database,
      // another's batch is worked out here, and the server's cores share the writing.
      let next = 0;
      const worker = async () => {
        while (next < stepping.length && !this.stopping) {
          const { row, projection } = stepping[next++]!;
          const { outcome, count } = await this.step(projection, row, typesFor(together.get(checkpointKey(buildCheckpoint(row)))!));
          applied += count;
          if (outcome === 'progress') progress = true;
          if (outcome === 'idle' && row.status === 'building') {
            if (await trySwitch(this.batch, projection, row, this.logger)) progress = true;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.parallel, stepping.length) }, worker));
      if (!progress || this.stopping) return applied;
    }
  }

  /**
   * Catches up until the named read models (all by default) are active and have no event left
   * behind them. The horizon is cluster-wide: any transaction that writes anywhere on the server
   * holds it back, so one pass of `catchUp` may leave the newest events for later.
   */
  async settle(options: { names?: readonly string[]; timeoutMs?: number; failFast?: boolean } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 20_000);
    for (;;) {
      await this.catchUp();
      // Only builds of versions this code runs: another release's build is that release's to keep up.
      const builds = (await this.status()).filter((b) => b.mode !== 'unknown' && (!options.names || options.names.includes(b.name)));
      const behind = builds.filter((b) => b.lag > 0 || b.status !== 'active');
      if (behind.length === 0) return;
      const failed = options.failFast ? behind.find((b) => b.failure) : undefined;
      if (failed?.failure) {
        const f = failed.failure;
        throw new Error(
          `read model ${failed.name} v${failed.version} stops at event ${f.eventId} (${f.eventType}, position ${f.position}): ${f.error}; see \`virkelyst projections status\``,
        );
      }
      if (Date.now() > deadline) {
        throw new Error(`read models did not catch up: ${behind.map((b) => `${b.name} v${b.version} (${b.status}, lag ${b.lag})`).join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Runs in the background until `stop`: on every append wake-up, and every `pollMs`. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    const unsubscribe = this.store.onAppended(() => {
      this.pendingWake = true;
      this.wake?.();
    });
    this.running = (async () => {
      while (!this.stopping) {
        this.pendingWake = false;
        try {
          await this.catchUp();
        } catch (error) {
          // The database itself is unreachable or the registry broke: say so and try again.
          this.logger?.error({ err: { type: errorCode(error) } }, 'projection engine cycle failed');
        }
        if (this.stopping || this.pendingWake) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    })().finally(unsubscribe);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = null;
  }

  /** Every build that is not retired, with its checkpoint, lag and health. */
  async status(): Promise<BuildInfo[]> {
    const rows = await unretiredBuilds(this.database.db);
    const lags = await this.store.countAfter(rows.map(buildCheckpoint));
    return rows.map((row, i) => {
      const projection = this.byKey.get(`${row.name}@${row.version}`);
      const inlineActive = projection?.mode === 'inline' && row.status === 'active';
      return {
        name: row.name,
        version: row.version,
        build: row.build,
        schema: row.schema_name,
        status: row.status,
        mode: projection?.mode ?? 'unknown',
        checkpoint: buildCheckpoint(row),
        eventsApplied: Number(row.events_applied),
        lag: inlineActive ? 0 : (lags[i] ?? 0),
        failure:
          row.failed_position === null
            ? null
            : {
                position: Number(row.failed_position),
                eventId: row.failed_event_id ?? '',
                eventType: row.failed_event_type ?? '',
                error: row.failed_error ?? '',
                since: row.failed_since ?? new Date(0),
              },
      };
    });
  }

  /**
   * One batch of one build. While a batch is applied, the next page is read on another
   * connection, with the types of every build at the same checkpoint; it is used only if the
   * build's checkpoint is still where that read started.
   */
  private async step(projection: Projection, row: BuildRow, types: ReadonlySet<string> | undefined): Promise<{ outcome: BatchOutcome; count: number }> {
    const key = checkpointKey(buildCheckpoint(row));
    const ahead = this.readAhead.get(key);
    const prefetched = ahead ? await takeShared(ahead, projection) : null;
    // A read-ahead that came back with nothing new is of no further use: the next step reads afresh.
    if (ahead && prefetched && compareCheckpoints(prefetched.page.checkpoint, prefetched.after) <= 0 && this.readAhead.get(key) === ahead) this.readAhead.delete(key);
    const readNext = (next: LogCheckpoint) => {
      const at = checkpointKey(next);
      if (!this.readAhead.has(at)) this.readAhead.set(at, readShared(this.batch, next, types));
    };
    try {
      const result = await applyBatch(this.batch, projection, row.schema_name, prefetched, readNext);
      if (result.outcome === 'progress') await this.recovered(projection, row);
      return result;
    } catch {
      const { applied, failed } = await isolateFailure(this.batch, projection, row.schema_name);
      if (failed) await this.recordFailure(projection, row, failed.event, failed.error);
      return { outcome: 'failed', count: applied };
    }
  }

  private async recordFailure(projection: Projection, row: BuildRow, event: RecordedEvent, error: unknown): Promise<void> {
    const key = row.schema_name;
    const code = errorCode(error);
    const previous = this.retryAt.get(key);
    const wait = previous ? Math.min(previous.wait * 2, 60_000) : this.retryMs;
    this.retryAt.set(key, { at: Date.now() + wait, wait });
    // Position, type and id only: an event's data or the error's detail may hold personal data.
    this.logger?.error(
      {
        projection: projection.name,
        version: projection.version,
        build: row.build,
        position: event.globalPosition,
        transactionId: event.transactionId,
        eventType: event.type,
        eventId: event.eventId,
        error: code,
        retryInMs: wait,
      },
      'projection stopped at a failing event',
    );
    await recordBuildFailure(this.database.db, key, { position: event.globalPosition, eventId: event.eventId, eventType: event.type, error: code });
  }

  private async recovered(projection: Projection, row: BuildRow): Promise<void> {
    if (!this.retryAt.has(row.schema_name) && row.failed_position === null) return;
    this.retryAt.delete(row.schema_name);
    if (row.failed_position !== null) {
      this.logger?.info({ projection: projection.name, version: projection.version, build: row.build }, 'projection resumed');
      await clearBuildFailure(this.database.db, row.schema_name);
    }
  }
}
