/**
 * The `catalogue` read model, given events: partners (contacts sealed), agreements with every
 * version, catalogue offers (a renamed partner's name in its offers' search vector), and how
 * many take part in each offer; the same rows however the events are batched, in the same number
 * of statements whatever the batch's size; and its partner, agreement and use queries.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGREEMENT_EVENT_SCHEMA_VERSIONS, AGREEMENT_PERSONAL_FIELDS, agreementStreamId, type AgreementEvent, signatorySubject } from '../../src/domain/agreement/agreement.js';
import { CATALOGUE_EVENT_SCHEMA_VERSIONS, type CatalogueEvent, catalogueOfferStreamId, type OfferContent } from '../../src/domain/catalogue/catalogue.js';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, journeyStreamId, type JourneyEvent, type OfferRef } from '../../src/domain/journey/journey.js';
import { PARTNER_EVENT_SCHEMA_VERSIONS, PARTNER_PERSONAL_FIELDS, partnerContactSubject, partnerStreamId, type PartnerEvent } from '../../src/domain/partner/partner.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { newId } from '../../src/ids.js';
import { isSealed, type Vault } from '../../src/privacy/vault.js';
import { catalogueProjection, JOURNEY_USE_EVENTS } from '../../src/projections/catalogue/projection.js';
import { agreementById, agreementsOfCentre, agreementsOfPartner, partnerById, partnersOfCentre, useByMonth } from '../../src/projections/catalogue/queries.js';
import { EventLog, projectionSpecs, type Recording } from '../support/projection-spec.js';
import { specVault } from './histories.js';

const specs = projectionSpecs(catalogueProjection);
/** One vault for the file: what it seals, it opens. */
let vault: Vault;
beforeAll(async () => {
  await specs.setUp();
  vault = specVault(specs.database);
});
afterAll(specs.tearDown);

/** Personal data in the history, which no row may hold in the clear. */
const PLAINTEXT = {
  contactName: 'Birgitte Holm Sørensen',
  contactEmail: 'birgitte@cykelhuset.example',
  newContactName: 'Ahmad Rasuli',
  signatory: 'Jens Kromann',
  information: 'Vi talte om at starte i februar',
} as const;

const content = (over: Partial<OfferContent> = {}): OfferContent => ({
  kind: 'internship',
  title: 'Praktik i cykelværkstedet',
  titleEn: 'Internship in the bicycle workshop',
  description: 'Reparer cykler sammen med erfarne mekanikere i en rigtig virksomhed.',
  descriptionEn: 'Repair bicycles with experienced mechanics.',
  channels: ['in_person'],
  municipalityCode: '101',
  place: 'Nørrebrogade 10, 2200 København N',
  link: null,
  capacity: 4,
  suits: 'Dig der kan lide at skrue',
  ...over,
});

/**
 * One partner of a centre from registration to a terminated agreement, its offer and the centre's
 * own, and three journeys that take part in them: every event the read model handles, in an
 * order the deciders allow, personal fields sealed as the handler seals them.
 */
async function catalogueHistory(log: EventLog, vault: Vault, centreId = newId()) {
  const partnerId = newId();
  const agreementId = newId();
  const partnerOffer = newId();
  const ownOffer = newId();
  const staff = (at: string): Recording => ({ actor: { id: `staff-${centreId.slice(-4)}`, role: 'staff' }, centreId, at });
  const partnerStream = log.stream<PartnerEvent>(partnerStreamId(partnerId), PARTNER_EVENT_SCHEMA_VERSIONS);
  const partner = async (event: PartnerEvent, at: string) =>
    partnerStream({ type: event.type, data: await vault.sealFields(partnerContactSubject(partnerId), { ...event.data }, PARTNER_PERSONAL_FIELDS[event.type]) } as PartnerEvent, staff(at));
  const agreementStream = log.stream<AgreementEvent>(agreementStreamId(agreementId), AGREEMENT_EVENT_SCHEMA_VERSIONS);
  const agreement = async (event: AgreementEvent, at: string) =>
    agreementStream({ type: event.type, data: await vault.sealFields(signatorySubject(agreementId), { ...event.data }, AGREEMENT_PERSONAL_FIELDS[event.type]) } as AgreementEvent, staff(at));
  const offer = (offerId: string) => {
    const stream = log.stream<CatalogueEvent>(catalogueOfferStreamId(offerId), CATALOGUE_EVENT_SCHEMA_VERSIONS);
    return (event: CatalogueEvent, at: string) => stream(event, staff(at));
  };
  const citizens = [newId(), newId(), newId()] as const;
  const journey = (citizenId: string) => {
    const stream = log.stream<JourneyEvent>(journeyStreamId(citizenId), JOURNEY_EVENT_SCHEMA_VERSIONS);
    return (event: JourneyEvent, at: string) => stream(event, staff(at));
  };
  const made = (offerId: string, ref: OfferRef, at: string): JourneyEvent => ({
    type: 'OfferMade',
    data: { offerId, offer: ref, information: PLAINTEXT.information, staffId: 'staff-1', atCitizensRequest: false, at },
  });
  const partnerRef: OfferRef = { source: 'partner', partnerId, catalogueOfferId: partnerOffer };
  const ownRef: OfferRef = { source: 'centre', kind: 'coaching', catalogueOfferId: ownOffer };
  const [c1, c2, c3] = citizens.map(journey) as [ReturnType<typeof journey>, ReturnType<typeof journey>, ReturnType<typeof journey>];
  const signatories = [
    { side: 'partner', name: PLAINTEXT.signatory, title: 'Indehaver' },
    { side: 'centre', name: 'Lone Berg', title: null },
  ] as const;

  const events = {
    registered: await partner(
      {
        type: 'PartnerRegistered',
        data: { partnerId, centreId, kind: 'business', name: 'Cykelhuset ApS', cvr: '10000009', contactName: PLAINTEXT.contactName, contactEmail: PLAINTEXT.contactEmail, contactPhone: null },
      },
      '2027-01-04T09:00:00.000+01:00',
    ),
    signed: await agreement(
      {
        type: 'AgreementSigned',
        data: {
          agreementId,
          partnerId,
          centreId,
          version: 1,
          scope: 'Praktikpladser i værkstedet',
          offerKinds: ['internship'],
          startDate: '2027-02-01',
          endDate: '2027-12-31',
          payment: null,
          documentSha256: 'a'.repeat(64),
          signatories: [...signatories],
        },
      },
      '2027-01-10T10:00:00.000+01:00',
    ),
    partnerPublished: offer(partnerOffer)(
      { type: 'CatalogueOfferPublished', data: { offerId: partnerOffer, centreId, partnerId, agreementId, ...content() } },
      '2027-01-11T10:00:00.000+01:00',
    ),
    ownPublished: offer(ownOffer)(
      {
        type: 'CatalogueOfferPublished',
        data: {
          offerId: ownOffer,
          centreId,
          partnerId: null,
          agreementId: null,
          ...content({ kind: 'coaching', title: 'Samtaler om arbejdsliv', titleEn: null, descriptionEn: null, description: 'En samtale om det du drømmer om.', channels: ['video', 'phone'], place: null, capacity: null, suits: null }),
        },
      },
      '2027-01-11T11:00:00.000+01:00',
    ),
    renamed: await partner({ type: 'PartnerDetailsChanged', data: { partnerId, kind: 'business', name: 'Cyklisternes Værksted ApS', cvr: '10000009' } }, '2027-01-12T09:00:00.000+01:00'),
    contactChanged: await partner(
      { type: 'PartnerContactChanged', data: { partnerId, contactName: PLAINTEXT.newContactName, contactEmail: null, contactPhone: '+4512345678' } },
      '2027-01-12T09:30:00.000+01:00',
    ),
    amended: await agreement(
      {
        type: 'AgreementAmended',
        data: {
          agreementId,
          version: 2,
          scope: 'Praktik og sparring',
          offerKinds: ['internship', 'sparring'],
          endDate: '2027-12-31',
          payment: { amountOre: 500_000, basis: 'per_year' },
          documentSha256: 'b'.repeat(64),
          signatories: [...signatories],
        },
      },
      '2027-03-01T10:00:00.000+01:00',
    ),
    revised: offer(partnerOffer)(
      { type: 'CatalogueOfferRevised', data: { offerId: partnerOffer, agreementId, ...content({ capacity: 2, suits: 'Dig der vil lære at lodde' }) } },
      '2027-03-02T10:00:00.000+01:00',
    ),
    // The same journey offer id in two journeys: two participations, not one.
    made1: c1(made('o1', partnerRef, '2027-03-10T10:00:00.000+01:00'), '2027-03-10T10:00:00.000+01:00'),
    made2: c2(made('o1', partnerRef, '2027-03-11T10:00:00.000+01:00'), '2027-03-11T10:00:00.000+01:00'),
    madeOwn: c3(made('o7', ownRef, '2027-03-12T10:00:00.000+01:00'), '2027-03-12T10:00:00.000+01:00'),
    madePlain: c3(made('o8', { source: 'centre', kind: 'seminar' }, '2027-03-12T10:05:00.000+01:00'), '2027-03-12T10:05:00.000+01:00'),
    started1: c1({ type: 'ParticipationStarted', data: { offerId: 'o1' } }, '2027-03-15T09:00:00.000+01:00'),
    // 23:30 UTC on the last of March is April in Copenhagen.
    started2: c2({ type: 'ParticipationStarted', data: { offerId: 'o1' } }, '2027-03-31T23:30:00.000Z'),
    startedOwn: c3({ type: 'ParticipationStarted', data: { offerId: 'o7' } }, '2027-04-02T09:00:00.000+02:00'),
    startedPlain: c3({ type: 'ParticipationStarted', data: { offerId: 'o8' } }, '2027-04-02T09:05:00.000+02:00'),
    ended1: c1({ type: 'ParticipationEnded', data: { offerId: 'o1', because: 'offer_completed' } }, '2027-06-30T15:00:00.000+02:00'),
    renewed: await agreement(
      { type: 'AgreementRenewed', data: { agreementId, version: 3, endDate: '2028-12-31', documentSha256: 'c'.repeat(64), signatories: [...signatories] } },
      '2027-11-15T10:00:00.000+01:00',
    ),
    ownRetired: offer(ownOffer)({ type: 'CatalogueOfferRetired', data: { offerId: ownOffer } }, '2027-12-01T10:00:00.000+01:00'),
    terminated: await agreement({ type: 'AgreementTerminated', data: { agreementId, by: 'partner', reason: 'Værkstedet lukker' } }, '2028-02-01T10:00:00.000+01:00'),
  };
  return { centreId, partnerId, agreementId, partnerOffer, ownOffer, citizens, events, all: Object.values(events) };
}

type History = Awaited<ReturnType<typeof catalogueHistory>>;
const upTo = (h: History, step: keyof History['events']) => h.all.slice(0, Object.keys(h.events).indexOf(step) + 1);
const at = (e: RecordedEvent) => new Date(e.metadata.occurredAt);
const sealedBy = (subject: string) => ({ $sealed: 'v1', s: subject, iv: expect.any(String), ct: expect.any(String), tag: expect.any(String) });

describe('the catalogue read model', () => {
  it('handles every partner, agreement and catalogue event, and the journey’s offers and participation', () => {
    const handled = catalogueProjection.handles === 'all' ? [] : [...catalogueProjection.handles];
    expect(handled.sort()).toEqual(
      [...Object.keys(PARTNER_EVENT_SCHEMA_VERSIONS), ...Object.keys(AGREEMENT_EVENT_SCHEMA_VERSIONS), ...Object.keys(CATALOGUE_EVENT_SCHEMA_VERSIONS), ...JOURNEY_USE_EVENTS].sort(),
    );
    expect([...JOURNEY_USE_EVENTS].sort()).toEqual(['OfferMade', 'ParticipationEnded', 'ParticipationStarted']);
    expect(catalogueProjection.mode).toBe('async');
  });

  it('PartnerRegistered, PartnerDetailsChanged and PartnerContactChanged: the partner, its contact kept sealed as stored', async () => {
    const h = await catalogueHistory(new EventLog(), vault);
    const spec = await specs.fresh();
    await spec.given([h.events.registered]);
    const contact = sealedBy(partnerContactSubject(h.partnerId));
    const registered = { partner_id: h.partnerId, centre_id: h.centreId, kind: 'business', cvr: '10000009', registered_at: at(h.events.registered) };
    expect(await spec.rows('catalogue_partners')).toEqual([
      { ...registered, name: 'Cykelhuset ApS', contact_name: contact, contact_email: contact, contact_phone: null, changed_at: at(h.events.registered), version: '1' },
    ]);
    await spec.given([h.events.renamed], [h.events.contactChanged]);
    expect(await spec.rows('catalogue_partners')).toEqual([
      { ...registered, name: 'Cyklisternes Værksted ApS', contact_name: contact, contact_email: null, contact_phone: contact, changed_at: at(h.events.contactChanged), version: '3' },
    ]);
    // Kept exactly as the event holds it: the vault opens it to the new contact person.
    const [row] = await spec.rows('catalogue_partners');
    expect(row!['contact_name']).toEqual((h.events.contactChanged.data as { contactName: unknown }).contactName);
    expect(await vault.open(row!['contact_name'])).toBe(PLAINTEXT.newContactName);
  });

  it('AgreementSigned, AgreementAmended and AgreementRenewed: the terms in effect, and every version kept with its own time and signatories', async () => {
    const h = await catalogueHistory(new EventLog(), vault);
    const spec = await specs.fresh();
    await spec.given(upTo(h, 'signed'), [h.events.amended], [h.events.renewed]);
    const signatories = sealedBy(signatorySubject(h.agreementId));
    const version = (n: number, event: string, over: Record<string, unknown>, recorded: RecordedEvent) => ({
      agreement_id: h.agreementId,
      version: n,
      event,
      start_date: '2027-02-01',
      signatories,
      recorded_at: at(recorded),
      ...over,
    });
    const v1 = version(1, 'signed', { scope: 'Praktikpladser i værkstedet', offer_kinds: ['internship'], end_date: '2027-12-31', payment: null, document_sha256: 'a'.repeat(64) }, h.events.signed);
    const v2 = version(
      2,
      'amended',
      { scope: 'Praktik og sparring', offer_kinds: ['internship', 'sparring'], end_date: '2027-12-31', payment: { amountOre: 500_000, basis: 'per_year' }, document_sha256: 'b'.repeat(64) },
      h.events.amended,
    );
    // A renewal keeps the amended terms and moves the end.
    const v3 = { ...v2, version: 3, event: 'renewed', end_date: '2028-12-31', document_sha256: 'c'.repeat(64), recorded_at: at(h.events.renewed) };
    expect(await spec.rows('catalogue_agreement_versions')).toEqual([v1, v2, v3]);
    // The old versions' signatories stay as they were sealed, each its own.
    const versions = await spec.rows('catalogue_agreement_versions');
    expect(versions.map((v) => (v['signatories'] as { ct: string }).ct)).toEqual(
      [h.events.signed, h.events.amended, h.events.renewed].map((e) => (e.data as { signatories: { ct: string } }).signatories.ct),
    );
    expect(await spec.rows('catalogue_agreements')).toEqual([
      {
        agreement_id: h.agreementId,
        partner_id: h.partnerId,
        centre_id: h.centreId,
        status: 'signed',
        version: 3,
        scope: 'Praktik og sparring',
        offer_kinds: ['internship', 'sparring'],
        start_date: '2027-02-01',
        end_date: '2028-12-31',
        payment: { amountOre: 500_000, basis: 'per_year' },
        document_sha256: 'c'.repeat(64),
        signatories,
        signed_at: at(h.events.signed),
        changed_at: at(h.events.renewed),
        terminated_at: null,
        terminated_by: null,
        termination_reason: null,
      },
    ]);
  });

  it('AgreementTerminated ends it by a side, at its time; a version after that is no version (as in the aggregate)', async () => {
    const log = new EventLog();
    const h = await catalogueHistory(log, vault);
    const spec = await specs.fresh();
    const late = log.record(
      h.events.renewed.streamId,
      { type: 'AgreementRenewed', data: { agreementId: h.agreementId, version: 4, endDate: '2029-12-31', documentSha256: 'd'.repeat(64), signatories: [] } },
      1,
      { actor: h.events.renewed.metadata.actor, at: '2028-03-01T10:00:00.000+01:00' },
    );
    await spec.given(h.all, [late]);
    expect(await spec.rows('catalogue_agreements')).toMatchObject([
      { status: 'terminated', version: 3, end_date: '2028-12-31', terminated_at: at(h.events.terminated), terminated_by: 'partner', termination_reason: 'Værkstedet lukker' },
    ]);
    expect((await spec.rows('catalogue_agreement_versions')).map((v) => v['version'])).toEqual([1, 2, 3]);
  });

  it('CatalogueOfferPublished, Revised and Retired: every field of the offer, its partner’s name, and when', async () => {
    const h = await catalogueHistory(new EventLog(), vault);
    const spec = await specs.fresh();
    await spec.given(upTo(h, 'ownPublished'));
    const partnerOffer = {
      offer_id: h.partnerOffer,
      centre_id: h.centreId,
      partner_id: h.partnerId,
      agreement_id: h.agreementId,
      kind: 'internship',
      title: 'Praktik i cykelværkstedet',
      title_en: 'Internship in the bicycle workshop',
      description: 'Reparer cykler sammen med erfarne mekanikere i en rigtig virksomhed.',
      description_en: 'Repair bicycles with experienced mechanics.',
      channels: ['in_person'],
      municipality_code: '101',
      place: 'Nørrebrogade 10, 2200 København N',
      link: null,
      capacity: 4,
      suits: 'Dig der kan lide at skrue',
      partner_name: 'Cykelhuset ApS',
      status: 'published',
      published_at: at(h.events.partnerPublished),
      revised_at: null,
      retired_at: null,
      version: '1',
    };
    const rows = await spec.rows('catalogue_offers');
    const byId = (id: string) => rows.find((r) => r['offer_id'] === id);
    expect(byId(h.partnerOffer)).toEqual({ ...partnerOffer, search: expect.any(String), search_en: expect.any(String) });
    expect(byId(h.ownOffer)).toMatchObject({ partner_id: null, agreement_id: null, partner_name: null, kind: 'coaching', channels: ['video', 'phone'], capacity: null, title_en: null });

    await spec.given([h.events.renamed, h.events.contactChanged, h.events.amended], [h.events.revised], upTo(h, 'ownRetired').slice(upTo(h, 'revised').length));
    const after = await spec.rows('catalogue_offers');
    expect(after.find((r) => r['offer_id'] === h.partnerOffer)).toEqual({
      ...partnerOffer,
      capacity: 2,
      suits: 'Dig der vil lære at lodde',
      partner_name: 'Cyklisternes Værksted ApS',
      revised_at: at(h.events.revised),
      version: '2',
      search: expect.any(String),
      search_en: expect.any(String),
    });
    expect(after.find((r) => r['offer_id'] === h.ownOffer)).toMatchObject({ status: 'retired', retired_at: at(h.events.ownRetired), version: '2' });
  });

  it('a partner renamed in a later batch than its offers: the offers carry the new name, and their search vector finds it', async () => {
    const h = await catalogueHistory(new EventLog(), vault);
    const spec = await specs.fresh();
    await spec.given(upTo(h, 'ownPublished'));
    const finds = async (word: string) => {
      const { rows } = await sql<{ offer_id: string }>`select offer_id from ${sql.id(spec.schema, 'catalogue_offers')} where search @@ websearch_to_tsquery('danish', ${word})`.execute(spec.db);
      return rows.map((r) => r.offer_id);
    };
    expect(await finds('Cykelhuset')).toEqual([h.partnerOffer]);
    expect(await finds('Cyklisternes')).toEqual([]);
    await spec.given([h.events.renamed]);
    expect(await finds('Cyklisternes')).toEqual([h.partnerOffer]);
    expect(await finds('Cykelhuset')).toEqual([]);
  });

  it('journey offers naming a catalogue offer are counted by journey and offer id; starts and ends change the count, once each', async () => {
    const log = new EventLog();
    const h = await catalogueHistory(log, vault);
    const spec = await specs.fresh();
    // A second start of a participation already running is no new participant.
    const again = log.record(h.events.started1.streamId, { type: 'ParticipationStarted', data: { offerId: 'o1' } }, 1, { actor: h.events.started1.metadata.actor, at: '2027-03-16T09:00:00.000+01:00' });
    await spec.given(upTo(h, 'startedPlain'), [again]);
    const [s1, s2, s3] = h.citizens.map(journeyStreamId) as [string, string, string];
    expect(await spec.rows('catalogue_journey_offers')).toEqual(
      [
        { stream_id: s1, offer_id: 'o1', catalogue_offer_id: h.partnerOffer, participating: true },
        { stream_id: s2, offer_id: 'o1', catalogue_offer_id: h.partnerOffer, participating: true },
        { stream_id: s3, offer_id: 'o7', catalogue_offer_id: h.ownOffer, participating: true },
      ].sort((a, b) => (a.stream_id + a.offer_id < b.stream_id + b.offer_id ? -1 : 1)),
    );
    const use = async () => Object.fromEntries((await spec.rows('catalogue_use')).map((r) => [r['catalogue_offer_id'], r['participants']]));
    expect(await use()).toEqual({ [h.partnerOffer]: 2, [h.ownOffer]: 1 });
    await spec.given([h.events.ended1]);
    expect(await use()).toEqual({ [h.partnerOffer]: 1, [h.ownOffer]: 1 });
    expect(await spec.rows('catalogue_participations')).toEqual(
      [h.events.started1, h.events.started2, h.events.startedOwn, h.events.ended1].map((e) => ({
        position: String(e.globalPosition),
        catalogue_offer_id: e === h.events.startedOwn ? h.ownOffer : h.partnerOffer,
        change: e.type === 'ParticipationStarted' ? 'started' : 'ended',
        occurred_at: at(e),
      })),
    );
  });

  it('keeps personal data sealed: no row holds a contact person, a signatory or what a counsellor wrote', async () => {
    const h = await catalogueHistory(new EventLog(), vault);
    const spec = await specs.fresh();
    await spec.given(h.all);
    const stored = JSON.stringify(await spec.snapshot());
    for (const [name, words] of Object.entries(PLAINTEXT)) expect(stored, name).not.toContain(words);
    // And the sealed fields are there, under the partner's contact key and the agreement's signatory key.
    const [partner] = await spec.rows('catalogue_partners');
    expect(isSealed(partner!['contact_name'])).toBe(true);
    expect((await spec.rows('catalogue_agreement_versions')).every((v) => isSealed(v['signatories']) && v['signatories'].s === signatorySubject(h.agreementId))).toBe(true);
  });

  it('the same rows whatever the batches', async () => {
    const h = await catalogueHistory(new EventLog(), vault);
    const expected = await specs.expectSameRowsForEverySplit(h.all);
    // The split runs compared something: every table has rows.
    for (const table of catalogueProjection.tables) expect(expected[table]!.length, table).toBeGreaterThan(0);
  });

  it('a batch costs the same statements for one partner’s history as for forty', async () => {
    const statements = async (histories: number) => {
      const log = new EventLog();
      const all: RecordedEvent[] = [];
      for (let i = 0; i < histories; i++) all.push(...(await catalogueHistory(log, vault)).all);
      const { statements: count, schema } = await specs.statementsFor(all);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, 'catalogue_offers')}`.execute(specs.db);
      expect(rows[0]!.n).toBe(2 * histories);
      return count;
    };
    const few = await statements(1);
    // Five reads (partners, agreements, offers, journey offers, counts); one upsert per table
    // and the participations inserted; one update of a renamed partner's offers.
    expect(few).toBe(13);
    expect(await statements(40)).toBe(few);
  });
});

describe('the catalogue’s partner, agreement and use queries', () => {
  it('partnerById and partnersOfCentre: the partner with its contact as stored, for staff to open', async () => {
    const h = await catalogueHistory(new EventLog(), vault);
    const other = await catalogueHistory(new EventLog(), vault);
    const spec = await specs.fresh();
    await spec.given(h.all, other.all);
    await spec.serve();
    const partner = await partnerById(spec.db, h.partnerId);
    expect(partner).toEqual({
      partnerId: h.partnerId,
      centreId: h.centreId,
      kind: 'business',
      name: 'Cyklisternes Værksted ApS',
      cvr: '10000009',
      contact: { name: sealedBy(partnerContactSubject(h.partnerId)), email: null, phone: sealedBy(partnerContactSubject(h.partnerId)) },
      registeredAt: '2027-01-04T08:00:00.000Z',
      changedAt: '2027-01-12T08:30:00.000Z',
    });
    expect(await vault.openAll(partner!.contact)).toEqual({ name: PLAINTEXT.newContactName, email: null, phone: '+4512345678' });
    expect((await partnersOfCentre(spec.db, h.centreId)).map((p) => p.partnerId)).toEqual([h.partnerId]);
    expect(await partnerById(spec.db, newId())).toBeUndefined();
  });

  it('agreementById: the terms in effect and every version; agreementsOfPartner and agreementsOfCentre list them', async () => {
    const h = await catalogueHistory(new EventLog(), vault);
    const other = await catalogueHistory(new EventLog(), vault);
    const spec = await specs.fresh();
    await spec.given(h.all, other.all);
    await spec.serve();
    const agreement = await agreementById(spec.db, h.agreementId);
    expect(agreement).toMatchObject({
      agreementId: h.agreementId,
      partnerId: h.partnerId,
      partnerName: 'Cyklisternes Værksted ApS',
      centreId: h.centreId,
      status: 'terminated',
      terms: { version: 3, scope: 'Praktik og sparring', startDate: '2027-02-01', endDate: '2028-12-31', payment: { amountOre: 500_000, basis: 'per_year' } },
      signedAt: '2027-01-10T09:00:00.000Z',
      terminated: { at: '2028-02-01T09:00:00.000Z', by: 'partner', reason: 'Værkstedet lukker' },
    });
    expect(agreement!.versions.map((v) => [v.version, v.event, v.endDate, v.documentSha256[0], v.recordedAt])).toEqual([
      [1, 'signed', '2027-12-31', 'a', '2027-01-10T09:00:00.000Z'],
      [2, 'amended', '2027-12-31', 'b', '2027-03-01T09:00:00.000Z'],
      [3, 'renewed', '2028-12-31', 'c', '2027-11-15T09:00:00.000Z'],
    ]);
    const signatories = await vault.open(agreement!.versions[0]!.signatories);
    expect(signatories).toEqual([
      { side: 'partner', name: PLAINTEXT.signatory, title: 'Indehaver' },
      { side: 'centre', name: 'Lone Berg', title: null },
    ]);
    expect((await agreementsOfPartner(spec.db, h.partnerId)).map((a) => a.agreementId)).toEqual([h.agreementId]);
    expect((await agreementsOfCentre(spec.db, other.centreId)).map((a) => a.agreementId)).toEqual([other.agreementId]);
    expect(await agreementById(spec.db, newId())).toBeUndefined();
  });

  it('useByMonth: started, ended and taking part at each month’s end, in Copenhagen months, quiet months included', async () => {
    const h = await catalogueHistory(new EventLog(), vault);
    const spec = await specs.fresh();
    await spec.given(h.all);
    await spec.serve();
    expect(await useByMonth(spec.db, h.partnerOffer)).toEqual({
      currentParticipants: 1,
      months: [
        { month: '2027-03', started: 1, ended: 0, participantsAtMonthEnd: 1 },
        // 2027-03-31T23:30Z is 1 April in Copenhagen.
        { month: '2027-04', started: 1, ended: 0, participantsAtMonthEnd: 2 },
        { month: '2027-05', started: 0, ended: 0, participantsAtMonthEnd: 2 },
        { month: '2027-06', started: 0, ended: 1, participantsAtMonthEnd: 1 },
      ],
    });
    expect(await useByMonth(spec.db, h.ownOffer)).toEqual({ currentParticipants: 1, months: [{ month: '2027-04', started: 1, ended: 0, participantsAtMonthEnd: 1 }] });
    expect(await useByMonth(spec.db, newId())).toEqual({ currentParticipants: 0, months: [] });
  });
});
