// Frozen: this migration must never import application code.
// Read model `ideas`, version 1: citizens' ideas for a centre's development budget, with how many
// support each, the board's answer (the line it became, or the reason), and each idea's path in
// order. The title and description are the proposer's personal data: kept exactly as the log
// stores them, sealed. Who proposed and who supports are kept for the citizens' own pages (their
// own idea, their own support), never for a public answer: the path holds counts, not people.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_ideas_v1`.execute(db);
  await sql`
    create table rm_ideas_v1.ideas (
      idea_id        text        primary key,
      centre_id      text        not null,
      budget_id      text        not null,
      proposer_id    text        not null,
      title          jsonb       not null,
      description    jsonb       not null,
      status         text        not null check (status in ('open', 'withdrawn', 'answered')),
      supports       integer     not null check (supports >= 0),
      answer         text        check (answer in ('taken_in', 'not_taken_in')),
      line_id        text,
      reason         text,
      resolution_id  text,
      proposed_at    timestamptz not null,
      closed_at      timestamptz,
      version        bigint      not null,
      check ((status = 'answered') = (answer is not null)),
      check ((answer = 'taken_in') = (line_id is not null)),
      check ((answer = 'not_taken_in') = (reason is not null))
    )`.execute(db);
  await sql`create index ideas_by_budget on rm_ideas_v1.ideas (budget_id, proposed_at)`.execute(db);
  await sql`create index ideas_by_proposer on rm_ideas_v1.ideas (proposer_id)`.execute(db);
  await sql`
    create table rm_ideas_v1.idea_supporters (
      idea_id       text        not null,
      citizen_id    text        not null,
      supported_at  timestamptz not null,
      primary key (idea_id, citizen_id)
    )`.execute(db);
  await sql`create index idea_supporters_by_citizen on rm_ideas_v1.idea_supporters (citizen_id)`.execute(db);
  // The path: one row per event, with the count after it, never who.
  await sql`
    create table rm_ideas_v1.idea_path (
      global_position  bigint      primary key,
      idea_id          text        not null,
      type             text        not null,
      supports         integer     not null check (supports >= 0),
      answer           text,
      line_id          text,
      reason           text,
      resolution_id    text,
      occurred_at      timestamptz not null
    )`.execute(db);
  await sql`create index idea_path_by_idea on rm_ideas_v1.idea_path (idea_id, global_position)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_ideas_v1 cascade`.execute(db);
}
