/** Checks several aggregates share: who may act for a centre, and the shape of typed values. */
import { coerciveTermsIn } from './coercion.js';
import { CoerciveWording, Forbidden, InvalidValue } from './errors.js';
import type { Principal } from './principal.js';

/** Administrators act anywhere; the listed roles only for their own centre. */
export function authoriseForCentre(principal: Principal, centreId: string, roles: readonly Principal['role'][]): void {
  if (principal.role === 'admin') return;
  if (!roles.includes(principal.role)) throw new Forbidden(`the role ${principal.role} may not do this`, { role: principal.role });
  if (principal.centreId !== centreId) throw new Forbidden('this belongs to another centre', { centreId });
}

/**
 * Control characters (a bell, an escape) and invisible ones (zero-width spaces, joiners, a byte-order
 * mark): nothing a person means to show, and a way to make one name look like another. NUL stays,
 * for the store to refuse as unstorable.
 */
const INVISIBLE = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF]/g;

/** Text someone typed, with its spaces tidied and invisible characters dropped: not empty, at most `max` characters. */
export function tidyText(raw: string, field: string, max: number, whenEmpty = 'must not be empty'): string {
  const value = raw.replace(INVISIBLE, '').trim().replace(/\s+/g, ' ');
  if (value.length === 0) throw new InvalidValue(field, whenEmpty);
  if (value.length > max) throw new InvalidValue(field, `at most ${max} characters`);
  return value;
}

/** Whether `value` is a calendar date written YYYY-MM-DD. */
export const isDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  // A day that exists: `Date.parse` would roll 30 February over into March.
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
};

/** The entry of a record for an id from outside, never an inherited property such as `constructor`. */
export const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

/**
 * A link shown in the clear (a meeting place, an offer online): an https address with a host and
 * no user name or password in it (a link handed to others is no place for credentials), at most
 * `max` characters, free of the words of coercion like any readable text. Returns it as typed
 * (trimmed) and as the URL standard writes it; each use keeps the one it stores.
 */
export function httpsLink(raw: string, field: string, max: number): { typed: string; href: string } {
  const typed = raw.trim();
  if (typed.length > max) throw new InvalidValue(field, `at most ${max} characters`);
  const url = /\s/.test(typed) || !URL.canParse(typed) ? null : new URL(typed);
  if (url?.protocol !== 'https:' || url.hostname === '') throw new InvalidValue(field, 'a web address starting with https://');
  if (url.username !== '' || url.password !== '') throw new InvalidValue(field, 'a web address without a user name or password in it');
  if (url.href.length > max) throw new InvalidValue(field, `at most ${max} characters`);
  noCoercion(field, url.href);
  return { typed: noCoercion(field, typed), href: url.href };
}

/** Text free of the words of coercion (src/domain/shared/coercion.ts), or refused naming the field and the words. */
export function noCoercion(field: string, text: string): string {
  const terms = coerciveTermsIn(text);
  if (terms.length > 0) throw new CoerciveWording(field, terms);
  return text;
}
