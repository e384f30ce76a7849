/**
 * One meeting of the board, held item by item: its notice (when, where, the agenda), attendance
 * and departures, and under each item of the agenda the resolutions proposed there with their
 * votes, count and dissent, who is disqualified on it (inhabilitet) and its minutes (the decision
 * and short reasoning, written by the chair, vice-chair or secretary); the proposal forms, and
 * the minutes to sign. What each form sends is read here, in the reader's language, so a refusal
 * names the field it concerns.
 */
import { presentNow, takingPart, VOTE_CHOICES, type VoteChoice } from '../../domain/board/board.js';
import { MINUTES_MAX } from '../../domain/board/decide.js';
import type { BoardView, MeetingView, ResolutionView } from '../../projections/board/queries.js';
import type { BudgetView } from '../../projections/budgets/replay.js';
import { alert, button, checkboxGroup, errorFor, type FieldError, hidden, postForm, radioGroup, table, textArea } from '../components.js';
import { html, type Html } from '../html.js';
import { type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { type BoardOk, fail, type FormState, keepsRecord, type Names, namesOf, NO_FORM, okAlert, type Read, sittingChoices, valueOf } from './board-kit.js';
import { itemMinutesText, meetingFacts, recusedText, whoAt } from './board-minutes.js';
import { RESOLUTION_STATUS_LABELS, subjectText, VOTE_LABELS, formatMomentPrecise } from './board-parts.js';
import { proposeForms } from './board-proposals.js';

const T = {
  meeting: { da: 'Møde {when}', en: 'Meeting {when}' },
  quorate: { da: 'Mødet er beslutningsdygtigt: mindst halvdelen af pladserne er til stede.', en: 'The meeting has a quorum: at least half of the seats are present.' },
  notQuorate: { da: 'Mødet er ikke beslutningsdygtigt: færre end halvdelen af pladserne er til stede.', en: 'The meeting has no quorum: fewer than half of the seats are present.' },
  attendance: { da: 'Fremmøde', en: 'Attendance' },
  departure: { da: 'Et medlem forlader mødet', en: 'A member leaves the meeting' },
  departureText: {
    da: 'Hvad medlemmet har stemt, står ved magt. Derefter tæller det ikke med i beslutningsdygtigheden, og afstemninger gøres op blandt dem, der stadig er til stede.',
    en: 'What the member voted stands. From then on they do not count for the quorum, and votes are counted among those still present.',
  },
  whoLeaves: { da: 'Hvem forlader mødet nu?', en: 'Who is leaving now?' },
  whoLeavesBad: { da: 'Vælg et medlem, der er til stede', en: 'Choose a member who is present' },
  recordDeparture: { da: 'Registrér, at medlemmet gik', en: 'Record that the member left' },
  whoPresent: { da: 'Hvem er til stede?', en: 'Who is present?' },
  whoPresentHint: { da: 'Fremmødet kan rettes, indtil den første stemme er afgivet.', en: 'Attendance may be corrected until the first vote is cast.' },
  presentBad: { da: 'Vælg kun blandt bestyrelsens medlemmer', en: 'Choose only among the board’s members' },
  recordAttendance: { da: 'Registrér fremmøde', en: 'Record attendance' },
  resolutions: { da: 'Beslutninger på mødet', en: 'Resolutions at the meeting' },
  noResolutions: { da: 'Der er ikke foreslået noget på mødet endnu.', en: 'Nothing has been proposed at the meeting yet.' },
  votes: { da: 'Stemmer', en: 'Votes' },
  member: { da: 'Medlem', en: 'Member' },
  votesCaption: { da: 'Stemmer om: {title}', en: 'Votes on: {title}' },
  choice: { da: 'Stemme', en: 'Vote' },
  noVotes: { da: 'Ingen har stemt endnu.', en: 'Nobody has voted yet.' },
  tally: { da: '{for} for, {against} imod, {abstained} undlod at stemme.', en: '{for} for, {against} against, {abstained} abstained.' },
  dissents: { da: 'Afvigende mening tilført referatet: {who}.', en: 'Dissent recorded in the minutes: {who}.' },
  yourVote: { da: 'Din stemme om: {title}', en: 'Your vote on: {title}' },
  voteBad: { da: 'Vælg for, imod eller undlad at stemme', en: 'Choose for, against or abstain' },
  voteButton: { da: 'Afgiv stemme', en: 'Cast vote' },
  decideButton: { da: 'Gør afstemningen op', en: 'Count the votes' },
  decideText: { da: 'Når alle til stede har stemt, gøres afstemningen op: vedtaget ved simpelt flertal af de afgivne stemmer.', en: 'Once everyone present has voted, the votes are counted: adopted by a simple majority of the votes cast.' },
  dissentButton: { da: 'Få min afvigende mening tilført referatet', en: 'Have my dissent recorded in the minutes' },
  sign: { da: 'Underskriv referatet', en: 'Sign the minutes' },
  signText: { da: 'Når du har underskrevet, kan mødets referat ikke ændres. Når alle til stede har underskrevet, er det offentligt.', en: 'Once you have signed, the meeting’s minutes cannot change. Once everyone present has signed, they are public.' },
  signButton: { da: 'Underskriv referatet', en: 'Sign the minutes' },
  youSigned: { da: 'Du har underskrevet referatet.', en: 'You have signed the minutes.' },
  back: { da: 'Tilbage til møderne', en: 'Back to the meetings' },
  items: { da: 'Dagsordenens punkter', en: 'The items of the agenda' },
  item: { da: 'Punkt {n}: {title}', en: 'Item {n}: {title}' },
  noItemResolutions: { da: 'Der er ikke foreslået noget under punktet endnu.', en: 'Nothing has been proposed under the item yet.' },
  proposeUnder: { da: 'Foreslå en beslutning under punkt {n}', en: 'Propose a resolution under item {n}' },
  itemNotQuorate: {
    da: 'Punktet er ikke beslutningsdygtigt: færre end halvdelen af pladserne er til stede og ikke inhabile i det.',
    en: 'The item has no quorum: fewer than half of the seats are present and not disqualified on it.',
  },
  otherResolutions: { da: 'Beslutninger uden for dagsordenens punkter', en: 'Resolutions outside the items of the agenda' },
  youRecused: { da: 'Du er inhabil i punktet og stemmer ikke om dets beslutninger.', en: 'You are disqualified on the item and do not vote on its resolutions.' },
  itemMinutes: { da: 'Referat af punktet', en: 'Minutes of the item' },
  decision: { da: 'Beslutning', en: 'Decision' },
  decisionHint: { da: 'Hvad bestyrelsen besluttede under punktet, kort.', en: 'What the board decided under the item, in short.' },
  reasoning: { da: 'Kort begrundelse', en: 'Short reasoning' },
  minutesHint: { da: 'Formanden, næstformanden eller sekretæren skriver referatet, indtil det er underskrevet. Gemmes det igen, gælder den nye tekst.', en: 'The chair, vice-chair or secretary writes the minutes until they are signed. Saved again, the new text stands.' },
  saveMinutes: { da: 'Gem referatet af punkt {n}', en: 'Save the minutes of item {n}' },
  decisionBad: { da: 'Skriv, hvad bestyrelsen besluttede under punktet', en: 'Write what the board decided under the item' },
  minutesTooLong: { da: 'Teksten kan højst være {max} tegn', en: 'The text can be at most {max} characters' },
  minutesForbidden: { da: 'Referatet af et punkt skrives af formanden, næstformanden eller sekretæren, mens de er til stede på mødet. Intet er registreret.', en: 'An item’s minutes are written by the chair, vice-chair or secretary while present at the meeting. Nothing was recorded.' },
  recusal: { da: 'Inhabilitet', en: 'Disqualification' },
  recusalText: {
    da: 'Et medlem, der er inhabilt i et punkt, tæller ikke med i punktets beslutningsdygtighed og stemmer ikke om dets beslutninger. Det erklæres, før medlemmet har stemt i punktet.',
    en: 'A member disqualified on an item does not count for its quorum and does not vote on its resolutions. It is declared before the member has voted on the item.',
  },
  whoRecused: { da: 'Hvem er inhabil i punkt {n}?', en: 'Who is disqualified on item {n}?' },
  recordRecusal: { da: 'Registrér inhabilitet i punkt {n}', en: 'Record disqualification on item {n}' },
  recuseMe: { da: 'Jeg er inhabil i punkt {n}', en: 'I am disqualified on item {n}' },
  recusalBad: { da: 'Vælg et medlem, der er til stede og ikke har stemt i punktet', en: 'Choose a member who is present and has not voted on the item' },
  recusalForbidden: { da: 'Du kan erklære dig selv inhabil. Andre medlemmer erklæres inhabile af formanden, næstformanden eller sekretæren. Intet er registreret.', en: 'You can declare yourself disqualified. Other members are declared disqualified by the chair, vice-chair or secretary. Nothing was recorded.' },
  recusalVoted: { da: 'Medlemmet har allerede stemt i punktet: inhabilitet erklæres, før medlemmet stemmer. Intet er registreret.', en: 'The member has already voted on the item: disqualification is declared before the member votes. Nothing was recorded.' },
  minutesLink: { da: 'Se mødets referat punkt for punkt', en: 'See the meeting’s minutes item by item' },
  documentsLink: { da: 'Mødets bilag ({n})', en: 'The meeting’s documents ({n})' },
} satisfies Record<string, Message>;

export interface MeetingData {
  board: BoardView;
  meeting: MeetingView;
  /** The centre's budgets as they stand: drafts to approve, enacted ones to move money in, closed ones to carry money over from. */
  budgets: readonly BudgetView[];
  /** The day in Copenhagen (YYYY-MM-DD): a year's accounts are closed once it is over. */
  today: string;
}

/** Who is disqualified on an item (by its number). */
const recusedOn = (meeting: MeetingView, item: number | null): readonly string[] => (item !== null && Object.hasOwn(meeting.recused, String(item)) ? (meeting.recused[String(item)] ?? []) : []);

/** Those who may still be declared disqualified on an item: at the meeting now, not disqualified already, and with no vote on the item's resolutions. */
function mayBeRecused(meeting: MeetingView, resolutions: readonly ResolutionView[], item: number): string[] {
  const voted = new Set(resolutions.filter((r) => r.item === item).flatMap((r) => Object.keys(r.votes)));
  return presentNow(meeting).filter((id) => !recusedOn(meeting, item).includes(id) && !voted.has(id));
}

/**
 * Whether disqualifications cost an item its quorum: those taking part in it (present now, not
 * disqualified on it) are fewer than half of the seats. Only a warning: the decider decides.
 */
const recusalsCostQuorum = (board: BoardView, meeting: MeetingView, item: number) => recusedOn(meeting, item).length > 0 && takingPart(meeting, item).length * 2 < board.seats.length;

/**
 * The meeting's page. `proposeUnder`: the agenda item the proposal forms choose (from a link
 * under an item), the first otherwise.
 */
export function meetingPage(context: PageContext, data: MeetingData, ok?: BoardOk, form: FormState = NO_FORM, proposeUnder?: number): Html {
  const { lang } = context;
  const { board, meeting, budgets } = data;
  const me = context.principal?.id ?? '';
  const names = namesOf(lang, budgets);
  const resolutions = board.resolutions.filter((r) => r.meetingId === meeting.meetingId);
  const signedAny = meeting.signedBy.length > 0;
  const attended = meeting.present?.includes(me) ?? false;
  const stillHere = presentNow(meeting);
  // Proposing and voting are for those still in the room; a member who left may still sign.
  const amPresent = stillHere.includes(me);
  const anyVote = resolutions.some((r) => Object.keys(r.votes).length > 0);
  const action = (what: string) => `/bestyrelse/moeder/${meeting.meetingId}/${what}`;
  const mayPropose = meeting.present !== null && !signedAny && amPresent;

  const quorum = meeting.present ? alert(meeting.quorate ? 'info' : 'warning', say(lang, meeting.quorate ? T.quorate : T.notQuorate)) : null;

  const attendance =
    !signedAny && !(meeting.present && anyVote)
      ? html`<h2>${say(lang, T.attendance)}</h2>
${postForm(
  context,
  action('fremmoede'),
  html`${checkboxGroup({
    lang,
    id: 'present',
    legend: say(lang, T.whoPresent),
    hint: say(lang, T.whoPresentHint),
    choices: sittingChoices(lang, board),
    checked: (form.values.present as readonly string[] | undefined) ?? meeting.present ?? [],
    error: errorFor(form.errors, 'present'),
    required: true,
  })}
${button(say(lang, T.recordAttendance), { variant: meeting.present ? 'secondary' : 'primary', id: 'record-attendance' })}`,
  { id: 'attendance-form' },
)}`
      : null;

  const departure =
    // As the decider has it: a departure is recorded once voting began (before, the attendance is corrected).
    meeting.present && anyVote && !signedAny && stillHere.length > 0
      ? html`<h2>${say(lang, T.departure)}</h2><p>${say(lang, T.departureText)}</p>
${postForm(
  context,
  action('afgang'),
  html`${radioGroup({
    lang,
    id: 'memberId',
    legend: say(lang, T.whoLeaves),
    choices: stillHere.map((id) => ({ value: id, label: id })),
    checked: form.values.memberId as string | undefined,
    ...(errorFor(form.errors, 'memberId') ? { error: errorFor(form.errors, 'memberId')! } : {}),
  })}
${button(say(lang, T.recordDeparture), { variant: 'secondary', id: 'record-departure' })}`,
  { id: 'departure-form' },
)}`
      : null;

  const items = meeting.agenda.map((title, i) => itemSection(context, data, resolutions, i + 1, title, names, form, mayPropose));
  const others = resolutions.filter((r) => r.item === null || r.item > meeting.agenda.length);
  const proposals = mayPropose ? proposeForms(context, meeting, budgets, data.today, form, proposeUnder) : null;
  // As the decider has it: every resolution decided, unless the meeting lost its quorum and can decide no more.
  const maySign = attended && !meeting.signedBy.includes(me) && (!meeting.quorate || !resolutions.some((r) => r.status === 'proposed'));
  const sign = maySign
    ? html`<h2>${say(lang, T.sign)}</h2><p>${say(lang, T.signText)}</p>
${postForm(context, action('underskrift'), button(say(lang, T.signButton), { id: 'sign-minutes' }), { id: 'sign-form' })}`
    : meeting.signedBy.includes(me)
      ? html`<p>${say(lang, T.youSigned)}</p>`
      : null;

  const body = html`${okAlert(lang, ok)}
${meetingFacts(lang, meeting, whoAt(lang, data.board, meeting, true), { agendaLinks: 'item-' })}
<p><a href="${action('referat')}" id="minutes-link">${say(lang, T.minutesLink)}</a></p>
<p><a href="${action('bilag')}" id="documents-link">${say(lang, T.documentsLink, { n: Object.keys(meeting.documents).length })}</a></p>
${quorum}
${attendance}
${departure}
<h2>${say(lang, T.items)}</h2>
${resolutions.length === 0 ? html`<p>${say(lang, T.noResolutions)}</p>` : null}
${items}
${
  others.length > 0
    ? html`<section class="mb-6" aria-labelledby="other-resolutions-title"><h3 id="other-resolutions-title">${say(lang, T.otherResolutions)}</h3>
${others.map((r) => resolutionSection(context, meeting, r, names, form))}</section>`
    : null
}
${proposals}
${sign}`;
  // A refusal on a form the page no longer shows (voted already, not present, the minutes signed)
  // leads to the resolution or the item it was about, or to the page's content.
  const shown = body.toString();
  const errors = form.errors.map((e) => {
    if (shown.includes(`id="${e.field}"`)) return e;
    const resolution = /^(?:choice|decide|dissent)-([0-9a-f-]{36})$/.exec(e.field)?.[1];
    if (resolution && shown.includes(`id="resolution-${resolution}"`)) return { ...e, field: `resolution-${resolution}` };
    const item = /^(?:decision|reasoning|recusal)-(\d+)$/.exec(e.field)?.[1];
    if (item && shown.includes(`id="recuse-me-${item}"`) && e.field.startsWith('recusal')) return { ...e, field: `recuse-me-${item}` };
    if (item && shown.includes(`id="item-${item}"`)) return { ...e, field: `item-${item}` };
    return { ...e, field: 'main-content' };
  });
  return page(context, { title: say(lang, T.meeting, { when: formatMomentPrecise(lang, meeting.at) }), back: '/bestyrelse/moeder', errors, body });
}

/** One item of the agenda: its resolutions, who is disqualified on it, its minutes, and the forms for them. */
function itemSection(context: PageContext, data: MeetingData, resolutions: readonly ResolutionView[], n: number, title: string, names: Names, form: FormState, mayPropose: boolean): Html {
  const { lang } = context;
  const { board, meeting } = data;
  const me = context.principal?.id ?? '';
  const open = meeting.signedBy.length === 0;
  const amPresent = presentNow(meeting).includes(me);
  const recordKeeper = keepsRecord(board, me);
  const mine = resolutions.filter((r) => r.item === n);
  const action = (what: string) => `/bestyrelse/moeder/${meeting.meetingId}/punkter/${n}/${what}`;
  const err = (field: string) => errorFor(form.errors, field);

  const minuted = Object.hasOwn(meeting.itemMinutes, String(n)) ? meeting.itemMinutes[String(n)] : undefined;
  const decisionId = `decision-${n}`;
  const reasoningId = `reasoning-${n}`;
  const minutesForm =
    open && amPresent && recordKeeper
      ? postForm(
          context,
          action('referat'),
          html`<p class="form-hint">${say(lang, T.minutesHint)}</p>
${textArea({ lang, id: decisionId, label: say(lang, T.decision), hint: say(lang, T.decisionHint), value: valueOf(form, decisionId) ?? minuted?.decision, rows: 3, maxLength: MINUTES_MAX, ...(err(decisionId) ? { error: err(decisionId)! } : {}) })}
${textArea({ lang, id: reasoningId, label: say(lang, T.reasoning), value: valueOf(form, reasoningId) ?? minuted?.reasoning ?? undefined, rows: 3, maxLength: MINUTES_MAX, required: false, ...(err(reasoningId) ? { error: err(reasoningId)! } : {}) })}
${button(say(lang, T.saveMinutes, { n }), { variant: 'secondary', id: `minutes-${n}` })}`,
          { id: `minutes-form-${n}` },
        )
      : null;

  const recusalId = `recusal-${n}`;
  const candidates = open && amPresent ? mayBeRecused(meeting, resolutions, n) : [];
  const recusalForm =
    candidates.length === 0
      ? null
      : recordKeeper
        ? postForm(
            context,
            action('inhabilitet'),
            html`${radioGroup({
              lang,
              id: recusalId,
              legend: say(lang, T.whoRecused, { n }),
              choices: candidates.map((id) => ({ value: id, label: id })),
              checked: valueOf(form, recusalId),
              ...(err(recusalId) ? { error: err(recusalId)! } : {}),
            })}
${button(say(lang, T.recordRecusal, { n }), { variant: 'secondary', id: `record-recusal-${n}` })}`,
            { id: `recusal-form-${n}` },
          )
        : candidates.includes(me)
          ? postForm(context, action('inhabilitet'), html`${hidden(recusalId, me)}${button(say(lang, T.recuseMe, { n }), { variant: 'secondary', id: `recuse-me-${n}` })}`, { id: `recusal-form-${n}` })
          : null;

  const quorumWarning = meeting.present && meeting.quorate && recusalsCostQuorum(board, meeting, n) ? alert('warning', say(lang, T.itemNotQuorate)) : null;
  return html`<section class="mb-8" id="item-${n}" tabindex="-1" aria-labelledby="item-${n}-title">
<h3 id="item-${n}-title">${say(lang, T.item, { n, title })}</h3>
${recusedText(lang, meeting, n, whoAt(lang, data.board, meeting, true))}
${quorumWarning}
${mine.length === 0 ? html`<p>${say(lang, T.noItemResolutions)}</p>` : mine.map((r) => resolutionSection(context, meeting, r, names, form))}
${mayPropose ? html`<p><a href="?punkt=${n}#propose">${say(lang, T.proposeUnder, { n })}</a></p>` : null}
<h4>${say(lang, T.itemMinutes)}</h4>
${itemMinutesText(lang, meeting, n)}
${minutesForm}
${recusalForm ? html`<h4>${say(lang, T.recusal)}</h4><p>${say(lang, T.recusalText)}</p>${recusalForm}` : null}
</section>`;
}

/** Whether the reader may vote on a resolution now: present, not disqualified on its item, the minutes not signed, the resolution open, no vote of theirs yet. */
function mayVote(context: PageContext, meeting: MeetingView, r: ResolutionView): boolean {
  const me = context.principal?.id ?? '';
  return meeting.signedBy.length === 0 && presentNow(meeting).includes(me) && !recusedOn(meeting, r.item).includes(me) && r.status === 'proposed' && !Object.hasOwn(r.votes, me);
}

function resolutionSection(context: PageContext, meeting: MeetingView, r: ResolutionView, names: Names, form: FormState): Html {
  const { lang } = context;
  const me = context.principal?.id ?? '';
  const stillHere = presentNow(meeting);
  // Proposing and voting are for those still in the room; a member who left may still sign.
  const amPresent = stillHere.includes(me);
  const recused = recusedOn(meeting, r.item).includes(me);
  const open = meeting.signedBy.length === 0;
  const base = `/bestyrelse/moeder/${meeting.meetingId}/beslutninger/${r.resolutionId}`;
  const votes = Object.entries(r.votes);
  const voteTable =
    votes.length === 0
      ? html`<p>${say(lang, T.noVotes)}</p>`
      : table(say(lang, T.votesCaption, { title: r.title }), [{ text: say(lang, T.member) }, { text: say(lang, T.choice) }], votes.map(([who, choice]) => [{ value: who, header: true }, { value: say(lang, VOTE_LABELS[choice]) }]));
  const choiceId = `choice-${r.resolutionId}`;
  const voteForm = mayVote(context, meeting, r)
    ? postForm(
        context,
        `${base}/stemme`,
        html`${radioGroup({
          lang,
          id: choiceId,
          legend: say(lang, T.yourVote, { title: r.title }),
          choices: VOTE_CHOICES.map((c) => ({ value: c, label: say(lang, VOTE_LABELS[c]) })),
          checked: valueOf(form, choiceId),
          ...(errorFor(form.errors, choiceId) ? { error: errorFor(form.errors, choiceId)! } : {}),
        })}
${button(say(lang, T.voteButton), { id: `vote-${r.resolutionId}` })}`,
        { id: `vote-form-${r.resolutionId}` },
      )
    : null;
  const decideForm =
    open && amPresent && r.status === 'proposed'
      ? html`<p>${say(lang, T.decideText)}</p>${postForm(context, `${base}/afgoerelse`, button(say(lang, T.decideButton), { variant: 'secondary', id: `decide-${r.resolutionId}` }), { id: `decide-form-${r.resolutionId}` })}`
      : null;
  const withOutcome: VoteChoice | null = r.status === 'adopted' ? 'for' : r.status === 'rejected' ? 'against' : null;
  // A member disqualified on the item took no part in it: they have no dissent from its outcome.
  const mayDissent = open && amPresent && !recused && withOutcome !== null && r.votes[me] !== withOutcome && !r.dissents.includes(me);
  const dissentForm = mayDissent
    ? postForm(context, `${base}/dissens`, button(say(lang, T.dissentButton), { variant: 'tertiary', id: `dissent-${r.resolutionId}` }), { id: `dissent-form-${r.resolutionId}` })
    : null;
  return html`<section class="mb-6" id="resolution-${r.resolutionId}" tabindex="-1" aria-labelledby="resolution-${r.resolutionId}-title">
<h4 id="resolution-${r.resolutionId}-title">${r.title}</h4>
<p><strong>${say(lang, RESOLUTION_STATUS_LABELS[r.status])}</strong>. ${subjectText(lang, r.subject, names.budgetNames, names.lineNames)}.</p>
${r.tally ? html`<p>${say(lang, T.tally, { for: r.tally.for, against: r.tally.against, abstained: r.tally.abstained })}</p>` : null}
${r.dissents.length > 0 ? html`<p>${say(lang, T.dissents, { who: r.dissents.join(', ') })}</p>` : null}
${recused && r.status === 'proposed' && open ? html`<p>${say(lang, T.youRecused)}</p>` : null}
<h5>${say(lang, T.votes)}</h5>
${voteTable}
${voteForm}
${decideForm}
${dissentForm}
</section>`;
}

// ---- Reading the forms ----

/** The member leaving: one of those still present at the meeting. */
export function readDeparture(lang: Lang, meeting: MeetingView, memberId: string | undefined): Read<string> {
  const here = presentNow(meeting);
  return memberId && here.includes(memberId) ? { ok: true, value: memberId } : fail([{ field: 'memberId', message: say(lang, T.whoLeavesBad) }]);
}

/** Who is present: only members sitting on the board. */
export function readAttendance(lang: Lang, board: BoardView, present: readonly string[]): Read<string[]> {
  // Members and deputies; which deputy may take which seat is the decider's to say, at the field.
  const sitting = new Set(board.seats.flatMap((s) => [s.memberId, s.deputyId].filter((id): id is string => id !== null)));
  return present.every((id) => sitting.has(id)) ? { ok: true, value: [...new Set(present)] } : fail([{ field: 'present', message: say(lang, T.presentBad) }]);
}

/** A vote: for, against or abstain. */
export function readVote(lang: Lang, field: string, value: string | undefined): Read<VoteChoice> {
  const choice = VOTE_CHOICES.find((c) => c === value);
  return choice ? { ok: true, value: choice } : fail([{ field, message: say(lang, T.voteBad) }]);
}

/** An item's minutes: the decision (required) and short reasoning (if any), each at most MINUTES_MAX characters. */
export function readItemMinutes(lang: Lang, item: number, decision: string | undefined, reasoning: string | undefined): Read<{ decision: string; reasoning: string | null }> {
  const errors: FieldError[] = [];
  const d = (decision ?? '').trim();
  const r = (reasoning ?? '').trim();
  if (d.length === 0) errors.push({ field: `decision-${item}`, message: say(lang, T.decisionBad) });
  else if (d.length > MINUTES_MAX) errors.push({ field: `decision-${item}`, message: say(lang, T.minutesTooLong, { max: MINUTES_MAX }) });
  if (r.length > MINUTES_MAX) errors.push({ field: `reasoning-${item}`, message: say(lang, T.minutesTooLong, { max: MINUTES_MAX }) });
  return errors.length > 0 ? fail(errors) : { ok: true, value: { decision: d, reasoning: r.length === 0 ? null : r } };
}

/**
 * The member declared disqualified on an item: one who is at the meeting now. (Declared already, it
 * changes nothing; one who voted on the item already is the decider's to refuse.)
 */
export function readRecusal(lang: Lang, meeting: MeetingView, item: number, memberId: string | undefined): Read<string> {
  return memberId && presentNow(meeting).includes(memberId) ? { ok: true, value: memberId } : fail([{ field: `recusal-${item}`, message: say(lang, T.recusalBad) }]);
}

/** What a refusal of an item's forms says where the board's shared words would mislead: who may write the minutes, or declare another member disqualified. */
export const ITEM_REFUSALS: { minutes: Record<string, Message>; recusal: Record<string, Message> } = {
  minutes: { forbidden: T.minutesForbidden },
  recusal: { forbidden: T.recusalForbidden, already_voted: T.recusalVoted },
};
