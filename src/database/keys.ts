import { type Kysely, sql } from 'kysely';

/** A key the installation holds: what it is for, its id, and where it comes from (for the message). */
export interface InstallationKey {
  purpose: 'master' | 'audit';
  keyId: string;
  /** The variable that sets it, or else its file in the data dir. */
  variable: string;
}

/** The keys given are not the ones this database was first started with. */
export class KeyMismatchError extends Error {
  constructor(readonly purpose: string, variable: string) {
    super(
      `the ${purpose} key (${variable}, or its file in the data dir) is not the one this database was first started with: restore the data dir's keys from backup, or point DATABASE_URL at the database they belong to`,
    );
    this.name = 'KeyMismatchError';
  }
}

/**
 * Binds the installation's keys to its database: the first start records their ids, and every
 * later start must bring the same keys. Without this, a fresh data dir against an existing
 * database would make new keys, and every citizen's data would be unreadable and every new
 * tree head signed by a stranger.
 */
export async function bindKeys(db: Kysely<any>, keys: readonly InstallationKey[]): Promise<void> {
  for (const key of keys) {
    await sql`insert into installation_keys (purpose, key_id) values (${key.purpose}, ${key.keyId}) on conflict (purpose) do nothing`.execute(db);
  }
  const { rows } = await sql<{ purpose: string; key_id: string }>`select purpose, key_id from installation_keys`.execute(db);
  const recorded = new Map(rows.map((r) => [r.purpose, r.key_id]));
  for (const key of keys) {
    if (recorded.get(key.purpose) !== key.keyId) throw new KeyMismatchError(key.purpose, key.variable);
  }
}
