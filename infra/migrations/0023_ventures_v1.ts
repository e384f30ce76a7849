// Frozen: this migration must never import application code.
// Read model `ventures`, version 1: each citizen's entrepreneurs' track (their memberships,
// milestones, quarterly check-ins, business start and whether it still runs 1, 2 and 3 years on),
// and from it the survival share of the businesses. The citizen's words (business idea, reason
// for leaving, milestone texts, check-in notes) are kept exactly as the log stores them: sealed.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_ventures_v1`.execute(db);
  await sql`
    create table rm_ventures_v1.venture_tracks (
      citizen_id          text        primary key,
      -- The centre of the latest membership.
      centre_id           text        not null,
      status              text        not null check (status in ('joined', 'left')),
      -- Every time on the track, oldest first: {centreId, joinedAt, businessIdea, leftAt, leftReason}, words sealed.
      memberships         jsonb       not null,
      started_on          text        check (started_on ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      has_cvr             boolean,
      start_recorded_at   timestamptz,
      -- Whether the business ran 1, 2 and 3 years after its start, as the citizen last said, and when.
      running_1           boolean,
      answered_1_at       timestamptz,
      running_2           boolean,
      answered_2_at       timestamptz,
      running_3           boolean,
      answered_3_at       timestamptz,
      version             bigint      not null,
      check ((started_on is null) = (start_recorded_at is null)),
      check ((running_1 is null) = (answered_1_at is null)),
      check ((running_2 is null) = (answered_2_at is null)),
      check ((running_3 is null) = (answered_3_at is null))
    )`.execute(db);
  // The survival share of a centre's businesses.
  await sql`create index venture_tracks_by_centre on rm_ventures_v1.venture_tracks (centre_id) where started_on is not null`.execute(db);
  await sql`
    create table rm_ventures_v1.venture_milestones (
      citizen_id    text        not null,
      milestone_id  text        not null,
      text          jsonb       not null,
      hoped_for     text,
      status        text        not null check (status in ('open', 'reached')),
      set_at        timestamptz not null,
      reached_at    timestamptz,
      primary key (citizen_id, milestone_id),
      check ((status = 'reached') = (reached_at is not null))
    )`.execute(db);
  await sql`
    create table rm_ventures_v1.venture_check_ins (
      citizen_id    text        not null,
      quarter       text        not null check (quarter ~ '^\\d{4}-Q[1-4]$'),
      status        text        not null check (status in ('not_started', 'running', 'paused', 'closed')),
      note          jsonb,
      recorded_at   timestamptz not null,
      primary key (citizen_id, quarter)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_ventures_v1 cascade`.execute(db);
}
