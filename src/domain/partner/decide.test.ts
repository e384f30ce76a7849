import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { CoerciveWording, Conflict, Forbidden, InvalidValue, NotFound } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { type ChangePartnerContact, type ChangePartnerDetails, partnerDecider, type RegisterPartner } from './decide.js';
import { isCvr, type PartnerEvent } from './partner.js';

const partnerId = '0190f5f0-0000-7000-8000-00000000b001';
const centreId = 'c-1';
const now = '2027-03-01T09:00:00.000+01:00';
const staff: Principal = { id: 's-1', role: 'staff', centreId };
const ownPeople: Principal = { id: 'p-1', role: 'partner', partnerId };
const contact = { name: 'Mette Holm', email: 'mette@fitness.dk', phone: '+45 12 34 56 78' };

const register = (change: Partial<RegisterPartner['data']> = {}, principal: Principal = staff): RegisterPartner => ({
  type: 'RegisterPartner',
  now,
  principal,
  data: { partnerId, centreId, kind: 'sports_club', name: ' Fitness  Fyn ', cvr: '2918 9897', contact, ...change },
});
const details = (change: Partial<ChangePartnerDetails['data']> = {}, principal: Principal = ownPeople): ChangePartnerDetails => ({
  type: 'ChangePartnerDetails',
  now,
  principal,
  data: { partnerId, kind: 'sports_club', name: 'Fitness Fyn', cvr: '29189897', ...change },
});
const contactChange = (principal: Principal, change: Partial<typeof contact> = {}): ChangePartnerContact => ({ type: 'ChangePartnerContact', now, principal, data: { partnerId, contact: { ...contact, ...change } } });

const registered: PartnerEvent = {
  type: 'PartnerRegistered',
  data: { partnerId, centreId, kind: 'sports_club', name: 'Fitness Fyn', cvr: '29189897', contactName: 'Mette Holm', contactEmail: 'mette@fitness.dk', contactPhone: '+45 12 34 56 78' },
};

describe('the CVR number’s modulus-11 check', () => {
  it('accepts registered numbers and refuses one digit changed, a leading 0 and other lengths', () => {
    for (const cvr of ['10103940', '29189897', '25313763', '55133018']) expect(isCvr(cvr), cvr).toBe(true);
    for (const cvr of ['10103941', '29189898', '01234567', '1010394', '101039400', '2918989a']) expect(isCvr(cvr), cvr).toBe(false);
  });
});

describe('registering a partner', () => {
  it('records its kind, name tidied, CVR without spaces and its contact person', () => {
    given(partnerDecider).when(register()).then([registered]);
  });

  it('takes a partner without a CVR number, and a contact without e-mail or phone', () => {
    given(partnerDecider)
      .when(register({ cvr: null, kind: 'volunteer_organisation', contact: { name: 'Ole', email: '', phone: null } }))
      .then([{ type: 'PartnerRegistered', data: { ...registered.data, kind: 'volunteer_organisation', cvr: null, contactName: 'Ole', contactEmail: null, contactPhone: null } }]);
  });

  it('refuses a CVR number that fails the modulus-11 check, or is not 8 digits, naming the field', () => {
    given(partnerDecider).when(register({ cvr: '29189898' })).thenError(InvalidValue, 'invalid_value', { field: 'cvr' });
    given(partnerDecider).when(register({ cvr: '123' })).thenError(InvalidValue, 'invalid_value', { field: 'cvr' });
  });

  it('refuses an undeclared kind, an empty name, a contact without a name and a malformed e-mail', () => {
    given(partnerDecider).when(register({ kind: 'jobcenter_enforcement' })).thenError(InvalidValue, 'invalid_value', { field: 'kind' });
    given(partnerDecider).when(register({ name: '  ' })).thenError(InvalidValue, 'invalid_value', { field: 'name' });
    given(partnerDecider).when(register({ contact: { ...contact, name: '' } })).thenError(InvalidValue, 'invalid_value', { field: 'contact.name' });
    given(partnerDecider).when(register({ contact: { ...contact, email: 'mette at fitness' } })).thenError(InvalidValue, 'invalid_value', { field: 'contact.email' });
    given(partnerDecider).when(register({ contact: { ...contact, phone: 'ring mig' } })).thenError(InvalidValue, 'invalid_value', { field: 'contact.phone' });
  });

  it('refuses words of coercion in the name', () => {
    given(partnerDecider).when(register({ name: 'Sanktionskontoret' })).thenError(CoerciveWording);
  });

  it('is for the centre’s staff and administrators; not for partners, other centres’ staff or citizens', () => {
    given(partnerDecider).when(register({}, { id: 'a', role: 'admin' })).then([registered]);
    for (const principal of [ownPeople, { id: 's-2', role: 'staff', centreId: 'c-2' }, { id: 'c', role: 'citizen' }] satisfies Principal[]) {
      given(partnerDecider).when(register({}, principal)).thenError(Forbidden);
    }
  });

  it('refuses to register the same partner twice', () => {
    given(partnerDecider, [registered]).when(register()).thenError(Conflict, 'partner_exists');
  });
});

describe('changing a partner', () => {
  it('lets the partner’s own people change the details, and records nothing when nothing changed', () => {
    given(partnerDecider, [registered])
      .when(details({ name: 'Fitness Fyn ApS' }))
      .then([{ type: 'PartnerDetailsChanged', data: { partnerId, kind: 'sports_club', name: 'Fitness Fyn ApS', cvr: '29189897' } }]);
    given(partnerDecider, [registered]).when(details()).thenNothing();
  });

  it('refuses another partner’s people, and staff of another centre', () => {
    given(partnerDecider, [registered]).when(details({}, { id: 'p-9', role: 'partner', partnerId: 'another' })).thenError(Forbidden);
    given(partnerDecider, [registered]).when(details({}, { id: 'p-9', role: 'partner' })).thenError(Forbidden);
    given(partnerDecider, [registered]).when(details({}, { id: 's-2', role: 'staff', centreId: 'c-2' })).thenError(Forbidden);
  });

  it('changes the contact person, by the partner or the centre’s staff', () => {
    const changed: PartnerEvent = { type: 'PartnerContactChanged', data: { partnerId, contactName: 'Jonas Berg', contactEmail: 'mette@fitness.dk', contactPhone: '+45 12 34 56 78' } };
    given(partnerDecider, [registered]).when(contactChange(ownPeople, { name: 'Jonas Berg' })).then([changed]);
    given(partnerDecider, [registered]).when(contactChange(staff, { name: 'Jonas Berg' })).then([changed]);
  });

  it('refuses a change to a partner never registered', () => {
    given(partnerDecider).when(details()).thenError(NotFound, 'partner_not_found');
  });
});

describe('the partner’s contact person is personal data', () => {
  it('is declared personal in the events that carry it, sealed under the partner’s contact key', () => {
    expect(partnerDecider.personal?.fields.PartnerRegistered).toEqual(['contactName', 'contactEmail', 'contactPhone']);
    expect(partnerDecider.personal?.fields.PartnerContactChanged).toEqual(['contactName', 'contactEmail', 'contactPhone']);
    expect(partnerDecider.personal?.subjectOf(register())).toBe(`partner-contact-${partnerId}`);
  });
});
