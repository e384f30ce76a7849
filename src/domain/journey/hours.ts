/**
 * When a personal conversation can take place. Phone, chat and video: 07:00–21:00
 * Europe/Copenhagen every day, Sundays and public holidays included. In person: the centre's
 * opening hours, and never on a Danish public holiday (from the maintained date-holidays data).
 * Pure: the time to check comes in, nothing reads the clock.
 */
import Holidays from 'date-holidays';
import type { OpeningHours, Weekday } from '../centre/centre.js';
import type { Channel } from './journey.js';

const ZONE = 'Europe/Copenhagen';
const DIGITAL_OPENS = 7 * 60;
const DIGITAL_CLOSES = 21 * 60;
const holidays = new Holidays('DK');
const local = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'long',
  hourCycle: 'h23',
});

interface LocalMoment {
  date: string;
  weekday: Weekday;
  minutes: number;
}

export function inCopenhagen(instant: Date): LocalMoment {
  const parts = Object.fromEntries(local.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: String(parts.weekday).toLowerCase() as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Each date's answer, once asked: the holiday data is slow to ask, and a date's answer never changes. */
const holidayOf = new Map<string, string | null>();

/** The name of the Danish public holiday on this local date, if it is one. */
export function publicHoliday(date: string): string | null {
  const known = holidayOf.get(date);
  if (known !== undefined) return known;
  const found = holidays.isHoliday(new Date(`${date}T12:00:00`));
  const holiday = Array.isArray(found) ? found.find((h) => h.type === 'public') : undefined;
  const name = holiday ? holiday.name : null;
  // Dates a request names could be many: the memory stays bounded.
  if (holidayOf.size >= 10_000) holidayOf.clear();
  holidayOf.set(date, name);
  return name;
}

export type HoursCheck = { ok: true } | { ok: false; why: string };

/** Whether a session on this channel from `start` for `durationMinutes` is within contact hours. */
export function withinContactHours(channel: Channel, start: string, durationMinutes: number, openingHours: OpeningHours | null): HoursCheck {
  const begins = new Date(start);
  const ends = new Date(begins.getTime() + durationMinutes * 60_000);
  const from = inCopenhagen(begins);
  const to = inCopenhagen(ends);
  const endMinutes = to.date === from.date ? to.minutes : to.minutes === 0 ? 24 * 60 : Number.POSITIVE_INFINITY;
  if (channel === 'phone' || channel === 'chat' || channel === 'video') {
    if (from.minutes >= DIGITAL_OPENS && endMinutes <= DIGITAL_CLOSES) return { ok: true };
    return { ok: false, why: 'phone, chat and video are open 07:00–21:00 Danish time, every day' };
  }
  // A conversation at the citizen's home is arranged with them; the centre's hours are for the house.
  if (channel === 'in_person_home') return { ok: true };
  const holiday = publicHoliday(from.date);
  if (holiday) return { ok: false, why: `the centre is closed on ${holiday}` };
  const intervals = openingHours?.[from.weekday] ?? [];
  const toMinutes = (t: string) => (t === '24:00' ? 24 * 60 : Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));
  if (intervals.some((i) => toMinutes(i.opens) <= from.minutes && endMinutes <= toMinutes(i.closes))) return { ok: true };
  return { ok: false, why: 'the centre is not open then' };
}
