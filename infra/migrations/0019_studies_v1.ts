// Frozen: this migration must never import application code.
// Read model `studies`, version 1 (issue 12): the studies registered and who may receive their exports.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_studies_v1`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_studies_v1 cascade`.execute(db);
}
