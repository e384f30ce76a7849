/**
 * Booking a conversation, one question a page (GOV.UK's pattern): how to talk (the centre's
 * channels), which day (DKFDS's date picker, and without script a plain date field and a list of
 * the days with open times), which time (only times a counsellor published, and for in person
 * only within the centre's hours), then "Tjek dine svar" before anything is booked. Moving a
 * booked conversation walks the same pages; cancelling is asked once, and nothing follows from it.
 *
 * The answers so far travel in the query string (`kanal`, `dag`, `tid`, and `flyt` when moving),
 * so the back link and every "Ret" link keep them.
 */
import { type OpeningHours, WEEKDAYS } from '../../domain/centre/centre.js';
import { inCopenhagen } from '../../domain/journey/hours.js';
import { CHANNELS, type Channel } from '../../domain/journey/journey.js';
import type { OpenTime } from '../../projections/calendars/citizen-queries.js';
import type { CentreView } from '../../projections/centres/queries.js';
import type { BookedSessionView } from '../../projections/journeys/queries.js';
import { button, type FieldError, hidden, postForm, radioGroup, summaryList } from '../components.js';
import { attr, html, type Html } from '../html.js';
import { formatClock, formatDay, formatMoment, type Lang, type Message, say, weekdayLabel } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { channelName } from './citizen-parts.js';

const T = {
  channelTitle: { da: 'Hvordan vil du tale med os?', en: 'How would you like to talk with us?' },
  channelHint: { da: 'Du vælger selv. Du kan altid vælge en anden måde næste gang.', en: 'It is your choice. You can always choose another way next time.' },
  channelMissing: { da: 'Vælg, hvordan du vil tale med os', en: 'Choose how you would like to talk with us' },
  atCentre: { da: 'På {centre}, når centret har åbent.', en: 'At {centre}, when the centre is open.' },
  atHome: { da: 'En medarbejder kommer hjem til dig.', en: 'A member of staff comes to your home.' },
  digital: { da: 'Hver dag kl. {opens}–{closes}, også på søn- og helligdage.', en: 'Every day {opens}–{closes}, Sundays and public holidays included.' },
  openCount: { da: '{n} ledige tider.', en: '{n} open times.' },
  openOne: { da: '1 ledig tid.', en: '1 open time.' },
  openNone: { da: 'Ingen ledige tider lige nu.', en: 'No open times just now.' },
  continue: { da: 'Fortsæt', en: 'Continue' },
  dayTitle: { da: 'Hvilken dag passer dig?', en: 'Which day suits you?' },
  dayLabel: { da: 'Dag', en: 'Day' },
  dayHint: { da: 'Skriv datoen som dd/mm/åååå, fx {example}. Der er ledige tider fra {first} til {last}.', en: 'Write the date as dd/mm/yyyy, for example {example}. There are open times from {first} to {last}.' },
  dayHintOne: { da: 'Skriv datoen som dd/mm/åååå, fx {example}. Der er ledige tider {day}.', en: 'Write the date as dd/mm/yyyy, for example {example}. There are open times on {day}.' },
  dayMissing: { da: 'Skriv den dag, du vil have en samtale', en: 'Write the day you would like a conversation' },
  dayInvalid: { da: 'Skriv datoen som dd/mm/åååå, fx {example}', en: 'Write the date as dd/mm/yyyy, for example {example}' },
  dayClosed: { da: 'Der er ingen ledige tider {day}. Vælg en af dagene på listen', en: 'There are no open times on {day}. Choose one of the days in the list' },
  daysHeading: { da: 'Dage med ledige tider', en: 'Days with open times' },
  dayOption: { da: '{day} ({count})', en: '{day} ({count})' },
  timesCount: { da: '{n} tider', en: '{n} times' },
  timesOne: { da: '1 tid', en: '1 time' },
  noTimes: { da: 'Der er ingen ledige tider til {channel} lige nu. Du kan vælge en anden måde at tale med os på, eller prøve igen senere.', en: 'There are no open times for {channel} just now. You can choose another way of talking with us, or try again later.' },
  otherChannel: { da: 'Vælg en anden måde', en: 'Choose another way' },
  timeTitle: { da: 'Hvilket tidspunkt passer dig?', en: 'Which time suits you?' },
  timeLegend: { da: 'Ledige tider {day}', en: 'Open times on {day}' },
  timeMissing: { da: 'Vælg et tidspunkt', en: 'Choose a time' },
  timeLabel: { da: 'Kl. {from}–{to}', en: '{from}–{to}' },
  minutes: { da: '{n} minutter', en: '{n} minutes' },
  mentoring: { da: 'En mentorsamtale med en erhvervsrådgiver eller coach for iværksættere', en: 'A mentor conversation with a business adviser or coach for entrepreneurs' },
  kind: { da: 'Samtalen', en: 'The conversation' },
  noTimesThatDay: { da: 'Der er ikke flere ledige tider den dag.', en: 'There are no more open times that day.' },
  otherDay: { da: 'Vælg en anden dag', en: 'Choose another day' },
  check: { da: 'Tjek dine svar', en: 'Check your answers' },
  centre: { da: 'Center', en: 'Centre' },
  how: { da: 'Sådan taler vi sammen', en: 'How we talk' },
  day: { da: 'Dag', en: 'Day' },
  time: { da: 'Tidspunkt', en: 'Time' },
  length: { da: 'Varighed', en: 'Length' },
  movingFrom: { da: 'Flyttes fra', en: 'Moved from' },
  change: { da: 'Ret', en: 'Change' },
  book: { da: 'Book samtalen', en: 'Book the conversation' },
  move: { da: 'Flyt samtalen', en: 'Move the conversation' },
  freeToCancel: { da: 'Du kan altid flytte eller aflyse samtalen på Mine sider, uden at give en grund.', en: 'You can always move or cancel the conversation on My pages, without giving a reason.' },
  cancelTitle: { da: 'Vil du aflyse samtalen?', en: 'Do you want to cancel the conversation?' },
  cancelWhat: { da: 'Samtalen {when} ({channel}).', en: 'The conversation on {when} ({channel}).' },
  cancelText: {
    da: 'Du behøver ikke give en grund, og intet følger af at aflyse. Du kan booke en ny samtale, når du vil.',
    en: 'You do not need to give a reason, and nothing follows from cancelling. You can book a new conversation whenever you like.',
  },
  cancelConfirm: { da: 'Ja, aflys samtalen', en: 'Yes, cancel the conversation' },
  keep: { da: 'Nej, behold den', en: 'No, keep it' },
} satisfies Record<string, Message>;

/** The answers so far. */
export interface BookingDraft {
  channel?: Channel;
  day?: string;
  slotId?: string;
  /** The booked conversation being moved. */
  move?: string;
}

/** The draft as a query string (with its "?"), for links and redirects. */
export function draftQuery(d: BookingDraft): string {
  const q = new URLSearchParams();
  if (d.channel) q.set('kanal', d.channel);
  if (d.day) q.set('dag', d.day);
  if (d.slotId) q.set('tid', d.slotId);
  if (d.move) q.set('flyt', d.move);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const BOOKING_PATH = '/mine-sider/samtale';

/** Where the date picker's English words are served (a page may load only our own scripts). */
export const DATE_PICKER_EN_PATH = '/mine-sider/datovaelger-en.js';

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/**
 * DKFDS's date picker speaks Danish only unless told otherwise (`DKFDS.datePicker.setLanguage`).
 * On an English page this gives it English words before its calendar is first drawn, and puts
 * English on the three labels it wrote when it started (its button, its dialog, its guide).
 */
export const DATE_PICKER_EN_SCRIPT = `document.addEventListener('DOMContentLoaded', function () {
  var picker = window.DKFDS && window.DKFDS.datePicker;
  if (!picker || !picker.setLanguage) return;
  var months = ${JSON.stringify(EN_MONTHS)};
  var days = ${JSON.stringify(EN_DAYS)};
  var words = {
    open_calendar: 'Open calendar',
    choose_a_date: 'Choose a date',
    choose_a_date_between: 'Choose a date between {minDay} {minMonthStr} {minYear} and {maxDay} {maxMonthStr} {maxYear}',
    choose_a_date_before: 'Choose a date. You can choose up to {maxDay} {maxMonthStr} {maxYear}.',
    choose_a_date_after: 'Choose a date. You can choose from {minDay} {minMonthStr} {minYear} onwards.',
    aria_label_date: '{dayStr} {day} {monthStr} {year}',
    current_month_displayed: 'Showing {monthLabel} {focusedYear}',
    first_possible_date: 'First date you can choose',
    last_possible_date: 'Last date you can choose',
    previous_year: 'Go back one year',
    previous_month: 'Go back one month',
    next_month: 'Go forward one month',
    next_year: 'Go forward one year',
    select_month: 'Choose a month',
    select_year: 'Choose a year',
    previous_years: 'Go back {years} years',
    next_years: 'Go forward {years} years',
    guide: 'With the keyboard, the left and right arrow keys change the day, the up and down arrow keys the week, page up and page down the month, and shift with page up or page down the year. Home and end go to the start or the end of a week.',
    months_displayed: 'Choose a month',
    years_displayed: 'Showing the years {start} to {end}. Choose a year.'
  };
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].forEach(function (m, i) { words[m] = months[i]; });
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].forEach(function (d, i) { words[d] = days[i]; });
  picker.setLanguage(words);
  var day = function (iso) { var p = (iso || '').split('-'); return p.length === 3 ? Number(p[2]) + ' ' + months[Number(p[1]) - 1] + ' ' + p[0] : ''; };
  document.querySelectorAll('.date-picker').forEach(function (el) {
    var button = el.querySelector('.date-picker__button');
    if (button) button.setAttribute('aria-label', words.open_calendar);
    var guide = el.querySelector('.date-picker__guide');
    if (guide) guide.textContent = words.guide;
    var dialog = el.querySelector('.dialog-wrapper');
    var from = day(el.getAttribute('data-min-date'));
    var to = day(el.getAttribute('data-max-date'));
    if (dialog) dialog.setAttribute('aria-label', from && to ? 'Choose a date between ' + from + ' and ' + to : words.choose_a_date);
  });
});
`;
const draftFields = (d: BookingDraft) => html`${d.channel ? hidden('kanal', d.channel) : null}${d.day ? hidden('dag', d.day) : null}${d.move ? hidden('flyt', d.move) : null}`;

const two = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => `${two(Math.floor(minutes / 60) % 24)}:${two(minutes % 60)}`;

/** The day a moment falls on in Danish time, "YYYY-MM-DD". */
export const dayOf = (moment: string) => inCopenhagen(new Date(moment)).date;

/** "12/01/2027": a day as DKFDS's date picker writes it. */
export const slashed = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/**
 * A day as typed: "12/01/2027", "12.1.2027", "12-01-2027" (day first, as Danes write it), or the
 * date picker's own "2027-01-12". Null when it is not a day of the calendar.
 */
export function parseDay(typed: string): string | null {
  const text = typed.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const danish = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/.exec(text);
  const [year, month, day] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : danish ? [Number(danish[3]), Number(danish[2]), Number(danish[1])] : [0, 0, 0];
  if (!year) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${two(month)}-${two(day)}`;
}

/** "tirsdag 12. januar 2027": a day with its weekday. */
export function dayWithWeekday(lang: Lang, day: string): string {
  const weekday = inCopenhagen(new Date(`${day}T12:00:00Z`)).weekday;
  const name = weekdayLabel(lang, weekday);
  return `${lang === 'da' ? name.toLowerCase() : name} ${formatDay(lang, day)}`;
}

/** "Kl. 10.00–10.45" / "10:00–10:45": a time's span on the clock, in Danish time. */
export function timeSpan(lang: Lang, t: { start: string; durationMinutes: number }): string {
  const from = inCopenhagen(new Date(t.start)).minutes;
  return say(lang, T.timeLabel, { from: formatClock(lang, hhmm(from)), to: formatClock(lang, hhmm(from + t.durationMinutes)) });
}

const hasInPerson = (hours: OpeningHours) => WEEKDAYS.some((d) => hours[d].length > 0);

/** How a citizen can talk with the centre: phone, chat and video always; in person at the centre when it has opening hours; at home. */
export const centreChannels = (centre: CentreView): Channel[] => CHANNELS.filter((c) => c !== 'in_person_centre' || hasInPerson(centre.openingHours));

const count = (lang: Lang, n: number) => (n === 0 ? say(lang, T.openNone) : n === 1 ? say(lang, T.openOne) : say(lang, T.openCount, { n }));

function channelHint(lang: Lang, centre: CentreView, channel: Channel, open: number): string {
  const how =
    channel === 'in_person_centre'
      ? say(lang, T.atCentre, { centre: centre.name })
      : channel === 'in_person_home'
        ? say(lang, T.atHome)
        : say(lang, T.digital, { opens: formatClock(lang, '07:00'), closes: formatClock(lang, '21:00') });
  return `${how} ${count(lang, open)}`;
}

/** The first question: how to talk. */
export function channelPage(context: PageContext, centre: CentreView, counts: Readonly<Record<Channel, number>>, draft: BookingDraft, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const error = errors.find((e) => e.field === 'kanal')?.message;
  return page(context, {
    title: say(lang, T.channelTitle),
    back: '/mine-sider',
    errors,
    body: postForm(
      context,
      BOOKING_PATH,
      html`${draft.move ? hidden('flyt', draft.move) : null}${radioGroup({
        lang,
        id: 'kanal',
        legend: say(lang, T.channelTitle),
        hint: say(lang, T.channelHint),
        choices: centreChannels(centre).map((c) => ({ value: c, label: channelName(lang, c), hint: channelHint(lang, centre, c, counts[c]) })),
        checked: draft.channel,
        ...(error ? { error } : {}),
      })}
${button(say(lang, T.continue), { id: 'continue' })}`,
      { idempotent: false },
    ),
  });
}

/** What is wrong with a typed day, in the reader's language (null: nothing). */
export function dayError(lang: Lang, typed: string | undefined, days: readonly string[]): string | null {
  const example = slashed(days[0] ?? '2027-01-12');
  if (!typed || typed.trim() === '') return say(lang, T.dayMissing);
  const day = parseDay(typed);
  if (!day) return say(lang, T.dayInvalid, { example });
  if (!days.includes(day)) return say(lang, T.dayClosed, { day: dayWithWeekday(lang, day) });
  return null;
}

/**
 * The second question: which day. DKFDS's date picker (its markup: a text field in
 * `.date-picker`, limited to the first and last day with open times); without script it is a
 * plain date field, and the days with open times are listed as links below it either way.
 */
export function dayPage(context: PageContext, times: readonly OpenTime[], draft: BookingDraft & { channel: Channel }, typed?: string, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const back = `${BOOKING_PATH}${draftQuery({ channel: draft.channel, ...(draft.move ? { move: draft.move } : {}) })}`;
  const days = [...new Set(times.map((t) => dayOf(t.start)))];
  const moveOnly = draft.move ? { move: draft.move } : {};
  if (days.length === 0) {
    return page(context, {
      title: say(lang, T.dayTitle),
      back,
      body: html`<p>${say(lang, T.noTimes, { channel: channelName(lang, draft.channel).toLowerCase() })}</p>
<p><a href="${back}" id="other-channel">${say(lang, T.otherChannel)}</a></p>`,
    });
  }
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const error = errors.find((e) => e.field === 'dag')?.message;
  const hint =
    first === last
      ? say(lang, T.dayHintOne, { example: slashed(first), day: dayWithWeekday(lang, first) })
      : say(lang, T.dayHint, { example: slashed(first), first: formatDay(lang, first), last: formatDay(lang, last) });
  const value = typed ?? (draft.day ? slashed(draft.day) : undefined);
  const perDay = (day: string) => times.filter((t) => dayOf(t.start) === day).length;
  const picker = html`<div class="form-group${error ? ' form-error' : ''}">
<label class="form-label" for="dag">${say(lang, T.dayLabel)}</label>
<span class="form-hint" id="dag-hint">${hint}</span>
${error ? html`<span class="form-error-message" id="dag-error"><span class="sr-only">${lang === 'da' ? 'Fejl: ' : 'Error: '}</span>${error}</span>` : null}
<div class="date-picker" data-min-date="${first}" data-max-date="${last}" data-default-date="${first}">
<input type="text" id="dag" name="dag" class="form-input"${attr('value', value)} aria-describedby="dag-hint${error ? ' dag-error' : ''}"${attr('aria-invalid', error ? 'true' : undefined)} required autocomplete="off">
</div>
</div>`;
  return page(context, {
    title: say(lang, T.dayTitle),
    back,
    errors,
    body: html`${lang === 'en' ? html`<script src="${DATE_PICKER_EN_PATH}"></script>` : null}
${postForm(context, `${BOOKING_PATH}/dag`, html`${draftFields({ channel: draft.channel, ...moveOnly })}${picker}
${button(say(lang, T.continue), { id: 'continue' })}`, { idempotent: false, id: 'day-form' })}
<h2>${say(lang, T.daysHeading)}</h2>
<ul class="nobullet-list" id="open-days">${days.map((day) => {
      const n = perDay(day);
      const href = `${BOOKING_PATH}/tid${draftQuery({ channel: draft.channel, day, ...moveOnly })}`;
      return html`<li><a href="${href}">${say(lang, T.dayOption, { day: dayWithWeekday(lang, day), count: n === 1 ? say(lang, T.timesOne) : say(lang, T.timesCount, { n }) })}</a></li>`;
    })}</ul>`,
  });
}

/** The third question: which of the day's open times. */
export function timePage(context: PageContext, times: readonly OpenTime[], draft: BookingDraft & { channel: Channel; day: string }, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const back = `${BOOKING_PATH}/dag${draftQuery({ channel: draft.channel, day: draft.day, ...(draft.move ? { move: draft.move } : {}) })}`;
  if (times.length === 0) {
    return page(context, { title: say(lang, T.timeTitle), back, body: html`<p>${say(lang, T.noTimesThatDay)}</p><p><a href="${back}">${say(lang, T.otherDay)}</a></p>` });
  }
  const error = errors.find((e) => e.field === 'tid')?.message;
  return page(context, {
    title: say(lang, T.timeTitle),
    back,
    errors,
    body: postForm(
      context,
      `${BOOKING_PATH}/tid`,
      html`${draftFields(draft)}${radioGroup({
        lang,
        id: 'tid',
        legend: say(lang, T.timeLegend, { day: dayWithWeekday(lang, draft.day) }),
        choices: times.map((t) => ({ value: t.slotId, label: timeSpan(lang, t), hint: `${say(lang, T.minutes, { n: t.durationMinutes })}${t.mentoring ? `. ${say(lang, T.mentoring)}` : ''}` })),
        checked: draft.slotId,
        ...(error ? { error } : {}),
      })}
${button(say(lang, T.continue), { id: 'continue' })}`,
      { idempotent: false },
    ),
  });
}

export const bookingErrors = {
  channel: (lang: Lang): FieldError => ({ field: 'kanal', message: say(lang, T.channelMissing) }),
  time: (lang: Lang): FieldError => ({ field: 'tid', message: say(lang, T.timeMissing) }),
};

/** "Tjek dine svar": how, which day, which time (each with its "Ret"), and only then the booking. */
export function checkBookingPage(
  context: PageContext,
  centre: CentreView,
  time: OpenTime,
  draft: BookingDraft & { channel: Channel },
  moving: BookedSessionView | null,
  errors: readonly FieldError[] = [],
): Html {
  const { lang } = context;
  const day = dayOf(time.start);
  const full = { ...draft, day, slotId: time.slotId };
  const moveOnly = draft.move ? { move: draft.move } : {};
  const channelHref = `${BOOKING_PATH}${draftQuery({ channel: draft.channel, ...moveOnly })}`;
  const dayHref = `${BOOKING_PATH}/dag${draftQuery({ channel: draft.channel, day, ...moveOnly })}`;
  const timeHref = `${BOOKING_PATH}/tid${draftQuery(full)}`;
  const change = (href: string) => ({ href, text: say(lang, T.change) });
  return page(context, {
    title: say(lang, T.check),
    back: timeHref,
    errors,
    body: html`${summaryList([
      ...(moving ? [{ label: say(lang, T.movingFrom), value: `${capitalFirst(formatMoment(lang, moving.start))} (${channelName(lang, moving.channel).toLowerCase()})` }] : []),
      { label: say(lang, T.centre), value: centre.name },
      { label: say(lang, T.how), value: channelName(lang, draft.channel), change: change(channelHref) },
      { label: say(lang, T.day), value: capitalFirst(dayWithWeekday(lang, day)), change: change(dayHref) },
      { label: say(lang, T.time), value: timeSpan(lang, time), change: change(timeHref) },
      { label: say(lang, T.length), value: say(lang, T.minutes, { n: time.durationMinutes }) },
      ...(time.mentoring ? [{ label: say(lang, T.kind), value: say(lang, T.mentoring) }] : []),
    ])}
<p>${say(lang, T.freeToCancel)}</p>
${postForm(context, `${BOOKING_PATH}/tjek`, html`${hidden('kanal', draft.channel)}${hidden('tid', time.slotId)}${draft.move ? hidden('flyt', draft.move) : null}${button(say(lang, moving ? T.move : T.book), { id: 'confirm' })}`, { id: 'confirm-form' })}`,
  });
}

const capitalFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Cancelling: asked once, plainly; nothing follows from it. */
export function cancelSessionPage(context: PageContext, session: BookedSessionView, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.cancelTitle),
    back: '/mine-sider',
    errors,
    body: html`<p>${say(lang, T.cancelWhat, { when: formatMoment(lang, session.start), channel: channelName(lang, session.channel).toLowerCase() })}</p>
<p>${say(lang, T.cancelText)}</p>
${postForm(context, `${BOOKING_PATH}/${session.sessionId}/aflys`, button(say(lang, T.cancelConfirm), { id: 'cancel-session' }), { id: 'cancel-form' })}
<p><a href="/mine-sider">${say(lang, T.keep)}</a></p>`,
  });
}
