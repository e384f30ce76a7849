import { type Kysely, sql } from 'kysely';
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

/** Every committed event in log order, in pages, as stored (recorded time in UTC, microseconds). */
export async function* eventsFromDatabase(db: Kysely<any>, pageSize = 5000): AsyncIterable<RawEvent[]> {
  let after = { tx: '0', pos: 0 };
  for (;;) {
    // Keys from the log-order index first, then the rows by primary key.
    const { rows } = await sql<StoredRow>`
      with page as materialized (
        select transaction_id, global_position from events
         where (transaction_id, global_position) > (${after.tx}::xid8, ${after.pos}::bigint)
         order by transaction_id, global_position limit ${pageSize})
      select ${COLUMNS} from page p join events e on e.global_position = p.global_position
       order by p.transaction_id, p.global_position`.execute(db);
    if (rows.length === 0) return;
    yield rows.map(toRawEvent);
    const last = rows.at(-1)!;
    after = { tx: last.transaction_id, pos: Number(last.global_position) };
  }
}

/** The stored form of the events at these positions, in the order given. */
export async function eventsAt(db: Kysely<any>, positions: number[]): Promise<RawEvent[]> {
  const { rows } = await sql<StoredRow>`select ${COLUMNS} from events e where e.global_position = any(${positions}::bigint[])`.execute(db);
  const byPosition = new Map(rows.map((r) => [Number(r.global_position), toRawEvent(r)]));
  return positions.flatMap((p) => byPosition.get(p) ?? []);
}

export async function leavesFromDatabase(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ leaf_hash: Buffer }>`select leaf_hash from audit_leaves order by leaf_index`.execute(db);
  return rows.map((r) => r.leaf_hash.toString('hex'));
}

export async function headsFromDatabase(db: Kysely<any>): Promise<TreeHead[]> {
  const { rows } = await sql<{ tree_size: string; root_hash: Buffer; signed_at: Date; signature: Buffer }>`
    select tree_size, root_hash, signed_at, signature from audit_tree_heads order by tree_size`.execute(db);
  return rows.map((h) => ({ treeSize: Number(h.tree_size), rootHash: h.root_hash.toString('hex'), timestamp: h.signed_at.toISOString(), signature: h.signature.toString('base64') }));
}
