/**
 * Wiring shared by the composition roots (the server, the CLI, the tests): the command side over
 * a store, with the facts it takes from read models.
 */
import { commandPath, type Commands } from './commands/index.js';
import type { Database } from './database/connect.js';
import { documentContents } from './database/document-contents.js';
import type { EventStore } from './eventstore/port.js';
import type { PersonalData } from './privacy/sealed.js';
import { agreementsOfPartner } from './projections/catalogue/queries.js';
import { activitiesOfCitizen } from './projections/activities/queries.js';
import { getCentre } from './projections/centres/queries.js';
import { groupsOfCitizen } from './projections/groups/queries.js';
import { ideasOfCitizen } from './projections/ideas/queries.js';

export function commandsFor(database: Database, store: EventStore, vault: PersonalData): Commands {
  return commandPath({
    store,
    vault,
    documentContents: documentContents(database),
    openingHoursOf: async (centreId) => (await getCentre(database.db, centreId))?.openingHours ?? null,
    agreementIdsOf: async (partnerId) => (await agreementsOfPartner(database.db, partnerId)).map((a) => a.agreementId),
    heldBy: async (citizenId) => ({
      activityIds: (await activitiesOfCitizen(database.db, citizenId)).map((a) => a.activityId),
      groupIds: (await groupsOfCitizen(database.db, citizenId)).map((g) => g.groupId),
      ideaIds: await ideasOfCitizen(database.db, citizenId),
    }),
  });
}
