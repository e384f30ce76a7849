/**
 * The entrepreneurs' track's own forms, each one question the citizen chooses to answer: a
 * milestone in their words and the month they hope for (their aim, never a time set for them),
 * revised or removed (asked once); how it is going in a quarter (a status, and a note if they
 * like); the day their business started; whether it still runs one, two or three years on.
 */
import { BUSINESS_STATUSES, type BusinessStatus, quarterOf, type SurvivalYear } from '../../domain/venture/venture.js';
import { CHECK_IN_NOTE_MAX, MILESTONE_TEXT_MAX } from '../../domain/venture/decide.js';
import { button, errorFor, errorOf, type FieldError, postForm, radioGroup, shortInput, textArea } from '../components.js';
import { attr, html, type Html } from '../html.js';
import { formatDay, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { monthName, quarterText } from './activities-parts.js';
import { looksLikeADate, parseDate } from './staff-parts.js';
import { BUSINESS_STATUS_LABELS, type TrackView, VENTURE_PATH, type Words, wordsText } from './venture.js';

const T = {
  newTitle: { da: 'Sæt et delmål', en: 'Set a milestone' },
  reviseTitle: { da: 'Ret dit delmål', en: 'Change your milestone' },
  text: { da: 'Dit delmål, med dine egne ord', en: 'Your milestone, in your own words' },
  textHint: { da: 'Fx »Have min første kunde« eller »Lave en hjemmeside«.', en: 'E.g. “Have my first customer” or “Make a website”.' },
  textMissing: { da: 'Skriv dit delmål', en: 'Write your milestone' },
  textTooLong: { da: 'Dit delmål må højst være 500 tegn', en: 'Your milestone can be at most 500 characters' },
  hoped: { da: 'Hvornår håber du at nå det?', en: 'When do you hope to get there?' },
  hopedHint: {
    da: 'Kun hvis du vil. Det er dit eget mål – ingen holder dig op på det, og du kan altid ændre det.',
    en: 'Only if you want to. It is your own aim – nobody holds you to it, and you can always change it.',
  },
  optional: { da: ' (frivilligt)', en: ' (optional)' },
  month: { da: 'Måned', en: 'Month' },
  year: { da: 'År', en: 'Year' },
  noMonth: { da: 'Ingen bestemt måned', en: 'No particular month' },
  noYear: { da: 'Intet bestemt år', en: 'No particular year' },
  monthWithoutYear: { da: 'Vælg også et år – eller ingen måned', en: 'Choose a year too – or no month' },
  yearWithoutMonth: { da: 'Vælg også en måned – eller intet år', en: 'Choose a month too – or no year' },
  save: { da: 'Gem delmålet', en: 'Save the milestone' },
  removeTitle: { da: 'Vil du fjerne delmålet?', en: 'Do you want to remove the milestone?' },
  removeText: { da: 'Du kan altid sætte et nyt. Intet følger af at fjerne et delmål.', en: 'You can always set a new one. Nothing follows from removing a milestone.' },
  removeConfirm: { da: 'Ja, fjern delmålet', en: 'Yes, remove the milestone' },
  keep: { da: 'Nej, behold det', en: 'No, keep it' },
  // Check-in
  checkInTitle: { da: 'Hvordan går det?', en: 'How is it going?' },
  checkInText: {
    da: 'Det er helt frivilligt at fortælle, og ingen minder dig om det. Har du allerede fortalt om et kvartal, erstatter det nye svar det gamle.',
    en: 'Telling is entirely voluntary, and nobody reminds you of it. If you have already told about a quarter, the new answer replaces the old one.',
  },
  quarter: { da: 'Hvilket kvartal?', en: 'Which quarter?' },
  quarterBad: { da: 'Vælg et af kvartalerne på listen', en: 'Choose one of the quarters in the list' },
  status: { da: 'Hvordan står det til med virksomheden?', en: 'How does the business stand?' },
  statusMissing: { da: 'Vælg det, der passer bedst', en: 'Choose what fits best' },
  note: { da: 'Vil du skrive lidt mere?', en: 'Would you like to write a bit more?' },
  noteHint: { da: 'Fx hvad der går godt, eller hvad du gerne vil have hjælp til.', en: 'E.g. what is going well, or what you would like help with.' },
  noteTooLong: { da: 'Teksten må højst være 2.000 tegn', en: 'The text can be at most 2,000 characters' },
  checkInSave: { da: 'Gem', en: 'Save' },
  // Business start
  startTitle: { da: 'Hvornår startede din virksomhed?', en: 'When did your business start?' },
  startLabel: { da: 'Startdato', en: 'Start date' },
  startHint: { da: 'Fx 1.3.2026', en: 'E.g. 1.3.2026 (day, month, year)' },
  startBad: { da: 'Skriv datoen, fx 1.3.2026', en: 'Type the date, e.g. 1.3.2026' },
  startMissing: { da: 'Datoen findes ikke. Tjek dag og måned', en: 'That date does not exist. Check the day and the month' },
  startFuture: { da: 'Skriv den dag, virksomheden startede: i dag eller tidligere', en: 'Type the day the business started: today or earlier' },
  cvr: { da: 'Har virksomheden et CVR-nummer?', en: 'Does the business have a CVR number?' },
  cvrHint: { da: 'Du behøver ikke svare. Skriv aldrig selve nummeret her.', en: 'You do not have to answer. Never type the number itself here.' },
  yes: { da: 'Ja', en: 'Yes' },
  no: { da: 'Nej', en: 'No' },
  startSave: { da: 'Gem startdatoen', en: 'Save the start date' },
  // Survival
  survivalTitle: { da: 'Kører din virksomhed stadig?', en: 'Is your business still running?' },
  survivalLegend: { da: 'Kørte din virksomhed stadig {when}?', en: 'Was your business still running {when}?' },
  survivalWhen: { da: '{n} år efter, den startede {day}', en: '{n} {years} after it started on {day}' },
  survivalText: {
    da: 'Du behøver ikke svare. Dit svar tælles kun med i centrets samlede tal – aldrig med dit navn.',
    en: 'You do not have to answer. Your answer counts only in the centre’s overall figures – never with your name.',
  },
  running: { da: 'Ja, den kørte stadig', en: 'Yes, it was still running' },
  notRunning: { da: 'Nej, den kørte ikke længere', en: 'No, it was no longer running' },
  survivalMissing: { da: 'Vælg ja eller nej – eller gå tilbage uden at svare', en: 'Choose yes or no – or go back without answering' },
  survivalSave: { da: 'Gem mit svar', en: 'Save my answer' },
  back: { da: 'Tilbage uden at svare', en: 'Back without answering' },
} satisfies Record<string, Message>;

/** The domain's fields for the track, on the forms' fields. */
export const VENTURE_FIELDS: Readonly<Record<string, { field: string; message: Message }>> = {
  text: { field: 'text', message: T.textTooLong },
  hopedFor: { field: 'hopedMonth', message: T.monthWithoutYear },
  quarter: { field: 'quarter', message: T.quarterBad },
  status: { field: 'status', message: T.statusMissing },
  note: { field: 'note', message: T.noteTooLong },
  startedOn: { field: 'startedOn', message: T.startFuture },
  running: { field: 'running', message: T.survivalMissing },
  businessIdea: { field: 'businessIdea', message: T.noteTooLong },
  reason: { field: 'reason', message: T.noteTooLong },
};

// ---- Milestones ----

export interface MilestoneAnswers {
  text: string;
  hopedMonth: string;
  hopedYear: string;
}

/** A month as the milestone form shows it. */
export const milestoneAnswersOf = (m: { text: Words; hopedFor: string | null }, lang: Lang): MilestoneAnswers => ({
  text: wordsText(lang, m.text),
  hopedMonth: m.hopedFor ? String(Number(m.hopedFor.slice(5, 7))) : '',
  hopedYear: m.hopedFor ? m.hopedFor.slice(0, 4) : '',
});

/** The answers checked: the text and month (YYYY-MM) the command takes, or the fields to put right; null: a value no form offers. */
export function checkMilestone(lang: Lang, a: MilestoneAnswers): { errors: FieldError[]; text: string; hopedFor: string | undefined } | null {
  const month = a.hopedMonth === '' ? null : /^([1-9]|1[0-2])$/.test(a.hopedMonth) ? Number(a.hopedMonth) : NaN;
  const year = a.hopedYear === '' ? null : /^\d{4}$/.test(a.hopedYear) ? Number(a.hopedYear) : NaN;
  if (Number.isNaN(month) || Number.isNaN(year)) return null;
  const errors: FieldError[] = [];
  const text = a.text.trim();
  if (text === '') errors.push({ field: 'text', message: say(lang, T.textMissing) });
  else if (text.length > MILESTONE_TEXT_MAX) errors.push({ field: 'text', message: say(lang, T.textTooLong) });
  if (month !== null && year === null) errors.push({ field: 'hopedYear', message: say(lang, T.monthWithoutYear) });
  if (month === null && year !== null) errors.push({ field: 'hopedMonth', message: say(lang, T.yearWithoutMonth) });
  const hopedFor = month !== null && year !== null ? `${year}-${String(month).padStart(2, '0')}` : undefined;
  return { errors, text, hopedFor };
}

/** A select of our own, so an optional one is not marked required. */
function plainSelect(lang: Lang, id: string, label: string, choices: readonly { value: string; label: string }[], selected: string, error: string | undefined): Html {
  return html`<div class="form-group${error ? ' form-error' : ''}">
<label class="form-label" for="${id}">${label}</label>
${errorOf(lang, id, error)}
<select class="form-select" name="${id}" id="${id}"${attr('aria-invalid', error ? 'true' : undefined)}${attr('aria-describedby', error ? `${id}-error` : undefined)}>${choices.map((c) => html`<option value="${c.value}"${attr('selected', c.value === selected)}>${c.label}</option>`)}</select>
</div>`;
}

/** Setting a milestone (no `milestoneId`) or changing one. `thisYear`: the year now, in Denmark. */
export function milestonePage(context: PageContext, a: MilestoneAnswers, thisYear: number, errors: readonly FieldError[] = [], milestoneId?: string): Html {
  const { lang } = context;
  const e = (field: string) => errorFor(errors, field);
  const first = Math.min(thisYear, a.hopedYear ? Number(a.hopedYear) : thisYear);
  const last = Math.max(thisYear + 10, a.hopedYear ? Number(a.hopedYear) : thisYear);
  const months = [{ value: '', label: say(lang, T.noMonth) }, ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: monthName(lang, i + 1) }))];
  const years = [{ value: '', label: say(lang, T.noYear) }, ...Array.from({ length: last - first + 1 }, (_, i) => ({ value: String(first + i), label: String(first + i) }))];
  const action = milestoneId ? `${VENTURE_PATH}/delmaal/${milestoneId}/ret` : `${VENTURE_PATH}/delmaal`;
  return page(context, {
    title: say(lang, milestoneId ? T.reviseTitle : T.newTitle),
    back: VENTURE_PATH,
    errors,
    body: postForm(
      context,
      action,
      html`${textArea({ lang, id: 'text', label: say(lang, T.text), hint: say(lang, T.textHint), value: a.text, maxLength: MILESTONE_TEXT_MAX, rows: 3, ...(e('text') ? { error: e('text')! } : {}) })}
<div class="form-group"><fieldset aria-describedby="hoped-hint">
<legend class="form-label">${say(lang, T.hoped)}<span class="weight-normal">${say(lang, T.optional)}</span></legend>
<span class="form-hint" id="hoped-hint">${say(lang, T.hopedHint)}</span>
${plainSelect(lang, 'hopedMonth', say(lang, T.month), months, a.hopedMonth, e('hopedMonth'))}
${plainSelect(lang, 'hopedYear', say(lang, T.year), years, a.hopedYear, e('hopedYear'))}
</fieldset></div>
${button(say(lang, T.save), { id: 'save-milestone' })}`,
      { id: 'milestone-form' },
    ),
  });
}

export function removeMilestonePage(context: PageContext, m: TrackView['milestones'][number], errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.removeTitle),
    back: VENTURE_PATH,
    errors,
    body: html`<blockquote class="mb-5"><p>${wordsText(lang, m.text)}</p></blockquote>
<p>${say(lang, T.removeText)}</p>
${postForm(context, `${VENTURE_PATH}/delmaal/${m.milestoneId}/fjern`, button(say(lang, T.removeConfirm), { id: 'confirm-remove' }), { id: 'remove-form' })}
<p><a href="${VENTURE_PATH}">${say(lang, T.keep)}</a></p>`,
  });
}

// ---- How it is going ----

/** The quarters a check-in may be for: from the one the citizen first joined in to this one, newest first (at most twelve). */
export function quartersFor(firstJoinedDay: string, today: string): string[] {
  const first = quarterOf(firstJoinedDay);
  const out: string[] = [];
  let year = Number(today.slice(0, 4));
  let n = Number(quarterOf(today).slice(6));
  while (out.length < 12) {
    const q = `${year}-Q${n}`;
    if (q < first) break;
    out.push(q);
    n -= 1;
    if (n === 0) {
      n = 4;
      year -= 1;
    }
  }
  return out;
}

export interface CheckInAnswers {
  quarter: string;
  status: string;
  note: string;
}

/** The answers checked (null: a quarter or status no form offers). */
export function checkCheckIn(lang: Lang, a: CheckInAnswers, quarters: readonly string[]): { errors: FieldError[]; status: BusinessStatus | undefined } | null {
  const status = BUSINESS_STATUSES.find((s) => s === a.status);
  if (!quarters.includes(a.quarter) || (a.status !== '' && !status)) return null;
  const errors: FieldError[] = [];
  if (!status) errors.push({ field: 'status', message: say(lang, T.statusMissing) });
  if (a.note.trim().length > CHECK_IN_NOTE_MAX) errors.push({ field: 'note', message: say(lang, T.noteTooLong) });
  return { errors, status };
}

export function checkInPage(context: PageContext, quarters: readonly string[], a: CheckInAnswers, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const e = (field: string) => errorFor(errors, field);
  return page(context, {
    title: say(lang, T.checkInTitle),
    back: VENTURE_PATH,
    errors,
    body: html`<p>${say(lang, T.checkInText)}</p>
${postForm(
  context,
  `${VENTURE_PATH}/status`,
  html`${plainSelect(lang, 'quarter', say(lang, T.quarter), quarters.map((q) => ({ value: q, label: quarterText(lang, q) })), a.quarter, e('quarter'))}
${radioGroup({ lang, id: 'status', legend: say(lang, T.status), choices: BUSINESS_STATUSES.map((s) => ({ value: s, label: say(lang, BUSINESS_STATUS_LABELS[s]) })), checked: a.status, ...(e('status') ? { error: e('status')! } : {}) })}
${textArea({ lang, id: 'note', label: say(lang, T.note), hint: say(lang, T.noteHint), value: a.note, required: false, maxLength: CHECK_IN_NOTE_MAX, rows: 4, ...(e('note') ? { error: e('note')! } : {}) })}
${button(say(lang, T.checkInSave), { id: 'save-check-in' })}`,
  { id: 'check-in-form' },
)}`,
  });
}

// ---- The business ----

export interface StartAnswers {
  startedOn: string;
  hasCvr: string;
}

/** The day as typed, checked against today (YYYY-MM-DD, Denmark); null: an answer to the CVR question no form offers. */
export function checkStart(lang: Lang, a: StartAnswers, today: string): { errors: FieldError[]; startedOn: string | null; hasCvr: boolean | undefined } | null {
  if (!['', 'yes', 'no'].includes(a.hasCvr)) return null;
  const startedOn = parseDate(a.startedOn);
  const errors: FieldError[] = [];
  if (!startedOn) errors.push({ field: 'startedOn', message: say(lang, looksLikeADate(a.startedOn) ? T.startMissing : T.startBad) });
  else if (startedOn > today) errors.push({ field: 'startedOn', message: say(lang, T.startFuture) });
  return { errors, startedOn, hasCvr: a.hasCvr === '' ? undefined : a.hasCvr === 'yes' };
}

export function businessStartPage(context: PageContext, a: StartAnswers, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.startTitle),
    back: VENTURE_PATH,
    errors,
    body: postForm(
      context,
      `${VENTURE_PATH}/virksomhed`,
      html`${shortInput({ lang, id: 'startedOn', label: say(lang, T.startLabel), hint: say(lang, T.startHint), type: 'text', width: 's', value: a.startedOn, error: errorFor(errors, 'startedOn'), maxLength: 10, autocomplete: 'off' })}
${radioGroup({ lang, id: 'hasCvr', legend: `${say(lang, T.cvr)}${say(lang, T.optional)}`, hint: say(lang, T.cvrHint), choices: [{ value: 'yes', label: say(lang, T.yes) }, { value: 'no', label: say(lang, T.no) }], checked: a.hasCvr })}
${button(say(lang, T.startSave), { id: 'save-start' })}`,
      { id: 'start-form' },
    ),
  });
}

/** The survival question sent without an answer. */
export const survivalMissing = (lang: Lang): FieldError => ({ field: 'running', message: say(lang, T.survivalMissing) });

/** Whether the business still ran `years` on: one question, offered only once that anniversary has come. */
export function survivalPage(context: PageContext, years: SurvivalYear, startedOn: string, checked: string | undefined, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const when = say(lang, T.survivalWhen, { n: years, years: years === 1 ? 'year' : 'years', day: formatDay(lang, startedOn) });
  const error = errorFor(errors, 'running');
  return page(context, {
    title: say(lang, T.survivalTitle),
    back: VENTURE_PATH,
    errors,
    body: html`<p>${say(lang, T.survivalText)}</p>
${postForm(
  context,
  `${VENTURE_PATH}/drift/${years}`,
  html`${radioGroup({
    lang,
    id: 'running',
    legend: say(lang, T.survivalLegend, { when }),
    choices: [
      { value: 'yes', label: say(lang, T.running) },
      { value: 'no', label: say(lang, T.notRunning) },
    ],
    checked,
    ...(error ? { error } : {}),
  })}
${button(say(lang, T.survivalSave), { id: 'save-survival' })}`,
  { id: 'survival-form' },
)}
<p><a href="${VENTURE_PATH}" id="no-answer">${say(lang, T.back)}</a></p>`,
  });
}
