/**
 * Reading the log and the audit tables as they are stored, for the sealer and the verifier.
 * jsonb arrives as PostgreSQL's own text of it and is parsed here, so that a value the canonical
 * form cannot represent keeps that text (canonical.ts, the stored-text form).
 */
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { RawEvent, SealedLeaves, TreeHead } from './verify.js';
import { Worker } from 'node:worker_threads';
import type { CopyLeaves } from './copy-leaves.js';
import { eventFromCopyLine, storedEvent } from './copy-text.js';

/** An event row as the audit module reads it: the stored form, jsonb as text, recorded time in microseconds. */
interface StoredRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
}

/**
 * The recorded time as microseconds since the epoch where a double holds them exactly (1686–2254),
 * otherwise as text that does not depend on the session's settings (`3000-01-01T00:00:00.000000Z
 * AD`, `infinity`): never an error, whatever a superuser stored.
 */
const RECORDED_MICROS = `case when e.recorded_at >= '1686-01-01 00:00:00+00' and e.recorded_at < '2255-01-01 00:00:00+00'
    then (extract(epoch from e.recorded_at) * 1000000)::bigint::text
  when isfinite(e.recorded_at) then to_char(e.recorded_at at time zone 'UTC', 'FMYYYY-MM-DD"T"HH24:MI:SS.US"Z" BC')
  else e.recorded_at::text end`;

const COLUMNS = sql`e.global_position, e.transaction_id::text, e.stream_id, e.stream_version, e.event_id, e.event_type,
  e.schema_version, e.data::text as data, e.metadata::text as metadata, ${sql.raw(RECORDED_MICROS)} as recorded_at`;

function toRawEvent(r: StoredRow): RawEvent {
  return storedEvent(Number(r.global_position), r.stream_id, Number(r.stream_version), r.event_id, r.event_type, r.schema_version, r.data, r.metadata, r.recorded_at);
}

/**
 * Every committed event in log order, as stored (recorded time in UTC, microseconds), in batches.
 * One `COPY … TO STDOUT` in one snapshot: a verification sees one consistent log, and rows arrive
 * as text without the driver building a row object per event.
 */
export async function* eventsFromDatabase(pool: pg.Pool, batchSize = 5000): AsyncIterable<RawEvent[]> {
  const client = await pool.connect();
  let finished = false;
  try {
    yield* copyEvents(client, batchSize);
    finished = true;
  } finally {
    // A copy abandoned half-way (an error, or a reader that stopped early) leaves the connection
    // mid-protocol: close it rather than give it back to the pool.
    client.release(finished ? undefined : true);
  }
}

/** How many bytes of the log are read, hashed and checked at a time. */
const RUN_BYTES = 256 * 1024;
/** How much of the log is read before a second thread is started to hash it (some 10,000 events). */
const THREAD_FROM_BYTES = 8 * 1024 * 1024;
/** How many runs may wait for their leaves while the next are read. */
const RUNS_AHEAD = 4;

/** The log's COPY on a client the caller holds (and releases). */
function copyEvents(client: pg.PoolClient, batchSize: number, hashLeaves = false): AsyncIterable<RawEvent[]> {
  return eventsFromCopy(client.query(copyTo(LOG_COPY)) as AsyncIterable<Buffer>, batchSize, hashLeaves);
}

/**
 * The events of the log's COPY, read in runs of whole lines. With `hashLeaves`, once the log is
 * past its first few megabytes (`threadFromBytes`), a second thread hashes each run's leaves from
 * the same bytes while this one reads them, and each event comes with its leaf. Exported for the
 * benchmark, which reads a COPY saved to a file.
 */
export async function* eventsFromCopy(stream: AsyncIterable<Buffer>, batchSize: number, hashLeaves = false, threadFromBytes = THREAD_FROM_BYTES): AsyncIterable<RawEvent[]> {
  // The thread takes a moment to start (it loads the TypeScript loader): only a log of some size
  // pays for it. The runs read before it starts are hashed by the verifier itself.
  const thread: { hasher: ReturnType<typeof leafHasher> | null; bytesRead: number } = { hasher: null, bytesRead: 0 };
  const waiting: { events: RawEvent[]; leaves: Promise<CopyLeaves | null>; done: boolean }[] = [];
  function* ready(all: boolean): Generator<Promise<RawEvent[]>> {
    while (waiting.length > 0 && (all || waiting[0]!.done || waiting.length > RUNS_AHEAD)) {
      const run = waiting.shift()!;
      yield run.leaves.then((leaves) => withLeaves(run.events, leaves));
    }
  }
  const read = (lines: Buffer) => {
    thread.bytesRead += lines.length;
    if (hashLeaves && !thread.hasher && thread.bytesRead > threadFromBytes) thread.hasher = leafHasher();
    const leaves = thread.hasher ? thread.hasher.hash(lines) : Promise.resolve(null);
    const run = { events: eventsOf(lines), leaves, done: false };
    void leaves.finally(() => (run.done = true));
    waiting.push(run);
  };
  try {
    let parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      parts.push(chunk);
      size += chunk.length;
      if (size < RUN_BYTES) continue;
      // A newline byte never occurs inside a multi-byte UTF-8 character: cut at the last one.
      const joined = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
      const end = joined.lastIndexOf(10);
      if (end < 0) {
        parts = [joined];
        continue;
      }
      read(joined.subarray(0, end));
      parts = [joined.subarray(end + 1)];
      size = parts[0]!.length;
      for (const events of ready(false)) yield* batches(await events, batchSize);
    }
    const rest = Buffer.concat(parts, size);
    if (rest.length > 0) read(rest.at(-1) === 10 ? rest.subarray(0, rest.length - 1) : rest);
    for (const events of ready(true)) yield* batches(await events, batchSize);
  } finally {
    await thread.hasher?.stop();
  }
}

/** The events on a run of COPY lines (without the newline after the last). */
function eventsOf(lines: Buffer): RawEvent[] {
  const events: RawEvent[] = [];
  let start = 0;
  while (start <= lines.length) {
    let end = lines.indexOf(10, start);
    if (end < 0) end = lines.length;
    events.push(eventFromCopyLine(lines, start, end));
    start = end + 1;
  }
  return events;
}

function* batches(events: RawEvent[], batchSize: number): Generator<RawEvent[]> {
  if (events.length <= batchSize) yield events;
  else for (let i = 0; i < events.length; i += batchSize) yield events.slice(i, i + batchSize);
}

/** The events with the leaves the hashing thread computed from their lines (none: the verifier hashes them itself). */
function withLeaves(events: RawEvent[], answer: CopyLeaves | null): RawEvent[] {
  if (answer === null) return events;
  const leaves = Buffer.from(answer.leaves);
  if (leaves.length !== events.length * 32) throw new Error('the hashing thread hashed another number of lines than were read');
  const unhashed = new Set(answer.unhashed);
  for (let i = 0; i < events.length; i++) if (!unhashed.has(i)) events[i]!.leaf = leaves.subarray(i * 32, i * 32 + 32);
  return events;
}

/**
 * The hashing thread (copy-leaves.ts). Should it fail, the runs it has not answered get no leaves,
 * and the verifier hashes those events itself: slower, never less checked.
 */
function leafHasher() {
  const worker = new Worker(new URL('./copy-leaves-worker.mjs', import.meta.url));
  const answers = new Map<number, (answer: CopyLeaves | null) => void>();
  let failed = false;
  let stopping = false;
  const fail = () => {
    failed = true;
    for (const answer of answers.values()) answer(null);
    answers.clear();
  };
  worker.on('message', (answer: CopyLeaves) => {
    answers.get(answer.id)?.(answer);
    answers.delete(answer.id);
  });
  worker.on('error', fail);
  worker.on('exit', () => {
    if (!stopping) fail();
  });
  let next = 0;
  return {
    hash(lines: Buffer): Promise<CopyLeaves | null> {
      if (failed) return Promise.resolve(null);
      const id = next++;
      const bytes = new Uint8Array(lines).buffer; // a copy, handed over to the thread
      const answer = new Promise<CopyLeaves | null>((resolve) => answers.set(id, resolve));
      worker.postMessage({ id, bytes }, [bytes]);
      return answer;
    },
    async stop() {
      stopping = true;
      await worker.terminate();
    },
  };
}

/** The whole log in order, in COPY's text format. Exported for the benchmark, which times PostgreSQL alone. */
export const LOG_COPY = `copy (select e.global_position, e.stream_id, e.stream_version, e.event_id, e.event_type, e.schema_version,
  e.data, e.metadata, ${RECORDED_MICROS} from events e order by e.transaction_id, e.global_position) to stdout`;

/** The stored form of the events at these positions, in the order given. */
export async function eventsAt(db: Kysely<any>, positions: number[]): Promise<RawEvent[]> {
  const { rows } = await sql<StoredRow>`select ${COLUMNS} from events e where e.global_position = any(${positions}::bigint[])`.execute(db);
  const byPosition = new Map(rows.map((r) => [Number(r.global_position), toRawEvent(r)]));
  return positions.flatMap((p) => byPosition.get(p) ?? []);
}

/** The sealed leaf hashes in leaf order, 32 bytes each, in one buffer. */
export async function leavesFromDatabase(db: Kysely<any>): Promise<Buffer> {
  const { rows } = await sql<{ leaf_hash: Buffer }>`select leaf_hash from audit_leaves order by leaf_index`.execute(db);
  return Buffer.concat(rows.map((r) => r.leaf_hash));
}

interface HeadRow {
  tree_size: string;
  root_hash: Buffer;
  signed_at: Date;
  signature: Buffer;
}
const toHead = (h: HeadRow): TreeHead => ({ treeSize: Number(h.tree_size), rootHash: h.root_hash.toString('hex'), timestamp: h.signed_at.toISOString(), signature: h.signature.toString('base64') });

export async function headsFromDatabase(db: Kysely<any>): Promise<TreeHead[]> {
  const { rows } = await sql<HeadRow>`select tree_size, root_hash, signed_at, signature from audit_tree_heads order by tree_size`.execute(db);
  return rows.map(toHead);
}

/** The audit_frontier row as stored: the sealer's running tree (null when the row is gone). */
export interface StoredFrontier {
  size: number;
  stack: { height: number; hash: Buffer }[];
}

/** Everything the verifier reads from the database, in one snapshot. */
export interface AuditSnapshot {
  /** The database's clock when the snapshot was taken, in milliseconds since the epoch. */
  nowMs: number;
  frontier: StoredFrontier | null;
  heads: TreeHead[];
  leaves: SealedLeaves;
  /** The log, in order, in the same snapshot (once). */
  events(batchSize?: number): AsyncIterable<RawEvent[]>;
  close(): Promise<void>;
}

/**
 * Opens one REPEATABLE READ snapshot and reads the audit tables in it; the events are read in the
 * same snapshot when asked for. The leaves come as a binary COPY into flat typed arrays.
 */
export async function openAuditSnapshot(pool: pg.Pool): Promise<AuditSnapshot> {
  const client = await pool.connect();
  let broken = false;
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    if (!broken) {
      try {
        await client.query('commit');
      } catch {
        broken = true;
      }
    }
    client.release(broken ? true : undefined);
  };
  try {
    await client.query('begin isolation level repeatable read read only');
    const now = await client.query<{ now_ms: number }>(`select (extract(epoch from now()) * 1000)::float8 as now_ms`);
    const frontierRows = await client.query<{ size: string; stack: unknown }>(`select size::text, stack from audit_frontier where id = 1`);
    const headRows = await client.query<HeadRow>(`select tree_size, root_hash, signed_at, signature from audit_tree_heads order by tree_size`);
    const leaves = await readSealedLeaves(client);
    return {
      nowMs: now.rows[0]!.now_ms,
      frontier: frontierRows.rows[0] ? frontierOf(frontierRows.rows[0]) : null,
      heads: headRows.rows.map(toHead),
      leaves,
      async *events(batchSize = 5000) {
        let finished = false;
        try {
          yield* copyEvents(client, batchSize, true);
          finished = true;
        } finally {
          if (!finished) broken = true;
        }
      },
      close,
    };
  } catch (error) {
    broken = true;
    await close();
    throw error;
  }
}

/** The stored frontier row, read without trusting its shape: anything unreadable is a stack of nothing. */
function frontierOf(row: { size: string; stack: unknown }): StoredFrontier {
  const stack = Array.isArray(row.stack) ? row.stack : [];
  return {
    size: Number(row.size),
    stack: stack.map((s: { height?: unknown; hash?: unknown }) => ({
      height: typeof s?.height === 'number' ? s.height : -1,
      hash: typeof s?.hash === 'string' && /^[0-9a-f]{64}$/.test(s.hash) ? Buffer.from(s.hash, 'hex') : Buffer.alloc(32),
    })),
  };
}

const LEAVES_COPY = `copy (select leaf_index, global_position, event_id, leaf_hash from audit_leaves order by leaf_index) to stdout (format binary)`;
const PGCOPY = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * audit_leaves in leaf order: each row's leaf_index, global_position, event id and hash, into
 * flat arrays (no object per row). A hash that is not 32 bytes is kept as 32 zero bytes, which
 * no event's leaf matches.
 */
export async function readSealedLeaves(client: pg.PoolClient): Promise<SealedLeaves> {
  let capacity = 1024;
  let hashes = Buffer.alloc(capacity * 32);
  let indexes = new Float64Array(capacity);
  let positions = new Float64Array(capacity);
  let eventIds = Buffer.alloc(capacity * 16);
  let count = 0;
  const grow = () => {
    capacity *= 2;
    const h = Buffer.alloc(capacity * 32);
    hashes.copy(h);
    hashes = h;
    const i = new Float64Array(capacity);
    i.set(indexes);
    indexes = i;
    const p = new Float64Array(capacity);
    p.set(positions);
    positions = p;
    const e = Buffer.alloc(capacity * 16);
    eventIds.copy(e);
    eventIds = e;
  };
  let rest: Buffer = Buffer.alloc(0);
  let headerDone = false;
  let ended = false;
  for await (const chunk of client.query(copyTo(LEAVES_COPY)) as AsyncIterable<Buffer>) {
    const buf: Buffer = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let at = 0;
    if (!headerDone) {
      if (buf.length < 19) {
        rest = buf;
        continue;
      }
      if (!buf.subarray(0, 11).equals(PGCOPY)) throw new Error('audit_leaves: not a binary COPY');
      const extension = buf.readUInt32BE(15);
      if (buf.length < 19 + extension) {
        rest = buf;
        continue;
      }
      at = 19 + extension;
      headerDone = true;
    }
    // One row: field count (int16), then per field its length (int32, -1 for null) and its bytes.
    for (;;) {
      if (buf.length - at < 2) break;
      const fields = buf.readInt16BE(at);
      if (fields === -1) {
        ended = true;
        at += 2;
        break;
      }
      let cursor = at + 2;
      const cells: (Buffer | null)[] = [];
      let complete = true;
      for (let f = 0; f < fields; f++) {
        if (buf.length - cursor < 4) {
          complete = false;
          break;
        }
        const length = buf.readInt32BE(cursor);
        cursor += 4;
        if (length < 0) {
          cells.push(null);
          continue;
        }
        if (buf.length - cursor < length) {
          complete = false;
          break;
        }
        cells.push(buf.subarray(cursor, cursor + length));
        cursor += length;
      }
      if (!complete) break;
      if (count === capacity) grow();
      const [index, position, id, hash] = cells;
      indexes[count] = index?.length === 8 ? Number(index.readBigInt64BE(0)) : Number.NaN;
      positions[count] = position?.length === 8 ? Number(position.readBigInt64BE(0)) : Number.NaN;
      if (id?.length === 16) id.copy(eventIds, count * 16);
      if (hash?.length === 32) hash.copy(hashes, count * 32);
      count++;
      at = cursor;
    }
    rest = at < buf.length ? Buffer.from(buf.subarray(at)) : Buffer.alloc(0);
  }
  if (!ended) throw new Error('audit_leaves: the binary COPY ended early');
  return { hashes: hashes.subarray(0, count * 32), count, indexes: indexes.subarray(0, count), positions: positions.subarray(0, count), eventIds: eventIds.subarray(0, count * 16) };
}

/** The status of the transactions that wrote witnessed heads ('committed', 'aborted', 'in progress'; null when unknown). */
export async function transactionStatuses(db: Kysely<any>, transactionIds: string[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(transactionIds.filter((x) => /^\d{1,20}$/.test(x)))];
  if (ids.length === 0) return new Map();
  // A transaction id from another cluster may lie in this one's future: pg_xact_status would raise.
  const { rows } = await sql<{ id: string; status: string | null }>`
    select x as id, case when x::numeric < pg_snapshot_xmax(pg_current_snapshot())::text::numeric then pg_xact_status(x::xid8) end as status
      from unnest(${ids}::text[]) as x`.execute(db);
  return new Map(rows.map((r) => [r.id, r.status]));
}
