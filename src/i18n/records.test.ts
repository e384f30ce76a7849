import { describe, expect, it } from 'vitest';
import { JOURNEY_EVENT_SCHEMA_VERSIONS } from '../domain/journey/journey.js';
import { ERASED_WORD, recordText } from './records.js';

const ISO = /\d{4}-\d{2}-\d{2}T/;

describe('record texts in both languages', () => {
  it('every journey event has its own sentence in Danish and in English', () => {
    for (const type of Object.keys(JOURNEY_EVENT_SCHEMA_VERSIONS)) {
      const da = recordText('da', type, {});
      const en = recordText('en', type, {});
      expect(da, type).not.toBe(type);
      expect(en, type).not.toBe(type);
      expect(en, type).not.toBe(da);
    }
  });

  it('a booked conversation reads in Copenhagen time and with the channel’s words, never an ISO string or a code', () => {
    const data = { start: '2027-01-05T09:00:00.000Z', channel: 'in_person_centre' };
    expect(recordText('da', 'SessionBooked', data)).toBe('Samtale booket: tirsdag 5. januar kl. 10.00 (fremmøde på centret).');
    expect(recordText('en', 'SessionBooked', data)).toBe('Conversation booked: Tuesday 5 January at 10:00 (in person at the centre).');
    for (const lang of ['da', 'en'] as const) expect(recordText(lang, 'SessionTimeProposed', data)).not.toMatch(ISO);
  });

  it('offers and outcomes by their labels; the citizen’s own words as they are', () => {
    // Everything the counsellor recorded of a conversation is the citizen's to read: topics and information given too.
    const held = { durationMinutes: 45, topics: ['job_search', 'own_business', 'Kørekort'], informationGiven: 'Om rugekassen', notes: 'Vil starte bageri', nextSteps: 'Ringer i næste uge' };
    expect(recordText('da', 'SessionHeld', held)).toBe('Samtale holdt (45 min.). Emner: jobsøgning, egen virksomhed, Kørekort. Information, du fik: Om rugekassen Noter: Vil starte bageri Næste skridt: Ringer i næste uge');
    expect(recordText('en', 'SessionHeld', held)).toBe('Conversation held (45 min). Topics: job search, own business, Kørekort. Information you were given: Om rugekassen Notes: Vil starte bageri Next steps: Ringer i næste uge');
    expect(recordText('da', 'OfferMade', { offer: { source: 'centre', kind: 'internship' }, information: 'Hos bageren' })).toBe('Du fik tilbuddet praktik: Hos bageren');
    expect(recordText('en', 'OutcomeRecorded', { kind: 'business', note: 'Mit bageri' })).toBe('Outcome: own business – Mit bageri');
    expect(recordText('en', 'GoalStated', { text: ERASED_WORD.en })).toBe('Goal: (erased)');
  });

  it('a type the journey does not know is shown as itself', () => {
    expect(recordText('da', 'SomethingWrittenAroundTheApp', {})).toBe('SomethingWrittenAroundTheApp');
  });
});
