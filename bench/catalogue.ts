/**
 * The offer catalogue, measured: a national catalogue (10,000 offers across Denmark's 98
 * municipalities, partners and their agreements, and people taking part) made as domain events and
 * applied through the `catalogue` read model's own projection, in batches as the engine cuts them;
 * then searches of several kinds through `searchCatalogue`, each timed. Figures, not assertions:
 * printed, not written anywhere.
 *
 *   npx tsx bench/catalogue.ts
 *   (BENCH_CATALOGUE_OFFERS, default 10000; BENCH_CATALOGUE_SEARCHES, default 200 of each kind;
 *    BENCH_DATABASE_URL / TEST_DATABASE_URL / DATABASE_URL names the server, else an embedded one)
 *
 * Into a database of its own (`vbench_catalogue`, made afresh and dropped at the end). One query of
 * each kind is EXPLAINed (ANALYZE) as `searchCatalogue` sends it, to show which indexes it uses.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import { connect } from '../src/database/connect.js';
import { startEmbeddedPostgres } from '../src/database/embedded.js';
import { migrateToLatest } from '../src/database/migrate.js';
import { AGREEMENT_EVENT_SCHEMA_VERSIONS, agreementStreamId, type AgreementEvent } from '../src/domain/agreement/agreement.js';
import { CATALOGUE_EVENT_SCHEMA_VERSIONS, catalogueOfferStreamId, type CatalogueEvent, OFFER_CHANNELS, type OfferChannel, type OfferContent } from '../src/domain/catalogue/catalogue.js';
import { MUNICIPALITIES } from '../src/domain/centre/municipalities.js';
import { CENTRE_OFFER_KINDS, JOURNEY_EVENT_SCHEMA_VERSIONS, journeyStreamId, type CentreOfferKind, type JourneyEvent } from '../src/domain/journey/journey.js';
import { PARTNER_EVENT_SCHEMA_VERSIONS, partnerStreamId, type PartnerEvent, type PartnerKind } from '../src/domain/partner/partner.js';
import type { DomainEvent } from '../src/domain/shared/decider.js';
import type { RecordedEvent } from '../src/eventstore/port.js';
import { createBuildSchema, pointViews } from '../src/projections/engine/builds.js';
import { catalogueProjection } from '../src/projections/catalogue/projection.js';
import { type CatalogueSearch, searchCatalogue } from '../src/projections/catalogue/queries.js';
import type { CatalogueTables } from '../src/projections/catalogue/tables.js';

const OFFERS = Number(process.env.BENCH_CATALOGUE_OFFERS ?? 10_000);
const SEARCHES = Number(process.env.BENCH_CATALOGUE_SEARCHES ?? 200);
const BATCH = 5000; // the engine's batch size in bench/run.ts
const TODAY = '2027-06-15';
const DATABASE = 'vbench_catalogue';

// ——— A seeded generator, so that every run searches the same catalogue ———

function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const some = <T>(list: readonly T[], n: number): T[] => [...new Set(Array.from({ length: n }, () => pick(list)))];
  return { next, int, pick, some, chance: (p: number) => next() < p };
}
const rnd = random(13);

// ——— Words ———

const HEADS: Record<CentreOfferKind, readonly string[]> = {
  coaching: ['Samtaler om arbejdsliv', 'Personlig coaching', 'Mentorforløb', 'Coaching i grupper'],
  job_search_and_placement: ['Jobsøgning', 'Jobklub', 'Hjælp til ansøgninger', 'CV-værksted', 'Jobformidling'],
  entrepreneur_incubator: ['Iværksætterhus', 'Start din egen virksomhed', 'Rugekasse for iværksættere', 'Fra idé til virksomhed'],
  internship: ['Praktik', 'Virksomhedspraktik', 'Praktikplads', 'Prøv et fag'],
  seminar: ['Seminar', 'Temadag', 'Foredrag', 'Inspirationsdag'],
  workshop: ['Værksted', 'Workshop', 'Kreativt værksted', 'Reparationscafé'],
  experience_forum: ['Erfaringsforum', 'Netværk', 'Erfa-gruppe', 'Fællesskab'],
  sparring: ['Sparring', 'Faglig sparring', 'Sparring med en mentor'],
  office_space: ['Kontorplads', 'Kontorfællesskab', 'Skrivebord i fællesskab'],
  accounting_help: ['Hjælp til regnskab', 'Bogføring for begyndere', 'Moms og skat', 'Regnskabscafé'],
  physical_activity_and_health: ['Løbeklub', 'Gåture', 'Styrketræning', 'Yoga', 'Cykling', 'Roning', 'Svømning'],
  education_guidance: ['Uddannelsesvejledning', 'Studievalg', 'Kurser for voksne', 'Vejen til uddannelse'],
  referral_to_treatment: ['Samtale om trivsel', 'Hjælp til at finde behandling', 'Støtte ved stress'],
};
const HEADS_EN: Record<CentreOfferKind, string> = {
  coaching: 'Coaching',
  job_search_and_placement: 'Job search',
  entrepreneur_incubator: 'Start-up incubator',
  internship: 'Internship',
  seminar: 'Seminar',
  workshop: 'Workshop',
  experience_forum: 'Experience forum',
  sparring: 'Sparring',
  office_space: 'Office space',
  accounting_help: 'Accounting help',
  physical_activity_and_health: 'Exercise together',
  education_guidance: 'Education guidance',
  referral_to_treatment: 'Finding treatment',
};
const PLACES = ['i bageriet', 'i cykelværkstedet', 'hos tømreren', 'i butikken', 'i køkkenet', 'på lageret', 'i haven', 'på kontoret', 'i IT-afdelingen', 'på plejehjemmet', 'i børnehaven', 'på værftet', 'i landbruget', 'i skoven', 'ved havnen', 'i kulturhuset', 'på biblioteket'];
const PLACES_EN = ['at the bakery', 'in the bicycle workshop', 'with a carpenter', 'in a shop', 'in the kitchen', 'in the warehouse', 'in the garden', 'at the office', 'in IT', 'at a care home'];
const AUDIENCES = ['for begyndere', 'for nyuddannede', 'for seniorer', 'for alle', 'for unge', 'for tilflyttere', 'om morgenen', 'om aftenen', 'i weekenden'];
const VERBS = ['løber', 'cykler', 'laver mad', 'reparerer cykler', 'skriver ansøgninger', 'taler om job', 'bygger møbler', 'planter træer', 'går ture', 'bager brød', 'lærer sprog', 'syr tøj'];
const TOPICS = ['bogføring', 'regnskaber', 'markedsføring', 'kundeservice', 'it-sikkerhed', 'bæredygtighed', 'økologi', 'sociale medier', 'ledelse', 'salg', 'håndværk', 'logistik'];
const FREQUENCIES = ['hver mandag', 'to gange om ugen', 'hver anden torsdag', 'en gang om måneden', 'hver morgen'];
const SUITS = ['Dig der gerne vil i gang igen', 'Dig der kan lide at arbejde med hænderne', 'Dig der drømmer om egen virksomhed', 'Dig der savner et fællesskab', 'Dig der vil prøve noget nyt', 'Dig der vil lære et fag'];
const PARTNER_HEADS: [string, PartnerKind][] = [
  ['Bageriet', 'business'],
  ['Cykelhuset', 'business'],
  ['Tømrerfirmaet', 'business'],
  ['Gartneriet', 'business'],
  ['Værftet', 'business'],
  ['Roklubben', 'sports_club'],
  ['Idrætsforeningen', 'sports_club'],
  ['Løbeklubben', 'sports_club'],
  ['Ungdomsskolen', 'school_or_college'],
  ['Sprogskolen', 'school_or_college'],
  ['Sundhedshuset', 'health_house'],
  ['Fagforeningen', 'union'],
  ['A-kassen', 'unemployment_fund'],
  ['Kulturhuset', 'ngo'],
  ['Frivilligcentret', 'volunteer_organisation'],
];
const PARTNER_NAMES = ['Solsikken', 'Øresund', 'Nord', 'Syd', 'Havnen', 'Bakken', 'Lyngen', 'Egen', 'Fjorden', 'Skoven', 'Engen', 'Møllen', 'Kilden', 'Åen'];

/** What people type: Danish words in other forms than the offers use (the stemmer must meet them), and a few phrases. */
const QUERIES = ['virksomhed', 'praktik', 'løb', 'cykel værksted', 'regnskab', 'jobsøgning', 'ansøgning', 'iværksætter', 'bager', 'træer', '"egen virksomhed"', 'kursus', 'mentor', 'fællesskab', 'it-sikkerhed', 'yoga -aften', 'stress', 'sprog'];
const QUERIES_EN = ['internship', 'bicycle workshop', 'job search', 'exercise', 'accounting', 'office'];

// ——— The catalogue, as events ———

/** Records events as the store would: positions, stream versions and metadata (one transaction each). */
class Recorder {
  readonly events: RecordedEvent[] = [];
  private readonly versions = new Map<string, number>();
  private clock = Date.parse('2026-01-05T08:00:00.000Z');

  record(streamId: string, event: DomainEvent, schemaVersion: number, centreId: string, at?: string): void {
    const streamVersion = (this.versions.get(streamId) ?? 0) + 1;
    this.versions.set(streamId, streamVersion);
    this.clock += 37_000;
    const position = this.events.length + 1;
    const occurredAt = at ?? new Date(this.clock).toISOString();
    const id = `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`;
    this.events.push({
      globalPosition: position,
      transactionId: 1000 + position,
      streamId,
      streamVersion,
      eventId: id,
      type: event.type,
      schemaVersion,
      data: event.data,
      metadata: { actor: { id: 'staff-bench', role: 'staff' }, centreId, correlationId: id, causationId: id, commandId: id, occurredAt },
      recordedAt: new Date(occurredAt),
    });
  }
}

const uuid = (kind: number, n: number) => `0190${String(kind).padStart(4, '0')}-0000-7000-8000-${String(n).padStart(12, '0')}`;
const day = (from: string, days: number) => new Date(Date.parse(`${from}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const sealedStandIn = { $sealed: 'v1', s: 'bench', iv: 'AAAA', ct: 'AAAA', tag: 'AAAA' };

function content(kind: CentreOfferKind, municipality: (typeof MUNICIPALITIES)[number]): OfferContent {
  const head = rnd.pick(HEADS[kind]);
  const title = rnd.chance(0.5) ? `${head} ${rnd.pick(PLACES)}` : `${head} ${rnd.pick(AUDIENCES)}`;
  const description = [
    `Vi mødes ${rnd.pick(FREQUENCIES)} og ${rnd.pick(VERBS)} sammen.`,
    `Du lærer om ${rnd.pick(TOPICS)} og ${rnd.pick(TOPICS)} og får erfaring fra rigtige virksomheder i ${municipality.name}.`,
    rnd.chance(0.5) ? `Der er kaffe, og du kan komme og gå som du vil.` : `Vi ${rnd.pick(VERBS)} og hjælper hinanden videre mod job eller uddannelse.`,
  ].join(' ');
  const english = rnd.chance(0.4);
  const channels: OfferChannel[] = rnd.chance(0.7) ? ['in_person', ...rnd.some(OFFER_CHANNELS, rnd.int(2))] : rnd.some(['video', 'phone', 'chat'] as const, 1 + rnd.int(2));
  const unique = [...new Set(channels)];
  return {
    kind,
    title,
    titleEn: english ? `${HEADS_EN[kind]} ${rnd.pick(PLACES_EN)}` : null,
    description,
    descriptionEn: english ? `We meet ${rnd.pick(['every Monday', 'twice a week', 'once a month'])} and learn about ${rnd.pick(['bookkeeping', 'marketing', 'sales', 'crafts', 'logistics'])} together.` : null,
    channels: OFFER_CHANNELS.filter((c) => unique.includes(c)),
    municipalityCode: municipality.code,
    place: unique.includes('in_person') ? `${rnd.pick(['Torvet', 'Havnegade', 'Skolevej', 'Stationsvej'])} ${1 + rnd.int(80)}, ${municipality.name}` : null,
    link: unique.includes('video') ? 'https://møde.example/rum' : null,
    capacity: rnd.chance(0.25) ? null : 2 + rnd.int(20),
    suits: rnd.chance(0.6) ? rnd.pick(SUITS) : null,
  };
}

/** Centres (one per municipality), partners, agreements, offers and participation, in an order the deciders allow. */
function buildCatalogue(offers: number): { events: RecordedEvent[]; counts: Record<string, number> } {
  const log = new Recorder();
  const centres = MUNICIPALITIES.map((m, i) => ({ centreId: uuid(1, i), municipality: m }));
  const partnerCount = Math.round(offers / 4);
  const agreements: { agreementId: string; partnerId: string; centre: (typeof centres)[number]; kinds: CentreOfferKind[] }[] = [];
  for (let p = 0; p < partnerCount; p++) {
    const centre = rnd.pick(centres);
    const partnerId = uuid(2, p);
    const [head, kind] = rnd.pick(PARTNER_HEADS);
    const data: PartnerEvent['data'] = {
      partnerId,
      centreId: centre.centreId,
      kind,
      name: `${head} ${rnd.pick(PARTNER_NAMES)} ${centre.municipality.name}`,
      cvr: null,
      contactName: sealedStandIn as never,
      contactEmail: null,
      contactPhone: null,
    };
    log.record(partnerStreamId(partnerId), { type: 'PartnerRegistered', data }, PARTNER_EVENT_SCHEMA_VERSIONS.PartnerRegistered, centre.centreId);
    for (let a = 0; a < (rnd.chance(0.15) ? 2 : 1); a++) {
      const agreementId = uuid(3, agreements.length);
      const kinds = rnd.some(CENTRE_OFFER_KINDS, 3);
      // Most began before the day searched and run past it; some ended, some not begun yet.
      const start = day('2026-01-01', rnd.int(600));
      const end = day(start, 180 + rnd.int(540));
      const signed: AgreementEvent = {
        type: 'AgreementSigned',
        data: { agreementId, partnerId, centreId: centre.centreId, version: 1, scope: 'Samarbejde om tilbud', offerKinds: kinds, startDate: start, endDate: end, payment: null, documentSha256: 'e'.repeat(64), signatories: sealedStandIn as never },
      };
      log.record(agreementStreamId(agreementId), signed, AGREEMENT_EVENT_SCHEMA_VERSIONS.AgreementSigned, centre.centreId);
      agreements.push({ agreementId, partnerId, centre, kinds });
    }
  }
  const offerIds: { offerId: string; capacity: number | null; centreId: string }[] = [];
  for (let o = 0; o < offers; o++) {
    const offerId = uuid(4, o);
    const own = rnd.chance(0.3);
    const agreement = own ? null : rnd.pick(agreements);
    const centre = agreement?.centre ?? rnd.pick(centres);
    const kind = agreement ? rnd.pick(agreement.kinds) : rnd.pick(CENTRE_OFFER_KINDS);
    const offer = content(kind, centre.municipality);
    const published: CatalogueEvent = {
      type: 'CatalogueOfferPublished',
      data: { offerId, centreId: centre.centreId, partnerId: agreement?.partnerId ?? null, agreementId: agreement?.agreementId ?? null, ...offer },
    };
    log.record(catalogueOfferStreamId(offerId), published, CATALOGUE_EVENT_SCHEMA_VERSIONS.CatalogueOfferPublished, centre.centreId);
    offerIds.push({ offerId, capacity: offer.capacity, centreId: centre.centreId });
  }
  // Changes over time: some offers revised, some retired, some agreements renewed or terminated.
  for (const { offerId, centreId } of offerIds) {
    if (rnd.chance(0.05)) log.record(catalogueOfferStreamId(offerId), { type: 'CatalogueOfferRetired', data: { offerId } }, CATALOGUE_EVENT_SCHEMA_VERSIONS.CatalogueOfferRetired, centreId);
  }
  for (const a of agreements) {
    if (rnd.chance(0.2)) {
      const renewed: AgreementEvent = { type: 'AgreementRenewed', data: { agreementId: a.agreementId, version: 2, endDate: '2028-12-31', documentSha256: 'f'.repeat(64), signatories: sealedStandIn as never } };
      log.record(agreementStreamId(a.agreementId), renewed, AGREEMENT_EVENT_SCHEMA_VERSIONS.AgreementRenewed, a.centre.centreId);
    } else if (rnd.chance(0.05)) {
      log.record(agreementStreamId(a.agreementId), { type: 'AgreementTerminated', data: { agreementId: a.agreementId, by: rnd.pick(['partner', 'centre'] as const), reason: null } }, AGREEMENT_EVENT_SCHEMA_VERSIONS.AgreementTerminated, a.centre.centreId);
    }
  }
  // People taking part: up to a little more than the capacity (a place freed and taken), some of them ended since.
  let journeys = 0;
  for (const { offerId, capacity, centreId } of offerIds) {
    const takers = rnd.int((capacity ?? 6) + 1);
    for (let t = 0; t < takers; t++) {
      const stream = journeyStreamId(uuid(5, journeys++));
      const at = new Date(Date.parse('2026-03-01T09:00:00Z') + rnd.int(450) * 86_400_000).toISOString();
      const made: JourneyEvent = { type: 'OfferMade', data: { offerId: 'o1', offer: { source: 'centre', kind: 'coaching', catalogueOfferId: offerId }, information: sealedStandIn as never, staffId: 'staff-bench', atCitizensRequest: true, at } };
      log.record(stream, made, JOURNEY_EVENT_SCHEMA_VERSIONS.OfferMade, centreId, at);
      log.record(stream, { type: 'ParticipationStarted', data: { offerId: 'o1' } }, JOURNEY_EVENT_SCHEMA_VERSIONS.ParticipationStarted, centreId, at);
      if (rnd.chance(0.3)) log.record(stream, { type: 'ParticipationEnded', data: { offerId: 'o1', because: 'offer_completed' } }, JOURNEY_EVENT_SCHEMA_VERSIONS.ParticipationEnded, centreId);
    }
  }
  // The log is in order of position; the times of participation are their own.
  return { events: log.events, counts: { centres: centres.length, partners: partnerCount, agreements: agreements.length, offers, journeys } };
}

// ——— Measuring ———

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main() {
  let adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (!adminUrl) {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-bench-'));
    const embedded = await startEmbeddedPostgres({ dataDir });
    adminUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const server = new URL(adminUrl);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  const url = new URL(adminUrl);
  url.pathname = `/${DATABASE}`;
  const database = connect(url.toString(), { max: 4, applicationName: 'virkelyst-bench-catalogue' });
  const { rows: version } = await database.pool.query<{ server_version: string }>('show server_version');
  console.log(`PostgreSQL ${version[0]!.server_version} at ${server.hostname}:${server.port || 5432}; ${os.cpus().length} cores; Node ${process.version}`);
  await migrateToLatest(database);

  const generated = performance.now();
  const { events, counts } = buildCatalogue(OFFERS);
  console.log(
    `catalogue: ${counts.offers} offers, ${counts.partners} partners, ${counts.agreements} agreements, ${counts.centres} centres (one per municipality), ${counts.journeys} participations; ${events.length} events (made in ${Math.round(performance.now() - generated)} ms)`,
  );

  // Through the projection, in batches as the engine cuts them, each in a transaction, into a build served through `rm`.
  const schema = await database.db.transaction().execute((trx) => createBuildSchema(trx, catalogueProjection, 1));
  const applying = performance.now();
  for (let i = 0; i < events.length; i += BATCH) {
    const batch = events.slice(i, i + BATCH);
    await database.db.transaction().execute((trx) => catalogueProjection.apply(trx, schema, batch));
  }
  const applyMs = performance.now() - applying;
  await database.db.transaction().execute((trx) => pointViews(trx, catalogueProjection, schema));
  for (const table of catalogueProjection.tables) await database.pool.query(`analyze ${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`);
  console.log(`applied through the projection: ${Math.round(applyMs)} ms, ${Math.round(events.length / (applyMs / 1000))} events/s (batches of ${BATCH})`);
  // A second Kysely on the same pool that remembers the last query, to EXPLAIN what searchCatalogue sent.
  let last: CompiledQuery | undefined;
  const db = new Kysely<CatalogueTables>({
    dialect: new PostgresDialect({ pool: database.pool }),
    log: (event) => {
      if (event.level === 'query' && /count\(\*\) over/.test(event.query.sql)) last = event.query;
    },
  });

  const { rows: sizes } = await database.pool.query<{ offers: string; size: string }>(
    `select (select count(*) from rm.catalogue_offers) as offers, pg_size_pretty(pg_total_relation_size($1::regclass)) as size`,
    [`${schema}.catalogue_offers`],
  );
  const listed = (await searchCatalogue(db, { lang: 'da', today: TODAY, limit: 1, offset: 0 })).total;
  console.log(`offers in the read model: ${sizes[0]!.offers}, listed on ${TODAY}: ${listed}; catalogue_offers with its indexes: ${sizes[0]!.size}`);

  const kinds: { label: string; query: () => Partial<CatalogueSearch> }[] = [
    { label: 'text (danish)', query: () => ({ text: rnd.pick(QUERIES) }) },
    { label: 'text: a town’s name (a rarer word)', query: () => ({ text: rnd.pick(MUNICIPALITIES).name }) },
    { label: 'text + municipality + kind', query: () => ({ text: rnd.pick(QUERIES), municipalityCode: rnd.pick(MUNICIPALITIES).code, kinds: [rnd.pick(CENTRE_OFFER_KINDS)] }) },
    { label: 'text + channel (any of two)', query: () => ({ text: rnd.pick(QUERIES), channels: rnd.some(OFFER_CHANNELS, 2) }) },
    { label: 'filters only: municipality + channel', query: () => ({ municipalityCode: rnd.pick(MUNICIPALITIES).code, channels: [rnd.pick(OFFER_CHANNELS)] }) },
    { label: 'filters only: kind, whole country', query: () => ({ kinds: [rnd.pick(CENTRE_OFFER_KINDS)] }) },
    { label: 'free capacity + municipality', query: () => ({ freeCapacity: true, municipalityCode: rnd.pick(MUNICIPALITIES).code }) },
    { label: 'free capacity + text', query: () => ({ freeCapacity: true, text: rnd.pick(QUERIES) }) },
    { label: 'text (english, danish besides)', query: () => ({ text: rnd.pick(QUERIES_EN), lang: 'en' as const }) },
    { label: 'nothing: the whole catalogue, page 5', query: () => ({ offset: 80 }) },
  ];
  const explained: { label: string; plan: string[] }[] = [];
  console.log(`\n${SEARCHES} searches of each kind, one at a time, limit 20, on ${TODAY}:`);
  console.log(`${'search'.padEnd(40)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}   total matches (mean)   rows returned`);
  for (const kind of kinds) {
    for (let w = 0; w < 5; w++) await searchCatalogue(db, { lang: 'da', today: TODAY, limit: 20, offset: 0, ...kind.query() }); // warm up
    const times: number[] = [];
    let totals = 0;
    let rows = 0;
    for (let i = 0; i < SEARCHES; i++) {
      const query = { lang: 'da' as const, today: TODAY, limit: 20, offset: 0, ...kind.query() };
      const started = performance.now();
      const result = await searchCatalogue(db, query);
      times.push(performance.now() - started);
      totals += result.total;
      rows += result.offers.length;
    }
    times.sort((a, b) => a - b);
    const r = { medianMs: +quantile(times, 0.5).toFixed(2), p95Ms: +quantile(times, 0.95).toFixed(2), maxMs: +times.at(-1)!.toFixed(2), meanTotal: Math.round(totals / SEARCHES), rows };
    console.log(`${kind.label.padEnd(40)} ${`${r.medianMs} ms`.padStart(8)} ${`${r.p95Ms} ms`.padStart(8)} ${`${r.maxMs} ms`.padStart(8)}   ${String(r.meanTotal).padStart(20)}   ${String(rows).padStart(13)}`);
    if (last) {
      const { rows: plan } = await database.pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, costs off, timing on) ${last.sql}`, [...last.parameters]);
      explained.push({ label: kind.label, plan: plan.map((p) => p['QUERY PLAN']) });
    }
  }

  console.log('\nindexes used by the last query of each kind (EXPLAIN ANALYZE of what searchCatalogue sent):');
  for (const { label, plan } of explained) {
    const indexes = [...new Set(plan.flatMap((line) => [...line.matchAll(/(?:Index|Bitmap Index) Scan (?:Backward )?(?:using|on) (\w+)/g)].map((m) => m[1]!)))];
    const exec = plan.find((line) => line.startsWith('Execution Time'));
    console.log(`  ${label.padEnd(40)} ${indexes.length > 0 ? indexes.join(', ') : '(sequential scan)'}; ${exec}`);
  }
  for (const label of ['text: a town’s name (a rarer word)', 'nothing: the whole catalogue, page 5']) {
    const plan = explained.find((e) => e.label === label)?.plan ?? [];
    console.log(`\nthe plan of “${label}”:\n${plan.map((l) => `  ${l}`).join('\n')}`);
  }

  await database.close();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.end();
  await stopEmbedded?.();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
}

await main();
