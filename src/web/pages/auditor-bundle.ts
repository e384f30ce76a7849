/**
 * The export bundle as one download: the folder `virkelyst audit export` writes (src/audit/bundle.ts),
 * packed as a gzipped POSIX tar (ustar) with the folder's name as its top directory, so that
 * `tar -xzf` gives the folder `virkelyst audit verify --bundle` reads. Written here by hand (a tar
 * is a 512-byte header before each file's bytes, padded to 512): the files are streamed from disk,
 * never held in memory, whatever the log's size.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

const BLOCK = 512;

/** The bundle's name for a tree size: the folder inside the archive, and the archive's file name. */
export const bundleName = (treeSize: number) => `virkelyst-revision-${treeSize}`;
export const BUNDLE_CONTENT_TYPE = 'application/gzip';

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A ustar header for a file (type '0') or a directory (type '5'). Names are ours: short and ASCII. */
export function tarHeader(name: string, size: number, type: '0' | '5', mtimeSeconds: number): Buffer {
  if (Buffer.byteLength(name) > 100 || !/^[\x20-\x7e]+$/.test(name)) throw new Error('a bundle file name is short and plain ASCII');
  const header = Buffer.alloc(BLOCK, 0);
  header.write(name, 0, 'ascii');
  header.write(octal(type === '5' ? 0o755 : 0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(mtimeSeconds, 12), 136, 'ascii');
  header.write('        ', 148, 'ascii'); // the checksum counts itself as spaces
  header.write(type, 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

async function* tarOf(dir: string, top: string, mtimeSeconds: number): AsyncIterable<Buffer> {
  yield tarHeader(`${top}/`, 0, '5', mtimeSeconds);
  for (const name of (await fs.readdir(dir)).sort()) {
    const file = path.join(dir, name);
    const { size } = await fs.stat(file);
    yield tarHeader(`${top}/${name}`, size, '0', mtimeSeconds);
    let written = 0;
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      written += chunk.length;
      yield chunk;
    }
    if (written !== size) throw new Error('a bundle file changed while it was packed');
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad > 0) yield Buffer.alloc(pad);
  }
  yield Buffer.alloc(2 * BLOCK); // the end of the archive
}

/**
 * The folder `dir` as a gzipped tar whose top directory is `top`. `done` runs once the stream is
 * over, finished or not (the caller removes the folder there).
 */
export function gzippedTar(dir: string, top: string, done: () => void, now: Date = new Date()): Readable {
  const gzip = createGzip();
  pipeline(Readable.from(tarOf(dir, top, Math.floor(now.getTime() / 1000))), gzip, () => done());
  return gzip;
}
