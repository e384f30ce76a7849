/**
 * Erasing a citizen's personal data: the journey records that it was erased (the log keeps its
 * events), then the citizen's own key is destroyed, so every personal field sealed under it can
 * no longer be read. The key goes at once here; the erasures read model makes sure of it should
 * the process die between the two.
 *
 * In the same append, what the citizen still held elsewhere ends with it: a place or a place in
 * line at a local activity (a place freed goes to the first in line), a membership of an open
 * group, their entrepreneurs' track, and their support of ideas for a development budget the board
 * has not answered yet. Each is decided from its own stream, appended with the
 * version it was decided on. The activities and groups come from their read models, which are written in the append's own
 * transaction; their deciders refuse anything new for an erased citizen. Erasing again (an
 * administrator asking twice, or after a crash between the append and the key) appends nothing
 * the first erasure already did, and ends whatever it had not.
 *
 * An entry (src/commands/citizen-entry.ts) checks the journey's version when it appends and holds
 * it meanwhile, so it is either refused after the erasure or commits before it; a second look
 * after the erasure ends what such an entry took, should the first read of the holdings have
 * missed it. (A citizen with no journey has no row to hold: an entry of theirs racing their
 * erasure is not caught so.)
 */
import { activityDecider } from '../domain/activity/decide.js';
import { groupDecider } from '../domain/group/decide.js';
import { ideaDecider } from '../domain/idea/decide.js';
import { journeyDecider } from '../domain/journey/decide.js';
import { journeyStreamId } from '../domain/journey/journey.js';
import type { Principal } from '../domain/shared/principal.js';
import { ventureDecider } from '../domain/venture/decide.js';
import { ventureStreamId } from '../domain/venture/venture.js';
import type { PersonalData } from '../privacy/sealed.js';
import { derivedId } from '../ids.js';
import type { Facts, Holdings } from './facts.js';
import type { CommandContext, CommandHandler, CommandResult, ProcessStep, StateLoader } from './handler.js';

export async function eraseCitizen(
  deps: { handler: CommandHandler; vault: PersonalData; facts: Pick<Facts, 'heldBy'> },
  actor: { principal: Principal; citizenId: string; now: string },
  context: CommandContext,
): Promise<CommandResult> {
  const { principal, citizenId, now } = actor;
  const endings = (held: Holdings): ProcessStep[] => [
    ...held.activityIds.map((activityId): ProcessStep => ({ decider: activityDecider, command: { type: 'ErasePlace', principal, now, data: { activityId, citizenId } } })),
    ...held.groupIds.map((groupId): ProcessStep => ({ decider: groupDecider, command: { type: 'EraseMembership', principal, now, data: { groupId, citizenId } } })),
    { decider: ventureDecider, command: { type: 'EraseTrack', principal, now, citizenId, data: {} } },
    // Their supports of ideas not yet answered; their own ideas stay, their words unreadable with the key.
    ...(held.ideaIds ?? []).map((ideaId): ProcessStep => ({ decider: ideaDecider, command: { type: 'EraseSupport', principal, now, data: { ideaId, citizenId } } })),
  ];
  const plan = async (load: StateLoader): Promise<ProcessStep[]> => {
    // The journey first: its part carries the command's own id, and answers for the erasure.
    await load(journeyDecider, journeyStreamId(citizenId));
    // Read on every attempt: a conflict may have come from a registration the last read missed.
    const held = await deps.facts.heldBy(citizenId);
    const track = await load(ventureDecider, ventureStreamId(citizenId));
    const heldElsewhere = held.activityIds.length > 0 || held.groupIds.length > 0 || (held.ideaIds?.length ?? 0) > 0 || track.status !== 'none';
    return [{ decider: journeyDecider, command: { type: 'EraseCitizen', data: { heldElsewhere }, principal, now, citizenId } }, ...endings(held)];
  };
  const { streams: _streams, ...result } = await deps.handler.handleTogether(context, principal.id, plan);
  try {
    // A second look. An entry checks the journey and holds it until it commits, so one that got
    // past the check committed before the erasure did: the read models (inline) and the track's
    // stream show it now. What it took ends here, under a command id of its own (a retry derives
    // the same one). The journey is only checked: it is erased already.
    await deps.handler.handleTogether({ ...context, commandId: derivedId(context.commandId, 'erasure-second-look') }, principal.id, async (load) => {
      await load(journeyDecider, journeyStreamId(citizenId), { check: true });
      return endings(await deps.facts.heldBy(citizenId));
    });
  } finally {
    await deps.vault.erase(citizenId);
  }
  return result;
}
