/**
 * What the administrator's pages and the staff's opening-hours page share and components.ts does
 * not have: an alert, a plain table, a clock-time field, readers for days and clock times as
 * people type them, the labels for seats and board roles, and what each refusal says.
 */
import type { DomainError } from '../../domain/shared/errors.js';
import type { FieldError } from '../components.js';
import { attr, html, type Html, type Interpolation } from '../html.js';
import { type Lang, type Message, say } from '../i18n.js';

/** A DKFDS alert (success is announced as a status; the others are notes on the page). */
export function alert(kind: 'success' | 'info' | 'warning', text: Interpolation, heading?: string): Html {
  return html`<div class="alert alert-${kind}"${attr('role', kind === 'success' ? 'status' : undefined)}><div class="alert-body">${heading ? html`<p class="alert-heading">${heading}</p>` : null}<p class="alert-text">${text}</p></div></div>`;
}

/** A plain table (DKFDS `table--zebra`): a caption, column headings, rows whose first cell heads the row. */
export function table(caption: string, head: readonly string[], rows: readonly (readonly Interpolation[])[]): Html {
  return html`<div class="table--responsive-scroll"><table class="table table--zebra">
<caption>${caption}</caption>
<thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}</tr>`)}</tbody>
</table></div>`;
}

const ERROR_PREFIX: Message = { da: 'Fejl: ', en: 'Error: ' };

/** A short field for a clock time ("09.00"), with its label and error (DKFDS `textinput`, narrow). */
export function clockInput(o: { lang: Lang; id: string; label: string; value?: string; error?: string | undefined }): Html {
  const error = o.error
    ? html`<span class="form-error-message" id="${o.id}-error"><span class="sr-only">${say(o.lang, ERROR_PREFIX)}</span>${o.error}</span>`
    : null;
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
<label class="form-label" for="${o.id}">${o.label}</label>
${error}<input type="text" id="${o.id}" name="${o.id}" class="form-input input-char-8" inputmode="numeric" autocomplete="off" maxlength="5"${attr('value', o.value)}${attr('aria-invalid', o.error ? 'true' : undefined)}${attr('aria-describedby', o.error ? `${o.id}-error` : undefined)}>
</div>`;
}

// ---- Reading what people type ----

const two = (n: number) => String(n).padStart(2, '0');

/** A clock time as typed ("9", "9.30", "09:30", "24.00") as "HH:MM"; null if it is not one. */
export function parseClock(text: string): string | null {
  const m = /^(\d{1,2})(?:[.:](\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  if (minute > 59 || hour > 24 || (hour === 24 && minute !== 0)) return null;
  return `${two(hour)}:${two(minute)}`;
}

/** A day as typed, as the board's forms read it. */
export { parseDay } from './board-parts.js';

/** Today in Copenhagen as a date field shows it: "05-01-2027". */
export function todayTyped(now: Date = new Date()): string {
  const [y, m, d] = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now).split('-');
  return `${d}-${m}-${y}`;
}

// ---- Labels: the board's own ----

export { BOARD_ROLE_LABELS, SEAT_KIND_LABELS, seatName } from './board-parts.js';

// ---- Refusals ----

/** What each refusal the administrator's and the opening-hours pages can meet says, by the decider's stable code. */
export const ADMIN_REFUSALS: Record<string, Message> = {
  forbidden: { da: 'Det kan du ikke gøre med den rolle, du er logget ind med. Intet er registreret.', en: 'You cannot do this with the role you are signed in with. Nothing was recorded.' },
  invalid_value: { da: 'Tjek det, du har skrevet i feltet. Intet er registreret.', en: 'Check what you typed in the field. Nothing was recorded.' },
  centre_exists: { da: 'Centret er allerede oprettet.', en: 'The centre is already established.' },
  centre_not_found: { da: 'Centret findes ikke.', en: 'The centre does not exist.' },
  board_exists: { da: 'Centret har allerede en bestyrelse.', en: 'The centre already has a board.' },
  board_not_found: { da: 'Centret har ingen bestyrelse endnu. Konstituér den først.', en: 'The centre has no board yet. Constitute it first.' },
  seat_exists: { da: 'Pladsen findes allerede.', en: 'The seat already exists.' },
  organisation_seated: { da: 'Den organisation har allerede en plads i bestyrelsen.', en: 'That organisation already has a seat on the board.' },
  seat_not_found: { da: 'Pladsen findes ikke i bestyrelsen.', en: 'The seat does not exist on the board.' },
  seat_fixed: { da: 'Medarbejderpladsen og borgerpladsen er en del af enhver bestyrelse og kan ikke fjernes.', en: 'The employee seat and the citizen seat are part of every board and cannot be removed.' },
  seat_occupied: { da: 'Der sidder et medlem på pladsen. Registrér først, at medlemmet er udtrådt.', en: 'A member holds the seat. Record first that the member has left.' },
  member_seated: { da: 'Personen sidder allerede på en anden plads. Et medlem har én plads ad gangen.', en: 'The person already holds another seat. A member holds one seat at a time.' },
  seat_vacant: { da: 'Pladsen er allerede ledig.', en: 'The seat is already vacant.' },
  not_a_member: { da: 'Roller gives kun til medlemmer, der sidder i bestyrelsen.', en: 'Roles go only to members who hold a seat on the board.' },
  role_held: { da: 'Medlemmet har allerede en anden rolle. Hvert medlem har højst én rolle.', en: 'The member already holds another role. Each member holds at most one role.' },
  deputy_seated: { da: 'Pladsen har allerede en suppleant, eller personen er suppleant for en anden plads. Registrér først den udtrædelse.', en: 'The seat already has a deputy, or the person is deputy for another seat. Record that leaving first.' },
  no_deputy: { da: 'Pladsen har ingen suppleant.', en: 'The seat has no deputy.' },
  seat_has_deputy: { da: 'Pladsen har en suppleant. Registrér først, at suppleanten er udtrådt.', en: 'The seat has a deputy. Record first that the deputy has left.' },
  journey_not_found: { da: 'Der er ingen borger med det person-id i Virkelyst. Intet er slettet.', en: 'There is no citizen with that person id in Virkelyst. Nothing was erased.' },
  citizen_erased: { da: 'Borgerens personoplysninger er allerede slettet.', en: 'The citizen’s personal data has already been erased.' },
};

/** The status a refusal is shown with: a conflict 409, bad input 400, not allowed 403, not there 404, the rest 422. */
export const refusalStatus = (error: DomainError): number =>
  error.kind === 'conflict' ? 409 : error.kind === 'invalid' ? 400 : error.kind === 'forbidden' ? 403 : error.kind === 'not_found' ? 404 : 422;

// ---- Reading the administrator's forms ----

/** Reads a form: the value, or the fields that are wrong. */
export type Read<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
export const read = <T>(errors: FieldError[], value: () => T): Read<T> => (errors.length > 0 ? { ok: false, errors } : { ok: true, value: value() });

/**
 * A seat as a form names it: the employee seat, the citizen seat or a partner seat's id, as the
 * API's path takes it. Whether the seat is there, vacant or held is the decider's to say (so a
 * double submit, after the first has changed the seat, gets the first one's answer).
 */
const SEAT_ID = /^(employee|citizen|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
export const seatIdOf = (value: string | undefined) => (value !== undefined && SEAT_ID.test(value) ? value : null);
