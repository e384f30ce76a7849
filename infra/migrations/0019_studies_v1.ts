// Frozen: this migration must never import application code.
// Read model `studies`, version 1 (issue 12): the studies registered and who may receive their exports.
// A study's texts are an administrator's, about the study: no person is named here. The exports
// themselves are never kept; only how many were handed out, and when the last one was.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_studies_v1`.execute(db);
  await sql`
    create table rm_studies_v1.studies (
      study_id          text        primary key,
      title             text        not null,
      purpose           text        not null,
      period_from       text        not null,
      period_to         text        not null,
      indicators        text[]      not null,
      export_fields     text[]      not null,
      legal_basis       text        not null,
      researcher_ids    text[]      not null,
      status            text        not null check (status in ('open', 'closed')),
      registered_at     timestamptz not null,
      closed_at         timestamptz,
      exports           integer     not null,
      last_exported_at  timestamptz,
      version           bigint      not null
    )`.execute(db);
  // A researcher's studies: every page they open asks for them.
  await sql`create index studies_by_researcher on rm_studies_v1.studies using gin (researcher_ids)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_studies_v1 cascade`.execute(db);
}
