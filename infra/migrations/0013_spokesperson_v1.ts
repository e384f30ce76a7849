// Frozen: this migration must never import application code.
// Read model `spokesperson`, version 1: the staff's spokesperson per centre, and each ballot as the
// public may see it: its candidates, when voting ends, who voted (a sorted list: never in the
// order they voted, and never with a choice) and, once counted, the tally and every paper (its id
// and its candidate, never its voter). No column can link a voter to a choice.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_spokesperson_v1`.execute(db);
  await sql`
    create table rm_spokesperson_v1.spokespersons (
      centre_id      text primary key,
      spokesperson_id text,
      elected_in     text
    )`.execute(db);
  await sql`
    create table rm_spokesperson_v1.spokesperson_ballots (
      ballot_id  text        primary key,
      centre_id  text        not null,
      candidates text[]      not null,
      closes_at  timestamptz not null,
      status     text        not null,
      voters     text[]      not null default '{}',
      tally      jsonb,
      papers     jsonb,
      opened_at  bigint      not null
    )`.execute(db);
  await sql`create index spokesperson_ballots_by_centre on rm_spokesperson_v1.spokesperson_ballots (centre_id, opened_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_spokesperson_v1 cascade`.execute(db);
}
