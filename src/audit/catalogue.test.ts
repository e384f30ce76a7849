import { describe, expect, it } from 'vitest';
import { BALLOT_EVENT_SCHEMA_VERSIONS } from '../domain/ballot/ballot.js';
import { BOARD_EVENT_SCHEMA_VERSIONS, BOARD_PERSONAL_FIELDS } from '../domain/board/board.js';
import { BUDGET_EVENT_SCHEMA_VERSIONS } from '../domain/budget/budget.js';
import { CALENDAR_EVENT_SCHEMA_VERSIONS } from '../domain/calendar/calendar.js';
import { CENTRE_EVENT_SCHEMA_VERSIONS } from '../domain/centre/centre.js';
import { JOURNEY_EVENT_SCHEMA_VERSIONS } from '../domain/journey/journey.js';
import { STUDY_EVENT_SCHEMA_VERSIONS } from '../domain/study/study.js';
import { PARTNER_EVENT_SCHEMA_VERSIONS, PARTNER_PERSONAL_FIELDS } from '../domain/partner/partner.js';
import { AGREEMENT_EVENT_SCHEMA_VERSIONS, AGREEMENT_PERSONAL_FIELDS } from '../domain/agreement/agreement.js';
import { CATALOGUE_EVENT_SCHEMA_VERSIONS } from '../domain/catalogue/catalogue.js';
import { ACTIVITY_EVENT_SCHEMA_VERSIONS } from '../domain/activity/activity.js';
import { GROUP_EVENT_SCHEMA_VERSIONS, GROUP_PERSONAL_FIELDS } from '../domain/group/group.js';
import { VENTURE_EVENT_SCHEMA_VERSIONS, VENTURE_PERSONAL_FIELDS } from '../domain/venture/venture.js';
import { IDEA_EVENT_SCHEMA_VERSIONS, IDEA_PERSONAL_FIELDS } from '../domain/idea/idea.js';
import { PERSONAL_FIELDS } from '../domain/journey/journey.js';
import { CATALOGUE, COERCIVE_WORDS } from './catalogue.js';

describe('the declared catalogue of event types', () => {
  const domainTypes = [
    CENTRE_EVENT_SCHEMA_VERSIONS,
    JOURNEY_EVENT_SCHEMA_VERSIONS,
    CALENDAR_EVENT_SCHEMA_VERSIONS,
    BOARD_EVENT_SCHEMA_VERSIONS,
    BUDGET_EVENT_SCHEMA_VERSIONS,
    BALLOT_EVENT_SCHEMA_VERSIONS,
    STUDY_EVENT_SCHEMA_VERSIONS,
    PARTNER_EVENT_SCHEMA_VERSIONS,
    AGREEMENT_EVENT_SCHEMA_VERSIONS,
    CATALOGUE_EVENT_SCHEMA_VERSIONS,
    ACTIVITY_EVENT_SCHEMA_VERSIONS,
    GROUP_EVENT_SCHEMA_VERSIONS,
    VENTURE_EVENT_SCHEMA_VERSIONS,
    IDEA_EVENT_SCHEMA_VERSIONS,
  ].flatMap((versions) => Object.keys(versions));

  it('declares every event type the domain can write, and nothing else', () => {
    expect(CATALOGUE.map((e) => e.type).sort()).toEqual([...new Set(domainTypes)].sort());
  });

  it('declares sealed every field a decider seals as personal data, so the verifier finds one left in the clear', () => {
    const personal = [PERSONAL_FIELDS, PARTNER_PERSONAL_FIELDS, AGREEMENT_PERSONAL_FIELDS, GROUP_PERSONAL_FIELDS, VENTURE_PERSONAL_FIELDS, BOARD_PERSONAL_FIELDS, IDEA_PERSONAL_FIELDS] as Record<string, readonly string[]>[];
    let fields = 0;
    for (const byType of personal) {
      for (const [type, names] of Object.entries(byType)) {
        const entry = CATALOGUE.find((e) => e.type === type);
        for (const name of names) {
          fields++;
          expect(entry?.fields[name], `${type}.${name}`).toBe('sealed');
        }
      }
    }
    expect(fields).toBeGreaterThan(20);
  });

  it('has no coercive type', () => {
    for (const entry of CATALOGUE) for (const word of COERCIVE_WORDS) expect(`${entry.type} ${entry.about}`.toLowerCase()).not.toContain(word);
  });
});
