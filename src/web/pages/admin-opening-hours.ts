/**
 * The centre's in-person opening hours, set by its staff (`/medarbejder/aabningstider`): a group
 * of fields per weekday, each day with its intervals (opens, closes). What is typed is read here
 * and checked as the centre's decider checks it (a time before 24.00 to open, up to 24.00 to
 * close, closing after opening, intervals in order without overlap), so every refusal is said in
 * words at the field it concerns. Phone and digital hours are every centre's (07–21 every day)
 * and not set here.
 */
import { type OpeningHours, type OpeningInterval, WEEKDAYS, type Weekday } from '../../domain/centre/centre.js';
import type { CentreView } from '../../projections/centres/queries.js';
import { button, type FieldError, postForm, errorFor } from '../components.js';
import { html, type Html } from '../html.js';
import { formatClock, type Lang, type Message, say, weekdayLabel } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { alert, clockInput, parseClock } from './admin-parts.js';
import { openingHoursTable } from './public.js';

/** At most this many intervals a day, as the API's schema allows. */
export const MAX_INTERVALS = 6;

const T = {
  title: { da: 'Åbningstider for fremmøde', en: 'In-person opening hours' },
  intro: {
    da: 'Her sætter du, hvornår borgerne kan komme på {centre}. Telefon, video og chat er åbne hver dag kl. {opens}–{closes} for alle centre og sættes ikke her.',
    en: 'Here you set when citizens can come to {centre} in person. Phone, video and chat are open every day {opens}–{closes} for every centre and are not set here.',
  },
  now: { da: 'Sådan ser borgerne åbningstiderne nu', en: 'The opening hours as citizens see them now' },
  change: { da: 'Ret åbningstiderne', en: 'Change the opening hours' },
  changeText: {
    da: 'Skriv klokkeslæt som fx 09.00. Lad felterne stå tomme for en dag, hvor centret er lukket for fremmøde. Et tidsrum kan slutte kl. 24.00.',
    en: 'Type times like 09:00. Leave a day’s fields empty when the centre is closed for in-person visits that day. An interval may end at 24:00.',
  },
  interval: { da: 'Tidsrum {n}', en: 'Interval {n}' },
  opens: { da: 'Tidsrum {n} åbner', en: 'Interval {n} opens' },
  closes: { da: 'Tidsrum {n} lukker', en: 'Interval {n} closes' },
  save: { da: 'Gem åbningstiderne', en: 'Save the opening hours' },
  saved: { da: 'Åbningstiderne er gemt. Borgerne ser dem nu på centrets side.', en: 'The opening hours are saved. Citizens now see them on the centre’s page.' },
  opensBad: { da: '{day}, tidsrum {n}: skriv, hvornår centret åbner, som et klokkeslæt før 24.00, fx 09.00', en: '{day}, interval {n}: type when the centre opens as a time before 24:00, for example 09:00' },
  closesBad: { da: '{day}, tidsrum {n}: skriv, hvornår centret lukker, som et klokkeslæt til og med 24.00, fx 15.00', en: '{day}, interval {n}: type when the centre closes as a time up to 24:00, for example 15:00' },
  opensMissing: { da: '{day}, tidsrum {n}: skriv også, hvornår centret åbner', en: '{day}, interval {n}: type when the centre opens too' },
  closesMissing: { da: '{day}, tidsrum {n}: skriv også, hvornår centret lukker', en: '{day}, interval {n}: type when the centre closes too' },
  closesBeforeOpens: { da: '{day}, tidsrum {n}: centret skal lukke senere, end det åbner', en: '{day}, interval {n}: the centre must close later than it opens' },
  overlap: {
    da: '{day}, tidsrum {n}: tidsrummet skal begynde, når det forrige tidsrum er slut eller senere',
    en: '{day}, interval {n}: the interval must begin when the one before has ended, or later',
  },
} satisfies Record<string, Message>;

/** A field's id (and name): `monday-0-opens`. */
export const fieldId = (day: Weekday, index: number, end: 'opens' | 'closes') => `${day}-${index}-${end}`;

/** The decider's field (`openingHours.monday.0.closes`) as the form's. */
export function formFieldOf(deciderField: string): string | undefined {
  const m = /^openingHours\.(\w+)\.(\d+)\.(opens|closes)$/.exec(deciderField);
  const day = WEEKDAYS.find((d) => d === m?.[1]);
  return m && day ? fieldId(day, Number(m[2]), m[3] as 'opens' | 'closes') : undefined;
}

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/**
 * The week as typed: for each day, its non-empty rows in order. Each row's number in messages is
 * its place on the form, so a message names the fields the reader sees.
 */
export function readOpeningHours(lang: Lang, f: (name: string) => string | undefined): { ok: true; value: OpeningHours } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const hours = {} as OpeningHours;
  for (const day of WEEKDAYS) {
    const intervals: OpeningInterval[] = [];
    let previousClose = -1;
    for (let i = 0; i < MAX_INTERVALS; i++) {
      const vars = { day: weekdayLabel(lang, day), n: i + 1 };
      const opensText = (f(fieldId(day, i, 'opens')) ?? '').trim();
      const closesText = (f(fieldId(day, i, 'closes')) ?? '').trim();
      if (opensText === '' && closesText === '') continue;
      const at = (end: 'opens' | 'closes', message: Message) => errors.push({ field: fieldId(day, i, end), message: say(lang, message, vars) });
      if (opensText === '') {
        at('opens', T.opensMissing);
        continue;
      }
      if (closesText === '') {
        at('closes', T.closesMissing);
        continue;
      }
      const opens = parseClock(opensText);
      const closes = parseClock(closesText);
      if (!opens || opens === '24:00') at('opens', T.opensBad);
      if (!closes) at('closes', T.closesBad);
      if (!opens || opens === '24:00' || !closes) continue;
      if (minutes(closes) <= minutes(opens)) {
        at('closes', T.closesBeforeOpens);
        continue;
      }
      if (minutes(opens) < previousClose) {
        at('opens', T.overlap);
        continue;
      }
      previousClose = minutes(closes);
      intervals.push({ opens, closes });
    }
    hours[day] = intervals;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: hours };
}

/** What the form shows: the hours as they are, or as they were typed when refused. */
export type TypedHours = Readonly<Record<string, string>>;

/** The hours as the form's fields hold them ("09.00" in Danish). */
export function typedFrom(lang: Lang, hours: OpeningHours): TypedHours {
  const typed: Record<string, string> = {};
  for (const day of WEEKDAYS) {
    hours[day].forEach((interval, i) => {
      typed[fieldId(day, i, 'opens')] = formatClock(lang, interval.opens);
      typed[fieldId(day, i, 'closes')] = formatClock(lang, interval.closes);
    });
  }
  return typed;
}

/** Rows a day shows: those filled in, and one more to add an interval (at least two, at most the limit). */
function rowsOf(typed: TypedHours, day: Weekday): number {
  let last = -1;
  for (let i = 0; i < MAX_INTERVALS; i++) if (typed[fieldId(day, i, 'opens')] || typed[fieldId(day, i, 'closes')]) last = i;
  return Math.min(MAX_INTERVALS, Math.max(2, last + 2));
}

export function openingHoursPage(context: PageContext, centre: CentreView, typed: TypedHours, o: { saved?: boolean; errors?: readonly FieldError[] } = {}): Html {
  const { lang } = context;
  const errors = o.errors ?? [];
  const day = (d: Weekday) => {
    const rows = Array.from({ length: rowsOf(typed, d) }, (_, i) => {
      const n = { n: i + 1 };
      return html`<div class="row">
<div class="col-6 col-md-3">${clockInput({ lang, id: fieldId(d, i, 'opens'), label: say(lang, T.opens, n), value: typed[fieldId(d, i, 'opens')] ?? '', error: errorFor(errors, fieldId(d, i, 'opens')) })}</div>
<div class="col-6 col-md-3">${clockInput({ lang, id: fieldId(d, i, 'closes'), label: say(lang, T.closes, n), value: typed[fieldId(d, i, 'closes')] ?? '', error: errorFor(errors, fieldId(d, i, 'closes')) })}</div>
</div>`;
    });
    return html`<fieldset class="mb-6" id="${d}">
<legend class="h3">${weekdayLabel(lang, d)}</legend>
${rows}
</fieldset>`;
  };
  return page(context, {
    title: say(lang, T.title),
    errors,
    body: html`${o.saved ? alert('success', say(lang, T.saved)) : null}
<p class="font-lead">${say(lang, T.intro, { centre: centre.name, opens: formatClock(lang, '07:00'), closes: formatClock(lang, '21:00') })}</p>
<h2>${say(lang, T.now)}</h2>
${openingHoursTable(lang, centre.openingHours, say(lang, T.now))}
<h2>${say(lang, T.change)}</h2>
<p>${say(lang, T.changeText)}</p>
${postForm(context, '/medarbejder/aabningstider', html`${WEEKDAYS.map(day)}${button(say(lang, T.save), { id: 'save-hours' })}`, { id: 'opening-hours' })}`,
  });
}
