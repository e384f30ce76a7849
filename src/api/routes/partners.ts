/**
 * Partners (medspillere) and their written agreements (samarbejdsaftaler), issue 13. Staff of a
 * centre register the partners they work with and record the agreements both sides signed; a
 * partner's own people keep their contact person up to date and may end an agreement for their
 * side. A partner's contact person and an agreement's signatories are personal data: sealed in
 * the log and the read model, opened here only for the staff of the centre concerned,
 * administrators and the partner's own people, and never written to a log.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Facts } from '../../commands/facts.js';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { PAYMENT_BASES, SIDES, type Signatory } from '../../domain/agreement/agreement.js';
import { agreementDecider, PAYMENT_MAX_ORE, REASON_MAX, SCOPE_MAX, SIGNATORIES_MAX, SIGNATORY_TEXT_MAX } from '../../domain/agreement/decide.js';
import { CENTRE_OFFER_KINDS } from '../../domain/journey/journey.js';
import { CONTACT_NAME_MAX, EMAIL_MAX, NAME_MAX, PHONE_MAX, partnerDecider } from '../../domain/partner/decide.js';
import { PARTNER_KINDS } from '../../domain/partner/partner.js';
import { Forbidden, NotFound } from '../../domain/shared/errors.js';
import type { Principal } from '../../domain/shared/principal.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { ERASED, type PersonalData } from '../../privacy/sealed.js';
import { holdsSeat } from '../../projections/board/queries.js';
import {
  agreementById,
  agreementsOfCentre,
  agreementsOfPartner,
  type AgreementVersionView,
  type AgreementView,
  partnerById,
  partnersOfCentre,
  type PartnerView,
} from '../../projections/catalogue/queries.js';
import { authenticatedContext, principalOf } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { mergeProblems, type ProblemCodes, SIGNED_IN, type Tag } from '../openapi.js';
import { isoDay, openedText, personal, text, uuid } from '../schemas.js';

export interface PartnerRoutesOptions {
  database: Database;
  facts: Facts;
  handler: CommandHandler;
  verify: TokenVerifier;
  /** Opens contact persons and signatories for those allowed to read them. */
  vault: PersonalData;
}

// Partners and agreements belong to centres: they are listed under the centres' tag.
const tag: Tag = 'partners';

const CONTACT_KEY = 'the partner’s contact key';
const SIGNATORY_KEY = 'the agreement’s signatory key';

const partnerParams = z.object({ partnerId: uuid }).strict();
const agreementParams = z.object({ agreementId: uuid }).strict();
const centreParams = z.object({ centreId: uuid }).strict();

const contactBody = z
  .object({
    name: personal(CONTACT_NAME_MAX, CONTACT_KEY).describe('The contact person’s name. Personal data, stored encrypted'),
    email: personal(EMAIL_MAX, CONTACT_KEY)
      .regex(/^\s*[^\s@]+@[^\s@]+\.[^\s@]+\s*$/, 'an e-mail address such as navn@eksempel.dk')
      .nullable()
      .default(null)
      .describe('Personal data, stored encrypted'),
    phone: personal(PHONE_MAX, CONTACT_KEY)
      .regex(/^\s*\+?[\d ()-]{6,}\s*$/, 'a phone number: digits, spaces, and + ( ) -')
      .nullable()
      .default(null)
      .describe('Personal data, stored encrypted'),
  })
  .strict();
const details = {
  kind: z.enum(PARTNER_KINDS),
  name: text(1, NAME_MAX).describe('The organisation’s name'),
  cvr: text(1, 16).nullable().default(null).describe('Its CVR number (8 digits, modulus-11 checked), if it has one'),
};
const payment = z
  .object({ amountOre: z.number().int().positive().max(PAYMENT_MAX_ORE), basis: z.enum(PAYMENT_BASES) })
  .strict()
  .nullable()
  .default(null)
  .describe('What the centre pays the partner, in whole øre, if anything: partners are normally unpaid (null)');
const signatories = z
  .array(
    z
      .object({
        side: z.enum(SIDES),
        name: personal(SIGNATORY_TEXT_MAX, SIGNATORY_KEY),
        title: personal(SIGNATORY_TEXT_MAX, SIGNATORY_KEY).nullable().default(null),
      })
      .strict(),
  )
  .min(1)
  .max(SIGNATORIES_MAX)
  .describe('Who signed, at least one for each side. Personal data, stored encrypted');
const documentSha256 = z.string().regex(/^[0-9a-fA-F]{64}$/, 'the SHA-256 of the signed document: 64 hexadecimal digits').describe('The SHA-256 of the signed document; the document itself is kept outside the system');
const offerKinds = z.array(z.enum(CENTRE_OFFER_KINDS)).min(1).max(CENTRE_OFFER_KINDS.length * 2).describe('The kinds of offer the agreement covers');

const EXAMPLE_SHA = '9f2c4e1b7a3d5f6081e2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b1c';
const EXAMPLE_SIGNATORIES = [
  { side: 'partner' as const, name: 'Mette Holm', title: 'Formand' },
  { side: 'centre' as const, name: 'Jens Jensen', title: 'Centerleder' },
];

const partnerView = z
  .object({
    partnerId: z.string(),
    centreId: z.string().describe('The centre that registered it'),
    kind: z.enum(PARTNER_KINDS),
    name: z.string(),
    cvr: z.string().nullable(),
    contact: z
      .object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() })
      .nullable()
      .describe('The contact person, for the staff of the centre that registered the partner, administrators and the partner’s own people; null for others; `(slettet)` once erased'),
    registeredAt: z.string(),
    changedAt: z.string(),
  })
  .meta({ id: 'Partner' });

const signatoryView = z.object({ side: z.enum(SIDES), name: z.string(), title: z.string().nullable() });
const termsView = {
  version: z.number().int(),
  scope: z.string(),
  offerKinds: z.array(z.enum(CENTRE_OFFER_KINDS)),
  startDate: z.string().describe('YYYY-MM-DD, Danish time'),
  endDate: z.string().describe('YYYY-MM-DD, Danish time; the last day it is in force'),
  payment: z.object({ amountOre: z.number().int(), basis: z.enum(PAYMENT_BASES) }).nullable(),
  documentSha256: z.string(),
  signatories: z
    .array(signatoryView)
    .nullable()
    .describe('Opened for the staff of the centre, administrators and the partner’s own people; null for the board, or once erased'),
};
const agreementVersionView = z
  .object({ ...termsView, event: z.enum(['signed', 'amended', 'renewed']).describe('How this version came'), recordedAt: z.string() })
  .meta({ id: 'AgreementVersion' });
const agreementView = z
  .object({
    agreementId: z.string(),
    partnerId: z.string(),
    partnerName: z.string().nullable(),
    centreId: z.string(),
    status: z.enum(['signed', 'terminated']).describe('`signed`: in force within its period; `terminated`: ended at once by one side'),
    terms: z.object(termsView).describe('The terms in effect: the latest version'),
    signedAt: z.string(),
    changedAt: z.string(),
    terminated: z.object({ at: z.string(), by: z.enum(SIDES), reason: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'Agreement' });
const agreementWithVersions = agreementView.extend({ versions: z.array(agreementVersionView).describe('Every version, oldest first: the earlier terms stay readable') }).meta({ id: 'AgreementWithVersions' });

/** Problems of a command on a registered partner. */
const onPartner: ProblemCodes = { 404: ['partner_not_found'] };
/** Problems of a command on a signed agreement. */
const onAgreement: ProblemCodes = { 404: ['agreement_not_found'], 409: ['agreement_terminated'] };
/** Text written about the partner or the agreement that speaks of coercion is refused, naming the field. */
const wording: ProblemCodes = { 400: ['coercive_wording'] };
/** Personal fields are sealed: refused for good if that key was erased meanwhile. */
const sealing: ProblemCodes = { 410: ['personal_data_erased'] };

/** Who reads a partner, and whether its contact person is opened for them. */
function partnerReading(p: Principal, partner: { partnerId: string; centreId: string }): 'with_contact' | 'without_contact' {
  if (p.role === 'admin') return 'with_contact';
  if (p.role === 'partner') {
    if (p.partnerId === partner.partnerId) return 'with_contact';
    throw new Forbidden('this is another partner', { partnerId: partner.partnerId });
  }
  // Staff of any centre may see whom they could sign with; the contact person only for the centre that registered it.
  if (p.role === 'staff') return p.centreId === partner.centreId ? 'with_contact' : 'without_contact';
  throw new Forbidden('partners are read by staff, administrators and the partner’s own people', { role: p.role });
}

/** Partners, their contact people, their agreements: the routes. */
export const partnerRoutes: FastifyPluginAsync<PartnerRoutesOptions> = async (app, { database, facts, handler, verify, vault }) => {
  const authed = authenticatedContext(app, verify);
  const partner = { handler, decider: partnerDecider };
  const agreement = { handler, decider: agreementDecider };

  const openPartner = async (view: PartnerView, reading: 'with_contact' | 'without_contact') => ({
    partnerId: view.partnerId,
    centreId: view.centreId,
    kind: view.kind,
    name: view.name,
    cvr: view.cvr,
    contact:
      reading === 'with_contact'
        ? { name: await openedText(vault, view.contact.name), email: await openedText(vault, view.contact.email), phone: await openedText(vault, view.contact.phone) }
        : null,
    registeredAt: view.registeredAt,
    changedAt: view.changedAt,
  });

  /** Signatories opened, or null: not for this reader, or erased. Never the sealed object. */
  const openSignatories = async (sealed: unknown, open: boolean): Promise<Signatory[] | null> => {
    if (!open || sealed === null || sealed === undefined) return null;
    const value = await vault.open<Signatory[]>(sealed);
    return value === ERASED || !Array.isArray(value) ? null : value.map((s) => ({ side: s.side, name: s.name, title: s.title ?? null }));
  };
  const openTerms = async <T extends AgreementView['terms'] | AgreementVersionView>(terms: T, open: boolean) => ({ ...terms, signatories: await openSignatories(terms.signatories, open) });
  const openAgreement = async (view: AgreementView, open: boolean) => ({
    agreementId: view.agreementId,
    partnerId: view.partnerId,
    partnerName: view.partnerName,
    centreId: view.centreId,
    status: view.status,
    terms: await openTerms(view.terms, open),
    signedAt: view.signedAt,
    changedAt: view.changedAt,
    terminated: view.terminated,
  });

  /**
   * Who reads an agreement: the staff of its centre, administrators and the partner's own people
   * (with the signatories), and the members sitting on its centre's board (without them); null
   * for anyone else.
   */
  const agreementReading = async (p: Principal, a: { partnerId: string | null; centreId: string }): Promise<'with_signatories' | 'without_signatories' | null> => {
    if (p.role === 'admin') return 'with_signatories';
    if (p.role === 'partner' && a.partnerId !== null && p.partnerId === a.partnerId) return 'with_signatories';
    if (p.role === 'staff' && p.centreId === a.centreId) return 'with_signatories';
    if (p.role === 'board_member' && p.centreId === a.centreId && (await holdsSeat(database.db, a.centreId, p.id))) return 'without_signatories';
    return null;
  };
  const refused = (role: string) => new Forbidden('an agreement is read by the staff and the board of its centre, administrators and the partner’s own people', { role });

  commandRoute(authed, partner, {
    url: '/partners',
    operationId: 'registerPartner',
    examples: [
      {
        centreId: '019a2051-8bf8-7996-ac05-81cabffe29d6',
        kind: 'sports_club',
        name: 'Fitness Fyn',
        cvr: '29189897',
        contact: { name: 'Mette Holm', email: 'mette@fitnessfyn.dk', phone: '+45 12 34 56 78' },
      },
      { centreId: '019a2051-8bf8-7996-ac05-81cabffe29d6', kind: 'volunteer_organisation', name: 'Nørrebro Frivilligcenter', contact: { name: 'Ali Hassan' } },
    ],
    problems: mergeProblems(wording, sealing, { 409: ['partner_exists'] }),
    tag,
    summary: 'Register a partner (staff of the centre, or administrators): its kind, name, CVR number and contact person',
    params: z.object({}).strict(),
    body: z.object({ centreId: uuid.describe('The centre registering it'), ...details, contact: contactBody }).strict(),
    status: 201,
    creates: ['partnerId'],
    topLevel: ['partnerId'],
    location: ({ partnerId }) => `/partners/${partnerId}`,
    command: ({ body, newId }) => ({ type: 'RegisterPartner' as const, data: { partnerId: newId('partnerId'), ...body } }),
  });
  commandRoute(authed, partner, {
    method: 'PUT',
    url: '/partners/:partnerId/details',
    operationId: 'changePartnerDetails',
    examples: [{ kind: 'sports_club', name: 'Fitness Fyn Odense', cvr: '29189897' }],
    problems: mergeProblems(onPartner, wording),
    tag,
    summary: 'Change a partner’s kind, name and CVR number (its own people, staff of the centre that registered it, administrators)',
    params: partnerParams,
    body: z.object(details).strict(),
    command: ({ params, body }) => ({ type: 'ChangePartnerDetails' as const, data: { partnerId: params.partnerId, ...body } }),
  });
  commandRoute(authed, partner, {
    method: 'PUT',
    url: '/partners/:partnerId/contact',
    operationId: 'changePartnerContact',
    examples: [{ name: 'Søren Lund', email: 'soren@fitnessfyn.dk', phone: null }],
    problems: mergeProblems(onPartner, sealing),
    tag,
    summary: 'Change a partner’s contact person (its own people, staff of the centre that registered it, administrators)',
    params: partnerParams,
    body: contactBody,
    command: ({ params, body }) => ({ type: 'ChangePartnerContact' as const, data: { partnerId: params.partnerId, contact: body } }),
  });

  commandRoute(authed, agreement, {
    url: '/partners/:partnerId/agreements',
    operationId: 'signAgreement',
    examples: [
      {
        centreId: '019a2051-8bf8-7996-ac05-81cabffe29d6',
        scope: 'Fitness Fyn tilbyder motion i fællesskab for husets borgere, to gange om ugen.',
        offerKinds: ['physical_activity_and_health'],
        startDate: '2027-01-01',
        endDate: '2027-12-31',
        documentSha256: EXAMPLE_SHA,
        signatories: EXAMPLE_SIGNATORIES,
      },
    ],
    problems: mergeProblems(wording, sealing, { 404: ['partner_not_found'], 409: ['agreement_exists'] }),
    tag,
    summary: 'Record a written agreement signed by a partner and a centre (staff of the centre, administrators): scope, kinds of offer, period, signatories, the signed document’s SHA-256',
    params: partnerParams,
    body: z.object({ centreId: uuid, scope: text(1, SCOPE_MAX), offerKinds, startDate: isoDay(), endDate: isoDay(), payment, documentSha256, signatories }).strict(),
    status: 201,
    creates: ['agreementId'],
    topLevel: ['agreementId'],
    location: ({ agreementId }) => `/agreements/${agreementId}`,
    command: async ({ params, body, newId }) => ({
      type: 'SignAgreement' as const,
      data: { agreementId: newId('agreementId'), partnerId: params.partnerId, partnerKnown: await facts.partnerKnown(params.partnerId), ...body },
    }),
  });
  commandRoute(authed, agreement, {
    url: '/agreements/:agreementId/amend',
    operationId: 'amendAgreement',
    examples: [
      {
        scope: 'Fitness Fyn tilbyder motion og workshops om sundhed for husets borgere.',
        offerKinds: ['physical_activity_and_health', 'workshop'],
        endDate: '2027-12-31',
        documentSha256: '1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff001',
        signatories: EXAMPLE_SIGNATORIES,
      },
    ],
    problems: mergeProblems(onAgreement, wording, sealing),
    tag,
    summary: 'New terms, newly signed: a new version of the agreement (staff of the centre, administrators); the earlier ones stay readable',
    params: agreementParams,
    body: z.object({ scope: text(1, SCOPE_MAX), offerKinds, endDate: isoDay(), payment, documentSha256, signatories }).strict(),
    command: ({ params, body }) => ({ type: 'AmendAgreement' as const, data: { agreementId: params.agreementId, ...body } }),
  });
  commandRoute(authed, agreement, {
    url: '/agreements/:agreementId/renew',
    operationId: 'renewAgreement',
    examples: [{ endDate: '2028-12-31', documentSha256: 'aa11bb22cc33dd44ee55ff6600112233445566778899aabbccddeeff00112233', signatories: EXAMPLE_SIGNATORIES }],
    problems: mergeProblems(onAgreement, sealing),
    tag,
    summary: 'The same terms for a longer period, newly signed: a new version with a later end date (staff of the centre, administrators)',
    params: agreementParams,
    body: z.object({ endDate: isoDay(), documentSha256, signatories }).strict(),
    command: ({ params, body }) => ({ type: 'RenewAgreement' as const, data: { agreementId: params.agreementId, ...body } }),
  });
  commandRoute(authed, agreement, {
    url: '/agreements/:agreementId/terminate',
    operationId: 'terminateAgreement',
    examples: [{ by: 'partner', reason: 'Klubben lukker sin afdeling i Odense.' }, { by: 'centre' }],
    problems: mergeProblems(onAgreement, wording, { 422: ['agreement_ended'] }),
    tag,
    summary: 'End an agreement at once, for either side (staff of the centre record either side’s; the partner’s own people end it for the partner). Its offers leave the catalogue; a participation already running may finish',
    params: agreementParams,
    body: z.object({ by: z.enum(SIDES).describe('Which side ends it'), reason: text(1, REASON_MAX).optional().describe('About the agreement, never about a person') }).strict(),
    command: ({ params, body }) => ({ type: 'TerminateAgreement' as const, data: { agreementId: params.agreementId, by: body.by, reason: body.reason ?? null } }),
  });

  authed.add((a) => {
    const r = a.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/partners/:partnerId',
      {
        schema: {
          operationId: 'getPartner',
          tags: [tag],
          summary: 'One partner (staff, administrators, the partner’s own people); its contact person only for the staff of the centre that registered it, administrators and its own people',
          security: SIGNED_IN,
          params: partnerParams,
          response: { 200: partnerView },
          problems: { 404: ['partner_not_found'] },
        },
      },
      async (request) => {
        const p = principalOf(request);
        if (!['admin', 'partner', 'staff'].includes(p.role)) throw new Forbidden('partners are read by staff, administrators and the partner’s own people', { role: p.role });
        if (p.role === 'partner' && p.partnerId !== request.params.partnerId) throw new Forbidden('this is another partner', { partnerId: request.params.partnerId });
        const found = await partnerById(database.db, request.params.partnerId);
        if (!found) throw new NotFound('partner_not_found', 'no such partner', { partnerId: request.params.partnerId });
        return openPartner(found, partnerReading(p, found));
      },
    );
    r.get(
      '/centres/:centreId/partners',
      {
        schema: {
          operationId: 'listPartnersOfCentre',
          tags: [tag],
          summary: 'The partners a centre registered, by name, with their contact people (staff of the centre, administrators)',
          security: SIGNED_IN,
          params: centreParams,
          response: { 200: z.object({ partners: z.array(partnerView) }) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const { centreId } = request.params;
        if (p.role !== 'admin' && !(p.role === 'staff' && p.centreId === centreId)) throw new Forbidden('a centre’s partners are listed for its staff and administrators', { role: p.role });
        const partners = await partnersOfCentre(database.db, centreId);
        return { partners: await Promise.all(partners.map((one) => openPartner(one, 'with_contact'))) };
      },
    );
    r.get(
      '/agreements/:agreementId',
      {
        schema: {
          operationId: 'getAgreement',
          tags: [tag],
          summary: 'One agreement with every version, oldest first (staff and sitting board members of its centre, administrators, the partner’s own people)',
          security: SIGNED_IN,
          params: agreementParams,
          response: { 200: agreementWithVersions },
          problems: { 404: ['agreement_not_found'] },
        },
      },
      async (request) => {
        const p = principalOf(request);
        if (!['admin', 'partner', 'staff', 'board_member'].includes(p.role)) throw refused(p.role);
        const found = await agreementById(database.db, request.params.agreementId);
        if (!found) throw new NotFound('agreement_not_found', 'no such agreement', { agreementId: request.params.agreementId });
        const reading = await agreementReading(p, found);
        if (!reading) throw refused(p.role);
        const open = reading === 'with_signatories';
        return { ...(await openAgreement(found, open)), versions: await Promise.all(found.versions.map((v) => openTerms(v, open))) };
      },
    );
    r.get(
      '/partners/:partnerId/agreements',
      {
        schema: {
          operationId: 'listAgreementsOfPartner',
          tags: [tag],
          summary: 'A partner’s agreements, oldest first: all of them for its own people and administrators, those with their own centre for staff and sitting board members',
          security: SIGNED_IN,
          params: partnerParams,
          response: { 200: z.object({ agreements: z.array(agreementView) }) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const { partnerId } = request.params;
        if (p.role === 'partner' && p.partnerId !== partnerId) throw new Forbidden('this is another partner', { partnerId });
        if (!['admin', 'partner', 'staff', 'board_member'].includes(p.role)) throw refused(p.role);
        const shown: Awaited<ReturnType<typeof openAgreement>>[] = [];
        // Staff and board members see the agreements with their own centre only.
        for (const one of await agreementsOfPartner(database.db, partnerId)) {
          const reading = await agreementReading(p, one);
          if (reading) shown.push(await openAgreement(one, reading === 'with_signatories'));
        }
        return { agreements: shown };
      },
    );
    r.get(
      '/centres/:centreId/agreements',
      {
        schema: {
          operationId: 'listAgreementsOfCentre',
          tags: [tag],
          summary: 'A centre’s agreements, oldest first (staff and sitting board members of the centre, administrators)',
          security: SIGNED_IN,
          params: centreParams,
          response: { 200: z.object({ agreements: z.array(agreementView) }) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const { centreId } = request.params;
        const reading = await agreementReading(p, { partnerId: null, centreId });
        if (!reading) throw new Forbidden('a centre’s agreements are read by its staff and board, and administrators', { role: p.role });
        const all = await agreementsOfCentre(database.db, centreId);
        return { agreements: await Promise.all(all.map((one) => openAgreement(one, reading === 'with_signatories'))) };
      },
    );
  });
};
