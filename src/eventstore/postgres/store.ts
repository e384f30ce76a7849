import pg from 'pg';
import { type Kysely, type QueryExecutorProvider, sql } from 'kysely';
import type { Database } from '../../database/connect.js';
import { toNumber, typeParsers } from '../../database/connect.js';
import { DuplicateEventIdError, InvalidAppendError, UnstorableTextError, WrongExpectedVersionError } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  InlineHook,
  LogCheckpoint,
  LogPage,
  LogPageOptions,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedCommand,
  RecordedEvent,
  StreamAppend,
  StreamCheck,
  TransactionalLog,
} from '../port.js';
import { LOG_START } from '../port.js';

export const NOTIFY_CHANNEL = 'virkelyst_events';
const NOTIFY_DEBOUNCE_MS = 5;

/**
 * The advisory lock every append takes shared (in virkelyst_append, migration 0001) and
 * `holdAppends` takes exclusively, to hold appends off without table privileges beyond INSERT.
 */
const APPEND_GATE = 7_262_001;

export interface PostgresEventStoreOptions {
  inline?: readonly InlineHook[];
  /** Called when the background wake-up (NOTIFY/LISTEN) fails; it never fails an append. */
  onBackgroundError?: (error: unknown) => void;
}

const APPEND_SQL = `select duplicate, first_position, last_position, next_version, transaction_id
                      from virkelyst_append($1, $2, $3, $4, $5, $6, $7)`;

// recorded_at as epoch milliseconds: node-postgres's timestamp parser is slow on large reads.
const EVENT_COLUMNS = `global_position, transaction_id, stream_id, stream_version, event_id, event_type,
                       schema_version, data, metadata, (extract(epoch from recorded_at) * 1000)::float8 as recorded_at`;

interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: number;
}

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    globalPosition: toNumber(row.global_position),
    transactionId: toNumber(row.transaction_id),
    streamId: row.stream_id,
    streamVersion: toNumber(row.stream_version),
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: new Date(row.recorded_at),
  };
}

function expectedParams(expected: ExpectedVersion): [string, number | null] {
  if (typeof expected === 'number') {
    if (!Number.isSafeInteger(expected) || expected < 0) {
      throw new InvalidAppendError(`expected version must be a whole number ≥ 0, got ${expected}`);
    }
    return ['exact', expected];
  }
  return [expected, null];
}

/** The hooks that have work for an append of these events: none means no transaction around it. */
function hooksFor(inline: readonly InlineHook[], events: readonly Pick<NewEvent, 'type'>[]): InlineHook[] {
  return inline.filter((hook) => events.some((e) => hook.handles(e.type)));
}

/** The PostgreSQL adapter of the event store port, and of the log read in a caller's transaction. */
export class PostgresEventStore implements EventStore, TransactionalLog {
  private readonly listeners = new Set<() => void>();
  private signal: Promise<pg.Client> | null = null;
  private notifyTimer: NodeJS.Timeout | null = null;
  private notifyAgain = false;
  private closed = false;

  constructor(
    private readonly database: Database,
    private readonly options: PostgresEventStoreOptions = {},
  ) {}

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const params = appendParams(streamId, events, options);
    const inline = hooksFor(this.options.inline ?? [], events);
    let result: AppendResult;
    try {
      result =
        inline.length === 0
          ? toResult((await this.database.pool.query({ name: 'virkelyst_append', text: APPEND_SQL, values: params })).rows[0])
          : await this.appendWithInline(streamId, params, inline);
    } catch (error) {
      throw translate(error, streamId, options.expectedVersion);
    }
    if (!result.duplicate) this.announce();
    return result;
  }

  async appendTogether(parts: readonly StreamAppend[], checks: readonly StreamCheck[] = []): Promise<AppendResult[]> {
    if (parts.length === 0) throw new InvalidAppendError('an append needs at least one stream');
    for (const check of checks) expectedParams(check.expectedVersion);
    const prepared = parts.map((part) => ({ part, params: appendParams(part.streamId, part.events, part.options) }));
    const inline = this.options.inline ?? [];
    let current = prepared[0]!.part;
    let results: AppendResult[];
    try {
      results = await this.database.db.transaction().execute(async (trx) => {
        // The streams checked first, each row share-locked: an append to one waits for this
        // transaction, and one running now makes this read wait and then see its new version.
        for (const check of checks) await checkIn(trx, check);
        const out: AppendResult[] = [];
        for (const { part, params } of prepared) {
          current = part;
          out.push(await appendIn(trx, params, part.streamId, hooksFor(inline, part.events)));
        }
        return out;
      });
    } catch (error) {
      throw translate(error, current.streamId, current.options.expectedVersion);
    }
    if (results.some((r) => !r.duplicate)) this.announce();
    return results;
  }

  async appendBatch(parts: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (parts.length === 0) throw new InvalidAppendError('an append needs at least one stream');
    const payload = batchPayload(parts);
    const inline = hooksFor(this.options.inline ?? [], parts.flatMap((p) => p.events));
    // The parts in the order given: one call of virkelyst_append per part, each seeing the ones before.
    const statement = sql<AppendRow>`
      select r.duplicate, r.first_position, r.last_position, r.next_version, r.transaction_id
        from jsonb_array_elements(${payload}::jsonb) with ordinality as p(part, i)
       cross join lateral virkelyst_append(p.part->>'s', p.part->>'k', (p.part->>'v')::bigint, (p.part->>'c')::uuid, p.part->'e', p.part->>'a', p.part->>'f') r
       order by p.i`;
    let results: AppendResult[];
    try {
      results =
        inline.length === 0
          ? (await statement.execute(this.database.db)).rows.map(toResult)
          : await this.database.db.transaction().execute(async (trx) => {
              const out = (await statement.execute(trx)).rows.map(toResult);
              const types = [...new Set(parts.flatMap((p) => p.events.map((e) => e.type)))];
              const recorded = await sql<EventRow>`select ${sql.raw(EVENT_COLUMNS)} from events
                where transaction_id = pg_current_xact_id() and event_type = any(${types}::text[]) order by global_position`.execute(trx);
              const events = recorded.rows.map(toRecorded);
              for (const hook of inline) {
                const handled = events.filter((e) => hook.handles(e.type));
                if (handled.length > 0) await hook.apply(trx, handled);
              }
              return out;
            });
    } catch (error) {
      // The stream whose version did not hold is named in the refusal.
      const named = /for stream (.+)$/.exec(String((error as Error)?.message ?? ''))?.[1];
      const part = parts.find((p) => p.streamId === named) ?? parts[0]!;
      throw translate(error, part.streamId, part.options.expectedVersion);
    }
    if (results.some((r) => !r.duplicate)) this.announce();
    return results;
  }

  private async appendWithInline(streamId: string, params: unknown[], inline: readonly InlineHook[]): Promise<AppendResult> {
    return this.database.db.transaction().execute((trx) => appendIn(trx, params, streamId, inline));
  }

  async findCommand(commandId: string): Promise<RecordedCommand | null> {
    const { rows } = await this.database.pool.query<AppendRow & { stream_id: string; actor_id: string | null; fingerprint: string | null }>({
      name: 'virkelyst_find_command',
      text: `select true as duplicate, stream_id, actor_id, fingerprint, first_position, last_position, next_version, transaction_id
               from commands where command_id = $1 and last_position is not null`,
      values: [commandId],
    });
    const row = rows[0];
    return row ? { streamId: row.stream_id, actorId: row.actor_id, fingerprint: row.fingerprint, ...toResult(row) } : null;
  }

  async knownCommands(commandIds: readonly string[]): Promise<Set<string>> {
    if (commandIds.length === 0) return new Set();
    const { rows } = await this.database.pool.query<{ command_id: string }>({
      name: 'virkelyst_known_commands',
      text: `select command_id from commands where command_id = any($1::uuid[]) and last_position is not null`,
      values: [commandIds],
    });
    return new Set(rows.map((r) => r.command_id));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backward = options.direction === 'backward';
    const limit = options.maxCount ?? null;
    const from = options.fromVersion ?? null;
    const text = backward
      ? `select ${EVENT_COLUMNS} from events where stream_id = $1 and ($2::bigint is null or stream_version <= $2)
          order by stream_version desc limit $3`
      : `select ${EVENT_COLUMNS} from events where stream_id = $1 and ($2::bigint is null or stream_version >= $2)
          order by stream_version limit $3`;
    const { rows } = await this.database.pool.query<EventRow>({
      name: backward ? 'virkelyst_read_stream_back' : 'virkelyst_read_stream',
      text,
      values: [streamId, from, limit],
    });
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const { events, checkpoint } = await readLogPage(this.database.db, options);
    return { events, checkpoint };
  }

  readPage(executor: QueryExecutorProvider, options: LogPageOptions = {}): Promise<LogPage> {
    return readLogPage(executor, options);
  }

  async holdAppends(trx: QueryExecutorProvider): Promise<void> {
    await sql`set local lock_timeout = '5s'`.execute(trx);
    await sql`select pg_advisory_xact_lock(${APPEND_GATE})`.execute(trx);
  }

  async countAfter(checkpoints: readonly LogCheckpoint[]): Promise<number[]> {
    if (checkpoints.length === 0) return [];
    const { rows } = await sql<{ n: string }>`
      select (select count(*) from events e where (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)) as n
        from unnest(${checkpoints.map((c) => String(c.transactionId))}::xid8[], ${checkpoints.map((c) => c.globalPosition)}::bigint[])
             with ordinality as c(transaction_id, global_position, i)
       order by c.i`.execute(this.database.db);
    return rows.map((row) => toNumber(row.n));
  }

  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    void this.signalClient().catch(() => undefined);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = null;
    const client = this.signal;
    this.signal = null;
    if (client) await client.then((c) => c.end()).catch(() => undefined);
  }

  /**
   * Wakes local readers at once and other processes through NOTIFY, off the append's path:
   * NOTIFY inside the append would serialise committing writers on PostgreSQL's notification
   * queue lock and cost a second WAL flush. One NOTIFY per few milliseconds, sent without waiting
   * for the disk, is enough for a wake-up; readers also poll.
   */
  private announce(): void {
    for (const listener of this.listeners) listener();
    if (this.closed) return;
    if (this.notifyTimer) {
      this.notifyAgain = true; // appended while a NOTIFY was pending: send one more after it
      return;
    }
    this.announceToOthers();
  }

  private async notifyOthers(): Promise<void> {
    try {
      const client = await this.signalClient();
      // One query at a time on this connection: the timer stays set until the NOTIFY is done.
      await client.query(`notify ${NOTIFY_CHANNEL}`);
    } catch (error) {
      this.options.onBackgroundError?.(error);
    } finally {
      this.notifyTimer = null;
      if (this.notifyAgain && !this.closed) {
        this.notifyAgain = false;
        this.announceToOthers();
      }
    }
  }

  private announceToOthers(): void {
    this.notifyTimer = setTimeout(() => void this.notifyOthers(), NOTIFY_DEBOUNCE_MS);
    this.notifyTimer.unref?.();
  }

  /** One connection for LISTEN and NOTIFY, made on first use and again after a failure. */
  private signalClient(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    this.signal ??= (async () => {
      const client = new pg.Client({ connectionString: this.database.url, application_name: 'virkelyst-signal', types: typeParsers });
      client.on('notification', () => {
        for (const listener of this.listeners) listener();
      });
      client.on('error', (error) => {
        this.options.onBackgroundError?.(error);
        this.signal = null;
      });
      try {
        await client.connect();
        await client.query('set synchronous_commit = off');
        await client.query(`listen ${NOTIFY_CHANNEL}`);
        return client;
      } catch (error) {
        this.signal = null;
        await client.end().catch(() => undefined);
        throw error;
      }
    })();
    return this.signal;
  }
}

/** The parameters of `virkelyst_append` for one stream's events. */
function appendParams(streamId: string, events: readonly NewEvent[], options: AppendOptions): unknown[] {
  if (events.length === 0) throw new InvalidAppendError('an append needs at least one event');
  const [kind, version] = expectedParams(options.expectedVersion);
  // One JSON document for the whole batch: cheaper to send and to parse than five arrays.
  const payload = JSON.stringify(events.map((e) => ({ eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata })));
  return [streamId, kind, version, options.commandId ?? null, payload, options.commandActorId ?? null, options.commandFingerprint ?? null];
}

/**
 * The parts of a batch as one JSON document, each part's events put in as `appendParams` encodes
 * them: every event is stringified once, not parsed back and stringified again.
 */
function batchPayload(parts: readonly StreamAppend[]): string {
  const encoded = parts.map((part) => {
    const [s, k, v, c, e, a, f] = appendParams(part.streamId, part.events, part.options);
    return `{"s":${JSON.stringify(s)},"k":${JSON.stringify(k)},"v":${JSON.stringify(v)},"c":${JSON.stringify(c)},"a":${JSON.stringify(a)},"f":${JSON.stringify(f)},"e":${e as string}}`;
  });
  return `[${encoded.join(',')}]`;
}

/** A stream's version checked inside a caller's transaction, its row held (shared) until the end. */
async function checkIn(trx: Kysely<any>, check: StreamCheck): Promise<void> {
  const { rows } = await sql<{ version: string }>`select version from streams where stream_id = ${check.streamId} for share`.execute(trx);
  const actual = rows[0] ? toNumber(rows[0].version) : 0;
  if (actual !== check.expectedVersion) throw new WrongExpectedVersionError(check.streamId, check.expectedVersion, rows[0] ? actual : null);
}

/** One stream's append inside a caller's transaction, with the inline projections of what it wrote. */
async function appendIn(trx: Kysely<any>, params: unknown[], streamId: string, inline: readonly InlineHook[]): Promise<AppendResult> {
  const appended = await sql<AppendRow>`select duplicate, first_position, last_position, next_version, transaction_id
    from virkelyst_append(${params[0]}, ${params[1]}, ${params[2]}, ${params[3]}, ${params[4]}::jsonb, ${params[5]}, ${params[6]})`.execute(trx);
  const result = toResult(appended.rows[0]);
  if (!result.duplicate && inline.length > 0) {
    const recorded = await sql<EventRow>`select ${sql.raw(EVENT_COLUMNS)} from events
      where global_position between ${result.firstPosition} and ${result.lastPosition}
        and stream_id = ${streamId} order by global_position`.execute(trx);
    const events = recorded.rows.map(toRecorded);
    for (const hook of inline) {
      const handled = events.filter((e) => hook.handles(e.type));
      if (handled.length > 0) await hook.apply(trx, handled);
    }
  }
  return result;
}

interface AppendRow {
  duplicate: boolean;
  first_position: string | null;
  last_position: string | null;
  next_version: string | null;
  transaction_id: string | null;
}

function toResult(row: AppendRow | undefined): AppendResult {
  if (!row) throw new Error('virkelyst_append returned no row');
  return {
    duplicate: row.duplicate,
    firstPosition: toNumber(row.first_position),
    lastPosition: toNumber(row.last_position),
    nextExpectedVersion: toNumber(row.next_version),
  };
}

function translate(error: unknown, streamId: string, expected: ExpectedVersion): unknown {
  const pgError = error as { code?: string; detail?: string; constraint?: string };
  if (pgError?.code === 'VS409') {
    const actual = pgError.detail === 'none' || pgError.detail === undefined ? null : Number(pgError.detail);
    return new WrongExpectedVersionError(streamId, expected, actual);
  }
  if (pgError?.code === '23505' && pgError.constraint === 'events_event_id_key') {
    return new DuplicateEventIdError(streamId);
  }
  if (pgError?.code === '22023') return new InvalidAppendError(String((error as Error).message));
  // jsonb refuses NUL and broken surrogates; the edge should have caught them.
  if (pgError?.code === '22P05' || pgError?.code === '22021') return new UnstorableTextError(streamId);
  return error;
}

/**
 * Reads the log in its safe order after a checkpoint: only transactions older than every running
 * one, so an event that commits late is never skipped. The scan is keyset pagination over the
 * (transaction_id, global_position) index; because that order puts every event of a transaction
 * at or past the horizon after all the older ones, cutting the page at the horizon leaves an exact
 * prefix. Unwanted types are scanned (to move the checkpoint past them) but their bodies are not
 * sent. Runs on the pool or inside a caller's transaction.
 */
async function readLogPage(executor: QueryExecutorProvider, options: LogPageOptions = {}): Promise<LogPage> {
  const after: LogCheckpoint = options.after ?? LOG_START;
  const limit = options.maxCount ?? 1000;
  const types = options.types ? sql`${[...options.types]}::text[]` : sql`null::text[]`;
  const horizon = options.pastHorizon ? sql`'18446744073709551615'::xid8` : sql`pg_snapshot_xmin(pg_current_snapshot())`;
  // Keys first, from the (transaction_id, global_position) index alone; then the rows by primary
  // key. Asked in one go, the planner may prefer sorting the whole table for every page.
  const { rows } = await sql<EventRow & { wanted: boolean }>`
    with page as materialized (
      select transaction_id, global_position from events
       where (transaction_id, global_position) > (${String(after.transactionId)}::xid8, ${after.globalPosition}::bigint)
       order by transaction_id, global_position
       limit ${limit})
    select e.global_position, e.transaction_id, e.stream_id, e.stream_version, e.event_id, e.event_type,
           e.schema_version, (extract(epoch from e.recorded_at) * 1000)::float8 as recorded_at, w.wanted,
           case when w.wanted then e.data end as data, case when w.wanted then e.metadata end as metadata
      from page p
      join events e on e.global_position = p.global_position,
           lateral (select ${types} is null or e.event_type = any(${types}) as wanted) w
     where p.transaction_id < (select ${horizon})
     order by p.transaction_id, p.global_position`.execute(executor);
  const last = rows.at(-1);
  const checkpoint: LogCheckpoint = last ? { transactionId: toNumber(last.transaction_id), globalPosition: toNumber(last.global_position) } : after;
  // `full`: the page was cut by its size, not by the horizon or the end, so more may be waiting.
  return { events: rows.filter((r) => r.wanted).map(toRecorded), checkpoint, full: rows.length === limit };
}
