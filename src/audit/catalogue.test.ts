import { describe, expect, it } from 'vitest';
import { BALLOT_EVENT_SCHEMA_VERSIONS } from '../domain/ballot/ballot.js';
import { BOARD_EVENT_SCHEMA_VERSIONS } from '../domain/board/board.js';
import { BUDGET_EVENT_SCHEMA_VERSIONS } from '../domain/budget/budget.js';
import { CALENDAR_EVENT_SCHEMA_VERSIONS } from '../domain/calendar/calendar.js';
import { CENTRE_EVENT_SCHEMA_VERSIONS } from '../domain/centre/centre.js';
import { JOURNEY_EVENT_SCHEMA_VERSIONS } from '../domain/journey/journey.js';
import { STUDY_EVENT_SCHEMA_VERSIONS } from '../domain/study/study.js';
import { CATALOGUE, COERCIVE_WORDS } from './catalogue.js';

describe('the declared catalogue of event types', () => {
  const domainTypes = [CENTRE_EVENT_SCHEMA_VERSIONS, JOURNEY_EVENT_SCHEMA_VERSIONS, CALENDAR_EVENT_SCHEMA_VERSIONS, BOARD_EVENT_SCHEMA_VERSIONS, BUDGET_EVENT_SCHEMA_VERSIONS, BALLOT_EVENT_SCHEMA_VERSIONS, STUDY_EVENT_SCHEMA_VERSIONS].flatMap(
    (versions) => Object.keys(versions),
  );

  it('declares every event type the domain can write, and nothing else', () => {
    expect(CATALOGUE.map((e) => e.type).sort()).toEqual([...new Set(domainTypes)].sort());
  });

  it('has no coercive type', () => {
    for (const entry of CATALOGUE) for (const word of COERCIVE_WORDS) expect(`${entry.type} ${entry.about}`.toLowerCase()).not.toContain(word);
  });
});
