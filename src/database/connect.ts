import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';

/** A pool and a Kysely instance over it. Made once by the composition root, passed down. */
export interface Database {
  pool: pg.Pool;
  // Read models are typed at their own query sites; the shared instance is untyped on purpose.
  db: Kysely<any>;
  url: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  max?: number;
  applicationName?: string;
}

// Our own type parsers, so that a library that changes node-postgres's global ones (some turn
// int8 into BigInt and route JSON through a reviver) cannot change what our queries return.
const OID = { int8: 20, json: 114, jsonb: 3802, xid8: 5069 } as const;
const defaults = pg.types;
export const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format === 'binary') return defaults.getTypeParser(oid, 'binary');
    switch (oid) {
      case OID.int8:
      case OID.xid8:
        return (value: string) => value;
      case OID.json:
      case OID.jsonb:
        return (value: string) => JSON.parse(value) as unknown;
      default:
        return defaults.getTypeParser(oid, 'text');
    }
  },
} as pg.CustomTypesConfig;

/** Connects to PostgreSQL. The pool is lazy: nothing is opened until the first query. */
export function connect(url: string, options: ConnectOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    types: typeParsers,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'virkelyst',
    // Fail fast if the database is gone rather than hang a request.
    connectionTimeoutMillis: 10_000,
  });
  // An idle client's error (the server restarted) must not crash the process; the pool drops it.
  pool.on('error', () => undefined);
  // Nor a client's error while it is checked out (its connection was killed mid-query): the query
  // itself rejects, and the pool discards the client when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    pool,
    db,
    url,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      // Kysely ends the pool only if it used it itself; a pool used directly must end too, or its
      // idle connections keep the process alive until they time out.
      if (!pool.ended) await pool.end();
    },
  };
}

/** Parses PostgreSQL int8/xid8 text into a JS number; positions stay far below 2^53. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' || typeof value === 'bigint') return Number(value);
  throw new TypeError(`expected a numeric value, got ${typeof value}`);
}
