import { type Kysely, sql } from 'kysely';
import type { RecordedEvent } from '../../eventstore/port.js';

/**
 * A read model. Its tables are made by a frozen migration in the template schema
 * `rm_<name>_v<version>`; every build clones them into a schema of its own and fills them from
 * the log. Queries read the views in schema `rm`, which point at the active build.
 */
export interface Projection {
  name: string;
  version: number;
  /**
   * `async`: a background runner applies events; the read-model change and the checkpoint
   * commit together. `inline`: applied in the append's own transaction (through the `rm` views).
   */
  mode: 'async' | 'inline';
  /** The tables of the template schema that make up the read model. */
  tables: readonly string[];
  /** The event types it reads (others never reach `apply`), or 'all'. */
  handles: readonly string[] | 'all';
  /** Applies events, in log order, to the tables in `schema`. Must not commit. */
  apply(trx: Kysely<any>, schema: string, events: readonly RecordedEvent[]): Promise<void>;
}

/** The types filter a read of the log takes for this projection. */
export const typesOf = (p: Pick<Projection, 'handles'>) => (p.handles === 'all' ? undefined : p.handles);
export const handlesType = (p: Pick<Projection, 'handles'>, type: string) => p.handles === 'all' || p.handles.includes(type);

export const templateSchema = (p: { name: string; version: number }) => `rm_${p.name}_v${p.version}`;

/**
 * A read model of one row per key, written as a pure step: `evolve(row, event)` returns the new
 * row, or null to remove it. A batch costs one read and one write whatever its size.
 */
export function keyedRows<Row extends Record<string, unknown>>(spec: {
  table: string;
  key: keyof Row & string;
  keyOf(event: RecordedEvent): string;
  evolve(row: Row | null, event: RecordedEvent): Row | null;
}): Projection['apply'] {
  return async (trx, schema, events) => {
    if (events.length === 0) return;
    const keys = [...new Set(events.map(spec.keyOf))];
    const existing = await trx
      .withSchema(schema)
      .selectFrom(spec.table)
      .selectAll()
      .where(spec.key as string, 'in', keys)
      .execute();
    const rows = new Map<string, Row | null>(existing.map((row) => [String(row[spec.key]), row as Row]));
    const touched = new Set<string>();
    for (const event of events) {
      const key = spec.keyOf(event);
      rows.set(key, spec.evolve(rows.get(key) ?? null, event));
      touched.add(key);
    }
    const upserts: Row[] = [];
    const deletes: string[] = [];
    for (const key of touched) {
      const row = rows.get(key);
      if (row) upserts.push(row);
      else deletes.push(key);
    }
    if (deletes.length > 0) await trx.withSchema(schema).deleteFrom(spec.table).where(spec.key as string, 'in', deletes).execute();
    if (upserts.length > 0) {
      // One JSON parameter for the whole batch, typed by the table's own row type.
      const columns = Object.keys(upserts[0]!);
      const set = columns.filter((c) => c !== spec.key).map((c) => sql`${sql.id(c)} = excluded.${sql.id(c)}`);
      const list = sql.join(columns.map((c) => sql.id(c)));
      await sql`insert into ${sql.id(schema, spec.table)} (${list})
                select ${list} from jsonb_populate_recordset(null::${sql.id(schema, spec.table)}, ${JSON.stringify(upserts)}::jsonb)
                on conflict (${sql.id(spec.key)}) do update set ${sql.join(set)}`.execute(trx);
    }
  };
}

