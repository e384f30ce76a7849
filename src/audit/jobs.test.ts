import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { VerificationJobs, type VerificationSource, verifierChecks } from './jobs.js';
import type { Report } from './verify.js';

const { publicKey } = generateKeyPairSync('ed25519');
const PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** A verification that goes only as far as the test lets it. */
function heldSource(size: number) {
  let release: (report: Report) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  let progress: (n: number) => void = () => undefined;
  let runs = 0;
  const source: VerificationSource = {
    logSize: async () => size,
    checkCount: async () => 10,
    headOfSize: async (treeSize) => ({ treeSize, rootHash: Buffer.alloc(32, 1), signedAt: new Date('2027-01-05T09:00:00Z'), keyId: 'k', signature: Buffer.alloc(64) }),
    verify: (onProgress) => {
      runs++;
      progress = onProgress;
      return new Promise<Report>((resolve, reject) => {
        release = resolve;
        fail = reject;
      });
    },
  };
  return {
    source,
    get runs() {
      return runs;
    },
    read: (n: number) => progress(n),
    finish: (report: Report) => release(report),
    fail: (error: unknown) => fail(error),
  };
}

const report = (events: number, ok = true): Report => ({
  ok,
  events,
  checks: Array.from({ length: 10 }, (_, i) => ({ id: i + 1, name: `check ${i + 1}`, examined: events, violations: [], status: 'ok' as const })),
  catalogue: [],
  keyId: 'k',
  coverage: { events, sealed: events, signed: events },
  against: { trustedHeads: 0, witnessedHeads: 0 },
});

const tick = () => new Promise((r) => setImmediate(r));

describe('the verification jobs of a server', () => {
  it('runs one verification at a time: a second start while it runs joins it', async () => {
    const held = heldSource(5000);
    const jobs = new VerificationJobs(held.source);
    const first = jobs.start();
    const second = jobs.start();
    expect(first.started).toBe(true);
    expect(second).toEqual({ started: false, run: expect.objectContaining({ id: first.run.id, status: 'running' }) });
    await tick();
    expect(held.runs).toBe(1);
    held.finish(report(5000));
    await jobs.settled();
    const third = jobs.start();
    expect(third.started).toBe(true);
    expect(third.run.id).not.toBe(first.run.id);
    await tick();
    expect(held.runs).toBe(2);
  });

  it('tells how far a run has come: events read of the log’s size, then every check done', async () => {
    const held = heldSource(5000);
    const jobs = new VerificationJobs(held.source);
    const { run } = jobs.start();
    await tick();
    expect(jobs.get(run.id)!.progress).toEqual({ eventsRead: 0, eventsTotal: 5000, checksDone: 0, checksTotal: 10 });
    held.read(2500);
    expect(jobs.get(run.id)).toMatchObject({ status: 'running', progress: { eventsRead: 2500, eventsTotal: 5000, checksDone: 0 } });
    // Events appended after the count: the total is never below what was read.
    held.read(5003);
    expect(jobs.get(run.id)!.progress).toMatchObject({ eventsRead: 5003, eventsTotal: 5003 });
    held.finish(report(5003));
    const done = await jobs.waitFor(run.id, 1000);
    expect(done).toMatchObject({ status: 'finished', progress: { eventsRead: 5003, eventsTotal: 5003, checksDone: 10, checksTotal: 10 }, head: { treeSize: 5003 } });
    expect(jobs.latest()?.id).toBe(run.id);
  });

  it('gives a copy of a run, never its own state', async () => {
    const held = heldSource(10);
    const jobs = new VerificationJobs(held.source);
    const { run } = jobs.start();
    await tick();
    run.progress.eventsRead = 999;
    expect(jobs.get(run.id)!.progress.eventsRead).toBe(0);
  });

  it('waits for a run only as long as asked', async () => {
    const held = heldSource(10);
    const jobs = new VerificationJobs(held.source);
    const { run } = jobs.start();
    const started = Date.now();
    expect(await jobs.waitFor(run.id, 50)).toMatchObject({ status: 'running' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await jobs.waitFor('no-such-run', 50)).toBeNull();
  });

  it('keeps a run that could not run as failed, with a code and no message, and lets the next one start', async () => {
    const held = heldSource(10);
    const told: string[] = [];
    const jobs = new VerificationJobs(held.source, { onFailure: (f) => told.push(f) });
    const { run } = jobs.start();
    await tick();
    held.fail(Object.assign(new Error('connection to Sofie’s server lost'), { code: '08006' }));
    expect(await jobs.waitFor(run.id, 1000)).toMatchObject({ status: 'failed', failure: 'pg:08006' });
    expect(told).toEqual(['pg:08006']);
    expect(jobs.start().started).toBe(true);
  });

  it('keeps only the newest finished runs (and always the one running)', async () => {
    const held = heldSource(1);
    const jobs = new VerificationJobs(held.source, { keep: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { run } = jobs.start();
      ids.push(run.id);
      await tick();
      held.finish(report(1));
      await jobs.settled();
    }
    expect(ids.map((id) => jobs.get(id) !== null)).toEqual([false, false, true, true]);
  });
});

describe('the verifier’s checks', () => {
  it('come from the verifier itself, by id in order', async () => {
    const checks = await verifierChecks(PEM);
    expect(checks.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(checks.every((c) => c.name.length > 10)).toBe(true);
  });
});
