/**
 * The `studies` read model, given events: a study registered, access granted and revoked, exports
 * counted, closed; and its queries' rule of who reads which study, and who may receive an export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUDY_EVENT_SCHEMA_VERSIONS, type StudyEvent, studyStreamId } from '../src/domain/study/study.js';
import { newId } from '../src/ids.js';
import { studiesProjection } from '../src/projections/studies/projection.js';
import { exportableStudy, getStudy, listStudies, studyById } from '../src/projections/studies/queries.js';
import { EventLog, projectionSpecs } from './support/projection-spec.js';

const specs = projectionSpecs(studiesProjection);
beforeAll(specs.setUp);
afterAll(specs.tearDown);

const admin = { actor: { id: 'admin-1', role: 'admin' }, at: '2027-01-02T09:00:00.000+01:00' };
const researcher = (id: string, at: string) => ({ actor: { id, role: 'researcher' }, at });

function history(log: EventLog, studyId = newId()) {
  const study = log.stream<StudyEvent>(studyStreamId(studyId), STUDY_EVENT_SCHEMA_VERSIONS);
  const registered = study(
    {
      type: 'StudyRegistered',
      data: {
        studyId,
        title: 'Evaluering',
        purpose: 'At forstå brugen af huset.',
        period: { from: '2027-01-01', to: '2027-12-31' },
        indicators: ['contacts_per_citizen'],
        exportFields: ['citizen_pseudonym', 'event_month'],
        legalBasis: 'Databeskyttelseslovens § 10.',
        researcherIds: ['r-1', 'r-2'],
      },
    },
    admin,
  );
  return {
    studyId,
    registered,
    granted: study({ type: 'StudyAccessGranted', data: { studyId, researcherId: 'r-3' } }, admin),
    revoked: study({ type: 'StudyAccessRevoked', data: { studyId, researcherId: 'r-2' } }, admin),
    exported: study({ type: 'StudyExported', data: { studyId, format: 'parquet', rows: 17 } }, researcher('r-1', '2027-02-03T10:00:00.000+01:00')),
    closed: study({ type: 'StudyClosed', data: { studyId } }, { ...admin, at: '2027-03-01T09:00:00.000+01:00' }),
  };
}

describe('the studies read model', () => {
  it('handles exactly the study events, inline (so a revocation holds for the next export)', () => {
    expect([...(studiesProjection.handles === 'all' ? [] : studiesProjection.handles)].sort()).toEqual(Object.keys(STUDY_EVENT_SCHEMA_VERSIONS).sort());
    expect(studiesProjection.mode).toBe('inline');
  });

  it('keeps each study, who has access, and how many exports were handed out', async () => {
    const spec = await specs.fresh();
    const h = history(new EventLog());
    await spec.given([h.registered, h.granted], [h.revoked, h.exported]);
    await spec.serve();
    const view = await studyById(spec.db, h.studyId);
    expect(view).toMatchObject({ status: 'open', researcherIds: ['r-1', 'r-3'], exports: 1, lastExportedAt: '2027-02-03T09:00:00.000Z', period: { from: '2027-01-01', to: '2027-12-31' }, exportFields: ['citizen_pseudonym', 'event_month'] });
    expect(await exportableStudy(spec.db, 'r-3', h.studyId)).toBeDefined();
    expect(await exportableStudy(spec.db, 'r-2', h.studyId)).toBeUndefined();
  });

  it('shows a researcher their own studies without the others on them; an administrator all, with researchers; anyone else none', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const mine = history(log);
    const other = history(log);
    await spec.given([mine.registered, other.registered, mine.granted]);
    await spec.serve();
    const asR3 = await listStudies(spec.db, { id: 'r-3', role: 'researcher' });
    expect(asR3.map((s) => s.studyId)).toEqual([mine.studyId]);
    expect(asR3[0]!.researcherIds).toBeUndefined();
    expect(await getStudy(spec.db, { id: 'r-3', role: 'researcher' }, other.studyId)).toBeUndefined();
    expect((await listStudies(spec.db, { id: 'a', role: 'admin' })).map((s) => s.studyId).sort()).toEqual([mine.studyId, other.studyId].sort());
    expect(await listStudies(spec.db, { id: 'r-1', role: 'staff', centreId: 'c' })).toEqual([]);
    expect(await listStudies(spec.db, { id: 'r-1', role: 'auditor' })).toEqual([]);
  });

  it('ends every export when a study is closed, and keeps it readable', async () => {
    const spec = await specs.fresh();
    const h = history(new EventLog());
    await spec.given([h.registered, h.closed]);
    await spec.serve();
    expect(await exportableStudy(spec.db, 'r-1', h.studyId)).toBeUndefined();
    expect(await getStudy(spec.db, { id: 'r-1', role: 'researcher' }, h.studyId)).toMatchObject({ status: 'closed', closedAt: '2027-03-01T08:00:00.000Z' });
  });
});
