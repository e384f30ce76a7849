/**
 * A meeting's minutes, item by item, as the board's own minutes page and the public minutes page
 * show them: when and where, who was present and who left and when, and for each item of the
 * agenda its title, the decision and short reasoning minuted, who was disqualified on it, and the
 * resolutions under it with their count and any dissent (and how each member voted, where the
 * reader may see it). Pure: the caller says which votes the reader sees.
 */
import type { BoardView, MeetingView, ResolutionView } from '../../projections/board/queries.js';
import type { BudgetView } from '../../projections/budgets/replay.js';
import { alert, summaryList, table } from '../components.js';
import { html, type Html } from '../html.js';
import { type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { memberLabel, type Names, namesOf } from './board-kit.js';
import { formatMomentPrecise, MINUTES_LABELS, RESOLUTION_STATUS_LABELS, subjectText, VOTE_LABELS } from './board-parts.js';

const T = {
  when: { da: 'Hvornår', en: 'When' },
  place: { da: 'Sted', en: 'Place' },
  agenda: { da: 'Dagsorden', en: 'Agenda' },
  present: { da: 'Til stede', en: 'Present' },
  notRecorded: { da: 'Fremmøde er ikke registreret', en: 'Attendance not recorded' },
  nobody: { da: 'Ingen', en: 'Nobody' },
  departed: { da: 'Forlod mødet', en: 'Left the meeting' },
  departedAt: { da: '{who}, {time}', en: '{who}, {time}' },
  minutes: { da: 'Referat', en: 'Minutes' },
  signedBy: { da: 'Underskrevet af', en: 'Signed by' },
  item: { da: 'Punkt {n}: {title}', en: 'Item {n}: {title}' },
  decision: { da: 'Beslutning', en: 'Decision' },
  reasoning: { da: 'Begrundelse', en: 'Reasoning' },
  noItemMinutes: { da: 'Der er ikke skrevet referat af punktet.', en: 'No minutes have been written for the item.' },
  recused: { da: 'Inhabil i punktet', en: 'Disqualified on the item' },
  recusedText: { da: 'Inhabil i punktet og deltog ikke i dets beslutninger: {who}.', en: 'Disqualified on the item, and took no part in its resolutions: {who}.' },
  tally: { da: '{for} for, {against} imod, {abstained} undlod at stemme.', en: '{for} for, {against} against, {abstained} abstained.' },
  undecided: { da: 'Afstemningen blev ikke gjort op.', en: 'The votes were not counted.' },
  member: { da: 'Medlem', en: 'Member' },
  vote: { da: 'Stemme', en: 'Vote' },
  votesOn: { da: 'Stemmer om: {title}', en: 'Votes on: {title}' },
  dissents: { da: 'Afvigende mening tilført referatet: {who}.', en: 'Dissent recorded in the minutes: {who}.' },
  noResolutions: { da: 'Ingen beslutninger under punktet.', en: 'No resolutions under the item.' },
  otherResolutions: { da: 'Beslutninger uden for dagsordenens punkter', en: 'Resolutions outside the items of the agenda' },
  minutesOf: { da: 'Referat af møde {when}', en: 'Minutes of the meeting {when}' },
  unsigned: {
    da: 'Referatet er ikke underskrevet af alle, der var til stede, endnu. Det kan ændres, indtil den første har underskrevet, og er offentligt, når alle har.',
    en: 'The minutes are not yet signed by everyone who was present. They can change until the first signature, and are public once everyone has signed.',
  },
  toMeeting: { da: 'Til mødet', en: 'To the meeting' },
} satisfies Record<string, Message>;

/** Text with its paragraphs and line breaks, as it was minuted (escaped). */
export function paragraphs(text: string): Html {
  return html`${text.split(/\n{2,}/).map((p) => html`<p>${p.split('\n').map((line, i) => (i === 0 ? line : html`<br>${line}`))}</p>`)}`;
}

/** Who left a meeting, and when, in words: "a, tirsdag 9. marts kl. 18.05; b, …". */
export const departuresText = (lang: Lang, meeting: Pick<MeetingView, 'departed'>, who: Who) =>
  Object.entries(meeting.departed)
    .map(([id, at]) => say(lang, T.departedAt, { who: who(id), time: formatMomentPrecise(lang, at) }))
    .join('; ');

/** How a page names a member or deputy (see `memberLabel`). */
export type Who = (id: string) => string;
/** The namer for a meeting's record, as the reader may see it. */
export const whoAt = (lang: Lang, board: BoardView, meeting: Pick<MeetingView, 'deputising'>, insider: boolean): Who => (id) => memberLabel(lang, board, id, { insider, meeting });

/** A place as the notice gives it: an online meeting's https link as a link, an address as text. */
export const placeText = (place: string): Html | string => (/^https:\/\//i.test(place) ? html`<a href="${place}">${place}</a>` : place);

export interface MinutesOptions {
  /** The heading level of each item (its resolutions one below). */
  level: 2 | 3;
  /** Whose individual votes the reader sees on a resolution: the board's own see all. */
  showVotes: (r: ResolutionView) => boolean;
  /** An id prefix, unique on the page (a page may show several meetings). */
  idPrefix: string;
  /** The board's own read them (members without a published name by their id); the public does not. */
  insider: boolean;
}

/** The summary of a meeting: when, where, the agenda, who was present, who left, the minutes' state and who signed. */
export function meetingFacts(lang: Lang, meeting: MeetingView, who: Who, o: { agendaLinks?: string; status?: boolean } = {}): Html {
  return summaryList([
    { label: say(lang, T.when), value: formatMomentPrecise(lang, meeting.at) },
    ...(meeting.place ? [{ label: say(lang, T.place), value: placeText(meeting.place) }] : []),
    {
      label: say(lang, T.agenda),
      value: html`<ol class="mt-0 mb-0">${meeting.agenda.map((item, i) => (o.agendaLinks ? html`<li><a href="#${o.agendaLinks}${i + 1}">${item}</a></li>` : html`<li>${item}</li>`))}</ol>`,
    },
    { label: say(lang, T.present), value: meeting.present ? (meeting.present.length > 0 ? meeting.present.map(who).join(', ') : say(lang, T.nobody)) : say(lang, T.notRecorded) },
    ...(Object.keys(meeting.departed).length > 0 ? [{ label: say(lang, T.departed), value: departuresText(lang, meeting, who) }] : []),
    ...(o.status === false ? [] : [{ label: say(lang, T.minutes), value: say(lang, MINUTES_LABELS[meeting.minutes ?? 'none']) }]),
    { label: say(lang, T.signedBy), value: meeting.signedBy.length > 0 ? meeting.signedBy.map(who).join(', ') : say(lang, T.nobody) },
  ]);
}

/** What an item's minutes say: the decision and reasoning, or that none is written yet. */
export function itemMinutesText(lang: Lang, meeting: MeetingView, item: number): Html {
  const minuted = Object.hasOwn(meeting.itemMinutes, String(item)) ? meeting.itemMinutes[String(item)] : undefined;
  if (!minuted) return html`<p>${say(lang, T.noItemMinutes)}</p>`;
  return html`<p class="mb-0"><strong>${say(lang, T.decision)}</strong></p>
${paragraphs(minuted.decision)}
${minuted.reasoning ? html`<p class="mb-0"><strong>${say(lang, T.reasoning)}</strong></p>${paragraphs(minuted.reasoning)}` : null}`;
}

/** Who is disqualified on an item, in a sentence; nothing if nobody is. */
export function recusedText(lang: Lang, meeting: MeetingView, item: number, who: Who): Html | null {
  const recused = Object.hasOwn(meeting.recused, String(item)) ? (meeting.recused[String(item)] ?? []) : [];
  return recused.length > 0 ? html`<p>${say(lang, T.recusedText, { who: recused.map(who).join(', ') })}</p>` : null;
}

/** A resolution as the minutes record it: its outcome, what it decides, the count, dissent, and the votes where the reader sees them. */
function resolutionRecord(lang: Lang, r: ResolutionView, names: Names, level: 3 | 4, showVotes: boolean, who: Who): Html {
  const votes = Object.entries(r.votes);
  const heading = level === 3 ? html`<h3>${r.title}</h3>` : html`<h4>${r.title}</h4>`;
  return html`${heading}
<p><strong>${say(lang, RESOLUTION_STATUS_LABELS[r.status])}</strong>. ${subjectText(lang, r.subject, names.budgetNames, names.lineNames)}. ${r.tally ? say(lang, T.tally, { for: r.tally.for, against: r.tally.against, abstained: r.tally.abstained }) : say(lang, T.undecided)}</p>
${showVotes && votes.length > 0 ? table(say(lang, T.votesOn, { title: r.title }), [{ text: say(lang, T.member) }, { text: say(lang, T.vote) }], votes.map(([id, choice]) => [{ value: who(id), header: true }, { value: say(lang, VOTE_LABELS[choice]) }])) : null}
${r.dissents.length > 0 ? html`<p>${say(lang, T.dissents, { who: r.dissents.map(who).join(', ') })}</p>` : null}`;
}

/** The minutes of a meeting item by item (the facts above them are `meetingFacts`). */
export function minutesRecord(lang: Lang, board: BoardView, meeting: MeetingView, names: Names, o: MinutesOptions): Html {
  const resolutions = board.resolutions.filter((r) => r.meetingId === meeting.meetingId);
  const under = (item: number | null) => resolutions.filter((r) => (item === null ? r.item === null || r.item > meeting.agenda.length : r.item === item));
  const sub = (o.level + 1) as 3 | 4;
  const who = whoAt(lang, board, meeting, o.insider);
  const items = meeting.agenda.map((title, i) => {
    const n = i + 1;
    const id = `${o.idPrefix}item-${n}`;
    const heading = say(lang, T.item, { n, title });
    const mine = under(n);
    return html`<section class="mb-6" id="${id}" aria-labelledby="${id}-title">
${o.level === 2 ? html`<h2 id="${id}-title">${heading}</h2>` : html`<h3 id="${id}-title">${heading}</h3>`}
${itemMinutesText(lang, meeting, n)}
${recusedText(lang, meeting, n, who)}
${mine.length === 0 ? html`<p>${say(lang, T.noResolutions)}</p>` : mine.map((r) => resolutionRecord(lang, r, names, sub, o.showVotes(r), who))}
</section>`;
  });
  const others = under(null);
  return html`${items}
${
  others.length > 0
    ? html`<section class="mb-6" aria-labelledby="${o.idPrefix}other-title">
${o.level === 2 ? html`<h2 id="${o.idPrefix}other-title">${say(lang, T.otherResolutions)}</h2>` : html`<h3 id="${o.idPrefix}other-title">${say(lang, T.otherResolutions)}</h3>`}
${others.map((r) => resolutionRecord(lang, r, names, sub, o.showVotes(r), who))}
</section>`
    : null
}`;
}


/** The minutes of one meeting, item by item, as the board's own members read them (signed or not, with every member's vote). */
export function boardMinutesPage(context: PageContext, board: BoardView, meeting: MeetingView, budgets: readonly BudgetView[]): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.minutesOf, { when: formatMomentPrecise(lang, meeting.at) }),
    back: `/bestyrelse/moeder/${meeting.meetingId}`,
    body: html`${meeting.minutes === 'signed' ? null : alert('info', say(lang, T.unsigned))}
${meetingFacts(lang, meeting, whoAt(lang, board, meeting, true))}
${minutesRecord(lang, board, meeting, namesOf(lang, budgets), { level: 2, showVotes: () => true, idPrefix: '', insider: true })}
<p><a href="/bestyrelse/moeder/${meeting.meetingId}">${say(lang, T.toMeeting)}</a></p>`,
  });
}
