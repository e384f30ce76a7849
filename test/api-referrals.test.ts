/**
 * Referral to a partner over HTTP, per role: the citizen refers themselves and gets the receipt;
 * staff record it only as said in a conversation they held; the partner's own people, and only
 * they, read the referrals made to their partner, with only what the consent names while it
 * stands and never the citizen's id; the citizen reads their consents with receipts, staff of
 * their centre which partners and fields; a withdrawal holds at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/commands/handler.js';
import { journeyDecider } from '../src/domain/journey/decide.js';
import { newId } from '../src/ids.js';
import { apiCalls, type TestApp } from './support/api-calls.js';
import { createTestApp } from './support/app.js';

let t: TestApp;
const tokens: Record<string, string> = {};
const ids = {} as Record<'centre' | 'otherCentre' | 'partner' | 'otherPartner' | 'agreement' | 'offer' | 'citizen' | 'otherCitizen' | 'session' | 'sharing', string>;
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString().slice(0, 10);

const { request, ok, refused, citizen, twoCentres } = apiCalls(() => t, tokens, { settleBeforeGet: true });

const referral = (extra: object = {}) => ({
  partnerId: ids.partner,
  purpose: 'referral_to_offer',
  catalogueOfferId: ids.offer,
  fields: ['name', 'contact', 'goals'],
  until: inDays(60),
  contact: 'Ring på 12 34 56 78 efter kl. 15',
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  Object.assign(ids, await twoCentres());
  tokens.staff2 = await t.token('staff', ids.centre, 'staff-2');
  const registered = async (name: string) => (await ok('staff', 'POST', '/partners', { centreId: ids.centre, kind: 'sports_club', name, contact: { name: 'Mette Holm' } })).partnerId as string;
  ids.partner = await registered('Fitness Fyn');
  ids.otherPartner = await registered('Svømmeklubben');
  ids.agreement = (
    await ok('staff', 'POST', `/partners/${ids.partner}/agreements`, {
      centreId: ids.centre,
      scope: 'Motion i fællesskab.',
      offerKinds: ['physical_activity_and_health'],
      startDate: inDays(-30),
      endDate: inDays(300),
      documentSha256: 'ab'.repeat(32),
      signatories: [
        { side: 'partner', name: 'Mette Holm' },
        { side: 'centre', name: 'Jens Jensen' },
      ],
    })
  ).agreementId;
  // The other partner is in the centre's network too, by an agreement of its own.
  await ok('staff', 'POST', `/partners/${ids.otherPartner}/agreements`, {
    centreId: ids.centre,
    scope: 'Svømning for alle.',
    offerKinds: ['physical_activity_and_health'],
    startDate: inDays(-30),
    endDate: inDays(300),
    documentSha256: 'cd'.repeat(32),
    signatories: [
      { side: 'partner', name: 'Ole Hansen' },
      { side: 'centre', name: 'Jens Jensen' },
    ],
  });
  await t.engine.settle();
  tokens.partner = await t.token('partner', undefined, 'coach-1', ids.partner);
  tokens.otherPartner = await t.token('partner', undefined, 'swim-1', ids.otherPartner);
  const content = { kind: 'physical_activity_and_health', title: 'Løb for alle', description: 'Vi løber sammen.', channels: ['in_person'], municipalityCode: '461', place: 'Fruens Bøge' };
  ids.offer = (await ok('partner', 'POST', '/catalogue/offers', { centreId: ids.centre, partnerId: ids.partner, agreementId: ids.agreement, content })).offerId;
  ids.citizen = await citizen('citizen');
  ids.otherCitizen = await citizen('otherCitizen');
  tokens.seated = await t.token('board_member', ids.centre, 'emp-1');
  await ok('citizen', 'POST', '/journeys', { centreId: ids.centre, alias: 'Sara' });
  await ok('citizen', 'POST', `/journeys/${ids.citizen}/goals`, { text: 'Komme i form og finde et job' });
  await ok('otherCitizen', 'POST', '/journeys', { centreId: ids.centre });
  // A conversation at the citizen's home two hours ago, held by staff-1 (booked yesterday, on the command path).
  ids.session = newId();
  const handler = new CommandHandler(t.store, { vault: t.vault });
  const start = new Date(Date.now() - 2 * 3600_000).toISOString();
  const booking = { sessionId: ids.session, staffId: 'staff-1', start, durationMinutes: 45, channel: 'in_person_home' as const, openingHours: null };
  await handler.handle(journeyDecider, { type: 'BookSession', citizenId: ids.citizen, principal: { id: ids.citizen, role: 'citizen' }, now: new Date(Date.now() - 24 * 3600_000).toISOString(), data: booking }, { commandId: newId() });
  await ok('staff', 'POST', `/journeys/${ids.citizen}/sessions/${ids.session}/held`, { durationMinutes: 45, topics: ['Motion'] });
}, 120_000);
afterAll(async () => t?.close());

describe('staff record a referral the citizen agreed to in a conversation', () => {
  it('only the counsellor who held it, naming it; the answer carries no receipt (the citizen finds it among their consents)', async () => {
    const j = `/journeys/${ids.citizen}/referrals`;
    expect((await refused('staff', 'POST', j, 422, referral({ partnerId: ids.otherPartner, purpose: 'introduction', catalogueOfferId: undefined, fields: ['name'], contact: undefined }))).code).toBe('session_required');
    await refused('staff2', 'POST', j, 403, referral({ sessionId: ids.session }));
    await refused('otherStaff', 'POST', j, 403, referral({ sessionId: ids.session }));
    expect((await refused('staff', 'POST', j, 422, referral({ sessionId: ids.session, method: 'written_in_chat' }))).code).toBe('method_does_not_fit_channel');
    expect((await refused('staff', 'POST', j, 400, referral({ sessionId: ids.session, contact: 'Du skal møde op, ellers bortfalder din ydelse' }))).code).toBe('coercive_wording');
    const recorded = await ok('staff', 'POST', j, { partnerId: ids.otherPartner, purpose: 'introduction', fields: ['name'], until: inDays(30), sessionId: ids.session });
    expect(recorded.receipt).toBeNull();
    expect(Object.keys(recorded.created).sort()).toEqual(['receiptId', 'referralId', 'sharingId']);
  });
});

describe('the citizen refers themselves', () => {
  it('choosing the partner, the offer, what to share and until when, and gets the receipt', async () => {
    const response = await t.app.inject(request('citizen', 'POST', `/journeys/${ids.citizen}/referrals`, referral()));
    expect(response.statusCode, response.body).toBe(201);
    const answer = response.json();
    ids.sharing = answer.created.sharingId;
    expect(answer.receipt).toMatchObject({ receiptId: answer.created.receiptId, collectionMethod: 'self_service', jurisdiction: 'DK', controller: { centreId: ids.centre } });
    expect(answer.receipt.purpose).toContain(ids.partner);
    expect(answer.receipt.dataCategories).toHaveLength(3);
  });

  it('is refused for someone else, for what is not shared, past a year, and for an offer not of that partner', async () => {
    const j = `/journeys/${ids.citizen}/referrals`;
    for (const who of ['otherCitizen', 'partner', 'admin', 'seated']) await refused(who, 'POST', j, 403, referral());
    await refused(null, 'POST', j, 401, referral());
    expect((await refused('citizen', 'POST', j, 400, referral({ fields: ['name'] }))).errors?.[0]?.field).toBe('contact');
    expect((await refused('citizen', 'POST', j, 400, referral({ until: inDays(400) }))).errors?.[0]?.field).toBe('until');
    expect((await refused('citizen', 'POST', j, 400, referral({ fields: ['name', 'benefits'] }))).errors?.[0]?.field).toBe('fields.1');
    expect((await refused('citizen', 'POST', j, 404, referral({ partnerId: ids.otherPartner }))).code).toBe('offer_not_found');
    expect((await refused('citizen', 'POST', j, 404, referral({ partnerId: newId() }))).code).toBe('partner_not_found');
    expect((await refused('citizen', 'POST', `/journeys/${newId()}/referrals`, 404, referral())).code).toBe('journey_not_found');
  });
});

describe('what the partner sees', () => {
  it('its own people, and only they, read the referrals: only what the consent names, never the citizen’s id', async () => {
    const { referrals } = await ok('partner', 'GET', `/partners/${ids.partner}/referrals`);
    expect(referrals).toHaveLength(1);
    expect(referrals[0]).toMatchObject({ status: 'shared', catalogueOfferId: ids.offer, shared: ['name', 'contact', 'goals'], name: 'Sara', contact: 'Ring på 12 34 56 78 efter kl. 15', goals: ['Komme i form og finde et job'] });
    expect(referrals[0]).not.toHaveProperty('message');
    expect(JSON.stringify(referrals)).not.toContain(ids.citizen);
    expect(JSON.stringify(referrals)).not.toContain('$sealed');
    // The other partner sees its introduction, with the name only.
    const other = (await ok('otherPartner', 'GET', `/partners/${ids.otherPartner}/referrals`)).referrals;
    expect(other).toMatchObject([{ purpose: 'introduction', shared: ['name'], name: 'Sara' }]);
    for (const who of ['otherPartner', 'staff', 'admin', 'citizen', 'seated']) expect((await refused(who, 'GET', `/partners/${ids.partner}/referrals`, 403)).code).toBe('forbidden');
    await refused(null, 'GET', `/partners/${ids.partner}/referrals`, 401);
  });
});

describe('the citizen’s consents', () => {
  it('the citizen reads them with receipts; staff of their centre which partners and fields, without; no one else', async () => {
    const mine = (await ok('citizen', 'GET', `/journeys/${ids.citizen}/sharings`)).sharings;
    expect(mine).toHaveLength(2);
    const own = mine.find((s: { sharingId: string }) => s.sharingId === ids.sharing);
    expect(own).toMatchObject({ partnerId: ids.partner, purpose: 'referral_to_offer', fields: ['name', 'contact', 'goals'], status: 'shared', consent: { method: 'self_service' } });
    expect(own.receipt.receiptId).toEqual(expect.any(String));
    const staffView = (await ok('staff', 'GET', `/journeys/${ids.citizen}/sharings`)).sharings;
    expect(staffView.map((s: { partnerId: string; fields: string[] }) => [s.partnerId, s.fields])).toEqual(mine.map((s: { partnerId: string; fields: string[] }) => [s.partnerId, s.fields]));
    expect(staffView.every((s: { receipt: unknown }) => s.receipt === null)).toBe(true);
    expect(JSON.stringify(staffView)).not.toMatch(/Ring på|Sara/);
    for (const who of ['otherCitizen', 'otherStaff', 'partner', 'seated', 'admin']) await refused(who, 'GET', `/journeys/${ids.citizen}/sharings`, 403);
    expect((await refused('staff', 'GET', `/journeys/${newId()}/sharings`, 404)).code).toBe('journey_not_found');
  });
});

describe('withdrawing', () => {
  it('the citizen withdraws at any time: the partner sees that a referral was made and nothing more, at once', async () => {
    const url = `/journeys/${ids.citizen}/sharings/${ids.sharing}/withdraw`;
    for (const who of ['otherCitizen', 'partner', 'otherStaff', 'admin']) await refused(who, 'POST', url, 403);
    expect((await refused('staff', 'POST', url, 422)).code).toBe('session_required');
    await ok('citizen', 'POST', url);
    // The referrals read model is applied with the append: no settling needed, none done.
    const after = await t.app.inject(request('partner', 'GET', `/partners/${ids.partner}/referrals`));
    const [withdrawn] = after.json().referrals;
    expect(withdrawn).toMatchObject({ status: 'withdrawn', shared: [] });
    expect(withdrawn).not.toHaveProperty('name');
    expect(after.body).not.toMatch(/Sara|Ring på|Komme i form/);
    expect((await refused('citizen', 'POST', url, 409)).code).toBe('sharing_withdrawn');
    expect((await refused('citizen', 'POST', `/journeys/${ids.citizen}/sharings/${newId()}/withdraw`, 404)).code).toBe('sharing_not_found');
    expect((await ok('citizen', 'GET', `/journeys/${ids.citizen}/sharings`)).sharings.find((s: { sharingId: string }) => s.sharingId === ids.sharing).status).toBe('withdrawn');
  });

  it('a referral to an offer that left the catalogue is refused', async () => {
    await ok('partner', 'POST', `/catalogue/offers/${ids.offer}/retire`);
    expect((await refused('citizen', 'POST', `/journeys/${ids.citizen}/referrals`, 422, referral())).code).toBe('offer_not_in_catalogue');
  });
});

describe('a citizen who moves to another centre', () => {
  it('staff of the new centre see the consents given there, and an earlier centre’s only once the citizen shares their earlier records; the former centre none; the citizen all', async () => {
    const moverId = newId();
    tokens.mover = await t.token('citizen', undefined, moverId);
    // The other partner is in the new centre's network too.
    await ok('otherStaff', 'POST', `/partners/${ids.otherPartner}/agreements`, {
      centreId: ids.otherCentre,
      scope: 'Svømning i Nørrebro.',
      offerKinds: ['physical_activity_and_health'],
      startDate: inDays(-30),
      endDate: inDays(300),
      documentSha256: 'ef'.repeat(32),
      signatories: [
        { side: 'partner', name: 'Ole Hansen' },
        { side: 'centre', name: 'Hanne Holm' },
      ],
    });
    const introduction = { partnerId: ids.otherPartner, purpose: 'introduction', fields: ['name', 'message'], until: inDays(30), message: 'Jeg vil gerne svømme.' };
    await ok('mover', 'POST', '/journeys', { centreId: ids.centre, alias: 'Ida' });
    const atFirst = (await ok('mover', 'POST', `/journeys/${moverId}/referrals`, introduction)).created.sharingId as string;
    // Staff of the first centre see it while the citizen is with them.
    expect((await ok('staff', 'GET', `/journeys/${moverId}/sharings`)).sharings.map((s: { sharingId: string }) => s.sharingId)).toEqual([atFirst]);
    await ok('mover', 'POST', `/journeys/${moverId}/close`);
    await ok('mover', 'POST', '/journeys', { centreId: ids.otherCentre });
    const atNew = (await ok('mover', 'POST', `/journeys/${moverId}/referrals`, { ...introduction, message: 'Stadig svømning.' })).created.sharingId as string;

    const seenBy = async (who: string) => (await ok(who, 'GET', `/journeys/${moverId}/sharings`)).sharings.map((s: { sharingId: string }) => s.sharingId);
    expect(await seenBy('otherStaff')).toEqual([atNew]);
    expect(await seenBy('mover')).toEqual([atNew, atFirst]);
    // The former centre no longer reads the journey at all.
    await refused('staff', 'GET', `/journeys/${moverId}/sharings`, 403);
    // The citizen shares their earlier records with the centre they are with now: its staff see the earlier consent too.
    await ok('mover', 'POST', `/journeys/${moverId}/history/share`);
    const shared = (await ok('otherStaff', 'GET', `/journeys/${moverId}/sharings`)).sharings;
    expect(shared.map((s: { sharingId: string }) => s.sharingId)).toEqual([atNew, atFirst]);
    expect(shared.every((s: { receipt: unknown }) => s.receipt === null)).toBe(true);
    await refused('staff', 'GET', `/journeys/${moverId}/sharings`, 403);
  });
});

describe('sharing ids are the citizen’s own', () => {
  it('another citizen cannot make a referral under the Idempotency-Key (and so the sharing id) of someone else’s', async () => {
    const key = newId();
    const send = (who: string, citizenId: string) =>
      t.app.inject({
        method: 'POST',
        url: `/journeys/${citizenId}/referrals`,
        headers: { authorization: `Bearer ${tokens[who]}`, 'idempotency-key': key },
        payload: { partnerId: ids.otherPartner, purpose: 'introduction', fields: ['name'], until: inDays(30) },
      });
    const first = await send('citizen', ids.citizen);
    expect(first.statusCode, first.body).toBe(201);
    const before = await t.eventCount();
    const reused = await send('otherCitizen', ids.otherCitizen);
    expect(reused.statusCode, reused.body).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');
    expect(await t.eventCount()).toBe(before);
    await t.engine.settle();
    expect((await ok('otherCitizen', 'GET', `/journeys/${ids.otherCitizen}/sharings`)).sharings).toEqual([]);
  });
});
