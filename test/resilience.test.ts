/**
 * What a client cannot break and a lost connection does not: three copies of one command in
 * flight at once, and every database connection of the app killed under it.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/errors.js';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('resilience', () => {
  it('three copies of one Idempotency-Key in flight together get the first answer, and one event is recorded', async () => {
    const admin = await t.token('admin');
    const key = newId();
    const before = await t.eventCount();
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        t.app.inject({ method: 'POST', url: '/centres', headers: { authorization: `Bearer ${admin}`, 'idempotency-key': key }, payload: { municipalityCode: '101', name: 'Virkelyst Vesterbro' } }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().centreId)).size).toBe(1);
    expect(answers.filter((a) => a.json().duplicate === false)).toHaveLength(1);
    expect(await t.eventCount()).toBe(before + 1);
  });

  it('a connection killed in the middle of a query is recognised as the database being unavailable (a 503), not a client’s mistake', async () => {
    const victim = new pg.Client({ connectionString: inject('adminUrl') });
    victim.on('error', () => undefined);
    await victim.connect();
    const pid = (await victim.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const running = victim.query('select pg_sleep(30)').then(
      () => null,
      (error: unknown) => error,
    );
    const killer = new pg.Client({ connectionString: inject('adminUrl') });
    await killer.connect();
    try {
      await new Promise((r) => setTimeout(r, 100));
      await killer.query('select pg_terminate_backend($1)', [pid]);
    } finally {
      await killer.end();
    }
    const error = await running;
    expect(error).toBeTruthy();
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(new Error('syntax error at or near "x"'))).toBe(false);
    await victim.end().catch(() => undefined);
  });

  it('every connection of the app killed: no request crashes the server or answers 500, and reads, writes and read models go on', async () => {
    const admin = await t.token('admin');
    const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(t.database.db);
    const killer = new pg.Client({ connectionString: inject('adminUrl') });
    await killer.connect();
    try {
      await killer.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [rows[0]!.db]);
    } finally {
      await killer.end();
    }
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.app.inject({ method: 'GET', url: '/centres' })).statusCode);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.at(-1)).toBe(200);
    const created = await t.app.inject({ method: 'POST', url: '/centres', headers: { authorization: `Bearer ${admin}` }, payload: { municipalityCode: '751', name: 'Virkelyst Aarhus C' } });
    expect(created.statusCode, created.body).toBe(201);
    await t.engine.settle();
    const listed = (await t.app.inject({ method: 'GET', url: '/centres' })).json() as { centres: { centreId: string }[] };
    expect(listed.centres.map((c) => c.centreId)).toContain(created.json().centreId);
  });
});
