/**
 * The sealer: a gap-safe projection over every event, in log order, that appends each event's
 * canonical bytes as a leaf of the RFC 9162 tree and signs a tree head every N events or T
 * seconds. It reads the events' stored form itself (not the domain's view of them), and its
 * leaves, frontier and checkpoint commit together: each event is sealed exactly once.
 *
 * It refuses, with an error naming no data (the projection then stops at that event, logged with
 * position, type and id, and retries with back-off):
 * - to extend leaves that are not exactly the log's prefix: the audit tables were emptied, cut
 *   back or edited under it (AuditTablesMismatch);
 * - to sign a head the witness cannot vouch for: every new head must extend the last head in the
 *   witness file (the witnessed frontier, extended with the leaves sealed since, must be the
 *   frontier being signed), and while re-sealing what the witness already covers (a rebuild after
 *   the tables were emptied, or a batch whose commit failed) it signs nothing new, but checks the
 *   tree against every witnessed head it passes and puts back exactly the witnessed head
 *   (AuditWitnessMismatch when the tree differs: the log was rewritten or rolled back).
 * Heads go to the witness (appended, fsynced) before the transaction that inserts them commits.
 */
import { type Kysely, sql } from 'kysely';
import type { RecordedEvent } from '../eventstore/port.js';
import type { Projection } from '../projections/engine/projection.js';
import { canonicalText } from './canonical.js';
import { eventsAt } from './source.js';
import type { RawEvent } from './verify.js';
import { Frontier, leafHash, sameFrontier } from './merkle.js';
import { type AuditKey, signTreeHead } from './signing.js';
import type { WitnessRecord } from './witness.js';

export interface SealerOptions {
  /** Sign a head when this many events were sealed since the last one. */
  every: number;
  /** …or when this much time passed since the last one and something new was sealed. */
  everyMs: number;
  now?: () => Date;
}

/** The audit tables are not what this sealer left them as: it will not build on them. */
export class AuditTablesMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditTablesMismatch';
  }
}

/** The tree is not the one of a head this sealer signed (its witness says so): it will not sign. */
export class AuditWitnessMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditWitnessMismatch';
  }
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

interface NewHead {
  treeSize: number;
  rootHash: Buffer;
  timestamp: string;
  stack: { height: number; hash: Buffer }[];
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
      await checkLeavesArePrefix(trx, frontier.size, fresh[0]!);
      const rows = await eventsAt(trx, fresh.map((e) => e.globalPosition));
      const witness = await WitnessCheck.open(key, frontier);
      const { rows: last } = await sql<{ tree_size: string; signed_at: Date }>`
        select tree_size, signed_at from audit_tree_heads order by tree_size desc limit 1`.execute(trx);
      let lastSize = Number(last[0]?.tree_size ?? 0);
      const lastAt = last[0]?.signed_at.getTime() ?? 0;
      const at = now();
      const heads: NewHead[] = [];
      const indexes: number[] = [];
      const hashes: Buffer[] = [];
      const head = (): NewHead => ({ treeSize: frontier.size, rootHash: frontier.root(), timestamp: at.toISOString(), stack: [...frontier.stack] });
      for (const row of rows) {
        const leaf = leafOf(row);
        indexes.push(frontier.size);
        hashes.push(leaf);
        frontier.append(leaf);
        if (witness.passed(frontier)) lastSize = Math.max(lastSize, frontier.size); // a witnessed head put back
        // A head at every N-th leaf, so heads fall at the same sizes however events are batched.
        if (witness.maySign(frontier.size) && frontier.size - lastSize >= options.every) {
          heads.push(head());
          lastSize = frontier.size;
        }
      }
      if (witness.maySign(frontier.size) && frontier.size > lastSize && at.getTime() - lastAt >= options.everyMs) heads.push(head());
      await sql`insert into audit_leaves (leaf_index, global_position, event_id, leaf_hash)
                select * from unnest(${indexes}::bigint[], ${rows.map((r) => r.position)}::bigint[],
                                     ${rows.map((r) => r.id)}::uuid[], ${hashes}::bytea[])`.execute(trx);
      await sql`update audit_frontier set size = ${frontier.size},
                  stack = ${JSON.stringify(frontier.stack.map((s) => ({ height: s.height, hash: s.hash.toString('hex') })))}::jsonb
                where id = 1`.execute(trx);
      await witness.commit(trx, heads);
    },
  };
}

/**
 * The sealed leaves must be exactly the log up to the next event to seal: the last leaf is number
 * size-1, and the event before `first` in log order is the one it seals (none when size is 0).
 */
async function checkLeavesArePrefix(trx: Kysely<any>, size: number, first: RecordedEvent): Promise<void> {
  const { rows: leaves } = await sql<{ leaf_index: string; global_position: string }>`
    select leaf_index, global_position from audit_leaves order by leaf_index desc limit 1`.execute(trx);
  const lastLeaf = leaves[0];
  const lastIndex = lastLeaf ? Number(lastLeaf.leaf_index) : -1;
  if (lastIndex !== size - 1) throw new AuditTablesMismatch(`the audit frontier holds ${size} leaves, but the last sealed leaf is number ${lastIndex}`);
  const { rows: before } = await sql<{ global_position: string }>`
    select global_position from events
     where (transaction_id, global_position) < (${String(first.transactionId)}::xid8, ${first.globalPosition}::bigint)
     order by transaction_id desc, global_position desc limit 1`.execute(trx);
  const previous = before[0] ? Number(before[0].global_position) : null;
  const lastSealed = lastLeaf ? Number(lastLeaf.global_position) : null;
  if (previous !== lastSealed) {
    throw new AuditTablesMismatch(`the ${size} sealed leaves are not the log up to position ${first.globalPosition}: the audit tables were changed, or a sealed event deleted`);
  }
}

/** What the witness allows this batch: from the last witnessed head, and the frontier the batch starts from. */
class WitnessCheck {
  private belowIndex = 0;
  private passedLast = false;
  private readonly restore: WitnessRecord[] = [];

  private constructor(
    private readonly key: AuditKey,
    private readonly start: Frontier,
    readonly last: WitnessRecord | null,
    private readonly below: WitnessRecord[],
  ) {}

  static async open(key: AuditKey, frontier: Frontier): Promise<WitnessCheck> {
    const last = (await key.witness?.latest()) ?? null;
    const start = new Frontier(frontier.size, [...frontier.stack]);
    // Re-sealing what the witness covers: every witnessed head on the way is checked and put back.
    const below = last && frontier.size < last.treeSize ? await key.witness!.between(frontier.size, last.treeSize) : [];
    return new WitnessCheck(key, start, last, below);
  }

  /** A new head may be signed only beyond the last witnessed one. */
  maySign(size: number): boolean {
    return this.last === null || size > this.last.treeSize;
  }

  /** The frontier just grew by one leaf: at a witnessed size, the root must be the witnessed one (true: that head is put back). */
  passed(frontier: Frontier): boolean {
    if (this.last === null || frontier.size > this.last.treeSize) return false;
    while (this.belowIndex < this.below.length && this.below[this.belowIndex]!.treeSize < frontier.size) this.belowIndex++;
    const witnessed = this.below[this.belowIndex];
    if (witnessed?.treeSize !== frontier.size) return false;
    this.belowIndex++;
    if (frontier.root().toString('hex') !== witnessed.rootHash) {
      throw new AuditWitnessMismatch(`the tree of ${frontier.size} leaves is not the one of the head of that size this sealer signed: the log was rewritten or rolled back`);
    }
    this.restore.push(witnessed);
    if (frontier.size === this.last.treeSize) this.passedLast = true;
    return true;
  }

  /** Checks the heads against the witness, appends them to it, and inserts them (and any witnessed head put back). */
  async commit(trx: Kysely<any>, heads: NewHead[]): Promise<void> {
    if (heads.length > 0 && this.last !== null && !this.passedLast) await this.anchor(trx);
    const records: WitnessRecord[] = [];
    if (heads.length > 0) {
      const { rows } = await sql<{ id: string }>`select pg_current_xact_id()::text as id`.execute(trx);
      for (const head of heads) {
        const signature = signTreeHead(this.key, head).toString('base64');
        records.push({
          treeSize: head.treeSize,
          rootHash: head.rootHash.toString('hex'),
          timestamp: head.timestamp,
          keyId: this.key.keyId,
          signature,
          transactionId: rows[0]!.id,
          frontier: head.stack.map((s) => ({ height: s.height, hash: s.hash.toString('hex') })),
        });
      }
      await this.key.witness?.append(records);
    }
    for (const r of [...this.restore, ...records]) {
      await sql`insert into audit_tree_heads (tree_size, root_hash, signed_at, key_id, signature)
                values (${r.treeSize}, ${Buffer.from(r.rootHash, 'hex')}, ${r.timestamp}, ${r.keyId || this.key.keyId}, ${Buffer.from(r.signature, 'base64')})
                on conflict (tree_size) do nothing`.execute(trx);
    }
  }

  /** The frontier this batch started from must be the last witnessed one, extended with the leaves sealed since. */
  private async anchor(trx: Kysely<any>): Promise<void> {
    const last = this.last!;
    if (this.start.size < last.treeSize) throw new AuditWitnessMismatch('the sealed tree is smaller than the last head this sealer signed');
    const { rows } = await sql<{ leaf_hash: Buffer }>`
      select leaf_hash from audit_leaves where leaf_index >= ${last.treeSize} and leaf_index < ${this.start.size} order by leaf_index`.execute(trx);
    const extended = new Frontier(last.treeSize, last.frontier.map((s) => ({ height: s.height, hash: Buffer.from(s.hash, 'hex') })));
    for (const r of rows) extended.append(r.leaf_hash);
    if (rows.length !== this.start.size - last.treeSize || !sameFrontier(extended, this.start)) {
      throw new AuditWitnessMismatch(`the sealed tree of ${this.start.size} leaves does not extend the head of size ${last.treeSize} this sealer signed`);
    }
  }
}

/**
 * Signs a head over everything sealed so far when the last head is older than `everyMs` (the
 * sealer signs only when events arrive; this covers a quiet log). Returns the new head's size.
 * Behind the witness (a sealing transaction that did not commit) it signs nothing; at the
 * witness's size it puts back the witnessed head; beyond it, the new head must extend it.
 */
export async function signPendingHead(db: Kysely<any>, key: AuditKey, everyMs: number, at: Date = new Date()): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const frontier = await loadFrontier(trx, true);
    const { rows } = await sql<{ tree_size: string; signed_at: Date }>`
      select tree_size, signed_at from audit_tree_heads order by tree_size desc limit 1`.execute(trx);
    const lastSize = Number(rows[0]?.tree_size ?? 0);
    const lastAt = rows[0]?.signed_at.getTime() ?? 0;
    if (frontier.size <= lastSize || at.getTime() - lastAt < everyMs) return null;
    const witness = await WitnessCheck.open(key, frontier);
    const last = witness.last;
    if (last && frontier.size < last.treeSize) return null;
    if (last && frontier.size === last.treeSize) {
      // The witnessed head itself, put back (its transaction did not commit, or it was deleted).
      if (frontier.root().toString('hex') !== last.rootHash) throw new AuditWitnessMismatch(`the sealed tree of ${frontier.size} leaves is not the one of the head of that size this sealer signed`);
      await sql`insert into audit_tree_heads (tree_size, root_hash, signed_at, key_id, signature)
                values (${last.treeSize}, ${Buffer.from(last.rootHash, 'hex')}, ${last.timestamp}, ${last.keyId || key.keyId}, ${Buffer.from(last.signature, 'base64')})
                on conflict (tree_size) do nothing`.execute(trx);
      return last.treeSize;
    }
    await witness.commit(trx, [{ treeSize: frontier.size, rootHash: frontier.root(), timestamp: at.toISOString(), stack: [...frontier.stack] }]);
    return frontier.size;
  });
}
