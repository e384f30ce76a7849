// Frozen: this migration must never import application code.
// The web's ended sessions: a session cookie is signed and carries its own expiry, so signing out
// can only end it everywhere if the server remembers that it ended. One row per session signed
// out, kept until the session would have expired anyway (then it is purged): a copy of the cookie
// taken before is refused. Only the session's random id is kept, never who it belonged to.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table web_sessions_ended (
      session_id uuid        primary key,
      until      timestamptz not null
    )`.execute(db);
  await sql`create index web_sessions_ended_until on web_sessions_ended (until)`.execute(db);
  // The app ends sessions and purges the expired ones; nothing else is ever changed here.
  await sql`
    do $$
    begin
      if exists (select from pg_roles where rolname = 'virkelyst_app') then
        grant select, insert, delete on web_sessions_ended to virkelyst_app;
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists web_sessions_ended`.execute(db);
}
