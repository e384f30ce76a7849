/**
 * The app does not connect as the owner of its tables: through the production wiring
 * (`openDatabase`) migrations run as the owner and the app gets a login of its own, a member of
 * `virkelyst_app`, which can append and run read models but never change the logs.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrations } from '../infra/migrations/index.js';
import { loadAuditKey } from '../src/audit/signing.js';
import { CommandHandler } from '../src/commands/handler.js';
import { loadConfig } from '../src/config.js';
import { connect, type Database } from '../src/database/connect.js';
import { APP_GROUP, appLoginName } from '../src/database/roles.js';
import { centreDecider } from '../src/domain/centre/decide.js';
import type { Principal } from '../src/domain/shared/principal.js';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { newId } from '../src/ids.js';
import { loadMasterKey, Vault } from '../src/privacy/vault.js';
import { centresProjection } from '../src/projections/centres/projection.js';
import { ProjectionEngine } from '../src/projections/engine/engine.js';
import { inlineProjectionsHook } from '../src/projections/engine/inline.js';
import { projections } from '../src/projections/index.js';
import { auditSealer } from '../src/audit/sealer.js';
import { openDatabase } from '../src/server.js';
import { createTestDatabaseUrl } from './support/database.js';

const admin: Principal = { id: newId(), role: 'admin' };
const now = '2026-11-22T10:00:00.000Z';
const cleanup: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-roles-'));
  cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

async function freshDatabase(): Promise<{ url: string; name: string }> {
  const db = await createTestDatabaseUrl('vt_roles');
  cleanup.push(db.drop);
  return { url: db.url, name: new URL(db.url).pathname.slice(1) };
}

/** A logger whose lines the test can read. */
function capturedLogger() {
  const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

async function open(env: Record<string, string>) {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const { logger, lines } = capturedLogger();
  const { database } = await openDatabase(config, logger);
  cleanup.push(() => database.close());
  return { database, config, lines };
}

/** The app's parts on a database, as startServer wires them. */
async function appOn(database: Database, dataDir: string) {
  const auditKey = await loadAuditKey(dataDir);
  const running = [...projections, auditSealer(auditKey, { every: 2, everyMs: 60_000 })];
  const store = new PostgresEventStore(database, { inline: [inlineProjectionsHook(running)] });
  const engine = new ProjectionEngine(database, store, running, { pollMs: 50 });
  cleanup.push(() => store.close());
  const handler = new CommandHandler(store, { vault: new Vault(database, await loadMasterKey(dataDir)) });
  const establish = async (name: string) => {
    const centreId = newId();
    await handler.handle(
      centreDecider,
      { type: 'EstablishCentre', now, principal: admin, data: { centreId, municipalityCode: '101', name } },
      { commandId: newId() },
    );
    return centreId;
  };
  return { store, engine, establish, auditKey };
}

async function centreNames(database: Database): Promise<string[]> {
  const rows = await database.db.withSchema('rm').selectFrom('centres').select('name').orderBy('name').execute();
  return rows.map((r) => r.name as string);
}

const refusedByPrivilege = { code: '42501' };
const column: Record<string, string> = { events: 'data', audit_leaves: 'leaf_index', audit_tree_heads: 'tree_size' };

describe('the app on a fresh database (the provisioned login)', () => {
  let database: Database;
  let dataDir: string;
  let name: string;
  let ownerUrl: string;

  beforeAll(async () => {
    dataDir = await tempDir();
    ({ url: ownerUrl, name } = await freshDatabase());
    ({ database } = await open({ DATABASE_URL: ownerUrl, VIRKELYST_DATA_DIR: dataDir }));
  });

  it('connects as a login of its own that acts as virkelyst_app, not as the owner', async () => {
    const { rows } = await database.pool.query<{ login: string; role: string; owner: string; super: boolean }>(
      `select session_user::text as login, current_user::text as role, pg_get_userbyid(c.relowner) as owner, r.rolsuper as super
         from pg_class c, pg_roles r where c.oid = 'events'::regclass and r.rolname = session_user`,
    );
    expect(rows[0]).toEqual({ login: appLoginName(name), role: APP_GROUP, owner: expect.any(String), super: false });
    expect(rows[0]!.owner).not.toBe(rows[0]!.login);
    // The password is kept in the data dir, readable by us alone.
    const stat = await fs.stat(path.join(dataDir, 'postgres.app.password'));
    expect(stat.mode & 0o077).toBe(0);
  });

  for (const table of ['events', 'audit_leaves', 'audit_tree_heads']) {
    it(`cannot update, delete, truncate, alter, drop or disable the triggers of ${table}`, async () => {
      const { rows: triggers } = await database.pool.query<{ tgname: string }>(
        `select tgname from pg_trigger where tgrelid = $1::regclass and not tgisinternal order by tgname`,
        [table],
      );
      expect(triggers.length).toBe(2);
      const statements = [
        `update ${table} set ${column[table]} = ${column[table]}`,
        `delete from ${table}`,
        `truncate ${table}`,
        `alter table ${table} add column tampered boolean`,
        `alter table ${table} disable trigger all`,
        ...triggers.map((t) => `alter table ${table} disable trigger ${t.tgname}`),
        `alter table ${table} owner to ${APP_GROUP}`,
        `create trigger tamper before insert on ${table} for each row execute function suppress_redundant_updates_trigger()`,
        `drop table ${table}`,
        `lock table ${table} in access exclusive mode`,
      ];
      for (const statement of statements) {
        await expect(
          database.db.transaction().execute((trx) => sql.raw(statement).execute(trx)),
          statement,
        ).rejects.toMatchObject(refusedByPrivilege);
      }
    });
  }

  it('cannot get out of virkelyst_app: RESET ROLE leaves a login with no rights of its own, SET ROLE to the owner is refused', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('begin');
      await client.query('reset role');
      await expect(client.query('delete from events')).rejects.toMatchObject(refusedByPrivilege);
      await client.query('rollback');
      const { rows } = await client.query<{ owner: string }>(`select pg_get_userbyid(relowner) as owner from pg_class where oid = 'events'::regclass`);
      await client.query('begin');
      await expect(client.query(`set role ${pg.escapeIdentifier(rows[0]!.owner)}`)).rejects.toMatchObject(refusedByPrivilege);
      await client.query('rollback');
    } finally {
      client.release(true);
    }
  });

  it('appends through the real store, runs the read models and the sealer, and erases a key', async () => {
    const { engine, establish, store } = await appOn(database, dataDir);
    await engine.ensureBuilds();
    await establish('Nørrebro');
    await establish('Vesterbro');
    await engine.settle();
    expect(await centreNames(database)).toEqual(['Nørrebro', 'Vesterbro']);
    // The sealer appended leaves (and a head at every 2nd) as the app.
    const { rows } = await sql<{ leaves: string; heads: string }>`
      select (select count(*) from audit_leaves) as leaves, (select count(*) from audit_tree_heads) as heads`.execute(database.db);
    expect(rows[0]).toEqual({ leaves: '2', heads: '1' });
    // Erasure nulls the key in place: an upsert, no DELETE needed.
    const vault = new Vault(database, await loadMasterKey(dataDir));
    const subject = newId();
    await vault.seal(subject, 'private');
    await vault.erase(subject);
    const { rows: keys } = await sql<{ erased: boolean }>`select wrapped_key is null as erased from subject_keys where subject_id = ${subject}`.execute(database.db);
    expect(keys).toEqual([{ erased: true }]);
    const { rows: streams } = await sql<{ stream_id: string }>`select stream_id from events order by global_position limit 1`.execute(database.db);
    expect(await store.readStream(streams[0]!.stream_id)).toHaveLength(1);
  });

  it('rebuilds every read model beside the live one and switches, as `projections rebuild` does', async () => {
    const { engine, establish } = await appOn(database, dataDir);
    await engine.ensureBuilds();
    const before = await engine.status();
    for (const projection of engine.projections) await engine.startRebuild(projection.name);
    await establish('Amager');
    await engine.settle();
    const after = await engine.status();
    expect(after.map((b) => `${b.name}:${b.status}`)).toEqual(before.map((b) => `${b.name}:active`));
    for (const b of after) expect(b.build).toBeGreaterThan(before.find((o) => o.name === b.name)!.build);
    expect(await centreNames(database)).toEqual(['Amager', 'Nørrebro', 'Vesterbro']);
    // What the app made is the group's; the old builds are gone.
    const { rows } = await database.pool.query<{ name: string; owner: string }>(
      `select nspname as name, pg_get_userbyid(nspowner) as owner from pg_namespace where nspname ~ '_v[0-9]+_b[0-9]+$' order by 1`,
    );
    expect(rows.map((r) => r.name).sort()).toEqual(after.map((b) => b.schema).sort());
    expect(new Set(rows.map((r) => r.owner))).toEqual(new Set([APP_GROUP]));
  });

  it('cannot write an event’s recorded time or transaction id: they are always the database’s own', async () => {
    for (const [column, value] of [['recorded_at', `'2020-01-01T00:00:00Z'`], ['transaction_id', `'1'`]]) {
      await expect(
        database.pool.query(
          `insert into events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, ${column})
           values ('forged-' || gen_random_uuid(), 1, gen_random_uuid(), 'SlotReleased', 1, '{}', '{}', ${value})`,
        ),
        column,
      ).rejects.toMatchObject(refusedByPrivilege);
    }
    const { rows } = await database.pool.query<{ recorded_at: Date; own: boolean }>(
      `insert into events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
       values ('forged-' || gen_random_uuid(), 1, gen_random_uuid(), 'SlotReleased', 1, '{}', '{}')
       returning recorded_at, transaction_id = pg_current_xact_id() as own`,
    );
    expect(rows[0]!.own).toBe(true);
    expect(Math.abs(rows[0]!.recorded_at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('starts again on the same database (the login exists, the password is the kept one)', async () => {
    const again = await open({ DATABASE_URL: ownerUrl, VIRKELYST_DATA_DIR: dataDir });
    const { engine, establish } = await appOn(again.database, dataDir);
    await engine.ensureBuilds();
    await establish('Valby');
    await engine.settle();
    expect(await centreNames(again.database)).toContain('Valby');
    expect(again.lines.filter((l) => l.level >= 40)).toEqual([]);
  });

  it('sets the password again when the data dir lost it', async () => {
    const elsewhere = await tempDir();
    const again = await open({ DATABASE_URL: ownerUrl, VIRKELYST_DATA_DIR: elsewhere });
    const { rows } = await again.database.pool.query<{ login: string }>('select session_user::text as login');
    expect(rows[0]!.login).toBe(appLoginName(name));
  });
});

describe('upgrading a database whose read models the owner made', () => {
  it('gives the old builds and views to virkelyst_app, so the app can rebuild and switch them', async () => {
    const dataDir = await tempDir();
    const { url: ownerUrl } = await freshDatabase();
    // The release before: migrated to 0007, the owner ran the read models.
    const owner = connect(ownerUrl);
    cleanup.push(() => owner.close());
    const migrator = new Migrator({ db: owner.db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo('0007_budgets_v1');
    expect(error).toBeUndefined();
    const oldStore = new PostgresEventStore(owner);
    const oldEngine = new ProjectionEngine(owner, oldStore, [centresProjection]);
    await oldEngine.ensureBuilds();
    const oldHandler = new CommandHandler(oldStore);
    await oldHandler.handle(
      centreDecider,
      { type: 'EstablishCentre', now, principal: admin, data: { centreId: newId(), municipalityCode: '101', name: 'Before' } },
      { commandId: newId() },
    );
    await oldEngine.settle();
    await oldStore.close();
    const { rows: owned } = await owner.pool.query<{ owner: string }>(`select pg_get_userbyid(relowner) as owner from pg_class where oid = 'rm.centres'::regclass`);
    expect(owned[0]!.owner).not.toBe(APP_GROUP);

    const { database, lines } = await open({ DATABASE_URL: ownerUrl, VIRKELYST_DATA_DIR: dataDir });
    expect(lines.some((l) => /now belong to virkelyst_app/.test(l.msg))).toBe(true);
    const { engine, establish } = await appOn(database, dataDir);
    await engine.ensureBuilds();
    await engine.startRebuild('centres');
    await establish('After');
    await engine.settle();
    expect(await centreNames(database)).toEqual(['After', 'Before']);
    const centres = (await engine.status()).filter((b) => b.name === 'centres');
    expect(centres).toEqual([expect.objectContaining({ status: 'active', build: 2 })]);
  });
});

describe('an external server', () => {
  /** A role made for one test, dropped after the file. */
  async function role(options: string): Promise<{ name: string; password: string }> {
    const name = `vt_role_${newId().slice(-10)}`;
    const password = newId();
    const admin = new pg.Client({ connectionString: await freshAdminUrl() });
    await admin.connect();
    try {
      await admin.query(`create role ${name} login password '${password}' ${options}`);
    } finally {
      await admin.end();
    }
    cleanup.unshift(async () => {
      const c = new pg.Client({ connectionString: await freshAdminUrl() });
      await c.connect();
      await c.query(`drop role if exists ${name}`).catch(() => undefined);
      await c.end();
    });
    return { name, password };
  }
  const freshAdminUrl = async () => inject('adminUrl');
  function as(url: string, login: { name: string; password: string }): string {
    const u = new URL(url);
    u.username = login.name;
    u.password = login.password;
    return u.toString();
  }

  it('uses DATABASE_APP_URL, a login the operator made a member of virkelyst_app', async () => {
    const dataDir = await tempDir();
    const { url: ownerUrl, name } = await freshDatabase();
    const login = await role(`in role ${APP_GROUP}`);
    const { database } = await open({ DATABASE_URL: ownerUrl, DATABASE_APP_URL: as(ownerUrl, login), VIRKELYST_DATA_DIR: dataDir });
    const { rows } = await database.pool.query<{ login: string; role: string }>('select session_user::text as login, current_user::text as role');
    expect(rows[0]).toEqual({ login: login.name, role: APP_GROUP });
    await expect(sql`delete from events`.execute(database.db)).rejects.toMatchObject(refusedByPrivilege);
    const { engine, establish } = await appOn(database, dataDir);
    await engine.ensureBuilds();
    await establish('Operator');
    await engine.settle();
    expect(await centreNames(database)).toEqual(['Operator']);
    // No login of its own was made.
    const { rows: made } = await database.pool.query('select 1 from pg_roles where rolname = $1', [appLoginName(name)]);
    expect(made).toEqual([]);
  });

  it('refuses a DATABASE_APP_URL that is no member of virkelyst_app, or is the owner', async () => {
    const dataDir = await tempDir();
    const { url: ownerUrl } = await freshDatabase();
    const stranger = await role('');
    await expect(open({ DATABASE_URL: ownerUrl, DATABASE_APP_URL: as(ownerUrl, stranger), VIRKELYST_DATA_DIR: dataDir })).rejects.toThrow(/virkelyst_app/);
    await expect(open({ DATABASE_URL: ownerUrl, DATABASE_APP_URL: ownerUrl, VIRKELYST_DATA_DIR: dataDir })).rejects.toThrow(/must be a plain member of virkelyst_app/);
  });

  /** A database owned by a role that is not a superuser, as on a managed server; its URL as that role. */
  async function databaseOwnedBy(owner: { name: string; password: string }): Promise<{ url: string; name: string }> {
    const name = `vt_roles_${newId().slice(-10)}`;
    const admin = new pg.Client({ connectionString: await freshAdminUrl() });
    await admin.connect();
    await admin.query(`create database ${name} owner ${owner.name}`);
    await admin.end();
    // Pushed, so it runs before the owner role's drop (unshifted, run last).
    cleanup.push(async () => {
      const c = new pg.Client({ connectionString: await freshAdminUrl() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.query(`drop role if exists ${pg.escapeIdentifier(appLoginName(name))}`).catch(() => undefined);
      await c.end();
    });
    const url = new URL(as(await freshAdminUrl(), owner));
    url.pathname = `/${name}`;
    return { url: url.toString(), name };
  }

  it('makes its login when the owner may CREATEROLE (and, on PostgreSQL 16+, administer virkelyst_app)', async () => {
    const dataDir = await tempDir();
    const owner = await role('createrole');
    const admin = new pg.Client({ connectionString: await freshAdminUrl() });
    await admin.connect();
    await admin.query(`grant ${APP_GROUP} to ${owner.name} with admin option`);
    await admin.end();
    const { url, name } = await databaseOwnedBy(owner);
    const { database, lines } = await open({ DATABASE_URL: url, VIRKELYST_DATA_DIR: dataDir });
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    const { rows } = await database.pool.query<{ login: string; role: string }>('select session_user::text as login, current_user::text as role');
    expect(rows[0]).toEqual({ login: appLoginName(name), role: APP_GROUP });
    await expect(sql`truncate events`.execute(database.db)).rejects.toMatchObject(refusedByPrivilege);
    const { engine, establish } = await appOn(database, dataDir);
    await engine.ensureBuilds();
    await establish('Managed');
    await engine.startRebuild('centres');
    await engine.settle();
    expect(await centreNames(database)).toEqual(['Managed']);
  });

  it('warns and runs as the owner when the owner may not create roles and no DATABASE_APP_URL is set', async () => {
    const dataDir = await tempDir();
    const owner = await role('nocreaterole');
    const { url } = await databaseOwnedBy(owner);
    const { database, lines } = await open({ DATABASE_URL: url, VIRKELYST_DATA_DIR: dataDir });
    const warning = lines.find((l) => l.level === 40);
    expect(warning?.msg).toMatch(/runs as the owner of its tables/);
    expect(String(warning?.reason)).toMatch(/CREATEROLE/);
    const { rows } = await database.pool.query<{ login: string }>('select session_user::text as login');
    expect(rows[0]!.login).toBe(owner.name);
    // Even so the log stays append-only, by its trigger.
    await expect(sql`truncate events`.execute(database.db)).rejects.toMatchObject({ code: 'VS001' });
  });
});
