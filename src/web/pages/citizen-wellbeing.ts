/**
 * The WHO-5 well-being questions on "Mine sider", for the citizen who wants to answer them: never
 * asked for, never a condition of anything, no reminder and no count of answers. The five
 * statements as the WHO-5 words them (src/i18n/records.ts, WHO5_WORDING), each its own fieldset
 * of six DKFDS radios, then "Tjek dine svar" and the button that records them. The answers travel
 * between the two pages in the forms' bodies, never in a URL (they are health data: no address
 * bar, history or log line holds them).
 */
import { WHO5_ANSWERS, WHO5_ITEMS, type Who5Item } from '../../domain/journey/who5.js';
import { WHO5_WORDING, who5Answer, who5Statement } from '../../i18n/records.js';
import { button, type FieldError, hidden, postForm, radioGroup, summaryList } from '../components.js';
import { html, type Html } from '../html.js';
import { type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';

export const WELLBEING_PATH = '/mine-sider/trivsel';

const T = {
  title: { da: 'Hvordan har du haft det?', en: 'How have you been feeling?' },
  voluntary: {
    da: 'Det er helt frivilligt at svare. Du behøver aldrig at svare, og intet afhænger af, om du gør det. Du kan svare nu, senere eller flere gange, hvis du vil – eller lade være.',
    en: 'Answering is entirely voluntary. You never have to answer, and nothing depends on whether you do. You can answer now, later or several times if you like – or not at all.',
  },
  use: {
    da: 'Dine svar bruges kun til forskning i, om centrene hjælper folk til at trives: i samlede tal og i udtræk til forskningsprojekter, hvor du ikke står med navn. Medarbejderne på centret kan ikke se dem. Du kan selv se dem under Alt, der er registreret om dig.',
    en: 'Your answers are used only for research into whether the centres help people to thrive: in overall figures and in extracts for research studies, where you do not appear by name. The staff at the centre cannot see them. You can see them yourself under Everything recorded about you.',
  },
  sourceHeading: { da: 'Om spørgsmålene', en: 'About the questions' },
  sourceLink: { da: 'WHO-5 på alle sprog hos Region Hovedstadens Psykiatri (på engelsk)', en: 'The WHO-5 in every language at the Mental Health Services of the Capital Region of Denmark' },
  continue: { da: 'Fortsæt', en: 'Continue' },
  noThanks: { da: 'Nej tak, tilbage til Mine sider', en: 'No thank you, back to My pages' },
  missing: {
    da: 'Vælg det svar, der passer bedst – eller gå tilbage til Mine sider uden at svare',
    en: 'Choose the answer that fits best – or go back to My pages without answering',
  },
  check: { da: 'Tjek dine svar', en: 'Check your answers' },
  checkText: { da: 'Dine svar gemmes først, når du trykker på knappen.', en: 'Your answers are saved only when you press the button.' },
  change: { da: 'Ret dine svar', en: 'Change your answers' },
  save: { da: 'Gem mine svar', en: 'Save my answers' },
  saved: { da: 'Tak. Dine svar er gemt.', en: 'Thank you. Your answers are saved.' },
} satisfies Record<string, Message>;

/** What the citizen has answered so far, by item: a score 0–5. */
export type Who5Answers = Partial<Record<Who5Item, number>>;

/** The notice "Mine sider" shows after the answers were saved. */
export const WELLBEING_SAVED = T.saved;

/** The answers in a form's body: a score for each item whose field holds one (anything else is none). `bad`: a field holding something that is no answer. */
export function answersOf(field: (name: string) => string | undefined): { answers: Who5Answers; bad: boolean } {
  const answers: Who5Answers = {};
  let bad = false;
  for (const item of WHO5_ITEMS) {
    const value = field(item);
    if (value === undefined || value === '') continue;
    const score = WHO5_ANSWERS.find((s) => String(s) === value);
    if (score === undefined) bad = true;
    else answers[item] = score;
  }
  return { answers, bad };
}

/** The five scores in the instrument's order, when every item is answered. */
export const scoresOf = (answers: Who5Answers): number[] | null => {
  const scores = WHO5_ITEMS.map((item) => answers[item]);
  return scores.every((s): s is number => s !== undefined) ? scores : null;
};

/** An error for each item not answered, linked to its first radio. */
export const missingErrors = (lang: Lang, answers: Who5Answers): FieldError[] => WHO5_ITEMS.filter((item) => answers[item] === undefined).map((field) => ({ field, message: say(lang, T.missing) }));

const answersHidden = (answers: Who5Answers) => WHO5_ITEMS.map((item) => (answers[item] === undefined ? null : hidden(item, String(answers[item]))));

function source(lang: Lang): Html {
  return html`<h2>${say(lang, T.sourceHeading)}</h2>
<p id="who5-source">${WHO5_WORDING.source[lang]}</p>
<p><a href="${WHO5_WORDING.sourceUrl}" hreflang="en">${say(lang, T.sourceLink)}</a></p>`;
}

/** The five statements, one fieldset each, with what the answers are for and that nobody has to answer. */
export function wellBeingPage(context: PageContext, answers: Who5Answers = {}, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return page(context, {
    title: say(lang, T.title),
    back: '/mine-sider',
    errors,
    body: html`<p id="wellbeing-voluntary">${say(lang, T.voluntary)}</p>
<p id="wellbeing-use">${say(lang, T.use)}</p>
<h2>${WHO5_WORDING.title[lang]}</h2>
${postForm(
  context,
  WELLBEING_PATH,
  html`${WHO5_ITEMS.map((item) => {
    const message = error(item);
    return radioGroup({
      lang,
      id: item,
      legend: who5Statement(lang, item),
      choices: WHO5_ANSWERS.map((score) => ({ value: String(score), label: who5Answer(lang, score) })),
      checked: answers[item] === undefined ? undefined : String(answers[item]),
      ...(message ? { error: message } : {}),
    });
  })}
${button(say(lang, T.continue), { id: 'continue' })}`,
  { id: 'wellbeing-form', idempotent: false },
)}
<p><a href="/mine-sider" id="no-thanks">${say(lang, T.noThanks)}</a></p>
${source(lang)}`,
  });
}

/** "Tjek dine svar": each statement with its answer, a way back to change them, and the button that records them. */
export function checkWellBeingPage(context: PageContext, answers: Who5Answers, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const rows = WHO5_ITEMS.map((item) => ({ label: who5Statement(lang, item), value: answers[item] === undefined ? '–' : who5Answer(lang, answers[item]) }));
  return page(context, {
    title: say(lang, T.check),
    back: '/mine-sider',
    errors,
    body: html`${summaryList(rows)}
<p>${say(lang, T.checkText)}</p>
${postForm(context, `${WELLBEING_PATH}/tjek`, html`${answersHidden(answers)}${button(say(lang, T.save), { id: 'save-answers' })}`, { id: 'save-form' })}
${postForm(context, `${WELLBEING_PATH}/ret`, html`${answersHidden(answers)}${button(say(lang, T.change), { variant: 'secondary', id: 'change-answers' })}`, { id: 'change-form', idempotent: false })}
<p><a href="/mine-sider" id="no-thanks">${say(lang, T.noThanks)}</a></p>`,
  });
}
