/**
 * Partners and their agreements over HTTP, per role: who registers and changes a partner, who
 * reads its contact person (opened for the staff of the centre that registered it, administrators
 * and the partner's own people, never for anyone else, never in a log or in the log's clear text),
 * who signs, amends, renews and terminates an agreement, and who reads its versions and signatories.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { apiCalls, type TestApp } from './support/api-calls.js';
import { createTestApp } from './support/app.js';

let t: TestApp;
const tokens: Record<string, string> = {};
const ids = {} as Record<'centre' | 'otherCentre' | 'partner' | 'agreement' | 'otherAgreement', string>;
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString().slice(0, 10);
const SHA = (c: string) => c.repeat(64);
const signatories = [
  { side: 'partner', name: 'Mette Holm', title: 'Formand' },
  { side: 'centre', name: 'Jens Centerleder', title: null },
];

const { request, ok, refused, citizen, twoCentres } = apiCalls(() => t, tokens);
/** A GET once the projections have caught up. */
const get = async (who: string | null, url: string) => {
  await t.engine.settle();
  return ok(who, 'GET', url);
};

const registration = () => ({
  centreId: ids.centre,
  kind: 'sports_club',
  name: 'Fitness Fyn',
  cvr: '29189897',
  contact: { name: 'Mette Holm', email: 'mette@fitnessfyn.dk', phone: '+45 12 34 56 78' },
});

beforeAll(async () => {
  t = await createTestApp();
  Object.assign(ids, await twoCentres());
  await citizen('citizen');
  tokens.researcher = await t.token('researcher', undefined, 'researcher-1');
  tokens.auditor = await t.token('auditor', undefined, 'auditor-1');
  tokens.seated = await t.token('board_member', ids.centre, 'emp-1');
  tokens.unseated = await t.token('board_member', ids.centre, 'never-seated');
  await ok('admin', 'POST', `/centres/${ids.centre}/board`);
  await ok('admin', 'POST', `/centres/${ids.centre}/board/seats/employee/member`, { memberId: 'emp-1', how: 'elected', from: '2026-10-01' });
  const registered = await ok('staff', 'POST', '/partners', registration());
  ids.partner = registered.partnerId;
  tokens.partner = await t.token('partner', undefined, 'coach-1', ids.partner);
  tokens.otherPartner = await t.token('partner', undefined, 'coach-2', newId());
}, 120_000);
afterAll(async () => t?.close());

describe('registering a partner', () => {
  it('staff of the centre register it; the answer names it and where to read it; the contact person is sealed in the log and kept out of every log line', async () => {
    const response = await t.app.inject(request('staff', 'POST', '/partners', { ...registration(), name: 'Løbeklubben Fyn', cvr: null, contact: { name: 'Kaj Kontaktsen' } }));
    expect(response.statusCode).toBe(201);
    const { partnerId } = response.json();
    expect(response.headers.location).toBe(`/partners/${partnerId}`);
    const { rows } = await sql<{ data: string }>`select data::text as data from events where stream_id = ${`partner-${partnerId}`}`.execute(t.database.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data).toContain('Løbeklubben Fyn');
    expect(rows[0]!.data).not.toContain('Kaj Kontaktsen');
    expect(t.logLines.join('\n')).not.toMatch(/Kaj Kontaktsen|Mette Holm|mette@fitnessfyn/);
  });

  it('is refused for staff of another centre, a partner, a citizen and a board member (403), and without a token (401)', async () => {
    for (const who of ['otherStaff', 'partner', 'citizen', 'seated', 'researcher', 'auditor']) expect((await refused(who, 'POST', '/partners', 403, registration())).code).toBe('forbidden');
    expect((await refused(null, 'POST', '/partners', 401, registration())).code).toBe('not_authenticated');
  });

  it('refuses a CVR number that fails its check, a kind that is not one and an unknown field, naming each', async () => {
    expect((await refused('staff', 'POST', '/partners', 400, { ...registration(), cvr: '12345678' })).errors?.[0]?.field).toBe('cvr');
    expect((await refused('staff', 'POST', '/partners', 400, { ...registration(), kind: 'employer_of_last_resort' })).errors?.[0]?.field).toBe('kind');
    expect((await refused('staff', 'POST', '/partners', 400, { ...registration(), contact: { name: 'x', email: 'ikke-en-adresse' } })).errors?.[0]?.field).toBe('contact.email');
    expect((await refused('admin', 'POST', '/partners', 400, { ...registration(), mandatory: true })).errors?.[0]?.field).toBe('mandatory');
  });
});

describe('reading a partner', () => {
  it('opens the contact person for the staff of the registering centre, administrators and the partner’s own people', async () => {
    for (const who of ['staff', 'admin', 'partner']) {
      const partner = await get(who, `/partners/${ids.partner}`);
      expect(partner).toMatchObject({ partnerId: ids.partner, centreId: ids.centre, name: 'Fitness Fyn', cvr: '29189897', contact: { name: 'Mette Holm', email: 'mette@fitnessfyn.dk', phone: '+45 12 34 56 78' } });
    }
  });

  it('shows staff of another centre the partner without its contact person, and never a sealed value', async () => {
    const partner = await get('otherStaff', `/partners/${ids.partner}`);
    expect(partner.name).toBe('Fitness Fyn');
    expect(partner.contact).toBeNull();
    expect(JSON.stringify(partner)).not.toMatch(/Mette|\$sealed/);
  });

  it('refuses another partner, citizens, board members, researchers and auditors (403), and is 404 for a partner never registered', async () => {
    for (const who of ['otherPartner', 'citizen', 'seated', 'researcher', 'auditor']) expect((await refused(who, 'GET', `/partners/${ids.partner}`, 403)).code).toBe('forbidden');
    expect((await refused('staff', 'GET', `/partners/${newId()}`, 404)).code).toBe('partner_not_found');
    expect((await refused(null, 'GET', `/partners/${ids.partner}`, 401)).code).toBe('not_authenticated');
  });

  it('lists a centre’s partners with their contacts for its staff and administrators only', async () => {
    const { partners } = await get('staff', `/centres/${ids.centre}/partners`);
    expect(partners.map((p: { name: string }) => p.name)).toEqual(['Fitness Fyn', 'Løbeklubben Fyn']);
    expect(partners[0].contact.name).toBe('Mette Holm');
    expect((await get('admin', `/centres/${ids.centre}/partners`)).partners).toHaveLength(2);
    for (const who of ['otherStaff', 'partner', 'citizen', 'seated']) await refused(who, 'GET', `/centres/${ids.centre}/partners`, 403);
  });
});

describe('changing a partner', () => {
  it('its own people change its details and contact person; staff of another centre and another partner may not', async () => {
    await ok('partner', 'PUT', `/partners/${ids.partner}/contact`, { name: 'Søren Lund', email: 'soren@fitnessfyn.dk' });
    expect((await get('staff', `/partners/${ids.partner}`)).contact).toEqual({ name: 'Søren Lund', email: 'soren@fitnessfyn.dk', phone: null });
    await ok('staff', 'PUT', `/partners/${ids.partner}/details`, { kind: 'sports_club', name: 'Fitness Fyn Odense', cvr: '29189897' });
    expect((await get('partner', `/partners/${ids.partner}`)).name).toBe('Fitness Fyn Odense');
    for (const who of ['otherStaff', 'otherPartner', 'citizen', 'seated']) {
      await refused(who, 'PUT', `/partners/${ids.partner}/contact`, 403, { name: 'Nogen Andre' });
      await refused(who, 'PUT', `/partners/${ids.partner}/details`, 403, { kind: 'ngo', name: 'x' });
    }
    expect((await refused('staff', 'PUT', `/partners/${newId()}/details`, 404, { kind: 'ngo', name: 'x' })).code).toBe('partner_not_found');
  });
});

describe('agreements', () => {
  const terms = () => ({
    centreId: ids.centre,
    scope: 'Motion i fællesskab, to gange om ugen.',
    offerKinds: ['physical_activity_and_health'],
    startDate: inDays(-10),
    endDate: inDays(200),
    documentSha256: SHA('a'),
    signatories,
  });

  it('staff of the centre record one signed by both sides; a partner never registered is 404; the partner and other centres’ staff may not', async () => {
    const signed = await t.app.inject(request('staff', 'POST', `/partners/${ids.partner}/agreements`, terms()));
    expect(signed.statusCode, signed.body).toBe(201);
    ids.agreement = signed.json().agreementId;
    expect(signed.headers.location).toBe(`/agreements/${ids.agreement}`);
    expect((await refused('staff', 'POST', `/partners/${newId()}/agreements`, 404, terms())).code).toBe('partner_not_found');
    for (const who of ['partner', 'otherStaff', 'citizen', 'seated']) await refused(who, 'POST', `/partners/${ids.partner}/agreements`, 403, terms());
    expect((await refused('staff', 'POST', `/partners/${ids.partner}/agreements`, 400, { ...terms(), signatories: [signatories[0]] })).errors?.[0]?.field).toBe('signatories');
    expect((await refused('staff', 'POST', `/partners/${ids.partner}/agreements`, 400, { ...terms(), scope: 'Deltagelse er en pligt' })).code).toBe('coercive_wording');
    // Another centre's staff sign one of their own with the same partner.
    ids.otherAgreement = (await ok('otherStaff', 'POST', `/partners/${ids.partner}/agreements`, { ...terms(), centreId: ids.otherCentre })).agreementId;
  });

  it('amending and renewing make new versions; every version stays readable, with its signatories for those who may see them', async () => {
    await ok('staff', 'POST', `/agreements/${ids.agreement}/amend`, { scope: 'Motion og workshops om sundhed.', offerKinds: ['physical_activity_and_health', 'workshop'], endDate: inDays(200), documentSha256: SHA('b'), signatories });
    await ok('admin', 'POST', `/agreements/${ids.agreement}/renew`, { endDate: inDays(400), documentSha256: SHA('c'), signatories: [signatories[0], { side: 'centre', name: 'Ny Leder', title: 'Centerleder' }] });
    for (const who of ['partner', 'otherPartner', 'otherStaff']) await refused(who, 'POST', `/agreements/${ids.agreement}/amend`, 403, { scope: 'x', offerKinds: ['workshop'], endDate: inDays(200), documentSha256: SHA('d'), signatories });
    const agreement = await get('staff', `/agreements/${ids.agreement}`);
    expect(agreement.terms).toMatchObject({ version: 3, offerKinds: ['workshop', 'physical_activity_and_health'], endDate: inDays(400), documentSha256: SHA('c') });
    expect(agreement.versions.map((v: { version: number; event: string }) => [v.version, v.event])).toEqual([
      [1, 'signed'],
      [2, 'amended'],
      [3, 'renewed'],
    ]);
    expect(agreement.versions[0]).toMatchObject({ scope: 'Motion i fællesskab, to gange om ugen.', documentSha256: SHA('a'), signatories });
    expect(agreement.terms.signatories[1].name).toBe('Ny Leder');
    expect((await get('partner', `/agreements/${ids.agreement}`)).versions[0].signatories).toEqual(signatories);
    expect((await get('admin', `/agreements/${ids.agreement}`)).terms.signatories).toHaveLength(2);
  });

  it('shows the members sitting on the centre’s board the terms without the signatories; refuses everyone else', async () => {
    const seen = await get('seated', `/agreements/${ids.agreement}`);
    expect(seen.terms.scope).toBe('Motion og workshops om sundhed.');
    expect(seen.terms.signatories).toBeNull();
    expect(seen.versions.every((v: { signatories: unknown }) => v.signatories === null)).toBe(true);
    expect(JSON.stringify(seen)).not.toMatch(/Mette|\$sealed/);
    for (const who of ['unseated', 'otherStaff', 'otherPartner', 'citizen', 'researcher', 'auditor']) await refused(who, 'GET', `/agreements/${ids.agreement}`, 403);
    expect((await refused('staff', 'GET', `/agreements/${newId()}`, 404)).code).toBe('agreement_not_found');
  });

  it('lists a partner’s agreements: all for its own people, their own centre’s for staff; a centre’s for its staff and board', async () => {
    const own = (await get('partner', `/partners/${ids.partner}/agreements`)).agreements.map((a: { agreementId: string }) => a.agreementId);
    expect(own.sort()).toEqual([ids.agreement, ids.otherAgreement].sort());
    expect((await get('staff', `/partners/${ids.partner}/agreements`)).agreements.map((a: { agreementId: string }) => a.agreementId)).toEqual([ids.agreement]);
    expect((await get('otherStaff', `/partners/${ids.partner}/agreements`)).agreements.map((a: { agreementId: string }) => a.agreementId)).toEqual([ids.otherAgreement]);
    const board = (await get('seated', `/centres/${ids.centre}/agreements`)).agreements;
    expect(board.map((a: { agreementId: string }) => a.agreementId)).toEqual([ids.agreement]);
    expect(board[0].terms.signatories).toBeNull();
    expect((await get('staff', `/centres/${ids.centre}/agreements`)).agreements[0].terms.signatories).toHaveLength(2);
    for (const who of ['otherPartner', 'citizen', 'researcher']) await refused(who, 'GET', `/partners/${ids.partner}/agreements`, 403);
    for (const who of ['otherStaff', 'partner', 'unseated', 'citizen']) await refused(who, 'GET', `/centres/${ids.centre}/agreements`, 403);
  });

  it('the partner’s own people end it for their side only; then it changes no more', async () => {
    expect((await refused('partner', 'POST', `/agreements/${ids.agreement}/terminate`, 403, { by: 'centre' })).code).toBe('forbidden');
    expect((await refused('otherPartner', 'POST', `/agreements/${ids.agreement}/terminate`, 403, { by: 'partner' })).code).toBe('forbidden');
    expect((await refused('partner', 'POST', `/agreements/${ids.agreement}/terminate`, 400, { by: 'partner', reason: 'Borgerne mister deres ydelse' })).code).toBe('coercive_wording');
    await ok('partner', 'POST', `/agreements/${ids.agreement}/terminate`, { by: 'partner', reason: 'Klubben lukker afdelingen.' });
    const ended = await get('staff', `/agreements/${ids.agreement}`);
    expect(ended.status).toBe('terminated');
    expect(ended.terminated).toMatchObject({ by: 'partner', reason: 'Klubben lukker afdelingen.' });
    expect((await refused('staff', 'POST', `/agreements/${ids.agreement}/renew`, 409, { endDate: inDays(500), documentSha256: SHA('e'), signatories })).code).toBe('agreement_terminated');
    expect((await refused('staff', 'POST', `/agreements/${ids.agreement}/terminate`, 409, { by: 'centre' })).code).toBe('agreement_terminated');
    // Staff of the other centre record the centre's side of theirs.
    await ok('otherStaff', 'POST', `/agreements/${ids.otherAgreement}/terminate`, { by: 'centre' });
  });
});
