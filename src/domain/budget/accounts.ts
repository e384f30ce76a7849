/**
 * Looks up a budget line's accounts in the reference of accounts-data.ts: a standard account by its
 * two-digit code, a Finance Act account by its eight digits, and the nearest valid codes for an
 * error message ("unknown account 17461210; nearest valid: 17461410, 17461810, 17460810").
 *
 * The underkonto rule: a Finance Act account is known when its paragraf, hovedområde,
 * aktivitetsområde and hovedkonto (the first six digits) are in the reference; any two digits are
 * then accepted as its underkonto. Folketinget appropriates on the first six digits, and the
 * underkonti are the hovedkonto's own division into sub-activities, set with its annotations.
 *
 * Nearest: the candidates that share the longest leading run of digits with the code come first;
 * among those, the one numerically closest; on a tie, the lower code. A code that is itself valid
 * is its own nearest. For a Finance Act account the candidates are the known hovedkonti, each
 * suggested with the account's own underkonto (valid under any of them).
 */
import { own } from '../shared/checks.js';
import { AKTIVITETSOMRAADER, HOVEDKONTI, HOVEDOMRAADER, PARAGRAFFER, STANDARDKONTI, type StandardkontoEntry } from './accounts-data.js';

export interface StandardAccount extends StandardkontoEntry {
  code: string;
}

/** A known Finance Act account with the names of its levels (the underkonto has none here). */
export interface FinanceAccountNames {
  account: string;
  paragraf: string;
  hovedomraade: string;
  aktivitetsomraade: string;
  hovedkonto: string;
  /** The first and last Finance Act that lists the hovedkonto. */
  finanslov: readonly [number, number];
}

/**
 * A centre's budget lines use the running and transfer accounts and the capital accounts (11–59);
 * the financing accounts (80–87: the state's borrowing and debt) are not a centre's to budget.
 */
const STANDARD_CODES = Object.keys(STANDARDKONTI).filter((code) => Number(code) < 60);
const HOVEDKONTO_CODES = Object.keys(HOVEDKONTI);

/** The standard account with this two-digit code, or null if the reference has none a centre may budget on. */
export function standardAccount(code: string): StandardAccount | null {
  const entry = /^\d{2}$/.test(code) && Number(code) < 60 ? own(STANDARDKONTI, code) : undefined;
  return entry ? { code, ...entry } : null;
}

/** Whether the eight-digit account's first six digits are a hovedkonto of the reference. */
export function financeAccountKnown(account: string): boolean {
  return /^\d{8}$/.test(account) && own(HOVEDKONTI, account.slice(0, 6)) !== undefined;
}

/** The names of a known account's levels, or null if the account is not known. */
export function financeAccountNames(account: string): FinanceAccountNames | null {
  if (!financeAccountKnown(account)) return null;
  const hovedkonto = own(HOVEDKONTI, account.slice(0, 6))!;
  return {
    account,
    paragraf: own(PARAGRAFFER, account.slice(0, 2)) ?? '',
    hovedomraade: own(HOVEDOMRAADER, account.slice(0, 3)) ?? '',
    aktivitetsomraade: own(AKTIVITETSOMRAADER, account.slice(0, 4)) ?? '',
    hovedkonto: hovedkonto.da,
    finanslov: hovedkonto.finanslov,
  };
}

/** The n valid eight-digit accounts nearest to this one; none if it is not eight digits. */
export function nearestFinanceAccounts(account: string, n = 3): string[] {
  if (!/^\d{8}$/.test(account)) return [];
  return nearest(account.slice(0, 6), HOVEDKONTO_CODES, n).map((hovedkonto) => hovedkonto + account.slice(6));
}

/** The n valid standard accounts nearest to this code; none if it is not two digits. */
export function nearestStandardAccounts(code: string, n = 3): string[] {
  if (!/^\d{2}$/.test(code)) return [];
  return nearest(code, STANDARD_CODES, n);
}

function nearest(code: string, candidates: readonly string[], n: number): string[] {
  return candidates
    .map((candidate) => ({ candidate, prefix: commonPrefix(code, candidate), distance: Math.abs(Number(candidate) - Number(code)) }))
    .sort((a, b) => b.prefix - a.prefix || a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, Math.max(0, Math.floor(n)))
    .map((c) => c.candidate);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}
