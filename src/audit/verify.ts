/**
 * The voluntariness verifier. It reads raw events (their stored form), never the deciders or the
 * read models, and checks from the log alone that consent was always voluntary, that ballots were
 * secret (check 10), that the budgets' books were kept (check 11), that the board's record holds
 * (check 12), that citizens' ideas were counted right (check 13), and that the log is the one
 * that was sealed. Each check counts the cases it examined and lists every violation
 * by global position and event id; a report never holds personal data, and names a citizen only
 * by a keyed pseudonym.
 *
 * Check 8 (integrity) holds: every leaf against the event at its index (hash, position, event id);
 * every signed head against the tree recomputed from the events; against the live database, that
 * every event older than `sealWithinMs` is sealed and covered by a signed head and that the
 * audit_frontier row is the tree of the leaves; every head an auditor kept (`trustedHeads`) and
 * every head the sealer's witness holds against the recomputed tree, each with an RFC 9162
 * consistency proof to the newest signed head; and that no witnessed head is missing from the
 * database. Events the canonical form cannot represent are named too.
 */
import { createPublicKey, type KeyObject, verify as verifySignature } from 'node:crypto';
import { CATALOGUE } from './catalogue.js';
import { check, type CheckResult, type Data, type EventChecks, type Meta, type Violation } from './checks/types.js';
import { ballotChecks } from './checks/ballot.js';
import { boardChecks } from './checks/board.js';
import { ideaChecks } from './checks/ideas.js';
import { budgetChecks } from './checks/budget.js';
import { voluntarinessChecks } from './checks/voluntariness.js';
import { canonicalText, jcs, type StoredEvent } from './canonical.js';
import { Frontier, LeafTree, leafHash, sameFrontier, verifyConsistency } from './merkle.js';
import { citizenOf, oneOffPseudonymiser, type Pseudonymiser } from './pseudonym.js';
import { keyIdOf } from './signing.js';
import type { WitnessedHead } from './witness.js';

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
/**
 * The sealed leaves: hashes (32 bytes each) in leaf order. From the database also each row's
 * leaf_index, global_position and event id (16 bytes each); a bundle's leaves.txt is by index.
 */
export interface SealedLeaves {
  hashes: Buffer;
  count: number;
  indexes?: Float64Array;
  positions?: Float64Array;
  eventIds?: Buffer;
}
export type { CheckResult, Violation } from './checks/types.js';
export type CheckStatus = 'ok' | 'violations' | 'not_applicable';
/** A violation as reported: `citizen` is the pseudonym of the citizen the event is about, if any. */
export interface ReportedViolation extends Violation {
  citizen?: string;
}
export interface ReportedCheck extends CheckResult {
  /** `not_applicable`: the check examined nothing (and found nothing) — never "ok". */
  status: CheckStatus;
  violations: ReportedViolation[];
}
export interface Report {
  ok: boolean;
  events: number;
  checks: ReportedCheck[];
  catalogue: typeof CATALOGUE;
  /** The id of the key the heads were checked against: compare it with the published one. */
  keyId: string;
  /** How much of the log is sealed (a leaf per event) and covered by a signed head. */
  coverage: { events: number; sealed: number; signed: number };
  /** Heads checked besides the log's own: those an auditor kept, and those in the sealer's witness. */
  against: { trustedHeads: number; witnessedHeads: number };
}

/**
 * How long an event may wait for its leaf and a signed head before its absence is a violation:
 * the sealer signs within AUDIT_SEAL_EVERY_MS of the previous head while anything is unsigned
 * (the server's timer fires every AUDIT_SEAL_EVERY_MS, so up to twice that), plus a minute for
 * the projection's polling, the read horizon and clock skew.
 */
export function sealWithinMs(sealEveryMs: number): number {
  return 2 * sealEveryMs + 60_000;
}

/** What the verifier knows only against the live database. */
export interface LiveState {
  /** The database's time (milliseconds), against which events' recorded times are compared. */
  nowMs: number;
  sealEveryMs: number;
  /** The audit_frontier row; null when it is gone. */
  frontier: { size: number; stack: { height: number; hash: Buffer }[] } | null;
}

export interface WitnessInput {
  heads: WitnessedHead[];
  /** Line numbers of lines that are no signed head. */
  malformedLines?: number[];
  /** pg_xact_status of the transactions that wrote witnessed heads the database lacks. */
  transactionStatus?: Map<string, string | null>;
}

/**
 * Runs every check. `events` in log order; `leaves` the sealed leaves; `heads` the signed tree
 * heads; `publicKeyPem` the sealer's key. `onProgress` gets the count.
 */
export async function verifyLog(input: {
  events: AsyncIterable<RawEvent[]>;
  /** The sealed leaf hashes by index, 32 bytes each, or the leaves as the database holds them. */
  leaves: Buffer | SealedLeaves;
  heads: TreeHead[];
  publicKeyPem: string;
  onProgress?: (events: number) => void;
  /** The reader keeps the tree (a bundle's helper thread) and gives each head's root on its event. */
  rootsFromReader?: boolean;
  /**
   * The events are meant to be exactly what was sealed and signed (a bundle): an event without a
   * leaf, or a leaf no signed head covers, is a violation. Against the live database they are
   * not: the newest events wait for the sealer and the next head (`live` says how long).
   */
  complete?: boolean;
  live?: LiveState;
  /** Heads an auditor kept: the log must still have each one's root at its size. */
  trustedHeads?: TreeHead[];
  /** The sealer's witness file: every head it signed. */
  witness?: WitnessInput;
  /** How citizens are named (default: pseudonyms under a key of this run only). */
  pseudonym?: Pseudonymiser;
}): Promise<Report> {
  const groups: EventChecks[] = [voluntarinessChecks(), ballotChecks(), budgetChecks(), boardChecks(), ideaChecks()];
  const merkle = check(8, 'the log is the one that was sealed: the tree recomputed from the events matches every signed, trusted and witnessed head, and every event old enough is sealed and signed');
  const c = [...groups.flatMap((g) => g.checks), merkle].sort((x, y) => x.id - y.id);
  const pseudonym = input.pseudonym ?? oneOffPseudonymiser();
  // A violation a check raises about the event being read, or about its append when that append
  // ends (one stream), is tagged with the pseudonym of the citizen that event is about.
  const current: { event: RawEvent | null; appendEnding: boolean } = { event: null, appendEnding: false };
  // An event may raise many violations: name its citizen once.
  let tagged: RawEvent | null = null;
  let tag: string | undefined;
  const tagOf = (e: RawEvent | null): string | undefined => {
    if (e === null) return undefined;
    if (e !== tagged) {
      const citizen = citizenOf(e.stream, e.data);
      tag = citizen === null ? undefined : pseudonym(citizen);
      tagged = e;
    }
    return tag;
  };
  for (const g of groups) {
    for (const r of g.checks) r.violations = tagging(r.violations, (v) => (current.event && (current.appendEnding || v.eventId === current.event.id) ? tagOf(current.event) : undefined));
  }

  const frontier = new Frontier();
  const wellFormed = (h: TreeHead) => Number.isSafeInteger(h?.treeSize) && h.treeSize >= 1 && typeof h.rootHash === 'string' && typeof h.signature === 'string' && typeof h.timestamp === 'string';
  for (const head of input.heads.filter((h) => !wellFormed(h))) {
    merkle.violations.push({ position: null, eventId: null, reason: `a signed head is malformed (size ${JSON.stringify(head?.treeSize)})` });
  }
  const heads = input.heads.filter(wellFormed).sort((a, b) => a.treeSize - b.treeSize);
  const key = createPublicKey(input.publicKeyPem);
  const goodSignature = new Set<TreeHead>();
  let headIndex = 0;
  let firstBadLeaf: number | null = null;
  let size = 0;
  let count = 0;
  let previous: RawEvent | null = null;

  // The leaves, by row: contiguous (row i is leaf i) unless rows are missing or misnumbered.
  const sealed: SealedLeaves = Buffer.isBuffer(input.leaves) ? { hashes: input.leaves, count: Math.floor(input.leaves.length / 32) } : input.leaves;
  const leafCount = sealed.count;
  const indexes = sealed.indexes ?? null;
  let contiguous = true;
  if (indexes) for (let i = 0; i < leafCount && contiguous; i++) contiguous = indexes[i] === i;
  const lastIndex = contiguous ? leafCount - 1 : (indexes![leafCount - 1] ?? -1);
  const leafSlots = Number.isSafeInteger(lastIndex) ? lastIndex + 1 : leafCount; // leaf numbers 0 … leafSlots-1 should all be there
  const positions = sealed.positions ?? null;
  const eventIds = sealed.eventIds ?? null;
  let row = 0; // the next leaf row (when not contiguous)
  let oddRows = 0;
  let sealedEvents = 0;
  let missing = 0;
  let firstMissing: { e: RawEvent; index: number } | null = null;

  // Against the live database: events recorded before the cutoff must be sealed and signed.
  const live = input.live;
  const threshold = live ? sealWithinMs(live.sealEveryMs) : 0;
  const cutoff = live ? `${new Date(live.nowMs - threshold).toISOString().slice(0, 23)}000Z` : '';
  const signedSize = heads.at(-1)?.treeSize ?? 0;
  let unsealedOld = 0;
  let firstUnsealedOld: { e: RawEvent; index: number } | null = null;
  let unsignedOld = 0;
  let firstUnsignedOld: { e: RawEvent; index: number } | null = null;
  let firstEvent: RawEvent | null = null;
  const textForm: RawEvent[] = [];

  // Sizes at which the tree's root (and the event there) is wanted: trusted and witnessed heads, the frontier row.
  const trusted = dedupe((input.trustedHeads ?? []).filter(wellFormed));
  const witnessed = (input.witness?.heads ?? []).filter(wellFormed);
  const wanted = new Set<number>();
  for (const h of [...trusted, ...witnessed]) wanted.add(h.treeSize);
  if (live) {
    wanted.add(1);
    if (live.frontier && Number.isSafeInteger(live.frontier.size)) {
      wanted.add(live.frontier.size);
      wanted.add(live.frontier.size + 1);
    }
    wanted.add(leafSlots + 1);
  }
  const probes = [...wanted].filter((s) => s >= 1).sort((a, b) => a - b);
  let probeIndex = 0;
  const seen = new Map<number, { position: number; eventId: string; root: string; stack: { height: number; hash: Buffer }[] | null }>();

  const v = (r: CheckResult, e: RawEvent, reason: string) => r.violations.push(withCitizen({ position: e.position, eventId: e.id, reason }, tagOf(e)));
  const endOfAppend = () => {
    current.appendEnding = true;
    for (const g of groups) g.endOfAppend?.();
    current.appendEnding = false;
  };

  for await (const batch of input.events) {
    for (const e of batch) {
      const meta = (e.metadata !== null && typeof e.metadata === 'object' ? e.metadata : {}) as Meta;
      if (previous !== null && ((previous.metadata as Meta | null)?.commandId !== meta.commandId || previous.stream !== e.stream)) endOfAppend();
      previous = e;
      current.event = e;
      firstEvent ??= e;
      if (e.storedAsText !== undefined) textForm.push(e);
      const d = (e.data !== null && typeof e.data === 'object' ? e.data : {}) as Data;
      for (const g of groups) g.onEvent(e, d, meta);

      // 8: recompute the leaf and compare with the sealed one; check each head as its size is reached.
      const index = size;
      let leaf = e.leaf ?? null;
      if (leaf === null) {
        try {
          leaf = leafHash(canonicalText(e));
        } catch {
          v(merkle, e, 'the event cannot be put in canonical form');
        }
      }
      let at = -1; // its leaf's row
      if (contiguous) {
        if (index < leafCount) at = index;
      } else {
        while (row < leafCount && !(indexes![row]! >= index)) {
          oddRows++; // a leaf number below the one expected here: negative, or out of order
          row++;
        }
        if (row < leafCount && indexes![row] === index) at = row++;
      }
      if (at >= 0) {
        merkle.examined++;
        sealedEvents++;
        if (leaf === null || sealed.hashes.compare(leaf, 0, 32, at * 32, at * 32 + 32) !== 0) {
          firstBadLeaf ??= index;
          if (leaf !== null) v(merkle, e, `leaf ${index} does not match the event as it is now`);
        }
        if (positions !== null && positions[at] !== e.position) v(merkle, e, `leaf ${index} names position ${positions[at]}, but the event at that index is this one`);
        if (eventIds !== null && !sameId(eventIds, at, e.id)) v(merkle, e, `leaf ${index} names another event id than this event's`);
        if (live && index >= signedSize && e.recordedAt < cutoff) {
          unsignedOld++;
          firstUnsignedOld ??= { e, index };
        }
      } else if (index < leafSlots) {
        missing++;
        firstMissing ??= { e, index };
      } else if (live && e.recordedAt < cutoff) {
        unsealedOld++;
        firstUnsealedOld ??= { e, index };
      }
      if (!input.rootsFromReader) frontier.append(leaf ?? (at >= 0 ? sealed.hashes.subarray(at * 32, at * 32 + 32) : ZERO));
      size++;
      while (headIndex < heads.length && heads[headIndex]!.treeSize === size) {
        checkHead(heads[headIndex]!, input.rootsFromReader ? (e.treeRoot ?? 'missing') : frontier.root().toString('hex'), key, merkle, e, goodSignature);
        headIndex++;
      }
      if (probeIndex < probes.length && probes[probeIndex] === size) {
        seen.set(size, {
          position: e.position,
          eventId: e.id,
          root: input.rootsFromReader ? (e.treeRoot ?? 'missing') : frontier.root().toString('hex'),
          stack: input.rootsFromReader ? null : [...frontier.stack],
        });
        probeIndex++;
      }
      count++;
    }
    input.onProgress?.(count);
  }
  endOfAppend();
  current.event = null;
  for (const g of groups) g.finish?.();

  const at = (s: number) => seen.get(s) ?? null;
  const note = (reason: string, where: { position: number; eventId: string } | null = null) =>
    merkle.violations.push({ position: where?.position ?? null, eventId: where?.eventId ?? null, reason });
  const noteAt = (reason: string, where: { e: RawEvent } | null) => (where ? v(merkle, where.e, reason) : note(reason));

  for (const e of textForm) {
    v(merkle, e, `the stored ${Object.keys(e.storedAsText!).join(' and ')} cannot be represented in the canonical form (a number no double holds exactly, nesting too deep, or a recorded time out of range): sealed as PostgreSQL's text of it`);
  }
  if (oddRows > 0) note(`${oddRows} sealed leaf rows have a leaf number no event can have (negative or out of order)`);
  const unmatchedRows = contiguous ? leafCount - Math.min(leafCount, size) : leafCount - row;
  if (unmatchedRows > 0) note(`${unmatchedRows} sealed leaves have no event: events were deleted`);
  if (missing > 0) noteAt(`${missing} sealed leaves are missing (deleted from audit_leaves): the first is leaf ${firstMissing!.index}`, firstMissing);
  if (!input.complete && count > 0 && leafCount === 0) {
    note(`nothing is sealed: the log holds ${count} events and no leaf`, firstEvent ? { position: firstEvent.position, eventId: firstEvent.id } : null);
  }
  if (live && unsealedOld > 0) {
    noteAt(`${unsealedOld} events recorded more than ${Math.round(threshold / 1000)} s ago are not sealed: the first is at index ${firstUnsealedOld!.index}`, firstUnsealedOld);
  }
  if (live && unsignedOld > 0) {
    noteAt(`${unsignedOld} sealed events recorded more than ${Math.round(threshold / 1000)} s ago are covered by no signed head: the first is at index ${firstUnsignedOld!.index}`, firstUnsignedOld);
  }
  if (live && signedSize > leafSlots && leafSlots < size) {
    note(`the signed head of size ${signedSize} covers leaves that are not in audit_leaves (deleted): the first missing is leaf ${leafSlots}`, at(leafSlots + 1));
  }
  if (input.complete && size > leafCount) {
    note(`${size - leafCount} events have no sealed leaf: they are not part of the sealed log`);
  }
  if (input.complete && signedSize < leafCount) {
    note(`${leafCount - signedSize} sealed leaves are covered by no signed head`);
  }
  for (const head of heads.slice(headIndex)) {
    note(`signed head of size ${head.treeSize} covers more events than the log holds`);
  }
  if (firstBadLeaf !== null) {
    const covering = heads.find((h) => h.treeSize > firstBadLeaf!);
    if (covering) note(`the first signed head covering leaf ${firstBadLeaf} is the one of size ${covering.treeSize}`);
  }

  // The sealer's own state: its frontier row must be the tree of the leaves.
  if (live) {
    const f = live.frontier;
    if (f === null) {
      if (leafCount > 0) note(`the audit_frontier row is missing while ${leafCount} leaves are sealed`, at(1));
    } else {
      merkle.examined++;
      if (!Number.isSafeInteger(f.size) || f.size < 0) note('the audit_frontier row has no valid size');
      else if (f.size < leafSlots) note(`the audit_frontier row holds ${f.size} leaves, but ${leafSlots} are sealed: the first it lacks is leaf ${f.size}`, at(f.size + 1));
      else if (f.size > leafSlots) note(`the audit_frontier row holds ${f.size} leaves, but only ${leafSlots} are sealed: the first it claims and that is missing is leaf ${leafSlots}`, at(leafSlots + 1));
      else if (f.size > 0) {
        const there = at(f.size);
        if (!there || !there.stack || !sameFrontier({ size: f.size, stack: there.stack }, f)) note(`the audit_frontier row is not the tree of the ${f.size} sealed leaves`, there);
      }
    }
  }

  // Heads kept outside the database: by an auditor, and by the sealer's witness.
  const tree = contiguous && leafCount > 0 ? new LeafTree(sealed.hashes, leafCount) : null;
  const newest = heads.at(-1) ?? null;
  const bySize = new Map(heads.map((h) => [h.treeSize, h]));
  const sameHead = (a: TreeHead, b: TreeHead | undefined) => b !== undefined && a.rootHash === b.rootHash && a.timestamp === b.timestamp && a.signature === b.signature;
  const checkKept = (h: TreeHead, whose: string): boolean => {
    merkle.examined++;
    const mine = bySize.get(h.treeSize);
    if (!(sameHead(h, mine) && goodSignature.has(mine!)) && !signatureValid(h, key)) note(`${whose} of size ${h.treeSize} is not signed by this key`);
    if (h.treeSize > size) {
      note(`the log was rolled back: ${whose} covers ${h.treeSize} events, the log holds ${size}`);
      return false;
    }
    const there = at(h.treeSize);
    if (!there || there.root !== h.rootHash) {
      note(`the log was rewritten: the events no longer have the root of ${whose} of size ${h.treeSize}`, there);
      return false;
    }
    return true;
  };
  const proveTo = (h: TreeHead, whose: string) => {
    if (!tree || !newest || h.treeSize === newest.treeSize) return;
    const [first, second] = h.treeSize < newest.treeSize ? [h, newest] : [newest, h];
    if (second.treeSize > tree.size) return; // beyond the sealed leaves: reported above
    const proof = tree.consistencyProof(first.treeSize, second.treeSize);
    if (!verifyConsistency(first.treeSize, second.treeSize, Buffer.from(first.rootHash, 'hex'), Buffer.from(second.rootHash, 'hex'), proof)) {
      note(`no consistency proof from the head of size ${first.treeSize} to the head of size ${second.treeSize} (${whose} and the newest signed head)`, at(h.treeSize));
    }
  };
  for (const h of trusted) {
    checkKept(h, 'a trusted head');
    if (h.treeSize <= size) proveTo(h, 'a trusted head');
  }
  const witness = input.witness;
  if (witness) {
    for (const line of witness.malformedLines ?? []) note(`line ${line} of the witness file is not a signed head`);
    const lateMs = live ? live.nowMs - threshold : Number.NEGATIVE_INFINITY;
    for (const h of witnessed) {
      checkKept(h, 'a head in the witness');
      if (!live) continue;
      const mine = bySize.get(h.treeSize);
      if (mine && !sameHead(h, mine)) {
        note(`the database's head of size ${h.treeSize} is not the one the sealer signed and witnessed`, at(h.treeSize));
      } else if (!mine) {
        // Written to the witness before its transaction committed: missing only if that transaction committed.
        const status = h.transactionId ? witness.transactionStatus?.get(h.transactionId) : undefined;
        const deleted = status === 'committed' || ((status === null || status === undefined) && Date.parse(h.timestamp) < lateMs);
        if (deleted) note(`a head the sealer signed and witnessed is missing from the database (deleted): size ${h.treeSize}`, at(h.treeSize));
      }
    }
    const newestWitnessed = witnessed.reduce<WitnessedHead | null>((m, h) => (!m || h.treeSize > m.treeSize ? h : m), null);
    if (newestWitnessed && newestWitnessed.treeSize <= size && at(newestWitnessed.treeSize)?.root === newestWitnessed.rootHash) proveTo(newestWitnessed, 'the newest head in the witness');
  }

  const checks: ReportedCheck[] = c.map((r) => {
    const violations = Array.from(r.violations) as ReportedViolation[];
    return { ...r, violations, status: violations.length > 0 ? 'violations' : r.examined === 0 ? 'not_applicable' : 'ok' };
  });
  return {
    ok: checks.every((r) => r.violations.length === 0),
    events: count,
    checks,
    catalogue: CATALOGUE,
    keyId: keyIdOf(key),
    coverage: { events: count, sealed: sealedEvents, signed: Math.min(signedSize, size) },
    against: { trustedHeads: trusted.length, witnessedHeads: witnessed.length },
  };
}

const ZERO = Buffer.alloc(32);

function checkHead(head: TreeHead, recomputed: string, key: KeyObject, merkle: CheckResult, e: RawEvent, good: Set<TreeHead>): void {
  merkle.examined++;
  if (signatureValid(head, key)) good.add(head);
  else merkle.violations.push({ position: e.position, eventId: e.id, reason: `the signature of the head of size ${head.treeSize} is not valid` });
  // A head whose root matches the recomputed tree is consistent with every earlier such head:
  // both are prefixes of the same recomputed sequence of leaves.
  if (head.rootHash !== recomputed) {
    merkle.violations.push({ position: e.position, eventId: e.id, reason: `the signed head of size ${head.treeSize} does not match the events` });
  }
}

function signatureValid(head: TreeHead, key: KeyObject): boolean {
  try {
    const message = Buffer.from(jcs({ rootHash: head.rootHash, timestamp: head.timestamp, treeSize: head.treeSize }));
    return verifySignature(null, message, key, Buffer.from(head.signature, 'base64'));
  } catch {
    return false;
  }
}

function dedupe(heads: TreeHead[]): TreeHead[] {
  const seen = new Set<string>();
  return heads.filter((h) => {
    const k = `${h.treeSize}|${h.rootHash}|${h.timestamp}|${h.signature}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function withCitizen(violation: Violation, citizen: string | undefined): ReportedViolation {
  return citizen === undefined ? violation : { ...violation, citizen };
}

/** An array whose pushes tag each violation with the citizen it is about, if any. */
function tagging(existing: Violation[], citizen: (v: Violation) => string | undefined): Violation[] {
  const out: Violation[] = [...existing];
  const push = out.push.bind(out);
  out.push = (...items: Violation[]) => push(...items.map((v) => (v.position === null ? v : withCitizen(v, citizen(v)))));
  return out;
}

// An event id as text against its 16 bytes in audit_leaves, without making a string or buffer per event.
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX_VALUE[48 + i] = i;
for (let i = 0; i < 6; i++) HEX_VALUE[97 + i] = 10 + i;
const ID_PAIRS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

function sameId(ids: Buffer, row: number, id: string): boolean {
  if (id.length !== 36 || id.charCodeAt(8) !== 45 || id.charCodeAt(13) !== 45 || id.charCodeAt(18) !== 45 || id.charCodeAt(23) !== 45) return false;
  const base = row * 16;
  for (let k = 0; k < 16; k++) {
    const i = ID_PAIRS[k]!;
    const hi = HEX_VALUE[id.charCodeAt(i) & 127]!;
    const lo = HEX_VALUE[id.charCodeAt(i + 1) & 127]!;
    if (hi < 0 || lo < 0 || ((hi << 4) | lo) !== ids[base + k]) return false;
  }
  return true;
}
