import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../database/connect.js';
import { Forbidden } from '../../domain/shared/errors.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { compareWithBaseline, loadBaseline } from '../../projections/research/baseline.js';
import { indicatorCsv } from '../../projections/research/export.js';
import { groupLabels, indicatorTable } from '../../projections/research/queries.js';
import { AGAIN_AFTER_DAYS, wellBeingTable } from '../../projections/research/wellbeing.js';
import type { PublishedCount } from '../../research/disclosure.js';
import type { PersonalData } from '../../privacy/sealed.js';
import { STUDY_INDICATORS } from '../../domain/study/study.js';
import { FIRST_YEAR, GROUPINGS, INDICATOR_READERS, INDICATORS, LAST_YEAR, PERIODS, thisYear } from '../../research/indicators.js';
import { MIN_BENCHMARK_GROUP, MIN_PUBLISHED_COUNT } from '../../research/disclosure.js';
import { principalOf, requirePrincipal } from '../auth.js';
import { PUBLIC, SIGNED_IN } from '../openapi.js';

export interface ResearchRoutesOptions {
  database: Database;
  verify: TokenVerifier;
  /** Opens the WHO-5 scores, only to count and average them. */
  vault: PersonalData;
}

const year = z.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR).describe('A calendar year: tables always cover whole years');
const indicatorQuery = z
  .object({
    indicator: z.enum(STUDY_INDICATORS).default('contacts_per_citizen').describe('Which indicator (see GET /research/definitions)'),
    by: z.enum(GROUPINGS).default('municipality').describe('Rows by centre or by municipality'),
    per: z.enum(PERIODS).default('quarter').describe('Months or quarters'),
    year: year.optional().describe('A calendar year (default: this year); tables always cover whole years'),
    format: z.enum(['json', 'csv']).default('json'),
    numbers: z.enum(['da', 'en']).default('da').describe('CSV only: Danish (semicolons, decimal commas) or international numbers'),
  })
  .strict()
  .meta({ examples: [{ indicator: 'offer_uptake_rate', by: 'municipality', per: 'quarter', year: 2026 }, { indicator: 'contacts_per_citizen', by: 'centre', per: 'month', year: 2026, format: 'csv' }] });

const cellSchema = z
  .object({
    citizens: z.number().int().nullable().describe('Citizens the cell counts; null when suppressed'),
    value: z.number().nullable().describe('The indicator’s value; null when suppressed or nothing to divide by'),
    suppressed: z.boolean().describe(`Suppressed: fewer than ${MIN_PUBLISHED_COUNT} citizens, or so that no suppressed cell can be worked out from the rest`),
  })
  .meta({ id: 'IndicatorCell' });
const totalSchema = cellSchema.extend({ benchmark: z.boolean().describe(`May be shown as a benchmark: published, with ${MIN_BENCHMARK_GROUP} citizens or more`) }).meta({ id: 'IndicatorTotal' });
const text = z.object({ da: z.string(), en: z.string() });
const definitionSchema = z
  .object({
    id: z.string(),
    name: text,
    definition: text,
    population: text.describe('Whom a cell counts'),
    differs: text.describe('Where it differs from what job centres report today'),
    unit: z.enum(['per_citizen', 'share', 'days', 'dkk']),
    aggregate: z.enum(['per_citizen', 'ratio', 'median', 'share_of_row']),
    category: z.enum(['channel', 'offer_kind', 'outcome_kind']).nullable(),
  })
  .meta({ id: 'IndicatorDefinition' });
const tableSchema = z
  .object({
    indicator: z.string(),
    by: z.enum(GROUPINGS),
    per: z.enum(PERIODS),
    year: z.number().int(),
    columnsAre: z.enum(['period', 'channel', 'offer_kind', 'outcome_kind']),
    rows: z.array(z.object({ group: z.string(), label: z.string(), period: z.string().nullable() })),
    columns: z.array(z.string()),
    cells: z.array(z.array(cellSchema)),
    rowTotals: z.array(totalSchema).describe('Each row’s sum of its cells'),
    columnTotals: z.array(totalSchema).describe('Each column’s sum of its cells'),
    grandTotal: totalSchema,
    definition: definitionSchema,
    rule: z.string().describe('The disclosure rule, in words'),
  })
  .meta({ id: 'IndicatorTable' });
const baselineRowSchema = z.object({
  indicator: z.string(),
  municipality: z.string().describe('A municipality’s code, or `national`'),
  period: z.string(),
  value: z.number(),
  source: z.string(),
  definition: z.string().describe('How the source defines the figure'),
  synthetic: z.boolean().describe('A made-up figure (the shipped example): never a real one'),
});
const comparisonSchema = z
  .object({
    indicator: z.string(),
    year: z.number().int(),
    file: z.object({ status: z.enum(['valid', 'invalid', 'missing']), synthetic: z.boolean(), problems: z.array(z.string()) }),
    definition: definitionSchema,
    comparisons: z.array(
      z.object({
        baseline: baselineRowSchema,
        own: z.object({
          citizens: z.number().int().nullable(),
          value: z.number().nullable(),
          withheld: z
            .enum(['too_few_citizens', 'suppressed', 'no_single_figure'])
            .nullable()
            .describe(`Why no figure is shown: fewer than ${MIN_BENCHMARK_GROUP} citizens, suppressed in the published tables, or no single figure to compare`),
        }),
      }),
    ),
  })
  .meta({ id: 'BaselineComparison' });

const wellBeingCells = {
  answered: z.number().int().nullable().describe('Citizens whose first answer in the year fell in the group; null when suppressed'),
  firstMean: z.number().nullable().describe('Mean WHO-5 percentage score (0–100) of their first answers; null when the count is not shown'),
  answeredAgain: z.number().int().nullable().describe('Of them, citizens who answered again at least two weeks after their first; null when suppressed'),
  changeMean: z.number().nullable().describe('Mean change in percentage points from first to latest answer; null when the count is not shown'),
};
const wellBeingSchema = z
  .object({
    by: z.enum(GROUPINGS),
    year: z.number().int(),
    rows: z.array(z.object({ group: z.string(), label: z.string(), ...wellBeingCells, benchmark: z.boolean() })),
    total: z.object(wellBeingCells),
    againAfterDays: z.number().int(),
    rule: z.string(),
  })
  .meta({ id: 'WellBeingTable' });
const countOf = (c: PublishedCount) => ('value' in c ? c.value : null);
const cellsOf = (row: { answered: PublishedCount; firstMean: number | null; answeredAgain: PublishedCount; changeMean: number | null }) => ({
  answered: countOf(row.answered),
  firstMean: row.firstMean,
  answeredAgain: countOf(row.answeredAgain),
  changeMean: row.changeMean,
});

export const DISCLOSURE_RULE =
  `Cells and totals of 1–${MIN_PUBLISHED_COUNT - 1} citizens are suppressed, and further cells where needed so that no suppressed cell can be worked out from the rest; ` +
  `totals are the sums of their cells; a group is shown as a benchmark only with ${MIN_BENCHMARK_GROUP} citizens or more.`;


/** The indicators (issue 12), from the research read model, under disclosure control. */
export const researchRoutes: FastifyPluginAsync<ResearchRoutesOptions> = async (app, { database, verify, vault }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authenticated = requirePrincipal(verify);
  const readersOnly = async (request: FastifyRequest) => {
    if (!INDICATOR_READERS.includes(principalOf(request).role)) throw new Forbidden(`the indicators are for ${INDICATOR_READERS.join(', ')}`);
  };
  const tags = ['research'];

  r.get(
    '/research/definitions',
    { schema: { operationId: 'listIndicatorDefinitions', tags, summary: 'Every indicator’s definition, in Danish and English (public)', security: PUBLIC, response: { 200: z.object({ indicators: z.array(definitionSchema), rule: z.string() }) } } },
    async () => ({ indicators: Object.values(INDICATORS), rule: DISCLOSURE_RULE }),
  );

  r.get(
    '/research/indicators',
    {
      preHandler: [authenticated, readersOnly],
      schema: {
        operationId: 'getIndicatorTable',
        tags,
        summary: 'One indicator by centre or municipality and by month or quarter for a year, every cell under disclosure control; as JSON or CSV',
        security: SIGNED_IN,
        querystring: indicatorQuery,
        response: {
          200: {
            description: 'The table, as `format` asks',
            content: { 'application/json': { schema: tableSchema }, 'text/csv': { schema: z.string().describe('CSV with a byte-order mark; one line per cell and total') } },
          },
        },
        problems: { 403: ['forbidden'] },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const query = { indicator: q.indicator, by: q.by, per: q.per, year: q.year ?? thisYear() };
      const table = await indicatorTable(database.db, query);
      const labels = await groupLabels(database.db, query.by, [...new Set(table.rows.map((row) => row.group))]);
      if (q.format === 'csv') {
        return (reply as FastifyReply)
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${query.indicator}-${query.by}-${query.per}-${query.year}.csv"`)
          .send(`\ufeff${indicatorCsv(table, labels, q.numbers)}`);
      }
      return {
        ...table,
        rows: table.rows.map((row) => ({ ...row, label: labels.get(row.group) ?? row.group })),
        definition: INDICATORS[query.indicator],
        rule: DISCLOSURE_RULE,
      };
    },
  );

  r.get(
    '/research/well-being',
    {
      preHandler: [authenticated, readersOnly],
      schema: {
        operationId: 'getWellBeingTable',
        tags,
        summary: 'The WHO-5 answers citizens chose to give, in aggregate: by the group of each citizen’s first answer in the year, how many answered and their mean score, how many answered again and the mean change; under disclosure control',
        security: SIGNED_IN,
        querystring: z
          .object({ by: indicatorQuery.shape.by, year: year.optional() })
          .strict()
          .meta({ examples: [{ by: 'municipality', year: 2026 }] }),
        response: { 200: wellBeingSchema },
        problems: { 403: ['forbidden'] },
      },
    },
    async (request) => {
      const table = await wellBeingTable(database.db, vault, { by: request.query.by, year: request.query.year ?? thisYear() });
      const labels = await groupLabels(database.db, table.by, table.rows.map((row) => row.group));
      return {
        by: table.by,
        year: table.year,
        rows: table.rows.map((row) => ({ group: row.group, label: labels.get(row.group) ?? row.group, ...cellsOf(row), benchmark: row.benchmark })),
        total: cellsOf(table.total),
        againAfterDays: AGAIN_AFTER_DAYS,
        rule: DISCLOSURE_RULE,
      };
    },
  );

  r.get(
    '/research/baseline',
    {
      preHandler: [authenticated, readersOnly],
      schema: {
        operationId: 'getBaselineComparison',
        tags,
        summary: 'Today’s job-centre figures (the baseline file) beside Virkelyst’s own, for one indicator and year; our figure only for 10 citizens or more',
        security: SIGNED_IN,
        querystring: z
          .object({ indicator: indicatorQuery.shape.indicator, year: year.optional() })
          .strict()
          .meta({ examples: [{ indicator: 'offer_uptake_rate', year: 2024 }] }),
        response: { 200: comparisonSchema },
        problems: { 403: ['forbidden'] },
      },
    },
    async (request) => {
      const indicator = request.query.indicator;
      const y = request.query.year ?? thisYear();
      const loaded = await loadBaseline();
      const rows = loaded.status === 'valid' ? loaded.rows : [];
      const comparisons = await compareWithBaseline(database.db, rows, indicator, y);
      return {
        indicator,
        year: y,
        file: {
          status: loaded.status,
          synthetic: loaded.status === 'valid' && loaded.synthetic,
          // The problems name lines and columns of the file, never its path.
          problems: loaded.status === 'invalid' ? loaded.problems.map((p) => `line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`) : [],
        },
        definition: INDICATORS[indicator],
        comparisons: comparisons.map((c) => ({
          baseline: { indicator: c.baseline.indicator, municipality: c.baseline.municipality, period: c.baseline.period.text, value: c.baseline.value, source: c.baseline.source, definition: c.baseline.definition, synthetic: c.baseline.synthetic },
          own: c.own,
        })),
      };
    },
  );
};
