/**
 * The studies' pages, as a person walks them (fastify's inject with cookies): the administrator
 * registers a study (a refusal said in words, linked to its field, recording nothing), grants and
 * revokes access and closes it; a researcher sees the studies they are granted and downloads an
 * export and its dictionary; another researcher sees none of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { field, InjectBrowser } from './support/inject-browser.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let studyId = '';

async function signedIn(role: string, personId: string, lang: 'da' | 'en' = 'da') {
  const browser = new InjectBrowser(() => t.app, { 'accept-language': lang });
  await browser.get('/log-ind');
  const answered = await browser.post('/log-ind', { _csrf: browser.lastCsrf, role, personId, centreId: '' });
  expect(answered.statusCode, answered.body).toBe(303);
  return browser;
}
const studyEvents = async () => (studyId ? (await t.store.readStream(`study-${studyId}`)).map((e) => e.type) : []);

const form = {
  title: 'Evaluering af kanaler',
  purpose: 'Hvordan borgere første gang kontakter huset.',
  from: '2020-01-01',
  to: '2035-12-31',
  indicators: ['first_contact_channel_share'],
  exportFields: ['citizen_pseudonym', 'event_month', 'channel'],
  legalBasis: 'Databeskyttelseslovens § 10.',
  researcherIds: 'forsker-web-1, forsker-web-2',
};

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('the administrator’s study pages', () => {
  it('refuse a study without a purpose, in words linked to the field, recording nothing', async () => {
    const admin = await signedIn('admin', 'admin-web');
    const page = await admin.get('/administration/studier');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Registrér et studie');
    const before = await t.eventCount();
    const refused = await admin.submit(page, '/administration/studier', { ...form, purpose: '   ' } as never);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/data-module="error-summary"[\s\S]*href="#purpose"/);
    expect(await t.eventCount()).toBe(before);
    const coercive = await admin.submit(page, '/administration/studier', { ...form, purpose: 'Find borgere hvis dagpenge skal sanktioneres' } as never);
    expect(coercive.statusCode).toBe(400);
    expect(coercive.body).toContain('href="#purpose"');
    expect(await t.eventCount()).toBe(before);
  });

  it('register a study once on a double submit, grant, revoke and close it', async () => {
    const admin = await signedIn('admin', 'admin-web');
    const page = await admin.get('/administration/studier');
    const key = field(page.body, 'idempotencyKey')!;
    const first = await admin.submit(page, '/administration/studier', form as never);
    const again = await admin.post('/administration/studier', { _csrf: admin.lastCsrf, idempotencyKey: key, ...form });
    expect(first.statusCode).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    studyId = /\/administration\/studier\/([0-9a-f-]{36})\?ok=registered/.exec(String(first.headers.location))![1]!;
    expect(await studyEvents()).toEqual(['StudyRegistered']);
    const shown = await admin.get(String(first.headers.location));
    expect(shown.body).toContain('Studiet er registreret.');
    expect(shown.body).toContain('1. januar 2020 til 31. december 2035');
    expect(shown.body).toContain('forsker-web-2');

    const granted = await admin.submit(shown, `/administration/studier/${studyId}/adgang`, { researcherId: 'forsker-web-3' });
    expect(granted.statusCode).toBe(303);
    const bad = await admin.submit(await admin.get(`/administration/studier/${studyId}`), `/administration/studier/${studyId}/adgang`, { researcherId: 'two words' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#researcherId"');
    const revoked = await admin.submit(await admin.get(`/administration/studier/${studyId}`), `/administration/studier/${studyId}/adgang/fjern`, { researcherId: 'forsker-web-2' });
    expect(revoked.statusCode).toBe(303);
    expect((await admin.get(String(revoked.headers.location))).body).toContain('Forskerens adgang er fjernet');
    expect(await studyEvents()).toEqual(['StudyRegistered', 'StudyAccessGranted', 'StudyAccessRevoked']);
  });

  it('are the administrator’s alone', async () => {
    const researcher = await signedIn('researcher', 'forsker-web-1');
    expect((await researcher.get('/administration/studier')).statusCode).toBe(403);
  });
});

describe('the researcher’s study pages', () => {
  it('list the studies granted, and give an export and its dictionary; each export on record', async () => {
    const researcher = await signedIn('researcher', 'forsker-web-1', 'en');
    const list = await researcher.get('/forskning/studier');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Your studies');
    expect(list.body).toContain(`/forskning/studier/${studyId}`);
    const page = await researcher.get(`/forskning/studier/${studyId}`);
    expect(page.body).toContain('Download the export');
    const csv = await researcher.submit(page, `/forskning/studier/${studyId}/eksport`, { format: 'csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="study-${studyId}.csv"`);
    expect(csv.body.split('\n')[0]).toBe('citizen_pseudonym,event_month,channel');
    const parquet = await researcher.submit(page, `/forskning/studier/${studyId}/eksport`, { format: 'parquet' });
    expect(parquet.rawPayload.subarray(0, 4).toString()).toBe('PAR1');
    const dictionary = await researcher.get(`/forskning/studier/${studyId}/datadokumentation`);
    expect(dictionary.body).toContain('`event_month`');
    expect((await studyEvents()).filter((e) => e === 'StudyExported')).toHaveLength(2);
    const noFormat = await researcher.submit(page, `/forskning/studier/${studyId}/eksport`, {});
    expect(noFormat.statusCode).toBe(400);
    expect(noFormat.body).toContain('href="#format"');
  });

  it('show a revoked researcher nothing, and a closed study no download', async () => {
    const revoked = await signedIn('researcher', 'forsker-web-2');
    expect((await revoked.get('/forskning/studier')).body).not.toContain(studyId);
    expect((await revoked.get(`/forskning/studier/${studyId}`)).statusCode).toBe(404);
    const before = await t.eventCount();
    expect((await revoked.post(`/forskning/studier/${studyId}/eksport`, { _csrf: revoked.lastCsrf, format: 'csv' })).statusCode).toBe(404);
    expect(await t.eventCount()).toBe(before);

    const researcher = await signedIn('researcher', 'forsker-web-1');
    const page = await researcher.get(`/forskning/studier/${studyId}`);
    const admin = await signedIn('admin', 'admin-web');
    expect((await admin.submit(await admin.get(`/administration/studier/${studyId}`), `/administration/studier/${studyId}/luk`)).statusCode).toBe(303);
    // The page was shown while the study was open; the download after it closed is refused in words.
    const late = await researcher.submit(page, `/forskning/studier/${studyId}/eksport`, { format: 'csv' });
    expect(late.statusCode).toBe(404);
    expect(late.body).toContain('Studiet er lukket');
    expect((await researcher.get(`/forskning/studier/${studyId}`)).body).not.toContain('id="export-form"');
  });
});
