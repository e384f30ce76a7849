/**
 * What the staff pages share: the staff area's navigation, the labels staff read (channels as a
 * counsellor says them, conversation topics), Copenhagen wall-clock times read from a form, and
 * refusals in staff's words (the form controls themselves are components.ts's).
 */
import type { Channel } from '../../domain/journey/journey.js';
import { inCopenhagen } from '../../domain/journey/hours.js';
import { CoerciveWording, type DomainError } from '../../domain/shared/errors.js';
import { refusalOf } from '../command.js';
import type { FieldError } from '../components.js';
import { attr, html, type Html } from '../html.js';
import { type Lang, type Message, say } from '../i18n.js';
import type { PageContext } from '../layout.js';

const NAV = {
  label: { da: 'Medarbejderens sider', en: 'Staff pages' },
  day: { da: 'Min dag', en: 'My day' },
  times: { da: 'Ledige tider', en: 'Free times' },
  find: { da: 'Find en borger', en: 'Find a citizen' },
  dashboard: { da: 'Centrets tilbud i tal', en: 'The centre’s offers in numbers' },
  hours: { da: 'Åbningstider for fremmøde', en: 'In-person opening hours' },
  partners: { da: 'Medspillere og aftaler', en: 'Partners and agreements' },
  activities: { da: 'Aktiviteter', en: 'Activities' },
  groups: { da: 'Grupper', en: 'Groups' },
  entrepreneurs: { da: 'Iværksættere', en: 'Entrepreneurs' },
} satisfies Record<string, Message>;

/** The staff pages, one link each; the page the reader is on is marked. */
export function staffNav(context: PageContext): Html {
  const { lang } = context;
  const links: [string, Message][] = [
    ['/medarbejder', NAV.day],
    ['/medarbejder/tider', NAV.times],
    ['/medarbejder/find', NAV.find],
    ['/medarbejder/tilbudsoversigt', NAV.dashboard],
    ['/medarbejder/aabningstider', NAV.hours],
    ['/medarbejder/medspillere', NAV.partners],
    ['/medarbejder/aktiviteter', NAV.activities],
    ['/medarbejder/grupper', NAV.groups],
    ['/medarbejder/ivaerksaettere', NAV.entrepreneurs],
  ];
  return html`<nav aria-label="${say(lang, NAV.label)}"><ul class="inline-list">${links.map(
    ([href, text]) => html`<li class="mr-5"><a href="${href}"${attr('aria-current', context.path === href ? 'page' : undefined)}>${say(lang, text)}</a></li>`,
  )}</ul></nav>`;
}

/** Channels as a counsellor says them (the shared labels speak to the citizen: "your home"). */
export const STAFF_CHANNEL_LABELS: Record<Channel, Message> = {
  in_person_centre: { da: 'fremmøde på centret', en: 'in person at the centre' },
  in_person_home: { da: 'besøg hjemme hos borgeren', en: 'a visit at the citizen’s home' },
  phone: { da: 'telefon', en: 'phone' },
  chat: { da: 'chat', en: 'chat' },
  video: { da: 'video', en: 'video' },
};

export { TOPIC_LABELS, TOPICS, type Topic } from '../../i18n/records.js';

// ---- Copenhagen wall-clock time, read from a form ----

const two = (n: number) => String(n).padStart(2, '0');

/** Today's date in Copenhagen, "YYYY-MM-DD". */
export const copenhagenToday = (now: Date) => inCopenhagen(now).date;

/** The date a moment falls on in Copenhagen, "YYYY-MM-DD". */
export const copenhagenDateOf = (moment: string | Date) => inCopenhagen(typeof moment === 'string' ? new Date(moment) : moment).date;

/** The clock time of a moment in Copenhagen, "HH:MM" (a time input's value). */
export function copenhagenClockOf(moment: string | Date): string {
  const minutes = inCopenhagen(typeof moment === 'string' ? new Date(moment) : moment).minutes;
  return `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

/** The day after a "YYYY-MM-DD" date (or before, with -1), as a calendar date. */
export function shiftDay(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return `${shifted.getUTCFullYear()}-${two(shifted.getUTCMonth() + 1)}-${two(shifted.getUTCDate())}`;
}

/** A date as typed: a date input's "YYYY-MM-DD", or the Danish "5.1.2027" / "05-01-2027". Null if it is none. */
export function parseDate(typed: string | undefined): string | null {
  const text = (typed ?? '').trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const danish = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text);
  const [year, month, day] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : danish ? [Number(danish[3]), Number(danish[2]), Number(danish[1])] : [0, 0, 0];
  if (year < 2000 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1) return null;
  return `${year}-${two(month)}-${two(day)}`;
}

/**
 * Whether a text is written as a date ("31.2.2027", "2027-02-31") whether or not that day exists:
 * then the page says the date does not exist, rather than how to write one.
 */
export function looksLikeADate(typed: string | undefined): boolean {
  const text = (typed ?? '').trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(text) || /^\d{1,2}[./-]\d{1,2}[./-]\d{4}$/.test(text);
}

/** A clock time as typed: "10:15", "10.15" or "9.05". Null if it is none. */
export function parseClock(typed: string | undefined): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec((typed ?? '').trim());
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  return hour <= 23 && minute <= 59 ? `${two(hour)}:${two(minute)}` : null;
}

/**
 * The moment a Copenhagen date and clock time name, as ISO-8601 (UTC). Null when the clock time
 * does not exist that day (the hour skipped when summer time begins). In the hour that repeats
 * when it ends, the first of the two is meant.
 */
export function copenhagenInstant(date: string, clock: string): string | null {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = clock.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Copenhagen is UTC+1 or UTC+2: try the earlier moment first.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(wall - offsetHours * 3600_000);
    const local = inCopenhagen(candidate);
    if (local.date === date && local.minutes === hh * 60 + mm) return candidate.toISOString();
  }
  return null;
}

// ---- Refusals, as staff read them ----

/** What each refusal a staff page can meet says, by its stable code (the shared ones speak to citizens). */
export const STAFF_REFUSALS: Readonly<Record<string, Message>> = {
  journey_not_found: { da: 'Borgeren har ikke et forløb på dit center.', en: 'The citizen has no journey at your centre.' },
  journey_closed: { da: 'Borgerens forløb er afsluttet. Borgeren kan selv starte et nyt, når det passer.', en: 'The citizen’s journey is closed. The citizen can start a new one whenever it suits them.' },
  citizen_erased: { da: 'Borgerens oplysninger er slettet, så intet nyt kan registreres.', en: 'The citizen’s data has been erased, so nothing new can be recorded.' },
  personal_data_erased: { da: 'Borgerens oplysninger er slettet, så intet nyt kan registreres.', en: 'The citizen’s data has been erased, so nothing new can be recorded.' },
  forbidden: { da: 'Det hører til en anden medarbejder eller et andet center.', en: 'That belongs to another staff member or another centre.' },
  session_not_found: { da: 'Samtalen findes ikke.', en: 'The conversation does not exist.' },
  session_not_booked: { da: 'Samtalen er allerede registreret, eller den er aflyst.', en: 'The conversation is already recorded, or it was cancelled.' },
  session_not_begun: { da: 'Samtalen er ikke begyndt endnu. Registrér den, når den er holdt.', en: 'The conversation has not begun yet. Record it once it has been held.' },
  session_not_held: { da: 'Samtalen er ikke registreret som holdt af dig.', en: 'The conversation is not recorded as held by you.' },
  session_required: { da: 'Det, borgeren sagde, registreres kun med den samtale, det blev sagt i.', en: 'What the citizen said is recorded only with the conversation it was said in.' },
  offer_not_found: { da: 'Tilbuddet findes ikke.', en: 'The offer does not exist.' },
  offer_lapsed: { da: 'Tilbuddet har ventet på svar i over 60 dage. Borgeren kan spørge efter det igen.', en: 'The offer waited for an answer for over 60 days. The citizen can ask for it again.' },
  citizen_answered_since: {
    da: 'Borgeren har selv svaret på tilbuddet eller et tilbud af samme slags siden samtalen. Borgerens eget svar gælder.',
    en: 'The citizen answered the offer, or an offer of the same kind, themselves since the conversation. The citizen’s own answer stands.',
  },
  session_too_long_ago: {
    da: 'Et tilbud kan kun gives i en samtale op til 24 timer efter, at den sluttede. Giv tilbuddet uden for samtalen i stedet, så svarer borgeren selv.',
    en: 'An offer can be made in a conversation only up to 24 hours after it ended. Make the offer outside the conversation instead; the citizen then answers it themselves.',
  },
  offer_not_made_then: { da: 'Tilbuddet blev givet efter samtalen og ikke i den.', en: 'The offer was made after the conversation, not in it.' },
  consent_already_given: { da: 'Borgeren har allerede sagt ja tak til tilbuddet.', en: 'The citizen has already said yes please to the offer.' },
  already_declined: { da: 'Borgeren har allerede sagt nej tak til tilbuddet.', en: 'The citizen has already said no thank you to the offer.' },
  consent_given: { da: 'Borgeren har allerede sagt ja tak til tilbuddet.', en: 'The citizen has already said yes please to the offer.' },
  method_does_not_fit_channel: { da: 'Den måde at svare på passer ikke til samtalens form.', en: 'That way of answering does not fit how the conversation took place.' },
  offer_exists: { da: 'Tilbuddet er allerede givet.', en: 'The offer is already made.' },
  offer_unanswered: { da: 'Tilbuddet er allerede givet og venter på borgerens svar.', en: 'The offer is already made and waits for the citizen’s answer.' },
  recently_declined: { da: 'Borgeren sagde nej tak til dette tilbud for under 30 dage siden. Det gives kun igen, hvis borgeren selv spørger efter det.', en: 'The citizen said no thank you to this offer less than 30 days ago. It is made again only if the citizen asks for it.' },
  offer_not_in_catalogue: {
    da: 'Tilbuddet er ikke længere i tilbudskataloget (det er trukket tilbage, eller aftalen med medspilleren gælder ikke nu). Vælg et andet.',
    en: 'The offer is no longer in the offer catalogue (it was retired, or the agreement with the partner is not in force now). Choose another.',
  },
  catalogue_offer_not_found: { da: 'Tilbuddet findes ikke i tilbudskataloget. Vælg et andet.', en: 'The offer is not in the offer catalogue. Choose another.' },
  slot_exists: { da: 'Tiden er allerede lagt ud.', en: 'The time is already published.' },
  slot_overlaps: { da: 'Tiden overlapper en af dine andre tider.', en: 'The time overlaps one of your other times.' },
  slot_not_found: { da: 'Tiden findes ikke længere.', en: 'The time no longer exists.' },
  slot_booked: { da: 'En borger har booket tiden. Aflys samtalen sammen med borgeren i stedet.', en: 'A citizen booked the time. Cancel the conversation with the citizen instead.' },
  invalid_value: { da: 'Vælg en tid i fremtiden og inden for åbningstiden: telefon, chat og video kl. 07–21 alle dage, fremmøde når centret har åbent.', en: 'Choose a time in the future and within opening hours: phone, chat and video 07–21 every day, in person when the centre is open.' },
};

const COERCIVE: Message = {
  da: 'Teksten bruger ord, der lyder som tvang ({terms}). Skriv det om: alt her er frivilligt.',
  en: 'The text uses words that sound like compulsion ({terms}). Put it another way: everything here is voluntary.',
};

/** A refusal as the error summary shows it, on the field it concerns: words of coercion name the words found. */
export function staffRefusal(lang: Lang, error: DomainError, field: string): FieldError {
  if (error instanceof CoerciveWording) return { field, message: say(lang, COERCIVE, { terms: error.terms.join(', ') }) };
  return refusalOf(lang, error, field, STAFF_REFUSALS);
}
