/**
 * The citizen's own pages: "Mine sider", the first step (start a journey at a centre: one
 * question, then "Tjek dine svar"; never a question about eligibility), and everything recorded
 * about them, readable and as a download.
 */
import type { CentreView } from '../../projections/centres/queries.js';
import type { RecordView } from '../../projections/journeys/queries.js';
import { GOAL_CATEGORIES } from '../../domain/journey/journey.js';
import { GOAL_CATEGORY_LABELS } from '../../i18n/records.js';
import { button, type FieldError, hidden, postForm, radioGroup, summaryList, textArea } from '../components.js';
import { html, type Html } from '../html.js';
import { formatMoment, type Message, ROLE_LABELS, say } from '../i18n.js';
import { ROLES } from '../../domain/shared/principal.js';
import { page, type PageContext } from '../layout.js';
import { municipalityOf } from './public.js';

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
} satisfies Record<string, Message>;

export function minePage(context: PageContext, journeyCentre: CentreView | null, justStarted: boolean, goalSaved = false, justClosed = false): Html {
  const { lang } = context;
  const journey = journeyCentre
    ? html`<p>${say(lang, T.journeyAt, { centre: journeyCentre.name })}</p>
<h2>${say(lang, T.goals)}</h2>
<p><a class="button button-secondary" href="/mine-sider/maal" id="goal-link">${say(lang, T.newGoal)}</a></p>
<p><a href="/mine-sider/afslut" id="close-link">${say(lang, T.closeLink)}</a></p>`
    : html`<p>${say(lang, T.noJourney)}</p><p><a class="button button-primary" href="/mine-sider/start" id="start-journey">${say(lang, T.start)}</a></p>`;
  return page(context, {
    title: say(lang, T.mine),
    body: html`${justStarted ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${say(lang, T.started)}</p></div></div>` : null}
${goalSaved ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${say(lang, T.goalSaved)}</p></div></div>` : null}
${justClosed ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${say(lang, T.closed)}</p></div></div>` : null}
${journey}
<h2>${say(lang, T.records)}</h2>
<p><a href="/mine-sider/optegnelser" id="records-link">${say(lang, T.records)}</a></p>`,
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

export function recordsPage(context: PageContext, records: readonly RecordView[]): Html {
  const { lang } = context;
  const table =
    records.length === 0
      ? html`<p>${say(lang, T.nothing)}</p>`
      : html`<div class="table--responsive-scroll"><table class="table">
<thead><tr><th scope="col">${say(lang, T.when)}</th><th scope="col">${say(lang, T.what)}</th><th scope="col">${say(lang, T.by)}</th></tr></thead>
<tbody>${records.map((r) => html`<tr><td>${formatMoment(lang, r.at)}</td><td>${r.text}</td><td>${roleLabel(context, r.recordedBy)}</td></tr>`)}</tbody>
</table></div>`;
  return page(context, {
    title: say(lang, T.records),
    back: '/mine-sider',
    body: html`${table}<p><a href="/mine-sider/optegnelser.json" download id="records-download">${say(lang, T.download)}</a></p>`,
  });
}

export interface GoalAnswers {
  text?: string;
  category?: string;
}

/** A goal in the citizen's own words, and what it is mostly about if they want to say. No eligibility question, ever. */
export function goalPage(context: PageContext, answers: GoalAnswers = {}, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const textError = error('text');
  return page(context, {
    title: say(lang, T.goalTitle),
    back: '/mine-sider',
    errors,
    body: postForm(
      context,
      '/mine-sider/maal',
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
