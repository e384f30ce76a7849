/**
 * An offer in the catalogue, published, revised and taken out by whoever offers it: a partner's
 * people under one of the partner's agreements in force, or the centre's staff for the centre's
 * own offers. One form for both, its fields grouped (the offer; where and how; for a partner the
 * agreement), and taking an offer out asked once. "Who it suits" is a help to choose, and the form
 * says so: never a condition.
 */
import { CAPACITY_MAX, DESCRIPTION_MAX, LINK_MAX, PLACE_MAX, SUITS_MAX, TITLE_MAX } from '../../domain/catalogue/decide.js';
import { OFFER_CHANNELS } from '../../domain/catalogue/catalogue.js';
import { MUNICIPALITIES } from '../../domain/centre/municipalities.js';
import { CENTRE_OFFER_KINDS } from '../../domain/journey/journey.js';
import type { AgreementView, ListedOffer, OfferView } from '../../projections/catalogue/queries.js';
import { button, capitalised, checkboxGroup, errorFor, type FieldError, notice, postForm, select, shortInput, table, textArea, textInput } from '../components.js';
import { html, type Html } from '../html.js';
import { type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { CATALOGUE_PATH, channelsText, freePlacesText, type InvalidAt, kindName, OFFER_CHANNEL_LABELS, offerTitle, whereText } from './catalogue-parts.js';
import { kindsText, periodText } from './partner-parts.js';

const T = {
  publishTitle: { da: 'Udgiv et tilbud', en: 'Publish an offer' },
  reviseTitle: { da: 'Ret tilbuddet', en: 'Revise the offer' },
  offerGroup: { da: 'Tilbuddet', en: 'The offer' },
  whereGroup: { da: 'Hvor og hvordan', en: 'Where and how' },
  agreementGroup: { da: 'Aftalen, tilbuddet hører under', en: 'The agreement the offer comes under' },
  kind: { da: 'Slags tilbud', en: 'Kind of offer' },
  chooseKind: { da: 'Vælg slags', en: 'Choose a kind' },
  title: { da: 'Titel', en: 'Title' },
  titleEn: { da: 'Titel på engelsk', en: 'Title in English' },
  description: { da: 'Hvad tilbuddet er', en: 'What the offer is' },
  descriptionHint: { da: 'Skriv det, så en borger kan forstå, hvad der sker, og hvad man får ud af det.', en: 'Write it so that a citizen understands what happens and what they get out of it.' },
  descriptionEn: { da: 'Hvad tilbuddet er, på engelsk', en: 'What the offer is, in English' },
  suits: { da: 'Hvem det kan passe til', en: 'Who it may suit' },
  suitsHint: {
    da: 'En hjælp til at vælge, aldrig et krav: alle kan spørge efter tilbuddet. Skriv fx »Godt, hvis du gerne vil prøve et nyt fag«.',
    en: 'A help to choose, never a condition: anyone can ask for the offer. Write for example “Good if you would like to try a new trade”.',
  },
  channels: { da: 'Sådan foregår det', en: 'How it takes place' },
  municipality: { da: 'Kommune', en: 'Municipality' },
  chooseMunicipality: { da: 'Vælg kommune', en: 'Choose a municipality' },
  place: { da: 'Sted', en: 'Place' },
  placeHint: { da: 'Adresse eller lokale. Skal udfyldes, når tilbuddet foregår ved fremmøde.', en: 'An address or a room. Needed when the offer takes place in person.' },
  link: { da: 'Link', en: 'Link' },
  linkHint: { da: 'Til fx et videomøde eller en side om tilbuddet. Begynder med https://', en: 'To a video meeting or a page about the offer, for example. Starts with https://' },
  capacity: { da: 'Antal pladser', en: 'Number of places' },
  capacityHint: { da: 'Hvor mange der kan være med på én gang. Lad feltet stå tomt, hvis der ikke er en fast grænse.', en: 'How many can take part at once. Leave it empty if there is no set limit.' },
  agreement: { da: 'Aftale', en: 'Agreement' },
  chooseAgreement: { da: 'Vælg aftale', en: 'Choose an agreement' },
  agreementHint: { da: 'Kun aftaler, der er i kraft i dag. Aftalen skal dække den slags tilbud.', en: 'Only agreements in force today. The agreement must cover the kind of offer.' },
  noAgreement: {
    da: 'I har ingen aftale i kraft lige nu, så I kan ikke udgive tilbud. Kontakt centret for at indgå eller forny en aftale.',
    en: 'You have no agreement in force just now, so you cannot publish offers. Contact the centre to sign or renew an agreement.',
  },
  publish: { da: 'Udgiv tilbuddet', en: 'Publish the offer' },
  save: { da: 'Gem ændringerne', en: 'Save the changes' },
  retireTitle: { da: 'Vil du tage tilbuddet af kataloget?', en: 'Do you want to take the offer out of the catalogue?' },
  retireText: {
    da: 'Tilbuddet »{title}« forsvinder fra kataloget med det samme, og ingen nye kan begynde i det. De, der allerede er med, kan gøre det færdigt. Et tilbud, der er taget af kataloget, kan ikke komme tilbage: udgiv et nyt i stedet.',
    en: 'The offer “{title}” leaves the catalogue at once, and nobody new can start in it. Those already taking part may finish. An offer taken out cannot come back: publish a new one instead.',
  },
  retire: { da: 'Ja, tag tilbuddet af kataloget', en: 'Yes, take the offer out of the catalogue' },
  keep: { da: 'Nej, behold det', en: 'No, keep it' },
  offers: { da: 'Tilbud i kataloget i dag', en: 'Offers in the catalogue today' },
  none: { da: 'Der er ingen tilbud i kataloget endnu.', en: 'There are no offers in the catalogue yet.' },
  offer: { da: 'Tilbud', en: 'Offer' },
  where: { da: 'Hvor', en: 'Where' },
  how: { da: 'Sådan foregår det', en: 'How it takes place' },
  places: { da: 'Pladser', en: 'Places' },
  actions: { da: 'Handlinger', en: 'Actions' },
  revise: { da: 'Ret', en: 'Revise' },
  retireShort: { da: 'Tag af kataloget', en: 'Take out' },
  published: { da: 'Tilbuddet er udgivet. Det kan tage et øjeblik, før det vises i kataloget.', en: 'The offer is published. It may take a moment before it shows in the catalogue.' },
  revised: { da: 'Ændringerne er gemt. Det kan tage et øjeblik, før de vises.', en: 'The changes are saved. It may take a moment before they show.' },
  retired: { da: 'Tilbuddet er taget af kataloget.', en: 'The offer is taken out of the catalogue.' },
  newOffer: { da: 'Udgiv et nyt tilbud', en: 'Publish a new offer' },
  capacityBad: { da: 'Skriv antal pladser som et helt tal fra 1 til {max}, eller lad feltet stå tomt', en: 'Write the number of places as a whole number from 1 to {max}, or leave it empty' },
  notListedNote: {
    da: 'Listen viser de tilbud, der er i kataloget i dag. Et tilbud under en aftale, der endnu ikke er i kraft, vises fra aftalens første dag.',
    en: 'The list shows the offers in the catalogue today. An offer under an agreement not yet in force shows from the agreement’s first day.',
  },
} satisfies Record<string, Message>;

/** The offer form's text fields, as typed. */
export const OFFER_TEXT_FIELDS = ['kind', 'title', 'titleEn', 'description', 'descriptionEn', 'suits', 'municipalityCode', 'place', 'link', 'capacity', 'agreementId'] as const;
export type OfferTextField = (typeof OFFER_TEXT_FIELDS)[number];

/** An offer form as typed: its text fields and its channels. */
export interface OfferForm {
  values: Partial<Record<OfferTextField, string>>;
  channels: string[];
  errors: FieldError[];
}

/** Where each refused value of the offer decider goes on the form, and what it says there. */
export const OFFER_INVALID_AT: InvalidAt = {
  'content.kind': { field: 'kind', message: { da: 'Vælg, hvilken slags tilbud det er', en: 'Choose which kind of offer it is' } },
  'content.title': { field: 'title', message: { da: `Skriv tilbuddets titel (højst ${TITLE_MAX} tegn)`, en: `Write the offer’s title (at most ${TITLE_MAX} characters)` } },
  'content.titleEn': { field: 'titleEn', message: { da: `Den engelske titel kan højst være ${TITLE_MAX} tegn`, en: `The English title can be at most ${TITLE_MAX} characters` } },
  'content.description': { field: 'description', message: { da: 'Skriv, hvad tilbuddet er (højst 4.000 tegn)', en: 'Write what the offer is (at most 4,000 characters)' } },
  'content.descriptionEn': { field: 'descriptionEn', message: { da: 'Den engelske tekst kan højst være 4.000 tegn', en: 'The English text can be at most 4,000 characters' } },
  'content.channels': { field: 'channels', message: { da: 'Vælg mindst én måde, tilbuddet foregår på', en: 'Choose at least one way the offer takes place' } },
  'content.municipalityCode': { field: 'municipalityCode', message: { da: 'Vælg den kommune, tilbuddet foregår i', en: 'Choose the municipality the offer takes place in' } },
  'content.place': { field: 'place', message: { da: `Skriv, hvor tilbuddet foregår, når det er ved fremmøde (højst ${PLACE_MAX} tegn)`, en: `Write where the offer takes place when it is in person (at most ${PLACE_MAX} characters)` } },
  'content.link': { field: 'link', message: { da: 'Skriv et link, der begynder med https://', en: 'Write a link that starts with https://' } },
  'content.capacity': { field: 'capacity', message: { da: `Skriv antal pladser som et helt tal fra 1 til ${CAPACITY_MAX.toLocaleString('da-DK')}, eller lad feltet stå tomt`, en: `Write the number of places as a whole number from 1 to ${CAPACITY_MAX.toLocaleString('en-GB')}, or leave it empty` } },
  'content.suits': { field: 'suits', message: { da: `Hvem det kan passe til kan højst være ${SUITS_MAX} tegn`, en: `Who it may suit can be at most ${SUITS_MAX} characters` } },
  agreementId: { field: 'agreementId', message: { da: 'Vælg den aftale, tilbuddet hører under', en: 'Choose the agreement the offer comes under' } },
};

/** The capacity as typed: null when empty, a whole number, or undefined when it is none (an error on the field). */
export function capacityOf(typed: string | undefined): number | null | undefined {
  const text = (typed ?? '').trim().replace(/[.\s]/g, '');
  if (text === '') return null;
  if (!/^\d{1,6}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= CAPACITY_MAX ? n : undefined;
}

export const capacityError = (lang: Lang): FieldError => ({ field: 'capacity', message: say(lang, T.capacityBad, { max: CAPACITY_MAX.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB') }) });

/** The agreements a partner may publish under: in force today. */
function agreementChoice(lang: Lang, a: AgreementView) {
  return { value: a.agreementId, label: `${kindsText(lang, a.terms.offerKinds)} – ${periodText(lang, a.terms)}` };
}

/**
 * The offer form. `agreements`: for a partner, the agreements in force to choose from (the
 * centre's own offer names none, and the field is not there).
 */
export function offerFormPage(
  context: PageContext,
  o: { action: string; back: string; revising: boolean; form?: OfferForm; agreements?: readonly AgreementView[]; nav?: Html },
): Html {
  const { lang } = context;
  const form = o.form ?? { values: {}, channels: [], errors: [] };
  const v = form.values;
  const err = (field: string) => errorFor(form.errors, field);
  const e = (field: string) => (err(field) ? { error: err(field)! } : {});
  const title = say(lang, o.revising ? T.reviseTitle : T.publishTitle);
  if (o.agreements && o.agreements.length === 0) {
    return page(context, { title, back: o.back, body: html`${o.nav ?? null}<p id="no-agreement">${say(lang, T.noAgreement)}</p>` });
  }
  const agreementGroup = o.agreements
    ? html`<fieldset class="mt-6"><legend class="h2">${say(lang, T.agreementGroup)}</legend>
${select({ lang, id: 'agreementId', label: say(lang, T.agreement), hint: say(lang, T.agreementHint), choices: [...(o.agreements.length > 1 ? [{ value: '', label: say(lang, T.chooseAgreement) }] : []), ...o.agreements.map((a) => agreementChoice(lang, a))], selected: v.agreementId, ...e('agreementId') })}
</fieldset>`
    : null;
  const body = postForm(
    context,
    o.action,
    html`<fieldset><legend class="h2">${say(lang, T.offerGroup)}</legend>
${select({ lang, id: 'kind', label: say(lang, T.kind), choices: [{ value: '', label: say(lang, T.chooseKind) }, ...CENTRE_OFFER_KINDS.map((k) => ({ value: k, label: kindName(lang, k) }))], selected: v.kind, ...e('kind') })}
${textInput({ lang, id: 'title', label: say(lang, T.title), value: v.title, maxLength: TITLE_MAX, ...e('title') })}
${textArea({ lang, id: 'description', label: say(lang, T.description), hint: say(lang, T.descriptionHint), value: v.description, maxLength: DESCRIPTION_MAX, rows: 6, ...e('description') })}
${textArea({ lang, id: 'suits', label: say(lang, T.suits), hint: say(lang, T.suitsHint), value: v.suits, maxLength: SUITS_MAX, rows: 3, required: false, ...e('suits') })}
${textInput({ lang, id: 'titleEn', label: say(lang, T.titleEn), value: v.titleEn, maxLength: TITLE_MAX, required: false, ...e('titleEn') })}
${textArea({ lang, id: 'descriptionEn', label: say(lang, T.descriptionEn), value: v.descriptionEn, maxLength: DESCRIPTION_MAX, rows: 4, required: false, ...e('descriptionEn') })}
</fieldset>
<fieldset class="mt-6"><legend class="h2">${say(lang, T.whereGroup)}</legend>
${checkboxGroup({ lang, id: 'channels', legend: say(lang, T.channels), required: true, choices: OFFER_CHANNELS.map((c) => ({ value: c, label: capitalised(say(lang, OFFER_CHANNEL_LABELS[c])) })), checked: form.channels, error: err('channels') })}
${select({ lang, id: 'municipalityCode', label: say(lang, T.municipality), choices: [{ value: '', label: say(lang, T.chooseMunicipality) }, ...MUNICIPALITIES.map((m) => ({ value: m.code, label: m.name }))], selected: v.municipalityCode, ...e('municipalityCode') })}
${textInput({ lang, id: 'place', label: say(lang, T.place), hint: say(lang, T.placeHint), value: v.place, maxLength: PLACE_MAX, required: false, ...e('place') })}
${textInput({ lang, id: 'link', label: say(lang, T.link), hint: say(lang, T.linkHint), value: v.link, maxLength: LINK_MAX, required: false, autocomplete: 'off', ...e('link') })}
${shortInput({ lang, id: 'capacity', label: say(lang, T.capacity), hint: say(lang, T.capacityHint), value: v.capacity, width: 'xs', inputMode: 'numeric', required: false, autocomplete: 'off', ...e('capacity') })}
</fieldset>
${agreementGroup}
${button(say(lang, o.revising ? T.save : T.publish), { id: 'publish-offer' })}`,
    { id: 'offer-form' },
  );
  return page(context, { title, back: o.back, errors: form.errors, body: html`${o.nav ?? null}${body}` });
}

/** The form's values for an offer as it stands (to revise it). */
export function offerFormOf(offer: OfferView): OfferForm {
  return {
    values: {
      kind: offer.kind,
      title: offer.title,
      titleEn: offer.titleEn ?? '',
      description: offer.description,
      descriptionEn: offer.descriptionEn ?? '',
      suits: offer.suits ?? '',
      municipalityCode: offer.municipalityCode,
      place: offer.place ?? '',
      link: offer.link ?? '',
      capacity: offer.capacity === null ? '' : String(offer.capacity),
      agreementId: offer.agreementId ?? '',
    },
    channels: [...offer.channels],
    errors: [],
  };
}

/** Taking an offer out of the catalogue: asked once. */
export function retireOfferPage(context: PageContext, o: { action: string; back: string; title: string; errors?: readonly FieldError[] }): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.retireTitle),
    back: o.back,
    errors: o.errors ?? [],
    body: html`<p>${say(lang, T.retireText, { title: o.title })}</p>
${postForm(context, o.action, button(say(lang, T.retire), { id: 'retire-offer' }), { id: 'retire-form' })}
<p><a href="${o.back}">${say(lang, T.keep)}</a></p>`,
  });
}

export type OfferNotice = 'published' | 'revised' | 'retired' | null;

/** The offers someone publishes, as listed in the catalogue today, with "Ret" and "Tag af kataloget" on each. */
export function offersList(context: PageContext, offers: readonly ListedOffer[], base: string, shown: OfferNotice): Html {
  const { lang } = context;
  const said = shown === 'published' ? T.published : shown === 'revised' ? T.revised : shown === 'retired' ? T.retired : null;
  return html`${notice(said ? say(lang, said) : null)}
<p><a class="button button-primary" href="${base}/nyt" id="new-offer">${say(lang, T.newOffer)}</a></p>
${
  offers.length === 0
    ? html`<p id="no-offers">${say(lang, T.none)}</p>`
    : table(
        say(lang, T.offers),
        [{ text: say(lang, T.offer) }, { text: say(lang, T.where) }, { text: say(lang, T.how) }, { text: say(lang, T.places) }, { text: say(lang, T.actions) }],
        offers.map((o) => [
          { value: html`<a href="${CATALOGUE_PATH}/${o.offerId}">${offerTitle(lang, o)}</a>`, header: true },
          { value: whereText(lang, o) },
          { value: channelsText(lang, o.channels) },
          { value: freePlacesText(lang, o) },
          {
            value: html`<a href="${base}/${o.offerId}/ret" id="revise-${o.offerId}">${say(lang, T.revise)}<span class="sr-only"> ${o.title}</span></a> · <a href="${base}/${o.offerId}/fjern" id="retire-${o.offerId}">${say(lang, T.retireShort)}<span class="sr-only"> ${o.title}</span></a>`,
          },
        ]),
      )
}
<p class="form-hint">${say(lang, T.notListedNote)}</p>`;
}
