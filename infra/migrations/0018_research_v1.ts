// Frozen: this migration must never import application code.
// Read model `research`, version 1 (issue 12): the facts of journeys that indicators and exports read.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_research_v1`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_research_v1 cascade`.execute(db);
}
