import pg from 'pg';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../database/connect.js';
import { toNumber } from '../../database/connect.js';
import { DuplicateEventIdError, InvalidAppendError, WrongExpectedVersionError } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  LogCheckpoint,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedCommand,
  RecordedEvent,
} from '../port.js';
import { LOG_START } from '../port.js';

export const NOTIFY_CHANNEL = 'virkelyst_events';

/**
 * Work that must commit or fail with the append: inline projections. It runs in the append's
 * transaction and sees the events as recorded.
 */
export type InlineHook = (trx: Kysely<any>, events: readonly RecordedEvent[]) => Promise<void>;

export interface PostgresEventStoreOptions {
  inline?: readonly InlineHook[];
  /** Called when the background wake-up (NOTIFY/LISTEN) fails; it never fails an append. */
  onBackgroundError?: (error: unknown) => void;
}

const APPEND_SQL = `select duplicate, first_position, last_position, next_version, transaction_id
                      from virkelyst_append($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

const EVENT_COLUMNS = `global_position, transaction_id, stream_id, stream_version, event_id, event_type,
                       schema_version, data, metadata, recorded_at`;

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
  recorded_at: Date;
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
    recordedAt: row.recorded_at,
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

/** The PostgreSQL adapter of the event store port. */
export class PostgresEventStore implements EventStore {
  private readonly listeners = new Set<() => void>();
  private listenClient: pg.Client | null = null;
  private listenStarting: Promise<void> | null = null;
  private notifyInFlight = false;
  private notifyAgain = false;
  private closed = false;

  constructor(
    private readonly database: Database,
    private readonly options: PostgresEventStoreOptions = {},
  ) {}

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new InvalidAppendError('an append needs at least one event');
    const [kind, version] = expectedParams(options.expectedVersion);
    const params = [
      streamId,
      kind,
      version,
      options.commandId ?? null,
      events.map((e) => e.eventId),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata)),
    ];
    const inline = this.options.inline ?? [];
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

  private async appendWithInline(streamId: string, params: unknown[], inline: readonly InlineHook[]): Promise<AppendResult> {
    return this.database.db.transaction().execute(async (trx) => {
      const appended = await sql<AppendRow>`select duplicate, first_position, last_position, next_version, transaction_id
        from virkelyst_append(${params[0]}, ${params[1]}, ${params[2]}, ${params[3]}, ${params[4]}, ${params[5]},
                              ${params[6]}, ${params[7]}::jsonb[], ${params[8]}::jsonb[])`.execute(trx);
      const result = toResult(appended.rows[0]);
      if (!result.duplicate) {
        const recorded = await sql<EventRow>`select ${sql.raw(EVENT_COLUMNS)} from events
          where global_position between ${result.firstPosition} and ${result.lastPosition}
            and stream_id = ${streamId} order by global_position`.execute(trx);
        const events = recorded.rows.map(toRecorded);
        for (const hook of inline) await hook(trx, events);
      }
      return result;
    });
  }

  async findCommand(commandId: string): Promise<RecordedCommand | null> {
    const { rows } = await this.database.pool.query<AppendRow & { stream_id: string }>({
      name: 'virkelyst_find_command',
      text: `select true as duplicate, stream_id, first_position, last_position, next_version, transaction_id
               from commands where command_id = $1 and last_position is not null`,
      values: [commandId],
    });
    const row = rows[0];
    return row ? { streamId: row.stream_id, ...toResult(row) } : null;
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
    return readAllIn(this.database.db, options);
  }

  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    void this.startListening();
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    const client = this.listenClient;
    this.listenClient = null;
    if (client) await client.end().catch(() => undefined);
  }

  /** Wakes local readers at once and other processes through NOTIFY, off the append's path. */
  private announce(): void {
    for (const listener of this.listeners) listener();
    // NOTIFY inside the append would serialise every committing writer on PostgreSQL's
    // notification queue lock; one coalesced NOTIFY after the fact is enough for a wake-up.
    if (this.notifyInFlight) {
      this.notifyAgain = true;
      return;
    }
    this.notifyInFlight = true;
    void (async () => {
      do {
        this.notifyAgain = false;
        try {
          await this.database.pool.query(`select pg_notify('${NOTIFY_CHANNEL}', '')`);
        } catch (error) {
          this.options.onBackgroundError?.(error);
        }
      } while (this.notifyAgain && !this.closed);
      this.notifyInFlight = false;
    })();
  }

  private async startListening(): Promise<void> {
    if (this.listenClient || this.listenStarting || this.closed) return;
    this.listenStarting = (async () => {
      const client = new pg.Client({ connectionString: this.database.url, application_name: 'virkelyst-listen' });
      client.on('notification', () => {
        for (const listener of this.listeners) listener();
      });
      // A lost LISTEN connection is not fatal: readers keep polling.
      client.on('error', (error) => {
        this.options.onBackgroundError?.(error);
        if (this.listenClient === client) this.listenClient = null;
      });
      try {
        await client.connect();
        await client.query(`listen ${NOTIFY_CHANNEL}`);
        if (this.closed) await client.end();
        else this.listenClient = client;
      } catch (error) {
        this.options.onBackgroundError?.(error);
        await client.end().catch(() => undefined);
      }
    })().finally(() => {
      this.listenStarting = null;
    });
    await this.listenStarting;
  }
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
  return error;
}

/**
 * Reads the log in its safe order after a checkpoint: only transactions older than every running
 * one, so an event that commits late is never skipped. One statement, one snapshot: the batch and
 * the head it may skip to are read together. Runs on the pool or inside a caller's transaction.
 */
export async function readAllIn(
  executor: Kysely<any>,
  options: ReadAllOptions & {
    /** Only for a caller that holds off every writer (LOCK events): everything committed is final. */
    ignoreHorizon?: boolean;
  } = {},
): Promise<ReadAllResult> {
  const after: LogCheckpoint = options.after ?? LOG_START;
  const limit = options.maxCount ?? 1000;
  const types = options.types ? sql`${[...options.types]}::text[]` : sql`null::text[]`;
  const { rows } = await sql<EventRow & { head_transaction_id: string | null; head_position: string | null }>`
    with horizon as materialized (
      select ${options.ignoreHorizon ? sql`'18446744073709551615'::xid8` : sql`pg_snapshot_xmin(pg_current_snapshot())`} as xmin),
    head as (
      select transaction_id, global_position from events
       where transaction_id < (select xmin from horizon)
       order by transaction_id desc, global_position desc limit 1)
    select (select transaction_id from head) as head_transaction_id,
           (select global_position from head) as head_position,
           b.*
      from (select 1) one
      left join lateral (
        select ${sql.raw(EVENT_COLUMNS)} from events e
         where e.transaction_id < (select xmin from horizon)
           and (e.transaction_id, e.global_position) > (${String(after.transactionId)}::xid8, ${after.globalPosition}::bigint)
           and (${types} is null or e.event_type = any(${types}))
         order by e.transaction_id, e.global_position
         limit ${limit}) b on true`.execute(executor);
  const events = rows.filter((r) => r.global_position !== null).map(toRecorded);
  const last = events.at(-1);
  let checkpoint: LogCheckpoint = after;
  if (events.length === limit && last) {
    checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
  } else {
    const head = rows[0];
    if (head?.head_transaction_id != null && head.head_position != null) {
      const headCheckpoint = { transactionId: toNumber(head.head_transaction_id), globalPosition: toNumber(head.head_position) };
      if (compareCheckpoints(headCheckpoint, after) > 0) checkpoint = headCheckpoint;
    }
  }
  return { events, checkpoint };
}

/** Orders two checkpoints in log order. */
export function compareCheckpoints(a: LogCheckpoint, b: LogCheckpoint): number {
  return a.transactionId - b.transactionId || a.globalPosition - b.globalPosition;
}
