// Frozen: this migration must never import application code.
// Read model `groups`, version 1: the groups of each centre with their member count, meeting place
// and latest meeting arrangement, and who is a member now (for the members' own pages only). The
// arrangement is a member's personal data: kept exactly as the log stores it, sealed, never opened.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_groups_v1`.execute(db);
  await sql`
    create table rm_groups_v1.groups (
      group_id            text        primary key,
      centre_id           text        not null,
      kind                text        not null,
      name                text        not null,
      purpose             text,
      partner_id          text,
      authority           text,
      started_by          text        not null check (started_by in ('citizen', 'staff')),
      status              text        not null check (status in ('open', 'closed')),
      members             integer     not null check (members >= 0),
      meeting_place       text,
      arrangement         jsonb,
      arrangement_set_at  timestamptz,
      started_at          timestamptz not null,
      closed_at           timestamptz,
      version             bigint      not null,
      check ((arrangement is null) = (arrangement_set_at is null))
    )`.execute(db);
  await sql`create index groups_by_centre on rm_groups_v1.groups (centre_id, status)`.execute(db);
  await sql`
    create table rm_groups_v1.group_members (
      group_id    text        not null,
      citizen_id  text        not null,
      joined_at   timestamptz not null,
      primary key (group_id, citizen_id)
    )`.execute(db);
  // A citizen's own groups.
  await sql`create index group_members_by_citizen on rm_groups_v1.group_members (citizen_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_groups_v1 cascade`.execute(db);
}
