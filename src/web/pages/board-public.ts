/**
 * A centre's governance in public, no sign-in: its approved budgets (with the Finance Act's
 * columns, a chart and CSV), the resolutions its board adopted, and the minutes every member
 * present has signed. Only what the read models make public: never a draft, never open
 * business, never who drafted or changed a budget line (publicView).
 */
import type { CentreView } from '../../projections/centres/queries.js';
import type { BoardView } from '../../projections/board/queries.js';
import type { BudgetSummary, FinanceActRow } from '../../projections/budgets/queries.js';
import type { BudgetView } from '../../projections/budgets/replay.js';
import { summaryList, table } from '../components.js';
import { html, type Html } from '../html.js';
import { formatMoment, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { namesOf } from './board.js';
import { BUDGET_KIND_LABELS, BUDGET_STATUS_LABELS, budgetName, formatMomentPrecise, RESOLUTION_STATUS_LABELS, subjectText, VOTE_LABELS } from './board-parts.js';
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
  agenda: { da: 'Dagsorden', en: 'Agenda' },
  present: { da: 'Til stede', en: 'Present' },
  signedBy: { da: 'Underskrevet af', en: 'Signed by' },
  decisions: { da: 'Beslutninger', en: 'Resolutions' },
  noDecisions: { da: 'Der blev ikke truffet beslutninger på mødet.', en: 'No resolutions were passed at the meeting.' },
  member: { da: 'Medlem', en: 'Member' },
  vote: { da: 'Stemme', en: 'Vote' },
  votesOn: { da: 'Stemmer om: {title}', en: 'Votes on: {title}' },
  dissents: { da: 'Afvigende mening tilført referatet: {who}.', en: 'Dissent recorded in the minutes: {who}.' },
  governance: { da: 'Sådan styres centret', en: 'How the centre is governed' },
  nobody: { da: 'Ingen', en: 'Nobody' },
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
    ];
  });
  return page(context, {
    title,
    back: `/centre/${centre.centreId}`,
    body: html`<p>${say(lang, T.resolutionsLead)}</p>
${rows.length === 0 ? html`<p>${say(lang, T.noResolutions)}</p>` : table(say(lang, T.resolutionsCaption), [{ text: say(lang, T.resolution) }, { text: say(lang, T.what) }, { text: say(lang, T.votesCast) }, { text: say(lang, T.meetingAt) }], rows)}`,
  });
}

/** The signed minutes: each meeting with its agenda, who was present, every resolution with the open votes and dissent, and who signed. */
export function publicMinutesPage(context: PageContext, centre: CentreView, board: BoardView | null, budgets: readonly BudgetView[]): Html {
  const { lang } = context;
  const title = `${say(lang, T.minutes)}: ${centre.name}`;
  if (!board) return page(context, { title, back: `/centre/${centre.centreId}`, body: html`<p>${say(lang, T.noBoard)}</p>` });
  const names = namesOf(lang, budgets);
  const signed = [...board.meetings].filter((m) => m.minutes === 'signed').sort((a, b) => b.at.localeCompare(a.at));
  const sections = signed.map((m) => {
    const resolutions = board.resolutions.filter((r) => r.meetingId === m.meetingId);
    const decisions = resolutions.map(
      (r) => html`<h4>${r.title}</h4>
<p><strong>${say(lang, RESOLUTION_STATUS_LABELS[r.status])}</strong>. ${subjectText(lang, r.subject, names.budgetNames, names.lineNames)}.${r.tally ? html` ${say(lang, T.tally, { for: r.tally.for, against: r.tally.against, abstained: r.tally.abstained })}.` : null}</p>
${Object.keys(r.votes).length > 0 ? table(say(lang, T.votesOn, { title: r.title }), [{ text: say(lang, T.member) }, { text: say(lang, T.vote) }], Object.entries(r.votes).map(([who, choice]) => [{ value: who, header: true }, { value: say(lang, VOTE_LABELS[choice]) }])) : null}
${r.dissents.length > 0 ? html`<p>${say(lang, T.dissents, { who: r.dissents.join(', ') })}</p>` : null}`,
    );
    return html`<section class="mb-8" id="meeting-${m.meetingId}" aria-labelledby="meeting-${m.meetingId}-title">
<h2 id="meeting-${m.meetingId}-title">${say(lang, T.meeting, { when: formatMoment(lang, m.at) })}</h2>
${summaryList([
  { label: say(lang, T.agenda), value: html`<ol class="mt-0 mb-0">${m.agenda.map((item) => html`<li>${item}</li>`)}</ol>` },
  { label: say(lang, T.present), value: m.present && m.present.length > 0 ? m.present.join(', ') : say(lang, T.nobody) },
  { label: say(lang, T.signedBy), value: m.signedBy.join(', ') },
])}
<h3>${say(lang, T.decisions)}</h3>
${decisions.length === 0 ? html`<p>${say(lang, T.noDecisions)}</p>` : decisions}
</section>`;
  });
  return page(context, {
    title,
    back: `/centre/${centre.centreId}`,
    body: html`<p>${say(lang, T.minutesLead)}</p>${sections.length === 0 ? html`<p>${say(lang, T.noMinutes)}</p>` : sections}`,
  });
}
