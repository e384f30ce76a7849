import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaselineInvalid, type BaselineProblem, describeProblem, parseBaseline, readBaseline } from './baseline.js';

const HEADER = 'indicator,municipality,period,value,source,definition';
const GOOD = 'contacts_per_citizen,101,2024-Q1,2.4,"Jobindsats.dk, table X, read 2025-03-01",contacts per citizen in the quarter';
const shipped = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../../data/baseline', name));

/** The problems a file is refused with, as the person who prepared it reads them. */
function refusal(text: string): string[] {
  const reading = readBaseline(text);
  if (reading.status === 'valid') throw new Error('expected the file to be refused');
  return reading.problems.map(describeProblem);
}

const file = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

describe('the shipped files', () => {
  it('reads the template to zero rows', () => {
    expect(parseBaseline(shipped('template.csv'))).toEqual({ rows: [] });
  });

  it('reads the synthetic example, every row marked synthetic', () => {
    const { rows } = parseBaseline(shipped('synthetic-example.csv'));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.every((r) => r.synthetic && r.source === 'SYNTHETIC – made up for the demo, not a real figure')).toBe(true);
    expect(new Set(rows.map((r) => r.municipality)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.indicator)).size).toBe(2);
  });
});

describe('a valid row', () => {
  it('is read with its parts', () => {
    const { rows } = parseBaseline(file(GOOD, 'offer_uptake_rate,national,2024-03,0.35,https://example.org/t,uptake', 'repeat_use,0461,2023,12,SYNTHETIC test,repeat'));
    expect(rows).toEqual([
      {
        line: 2,
        indicator: 'contacts_per_citizen',
        municipality: '101',
        period: { kind: 'quarter', year: 2024, quarter: 1, text: '2024-Q1' },
        value: 2.4,
        source: 'Jobindsats.dk, table X, read 2025-03-01',
        definition: 'contacts per citizen in the quarter',
        synthetic: false,
      },
      expect.objectContaining({ line: 3, municipality: 'national', period: { kind: 'month', year: 2024, month: 3, text: '2024-03' }, value: 0.35, synthetic: false }),
      expect.objectContaining({ line: 4, municipality: '461', period: { kind: 'year', year: 2023, text: '2023' }, value: 12, synthetic: true }),
    ]);
  });
});

describe('the encoding and quoting', () => {
  it('accepts a byte-order mark, as text and as bytes', () => {
    const text = `\uFEFF${file(GOOD)}`;
    expect(parseBaseline(text).rows).toHaveLength(1);
    expect(parseBaseline(new TextEncoder().encode(text)).rows).toHaveLength(1);
  });

  it('accepts LF line ends and no final line end', () => {
    expect(parseBaseline(`${HEADER}\n${GOOD}`).rows).toHaveLength(1);
  });

  it('reads commas, doubled quotes and line breaks inside quoted fields, and counts lines from where a row starts', () => {
    const { rows } = parseBaseline(file('repeat_use,101,2024,1,"A, B","says ""again""\r\nover two lines"', 'cost_per_citizen,101,2024,5,S,d'));
    expect(rows[0]).toMatchObject({ line: 2, source: 'A, B', definition: 'says "again"\r\nover two lines' });
    expect(rows[1]).toMatchObject({ line: 4 });
  });

  it('refuses bytes that are not UTF-8', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`${HEADER}\n`), 0xff, 0xfe, 0x41]);
    const reading = readBaseline(bytes);
    expect(reading.status === 'invalid' && reading.problems.map(describeProblem)).toEqual(['line 1: the file is not valid UTF-8; save it as UTF-8 (CSV UTF-8 in Excel)']);
  });

  it('refuses a quoted field that is never closed, naming the line it opened on', () => {
    expect(refusal(file(GOOD, 'repeat_use,101,2024,1,"unclosed,d'))).toEqual(['line 3: a quoted field (field 5) opened here is never closed']);
  });

  it('refuses a stray quote in an unquoted field and text after a closing quote', () => {
    expect(refusal(file('repeat_use,101,2024,1,say "hi",d', 'repeat_use,101,2023,1,"S"x,d'))).toEqual([
      'line 2: field 5 has a quote inside an unquoted field; quote the whole field and write "" for a quote inside it',
      'line 3: field 5 has text after its closing quote; quote the whole field and write "" for a quote inside it',
    ]);
  });
});

describe('the header', () => {
  it('must be exactly the six columns in order', () => {
    expect(refusal('indicator,period,municipality,value,source,definition\n')).toEqual([
      'line 1: the header must be exactly indicator,municipality,period,value,source,definition, but it is “indicator,period,municipality,value,source,definition”',
    ]);
    expect(refusal('')).toEqual(['line 1: the file is empty; it must begin with the header indicator,municipality,period,value,source,definition']);
  });
});

describe('a bad row is refused, naming its line and column', () => {
  const cases: [string, string, string][] = [
    ['an unknown indicator', 'jobs_found,101,2024,1,S,d', 'line 3, column indicator: “jobs_found” is not an indicator; use one of '],
    ['a missing indicator', ',101,2024,1,S,d', 'line 3, column indicator: an indicator is required'],
    ['an unknown municipality', 'repeat_use,999,2024,1,S,d', 'line 3, column municipality: “999” is not a municipality code'],
    ['a municipality by name', 'repeat_use,København,2024,1,S,d', 'line 3, column municipality: “København” is not a municipality code'],
    ['a missing municipality', 'repeat_use,,2024,1,S,d', 'line 3, column municipality: a municipality is required'],
    ['a quarter out of range', 'repeat_use,101,2024-Q5,1,S,d', 'line 3, column period: “2024-Q5” is not a period'],
    ['a month out of range', 'repeat_use,101,2024-13,1,S,d', 'line 3, column period: “2024-13” is not a period'],
    ['a short month', 'repeat_use,101,2024-5,1,S,d', 'line 3, column period: “2024-5” is not a period'],
    ['a date', 'repeat_use,101,2024-05-01,1,S,d', 'line 3, column period: “2024-05-01” is not a period'],
    ['a missing period', 'repeat_use,101,,1,S,d', 'line 3, column period: a period is required'],
    ['a decimal comma', 'repeat_use,101,2024,"0,35",S,d', 'line 3, column value: “0,35” is not a number with a dot as the decimal separator'],
    ['a percentage', 'repeat_use,101,2024,35%,S,d', 'line 3, column value: “35%” is not a number'],
    ['an exponent', 'repeat_use,101,2024,1e3,S,d', 'line 3, column value: “1e3” is not a number'],
    ['a missing value', 'repeat_use,101,2024,,S,d', 'line 3, column value: a value is required'],
    ['a missing source', 'repeat_use,101,2024,1,,d', 'line 3, column source: a source is required'],
    ['a blank source', 'repeat_use,101,2024,1,"   ",d', 'line 3, column source: a source is required'],
    ['a missing definition', 'repeat_use,101,2024,1,S,', 'line 3, column definition: a definition is required'],
    ['too few fields', 'repeat_use,101,2024,1,S', 'line 3: expected 6 fields (indicator, municipality, period, value, source, definition), found 5'],
    ['too many fields', 'repeat_use,101,2024,1,S,d,extra', 'line 3: expected 6 fields (indicator, municipality, period, value, source, definition), found 7'],
  ];
  it.each(cases)('%s', (_, row, message) => {
    const problems = refusal(file(GOOD, row));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('reports every fault of a row, and of every row, at once', () => {
    expect(refusal(file('nope,999,2024,1,S,d', GOOD, 'repeat_use,101,2024,x,,d'))).toEqual([
      expect.stringMatching(/^line 2, column indicator: /),
      expect.stringMatching(/^line 2, column municipality: /),
      expect.stringMatching(/^line 4, column value: /),
      expect.stringMatching(/^line 4, column source: /),
    ]);
  });
});

describe('duplicates', () => {
  it('refuses the same indicator, municipality and period twice, naming both lines', () => {
    expect(refusal(file(GOOD, 'repeat_use,101,2024,1,S,d', 'contacts_per_citizen,0101,2024-Q1,3,Other source,other'))).toEqual([
      'line 4: contacts_per_citizen for 101 in 2024-Q1 is already given on line 2; each indicator, municipality and period may appear once',
    ]);
  });

  it('accepts the same figure for another period, municipality or indicator', () => {
    expect(parseBaseline(file(GOOD, 'contacts_per_citizen,101,2024-Q2,1,S,d', 'contacts_per_citizen,461,2024-Q1,1,S,d', 'repeat_use,101,2024-Q1,1,S,d')).rows).toHaveLength(4);
  });
});

describe('parseBaseline', () => {
  it('throws BaselineInvalid with every problem, its message naming line and column', () => {
    let caught: unknown;
    try {
      parseBaseline(file('repeat_use,101,2024-5,1,S,d'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BaselineInvalid);
    const error = caught as BaselineInvalid;
    expect(error.code).toBe('baseline_invalid');
    expect(error.problems).toEqual<BaselineProblem[]>([{ line: 2, column: 'period', message: expect.stringContaining('“2024-5” is not a period') as unknown as string }]);
    expect(error.message).toContain('line 2, column period: “2024-5” is not a period');
  });
});
