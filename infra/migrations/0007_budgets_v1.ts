// Frozen: this migration must never import application code.
// Tables of read model `budgets`, version 1: each budget's summary, and its events in log order
// (what replay folds: as-of views, diffs, line histories, roll-ups). Budgets are public records.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_budgets_v1`.execute(db);
  await sql`
    create table rm_budgets_v1.budgets (
      budget_id   uuid        primary key,
      centre_id   uuid        not null,
      fiscal_year integer     not null,
      kind        text        not null,
      status      text        not null,
      version     integer     not null,
      drafted_at  timestamptz not null,
      updated_at  timestamptz not null
    )`.execute(db);
  await sql`create index budgets_by_centre on rm_budgets_v1.budgets (centre_id, fiscal_year)`.execute(db);
  await sql`create index budgets_by_year on rm_budgets_v1.budgets (fiscal_year, kind)`.execute(db);
  await sql`
    create table rm_budgets_v1.budget_events (
      global_position bigint      primary key,
      budget_id       uuid        not null,
      centre_id       uuid        not null,
      type            text        not null,
      data            jsonb       not null,
      actor_id        text        not null,
      actor_role      text        not null,
      occurred_at     timestamptz not null
    )`.execute(db);
  await sql`create index budget_events_by_budget on rm_budgets_v1.budget_events (budget_id, global_position)`.execute(db);
  await sql`create index budget_events_by_centre on rm_budgets_v1.budget_events (centre_id, global_position)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_budgets_v1 cascade`.execute(db);
}
