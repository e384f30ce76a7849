/**
 * Charts for people: a grouped bar chart as SVG, rendered on the server into the page (no script,
 * no style attribute, so the pages' CSP holds), with a legend, a value axis with its unit, the
 * categories along the other axis, and the same numbers as a table for those who do not see it.
 *
 * Accessible as WCAG 2.1 AA asks of a picture that carries information: `role="img"` named by
 * its `<title>` and described by its `<desc>` (what it shows, in words); every series colour has
 * at least 3:1 contrast against the white background (1.4.11), bars are parted by white gaps,
 * and the table alternative holds every value shown.
 *
 * Amounts come in øre (integers, as the house keeps money) and are drawn in kroner, scaled to a
 * unit a person reads on the axis (kr., t. kr., mio. kr., mia. kr.).
 */
import { html, type Html, type Interpolation, raw } from './html.js';
import { formatKroner, type Lang, type Message, say } from './i18n.js';

export interface ChartSeries {
  label: string;
  /** Øre per category; null where the series has no value for it. */
  values: readonly (number | null)[];
}

export interface BarChartOptions {
  lang: Lang;
  /** Unique on the page: the ids of the title, the description and the table derive from it. */
  id: string;
  /** The chart's name: the SVG's `<title>` and the table's caption. */
  title: string;
  /** What the chart shows, in a sentence or two, for the SVG's `<desc>`. */
  description: string;
  /** The name of the category axis (e.g. "Budgetlinje"). */
  categoryAxis: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
}

/** Series colours, in order: each at least 3:1 against white, and distinct from its neighbours. */
export const SERIES_COLOURS = ['#0059b3', '#b34700', '#2e7d32', '#7b1fa2', '#4d4d4d', '#b0003a'] as const;
const TEXT = '#1a1a1a';
const AXIS = '#595959';
const GRID = '#d9d9d9';
const FONT = 'IBM Plex Sans, Arial, sans-serif';

const T = {
  amountIn: { da: 'Beløb i {unit}', en: 'Amount in {unit}' },
  tableSummary: { da: 'Se tallene i grafen som tabel', en: 'See the numbers in the chart as a table' },
  none: { da: 'Der er ingen tal at vise endnu.', en: 'There are no numbers to show yet.' },
} satisfies Record<string, Message>;

/** The units an axis may be drawn in: kroner per unit, and its name in each language. */
const UNITS: readonly { kroner: number; name: Message }[] = [
  { kroner: 1, name: { da: 'kr.', en: 'DKK' } },
  { kroner: 1_000, name: { da: 't. kr.', en: 'DKK thousand' } },
  { kroner: 1_000_000, name: { da: 'mio. kr.', en: 'DKK million' } },
  { kroner: 1_000_000_000, name: { da: 'mia. kr.', en: 'DKK billion' } },
];

/** The unit the largest amount reads best in: the smallest in which it is below 100,000, so tick labels stay short. */
export function unitFor(maxAbsOre: number): (typeof UNITS)[number] {
  const kroner = maxAbsOre / 100;
  return UNITS.find((u) => kroner / u.kroner < 100_000) ?? UNITS[UNITS.length - 1]!;
}

/** A tick step of 1, 2 or 5 times a power of ten, giving about `count` steps over `range`. */
export function niceStep(range: number, count = 5): number {
  if (!(range > 0)) return 1;
  const rough = range / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  return (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * power;
}

/** A number as the language writes it ("1.234,5" / "1,234.5"), with a fixed count of decimals. */
export function formatNumber(lang: Lang, value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'da' ? '.' : ',');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${fraction ? (lang === 'da' ? ',' : '.') + fraction : ''}`;
}

/** At most `max` characters, with an ellipsis when cut. */
const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** A category label over at most two lines of about 16 characters. */
function labelLines(text: string): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && `${current} ${word}`.length > 16) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  if (lines.length <= 2) return lines.map((l) => cut(l, 18));
  return [cut(lines[0]!, 18), cut(lines.slice(1).join(' '), 18)];
}

const n = (value: number) => (Math.round(value * 10) / 10).toString();

/**
 * A grouped bar chart: one group per category, one bar per series, and the table alternative
 * beneath it (in a DKFDS details element). Without categories, a sentence saying so.
 */
export function barChart(o: BarChartOptions): Html {
  const { lang } = o;
  if (o.categories.length === 0 || o.series.length === 0) return html`<p>${say(lang, T.none)}</p>`;
  const values = o.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const maxOre = Math.max(0, ...values);
  const minOre = Math.min(0, ...values);
  const unit = unitFor(Math.max(Math.abs(maxOre), Math.abs(minOre)));
  const inUnit = (ore: number) => ore / 100 / unit.kroner;
  const step = niceStep(inUnit(maxOre) - inUnit(minOre) || 1);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const top = Math.max(step, Math.ceil(inUnit(maxOre) / step - 1e-9) * step);
  const bottom = Math.min(0, Math.floor(inUnit(minOre) / step + 1e-9) * step);
  const ticks: number[] = [];
  for (let v = bottom; v <= top + step / 2; v += step) ticks.push(Math.round(v / step) * step);

  // Geometry: a legend row on top, the plot, the category labels and the axis name below.
  const barWidth = o.series.length > 3 ? 16 : 24;
  const barGap = 2;
  const groupGap = 28;
  // Wide enough for the bars and for a category's label (two lines of about 18 characters).
  const groupWidth = Math.max(o.series.length * (barWidth + barGap) - barGap + groupGap, 140);
  const left = 88;
  const right = 16;
  const legendItems = o.series.map((s) => ({ label: cut(s.label, 48), width: 26 + cut(s.label, 48).length * 7.2 }));
  const plotWidth = Math.max(o.categories.length * groupWidth, 480);
  const width = left + plotWidth + right;
  const legendRows: { label: string; x: number; colour: string }[][] = [[]];
  let x = left;
  legendItems.forEach((item, i) => {
    if (x + item.width > width - right && legendRows.at(-1)!.length > 0) {
      legendRows.push([]);
      x = left;
    }
    legendRows.at(-1)!.push({ label: item.label, x, colour: SERIES_COLOURS[i % SERIES_COLOURS.length]! });
    x += item.width + 16;
  });
  const legendHeight = legendRows.length * 22;
  const unitLine = 18;
  const plotTop = 12 + legendHeight + unitLine + 12;
  const plotHeight = 260;
  const plotBottom = plotTop + plotHeight;
  const height = plotBottom + 16 + 2 * 16 + 28;
  const y = (v: number) => plotTop + (plotHeight * (top - v)) / (top - bottom);
  const zero = y(0);

  const titleId = `${o.id}-title`;
  const descId = `${o.id}-desc`;
  const text = (attrs: string, content: Interpolation) => html`<text ${raw(attrs)} font-family="${FONT}" fill="${TEXT}">${content}</text>`;
  const legend = legendRows.flatMap((row, r) =>
    row.map(
      (item) => html`<rect x="${n(item.x)}" y="${n(12 + r * 22)}" width="14" height="14" fill="${item.colour}"></rect>
${text(`x="${n(item.x + 20)}" y="${n(12 + r * 22 + 12)}" font-size="13"`, item.label)}`,
    ),
  );
  const grid = ticks.map(
    (v) => html`<line x1="${left}" x2="${n(left + plotWidth)}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="${v === 0 ? AXIS : GRID}" stroke-width="1"></line>
${text(`x="${left - 8}" y="${n(y(v) + 4)}" font-size="12" text-anchor="end"`, formatNumber(lang, v, decimals))}`,
  );
  const groups = o.categories.map((category, c) => {
    const barsWidth = o.series.length * (barWidth + barGap) - barGap;
    const groupLeft = left + c * groupWidth + (groupWidth - barsWidth) / 2;
    const bars = o.series.map((s, i) => {
      const value = s.values[c];
      if (value === null || value === undefined) return null;
      const top = Math.min(y(inUnit(value)), zero);
      const h = Math.abs(y(inUnit(value)) - zero);
      return html`<rect x="${n(groupLeft + i * (barWidth + barGap))}" y="${n(top)}" width="${barWidth}" height="${n(Math.max(h, value === 0 ? 0 : 1))}" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]!}"></rect>`;
    });
    const centre = left + c * groupWidth + groupWidth / 2;
    const lines = labelLines(category).map((line, l) => html`<tspan x="${n(centre)}" dy="${l === 0 ? 0 : 16}">${line}</tspan>`);
    return html`<g>${bars}
${text(`x="${n(centre)}" y="${n(plotBottom + 20)}" font-size="12" text-anchor="middle"`, lines)}</g>`;
  });
  const unitName = say(lang, unit.name);
  const svg = html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-labelledby="${titleId} ${descId}" id="${o.id}" data-unit="${unitName}">
<title id="${titleId}">${o.title}</title>
<desc id="${descId}">${o.description}</desc>
<rect x="0" y="0" width="${n(width)}" height="${n(height)}" fill="#ffffff"></rect>
${legend}
${grid}
<line x1="${left}" x2="${left}" y1="${n(plotTop)}" y2="${n(plotBottom)}" stroke="${AXIS}" stroke-width="1"></line>
${groups}
${text(`x="${n(left + plotWidth / 2)}" y="${n(height - 8)}" font-size="13" text-anchor="middle"`, o.categoryAxis)}
${text(`x="8" y="${n(12 + legendHeight + unitLine)}" font-size="12"`, say(lang, T.amountIn, { unit: unitName }))}
</svg>`;
  // At its own size, in a container that scrolls sideways on a narrow screen (as DKFDS's wide tables do).
  return html`<figure class="mb-6">
<div class="table--responsive-scroll" tabindex="0">${svg}</div>
<details class="details" id="${o.id}-table">
<summary class="details-summary">${say(lang, T.tableSummary)}</summary>
<div class="details-text">${chartTable(o)}</div>
</details>
</figure>`;
}

/** The chart's numbers as a table: a row per category, a column per series, amounts in kroner. */
export function chartTable(o: BarChartOptions): Html {
  const { lang } = o;
  return html`<div class="table--responsive-scroll" tabindex="0"><table class="table table--zebra">
<caption>${o.title}</caption>
<thead><tr><th scope="col">${o.categoryAxis}</th>${o.series.map((s) => html`<th scope="col" class="align-text-right">${s.label}</th>`)}</tr></thead>
<tbody>${o.categories.map(
    (category, c) =>
      html`<tr><th scope="row">${category}</th>${o.series.map((s) => {
        const value = s.values[c];
        return html`<td class="align-text-right">${value === null || value === undefined ? '–' : formatKroner(lang, value).replace(/ /g, '\u00a0')}</td>`;
      })}</tr>`,
  )}</tbody>
</table></div>`;
}
