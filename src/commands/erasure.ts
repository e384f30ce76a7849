/**
 * Erasing a citizen's personal data: the journey records that it was erased (the log keeps its
 * events), then the citizen's own key is destroyed, so every personal field sealed under it can
 * no longer be read. The key goes at once here; the erasures read model makes sure of it should
 * the process die between the two.
 */
import { journeyDecider } from '../domain/journey/decide.js';
import type { Principal } from '../domain/shared/principal.js';
import type { PersonalData } from '../privacy/sealed.js';
import type { CommandContext, CommandHandler, CommandResult } from './handler.js';

export async function eraseCitizen(
  deps: { handler: CommandHandler; vault: PersonalData },
  actor: { principal: Principal; citizenId: string; now: string },
  context: CommandContext,
): Promise<CommandResult> {
  const { principal, citizenId, now } = actor;
  const result = await deps.handler.handle(journeyDecider, { type: 'EraseCitizen', data: {}, principal, now, citizenId }, context);
  await deps.vault.erase(citizenId);
  return result;
}
