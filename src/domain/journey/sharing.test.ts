/**
 * Referral to a partner under the citizen's own data-sharing consent: what it shares, with whom,
 * until when; who may record it; its withdrawal; catalogue offers in journeys.
 */
import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { CoerciveWording, Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import type { CatalogueOfferFact, ReferToPartner } from './decide-sharing.js';
import { type JourneyCommand, journeyDecider } from './decide.js';
import type { JourneyEvent, OfferRef } from './journey.js';
import { sharingCovers } from './sharing.js';

const centreId = 'c0000000-0000-7000-8000-000000000001';
const citizenId = 'b0000000-0000-7000-8000-000000000001';
const partnerId = 'p0000000-0000-7000-8000-000000000001';
const catalogueOfferId = 'o0000000-0000-7000-8000-000000000001';
const citizen: Principal = { id: citizenId, role: 'citizen' };
const staff: Principal = { id: 's-1', role: 'staff', centreId };
const now = '2027-03-01T10:00:00.000Z';
const listed: CatalogueOfferFact = { catalogueOfferId, centreId, partnerId, kind: 'physical_activity_and_health', listed: true };

const cmd = <T extends JourneyCommand['type']>(type: T, data: Extract<JourneyCommand, { type: T }>['data'], principal: Principal = citizen, when = now) =>
  ({ type, data, principal, now: when, citizenId }) as Extract<JourneyCommand, { type: T }>;
const refer = (change: Partial<ReferToPartner['data']> = {}, principal: Principal = citizen, when = now) =>
  cmd(
    'ReferToPartner',
    {
      referralId: 'ref-1',
      sharingId: 'sh-1',
      receiptId: 'rc-1',
      partnerId,
      partnerKnown: true,
      purpose: 'referral_to_offer',
      catalogueOfferId,
      catalogueOffer: listed,
      fields: ['goals', 'contact', 'name', 'goals'],
      until: '2027-09-01',
      contact: ' 12 34 56 78 ',
      ...change,
    },
    principal,
    when,
  );

const started: JourneyEvent = { type: 'JourneyStarted', data: { journeyId: 'j1', citizenId, centreId, firstContact: 'phone', alias: 'Sara', startedBy: 'staff' } };
const bookedPhone: JourneyEvent = { type: 'SessionBooked', data: { sessionId: 'sess-1', staffId: 's-1', start: '2027-03-01T08:00:00.000Z', durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' } };
const heldPhone: JourneyEvent = {
  type: 'SessionHeld',
  data: { sessionId: 'sess-1', staffId: 's-1', channel: 'phone', heldAt: '2027-03-01T08:00:00.000Z', durationMinutes: 40, topics: [], informationGiven: null, nextSteps: null, notes: null },
};

const state = (events: JourneyEvent[]) => events.reduce(journeyDecider.evolve, journeyDecider.initialState);
const decided = (events: JourneyEvent[], command: JourneyCommand) => journeyDecider.decide(command, state(events));

describe('a referral under the citizen’s own data-sharing consent', () => {
  it('records the consent (partner, purpose, offer, fields once in declared order, until) with a receipt, and the referral sharing just those fields', () => {
    const [consent, referral] = decided([started], refer());
    expect(consent).toMatchObject({
      type: 'DataSharingConsentGiven',
      data: { sharingId: 'sh-1', partnerId, purpose: 'referral_to_offer', catalogueOfferId, fields: ['name', 'contact', 'goals'], until: '2027-09-01', consent: { method: 'self_service' } },
    });
    expect(consent).toMatchObject({ data: { receipt: { receiptId: 'rc-1', version: 'KI-CR-v1.1.0', timestamp: now, collectionMethod: 'self_service', controller: { centreId } } } });
    expect(referral).toEqual({ type: 'ReferralMade', data: { referralId: 'ref-1', sharingId: 'sh-1', partnerId, catalogueOfferId, shared: ['name', 'contact', 'goals'], contact: '12 34 56 78', message: null } });
  });

  it('keeps what the citizen typed for the partner only when they chose to share it', () => {
    given(journeyDecider, [started]).when(refer({ fields: ['goals'], contact: '12 34 56 78' })).thenError(InvalidValue, 'invalid_value', { field: 'contact' });
    given(journeyDecider, [started]).when(refer({ fields: ['contact'], contact: ' ' })).thenError(InvalidValue, 'invalid_value', { field: 'contact' });
    given(journeyDecider, [started]).when(refer({ fields: ['goals'], contact: undefined, message: 'Hej' })).thenError(InvalidValue, 'invalid_value', { field: 'message' });
    expect(decided([started], refer({ fields: ['message'], contact: undefined, message: 'Jeg glæder mig' }))[1]).toMatchObject({ data: { shared: ['message'], contact: null, message: 'Jeg glæder mig' } });
  });

  it('refuses undeclared fields, no field, an unknown purpose, and an until in the past or more than a year ahead', () => {
    given(journeyDecider, [started]).when(refer({ fields: ['goals', 'income'] })).thenError(InvalidValue, 'invalid_value', { field: 'fields.1' });
    given(journeyDecider, [started]).when(refer({ fields: [], contact: undefined })).thenError(InvalidValue, 'invalid_value', { field: 'fields' });
    given(journeyDecider, [started]).when(refer({ purpose: 'activation' })).thenError(InvalidValue, 'invalid_value', { field: 'purpose' });
    given(journeyDecider, [started]).when(refer({ until: '2027-02-28' })).thenError(InvalidValue, 'invalid_value', { field: 'until' });
    given(journeyDecider, [started]).when(refer({ until: '2028-03-03' })).thenError(InvalidValue, 'invalid_value', { field: 'until' });
    given(journeyDecider, [started]).when(refer({ until: 'snart' })).thenError(InvalidValue, 'invalid_value', { field: 'until' });
    // A day that does not exist is no date, not the day it would roll over to.
    given(journeyDecider, [started]).when(refer({ until: '2027-04-31' })).thenError(InvalidValue, 'invalid_value', { field: 'until' });
  });

  it('names a partner there is, and for an offer one of that partner in the catalogue now', () => {
    given(journeyDecider, [started]).when(refer({ partnerKnown: false })).thenError(NotFound, 'partner_not_found');
    given(journeyDecider, [started]).when(refer({ catalogueOffer: null })).thenError(NotFound, 'offer_not_found');
    given(journeyDecider, [started]).when(refer({ catalogueOffer: { ...listed, partnerId: 'another' } })).thenError(NotFound, 'offer_not_found');
    given(journeyDecider, [started]).when(refer({ catalogueOffer: { ...listed, listed: false } })).thenError(RuleViolation, 'offer_not_in_catalogue');
    given(journeyDecider, [started]).when(refer({ catalogueOffer: { ...listed, centreId: 'another-centre' } })).thenError(NotFound, 'offer_not_found');
    given(journeyDecider, [started]).when(refer({ catalogueOfferId: undefined })).thenError(InvalidValue, 'invalid_value', { field: 'catalogueOfferId' });
    expect(decided([started], refer({ purpose: 'introduction', catalogueOfferId: undefined, catalogueOffer: undefined, partnerCentres: [centreId] }))[0]).toMatchObject({ data: { purpose: 'introduction', catalogueOfferId: null } });
    // Beyond an offer in the catalogue, only a partner with an agreement in force with the citizen's centre.
    for (const partnerCentres of [undefined, [], ['another-centre']]) {
      given(journeyDecider, [started]).when(refer({ purpose: 'mentoring', catalogueOfferId: undefined, catalogueOffer: undefined, partnerCentres })).thenError(RuleViolation, 'partner_not_in_network');
    }
    given(journeyDecider, [started]).when(refer({ purpose: 'mentoring' })).thenError(InvalidValue, 'invalid_value', { field: 'catalogueOfferId' });
  });

  it('is the citizen’s own: not another citizen’s, a partner’s or an administrator’s', () => {
    for (const p of [{ id: 'other', role: 'citizen' }, { id: 'x', role: 'partner', partnerId }, { id: 'a', role: 'admin' }, { id: 's-9', role: 'staff', centreId: 'elsewhere' }] satisfies Principal[]) {
      given(journeyDecider, [started]).when(refer({}, p)).thenError(Forbidden);
    }
  });

  it('staff record it only from a conversation they held, soon after it, by a method that fits its channel', () => {
    given(journeyDecider, [started]).when(refer({}, staff)).thenError(RuleViolation, 'session_required');
    given(journeyDecider, [started, bookedPhone]).when(refer({ sessionId: 'sess-1' }, staff)).thenError(RuleViolation, 'session_not_held');
    given(journeyDecider, [started, bookedPhone, heldPhone]).when(refer({ sessionId: 'sess-1', method: 'signed_in_person' }, staff)).thenError(RuleViolation, 'method_does_not_fit_channel');
    given(journeyDecider, [started, bookedPhone, heldPhone]).when(refer({ sessionId: 'sess-1' }, { id: 's-2', role: 'staff', centreId })).thenError(Forbidden);
    given(journeyDecider, [started, bookedPhone, heldPhone]).when(refer({ sessionId: 'sess-1' }, staff, '2027-03-03T10:00:00.000Z')).thenError(RuleViolation, 'session_too_long_ago');
    const [consent] = decided([started, bookedPhone, heldPhone], refer({ sessionId: 'sess-1' }, staff));
    expect(consent).toMatchObject({ data: { consent: { method: 'verbal_in_session', staffId: 's-1', sessionId: 'sess-1' }, receipt: { timestamp: '2027-03-01T08:00:00.000Z' } } });
  });

  it('staff-written text for the partner is checked for the words of coercion; the citizen’s own is theirs', () => {
    given(journeyDecider, [started, bookedPhone, heldPhone]).when(refer({ sessionId: 'sess-1', fields: ['message'], contact: undefined, message: 'Borgeren er forpligtet til at møde op' }, staff)).thenError(CoerciveWording);
    expect(decided([started], refer({ fields: ['message'], contact: undefined, message: 'Jeg er ikke forpligtet til noget' }))).toHaveLength(2);
  });

  it('is on record once: the same referral or consent id again is a conflict', () => {
    const events = decided([started], refer());
    given(journeyDecider, [started, ...events]).when(refer()).thenError(Conflict, 'referral_exists');
  });
});

describe('withdrawing a data-sharing consent', () => {
  const given0 = () => [started, ...decided([started], refer())];

  it('is the citizen’s at any time, takes effect at once, and then covers nothing', () => {
    const events = given0();
    const [withdrawn] = decided(events, cmd('WithdrawDataSharing', { sharingId: 'sh-1' }));
    expect(withdrawn).toEqual({ type: 'DataSharingConsentWithdrawn', data: { sharingId: 'sh-1', consent: { method: 'self_service' }, at: now } });
    const after = state([...events, withdrawn!]);
    if (after.status !== 'open') throw new Error('open');
    expect(sharingCovers(after.sharings['sh-1']!, 'goals', '2027-03-01')).toBe(false);
    given(journeyDecider, [...events, withdrawn!]).when(cmd('WithdrawDataSharing', { sharingId: 'sh-1' })).thenError(Conflict, 'sharing_withdrawn');
  });

  it('also once the journey is closed, by the citizen only', () => {
    const events = [...given0(), { type: 'JourneyClosed', data: { journeyId: 'j1' } } as JourneyEvent];
    expect(decided(events, cmd('WithdrawDataSharing', { sharingId: 'sh-1' }))).toEqual([{ type: 'DataSharingConsentWithdrawn', data: { sharingId: 'sh-1', consent: { method: 'self_service' }, at: now } }]);
    given(journeyDecider, events).when(cmd('WithdrawDataSharing', { sharingId: 'sh-1' }, staff)).thenError(Conflict, 'journey_closed');
  });

  it('covers a field only until its date: the day after, nothing', () => {
    const s = state(given0());
    if (s.status !== 'open') throw new Error('open');
    expect(sharingCovers(s.sharings['sh-1']!, 'goals', '2027-09-01')).toBe(true);
    expect(sharingCovers(s.sharings['sh-1']!, 'goals', '2027-09-02')).toBe(false);
    expect(sharingCovers(s.sharings['sh-1']!, 'message', '2027-03-01')).toBe(false);
  });

  it('the citizen’s own withdrawal stands: staff cannot record a new consent from a conversation that began before it', () => {
    const events = [started, bookedPhone, heldPhone, ...decided([started], refer({}, citizen, '2027-03-01T07:00:00.000Z'))];
    const [withdrawn] = decided(events, cmd('WithdrawDataSharing', { sharingId: 'sh-1' }, citizen, '2027-03-01T09:30:00.000Z'));
    given(journeyDecider, [...events, withdrawn!])
      .when(refer({ referralId: 'ref-2', sharingId: 'sh-2', receiptId: 'rc-2', sessionId: 'sess-1' }, staff))
      .thenError(RuleViolation, 'citizen_answered_since');
  });

  it('given at an earlier centre, it is the citizen’s to withdraw: staff of the centre they are with now find no such consent', () => {
    const otherCentre = 'c0000000-0000-7000-8000-000000000002';
    const there: Principal = { id: 's-2', role: 'staff', centreId: otherCentre };
    const moved: JourneyEvent[] = [
      ...given0(),
      { type: 'JourneyClosed', data: { journeyId: 'j1' } },
      { type: 'JourneyStarted', data: { journeyId: 'j2', citizenId, centreId: otherCentre, firstContact: 'phone', alias: null, startedBy: 'staff' } },
      { ...bookedPhone, data: { ...bookedPhone.data, sessionId: 'sess-2', staffId: 's-2' } } as JourneyEvent,
      { ...heldPhone, data: { ...heldPhone.data, sessionId: 'sess-2', staffId: 's-2' } } as JourneyEvent,
    ];
    given(journeyDecider, moved)
      .when(cmd('WithdrawDataSharing', { sharingId: 'sh-1', method: 'verbal_in_session', sessionId: 'sess-2' }, there, '2027-03-01T09:00:00.000Z'))
      .thenError(NotFound, 'sharing_not_found', { sharingId: 'sh-1' });
    expect(decided(moved, cmd('WithdrawDataSharing', { sharingId: 'sh-1' }))).toMatchObject([{ type: 'DataSharingConsentWithdrawn', data: { sharingId: 'sh-1' } }]);
  });

  it('an unknown consent is not found; staff withdraw only as told in a conversation they held', () => {
    given(journeyDecider, given0()).when(cmd('WithdrawDataSharing', { sharingId: 'nope' })).thenError(NotFound, 'sharing_not_found');
    given(journeyDecider, given0()).when(cmd('WithdrawDataSharing', { sharingId: 'sh-1' }, staff)).thenError(RuleViolation, 'session_required');
  });
});

describe('catalogue offers in a journey', () => {
  const partnerOffer: OfferRef = { source: 'partner', partnerId, catalogueOfferId };
  const make = (fact: CatalogueOfferFact | null, offer: OfferRef = partnerOffer) => cmd('MakeOffer', { offerId: 'offer-1', offer, information: 'Løb for alle', catalogueOffer: fact }, staff);

  it('a counsellor makes a partner’s offer from the catalogue of the citizen’s centre, while it is listed; a partner’s offer always names its catalogue offer', () => {
    expect(decided([started], make(listed))).toMatchObject([{ type: 'OfferMade', data: { offer: partnerOffer } }]);
    given(journeyDecider, [started]).when(make({ ...listed, centreId: 'another-centre' })).thenError(NotFound, 'catalogue_offer_not_found');
    given(journeyDecider, [started]).when(make(listed, { source: 'partner', partnerId } as unknown as OfferRef)).thenError(InvalidValue, 'invalid_value', { field: 'offer.catalogueOfferId' });
    given(journeyDecider, [started]).when(make({ ...listed, listed: false })).thenError(RuleViolation, 'offer_not_in_catalogue');
    given(journeyDecider, [started]).when(make(null)).thenError(NotFound, 'catalogue_offer_not_found');
    given(journeyDecider, [started]).when(make({ ...listed, partnerId: 'another' })).thenError(NotFound, 'catalogue_offer_not_found');
  });

  it('the centre’s own catalogue offer is of the kind it names', () => {
    const own: OfferRef = { source: 'centre', kind: 'workshop', catalogueOfferId };
    expect(decided([started], make({ ...listed, partnerId: null, kind: 'workshop' }, own))).toHaveLength(1);
    given(journeyDecider, [started]).when(make({ ...listed, partnerId: null, kind: 'coaching' }, own)).thenError(NotFound, 'catalogue_offer_not_found');
  });

  it('no new participation starts in an offer no longer in the catalogue; one running may finish', () => {
    const made = decided([started], make(listed));
    const consent = decided([started, ...made], cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'rc-9' }));
    const history = [started, ...made, ...consent];
    given(journeyDecider, history).when(cmd('StartParticipation', { offerId: 'offer-1', catalogueListed: false })).thenError(RuleViolation, 'offer_not_in_catalogue');
    given(journeyDecider, history).when(cmd('StartParticipation', { offerId: 'offer-1' })).thenError(RuleViolation, 'offer_not_in_catalogue');
    const startedPart = decided(history, cmd('StartParticipation', { offerId: 'offer-1', catalogueListed: true }));
    expect(startedPart).toEqual([{ type: 'ParticipationStarted', data: { offerId: 'offer-1' } }]);
    // Its agreement ended meanwhile: the citizen still leaves, or it completes, as any other.
    expect(decided([...history, ...startedPart], cmd('EndParticipation', { offerId: 'offer-1' }))).toEqual([{ type: 'ParticipationEnded', data: { offerId: 'offer-1', because: 'citizen_left' } }]);
  });
});
