/**
 * Groups on "Mine sider": the citizen's own groups (with the meeting place the centre set up, and
 * how and when the group meets as a member wrote it down: the group's own decision), and the
 * centre's open groups to join, each with its name, kind, purpose and how many members it has –
 * never who. Joining is one button; leaving is asked once, and nothing follows from it. A citizen
 * may start a group themselves (a question page and "Tjek dine svar"); they are its first member.
 * Nobody adds or removes anyone else: there is no such control.
 */
import { GROUP_KINDS, type GroupKind } from '../../domain/group/group.js';
import { ARRANGEMENT_MAX, AUTHORITY_MAX, NAME_MAX, PURPOSE_MAX } from '../../domain/group/decide.js';
import type { CentreView } from '../../projections/centres/queries.js';
import type { GroupView } from '../../projections/groups/queries.js';
import { button, errorFor, errorOf, type FieldError, hidden, notice, postForm, radioGroup, summaryList, textArea, textInput } from '../components.js';
import { attr, html, type Html } from '../html.js';
import { formatDay, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { centreChooser, counted } from './activities-parts.js';

export const GROUPS_PATH = '/mine-sider/grupper';

/** Who a group brings together with its citizens. */
export const GROUP_KIND_LABELS: Record<GroupKind, Message> = {
  citizen_to_citizen: { da: 'Borgere mødes med hinanden', en: 'Citizens meeting each other' },
  citizen_to_partner: { da: 'Borgere mødes med en medspiller', en: 'Citizens meeting a partner' },
  citizen_to_authority: { da: 'Borgere mødes med en myndighed', en: 'Citizens meeting an authority' },
};
/** The kinds a citizen starts: a partner is named by the centre, which knows its partners. */
export const CITIZEN_GROUP_KINDS = GROUP_KINDS.filter((k) => k !== 'citizen_to_partner');

const T = {
  title: { da: 'Grupper', en: 'Groups' },
  intro: {
    da: 'I en gruppe mødes borgere med hinanden, med en medspiller eller med en myndighed. Gruppen bestemmer selv, hvordan og hvornår den mødes. Du melder dig selv ind og kan altid gå ud igen. Intet følger af det.',
    en: 'In a group, citizens meet each other, a partner or an authority. The group decides itself how and when it meets. You join yourself and can always leave again. Nothing follows from it.',
  },
  noCentre: { da: 'Vælg et center for at se dets grupper.', en: 'Choose a centre to see its groups.' },
  noCentres: { da: 'Der er ingen centre endnu.', en: 'There are no centres yet.' },
  mine: { da: 'Dine grupper', en: 'Your groups' },
  noMine: { da: 'Du er ikke med i nogen grupper.', en: 'You are not in any groups.' },
  open: { da: 'Centrets åbne grupper', en: 'The centre’s open groups' },
  noOpen: { da: 'Centret har ingen andre åbne grupper lige nu. Du kan starte en selv.', en: 'The centre has no other open groups just now. You can start one yourself.' },
  start: { da: 'Start en gruppe', en: 'Start a group' },
  members: { da: '{n} medlemmer', en: '{n} members' },
  member: { da: '1 medlem', en: '1 member' },
  meets: { da: 'Mødes med', en: 'Meets' },
  meetingPlace: { da: 'Virtuelt mødested', en: 'Virtual meeting place' },
  openPlace: { da: 'Gå til gruppens mødested', en: 'Go to the group’s meeting place' },
  noPlace: { da: 'Centret har ikke sat et virtuelt mødested op for gruppen.', en: 'The centre has not set up a virtual meeting place for the group.' },
  arrangement: { da: 'Sådan mødes I', en: 'How you meet' },
  noArrangement: { da: 'Ingen har skrevet ned endnu, hvordan og hvornår I mødes.', en: 'Nobody has written down yet how and when you meet.' },
  writtenOn: { da: 'Skrevet af et medlem {day}.', en: 'Written by a member on {day}.' },
  erased: { da: 'Teksten er slettet.', en: 'The text has been erased.' },
  write: { da: 'Skriv, hvordan og hvornår I mødes', en: 'Write down how and when you meet' },
  rewrite: { da: 'Ret, hvordan og hvornår I mødes', en: 'Change how and when you meet' },
  leave: { da: 'Forlad gruppen', en: 'Leave the group' },
  join: { da: 'Bliv medlem', en: 'Join' },
  about: { da: ' – {name}', en: ' – {name}' },
  joined: { da: 'Du er medlem af »{name}«.', en: 'You are a member of “{name}”.' },
  left: { da: 'Du har forladt »{name}«. Intet følger af det.', en: 'You have left “{name}”. Nothing follows from it.' },
  started: { da: 'Gruppen »{name}« er startet, og du er dens første medlem.', en: 'The group “{name}” has started, and you are its first member.' },
  arranged: { da: 'Det er skrevet ned, hvordan og hvornår I mødes.', en: 'How and when you meet is written down.' },
  // Starting a group
  startTitle: { da: 'Start en gruppe', en: 'Start a group' },
  kind: { da: 'Hvem skal gruppen mødes med?', en: 'Who will the group meet?' },
  kindMissing: { da: 'Vælg, hvem gruppen skal mødes med', en: 'Choose who the group will meet' },
  name: { da: 'Gruppens navn', en: 'The group’s name' },
  nameMissing: { da: 'Skriv gruppens navn', en: 'Type the group’s name' },
  nameTooLong: { da: 'Navnet må højst være 200 tegn', en: 'The name can be at most 200 characters' },
  purpose: { da: 'Hvad vil gruppen?', en: 'What is the group for?' },
  purposeHint: { da: 'Alle kan se det, så andre kan finde en gruppe, der passer dem.', en: 'Everyone can see it, so others can find a group that suits them.' },
  purposeTooLong: { da: 'Teksten må højst være 2.000 tegn', en: 'The text can be at most 2,000 characters' },
  authority: { da: 'Hvilken myndighed?', en: 'Which authority?' },
  authorityHint: { da: 'Kun når gruppen mødes med en myndighed, fx kommunens sundhedshus.', en: 'Only when the group meets an authority, e.g. the municipality’s health house.' },
  authorityMissing: { da: 'Skriv, hvilken myndighed gruppen mødes med', en: 'Type which authority the group meets' },
  authorityNotHere: { da: 'Lad feltet stå tomt, når gruppen ikke mødes med en myndighed', en: 'Leave this empty when the group does not meet an authority' },
  authorityTooLong: { da: 'Myndighedens navn må højst være 200 tegn', en: 'The authority’s name can be at most 200 characters' },
  continue: { da: 'Fortsæt', en: 'Continue' },
  check: { da: 'Tjek dine svar', en: 'Check your answers' },
  centre: { da: 'Center', en: 'Centre' },
  change: { da: 'Ret dine svar', en: 'Change your answers' },
  checkText: {
    da: 'Du bliver gruppens første medlem. Andre kan se gruppens navn, formål og hvor mange medlemmer den har – aldrig hvem.',
    en: 'You become the group’s first member. Others can see the group’s name, purpose and how many members it has – never who.',
  },
  confirm: { da: 'Start gruppen', en: 'Start the group' },
  none: { da: 'Ikke oplyst', en: 'Not given' },
  // Leaving
  leaveTitle: { da: 'Vil du forlade gruppen?', en: 'Do you want to leave the group?' },
  leaveText: {
    da: 'Du kan altid blive medlem igen, så længe gruppen er åben. Intet følger af at forlade en gruppe.',
    en: 'You can always join again while the group is open. Nothing follows from leaving a group.',
  },
  leaveConfirm: { da: 'Ja, forlad gruppen', en: 'Yes, leave the group' },
  stay: { da: 'Nej, bliv i gruppen', en: 'No, stay in the group' },
  // Arrangement
  arrangeTitle: { da: 'Hvordan og hvornår mødes I?', en: 'How and when do you meet?' },
  arrangeLabel: { da: 'Det, I er blevet enige om', en: 'What you have agreed' },
  arrangeHint: {
    da: 'Det bestemmer gruppen selv. Fx »Vi mødes hver anden torsdag kl. 17 på biblioteket«. Alle gruppens medlemmer kan se det.',
    en: 'The group decides that itself. E.g. “We meet every other Thursday at 17:00 at the library”. Every member of the group can see it.',
  },
  arrangeMissing: { da: 'Skriv, hvordan og hvornår I mødes', en: 'Write down how and when you meet' },
  arrangeTooLong: { da: 'Teksten må højst være 2.000 tegn', en: 'The text can be at most 2,000 characters' },
  arrangeSave: { da: 'Gem', en: 'Save' },
} satisfies Record<string, Message>;

/** The refusals a citizen can meet here. */
export const GROUP_REFUSALS: Readonly<Record<string, Message>> = {
  group_not_found: { da: 'Gruppen findes ikke længere.', en: 'The group is no longer there.' },
  group_closed: { da: 'Gruppen er lukket.', en: 'The group is closed.' },
  group_exists: { da: 'Gruppen er allerede startet.', en: 'The group has already started.' },
  centre_not_found: { da: 'Centret findes ikke. Vælg et andet center.', en: 'The centre does not exist. Choose another centre.' },
  forbidden: { da: 'Kun gruppens medlemmer kan gøre det.', en: 'Only the group’s members can do that.' },
};

/** The domain's fields for a group, on the forms' fields. */
export const GROUP_FIELDS: Readonly<Record<string, { field: string; message: Message }>> = {
  kind: { field: 'kind', message: T.kindMissing },
  name: { field: 'name', message: T.nameTooLong },
  purpose: { field: 'purpose', message: T.purposeTooLong },
  authority: { field: 'authority', message: T.authorityMissing },
  arrangement: { field: 'arrangement', message: T.arrangeMissing },
};

export const groupKindName = (lang: Lang, kind: GroupKind) => say(lang, GROUP_KIND_LABELS[kind]);
export const memberCount = (lang: Lang, n: number) => counted(lang, n, T.member, T.members);

/** How and when a group meets, opened for its members: the words, erased words, or none written. */
export type Arrangement = { text: string; setAt: string } | { erased: true; setAt: string } | null;

export type GroupNotice = { done: 'joined' | 'left' | 'started' | 'arranged'; name: string };

export interface CitizenGroups {
  centres: readonly CentreView[];
  centre: CentreView | null;
  mine: readonly (GroupView & { arrangementOpened: Arrangement })[];
  /** The centre's open groups the citizen is not a member of. */
  open: readonly GroupView[];
  notice: GroupNotice | null;
}

/** The id of a group's join button (a refused join's error leads there), and the section it falls back to. */
export const joinButtonId = (groupId: string) => `join-${groupId}`;
export const OPEN_SECTION = 'open-groups';

function noticeText(lang: Lang, n: GroupNotice): string {
  const texts = { joined: T.joined, left: T.left, started: T.started, arranged: T.arranged } as const;
  return say(lang, texts[n.done], { name: n.name });
}

function facts(lang: Lang, g: GroupView): Html {
  return html`<p class="form-hint mt-0">${groupKindName(lang, g.kind)}</p>
${g.purpose ? html`<p>${g.purpose}</p>` : null}
${g.authority ? html`<p class="mb-2"><strong>${say(lang, T.meets)}:</strong> ${g.authority}</p>` : null}
<p class="mb-2" id="members-${g.groupId}">${memberCount(lang, g.members)}</p>`;
}

function myGroupCard(context: PageContext, g: GroupView & { arrangementOpened: Arrangement }): Html {
  const { lang } = context;
  const about = html`<span class="sr-only">${say(lang, T.about, { name: g.name })}</span>`;
  const a = g.arrangementOpened;
  const arrangement = !a
    ? html`<p>${say(lang, T.noArrangement)}</p>`
    : html`<p class="mb-2" id="arrangement-${g.groupId}">${'text' in a ? a.text : say(lang, T.erased)}</p><p class="form-hint mt-0">${say(lang, T.writtenOn, { day: formatDay(lang, a.setAt) })}</p>`;
  return html`<li class="card mb-5" id="group-${g.groupId}"><div class="card-content">
<h3 class="card-heading">${g.name}</h3>
${facts(lang, g)}
<h4>${say(lang, T.meetingPlace)}</h4>
${g.meetingPlace ? html`<p><a href="${g.meetingPlace}" rel="noreferrer" id="place-${g.groupId}">${say(lang, T.openPlace)}${about}</a></p>` : html`<p>${say(lang, T.noPlace)}</p>`}
<h4>${say(lang, T.arrangement)}</h4>
${arrangement}
<p><a href="${GROUPS_PATH}/${g.groupId}/moedes" id="arrange-${g.groupId}">${say(lang, a ? T.rewrite : T.write)}${about}</a> · <a href="${GROUPS_PATH}/${g.groupId}/forlad" id="leave-${g.groupId}">${say(lang, T.leave)}${about}</a></p>
</div></li>`;
}

function openGroupCard(context: PageContext, g: GroupView, errors: readonly FieldError[]): Html {
  const { lang } = context;
  const id = joinButtonId(g.groupId);
  const error = errorFor(errors, id);
  return html`<li class="card mb-5" id="group-${g.groupId}"><div class="card-content">
<h3 class="card-heading">${g.name}</h3>
${facts(lang, g)}
${postForm(
  context,
  `${GROUPS_PATH}/${g.groupId}/bliv-medlem`,
  html`<div class="form-group${error ? ' form-error' : ''}">${errorOf(lang, id, error)}<button type="submit" class="button button-secondary" id="${id}"${attr('aria-describedby', error ? `${id}-error` : undefined)}>${say(lang, T.join)}<span class="sr-only">${say(lang, T.about, { name: g.name })}</span></button></div>`,
)}
</div></li>`;
}

/** The citizen's own groups, and the centre's open groups to join. */
export function groupsPage(context: PageContext, view: CitizenGroups, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const startHref = view.centre ? `${GROUPS_PATH}/ny?centre=${view.centre.centreId}` : `${GROUPS_PATH}/ny`;
  const open = !view.centre
    ? html`<p>${say(lang, view.centres.length === 0 ? T.noCentres : T.noCentre)}</p>`
    : view.open.length === 0
      ? html`<p>${say(lang, T.noOpen)}</p>`
      : html`<ul class="nobullet-list" id="centre-groups">${view.open.map((g) => openGroupCard(context, g, errors))}</ul>`;
  return page(context, {
    title: say(lang, T.title),
    back: '/mine-sider',
    errors,
    body: html`${notice(view.notice ? noticeText(lang, view.notice) : null)}
<p>${say(lang, T.intro)}</p>
${centreChooser(context, GROUPS_PATH, view.centres, view.centre)}
<h2>${say(lang, T.mine)}</h2>
${view.mine.length === 0 ? html`<p>${say(lang, T.noMine)}</p>` : html`<ul class="nobullet-list" id="my-groups">${view.mine.map((g) => myGroupCard(context, g))}</ul>`}
<h2 id="${OPEN_SECTION}" tabindex="-1">${say(lang, T.open)}</h2>
${open}
${view.centre ? html`<p><a class="button button-secondary" href="${startHref}" id="start-group">${say(lang, T.start)}</a></p>` : null}`,
  });
}

/** Where a refused join's error is shown: its button, when the page still shows one. */
export const joinField = (view: CitizenGroups, groupId: string) => (view.open.some((g) => g.groupId === groupId) ? joinButtonId(groupId) : OPEN_SECTION);

// ---- Starting a group ----

export interface GroupAnswers {
  kind: string;
  name: string;
  purpose: string;
  authority: string;
  /** For a staff member only: the partner a citizen-to-partner group meets. */
  partnerId?: string;
}
export const emptyGroup: GroupAnswers = { kind: '', name: '', purpose: '', authority: '' };

/** The answers as typed, checked: the errors to put right (null: a kind the form does not offer, a bad request). */
export function checkGroup(lang: Lang, a: GroupAnswers, kinds: readonly GroupKind[]): FieldError[] | null {
  const kind = kinds.find((k) => k === a.kind);
  if (a.kind !== '' && !kind) return null;
  const errors: FieldError[] = [];
  const add = (field: string, message: Message) => errors.push({ field, message: say(lang, message) });
  if (!kind) add('kind', T.kindMissing);
  const name = a.name.trim();
  if (name === '') add('name', T.nameMissing);
  else if (name.length > NAME_MAX) add('name', T.nameTooLong);
  if (a.purpose.trim().length > PURPOSE_MAX) add('purpose', T.purposeTooLong);
  const authority = a.authority.trim();
  if (kind === 'citizen_to_authority' && authority === '') add('authority', T.authorityMissing);
  else if (kind && kind !== 'citizen_to_authority' && authority !== '') add('authority', T.authorityNotHere);
  else if (authority.length > AUTHORITY_MAX) add('authority', T.authorityTooLong);
  return errors;
}

/** The fields of a group's start form (the kinds offered, and the partner's field for staff). */
export function groupFields(lang: Lang, a: GroupAnswers, errors: readonly FieldError[], kinds: readonly GroupKind[], partner?: Html): Html {
  const e = (field: string) => errorFor(errors, field);
  return html`${radioGroup({ lang, id: 'kind', legend: say(lang, T.kind), choices: kinds.map((k) => ({ value: k, label: groupKindName(lang, k) })), checked: a.kind, ...(e('kind') ? { error: e('kind')! } : {}) })}
${textInput({ lang, id: 'name', label: say(lang, T.name), value: a.name, maxLength: NAME_MAX, autocomplete: 'off', ...(e('name') ? { error: e('name')! } : {}) })}
${textArea({ lang, id: 'purpose', label: say(lang, T.purpose), hint: say(lang, T.purposeHint), value: a.purpose, required: false, maxLength: PURPOSE_MAX, rows: 3, ...(e('purpose') ? { error: e('purpose')! } : {}) })}
${partner ?? null}
${textInput({ lang, id: 'authority', label: say(lang, T.authority), hint: say(lang, T.authorityHint), value: a.authority, required: false, maxLength: AUTHORITY_MAX, autocomplete: 'off', ...(e('authority') ? { error: e('authority')! } : {}) })}`;
}

const answersHidden = (a: GroupAnswers) => html`${hidden('kind', a.kind)}${hidden('name', a.name)}${hidden('purpose', a.purpose)}${hidden('authority', a.authority)}`;

/** The question page for a group the citizen starts, at the centre they are looking at. */
export function startGroupPage(context: PageContext, centre: CentreView, a: GroupAnswers, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.startTitle),
    back: `${GROUPS_PATH}?centre=${centre.centreId}`,
    errors,
    body: postForm(
      context,
      `${GROUPS_PATH}/ny`,
      html`${hidden('centreId', centre.centreId)}<p><strong>${say(lang, T.centre)}:</strong> ${centre.name}</p>
${groupFields(lang, a, errors, CITIZEN_GROUP_KINDS)}
${button(say(lang, T.continue), { id: 'continue' })}`,
      { id: 'group-form', idempotent: false },
    ),
  });
}

/** "Tjek dine svar" before the group is started. */
export function checkGroupPage(context: PageContext, centre: CentreView, a: GroupAnswers, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const kind = GROUP_KINDS.find((k) => k === a.kind);
  const rows = [
    { label: say(lang, T.centre), value: centre.name },
    { label: say(lang, T.kind), value: kind ? groupKindName(lang, kind) : '–' },
    { label: say(lang, T.name), value: a.name.trim() },
    { label: say(lang, T.purpose), value: a.purpose.trim() || say(lang, T.none) },
    ...(kind === 'citizen_to_authority' ? [{ label: say(lang, T.authority), value: a.authority.trim() }] : []),
  ];
  return page(context, {
    title: say(lang, T.check),
    back: `${GROUPS_PATH}/ny?centre=${centre.centreId}`,
    errors,
    body: html`${summaryList(rows)}
<p>${say(lang, T.checkText)}</p>
${postForm(context, `${GROUPS_PATH}/ny/tjek`, html`${hidden('centreId', centre.centreId)}${answersHidden(a)}${button(say(lang, T.confirm), { id: 'confirm-group' })}`, { id: 'confirm-form' })}
${postForm(context, `${GROUPS_PATH}/ny/ret`, html`${hidden('centreId', centre.centreId)}${answersHidden(a)}${button(say(lang, T.change), { variant: 'secondary', id: 'change-answers' })}`, { id: 'change-form', idempotent: false })}`,
  });
}

// ---- Leaving; how and when the group meets ----

export function leaveGroupPage(context: PageContext, g: GroupView, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.leaveTitle),
    back: GROUPS_PATH,
    errors,
    body: html`<p><strong>${g.name}</strong><br>${groupKindName(lang, g.kind)}</p>
<p>${say(lang, T.leaveText)}</p>
${postForm(context, `${GROUPS_PATH}/${g.groupId}/forlad`, button(say(lang, T.leaveConfirm), { id: 'confirm-leave' }), { id: 'leave-form' })}
<p><a href="${GROUPS_PATH}">${say(lang, T.stay)}</a></p>`,
  });
}

/** What is wrong with an arrangement as typed (null: nothing). */
export function arrangementError(lang: Lang, typed: string): FieldError | null {
  const text = typed.trim();
  if (text === '') return { field: 'arrangement', message: say(lang, T.arrangeMissing) };
  if (text.length > ARRANGEMENT_MAX) return { field: 'arrangement', message: say(lang, T.arrangeTooLong) };
  return null;
}

export function arrangementPage(context: PageContext, g: GroupView, typed: string, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const error = errorFor(errors, 'arrangement');
  return page(context, {
    title: say(lang, T.arrangeTitle),
    back: GROUPS_PATH,
    errors,
    body: html`<p><strong>${g.name}</strong></p>
${postForm(
  context,
  `${GROUPS_PATH}/${g.groupId}/moedes`,
  html`${textArea({ lang, id: 'arrangement', label: say(lang, T.arrangeLabel), hint: say(lang, T.arrangeHint), value: typed, maxLength: ARRANGEMENT_MAX, rows: 4, ...(error ? { error } : {}) })}
${button(say(lang, T.arrangeSave), { id: 'save-arrangement' })}`,
  { id: 'arrangement-form' },
)}`,
  });
}
