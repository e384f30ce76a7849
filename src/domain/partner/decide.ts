import { match } from 'ts-pattern';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { authoriseForCentre, noCoercion, tidyText } from '../shared/checks.js';
import { Conflict, Forbidden, InvalidValue, NotFound } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import {
  evolve,
  initialState,
  isCvr,
  type Partner,
  PARTNER_EVENT_SCHEMA_VERSIONS,
  PARTNER_KINDS,
  PARTNER_PERSONAL_FIELDS,
  type PartnerContact,
  partnerContactSubject,
  type PartnerEvent,
  type PartnerKind,
  partnerStreamId,
} from './partner.js';

type Cmd<T extends string, D> = CommandEnvelope & { type: T; data: D & { partnerId: string } };
/** Lists and codes arrive as the edge received them (strings); the decider keeps only declared values. */
export type RegisterPartner = Cmd<'RegisterPartner', { centreId: string; kind: string; name: string; cvr: string | null; contact: PartnerContact }>;
export type ChangePartnerDetails = Cmd<'ChangePartnerDetails', { kind: string; name: string; cvr: string | null }>;
export type ChangePartnerContact = Cmd<'ChangePartnerContact', { contact: PartnerContact }>;
export type PartnerCommand = RegisterPartner | ChangePartnerDetails | ChangePartnerContact;

export const NAME_MAX = 200;
export const CONTACT_NAME_MAX = 200;
export const EMAIL_MAX = 254;
export const PHONE_MAX = 30;

export function decide(command: PartnerCommand, state: Partner): PartnerEvent[] {
  return match(command)
    .with({ type: 'RegisterPartner' }, (c) => register(c, state))
    .with({ type: 'ChangePartnerDetails' }, (c) => changeDetails(c, registered(state, c.data.partnerId)))
    .with({ type: 'ChangePartnerContact' }, (c) => changeContact(c, registered(state, c.data.partnerId)))
    .exhaustive();
}

function register(c: RegisterPartner, state: Partner): PartnerEvent[] {
  authoriseForCentre(c.principal, c.data.centreId, ['staff']);
  if (state.status !== 'none') throw new Conflict('partner_exists', 'the partner is registered', { partnerId: c.data.partnerId });
  const details = checkDetails(c.data);
  const contact = checkContact(c.data.contact);
  return [{ type: 'PartnerRegistered', data: { partnerId: c.data.partnerId, centreId: c.data.centreId, ...details, ...contact } }];
}

function changeDetails(c: ChangePartnerDetails, partner: Registered): PartnerEvent[] {
  mayChange(c.principal, partner);
  const details = checkDetails(c.data);
  if (details.kind === partner.kind && details.name === partner.name && details.cvr === partner.cvr) return [];
  return [{ type: 'PartnerDetailsChanged', data: { partnerId: partner.partnerId, ...details } }];
}

function changeContact(c: ChangePartnerContact, partner: Registered): PartnerEvent[] {
  mayChange(c.principal, partner);
  return [{ type: 'PartnerContactChanged', data: { partnerId: partner.partnerId, ...checkContact(c.data.contact) } }];
}

type Registered = Extract<Partner, { status: 'registered' }>;

function registered(state: Partner, partnerId: string): Registered {
  if (state.status === 'none') throw new NotFound('partner_not_found', 'no such partner', { partnerId });
  return state;
}

/** The partner's own people, the staff of the centre that registered it, and administrators. */
function mayChange(principal: Principal, partner: Registered): void {
  if (principal.role === 'partner') {
    if (principal.partnerId !== partner.partnerId) throw new Forbidden('this is another partner’s', { partnerId: partner.partnerId });
    return;
  }
  authoriseForCentre(principal, partner.centreId, ['staff']);
}

function checkDetails(data: { kind: string; name: string; cvr: string | null }): { kind: PartnerKind; name: string; cvr: string | null } {
  if (!(PARTNER_KINDS as readonly string[]).includes(data.kind)) throw new InvalidValue('kind', `one of ${PARTNER_KINDS.join(', ')}`);
  const name = noCoercion('name', tidyText(data.name, 'name', NAME_MAX));
  let cvr: string | null = null;
  if (data.cvr !== null) {
    cvr = data.cvr.replace(/\s/g, '');
    if (!/^\d{8}$/.test(cvr)) throw new InvalidValue('cvr', 'a CVR number has 8 digits');
    if (!isCvr(cvr)) throw new InvalidValue('cvr', 'not a valid CVR number (its modulus-11 check fails)');
  }
  return { kind: data.kind as PartnerKind, name, cvr };
}

function checkContact(contact: PartnerContact): { contactName: string; contactEmail: string | null; contactPhone: string | null } {
  const contactName = tidyText(contact.name, 'contact.name', CONTACT_NAME_MAX, 'a partner has a contact person');
  let contactEmail: string | null = null;
  if (contact.email !== null && contact.email.trim() !== '') {
    contactEmail = contact.email.trim();
    if (contactEmail.length > EMAIL_MAX || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contactEmail)) throw new InvalidValue('contact.email', 'an e-mail address such as navn@eksempel.dk');
  }
  let contactPhone: string | null = null;
  if (contact.phone !== null && contact.phone.trim() !== '') {
    contactPhone = contact.phone.trim().replace(/\s+/g, ' ');
    if (contactPhone.length > PHONE_MAX || !/^\+?[\d ()-]{6,}$/.test(contactPhone)) throw new InvalidValue('contact.phone', 'a phone number: digits, spaces, and + ( ) -');
  }
  return { contactName, contactEmail, contactPhone };
}

export const partnerDecider: Decider<Partner, PartnerCommand, PartnerEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => partnerStreamId(command.data.partnerId),
  schemaVersions: PARTNER_EVENT_SCHEMA_VERSIONS,
  centreOf: (state, command) => (state.status === 'registered' ? state.centreId : command.type === 'RegisterPartner' ? command.data.centreId : undefined),
  personal: { fields: PARTNER_PERSONAL_FIELDS, subjectOf: (command) => partnerContactSubject(command.data.partnerId) },
};
