/**
 * kill -9 of the server during a write load: after a restart and a retry of the commands whose
 * answer never came, every command is in the log exactly once and the read model equals a
 * rebuild from scratch.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../src/database/connect.js';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { loadOrCreateLocalKey, mintLocalToken } from '../src/identity/tokens.js';
import { newId } from '../src/ids.js';
import { ProjectionEngine } from '../src/projections/engine/engine.js';
import { projections } from '../src/projections/index.js';
import { createTestDatabaseUrl } from './support/database.js';
import { spawnServer, type ServerProcess } from './support/server-process.js';

let dataDir: string;
let db: { url: string; drop: () => Promise<void> };
let server: ServerProcess | undefined;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-crash-'));
  db = await createTestDatabaseUrl('vt_crash');
});
afterAll(async () => {
  server?.child.kill('SIGKILL');
  await db.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

interface Sent {
  key: string;
  path: string;
  method: string;
  body: unknown;
  outcome: 'acknowledged' | 'unknown';
}

describe('a crash in the middle of writes', () => {
  it('loses nothing, doubles nothing, and the read model equals a rebuild', async () => {
    const token = await mintLocalToken(await loadOrCreateLocalKey(dataDir), { sub: newId(), role: 'admin' });
    // Many writes from one token and one address, faster than a person makes them.
    const env = { DATABASE_URL: db.url, VIRKELYST_DATA_DIR: dataDir, PROJECTION_POLL_MS: '50', RATE_LIMIT_WRITES_PER_MINUTE: '100000', RATE_LIMIT_IP_WRITES_PER_MINUTE: '100000' };
    server = await spawnServer(env);
    await server.waitReady();

    const send = async (url: string, s: Omit<Sent, 'outcome'>) =>
      fetch(`${url}${s.path}`, {
        method: s.method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': s.key },
        body: JSON.stringify(s.body),
      });

    const sent: Sent[] = [];
    let crashed = false;
    const worker = async (w: number) => {
      const mine: string[] = [];
      for (let i = 0; !crashed && i < 10_000; i++) {
        const rename = mine.length > 0 && i % 3 !== 0;
        const s: Omit<Sent, 'outcome'> = rename
          ? { key: newId(), method: 'PUT', path: `/centres/${mine[i % mine.length]}/name`, body: { name: `Worker ${w} rename ${i}` } }
          : { key: newId(), method: 'POST', path: '/centres', body: { municipalityCode: '101', name: `Worker ${w} centre ${i}` } };
        try {
          const response = await send(server!.url, s);
          expect(response.status, await response.clone().text()).toBeLessThan(300);
          const body = (await response.json()) as { centreId?: string };
          if (body.centreId) mine.push(body.centreId);
          sent.push({ ...s, outcome: 'acknowledged' });
        } catch (error) {
          if (!crashed) throw error;
          sent.push({ ...s, outcome: 'unknown' });
        }
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, (_, w) => worker(w)));
    await new Promise((r) => setTimeout(r, 1500));
    // One request surely in flight when the process dies, however fast the others are answered:
    // its body is still being sent (on a loaded machine the workers may all have had their answers).
    const midway: Omit<Sent, 'outcome'> = { key: newId(), method: 'POST', path: '/centres', body: { municipalityCode: '101', name: 'In flight at the crash' } };
    const unfinished = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('{"municipalityCode":"101",')) });
    const midwayAnswer = fetch(`${server.url}${midway.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': midway.key },
      body: unfinished,
      duplex: 'half',
    } as RequestInit).then(
      () => 'acknowledged' as const,
      () => 'unknown' as const,
    );
    await new Promise((r) => setTimeout(r, 200));
    crashed = true;
    server.child.kill('SIGKILL');
    await server.exited;
    await load;
    sent.push({ ...midway, outcome: await midwayAnswer });

    const acknowledged = sent.filter((s) => s.outcome === 'acknowledged');
    const unknown = sent.filter((s) => s.outcome === 'unknown');
    expect(acknowledged.length).toBeGreaterThan(20);
    expect(unknown.length).toBeGreaterThan(0); // requests were in flight when the process died

    server = await spawnServer(env);
    await server.waitReady();
    // A client that got no answer retries with the same key: done once, whatever happened before.
    for (const s of unknown) {
      const response = await send(server.url, s);
      expect(response.status).toBeLessThan(300);
    }

    const database = connect(db.url);
    try {
      const { rows: commands } = await sql<{ command_id: string }>`select command_id from commands`.execute(database.db);
      const recorded = new Set(commands.map((c) => c.command_id));
      for (const s of sent) expect(recorded.has(s.key), `${s.outcome} command ${s.key} is in the log`).toBe(true);
      const { rows: counts } = await sql<{ events: string; commands: string; streams_ok: boolean }>`
        select (select count(*) from events) as events,
               (select count(*) from commands) as commands,
               (select bool_and(version = n) from (select s.version, count(e.*) as n from streams s join events e using (stream_id) group by s.stream_id, s.version) v) as streams_ok`.execute(database.db);
      // Every command here appends exactly one event: as many events as commands, none doubled.
      expect(Number(counts[0]!.events)).toBe(sent.length);
      expect(Number(counts[0]!.commands)).toBe(sent.length);
      expect(counts[0]!.streams_ok).toBe(true);

      // Let the restarted server catch up, stop it, then compare with a rebuild from scratch.
      await server.waitReady();
      const deadline = Date.now() + 30_000;
      for (;;) {
        const ready = (await (await fetch(`${server.url}/ready`)).json()) as { projections?: { lag: number }[] };
        if (ready.projections?.every((p) => p.lag === 0)) break;
        if (Date.now() > deadline) throw new Error('read models did not catch up');
        await new Promise((r) => setTimeout(r, 100));
      }
      server.child.kill('SIGTERM');
      await server.exited;

      const snapshot = async () => database.db.withSchema('rm').selectFrom('centres').selectAll().orderBy('centre_id').execute();
      const served = await snapshot();
      expect(served.length).toBe(sent.filter((s) => s.method === 'POST').length);
      const store = new PostgresEventStore(database);
      const engine = new ProjectionEngine(database, store, projections);
      await engine.startRebuild('centres');
      await engine.settle();
      expect((await engine.status()).filter((b) => b.name === 'centres').map((b) => b.status)).toEqual(['active']);
      expect(await snapshot()).toEqual(served);
      await store.close();
    } finally {
      await database.close();
    }
  }, 120_000);
});
