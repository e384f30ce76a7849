/**
 * A referral end to end on the command path and real PostgreSQL: a partner, its agreement and its
 * offer in the catalogue; a citizen who shares their name, contact and goals with it; what the
 * partner sees, and nothing the moment the consent is withdrawn; and when the agreement ends, no
 * new referral or participation in its offer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementDecider } from '../src/domain/agreement/decide.js';
import { catalogueDecider } from '../src/domain/catalogue/decide.js';
import { journeyDecider } from '../src/domain/journey/decide.js';
import { partnerDecider } from '../src/domain/partner/decide.js';
import type { Principal } from '../src/domain/shared/principal.js';
import { RuleViolation } from '../src/domain/shared/errors.js';
import { newId } from '../src/ids.js';
import { catalogueOfferById, searchCatalogue } from '../src/projections/catalogue/queries.js';
import { referralsForPartner, sharingsOfCitizen } from '../src/projections/referrals/queries.js';
import { commandsFor } from '../src/wiring.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let commands: ReturnType<typeof commandsFor>;
const centreId = newId();
const partnerId = newId();
const agreementId = newId();
const catalogueOfferId = newId();
const staff: Principal = { id: 'counsellor-1', role: 'staff', centreId };
const partnerPerson: Principal = { id: 'coach-1', role: 'partner', partnerId };
const now = () => new Date().toISOString();
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString().slice(0, 10);
const run = <C extends { now: string }>(decider: Parameters<typeof commands.handler.handle>[0], command: C) => commands.handler.handle(decider as never, command as never, { commandId: newId() });

beforeAll(async () => {
  t = await createTestApp();
  commands = commandsFor(t.database, t.store, t.vault);
  await run(partnerDecider, {
    type: 'RegisterPartner',
    now: now(),
    principal: staff,
    data: { partnerId, centreId, kind: 'sports_club', name: 'Fitness Fyn', cvr: '29189897', contact: { name: 'Mette Holm', email: 'mette@fitness.dk', phone: null } },
  });
  await run(agreementDecider, {
    type: 'SignAgreement',
    now: now(),
    principal: staff,
    data: {
      agreementId,
      partnerId,
      centreId,
      partnerKnown: await commands.facts.partnerKnown(partnerId),
      scope: 'Motion og fællesskab',
      offerKinds: ['physical_activity_and_health'],
      startDate: inDays(-30),
      endDate: inDays(300),
      payment: null,
      documentSha256: 'ab'.repeat(32),
      signatories: [
        { side: 'partner', name: 'Mette Holm', title: null },
        { side: 'centre', name: 'Jens Jensen', title: null },
      ],
    },
  });
  await run(catalogueDecider, {
    type: 'PublishCatalogueOffer',
    now: now(),
    principal: partnerPerson,
    data: {
      offerId: catalogueOfferId,
      centreId,
      partnerId,
      agreementId,
      agreement: await commands.facts.agreementFact(agreementId, now()),
      content: {
        kind: 'physical_activity_and_health',
        title: 'Løb for alle',
        titleEn: null,
        description: 'Vi løber sammen.',
        descriptionEn: null,
        channels: ['in_person'],
        municipalityCode: '461',
        place: 'Fruens Bøge',
        link: null,
        capacity: 12,
        suits: null,
      },
    },
  });
});
afterAll(async () => t.close());

async function citizenWithGoal(alias = 'Sara', goal = 'Komme i form og finde et job') {
  const citizenId = newId();
  const citizen: Principal = { id: citizenId, role: 'citizen' };
  await run(journeyDecider, { type: 'StartJourney', now: now(), principal: citizen, citizenId, data: { journeyId: newId(), centreId, firstContact: 'self_service', alias, centreKnown: true } });
  await run(journeyDecider, { type: 'StateGoal', now: now(), principal: citizen, citizenId, data: { goalId: newId(), text: goal } });
  return { citizenId, citizen };
}

async function refer(citizenId: string, citizen: Principal, fields: string[], ids: { sharingId?: string; referralId?: string } = {}) {
  const sharingId = ids.sharingId ?? newId();
  await run(journeyDecider, {
    type: 'ReferToPartner',
    now: now(),
    principal: citizen,
    citizenId,
    data: {
      referralId: ids.referralId ?? newId(),
      sharingId,
      receiptId: newId(),
      partnerId,
      partnerKnown: await commands.facts.partnerKnown(partnerId),
      purpose: 'referral_to_offer',
      catalogueOfferId,
      catalogueOffer: await commands.facts.catalogueOfferFact(catalogueOfferId, now()),
      fields,
      until: inDays(60),
      ...(fields.includes('contact') ? { contact: 'Ring på 12 34 56 78' } : {}),
    },
  });
  return sharingId;
}

describe('a referral under the citizen’s data-sharing consent', () => {
  it('shows the partner what the citizen chose to share, and nothing more the moment it is withdrawn', async () => {
    const { citizenId, citizen } = await citizenWithGoal();
    const sharingId = await refer(citizenId, citizen, ['name', 'contact', 'goals']);
    await t.engine.settle();
    const [seen] = await referralsForPartner(t.database.db, t.vault, partnerId, today());
    expect(seen).toMatchObject({ status: 'shared', shared: ['name', 'contact', 'goals'], name: 'Sara', contact: 'Ring på 12 34 56 78', goals: ['Komme i form og finde et job'], catalogueOfferId });
    expect(seen).not.toHaveProperty('message');
    expect(JSON.stringify(seen)).not.toContain(citizenId);

    // Withdrawn: the read model is inline, so the very next look sees nothing (no settling here).
    await run(journeyDecider, { type: 'WithdrawDataSharing', now: now(), principal: citizen, citizenId, data: { sharingId } });
    const after = (await referralsForPartner(t.database.db, t.vault, partnerId, today())).find((r) => r.referralId === seen!.referralId);
    expect(after).toEqual({ referralId: seen!.referralId, catalogueOfferId, purpose: 'referral_to_offer', madeAt: seen!.madeAt, until: seen!.until, status: 'withdrawn', shared: [] });
    const [own] = await sharingsOfCitizen(t.database.db, citizenId, today());
    expect(own).toMatchObject({ sharingId, partnerId, status: 'withdrawn', fields: ['name', 'contact', 'goals'], receipt: { collectionMethod: 'self_service' } });
  });

  it('another citizen reusing a sharing id on their own journey: each keeps their own consent, the partner sees each under its own, a withdrawal is only its citizen’s', async () => {
    const anna = await citizenWithGoal('Anna', 'Blive tømrer');
    const bo = await citizenWithGoal('Bo', 'Starte et bageri');
    const sharingId = newId();
    const referralId = newId();
    await refer(anna.citizenId, anna.citizen, ['name', 'contact', 'goals'], { sharingId, referralId });
    // The decider checks a sharing id against the citizen's own journey only: Bo's is accepted.
    await refer(bo.citizenId, bo.citizen, ['goals'], { sharingId, referralId });
    await t.engine.settle();
    const ofReferral = async () => (await referralsForPartner(t.database.db, t.vault, partnerId, today())).filter((r) => r.referralId === referralId);
    expect((await sharingsOfCitizen(t.database.db, anna.citizenId, today())).map((s) => [s.sharingId, s.fields, s.status, s.referralIds])).toEqual([[sharingId, ['name', 'contact', 'goals'], 'shared', [referralId]]]);
    expect((await sharingsOfCitizen(t.database.db, bo.citizenId, today())).map((s) => [s.sharingId, s.fields, s.status, s.referralIds])).toEqual([[sharingId, ['goals'], 'shared', [referralId]]]);
    expect((await ofReferral()).map((r) => [r.status, r.shared, r.name ?? null, r.goals])).toEqual([
      ['shared', ['goals'], null, ['Starte et bageri']],
      ['shared', ['name', 'contact', 'goals'], 'Anna', ['Blive tømrer']],
    ]);

    await run(journeyDecider, { type: 'WithdrawDataSharing', now: now(), principal: bo.citizen, citizenId: bo.citizenId, data: { sharingId } });
    expect((await sharingsOfCitizen(t.database.db, anna.citizenId, today())).map((s) => s.status)).toEqual(['shared']);
    expect((await sharingsOfCitizen(t.database.db, bo.citizenId, today())).map((s) => s.status)).toEqual(['withdrawn']);
    const after = await ofReferral();
    expect(after.map((r) => [r.status, r.name ?? null])).toEqual([
      ['withdrawn', null],
      ['shared', 'Anna'],
    ]);
    expect(JSON.stringify(after)).not.toContain('Starte et bageri');
  });

  it('shares only the fields named: a referral of goals shows no name or contact', async () => {
    const { citizenId, citizen } = await citizenWithGoal();
    await refer(citizenId, citizen, ['goals']);
    await t.engine.settle();
    const mine = (await referralsForPartner(t.database.db, t.vault, partnerId, today())).filter((r) => r.status === 'shared' && r.shared.length === 1);
    expect(mine.at(0)).toMatchObject({ shared: ['goals'], goals: ['Komme i form og finde et job'] });
    expect(mine.at(0)).not.toHaveProperty('name');
    expect(mine.at(0)).not.toHaveProperty('contact');
  });

  it('an amendment that no longer covers the offer’s kind takes it out of the catalogue, and one that covers it again puts it back', async () => {
    const amend = (offerKinds: string[], hash: string) =>
      run(agreementDecider, {
        type: 'AmendAgreement',
        now: now(),
        principal: staff,
        data: { agreementId, scope: 'Motion og fællesskab', offerKinds, endDate: inDays(300), payment: null, documentSha256: hash, signatories: [{ side: 'partner', name: 'Mette Holm', title: null }, { side: 'centre', name: 'Jens Jensen', title: null }] },
      });
    const listedInSearch = async () => (await searchCatalogue(t.database.db, { lang: 'da', centreId, today: today(), limit: 10, offset: 0 })).offers.some((o) => o.offerId === catalogueOfferId);
    await amend(['workshop'], 'cd'.repeat(32));
    await t.engine.settle();
    expect(await commands.facts.catalogueOfferFact(catalogueOfferId, now())).toMatchObject({ listed: false });
    expect(await listedInSearch()).toBe(false);
    expect(await catalogueOfferById(t.database.db, catalogueOfferId, today())).toMatchObject({ listed: false, notListedBecause: 'kind_not_covered' });
    await amend(['physical_activity_and_health', 'workshop'], 'ef'.repeat(32));
    await t.engine.settle();
    expect(await commands.facts.catalogueOfferFact(catalogueOfferId, now())).toMatchObject({ listed: true });
    expect(await listedInSearch()).toBe(true);
  });

  it('once the agreement is terminated, its offer is out of the catalogue: no new referral to it, and no new participation', async () => {
    const { citizenId, citizen } = await citizenWithGoal();
    const offerId = newId();
    await run(journeyDecider, {
      type: 'MakeOffer',
      now: now(),
      principal: staff,
      citizenId,
      data: { offerId, offer: { source: 'partner', partnerId, catalogueOfferId }, information: 'Løb for alle', catalogueOffer: await commands.facts.catalogueOfferFact(catalogueOfferId, now()) },
    });
    await run(journeyDecider, { type: 'GiveConsent', now: now(), principal: citizen, citizenId, data: { offerId, receiptId: newId() } });
    await run(agreementDecider, { type: 'TerminateAgreement', now: now(), principal: partnerPerson, data: { agreementId, by: 'partner', reason: null } });
    expect(await commands.facts.catalogueOfferFact(catalogueOfferId, now())).toMatchObject({ listed: false });
    await expect(refer(citizenId, citizen, ['goals'])).rejects.toThrow(RuleViolation);
    await expect(
      run(journeyDecider, { type: 'StartParticipation', now: now(), principal: citizen, citizenId, data: { offerId, catalogueListed: (await commands.facts.catalogueOfferFact(catalogueOfferId, now()))?.listed } }),
    ).rejects.toMatchObject({ code: 'offer_not_in_catalogue' });
  });
});
