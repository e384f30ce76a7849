import { type Kysely, sql } from 'kysely';
import type { ConsentMethod, ConsentReceipt } from '../../domain/journey/journey.js';
import type { SharedField, SharingPurpose } from '../../domain/journey/sharing.js';
import { ERASED, type PersonalData } from '../../privacy/sealed.js';
import { citizenGoals, type JourneyReader } from '../journeys/queries.js';
import type { JourneyTables } from '../journeys/tables.js';
import type { ReferralTables } from './tables.js';

type Db = Kysely<ReferralTables & JourneyTables>;

/** Where a referral's sharing stands on a date: in force, withdrawn, past its date, or the citizen erased. */
export type SharingStatus = 'shared' | 'withdrawn' | 'expired' | 'erased';

/**
 * A referral as the partner sees it. The fields are there only while the consent is in force, and
 * only those it names: after a withdrawal, past its date, or once the citizen is erased, the
 * partner sees that a referral was made and no more. The citizen's id is never given to partners.
 */
export interface PartnerReferralView {
  referralId: string;
  catalogueOfferId: string | null;
  purpose: SharingPurpose;
  madeAt: string;
  until: string;
  status: SharingStatus;
  /** What the consent names, shown only while it is in force (empty otherwise). */
  shared: SharedField[];
  name?: string | null;
  contact?: string | null;
  goals?: string[];
  message?: string | null;
}

const statusOf = (row: { withdrawn_at: Date | null; until: string; erased: boolean }, today: string): SharingStatus =>
  row.erased ? 'erased' : row.withdrawn_at ? 'withdrawn' : today > row.until ? 'expired' : 'shared';

/** A sealed field opened, or null when it is none or its subject was erased. */
async function opened(vault: PersonalData, value: unknown): Promise<string | null> {
  if (value === null || value === undefined) return null;
  const open = await vault.open<string>(value);
  return open === ERASED || typeof open !== 'string' ? null : open;
}

/** The referrals made to a partner, newest first, with what each citizen agreed to share as it stands on `today`. */
export async function referralsForPartner(db: Db, vault: PersonalData, partnerId: string, today: string): Promise<PartnerReferralView[]> {
  const rows = await db
    .withSchema('rm')
    .selectFrom('referrals as r')
    // A consent is the citizen's own: its id is unique within their journey only. And a consent
    // naming another partner covers nothing for this one.
    .innerJoin('sharings as s', (join) => join.onRef('s.citizen_id', '=', 'r.citizen_id').onRef('s.sharing_id', '=', 'r.sharing_id').onRef('s.partner_id', '=', 'r.partner_id'))
    .leftJoin('erased as e', 'e.citizen_id', 'r.citizen_id')
    .leftJoin('journey_citizens as c', 'c.citizen_id', 'r.citizen_id')
    .select(['r.referral_id', 'r.citizen_id', 'r.catalogue_offer_id', 'r.shared', 'r.contact', 'r.message', 'r.made_at', 's.purpose', 's.fields', 's.withdrawn_at', 'c.alias'])
    .select(sql<string>`s.until::text`.as('until'))
    .select(sql<boolean>`e.citizen_id is not null`.as('erased'))
    .where('r.partner_id', '=', partnerId)
    .orderBy('r.position', 'desc')
    .execute();
  // The citizen's goals in force now, in their own words, read once per citizen however many referrals share them.
  const goals = new Map<string, Promise<string[]>>();
  const goalsOf = (citizenId: string) => {
    if (!goals.has(citizenId)) goals.set(citizenId, citizenGoals(db as unknown as Kysely<JourneyTables>, vault, citizenId).then((gs) => gs.map((g) => g.text).filter((t) => t !== '')));
    return goals.get(citizenId)!;
  };
  return Promise.all(
    rows.map(async (r): Promise<PartnerReferralView> => {
      const status = statusOf(r, today);
      const base = { referralId: r.referral_id, catalogueOfferId: r.catalogue_offer_id, purpose: r.purpose, madeAt: r.made_at.toISOString(), until: r.until, status };
      if (status !== 'shared') return { ...base, shared: [] };
      // Shared is what both the referral sent and the consent names: never more than the consent.
      const shared = r.shared.filter((f) => r.fields.includes(f));
      const view: PartnerReferralView = { ...base, shared };
      if (shared.includes('name')) view.name = await opened(vault, r.alias);
      if (shared.includes('contact')) view.contact = await opened(vault, r.contact);
      if (shared.includes('message')) view.message = await opened(vault, r.message);
      if (shared.includes('goals')) view.goals = await goalsOf(r.citizen_id);
      return view;
    }),
  );
}

/** A data-sharing consent as the citizen sees it: its receipt, what it names, and whether it stands. */
export interface SharingView {
  sharingId: string;
  partnerId: string;
  purpose: SharingPurpose;
  catalogueOfferId: string | null;
  fields: SharedField[];
  until: string;
  consent: ConsentMethod;
  receipt: ConsentReceipt | null;
  givenAt: string;
  withdrawnAt: string | null;
  status: Exclude<SharingStatus, 'erased'>;
  referralIds: string[];
}

/** The citizen's own data-sharing consents, newest first: all of them, wherever they were given. */
export async function sharingsOfCitizen(db: Db, citizenId: string, today: string): Promise<SharingView[]> {
  return sharingsSeenBy(db, citizenId, today, { citizen: true });
}

/**
 * A citizen's data-sharing consents as a reader of their journey sees them, newest first, by the
 * rule of the journey's other views (src/projections/journeys/queries.ts): the citizen sees all of
 * their own; staff of the centre the citizen is with now see those given at their centre, and
 * those given at earlier centres only if the citizen shared their earlier records with it.
 */
export async function sharingsSeenBy(db: Db, citizenId: string, today: string, reader: JourneyReader): Promise<SharingView[]> {
  // Null: every consent; otherwise only those given at this centre.
  const onlyAt = 'citizen' in reader || reader.seesEarlier ? null : reader.centreId;
  const [sharings, referrals] = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) =>
      Promise.all([
        tx
          .withSchema('rm')
          .selectFrom('sharings')
          .select(['sharing_id', 'partner_id', 'purpose', 'catalogue_offer_id', 'fields', 'consent', 'receipt', 'given_at', 'withdrawn_at'])
          .select(sql<string>`until::text`.as('until'))
          .where('citizen_id', '=', citizenId)
          .where(onlyAt === null ? sql<boolean>`true` : sql<boolean>`centre_id = ${onlyAt}`)
          .orderBy('given_at', 'desc')
          .orderBy('sharing_id')
          .execute(),
        tx.withSchema('rm').selectFrom('referrals').select(['referral_id', 'sharing_id']).where('citizen_id', '=', citizenId).orderBy('position').execute(),
      ]),
    );
  return sharings.map((s) => ({
    sharingId: s.sharing_id,
    partnerId: s.partner_id,
    purpose: s.purpose,
    catalogueOfferId: s.catalogue_offer_id,
    fields: s.fields,
    until: s.until,
    consent: s.consent,
    receipt: s.receipt,
    givenAt: s.given_at.toISOString(),
    withdrawnAt: s.withdrawn_at?.toISOString() ?? null,
    status: statusOf({ ...s, erased: false }, today) as Exclude<SharingStatus, 'erased'>,
    referralIds: referrals.filter((r) => r.sharing_id === s.sharing_id).map((r) => r.referral_id),
  }));
}
