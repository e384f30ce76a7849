/**
 * The catalogue over HTTP, per role: a partner's own people publish their partner's offers under
 * an agreement that covers them, staff the centre's own and a partner's on its behalf; anyone
 * searches it without a token, and it lists an offer only while it is listed today; an offer's use
 * is counted for the staff of its centre and the partner's own people. And a journey offer from
 * the catalogue: made only while it is listed, no new participation once it left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { apiCalls, type TestApp } from './support/api-calls.js';
import { createTestApp } from './support/app.js';

let t: TestApp;
const tokens: Record<string, string> = {};
const ids = {} as Record<'centre' | 'otherCentre' | 'partner' | 'agreement' | 'running' | 'cvWorkshop' | 'onBehalf' | 'citizen', string>;
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString().slice(0, 10);

const { request, ok, refused, citizen, twoCentres } = apiCalls(() => t, tokens, { settleBeforeGet: true });

const running = () => ({
  kind: 'physical_activity_and_health',
  title: 'Løb for alle',
  titleEn: 'Running for everyone',
  description: 'Vi løber sammen i Fruens Bøge. Alle tempi er velkomne.',
  descriptionEn: 'We run together in the woods. Every pace is welcome.',
  channels: ['in_person'],
  municipalityCode: '461',
  place: 'Fruens Bøge',
  capacity: 1,
  suits: 'Dig, der gerne vil løbe sammen med andre',
});
const cv = () => ({ kind: 'workshop', title: 'CV-værksted', description: 'Vi ser på dit CV sammen.', channels: ['video'], municipalityCode: '461', link: 'https://moede.virkelyst.dk/cv' });

beforeAll(async () => {
  t = await createTestApp();
  Object.assign(ids, await twoCentres());
  ids.partner = (await ok('staff', 'POST', '/partners', { centreId: ids.centre, kind: 'sports_club', name: 'Fitness Fyn', contact: { name: 'Mette Holm' } })).partnerId;
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
  tokens.partner = await t.token('partner', undefined, 'coach-1', ids.partner);
  tokens.otherPartner = await t.token('partner', undefined, 'coach-2', newId());
  ids.citizen = await citizen('citizen');
  tokens.seated = await t.token('board_member', ids.centre, 'emp-1');
  tokens.researcher = await t.token('researcher', undefined, 'researcher-1');
}, 120_000);
afterAll(async () => t?.close());

describe('publishing', () => {
  it('a partner’s own people publish their partner’s offer under its agreement; staff publish the centre’s own and a partner’s on its behalf', async () => {
    const published = await t.app.inject(request('partner', 'POST', '/catalogue/offers', { centreId: ids.centre, partnerId: ids.partner, agreementId: ids.agreement, content: running() }));
    expect(published.statusCode, published.body).toBe(201);
    ids.running = published.json().offerId;
    expect(published.headers.location).toBe(`/catalogue/offers/${ids.running}`);
    ids.cvWorkshop = (await ok('staff', 'POST', '/catalogue/offers', { centreId: ids.centre, content: cv() })).offerId;
    ids.onBehalf = (await ok('staff', 'POST', '/catalogue/offers', { centreId: ids.centre, partnerId: ids.partner, agreementId: ids.agreement, content: { ...running(), title: 'Gåtur i skoven', titleEn: 'A walk in the woods', description: 'Vi går en tur i skoven sammen.', descriptionEn: 'We walk together.', suits: null, capacity: null } })).offerId;
  });

  it('refuses a partner publishing for another partner or the centre, and everyone not of the centre', async () => {
    const body = { centreId: ids.centre, partnerId: ids.partner, agreementId: ids.agreement, content: running() };
    for (const who of ['otherPartner', 'otherStaff', 'citizen', 'seated', 'researcher']) expect((await refused(who, 'POST', '/catalogue/offers', 403, body)).code).toBe('forbidden');
    await refused('partner', 'POST', '/catalogue/offers', 403, { centreId: ids.centre, content: cv() });
    await refused(null, 'POST', '/catalogue/offers', 401, body);
  });

  it('refuses what the agreement does not cover, an agreement not this partner’s, and words of coercion, naming them', async () => {
    expect((await refused('partner', 'POST', '/catalogue/offers', 422, { centreId: ids.centre, partnerId: ids.partner, agreementId: ids.agreement, content: cv() })).code).toBe('kind_not_covered');
    expect((await refused('partner', 'POST', '/catalogue/offers', 404, { centreId: ids.centre, partnerId: ids.partner, agreementId: newId(), content: running() })).code).toBe('agreement_not_found');
    expect((await refused('partner', 'POST', '/catalogue/offers', 400, { centreId: ids.centre, partnerId: ids.partner, content: running() })).errors?.[0]?.field).toBe('agreementId');
    const coercive = await refused('staff', 'POST', '/catalogue/offers', 400, { centreId: ids.centre, content: { ...cv(), suits: 'Ledige, der ellers mister deres dagpenge' } });
    expect(coercive.code).toBe('coercive_wording');
    expect(coercive.errors?.[0]?.field).toBe('content.suits');
    expect((await refused('staff', 'POST', '/catalogue/offers', 400, { centreId: ids.centre, content: { ...cv(), mandatory: true } })).errors?.[0]?.field).toBe('content.mandatory');
    expect((await refused('staff', 'POST', '/catalogue/offers', 400, { centreId: ids.centre, content: { ...cv(), link: 'http://moede.dk' } })).errors?.[0]?.field).toBe('content.link');
  });
});

describe('searching', () => {
  const search = async (query: string, who: string | null = null) => ok(who, 'GET', `/catalogue/offers${query}`);

  it('needs no token, lists the offers listed today, and finds them by text, kind, channel, municipality and free places', async () => {
    const all = await search('');
    expect(all.total).toBe(3);
    expect(all.offers.map((o: { title: string }) => o.title).sort()).toEqual(['CV-værksted', 'Gåtur i skoven', 'Løb for alle']);
    expect((await search('?text=l%C3%B8b')).offers.map((o: { offerId: string }) => o.offerId)).toEqual([ids.running]);
    expect((await search('?text=running&lang=en')).offers.map((o: { offerId: string }) => o.offerId)).toEqual([ids.running]);
    expect((await search('?kinds=workshop')).offers.map((o: { offerId: string }) => o.offerId)).toEqual([ids.cvWorkshop]);
    expect((await search('?kinds=workshop&kinds=physical_activity_and_health')).total).toBe(3);
    expect((await search('?channels=video')).offers.map((o: { offerId: string }) => o.offerId)).toEqual([ids.cvWorkshop]);
    expect((await search('?municipality=101')).total).toBe(0);
    expect((await search(`?centreId=${ids.centre}&limit=1&offset=1`)).offers).toHaveLength(1);
    expect((await search(`?centreId=${ids.centre}&limit=1&offset=1`)).total).toBe(3);
    const partners = (await search('?kinds=physical_activity_and_health')).offers;
    expect(partners.find((o: { offerId: string }) => o.offerId === ids.running)).toMatchObject({ partnerId: ids.partner, partnerName: 'Fitness Fyn', capacity: 1, freePlaces: 1 });
  });

  it('answers the same to any role, and refuses a query it does not know or cannot take, naming it', async () => {
    for (const who of ['citizen', 'staff', 'partner', 'researcher']) expect((await search('', who)).total).toBe(3);
    expect((await refused(null, 'GET', '/catalogue/offers?deadline=1', 400)).errors?.[0]?.field).toBe('deadline');
    expect((await refused(null, 'GET', '/catalogue/offers?limit=1000', 400)).errors?.[0]?.field).toBe('limit');
    expect((await refused(null, 'GET', '/catalogue/offers?kinds=workfare', 400)).errors?.[0]?.in).toBe('querystring');
    expect((await refused(null, 'GET', '/catalogue/offers?freeCapacity=yes', 400)).errors?.[0]?.field).toBe('freeCapacity');
  });

  it('shows one offer to anyone, with whether it is listed today', async () => {
    const one = await ok(null, 'GET', `/catalogue/offers/${ids.running}`);
    expect(one).toMatchObject({ offerId: ids.running, listed: true, notListedBecause: null, agreement: { agreementId: ids.agreement, status: 'signed' } });
    expect((await refused(null, 'GET', `/catalogue/offers/${newId()}`, 404)).code).toBe('offer_not_found');
  });
});

describe('a journey offer from the catalogue', () => {
  let offerId: string;

  it('staff make it while it is listed; the citizen consents and takes part; its use is counted, and read by the staff of its centre and the partner’s own people only', async () => {
    await ok('citizen', 'POST', '/journeys', { centreId: ids.centre, alias: 'Sara' });
    const j = `/journeys/${ids.citizen}`;
    expect((await refused('staff', 'POST', `${j}/offers`, 404, { offer: { source: 'partner', partnerId: ids.partner, catalogueOfferId: newId() }, information: 'Løb' })).code).toBe('catalogue_offer_not_found');
    expect((await refused('staff', 'POST', `${j}/offers`, 404, { offer: { source: 'partner', partnerId: newId(), catalogueOfferId: ids.running }, information: 'Løb' })).code).toBe('catalogue_offer_not_found');
    expect((await refused('staff', 'POST', `${j}/offers`, 400, { offer: { source: 'partner', catalogueOfferId: ids.running }, information: 'Løb' })).errors?.[0]?.field).toBe('offer.partnerId');
    offerId = (await ok('staff', 'POST', `${j}/offers`, { offer: { source: 'partner', partnerId: ids.partner, catalogueOfferId: ids.running }, information: 'Løbeklubben træner tirsdag; kom når du har lyst.' })).created.offerId;
    // The centre's own offer in the catalogue, of its kind.
    await ok('staff', 'POST', `${j}/offers`, { offer: { source: 'centre', kind: 'workshop', catalogueOfferId: ids.cvWorkshop }, information: 'CV-værksted online.' });
    expect((await refused('staff', 'POST', `${j}/offers`, 404, { offer: { source: 'centre', kind: 'coaching', catalogueOfferId: ids.cvWorkshop }, information: 'x' })).code).toBe('catalogue_offer_not_found');
    await ok('citizen', 'POST', `${j}/offers/${offerId}/consent`);
    await ok('citizen', 'POST', `${j}/offers/${offerId}/participation/start`);
    const use = await ok('staff', 'GET', `/catalogue/offers/${ids.running}/use`);
    expect(use.currentParticipants).toBe(1);
    expect(use.months).toEqual([{ month: expect.stringMatching(/^\d{4}-\d{2}$/), started: 1, ended: 0, participantsAtMonthEnd: 1 }]);
    expect((await ok('partner', 'GET', `/catalogue/offers/${ids.running}/use`)).currentParticipants).toBe(1);
    expect((await ok('admin', 'GET', `/catalogue/offers/${ids.running}/use`)).currentParticipants).toBe(1);
    for (const who of ['otherStaff', 'otherPartner', 'citizen', 'seated', 'researcher']) await refused(who, 'GET', `/catalogue/offers/${ids.running}/use`, 403);
    await refused('partner', 'GET', `/catalogue/offers/${ids.cvWorkshop}/use`, 403);
    await refused(null, 'GET', `/catalogue/offers/${ids.running}/use`, 401);
    // Full now: it shows no free place, and a search for free places leaves it out.
    expect((await ok(null, 'GET', `/catalogue/offers/${ids.running}`)).freePlaces).toBe(0);
    expect((await ok(null, 'GET', '/catalogue/offers?freeCapacity=true')).offers.map((o: { offerId: string }) => o.offerId)).not.toContain(ids.running);
  });

  it('once the agreement ends the offer leaves the catalogue: it is not found by search, is not made again and no new participation starts in it', async () => {
    const j = `/journeys/${ids.citizen}`;
    await ok('citizen', 'POST', `${j}/offers/${offerId}/participation/end`);
    await ok('partner', 'POST', `/agreements/${ids.agreement}/terminate`, { by: 'partner' });
    expect((await ok(null, 'GET', '/catalogue/offers')).offers.map((o: { offerId: string }) => o.offerId)).toEqual([ids.cvWorkshop]);
    expect(await ok(null, 'GET', `/catalogue/offers/${ids.running}`)).toMatchObject({ listed: false, notListedBecause: 'agreement_terminated' });
    expect((await refused('citizen', 'POST', `${j}/offers/${offerId}/participation/start`, 422)).code).toBe('offer_not_in_catalogue');
    expect((await refused('staff', 'POST', `${j}/offers`, 422, { offer: { source: 'partner', partnerId: ids.partner, catalogueOfferId: ids.onBehalf }, information: 'Gåtur' })).code).toBe('offer_not_in_catalogue');
    // Nor is a new offer published under it.
    expect((await refused('partner', 'POST', '/catalogue/offers', 422, { centreId: ids.centre, partnerId: ids.partner, agreementId: ids.agreement, content: running() })).code).toBe('agreement_ended');
  });
});

describe('revising and retiring', () => {
  it('whoever may publish an offer revises and retires it; once retired it changes no more and leaves the catalogue', async () => {
    for (const who of ['otherStaff', 'partner', 'citizen']) await refused(who, 'POST', `/catalogue/offers/${ids.cvWorkshop}/revise`, 403, { content: cv() });
    await ok('staff', 'POST', `/catalogue/offers/${ids.cvWorkshop}/revise`, { content: { ...cv(), title: 'CV-værksted for alle' } });
    expect((await ok(null, 'GET', `/catalogue/offers/${ids.cvWorkshop}`)).title).toBe('CV-værksted for alle');
    await refused('partner', 'POST', `/catalogue/offers/${ids.cvWorkshop}/retire`, 403);
    await ok('staff', 'POST', `/catalogue/offers/${ids.cvWorkshop}/retire`);
    expect(await ok(null, 'GET', `/catalogue/offers/${ids.cvWorkshop}`)).toMatchObject({ status: 'retired', listed: false, notListedBecause: 'retired' });
    expect((await ok(null, 'GET', '/catalogue/offers')).total).toBe(0);
    expect((await refused('staff', 'POST', `/catalogue/offers/${ids.cvWorkshop}/revise`, 409, { content: cv() })).code).toBe('offer_retired');
    expect((await refused('staff', 'POST', `/catalogue/offers/${newId()}/retire`, 404)).code).toBe('offer_not_found');
  });
});
