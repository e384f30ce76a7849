import type { Kysely } from 'kysely';
import type { RecordedEvent } from '../../eventstore/port.js';
import { BatchRows } from './rows.js';

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
    const rows = new BatchRows<Row>({ table: spec.table, key: [spec.key] });
    await rows.load(trx, schema, events.map((event) => [spec.keyOf(event)]));
    for (const event of events) {
      const key = spec.keyOf(event);
      const row = spec.evolve(rows.get(key), event);
      if (row) rows.set(row);
      else rows.remove(key);
    }
    await rows.save(trx, schema);
  };
}

