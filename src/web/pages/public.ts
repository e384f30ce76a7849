/**
 * The public pages: what Virkelyst is and the centres with how to reach them, one centre, and
 * the accessibility statement. Phone, video and chat are open 07–21 every day for every centre
 * (DOMAIN.md rule 4, src/domain/journey/hours.ts); in-person hours are each centre's own.
 */
import { type OpeningHours, WEEKDAYS } from '../../domain/centre/centre.js';
import type { CentreView } from '../../projections/centres/queries.js';
import { html, type Html } from '../html.js';
import { formatClock, type Lang, type Message, say, weekdayLabel } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { governanceLinks } from './board-public.js';

const T = {
  title: { da: 'Virkelyst – Mulighedernes Hus', en: 'Virkelyst – the house of opportunities' },
  catalogue: { da: 'Find tilbud fra husene og deres medspillere i tilbudskataloget', en: 'Find offers from the centres and their partners in the offer catalogue' },
  intro: {
    da: 'Virkelyst er et jobcenter for alle: her kan du få vejledning, hjælp til at finde job eller uddannelse og sparring til at starte egen virksomhed.',
    en: 'Virkelyst is a job centre for everyone: here you can get guidance, help finding a job or an education, and support to start your own business.',
  },
  voluntary: {
    da: 'Alt er frivilligt. Du bestemmer selv, hvad du vil, og et nej tak ændrer ingenting for dig.',
    en: 'Everything is voluntary. You decide what you want, and saying no thank you changes nothing for you.',
  },
  centres: { da: 'Centrene', en: 'The centres' },
  none: { da: 'Der er ingen centre endnu.', en: 'There are no centres yet.' },
  municipality: { da: '{name} Kommune', en: 'Municipality of {name}' },
  digital: {
    da: 'Telefon, video og chat: hver dag kl. {opens}–{closes}, også på søn- og helligdage.',
    en: 'Phone, video and chat: every day {opens}–{closes}, Sundays and public holidays included.',
  },
  inPerson: { da: 'Fremmøde på centret', en: 'In person at the centre' },
  noInPerson: { da: 'Centret har ingen åbningstider for fremmøde endnu.', en: 'The centre has no in-person opening hours yet.' },
  day: { da: 'Dag', en: 'Day' },
  hours: { da: 'Åbent', en: 'Open' },
  closed: { da: 'Lukket', en: 'Closed' },
  holidays: { da: 'Lukket for fremmøde på helligdage.', en: 'Closed for in-person visits on public holidays.' },
  howTo: { da: 'Log ind for at starte et forløb og bestille en samtale, når det passer dig.', en: 'Sign in to start a journey and book a conversation when it suits you.' },
  and: { da: ' og ', en: ' and ' },
} satisfies Record<string, Message>;

const DIGITAL_OPENS = '07:00';
const DIGITAL_CLOSES = '21:00';

const digitalHours = (lang: Lang) => say(lang, T.digital, { opens: formatClock(lang, DIGITAL_OPENS), closes: formatClock(lang, DIGITAL_CLOSES) });

/** "09.00–15.00 og 17.00–19.00": a day's intervals as the language writes them. */
function intervals(lang: Lang, hours: OpeningHours, day: (typeof WEEKDAYS)[number]): string {
  const list = hours[day];
  if (list.length === 0) return say(lang, T.closed);
  return list.map((i) => `${formatClock(lang, i.opens)}–${formatClock(lang, i.closes)}`).join(say(lang, T.and));
}

const hasInPerson = (hours: OpeningHours) => WEEKDAYS.some((d) => hours[d].length > 0);

/** In-person hours as a table (a heading per row), or the sentence that there are none yet. */
export function openingHoursTable(lang: Lang, hours: OpeningHours, caption: string): Html {
  if (!hasInPerson(hours)) return html`<p>${say(lang, T.noInPerson)}</p>`;
  return html`<div class="table--responsive-scroll"><table class="table">
<caption>${caption}</caption>
<thead><tr><th scope="col">${say(lang, T.day)}</th><th scope="col">${say(lang, T.hours)}</th></tr></thead>
<tbody>${WEEKDAYS.map((d) => html`<tr><th scope="row">${weekdayLabel(lang, d)}</th><td>${intervals(lang, hours, d)}</td></tr>`)}</tbody>
</table></div>
<p>${say(lang, T.holidays)}</p>`;
}

export const municipalityOf = (lang: Lang, centre: CentreView) => say(lang, T.municipality, { name: centre.municipality.name });

export function homePage(context: PageContext, centres: readonly CentreView[]): Html {
  const { lang } = context;
  const list =
    centres.length === 0
      ? html`<p>${say(lang, T.none)}</p>`
      : html`<ul class="nobullet-list">${centres.map(
          (c) => html`<li class="mb-6"><h3><a href="/centre/${c.centreId}">${c.name}</a></h3>
<p>${municipalityOf(lang, c)}</p>
<p>${digitalHours(lang)}</p>
${openingHoursTable(lang, c.openingHours, `${say(lang, T.inPerson)}: ${c.name}`)}</li>`,
        )}</ul>`;
  return page(context, {
    title: say(lang, T.title),
    body: html`<p class="font-lead">${say(lang, T.intro)}</p>
<p>${say(lang, T.voluntary)}</p>
<p><a href="/tilbudskatalog" id="catalogue-link">${say(lang, T.catalogue)}</a></p>
<h2>${say(lang, T.centres)}</h2>
<p>${say(lang, T.howTo)}</p>
${list}`,
  });
}

export function centrePage(context: PageContext, centre: CentreView): Html {
  const { lang } = context;
  return page(context, {
    title: centre.name,
    back: '/',
    body: html`<p class="font-lead">${municipalityOf(lang, centre)}</p>
<h2>${say(lang, { da: 'Sådan kommer du i kontakt', en: 'How to reach the centre' })}</h2>
<p>${digitalHours(lang)}</p>
<h3>${say(lang, T.inPerson)}</h3>
${openingHoursTable(lang, centre.openingHours, say(lang, T.inPerson))}
<p>${say(lang, T.howTo)}</p>
${governanceLinks(lang, centre.centreId)}`,
  });
}
