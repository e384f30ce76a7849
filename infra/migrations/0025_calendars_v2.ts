// Frozen: this migration must never import application code.
// Read model `calendars`, version 2 (issue 13): version 1's table, and whether a time is one for
// mentor conversations on the entrepreneurs' track. Who booked a time is still never kept.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_calendars_v2`.execute(db);
  await sql`
    create table rm_calendars_v2.calendar_slots (
      staff_id         text        not null,
      slot_id          text        not null,
      centre_id        text        not null,
      start            timestamptz not null,
      duration_minutes integer     not null,
      channels         text[]      not null,
      free             boolean     not null,
      mentoring        boolean     not null,
      primary key (staff_id, slot_id)
    )`.execute(db);
  await sql`create index calendar_slots_by_staff on rm_calendars_v2.calendar_slots (staff_id, start)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_calendars_v2 cascade`.execute(db);
}
