/**
 * The sealer: a gap-safe projection over every event, in log order, that appends each event's
 * canonical bytes as a leaf of the RFC 9162 tree and signs a tree head every N events or T
 * seconds. It reads the events' stored form itself (not the domain's view of them), and its
 * leaves, frontier and checkpoint commit together: each event is sealed exactly once.
 */
import { type Kysely, sql } from 'kysely';
import type { Projection } from '../projections/engine/projection.js';
import { canonicalText } from './canonical.js';
import { eventsAt } from './source.js';
import type { RawEvent } from './verify.js';
import { Frontier, leafHash } from './merkle.js';
import { type AuditKey, signTreeHead } from './signing.js';

export interface SealerOptions {
  /** Sign a head when this many events were sealed since the last one. */
  every: number;
  /** …or when this much time passed since the last one and something new was sealed. */
  everyMs: number;
  now?: () => Date;
}

/** A stored event's leaf: SHA-256 of 0x00 and its canonical bytes. */
export function leafOf(event: RawEvent): Buffer {
  return leafHash(canonicalText(event));
}

export async function loadFrontier(db: Kysely<any>, forUpdate: boolean): Promise<Frontier> {
  const { rows } = forUpdate
    ? await sql<{ size: string; stack: { height: number; hash: string }[] }>`select size, stack from audit_frontier where id = 1 for update`.execute(db)
    : await sql<{ size: string; stack: { height: number; hash: string }[] }>`select size, stack from audit_frontier where id = 1`.execute(db);
  const row = rows[0];
  return row ? new Frontier(Number(row.size), row.stack.map((s) => ({ height: s.height, hash: Buffer.from(s.hash, 'hex') }))) : new Frontier();
}

export function auditSealer(key: AuditKey, options: SealerOptions): Projection {
  const now = options.now ?? (() => new Date());
  return {
    name: 'audit',
    version: 1,
    mode: 'async',
    tables: [],
    handles: 'all',
    async apply(trx, _schema, events) {
      // Serialise sealers (a rebuild beside a live one): one frontier, one tree.
      await sql`insert into audit_frontier (id, size, stack) values (1, 0, '[]') on conflict (id) do nothing`.execute(trx);
      const frontier = await loadFrontier(trx, true);
      const { rows: sealed } = await sql<{ global_position: string }>`
        select global_position from audit_leaves where global_position = any(${events.map((e) => e.globalPosition)}::bigint[])`.execute(trx);
      const already = new Set(sealed.map((r) => Number(r.global_position)));
      // A replay (a rebuild of this projection) finds its events sealed and adds nothing.
      const fresh = events.filter((e) => !already.has(e.globalPosition));
      if (fresh.length === 0) return;
      const rows = await eventsAt(trx, fresh.map((e) => e.globalPosition));
      const { rows: last } = await sql<{ tree_size: string; signed_at: Date }>`
        select tree_size, signed_at from audit_tree_heads order by tree_size desc limit 1`.execute(trx);
      let lastSize = Number(last[0]?.tree_size ?? 0);
      const lastAt = last[0]?.signed_at.getTime() ?? 0;
      const at = now();
      const heads: { treeSize: number; rootHash: Buffer; timestamp: string }[] = [];
      const indexes: number[] = [];
      const hashes: Buffer[] = [];
      for (const row of rows) {
        const leaf = leafOf(row);
        indexes.push(frontier.size);
        hashes.push(leaf);
        frontier.append(leaf);
        // A head at every N-th leaf, so heads fall at the same sizes however events are batched.
        if (frontier.size - lastSize >= options.every) {
          heads.push({ treeSize: frontier.size, rootHash: frontier.root(), timestamp: at.toISOString() });
          lastSize = frontier.size;
        }
      }
      if (frontier.size > lastSize && at.getTime() - lastAt >= options.everyMs) {
        heads.push({ treeSize: frontier.size, rootHash: frontier.root(), timestamp: at.toISOString() });
      }
      await sql`insert into audit_leaves (leaf_index, global_position, event_id, leaf_hash)
                select * from unnest(${indexes}::bigint[], ${rows.map((r) => r.position)}::bigint[],
                                     ${rows.map((r) => r.id)}::uuid[], ${hashes}::bytea[])`.execute(trx);
      await sql`update audit_frontier set size = ${frontier.size},
                  stack = ${JSON.stringify(frontier.stack.map((s) => ({ height: s.height, hash: s.hash.toString('hex') })))}::jsonb
                where id = 1`.execute(trx);
      for (const head of heads) {
        await sql`insert into audit_tree_heads (tree_size, root_hash, signed_at, key_id, signature)
                  values (${head.treeSize}, ${head.rootHash}, ${head.timestamp}, ${key.keyId}, ${signTreeHead(key, head)})`.execute(trx);
      }
    },
  };
}

/**
 * Signs a head over everything sealed so far when the last head is older than `everyMs` (the
 * sealer signs only when events arrive; this covers a quiet log). Returns the new head's size.
 */
export async function signPendingHead(db: Kysely<any>, key: AuditKey, everyMs: number, at: Date = new Date()): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const frontier = await loadFrontier(trx, true);
    const { rows } = await sql<{ tree_size: string; signed_at: Date }>`
      select tree_size, signed_at from audit_tree_heads order by tree_size desc limit 1`.execute(trx);
    const lastSize = Number(rows[0]?.tree_size ?? 0);
    const lastAt = rows[0]?.signed_at.getTime() ?? 0;
    if (frontier.size <= lastSize || at.getTime() - lastAt < everyMs) return null;
    const head = { treeSize: frontier.size, rootHash: frontier.root(), timestamp: at.toISOString() };
    await sql`insert into audit_tree_heads (tree_size, root_hash, signed_at, key_id, signature)
              values (${head.treeSize}, ${head.rootHash}, ${head.timestamp}, ${key.keyId}, ${signTreeHead(key, head)})`.execute(trx);
    return head.treeSize;
  });
}
