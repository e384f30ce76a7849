// Frozen: this migration must never import application code.
// Read model `erasures`, version 1: no tables (it deletes keys); its template schema only.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_erasures_v1`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_erasures_v1 cascade`.execute(db);
}
