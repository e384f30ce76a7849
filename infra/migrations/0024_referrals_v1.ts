// Frozen: this migration must never import application code.
// Read model `referrals`, version 1 (issue 13): citizens' data-sharing consents with partners and
// the referrals made under them. Inline, so that a withdrawal holds from the moment it is
// recorded: the partner's next look already sees nothing more. What a citizen wrote for a partner
// is kept sealed, as the log holds it; the citizen's name and goals are not copied here at all, but
// read from the journeys read model when, and only when, a consent in force covers them.
//
// Consents and referrals are keyed by the citizen as well as by their own id: the ids are chosen
// on the citizen's side (derived from the command's Idempotency-Key) and the decider checks them
// against that one journey only, so one citizen's id must never reach another citizen's consent.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema rm_referrals_v1`.execute(db);
  await sql`
    create table rm_referrals_v1.sharings (
      citizen_id          text        not null,
      sharing_id          text        not null,
      centre_id           text,
      partner_id          text        not null,
      purpose             text        not null,
      catalogue_offer_id  text,
      fields              text[]      not null,
      until               date        not null,
      consent             jsonb       not null,
      receipt             jsonb,
      given_at            timestamptz not null,
      withdrawn_at        timestamptz,
      primary key (citizen_id, sharing_id)
    )`.execute(db);
  await sql`
    create table rm_referrals_v1.referrals (
      citizen_id          text        not null,
      referral_id         text        not null,
      sharing_id          text        not null,
      partner_id          text        not null,
      catalogue_offer_id  text,
      shared              text[]      not null,
      contact             jsonb,
      message             jsonb,
      made_at             timestamptz not null,
      position            bigint      not null,
      primary key (citizen_id, referral_id)
    )`.execute(db);
  // A partner's referrals, newest first: every page a partner opens asks for them.
  await sql`create index referrals_by_partner on rm_referrals_v1.referrals (partner_id, position desc)`.execute(db);
  // Erased citizens: what they wrote for partners can no longer be opened, and nothing of them is shown.
  await sql`create table rm_referrals_v1.erased (citizen_id text primary key)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists rm_referrals_v1 cascade`.execute(db);
}
