/**
 * The administrator's pages: the centres and establishing one; a centre's board, constituted,
 * its partner seats added and removed, members seated and leaving, roles assigned, each as it was
 * decided outside the board (partners appoint, staff and citizens elect); and erasing a citizen's
 * personal data. Every action is a form on the command path; what a form sends is read here, in
 * the reader's language, so a 400 names the field.
 */
import { BOARD_ROLES, type BoardRole, type Seat } from '../../domain/board/board.js';
import { TITLE_MAX } from '../../domain/board/decide.js';
import { NAME_MAX } from '../../domain/centre/decide.js';
import { MUNICIPALITIES, municipalityByCode } from '../../domain/centre/municipalities.js';
import type { BoardView } from '../../projections/board/queries.js';
import type { CentreView } from '../../projections/centres/queries.js';
import { PERSON_ID } from '../session.js';
import { button, type FieldError, postForm, radioGroup, select, summaryList, textInput, errorFor } from '../components.js';
import { html, type Html } from '../html.js';
import { formatDay, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { DEPUTY_HEADING, deputyCell, deputyForms } from './admin-deputies.js';
import { alert, BOARD_ROLE_LABELS, parseDay, type Read, read, seatIdOf, seatName, table, todayTyped } from './admin-parts.js';
import { municipalityOf, openingHoursTable } from './public.js';

const T = {
  title: { da: 'Administration', en: 'Administration' },
  intro: {
    da: 'Her opretter du centre, konstituerer deres bestyrelser og registrerer pladser, medlemmer og roller, som de er besluttet: medspillerne udpeger, medarbejdere og borgere vælger.',
    en: 'Here you establish centres, constitute their boards and record seats, members and roles as they were decided: the partners appoint, staff and citizens elect.',
  },
  tasks: { da: 'Andre opgaver', en: 'Other tasks' },
  financeAct: { da: 'Finansloven: registrér bevillinger til indsendte budgetter', en: 'The Finance Act: record the appropriations for submitted budgets' },
  studies: { da: 'Forskningsstudier: registrér et studie og giv forskere adgang til dets udtræk', en: 'Research studies: register a study and give researchers access to its exports' },
  erase: { da: 'Slet en borgers personoplysninger', en: 'Erase a citizen’s personal data' },
  centres: { da: 'Centrene', en: 'The centres' },
  noCentres: { da: 'Der er ingen centre endnu. Opret det første herunder.', en: 'There are no centres yet. Establish the first one below.' },
  centre: { da: 'Center', en: 'Centre' },
  municipality: { da: 'Kommune', en: 'Municipality' },
  board: { da: 'Bestyrelse', en: 'Board' },
  centresCaption: { da: 'Centrene og deres bestyrelser', en: 'The centres and their boards' },
  noBoard: { da: 'Ingen bestyrelse endnu', en: 'No board yet' },
  composed: { da: 'Lovligt sammensat', en: 'Validly composed' },
  notComposed: { da: 'Ikke lovligt sammensat', en: 'Not validly composed' },
  establish: { da: 'Opret et center', en: 'Establish a centre' },
  establishText: {
    da: 'Der kan være flere centre i en kommune. Centrets medarbejdere sætter åbningstiderne for fremmøde bagefter.',
    en: 'A municipality may have more than one centre. The centre’s staff set its in-person opening hours afterwards.',
  },
  name: { da: 'Centrets navn', en: 'The centre’s name' },
  nameHint: { da: 'Fx Virkelyst Nørrebro', en: 'For example Virkelyst Nørrebro' },
  nameMissing: { da: 'Skriv centrets navn', en: 'Type the centre’s name' },
  nameTooLong: { da: 'Centrets navn kan højst være {max} tegn', en: 'The centre’s name can be at most {max} characters' },
  municipalityChoose: { da: 'Vælg kommune', en: 'Choose a municipality' },
  municipalityMissing: { da: 'Vælg den kommune, centret ligger i', en: 'Choose the municipality the centre is in' },
  establishButton: { da: 'Opret centret', en: 'Establish the centre' },
  established: { da: 'Centret er oprettet.', en: 'The centre is established.' },
  // One centre
  publicPage: { da: 'Centrets offentlige side', en: 'The centre’s public page' },
  hours: { da: 'Åbningstider for fremmøde', en: 'In-person opening hours' },
  hoursByStaff: { da: 'Centrets medarbejdere sætter åbningstiderne.', en: 'The centre’s staff set the opening hours.' },
  boardHeading: { da: 'Bestyrelsen', en: 'The board' },
  noBoardText: {
    da: 'Centret har ingen bestyrelse endnu. Når du konstituerer den, får den en plads til en medarbejderrepræsentant og en til en borgerrepræsentant. Medspillernes pladser tilføjer du bagefter.',
    en: 'The centre has no board yet. When you constitute it, it gets a seat for an employee representative and one for a citizen representative. You add the partners’ seats afterwards.',
  },
  constituteButton: { da: 'Konstituér bestyrelsen', en: 'Constitute the board' },
  composedText: { da: 'Bestyrelsen er lovligt sammensat og kan træffe beslutninger.', en: 'The board is validly composed and may pass resolutions.' },
  notComposedText: {
    da: 'Bestyrelsen kan ikke træffe beslutninger, før både medarbejderpladsen og borgerpladsen er besat.',
    en: 'The board cannot pass resolutions until both the employee seat and the citizen seat are filled.',
  },
  seat: { da: 'Plads', en: 'Seat' },
  member: { da: 'Medlem', en: 'Member' },
  since: { da: 'Siden', en: 'Since' },
  role: { da: 'Rolle', en: 'Role' },
  vacant: { da: 'Ledig', en: 'Vacant' },
  none: { da: '–', en: '–' },
  seatsCaption: { da: 'Bestyrelsens pladser, hvem der sidder på dem, og deres roller', en: 'The board’s seats, who holds them, and their roles' },
  addSeat: { da: 'Giv en medspiller en plads', en: 'Give a partner a seat' },
  organisation: { da: 'Medspillerens organisation', en: 'The partner’s organisation' },
  organisationHint: { da: 'Fx Københavns Erhvervshus', en: 'For example Københavns Erhvervshus' },
  organisationMissing: { da: 'Skriv medspillerens organisation', en: 'Type the partner’s organisation' },
  organisationTooLong: { da: 'Organisationens navn kan højst være {max} tegn', en: 'The organisation’s name can be at most {max} characters' },
  addSeatButton: { da: 'Tilføj pladsen', en: 'Add the seat' },
  seatMember: { da: 'Sæt et medlem på en ledig plads', en: 'Seat a member in a vacant seat' },
  whichSeat: { da: 'Hvilken plads?', en: 'Which seat?' },
  chooseSeat: { da: 'Vælg plads', en: 'Choose a seat' },
  seatMissing: { da: 'Vælg en ledig plads', en: 'Choose a vacant seat' },
  memberId: { da: 'Medlemmets person-id', en: 'The member’s person id' },
  memberIdHint: { da: 'Det id, medlemmet logger ind med. Fx mette.hansen', en: 'The id the member signs in with. For example mette.hansen' },
  memberIdBad: { da: 'Skriv medlemmets person-id: bogstaver, tal og . _ : @ -, højst 100 tegn', en: 'Type the member’s person id: letters, digits and . _ : @ -, at most 100 characters' },
  how: { da: 'Hvordan fik medlemmet pladsen?', en: 'How did the member get the seat?' },
  howHint: { da: 'Medspillerne udpeger deres repræsentant; medarbejderne og borgerne vælger deres.', en: 'The partners appoint their representative; the staff and the citizens elect theirs.' },
  appointed: { da: 'Udpeget', en: 'Appointed' },
  elected: { da: 'Valgt', en: 'Elected' },
  howMissing: { da: 'Vælg, om medlemmet er udpeget eller valgt', en: 'Choose whether the member was appointed or elected' },
  from: { da: 'Fra hvilken dag?', en: 'From which day?' },
  dayHint: { da: 'Fx 01-01-2027', en: 'For example 01-01-2027' },
  fromBad: { da: 'Skriv den dag, medlemmet tager pladsen, fx 01-01-2027', en: 'Type the day the member takes the seat, for example 01-01-2027' },
  seatButton: { da: 'Sæt medlemmet på pladsen', en: 'Seat the member' },
  assignRole: { da: 'Giv et medlem en rolle', en: 'Give a member a role' },
  whichRole: { da: 'Hvilken rolle?', en: 'Which role?' },
  roleMissing: { da: 'Vælg en rolle', en: 'Choose a role' },
  whichMember: { da: 'Hvilket medlem?', en: 'Which member?' },
  chooseMember: { da: 'Vælg medlem', en: 'Choose a member' },
  roleMemberMissing: { da: 'Vælg et medlem, der sidder i bestyrelsen', en: 'Choose a member who holds a seat on the board' },
  roleButton: { da: 'Giv rollen', en: 'Assign the role' },
  leave: { da: 'Registrér, at et medlem er udtrådt', en: 'Record that a member has left' },
  leaveSeatMissing: { da: 'Vælg en plads, der er besat', en: 'Choose a seat that is held' },
  on: { da: 'Fra hvilken dag er pladsen ledig?', en: 'From which day is the seat vacant?' },
  onBad: { da: 'Skriv den dag, medlemmet udtræder, fx 30-06-2027', en: 'Type the day the member leaves, for example 30-06-2027' },
  leaveButton: { da: 'Registrér udtrædelsen', en: 'Record the leaving' },
  remove: { da: 'Fjern en ledig medspillerplads', en: 'Remove a vacant partner seat' },
  removeText: { da: 'Medarbejderpladsen og borgerpladsen hører til enhver bestyrelse og kan ikke fjernes.', en: 'The employee seat and the citizen seat belong to every board and cannot be removed.' },
  removeSeatMissing: { da: 'Vælg en ledig medspillerplads', en: 'Choose a vacant partner seat' },
  removeButton: { da: 'Fjern pladsen', en: 'Remove the seat' },
  // Erasure
  eraseTitle: { da: 'Slet en borgers personoplysninger', en: 'Erase a citizen’s personal data' },
  eraseWarningHeading: { da: 'Sletningen kan ikke fortrydes', en: 'The erasure cannot be undone' },
  eraseWarning: {
    da: 'Borgerens personoplysninger (navn, mål med egne ord, noter og det, borgeren har fortalt) kan derefter ikke læses af nogen, heller ikke af borgeren selv, og der kan ikke registreres mere for borgeren. Loggen beholder sine hændelser uden deres personlige indhold.',
    en: 'The citizen’s personal data (name, goals in their own words, notes and what they told) can then not be read by anyone, the citizen included, and nothing more can be recorded for them. The log keeps its events without their personal content.',
  },
  citizenId: { da: 'Borgerens person-id', en: 'The citizen’s person id' },
  citizenIdHint: { da: 'Det id, borgeren logger ind med.', en: 'The id the citizen signs in with.' },
  citizenIdBad: { da: 'Skriv borgerens person-id: bogstaver, tal og . _ : @ -, højst 100 tegn', en: 'Type the citizen’s person id: letters, digits and . _ : @ -, at most 100 characters' },
  eraseButton: { da: 'Slet personoplysningerne for altid', en: 'Erase the personal data for good' },
  erased: { da: 'Borgerens personoplysninger er slettet.', en: 'The citizen’s personal data is erased.' },
  back: { da: 'Til administrationen', en: 'To the administration' },
} satisfies Record<string, Message>;

/** What a form sent and what was wrong with it, to show the page again. */
export interface FormState {
  values: Readonly<Record<string, string>>;
  errors: readonly FieldError[];
}
const NO_FORM: FormState = { values: {}, errors: [] };

/** What a redirect after an action came to say. */
export const ADMIN_OK = ['established', 'constituted', 'seat-added', 'seated', 'role', 'left', 'removed', 'deputy', 'deputy-left'] as const;
export type AdminOk = (typeof ADMIN_OK)[number];
export const isAdminOk = (value: string | undefined): value is AdminOk => ADMIN_OK.some((o) => o === value);
const OK_TEXT: Record<AdminOk, Message> = {
  established: T.established,
  constituted: { da: 'Bestyrelsen er konstitueret med en medarbejderplads og en borgerplads.', en: 'The board is constituted with an employee seat and a citizen seat.' },
  'seat-added': { da: 'Medspilleren har fået en plads.', en: 'The partner has a seat.' },
  seated: { da: 'Medlemmet sidder nu på pladsen.', en: 'The member now holds the seat.' },
  role: { da: 'Rollen er givet.', en: 'The role is assigned.' },
  left: { da: 'Udtrædelsen er registreret. Pladsen er ledig.', en: 'The leaving is recorded. The seat is vacant.' },
  removed: { da: 'Pladsen er fjernet.', en: 'The seat is removed.' },
  deputy: { da: 'Suppleanten er registreret for pladsen.', en: 'The deputy is recorded for the seat.' },
  'deputy-left': { da: 'Suppleantens udtrædelse er registreret.', en: 'The deputy’s leaving is recorded.' },
};

export type { Read } from './admin-parts.js';
const tidy = (text: string | undefined) => (text ?? '').trim().replace(/\s+/g, ' ');

// ---- /administration ----

export function readEstablish(lang: Lang, name: string | undefined, municipalityCode: string | undefined): Read<{ name: string; municipalityCode: string }> {
  const errors: FieldError[] = [];
  const tidied = tidy(name);
  if (tidied.length === 0) errors.push({ field: 'name', message: say(lang, T.nameMissing) });
  else if (tidied.length > NAME_MAX) errors.push({ field: 'name', message: say(lang, T.nameTooLong, { max: NAME_MAX }) });
  const municipality = municipalityCode ? municipalityByCode(municipalityCode) : undefined;
  if (!municipality) errors.push({ field: 'municipalityCode', message: say(lang, T.municipalityMissing) });
  return read(errors, () => ({ name: tidied, municipalityCode: municipality!.code }));
}

const MUNICIPALITIES_BY_NAME = [...MUNICIPALITIES].sort((a, b) => a.name.localeCompare(b.name, 'da'));

function boardStatus(lang: Lang, board: BoardView | null): string {
  if (!board) return say(lang, T.noBoard);
  return say(lang, board.validlyComposed ? T.composed : T.notComposed);
}

export function administrationPage(context: PageContext, centres: readonly { centre: CentreView; board: BoardView | null }[], form: FormState = NO_FORM): Html {
  const { lang } = context;
  const list =
    centres.length === 0
      ? html`<p>${say(lang, T.noCentres)}</p>`
      : table(
          say(lang, T.centresCaption),
          [say(lang, T.centre), say(lang, T.municipality), say(lang, T.board)],
          centres.map(({ centre, board }) => [html`<a href="/administration/centre/${centre.centreId}">${centre.name}</a>`, centre.municipality.name, boardStatus(lang, board)]),
        );
  const establish = postForm(
    context,
    '/administration/centre',
    html`${textInput({ lang, id: 'name', label: say(lang, T.name), hint: say(lang, T.nameHint), value: form.values.name ?? '', maxLength: NAME_MAX, autocomplete: 'off', error: errorFor(form.errors, 'name') })}
${select({
  lang,
  id: 'municipalityCode',
  label: say(lang, T.municipality),
  choices: [{ value: '', label: say(lang, T.municipalityChoose) }, ...MUNICIPALITIES_BY_NAME.map((m) => ({ value: m.code, label: m.name }))],
  selected: form.values.municipalityCode,
  error: errorFor(form.errors, 'municipalityCode'),
})}
${button(say(lang, T.establishButton), { id: 'establish' })}`,
    { id: 'establish-form' },
  );
  return page(context, {
    title: say(lang, T.title),
    errors: form.errors,
    body: html`<p class="font-lead">${say(lang, T.intro)}</p>
<h2>${say(lang, T.centres)}</h2>
${list}
<h2>${say(lang, T.establish)}</h2>
<p>${say(lang, T.establishText)}</p>
${establish}
<h2>${say(lang, T.tasks)}</h2>
<ul class="nobullet-list">
<li><a href="/bestyrelse/finanslov" id="finance-act">${say(lang, T.financeAct)}</a></li>
<li><a href="/administration/sletning" id="erase-link">${say(lang, T.erase)}</a></li>
<li><a href="/administration/studier" id="studies-link">${say(lang, T.studies)}</a></li>
</ul>`,
  });
}

// ---- /administration/centre/:id ----

export function readPartnerSeat(lang: Lang, organisation: string | undefined): Read<{ organisation: string }> {
  const tidied = tidy(organisation);
  const errors: FieldError[] = [];
  if (tidied.length === 0) errors.push({ field: 'organisation', message: say(lang, T.organisationMissing) });
  else if (tidied.length > TITLE_MAX) errors.push({ field: 'organisation', message: say(lang, T.organisationTooLong, { max: TITLE_MAX }) });
  return read(errors, () => ({ organisation: tidied }));
}

const vacantSeats = (board: BoardView) => board.seats.filter((s) => s.memberId === null);
const heldSeats = (board: BoardView) => board.seats.filter((s): s is Seat & { memberId: string } => s.memberId !== null);
const vacantPartnerSeats = (board: BoardView) => vacantSeats(board).filter((s) => s.kind === 'partner');


export function readSeating(lang: Lang, f: (name: string) => string | undefined): Read<{ seatId: string; memberId: string; how: 'appointed' | 'elected'; from: string }> {
  const errors: FieldError[] = [];
  const seatId = seatIdOf(f('seatId'));
  if (!seatId) errors.push({ field: 'seatId', message: say(lang, T.seatMissing) });
  const memberId = (f('memberId') ?? '').trim();
  if (!PERSON_ID.test(memberId)) errors.push({ field: 'memberId', message: say(lang, T.memberIdBad) });
  const how = f('how');
  if (how !== 'appointed' && how !== 'elected') errors.push({ field: 'how', message: say(lang, T.howMissing) });
  const from = parseDay(f('from'));
  if (!from) errors.push({ field: 'from', message: say(lang, T.fromBad) });
  return read(errors, () => ({ seatId: seatId!, memberId, how: how as 'appointed' | 'elected', from: from! }));
}

export function readRole(lang: Lang, f: (name: string) => string | undefined): Read<{ role: BoardRole; memberId: string }> {
  const errors: FieldError[] = [];
  const role = BOARD_ROLES.find((r) => r === f('role'));
  if (!role) errors.push({ field: 'role', message: say(lang, T.roleMissing) });
  const memberId = f('roleMemberId') ?? '';
  if (!PERSON_ID.test(memberId)) errors.push({ field: 'roleMemberId', message: say(lang, T.roleMemberMissing) });
  return read(errors, () => ({ role: role!, memberId }));
}

export function readLeaving(lang: Lang, f: (name: string) => string | undefined): Read<{ seatId: string; on: string }> {
  const errors: FieldError[] = [];
  const seatId = seatIdOf(f('leaveSeatId'));
  if (!seatId) errors.push({ field: 'leaveSeatId', message: say(lang, T.leaveSeatMissing) });
  const on = parseDay(f('on'));
  if (!on) errors.push({ field: 'on', message: say(lang, T.onBad) });
  return read(errors, () => ({ seatId: seatId!, on: on! }));
}

export function readRemoval(lang: Lang, f: (name: string) => string | undefined): Read<{ seatId: string }> {
  const seatId = seatIdOf(f('removeSeatId'));
  return read(seatId ? [] : [{ field: 'removeSeatId', message: say(lang, T.removeSeatMissing) }], () => ({ seatId: seatId! }));
}

function seatsTable(lang: Lang, board: BoardView): Html {
  const roleOf = (memberId: string | null) => {
    const role = BOARD_ROLES.find((r) => memberId !== null && board.roles[r] === memberId);
    return role ? say(lang, BOARD_ROLE_LABELS[role]) : say(lang, T.none);
  };
  return table(
    say(lang, T.seatsCaption),
    [say(lang, T.seat), say(lang, T.member), say(lang, T.since), say(lang, T.role), say(lang, DEPUTY_HEADING)],
    board.seats.map((s) => [seatName(lang, s), s.memberId ?? say(lang, T.vacant), s.since ? formatDay(lang, s.since) : say(lang, T.none), roleOf(s.memberId), deputyCell(lang, s)]),
  );
}

function boardForms(context: PageContext, centreId: string, board: BoardView, form: FormState): Html {
  const { lang } = context;
  const v = form.values;
  const e = (field: string) => errorFor(form.errors, field);
  const base = `/administration/centre/${centreId}`;
  const seatChoices = (seats: readonly Seat[], prompt: Message) => [{ value: '', label: say(lang, prompt) }, ...seats.map((s) => ({ value: s.seatId, label: seatName(lang, s) }))];
  const vacant = vacantSeats(board);
  const held = heldSeats(board);
  const removable = vacantPartnerSeats(board);
  const addSeat = html`<h3>${say(lang, T.addSeat)}</h3>
${postForm(
  context,
  `${base}/pladser`,
  html`${textInput({ lang, id: 'organisation', label: say(lang, T.organisation), hint: say(lang, T.organisationHint), value: v.organisation ?? '', maxLength: TITLE_MAX, autocomplete: 'off', error: e('organisation') })}
${button(say(lang, T.addSeatButton), { id: 'add-seat' })}`,
)}`;
  const seatMember =
    vacant.length === 0
      ? null
      : html`<h3>${say(lang, T.seatMember)}</h3>
${postForm(
  context,
  `${base}/medlemmer`,
  html`${select({ lang, id: 'seatId', label: say(lang, T.whichSeat), choices: seatChoices(vacant, T.chooseSeat), selected: v.seatId, error: e('seatId') })}
${textInput({ lang, id: 'memberId', label: say(lang, T.memberId), hint: say(lang, T.memberIdHint), value: v.memberId ?? '', maxLength: 100, autocomplete: 'off', error: e('memberId') })}
${radioGroup({
  lang,
  id: 'how',
  legend: say(lang, T.how),
  hint: say(lang, T.howHint),
  choices: [
    { value: 'appointed', label: say(lang, T.appointed) },
    { value: 'elected', label: say(lang, T.elected) },
  ],
  checked: v.how,
  ...(e('how') ? { error: e('how') } : {}),
})}
${textInput({ lang, id: 'from', label: say(lang, T.from), hint: say(lang, T.dayHint), value: v.from ?? todayTyped(), maxLength: 10, autocomplete: 'off', error: e('from') })}
${button(say(lang, T.seatButton), { id: 'seat-member' })}`,
)}`;
  const assignRole =
    held.length === 0
      ? null
      : html`<h3>${say(lang, T.assignRole)}</h3>
${postForm(
  context,
  `${base}/roller`,
  html`${radioGroup({
    lang,
    id: 'role',
    legend: say(lang, T.whichRole),
    choices: BOARD_ROLES.map((r) => ({ value: r, label: say(lang, BOARD_ROLE_LABELS[r]) })),
    checked: v.role,
    ...(e('role') ? { error: e('role') } : {}),
  })}
${select({
  lang,
  id: 'roleMemberId',
  label: say(lang, T.whichMember),
  choices: [{ value: '', label: say(lang, T.chooseMember) }, ...held.map((s) => ({ value: s.memberId, label: `${s.memberId} (${seatName(lang, s)})` }))],
  selected: v.roleMemberId,
  error: e('roleMemberId'),
})}
${button(say(lang, T.roleButton), { id: 'assign-role' })}`,
)}`;
  const leave =
    held.length === 0
      ? null
      : html`<h3>${say(lang, T.leave)}</h3>
${postForm(
  context,
  `${base}/udtraedelse`,
  html`${select({
    lang,
    id: 'leaveSeatId',
    label: say(lang, T.whichSeat),
    choices: [{ value: '', label: say(lang, T.chooseSeat) }, ...held.map((s) => ({ value: s.seatId, label: `${seatName(lang, s)}: ${s.memberId}` }))],
    selected: v.leaveSeatId,
    error: e('leaveSeatId'),
  })}
${textInput({ lang, id: 'on', label: say(lang, T.on), hint: say(lang, T.dayHint), value: v.on ?? '', maxLength: 10, autocomplete: 'off', error: e('on') })}
${button(say(lang, T.leaveButton), { id: 'record-leaving', variant: 'secondary' })}`,
)}`;
  const remove =
    removable.length === 0
      ? // No seat to remove now (e.g. it was just taken): the refusal's link still has somewhere to go.
        e('removeSeatId')
        ? html`<h3 id="removeSeatId" tabindex="-1">${say(lang, T.remove)}</h3><p>${e('removeSeatId')}</p>`
        : null
      : html`<h3>${say(lang, T.remove)}</h3>
<p>${say(lang, T.removeText)}</p>
${postForm(
  context,
  `${base}/pladser/fjern`,
  html`${select({ lang, id: 'removeSeatId', label: say(lang, T.whichSeat), choices: seatChoices(removable, T.chooseSeat), selected: v.removeSeatId, error: e('removeSeatId') })}
${button(say(lang, T.removeButton), { id: 'remove-seat', variant: 'secondary' })}`,
)}`;
  return html`${addSeat}${seatMember}${assignRole}${leave}${remove}${deputyForms(context, centreId, board, form)}`;
}

export function centreAdminPage(context: PageContext, centre: CentreView, board: BoardView | null, ok?: AdminOk, form: FormState = NO_FORM): Html {
  const { lang } = context;
  // A refusal of constituting (the board exists meanwhile) points here: the page's one place without a field.
  const boardPart = board
    ? html`<div id="board-status">${board.validlyComposed ? alert('info', say(lang, T.composedText)) : alert('warning', say(lang, T.notComposedText))}</div>
${seatsTable(lang, board)}
${boardForms(context, centre.centreId, board, form)}`
    : html`<p>${say(lang, T.noBoardText)}</p>
${postForm(context, `/administration/centre/${centre.centreId}/bestyrelse`, button(say(lang, T.constituteButton), { id: 'constitute' }))}`;
  return page(context, {
    title: centre.name,
    back: '/administration',
    errors: form.errors,
    body: html`${ok ? alert('success', say(lang, OK_TEXT[ok])) : null}
${summaryList([
  { label: say(lang, T.municipality), value: municipalityOf(lang, centre) },
  { label: say(lang, T.publicPage), value: html`<a href="/centre/${centre.centreId}">${centre.name}</a>` },
])}
<h2>${say(lang, T.hours)}</h2>
${openingHoursTable(lang, centre.openingHours, say(lang, T.hours))}
<p>${say(lang, T.hoursByStaff)}</p>
<h2 id="board">${say(lang, T.boardHeading)}</h2>
${boardPart}`,
  });
}

// ---- /administration/sletning ----

export function readErasure(lang: Lang, citizenId: string | undefined): Read<{ citizenId: string }> {
  const id = (citizenId ?? '').trim();
  return read(PERSON_ID.test(id) ? [] : [{ field: 'citizenId', message: say(lang, T.citizenIdBad) }], () => ({ citizenId: id }));
}

export function erasePage(context: PageContext, erased: boolean, form: FormState = NO_FORM): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.eraseTitle),
    back: '/administration',
    errors: form.errors,
    body: html`${erased ? alert('success', say(lang, T.erased)) : null}
${alert('warning', say(lang, T.eraseWarning), say(lang, T.eraseWarningHeading))}
${postForm(
  context,
  '/administration/sletning',
  html`${textInput({ lang, id: 'citizenId', label: say(lang, T.citizenId), hint: say(lang, T.citizenIdHint), value: form.values.citizenId ?? '', maxLength: 100, autocomplete: 'off', error: errorFor(form.errors, 'citizenId') })}
${button(say(lang, T.eraseButton), { id: 'erase' })}`,
)}
<p><a href="/administration">${say(lang, T.back)}</a></p>`,
  });
}
