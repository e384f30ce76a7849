// Frozen: this migration must never import application code.
// Read model `board`, version 3 (issue 14): version 2's tables, whether the rules of procedure
// make each member's vote on an adopted resolution public, and for each meeting where it is
// held (a place or a link), the minutes of each agenda item (decision and reasoning) and who is
// disqualified on which item; for each resolution the agenda item it belongs to. Version 2: the
// members who left a meeting before it ended and whether its minutes are complete. Version 1: each
// centre's board as anyone may look at it — its seats and who holds them, its roles, its meetings
// (agenda, who was present, who signed the minutes) and the resolutions proposed there (subject,
// status, the open votes cast and the tally). Board business is public once decided and signed;
// the queries decide who sees open business. No citizen is in it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_board_v3`.execute(db);
  await sql`
    create table rm_board_v3.boards (
      centre_id      text        primary key,
      chair          text,
      vice_chair     text,
      secretary      text,
      individual_votes_public boolean not null default false,
      constituted_at timestamptz not null,
      version        integer     not null
    )`.execute(db);
  await sql`
    create table rm_board_v3.board_seats (
      centre_id    text    not null,
      seat_id      text    not null,
      kind         text    not null,
      organisation text,
      member_id    text,
      since        date,
      added_at     bigint  not null,
      primary key (centre_id, seat_id)
    )`.execute(db);
  await sql`
    create table rm_board_v3.board_meetings (
      meeting_id  text        primary key,
      centre_id   text        not null,
      at          timestamptz not null,
      agenda      text[]      not null,
      place       text,
      item_minutes jsonb      not null default '{}',
      recused     jsonb       not null default '{}',
      present     text[],
      departed    jsonb       not null default '{}',
      quorate     boolean     not null,
      signed_by   text[]      not null default '{}',
      minutes_complete boolean not null default false,
      convened_at bigint      not null
    )`.execute(db);
  await sql`create index board_meetings_by_centre on rm_board_v3.board_meetings (centre_id, convened_at)`.execute(db);
  await sql`
    create table rm_board_v3.board_resolutions (
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
  await sql`create index board_resolutions_by_centre on rm_board_v3.board_resolutions (centre_id, proposed_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_board_v3 cascade`.execute(db);
}
