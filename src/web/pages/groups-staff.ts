/**
 * The centre's groups for staff: each with its kind, purpose and how many members it has (never
 * who), helping start one (no member is made: citizens join themselves), attaching or removing its
 * virtual meeting place (an https link), and closing a group without members (asked once). A group
 * with members closes when its members decide. There is no control to add or remove anyone.
 */
import { GROUP_KINDS } from '../../domain/group/group.js';
import { LINK_MAX, PARTNER_ID_MAX } from '../../domain/group/decide.js';
import type { GroupView } from '../../projections/groups/queries.js';
import { badge, button, errorFor, type FieldError, notice, postForm, summaryList, table, textInput } from '../components.js';
import { html, type Html } from '../html.js';
import { formatDay, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { type GroupAnswers, groupFields, groupKindName, memberCount } from './groups.js';
import { staffNav } from './staff-parts.js';

export const STAFF_GROUPS_PATH = '/medarbejder/grupper';

const T = {
  title: { da: 'Grupper', en: 'Groups' },
  intro: {
    da: 'Centrets grupper. Borgerne melder sig selv ind og ud, og gruppen bestemmer selv, hvordan og hvornår den mødes. Centret kan sætte et virtuelt mødested op. Her ses kun, hvor mange der er med – aldrig hvem.',
    en: 'The centre’s groups. Citizens join and leave themselves, and the group decides itself how and when it meets. The centre can set up a virtual meeting place. Only how many are in a group shows here – never who.',
  },
  start: { da: 'Hjælp med at starte en gruppe', en: 'Help start a group' },
  open: { da: 'Åbne grupper', en: 'Open groups' },
  closed: { da: 'Lukkede grupper', en: 'Closed groups' },
  caption: { da: 'Grupperne og hvor mange der er med – aldrig hvem', en: 'The groups and how many are in each – never who' },
  noOpen: { da: 'Centret har ingen åbne grupper.', en: 'The centre has no open groups.' },
  group: { da: 'Gruppe', en: 'Group' },
  kind: { da: 'Slags', en: 'Kind' },
  members: { da: 'Medlemmer', en: 'Members' },
  place: { da: 'Virtuelt mødested', en: 'Virtual meeting place' },
  hasPlace: { da: 'Sat op', en: 'Set up' },
  noPlace: { da: 'Intet', en: 'None' },
  startedBy: { da: 'Startet af', en: 'Started by' },
  byCitizen: { da: 'En borger', en: 'A citizen' },
  byStaff: { da: 'Centret', en: 'The centre' },
  see: { da: 'Se gruppen', en: 'See the group' },
  about: { da: ' – {name}', en: ' – {name}' },
  started: { da: 'Gruppen er startet. Borgerne kan melde sig ind nu.', en: 'The group has started. Citizens can join now.' },
  attached: { da: 'Mødestedet er sat op. Gruppens medlemmer kan se linket.', en: 'The meeting place is set up. The group’s members can see the link.' },
  detached: { da: 'Mødestedet er fjernet.', en: 'The meeting place is removed.' },
  wasClosed: { da: 'Gruppen er lukket.', en: 'The group is closed.' },
  // Starting
  startTitle: { da: 'Hjælp med at starte en gruppe', en: 'Help start a group' },
  startText: {
    da: 'Du bliver ikke medlem af gruppen, og ingen bliver meldt ind: borgerne melder sig selv ind, hvis de har lyst.',
    en: 'You do not become a member of the group, and nobody is made one: citizens join themselves if they want to.',
  },
  partner: { da: 'Medspillerens id', en: 'The partner’s id' },
  partnerHint: { da: 'Kun når gruppen mødes med en medspiller. Id’et står på medspillerens side.', en: 'Only when the group meets a partner. The id is on the partner’s page.' },
  partnerMissing: { da: 'Skriv id’et på den medspiller, gruppen mødes med', en: 'Type the id of the partner the group meets' },
  partnerNotHere: { da: 'Lad feltet stå tomt, når gruppen ikke mødes med en medspiller', en: 'Leave this empty when the group does not meet a partner' },
  partnerBad: { da: 'Skriv id’et uden mellemrum, højst 200 tegn', en: 'Type the id without spaces, at most 200 characters' },
  save: { da: 'Start gruppen', en: 'Start the group' },
  // One group
  purpose: { da: 'Formål', en: 'Purpose' },
  authority: { da: 'Mødes med', en: 'Meets' },
  status: { da: 'Status', en: 'Status' },
  isOpen: { da: 'Åben', en: 'Open' },
  isClosed: { da: 'Lukket {day}', en: 'Closed on {day}' },
  startedOn: { da: 'Startet', en: 'Started' },
  none: { da: 'Ikke oplyst', en: 'Not given' },
  placeHeading: { da: 'Virtuelt mødested', en: 'Virtual meeting place' },
  placeNow: { da: 'Gruppens mødested nu:', en: 'The group’s meeting place now:' },
  link: { da: 'Link til mødestedet', en: 'Link to the meeting place' },
  linkHint: { da: 'Begynder med https://. Kun gruppens medlemmer ser linket.', en: 'Begins with https://. Only the group’s members see the link.' },
  linkMissing: { da: 'Skriv linket til mødestedet', en: 'Type the link to the meeting place' },
  linkBad: { da: 'Skriv et sikkert link, der begynder med https://, uden brugernavn eller adgangskode', en: 'Type a secure link beginning with https://, without a user name or password' },
  attach: { da: 'Sæt mødestedet op', en: 'Set up the meeting place' },
  replace: { da: 'Skift mødestedet', en: 'Replace the meeting place' },
  detach: { da: 'Fjern mødestedet', en: 'Remove the meeting place' },
  closeHeading: { da: 'Luk gruppen', en: 'Close the group' },
  closeLink: { da: 'Luk gruppen', en: 'Close the group' },
  closeNotYours: {
    da: 'Gruppen har medlemmer. En gruppe med medlemmer lukker, når medlemmerne selv beslutter det.',
    en: 'The group has members. A group with members closes when its members decide it themselves.',
  },
  closeTitle: { da: 'Vil du lukke gruppen?', en: 'Do you want to close the group?' },
  closeText: {
    da: 'Gruppen har ingen medlemmer. Når den er lukket, kan ingen melde sig ind, og den kan ikke åbnes igen. Du kan hjælpe med at starte en ny.',
    en: 'The group has no members. Once it is closed, nobody can join, and it cannot be opened again. You can help start a new one.',
  },
  closeConfirm: { da: 'Ja, luk gruppen', en: 'Yes, close the group' },
  keep: { da: 'Nej, tilbage til gruppen', en: 'No, back to the group' },
  back: { da: 'Tilbage til grupperne', en: 'Back to the groups' },
} satisfies Record<string, Message>;

/** The refusals a staff member can meet here. */
export const STAFF_GROUP_REFUSALS: Readonly<Record<string, Message>> = {
  group_not_found: { da: 'Gruppen findes ikke.', en: 'The group does not exist.' },
  group_closed: { da: 'Gruppen er lukket, så intet ved den ændres mere.', en: 'The group is closed, so nothing about it changes any more.' },
  group_exists: { da: 'Gruppen er allerede startet.', en: 'The group has already started.' },
  group_has_members: T.closeNotYours,
  centre_not_found: { da: 'Centret findes ikke.', en: 'The centre does not exist.' },
  forbidden: { da: 'Gruppen hører til et andet center.', en: 'The group belongs to another centre.' },
};

/** The domain's fields a staff form can be refused on. */
export const STAFF_GROUP_FIELDS: Readonly<Record<string, { field: string; message: Message }>> = {
  partnerId: { field: 'partnerId', message: T.partnerBad },
  link: { field: 'link', message: T.linkBad },
};

export type StaffGroupNotice = 'startet' | 'moedested' | 'fjernet' | 'lukket';
export const STAFF_GROUP_NOTICES: readonly StaffGroupNotice[] = ['startet', 'moedested', 'fjernet', 'lukket'];
const NOTICE_TEXTS: Record<StaffGroupNotice, Message> = { startet: T.started, moedested: T.attached, fjernet: T.detached, lukket: T.wasClosed };
const noticeOf = (lang: Lang, shown: StaffGroupNotice | null) => notice(shown ? say(lang, NOTICE_TEXTS[shown]) : null);

/** The centre's groups, open first: counts only. */
export function staffGroupsPage(context: PageContext, groups: readonly GroupView[], shown: StaffGroupNotice | null): Html {
  const { lang } = context;
  const head = [{ text: say(lang, T.group) }, { text: say(lang, T.kind) }, { text: say(lang, T.members), numeric: true }, { text: say(lang, T.place) }, { text: say(lang, T.startedBy) }];
  const rows = (list: readonly GroupView[]) =>
    list.map((g) => [
      { value: html`<a href="${STAFF_GROUPS_PATH}/${g.groupId}" id="see-${g.groupId}">${g.name}</a>`, header: true },
      { value: groupKindName(lang, g.kind) },
      { value: g.members, numeric: true },
      { value: g.meetingPlace ? say(lang, T.hasPlace) : say(lang, T.noPlace) },
      { value: say(lang, g.startedBy === 'citizen' ? T.byCitizen : T.byStaff) },
    ]);
  const open = groups.filter((g) => g.status === 'open');
  const closed = groups.filter((g) => g.status === 'closed');
  return page(context, {
    title: say(lang, T.title),
    body: html`${staffNav(context)}
${noticeOf(lang, shown)}
<p>${say(lang, T.intro)}</p>
<p><a class="button button-primary" href="${STAFF_GROUPS_PATH}/ny" id="start-link">${say(lang, T.start)}</a></p>
<h2>${say(lang, T.open)}</h2>
${open.length === 0 ? html`<p>${say(lang, T.noOpen)}</p>` : table(say(lang, T.caption), head, rows(open))}
${closed.length === 0 ? null : html`<h2>${say(lang, T.closed)}</h2>${table(say(lang, T.caption), head, rows(closed))}`}`,
  });
}

/** What is wrong with the partner's id as typed, for the kind chosen (null: nothing). */
export function partnerError(lang: Lang, kind: string, typed: string): FieldError | null {
  const id = typed.trim();
  if (kind === 'citizen_to_partner' && id === '') return { field: 'partnerId', message: say(lang, T.partnerMissing) };
  if (kind !== 'citizen_to_partner' && kind !== '' && id !== '') return { field: 'partnerId', message: say(lang, T.partnerNotHere) };
  if (id !== '' && (/\s/.test(id) || id.length > PARTNER_ID_MAX)) return { field: 'partnerId', message: say(lang, T.partnerBad) };
  return null;
}

/** Helping start a group: every kind, and the partner's id for a citizen-to-partner group. */
export function staffStartGroupPage(context: PageContext, a: GroupAnswers, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const partnerErr = errorFor(errors, 'partnerId');
  const partner = textInput({ lang, id: 'partnerId', label: say(lang, T.partner), hint: say(lang, T.partnerHint), value: a.partnerId ?? '', required: false, maxLength: PARTNER_ID_MAX, autocomplete: 'off', ...(partnerErr ? { error: partnerErr } : {}) });
  return page(context, {
    title: say(lang, T.startTitle),
    back: STAFF_GROUPS_PATH,
    errors,
    body: html`<p>${say(lang, T.startText)}</p>
${postForm(context, `${STAFF_GROUPS_PATH}/ny`, html`${groupFields(lang, a, errors, GROUP_KINDS, partner)}${button(say(lang, T.save), { id: 'save-group' })}`, { id: 'group-form' })}`,
  });
}

/** What is wrong with a meeting place's link as typed (null: nothing; the decider checks the rest). */
export function linkError(lang: Lang, typed: string): FieldError | null {
  const link = typed.trim();
  if (link === '') return { field: 'link', message: say(lang, T.linkMissing) };
  if (!/^https:\/\/\S+$/i.test(link) || link.length > LINK_MAX) return { field: 'link', message: say(lang, T.linkBad) };
  return null;
}

/** One group: its facts in counts, its meeting place (attach, replace, remove), and closing it when it has no members. */
export function staffGroupPage(context: PageContext, g: GroupView, typed: string | undefined, errors: readonly FieldError[] = [], shown: StaffGroupNotice | null = null): Html {
  const { lang } = context;
  const base = `${STAFF_GROUPS_PATH}/${g.groupId}`;
  const linkErr = errorFor(errors, 'link');
  const isOpen = g.status === 'open';
  const place = isOpen
    ? html`${g.meetingPlace ? html`<p>${say(lang, T.placeNow)} <a href="${g.meetingPlace}" rel="noreferrer" id="meeting-place">${g.meetingPlace}</a></p>` : null}
${postForm(
  context,
  `${base}/moedested`,
  html`${textInput({ lang, id: 'link', label: say(lang, T.link), hint: say(lang, T.linkHint), value: typed ?? '', maxLength: LINK_MAX, autocomplete: 'off', ...(linkErr ? { error: linkErr } : {}) })}
${button(say(lang, g.meetingPlace ? T.replace : T.attach), { id: 'attach-place' })}`,
  { id: 'place-form' },
)}
${g.meetingPlace ? postForm(context, `${base}/fjern-moedested`, button(say(lang, T.detach), { variant: 'secondary', id: 'detach-place' }), { id: 'detach-form' }) : null}`
    : html`<p>${g.meetingPlace ? say(lang, T.hasPlace) : say(lang, T.noPlace)}</p>`;
  const close = !isOpen
    ? null
    : g.members === 0
      ? html`<p><a href="${base}/luk" id="close-link">${say(lang, T.closeLink)}</a></p>`
      : html`<p id="close-not-yours">${say(lang, T.closeNotYours)}</p>`;
  return page(context, {
    title: g.name,
    back: STAFF_GROUPS_PATH,
    errors,
    body: html`${noticeOf(lang, shown)}
${summaryList([
  { label: say(lang, T.kind), value: groupKindName(lang, g.kind) },
  { label: say(lang, T.purpose), value: g.purpose ?? say(lang, T.none) },
  ...(g.authority ? [{ label: say(lang, T.authority), value: g.authority }] : []),
  { label: say(lang, T.members), value: memberCount(lang, g.members) },
  { label: say(lang, T.startedOn), value: `${formatDay(lang, g.startedAt)} (${say(lang, g.startedBy === 'citizen' ? T.byCitizen : T.byStaff).toLowerCase()})` },
  { label: say(lang, T.status), value: isOpen ? badge(say(lang, T.isOpen), 'success') : say(lang, T.isClosed, { day: g.closedAt ? formatDay(lang, g.closedAt) : '–' }) },
])}
<h2>${say(lang, T.placeHeading)}</h2>
${place}
${close ? html`<h2>${say(lang, T.closeHeading)}</h2>${close}` : null}
<p><a href="${STAFF_GROUPS_PATH}">${say(lang, T.back)}</a></p>`,
  });
}

/** Closing a group without members: asked once. */
export function closeGroupPage(context: PageContext, g: GroupView, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const base = `${STAFF_GROUPS_PATH}/${g.groupId}`;
  return page(context, {
    title: say(lang, T.closeTitle),
    back: base,
    errors,
    body: html`<p><strong>${g.name}</strong><br>${groupKindName(lang, g.kind)}</p>
<p>${say(lang, T.closeText)}</p>
${postForm(context, `${base}/luk`, button(say(lang, T.closeConfirm), { id: 'confirm-close' }), { id: 'close-form' })}
<p><a href="${base}">${say(lang, T.keep)}</a></p>`,
  });
}
