/**
 * What the auditors' routes read from the audit tables and the log: the signed tree heads, the
 * sealed leaves, and the events of an offer's consent trail. Named here so that the routes hold no
 * SQL; each returns plain values (sizes and positions as numbers, hashes as bytes).
 */
import { type QueryExecutorProvider, sql } from 'kysely';

/** A signed tree head as stored, with the key that signed it. */
export interface StoredTreeHead {
  treeSize: number;
  rootHash: Buffer;
  signedAt: Date;
  keyId: string;
  signature: Buffer;
}

/** Every signed tree head, oldest (smallest) first. */
export async function signedTreeHeads(db: QueryExecutorProvider): Promise<StoredTreeHead[]> {
  const { rows } = await sql<{ tree_size: string; root_hash: Buffer; signed_at: Date; key_id: string; signature: Buffer }>`
    select tree_size, root_hash, signed_at, key_id, signature from audit_tree_heads order by tree_size`.execute(db);
  return rows.map((h) => ({ treeSize: Number(h.tree_size), rootHash: h.root_hash, signedAt: h.signed_at, keyId: h.key_id, signature: h.signature }));
}

/** The hashes of the first `treeSize` sealed leaves, in leaf order: fewer while the log is smaller. */
export async function leafHashesBelow(db: QueryExecutorProvider, treeSize: number): Promise<Buffer[]> {
  const { rows } = await sql<{ leaf_hash: Buffer }>`select leaf_hash from audit_leaves where leaf_index < ${treeSize} order by leaf_index`.execute(db);
  return rows.map((row) => row.leaf_hash);
}

/** The leaf that seals the event at a global position. */
export interface SealedLeaf {
  leafIndex: number;
  leafHash: Buffer;
  eventId: string;
}

/** The leaf of the event at `position`; null while it is not sealed (or there is no such event). */
export async function leafAtPosition(db: QueryExecutorProvider, position: number): Promise<SealedLeaf | null> {
  const { rows } = await sql<{ leaf_index: string; leaf_hash: Buffer; event_id: string }>`
    select leaf_index, leaf_hash, event_id from audit_leaves where global_position = ${position}`.execute(db);
  const leaf = rows[0];
  return leaf ? { leafIndex: Number(leaf.leaf_index), leafHash: leaf.leaf_hash, eventId: leaf.event_id } : null;
}

/** The event types of an offer's consent trail, from its making to the end of participation. */
export const CONSENT_TRAIL_TYPES = ['OfferMade', 'ConsentGiven', 'OfferDeclined', 'ConsentWithdrawn', 'ParticipationStarted', 'ParticipationEnded'] as const;

/**
 * An event of a consent trail as stored. Its data and metadata are what was recorded, read as
 * loosely as the log may hold them: every field may be missing or of another type.
 */
export interface TrailEvent {
  position: number;
  type: string;
  streamId: string;
  data: { consent?: unknown; receipt?: { receiptId?: unknown } | null; [field: string]: unknown };
  metadata: { occurredAt?: unknown; actor?: { id?: unknown; role?: unknown } | null; [field: string]: unknown };
}

/** The events about an offer on its consent trail, in log order. */
export async function consentTrailEvents(db: QueryExecutorProvider, offerId: string): Promise<TrailEvent[]> {
  const { rows } = await sql<{ global_position: string; event_type: string; stream_id: string; data: TrailEvent['data']; metadata: TrailEvent['metadata'] }>`
    select global_position, event_type, stream_id, data, metadata from events
     where data->>'offerId' = ${offerId}
       and event_type in (${sql.join([...CONSENT_TRAIL_TYPES])})
     order by transaction_id, global_position`.execute(db);
  return rows.map((row) => ({ position: Number(row.global_position), type: row.event_type, streamId: row.stream_id, data: row.data, metadata: row.metadata }));
}
