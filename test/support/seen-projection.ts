import { sql, type Kysely } from 'kysely';
import type { Projection } from '../../src/projections/engine/projection.js';

/**
 * A test read model that records every event it is given, keyed by event id: applying an event
 * twice breaks its primary key, so "exactly once" is checked by the database itself.
 */
export async function createSeenTemplate(db: Kysely<any>, name: string, version = 1): Promise<void> {
  const schema = `rm_${name}_v${version}`;
  await sql`create schema ${sql.id(schema)}`.execute(db);
  await sql`create table ${sql.id(schema, name)} (
              event_id uuid primary key, global_position bigint not null, stream_id text not null, event_type text not null)`.execute(db);
}

export function seenProjection(name: string, options: Partial<Projection> & { failOn?: (type: string) => boolean } = {}): Projection {
  return {
    name,
    version: 1,
    mode: 'async',
    tables: [name],
    handles: ['Tested', 'Poison', 'Paged', 'N'],
    ...options,
    async apply(trx, schema, events) {
      for (const e of events) {
        if (options.failOn?.(e.type)) throw Object.assign(new Error(`cannot apply ${e.type}`), { name: 'PoisonError' });
      }
      await trx
        .withSchema(schema)
        .insertInto(name)
        .values(events.map((e) => ({ event_id: e.eventId, global_position: e.globalPosition, stream_id: e.streamId, event_type: e.type })))
        .execute();
    },
  };
}

export async function seenIds(db: Kysely<any>, name: string): Promise<string[]> {
  const rows = await db.withSchema('rm').selectFrom(name).select('event_id').orderBy('global_position').execute();
  return rows.map((r) => r.event_id as string);
}
