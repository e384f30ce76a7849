/**
 * The proposals a member present makes at a meeting, each under an item of its agenda: a general
 * resolution, and about budgets — approving a draft, moving money, a supplementary appropriation,
 * carrying last year's unspent money over, closing a finished year's accounts. Its forms, and the
 * reading of what they send, in the reader's language, so a refusal names the field it concerns.
 */
import type { ResolutionSubject } from '../../domain/board/board.js';
import { TITLE_MAX } from '../../domain/board/decide.js';
import type { MeetingView } from '../../projections/board/queries.js';
import type { BudgetView, LineView } from '../../projections/budgets/replay.js';
import { button, errorFor, type FieldError, hidden, kronerInput, postForm, select, textInput } from '../components.js';
import { html, type Html } from '../html.js';
import { formatKroner, type Lang, type Message, say } from '../i18n.js';
import type { PageContext } from '../layout.js';
import { fail, type FormState, type Read, valueOf } from './board-kit.js';
import { accountLabel, budgetName, budgetNameInText, parseKroner } from './board-parts.js';

const T = {
  propose: { da: 'Foreslå en beslutning', en: 'Propose a resolution' },
  item: { da: 'Under hvilket punkt på dagsordenen?', en: 'Under which item of the agenda?' },
  itemChoice: { da: 'Punkt {n}: {title}', en: 'Item {n}: {title}' },
  itemBad: { da: 'Vælg det punkt på dagsordenen, beslutningen hører under', en: 'Choose the item of the agenda the resolution belongs to' },
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
  choose: { da: 'Vælg', en: 'Choose' },
} satisfies Record<string, Message>;

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

/**
 * The proposal forms, each with the agenda item it is proposed under: `item` (from 1) is chosen in
 * each form unless the form sent another, the first item otherwise.
 */
export function proposeForms(context: PageContext, meeting: MeetingView, budgets: readonly BudgetView[], today: string, form: FormState, item = 1): Html {
  const { lang } = context;
  const itemSelect = (id: string) =>
    select({
      lang,
      id,
      label: say(lang, T.item),
      choices: meeting.agenda.map((title, i) => ({ value: String(i + 1), label: say(lang, T.itemChoice, { n: i + 1, title }) })),
      selected: valueOf(form, id) ?? String(item),
      ...(errorFor(form.errors, id) ? { error: errorFor(form.errors, id)! } : {}),
    });
  const action = `/bestyrelse/moeder/${meeting.meetingId}/forslag`;
  const err = (field: string) => errorFor(form.errors, field);
  const drafts = budgets.filter((b) => b.status === 'draft');
  const enacted = budgets.filter((b) => b.status === 'enacted');
  const choose = { value: '', label: say(lang, T.choose) };
  const general = postForm(
    context,
    action,
    html`${hidden('kind', 'general')}
${itemSelect('item')}
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
${itemSelect('approval-item')}
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
${itemSelect('move-item')}
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
${itemSelect('supplement-item')}
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
${itemSelect('carry-item')}
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
${itemSelect('closing-item')}
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
  return html`<h2 id="propose">${say(lang, T.propose)}</h2>
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

const readTitle = (lang: Lang, field: string, value: string | undefined): FieldError | null => {
  const title = (value ?? '').trim();
  if (title.length === 0) return { field, message: say(lang, T.titleBad) };
  if (title.length > TITLE_MAX) return { field, message: say(lang, T.titleTooLong, { max: TITLE_MAX }) };
  return null;
};

/** A proposal: its title and what it decides, one kind of subject at a time. */
type Subject = ResolutionSubject extends infer S ? (S extends ResolutionSubject ? { title: string; subject: S } : never) : never;
/** A proposal: its title, what it decides (one kind of subject at a time), and the agenda item it is under (from 1). */
export type Proposal = Subject & { item: number };

/** The form fields of each kind of proposal: its title, the field naming what it is about, and the decider's subject fields as the form calls them. */
export const PROPOSAL_FIELDS: Record<ResolutionSubject['kind'], { title: string; subject: string; item: string; fields: Readonly<Record<string, string>> }> = {
  general: { title: 'title', subject: 'title', item: 'item', fields: {} },
  budget_approval: { title: 'approval-title', subject: 'approval-budget', item: 'approval-item', fields: { 'subject.version': 'approval-budget' } },
  budget_reallocation: { title: 'move-title', subject: 'move-from', item: 'move-item', fields: { 'subject.fromLineId': 'move-from', 'subject.toLineId': 'move-to', 'subject.year': 'move-year', 'subject.amountOre': 'move-amount' } },
  budget_supplement: { title: 'supplement-title', subject: 'supplement-line', item: 'supplement-item', fields: { 'subject.lineId': 'supplement-line', 'subject.year': 'supplement-year', 'subject.amountOre': 'supplement-amount' } },
  budget_carry_over: { title: 'carry-title', subject: 'carry-line', item: 'carry-item', fields: { 'subject.lineId': 'carry-line', 'subject.year': 'carry-line', 'subject.amountOre': 'carry-amount' } },
  budget_closing: { title: 'closing-title', subject: 'closing-budget', item: 'closing-item', fields: {} },
};
/** Every field the proposal forms send, to show what was typed again. */
export const PROPOSAL_FORM_FIELDS = ['item', 'approval-item', 'move-item', 'supplement-item', 'carry-item', 'closing-item', 'title', 'approval-title', 'approval-budget', 'move-title', 'move-from', 'move-to', 'move-year', 'move-amount', 'supplement-title', 'supplement-line', 'supplement-year', 'supplement-amount', 'carry-title', 'carry-line', 'carry-from', 'carry-amount', 'closing-title', 'closing-budget'];

/** A line of an enacted budget, as a select's value names it ("budgetId/lineId"), with its budget; null if it is none. */
function enactedLine(budgets: readonly BudgetView[], value: string | undefined, ok: (b: BudgetView) => boolean = () => true) {
  const [budgetId, lineId] = (value ?? '').split('/');
  const budget = budgets.find((b) => b.budgetId === budgetId && b.status === 'enacted' && ok(b));
  const line = budget?.lines.find((l) => l.lineId === lineId);
  return budget && line ? { budget, line } : null;
}

const isKind = (kind: string | undefined): kind is ResolutionSubject['kind'] => kind !== undefined && Object.hasOwn(PROPOSAL_FIELDS, kind);

/** The agenda item a form names: its number, from 1, on this meeting's agenda. */
export function readItem(lang: Lang, field: string, value: string | undefined, agenda: readonly string[], bad: Message = T.itemBad): Read<number> {
  const text = (value ?? '').trim();
  const item = /^\d{1,3}$/.test(text) ? Number(text) : 0;
  return item >= 1 && item <= agenda.length ? { ok: true, value: item } : fail([{ field, message: say(lang, bad) }]);
}

/**
 * A proposal, by the kind its form says, under an item of the meeting's `agenda`; null for a form
 * that is not one of ours. `today`: the day in Copenhagen (YYYY-MM-DD), for whether a budget's
 * fiscal year is over.
 */
export function readProposal(lang: Lang, fields: (name: string) => string | undefined, budgets: readonly BudgetView[], today: string, agenda: readonly string[]): Read<Proposal> | null {
  const kind = fields('kind');
  if (!isKind(kind)) return null;
  const field = PROPOSAL_FIELDS[kind].item;
  const item = readItem(lang, field, fields(field), agenda);
  const subject = readSubject(lang, kind, fields, budgets, today);
  if (!item.ok || !subject.ok) return fail([...(item.ok ? [] : item.errors), ...(subject.ok ? [] : subject.errors)]);
  return { ok: true, value: { ...subject.value, item: item.value } };
}

function readSubject(lang: Lang, kind: ResolutionSubject['kind'], fields: (name: string) => string | undefined, budgets: readonly BudgetView[], today: string): Read<Subject> {
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
  const unknown: never = kind;
  return unknown;
}
