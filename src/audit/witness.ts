/**
 * The sealer's witness: every tree head it signed, kept outside the database, so that whoever can
 * rewrite the database cannot make the sealer sign a history that contradicts one it signed
 * before. Like a C2SP tlog-witness (c2sp.org/tlog-witness), it remembers the latest head it
 * signed and signs a new one only if the new tree extends it; unlike a remote witness, it is the
 * signer's own memory, so it protects against a rewritten database, not against the operator of
 * the machine it lives on (auditors keep copies of heads for that).
 *
 * The file is JSON Lines, one signed head a line, appended and fsynced before the head is
 * committed to the database:
 *
 *   {"treeSize":…,"rootHash":"<hex>","timestamp":"<iso>","keyId":"…","signature":"<base64>",
 *    "transactionId":"<the sealing transaction>","frontier":[{"height":…,"hash":"<hex>"},…]}
 *
 * `frontier` is the compact range of the tree at that size (the roots of its perfect subtrees), so
 * the next head is checked against it from the leaves sealed since, not the whole tree. A head is
 * written here before its transaction commits: if that transaction then rolls back, the line
 * stays, for a head the database never got. The sealer re-seals the same events into the same
 * tree and then inserts exactly that witnessed head; the verifier tolerates a witnessed head the
 * database lacks while its transaction is not known to have committed (PostgreSQL's
 * pg_xact_status), or, when that cannot be known, for as long as an event may wait for its head.
 * A line cut short by a crash (no final newline) is no head: it is ignored, and cut off before the
 * next append.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { TreeHead } from './verify.js';

export interface WitnessedHead extends TreeHead {
  keyId: string;
  /** pg_current_xact_id() of the transaction that inserted the head into the database. */
  transactionId?: string;
}

export interface WitnessRecord extends WitnessedHead {
  frontier: { height: number; hash: string }[];
}

/** Where the witness lives: AUDIT_WITNESS_FILE, or the data dir. */
export function witnessFileOf(config: { AUDIT_WITNESS_FILE?: string | undefined; dataDir: string }): string {
  return config.AUDIT_WITNESS_FILE ? path.resolve(config.AUDIT_WITNESS_FILE) : path.join(config.dataDir, 'audit-witness.jsonl');
}

/** A witness line that cannot be read where one must be: the sealer will not sign past it. */
export class AuditWitnessUnreadable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditWitnessUnreadable';
  }
}

const isHex = (s: unknown, length: number) => typeof s === 'string' && s.length === length && /^[0-9a-f]+$/.test(s);

/** A witness record from a line, or null when the line is not one. */
export function witnessRecordOf(line: string): WitnessRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const r = value as Partial<WitnessRecord> | null;
  if (r === null || typeof r !== 'object') return null;
  if (!Number.isSafeInteger(r.treeSize) || r.treeSize! < 1 || !isHex(r.rootHash, 64) || typeof r.timestamp !== 'string' || typeof r.signature !== 'string') return null;
  if (!Array.isArray(r.frontier) || !r.frontier.every((s) => Number.isSafeInteger(s?.height) && isHex(s?.hash, 64))) return null;
  return {
    treeSize: r.treeSize!,
    rootHash: r.rootHash!,
    timestamp: r.timestamp,
    signature: r.signature,
    keyId: typeof r.keyId === 'string' ? r.keyId : '',
    ...(typeof r.transactionId === 'string' ? { transactionId: r.transactionId } : {}),
    frontier: r.frontier,
  };
}

/** Every complete line of a witness file: the records, and the numbers of lines that are none. */
export async function readWitnessFile(file: string): Promise<{ records: WitnessRecord[]; malformedLines: number[] } | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const lines = text.split('\n');
  lines.pop(); // after the last newline: empty, or a line cut short by a crash
  const records: WitnessRecord[] = [];
  const malformedLines: number[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const record = witnessRecordOf(line);
    if (record) records.push(record);
    else malformedLines.push(i + 1);
  });
  return { records, malformedLines };
}

export class Witness {
  // Where each witnessed size's line is (built on first need, then extended as the file grows).
  private index: { inode: number; scanned: number; sizes: number[]; offsets: number[]; lengths: number[] } | null = null;

  constructor(readonly file: string) {}

  /** The newest complete record, read from the end of the file; null for no file or no head yet. */
  async latest(): Promise<WitnessRecord | null> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      let window = Math.min(size, 65_536);
      for (;;) {
        const buf = Buffer.alloc(window);
        await handle.read(buf, 0, window, size - window);
        const whole = window === size; // the buffer starts at the start of the file
        // Complete lines end in a newline; anything after the last one is a line cut short.
        let end = buf.lastIndexOf(10);
        while (end >= 0) {
          const previous = end > 0 ? buf.lastIndexOf(10, end - 1) : -1;
          if (previous < 0 && !whole) break; // the line starts before the buffer: read more
          const line = buf.toString('utf8', previous + 1, end);
          if (line.trim() !== '') {
            const record = witnessRecordOf(line);
            if (!record) throw new AuditWitnessUnreadable('the last line of the witness file is not a signed head');
            return record;
          }
          end = previous;
        }
        if (whole) return null;
        window = Math.min(size, window * 2);
      }
    } finally {
      await handle.close();
    }
  }

  /** The witnessed heads of a size in (after, upTo], oldest first. */
  async between(after: number, upTo: number): Promise<WitnessRecord[]> {
    const index = await this.scan();
    const out: WitnessRecord[] = [];
    if (!index) return out;
    const handle = await fs.open(this.file, 'r');
    try {
      for (let i = 0; i < index.sizes.length; i++) {
        const size = index.sizes[i]!;
        if (size <= after || size > upTo) continue;
        const bytes = Buffer.alloc(index.lengths[i]!);
        await handle.read(bytes, 0, bytes.length, index.offsets[i]!);
        const record = witnessRecordOf(bytes.toString('utf8'));
        if (!record) throw new AuditWitnessUnreadable('a line of the witness file changed while it was read');
        out.push(record);
      }
    } finally {
      await handle.close();
    }
    return out.sort((a, b) => a.treeSize - b.treeSize);
  }

  private async scan() {
    let stat;
    try {
      stat = await fs.stat(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (!this.index || this.index.inode !== stat.ino || stat.size < this.index.scanned) {
      this.index = { inode: stat.ino, scanned: 0, sizes: [], offsets: [], lengths: [] };
    }
    const index = this.index;
    if (stat.size === index.scanned) return index;
    const handle = await fs.open(this.file, 'r');
    try {
      const bytes = Buffer.alloc(stat.size - index.scanned);
      await handle.read(bytes, 0, bytes.length, index.scanned);
      let start = 0;
      for (;;) {
        const end = bytes.indexOf(10, start);
        if (end < 0) break; // a line not finished (yet): scanned again next time
        const line = bytes.toString('utf8', start, end);
        if (line.trim() !== '') {
          const record = witnessRecordOf(line);
          if (!record) throw new AuditWitnessUnreadable('a line of the witness file is not a signed head');
          index.sizes.push(record.treeSize);
          index.offsets.push(index.scanned + start);
          index.lengths.push(end - start);
        }
        start = end + 1;
      }
      index.scanned += start;
    } finally {
      await handle.close();
    }
    return index;
  }

  /** Appends the records, one line each, and makes them durable (fsync) before returning. */
  async append(records: readonly WitnessRecord[]): Promise<void> {
    if (records.length === 0) return;
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    let created = false;
    try {
      await fs.access(this.file);
    } catch {
      created = true;
    }
    const handle = await fs.open(this.file, 'a+', 0o600);
    try {
      const { size } = await handle.stat();
      if (size > 0) {
        // A line cut short by a crash is no head (its transaction cannot have committed): cut it off.
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 10) await handle.truncate(await this.endOfLastLine(handle, size));
      }
      const text = records.map((r) => `${JSON.stringify(r)}\n`).join('');
      await handle.write(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (created) {
      // The new file's directory entry must be durable too.
      const dir = await fs.open(path.dirname(this.file), 'r');
      try {
        await dir.sync();
      } catch {
        // Some file systems cannot fsync a directory.
      } finally {
        await dir.close();
      }
    }
  }

  private async endOfLastLine(handle: fs.FileHandle, size: number): Promise<number> {
    let position = size;
    while (position > 0) {
      const want = Math.min(position, 65_536);
      const chunk = Buffer.alloc(want);
      await handle.read(chunk, 0, want, position - want);
      const newline = chunk.lastIndexOf(10);
      if (newline >= 0) return position - want + newline + 1;
      position -= want;
    }
    return 0;
  }
}
