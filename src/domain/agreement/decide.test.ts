import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { CoerciveWording, Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { type AgreementEvent, currentTerms, evolve, inForceOn, initialState } from './agreement.js';
import { agreementDecider as decider, type AmendAgreement, type RenewAgreement, type SignAgreement, type TerminateAgreement } from './decide.js';

const agreementId = '0190f5f0-0000-7000-8000-00000000a901';
const partnerId = 'p-1';
const centreId = 'c-1';
const now = '2027-03-01T09:00:00.000+01:00';
const staff: Principal = { id: 's-1', role: 'staff', centreId };
const partnerPerson: Principal = { id: 'pp-1', role: 'partner', partnerId };
const hash1 = 'a'.repeat(64);
const hash2 = 'b'.repeat(64);
const hash3 = 'c'.repeat(64);
const signatories = [
  { side: 'partner', name: 'Mette Holm', title: 'Formand' },
  { side: 'centre', name: 'Jens Jensen', title: null },
];

const sign = (change: Partial<SignAgreement['data']> = {}, principal: Principal = staff): SignAgreement => ({
  type: 'SignAgreement',
  now,
  principal,
  data: {
    agreementId,
    partnerId,
    centreId,
    partnerKnown: true,
    scope: 'Motion og fællesskab for borgere, der selv har lyst.',
    offerKinds: ['workshop', 'physical_activity_and_health', 'workshop'],
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    payment: null,
    documentSha256: hash1.toUpperCase(),
    signatories,
    ...change,
  },
});
const signed: AgreementEvent = {
  type: 'AgreementSigned',
  data: {
    agreementId,
    partnerId,
    centreId,
    version: 1,
    scope: 'Motion og fællesskab for borgere, der selv har lyst.',
    offerKinds: ['workshop', 'physical_activity_and_health'],
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    payment: null,
    documentSha256: hash1,
    signatories: [
      { side: 'partner', name: 'Mette Holm', title: 'Formand' },
      { side: 'centre', name: 'Jens Jensen', title: null },
    ],
  },
};
const amend = (change: Partial<AmendAgreement['data']> = {}, principal: Principal = staff): AmendAgreement => ({
  type: 'AmendAgreement',
  now,
  principal,
  data: { agreementId, scope: 'Motion, fællesskab og kontorfællesskab.', offerKinds: ['office_space'], endDate: '2027-12-31', payment: { amountOre: 250_000_00, basis: 'per_year' }, documentSha256: hash2, signatories, ...change },
});
const renew = (change: Partial<RenewAgreement['data']> = {}, principal: Principal = staff): RenewAgreement => ({
  type: 'RenewAgreement',
  now,
  principal,
  data: { agreementId, endDate: '2028-12-31', documentSha256: hash3, signatories, ...change },
});
const terminate = (by: string, principal: Principal = staff, reason: string | null = null): TerminateAgreement => ({ type: 'TerminateAgreement', now, principal, data: { agreementId, by, reason } });
const terminated: AgreementEvent = { type: 'AgreementTerminated', data: { agreementId, by: 'partner', reason: null } };

describe('signing an agreement', () => {
  it('records its terms, its kinds each once in the declared order, the document’s hash in lower case, and both sides’ signatories', () => {
    given(decider).when(sign()).then([signed]);
  });

  it('states a payment in øre when the agreement says so; partners are otherwise unpaid', () => {
    const paid = { amountOre: 1_200_000, basis: 'per_participant' };
    given(decider)
      .when(sign({ payment: paid }))
      .then([{ ...signed, data: { ...signed.data, payment: { amountOre: 1_200_000, basis: 'per_participant' } } } as AgreementEvent]);
    given(decider).when(sign({ payment: { amountOre: 0, basis: 'per_year' } })).thenError(InvalidValue, 'invalid_value', { field: 'payment.amountOre' });
    given(decider).when(sign({ payment: { amountOre: -5, basis: 'per_year' } })).thenError(InvalidValue, 'invalid_value', { field: 'payment.amountOre' });
    given(decider).when(sign({ payment: { amountOre: 10.5, basis: 'per_year' } })).thenError(InvalidValue, 'invalid_value', { field: 'payment.amountOre' });
    given(decider).when(sign({ payment: { amountOre: 100, basis: 'per_sanction' } })).thenError(InvalidValue, 'invalid_value', { field: 'payment.basis' });
  });

  it('needs signatories of both sides', () => {
    given(decider).when(sign({ signatories: [signatories[0]!] })).thenError(InvalidValue, 'invalid_value', { field: 'signatories' });
    given(decider).when(sign({ signatories: [{ side: 'mayor', name: 'X', title: null }, ...signatories] })).thenError(InvalidValue, 'invalid_value', { field: 'signatories.0.side' });
    given(decider).when(sign({ signatories: [{ ...signatories[0]!, name: ' ' }, signatories[1]!] })).thenError(InvalidValue, 'invalid_value', { field: 'signatories.0.name' });
  });

  it('refuses a hash that is not 64 hexadecimal digits, a period that ends before it starts or is already past, and no kind', () => {
    given(decider).when(sign({ documentSha256: 'abc' })).thenError(InvalidValue, 'invalid_value', { field: 'documentSha256' });
    given(decider).when(sign({ endDate: '2026-12-31' })).thenError(InvalidValue, 'invalid_value', { field: 'endDate' });
    given(decider).when(sign({ startDate: '2026-01-01', endDate: '2027-02-28' })).thenError(InvalidValue, 'invalid_value', { field: 'endDate' });
    given(decider).when(sign({ startDate: '1 januar' })).thenError(InvalidValue, 'invalid_value', { field: 'startDate' });
    given(decider).when(sign({ offerKinds: [] })).thenError(InvalidValue, 'invalid_value', { field: 'offerKinds' });
    given(decider).when(sign({ offerKinds: ['workshop', 'mandatory_activation'] })).thenError(InvalidValue, 'invalid_value', { field: 'offerKinds.1' });
  });

  it('refuses words of coercion in its scope', () => {
    given(decider).when(sign({ scope: 'Aktivering som betingelse for dagpenge' })).thenError(CoerciveWording);
  });

  it('needs the partner registered, and is for the centre’s staff (not the partner, not another centre)', () => {
    given(decider).when(sign({ partnerKnown: false })).thenError(NotFound, 'partner_not_found');
    given(decider).when(sign({}, partnerPerson)).thenError(Forbidden);
    given(decider).when(sign({}, { id: 's-2', role: 'staff', centreId: 'c-2' })).thenError(Forbidden);
    given(decider, [signed]).when(sign()).thenError(Conflict, 'agreement_exists');
  });
});

describe('in force', () => {
  const state = [signed].reduce(evolve, initialState);
  it('from its start date to its end date, both included', () => {
    expect(inForceOn(state, '2026-12-31')).toBe(false);
    expect(inForceOn(state, '2027-01-01')).toBe(true);
    expect(inForceOn(state, '2027-12-31')).toBe(true);
    expect(inForceOn(state, '2028-01-01')).toBe(false);
  });
  it('never once terminated', () => {
    expect(inForceOn([signed, terminated].reduce(evolve, initialState), '2027-06-01')).toBe(false);
  });
});

describe('amending and renewing', () => {
  it('amending makes a new version, and the old stays readable', () => {
    const amended: AgreementEvent = {
      type: 'AgreementAmended',
      data: { agreementId, version: 2, scope: 'Motion, fællesskab og kontorfællesskab.', offerKinds: ['office_space'], endDate: '2027-12-31', payment: { amountOre: 250_000_00, basis: 'per_year' }, documentSha256: hash2, signatories: signed.data.signatories },
    };
    given(decider, [signed]).when(amend()).then([amended]);
    const state = [signed, amended].reduce(evolve, initialState);
    if (state.status !== 'signed') throw new Error('signed');
    expect(state.versions.map((v) => [v.version, v.offerKinds, v.documentSha256])).toEqual([
      [1, ['workshop', 'physical_activity_and_health'], hash1],
      [2, ['office_space'], hash2],
    ]);
    expect(currentTerms(state).startDate).toBe('2027-01-01');
  });

  it('a new version is a newly signed document: the same hash again is refused', () => {
    given(decider, [signed]).when(amend({ documentSha256: hash1 })).thenError(InvalidValue, 'invalid_value', { field: 'documentSha256' });
    given(decider, [signed]).when(renew({ documentSha256: hash1 })).thenError(InvalidValue, 'invalid_value', { field: 'documentSha256' });
  });

  it('renewing extends the period with a new version; an end date not after the present one is refused', () => {
    given(decider, [signed])
      .when(renew())
      .then([{ type: 'AgreementRenewed', data: { agreementId, version: 2, endDate: '2028-12-31', documentSha256: hash3, signatories: signed.data.signatories } }]);
    given(decider, [signed]).when(renew({ endDate: '2027-12-31' })).thenError(InvalidValue, 'invalid_value', { field: 'endDate' });
  });

  it('renews an agreement whose period ran out, but not one terminated', () => {
    given(decider, [signed]).when({ ...renew(), now: '2028-02-01T10:00:00+01:00' }).then([{ type: 'AgreementRenewed', data: { agreementId, version: 2, endDate: '2028-12-31', documentSha256: hash3, signatories: signed.data.signatories } }]);
    given(decider, [signed, terminated]).when(renew()).thenError(Conflict, 'agreement_terminated');
    given(decider, [signed, terminated]).when(amend()).thenError(Conflict, 'agreement_terminated');
  });

  it('is for the centre’s staff', () => {
    given(decider, [signed]).when(amend({}, partnerPerson)).thenError(Forbidden);
    given(decider, [signed]).when(renew({}, { id: 's-2', role: 'staff', centreId: 'c-2' })).thenError(Forbidden);
    given(decider).when(renew()).thenError(NotFound, 'agreement_not_found');
  });
});

describe('terminating', () => {
  it('either side ends it at once: the partner’s people for the partner, the centre’s staff for either side', () => {
    given(decider, [signed]).when(terminate('partner', partnerPerson)).then([terminated]);
    given(decider, [signed]).when(terminate('centre', staff, ' Partneren er  lukket. ')).then([{ type: 'AgreementTerminated', data: { agreementId, by: 'centre', reason: 'Partneren er lukket.' } }]);
    given(decider, [signed]).when(terminate('partner', staff)).then([terminated]);
  });

  it('a partner may not terminate for the centre, nor another partner’s agreement', () => {
    given(decider, [signed]).when(terminate('centre', partnerPerson)).thenError(Forbidden);
    given(decider, [signed]).when(terminate('partner', { id: 'x', role: 'partner', partnerId: 'p-2' })).thenError(Forbidden);
    given(decider, [signed]).when(terminate('citizen', staff)).thenError(InvalidValue, 'invalid_value', { field: 'by' });
  });

  it('once: a terminated agreement is not terminated again, and one past its end date has nothing to end', () => {
    given(decider, [signed, terminated]).when(terminate('centre')).thenError(Conflict, 'agreement_terminated');
    given(decider, [signed]).when({ ...terminate('centre'), now: '2028-01-02T10:00:00+01:00' }).thenError(RuleViolation, 'agreement_ended');
  });
});

describe('signatories are personal data', () => {
  it('are declared personal, sealed under the agreement’s signatory key', () => {
    expect(decider.personal?.fields.AgreementSigned).toEqual(['signatories']);
    expect(decider.personal?.subjectOf(sign())).toBe(`agreement-signatories-${agreementId}`);
  });
});
