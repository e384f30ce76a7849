/**
 * The board member's pages: the board and its seats, the meetings, and one meeting with its
 * attendance, the resolutions proposed there (general ones, and about budgets: approving a draft,
 * moving money, a supplementary appropriation, carrying last year's unspent money over, closing a
 * finished year's accounts), the votes, decisions, dissent and the minutes to sign. Every action is a form on the command path; what a form sends is read here, in the
 * reader's language, so a refusal names the field it concerns.
 */
import { type BoardRole, presentNow, type ResolutionSubject, VOTE_CHOICES, type VoteChoice } from '../../domain/board/board.js';
import { AGENDA_MAX, TITLE_MAX } from '../../domain/board/decide.js';
import type { BoardView, MeetingView, ResolutionView } from '../../projections/board/queries.js';
import type { BudgetView, LineView } from '../../projections/budgets/replay.js';
import { alert, button, checkboxGroup, dateInput, errorFor, type FieldError, hidden, kronerInput, momentInput, postForm, radioGroup, select, summaryList, table, textArea, textInput } from '../components.js';
import { html, type Html } from '../html.js';
import { formatDay, formatKroner, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import {
  accountLabel,
  BOARD_ROLE_LABELS,
  budgetName,
  budgetNameInText,
  formatMomentPrecise,
  MINUTES_LABELS,
  parseDay,
  parseKroner,
  parseMoment,
  RESOLUTION_STATUS_LABELS,
  seatName,
  subjectText,
  VOTE_LABELS,
} from './board-parts.js';

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
  left: { da: 'Du er udtrådt af bestyrelsen.', en: 'You have left the board.' },
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
  meeting: { da: 'Møde {when}', en: 'Meeting {when}' },
  present: { da: 'Til stede', en: 'Present' },
  notRecorded: { da: 'Fremmøde er ikke registreret endnu.', en: 'Attendance has not been recorded yet.' },
  quorate: { da: 'Mødet er beslutningsdygtigt: mindst halvdelen af pladserne er til stede.', en: 'The meeting has a quorum: at least half of the seats are present.' },
  notQuorate: { da: 'Mødet er ikke beslutningsdygtigt: færre end halvdelen af pladserne er til stede.', en: 'The meeting has no quorum: fewer than half of the seats are present.' },
  signedBy: { da: 'Underskrevet af', en: 'Signed by' },
  nobody: { da: 'Ingen endnu', en: 'Nobody yet' },
  attendance: { da: 'Fremmøde', en: 'Attendance' },
  departed: { da: 'Forlod mødet', en: 'Left the meeting' },
  departedAt: { da: '{who} kl. {time}', en: '{who} at {time}' },
  departure: { da: 'Et medlem forlader mødet', en: 'A member leaves the meeting' },
  departureText: {
    da: 'Hvad medlemmet har stemt, står ved magt. Derefter tæller det ikke med i beslutningsdygtigheden, og afstemninger gøres op blandt dem, der stadig er til stede.',
    en: 'What the member voted stands. From then on they do not count for the quorum, and votes are counted among those still present.',
  },
  whoLeaves: { da: 'Hvem forlader mødet nu?', en: 'Who is leaving now?' },
  whoLeavesBad: { da: 'Vælg et medlem, der er til stede', en: 'Choose a member who is present' },
  recordDeparture: { da: 'Registrér, at medlemmet gik', en: 'Record that the member left' },
  departureRecorded: { da: 'Det er registreret, at medlemmet forlod mødet.', en: 'It is recorded that the member left the meeting.' },
  whoPresent: { da: 'Hvem er til stede?', en: 'Who is present?' },
  whoPresentHint: { da: 'Fremmødet kan rettes, indtil den første stemme er afgivet.', en: 'Attendance may be corrected until the first vote is cast.' },
  presentBad: { da: 'Vælg kun blandt bestyrelsens medlemmer', en: 'Choose only among the board’s members' },
  recordAttendance: { da: 'Registrér fremmøde', en: 'Record attendance' },
  attendanceRecorded: { da: 'Fremmødet er registreret.', en: 'Attendance is recorded.' },
  resolutions: { da: 'Beslutninger på mødet', en: 'Resolutions at the meeting' },
  noResolutions: { da: 'Der er ikke foreslået noget på mødet endnu.', en: 'Nothing has been proposed at the meeting yet.' },
  votes: { da: 'Stemmer', en: 'Votes' },
  votesCaption: { da: 'Stemmer om: {title}', en: 'Votes on: {title}' },
  choice: { da: 'Stemme', en: 'Vote' },
  noVotes: { da: 'Ingen har stemt endnu.', en: 'Nobody has voted yet.' },
  tally: { da: '{for} for, {against} imod, {abstained} undlod at stemme.', en: '{for} for, {against} against, {abstained} abstained.' },
  dissents: { da: 'Afvigende mening tilført referatet: {who}.', en: 'Dissent recorded in the minutes: {who}.' },
  yourVote: { da: 'Din stemme om: {title}', en: 'Your vote on: {title}' },
  voteBad: { da: 'Vælg for, imod eller undlad at stemme', en: 'Choose for, against or abstain' },
  voteButton: { da: 'Afgiv stemme', en: 'Cast vote' },
  voted: { da: 'Din stemme er registreret.', en: 'Your vote is recorded.' },
  decideButton: { da: 'Gør afstemningen op', en: 'Count the votes' },
  decideText: { da: 'Når alle til stede har stemt, gøres afstemningen op: vedtaget ved simpelt flertal af de afgivne stemmer.', en: 'Once everyone present has voted, the votes are counted: adopted by a simple majority of the votes cast.' },
  decided: { da: 'Afstemningen er gjort op.', en: 'The votes are counted.' },
  dissentButton: { da: 'Få min afvigende mening tilført referatet', en: 'Have my dissent recorded in the minutes' },
  dissented: { da: 'Din afvigende mening er tilført referatet.', en: 'Your dissent is recorded in the minutes.' },
  propose: { da: 'Foreslå en beslutning', en: 'Propose a resolution' },
  proposeText: { da: 'Kun medlemmer, der er til stede, kan foreslå, stemme og gøre op.', en: 'Only members present can propose, vote and count.' },
  title: { da: 'Hvad skal bestyrelsen beslutte?', en: 'What is the board to decide?' },
  titleBad: { da: 'Skriv, hvad bestyrelsen skal beslutte', en: 'Write what the board is to decide' },
  titleTooLong: { da: 'Teksten kan højst være {max} tegn', en: 'The text can be at most {max} characters' },
  proposeGeneral: { da: 'Foreslå beslutningen', en: 'Propose the resolution' },
  approvalHeading: { da: 'Foreslå at godkende et budget', en: 'Propose approving a budget' },
  approvalText: { da: 'Bestyrelsen stemmer om budgettet, som det står nu: forslaget nævner budgettets version.', en: 'The board votes on the budget as it stands now: the proposal names the budget’s version.' },
  approvalTitle: { da: 'Tekst til beslutningen om godkendelse', en: 'Text of the resolution to approve' },
  approvalTitleDefault: { da: 'Godkendelse af {budget}, version {version}', en: 'Approval of {budget}, version {version}' },
  approvalBudget: { da: 'Hvilket budget?', en: 'Which budget?' },
  approvalBudgetBad: { da: 'Vælg et budgetudkast', en: 'Choose a draft budget' },
  versionOf: { da: '{budget}, version {version}', en: '{budget}, version {version}' },
  noDrafts: { da: 'Der er ingen budgetudkast at godkende.', en: 'There are no draft budgets to approve.' },
  proposeApproval: { da: 'Foreslå godkendelsen', en: 'Propose the approval' },
  moveHeading: { da: 'Foreslå at flytte penge mellem budgetlinjer', en: 'Propose moving money between budget lines' },
  moveText: { da: 'Penge flyttes kun mellem linjer i et budget, der er bevilget på Finansloven.', en: 'Money is moved only between lines of a budget enacted on the Finance Act.' },
  moveTitle: { da: 'Tekst til beslutningen om at flytte penge', en: 'Text of the resolution to move money' },
  moveFrom: { da: 'Fra linjen', en: 'From the line' },
  moveTo: { da: 'Til linjen', en: 'To the line' },
  moveYear: { da: 'For året', en: 'For the year' },
  moveAmount: { da: 'Beløb', en: 'Amount' },
  moveAmountHint: { da: 'I kroner, fx 10.000,00', en: 'In kroner, for example 10,000.00' },
  moveLineBad: { da: 'Vælg en linje i et bevilget budget', en: 'Choose a line of an enacted budget' },
  moveSameBudget: { da: 'Vælg to forskellige linjer i samme budget', en: 'Choose two different lines of the same budget' },
  moveSameNature: {
    da: 'Vælg to linjer af samme art: penge flyttes fra udgift til udgift eller fra indtægt til indtægt',
    en: 'Choose two lines of the same nature: money moves from expenditure to expenditure or from revenue to revenue',
  },
  moveYearBad: { da: 'Vælg et af budgettets år', en: 'Choose one of the budget’s years' },
  moveAmountBad: { da: 'Skriv et beløb større end 0 kr., fx 10.000,00', en: 'Type an amount above DKK 0, for example 10,000.00' },
  noEnacted: { da: 'Der er intet bevilget budget at flytte penge i.', en: 'There is no enacted budget to move money in.' },
  proposeMove: { da: 'Foreslå flytningen', en: 'Propose the move' },
  supplementHeading: { da: 'Foreslå en tillægsbevilling', en: 'Propose a supplementary appropriation' },
  supplementText: { da: 'En tillægsbevilling giver en linje i et bevilget budget flere penge for et af budgettets år.', en: 'A supplementary appropriation gives a line of an enacted budget more money for one of the budget’s years.' },
  supplementTitle: { da: 'Tekst til beslutningen om tillægsbevilling', en: 'Text of the resolution for the supplementary appropriation' },
  supplementLine: { da: 'Linjen, der får tillægsbevillingen', en: 'The line to receive the appropriation' },
  supplementYear: { da: 'Tillægsbevillingen gælder året', en: 'The appropriation is for the year' },
  supplementAmount: { da: 'Tillægsbevillingens beløb', en: 'Amount of the appropriation' },
  noSupplementBudget: { da: 'Der er intet bevilget budget at give en tillægsbevilling i.', en: 'There is no enacted budget to grant a supplementary appropriation in.' },
  proposeSupplement: { da: 'Foreslå tillægsbevillingen', en: 'Propose the appropriation' },
  carryHeading: { da: 'Foreslå at overføre uforbrugte midler fra sidste år', en: 'Propose carrying unspent money over from last year' },
  carryText: {
    da: 'Penge, som en udgiftslinje i sidste års afsluttede regnskab ikke brugte (bevillingen minus regnskabet), kan overføres til en linje i årets bevilgede årsbudget.',
    en: 'Money an expenditure line of last year’s closed accounts did not spend (the appropriation less the accounts) can be carried over to a line of this year’s enacted annual budget.',
  },
  carryTitle: { da: 'Tekst til beslutningen om overførsel', en: 'Text of the resolution for the carry-over' },
  carryLine: { da: 'Til linjen i årets budget', en: 'To the line of this year’s budget' },
  carryFrom: { da: 'Fra udgiftslinjen i sidste års regnskab', en: 'From the expenditure line of last year’s accounts' },
  carryFromHint: { da: 'Ved hver linje står, hvad den efterlod uforbrugt, og som ikke er overført endnu.', en: 'Each line shows what it left unspent that is not carried over yet.' },
  carryFromLabel: { da: '{budget}: {line} (uforbrugt {unspent})', en: '{budget}: {line} ({unspent} unspent)' },
  carryAmount: { da: 'Beløb, der overføres', en: 'Amount to carry over' },
  carryAmountHint: { da: 'I kroner, højst det, linjen efterlod uforbrugt', en: 'In kroner, at most what the line left unspent' },
  carryLineBad: {
    da: 'Vælg en udgiftslinje i et bevilget årsbudget, hvis regnskab for året før er afsluttet',
    en: 'Choose an expenditure line of an enacted annual budget whose previous year’s accounts are closed',
  },
  carryFromBad: { da: 'Vælg en udgiftslinje i sidste års afsluttede regnskab', en: 'Choose an expenditure line of last year’s closed accounts' },
  carryFromOtherYear: { da: 'Vælg en udgiftslinje i regnskabet for {year}, året før budgettet, der overføres til', en: 'Choose an expenditure line of the accounts of {year}, the year before the budget carried over to' },
  carryTooMuch: { da: 'Linjen efterlod {unspent} uforbrugt, som ikke er overført: skriv et beløb på højst det', en: 'The line left {unspent} unspent that is not carried over: type an amount of at most that' },
  noCarryBudget: {
    da: 'Der er intet bevilget årsbudget med et afsluttet regnskab for året før at overføre midler til.',
    en: 'There is no enacted annual budget with closed accounts for the year before to carry money over to.',
  },
  proposeCarry: { da: 'Foreslå overførslen', en: 'Propose the carry-over' },
  closingHeading: { da: 'Foreslå at afslutte et års regnskab', en: 'Propose closing a year’s accounts' },
  closingText: {
    da: 'Når finansåret er slut, afsluttes årsbudgettets regnskab: hver linjes forbrug ligger så fast, og der bogføres ikke mere på det.',
    en: 'Once the fiscal year is over, the annual budget’s accounts are closed: what each line spent is then fixed, and nothing more is booked on it.',
  },
  closingTitle: { da: 'Tekst til beslutningen om at afslutte regnskabet', en: 'Text of the resolution to close the accounts' },
  closingTitleDefault: { da: 'Afslutning af regnskabet for {budget}', en: 'Closing the accounts of {budget}' },
  closingBudget: { da: 'Hvilket årsbudget?', en: 'Which annual budget?' },
  closingBudgetBad: { da: 'Vælg et bevilget årsbudget, hvis finansår er slut', en: 'Choose an enacted annual budget whose fiscal year is over' },
  noClosingBudget: { da: 'Der er intet bevilget årsbudget, hvis finansår er slut.', en: 'There is no enacted annual budget whose fiscal year is over.' },
  proposeClosing: { da: 'Foreslå at afslutte regnskabet', en: 'Propose closing the accounts' },
  proposed: { da: 'Forslaget er sat til afstemning.', en: 'The proposal is open for voting.' },
  sign: { da: 'Underskriv referatet', en: 'Sign the minutes' },
  signText: { da: 'Når du har underskrevet, kan mødets referat ikke ændres. Når alle til stede har underskrevet, er det offentligt.', en: 'Once you have signed, the meeting’s minutes cannot change. Once everyone present has signed, they are public.' },
  signButton: { da: 'Underskriv referatet', en: 'Sign the minutes' },
  signed: { da: 'Du har underskrevet referatet.', en: 'You have signed the minutes.' },
  youSigned: { da: 'Du har underskrevet referatet.', en: 'You have signed the minutes.' },
  choose: { da: 'Vælg', en: 'Choose' },
  back: { da: 'Tilbage til møderne', en: 'Back to the meetings' },
} satisfies Record<string, Message>;

/** What a form sent, kept when the page is shown again with its refusals. */
export interface FormState {
  values: Readonly<Record<string, string | readonly string[]>>;
  errors: readonly FieldError[];
}
const NO_FORM: FormState = { values: {}, errors: [] };
const valueOf = (form: FormState, field: string) => {
  const v = form.values[field];
  return typeof v === 'string' ? v : undefined;
};

/** A seat in words: "Medspiller: Lokal A-kasse", "Medarbejderrepræsentant". */

const roleOf = (board: BoardView, memberId: string | null) => (Object.entries(board.roles) as [BoardRole, string][]).find(([, id]) => id === memberId)?.[0];

/** The members sitting now, as choices. */
const sittingChoices = (lang: Lang, board: BoardView) => board.seats.filter((s) => s.memberId).map((s) => ({ value: s.memberId!, label: s.memberId!, hint: seatName(lang, s) }));

/** Names for the budgets and lines a resolution may name. */
export function namesOf(lang: Lang, budgets: readonly BudgetView[]) {
  const budgetNames = new Map(budgets.map((b) => [b.budgetId, budgetNameInText(lang, b)]));
  const lineNames = new Map(budgets.flatMap((b) => b.lines.map((l) => [l.lineId, `${accountLabel(l.financeAccount)} ${l.description}`] as const)));
  return { budgetNames, lineNames };
}

export const OK_MESSAGES = {
  left: T.left,
  convened: T.convened,
  attendance: T.attendanceRecorded,
  departure: T.departureRecorded,
  proposed: T.proposed,
  voted: T.voted,
  decided: T.decided,
  dissented: T.dissented,
  signed: T.signed,
} satisfies Record<string, Message>;
export type BoardOk = keyof typeof OK_MESSAGES;
export const isBoardOk = (value: unknown): value is BoardOk => typeof value === 'string' && Object.hasOwn(OK_MESSAGES, value);
const okAlert = (lang: Lang, ok: BoardOk | undefined) => (ok ? alert('success', say(lang, OK_MESSAGES[ok])) : null);

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
</ul>
<h2>${say(lang, T.publicLink)}</h2>
<ul>
<li><a href="/centre/${centreId}/budgetter">${say(lang, T.publicBudgets)}</a></li>
<li><a href="/centre/${centreId}/beslutninger">${say(lang, T.publicResolutions)}</a></li>
<li><a href="/centre/${centreId}/referater">${say(lang, T.publicMinutes)}</a></li>
</ul>`;
  if (!board) return page(context, { title: say(lang, T.board), body: html`<p class="font-lead">${centreName}</p>${alert('info', say(lang, T.noBoard))}${links}` });
  const mine = board.seats.find((s) => s.memberId === me);
  const seatRows = board.seats.map((s) => {
    const role = roleOf(board, s.memberId);
    return [
      { value: seatName(lang, s), header: true },
      { value: s.memberId ?? say(lang, T.vacant) },
      { value: role ? say(lang, BOARD_ROLE_LABELS[role]) : say(lang, T.noRole) },
      { value: s.since ? formatDay(lang, s.since) : '–' },
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
  return page(context, {
    title: say(lang, T.board),
    errors: form.errors,
    body: html`${okAlert(lang, ok)}
<p class="font-lead">${centreName}</p>
${alert(board.validlyComposed ? 'info' : 'warning', say(lang, board.validlyComposed ? T.composed : T.notComposed))}
<p id="seat-status">${mine ? say(lang, T.youSit, { seat: seatName(lang, mine) }) : say(lang, T.youDoNotSit)}</p>
<h2>${say(lang, T.seats)}</h2>
${table(say(lang, T.seatsCaption), [{ text: say(lang, T.seat) }, { text: say(lang, T.member) }, { text: say(lang, T.role) }, { text: say(lang, T.since) }], seatRows)}
<p id="spokesperson">${spokesperson ? say(lang, T.spokesperson, { who: spokesperson }) : say(lang, T.noSpokesperson)}</p>
<h2>${say(lang, T.toSign)}</h2>
${toSign.length === 0 ? html`<p>${say(lang, T.noneToSign)}</p>` : html`<ul>${toSign.map((m) => html`<li><a href="/bestyrelse/moeder/${m.meetingId}">${say(lang, T.meeting, { when: formatMomentPrecise(lang, m.at) })}</a></li>`)}</ul>`}
${links}
${leave}`,
  });
}

export function meetingsPage(context: PageContext, board: BoardView | null, ok?: BoardOk, form: FormState = NO_FORM): Html {
  const { lang } = context;
  if (!board) return page(context, { title: say(lang, T.meetings), back: '/bestyrelse', body: alert('info', say(lang, T.noBoard)) });
  const rows = [...board.meetings]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((m) => [
      { value: html`<a href="/bestyrelse/moeder/${m.meetingId}">${formatMomentPrecise(lang, m.at)}</a>`, header: true },
      { value: m.agenda.join(' · ') },
      { value: say(lang, MINUTES_LABELS[m.minutes ?? 'none']) },
    ]);
  const agendaLines = valueOf(form, 'agenda');
  return page(context, {
    title: say(lang, T.meetings),
    back: '/bestyrelse',
    errors: form.errors,
    body: html`${okAlert(lang, ok)}
${rows.length === 0 ? html`<p>${say(lang, T.noMeetings)}</p>` : table(say(lang, T.meetingsCaption), [{ text: say(lang, T.when) }, { text: say(lang, T.agenda) }, { text: say(lang, T.minutes) }], rows)}
<h2>${say(lang, T.convene)}</h2>
${postForm(
  context,
  '/bestyrelse/moeder',
  html`${momentInput({ lang, id: 'at', label: say(lang, T.at), hint: say(lang, T.atHint), value: valueOf(form, 'at'), error: errorFor(form.errors, 'at') })}
${textArea({ lang, id: 'agenda', label: say(lang, T.agendaLabel), hint: say(lang, T.agendaHint, { max: AGENDA_MAX }), value: agendaLines, rows: 5, ...(errorFor(form.errors, 'agenda') ? { error: errorFor(form.errors, 'agenda')! } : {}) })}
${button(say(lang, T.conveneButton), { id: 'convene' })}`,
  { id: 'convene-form' },
)}`,
  });
}

export interface MeetingData {
  board: BoardView;
  meeting: MeetingView;
  /** The centre's budgets as they stand: drafts to approve, enacted ones to move money in, closed ones to carry money over from. */
  budgets: readonly BudgetView[];
  /** The day in Copenhagen (YYYY-MM-DD): a year's accounts are closed once it is over. */
  today: string;
}

export function meetingPage(context: PageContext, data: MeetingData, ok?: BoardOk, form: FormState = NO_FORM): Html {
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

  const summary = summaryList([
    { label: say(lang, T.when), value: formatMomentPrecise(lang, meeting.at) },
    { label: say(lang, T.agenda), value: html`<ol class="mt-0 mb-0">${meeting.agenda.map((item) => html`<li>${item}</li>`)}</ol>` },
    { label: say(lang, T.present), value: meeting.present ? (meeting.present.length > 0 ? meeting.present.join(', ') : say(lang, T.nobody)) : say(lang, T.notRecorded) },
    ...(Object.keys(meeting.departed).length > 0
      ? [
          {
            label: say(lang, T.departed),
            value: Object.entries(meeting.departed)
              .map(([who, at]) => say(lang, T.departedAt, { who, time: formatMomentPrecise(lang, at) }))
              .join(', '),
          },
        ]
      : []),
    { label: say(lang, T.minutes), value: say(lang, MINUTES_LABELS[meeting.minutes ?? 'none']) },
    { label: say(lang, T.signedBy), value: meeting.signedBy.length > 0 ? meeting.signedBy.join(', ') : say(lang, T.nobody) },
  ]);
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

  const resolutionSections = resolutions.map((r) => resolutionSection(context, meeting, r, names, form));
  const proposals = meeting.present && !signedAny && amPresent ? proposeForms(context, meeting, budgets, data.today, form) : null;
  // As the decider has it: every resolution decided, unless the meeting lost its quorum and can decide no more.
  const maySign = attended && !meeting.signedBy.includes(me) && (!meeting.quorate || !resolutions.some((r) => r.status === 'proposed'));
  const sign = maySign
    ? html`<h2>${say(lang, T.sign)}</h2><p>${say(lang, T.signText)}</p>
${postForm(context, action('underskrift'), button(say(lang, T.signButton), { id: 'sign-minutes' }), { id: 'sign-form' })}`
    : meeting.signedBy.includes(me)
      ? html`<p>${say(lang, T.youSigned)}</p>`
      : null;

  const body = html`${okAlert(lang, ok)}
${summary}
${quorum}
${attendance}
${departure}
<h2>${say(lang, T.resolutions)}</h2>
${resolutionSections.length === 0 ? html`<p>${say(lang, T.noResolutions)}</p>` : resolutionSections}
${proposals}
${sign}`;
  // A refusal on a form the page no longer shows (voted already, not present, the minutes signed)
  // leads to the resolution it was about, or to the page's content.
  const shown = body.toString();
  const errors = form.errors.map((e) => {
    if (shown.includes(`id="${e.field}"`)) return e;
    const resolution = /^(?:choice|decide|dissent)-([0-9a-f-]{36})$/.exec(e.field)?.[1];
    return { ...e, field: resolution && shown.includes(`id="resolution-${resolution}"`) ? `resolution-${resolution}` : 'main-content' };
  });
  return page(context, { title: say(lang, T.meeting, { when: formatMomentPrecise(lang, meeting.at) }), back: '/bestyrelse/moeder', errors, body });
}

/** Whether the reader may vote on a resolution now: present, the minutes not signed, the resolution open, no vote of theirs yet. */
function mayVote(context: PageContext, meeting: MeetingView, r: ResolutionView): boolean {
  const me = context.principal?.id ?? '';
  return meeting.signedBy.length === 0 && presentNow(meeting).includes(me) && r.status === 'proposed' && !Object.hasOwn(r.votes, me);
}

function resolutionSection(context: PageContext, meeting: MeetingView, r: ResolutionView, names: ReturnType<typeof namesOf>, form: FormState): Html {
  const { lang } = context;
  const me = context.principal?.id ?? '';
  const stillHere = presentNow(meeting);
  // Proposing and voting are for those still in the room; a member who left may still sign.
  const amPresent = stillHere.includes(me);
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
  const mayDissent = open && amPresent && withOutcome !== null && r.votes[me] !== withOutcome && !r.dissents.includes(me);
  const dissentForm = mayDissent
    ? postForm(context, `${base}/dissens`, button(say(lang, T.dissentButton), { variant: 'tertiary', id: `dissent-${r.resolutionId}` }), { id: `dissent-form-${r.resolutionId}` })
    : null;
  return html`<section class="mb-6" id="resolution-${r.resolutionId}" tabindex="-1" aria-labelledby="resolution-${r.resolutionId}-title">
<h3 id="resolution-${r.resolutionId}-title">${r.title}</h3>
<p><strong>${say(lang, RESOLUTION_STATUS_LABELS[r.status])}</strong>. ${subjectText(lang, r.subject, names.budgetNames, names.lineNames)}.</p>
${r.tally ? html`<p>${say(lang, T.tally, { for: r.tally.for, against: r.tally.against, abstained: r.tally.abstained })}</p>` : null}
${r.dissents.length > 0 ? html`<p>${say(lang, T.dissents, { who: r.dissents.join(', ') })}</p>` : null}
<h4>${say(lang, T.votes)}</h4>
${voteTable}
${voteForm}
${decideForm}
${dissentForm}
</section>`;
}

/** Enacted annual budgets whose fiscal year is over by `today` (Copenhagen): their accounts may be closed. */
export const closable = (budgets: readonly BudgetView[], today: string) => budgets.filter((b) => b.kind === 'annual' && b.status === 'enacted' && today.slice(0, 4) > String(b.fiscalYear));

/** Last year's closed annual budget of an annual budget, if there is one. */
const lastYearsOf = (budgets: readonly BudgetView[], b: BudgetView) => budgets.find((x) => x.kind === 'annual' && x.status === 'closed' && x.fiscalYear === b.fiscalYear - 1);

/** Enacted annual budgets with last year's accounts closed: what money can be carried over to. */
const carryTargets = (budgets: readonly BudgetView[]) => budgets.filter((b) => b.kind === 'annual' && b.status === 'enacted' && lastYearsOf(budgets, b));

/**
 * What an expenditure line of last year's closed accounts left unspent (its appropriation less its
 * accounts), less what was carried over from it already into `into`: what may still be carried.
 */
export function unspentOf(from: BudgetView, line: LineView, into: BudgetView | undefined): number {
  const unspent = Math.max(0, (line.enacted?.[from.fiscalYear] ?? 0) - (line.accountsOre ?? 0));
  const carried = (into?.carriedIn ?? []).filter((c) => c.fromBudgetId === from.budgetId && c.fromLineId === line.lineId).reduce((sum, c) => sum + c.amountOre, 0);
  return Math.max(0, unspent - carried);
}

/** The expenditure lines of closed accounts money can be carried from (the next year's annual budget is enacted), each with that budget. */
const carrySources = (budgets: readonly BudgetView[]) =>
  budgets
    .filter((b) => b.kind === 'annual' && b.status === 'closed')
    .flatMap((from) => {
      const into = budgets.find((x) => x.kind === 'annual' && x.status === 'enacted' && x.fiscalYear === from.fiscalYear + 1);
      return into ? from.lines.filter((l) => l.nature === 'expenditure').map((line) => ({ from, line, into })) : [];
    });

function proposeForms(context: PageContext, meeting: MeetingView, budgets: readonly BudgetView[], today: string, form: FormState): Html {
  const { lang } = context;
  const action = `/bestyrelse/moeder/${meeting.meetingId}/forslag`;
  const err = (field: string) => errorFor(form.errors, field);
  const drafts = budgets.filter((b) => b.status === 'draft');
  const enacted = budgets.filter((b) => b.status === 'enacted');
  const choose = { value: '', label: say(lang, T.choose) };
  const general = postForm(
    context,
    action,
    html`${hidden('kind', 'general')}
${textInput({ lang, id: 'title', label: say(lang, T.title), value: valueOf(form, 'title'), maxLength: TITLE_MAX, ...(err('title') ? { error: err('title')! } : {}) })}
${button(say(lang, T.proposeGeneral), { id: 'propose-general' })}`,
    { id: 'propose-general-form' },
  );
  const firstDraft = drafts[0];
  const approval =
    drafts.length === 0
      ? html`<p id="approval-budget">${say(lang, T.noDrafts)}</p>`
      : postForm(
          context,
          action,
          html`${hidden('kind', 'budget_approval')}
${select({
  lang,
  id: 'approval-budget',
  label: say(lang, T.approvalBudget),
  choices: drafts.map((b) => ({ value: `${b.budgetId}@${b.version}`, label: say(lang, T.versionOf, { budget: budgetName(lang, b), version: b.version }) })),
  selected: valueOf(form, 'approval-budget'),
  ...(err('approval-budget') ? { error: err('approval-budget')! } : {}),
})}
${textInput({
  lang,
  id: 'approval-title',
  label: say(lang, T.approvalTitle),
  value: valueOf(form, 'approval-title') ?? (drafts.length === 1 && firstDraft ? say(lang, T.approvalTitleDefault, { budget: budgetNameInText(lang, firstDraft), version: firstDraft.version }) : undefined),
  maxLength: TITLE_MAX,
  ...(err('approval-title') ? { error: err('approval-title')! } : {}),
})}
${button(say(lang, T.proposeApproval), { id: 'propose-approval' })}`,
          { id: 'propose-approval-form' },
        );
  const lineChoices = [
    choose,
    ...enacted.flatMap((b) =>
      b.lines.map((l) => ({ value: `${b.budgetId}/${l.lineId}`, label: `${budgetName(lang, b)}: ${accountLabel(l.financeAccount)} ${l.description} (${formatKroner(lang, l.enacted?.[b.fiscalYear] ?? 0)})` })),
    ),
  ];
  const years = [...new Set(enacted.flatMap((b) => b.years))].sort();
  const move =
    enacted.length === 0
      ? html`<p id="move-from">${say(lang, T.noEnacted)}</p>`
      : postForm(
          context,
          action,
          html`${hidden('kind', 'budget_reallocation')}
${textInput({ lang, id: 'move-title', label: say(lang, T.moveTitle), value: valueOf(form, 'move-title'), maxLength: TITLE_MAX, ...(err('move-title') ? { error: err('move-title')! } : {}) })}
${select({ lang, id: 'move-from', label: say(lang, T.moveFrom), choices: lineChoices, selected: valueOf(form, 'move-from'), ...(err('move-from') ? { error: err('move-from')! } : {}) })}
${select({ lang, id: 'move-to', label: say(lang, T.moveTo), choices: lineChoices, selected: valueOf(form, 'move-to'), ...(err('move-to') ? { error: err('move-to')! } : {}) })}
${select({ lang, id: 'move-year', label: say(lang, T.moveYear), choices: years.map((y) => ({ value: String(y), label: String(y) })), selected: valueOf(form, 'move-year'), ...(err('move-year') ? { error: err('move-year')! } : {}) })}
${kronerInput({ lang, id: 'move-amount', label: say(lang, T.moveAmount), hint: say(lang, T.moveAmountHint), value: valueOf(form, 'move-amount'), error: err('move-amount') })}
${button(say(lang, T.proposeMove), { id: 'propose-move' })}`,
          { id: 'propose-move-form' },
        );
  const supplement =
    enacted.length === 0
      ? html`<p id="supplement-line">${say(lang, T.noSupplementBudget)}</p>`
      : postForm(
          context,
          action,
          html`${hidden('kind', 'budget_supplement')}
${textInput({ lang, id: 'supplement-title', label: say(lang, T.supplementTitle), value: valueOf(form, 'supplement-title'), maxLength: TITLE_MAX, ...(err('supplement-title') ? { error: err('supplement-title')! } : {}) })}
${select({ lang, id: 'supplement-line', label: say(lang, T.supplementLine), choices: lineChoices, selected: valueOf(form, 'supplement-line'), ...(err('supplement-line') ? { error: err('supplement-line')! } : {}) })}
${select({ lang, id: 'supplement-year', label: say(lang, T.supplementYear), choices: years.map((y) => ({ value: String(y), label: String(y) })), selected: valueOf(form, 'supplement-year'), ...(err('supplement-year') ? { error: err('supplement-year')! } : {}) })}
${kronerInput({ lang, id: 'supplement-amount', label: say(lang, T.supplementAmount), hint: say(lang, T.moveAmountHint), value: valueOf(form, 'supplement-amount'), error: err('supplement-amount') })}
${button(say(lang, T.proposeSupplement), { id: 'propose-supplement' })}`,
          { id: 'propose-supplement-form' },
        );
  const targets = carryTargets(budgets);
  const sources = carrySources(budgets);
  const carry =
    targets.length === 0 || sources.length === 0
      ? html`<p id="carry-line">${say(lang, T.noCarryBudget)}</p>`
      : postForm(
          context,
          action,
          html`${hidden('kind', 'budget_carry_over')}
${textInput({ lang, id: 'carry-title', label: say(lang, T.carryTitle), value: valueOf(form, 'carry-title'), maxLength: TITLE_MAX, ...(err('carry-title') ? { error: err('carry-title')! } : {}) })}
${select({
  lang,
  id: 'carry-line',
  label: say(lang, T.carryLine),
  choices: [choose, ...targets.flatMap((b) => b.lines.filter((l) => l.nature === 'expenditure').map((l) => ({ value: `${b.budgetId}/${l.lineId}`, label: `${budgetName(lang, b)}: ${accountLabel(l.financeAccount)} ${l.description} (${formatKroner(lang, l.enacted?.[b.fiscalYear] ?? 0)})` })))],
  selected: valueOf(form, 'carry-line'),
  ...(err('carry-line') ? { error: err('carry-line')! } : {}),
})}
${select({
  lang,
  id: 'carry-from',
  label: say(lang, T.carryFrom),
  hint: say(lang, T.carryFromHint),
  choices: [
    choose,
    ...sources.map(({ from, line, into }) => ({
      value: `${from.budgetId}/${line.lineId}`,
      label: say(lang, T.carryFromLabel, { budget: budgetName(lang, from), line: `${accountLabel(line.financeAccount)} ${line.description}`, unspent: formatKroner(lang, unspentOf(from, line, into)) }),
    })),
  ],
  selected: valueOf(form, 'carry-from'),
  ...(err('carry-from') ? { error: err('carry-from')! } : {}),
})}
${kronerInput({ lang, id: 'carry-amount', label: say(lang, T.carryAmount), hint: say(lang, T.carryAmountHint), value: valueOf(form, 'carry-amount'), error: err('carry-amount') })}
${button(say(lang, T.proposeCarry), { id: 'propose-carry' })}`,
          { id: 'propose-carry-form' },
        );
  const toClose = closable(budgets, today);
  const firstToClose = toClose[0];
  const closing =
    toClose.length === 0
      ? html`<p id="closing-budget">${say(lang, T.noClosingBudget)}</p>`
      : postForm(
          context,
          action,
          html`${hidden('kind', 'budget_closing')}
${select({
  lang,
  id: 'closing-budget',
  label: say(lang, T.closingBudget),
  choices: [...(toClose.length > 1 ? [choose] : []), ...toClose.map((b) => ({ value: b.budgetId, label: budgetName(lang, b) }))],
  selected: valueOf(form, 'closing-budget'),
  ...(err('closing-budget') ? { error: err('closing-budget')! } : {}),
})}
${textInput({
  lang,
  id: 'closing-title',
  label: say(lang, T.closingTitle),
  value: valueOf(form, 'closing-title') ?? (toClose.length === 1 && firstToClose ? say(lang, T.closingTitleDefault, { budget: budgetNameInText(lang, firstToClose) }) : undefined),
  maxLength: TITLE_MAX,
  ...(err('closing-title') ? { error: err('closing-title')! } : {}),
})}
${button(say(lang, T.proposeClosing), { id: 'propose-closing' })}`,
          { id: 'propose-closing-form' },
        );
  return html`<h2>${say(lang, T.propose)}</h2>
<p>${say(lang, T.proposeText)}</p>
${general}
<h3>${say(lang, T.approvalHeading)}</h3>
<p>${say(lang, T.approvalText)}</p>
${approval}
<h3>${say(lang, T.moveHeading)}</h3>
<p>${say(lang, T.moveText)}</p>
${move}
<h3>${say(lang, T.supplementHeading)}</h3>
<p>${say(lang, T.supplementText)}</p>
${supplement}
<h3>${say(lang, T.carryHeading)}</h3>
<p>${say(lang, T.carryText)}</p>
${carry}
<h3>${say(lang, T.closingHeading)}</h3>
<p>${say(lang, T.closingText)}</p>
${closing}`;
}

// ---- Reading the forms ----

export type Read<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
const fail = <T>(errors: FieldError[]): Read<T> => ({ ok: false, errors });

/** A meeting to convene: when, in Danish time, and its agenda, one item a line. */
export function readConvene(lang: Lang, at: string | undefined, agenda: string | undefined): Read<{ at: string; agenda: string[] }> {
  const errors: FieldError[] = [];
  const moment = parseMoment(at);
  if (!moment) errors.push({ field: 'at', message: say(lang, T.atBad) });
  const items = (agenda ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (items.length === 0) errors.push({ field: 'agenda', message: say(lang, T.agendaMissing) });
  else if (items.length > AGENDA_MAX) errors.push({ field: 'agenda', message: say(lang, T.agendaTooMany, { max: AGENDA_MAX }) });
  else if (items.some((item) => item.length > TITLE_MAX)) errors.push({ field: 'agenda', message: say(lang, T.agendaTooLong, { max: TITLE_MAX }) });
  return errors.length > 0 || !moment ? fail(errors) : { ok: true, value: { at: moment.at.toISOString(), agenda: items } };
}

/** Who is present: only members sitting on the board. */
/** The member leaving: one of those still present at the meeting. */
export function readDeparture(lang: Lang, meeting: MeetingView, memberId: string | undefined): Read<string> {
  const here = presentNow(meeting);
  return memberId && here.includes(memberId) ? { ok: true, value: memberId } : fail([{ field: 'memberId', message: say(lang, T.whoLeavesBad) }]);
}

export function readAttendance(lang: Lang, board: BoardView, present: readonly string[]): Read<string[]> {
  const sitting = new Set(board.seats.flatMap((s) => (s.memberId ? [s.memberId] : [])));
  return present.every((id) => sitting.has(id)) ? { ok: true, value: [...new Set(present)] } : fail([{ field: 'present', message: say(lang, T.presentBad) }]);
}

const readTitle = (lang: Lang, field: string, value: string | undefined): FieldError | null => {
  const title = (value ?? '').trim();
  if (title.length === 0) return { field, message: say(lang, T.titleBad) };
  if (title.length > TITLE_MAX) return { field, message: say(lang, T.titleTooLong, { max: TITLE_MAX }) };
  return null;
};

/** A proposal: its title and what it decides, one kind of subject at a time. */
export type Proposal = ResolutionSubject extends infer S ? (S extends ResolutionSubject ? { title: string; subject: S } : never) : never;

/** The form fields of each kind of proposal: its title, the field naming what it is about, and the decider's subject fields as the form calls them. */
export const PROPOSAL_FIELDS: Record<ResolutionSubject['kind'], { title: string; subject: string; fields: Readonly<Record<string, string>> }> = {
  general: { title: 'title', subject: 'title', fields: {} },
  budget_approval: { title: 'approval-title', subject: 'approval-budget', fields: { 'subject.version': 'approval-budget' } },
  budget_reallocation: { title: 'move-title', subject: 'move-from', fields: { 'subject.fromLineId': 'move-from', 'subject.toLineId': 'move-to', 'subject.year': 'move-year', 'subject.amountOre': 'move-amount' } },
  budget_supplement: { title: 'supplement-title', subject: 'supplement-line', fields: { 'subject.lineId': 'supplement-line', 'subject.year': 'supplement-year', 'subject.amountOre': 'supplement-amount' } },
  budget_carry_over: { title: 'carry-title', subject: 'carry-line', fields: { 'subject.lineId': 'carry-line', 'subject.year': 'carry-line', 'subject.amountOre': 'carry-amount' } },
  budget_closing: { title: 'closing-title', subject: 'closing-budget', fields: {} },
};
/** Every field the proposal forms send, to show what was typed again. */
export const PROPOSAL_FORM_FIELDS = ['title', 'approval-title', 'approval-budget', 'move-title', 'move-from', 'move-to', 'move-year', 'move-amount', 'supplement-title', 'supplement-line', 'supplement-year', 'supplement-amount', 'carry-title', 'carry-line', 'carry-from', 'carry-amount', 'closing-title', 'closing-budget'];

/** A line of an enacted budget, as a select's value names it ("budgetId/lineId"), with its budget; null if it is none. */
function enactedLine(budgets: readonly BudgetView[], value: string | undefined, ok: (b: BudgetView) => boolean = () => true) {
  const [budgetId, lineId] = (value ?? '').split('/');
  const budget = budgets.find((b) => b.budgetId === budgetId && b.status === 'enacted' && ok(b));
  const line = budget?.lines.find((l) => l.lineId === lineId);
  return budget && line ? { budget, line } : null;
}

/**
 * A proposal, by the kind its form says; null for a form that is not one of ours. `today`: the day
 * in Copenhagen (YYYY-MM-DD), for whether a budget's fiscal year is over.
 */
export function readProposal(lang: Lang, fields: (name: string) => string | undefined, budgets: readonly BudgetView[], today: string): Read<Proposal> | null {
  const kind = fields('kind');
  if (kind === 'general') {
    const bad = readTitle(lang, 'title', fields('title'));
    return bad ? fail([bad]) : { ok: true, value: { title: fields('title')!.trim(), subject: { kind: 'general' } } };
  }
  if (kind === 'budget_approval') {
    const errors: FieldError[] = [];
    const bad = readTitle(lang, 'approval-title', fields('approval-title'));
    if (bad) errors.push(bad);
    const [budgetId, version] = (fields('approval-budget') ?? '').split('@');
    const budget = budgets.find((b) => b.budgetId === budgetId && b.status === 'draft');
    if (!budget || !/^\d+$/.test(version ?? '')) errors.push({ field: 'approval-budget', message: say(lang, T.approvalBudgetBad) });
    if (errors.length > 0 || !budget) return fail(errors);
    return { ok: true, value: { title: fields('approval-title')!.trim(), subject: { kind: 'budget_approval', budgetId: budget.budgetId, version: Number(version) } } };
  }
  if (kind === 'budget_reallocation') {
    const errors: FieldError[] = [];
    const bad = readTitle(lang, 'move-title', fields('move-title'));
    if (bad) errors.push(bad);
    const lineOf = (field: string) => {
      const [budgetId, lineId] = (fields(field) ?? '').split('/');
      const budget = budgets.find((b) => b.budgetId === budgetId && b.status === 'enacted');
      return budget && budget.lines.some((l) => l.lineId === lineId) ? { budget, lineId: lineId! } : null;
    };
    const natureOf = (l: { budget: BudgetView; lineId: string }) => l.budget.lines.find((x) => x.lineId === l.lineId)?.nature;
    const from = lineOf('move-from');
    const to = lineOf('move-to');
    // Without an enacted budget there is no line to choose: the page says so where the lines would be.
    if (!budgets.some((b) => b.status === 'enacted')) return fail([...errors, { field: 'move-from', message: say(lang, T.noEnacted) }]);
    if (!from) errors.push({ field: 'move-from', message: say(lang, T.moveLineBad) });
    if (!to) errors.push({ field: 'move-to', message: say(lang, T.moveLineBad) });
    else if (from && (from.budget.budgetId !== to.budget.budgetId || from.lineId === to.lineId)) errors.push({ field: 'move-to', message: say(lang, T.moveSameBudget) });
    else if (from && natureOf(from) !== natureOf(to)) errors.push({ field: 'move-to', message: say(lang, T.moveSameNature) });
    const year = Number(fields('move-year'));
    if (from && !from.budget.years.includes(year)) errors.push({ field: 'move-year', message: say(lang, T.moveYearBad) });
    const amountOre = parseKroner(lang, fields('move-amount'));
    if (amountOre === null || amountOre <= 0) errors.push({ field: 'move-amount', message: say(lang, T.moveAmountBad) });
    if (errors.length > 0 || !from || !to || amountOre === null) return fail(errors);
    return {
      ok: true,
      value: { title: fields('move-title')!.trim(), subject: { kind: 'budget_reallocation', budgetId: from.budget.budgetId, fromLineId: from.lineId, toLineId: to.lineId, year, amountOre } },
    };
  }
  if (kind === 'budget_supplement') {
    const errors: FieldError[] = [];
    const bad = readTitle(lang, 'supplement-title', fields('supplement-title'));
    if (bad) errors.push(bad);
    // Without an enacted budget there is no line to choose: the page says so where the lines would be.
    if (!budgets.some((b) => b.status === 'enacted')) return fail([...errors, { field: 'supplement-line', message: say(lang, T.noSupplementBudget) }]);
    const to = enactedLine(budgets, fields('supplement-line'));
    if (!to) errors.push({ field: 'supplement-line', message: say(lang, T.moveLineBad) });
    const year = Number(fields('supplement-year'));
    if (to && !to.budget.years.includes(year)) errors.push({ field: 'supplement-year', message: say(lang, T.moveYearBad) });
    const amountOre = parseKroner(lang, fields('supplement-amount'));
    if (amountOre === null || amountOre <= 0) errors.push({ field: 'supplement-amount', message: say(lang, T.moveAmountBad) });
    if (errors.length > 0 || !to || amountOre === null) return fail(errors);
    return { ok: true, value: { title: fields('supplement-title')!.trim(), subject: { kind: 'budget_supplement', budgetId: to.budget.budgetId, lineId: to.line.lineId, year, amountOre } } };
  }
  if (kind === 'budget_carry_over') {
    const errors: FieldError[] = [];
    const bad = readTitle(lang, 'carry-title', fields('carry-title'));
    if (bad) errors.push(bad);
    if (carryTargets(budgets).length === 0) return fail([...errors, { field: 'carry-line', message: say(lang, T.noCarryBudget) }]);
    // Unspent expenditure goes onto an expenditure line of an annual budget.
    const to = enactedLine(budgets, fields('carry-line'), (b) => b.kind === 'annual');
    if (!to || to.line.nature !== 'expenditure') errors.push({ field: 'carry-line', message: say(lang, T.carryLineBad) });
    const [fromBudgetId, fromLineId] = (fields('carry-from') ?? '').split('/');
    const fromBudget = budgets.find((b) => b.budgetId === fromBudgetId && b.kind === 'annual' && b.status === 'closed');
    const fromLine = fromBudget?.lines.find((l) => l.lineId === fromLineId && l.nature === 'expenditure');
    if (!fromBudget || !fromLine) errors.push({ field: 'carry-from', message: say(lang, T.carryFromBad) });
    else if (to && fromBudget.fiscalYear !== to.budget.fiscalYear - 1) errors.push({ field: 'carry-from', message: say(lang, T.carryFromOtherYear, { year: to.budget.fiscalYear - 1 }) });
    const amountOre = parseKroner(lang, fields('carry-amount'));
    if (amountOre === null || amountOre <= 0) errors.push({ field: 'carry-amount', message: say(lang, T.moveAmountBad) });
    else if (to && fromBudget && fromLine && errors.length === 0) {
      const left = unspentOf(fromBudget, fromLine, to.budget);
      if (amountOre > left) errors.push({ field: 'carry-amount', message: say(lang, T.carryTooMuch, { unspent: formatKroner(lang, left) }) });
    }
    if (errors.length > 0 || !to || to.line.nature !== 'expenditure' || !fromBudget || !fromLine || amountOre === null) return fail(errors);
    return {
      ok: true,
      value: {
        title: fields('carry-title')!.trim(),
        subject: { kind: 'budget_carry_over', budgetId: to.budget.budgetId, lineId: to.line.lineId, year: to.budget.fiscalYear, fromBudgetId: fromBudget.budgetId, fromLineId: fromLine.lineId, amountOre },
      },
    };
  }
  if (kind === 'budget_closing') {
    const errors: FieldError[] = [];
    const bad = readTitle(lang, 'closing-title', fields('closing-title'));
    if (bad) errors.push(bad);
    const budget = closable(budgets, today).find((b) => b.budgetId === fields('closing-budget'));
    if (!budget) errors.push({ field: 'closing-budget', message: say(lang, closable(budgets, today).length === 0 ? T.noClosingBudget : T.closingBudgetBad) });
    if (errors.length > 0 || !budget) return fail(errors);
    return { ok: true, value: { title: fields('closing-title')!.trim(), subject: { kind: 'budget_closing', budgetId: budget.budgetId } } };
  }
  return null;
}

/** A vote: for, against or abstain. */
export function readVote(lang: Lang, field: string, value: string | undefined): Read<VoteChoice> {
  const choice = VOTE_CHOICES.find((c) => c === value);
  return choice ? { ok: true, value: choice } : fail([{ field, message: say(lang, T.voteBad) }]);
}

/** The day a member leaves. */
export function readLeaving(lang: Lang, value: string | undefined): Read<string> {
  const day = parseDay(value);
  return day ? { ok: true, value: day } : fail([{ field: 'on', message: say(lang, T.leaveBad) }]);
}
