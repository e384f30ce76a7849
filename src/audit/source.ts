import { type Kysely, sql } from 'kysely';
import type { RawEvent, TreeHead } from './verify.js';

/** Every committed event in log order, in pages, as stored (recorded time in UTC, microseconds). */
export async function* eventsFromDatabase(db: Kysely<any>, pageSize = 5000): AsyncIterable<RawEvent[]> {
  let after = { tx: '0', pos: 0 };
  for (;;) {
    const { rows } = await sql<{
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
    }>`
      select global_position, transaction_id::text, stream_id, stream_version, event_id, event_type, schema_version, data, metadata,
             to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as recorded_at
        from events where (transaction_id, global_position) > (${after.tx}::xid8, ${after.pos}::bigint)
       order by transaction_id, global_position limit ${pageSize}`.execute(db);
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      position: Number(r.global_position),
      stream: r.stream_id,
      version: Number(r.stream_version),
      id: r.event_id,
      type: r.event_type,
      schemaVersion: r.schema_version,
      data: r.data,
      metadata: r.metadata,
      recordedAt: r.recorded_at,
    }));
    const last = rows.at(-1)!;
    after = { tx: last.transaction_id, pos: Number(last.global_position) };
  }
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
