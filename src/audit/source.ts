import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { RawEvent, TreeHead } from './verify.js';
import { utcMicros } from './canonical.js';

/** An event row as the audit module reads it: the stored form, recorded time in microseconds. */
interface StoredRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  recorded_at: string;
}

const COLUMNS = sql`e.global_position, e.transaction_id::text, e.stream_id, e.stream_version, e.event_id, e.event_type,
  e.schema_version, e.data, e.metadata, (extract(epoch from e.recorded_at) * 1000000)::bigint::text as recorded_at`;

function toRawEvent(r: StoredRow): RawEvent {
  return {
    position: Number(r.global_position),
    stream: r.stream_id,
    version: Number(r.stream_version),
    id: r.event_id,
    type: r.event_type,
    schemaVersion: r.schema_version,
    data: r.data,
    metadata: r.metadata,
    recordedAt: utcMicros(r.recorded_at),
  };
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
    const stream = client.query(copyTo(LOG_COPY));
    let batch: RawEvent[] = [];
    let rest: Buffer = Buffer.alloc(0);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      // A newline byte never occurs inside a multi-byte UTF-8 character: split on the last one.
      const joined = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      const end = joined.lastIndexOf(10);
      if (end < 0) {
        rest = joined;
        continue;
      }
      rest = joined.subarray(end + 1);
      for (const line of joined.toString('utf8', 0, end).split('\n')) {
        batch.push(fromCopyLine(line));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length) yield batch;
    finished = true;
  } finally {
    // A copy abandoned half-way (an error, or a reader that stopped early) leaves the connection
    // mid-protocol: close it rather than give it back to the pool.
    client.release(finished ? undefined : true);
  }
}

/** The whole log in order, in COPY's text format. Exported for the benchmark, which times PostgreSQL alone. */
export const LOG_COPY = `copy (select e.global_position, e.stream_id, e.stream_version, e.event_id, e.event_type, e.schema_version,
  e.data, e.metadata, (extract(epoch from e.recorded_at) * 1000000)::bigint from events e order by e.transaction_id, e.global_position) to stdout`;

const COPY_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** COPY's text format escapes backslash and control characters in a field. */
function unescapeCopy(field: string): string {
  return field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => COPY_ESCAPES[c] ?? c) : field;
}

function fromCopyLine(line: string): RawEvent {
  const f = line.split('\t');
  if (f.length !== 9) throw new Error(`a COPY row with ${f.length} fields, expected 9`);
  return {
    position: Number(f[0]),
    stream: unescapeCopy(f[1]!),
    version: Number(f[2]),
    id: f[3]!,
    type: unescapeCopy(f[4]!),
    schemaVersion: Number(f[5]),
    data: JSON.parse(unescapeCopy(f[6]!)),
    metadata: JSON.parse(unescapeCopy(f[7]!)),
    recordedAt: utcMicros(f[8]!),
  };
}

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

export async function headsFromDatabase(db: Kysely<any>): Promise<TreeHead[]> {
  const { rows } = await sql<{ tree_size: string; root_hash: Buffer; signed_at: Date; signature: Buffer }>`
    select tree_size, root_hash, signed_at, signature from audit_tree_heads order by tree_size`.execute(db);
  return rows.map((h) => ({ treeSize: Number(h.tree_size), rootHash: h.root_hash.toString('hex'), timestamp: h.signed_at.toISOString(), signature: h.signature.toString('base64') }));
}
