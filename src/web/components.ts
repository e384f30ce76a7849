/**
 * Form and page components in Det Fælles Designsystem's own markup (its `.njk` macros in
 * node_modules/dkfds/src/components: form-group, form-label, form-hint, form-error-message,
 * form-input, radio buttons in a fieldset, select, buttons, back link, the error summary and the
 * structured list, checkboxes, short inputs with a width, an amount with its unit, alerts, badges
 * and tables). Ids are stable, so the error summary, labels and browser tests can find each field:
 * a field's id is its name (unless a name is given), the first radio or box of a group has the
 * group's id. Every area's pages use these; an area's own file keeps only what is its own.
 */
import { ICONS } from './assets.js';
import { attr, html, type Html, type Interpolation } from './html.js';
import { newId } from '../ids.js';
import { type Lang, type Message, say } from './i18n.js';

/** One field that was refused, and why, in the reader's language. `field` is the id of the element to go to. */
export interface FieldError {
  field: string;
  message: string;
}

export const CSRF_FIELD = '_csrf';
export const IDEMPOTENCY_FIELD = 'idempotencyKey';

/** A DKFDS icon from the sprite, hidden from screen readers unless it has a label. */
export function icon(name: string, label?: string): Html {
  return html`<svg class="icon-svg"${attr('aria-label', label)}${attr('aria-hidden', label ? undefined : 'true')} focusable="false"><use href="${ICONS}#${name}"></use></svg>`;
}

/** The message for a field among a form's refusals, if it was refused. */
export const errorFor = (errors: readonly FieldError[], field: string): string | undefined => errors.find((e) => e.field === field)?.message;

/** A label with its first letter capitalised, for a list, a cell or a heading. */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const ERROR_PREFIX: Message = { da: 'Fejl: ', en: 'Error: ' };
/** A field's (or a section's) error message, as DKFDS shows it above the field, with its id for aria-describedby. */
export const errorOf = (lang: Lang, id: string, error: string | undefined) =>
  error ? html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${say(lang, ERROR_PREFIX)}</span>${error}</span>` : null;
const OPTIONAL: Message = { da: ' (frivilligt)', en: ' (optional)' };
const optional = (lang: Lang, required: boolean) => (required ? null : html`<span class="weight-normal">${say(lang, OPTIONAL)}</span>`);
const hintOf = (id: string, hint: string | undefined) => (hint ? html`<span class="form-hint" id="${id}-hint">${hint}</span>` : null);
const describedBy = (id: string, hint: string | undefined, error: string | undefined) => {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return attr('aria-describedby', ids || undefined);
};

export interface TextInputOptions {
  lang: Lang;
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  type?: 'text' | 'email' | 'tel' | 'number';
  autocomplete?: string;
  /** Required unless false: DKFDS marks the optional ones "(frivilligt)". */
  required?: boolean;
  maxLength?: number;
}

/** A text input with its label, hint and error message (DKFDS `textinput`). */
export function textInput(o: TextInputOptions): Html {
  const required = o.required !== false;
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
<label class="form-label" for="${o.id}">${o.label}${optional(o.lang, required)}</label>
${hintOf(o.id, o.hint)}${errorOf(o.lang, o.id, o.error)}
<input type="${o.type ?? 'text'}" id="${o.id}" name="${o.id}" class="form-input"${attr('value', o.value)}${attr('aria-invalid', o.error ? 'true' : undefined)}${describedBy(o.id, o.hint, o.error)}${attr('required', required)}${attr('autocomplete', o.autocomplete)}${attr('maxlength', o.maxLength)}>
</div>`;
}

export interface FileInputOptions {
  lang: Lang;
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** The media types offered in the browser's file picker (the server decides what it takes). */
  accept?: readonly string[];
}

/** A file input with its label, hint and error message (DKFDS styles the plain `input[type=file]` after its label). */
export function fileInput(o: FileInputOptions): Html {
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
<label class="form-label" for="${o.id}">${o.label}</label>
${hintOf(o.id, o.hint)}${errorOf(o.lang, o.id, o.error)}
<input type="file" id="${o.id}" name="${o.id}"${attr('accept', o.accept?.join(','))}${attr('aria-invalid', o.error ? 'true' : undefined)}${describedBy(o.id, o.hint, o.error)} required>
</div>`;
}

/** A DKFDS width class for a short field (`input-width-xs` …): a short answer gets a short field. */
export type InputWidth = 'xxs' | 'xs' | 's' | 'm' | 'l';

export interface ShortInputOptions {
  lang: Lang;
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value?: string | undefined;
  /** Text (typed dates and clock times too: the browser's pickers write in the browser's locale), a number, or the browser's date or date-and-time picker. */
  type?: 'text' | 'number' | 'date' | 'datetime-local';
  width: InputWidth;
  required?: boolean;
  /** The id is the name unless given (two forms on one page may send the same name). */
  name?: string;
  min?: number;
  max?: number;
  step?: number;
  maxLength?: number;
  inputMode?: 'numeric' | 'decimal' | 'text';
  autocomplete?: string;
  /** A unit after the field (DKFDS `form-input-wrapper--suffix`), hidden from screen readers (the label says it). */
  suffix?: string;
}

/** A short input with its label, hint and error (DKFDS `textinput` with a width class), optionally with a unit after it. */
export function shortInput(o: ShortInputOptions): Html {
  const required = o.required !== false;
  const input = html`<input type="${o.type ?? 'text'}" id="${o.id}" name="${o.name ?? o.id}" class="form-input input-width-${o.width}"${attr('value', o.value)}${attr('aria-invalid', o.error ? 'true' : undefined)}${describedBy(o.id, o.hint, o.error)}${attr('required', required)}${attr('min', o.min)}${attr('max', o.max)}${attr('step', o.step)}${attr('maxlength', o.maxLength)}${attr('inputmode', o.inputMode)}${attr('autocomplete', o.autocomplete)}>`;
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
<label class="form-label" for="${o.id}">${o.label}${optional(o.lang, required)}</label>
${hintOf(o.id, o.hint)}${errorOf(o.lang, o.id, o.error)}
${o.suffix === undefined ? input : html`<div class="form-input-wrapper form-input-wrapper--suffix">
${input}
<div class="form-input-suffix" aria-hidden="true">${o.suffix}</div>
</div>`}
</div>`;
}

/** What the date, moment, code and kroner fields take: a short input's options but its type, width and unit. */
export type FieldOptions = Omit<ShortInputOptions, 'type' | 'width' | 'suffix' | 'step'>;

/** A day (the browser's date picker; typed as 30-06-2027 where there is none). */
export const dateInput = (o: FieldOptions) => shortInput({ ...o, type: 'date', width: 's' });

/** A moment in Danish time, to the second (the browser's date and time picker). */
export const momentInput = (o: FieldOptions) => shortInput({ ...o, type: 'datetime-local', width: 'm', step: 1 });

/** A code such as an account number or a year: as wide as it is long, never filled in by the browser. */
export const codeInput = (o: FieldOptions & { maxLength: number }) => shortInput({ autocomplete: 'off', ...o, width: o.maxLength <= 4 ? 'xs' : 's' });

const KR: Message = { da: 'kr.', en: 'DKK' };

/** An amount in kroner, typed in the reader's language, with the unit after the field. */
export const kronerInput = (o: FieldOptions) => shortInput({ ...o, width: 'm', inputMode: 'decimal', autocomplete: 'off', suffix: say(o.lang, KR) });

/** A text area with its label, hint and error message (DKFDS `textarea`): for a person's own words. */
export function textArea(o: Omit<TextInputOptions, 'type' | 'autocomplete'> & { rows?: number }): Html {
  const required = o.required !== false;
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
<label class="form-label" for="${o.id}">${o.label}${optional(o.lang, required)}</label>
${hintOf(o.id, o.hint)}${errorOf(o.lang, o.id, o.error)}
<textarea id="${o.id}" name="${o.id}" class="form-input" rows="${o.rows ?? 5}"${attr('aria-invalid', o.error ? 'true' : undefined)}${describedBy(o.id, o.hint, o.error)}${attr('required', required)}${attr('maxlength', o.maxLength)}>${o.value ?? ''}</textarea>
</div>`;
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

export interface RadioGroupOptions {
  lang: Lang;
  id: string;
  legend: string;
  choices: readonly Choice[];
  checked?: string | undefined;
  hint?: string;
  error?: string;
}

/** Radio buttons in a fieldset with a legend (DKFDS `radiobuttons`); the first has the group's id, for the error summary's link. */
export function radioGroup(o: RadioGroupOptions): Html {
  const radios = o.choices.map((c, i) => {
    const id = i === 0 ? o.id : `${o.id}-${i + 1}`;
    return html`<div class="form-group-radio">
<input type="radio" id="${id}" name="${o.id}" class="form-radio" value="${c.value}"${attr('checked', c.value === o.checked)}${attr('aria-describedby', c.hint ? `${id}-hint` : undefined)}>
<label class="form-label" for="${id}">${c.label}</label>${hintOf(id, c.hint)}
</div>`;
  });
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
<fieldset aria-labelledby="${o.id}-legend"${describedBy(o.id, o.hint, o.error)}>
<legend class="form-label" id="${o.id}-legend">${o.legend}</legend>
${hintOf(o.id, o.hint)}${errorOf(o.lang, o.id, o.error)}${radios}
</fieldset>
</div>`;
}

export interface CheckboxGroupOptions {
  lang: Lang;
  id: string;
  legend: string;
  choices: readonly Choice[];
  checked: readonly string[];
  hint?: string;
  error?: string | undefined;
  /** Whether at least one must be ticked; if not, the legend says "(frivilligt)". */
  required?: boolean;
}

/** Checkboxes in a fieldset with a legend (DKFDS `checkboxes`); the first has the group's id, for the error summary's link. */
export function checkboxGroup(o: CheckboxGroupOptions): Html {
  const boxes = o.choices.map((c, i) => {
    const id = i === 0 ? o.id : `${o.id}-${i + 1}`;
    return html`<div class="form-group-checkbox">
<input type="checkbox" id="${id}" name="${o.id}" class="form-checkbox" value="${c.value}"${attr('checked', o.checked.includes(c.value))}${attr('aria-describedby', c.hint ? `${id}-hint` : undefined)}>
<label class="form-label" for="${id}">${c.label}</label>${hintOf(id, c.hint)}
</div>`;
  });
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
<fieldset aria-labelledby="${o.id}-legend"${describedBy(o.id, o.hint, o.error)}>
<legend class="form-label" id="${o.id}-legend">${o.legend}${optional(o.lang, o.required === true)}</legend>
${hintOf(o.id, o.hint)}${errorOf(o.lang, o.id, o.error)}${boxes}
</fieldset>
</div>`;
}

export interface SelectOptions {
  lang: Lang;
  id: string;
  label: string;
  choices: readonly Choice[];
  /** More choices after `choices`, under headings (`optgroup`). */
  groups?: readonly { label: string; choices: readonly Choice[] }[];
  selected?: string | undefined;
  hint?: string;
  error?: string;
  required?: boolean;
}

/** A dropdown with its label (DKFDS `select`). */
export function select(o: SelectOptions): Html {
  const option = (c: Choice) => html`<option value="${c.value}"${attr('selected', c.value === o.selected)}>${c.label}</option>`;
  const options = [...o.choices.map(option), ...(o.groups ?? []).map((g) => html`<optgroup label="${g.label}">${g.choices.map(option)}</optgroup>`)];
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
<label class="form-label" for="${o.id}">${o.label}${optional(o.lang, o.required !== false)}</label>
${hintOf(o.id, o.hint)}${errorOf(o.lang, o.id, o.error)}
<select class="form-select" name="${o.id}" id="${o.id}"${attr('aria-invalid', o.error ? 'true' : undefined)}${describedBy(o.id, o.hint, o.error)}${attr('required', o.required !== false)}>${options}</select>
</div>`;
}

/** A button (DKFDS `button`): primary for the page's one action, secondary for the others. */
export function button(text: string, o: { variant?: 'primary' | 'secondary' | 'tertiary'; id?: string; name?: string; value?: string } = {}): Html {
  return html`<button type="submit" class="button button-${o.variant ?? 'primary'}"${attr('id', o.id)}${attr('name', o.name)}${attr('value', o.value)}>${text}</button>`;
}

export function hidden(name: string, value: string): Html {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}

const BACK: Message = { da: 'Tilbage', en: 'Back' };

/** The back link above a question (DKFDS `back_link`): to the previous question, never the browser's history. */
export function backLink(lang: Lang, href: string): Html {
  return html`<div><a href="${href}" class="back-link">${icon('chevron-left')}${say(lang, BACK)}</a></div>`;
}

const SUMMARY_HEADING: Message = { da: 'Der er et problem', en: 'There is a problem' };

/**
 * The error summary above the h1 (DKFDS: `alert alert-error` with a link to each field). DKFDS's
 * script moves focus to it and from a link to the field; without script the links still go there.
 */
export function errorSummary(lang: Lang, errors: readonly FieldError[]): Html | null {
  if (errors.length === 0) return null;
  return html`<div class="alert alert-error" role="alert" aria-labelledby="error-summary-title" data-module="error-summary" tabindex="-1">
${icon('error', lang === 'da' ? 'Fejl' : 'Error')}
<div class="alert-body">
<p class="alert-heading" id="error-summary-title">${say(lang, SUMMARY_HEADING)}</p>
<ul class="alert-text nobullet-list">${errors.map((e) => html`<li><a href="#${e.field}" class="function-link">${e.message}</a></li>`)}</ul>
</div>
</div>`;
}

export interface SummaryRow {
  label: string;
  value: Interpolation;
  /** Where to change the answer; its text says which answer, for screen readers. */
  change?: { href: string; text: string };
}

/** "Tjek dine svar": each answer in a row, with a link to change it (DKFDS `structured_list`). */
export function summaryList(rows: readonly SummaryRow[]): Html {
  const withChange = rows.some((r) => r.change);
  return html`<div class="table--responsive-scroll">
<table class="table structured-list">
<tbody>${rows.map(
    (r) => html`<tr><th scope="row">${r.label}</th><td>${r.value}</td>${
      withChange ? html`<td class="d-print-none">${r.change ? html`<a href="${r.change.href}">${r.change.text}<span class="sr-only"> ${r.label.toLowerCase()}</span></a>` : null}</td>` : null
    }</tr>`,
  )}</tbody>
</table>
</div>`;
}

export type AlertKind = 'success' | 'info' | 'warning' | 'error';

/**
 * A DKFDS alert: success after a command, info for how things stand, warning for what stands in
 * the way, error for what went wrong. A success is announced politely (`status`), an error at once
 * (`alert`); info and warning are read where they stand unless `role` says otherwise.
 */
export function alert(kind: AlertKind, text: Interpolation, o: { id?: string; role?: 'status' | 'alert' | null } = {}): Html {
  const role = o.role === undefined ? (kind === 'success' ? 'status' : kind === 'error' ? 'alert' : undefined) : (o.role ?? undefined);
  return html`<div class="alert alert-${kind}"${attr('role', role)}${attr('id', o.id)}><div class="alert-body"><p class="alert-text">${text}</p></div></div>`;
}

/** An alert that answers what the reader just did (a thing done, a search's result), announced politely; none without a text. */
export function notice(text: Interpolation, kind: AlertKind = 'success'): Html | null {
  return text === null || text === undefined || text === '' ? null : alert(kind, text, { role: 'status' });
}

/** A status as a DKFDS badge. */
export function badge(text: string, status: 'success' | 'info' | 'warning' | 'error'): Html {
  return html`<span class="badge badge-${status}">${text}</span>`;
}

export interface TableCell {
  value: Interpolation;
  /** Right-aligned, as numbers are. */
  numeric?: boolean;
  /** The cell heads its row. */
  header?: boolean;
}

/** A table (DKFDS `table--zebra`): a caption, column headings (numbers right-aligned), rows whose `header` cell heads the row, and a foot. Scrolls sideways on a narrow screen, by keyboard too. */
export function table(caption: string, head: readonly { text: string; numeric?: boolean }[], rows: readonly (readonly TableCell[])[], foot?: readonly TableCell[]): Html {
  const align = (numeric: boolean | undefined) => attr('class', numeric ? 'align-text-right' : undefined);
  const cell = (c: TableCell) => (c.header ? html`<th scope="row"${align(c.numeric)}>${c.value}</th>` : html`<td${align(c.numeric)}>${c.value}</td>`);
  return html`<div class="table--responsive-scroll" tabindex="0"><table class="table table--zebra">
<caption>${caption}</caption>
<thead><tr>${head.map((h) => html`<th scope="col"${align(h.numeric)}>${h.text}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map(cell)}</tr>`)}</tbody>
${foot ? html`<tfoot><tr>${foot.map(cell)}</tr></tfoot>` : null}
</table></div>`;
}

/** What every form needs from the page: the CSRF token bound to this browser. */
export interface FormContext {
  csrf: string;
}

/**
 * A form that POSTs, with the CSRF token and a fresh idempotency key: a double submit (a
 * double click, a reload, the back button) sends the same key, so the command records once.
 * `noValidate`: the server's checks and the error summary speak, not the browser's bubbles.
 */
export function postForm(context: FormContext, action: string, body: Interpolation, o: { id?: string; idempotent?: boolean; enctype?: 'multipart/form-data' } = {}): Html {
  return html`<form method="post" action="${action}" novalidate${attr('id', o.id)}${attr('enctype', o.enctype)}>
${hidden(CSRF_FIELD, context.csrf)}${o.idempotent === false ? null : hidden(IDEMPOTENCY_FIELD, newId())}
${body}
</form>`;
}

/** A form that only asks for a page (GET): no CSRF token and no idempotency key, nothing is recorded. */
export function getForm(action: string, body: Interpolation, id?: string): Html {
  return html`<form method="get" action="${action}" novalidate${attr('id', id)}>${body}</form>`;
}
