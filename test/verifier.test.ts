import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { exportBundle, readBundle } from '../src/audit/bundle.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsAt, eventsFromDatabase } from '../src/audit/source.js';
import { verifyDatabase } from '../src/audit/live.js';
import { formatReport } from '../src/audit/report.js';
import { type RawEvent, verifyLog } from '../src/audit/verify.js';
import { loadAuditKey, signTreeHead } from '../src/audit/signing.js';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let citizenId: string;

const post = async (token: string, url: string, payload: object = {}) => {
  const response = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
};

async function verifyNow() {
  await t.engine.settle();
  return verifyDatabase(t.database, {
    publicKeyPem: t.auditKey.publicKeyPem,
    sealEveryMs: t.auditKey.sealEveryMs,
    witnessFile: t.auditKey.witness!.file,
    pseudonym: t.auditKey.pseudonym,
    batchSize: 7,
  });
}

const violationsOf = (report: Awaited<ReturnType<typeof verifyNow>>, id: number) => report.checks.find((c) => c.id === id)!.violations;

/** Writes an event straight into the table, as someone bypassing the application would. */
async function forceEvent(streamId: string, type: string, data: object, actor = { id: 'intruder', role: 'staff' }) {
  const { rows } = await sql<{ v: string }>`select coalesce(max(stream_version), 0) + 1 as v from events where stream_id = ${streamId}`.execute(t.database.db);
  const metadata = { actor, correlationId: newId(), causationId: newId(), commandId: newId(), occurredAt: new Date().toISOString() };
  const { rows: inserted } = await sql<{ global_position: string }>`
    insert into events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
    values (${streamId}, ${Number(rows[0]!.v)}, ${newId()}, ${type}, 1, ${JSON.stringify(data)}::jsonb, ${JSON.stringify(metadata)}::jsonb)
    returning global_position`.execute(t.database.db);
  return Number(inserted[0]!.global_position);
}

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.token('admin');
  const { centreId } = await post(admin, '/centres', { municipalityCode: '147', name: 'Virkelyst Frederiksberg' });
  await t.engine.settle();
  const staff = await t.token('staff', centreId);
  citizenId = newId();
  const citizen = await t.token('citizen', undefined, citizenId);
  await post(citizen, '/journeys', { centreId, alias: 'Sofie' });
  const { created } = await post(staff, `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'workshop' }, information: 'Workshop' });
  await post(citizen, `/journeys/${citizenId}/offers/${created.offerId}/consent`);
  await post(staff, `/journeys/${citizenId}/offers/${created.offerId}/participation/start`);
  await post(citizen, `/journeys/${citizenId}/offers/${created.offerId}/withdraw`);
  const other = await post(staff, `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching' });
  await post(citizen, `/journeys/${citizenId}/offers/${other.created.offerId}/decline`);
});
afterAll(async () => t.close());

describe('the voluntariness verifier', () => {
  it('passes a log written through the application, and says so in Danish and English', async () => {
    const report = await verifyNow();
    expect(report.checks.filter((c) => c.violations.length > 0)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.id === 1)!.examined).toBe(1);
    expect(report.checks.find((c) => c.id === 8)!.examined).toBeGreaterThan(5);
    expect(formatReport(report)).toContain('ingen brud');
    expect(formatReport(report, 'en')).toContain('no violations');
    expect(JSON.stringify(report)).not.toContain('Sofie');
    // A check that looked at nothing is not "ok": no data was shared with a partner in this log.
    expect(report.checks.find((c) => c.id === 6)).toMatchObject({ examined: 0, status: 'not_applicable' });
    // Nor are the books: this log holds no budget.
    expect(report.checks.find((c) => c.id === 11)).toMatchObject({ examined: 0, status: 'not_applicable' });
    expect(report.checks.find((c) => c.id === 1)).toMatchObject({ status: 'ok' });
    expect(formatReport(report, 'en')).toMatch(/^6\. .*: not applicable: 0 examined$/m);
    expect(formatReport(report)).toMatch(/^6\. .*: ikke relevant: 0 undersøgt$/m);
    expect(formatReport(report, 'en')).not.toMatch(/^6\. .*OK$/m);
    expect(report.against.witnessedHeads).toBeGreaterThan(0);
  });

  it('serves the report and an offer’s consent trail to auditors, without personal fields', async () => {
    const auditor = await t.token('auditor');
    const report = await t.app.inject({ method: 'GET', url: '/audit/report', headers: { authorization: `Bearer ${auditor}` } });
    expect(report.json().ok).toBe(true);
    const { rows } = await sql<{ offer_id: string }>`select data->>'offerId' as offer_id from events where event_type = 'ConsentGiven' limit 1`.execute(t.database.db);
    const trail = (await t.app.inject({ method: 'GET', url: `/audit/offers/${rows[0]!.offer_id}/consent-trail`, headers: { authorization: `Bearer ${auditor}` } })).json();
    expect(trail.trail.map((e: { type: string }) => e.type)).toEqual(['OfferMade', 'ConsentGiven', 'ParticipationStarted', 'ConsentWithdrawn', 'ParticipationEnded']);
    // The citizen by a keyed pseudonym, the same in every row and every request; never their id or stream id.
    const pseudonym = t.auditKey.pseudonym(citizenId);
    expect(pseudonym).toMatch(/^borger-[0-9a-f]{12}$/);
    expect(trail.trail[1]).toMatchObject({ by: { role: 'citizen', id: pseudonym }, citizen: pseudonym, how: { method: 'self_service' } });
    expect(trail.trail.every((e: { citizen: string }) => e.citizen === pseudonym)).toBe(true);
    expect(trail.trail[0].by).toMatchObject({ role: 'staff' }); // staff act in office: by their staff id
    expect(trail.trail[0].by.id).not.toMatch(/^borger-/);
    expect(JSON.stringify(trail)).not.toContain(citizenId);
    expect(JSON.stringify(trail)).not.toContain('journey-');
    expect(JSON.stringify(trail)).not.toContain('Workshop');
    const staffTries = await t.app.inject({ method: 'GET', url: '/audit/report', headers: { authorization: `Bearer ${await t.token('staff', newId())}` } });
    expect(staffTries.statusCode).toBe(403);
  });

  it('exports a bundle that verifies offline, and whose leaves and heads check out with sha256sum and openssl', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-bundle-'));
    try {
      const { events } = await exportBundle(t.database, t.auditKey, dir);
      const bundle = await readBundle(dir);
      const report = await verifyLog(bundle);
      expect(report.ok).toBe(true);
      expect(report.events).toBe(events);
      const sh = (script: string) => execFileSync('bash', ['-c', script], { cwd: dir }).toString().trim();
      // The README's procedure, run as written.
      expect(sh(`sed -n "3p" events.jsonl | tr -d '\\n' | { printf '\\000'; cat; } | sha256sum | cut -d' ' -f1`)).toBe(sh('sed -n "3p" leaves.txt'));
      const head = bundle.heads[0]!;
      await fs.writeFile(path.join(dir, 'head.msg'), JSON.stringify({ rootHash: head.rootHash, timestamp: head.timestamp, treeSize: head.treeSize }));
      await fs.writeFile(path.join(dir, 'head.sig'), Buffer.from(head.signature, 'base64'));
      expect(sh('openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in head.msg -sigfile head.sig')).toContain('Verified Successfully');
      expect(await fs.readFile(path.join(dir, 'README.md'), 'utf8')).toContain('sha256sum');
      expect(await fs.readFile(path.join(dir, 'events.jsonl'), 'utf8')).not.toContain('Sofie');
      // The parts for people to read name no citizen.
      for (const name of ['README.md', 'tree-heads.json']) expect(await fs.readFile(path.join(dir, name), 'utf8')).not.toContain(citizenId);

      // One byte changed in a line, or a line dropped: the bundle no longer verifies, at that leaf and the head covering it.
      const lines = (await fs.readFile(path.join(dir, 'events.jsonl'), 'utf8')).split('\n');
      await fs.writeFile(path.join(dir, 'events.jsonl'), lines.map((l, i) => (i === 2 ? l.replace('"version":', '"version": ') : l)).join('\n'));
      const changed = (await verifyLog(await readBundle(dir))).checks.find((c) => c.id === 8)!.violations;
      expect(changed[0]).toMatchObject({ position: JSON.parse(lines[2]!).position, reason: 'leaf 2 does not match the event as it is now' });
      expect(changed.some((v) => v.reason.includes('does not match the events'))).toBe(true);
      await fs.writeFile(path.join(dir, 'events.jsonl'), lines.filter((_, i) => i !== 2).join('\n'));
      const dropped = await verifyLog(await readBundle(dir));
      expect(dropped.ok).toBe(false);
      expect(dropped.checks.find((c) => c.id === 8)!.violations.map((v) => v.reason)).toContain('1 sealed leaves have no event: events were deleted');
      await fs.writeFile(path.join(dir, 'events.jsonl'), lines.map((l, i) => (i === 4 ? '{"not json' : l)).join('\n'));
      await expect(verifyLog(await readBundle(dir))).rejects.toThrow('events.jsonl line 5 is not JSON');
      const leafLines = (await fs.readFile(path.join(dir, 'leaves.txt'), 'utf8')).split('\n');
      await fs.writeFile(path.join(dir, 'leaves.txt'), leafLines.map((l, i) => (i === 1 ? l.toUpperCase() : l)).join('\n'));
      await expect(readBundle(dir)).rejects.toThrow('leaves.txt line 2 is not a SHA-256 hash in hex');
      await fs.writeFile(path.join(dir, 'leaves.txt'), leafLines.map((l, i) => (i === 3 ? l.slice(1) : l)).join('\n'));
      await expect(readBundle(dir)).rejects.toThrow('leaves.txt line 4 is not a SHA-256 hash in hex');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('does not take a bundle’s word for itself: the published key, a head over every leaf, nothing unsealed', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-forged-'));
    try {
      await t.engine.settle();
      await exportBundle(t.database, t.auditKey, dir);
      const honest = await verifyLog(await readBundle(dir));
      expect(honest.ok).toBe(true);
      expect(honest.keyId).toBe(t.auditKey.keyId);
      expect(honest.coverage).toEqual({ events: honest.events, sealed: honest.events, signed: honest.events });
      const file = (name: string) => path.join(dir, name);
      const original = { heads: await fs.readFile(file('tree-heads.json'), 'utf8'), key: await fs.readFile(file('public-key.pem'), 'utf8') };

      // Re-signed with another key and that key shipped along: consistent in itself, but not the published key.
      const forger = await loadAuditKey(await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-forger-')));
      const heads = JSON.parse(original.heads) as { treeSize: number; rootHash: string; timestamp: string; signature: string }[];
      const resigned = heads.map((h) => ({ ...h, signature: signTreeHead(forger, { ...h, rootHash: Buffer.from(h.rootHash, 'hex') }).toString('base64') }));
      await fs.writeFile(file('tree-heads.json'), JSON.stringify(resigned));
      await fs.writeFile(file('public-key.pem'), forger.publicKeyPem);
      const rekeyed = await verifyLog(await readBundle(dir));
      expect(rekeyed.keyId).not.toBe(t.auditKey.keyId);
      const withPublished = await verifyLog({ ...(await readBundle(dir)), publicKeyPem: t.auditKey.publicKeyPem });
      expect(withPublished.ok).toBe(false);
      expect(withPublished.checks[7]!.violations.some((v) => v.reason.includes('signature'))).toBe(true);
      await fs.writeFile(file('public-key.pem'), original.key);

      // No heads at all, or an event added after the sealed ones: not the sealed, signed log.
      await fs.writeFile(file('tree-heads.json'), '[]');
      expect((await verifyLog(await readBundle(dir))).checks[7]!.violations.map((v) => v.reason)).toContain(`${honest.events} sealed leaves are covered by no signed head`);
      await fs.writeFile(file('tree-heads.json'), original.heads);
      const lines = (await fs.readFile(file('events.jsonl'), 'utf8')).trimEnd().split('\n');
      const extra = { ...JSON.parse(lines.at(-1)!), position: 1e9, id: newId() };
      await fs.appendFile(file('events.jsonl'), `${JSON.stringify(extra)}\n`);
      expect((await verifyLog(await readBundle(dir))).checks[7]!.violations.map((v) => v.reason)).toContain('1 events have no sealed leaf: they are not part of the sealed log');

      // A line that is JSON but not an event, and a head of no size, are named, not crashed on.
      await fs.writeFile(file('events.jsonl'), `${lines.join('\n')}\nnull\n`);
      await expect(verifyLog(await readBundle(dir))).rejects.toThrow(`events.jsonl line ${lines.length + 1} is not an event`);
      await fs.writeFile(file('events.jsonl'), `${lines.join('\n')}\n`);
      await fs.writeFile(file('tree-heads.json'), JSON.stringify([{ ...heads[0], treeSize: 0 }, ...heads]));
      const malformed = await verifyLog(await readBundle(dir));
      expect(malformed.checks[7]!.violations.map((v) => v.reason)).toEqual(['a signed head is malformed (size 0)']);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('still passes after the citizen is erased', async () => {
    await post(await t.token('admin'), `/admin/citizens/${citizenId}/erase`);
    expect((await verifyNow()).ok).toBe(true);
  });

  it('reads text with tabs, line breaks, backslashes and any Unicode exactly as stored', async () => {
    const name = 'Tab\there, line\nbreak\r\n, back\\slash \\t, quote ", bell \u0007, ø, €, 😀, \u2028';
    const position = await forceEvent(`centre-${newId()}`, 'CentreRenamed', { centreId: newId(), name, deep: [{ '\t': '\\' }] });
    const read: RawEvent[] = [];
    for await (const batch of eventsFromDatabase(t.database.pool, 7)) read.push(...batch.filter((e) => e.position === position));
    expect(read).toEqual(await eventsAt(t.database.db, [position]));
    expect((read[0]!.data as { name: string }).name).toBe(name);
    // The leaf and head checks find the text exactly as stored; only the undeclared field is named.
    const report = await verifyNow();
    expect(report.checks.filter((c) => c.violations.length > 0).map((c) => c.id)).toEqual([7]);
    expect(violationsOf(report, 7)).toEqual([expect.objectContaining({ position, reason: 'CentreRenamed: field deep is not declared for this type' })]);
  });

  it('reports a participation forced in without consent, and a re-offer within 30 days, with their positions', async () => {
    const stream = `journey-${citizenId}`;
    const offerId = newId();
    await forceEvent(stream, 'OfferMade', { offerId, offer: { source: 'centre', kind: 'coaching' }, information: 'x', staffId: 'intruder', atCitizensRequest: false, at: new Date().toISOString() });
    const position = await forceEvent(stream, 'ParticipationStarted', { offerId });
    const report = await verifyNow();
    expect(report.ok).toBe(false);
    expect(violationsOf(report, 1)).toEqual([expect.objectContaining({ position, reason: expect.stringContaining('without consent') })]);
    expect(violationsOf(report, 3)).toHaveLength(1);
    // The citizen concerned is named by their pseudonym, in the JSON and the text; their id appears nowhere.
    expect(violationsOf(report, 1)[0]).toMatchObject({ citizen: t.auditKey.pseudonym(citizenId) });
    expect(formatReport(report)).toContain(`${t.auditKey.pseudonym(citizenId)}: participation started without consent`);
    expect(JSON.stringify(report)).not.toContain(citizenId);
    expect(formatReport(report)).not.toContain(citizenId);
    expect(report.checks.find((c) => c.id === 1)!.status).toBe('violations');
  });

  it('reports consent recorded by staff without a held session, and an event type outside the catalogue', async () => {
    const stream = `journey-${citizenId}`;
    const consent = await forceEvent(stream, 'ConsentGiven', { offerId: newId(), consent: { method: 'verbal_in_session', staffId: 'intruder', sessionId: newId() }, receipt: {} });
    const unknown = await forceEvent(stream, 'CitizenSanctioned', { percent: 20 });
    const report = await verifyNow();
    expect(violationsOf(report, 2)).toContainEqual(expect.objectContaining({ position: consent }));
    expect(violationsOf(report, 7).filter((v) => v.position === unknown)).toEqual([expect.objectContaining({ reason: expect.stringContaining('CitizenSanctioned') })]);
  });

  it('fails at the changed leaf and the first signed head covering it when an old event is altered or deleted', async () => {
    const { rows } = await sql<{ global_position: string }>`select global_position from events order by transaction_id, global_position offset 2 limit 1`.execute(t.database.db);
    const position = Number(rows[0]!.global_position);
    await sql`alter table events disable trigger events_no_update_delete`.execute(t.database.db);
    try {
      await sql`update events set data = jsonb_set(data, '{name}', '"Virkelyst Frederiksbergx"') where global_position = ${position}`.execute(t.database.db);
      const altered = await verifyNow();
      expect(violationsOf(altered, 8)).toContainEqual(expect.objectContaining({ position, reason: expect.stringContaining('leaf 2') }));
      expect(violationsOf(altered, 8)).toContainEqual(expect.objectContaining({ reason: expect.stringContaining('first signed head covering leaf 2') }));

      await sql`delete from events where global_position = ${position}`.execute(t.database.db);
      const deleted = await verifyNow();
      expect(violationsOf(deleted, 8).some((v) => v.reason.includes('leaf 2') || v.reason.includes('deleted'))).toBe(true);
    } finally {
      await sql`alter table events enable trigger events_no_update_delete`.execute(t.database.db);
    }
  });
});
