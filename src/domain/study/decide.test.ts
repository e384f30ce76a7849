import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { CATALOGUE } from '../../audit/catalogue.js';
import { payloadProblems } from '../../audit/checks/payload.js';
import { CoerciveWording, Conflict, Forbidden, InvalidValue, NotFound } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { type CloseStudy, type GrantStudyAccess, type RecordStudyExport, type RegisterStudy, type RevokeStudyAccess, studyDecider } from './decide.js';
import { mayReceiveExports, STUDY_EVENT_SCHEMA_VERSIONS, STUDY_EXPORT_FIELDS, type StudyEvent } from './study.js';

const studyId = '0190f5f0-0000-7000-8000-0000000000a1';
const now = '2026-11-22T09:00:00.000+01:00';
const admin: Principal = { id: 'a', role: 'admin' };
const researcher: Principal = { id: 'r-1', role: 'researcher' };
const others: Principal[] = [researcher, { id: 's', role: 'staff', centreId: 'c-1' }, { id: 'b', role: 'board_member', centreId: 'c-1' }, { id: 'x', role: 'auditor' }, { id: 'c', role: 'citizen' }];

const purpose = 'At sammenligne brugen af Virkelyst med nuværende jobcentre: kontakter, samtaler, tilbud og selvrapporterede resultater.';
const legalBasis = 'Databeskyttelsesforordningens art. 6, stk. 1, litra e, og art. 9, stk. 2, litra j; databeskyttelseslovens § 10.';
const registration = {
  title: 'Evaluering af Virkelyst 2027',
  purpose,
  period: { from: '2027-01-01', to: '2027-12-31' },
  indicators: ['offer_uptake_rate', 'contacts_per_citizen'],
  exportFields: ['event_month', 'citizen_pseudonym', 'municipality_code', 'offer_kind', 'answer'],
  legalBasis,
  researcherIds: ['r-1', 'r-2', 'r-1'],
};
const registered: StudyEvent = {
  type: 'StudyRegistered',
  data: {
    studyId,
    title: 'Evaluering af Virkelyst 2027',
    purpose,
    period: { from: '2027-01-01', to: '2027-12-31' },
    indicators: ['contacts_per_citizen', 'offer_uptake_rate'],
    exportFields: ['citizen_pseudonym', 'municipality_code', 'event_month', 'offer_kind', 'answer'],
    legalBasis,
    researcherIds: ['r-1', 'r-2'],
  },
};
const granted: StudyEvent = { type: 'StudyAccessGranted', data: { studyId, researcherId: 'r-3' } };
const revoked: StudyEvent = { type: 'StudyAccessRevoked', data: { studyId, researcherId: 'r-2' } };
const closed: StudyEvent = { type: 'StudyClosed', data: { studyId } };

const register = (change: Partial<typeof registration> = {}, principal: Principal = admin): RegisterStudy => ({ type: 'RegisterStudy', now, principal, data: { studyId, ...registration, ...change } });
const grant = (researcherId: string, principal: Principal = admin): GrantStudyAccess => ({ type: 'GrantStudyAccess', now, principal, data: { studyId, researcherId } });
const revoke = (researcherId: string, principal: Principal = admin): RevokeStudyAccess => ({ type: 'RevokeStudyAccess', now, principal, data: { studyId, researcherId } });
const close = (principal: Principal = admin): CloseStudy => ({ type: 'CloseStudy', now, principal, data: { studyId } });
const exportOf = (principal: Principal, format = 'parquet', rows = 1234): RecordStudyExport => ({ type: 'RecordStudyExport', now, principal, data: { studyId, format, rows } });
const exported: StudyEvent = { type: 'StudyExported', data: { studyId, format: 'parquet', rows: 1234 } };

describe('registering a study', () => {
  it('records its texts tidied, its lists in their declared order and each researcher once', () => {
    given(studyDecider).when(register({ title: '  Evaluering af   Virkelyst 2027 ' })).then([registered]);
  });

  it('is for administrators only: researchers register nothing themselves', () => {
    for (const principal of others) given(studyDecider).when(register({}, principal)).thenError(Forbidden, 'forbidden');
  });

  it('refuses to register the same study twice, also once it is closed', () => {
    given(studyDecider, [registered]).when(register()).thenError(Conflict, 'study_exists', { studyId });
    given(studyDecider, [registered, closed]).when(register()).thenError(Conflict, 'study_exists');
  });

  it('refuses a period that does not end after it begins, or is not dates', () => {
    const bad: [{ from: string; to: string }, string][] = [
      [{ from: '2027-06-01', to: '2027-06-01' }, 'period.to'],
      [{ from: '2027-06-01', to: '2027-01-01' }, 'period.to'],
      [{ from: '2027-13-01', to: '2027-12-31' }, 'period.from'],
      [{ from: '2027-01-01', to: '2027-12-31T00:00:00Z' }, 'period.to'],
    ];
    for (const [period, field] of bad) given(studyDecider).when(register({ period })).thenError(InvalidValue, 'invalid_value', { field });
  });

  it('refuses an indicator or an export field outside the declared lists, naming its place', () => {
    given(studyDecider).when(register({ indicators: ['offer_uptake_rate', 'sanctions_applied'] })).thenError(InvalidValue, 'invalid_value', { field: 'indicators.1' });
    for (const field of ['name', 'phone', 'email', 'cpr', 'goal_text', 'notes', 'event_date', 'benefit_status', 'income']) {
      given(studyDecider).when(register({ exportFields: ['event_week', field] })).thenError(InvalidValue, 'invalid_value', { field: 'exportFields.1' });
    }
  });

  it('needs at least one indicator or export field', () => {
    given(studyDecider).when(register({ indicators: [], exportFields: [] })).thenError(InvalidValue, 'invalid_value', { field: 'indicators' });
    given(studyDecider).when(register({ indicators: [], exportFields: ['count'] })).then([{ ...registered, data: { ...registered.data, indicators: [], exportFields: ['count'] } }] as StudyEvent[]);
  });

  it('refuses empty or overlong texts, naming the field', () => {
    for (const field of ['title', 'purpose', 'legalBasis'] as const) {
      given(studyDecider).when(register({ [field]: '   ' })).thenError(InvalidValue, 'invalid_value', { field });
      given(studyDecider).when(register({ [field]: 'x'.repeat(5000) })).thenError(InvalidValue, 'invalid_value', { field });
    }
  });

  it('refuses texts that speak of benefits or sanctions: research here never bears on a person’s income or sanctions anyone', () => {
    const cases: [keyof typeof registration, string][] = [
      ['purpose', 'At se om deltagelse påvirker borgerens dagpenge'],
      ['purpose', 'Find citizens whose benefits should be reviewed'],
      ['legalBasis', 'Data deles med ydelseskontoret til sanktion'],
      ['title', 'Sanktioner og rådighed'],
    ];
    for (const [field, text] of cases) given(studyDecider).when(register({ [field]: text })).thenError(CoerciveWording, 'coercive_wording', { field });
  });

  it('refuses a researcher id that is not one identity', () => {
    given(studyDecider).when(register({ researcherIds: ['r-1', 'two words'] })).thenError(InvalidValue, 'invalid_value', { field: 'researcherIds.1' });
    given(studyDecider).when(register({ researcherIds: [''] })).thenError(InvalidValue, 'invalid_value', { field: 'researcherIds.0' });
  });

  it('declares only coarse fields: no free text, names, contact data or exact dates', () => {
    for (const field of Object.keys(STUDY_EXPORT_FIELDS)) expect(field).not.toMatch(/name|phone|mail|address|text|note|reason|date|cpr|benefit|income|sanction/);
  });
});

describe('access to a study', () => {
  it('is granted and revoked by an administrator', () => {
    given(studyDecider, [registered]).when(grant('r-3')).then([granted]);
    given(studyDecider, [registered]).when(revoke('r-2')).then([revoked]);
    for (const principal of others) {
      given(studyDecider, [registered]).when(grant(principal.id, principal)).thenError(Forbidden);
      given(studyDecider, [registered]).when(revoke('r-2', principal)).thenError(Forbidden);
    }
  });

  it('changes nothing when the researcher has access already; refuses to revoke access nobody has', () => {
    given(studyDecider, [registered]).when(grant('r-1')).thenNothing();
    given(studyDecider, [registered, revoked]).when(revoke('r-2')).thenError(Conflict, 'access_not_granted');
  });

  it('decides who may receive exports: granted researchers of an open study', () => {
    const state = (events: StudyEvent[]) => events.reduce(studyDecider.evolve, studyDecider.initialState);
    expect(mayReceiveExports(state([]), 'r-1')).toBe(false);
    expect(mayReceiveExports(state([registered]), 'r-1')).toBe(true);
    expect(mayReceiveExports(state([registered, granted]), 'r-3')).toBe(true);
    expect(mayReceiveExports(state([registered, revoked]), 'r-2')).toBe(false);
    expect(mayReceiveExports(state([registered, closed]), 'r-1')).toBe(false);
  });

  it('refuses a study that does not exist', () => {
    given(studyDecider).when(grant('r-3')).thenError(NotFound, 'study_not_found', { studyId });
    given(studyDecider).when(close()).thenError(NotFound, 'study_not_found');
  });
});

describe('closing a study', () => {
  it('is an administrator’s, and ends its exports', () => {
    given(studyDecider, [registered]).when(close()).then([closed]);
    for (const principal of others) given(studyDecider, [registered]).when(close(principal)).thenError(Forbidden);
  });

  it('leaves the study unchanged for good', () => {
    const after = [registered, closed];
    given(studyDecider, after).when(grant('r-3')).thenError(Conflict, 'study_closed', { studyId });
    given(studyDecider, after).when(revoke('r-1')).thenError(Conflict, 'study_closed');
    given(studyDecider, after).when(close()).thenError(Conflict, 'study_closed');
  });
});

describe('an export put on record', () => {
  it('is a granted researcher’s, of an open study, with its format and its number of rows', () => {
    given(studyDecider, [registered]).when(exportOf(researcher)).then([exported]);
    given(studyDecider, [registered, granted]).when(exportOf({ id: 'r-3', role: 'researcher' }, 'csv', 0)).then([{ type: 'StudyExported', data: { studyId, format: 'csv', rows: 0 } }]);
  });

  it('is refused as an unknown study to a researcher never granted, revoked, or of a closed or unregistered study: the refusal tells nothing', () => {
    given(studyDecider, [registered]).when(exportOf({ id: 'r-9', role: 'researcher' })).thenError(NotFound, 'study_not_found', { studyId });
    given(studyDecider, [registered, revoked]).when(exportOf({ id: 'r-2', role: 'researcher' })).thenError(NotFound, 'study_not_found');
    given(studyDecider, [registered, closed]).when(exportOf(researcher)).thenError(NotFound, 'study_not_found');
    given(studyDecider).when(exportOf(researcher)).thenError(NotFound, 'study_not_found');
  });

  it('is for researchers and for an administrator’s export on the server (the CLI), never another role', () => {
    given(studyDecider, [registered]).when(exportOf(admin)).then([exported]);
    given(studyDecider, [registered, closed]).when(exportOf(admin)).thenError(NotFound, 'study_not_found');
    for (const principal of others.filter((p) => p.role !== 'researcher')) given(studyDecider, [registered]).when(exportOf(principal)).thenError(Forbidden);
  });

  it('is refused for a study of indicators only: it has nothing to export', () => {
    const indicatorsOnly: StudyEvent = { ...registered, data: { ...registered.data, exportFields: [] } } as StudyEvent;
    given(studyDecider, [indicatorsOnly]).when(exportOf(researcher)).thenError(NotFound, 'study_without_export_fields', { studyId });
  });

  it('refuses an unknown format or a number of rows that is not a whole number', () => {
    given(studyDecider, [registered]).when(exportOf(researcher, 'xlsx')).thenError(InvalidValue, 'invalid_value', { field: 'format' });
    for (const rows of [-1, 1.5, Number.NaN]) given(studyDecider, [registered]).when(exportOf(researcher, 'csv', rows)).thenError(InvalidValue, 'invalid_value', { field: 'rows' });
  });

  it('changes nothing about the study', () => {
    const state = (events: StudyEvent[]) => events.reduce(studyDecider.evolve, studyDecider.initialState);
    expect(state([registered, exported])).toEqual(state([registered]));
  });
});

describe('the study events in the audit catalogue', () => {
  it('are declared, each with the fields the decider writes and nothing personal', () => {
    const metadata = { actor: { id: 'a', role: 'admin' }, commandId: 'cmd-1', occurredAt: now };
    for (const event of [registered, granted, revoked, closed, exported]) {
      const entry = CATALOGUE.find((e) => e.type === event.type);
      expect(entry, event.type).toBeDefined();
      expect(JSON.stringify(entry!.fields)).not.toContain('sealed');
      expect(payloadProblems(event.type, event.data, metadata), event.type).toEqual([]);
    }
    expect(Object.keys(STUDY_EVENT_SCHEMA_VERSIONS).sort()).toEqual(['StudyAccessGranted', 'StudyAccessRevoked', 'StudyClosed', 'StudyExported', 'StudyRegistered']);
  });
});
