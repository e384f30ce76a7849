// Frozen: this migration must never import application code.
// The keys an installation was first started with, by their ids (never the keys): the master key
// that wraps every citizen's data key, and the key that signs the audit log's tree heads. A later
// start with other keys is refused instead of silently making data unreadable and heads invalid.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table installation_keys (
      purpose     text        primary key,
      key_id      text        not null,
      recorded_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    do $$
    begin
      if exists (select from pg_roles where rolname = 'virkelyst_app') then
        grant select, insert on installation_keys to virkelyst_app;
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists installation_keys`.execute(db);
}
