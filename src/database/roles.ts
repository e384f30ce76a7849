/**
 * The app does not run as the owner of its tables. Migrations run as the owner (DATABASE_URL, or
 * the embedded superuser); then, still as the owner, `prepareAppLogin` readies a login of the
 * app's own: a member of the NOLOGIN group role `virkelyst_app` and of nothing else, which may
 * read and append the event and audit logs but never change them, and which creates its read
 * models as `virkelyst_app` (its sessions start with `role=virkelyst_app`), so that whatever the
 * app makes at run time is owned by the group and any of its logins may replace it.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { errorCode } from '../errors.js';
import type { Database } from './connect.js';

export const APP_GROUP = 'virkelyst_app';

/** Where the password of a login the app made for itself is kept (in the data dir, mode 0600). */
export const APP_PASSWORD_FILE = 'postgres.app.password';

/** A build schema (`rm_<name>_v<version>_b<build>`) and a template schema (`rm_<name>_v<version>`). */
const BUILD_SCHEMA = '^rm_.+_v[0-9]+_b[0-9]+$';
const TEMPLATE_SCHEMA = '^rm_.+_v[0-9]+$';

/** The append-only tables: the app may read and append them and do nothing else. */
export const APPEND_ONLY_TABLES = ['events', 'audit_leaves', 'audit_tree_heads'] as const;

/**
 * The login the app makes for itself on one database. Roles are cluster-wide, so the name carries
 * the database's (several databases on one server do not share a login); names longer than
 * PostgreSQL's 63 bytes use a digest of the database name instead.
 */
export function appLoginName(databaseName: string): string {
  const name = `virkelyst_rt_${databaseName}`;
  if (Buffer.byteLength(name) <= 63) return name;
  return `virkelyst_rt_${createHash('sha256').update(databaseName).digest('hex').slice(0, 40)}`;
}

/**
 * Creates the group role if it is not there and we may, safe against a concurrent creation by
 * another database's migration on the same cluster. Returns whether it exists afterwards.
 */
export async function ensureAppGroup(client: { query: pg.Client['query'] } | pg.Pool): Promise<boolean> {
  await client.query(`
    do $$
    begin
      if not exists (select from pg_roles where rolname = '${APP_GROUP}') then
        create role ${APP_GROUP} nologin;
      end if;
    exception
      when duplicate_object or unique_violation or insufficient_privilege then null;
    end $$`);
  const { rows } = await client.query<{ ok: boolean }>(`select exists (select from pg_roles where rolname = '${APP_GROUP}') as ok`);
  return rows[0]?.ok === true;
}

export interface AppLoginOptions {
  /** DATABASE_APP_URL: a login the operator made a member of virkelyst_app. */
  appUrl?: string | undefined;
  /** Where the password of a login we make ourselves is kept. */
  dataDir: string;
  logger: Logger;
}

export interface AppLogin {
  /** The app's own URL, with `role=virkelyst_app` and the log's schema as its search path. */
  url: string;
  login: string;
  provisioned: boolean;
}

/**
 * As the owner, after the migrations: grants the group read access to every template schema,
 * gives it the read-model objects left by a run as the owner (an upgrade), and finds or makes the
 * app's login. Returns null when the app has to run as the owner (warned); throws when
 * DATABASE_APP_URL is set but cannot be used.
 */
export async function prepareAppLogin(owner: Database, options: AppLoginOptions): Promise<AppLogin | null> {
  const { logger } = options;
  const explicit = options.appUrl !== undefined;
  const fallBack = (reason: string): null => {
    logger.warn(
      { reason },
      'the app runs as the owner of its tables, which can disable the append-only triggers: set DATABASE_APP_URL to a login that is a member of virkelyst_app, or let the owner CREATEROLE',
    );
    return null;
  };

  if (!(await ensureAppGroup(owner.pool))) {
    if (explicit) throw new Error(`DATABASE_APP_URL is set, but the role ${APP_GROUP} does not exist and the owner may not create it`);
    return fallBack(`the role ${APP_GROUP} does not exist and the owner may not create it`);
  }
  const missing = await missingGrants(owner);
  if (missing.length > 0) {
    const what = `the role ${APP_GROUP} lacks ${missing.join(', ')} (see infra/migrations/0008_app_role.ts)`;
    if (explicit) throw new Error(`DATABASE_APP_URL is set, but ${what}`);
    return fallBack(what);
  }
  let login: { url: string; login: string; provisioned: boolean };
  if (explicit) {
    login = { url: options.appUrl!, login: decodeURIComponent(new URL(options.appUrl!).username), provisioned: false };
  } else {
    const made = await provisionLogin(owner, options.dataDir, logger);
    if (typeof made === 'string') return fallBack(made);
    login = { ...made, provisioned: true };
  }
  // Only now that the app will run as the group: what it clones and what it replaces.
  await grantTemplates(owner);
  await reownReadModels(owner, logger);
  return { ...login, url: runtimeUrl(login.url, await logSchema(owner)) };
}

/**
 * Checks, on the app's own connection, that it is what it should be: not a superuser, not able
 * to become the owner, and unable to change the append-only tables in any way. Throws otherwise.
 */
export async function verifyAppConnection(database: Database): Promise<{ login: string; role: string }> {
  let rows: {
    login: string;
    role: string;
    powerful: boolean;
    owner_member: boolean;
    can_change: string[];
  }[];
  try {
    ({ rows } = await database.pool.query(
      `select session_user::text as login, current_user::text as role,
              r.rolsuper or r.rolcreaterole or r.rolreplication or r.rolbypassrls as powerful,
              pg_has_role(session_user, c.relowner, 'MEMBER') as owner_member,
              array(select t from unnest($1::text[]) t
                     where has_table_privilege(session_user, t, 'UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES')
                        or has_table_privilege(current_user, t, 'UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES')) as can_change
         from pg_roles r, pg_class c
        where r.rolname = session_user and c.oid = 'events'::regclass`,
      [APPEND_ONLY_TABLES],
    ));
  } catch (error) {
    if ((error as { code?: string }).code === '42501' || /set role/.test(String((error as Error).message))) {
      throw new Error(`the app's login cannot act as ${APP_GROUP}: make it a member of that role`, { cause: error });
    }
    throw error;
  }
  const row = rows[0];
  if (!row) throw new Error("the app's login cannot see the event log");
  const problems = [
    row.powerful ? 'is a superuser or may create roles, replicate or bypass row security' : null,
    row.owner_member ? 'can act as the owner of the tables' : null,
    row.can_change.length > 0 ? `may change ${row.can_change.join(', ')}` : null,
    row.role !== APP_GROUP ? `acts as ${row.role}, not ${APP_GROUP}` : null,
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) throw new Error(`the app's database login ${row.login} ${problems.join('; ')}: it must be a plain member of ${APP_GROUP}`);
  return { login: row.login, role: row.role };
}

/** What the group needs and may not have been given (it was made after the migrations ran). */
async function missingGrants(owner: Database): Promise<string[]> {
  const wanted: [string, string][] = [
    ['CREATE on the database', `has_database_privilege('${APP_GROUP}', current_database(), 'CREATE')`],
    ['CREATE on schema rm', `has_schema_privilege('${APP_GROUP}', 'rm', 'CREATE')`],
    // Column by column since migration 0010: never the recorded time or the transaction id.
    ['INSERT on events', `has_column_privilege('${APP_GROUP}', 'events', 'data', 'INSERT')`],
    ['INSERT on audit_leaves', `has_table_privilege('${APP_GROUP}', 'audit_leaves', 'INSERT')`],
    ['INSERT on audit_tree_heads', `has_table_privilege('${APP_GROUP}', 'audit_tree_heads', 'INSERT')`],
    ['UPDATE on streams', `has_table_privilege('${APP_GROUP}', 'streams', 'UPDATE')`],
    ['INSERT on commands', `has_table_privilege('${APP_GROUP}', 'commands', 'INSERT')`],
    ['UPDATE on projection_builds', `has_table_privilege('${APP_GROUP}', 'projection_builds', 'UPDATE')`],
    ['UPDATE on subject_keys', `has_table_privilege('${APP_GROUP}', 'subject_keys', 'UPDATE')`],
    ['UPDATE on audit_frontier', `has_table_privilege('${APP_GROUP}', 'audit_frontier', 'UPDATE')`],
    // Since migration 0016: signing out ends a session, and expired ones are purged.
    ['DELETE on web_sessions_ended', `has_table_privilege('${APP_GROUP}', 'web_sessions_ended', 'DELETE')`],
  ];
  const { rows } = await owner.pool.query<Record<string, boolean>>(`select ${wanted.map(([, test], i) => `${test} as g${i}`).join(', ')}`);
  return wanted.filter((_, i) => rows[0]?.[`g${i}`] !== true).map(([name]) => name);
}

/** Read access to every template schema, also those of migrations newer than 0008. */
async function grantTemplates(owner: Database): Promise<void> {
  const { rows: schemas } = await owner.pool.query<{ name: string }>(
    `select nspname as name from pg_namespace
      where nspname ~ $1 and nspname !~ $2 and not has_schema_privilege($3, oid, 'USAGE')`,
    [TEMPLATE_SCHEMA, BUILD_SCHEMA, APP_GROUP],
  );
  for (const s of schemas) {
    await grantOnce(owner, `grant usage on schema ${pg.escapeIdentifier(s.name)} to ${APP_GROUP}`, `select has_schema_privilege($1, $2, 'USAGE') as ok`, s.name);
  }
  const { rows: tables } = await owner.pool.query<{ name: string }>(
    `select c.oid::regclass::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname ~ $1 and n.nspname !~ $2 and c.relkind in ('r', 'p') and not has_table_privilege($3, c.oid, 'SELECT')`,
    [TEMPLATE_SCHEMA, BUILD_SCHEMA, APP_GROUP],
  );
  for (const t of tables) {
    await grantOnce(owner, `grant select on ${t.name} to ${APP_GROUP}`, `select has_table_privilege($1, $2, 'SELECT') as ok`, t.name);
  }
}

/** A GRANT that another process of ours may be making at the same moment ("tuple concurrently updated"). */
async function grantOnce(owner: Database, grant: string, held: string, object: string): Promise<void> {
  try {
    await owner.pool.query(grant);
  } catch (error) {
    const { rows } = await owner.pool.query<{ ok: boolean }>(held, [APP_GROUP, object]);
    if (rows[0]?.ok !== true) throw error;
  }
}

/**
 * Build schemas, their tables and the views in `rm` that a run as the owner left behind (before
 * the app had a login of its own) become the group's, so that the app can switch and drop them.
 * Only what is not the group's already is touched: ALTER … OWNER locks the table.
 */
async function reownReadModels(owner: Database, logger: Logger): Promise<void> {
  const { rows } = await owner.pool.query<{ kind: string; name: string }>(
    `select 'schema' as kind, quote_ident(nspname) as name, 0 as ord from pg_namespace
      where nspname ~ $1 and nspowner <> $2::regrole
     union all
     select case c.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'S' then 'sequence'
                           when 'f' then 'foreign table' else 'table' end,
            c.oid::regclass::text, 1
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relowner <> $2::regrole
        and ((n.nspname ~ $1 and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')) or (n.nspname = 'rm' and c.relkind in ('v', 'm')))
        -- a sequence owned by a column follows its table
        and not (c.relkind = 'S' and exists (select from pg_depend d where d.classid = 'pg_class'::regclass
                                              and d.objid = c.oid and d.deptype in ('a', 'i')))
      order by ord, name`,
    [BUILD_SCHEMA, APP_GROUP],
  );
  if (rows.length === 0) return;
  let joined = false;
  for (const row of rows) {
    const statement = `alter ${row.kind} ${row.name} owner to ${APP_GROUP}`;
    try {
      await owner.pool.query(statement);
    } catch (error) {
      // The owner must be able to act as the new owner: a CREATEROLE owner that is not a member yet.
      if (!joined && (error as { code?: string }).code === '42501') {
        joined = true;
        try {
          await owner.pool.query(`grant ${APP_GROUP} to current_user`);
          await owner.pool.query(statement);
          continue;
        } catch {
          // fall through to the warning
        }
      }
      logger.warn({ object: row.name, err: { type: errorCode(error) } }, `could not give a read-model object to ${APP_GROUP}; the app may fail to replace it`);
    }
  }
  logger.info({ objects: rows.length }, `read-model objects from a run as the owner now belong to ${APP_GROUP}`);
}

async function logSchema(owner: Database): Promise<string | null> {
  const { rows } = await owner.pool.query<{ schema: string | null }>(
    `select n.nspname as schema from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = to_regclass('events')`,
  );
  return rows[0]?.schema ?? null;
}

/**
 * The app's URL: its sessions start as `virkelyst_app` (so what they create is the group's) and
 * look up unqualified names in the log's schema only, so that no schema the app may create (it
 * has CREATE on the database for its builds) can shadow the log. PostgreSQL refuses the
 * connection if the login may not become `virkelyst_app`.
 */
export function runtimeUrl(base: string, schema: string | null): string {
  const url = new URL(base);
  const ours = [`-c role=${APP_GROUP}`];
  if (schema && /^[a-z_][a-z0-9_]*$/.test(schema)) ours.push(`-c search_path=${schema}`);
  const existing = url.searchParams.get('options');
  url.searchParams.set('options', existing ? `${existing} ${ours.join(' ')}` : ours.join(' '));
  return url.toString();
}

/**
 * Finds or makes the login `virkelyst_rt_<database>` with the password kept in the data dir.
 * Returns its URL, or why the app has to run as the owner.
 */
async function provisionLogin(owner: Database, dataDir: string, logger: Logger): Promise<{ url: string; login: string } | string> {
  const { rows } = await owner.pool.query<{ db: string; manage: boolean }>(
    `select current_database() as db, rolsuper or rolcreaterole as manage from pg_roles where rolname = current_user`,
  );
  const { db, manage } = rows[0] ?? { db: '', manage: false };
  const login = appLoginName(db);
  const password = await readOrCreateSecret(path.join(dataDir, APP_PASSWORD_FILE));
  const url = withLogin(owner.url, login, password);
  const quoted = pg.escapeIdentifier(login);

  if (!(await roleExists(owner, login))) {
    if (!manage) return 'the owner may not create roles (CREATEROLE) and DATABASE_APP_URL is not set';
    try {
      // The password goes over as a SCRAM verifier: the plain text never appears in a statement.
      await owner.pool.query(
        `create role ${quoted} login inherit nosuperuser nocreatedb nocreaterole noreplication nobypassrls
           password ${pg.escapeLiteral(scramVerifier(password))} in role ${APP_GROUP}`,
      );
      logger.info({ login }, 'made a database login for the app');
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Another process of ours made it at the same moment: go on with it.
      if (code !== '42710' && code !== '23505') return `the owner could not create the login ${login} (${errorCode(error)})`;
    }
  }

  const { rows: member } = await owner.pool.query<{ ok: boolean }>(`select pg_has_role($1, $2, 'MEMBER') as ok`, [login, APP_GROUP]);
  if (member[0]?.ok !== true) {
    try {
      await owner.pool.query(`grant ${APP_GROUP} to ${quoted}`);
    } catch (error) {
      return `the login ${login} is not a member of ${APP_GROUP} and the owner cannot make it one (${errorCode(error)})`;
    }
  }
  if (await canLogIn(url)) return { url, login };
  // The password was made elsewhere (another data dir): set ours.
  if (!manage) return `the login ${login} exists with another password and the owner may not change it`;
  try {
    await owner.pool.query(`alter role ${quoted} with login password ${pg.escapeLiteral(scramVerifier(password))}`);
  } catch (error) {
    return `the owner could not set the password of ${login} (${errorCode(error)})`;
  }
  if (await canLogIn(url)) return { url, login };
  return `the server does not let ${login} log in with a password (pg_hba.conf)`;
}

async function roleExists(owner: Database, name: string): Promise<boolean> {
  const { rows } = await owner.pool.query<{ ok: boolean }>(`select exists (select from pg_roles where rolname = $1) as ok`, [name]);
  return rows[0]?.ok === true;
}

async function canLogIn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, application_name: 'virkelyst-login-check', connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withLogin(base: string, login: string, password: string): string {
  const url = new URL(base);
  url.username = encodeURIComponent(login);
  url.password = encodeURIComponent(password);
  url.searchParams.delete('user');
  url.searchParams.delete('password');
  return url.toString();
}

/** A SCRAM-SHA-256 verifier as PostgreSQL stores it (RFC 5802, 7677); the password is ASCII. */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

async function readOrCreateSecret(file: string): Promise<string> {
  try {
    const secret = (await fs.readFile(file, 'utf8')).trim();
    if (secret) return secret;
  } catch {
    // made below
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(24).toString('base64url');
  try {
    // wx: another process of ours may be making it at the same moment; then theirs wins.
    await fs.writeFile(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    return (await fs.readFile(file, 'utf8')).trim();
  }
}
