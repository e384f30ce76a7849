/**
 * Read model `referrals`: citizens' data-sharing consents and the referrals made under them. A
 * consent's and a referral's ids are unique within one journey only (the decider checks them
 * against that journey; the client chooses them, through its Idempotency-Key), so two citizens may
 * use the same ones: each citizen's consents, what the partner sees and every withdrawal must stay
 * that citizen's own. Staff of a centre a journey moved to see the consents given at an earlier
 * centre only if the citizen shared their earlier records, as in the journey's other views.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsentMethod, JOURNEY_EVENT_SCHEMA_VERSIONS, type JourneyEvent, journeyStreamId, PERSONAL_FIELDS } from '../../src/domain/journey/journey.js';
import { type SharedField, sharingReceipt, type SharingPurpose } from '../../src/domain/journey/sharing.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { newId } from '../../src/ids.js';
import type { Vault } from '../../src/privacy/vault.js';
import { createBuildSchema, pointViews } from '../../src/projections/engine/builds.js';
import { journeysProjection } from '../../src/projections/journeys/projection.js';
import { referralsProjection } from '../../src/projections/referrals/projection.js';
import { referralsForPartner, sharingsOfCitizen, sharingsSeenBy } from '../../src/projections/referrals/queries.js';
import { EventLog, projectionSpecs } from '../support/projection-spec.js';
import { specVault } from './histories.js';

const specs = projectionSpecs(referralsProjection);
let vault: Vault;
let journeysSchema: string;
beforeAll(async () => {
  await specs.setUp();
  vault = specVault(specs.database);
  // The partner's view reads the citizen's name and goals from the journeys read model: a build of it, served.
  journeysSchema = await specs.db.transaction().execute(async (trx) => {
    const schema = await createBuildSchema(trx, journeysProjection, 1);
    await pointViews(trx, journeysProjection, schema);
    return schema;
  });
});
afterAll(specs.tearDown);

const log = new EventLog();
const self: ConsentMethod = { method: 'self_service' };

/** One citizen's journey stream, personal fields sealed as the command handler seals them. */
function citizenOf(centreId: string, citizenId = newId()) {
  let minute = 0;
  const next = () => `2027-03-01T10:${String(minute++ % 60).padStart(2, '0')}:00.000+01:00`;
  let centre = centreId;
  const record = async (event: JourneyEvent): Promise<RecordedEvent> => {
    const data: Record<string, unknown> = await vault.sealFields(citizenId, { ...event.data }, PERSONAL_FIELDS[event.type]);
    return log.record(journeyStreamId(citizenId), { type: event.type, data }, JOURNEY_EVENT_SCHEMA_VERSIONS[event.type], { actor: { id: citizenId, role: 'citizen' }, centreId: centre, at: next() });
  };
  return {
    citizenId,
    started: (alias: string, at = centreId) => {
      centre = at;
      return record({ type: 'JourneyStarted', data: { journeyId: newId(), citizenId, centreId: at, firstContact: 'self_service', alias, startedBy: 'citizen' } });
    },
    closed: () => record({ type: 'JourneyClosed', data: { journeyId: citizenId } }),
    goal: (text: string) => record({ type: 'GoalStated', data: { goalId: newId(), text, category: null, recordedBy: { by: 'citizen' } } }),
    /** A consent and the referral under it, as the decider decides them together. */
    referred: async (a: { sharingId: string; referralId: string; partnerId: string; fields: SharedField[]; until: string; contact?: string; purpose?: SharingPurpose; referralPartnerId?: string }) => {
      const purpose = a.purpose ?? 'introduction';
      const receipt = sharingReceipt({ receiptId: newId(), at: next(), consent: self, centreId: centre, partnerId: a.partnerId, purpose, fields: a.fields, until: a.until });
      return [
        await record({ type: 'DataSharingConsentGiven', data: { sharingId: a.sharingId, partnerId: a.partnerId, purpose, catalogueOfferId: null, fields: a.fields, until: a.until, consent: self, receipt } }),
        await record({
          type: 'ReferralMade',
          data: { referralId: a.referralId, sharingId: a.sharingId, partnerId: a.referralPartnerId ?? a.partnerId, catalogueOfferId: null, shared: a.fields, contact: a.contact ?? null, message: null },
        }),
      ];
    },
    withdrawn: (sharingId: string) => record({ type: 'DataSharingConsentWithdrawn', data: { sharingId, consent: self, at: next() } }),
    erased: () => record({ type: 'CitizenErased', data: { citizenId } }),
  };
}

/** Feeds the journeys build too (alias, goals), as the engine would. */
async function journeysGiven(events: readonly RecordedEvent[]) {
  const handled = events.filter((e) => journeysProjection.handles === 'all' || journeysProjection.handles.includes(e.type));
  await specs.db.transaction().execute((trx) => journeysProjection.apply(trx, journeysSchema, handled));
}

const TODAY = '2027-03-01';

describe('referrals read model', () => {
  it('two citizens with the same sharing and referral ids: each keeps their own consent, the partner sees each under its own, and one’s withdrawal leaves the other’s standing', async () => {
    const centreId = newId();
    const partnerId = newId();
    const sharingId = newId();
    const referralId = newId();
    const anna = citizenOf(centreId);
    const bo = citizenOf(centreId);
    const annas = [await anna.started('Anna'), await anna.goal('Blive tømrer'), ...(await anna.referred({ sharingId, referralId, partnerId, fields: ['name', 'contact', 'goals'], until: '2027-06-30', contact: 'Ring 11 22 33 44' }))];
    // Bo reuses Anna's ids on his own journey (the decider checks them against his journey only).
    const bos = [await bo.started('Bo'), await bo.goal('Starte et bageri'), ...(await bo.referred({ sharingId, referralId, partnerId, fields: ['goals'], until: '2027-04-30' }))];
    await journeysGiven([...annas, ...bos]);
    const spec = await specs.fresh();
    await spec.given(annas, bos);
    await spec.serve();

    expect(await spec.rows('sharings')).toHaveLength(2);
    expect(await spec.rows('referrals')).toHaveLength(2);
    expect(await sharingsOfCitizen(spec.db, anna.citizenId, TODAY)).toMatchObject([{ sharingId, partnerId, fields: ['name', 'contact', 'goals'], until: '2027-06-30', status: 'shared', referralIds: [referralId] }]);
    expect(await sharingsOfCitizen(spec.db, bo.citizenId, TODAY)).toMatchObject([{ sharingId, partnerId, fields: ['goals'], until: '2027-04-30', status: 'shared', referralIds: [referralId] }]);
    const seen = await referralsForPartner(spec.db, vault, partnerId, TODAY);
    expect(seen).toEqual([
      { referralId, catalogueOfferId: null, purpose: 'introduction', madeAt: expect.any(String), until: '2027-04-30', status: 'shared', shared: ['goals'], goals: ['Starte et bageri'] },
      { referralId, catalogueOfferId: null, purpose: 'introduction', madeAt: expect.any(String), until: '2027-06-30', status: 'shared', shared: ['name', 'contact', 'goals'], name: 'Anna', contact: 'Ring 11 22 33 44', goals: ['Blive tømrer'] },
    ]);

    // Bo withdraws his: Anna's stands, and the partner still sees hers, and nothing more of his.
    await spec.given([await bo.withdrawn(sharingId)]);
    expect((await sharingsOfCitizen(spec.db, anna.citizenId, TODAY)).map((s) => s.status)).toEqual(['shared']);
    expect((await sharingsOfCitizen(spec.db, bo.citizenId, TODAY)).map((s) => s.status)).toEqual(['withdrawn']);
    const after = await referralsForPartner(spec.db, vault, partnerId, TODAY);
    expect(after.map((r) => [r.status, r.shared, r.name ?? null])).toEqual([
      ['withdrawn', [], null],
      ['shared', ['name', 'contact', 'goals'], 'Anna'],
    ]);
    expect(JSON.stringify(after)).not.toContain('Starte et bageri');

    // And Anna withdrawing hers does not touch his (already withdrawn, withdrawn at his time).
    const bosWithdrawal = (await spec.rows('sharings')).find((r) => r.citizen_id === bo.citizenId)?.withdrawn_at;
    await spec.given([await anna.withdrawn(sharingId)]);
    expect((await referralsForPartner(spec.db, vault, partnerId, TODAY)).map((r) => r.status)).toEqual(['withdrawn', 'withdrawn']);
    expect((await spec.rows('sharings')).find((r) => r.citizen_id === bo.citizenId)?.withdrawn_at).toEqual(bosWithdrawal);
  });

  it('the same ids under two partners: each partner sees only the referral made to it, under its own consent', async () => {
    const centreId = newId();
    const [p1, p2] = [newId(), newId()];
    const sharingId = newId();
    const referralId = newId();
    const anna = citizenOf(centreId);
    const bo = citizenOf(centreId);
    const events = [
      await anna.started('Anna'),
      ...(await anna.referred({ sharingId, referralId, partnerId: p1, fields: ['name'], until: '2027-06-30' })),
      await bo.started('Bo'),
      ...(await bo.referred({ sharingId, referralId, partnerId: p2, fields: ['name'], until: '2027-06-30' })),
    ];
    await journeysGiven(events);
    const spec = await specs.fresh();
    await spec.given(events);
    await spec.serve();
    expect((await referralsForPartner(spec.db, vault, p1, TODAY)).map((r) => r.name)).toEqual(['Anna']);
    expect((await referralsForPartner(spec.db, vault, p2, TODAY)).map((r) => r.name)).toEqual(['Bo']);
    await spec.given([await anna.withdrawn(sharingId)]);
    expect((await referralsForPartner(spec.db, vault, p1, TODAY)).map((r) => r.status)).toEqual(['withdrawn']);
    expect((await referralsForPartner(spec.db, vault, p2, TODAY)).map((r) => [r.status, r.name])).toEqual([['shared', 'Bo']]);
  });

  it('a referral whose consent names another partner shows that partner nothing (a log written around the decider)', async () => {
    const [p1, p2] = [newId(), newId()];
    const anna = citizenOf(newId());
    const events = [await anna.started('Anna'), ...(await anna.referred({ sharingId: newId(), referralId: newId(), partnerId: p2, referralPartnerId: p1, fields: ['name'], until: '2027-06-30' }))];
    await journeysGiven(events);
    const spec = await specs.fresh();
    await spec.given(events);
    await spec.serve();
    expect(await referralsForPartner(spec.db, vault, p1, TODAY)).toEqual([]);
    expect(await referralsForPartner(spec.db, vault, p2, TODAY)).toEqual([]);
  });

  it('the partner sees the fields through the last day the consent covers, and nothing after it, nor once the citizen is erased', async () => {
    const partnerId = newId();
    const anna = citizenOf(newId());
    const events = [await anna.started('Anna'), ...(await anna.referred({ sharingId: newId(), referralId: newId(), partnerId, fields: ['name', 'contact'], until: '2027-03-31', contact: 'Ring 11 22 33 44' }))];
    await journeysGiven(events);
    const spec = await specs.fresh();
    await spec.given(events);
    await spec.serve();
    expect(await referralsForPartner(spec.db, vault, partnerId, '2027-03-31')).toMatchObject([{ status: 'shared', name: 'Anna', contact: 'Ring 11 22 33 44' }]);
    const expired = await referralsForPartner(spec.db, vault, partnerId, '2027-04-01');
    expect(expired).toMatchObject([{ status: 'expired', shared: [] }]);
    expect(JSON.stringify(expired)).not.toMatch(/Anna|Ring/);
    expect((await sharingsOfCitizen(spec.db, anna.citizenId, '2027-04-01')).map((s) => s.status)).toEqual(['expired']);
    const erased = await anna.erased();
    await journeysGiven([erased]);
    await spec.given([erased]);
    const after = await referralsForPartner(spec.db, vault, partnerId, '2027-03-02');
    expect(after).toMatchObject([{ status: 'erased', shared: [] }]);
    expect(JSON.stringify(after)).not.toMatch(/Anna|Ring/);
  });

  it('staff of the centre a journey moved to see an earlier centre’s consents only when the citizen shared their earlier records; the citizen sees all', async () => {
    const [a, b] = [newId(), newId()];
    const anna = citizenOf(a);
    const atA = newId();
    const atB = newId();
    const events = [
      await anna.started('Anna'),
      ...(await anna.referred({ sharingId: atA, referralId: newId(), partnerId: newId(), fields: ['name'], until: '2027-06-30' })),
      await anna.closed(),
      await anna.started('Anna', b),
      ...(await anna.referred({ sharingId: atB, referralId: newId(), partnerId: newId(), fields: ['goals'], until: '2027-06-30' })),
    ];
    const spec = await specs.fresh();
    await spec.given(events);
    await spec.serve();
    const ids = async (reader: Parameters<typeof sharingsSeenBy>[3]) => (await sharingsSeenBy(spec.db, anna.citizenId, TODAY, reader)).map((s) => s.sharingId);
    expect(await ids({ citizen: true })).toEqual([atB, atA]);
    expect(await ids({ centreId: b, seesEarlier: false })).toEqual([atB]);
    expect(await ids({ centreId: b, seesEarlier: true })).toEqual([atB, atA]);
    expect((await sharingsOfCitizen(spec.db, anna.citizenId, TODAY)).map((s) => s.sharingId)).toEqual([atB, atA]);
  });

  it('batch size does not matter, with ids shared between citizens', async () => {
    const centreId = newId();
    const partnerId = newId();
    const sharingId = newId();
    const referralId = newId();
    const anna = citizenOf(centreId);
    const bo = citizenOf(centreId);
    const events = [
      ...(await anna.referred({ sharingId, referralId, partnerId, fields: ['name'], until: '2027-06-30' })),
      ...(await bo.referred({ sharingId, referralId, partnerId, fields: ['goals'], until: '2027-05-30' })),
      await bo.withdrawn(sharingId),
      await anna.erased(),
    ];
    const rows = await specs.expectSameRowsForEverySplit(events);
    expect(rows.sharings?.map((r) => [r.citizen_id, r.withdrawn_at === null])).toEqual(expect.arrayContaining([[anna.citizenId, true], [bo.citizenId, false]]));
    expect(rows.referrals).toHaveLength(2);
  });
});
