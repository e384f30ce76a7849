// Frozen: this migration must never import application code.
// Read model `research`, version 1 (issue 12): the facts of journeys that indicators and exports read.
// Codes, kinds and moments only: never a name, a word a citizen wrote or a sealed field.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_research_v1`.execute(db);
  // One row per research fact (src/research/facts.ts), keyed by the event's place in the log.
  await sql`
    create table rm_research_v1.research_facts (
      position          bigint      primary key,
      citizen_id        text        not null,
      centre_id         text        not null,
      municipality_code text        not null,
      occurred_at       timestamptz not null,
      kind              text        not null,
      channel           text,
      booked_by         text,
      offer_kind        text,
      offer_source      text,
      answer            text,
      participation_end text,
      goal_category     text,
      outcome_kind      text,
      duration_days     integer,
      -- Inside only (never in a ResearchFact): links an offer's answers to the offer made.
      offer_id          text
    )`.execute(db);
  // The indicators read a period of one kind. The exports read a period in log order, by the
  // primary key (keyset on the position): an index on the moment would not spare them the sort,
  // and every index costs the rebuild.
  await sql`create index research_facts_by_kind on rm_research_v1.research_facts (kind, occurred_at)`.execute(db);
  // What a fact needs from before its batch: a journey's first contact, and whether its first
  // conversation and first outcome have been; read once per batch.
  await sql`
    create table rm_research_v1.research_journeys (
      citizen_id       text        primary key,
      centre_id        text        not null,
      started_at       timestamptz not null,
      first_held       boolean     not null,
      first_outcome    boolean     not null
    )`.execute(db);
  // An offer's kind and source, and when taking part started.
  await sql`
    create table rm_research_v1.research_offers (
      offer_id         text        primary key,
      offer_kind       text,
      offer_source     text        not null,
      participating_since timestamptz
    )`.execute(db);
  // Centres and their municipalities (public).
  await sql`
    create table rm_research_v1.research_centres (
      centre_id         text        primary key,
      municipality_code text        not null,
      name              text        not null
    )`.execute(db);
  // Citizens whose personal data was erased: every reader leaves them out.
  await sql`
    create table rm_research_v1.research_erased (
      citizen_id  text        primary key,
      erased_at   timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_research_v1 cascade`.execute(db);
}
