import { describe, expect, it } from 'vitest';
import { canonicalText, jcs } from './canonical.js';
import { consistencyProof, Frontier, inclusionProof, leafHash, rootOf } from './merkle.js';
import { node, sha, verifyConsistency, verifyInclusion } from '../../test/support/rfc9162.js';

const leaves = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from(`event ${i}`)));

describe('the RFC 9162 Merkle tree', () => {
  it('hashes leaves and nodes with their domain-separation prefixes', () => {
    expect(leafHash(Buffer.from('x')).equals(sha(Buffer.from([0]), Buffer.from('x')))).toBe(true);
    expect(rootOf([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(rootOf(leaves.slice(0, 3)).equals(node(node(leaves[0]!, leaves[1]!), leaves[2]!))).toBe(true);
  });

  it('keeps the same root incrementally as computed whole, for every size', () => {
    const frontier = new Frontier();
    for (let n = 1; n <= leaves.length; n++) {
      frontier.append(leaves[n - 1]!);
      expect(frontier.root().equals(rootOf(leaves.slice(0, n))), `size ${n}`).toBe(true);
    }
  });

  it('gives inclusion proofs an independent checker accepts, and that fail for the wrong leaf', () => {
    for (const n of [1, 2, 3, 7, 8, 13, 32, 40]) {
      const tree = leaves.slice(0, n);
      const root = rootOf(tree);
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(m, tree);
        expect(verifyInclusion(m, n, tree[m]!, proof, root), `leaf ${m} of ${n}`).toBe(true);
        if (n > 1) expect(verifyInclusion(m, n, leafHash(Buffer.from('forged')), proof, root)).toBe(false);
      }
    }
  });

  it('gives consistency proofs an independent checker accepts, and that fail for a changed history', () => {
    for (const n of [2, 5, 8, 13, 40]) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, leaves.slice(0, n));
        expect(verifyConsistency(m, n, rootOf(leaves.slice(0, m)), rootOf(leaves.slice(0, n)), proof), `${m} → ${n}`).toBe(true);
        const altered = [...leaves.slice(0, n)];
        altered[0] = leafHash(Buffer.from('rewritten'));
        if (m < n) expect(verifyConsistency(m, n, rootOf(leaves.slice(0, m)), rootOf(altered), consistencyProof(m, altered))).toBe(false);
      }
    }
  });
});

describe('the canonical form (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and writes numbers as ECMAScript does', () => {
    const keys = { '\u20ac': 'Euro', '\r': 'CR', '\ufb33': 'Hebrew', '1': 'One', '\ud83d\ude00': 'Smiley', '\u0080': 'Control', 'ö': 'Latin' };
    expect(jcs(keys)).toBe('{"\\r":"CR","1":"One","\u0080":"Control","\u00f6":"Latin","\u20ac":"Euro","\ud83d\ude00":"Smiley","\ufb33":"Hebrew"}');
    expect(jcs([1e21, 0.000001, 1e-7, -0, 333333333.3333333, 4.5, 2e-3])).toBe('[1e+21,0.000001,1e-7,0,333333333.3333333,4.5,0.002]');
    expect(jcs({ b: [true, null, { d: 'x', c: 1 }], a: '\u2028\u0007' })).toBe('{"a":"\u2028\\u0007","b":[true,null,{"c":1,"d":"x"}]}');
  });

  it('is the same bytes whatever order the stored fields came in', () => {
    const event = { position: 7, stream: 's', version: 1, id: 'e', type: 'T', schemaVersion: 1, data: { b: 1, a: 2 }, metadata: { z: 1 }, recordedAt: '2026-11-22T20:19:00.123456Z' };
    expect(canonicalText(event)).toBe(
      '{"data":{"a":2,"b":1},"id":"e","metadata":{"z":1},"position":7,"recordedAt":"2026-11-22T20:19:00.123456Z","schemaVersion":1,"stream":"s","type":"T","version":1}',
    );
    expect(() => canonicalText({ ...event, recordedAt: '2026-11-22T20:19:00Z' })).toThrow(/microseconds/);
  });

  it('writes an event exactly as canonicalising the whole record would', () => {
    const event = {
      version: 12, type: 'ConsentGiven', stream: 'journey-ø', schemaVersion: 2, position: 1e21, id: '\u2028', recordedAt: '1999-12-31T23:59:59.999999Z',
      metadata: { actor: { role: 'citizen', id: 'c' }, commandId: 'x', 'é': [1, { b: 2, a: null }] },
      data: { offerId: 'o', note: { $sealed: 'AAAA' }, list: [], nested: { z: 'z', A: -0.5 } },
    };
    expect(canonicalText(event)).toBe(jcs(event));
  });
});

describe('recorded times', () => {
  it('are written in UTC with microseconds, as PostgreSQL keeps them', async () => {
    const { utcMicros } = await import('./canonical.js');
    expect(utcMicros('1795379644897123')).toBe('2026-11-22T20:34:04.897123Z');
    expect(utcMicros('1795379644000001')).toBe('2026-11-22T20:34:04.000001Z');
    expect(utcMicros('0')).toBe('1970-01-01T00:00:00.000000Z');
    expect(utcMicros('-1')).toBe('1969-12-31T23:59:59.999999Z');
  });
});
