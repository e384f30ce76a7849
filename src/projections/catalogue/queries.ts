import { type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { Payment, Side } from '../../domain/agreement/agreement.js';
import type { OfferChannel } from '../../domain/catalogue/catalogue.js';
import type { CentreOfferKind } from '../../domain/journey/journey.js';
import type { PartnerKind } from '../../domain/partner/partner.js';
import { isDate } from '../../domain/shared/checks.js';
import { InvalidValue } from '../../domain/shared/errors.js';
import type { SealedField } from '../../privacy/sealed.js';
import type { CatalogueTables } from './tables.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const rm = (db: Kysely<CatalogueTables>) => db.withSchema('rm');

// ——— Partners ———

/** A partner as staff see it: its contact person as stored, sealed, for the caller to open with the vault. */
export interface PartnerView {
  partnerId: string;
  /** The centre that registered it. */
  centreId: string;
  kind: PartnerKind;
  name: string;
  cvr: string | null;
  contact: { name: SealedField | null; email: SealedField | null; phone: SealedField | null };
  registeredAt: string;
  changedAt: string;
}

function partnerOf(row: Selectable<CatalogueTables['catalogue_partners']>): PartnerView {
  return {
    partnerId: row.partner_id,
    centreId: row.centre_id,
    kind: row.kind,
    name: row.name,
    cvr: row.cvr,
    contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    registeredAt: row.registered_at.toISOString(),
    changedAt: row.changed_at.toISOString(),
  };
}

/** One partner, for staff (its contact sealed); undefined if there is none. */
export async function partnerById(db: Kysely<CatalogueTables>, partnerId: string): Promise<PartnerView | undefined> {
  const row = await rm(db).selectFrom('catalogue_partners').selectAll().where('partner_id', '=', partnerId).executeTakeFirst();
  return row ? partnerOf(row) : undefined;
}

/** The partners a centre registered, by name, for its staff (contacts sealed). */
export async function partnersOfCentre(db: Kysely<CatalogueTables>, centreId: string): Promise<PartnerView[]> {
  const rows = await rm(db).selectFrom('catalogue_partners').selectAll().where('centre_id', '=', centreId).orderBy('name').orderBy('partner_id').execute();
  return rows.map(partnerOf);
}

// ——— Agreements ———

/** One version of an agreement's terms, as signed; its signatories sealed as one field. */
export interface AgreementVersionView {
  version: number;
  /** How this version came: the signing, an amendment (new terms) or a renewal (a later end). */
  event: 'signed' | 'amended' | 'renewed';
  scope: string;
  offerKinds: CentreOfferKind[];
  startDate: string;
  endDate: string;
  payment: Payment | null;
  documentSha256: string;
  signatories: SealedField | null;
  /** When it was recorded: the event's own time. */
  recordedAt: string;
}

/** An agreement with the terms in effect (its latest version) and where it stands. */
export interface AgreementView {
  agreementId: string;
  partnerId: string;
  partnerName: string | null;
  centreId: string;
  status: 'signed' | 'terminated';
  terms: Omit<AgreementVersionView, 'event' | 'recordedAt'>;
  signedAt: string;
  changedAt: string;
  terminated: { at: string; by: Side; reason: string | null } | null;
}

const agreementRows = (db: Kysely<CatalogueTables>) =>
  rm(db)
    .selectFrom('catalogue_agreements as a')
    .leftJoin('catalogue_partners as p', 'p.partner_id', 'a.partner_id')
    .selectAll('a')
    .select('p.name as partner_name');

function agreementOf(row: Awaited<ReturnType<ReturnType<typeof agreementRows>['execute']>>[number]): AgreementView {
  return {
    agreementId: row.agreement_id,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    centreId: row.centre_id,
    status: row.status,
    terms: {
      version: row.version,
      scope: row.scope,
      offerKinds: row.offer_kinds,
      startDate: row.start_date,
      endDate: row.end_date,
      payment: row.payment,
      documentSha256: row.document_sha256,
      signatories: row.signatories,
    },
    signedAt: row.signed_at.toISOString(),
    changedAt: row.changed_at.toISOString(),
    terminated: row.status === 'terminated' && row.terminated_at && row.terminated_by ? { at: row.terminated_at.toISOString(), by: row.terminated_by, reason: row.termination_reason } : null,
  };
}

/** One agreement with every version, oldest first (read in one snapshot); undefined if there is none. */
export async function agreementById(db: Kysely<CatalogueTables>, agreementId: string): Promise<(AgreementView & { versions: AgreementVersionView[] }) | undefined> {
  const { row, versions } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => ({
      row: await agreementRows(tx).where('a.agreement_id', '=', agreementId).executeTakeFirst(),
      versions: await rm(tx).selectFrom('catalogue_agreement_versions').selectAll().where('agreement_id', '=', agreementId).orderBy('version').execute(),
    }));
  if (!row) return undefined;
  return {
    ...agreementOf(row),
    versions: versions.map((v) => ({
      version: v.version,
      event: v.event,
      scope: v.scope,
      offerKinds: v.offer_kinds,
      startDate: v.start_date,
      endDate: v.end_date,
      payment: v.payment,
      documentSha256: v.document_sha256,
      signatories: v.signatories,
      recordedAt: v.recorded_at.toISOString(),
    })),
  };
}

/** A partner's agreements, with any centre, oldest first. */
export async function agreementsOfPartner(db: Kysely<CatalogueTables>, partnerId: string): Promise<AgreementView[]> {
  const rows = await agreementRows(db).where('a.partner_id', '=', partnerId).orderBy('a.signed_at').orderBy('a.agreement_id').execute();
  return rows.map(agreementOf);
}

/** A centre's agreements, with any partner, oldest first. */
export async function agreementsOfCentre(db: Kysely<CatalogueTables>, centreId: string): Promise<AgreementView[]> {
  const rows = await agreementRows(db).where('a.centre_id', '=', centreId).orderBy('a.signed_at').orderBy('a.agreement_id').execute();
  return rows.map(agreementOf);
}

// ——— The offers ———

/** An offer with its partner's name and how many take part in it now. */
export interface OfferView {
  offerId: string;
  centreId: string;
  /** Null for the centre's own offer. */
  partnerId: string | null;
  partnerName: string | null;
  agreementId: string | null;
  kind: CentreOfferKind;
  title: string;
  titleEn: string | null;
  description: string;
  descriptionEn: string | null;
  channels: OfferChannel[];
  municipalityCode: string;
  place: string | null;
  link: string | null;
  /** How many can take part at once; null: no set limit. */
  capacity: number | null;
  suits: string | null;
  status: 'published' | 'retired';
  publishedAt: string;
  revisedAt: string | null;
  retiredAt: string | null;
  /** How many take part now. */
  participants: number;
  /** Capacity less those taking part (never below 0); null when there is no set limit. */
  freePlaces: number | null;
}

const offerRows = (db: Kysely<CatalogueTables>) =>
  rm(db)
    .selectFrom('catalogue_offers as o')
    .leftJoin('catalogue_agreements as a', 'a.agreement_id', 'o.agreement_id')
    .leftJoin('catalogue_use as u', 'u.catalogue_offer_id', 'o.offer_id');

/** The columns an OfferView is made of (the search vectors are left in the database). */
const offerColumns = (eb: ExpressionBuilder<any, any>) =>
  [
    'o.offer_id',
    'o.centre_id',
    'o.partner_id',
    'o.partner_name',
    'o.agreement_id',
    'o.kind',
    'o.title',
    'o.title_en',
    'o.description',
    'o.description_en',
    'o.channels',
    'o.municipality_code',
    'o.place',
    'o.link',
    'o.capacity',
    'o.suits',
    'o.status',
    'o.published_at',
    'o.revised_at',
    'o.retired_at',
    eb.fn.coalesce('u.participants', sql<number>`0`).as('participants'),
    sql<number | null>`case when o.capacity is null then null else greatest(o.capacity - coalesce(u.participants, 0), 0) end`.as('free_places'),
  ] as const;

type OfferRow = Pick<
  Selectable<CatalogueTables['catalogue_offers']>,
  | 'offer_id'
  | 'centre_id'
  | 'partner_id'
  | 'partner_name'
  | 'agreement_id'
  | 'kind'
  | 'title'
  | 'title_en'
  | 'description'
  | 'description_en'
  | 'channels'
  | 'municipality_code'
  | 'place'
  | 'link'
  | 'capacity'
  | 'suits'
  | 'status'
  | 'published_at'
  | 'revised_at'
  | 'retired_at'
> & { participants: number; free_places: number | null };

function offerOf(row: OfferRow): OfferView {
  return {
    offerId: row.offer_id,
    centreId: row.centre_id,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    agreementId: row.agreement_id,
    kind: row.kind,
    title: row.title,
    titleEn: row.title_en,
    description: row.description,
    descriptionEn: row.description_en,
    channels: row.channels,
    municipalityCode: row.municipality_code,
    place: row.place,
    link: row.link,
    capacity: row.capacity,
    suits: row.suits,
    status: row.status,
    publishedAt: row.published_at.toISOString(),
    revisedAt: iso(row.revised_at),
    retiredAt: iso(row.retired_at),
    participants: Number(row.participants),
    freePlaces: row.free_places === null ? null : Number(row.free_places),
  };
}

/**
 * The rule of the catalogue, in SQL: an offer is listed on a (Copenhagen) date when it is published
 * and is the centre's own (it names no agreement), or its agreement is not terminated and the date
 * is within its current version's period, both ends included: the rule the command side reads from
 * the streams (src/commands/facts.ts). `notListedBecause` below is the same rule, in words.
 */
const listedOn = (today: string) => (eb: ExpressionBuilder<any, any>) =>
  eb.and([
    eb('o.status', '=', 'published'),
    eb.or([
      eb('o.agreement_id', 'is', null),
      // In force today, and still covering the offer's kind (an amendment may have dropped it).
      eb.and([eb('a.status', '=', 'signed'), eb('a.start_date', '<=', today), eb('a.end_date', '>=', today), sql<SqlBool>`o.kind = any(a.offer_kinds)`]),
    ]),
  ]);

/** Why an offer is not in the catalogue on a date. */
export type NotListedReason = 'retired' | 'agreement_unknown' | 'agreement_terminated' | 'agreement_not_yet_in_force' | 'agreement_ended' | 'kind_not_covered';

export function notListedBecause(
  offer: { status: 'published' | 'retired'; agreementId: string | null; kind?: string },
  agreement: { status: 'signed' | 'terminated'; startDate: string; endDate: string; offerKinds?: readonly string[] } | null,
  today: string,
): NotListedReason | null {
  if (offer.status === 'retired') return 'retired';
  if (offer.agreementId === null) return null;
  if (!agreement) return 'agreement_unknown';
  if (agreement.status === 'terminated') return 'agreement_terminated';
  if (today < agreement.startDate) return 'agreement_not_yet_in_force';
  if (today > agreement.endDate) return 'agreement_ended';
  if (offer.kind !== undefined && agreement.offerKinds !== undefined && !agreement.offerKinds.includes(offer.kind)) return 'kind_not_covered';
  return null;
}

function checkToday(today: string): void {
  if (!isDate(today)) throw new InvalidValue('today', 'a date as YYYY-MM-DD');
}

/** One offer, listed or not, with whether it is in the catalogue on `today` and, if not, why. */
export async function catalogueOfferById(
  db: Kysely<CatalogueTables>,
  offerId: string,
  today: string,
): Promise<
  | (OfferView & {
      agreement: { agreementId: string; status: 'signed' | 'terminated'; startDate: string; endDate: string } | null;
      listed: boolean;
      notListedBecause: NotListedReason | null;
    })
  | undefined
> {
  checkToday(today);
  const row = await offerRows(db)
    .select((eb) => [...offerColumns(eb), 'a.agreement_id as a_agreement_id', 'a.status as a_status', 'a.start_date as a_start_date', 'a.end_date as a_end_date', 'a.offer_kinds as a_offer_kinds'])
    .where('o.offer_id', '=', offerId)
    .executeTakeFirst();
  if (!row) return undefined;
  const offer = offerOf(row);
  const agreement =
    row.a_agreement_id !== null && row.a_status !== null && row.a_start_date !== null && row.a_end_date !== null
      ? { agreementId: row.a_agreement_id, status: row.a_status, startDate: row.a_start_date, endDate: row.a_end_date }
      : null;
  const because = notListedBecause(offer, agreement && { ...agreement, offerKinds: row.a_offer_kinds ?? [] }, today);
  return { ...offer, agreement, listed: because === null, notListedBecause: because };
}

export interface CatalogueSearch {
  /** Words as a person typed them (websearch syntax: "quoted phrase", -not, or). */
  text?: string;
  /** The reader's language: 'en' also searches the English texts. */
  lang: 'da' | 'en';
  /** Any of these kinds (none given: every kind). */
  kinds?: readonly CentreOfferKind[];
  /** Taking place on any of these channels (none given: any). */
  channels?: readonly OfferChannel[];
  municipalityCode?: string;
  centreId?: string;
  /** Only offers with a free place (or no set limit). */
  freeCapacity?: boolean;
  /** The Copenhagen date the catalogue is read for, YYYY-MM-DD. */
  today: string;
  limit: number;
  offset: number;
}

/** A listed offer; `rank` is the text's rank (ts_rank_cd), null without text. */
export type ListedOffer = OfferView & { rank: number | null };

export const SEARCH_LIMIT_MAX = 100;
/**
 * How much of a text is searched for, in characters: a search box's worth. websearch_to_tsquery
 * takes any text, but a query of some twenty thousand words exceeds PostgreSQL's stack depth.
 */
export const SEARCH_TEXT_MAX = 500;

/**
 * The text as searched for: NUL (which PostgreSQL cannot take) as a space, and at most
 * SEARCH_TEXT_MAX characters (never half a surrogate pair); a word the limit cuts through is left
 * out rather than searched for as a fragment that every offer would then have to contain.
 */
function searchText(text: string | undefined): string {
  const chars = Array.from((text ?? '').replaceAll('\0', ' '));
  if (chars.length <= SEARCH_TEXT_MAX) return chars.join('').trim();
  const kept = chars.slice(0, SEARCH_TEXT_MAX).join('');
  // A text of one long word keeps it (it matches nothing; leaving it out would list everything).
  const before = /\s/u.test(chars[SEARCH_TEXT_MAX]!) ? kept : kept.replace(/\S+$/u, '');
  return (before.trim() === '' ? kept : before).trim();
}

/**
 * The catalogue on `today`: only the offers listed that day, filtered, and ranked by how well
 * they match the text (then by title), with the total for paging. The text is a parameter of
 * websearch_to_tsquery, never part of the SQL: any text a person types is a valid query (stems of
 * the Danish config, or the English one besides for `lang: 'en'`); its first SEARCH_TEXT_MAX
 * characters count. Words that give no lexeme (stop words only) match nothing, as PostgreSQL's
 * own search does; no text lists everything.
 */
export async function searchCatalogue(db: Kysely<CatalogueTables>, search: CatalogueSearch): Promise<{ total: number; offers: ListedOffer[] }> {
  checkToday(search.today);
  if (!Number.isSafeInteger(search.limit) || search.limit < 1 || search.limit > SEARCH_LIMIT_MAX) throw new InvalidValue('limit', `a whole number from 1 to ${SEARCH_LIMIT_MAX}`);
  if (!Number.isSafeInteger(search.offset) || search.offset < 0) throw new InvalidValue('offset', 'a whole number from 0');
  const text = searchText(search.text);
  const danish = sql`websearch_to_tsquery('danish'::regconfig, ${text})`;
  const english = sql`websearch_to_tsquery('english'::regconfig, ${text})`;
  const match: Expression<SqlBool> | null =
    text === '' ? null : search.lang === 'en' ? sql<SqlBool>`(o.search_en @@ ${english} or o.search @@ ${danish})` : sql<SqlBool>`o.search @@ ${danish}`;
  const rank = text === '' ? sql<number | null>`null::real` : search.lang === 'en' ? sql<number>`ts_rank_cd(o.search_en, ${english}) + ts_rank_cd(o.search, ${danish})` : sql<number>`ts_rank_cd(o.search, ${danish})`;

  const filtered = offerRows(db)
    .where(listedOn(search.today))
    .$if(match !== null, (q) => q.where(match!))
    .$if((search.kinds?.length ?? 0) > 0, (q) => q.where('o.kind', 'in', [...search.kinds!]))
    .$if((search.channels?.length ?? 0) > 0, (q) => q.where(sql<SqlBool>`o.channels && ${[...search.channels!]}::text[]`))
    .$if(search.municipalityCode !== undefined, (q) => q.where('o.municipality_code', '=', search.municipalityCode!))
    .$if(search.centreId !== undefined, (q) => q.where('o.centre_id', '=', search.centreId!))
    .$if(search.freeCapacity === true, (q) => q.where(sql<SqlBool>`(o.capacity is null or o.capacity > coalesce(u.participants, 0))`));

  // The page is chosen over narrow rows (id, title, rank and the count of all matches), and only
  // its offers are then read whole: the count over every match carries no descriptions.
  const page = filtered
    .select(['o.offer_id', 'o.title', rank.as('rank'), sql<string>`count(*) over ()`.as('total')])
    .$if(text !== '', (q) => q.orderBy(sql`rank`, 'desc'))
    .orderBy('o.title')
    .orderBy('o.offer_id')
    .limit(search.limit)
    .offset(search.offset);
  const rows = await offerRows(db)
    .innerJoin(page.as('page'), 'page.offer_id', 'o.offer_id')
    .select((eb) => [...offerColumns(eb), 'page.rank', 'page.total'])
    .$if(text !== '', (q) => q.orderBy('page.rank', 'desc'))
    .orderBy('o.title')
    .orderBy('o.offer_id')
    .execute();
  // A page past the end has no row to carry the total: count on its own then.
  const total =
    rows.length > 0 ? Number(rows[0]!.total) : search.offset === 0 ? 0 : Number((await filtered.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return { total, offers: rows.map((row) => ({ ...offerOf(row), rank: row.rank === null ? null : Number(row.rank) })) };
}

// ——— Use ———

export interface MonthOfUse {
  /** YYYY-MM, in Europe/Copenhagen. */
  month: string;
  started: number;
  ended: number;
  /** Taking part at the end of the month. */
  participantsAtMonthEnd: number;
}

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/**
 * How a catalogue offer was taken part in, month by month (Europe/Copenhagen) from its first start
 * to its last change, every month in between included; and how many take part now. Counts only:
 * no citizen is named. Both read in one snapshot, so the last month's end is the present count.
 */
export async function useByMonth(db: Kysely<CatalogueTables>, catalogueOfferId: string): Promise<{ currentParticipants: number; months: MonthOfUse[] }> {
  const month = sql<string>`to_char(occurred_at at time zone 'Europe/Copenhagen', 'YYYY-MM')`;
  const { counted, current } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => ({
      counted: await rm(tx)
        .selectFrom('catalogue_participations')
        .select([month.as('month'), sql<number>`count(*) filter (where change = 'started')::int`.as('started'), sql<number>`count(*) filter (where change = 'ended')::int`.as('ended')])
        .where('catalogue_offer_id', '=', catalogueOfferId)
        .groupBy(month)
        .orderBy(month)
        .execute(),
      current: await rm(tx).selectFrom('catalogue_use').select('participants').where('catalogue_offer_id', '=', catalogueOfferId).executeTakeFirst(),
    }));
  const byMonth = new Map(counted.map((c) => [c.month, c]));
  const months: MonthOfUse[] = [];
  let taking = 0;
  const last = counted.at(-1)?.month;
  for (let m = counted[0]?.month; m !== undefined && last !== undefined && m <= last; m = nextMonth(m)) {
    const c = byMonth.get(m);
    const started = c?.started ?? 0;
    const ended = c?.ended ?? 0;
    taking += started - ended;
    months.push({ month: m, started, ended, participantsAtMonthEnd: taking });
  }
  return { currentParticipants: current?.participants ?? 0, months };
}
