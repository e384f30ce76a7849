/**
 * Check 6 for real: every data share with a partner is covered by the citizen's consent. Forged
 * logs, inserted by SQL around the application, are caught by position; an honest history of the
 * same shape passes. Check 2 catches a sharing consent staff wrote without a conversation, or after
 * the citizen's own later word, and a group, activity or track entry made for someone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';
import { forger, SEALED } from './support/forged-log.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
const centreId = newId();
const partnerId = newId();
const offerId = newId();
const staff = { id: 'counsellor-1', role: 'staff' };
const DAY = 24 * 3600 * 1000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
/** The Danish local date `days` after today's (the verifier reckons a consent's date from it). */
const localDateIn = (days: number) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
};
const { force, report, violations, at } = forger(() => t, centreId);

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const receipt = (method: string) => ({
  receiptId: newId(),
  version: 'KI-CR-v1.1.0',
  timestamp: new Date().toISOString(),
  jurisdiction: 'DK',
  collectionMethod: method,
  controller: { name: 'Virkelyst', centreId },
  purpose: 'Sharing with a partner',
  dataCategories: ['your goals, in your own words'],
  howToWithdraw: 'At any time on Mine sider.',
});

async function journey() {
  const citizenId = newId();
  const stream = `journey-${citizenId}`;
  const citizen = { id: citizenId, role: 'citizen' };
  await force(stream, 'JourneyStarted', { journeyId: newId(), citizenId, centreId, firstContact: 'self_service', alias: null, startedBy: 'citizen' }, citizen);
  return { citizenId, stream, citizen };
}

/** The citizen's own consent to share `fields` with the partner for the offer, until `until`. */
async function consent(j: Awaited<ReturnType<typeof journey>>, fields: string[], until = dateIn(90), sharingId = newId()) {
  const position = await force(
    j.stream,
    'DataSharingConsentGiven',
    { sharingId, partnerId, purpose: 'referral_to_offer', catalogueOfferId: offerId, fields, until, consent: { method: 'self_service' }, receipt: receipt('self_service') },
    j.citizen,
  );
  return { sharingId, position };
}
const referral = (j: Awaited<ReturnType<typeof journey>>, sharingId: string, shared: string[], change: object = {}) =>
  force(j.stream, 'ReferralMade', { referralId: newId(), sharingId, partnerId, catalogueOfferId: offerId, shared, contact: shared.includes('contact') ? SEALED : null, message: null, ...change }, j.citizen);

describe('check 6: every share is covered by the citizen’s consent', () => {
  it('an honest referral, and a withdrawal after it, pass checks 2, 6 and 7; the check examined them', async () => {
    const j = await journey();
    const given = await consent(j, ['name', 'contact', 'goals']);
    const shared = await referral(j, given.sharingId, ['contact', 'goals']);
    const withdrawn = await force(j.stream, 'DataSharingConsentWithdrawn', { sharingId: given.sharingId, consent: { method: 'self_service' }, at: new Date().toISOString() }, j.citizen);
    for (const check of [2, 6, 7]) {
      const found = (await violations(check)).filter((x) => x.position !== null && [given.position, shared, withdrawn].includes(x.position));
      expect(found, `check ${check}`).toEqual([]);
    }
    expect((await report()).checks.find((c) => c.id === 6)!.examined).toBeGreaterThan(0);
  });

  it('a share under no consent at all, or under another journey’s consent', async () => {
    const j = await journey();
    const other = await journey();
    const theirs = await consent(other, ['goals']);
    const none = await referral(j, newId(), ['goals']);
    const borrowed = await referral(j, theirs.sharingId, ['goals']);
    for (const position of [none, borrowed]) expect(await at(6, position)).toEqual([expect.objectContaining({ reason: 'data shared with a partner under no consent this journey’s log holds' })]);
  });

  it('a share of a field the consent does not name, or what the citizen wrote sent along without its field', async () => {
    const j = await journey();
    const given = await consent(j, ['goals']);
    const beyond = await referral(j, given.sharingId, ['goals', 'contact']);
    const smuggled = await referral(j, given.sharingId, ['goals'], { message: SEALED });
    expect(await at(6, beyond)).toEqual([expect.objectContaining({ reason: 'data shared beyond what the consent names: contact' })]);
    expect(await at(6, smuggled)).toEqual([expect.objectContaining({ reason: 'message sent along without being among the fields shared' })]);
  });

  it('a share with another partner, or for another offer, than the consent names', async () => {
    const j = await journey();
    const given = await consent(j, ['goals']);
    const otherPartner = await referral(j, given.sharingId, ['goals'], { partnerId: newId() });
    const otherOffer = await referral(j, given.sharingId, ['goals'], { catalogueOfferId: newId() });
    expect(await at(6, otherPartner)).toEqual([expect.objectContaining({ reason: 'data shared with another partner than the consent names' })]);
    expect(await at(6, otherOffer)).toEqual([expect.objectContaining({ reason: 'data shared for another offer than the consent names' })]);
  });

  it('a share after the consent was withdrawn, or after the date it runs to', async () => {
    const j = await journey();
    const given = await consent(j, ['goals']);
    await force(j.stream, 'DataSharingConsentWithdrawn', { sharingId: given.sharingId, consent: { method: 'self_service' }, at: new Date().toISOString() }, j.citizen);
    const afterWithdrawal = await referral(j, given.sharingId, ['goals']);
    const lapsed = await consent(j, ['goals'], dateIn(-2));
    const afterDate = await referral(j, lapsed.sharingId, ['goals']);
    expect(await at(6, afterWithdrawal)).toEqual([expect.objectContaining({ reason: 'data shared after the consent was withdrawn' })]);
    expect(await at(6, afterDate)).toEqual([expect.objectContaining({ reason: 'data shared after the date the consent runs to' })]);
  });
});

describe('check 2: a consent to share is the citizen’s own', () => {
  it('staff wrote one with no conversation held, or from a conversation before the citizen’s own withdrawal', async () => {
    const j = await journey();
    const sessionId = newId();
    await force(j.stream, 'SessionBooked', { sessionId, staffId: staff.id, start: hoursAgo(6), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen);
    await force(j.stream, 'SessionHeld', { sessionId, staffId: staff.id, channel: 'phone', heldAt: hoursAgo(6), durationMinutes: 40, topics: [], informationGiven: null, nextSteps: null, notes: null }, staff);
    const fromNothing = await force(
      j.stream,
      'DataSharingConsentGiven',
      { sharingId: newId(), partnerId, purpose: 'introduction', catalogueOfferId: null, fields: ['goals'], until: dateIn(30), consent: { method: 'self_service' }, receipt: receipt('self_service') },
      staff,
    );
    const own = await consent(j, ['goals']);
    await force(j.stream, 'DataSharingConsentWithdrawn', { sharingId: own.sharingId, consent: { method: 'self_service' }, at: new Date().toISOString() }, j.citizen);
    const overruled = await force(
      j.stream,
      'DataSharingConsentGiven',
      {
        sharingId: newId(),
        partnerId,
        purpose: 'referral_to_offer',
        catalogueOfferId: offerId,
        fields: ['goals'],
        until: dateIn(30),
        consent: { method: 'verbal_in_session', staffId: staff.id, sessionId },
        receipt: receipt('verbal_in_session'),
      },
      staff,
    );
    expect(await at(2, fromNothing)).toEqual([expect.objectContaining({ reason: expect.stringContaining('neither by the citizen nor recorded by the staff member') })]);
    expect(await at(2, overruled)).toEqual([expect.objectContaining({ reason: expect.stringContaining('before the citizen’s own later word about sharing') })]);
  });

  it('nobody joins a group, takes a place at an activity or writes on the track for someone else', async () => {
    const citizenId = newId();
    const citizen = { id: citizenId, role: 'citizen' };
    const groupId = newId();
    const activityId = newId();
    const ownJoin = await force(`group-${groupId}`, 'GroupJoined', { groupId, citizenId }, citizen);
    const addedByStaff = await force(`group-${groupId}`, 'GroupJoined', { groupId, citizenId: newId() }, staff);
    const removedByStaff = await force(`group-${groupId}`, 'GroupLeft', { groupId, citizenId }, staff);
    const placeTaken = await force(`activity-${activityId}`, 'ActivityRegistered', { activityId, citizenId }, { id: newId(), role: 'citizen' });
    const ownTrack = await force(`venture-${citizenId}`, 'TrackJoined', { citizenId, centreId, businessIdea: null, at: new Date().toISOString() }, citizen);
    const trackByStaff = await force(`venture-${citizenId}`, 'SurvivalReported', { years: 1, running: false, startedOn: '2025-01-01', at: new Date().toISOString() }, staff);
    expect(await at(2, ownJoin)).toEqual([]);
    expect(await at(2, ownTrack)).toEqual([]);
    for (const position of [addedByStaff, removedByStaff, placeTaken, trackByStaff]) expect(await at(2, position), `position ${position}`).toHaveLength(1);
  });
});

/** A conversation booked by the citizen and held by counsellor-1 six hours ago, by phone. */
async function heldConversation(j: Awaited<ReturnType<typeof journey>>) {
  const sessionId = newId();
  await force(j.stream, 'SessionBooked', { sessionId, staffId: staff.id, start: hoursAgo(6), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen);
  await force(j.stream, 'SessionHeld', { sessionId, staffId: staff.id, channel: 'phone', heldAt: hoursAgo(6), durationMinutes: 40, topics: [], informationGiven: null, nextSteps: null, notes: null }, staff);
  return sessionId;
}
/** A data-sharing consent as staff record it from that conversation; `change` alters its data. */
const staffConsent = (j: Awaited<ReturnType<typeof journey>>, sessionId: string, change: object = {}, sharingId = newId()) =>
  force(
    j.stream,
    'DataSharingConsentGiven',
    {
      sharingId,
      partnerId,
      purpose: 'referral_to_offer',
      catalogueOfferId: offerId,
      fields: ['goals'],
      until: dateIn(30),
      consent: { method: 'verbal_in_session', staffId: staff.id, sessionId },
      receipt: receipt('verbal_in_session'),
      ...change,
    },
    staff,
  );
const reasonsAt = async (check: number, position: number) => (await at(check, position)).map((x) => x.reason).sort();

describe('check 2: a consent to share staff record says how it was given, as its receipt does', () => {
  it('an honest staff-recorded consent and the referral the same counsellor made with it pass checks 2, 6 and 7', async () => {
    const j = await journey();
    const sessionId = await heldConversation(j);
    const sharingId = newId();
    const commandId = newId();
    const given = await force(
      j.stream,
      'DataSharingConsentGiven',
      {
        sharingId,
        partnerId,
        purpose: 'referral_to_offer',
        catalogueOfferId: offerId,
        fields: ['goals'],
        until: localDateIn(366),
        consent: { method: 'verbal_in_session', staffId: staff.id, sessionId },
        receipt: receipt('verbal_in_session'),
      },
      staff,
      { commandId },
    );
    const referred = await force(j.stream, 'ReferralMade', { referralId: newId(), sharingId, partnerId, catalogueOfferId: offerId, shared: ['goals'], contact: null, message: null }, staff, { commandId });
    for (const check of [2, 6, 7]) for (const position of [given, referred]) expect(await at(check, position), `check ${check} at ${position}`).toEqual([]);
  });

  it('staff record one without a method, or with a receipt saying it was given otherwise', async () => {
    const j = await journey();
    const sessionId = await heldConversation(j);
    const noMethod = await staffConsent(j, sessionId, { consent: { staffId: staff.id, sessionId } });
    expect(await reasonsAt(2, noMethod)).toEqual([
      'DataSharingConsentGiven recorded by staff without saying how the citizen gave it (no method)',
      'DataSharingConsentGiven whose receipt says it was given verbal_in_session, and its consent in no stated way',
    ]);
    const otherwise = await staffConsent(j, sessionId, { receipt: receipt('self_service') });
    expect(await reasonsAt(2, otherwise)).toEqual(['DataSharingConsentGiven whose receipt says it was given self_service, and its consent verbal_in_session']);
    const noReceipt = await staffConsent(j, sessionId, { receipt: null });
    expect(await reasonsAt(2, noReceipt)).toEqual(['DataSharingConsentGiven whose receipt says it was given in no stated way, and its consent verbal_in_session']);
    // A withdrawal staff record says how, too.
    const own = await consent(j, ['goals']);
    const withdrawn = await force(j.stream, 'DataSharingConsentWithdrawn', { sharingId: own.sharingId, consent: { method: null, staffId: staff.id, sessionId }, at: hoursAgo(6) }, staff);
    expect(await reasonsAt(2, withdrawn)).toContain('DataSharingConsentWithdrawn recorded by staff without saying how the citizen gave it (no method)');
  });
});

describe('check 2 and 6: who refers, and nothing after an erasure', () => {
  it('a referral made by a partner, by another citizen, or by staff under a consent they did not record', async () => {
    const j = await journey();
    const given = await consent(j, ['goals']);
    const own = await referral(j, given.sharingId, ['goals']);
    const data = (shared: string[]) => ({ referralId: newId(), sharingId: given.sharingId, partnerId, catalogueOfferId: offerId, shared, contact: null, message: null });
    const partner = await force(j.stream, 'ReferralMade', data(['goals']), { id: newId(), role: 'partner' });
    const otherCitizen = await force(j.stream, 'ReferralMade', data(['goals']), { id: newId(), role: 'citizen' });
    const staffUnderOwn = await force(j.stream, 'ReferralMade', data(['goals']), staff);
    expect(await at(2, own)).toEqual([]);
    for (const position of [partner, otherCitizen]) expect(await reasonsAt(2, position)).toEqual(['a referral made by someone other than the citizen themselves or a member of staff']);
    expect(await reasonsAt(2, staffUnderOwn)).toEqual(['a referral made by staff under a data-sharing consent they did not record']);
    // Check 6 still finds each covered: who shares is check 2's.
    for (const position of [partner, otherCitizen, staffUnderOwn]) expect(await at(6, position)).toEqual([]);
  });

  it('a referral, or a new consent to share, after the citizen’s data was erased', async () => {
    const j = await journey();
    const given = await consent(j, ['goals']);
    const before = await referral(j, given.sharingId, ['goals']);
    await force(j.stream, 'CitizenErased', { citizenId: j.citizenId }, { id: 'admin-1', role: 'admin' });
    const after = await referral(j, given.sharingId, ['goals']);
    const again = await consent(j, ['goals']);
    expect(await at(6, before)).toEqual([]);
    expect(await reasonsAt(6, after)).toEqual(['data shared with a partner after the citizen’s personal data was erased']);
    expect(await reasonsAt(2, again.position)).toEqual(['a data-sharing consent given after the citizen’s personal data was erased']);
  });
});

describe('check 7 and 2: what a consent to share names, element by element, and until when', () => {
  it('fields and shares outside the declared fields, a share that lists nothing, and a date that does not exist', async () => {
    const j = await journey();
    const income = await consent(j, ['goals', 'income']);
    expect(await reasonsAt(7, income.position)).toEqual(['DataSharingConsentGiven: fields.1 is not one of the declared values']);
    const given = await consent(j, ['goals']);
    const beyond = await referral(j, given.sharingId, ['goals', 'cpr']);
    expect(await reasonsAt(7, beyond)).toEqual(['ReferralMade: shared.1 is not one of the declared values']);
    const nothing = await referral(j, given.sharingId, ['goals'], { shared: null });
    expect(await reasonsAt(7, nothing)).toEqual(['ReferralMade: shared is null (it must be there)']);
    expect(await reasonsAt(6, nothing)).toEqual(['a share that does not list the fields it shares']);
    const text = await referral(j, given.sharingId, ['goals'], { shared: 'goals,contact' });
    expect(await reasonsAt(7, text)).toEqual(['ReferralMade: shared is not a list']);
    const missing = await force(j.stream, 'ReferralMade', { referralId: newId(), sharingId: given.sharingId, partnerId, catalogueOfferId: offerId, contact: null, message: null }, j.citizen);
    expect(await reasonsAt(7, missing)).toEqual(['ReferralMade: field shared is missing']);
    const year = new Date().getUTCFullYear() + 1;
    const noSuchDay = await consent(j, ['goals'], `${year}-02-30`);
    expect(await reasonsAt(7, noSuchDay.position)).toEqual(['DataSharingConsentGiven: until is not a calendar date (YYYY-MM-DD, a day that exists)']);
    const instant = await consent(j, ['goals'], new Date(Date.now() + 30 * DAY).toISOString());
    expect(await reasonsAt(7, instant.position)).toEqual(['DataSharingConsentGiven: until is not a calendar date (YYYY-MM-DD, a day that exists)']);
    // The honest shape passes check 7.
    expect(await at(7, given.position)).toEqual([]);
  });

  it('a consent to run until a date that had passed when it was given, or more than 366 days after; 366 days passes', async () => {
    const j = await journey();
    const passed = await consent(j, ['goals'], dateIn(-2));
    const tooLong = await consent(j, ['goals'], dateIn(400));
    const aYear = await consent(j, ['goals'], localDateIn(366));
    const today = await consent(j, ['goals'], localDateIn(0));
    expect(await reasonsAt(2, passed.position)).toEqual([`a data-sharing consent to run until ${dateIn(-2)}, a date that had passed when it was given`]);
    expect(await reasonsAt(2, tooLong.position)).toEqual([`a data-sharing consent to run until ${dateIn(400)}, more than 366 days after the date it was given`]);
    for (const position of [aYear.position, today.position]) for (const check of [2, 7]) expect(await at(check, position), `check ${check}`).toEqual([]);
  });

  it('channels and kinds of offer outside their declared lists, element by element', async () => {
    const catalogueOffer = newId();
    const agreementId = newId();
    const admin = { id: 'admin-1', role: 'admin' };
    const offer = (channels: unknown) => ({ offerId: catalogueOffer, agreementId: null, kind: 'workshop', title: 'Værksted', description: 'Et værksted for alle', channels, municipalityCode: '147' });
    const honestOffer = await force(`catalogue-offer-${catalogueOffer}`, 'CatalogueOfferPublished', { ...offer(['in_person', 'video']), centreId, partnerId: null }, staff);
    const teleport = await force(`catalogue-offer-${catalogueOffer}`, 'CatalogueOfferRevised', offer(['in_person', 'teleport']), staff);
    const signed = (offerKinds: unknown) => ({ agreementId, partnerId, centreId, version: 1, scope: 'Værksteder', offerKinds, startDate: '2026-01-01', endDate: '2027-12-31', payment: null, documentSha256: 'ab', signatories: SEALED });
    const honestAgreement = await force(`agreement-${agreementId}`, 'AgreementSigned', signed(['workshop']), admin);
    const mandatory = await force(`agreement-${agreementId}`, 'AgreementAmended', { ...signed(['workshop', 'mandatory_activation']), partnerId: undefined, centreId: undefined, startDate: undefined }, admin);
    const slot = (channels: unknown) => ({ slotId: newId(), staffId: staff.id, centreId, start: new Date(Date.now() + DAY).toISOString(), durationMinutes: 45, channels, mentoring: false });
    const honestSlot = await force(`calendar-${newId()}`, 'AvailabilityPublished', slot(['phone', 'chat']), staff);
    const pigeon = await force(`calendar-${newId()}`, 'AvailabilityPublished', slot(['carrier_pigeon', 'phone', 'telegraph']), staff);
    for (const position of [honestOffer, honestAgreement, honestSlot]) expect(await at(7, position)).toEqual([]);
    expect(await reasonsAt(7, teleport)).toEqual(['CatalogueOfferRevised: channels.1 is not one of the declared values']);
    expect(await reasonsAt(7, mandatory)).toEqual(['AgreementAmended: offerKinds.1 is not one of the declared values']);
    expect(await reasonsAt(7, pigeon)).toEqual(['AvailabilityPublished: channels.0 is not one of the declared values', 'AvailabilityPublished: channels.2 is not one of the declared values']);
  });
});
