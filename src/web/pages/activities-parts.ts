/**
 * What the pages of local activities, groups and the entrepreneurs' track share: which centre a
 * citizen is looking at (and a way to look at another), times, months and quarters in words, a
 * share as a percentage, and refusals in the reader's words (a field the domain names is the form
 * field it came from; words of coercion are named back to the staff member who wrote them).
 */
import type { CentreView } from '../../projections/centres/queries.js';
import { CoerciveWording, type DomainError, InvalidValue } from '../../domain/shared/errors.js';
import { refusalOf } from '../command.js';
import { button, capitalised, type FieldError, getForm, select } from '../components.js';
import { html, type Html } from '../html.js';
import { formatClock, formatDay, type Lang, type Message, say } from '../i18n.js';
import type { PageContext } from '../layout.js';
import { dayWithWeekday } from './citizen-booking.js';
import { copenhagenClockOf, copenhagenDateOf } from './staff-parts.js';

const T = {
  centre: { da: 'Center', en: 'Centre' },
  show: { da: 'Vis', en: 'Show' },
  chooseCentre: { da: 'Vælg det center, du vil se', en: 'Choose the centre you want to see' },
  at: { da: 'kl.', en: 'at' },
  quarter: { da: '{n}. kvartal {year} ({months})', en: 'the {nth} quarter of {year} ({months})' },
  coercive: {
    da: 'Teksten bruger ord, der lyder som tvang ({terms}). Skriv det om: alt her er frivilligt.',
    en: 'The text uses words that sound like compulsion ({terms}). Put it another way: everything here is voluntary.',
  },
} satisfies Record<string, Message>;

const QUARTER_MONTHS: readonly Message[] = [
  { da: 'januar–marts', en: 'January–March' },
  { da: 'april–juni', en: 'April–June' },
  { da: 'juli–september', en: 'July–September' },
  { da: 'oktober–december', en: 'October–December' },
];
const NTH = ['first', 'second', 'third', 'fourth'] as const;

/** The centre a citizen's page is about: the one asked for, else their journey's, else the only one there is. */
export function centreShown(centres: readonly CentreView[], asked: string | undefined, journeyCentre: string | null): CentreView | null {
  return centres.find((c) => c.centreId === asked) ?? centres.find((c) => c.centreId === journeyCentre) ?? (centres.length === 1 ? centres[0]! : null);
}

/** A way to look at another centre's activities or groups: a GET form, nothing is recorded. */
export function centreChooser(context: PageContext, action: string, centres: readonly CentreView[], chosen: CentreView | null): Html | null {
  const { lang } = context;
  if (centres.length < 2 && chosen) return null;
  return getForm(
    action,
    html`${select({
      lang,
      id: 'centre',
      label: say(lang, chosen ? T.centre : T.chooseCentre),
      choices: centres.map((c) => ({ value: c.centreId, label: c.name })),
      selected: chosen?.centreId,
    })}
${button(say(lang, T.show), { variant: 'secondary', id: 'show-centre' })}`,
    'centre-form',
  );
}

/** "tirsdag 1. december 2026 kl. 17.00–19.00": a time span in Danish time, in words (both days when it runs past midnight). */
export function whenText(lang: Lang, start: string, end: string): string {
  const day = copenhagenDateOf(start);
  const endDay = copenhagenDateOf(end);
  const clock = (moment: string) => formatClock(lang, copenhagenClockOf(moment));
  const from = `${dayWithWeekday(lang, day)} ${say(lang, T.at)} ${clock(start)}`;
  return day === endDay ? `${from}–${clock(end)}` : `${from} – ${dayWithWeekday(lang, endDay)} ${say(lang, T.at)} ${clock(end)}`;
}

/** "marts 2027" / "March 2027": a month YYYY-MM in words. */
export const monthText = (lang: Lang, month: string) => formatDay(lang, `${month}-01`).replace(/^1\.? /, '');

/** A month's name alone (1–12), for a select. */
export const monthName = (lang: Lang, month: number) => monthText(lang, `2000-${String(month).padStart(2, '0')}`).replace(/ 2000$/, '');

/** "1. kvartal 2027 (januar–marts)" / "The first quarter of 2027 (January–March)": a quarter YYYY-Qn in words, as a list or a cell begins. */
export function quarterText(lang: Lang, quarter: string): string {
  const n = Number(quarter.slice(6));
  return capitalised(say(lang, T.quarter, { n, nth: NTH[n - 1] ?? '', year: quarter.slice(0, 4), months: say(lang, QUARTER_MONTHS[n - 1] ?? QUARTER_MONTHS[0]!) }));
}

/** A share as a whole percentage: "67 %" in Danish, "67%" in English. */
export const percentText = (lang: Lang, share: number) => (lang === 'da' ? `${Math.round(share * 100)} %` : `${Math.round(share * 100)}%`);

/** A count with its noun in the singular or the plural. */
export const counted = (lang: Lang, n: number, one: Message, many: Message) => say(lang, n === 1 ? one : many, { n });

/**
 * A refusal in the reader's words on the form field it concerns: a value the domain refused names
 * its own field (`fields` maps it to the form's field and says what is wrong there), words of
 * coercion are named back, the rest by code (`messages`, then the shared ones).
 */
export function refusalIn(
  lang: Lang,
  error: DomainError,
  field: string,
  messages: Readonly<Record<string, Message>>,
  fields: Readonly<Record<string, { field: string; message: Message }>> = {},
): FieldError {
  const known = error instanceof InvalidValue || error instanceof CoerciveWording ? fields[error.field] : undefined;
  if (error instanceof CoerciveWording) return { field: known?.field ?? field, message: say(lang, T.coercive, { terms: error.terms.join(', ') }) };
  if (known) return { field: known.field, message: say(lang, known.message) };
  return refusalOf(lang, error, field, messages);
}
