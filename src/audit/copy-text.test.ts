import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { canonicalText } from './canonical.js';
import { leafHash } from './merkle.js';
import { eventsFromCopy } from './source.js';
import type { RawEvent } from './verify.js';

// Lines as COPY writes them: tabs between fields, backslash escapes inside them.
const line = (position: number, data: string, stream = `centre-${position}`) =>
  `${position}\t${stream}\t1\t01a237a4-32fb-75ed-9adf-${String(position).padStart(12, '0')}\tCentreRenamed\t1\t${data}\t{"actor": {"id": "a", "role": "admin"}, "commandId": "c${position}"}\t1796229837576478\n`;
const log = Buffer.from(
  Array.from({ length: 3000 }, (_, i) => line(i + 1, i % 7 === 0 ? '{"name": "Tab\\\\there, \\\\nline, ø € 😀"}' : i % 13 === 0 ? '{"n": 12345678901234567}' : `{"name": "centre ${i}"}`, i % 11 === 0 ? 'odd\\tstream' : undefined)).join(''),
);

async function read(hashLeaves: boolean, chunk: number, threadFromBytes = 0): Promise<RawEvent[]> {
  const chunks = Array.from({ length: Math.ceil(log.length / chunk) }, (_, i) => log.subarray(i * chunk, (i + 1) * chunk));
  const out: RawEvent[] = [];
  for await (const batch of eventsFromCopy(Readable.from(chunks), 100, hashLeaves, threadFromBytes)) out.push(...batch);
  return out;
}

describe('reading the log from COPY', () => {
  it('reads the same events whether or not a second thread hashes them, however the bytes arrive', async () => {
    const plain = await read(false, 65_536);
    expect(plain).toHaveLength(3000);
    expect(plain[7]!.data).toEqual({ name: 'Tab\there, \nline, ø € 😀' });
    expect(plain[13]!).toMatchObject({ storedAsText: { data: '{"n": 12345678901234567}' } });
    expect(plain[11]!.stream).toBe('odd\tstream');
    for (const chunk of [1000, 333_333]) {
      const hashed = await read(true, chunk);
      expect(hashed.map(({ leaf: _, ...e }) => e)).toEqual(plain);
      // Each leaf is the one the verifier would compute from the event itself.
      for (const e of hashed) expect(e.leaf?.equals(leafHash(canonicalText(e)))).toBe(true);
    }
    // A log smaller than the threshold is not worth starting the thread for: the verifier hashes it.
    const small = await read(true, 65_536, log.length);
    expect(small).toEqual(plain);
    expect(small.some((e) => e.leaf)).toBe(false);
    // Past it, the runs after the threshold come with their leaves.
    const later = await read(true, 65_536, Math.floor(log.length / 2));
    expect(later.map(({ leaf: _, ...e }) => e)).toEqual(plain);
    expect(later.filter((e) => e.leaf).length).toBeGreaterThan(0);
    expect(later[0]!.leaf).toBeUndefined();
  });
});
