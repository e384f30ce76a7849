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
const node = (left, right) => hash('sha256', Buffer.concat([Buffer.of(1), left, right]), 'buffer');

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

parentPort.on('message', ({ id, bytes }) => {
  const chunk = Buffer.from(bytes);
  const leaves = [];
  const roots = [];
  let start = 0;
  while (start < chunk.length) {
    let end = chunk.indexOf(10, start);
    if (end < 0) end = chunk.length;
    if (end > start) {
      const line = Buffer.allocUnsafe(end - start + 1);
      line[0] = 0;
      chunk.copy(line, 1, start, end);
      const leaf = hash('sha256', line, 'buffer');
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
