// Frozen: this migration must never import application code.
// What the application role `virkelyst_app` may do, so that the app can run as a login that is a
// member of it and of nothing else: read and append the event log and the audit log (never change
// them), keep its bookkeeping (streams, commands, builds, keys, the audit frontier), and create
// and drop its own read-model build schemas and the views in `rm`. Template schemas are read-only
// to it. Objects the app makes at run time are owned by `virkelyst_app` (the app's sessions start
// with `role=virkelyst_app`), so any login of the app may replace them.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    declare
      s text;
    begin
      if not exists (select from pg_roles where rolname = 'virkelyst_app') then
        begin
          create role virkelyst_app nologin;
        exception
          when insufficient_privilege then
            raise notice 'cannot create role virkelyst_app; privileges left to the operator';
            return;
          when duplicate_object or unique_violation then
            null; -- made meanwhile by a migration of another database on this cluster
        end;
      end if;

      execute format('grant connect, create on database %I to virkelyst_app', current_database());
      execute format('grant usage on schema %I to virkelyst_app', current_schema());

      -- The append-only logs: read and append only. No UPDATE, DELETE, TRUNCATE, and no TRIGGER
      -- or REFERENCES either (a trigger of its own could rewrite what is appended).
      grant select, insert on events, audit_leaves, audit_tree_heads to virkelyst_app;
      revoke update, delete, truncate, references, trigger on events, audit_leaves, audit_tree_heads from virkelyst_app;
      revoke update, delete, truncate on audit_leaves, audit_tree_heads from public;

      -- Bookkeeping that changes in place. Erasure nulls a key (an upsert), it never deletes a row.
      grant select, insert, update on streams, commands, projection_builds, subject_keys, audit_frontier to virkelyst_app;

      -- Read models: the views in rm, and read access to every template schema to clone.
      grant usage, create on schema rm to virkelyst_app;
      for s in select nspname from pg_namespace where nspname ~ '^rm_.+_v[0-9]+$' and nspname !~ '_v[0-9]+_b[0-9]+$' loop
        execute format('grant usage on schema %I to virkelyst_app', s);
        execute format('grant select on all tables in schema %I to virkelyst_app', s);
      end loop;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    declare
      s text;
    begin
      if not exists (select from pg_roles where rolname = 'virkelyst_app') then
        return;
      end if;
      execute format('revoke create on database %I from virkelyst_app', current_database());
      revoke all on schema rm from virkelyst_app;
      revoke all on audit_leaves, audit_tree_heads, projection_builds, audit_frontier from virkelyst_app;
      for s in select nspname from pg_namespace where nspname ~ '^rm_.+_v[0-9]+$' and nspname !~ '_v[0-9]+_b[0-9]+$' loop
        execute format('revoke all on all tables in schema %I from virkelyst_app', s);
        execute format('revoke usage on schema %I from virkelyst_app', s);
      end loop;
    end $$`.execute(db);
}
