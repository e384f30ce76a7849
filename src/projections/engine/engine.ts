import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../database/connect.js';
import { errorCode } from '../../errors.js';
import { toNumber } from '../../database/connect.js';
import type { EventStore, LogCheckpoint, RecordedEvent } from '../../eventstore/port.js';
import { compareCheckpoints, readAllIn, type InlineHook } from '../../eventstore/postgres/store.js';
import { handlesType, type Projection, templateSchema, typesOf } from './projection.js';

const typesFilter = (p: Projection) => {
  const types = typesOf(p);
  return types ? { types } : {};
};

/**
 * The store hook that applies the inline projections in the append's own transaction, to the
 * active build, and only when that build is of this code's version (during a version change the
 * new build catches up from the log and goes live under the append gate).
 */
export function inlineProjectionsHook(projections: readonly Projection[]): InlineHook {
  const inline = projections.filter((p) => p.mode === 'inline');
  return async (trx, events) => {
    for (const projection of inline) {
      const handled = events.filter((e) => handlesType(projection, e.type));
      if (handled.length === 0) continue;
      const { rows } = await sql<{ version: number; schema_name: string }>`
        select version, schema_name from projection_builds where name = ${projection.name} and status = 'active'`.execute(trx);
      const active = rows[0];
      if (active?.version === projection.version) await projection.apply(trx, active.schema_name, handled);
    }
  };
}

/**
 * The advisory lock every append takes shared (in virkelyst_append) and an inline projection's
 * switch takes exclusively, to hold appends off without table privileges beyond INSERT.
 */
export const APPEND_GATE = 7_262_001;

export type BuildStatus = 'building' | 'active' | 'retired';

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
  logger?: Logger;
}

interface BuildRow {
  name: string;
  version: number;
  build: number;
  schema_name: string;
  status: BuildStatus;
  last_transaction_id: string;
  last_position: string;
  events_applied: string;
  failed_position: string | null;
  failed_event_id: string | null;
  failed_event_type: string | null;
  failed_error: string | null;
  failed_since: Date | null;
}

type BatchOutcome = 'idle' | 'progress' | 'failed' | 'busy';

/**
 * Runs read models: keeps every active and building build up to date from the log, switches a
 * finished build in atomically (blue/green), and isolates a failing projection from the others.
 */
export class ProjectionEngine {
  private readonly byKey = new Map<string, Projection>();
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly retryMs: number;
  private readonly retryAt = new Map<string, { at: number; wait: number }>();
  private readonly readAhead = new Map<string, Promise<{ after: LogCheckpoint; page: Awaited<ReturnType<typeof readAllIn>> } | null>>();
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private pendingWake = false;

  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
    readonly projections: readonly Projection[],
    options: EngineOptions = {},
  ) {
    for (const p of projections) this.byKey.set(`${p.name}@${p.version}`, p);
    this.batchSize = options.batchSize ?? 5000;
    this.pollMs = options.pollMs ?? 1000;
    this.retryMs = options.retryMs ?? 2000;
    this.logger = options.logger;
  }

  private readonly logger: Logger | undefined;

  /**
   * Makes sure every registered projection has a build: the first build of a read model is
   * active at once (there is nothing older to serve); a new version builds beside the old one.
   */
  async ensureBuilds(): Promise<void> {
    for (const projection of this.projections) {
      await this.database.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext('virkelyst:projection:' || ${projection.name}))`.execute(trx);
        const { rows } = await sql<{ version: number; status: BuildStatus }>`
          select version, status from projection_builds where name = ${projection.name} and status <> 'retired'`.execute(trx);
        if (rows.some((r) => r.version === projection.version)) return;
        const newer = rows.find((r) => r.status === 'active' && r.version > projection.version);
        if (newer) return; // an older release still running beside a newer one: leave it be
        // An async read model serves while it fills. An inline one must hold every event before
        // appends write to it, so it always fills first and goes live through a switch.
        const hasActive = rows.some((r) => r.status === 'active');
        await this.createBuild(trx, projection, hasActive || projection.mode === 'inline' ? 'building' : 'active');
      });
    }
  }

  /** Starts a fresh build of a projection's current version beside the active one. */
  async startRebuild(name: string): Promise<{ schema: string; build: number }> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`no projection named ${name}`);
    return this.database.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('virkelyst:projection:' || ${projection.name}))`.execute(trx);
      // A rebuild replaces any unfinished one; wait for a step of it to finish before dropping it.
      const { rows } = await sql<{ schema_name: string }>`
        select schema_name from projection_builds where name = ${name} and status = 'building'`.execute(trx);
      for (const r of rows) {
        // The build lock before its row, in the order steps take them.
        await sql`select pg_advisory_xact_lock(hashtext('virkelyst:build:' || ${r.schema_name}))`.execute(trx);
        await sql`update projection_builds set status = 'retired', retired_at = now() where schema_name = ${r.schema_name}`.execute(trx);
        await sql`drop schema if exists ${sql.id(r.schema_name)} cascade`.execute(trx);
      }
      return this.createBuild(trx, projection, 'building');
    });
  }

  private async createBuild(trx: Kysely<any>, projection: Projection, status: 'active' | 'building') {
    const template = templateSchema(projection);
    const { rows } = await sql<{ next: number }>`
      select coalesce(max(build), 0) + 1 as next from projection_builds
       where name = ${projection.name} and version = ${projection.version}`.execute(trx);
    const build = rows[0]!.next;
    const schema = `${template}_b${build}`;
    await sql`create schema ${sql.id(schema)}`.execute(trx);
    for (const table of projection.tables) {
      await sql`create table ${sql.id(schema, table)} (like ${sql.id(template, table)} including all)`.execute(trx);
    }
    await sql`insert into projection_builds (name, version, build, schema_name, status, activated_at)
              values (${projection.name}, ${projection.version}, ${build}, ${schema}, ${status},
                      ${status === 'active' ? sql`now()` : null})`.execute(trx);
    if (status === 'active') await this.pointViews(trx, projection, schema);
    return { schema, build };
  }

  private async pointViews(trx: Kysely<any>, projection: Projection, schema: string): Promise<void> {
    for (const table of projection.tables) {
      await sql`drop view if exists ${sql.id('rm', table)}`.execute(trx);
      await sql`create view ${sql.id('rm', table)} as select * from ${sql.id(schema, table)}`.execute(trx);
    }
  }

  /** Runs every build until none has work left. Returns how many events were applied. */
  async catchUp(): Promise<number> {
    let applied = 0;
    for (;;) {
      let progress = false;
      const live = await this.liveBuilds();
      // Forget read-ahead pages of builds that were retired meanwhile.
      for (const key of this.readAhead.keys()) if (!live.some((b) => b.schema_name === key)) this.readAhead.delete(key);
      for (const row of live) {
        const projection = this.byKey.get(`${row.name}@${row.version}`);
        if (!projection) continue;
        if (projection.mode === 'inline' && row.status === 'active') continue;
        const key = row.schema_name;
        const retry = this.retryAt.get(key);
        if (retry && retry.at > Date.now()) continue;
        const { outcome, count } = await this.step(projection, row);
        applied += count;
        if (outcome === 'progress') progress = true;
        if (outcome === 'idle' && row.status === 'building') {
          if (await this.trySwitch(projection, row)) progress = true;
        }
      }
      if (!progress || this.stopping) return applied;
    }
  }

  /**
   * Catches up until the named read models (all by default) are active and have no event left
   * behind them. The horizon is cluster-wide: any transaction that writes anywhere on the server
   * holds it back, so one pass of `catchUp` may leave the newest events for later.
   */
  async settle(options: { names?: readonly string[]; timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 20_000);
    for (;;) {
      await this.catchUp();
      const builds = (await this.status()).filter((b) => !options.names || options.names.includes(b.name));
      const behind = builds.filter((b) => b.lag > 0 || b.status !== 'active');
      if (behind.length === 0) return;
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
    const { rows } = await sql<BuildRow & { lag: string }>`
      select b.*, (select count(*) from events e
                    where (e.transaction_id, e.global_position) > (b.last_transaction_id, b.last_position)) as lag
        from projection_builds b where status <> 'retired' order by name, version, build`.execute(this.database.db);
    return rows.map((row) => {
      const projection = this.byKey.get(`${row.name}@${row.version}`);
      const inlineActive = projection?.mode === 'inline' && row.status === 'active';
      return {
        name: row.name,
        version: row.version,
        build: row.build,
        schema: row.schema_name,
        status: row.status,
        mode: projection?.mode ?? 'unknown',
        checkpoint: checkpointOf(row),
        eventsApplied: toNumber(row.events_applied),
        lag: inlineActive ? 0 : toNumber(row.lag),
        failure:
          row.failed_position === null
            ? null
            : {
                position: toNumber(row.failed_position),
                eventId: row.failed_event_id ?? '',
                eventType: row.failed_event_type ?? '',
                error: row.failed_error ?? '',
                since: row.failed_since ?? new Date(0),
              },
      };
    });
  }

  private async liveBuilds(): Promise<BuildRow[]> {
    const { rows } = await sql<BuildRow>`
      select * from projection_builds where status in ('active', 'building') order by name, version, build`.execute(this.database.db);
    return rows;
  }

  /**
   * One batch of one build: events, read-model change and checkpoint in one transaction. While a
   * batch is applied, the next one is read on another connection; it is used only if the build's
   * checkpoint is still where that read started.
   */
  private async step(projection: Projection, row: BuildRow): Promise<{ outcome: BatchOutcome; count: number }> {
    const key = row.schema_name;
    const ahead = this.readAhead.get(key);
    this.readAhead.delete(key);
    const prefetched = ahead ? await ahead : null;
    try {
      const result = await this.database.db.transaction().execute(async (trx) => {
        if (!(await this.lockBuild(trx, key))) return { outcome: 'busy' as const, count: 0 };
        const current = await this.currentCheckpoint(trx, key);
        if (!current) return { outcome: 'idle' as const, count: 0 }; // retired meanwhile
        const page =
          prefetched && compareCheckpoints(prefetched.after, current) === 0
            ? prefetched.page
            : await readAllIn(trx, { after: current, maxCount: this.batchSize, ...typesFilter(projection) });
        if (compareCheckpoints(page.checkpoint, current) <= 0) return { outcome: 'idle' as const, count: 0 };
        if (page.full) this.startReadAhead(key, projection, page.checkpoint);
        if (page.events.length > 0) await projection.apply(trx, key, page.events);
        await this.saveCheckpoint(trx, key, page.checkpoint, page.events.length);
        return { outcome: 'progress' as const, count: page.events.length };
      });
      if (result.outcome === 'progress') await this.recovered(projection, row);
      return result;
    } catch {
      this.readAhead.delete(key);
      return { outcome: 'failed', count: await this.isolateFailure(projection, row) };
    }
  }

  private startReadAhead(key: string, projection: Projection, after: LogCheckpoint): void {
    const read = readAllIn(this.database.db, { after, maxCount: this.batchSize, ...typesFilter(projection) })
      .then((page) => ({ after, page }))
      .catch(() => null); // a failed read-ahead is just read again in the transaction
    this.readAhead.set(key, read);
  }

  /**
   * A batch failed: apply its events one by one, each in its own transaction with its checkpoint,
   * so the good ones stay and the read model stops exactly before the failing event, which is
   * recorded and logged.
   */
  private async isolateFailure(projection: Projection, row: BuildRow): Promise<number> {
    const key = row.schema_name;
    const start = await this.currentCheckpoint(this.database.db, key);
    if (!start) return 0;
    const page = await readAllIn(this.database.db, { after: start, maxCount: this.batchSize, ...typesFilter(projection) });
    let expected = start;
    let applied = 0;
    const advance = async (events: RecordedEvent[], to: LogCheckpoint) =>
      this.database.db.transaction().execute(async (trx) => {
        if (!(await this.lockBuild(trx, key))) return false;
        const current = await this.currentCheckpoint(trx, key);
        if (!current || compareCheckpoints(current, expected) !== 0) return false; // someone else moved it
        if (events.length > 0) await projection.apply(trx, key, events);
        await this.saveCheckpoint(trx, key, to, events.length);
        return true;
      });
    for (const event of page.events) {
      const to = { transactionId: event.transactionId, globalPosition: event.globalPosition };
      try {
        if (!(await advance([event], to))) return applied;
      } catch (error) {
        await this.recordFailure(projection, row, event, error);
        return applied;
      }
      expected = to;
      applied++;
    }
    await advance([], page.checkpoint);
    return applied;
  }

  private async recordFailure(projection: Projection, row: BuildRow, event: RecordedEvent | undefined, error: unknown) {
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
        position: event?.globalPosition,
        transactionId: event?.transactionId,
        eventType: event?.type,
        eventId: event?.eventId,
        error: code,
        retryInMs: wait,
      },
      'projection stopped at a failing event',
    );
    await sql`update projection_builds
                 set failed_position = ${event?.globalPosition ?? null}, failed_event_id = ${event?.eventId ?? null},
                     failed_event_type = ${event?.type ?? null}, failed_error = ${code},
                     failed_since = coalesce(failed_since, now())
               where schema_name = ${key}`.execute(this.database.db);
  }

  private async recovered(projection: Projection, row: BuildRow): Promise<void> {
    if (!this.retryAt.has(row.schema_name) && row.failed_position === null) return;
    this.retryAt.delete(row.schema_name);
    if (row.failed_position !== null) {
      this.logger?.info({ projection: projection.name, version: projection.version, build: row.build }, 'projection resumed');
      await sql`update projection_builds set failed_position = null, failed_event_id = null, failed_event_type = null,
                       failed_error = null, failed_since = null where schema_name = ${row.schema_name}`.execute(this.database.db);
    }
  }

  /**
   * Switches a caught-up build in: the views move to it and the old build is dropped, in one
   * transaction. For an inline projection appends are held off meanwhile, so that no event lands
   * between the last catch-up and the switch.
   */
  private async trySwitch(projection: Projection, row: BuildRow): Promise<boolean> {
    return this.database.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('virkelyst:projection:' || ${projection.name}))`.execute(trx);
      // Re-read under the lock: another process may have switched this build in (or out) already.
      const { rows: live } = await sql<BuildRow>`
        select * from projection_builds where name = ${projection.name} and status in ('active', 'building')
         order by schema_name for update`.execute(trx);
      const self = live.find((b) => b.schema_name === row.schema_name);
      if (self?.status !== 'building') return false;
      const active = live.find((b) => b.status === 'active');
      if (active && active.version > row.version) return false;
      // Hold both builds' locks, always in the order steps take them (build lock first), so a
      // step of either build cannot be half-way through while we switch.
      if (!(await this.lockBuild(trx, row.schema_name))) return false;
      if (active && !(await this.lockBuild(trx, active.schema_name))) return false;
      let current = checkpointOf(self);
      if (projection.mode === 'inline') {
        // Hold off appends (they take this lock shared) so no event lands between the last
        // catch-up and the switch; give up rather than stall writers for long.
        await sql`set local lock_timeout = '5s'`.execute(trx);
        await sql`select pg_advisory_xact_lock(${APPEND_GATE})`.execute(trx);
        // No append can be in flight now, so everything committed is final: read without the horizon.
        for (;;) {
          const page = await readAllIn(trx, { after: current, maxCount: this.batchSize, ...typesFilter(projection), ignoreHorizon: true });
          if (compareCheckpoints(page.checkpoint, current) <= 0) break;
          if (page.events.length > 0) await projection.apply(trx, row.schema_name, page.events);
          await this.saveCheckpoint(trx, row.schema_name, page.checkpoint, page.events.length);
          current = page.checkpoint;
        }
      } else {
        // Close enough to switch when what is left fits in one batch: apply it here, so the
        // build goes live at the horizon. Further behind, the next cycles catch up first.
        const page = await readAllIn(trx, { after: current, maxCount: this.batchSize, ...typesFilter(projection) });
        if (page.full) return false;
        if (page.events.length > 0) await projection.apply(trx, row.schema_name, page.events);
        await this.saveCheckpoint(trx, row.schema_name, page.checkpoint, page.events.length);
      }
      if (active) {
        await sql`update projection_builds set status = 'retired', retired_at = now() where schema_name = ${active.schema_name}`.execute(trx);
      }
      await sql`update projection_builds set status = 'active', activated_at = now() where schema_name = ${row.schema_name}`.execute(trx);
      await this.pointViews(trx, projection, row.schema_name);
      if (active) await sql`drop schema if exists ${sql.id(active.schema_name)} cascade`.execute(trx);
      this.readAhead.delete(active?.schema_name ?? '');
      this.logger?.info({ projection: projection.name, version: projection.version, build: row.build }, 'projection build switched in');
      return true;
    });
  }

  private async lockBuild(trx: Kysely<any>, schema: string): Promise<boolean> {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_xact_lock(hashtext('virkelyst:build:' || ${schema})) as locked`.execute(trx);
    return rows[0]?.locked === true;
  }

  private async currentCheckpoint(trx: Kysely<any>, schema: string): Promise<LogCheckpoint | null> {
    const { rows } = await sql<BuildRow>`
      select * from projection_builds where schema_name = ${schema} and status in ('active', 'building')`.execute(trx);
    return rows[0] ? checkpointOf(rows[0]) : null;
  }

  private async saveCheckpoint(trx: Kysely<any>, schema: string, checkpoint: LogCheckpoint, applied: number): Promise<void> {
    await sql`update projection_builds
                 set last_transaction_id = ${String(checkpoint.transactionId)}::xid8, last_position = ${checkpoint.globalPosition},
                     events_applied = events_applied + ${applied}
               where schema_name = ${schema}`.execute(trx);
  }
}

function checkpointOf(row: Pick<BuildRow, 'last_transaction_id' | 'last_position'>): LogCheckpoint {
  return { transactionId: toNumber(row.last_transaction_id), globalPosition: toNumber(row.last_position) };
}
