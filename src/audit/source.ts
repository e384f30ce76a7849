import { type Kysely, sql } from 'kysely';
import type { RawEvent, TreeHead } from './verify.js';
import { utcMicros } from './canonical.js';

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
      with page as materialized (
        select transaction_id, global_position from events
         where (transaction_id, global_position) > (${after.tx}::xid8, ${after.pos}::bigint)
         order by transaction_id, global_position limit ${pageSize})
      select e.global_position, e.transaction_id::text, e.stream_id, e.stream_version, e.event_id, e.event_type, e.schema_version,
             e.data, e.metadata, (extract(epoch from e.recorded_at) * 1000000)::bigint::text as recorded_at
        from page p join events e on e.global_position = p.global_position
       order by p.transaction_id, p.global_position`.execute(db);
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
      recordedAt: utcMicros(r.recorded_at),
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
