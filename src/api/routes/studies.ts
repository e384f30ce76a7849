import { createReadStream } from 'node:fs';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { Forbidden, NotFound } from '../../domain/shared/errors.js';
import { LEGAL_BASIS_MAX, PURPOSE_MAX, RESEARCHER_ID_MAX, RESEARCHERS_MAX, studyDecider, TITLE_MAX } from '../../domain/study/decide.js';
import { EXPORT_FORMATS, STUDY_EXPORT_FIELD_NAMES, STUDY_INDICATORS } from '../../domain/study/study.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { getStudy, listStudies } from '../../projections/studies/queries.js';
import { dataDictionary, dictionaryMarkdown } from '../../research/export/dictionary.js';
import { makeStudyExport, studyForExport } from '../../research/export/service.js';
import { authenticatedContext, principalOf } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { SIGNED_IN, type Tag } from '../openapi.js';
import { isoDay, text, uuid } from '../schemas.js';
import type { PersonalData } from '../../privacy/sealed.js';

export interface StudyRoutesOptions {
  database: Database;
  handler: CommandHandler;
  verify: TokenVerifier;
  /** The root of every study's pseudonym key (src/research/pseudonym.ts); it never leaves the server. */
  researchKey: Buffer;
  /** Opens the WHO-5 scores for an export that asks for them. */
  vault: PersonalData;
}

// The research tag is declared with the indicators' routes (src/api/openapi.ts TAGS).
const tag: Tag = 'research';

const studyView = z
  .object({
    studyId: z.string(),
    title: z.string(),
    purpose: z.string(),
    period: z.object({ from: z.string(), to: z.string() }),
    indicators: z.array(z.enum(STUDY_INDICATORS)),
    exportFields: z.array(z.enum(STUDY_EXPORT_FIELD_NAMES)),
    legalBasis: z.string(),
    status: z.enum(['open', 'closed']).describe('`open`: researchers granted access receive its exports; `closed`: no export is made any more'),
    registeredAt: z.string(),
    closedAt: z.string().nullable(),
    exports: z.number().int().describe('How many exports were handed out (each is on record in the log: who, when, format, rows)'),
    lastExportedAt: z.string().nullable(),
    researcherIds: z.array(z.string()).optional().describe('The researchers granted access (administrators only)'),
  })
  .meta({ id: 'Study' });

const researcherId = z.string().min(1).max(RESEARCHER_ID_MAX).regex(/^\S+$/, 'an identity, without spaces');

const registerBody = z
  .object({
    title: text(1, TITLE_MAX),
    purpose: text(1, PURPOSE_MAX),
    period: z.object({ from: isoDay(), to: isoDay() }).strict().describe('The Danish days of the events the study covers, both included'),
    indicators: z.array(z.enum(STUDY_INDICATORS)).max(STUDY_INDICATORS.length * 2),
    exportFields: z.array(z.enum(STUDY_EXPORT_FIELD_NAMES)).max(STUDY_EXPORT_FIELD_NAMES.length * 2).describe('Coarse fields only: codes, weeks, months, kinds and counts'),
    legalBasis: text(1, LEGAL_BASIS_MAX),
    researcherIds: z.array(researcherId).max(RESEARCHERS_MAX).default([]),
  })
  .strict();

const dictionarySchema = z
  .object({
    study: z.object({ studyId: z.string(), title: z.string(), purpose: z.string(), legalBasis: z.string(), period: z.object({ from: z.string(), to: z.string() }) }),
    export: z.object({ file: z.string(), format: z.enum(EXPORT_FORMATS), madeAt: z.string(), rows: z.number().int() }).optional(),
    columns: z.array(
      z.object({
        name: z.enum(STUDY_EXPORT_FIELD_NAMES),
        type: z.enum(['VARCHAR', 'INTEGER']),
        meaning: z.string(),
        values: z.array(z.string()).optional().describe('The values a text column may hold'),
        parquetType: z.string(),
        csv: z.string(),
      }),
    ),
    rows: z.string().describe('What one row is'),
    pseudonyms: z.string().describe('How the pseudonyms are made, and why they cannot be linked across studies'),
    coarsening: z.string(),
    leftOut: z.string(),
  })
  .meta({ id: 'DataDictionary' });

const studyParams = z.object({ studyId: uuid }).strict();
const exportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default('parquet').describe('`parquet` (typed, compressed; read by R, Python, Stata and DuckDB) or `csv`') }).strict();
const MEDIA = { csv: 'text/csv; charset=utf-8; header=present', parquet: 'application/vnd.apache.parquet' } as const;

/** Studies (issue 12): registered by an administrator; their exports for the researchers granted access. */
export const studyRoutes: FastifyPluginAsync<StudyRoutesOptions> = async (app, { database, handler, verify, researchKey, vault }) => {
  const authed = authenticatedContext(app, verify);
  const study = { handler, decider: studyDecider };

  commandRoute(authed, study, {
    url: '/studies',
    operationId: 'registerStudy',
    examples: [
      {
        title: 'Evaluering af Virkelyst 2027',
        purpose: 'At sammenligne brugen af Virkelyst med nuværende jobcentre: kontakter, samtaler, tilbud og selvrapporterede resultater.',
        period: { from: '2027-01-01', to: '2027-12-31' },
        indicators: ['contacts_per_citizen', 'offer_uptake_rate'],
        exportFields: ['citizen_pseudonym', 'municipality_code', 'event_month', 'event_kind', 'channel', 'offer_kind', 'answer'],
        legalBasis: 'Databeskyttelsesforordningens art. 6, stk. 1, litra e, og art. 9, stk. 2, litra j; databeskyttelseslovens § 10.',
        researcherIds: ['forsker-ku-17'],
      },
      {
        title: 'Kanaler for første kontakt',
        purpose: 'Hvordan borgere første gang kontakter huset, fordelt på kommuner og måneder.',
        period: { from: '2027-01-01', to: '2027-06-30' },
        indicators: ['first_contact_channel_share'],
        exportFields: ['municipality_code', 'event_month', 'channel', 'count'],
        legalBasis: 'Databeskyttelseslovens § 10.',
      },
    ],
    problems: { 400: ['coercive_wording'], 409: ['study_exists'] },
    tag,
    summary: 'Register a research study: purpose, period, indicators, export fields, legal basis, researchers (administrators)',
    params: z.object({}).strict(),
    body: registerBody,
    status: 201,
    creates: ['studyId'],
    topLevel: ['studyId'],
    location: ({ studyId }) => `/studies/${studyId}`,
    command: ({ body, newId }) => ({ type: 'RegisterStudy' as const, data: { studyId: newId('studyId'), ...body } }),
  });
  commandRoute(authed, study, {
    url: '/studies/:studyId/researchers',
    operationId: 'grantStudyAccess',
    examples: [{ researcherId: 'forsker-sdu-4' }],
    problems: { 404: ['study_not_found'], 409: ['study_closed'] },
    tag,
    summary: 'Give a researcher access to a study’s exports (administrators)',
    params: studyParams,
    body: z.object({ researcherId }).strict(),
    command: ({ params, body }) => ({ type: 'GrantStudyAccess' as const, data: { studyId: params.studyId, researcherId: body.researcherId } }),
  });
  commandRoute(authed, study, {
    url: '/studies/:studyId/researchers/:researcherId/revoke',
    operationId: 'revokeStudyAccess',
    examples: [{}],
    problems: { 404: ['study_not_found'], 409: ['study_closed', 'access_not_granted'] },
    tag,
    summary: 'Take a researcher’s access away; it holds for the next export at once (administrators)',
    params: studyParams.extend({ researcherId }).strict(),
    body: z.object({}).strict().nullish(),
    command: ({ params }) => ({ type: 'RevokeStudyAccess' as const, data: { studyId: params.studyId, researcherId: params.researcherId } }),
  });
  commandRoute(authed, study, {
    url: '/studies/:studyId/close',
    operationId: 'closeStudy',
    examples: [{}],
    problems: { 404: ['study_not_found'], 409: ['study_closed'] },
    tag,
    summary: 'Close a study: it changes no more and no export is made any more (administrators)',
    params: studyParams,
    body: z.object({}).strict().nullish(),
    command: ({ params }) => ({ type: 'CloseStudy' as const, data: { studyId: params.studyId } }),
  });

  authed.add((a) => {
    const r = a.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/studies',
      {
        schema: {
          operationId: 'listStudies',
          tags: [tag],
          summary: 'The studies: every one for administrators; for a researcher, those they are granted',
          security: SIGNED_IN,
          response: { 200: z.object({ studies: z.array(studyView) }) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (principal.role !== 'admin' && principal.role !== 'researcher') throw new Forbidden('studies are for administrators and researchers', { role: principal.role });
        return { studies: await listStudies(database.db, principal) };
      },
    );
    r.get(
      '/studies/:studyId',
      {
        schema: {
          operationId: 'getStudy',
          tags: [tag],
          summary: 'One study (administrators; a researcher granted it)',
          security: SIGNED_IN,
          params: studyParams,
          response: { 200: studyView },
          problems: { 404: ['study_not_found'] },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (principal.role !== 'admin' && principal.role !== 'researcher') throw new Forbidden('studies are for administrators and researchers', { role: principal.role });
        const found = await getStudy(database.db, principal, request.params.studyId);
        if (!found) throw new NotFound('study_not_found', 'no such study open to you', { studyId: request.params.studyId });
        return found;
      },
    );
    r.get(
      '/research/studies/:studyId/export',
      {
        schema: {
          operationId: 'exportStudy',
          tags: [tag],
          summary: 'The study’s pseudonymised rows as Parquet or CSV (a researcher granted access to the open study); each export is on record. Its dictionary: the `describedby` link',
          security: SIGNED_IN,
          params: studyParams,
          querystring: exportQuery,
          response: {
            200: {
              description: 'The rows, as `format` asks. `X-Row-Count` says how many; `Link: rel="describedby"` is the data dictionary',
              content: { 'application/vnd.apache.parquet': { schema: z.string().describe('Parquet, zstd-compressed') }, 'text/csv': { schema: z.string().describe('CSV, UTF-8, header row') } },
            },
          },
          problems: { 404: ['study_not_found', 'study_without_export_fields'] },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        // The API hands exports to researchers only; an administrator's export is made on the server (the CLI).
        if (principal.role !== 'researcher') throw new Forbidden('only researchers granted access receive a study’s exports', { role: principal.role });
        const format = request.query.format;
        const made = await makeStudyExport({ db: database.db, handler, researchKey, vault }, { principal, studyId: request.params.studyId, format });
        const stream = createReadStream(made.path);
        stream.once('close', () => void made.remove());
        return (reply as FastifyReply)
          .type(MEDIA[format])
          .header('content-disposition', `attachment; filename="${made.file}"`)
          .header('x-row-count', String(made.rows))
          .header('link', `</research/studies/${made.study.studyId}/dictionary>; rel="describedby"`)
          .header('cache-control', 'no-store')
          .send(stream);
      },
    );
    r.get(
      '/research/studies/:studyId/dictionary',
      {
        schema: {
          operationId: 'getStudyDictionary',
          tags: [tag],
          summary: 'The data dictionary of the study’s export: each column, its type and meaning, the period, how pseudonyms work (Markdown or JSON)',
          security: SIGNED_IN,
          params: studyParams,
          querystring: z.object({ format: z.enum(['md', 'json']).default('md') }).strict(),
          response: { 200: { description: 'The dictionary, as `format` asks', content: { 'text/markdown': { schema: z.string() }, 'application/json': { schema: dictionarySchema } } } },
          problems: { 404: ['study_not_found', 'study_without_export_fields'] },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const found = await studyForExport(database.db, principal, request.params.studyId);
        const dictionary = dataDictionary(found);
        const r2 = (reply as FastifyReply).header('cache-control', 'no-store');
        if (request.query.format === 'json') return r2.type('application/json').send(dictionary);
        return r2.type('text/markdown; charset=utf-8').header('content-disposition', `inline; filename="study-${found.studyId}-dictionary.md"`).send(dictionaryMarkdown(dictionary));
      },
    );
  });
};
