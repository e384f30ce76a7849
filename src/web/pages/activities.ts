/**
 * Local activities on "Mine sider": the centre's information meetings, workshops, seminars and
 * self-help groups from now on, each with its time in Danish time, its place (or, once the citizen
 * has a place, its link), and its free places or that it is full and a place in line is open; the
 * citizen's own places and where they stand in line. Registering and joining the waiting list are
 * each one button, the citizen's own act; unregistering and leaving the line are asked once, and
 * nothing follows from either. Nobody is ever put on an activity, and nobody is reminded of one.
 */
import type { ActivityKind } from '../../domain/activity/activity.js';
import type { CentreView } from '../../projections/centres/queries.js';
import type { ActivityView, CitizenPlace } from '../../projections/activities/queries.js';
import { badge, button, errorFor, errorOf, type FieldError, hidden, notice, postForm } from '../components.js';
import { attr, html, type Html } from '../html.js';
import { type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { centreChooser, whenText } from './activities-parts.js';

export const ACTIVITIES_PATH = '/mine-sider/aktiviteter';

/** What each kind of activity is called. */
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, Message> = {
  information_meeting: { da: 'Informationsmøde', en: 'Information meeting' },
  workshop: { da: 'Workshop', en: 'Workshop' },
  seminar: { da: 'Seminar', en: 'Seminar' },
  self_help_group: { da: 'Selvhjælpsgruppe', en: 'Self-help group' },
};

const T = {
  title: { da: 'Aktiviteter', en: 'Activities' },
  intro: {
    da: 'Her er de aktiviteter, {centre} holder: informationsmøder, workshops, seminarer og selvhjælpsgrupper. Du vælger selv, om du vil være med, og du kan altid afmelde dig igen. Intet følger af at afmelde sig.',
    en: 'Here are the activities {centre} holds: information meetings, workshops, seminars and self-help groups. You decide yourself whether to take part, and you can always unregister again. Nothing follows from unregistering.',
  },
  noCentre: { da: 'Vælg et center for at se dets aktiviteter.', en: 'Choose a centre to see its activities.' },
  noCentres: { da: 'Der er ingen centre endnu.', en: 'There are no centres yet.' },
  mine: { da: 'Dine pladser', en: 'Your places' },
  noMine: { da: 'Du er ikke tilmeldt nogen aktiviteter.', en: 'You are not registered for any activities.' },
  upcoming: { da: 'Kommende aktiviteter', en: 'Coming activities' },
  noUpcoming: { da: 'Centret har ingen kommende aktiviteter lige nu.', en: 'The centre has no coming activities just now.' },
  noOthers: { da: 'Centret har ingen andre kommende aktiviteter lige nu.', en: 'The centre has no other coming activities just now.' },
  when: { da: 'Hvornår', en: 'When' },
  where: { da: 'Hvor', en: 'Where' },
  places: { da: 'Pladser', en: 'Places' },
  online: { da: 'Online', en: 'Online' },
  linkLater: { da: 'Online. Linket vises her, når du har en plads.', en: 'Online. The link shows here once you have a place.' },
  openLink: { da: 'Gå til det virtuelle mødested', en: 'Go to the virtual meeting place' },
  free: { da: '{n} ledige pladser af {capacity}', en: '{n} free places of {capacity}' },
  freeOne: { da: '1 ledig plads af {capacity}', en: '1 free place of {capacity}' },
  full: { da: 'Fuldt – du kan skrive dig på ventelisten', en: 'Full – you can put yourself on the waiting list' },
  inLine: { da: '{n} på ventelisten', en: '{n} on the waiting list' },
  taken: { da: '{n} af {capacity} pladser er taget', en: '{n} of {capacity} places are taken' },
  begun: { da: 'I gang nu. Tilmeldingen er lukket.', en: 'Under way now. Registration is closed.' },
  hasPlace: { da: 'Du har en plads', en: 'You have a place' },
  waiting: { da: 'Du er nr. {n} på ventelisten', en: 'You are number {n} on the waiting list' },
  register: { da: 'Tilmeld mig', en: 'Register me' },
  joinLine: { da: 'Skriv mig på ventelisten', en: 'Put me on the waiting list' },
  unregister: { da: 'Afmeld mig', en: 'Unregister me' },
  leaveLine: { da: 'Forlad ventelisten', en: 'Leave the waiting list' },
  about: { da: ' – {title}', en: ' – {title}' },
  gotPlace: { da: 'Du har fået en plads på »{title}«.', en: 'You have a place on “{title}”.' },
  gotLine: {
    da: 'Der var ikke en ledig plads, så du står på ventelisten til »{title}«. Du er nr. {n}. Får du en plads, står det her på siden.',
    en: 'There was no free place, so you are on the waiting list for “{title}”. You are number {n}. If you get a place, it shows here on the page.',
  },
  unregistered: { da: 'Du er afmeldt »{title}«. Intet følger af det.', en: 'You are unregistered from “{title}”. Nothing follows from it.' },
  leftLine: { da: 'Du står ikke længere på ventelisten til »{title}«. Intet følger af det.', en: 'You are no longer on the waiting list for “{title}”. Nothing follows from it.' },
  unregisterTitle: { da: 'Vil du afmelde dig?', en: 'Do you want to unregister?' },
  unregisterText: {
    da: 'Du giver din plads fra dig. Du kan tilmelde dig igen, hvis der er en ledig plads. Intet følger af at afmelde sig.',
    en: 'You give up your place. You can register again if there is a free place. Nothing follows from unregistering.',
  },
  unregisterConfirm: { da: 'Ja, afmeld mig', en: 'Yes, unregister me' },
  keepPlace: { da: 'Nej, behold min plads', en: 'No, keep my place' },
  leaveTitle: { da: 'Vil du forlade ventelisten?', en: 'Do you want to leave the waiting list?' },
  leaveText: {
    da: 'Du er nr. {n} på ventelisten. Du kan skrive dig på igen når som helst, men så står du bagerst. Intet følger af at forlade ventelisten.',
    en: 'You are number {n} on the waiting list. You can put yourself on it again at any time, but then you are at the back. Nothing follows from leaving the waiting list.',
  },
  leaveConfirm: { da: 'Ja, forlad ventelisten', en: 'Yes, leave the waiting list' },
  stayInLine: { da: 'Nej, bliv på ventelisten', en: 'No, stay on the waiting list' },
} satisfies Record<string, Message>;

/** The refusals a citizen can meet here, in their words (the shared ones come after). */
export const ACTIVITY_REFUSALS: Readonly<Record<string, Message>> = {
  activity_not_found: { da: 'Aktiviteten findes ikke længere.', en: 'The activity is no longer there.' },
  activity_cancelled: { da: 'Aktiviteten er aflyst.', en: 'The activity is cancelled.' },
  activity_begun: { da: 'Aktiviteten er begyndt, så tilmeldingen er lukket.', en: 'The activity has begun, so registration is closed.' },
  became_full: {
    da: 'Den sidste plads er lige blevet taget. Du kan skrive dig på ventelisten, hvis du vil.',
    en: 'The last place has just been taken. You can put yourself on the waiting list if you like.',
  },
  moved_up_meanwhile: {
    da: 'Du har fået en plads i mellemtiden, så du står ikke længere på ventelisten. Vil du heller ikke have pladsen, kan du afmelde dig her.',
    en: 'You got a place meanwhile, so you are no longer on the waiting list. If you do not want the place either, you can unregister here.',
  },
};

export const kindName = (lang: Lang, kind: ActivityKind) => say(lang, ACTIVITY_KIND_LABELS[kind]);

/** What was just done, said once at the top of the list (from the query after a redirect). */
export type ActivityNotice =
  | { done: 'registered'; title: string; place: CitizenPlace }
  | { done: 'unregistered' | 'left'; title: string };

export interface CitizenActivities {
  centres: readonly CentreView[];
  centre: CentreView | null;
  /** The centre's activities that have not ended. */
  upcoming: readonly ActivityView[];
  /** The citizen's own places and places in line, in activities that have not ended. */
  mine: readonly (ActivityView & { place: CitizenPlace })[];
  now: number;
  notice: ActivityNotice | null;
}

/** The id of a register button (where a refused registration's error leads), and of the section it falls back to. */
export const registerButtonId = (activityId: string) => `register-${activityId}`;
export const UPCOMING_SECTION = 'upcoming';

const begun = (a: ActivityView, now: number) => Date.parse(a.start) <= now;
/** Whether a newcomer would get a seat: free places and nobody waiting before them. */
export const seatFree = (a: ActivityView) => a.freePlaces > 0 && a.waiting === 0;

/** Where a refused registration's error is shown: its button, when the list shows one. */
export function registerField(view: CitizenActivities, activityId: string): string {
  const a = view.upcoming.find((u) => u.activityId === activityId);
  const own = view.mine.some((m) => m.activityId === activityId);
  return a && !own && !begun(a, view.now) ? registerButtonId(activityId) : UPCOMING_SECTION;
}

function noticeText(lang: Lang, n: ActivityNotice): string {
  if (n.done !== 'registered') return say(lang, n.done === 'unregistered' ? T.unregistered : T.leftLine, { title: n.title });
  if (n.place.status === 'waiting') return say(lang, T.gotLine, { title: n.title, n: n.place.position });
  return say(lang, T.gotPlace, { title: n.title });
}

function placesText(lang: Lang, a: ActivityView, now: number, own: boolean): string {
  if (begun(a, now)) return say(lang, T.begun);
  // Someone with a place, or in line, needs no invitation to the line: only how it stands.
  if (own) return say(lang, T.taken, { n: a.registered, capacity: a.capacity }) + (a.waiting > 0 ? `, ${say(lang, T.inLine, { n: a.waiting })}` : '');
  if (seatFree(a)) return a.freePlaces === 1 ? say(lang, T.freeOne, { capacity: a.capacity }) : say(lang, T.free, { n: a.freePlaces, capacity: a.capacity });
  return a.waiting > 0 ? `${say(lang, T.full)} (${say(lang, T.inLine, { n: a.waiting })})` : say(lang, T.full);
}

function whereOf(lang: Lang, a: ActivityView, place: CitizenPlace | undefined): Html {
  if ('place' in a.where) return html`${a.where.place}`;
  return place?.status === 'registered'
    ? html`${say(lang, T.online)}: <a href="${a.where.link}" rel="noreferrer" id="link-${a.activityId}">${say(lang, T.openLink)}<span class="sr-only">${say(lang, T.about, { title: a.title })}</span></a>`
    : html`${say(lang, T.linkLater)}`;
}

/** One activity: what, when, where, its places, the citizen's own standing and what they can do. */
function activityCard(context: PageContext, a: ActivityView, place: CitizenPlace | undefined, now: number, errors: readonly FieldError[]): Html {
  const { lang } = context;
  const about = html`<span class="sr-only">${say(lang, T.about, { title: a.title })}</span>`;
  const standing =
    place?.status === 'registered'
      ? html`<p class="mb-2">${badge(say(lang, T.hasPlace), 'success')}</p>`
      : place?.status === 'waiting'
        ? html`<p class="mb-2"><strong id="position-${a.activityId}">${say(lang, T.waiting, { n: place.position })}</strong></p>`
        : null;
  let action: Html | null = null;
  if (place?.status === 'registered') action = html`<p><a href="${ACTIVITIES_PATH}/${a.activityId}/afmeld" id="unregister-${a.activityId}">${say(lang, T.unregister)}${about}</a></p>`;
  else if (place?.status === 'waiting') action = html`<p><a href="${ACTIVITIES_PATH}/${a.activityId}/forlad-ventelisten" id="leave-${a.activityId}">${say(lang, T.leaveLine)}${about}</a></p>`;
  else if (!begun(a, now)) {
    const id = registerButtonId(a.activityId);
    const error = errorFor(errors, id);
    const seat = seatFree(a);
    action = postForm(
      context,
      `${ACTIVITIES_PATH}/${a.activityId}/tilmeld`,
      html`<div class="form-group${error ? ' form-error' : ''}">${errorOf(lang, id, error)}${hidden('som', seat ? 'plads' : 'venteliste')}<button type="submit" class="button button-${seat ? 'primary' : 'secondary'}" id="${id}"${attr('aria-describedby', error ? `${id}-error` : undefined)}>${say(lang, seat ? T.register : T.joinLine)}${about}</button></div>`,
    );
  }
  return html`<li class="card mb-5" id="activity-${a.activityId}"><div class="card-content">
<h3 class="card-heading">${a.title}</h3>
<p class="form-hint mt-0">${kindName(lang, a.kind)}</p>
${a.description ? html`<p>${a.description}</p>` : null}
<p class="mb-2"><strong>${say(lang, T.when)}:</strong> ${whenText(lang, a.start, a.end)}</p>
<p class="mb-2"><strong>${say(lang, T.where)}:</strong> ${whereOf(lang, a, place)}</p>
<p><strong>${say(lang, T.places)}:</strong> ${placesText(lang, a, now, place !== undefined)}</p>
${standing}
${action}
</div></li>`;
}

/** The centre's coming activities and the citizen's own places. */
export function activitiesPage(context: PageContext, view: CitizenActivities, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const places = new Map(view.mine.map((m) => [m.activityId, m.place] as const));
  const mine =
    view.mine.length === 0
      ? html`<p>${say(lang, T.noMine)}</p>`
      : html`<ul class="nobullet-list" id="my-activities">${view.mine.map((m) => activityCard(context, m, m.place, view.now, errors))}</ul>`;
  const others = view.upcoming.filter((a) => !places.has(a.activityId));
  const upcoming = !view.centre
    ? html`<p>${say(lang, view.centres.length === 0 ? T.noCentres : T.noCentre)}</p>`
    : others.length === 0
      ? html`<p>${say(lang, view.upcoming.length === 0 ? T.noUpcoming : T.noOthers)}</p>`
      : html`<ul class="nobullet-list" id="centre-activities">${others.map((a) => activityCard(context, a, undefined, view.now, errors))}</ul>`;
  return page(context, {
    title: say(lang, T.title),
    back: '/mine-sider',
    errors,
    body: html`${notice(view.notice ? noticeText(lang, view.notice) : null)}
${view.centre ? html`<p>${say(lang, T.intro, { centre: view.centre.name })}</p>` : null}
${centreChooser(context, ACTIVITIES_PATH, view.centres, view.centre)}
<h2>${say(lang, T.mine)}</h2>
${mine}
<h2 id="${UPCOMING_SECTION}" tabindex="-1">${say(lang, T.upcoming)}</h2>
${upcoming}`,
  });
}

/** Unregistering, or leaving the line: asked once, with the activity; nothing follows from either. */
export function leavePage(context: PageContext, a: ActivityView, place: CitizenPlace, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const seat = place.status === 'registered';
  const action = `${ACTIVITIES_PATH}/${a.activityId}/${seat ? 'afmeld' : 'forlad-ventelisten'}`;
  return page(context, {
    title: say(lang, seat ? T.unregisterTitle : T.leaveTitle),
    back: ACTIVITIES_PATH,
    errors,
    body: html`<p><strong>${a.title}</strong><br>${whenText(lang, a.start, a.end)}</p>
<p>${seat ? say(lang, T.unregisterText) : say(lang, T.leaveText, { n: place.status === 'waiting' ? place.position : 0 })}</p>
${postForm(context, action, button(say(lang, seat ? T.unregisterConfirm : T.leaveConfirm), { id: 'confirm-leave' }), { id: 'leave-form' })}
<p><a href="${ACTIVITIES_PATH}">${say(lang, seat ? T.keepPlace : T.stayInLine)}</a></p>`,
  });
}
