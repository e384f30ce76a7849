/**
 * Studies through the API: an administrator registers them, grants and revokes access, closes
 * them; researchers read the studies they are granted and receive their exports, each export on
 * record. A revocation or a closing holds for the very next export.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { studyPseudonymiser } from '../src/research/pseudonym.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let admin: string;
let alice: string;
let bob: string;
let citizenId: string;
let centreId: string;

const registration = {
  title: 'Evaluering af Virkelyst',
  purpose: 'At sammenligne brugen af huset med nuværende jobcentre.',
  period: { from: '2020-01-01', to: '2035-12-31' },
  indicators: ['contacts_per_citizen'],
  exportFields: ['citizen_pseudonym', 'municipality_code', 'event_week', 'event_kind', 'channel'],
  legalBasis: 'Databeskyttelseslovens § 10.',
  researcherIds: ['alice'],
};

const as = (token: string, method: 'GET' | 'POST', url: string, payload?: object, key = newId()): InjectOptions => ({
  method,
  url,
  headers: { authorization: `Bearer ${token}`, ...(method === 'POST' ? { 'idempotency-key': key } : {}) },
  ...(payload ? { payload } : {}),
});
async function ok(request: InjectOptions) {
  const response = await t.app.inject(request);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response;
}
async function refused(request: InjectOptions, status: number) {
  const events = await t.eventCount();
  const response = await t.app.inject(request);
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(await t.eventCount()).toBe(events);
  return response.json();
}
const register = async (change: object = {}) => (await ok(as(admin, 'POST', '/studies', { ...registration, ...change }))).json().studyId as string;
const exportOf = (token: string, studyId: string, format = 'csv') => as(token, 'GET', `/research/studies/${studyId}/export?format=${format}`);

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.token('admin', undefined, 'admin-1');
  alice = await t.token('researcher', undefined, 'alice');
  bob = await t.token('researcher', undefined, 'bob');
  centreId = (await ok(as(admin, 'POST', '/centres', { municipalityCode: '461', name: 'Virkelyst Odense' }))).json().centreId;
  await t.engine.settle();
  citizenId = newId();
  const citizen = await t.token('citizen', undefined, citizenId);
  await ok(as(citizen, 'POST', '/journeys', { centreId }));
  await ok(as(citizen, 'POST', `/journeys/${citizenId}/goals`, { text: 'Blive tømrer', category: 'job' }));
  await t.engine.settle();
});
afterAll(async () => t.close());

describe('an administrator’s studies', () => {
  it('registers a study, once per Idempotency-Key, with its Location', async () => {
    const key = newId();
    const first = await ok(as(admin, 'POST', '/studies', registration, key));
    const again = await ok(as(admin, 'POST', '/studies', registration, key));
    expect(first.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ duplicate: true, studyId: first.json().studyId });
    expect(first.headers.location).toBe(`/studies/${first.json().studyId}`);
    const read = (await ok(as(admin, 'GET', first.headers.location!))).json();
    expect(read).toMatchObject({ status: 'open', researcherIds: ['alice'], exportFields: registration.exportFields, exports: 0 });
  });

  it('refuses bad input with a problem naming the field, recording nothing', async () => {
    const cases: [object, string][] = [
      [{ exportFields: ['event_week', 'goal_text'] }, 'exportFields.1'],
      [{ indicators: ['sanctions_applied'] }, 'indicators.0'],
      [{ period: { from: '2027-13-01', to: '2027-12-31' } }, 'period.from'],
      [{ title: '' }, 'title'],
      [{ researcherIds: ['two words'] }, 'researcherIds.0'],
      [{ benefitLink: true }, 'benefitLink'],
    ];
    for (const [change, field] of cases) {
      const problem = await refused(as(admin, 'POST', '/studies', { ...registration, ...change }), 400);
      expect(JSON.stringify(problem), field).toContain(field);
    }
    const late = await refused(as(admin, 'POST', '/studies', { ...registration, period: { from: '2027-06-01', to: '2027-01-01' } }), 400);
    expect(late).toMatchObject({ code: 'invalid_value', field: 'period.to' });
    expect((await refused(as(admin, 'POST', '/studies', { ...registration, purpose: 'At finde borgere hvis dagpenge skal sanktioneres' }), 400)).code).toBe('coercive_wording');
  });

  it('is the administrator’s alone: researchers register nothing and grant themselves nothing', async () => {
    const studyId = await register();
    expect((await refused(as(alice, 'POST', '/studies', registration), 403)).code).toBe('forbidden');
    expect((await refused(as(bob, 'POST', `/studies/${studyId}/researchers`, { researcherId: 'bob' }), 403)).code).toBe('forbidden');
    expect((await refused(as(alice, 'POST', `/studies/${studyId}/close`), 403)).code).toBe('forbidden');
  });

  it('grants, revokes and closes; a closed study changes no more', async () => {
    const studyId = await register();
    await ok(as(admin, 'POST', `/studies/${studyId}/researchers`, { researcherId: 'bob' }));
    expect((await ok(as(admin, 'GET', `/studies/${studyId}`))).json().researcherIds).toEqual(['alice', 'bob']);
    await ok(as(admin, 'POST', `/studies/${studyId}/researchers/bob/revoke`));
    expect((await refused(as(admin, 'POST', `/studies/${studyId}/researchers/bob/revoke`), 409)).code).toBe('access_not_granted');
    await ok(as(admin, 'POST', `/studies/${studyId}/close`));
    expect((await ok(as(admin, 'GET', `/studies/${studyId}`))).json()).toMatchObject({ status: 'closed', researcherIds: ['alice'] });
    expect((await refused(as(admin, 'POST', `/studies/${studyId}/researchers`, { researcherId: 'bob' }), 409)).code).toBe('study_closed');
    expect((await refused(as(admin, 'POST', `/studies/${newId()}/close`), 404)).code).toBe('study_not_found');
  });
});

describe('what researchers read', () => {
  it('lists to a researcher only the studies they are granted, without the other researchers', async () => {
    const mine = await register({ title: 'Alices studie', researcherIds: ['alice'] });
    const theirs = await register({ title: 'Bobs studie', researcherIds: ['bob'] });
    const listed = (await ok(as(alice, 'GET', '/studies'))).json().studies as { studyId: string; researcherIds?: string[] }[];
    expect(listed.map((s) => s.studyId)).toContain(mine);
    expect(listed.map((s) => s.studyId)).not.toContain(theirs);
    expect(listed.every((s) => s.researcherIds === undefined)).toBe(true);
    expect((await refused(as(alice, 'GET', `/studies/${theirs}`), 404)).code).toBe('study_not_found');
    const all = (await ok(as(admin, 'GET', '/studies'))).json().studies as { studyId: string }[];
    expect(all.map((s) => s.studyId)).toEqual(expect.arrayContaining([mine, theirs]));
    for (const role of ['staff', 'citizen', 'auditor', 'board_member'] as const) {
      const token = await t.token(role, role === 'staff' || role === 'board_member' ? centreId : undefined);
      expect((await refused(as(token, 'GET', '/studies'), 403)).code).toBe('forbidden');
    }
  });
});

describe('a study’s export', () => {
  it('goes to a granted researcher: the study’s pseudonyms and fields, its row count, its dictionary linked, and on record', async () => {
    const studyId = await register();
    const response = await ok(exportOf(alice, studyId, 'csv'));
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="study-${studyId}.csv"`);
    expect(response.headers.link).toBe(`</research/studies/${studyId}/dictionary>; rel="describedby"`);
    const [header, ...rows] = response.body.trim().split('\n');
    expect(header).toBe('citizen_pseudonym,municipality_code,event_week,event_kind,channel');
    expect(rows.length).toBe(Number(response.headers['x-row-count']));
    const pseudonym = studyPseudonymiser(t.researchKey, studyId)(citizenId);
    expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^${pseudonym.replace(/[-]/g, '\\-')},461,\\d{4}-W\\d{2},first_contact,self_service$`)));
    expect(response.body).not.toContain(citizenId);

    const recorded = (await t.store.readStream(`study-${studyId}`)).filter((e) => e.type === 'StudyExported');
    expect(recorded).toEqual([expect.objectContaining({ data: { studyId, format: 'csv', rows: rows.length }, metadata: expect.objectContaining({ actor: { id: 'alice', role: 'researcher' } }) })]);
    expect((await ok(as(admin, 'GET', `/studies/${studyId}`))).json()).toMatchObject({ exports: 1 });

    const parquet = await ok(exportOf(alice, studyId, 'parquet'));
    expect(parquet.headers['content-type']).toBe('application/vnd.apache.parquet');
    expect(parquet.rawPayload.subarray(0, 4).toString()).toBe('PAR1');
    const dictionary = await ok(as(alice, 'GET', `/research/studies/${studyId}/dictionary`));
    expect(dictionary.headers['content-type']).toMatch(/^text\/markdown/);
    expect(dictionary.body).toContain('`event_week`');
    expect((await ok(as(alice, 'GET', `/research/studies/${studyId}/dictionary?format=json`))).json().study.period).toEqual(registration.period);
  });

  it('stops at once when access is revoked or the study closed, and answers an unknown study the same way', async () => {
    const studyId = await register({ researcherIds: ['alice', 'bob'] });
    await ok(exportOf(bob, studyId));
    await ok(as(admin, 'POST', `/studies/${studyId}/researchers/bob/revoke`));
    const revoked = await refused(exportOf(bob, studyId), 404);
    await ok(exportOf(alice, studyId));
    await ok(as(admin, 'POST', `/studies/${studyId}/close`));
    const closed = await refused(exportOf(alice, studyId), 404);
    const other = newId();
    const unknown = await refused(exportOf(alice, other), 404);
    const without = (p: Record<string, unknown>) => ({ ...p, studyId: undefined });
    expect(without(revoked)).toEqual(without(closed));
    expect(without(unknown)).toEqual(without(closed));
    expect((await refused(as(bob, 'GET', `/research/studies/${studyId}/dictionary`), 404)).code).toBe('study_not_found');
  });

  it('is for researchers: every other role is refused without a word about the study', async () => {
    const studyId = await register();
    for (const role of ['admin', 'staff', 'citizen', 'auditor', 'board_member'] as const) {
      const token = await t.token(role, role === 'staff' || role === 'board_member' ? centreId : undefined, 'alice');
      const problem = await refused(exportOf(token, studyId), 403);
      expect(problem.code).toBe('forbidden');
      expect(JSON.stringify(problem)).not.toContain(studyId);
    }
    expect((await t.app.inject({ method: 'GET', url: `/research/studies/${studyId}/export` })).statusCode).toBe(401);
  });

  it('refuses a format it does not make, naming the field', async () => {
    const studyId = await register();
    const problem = await refused(as(alice, 'GET', `/research/studies/${studyId}/export?format=xlsx`), 400);
    expect(JSON.stringify(problem.errors)).toContain('format');
  });

  it('has nothing to export for a study of indicators only', async () => {
    const studyId = await register({ exportFields: [] });
    expect((await refused(exportOf(alice, studyId), 404)).code).toBe('study_without_export_fields');
  });
});
