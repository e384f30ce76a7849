/**
 * The verifier against the live database: the events, leaves, heads and frontier in one
 * snapshot; the database's own clock for the coverage rule; the sealer's witness file; and any
 * heads an auditor kept.
 */
import { sql } from 'kysely';
import type { Database } from '../database/connect.js';
import type { Pseudonymiser } from './pseudonym.js';
import { openAuditSnapshot, transactionStatuses } from './source.js';
import { type Report, type TreeHead, verifyLog, type WitnessInput } from './verify.js';
import { readWitnessFile } from './witness.js';

export interface DatabaseVerification {
  publicKeyPem: string;
  /** AUDIT_SEAL_EVERY_MS: events older than sealWithinMs(it) must be sealed and signed. */
  sealEveryMs: number;
  /** The sealer's witness file (none: not checked). */
  witnessFile?: string | null;
  trustedHeads?: TreeHead[];
  pseudonym?: Pseudonymiser;
  /** Instead of the database's clock (tests). */
  nowMs?: number;
  onProgress?: (events: number) => void;
  batchSize?: number;
}

export async function verifyDatabase(database: Database, options: DatabaseVerification): Promise<Report> {
  const witness = options.witnessFile ? await readWitnessInput(database, options.witnessFile) : undefined;
  const snapshot = await openAuditSnapshot(database.pool);
  try {
    return await verifyLog({
      events: snapshot.events(options.batchSize),
      leaves: snapshot.leaves,
      heads: snapshot.heads,
      publicKeyPem: options.publicKeyPem,
      live: { nowMs: options.nowMs ?? snapshot.nowMs, sealEveryMs: options.sealEveryMs, frontier: snapshot.frontier },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.trustedHeads ? { trustedHeads: options.trustedHeads } : {}),
      ...(witness ? { witness } : {}),
      ...(options.pseudonym ? { pseudonym: options.pseudonym } : {}),
    });
  } finally {
    await snapshot.close();
  }
}

/**
 * The witness file, and the fate of the transactions behind witnessed heads the database lacks —
 * asked before the snapshot is taken, so that a head whose transaction had committed by then is
 * in the snapshot unless it was deleted.
 */
async function readWitnessInput(database: Database, file: string): Promise<WitnessInput | undefined> {
  const read = await readWitnessFile(file);
  if (!read) return undefined;
  const { rows } = await sql<{ tree_size: string }>`select tree_size from audit_tree_heads`.execute(database.db);
  const inDatabase = new Set(rows.map((r) => Number(r.tree_size)));
  const missing = read.records.filter((r) => !inDatabase.has(r.treeSize) && r.transactionId !== undefined);
  const transactionStatus = await transactionStatuses(database.db, missing.map((r) => r.transactionId!));
  return { heads: read.records, malformedLines: read.malformedLines, transactionStatus };
}
