/**
 * The entrepreneurs' track (iværksætterforløbet, the rugekasse) on "Mine sider": an overview of
 * the citizen's own track (the milestones they set, with the month they hope for; the check-ins
 * they chose to give; when their business started and whether it still runs, asked only once
 * each anniversary has come), joining (a question page and "Tjek dine svar"), leaving (asked once,
 * nothing follows), and their progress as a file of their own to send wherever they choose.
 *
 * Everything here is the citizen's own doing: nothing is asked for, nothing is counted as missing,
 * nobody is reminded. The track holds no benefit data; the entrepreneur allowance and any report
 * to the A-kasse stay outside Virkelyst, and the page says so.
 */
import { anniversaryReached, type BusinessStatus, SURVIVAL_YEARS, type SurvivalYear } from '../../domain/venture/venture.js';
import { BUSINESS_IDEA_MAX, LEAVE_REASON_MAX } from '../../domain/venture/decide.js';
import type { CentreView } from '../../projections/centres/queries.js';
import type { MentorConversation } from '../../projections/journeys/queries.js';
import type { VentureView } from '../../projections/ventures/queries.js';
import { button, errorFor, type FieldError, hidden, notice, postForm, radioGroup, summaryList, textArea } from '../components.js';
import { html, type Html } from '../html.js';
import { formatDay, formatMoment, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { monthText, quarterText } from './activities-parts.js';

export const VENTURE_PATH = '/mine-sider/ivaerksaetter';
export const SUMMARY_PATH = `${VENTURE_PATH}/mit-forloeb.txt`;

/** A citizen's words, opened: the words, or words that were erased. */
export type Words = string | { erased: true };

export interface TrackView {
  status: 'joined' | 'left';
  centreName: string;
  memberships: { centreName: string; joinedAt: string; businessIdea: Words | null; leftAt: string | null; leftReason: Words | null }[];
  milestones: { milestoneId: string; text: Words; hopedFor: string | null; status: 'open' | 'reached'; setAt: string; reachedAt: string | null }[];
  checkIns: { quarter: string; status: BusinessStatus; note: Words | null; recordedAt: string }[];
  businessStart: { startedOn: string; hasCvr: boolean | null; recordedAt: string } | null;
  survival: { years: SurvivalYear; running: boolean; reportedAt: string }[];
}

const wordsOf = (value: unknown): Words | null => (typeof value === 'string' ? value : value && typeof value === 'object' && 'erased' in value ? { erased: true } : null);

/** The track as the read model gives it, with its sealed fields already opened by the vault, for the pages and the file. */
export function trackViewOf(opened: VentureView, centreName: (centreId: string) => string): TrackView {
  return {
    status: opened.status,
    centreName: centreName(opened.centreId),
    memberships: opened.memberships.map((m) => ({ centreName: centreName(m.centreId), joinedAt: m.joinedAt, businessIdea: wordsOf(m.businessIdea), leftAt: m.leftAt, leftReason: wordsOf(m.leftReason) })),
    milestones: opened.milestones.map((m) => ({ ...m, text: wordsOf(m.text) ?? { erased: true } })),
    checkIns: opened.checkIns.map((c) => ({ ...c, note: wordsOf(c.note) })),
    businessStart: opened.businessStart,
    survival: opened.survival,
  };
}

/** Mentor conversations: heading, text, how each stands, the way to book one. */
const M = {
  heading: { da: 'Mentorsamtaler', en: 'Mentor conversations' },
  text: {
    da: 'Du kan tale med en erhvervsrådgiver eller en coach for iværksættere. Du booker en mentorsamtale som andre samtaler: tiderne står som mentorsamtaler.',
    en: 'You can talk with a business adviser or a coach for entrepreneurs. You book a mentor conversation like any other: the times say they are for mentor conversations.',
  },
  none: { da: 'Du har ikke booket en mentorsamtale.', en: 'You have not booked a mentor conversation.' },
  book: { da: 'Book en samtale', en: 'Book a conversation' },
  booked: { da: 'booket', en: 'booked' },
  held: { da: 'holdt', en: 'held' },
  other: { da: 'ikke holdt eller aflyst', en: 'not held or cancelled' },
} satisfies Record<string, Message>;

function mentorsSection(lang: Lang, mentors: readonly MentorConversation[]): Html {
  const status = (m: MentorConversation) => say(lang, m.status === 'booked' ? M.booked : m.status === 'held' ? M.held : M.other);
  const list = mentors.length === 0 ? html`<p>${say(lang, M.none)}</p>` : html`<ul id="mentor-conversations">${mentors.map((m) => html`<li>${formatMoment(lang, m.start)} (${status(m)})</li>`)}</ul>`;
  return html`<h2>${say(lang, M.heading)}</h2>
<p>${say(lang, M.text)}</p>
${list}
<p><a href="/mine-sider/samtale" id="book-mentor">${say(lang, M.book)}</a></p>`;
}

const T = {
  title: { da: 'Iværksætterforløbet', en: 'The entrepreneurs’ track' },
  intro: {
    da: 'Iværksætterforløbet (rugekassen) er for dig, der vil starte din egen virksomhed. Du sætter selv dine delmål og bestemmer selv, om og hvornår du fortæller, hvordan det går. Samtaler med en mentor eller en rådgiver booker du som andre samtaler.',
    en: 'The entrepreneurs’ track (the incubator) is for you if you want to start your own business. You set your own milestones and decide yourself whether and when to tell how it is going. Conversations with a mentor or an adviser are booked like other conversations.',
  },
  benefits: {
    da: 'Forløbet rummer ingen oplysninger om ydelser. Iværksætterydelsen og eventuelle indberetninger til din A-kasse ligger uden for Virkelyst, og intet herfra sendes dertil.',
    en: 'The track holds no benefit data. The entrepreneur allowance and any report to your A-kasse (unemployment fund) stay outside Virkelyst, and nothing is sent there from here.',
  },
  join: { da: 'Vær med i forløbet', en: 'Join the track' },
  joinAgain: { da: 'Vær med igen', en: 'Join again' },
  onTrack: { da: 'Du er med i forløbet hos {centre} siden {day}.', en: 'You are on the track at {centre} since {day}.' },
  leftOn: { da: 'Du forlod forløbet {day}. Du kan altid være med igen.', en: 'You left the track on {day}. You can always join again.' },
  idea: { da: 'Din idé', en: 'Your idea' },
  erased: { da: 'Teksten er slettet.', en: 'The text has been erased.' },
  // Milestones
  milestones: { da: 'Dine delmål', en: 'Your milestones' },
  milestonesText: {
    da: 'Delmål er dine egne. Måneden er den, du selv håber på – ingen holder dig op på den, og du kan altid ændre den.',
    en: 'Milestones are your own. The month is the one you hope for yourself – nobody holds you to it, and you can always change it.',
  },
  noMilestones: { da: 'Du har ikke sat nogen delmål.', en: 'You have not set any milestones.' },
  newMilestone: { da: 'Sæt et delmål', en: 'Set a milestone' },
  hopeFor: { da: 'Du håber at nå det i {month}.', en: 'You hope to get there in {month}.' },
  reachedOn: { da: 'Nået {day}.', en: 'Reached on {day}.' },
  markReached: { da: 'Marker som nået', en: 'Mark as reached' },
  revise: { da: 'Ret', en: 'Change' },
  remove: { da: 'Fjern', en: 'Remove' },
  theMilestone: { da: ' – delmålet »{text}«', en: ' – the milestone “{text}”' },
  // Check-ins
  checkIns: { da: 'Hvordan går det?', en: 'How is it going?' },
  checkInsText: {
    da: 'Hvis du har lyst, kan du fortælle, hvordan det går, fx en gang i kvartalet. Det er helt frivilligt, og ingen minder dig om det.',
    en: 'If you like, you can tell how it is going, for example once a quarter. It is entirely voluntary, and nobody reminds you of it.',
  },
  newCheckIn: { da: 'Fortæl, hvordan det går', en: 'Tell how it is going' },
  quarter: { da: 'Kvartal', en: 'Quarter' },
  status: { da: 'Sådan står det til', en: 'How it stands' },
  note: { da: 'Din note', en: 'Your note' },
  // The business
  business: { da: 'Din virksomhed', en: 'Your business' },
  startedOn: { da: 'Din virksomhed startede {day}.', en: 'Your business started on {day}.' },
  noStart: { da: 'Når din virksomhed er startet, kan du skrive, hvornår det var, hvis du vil.', en: 'Once your business has started, you can write down when, if you like.' },
  recordStart: { da: 'Skriv, hvornår din virksomhed startede', en: 'Write down when your business started' },
  changeStart: { da: 'Ret startdatoen', en: 'Change the start date' },
  survivalText: {
    da: 'Centret har som mål, at mindst halvdelen af virksomhederne stadig kører efter et, to og tre år. Dit svar tælles kun med i de samlede tal – aldrig med dit navn – og du behøver ikke svare.',
    en: 'The centre aims for at least half of the businesses to still be running after one, two and three years. Your answer counts only in the overall figures – never with your name – and you do not have to answer.',
  },
  yearsOn: { da: '{n} år efter start', en: '{n} {years} after the start' },
  stillRuns: { da: 'Du svarede, at den stadig kørte ({day}).', en: 'You answered that it was still running ({day}).' },
  stopped: { da: 'Du svarede, at den ikke længere kørte ({day}).', en: 'You answered that it was no longer running ({day}).' },
  answer: { da: 'Svar', en: 'Answer' },
  changeAnswer: { da: 'Ret dit svar', en: 'Change your answer' },
  // Download
  download: { da: 'Dit forløb som en fil', en: 'Your track as a file' },
  downloadText: {
    da: 'Du kan hente det, du selv har skrevet i forløbet, som en fil. Filen er din: du sender den selv, hvorhen du vil. Virkelyst sender intet for dig.',
    en: 'You can download what you have written on the track yourself as a file. The file is yours: you send it wherever you choose. Virkelyst sends nothing for you.',
  },
  downloadLink: { da: 'Download dit forløb (tekstfil)', en: 'Download your track (text file)' },
  // Leaving
  leaveLink: { da: 'Forlad forløbet', en: 'Leave the track' },
  leaveTitle: { da: 'Vil du forlade iværksætterforløbet?', en: 'Do you want to leave the entrepreneurs’ track?' },
  leaveText: {
    da: 'Du kan altid være med igen. Det, du har skrevet, bliver ved med at være dit, og du kan stadig hente det. Intet følger af at forlade forløbet.',
    en: 'You can always join again. What you have written stays yours, and you can still download it. Nothing follows from leaving the track.',
  },
  reason: { da: 'Vil du sige hvorfor?', en: 'Would you like to say why?' },
  reasonHint: { da: 'Du behøver ikke give en grund.', en: 'You do not need to give a reason.' },
  reasonTooLong: { da: 'Teksten må højst være 2.000 tegn', en: 'The text can be at most 2,000 characters' },
  leaveConfirm: { da: 'Ja, forlad forløbet', en: 'Yes, leave the track' },
  stay: { da: 'Nej, bliv i forløbet', en: 'No, stay on the track' },
  // Joining
  joinTitle: { da: 'Vil du være med i iværksætterforløbet?', en: 'Would you like to join the entrepreneurs’ track?' },
  whichCentre: { da: 'Hvilket center?', en: 'Which centre?' },
  centreMissing: { da: 'Vælg det center, du vil være med hos', en: 'Choose the centre you want to join at' },
  ideaLabel: { da: 'Din idé til en virksomhed', en: 'Your idea for a business' },
  ideaHint: { da: 'Kun hvis du vil fortælle den. Det er kun dig, der kan se den.', en: 'Only if you want to tell it. Only you can see it.' },
  ideaTooLong: { da: 'Teksten må højst være 2.000 tegn', en: 'The text can be at most 2,000 characters' },
  noCentres: { da: 'Der er ingen centre endnu, så du kan ikke være med lige nu.', en: 'There are no centres yet, so you cannot join just now.' },
  continue: { da: 'Fortsæt', en: 'Continue' },
  check: { da: 'Tjek dine svar', en: 'Check your answers' },
  centre: { da: 'Center', en: 'Centre' },
  noIdea: { da: 'Ikke oplyst', en: 'Not given' },
  checkText: { da: 'Du kan forlade forløbet når som helst. Intet følger af det.', en: 'You can leave the track at any time. Nothing follows from it.' },
  change: { da: 'Ret dine svar', en: 'Change your answers' },
  confirm: { da: 'Bliv en del af forløbet', en: 'Join the track' },
  // Notices
  later: { da: 'Det kan tage et øjeblik, før det vises her.', en: 'It may take a moment before it shows here.' },
  joined: { da: 'Du er med i iværksætterforløbet.', en: 'You are on the entrepreneurs’ track.' },
  set: { da: 'Dit delmål er gemt.', en: 'Your milestone is saved.' },
  revised: { da: 'Dit delmål er rettet.', en: 'Your milestone is changed.' },
  reached: { da: 'Tillykke! Delmålet er markeret som nået.', en: 'Congratulations! The milestone is marked as reached.' },
  removed: { da: 'Delmålet er fjernet.', en: 'The milestone is removed.' },
  checkedIn: { da: 'Tak, fordi du fortalte, hvordan det går.', en: 'Thank you for telling how it is going.' },
  started: { da: 'Startdatoen er gemt.', en: 'The start date is saved.' },
  answered: { da: 'Tak for dit svar.', en: 'Thank you for your answer.' },
  left: { da: 'Du har forladt iværksætterforløbet. Intet følger af det.', en: 'You have left the entrepreneurs’ track. Nothing follows from it.' },
} satisfies Record<string, Message>;

export const BUSINESS_STATUS_LABELS: Record<BusinessStatus, Message> = {
  not_started: { da: 'Virksomheden er ikke startet endnu', en: 'The business has not started yet' },
  running: { da: 'Virksomheden kører', en: 'The business is running' },
  paused: { da: 'Virksomheden holder pause', en: 'The business is on a break' },
  closed: { da: 'Virksomheden er lukket', en: 'The business has closed' },
};

/** The refusals a citizen can meet on the track. */
export const VENTURE_REFUSALS: Readonly<Record<string, Message>> = {
  track_joined: { da: 'Du er allerede med i forløbet.', en: 'You are on the track already.' },
  track_not_found: { da: 'Du er ikke med i iværksætterforløbet.', en: 'You are not on the entrepreneurs’ track.' },
  track_left: { da: 'Du har forladt forløbet. Du kan altid være med igen.', en: 'You have left the track. You can always join again.' },
  milestone_exists: { da: 'Delmålet er allerede gemt.', en: 'The milestone is already saved.' },
  milestone_not_found: { da: 'Delmålet findes ikke længere.', en: 'The milestone is no longer there.' },
  open_milestones_limit: {
    da: 'Du har 50 delmål, der ikke er nået. Marker et som nået eller fjern et, før du sætter et nyt.',
    en: 'You have 50 milestones not yet reached. Mark one as reached or remove one before you set a new one.',
  },
  business_start_not_recorded: { da: 'Skriv først, hvornår din virksomhed startede.', en: 'First write down when your business started.' },
  anniversary_not_come: { da: 'Det spørgsmål kommer først, når virksomheden har kørt så længe.', en: 'That question comes only once the business has run that long.' },
  centre_not_found: { da: 'Centret findes ikke. Vælg et andet center.', en: 'The centre does not exist. Choose another centre.' },
};

export type VentureNotice = 'startet' | 'delmaal' | 'rettet' | 'naaet' | 'fjernet' | 'status' | 'virksomhed' | 'svar' | 'forladt';
export const VENTURE_NOTICES: readonly VentureNotice[] = ['startet', 'delmaal', 'rettet', 'naaet', 'fjernet', 'status', 'virksomhed', 'svar', 'forladt'];
const NOTICE_TEXTS: Record<VentureNotice, Message> = {
  startet: T.joined,
  delmaal: T.set,
  rettet: T.revised,
  naaet: T.reached,
  fjernet: T.removed,
  status: T.checkedIn,
  virksomhed: T.started,
  svar: T.answered,
  forladt: T.left,
};

export const wordsText = (lang: Lang, words: Words) => (typeof words === 'string' ? words : say(lang, T.erased));
const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
export const yearsOn = (lang: Lang, n: number) => say(lang, T.yearsOn, { n, years: n === 1 ? 'year' : 'years' });

/** The anniversaries of the business start that have come by `today` (YYYY-MM-DD): only those are asked about. */
export const yearsReached = (startedOn: string, today: string) => SURVIVAL_YEARS.filter((y) => anniversaryReached(startedOn, y, today));

function milestonesSection(context: PageContext, track: TrackView): Html {
  const { lang } = context;
  const list =
    track.milestones.length === 0
      ? html`<p>${say(lang, T.noMilestones)}</p>`
      : html`<ul class="nobullet-list" id="my-milestones">${track.milestones.map((m) => {
          const about = html`<span class="sr-only">${say(lang, T.theMilestone, { text: excerpt(wordsText(lang, m.text)) })}</span>`;
          const base = `${VENTURE_PATH}/delmaal/${m.milestoneId}`;
          const when = m.status === 'reached' && m.reachedAt ? say(lang, T.reachedOn, { day: formatDay(lang, m.reachedAt) }) : m.hopedFor ? say(lang, T.hopeFor, { month: monthText(lang, m.hopedFor) }) : null;
          return html`<li class="mb-5" id="milestone-${m.milestoneId}"><p class="mb-2">${m.status === 'reached' ? html`<strong>${wordsText(lang, m.text)}</strong>` : wordsText(lang, m.text)}${when ? html`<br><span class="form-hint">${when}</span>` : null}</p>
${m.status === 'open' ? postForm(context, `${base}/naaet`, html`<button type="submit" class="button button-tertiary" id="reach-${m.milestoneId}">${say(lang, T.markReached)}${about}</button>`) : null}
<p class="mt-0"><a href="${base}/ret" id="revise-${m.milestoneId}">${say(lang, T.revise)}${about}</a> · <a href="${base}/fjern" id="remove-${m.milestoneId}">${say(lang, T.remove)}${about}</a></p></li>`;
        })}</ul>`;
  return html`<h2>${say(lang, T.milestones)}</h2>
<p>${say(lang, T.milestonesText)}</p>
${list}
<p><a class="button button-secondary" href="${VENTURE_PATH}/delmaal" id="milestone-link">${say(lang, T.newMilestone)}</a></p>`;
}

function checkInsSection(context: PageContext, track: TrackView): Html {
  const { lang } = context;
  const rows = [...track.checkIns].reverse();
  return html`<h2>${say(lang, T.checkIns)}</h2>
<p>${say(lang, T.checkInsText)}</p>
${
  rows.length === 0
    ? null
    : html`<div class="table--responsive-scroll" tabindex="0"><table class="table" id="my-check-ins">
<caption class="sr-only">${say(lang, T.checkIns)}</caption>
<thead><tr><th scope="col">${say(lang, T.quarter)}</th><th scope="col">${say(lang, T.status)}</th><th scope="col">${say(lang, T.note)}</th></tr></thead>
<tbody>${rows.map((c) => html`<tr><th scope="row">${quarterText(lang, c.quarter)}</th><td>${say(lang, BUSINESS_STATUS_LABELS[c.status])}</td><td>${c.note ? wordsText(lang, c.note) : '–'}</td></tr>`)}</tbody>
</table></div>`
}
<p><a class="button button-secondary" href="${VENTURE_PATH}/status" id="check-in-link">${say(lang, T.newCheckIn)}</a></p>`;
}

function businessSection(context: PageContext, track: TrackView, today: string): Html {
  const { lang } = context;
  const start = track.businessStart;
  if (!start) {
    return html`<h2>${say(lang, T.business)}</h2><p>${say(lang, T.noStart)}</p><p><a href="${VENTURE_PATH}/virksomhed" id="start-link">${say(lang, T.recordStart)}</a></p>`;
  }
  const years = yearsReached(start.startedOn, today);
  const answers = years.map((y) => {
    const answer = track.survival.find((s) => s.years === y);
    const said = answer ? say(lang, answer.running ? T.stillRuns : T.stopped, { day: formatDay(lang, answer.reportedAt) }) : null;
    return html`<li class="mb-3" id="survival-${y}"><strong>${yearsOn(lang, y)}:</strong> ${said ?? null} <a href="${VENTURE_PATH}/drift/${y}" id="answer-${y}">${say(lang, answer ? T.changeAnswer : T.answer)}<span class="sr-only"> – ${yearsOn(lang, y)}</span></a></li>`;
  });
  return html`<h2>${say(lang, T.business)}</h2>
<p id="business-start">${say(lang, T.startedOn, { day: formatDay(lang, start.startedOn) })} <a href="${VENTURE_PATH}/virksomhed" id="start-link">${say(lang, T.changeStart)}</a></p>
${years.length === 0 ? null : html`<p>${say(lang, T.survivalText)}</p><ul class="nobullet-list">${answers}</ul>`}`;
}

/** The track's overview: joined, left, or not yet joined. */
export function venturePage(context: PageContext, track: TrackView | null, today: string, shown: VentureNotice | null, errors: readonly FieldError[] = [], mentors: readonly MentorConversation[] = []): Html {
  const { lang } = context;
  const done = shown ? `${say(lang, NOTICE_TEXTS[shown])}${shown === 'forladt' ? '' : ` ${say(lang, T.later)}`}` : null;
  const latest = track?.memberships.at(-1);
  const joinButton = (text: Message) => html`<p><a class="button button-primary" href="${VENTURE_PATH}/start" id="join-link">${say(lang, text)}</a></p>`;
  const download = html`<h2>${say(lang, T.download)}</h2>
<p>${say(lang, T.downloadText)}</p>
<p><a href="${SUMMARY_PATH}" download id="download-link">${say(lang, T.downloadLink)}</a></p>`;
  let body: Html;
  if (!track || !latest) body = joinButton(T.join);
  else if (track.status === 'left') {
    body = html`<p>${say(lang, T.leftOn, { day: formatDay(lang, latest.leftAt ?? latest.joinedAt) })}</p>
${joinButton(T.joinAgain)}
${businessSection(context, track, today)}
${download}`;
  } else {
    body = html`<p id="on-track">${say(lang, T.onTrack, { centre: track.centreName, day: formatDay(lang, latest.joinedAt) })}</p>
${latest.businessIdea ? html`<p><strong>${say(lang, T.idea)}:</strong> ${wordsText(lang, latest.businessIdea)}</p>` : null}
${milestonesSection(context, track)}
${mentorsSection(lang, mentors)}
${checkInsSection(context, track)}
${businessSection(context, track, today)}
${download}
<h2>${say(lang, T.leaveLink)}</h2>
<p><a href="${VENTURE_PATH}/forlad" id="leave-link">${say(lang, T.leaveLink)}</a></p>`;
  }
  return page(context, {
    title: say(lang, T.title),
    back: '/mine-sider',
    errors,
    body: html`${notice(done)}
<p>${say(lang, T.intro)}</p>
<div class="alert alert-info" id="no-benefit-data"><div class="alert-body"><p class="alert-text">${say(lang, T.benefits)}</p></div></div>
${body}`,
  });
}

// ---- Joining ----

export interface JoinAnswers {
  centreId: string;
  businessIdea: string;
}

/** What is wrong with the answers as typed, among these centres. */
export function joinErrors(lang: Lang, a: JoinAnswers, centres: readonly CentreView[]): FieldError[] {
  const errors: FieldError[] = [];
  if (!centres.some((c) => c.centreId === a.centreId)) errors.push({ field: 'centreId', message: say(lang, T.centreMissing) });
  if (a.businessIdea.trim().length > BUSINESS_IDEA_MAX) errors.push({ field: 'businessIdea', message: say(lang, T.ideaTooLong) });
  return errors;
}

/** The question: which centre, and the idea if they want to tell it. */
export function joinPage(context: PageContext, centres: readonly CentreView[], a: JoinAnswers, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  if (centres.length === 0) return page(context, { title: say(lang, T.joinTitle), back: VENTURE_PATH, body: html`<p>${say(lang, T.noCentres)}</p>` });
  const centreErr = errorFor(errors, 'centreId');
  const ideaErr = errorFor(errors, 'businessIdea');
  return page(context, {
    title: say(lang, T.joinTitle),
    back: VENTURE_PATH,
    errors,
    body: html`<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${say(lang, T.benefits)}</p></div></div>
${postForm(
  context,
  `${VENTURE_PATH}/start`,
  html`${radioGroup({ lang, id: 'centreId', legend: say(lang, T.whichCentre), choices: centres.map((c) => ({ value: c.centreId, label: c.name })), checked: a.centreId, ...(centreErr ? { error: centreErr } : {}) })}
${textArea({ lang, id: 'businessIdea', label: say(lang, T.ideaLabel), hint: say(lang, T.ideaHint), value: a.businessIdea, required: false, maxLength: BUSINESS_IDEA_MAX, rows: 4, ...(ideaErr ? { error: ideaErr } : {}) })}
${button(say(lang, T.continue), { id: 'continue' })}`,
  { id: 'join-form', idempotent: false },
)}`,
  });
}

const joinHidden = (a: JoinAnswers) => html`${hidden('centreId', a.centreId)}${hidden('businessIdea', a.businessIdea)}`;

/** "Tjek dine svar" before joining. */
export function checkJoinPage(context: PageContext, centre: CentreView, a: JoinAnswers, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.check),
    back: `${VENTURE_PATH}/start`,
    errors,
    body: html`${summaryList([
      { label: say(lang, T.centre), value: centre.name },
      { label: say(lang, T.ideaLabel), value: a.businessIdea.trim() || say(lang, T.noIdea) },
    ])}
<p>${say(lang, T.checkText)}</p>
${postForm(context, `${VENTURE_PATH}/start/tjek`, html`${joinHidden(a)}${button(say(lang, T.confirm), { id: 'confirm-join' })}`, { id: 'confirm-form' })}
${postForm(context, `${VENTURE_PATH}/start/ret`, html`${joinHidden(a)}${button(say(lang, T.change), { variant: 'secondary', id: 'change-answers' })}`, { id: 'change-form', idempotent: false })}`,
  });
}

// ---- Leaving ----

export const reasonError = (lang: Lang, reason: string): FieldError | null => (reason.trim().length > LEAVE_REASON_MAX ? { field: 'reason', message: say(lang, T.reasonTooLong) } : null);

export function leaveTrackPage(context: PageContext, typed = '', errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const error = errorFor(errors, 'reason');
  return page(context, {
    title: say(lang, T.leaveTitle),
    back: VENTURE_PATH,
    errors,
    body: html`<p>${say(lang, T.leaveText)}</p>
${postForm(
  context,
  `${VENTURE_PATH}/forlad`,
  html`${textArea({ lang, id: 'reason', label: say(lang, T.reason), hint: say(lang, T.reasonHint), value: typed, required: false, maxLength: LEAVE_REASON_MAX, rows: 3, ...(error ? { error } : {}) })}
${button(say(lang, T.leaveConfirm), { id: 'confirm-leave' })}`,
  { id: 'leave-form' },
)}
<p><a href="${VENTURE_PATH}">${say(lang, T.stay)}</a></p>`,
  });
}
