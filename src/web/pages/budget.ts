/**
 * The board's budget pages: the centre's budgets and drafting one; a budget with its lines
 * (expenditure and revenue apart), the Finance Act's columns, its chart and CSV, and the forms its
 * status allows (propose a line, approve by an adopted resolution, submit, record an entry, and by
 * an adopted resolution move money, grant a supplementary appropriation, carry last year's unspent
 * money over, close the accounts once the year is over); closed, its accounts per line and no forms;
 * a line's story and its entries, with amending and withdrawing it, correcting an entry, splitting
 * the appropriation over the months and following it month by month; the budget as of any moment,
 * and two moments compared. An administrator records what the Finance Act enacted. What each form
 * sends is read here.
 */
import { type BudgetEvent, type BudgetKind, LINE_NATURES, type LineNature } from '../../domain/budget/budget.js';
import { DESCRIPTION_MAX, ENTRY_TEXT_MAX, FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, REASON_MAX, VOUCHER_MAX } from '../../domain/budget/decide.js';
import { type DomainError, InvalidValue } from '../../domain/shared/errors.js';
import { ROLES } from '../../domain/shared/principal.js';
import type { BoardView, ResolutionSummary } from '../../projections/board/queries.js';
import type { BudgetSummary, FinanceActRow } from '../../projections/budgets/queries.js';
import type { BudgetView, HistoryEvent, LineChange, LineHistoryEntry, LineView, Spending } from '../../projections/budgets/replay.js';
import { refusalOf } from '../command.js';
import {
  alert,
  button,
  codeInput,
  dateInput,
  errorFor,
  errorOf,
  type FieldError,
  getForm,
  hidden,
  kronerInput,
  momentInput,
  postForm,
  radioGroup,
  select,
  summaryList,
  table,
  textArea,
  textInput,
} from '../components.js';
import { barChart } from '../chart.js';
import { attr, html, type Html } from '../html.js';
import { formatDay, formatKroner, type Lang, type Message, ROLE_LABELS, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { type FormState, type Read } from './board.js';
import { BOARD_REFUSALS } from './board-refusals.js';
import {
  accountLabel,
  BUDGET_KIND_LABELS,
  BUDGET_STATUS_LABELS,
  budgetName,
  formatMomentPrecise,
  HISTORY_LABELS,
  kronerValue,
  localMomentValue,
  MONTH_LABELS,
  parseDay,
  parseKroner,
} from './board-parts.js';
import {
  accountsHint,
  budgetChart,
  csvLinks,
  entriesTable,
  financeActChart,
  financeActTable,
  lineLabel,
  lineName,
  linesTable,
  moneyCell,
  monthlyTable,
  NATURE_LABELS,
  standardLabel,
} from './budget-parts.js';

const T = {
  budgets: { da: 'Budgetter', en: 'Budgets' },
  noBudgets: { da: 'Centret har ingen budgetter endnu.', en: 'The centre has no budgets yet.' },
  budget: { da: 'Budget', en: 'Budget' },
  status: { da: 'Status', en: 'Status' },
  version: { da: 'Version', en: 'Version' },
  changed: { da: 'Senest ændret', en: 'Last changed' },
  budgetsCaption: { da: 'Centrets budgetter', en: 'The centre’s budgets' },
  draftHeading: { da: 'Lav et budgetudkast', en: 'Draft a budget' },
  draftText: { da: 'Et årsbudget gælder ét finansår; et udviklingsbudget fem år fra finansåret. Der er ét af hver slags pr. år.', en: 'An annual budget covers one fiscal year; a development budget five years from the fiscal year. There is one of each kind a year.' },
  fiscalYear: { da: 'Finansår', en: 'Fiscal year' },
  fiscalYearHint: { da: 'Fx {year}', en: 'For example {year}' },
  fiscalYearBad: { da: 'Skriv et finansår fra {first} til {last}', en: 'Type a fiscal year from {first} to {last}' },
  kind: { da: 'Hvilket budget?', en: 'Which budget?' },
  kindBad: { da: 'Vælg årsbudget eller udviklingsbudget', en: 'Choose annual budget or development budget' },
  draftButton: { da: 'Lav udkastet', en: 'Draft the budget' },
  drafted: { da: 'Budgetudkastet er lavet.', en: 'The draft budget is made.' },
  kindLabel: { da: 'Slags', en: 'Kind' },
  years: { da: 'År', en: 'Years' },
  approvedBy: { da: 'Godkendt ved beslutning', en: 'Approved by resolution' },
  approvedText: { da: '{title} (version {version}), {when}', en: '{title} (version {version}), {when}' },
  submittedAt: { da: 'Sendt til Finansloven', en: 'Submitted for the Finance Act' },
  enactedAt: { da: 'Bevilget', en: 'Enacted' },
  lines: { da: 'Linjer', en: 'Lines' },
  proposeHeading: { da: 'Foreslå en linje', en: 'Propose a line' },
  financeAccount: { da: 'Finanslovskonto', en: 'Finance Act account' },
  financeAccountHint: { da: '8 cifre: paragraf, hovedområde, aktivitetsområde, hovedkonto og underkonto, fx 17411110', en: '8 digits: paragraf, main area, activity area, main account and sub-account, for example 17411110' },
  financeAccountBad: { da: 'Skriv finanslovskontoen med 8 cifre, fx 17411110', en: 'Type the Finance Act account in 8 digits, for example 17411110' },
  standardAccount: { da: 'Standardkonto', en: 'Standard account' },
  standardAccountHint: { da: '2 cifre, fx 18 lønninger, 22 andre driftsomkostninger, 46 tilskud', en: '2 digits, for example 18 salaries, 22 other operating costs, 46 grants' },
  standardAccountBad: { da: 'Skriv standardkontoen med 2 cifre, fx 18', en: 'Type the standard account in 2 digits, for example 18' },
  description: { da: 'Tekst', en: 'Description' },
  descriptionBad: { da: 'Skriv en tekst til linjen', en: 'Write a description for the line' },
  descriptionTooLong: { da: 'Teksten kan højst være {max} tegn', en: 'The description can be at most {max} characters' },
  amountFor: { da: 'Beløb {year}', en: 'Amount {year}' },
  amountHint: { da: 'I kroner, fx 1.250.000,00', en: 'In kroner, for example 1,250,000.00' },
  amountBad: { da: 'Skriv beløbet for {year} i kroner, fx 1.250.000,00', en: 'Type the amount for {year} in kroner, for example 1,250,000.00' },
  amountNegative: {
    da: 'Beløbet for {year} kan ikke være negativt. Er linjen penge, centret får ind, så vælg indtægt',
    en: 'The amount for {year} cannot be negative. If the line is money the centre takes in, choose revenue',
  },
  nature: { da: 'Udgift eller indtægt?', en: 'Expenditure or revenue?' },
  natureHint: { da: 'Finansloven holder udgifter og indtægter hver for sig. Beløbene skrives uden fortegn.', en: 'The Finance Act keeps expenditure and revenue apart. Amounts are typed without a sign.' },
  natureBad: { da: 'Vælg, om linjen er en udgift eller en indtægt', en: 'Choose whether the line is expenditure or revenue' },
  natureLabel: { da: 'Art', en: 'Nature' },
  proposeButton: { da: 'Foreslå linjen', en: 'Propose the line' },
  lineProposed: { da: 'Linjen er foreslået. Budgettet har fået en ny version.', en: 'The line is proposed. The budget has a new version.' },
  approveHeading: { da: 'Godkend budgettet', en: 'Approve the budget' },
  approveText: {
    da: 'Budgettet godkendes ved en beslutning, som bestyrelsen har vedtaget på et møde, og som nævner budgettets nuværende version ({version}).',
    en: 'The budget is approved by a resolution the board adopted at a meeting, naming the budget’s current version ({version}).',
  },
  noApproval: { da: 'Der er ingen vedtaget beslutning, der godkender version {version}. Foreslå den på et møde.', en: 'No adopted resolution approves version {version}. Propose one at a meeting.' },
  toMeetings: { da: 'Gå til møderne', en: 'Go to the meetings' },
  resolution: { da: 'Hvilken beslutning?', en: 'Which resolution?' },
  resolutionBad: { da: 'Vælg en vedtaget beslutning', en: 'Choose an adopted resolution' },
  approveButton: { da: 'Godkend budgettet', en: 'Approve the budget' },
  approved: { da: 'Budgettet er godkendt.', en: 'The budget is approved.' },
  submitHeading: { da: 'Send budgettet til Finansloven', en: 'Submit the budget for the Finance Act' },
  submitText: { da: 'Det godkendte budget sendes til Finansloven sammen med alle andre centres budgetter.', en: 'The approved budget goes to the Finance Act together with every other centre’s budget.' },
  submitButton: { da: 'Send til Finansloven', en: 'Submit for the Finance Act' },
  submitted: { da: 'Budgettet er sendt til Finansloven.', en: 'The budget is submitted for the Finance Act.' },
  waiting: { da: 'Budgettet venter på Finansloven. En administrator registrerer, hvad Folketinget bevilgede.', en: 'The budget is waiting for the Finance Act. An administrator records what Folketinget enacted.' },
  spendingHeading: { da: 'Bogfør et bilag', en: 'Record an entry' },
  spendingText: {
    da: 'Et bilag er penge brugt på en udgiftslinje eller modtaget på en indtægtslinje. Et bogført bilag ændres ikke: en fejl rettes med en rettelse af bilaget på linjens side.',
    en: 'An entry is money spent on an expenditure line or received on a revenue line. A recorded entry does not change: a mistake is corrected on the line’s page.',
  },
  spendingLine: { da: 'Hvilken linje?', en: 'Which line?' },
  spendingLineBad: { da: 'Vælg en af budgettets linjer', en: 'Choose one of the budget’s lines' },
  spendingAmount: { da: 'Beløb', en: 'Amount' },
  spendingAmountHint: { da: 'I kroner og over 0, fx 42.500,00', en: 'In kroner and above 0, for example 42,500.00' },
  spendingAmountBad: { da: 'Skriv et beløb i kroner over 0, fx 42.500,00', en: 'Type an amount in kroner above 0, for example 42,500.00' },
  spendingOn: { da: 'Bilagsdato', en: 'Voucher date' },
  spendingOnHint: { da: 'En dag i {year}, ikke efter i dag, fx 31-01-{year}', en: 'A day in {year}, not after today, for example 31-01-{year}' },
  spendingOnBad: { da: 'Skriv en dag i {year}, fx 31-01-{year}', en: 'Type a day in {year}, for example 31-01-{year}' },
  spendingOnFuture: { da: 'Bilagsdatoen kan ikke ligge efter i dag, {today}', en: 'The voucher date cannot be after today, {today}' },
  voucher: { da: 'Bilagsnummer', en: 'Voucher number' },
  voucherHint: { da: 'Bogstaver, tal, mellemrum og . / _ -, højst {max} tegn, fx 2027-0001', en: 'Letters, digits, spaces and . / _ -, at most {max} characters, for example 2027-0001' },
  voucherBad: { da: 'Skriv bilagsnummeret, fx 2027-0001', en: 'Type the voucher number, for example 2027-0001' },
  voucherTooLong: { da: 'Bilagsnummeret kan højst være {max} tegn', en: 'The voucher number can be at most {max} characters' },
  entryText: { da: 'Bilagstekst', en: 'Voucher text' },
  entryTextHint: {
    da: 'Hvad pengene gik til eller kom fra, fx Løn januar. Kun bestyrelsen og centrets medarbejdere ser bilagsnummer og tekst.',
    en: 'What the money was for or came from, for example Salaries January. Only the board and the centre’s staff see the voucher’s number and text.',
  },
  entryTextBad: { da: 'Skriv bilagsteksten', en: 'Type the voucher text' },
  entryTextTooLong: { da: 'Bilagsteksten kan højst være {max} tegn', en: 'The voucher text can be at most {max} characters' },
  reason: { da: 'Begrundelse for merforbrug', en: 'Reason for overspending' },
  reasonHint: {
    da: 'Kun når bilaget bringer en udgiftslinje ud over bevillingen: skriv så, hvorfor. Begrundelsen er offentlig sammen med budgettet.',
    en: 'Only when the entry takes an expenditure line beyond its appropriation: then say why. The reason is public with the budget.',
  },
  reasonTooLong: { da: 'Begrundelsen kan højst være {max} tegn', en: 'The reason can be at most {max} characters' },
  spendingButton: { da: 'Bogfør bilaget', en: 'Record the entry' },
  spent: { da: 'Bilaget er bogført.', en: 'The entry is recorded.' },
  spentLabel: { da: 'Forbrug', en: 'Spent' },
  receivedLabel: { da: 'Modtaget', en: 'Received' },
  remainingLabel: { da: 'Rest', en: 'Remaining' },
  overspentLabel: { da: 'Merforbrug', en: 'Overspent' },
  enactedFor: { da: 'Bevilget {year}', en: 'Enacted {year}' },
  entries: { da: 'Bilag', en: 'Entries' },
  correctSummary: { da: 'Ret bilag {voucher} ({day}, {amount})', en: 'Correct entry {voucher} ({day}, {amount})' },
  correctSummaryBare: { da: 'Ret bilaget fra {day} ({amount})', en: 'Correct the entry of {day} ({amount})' },
  correctText: {
    da: 'En rettelse tilbagefører hele eller en del af det, der er tilbage af bilaget ({left}), på sit eget bilag. Bilaget selv ændres ikke.',
    en: 'A correction reverses all or part of what is left of the entry ({left}), on a voucher of its own. The entry itself does not change.',
  },
  correctionAmount: { da: 'Beløb, der tilbageføres', en: 'Amount to reverse' },
  correctionAmountHint: { da: 'I kroner, over 0 og højst {left}', en: 'In kroner, above 0 and at most {left}' },
  correctionAmountBad: { da: 'Skriv et beløb i kroner over 0 og højst {left}', en: 'Type an amount in kroner above 0 and at most {left}' },
  correctionEntryBad: { da: 'Vælg et af linjens bilag, der har noget tilbage at rette', en: 'Choose one of the line’s entries with something left to correct' },
  correctionBeforeEntry: { da: 'En rettelse kan ikke dateres før bilaget, den retter: {day}', en: 'A correction cannot be dated before the entry it corrects: {day}' },
  correctButton: { da: 'Bogfør rettelsen', en: 'Record the correction' },
  corrected: { da: 'Rettelsen er bogført.', en: 'The correction is recorded.' },
  voucherDetail: { da: 'Bilag {voucher}: {text}', en: 'Voucher {voucher}: {text}' },
  reasonDetail: { da: 'Begrundelse for merforbrug: {reason}', en: 'Reason for overspending: {reason}' },
  correctsDetail: { da: 'Retter bilag {voucher}', en: 'Corrects entry {voucher}' },
  expenditureYear: { da: 'Udgifter {year}', en: 'Expenditure {year}' },
  revenueYear: { da: 'Indtægter {year}', en: 'Revenue {year}' },
  netYear: { da: 'Netto {year}', en: 'Net {year}' },
  spentExpenditure: { da: 'Forbrug på udgifter', en: 'Spent on expenditure' },
  spentRevenue: { da: 'Modtaget på indtægter', en: 'Received on revenue' },
  spentNet: { da: 'Netto forbrug', en: 'Net spent' },
  reallocationHeading: { da: 'Flyt penge mellem linjer', en: 'Move money between lines' },
  reallocationText: { da: 'Penge flyttes, som en vedtaget beslutning siger det.', en: 'Money is moved as an adopted resolution says.' },
  noReallocation: { da: 'Der er ingen vedtaget beslutning om at flytte penge i budgettet, som ikke er brugt.', en: 'There is no adopted resolution to move money in this budget that has not been used.' },
  reallocateButton: { da: 'Flyt pengene', en: 'Move the money' },
  reallocated: { da: 'Pengene er flyttet.', en: 'The money is moved.' },
  supplementHeading: { da: 'Giv en tillægsbevilling', en: 'Grant a supplementary appropriation' },
  supplementText: { da: 'En tillægsbevilling giver en linje flere penge, som en vedtaget beslutning siger det.', en: 'A supplementary appropriation gives a line more money, as an adopted resolution says.' },
  noSupplement: { da: 'Der er ingen vedtaget beslutning om en tillægsbevilling i budgettet, som ikke er brugt.', en: 'There is no adopted resolution for a supplementary appropriation in this budget that has not been used.' },
  supplementResolution: { da: 'Hvilken beslutning om tillægsbevilling?', en: 'Which resolution for a supplementary appropriation?' },
  carryResolution: { da: 'Hvilken beslutning om overførsel?', en: 'Which resolution to carry over?' },
  closingResolution: { da: 'Hvilken beslutning om at afslutte regnskabet?', en: 'Which resolution to close the accounts?' },
  supplementButton: { da: 'Giv tillægsbevillingen', en: 'Grant the appropriation' },
  supplemented: { da: 'Tillægsbevillingen er givet.', en: 'The supplementary appropriation is granted.' },
  carryHeading: { da: 'Overfør uforbrugte midler fra sidste år', en: 'Carry unspent money over from last year' },
  carryText: {
    da: 'Penge, som en udgiftslinje i sidste års afsluttede regnskab ikke brugte, overføres til en linje i årets budget, som en vedtaget beslutning siger det. Der overføres aldrig mere, end linjen efterlod.',
    en: 'Money an expenditure line of last year’s closed accounts did not spend is carried over to a line of this year’s budget, as an adopted resolution says. Never more is carried over than the line left.',
  },
  noCarry: { da: 'Der er ingen vedtaget beslutning om at overføre midler til budgettet, som ikke er brugt.', en: 'There is no adopted resolution to carry money over into this budget that has not been used.' },
  carryButton: { da: 'Overfør pengene', en: 'Carry the money over' },
  carriedOver: { da: 'Pengene er overført fra sidste år.', en: 'The money is carried over from last year.' },
  closingHeading: { da: 'Afslut regnskabet', en: 'Close the accounts' },
  closingText: {
    da: 'Når finansåret er slut, afsluttes regnskabet ved en beslutning, som bestyrelsen har vedtaget. Så ligger hver linjes forbrug fast, og der bogføres, flyttes og bevilges ikke mere på budgettet. Regnskabet står i Finanslovens kolonne R for {r}.',
    en: 'Once the fiscal year is over, the accounts are closed by a resolution the board adopted. Then what each line spent is fixed, and nothing more is booked, moved or appropriated on the budget. The accounts are column R of the Finance Act for {r}.',
  },
  closingNotYet: { da: 'Regnskabet for {year} kan afsluttes, når året er slut: fra 1. januar {next}.', en: 'The accounts of {year} can be closed once the year is over: from 1 January {next}.' },
  noClosing: { da: 'Der er ingen vedtaget beslutning om at afslutte regnskabet, som ikke er brugt.', en: 'There is no adopted resolution to close the accounts that has not been used.' },
  closingButton: { da: 'Afslut regnskabet', en: 'Close the accounts' },
  closedOk: { da: 'Regnskabet er afsluttet.', en: 'The accounts are closed.' },
  closedText: {
    da: 'Regnskabet for {year} er afsluttet. Der bogføres, flyttes og bevilges ikke mere på budgettet.',
    en: 'The accounts of {year} are closed. Nothing more is booked, moved or appropriated on the budget.',
  },
  closedBy: { da: 'Regnskab afsluttet ved beslutning', en: 'Accounts closed by resolution' },
  closedByText: { da: '{title}, {when}', en: '{title}, {when}' },
  supplementsLabel: { da: 'Tillægsbevillinger', en: 'Supplementary appropriations' },
  carriedInLabel: { da: 'Overført fra sidste år', en: 'Carried over from last year' },
  adjustmentItem: { da: '{amount} til {line}', en: '{amount} to {line}' },
  splitHeading: { da: 'Fordel bevillingen på måneder', en: 'Split the appropriation over the months' },
  splitText: { da: 'Med en fordeling på måneder kan forbruget følges måned for måned mod budgettet.', en: 'With a split over the months, spending can be followed month by month against the budget.' },
  splitLegend: { da: 'Beløb pr. måned', en: 'Amount a month' },
  splitHint: {
    da: 'I kroner, januar først. De tolv beløb skal tilsammen give linjens bevilling for {year}: {appropriation}.',
    en: 'In kroner, January first. The twelve amounts must add up to the line’s appropriation for {year}: {appropriation}.',
  },
  monthBad: { da: 'Skriv beløbet for {month} i kroner, 0 eller mere, fx 10.000,00', en: 'Type the amount for {month} in kroner, 0 or more, for example 10,000.00' },
  splitButton: { da: 'Gem fordelingen', en: 'Save the split' },
  split: { da: 'Fordelingen på måneder er gemt.', en: 'The split over the months is saved.' },
  monthlyHeading: { da: 'Måned for måned', en: 'Month by month' },
  financeAct: { da: 'Finanslovens kolonner', en: 'The Finance Act’s columns' },
  faDraft: { da: 'Dette budget står med, som det er nu, også som udkast.', en: 'This budget is included as it is now, also as a draft.' },
  chart: { da: 'Graf', en: 'Chart' },
  export: { da: 'Hent budgettet', en: 'Download the budget' },
  replay: { da: 'Se budgettet, som det stod på et tidspunkt', en: 'See the budget as it stood at a moment' },
  moment: { da: 'Tidspunkt', en: 'Moment' },
  momentHint: { da: 'Dato og klokkeslæt, dansk tid, med sekunder hvis du vil, fx 5-1-2027 10.00.05', en: 'Date and time, Danish time, with seconds if you like, for example 5-1-2027 10:00:05' },
  momentBad: { da: 'Skriv et tidspunkt, fx 5-1-2027 10.00', en: 'Type a moment, for example 5-1-2027 10:00' },
  replayButton: { da: 'Vis budgettet', en: 'Show the budget' },
  compare: { da: 'Sammenlign to tidspunkter', en: 'Compare two moments' },
  from: { da: 'Fra', en: 'From' },
  to: { da: 'Til', en: 'To' },
  compareButton: { da: 'Sammenlign', en: 'Compare' },
  historyHeading: { da: 'Alt, der er sket med budgettet', en: 'Everything that happened to the budget' },
  historySummary: { da: 'Se hver ændring, og budgettet som det stod lige efter', en: 'See each change, and the budget as it stood just after' },
  historyCaption: { da: 'Budgettets historik', en: 'The budget’s history' },
  when: { da: 'Hvornår', en: 'When' },
  what: { da: 'Hvad', en: 'What' },
  who: { da: 'Hvem', en: 'Who' },
  asItStood: { da: 'Se budgettet som det stod', en: 'See the budget as it stood' },
  asOfTitle: { da: 'Budgettet, som det stod', en: 'The budget as it stood' },
  asOfLead: { da: '{budget}, som det stod {when}.', en: '{budget} as it stood {when}.' },
  notYet: { da: 'Budgettet fandtes ikke endnu på det tidspunkt.', en: 'The budget did not exist yet at that moment.' },
  compareTitle: { da: 'Sammenlign budgettet på to tidspunkter', en: 'Compare the budget at two moments' },
  compareLead: { da: '{budget}: fra {from} til {to}.', en: '{budget}: from {from} to {to}.' },
  before: { da: 'Før', en: 'Before' },
  after: { da: 'Efter', en: 'After' },
  nothingThen: { da: 'fandtes ikke', en: 'did not exist' },
  added: { da: 'Nye linjer', en: 'Lines added' },
  removed: { da: 'Fjernede eller tilbagetrukne linjer', en: 'Lines removed or withdrawn' },
  changedLines: { da: 'Ændrede linjer', en: 'Lines changed' },
  noChange: { da: 'Ingen', en: 'None' },
  field: { da: 'Hvad ændrede sig', en: 'What changed' },
  totals: { da: 'I alt', en: 'Totals' },
  compareChart: { da: '{budget}: {year} før og efter', en: '{budget}: {year} before and after' },
  compareChartDesc: { da: 'Søjlediagram med to søjler for hver linje: beløbet for {year} før og efter.', en: 'Bar chart with two bars for each line: the amount for {year} before and after.' },
  lineTitle: { da: 'Budgetlinje: {line}', en: 'Budget line: {line}' },
  lineWithdrawn: { da: 'Linjen er trukket tilbage.', en: 'The line is withdrawn.' },
  lineStory: { da: 'Linjens historik', en: 'The line’s story' },
  lineStoryCaption: { da: 'Hvad der er sket med linjen', en: 'What happened to the line' },
  detail: { da: 'Detaljer', en: 'Details' },
  amendHeading: { da: 'Ændr linjen', en: 'Amend the line' },
  amendButton: { da: 'Gem ændringen', en: 'Save the change' },
  amended: { da: 'Linjen er ændret. Budgettet har fået en ny version.', en: 'The line is amended. The budget has a new version.' },
  withdrawHeading: { da: 'Træk linjen tilbage', en: 'Withdraw the line' },
  withdrawText: { da: 'Linjen forsvinder fra udkastet; dens historik bliver stående.', en: 'The line leaves the draft; its story stays.' },
  withdrawButton: { da: 'Træk linjen tilbage', en: 'Withdraw the line' },
  withdrawn: { da: 'Linjen er trukket tilbage.', en: 'The line is withdrawn.' },
  resolutionTitle: { da: 'Beslutning: {title}', en: 'Resolution: {title}' },
  movedAmount: { da: '{amount}', en: '{amount}' },
  spentOn: { da: '{amount} den {day}', en: '{amount} on {day}' },
  enactHeading: { da: 'Budgetter sendt til Finansloven', en: 'Budgets submitted for the Finance Act' },
  enactNone: { da: 'Ingen budgetter venter på Finansloven.', en: 'No budgets are waiting for the Finance Act.' },
  enactTitle: { da: 'Registrér Finanslovens bevilling', en: 'Record the Finance Act’s appropriation' },
  enactText: { da: 'Skriv det beløb, Folketinget bevilgede, for hver linje og hvert år. Står beløbet som godkendt, er det bevilget som godkendt.', en: 'Type the amount Folketinget enacted for each line and year. An amount left as approved is enacted as approved.' },
  enactButton: { da: 'Registrér bevillingen', en: 'Record the appropriation' },
  enacted: { da: 'Bevillingen er registreret.', en: 'The appropriation is recorded.' },
  centre: { da: 'Center', en: 'Centre' },
} satisfies Record<string, Message>;

const EVENT_LABELS: Record<BudgetEvent['type'], Message> = {
  BudgetDrafted: { da: 'Udkastet blev lavet', en: 'The draft was made' },
  BudgetLineProposed: { da: 'En linje blev foreslået', en: 'A line was proposed' },
  BudgetLineAmended: { da: 'En linje blev ændret', en: 'A line was amended' },
  BudgetLineWithdrawn: { da: 'En linje blev trukket tilbage', en: 'A line was withdrawn' },
  BudgetApproved: { da: 'Budgettet blev godkendt', en: 'The budget was approved' },
  BudgetSubmitted: { da: 'Budgettet blev sendt til Finansloven', en: 'The budget was submitted for the Finance Act' },
  BudgetEnacted: { da: 'Finansloven bevilgede budgettet', en: 'The Finance Act enacted the budget' },
  SpendingRecorded: { da: 'Et bilag blev bogført', en: 'An entry was recorded' },
  SpendingCorrected: { da: 'Et bilag blev rettet', en: 'An entry was corrected' },
  BudgetSupplemented: { da: 'En linje fik en tillægsbevilling', en: 'A line was given a supplementary appropriation' },
  AccountsClosed: { da: 'Regnskabet blev afsluttet', en: 'The accounts were closed' },
  MonthlySplitSet: { da: 'En linje blev fordelt på måneder', en: 'A line was split over the months' },
  BudgetCarriedOver: { da: 'Uforbrugte midler blev overført fra sidste år', en: 'Unspent money was carried over from last year' },
  BudgetReallocated: { da: 'Penge blev flyttet mellem linjer', en: 'Money was moved between lines' },
};

/** The budgets' own refusals, by the decider's code. */
const BUDGET_REFUSALS: Record<string, Message> = {
  overspending_needs_reason: {
    da: 'Bilaget bringer linjen ud over bevillingen. Skriv en begrundelse for merforbruget. Intet er registreret.',
    en: 'The entry takes the line beyond its appropriation. Write a reason for the overspending. Nothing was recorded.',
  },
  correction_exceeds_entry: {
    da: 'En rettelse kan højst tilbageføre det, der er tilbage af bilaget: {left}. Intet er registreret.',
    en: 'A correction can reverse at most what is left of the entry: {left}. Nothing was recorded.',
  },
  entry_not_found: { da: 'Bilaget findes ikke i budgettet.', en: 'The entry does not exist in the budget.' },
  split_does_not_add_up: {
    da: 'De tolv måneder giver tilsammen {total}, men linjens bevilling er {appropriation}. Ret beløbene, så de giver bevillingen. Intet er registreret.',
    en: 'The twelve months add up to {total}, but the line’s appropriation is {appropriation}. Change the amounts so they add up to the appropriation. Nothing was recorded.',
  },
  more_than_unspent: {
    da: 'Linjen efterlod {unspent} uforbrugt, og {carried} af det er allerede overført. Beslutningen overfører mere end det, der er tilbage. Intet er registreret.',
    en: 'The line left {unspent} unspent, of which {carried} is carried over already. The resolution carries over more than is left. Nothing was recorded.',
  },
};
/** What a value the decider refused says, by the decider's name for the field. */
const INVALID_AT: Record<string, Message> = {
  nature: T.natureBad,
  amountOre: T.spendingAmountBad,
  on: { da: 'Skriv en dag i finansåret, der ikke ligger efter i dag', en: 'Type a day in the fiscal year that is not after today' },
  voucher: {
    da: 'Bilagsnummeret kan kun have bogstaver, tal, mellemrum og . / _ - og skal begynde med et bogstav eller et tal',
    en: 'The voucher number can only hold letters, digits, spaces and . / _ - and must begin with a letter or a digit',
  },
  text: T.entryTextBad,
  overspendReason: {
    da: 'Skriv kun en begrundelse, når bilaget bringer en udgiftslinje ud over bevillingen. Intet er registreret.',
    en: 'Write a reason only when the entry takes an expenditure line beyond its appropriation. Nothing was recorded.',
  },
  description: T.descriptionBad,
  months: { da: 'Skriv et beløb i kroner for hver af de tolv måneder', en: 'Type an amount in kroner for each of the twelve months' },
};

/**
 * A refusal on a budget form, linked to the form field the decider names (an invalid value's
 * field, or a rule's `details.field`, as `fieldFor` calls it on the form), else to `fallbackField`;
 * in the budgets' own words where they have them, else in the board's.
 */
export function budgetRefusal(lang: Lang, error: DomainError, fallbackField: string, fieldFor: (deciderField: string) => string | undefined = () => undefined): FieldError {
  const named = typeof error.details.field === 'string' ? error.details.field : undefined;
  const field = (named === undefined ? undefined : fieldFor(named)) ?? fallbackField;
  const year = named?.startsWith('amounts.') ? named.slice('amounts.'.length) : undefined;
  const month = named?.startsWith('months.') ? Number(named.slice('months.'.length)) : undefined;
  const own =
    error instanceof InvalidValue
      ? year !== undefined
        ? T.amountBad
        : month !== undefined && MONTH_LABELS[month]
          ? T.monthBad
          : named !== undefined && Object.hasOwn(INVALID_AT, named)
            ? INVALID_AT[named]
            : undefined
      : Object.hasOwn(BUDGET_REFUSALS, error.code)
        ? BUDGET_REFUSALS[error.code]
        : undefined;
  if (!own) return refusalOf(lang, error, field, BOARD_REFUSALS);
  // The amounts a refusal names (øre, `…Ore` in its details), in kroner.
  const kroner = (key: string) => {
    const ore = error.details[key];
    return typeof ore === 'number' ? formatKroner(lang, ore) : '';
  };
  return {
    field,
    message: say(lang, own, {
      year: year ?? '',
      month: month !== undefined && MONTH_LABELS[month] ? say(lang, MONTH_LABELS[month]).toLowerCase() : '',
      left: kroner('remainingOre'),
      total: kroner('totalOre'),
      appropriation: kroner('appropriationOre'),
      unspent: kroner('unspentOre'),
      carried: kroner('carriedOre'),
    }),
  };
}

export const BUDGET_OK = {
  drafted: T.drafted,
  line: T.lineProposed,
  amended: T.amended,
  withdrawn: T.withdrawn,
  approved: T.approved,
  submitted: T.submitted,
  spent: T.spent,
  corrected: T.corrected,
  reallocated: T.reallocated,
  supplemented: T.supplemented,
  carriedOver: T.carriedOver,
  closed: T.closedOk,
  split: T.split,
  enacted: T.enacted,
} satisfies Record<string, Message>;
export type BudgetOk = keyof typeof BUDGET_OK;
export const isBudgetOk = (value: unknown): value is BudgetOk => typeof value === 'string' && Object.hasOwn(BUDGET_OK, value);
const okAlert = (lang: Lang, ok: BudgetOk | undefined) => (ok ? alert('success', say(lang, BUDGET_OK[ok])) : null);

const NO_FORM: FormState = { values: {}, errors: [] };
const valueOf = (form: FormState, field: string) => {
  const v = form.values[field];
  return typeof v === 'string' ? v : undefined;
};
const errorProp = (form: FormState, field: string) => {
  const error = errorFor(form.errors, field);
  return error ? { error } : {};
};
const who = (lang: Lang, id: string | null, role: string) => {
  const known = ROLES.find((r) => r === role);
  const roleText = known ? say(lang, ROLE_LABELS[known]) : '–';
  return id ? `${id} (${roleText.toLowerCase()})` : roleText;
};

export const budgetHref = (budgetId: string) => `/bestyrelse/budgetter/${budgetId}`;

// ---- The list, and drafting ----

/** `today`: the day in Copenhagen (YYYY-MM-DD), for the example of a fiscal year. */
export function budgetsPage(context: PageContext, budgets: readonly BudgetSummary[], today: string, ok?: BudgetOk, form: FormState = NO_FORM): Html {
  const { lang } = context;
  const nextYear = Number(today.slice(0, 4)) + 1;
  const rows = budgets.map((b) => [
    { value: html`<a href="${budgetHref(b.budgetId)}">${budgetName(lang, b)}</a>`, header: true },
    { value: say(lang, BUDGET_STATUS_LABELS[b.status]) },
    { value: String(b.version), numeric: true },
    { value: formatMomentPrecise(lang, b.updatedAt) },
  ]);
  return page(context, {
    title: say(lang, T.budgets),
    back: '/bestyrelse',
    errors: form.errors,
    body: html`${okAlert(lang, ok)}
${rows.length === 0 ? html`<p>${say(lang, T.noBudgets)}</p>` : table(say(lang, T.budgetsCaption), [{ text: say(lang, T.budget) }, { text: say(lang, T.status) }, { text: say(lang, T.version), numeric: true }, { text: say(lang, T.changed) }], rows)}
<h2>${say(lang, T.draftHeading)}</h2>
<p>${say(lang, T.draftText)}</p>
${postForm(
  context,
  '/bestyrelse/budgetter',
  html`${codeInput({ lang, id: 'fiscalYear', label: say(lang, T.fiscalYear), hint: say(lang, T.fiscalYearHint, { year: nextYear }), value: valueOf(form, 'fiscalYear'), maxLength: 4, inputMode: 'numeric', ...errorProp(form, 'fiscalYear') })}
${radioGroup({
  lang,
  id: 'kind',
  legend: say(lang, T.kind),
  choices: (['annual', 'development'] as const).map((k) => ({ value: k, label: say(lang, BUDGET_KIND_LABELS[k]) })),
  checked: valueOf(form, 'kind') ?? 'annual',
  ...errorProp(form, 'kind'),
})}
${button(say(lang, T.draftButton), { id: 'draft-budget' })}`,
  { id: 'draft-form' },
)}`,
  });
}

export function readDraft(lang: Lang, fiscalYear: string | undefined, kind: string | undefined): Read<{ fiscalYear: number; kind: BudgetKind }> {
  const errors: FieldError[] = [];
  const year = Number((fiscalYear ?? '').trim());
  if (!/^\d{4}$/.test((fiscalYear ?? '').trim()) || year < FIRST_FISCAL_YEAR || year > LAST_FISCAL_YEAR) errors.push({ field: 'fiscalYear', message: say(lang, T.fiscalYearBad, { first: FIRST_FISCAL_YEAR, last: LAST_FISCAL_YEAR }) });
  const k = kind === 'annual' || kind === 'development' ? kind : null;
  if (!k) errors.push({ field: 'kind', message: say(lang, T.kindBad) });
  return errors.length > 0 || !k ? { ok: false, errors } : { ok: true, value: { fiscalYear: year, kind: k } };
}

// ---- One budget ----

export interface BudgetPageData {
  view: BudgetView;
  /** The Finance Act's columns for its fiscal year, this budget included as it stands. */
  financeAct: readonly FinanceActRow[];
  board: BoardView | null;
  history: readonly HistoryEvent[];
  /** The day in Copenhagen (YYYY-MM-DD): the default day of spending, within the fiscal year. */
  today: string;
}

/** The kinds of resolution a budget's page acts on. */
export type BudgetResolutionKind = 'budget_approval' | 'budget_reallocation' | 'budget_supplement' | 'budget_carry_over' | 'budget_closing';

/** Adopted resolutions of the board about this budget, not yet acted on. */
function resolutionChoices(data: Pick<BudgetPageData, 'view' | 'board'>, kind: BudgetResolutionKind) {
  const { view } = data;
  const used = new Set([
    ...(view.approval ? [view.approval.resolutionId] : []),
    ...view.reallocations.map((r) => r.resolutionId),
    ...view.supplements.map((r) => r.resolutionId),
    ...view.carriedIn.map((r) => r.resolutionId),
    ...(view.closing ? [view.closing.resolutionId] : []),
  ]);
  return (data.board?.resolutions ?? [])
    .filter((r) => r.status === 'adopted' && r.subject.kind === kind && r.subject.budgetId === data.view.budgetId && !used.has(r.resolutionId))
    .filter((r) => r.subject.kind !== 'budget_approval' || r.subject.version === data.view.version)
    .map((r) => ({ value: r.resolutionId, label: r.title }));
}

function amountFields(lang: Lang, years: readonly number[], form: FormState, amounts?: Readonly<Record<string, number>>): Html {
  return html`${years.map((year) =>
    kronerInput({
      lang,
      id: `amount-${year}`,
      label: say(lang, T.amountFor, { year }),
      hint: say(lang, T.amountHint),
      value: valueOf(form, `amount-${year}`) ?? (amounts?.[year] !== undefined ? kronerValue(lang, amounts[year]!) : undefined),
      ...errorProp(form, `amount-${year}`),
    }),
  )}`;
}

function draftForms(context: PageContext, data: BudgetPageData, form: FormState): Html {
  const { lang } = context;
  const { view } = data;
  const href = budgetHref(view.budgetId);
  const approvals = resolutionChoices(data, 'budget_approval');
  return html`<h2>${say(lang, T.proposeHeading)}</h2>
${postForm(
  context,
  `${href}/linjer`,
  html`${codeInput({ lang, id: 'financeAccount', label: say(lang, T.financeAccount), hint: say(lang, T.financeAccountHint), value: valueOf(form, 'financeAccount'), maxLength: 11, inputMode: 'numeric', ...errorProp(form, 'financeAccount') })}
${codeInput({ lang, id: 'standardAccount', label: say(lang, T.standardAccount), hint: say(lang, T.standardAccountHint), value: valueOf(form, 'standardAccount'), maxLength: 2, inputMode: 'numeric', ...errorProp(form, 'standardAccount') })}
${radioGroup({
  lang,
  id: 'nature',
  legend: say(lang, T.nature),
  hint: say(lang, T.natureHint),
  choices: LINE_NATURES.map((n) => ({ value: n, label: say(lang, NATURE_LABELS[n]) })),
  checked: valueOf(form, 'nature'),
  ...errorProp(form, 'nature'),
})}
${textInput({ lang, id: 'description', label: say(lang, T.description), value: valueOf(form, 'description'), maxLength: DESCRIPTION_MAX, ...errorProp(form, 'description') })}
${amountFields(lang, view.years, form)}
${button(say(lang, T.proposeButton), { id: 'propose-line' })}`,
  { id: 'propose-line-form' },
)}
<h2>${say(lang, T.approveHeading)}</h2>
<p>${say(lang, T.approveText, { version: view.version })}</p>
${
  approvals.length === 0
    ? html`<p id="resolutionId">${say(lang, T.noApproval, { version: view.version })} <a href="/bestyrelse/moeder">${say(lang, T.toMeetings)}</a></p>`
    : postForm(
        context,
        `${href}/godkendelse`,
        html`${select({ lang, id: 'resolutionId', label: say(lang, T.resolution), choices: approvals, selected: valueOf(form, 'resolutionId'), ...errorProp(form, 'resolutionId') })}
${button(say(lang, T.approveButton), { id: 'approve' })}`,
        { id: 'approve-form' },
      )
}`;
}

/** The fields an entry and a correction share: amount, voucher date (today by default, when in the fiscal year), voucher number and text. */
function entryFields(lang: Lang, form: FormState, names: { amount: string; on: string; voucher: string; text: string }, o: { year: number; today: string; amountLabel: string; amountHint: string }): Html {
  return html`${kronerInput({ lang, id: names.amount, label: o.amountLabel, hint: o.amountHint, value: valueOf(form, names.amount), ...errorProp(form, names.amount) })}
${dateInput({ lang, id: names.on, label: say(lang, T.spendingOn), hint: say(lang, T.spendingOnHint, { year: o.year }), value: valueOf(form, names.on) ?? (o.today.startsWith(String(o.year)) ? o.today : undefined), ...errorProp(form, names.on) })}
${codeInput({ lang, id: names.voucher, label: say(lang, T.voucher), hint: say(lang, T.voucherHint, { max: VOUCHER_MAX }), value: valueOf(form, names.voucher), maxLength: VOUCHER_MAX, ...errorProp(form, names.voucher) })}
${textInput({ lang, id: names.text, label: say(lang, T.entryText), hint: say(lang, T.entryTextHint), value: valueOf(form, names.text), maxLength: ENTRY_TEXT_MAX, ...errorProp(form, names.text) })}`;
}

function enactedForms(context: PageContext, data: BudgetPageData, form: FormState): Html {
  const { lang } = context;
  const { view } = data;
  const href = budgetHref(view.budgetId);
  const moves = resolutionChoices(data, 'budget_reallocation');
  const spending =
    view.kind === 'annual'
      ? html`<h2>${say(lang, T.spendingHeading)}</h2>
<p>${say(lang, T.spendingText)}</p>
${postForm(
  context,
  `${href}/forbrug`,
  html`${select({ lang, id: 'spending-line', label: say(lang, T.spendingLine), choices: view.lines.map((l) => ({ value: l.lineId, label: lineLabel(lang, l) })), selected: valueOf(form, 'spending-line'), ...errorProp(form, 'spending-line') })}
${entryFields(lang, form, { amount: 'spending-amount', on: 'spending-on', voucher: 'spending-voucher', text: 'spending-text' }, { year: view.fiscalYear, today: data.today, amountLabel: say(lang, T.spendingAmount), amountHint: say(lang, T.spendingAmountHint) })}
${textArea({ lang, id: 'spending-reason', label: say(lang, T.reason), hint: say(lang, T.reasonHint), value: valueOf(form, 'spending-reason'), required: false, maxLength: REASON_MAX, rows: 3, ...errorProp(form, 'spending-reason') })}
${button(say(lang, T.spendingButton), { id: 'record-spending' })}`,
  { id: 'spending-form' },
)}`
      : null;
  /** A form acting on an adopted resolution of one kind, or (none adopted) where to propose one: the field's id either way, for a refusal's link. */
  const actOn = (kind: BudgetResolutionKind, o: { field: string; path: string; label: Message; none: Message; button: Message; id: string }) => {
    const choices = resolutionChoices(data, kind);
    return choices.length === 0
      ? html`<p id="${o.field}">${say(lang, o.none)} <a href="/bestyrelse/moeder">${say(lang, T.toMeetings)}</a></p>`
      : postForm(
          context,
          `${href}/${o.path}`,
          html`${select({ lang, id: o.field, label: say(lang, o.label), choices, selected: valueOf(form, o.field), ...errorProp(form, o.field) })}
${button(say(lang, o.button), { id: o.id })}`,
          { id: `${o.id}-form` },
        );
  };
  const annual = view.kind === 'annual';
  // The accounts are closed once the year is over (in Copenhagen): before then, the page says when.
  const yearOver = data.today.slice(0, 4) > String(view.fiscalYear);
  const closing = annual
    ? html`<h2>${say(lang, T.closingHeading)}</h2>
<p>${say(lang, T.closingText, { r: view.fiscalYear + 2 })}</p>
${
  yearOver
    ? actOn('budget_closing', { field: 'closing-resolution', path: 'regnskab', label: T.closingResolution, none: T.noClosing, button: T.closingButton, id: 'close-accounts' })
    : html`<p id="closing-resolution">${say(lang, T.closingNotYet, { year: view.fiscalYear, next: view.fiscalYear + 1 })}</p>`
}`
    : null;
  return html`${spending}
<h2>${say(lang, T.reallocationHeading)}</h2>
<p>${say(lang, T.reallocationText)}</p>
${
  moves.length === 0
    ? html`<p id="reallocation-resolution">${say(lang, T.noReallocation)} <a href="/bestyrelse/moeder">${say(lang, T.toMeetings)}</a></p>`
    : postForm(
        context,
        `${href}/omplacering`,
        html`${select({ lang, id: 'reallocation-resolution', label: say(lang, T.resolution), choices: moves, selected: valueOf(form, 'reallocation-resolution'), ...errorProp(form, 'reallocation-resolution') })}
${button(say(lang, T.reallocateButton), { id: 'reallocate' })}`,
        { id: 'reallocate-form' },
      )
}
<h2>${say(lang, T.supplementHeading)}</h2>
<p>${say(lang, T.supplementText)}</p>
${actOn('budget_supplement', { field: 'supplement-resolution', path: 'tillaegsbevilling', label: T.supplementResolution, none: T.noSupplement, button: T.supplementButton, id: 'supplement' })}
${
  annual
    ? html`<h2>${say(lang, T.carryHeading)}</h2>
<p>${say(lang, T.carryText)}</p>
${actOn('budget_carry_over', { field: 'carry-over-resolution', path: 'overfoersel', label: T.carryResolution, none: T.noCarry, button: T.carryButton, id: 'carry-over' })}`
    : null
}
${closing}`;
}

/** The replay and comparison forms (GET: nothing is recorded), prefilled with the moments given. */
function replayForms(lang: Lang, budgetId: string, values: { at?: string; from?: string; to?: string }, errors: readonly FieldError[] = []): Html {
  const href = budgetHref(budgetId);
  return html`<h2>${say(lang, T.replay)}</h2>
${getForm(`${href}/tidspunkt`, html`${momentInput({ lang, id: 'tidspunkt', label: say(lang, T.moment), hint: say(lang, T.momentHint), value: values.at, error: errorFor(errors, 'tidspunkt') })}${button(say(lang, T.replayButton), { variant: 'secondary', id: 'replay' })}`, 'replay-form')}
<h2>${say(lang, T.compare)}</h2>
${getForm(
  `${href}/sammenlign`,
  html`${momentInput({ lang, id: 'fra', label: say(lang, T.from), hint: say(lang, T.momentHint), value: values.from, error: errorFor(errors, 'fra') })}
${momentInput({ lang, id: 'til', label: say(lang, T.to), hint: say(lang, T.momentHint), value: values.to, error: errorFor(errors, 'til') })}
${button(say(lang, T.compareButton), { variant: 'secondary', id: 'compare' })}`,
  'compare-form',
)}`;
}

function historyList(lang: Lang, budgetId: string, history: readonly HistoryEvent[]): Html {
  const href = budgetHref(budgetId);
  const rows = history.map((e) => [
    { value: formatMomentPrecise(lang, e.at), header: true },
    { value: say(lang, EVENT_LABELS[e.type]) },
    { value: who(lang, e.actorId, e.actorRole) },
    { value: html`<a href="${href}/tidspunkt?tidspunkt=${encodeURIComponent(localMomentValue(e.at))}">${say(lang, T.asItStood)}<span class="sr-only"> ${formatMomentPrecise(lang, e.at)}</span></a>` },
  ]);
  return html`<h2>${say(lang, T.historyHeading)}</h2>
<details class="details" id="budget-history">
<summary class="details-summary">${say(lang, T.historySummary)}</summary>
<div class="details-text">${table(say(lang, T.historyCaption), [{ text: say(lang, T.when) }, { text: say(lang, T.what) }, { text: say(lang, T.who) }, { text: say(lang, T.asItStood) }], rows)}</div>
</details>`;
}

function budgetSummary(lang: Lang, view: BudgetView, board: BoardView | null): Html {
  const approvedBy = view.approval ? board?.resolutions.find((r) => r.resolutionId === view.approval!.resolutionId) : undefined;
  return summaryList([
    { label: say(lang, T.status), value: say(lang, BUDGET_STATUS_LABELS[view.status]) },
    { label: say(lang, T.kindLabel), value: say(lang, BUDGET_KIND_LABELS[view.kind]) },
    { label: say(lang, T.years), value: view.years.join(', ') },
    { label: say(lang, T.version), value: String(view.version) },
    ...(view.approval
      ? [
          {
            label: say(lang, T.approvedBy),
            value: approvedBy
              ? html`<a href="/bestyrelse/moeder/${approvedBy.meetingId}">${say(lang, T.approvedText, { title: approvedBy.title, version: view.approval.version, when: formatMomentPrecise(lang, view.approval.at) })}</a>`
              : say(lang, T.approvedText, { title: '–', version: view.approval.version, when: formatMomentPrecise(lang, view.approval.at) }),
          },
        ]
      : []),
    ...(view.submittedAt ? [{ label: say(lang, T.submittedAt), value: formatMomentPrecise(lang, view.submittedAt) }] : []),
    ...(view.enactedAt ? [{ label: say(lang, T.enactedAt), value: formatMomentPrecise(lang, view.enactedAt) }] : []),
    ...adjustments(lang, T.supplementsLabel, view, view.supplements, board),
    ...adjustments(lang, T.carriedInLabel, view, view.carriedIn, board),
    ...(view.closing ? [{ label: say(lang, T.closedBy), value: resolutionLink(lang, board, view.closing.resolutionId, say(lang, T.closedByText, { title: titleOf(board, view.closing.resolutionId), when: formatMomentPrecise(lang, view.closing.at) })) }] : []),
  ]);
}

const titleOf = (board: BoardView | null, resolutionId: string) => board?.resolutions.find((r) => r.resolutionId === resolutionId)?.title ?? '–';

/** A text linked to the meeting where the resolution was adopted (plain, if the board does not have it). */
function resolutionLink(_lang: Lang, board: BoardView | null, resolutionId: string, text: string): Html {
  const resolution = board?.resolutions.find((r) => r.resolutionId === resolutionId);
  return resolution ? html`<a href="/bestyrelse/moeder/${resolution.meetingId}#resolution-${resolution.resolutionId}">${text}</a>` : html`${text}`;
}

/** Supplementary appropriations or carry-overs, one a line: the amount, the line, the resolution. None: no row. */
function adjustments(lang: Lang, label: Message, view: BudgetView, items: readonly { resolutionId: string; lineId: string; amountOre: number }[], board: BoardView | null) {
  if (items.length === 0) return [];
  const lineOf = (lineId: string) => {
    const line = view.lines.find((l) => l.lineId === lineId);
    return line ? lineName(line) : '–';
  };
  return [
    {
      label: say(lang, label),
      value: html`<ul class="mt-0 mb-0">${items.map(
        (i) => html`<li>${say(lang, T.adjustmentItem, { amount: formatKroner(lang, i.amountOre), line: lineOf(i.lineId) })}: ${resolutionLink(lang, board, i.resolutionId, titleOf(board, i.resolutionId))}</li>`,
      )}</ul>`,
    },
  ];
}

export function budgetPage(context: PageContext, data: BudgetPageData, ok?: BudgetOk, form: FormState = NO_FORM): Html {
  const { lang } = context;
  const { view } = data;
  const href = budgetHref(view.budgetId);
  const actions =
    view.status === 'draft'
      ? draftForms(context, data, form)
      : view.status === 'approved'
        ? html`<h2>${say(lang, T.submitHeading)}</h2><p>${say(lang, T.submitText)}</p>${postForm(context, `${href}/indsendelse`, button(say(lang, T.submitButton), { id: 'submit-budget' }), { id: 'submit-form' })}`
        : view.status === 'submitted'
          ? alert('info', say(lang, T.waiting))
          : view.status === 'closed'
            ? html`<div id="accounts-closed">${alert('info', say(lang, T.closedText, { year: view.fiscalYear }))}</div>`
            : enactedForms(context, data, form);
  return page(context, {
    title: budgetName(lang, view),
    back: '/bestyrelse/budgetter',
    errors: form.errors,
    body: html`${okAlert(lang, ok)}
${budgetSummary(lang, view, data.board)}
<h2>${say(lang, T.lines)}</h2>
${linesTable(lang, view, (l) => `${href}/linjer/${l.lineId}`)}
${accountsHint(lang, view)}
${actions}
<h2>${say(lang, T.financeAct)}</h2>
${view.status === 'draft' ? html`<p>${say(lang, T.faDraft)}</p>` : null}
${financeActTable(lang, data.financeAct, view.fiscalYear)}
${financeActChart(lang, data.financeAct, view.fiscalYear, 'finance-act-chart')}
<h2>${say(lang, T.chart)}</h2>
${budgetChart(lang, view, 'budget-chart')}
<h2>${say(lang, T.export)}</h2>
${csvLinks(lang, (numbers) => `${href}/budget.csv?tal=${numbers}`)}
${replayForms(lang, view.budgetId, {})}
${historyList(lang, view.budgetId, data.history)}`,
  });
}

// ---- As of a moment, and two moments compared ----

export function asOfPage(context: PageContext, summary: BudgetSummary, typed: string, at: Date | null, view: BudgetView | null, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const href = budgetHref(summary.budgetId);
  const name = budgetName(lang, view ?? summary);
  const result = !at
    ? null
    : !view
      ? alert('info', say(lang, T.notYet))
      : html`<p class="font-lead" id="as-of-lead">${say(lang, T.asOfLead, { budget: name, when: formatMomentPrecise(lang, at) })}</p>
${summaryList([
  { label: say(lang, T.status), value: say(lang, BUDGET_STATUS_LABELS[view.status]) },
  { label: say(lang, T.version), value: String(view.version) },
])}
<h2>${say(lang, T.lines)}</h2>
${linesTable(lang, view)}
<h2>${say(lang, T.chart)}</h2>
${budgetChart(lang, view, 'as-of-chart')}
<h2>${say(lang, T.export)}</h2>
${csvLinks(lang, (numbers) => `${href}/budget.csv?tal=${numbers}&tidspunkt=${encodeURIComponent(typed)}`)}`;
  return page(context, {
    title: say(lang, T.asOfTitle),
    back: href,
    errors,
    body: html`${result}${replayForms(lang, summary.budgetId, { at: typed }, errors)}`,
  });
}

export interface Comparison {
  from: Date;
  to: Date;
  before: BudgetView | null;
  after: BudgetView | null;
  added: LineView[];
  removed: LineView[];
  changed: LineChange[];
}

export function comparePage(context: PageContext, summary: BudgetSummary, typed: { from: string; to: string }, comparison: Comparison | null, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const href = budgetHref(summary.budgetId);
  const name = budgetName(lang, summary);
  const body = comparison ? compared(lang, name, summary, comparison) : null;
  return page(context, { title: say(lang, T.compareTitle), back: href, errors, body: html`${body}${replayForms(lang, summary.budgetId, { from: typed.from, to: typed.to }, errors)}` });
}

function compared(lang: Lang, name: string, summary: BudgetSummary, c: Comparison): Html {
  const years = c.after?.years ?? c.before?.years ?? [summary.fiscalYear];
  const money = (ore: number | undefined | null) => moneyCell(lang, ore);
  const state = (v: BudgetView | null) => (v ? `${say(lang, BUDGET_STATUS_LABELS[v.status])}, ${say(lang, T.version).toLowerCase()} ${v.version}` : say(lang, T.nothingThen));
  const head = [{ text: say(lang, T.what) }, { text: say(lang, T.before) }, { text: say(lang, T.after) }];
  // Expenditure and revenue apart, and net, for each year; then what was spent and received.
  const row = (label: string, of: (v: BudgetView) => number | undefined) => [{ value: label, header: true }, { value: money(c.before ? of(c.before) : null) }, { value: money(c.after ? of(c.after) : null) }];
  const overview = table(name, head, [
    [{ value: say(lang, T.status), header: true }, { value: state(c.before) }, { value: state(c.after) }],
    ...years.flatMap((y) => [
      row(say(lang, T.expenditureYear, { year: y }), (v) => v.totals.expenditure.amounts[y]),
      row(say(lang, T.revenueYear, { year: y }), (v) => v.totals.revenue.amounts[y]),
      row(say(lang, T.netYear, { year: y }), (v) => v.totals.net.amounts[y]),
    ]),
    row(say(lang, T.spentExpenditure), (v) => v.totals.expenditure.spentOre),
    row(say(lang, T.spentRevenue), (v) => v.totals.revenue.spentOre),
    row(say(lang, T.spentNet), (v) => v.totals.net.spentOre),
  ]);
  const lineList = (lines: readonly LineView[], caption: string) =>
    lines.length === 0
      ? html`<p>${say(lang, T.noChange)}</p>`
      : table(
          caption,
          [{ text: say(lang, T.financeAccount) }, { text: say(lang, T.natureLabel) }, { text: say(lang, T.description) }, ...years.map((y) => ({ text: say(lang, T.amountFor, { year: y }), numeric: true }))],
          lines.map((l) => [{ value: accountLabel(l.financeAccount), header: true }, { value: say(lang, NATURE_LABELS[l.nature]) }, { value: l.description }, ...years.map((y) => ({ value: money(l.amounts[y]), numeric: true }))]),
        );
  const changes = c.changed.flatMap((ch) => {
    const label = `${accountLabel(ch.financeAccount)} ${ch.description?.after ?? c.after?.lines.find((l) => l.lineId === ch.lineId)?.description ?? ''}`;
    const rows: { value: string; header?: boolean }[][] = [];
    if (ch.description) rows.push([{ value: label, header: true }, { value: say(lang, T.description) }, { value: ch.description.before }, { value: ch.description.after }]);
    if (ch.amounts) for (const y of years) if (ch.amounts.before[y] !== ch.amounts.after[y]) rows.push([{ value: label, header: true }, { value: say(lang, T.amountFor, { year: y }) }, { value: money(ch.amounts.before[y]) }, { value: money(ch.amounts.after[y]) }]);
    if (ch.enacted) for (const y of years) if (ch.enacted.before?.[y] !== ch.enacted.after?.[y]) rows.push([{ value: label, header: true }, { value: say(lang, T.enactedAt) + ` ${y}` }, { value: money(ch.enacted.before?.[y]) }, { value: money(ch.enacted.after?.[y]) }]);
    if (ch.spentOre) rows.push([{ value: label, header: true }, { value: say(lang, T.spentLabel) }, { value: money(ch.spentOre.before) }, { value: money(ch.spentOre.after) }]);
    return rows;
  });
  const allLines = [...new Map([...(c.before?.lines ?? []), ...(c.after?.lines ?? [])].map((l) => [l.lineId, l])).values()];
  const year = summary.fiscalYear;
  const chart = barChart({
    lang,
    id: 'compare-chart',
    title: say(lang, T.compareChart, { budget: name, year }),
    description: say(lang, T.compareChartDesc, { year }),
    categoryAxis: say(lang, T.lines),
    categories: allLines.map(lineName),
    series: [
      { label: `${say(lang, T.before)}: ${formatMomentPrecise(lang, c.from)}`, values: allLines.map((l) => c.before?.lines.find((b) => b.lineId === l.lineId)?.amounts[year] ?? null) },
      { label: `${say(lang, T.after)}: ${formatMomentPrecise(lang, c.to)}`, values: allLines.map((l) => c.after?.lines.find((a) => a.lineId === l.lineId)?.amounts[year] ?? null) },
    ],
  });
  return html`<p class="font-lead" id="compare-lead">${say(lang, T.compareLead, { budget: name, from: formatMomentPrecise(lang, c.from), to: formatMomentPrecise(lang, c.to) })}</p>
<h2>${say(lang, T.totals)}</h2>
${overview}
<h2>${say(lang, T.added)}</h2>
${lineList(c.added, say(lang, T.added))}
<h2>${say(lang, T.removed)}</h2>
${lineList(c.removed, say(lang, T.removed))}
<h2>${say(lang, T.changedLines)}</h2>
${changes.length === 0 ? html`<p>${say(lang, T.noChange)}</p>` : table(say(lang, T.changedLines), [{ text: say(lang, T.lines) }, { text: say(lang, T.field) }, { text: say(lang, T.before) }, { text: say(lang, T.after) }], changes)}
<h2>${say(lang, T.chart)}</h2>
${chart}`;
}

// ---- One line ----

export interface LinePageData {
  view: BudgetView;
  lineId: string;
  /** The line as it stands (undefined: withdrawn). */
  line: LineView | undefined;
  entries: readonly LineHistoryEntry[];
  resolutions: Readonly<Record<string, ResolutionSummary>>;
  /** The day in Copenhagen (YYYY-MM-DD): the default day of a correction, within the fiscal year. */
  today: string;
}

/** A line's figures once enacted: the fiscal year's appropriation, spent (or received), what is left, and for expenditure what went beyond. */
function lineFigures(lang: Lang, view: BudgetView, line: LineView) {
  if (line.enacted === null) return [];
  return [
    { label: say(lang, T.enactedFor, { year: view.fiscalYear }), value: formatKroner(lang, line.enacted[view.fiscalYear] ?? 0) },
    { label: say(lang, line.nature === 'expenditure' ? T.spentLabel : T.receivedLabel), value: formatKroner(lang, line.spentOre) },
    ...(line.remainingOre === null ? [] : [{ label: say(lang, T.remainingLabel), value: formatKroner(lang, line.remainingOre) }]),
    ...(line.nature === 'expenditure' ? [{ label: say(lang, T.overspentLabel), value: formatKroner(lang, line.overspentOre) }] : []),
  ];
}

/** A correction form for each of the line's entries with something left to correct, folded away unless it is the one just refused. */
function correctionForms(context: PageContext, data: LinePageData, line: LineView, form: FormState): Html {
  const { lang } = context;
  const { view } = data;
  const refusedFor = form.errors.length > 0 ? valueOf(form, CORRECTION_ENTRY_FIELD) : undefined;
  return html`${line.spending
    .filter((s) => leftOf(s) > 0)
    .map((s) => {
      const left = formatKroner(lang, leftOf(s));
      const facts = { day: formatDay(lang, s.on), amount: formatKroner(lang, s.amountOre) };
      const summary = s.voucher ? say(lang, T.correctSummary, { voucher: s.voucher, ...facts }) : say(lang, T.correctSummaryBare, facts);
      const names = { amount: correctionField('amount', s.spendingId), on: correctionField('on', s.spendingId), voucher: correctionField('voucher', s.spendingId), text: correctionField('text', s.spendingId) };
      return html`<details class="details" id="correct-${s.spendingId}"${attr('open', refusedFor === s.spendingId)}>
<summary class="details-summary">${summary}</summary>
<div class="details-text">
<p>${say(lang, T.correctText, { left })}</p>
${postForm(
  context,
  `${budgetHref(view.budgetId)}/linjer/${line.lineId}/rettelser`,
  html`${hidden(CORRECTION_ENTRY_FIELD, s.spendingId)}
${entryFields(lang, refusedFor === s.spendingId ? form : NO_FORM, names, { year: view.fiscalYear, today: data.today, amountLabel: say(lang, T.correctionAmount), amountHint: say(lang, T.correctionAmountHint, { left }) })}
${button(say(lang, T.correctButton), { variant: 'secondary', id: `correct-button-${s.spendingId}` })}`,
  { id: `correction-form-${s.spendingId}` },
)}
</div>
</details>`;
    })}`;
}

/** The monthly split's twelve fields, January first. */
export const MONTH_FIELDS: readonly string[] = MONTH_LABELS.map((_, i) => `month-${i + 1}`);
/** The monthly split's fieldset: where a refusal of the whole split (its sum) links. */
export const SPLIT_FIELD = 'monthly-split';

/** The form that splits an enacted line's appropriation over the twelve months: the split as it stands, or what was just typed. */
function splitForm(context: PageContext, view: BudgetView, line: LineView, form: FormState): Html {
  const { lang } = context;
  const appropriation = line.enacted?.[view.fiscalYear] ?? 0;
  const hint = say(lang, T.splitHint, { year: view.fiscalYear, appropriation: formatKroner(lang, appropriation) });
  const error = errorFor(form.errors, SPLIT_FIELD);
  const months = MONTH_LABELS.map((month, i) => {
    const id = MONTH_FIELDS[i]!;
    const current = line.monthly?.[i];
    return kronerInput({ lang, id, label: say(lang, month), value: valueOf(form, id) ?? (current === undefined ? undefined : kronerValue(lang, current)), ...errorProp(form, id) });
  });
  return html`<h3>${say(lang, T.splitHeading)}</h3>
<p>${say(lang, T.splitText)}</p>
${postForm(
  context,
  `${budgetHref(view.budgetId)}/linjer/${line.lineId}/maanedsfordeling`,
  html`<div class="form-group${error ? ' form-error' : ''}">
<fieldset id="${SPLIT_FIELD}" tabindex="-1" aria-labelledby="${SPLIT_FIELD}-legend" aria-describedby="${SPLIT_FIELD}-hint${error ? ` ${SPLIT_FIELD}-error` : ''}">
<legend class="form-label" id="${SPLIT_FIELD}-legend">${say(lang, T.splitLegend)}</legend>
<span class="form-hint" id="${SPLIT_FIELD}-hint">${hint}</span>
${errorOf(lang, SPLIT_FIELD, error)}
${months}
</fieldset>
</div>
${button(say(lang, T.splitButton), { id: 'save-split' })}`,
  { id: 'split-form' },
)}`;
}

/** A monthly split: twelve amounts in kroner, none below zero, January first (whether they add up is the decider's to say, with both sums). */
export function readMonthlySplit(lang: Lang, fields: (name: string) => string | undefined): Read<number[]> {
  const errors: FieldError[] = [];
  const months = MONTH_FIELDS.map((id, i) => {
    const ore = parseKroner(lang, fields(id));
    if (ore === null || ore < 0) errors.push({ field: id, message: say(lang, T.monthBad, { month: say(lang, MONTH_LABELS[i]!).toLowerCase() }) });
    return ore ?? 0;
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: months };
}

export function linePage(context: PageContext, data: LinePageData, ok?: BudgetOk, form: FormState = NO_FORM): Html {
  const { lang } = context;
  const { view, line, entries } = data;
  const href = budgetHref(view.budgetId);
  const first = entries[0];
  const description = line?.description ?? first?.description ?? '';
  const voucherOf = (spendingId: string | undefined) => line?.spending.find((s) => s.spendingId === spendingId)?.voucher ?? null;
  const detail = (e: LineHistoryEntry): Html => {
    const resolution = e.resolutionId ? data.resolutions[e.resolutionId] : undefined;
    const parts: Html[] = [];
    if (e.description && (e.what === 'proposed' || e.what === 'amended')) parts.push(html`${e.description}`);
    if (e.amounts) parts.push(html`${Object.entries(e.amounts).map(([y, ore], i) => html`${i > 0 ? ', ' : ''}${y}: ${formatKroner(lang, ore)}`)}`);
    if (e.what === 'corrected') {
      const corrected = voucherOf(e.spendingId);
      if (corrected) parts.push(html`${say(lang, T.correctsDetail, { voucher: corrected })}`);
    }
    if (e.amountOre !== undefined) parts.push(html`${e.on ? say(lang, T.spentOn, { amount: formatKroner(lang, e.amountOre), day: formatDay(lang, e.on) }) : formatKroner(lang, e.amountOre)}`);
    if (e.voucher) parts.push(html`${say(lang, T.voucherDetail, { voucher: e.voucher, text: e.text ?? '' })}`);
    if (e.overspendReason) parts.push(html`${say(lang, T.reasonDetail, { reason: e.overspendReason })}`);
    if (resolution) parts.push(html`<a href="/bestyrelse/moeder/${resolution.meetingId}">${say(lang, T.resolutionTitle, { title: resolution.title })}</a>`);
    return html`${parts.map((p, i) => html`${i > 0 ? html`<br>` : null}${p}`)}`;
  };
  const rows = entries.map((e) => [{ value: formatMomentPrecise(lang, e.at), header: true }, { value: say(lang, HISTORY_LABELS[e.what]) }, { value: who(lang, e.by.id, e.by.role) }, { value: detail(e) }]);
  const editable = view.status === 'draft' && line;
  const forms = editable
    ? html`<h2>${say(lang, T.amendHeading)}</h2>
${postForm(
  context,
  `${href}/linjer/${line.lineId}`,
  html`${textInput({ lang, id: 'description', label: say(lang, T.description), value: valueOf(form, 'description') ?? line.description, maxLength: DESCRIPTION_MAX, ...errorProp(form, 'description') })}
${amountFields(lang, view.years, form, line.amounts)}
${button(say(lang, T.amendButton), { id: 'amend-line' })}`,
  { id: 'amend-form' },
)}
<h2>${say(lang, T.withdrawHeading)}</h2>
<p>${say(lang, T.withdrawText)}</p>
${postForm(context, `${href}/linjer/${line.lineId}/tilbagetraekning`, button(say(lang, T.withdrawButton), { variant: 'secondary', id: 'withdraw-line' }), { id: 'withdraw-form' })}`
    : null;
  // Entries are booked on an enacted annual budget: its lines list them, each with a way to correct it
  // while the accounts are open; once closed, the entries stay listed, corrected no more.
  const booked = line && (view.status === 'enacted' || view.status === 'closed') && view.kind === 'annual' ? line : undefined;
  const entriesSection = booked
    ? html`<h2 id="${CORRECTION_ENTRY_FIELD}" tabindex="-1">${say(lang, T.entries)}</h2>
${entriesTable(lang, booked)}
${view.status === 'enacted' ? correctionForms(context, data, booked, form) : null}`
    : null;
  const monthly = booked
    ? html`<h2>${say(lang, T.monthlyHeading)}</h2>
${monthlyTable(lang, view, booked)}
${view.status === 'enacted' ? splitForm(context, view, booked, form) : null}`
    : null;
  return page(context, {
    title: say(lang, T.lineTitle, { line: line ? lineName(line) : description }),
    back: href,
    errors: form.errors,
    body: html`${okAlert(lang, ok)}
${line ? summaryList([
      { label: say(lang, T.financeAccount), value: accountLabel(line.financeAccount) },
      { label: say(lang, T.standardAccount), value: standardLabel(lang, line.standardAccount) },
      { label: say(lang, T.natureLabel), value: say(lang, NATURE_LABELS[line.nature]) },
      { label: say(lang, T.description), value: line.description },
      ...view.years.map((y) => ({ label: say(lang, T.amountFor, { year: y }), value: formatKroner(lang, line.amounts[y] ?? 0) })),
      ...lineFigures(lang, view, line),
    ]) : alert('info', say(lang, T.lineWithdrawn))}
${entriesSection}
${monthly}
<h2>${say(lang, T.lineStory)}</h2>
${table(say(lang, T.lineStoryCaption), [{ text: say(lang, T.when) }, { text: say(lang, T.what) }, { text: say(lang, T.who) }, { text: say(lang, T.detail) }], rows)}
${forms}`,
  });
}

// ---- Reading the budget forms ----

export interface LineInput {
  financeAccount: string;
  standardAccount: string;
  nature: LineNature;
  description: string;
  amounts: Record<string, number>;
}

/** An amount for each year: kroner, not negative (a line is expenditure or revenue; its amounts have no sign). */
function readAmounts(lang: Lang, fields: (name: string) => string | undefined, years: readonly number[], errors: FieldError[]): Record<string, number> {
  const amounts: Record<string, number> = {};
  for (const year of years) {
    const ore = readLineAmount(lang, fields(`amount-${year}`), `amount-${year}`, year, errors);
    if (ore !== null) amounts[year] = ore;
  }
  return amounts;
}

/** One year's amount of a line, in øre, or null with the error at `field`. */
function readLineAmount(lang: Lang, value: string | undefined, field: string, year: number, errors: FieldError[]): number | null {
  const ore = parseKroner(lang, value);
  if (ore === null) errors.push({ field, message: say(lang, T.amountBad, { year }) });
  else if (ore < 0) errors.push({ field, message: say(lang, T.amountNegative, { year }) });
  return ore === null || ore < 0 ? null : ore;
}

function readDescription(lang: Lang, value: string | undefined, errors: FieldError[]): string {
  const description = (value ?? '').trim();
  if (description.length === 0) errors.push({ field: 'description', message: say(lang, T.descriptionBad) });
  else if (description.length > DESCRIPTION_MAX) errors.push({ field: 'description', message: say(lang, T.descriptionTooLong, { max: DESCRIPTION_MAX }) });
  return description;
}

const isNature = (value: string | undefined): value is LineNature => LINE_NATURES.some((n) => n === value);

/** A new line: accounts (dots and spaces typed in them are left out), expenditure or revenue, text, an amount for each year. */
export function readLine(lang: Lang, fields: (name: string) => string | undefined, years: readonly number[]): Read<LineInput> {
  const errors: FieldError[] = [];
  const financeAccount = (fields('financeAccount') ?? '').replace(/[\s.-]/g, '');
  if (!/^\d{8}$/.test(financeAccount)) errors.push({ field: 'financeAccount', message: say(lang, T.financeAccountBad) });
  const standardAccount = (fields('standardAccount') ?? '').trim();
  if (!/^\d{2}$/.test(standardAccount)) errors.push({ field: 'standardAccount', message: say(lang, T.standardAccountBad) });
  const nature = fields('nature');
  if (!isNature(nature)) errors.push({ field: 'nature', message: say(lang, T.natureBad) });
  const description = readDescription(lang, fields('description'), errors);
  const amounts = readAmounts(lang, fields, years, errors);
  return errors.length > 0 || !isNature(nature) ? { ok: false, errors } : { ok: true, value: { financeAccount, standardAccount, nature, description, amounts } };
}

/** An amendment: the text and the amounts as they are to stand. */
export function readAmendment(lang: Lang, fields: (name: string) => string | undefined, years: readonly number[]): Read<{ description: string; amounts: Record<string, number> }> {
  const errors: FieldError[] = [];
  const description = readDescription(lang, fields('description'), errors);
  const amounts = readAmounts(lang, fields, years, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { description, amounts } };
}

/** A resolution chosen from a list: one of those offered. */
export function readResolution(lang: Lang, field: string, value: string | undefined, offered: readonly string[]): Read<string> {
  return value && offered.includes(value) ? { ok: true, value } : { ok: false, errors: [{ field, message: say(lang, T.resolutionBad) }] };
}

/** The adopted resolutions a form may name for this budget. */
export const offeredResolutions = (data: Pick<BudgetPageData, 'view' | 'board'>, kind: BudgetResolutionKind) => resolutionChoices(data, kind).map((c) => c.value);

/** What an entry and a correction both carry: an amount above zero, a day, the voucher's number and text. */
export interface EntryInput {
  amountOre: number;
  on: string;
  voucher: string;
  text: string;
}

/** Text as the decider keeps it: trimmed, runs of white space as one space. */
const tidy = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');

/**
 * An entry's amount, day, voucher number and text from the form's fields named by `names`: øre
 * above zero (and at most `maxOre`, with `tooMuch` saying so), a day of the fiscal year not after
 * `today`. The voucher's characters are the decider's to judge (its refusal comes back on the field).
 */
function readEntry(
  lang: Lang,
  fields: (name: string) => string | undefined,
  names: { amount: string; on: string; voucher: string; text: string },
  o: { year: number; today: string; maxOre?: number; amountBad: string },
  errors: FieldError[],
): EntryInput | null {
  const amountOre = parseKroner(lang, fields(names.amount));
  const amountOk = amountOre !== null && amountOre > 0 && (o.maxOre === undefined || amountOre <= o.maxOre);
  if (!amountOk) errors.push({ field: names.amount, message: o.amountBad });
  const on = parseDay(fields(names.on));
  if (!on || Number(on.slice(0, 4)) !== o.year) errors.push({ field: names.on, message: say(lang, T.spendingOnBad, { year: o.year }) });
  else if (on > o.today) errors.push({ field: names.on, message: say(lang, T.spendingOnFuture, { today: formatDay(lang, o.today) }) });
  const voucher = tidy(fields(names.voucher));
  if (voucher.length === 0) errors.push({ field: names.voucher, message: say(lang, T.voucherBad) });
  else if (voucher.length > VOUCHER_MAX) errors.push({ field: names.voucher, message: say(lang, T.voucherTooLong, { max: VOUCHER_MAX }) });
  const text = tidy(fields(names.text));
  if (text.length === 0) errors.push({ field: names.text, message: say(lang, T.entryTextBad) });
  else if (text.length > ENTRY_TEXT_MAX) errors.push({ field: names.text, message: say(lang, T.entryTextTooLong, { max: ENTRY_TEXT_MAX }) });
  return amountOk && on && errors.length === 0 ? { amountOre: amountOre!, on, voucher, text } : null;
}

export type SpendingInput = EntryInput & { lineId: string; overspendReason?: string };

/**
 * An entry: a line of the budget, an amount above zero, a day of its fiscal year not after
 * `today` (YYYY-MM-DD in Copenhagen), the voucher's number and text, and a reason for overspending
 * if one was written (whether it is needed is the decider's to say).
 */
export function readSpending(lang: Lang, fields: (name: string) => string | undefined, view: BudgetView, today: string): Read<SpendingInput> {
  const errors: FieldError[] = [];
  const lineId = fields('spending-line') ?? '';
  if (!view.lines.some((l) => l.lineId === lineId)) errors.push({ field: 'spending-line', message: say(lang, T.spendingLineBad) });
  const entry = readEntry(
    lang,
    fields,
    { amount: 'spending-amount', on: 'spending-on', voucher: 'spending-voucher', text: 'spending-text' },
    { year: view.fiscalYear, today, amountBad: say(lang, T.spendingAmountBad) },
    errors,
  );
  const reason = tidy(fields('spending-reason'));
  if (reason.length > REASON_MAX) errors.push({ field: 'spending-reason', message: say(lang, T.reasonTooLong, { max: REASON_MAX }) });
  if (errors.length > 0 || !entry) return { ok: false, errors };
  return { ok: true, value: { lineId, ...entry, ...(reason ? { overspendReason: reason } : {}) } };
}

/** What is left of an entry to correct, in øre. */
export const leftOf = (s: Pick<Spending, 'amountOre' | 'correctedOre'>) => s.amountOre - s.correctedOre;

/** The correction form's field for one entry: each entry on a line's page has its own form. */
export const correctionField = (part: 'amount' | 'on' | 'voucher' | 'text', spendingId: string) => `correction-${part}-${spendingId}`;
/** The hidden field naming the entry a correction is for; also the id of the entries' heading, where a refusal of it links. */
export const CORRECTION_ENTRY_FIELD = 'correction-spending';

/** The form fields the lines' correction forms may send (to show what was typed again). */
export const correctionFields = (lines: readonly LineView[]) => [
  CORRECTION_ENTRY_FIELD,
  ...lines.flatMap((l) => l.spending.flatMap((s) => (['amount', 'on', 'voucher', 'text'] as const).map((part) => correctionField(part, s.spendingId)))),
];

/**
 * A correction: one of the line's entries with something left (the hidden field), an amount above
 * zero and at most what is left, a day of the fiscal year not after `today`, its own voucher.
 */
export function readCorrection(lang: Lang, fields: (name: string) => string | undefined, view: BudgetView, line: LineView, today: string): Read<EntryInput & { spendingId: string }> {
  const spendingId = fields(CORRECTION_ENTRY_FIELD) ?? '';
  const entry = line.spending.find((s) => s.spendingId === spendingId && leftOf(s) > 0);
  if (!entry) return { ok: false, errors: [{ field: CORRECTION_ENTRY_FIELD, message: say(lang, T.correctionEntryBad) }] };
  const errors: FieldError[] = [];
  const left = leftOf(entry);
  const names = { amount: correctionField('amount', spendingId), on: correctionField('on', spendingId), voucher: correctionField('voucher', spendingId), text: correctionField('text', spendingId) };
  const read = readEntry(lang, fields, names, { year: view.fiscalYear, today, maxOre: left, amountBad: say(lang, T.correctionAmountBad, { left: formatKroner(lang, left) }) }, errors);
  // A correction follows its entry: not dated before it.
  if (read && read.on < entry.on) errors.push({ field: names.on, message: say(lang, T.correctionBeforeEntry, { day: formatDay(lang, entry.on) }) });
  return errors.length > 0 || !read ? { ok: false, errors } : { ok: true, value: { spendingId, ...read } };
}

export const momentMessage = (lang: Lang) => say(lang, T.momentBad);

// ---- The Finance Act's appropriation, recorded by an administrator ----

export function submittedPage(context: PageContext, budgets: readonly BudgetSummary[], centreNames: ReadonlyMap<string, string>, ok?: BudgetOk): Html {
  const { lang } = context;
  const rows = budgets.map((b) => [
    { value: html`<a href="/bestyrelse/finanslov/${b.budgetId}">${budgetName(lang, b)}</a>`, header: true },
    { value: centreNames.get(b.centreId) ?? '–' },
    { value: formatMomentPrecise(lang, b.updatedAt) },
  ]);
  return page(context, {
    title: say(lang, T.enactHeading),
    body: html`${okAlert(lang, ok)}${rows.length === 0 ? html`<p>${say(lang, T.enactNone)}</p>` : table(say(lang, T.enactHeading), [{ text: say(lang, T.budget) }, { text: say(lang, T.centre) }, { text: say(lang, T.submittedAt) }], rows)}`,
  });
}

export function enactPage(context: PageContext, view: BudgetView, centreName: string, form: FormState = NO_FORM): Html {
  const { lang } = context;
  const fields = view.lines.map(
    (l) => html`<fieldset class="mb-6"><legend class="h4">${lineName(l)}</legend>
${view.years.map((y) =>
  kronerInput({
    lang,
    id: `amount-${l.lineId}-${y}`,
    label: say(lang, T.amountFor, { year: y }),
    value: valueOf(form, `amount-${l.lineId}-${y}`) ?? kronerValue(lang, l.amounts[y] ?? 0),
    ...errorProp(form, `amount-${l.lineId}-${y}`),
  }),
)}</fieldset>`,
  );
  return page(context, {
    title: say(lang, T.enactTitle),
    back: '/bestyrelse/finanslov',
    errors: form.errors,
    body: html`<p class="font-lead">${budgetName(lang, view)}, ${centreName}</p>
<p>${say(lang, T.enactText)}</p>
${postForm(context, `/bestyrelse/finanslov/${view.budgetId}`, html`${fields}${button(say(lang, T.enactButton), { id: 'enact' })}`, { id: 'enact-form' })}`,
  });
}

/** What the act enacted: an amount for each line and year; those left as approved are not sent (enacted as approved). */
export function readEnactment(lang: Lang, fields: (name: string) => string | undefined, view: BudgetView): Read<{ lineId: string; amounts: Record<string, number> }[]> {
  const errors: FieldError[] = [];
  const lines: { lineId: string; amounts: Record<string, number> }[] = [];
  for (const l of view.lines) {
    const amounts: Record<string, number> = {};
    for (const y of view.years) {
      const ore = readLineAmount(lang, fields(`amount-${l.lineId}-${y}`), `amount-${l.lineId}-${y}`, y, errors);
      if (ore !== null) amounts[y] = ore;
    }
    if (view.years.some((y) => amounts[y] !== l.amounts[y])) lines.push({ lineId: l.lineId, amounts });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: lines };
}
