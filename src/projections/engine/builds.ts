/**
 * The catalogue of builds (`projection_builds`): every build of a read model is a schema of its
 * own cloned from the template, with its checkpoint in the log. The queries in schema `rm` read
 * views that point at the one active build of each read model.
 *
 * Locks, always taken in this order: the read model's (creating, rebuilding, switching), then a
 * build's (a batch or a switch of that build), then the rows.
 */
import { sql, type QueryExecutorProvider } from 'kysely';
import type { LogCheckpoint } from '../../eventstore/port.js';
import { type Projection, templateSchema } from './projection.js';

export type BuildStatus = 'building' | 'active' | 'retired';

/** A row of `projection_builds`, as PostgreSQL returns it. */
export interface BuildRow {
  name: string;
  version: number;
  build: number;
  schema_name: string;
  status: BuildStatus;
  last_transaction_id: string;
  last_position: string;
  events_applied: string;
  failed_position: string | null;
  failed_event_id: string | null;
  failed_event_type: string | null;
  failed_error: string | null;
  failed_since: Date | null;
}

/** A build's checkpoint: the last place in the log its rows take in. */
export function buildCheckpoint(row: Pick<BuildRow, 'last_transaction_id' | 'last_position'>): LogCheckpoint {
  // int8 and xid8 arrive as text; positions stay far below 2^53.
  return { transactionId: Number(row.last_transaction_id), globalPosition: Number(row.last_position) };
}

/** Serialises creating, rebuilding and switching one read model, across processes. */
export async function lockReadModel(trx: QueryExecutorProvider, name: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('virkelyst:projection:' || ${name}))`.execute(trx);
}

/** Takes a build's lock if it is free: false when another process is working on that build. */
export async function tryLockBuild(trx: QueryExecutorProvider, schema: string): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(hashtext('virkelyst:build:' || ${schema})) as locked`.execute(trx);
  return rows[0]?.locked === true;
}

/** Waits for a build's lock: for the batch of it in flight to finish. */
async function lockBuild(trx: QueryExecutorProvider, schema: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('virkelyst:build:' || ${schema}))`.execute(trx);
}

/** The builds of a read model that are not retired. */
export async function currentBuilds(trx: QueryExecutorProvider, name: string): Promise<Pick<BuildRow, 'version' | 'status' | 'schema_name'>[]> {
  const { rows } = await sql<Pick<BuildRow, 'version' | 'status' | 'schema_name'>>`
    select version, status, schema_name from projection_builds where name = ${name} and status <> 'retired'`.execute(trx);
  return rows;
}

/** Every active and building build, of every read model. */
export async function liveBuilds(db: QueryExecutorProvider): Promise<BuildRow[]> {
  const { rows } = await sql<BuildRow>`
    select * from projection_builds where status in ('active', 'building') order by name, version, build`.execute(db);
  return rows;
}

/** Every build that is not retired, as `projections status` lists them. */
export async function unretiredBuilds(db: QueryExecutorProvider): Promise<BuildRow[]> {
  const { rows } = await sql<BuildRow>`
    select * from projection_builds where status <> 'retired' order by name, version, build`.execute(db);
  return rows;
}

/** A read model's active and building builds, locked for a switch. */
export async function liveBuildsForUpdate(trx: QueryExecutorProvider, name: string): Promise<BuildRow[]> {
  const { rows } = await sql<BuildRow>`
    select * from projection_builds where name = ${name} and status in ('active', 'building')
     order by schema_name for update`.execute(trx);
  return rows;
}

/** A live build's checkpoint; null once it is retired. */
export async function checkpointOfBuild(executor: QueryExecutorProvider, schema: string): Promise<LogCheckpoint | null> {
  const { rows } = await sql<BuildRow>`
    select * from projection_builds where schema_name = ${schema} and status in ('active', 'building')`.execute(executor);
  return rows[0] ? buildCheckpoint(rows[0]) : null;
}

/** Moves a build's checkpoint on, counting the events it applied on the way. */
export async function saveCheckpoint(trx: QueryExecutorProvider, schema: string, checkpoint: LogCheckpoint, applied: number): Promise<void> {
  await sql`update projection_builds
               set last_transaction_id = ${String(checkpoint.transactionId)}::xid8, last_position = ${checkpoint.globalPosition},
                   events_applied = events_applied + ${applied}
             where schema_name = ${schema}`.execute(trx);
}

/**
 * Makes the schema of a new build: `rm_<name>_v<version>_b<build>`, with every table of the
 * template schema cloned (indexes, defaults and constraints included). Exported for specs that run
 * a projection's `apply` on a build of its own.
 */
export async function createBuildSchema(trx: QueryExecutorProvider, projection: Pick<Projection, 'name' | 'version' | 'tables'>, build: number): Promise<string> {
  const template = templateSchema(projection);
  const schema = `${template}_b${build}`;
  await sql`create schema ${sql.id(schema)}`.execute(trx);
  for (const table of projection.tables) {
    await sql`create table ${sql.id(schema, table)} (like ${sql.id(template, table)} including all)`.execute(trx);
  }
  return schema;
}

/** Registers a new build with its schema; an active one gets the `rm` views at once. */
export async function createBuild(trx: QueryExecutorProvider, projection: Projection, status: 'active' | 'building'): Promise<{ schema: string; build: number }> {
  const { rows } = await sql<{ next: number }>`
    select coalesce(max(build), 0) + 1 as next from projection_builds
     where name = ${projection.name} and version = ${projection.version}`.execute(trx);
  const build = rows[0]!.next;
  const schema = await createBuildSchema(trx, projection, build);
  await sql`insert into projection_builds (name, version, build, schema_name, status, activated_at)
            values (${projection.name}, ${projection.version}, ${build}, ${schema}, ${status},
                    ${status === 'active' ? sql`now()` : null})`.execute(trx);
  if (status === 'active') await pointViews(trx, projection, schema);
  return { schema, build };
}

/** Points the read model's views in schema `rm` at a build: what queries read switches with them. */
export async function pointViews(trx: QueryExecutorProvider, projection: Pick<Projection, 'tables'>, schema: string): Promise<void> {
  for (const table of projection.tables) {
    await sql`drop view if exists ${sql.id('rm', table)}`.execute(trx);
    await sql`create view ${sql.id('rm', table)} as select * from ${sql.id(schema, table)}`.execute(trx);
  }
}

/** Retires a build and drops its schema, waiting for a batch of it in flight to finish first. */
export async function dropBuild(trx: QueryExecutorProvider, schema: string): Promise<void> {
  await lockBuild(trx, schema);
  await retireBuild(trx, schema);
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(trx);
}

export async function retireBuild(trx: QueryExecutorProvider, schema: string): Promise<void> {
  await sql`update projection_builds set status = 'retired', retired_at = now() where schema_name = ${schema}`.execute(trx);
}

export async function activateBuild(trx: QueryExecutorProvider, schema: string): Promise<void> {
  await sql`update projection_builds set status = 'active', activated_at = now() where schema_name = ${schema}`.execute(trx);
}

export async function dropSchema(trx: QueryExecutorProvider, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(trx);
}

/** A failing event as the build records it: position, type, id and an error code, never data. */
export interface BuildFailure {
  position: number | null;
  eventId: string | null;
  eventType: string | null;
  error: string;
}

export async function recordBuildFailure(db: QueryExecutorProvider, schema: string, failure: BuildFailure): Promise<void> {
  await sql`update projection_builds
               set failed_position = ${failure.position}, failed_event_id = ${failure.eventId},
                   failed_event_type = ${failure.eventType}, failed_error = ${failure.error},
                   failed_since = coalesce(failed_since, now())
             where schema_name = ${schema}`.execute(db);
}

export async function clearBuildFailure(db: QueryExecutorProvider, schema: string): Promise<void> {
  await sql`update projection_builds set failed_position = null, failed_event_id = null, failed_event_type = null,
                   failed_error = null, failed_since = null where schema_name = ${schema}`.execute(db);
}
