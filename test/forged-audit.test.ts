/**
 * The audit trail against an insider with database rights: every forgery here is done in SQL as a
 * superuser would (session_replication_role = replica switches the append-only triggers off), and
 * each must be reported with its position, or refused by the sealer.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBundle, readBundle } from '../src/audit/bundle.js';
import { readPublicKey, readTrustedHeads, trustedHeadsFrom } from '../src/audit/input.js';
import { verifyDatabase } from '../src/audit/live.js';
import { LeafTree, verifyConsistency } from '../src/audit/merkle.js';
import { formatReport } from '../src/audit/report.js';
import { auditSealer, signPendingHead } from '../src/audit/sealer.js';
import { loadAuditKey, signTreeHead } from '../src/audit/signing.js';
import { type Report, type TreeHead, verifyLog } from '../src/audit/verify.js';
import { readWitnessFile } from '../src/audit/witness.js';
import { newId } from '../src/ids.js';
import { ProjectionEngine } from '../src/projections/engine/engine.js';
import { createTestApp } from './support/app.js';
import { verifyConsistency as independentConsistency } from './support/rfc9162.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
const apps: App[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

const HOUR = 3_600_000;

/** A log written through the application: centres, and a citizen's journey with consent. Sealed, a head every 5 events. */
async function freshLog(): Promise<App> {
  const t = await createTestApp();
  apps.push(t);
  const post = async (token: string, url: string, payload: object = {}) => {
    const response = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const admin = await t.token('admin');
  const { centreId } = await post(admin, '/centres', { municipalityCode: '147', name: 'Virkelyst Frederiksberg' });
  for (let i = 0; i < 6; i++) await post(admin, '/centres', { municipalityCode: '101', name: `Centre ${i}` });
  await t.engine.settle();
  const staff = await t.token('staff', centreId);
  const citizenId = newId();
  const citizen = await t.token('citizen', undefined, citizenId);
  await post(citizen, '/journeys', { centreId, alias: 'Sofie' });
  const { created } = await post(staff, `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'workshop' }, information: 'Workshop' });
  await post(citizen, `/journeys/${citizenId}/offers/${created.offerId}/consent`);
  await t.engine.settle();
  // Everything under a signed head.
  await signPendingHead(t.database.db, t.auditKey, 0);
  return t;
}

const verify = (t: App, options: { nowMs?: number; trustedHeads?: TreeHead[]; witness?: boolean } = {}) =>
  verifyDatabase(t.database, {
    publicKeyPem: t.auditKey.publicKeyPem,
    sealEveryMs: t.auditKey.sealEveryMs,
    witnessFile: options.witness === false ? null : t.auditKey.witness!.file,
    pseudonym: t.auditKey.pseudonym,
    ...(options.nowMs ? { nowMs: options.nowMs } : {}),
    ...(options.trustedHeads ? { trustedHeads: options.trustedHeads } : {}),
  });
const integrity = (report: Report) => report.checks.find((c) => c.id === 8)!.violations;

/** Runs SQL with the append-only triggers off, as a superuser can. */
async function asSuperuser(t: App, work: (trx: Kysely<any>) => Promise<unknown>) {
  await t.database.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await work(trx);
  });
}

async function logPositions(t: App): Promise<number[]> {
  const { rows } = await sql<{ p: string }>`select global_position as p from events order by transaction_id, global_position`.execute(t.database.db);
  return rows.map((r) => Number(r.p));
}

async function heads(t: App): Promise<TreeHead[]> {
  const response = await t.app.inject({ method: 'GET', url: '/audit/tree-heads', headers: { authorization: `Bearer ${await t.token('auditor')}` } });
  return response.json().treeHeads;
}

async function addCentre(t: App, name = `Centre ${newId().slice(-6)}`) {
  const response = await t.app.inject({ method: 'POST', url: '/centres', headers: { authorization: `Bearer ${await t.token('admin')}` }, payload: { municipalityCode: '101', name } });
  expect(response.statusCode).toBe(201);
}

/** Catches up (without waiting for a failing projection) and returns the audit projection's failure, if any. */
/**
 * The sealer's failure, once it has reached the events it fails on. The read horizon is the
 * oldest running transaction on the whole server, so another test file's transaction can hold the
 * sealer back a while: wait for a failure up to a deadline (an honest sealer never gets one).
 */
async function sealerFailure(t: App, engine: ProjectionEngine = t.engine, expectFailure = true) {
  const deadline = Date.now() + (expectFailure ? 20_000 : 0);
  for (;;) {
    await engine.catchUp();
    const failures = (await engine.status()).filter((b) => b.name === 'audit' && b.failure).map((b) => b.failure!);
    if (failures.length > 0 || Date.now() >= deadline) return failures;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function tempDir(prefix: string) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Someone with the signing key but not the witness re-seals and re-signs the log from scratch. */
async function resealWithoutWitness(t: App) {
  const pem = t.auditKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forger = await loadAuditKey(await tempDir('virkelyst-forger-'), pem, { witnessFile: null });
  const engine = new ProjectionEngine(t.database, t.store, [auditSealer(forger, { every: 5, everyMs: 0 })]);
  await engine.startRebuild('audit');
  await engine.settle({ names: ['audit'] });
  return forger;
}

describe('an honest log', () => {
  it('passes, with every check that examined something ok and the rest not applicable', async () => {
    const t = await freshLog();
    const report = await verify(t, { nowMs: Date.now() + HOUR });
    expect(integrity(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.coverage).toEqual({ events: report.events, sealed: report.events, signed: report.events });
    expect(report.against.witnessedHeads).toBe((await heads(t)).length);
    for (const c of report.checks) expect(c.status).toBe(c.examined === 0 ? 'not_applicable' : 'ok');
  });

  it('does not count the newest events as missing while they may still wait for the sealer', async () => {
    const t = await freshLog();
    await addCentre(t); // appended, not yet sealed: nothing caught up
    const now = await verify(t);
    expect(now.ok).toBe(true);
    expect(now.coverage.sealed).toBe(now.events - 1);
    const later = await verify(t, { nowMs: Date.now() + HOUR });
    const positions = await logPositions(t);
    expect(integrity(later)).toEqual([expect.objectContaining({ position: positions.at(-1), reason: expect.stringContaining('1 events recorded more than 180 s ago are not sealed') })]);
  });
});

describe('deleted and edited audit rows', () => {
  it('names the first missing position when leaves are deleted, and a leaf naming another event', async () => {
    const t = await freshLog();
    const positions = await logPositions(t);
    await asSuperuser(t, (trx) => sql`delete from audit_leaves where leaf_index in (3, 4)`.execute(trx));
    const report = await verify(t);
    expect(report.ok).toBe(false);
    expect(integrity(report)).toContainEqual(expect.objectContaining({ position: positions[3], reason: '2 sealed leaves are missing (deleted from audit_leaves): the first is leaf 3' }));
    expect(report.coverage.sealed).toBe(positions.length - 2);

    await asSuperuser(t, async (trx) => {
      await sql`update audit_leaves set global_position = 999999 where leaf_index = 5`.execute(trx);
      await sql`update audit_leaves set event_id = ${newId()} where leaf_index = 6`.execute(trx);
    });
    const edited = integrity(await verify(t));
    expect(edited).toContainEqual(expect.objectContaining({ position: positions[5], reason: expect.stringContaining('leaf 5 names position 999999') }));
    expect(edited).toContainEqual(expect.objectContaining({ position: positions[6], reason: "leaf 6 names another event id than this event's" }));
  });

  it('names the first missing position when the newest leaves are deleted, and the sealer will not build on them', async () => {
    const t = await freshLog();
    const positions = await logPositions(t);
    const n = positions.length;
    await asSuperuser(t, (trx) => sql`delete from audit_leaves where leaf_index >= ${n - 2}`.execute(trx));
    const report = await verify(t);
    expect(integrity(report)).toContainEqual(expect.objectContaining({ position: positions[n - 2], reason: expect.stringContaining(`the audit_frontier row holds ${n} leaves, but only ${n - 2} are sealed`) }));
    expect(integrity(report)).toContainEqual(expect.objectContaining({ position: positions[n - 2], reason: expect.stringContaining(`covers leaves that are not in audit_leaves (deleted): the first missing is leaf ${n - 2}`) }));
    await addCentre(t);
    expect(await sealerFailure(t)).toEqual([expect.objectContaining({ error: 'AuditTablesMismatch', position: (await logPositions(t)).at(-1) })]);
  });

  it('reports deleted tree heads: missing from the database though the witness has them, and events no head covers', async () => {
    const t = await freshLog();
    const positions = await logPositions(t);
    const all = await heads(t);
    const newest = all.at(-1)!;
    await asSuperuser(t, (trx) => sql`delete from audit_tree_heads where tree_size = ${newest.treeSize}`.execute(trx));
    const now = integrity(await verify(t));
    expect(now).toContainEqual(
      expect.objectContaining({ position: positions[newest.treeSize - 1], reason: `a head the sealer signed and witnessed is missing from the database (deleted): size ${newest.treeSize}` }),
    );
    const previous = all.at(-2)!.treeSize;
    const later = integrity(await verify(t, { nowMs: Date.now() + HOUR }));
    expect(later).toContainEqual(
      expect.objectContaining({ position: positions[previous], reason: expect.stringContaining(`sealed events recorded more than 180 s ago are covered by no signed head: the first is at index ${previous}`) }),
    );

    await asSuperuser(t, (trx) => sql`delete from audit_tree_heads`.execute(trx));
    const none = await verify(t, { nowMs: Date.now() + HOUR });
    expect(integrity(none)).toContainEqual(expect.objectContaining({ position: positions[0], reason: expect.stringContaining(`${positions.length} sealed events recorded more than 180 s ago are covered by no signed head: the first is at index 0`) }));
    expect(integrity(none).filter((v) => v.reason.startsWith('a head the sealer signed and witnessed is missing'))).toHaveLength(all.length);
    // The sealer puts back exactly what it witnessed: nothing signed anew.
    expect(await signPendingHead(t.database.db, t.auditKey, 0)).toBe(newest.treeSize);
    expect((await heads(t)).at(-1)).toEqual(newest);
  });

  it('reports a deleted or inconsistent audit_frontier row, and the sealer neither seals nor signs on it', async () => {
    const t = await freshLog();
    const positions = await logPositions(t);
    const n = positions.length;
    await asSuperuser(t, (trx) => sql`delete from audit_frontier`.execute(trx));
    expect(integrity(await verify(t))).toEqual([expect.objectContaining({ position: positions[0], reason: `the audit_frontier row is missing while ${n} leaves are sealed` })]);
    await addCentre(t);
    expect(await sealerFailure(t)).toEqual([expect.objectContaining({ error: 'AuditTablesMismatch' })]);

    await asSuperuser(t, (trx) => sql`insert into audit_frontier (id, size, stack) values (1, ${n - 1}, '[]') on conflict (id) do update set size = excluded.size`.execute(trx));
    expect(integrity(await verify(t))).toContainEqual(expect.objectContaining({ position: positions[n - 1], reason: expect.stringContaining(`the audit_frontier row holds ${n - 1} leaves, but ${n} are sealed: the first it lacks is leaf ${n - 1}`) }));
  });

  it('the sealer refuses to sign a head that does not extend the last one in its witness', async () => {
    const t = await freshLog();
    // Leaves sealed but not yet under a head.
    const signedSize = async () => Number((await sql<{ s: string }>`select coalesce(max(tree_size), 0) as s from audit_tree_heads`.execute(t.database.db)).rows[0]!.s);
    const frontierSize = async () => Number((await sql<{ s: string }>`select size as s from audit_frontier`.execute(t.database.db)).rows[0]!.s);
    do {
      await addCentre(t);
      await t.engine.catchUp();
    } while ((await frontierSize()) === (await signedSize()));
    const witnessed = (await readWitnessFile(t.auditKey.witness!.file))!.records.length;
    // Someone rewrites the sealer's running tree (same size, other subtrees).
    await asSuperuser(t, (trx) => sql`update audit_frontier set stack = jsonb_set(stack, '{0,hash}', to_jsonb(repeat('ab', 32)))`.execute(trx));
    await expect(signPendingHead(t.database.db, t.auditKey, 0)).rejects.toMatchObject({ name: 'AuditWitnessMismatch' });
    expect((await readWitnessFile(t.auditKey.witness!.file))!.records).toHaveLength(witnessed);
    expect(await signedSize()).toBeLessThan(await frontierSize());
    expect(integrity(await verify(t))).toContainEqual(expect.objectContaining({ reason: expect.stringContaining('the audit_frontier row is not the tree of the') }));
  });

  it('tolerates a witnessed head whose transaction did not commit, puts it back, and reports one whose transaction did', async () => {
    const t = await freshLog();
    await addCentre(t);
    // Until the sealer has sealed it (another test file's transaction can hold the read horizon back).
    const sealedPastSigned = async () => {
      await t.engine.catchUp();
      const { rows } = await sql<{ size: string; stack: { height: number; hash: string }[] }>`select size, stack from audit_frontier`.execute(t.database.db);
      const { rows: signed } = await sql<{ s: string }>`select coalesce(max(tree_size), 0) as s from audit_tree_heads`.execute(t.database.db);
      return { rows, unsigned: Number(rows[0]!.size) > Number(signed[0]!.s) };
    };
    let state = await sealedPastSigned();
    for (const deadline = Date.now() + 20_000; !state.unsigned && Date.now() < deadline; state = await sealedPastSigned()) await new Promise((r) => setTimeout(r, 50));
    expect(state.unsigned).toBe(true);
    const { rows } = state;
    const size = Number(rows[0]!.size);
    const transactionId = async (end: 'commit' | 'rollback') => {
      const client = await t.database.pool.connect();
      try {
        await client.query('begin');
        const id = (await client.query<{ id: string }>('select pg_current_xact_id()::text as id')).rows[0]!.id;
        await client.query(end);
        return id;
      } finally {
        client.release();
      }
    };
    // A head signed and witnessed whose transaction then rolled back (a crash between the two).
    const tree = new LeafTree(Buffer.concat((await sql<{ h: Buffer }>`select leaf_hash as h from audit_leaves order by leaf_index`.execute(t.database.db)).rows.map((r) => r.h)));
    const head = { treeSize: size, rootHash: tree.root(0, size), timestamp: new Date().toISOString() };
    const record = (xid: string) => ({ ...head, rootHash: head.rootHash.toString('hex'), keyId: t.auditKey.keyId, signature: signTreeHead(t.auditKey, head).toString('base64'), transactionId: xid, frontier: rows[0]!.stack });
    await t.auditKey.witness!.append([record(await transactionId('rollback'))]);
    expect((await verify(t)).ok).toBe(true);
    // Committed, yet not in the database: deleted.
    const lines = await fs.readFile(t.auditKey.witness!.file, 'utf8');
    await fs.writeFile(t.auditKey.witness!.file, lines.trimEnd().split('\n').slice(0, -1).concat(JSON.stringify(record(await transactionId('commit')))).join('\n') + '\n');
    expect(integrity(await verify(t))).toEqual([expect.objectContaining({ reason: `a head the sealer signed and witnessed is missing from the database (deleted): size ${size}` })]);
    // The sealer puts the witnessed head back rather than sign another at that size.
    expect(await signPendingHead(t.database.db, t.auditKey, 0)).toBe(size);
    expect((await heads(t)).at(-1)).toMatchObject({ treeSize: size, timestamp: head.timestamp });
    expect((await verify(t)).ok).toBe(true);
  });

  it('a line the witness lost to a crash is cut off before the next append', async () => {
    const t = await freshLog();
    const file = t.auditKey.witness!.file;
    const before = (await readWitnessFile(file))!.records.length;
    await fs.appendFile(file, '{"treeSize":99,"rootHash":"ab'); // torn
    expect((await t.auditKey.witness!.latest())!.treeSize).toBe((await heads(t)).at(-1)!.treeSize);
    for (let i = 0; i < 5; i++) await addCentre(t);
    await t.engine.settle();
    const after = await readWitnessFile(file);
    expect(after!.malformedLines).toEqual([]);
    expect(after!.records.length).toBeGreaterThan(before);
    expect((await verify(t)).ok).toBe(true);
  });
});

describe('emptied audit tables', () => {
  it('reports "sealed: 0" on a non-empty log as a failure, with the first missing position, and a rebuild puts back the witnessed heads', async () => {
    const t = await freshLog();
    const positions = await logPositions(t);
    const before = await heads(t);
    await asSuperuser(t, (trx) => sql`truncate audit_leaves, audit_tree_heads, audit_frontier`.execute(trx));
    const report = await verify(t);
    expect(report.ok).toBe(false);
    expect(report.coverage).toMatchObject({ sealed: 0, signed: 0 });
    expect(integrity(report)).toContainEqual(expect.objectContaining({ position: positions[0], reason: `nothing is sealed: the log holds ${positions.length} events and no leaf` }));
    expect(integrity(report).filter((v) => v.reason.includes('missing from the database (deleted)'))).toHaveLength(before.length);
    expect(formatReport(report, 'en')).toContain('Sealed: 0;');
    expect(formatReport(report, 'en')).toContain('Result: VIOLATIONS FOUND.');
    const later = await verify(t, { nowMs: Date.now() + HOUR });
    expect(integrity(later)).toContainEqual(expect.objectContaining({ position: positions[0], reason: expect.stringContaining(`${positions.length} events recorded more than 180 s ago are not sealed: the first is at index 0`) }));

    // The live sealer will not seal new events onto emptied tables.
    await addCentre(t);
    expect(await sealerFailure(t)).toEqual([expect.objectContaining({ error: 'AuditTablesMismatch' })]);
    // A rebuild re-seals from the start: the same tree, and exactly the heads the witness holds.
    await t.engine.startRebuild('audit');
    await t.engine.settle();
    const after = await heads(t);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).every((h) => h.treeSize > before.at(-1)!.treeSize)).toBe(true); // anything new extends them
    await signPendingHead(t.database.db, t.auditKey, 0);
    expect((await verify(t, { nowMs: Date.now() + HOUR })).ok).toBe(true);
  });
});

describe('values the canonical form cannot represent', () => {
  async function forceEvent(t: App, dataSql: string) {
    const metadata = { actor: { id: 'intruder', role: 'staff' }, commandId: newId(), correlationId: newId(), causationId: newId(), occurredAt: new Date().toISOString() };
    const { rows } = await sql<{ p: string }>`
      insert into events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
      values (${`centre-${newId()}`}, 1, ${newId()}, 'CentreRenamed', 1, ${dataSql}::jsonb, ${JSON.stringify(metadata)}::jsonb)
      returning global_position as p`.execute(t.database.db);
    return Number(rows[0]!.p);
  }

  it('seals them as stored without stopping, names each with its position, and any change to the stored value changes the leaf', async () => {
    const t = await freshLog();
    const huge = await forceEvent(t, '{"name": "x", "amount": 1e400}');
    const unsafe = await forceEvent(t, '{"name": "y", "amount": 12345678901234567}');
    const precise = await forceEvent(t, '{"name": "z", "amount": 0.1000000000000000055511151231257827}');
    const deep = await forceEvent(t, JSON.stringify({ name: 'w', deep: JSON.parse('['.repeat(600) + ']'.repeat(600)) }));
    // Numbers a double holds: as RFC 8785 writes them, up to notation and trailing zeros (no other value).
    const fine = await forceEvent(t, '{"name": "v", "amount": 1e21, "small": 0.0000001, "price": 1.50, "digits": 1.2345678901234567, "text": "12345678901234567890"}');
    await addCentre(t); // and the sealer goes on after them
    await t.engine.settle();
    expect(await sealerFailure(t, t.engine, false)).toEqual([]);
    const { rows } = await sql<{ n: string }>`select count(*) as n from audit_leaves`.execute(t.database.db);
    expect(Number(rows[0]!.n)).toBe(await t.eventCount());
    await signPendingHead(t.database.db, t.auditKey, 0);

    const report = await verify(t);
    expect(report.ok).toBe(false);
    const named = integrity(report).filter((v) => v.reason.includes('cannot be represented in the canonical form'));
    expect(named.map((v) => v.position)).toEqual([huge, unsafe, precise, deep]);
    expect(named.every((v) => v.reason.startsWith('the stored data cannot be represented'))).toBe(true);
    expect(integrity(report).map((v) => v.position)).not.toContain(fine);
    expect(integrity(report)).toHaveLength(4); // every leaf and head still checks out

    // The bundle holds the same stored-text form, and its verifier names the same events.
    const dir = await tempDir('virkelyst-poison-');
    await exportBundle(t.database, t.auditKey, dir);
    const lines = (await fs.readFile(path.join(dir, 'events.jsonl'), 'utf8')).trimEnd().split('\n');
    const line = lines.find((l) => JSON.parse(l).position === huge)!;
    expect(line).toContain('"data":null');
    expect(line).toContain(`"storedAsText":{"data":"{\\"name\\": \\"x\\", \\"amount\\": 1${'0'.repeat(400)}}"}`);
    const offline = await verifyLog(await readBundle(dir));
    expect(integrity(offline).map((v) => v.position)).toEqual([huge, unsafe, precise, deep]);
    const index = lines.indexOf(line) + 1;
    const sh = (script: string) => execFileSync('bash', ['-c', script], { cwd: dir }).toString().trim();
    expect(sh(`sed -n "${index}p" events.jsonl | tr -d '\\n' | { printf '\\000'; cat; } | sha256sum | cut -d' ' -f1`)).toBe(sh(`sed -n "${index}p" leaves.txt`));

    // 12345678901234567 and 12345678901234568 are the same double: only the stored text tells them apart.
    await sql`alter table events disable trigger events_no_update_delete`.execute(t.database.db);
    try {
      await sql`update events set data = '{"name": "y", "amount": 12345678901234568}'::jsonb where global_position = ${unsafe}`.execute(t.database.db);
      await sql`update events set data = '{"name": "x", "amount": 1e401}'::jsonb where global_position = ${huge}`.execute(t.database.db);
    } finally {
      await sql`alter table events enable trigger events_no_update_delete`.execute(t.database.db);
    }
    const changed = integrity(await verify(t));
    const positions = await logPositions(t);
    expect(changed).toContainEqual(expect.objectContaining({ position: unsafe, reason: `leaf ${positions.indexOf(unsafe)} does not match the event as it is now` }));
    expect(changed).toContainEqual(expect.objectContaining({ position: huge, reason: `leaf ${positions.indexOf(huge)} does not match the event as it is now` }));
  });

  it('never crashes on a recorded time out of range', async () => {
    const t = await freshLog();
    const positions = await logPositions(t);
    await sql`alter table events disable trigger events_no_update_delete`.execute(t.database.db);
    try {
      await sql`update events set recorded_at = 'infinity' where global_position = ${positions[2]}`.execute(t.database.db);
      await sql`update events set recorded_at = '3000-01-01 00:00:00+00' where global_position = ${positions[3]}`.execute(t.database.db);
    } finally {
      await sql`alter table events enable trigger events_no_update_delete`.execute(t.database.db);
    }
    const report = await verify(t);
    expect(integrity(report)).toContainEqual(expect.objectContaining({ position: positions[2], reason: expect.stringContaining('the stored recordedAt cannot be represented') }));
    expect(integrity(report)).toContainEqual(expect.objectContaining({ position: positions[3], reason: expect.stringContaining('the stored recordedAt cannot be represented') }));
    expect(integrity(report)).toContainEqual(expect.objectContaining({ position: positions[2], reason: 'leaf 2 does not match the event as it is now' }));
  });
});

describe('a rolled-back or rewritten log, re-sealed and re-signed with the same key', () => {
  it('is caught by the heads an auditor kept, and by the witness; the sealer will not sign past it', async () => {
    const t = await freshLog();
    const kept = await heads(t);
    const keptFile = path.join(await tempDir('virkelyst-kept-'), 'tree-heads.json');
    await fs.writeFile(keptFile, JSON.stringify({ treeHeads: kept }));
    const n = (await logPositions(t)).length;

    // Roll back: delete the newest three events, empty the audit tables, re-seal and re-sign.
    await asSuperuser(t, async (trx) => {
      await sql`delete from events where global_position in (select global_position from events order by transaction_id desc, global_position desc limit 3)`.execute(trx);
      await sql`truncate audit_leaves, audit_tree_heads, audit_frontier`.execute(trx);
    });
    await resealWithoutWitness(t);
    // Consistent in itself: without kept heads or the witness nothing shows.
    expect((await verify(t, { witness: false, nowMs: Date.now() + HOUR })).ok).toBe(true);

    const trusted = await readTrustedHeads(keptFile);
    const report = await verify(t, { witness: false, trustedHeads: trusted });
    expect(report.ok).toBe(false);
    expect(integrity(report)).toContainEqual(expect.objectContaining({ reason: `the log was rolled back: a trusted head covers ${n} events, the log holds ${n - 3}` }));
    expect(report.against.trustedHeads).toBe(kept.length);
    const witnessed = integrity(await verify(t));
    expect(witnessed).toContainEqual(expect.objectContaining({ reason: `the log was rolled back: a head in the witness covers ${n} events, the log holds ${n - 3}` }));

    // The honest sealer, with its witness, will not sign anything over the new history.
    const signedBefore = (await heads(t)).length;
    for (let i = 0; i < 6; i++) await addCentre(t);
    expect(await sealerFailure(t)).toEqual([expect.objectContaining({ error: 'AuditWitnessMismatch' })]);
    await expect(signPendingHead(t.database.db, t.auditKey, 0)).resolves.toBeNull();
    expect((await heads(t)).length).toBe(signedBefore);
  });

  it('a rewritten event is caught by kept heads with its position, with no consistency proof; a rebuild with the witness stops at the first witnessed head over it', async () => {
    const t = await freshLog();
    const kept = await heads(t);
    const positions = await logPositions(t);
    const changed = kept[0]!.treeSize; // the first event after the first head: that head stays true
    await asSuperuser(t, async (trx) => {
      await sql`update events set data = jsonb_set(data, '{name}', '"Virkelyst Forged"') where global_position = ${positions[changed]}`.execute(trx);
      await sql`truncate audit_leaves, audit_tree_heads, audit_frontier`.execute(trx);
    });
    // With the witness, a rebuild re-seals up to the first witnessed head covering the change and stops there.
    await t.engine.startRebuild('audit');
    const firstOver = kept.find((h) => h.treeSize > changed)!;
    expect(await sealerFailure(t)).toEqual([expect.objectContaining({ error: 'AuditWitnessMismatch', position: positions[firstOver.treeSize - 1] })]);
    expect(await heads(t)).toEqual(kept.filter((h) => h.treeSize < firstOver.treeSize)); // only what the witness vouches for, put back

    // Without it, a forger re-signs everything (and the log goes on past the last kept head, so the
    // forger's newest head is beyond every kept one, whatever sizes the honest sealer happened to cut);
    // the heads an auditor kept still tell.
    for (let i = 0; i < 6; i++) await addCentre(t);
    await resealWithoutWitness(t);
    const violations = integrity(await verify(t, { witness: false, trustedHeads: kept }));
    for (const h of kept.filter((k) => k.treeSize > changed)) {
      expect(violations).toContainEqual(
        expect.objectContaining({ position: positions[h.treeSize - 1], reason: `the log was rewritten: the events no longer have the root of a trusted head of size ${h.treeSize}` }),
      );
    }
    const newest = (await heads(t)).at(-1)!.treeSize;
    expect(newest).toBeGreaterThan(kept.at(-1)!.treeSize);
    expect(violations).toContainEqual(
      expect.objectContaining({ reason: `no consistency proof from the head of size ${firstOver.treeSize} to the head of size ${newest} (a trusted head and the newest signed head)` }),
    );
    // The head before the change is still consistent with the new ones, proof and all.
    expect(violations.filter((v) => v.reason.includes(`size ${kept[0]!.treeSize} `) || v.reason.endsWith(`size ${kept[0]!.treeSize}`))).toEqual([]);
  });
});

describe('what an auditor hands the verifier', () => {
  it('reads heads as one head, an array, GET /audit/tree-heads, a bundle’s tree-heads.json and the witness file', async () => {
    const t = await freshLog();
    const served = await heads(t);
    const dir = await tempDir('virkelyst-heads-');
    await exportBundle(t.database, t.auditKey, dir);
    const plain = served.map(({ treeSize, rootHash, timestamp, signature }) => ({ treeSize, rootHash, timestamp, signature }));
    expect(trustedHeadsFrom(JSON.stringify(served[0]), 'one')).toEqual([plain[0]]);
    expect(trustedHeadsFrom(JSON.stringify(served), 'array')).toEqual(plain);
    expect(trustedHeadsFrom(JSON.stringify({ treeHeads: served }), 'served')).toEqual(plain);
    expect(await readTrustedHeads(path.join(dir, 'tree-heads.json'))).toEqual(plain);
    expect(await readTrustedHeads(t.auditKey.witness!.file)).toEqual(plain);
    expect(() => trustedHeadsFrom('[]', 'f')).toThrow('--trusted-head f: holds no tree head');
    expect(() => trustedHeadsFrom('{"treeSize": 0}', 'f')).toThrow('head 1 is not a signed tree head');
    expect(() => trustedHeadsFrom('nonsense\n', 'f')).toThrow('line 1 is not JSON');
  });

  it('takes the public key as GET /audit/public-key serves it, or as PEM; proofs between kept heads check with an independent verifier', async () => {
    const t = await freshLog();
    const dir = await tempDir('virkelyst-key-');
    const served = await t.app.inject({ method: 'GET', url: '/audit/public-key' });
    await fs.writeFile(path.join(dir, 'key.json'), served.body);
    await fs.writeFile(path.join(dir, 'key.pem'), t.auditKey.publicKeyPem);
    expect(await readPublicKey(path.join(dir, 'key.json'))).toBe(t.auditKey.publicKeyPem);
    expect(await readPublicKey(path.join(dir, 'key.pem'))).toBe(t.auditKey.publicKeyPem);
    await fs.writeFile(path.join(dir, 'wrong.json'), JSON.stringify({ ...served.json(), keyId: '0000000000000000' }));
    await expect(readPublicKey(path.join(dir, 'wrong.json'))).rejects.toThrow('is not the id of the key given with it');

    const kept = await heads(t);
    const leaves = Buffer.concat((await sql<{ h: Buffer }>`select leaf_hash as h from audit_leaves order by leaf_index`.execute(t.database.db)).rows.map((r) => r.h));
    const tree = new LeafTree(leaves);
    const [first, last] = [kept[0]!, kept.at(-1)!];
    const proof = tree.consistencyProof(first.treeSize, last.treeSize);
    const roots = [Buffer.from(first.rootHash, 'hex'), Buffer.from(last.rootHash, 'hex')] as const;
    expect(verifyConsistency(first.treeSize, last.treeSize, ...roots, proof)).toBe(true);
    expect(independentConsistency(first.treeSize, last.treeSize, ...roots, proof)).toBe(true);
    expect(verifyConsistency(first.treeSize, last.treeSize, roots[1], roots[0], proof)).toBe(false);
    // The same proofs the API serves.
    const api = await t.app.inject({ method: 'GET', url: `/audit/proofs/consistency?from=${first.treeSize}&to=${last.treeSize}`, headers: { authorization: `Bearer ${await t.token('auditor')}` } });
    expect(api.json().proof).toEqual(proof.map((p) => p.toString('hex')));
  });
});
