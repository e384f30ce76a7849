/**
 * The shared form and page components: DKFDS markup, ids the error summary and labels can find,
 * errors and hints wired to their field, the optional marked, and text escaped.
 */
import { describe, expect, it } from 'vitest';
import {
  alert,
  badge,
  capitalised,
  checkboxGroup,
  codeInput,
  dateInput,
  errorFor,
  errorOf,
  getForm,
  kronerInput,
  momentInput,
  notice,
  shortInput,
  table,
} from './components.js';
import { html } from './html.js';

const text = (h: { toString(): string } | null) => (h === null ? '' : h.toString());

describe('errors and labels', () => {
  it('finds the message for a field among the refusals, and none for a field that was not refused', () => {
    const errors = [
      { field: 'a', message: 'Skriv a' },
      { field: 'b', message: 'Skriv b' },
    ];
    expect(errorFor(errors, 'b')).toBe('Skriv b');
    expect(errorFor(errors, 'c')).toBeUndefined();
  });

  it('shows an error as DKFDS does, with its id for aria-describedby and "Fejl:" for screen readers; nothing without one', () => {
    expect(text(errorOf('da', 'x', 'For langt'))).toBe('<span class="form-error-message" id="x-error"><span class="sr-only">Fejl: </span>For langt</span>');
    expect(text(errorOf('en', 'x', 'Too long'))).toContain('<span class="sr-only">Error: </span>Too long');
    expect(errorOf('da', 'x', undefined)).toBeNull();
  });

  it('capitalises the first letter only', () => {
    expect(capitalised('årsbudget 2027')).toBe('Årsbudget 2027');
    expect(capitalised('')).toBe('');
  });
});

describe('checkboxGroup', () => {
  const choices = [
    { value: 'job', label: 'Job' },
    { value: 'health', label: 'Helbred', hint: 'Kun hvis borgeren vil' },
  ];

  it('gives the first box the group’s id and the others numbered ids, all named by the group, in a fieldset labelled by its legend', () => {
    const out = text(checkboxGroup({ lang: 'da', id: 'topics', legend: 'Emner', choices, checked: ['health'] }));
    expect(out).toContain('<input type="checkbox" id="topics" name="topics" class="form-checkbox" value="job">');
    expect(out).toContain('<input type="checkbox" id="topics-2" name="topics" class="form-checkbox" value="health" checked aria-describedby="topics-2-hint">');
    expect(out).toContain('<span class="form-hint" id="topics-2-hint">Kun hvis borgeren vil</span>');
    expect(out).toContain('<fieldset aria-labelledby="topics-legend">');
    expect(out).toContain('<legend class="form-label" id="topics-legend">Emner<span class="weight-normal"> (frivilligt)</span></legend>');
  });

  it('marks none as optional when one must be ticked, and shows its error on the group', () => {
    const out = text(checkboxGroup({ lang: 'en', id: 'present', legend: 'Who is present?', choices, checked: [], required: true, error: 'Tick who is present' }));
    expect(out).not.toContain('(optional)');
    expect(out).toContain('<div class="form-group form-error">');
    expect(out).toContain('aria-describedby="present-error"');
    expect(out).toContain('<span class="sr-only">Error: </span>Tick who is present');
  });
});

describe('short inputs', () => {
  it('writes a short input with its width, limits and input mode; the id is the name unless one is given', () => {
    const out = text(shortInput({ lang: 'da', id: 'durationMinutes', label: 'Varighed', type: 'number', width: 'xxs', value: '45', min: 10, max: 240, inputMode: 'numeric' }));
    expect(out).toContain('<input type="number" id="durationMinutes" name="durationMinutes" class="form-input input-width-xxs" value="45" required min="10" max="240" inputmode="numeric">');
    expect(out).toContain('<label class="form-label" for="durationMinutes">Varighed</label>');
    const named = text(shortInput({ lang: 'da', id: 'move-year', name: 'year', label: 'År', width: 'xs' }));
    expect(named).toContain('id="move-year" name="year"');
  });

  it('says "(frivilligt)" for an optional field, and ties hint and error to it', () => {
    const out = text(shortInput({ lang: 'da', id: 'ref', label: 'Reference', width: 's', required: false, hint: 'Fx 7F3A-09C2', error: 'Skriv referencen' }));
    expect(out).toContain('Reference<span class="weight-normal"> (frivilligt)</span>');
    expect(out).toContain('aria-invalid="true" aria-describedby="ref-hint ref-error"');
    expect(out).not.toContain(' required');
  });

  it('has a date, a moment to the second, a code as wide as it is long, and kroner with the unit after the field', () => {
    expect(text(dateInput({ lang: 'da', id: 'on', label: 'Dato' }))).toContain('<input type="date" id="on" name="on" class="form-input input-width-s" required>');
    expect(text(momentInput({ lang: 'da', id: 'at', label: 'Tidspunkt' }))).toContain('<input type="datetime-local" id="at" name="at" class="form-input input-width-m" required step="1">');
    expect(text(codeInput({ lang: 'da', id: 'fiscalYear', label: 'År', maxLength: 4, inputMode: 'numeric' }))).toContain('class="form-input input-width-xs" required maxlength="4" inputmode="numeric" autocomplete="off"');
    expect(text(codeInput({ lang: 'da', id: 'financeAccount', label: 'Konto', maxLength: 11 }))).toContain('input-width-s');
    const kroner = text(kronerInput({ lang: 'en', id: 'amount', label: 'Amount', value: '1,250.00' }));
    expect(kroner).toContain('<div class="form-input-wrapper form-input-wrapper--suffix">');
    expect(kroner).toContain('<input type="text" id="amount" name="amount" class="form-input input-width-m" value="1,250.00" required inputmode="decimal" autocomplete="off">');
    expect(kroner).toContain('<div class="form-input-suffix" aria-hidden="true">DKK</div>');
    expect(text(kronerInput({ lang: 'da', id: 'amount', label: 'Beløb' }))).toContain('>kr.</div>');
  });

  it('escapes what was typed', () => {
    expect(text(shortInput({ lang: 'da', id: 'x', label: 'X', width: 's', value: '"><script>' }))).toContain('value="&quot;&gt;&lt;script&gt;"');
  });
});

describe('alerts, notices, badges', () => {
  it('announces a success politely and an error at once; info and warning stand where they are unless told', () => {
    expect(text(alert('success', 'Gemt'))).toBe('<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">Gemt</p></div></div>');
    expect(text(alert('error', 'Brud', { id: 'result' }))).toBe('<div class="alert alert-error" role="alert" id="result"><div class="alert-body"><p class="alert-text">Brud</p></div></div>');
    expect(text(alert('info', 'Ingen bestyrelse'))).toBe('<div class="alert alert-info"><div class="alert-body"><p class="alert-text">Ingen bestyrelse</p></div></div>');
    expect(text(alert('warning', 'Ikke beslutningsdygtig', { role: 'alert' }))).toContain('class="alert alert-warning" role="alert"');
  });

  it('gives a notice only when there is something to say, announced politely', () => {
    expect(notice(null)).toBeNull();
    expect(notice('')).toBeNull();
    expect(text(notice('Samtalen er registreret.'))).toContain('class="alert alert-success" role="status"');
    expect(text(notice(html`Ingen fundet`, 'info'))).toContain('class="alert alert-info" role="status"');
  });

  it('shows a status as a badge', () => {
    expect(text(badge('Holdt', 'success'))).toBe('<span class="badge badge-success">Holdt</span>');
  });
});

describe('table and GET form', () => {
  it('writes a zebra table with its caption, numbers right-aligned, row headers and a foot, scrollable by keyboard', () => {
    const out = text(
      table(
        'Linjerne',
        [{ text: 'Konto' }, { text: 'Beløb', numeric: true }],
        [[{ value: '17.41.11.10', header: true }, { value: '1.000', numeric: true }]],
        [{ value: 'I alt', header: true }, { value: '1.000', numeric: true }],
      ),
    );
    expect(out).toContain('<div class="table--responsive-scroll" tabindex="0"><table class="table table--zebra">');
    expect(out).toContain('<caption>Linjerne</caption>');
    expect(out).toContain('<thead><tr><th scope="col">Konto</th><th scope="col" class="align-text-right">Beløb</th></tr></thead>');
    expect(out).toContain('<tbody><tr><th scope="row">17.41.11.10</th><td class="align-text-right">1.000</td></tr></tbody>');
    expect(out).toContain('<tfoot><tr><th scope="row">I alt</th><td class="align-text-right">1.000</td></tr></tfoot>');
    expect(text(table('Tom', [{ text: 'A' }], []))).not.toContain('<tfoot>');
  });

  it('asks for a page with GET: no CSRF token and no idempotency key', () => {
    const out = text(getForm('/medarbejder/find', html`<input name="reference">`, 'find-form'));
    expect(out).toBe('<form method="get" action="/medarbejder/find" novalidate id="find-form"><input name="reference"></form>');
    expect(out).not.toContain('_csrf');
  });
});
