/**
 * Searching the catalogue on real PostgreSQL: what the `danish` text search configuration really
 * does with Danish words, the filters, the ranking, paging, which offers are listed on a date
 * (and why an offer is not), text from users that must neither fail nor become SQL, and English.
 * Every catalogue is made through the read model's own projection from domain events.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGREEMENT_EVENT_SCHEMA_VERSIONS, agreementStreamId, type AgreementEvent } from '../src/domain/agreement/agreement.js';
import { CATALOGUE_EVENT_SCHEMA_VERSIONS, type CatalogueEvent, catalogueOfferStreamId, type OfferContent } from '../src/domain/catalogue/catalogue.js';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, journeyStreamId, type CentreOfferKind, type JourneyEvent } from '../src/domain/journey/journey.js';
import { PARTNER_EVENT_SCHEMA_VERSIONS, partnerStreamId, type PartnerEvent } from '../src/domain/partner/partner.js';
import { InvalidValue } from '../src/domain/shared/errors.js';
import type { RecordedEvent } from '../src/eventstore/port.js';
import { newId } from '../src/ids.js';
import { catalogueProjection } from '../src/projections/catalogue/projection.js';
import { type CatalogueSearch, catalogueOfferById, SEARCH_TEXT_MAX, searchCatalogue } from '../src/projections/catalogue/queries.js';
import { EventLog, projectionSpecs, type Recording } from './support/projection-spec.js';

const specs = projectionSpecs(catalogueProjection);
beforeAll(specs.setUp);
afterAll(specs.tearDown);

/** A catalogue written as events: partners, agreements, offers and participation, as the deciders would record them. */
class Catalogue {
  readonly log = new EventLog();
  readonly events: RecordedEvent[] = [];
  private day = 0;
  constructor(readonly centreId = newId()) {}

  /** The next moment: every event a minute after the one before, in January 2027. */
  private recording(): Recording {
    this.day += 1;
    const at = new Date(Date.UTC(2027, 0, 1, 9, this.day)).toISOString();
    return { actor: { id: 'staff-1', role: 'staff' }, centreId: this.centreId, at };
  }

  partner(name: string): string {
    const partnerId = newId();
    const stream = this.log.stream<PartnerEvent>(partnerStreamId(partnerId), PARTNER_EVENT_SCHEMA_VERSIONS);
    this.events.push(
      stream(
        { type: 'PartnerRegistered', data: { partnerId, centreId: this.centreId, kind: 'business', name, cvr: null, contactName: 'sealed in the app', contactEmail: null, contactPhone: null } },
        this.recording(),
      ),
    );
    return partnerId;
  }

  private agreementStream(agreementId: string) {
    return this.log.stream<AgreementEvent>(agreementStreamId(agreementId), AGREEMENT_EVENT_SCHEMA_VERSIONS);
  }

  agreement(partnerId: string, period: { start: string; end: string }, offerKinds: CentreOfferKind[] = ['internship', 'coaching', 'physical_activity_and_health', 'workshop']): string {
    const agreementId = newId();
    this.events.push(
      this.agreementStream(agreementId)(
        {
          type: 'AgreementSigned',
          data: { agreementId, partnerId, centreId: this.centreId, version: 1, scope: 'Samarbejde', offerKinds, startDate: period.start, endDate: period.end, payment: null, documentSha256: '0'.repeat(64), signatories: [] },
        },
        this.recording(),
      ),
    );
    return agreementId;
  }

  renew(agreementId: string, version: number, endDate: string): void {
    this.events.push(this.agreementStream(agreementId)({ type: 'AgreementRenewed', data: { agreementId, version, endDate, documentSha256: String(version).repeat(64), signatories: [] } }, this.recording()));
  }

  terminate(agreementId: string): void {
    this.events.push(this.agreementStream(agreementId)({ type: 'AgreementTerminated', data: { agreementId, by: 'centre', reason: null } }, this.recording()));
  }

  private offerStream(offerId: string) {
    return this.log.stream<CatalogueEvent>(catalogueOfferStreamId(offerId), CATALOGUE_EVENT_SCHEMA_VERSIONS);
  }

  /** An offer: the centre's own unless it names a partner and an agreement. */
  offer(over: Partial<OfferContent> & { partnerId?: string; agreementId?: string; centreId?: string } = {}): string {
    const offerId = newId();
    const { partnerId = null, agreementId = null, centreId = this.centreId, ...rest } = over;
    const data = { offerId, centreId, partnerId, agreementId, ...offerContent(rest) };
    this.events.push(this.offerStream(offerId)({ type: 'CatalogueOfferPublished', data }, this.recording()));
    return offerId;
  }

  revise(offerId: string, agreementId: string | null, over: Partial<OfferContent> = {}): void {
    this.events.push(this.offerStream(offerId)({ type: 'CatalogueOfferRevised', data: { offerId, agreementId, ...offerContent(over) } }, this.recording()));
  }

  retire(offerId: string): void {
    this.events.push(this.offerStream(offerId)({ type: 'CatalogueOfferRetired', data: { offerId } }, this.recording()));
  }

  /** `count` citizens offered it and taking part; returns their journey streams' event makers to end one. */
  participate(catalogueOfferId: string, count: number): (() => void)[] {
    return Array.from({ length: count }, () => {
      const stream = this.log.stream<JourneyEvent>(journeyStreamId(newId()), JOURNEY_EVENT_SCHEMA_VERSIONS);
      const madeAt = this.recording();
      this.events.push(
        stream(
          { type: 'OfferMade', data: { offerId: 'o1', offer: { source: 'centre', kind: 'coaching', catalogueOfferId }, information: 'sealed in the app', staffId: 'staff-1', atCitizensRequest: true, at: madeAt.at } },
          madeAt,
        ),
      );
      this.events.push(stream({ type: 'ParticipationStarted', data: { offerId: 'o1' } }, this.recording()));
      return () => void this.events.push(stream({ type: 'ParticipationEnded', data: { offerId: 'o1', because: 'citizen_left' } }, this.recording()));
    });
  }

  /** A build of the read model with these events (in batches of 7, as the engine might cut them), served through `rm`. */
  async serve() {
    const spec = await specs.fresh();
    const batches: RecordedEvent[][] = [];
    for (let i = 0; i < this.events.length; i += 7) batches.push(this.events.slice(i, i + 7));
    await spec.given(...batches);
    await spec.serve();
    return spec.db;
  }
}

function offerContent(over: Partial<OfferContent>): OfferContent {
  return {
    kind: 'coaching',
    title: 'Et tilbud',
    titleEn: null,
    description: 'Noget at være med i.',
    descriptionEn: null,
    channels: ['in_person'],
    municipalityCode: '101',
    place: 'Huset',
    link: null,
    capacity: null,
    suits: null,
    ...over,
  };
}

const TODAY = '2027-06-15';
const search = (db: Awaited<ReturnType<Catalogue['serve']>>, query: Partial<CatalogueSearch>) => searchCatalogue(db, { lang: 'da', today: TODAY, limit: 50, offset: 0, ...query });
const ids = async (result: Promise<{ offers: { offerId: string }[] }>) => (await result).offers.map((o) => o.offerId);

describe('what the danish configuration does with Danish words', () => {
  it('stems as the Snowball Danish stemmer does: the lexemes these tests rely on', async () => {
    // Asserted, so a server whose stemmer differs says why a search test below fails.
    const lexemes = async (word: string) => (await sql<{ v: string }>`select to_tsvector('danish', ${word})::text as v`.execute(specs.db)).rows[0]!.v;
    expect(await lexemes('virksomhed virksomheder virksomhedens')).toBe("'virksom':1,2,3");
    expect(await lexemes('løb løbe løber løbet')).toBe("'løb':1,2,3,4");
    expect(await lexemes('kursus kurser kurset')).toBe("'kurs':2,3 'kursus':1");
    expect(await lexemes('cykel cykler cykle')).toBe("'cykel':1 'cykl':2,3");
    expect(await lexemes('praktik praktikant praktikanter')).toBe("'praktik':1 'praktikant':2,3");
    expect(await lexemes('og i for med')).toBe('');
  });

  it('"virksomhed" finds an offer that says "virksomheder", and "virksomhedens" one that says "virksomhed"', async () => {
    const c = new Catalogue();
    const plural = c.offer({ title: 'Praktik i små virksomheder' });
    const singular = c.offer({ title: 'Start din egen virksomhed' });
    c.offer({ title: 'Gåture i parken' });
    const db = await c.serve();
    expect((await ids(search(db, { text: 'virksomhed' }))).sort()).toEqual([plural, singular].sort());
    expect((await ids(search(db, { text: 'virksomhedens' }))).sort()).toEqual([plural, singular].sort());
  });

  it('"løb" finds "løbe" and "løber"; "løber" finds "løb"', async () => {
    const c = new Catalogue();
    const lobe = c.offer({ title: 'Lær at løbe fem kilometer' });
    const lober = c.offer({ title: 'Vi løber sammen om morgenen' });
    const lob = c.offer({ title: 'Løb og gåture for alle' });
    c.offer({ title: 'Svømning for begyndere' });
    const db = await c.serve();
    expect((await ids(search(db, { text: 'løb' }))).sort()).toEqual([lobe, lober, lob].sort());
    expect((await ids(search(db, { text: 'løber' }))).sort()).toEqual([lobe, lober, lob].sort());
  });

  it('where the stemmer stops: "kursus" does not find "kurser", nor "cykel" "cykler"; "kurser" finds "kurset" and "cykler" finds "cykle"', async () => {
    const c = new Catalogue();
    const kurser = c.offer({ title: 'Korte kurser i regnskab' });
    const kurset = c.offer({ title: 'Kurset om bogføring' });
    const kursus = c.offer({ title: 'Et kursus i iværksætteri' });
    const cykler = c.offer({ title: 'Vi reparerer cykler' });
    const cykle = c.offer({ title: 'Lær at cykle i byen' });
    const cykel = c.offer({ title: 'Din cykel som arbejdsplads' });
    const db = await c.serve();
    expect(await ids(search(db, { text: 'kursus' }))).toEqual([kursus]);
    expect((await ids(search(db, { text: 'kurser' }))).sort()).toEqual([kurser, kurset].sort());
    expect(await ids(search(db, { text: 'cykel' }))).toEqual([cykel]);
    expect((await ids(search(db, { text: 'cykler' }))).sort()).toEqual([cykler, cykle].sort());
  });

  it('stop words alone match nothing (as PostgreSQL’s own search); no text lists everything', async () => {
    const c = new Catalogue();
    c.offer({ title: 'Kaffe og kage', description: 'Vi mødes i huset for at tale med hinanden.' });
    c.offer({ title: 'Job og uddannelse' });
    const db = await c.serve();
    expect(await search(db, { text: 'og i for med' })).toEqual({ total: 0, offers: [] });
    expect((await search(db, { text: '   ' })).total).toBe(2);
    expect((await search(db, {})).total).toBe(2);
  });

  it('searches the description, the partner’s name and who it suits, not only the title', async () => {
    const c = new Catalogue();
    const partnerId = c.partner('Roklubben Øresund');
    const agreementId = c.agreement(partnerId, { start: '2027-01-01', end: '2027-12-31' });
    const byDescription = c.offer({ title: 'Morgentræning', description: 'Vi træner på ergometre i klubhuset.' });
    const byPartner = c.offer({ partnerId, agreementId, kind: 'physical_activity_and_health', title: 'Prøv at ro' });
    const bySuits = c.offer({ title: 'Fællesspisning', suits: 'Dig der savner nogen at spise med efter træningen' });
    const db = await c.serve();
    expect(await ids(search(db, { text: 'ergometre' }))).toEqual([byDescription]);
    expect(await ids(search(db, { text: 'roklubben' }))).toEqual([byPartner]);
    expect(await ids(search(db, { text: 'savner' }))).toEqual([bySuits]);
    expect((await search(db, { text: 'roklubben' })).offers[0]!.partnerName).toBe('Roklubben Øresund');
  });
});

describe('ranking and paging', () => {
  it('a match in the title ranks above one in the description, which ranks above one in who it suits', async () => {
    const c = new Catalogue();
    // Published in the opposite order, and titled so that by title alone they would sort the other way.
    const inSuits = c.offer({ title: 'A: fællesskab', description: 'Vi mødes.', suits: 'Dig der vil i praktik' });
    const inDescription = c.offer({ title: 'B: værksted', description: 'Her kan du komme i praktik hos os.' });
    const inTitle = c.offer({ title: 'C: praktik i butik', description: 'Vi mødes.' });
    const db = await c.serve();
    const result = await search(db, { text: 'praktik' });
    expect(result.offers.map((o) => o.offerId)).toEqual([inTitle, inDescription, inSuits]);
    const [title, description, suits] = result.offers.map((o) => o.rank!);
    expect(title!).toBeGreaterThan(description!);
    expect(description!).toBeGreaterThan(suits!);
  });

  it('equal ranks by title; no text: by title, with no rank', async () => {
    const c = new Catalogue();
    const b = c.offer({ title: 'Bæredygtig praktik' });
    const a = c.offer({ title: 'Anden praktik' });
    const db = await c.serve();
    expect(await ids(search(db, { text: 'praktik' }))).toEqual([a, b]);
    const all = await search(db, {});
    expect(all.offers.map((o) => [o.offerId, o.rank])).toEqual([
      [a, null],
      [b, null],
    ]);
  });

  it('pages: each page its part, in one order, with the total of all; a page past the end is empty and still says the total', async () => {
    const c = new Catalogue();
    const made = Array.from({ length: 25 }, (_, i) => c.offer({ title: `Værksted nummer ${String(i).padStart(2, '0')}` }));
    c.offer({ title: 'Noget helt andet' });
    const db = await c.serve();
    const page = (offset: number) => search(db, { text: 'værksted', limit: 10, offset });
    const pages = [await page(0), await page(10), await page(20)];
    expect(pages.map((p) => [p.total, p.offers.length])).toEqual([
      [25, 10],
      [25, 10],
      [25, 5],
    ]);
    expect(pages.flatMap((p) => p.offers.map((o) => o.offerId))).toEqual(made);
    expect(await page(30)).toEqual({ total: 25, offers: [] });
  });

  it('refuses a malformed date or page, as a typed error', async () => {
    const db = await new Catalogue().serve();
    await expect(search(db, { today: '15-06-2027' })).rejects.toBeInstanceOf(InvalidValue);
    await expect(search(db, { today: '2027-13-01' })).rejects.toBeInstanceOf(InvalidValue);
    await expect(search(db, { limit: 0 })).rejects.toBeInstanceOf(InvalidValue);
    await expect(search(db, { limit: 101 })).rejects.toBeInstanceOf(InvalidValue);
    await expect(search(db, { offset: -1 })).rejects.toBeInstanceOf(InvalidValue);
    await expect(catalogueOfferById(db, newId(), '2027/06/15')).rejects.toBeInstanceOf(InvalidValue);
  });
});

describe('filters', () => {
  it('by kind, channel (any of those asked), municipality and centre', async () => {
    const c = new Catalogue();
    const otherCentre = newId();
    const coachingVideo = c.offer({ kind: 'coaching', channels: ['video', 'phone'], place: null, municipalityCode: '101' });
    const workshopInPerson = c.offer({ kind: 'workshop', channels: ['in_person'], municipalityCode: '751' });
    const coachingChat = c.offer({ kind: 'coaching', channels: ['chat'], place: null, municipalityCode: '751', centreId: otherCentre });
    const db = await c.serve();
    const sorted = async (q: Partial<CatalogueSearch>) => (await ids(search(db, q))).sort();
    expect(await sorted({ kinds: ['coaching'] })).toEqual([coachingVideo, coachingChat].sort());
    expect(await sorted({ kinds: ['coaching', 'workshop'] })).toEqual([coachingVideo, workshopInPerson, coachingChat].sort());
    expect(await sorted({ kinds: ['internship'] })).toEqual([]);
    expect(await sorted({ channels: ['phone'] })).toEqual([coachingVideo]);
    expect(await sorted({ channels: ['chat', 'in_person'] })).toEqual([workshopInPerson, coachingChat].sort());
    expect(await sorted({ municipalityCode: '751' })).toEqual([workshopInPerson, coachingChat].sort());
    expect(await sorted({ municipalityCode: '751', kinds: ['coaching'] })).toEqual([coachingChat]);
    expect(await sorted({ centreId: otherCentre })).toEqual([coachingChat]);
    expect(await sorted({ centreId: c.centreId, channels: ['chat'] })).toEqual([]);
    // No list, or an empty one: no restriction.
    expect(await sorted({ kinds: [], channels: [] })).toHaveLength(3);
  });

  it('free places: capacity less those taking part now; only offers with a free place (or no limit) when asked', async () => {
    const c = new Catalogue();
    const full = c.offer({ title: 'Fuldt hold', capacity: 2 });
    const oneLeft = c.offer({ title: 'En plads tilbage', capacity: 2 });
    const freedAgain = c.offer({ title: 'Plads igen', capacity: 1 });
    const unlimited = c.offer({ title: 'Uden grænse', capacity: null });
    c.participate(full, 2);
    c.participate(oneLeft, 1);
    c.participate(unlimited, 5);
    const [leaves] = c.participate(freedAgain, 1);
    leaves!();
    const db = await c.serve();
    const all = await search(db, {});
    expect(Object.fromEntries(all.offers.map((o) => [o.offerId, [o.participants, o.freePlaces]]))).toEqual({
      [full]: [2, 0],
      [oneLeft]: [1, 1],
      [freedAgain]: [0, 1],
      [unlimited]: [5, null],
    });
    expect((await ids(search(db, { freeCapacity: true }))).sort()).toEqual([oneLeft, freedAgain, unlimited].sort());
    expect((await ids(search(db, { freeCapacity: false }))).sort()).toHaveLength(4);
  });
});

describe('which offers are listed on a date', () => {
  it('a partner’s offer from its agreement’s first day to its last, both included; not before, not after', async () => {
    const c = new Catalogue();
    const partnerId = c.partner('Bageriet');
    const agreementId = c.agreement(partnerId, { start: '2027-02-01', end: '2027-12-31' });
    const offerId = c.offer({ partnerId, agreementId, kind: 'internship', title: 'Praktik i bageriet' });
    const db = await c.serve();
    const listed = async (today: string) => (await ids(search(db, { today }))).includes(offerId);
    expect([await listed('2027-01-31'), await listed('2027-02-01'), await listed('2027-12-31'), await listed('2028-01-01')]).toEqual([false, true, true, false]);
    expect(await catalogueOfferById(db, offerId, '2027-01-31')).toMatchObject({ listed: false, notListedBecause: 'agreement_not_yet_in_force', agreement: { agreementId, status: 'signed', startDate: '2027-02-01', endDate: '2027-12-31' } });
    expect(await catalogueOfferById(db, offerId, '2027-02-01')).toMatchObject({ listed: true, notListedBecause: null, partnerName: 'Bageriet' });
    expect(await catalogueOfferById(db, offerId, '2028-01-01')).toMatchObject({ listed: false, notListedBecause: 'agreement_ended' });
  });

  it('a renewal lists it past the old end date', async () => {
    const c = new Catalogue();
    const partnerId = c.partner('Bageriet');
    const agreementId = c.agreement(partnerId, { start: '2027-02-01', end: '2027-12-31' });
    const offerId = c.offer({ partnerId, agreementId, kind: 'internship' });
    c.renew(agreementId, 2, '2028-06-30');
    const db = await c.serve();
    expect(await ids(search(db, { today: '2028-06-30' }))).toEqual([offerId]);
    expect(await ids(search(db, { today: '2028-07-01' }))).toEqual([]);
  });

  it('an agreement terminated: its offers are gone from the next search, and say why', async () => {
    const c = new Catalogue();
    const partnerId = c.partner('Bageriet');
    const ended = c.agreement(partnerId, { start: '2027-01-01', end: '2027-12-31' });
    const running = c.agreement(partnerId, { start: '2027-01-01', end: '2027-12-31' });
    const gone = c.offer({ partnerId, agreementId: ended, kind: 'internship', title: 'Praktik ved ovnen' });
    const stays = c.offer({ partnerId, agreementId: running, kind: 'internship', title: 'Praktik i butikken' });
    const before = await c.serve();
    expect((await ids(search(before, { text: 'praktik' }))).sort()).toEqual([gone, stays].sort());
    c.terminate(ended);
    const after = await c.serve();
    expect(await ids(search(after, { text: 'praktik' }))).toEqual([stays]);
    expect(await catalogueOfferById(after, gone, TODAY)).toMatchObject({ status: 'published', listed: false, notListedBecause: 'agreement_terminated' });
  });

  it('a retired offer is gone; the centre’s own offer is listed without any agreement, on any date', async () => {
    const c = new Catalogue();
    const retired = c.offer({ title: 'Gammelt værksted' });
    const own = c.offer({ title: 'Nyt værksted' });
    c.retire(retired);
    const db = await c.serve();
    expect(await ids(search(db, { text: 'værksted' }))).toEqual([own]);
    expect(await ids(search(db, { text: 'værksted', today: '1999-01-01' }))).toEqual([own]);
    expect(await catalogueOfferById(db, retired, TODAY)).toMatchObject({ status: 'retired', listed: false, notListedBecause: 'retired' });
    expect(await catalogueOfferById(db, own, TODAY)).toMatchObject({ listed: true, notListedBecause: null, agreement: null, partnerId: null });
    expect(await catalogueOfferById(db, newId(), TODAY)).toBeUndefined();
  });

  it('the search and catalogueOfferById say the same about every offer on every date', async () => {
    const c = new Catalogue();
    const partnerId = c.partner('Bageriet');
    const inForce = c.agreement(partnerId, { start: '2027-02-01', end: '2027-12-31' });
    const terminated = c.agreement(partnerId, { start: '2027-01-01', end: '2027-12-31' });
    const renewed = c.agreement(partnerId, { start: '2027-01-01', end: '2027-06-30' });
    const later = c.agreement(partnerId, { start: '2028-01-01', end: '2028-12-31' });
    const offers = {
      own: c.offer(),
      ownRetired: c.offer(),
      inForce: c.offer({ partnerId, agreementId: inForce, kind: 'internship' }),
      terminated: c.offer({ partnerId, agreementId: terminated, kind: 'internship' }),
      renewed: c.offer({ partnerId, agreementId: renewed, kind: 'internship' }),
      later: c.offer({ partnerId, agreementId: later, kind: 'internship' }),
      retired: c.offer({ partnerId, agreementId: inForce, kind: 'internship' }),
    };
    c.retire(offers.ownRetired);
    c.retire(offers.retired);
    c.terminate(terminated);
    c.renew(renewed, 2, '2028-06-30');
    const db = await c.serve();
    const names = new Map(Object.entries(offers).map(([name, id]) => [id, name]));
    const listedBy = async (today: string) => {
      const searched = (await ids(search(db, { today }))).map((id) => names.get(id)).sort();
      const one = [];
      for (const [name, id] of Object.entries(offers)) if ((await catalogueOfferById(db, id, today))!.listed) one.push(name);
      expect(searched, today).toEqual(one.sort());
      return searched;
    };
    expect(await listedBy('2027-01-31')).toEqual(['own', 'renewed']);
    expect(await listedBy('2027-02-01')).toEqual(['inForce', 'own', 'renewed']);
    expect(await listedBy('2027-12-31')).toEqual(['inForce', 'own', 'renewed']);
    expect(await listedBy('2028-01-01')).toEqual(['later', 'own', 'renewed']);
    expect(await listedBy('2028-07-01')).toEqual(['later', 'own']);
    expect(await listedBy('2029-01-01')).toEqual(['own']);
  });

  it('an offer revised onto another agreement follows that agreement', async () => {
    const c = new Catalogue();
    const partnerId = c.partner('Bageriet');
    const old = c.agreement(partnerId, { start: '2027-01-01', end: '2027-03-31' });
    const next = c.agreement(partnerId, { start: '2027-04-01', end: '2027-12-31' });
    const offerId = c.offer({ partnerId, agreementId: old, kind: 'internship' });
    c.revise(offerId, next, { kind: 'internship' });
    const db = await c.serve();
    expect(await ids(search(db, { today: '2027-03-15' }))).toEqual([]);
    expect(await ids(search(db, { today: '2027-06-15' }))).toEqual([offerId]);
    expect(await catalogueOfferById(db, offerId, '2027-03-15')).toMatchObject({ agreementId: next, notListedBecause: 'agreement_not_yet_in_force' });
  });
});

describe('text from users', () => {
  it('quotes, operators, prefix marks, backslashes and SQL are words to search for, never SQL', async () => {
    const c = new Catalogue();
    const workshop = c.offer({ title: 'Cykler i værkstedet', description: 'Vi løber ikke, vi skruer.' });
    c.offer({ title: 'Noget helt andet', description: 'Kaffe.' });
    const db = await c.serve();
    const hostile: [string, string[]][] = [
      ['"cykler i værkstedet"', [workshop]],
      ['"værkstedet cykler"', []],
      ['cykler & værkstedet', [workshop]],
      ['cykler | kaffe', []],
      ['cykler or kaffe', [workshop, ...(await ids(search(db, { text: 'kaffe' })))]],
      ['-kaffe cykler', [workshop]],
      ['løb:*', [workshop]],
      ['cykler\\', [workshop]],
      ['\\\\ \\" \\\'', []],
      ["'; drop table rm.catalogue_offers; --", []],
      // Were it SQL, this would list every offer; as words it is "cykler" or "1 and 1".
      ["cykler') or ('1'='1", [workshop]],
      ['!!! ((( ))) <-> :* & |', []],
      ['\u0000cykler', [workshop]],
    ];
    for (const [text, expected] of hostile) expect((await ids(search(db, { text }))).sort(), text).toEqual(expected.sort());
    // The tables are all still there, with every offer.
    expect((await search(db, {})).total).toBe(2);
  });

  it('a very long text does not fail: its first SEARCH_TEXT_MAX characters are searched for, a word cut through left out', async () => {
    const c = new Catalogue();
    const workshop = c.offer({ title: 'Cykler i værkstedet' });
    const cafe = c.offer({ title: 'Kaffe i huset' });
    const db = await c.serve();
    // Some twenty thousand words are more than PostgreSQL's stack takes in one websearch_to_tsquery.
    await expect(sql`select websearch_to_tsquery('danish', ${'ord '.repeat(25_000)})`.execute(specs.db)).rejects.toThrow(/stack depth/);
    expect(await ids(search(db, { text: `cykler ${'og '.repeat(100_000)}` }))).toEqual([workshop]);
    // "kaffe" comes after the limit (every word must match, so searched for it would find nothing).
    expect(await ids(search(db, { text: `cykler ${'og '.repeat(300)}kaffe` }))).toEqual([workshop]);
    expect(await ids(search(db, { text: `kaffe ${'og '.repeat(300)}cykler` }))).toEqual([cafe]);
    // The limit falls inside "værkstedet": that fragment ("v") is not searched for.
    const cut = `cykler ${'og '.repeat(164)}værkstedet`;
    expect(Array.from(cut).slice(0, SEARCH_TEXT_MAX).join('').endsWith(' v')).toBe(true);
    expect(await ids(search(db, { text: cut }))).toEqual([workshop]);
    // One word longer than the limit, in characters of two UTF-16 units: searched for as itself, matching nothing.
    expect(await search(db, { text: '😀'.repeat(SEARCH_TEXT_MAX * 3), lang: 'en' })).toEqual({ total: 0, offers: [] });
  });

  it('other filters are parameters too', async () => {
    const c = new Catalogue();
    c.offer({ title: 'Cykler' });
    const db = await c.serve();
    expect(await ids(search(db, { municipalityCode: "101' or '1'='1" }))).toEqual([]);
    expect(await ids(search(db, { centreId: "x' or true --" }))).toEqual([]);
    expect(await ids(search(db, { municipalityCode: '101' }))).toHaveLength(1);
  });
});

describe('English', () => {
  it('lang en searches the English texts with the english configuration, and the Danish besides; da only the Danish', async () => {
    const c = new Catalogue();
    const bicycles = c.offer({ title: 'Cykelværksted', titleEn: 'Bicycle workshop', description: 'Vi reparerer cykler.', descriptionEn: 'We are repairing bicycles together.' });
    const running = c.offer({ title: 'Løbeklub', titleEn: 'Running club', description: 'Vi løber.', descriptionEn: 'We run.' });
    const danishOnly = c.offer({ title: 'Praktik i små virksomheder' });
    const db = await c.serve();
    expect(await ids(search(db, { text: 'bicycles repair', lang: 'en' }))).toEqual([bicycles]);
    expect(await ids(search(db, { text: 'runs', lang: 'en' }))).toEqual([running]);
    // Offers with no English text are still found by their Danish words.
    expect(await ids(search(db, { text: 'virksomhed', lang: 'en' }))).toEqual([danishOnly]);
    // In Danish the English texts are not searched.
    expect(await ids(search(db, { text: 'bicycles', lang: 'da' }))).toEqual([]);
    expect(await ids(search(db, { text: 'running', lang: 'da' }))).toEqual([]);
    expect((await search(db, { text: 'bicycle', lang: 'en' })).offers[0]).toMatchObject({ titleEn: 'Bicycle workshop', title: 'Cykelværksted' });
  });

  it('an English title ranks above an English description', async () => {
    const c = new Catalogue();
    const inDescription = c.offer({ title: 'A', descriptionEn: 'Mentoring for new founders.' });
    const inTitle = c.offer({ title: 'B', titleEn: 'Mentoring', descriptionEn: 'Meet others.' });
    const db = await c.serve();
    expect(await ids(search(db, { text: 'mentoring', lang: 'en' }))).toEqual([inTitle, inDescription]);
  });
});
