// The bundle verifier's helper thread. It hashes each line of events.jsonl as an RFC 9162 leaf,
// SHA-256(0x00 ‖ line), and keeps the running tree, node = SHA-256(0x01 ‖ left ‖ right), giving
// its root at each size a signed head names — while the main thread parses the same lines for
// the voluntariness checks. Plain JavaScript importing nothing of the project's: it runs the same
// under tsx, plain Node and the test runner. (The main thread's own tree code is merkle.ts; the
// tests check both against an independent RFC 9162 implementation.)
import { hash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const headSizes = new Set(workerData.headSizes);
const stack = []; // [height, hash] of each perfect subtree, left to right
let size = 0;
const pair = Buffer.alloc(65);
pair[0] = 1;
function node(left, right) {
  left.copy(pair, 1);
  right.copy(pair, 33);
  return hash('sha256', pair, 'buffer');
}

function append(leaf) {
  let height = 0;
  let h = leaf;
  while (stack.length > 0 && stack[stack.length - 1][0] === height) {
    h = node(stack.pop()[1], h);
    height++;
  }
  stack.push([height, h]);
  size++;
}

function root() {
  let h = stack[stack.length - 1][1];
  for (let i = stack.length - 2; i >= 0; i--) h = node(stack[i][1], h);
  return h;
}

// A chunk arrives with one spare byte in front: the byte before each line (that spare byte, or
// the previous line's newline) is set to 0x00, so each leaf is hashed in place, without a copy.
parentPort.on('message', ({ id, bytes }) => {
  const chunk = Buffer.from(bytes);
  const leaves = [];
  const roots = [];
  let start = 1;
  while (start < chunk.length) {
    let end = chunk.indexOf(10, start);
    if (end < 0) end = chunk.length;
    if (end > start) {
      chunk[start - 1] = 0;
      const leaf = hash('sha256', chunk.subarray(start - 1, end), 'buffer');
      leaves.push(leaf);
      append(leaf);
      if (headSizes.has(size)) roots.push({ index: leaves.length - 1, root: root().toString('hex') });
    }
    start = end + 1;
  }
  const out = Buffer.concat(leaves);
  const buffer = out.buffer.slice(out.byteOffset, out.byteOffset + out.length);
  parentPort.postMessage({ id, leaves: buffer, roots }, [buffer]);
});
