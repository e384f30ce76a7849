// Frozen: this migration must never import application code.
// Read model `board`, version 4 (issue 14): version 3's tables, and each seat's deputy
// (suppleant), the deputies who sat in a member's place at each meeting, the documents attached
// to meetings (by SHA-256), and the names members agreed to publish (sealed: opened when read,
// gone once withdrawn). Also, outside the read models, the bytes of board documents, by their
// SHA-256: the log names a document by its digest and keeps none of its bytes.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_board_v4`.execute(db);
  await sql`
    create table rm_board_v4.boards (
      centre_id      text        primary key,
      chair          text,
      vice_chair     text,
      secretary      text,
      individual_votes_public boolean not null default false,
      constituted_at timestamptz not null,
      version        integer     not null
    )`.execute(db);
  await sql`
    create table rm_board_v4.board_seats (
      centre_id    text    not null,
      seat_id      text    not null,
      kind         text    not null,
      organisation text,
      member_id    text,
      since        date,
      deputy_id    text,
      deputy_since date,
      added_at     bigint  not null,
      primary key (centre_id, seat_id)
    )`.execute(db);
  await sql`
    create table rm_board_v4.board_meetings (
      meeting_id  text        primary key,
      centre_id   text        not null,
      at          timestamptz not null,
      agenda      text[]      not null,
      place       text,
      item_minutes jsonb      not null default '{}',
      recused     jsonb       not null default '{}',
      present     text[],
      departed    jsonb       not null default '{}',
      deputising  jsonb       not null default '{}',
      quorate     boolean     not null,
      signed_by   text[]      not null default '{}',
      minutes_complete boolean not null default false,
      convened_at bigint      not null
    )`.execute(db);
  await sql`create index board_meetings_by_centre on rm_board_v4.board_meetings (centre_id, convened_at)`.execute(db);
  await sql`
    create table rm_board_v4.board_resolutions (
      resolution_id   text    primary key,
      centre_id       text    not null,
      meeting_id      text    not null,
      item            integer,
      title           text    not null,
      subject_kind    text    not null,
      budget_id       text,
      subject         jsonb   not null,
      status          text    not null,
      votes           jsonb   not null default '{}',
      dissents        text[]  not null default '{}',
      tally_for       integer,
      tally_against   integer,
      tally_abstained integer,
      proposed_at     bigint  not null
    )`.execute(db);
  await sql`create index board_resolutions_by_centre on rm_board_v4.board_resolutions (centre_id, proposed_at)`.execute(db);
  await sql`
    create table rm_board_v4.board_documents (
      document_id text    primary key,
      centre_id   text    not null,
      meeting_id  text    not null,
      item        integer,
      title       text    not null,
      sha256      text    not null,
      media_type  text    not null,
      size        bigint  not null,
      published   boolean not null,
      attached_at bigint  not null
    )`.execute(db);
  await sql`create index board_documents_by_meeting on rm_board_v4.board_documents (centre_id, meeting_id, attached_at)`.execute(db);
  await sql`create index board_documents_by_digest on rm_board_v4.board_documents (centre_id, sha256)`.execute(db);
  await sql`
    create table rm_board_v4.board_names (
      centre_id text  not null,
      member_id text  not null,
      name_id   text  not null,
      name      jsonb not null,
      primary key (centre_id, member_id)
    )`.execute(db);
  // The bytes of board documents. Content-addressed: a digest names its bytes, so a row is only
  // ever inserted (the same bytes twice are one row), never changed by the app.
  await sql`
    create table board_document_contents (
      sha256     text        primary key check (sha256 ~ '^[0-9a-f]{64}$'),
      content    bytea       not null,
      size       integer     not null,
      stored_at  timestamptz not null default now()
    )`.execute(db);
  await sql`
    do $$
    begin
      if exists (select from pg_roles where rolname = 'virkelyst_app') then
        grant select, insert on board_document_contents to virkelyst_app;
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists board_document_contents`.execute(db);
  await sql`drop schema if exists rm_board_v4 cascade`.execute(db);
}
