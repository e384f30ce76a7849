/**
 * Given events / expect rows, for any read model (`Projection`).
 *
 *   const specs = projectionSpecs(journeysProjection);        // one migrated database per file
 *   beforeAll(specs.setUp); afterAll(specs.tearDown);
 *   it('…', async () => {
 *     const spec = await specs.fresh();                        // a fresh build schema, cloned from the template
 *     await spec.given([started, booked], [held]);             // each list is one batch, one transaction
 *     expect(await spec.rows('journey_sessions')).toEqual([...]);
 *     await spec.serve();                                      // or through the read model's own queries
 *     expect(await consentRegister(spec.db, citizenId, { citizen: true })).toEqual([...]);
 *   });
 *
 * Events are built with `new EventLog()` and a stream of a domain aggregate (`log.stream(…)`),
 * so their data is type-checked against the domain's own event types and they carry positions,
 * stream versions and metadata as the store records them. `given` passes a projection only the
 * types it `handles`, and never an empty batch, exactly as the engine does; apply runs against
 * real PostgreSQL in a build schema the engine's own `createBuildSchema` clones from the template
 * (`rm_<name>_v<version>_b<n>`; not registered in `projection_builds`: no engine runs here).
 *
 * What the engine guarantees, and so what specs may rely on: every event reaches a build once,
 * in log order, in batches of any size; the read-model change and the checkpoint commit in one
 * transaction. Re-delivery never happens within one build, so idempotence is asserted only where
 * a projection writes outside its build schema (which a rebuild replays into).
 */
import { type Kysely, type KyselyPlugin, sql } from 'kysely';
import { expect } from 'vitest';
import type { DomainEvent } from '../../src/domain/shared/decider.js';
import type { EventMetadata, RecordedEvent } from '../../src/eventstore/port.js';
import { newId } from '../../src/ids.js';
import { createBuildSchema, dropSchema, pointViews } from '../../src/projections/engine/builds.js';
import { handlesType, type Projection } from '../../src/projections/engine/projection.js';
import { createTestDatabase } from './database.js';

type SpecDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
export type Row = Record<string, unknown>;

/** Who acts, where and when: the metadata an event is recorded with. */
export interface Recording {
  actor: EventMetadata['actor'];
  centreId?: string;
  /** ISO-8601 with zone: the command's `now`. */
  at: string;
}

/**
 * A log being written: positions, transaction ids and stream versions as the store assigns
 * them (one append, one transaction, per event), with realistic metadata.
 */
export class EventLog {
  private position = 0;
  private readonly versions = new Map<string, number>();

  /** Records one event on a stream. */
  record(streamId: string, event: DomainEvent, schemaVersion: number, recording: Recording): RecordedEvent {
    const streamVersion = (this.versions.get(streamId) ?? 0) + 1;
    this.versions.set(streamId, streamVersion);
    this.position += 1;
    const commandId = newId();
    return {
      globalPosition: this.position,
      transactionId: 1000 + this.position,
      streamId,
      streamVersion,
      eventId: newId(),
      type: event.type,
      schemaVersion,
      data: event.data,
      metadata: {
        actor: recording.actor,
        ...(recording.centreId ? { centreId: recording.centreId } : {}),
        correlationId: commandId,
        causationId: commandId,
        commandId,
        occurredAt: recording.at,
      },
      recordedAt: new Date(recording.at),
    };
  }

  /**
   * A stream of one aggregate: only that aggregate's events, each with its schema version from
   * the aggregate's own table (so a new event type is a compile error here until it has one).
   */
  stream<E extends DomainEvent>(streamId: string, schemaVersions: Record<E['type'], number>) {
    return (event: E, recording: Recording): RecordedEvent => {
      const type: E['type'] = event.type;
      return this.record(streamId, event, schemaVersions[type], recording);
    };
  }
}

/** One build of a read model under test. */
export interface ProjectionSpec {
  readonly schema: string;
  readonly db: Kysely<any>;
  /** Applies the handled events of each batch, one transaction per batch, as the engine does. */
  given(...batches: readonly (readonly RecordedEvent[])[]): Promise<void>;
  /** Every row of one of the build's tables, in primary-key order. */
  rows(table: string): Promise<Row[]>;
  /** Every table of the projection, by name: the whole read model, to compare. */
  snapshot(): Promise<Record<string, Row[]>>;
  /**
   * Points the views in schema `rm` at this build, as the engine's switch does, so the read
   * model's own queries (which read `rm`) answer from it: `await spec.serve(); getCentre(spec.db, id)`.
   */
  serve(): Promise<void>;
}

export interface ProjectionSpecOptions {
  /**
   * For a projection that writes outside its build schema (erasures): puts that state back to
   * nothing before each fresh build, and says what of it to compare.
   */
  outside?: { reset(db: Kysely<any>): Promise<void>; observe(db: Kysely<any>): Promise<Row[]> };
}

/** Specs of one projection: one migrated database for the file, a fresh build schema per spec. */
export function projectionSpecs(projection: Projection, options: ProjectionSpecOptions = {}) {
  let database: SpecDatabase | undefined;
  let builds = 0;
  const db = () => {
    if (!database) throw new Error('projectionSpecs: call setUp in beforeAll first');
    return database.db;
  };

  const fresh = async (): Promise<ProjectionSpec> => {
    builds += 1;
    const schema = await db().transaction().execute((trx) => createBuildSchema(trx, projection, builds));
    await options.outside?.reset(db());
    const rows = (table: string) => tableRows(db(), schema, table);
    return {
      schema,
      db: db(),
      async given(...batches) {
        for (const batch of batches) {
          const handled = batch.filter((e) => handlesType(projection, e.type));
          if (handled.length === 0) continue;
          await db().transaction().execute((trx) => projection.apply(trx, schema, handled));
        }
      },
      rows,
      async snapshot() {
        const out: Record<string, Row[]> = {};
        for (const table of projection.tables) out[table] = await rows(table);
        if (options.outside) out['(outside the build)'] = await options.outside.observe(db());
        return out;
      },
      async serve() {
        await db().transaction().execute((trx) => pointViews(trx, projection, schema));
      },
    };
  };

  return {
    async setUp() {
      database = await createTestDatabase({ max: 4 });
    },
    async tearDown() {
      await database?.drop();
    },
    get db() {
      return db();
    },
    /** The file's database (for a vault that seals a history's personal fields). */
    get database(): SpecDatabase {
      if (!database) throw new Error('projectionSpecs: call setUp in beforeAll first');
      return database;
    },
    fresh,
    /**
     * The read model after `events` in one batch equals the read model after them split in two
     * at every point (and after one batch per event): batch size must not matter.
     */
    async expectSameRowsForEverySplit(events: readonly RecordedEvent[]) {
      // One build for every run, emptied in between: cheaper than a schema per run.
      const spec = await fresh();
      await spec.given(events);
      const expected = await spec.snapshot();
      const runs: { label: string; batches: RecordedEvent[][] }[] = [];
      for (let at = 1; at < events.length; at++) runs.push({ label: `split at ${at}`, batches: [events.slice(0, at), events.slice(at)] });
      runs.push({ label: 'one event per batch', batches: events.map((e) => [e]) });
      for (const run of runs) {
        await emptyBuild(db(), projection, spec.schema);
        await options.outside?.reset(db());
        await spec.given(...run.batches);
        expect(await spec.snapshot(), run.label).toEqual(expected);
      }
      await dropSchema(db(), spec.schema);
      return expected;
    },
    /**
     * How many statements `apply` makes for these events as one batch, in a fresh build (whose
     * schema is returned, to look at the rows): a batched read model makes as many for ten events as
     * for a thousand.
     */
    async statementsFor(events: readonly RecordedEvent[]): Promise<{ statements: number; schema: string }> {
      const spec = await fresh();
      let statements = 0;
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          statements += 1;
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      await db()
        .transaction()
        .execute((trx) => projection.apply(trx.withPlugin(counter), spec.schema, events));
      return { statements, schema: spec.schema };
    },
  };
}

async function emptyBuild(db: Kysely<any>, projection: Projection, schema: string): Promise<void> {
  if (projection.tables.length === 0) return;
  await sql`truncate ${sql.join(projection.tables.map((t) => sql.id(schema, t)))}`.execute(db);
}

/** A table's rows ordered by its primary key (or its first column), so comparisons are stable. */
async function tableRows(db: Kysely<any>, schema: string, table: string): Promise<Row[]> {
  const { rows: keys } = await sql<{ column: string }>`
    select a.attname as column
      from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
     where i.indrelid = (quote_ident(${schema}) || '.' || quote_ident(${table}))::regclass and i.indisprimary
     order by array_position(i.indkey, a.attnum)`.execute(db);
  const order = keys.length > 0 ? sql.join(keys.map((k) => sql.id(k.column))) : sql`1`;
  const { rows } = await sql<Row>`select * from ${sql.id(schema, table)} order by ${order}`.execute(db);
  return rows;
}
