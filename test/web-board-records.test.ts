/**
 * A board member's published name and a meeting's documents, through the pages (fastify's inject,
 * real PostgreSQL and vault): only members and deputies publish a name, and only their own; a
 * withdrawn name is erased; only the chair, vice-chair or secretary attaches a document, and a
 * refused upload stores no byte and records nothing; a file of the wrong kind, too large or missing
 * is refused at its field; documents download as the bytes attached.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_MAX_BYTES } from '../src/domain/board/decide.js';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';
import { InjectBrowser } from './support/inject-browser.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
type Json = Record<string, any>;
let t: TestApp;
let centreId: string;
let meetingId: string;

class Browser extends InjectBrowser {
  constructor() {
    super(() => t.app, {});
  }
  send(url: string, fields: Record<string, string> = {}) {
    return this.post(url, { _csrf: this.lastCsrf, idempotencyKey: newId(), ...fields });
  }
  /** A multipart form post, as the attach form sends it: fields, and one file (or none). */
  upload(url: string, fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer } | null, csrf = this.lastCsrf) {
    const boundary = `----virkelyst${newId()}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ _csrf: csrf, idempotencyKey: newId(), ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    const f = file ?? { name: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) };
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="content"; filename="${f.name}"\r\ncontent-type: ${f.type}\r\n\r\n`), f.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
    return this.request({ method: 'POST', url, payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  }
}

async function signedIn(personId: string, role = 'board_member'): Promise<Browser> {
  const browser = new Browser();
  await browser.get('/log-ind');
  const answer = await browser.send('/log-ind', { role, personId, centreId: role === 'board_member' || role === 'staff' ? centreId : '' });
  expect(answer.statusCode, answer.body).toBe(303);
  await browser.get('/');
  return browser;
}
async function ok(method: 'POST' | 'PUT', url: string, payload: object = {}, who = 'admin') {
  const token = who === 'admin' ? await t.token('admin') : await t.token('board_member', centreId, who);
  const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'idempotency-key': newId() }, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json() as Json;
}
const board = async () => {
  await t.engine.settle();
  return (await t.app.inject({ method: 'GET', url: `/centres/${centreId}/board`, headers: { authorization: `Bearer ${await t.token('admin')}` } })).json() as Json;
};
const storedDocuments = async () => Number((await sql<{ n: string }>`select count(*) as n from board_document_contents`.execute(t.database.db)).rows[0]!.n);
const summaryOf = (body: string) => [...body.matchAll(/<li><a href="#([^"]+)" class="function-link">([^<]*)<\/a><\/li>/g)].map((m) => ({ field: m[1], message: m[2] }));

beforeAll(async () => {
  t = await createTestApp();
  ({ centreId } = await ok('POST', '/centres', { municipalityCode: '101', name: `Virkelyst Bilag ${newId().slice(-4)}` }));
  await t.engine.settle();
  await ok('POST', `/centres/${centreId}/board`);
  await ok('POST', `/centres/${centreId}/board/seats/employee/member`, { memberId: 'r-emp', how: 'elected', from: '2026-01-01' });
  await ok('POST', `/centres/${centreId}/board/seats/citizen/member`, { memberId: 'r-cit', how: 'elected', from: '2026-01-01' });
  await ok('PUT', `/centres/${centreId}/board/seats/citizen/deputy`, { deputyId: 'r-dep', how: 'elected', from: '2026-01-01' });
  await ok('PUT', `/centres/${centreId}/board/roles/secretary`, { memberId: 'r-emp' });
  ({ created: { meetingId } } = await ok('POST', `/centres/${centreId}/board/meetings`, { at: '2026-12-01T17:00:00+01:00', agenda: ['Budget', 'Eventuelt'] }, 'r-emp'));
});
afterAll(async () => {
  await t?.close();
});

describe('a member’s name on the board’s public page', () => {
  it('is published by a member or deputy for themselves, refused empty, shown to the public, and withdrawn for good', async () => {
    const deputy = await signedIn('r-dep');
    const page = await deputy.get('/bestyrelse/mit-navn');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Du har ikke offentliggjort et navn.');
    const before = await t.eventCount();
    const empty = await deputy.send('/bestyrelse/mit-navn', { name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(summaryOf(empty.body)).toEqual([{ field: 'name', message: 'Skriv det navn, du vil have vist.' }]);
    expect(await t.eventCount()).toBe(before);
    const published = await deputy.send('/bestyrelse/mit-navn', { name: 'Jonas  Berg' });
    expect(published.headers.location).toBe('/bestyrelse/mit-navn?ok=published');
    expect((await board()).names).toEqual({ 'r-dep': 'Jonas Berg' });
    const publicPage = await new Browser().get(`/centre/${centreId}/beslutninger`);
    expect(publicPage.body).toContain('<td>Jonas Berg</td>');
    expect(publicPage.body).toContain('Besat (navnet er ikke offentliggjort)');
    expect(publicPage.body).not.toContain('r-cit');

    // Someone without a place on the board has none to publish; staff are not board members at all.
    const stranger = await signedIn('r-nobody');
    const refused = await stranger.send('/bestyrelse/mit-navn', { name: 'Nogen' });
    expect(refused.statusCode).toBe(403);
    const staff = await signedIn('r-staff', 'staff');
    expect((await staff.send('/bestyrelse/mit-navn', { name: 'Nogen' })).statusCode).toBe(403);
    expect((await board()).names).toEqual({ 'r-dep': 'Jonas Berg' });

    await deputy.get('/bestyrelse/mit-navn');
    const withdrawn = await deputy.send('/bestyrelse/mit-navn/tilbagetraek');
    expect(withdrawn.headers.location).toBe('/bestyrelse/mit-navn?ok=withdrawn');
    expect((await board()).names).toEqual({});
    const sealed = (await sql<{ data: Json }>`select data from events where event_type = 'MemberNamePublished' and stream_id = ${`board-${centreId}`}`.execute(t.database.db)).rows[0]!.data;
    expect(await t.vault.open(sealed.name)).toEqual({ erased: true });
  });
});

describe('a meeting’s documents', () => {
  const pdf = Buffer.from('%PDF-1.4\n% Budget 2027\n%%EOF\n');
  const path = () => `/bestyrelse/moeder/${meetingId}/bilag`;
  const fields = { title: 'Budget 2027', item: '1', published: 'yes' };

  it('are attached by the secretary only; a refusal stores no byte and records nothing', async () => {
    const [events, stored] = [await t.eventCount(), await storedDocuments()];
    const citizen = await signedIn('r-cit');
    expect((await citizen.get(path())).body).toContain('Formanden, næstformanden eller sekretæren vedhæfter bilag.');
    const notKeeper = await citizen.upload(path(), fields, { name: 'budget.pdf', type: 'application/pdf', bytes: pdf });
    expect(notKeeper.statusCode).toBe(403);
    const secretary = await signedIn('r-emp');
    await secretary.get(path());
    const noCsrf = await secretary.upload(path(), fields, { name: 'budget.pdf', type: 'application/pdf', bytes: pdf }, 'forged');
    expect(noCsrf.statusCode).toBe(403);
    const html = await secretary.upload(path(), fields, { name: 'side.html', type: 'text/html', bytes: Buffer.from('<script>alert(1)</script>') });
    expect(html.statusCode).toBe(400);
    expect(summaryOf(html.body)).toEqual([{ field: 'content', message: 'Filen skal være PDF, tekst, CSV, PNG, JPEG, ODF eller et Office-dokument.' }]);
    const missing = await secretary.upload(path(), { ...fields, title: '', item: '7', published: '' }, null);
    expect(summaryOf(missing.body).map((e) => e.field)).toEqual(['title', 'item', 'published', 'content']);
    const large = await secretary.upload(path(), fields, { name: 'stor.pdf', type: 'application/pdf', bytes: Buffer.alloc(DOCUMENT_MAX_BYTES + 1, 1) });
    expect(large.statusCode).toBe(400);
    expect(summaryOf(large.body)).toEqual([{ field: 'content', message: 'Filen er større end 10 MB.' }]);
    // A body that is no multipart form is a 400 page, never a fault; someone signed out is sent to sign in before it is read.
    for (const contentType of ['multipart/form-data', 'multipart/form-data; boundary=abc']) {
      const broken = await secretary.request({ method: 'POST', url: path(), payload: Buffer.from('--abc\r\ncontent-disposition: form-data; name="title"\r\n\r\nBudg'), headers: { 'content-type': contentType } });
      expect(broken.statusCode, contentType).toBe(400);
    }
    const anonymous = await new Browser().upload(path(), fields, { name: 'budget.pdf', type: 'application/pdf', bytes: pdf });
    expect([anonymous.statusCode, anonymous.headers.location]).toEqual([303, '/log-ind']);
    expect([await t.eventCount(), await storedDocuments()]).toEqual([events, stored]);

    const attached = await secretary.upload(path(), fields, { name: 'budget.pdf', type: 'application/pdf', bytes: pdf });
    const digest = createHash('sha256').update(pdf).digest('hex');
    expect(attached.headers.location).toBe(`${path()}?sha256=${digest}`);
    const [document] = Object.values((await board()).meetings.find((m: Json) => m.meetingId === meetingId).documents) as Json[];
    expect(document).toMatchObject({ title: 'Budget 2027', item: 1, sha256: digest, mediaType: 'application/pdf', size: pdf.length, published: true });

    // Downloaded by the board as the bytes attached; not by someone signed out.
    const download = await citizen.get(`/bestyrelse/dokumenter/${document!.documentId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(download.rawPayload, pdf)).toBe(0);
    expect((await new Browser().get(`/bestyrelse/dokumenter/${document!.documentId}`)).statusCode).toBe(303);
    // A board-member login without a seat or a deputy's place sees what the public sees: no open meeting, no document of it.
    const unseated = await signedIn('r-nobody-2');
    expect((await unseated.get(`/bestyrelse/dokumenter/${document!.documentId}`)).statusCode).toBe(404);
    expect((await unseated.get(path())).statusCode).toBe(404);
    // The deputy, who holds a place, does.
    expect((await (await signedIn('r-dep')).get(`/bestyrelse/dokumenter/${document!.documentId}`)).statusCode).toBe(200);
  });
});
