import { describe, expect, it } from 'vitest';
import { CHANNELS, FIRST_CONTACTS } from '../domain/journey/journey.js';
import { ROLES } from '../domain/shared/principal.js';
import { CHANNEL_LABELS, FIRST_CONTACT_LABELS, formatClock, formatDay, formatKroner, formatMoment, langOf, ROLE_LABELS, say } from './i18n.js';

describe('the language of a request', () => {
  it('is the cookie first', () => {
    expect(langOf({ cookie: 'en', acceptLanguage: 'da' })).toBe('en');
    expect(langOf({ cookie: 'da', acceptLanguage: 'en-GB' })).toBe('da');
  });
  it('is then the first of Danish or English the browser prefers, by q-value', () => {
    expect(langOf({ acceptLanguage: 'en-GB,en;q=0.9' })).toBe('en');
    expect(langOf({ acceptLanguage: 'de-DE, en;q=0.5, da;q=0.8' })).toBe('da');
    expect(langOf({ acceptLanguage: 'fr, en;q=0' })).toBe('da');
    expect(langOf({ acceptLanguage: 'sv, EN-us;q=0.7' })).toBe('en');
  });
  it('is Danish otherwise, and for a cookie that names no language of ours', () => {
    expect(langOf({})).toBe('da');
    expect(langOf({ cookie: 'de', acceptLanguage: 'de' })).toBe('da');
  });
});

describe('times in Europe/Copenhagen', () => {
  it('writes a winter moment in words (UTC+1)', () => {
    const moment = '2027-01-05T09:00:00Z';
    expect(formatMoment('da', moment)).toBe('tirsdag 5. januar kl. 10.00');
    expect(formatMoment('en', moment)).toBe('Tuesday 5 January at 10:00');
  });
  it('follows the change to summer time (UTC+2 from 02:00 on the last Sunday of March)', () => {
    // 28 March 2027: 00:59 UTC is 01:59 winter time; 01:00 UTC is 03:00 summer time.
    expect(formatMoment('da', '2027-03-28T00:59:00Z')).toBe('søndag 28. marts kl. 01.59');
    expect(formatMoment('da', '2027-03-28T01:00:00Z')).toBe('søndag 28. marts kl. 03.00');
    expect(formatMoment('en', '2027-07-01T19:30:00Z')).toBe('Thursday 1 July at 21:30');
  });
  it('follows the change back (the last Sunday of October), and the day turns at local midnight', () => {
    expect(formatMoment('da', '2027-10-31T00:30:00Z')).toBe('søndag 31. oktober kl. 02.30');
    expect(formatMoment('da', '2027-10-31T01:30:00Z')).toBe('søndag 31. oktober kl. 02.30');
    expect(formatMoment('da', '2027-12-31T23:30:00Z')).toBe('lørdag 1. januar kl. 00.30');
  });
  it('writes a day, from a calendar date or from a moment in Danish time', () => {
    expect(formatDay('da', '2027-01-05')).toBe('5. januar 2027');
    expect(formatDay('en', '2027-01-05')).toBe('5 January 2027');
    expect(formatDay('da', new Date('2027-06-30T22:30:00Z'))).toBe('1. juli 2027');
  });
  it('writes a clock time as each language does', () => {
    expect(formatClock('da', '07:00')).toBe('07.00');
    expect(formatClock('en', '21:00')).toBe('21:00');
  });
});

describe('money', () => {
  it('is kroner with Danish separators in Danish, from integer øre', () => {
    expect(formatKroner('da', 123450)).toBe('1.234,50 kr.');
    expect(formatKroner('da', 5)).toBe('0,05 kr.');
    expect(formatKroner('da', 1_250_000_000_00)).toBe('1.250.000.000,00 kr.');
    expect(formatKroner('da', -9900)).toBe('-99,00 kr.');
  });
  it('is DKK with English separators in English', () => {
    expect(formatKroner('en', 123450)).toBe('DKK 1,234.50');
    expect(formatKroner('en', 12_000_000_000_000n)).toBe('DKK 120,000,000,000.00');
  });
});

describe('labels', () => {
  it('name every channel, first contact and role in both languages, and never by its code', () => {
    const check = (code: string, label: { da: string; en: string }) => {
      expect(label.da.length).toBeGreaterThan(0);
      expect(label.en.length).toBeGreaterThan(0);
      if (code.includes('_')) expect([label.da, label.en]).not.toContain(code);
    };
    for (const code of CHANNELS) check(code, CHANNEL_LABELS[code]);
    for (const code of FIRST_CONTACTS) check(code, FIRST_CONTACT_LABELS[code]);
    for (const code of ROLES) check(code, ROLE_LABELS[code]);
  });
  it('fill placeholders', () => {
    expect(say('da', { da: 'Hej {name}', en: 'Hi {name}' }, { name: 'Kim' })).toBe('Hej Kim');
    expect(say('en', { da: 'Hej {name}', en: 'Hi {name}' }, {})).toBe('Hi {name}');
  });
});
