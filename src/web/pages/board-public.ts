/**
 * A centre's governance in public, no sign-in: its approved budgets (with the Finance Act's
 * columns, a chart and CSV), the resolutions its board adopted, and the minutes every member
 * present has signed, item by item. Only what the read models make public: never a draft, never
 * open business, never who drafted or changed a budget line (publicView); how each member voted
 * only on an adopted resolution, and only when the board's rules of procedure say so (else the
 * counts, and any dissent minuted).
 */
import type { CentreView } from '../../projections/centres/queries.js';
import type { BoardRole } from '../../domain/board/board.js';
import type { BoardView, MeetingView, ResolutionView } from '../../projections/board/queries.js';
import type { BudgetSummary, FinanceActRow } from '../../projections/budgets/queries.js';
import type { BudgetView } from '../../projections/budgets/replay.js';
import { summaryList, table } from '../components.js';
import { html, type Html } from '../html.js';
import { formatMoment, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { memberLabel, namesOf } from './board-kit.js';
import { digestText } from './board-records.js';
import { publicIdeasHref } from './ideas.js';
import { meetingFacts, minutesRecord, whoAt } from './board-minutes.js';
import { BOARD_ROLE_LABELS, BUDGET_KIND_LABELS, BUDGET_STATUS_LABELS, budgetName, formatMomentPrecise, seatName, subjectText, VOTE_LABELS } from './board-parts.js';
import { accountsHint, budgetChart, csvLinks, financeActChart, financeActTable, linesTable, overspendingTable } from './budget-parts.js';

const T = {
  budgets: { da: 'Budgetter', en: 'Budgets' },
  budgetsLead: {
    da: 'Centrets budgetter er offentlige, når bestyrelsen har godkendt dem. De godkendes på Finansloven sammen med alle andre centres budgetter.',
    en: 'The centre’s budgets are public once the board has approved them. They are approved on the Finance Act together with every other centre’s budget.',
  },
  noBudgets: { da: 'Centret har ingen godkendte budgetter endnu.', en: 'The centre has no approved budgets yet.' },
  budget: { da: 'Budget', en: 'Budget' },
  status: { da: 'Status', en: 'Status' },
  kind: { da: 'Slags', en: 'Kind' },
  budgetsCaption: { da: 'Centrets godkendte budgetter', en: 'The centre’s approved budgets' },
  lines: { da: 'Linjer', en: 'Lines' },
  financeAct: { da: 'Finanslovens kolonner', en: 'The Finance Act’s columns' },
  chart: { da: 'Graf', en: 'Chart' },
  export: { da: 'Hent budgettet', en: 'Download the budget' },
  approvedBy: { da: 'Godkendt af bestyrelsen', en: 'Approved by the board' },
  approvedAt: { da: '{when}, version {version}', en: '{when}, version {version}' },
  closedAt: { da: 'Regnskab afsluttet', en: 'Accounts closed' },
  closedAtText: { da: '{when}, ved en beslutning, bestyrelsen vedtog', en: '{when}, by a resolution the board adopted' },
  overspending: { da: 'Merforbrug og begrundelser', en: 'Overspending and its reasons' },
  overspendingLead: {
    da: 'Et bilag, der bringer en udgiftslinje ud over bevillingen, kræver en begrundelse. Her er hvert af dem med dato, beløb og begrundelse.',
    en: 'An entry that takes an expenditure line beyond its appropriation needs a reason. Here is each of them with its date, amount and reason.',
  },
  resolutions: { da: 'Bestyrelsens beslutninger', en: 'The board’s resolutions' },
  resolutionsLead: { da: 'De beslutninger, centrets bestyrelse har vedtaget.', en: 'The resolutions the centre’s board has adopted.' },
  noResolutions: { da: 'Bestyrelsen har ikke vedtaget nogen beslutninger endnu.', en: 'The board has adopted no resolutions yet.' },
  noBoard: { da: 'Centret har ingen bestyrelse endnu.', en: 'The centre has no board yet.' },
  resolution: { da: 'Beslutning', en: 'Resolution' },
  what: { da: 'Hvad', en: 'What' },
  votesCast: { da: 'Stemmer', en: 'Votes' },
  meetingAt: { da: 'Møde', en: 'Meeting' },
  tally: { da: '{for} for, {against} imod, {abstained} undlod', en: '{for} for, {against} against, {abstained} abstained' },
  resolutionsCaption: { da: 'Vedtagne beslutninger', en: 'Adopted resolutions' },
  minutesLink: { da: 'I referatet', en: 'In the minutes' },
  notMinuted: { da: 'Referatet er ikke underskrevet endnu', en: 'The minutes are not signed yet' },
  minutes: { da: 'Bestyrelsens referater', en: 'The board’s minutes' },
  minutesLead: { da: 'Referater af bestyrelsens møder, når alle, der var til stede, har underskrevet dem.', en: 'Minutes of the board’s meetings, once everyone present has signed them.' },
  noMinutes: { da: 'Der er ingen underskrevne referater endnu.', en: 'There are no signed minutes yet.' },
  meeting: { da: 'Møde {when}', en: 'Meeting {when}' },
  governance: { da: 'Sådan styres centret', en: 'How the centre is governed' },
  votesPublic: {
    da: 'Efter bestyrelsens forretningsorden er det offentligt, hvordan hvert medlem stemte om en vedtaget beslutning: det står ved hver af dem.',
    en: 'Under the board’s rules of procedure, how each member voted on an adopted resolution is public: it is shown with each of them.',
  },
  votesNotPublic: {
    da: 'Efter bestyrelsens forretningsorden er kun optællingen af stemmerne offentlig (og afvigende meninger, der er tilført referatet).',
    en: 'Under the board’s rules of procedure only the count of the votes is public (and dissent recorded in the minutes).',
  },
  howVoted: { da: 'Sådan stemte medlemmerne', en: 'How the members voted' },
  members: { da: 'Bestyrelsens medlemmer', en: 'The board’s members' },
  membersLead: {
    da: 'Medlemmer og suppleanter vises ved det navn, de selv har valgt at offentliggøre. Har de ikke det, vises kun, at pladsen er besat.',
    en: 'Members and deputies are shown by the name they chose to publish. Where they have not, only that the seat is held is shown.',
  },
  membersCaption: { da: 'Pladserne i bestyrelsen, hvem der sidder på dem, og suppleanterne', en: 'The seats on the board, who holds them, and the deputies' },
  seat: { da: 'Plads', en: 'Seat' },
  member: { da: 'Medlem', en: 'Member' },
  deputy: { da: 'Suppleant', en: 'Deputy' },
  vacant: { da: 'Ledig', en: 'Vacant' },
  unnamed: { da: 'Besat (navnet er ikke offentliggjort)', en: 'Held (the name is not published)' },
  documents: { da: 'Bilag', en: 'Documents' },
  ideas: { da: 'Borgernes idéer til budgettet, og hvilke linjer de blev til', en: 'Citizens’ ideas for the budget, and the lines they became' },
  itemN: { da: 'punkt {n}', en: 'item {n}' },
  memberVoted: { da: '{who}: {choice}', en: '{who}: {choice}' },
} satisfies Record<string, Message>;

/** The links from a centre's public page to its governance pages. */
export function governanceLinks(lang: Lang, centreId: string): Html {
  return html`<h2>${say(lang, T.governance)}</h2>
<ul>
<li><a href="/centre/${centreId}/budgetter">${say(lang, T.budgets)}</a></li>
<li><a href="/centre/${centreId}/beslutninger">${say(lang, T.resolutions)}</a></li>
<li><a href="/centre/${centreId}/referater">${say(lang, T.minutes)}</a></li>
</ul>`;
}

export const publicBudgetHref = (centreId: string, budgetId: string) => `/centre/${centreId}/budgetter/${budgetId}`;

export function publicBudgetsPage(context: PageContext, centre: CentreView, budgets: readonly BudgetSummary[]): Html {
  const { lang } = context;
  const rows = budgets.map((b) => [
    { value: html`<a href="${publicBudgetHref(centre.centreId, b.budgetId)}">${budgetName(lang, b)}</a>`, header: true },
    { value: say(lang, BUDGET_KIND_LABELS[b.kind]) },
    { value: say(lang, BUDGET_STATUS_LABELS[b.status]) },
  ]);
  return page(context, {
    title: `${say(lang, T.budgets)}: ${centre.name}`,
    back: `/centre/${centre.centreId}`,
    body: html`<p>${say(lang, T.budgetsLead)}</p>
${rows.length === 0 ? html`<p>${say(lang, T.noBudgets)}</p>` : table(say(lang, T.budgetsCaption), [{ text: say(lang, T.budget) }, { text: say(lang, T.kind) }, { text: say(lang, T.status) }], rows)}`,
  });
}

/**
 * An approved budget as the public sees it (`view` is already the public view): its lines, once
 * enacted every entry that went beyond its line's appropriation with the reason (never a voucher's
 * number or text), and once closed the accounts.
 */
export function publicBudgetPage(context: PageContext, centre: CentreView, view: BudgetView, financeAct: readonly FinanceActRow[]): Html {
  const { lang } = context;
  const href = publicBudgetHref(centre.centreId, view.budgetId);
  return page(context, {
    title: budgetName(lang, view),
    back: `/centre/${centre.centreId}/budgetter`,
    body: html`<p class="font-lead">${centre.name}</p>
${summaryList([
  { label: say(lang, T.status), value: say(lang, BUDGET_STATUS_LABELS[view.status]) },
  ...(view.approval ? [{ label: say(lang, T.approvedBy), value: say(lang, T.approvedAt, { when: formatMomentPrecise(lang, view.approval.at), version: view.approval.version }) }] : []),
  ...(view.closing
    ? [{ label: say(lang, T.closedAt), value: html`<a href="/centre/${centre.centreId}/beslutninger">${say(lang, T.closedAtText, { when: formatMomentPrecise(lang, view.closing.at) })}</a>` }]
    : []),
])}
<h2>${say(lang, T.lines)}</h2>
${linesTable(lang, view)}
${view.kind === 'development' ? html`<p><a href="${publicIdeasHref(centre.centreId, view.budgetId)}" id="ideas-link">${say(lang, T.ideas)}</a></p>` : null}
${accountsHint(lang, view)}
${
  view.status === 'enacted' || view.status === 'closed'
    ? html`<h2>${say(lang, T.overspending)}</h2>
<p>${say(lang, T.overspendingLead)}</p>
${overspendingTable(lang, view)}`
    : null
}
<h2>${say(lang, T.financeAct)}</h2>
${financeActTable(lang, financeAct, view.fiscalYear)}
${financeActChart(lang, financeAct, view.fiscalYear, 'finance-act-chart')}
<h2>${say(lang, T.chart)}</h2>
${budgetChart(lang, view, 'budget-chart')}
<h2>${say(lang, T.export)}</h2>
${csvLinks(lang, (numbers) => `${href}/budget.csv?tal=${numbers}`)}`,
  });
}

/**
 * Who sits on the board, seat by seat: each member and deputy by the name they agreed to publish,
 * or, without one, only that the seat is held (never an id); the roles they hold.
 */
function membersSection(lang: Lang, board: BoardView): Html {
  const named = (id: string | null) => (id === null ? say(lang, T.vacant) : Object.hasOwn(board.names, id) ? board.names[id]! : say(lang, T.unnamed));
  const roleOf = (id: string | null) => (Object.entries(board.roles) as [BoardRole, string][]).find(([, holder]) => holder === id)?.[0];
  const rows = board.seats.map((seat) => {
    const role = roleOf(seat.memberId);
    return [
      { value: seatName(lang, seat), header: true },
      { value: `${named(seat.memberId)}${role ? ` (${say(lang, BOARD_ROLE_LABELS[role])})` : ''}` },
      { value: seat.deputyId === null ? '–' : named(seat.deputyId) },
    ];
  });
  return html`<h2>${say(lang, T.members)}</h2>
<p>${say(lang, T.membersLead)}</p>
${table(say(lang, T.membersCaption), [{ text: say(lang, T.seat) }, { text: say(lang, T.member) }, { text: say(lang, T.deputy) }], rows)}`;
}

/** The documents attached to a meeting as published with its minutes, each with the SHA-256 that fixes it. */
function publishedDocuments(lang: Lang, centreId: string, meeting: MeetingView): Html | null {
  const documents = Object.values(meeting.documents).filter((d) => d.published);
  if (documents.length === 0) return null;
  return html`<h3>${say(lang, T.documents)}</h3>
<ul>${documents.map((d) => html`<li><a href="/centres/${centreId}/board/documents/${d.documentId}">${d.title}</a>${d.item === null ? null : ` (${say(lang, T.itemN, { n: d.item })})`}, SHA-256 ${digestText(d.sha256)}</li>`)}</ul>`;
}

/** Whether the public sees how each member voted on a resolution: an adopted one, where the rules of procedure say so. */
const votesPublic = (board: BoardView, r: ResolutionView) => board.individualVotesPublic && r.status === 'adopted';

/** How each member voted, in words ("a: For, b: Imod"), where the public may see it. */
const howVoted = (lang: Lang, board: BoardView, r: ResolutionView) => {
  const meeting = board.meetings.find((m) => m.meetingId === r.meetingId);
  return (
    Object.entries(r.votes)
      .map(([id, choice]) => say(lang, T.memberVoted, { who: memberLabel(lang, board, id, { insider: false, ...(meeting ? { meeting } : {}) }), choice: say(lang, VOTE_LABELS[choice]) }))
      .join(', ') || '–'
  );
};

/** The board's adopted resolutions, newest first, with what they decide and how the vote went. */
export function publicResolutionsPage(context: PageContext, centre: CentreView, board: BoardView | null, budgets: readonly BudgetView[]): Html {
  const { lang } = context;
  const title = `${say(lang, T.resolutions)}: ${centre.name}`;
  if (!board) return page(context, { title, back: `/centre/${centre.centreId}`, body: html`<p>${say(lang, T.noBoard)}</p>` });
  const names = namesOf(lang, budgets);
  const meetings = new Map(board.meetings.map((m) => [m.meetingId, m]));
  const adopted = [...board.resolutions].filter((r) => r.status === 'adopted').reverse();
  const rows = adopted.map((r) => {
    const meeting = meetings.get(r.meetingId);
    return [
      { value: r.title, header: true },
      { value: subjectText(lang, r.subject, names.budgetNames, names.lineNames) },
      { value: r.tally ? say(lang, T.tally, { for: r.tally.for, against: r.tally.against, abstained: r.tally.abstained }) : '–' },
      { value: meeting ? html`<a href="/centre/${centre.centreId}/referater#meeting-${meeting.meetingId}">${formatMoment(lang, meeting.at)}</a>` : say(lang, T.notMinuted) },
      ...(board.individualVotesPublic ? [{ value: howVoted(lang, board, r) }] : []),
    ];
  });
  return page(context, {
    title,
    back: `/centre/${centre.centreId}`,
    body: html`${membersSection(lang, board)}
<h2>${say(lang, T.resolutions)}</h2>
<p>${say(lang, T.resolutionsLead)}</p>
${rows.length === 0 ? html`<p>${say(lang, T.noResolutions)}</p>` : table(say(lang, T.resolutionsCaption), [{ text: say(lang, T.resolution) }, { text: say(lang, T.what) }, { text: say(lang, T.votesCast) }, { text: say(lang, T.meetingAt) }, ...(board.individualVotesPublic ? [{ text: say(lang, T.howVoted) }] : [])], rows)}`,
  });
}

/**
 * The signed minutes: each meeting with when and where, its agenda, who was present and who left,
 * and item by item the decision and reasoning minuted, who was disqualified, every resolution with
 * its count and dissent — and how each member voted on an adopted one only if the board's rules of
 * procedure make that public — and who signed.
 */
export function publicMinutesPage(context: PageContext, centre: CentreView, board: BoardView | null, budgets: readonly BudgetView[]): Html {
  const { lang } = context;
  const title = `${say(lang, T.minutes)}: ${centre.name}`;
  if (!board) return page(context, { title, back: `/centre/${centre.centreId}`, body: html`<p>${say(lang, T.noBoard)}</p>` });
  const names = namesOf(lang, budgets);
  const signed = [...board.meetings].filter((m) => m.minutes === 'signed').sort((a, b) => b.at.localeCompare(a.at));
  const showVotes = (r: ResolutionView) => votesPublic(board, r);
  const sections = signed.map(
    (m) => html`<section class="mb-8" id="meeting-${m.meetingId}" aria-labelledby="meeting-${m.meetingId}-title">
<h2 id="meeting-${m.meetingId}-title">${say(lang, T.meeting, { when: formatMoment(lang, m.at) })}</h2>
${meetingFacts(lang, m, whoAt(lang, board, m, false), { status: false })}
${minutesRecord(lang, board, m, names, { level: 3, showVotes, idPrefix: `meeting-${m.meetingId}-`, insider: false })}
${publishedDocuments(lang, centre.centreId, m)}
</section>`,
  );
  return page(context, {
    title,
    back: `/centre/${centre.centreId}`,
    body: html`<p>${say(lang, T.minutesLead)}</p>
<p id="vote-publication">${say(lang, board.individualVotesPublic ? T.votesPublic : T.votesNotPublic)}</p>
${sections.length === 0 ? html`<p>${say(lang, T.noMinutes)}</p>` : sections}`,
  });
}
