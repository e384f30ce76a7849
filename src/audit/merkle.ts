/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0), §2.1: leaf = SHA-256(0x00 ‖ bytes),
 * node = SHA-256(0x01 ‖ left ‖ right), a tree of n leaves split at the largest power of two below n.
 * Inclusion proofs (§2.1.3) and consistency proofs (§2.1.4) are computed from the leaf hashes.
 */
import { createHash, hash } from 'node:crypto';

const LEAF = Buffer.of(0);
const NODE = Buffer.of(1);

/** SHA-256(0x00 ‖ bytes). A string is taken as its UTF-8 bytes. (One-shot `hash`: no Hash object per leaf.) */
export function leafHash(bytes: Uint8Array | string): Buffer {
  return typeof bytes === 'string' ? hash('sha256', `\u0000${bytes}`, 'buffer') : hash('sha256', Buffer.concat([LEAF, bytes]), 'buffer');
}

// The input of a node of two hashes, written in place: the verifier hashes one for about every leaf.
const PAIR = Buffer.alloc(65);
PAIR[0] = 1;

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== 32 || right.length !== 32) return hash('sha256', Buffer.concat([NODE, left, right], 1 + left.length + right.length), 'buffer');
  PAIR.set(left, 1);
  PAIR.set(right, 33);
  return hash('sha256', PAIR, 'buffer');
}

const EMPTY = createHash('sha256').digest();

/** The largest power of two smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[0:n]) over leaf hashes. */
export function rootOf(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY;
  if (leaves.length === 1) return leaves[0]!;
  const k = split(leaves.length);
  return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)));
}

/** PATH(m, D[0:n]): the inclusion proof of leaf m in the tree of the given leaves. */
export function inclusionProof(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (m < 0 || m >= leaves.length) throw new RangeError(`leaf ${m} is not in a tree of ${leaves.length}`);
  if (leaves.length === 1) return [];
  const k = split(leaves.length);
  return m < k
    ? [...inclusionProof(m, leaves.slice(0, k)), rootOf(leaves.slice(k))]
    : [...inclusionProof(m - k, leaves.slice(k)), rootOf(leaves.slice(0, k))];
}

/** PROOF(m, D[0:n]): the consistency proof that the tree of n leaves extends the tree of m. */
export function consistencyProof(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (m <= 0 || m > leaves.length) throw new RangeError(`no consistency proof from ${m} to ${leaves.length}`);
  if (m === leaves.length) return [];
  return subproof(m, leaves, true);
}

function subproof(m: number, leaves: readonly Buffer[], complete: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return complete ? [] : [rootOf(leaves)];
  const k = split(n);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), complete), rootOf(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), rootOf(leaves.slice(0, k))];
}

/**
 * The running tree: the roots of its perfect subtrees, largest first. Appending is O(log n), and
 * so is the root of the whole tree; nothing but the frontier needs keeping.
 */
export class Frontier {
  constructor(
    public size = 0,
    /** [height, hash] of each perfect subtree, left to right. */
    public readonly stack: { height: number; hash: Buffer }[] = [],
  ) {}

  append(leaf: Buffer): void {
    let node = { height: 0, hash: leaf };
    while (this.stack.length > 0 && this.stack.at(-1)!.height === node.height) {
      const left = this.stack.pop()!;
      node = { height: node.height + 1, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.size++;
  }

  root(): Buffer {
    if (this.stack.length === 0) return EMPTY;
    let hash = this.stack.at(-1)!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i]!.hash, hash);
    return hash;
  }
}

/** Whether two frontiers are the same tree: same size, same perfect subtrees. */
export function sameFrontier(a: { size: number; stack: readonly { height: number; hash: Buffer }[] }, b: { size: number; stack: readonly { height: number; hash: Buffer }[] }): boolean {
  return a.size === b.size && a.stack.length === b.stack.length && a.stack.every((s, i) => s.height === b.stack[i]!.height && s.hash.equals(b.stack[i]!.hash));
}

/**
 * The tree over a run of leaf hashes held in one buffer (32 bytes each), for proofs between any
 * two sizes without copying the leaves into arrays. Roots of aligned perfect subtrees of height
 * CACHED or more are remembered, so many proofs over one tree cost about one pass over it.
 */
export class LeafTree {
  private static readonly CACHED = 8;
  private readonly cache = new Map<number, Buffer>();

  constructor(
    private readonly leaves: Buffer,
    readonly size: number = Math.floor(leaves.length / 32),
  ) {}

  leaf(i: number): Buffer {
    return this.leaves.subarray(i * 32, i * 32 + 32);
  }

  /** MTH(D[a:b]). */
  root(a: number, b: number): Buffer {
    const n = b - a;
    if (n <= 0) return EMPTY;
    if (n === 1) return this.leaf(a);
    // An aligned perfect subtree: cached when tall.
    if ((n & (n - 1)) === 0 && a % n === 0) {
      const height = Math.log2(n);
      if (height >= LeafTree.CACHED) {
        const key = height * 2 ** 40 + a / n;
        let hash = this.cache.get(key);
        if (!hash) {
          hash = nodeHash(this.root(a, a + n / 2), this.root(a + n / 2, b));
          this.cache.set(key, hash);
        }
        return hash;
      }
    }
    const k = split(n);
    return nodeHash(this.root(a, a + k), this.root(a + k, b));
  }

  /** PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1: the tree of n leaves extends the tree of m. */
  consistencyProof(m: number, n: number): Buffer[] {
    if (m <= 0 || m > n || n > this.size) throw new RangeError(`no consistency proof from ${m} to ${n}`);
    const proof: Buffer[] = [];
    if (m < n) this.subproof(m, 0, n, true, proof);
    return proof;
  }

  private subproof(m: number, a: number, b: number, complete: boolean, out: Buffer[]): void {
    const n = b - a;
    if (m === n) {
      if (!complete) out.push(this.root(a, b));
      return;
    }
    const k = split(n);
    if (m <= k) {
      this.subproof(m, a, a + k, complete, out);
      out.push(this.root(a + k, b));
    } else {
      this.subproof(m - k, a + k, b, false, out);
      out.push(this.root(a, a + k));
    }
  }
}

/**
 * Checks a consistency proof (RFC 9162 §2.1.4.2): that the tree of `second` leaves with root
 * `secondRoot` extends the tree of `first` leaves with root `firstRoot`.
 */
export function verifyConsistency(first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, proof: readonly Buffer[]): boolean {
  if (first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  // 1. If first is an exact power of 2, prepend first_hash to the proof.
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  if (path.length === 0) return false;
  // 2–3. fn = first - 1, sn = second - 1; shift both right while LSB(fn) is set.
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 4. fr = sr = the first value in the path.
  let fr = path[0]!;
  let sr = path[0]!;
  // 5. For each subsequent value c in the path:
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 6. fr and sr equal the two roots, and sn is 0.
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}
