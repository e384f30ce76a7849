// Frozen: this migration must never import application code.
// Read model `calendars`, version 1: the times each staff member published for conversations, and
// whether each is still free. Who booked a time is never kept here: no citizen is named.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_calendars_v1`.execute(db);
  await sql`
    create table rm_calendars_v1.calendar_slots (
      staff_id         text        not null,
      slot_id          text        not null,
      centre_id        text        not null,
      start            timestamptz not null,
      duration_minutes integer     not null,
      channels         text[]      not null,
      free             boolean     not null,
      primary key (staff_id, slot_id)
    )`.execute(db);
  await sql`create index calendar_slots_by_staff on rm_calendars_v1.calendar_slots (staff_id, start)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_calendars_v1 cascade`.execute(db);
}
