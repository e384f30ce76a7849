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

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([NODE, left, right], 1 + left.length + right.length), 'buffer');
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
