// Frozen: this migration must never import application code.
// Read model `catalogue`, version 1 (issue 13): partners, their written agreements with every
// version, the offer catalogue with Danish (and English) full-text search, and how many take part
// in each offer. A partner's contact person and an agreement's signatories are kept as stored:
// sealed, for a vault to open. Participation is a count per offer: no citizen is named here, only
// the journey stream a journey offer belongs to, to tell its later events apart.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_catalogue_v1`.execute(db);

  await sql`
    create table rm_catalogue_v1.catalogue_partners (
      partner_id     text        primary key,
      centre_id      text        not null,
      kind           text        not null,
      name           text        not null,
      cvr            text,
      -- Sealed fields, as stored in the events (email and phone may be absent: null).
      contact_name   jsonb,
      contact_email  jsonb,
      contact_phone  jsonb,
      registered_at  timestamptz not null,
      changed_at     timestamptz not null,
      version        bigint      not null
    )`.execute(db);
  await sql`create index catalogue_partners_by_centre on rm_catalogue_v1.catalogue_partners (centre_id, name)`.execute(db);

  // An agreement with the terms of its latest version (what is in force), and where it stands.
  // Dates are Copenhagen calendar dates as YYYY-MM-DD text: they compare as dates, and are never
  // turned into a moment (and shifted by a zone) on the way in or out.
  await sql`
    create table rm_catalogue_v1.catalogue_agreements (
      agreement_id       text        primary key,
      partner_id         text        not null,
      centre_id          text        not null,
      status             text        not null check (status in ('signed', 'terminated')),
      version            integer     not null,
      scope              text        not null,
      offer_kinds        text[]      not null,
      start_date         text        not null check (start_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      end_date           text        not null check (end_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      payment            jsonb,
      document_sha256    text        not null,
      signatories        jsonb,
      signed_at          timestamptz not null,
      changed_at         timestamptz not null,
      terminated_at      timestamptz,
      terminated_by      text        check (terminated_by in ('partner', 'centre')),
      termination_reason text
    )`.execute(db);
  await sql`create index catalogue_agreements_by_partner on rm_catalogue_v1.catalogue_agreements (partner_id)`.execute(db);
  await sql`create index catalogue_agreements_by_centre on rm_catalogue_v1.catalogue_agreements (centre_id)`.execute(db);

  // Every version of every agreement, as signed: the old ones stay readable.
  await sql`
    create table rm_catalogue_v1.catalogue_agreement_versions (
      agreement_id     text        not null,
      version          integer     not null,
      event            text        not null check (event in ('signed', 'amended', 'renewed')),
      scope            text        not null,
      offer_kinds      text[]      not null,
      start_date       text        not null,
      end_date         text        not null,
      payment          jsonb,
      document_sha256  text        not null,
      signatories      jsonb,
      recorded_at      timestamptz not null,
      primary key (agreement_id, version)
    )`.execute(db);

  // The offers. `partner_name` is the partner's name kept beside its offers, so that the search
  // vector can be a generated column of one row; the projection keeps it up to date.
  await sql`
    create table rm_catalogue_v1.catalogue_offers (
      offer_id          text        primary key,
      centre_id         text        not null,
      partner_id        text,
      agreement_id      text,
      kind              text        not null,
      title             text        not null,
      title_en          text,
      description       text        not null,
      description_en    text,
      channels          text[]      not null,
      municipality_code text        not null,
      place             text,
      link              text,
      capacity          integer,
      suits             text,
      partner_name      text,
      status            text        not null check (status in ('published', 'retired')),
      published_at      timestamptz not null,
      revised_at        timestamptz,
      retired_at        timestamptz,
      version           bigint      not null,
      search            tsvector    generated always as (
                          setweight(to_tsvector('danish'::regconfig, title), 'A') ||
                          setweight(to_tsvector('danish'::regconfig, description), 'B') ||
                          setweight(to_tsvector('danish'::regconfig, coalesce(partner_name, '')), 'B') ||
                          setweight(to_tsvector('danish'::regconfig, coalesce(suits, '')), 'C')
                        ) stored,
      search_en         tsvector    generated always as (
                          setweight(to_tsvector('english'::regconfig, coalesce(title_en, '')), 'A') ||
                          setweight(to_tsvector('english'::regconfig, coalesce(description_en, '')), 'B')
                        ) stored
    )`.execute(db);
  await sql`create index catalogue_offers_search on rm_catalogue_v1.catalogue_offers using gin (search)`.execute(db);
  await sql`create index catalogue_offers_search_en on rm_catalogue_v1.catalogue_offers using gin (search_en)`.execute(db);
  // The filters a search takes, each over the published offers only (the retired are never listed).
  await sql`create index catalogue_offers_by_municipality on rm_catalogue_v1.catalogue_offers (municipality_code, kind) where status = 'published'`.execute(db);
  await sql`create index catalogue_offers_by_kind on rm_catalogue_v1.catalogue_offers (kind) where status = 'published'`.execute(db);
  await sql`create index catalogue_offers_by_channels on rm_catalogue_v1.catalogue_offers using gin (channels) where status = 'published'`.execute(db);
  // A centre's catalogue; an agreement's offers (when it ends); a partner's offers (its name).
  await sql`create index catalogue_offers_by_centre on rm_catalogue_v1.catalogue_offers (centre_id)`.execute(db);
  await sql`create index catalogue_offers_by_agreement on rm_catalogue_v1.catalogue_offers (agreement_id)`.execute(db);
  await sql`create index catalogue_offers_by_partner on rm_catalogue_v1.catalogue_offers (partner_id)`.execute(db);

  // A journey offer (one journey stream's offer id) that names a catalogue offer, and whether
  // its citizen takes part now.
  await sql`
    create table rm_catalogue_v1.catalogue_journey_offers (
      stream_id           text    not null,
      offer_id            text    not null,
      catalogue_offer_id  text    not null,
      participating       boolean not null,
      primary key (stream_id, offer_id)
    )`.execute(db);
  // How many take part in a catalogue offer now (its free places are its capacity less these).
  await sql`
    create table rm_catalogue_v1.catalogue_use (
      catalogue_offer_id  text    primary key,
      participants        integer not null check (participants >= 0)
    )`.execute(db);
  // Each start and end of a participation in a catalogue offer, for its use month by month.
  await sql`
    create table rm_catalogue_v1.catalogue_participations (
      position            bigint      primary key,
      catalogue_offer_id  text        not null,
      change              text        not null check (change in ('started', 'ended')),
      occurred_at         timestamptz not null
    )`.execute(db);
  await sql`create index catalogue_participations_by_offer on rm_catalogue_v1.catalogue_participations (catalogue_offer_id, occurred_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_catalogue_v1 cascade`.execute(db);
}
