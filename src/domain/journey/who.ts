/**
 * Who may act on a journey, shared by the journey's decisions (decide.ts, decide-sharing.ts): the
 * citizen themselves, staff of the citizen's centre, and staff recording what the citizen said in
 * a conversation they held.
 */
import { Forbidden, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import type { Channel, Journey } from './journey.js';

export type Opened = Extract<Journey, { status: 'open' }>;

export function authoriseAny(p: Principal, journey: { citizenId: string; centreId: string }): void {
  if (p.role === 'citizen' && p.id === journey.citizenId) return;
  if (p.role === 'staff' && p.centreId === journey.centreId) return;
  throw new Forbidden('this journey is not yours to act on');
}

export function citizenOnly(p: Principal, journey: Opened): void {
  if (p.role !== 'citizen' || p.id !== journey.citizenId) throw new Forbidden('only the citizen does this');
}

export function staffOnly(p: Principal, journey: Opened): void {
  if (p.role !== 'staff' || p.centreId !== journey.centreId) throw new Forbidden('only staff of the citizen’s centre do this');
}

export function citizenOrStaff(p: Principal, journey: Opened): 'citizen' | 'staff' {
  authoriseAny(p, journey);
  return p.role === 'citizen' ? 'citizen' : 'staff';
}

/** A conversation that was held, by the staff member now recording what was said in it. */
export function heldSession(journey: Opened, sessionId: string | undefined, p: Principal): { sessionId: string; channel: Channel; heldAt: string; start: string; heldMinutes: number } {
  if (!sessionId) throw new RuleViolation('session_required', 'staff record what the citizen said only with the held conversation where it was said');
  const session = journey.sessions[sessionId];
  if (session?.status !== 'held') throw new RuleViolation('session_not_held', 'the named conversation was not held with this citizen', { sessionId });
  if (session.heldBy !== p.id) throw new Forbidden('only the staff member who held the conversation records what was said in it', { sessionId });
  return { sessionId, channel: session.channel, heldAt: session.heldAt, start: session.start, heldMinutes: session.heldMinutes };
}
