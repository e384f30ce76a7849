/**
 * Referral to a partner under the citizen's own data-sharing consent (issue 13). A partner learns
 * about a citizen only what the citizen agreed to share: with which partner, for which purpose,
 * which fields, until when. The consent is the citizen's own (or recorded by the counsellor from a
 * held conversation, under the same rules as a consent to an offer), comes with a receipt, and is
 * withdrawable at any time; after that, and after its `until` date, the partner sees nothing more.
 *
 * The referral itself is the share: `ReferralMade` names the fields shared and carries, sealed,
 * what the citizen typed for the partner (how to reach them, a message). The verifier's check 6
 * proves from the log that every referral is covered by a consent naming that partner, purpose
 * and field, given before it and neither withdrawn nor past its date.
 */
import { inCopenhagen } from './hours.js';
import type { ConsentMethod, ConsentReceipt } from './journey.js';

/** What a citizen may share with a partner. */
export const SHARED_FIELDS = ['name', 'contact', 'goals', 'message'] as const;
export type SharedField = (typeof SHARED_FIELDS)[number];
/** What each field is, in the receipt's words (stored in English; pages render it in the reader's language). */
export const SHARED_FIELD_MEANING: Record<SharedField, string> = {
  name: 'the name you gave the centre',
  contact: 'how the partner may reach you, as you wrote it',
  goals: 'your goals, in your own words',
  message: 'your message to the partner',
};

/** Why the partner receives it. */
export const SHARING_PURPOSES = ['referral_to_offer', 'mentoring', 'introduction'] as const;
export type SharingPurpose = (typeof SHARING_PURPOSES)[number];
export const SHARING_PURPOSE_MEANING: Record<SharingPurpose, string> = {
  referral_to_offer: 'so that the partner can welcome you to their offer',
  mentoring: 'so that the partner can be your mentor or adviser',
  introduction: 'so that the partner can get in touch with you',
};

/** The longest a data-sharing consent runs before the citizen gives it again: a year. */
export const SHARING_LONGEST_DAYS = 366;
export const CONTACT_MAX = 300;
export const MESSAGE_MAX = 2000;

/** A consent to share, as the journey's state keeps it. */
export interface SharingState {
  /** The centre the citizen was with when they gave it. */
  centreId: string;
  partnerId: string;
  purpose: SharingPurpose;
  catalogueOfferId: string | null;
  fields: SharedField[];
  /** The last local date it covers. */
  until: string;
  withdrawn: boolean;
}

/** Whether a sharing consent covers a field on a local date: not withdrawn, not past its date, naming the field. */
export const sharingCovers = (sharing: SharingState, field: SharedField, date: string): boolean => !sharing.withdrawn && date <= sharing.until && sharing.fields.includes(field);

/** The local (Copenhagen) date of an instant. */
export const localDate = (instant: string) => inCopenhagen(new Date(instant)).date;

/** The receipt of a data-sharing consent, like every consent's (Kantara Consent Receipt). */
export function sharingReceipt(args: {
  receiptId: string;
  at: string;
  consent: ConsentMethod;
  centreId: string;
  partnerId: string;
  purpose: SharingPurpose;
  fields: readonly SharedField[];
  until: string;
}): ConsentReceipt {
  return {
    receiptId: args.receiptId,
    version: 'KI-CR-v1.1.0',
    timestamp: args.at,
    jurisdiction: 'DK',
    collectionMethod: args.consent.method,
    controller: { name: 'Virkelyst', centreId: args.centreId },
    purpose: `Sharing with partner ${args.partnerId} ${SHARING_PURPOSE_MEANING[args.purpose]}, until ${args.until}`,
    dataCategories: args.fields.map((f) => SHARED_FIELD_MEANING[f]),
    howToWithdraw: 'At any time on Mine sider (your own pages in Virkelyst, under your consents), or by telling a member of staff at the centre; it takes effect at once, the partner sees nothing more, and nothing follows from it.',
  };
}
