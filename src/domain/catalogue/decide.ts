import { match } from 'ts-pattern';
import { municipalityByCode } from '../centre/municipalities.js';
import { CENTRE_OFFER_KINDS, type CentreOfferKind } from '../journey/journey.js';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { authoriseForCentre, httpsLink, noCoercion, tidyText } from '../shared/checks.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import {
  CATALOGUE_EVENT_SCHEMA_VERSIONS,
  type CatalogueEvent,
  type CatalogueOffer,
  catalogueOfferStreamId,
  evolve,
  initialState,
  OFFER_CHANNELS,
  type OfferChannel,
  type OfferContent,
  type PublishedOffer,
} from './catalogue.js';

/**
 * The agreement an offer names, as its stream holds it, looked up at the edge: whose it is, the
 * kinds it covers, and where it stands on the command's date.
 */
export interface AgreementFact {
  agreementId: string;
  partnerId: string;
  centreId: string;
  offerKinds: readonly string[];
  standing: 'in_force' | 'not_yet' | 'ended';
}

/** What an offer says, as the edge received it: codes and lists as strings. */
export interface OfferInput {
  kind: string;
  title: string;
  titleEn: string | null;
  description: string;
  descriptionEn: string | null;
  channels: readonly string[];
  municipalityCode: string;
  place: string | null;
  link: string | null;
  capacity: number | null;
  suits: string | null;
}

type Cmd<T extends string, D> = CommandEnvelope & { type: T; data: D & { offerId: string } };
/** `agreement`: the fact for `agreementId` (null when none is named, or none was found). */
export type PublishCatalogueOffer = Cmd<'PublishCatalogueOffer', { centreId: string; partnerId: string | null; agreementId: string | null; agreement: AgreementFact | null; content: OfferInput }>;
export type ReviseCatalogueOffer = Cmd<'ReviseCatalogueOffer', { agreementId: string | null; agreement: AgreementFact | null; content: OfferInput }>;
export type RetireCatalogueOffer = Cmd<'RetireCatalogueOffer', Record<never, never>>;
export type CatalogueCommand = PublishCatalogueOffer | ReviseCatalogueOffer | RetireCatalogueOffer;

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 4000;
export const SUITS_MAX = 1000;
export const PLACE_MAX = 300;
export const LINK_MAX = 2000;
export const CAPACITY_MAX = 100_000;

export function decide(command: CatalogueCommand, state: CatalogueOffer): CatalogueEvent[] {
  return match(command)
    .with({ type: 'PublishCatalogueOffer' }, (c) => publish(c, state))
    .with({ type: 'ReviseCatalogueOffer' }, (c) => revise(c, published(state, c.data.offerId)))
    .with({ type: 'RetireCatalogueOffer' }, (c) => retire(c, published(state, c.data.offerId)))
    .exhaustive();
}

function publish(c: PublishCatalogueOffer, state: CatalogueOffer): CatalogueEvent[] {
  const { offerId, centreId, partnerId } = c.data;
  mayPublish(c.principal, centreId, partnerId);
  if (state.status !== 'none') throw new Conflict('offer_exists', 'the offer is published', { offerId });
  const content = contentOf(c.data.content);
  const agreementId = covered(partnerId, centreId, c.data.agreementId, c.data.agreement, content.kind);
  return [{ type: 'CatalogueOfferPublished', data: { offerId, centreId, partnerId, agreementId, ...content } }];
}

function revise(c: ReviseCatalogueOffer, offer: PublishedOffer): CatalogueEvent[] {
  mayPublish(c.principal, offer.centreId, offer.partnerId);
  const content = contentOf(c.data.content);
  const agreementId = covered(offer.partnerId, offer.centreId, c.data.agreementId, c.data.agreement, content.kind);
  return [{ type: 'CatalogueOfferRevised', data: { offerId: offer.offerId, agreementId, ...content } }];
}

function retire(c: RetireCatalogueOffer, offer: PublishedOffer): CatalogueEvent[] {
  mayPublish(c.principal, offer.centreId, offer.partnerId);
  return [{ type: 'CatalogueOfferRetired', data: { offerId: offer.offerId } }];
}

function published(state: CatalogueOffer, offerId: string): PublishedOffer {
  if (state.status === 'none') throw new NotFound('offer_not_found', 'no such offer in the catalogue', { offerId });
  if (state.status === 'retired') throw new Conflict('offer_retired', 'the offer was retired; publish a new one', { offerId });
  return state;
}

/**
 * A partner's own people publish and change their partner's offers; the centre's staff their
 * centre's own offers and, for a partner without sign-in, the partner's. Administrators anywhere.
 */
function mayPublish(principal: Principal, centreId: string, partnerId: string | null): void {
  if (principal.role === 'partner') {
    if (partnerId === null || principal.partnerId !== partnerId) throw new Forbidden('a partner publishes only the partner’s own offers', { partnerId });
    return;
  }
  authoriseForCentre(principal, centreId, ['staff']);
}

/**
 * The agreement a partner's offer needs: named, of this partner and centre, covering the offer's
 * kind, and not ended (an agreement that starts later may carry offers, which show from its start).
 * The centre's own offer names none.
 */
function covered(partnerId: string | null, centreId: string, agreementId: string | null, fact: AgreementFact | null, kind: CentreOfferKind): string | null {
  if (partnerId === null) {
    if (agreementId !== null) throw new InvalidValue('agreementId', 'the centre’s own offer names no partner agreement');
    return null;
  }
  if (agreementId === null) throw new InvalidValue('agreementId', 'a partner’s offer names the agreement that covers it');
  if (!fact || fact.agreementId !== agreementId || fact.partnerId !== partnerId || fact.centreId !== centreId) {
    throw new NotFound('agreement_not_found', 'no agreement of this partner with this centre by that id', { agreementId });
  }
  if (fact.standing === 'ended') throw new RuleViolation('agreement_ended', 'the agreement has ended or was terminated: it covers no new offer', { agreementId });
  if (!fact.offerKinds.includes(kind)) throw new RuleViolation('kind_not_covered', 'the agreement does not cover offers of this kind', { agreementId, kind });
  return agreementId;
}

const optionalText = (raw: string | null, field: string, max: number) => (raw === null || raw.trim() === '' ? null : noCoercion(field, tidyText(raw, field, max)));

function contentOf(input: OfferInput): OfferContent {
  if (!(CENTRE_OFFER_KINDS as readonly string[]).includes(input.kind)) throw new InvalidValue('content.kind', 'not a declared kind of offer');
  for (const [i, ch] of input.channels.entries()) {
    if (!(OFFER_CHANNELS as readonly string[]).includes(ch)) throw new InvalidValue(`content.channels.${i}`, `one of ${OFFER_CHANNELS.join(', ')}`);
  }
  const channels = OFFER_CHANNELS.filter((ch) => input.channels.includes(ch));
  if (channels.length === 0) throw new InvalidValue('content.channels', 'at least one way the offer takes place');
  if (!municipalityByCode(input.municipalityCode)) throw new InvalidValue('content.municipalityCode', 'the three-digit code of a Danish municipality');
  const place = optionalText(input.place, 'content.place', PLACE_MAX);
  if (channels.includes('in_person') && place === null) throw new InvalidValue('content.place', 'an offer in person says where');
  const link = input.link === null || input.link.trim() === '' ? null : httpsLink(input.link, 'content.link', LINK_MAX).href;
  if (input.capacity !== null && (!Number.isSafeInteger(input.capacity) || input.capacity < 1 || input.capacity > CAPACITY_MAX)) {
    throw new InvalidValue('content.capacity', `a whole number from 1 to ${CAPACITY_MAX}, or none`);
  }
  return {
    kind: input.kind as CentreOfferKind,
    title: noCoercion('content.title', tidyText(input.title, 'content.title', TITLE_MAX, 'an offer has a title')),
    titleEn: optionalText(input.titleEn, 'content.titleEn', TITLE_MAX),
    description: noCoercion('content.description', tidyText(input.description, 'content.description', DESCRIPTION_MAX, 'an offer says what it is')),
    descriptionEn: optionalText(input.descriptionEn, 'content.descriptionEn', DESCRIPTION_MAX),
    channels: channels as OfferChannel[],
    municipalityCode: input.municipalityCode,
    place,
    link,
    capacity: input.capacity,
    suits: optionalText(input.suits, 'content.suits', SUITS_MAX),
  };
}



export const catalogueDecider: Decider<CatalogueOffer, CatalogueCommand, CatalogueEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => catalogueOfferStreamId(command.data.offerId),
  schemaVersions: CATALOGUE_EVENT_SCHEMA_VERSIONS,
  centreOf: (state, command) => (state.status !== 'none' ? state.centreId : command.type === 'PublishCatalogueOffer' ? command.data.centreId : undefined),
};
