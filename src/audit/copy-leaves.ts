/**
 * The database verifier's hashing thread: the leaf of each event in a run of the log's COPY
 * lines, SHA-256(0x00 ‖ canonical form), read with the same code as the main thread reads them
 * (copy-text.ts) while the main thread runs the checks on the same lines. Started through
 * copy-leaves-worker.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { canonicalText } from './canonical.js';
import { eventFromCopyLine } from './copy-text.js';
import { leafHash } from './merkle.js';

/** What the thread answers for a run of lines: 32 bytes a line, and the lines it could not hash (their 32 bytes are zero). */
export interface CopyLeaves {
  id: number;
  leaves: ArrayBuffer;
  unhashed: number[];
}

const UNHASHED = Buffer.alloc(32);

// The lines are cut as the main thread cuts them (source.ts): one event a line, no newline after the last.
parentPort!.on('message', ({ id, bytes }: { id: number; bytes: ArrayBuffer }) => {
  const lines = Buffer.from(bytes);
  const leaves: Buffer[] = [];
  const unhashed: number[] = [];
  let start = 0;
  while (start <= lines.length) {
    let end = lines.indexOf(10, start);
    if (end < 0) end = lines.length;
    try {
      leaves.push(leafHash(canonicalText(eventFromCopyLine(lines, start, end))));
    } catch {
      unhashed.push(leaves.length); // the main thread's reading, or the verifier, reports it
      leaves.push(UNHASHED);
    }
    start = end + 1;
  }
  const all = Buffer.concat(leaves);
  const answer: CopyLeaves = { id, leaves: all.buffer.slice(all.byteOffset, all.byteOffset + all.length), unhashed };
  parentPort!.postMessage(answer, [answer.leaves]);
});
