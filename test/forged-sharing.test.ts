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
