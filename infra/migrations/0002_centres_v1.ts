// Frozen: this migration must never import application code.
// Tables of read model `centres`, version 1. A build of this version clones them.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_centres_v1`.execute(db);
  await sql`
    create table rm_centres_v1.centres (
      centre_id         uuid        primary key,
      municipality_code text        not null,
      municipality_name text        not null,
      name              text        not null,
      opening_hours     jsonb       not null,
      established_at    timestamptz not null,
      updated_at        timestamptz not null,
      version           bigint      not null
    )`.execute(db);
  await sql`create index centres_by_municipality on rm_centres_v1.centres (municipality_code, name)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_centres_v1 cascade`.execute(db);
}
