/**
 * The house's two languages, Danish first and English second (the web UI, record texts, receipts), and how it writes times, days and
 * money for people: Europe/Copenhagen wall-clock time in words, kroner with the language's
 * separators. Never an ISO string or an enum code in running text — every code a page shows goes
 * through a label here, and each label table is typed over the code's own list, so a new channel
 * or role without its words does not compile.
 */
import type { Weekday } from '../domain/centre/centre.js';
import type { Channel, FirstContact } from '../domain/journey/journey.js';
import type { Role } from '../domain/shared/principal.js';

export const LANGS = ['da', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'da';
export const LANG_COOKIE = 'lang';

/** One text in both languages: a message without its English (or Danish) form does not compile. */
export type Message = Readonly<Record<Lang, string>>;

export const isLang = (value: unknown): value is Lang => value === 'da' || value === 'en';

/**
 * The language of a request: the `lang` cookie (the footer's switch), else the first of Danish or
 * English the browser prefers (Accept-Language, by q-value), else Danish.
 */
export function langOf(request: { cookie?: string | undefined; acceptLanguage?: string | undefined }): Lang {
  if (isLang(request.cookie)) return request.cookie;
  const wanted = (request.acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), order };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  const found = wanted.find((w) => isLang(w.primary));
  return found && isLang(found.primary) ? found.primary : DEFAULT_LANG;
}

/** A message in a language, with `{name}` placeholders filled (the result is text: pages escape it). */
export function say(lang: Lang, message: Message, vars: Readonly<Record<string, string | number>> = {}): string {
  return message[lang].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
}

// ---- Time, in Europe/Copenhagen ----

const ZONE = 'Europe/Copenhagen';
const WEEKDAY_ORDER: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const WEEKDAY_NAMES: Record<Weekday, Message> = {
  monday: { da: 'mandag', en: 'Monday' },
  tuesday: { da: 'tirsdag', en: 'Tuesday' },
  wednesday: { da: 'onsdag', en: 'Wednesday' },
  thursday: { da: 'torsdag', en: 'Thursday' },
  friday: { da: 'fredag', en: 'Friday' },
  saturday: { da: 'lørdag', en: 'Saturday' },
  sunday: { da: 'søndag', en: 'Sunday' },
};

const MONTH_NAMES: readonly Message[] = [
  { da: 'januar', en: 'January' },
  { da: 'februar', en: 'February' },
  { da: 'marts', en: 'March' },
  { da: 'april', en: 'April' },
  { da: 'maj', en: 'May' },
  { da: 'juni', en: 'June' },
  { da: 'juli', en: 'July' },
  { da: 'august', en: 'August' },
  { da: 'september', en: 'September' },
  { da: 'oktober', en: 'October' },
  { da: 'november', en: 'November' },
  { da: 'december', en: 'December' },
];

// Numbers only: the words come from the tables above, not from whatever ICU data Node carries.
const LOCAL = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function inCopenhagen(moment: Date): LocalTime {
  const parts: Record<string, number> = {};
  for (const p of LOCAL.formatToParts(moment)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0 };
}

/** The weekday of a calendar day (proleptic Gregorian, no zone involved). */
function weekdayOf(year: number, month: number, day: number): Weekday {
  const sundayFirst = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return WEEKDAY_ORDER[(sundayFirst + 6) % 7] ?? 'monday';
}

const two = (n: number) => String(n).padStart(2, '0');

/** A clock time "HH:MM" as the language writes it: "10.00" in Danish, "10:00" in English. */
export function formatClock(lang: Lang, hhmm: string): string {
  return lang === 'da' ? hhmm.replace(':', '.') : hhmm;
}

/** A moment as people say it, in Danish time: "tirsdag 5. januar kl. 10.00" / "Tuesday 5 January at 10:00". */
export function formatMoment(lang: Lang, moment: Date | string): string {
  const t = inCopenhagen(typeof moment === 'string' ? new Date(moment) : moment);
  const weekday = WEEKDAY_NAMES[weekdayOf(t.year, t.month, t.day)][lang];
  const month = MONTH_NAMES[t.month - 1]?.[lang] ?? '';
  const clock = formatClock(lang, `${two(t.hour)}:${two(t.minute)}`);
  return lang === 'da' ? `${weekday} ${t.day}. ${month} kl. ${clock}` : `${weekday} ${t.day} ${month} at ${clock}`;
}

/**
 * A calendar day: "5. januar 2027" / "5 January 2027". A "YYYY-MM-DD" string is that day as
 * written; a moment is the day it falls on in Danish time.
 */
export function formatDay(lang: Lang, day: Date | string): string {
  const plain = typeof day === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  const t = plain ? { year: Number(plain[1]), month: Number(plain[2]), day: Number(plain[3]) } : inCopenhagen(typeof day === 'string' ? new Date(day) : day);
  const month = MONTH_NAMES[t.month - 1]?.[lang] ?? '';
  return lang === 'da' ? `${t.day}. ${month} ${t.year}` : `${t.day} ${month} ${t.year}`;
}

/** A weekday's name, capitalised for a list or a table heading. */
export function weekdayLabel(lang: Lang, day: Weekday): string {
  const name = WEEKDAY_NAMES[day][lang];
  return name.charAt(0).toUpperCase() + name.slice(1);
}

// ---- Money ----

function grouped(n: bigint, separator: string): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * Øre (integers, as the house keeps money) as kroner: "1.234,50 kr." in Danish, "DKK 1,234.50" in
 * English. Integer arithmetic throughout: no amount is ever a float on its way to the page.
 */
export function formatKroner(lang: Lang, ore: number | bigint): string {
  const value = BigInt(ore);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const kroner = abs / 100n;
  const rest = two(Number(abs % 100n));
  const sign = negative ? '-' : '';
  return lang === 'da' ? `${sign}${grouped(kroner, '.')},${rest} kr.` : `${sign}DKK ${grouped(kroner, ',')}.${rest}`;
}

// ---- Labels for the codes a page shows ----

export const CHANNEL_LABELS: Record<Channel, Message> = {
  in_person_centre: { da: 'fremmøde på centret', en: 'in person at the centre' },
  in_person_home: { da: 'besøg hjemme hos dig', en: 'a visit at your home' },
  phone: { da: 'telefon', en: 'phone' },
  chat: { da: 'chat', en: 'chat' },
  video: { da: 'video', en: 'video' },
};

export const FIRST_CONTACT_LABELS: Record<FirstContact, Message> = {
  ...CHANNEL_LABELS,
  self_service: { da: 'selvbetjening', en: 'self-service' },
};

export const ROLE_LABELS: Record<Role, Message> = {
  citizen: { da: 'Borger', en: 'Citizen' },
  staff: { da: 'Medarbejder', en: 'Staff member' },
  partner: { da: 'Medspiller', en: 'Partner' },
  board_member: { da: 'Bestyrelsesmedlem', en: 'Board member' },
  researcher: { da: 'Forsker', en: 'Researcher' },
  auditor: { da: 'Revisor', en: 'Auditor' },
  admin: { da: 'Administrator', en: 'Administrator' },
};

export const LANG_NAMES: Record<Lang, string> = { da: 'Dansk', en: 'English' };

/** A code's label, or the word for "unknown" (a value written around the application). */
export function labelOf<K extends string>(labels: Readonly<Record<K, Message>>, lang: Lang, code: unknown): string {
  return typeof code === 'string' && Object.hasOwn(labels, code) ? labels[code as K][lang] : lang === 'da' ? 'ukendt' : 'unknown';
}
