/**
 * Citizens' ideas for the development budget, on the web. On "Mine sider" a citizen sees the
 * ideas for their centre's development budgets, proposes one (a question page), supports others
 * and takes a support back, and withdraws their own. A support counts the moment the button is
 * pressed, and the page says so: there is nothing to confirm or check out afterwards. In public
 * everyone sees each budget's ideas by the line they became, and each idea's path from proposal to
 * line. Nothing here is asked of anyone: no deadline, no reminder, nothing tied to anything else.
 */
import { DESCRIPTION_MAX, TITLE_MAX } from '../../domain/idea/decide.js';
import type { IdeaPathStep } from '../../projections/ideas/queries.js';
import type { PublicIdea } from '../../projections/ideas/public.js';
import type { CentreView } from '../../projections/centres/queries.js';
import { badge, button, errorFor, errorOf, type FieldError, hidden, notice, postForm, summaryList, textArea, textInput } from '../components.js';
import { attr, html, type Html } from '../html.js';
import { formatDay, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { centreChooser, counted } from './activities-parts.js';

export const IDEAS_PATH = '/mine-sider/ideer';
export const publicIdeasHref = (centreId: string, budgetId: string) => `/centre/${centreId}/budgetter/${budgetId}/ideer`;
export const ideaHref = (centreId: string, ideaId: string) => `/centre/${centreId}/ideer/${ideaId}`;

const T = {
  title: { da: 'Idéer til udviklingsbudgettet', en: 'Ideas for the development budget' },
  intro: {
    da: 'Har du en idé til, hvad centret kan bruge sine penge på de næste fem år? Foreslå den her. Andre borgere kan støtte den, og bestyrelsen svarer offentligt på hver idé: om den blev en linje i budgettet, eller hvorfor ikke.',
    en: 'Do you have an idea for what the centre could spend its money on over the next five years? Propose it here. Other citizens can support it, and the board answers every idea in public: whether it became a line of the budget, or why not.',
  },
  counts: {
    da: 'Din støtte tæller med det samme, når du trykker på knappen. Der er intet at bekræfte bagefter. Du kan trække den tilbage, indtil bestyrelsen har svaret.',
    en: 'Your support counts the moment you press the button. There is nothing to confirm afterwards. You can take it back until the board has answered.',
  },
  noCentre: { da: 'Vælg et center for at se idéerne til dets udviklingsbudget.', en: 'Choose a centre to see the ideas for its development budget.' },
  noBudget: { da: 'Centret har ikke et udviklingsbudget, der tager imod idéer, lige nu.', en: 'The centre has no development budget taking ideas just now.' },
  development: { da: 'Udviklingsbudget {from}–{to}', en: 'Development budget {from}–{to}' },
  noIdeas: { da: 'Ingen har foreslået en idé endnu. Du kan være den første.', en: 'Nobody has proposed an idea yet. You can be the first.' },
  propose: { da: 'Foreslå en idé', en: 'Propose an idea' },
  seePublic: { da: 'Se idéerne og deres vej til budgettet, som alle kan se dem', en: 'See the ideas and their path to the budget, as everyone sees them' },
  supports: { da: '{n} støtter', en: '{n} supporters' },
  support1: { da: '1 støtter', en: '1 supporter' },
  yours: { da: 'Din idé', en: 'Your idea' },
  youSupport: { da: 'Du støtter idéen', en: 'You support this idea' },
  support: { da: 'Støt idéen', en: 'Support the idea' },
  unsupport: { da: 'Træk din støtte tilbage', en: 'Take your support back' },
  withdraw: { da: 'Træk idéen tilbage', en: 'Withdraw the idea' },
  about: { da: ' – {title}', en: ' – {title}' },
  path: { da: 'Se idéens vej', en: 'See the idea’s path' },
  erased: { da: 'Teksten er slettet.', en: 'The text has been erased.' },
  waiting: { da: 'Bestyrelsen har ikke svaret endnu.', en: 'The board has not answered yet.' },
  takenIn: { da: 'Taget med i budgettet', en: 'Taken into the budget' },
  notTakenIn: { da: 'Ikke taget med', en: 'Not taken in' },
  withdrawn: { da: 'Trukket tilbage af borgeren', en: 'Withdrawn by the citizen' },
  line: { da: 'Budgetlinje: {line}', en: 'Budget line: {line}' },
  lineLater: { da: 'Linjen vises, når budgettet er godkendt.', en: 'The line is shown once the budget is approved.' },
  because: { da: 'Bestyrelsens begrundelse: {reason}', en: 'The board’s reason: {reason}' },
  resolution: { da: 'Beslutning: {title}', en: 'Resolution: {title}' },
  // Notices
  proposed: { da: 'Din idé er foreslået. Alle kan nu se og støtte den.', en: 'Your idea is proposed. Everyone can now see and support it.' },
  supported: { da: 'Din støtte tæller nu.', en: 'Your support counts now.' },
  unsupported: { da: 'Din støtte er trukket tilbage.', en: 'Your support has been taken back.' },
  withdrawnNotice: { da: 'Din idé er trukket tilbage. Intet følger af det.', en: 'Your idea has been withdrawn. Nothing follows from it.' },
  // Proposing
  proposeTitle: { da: 'Foreslå en idé', en: 'Propose an idea' },
  ideaTitle: { da: 'Idéens titel', en: 'The idea’s title' },
  ideaTitleHint: { da: 'Kort, så andre kan finde den. Fx »Reparationscafé i centret«.', en: 'Short, so others can find it. E.g. “A repair café at the centre”.' },
  ideaDescription: { da: 'Hvad er idéen?', en: 'What is the idea?' },
  ideaDescriptionHint: {
    da: 'Med dine egne ord. Alle kan læse den, men ikke se, hvem der har foreslået den. Hvis du får dine oplysninger slettet, slettes teksten også.',
    en: 'In your own words. Everyone can read it, but not see who proposed it. If you have your data erased, the text is erased too.',
  },
  titleMissing: { da: 'Giv idéen en kort titel', en: 'Give the idea a short title' },
  titleTooLong: { da: 'Titlen må højst være 120 tegn', en: 'The title can be at most 120 characters' },
  descriptionMissing: { da: 'Skriv, hvad idéen er', en: 'Say what the idea is' },
  descriptionTooLong: { da: 'Teksten må højst være 2.000 tegn', en: 'The text can be at most 2,000 characters' },
  send: { da: 'Foreslå idéen', en: 'Propose the idea' },
  // Public
  publicTitle: { da: 'Borgernes idéer', en: 'The citizens’ ideas' },
  publicIntro: {
    da: 'Borgerne har foreslået idéer til budgettet, og bestyrelsen har svaret på dem. Her kan du følge hver idé fra forslag til budgetlinje. Hvem der har foreslået og støttet, vises ikke – kun hvor mange.',
    en: 'Citizens have proposed ideas for the budget, and the board has answered them. Here you can follow each idea from proposal to budget line. Who proposed and who supported is not shown – only how many.',
  },
  byLine: { da: 'Idéer, der blev til budgetlinjer', en: 'Ideas that became budget lines' },
  takenInDraft: { da: 'Idéer taget med i budgettet (linjerne vises, når budgettet er godkendt)', en: 'Ideas taken into the budget (the lines are shown once the budget is approved)' },
  answeredNo: { da: 'Idéer, der ikke blev taget med', en: 'Ideas not taken in' },
  open: { da: 'Idéer, bestyrelsen endnu ikke har svaret på', en: 'Ideas the board has not answered yet' },
  none: { da: 'Ingen.', en: 'None.' },
  budgetPage: { da: 'Se budgettet', en: 'See the budget' },
  // The path
  pathTitle: { da: 'Idéens vej', en: 'The idea’s path' },
  status: { da: 'Status', en: 'Status' },
  count: { da: 'Støtter', en: 'Supporters' },
  proposedOn: { da: 'Foreslået', en: 'Proposed' },
  erasedLong: {
    da: 'Teksten er slettet, fordi borgeren, der foreslog idéen, har fået sine oplysninger slettet. Idéens vej står tilbage.',
    en: 'The text has been erased, because the citizen who proposed the idea had their data erased. The idea’s path remains.',
  },
  withdrawnLong: { da: 'Borgeren har trukket idéen tilbage, og dens tekst vises ikke længere.', en: 'The citizen withdrew the idea, and its text is no longer shown.' },
  stepProposed: { da: 'En borger foreslog idéen', en: 'A citizen proposed the idea' },
  stepSupported: { da: 'En borger støttede idéen', en: 'A citizen supported the idea' },
  stepUnsupported: { da: 'En borger trak sin støtte tilbage', en: 'A citizen took their support back' },
  stepWithdrawn: { da: 'Borgeren trak idéen tilbage', en: 'The citizen withdrew the idea' },
  stepErased: { da: 'En støtte faldt bort, da en borger fik sine oplysninger slettet', en: 'A support ended when a citizen had their data erased' },
  stepAnswered: { da: 'Bestyrelsen svarede', en: 'The board answered' },
  after: { da: 'derefter {n}', en: 'then {n}' },
  supportsAtAnswer: { da: '{n} støttede idéen, da bestyrelsen svarede.', en: '{n} supported the idea when the board answered.' },
} satisfies Record<string, Message>;

/** The refusals a citizen can meet here, in their words. */
export const IDEA_REFUSALS: Readonly<Record<string, Message>> = {
  idea_not_found: { da: 'Idéen findes ikke.', en: 'The idea does not exist.' },
  idea_withdrawn: { da: 'Idéen er trukket tilbage.', en: 'The idea has been withdrawn.' },
  idea_answered: { da: 'Bestyrelsen har svaret på idéen, så støtterne står nu, som de var.', en: 'The board has answered the idea, so the supports now stand as they were.' },
  own_idea: { da: 'Det er din egen idé. Den tæller som din allerede; støtte kommer fra andre.', en: 'This is your own idea. It counts as yours already; supports come from others.' },
  budget_not_found: { da: 'Budgettet findes ikke.', en: 'The budget does not exist.' },
  budget_closed: { da: 'Budgettet er lukket og tager ikke imod idéer.', en: 'The budget is closed and takes no ideas.' },
  not_development_budget: { da: 'Idéer foreslås til udviklingsbudgettet.', en: 'Ideas are proposed for the development budget.' },
  forbidden: { da: 'Det kan kun borgeren, der foreslog idéen.', en: 'Only the citizen who proposed the idea can do that.' },
};
/** The domain's fields of a proposal, on the form's fields. */
export const PROPOSAL_FIELDS: Readonly<Record<string, { field: string; message: Message }>> = {
  title: { field: 'title', message: T.titleMissing },
  description: { field: 'description', message: T.descriptionMissing },
};

/** A development budget taking ideas, as a citizen sees it: its years, never its draft lines. */
export interface IdeaBudget {
  budgetId: string;
  centreId: string;
  fiscalYear: number;
}
export type MyIdea = PublicIdea & { mine: { proposed: boolean; supporting: boolean } };
export type IdeaNotice = 'proposed' | 'supported' | 'unsupported' | 'withdrawn';

export interface CitizenIdeas {
  centres: readonly CentreView[];
  centre: CentreView | null;
  budgets: readonly { budget: IdeaBudget; ideas: readonly MyIdea[] }[];
  notice: IdeaNotice | null;
}

export const budgetTitle = (lang: Lang, b: { fiscalYear: number }) => say(lang, T.development, { from: b.fiscalYear, to: b.fiscalYear + 4 });
export const supportCount = (lang: Lang, n: number) => counted(lang, n, T.support1, T.supports);
const NOTICES: Record<IdeaNotice, Message> = { proposed: T.proposed, supported: T.supported, unsupported: T.unsupported, withdrawn: T.withdrawnNotice };

/** What the board answered, in words: taken in (with its line, once public) or not (with the reason). */
export function answerText(lang: Lang, i: PublicIdea, lineHref?: string): Html {
  if (i.status === 'withdrawn') return html`<p>${badge(say(lang, T.withdrawn), 'info')}</p>`;
  const a = i.answer;
  if (!a) return html`<p class="form-hint mt-0">${say(lang, T.waiting)}</p>`;
  const resolution = a.resolution.title ? html`<p class="mb-2">${say(lang, T.resolution, { title: a.resolution.title })}</p>` : null;
  if (a.kind === 'not_taken_in') return html`<p class="mb-2">${badge(say(lang, T.notTakenIn), 'warning')}</p><p class="mb-2">${say(lang, T.because, { reason: a.reason ?? '' })}</p>${resolution}`;
  const line = a.line?.description
    ? html`<p class="mb-2">${lineHref ? html`<a href="${lineHref}">${say(lang, T.line, { line: a.line.description })}</a>` : say(lang, T.line, { line: a.line.description })}</p>`
    : html`<p class="mb-2">${say(lang, T.lineLater)}</p>`;
  return html`<p class="mb-2">${badge(say(lang, T.takenIn), 'success')}</p>${line}${resolution}`;
}

/** The idea's words, or that they were erased. */
const words = (lang: Lang, i: PublicIdea) => (i.erased ? html`<p><em>${say(lang, T.erased)}</em></p>` : i.description ? html`<p class="idea-description">${i.description}</p>` : null);
const ideaName = (lang: Lang, i: PublicIdea) => i.title ?? say(lang, i.erased ? T.erased : T.withdrawn);

function myIdeaCard(context: PageContext, i: MyIdea, errors: readonly FieldError[]): Html {
  const { lang } = context;
  const about = html`<span class="sr-only">${say(lang, T.about, { title: ideaName(lang, i) })}</span>`;
  const action = (path: string, id: string, text: Message, variant: 'primary' | 'secondary' | 'tertiary') => {
    const error = errorFor(errors, id);
    return postForm(
      context,
      `${IDEAS_PATH}/${i.ideaId}/${path}`,
      html`<div class="form-group${error ? ' form-error' : ''}">${errorOf(lang, id, error)}<button type="submit" class="button button-${variant}" id="${id}"${attr('aria-describedby', error ? `${id}-error` : undefined)}>${say(lang, text)}${about}</button></div>`,
    );
  };
  const open = i.status === 'open';
  const controls = !open
    ? null
    : i.mine.proposed
      ? action('traek-tilbage', `withdraw-${i.ideaId}`, T.withdraw, 'tertiary')
      : i.mine.supporting
        ? action('stoet-ikke', `unsupport-${i.ideaId}`, T.unsupport, 'secondary')
        : action('stoet', `support-${i.ideaId}`, T.support, 'primary');
  return html`<li class="card mb-5" id="idea-${i.ideaId}" tabindex="-1"><div class="card-content">
<h3 class="card-heading">${ideaName(lang, i)}</h3>
${i.mine.proposed ? html`<p class="mb-2">${badge(say(lang, T.yours), 'info')}</p>` : null}
${words(lang, i)}
<p class="mb-2" id="supports-${i.ideaId}"><strong>${supportCount(lang, i.supports)}</strong>${i.mine.supporting ? html` · <span id="you-support-${i.ideaId}">${say(lang, T.youSupport)}</span>` : null}</p>
${answerText(lang, i)}
${controls}
<p><a href="${ideaHref(i.centreId, i.ideaId)}">${say(lang, T.path)}${about}</a></p>
</div></li>`;
}

/** The ideas for the centre's development budgets, with what the citizen can do with each. */
export function citizenIdeasPage(context: PageContext, view: CitizenIdeas, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const budgets = !view.centre
    ? html`<p>${say(lang, T.noCentre)}</p>`
    : view.budgets.length === 0
      ? html`<p>${say(lang, T.noBudget)}</p>`
      : view.budgets.map(
          ({ budget, ideas }) => html`<h2 id="budget-${budget.budgetId}" tabindex="-1">${budgetTitle(lang, budget)}</h2>
${ideas.length === 0 ? html`<p>${say(lang, T.noIdeas)}</p>` : html`<ul class="nobullet-list" id="ideas-${budget.budgetId}">${ideas.map((i) => myIdeaCard(context, i, errors))}</ul>`}
<p><a class="button button-secondary" href="${IDEAS_PATH}/ny?budget=${budget.budgetId}" id="propose-${budget.budgetId}">${say(lang, T.propose)}</a></p>
<p><a href="${publicIdeasHref(budget.centreId, budget.budgetId)}">${say(lang, T.seePublic)}</a></p>`,
        );
  return page(context, {
    title: say(lang, T.title),
    back: '/mine-sider',
    errors,
    body: html`${notice(view.notice ? say(lang, NOTICES[view.notice]) : null)}
<p>${say(lang, T.intro)}</p>
<p>${say(lang, T.counts)}</p>
${centreChooser(context, IDEAS_PATH, view.centres, view.centre)}
${budgets}`,
  });
}

export interface ProposalAnswers {
  title: string;
  description: string;
}

/** What is wrong with a proposal as typed. */
export function checkProposal(lang: Lang, a: ProposalAnswers): FieldError[] {
  const errors: FieldError[] = [];
  const title = a.title.trim();
  const description = a.description.trim();
  if (title === '') errors.push({ field: 'title', message: say(lang, T.titleMissing) });
  else if (title.length > TITLE_MAX) errors.push({ field: 'title', message: say(lang, T.titleTooLong) });
  if (description === '') errors.push({ field: 'description', message: say(lang, T.descriptionMissing) });
  else if (description.length > DESCRIPTION_MAX) errors.push({ field: 'description', message: say(lang, T.descriptionTooLong) });
  return errors;
}

/** The question page: an idea's title and what it is, for one development budget. */
export function proposePage(context: PageContext, centre: CentreView, budget: IdeaBudget, a: ProposalAnswers, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const e = (field: string) => errorFor(errors, field);
  return page(context, {
    title: say(lang, T.proposeTitle),
    back: `${IDEAS_PATH}?centre=${centre.centreId}`,
    errors,
    body: postForm(
      context,
      `${IDEAS_PATH}/ny`,
      html`${hidden('budgetId', budget.budgetId)}<p><strong>${centre.name}</strong> · ${budgetTitle(lang, budget)}</p>
${textInput({ lang, id: 'title', label: say(lang, T.ideaTitle), hint: say(lang, T.ideaTitleHint), value: a.title, maxLength: TITLE_MAX, autocomplete: 'off', ...(e('title') ? { error: e('title')! } : {}) })}
${textArea({ lang, id: 'description', label: say(lang, T.ideaDescription), hint: say(lang, T.ideaDescriptionHint), value: a.description, maxLength: DESCRIPTION_MAX, rows: 6, ...(e('description') ? { error: e('description')! } : {}) })}
${button(say(lang, T.send), { id: 'send-idea' })}`,
      { id: 'idea-form' },
    ),
  });
}

// ---- In public ----

export interface PublicLine {
  lineId: string;
  description: string;
}

function publicIdeaItem(lang: Lang, i: PublicIdea): Html {
  return html`<li class="mb-4" id="public-idea-${i.ideaId}"><a href="${ideaHref(i.centreId, i.ideaId)}">${ideaName(lang, i)}</a> – ${supportCount(lang, i.answer?.supports ?? i.supports)}${
    i.answer?.kind === 'not_taken_in' ? html`<br><span class="form-hint">${say(lang, T.because, { reason: i.answer.reason ?? '' })}</span>` : null
  }</li>`;
}
const list = (lang: Lang, ideas: readonly PublicIdea[], id: string) => (ideas.length === 0 ? html`<p>${say(lang, T.none)}</p>` : html`<ul id="${id}">${ideas.map((i) => publicIdeaItem(lang, i))}</ul>`);

/**
 * A development budget's ideas in public: per line of the budget (once it is approved), the ideas
 * that became it; those not taken in, with the board's reasons; those still waiting for an answer.
 */
export function publicIdeasPage(context: PageContext, centre: CentreView, budget: IdeaBudget, lines: readonly PublicLine[] | null, ideas: readonly PublicIdea[]): Html {
  const { lang } = context;
  const takenIn = ideas.filter((i) => i.answer?.kind === 'taken_in');
  const byLine = lines
    ? html`<h2>${say(lang, T.byLine)}</h2>${lines
        .filter((l) => takenIn.some((i) => i.answer?.line?.lineId === l.lineId))
        .map((l) => html`<h3 id="line-${l.lineId}">${l.description}</h3>${list(lang, takenIn.filter((i) => i.answer?.line?.lineId === l.lineId), `line-ideas-${l.lineId}`)}`)}
${takenIn.length === 0 ? html`<p>${say(lang, T.none)}</p>` : null}
<p><a href="/centre/${centre.centreId}/budgetter/${budget.budgetId}">${say(lang, T.budgetPage)}</a></p>`
    : html`<h2>${say(lang, T.takenInDraft)}</h2>${list(lang, takenIn, 'taken-in')}`;
  return page(context, {
    title: `${say(lang, T.publicTitle)}: ${budgetTitle(lang, budget).toLowerCase()}`,
    back: `/centre/${centre.centreId}`,
    body: html`<p class="font-lead">${centre.name}</p>
<p>${say(lang, T.publicIntro)}</p>
${byLine}
<h2>${say(lang, T.answeredNo)}</h2>
${list(lang, ideas.filter((i) => i.answer?.kind === 'not_taken_in'), 'not-taken-in')}
<h2>${say(lang, T.open)}</h2>
${list(lang, ideas.filter((i) => i.status === 'open'), 'waiting')}`,
  });
}

const STEP: Record<IdeaPathStep['type'], Message> = {
  IdeaProposed: T.stepProposed,
  IdeaSupported: T.stepSupported,
  IdeaSupportWithdrawn: T.stepUnsupported,
  IdeaSupportErased: T.stepErased,
  IdeaWithdrawn: T.stepWithdrawn,
  IdeaAnswered: T.stepAnswered,
};

/** One idea's path, from proposal to the line it became (or the reason it did not), as anyone sees it. */
export function ideaPathPage(context: PageContext, centre: CentreView, budget: IdeaBudget, i: PublicIdea, path: readonly IdeaPathStep[], lineHref: string | undefined): Html {
  const { lang } = context;
  const text = i.erased ? html`<p id="idea-erased"><em>${say(lang, T.erasedLong)}</em></p>` : i.status === 'withdrawn' ? html`<p>${say(lang, T.withdrawnLong)}</p>` : words(lang, i);
  const steps = path.map(
    (s) => html`<li class="mb-3"><strong>${formatDay(lang, s.at)}</strong>: ${say(lang, STEP[s.type])}${
      s.type === 'IdeaSupported' || s.type === 'IdeaSupportWithdrawn' || s.type === 'IdeaSupportErased' ? html` (${say(lang, T.after, { n: supportCount(lang, s.supports) })})` : null
    }${s.type === 'IdeaAnswered' ? html` – ${say(lang, s.answer === 'taken_in' ? T.takenIn : T.notTakenIn).toLowerCase()}. ${say(lang, T.supportsAtAnswer, { n: s.supports })}` : null}</li>`,
  );
  return page(context, {
    title: ideaName(lang, i),
    back: publicIdeasHref(centre.centreId, budget.budgetId),
    body: html`<p class="font-lead">${centre.name} · ${budgetTitle(lang, budget)}</p>
${text}
${summaryList([
  { label: say(lang, T.proposedOn), value: formatDay(lang, i.proposedAt) },
  { label: say(lang, T.count), value: supportCount(lang, i.answer?.supports ?? i.supports) },
])}
<h2>${say(lang, T.status)}</h2>
${answerText(lang, i, lineHref)}
<h2>${say(lang, T.pathTitle)}</h2>
<ol id="idea-path">${steps}</ol>`,
  });
}
