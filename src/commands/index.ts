/**
 * The command side as the edge sees it: the handler that runs a decider, the facts commands read
 * from elsewhere, and the processes that span more than one decision. Built once by the
 * composition root (src/wiring.ts); routes, pages and the CLI receive it and never the store.
 */
import type { EventStore } from '../eventstore/port.js';
import type { PersonalData } from '../privacy/sealed.js';
import { type SpokespersonBallots, spokespersonBallots } from './ballot.js';
import { type AgreementIdsOf, commandFacts, type Facts } from './facts.js';
import { CommandHandler, type CommandHandlerOptions } from './handler.js';
import { type BoardRecords, boardRecords, type DocumentContents } from './board-records.js';
import { ideaCommands, type IdeaCommands } from './ideas.js';

/**
 * Besides a decider's DomainError, what a command can be refused with by the store beneath it:
 * the edge maps these to problems without reaching into the store itself.
 */
export { DuplicateEventIdError, UnstorableTextError, WrongExpectedVersionError } from '../eventstore/errors.js';

export interface Commands {
  handler: CommandHandler;
  facts: Facts;
  ballots: SpokespersonBallots;
  /** Citizens' ideas for the development budget, each command with the facts it needs. */
  ideas: IdeaCommands;
  /** Board members' published names and the documents attached to meetings. */
  boardRecords: BoardRecords;
}

export function commandPath(deps: {
  store: EventStore;
  vault: PersonalData;
  /** A centre's in-person opening hours, from the centres' read model (given: commands do not read read models themselves). */
  openingHoursOf: Facts['openingHoursOf'];
  /** A partner's agreements, by id, from the catalogue's read model. */
  agreementIdsOf?: AgreementIdsOf;
  /** The activities and groups a citizen is in, from their read models (for an erasure). */
  heldBy?: Facts['heldBy'];
  options?: Omit<CommandHandlerOptions, 'vault'>;
  /** Where the bytes of board documents are kept. */
  documentContents: DocumentContents;
}): Commands {
  const handler = new CommandHandler(deps.store, { ...deps.options, vault: deps.vault });
  return {
    handler,
    facts: commandFacts(deps.store, deps.openingHoursOf, deps.agreementIdsOf, deps.heldBy),
    ballots: spokespersonBallots({ store: deps.store, handler, vault: deps.vault }),
    ideas: ideaCommands(deps.store, handler),
    boardRecords: boardRecords({ store: deps.store, handler, vault: deps.vault, contents: deps.documentContents }),
  };
}
