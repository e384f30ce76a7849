// Frozen: this migration must never import application code.
// One data key per data subject (citizen), wrapped under the master key. Deleting a wrapped key
// erases that citizen's personal fields everywhere they are stored encrypted (crypto-shredding).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table subject_keys (
      subject_id  text        primary key,
      wrapped_key bytea,
      master_kid  text        not null,
      created_at  timestamptz not null default now(),
      erased_at   timestamptz,
      check ((wrapped_key is null) = (erased_at is not null))
    )`.execute(db);
  await sql`
    do $$
    begin
      if exists (select from pg_roles where rolname = 'virkelyst_app') then
        execute 'grant select, insert, update on subject_keys to virkelyst_app';
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists subject_keys`.execute(db);
}
