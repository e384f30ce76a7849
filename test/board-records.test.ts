/**
 * Deputies, members' published names and meeting documents, over HTTP against real PostgreSQL
 * and the real vault: a name is sealed in the log and erased for good when withdrawn or replaced;
 * a document's bytes are kept outside the log under the SHA-256 the log fixes.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { verifyDatabase } from '../src/audit/live.js';
import { signPendingHead } from '../src/audit/sealer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let centreId: string;
let partnerSeat: string;
const tokens: Record<string, string> = {};

type Json = Record<string, any>;
async function call(token: string | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, ...(payload ? { payload } : {}) });
  const json = response.headers['content-type']?.toString().includes('json');
  return { status: response.statusCode, body: json ? (response.json() as Json) : ({} as Json), raw: response.rawPayload, headers: response.headers, text: response.body };
}
async function ok(token: string | undefined, method: 'POST' | 'PUT', url: string, payload: object = {}, headers: Record<string, string> = {}) {
  const r = await call(token, method, url, payload, headers);
  expect(r.status, r.text).toBeLessThan(300);
  return r.body;
}
const boardView = async (token?: string) => {
  await t.engine.settle();
  return (await call(token, 'GET', `/centres/${centreId}/board`)).body;
};
/** The field a 400 names: a schema's first error, or the decider's. */
const fieldOf = (body: Json) => body.field ?? body.errors?.[0]?.field;
const eventCount = async () => Number((await sql<{ n: string }>`select count(*) as n from events`.execute(t.database.db)).rows[0]!.n);
const storedDocuments = async () => Number((await sql<{ n: string }>`select count(*) as n from board_document_contents`.execute(t.database.db)).rows[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  tokens.admin = await t.token('admin');
  ({ centreId } = await ok(tokens.admin, 'POST', '/centres', { municipalityCode: '101', name: 'Virkelyst Nørrebro' }));
  await t.engine.settle();
  for (const id of ['emp-1', 'cit-1', 'part-1', 'dep-1', 'dep-2']) tokens[id] = await t.token('board_member', centreId, id);
  tokens.staff = await t.token('staff', centreId, 'staff-1');
  tokens.citizen = await t.token('citizen', undefined, newId());
  await ok(tokens.admin, 'POST', `/centres/${centreId}/board`);
  ({ created: { seatId: partnerSeat } } = await ok(tokens.admin, 'POST', `/centres/${centreId}/board/seats`, { organisation: 'Lokal A-kasse' }));
  await ok(tokens.admin, 'POST', `/centres/${centreId}/board/seats/employee/member`, { memberId: 'emp-1', how: 'elected', from: '2026-01-01' });
  await ok(tokens.admin, 'POST', `/centres/${centreId}/board/seats/citizen/member`, { memberId: 'cit-1', how: 'elected', from: '2026-01-01' });
  await ok(tokens.admin, 'POST', `/centres/${centreId}/board/seats/${partnerSeat}/member`, { memberId: 'part-1', how: 'appointed', from: '2026-01-01' });
  await ok(tokens.admin, 'PUT', `/centres/${centreId}/board/roles/secretary`, { memberId: 'emp-1' });
});

afterAll(async () => {
  await t?.close();
});

describe('a deputy (suppleant)', () => {
  it('is recorded for a seat, takes it at a meeting its member is absent from, and votes there', async () => {
    await ok(tokens.admin, 'PUT', `/centres/${centreId}/board/seats/${partnerSeat}/deputy`, { deputyId: 'dep-1', how: 'appointed', from: '2026-01-01' });
    const refused = await call(tokens.admin, 'PUT', `/centres/${centreId}/board/seats/citizen/deputy`, { deputyId: 'emp-1', how: 'elected', from: '2026-01-01' });
    expect([refused.status, refused.body.code]).toEqual([409, 'member_seated']);
    expect((await boardView(tokens.staff)).seats.find((s: Json) => s.seatId === partnerSeat)).toMatchObject({ memberId: 'part-1', deputyId: 'dep-1', deputySince: '2026-01-01' });

    const { created: meeting } = await ok(tokens['emp-1'], 'POST', `/centres/${centreId}/board/meetings`, { at: '2026-12-01T17:00:00+01:00', agenda: ['Åbent hus'] });
    // Never beside the member whose seat it is: the field names the deputy.
    const both = await call(tokens['emp-1'], 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/attendance`, { present: ['emp-1', 'part-1', 'dep-1'] });
    expect([both.status, both.body.code, fieldOf(both.body)]).toEqual([400, 'invalid_value', 'present.2']);
    await ok(tokens['emp-1'], 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/attendance`, { present: ['emp-1', 'cit-1', 'dep-1'] });
    const { created } = await ok(tokens['dep-1'], 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/resolutions`, { title: 'Åbent hus i juni', subject: { kind: 'general' }, item: 1 });
    // The absent member whose seat the deputy took does not vote.
    const absent = await call(tokens['part-1'], 'POST', `/centres/${centreId}/board/resolutions/${created.resolutionId}/votes`, { choice: 'against' });
    expect(absent.status).toBe(403);
    for (const who of ['emp-1', 'cit-1', 'dep-1']) await ok(tokens[who], 'POST', `/centres/${centreId}/board/resolutions/${created.resolutionId}/votes`, { choice: 'for' });
    await ok(tokens['dep-1'], 'POST', `/centres/${centreId}/board/resolutions/${created.resolutionId}/decide`);
    const view = await boardView(tokens.staff);
    expect(view.meetings.find((m: Json) => m.meetingId === meeting.meetingId)).toMatchObject({ deputising: { 'dep-1': partnerSeat }, quorate: true });
    // The deputy reads the board's open business as its members do; a board-member login with no place on it does not.
    expect((await boardView(tokens['dep-1'])).meetings.map((m: Json) => m.meetingId)).toContain(meeting.meetingId);
    expect((await boardView(tokens['dep-2'])).meetings.map((m: Json) => m.meetingId)).not.toContain(meeting.meetingId);
    expect(view.resolutions.find((r: Json) => r.resolutionId === created.resolutionId)).toMatchObject({ status: 'adopted', tally: { for: 3, against: 0, abstained: 0 } });
  });
});

describe('a member’s published name', () => {
  const sealedNames = async () =>
    (await sql<{ data: Json }>`select data from events where event_type = 'MemberNamePublished' and stream_id = ${`board-${centreId}`} order by global_position`.execute(t.database.db)).rows.map((r) => r.data);

  it('is published by the member only, sealed in the log, and shown with the board to everyone', async () => {
    await ok(tokens['cit-1'], 'PUT', `/centres/${centreId}/board/my-name`, { name: 'Mette Hansen' });
    await ok(tokens['dep-1'], 'PUT', `/centres/${centreId}/board/my-name`, { name: 'Jonas Berg' });
    const staff = await call(tokens.staff, 'PUT', `/centres/${centreId}/board/my-name`, { name: 'Nogen Andet' });
    expect(staff.status).toBe(403);
    const tooLong = await call(tokens['emp-1'], 'PUT', `/centres/${centreId}/board/my-name`, { name: 'x'.repeat(101) });
    expect([tooLong.status, fieldOf(tooLong.body)]).toEqual([400, 'name']);
    // The log holds no name in the clear.
    const raw = JSON.stringify(await sealedNames());
    expect(raw).not.toContain('Mette');
    expect((await sealedNames()).every((d) => d.name?.$sealed === 'v1')).toBe(true);
    // To everyone, keyed by the place on the board; the board's own see the identities.
    expect((await boardView()).names).toEqual({ 'seat:citizen': 'Mette Hansen', [`deputy:${partnerSeat}`]: 'Jonas Berg' });
    expect((await boardView(tokens.staff)).names).toEqual({ 'cit-1': 'Mette Hansen', 'dep-1': 'Jonas Berg' });
  });

  it('replaced, the earlier one is erased; withdrawn, it is erased for good and shown nowhere', async () => {
    await ok(tokens['cit-1'], 'PUT', `/centres/${centreId}/board/my-name`, { name: 'Mette B. Hansen' });
    expect((await boardView()).names['seat:citizen']).toBe('Mette B. Hansen');
    const [first] = (await sealedNames()).filter((d) => d.memberId === 'cit-1');
    expect(await t.vault.open(first!.name)).toEqual({ erased: true });
    // Nobody else withdraws it.
    const other = await call(tokens['emp-1'], 'POST', `/centres/${centreId}/board/names/cit-1/withdraw`, {});
    expect(other.status).toBe(403);
    await ok(tokens['cit-1'], 'POST', `/centres/${centreId}/board/names/cit-1/withdraw`, {});
    expect((await boardView()).names).toEqual({ [`deputy:${partnerSeat}`]: 'Jonas Berg' });
    for (const d of (await sealedNames()).filter((d) => d.memberId === 'cit-1')) expect(await t.vault.open(d.name)).toEqual({ erased: true });
    // Publishing again later is a new name under a new key.
    await ok(tokens['cit-1'], 'PUT', `/centres/${centreId}/board/my-name`, { name: 'Mette Hansen' });
    expect((await boardView()).names['seat:citizen']).toBe('Mette Hansen');
  });
});

describe('a name command sent again', () => {
  it('erases nothing of the name published since: an old publication or withdrawal replayed answers as before and leaves the live name', async () => {
    const key = (k: string) => ({ 'idempotency-key': k });
    const [first, withdrawal] = [newId(), newId()];
    expect((await call(tokens['part-1'], 'PUT', `/centres/${centreId}/board/my-name`, { name: 'Emil Først' }, key(first))).status).toBe(200);
    expect((await call(tokens['part-1'], 'POST', `/centres/${centreId}/board/names/part-1/withdraw`, {}, key(withdrawal))).status).toBe(200);
    await ok(tokens['part-1'], 'PUT', `/centres/${centreId}/board/my-name`, { name: 'Emil Senere' });
    for (const [method, url, body, k] of [
      ['PUT', `/centres/${centreId}/board/my-name`, { name: 'Emil Først' }, first],
      ['POST', `/centres/${centreId}/board/names/part-1/withdraw`, {}, withdrawal],
    ] as const) {
      const again = await call(tokens['part-1'], method, url, body, key(k));
      expect([again.status, again.body.duplicate]).toEqual([200, true]);
    }
    expect((await boardView()).names[`seat:${partnerSeat}`]).toBe('Emil Senere');
  });
});

describe('a meeting document', () => {
  const pdf = Buffer.from('%PDF-1.4\n% Budgetforslag 2028\n%%EOF\n');
  const digest = createHash('sha256').update(pdf).digest('hex');

  it('is stored by its SHA-256 outside the log, and served checked against it', async () => {
    const { created: meeting } = await ok(tokens['emp-1'], 'POST', `/centres/${centreId}/board/meetings`, { at: '2026-12-02T17:00:00+01:00', agenda: ['Budget 2028', 'Eventuelt'] });
    const path = `/centres/${centreId}/board/meetings/${meeting.meetingId}/documents`;
    // Only the chair, vice-chair or secretary attaches; a refusal stores no byte and appends nothing.
    const [events, stored] = [await eventCount(), await storedDocuments()];
    const refused = await call(tokens['cit-1'], 'POST', path, { title: 'Budgetforslag', item: 1, mediaType: 'application/pdf', published: true, content: pdf.toString('base64') });
    expect(refused.status).toBe(403);
    const badItem = await call(tokens['emp-1'], 'POST', path, { title: 'Budgetforslag', item: 9, mediaType: 'application/pdf', published: true, content: pdf.toString('base64') });
    expect([badItem.status, fieldOf(badItem.body)]).toEqual([400, 'item']);
    const badType = await call(tokens['emp-1'], 'POST', path, { title: 'Budgetforslag', mediaType: 'text/html', published: true, content: pdf.toString('base64') });
    expect([badType.status, fieldOf(badType.body)]).toEqual([400, 'mediaType']);
    expect([await eventCount(), await storedDocuments()]).toEqual([events, stored]);

    const attached = await ok(tokens['emp-1'], 'POST', path, { title: 'Budgetforslag 2028', item: 1, mediaType: 'application/pdf', published: true, content: pdf.toString('base64') });
    expect(attached.sha256).toBe(digest);
    const internal = await ok(tokens['emp-1'], 'POST', path, { title: 'Tilbud', mediaType: 'text/plain', published: false, content: Buffer.from('Tilbud: 12.000 kr.').toString('base64') });
    // The log names the digest and holds none of the bytes.
    const logged = (await sql<{ data: Json }>`select data from events where event_type = 'DocumentAttached' and data->>'documentId' = ${attached.created.documentId}`.execute(t.database.db)).rows[0]!.data;
    expect(logged).toMatchObject({ sha256: digest, size: pdf.length, item: 1, published: true });
    expect(JSON.stringify(logged)).not.toContain(pdf.toString('base64'));

    const fetched = await call(tokens.staff, 'GET', `/centres/${centreId}/board/documents/${attached.created.documentId}`);
    expect(fetched.status).toBe(200);
    expect(fetched.headers['content-type']).toBe('application/pdf');
    expect(fetched.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(digest, 'hex').toString('base64')}:`);
    expect(Buffer.compare(fetched.raw, pdf)).toBe(0);
    // Before the minutes are signed, the public sees neither; after, only the published one.
    expect((await call(undefined, 'GET', `/centres/${centreId}/board/documents/${attached.created.documentId}`)).status).toBe(404);
    await ok(tokens['emp-1'], 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/attendance`, { present: ['emp-1', 'cit-1'] });
    for (const who of ['emp-1', 'cit-1']) await ok(tokens[who], 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/minutes/sign`);
    await t.engine.settle();
    expect((await call(undefined, 'GET', `/centres/${centreId}/board/documents/${attached.created.documentId}`)).status).toBe(200);
    expect((await call(undefined, 'GET', `/centres/${centreId}/board/documents/${internal.created.documentId}`)).status).toBe(404);
    // A key used for one attachment, sent again with other bytes for another open meeting: refused, nothing stored.
    const reused = newId();
    const { created: other } = await ok(tokens['emp-1'], 'POST', `/centres/${centreId}/board/meetings`, { at: '2026-12-03T17:00:00+01:00', agenda: ['Andet'] });
    await ok(tokens['emp-1'], 'POST', `/centres/${centreId}/board/meetings/${other.meetingId}/documents`, { title: 'Ét', mediaType: 'text/plain', published: false, content: Buffer.from('ét').toString('base64') }, { 'idempotency-key': reused });
    const storedBefore = await storedDocuments();
    const { created: third } = await ok(tokens['emp-1'], 'POST', `/centres/${centreId}/board/meetings`, { at: '2026-12-04T17:00:00+01:00', agenda: ['Tredje'] });
    const again = await call(tokens['emp-1'], 'POST', `/centres/${centreId}/board/meetings/${third.meetingId}/documents`, { title: 'To', mediaType: 'text/plain', published: false, content: Buffer.from('to, andre bytes').toString('base64') }, { 'idempotency-key': reused });
    expect([again.status, again.body.code]).toEqual([422, 'idempotency_key_reused']);
    expect(await storedDocuments()).toBe(storedBefore);
    // Someone without a token is refused before the body is read: a body over the limit is a 401, not a 413.
    const huge = await t.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json', 'idempotency-key': newId() }, payload: Buffer.alloc(16 * 1024 * 1024, 0x20) });
    expect([huge.statusCode, huge.json().code]).toEqual([401, 'not_authenticated']);
    // A token the route is not for (a citizen, staff, another centre's board member) is refused before a large body is read.
    const otherCentre = await t.token('board_member', newId(), 'emp-1');
    for (const token of [await t.token('citizen'), tokens.staff!, otherCentre]) {
      const big = await t.app.inject({ method: 'POST', url: path, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': newId() }, payload: Buffer.alloc(16 * 1024 * 1024, 0x20) });
      expect([big.statusCode, big.json().code]).toEqual([403, 'forbidden']);
    }
    // The record keeper's large body is read: over the limit, it is a 413.
    const overLimit = await t.app.inject({ method: 'POST', url: path, headers: { authorization: `Bearer ${tokens['emp-1']}`, 'content-type': 'application/json', 'idempotency-key': newId() }, payload: Buffer.alloc(16 * 1024 * 1024, 0x20) });
    expect(overLimit.statusCode).toBe(413);
    const late = await call(tokens['emp-1'], 'POST', path, { title: 'Efterskrift', mediaType: 'text/plain', published: true, content: Buffer.from('x').toString('base64') });
    expect([late.status, late.body.code]).toEqual([409, 'minutes_signed']);

    // Bytes altered in the table are never served as the document.
    await sql`update board_document_contents set content = ${Buffer.from('%PDF-1.4\n% Noget andet\n%%EOF\n')} where sha256 = ${digest}`.execute(t.database.db);
    const altered = await call(tokens.staff, 'GET', `/centres/${centreId}/board/documents/${attached.created.documentId}`);
    expect(altered.status).toBe(500);
    expect(altered.raw.toString()).not.toContain('Noget andet');
  });
});

describe('the log, as an auditor reads it', () => {
  it('holds the meetings above, with a deputy and names replaced and withdrawn, to check 12', async () => {
    await t.engine.settle();
    await signPendingHead(t.database.db, t.auditKey, 0);
    const report = await verifyDatabase(t.database, { publicKeyPem: t.auditKey.publicKeyPem, sealEveryMs: t.auditKey.sealEveryMs, witnessFile: t.auditKey.witness!.file, pseudonym: t.auditKey.pseudonym });
    const record = report.checks.find((c) => c.id === 12)!;
    expect(record.examined).toBeGreaterThan(10);
    expect(record.violations).toEqual([]);
  });
});
