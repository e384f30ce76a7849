/**
 * Wiring shared by the composition roots (the server, the CLI, the tests): the command side over
 * a store, with the facts it takes from read models.
 */
import { commandPath, type Commands } from './commands/index.js';
import type { Database } from './database/connect.js';
import type { EventStore } from './eventstore/port.js';
import type { PersonalData } from './privacy/sealed.js';
import { agreementsOfPartner } from './projections/catalogue/queries.js';
import { getCentre } from './projections/centres/queries.js';

export function commandsFor(database: Database, store: EventStore, vault: PersonalData): Commands {
  return commandPath({
    store,
    vault,
    openingHoursOf: async (centreId) => (await getCentre(database.db, centreId))?.openingHours ?? null,
    agreementIdsOf: async (partnerId) => (await agreementsOfPartner(database.db, partnerId)).map((a) => a.agreementId),
  });
}
