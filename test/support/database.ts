import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Database } from '../../src/database/connect.js';
import { migrateToLatest } from '../../src/database/migrate.js';
import { appLoginName } from '../../src/database/roles.js';

/** The URL of a database of its own, made on the test server for one test file. */
export async function createTestDatabaseUrl(prefix = 'vt'): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminUrl');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
        // The login the app made for itself on that database (roles outlive databases).
        await client.query(`drop role if exists ${pg.escapeIdentifier(appLoginName(name))}`).catch(() => undefined);
      } finally {
        await client.end();
      }
    },
  };
}

/** A migrated database of its own for one test file; `drop` removes it. */
export async function createTestDatabase(options: { max?: number } = {}): Promise<Database & { drop: () => Promise<void> }> {
  const { url, drop } = await createTestDatabaseUrl();
  const database = connect(url, { max: options.max ?? 20, applicationName: 'virkelyst-test' });
  await migrateToLatest(database);
  return {
    ...database,
    drop: async () => {
      await database.close();
      await drop();
    },
  };
}
