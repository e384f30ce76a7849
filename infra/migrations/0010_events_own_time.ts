// Frozen: this migration must never import application code.
// The log's own time and order are the database's, not the writer's: the app may insert an
// event's stream, version, id, type, schema version, data and metadata, and nothing else, so its
// recorded time and transaction id are always the database's defaults (the transaction's time and
// id). Column privileges cost nothing per row. (The owner and a superuser can still write those
// columns; the verifier reports recorded times that run backwards.)
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    begin
      if exists (select from pg_roles where rolname = 'virkelyst_app') then
        revoke insert on events from virkelyst_app;
        grant insert (stream_id, stream_version, event_id, event_type, schema_version, data, metadata) on events to virkelyst_app;
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    begin
      if exists (select from pg_roles where rolname = 'virkelyst_app') then
        grant insert on events to virkelyst_app;
      end if;
    end $$`.execute(db);
}
