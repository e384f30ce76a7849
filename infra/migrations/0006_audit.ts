// Frozen: this migration must never import application code.
// The transparency log over every event (RFC 9162): its leaves, its running frontier and the
// signed tree heads. Append-only like the event log. `rm_audit_v1` is the sealer's (empty)
// template schema for the projection machinery.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_audit_v1`.execute(db);
  await sql`
    create table audit_leaves (
      leaf_index      bigint primary key,
      global_position bigint not null unique,
      event_id        uuid   not null,
      leaf_hash       bytea  not null check (length(leaf_hash) = 32)
    )`.execute(db);
  await sql`
    create table audit_frontier (
      id    integer primary key check (id = 1),
      size  bigint  not null,
      stack jsonb   not null
    )`.execute(db);
  await sql`
    create table audit_tree_heads (
      tree_size bigint      primary key,
      root_hash bytea       not null check (length(root_hash) = 32),
      signed_at timestamptz not null,
      key_id    text        not null,
      signature bytea       not null
    )`.execute(db);
  await sql`
    create function audit_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only: % on % is refused', tg_op, tg_table_name using errcode = 'VS001';
    end $$`.execute(db);
  for (const table of ['audit_leaves', 'audit_tree_heads']) {
    await sql`create trigger ${sql.id(`${table}_no_change`)} before update or delete on ${sql.id(table)}
              for each row execute function audit_refuse_change()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.id(table)}
              for each statement execute function audit_refuse_change()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists audit_tree_heads, audit_frontier, audit_leaves`.execute(db);
  await sql`drop function if exists audit_refuse_change`.execute(db);
  await sql`drop schema if exists rm_audit_v1 cascade`.execute(db);
}
