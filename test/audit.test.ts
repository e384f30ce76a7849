import { createPublicKey, verify } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';
import { leafOf, signPendingHead } from '../src/audit/sealer.js';
import { eventsAt } from '../src/audit/source.js';
import { readWitnessFile } from '../src/audit/witness.js';
import { Frontier } from '../src/audit/merkle.js';
import { node, verifyConsistency, verifyInclusion } from './support/rfc9162.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let auditor: string;

beforeAll(async () => {
  t = await createTestApp(); // seals a head every 5 events
  auditor = await t.token('auditor');
  const admin = await t.token('admin');
  for (let i = 0; i < 12; i++) {
    const response = await t.app.inject({ method: 'POST', url: '/centres', headers: { authorization: `Bearer ${admin}` }, payload: { municipalityCode: '101', name: `Centre ${i}` } });
    expect(response.statusCode).toBe(201);
  }
  await t.engine.settle();
});
afterAll(async () => t.close());

const get = async (url: string, token = auditor) => {
  const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

/** MTH over hex leaf hashes, written here from RFC 9162 §2.1.1. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return node(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

describe('the transparency log', () => {
  it('seals every event once, in log order, and signs heads that the published key verifies', async () => {
    const { rows } = await sql<{ leaves: string; events: string }>`
      select (select count(*) from audit_leaves) as leaves, (select count(*) from events) as events`.execute(t.database.db);
    expect(Number(rows[0]!.leaves)).toBe(Number(rows[0]!.events));
    const { treeHeads } = await get('/audit/tree-heads');
    expect(treeHeads.length).toBeGreaterThanOrEqual(2);
    const { publicKeyPem } = (await t.app.inject({ method: 'GET', url: '/audit/public-key' })).json();
    const key = createPublicKey(publicKeyPem);
    const { rows: leafRows } = await sql<{ leaf_hash: Buffer }>`select leaf_hash from audit_leaves order by leaf_index`.execute(t.database.db);
    for (const head of treeHeads) {
      // The signed message is the RFC 8785 form of {rootHash, timestamp, treeSize}: keys in order.
      const message = `{"rootHash":"${head.rootHash}","timestamp":"${head.timestamp}","treeSize":${head.treeSize}}`;
      expect(verify(null, Buffer.from(message), key, Buffer.from(head.signature, 'base64'))).toBe(true);
      expect(mth(leafRows.slice(0, head.treeSize).map((r) => r.leaf_hash)).toString('hex')).toBe(head.rootHash);
    }
  });

  it('keeps every head it signs in the witness file, outside the database, each with the frontier of its tree', async () => {
    const { treeHeads } = await get('/audit/tree-heads');
    const witness = await readWitnessFile(t.auditKey.witness!.file);
    expect(witness!.malformedLines).toEqual([]);
    expect(witness!.records.map(({ treeSize, rootHash, timestamp, keyId, signature }) => ({ treeSize, rootHash, timestamp, keyId, signature }))).toEqual(treeHeads);
    for (const record of witness!.records) {
      expect(record.transactionId).toMatch(/^\d+$/);
      const frontier = new Frontier(record.treeSize, record.frontier.map((s) => ({ height: s.height, hash: Buffer.from(s.hash, 'hex') })));
      expect(frontier.root().toString('hex')).toBe(record.rootHash);
    }
  });

  it('serves inclusion and consistency proofs that an independent RFC 9162 checker accepts', async () => {
    const { treeHeads } = await get('/audit/tree-heads');
    const [first, last] = [treeHeads[0], treeHeads.at(-1)];
    const { rows } = await sql<{ global_position: string }>`select global_position from events order by transaction_id, global_position limit 3`.execute(t.database.db);
    for (const row of rows) {
      const proof = await get(`/audit/proofs/inclusion?position=${row.global_position}&treeSize=${last.treeSize}`);
      expect(verifyInclusion(proof.leafIndex, last.treeSize, Buffer.from(proof.leafHash, 'hex'), proof.proof.map((p: string) => Buffer.from(p, 'hex')), Buffer.from(last.rootHash, 'hex'))).toBe(true);
    }
    const consistency = await get(`/audit/proofs/consistency?from=${first.treeSize}&to=${last.treeSize}`);
    expect(
      verifyConsistency(first.treeSize, last.treeSize, Buffer.from(first.rootHash, 'hex'), Buffer.from(last.rootHash, 'hex'), consistency.proof.map((p: string) => Buffer.from(p, 'hex'))),
    ).toBe(true);
  });

  it('erasing a citizen changes no leaf: the hashes cover the sealed (encrypted) fields', async () => {
    const citizenId = newId();
    const citizen = await t.token('citizen', undefined, citizenId);
    const centreId = (await t.app.inject({ method: 'GET', url: '/centres' })).json().centres[0].centreId;
    const started = await t.app.inject({ method: 'POST', url: '/journeys', headers: { authorization: `Bearer ${citizen}` }, payload: { centreId, alias: 'Birthe' } });
    expect(started.statusCode).toBe(201);
    await t.app.inject({ method: 'POST', url: `/admin/citizens/${citizenId}/erase`, headers: { authorization: `Bearer ${await t.token('admin')}` }, payload: {} });
    await t.engine.settle();
    const { rows } = await sql<{ global_position: string; leaf_hash: Buffer }>`select global_position, leaf_hash from audit_leaves order by leaf_index`.execute(t.database.db);
    const recomputed = (await eventsAt(t.database.db, rows.map((r) => Number(r.global_position)))).map(leafOf);
    expect(recomputed.map((h) => h.toString('hex'))).toEqual(rows.map((r) => r.leaf_hash.toString('hex')));
  });

  it('signs a head over the last events of a quiet log', async () => {
    const { rows } = await sql<{ size: string }>`select size from audit_frontier`.execute(t.database.db);
    const size = Number(rows[0]!.size);
    const { treeHeads } = await get('/audit/tree-heads');
    const signed = await signPendingHead(t.database.db, t.auditKey, 0);
    if (treeHeads.at(-1).treeSize < size) expect(signed).toBe(size);
    else expect(signed).toBeNull();
    expect((await get('/audit/tree-heads')).treeHeads.at(-1).treeSize).toBe(size);
    expect(await signPendingHead(t.database.db, t.auditKey, 0)).toBeNull(); // nothing new to sign
  });

  it('is for auditors: other roles get 403, and a rebuild of the sealer adds nothing', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/audit/tree-heads', headers: { authorization: `Bearer ${await t.token('staff', newId())}` } });
    expect(response.statusCode).toBe(403);
    const before = await get('/audit/tree-heads');
    await t.engine.startRebuild('audit');
    await t.engine.settle();
    expect(await get('/audit/tree-heads')).toEqual(before);
    await expect(sql`update audit_leaves set leaf_hash = leaf_hash`.execute(t.database.db)).rejects.toMatchObject({ code: 'VS001' });
  });
});
