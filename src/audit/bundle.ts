/**
 * The offline bundle: everything an auditor needs to verify the log without our database, and
 * without trusting our verifier. events.jsonl holds one event a line in its canonical form — the
 * exact bytes of its leaf; leaves.txt the sealed leaf hashes; tree-heads.json the signed heads;
 * public-key.pem the sealer's key; README.md the procedure with standard tools.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Database } from '../database/connect.js';
import { canonicalText } from './canonical.js';
import { AuditInputError } from './input.js';
import { signPendingHead } from './sealer.js';
import type { AuditKey } from './signing.js';
import { eventsFromDatabase, headsFromDatabase, leavesFromDatabase } from './source.js';
import type { RawEvent, TreeHead } from './verify.js';

/**
 * Writes the bundle of the log as far as a signed head covers it: a head is signed over
 * everything sealed so far, and the bundle holds exactly that head's events and leaves, with every
 * head up to it. (Later events wait for the next bundle.)
 */
export async function exportBundle(database: Database, key: AuditKey, dir: string, onProgress?: (n: number) => void): Promise<{ events: number }> {
  await fs.mkdir(dir, { recursive: true });
  await signPendingHead(database.db, key, 0);
  const heads = await headsFromDatabase(database.db);
  const size = heads.at(-1)?.treeSize ?? 0;
  await fs.writeFile(path.join(dir, 'leaves.txt'), hexLines((await leavesFromDatabase(database.db)).subarray(0, size * 32)));
  await fs.writeFile(path.join(dir, 'tree-heads.json'), JSON.stringify(heads, null, 2) + '\n');
  const out = await fs.open(path.join(dir, 'events.jsonl'), 'w');
  let count = 0;
  try {
    // The sealed events are the first `size` of the log, in its order.
    for await (const page of eventsFromDatabase(database.pool)) {
      const take = page.slice(0, size - count);
      await out.write(take.map((e) => `${canonicalText(e)}\n`).join(''));
      count += take.length;
      onProgress?.(count);
      if (count >= size) break;
    }
  } finally {
    await out.close();
  }
  await fs.writeFile(path.join(dir, 'public-key.pem'), key.publicKeyPem);
  await fs.writeFile(path.join(dir, 'README.md'), BUNDLE_README);
  return { events: count };
}

function hexLines(leaves: Buffer): string {
  let out = '';
  for (let i = 0; i < leaves.length; i += 32) out += `${leaves.toString('hex', i, i + 32)}\n`;
  return out;
}

const HEX = new Int8Array(256).fill(-1);
for (let c = 0; c < 10; c++) HEX[48 + c] = c;
for (let c = 0; c < 6; c++) HEX[97 + c] = 10 + c;

/** leaves.txt: one SHA-256 hash a line, 64 lower-case hex digits. Decoded byte by byte: a million lines take a blink. */
function leavesFromText(raw: Buffer): Buffer {
  const text = raw.length % 65 === 64 ? Buffer.concat([raw, Buffer.of(10)]) : raw; // a last line without its newline
  const lines = Math.floor(text.length / 65);
  const out = Buffer.allocUnsafe(lines * 32);
  for (let i = 0; i <= lines; i++) {
    const base = i * 65;
    if (i === lines) {
      if (text.length !== base) throw new AuditInputError(`leaves.txt line ${i + 1} is not a SHA-256 hash in hex`);
      break;
    }
    let bad = text[base + 64] !== 10;
    for (let j = 0; j < 64 && !bad; j += 2) {
      const hi = HEX[text[base + j]!]!;
      const lo = HEX[text[base + j + 1]!]!;
      bad = (hi | lo) < 0;
      out[i * 32 + j / 2] = (hi << 4) | lo;
    }
    if (bad) throw new AuditInputError(`leaves.txt line ${i + 1} is not a SHA-256 hash in hex`);
  }
  return out;
}

/**
 * Reads a bundle back for the verifier. `alsoAt`: sizes besides the bundle's own heads at which
 * the verifier wants the tree's root (heads an auditor kept). A bundle that is not one — a
 * missing or malformed file — is an AuditInputError naming the file.
 */
export async function readBundle(dir: string, options: { alsoAt?: readonly number[] } = {}) {
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat) throw new AuditInputError(`--bundle ${dir}: no such directory`);
  if (!stat.isDirectory()) throw new AuditInputError(`--bundle ${dir}: not a directory`);
  const read = async (name: string) => {
    try {
      return await fs.readFile(path.join(dir, name));
    } catch {
      throw new AuditInputError(`--bundle ${dir}: no readable ${name}`);
    }
  };
  const leaves = leavesFromText(await read('leaves.txt'));
  let heads: TreeHead[];
  try {
    heads = JSON.parse((await read('tree-heads.json')).toString('utf8')) as TreeHead[];
  } catch (error) {
    if (error instanceof AuditInputError) throw error;
    throw new AuditInputError(`--bundle ${dir}: tree-heads.json is not JSON`);
  }
  if (!Array.isArray(heads)) throw new AuditInputError(`--bundle ${dir}: tree-heads.json is not an array of heads`);
  const publicKeyPem = (await read('public-key.pem')).toString('utf8');
  const events = path.join(dir, 'events.jsonl');
  if (!(await fs.stat(events).catch(() => null))?.isFile()) throw new AuditInputError(`--bundle ${dir}: no readable events.jsonl`);
  const sizes = [...new Set([...heads.map((h) => h?.treeSize), ...(options.alsoAt ?? [])].filter((n): n is number => Number.isSafeInteger(n)))];
  // A bundle is the sealed, signed log and nothing else: `complete`.
  return { leaves, heads, publicKeyPem, rootsFromReader: true, complete: true, events: bundleEvents(events, sizes) };
}

/**
 * The bundle's events, each with the leaf hash of its line as it stands in the file. A helper
 * thread hashes a chunk of lines while this thread parses them, one chunk ahead.
 */
async function* bundleEvents(file: string, headSizes: number[]): AsyncIterable<RawEvent[]> {
  interface Hashed {
    leaves: Buffer;
    roots: { index: number; root: string }[];
  }
  const worker = new Worker(new URL('./leaf-worker.mjs', import.meta.url), { workerData: { headSizes } });
  const waiting = new Map<number, (result: Hashed | null) => void>();
  let failure: Error | null = null;
  worker.on('message', ({ id, leaves, roots }: { id: number; leaves: ArrayBuffer; roots: Hashed['roots'] }) => waiting.get(id)?.({ leaves: Buffer.from(leaves), roots }));
  let stopping = false;
  const fail = (error: Error) => {
    failure ??= error;
    for (const resolve of waiting.values()) resolve(null);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!stopping) fail(new Error(`the hashing thread stopped (exit code ${code})`));
  });
  let next = 0;
  const hashed = (bytes: Buffer): Promise<Hashed | null> => {
    if (failure) return Promise.resolve(null);
    const id = next++;
    const copy = new ArrayBuffer(bytes.length + 1); // a spare byte in front, for the worker's 0x00
    new Uint8Array(copy).set(bytes, 1);
    const result = new Promise<Hashed | null>((resolve) => waiting.set(id, resolve));
    worker.postMessage({ id, bytes: copy }, [copy]);
    return result.finally(() => waiting.delete(id));
  };
  let lineNumber = 0;
  const pageOf = async (bytes: Buffer, pending: Promise<Hashed | null>): Promise<RawEvent[]> => {
    const events: RawEvent[] = [];
    for (const line of bytes.toString('utf8').split('\n')) {
      lineNumber++;
      if (line.length === 0) continue;
      let event: unknown;
      try {
        event = JSON.parse(line);
      } catch {
        throw new AuditInputError(`events.jsonl line ${lineNumber} is not JSON`);
      }
      if (event === null || typeof event !== 'object' || Array.isArray(event)) throw new AuditInputError(`events.jsonl line ${lineNumber} is not an event`);
      if (!isEventShaped(event as Record<string, unknown>)) throw new AuditInputError(`events.jsonl line ${lineNumber} is not an event`);
      events.push(event as RawEvent);
    }
    const result = await pending;
    if (failure || !result) throw failure ?? new Error('the hashing thread stopped');
    if (result.leaves.length !== events.length * 32) throw new Error('the leaf hashes do not match the lines read');
    events.forEach((e, i) => (e.leaf = result.leaves.subarray(i * 32, i * 32 + 32)));
    for (const { index, root } of result.roots) events[index]!.treeRoot = root;
    return events;
  };
  try {
    let rest: Buffer = Buffer.alloc(0);
    const unfinished: Buffer[] = []; // pieces of a line longer than a chunk, joined once it ends
    let pending: Promise<RawEvent[]> | null = null;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      if (chunk.indexOf(10) < 0) {
        unfinished.push(chunk);
        continue;
      }
      const joined = rest.length > 0 || unfinished.length > 0 ? Buffer.concat([rest, ...unfinished.splice(0), chunk]) : chunk;
      const end = joined.lastIndexOf(10);
      const lines = joined.subarray(0, end + 1);
      rest = Buffer.from(joined.subarray(end + 1));
      const page = pageOf(lines.subarray(0, lines.length - 1), hashed(lines));
      page.catch(() => undefined); // awaited below, after the page before it; not unhandled meanwhile
      if (pending) yield await pending;
      pending = page;
    }
    if (unfinished.length > 0) rest = Buffer.concat([rest, ...unfinished]);
    if (rest.length > 0) {
      const page = pageOf(rest, hashed(rest));
      page.catch(() => undefined);
      if (pending) yield await pending;
      pending = page;
    }
    if (pending) yield await pending;
  } finally {
    stopping = true;
    await worker.terminate();
  }
}

/** The members every line has (the checks read them); `storedAsText` marks the stored-text form. */
function isEventShaped(e: Record<string, unknown>): boolean {
  if (typeof e.stream !== 'string' || typeof e.type !== 'string' || typeof e.id !== 'string' || typeof e.position !== 'number') return false;
  if (e.storedAsText !== undefined) {
    const t = e.storedAsText as Record<string, unknown> | null;
    if (t === null || typeof t !== 'object' || Object.values(t).some((x) => typeof x !== 'string')) return false;
    // The checks read what PostgreSQL held, as the database verifier does.
    for (const part of ['data', 'metadata'] as const) {
      if (typeof t[part] === 'string') {
        try {
          e[part] = JSON.parse(t[part] as string);
        } catch {
          e[part] = null;
        }
      }
    }
    if (typeof t.recordedAt === 'string') e.recordedAt = '';
  }
  return typeof e.recordedAt === 'string';
}

const BUNDLE_README = `# Virkelyst audit bundle

This folder lets you check, without Virkelyst's database or software, that the events below are
the ones that were sealed, and that the signed tree heads are genuine.

| file | what it is |
| --- | --- |
| events.jsonl | one event a line, in log order, in its canonical form (RFC 8785 JSON) |
| leaves.txt | the sealed leaf hash of each line (hex), in the same order |
| tree-heads.json | the signed tree heads: tree size, root hash (hex), timestamp, signature (base64) |
| public-key.pem | the Ed25519 key that signed the heads |

The bundle holds the log as far as its last signed head covers it: one line per sealed leaf.

## First: is this the published key?

A bundle could be re-signed with another key. Compare \`public-key.pem\` with the key Virkelyst
publishes (\`GET /audit/public-key\`, or the key printed in the centre's published reports), or
give the published key to the verifier: \`virkelyst audit verify --bundle DIR --public-key
published.pem\`. The report prints the id of the key it checked against.

Personal fields appear sealed (encrypted). The hashes cover the sealed form, so erasing a citizen
changes nothing here.

## The canonical form

Each line is the RFC 8785 serialisation of
\`{"data", "id", "metadata", "position", "recordedAt", "schemaVersion", "stream", "type", "version"}\`
with \`recordedAt\` in UTC with microseconds (\`2026-11-22T20:19:00.123456Z\`). The line, without
its newline, is the leaf's input.

A stored value this form cannot represent exactly (a number no double holds, such as 1e400 or
12345678901234567, a number with a trailing fractional zero such as 1.50, nesting deeper than
512 levels, a recorded time outside 1685–2255) is sealed in the *stored-text form*: that part is
\`null\` and an extra member \`"storedAsText": {"data": "<PostgreSQL's text of it>"}\` holds it
(\`metadata\`, and \`recordedAt\` as microseconds since the epoch, the same way). No regular line
has that member. The verifier reports every such line as a violation: the log holds a value the
application never writes.

## Keep the heads

Keep \`tree-heads.json\` (and the published key) after you have checked a bundle. Give it to the
next verification — \`virkelyst audit verify --trusted-head old/tree-heads.json\`, against the
database or a later bundle — and it fails if the log was since rolled back (it holds fewer events
than a head you kept) or rewritten (the events no longer have a kept head's root), even if the
whole log was re-sealed and re-signed with the same key. Heads hold no personal data.

## Check a leaf hash (RFC 9162 §2.1.1: SHA-256 of 0x00 followed by the bytes)

    N=1   # the line number
    sed -n "\${N}p" events.jsonl | tr -d '\\n' | { printf '\\000'; cat; } | sha256sum
    sed -n "\${N}p" leaves.txt

The two must be equal.

## Check a tree head's signature

The signature covers the RFC 8785 form of \`{"rootHash":"<hex>","timestamp":"<iso>","treeSize":<n>}\`:

    node -e 'const h=require("./tree-heads.json")[0];process.stdout.write(JSON.stringify({rootHash:h.rootHash,timestamp:h.timestamp,treeSize:h.treeSize}))' > head.msg
    node -e 'const h=require("./tree-heads.json")[0];process.stdout.write(Buffer.from(h.signature,"base64"))' > head.sig
    openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in head.msg -sigfile head.sig

(Without node: write head.msg by hand from the head's three fields, in that key order, with no
spaces; decode the signature with \`base64 -d\`.)

## Check the root of a head

The root of a tree of n leaves is RFC 9162's MTH: split at the largest power of two below n,
hash each side, node = SHA-256(0x01 ‖ left ‖ right). \`virkelyst audit verify --bundle DIR\`
does this and every other check; the steps above let you spot-check it with standard tools.
`;
