/**
 * Form and page components in Det Fælles Designsystem's own markup (its `.njk` macros in
 * node_modules/dkfds/src/components: form-group, form-label, form-hint, form-error-message,
 * form-input, radio buttons in a fieldset, select, buttons, back link, the error summary and the
 * structured list). Ids are stable, so the error summary, labels and browser tests can find each
 * field: a field's id is its name, the first radio of a group has the group's id.
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

const ERROR_PREFIX: Message = { da: 'Fejl: ', en: 'Error: ' };
const errorOf = (lang: Lang, id: string, error: string | undefined) =>
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

export interface SelectOptions {
  lang: Lang;
  id: string;
  label: string;
  choices: readonly Choice[];
  selected?: string | undefined;
  hint?: string;
  error?: string;
  required?: boolean;
}

/** A dropdown with its label (DKFDS `select`). */
export function select(o: SelectOptions): Html {
  const options = o.choices.map((c) => html`<option value="${c.value}"${attr('selected', c.value === o.selected)}>${c.label}</option>`);
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

/** What every form needs from the page: the CSRF token bound to this browser. */
export interface FormContext {
  csrf: string;
}

/**
 * A form that POSTs, with the CSRF token and a fresh idempotency key: a double submit (a
 * double click, a reload, the back button) sends the same key, so the command records once.
 * `noValidate`: the server's checks and the error summary speak, not the browser's bubbles.
 */
export function postForm(context: FormContext, action: string, body: Interpolation, o: { id?: string; idempotent?: boolean } = {}): Html {
  return html`<form method="post" action="${action}" novalidate${attr('id', o.id)}>
${hidden(CSRF_FIELD, context.csrf)}${o.idempotent === false ? null : hidden(IDEMPOTENCY_FIELD, newId())}
${body}
</form>`;
}
