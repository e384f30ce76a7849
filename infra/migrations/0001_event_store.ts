// Frozen: this migration must never import application code. Change the store with a new one.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table events (
      global_position bigint generated always as identity primary key,
      transaction_id  xid8        not null default pg_current_xact_id(),
      stream_id       text        not null,
      stream_version  bigint      not null check (stream_version > 0),
      event_id        uuid        not null,
      event_type      text        not null,
      schema_version  integer     not null check (schema_version > 0),
      data            jsonb       not null,
      metadata        jsonb       not null,
      recorded_at     timestamptz not null default now(),
      constraint events_event_id_key unique (event_id),
      constraint events_stream_version_key unique (stream_id, stream_version)
    )`.execute(db);
  // The order in which readers see the log. Positions alone are not safe: a transaction that took
  // a lower position may commit after one that took a higher one.
  await sql`create index events_log_order on events (transaction_id, global_position)`.execute(db);

  await sql`
    create table streams (
      stream_id text   primary key,
      version   bigint not null check (version > 0)
    )`.execute(db);

  await sql`
    create table commands (
      command_id     uuid        primary key,
      stream_id      text        not null,
      actor_id       text,
      fingerprint    text,
      first_position bigint,
      last_position  bigint,
      next_version   bigint,
      transaction_id xid8,
      recorded_at    timestamptz not null default now()
    )`.execute(db);

  // The log is append-only in the database itself.
  await sql`
    create function events_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'the event log is append-only: % on events is refused', tg_op
        using errcode = 'VS001';
    end $$`.execute(db);
  await sql`create trigger events_no_update_delete before update or delete on events
            for each row execute function events_refuse_change()`.execute(db);
  await sql`create trigger events_no_truncate before truncate on events
            for each statement execute function events_refuse_change()`.execute(db);
  await sql`revoke update, delete, truncate on events from public`.execute(db);

  // Application role: may read and append, never change the log. Login roles used by the app in
  // production are made members of it. Roles are cluster-wide, so it may already exist.
  await sql`
    do $$
    begin
      if not exists (select from pg_roles where rolname = 'virkelyst_app') then
        begin
          create role virkelyst_app nologin;
        exception
          when insufficient_privilege then
            raise notice 'cannot create role virkelyst_app; privileges left to the operator';
            return;
          -- Another database's migration on the same cluster made it meanwhile (roles are
          -- cluster-wide): a unique violation on pg_authid when both got past the check at once.
          when duplicate_object or unique_violation then
            null;
        end;
      end if;
      execute format('grant usage on schema %I to virkelyst_app', current_schema());
      execute 'grant select, insert on events to virkelyst_app';
      execute 'revoke update, delete, truncate on events from virkelyst_app';
      execute 'grant select, insert, update on streams, commands to virkelyst_app';
    end $$`.execute(db);

  // One round trip per append: idempotency, expected version and the insert in one statement.
  // p_events is a JSON array of {eventId, type, schemaVersion, data, metadata}.
  // Raises VS409 (detail: current version or 'none') when the expected version does not hold.
  await sql`
    create function virkelyst_append(
      p_stream_id        text,
      p_expected_kind    text,
      p_expected_version bigint,
      p_command_id       uuid,
      p_events           jsonb,
      p_actor_id         text default null,
      p_fingerprint      text default null
    ) returns table (
      duplicate      boolean,
      first_position bigint,
      last_position  bigint,
      next_version   bigint,
      transaction_id xid8
    ) language plpgsql as $$
    declare
      n         bigint := jsonb_array_length(p_events);
      v_new     bigint;
      v_current bigint;
      v_first   bigint;
      v_last    bigint;
    begin
      if n is null or n = 0 then
        raise exception 'an append needs at least one event' using errcode = '22023';
      end if;
      -- The append gate: taken shared by every append, exclusively by a switch that must hold
      -- appends off for a moment (an inline read model going live).
      perform pg_advisory_xact_lock_shared(7262001);
      if p_command_id is not null then
        -- A concurrent twin waits here until the first commits (or rolls back), then looks.
        perform pg_advisory_xact_lock(hashtextextended(p_command_id::text, 7));
        return query select true, c.first_position, c.last_position, c.next_version, c.transaction_id
                       from commands c where c.command_id = p_command_id;
        if found then
          return;
        end if;
      end if;

      if p_expected_kind = 'no_stream' or (p_expected_kind = 'exact' and p_expected_version = 0) then
        insert into streams (stream_id, version) values (p_stream_id, n)
          on conflict do nothing returning version into v_new;
      elsif p_expected_kind = 'exact' then
        update streams s set version = s.version + n
         where s.stream_id = p_stream_id and s.version = p_expected_version
        returning s.version into v_new;
      elsif p_expected_kind = 'stream_exists' then
        update streams s set version = s.version + n
         where s.stream_id = p_stream_id
        returning s.version into v_new;
      elsif p_expected_kind = 'any' then
        insert into streams as s (stream_id, version) values (p_stream_id, n)
          on conflict (stream_id) do update set version = s.version + excluded.version
        returning s.version into v_new;
      else
        raise exception 'unknown expected version kind %', p_expected_kind using errcode = '22023';
      end if;

      if v_new is null then
        select s.version into v_current from streams s where s.stream_id = p_stream_id;
        raise exception 'wrong expected version for stream %', p_stream_id
          using errcode = 'VS409', detail = coalesce(v_current::text, 'none');
      end if;

      with inserted as (
        insert into events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
        select p_stream_id, v_new - n + u.ord, u."eventId", u.type, u."schemaVersion", u.data, u.metadata
          from rows from (jsonb_to_recordset(p_events)
                 as ("eventId" uuid, type text, "schemaVersion" integer, data jsonb, metadata jsonb))
               with ordinality as u("eventId", type, "schemaVersion", data, metadata, ord)
         order by u.ord
        returning global_position
      )
      select min(global_position), max(global_position) into v_first, v_last from inserted;

      if p_command_id is not null then
        insert into commands (command_id, stream_id, actor_id, fingerprint, first_position, last_position, next_version, transaction_id)
        values (p_command_id, p_stream_id, p_actor_id, p_fingerprint, v_first, v_last, v_new, pg_current_xact_id());
      end if;
      return query select false, v_first, v_last, v_new, pg_current_xact_id();
    end $$`.execute(db);

  // Projections: every build of every read model, its checkpoint and its health.
  await sql`
    create table projection_builds (
      name                 text        not null,
      version              integer     not null,
      build                integer     not null,
      schema_name          text        not null unique,
      status               text        not null check (status in ('building', 'active', 'retired')),
      last_transaction_id  xid8        not null default '0',
      last_position        bigint      not null default 0,
      events_applied       bigint      not null default 0,
      failed_position      bigint,
      failed_event_id      uuid,
      failed_event_type    text,
      failed_error         text,
      failed_since         timestamptz,
      created_at           timestamptz not null default now(),
      activated_at         timestamptz,
      retired_at           timestamptz,
      primary key (name, version, build)
    )`.execute(db);
  await sql`create unique index projection_builds_one_active on projection_builds (name)
            where status = 'active'`.execute(db);
  await sql`create schema if not exists rm`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm cascade`.execute(db);
  await sql`drop table if exists projection_builds`.execute(db);
  await sql`drop function if exists virkelyst_append`.execute(db);
  await sql`drop table if exists events`.execute(db);
  await sql`drop function if exists events_refuse_change`.execute(db);
  await sql`drop table if exists commands`.execute(db);
  await sql`drop table if exists streams`.execute(db);
}
