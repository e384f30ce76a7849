/**
 * A partner (medspiller) of a centre: a business, an NGO, a volunteer organisation, a union, a
 * sports club, a school or college, a health service, the municipality, an unemployment fund or a
 * health house. Partners take part by written agreement (src/domain/agreement) and publish offers
 * in the catalogue (src/domain/offer). One stream per partner.
 *
 * The partner's name is an organisation's name, in the clear. Its contact person is personal data:
 * name, e-mail and phone are sealed under the partner's contact key (`partnerContactSubject`), so
 * that erasing a contact person erases them and nothing else.
 */
import { match } from 'ts-pattern';
import type { DomainEvent } from '../shared/decider.js';

export const PARTNER_KINDS = [
  'business',
  'ngo',
  'volunteer_organisation',
  'union',
  'sports_club',
  'school_or_college',
  'health_service',
  'municipality',
  'unemployment_fund',
  'health_house',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/**
 * Whether `cvr` is a Danish CVR number: 8 digits, the first not 0, whose digits weighted
 * 2, 7, 6, 5, 4, 3, 2, 1 sum to a multiple of 11 (the modulus-11 check of the CVR register).
 */
export function isCvr(cvr: string): boolean {
  if (!/^[1-9]\d{7}$/.test(cvr)) return false;
  const weights = [2, 7, 6, 5, 4, 3, 2, 1];
  const sum = weights.reduce((total, w, i) => total + w * Number(cvr[i]), 0);
  return sum % 11 === 0;
}

/** The partner's contact person, as typed: personal data, sealed in the events. */
export interface PartnerContact {
  name: string;
  email: string | null;
  phone: string | null;
}

type E<T extends string, D> = DomainEvent<T, D>;
/** `centreId`: the centre that registered the partner; agreements may be signed with any centre. */
export type PartnerRegistered = E<
  'PartnerRegistered',
  { partnerId: string; centreId: string; kind: PartnerKind; name: string; cvr: string | null; contactName: string; contactEmail: string | null; contactPhone: string | null }
>;
export type PartnerDetailsChanged = E<'PartnerDetailsChanged', { partnerId: string; kind: PartnerKind; name: string; cvr: string | null }>;
export type PartnerContactChanged = E<'PartnerContactChanged', { partnerId: string; contactName: string; contactEmail: string | null; contactPhone: string | null }>;
export type PartnerEvent = PartnerRegistered | PartnerDetailsChanged | PartnerContactChanged;

export const PARTNER_EVENT_SCHEMA_VERSIONS: Record<PartnerEvent['type'], number> = {
  PartnerRegistered: 1,
  PartnerDetailsChanged: 1,
  PartnerContactChanged: 1,
};

/** The personal fields of each event: the contact person's. */
export const PARTNER_PERSONAL_FIELDS: Record<PartnerEvent['type'], readonly string[]> = {
  PartnerRegistered: ['contactName', 'contactEmail', 'contactPhone'],
  PartnerDetailsChanged: [],
  PartnerContactChanged: ['contactName', 'contactEmail', 'contactPhone'],
};

export type Partner = { status: 'none' } | { status: 'registered'; partnerId: string; centreId: string; kind: PartnerKind; name: string; cvr: string | null };

export const initialState: Partner = { status: 'none' };

export function evolve(state: Partner, event: PartnerEvent): Partner {
  return match(event)
    .with({ type: 'PartnerRegistered' }, ({ data }): Partner => ({ status: 'registered', partnerId: data.partnerId, centreId: data.centreId, kind: data.kind, name: data.name, cvr: data.cvr }))
    .with({ type: 'PartnerDetailsChanged' }, ({ data }): Partner => (state.status === 'registered' ? { ...state, kind: data.kind, name: data.name, cvr: data.cvr } : state))
    // The contact person is not part of the state decisions are made on.
    .with({ type: 'PartnerContactChanged' }, (): Partner => state)
    .exhaustive();
}

export const partnerStreamId = (partnerId: string) => `partner-${partnerId}`;
/** The data subject whose key seals a partner's contact person. */
export const partnerContactSubject = (partnerId: string) => `partner-contact-${partnerId}`;
