/**
 * A counsellor's free times: publish one (or a few in a row), see the ones published from now on
 * and whether a citizen booked each, and withdraw one nobody booked. Only citizens book: staff
 * offer the times.
 */
import { CHANNELS, type Channel } from '../../domain/journey/journey.js';
import type { SlotView } from '../../projections/calendars/queries.js';
import { badge, button, capitalised, checkboxGroup, errorFor, type FieldError, notice, postForm, radioGroup, select, shortInput, summaryList } from '../components.js';
import { html, type Html } from '../html.js';
import { formatMoment, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { copenhagenInstant, looksLikeADate, parseClock, parseDate, STAFF_CHANNEL_LABELS, staffNav } from './staff-parts.js';

/** The id of the section listing my times: where a refused withdrawal's error leads (it is there with or without times). */
export const SLOTS_SECTION = 'slots';

/** At most this many times back to back from one form. */
export const MAX_IN_A_ROW = 8;

const T = {
  title: { da: 'Ledige tider', en: 'Free times' },
  intro: { da: 'Tider, hvor du kan tage imod en samtale. Borgerne booker dem selv.', en: 'Times when you can take a conversation. Citizens book them themselves.' },
  publish: { da: 'Læg en ny tid ud', en: 'Publish a new time' },
  date: { da: 'Dato', en: 'Date' },
  dateHint: { da: 'Fx 5.1.2027', en: 'E.g. 5.1.2027 (day, month, year)' },
  dateBad: { da: 'Skriv datoen, fx 5.1.2027', en: 'Type the date, e.g. 5.1.2027' },
  dateMissing: { da: 'Datoen findes ikke. Tjek dag og måned', en: 'That date does not exist. Check the day and the month' },
  time: { da: 'Kl.', en: 'At' },
  timeHint: { da: 'Dansk tid, fx 10.00', en: 'Danish time, e.g. 10:00' },
  timeBad: { da: 'Skriv tidspunktet som tt.mm, fx 10.00', en: 'Type the time as hh:mm, e.g. 10:00' },
  timeMissing: { da: 'Tidspunktet findes ikke den dag (sommertid)', en: 'That time does not exist that day (summer time)' },
  duration: { da: 'Længde i minutter', en: 'Length in minutes' },
  durationBad: { da: 'Skriv længden i hele minutter, mellem 10 og 240', en: 'Type the length in whole minutes, between 10 and 240' },
  count: { da: 'Antal tider i træk', en: 'Times in a row' },
  countHint: { da: 'Flere tider lige efter hinanden, hver med samme længde.', en: 'Several times one after the other, each of the same length.' },
  channels: { da: 'Hvordan kan samtalen foregå?', en: 'How can the conversation take place?' },
  channelsMissing: { da: 'Vælg mindst én måde, samtalen kan foregå på', en: 'Choose at least one way the conversation can take place' },
  mentoring: { da: 'Mentorsamtale i iværksætterforløbet', en: 'Mentor conversation on the entrepreneurs’ track' },
  mentoringHint: {
    da: 'Sæt kryds, hvis tiden er til en samtale med dig som erhvervsrådgiver eller coach for iværksættere. Alle kan booke den.',
    en: 'Tick it if the time is for a conversation with you as a business adviser or coach for entrepreneurs. Anyone can book it.',
  },
  mentoringBadge: { da: 'Mentorsamtale', en: 'Mentor conversation' },
  publishButton: { da: 'Læg tiden ud', en: 'Publish the time' },
  published: { da: 'Tiden er lagt ud. Borgerne kan booke den nu.', en: 'The time is published. Citizens can book it now.' },
  publishedMany: { da: '{n} tider er lagt ud. Borgerne kan booke dem nu.', en: '{n} times are published. Citizens can book them now.' },
  withdrawn: { da: 'Tiden er trukket tilbage.', en: 'The time is withdrawn.' },
  mine: { da: 'Dine tider fra nu af', en: 'Your times from now on' },
  none: { da: 'Du har ingen ledige tider lagt ud.', en: 'You have no free times published.' },
  when: { da: 'Hvornår', en: 'When' },
  length: { da: 'Længde', en: 'Length' },
  how: { da: 'Hvordan', en: 'How' },
  status: { da: 'Status', en: 'Status' },
  free: { da: 'Ledig', en: 'Free' },
  booked: { da: 'Booket af en borger', en: 'Booked by a citizen' },
  withdraw: { da: 'Træk tiden tilbage', en: 'Withdraw the time' },
  minutes: { da: '{n} min.', en: '{n} min' },
} satisfies Record<string, Message>;

export interface TimesAnswers {
  date: string;
  time: string;
  durationMinutes: string;
  count: string;
  channels: string[];
  /** Ticked: times for mentor conversations on the entrepreneurs' track. */
  mentoring?: boolean;
}

export const emptyTimes: TimesAnswers = { date: '', time: '', durationMinutes: '45', count: '1', channels: [], mentoring: false };

export type CheckedTimes = { impossible: true } | { impossible: false; errors: FieldError[]; starts: string[]; durationMinutes: number; channels: Channel[] };

/** The times a form names: each start as ISO-8601, back to back. */
export function checkTimes(lang: Lang, a: TimesAnswers): CheckedTimes {
  const channels = a.channels.map((c) => CHANNELS.find((known) => known === c));
  const count = /^\d{1,2}$/.test(a.count) ? Number(a.count) : NaN;
  if (channels.includes(undefined) || !(count >= 1 && count <= MAX_IN_A_ROW)) return { impossible: true };
  const errors: FieldError[] = [];
  const date = parseDate(a.date);
  if (!date) errors.push({ field: 'date', message: say(lang, looksLikeADate(a.date) ? T.dateMissing : T.dateBad) });
  const clock = parseClock(a.time);
  if (!clock) errors.push({ field: 'time', message: say(lang, T.timeBad) });
  const first = date && clock ? copenhagenInstant(date, clock) : null;
  if (date && clock && !first) errors.push({ field: 'time', message: say(lang, T.timeMissing) });
  const duration = /^\d{1,3}$/.test(a.durationMinutes.trim()) ? Number(a.durationMinutes.trim()) : NaN;
  if (!(duration >= 10 && duration <= 240)) errors.push({ field: 'durationMinutes', message: say(lang, T.durationBad) });
  if (channels.length === 0) errors.push({ field: 'channels', message: say(lang, T.channelsMissing) });
  const starts = first && errors.length === 0 ? Array.from({ length: count }, (_, i) => new Date(Date.parse(first) + i * duration * 60_000).toISOString()) : [];
  return { impossible: false, errors, starts, durationMinutes: duration, channels: [...new Set(channels.filter((c): c is Channel => c !== undefined))] };
}

export interface TimesView {
  slots: readonly SlotView[];
  answers: TimesAnswers;
  /** How many were just published, or whether one was just withdrawn. */
  published: number;
  withdrawn: boolean;
}

const channelList = (lang: Lang, channels: readonly Channel[]) => channels.map((c) => say(lang, STAFF_CHANNEL_LABELS[c])).join(', ');

export function timesPage(context: PageContext, v: TimesView, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const a = v.answers;
  const e = (field: string) => errorFor(errors, field);
  const rows = v.slots.map((s) => {
    const when = formatMoment(lang, s.start);
    const action = s.free
      ? postForm(context, `/medarbejder/tider/${s.slotId}/traek-tilbage`, html`<button type="submit" class="button button-tertiary">${say(lang, T.withdraw)}<span class="sr-only"> ${when}</span></button>`)
      : null;
    const mentor = s.mentoring ? html` ${badge(say(lang, T.mentoringBadge), 'info')}` : null;
    return html`<tr><td>${when}${mentor}</td><td>${say(lang, T.minutes, { n: s.durationMinutes })}</td><td>${channelList(lang, s.channels)}</td><td>${s.free ? badge(say(lang, T.free), 'success') : badge(say(lang, T.booked), 'info')}</td><td>${action}</td></tr>`;
  });
  const list =
    v.slots.length === 0
      ? html`<p>${say(lang, T.none)}</p>`
      : html`<div class="table--responsive-scroll"><table class="table" id="slots-table">
<thead><tr><th scope="col">${say(lang, T.when)}</th><th scope="col">${say(lang, T.length)}</th><th scope="col">${say(lang, T.how)}</th><th scope="col">${say(lang, T.status)}</th><th scope="col"><span class="sr-only">${say(lang, T.withdraw)}</span></th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
  const done = v.published === 1 ? notice(say(lang, T.published)) : v.published > 1 ? notice(say(lang, T.publishedMany, { n: v.published })) : v.withdrawn ? notice(say(lang, T.withdrawn)) : null;
  return page(context, {
    title: say(lang, T.title),
    errors,
    body: html`${staffNav(context)}
${done}
<p>${say(lang, T.intro)}</p>
<h2>${say(lang, T.publish)}</h2>
${postForm(
  context,
  '/medarbejder/tider',
  html`${shortInput({ lang, id: 'date', label: say(lang, T.date), hint: say(lang, T.dateHint), type: 'text', width: 's', value: a.date, error: e('date'), maxLength: 10, autocomplete: 'off' })}
${shortInput({ lang, id: 'time', label: say(lang, T.time), hint: say(lang, T.timeHint), type: 'text', width: 'xs', value: a.time, error: e('time'), maxLength: 5, inputMode: 'numeric', autocomplete: 'off' })}
${shortInput({ lang, id: 'durationMinutes', label: say(lang, T.duration), type: 'number', width: 'xxs', value: a.durationMinutes, error: e('durationMinutes'), min: 10, max: 240, inputMode: 'numeric' })}
${select({ lang, id: 'count', label: say(lang, T.count), hint: say(lang, T.countHint), choices: Array.from({ length: MAX_IN_A_ROW }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })), selected: a.count })}
${checkboxGroup({ lang, id: 'channels', legend: say(lang, T.channels), choices: CHANNELS.map((c) => ({ value: c, label: capitalised(say(lang, STAFF_CHANNEL_LABELS[c])) })), checked: a.channels, error: e('channels'), required: true })}
${checkboxGroup({ lang, id: 'mentoring', legend: say(lang, T.mentoring), hint: say(lang, T.mentoringHint), choices: [{ value: 'yes', label: say(lang, T.mentoringBadge) }], checked: a.mentoring ? ['yes'] : [] })}
${button(say(lang, T.publishButton), { id: 'publish' })}`,
  { id: 'publish-form' },
)}
<h2 id="${SLOTS_SECTION}" tabindex="-1">${say(lang, T.mine)}</h2>
${list}`,
  });
}

// ---- A time proposed for a conversation the citizen asked for ----

const P = {
  title: { da: 'Foreslå en tid', en: 'Propose a time' },
  intro: { da: 'Borgeren har bedt om en samtale. Borgeren bekræfter selv tiden, hvis den passer, og kan altid bede om en anden.', en: 'The citizen asked for a conversation. The citizen confirms the time themselves if it suits them, and can always ask for another.' },
  citizen: { da: 'Borger', en: 'Citizen' },
  asked: { da: 'Ønsket', en: 'Asked for' },
  noName: { da: 'Intet navn oplyst', en: 'No name given' },
  anyChannel: { da: 'Ingen bestemt form', en: 'No particular way' },
  channel: { da: 'Hvordan skal samtalen foregå?', en: 'How will the conversation take place?' },
  channelMissing: { da: 'Vælg, hvordan samtalen kan foregå', en: 'Choose how the conversation can take place' },
  propose: { da: 'Foreslå tiden', en: 'Propose the time' },
} satisfies Record<string, Message>;

export interface ProposalAnswers {
  date: string;
  time: string;
  durationMinutes: string;
  channel: string;
}

export type CheckedProposal = { impossible: true } | { impossible: false; errors: FieldError[]; start: string; durationMinutes: number; channel: Channel | undefined };

/** A proposed time as typed, checked (the journey decider checks that it lies ahead and within contact hours). */
export function checkProposal(lang: Lang, a: ProposalAnswers): CheckedProposal {
  const channel = CHANNELS.find((c) => c === a.channel);
  if (a.channel !== '' && !channel) return { impossible: true };
  const times = checkTimes(lang, { date: a.date, time: a.time, durationMinutes: a.durationMinutes, count: '1', channels: channel ? [channel] : [] });
  if (times.impossible) return { impossible: true };
  const errors = times.errors.map((e) => (e.field === 'channels' ? { field: 'channel', message: say(lang, P.channelMissing) } : e));
  return { impossible: false, errors, start: times.starts[0] ?? '', durationMinutes: times.durationMinutes, channel };
}

export interface ProposalView {
  sessionId: string;
  citizen: { alias: string | null; reference: string };
  /** The channel the citizen asked for, if any. */
  askedChannel: Channel | null;
  answers: ProposalAnswers;
  back: string;
}

export function proposalPage(context: PageContext, v: ProposalView, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const a = v.answers;
  const e = (field: string) => errorFor(errors, field);
  const channelError = e('channel');
  return page(context, {
    title: say(lang, P.title),
    back: v.back,
    errors,
    body: html`<p>${say(lang, P.intro)}</p>
${summaryList([
  { label: say(lang, P.citizen), value: `${v.citizen.alias ?? say(lang, P.noName)} (${v.citizen.reference})` },
  { label: say(lang, P.asked), value: v.askedChannel ? capitalised(say(lang, STAFF_CHANNEL_LABELS[v.askedChannel])) : say(lang, P.anyChannel) },
])}
${postForm(
  context,
  `/medarbejder/samtale/${v.sessionId}/foreslaa`,
  html`${shortInput({ lang, id: 'date', label: say(lang, T.date), hint: say(lang, T.dateHint), type: 'text', width: 's', value: a.date, error: e('date'), maxLength: 10, autocomplete: 'off' })}
${shortInput({ lang, id: 'time', label: say(lang, T.time), hint: say(lang, T.timeHint), type: 'text', width: 'xs', value: a.time, error: e('time'), maxLength: 5, inputMode: 'numeric', autocomplete: 'off' })}
${shortInput({ lang, id: 'durationMinutes', label: say(lang, T.duration), type: 'number', width: 'xxs', value: a.durationMinutes, error: e('durationMinutes'), min: 10, max: 240, inputMode: 'numeric' })}
${radioGroup({ lang, id: 'channel', legend: say(lang, P.channel), choices: CHANNELS.map((c) => ({ value: c, label: capitalised(say(lang, STAFF_CHANNEL_LABELS[c])) })), checked: a.channel, ...(channelError ? { error: channelError } : {}) })}
${button(say(lang, P.propose), { id: 'propose' })}`,
  { id: 'proposal-form' },
)}`,
  });
}
