/**
 * Booking, moving and cancelling a conversation: one process over the staff member's calendar and
 * the citizen's journey. Both are decided from their states before anything is written, and both
 * are appended together, so a refusal of either leaves both as they were.
 */
import { calendarStreamId, slotOf } from '../domain/calendar/calendar.js';
import { calendarDecider } from '../domain/calendar/decide.js';
import { journeyDecider } from '../domain/journey/decide.js';
import { type Channel, journeyStreamId } from '../domain/journey/journey.js';
import { own } from '../domain/shared/checks.js';
import type { Principal } from '../domain/shared/principal.js';
import type { Facts } from './facts.js';
import type { CommandContext, CommandHandler, ProcessResult, ProcessStep, StateLoader } from './handler.js';

/** Facts the process needs from elsewhere: a centre's in-person opening hours. */
type SessionFacts = Pick<Facts, 'openingHoursOf'>;

interface Actor {
  principal: Principal;
  citizenId: string;
  now: string;
}
export interface Booking {
  sessionId: string;
  staffId: string;
  slotId: string;
  channel: Channel;
}

async function bookingSteps(load: StateLoader, facts: SessionFacts, actor: Actor, booking: Booking): Promise<ProcessStep[]> {
  const { principal, citizenId, now } = actor;
  const { sessionId, staffId, slotId, channel } = booking;
  const calendar = await load(calendarDecider, calendarStreamId(staffId));
  const slot = slotOf(calendar, slotId);
  const takeSlot: ProcessStep = { decider: calendarDecider, command: { type: 'BookSlot', staffId, principal, now, data: { slotId, sessionId, citizenId, channel } } };
  // No such time: the calendar's decider says so, after it has checked who is asking.
  if (!slot) return [takeSlot];
  const journey = await load(journeyDecider, journeyStreamId(citizenId));
  const centreId = journey.status === 'open' || journey.status === 'closed' ? journey.centreId : null;
  const openingHours = centreId ? await facts.openingHoursOf(centreId) : null;
  return [
    {
      decider: journeyDecider,
      command: {
        type: 'BookSession',
        citizenId,
        principal,
        now,
        data: { sessionId, staffId, slotId, start: slot.start, durationMinutes: slot.durationMinutes, channel, openingHours, slotCentreId: slot.centreId, mentoring: slot.mentoring },
      },
    },
    takeSlot,
  ];
}

async function cancelSteps(load: StateLoader, actor: Actor, sessionId: string): Promise<ProcessStep[]> {
  const { principal, citizenId, now } = actor;
  const journey = await load(journeyDecider, journeyStreamId(citizenId));
  const session = journey.status === 'open' || journey.status === 'closed' ? own(journey.sessions, sessionId) : undefined;
  const steps: ProcessStep[] = [{ decider: journeyDecider, command: { type: 'CancelSession', citizenId, principal, now, data: { sessionId } } }];
  // The time goes back to the staff member's calendar, in the same append.
  if (session && 'slotId' in session && session.slotId) {
    await load(calendarDecider, calendarStreamId(session.staffId));
    steps.push({ decider: calendarDecider, command: { type: 'ReleaseSlot', staffId: session.staffId, principal, now, data: { slotId: session.slotId, sessionId } } });
  }
  return steps;
}

/** Staff propose a time for a conversation the citizen asked for, within their centre's hours. */
export function proposeSessionTime(
  handler: CommandHandler,
  facts: SessionFacts,
  actor: Actor,
  proposal: { sessionId: string; start: string; durationMinutes: number; channel: Channel },
  context: CommandContext,
): Promise<ProcessResult> {
  const { principal, citizenId, now } = actor;
  return handler.handleTogether(context, principal.id, async (load) => {
    const journey = await load(journeyDecider, journeyStreamId(citizenId));
    const openingHours = journey.status === 'open' || journey.status === 'closed' ? await facts.openingHoursOf(journey.centreId) : null;
    return [{ decider: journeyDecider, command: { type: 'ProposeSessionTime', citizenId, principal, now, data: { ...proposal, openingHours } } }];
  });
}

/** The citizen books a free time from a staff member's calendar. */
export function bookSession(handler: CommandHandler, facts: SessionFacts, actor: Actor, booking: Booking, context: CommandContext): Promise<ProcessResult> {
  return handler.handleTogether(context, actor.principal.id, (load) => bookingSteps(load, facts, actor, booking));
}

/** The citizen or staff cancel a conversation; a calendar time it held is freed with it. */
export function cancelSession(handler: CommandHandler, actor: Actor, sessionId: string, context: CommandContext): Promise<ProcessResult> {
  return handler.handleTogether(context, actor.principal.id, (load) => cancelSteps(load, actor, sessionId));
}

/** The citizen moves a conversation to another free time: the new one booked and the old one cancelled, together. */
export function moveSession(handler: CommandHandler, facts: SessionFacts, actor: Actor, sessionId: string, booking: Booking, context: CommandContext): Promise<ProcessResult> {
  return handler.handleTogether(context, actor.principal.id, async (load) => [...(await bookingSteps(load, facts, actor, booking)), ...(await cancelSteps(load, actor, sessionId))]);
}
