import { Migrator, type MigrationProvider } from 'kysely';
import { migrations } from '../../infra/migrations/index.js';
import type { Database } from './connect.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date. Throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const where = failed ? ` in ${failed.migrationName}` : '';
    throw new Error(`database migration failed${where}: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
