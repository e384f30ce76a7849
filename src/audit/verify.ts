/**
 * The voluntariness verifier. It reads raw events (their stored form), never the deciders or the
 * read models, and checks from the log alone that consent was always voluntary and that the log
 * is the one that was sealed. Each check counts the cases it examined and lists every violation
 * by global position and event id; a report never holds personal data.
 */
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { CATALOGUE } from './catalogue.js';
import { check, type CheckResult, type Data, type EventChecks, type Meta } from './checks/types.js';
import { voluntarinessChecks } from './checks/voluntariness.js';
import { canonicalText, jcs, type StoredEvent } from './canonical.js';
import { Frontier, leafHash } from './merkle.js';
import { keyIdOf } from './signing.js';

/**
 * An event as stored. Events of one append share their command id (metadata.commandId).
 * `leaf`: its leaf hash when the reader computed it from the bytes it read (a bundle's line,
 * hashed as it stands, as `sha256sum` would); otherwise the verifier computes it.
 * `treeRoot`: with `rootsFromReader`, the root (hex) of the tree up to this event, given by the
 * reader at every size a head names.
 */
export type RawEvent = StoredEvent & { leaf?: Buffer; treeRoot?: string };
export interface TreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  signature: string;
}
export type { CheckResult, Violation } from './checks/types.js';
export interface Report {
  ok: boolean;
  events: number;
  checks: CheckResult[];
  catalogue: typeof CATALOGUE;
  /** The id of the key the heads were checked against: compare it with the published one. */
  keyId: string;
  /** How much of the log is sealed (a leaf per event) and covered by a signed head. */
  coverage: { events: number; sealed: number; signed: number };
}

/**
 * Runs every check. `events` in log order; `leaves` the sealed leaf hashes, 32 bytes each, by index;
 * `heads` the signed tree heads; `publicKeyPem` the sealer's key. `onProgress` gets the count.
 */
export async function verifyLog(input: {
  events: AsyncIterable<RawEvent[]>;
  /** The sealed leaf hashes by index, 32 bytes each. */
  leaves: Buffer;
  heads: TreeHead[];
  publicKeyPem: string;
  onProgress?: (events: number) => void;
  /** The reader keeps the tree (a bundle's helper thread) and gives each head's root on its event. */
  rootsFromReader?: boolean;
  /**
   * The events are meant to be exactly what was sealed and signed (a bundle): an event without a
   * leaf, or a leaf no signed head covers, is a violation. Against the live database they are
   * not: the newest events wait for the sealer and the next head.
   */
  complete?: boolean;
}): Promise<Report> {
  const groups: EventChecks[] = [voluntarinessChecks()];
  const merkle = check(8, 'the Merkle tree recomputed from the events matches every signed, consistent tree head');
  const c = [...groups.flatMap((g) => g.checks), merkle].sort((x, y) => x.id - y.id);
  const frontier = new Frontier();
  const wellFormed = (h: TreeHead) => Number.isSafeInteger(h.treeSize) && h.treeSize >= 1 && typeof h.rootHash === 'string' && typeof h.signature === 'string' && typeof h.timestamp === 'string';
  for (const head of input.heads.filter((h) => !wellFormed(h))) {
    merkle.violations.push({ position: null, eventId: null, reason: `a signed head is malformed (size ${JSON.stringify(head?.treeSize)})` });
  }
  const heads = input.heads.filter(wellFormed).sort((a, b) => a.treeSize - b.treeSize);
  const key = createPublicKey(input.publicKeyPem);
  let headIndex = 0;
  let firstBadLeaf: number | null = null;
  let size = 0;
  let count = 0;
  let previous: RawEvent | null = null;

  const leafCount = Math.floor(input.leaves.length / 32);
  const v = (r: CheckResult, e: RawEvent, reason: string) => r.violations.push({ position: e.position, eventId: e.id, reason });
  const endOfAppend = () => {
    for (const g of groups) g.endOfAppend?.();
  };

  for await (const batch of input.events) {
    for (const e of batch) {
      const meta = (e.metadata !== null && typeof e.metadata === 'object' ? e.metadata : {}) as Meta;
      if (previous !== null && ((previous.metadata as Meta | null)?.commandId !== meta.commandId || previous.stream !== e.stream)) endOfAppend();
      previous = e;
      const d = (e.data !== null && typeof e.data === 'object' ? e.data : {}) as Data;
      for (const g of groups) g.onEvent(e, d, meta);

      // 8: recompute the leaf and compare with the sealed one; check each head as its size is reached.
      const index = size;
      const leaf = e.leaf ?? leafHash(canonicalText(e));
      if (!input.rootsFromReader) frontier.append(leaf);
      size++;
      if (index < leafCount) {
        merkle.examined++;
        if (input.leaves.compare(leaf, 0, 32, index * 32, index * 32 + 32) !== 0) {
          firstBadLeaf ??= index;
          v(merkle, e, `leaf ${index} does not match the event as it is now`);
        }
      }
      while (headIndex < heads.length && heads[headIndex]!.treeSize === size) {
        checkHead(heads[headIndex]!, input.rootsFromReader ? (e.treeRoot ?? 'missing') : frontier.root().toString('hex'), key, merkle, e);
        headIndex++;
      }
      count++;
    }
    input.onProgress?.(count);
  }
  endOfAppend();
  for (const g of groups) g.finish?.();
  if (size < leafCount) {
    merkle.violations.push({ position: null, eventId: null, reason: `${leafCount - size} sealed leaves have no event: events were deleted` });
  }
  const signed = heads.at(-1)?.treeSize ?? 0;
  if (input.complete && size > leafCount) {
    merkle.violations.push({ position: null, eventId: null, reason: `${size - leafCount} events have no sealed leaf: they are not part of the sealed log` });
  }
  if (input.complete && signed < leafCount) {
    merkle.violations.push({ position: null, eventId: null, reason: `${leafCount - signed} sealed leaves are covered by no signed head` });
  }
  for (const head of heads.slice(headIndex)) {
    merkle.violations.push({ position: null, eventId: null, reason: `signed head of size ${head.treeSize} covers more events than the log holds` });
  }
  if (firstBadLeaf !== null) {
    const covering = heads.find((h) => h.treeSize > firstBadLeaf!);
    if (covering) merkle.violations.push({ position: null, eventId: null, reason: `the first signed head covering leaf ${firstBadLeaf} is the one of size ${covering.treeSize}` });
  }
  return {
    ok: c.every((r) => r.violations.length === 0),
    events: count,
    checks: c,
    catalogue: CATALOGUE,
    keyId: keyIdOf(key),
    coverage: { events: count, sealed: Math.min(leafCount, size), signed: Math.min(signed, size) },
  };
}

function checkHead(head: TreeHead, recomputed: string, key: ReturnType<typeof createPublicKey>, merkle: CheckResult, e: RawEvent): void {
  merkle.examined++;
  const message = Buffer.from(jcs({ rootHash: head.rootHash, timestamp: head.timestamp, treeSize: head.treeSize }));
  if (!verifySignature(null, message, key, Buffer.from(head.signature, 'base64'))) {
    merkle.violations.push({ position: e.position, eventId: e.id, reason: `the signature of the head of size ${head.treeSize} is not valid` });
  }
  // A head whose root matches the recomputed tree is consistent with every earlier such head:
  // both are prefixes of the same recomputed sequence of leaves.
  if (head.rootHash !== recomputed) {
    merkle.violations.push({ position: e.position, eventId: e.id, reason: `the signed head of size ${head.treeSize} does not match the events` });
  }
}
