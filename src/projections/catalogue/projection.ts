import { type Kysely, sql } from 'kysely';
import { AGREEMENT_EVENT_SCHEMA_VERSIONS, type AgreementEvent } from '../../domain/agreement/agreement.js';
import { CATALOGUE_EVENT_SCHEMA_VERSIONS, type CatalogueEvent } from '../../domain/catalogue/catalogue.js';
import type { JourneyEvent } from '../../domain/journey/journey.js';
import { PARTNER_EVENT_SCHEMA_VERSIONS, type PartnerEvent } from '../../domain/partner/partner.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { Projection } from '../engine/projection.js';
import { BatchRows, insertRows } from '../engine/rows.js';

/** The journey events that tell who takes part in a catalogue offer; the rest of a journey is not the catalogue's. */
export const JOURNEY_USE_EVENTS = ['OfferMade', 'ParticipationStarted', 'ParticipationEnded'] as const satisfies readonly JourneyEvent['type'][];
type JourneyUseEvent = Extract<JourneyEvent, { type: (typeof JOURNEY_USE_EVENTS)[number] }>;
type CatalogueReadEvent = PartnerEvent | AgreementEvent | CatalogueEvent | JourneyUseEvent;

const typesOf = <T extends string>(versions: Record<T, number>): T[] => Object.keys(versions).filter((type): type is T => type in versions);
/** Every partner, agreement and catalogue event (the aggregates' own lists, so a new event reaches the exhaustive switch), and the journey's use. */
const HANDLES: readonly CatalogueReadEvent['type'][] = [
  ...typesOf(PARTNER_EVENT_SCHEMA_VERSIONS),
  ...typesOf(AGREEMENT_EVENT_SCHEMA_VERSIONS),
  ...typesOf(CATALOGUE_EVENT_SCHEMA_VERSIONS),
  ...JOURNEY_USE_EVENTS,
];

/** A timestamptz as the batch holds it: ISO text from an event, PostgreSQL's text when read back. */
type At = string;

interface PartnerRow extends Record<string, unknown> {
  partner_id: string;
  centre_id: string;
  kind: string;
  name: string;
  cvr: string | null;
  /** Sealed fields, as the events hold them. */
  contact_name: unknown;
  contact_email: unknown;
  contact_phone: unknown;
  registered_at: At;
  changed_at: At;
  version: number | string;
}
interface AgreementRow extends Record<string, unknown> {
  agreement_id: string;
  partner_id: string;
  centre_id: string;
  status: 'signed' | 'terminated';
  version: number;
  scope: string;
  offer_kinds: string[];
  start_date: string;
  end_date: string;
  payment: unknown;
  document_sha256: string;
  signatories: unknown;
  signed_at: At;
  changed_at: At;
  terminated_at: At | null;
  terminated_by: string | null;
  termination_reason: string | null;
}
interface VersionRow extends Record<string, unknown> {
  agreement_id: string;
  version: number;
  event: 'signed' | 'amended' | 'renewed';
  scope: string;
  offer_kinds: string[];
  start_date: string;
  end_date: string;
  payment: unknown;
  document_sha256: string;
  signatories: unknown;
  recorded_at: At;
}
interface OfferRow extends Record<string, unknown> {
  offer_id: string;
  centre_id: string;
  partner_id: string | null;
  agreement_id: string | null;
  kind: string;
  title: string;
  title_en: string | null;
  description: string;
  description_en: string | null;
  channels: string[];
  municipality_code: string;
  place: string | null;
  link: string | null;
  capacity: number | null;
  suits: string | null;
  partner_name: string | null;
  status: 'published' | 'retired';
  published_at: At;
  revised_at: At | null;
  retired_at: At | null;
  version: number | string;
}
interface JourneyOfferRow extends Record<string, unknown> {
  stream_id: string;
  offer_id: string;
  catalogue_offer_id: string;
  participating: boolean;
}
interface UseRow extends Record<string, unknown> {
  catalogue_offer_id: string;
  participants: number;
}

const partners = () =>
  new BatchRows<PartnerRow>({
    table: 'catalogue_partners',
    key: ['partner_id'],
    columns: ['partner_id', 'centre_id', 'kind', 'name', 'cvr', 'contact_name', 'contact_email', 'contact_phone', 'registered_at', 'changed_at', 'version'],
    moments: ['registered_at', 'changed_at'],
  });
const agreements = () =>
  new BatchRows<AgreementRow>({
    table: 'catalogue_agreements',
    key: ['agreement_id'],
    columns: [
      'agreement_id',
      'partner_id',
      'centre_id',
      'status',
      'version',
      'scope',
      'offer_kinds',
      'start_date',
      'end_date',
      'payment',
      'document_sha256',
      'signatories',
      'signed_at',
      'changed_at',
      'terminated_at',
      'terminated_by',
      'termination_reason',
    ],
    moments: ['signed_at', 'changed_at', 'terminated_at'],
  });
// Versions are only added (a version is derived from the agreement's row, never read back): set and saved, never loaded.
const versions = () =>
  new BatchRows<VersionRow>({
    table: 'catalogue_agreement_versions',
    key: ['agreement_id', 'version'],
    columns: ['agreement_id', 'version', 'event', 'scope', 'offer_kinds', 'start_date', 'end_date', 'payment', 'document_sha256', 'signatories', 'recorded_at'],
  });
// The generated search columns are left out: PostgreSQL computes them from the row.
const offers = () =>
  new BatchRows<OfferRow>({
    table: 'catalogue_offers',
    key: ['offer_id'],
    columns: [
      'offer_id',
      'centre_id',
      'partner_id',
      'agreement_id',
      'kind',
      'title',
      'title_en',
      'description',
      'description_en',
      'channels',
      'municipality_code',
      'place',
      'link',
      'capacity',
      'suits',
      'partner_name',
      'status',
      'published_at',
      'revised_at',
      'retired_at',
      'version',
    ],
    moments: ['published_at', 'revised_at', 'retired_at'],
  });
const journeyOffers = () =>
  new BatchRows<JourneyOfferRow>({ table: 'catalogue_journey_offers', key: ['stream_id', 'offer_id'], columns: ['stream_id', 'offer_id', 'catalogue_offer_id', 'participating'] });
const uses = () => new BatchRows<UseRow>({ table: 'catalogue_use', key: ['catalogue_offer_id'], columns: ['catalogue_offer_id', 'participants'] });

const field = (recorded: RecordedEvent, name: string): string | undefined => {
  const value = (recorded.data as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : undefined;
};
const one = (value: string | null | undefined): string[][] => (value ? [[value]] : []);
const isPartnerEvent = (type: string) => type in PARTNER_EVENT_SCHEMA_VERSIONS;
const isAgreementEvent = (type: string) => type in AGREEMENT_EVENT_SCHEMA_VERSIONS;
const isCatalogueEvent = (type: string) => type in CATALOGUE_EVENT_SCHEMA_VERSIONS;
const isParticipation = (type: string) => type === 'ParticipationStarted' || type === 'ParticipationEnded';
/** The catalogue offer a journey's OfferMade names, if it names one (a partner's always does; a centre's own may). */
const catalogueOfferOf = (recorded: RecordedEvent): string | undefined =>
  recorded.type === 'OfferMade' ? ((recorded.data as { offer?: { catalogueOfferId?: unknown } } | null)?.offer?.catalogueOfferId as string | undefined) : undefined;

/**
 * One batch: the rows its events touch read once per table, changed in memory in log order as
 * each event would change them, and written once per table; then one statement gives a renamed
 * partner's offers its new name (their search vectors follow, being generated from the row).
 * Statements per batch: at most 5 reads, 7 writes (nothing is ever deleted) and that update, whatever its size.
 */
async function applyBatch(trx: Kysely<any>, schema: string, batch: readonly RecordedEvent[]): Promise<void> {
  const partner = partners();
  const agreement = agreements();
  const version = versions();
  const offer = offers();
  const journeyOffer = journeyOffers();
  const use = uses();
  await partner.load(
    trx,
    schema,
    batch.flatMap((e) => (isPartnerEvent(e.type) || e.type === 'CatalogueOfferPublished' ? one(field(e, 'partnerId')) : [])),
  );
  await agreement.load(trx, schema, batch.flatMap((e) => (isAgreementEvent(e.type) ? one(field(e, 'agreementId')) : [])));
  await offer.load(trx, schema, batch.flatMap((e) => (isCatalogueEvent(e.type) ? one(field(e, 'offerId')) : [])));
  const journeyKeys = batch.flatMap((e) => ((e.type === 'OfferMade' && catalogueOfferOf(e)) || isParticipation(e.type) ? one(field(e, 'offerId')).map(([id]) => [e.streamId, id!]) : []));
  await journeyOffer.load(trx, schema, journeyKeys);
  // The catalogue offers whose count may change: those the batch's journey offers name, before it or in it.
  await use.load(
    trx,
    schema,
    batch.flatMap((e) => (e.type === 'OfferMade' ? one(catalogueOfferOf(e)) : isParticipation(e.type) ? one(journeyOfferOf(journeyOffer, e)?.catalogue_offer_id) : [])),
  );

  const participations: object[] = [];
  const renamed = new Set<string>();
  const count = (catalogueOfferId: string, by: 1 | -1) => {
    const before = use.get(catalogueOfferId)?.participants ?? 0;
    use.set({ catalogue_offer_id: catalogueOfferId, participants: Math.max(0, Number(before) + by) });
  };

  for (const recorded of batch) {
    const event = { type: recorded.type, data: recorded.data } as CatalogueReadEvent;
    // An event written around the application may lack metadata; it must not stop the read model.
    const at = recorded.metadata?.occurredAt ?? recorded.recordedAt.toISOString();
    const streamVersion = recorded.streamVersion;
    switch (event.type) {
      case 'PartnerRegistered': {
        const d = event.data;
        const known = partner.get(d.partnerId);
        partner.set({
          partner_id: d.partnerId,
          centre_id: d.centreId,
          kind: d.kind,
          name: d.name,
          cvr: d.cvr,
          contact_name: d.contactName,
          contact_email: d.contactEmail ?? null,
          contact_phone: d.contactPhone ?? null,
          registered_at: known?.registered_at ?? at,
          changed_at: at,
          version: streamVersion,
        });
        renamed.add(d.partnerId);
        break;
      }
      case 'PartnerDetailsChanged': {
        const d = event.data;
        const known = partner.get(d.partnerId);
        if (known) {
          partner.set({ ...known, kind: d.kind, name: d.name, cvr: d.cvr, changed_at: at, version: streamVersion });
          renamed.add(d.partnerId);
        }
        break;
      }
      case 'PartnerContactChanged': {
        const d = event.data;
        const known = partner.get(d.partnerId);
        if (known) partner.set({ ...known, contact_name: d.contactName, contact_email: d.contactEmail ?? null, contact_phone: d.contactPhone ?? null, changed_at: at, version: streamVersion });
        break;
      }
      case 'AgreementSigned': {
        const d = event.data;
        agreement.set({
          agreement_id: d.agreementId,
          partner_id: d.partnerId,
          centre_id: d.centreId,
          status: 'signed',
          version: d.version,
          scope: d.scope,
          offer_kinds: d.offerKinds,
          start_date: d.startDate,
          end_date: d.endDate,
          payment: d.payment,
          document_sha256: d.documentSha256,
          signatories: d.signatories,
          signed_at: at,
          changed_at: at,
          terminated_at: null,
          terminated_by: null,
          termination_reason: null,
        });
        version.set(versionOf(agreement.get(d.agreementId)!, 'signed', at));
        break;
      }
      case 'AgreementAmended':
      case 'AgreementRenewed': {
        // As the aggregate: a terminated agreement takes no new version. The start date stays the first version's.
        const known = agreement.get(event.data.agreementId);
        if (known?.status !== 'signed') break;
        const d = event.data;
        const terms =
          event.type === 'AgreementAmended'
            ? { scope: event.data.scope, offer_kinds: event.data.offerKinds, payment: event.data.payment }
            : { scope: known.scope, offer_kinds: known.offer_kinds, payment: known.payment };
        const next: AgreementRow = { ...known, ...terms, version: d.version, end_date: d.endDate, document_sha256: d.documentSha256, signatories: d.signatories, changed_at: at };
        agreement.set(next);
        version.set(versionOf(next, event.type === 'AgreementAmended' ? 'amended' : 'renewed', at));
        break;
      }
      case 'AgreementTerminated': {
        const known = agreement.get(event.data.agreementId);
        if (known?.status === 'signed') agreement.set({ ...known, status: 'terminated', terminated_at: at, terminated_by: event.data.by, termination_reason: event.data.reason ?? null });
        break;
      }
      case 'CatalogueOfferPublished': {
        const d = event.data;
        offer.set({
          offer_id: d.offerId,
          centre_id: d.centreId,
          partner_id: d.partnerId,
          agreement_id: d.agreementId,
          ...contentOf(d),
          partner_name: d.partnerId ? (partner.get(d.partnerId)?.name ?? null) : null,
          status: 'published',
          published_at: at,
          revised_at: null,
          retired_at: null,
          version: streamVersion,
        });
        break;
      }
      case 'CatalogueOfferRevised': {
        const known = offer.get(event.data.offerId);
        if (known?.status === 'published') offer.set({ ...known, agreement_id: event.data.agreementId, ...contentOf(event.data), revised_at: at, version: streamVersion });
        break;
      }
      case 'CatalogueOfferRetired': {
        const known = offer.get(event.data.offerId);
        if (known?.status === 'published') offer.set({ ...known, status: 'retired', retired_at: at, version: streamVersion });
        break;
      }
      case 'OfferMade': {
        const catalogueOfferId = event.data.offer.catalogueOfferId;
        // The first OfferMade of a journey offer names it; a second with the same id changes nothing.
        if (catalogueOfferId && !journeyOffer.get(recorded.streamId, event.data.offerId)) {
          journeyOffer.set({ stream_id: recorded.streamId, offer_id: event.data.offerId, catalogue_offer_id: catalogueOfferId, participating: false });
        }
        break;
      }
      case 'ParticipationStarted':
      case 'ParticipationEnded': {
        const known = journeyOffer.get(recorded.streamId, event.data.offerId);
        const starts = event.type === 'ParticipationStarted';
        // Only a change counts: a start while taking part (or an end while not) is no new participant.
        if (!known || known.participating === starts) break;
        journeyOffer.set({ ...known, participating: starts });
        count(known.catalogue_offer_id, starts ? 1 : -1);
        participations.push({ position: recorded.globalPosition, catalogue_offer_id: known.catalogue_offer_id, change: starts ? 'started' : 'ended', occurred_at: at });
        break;
      }
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  }

  await partner.save(trx, schema);
  await agreement.save(trx, schema);
  await version.save(trx, schema);
  await offer.save(trx, schema);
  await journeyOffer.save(trx, schema);
  await use.save(trx, schema);
  await insertRows(trx, schema, 'catalogue_participations', 'position', participations);
  if (renamed.size > 0) {
    // A partner's name is in its offers' search vectors: offers loaded in this batch already have
    // it; the others (published in earlier batches) get it here.
    const o = sql.id(schema, 'catalogue_offers');
    const p = sql.id(schema, 'catalogue_partners');
    await sql`update ${o} as o set partner_name = p.name from ${p} as p
               where p.partner_id = any(${[...renamed]}::text[]) and o.partner_id = p.partner_id and o.partner_name is distinct from p.name`.execute(trx);
  }
}

function journeyOfferOf(rows: BatchRows<JourneyOfferRow>, recorded: RecordedEvent): JourneyOfferRow | null {
  const offerId = field(recorded, 'offerId');
  return offerId ? rows.get(recorded.streamId, offerId) : null;
}

function versionOf(row: AgreementRow, event: VersionRow['event'], at: At): VersionRow {
  return {
    agreement_id: row.agreement_id,
    version: row.version,
    event,
    scope: row.scope,
    offer_kinds: row.offer_kinds,
    start_date: row.start_date,
    end_date: row.end_date,
    payment: row.payment,
    document_sha256: row.document_sha256,
    signatories: row.signatories,
    recorded_at: at,
  };
}

const contentOf = (d: Extract<CatalogueEvent, { type: 'CatalogueOfferPublished' | 'CatalogueOfferRevised' }>['data']) => ({
  kind: d.kind,
  title: d.title,
  title_en: d.titleEn ?? null,
  description: d.description,
  description_en: d.descriptionEn ?? null,
  channels: d.channels,
  municipality_code: d.municipalityCode,
  place: d.place ?? null,
  link: d.link ?? null,
  capacity: d.capacity ?? null,
  suits: d.suits ?? null,
});

/**
 * The catalogue as people look for offers in it: partners and their agreements (every version),
 * the offers with their search vectors, and how many take part in each. Async: a search a moment
 * behind the log is fine, and a listing's dates are checked when it is read, against its `today`.
 */
export const catalogueProjection: Projection = {
  name: 'catalogue',
  version: 1,
  mode: 'async',
  tables: ['catalogue_partners', 'catalogue_agreements', 'catalogue_agreement_versions', 'catalogue_offers', 'catalogue_journey_offers', 'catalogue_use', 'catalogue_participations'],
  handles: HANDLES,
  apply: applyBatch,
};
