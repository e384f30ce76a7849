import type { ColumnType } from 'kysely';
import type { ConsentMethod, ConsentReceipt } from '../../domain/journey/journey.js';
import type { SharedField, SharingPurpose } from '../../domain/journey/sharing.js';
import type { SealedField } from '../../privacy/sealed.js';

/** A timestamptz: read as a Date, written as ISO-8601 text. */
type Moment = ColumnType<Date, string, string>;
type MaybeMoment = ColumnType<Date | null, string | null, string | null>;
type Json<T> = ColumnType<T, string, string>;
type Sealed = ColumnType<SealedField | null, string | null, string | null>;

/**
 * The tables of read model `referrals` (migration 0024), as its queries see them. Consents are keyed
 * by (citizen_id, sharing_id) and referrals by (citizen_id, referral_id): the ids are unique within
 * one journey only, so a referral's consent is the one with its citizen and its sharing id.
 */
export interface ReferralTables {
  sharings: {
    sharing_id: string;
    citizen_id: string;
    centre_id: string | null;
    partner_id: string;
    purpose: SharingPurpose;
    catalogue_offer_id: string | null;
    fields: SharedField[];
    /** A date: read as text (YYYY-MM-DD). */
    until: string;
    consent: Json<ConsentMethod>;
    receipt: ColumnType<ConsentReceipt | null, string | null, string | null>;
    given_at: Moment;
    withdrawn_at: MaybeMoment;
  };
  referrals: {
    referral_id: string;
    sharing_id: string;
    citizen_id: string;
    partner_id: string;
    catalogue_offer_id: string | null;
    shared: SharedField[];
    contact: Sealed;
    message: Sealed;
    made_at: Moment;
    /** A bigint: our int8 parser reads it as text. */
    position: ColumnType<string, number, number>;
  };
  erased: { citizen_id: string };
}
