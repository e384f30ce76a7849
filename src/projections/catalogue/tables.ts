import type { ColumnType } from 'kysely';
import type { Payment, Side } from '../../domain/agreement/agreement.js';
import type { OfferChannel } from '../../domain/catalogue/catalogue.js';
import type { CentreOfferKind } from '../../domain/journey/journey.js';
import type { PartnerKind } from '../../domain/partner/partner.js';
import type { SealedField } from '../../privacy/sealed.js';

/** A timestamptz: read as a Date, written as ISO-8601 text. */
type Moment = ColumnType<Date, string, string>;
/** A nullable timestamptz. */
type MaybeMoment = ColumnType<Date | null, string | null, string | null>;
/** A jsonb column: read parsed, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
/** A bigint: our int8 parser reads it as text. */
type Big = ColumnType<string, number, number>;
/** A generated column: read in SQL only (a tsvector), never written. */
type Generated = ColumnType<string, never, never>;

/**
 * The tables of read model `catalogue` (migration 0020), as its queries see them. Personal fields
 * (a partner's contact person, an agreement's signatories) are kept sealed: only a vault opens them.
 */
export interface CatalogueTables {
  catalogue_partners: {
    partner_id: string;
    centre_id: string;
    kind: PartnerKind;
    name: string;
    cvr: string | null;
    contact_name: Json<SealedField | null>;
    contact_email: Json<SealedField | null>;
    contact_phone: Json<SealedField | null>;
    registered_at: Moment;
    changed_at: Moment;
    version: Big;
  };
  catalogue_agreements: {
    agreement_id: string;
    partner_id: string;
    centre_id: string;
    status: 'signed' | 'terminated';
    version: number;
    scope: string;
    offer_kinds: CentreOfferKind[];
    /** YYYY-MM-DD, a Copenhagen date. */
    start_date: string;
    end_date: string;
    payment: Json<Payment | null>;
    document_sha256: string;
    /** The latest version's signatories, sealed as one field. */
    signatories: Json<SealedField | null>;
    signed_at: Moment;
    changed_at: Moment;
    terminated_at: MaybeMoment;
    terminated_by: Side | null;
    termination_reason: string | null;
  };
  catalogue_agreement_versions: {
    agreement_id: string;
    version: number;
    event: 'signed' | 'amended' | 'renewed';
    scope: string;
    offer_kinds: CentreOfferKind[];
    start_date: string;
    end_date: string;
    payment: Json<Payment | null>;
    document_sha256: string;
    signatories: Json<SealedField | null>;
    recorded_at: Moment;
  };
  catalogue_offers: {
    offer_id: string;
    centre_id: string;
    partner_id: string | null;
    agreement_id: string | null;
    kind: CentreOfferKind;
    title: string;
    title_en: string | null;
    description: string;
    description_en: string | null;
    channels: OfferChannel[];
    municipality_code: string;
    place: string | null;
    link: string | null;
    capacity: number | null;
    suits: string | null;
    /** The partner's name, kept beside its offers for the search vector; null for the centre's own. */
    partner_name: string | null;
    status: 'published' | 'retired';
    published_at: Moment;
    revised_at: MaybeMoment;
    retired_at: MaybeMoment;
    version: Big;
    /** Danish: title (A), description and partner name (B), who it suits (C). */
    search: Generated;
    /** English: the English title (A) and description (B). */
    search_en: Generated;
  };
  catalogue_journey_offers: {
    stream_id: string;
    offer_id: string;
    catalogue_offer_id: string;
    participating: boolean;
  };
  catalogue_use: {
    catalogue_offer_id: string;
    participants: number;
  };
  catalogue_participations: {
    position: Big;
    catalogue_offer_id: string;
    change: 'started' | 'ended';
    occurred_at: Moment;
  };
}
