// Frozen: this migration must never import application code.
// The log's own time and order are the database's, not the writer's: whatever an INSERT says,
// an event is recorded at the transaction's time and under its transaction id. (A superuser can
// still switch triggers off; the verifier reports recorded times that run backwards.)
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function events_own_time() returns trigger language plpgsql as $$
    begin
      new.recorded_at := now();
      new.transaction_id := pg_current_xact_id();
      return new;
    end $$`.execute(db);
  await sql`create trigger events_own_time before insert on events for each row execute function events_own_time()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists events_own_time on events`.execute(db);
  await sql`drop function if exists events_own_time`.execute(db);
}
