import { type Kysely, sql } from 'kysely';

/** How a table's rows are keyed and which of its columns need care when read back. */
export interface TableRows<Row extends Record<string, unknown>> {
  table: string;
  /** The primary key's columns: one of any type, or several of text. */
  key: readonly (keyof Row & string)[];
  /**
   * Every column, in any order (the key's included): what is read and written. Without it, rows
   * are read whole and written with the columns the first of them has.
   */
  columns?: readonly (keyof Row & string)[];
  /**
   * timestamptz columns, read back as PostgreSQL's own text so that a row written again keeps
   * its microseconds (a JavaScript Date would cut them to milliseconds).
   */
  moments?: readonly (keyof Row & string)[];
}

/**
 * The rows of one table that one batch touches: read in one statement, changed in memory event by
 * event, written back in one upsert and one delete. A batch then costs the same few statements
 * whatever its size, and ends with exactly the rows its events applied one by one would leave:
 * a row's later events see its earlier ones, as they would in the table.
 */
export class BatchRows<Row extends Record<string, unknown>> {
  private readonly rows = new Map<string, Row | null>();
  /** The keys written since the last save, with their parts (a key of several columns is not split back from its map key). */
  private readonly touched = new Map<string, readonly string[]>();

  constructor(private readonly spec: TableRows<Row>) {}

  /** A map key for a row's key: the value itself, or for a key of several columns their JSON (no two alike). */
  private keyOf(parts: readonly string[]): string {
    return parts.length === 1 ? parts[0]! : JSON.stringify(parts);
  }

  /** Reads the rows of these keys (each a value per key column); keys already read are skipped. */
  async load(trx: Kysely<any>, schema: string, keys: readonly (readonly string[])[]): Promise<void> {
    const wanted = new Map<string, readonly string[]>();
    for (const parts of keys) {
      const key = this.keyOf(parts);
      if (!this.rows.has(key)) wanted.set(key, parts);
    }
    if (wanted.size === 0) return;
    const moments = new Set<string>(this.spec.moments ?? []);
    const list = this.spec.columns ? sql.join(this.spec.columns.map((c) => (moments.has(c) ? sql`${sql.id(c)}::text as ${sql.id(c)}` : sql.id(c)))) : sql`*`;
    const { rows } = await sql<Row>`select ${list} from ${sql.id(schema, this.spec.table)} where ${this.matching([...wanted.values()])}`.execute(trx);
    for (const key of wanted.keys()) this.rows.set(key, null);
    for (const row of rows) this.rows.set(this.keyOf(this.spec.key.map((c) => String(row[c]))), row);
  }

  /** The row as the events so far left it; null if there is none. Its key must have been loaded. */
  get(...parts: string[]): Row | null {
    const key = this.keyOf(parts);
    if (!this.rows.has(key)) throw new Error(`${this.spec.table}: a row read before it was loaded (its key is left out: it may be a person's id)`);
    return this.rows.get(key) ?? null;
  }

  /** Sets the row, its key taken from it. */
  set(row: Row): void {
    const parts = this.spec.key.map((c) => String(row[c]));
    const key = this.keyOf(parts);
    this.rows.set(key, row);
    this.touched.set(key, parts);
  }

  /** Removes the row of this key. */
  remove(...parts: string[]): void {
    const key = this.keyOf(parts);
    this.rows.set(key, null);
    this.touched.set(key, parts);
  }

  /**
   * The rows of these keys, by the primary key's index: one key column is compared with an array
   * of its own type (PostgreSQL types the parameter by the column: text, uuid), several as text.
   */
  private matching(keys: readonly (readonly string[])[]) {
    const [only, ...more] = this.spec.key;
    if (more.length === 0) return sql`${sql.id(only!)} = any(${keys.map((parts) => parts[0]!)})`;
    const columns = sql.join(this.spec.key.map((c) => sql.id(c)));
    const arrays = sql.join(this.spec.key.map((_, i) => sql`${keys.map((parts) => parts[i]!)}::text[]`));
    return sql`(${columns}) in (select * from unnest(${arrays}))`;
  }

  /** Writes what changed: one delete for rows removed, one upsert for the rest. */
  async save(trx: Kysely<any>, schema: string): Promise<void> {
    const upserts: Row[] = [];
    const deletes: (readonly string[])[] = [];
    for (const [key, parts] of this.touched) {
      const row = this.rows.get(key);
      if (row) upserts.push(row);
      else deletes.push(parts);
    }
    this.touched.clear();
    const table = sql.id(schema, this.spec.table);
    const keyColumns = sql.join(this.spec.key.map((c) => sql.id(c)));
    if (deletes.length > 0) await sql`delete from ${table} where ${this.matching(deletes)}`.execute(trx);
    if (upserts.length > 0) {
      // One JSON parameter for the whole batch, typed by the table's own row type.
      const columns = this.spec.columns ?? (Object.keys(upserts[0]!) as (keyof Row & string)[]);
      const list = sql.join(columns.map((c) => sql.id(c)));
      const others = columns.filter((c) => !this.spec.key.includes(c));
      const conflict =
        others.length === 0 ? sql`do nothing` : sql`do update set ${sql.join(others.map((c) => sql`${sql.id(c)} = excluded.${sql.id(c)}`))}`;
      await sql`insert into ${table} (${list})
                select ${list} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(upserts)}::jsonb)
                on conflict (${keyColumns}) ${conflict}`.execute(trx);
    }
  }
}

/** Inserts rows that are only ever added (keyed by the log's position), in one statement; a row already there stays. */
export async function insertRows(trx: Kysely<any>, schema: string, table: string, key: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`insert into ${sql.id(schema, table)}
            select * from jsonb_populate_recordset(null::${sql.id(schema, table)}, ${JSON.stringify(rows)}::jsonb)
            on conflict (${sql.id(key)}) do nothing`.execute(trx);
}
