import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pseudonymiser, pseudonymKeyOf } from '../audit/pseudonym.js';
import { PSEUDONYM_LENGTH, pseudonymFor, studyKey, studyPseudonymiser } from './pseudonym.js';

// Fixed keys and ids, so that every run checks the same numbers.
const masterKey = createHash('sha256').update('test master key').digest();
const otherMasterKey = createHash('sha256').update('another installation').digest();
const studyA = '0190f5f0-0000-7000-8000-0000000000a1';
const studyB = '0190f5f0-0000-7000-8000-0000000000b2';
// Ids close to each other (as UUIDv7 made one after another are): the hard case for "no relation".
const citizens = Array.from({ length: 10_000 }, (_, i) => `0190f5f0-${(i >> 12).toString(16).padStart(4, '0')}-7${(i & 0xfff).toString(16).padStart(3, '0')}-8000-000000000000`);

const pseudonymsOf = (key: Buffer) => citizens.map((id) => pseudonymFor(key, id));
/** Each citizen's place when the list is sorted (0 = first). */
const ranks = (values: readonly string[]) => {
  const order = values.map((v, i) => [v, i] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Array<number>(values.length);
  order.forEach(([, i], r) => (rank[i] = r));
  return rank;
};
/** Spearman's rank correlation of two rankings of the same people. */
const spearman = (x: readonly number[], y: readonly number[]) => {
  const n = x.length;
  const d2 = x.reduce((sum, xi, i) => sum + (xi - y[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
};

describe('a study’s pseudonyms', () => {
  const keyA = studyKey(masterKey, studyA);
  const keyB = studyKey(masterKey, studyB);
  const inA = pseudonymsOf(keyA);
  const inB = pseudonymsOf(keyB);

  it('are 22 characters of base64url', () => {
    for (const p of inA.slice(0, 100)) expect(p).toMatch(new RegExp(`^[A-Za-z0-9_-]{${PSEUDONYM_LENGTH}}$`));
  });

  it('are stable within a study: the same citizen, the same pseudonym, also from a key derived again', () => {
    expect(pseudonymsOf(studyKey(masterKey, studyA))).toEqual(inA);
    const again = studyPseudonymiser(masterKey, studyA);
    expect(citizens.slice(0, 100).map(again)).toEqual(inA.slice(0, 100));
  });

  it('differ across studies for every citizen', () => {
    expect(inA.filter((p, i) => p === inB[i])).toEqual([]);
  });

  it('never repeat: not within a study, not across two', () => {
    expect(new Set(inA).size).toBe(citizens.length);
    expect(new Set([...inA, ...inB]).size).toBe(2 * citizens.length);
  });

  it('cannot be paired across two studies by sorting', () => {
    const rankA = ranks(inA);
    const rankB = ranks(inB);
    // Pairing the i-th pseudonym of one sorted study with the i-th of the other finds a true pair
    // as often as chance does (one expected in 10,000; 10 or more has a chance of about 1e-7).
    const sameRank = rankA.filter((r, i) => r === rankB[i]).length;
    expect(sameRank).toBeLessThan(10);
    // Nor are the orders related: the rank correlation of two random orders of 10,000 has a
    // standard deviation of 0.01; 0.05 is five of them.
    expect(Math.abs(spearman(rankA, rankB))).toBeLessThan(0.05);
    // And neither order follows the order of the ids.
    const rankIds = ranks(citizens);
    expect(Math.abs(spearman(rankIds, rankA))).toBeLessThan(0.05);
    expect(Math.abs(spearman(rankIds, rankB))).toBeLessThan(0.05);
  });

  it('have no fixed relation between studies: no common difference of bytes, no shared prefix', () => {
    const bytes = (p: string) => Buffer.from(p, 'base64url');
    const xors = new Set(inA.map((p, i) => Buffer.from(bytes(p).map((b, j) => b ^ bytes(inB[i]!)[j]!)).toString('hex')));
    expect(xors.size).toBe(citizens.length);
    // The first character of the other study's pseudonym agrees as often as chance (1 in 64).
    const samePrefix = inA.filter((p, i) => p[0] === inB[i]![0]).length;
    expect(samePrefix).toBeGreaterThan(citizens.length / 64 / 2);
    expect(samePrefix).toBeLessThan((citizens.length / 64) * 2);
  });

  it('differ under another master key', () => {
    const elsewhere = pseudonymsOf(studyKey(otherMasterKey, studyA));
    expect(elsewhere.filter((p, i) => p === inA[i])).toEqual([]);
  });

  it('come from a key of their own, not the audit’s', () => {
    const auditKey = pseudonymKeyOf(masterKey);
    expect(keyA.equals(auditKey)).toBe(false);
    expect(keyA.equals(keyB)).toBe(false);
    const audit = pseudonymiser(auditKey);
    const auditHex = citizens.slice(0, 100).map((id) => audit(id).slice('borger-'.length));
    const studyHex = inA.slice(0, 100).map((p) => Buffer.from(p, 'base64url').toString('hex').slice(0, 12));
    expect(studyHex.filter((h, i) => h === auditHex[i])).toEqual([]);
  });

  it('keep the key out of logs: it shows as a mark in JSON and in inspect', () => {
    const hex = keyA.toString('hex');
    const b64 = keyA.toString('base64');
    for (const shown of [JSON.stringify({ keyA }), inspect(keyA), inspect({ nested: { keyA } }), `${JSON.stringify([keyA])}`]) {
      expect(shown).toContain('[study key]');
      expect(shown).not.toContain(hex);
      expect(shown).not.toContain(b64);
      expect(shown).not.toMatch(/\b[0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2}\b/);
    }
  });

  it('refuse a short master key, an empty study id or an empty citizen id', () => {
    expect(() => studyKey(Buffer.alloc(16), studyA)).toThrow(RangeError);
    expect(() => studyKey(masterKey, '')).toThrow(RangeError);
    expect(() => pseudonymFor(keyA, '')).toThrow(RangeError);
  });
});
