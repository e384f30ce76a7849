/**
 * The citizen's own pages: "Mine sider" as an overview (the journey's centre and reference, booked
 * conversations, goals, offers, consents in force (to offers and to sharing with partners, each
 * sharing with its way to withdraw), everything recorded, closing), the first step (start a
 * journey at a centre: one question, then "Tjek dine svar"; never a question about eligibility),
 * goals in their own words, and everything recorded about them, readable with every receipt they
 * were given, and as a download. The booking, offer and consent pages are in citizen-booking.ts,
 * citizen-offers.ts, citizen-consents.ts.
 */
import type { CentreView } from '../../projections/centres/queries.js';
import type { BookedSessionView, CitizenOfferView, GoalView, RecordView } from '../../projections/journeys/queries.js';
import { GOAL_CATEGORIES } from '../../domain/journey/journey.js';
import { GOAL_CATEGORY_LABELS } from '../../i18n/records.js';
import { button, type FieldError, hidden, postForm, radioGroup, summaryList, textArea } from '../components.js';
import { html, type Html } from '../html.js';
import { formatMoment, type Message, ROLE_LABELS, say } from '../i18n.js';
import { ROLES } from '../../domain/shared/principal.js';
import { page, type PageContext } from '../layout.js';
import { capitalised, channelName, notice } from './citizen-parts.js';
import { offerCard } from './citizen-offers.js';
import { municipalityOf } from './public.js';
import { WELLBEING_PATH, WELLBEING_SAVED } from './citizen-wellbeing.js';
import { type ConsentView, receiptsSection, type SharingConsentView, sharingsInForceList } from './citizen-consents.js';

const T = {
  mine: { da: 'Mine sider', en: 'My pages' },
  started: { da: 'Dit forløb er startet. Det kan tage et øjeblik, før det vises her.', en: 'Your journey has started. It may take a moment before it shows here.' },
  journeyAt: { da: 'Dit forløb er hos {centre}.', en: 'Your journey is with {centre}.' },
  noJourney: { da: 'Du har ikke et forløb endnu. Du vælger selv, om og hvornår du vil starte et.', en: 'You have no journey yet. You decide yourself whether and when to start one.' },
  start: { da: 'Start et forløb', en: 'Start a journey' },
  records: { da: 'Alt, der er registreret om dig', en: 'Everything recorded about you' },
  whichCentre: { da: 'Hvilket center vil du bruge?', en: 'Which centre do you want to use?' },
  whichCentreHint: { da: 'Du kan altid skifte center senere.', en: 'You can always change centre later.' },
  chooseCentre: { da: 'Vælg det center, du vil bruge', en: 'Choose the centre you want to use' },
  noCentres: { da: 'Der er ingen centre endnu, så du kan ikke starte et forløb lige nu.', en: 'There are no centres yet, so you cannot start a journey just now.' },
  continue: { da: 'Fortsæt', en: 'Continue' },
  check: { da: 'Tjek dine svar', en: 'Check your answers' },
  centre: { da: 'Center', en: 'Centre' },
  change: { da: 'Ret', en: 'Change' },
  confirm: { da: 'Start forløbet', en: 'Start the journey' },
  when: { da: 'Hvornår', en: 'When' },
  what: { da: 'Hvad', en: 'What' },
  by: { da: 'Registreret af', en: 'Recorded by' },
  nothing: { da: 'Der er ikke registreret noget om dig.', en: 'Nothing has been recorded about you.' },
  download: { da: 'Hent det hele som en fil (JSON)', en: 'Download all of it as a file (JSON)' },
  goals: { da: 'Dine mål', en: 'Your goals' },
  newGoal: { da: 'Skriv et mål', en: 'Write a goal' },
  goalTitle: { da: 'Hvad vil du gerne?', en: 'What would you like?' },
  goalLabel: { da: 'Dit mål, med dine egne ord', en: 'Your goal, in your own words' },
  goalHint: {
    da: 'Skriv det, som du selv vil sige det. Kun du og medarbejderne på dit center kan se det, og du kan altid ændre det.',
    en: 'Write it the way you would say it. Only you and the staff at your centre can see it, and you can always change it.',
  },
  goalMissing: { da: 'Skriv dit mål', en: 'Write your goal' },
  goalTooLong: { da: 'Dit mål må højst være 2000 tegn', en: 'Your goal can be at most 2,000 characters' },
  categoryLegend: { da: 'Hvad handler det mest om?', en: 'What is it mostly about?' },
  categoryHint: { da: 'Du behøver ikke vælge. Det hjælper kun os med at finde noget, der passer.', en: 'You do not have to choose. It only helps us find something that suits you.' },
  saveGoal: { da: 'Gem mit mål', en: 'Save my goal' },
  goalSaved: { da: 'Dit mål er gemt.', en: 'Your goal is saved.' },
  closeLink: { da: 'Afslut mit forløb', en: 'Close my journey' },
  closeTitle: { da: 'Vil du afslutte dit forløb?', en: 'Do you want to close your journey?' },
  closeText: {
    da: 'Du kan altid starte et nyt forløb, når du vil. Det, der er registreret om dig, kan du stadig se.',
    en: 'You can start a new journey whenever you like. You can still see what is recorded about you.',
  },
  closeConfirm: { da: 'Ja, afslut mit forløb', en: 'Yes, close my journey' },
  closed: { da: 'Dit forløb er afsluttet. Du kan starte et nyt, når du vil.', en: 'Your journey is closed. You can start a new one whenever you like.' },
  closeHeading: { da: 'Dit forløb', en: 'Your journey' },
  reference: { da: 'Din reference', en: 'Your reference' },
  referenceHint: {
    da: 'Hvis du vil have, at en vejleder finder dit forløb, kan du give dem referencen. Du bestemmer selv, om du vil.',
    en: 'If you would like a counsellor to find your journey, you can give them the reference. It is up to you.',
  },
  sessions: { da: 'Dine samtaler', en: 'Your conversations' },
  noSessions: { da: 'Du har ingen samtaler booket.', en: 'You have no conversations booked.' },
  how: { da: 'Hvordan', en: 'How' },
  length: { da: 'Varighed', en: 'Length' },
  actions: { da: 'Handlinger', en: 'Actions' },
  minutes: { da: '{n} minutter', en: '{n} minutes' },
  theSession: { da: 'samtalen {when}', en: 'the conversation on {when}' },
  move: { da: 'Flyt', en: 'Move' },
  cancel: { da: 'Aflys', en: 'Cancel' },
  book: { da: 'Book en samtale', en: 'Book a conversation' },
  booked: { da: 'Din samtale er booket. Det kan tage et øjeblik, før den vises her.', en: 'Your conversation is booked. It may take a moment before it shows here.' },
  moved: { da: 'Din samtale er flyttet. Det kan tage et øjeblik, før det vises her.', en: 'Your conversation is moved. It may take a moment before it shows here.' },
  cancelled: { da: 'Samtalen er aflyst. Intet følger af det.', en: 'The conversation is cancelled. Nothing follows from it.' },
  noGoals: { da: 'Du har ikke skrevet nogen mål. Det er helt frivilligt.', en: 'You have not written any goals. That is entirely up to you.' },
  theGoal: { da: 'målet »{goal}«', en: 'the goal “{goal}”' },
  revise: { da: 'Ret', en: 'Change' },
  drop: { da: 'Drop', en: 'Drop' },
  goalChanged: { da: 'Dit mål er ændret. Det kan tage et øjeblik, før det vises her.', en: 'Your goal is changed. It may take a moment before it shows here.' },
  goalDropped: { da: 'Målet er droppet. Du kan altid skrive et nyt.', en: 'The goal is dropped. You can always write a new one.' },
  offers: { da: 'Tilbud til dig', en: 'Offers for you' },
  noOffers: { da: 'Der er ingen tilbud, der venter på et svar fra dig.', en: 'There are no offers waiting for an answer from you.' },
  offersFree: {
    da: 'Du bestemmer selv. Et nej tak har ingen betydning for dig, og du kan også vente med at svare.',
    en: 'It is your choice. A no thank you makes no difference to you, and you can also wait before you answer.',
  },
  allOffers: { da: 'Alle dine tilbud og svar', en: 'All your offers and answers' },
  consents: { da: 'Dine samtykker', en: 'Your consents' },
  noConsents: { da: 'Du har ingen samtykker, der gælder nu.', en: 'You have no consents in force now.' },
  oneConsent: { da: 'Du har 1 samtykke, der gælder nu.', en: 'You have 1 consent in force now.' },
  someConsents: { da: 'Du har {n} samtykker, der gælder nu.', en: 'You have {n} consents in force now.' },
  seeConsents: { da: 'Se dine samtykker og kvitteringer', en: 'See your consents and receipts' },
  seeReceipt: { da: 'Se kvitteringen', en: 'See the receipt' },
  reviseTitle: { da: 'Ret dit mål', en: 'Change your goal' },
  dropTitle: { da: 'Vil du droppe dit mål?', en: 'Do you want to drop your goal?' },
  dropText: { da: 'Du kan altid skrive et nyt mål, når du vil. Intet følger af at droppe et mål.', en: 'You can always write a new goal whenever you like. Nothing follows from dropping a goal.' },
  dropConfirm: { da: 'Ja, drop målet', en: 'Yes, drop the goal' },
  keepGoal: { da: 'Nej, behold det', en: 'No, keep it' },
  wellBeing: { da: 'Trivsel', en: 'Well-being' },
  wellBeingText: {
    da: 'Hvis du har lyst, kan du svare på fem korte spørgsmål om, hvordan du har haft det. Det er helt frivilligt, og medarbejderne kan ikke se dine svar.',
    en: 'If you like, you can answer five short questions about how you have been feeling. It is entirely voluntary, and the staff cannot see your answers.',
  },
  wellBeingLink: { da: 'Svar på spørgsmålene om trivsel', en: 'Answer the questions about well-being' },
  more: { da: 'Mere i huset', en: 'More at the centre' },
  moreText: { da: 'Alt her er noget, du kan vælge til, når du har lyst.', en: 'Everything here is something you may choose when you like.' },
  catalogue: { da: 'Find tilbud fra huset og dets medspillere', en: 'Find offers from the centre and its partners' },
  activities: { da: 'Aktiviteter: informationsmøder, workshops og seminarer', en: 'Activities: information meetings, workshops and seminars' },
  groups: { da: 'Grupper, hvor borgere mødes', en: 'Groups where citizens meet' },
  ideas: { da: 'Idéer til centrets udviklingsbudget', en: 'Ideas for the centre’s development budget' },
  venture: { da: 'Iværksætterforløbet, hvis du vil starte din egen virksomhed', en: 'The entrepreneurs’ track, if you want to start your own business' },
} satisfies Record<string, Message>;

/** What "Mine sider" shows of an open journey. */
export interface MineOverview {
  centre: CentreView;
  /** The journey's reference, "7F3A-09C2". */
  reference: string;
  sessions: readonly BookedSessionView[];
  goals: readonly GoalView[];
  /** The offers waiting for an answer. */
  openOffers: readonly CitizenOfferView[];
  /** The name of a centre an offer came from. */
  centreName: (centreId: string) => string;
}

/** The citizen's consents in force now, for "Mine sider": how many to offers, and the sharings with partners (those not in force are left out). */
export interface ConsentsInForce {
  offers: number;
  sharings: readonly SharingConsentView[];
}

/** What was just done, said once at the top of "Mine sider" (from the query after a redirect). */
export const MINE_NOTICES = ['startet', 'maal', 'afsluttet', 'booket', 'flyttet', 'aflyst', 'rettet', 'droppet', 'trivsel'] as const;
export type MineNotice = (typeof MINE_NOTICES)[number];

const NOTICE_TEXTS: Record<MineNotice, Message> = {
  startet: T.started,
  maal: T.goalSaved,
  afsluttet: T.closed,
  booket: T.booked,
  flyttet: T.moved,
  aflyst: T.cancelled,
  rettet: T.goalChanged,
  droppet: T.goalDropped,
  trivsel: WELLBEING_SAVED,
};

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

function sessionsSection(context: PageContext, sessions: readonly BookedSessionView[]): Html {
  const { lang } = context;
  const table =
    sessions.length === 0
      ? html`<p>${say(lang, T.noSessions)}</p>`
      : html`<div class="table--responsive-scroll"><table class="table" id="my-sessions">
<thead><tr><th scope="col">${say(lang, T.when)}</th><th scope="col">${say(lang, T.how)}</th><th scope="col">${say(lang, T.length)}</th><th scope="col"><span class="sr-only">${say(lang, T.actions)}</span></th></tr></thead>
<tbody>${sessions.map((s) => {
          const when = formatMoment(lang, s.start);
          const about = html`<span class="sr-only"> ${say(lang, T.theSession, { when })}</span>`;
          return html`<tr><td>${when.charAt(0).toUpperCase() + when.slice(1)}</td><td>${channelName(lang, s.channel)}</td><td>${say(lang, T.minutes, { n: s.durationMinutes })}</td>
<td><a href="/mine-sider/samtale/dag?kanal=${s.channel}&amp;flyt=${s.sessionId}" id="move-${s.sessionId}">${say(lang, T.move)}${about}</a> · <a href="/mine-sider/samtale/${s.sessionId}/aflys" id="cancel-${s.sessionId}">${say(lang, T.cancel)}${about}</a></td></tr>`;
        })}</tbody>
</table></div>`;
  return html`<h2>${say(lang, T.sessions)}</h2>
${table}
<p><a class="button button-secondary" href="/mine-sider/samtale" id="book-link">${say(lang, T.book)}</a></p>`;
}

function goalsSection(context: PageContext, goals: readonly GoalView[]): Html {
  const { lang } = context;
  const list =
    goals.length === 0
      ? html`<p>${say(lang, T.noGoals)}</p>`
      : html`<ul class="nobullet-list" id="my-goals">${goals.map((g) => {
          const about = html`<span class="sr-only"> ${say(lang, T.theGoal, { goal: excerpt(g.text) })}</span>`;
          return html`<li class="mb-5"><p class="mb-2">${g.text}${g.category ? html`<br><span class="form-hint">${capitalised(say(lang, GOAL_CATEGORY_LABELS[g.category]))}</span>` : null}</p>
<p class="mt-0"><a href="/mine-sider/maal/${g.goalId}/ret" id="revise-${g.goalId}">${say(lang, T.revise)}${about}</a> · <a href="/mine-sider/maal/${g.goalId}/drop" id="drop-${g.goalId}">${say(lang, T.drop)}${about}</a></p></li>`;
        })}</ul>`;
  return html`<h2>${say(lang, T.goals)}</h2>
${list}
<p><a class="button button-secondary" href="/mine-sider/maal" id="goal-link">${say(lang, T.newGoal)}</a></p>`;
}

function offersSection(context: PageContext, overview: MineOverview): Html {
  const { lang } = context;
  const offers = overview.openOffers;
  return html`<h2>${say(lang, T.offers)}</h2>
${offers.length === 0 ? html`<p>${say(lang, T.noOffers)}</p>` : html`<p>${say(lang, T.offersFree)}</p>${offers.map((o) => offerCard(context, o, overview.centreName(o.centreId)))}`}
<p><a href="/mine-sider/tilbud" id="offers-link">${say(lang, T.allOffers)}</a></p>`;
}

/**
 * "Dine samtykker" on Mine sider: how many consents are in force, to offers and to sharing alike,
 * and each sharing with a partner with the way to withdraw it. Without an open journey it is said
 * only when something is in force (a consent outlives the journey's closing).
 */
function consentsSection(context: PageContext, inForce: ConsentsInForce, journeyOpen: boolean): Html {
  const { lang } = context;
  const sharings = inForce.sharings.filter((s) => s.status === 'shared');
  const n = inForce.offers + sharings.length;
  const count = n === 0 ? (journeyOpen ? say(lang, T.noConsents) : null) : n === 1 ? say(lang, T.oneConsent) : say(lang, T.someConsents, { n });
  return html`<h2>${say(lang, T.consents)}</h2>
${count ? html`<p id="consents-in-force">${count}</p>` : null}
${sharingsInForceList(context, sharings)}
<p><a href="/mine-sider/samtykker" id="consents-link">${say(lang, T.seeConsents)}</a></p>`;
}

export function minePage(context: PageContext, overview: MineOverview | null, shown: MineNotice | null = null, inForce: ConsentsInForce = { offers: 0, sharings: [] }): Html {
  const { lang } = context;
  const journey = overview
    ? html`<p>${say(lang, T.journeyAt, { centre: overview.centre.name })}</p>
<p class="mb-2"><strong>${say(lang, T.reference)}: <span id="journey-reference">${overview.reference}</span></strong></p>
<p class="form-hint mt-0">${say(lang, T.referenceHint)}</p>
${sessionsSection(context, overview.sessions)}
${goalsSection(context, overview.goals)}
${offersSection(context, overview)}
${consentsSection(context, inForce, true)}
<h2>${say(lang, T.wellBeing)}</h2>
<p>${say(lang, T.wellBeingText)}</p>
<p><a href="${WELLBEING_PATH}" id="wellbeing-link">${say(lang, T.wellBeingLink)}</a></p>`
    : html`<p>${say(lang, T.noJourney)}</p><p><a class="button button-primary" href="/mine-sider/start" id="start-journey">${say(lang, T.start)}</a></p>
${consentsSection(context, inForce, false)}`;
  return page(context, {
    title: say(lang, T.mine),
    body: html`${notice(shown ? say(lang, NOTICE_TEXTS[shown]) : null)}
${journey}
<h2>${say(lang, T.more)}</h2>
<p>${say(lang, T.moreText)}</p>
<ul>
<li><a href="/tilbudskatalog" id="catalogue-link">${say(lang, T.catalogue)}</a></li>
<li><a href="/mine-sider/aktiviteter" id="activities-link">${say(lang, T.activities)}</a></li>
<li><a href="/mine-sider/grupper" id="groups-link">${say(lang, T.groups)}</a></li>
<li><a href="/mine-sider/ivaerksaetter" id="venture-link">${say(lang, T.venture)}</a></li>
<li><a href="/mine-sider/ideer" id="ideas-link">${say(lang, T.ideas)}</a></li>
</ul>
<h2>${say(lang, T.records)}</h2>
<p><a href="/mine-sider/optegnelser" id="records-link">${say(lang, T.records)}</a></p>
${overview ? html`<h2>${say(lang, T.closeHeading)}</h2><p><a href="/mine-sider/afslut" id="close-link">${say(lang, T.closeLink)}</a></p>` : null}`,
  });
}

/** The one question: which centre. Keeps the answer given, and shows why it was refused. */
export function chooseCentrePage(context: PageContext, centres: readonly CentreView[], chosen: string | undefined, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  if (centres.length === 0) return page(context, { title: say(lang, T.whichCentre), back: '/mine-sider', body: html`<p>${say(lang, T.noCentres)}</p>` });
  const error = errors.find((e) => e.field === 'centreId')?.message;
  return page(context, {
    title: say(lang, T.whichCentre),
    back: '/mine-sider',
    errors,
    body: postForm(
      context,
      '/mine-sider/start',
      html`${radioGroup({
        lang,
        id: 'centreId',
        legend: say(lang, T.whichCentre),
        hint: say(lang, T.whichCentreHint),
        choices: centres.map((c) => ({ value: c.centreId, label: c.name, hint: municipalityOf(lang, c) })),
        checked: chosen,
        ...(error ? { error } : {}),
      })}
${button(say(lang, T.continue), { id: 'continue' })}`,
      { idempotent: false },
    ),
  });
}

/** "Tjek dine svar": the answer, a link to change it, and the button that records the command (with its idempotency key). */
export function checkStartPage(context: PageContext, centre: CentreView, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const changeHref = `/mine-sider/start?centre=${encodeURIComponent(centre.centreId)}`;
  return page(context, {
    title: say(lang, T.check),
    back: changeHref,
    errors,
    body: html`${summaryList([{ label: say(lang, T.centre), value: html`${centre.name}<br>${municipalityOf(lang, centre)}`, change: { href: changeHref, text: say(lang, T.change) } }])}
${postForm(context, '/mine-sider/start/tjek', html`${hidden('centreId', centre.centreId)}${button(say(lang, T.confirm), { id: 'confirm' })}`, { id: 'confirm-form' })}`,
  });
}

const roleLabel = (context: PageContext, role: string) => {
  const known = ROLES.find((r) => r === role);
  return known ? say(context.lang, ROLE_LABELS[known]) : '–';
};

/** Every receipt the citizen was given, for everything recorded about them: to offers, and to sharing with partners. */
export interface RecordReceipts {
  consents: readonly ConsentView[];
  sharings: readonly SharingConsentView[];
}

/** Where a record's receipt is on the page (the card's anchor), if it has one shown there. */
function receiptAnchor(record: RecordView, receipts: RecordReceipts): string | null {
  const data = record.data as { receipt?: { receiptId?: unknown }; sharingId?: unknown };
  if (record.type === 'ConsentGiven') {
    const id = data.receipt?.receiptId;
    return typeof id === 'string' && receipts.consents.some((c) => c.receipt.receiptId === id) ? `receipt-${id}` : null;
  }
  if (record.type === 'DataSharingConsentGiven') {
    const id = data.sharingId;
    return typeof id === 'string' && receipts.sharings.some((s) => s.sharingId === id && s.receipt !== null) ? `sharing-${id}` : null;
  }
  return null;
}

export function recordsPage(context: PageContext, records: readonly RecordView[], receipts: RecordReceipts = { consents: [], sharings: [] }): Html {
  const { lang } = context;
  const what = (r: RecordView) => {
    const anchor = receiptAnchor(r, receipts);
    return anchor ? html`${r.text} <a href="#${anchor}">${say(lang, T.seeReceipt)}</a>` : r.text;
  };
  const table =
    records.length === 0
      ? html`<p>${say(lang, T.nothing)}</p>`
      : html`<div class="table--responsive-scroll"><table class="table">
<thead><tr><th scope="col">${say(lang, T.when)}</th><th scope="col">${say(lang, T.what)}</th><th scope="col">${say(lang, T.by)}</th></tr></thead>
<tbody>${records.map((r) => html`<tr><td>${formatMoment(lang, r.at)}</td><td>${what(r)}</td><td>${roleLabel(context, r.recordedBy)}</td></tr>`)}</tbody>
</table></div>`;
  return page(context, {
    title: say(lang, T.records),
    back: '/mine-sider',
    body: html`${table}
${receiptsSection(context, receipts.consents, receipts.sharings)}
<p><a href="/mine-sider/optegnelser.json" download id="records-download">${say(lang, T.download)}</a></p>`,
  });
}

export interface GoalAnswers {
  text?: string;
  category?: string;
}

/** Where a goal form posts, and what it is called: a new goal, or one being changed. */
interface GoalTarget {
  action: string;
  title: string;
}

/** A goal in the citizen's own words, and what it is mostly about if they want to say. No eligibility question, ever. */
export function goalPage(context: PageContext, answers: GoalAnswers = {}, errors: readonly FieldError[] = [], target?: GoalTarget): Html {
  const { lang } = context;
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const textError = error('text');
  return page(context, {
    title: target?.title ?? say(lang, T.goalTitle),
    back: '/mine-sider',
    errors,
    body: postForm(
      context,
      target?.action ?? '/mine-sider/maal',
      html`${textArea({ lang, id: 'text', label: say(lang, T.goalLabel), hint: say(lang, T.goalHint), value: answers.text, maxLength: 2000, ...(textError ? { error: textError } : {}) })}
${radioGroup({
  lang,
  id: 'category',
  legend: say(lang, T.categoryLegend),
  hint: say(lang, T.categoryHint),
  choices: GOAL_CATEGORIES.map((c) => ({ value: c, label: say(lang, GOAL_CATEGORY_LABELS[c]) })),
  checked: answers.category,
})}
${button(say(lang, T.saveGoal), { id: 'save-goal' })}`,
      { id: 'goal-form' },
    ),
  });
}

/** Changing a goal: the same question, with the words as they stand. */
export function reviseGoalPage(context: PageContext, goalId: string, answers: GoalAnswers, errors: readonly FieldError[] = []): Html {
  return goalPage(context, answers, errors, { action: `/mine-sider/maal/${goalId}/ret`, title: say(context.lang, T.reviseTitle) });
}

/** Dropping a goal: asked once, with its words; nothing follows from it. */
export function dropGoalPage(context: PageContext, goal: GoalView, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.dropTitle),
    back: '/mine-sider',
    errors,
    body: html`<blockquote class="mb-5"><p>${goal.text}</p></blockquote>
<p>${say(lang, T.dropText)}</p>
${postForm(context, `/mine-sider/maal/${goal.goalId}/drop`, button(say(lang, T.dropConfirm), { id: 'drop-goal' }), { id: 'drop-form' })}
<p><a href="/mine-sider">${say(lang, T.keepGoal)}</a></p>`,
  });
}

/** What is wrong with a goal as typed, in the reader's language (the decider checks the rest). */
export function goalErrors(lang: PageContext['lang'], answers: GoalAnswers): FieldError[] {
  const text = answers.text?.trim() ?? '';
  if (text.length === 0) return [{ field: 'text', message: say(lang, T.goalMissing) }];
  if (text.length > 2000) return [{ field: 'text', message: say(lang, T.goalTooLong) }];
  return [];
}

/** Closing one's journey: asked once, plainly; nothing follows from it, and a new one can start at any time. */
export function closeJourneyPage(context: PageContext, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.closeTitle),
    back: '/mine-sider',
    errors,
    body: html`<p>${say(lang, T.closeText)}</p>
${postForm(context, '/mine-sider/afslut', button(say(lang, T.closeConfirm), { id: 'close-journey' }), { id: 'close-form' })}`,
  });
}
