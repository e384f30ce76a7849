/**
 * The board's answers to its citizens' ideas (`/bestyrelse/ideer`): each idea for the centre's
 * development budgets with how many support it, and for those not yet answered a form the chair,
 * vice-chair or secretary fills in: taken in, naming the line it became, or not, with the reason;
 * either by an adopted resolution of the board. The answer is public the moment it is recorded.
 */
import { REASON_MAX } from '../../domain/idea/decide.js';
import type { PublicIdea } from '../../projections/ideas/public.js';
import { button, errorFor, type FieldError, hidden, notice, postForm, radioGroup, select, textArea } from '../components.js';
import { html, type Html } from '../html.js';
import { type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { answerText, budgetTitle, ideaHref, type IdeaBudget, publicIdeasHref, supportCount } from './ideas.js';

export const BOARD_IDEAS_PATH = '/bestyrelse/ideer';

const T = {
  title: { da: 'Borgernes idéer', en: 'The citizens’ ideas' },
  intro: {
    da: 'Borgerne foreslår idéer til udviklingsbudgettet og støtter hinandens. Bestyrelsen svarer offentligt på hver idé, med den beslutning svaret bygger på: om idéen blev en linje i budgettet, eller hvorfor ikke.',
    en: 'Citizens propose ideas for the development budget and support each other’s. The board answers each idea in public, with the resolution the answer rests on: whether it became a line of the budget, or why not.',
  },
  whoAnswers: { da: 'Formanden, næstformanden eller sekretæren skriver bestyrelsens svar.', en: 'The chair, vice-chair or secretary records the board’s answer.' },
  noBudget: { da: 'Centret har ikke et udviklingsbudget, der tager imod idéer.', en: 'The centre has no development budget taking ideas.' },
  noIdeas: { da: 'Ingen idéer endnu.', en: 'No ideas yet.' },
  answer: { da: 'Bestyrelsens svar', en: 'The board’s answer' },
  takenIn: { da: 'Taget med i budgettet', en: 'Taken into the budget' },
  notTakenIn: { da: 'Ikke taget med', en: 'Not taken in' },
  line: { da: 'Budgetlinjen, idéen blev til', en: 'The budget line it became' },
  lineHint: { da: 'Kun når idéen er taget med.', en: 'Only when the idea is taken in.' },
  noLine: { da: 'Ingen linje', en: 'No line' },
  reason: { da: 'Begrundelse', en: 'Reason' },
  reasonHint: { da: 'Kun når idéen ikke er taget med. Svaret er offentligt og skrevet til borgerne.', en: 'Only when the idea is not taken in. The answer is public and written to the citizens.' },
  resolution: { da: 'Beslutningen, svaret bygger på', en: 'The resolution the answer rests on' },
  resolutionHint: { da: 'En vedtaget beslutning i bestyrelsen.', en: 'An adopted resolution of the board.' },
  noResolutions: { da: 'Bestyrelsen har ingen vedtagne beslutninger endnu. Vedtag en på et møde først.', en: 'The board has no adopted resolutions yet. Adopt one at a meeting first.' },
  send: { da: 'Giv svaret', en: 'Give the answer' },
  about: { da: ' – {title}', en: ' – {title}' },
  answered: { da: 'Svaret er givet, og alle kan se det.', en: 'The answer is given, and everyone can see it.' },
  path: { da: 'Se idéens vej', en: 'See the idea’s path' },
  public: { da: 'Se idéerne, som offentligheden ser dem', en: 'See the ideas as the public sees them' },
  erased: { da: 'Teksten er slettet.', en: 'The text has been erased.' },
  answerMissing: { da: 'Vælg, om idéen er taget med', en: 'Choose whether the idea is taken in' },
  lineMissing: { da: 'Vælg den budgetlinje, idéen blev til', en: 'Choose the budget line the idea became' },
  reasonMissing: { da: 'Skriv, hvorfor idéen ikke er taget med', en: 'Say why the idea is not taken in' },
  reasonTooLong: { da: 'Begrundelsen må højst være 1.000 tegn', en: 'The reason can be at most 1,000 characters' },
  resolutionMissing: { da: 'Vælg en vedtaget beslutning', en: 'Choose an adopted resolution' },
} satisfies Record<string, Message>;

/** The field ids of one idea's answer form. */
export const answerFields = (ideaId: string) => ({ answer: `answer-${ideaId}`, line: `line-${ideaId}`, reason: `reason-${ideaId}`, resolution: `resolution-${ideaId}` });

/** The refusals an answer can meet, in the board's words, and where they belong. */
export const ANSWER_REFUSALS: Readonly<Record<string, Message>> = {
  idea_answered: { da: 'Idéen er allerede besvaret.', en: 'The idea has already been answered.' },
  idea_withdrawn: { da: 'Borgeren har trukket idéen tilbage.', en: 'The citizen has withdrawn the idea.' },
  idea_not_found: { da: 'Idéen findes ikke.', en: 'The idea does not exist.' },
  resolution_not_found: { da: 'Beslutningen findes ikke i bestyrelsen.', en: 'The resolution is not the board’s.' },
  resolution_not_adopted: { da: 'Beslutningen er ikke vedtaget. Svaret bygger på en vedtaget beslutning.', en: 'The resolution is not adopted. The answer rests on an adopted resolution.' },
  board_not_found: { da: 'Centret har ingen bestyrelse endnu.', en: 'The centre has no board yet.' },
  forbidden: { da: 'Formanden, næstformanden eller sekretæren skriver bestyrelsens svar.', en: 'The chair, vice-chair or secretary records the board’s answer.' },
};
export const ANSWER_FIELD_MESSAGES = { line: T.lineMissing, reason: T.reasonMissing, resolution: T.resolutionMissing } as const;

export interface AnswerForm {
  answer: string;
  lineId: string;
  reason: string;
  resolutionId: string;
}
export const emptyAnswer: AnswerForm = { answer: '', lineId: '', reason: '', resolutionId: '' };

/** What is wrong with an answer as filled in, on its fields. */
export function checkAnswer(lang: Lang, ideaId: string, a: AnswerForm): FieldError[] {
  const f = answerFields(ideaId);
  const errors: FieldError[] = [];
  const add = (field: string, message: Message) => errors.push({ field, message: say(lang, message) });
  if (a.answer !== 'taken_in' && a.answer !== 'not_taken_in') add(f.answer, T.answerMissing);
  if (a.answer === 'taken_in' && a.lineId === '') add(f.line, T.lineMissing);
  if (a.answer === 'not_taken_in' && a.reason.trim() === '') add(f.reason, T.reasonMissing);
  if (a.answer === 'not_taken_in' && a.reason.trim().length > REASON_MAX) add(f.reason, T.reasonTooLong);
  if (a.resolutionId === '') add(f.resolution, T.resolutionMissing);
  return errors;
}

export interface BoardIdeas {
  budgets: readonly { budget: IdeaBudget; lines: readonly { lineId: string; description: string }[]; ideas: readonly PublicIdea[] }[];
  resolutions: readonly { resolutionId: string; title: string }[];
  /** Whether the reader holds an office that records answers (chair, vice-chair, secretary). */
  answers: boolean;
  answered: boolean;
}

function answerForm(context: PageContext, i: PublicIdea, lines: BoardIdeas['budgets'][number]['lines'], view: BoardIdeas, typed: AnswerForm, errors: readonly FieldError[]): Html {
  const { lang } = context;
  const f = answerFields(i.ideaId);
  const e = (field: string) => errorFor(errors, field);
  if (view.resolutions.length === 0) return html`<p>${say(lang, T.noResolutions)}</p>`;
  return postForm(
    context,
    `${BOARD_IDEAS_PATH}/${i.ideaId}/svar`,
    html`${radioGroup({
      lang,
      id: f.answer,
      legend: say(lang, T.answer),
      choices: [
        { value: 'taken_in', label: say(lang, T.takenIn) },
        { value: 'not_taken_in', label: say(lang, T.notTakenIn) },
      ],
      checked: typed.answer,
      ...(e(f.answer) ? { error: e(f.answer)! } : {}),
    })}
${select({ lang, id: f.line, label: say(lang, T.line), hint: say(lang, T.lineHint), required: false, choices: [{ value: '', label: say(lang, T.noLine) }, ...lines.map((l) => ({ value: l.lineId, label: l.description }))], selected: typed.lineId, ...(e(f.line) ? { error: e(f.line)! } : {}) })}
${textArea({ lang, id: f.reason, label: say(lang, T.reason), hint: say(lang, T.reasonHint), required: false, value: typed.reason, maxLength: REASON_MAX, rows: 3, ...(e(f.reason) ? { error: e(f.reason)! } : {}) })}
${select({ lang, id: f.resolution, label: say(lang, T.resolution), hint: say(lang, T.resolutionHint), choices: view.resolutions.map((r) => ({ value: r.resolutionId, label: r.title })), selected: typed.resolutionId, ...(e(f.resolution) ? { error: e(f.resolution)! } : {}) })}
${hidden('budgetId', i.budgetId)}
${button(say(lang, T.send), { id: `send-${i.ideaId}` })}`,
    { id: `answer-form-${i.ideaId}` },
  );
}

/** The ideas of the centre's development budgets, answered or with the form to answer them. */
export function boardIdeasPage(context: PageContext, view: BoardIdeas, typed: { ideaId: string; form: AnswerForm } | null = null, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const card = (i: PublicIdea, lines: BoardIdeas['budgets'][number]['lines']) => html`<li class="card mb-5" id="idea-${i.ideaId}" tabindex="-1"><div class="card-content">
<h3 class="card-heading">${i.title ?? say(lang, T.erased)}</h3>
${i.description ? html`<p>${i.description}</p>` : null}
<p class="mb-2"><strong>${supportCount(lang, i.answer?.supports ?? i.supports)}</strong></p>
${i.status === 'open' && view.answers ? answerForm(context, i, lines, view, typed?.ideaId === i.ideaId ? typed.form : emptyAnswer, typed?.ideaId === i.ideaId ? errors : []) : answerText(lang, i)}
<p><a href="${ideaHref(i.centreId, i.ideaId)}">${say(lang, T.path)}<span class="sr-only">${say(lang, T.about, { title: i.title ?? '' })}</span></a></p>
</div></li>`;
  const budgets =
    view.budgets.length === 0
      ? html`<p>${say(lang, T.noBudget)}</p>`
      : view.budgets.map(
          (b) => html`<h2 id="budget-${b.budget.budgetId}" tabindex="-1">${budgetTitle(lang, b.budget)}</h2>
${b.ideas.length === 0 ? html`<p>${say(lang, T.noIdeas)}</p>` : html`<ul class="nobullet-list">${b.ideas.map((i) => card(i, b.lines))}</ul>`}
<p><a href="${publicIdeasHref(b.budget.centreId, b.budget.budgetId)}">${say(lang, T.public)}</a></p>`,
        );
  return page(context, {
    title: say(lang, T.title),
    back: '/bestyrelse',
    errors,
    body: html`${notice(view.answered ? say(lang, T.answered) : null)}
<p>${say(lang, T.intro)}</p>
<p>${say(lang, T.whoAnswers)}</p>
${budgets}`,
  });
}
