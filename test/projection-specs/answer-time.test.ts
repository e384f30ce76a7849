/**
 * An answer staff record from a conversation carries the conversation's time (`data.at`; a
 * consent's receipt carries it as `timestamp`), as the README's "The citizen's own word" says it
 * takes. The journeys read model keeps that time as `journey_offers.answered_at` and
 * `journey_consents.occurred_at` (the consent register's `at`), not when it was typed in.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, journeyStreamId, type JourneyEvent } from '../../src/domain/journey/journey.js';
import { newId } from '../../src/ids.js';
import { journeysProjection } from '../../src/projections/journeys/projection.js';
import { EventLog, projectionSpecs } from '../support/projection-spec.js';

const specs = projectionSpecs(journeysProjection);
beforeAll(specs.setUp);
afterAll(specs.tearDown);

it('an answer staff record from a conversation is answered at the conversation’s time, not when it was typed in', async () => {
  const citizenId = newId();
  const centreId = newId();
  const staffId = 'staff-1';
  const journey = new EventLog().stream<JourneyEvent>(journeyStreamId(citizenId), JOURNEY_EVENT_SCHEMA_VERSIONS);
  const staff = { actor: { id: staffId, role: 'staff' }, centreId };
  const conversation = '2026-11-24T10:00:00.000+01:00';
  const typedIn = '2026-11-24T16:00:00.000+01:00';
  const spec = await specs.fresh();
  await spec.given([
    journey(
      { type: 'JourneyStarted', data: { journeyId: citizenId, citizenId, centreId, firstContact: 'in_person_centre', alias: null, startedBy: 'staff' } },
      { ...staff, at: '2026-11-20T10:00:00.000+01:00' },
    ),
    journey(
      { type: 'OfferMade', data: { offerId: 'o1', offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching', staffId, atCitizensRequest: false, at: '2026-11-21T10:00:00.000+01:00' } },
      { ...staff, at: '2026-11-21T10:00:00.000+01:00' },
    ),
    journey(
      { type: 'OfferDeclined', data: { offerId: 'o1', consent: { method: 'verbal_in_session', staffId, sessionId: 's1' }, reason: null, at: conversation } },
      { ...staff, at: typedIn },
    ),
  ]);
  expect((await spec.rows('journey_offers'))[0]).toMatchObject({ answered_at: new Date(conversation) });
  expect((await spec.rows('journey_consents'))[0]).toMatchObject({ occurred_at: new Date(conversation) });
});
