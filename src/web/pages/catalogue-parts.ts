/**
 * What the catalogue's, the partners' and the referrals' pages share: the words for their codes
 * (kinds of offer and of partner, channels, payment bases, sides, purposes, what a citizen shares),
 * an offer's title, place and free places in the reader's language, and their refusals in words,
 * each on the field it concerns. Never a code or an ISO string on a page: every code goes through
 * a table here, typed over the code's own list, so a new one without its words does not compile.
 */
import type { PaymentBasis, Side } from '../../domain/agreement/agreement.js';
import type { OfferChannel } from '../../domain/catalogue/catalogue.js';
import { municipalityByCode } from '../../domain/centre/municipalities.js';
import type { CentreOfferKind } from '../../domain/journey/journey.js';
import type { SharedField, SharingPurpose } from '../../domain/journey/sharing.js';
import type { PartnerKind } from '../../domain/partner/partner.js';
import { CoerciveWording, type DomainError, InvalidValue } from '../../domain/shared/errors.js';
import { OFFER_KIND_LABELS } from '../../i18n/records.js';
import { refusalOf } from '../command.js';
import { capitalised, type FieldError } from '../components.js';
import { html, type Html } from '../html.js';
import { type Lang, type Message, say } from '../i18n.js';

export const CATALOGUE_PATH = '/tilbudskatalog';
export const REFERRAL_PATH = '/mine-sider/henvisning';

/** A kind of offer, capitalised, in the reader's language. */
export const kindName = (lang: Lang, kind: CentreOfferKind) => capitalised(say(lang, OFFER_KIND_LABELS[kind]));

export const OFFER_CHANNEL_LABELS: Record<OfferChannel, Message> = {
  in_person: { da: 'fremmøde', en: 'in person' },
  video: { da: 'video', en: 'video' },
  phone: { da: 'telefon', en: 'phone' },
  chat: { da: 'chat', en: 'chat' },
};

/** The channels an offer takes place on, in words: "Fremmøde, video". */
export const channelsText = (lang: Lang, channels: readonly OfferChannel[]) => capitalised(channels.map((c) => say(lang, OFFER_CHANNEL_LABELS[c])).join(', '));

export const PARTNER_KIND_LABELS: Record<PartnerKind, Message> = {
  business: { da: 'virksomhed', en: 'business' },
  ngo: { da: 'NGO', en: 'NGO' },
  volunteer_organisation: { da: 'frivillig organisation', en: 'volunteer organisation' },
  union: { da: 'fagforening', en: 'union' },
  sports_club: { da: 'idrætsforening', en: 'sports club' },
  school_or_college: { da: 'skole eller uddannelsessted', en: 'school or college' },
  health_service: { da: 'sundhedstilbud', en: 'health service' },
  municipality: { da: 'kommunen', en: 'the municipality' },
  unemployment_fund: { da: 'A-kasse', en: 'unemployment fund (A-kasse)' },
  health_house: { da: 'sundhedshus', en: 'health house' },
};

export const PAYMENT_BASIS_LABELS: Record<PaymentBasis, Message> = {
  per_year: { da: 'om året', en: 'a year' },
  per_month: { da: 'om måneden', en: 'a month' },
  per_participant: { da: 'pr. deltager', en: 'per participant' },
  one_off: { da: 'én gang', en: 'once' },
};

export const SIDE_LABELS: Record<Side, Message> = {
  partner: { da: 'medspilleren', en: 'the partner' },
  centre: { da: 'centret', en: 'the centre' },
};

/** Why a partner gets what the citizen shares, in the citizen's words. */
export const SHARING_PURPOSE_LABELS: Record<SharingPurpose, Message> = {
  referral_to_offer: { da: 'så {partner} kan tage imod dig i tilbuddet', en: 'so that {partner} can welcome you to the offer' },
  mentoring: { da: 'så {partner} kan være din mentor eller rådgiver', en: 'so that {partner} can be your mentor or adviser' },
  introduction: { da: 'så {partner} kan kontakte dig', en: 'so that {partner} can get in touch with you' },
};

/** What a citizen may share, as the citizen chooses it ("dit navn" …). */
export const SHARE_CHOICE_LABELS: Record<SharedField, Message> = {
  name: { da: 'Dit navn', en: 'Your name' },
  contact: { da: 'Hvordan du kan kontaktes', en: 'How you can be reached' },
  goals: { da: 'Dine mål, med dine egne ord', en: 'Your goals, in your own words' },
  message: { da: 'En besked til medspilleren', en: 'A message to the partner' },
};

/** What a citizen shared, as the partner reads it. */
export const SHARED_FIELD_HEADINGS: Record<SharedField, Message> = {
  name: { da: 'Navn', en: 'Name' },
  contact: { da: 'Sådan kan borgeren kontaktes', en: 'How to reach the citizen' },
  goals: { da: 'Borgerens mål', en: 'The citizen’s goals' },
  message: { da: 'Besked fra borgeren', en: 'Message from the citizen' },
};

const T = {
  centresOwn: { da: 'Centrets eget tilbud', en: 'The centre’s own offer' },
  online: { da: 'Online', en: 'Online' },
  noLimit: { da: 'Ingen fast grænse for, hvor mange der kan være med', en: 'No set limit on how many can take part' },
  noFree: { da: 'Ingen ledige pladser lige nu', en: 'No free places just now' },
  oneFree: { da: '1 ledig plads', en: '1 free place' },
  manyFree: { da: '{n} ledige pladser', en: '{n} free places' },
} satisfies Record<string, Message>;

/** What an offer says about itself, as the read model keeps it. */
interface OfferTexts {
  title: string;
  titleEn: string | null;
  description: string;
  descriptionEn: string | null;
}

/**
 * A text of the offer in the reader's language: the English one on an English page when there is
 * one; else the Danish, marked as Danish so a screen reader reads it as such.
 */
function inLang(lang: Lang, da: string, en: string | null): Html {
  if (lang === 'en' && en) return html`${en}`;
  return lang === 'da' ? html`${da}` : html`<span lang="da">${da}</span>`;
}
export const offerTitle = (lang: Lang, o: Pick<OfferTexts, 'title' | 'titleEn'>) => inLang(lang, o.title, o.titleEn);
export const offerDescription = (lang: Lang, o: OfferTexts) => inLang(lang, o.description, o.descriptionEn);
/** The title as plain text (a page's h1 and tab title: no markup there). */
export const offerTitleText = (lang: Lang, o: Pick<OfferTexts, 'title' | 'titleEn'>) => (lang === 'en' && o.titleEn ? o.titleEn : o.title);

/** Who offers it: the partner's name, or that it is the centre's own. */
export const offeredBy = (lang: Lang, o: { partnerName: string | null; partnerId: string | null }) => (o.partnerId === null ? say(lang, T.centresOwn) : (o.partnerName ?? '–'));

/** Where it takes place: the municipality, and the place in person or online. */
export function whereText(lang: Lang, o: { municipalityCode: string; place: string | null; channels: readonly OfferChannel[] }): string {
  const municipality = municipalityByCode(o.municipalityCode)?.name ?? '–';
  const at = o.place ?? (o.channels.includes('in_person') ? null : say(lang, T.online));
  return at ? `${at}, ${municipality}` : municipality;
}

/** How many places are free now, in words. */
export function freePlacesText(lang: Lang, o: { capacity: number | null; freePlaces: number | null }): string {
  if (o.capacity === null || o.freePlaces === null) return say(lang, T.noLimit);
  if (o.freePlaces === 0) return say(lang, T.noFree);
  return o.freePlaces === 1 ? say(lang, T.oneFree) : say(lang, T.manyFree, { n: o.freePlaces });
}

// ---- Refusals, in words, on the field they concern ----

/** What the catalogue's, partners' and referrals' refusals say, by their stable codes. */
export const CATALOGUE_REFUSALS: Readonly<Record<string, Message>> = {
  partner_exists: { da: 'Medspilleren er allerede registreret.', en: 'The partner is already registered.' },
  partner_not_found: { da: 'Medspilleren findes ikke.', en: 'The partner does not exist.' },
  agreement_exists: { da: 'Aftalen er allerede registreret.', en: 'The agreement is already recorded.' },
  agreement_not_found: { da: 'Aftalen findes ikke hos denne medspiller og dette center.', en: 'There is no such agreement of this partner with this centre.' },
  agreement_terminated: { da: 'Aftalen er opsagt. Indgå en ny aftale i stedet.', en: 'The agreement was terminated. Sign a new one instead.' },
  agreement_ended: { da: 'Aftalen er udløbet eller opsagt, så den dækker ikke nye tilbud og kan ikke opsiges.', en: 'The agreement has ended or was terminated, so it covers no new offers and cannot be terminated.' },
  kind_not_covered: { da: 'Aftalen dækker ikke den slags tilbud. Vælg en anden aftale eller en anden slags.', en: 'The agreement does not cover that kind of offer. Choose another agreement or another kind.' },
  offer_exists: { da: 'Tilbuddet er allerede udgivet.', en: 'The offer is already published.' },
  offer_not_found: { da: 'Tilbuddet findes ikke i kataloget.', en: 'The offer is not in the catalogue.' },
  offer_retired: { da: 'Tilbuddet er taget af kataloget. Udgiv et nyt i stedet.', en: 'The offer was taken out of the catalogue. Publish a new one instead.' },
  offer_not_in_catalogue: { da: 'Tilbuddet er ikke i kataloget lige nu, så du kan ikke blive henvist til det.', en: 'The offer is not in the catalogue just now, so you cannot be referred to it.' },
  referral_exists: { da: 'Henvisningen er allerede registreret.', en: 'The referral is already recorded.' },
  sharing_not_found: { da: 'Der er ikke noget samtykke til deling at trække tilbage.', en: 'There is no consent to sharing to withdraw.' },
  sharing_withdrawn: { da: 'Samtykket er allerede trukket tilbage. Medspilleren ser ikke mere.', en: 'The consent is already withdrawn. The partner sees nothing more.' },
  journey_not_found: { da: 'Du har ikke et forløb endnu. Start et forløb på Mine sider først, hvis du vil.', en: 'You have no journey yet. Start one on My pages first, if you want to.' },
  journey_closed: { da: 'Dit forløb er afsluttet. Du kan starte et nyt på Mine sider, når du vil.', en: 'Your journey is closed. You can start a new one on My pages whenever you like.' },
  forbidden: { da: 'Det hører til et andet center eller en anden medspiller.', en: 'That belongs to another centre or another partner.' },
};

const COERCIVE: Message = {
  da: 'Teksten bruger ord, der lyder som tvang ({terms}). Skriv det om: alt her er frivilligt.',
  en: 'The text uses words that sound like compulsion ({terms}). Put it another way: everything here is voluntary.',
};

/** What a refused value at a form's field needs: the form's field and what to say there. */
export type InvalidAt = Readonly<Record<string, { field: string; message: Message }>>;

/** The entry for a decider's field: looked up whole, then without its last parts (`content.channels.2` → `content.channels`). */
function entryFor(invalidAt: InvalidAt, named: string): InvalidAt[string] | undefined {
  for (let key = named; key !== ''; key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '') {
    if (Object.hasOwn(invalidAt, key)) return invalidAt[key];
  }
  return undefined;
}

/**
 * A refusal on a form: a value refused at a field the decider names (`details.field`) goes to
 * that form field with its words; words of coercion name the words found; every other refusal is
 * said by its code on `fallbackField`.
 */
export function formRefusal(lang: Lang, error: DomainError, invalidAt: InvalidAt, fallbackField: string): FieldError {
  const named = typeof error.details.field === 'string' ? error.details.field : null;
  const at = named === null ? undefined : entryFor(invalidAt, named);
  if (error instanceof CoerciveWording) return { field: at?.field ?? fallbackField, message: say(lang, COERCIVE, { terms: error.terms.join(', ') }) };
  if (error instanceof InvalidValue && at) return { field: at.field, message: say(lang, at.message) };
  return refusalOf(lang, error, fallbackField, CATALOGUE_REFUSALS);
}
