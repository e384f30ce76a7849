/**
 * The public offer catalogue (/tilbudskatalog): a search box (Danish full-text search; an English
 * page searches the English texts too), filters by kind, channel, municipality and free places,
 * and the offers listed today, best match first. A GET form: it works without JavaScript, and a
 * search is a link one can keep. An offer's own page says what it is and who it suits — a help to
 * choose, never a condition — and, for a signed-in citizen, how to ask to be referred to it.
 */
import { OFFER_CHANNELS, type OfferChannel } from '../../domain/catalogue/catalogue.js';
import { MUNICIPALITIES } from '../../domain/centre/municipalities.js';
import { CENTRE_OFFER_KINDS, type CentreOfferKind } from '../../domain/journey/journey.js';
import type { ListedOffer, OfferView } from '../../projections/catalogue/queries.js';
import { button, checkboxGroup, getForm, select, summaryList } from '../components.js';
import { attr, html, type Html } from '../html.js';
import { type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import {
  CATALOGUE_PATH,
  channelsText,
  freePlacesText,
  kindName,
  OFFER_CHANNEL_LABELS,
  offerDescription,
  offeredBy,
  offerTitle,
  offerTitleText,
  REFERRAL_PATH,
  whereText,
} from './catalogue-parts.js';

const T = {
  title: { da: 'Tilbudskatalog', en: 'Offer catalogue' },
  lead: {
    da: 'Her er de tilbud, centrene og deres lokale medspillere har lige nu. Alle tilbud er frivillige: du vælger selv, om du vil være med, og et nej tak har ingen betydning for dig.',
    en: 'Here are the offers the centres and their local partners have just now. Every offer is voluntary: you choose whether to take part, and a no thank you makes no difference to you.',
  },
  search: { da: 'Hvad leder du efter?', en: 'What are you looking for?' },
  searchHint: { da: 'Skriv et eller flere ord, fx virksomhed, motion eller iværksætter.', en: 'Type one or more words, for example business, exercise or entrepreneur.' },
  searchButton: { da: 'Søg', en: 'Search' },
  filters: { da: 'Afgræns søgningen', en: 'Narrow the search' },
  kinds: { da: 'Slags tilbud', en: 'Kind of offer' },
  channels: { da: 'Sådan foregår det', en: 'How it takes place' },
  municipality: { da: 'Kommune', en: 'Municipality' },
  allMunicipalities: { da: 'Alle kommuner', en: 'All municipalities' },
  free: { da: 'Ledige pladser', en: 'Free places' },
  freeOnly: { da: 'Kun tilbud med ledige pladser', en: 'Only offers with free places' },
  results: { da: 'Resultater', en: 'Results' },
  count: { da: '{n} tilbud', en: '{n} offers' },
  countOne: { da: '1 tilbud', en: '1 offer' },
  none: { da: 'Ingen tilbud passer til din søgning. Prøv med andre ord eller færre afgrænsninger.', en: 'No offers match your search. Try other words or fewer filters.' },
  noneAtAll: { da: 'Der er ingen tilbud i kataloget lige nu.', en: 'There are no offers in the catalogue just now.' },
  by: { da: 'Udbydes af', en: 'Offered by' },
  where: { da: 'Hvor', en: 'Where' },
  how: { da: 'Sådan foregår det', en: 'How it takes place' },
  places: { da: 'Pladser', en: 'Places' },
  kind: { da: 'Slags tilbud', en: 'Kind of offer' },
  link: { da: 'Link', en: 'Link' },
  pages: { da: 'Sider med resultater', en: 'Pages of results' },
  previous: { da: 'Forrige side', en: 'Previous page' },
  next: { da: 'Næste side', en: 'Next page' },
  pageOf: { da: 'Side {n} af {of}', en: 'Page {n} of {of}' },
  back: { da: 'Tilbage til tilbudskataloget', en: 'Back to the offer catalogue' },
  suits: { da: 'Hvem det kan passe til', en: 'Who it may suit' },
  suitsNote: {
    da: 'Det er en hjælp til at vælge, ikke et krav. Alle kan spørge efter tilbuddet.',
    en: 'This is a help to choose, not a condition. Anyone can ask for the offer.',
  },
  about: { da: 'Om tilbuddet', en: 'About the offer' },
  referTitle: { da: 'Vil du gerne være med?', en: 'Would you like to take part?' },
  refer: { da: 'Jeg vil gerne henvises', en: 'I would like a referral' },
  referText: {
    da: 'Du vælger selv, hvad {partner} må se om dig, og hvor længe. Du kan trække dit samtykke tilbage når som helst, og intet følger af det.',
    en: 'You choose what {partner} may see about you, and for how long. You can withdraw your consent at any time, and nothing follows from it.',
  },
  signInToRefer: { da: 'Log ind som borger, hvis du gerne vil henvises til tilbuddet.', en: 'Sign in as a citizen if you would like a referral to the offer.' },
  signIn: { da: 'Log ind', en: 'Sign in' },
  centresOwnText: {
    da: 'Det er centrets eget tilbud. Spørg efter det i en samtale, så finder I sammen ud af det.',
    en: 'It is the centre’s own offer. Ask for it in a conversation, and you will work it out together.',
  },
  book: { da: 'Book en samtale', en: 'Book a conversation' },
} satisfies Record<string, Message>;

/** A search as the form sends it, each value one the catalogue knows (unknown values are left out). */
export interface CatalogueQuery {
  text: string;
  kinds: CentreOfferKind[];
  channels: OfferChannel[];
  municipalityCode: string | null;
  freeOnly: boolean;
  /** 1 and up. */
  page: number;
}

export const CATALOGUE_PAGE_SIZE = 20;

/** The query string a search is kept in (a link to a page of its results). */
export function catalogueQueryString(q: CatalogueQuery, pageNo: number): string {
  const params = new URLSearchParams();
  if (q.text) params.set('q', q.text);
  for (const k of q.kinds) params.append('slags', k);
  for (const c of q.channels) params.append('kanal', c);
  if (q.municipalityCode) params.set('kommune', q.municipalityCode);
  if (q.freeOnly) params.set('ledige', '1');
  if (pageNo > 1) params.set('side', String(pageNo));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function resultCard(lang: Lang, o: ListedOffer): Html {
  return html`<li class="card mb-5" id="offer-${o.offerId}"><div class="card-content">
<h3 class="card-heading"><a href="${CATALOGUE_PATH}/${o.offerId}">${offerTitle(lang, o)}</a></h3>
<p class="card-subheading">${kindName(lang, o.kind)} · ${offeredBy(lang, o)}</p>
<ul class="nobullet-list">
<li><strong>${say(lang, T.where)}:</strong> ${whereText(lang, o)}</li>
<li><strong>${say(lang, T.how)}:</strong> ${channelsText(lang, o.channels)}</li>
<li><strong>${say(lang, T.places)}:</strong> ${freePlacesText(lang, o)}</li>
</ul>
</div></li>`;
}

function pagination(lang: Lang, q: CatalogueQuery, total: number): Html | null {
  const pages = Math.max(1, Math.ceil(total / CATALOGUE_PAGE_SIZE));
  if (pages <= 1) return null;
  const n = Math.min(q.page, pages);
  return html`<nav aria-label="${say(lang, T.pages)}" class="mt-6"><ul class="inline-list">
${n > 1 ? html`<li class="mr-5"><a href="${CATALOGUE_PATH}${catalogueQueryString(q, n - 1)}" rel="prev">${say(lang, T.previous)}</a></li>` : null}
<li class="mr-5" aria-current="page">${say(lang, T.pageOf, { n, of: pages })}</li>
${n < pages ? html`<li><a href="${CATALOGUE_PATH}${catalogueQueryString(q, n + 1)}" rel="next">${say(lang, T.next)}</a></li>` : null}
</ul></nav>`;
}

/** The catalogue with the search form and one page of its results. */
export function cataloguePage(context: PageContext, q: CatalogueQuery, found: { total: number; offers: readonly ListedOffer[] }): Html {
  const { lang } = context;
  const filtered = q.text !== '' || q.kinds.length > 0 || q.channels.length > 0 || q.municipalityCode !== null || q.freeOnly;
  const filtersOpen = q.kinds.length > 0 || q.channels.length > 0 || q.municipalityCode !== null || q.freeOnly;
  const form = getForm(
    CATALOGUE_PATH,
    html`<div class="form-group">
<label class="form-label" for="q">${say(lang, T.search)}</label>
<span class="form-hint" id="q-hint">${say(lang, T.searchHint)}</span>
<div class="search">
<input class="form-input" id="q" name="q" type="search" maxlength="500" aria-describedby="q-hint"${attr('value', q.text)} lang="${lang}">
<button class="button button-search" type="submit" id="search">${say(lang, T.searchButton)}</button>
</div>
</div>
<details class="details"${attr('open', filtersOpen)}>
<summary class="details-summary">${say(lang, T.filters)}</summary>
<div class="details-text">
${checkboxGroup({ lang, id: 'slags', legend: say(lang, T.kinds), choices: CENTRE_OFFER_KINDS.map((k) => ({ value: k, label: kindName(lang, k) })), checked: q.kinds })}
${checkboxGroup({ lang, id: 'kanal', legend: say(lang, T.channels), choices: OFFER_CHANNELS.map((c) => ({ value: c, label: capitalise(say(lang, OFFER_CHANNEL_LABELS[c])) })), checked: q.channels })}
${select({ lang, id: 'kommune', label: say(lang, T.municipality), required: false, choices: [{ value: '', label: say(lang, T.allMunicipalities) }, ...MUNICIPALITIES.map((m) => ({ value: m.code, label: m.name }))], selected: q.municipalityCode ?? '' })}
${checkboxGroup({ lang, id: 'ledige', legend: say(lang, T.free), choices: [{ value: '1', label: say(lang, T.freeOnly) }], checked: q.freeOnly ? ['1'] : [] })}
${button(say(lang, T.searchButton), { variant: 'secondary', id: 'search-filters' })}
</div>
</details>`,
    'catalogue-search',
  );
  const count = found.total === 1 ? say(lang, T.countOne) : say(lang, T.count, { n: found.total });
  const results =
    found.offers.length === 0
      ? html`<p id="no-results">${say(lang, filtered ? T.none : T.noneAtAll)}</p>`
      : html`<ul class="nobullet-list" id="results">${found.offers.map((o) => resultCard(lang, o))}</ul>${pagination(lang, q, found.total)}`;
  return page(context, {
    title: say(lang, T.title),
    body: html`<p class="font-lead">${say(lang, T.lead)}</p>
${form}
<h2 id="results-heading">${say(lang, T.results)}</h2>
<p role="status" id="result-count">${count}</p>
${results}`,
  });
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What the reader may do about an offer, by who they are. */
export type OfferAction = 'refer' | 'sign_in' | 'book' | 'none';

/** One offer: what it is, who it may suit (never a condition), and how to ask for it. */
export function offerPage(context: PageContext, offer: OfferView, action: OfferAction): Html {
  const { lang } = context;
  const facts = summaryList([
    { label: say(lang, T.kind), value: kindName(lang, offer.kind) },
    { label: say(lang, T.by), value: offeredBy(lang, offer) },
    { label: say(lang, T.where), value: whereText(lang, offer) },
    { label: say(lang, T.how), value: channelsText(lang, offer.channels) },
    ...(offer.link ? [{ label: say(lang, T.link), value: html`<a href="${offer.link}" rel="noopener noreferrer">${offer.link}</a>` }] : []),
    { label: say(lang, T.places), value: freePlacesText(lang, offer) },
  ]);
  const partner = offer.partnerName ?? '–';
  const act =
    action === 'refer'
      ? html`<h2>${say(lang, T.referTitle)}</h2>
<p>${say(lang, T.referText, { partner })}</p>
<p><a class="button button-primary" href="${REFERRAL_PATH}/${offer.offerId}" id="refer">${say(lang, T.refer)}</a></p>`
      : action === 'sign_in'
        ? html`<h2>${say(lang, T.referTitle)}</h2>
<p>${say(lang, T.signInToRefer)}</p>
<p><a class="button button-secondary" href="/log-ind" id="sign-in-to-refer">${say(lang, T.signIn)}</a></p>`
        : action === 'book'
          ? html`<h2>${say(lang, T.referTitle)}</h2>
<p>${say(lang, T.centresOwnText)}</p>
<p><a class="button button-secondary" href="/mine-sider/samtale" id="book">${say(lang, T.book)}</a></p>`
          : null;
  return page(context, {
    title: offerTitleText(lang, offer),
    back: CATALOGUE_PATH,
    body: html`<h2>${say(lang, T.about)}</h2>
<p id="description">${offerDescription(lang, offer)}</p>
${facts}
${
  offer.suits
    ? html`<h2>${say(lang, T.suits)}</h2>
<p id="suits"><span lang="da">${offer.suits}</span></p>
<p class="form-hint">${say(lang, T.suitsNote)}</p>`
    : null
}
${act}`,
  });
}
