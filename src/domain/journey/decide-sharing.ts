/**
 * The journey's decisions about sharing data with partners (src/domain/journey/sharing.ts): a
 * referral under the citizen's own data-sharing consent, and its withdrawal.
 */
import type { CommandEnvelope } from '../shared/decider.js';
import { isDate, noCoercion, own } from '../shared/checks.js';
import { Conflict, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { type ConsentMethod, type JourneyEvent, METHODS_FOR_CHANNEL, type StaffConsentMethod } from './journey.js';
import { CONTACT_MAX, localDate, MESSAGE_MAX, SHARED_FIELDS, type SharedField, SHARING_LONGEST_DAYS, SHARING_PURPOSES, type SharingPurpose, type SharingState, sharingReceipt } from './sharing.js';
import { citizenOnly, heldSession, type Opened, staffOnly } from './who.js';

type C<T extends string, D> = CommandEnvelope & { type: T; citizenId: string; data: D };

/** A catalogue offer as its stream and its agreement stand on the command's date, looked up at the edge. */
export interface CatalogueOfferFact {
  catalogueOfferId: string;
  /** The centre whose catalogue it is in. */
  centreId: string;
  /** Null for the centre's own offer. */
  partnerId: string | null;
  kind: string;
  /** In the catalogue now: published, not retired, and (a partner's) under an agreement in force. */
  listed: boolean;
}

/**
 * The citizen agrees to be referred to a partner and to share the chosen fields with it until a
 * date; staff may record that from a conversation they held, in a way that fits its channel.
 * `partnerKnown` and `catalogueOffer` are facts from the partner's and the offer's streams.
 */
export type ReferToPartner = C<
  'ReferToPartner',
  {
    referralId: string;
    sharingId: string;
    receiptId: string;
    partnerId: string;
    partnerKnown: boolean;
    /** The centres the partner has an agreement in force with now (a fact): only a partner in the centre's network receives data. */
    partnerCentres?: readonly string[];
    purpose: string;
    catalogueOfferId?: string;
    catalogueOffer?: CatalogueOfferFact | null;
    fields: readonly string[];
    until: string;
    contact?: string;
    message?: string;
    method?: StaffConsentMethod;
    sessionId?: string;
  }
>;
export type WithdrawDataSharing = C<'WithdrawDataSharing', { sharingId: string; method?: StaffConsentMethod; sessionId?: string }>;

/** A counsellor writes down what was agreed in a conversation only this soon after it ended. */
export const SHARING_IN_SESSION_WITHIN_HOURS = 24;
const DAY = 24 * 3600 * 1000;

export function referToPartner(command: ReferToPartner, journey: Opened): JourneyEvent[] {
  const d = command.data;
  const { consent, at } = sharingAnswerBy(command.principal, journey, d.partnerId, command, d.method);
  if (journey.sharings[d.sharingId] || journey.referrals.includes(d.referralId)) throw new Conflict('referral_exists', 'this referral is already on record', { referralId: d.referralId });
  if (!d.partnerKnown) throw new NotFound('partner_not_found', 'no such partner', { partnerId: d.partnerId });
  if (!(SHARING_PURPOSES as readonly string[]).includes(d.purpose)) throw new InvalidValue('purpose', `one of ${SHARING_PURPOSES.join(', ')}`);
  const purpose = d.purpose as SharingPurpose;
  const catalogueOfferId = offerOf(purpose, d.partnerId, journey.centreId, d.catalogueOfferId, d.catalogueOffer ?? null);
  // Beyond a listed offer (whose agreement is in force by being listed): only a partner with an
  // agreement in force with the citizen's centre; a partner registered somewhere is not enough.
  if (purpose !== 'referral_to_offer' && !(d.partnerCentres ?? []).includes(journey.centreId)) {
    throw new RuleViolation('partner_not_in_network', 'the partner has no agreement in force with the citizen’s centre', { partnerId: d.partnerId });
  }
  const fields = fieldsOf(d.fields);
  const until = untilOf(d.until, localDate(command.now));
  // What the citizen types for the partner is stored only when they chose to share it.
  const contact = typedFor('contact', d.contact, fields, CONTACT_MAX, consent);
  const message = typedFor('message', d.message, fields, MESSAGE_MAX, consent);
  const receipt = sharingReceipt({ receiptId: d.receiptId, at, consent, centreId: journey.centreId, partnerId: d.partnerId, purpose, fields, until });
  return [
    { type: 'DataSharingConsentGiven', data: { sharingId: d.sharingId, partnerId: d.partnerId, purpose, catalogueOfferId, fields, until, consent, receipt } },
    { type: 'ReferralMade', data: { referralId: d.referralId, sharingId: d.sharingId, partnerId: d.partnerId, catalogueOfferId, shared: fields, contact, message } },
  ];
}

/** Withdrawn at any time, by the citizen or recorded from a conversation: the partner sees nothing more. */
export function withdrawSharing(command: WithdrawDataSharing, journey: Opened): JourneyEvent[] {
  const sharing = sharingInForce(journey, command.data.sharingId);
  // A consent given at an earlier centre is not this centre's to record a withdrawal of (the
  // citizen withdraws it themselves, at any time); not found, as staff here do not see it.
  if (command.principal.role !== 'citizen' && sharing.centreId !== journey.centreId) {
    throw new NotFound('sharing_not_found', 'no such data-sharing consent at this centre', { sharingId: command.data.sharingId });
  }
  const by = sharingAnswerBy(command.principal, journey, sharing.partnerId, command, command.data.method);
  return [{ type: 'DataSharingConsentWithdrawn', data: { sharingId: command.data.sharingId, ...by } }];
}

/** On a closed journey only the citizen withdraws, themselves: nobody holds a conversation in it. */
export function withdrawSharingAfterClosing(command: WithdrawDataSharing, journey: Pick<Opened, 'sharings'>): JourneyEvent[] {
  sharingInForce(journey, command.data.sharingId);
  return [{ type: 'DataSharingConsentWithdrawn', data: { sharingId: command.data.sharingId, consent: { method: 'self_service' }, at: command.now } }];
}

function sharingInForce(journey: Pick<Opened, 'sharings'>, sharingId: string): SharingState {
  const sharing = own(journey.sharings, sharingId);
  if (!sharing) throw new NotFound('sharing_not_found', 'no such data-sharing consent', { sharingId });
  if (sharing.withdrawn) throw new Conflict('sharing_withdrawn', 'this data-sharing consent is already withdrawn', { sharingId });
  return sharing;
}

/**
 * The citizen's own answer (now), or one staff record from a conversation they held, soon after
 * it, in a way that fits its channel. The citizen's own latest word about sharing with this
 * partner stands: staff never record from a conversation that came before it.
 */
function sharingAnswerBy(
  p: Principal,
  journey: Opened,
  partnerId: string,
  command: { now: string; data: { sessionId?: string } },
  method: StaffConsentMethod | undefined,
): { consent: ConsentMethod; at: string } {
  if (p.role === 'citizen') {
    citizenOnly(p, journey);
    return { consent: { method: 'self_service' }, at: command.now };
  }
  staffOnly(p, journey);
  const session = heldSession(journey, command.data.sessionId, p);
  const fits = METHODS_FOR_CHANNEL[session.channel];
  const chosen = method ?? fits[fits.length - 1]!;
  if (!fits.includes(chosen)) throw new RuleViolation('method_does_not_fit_channel', `a ${chosen.replace(/_/g, ' ')} answer does not fit a conversation by ${session.channel.replace(/_/g, ' ')}`, { sessionId: session.sessionId });
  const ended = Date.parse(session.heldAt) + session.heldMinutes * 60_000;
  if (Date.parse(command.now) > ended + SHARING_IN_SESSION_WITHIN_HOURS * 3600_000) {
    throw new RuleViolation('session_too_long_ago', `what was agreed in a conversation is recorded within ${SHARING_IN_SESSION_WITHIN_HOURS} hours of its end; the citizen may give it themselves at any time`, { sessionId: session.sessionId });
  }
  const ownWord = own(journey.ownSharingAt, partnerId);
  if (ownWord !== undefined && Date.parse(ownWord) >= Date.parse(session.start)) {
    throw new RuleViolation('citizen_answered_since', 'the citizen answered about sharing with this partner themselves after that conversation; their own latest word stands', { sessionId: session.sessionId });
  }
  return { consent: { method: chosen, staffId: p.id, sessionId: session.sessionId }, at: session.heldAt };
}

/** A referral to an offer names one in the catalogue now, of that partner; other purposes name none. */
function offerOf(purpose: SharingPurpose, partnerId: string, centreId: string, catalogueOfferId: string | undefined, fact: CatalogueOfferFact | null): string | null {
  if (purpose !== 'referral_to_offer') {
    if (catalogueOfferId !== undefined) throw new InvalidValue('catalogueOfferId', 'only a referral to an offer names an offer');
    return null;
  }
  if (catalogueOfferId === undefined) throw new InvalidValue('catalogueOfferId', 'a referral to an offer names the offer');
  if (!fact || fact.catalogueOfferId !== catalogueOfferId || fact.partnerId !== partnerId || fact.centreId !== centreId) {
    throw new NotFound('offer_not_found', 'no such offer of this partner in the catalogue of the citizen’s centre', { catalogueOfferId });
  }
  if (!fact.listed) throw new RuleViolation('offer_not_in_catalogue', 'the offer is not in the catalogue now (retired, or its agreement is not in force)', { catalogueOfferId });
  return catalogueOfferId;
}

/** The fields to share: declared ones, each once, in the declared order; at least one. */
function fieldsOf(values: readonly string[]): SharedField[] {
  for (const [i, value] of values.entries()) {
    if (!(SHARED_FIELDS as readonly string[]).includes(value)) throw new InvalidValue(`fields.${i}`, `one of ${SHARED_FIELDS.join(', ')}`);
  }
  const fields = SHARED_FIELDS.filter((f) => values.includes(f));
  if (fields.length === 0) throw new InvalidValue('fields', 'choose at least one thing to share');
  return fields;
}

/** The last date the consent covers: from today, and at most a year ahead (the citizen may give it again). */
function untilOf(until: string, today: string): string {
  if (!isDate(until)) throw new InvalidValue('until', 'a date YYYY-MM-DD');
  if (until < today) throw new InvalidValue('until', 'must not be in the past');
  if (Date.parse(`${until}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`) > SHARING_LONGEST_DAYS * DAY) throw new InvalidValue('until', `at most ${SHARING_LONGEST_DAYS} days ahead`);
  return until;
}

/** Text for the partner: given exactly when its field is shared. Staff-written text is checked for the words of coercion. */
function typedFor(field: 'contact' | 'message', raw: string | undefined, fields: readonly SharedField[], max: number, consent: ConsentMethod): string | null {
  const text = raw?.trim() ?? '';
  if (!fields.includes(field)) {
    if (text !== '') throw new InvalidValue(field, `shared only when you choose to share your ${field}`);
    return null;
  }
  if (text === '') throw new InvalidValue(field, field === 'contact' ? 'write how the partner may reach you' : 'write your message to the partner');
  if (text.length > max) throw new InvalidValue(field, `at most ${max} characters`);
  if (consent.method !== 'self_service') noCoercion(field, text);
  return text;
}
