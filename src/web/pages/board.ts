/**
 * The board member's pages: the board and its seats, what its rules of procedure say of publishing
 * the votes (recorded by the chair), and the meetings, convened with a time, a place and an agenda.
 * One meeting, held item by item, is board-meeting.ts; its proposals board-proposals.ts; the
 * minutes item by item board-minutes.ts. Every action is a form on the command path; what a form
 * sends is read here, in the reader's language, so a refusal names the field it concerns.
 */
import { AGENDA_MAX, PLACE_MAX, TITLE_MAX } from '../../domain/board/decide.js';
import type { BoardView } from '../../projections/board/queries.js';
import { alert, button, dateInput, errorFor, type FieldError, momentInput, postForm, radioGroup, select, table, textArea, textInput } from '../components.js';
import { html, type Html } from '../html.js';
import { formatDay, formatMoment, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { type BoardOk, fail, type FormState, NO_FORM, okAlert, type Read, roleOf, valueOf } from './board-kit.js';
import { placeText } from './board-minutes.js';
import { BOARD_ROLE_LABELS, formatMomentPrecise, MINUTES_LABELS, parseDay, parseMoment, seatName } from './board-parts.js';

export { type BoardOk, type FormState, isBoardOk, namesOf, OK_MESSAGES, type Read } from './board-kit.js';
export { type MeetingData, meetingPage, readAttendance, readDeparture, readItemMinutes, readRecusal, readVote, ITEM_REFUSALS } from './board-meeting.js';
export { closable, PROPOSAL_FIELDS, PROPOSAL_FORM_FIELDS, type Proposal, readItem, readProposal, unspentOf } from './board-proposals.js';

const T = {
  board: { da: 'Bestyrelsen', en: 'The board' },
  noBoard: { da: 'Centret har ingen bestyrelse endnu. En administrator konstituerer den, når den er valgt og udpeget.', en: 'The centre has no board yet. An administrator constitutes it once it has been elected and appointed.' },
  composed: { da: 'Bestyrelsen er lovligt sammensat og kan træffe beslutninger.', en: 'The board is validly composed and may pass resolutions.' },
  notComposed: {
    da: 'Bestyrelsen kan ikke træffe beslutninger, før både medarbejderpladsen og borgerpladsen er besat.',
    en: 'The board cannot pass resolutions until both the employee seat and the citizen seat are filled.',
  },
  youSit: { da: 'Du sidder på pladsen: {seat}.', en: 'You hold the seat: {seat}.' },
  youDoNotSit: { da: 'Du har ikke en plads i bestyrelsen lige nu. Du kan se alt her, men ikke handle for bestyrelsen.', en: 'You do not hold a seat on the board just now. You can see everything here, but not act for the board.' },
  seats: { da: 'Pladser og medlemmer', en: 'Seats and members' },
  seat: { da: 'Plads', en: 'Seat' },
  member: { da: 'Medlem', en: 'Member' },
  role: { da: 'Rolle', en: 'Role' },
  since: { da: 'Siden', en: 'Since' },
  spokesperson: { da: 'Medarbejdernes talsperson, valgt af personalet ved hemmelig afstemning: {who}.', en: 'The staff’s spokesperson, elected by the staff in a secret ballot: {who}.' },
  noSpokesperson: { da: 'Personalet har endnu ikke valgt en talsperson.', en: 'The staff have not elected a spokesperson yet.' },
  vacant: { da: 'Ledig', en: 'Vacant' },
  noRole: { da: '–', en: '–' },
  seatsCaption: { da: 'Bestyrelsens pladser, hvem der sidder på dem, og deres roller', en: 'The board’s seats, who holds them, and their roles' },
  work: { da: 'Bestyrelsens arbejde', en: 'The board’s work' },
  meetingsLink: { da: 'Møder, beslutninger og referater', en: 'Meetings, resolutions and minutes' },
  budgetsLink: { da: 'Budgetter', en: 'Budgets' },
  ideasLink: { da: 'Borgernes idéer til udviklingsbudgettet', en: 'Citizens’ ideas for the development budget' },
  nameLink: { da: 'Dit navn på bestyrelsens offentlige side', en: 'Your name on the board’s public page' },
  deputy: { da: 'Suppleant', en: 'Deputy' },
  publicLink: { da: 'Det, offentligheden ser', en: 'What the public sees' },
  publicBudgets: { da: 'Godkendte budgetter', en: 'Approved budgets' },
  publicResolutions: { da: 'Vedtagne beslutninger', en: 'Adopted resolutions' },
  publicMinutes: { da: 'Underskrevne referater', en: 'Signed minutes' },
  toSign: { da: 'Referater, du kan underskrive', en: 'Minutes you can sign' },
  noneToSign: { da: 'Der er ingen referater, der venter på din underskrift.', en: 'No minutes are waiting for your signature.' },
  leaveHeading: { da: 'Udtræd af bestyrelsen', en: 'Leave the board' },
  leaveText: { da: 'Du kan selv udtræde af bestyrelsen. Din plads bliver ledig fra den dag, du skriver.', en: 'You may leave the board yourself. Your seat falls vacant from the day you give.' },
  leaveOn: { da: 'Fra hvilken dag?', en: 'From which day?' },
  leaveHint: { da: 'Fx 30-06-2027', en: 'For example 30-06-2027' },
  leaveButton: { da: 'Udtræd af bestyrelsen', en: 'Leave the board' },
  leaveBad: { da: 'Skriv den dag, du udtræder, fx 30-06-2027', en: 'Type the day you leave, for example 30-06-2027' },
  meetings: { da: 'Møder', en: 'Meetings' },
  noMeetings: { da: 'Bestyrelsen har ikke holdt møder endnu.', en: 'The board has held no meetings yet.' },
  when: { da: 'Hvornår', en: 'When' },
  agenda: { da: 'Dagsorden', en: 'Agenda' },
  minutes: { da: 'Referat', en: 'Minutes' },
  meetingsCaption: { da: 'Bestyrelsens møder', en: 'The board’s meetings' },
  convene: { da: 'Indkald til et møde', en: 'Convene a meeting' },
  at: { da: 'Hvornår holdes mødet?', en: 'When is the meeting?' },
  atHint: { da: 'Dato og klokkeslæt, dansk tid, fx 3-2-2027 17.00', en: 'Date and time, Danish time, for example 3-2-2027 17:00' },
  atBad: { da: 'Skriv, hvornår mødet holdes, fx 3-2-2027 17.00', en: 'Type when the meeting is, for example 3-2-2027 17:00' },
  agendaLabel: { da: 'Punkter på dagsordenen', en: 'Items on the agenda' },
  agendaHint: { da: 'Ét punkt pr. linje, højst {max} punkter.', en: 'One item a line, at most {max} items.' },
  agendaMissing: { da: 'Skriv mindst ét punkt på dagsordenen', en: 'Write at least one item on the agenda' },
  agendaTooMany: { da: 'Dagsordenen kan højst have {max} punkter', en: 'The agenda can have at most {max} items' },
  agendaTooLong: { da: 'Et punkt på dagsordenen kan højst være {max} tegn', en: 'An agenda item can be at most {max} characters' },
  conveneButton: { da: 'Indkald til mødet', en: 'Convene the meeting' },
  convened: { da: 'Mødet er indkaldt.', en: 'The meeting is convened.' },
  place: { da: 'Hvor holdes mødet?', en: 'Where is the meeting?' },
  placeHint: { da: 'En adresse, eller et link til et onlinemøde, der begynder med https://', en: 'An address, or a link to an online meeting starting with https://' },
  placeBad: { da: 'Et link til et onlinemøde skal begynde med https://', en: 'A link to an online meeting must start with https://' },
  placeTooLong: { da: 'Stedet kan højst være {max} tegn', en: 'The place can be at most {max} characters' },
  placeColumn: { da: 'Sted', en: 'Place' },
  meetingTitle: { da: 'Møde {when}', en: 'Meeting {when}' },
  publication: { da: 'Stemmerne i offentligheden', en: 'The votes in public' },
  publicationOn: {
    da: 'Efter bestyrelsens forretningsorden er det offentligt, hvordan hvert medlem stemte om en vedtaget beslutning.',
    en: 'Under the board’s rules of procedure, how each member voted on an adopted resolution is public.',
  },
  publicationOff: {
    da: 'Offentligheden ser kun optællingen af stemmerne (og afvigende meninger, der er tilført referatet), ikke hvordan hvert medlem stemte.',
    en: 'The public sees only the count of the votes (and dissent recorded in the minutes), not how each member voted.',
  },
  publicationText: {
    da: 'Som formand registrerer du, hvad forretningsordenen siger om stemmerne, og nævner den vedtagne beslutning, der vedtog den.',
    en: 'As chair you record what the rules of procedure say of the votes, naming the adopted resolution that adopted them.',
  },
  publicationResolution: { da: 'Hvilken vedtaget beslutning er forretningsordenen?', en: 'Which adopted resolution is the rules of procedure?' },
  publicationResolutionLabel: { da: '{title} (møde {when})', en: '{title} (meeting {when})' },
  publicationResolutionBad: { da: 'Vælg en beslutning, bestyrelsen har vedtaget', en: 'Choose a resolution the board has adopted' },
  noAdopted: { da: 'Bestyrelsen har ikke vedtaget nogen beslutninger endnu.', en: 'The board has adopted no resolutions yet.' },
  publicationChoice: { da: 'Hvad siger forretningsordenen om stemmerne?', en: 'What do the rules of procedure say of the votes?' },
  publicationPublic: { da: 'Hvordan hvert medlem stemte om en vedtaget beslutning, er offentligt', en: 'How each member voted on an adopted resolution is public' },
  publicationCounts: { da: 'Kun optællingen af stemmerne er offentlig', en: 'Only the count of the votes is public' },
  publicationChoiceBad: { da: 'Vælg, om hvert medlems stemme er offentlig, eller kun optællingen', en: 'Choose whether each member’s vote is public, or only the count' },
  publicationButton: { da: 'Registrér forretningsordenens regel', en: 'Record the rule of procedure' },
  publicationForbidden: { da: 'Det registrerer formanden (eller en administrator). Intet er registreret.', en: 'The chair (or an administrator) records this. Nothing was recorded.' },
  choose: { da: 'Vælg', en: 'Choose' },
} satisfies Record<string, Message>;

/** Meetings whose minutes wait for this member's signature: present, every resolution decided, not signed by them. */
export const minutesToSign = (board: BoardView, memberId: string) =>
  board.meetings.filter(
    (m) => m.present?.includes(memberId) && !m.signedBy.includes(memberId) && (!m.quorate || !board.resolutions.some((r) => r.meetingId === m.meetingId && r.status === 'proposed')),
  );

/**
 * `today`: the day in Copenhagen, as a date field holds it (the default day of leaving).
 * `spokesperson`: whom the centre's staff elected their spokesperson by secret ballot (null: nobody yet).
 */
export function boardPage(
  context: PageContext,
  centreName: string,
  centreId: string,
  board: BoardView | null,
  today: string,
  ok?: BoardOk,
  form: FormState = NO_FORM,
  spokesperson: string | null = null,
): Html {
  const { lang } = context;
  const me = context.principal?.id ?? '';
  const links = html`<h2>${say(lang, T.work)}</h2>
<ul>
<li><a href="/bestyrelse/moeder" id="meetings-link">${say(lang, T.meetingsLink)}</a></li>
<li><a href="/bestyrelse/budgetter" id="budgets-link">${say(lang, T.budgetsLink)}</a></li>
<li><a href="/bestyrelse/ideer" id="ideas-link">${say(lang, T.ideasLink)}</a></li>
<li><a href="/bestyrelse/mit-navn" id="name-link">${say(lang, T.nameLink)}</a></li>
</ul>
<h2>${say(lang, T.publicLink)}</h2>
<ul>
<li><a href="/centre/${centreId}/budgetter">${say(lang, T.publicBudgets)}</a></li>
<li><a href="/centre/${centreId}/beslutninger">${say(lang, T.publicResolutions)}</a></li>
<li><a href="/centre/${centreId}/referater">${say(lang, T.publicMinutes)}</a></li>
</ul>`;
  if (!board) return page(context, { title: say(lang, T.board), body: html`<p class="font-lead">${centreName}</p>${alert('info', say(lang, T.noBoard))}${links}` });
  const mine = board.seats.find((s) => s.memberId === me);
  // A member or deputy by their published name, with the id they sign in with.
  const withName = (id: string) => (Object.hasOwn(board.names, id) ? `${board.names[id]} (${id})` : id);
  const seatRows = board.seats.map((s) => {
    const role = roleOf(board, s.memberId);
    return [
      { value: seatName(lang, s), header: true },
      { value: s.memberId ? withName(s.memberId) : say(lang, T.vacant) },
      { value: role ? say(lang, BOARD_ROLE_LABELS[role]) : say(lang, T.noRole) },
      { value: s.since ? formatDay(lang, s.since) : '–' },
      { value: s.deputyId ? withName(s.deputyId) : '–' },
    ];
  });
  const toSign = minutesToSign(board, me);
  const leaveError = errorFor(form.errors, 'on');
  const leave = mine
    ? html`<h2>${say(lang, T.leaveHeading)}</h2>
<p>${say(lang, T.leaveText)}</p>
${postForm(
  context,
  '/bestyrelse/udtraedelse',
  html`${dateInput({ lang, id: 'on', label: say(lang, T.leaveOn), hint: say(lang, T.leaveHint), value: valueOf(form, 'on') ?? today, error: leaveError })}
${button(say(lang, T.leaveButton), { variant: 'secondary', id: 'leave' })}`,
  { id: 'leave-form' },
)}`
    : null;
  const body = html`${okAlert(lang, ok)}
<p class="font-lead">${centreName}</p>
${alert(board.validlyComposed ? 'info' : 'warning', say(lang, board.validlyComposed ? T.composed : T.notComposed))}
<p id="seat-status">${mine ? say(lang, T.youSit, { seat: seatName(lang, mine) }) : say(lang, T.youDoNotSit)}</p>
<h2>${say(lang, T.seats)}</h2>
${table(say(lang, T.seatsCaption), [{ text: say(lang, T.seat) }, { text: say(lang, T.member) }, { text: say(lang, T.role) }, { text: say(lang, T.since) }, { text: say(lang, T.deputy) }], seatRows)}
<p id="spokesperson">${spokesperson ? say(lang, T.spokesperson, { who: spokesperson }) : say(lang, T.noSpokesperson)}</p>
<h2>${say(lang, T.toSign)}</h2>
${toSign.length === 0 ? html`<p>${say(lang, T.noneToSign)}</p>` : html`<ul>${toSign.map((m) => html`<li><a href="/bestyrelse/moeder/${m.meetingId}">${say(lang, T.meetingTitle, { when: formatMomentPrecise(lang, m.at) })}</a></li>`)}</ul>`}
${votePublication(context, board, form)}
${links}
${leave}`;
  // A refusal on a form the page does not show this member (the chair's form for the votes' publication) leads to what the page says of it.
  const shown = body.toString();
  const errors = form.errors.map((e) => (shown.includes(`id="${e.field}"`) ? e : { ...e, field: e.field.startsWith('publication') || e.field === 'individual-votes' ? 'vote-publication' : 'main-content' }));
  return page(context, { title: say(lang, T.board), errors, body });
}

export function meetingsPage(context: PageContext, board: BoardView | null, ok?: BoardOk, form: FormState = NO_FORM): Html {
  const { lang } = context;
  if (!board) return page(context, { title: say(lang, T.meetings), back: '/bestyrelse', body: alert('info', say(lang, T.noBoard)) });
  const rows = [...board.meetings]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((m) => [
      { value: html`<a href="/bestyrelse/moeder/${m.meetingId}">${formatMomentPrecise(lang, m.at)}</a>`, header: true },
      { value: m.place ? placeText(m.place) : '–' },
      { value: m.agenda.join(' · ') },
      { value: say(lang, MINUTES_LABELS[m.minutes ?? 'none']) },
    ]);
  const agendaLines = valueOf(form, 'agenda');
  return page(context, {
    title: say(lang, T.meetings),
    back: '/bestyrelse',
    errors: form.errors,
    body: html`${okAlert(lang, ok)}
${rows.length === 0 ? html`<p>${say(lang, T.noMeetings)}</p>` : table(say(lang, T.meetingsCaption), [{ text: say(lang, T.when) }, { text: say(lang, T.placeColumn) }, { text: say(lang, T.agenda) }, { text: say(lang, T.minutes) }], rows)}
<h2>${say(lang, T.convene)}</h2>
${postForm(
  context,
  '/bestyrelse/moeder',
  html`${momentInput({ lang, id: 'at', label: say(lang, T.at), hint: say(lang, T.atHint), value: valueOf(form, 'at'), error: errorFor(form.errors, 'at') })}
${textInput({ lang, id: 'place', label: say(lang, T.place), hint: say(lang, T.placeHint), value: valueOf(form, 'place'), required: false, maxLength: PLACE_MAX, ...(errorFor(form.errors, 'place') ? { error: errorFor(form.errors, 'place')! } : {}) })}
${textArea({ lang, id: 'agenda', label: say(lang, T.agendaLabel), hint: say(lang, T.agendaHint, { max: AGENDA_MAX }), value: agendaLines, rows: 5, ...(errorFor(form.errors, 'agenda') ? { error: errorFor(form.errors, 'agenda')! } : {}) })}
${button(say(lang, T.conveneButton), { id: 'convene' })}`,
  { id: 'convene-form' },
)}`,
  });
}

/**
 * What the rules of procedure say of the votes, for everyone on the board; for the chair, the form
 * to record it, naming the adopted resolution that adopted them.
 */
function votePublication(context: PageContext, board: BoardView, form: FormState): Html {
  const { lang } = context;
  const me = context.principal?.id ?? '';
  const err = (field: string) => errorFor(form.errors, field);
  const adopted = board.resolutions.filter((r) => r.status === 'adopted');
  const when = new Map(board.meetings.map((m) => [m.meetingId, m.at]));
  const isChair = board.roles.chair === me && board.seats.some((s) => s.memberId === me);
  const choices = adopted.map((r) => {
    const at = when.get(r.meetingId);
    return { value: r.resolutionId, label: at ? say(lang, T.publicationResolutionLabel, { title: r.title, when: formatMoment(lang, at) }) : r.title };
  });
  const formHtml = !isChair
    ? null
    : adopted.length === 0
      ? html`<p id="publication-resolution">${say(lang, T.noAdopted)}</p>`
      : html`<p>${say(lang, T.publicationText)}</p>
${postForm(
  context,
  '/bestyrelse/stemmeoffentlighed',
  html`${select({
    lang,
    id: 'publication-resolution',
    label: say(lang, T.publicationResolution),
    choices: [...(choices.length > 1 ? [{ value: '', label: say(lang, T.choose) }] : []), ...choices],
    selected: valueOf(form, 'publication-resolution'),
    ...(err('publication-resolution') ? { error: err('publication-resolution')! } : {}),
  })}
${radioGroup({
  lang,
  id: 'individual-votes',
  legend: say(lang, T.publicationChoice),
  choices: [
    { value: 'public', label: say(lang, T.publicationPublic) },
    { value: 'counts', label: say(lang, T.publicationCounts) },
  ],
  checked: valueOf(form, 'individual-votes') ?? (board.individualVotesPublic ? 'public' : 'counts'),
  ...(err('individual-votes') ? { error: err('individual-votes')! } : {}),
})}
${button(say(lang, T.publicationButton), { variant: 'secondary', id: 'record-publication' })}`,
  { id: 'publication-form' },
)}`;
  return html`<h2>${say(lang, T.publication)}</h2>
<p id="vote-publication">${say(lang, board.individualVotesPublic ? T.publicationOn : T.publicationOff)}</p>
${formHtml}`;
}

// ---- Reading the forms ----

/** A meeting to convene: when, in Danish time, where (an address or an https link, if given), and its agenda, one item a line. */
export function readConvene(lang: Lang, at: string | undefined, agenda: string | undefined, place?: string): Read<{ at: string; agenda: string[]; place: string | null }> {
  const errors: FieldError[] = [];
  const moment = parseMoment(at);
  if (!moment) errors.push({ field: 'at', message: say(lang, T.atBad) });
  const where = (place ?? '').trim();
  if (where.length > PLACE_MAX) errors.push({ field: 'place', message: say(lang, T.placeTooLong, { max: PLACE_MAX }) });
  else if (/^[a-z][a-z0-9+.-]*:/i.test(where) && !/^https:\/\/\S+$/i.test(where)) errors.push({ field: 'place', message: say(lang, T.placeBad) });
  const items = (agenda ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (items.length === 0) errors.push({ field: 'agenda', message: say(lang, T.agendaMissing) });
  else if (items.length > AGENDA_MAX) errors.push({ field: 'agenda', message: say(lang, T.agendaTooMany, { max: AGENDA_MAX }) });
  else if (items.some((item) => item.length > TITLE_MAX)) errors.push({ field: 'agenda', message: say(lang, T.agendaTooLong, { max: TITLE_MAX }) });
  return errors.length > 0 || !moment ? fail(errors) : { ok: true, value: { at: moment.at.toISOString(), agenda: items, place: where.length === 0 ? null : where } };
}

/** The day a member leaves. */
export function readLeaving(lang: Lang, value: string | undefined): Read<string> {
  const day = parseDay(value);
  return day ? { ok: true, value: day } : fail([{ field: 'on', message: say(lang, T.leaveBad) }]);
}

/** What the rules of procedure say of the votes: an adopted resolution of the board, and whether each member's vote is public. */
export function readVotePublication(lang: Lang, board: BoardView, resolutionId: string | undefined, choice: string | undefined): Read<{ resolutionId: string; individualVotesPublic: boolean }> {
  const errors: FieldError[] = [];
  const resolution = board.resolutions.find((r) => r.resolutionId === resolutionId && r.status === 'adopted');
  if (!resolution) errors.push({ field: 'publication-resolution', message: say(lang, board.resolutions.some((r) => r.status === 'adopted') ? T.publicationResolutionBad : T.noAdopted) });
  if (choice !== 'public' && choice !== 'counts') errors.push({ field: 'individual-votes', message: say(lang, T.publicationChoiceBad) });
  return errors.length > 0 || !resolution ? fail(errors) : { ok: true, value: { resolutionId: resolution.resolutionId, individualVotesPublic: choice === 'public' } };
}

/** What a refusal of the vote-publication form says where the board's shared words would mislead. */
export const PUBLICATION_REFUSALS: Record<string, Message> = { forbidden: T.publicationForbidden };
