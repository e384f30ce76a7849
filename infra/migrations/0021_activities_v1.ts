// Frozen: this migration must never import application code.
// Read model `activities`, version 1: the local activities of each centre, with how many have a
// place, how many wait and how many came (counts), and each citizen's own place or place in line.
// An activity's texts are staff's, about the activity: not personal data. Who holds a place is
// kept only so that a citizen's own pages can show them theirs; no query lists them for staff.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_activities_v1`.execute(db);
  await sql`
    create table rm_activities_v1.activities (
      activity_id   text        primary key,
      centre_id     text        not null,
      kind          text        not null,
      title         text        not null,
      description   text,
      starts_at     timestamptz not null,
      ends_at       timestamptz not null,
      place         text,
      link          text,
      capacity      integer     not null,
      registered    integer     not null check (registered >= 0),
      waiting       integer     not null check (waiting >= 0),
      status        text        not null check (status in ('scheduled', 'cancelled')),
      attendance    integer,
      scheduled_at  timestamptz not null,
      cancelled_at  timestamptz,
      version       bigint      not null,
      check ((place is null) <> (link is null))
    )`.execute(db);
  // A centre's programme, by time: every staff page of activities asks for it.
  await sql`create index activities_by_centre on rm_activities_v1.activities (centre_id, starts_at)`.execute(db);
  await sql`
    create table rm_activities_v1.activity_places (
      activity_id   text        not null,
      citizen_id    text        not null,
      status        text        not null check (status in ('registered', 'waiting')),
      -- The stream version the citizen joined the line at: the line's order. Only while waiting.
      line_version  bigint      check ((status = 'waiting') = (line_version is not null)),
      since         timestamptz not null,
      primary key (activity_id, citizen_id)
    )`.execute(db);
  // A citizen's own activities.
  await sql`create index activity_places_by_citizen on rm_activities_v1.activity_places (citizen_id)`.execute(db);
  // Where a citizen stands in line: those waiting ahead of them.
  await sql`create index activity_places_line on rm_activities_v1.activity_places (activity_id, line_version) where status = 'waiting'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_activities_v1 cascade`.execute(db);
}
