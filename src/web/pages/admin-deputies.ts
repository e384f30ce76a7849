/**
 * The administrator's forms for deputies (suppleanter): recording that a deputy was appointed or
 * elected for a seat, and that they left their place. As the members' forms: read here (a 400
 * naming the field), then decided on the command path.
 */
import type { Seat } from '../../domain/board/board.js';
import type { BoardView } from '../../projections/board/queries.js';
import { button, errorFor, type FieldError, postForm, radioGroup, select, textInput } from '../components.js';
import { html, type Html } from '../html.js';
import { type Lang, say } from '../i18n.js';
import type { PageContext } from '../layout.js';
import { PERSON_ID } from '../session.js';
import { parseDay, type Read, read, seatIdOf, seatName, todayTyped } from './admin-parts.js';

const T = {
  deputy: { da: 'Suppleant', en: 'Deputy' },
  seatDeputy: { da: 'Registrér en suppleant', en: 'Record a deputy' },
  seatDeputyText: {
    da: 'En suppleant træder ind på pladsen ved de møder, hvor pladsens medlem ikke er mødt. En person har én plads i bestyrelsen ad gangen: som medlem eller som suppleant.',
    en: 'A deputy takes the seat at the meetings its member is absent from. A person holds one place on the board at a time: as member or as deputy.',
  },
  whichSeat: { da: 'Plads', en: 'Seat' },
  chooseSeat: { da: 'Vælg en plads', en: 'Choose a seat' },
  deputyId: { da: 'Suppleantens person-id', en: 'The deputy’s person id' },
  deputyIdHint: { da: 'Det id, suppleanten logger ind med.', en: 'The id the deputy signs in with.' },
  deputyIdBad: { da: 'Skriv suppleantens person-id.', en: 'Type the deputy’s person id.' },
  how: { da: 'Hvordan blev suppleanten valgt?', en: 'How did the deputy come in?' },
  appointed: { da: 'Udpeget', en: 'Appointed' },
  elected: { da: 'Valgt', en: 'Elected' },
  howMissing: { da: 'Vælg, om suppleanten blev udpeget eller valgt.', en: 'Choose whether the deputy was appointed or elected.' },
  from: { da: 'Fra dato', en: 'From' },
  on: { da: 'Dato for udtrædelse', en: 'Date of leaving' },
  dayHint: { da: 'Som 2027-01-31.', en: 'As 2027-01-31.' },
  dayBad: { da: 'Skriv en dato som 2027-01-31.', en: 'Type a date as 2027-01-31.' },
  seatMissing: { da: 'Vælg pladsen.', en: 'Choose the seat.' },
  seatButton: { da: 'Registrér suppleanten', en: 'Record the deputy' },
  leave: { da: 'En suppleant udtræder', en: 'A deputy leaves' },
  leaveButton: { da: 'Registrér udtrædelsen', en: 'Record the leaving' },
};


export function readDeputy(lang: Lang, f: (name: string) => string | undefined): Read<{ seatId: string; deputyId: string; how: 'appointed' | 'elected'; from: string }> {
  const errors: FieldError[] = [];
  const seatId = seatIdOf(f('deputySeatId'));
  if (!seatId) errors.push({ field: 'deputySeatId', message: say(lang, T.seatMissing) });
  const deputyId = (f('deputyId') ?? '').trim();
  if (!PERSON_ID.test(deputyId)) errors.push({ field: 'deputyId', message: say(lang, T.deputyIdBad) });
  const how = f('deputyHow');
  if (how !== 'appointed' && how !== 'elected') errors.push({ field: 'deputyHow', message: say(lang, T.howMissing) });
  const from = parseDay(f('deputyFrom'));
  if (!from) errors.push({ field: 'deputyFrom', message: say(lang, T.dayBad) });
  return read(errors, () => ({ seatId: seatId!, deputyId, how: how as 'appointed' | 'elected', from: from! }));
}

export function readDeputyLeaving(lang: Lang, f: (name: string) => string | undefined): Read<{ seatId: string; on: string }> {
  const errors: FieldError[] = [];
  const seatId = seatIdOf(f('deputyLeaveSeatId'));
  if (!seatId) errors.push({ field: 'deputyLeaveSeatId', message: say(lang, T.seatMissing) });
  const on = parseDay(f('deputyOn'));
  if (!on) errors.push({ field: 'deputyOn', message: say(lang, T.dayBad) });
  return read(errors, () => ({ seatId: seatId!, on: on! }));
}

/** The deputy column of the seats table: who is deputy for the seat, or none. */
export const deputyCell = (lang: Lang, seat: Seat) => seat.deputyId ?? say(lang, { da: 'Ingen', en: 'None' });
export const DEPUTY_HEADING = T.deputy;

export function deputyForms(context: PageContext, centreId: string, board: BoardView, form: { values: Readonly<Record<string, string>>; errors: readonly FieldError[] }): Html {
  const { lang } = context;
  const v = form.values;
  const e = (field: string) => errorFor(form.errors, field);
  const base = `/administration/centre/${centreId}`;
  const open = board.seats.filter((s) => s.deputyId === null);
  const withDeputy = board.seats.filter((s): s is Seat & { deputyId: string } => s.deputyId !== null);
  const seat =
    open.length === 0
      ? null
      : html`<h3>${say(lang, T.seatDeputy)}</h3>
<p>${say(lang, T.seatDeputyText)}</p>
${postForm(
  context,
  `${base}/suppleanter`,
  html`${select({ lang, id: 'deputySeatId', label: say(lang, T.whichSeat), choices: [{ value: '', label: say(lang, T.chooseSeat) }, ...open.map((s) => ({ value: s.seatId, label: seatName(lang, s) }))], selected: v.deputySeatId, error: e('deputySeatId') })}
${textInput({ lang, id: 'deputyId', label: say(lang, T.deputyId), hint: say(lang, T.deputyIdHint), value: v.deputyId ?? '', maxLength: 100, autocomplete: 'off', error: e('deputyId') })}
${radioGroup({
  lang,
  id: 'deputyHow',
  legend: say(lang, T.how),
  choices: [
    { value: 'appointed', label: say(lang, T.appointed) },
    { value: 'elected', label: say(lang, T.elected) },
  ],
  checked: v.deputyHow,
  ...(e('deputyHow') ? { error: e('deputyHow') } : {}),
})}
${textInput({ lang, id: 'deputyFrom', label: say(lang, T.from), hint: say(lang, T.dayHint), value: v.deputyFrom ?? todayTyped(), maxLength: 10, autocomplete: 'off', error: e('deputyFrom') })}
${button(say(lang, T.seatButton), { id: 'seat-deputy' })}`,
)}`;
  const leave =
    withDeputy.length === 0
      ? // No seat has a deputy now (the leaving was just recorded): the refusal's link still has somewhere to go.
        e('deputyLeaveSeatId')
        ? html`<h3 id="deputyLeaveSeatId" tabindex="-1">${say(lang, T.leave)}</h3><p>${e('deputyLeaveSeatId')}</p>`
        : null
      : html`<h3>${say(lang, T.leave)}</h3>
${postForm(
  context,
  `${base}/suppleanter/udtraedelse`,
  html`${select({
    lang,
    id: 'deputyLeaveSeatId',
    label: say(lang, T.whichSeat),
    choices: [{ value: '', label: say(lang, T.chooseSeat) }, ...withDeputy.map((s) => ({ value: s.seatId, label: `${seatName(lang, s)}: ${s.deputyId}` }))],
    selected: v.deputyLeaveSeatId,
    error: e('deputyLeaveSeatId'),
  })}
${textInput({ lang, id: 'deputyOn', label: say(lang, T.on), hint: say(lang, T.dayHint), value: v.deputyOn ?? '', maxLength: 10, autocomplete: 'off', error: e('deputyOn') })}
${button(say(lang, T.leaveButton), { id: 'record-deputy-leaving', variant: 'secondary' })}`,
)}`;
  return html`${seat}${leave}`;
}
