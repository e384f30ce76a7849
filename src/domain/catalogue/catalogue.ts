/**
 * An offer in the catalogue: the centre's own, or a partner's under a written agreement that
 * covers its kind. Citizens and staff find offers in the catalogue; a counsellor may make one to a
 * citizen (a journey offer referencing it), and the citizen alone answers. One stream per offer.
 *
 * "Who it suits" is free text for a citizen to read, never an eligibility rule: nothing here
 * keeps anyone out, and the words of coercion are refused in every text. A partner's offer is in
 * the catalogue only while its agreement is in force; when the agreement ends it leaves at once
 * and no new participation starts in it (the catalogue's read model and the journey's facts read
 * the agreement), while a participation already running may finish.
 *
 * The texts are about the offer, written by the centre or the partner: not personal data.
 */
import { match } from 'ts-pattern';
import type { CentreOfferKind } from '../journey/journey.js';
import type { DomainEvent } from '../shared/decider.js';

/** How an offer takes place. */
export const OFFER_CHANNELS = ['in_person', 'video', 'phone', 'chat'] as const;
export type OfferChannel = (typeof OFFER_CHANNELS)[number];

/** What an offer says about itself, in every version. */
export interface OfferContent {
  kind: CentreOfferKind;
  title: string;
  titleEn: string | null;
  description: string;
  descriptionEn: string | null;
  channels: OfferChannel[];
  municipalityCode: string;
  /** Where it takes place in person (an address or a room), if it does. */
  place: string | null;
  /** Where it takes place online, if it does: an https link. */
  link: string | null;
  /** How many can take part at once; null: no set limit. */
  capacity: number | null;
  /** Who it suits, in the publisher's words: a help to choose, never a condition. */
  suits: string | null;
}

type E<T extends string, D> = DomainEvent<T, D>;
/** `partnerId` and `agreementId` are null for the centre's own offer. */
export type CatalogueOfferPublished = E<'CatalogueOfferPublished', { offerId: string; centreId: string; partnerId: string | null; agreementId: string | null } & OfferContent>;
/** New content; a partner's offer may move to another agreement of the same partner and centre. */
export type CatalogueOfferRevised = E<'CatalogueOfferRevised', { offerId: string; agreementId: string | null } & OfferContent>;
export type CatalogueOfferRetired = E<'CatalogueOfferRetired', { offerId: string }>;
export type CatalogueEvent = CatalogueOfferPublished | CatalogueOfferRevised | CatalogueOfferRetired;

export const CATALOGUE_EVENT_SCHEMA_VERSIONS: Record<CatalogueEvent['type'], number> = {
  CatalogueOfferPublished: 1,
  CatalogueOfferRevised: 1,
  CatalogueOfferRetired: 1,
};

interface Details extends OfferContent {
  offerId: string;
  centreId: string;
  partnerId: string | null;
  agreementId: string | null;
}
export type CatalogueOffer = { status: 'none' } | ({ status: 'published' } & Details) | ({ status: 'retired' } & Details);
export type PublishedOffer = Extract<CatalogueOffer, { status: 'published' }>;

export const initialState: CatalogueOffer = { status: 'none' };

export function evolve(state: CatalogueOffer, event: CatalogueEvent): CatalogueOffer {
  return match(event)
    .with({ type: 'CatalogueOfferPublished' }, ({ data }): CatalogueOffer => ({ status: 'published', ...data }))
    .with({ type: 'CatalogueOfferRevised' }, ({ data }): CatalogueOffer => (state.status === 'published' ? { ...state, ...data } : state))
    .with({ type: 'CatalogueOfferRetired' }, (): CatalogueOffer => (state.status === 'published' ? { ...state, status: 'retired' } : state))
    .exhaustive();
}

export const catalogueOfferStreamId = (offerId: string) => `catalogue-offer-${offerId}`;
