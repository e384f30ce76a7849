import { describe, expect, it } from 'vitest';
import { barChart, formatNumber, niceStep, SERIES_COLOURS, unitFor } from './chart.js';

const chart = (overrides: Partial<Parameters<typeof barChart>[0]> = {}) =>
  String(
    barChart({
      lang: 'da',
      id: 'c1',
      title: 'Budget 2027',
      description: 'Budget og forbrug for hver linje.',
      categoryAxis: 'Budgetlinje',
      categories: ['Løn til vejledere', 'Drift'],
      series: [
        { label: 'Budget 2027', values: [120_000_000, 30_000_000] },
        { label: 'Forbrug', values: [9_000_000, null] },
      ],
      ...overrides,
    }),
  );

/** Relative luminance and contrast ratio as WCAG 2.1 defines them. */
function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (l + 0.05);
}

const bars = (svg: string) => [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="(\d+)" height="([\d.]+)" fill="(#[0-9a-f]{6})"><\/rect>/g)].filter((m) => m[3] !== '14' && m[5] !== '#ffffff');

describe('barChart', () => {
  it('is an image named by its title and described by its desc', () => {
    const svg = chart();
    expect(svg).toMatch(/<svg [^>]*role="img" aria-labelledby="c1-title c1-desc"/);
    expect(svg).toContain('<title id="c1-title">Budget 2027</title>');
    expect(svg).toContain('<desc id="c1-desc">Budget og forbrug for hver linje.</desc>');
    // No style attribute or element: the pages' CSP forbids inline styles.
    expect(svg).not.toMatch(/style[=>]/);
  });

  it('has a legend naming every series in its colour, and the axis names with the unit', () => {
    const svg = chart();
    expect(svg).toMatch(new RegExp(`fill="${SERIES_COLOURS[0]}"></rect>\\s*<text[^>]*>Budget 2027</text>`));
    expect(svg).toMatch(new RegExp(`fill="${SERIES_COLOURS[1]}"></rect>\\s*<text[^>]*>Forbrug</text>`));
    expect(svg).toContain('>Beløb i t. kr.</text>');
    expect(svg).toContain('>Budgetlinje</text>');
    // Ticks in the unit with Danish separators: 0 to 1.200 t. kr. in steps of 200.
    for (const tick of ['0', '200', '400', '1.000', '1.200']) expect(svg).toMatch(new RegExp(`text-anchor="end"[^>]*>${tick.replace('.', '\\.')}</text>`));
    expect(String(barChart({ lang: 'en', id: 'e', title: 't', description: 'd', categoryAxis: 'Line', categories: ['a'], series: [{ label: 'Budget', values: [1_234_567_800] }] }))).toContain(
      '>Amount in DKK thousand</text>',
    );
  });

  it('draws bars in proportion to the amounts, and leaves out missing values', () => {
    const found = bars(chart());
    // Three values: the missing one has no bar.
    expect(found).toHaveLength(3);
    const [salaries, operating, spent] = [found[0]!, found[2]!, found[1]!];
    const height = (m: RegExpMatchArray) => Number(m[4]);
    expect(height(salaries) / height(operating)).toBeCloseTo(4, 1);
    expect(height(salaries) / height(spent)).toBeCloseTo(120 / 9, 0);
    // Every bar stands on the zero line.
    const bottoms = found.map((m) => Number(m[2]) + Number(m[4]));
    expect(new Set(bottoms.map((b) => b.toFixed(0))).size).toBe(1);
  });

  it('draws a negative amount below the zero line', () => {
    const svg = chart({ categories: ['Indtægt', 'Løn'], series: [{ label: 'Budget', values: [-5_000_000, 10_000_000] }] });
    const [income, salaries] = bars(svg);
    expect(Number(income![2])).toBeCloseTo(Number(salaries![2]) + Number(salaries![4]), 0);
    expect(svg).toMatch(/text-anchor="end"[^>]*>-50<\/text>/);
  });

  it('gives the same numbers as a table, in kroner, with a dash for a missing value', () => {
    const svg = chart();
    expect(svg).toContain('<caption>Budget 2027</caption>');
    expect(svg).toContain('<th scope="row">Løn til vejledere</th><td class="align-text-right">1.200.000,00\u00a0kr.</td><td class="align-text-right">90.000,00\u00a0kr.</td>');
    expect(svg).toContain('<th scope="row">Drift</th><td class="align-text-right">300.000,00\u00a0kr.</td><td class="align-text-right">–</td>');
    expect(svg).toContain('<summary class="details-summary">Se tallene i grafen som tabel</summary>');
  });

  it('escapes the labels it is given', () => {
    const svg = chart({ categories: ['<script>x</script>'], series: [{ label: '"><b>', values: [1] }] });
    expect(svg).not.toContain('<script>x');
    expect(svg).not.toContain('"><b>');
  });

  it('says so when there is nothing to draw', () => {
    expect(chart({ categories: [] })).toBe('<p>Der er ingen tal at vise endnu.</p>');
  });

  it('uses colours with at least 3:1 contrast against white', () => {
    for (const colour of SERIES_COLOURS) expect(contrastWithWhite(colour), colour).toBeGreaterThanOrEqual(3);
  });
});

describe('the axis', () => {
  it('picks a unit a person reads', () => {
    expect(unitFor(500_00).name.da).toBe('kr.');
    expect(unitFor(1_200_000_00).name.da).toBe('t. kr.');
    expect(unitFor(12_000_000_000_00).name.en).toBe('DKK million');
    expect(unitFor(12_000_000_000_000_00).name.da).toBe('mia. kr.');
  });

  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(1200)).toBe(200);
    expect(niceStep(13)).toBe(2);
    expect(niceStep(40)).toBe(10);
    expect(niceStep(0.9)).toBe(0.2);
    expect(niceStep(0)).toBe(1);
  });

  it('writes numbers with the language’s separators', () => {
    expect(formatNumber('da', 1234567.5, 1)).toBe('1.234.567,5');
    expect(formatNumber('en', 1234567.5, 1)).toBe('1,234,567.5');
    expect(formatNumber('da', -0.0001, 0)).toBe('0');
  });
});
