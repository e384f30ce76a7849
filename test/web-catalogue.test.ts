/**
 * The catalogue's, the partners' and the referrals' pages through fastify's inject against a real
 * PostgreSQL: staff register partners (the CVR number's modulus-11 check on its field) and record
 * signed agreements (kroner to øre, a pasted SHA-256), amend, renew and terminate them (asked
 * once), and publish the centre's own offers; a partner's person signs in for their partner and
 * publishes under an agreement in force; the public catalogue searched in Danish (an inflected word
 * finds its stem) and in English, with filters; a citizen's referral under their own data-sharing
 * consent (question pages, "Tjek dine svar", the receipt), seen by the partner with exactly the
 * fields shared and nothing after the withdrawal. Each: what it records (read from the log), its
 * refusals on the field, bad input recording nothing, and who may see which page.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementDecider } from '../src/domain/agreement/decide.js';
import { catalogueDecider } from '../src/domain/catalogue/decide.js';
import { partnerDecider } from '../src/domain/partner/decide.js';
import type { Principal } from '../src/domain/shared/principal.js';
import { newId } from '../src/ids.js';
import { newSession, openSession, seal, sealSession } from '../src/web/session.js';
import { commandsFor } from '../src/wiring.js';
import { createTestApp } from './support/app.js';
import { field, InjectBrowser } from './support/inject-browser.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let commands: ReturnType<typeof commandsFor>;
let centreId: string;
const ISO = /\d{4}-\d{2}-\d{2}T/;
const staffId = 'counsellor-web-catalogue';

class Browser extends InjectBrowser {
  constructor(headers: Record<string, string> = {}) {
    super(() => t.app, headers);
  }
}

/** The local development sign-in, as a person fills it in. */
async function signIn(browser: Browser, role: string, personId: string, extra: { centreId?: string; partnerId?: string } = {}) {
  const form = await browser.get('/log-ind');
  const answer = await browser.post('/log-ind', { _csrf: field(form.body, '_csrf') ?? '', role, personId, centreId: extra.centreId ?? '', partnerId: extra.partnerId ?? '' });
  expect(answer.statusCode, answer.body).toBe(303);
  return answer;
}

async function api(method: 'GET' | 'POST', url: string, token: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...(payload === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': newId() }) }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

async function eventsOf(type: string): Promise<{ stream_id: string; data: Record<string, unknown> }[]> {
  const { rows } = await sql<{ stream_id: string; data: Record<string, unknown> }>`select stream_id, data from events where event_type = ${type} order by global_position`.execute(t.database.db);
  return rows;
}

const staff = (): Principal => ({ id: staffId, role: 'staff', centreId });
const context = () => {
  const commandId = newId();
  return { commandId, correlationId: commandId };
};
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const HASH = (text: string) => createHash('sha256').update(text).digest('hex');

/** A partner registered and an agreement signed through the command path, as staff record them. */
async function seedPartner(name: string, kinds: string[] = ['internship', 'workshop']) {
  const partnerId = newId();
  const agreementId = newId();
  const now = new Date().toISOString();
  await commands.handler.handle(partnerDecider, { type: 'RegisterPartner', now, principal: staff(), data: { partnerId, centreId, kind: 'business', name, cvr: null, contact: { name: 'Lene Holm', email: 'lene@example.dk', phone: null } } }, context());
  await commands.handler.handle(
    agreementDecider,
    {
      type: 'SignAgreement',
      now,
      principal: staff(),
      data: {
        agreementId,
        partnerId,
        centreId,
        partnerKnown: await commands.facts.partnerKnown(partnerId),
        scope: 'Praktikpladser og workshops for borgere, der vil prøve faget.',
        offerKinds: kinds,
        startDate: isoDay(-1),
        endDate: isoDay(300),
        payment: null,
        documentSha256: HASH(`${name} aftale`),
        signatories: [
          { side: 'partner', name: 'Lene Holm', title: 'Direktør' },
          { side: 'centre', name: 'Per Madsen', title: null },
        ],
      },
    },
    context(),
  );
  return { partnerId, agreementId };
}

/** A partner's offer published under its agreement, through the command path. */
async function seedOffer(partnerId: string, agreementId: string, content: Partial<Record<string, unknown>> = {}) {
  const offerId = newId();
  const now = new Date().toISOString();
  const partnerPrincipal: Principal = { id: `person-${partnerId.slice(0, 8)}`, role: 'partner', partnerId };
  await commands.handler.handle(
    catalogueDecider,
    {
      type: 'PublishCatalogueOffer',
      now,
      principal: partnerPrincipal,
      data: {
        offerId,
        centreId,
        partnerId,
        agreementId,
        agreement: await commands.facts.agreementFact(agreementId, now),
        content: {
          kind: 'internship',
          title: 'Praktik i et værksted',
          titleEn: 'A work placement in a workshop',
          description: 'Fire uger i et værksted, hvor du prøver faget sammen med erfarne folk.',
          descriptionEn: 'Four weeks in a workshop, trying the trade with experienced people.',
          channels: ['in_person'],
          municipalityCode: '101',
          place: 'Værkstedsgade 1, København',
          link: null,
          capacity: 4,
          suits: 'Godt, hvis du gerne vil arbejde med hænderne.',
          ...content,
        } as never,
      },
    },
    context(),
  );
  return offerId;
}

/** A citizen with a journey (an alias the partner may be shown) and a goal, signed in. */
async function citizenWithJourney(alias = 'Sara') {
  const citizenId = `citizen-${newId().slice(-12)}`;
  const token = await t.token('citizen', undefined, citizenId);
  expect((await api('POST', '/journeys', token, { centreId, alias })).statusCode).toBe(201);
  const browser = new Browser();
  await signIn(browser, 'citizen', citizenId);
  await t.engine.settle();
  const goal = await browser.get('/mine-sider/maal');
  expect((await browser.submit(goal, '/mine-sider/maal', { text: 'Jeg vil gerne arbejde som tømrer' })).statusCode).toBe(303);
  await t.engine.settle();
  return { browser, citizenId };
}

beforeAll(async () => {
  t = await createTestApp();
  commands = commandsFor(t.database, t.store, t.vault);
  const created = await api('POST', '/centres', await t.token('admin'), { municipalityCode: '101', name: 'Virkelyst Nordvest' });
  expect(created.statusCode, created.body).toBe(201);
  centreId = created.json().centreId;
  await t.engine.settle();
});
afterAll(async () => {
  await t?.close();
});

describe('partners, as staff register them', () => {
  it('registers a partner in grouped fields, with the CVR number’s check said on its field and nothing recorded on an error', async () => {
    const browser = new Browser();
    await signIn(browser, 'staff', staffId, { centreId });
    const list = await browser.get('/medarbejder/medspillere');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<legend class="h3">Medspilleren</legend>');
    expect(list.body).toContain('<legend class="h3">Kontaktperson</legend>');
    const before = await t.eventCount();
    // 12345678: eight digits whose modulus-11 check fails.
    const bad = await browser.submit(list, '/medarbejder/medspillere', { kind: 'business', name: 'Tømrerfirmaet Holm', cvr: '12345678', contactName: 'Lene Holm', contactEmail: '', contactPhone: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/<div class="alert alert-error"[\s\S]*<a href="#cvr" class="function-link">CVR-nummeret er ikke gyldigt: kontrolcifferet passer ikke \(modulus 11\)/);
    expect(bad.body.indexOf('alert-error')).toBeLessThan(bad.body.indexOf('<h1>'));
    expect(bad.body).toContain('<title>Fejl: Medspillere – Virkelyst</title>');
    expect(bad.body).toContain('value="Tømrerfirmaet Holm"');
    const short = await browser.submit(list, '/medarbejder/medspillere', { kind: 'business', name: 'Tømrerfirmaet Holm', cvr: '1234', contactName: 'Lene Holm', contactEmail: '', contactPhone: '' });
    expect(short.body).toContain('<a href="#cvr" class="function-link">Et CVR-nummer har 8 cifre</a>');
    const noName = await browser.submit(list, '/medarbejder/medspillere', { kind: 'business', name: '', cvr: '', contactName: 'Lene Holm', contactEmail: '', contactPhone: '' });
    expect(noName.body).toContain('<a href="#name" class="function-link">Skriv organisationens navn');
    const badMail = await browser.submit(list, '/medarbejder/medspillere', { kind: 'business', name: 'Holm', cvr: '', contactName: 'Lene Holm', contactEmail: 'lene', contactPhone: '' });
    expect(badMail.body).toContain('<a href="#contactEmail" class="function-link">Skriv en e-mailadresse');
    expect(await t.eventCount()).toBe(before);

    // 10000009: 2·1 + 1·9 = 11, a valid CVR number.
    const ok = await browser.submit(list, '/medarbejder/medspillere', { kind: 'business', name: 'Tømrerfirmaet Holm', cvr: '1000 0009', contactName: 'Lene Holm', contactEmail: 'lene@example.dk', contactPhone: '+45 12 34 56 78' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/medarbejder/medspillere?ok=registered');
    // A double submit records once.
    expect((await browser.submit(list, '/medarbejder/medspillere', { kind: 'business', name: 'Tømrerfirmaet Holm', cvr: '1000 0009', contactName: 'Lene Holm', contactEmail: 'lene@example.dk', contactPhone: '+45 12 34 56 78' })).statusCode).toBe(303);
    const registered = (await eventsOf('PartnerRegistered')).filter((e) => e.data.name === 'Tømrerfirmaet Holm');
    expect(registered).toHaveLength(1);
    expect(registered[0]!.data).toMatchObject({ centreId, kind: 'business', cvr: '10000009' });
    await t.engine.settle();
    const after = await browser.get('/medarbejder/medspillere?ok=registered');
    expect(after.body).toContain('Medspilleren er registreret.');
    const partnerId = registered[0]!.data.partnerId as string;
    expect(after.body).toContain(`href="/medarbejder/medspillere/${partnerId}"`);
    const one = await browser.get(`/medarbejder/medspillere/${partnerId}`);
    expect(one.body).toContain('Lene Holm, lene@example.dk, +45 12 34 56 78');
    expect(one.body).toContain('Virksomhed');
    browser.cookies.set('lang', 'en');
    const english = await browser.get(`/medarbejder/medspillere/${partnerId}`);
    expect(english.body).toMatch(/<html lang="en">/);
    expect(english.body).toContain('Agreements with the centre');
    expect(english.body).toContain('Business');
    expect(english.body).not.toMatch(ISO);
  });

  it('records a signed agreement (kroner to øre, a pasted hash), amends, renews and terminates it, asked once', async () => {
    const { partnerId } = await seedPartner('Cykelværkstedet');
    await t.engine.settle();
    const browser = new Browser();
    await signIn(browser, 'staff', staffId, { centreId });
    const form = await browser.get(`/medarbejder/medspillere/${partnerId}/aftale`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<script src="/medarbejder/medspillere/dokument-fingeraftryk.js"></script>');
    // Without a script the file field stays hidden and has no name: the document is never sent.
    expect(form.body).toMatch(/<div class="form-group" hidden data-sha256-for="documentSha256"/);
    expect(form.body).toContain('<input type="file" id="document-file" class="form-input"');
    const script = await browser.get('/medarbejder/medspillere/dokument-fingeraftryk.js');
    expect(script.headers['content-type']).toContain('text/javascript');
    expect(script.body).toContain("crypto.subtle.digest('SHA-256'");

    const fields = {
      scope: 'Cykelreparation som workshop for alle.',
      offerKinds: 'workshop',
      startDate: isoDay(0),
      endDate: isoDay(200),
      paymentBasis: 'per_year',
      paymentAmount: '12.500,50',
      documentSha256: HASH('cykel v1').toUpperCase(),
      partnerSigner1: 'Ali Jensen',
      partnerSignerTitle1: 'Indehaver',
      centreSigner1: 'Per Madsen',
      centreSignerTitle1: '',
    };
    const before = await t.eventCount();
    const noSigner = await browser.submit(form, `/medarbejder/medspillere/${partnerId}/aftale`, { ...fields, centreSigner1: '' });
    expect(noSigner.statusCode).toBe(400);
    expect(noSigner.body).toContain('<a href="#centreSigner1" class="function-link">Skriv navnet på den, der skrev under for centret</a>');
    const badHash = await browser.submit(form, `/medarbejder/medspillere/${partnerId}/aftale`, { ...fields, documentSha256: 'abc' });
    expect(badHash.statusCode).toBe(400);
    expect(badHash.body).toContain('<a href="#documentSha256" class="function-link">Skriv det underskrevne dokuments SHA-256');
    const noBasis = await browser.submit(form, `/medarbejder/medspillere/${partnerId}/aftale`, { ...fields, paymentBasis: 'none' });
    expect(noBasis.body).toContain('<a href="#paymentBasis" class="function-link">');
    const noKinds = await browser.submit(form, `/medarbejder/medspillere/${partnerId}/aftale`, { ...fields, offerKinds: '' });
    expect(noKinds.body).toContain('<a href="#offerKinds" class="function-link">Vælg mindst én slags tilbud');
    expect(await t.eventCount()).toBe(before);

    const signed = await browser.submit(form, `/medarbejder/medspillere/${partnerId}/aftale`, fields);
    expect(signed.statusCode).toBe(303);
    expect(signed.headers.location).toBe(`/medarbejder/medspillere/${partnerId}?ok=signed`);
    const event = (await eventsOf('AgreementSigned')).find((e) => e.data.partnerId === partnerId && e.data.scope === fields.scope)!;
    expect(event.data).toMatchObject({ centreId, offerKinds: ['workshop'], payment: { amountOre: 1_250_050, basis: 'per_year' }, documentSha256: HASH('cykel v1') });
    const agreementId = event.data.agreementId as string;
    await t.engine.settle();

    const page = await browser.get(`/medarbejder/medspillere/aftaler/${agreementId}`);
    expect(page.body).toContain('12.500,50 kr. om året');
    expect(page.body).toContain('Ali Jensen, Indehaver (for medspilleren)');
    expect(page.body).toContain(HASH('cykel v1'));
    expect(page.body).not.toMatch(ISO);

    const amend = await browser.get(`/medarbejder/medspillere/aftaler/${agreementId}/ret`);
    expect(amend.body).toContain('value="12.500,50"');
    const amended = await browser.submit(amend, `/medarbejder/medspillere/aftaler/${agreementId}/ret`, { ...fields, startDate: '', paymentBasis: 'none', paymentAmount: '', offerKinds: 'workshop', documentSha256: HASH('cykel v2') });
    expect(amended.statusCode, amended.body).toBe(303);
    const renew = await browser.get(`/medarbejder/medspillere/aftaler/${agreementId}/forny`);
    // The same document again is no new version: said on the field.
    const sameDocument = await browser.submit(renew, `/medarbejder/medspillere/aftaler/${agreementId}/forny`, { endDate: isoDay(330), documentSha256: HASH('cykel v2'), partnerSigner1: 'Ali Jensen', centreSigner1: 'Per Madsen' });
    expect(sameDocument.statusCode).toBe(400);
    expect(sameDocument.body).toContain('<a href="#documentSha256" class="function-link">');
    const renewed = await browser.submit(renew, `/medarbejder/medspillere/aftaler/${agreementId}/forny`, { endDate: isoDay(330), documentSha256: HASH('cykel v3'), partnerSigner1: 'Ali Jensen', centreSigner1: 'Per Madsen' });
    expect(renewed.statusCode, renewed.body).toBe(303);
    await t.engine.settle();
    const versions = await browser.get(`/medarbejder/medspillere/aftaler/${agreementId}`);
    expect(versions.body).toContain('<td>Indgået</td>');
    expect(versions.body).toContain('<td>Ændret</td>');
    expect(versions.body).toContain('<td>Fornyet</td>');
    expect(versions.body).toContain('Ingen betaling');

    const ask = await browser.get(`/medarbejder/medspillere/aftaler/${agreementId}/opsig`);
    expect(ask.body).toContain('Vil du registrere, at aftalen er opsagt?');
    const noSide = await browser.submit(ask, `/medarbejder/medspillere/aftaler/${agreementId}/opsig`, { reason: '' });
    expect(noSide.statusCode).toBe(400);
    expect(noSide.body).toContain('<a href="#by" class="function-link">Vælg, hvem der opsiger aftalen</a>');
    const terminated = await browser.submit(ask, `/medarbejder/medspillere/aftaler/${agreementId}/opsig`, { by: 'partner', reason: 'Værkstedet lukker.' });
    expect(terminated.statusCode).toBe(303);
    expect((await eventsOf('AgreementTerminated')).filter((e) => e.data.agreementId === agreementId)).toHaveLength(1);
    await t.engine.settle();
    const ended = await browser.get(`/medarbejder/medspillere/aftaler/${agreementId}`);
    expect(ended.body).toMatch(/Opsagt (mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) .* af medspilleren/);
    expect(ended.body).not.toContain('id="terminate"');
    expect((await browser.get(`/medarbejder/medspillere/aftaler/${agreementId}/opsig`)).statusCode).toBe(404);
  });

  it('publishes, revises and takes out the centre’s own offer', async () => {
    const browser = new Browser();
    await signIn(browser, 'staff', staffId, { centreId });
    const form = await browser.get('/medarbejder/medspillere/tilbud/nyt');
    expect(form.body).toContain('<option value="101" selected>København</option>');
    expect(form.body).not.toContain('id="agreementId"');
    const fields = { kind: 'coaching', title: 'Coaching om drømme', titleEn: '', description: 'Samtaler om, hvad du drømmer om.', descriptionEn: '', suits: '', channels: 'video', municipalityCode: '101', place: '', link: '', capacity: '' };
    const before = await t.eventCount();
    const badCapacity = await browser.submit(form, '/medarbejder/medspillere/tilbud/nyt', { ...fields, capacity: 'mange' });
    expect(badCapacity.statusCode).toBe(400);
    expect(badCapacity.body).toContain('<a href="#capacity" class="function-link">Skriv antal pladser');
    const inPersonNowhere = await browser.submit(form, '/medarbejder/medspillere/tilbud/nyt', { ...fields, channels: 'in_person' });
    expect(inPersonNowhere.body).toContain('<a href="#place" class="function-link">Skriv, hvor tilbuddet foregår');
    const coercive = await browser.submit(form, '/medarbejder/medspillere/tilbud/nyt', { ...fields, suits: 'Kun for dem med rådighedspligt' });
    expect(coercive.statusCode).toBe(400);
    expect(coercive.body).toContain('<a href="#suits" class="function-link">Teksten bruger ord, der lyder som tvang');
    expect(await t.eventCount()).toBe(before);
    const published = await browser.submit(form, '/medarbejder/medspillere/tilbud/nyt', fields);
    expect(published.headers.location).toBe('/medarbejder/medspillere/tilbud?ok=published');
    const offerId = (await eventsOf('CatalogueOfferPublished')).find((e) => e.data.title === 'Coaching om drømme')!.data.offerId as string;
    await t.engine.settle();
    const list = await browser.get('/medarbejder/medspillere/tilbud');
    expect(list.body).toContain(`href="/medarbejder/medspillere/tilbud/${offerId}/ret"`);
    const revise = await browser.get(`/medarbejder/medspillere/tilbud/${offerId}/ret`);
    expect(revise.body).toContain('value="Coaching om drømme"');
    expect((await browser.submit(revise, `/medarbejder/medspillere/tilbud/${offerId}/ret`, { ...fields, capacity: '6' })).statusCode).toBe(303);
    const retire = await browser.get(`/medarbejder/medspillere/tilbud/${offerId}/fjern`);
    expect(retire.body).toContain('Vil du tage tilbuddet af kataloget?');
    expect((await browser.submit(retire, `/medarbejder/medspillere/tilbud/${offerId}/fjern`)).headers.location).toBe('/medarbejder/medspillere/tilbud?ok=retired');
    expect((await eventsOf('CatalogueOfferRevised')).filter((e) => e.data.offerId === offerId)[0]!.data).toMatchObject({ capacity: 6 });
    expect((await eventsOf('CatalogueOfferRetired')).filter((e) => e.data.offerId === offerId)).toHaveLength(1);
    await t.engine.settle();
    expect((await new Browser().get(`/tilbudskatalog/${offerId}`)).statusCode).toBe(404);
  });
});

describe('a partner’s own pages', () => {
  it('signs in for a partner chosen from the partners’ read model and publishes under an agreement in force', async () => {
    const { partnerId, agreementId } = await seedPartner('Tømrerlauget');
    await t.engine.settle();
    const browser = new Browser();
    const signInPage = await browser.get('/log-ind');
    expect(signInPage.body).toContain(`<option value="${partnerId}">Tømrerlauget (Virkelyst Nordvest)</option>`);
    // A partner that is not in the list is no choice; without one the person is bound to none, and the partner's pages say so.
    const unknown = await browser.post('/log-ind', { _csrf: field(signInPage.body, '_csrf') ?? '', role: 'partner', personId: 'lauget-1', centreId: '', partnerId: newId() });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('<a href="#partnerId" class="function-link">Vælg en medspiller fra listen</a>');
    const unbound = new Browser();
    await signIn(unbound, 'partner', 'lauget-2');
    const none = await unbound.get('/partner');
    expect(none.statusCode).toBe(403);
    expect(none.body).toContain('<h1>Du er ikke logget ind for en medspiller</h1>');
    const answer = await signIn(browser, 'partner', 'lauget-1', { partnerId });
    expect(answer.headers.location).toBe('/partner');
    const home = await browser.get('/partner');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<h1>Tømrerlauget</h1>');

    const form = await browser.get('/partner/tilbud/nyt');
    expect(form.body).toContain(`<option value="${agreementId}" selected>`);
    const fields = { kind: 'internship', title: 'Praktik hos tømrerne', titleEn: 'A placement with the carpenters', description: 'Vi tager imod virksomheder og borgere, der vil prøve håndværket.', descriptionEn: '', suits: 'Godt, hvis du kan lide træ.', channels: 'in_person', municipalityCode: '101', place: 'Lauget, Nørrebrogade 10', link: '', capacity: '3', agreementId };
    const notCovered = await browser.submit(form, '/partner/tilbud/nyt', { ...fields, kind: 'coaching' });
    expect(notCovered.statusCode).toBe(422);
    expect(notCovered.body).toContain('<a href="#kind" class="function-link">Aftalen dækker ikke den slags tilbud.');
    const published = await browser.submit(form, '/partner/tilbud/nyt', fields);
    expect(published.headers.location).toBe('/partner/tilbud?ok=published');
    const event = (await eventsOf('CatalogueOfferPublished')).find((e) => e.data.title === 'Praktik hos tømrerne')!;
    expect(event.data).toMatchObject({ partnerId, agreementId, centreId, capacity: 3 });
    await t.engine.settle();
    const offers = await browser.get('/partner/tilbud');
    expect(offers.body).toContain('Praktik hos tømrerne');
    expect(offers.body).toContain('3 ledige pladser');

    const agreements = await browser.get('/partner/aftaler');
    expect(agreements.body).toContain(`href="/partner/aftaler/${agreementId}"`);
    const one = await browser.get(`/partner/aftaler/${agreementId}`);
    expect(one.body).toContain('Lene Holm, Direktør (for medspilleren)');
    expect(one.body).not.toContain('id="terminate"');
  });

  it('keeps each partner to its own pages, and the roles to theirs', async () => {
    const mine = await seedPartner('Bageriet');
    const theirs = await seedPartner('Slagteren');
    const theirOffer = await seedOffer(theirs.partnerId, theirs.agreementId, { title: 'Slagterens praktik' });
    await t.engine.settle();
    const partner = new Browser();
    await signIn(partner, 'partner', 'bager-1', { partnerId: mine.partnerId });
    expect((await partner.get(`/partner/tilbud/${theirOffer}/ret`)).statusCode).toBe(404);
    expect((await partner.get(`/partner/tilbud/${theirOffer}/fjern`)).statusCode).toBe(404);
    expect((await partner.get(`/partner/aftaler/${theirs.agreementId}`)).statusCode).toBe(404);
    expect((await partner.get('/medarbejder/medspillere')).statusCode).toBe(403);
    const before = await t.eventCount();
    expect((await partner.post(`/partner/tilbud/${theirOffer}/fjern`, { _csrf: partner.lastCsrf, idempotencyKey: newId() })).statusCode).toBe(403);
    expect(await t.eventCount()).toBe(before);
    const citizen = new Browser();
    await signIn(citizen, 'citizen', `citizen-${newId().slice(-8)}`);
    for (const url of ['/partner', '/partner/tilbud', '/partner/henvisninger', '/medarbejder/medspillere']) expect((await citizen.get(url)).statusCode, url).toBe(403);
    for (const url of ['/partner', '/medarbejder/medspillere']) expect((await new Browser().get(url)).headers.location, url).toBe('/log-ind');
    // A form without its CSRF token: refused before anything is read or recorded.
    expect((await partner.post('/partner/tilbud/nyt', { idempotencyKey: newId(), title: 'x' })).statusCode).toBe(403);
    expect(await t.eventCount()).toBe(before);
  });
});

describe('the public catalogue', () => {
  it('finds an offer by an inflected Danish word, filters it, and shows it in English', async () => {
    const { partnerId, agreementId } = await seedPartner('Håndværkerhuset', ['internship', 'workshop', 'sparring']);
    const offerId = await seedOffer(partnerId, agreementId, { title: 'Sparring med håndværkere', kind: 'sparring', description: 'Mød virksomheder, der søger nye kolleger.', descriptionEn: 'Meet businesses looking for new colleagues.', titleEn: 'Sparring with craftspeople', channels: ['in_person', 'video'], capacity: 1 });
    await t.engine.settle();
    const browser = new Browser();
    const found = await browser.get('/tilbudskatalog?q=virksomhed');
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`href="/tilbudskatalog/${offerId}"`);
    expect(found.body).toContain('Håndværkerhuset');
    expect(found.body).toContain('Fremmøde, video');
    expect(found.body).toContain('1 ledig plads');
    expect(found.body).toContain('<form method="get" action="/tilbudskatalog"');
    const none = await browser.get('/tilbudskatalog?q=virksomhed&slags=coaching');
    expect(none.body).not.toContain(`href="/tilbudskatalog/${offerId}"`);
    expect(none.body).toContain('Ingen tilbud passer til din søgning.');
    const filtered = await browser.get('/tilbudskatalog?q=virksomhed&slags=sparring&kanal=video&kommune=101&ledige=1');
    expect(filtered.body).toContain(`href="/tilbudskatalog/${offerId}"`);
    expect(filtered.body).toMatch(/<input type="checkbox" id="slags-8" name="slags" class="form-checkbox" value="sparring" checked>/);
    // Unknown values are left out, not an error.
    expect((await browser.get('/tilbudskatalog?slags=benefits&kanal=fax&kommune=999&side=x')).statusCode).toBe(200);

    const english = await new Browser({ 'accept-language': 'en' }).get('/tilbudskatalog?q=businesses');
    expect(english.body).toMatch(/<html lang="en">/);
    expect(english.body).toContain('Sparring with craftspeople');
    expect(english.body).toContain('In person, video');

    const page = await browser.get(`/tilbudskatalog/${offerId}`);
    expect(page.body).toContain('<h1>Sparring med håndværkere</h1>');
    expect(page.body).toContain('Det er en hjælp til at vælge, ikke et krav. Alle kan spørge efter tilbuddet.');
    expect(page.body).toContain('id="sign-in-to-refer"');
    expect(page.body).not.toMatch(ISO);
    const citizen = new Browser();
    await signIn(citizen, 'citizen', `citizen-${newId().slice(-8)}`);
    const asCitizen = await citizen.get(`/tilbudskatalog/${offerId}`);
    expect(asCitizen.body).toContain(`<a class="button button-primary" href="/mine-sider/henvisning/${offerId}" id="refer">Jeg vil gerne henvises</a>`);
    citizen.cookies.set('lang', 'en');
    expect((await citizen.get(`/tilbudskatalog/${offerId}`)).body).toContain('I would like a referral');
    expect((await browser.get(`/tilbudskatalog/${newId()}`)).statusCode).toBe(404);
  });
});

describe('a referral under the citizen’s own data-sharing consent', () => {
  it('asks what to share and until when, checks the answers, records the consent with a receipt once, and the partner sees exactly that until it is withdrawn', async () => {
    const { partnerId, agreementId } = await seedPartner('Værkstedet Nord');
    const offerId = await seedOffer(partnerId, agreementId);
    await t.engine.settle();
    const { browser, citizenId } = await citizenWithJourney('Sara');
    const share = await browser.get(`/mine-sider/henvisning/${offerId}`);
    expect(share.statusCode).toBe(200);
    expect(share.body).toContain('<h1>Hvad vil du dele med Værkstedet Nord?</h1>');
    // Nothing ticked beforehand; the contact field revealed under its box, shown until the script hides it.
    expect(share.body).not.toMatch(/name="fields" value="\w+" class="form-checkbox[^"]*" checked/);
    expect(share.body).toContain('data-aria-controls="contact-collapse"');
    expect(share.body).toMatch(/<div id="contact-collapse" class="checkbox-content">/);
    expect(share.body).toContain('Udfyld kun, hvis du har sat kryds ved »Hvordan du kan kontaktes«.');

    const before = await t.eventCount();
    const nothing = await browser.submit(share, `/mine-sider/henvisning/${offerId}`, {});
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('<a href="#fields" class="function-link">Vælg mindst én ting, du vil dele</a>');
    const noContact = await browser.post(`/mine-sider/henvisning/${offerId}`, { _csrf: browser.lastCsrf, fields: ['name', 'contact'], contact: '' });
    expect(noContact.body).toContain('<a href="#contact" class="function-link">Skriv, hvordan Værkstedet Nord kan kontakte dig</a>');
    const notTicked = await browser.post(`/mine-sider/henvisning/${offerId}`, { _csrf: browser.lastCsrf, fields: ['name'], contact: '12 34 56 78' });
    expect(notTicked.body).toContain('<a href="#contact" class="function-link">Sæt kryds ved »Hvordan du kan kontaktes«');
    expect((await browser.post(`/mine-sider/henvisning/${offerId}`, { _csrf: browser.lastCsrf, fields: ['cpr'] })).statusCode).toBe(400);

    const answers = { fields: ['name', 'contact', 'goals'], contact: 'Ring på 12 34 56 78 efter kl. 16', message: '' };
    const until = await browser.post(`/mine-sider/henvisning/${offerId}`, { _csrf: browser.lastCsrf, ...answers });
    expect(until.statusCode).toBe(200);
    expect(until.body).toContain('<h1>Hvor længe må Værkstedet Nord se det?</h1>');
    const suggested = /id="until" name="until" class="form-input input-width-s" value="(\d{4}-\d{2}-\d{2})"/.exec(until.body)?.[1];
    expect(suggested).toBeDefined();
    const past = await browser.post(`/mine-sider/henvisning/${offerId}/varighed`, { _csrf: browser.lastCsrf, ...answers, until: isoDay(-2) });
    expect(past.body).toContain('<a href="#until" class="function-link">Datoen må ikke være før i dag</a>');
    const far = await browser.post(`/mine-sider/henvisning/${offerId}/varighed`, { _csrf: browser.lastCsrf, ...answers, until: isoDay(400) });
    expect(far.body).toContain('<a href="#until" class="function-link">Vælg en dato højst et år frem');
    const check = await browser.post(`/mine-sider/henvisning/${offerId}/varighed`, { _csrf: browser.lastCsrf, ...answers, until: suggested! });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('<h1>Tjek dine svar</h1>');
    expect(check.body).toContain('<li>Dit navn</li><li>Hvordan du kan kontaktes</li><li>Dine mål, med dine egne ord</li>');
    expect(check.body).toContain('Ring på 12 34 56 78 efter kl. 16');
    expect(check.body).not.toMatch(/\d{4}-\d{2}-\d{2}</);
    // "Ret" takes the answers back to their question.
    const change = await browser.post(`/mine-sider/henvisning/${offerId}/ret`, { _csrf: browser.lastCsrf, ...answers, until: suggested!, step: 'share' });
    expect(change.body).toMatch(/value="contact" class="form-checkbox js-checkbox-toggle-content" checked/);
    expect(change.body).toContain('value="Ring på 12 34 56 78 efter kl. 16"');
    expect(await t.eventCount()).toBe(before);

    const confirmKey = field(check.body, 'idempotencyKey')!;
    const confirmFields = { _csrf: browser.lastCsrf, idempotencyKey: confirmKey, ...answers, until: suggested! };
    const given = await browser.post(`/mine-sider/henvisning/${offerId}/tjek`, confirmFields);
    expect(given.statusCode, given.body).toBe(303);
    expect(given.headers.location).toBe('/mine-sider/samtykker?delt=1');
    expect((await browser.post(`/mine-sider/henvisning/${offerId}/tjek`, confirmFields)).statusCode).toBe(303);
    const consent = (await eventsOf('DataSharingConsentGiven')).filter((e) => e.stream_id === `journey-${citizenId}`);
    expect(consent).toHaveLength(1);
    expect(consent[0]!.data).toMatchObject({ partnerId, purpose: 'referral_to_offer', catalogueOfferId: offerId, fields: ['name', 'contact', 'goals'], until: suggested, consent: { method: 'self_service' } });
    expect((await eventsOf('ReferralMade')).filter((e) => e.stream_id === `journey-${citizenId}`)).toHaveLength(1);

    const consents = await browser.get('/mine-sider/samtykker?delt=1');
    expect(consents.body).toContain('Tak. Dit samtykke er givet, og henvisningen er sendt. Her er kvitteringen.');
    expect(consents.body).toContain('<th scope="row">Modtager</th><td>Værkstedet Nord</td>');
    expect(consents.body).toContain('<th scope="row">Oplysninger</th><td>Dit navn, hvordan du kan kontaktes og dine mål</td>');
    expect(consents.body).toContain('<th scope="row">Tilbud</th><td>Praktik i et værksted</td>');
    expect(consents.body).toContain('Værkstedet Nord ser ikke mere, og intet følger af det.');
    expect(consents.body).toContain(`<th scope="row">Kvitteringsnummer</th><td>${(consent[0]!.data.receipt as { receiptId: string }).receiptId}</td>`);
    expect(consents.body).not.toMatch(ISO);
    expect(consents.body).not.toContain('self_service');
    const english = await new Browser({ 'accept-language': 'en' }).request({ method: 'GET', url: '/mine-sider/samtykker', headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(english.body).toContain('<th scope="row">Information</th><td>Your name, how to reach you and your goals</td>');
    expect(english.body).toContain('Sharing with Værkstedet Nord');

    // The partner sees exactly what was shared, never the citizen's id.
    const partner = new Browser();
    await signIn(partner, 'partner', 'nord-1', { partnerId });
    const referrals = await partner.get('/partner/henvisninger');
    expect(referrals.body).toContain('<th scope="row">Navn</th><td>Sara</td>');
    expect(referrals.body).toContain('Ring på 12 34 56 78 efter kl. 16');
    expect(referrals.body).toContain('<li>Jeg vil gerne arbejde som tømrer</li>');
    expect(referrals.body).not.toContain('Besked fra borgeren');
    expect(referrals.body).not.toContain(citizenId);
    expect(referrals.body).toContain('Praktik i et værksted');

    // Withdrawn, asked once: at once the partner sees nothing more.
    const sharingId = consent[0]!.data.sharingId as string;
    expect(consents.body).toContain(`href="/mine-sider/samtykker/deling/${sharingId}/traek-tilbage"`);
    const ask = await browser.get(`/mine-sider/samtykker/deling/${sharingId}/traek-tilbage`);
    expect(ask.body).toContain('<h1>Vil du trække dit samtykke til deling tilbage?</h1>');
    expect(ask.body).toContain('Værkstedet Nord ser ikke mere, og intet følger af det.');
    const withdrawn = await browser.submit(ask, `/mine-sider/samtykker/deling/${sharingId}/traek-tilbage`);
    expect(withdrawn.headers.location).toBe('/mine-sider/samtykker?deling-trukket=1');
    expect((await browser.submit(ask, `/mine-sider/samtykker/deling/${sharingId}/traek-tilbage`)).statusCode).toBe(303);
    expect((await eventsOf('DataSharingConsentWithdrawn')).filter((e) => e.stream_id === `journey-${citizenId}`)).toHaveLength(1);
    const after = await partner.get('/partner/henvisninger');
    expect(after.body).toContain('Borgeren har trukket samtykket tilbage. I ser ikke mere.');
    expect(after.body).not.toContain('Sara');
    expect(after.body).not.toContain('12 34 56 78');
    expect(after.body).not.toContain('tømrer');
    partner.cookies.set('lang', 'en');
    expect((await partner.get('/partner/henvisninger')).body).toContain('The citizen has withdrawn the consent. You see nothing more.');
    const mine = await browser.get('/mine-sider/samtykker?deling-trukket=1');
    expect(mine.body).toContain('Dit samtykke til deling er trukket tilbage.');
    expect(mine.body).not.toContain(`href="/mine-sider/samtykker/deling/${sharingId}/traek-tilbage"`);
    expect((await browser.get(`/mine-sider/samtykker/deling/${sharingId}/traek-tilbage`)).statusCode).toBe(404);
  });

  it('is the citizen’s own: staff and partners never do it here, and without a journey it says how to start one', async () => {
    const { partnerId, agreementId } = await seedPartner('Skolen');
    const offerId = await seedOffer(partnerId, agreementId);
    await t.engine.settle();
    const staffBrowser = new Browser();
    await signIn(staffBrowser, 'staff', staffId, { centreId });
    expect((await staffBrowser.get(`/mine-sider/henvisning/${offerId}`)).statusCode).toBe(403);
    const noJourney = new Browser();
    await signIn(noJourney, 'citizen', `citizen-${newId().slice(-8)}`);
    const page = await noJourney.get(`/mine-sider/henvisning/${offerId}`);
    expect(page.body).toContain('<h1>Start et forløb først</h1>');
    expect((await noJourney.get(`/mine-sider/henvisning/${newId()}`)).statusCode).toBe(404);
  });
});

describe('a partner’s session', () => {
  it('carries the partner, only for the partner role', () => {
    const key = Buffer.alloc(32, 7);
    const partnerId = newId();
    const now = Date.now();
    const partner = openSession(key, sealSession(key, newSession({ id: 'lene-1', role: 'partner', partnerId }, now)), now);
    expect(partner?.principal).toEqual({ id: 'lene-1', role: 'partner', partnerId });
    // Only a partner's people are bound to a partner.
    expect(newSession({ id: 'staff-1', role: 'staff', centreId, partnerId }, now).principal).toEqual({ id: 'staff-1', role: 'staff', centreId });
    // Without a partner the person is bound to none; a partner that is no id is no session.
    const bare = { principal: { id: 'lene-1', role: 'partner' }, sessionId: newId(), expiresAt: now + 60_000, seenAt: now };
    expect(openSession(key, seal(key, 'session', bare), now)?.principal).toEqual({ id: 'lene-1', role: 'partner' });
    expect(openSession(key, seal(key, 'session', { ...bare, principal: { ...bare.principal, partnerId: 'not an id' } }), now)).toBeNull();
  });
});
