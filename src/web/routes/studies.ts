/**
 * Studies in the web UI (issue 12). The administrator registers a study and grants and revokes
 * researchers' access and closes it, under `/administration/studier`; a researcher sees the studies
 * they are granted at `/forskning/studier` and downloads an export (Parquet or CSV) and its data
 * dictionary. Commands are built as the API builds them (src/api/routes/studies.ts): the study's id
 * derived from the form's idempotency key with the same label, so a double submit records once.
 * The studies' read model is inline, so the page after a redirect already shows the change.
 *
 * A download is a POST with the page's CSRF token, not a link: each export is put on record as the
 * researcher's, and a link another site embeds must not make a record in their name.
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CommandContext } from '../../commands/handler.js';
import { type DomainError, InvalidValue } from '../../domain/shared/errors.js';
import { LEGAL_BASIS_MAX, PURPOSE_MAX, RESEARCHER_ID_MAX, type StudyCommand, studyDecider, TITLE_MAX } from '../../domain/study/decide.js';
import { EXPORT_FORMATS, type ExportFormat, STUDY_EXPORT_FIELD_NAMES, STUDY_INDICATORS, type StudyExportField } from '../../domain/study/study.js';
import { derivedId } from '../../ids.js';
import { getStudy, listStudies, type StudyView } from '../../projections/studies/queries.js';
import { dataDictionary, dictionaryMarkdown } from '../../research/export/dictionary.js';
import { makeStudyExport, studyForExport } from '../../research/export/service.js';
import { INDICATORS } from '../../research/indicators.js';
import { formCommandContext, isRefusal, refusalOf } from '../command.js';
import { alert, badge, button, checkboxGroup, dateInput, errorFor, type FieldError, hidden, IDEMPOTENCY_FIELD, notice, postForm, radioGroup, summaryList, table, textArea, textInput } from '../components.js';
import { html, type Html } from '../html.js';
import { formatDay, formatMoment, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { parseDay } from '../pages/board-parts.js';
import { badRequestPage, notFoundPage } from '../pages/errors.js';
import { pathOf, seeOther, sendPage } from '../request.js';
import { asRole, fieldOf, hide, isUuid, queryOf, refusalStatus, textOf, valuesOf, type WebArea, type WebOptions } from './shared.js';

export const ADMIN_STUDIES = '/administration/studier';
export const RESEARCHER_STUDIES = '/forskning/studier';

const T = {
  adminTitle: { da: 'Forskningsstudier', en: 'Research studies' },
  adminLead: {
    da: 'Et studie giver forskere adgang til pseudonymiserede data om brugen af huset: aldrig fritekst, navne, kontaktoplysninger eller præcise datoer. Hvert studie har sine egne pseudonymer, så to studier ikke kan kobles på en person.',
    en: 'A study gives researchers access to pseudonymised data about the use of the house: never free text, names, contact details or exact dates. Each study has pseudonyms of its own, so two studies cannot be linked on a person.',
  },
  none: { da: 'Der er ingen studier endnu.', en: 'There are no studies yet.' },
  studies: { da: 'Studierne', en: 'The studies' },
  study: { da: 'Studie', en: 'Study' },
  period: { da: 'Periode', en: 'Period' },
  status: { da: 'Status', en: 'Status' },
  researchers: { da: 'Forskere', en: 'Researchers' },
  exports: { da: 'Eksporter', en: 'Exports' },
  open: { da: 'Åbent', en: 'Open' },
  closed: { da: 'Lukket', en: 'Closed' },
  register: { da: 'Registrér et studie', en: 'Register a study' },
  title: { da: 'Titel', en: 'Title' },
  purpose: { da: 'Formål', en: 'Purpose' },
  purposeHint: { da: 'Hvad studiet vil undersøge. Det handler om huset, aldrig om en bestemt borger.', en: 'What the study will look into. It is about the house, never about a particular citizen.' },
  from: { da: 'Første dag', en: 'First day' },
  to: { da: 'Sidste dag', en: 'Last day' },
  indicators: { da: 'Indikatorer', en: 'Indicators' },
  fields: { da: 'Felter i eksporten', en: 'Fields in the export' },
  fieldsHint: { da: 'Kun grove felter: koder, uger, måneder, slags og antal.', en: 'Coarse fields only: codes, weeks, months, kinds and counts.' },
  legalBasis: { da: 'Hjemmel', en: 'Legal basis' },
  researcherIds: { da: 'Forskeres id’er', en: 'Researchers’ ids' },
  researcherIdsHint: { da: 'Deres id ved login, adskilt af mellemrum eller komma.', en: 'Their sign-in ids, separated by spaces or commas.' },
  registerButton: { da: 'Registrér studiet', en: 'Register the study' },
  registered: { da: 'Studiet er registreret.', en: 'The study is registered.' },
  granted: { da: 'Forskeren har fået adgang.', en: 'The researcher has been given access.' },
  revoked: { da: 'Forskerens adgang er fjernet. Den gælder fra nu af.', en: 'The researcher’s access has been taken away. That holds from now on.' },
  closedOk: { da: 'Studiet er lukket. Der laves ikke flere eksporter.', en: 'The study is closed. No more exports are made.' },
  grant: { da: 'Giv en forsker adgang', en: 'Give a researcher access' },
  researcherId: { da: 'Forskerens id', en: 'The researcher’s id' },
  grantButton: { da: 'Giv adgang', en: 'Give access' },
  revoke: { da: 'Fjern adgang', en: 'Take access away' },
  revokeFor: { da: 'Fjern adgang for {id}', en: 'Take access away from {id}' },
  nobody: { da: 'Ingen forskere har adgang.', en: 'No researcher has access.' },
  close: { da: 'Luk studiet', en: 'Close the study' },
  closeHint: { da: 'Et lukket studie ændres ikke mere, og der laves ingen eksporter af det.', en: 'A closed study changes no more, and no export is made of it.' },
  researcherTitle: { da: 'Dine studier', en: 'Your studies' },
  researcherLead: {
    da: 'De studier, du har adgang til. Eksporten er pseudonymiseret med studiets egne pseudonymer; hver eksport registreres (hvem, hvornår, format og antal rækker), så revisorer kan se den.',
    en: 'The studies you have access to. The export is pseudonymised with the study’s own pseudonyms; each export is recorded (who, when, format and number of rows), so auditors can see it.',
  },
  noneGranted: { da: 'Du har ikke adgang til nogen studier. En administrator giver adgang.', en: 'You have no access to any study. An administrator gives access.' },
  download: { da: 'Hent eksporten', en: 'Download the export' },
  format: { da: 'Format', en: 'Format' },
  parquet: { da: 'Parquet (typer og komprimering; læses direkte i R, Python, Stata og DuckDB)', en: 'Parquet (typed and compressed; read directly in R, Python, Stata and DuckDB)' },
  csv: { da: 'CSV (UTF-8, komma, overskriftsrække)', en: 'CSV (UTF-8, comma, header row)' },
  downloadButton: { da: 'Hent', en: 'Download' },
  dictionary: { da: 'Datadokumentation (kolonner, typer, periode, pseudonymer)', en: 'Data dictionary (columns, types, period, pseudonyms)' },
  closedNoExport: { da: 'Studiet er lukket. Der laves ingen eksporter af det.', en: 'The study is closed. No export is made of it.' },
  noFields: { da: 'Studiet bruger kun indikatorer og har ingen eksport.', en: 'The study uses indicators only and has no export.' },
  exportsMade: { da: '{n} eksporter, senest {when}', en: '{n} exports, the last {when}' },
  noExports: { da: 'Ingen eksporter endnu', en: 'No exports yet' },
  fromTo: { da: '{from} til {to}', en: '{from} to {to}' },
  back: { da: 'Alle studier', en: 'All studies' },
} satisfies Record<string, Message>;

/** The export fields in words, as a person choosing them reads them. */
const FIELD_LABELS: Record<StudyExportField, Message> = {
  citizen_pseudonym: { da: 'Borgerens pseudonym (kun i dette studie)', en: 'The citizen’s pseudonym (in this study only)' },
  centre_code: { da: 'Center (kode)', en: 'Centre (code)' },
  municipality_code: { da: 'Kommune (kode)', en: 'Municipality (code)' },
  event_week: { da: 'Uge', en: 'Week' },
  event_month: { da: 'Måned', en: 'Month' },
  event_kind: { da: 'Hvad der skete', en: 'What happened' },
  channel: { da: 'Kanal', en: 'Channel' },
  booked_by: { da: 'Hvem der bookede', en: 'Who booked' },
  offer_kind: { da: 'Slags tilbud', en: 'Kind of offer' },
  offer_source: { da: 'Tilbuddets afsender', en: 'Where the offer came from' },
  answer: { da: 'Svar på tilbud', en: 'Answer to an offer' },
  participation_end: { da: 'Hvordan deltagelse sluttede', en: 'How taking part ended' },
  goal_category: { da: 'Slags mål (aldrig ordene)', en: 'Kind of goal (never its words)' },
  outcome_kind: { da: 'Slags resultat', en: 'Kind of outcome' },
  duration_weeks: { da: 'Varighed i hele uger', en: 'Duration in whole weeks' },
  wellbeing_score: { da: 'Trivselsscore (WHO-5, 0–100), kun fra svar borgeren selv valgte at give', en: 'Well-being score (WHO-5, 0–100), only from answers the citizen chose to give' },
  count: { da: 'Antal', en: 'Count' },
};

/** What the area's refusals say, by code. */
const REFUSALS: Record<string, Message> = {
  invalid_value: { da: 'Svaret kan ikke bruges. Ret det og prøv igen.', en: 'The answer cannot be used. Correct it and try again.' },
  coercive_wording: {
    da: 'Teksten taler om ydelser, sanktioner eller pligter. Forskning her bruges aldrig over for nogen; skriv formålet om.',
    en: 'The text speaks of benefits, sanctions or duties. Research here is never used against anyone; reword the purpose.',
  },
  study_exists: { da: 'Studiet er allerede registreret.', en: 'The study is already registered.' },
  study_closed: { da: 'Studiet er lukket og ændres ikke mere.', en: 'The study is closed and changes no more.' },
  access_not_granted: { da: 'Forskeren har ikke adgang.', en: 'The researcher has no access.' },
  study_not_found: { da: 'Studiet findes ikke, eller du har ikke adgang til det.', en: 'The study does not exist, or you have no access to it.' },
  study_without_export_fields: { da: 'Studiet bruger kun indikatorer og har ingen eksport.', en: 'The study uses indicators only and has no export.' },
};

/** What a value refused at each of the form's fields needs, said at the field. */
const INVALID_AT: Record<string, Message> = {
  title: { da: 'Skriv studiets titel (højst 200 tegn).', en: 'Write the study’s title (at most 200 characters).' },
  purpose: { da: 'Skriv studiets formål (højst 4000 tegn).', en: 'Write the study’s purpose (at most 4,000 characters).' },
  from: { da: 'Skriv periodens første dag som dd-mm-åååå.', en: 'Write the period’s first day as dd-mm-yyyy.' },
  to: { da: 'Skriv periodens sidste dag som dd-mm-åååå, efter den første.', en: 'Write the period’s last day as dd-mm-yyyy, after the first.' },
  indicators: { da: 'Vælg mindst én indikator eller ét felt i eksporten.', en: 'Choose at least one indicator or one field in the export.' },
  exportFields: { da: 'Vælg kun felter fra listen.', en: 'Choose fields from the list only.' },
  legalBasis: { da: 'Skriv studiets hjemmel (højst 2000 tegn).', en: 'Write the study’s legal basis (at most 2,000 characters).' },
  researcherIds: { da: 'Skriv forskernes id’er uden mellemrum i det enkelte id.', en: 'Write the researchers’ ids without spaces inside an id.' },
  researcherId: { da: 'Skriv forskerens id, uden mellemrum.', en: 'Write the researcher’s id, without spaces.' },
};

/** The form's fields, and which the decider's fields go to (`period.from` is the first-day field, `exportFields.2` the fields' group). */
const REGISTER_FIELDS = ['title', 'purpose', 'from', 'to', 'indicators', 'exportFields', 'legalBasis', 'researcherIds'] as const;
function formFieldOf(deciderField: string): string {
  if (deciderField === 'period.from') return 'from';
  if (deciderField === 'period.to') return 'to';
  const head = deciderField.split('.')[0] ?? '';
  return (REGISTER_FIELDS as readonly string[]).includes(head) ? head : 'title';
}

const periodText = (lang: Lang, s: StudyView) => say(lang, T.fromTo, { from: formatDay(lang, s.period.from), to: formatDay(lang, s.period.to) });
const statusBadge = (lang: Lang, s: StudyView) => (s.status === 'open' ? badge(say(lang, T.open), 'success') : badge(say(lang, T.closed), 'info'));
const exportsText = (lang: Lang, s: StudyView) => (s.exports === 0 || !s.lastExportedAt ? say(lang, T.noExports) : say(lang, T.exportsMade, { n: s.exports, when: formatMoment(lang, s.lastExportedAt) }));
const indicatorName = (lang: Lang, id: (typeof STUDY_INDICATORS)[number]) => INDICATORS[id]?.name[lang] ?? id;

interface RegisterForm {
  values: Record<string, string>;
  indicators: string[];
  exportFields: string[];
  errors: FieldError[];
}

function adminListPage(context: PageContext, studies: readonly StudyView[], form?: RegisterForm, ok?: string): Html {
  const { lang } = context;
  const errors = form?.errors ?? [];
  const v = form?.values ?? {};
  const list =
    studies.length === 0
      ? html`<p>${say(lang, T.none)}</p>`
      : table(
          say(lang, T.studies),
          [{ text: say(lang, T.study) }, { text: say(lang, T.period) }, { text: say(lang, T.status) }, { text: say(lang, T.researchers), numeric: true }, { text: say(lang, T.exports), numeric: true }],
          studies.map((s) => [
            { value: html`<a href="${ADMIN_STUDIES}/${s.studyId}">${s.title}</a>`, header: true },
            { value: periodText(lang, s) },
            { value: statusBadge(lang, s) },
            { value: s.researcherIds?.length ?? 0, numeric: true },
            { value: s.exports, numeric: true },
          ]),
        );
  const body = html`<p class="font-lead">${say(lang, T.adminLead)}</p>
${notice(ok === 'closed' ? say(lang, T.closedOk) : null)}
${list}
<h2>${say(lang, T.register)}</h2>
${postForm(
  context,
  ADMIN_STUDIES,
  html`${textInput({ lang, id: 'title', label: say(lang, T.title), value: v.title, error: errorFor(errors, 'title'), maxLength: TITLE_MAX })}
${textArea({ lang, id: 'purpose', label: say(lang, T.purpose), hint: say(lang, T.purposeHint), value: v.purpose, error: errorFor(errors, 'purpose'), maxLength: PURPOSE_MAX, rows: 4 })}
${dateInput({ lang, id: 'from', label: say(lang, T.from), value: v.from === undefined ? undefined : (parseDay(v.from) ?? v.from), error: errorFor(errors, 'from') })}
${dateInput({ lang, id: 'to', label: say(lang, T.to), value: v.to === undefined ? undefined : (parseDay(v.to) ?? v.to), error: errorFor(errors, 'to') })}
${checkboxGroup({ lang, id: 'indicators', legend: say(lang, T.indicators), choices: STUDY_INDICATORS.map((i) => ({ value: i, label: indicatorName(lang, i) })), checked: form?.indicators ?? [], error: errorFor(errors, 'indicators') })}
${checkboxGroup({ lang, id: 'exportFields', legend: say(lang, T.fields), hint: say(lang, T.fieldsHint), choices: STUDY_EXPORT_FIELD_NAMES.map((f) => ({ value: f, label: say(lang, FIELD_LABELS[f]) })), checked: form?.exportFields ?? [], error: errorFor(errors, 'exportFields') })}
${textArea({ lang, id: 'legalBasis', label: say(lang, T.legalBasis), value: v.legalBasis, error: errorFor(errors, 'legalBasis'), maxLength: LEGAL_BASIS_MAX, rows: 3 })}
${textInput({ lang, id: 'researcherIds', label: say(lang, T.researcherIds), hint: say(lang, T.researcherIdsHint), value: v.researcherIds, error: errorFor(errors, 'researcherIds'), required: false, autocomplete: 'off' })}
${button(say(lang, T.registerButton), { id: 'register-study' })}`,
  { id: 'register-form' },
)}`;
  return page(context, { title: say(lang, T.adminTitle), body, errors });
}

function adminStudyPage(context: PageContext, s: StudyView, ok?: string, errors: FieldError[] = []): Html {
  const { lang } = context;
  const okText = ok === 'registered' ? T.registered : ok === 'granted' ? T.granted : ok === 'revoked' ? T.revoked : null;
  const researchers = s.researcherIds ?? [];
  const base = `${ADMIN_STUDIES}/${s.studyId}`;
  const body = html`<p><a href="${ADMIN_STUDIES}">${say(lang, T.back)}</a></p>
${notice(okText ? say(lang, okText) : null)}
${details(lang, s)}
<h2 id="researchers" tabindex="-1">${say(lang, T.researchers)}</h2>
${
  researchers.length === 0
    ? html`<p>${say(lang, T.nobody)}</p>`
    : html`<ul class="nobullet-list">${researchers.map(
        (id) => html`<li>${id} ${s.status === 'open' ? postForm(context, `${base}/adgang/fjern`, html`${hidden('researcherId', id)}<button type="submit" class="button button-tertiary">${say(lang, T.revokeFor, { id })}</button>`, { idempotent: true }) : null}</li>`,
      )}</ul>`
}
${
  s.status === 'open'
    ? html`<h2>${say(lang, T.grant)}</h2>
${postForm(context, `${base}/adgang`, html`${textInput({ lang, id: 'researcherId', label: say(lang, T.researcherId), error: errorFor(errors, 'researcherId'), maxLength: RESEARCHER_ID_MAX, autocomplete: 'off' })}${button(say(lang, T.grantButton), { id: 'grant' })}`, { id: 'grant-form' })}
<h2>${say(lang, T.close)}</h2>
<p>${say(lang, T.closeHint)}</p>
${postForm(context, `${base}/luk`, html`${button(say(lang, T.close), { variant: 'secondary', id: 'close-study' })}`, { id: 'close-form' })}`
    : null
}`;
  return page(context, { title: s.title, body, errors });
}

function details(lang: Lang, s: StudyView): Html {
  return summaryList([
    { label: say(lang, T.status), value: statusBadge(lang, s) },
    { label: say(lang, T.period), value: periodText(lang, s) },
    { label: say(lang, T.purpose), value: s.purpose },
    { label: say(lang, T.indicators), value: s.indicators.length === 0 ? '–' : s.indicators.map((i) => indicatorName(lang, i)).join(', ') },
    { label: say(lang, T.fields), value: s.exportFields.length === 0 ? '–' : s.exportFields.map((f) => say(lang, FIELD_LABELS[f])).join(', ') },
    { label: say(lang, T.legalBasis), value: s.legalBasis },
    { label: say(lang, T.exports), value: exportsText(lang, s) },
  ]);
}

function researcherListPage(context: PageContext, studies: readonly StudyView[]): Html {
  const { lang } = context;
  const body = html`<p class="font-lead">${say(lang, T.researcherLead)}</p>
${
  studies.length === 0
    ? alert('info', say(lang, T.noneGranted))
    : table(
        say(lang, T.studies),
        [{ text: say(lang, T.study) }, { text: say(lang, T.period) }, { text: say(lang, T.status) }],
        studies.map((s) => [{ value: html`<a href="${RESEARCHER_STUDIES}/${s.studyId}">${s.title}</a>`, header: true }, { value: periodText(lang, s) }, { value: statusBadge(lang, s) }]),
      )
}`;
  return page(context, { title: say(lang, T.researcherTitle), body });
}

function researcherStudyPage(context: PageContext, s: StudyView, errors: FieldError[] = [], format: ExportFormat = 'parquet'): Html {
  const { lang } = context;
  const base = `${RESEARCHER_STUDIES}/${s.studyId}`;
  const download =
    s.status !== 'open'
      ? alert('info', say(lang, T.closedNoExport))
      : s.exportFields.length === 0
        ? alert('info', say(lang, T.noFields))
        : html`<h2>${say(lang, T.download)}</h2>
${postForm(
  context,
  `${base}/eksport`,
  html`${radioGroup({ lang, id: 'format', legend: say(lang, T.format), checked: format, error: errorFor(errors, 'format'), choices: EXPORT_FORMATS.map((f) => ({ value: f, label: say(lang, T[f]) })) })}${button(say(lang, T.downloadButton), { id: 'download' })}`,
  { id: 'export-form', idempotent: false },
)}
<p><a href="${base}/datadokumentation" id="dictionary-link">${say(lang, T.dictionary)}</a></p>`;
  const body = html`<p><a href="${RESEARCHER_STUDIES}">${say(lang, T.back)}</a></p>
${details(lang, s)}
${download}`;
  return page(context, { title: s.title, body, errors });
}

/** The researcher ids a form gives: separated by spaces or commas. */
const idsOf = (text: string | undefined) => (text ?? '').split(/[\s,]+/).filter((id) => id.length > 0);

export const studiesArea: WebArea = {
  // The first segments are the admin's and the researcher's areas'; a miss under them is their 404.
  segments: [],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, commands, sessionKey, researchKey } = options;
    const db = database.db;
    const { handler } = commands;
    const asAdmin = (request: FastifyRequest, reply: FastifyReply) => asRole(request, reply, sessionKey, ['admin']);
    const asResearcher = (request: FastifyRequest, reply: FastifyReply) => asRole(request, reply, sessionKey, ['researcher']);
    type Admin = NonNullable<Awaited<ReturnType<typeof asAdmin>>>;
    const study = (admin: Admin, command: Omit<StudyCommand, 'now' | 'principal'>, context: CommandContext) =>
      handler.handle(studyDecider, { ...command, now: new Date().toISOString(), principal: admin.principal } as StudyCommand, context);
    const contextOf = (request: FastifyRequest, fields: Record<string, string>) => formCommandContext(pathOf(request), fieldOf(request.body, IDEMPOTENCY_FIELD), fields);
    const refusal = (lang: Lang, error: DomainError, field: string) =>
      error instanceof InvalidValue && INVALID_AT[field] ? { field, message: say(lang, INVALID_AT[field]) } : refusalOf(lang, error, field, REFUSALS);
    const studyIdOf = (request: FastifyRequest) => {
      const id = textOf(request.params, 'studyId');
      return id && isUuid(id) ? id.toLowerCase() : undefined;
    };

    // ---- The administrator's ----

    const showList = async (reply: FastifyReply, admin: Admin, status: number, form?: RegisterForm) =>
      sendPage(reply, status, adminListPage(admin.context, await listStudies(db, admin.principal), form, queryOf(reply.request, 'ok')));

    app.get(ADMIN_STUDIES, hide, async (request, reply) => {
      const admin = await asAdmin(request, reply);
      if (!admin) return reply;
      return showList(reply, admin, 200);
    });

    app.post(ADMIN_STUDIES, hide, async (request, reply) => {
      const admin = await asAdmin(request, reply);
      if (!admin) return reply;
      const { lang } = admin.context;
      const text = (name: string) => textOf(request.body, name) ?? '';
      const values = Object.fromEntries(['title', 'purpose', 'from', 'to', 'legalBasis', 'researcherIds'].map((n) => [n, text(n)]));
      const indicators = valuesOf(request.body, 'indicators');
      const exportFields = valuesOf(request.body, 'exportFields');
      const form = (errors: FieldError[]): RegisterForm => ({ values, indicators, exportFields, errors });
      const context = contextOf(request, { ...values, indicators: indicators.join(','), exportFields: exportFields.join(',') });
      if (!context) return sendPage(reply, 400, badRequestPage(admin.context));
      // As POST /studies: the study's id derived from the command id with the same label.
      const studyId = derivedId(context.commandId, 'studyId');
      try {
        await study(
          admin,
          {
            type: 'RegisterStudy',
            data: { studyId, title: values.title ?? '', purpose: values.purpose ?? '', period: { from: parseDay(values.from) ?? values.from ?? '', to: parseDay(values.to) ?? values.to ?? '' }, indicators, exportFields, legalBasis: values.legalBasis ?? '', researcherIds: idsOf(values.researcherIds) },
          },
          context,
        );
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return showList(reply, admin, refusalStatus(error), form([refusal(lang, error, formFieldOf(String(error.details.field ?? 'title')))]));
      }
      return seeOther(reply, `${ADMIN_STUDIES}/${studyId}?ok=registered`);
    });

    async function adminStudy(request: FastifyRequest, reply: FastifyReply, admin: Admin): Promise<StudyView | null> {
      const id = studyIdOf(request);
      const found = id ? await getStudy(db, admin.principal, id) : undefined;
      if (!found) {
        sendPage(reply, 404, notFoundPage(admin.context));
        return null;
      }
      return found;
    }

    app.get(`${ADMIN_STUDIES}/:studyId`, hide, async (request, reply) => {
      const admin = await asAdmin(request, reply);
      if (!admin) return reply;
      const found = await adminStudy(request, reply, admin);
      if (!found) return reply;
      return sendPage(reply, 200, adminStudyPage(admin.context, found, queryOf(request, 'ok')));
    });

    /** A change to one study from its page: the command, then back to the page with what happened, or the page with the refusal. */
    const change = (path: string, field: string, command: (studyId: string, body: unknown) => Omit<StudyCommand, 'now' | 'principal'>, ok: string) =>
      app.post(`${ADMIN_STUDIES}/:studyId/${path}`, hide, async (request, reply) => {
        const admin = await asAdmin(request, reply);
        if (!admin) return reply;
        const found = await adminStudy(request, reply, admin);
        if (!found) return reply;
        const researcherId = textOf(request.body, 'researcherId')?.trim() ?? '';
        const context = contextOf(request, { researcherId });
        if (!context) return sendPage(reply, 400, badRequestPage(admin.context));
        try {
          await study(admin, command(found.studyId, researcherId), context);
        } catch (error) {
          if (!isRefusal(error)) throw error;
          // The page as it is now; a study closed meanwhile has no forms left, so the refusal links to the page itself.
          const fresh = (await getStudy(db, admin.principal, found.studyId)) ?? found;
          return sendPage(reply, refusalStatus(error), adminStudyPage(admin.context, fresh, undefined, [refusal(admin.context.lang, error, fresh.status === 'open' ? field : 'main-content')]));
        }
        return seeOther(reply, ok === 'closed' ? `${ADMIN_STUDIES}?ok=closed` : `${ADMIN_STUDIES}/${found.studyId}?ok=${ok}`);
      });
    change('adgang', 'researcherId', (studyId, researcherId) => ({ type: 'GrantStudyAccess', data: { studyId, researcherId: String(researcherId) } }), 'granted');
    change('adgang/fjern', 'researchers', (studyId, researcherId) => ({ type: 'RevokeStudyAccess', data: { studyId, researcherId: String(researcherId) } }), 'revoked');
    change('luk', 'close-study', (studyId) => ({ type: 'CloseStudy', data: { studyId } }), 'closed');

    // ---- The researcher's ----

    app.get(RESEARCHER_STUDIES, hide, async (request, reply) => {
      const me = await asResearcher(request, reply);
      if (!me) return reply;
      return sendPage(reply, 200, researcherListPage(me.context, await listStudies(db, me.principal)));
    });

    async function researcherStudy(request: FastifyRequest, reply: FastifyReply, me: NonNullable<Awaited<ReturnType<typeof asResearcher>>>): Promise<StudyView | null> {
      const id = studyIdOf(request);
      const found = id ? await getStudy(db, me.principal, id) : undefined;
      if (!found) {
        sendPage(reply, 404, notFoundPage(me.context));
        return null;
      }
      return found;
    }

    app.get(`${RESEARCHER_STUDIES}/:studyId`, hide, async (request, reply) => {
      const me = await asResearcher(request, reply);
      if (!me) return reply;
      const found = await researcherStudy(request, reply, me);
      if (!found) return reply;
      return sendPage(reply, 200, researcherStudyPage(me.context, found));
    });

    app.post(`${RESEARCHER_STUDIES}/:studyId/eksport`, hide, async (request, reply) => {
      const me = await asResearcher(request, reply);
      if (!me) return reply;
      const found = await researcherStudy(request, reply, me);
      if (!found) return reply;
      const format = textOf(request.body, 'format');
      if (format !== 'csv' && format !== 'parquet') {
        return sendPage(reply, 400, researcherStudyPage(me.context, found, [{ field: 'format', message: say(me.context.lang, { da: 'Vælg et format.', en: 'Choose a format.' }) }]));
      }
      try {
        const made = await makeStudyExport({ db, handler, researchKey, vault: options.vault }, { principal: me.principal, studyId: found.studyId, format });
        const stream = createReadStream(made.path);
        stream.once('close', () => void made.remove());
        return reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/vnd.apache.parquet')
          .header('content-disposition', `attachment; filename="${made.file}"`)
          .header('x-row-count', String(made.rows))
          .header('cache-control', 'no-store')
          .send(stream);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        // Access ended or the study closed since the page was shown: the page again, as it is now.
        const fresh = (await getStudy(db, me.principal, found.studyId)) ?? found;
        return sendPage(reply, refusalStatus(error), researcherStudyPage(me.context, fresh, [refusal(me.context.lang, error, fresh.status === 'open' ? 'format' : 'main-content')], format));
      }
    });

    app.get(`${RESEARCHER_STUDIES}/:studyId/datadokumentation`, hide, async (request, reply) => {
      const me = await asResearcher(request, reply);
      if (!me) return reply;
      const id = studyIdOf(request);
      try {
        if (!id) throw new InvalidValue('studyId', 'not a study');
        const found = await studyForExport(db, me.principal, id);
        return reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename="study-${found.studyId}-dictionary.md"`).send(dictionaryMarkdown(dataDictionary(found)));
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return sendPage(reply, 404, notFoundPage(me.context));
      }
    });
  },
};
