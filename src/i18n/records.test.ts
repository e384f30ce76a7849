import { describe, expect, it } from 'vitest';
import { JOURNEY_EVENT_SCHEMA_VERSIONS } from '../domain/journey/journey.js';
import { ERASED_WORD, recordText, WHO5_WORDING, who5Statement } from './records.js';

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

  it('the citizen’s own WHO-5 answers read as the instrument words them, with the raw and the percentage score', () => {
    const data = { answerId: 'a-1', scores: [5, 4, 3, 0, 1], at: '2027-01-05T09:00:00.000Z' };
    expect(recordText('da', 'WellBeingAnswered', data)).toBe(
      'Du besvarede selv WHO-5 Trivselsindeks: 13 af 25 point (52 %). I de sidste 2 uger … har jeg været glad og i godt humør: Hele tiden; I de sidste 2 uger … har jeg følt mig rolig og afslappet: Det meste af tiden; I de sidste 2 uger … har jeg følt mig aktiv og energisk: Lidt mere end halvdelen af tiden; I de sidste 2 uger … er jeg vågnet frisk og udhvilet: På intet tidspunkt; I de sidste 2 uger … har min dagligdag været fyldt med ting der interesserer mig: Lidt af tiden.',
    );
    expect(recordText('en', 'WellBeingAnswered', data)).toBe(
      'You answered the WHO-5 Well-Being Index yourself: 13 of 25 points (52%). Over the last two weeks … I have felt cheerful and in good spirits: All of the time; Over the last two weeks … I have felt calm and relaxed: Most of the time; Over the last two weeks … I have felt active and vigorous: More than half of the time; Over the last two weeks … I woke up feeling fresh and rested: At no time; Over the last two weeks … My daily life has been filled with things that interest me: Some of the time.',
    );
    // Erased: the scores open as the erased word, and no score is made up.
    expect(recordText('da', 'WellBeingAnswered', { ...data, scores: ERASED_WORD.da })).toBe('Du besvarede selv WHO-5 Trivselsindeks: (slettet)');
  });

  it('the WHO-5 wording is the official one, unchanged: the stems, the five statements, the six answers', () => {
    expect(who5Statement('da', 'cheerful')).toBe('I de sidste 2 uger … har jeg været glad og i godt humør');
    expect(who5Statement('en', 'interested')).toBe('Over the last two weeks … My daily life has been filled with things that interest me');
    expect([5, 4, 3, 2, 1, 0].map((n) => WHO5_WORDING.answers[n as 0].da)).toEqual(['Hele tiden', 'Det meste af tiden', 'Lidt mere end halvdelen af tiden', 'Lidt mindre end halvdelen af tiden', 'Lidt af tiden', 'På intet tidspunkt']);
    expect([5, 4, 3, 2, 1, 0].map((n) => WHO5_WORDING.answers[n as 0].en)).toEqual(['All of the time', 'Most of the time', 'More than half of the time', 'Less than half of the time', 'Some of the time', 'At no time']);
  });

  it('a type the journey does not know is shown as itself', () => {
    expect(recordText('da', 'SomethingWrittenAroundTheApp', {})).toBe('SomethingWrittenAroundTheApp');
  });
});
