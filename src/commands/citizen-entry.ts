/**
 * A citizen taking something new outside their journey: a place at an activity, a membership of a
 * group (joined, or started by the citizen), the entrepreneurs' track. Each is refused once the
 * citizen was erased, and the erasure ends what they held. Deciding on the journey as read and
 * appending later would let an entry committed just after the erasure keep what the erasure no
 * longer sees, so the entry is a process: the journey is loaded with a check (its version must
 * still be the one read when the entry is appended; the store holds it meanwhile), and an erasure
 * committing in between makes the entry decided again, and refused.
 */
import type { CommandEnvelope, Decider, DomainEvent } from '../domain/shared/decider.js';
import { journeyDecider } from '../domain/journey/decide.js';
import { journeyStreamId } from '../domain/journey/journey.js';
import type { CommandContext, CommandHandler, CommandResult } from './handler.js';

/**
 * Runs one entry command for `citizenId`, built with whether their journey says they were erased.
 * `citizenId` null: nobody's journey is concerned (staff starting a group), and `citizenErased` is false.
 */
export async function enterAsCitizen<State, Command extends CommandEnvelope, Event extends DomainEvent>(
  handler: CommandHandler,
  decider: Decider<State, Command, Event>,
  citizenId: string | null,
  build: (citizenErased: boolean) => Command | Promise<Command>,
  context: CommandContext,
  actorId: string,
): Promise<CommandResult> {
  const { streams: _streams, ...result } = await handler.handleTogether(context, actorId, async (load) => {
    const journey = citizenId === null ? null : await load(journeyDecider, journeyStreamId(citizenId), { check: true });
    return [{ decider, command: await build(journey?.status === 'erased') }];
  });
  return result;
}
