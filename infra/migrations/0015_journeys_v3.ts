// Frozen: this migration must never import application code.
// Read model `journeys`, version 3: the tables of version 2 unchanged. An answer to an offer (a
// consent, a decline, a withdrawal) is now kept at the time the citizen gave it (the receipt's
// or the conversation's time) rather than when it was typed in, so the build is made anew.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_journeys_v3`.execute(db);
  await sql`
    create table rm_journeys_v3.journey_records (
      position    bigint      primary key,
      citizen_id  text        not null,
      centre_id   text        not null,
      occurred_at timestamptz not null,
      event_type  text        not null,
      actor_role  text        not null,
      data        jsonb       not null
    )`.execute(db);
  await sql`create index records_by_citizen on rm_journeys_v3.journey_records (citizen_id, position desc)`.execute(db);
  await sql`
    create table rm_journeys_v3.journey_citizens (
      citizen_id text    primary key,
      centre_id   text    not null,
      alias       jsonb,
      status      text    not null,
      shared_with text[]  not null default '{}'
    )`.execute(db);
  await sql`
    create table rm_journeys_v3.journey_sessions (
      session_id       text        primary key,
      citizen_id       text        not null,
      centre_id        text        not null,
      staff_id         text,
      start            timestamptz,
      duration_minutes integer,
      channel          text,
      status           text        not null,
      booked_by        text
    )`.execute(db);
  await sql`create index sessions_by_staff on rm_journeys_v3.journey_sessions (staff_id, start)`.execute(db);
  await sql`
    create table rm_journeys_v3.journey_offers (
      offer_id      text        primary key,
      citizen_id    text        not null,
      centre_id     text        not null,
      kind          text        not null,
      made_at       timestamptz not null,
      answer        text        not null,
      answered_at   timestamptz,
      participating boolean     not null
    )`.execute(db);
  await sql`create index offers_by_centre on rm_journeys_v3.journey_offers (centre_id, made_at)`.execute(db);
  await sql`
    create table rm_journeys_v3.journey_consents (
      position    bigint      primary key,
      citizen_id  text        not null,
      offer_id    text        not null,
      centre_id   text        not null,
      event_type  text        not null,
      consent     jsonb       not null,
      receipt     jsonb,
      occurred_at timestamptz not null
    )`.execute(db);
  await sql`create index consents_by_citizen on rm_journeys_v3.journey_consents (citizen_id, offer_id, position)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_journeys_v3 cascade`.execute(db);
}
