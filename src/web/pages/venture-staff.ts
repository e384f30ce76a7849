/**
 * The entrepreneurs' track for staff: the centre's survival share at one, two and three years
 * against its goal that at least half of the businesses still run. Counts only, from the
 * citizens' own answers: how many businesses have reached the anniversary, how many of their
 * owners answered, how many said it runs. No citizen is seen here, and no benefit data exists.
 */
import type { PublishedSurvival } from '../../projections/ventures/queries.js';
import { badge, table } from '../components.js';
import { html, type Html } from '../html.js';
import { type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { percentText } from './activities-parts.js';
import { staffNav } from './staff-parts.js';
import { yearsOn } from './venture.js';

export const STAFF_VENTURES_PATH = '/medarbejder/ivaerksaettere';

const T = {
  title: { da: 'Iværksættere', en: 'Entrepreneurs' },
  intro: {
    da: 'Centrets mål er, at mindst {goal} af de virksomheder, der er startet fra iværksætterforløbet, stadig kører efter et, to og tre år. Tallene bygger på borgernes egne svar, som de selv vælger at give. Her ses kun antal – aldrig hvem.',
    en: 'The centre’s goal is that at least {goal} of the businesses started from the entrepreneurs’ track are still running after one, two and three years. The figures rest on the citizens’ own answers, which they choose to give. Only counts show here – never who.',
  },
  outside: {
    da: 'Forløbet rummer ingen oplysninger om ydelser. Iværksætterydelsen og indberetninger til A-kasserne ligger uden for Virkelyst.',
    en: 'The track holds no benefit data. The entrepreneur allowance and reports to the A-kasser stay outside Virkelyst.',
  },
  caption: { da: 'Virksomheder, der stadig kører', en: 'Businesses still running' },
  when: { da: 'Hvornår', en: 'When' },
  reached: { da: 'Virksomheder så gamle', en: 'Businesses this old' },
  answered: { da: 'Har svaret', en: 'Have answered' },
  running: { da: 'Kører stadig', en: 'Still running' },
  share: { da: 'Andel', en: 'Share' },
  goal: { da: 'Mål: mindst {goal}', en: 'Goal: at least {goal}' },
  notEnough: { da: 'Ikke nok svar endnu', en: 'Not enough answers yet' },
  few: { da: 'Under 5', en: 'Under 5' },
  disclosure: {
    da: 'Færre end 5 virksomheder vises ikke som et tal, og andelen vises først, når mindst 10 har svaret – så ingen enkelt borgers svar kan læses ud af tallene.',
    en: 'Fewer than 5 businesses are not shown as a number, and the share only once at least 10 have answered – so no single citizen’s answer can be read from the figures.',
  },
  met: { da: 'Målet er nået', en: 'The goal is met' },
  notMet: { da: 'Under målet', en: 'Below the goal' },
} satisfies Record<string, Message>;

export function survivalPage(context: PageContext, share: PublishedSurvival): Html {
  const { lang } = context;
  const goal = percentText(lang, share.goal);
  const rows = share.years.map((y) => [
    { value: yearsOn(lang, y.years), header: true },
    { value: y.reached ?? say(lang, T.few), numeric: true },
    { value: y.answered ?? say(lang, T.few), numeric: true },
    { value: y.running ?? '–', numeric: true },
    { value: y.share === null ? say(lang, T.notEnough) : percentText(lang, y.share), numeric: true },
    { value: y.meetsGoal === null ? '–' : y.meetsGoal ? badge(say(lang, T.met), 'success') : badge(say(lang, T.notMet), 'warning') },
  ]);
  return page(context, {
    title: say(lang, T.title),
    body: html`${staffNav(context)}
<p>${say(lang, T.intro, { goal })}</p>
<p>${say(lang, T.outside)}</p>
<p>${say(lang, T.disclosure)}</p>
<div id="survival-share">${table(
      say(lang, T.caption),
      [
        { text: say(lang, T.when) },
        { text: say(lang, T.reached), numeric: true },
        { text: say(lang, T.answered), numeric: true },
        { text: say(lang, T.running), numeric: true },
        { text: say(lang, T.share), numeric: true },
        { text: say(lang, T.goal, { goal }) },
      ],
      rows,
    )}</div>`,
  });
}
