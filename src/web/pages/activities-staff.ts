/**
 * The centre's local activities for staff: the coming ones and those held lately, each with how
 * many have a place, how many wait and how many came (counts, never who); scheduling one and
 * changing it in one grouped form (its time typed in Danish time), cancelling it (asked once:
 * the registrations and the line end, and nothing follows for anyone), and, after the end,
 * how many came. Staff never put anyone on an activity: there is no such control.
 */
import { ACTIVITY_KINDS, type ActivityKind, type ActivityWhere } from '../../domain/activity/activity.js';
import { CAPACITY_MAX, DESCRIPTION_MAX, PLACE_MAX, TITLE_MAX } from '../../domain/activity/decide.js';
import type { ActivityView } from '../../projections/activities/queries.js';
import { button, errorFor, type FieldError, notice, postForm, radioGroup, shortInput, summaryList, table, textArea, textInput } from '../components.js';
import { html, type Html } from '../html.js';
import { formatClock, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { whenText } from './activities-parts.js';
import { ACTIVITY_KIND_LABELS, kindName } from './activities.js';
import { copenhagenClockOf, copenhagenDateOf, copenhagenInstant, looksLikeADate, parseClock, parseDate, staffNav } from './staff-parts.js';

export const STAFF_ACTIVITIES_PATH = '/medarbejder/aktiviteter';

const T = {
  title: { da: 'Aktiviteter', en: 'Activities' },
  intro: {
    da: 'Centrets informationsmøder, workshops, seminarer og selvhjælpsgrupper. Borgerne tilmelder sig selv og kan altid afmelde sig. Her ses kun antal – aldrig hvem.',
    en: 'The centre’s information meetings, workshops, seminars and self-help groups. Citizens register themselves and can always unregister. Only counts show here – never who.',
  },
  schedule: { da: 'Planlæg en aktivitet', en: 'Schedule an activity' },
  upcoming: { da: 'Kommende aktiviteter', en: 'Coming activities' },
  noUpcoming: { da: 'Centret har ingen kommende aktiviteter.', en: 'The centre has no coming activities.' },
  past: { da: 'Holdt eller aflyst de seneste 90 dage', en: 'Held or cancelled in the last 90 days' },
  caption: { da: 'Pladser, venteliste og fremmøde i antal – aldrig hvem', en: 'Places, waiting list and attendance in numbers – never who' },
  noPast: { da: 'Ingen aktiviteter de seneste 90 dage.', en: 'No activities in the last 90 days.' },
  activity: { da: 'Aktivitet', en: 'Activity' },
  when: { da: 'Hvornår', en: 'When' },
  taken: { da: 'Pladser taget', en: 'Places taken' },
  waiting: { da: 'På venteliste', en: 'Waiting' },
  came: { da: 'Kom', en: 'Came' },
  actions: { da: 'Handlinger', en: 'Actions' },
  of: { da: '{n} af {capacity}', en: '{n} of {capacity}' },
  cancelled: { da: 'Aflyst', en: 'Cancelled' },
  notCounted: { da: 'Ikke talt', en: 'Not counted' },
  change: { da: 'Ret', en: 'Change' },
  cancel: { da: 'Aflys', en: 'Cancel' },
  count: { da: 'Registrér fremmøde', en: 'Record attendance' },
  recount: { da: 'Ret fremmøde', en: 'Correct attendance' },
  about: { da: ' – {title}', en: ' – {title}' },
  scheduled: { da: 'Aktiviteten er planlagt. Borgerne kan tilmelde sig nu.', en: 'The activity is scheduled. Citizens can register now.' },
  changed: { da: 'Aktiviteten er rettet.', en: 'The activity is changed.' },
  wasCancelled: { da: 'Aktiviteten er aflyst. Tilmeldingerne og ventelisten er ophørt, og intet følger af det for nogen.', en: 'The activity is cancelled. The registrations and the waiting list have ended, and nothing follows for anyone.' },
  counted: { da: 'Fremmødet er registreret.', en: 'The attendance is recorded.' },
  // The form
  newTitle: { da: 'Planlæg en aktivitet', en: 'Schedule an activity' },
  changeTitle: { da: 'Ret aktiviteten', en: 'Change the activity' },
  aboutLegend: { da: 'Om aktiviteten', en: 'About the activity' },
  kind: { da: 'Hvilken slags aktivitet?', en: 'What kind of activity?' },
  kindMissing: { da: 'Vælg, hvilken slags aktivitet det er', en: 'Choose what kind of activity it is' },
  titleLabel: { da: 'Titel', en: 'Title' },
  titleMissing: { da: 'Skriv en titel', en: 'Type a title' },
  titleTooLong: { da: 'Titlen må højst være 200 tegn', en: 'The title can be at most 200 characters' },
  description: { da: 'Beskrivelse', en: 'Description' },
  descriptionHint: { da: 'Hvad sker der, og hvem kan have glæde af det? Alt er frivilligt.', en: 'What happens, and who might enjoy it? Everything is voluntary.' },
  descriptionTooLong: { da: 'Beskrivelsen må højst være 4.000 tegn', en: 'The description can be at most 4,000 characters' },
  whenLegend: { da: 'Hvornår (dansk tid)', en: 'When (Danish time)' },
  date: { da: 'Dato', en: 'Date' },
  dateHint: { da: 'Fx 5.1.2027', en: 'E.g. 5.1.2027 (day, month, year)' },
  dateBad: { da: 'Skriv datoen, fx 5.1.2027', en: 'Type the date, e.g. 5.1.2027' },
  dateMissing: { da: 'Datoen findes ikke. Tjek dag og måned', en: 'That date does not exist. Check the day and the month' },
  from: { da: 'Fra kl.', en: 'From' },
  to: { da: 'Til kl.', en: 'To' },
  clockHint: { da: 'Fx 17.00', en: 'E.g. 17:00' },
  clockBad: { da: 'Skriv tidspunktet som tt.mm, fx 17.00', en: 'Type the time as hh:mm, e.g. 17:00' },
  clockMissing: { da: 'Tidspunktet findes ikke den dag (sommertid)', en: 'That time does not exist that day (summer time)' },
  endBeforeStart: { da: 'Sluttidspunktet skal ligge efter starttidspunktet', en: 'The end must be after the start' },
  startPast: { da: 'Starttidspunktet er gået. Vælg et tidspunkt frem i tiden', en: 'The start has passed. Choose a time ahead' },
  whereLegend: { da: 'Hvor', en: 'Where' },
  whereHint: { da: 'Skriv enten et sted eller et link til et virtuelt mødested.', en: 'Type either a place or a link to a virtual meeting place.' },
  place: { da: 'Sted', en: 'Place' },
  placeHint: { da: 'Adresse eller lokale, fx Lokale 2, Torvet 1', en: 'Address or room, e.g. Room 2, Torvet 1' },
  placeTooLong: { da: 'Stedet må højst være 300 tegn', en: 'The place can be at most 300 characters' },
  link: { da: 'Link til virtuelt mødested', en: 'Link to a virtual meeting place' },
  linkHint: { da: 'Begynder med https://. Kun borgere med en plads ser linket.', en: 'Begins with https://. Only citizens with a place see the link.' },
  whereMissing: { da: 'Skriv, hvor aktiviteten er: et sted eller et link', en: 'Type where the activity is: a place or a link' },
  whereBoth: { da: 'Skriv enten et sted eller et link, ikke begge', en: 'Type either a place or a link, not both' },
  linkBad: { da: 'Skriv et sikkert link, der begynder med https://, uden brugernavn eller adgangskode', en: 'Type a secure link beginning with https://, without a user name or password' },
  placesLegend: { da: 'Pladser', en: 'Places' },
  capacity: { da: 'Antal pladser', en: 'Number of places' },
  capacityHint: { da: 'Når pladserne er taget, kan borgerne skrive sig på en venteliste.', en: 'When the places are taken, citizens can put themselves on a waiting list.' },
  capacityBad: { da: 'Skriv antallet af pladser som et helt tal fra 1 til 10.000', en: 'Type the number of places as a whole number from 1 to 10,000' },
  save: { da: 'Planlæg aktiviteten', en: 'Schedule the activity' },
  saveChange: { da: 'Gem ændringerne', en: 'Save the changes' },
  // Cancelling
  cancelTitle: { da: 'Vil du aflyse aktiviteten?', en: 'Do you want to cancel the activity?' },
  cancelCounts: { da: '{registered} har en plads, og {waiting} står på ventelisten.', en: '{registered} have a place, and {waiting} are on the waiting list.' },
  cancelText: {
    da: 'Når aktiviteten aflyses, ophører alle tilmeldinger og ventelisten. Intet følger af det for nogen af dem, der var tilmeldt. Aflysningen kan ikke gøres om, men du kan planlægge en ny aktivitet.',
    en: 'When the activity is cancelled, every registration and the waiting list end. Nothing follows from it for any of those who were registered. The cancellation cannot be undone, but you can schedule a new activity.',
  },
  cancelConfirm: { da: 'Ja, aflys aktiviteten', en: 'Yes, cancel the activity' },
  keep: { da: 'Nej, tilbage til aktiviteterne', en: 'No, back to the activities' },
  // Attendance
  countTitle: { da: 'Hvor mange kom?', en: 'How many came?' },
  countLabel: { da: 'Antal, der kom', en: 'Number who came' },
  countHint: { da: 'Kun et antal. Det registreres aldrig, hvem der kom.', en: 'A number only. Who came is never recorded.' },
  countBad: { da: 'Skriv antallet som et helt tal fra 0 til 100.000', en: 'Type the number as a whole number from 0 to 100,000' },
  countSave: { da: 'Registrér fremmødet', en: 'Record the attendance' },
  notEnded: { da: 'Fremmødet kan registreres, når aktiviteten er slut.', en: 'The attendance can be recorded once the activity has ended.' },
  registeredCount: { da: 'Havde en plads', en: 'Had a place' },
} satisfies Record<string, Message>;

/** The refusals a staff member can meet here. */
export const STAFF_ACTIVITY_REFUSALS: Readonly<Record<string, Message>> = {
  activity_not_found: { da: 'Aktiviteten findes ikke.', en: 'The activity does not exist.' },
  activity_exists: { da: 'Aktiviteten er allerede planlagt.', en: 'The activity is already scheduled.' },
  activity_cancelled: { da: 'Aktiviteten er aflyst.', en: 'The activity is cancelled.' },
  activity_begun: { da: 'Aktiviteten er begyndt, så den kan ikke længere rettes.', en: 'The activity has begun, so it can no longer be changed.' },
  activity_ended: { da: 'Aktiviteten har fundet sted, så den kan ikke aflyses.', en: 'The activity has taken place, so it cannot be cancelled.' },
  activity_not_ended: T.notEnded,
  capacity_below_registered: {
    da: 'Der er flere med en plads, end der ville være pladser. Ingen mister en plads, de har: vælg mindst lige så mange pladser, som er taget.',
    en: 'More people have a place than there would be places. Nobody loses a place they have: choose at least as many places as are taken.',
  },
  forbidden: { da: 'Aktiviteten hører til et andet center.', en: 'The activity belongs to another centre.' },
};

/** The form's field for each field the domain names, and what is wrong there. */
export const ACTIVITY_FIELDS: Readonly<Record<string, { field: string; message: Message }>> = {
  kind: { field: 'kind', message: T.kindMissing },
  title: { field: 'title', message: T.titleTooLong },
  description: { field: 'description', message: T.descriptionTooLong },
  start: { field: 'startTime', message: T.startPast },
  end: { field: 'endTime', message: T.endBeforeStart },
  where: { field: 'place', message: T.whereMissing },
  'where.place': { field: 'place', message: T.placeTooLong },
  'where.link': { field: 'link', message: T.linkBad },
  capacity: { field: 'capacity', message: T.capacityBad },
  count: { field: 'count', message: T.countBad },
};

export interface ActivityAnswers {
  kind: string;
  title: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  link: string;
  capacity: string;
}

export const emptyActivity: ActivityAnswers = { kind: '', title: '', description: '', date: '', startTime: '', endTime: '', place: '', link: '', capacity: '' };

/** An activity as its form shows it: its time in Danish time, as a staff member types it. */
export function answersOfActivity(lang: Lang, a: ActivityView): ActivityAnswers {
  const [y, m, d] = copenhagenDateOf(a.start).split('-').map(Number) as [number, number, number];
  return {
    kind: a.kind,
    title: a.title,
    description: a.description ?? '',
    date: `${d}.${m}.${y}`,
    startTime: formatClock(lang, copenhagenClockOf(a.start)),
    endTime: formatClock(lang, copenhagenClockOf(a.end)),
    place: 'place' in a.where ? a.where.place : '',
    link: 'link' in a.where ? a.where.link : '',
    capacity: String(a.capacity),
  };
}

export interface CheckedActivity {
  kind: ActivityKind;
  title: string;
  description: string;
  start: string;
  end: string;
  where: { place: string } | { link: string };
  capacity: number;
}

/** The form as typed, checked: what the command needs, or the fields to put right (null: a kind no form offers, a bad request). */
export function checkActivity(lang: Lang, a: ActivityAnswers): { errors: FieldError[]; activity: CheckedActivity | null } | null {
  const kind = ACTIVITY_KINDS.find((k) => k === a.kind);
  if (a.kind !== '' && !kind) return null;
  const errors: FieldError[] = [];
  const add = (field: string, message: Message) => errors.push({ field, message: say(lang, message) });
  if (!kind) add('kind', T.kindMissing);
  const title = a.title.trim();
  if (title === '') add('title', T.titleMissing);
  else if (title.length > TITLE_MAX) add('title', T.titleTooLong);
  if (a.description.trim().length > DESCRIPTION_MAX) add('description', T.descriptionTooLong);
  const date = parseDate(a.date);
  if (!date) add('date', looksLikeADate(a.date) ? T.dateMissing : T.dateBad);
  const from = parseClock(a.startTime);
  const to = parseClock(a.endTime);
  if (!from) add('startTime', T.clockBad);
  if (!to) add('endTime', T.clockBad);
  const start = date && from ? copenhagenInstant(date, from) : null;
  const end = date && to ? copenhagenInstant(date, to) : null;
  if (date && from && !start) add('startTime', T.clockMissing);
  if (date && to && !end) add('endTime', T.clockMissing);
  if (start && end && Date.parse(end) <= Date.parse(start)) add('endTime', T.endBeforeStart);
  const place = a.place.trim();
  const link = a.link.trim();
  if (place === '' && link === '') add('place', T.whereMissing);
  else if (place !== '' && link !== '') add('link', T.whereBoth);
  else if (place.length > PLACE_MAX) add('place', T.placeTooLong);
  else if (link !== '' && !/^https:\/\/\S+$/i.test(link)) add('link', T.linkBad);
  const capacity = /^\d{1,5}$/.test(a.capacity.trim()) ? Number(a.capacity.trim()) : NaN;
  if (!(capacity >= 1 && capacity <= CAPACITY_MAX)) add('capacity', T.capacityBad);
  if (errors.length > 0 || !kind || !start || !end) return { errors, activity: null };
  const where: ActivityWhere = place !== '' ? { place } : { link };
  return { errors, activity: { kind, title, description: a.description.trim(), start, end, where, capacity } };
}

export type StaffActivityNotice = 'planlagt' | 'rettet' | 'aflyst' | 'talt';
export const STAFF_ACTIVITY_NOTICES: readonly StaffActivityNotice[] = ['planlagt', 'rettet', 'aflyst', 'talt'];
const NOTICE_TEXTS: Record<StaffActivityNotice, Message> = { planlagt: T.scheduled, rettet: T.changed, aflyst: T.wasCancelled, talt: T.counted };

const isEnded = (a: ActivityView, now: number) => Date.parse(a.end) <= now;
const isBegun = (a: ActivityView, now: number) => Date.parse(a.start) <= now;

/** The centre's activities: the coming ones, and those held or cancelled lately, in counts. */
export function staffActivitiesPage(context: PageContext, activities: readonly ActivityView[], now: number, shown: StaffActivityNotice | null): Html {
  const { lang } = context;
  const about = (a: ActivityView) => html`<span class="sr-only">${say(lang, T.about, { title: a.title })}</span>`;
  const link = (href: string, text: Message, a: ActivityView, id: string) => html`<a href="${href}" id="${id}-${a.activityId}">${say(lang, text)}${about(a)}</a>`;
  const name = (a: ActivityView) => html`${a.title}<br><span class="form-hint">${kindName(lang, a.kind)}</span>`;
  const head = [
    { text: say(lang, T.activity) },
    { text: say(lang, T.when) },
    { text: say(lang, T.taken), numeric: true },
    { text: say(lang, T.waiting), numeric: true },
    { text: say(lang, T.came), numeric: true },
    { text: say(lang, T.actions) },
  ];
  const coming = activities.filter((a) => a.status === 'scheduled' && !isEnded(a, now));
  const past = activities.filter((a) => a.status === 'cancelled' || isEnded(a, now)).reverse();
  const base = (a: ActivityView) => `${STAFF_ACTIVITIES_PATH}/${a.activityId}`;
  const comingRows = coming.map((a) => [
    { value: name(a), header: true },
    { value: whenText(lang, a.start, a.end) },
    { value: say(lang, T.of, { n: a.registered, capacity: a.capacity }), numeric: true },
    { value: a.waiting, numeric: true },
    { value: '–', numeric: true },
    // Changed until it begins; cancelled until it ends (the decider's rules).
    { value: isBegun(a, now) ? link(`${base(a)}/aflys`, T.cancel, a, 'cancel') : html`${link(`${base(a)}/ret`, T.change, a, 'change')} · ${link(`${base(a)}/aflys`, T.cancel, a, 'cancel')}` },
  ]);
  const pastRows = past.map((a) => [
    { value: name(a), header: true },
    { value: whenText(lang, a.start, a.end) },
    { value: a.status === 'cancelled' ? say(lang, T.cancelled) : say(lang, T.of, { n: a.registered, capacity: a.capacity }), numeric: true },
    { value: a.status === 'cancelled' ? '–' : a.waiting, numeric: true },
    { value: a.status === 'cancelled' ? '–' : (a.attendance ?? say(lang, T.notCounted)), numeric: true },
    { value: a.status === 'cancelled' ? null : link(`${base(a)}/fremmoede`, a.attendance === null ? T.count : T.recount, a, 'count') },
  ]);
  return page(context, {
    title: say(lang, T.title),
    body: html`${staffNav(context)}
${notice(shown ? say(lang, NOTICE_TEXTS[shown]) : null)}
<p>${say(lang, T.intro)}</p>
<p><a class="button button-primary" href="${STAFF_ACTIVITIES_PATH}/ny" id="schedule-link">${say(lang, T.schedule)}</a></p>
<h2>${say(lang, T.upcoming)}</h2>
${coming.length === 0 ? html`<p>${say(lang, T.noUpcoming)}</p>` : table(say(lang, T.caption), head, comingRows)}
<h2>${say(lang, T.past)}</h2>
${past.length === 0 ? html`<p>${say(lang, T.noPast)}</p>` : table(say(lang, T.caption), head, pastRows)}`,
  });
}

/** Scheduling an activity (no `activity`) or changing one: one grouped form. */
export function activityFormPage(context: PageContext, answers: ActivityAnswers, errors: readonly FieldError[] = [], activity?: ActivityView): Html {
  const { lang } = context;
  const e = (field: string) => errorFor(errors, field);
  const action = activity ? `${STAFF_ACTIVITIES_PATH}/${activity.activityId}/ret` : `${STAFF_ACTIVITIES_PATH}/ny`;
  return page(context, {
    title: say(lang, activity ? T.changeTitle : T.newTitle),
    back: STAFF_ACTIVITIES_PATH,
    errors,
    body: postForm(
      context,
      action,
      html`<fieldset class="mt-6"><legend class="h2">${say(lang, T.aboutLegend)}</legend>
${activity ? html`<p><strong>${say(lang, T.kind)}</strong> ${kindName(lang, activity.kind)}</p>` : radioGroup({ lang, id: 'kind', legend: say(lang, T.kind), choices: ACTIVITY_KINDS.map((k) => ({ value: k, label: say(lang, ACTIVITY_KIND_LABELS[k]) })), checked: answers.kind, ...(e('kind') ? { error: e('kind')! } : {}) })}
${textInput({ lang, id: 'title', label: say(lang, T.titleLabel), value: answers.title, maxLength: TITLE_MAX, autocomplete: 'off', ...(e('title') ? { error: e('title')! } : {}) })}
${textArea({ lang, id: 'description', label: say(lang, T.description), hint: say(lang, T.descriptionHint), value: answers.description, required: false, maxLength: DESCRIPTION_MAX, rows: 4, ...(e('description') ? { error: e('description')! } : {}) })}
</fieldset>
<fieldset class="mt-6"><legend class="h2">${say(lang, T.whenLegend)}</legend>
${shortInput({ lang, id: 'date', label: say(lang, T.date), hint: say(lang, T.dateHint), type: 'text', width: 's', value: answers.date, error: e('date'), maxLength: 10, autocomplete: 'off' })}
${shortInput({ lang, id: 'startTime', label: say(lang, T.from), hint: say(lang, T.clockHint), type: 'text', width: 'xs', value: answers.startTime, error: e('startTime'), maxLength: 5, autocomplete: 'off' })}
${shortInput({ lang, id: 'endTime', label: say(lang, T.to), hint: say(lang, T.clockHint), type: 'text', width: 'xs', value: answers.endTime, error: e('endTime'), maxLength: 5, autocomplete: 'off' })}
</fieldset>
<fieldset class="mt-6"><legend class="h2">${say(lang, T.whereLegend)}</legend>
<p class="form-hint">${say(lang, T.whereHint)}</p>
${textInput({ lang, id: 'place', label: say(lang, T.place), hint: say(lang, T.placeHint), value: answers.place, required: false, maxLength: PLACE_MAX, autocomplete: 'off', ...(e('place') ? { error: e('place')! } : {}) })}
${textInput({ lang, id: 'link', label: say(lang, T.link), hint: say(lang, T.linkHint), value: answers.link, required: false, autocomplete: 'off', ...(e('link') ? { error: e('link')! } : {}) })}
</fieldset>
<fieldset class="mt-6"><legend class="h2">${say(lang, T.placesLegend)}</legend>
${shortInput({ lang, id: 'capacity', label: say(lang, T.capacity), hint: say(lang, T.capacityHint), type: 'number', width: 'xs', value: answers.capacity, error: e('capacity'), min: 1, max: CAPACITY_MAX, inputMode: 'numeric' })}
</fieldset>
${button(say(lang, activity ? T.saveChange : T.save), { id: 'save-activity' })}`,
      { id: 'activity-form' },
    ),
  });
}

const activitySummary = (lang: Lang, a: ActivityView) =>
  summaryList([
    { label: say(lang, T.activity), value: html`${a.title}<br><span class="form-hint">${kindName(lang, a.kind)}</span>` },
    { label: say(lang, T.when), value: whenText(lang, a.start, a.end) },
    { label: say(lang, T.registeredCount), value: say(lang, T.of, { n: a.registered, capacity: a.capacity }) },
  ]);

/** Cancelling: asked once; the registrations and the line end, and nothing follows for anyone. */
export function cancelActivityPage(context: PageContext, a: ActivityView, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.cancelTitle),
    back: STAFF_ACTIVITIES_PATH,
    errors,
    body: html`${activitySummary(lang, a)}
<p>${say(lang, T.cancelCounts, { registered: a.registered, waiting: a.waiting })}</p>
<p>${say(lang, T.cancelText)}</p>
${postForm(context, `${STAFF_ACTIVITIES_PATH}/${a.activityId}/aflys`, button(say(lang, T.cancelConfirm), { id: 'confirm-cancel' }), { id: 'cancel-form' })}
<p><a href="${STAFF_ACTIVITIES_PATH}">${say(lang, T.keep)}</a></p>`,
  });
}

/** How many came, after the end: a count only, never who. */
export function attendancePage(context: PageContext, a: ActivityView, now: number, typed?: string, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const form = isEnded(a, now)
    ? postForm(
        context,
        `${STAFF_ACTIVITIES_PATH}/${a.activityId}/fremmoede`,
        html`${shortInput({ lang, id: 'count', label: say(lang, T.countLabel), hint: say(lang, T.countHint), type: 'number', width: 'xs', value: typed ?? (a.attendance === null ? undefined : String(a.attendance)), error: errorFor(errors, 'count'), min: 0, max: 100_000, inputMode: 'numeric' })}
${button(say(lang, T.countSave), { id: 'save-count' })}`,
        { id: 'count-form' },
      )
    : html`<p id="count">${say(lang, T.notEnded)}</p>`;
  return page(context, { title: say(lang, T.countTitle), back: STAFF_ACTIVITIES_PATH, errors, body: html`${activitySummary(lang, a)}${form}` });
}

/** A count as typed: a whole number from 0 to 100 000, or an error on the field. */
export function checkCount(lang: Lang, typed: string): { count: number } | { error: FieldError } {
  const text = typed.trim();
  const count = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  return count >= 0 && count <= 100_000 ? { count } : { error: { field: 'count', message: say(lang, T.countBad) } };
}
