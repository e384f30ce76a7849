/**
 * Disclosure control for the research indicators (issue 12): which counts of citizens in a
 * two-way table (centre × month, municipality × category, …) may be published, and which must be
 * suppressed so that nobody can be singled out, from the table alone or from its totals.
 *
 * The rules, and why:
 *
 * - **Primary suppression: 1–4 citizens.** Every cell or total with 1, 2, 3 or 4 citizens is
 *   suppressed. Five is the threshold Statistics Denmark applies to what leaves its research
 *   service; the OECD glossary names 5 (and 3) as the common frequency-table thresholds; issue 12
 *   asks for 5, as Jobindsats does.
 * - **Zero is published as 0.** A cell nobody is in says nothing about a person, and the
 *   threshold rule as published (OECD glossary, Statistics Denmark's "under 5") counts
 *   respondents, so an empty cell is not under it. We did not find a public Jobindsats text that
 *   says how it shows zeros; we follow the threshold rule. The price is known (the
 *   "singleton problem", sdcTable/easySdcTable): once zeros are shown, everyone knows a suppressed
 *   cell holds at least 1, so two suppressed cells summing to 2 are both 1. The verification below
 *   therefore assumes the attacker knows this, and zeros are never chosen as secondary suppressions.
 * - **Secondary suppression** (the standard deterministic heuristic): in every line of the table
 *   (a row with its total, a column with its total, the row of column totals with the grand total,
 *   the column of row totals with the grand total) that holds exactly one suppressed entry, the
 *   smallest published non-zero entry of that line is suppressed too (inner cells before totals
 *   on a tie, then in reading order), until no line has exactly one. That stops subtraction along a
 *   line, but not every combination of lines nor the bounds a reader knows, so the pattern is then
 *   **verified** and extended until it holds.
 * - **Verification: the attacker's exact intervals.** For each suppressed entry we compute the
 *   smallest and largest value it can take given everything published: the published cells and
 *   totals, every row/column equation (and so every combination of them), integrality and what a
 *   reader knows of a suppressed entry. A two-way table with its margins is a circulation in a
 *   network (total → row → column → total), whose constraint matrix is totally unimodular, so these
 *   bounds are integers and every integer between them is attainable: the interval is exactly what
 *   an attacker solving the linear programme (or any cleverer combination) can learn. We compute
 *   them with max-flow on the residual network of the suppressed entries, not with an LP library.
 *   The reader is the public: they see one mark for every suppressed entry, know the rules
 *   above (so a suppressed entry holds at least 1, since zeros are shown) and nothing else.
 * - **Protected** means: for every suppressed entry that reader's interval has width > 0 (its
 *   value cannot be determined), and for every primary entry the interval reaches 5 (the reader
 *   cannot even tell that it is a small count, so the suppressed entries of a line never add up to
 *   a small count that is then known). Where an entry fails, the smallest published non-zero entry
 *   in one of its two lines is suppressed as well and the table is verified again. This ends: a
 *   table with every non-zero entry suppressed is always protected (each entry can grow without
 *   bound around the cycle through the grand total), and a failure to get there is refused, never
 *   published.
 * - **The reasons stay out of the public table.** `PublishedTable` says why each entry is
 *   suppressed, for audit and tests. A reader who knew the reasons would know each primary is 1–4
 *   and each secondary ≥ 5, and that can pin cells no pattern can save: a centre with four
 *   citizens, one in each of four months, is four 1s once its total is known to be under 5.
 *   `feasibleIntervals(…, 'labelled')` is that reader; renderers show one mark for both reasons.
 * - **Benchmarks: groups of 10 or more.** A group (a row or column total) is shown as a
 *   benchmark only with at least 10 citizens, the rule issue 12 names for Jobindsats.
 *
 * Limits: the attacker is assumed not to exploit the selection rule itself (that a secondary
 * entry was the smallest of its line bounds it by the published entries beside it), and tables
 * are protected one at a time — two overlapping tables published separately need a joint check.
 *
 * Sources: Statistics Denmark's research-service output rules as universities relay them (no
 * output about fewer than 5 units) and as users of its data quote them ("celler med antal < 5 er
 * blændet"); OECD Glossary of Statistical Terms, "threshold rule"; the SDC handbook
 * (sdctools.github.io/HandbookSDC), frequency tables and cell suppression; easySdcTable's
 * vignette "The problem of singletons and zeros".
 */
import { InvalidValue } from '../domain/shared/errors.js';

/** The fewest citizens a published count may hold (1–4 are suppressed; 0 is shown). */
export const MIN_PUBLISHED_COUNT = 5;
/** The fewest citizens a group must hold to be shown as a benchmark. */
export const MIN_BENCHMARK_GROUP = 10;

/** Counts of citizens, rows × columns; the totals are derived, so they cannot disagree. */
export interface CountTable {
  readonly cells: readonly (readonly number[])[];
}

export type SuppressionReason = 'primary' | 'secondary';
export type PublishedCount = { readonly value: number } | { readonly suppressed: SuppressionReason };

export interface PublishedTable {
  readonly cells: readonly (readonly PublishedCount[])[];
  readonly rowTotals: readonly PublishedCount[];
  readonly columnTotals: readonly PublishedCount[];
  readonly grandTotal: PublishedCount;
}

/** Where an entry of the table stands. */
export type EntryRef =
  | { readonly kind: 'cell'; readonly row: number; readonly column: number }
  | { readonly kind: 'rowTotal'; readonly row: number }
  | { readonly kind: 'columnTotal'; readonly column: number }
  | { readonly kind: 'grandTotal' };

/** What a reader can learn of one suppressed entry: every integer in [min, max] is possible. */
export interface FeasibleInterval {
  readonly at: EntryRef;
  readonly reason: SuppressionReason;
  readonly min: number;
  /** `Infinity` when nothing published bounds it from above. */
  readonly max: number;
}

/** `unlabelled`: the public, who sees one mark for both reasons; `labelled`: someone who also knows each reason. */
export type ReaderKnowledge = 'labelled' | 'unlabelled';

/** Whether a group of this many citizens may be shown as a benchmark (Jobindsats: 10 or more). */
export function mayShowAsBenchmark(groupSize: number): boolean {
  return groupSize >= MIN_BENCHMARK_GROUP;
}

/** Whether a count must be suppressed on its own: 1–4 citizens. */
export function isPrimarySensitive(count: number): boolean {
  return count > 0 && count < MIN_PUBLISHED_COUNT;
}

/** The table as published: primary and secondary suppression, verified against the public reader. */
export function protectTable(table: CountTable): PublishedTable {
  const network = networkOf(validated(table));
  const status: (SuppressionReason | undefined)[] = network.arcs.map((a) => (isPrimarySensitive(a.value) ? 'primary' : undefined));
  for (;;) {
    suppressLoneEntries(network, status);
    const published = publish(network, status);
    const failing = unprotectedArcs(network, published);
    if (failing.length === 0) return published;
    if (!suppressBeside(network, status, failing)) {
      throw new InvalidValue('cells', 'the table cannot be protected by suppression; publish it at a coarser level');
    }
  }
}

/**
 * The attacker: the exact interval of every suppressed entry, computed from the published table
 * alone (it never sees the true counts).
 */
export function feasibleIntervals(published: PublishedTable, knowledge: ReaderKnowledge): FeasibleInterval[] {
  const network = networkOfPublished(published);
  const bounds = network.arcs.map((a) => boundsOf(a.published, knowledge));
  const flow = feasibleFlow(network, bounds);
  return network.arcs.flatMap((arc, index) => {
    const reason = suppressionOf(arc.published);
    if (reason === undefined) return [];
    const [min, max] = intervalOf(network, bounds, flow, index);
    return [{ at: arc.at, reason, min, max }];
  });
}

// ——— The table as a network ———
// Nodes: rows 0..R-1, columns R..R+C-1, the column-totals node T and the row-totals node S.
// Arcs: S → row (row total), row → column (cell), column → T (column total), T → S (grand total).
// Conservation at a node is exactly one line of the table, so a feasible flow is a consistent table.

interface Arc {
  readonly at: EntryRef;
  readonly from: number;
  readonly to: number;
}
interface Network<A extends Arc> {
  readonly nodes: number;
  readonly arcs: readonly A[];
}
type ValuedArc = Arc & { readonly value: number };
type PublishedArc = Arc & { readonly published: PublishedCount };

function validated(table: CountTable): readonly (readonly number[])[] {
  const columns = table.cells[0]?.length ?? 0;
  if (table.cells.length === 0 || columns === 0) throw new InvalidValue('cells', 'a table needs at least one row and one column');
  if (table.cells.some((row) => row.length !== columns)) throw new InvalidValue('cells', 'every row needs the same number of columns');
  if (table.cells.some((row) => row.some((n) => !Number.isSafeInteger(n) || n < 0))) throw new InvalidValue('cells', 'counts are non-negative integers');
  return table.cells;
}

/** The arcs in a fixed order — cells in reading order, then row totals, column totals, grand total. */
function arcsOf<V>(rows: number, columns: number, valueAt: (at: EntryRef) => V): (Arc & { v: V })[] {
  const T = rows + columns;
  const S = T + 1;
  const arcs: (Arc & { v: V })[] = [];
  const add = (at: EntryRef, from: number, to: number) => arcs.push({ at, from, to, v: valueAt(at) });
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) add({ kind: 'cell', row: r, column: c }, r, rows + c);
  for (let r = 0; r < rows; r++) add({ kind: 'rowTotal', row: r }, S, r);
  for (let c = 0; c < columns; c++) add({ kind: 'columnTotal', column: c }, rows + c, T);
  add({ kind: 'grandTotal' }, T, S);
  return arcs;
}

function networkOf(cells: readonly (readonly number[])[]): Network<ValuedArc> {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const valueAt = (at: EntryRef): number => {
    switch (at.kind) {
      case 'cell': return cells[at.row]?.[at.column] ?? 0;
      case 'rowTotal': return sum(cells[at.row] ?? []);
      case 'columnTotal': return sum(cells.map((row) => row[at.column] ?? 0));
      case 'grandTotal': return sum(cells.map(sum));
      default: return unreachable(at);
    }
  };
  return { nodes: rows + columns + 2, arcs: arcsOf(rows, columns, valueAt).map(({ v, ...arc }) => ({ ...arc, value: v })) };
}

function networkOfPublished(table: PublishedTable): Network<PublishedArc> {
  const rows = table.cells.length;
  const columns = table.cells[0]?.length ?? 0;
  const at = (ref: EntryRef): PublishedCount => {
    const entry = ref.kind === 'cell' ? table.cells[ref.row]?.[ref.column]
      : ref.kind === 'rowTotal' ? table.rowTotals[ref.row]
      : ref.kind === 'columnTotal' ? table.columnTotals[ref.column]
      : table.grandTotal;
    if (entry === undefined) throw new InvalidValue('cells', 'the published table is not rectangular');
    return entry;
  };
  return { nodes: rows + columns + 2, arcs: arcsOf(rows, columns, at).map(({ v, ...arc }) => ({ ...arc, published: v })) };
}

function publish(network: Network<ValuedArc>, status: readonly (SuppressionReason | undefined)[]): PublishedTable {
  const entries = network.arcs.map((arc, i): PublishedCount => {
    const reason = status[i];
    return reason === undefined ? { value: arc.value } : { suppressed: reason };
  });
  const rows = network.arcs.filter((a) => a.at.kind === 'rowTotal').length;
  const columns = network.arcs.filter((a) => a.at.kind === 'columnTotal').length;
  const cells = Array.from({ length: rows }, (_, r) => entries.slice(r * columns, (r + 1) * columns));
  const rowTotals = entries.slice(rows * columns, rows * columns + rows);
  const columnTotals = entries.slice(rows * columns + rows, rows * columns + rows + columns);
  const grandTotal = entries[entries.length - 1] ?? { value: 0 };
  return { cells, rowTotals, columnTotals, grandTotal };
}

// ——— Secondary suppression ———

/** The arcs of a line (a node): one suppressed among them is found by subtraction. */
function lineOf(network: Network<Arc>, node: number): number[] {
  return network.arcs.flatMap((a, i) => (a.from === node || a.to === node ? [i] : []));
}

/** The cheapest entry to give up: smallest count, inner cells before totals, then reading order. */
function cheapest(network: Network<ValuedArc>, status: readonly (SuppressionReason | undefined)[], candidates: readonly number[]): number | undefined {
  const open = candidates.filter((i) => status[i] === undefined && (network.arcs[i]?.value ?? 0) > 0);
  const rank = (i: number) => (network.arcs[i]?.at.kind === 'cell' ? 0 : 1);
  return open.sort((a, b) => (network.arcs[a]?.value ?? 0) - (network.arcs[b]?.value ?? 0) || rank(a) - rank(b) || a - b)[0];
}

/** Until no line holds exactly one suppressed entry (a fixed point: suppression only grows). */
function suppressLoneEntries(network: Network<ValuedArc>, status: (SuppressionReason | undefined)[]): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (let node = 0; node < network.nodes; node++) {
      const line = lineOf(network, node);
      if (line.filter((i) => status[i] !== undefined).length !== 1) continue;
      const pick = cheapest(network, status, line);
      if (pick === undefined) continue; // the rest of the line is zero: the lone entry is then a 0 that is never suppressed
      status[pick] = 'secondary';
      changed = true;
    }
  }
}

/** For each failing arc, one more suppression in one of its two lines; false when none is left anywhere. */
function suppressBeside(network: Network<ValuedArc>, status: (SuppressionReason | undefined)[], failing: readonly number[]): boolean {
  let added = false;
  const touched = new Set<number>();
  for (const i of failing) {
    const arc = network.arcs[i];
    if (arc === undefined || touched.has(arc.from) || touched.has(arc.to)) continue;
    // The line whose suppressed entries add up to least is the one that pins it: widen that one first.
    const [tight, other] = [lineOf(network, arc.from), lineOf(network, arc.to)].sort((a, b) => suppressedSum(network, status, a) - suppressedSum(network, status, b));
    const pick = cheapest(network, status, tight ?? []) ?? cheapest(network, status, other ?? []) ?? cheapest(network, status, network.arcs.map((_, k) => k));
    if (pick === undefined) continue;
    status[pick] = 'secondary';
    touched.add(arc.from).add(arc.to);
    added = true;
  }
  return added;
}

function suppressedSum(network: Network<ValuedArc>, status: readonly (SuppressionReason | undefined)[], line: readonly number[]): number {
  return line.reduce((total, i) => total + (status[i] === undefined ? 0 : (network.arcs[i]?.value ?? 0)), 0);
}

/** The suppressed arcs the rule "protected" (see the module comment) does not yet hold for. */
function unprotectedArcs(network: Network<ValuedArc>, published: PublishedTable): number[] {
  const intervals = feasibleIntervals(published, 'unlabelled');
  const suppressed = network.arcs.flatMap((a, i) => (suppressionOf(publishedAt(published, a.at)) === undefined ? [] : [i]));
  return suppressed.filter((_, k) => {
    const interval = intervals[k];
    return interval === undefined || !isProtected(interval);
  });
}

/** The rule, for the public reader's interval: not determinable, and a primary not even known to be small. */
export function isProtected(interval: FeasibleInterval): boolean {
  return interval.max > interval.min && (interval.reason !== 'primary' || interval.max >= MIN_PUBLISHED_COUNT);
}

function publishedAt(table: PublishedTable, at: EntryRef): PublishedCount | undefined {
  switch (at.kind) {
    case 'cell': return table.cells[at.row]?.[at.column];
    case 'rowTotal': return table.rowTotals[at.row];
    case 'columnTotal': return table.columnTotals[at.column];
    case 'grandTotal': return table.grandTotal;
    default: return unreachable(at);
  }
}

function suppressionOf(entry: PublishedCount | undefined): SuppressionReason | undefined {
  return entry !== undefined && 'suppressed' in entry ? entry.suppressed : undefined;
}

// ——— The attacker's intervals: flows on the suppressed entries ———

type Bounds = readonly [min: number, max: number];

/** What a reader knows of an entry before using the table's equations. */
function boundsOf(entry: PublishedCount, knowledge: ReaderKnowledge): Bounds {
  if ('value' in entry) return [entry.value, entry.value];
  if (knowledge === 'unlabelled') return [1, Infinity];
  return entry.suppressed === 'primary' ? [1, MIN_PUBLISHED_COUNT - 1] : [MIN_PUBLISHED_COUNT, Infinity];
}

/**
 * One table consistent with what is published (a feasible circulation with bounds, by the
 * textbook reduction: lower bounds become supplies and demands met by one max-flow).
 */
function feasibleFlow(network: Network<Arc>, bounds: readonly Bounds[]): number[] {
  const n = network.nodes;
  const graph = new Residual(n + 2);
  const balance = new Array<number>(n).fill(0);
  const edges = network.arcs.map((arc, i) => {
    const [min, max] = bounds[i] ?? [0, 0];
    balance[arc.to] = (balance[arc.to] ?? 0) + min;
    balance[arc.from] = (balance[arc.from] ?? 0) - min;
    return max > min ? graph.add(arc.from, arc.to, max - min) : -1;
  });
  let needed = 0;
  balance.forEach((b, node) => {
    if (b > 0) { graph.add(n, node, b); needed += b; }
    if (b < 0) graph.add(node, n + 1, -b);
  });
  if (graph.maxFlow(n, n + 1, Infinity) < needed) throw new InvalidValue('cells', 'the published table is inconsistent');
  return network.arcs.map((_, i) => (bounds[i]?.[0] ?? 0) + (edges[i] === -1 ? 0 : graph.flowOn(edges[i] ?? -1)));
}

/**
 * How far one entry can move from a consistent table: raising it by d needs d units to flow back
 * from its head to its tail through the other suppressed entries (every difference of two
 * consistent tables is a sum of such cycles), within each one's bounds.
 */
function intervalOf(network: Network<Arc>, bounds: readonly Bounds[], flow: readonly number[], index: number): Bounds {
  const arc = network.arcs[index];
  const value = flow[index] ?? 0;
  const [min, max] = bounds[index] ?? [value, value];
  if (arc === undefined) return [value, value];
  const residual = () => {
    const graph = new Residual(network.nodes);
    network.arcs.forEach((other, i) => {
      const [lo, hi] = bounds[i] ?? [0, 0];
      if (i === index || hi === lo) return;
      const x = flow[i] ?? 0;
      graph.addResidual(other.from, other.to, hi - x, x - lo);
    });
    return graph;
  };
  const up = residual().maxFlow(arc.to, arc.from, max - value);
  const down = residual().maxFlow(arc.from, arc.to, value - min);
  return [value - down, value + up];
}

/** A residual network with Edmonds–Karp max-flow; edges in pairs (e, e ^ 1), capacities may be Infinity. */
class Residual {
  private readonly head: number[] = [];
  private readonly cap: number[] = [];
  private readonly initial: number[] = [];
  private readonly out: number[][];
  constructor(nodes: number) {
    this.out = Array.from({ length: nodes }, () => []);
  }
  add(from: number, to: number, capacity: number): number {
    return this.addResidual(from, to, capacity, 0);
  }
  addResidual(from: number, to: number, forward: number, backward: number): number {
    const e = this.head.length;
    this.head.push(to, from);
    this.cap.push(forward, backward);
    this.initial.push(forward, backward);
    this.out[from]?.push(e);
    this.out[to]?.push(e + 1);
    return e;
  }
  /** The net flow pushed along edge e since it was added (read off its twin: e may be unbounded). */
  flowOn(e: number): number {
    return (this.cap[e ^ 1] ?? 0) - (this.initial[e ^ 1] ?? 0);
  }
  /** Up to `limit` units from s to t; Infinity when an unbounded path exists and the limit allows. */
  maxFlow(s: number, t: number, limit: number): number {
    let total = 0;
    while (total < limit) {
      const path = this.shortestPath(s, t);
      if (path === undefined) break;
      const room = Math.min(limit - total, ...path.map((e) => this.cap[e] ?? 0));
      if (room === Infinity) return Infinity;
      for (const e of path) {
        this.cap[e] = (this.cap[e] ?? 0) - room;
        this.cap[e ^ 1] = (this.cap[e ^ 1] ?? 0) + room;
      }
      total += room;
    }
    return total;
  }
  private shortestPath(s: number, t: number): number[] | undefined {
    const via = new Map<number, number>([[s, -1]]);
    const queue = [s];
    for (let k = 0; k < queue.length && !via.has(t); k++) {
      const node = queue[k] ?? s;
      for (const e of this.out[node] ?? []) {
        const next = this.head[e] ?? s;
        if ((this.cap[e] ?? 0) > 0 && !via.has(next)) { via.set(next, e); queue.push(next); }
      }
    }
    if (!via.has(t)) return undefined;
    const path: number[] = [];
    for (let node = t; node !== s; ) {
      const e = via.get(node) ?? -1;
      path.push(e);
      node = this.head[e ^ 1] ?? s;
    }
    return path;
  }
}

function unreachable(value: never): never {
  throw new Error(`unexpected entry ${JSON.stringify(value)}`);
}
