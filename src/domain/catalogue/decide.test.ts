import { describe, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { CoerciveWording, Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import type { CatalogueEvent } from './catalogue.js';
import { type AgreementFact, catalogueDecider as decider, type OfferInput, type PublishCatalogueOffer, type RetireCatalogueOffer, type ReviseCatalogueOffer } from './decide.js';

const offerId = '0190f5f0-0000-7000-8000-00000000c001';
const agreementId = 'ag-1';
const partnerId = 'p-1';
const centreId = 'c-1';
const now = '2027-03-01T09:00:00.000+01:00';
const staff: Principal = { id: 's-1', role: 'staff', centreId };
const partnerPerson: Principal = { id: 'pp-1', role: 'partner', partnerId };
const fact: AgreementFact = { agreementId, partnerId, centreId, offerKinds: ['workshop', 'physical_activity_and_health'], standing: 'in_force' };
const content: OfferInput = {
  kind: 'physical_activity_and_health',
  title: ' Løb  for alle ',
  titleEn: null,
  description: 'Vi løber sammen i Fælledparken, i dit eget tempo.',
  descriptionEn: 'We run together in Fælledparken, at your own pace.',
  channels: ['in_person', 'video', 'in_person'],
  municipalityCode: '101',
  place: 'Fælledparken, ved Pavillonen',
  link: null,
  capacity: 20,
  suits: 'Dig, der gerne vil i gang med at bevæge dig.',
};
const shown = {
  kind: 'physical_activity_and_health' as const,
  title: 'Løb for alle',
  titleEn: null,
  description: 'Vi løber sammen i Fælledparken, i dit eget tempo.',
  descriptionEn: 'We run together in Fælledparken, at your own pace.',
  channels: ['in_person' as const, 'video' as const],
  municipalityCode: '101',
  place: 'Fælledparken, ved Pavillonen',
  link: null,
  capacity: 20,
  suits: 'Dig, der gerne vil i gang med at bevæge dig.',
};

const publish = (change: Partial<PublishCatalogueOffer['data']> = {}, principal: Principal = partnerPerson): PublishCatalogueOffer => ({
  type: 'PublishCatalogueOffer',
  now,
  principal,
  data: { offerId, centreId, partnerId, agreementId, agreement: fact, content, ...change },
});
const withContent = (change: Partial<OfferInput>) => publish({ content: { ...content, ...change } });
const revise = (change: Partial<ReviseCatalogueOffer['data']> = {}, principal: Principal = partnerPerson): ReviseCatalogueOffer => ({
  type: 'ReviseCatalogueOffer',
  now,
  principal,
  data: { offerId, agreementId, agreement: fact, content: { ...content, capacity: 25 }, ...change },
});
const retire = (principal: Principal = partnerPerson): RetireCatalogueOffer => ({ type: 'RetireCatalogueOffer', now, principal, data: { offerId } });
const published: CatalogueEvent = { type: 'CatalogueOfferPublished', data: { offerId, centreId, partnerId, agreementId, ...shown } };

describe('publishing a partner’s offer', () => {
  it('records its texts tidied and its channels each once in the declared order', () => {
    given(decider).when(publish()).then([published]);
  });

  it('needs an agreement of this partner with this centre that covers its kind and has not ended', () => {
    given(decider).when(publish({ agreementId: null, agreement: null })).thenError(InvalidValue, 'invalid_value', { field: 'agreementId' });
    given(decider).when(publish({ agreement: null })).thenError(NotFound, 'agreement_not_found');
    given(decider).when(publish({ agreement: { ...fact, partnerId: 'p-2' } })).thenError(NotFound, 'agreement_not_found');
    given(decider).when(publish({ agreement: { ...fact, centreId: 'c-2' } })).thenError(NotFound, 'agreement_not_found');
    given(decider).when(publish({ agreement: { ...fact, standing: 'ended' } })).thenError(RuleViolation, 'agreement_ended');
    given(decider).when(publish({ agreement: { ...fact, offerKinds: ['workshop'] } })).thenError(RuleViolation, 'kind_not_covered');
  });

  it('may be published under an agreement that starts later (it shows from the agreement’s start)', () => {
    given(decider).when(publish({ agreement: { ...fact, standing: 'not_yet' } })).then([published]);
  });

  it('is for the partner’s own people, or the centre’s staff on the partner’s behalf; not another partner', () => {
    given(decider).when(publish({}, staff)).then([published]);
    given(decider).when(publish({}, { id: 'x', role: 'partner', partnerId: 'p-2' })).thenError(Forbidden);
    given(decider).when(publish({}, { id: 'c', role: 'citizen' })).thenError(Forbidden);
    given(decider).when(publish({}, { id: 's-2', role: 'staff', centreId: 'c-2' })).thenError(Forbidden);
  });
});

describe('the centre’s own offer', () => {
  it('names no partner and no agreement, and is published by the centre’s staff only', () => {
    const own = publish({ partnerId: null, agreementId: null, agreement: null }, staff);
    given(decider).when(own).then([{ type: 'CatalogueOfferPublished', data: { offerId, centreId, partnerId: null, agreementId: null, ...shown } }]);
    given(decider).when({ ...own, principal: partnerPerson }).thenError(Forbidden);
    given(decider).when({ ...own, data: { ...own.data, agreementId } }).thenError(InvalidValue, 'invalid_value', { field: 'agreementId' });
  });
});

describe('what an offer says', () => {
  it('refuses undeclared kinds and channels, no channel, an unknown municipality and in person without a place', () => {
    given(decider).when(withContent({ kind: 'mandatory_activation' })).thenError(InvalidValue, 'invalid_value', { field: 'content.kind' });
    given(decider).when(withContent({ channels: ['in_person', 'letter'] })).thenError(InvalidValue, 'invalid_value', { field: 'content.channels.1' });
    given(decider).when(withContent({ channels: [] })).thenError(InvalidValue, 'invalid_value', { field: 'content.channels' });
    given(decider).when(withContent({ municipalityCode: '999' })).thenError(InvalidValue, 'invalid_value', { field: 'content.municipalityCode' });
    given(decider).when(withContent({ place: ' ' })).thenError(InvalidValue, 'invalid_value', { field: 'content.place' });
  });

  it('takes an https link only', () => {
    given(decider)
      .when(withContent({ channels: ['video'], place: null, link: 'https://møde.example.dk/løb' }))
      .then([{ type: 'CatalogueOfferPublished', data: { offerId, centreId, partnerId, agreementId, ...shown, channels: ['video'], place: null, link: 'https://xn--mde-0na.example.dk/l%C3%B8b' } }]);
    given(decider).when(withContent({ link: 'http://example.dk' })).thenError(InvalidValue, 'invalid_value', { field: 'content.link' });
    given(decider).when(withContent({ link: 'javascript:alert(1)' })).thenError(InvalidValue, 'invalid_value', { field: 'content.link' });
    given(decider).when(withContent({ link: 'https://kommune.example.dk/obligatorisk-kursus' })).thenError(CoerciveWording);
  });

  it('refuses a capacity that is not a whole number from 1, and takes none', () => {
    for (const capacity of [0, -1, 2.5, 1_000_000]) given(decider).when(withContent({ capacity })).thenError(InvalidValue, 'invalid_value', { field: 'content.capacity' });
    given(decider).when(withContent({ capacity: null })).then([{ type: 'CatalogueOfferPublished', data: { offerId, centreId, partnerId, agreementId, ...shown, capacity: null } }]);
  });

  it('“who it suits” is never a condition: words of coercion are refused there as in every text', () => {
    given(decider).when(withContent({ suits: 'Kun for dig, der er forpligtet til at deltage' })).thenError(CoerciveWording);
    given(decider).when(withContent({ suits: 'Det er et krav for at modtage ydelse' })).thenError(CoerciveWording);
    given(decider).when(withContent({ title: 'Obligatorisk løb' })).thenError(CoerciveWording);
    given(decider).when(withContent({ descriptionEn: 'Attendance is mandatory.' })).thenError(CoerciveWording);
  });
});

describe('revising and retiring', () => {
  it('revises the content, checking the agreement again', () => {
    given(decider, [published])
      .when(revise())
      .then([{ type: 'CatalogueOfferRevised', data: { offerId, agreementId, ...shown, capacity: 25 } }]);
    given(decider, [published]).when(revise({ agreement: { ...fact, standing: 'ended' } })).thenError(RuleViolation, 'agreement_ended');
  });

  it('retires once; a retired offer changes no more', () => {
    const retired: CatalogueEvent = { type: 'CatalogueOfferRetired', data: { offerId } };
    given(decider, [published]).when(retire()).then([retired]);
    given(decider, [published, retired]).when(retire()).thenError(Conflict, 'offer_retired');
    given(decider, [published, retired]).when(revise()).thenError(Conflict, 'offer_retired');
    given(decider).when(retire()).thenError(NotFound, 'offer_not_found');
    given(decider, [published]).when(retire({ id: 'x', role: 'partner', partnerId: 'p-2' })).thenError(Forbidden);
  });

  it('refuses publishing the same offer twice', () => {
    given(decider, [published]).when(publish()).thenError(Conflict, 'offer_exists');
  });
});
