/**
 * The offer catalogue, partners and referrals on the web (issue 13): citizens find offers and
 * accept a referral with the data they choose to share; a partner's people manage their offers and
 * see their referrals; staff register partners and their agreements.
 *
 * - `/tilbudskatalog`, `/tilbudskatalog/{offerId}`: the public catalogue (a GET form, no script
 *   needed) and an offer's page, with the way to a referral for a signed-in citizen.
 * - `/mine-sider/henvisning/{offerId}/…`: the citizen's referral under their own data-sharing
 *   consent (question pages, "Tjek dine svar", then the consent with a receipt on the consents
 *   page, where it is also withdrawn). Only ever the citizen's own: staff record one through the API.
 * - `/partner/…`: a partner's people: their offers (published under an agreement in force, revised,
 *   taken out), their agreements (read-only, every version), their referrals.
 * - `/medarbejder/medspillere/…`: staff: the centre's partners, registering one, their agreements
 *   signed, amended, renewed and terminated, and the centre's own offers in the catalogue.
 *
 * Commands go through the command path with the facts gathered here before the command (whether a
 * partner is registered, an agreement and a catalogue offer as their streams stand), ids derived
 * from the form's idempotency key, so a double submit records once. Every GET reads read models.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CommandContext } from '../../commands/handler.js';
import { type PaymentInput, type SignatoryInput, agreementDecider, type AgreementCommand } from '../../domain/agreement/decide.js';
import { catalogueDecider, type CatalogueCommand, type OfferInput } from '../../domain/catalogue/decide.js';
import { OFFER_CHANNELS } from '../../domain/catalogue/catalogue.js';
import { MUNICIPALITIES } from '../../domain/centre/municipalities.js';
import { journeyDecider, type JourneyCommand } from '../../domain/journey/decide.js';
import { CENTRE_OFFER_KINDS } from '../../domain/journey/journey.js';
import { SHARED_FIELDS, type SharedField } from '../../domain/journey/sharing.js';
import { partnerDecider, type PartnerCommand } from '../../domain/partner/decide.js';
import { isCvr } from '../../domain/partner/partner.js';
import type { Signatory } from '../../domain/agreement/agreement.js';
import type { DomainError } from '../../domain/shared/errors.js';
import type { Principal } from '../../domain/shared/principal.js';
import { derivedId } from '../../ids.js';
import { ERASED } from '../../privacy/sealed.js';
import {
  agreementById,
  agreementsOfPartner,
  catalogueOfferById,
  type ListedOffer,
  partnerById,
  partnersOfCentre,
  SEARCH_LIMIT_MAX,
  searchCatalogue,
} from '../../projections/catalogue/queries.js';
import { getCentre } from '../../projections/centres/queries.js';
import { citizenJourney } from '../../projections/journeys/queries.js';
import { referralsForPartner } from '../../projections/referrals/queries.js';
import { formCommandContext } from '../command.js';
import { type FieldError, IDEMPOTENCY_FIELD } from '../components.js';
import type { Html } from '../html.js';
import { type Lang, say } from '../i18n.js';
import type { PageContext } from '../layout.js';
import { kronerValue, parseKroner } from '../pages/board-parts.js';
import { CATALOGUE_PAGE_SIZE, type CatalogueQuery, cataloguePage, type OfferAction, offerPage } from '../pages/catalogue.js';
import { capacityError, capacityOf, OFFER_INVALID_AT, OFFER_TEXT_FIELDS, type OfferForm, offerFormOf, offerFormPage, type OfferNotice, retireOfferPage } from '../pages/catalogue-offer.js';
import { CATALOGUE_PATH, formRefusal, offerTitleText, REFERRAL_PATH } from '../pages/catalogue-parts.js';
import { badRequestPage, notFoundPage } from '../pages/errors.js';
import { partnerAgreementPage, partnerAgreementsPage, partnerHomePage, partnerOffersPage, partnerReferralsPage, unboundPartnerPage } from '../pages/partner.js';
import { type OpenedSignatories, PARTNER_AGREEMENTS, PARTNER_HOME, PARTNER_OFFERS, PARTNER_REFERRALS, STAFF_AGREEMENTS, STAFF_OFFERS, STAFF_PARTNERS, standingOf } from '../pages/partner-parts.js';
import {
  AGREEMENT_TEXT_FIELDS,
  type AgreementForm,
  agreementFormPage,
  agreementInvalidAt,
  type AgreementMode,
  type AgreementNotice,
  cvrError,
  type OpenedContact,
  PARTNER_FIELDS,
  PARTNER_INVALID_AT,
  type PartnerForm,
  partnersPage,
  partnerStaffPage,
  agreementErrors,
  SHA256_SCRIPT,
  SHA256_SCRIPT_PATH,
  staffAgreementPage,
  staffOffersPage,
  TERMINATE_INVALID_AT,
  terminatePage,
} from '../pages/partner-staff.js';
import { checkReferralPage, emptyDraft, noJourneyPage, REFERRAL_INVALID_AT, type ReferralDraft, type ReferralOffer, shareErrors, sharePage, untilErrors, untilOf, untilPage } from '../pages/referral.js';
import { copenhagenToday, parseDate } from '../pages/staff-parts.js';
import { pathOf, seeOther, sendPage, visit } from '../request.js';
import { asCentreRole, asRole, attempt, fieldOf, hide, isUuid, queryOf, textOf, valuesOf, type WebArea, type WebOptions } from './shared.js';

const today = () => copenhagenToday(new Date());
const idOf = (request: FastifyRequest, name: string): string | null => {
  const value = textOf(request.params, name);
  return value !== undefined && isUuid(value) ? value.toLowerCase() : null;
};
/** Text a form sent, trimmed ('' when absent). */
const typed = (body: unknown, name: string) => (textOf(body, name) ?? '').trim();
const orNull = (text: string) => (text === '' ? null : text);

/** The first values of a query (a search as a link) that the catalogue knows; others are left out. */
function catalogueQueryOf(request: FastifyRequest): CatalogueQuery {
  const page = Number(queryOf(request, 'side') ?? '1');
  const municipality = queryOf(request, 'kommune') ?? '';
  return {
    text: (queryOf(request, 'q') ?? '').trim(),
    kinds: CENTRE_OFFER_KINDS.filter((k) => valuesOf(request.query, 'slags').includes(k)),
    channels: OFFER_CHANNELS.filter((c) => valuesOf(request.query, 'kanal').includes(c)),
    municipalityCode: MUNICIPALITIES.some((m) => m.code === municipality) ? municipality : null,
    freeOnly: queryOf(request, 'ledige') === '1',
    page: Number.isSafeInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** A referral's answers as the form sent them; null when a field holds something no form of ours sends. */
function draftOf(body: unknown): ReferralDraft | null {
  const values = valuesOf(body, 'fields');
  if (values.some((v) => !(SHARED_FIELDS as readonly string[]).includes(v))) return null;
  for (const name of ['contact', 'message', 'until']) if (fieldOf(body, name) !== undefined && textOf(body, name) === undefined) return null;
  return { fields: SHARED_FIELDS.filter((f) => values.includes(f)), contact: typed(body, 'contact'), message: typed(body, 'message'), until: typed(body, 'until') };
}

/** An offer form as typed. */
function offerFormFrom(body: unknown): OfferForm {
  return { values: Object.fromEntries(OFFER_TEXT_FIELDS.map((f) => [f, typed(body, f)])), channels: valuesOf(body, 'channels').filter((c) => c !== ''), errors: [] };
}

/** The offer as the decider takes it (codes and lists as typed: the decider keeps only declared values). */
function offerInput(form: OfferForm, capacity: number | null): OfferInput {
  const v = (f: (typeof OFFER_TEXT_FIELDS)[number]) => form.values[f] ?? '';
  return {
    kind: v('kind'),
    title: v('title'),
    titleEn: orNull(v('titleEn')),
    description: v('description'),
    descriptionEn: orNull(v('descriptionEn')),
    channels: form.channels,
    municipalityCode: v('municipalityCode'),
    place: orNull(v('place')),
    link: orNull(v('link')),
    capacity,
    suits: orNull(v('suits')),
  };
}

/** What an offer form lacks, said at each field at once (the decider would name only the first). */
function offerFormErrors(lang: Lang, form: OfferForm): FieldError[] {
  const at = (decider: string) => ({ field: OFFER_INVALID_AT[decider]!.field, message: say(lang, OFFER_INVALID_AT[decider]!.message) });
  const v = (f: (typeof OFFER_TEXT_FIELDS)[number]) => form.values[f] ?? '';
  const errors: FieldError[] = [];
  if (v('kind') === '') errors.push(at('content.kind'));
  if (v('title') === '') errors.push(at('content.title'));
  if (v('description') === '') errors.push(at('content.description'));
  if (form.channels.length === 0) errors.push(at('content.channels'));
  if (v('municipalityCode') === '') errors.push(at('content.municipalityCode'));
  if (form.channels.includes('in_person') && v('place') === '') errors.push(at('content.place'));
  if (capacityOf(v('capacity')) === undefined) errors.push(capacityError(lang));
  return errors;
}

/** The fields that make an offer command, for its fingerprint. */
const offerFingerprint = (form: OfferForm) => ({ ...form.values, channels: form.channels.join(',') });

/** Where a refusal of an offer command goes on its form when it names no field. */
const offerFallback = (error: DomainError, partner: boolean) =>
  error.code === 'kind_not_covered' ? 'kind' : partner && ['agreement_not_found', 'agreement_ended'].includes(error.code) ? 'agreementId' : 'publish-offer';

/** An agreement form as typed. */
function agreementFormFrom(body: unknown): AgreementForm {
  return { values: Object.fromEntries(AGREEMENT_TEXT_FIELDS.map((f) => [f, typed(body, f)])), offerKinds: valuesOf(body, 'offerKinds').filter((k) => k !== ''), errors: [] };
}

/**
 * An agreement form read for a command: its dates, payment and signatories, or the fields that
 * are wrong (nothing is sent to the command then). Signatories go in a known order, so a
 * refusal at `signatories.2.name` finds its field.
 */
function agreementParts(lang: Lang, mode: AgreementMode, form: AgreementForm) {
  const v = (f: (typeof AGREEMENT_TEXT_FIELDS)[number]) => form.values[f] ?? '';
  const errors: FieldError[] = [];
  const dateOf = (field: 'startDate' | 'endDate') => {
    const date = parseDate(v(field));
    if (!date) errors.push(agreementErrors.date(lang, field));
    return date ?? '';
  };
  const invalid = agreementInvalidAt([]);
  const missing = (field: string, at: string) => errors.push({ field, message: say(lang, invalid[at]!.message) });
  if (mode !== 'renew' && v('scope') === '') missing('scope', 'scope');
  if (mode !== 'renew' && form.offerKinds.length === 0) missing('offerKinds', 'offerKinds');
  const startDate = mode === 'sign' ? dateOf('startDate') : '';
  const endDate = dateOf('endDate');
  if (!/^[0-9a-f]{64}$/i.test(v('documentSha256'))) missing('documentSha256', 'documentSha256');
  let payment: PaymentInput | null = null;
  if (mode !== 'renew') {
    const basis = v('paymentBasis');
    const amount = v('paymentAmount');
    if (basis === '' || basis === 'none') {
      if (amount !== '') errors.push(agreementErrors.basis(lang));
    } else {
      const ore = parseKroner(lang, amount);
      if (ore === null || amount === '') errors.push(agreementErrors.amount(lang));
      else payment = { amountOre: ore, basis };
    }
  }
  const signatories: SignatoryInput[] = [];
  const signatoryFields: string[] = [];
  for (const side of ['partner', 'centre'] as const) {
    if (v(`${side}Signer1`) === '') errors.push(agreementErrors.signatory(lang, side));
    for (const n of [1, 2] as const) {
      const name = v(`${side}Signer${n}`);
      const title = v(`${side}SignerTitle${n}`);
      if (name === '' && title === '') continue;
      signatories.push({ side, name, title: orNull(title) });
      signatoryFields.push(`${side}Signer${n}`);
    }
  }
  // In the form's order, as the error summary lists them.
  const order = ['scope', 'offerKinds', 'startDate', 'endDate', 'paymentBasis', 'paymentAmount', 'partnerSigner1', 'centreSigner1', 'documentSha256'];
  errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return { errors, startDate, endDate, payment, signatories, invalidAt: agreementInvalidAt(signatoryFields) };
}

const agreementFingerprint = (form: AgreementForm) => ({ ...form.values, offerKinds: form.offerKinds.join(',') });

export const catalogueArea: WebArea = {
  segments: ['tilbudskatalog', 'partner'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, commands, vault, sessionKey } = options;
    const db = database.db;
    const { handler, facts } = commands;

    const contextOf = (request: FastifyRequest, fields: Readonly<Record<string, string>>): CommandContext | null =>
      formCommandContext(pathOf(request), fieldOf(request.body, IDEMPOTENCY_FIELD), fields);
    const now = () => new Date().toISOString();
    const catalogue = (principal: Principal, command: Omit<CatalogueCommand, 'now' | 'principal'>, context: CommandContext) =>
      handler.handle(catalogueDecider, { ...command, now: now(), principal } as CatalogueCommand, context);
    const agreement = (principal: Principal, command: Omit<AgreementCommand, 'now' | 'principal'>, context: CommandContext) =>
      handler.handle(agreementDecider, { ...command, now: now(), principal } as AgreementCommand, context);

    /** The offers listed in the catalogue today that `keep` keeps (every page of the search read). */
    async function listedOffers(filter: { centreId?: string }, keep: (o: ListedOffer) => boolean): Promise<ListedOffer[]> {
      const kept: ListedOffer[] = [];
      for (let offset = 0; ; offset += SEARCH_LIMIT_MAX) {
        const found = await searchCatalogue(db, { lang: 'da', today: today(), limit: SEARCH_LIMIT_MAX, offset, ...filter });
        kept.push(...found.offers.filter(keep));
        if (found.offers.length < SEARCH_LIMIT_MAX || offset + SEARCH_LIMIT_MAX >= found.total) return kept;
      }
    }

    /** A sealed field opened: null when there is none or its subject was erased. */
    const opened = async <T>(value: unknown): Promise<T | null> => {
      if (value === null || value === undefined) return null;
      const open = await vault.open<T>(value);
      return open === ERASED ? null : (open as T);
    };
    /** An agreement with every version, its signatories opened (a version's null: erased). */
    async function agreementWithVersions(agreementId: string) {
      const found = await agreementById(db, agreementId);
      if (!found) return null;
      const versions = await Promise.all(found.versions.map(async (v) => ({ ...v, opened: await opened<Signatory[]>(v.signatories) })));
      return { agreement: found, versions, signatories: (await opened<Signatory[]>(found.terms.signatories)) as OpenedSignatories };
    }

    // ---- The public catalogue ----

    app.get(CATALOGUE_PATH, hide, async (request, reply) => {
      const { context } = await visit(request, reply, sessionKey);
      const q = catalogueQueryOf(request);
      const found = await searchCatalogue(db, {
        text: q.text,
        lang: context.lang,
        kinds: q.kinds,
        channels: q.channels,
        ...(q.municipalityCode ? { municipalityCode: q.municipalityCode } : {}),
        freeCapacity: q.freeOnly,
        today: today(),
        limit: CATALOGUE_PAGE_SIZE,
        offset: (q.page - 1) * CATALOGUE_PAGE_SIZE,
      });
      return sendPage(reply, 200, cataloguePage(context, q, found));
    });

    app.get(`${CATALOGUE_PATH}/:offerId`, hide, async (request, reply) => {
      const { context } = await visit(request, reply, sessionKey);
      const offerId = idOf(request, 'offerId');
      const offer = offerId ? await catalogueOfferById(db, offerId, today()) : undefined;
      // What is not in the catalogue today is not shown here (its publisher sees it on their own pages).
      if (!offer?.listed) return sendPage(reply, 404, notFoundPage(context));
      const role = context.principal?.role;
      const action: OfferAction = role === 'citizen' ? (offer.partnerId ? 'refer' : 'book') : role === undefined && offer.partnerId ? 'sign_in' : 'none';
      return sendPage(reply, 200, offerPage(context, offer, action));
    });

    // ---- The citizen's referral, under their own data-sharing consent ----

    const asCitizen = (request: FastifyRequest, reply: FastifyReply) => asRole(request, reply, sessionKey, ['citizen']);
    type Citizen = NonNullable<Awaited<ReturnType<typeof asCitizen>>>;

    /** The partner's offer the path names, as listed today (null: not a partner's offer in the catalogue). */
    async function referralOffer(request: FastifyRequest): Promise<ReferralOffer | null> {
      const offerId = idOf(request, 'offerId');
      const offer = offerId ? await catalogueOfferById(db, offerId, today()) : undefined;
      if (!offer?.listed || offer.partnerId === null) return null;
      return { offerId: offer.offerId, title: offer.title, titleEn: offer.titleEn, description: offer.description, descriptionEn: offer.descriptionEn, partnerId: offer.partnerId, partnerName: offer.partnerName ?? '–' };
    }

    /** The offer and the citizen's open journey; the reply is sent when either is missing. */
    async function referralStart(request: FastifyRequest, reply: FastifyReply, me: Citizen): Promise<ReferralOffer | null> {
      const offer = await referralOffer(request);
      if (!offer) {
        sendPage(reply, 404, notFoundPage(me.context));
        return null;
      }
      const journey = await citizenJourney(db, me.principal.id);
      if (!journey?.open) {
        sendPage(reply, 200, noJourneyPage(me.context, offer.offerId));
        return null;
      }
      return offer;
    }

    app.get(`${REFERRAL_PATH}/:offerId`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const offer = await referralStart(request, reply, me);
      if (!offer) return reply;
      return sendPage(reply, 200, sharePage(me.context, offer, emptyDraft));
    });

    /** A step of the flow: the offer, the journey and the answers so far, or the reply already sent. */
    async function referralStep(request: FastifyRequest, reply: FastifyReply, me: Citizen) {
      const draft = draftOf(request.body);
      if (!draft) {
        sendPage(reply, 400, badRequestPage(me.context));
        return null;
      }
      const offer = await referralStart(request, reply, me);
      return offer ? { offer, draft } : null;
    }

    app.post(`${REFERRAL_PATH}/:offerId`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const step = await referralStep(request, reply, me);
      if (!step) return reply;
      const errors = shareErrors(me.context.lang, step.offer, step.draft);
      if (errors.length > 0) return sendPage(reply, 400, sharePage(me.context, step.offer, step.draft, errors));
      return sendPage(reply, 200, untilPage(me.context, step.offer, step.draft, today()));
    });

    app.post(`${REFERRAL_PATH}/:offerId/varighed`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const step = await referralStep(request, reply, me);
      if (!step) return reply;
      const { lang } = me.context;
      const shareWrong = shareErrors(lang, step.offer, step.draft);
      if (shareWrong.length > 0) return sendPage(reply, 400, sharePage(me.context, step.offer, step.draft, shareWrong));
      const errors = untilErrors(lang, step.draft, today());
      if (errors.length > 0) return sendPage(reply, 400, untilPage(me.context, step.offer, step.draft, today(), errors));
      return sendPage(reply, 200, checkReferralPage(me.context, step.offer, step.draft));
    });

    // "Ret" on the check page: back to the question, with the answers as they were.
    app.post(`${REFERRAL_PATH}/:offerId/ret`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const step = await referralStep(request, reply, me);
      if (!step) return reply;
      const to = textOf(request.body, 'step');
      if (to === 'share') return sendPage(reply, 200, sharePage(me.context, step.offer, step.draft));
      if (to === 'until') return sendPage(reply, 200, untilPage(me.context, step.offer, step.draft, today()));
      return sendPage(reply, 400, badRequestPage(me.context));
    });

    app.post(`${REFERRAL_PATH}/:offerId/tjek`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const step = await referralStep(request, reply, me);
      if (!step) return reply;
      const { offer, draft } = step;
      const { lang } = me.context;
      const shareWrong = shareErrors(lang, offer, draft);
      if (shareWrong.length > 0) return sendPage(reply, 400, sharePage(me.context, offer, draft, shareWrong));
      const untilWrong = untilErrors(lang, draft, today());
      if (untilWrong.length > 0) return sendPage(reply, 400, untilPage(me.context, offer, draft, today(), untilWrong));
      const until = untilOf(draft)!;
      const context = contextOf(request, { offerId: offer.offerId, fields: draft.fields.join(','), contact: draft.contact, message: draft.message, until });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const at = now();
      // The facts the decider needs, read once before the command: the partner, and the offer as its streams stand now.
      const [partnerKnown, catalogueOffer] = await Promise.all([facts.partnerKnown(offer.partnerId), facts.catalogueOfferFact(offer.offerId, at)]);
      const shares = (field: SharedField) => draft.fields.includes(field);
      const command = {
        type: 'ReferToPartner',
        citizenId: me.principal.id,
        now: at,
        principal: me.principal,
        data: {
          referralId: derivedId(context.commandId, 'referralId'),
          sharingId: derivedId(context.commandId, 'sharingId'),
          receiptId: derivedId(context.commandId, 'receiptId'),
          partnerId: offer.partnerId,
          partnerKnown,
          purpose: 'referral_to_offer',
          catalogueOfferId: offer.offerId,
          catalogueOffer,
          fields: draft.fields,
          until,
          ...(shares('contact') ? { contact: draft.contact } : {}),
          ...(shares('message') ? { message: draft.message } : {}),
        },
      } satisfies Extract<JourneyCommand, { type: 'ReferToPartner' }>;
      const refused = await attempt(
        reply,
        () => handler.handle(journeyDecider, command, context),
        (error) => {
          const refusal = formRefusal(lang, error, REFERRAL_INVALID_AT, 'confirm');
          if (['fields', 'contact', 'message'].includes(refusal.field)) return sharePage(me.context, offer, draft, [refusal]);
          if (refusal.field === 'until') return untilPage(me.context, offer, draft, today(), [refusal]);
          return checkReferralPage(me.context, offer, draft, [refusal]);
        },
      );
      return refused ?? seeOther(reply, '/mine-sider/samtykker?delt=1');
    });

    // ---- A partner's people ----

    /** A partner's person, bound to a registered partner; others are sent to sign in or told the page is not theirs. */
    async function asPartner(request: FastifyRequest, reply: FastifyReply) {
      const signed = await asRole(request, reply, sessionKey, ['partner']);
      if (!signed) return null;
      const partner = signed.principal.partnerId ? await partnerById(db, signed.principal.partnerId) : undefined;
      if (!partner) {
        sendPage(reply, 403, unboundPartnerPage(signed.context));
        return null;
      }
      return { ...signed, partner };
    }
    type PartnerMe = NonNullable<Awaited<ReturnType<typeof asPartner>>>;

    const partnerOffers = (me: PartnerMe) => listedOffers({}, (o) => o.partnerId === me.partner.partnerId);
    const agreementsInForce = async (me: PartnerMe) => (await agreementsOfPartner(db, me.partner.partnerId)).filter((a) => standingOf(a, today()) === 'in_force');

    app.get(PARTNER_HOME, hide, async (request, reply) => {
      const me = await asPartner(request, reply);
      if (!me) return reply;
      const [offers, inForce, referrals] = await Promise.all([partnerOffers(me), agreementsInForce(me), referralsForPartner(db, vault, me.partner.partnerId, today())]);
      return sendPage(reply, 200, partnerHomePage(me.context, me.partner, { offers: offers.length, agreementsInForce: inForce.length, sharedReferrals: referrals.filter((r) => r.status === 'shared').length }));
    });

    const noticeOf = (request: FastifyRequest): OfferNotice => {
      const ok = queryOf(request, 'ok');
      return ok === 'published' || ok === 'revised' || ok === 'retired' ? ok : null;
    };

    app.get(PARTNER_OFFERS, hide, async (request, reply) => {
      const me = await asPartner(request, reply);
      if (!me) return reply;
      return sendPage(reply, 200, partnerOffersPage(me.context, await partnerOffers(me), noticeOf(request)));
    });

    /** The form's municipality to begin with: the centre's of the first agreement offered. */
    const centreMunicipality = async (centreId: string | undefined) => (centreId ? ((await getCentre(db, centreId))?.municipality.code ?? '') : '');

    app.get(`${PARTNER_OFFERS}/nyt`, hide, async (request, reply) => {
      const me = await asPartner(request, reply);
      if (!me) return reply;
      const agreements = await agreementsInForce(me);
      const form: OfferForm = { values: { municipalityCode: await centreMunicipality(agreements[0]?.centreId), ...(agreements.length === 1 ? { agreementId: agreements[0]!.agreementId } : {}) }, channels: [], errors: [] };
      return sendPage(reply, 200, offerFormPage(me.context, { action: `${PARTNER_OFFERS}/nyt`, back: PARTNER_OFFERS, revising: false, form, agreements }));
    });

    /**
     * A partner's offer command from the form: the capacity read, the agreement's fact gathered
     * (its centre is the offer's), the command run; the form again with what was refused.
     */
    async function partnerOfferCommand(request: FastifyRequest, reply: FastifyReply, me: PartnerMe, o: { revising: boolean; offerId: string | null; back: string; action: string }) {
      const { lang } = me.context;
      const form = offerFormFrom(request.body);
      const agreements = await agreementsInForce(me);
      const show = (status: number, errors: FieldError[]) => sendPage(reply, status, offerFormPage(me.context, { action: o.action, back: o.back, revising: o.revising, form: { ...form, errors }, agreements }));
      const capacity = capacityOf(form.values.capacity);
      const missing = offerFormErrors(lang, form);
      if (missing.length > 0 || capacity === undefined) return show(400, missing);
      const context = contextOf(request, offerFingerprint(form));
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const agreementId = orNull(form.values.agreementId ?? '');
      const fact = agreementId ? await facts.agreementFact(agreementId, now()) : null;
      const content = offerInput(form, capacity);
      const offerId = o.offerId ?? derivedId(context.commandId, 'offerId');
      const run = () =>
        o.revising
          ? catalogue(me.principal, { type: 'ReviseCatalogueOffer', data: { offerId, agreementId, agreement: fact, content } }, context)
          : catalogue(me.principal, { type: 'PublishCatalogueOffer', data: { offerId, centreId: fact?.centreId ?? agreements[0]?.centreId ?? '', partnerId: me.partner.partnerId, agreementId, agreement: fact, content } }, context);
      const refused = await attempt(reply, run, (error) =>
        offerFormPage(me.context, { action: o.action, back: o.back, revising: o.revising, form: { ...form, errors: [formRefusal(lang, error, OFFER_INVALID_AT, offerFallback(error, true))] }, agreements }),
      );
      return refused ?? seeOther(reply, `${PARTNER_OFFERS}?ok=${o.revising ? 'revised' : 'published'}`);
    }

    app.post(`${PARTNER_OFFERS}/nyt`, hide, async (request, reply) => {
      const me = await asPartner(request, reply);
      if (!me) return reply;
      return partnerOfferCommand(request, reply, me, { revising: false, offerId: null, back: PARTNER_OFFERS, action: `${PARTNER_OFFERS}/nyt` });
    });

    /** The partner's own published offer the path names (null: not theirs, or not published). */
    async function ownPartnerOffer(request: FastifyRequest, me: PartnerMe) {
      const offerId = idOf(request, 'offerId');
      const offer = offerId ? await catalogueOfferById(db, offerId, today()) : undefined;
      return offer && offer.partnerId === me.partner.partnerId && offer.status === 'published' ? offer : null;
    }

    app.get(`${PARTNER_OFFERS}/:offerId/ret`, hide, async (request, reply) => {
      const me = await asPartner(request, reply);
      if (!me) return reply;
      const offer = await ownPartnerOffer(request, me);
      if (!offer) return sendPage(reply, 404, notFoundPage(me.context));
      const agreements = await agreementsInForce(me);
      return sendPage(reply, 200, offerFormPage(me.context, { action: `${PARTNER_OFFERS}/${offer.offerId}/ret`, back: PARTNER_OFFERS, revising: true, form: offerFormOf(offer), agreements }));
    });
    app.post(`${PARTNER_OFFERS}/:offerId/ret`, hide, async (request, reply) => {
      const me = await asPartner(request, reply);
      if (!me) return reply;
      const offerId = idOf(request, 'offerId');
      if (!offerId) return sendPage(reply, 404, notFoundPage(me.context));
      return partnerOfferCommand(request, reply, me, { revising: true, offerId, back: PARTNER_OFFERS, action: `${PARTNER_OFFERS}/${offerId}/ret` });
    });

    /** Taking an offer out, asked once: the page, and the command (for a partner's people and for staff alike). */
    async function retire(request: FastifyRequest, reply: FastifyReply, who: { context: PageContext; principal: Principal }, offer: { offerId: string; title: string; titleEn: string | null } | null, base: string, offerId: string) {
      const context = contextOf(request, { offerId });
      if (!context) return sendPage(reply, 400, badRequestPage(who.context));
      const lang = who.context.lang;
      const title = offer ? offerTitleText(lang, offer) : '';
      const refused = await attempt(reply, () => catalogue(who.principal, { type: 'RetireCatalogueOffer', data: { offerId } }, context), (error) =>
        retireOfferPage(who.context, { action: `${base}/${offerId}/fjern`, back: base, title, errors: [formRefusal(lang, error, {}, 'retire-offer')] }),
      );
      return refused ?? seeOther(reply, `${base}?ok=retired`);
    }

    app.get(`${PARTNER_OFFERS}/:offerId/fjern`, hide, async (request, reply) => {
      const me = await asPartner(request, reply);
      if (!me) return reply;
      const offer = await ownPartnerOffer(request, me);
      if (!offer) return sendPage(reply, 404, notFoundPage(me.context));
      return sendPage(reply, 200, retireOfferPage(me.context, { action: `${PARTNER_OFFERS}/${offer.offerId}/fjern`, back: PARTNER_OFFERS, title: offerTitleText(me.context.lang, offer) }));
    });
    app.post(`${PARTNER_OFFERS}/:offerId/fjern`, hide, async (request, reply) => {
      const me = await asPartner(request, reply);
      if (!me) return reply;
      const offerId = idOf(request, 'offerId');
      if (!offerId) return sendPage(reply, 404, notFoundPage(me.context));
      return retire(request, reply, me, await ownPartnerOffer(request, me), PARTNER_OFFERS, offerId);
    });

    app.get(PARTNER_AGREEMENTS, hide, async (request, reply) => {
      const me = await asPartner(request, reply);
      if (!me) return reply;
      return sendPage(reply, 200, partnerAgreementsPage(me.context, await agreementsOfPartner(db, me.partner.partnerId), today()));
    });
    app.get(`${PARTNER_AGREEMENTS}/:agreementId`, hide, async (request, reply) => {
      const me = await asPartner(request, reply);
      if (!me) return reply;
      const agreementId = idOf(request, 'agreementId');
      const found = agreementId ? await agreementWithVersions(agreementId) : null;
      if (!found || found.agreement.partnerId !== me.partner.partnerId) return sendPage(reply, 404, notFoundPage(me.context));
      return sendPage(reply, 200, partnerAgreementPage(me.context, found.agreement, found.versions, found.signatories, today()));
    });

    app.get(PARTNER_REFERRALS, hide, async (request, reply) => {
      const me = await asPartner(request, reply);
      if (!me) return reply;
      const day = today();
      const referrals = await referralsForPartner(db, vault, me.partner.partnerId, day);
      const offerIds = [...new Set(referrals.flatMap((r) => (r.catalogueOfferId ? [r.catalogueOfferId] : [])))];
      const titles = new Map(await Promise.all(offerIds.map(async (id) => [id, await catalogueOfferById(db, id, day)] as const)));
      const title = (offerId: string) => {
        const offer = titles.get(offerId);
        return offer ? offerTitleText(me.context.lang, offer) : null;
      };
      return sendPage(reply, 200, partnerReferralsPage(me.context, referrals, title));
    });

    // ---- Staff: the centre's partners, their agreements, the centre's own offers ----

    const asStaff = (request: FastifyRequest, reply: FastifyReply) => asCentreRole(request, reply, sessionKey, ['staff']);
    type Staff = NonNullable<Awaited<ReturnType<typeof asStaff>>>;

    app.get(SHA256_SCRIPT_PATH, hide, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SHA256_SCRIPT));

    app.get(STAFF_PARTNERS, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      return sendPage(reply, 200, partnersPage(me.context, await partnersOfCentre(db, me.centreId), undefined, queryOf(request, 'ok') === 'registered'));
    });

    app.post(STAFF_PARTNERS, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const { lang } = me.context;
      const values = Object.fromEntries(PARTNER_FIELDS.map((f) => [f, typed(request.body, f)])) as Record<(typeof PARTNER_FIELDS)[number], string>;
      const form = (errors: FieldError[]): PartnerForm => ({ values, errors });
      // What is missing or wrong, all at once and in the form's order (the decider would name only the first).
      const said = (field: 'kind' | 'name' | 'contactName', at: string) => (values[field] === '' ? [{ field, message: say(lang, PARTNER_INVALID_AT[at]!.message) }] : []);
      const missing = [...said('kind', 'kind'), ...said('name', 'name'), ...(values.cvr !== '' && !isCvr(values.cvr.replace(/\s/g, '')) ? [cvrError(lang, values.cvr)] : []), ...said('contactName', 'contact.name')];
      if (missing.length > 0) return sendPage(reply, 400, partnersPage(me.context, await partnersOfCentre(db, me.centreId), form(missing)));
      const context = contextOf(request, values);
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const partnerId = derivedId(context.commandId, 'partnerId');
      const command: Omit<PartnerCommand, 'now' | 'principal'> = {
        type: 'RegisterPartner',
        data: { partnerId, centreId: me.centreId, kind: values.kind, name: values.name, cvr: orNull(values.cvr), contact: { name: values.contactName, email: orNull(values.contactEmail), phone: orNull(values.contactPhone) } },
      };
      const refused = await attempt(
        reply,
        () => handler.handle(partnerDecider, { ...command, now: now(), principal: me.principal } as PartnerCommand, context),
        async (error) => {
          const refusal = error.details.field === 'cvr' ? cvrError(lang, values.cvr) : formRefusal(lang, error, PARTNER_INVALID_AT, 'register-partner');
          return partnersPage(me.context, await partnersOfCentre(db, me.centreId), form([refusal]));
        },
      );
      // The partners' read model follows a moment later: the list says so.
      return refused ?? seeOther(reply, `${STAFF_PARTNERS}?ok=registered`);
    });

    /** A partner the centre's staff may see: one it registered, or one with an agreement with it. */
    async function staffPartner(request: FastifyRequest, me: Staff) {
      const partnerId = idOf(request, 'partnerId');
      const partner = partnerId ? await partnerById(db, partnerId) : undefined;
      if (!partner) return null;
      const agreements = (await agreementsOfPartner(db, partner.partnerId)).filter((a) => a.centreId === me.centreId);
      return partner.centreId === me.centreId || agreements.length > 0 ? { partner, agreements } : null;
    }

    app.get(`${STAFF_PARTNERS}/:partnerId`, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const found = await staffPartner(request, me);
      if (!found) return sendPage(reply, 404, notFoundPage(me.context));
      const c = found.partner.contact;
      const [name, email, phone] = await Promise.all([c.name, c.email, c.phone].map((f) => opened<string>(f)));
      const contact: OpenedContact = c.name !== null && name === null ? null : { name: name ?? null, email: email ?? null, phone: phone ?? null };
      return sendPage(reply, 200, partnerStaffPage(me.context, found.partner, contact, found.agreements, today(), queryOf(request, 'ok') === 'signed' ? 'signed' : null));
    });

    app.get(`${STAFF_PARTNERS}/:partnerId/aftale`, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const found = await staffPartner(request, me);
      if (!found) return sendPage(reply, 404, notFoundPage(me.context));
      const form: AgreementForm = { values: { startDate: today() }, offerKinds: [], errors: [] };
      const base = `${STAFF_PARTNERS}/${found.partner.partnerId}`;
      return sendPage(reply, 200, agreementFormPage(me.context, { mode: 'sign', partnerName: found.partner.name, action: `${base}/aftale`, back: base, form }));
    });

    app.post(`${STAFF_PARTNERS}/:partnerId/aftale`, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const found = await staffPartner(request, me);
      if (!found) return sendPage(reply, 404, notFoundPage(me.context));
      const { lang } = me.context;
      const base = `${STAFF_PARTNERS}/${found.partner.partnerId}`;
      const form = agreementFormFrom(request.body);
      const show = (status: number, errors: FieldError[]) => sendPage(reply, status, agreementFormPage(me.context, { mode: 'sign', partnerName: found.partner.name, action: `${base}/aftale`, back: base, form: { ...form, errors } }));
      const parts = agreementParts(lang, 'sign', form);
      if (parts.errors.length > 0) return show(400, parts.errors);
      const context = contextOf(request, agreementFingerprint(form));
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const partnerKnown = await facts.partnerKnown(found.partner.partnerId);
      const data = {
        agreementId: derivedId(context.commandId, 'agreementId'),
        partnerId: found.partner.partnerId,
        centreId: me.centreId,
        partnerKnown,
        scope: form.values.scope ?? '',
        offerKinds: form.offerKinds,
        startDate: parts.startDate,
        endDate: parts.endDate,
        payment: parts.payment,
        documentSha256: form.values.documentSha256 ?? '',
        signatories: parts.signatories,
      };
      const refused = await attempt(reply, () => agreement(me.principal, { type: 'SignAgreement', data }, context), (error) =>
        agreementFormPage(me.context, { mode: 'sign', partnerName: found.partner.name, action: `${base}/aftale`, back: base, form: { ...form, errors: [formRefusal(lang, error, parts.invalidAt, 'record-agreement')] } }),
      );
      return refused ?? seeOther(reply, `${base}?ok=signed`);
    });

    /** An agreement of this centre, with its versions and signatories opened (null: not this centre's). */
    async function staffAgreement(request: FastifyRequest, me: Staff) {
      const agreementId = idOf(request, 'agreementId');
      const found = agreementId ? await agreementWithVersions(agreementId) : null;
      return found && found.agreement.centreId === me.centreId ? found : null;
    }

    app.get(`${STAFF_AGREEMENTS}/:agreementId`, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const found = await staffAgreement(request, me);
      if (!found) return sendPage(reply, 404, notFoundPage(me.context));
      const ok = queryOf(request, 'ok');
      const shown: AgreementNotice = ok === 'amended' || ok === 'renewed' || ok === 'terminated' ? ok : null;
      return sendPage(reply, 200, staffAgreementPage(me.context, found.agreement, found.versions, found.signatories, today(), shown));
    });

    /** Amending or renewing: the form (amending starts from the terms in effect; a new version has a new document and its own signatories). */
    for (const [mode, path] of [
      ['amend', 'ret'],
      ['renew', 'forny'],
    ] as const) {
      app.get(`${STAFF_AGREEMENTS}/:agreementId/${path}`, hide, async (request, reply) => {
        const me = await asStaff(request, reply);
        if (!me) return reply;
        const found = await staffAgreement(request, me);
        if (!found || found.agreement.status !== 'signed') return sendPage(reply, 404, notFoundPage(me.context));
        const terms = found.agreement.terms;
        const form: AgreementForm =
          mode === 'amend'
            ? {
                values: { scope: terms.scope, endDate: terms.endDate, paymentBasis: terms.payment?.basis ?? 'none', paymentAmount: terms.payment ? kronerValue(me.context.lang, terms.payment.amountOre) : '' },
                offerKinds: [...terms.offerKinds],
                errors: [],
              }
            : { values: {}, offerKinds: [], errors: [] };
        const base = `${STAFF_AGREEMENTS}/${found.agreement.agreementId}`;
        return sendPage(reply, 200, agreementFormPage(me.context, { mode, partnerName: found.agreement.partnerName ?? '–', action: `${base}/${path}`, back: base, form }));
      });
      app.post(`${STAFF_AGREEMENTS}/:agreementId/${path}`, hide, async (request, reply) => {
        const me = await asStaff(request, reply);
        if (!me) return reply;
        const found = await staffAgreement(request, me);
        if (!found) return sendPage(reply, 404, notFoundPage(me.context));
        const { lang } = me.context;
        const agreementId = found.agreement.agreementId;
        const base = `${STAFF_AGREEMENTS}/${agreementId}`;
        const form = agreementFormFrom(request.body);
        const render = (errors: FieldError[]) => agreementFormPage(me.context, { mode, partnerName: found.agreement.partnerName ?? '–', action: `${base}/${path}`, back: base, form: { ...form, errors } });
        const parts = agreementParts(lang, mode, form);
        if (parts.errors.length > 0) return sendPage(reply, 400, render(parts.errors));
        const context = contextOf(request, agreementFingerprint(form));
        if (!context) return sendPage(reply, 400, badRequestPage(me.context));
        const documentSha256 = form.values.documentSha256 ?? '';
        const command: Omit<AgreementCommand, 'now' | 'principal'> =
          mode === 'amend'
            ? { type: 'AmendAgreement', data: { agreementId, scope: form.values.scope ?? '', offerKinds: form.offerKinds, endDate: parts.endDate, payment: parts.payment, documentSha256, signatories: parts.signatories } }
            : { type: 'RenewAgreement', data: { agreementId, endDate: parts.endDate, documentSha256, signatories: parts.signatories } };
        const refused = await attempt(reply, () => agreement(me.principal, command, context), (error) => render([formRefusal(lang, error, parts.invalidAt, 'record-agreement')]));
        return refused ?? seeOther(reply, `${base}?ok=${mode === 'amend' ? 'amended' : 'renewed'}`);
      });
    }

    app.get(`${STAFF_AGREEMENTS}/:agreementId/opsig`, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const found = await staffAgreement(request, me);
      if (!found || found.agreement.status !== 'signed') return sendPage(reply, 404, notFoundPage(me.context));
      return sendPage(reply, 200, terminatePage(me.context, found.agreement));
    });
    app.post(`${STAFF_AGREEMENTS}/:agreementId/opsig`, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const found = await staffAgreement(request, me);
      if (!found) return sendPage(reply, 404, notFoundPage(me.context));
      const { lang } = me.context;
      const by = typed(request.body, 'by');
      const reason = typed(request.body, 'reason');
      const agreementId = found.agreement.agreementId;
      const context = contextOf(request, { by, reason });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const refused = await attempt(reply, () => agreement(me.principal, { type: 'TerminateAgreement', data: { agreementId, by, reason: orNull(reason) } }, context), (error) =>
        terminatePage(me.context, found.agreement, { by, reason, errors: [formRefusal(lang, error, TERMINATE_INVALID_AT, 'terminate-agreement')] }),
      );
      return refused ?? seeOther(reply, `${STAFF_AGREEMENTS}/${agreementId}?ok=terminated`);
    });

    // The centre's own offers.
    const ownOffers = (me: Staff) => listedOffers({ centreId: me.centreId }, (o) => o.partnerId === null);

    app.get(STAFF_OFFERS, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      return sendPage(reply, 200, staffOffersPage(me.context, await ownOffers(me), noticeOf(request)));
    });

    app.get(`${STAFF_OFFERS}/nyt`, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const form: OfferForm = { values: { municipalityCode: await centreMunicipality(me.centreId) }, channels: [], errors: [] };
      return sendPage(reply, 200, offerFormPage(me.context, { action: `${STAFF_OFFERS}/nyt`, back: STAFF_OFFERS, revising: false, form }));
    });

    /** The centre's own published offer the path names (null: not the centre's own, or not published). */
    async function centreOffer(request: FastifyRequest, me: Staff) {
      const offerId = idOf(request, 'offerId');
      const offer = offerId ? await catalogueOfferById(db, offerId, today()) : undefined;
      return offer && offer.centreId === me.centreId && offer.partnerId === null && offer.status === 'published' ? offer : null;
    }

    /** The centre's own offer published or revised from the form. */
    async function centreOfferCommand(request: FastifyRequest, reply: FastifyReply, me: Staff, offerId: string | null) {
      const { lang } = me.context;
      const form = offerFormFrom(request.body);
      const action = offerId ? `${STAFF_OFFERS}/${offerId}/ret` : `${STAFF_OFFERS}/nyt`;
      const render = (errors: FieldError[]): Html => offerFormPage(me.context, { action, back: STAFF_OFFERS, revising: offerId !== null, form: { ...form, errors } });
      const capacity = capacityOf(form.values.capacity);
      const missing = offerFormErrors(lang, form);
      if (missing.length > 0 || capacity === undefined) return sendPage(reply, 400, render(missing));
      const context = contextOf(request, offerFingerprint(form));
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const content = offerInput(form, capacity);
      const run = () =>
        offerId
          ? catalogue(me.principal, { type: 'ReviseCatalogueOffer', data: { offerId, agreementId: null, agreement: null, content } }, context)
          : catalogue(me.principal, { type: 'PublishCatalogueOffer', data: { offerId: derivedId(context.commandId, 'offerId'), centreId: me.centreId, partnerId: null, agreementId: null, agreement: null, content } }, context);
      const refused = await attempt(reply, run, (error) => render([formRefusal(lang, error, OFFER_INVALID_AT, offerFallback(error, false))]));
      return refused ?? seeOther(reply, `${STAFF_OFFERS}?ok=${offerId ? 'revised' : 'published'}`);
    }

    app.post(`${STAFF_OFFERS}/nyt`, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      return centreOfferCommand(request, reply, me, null);
    });
    app.get(`${STAFF_OFFERS}/:offerId/ret`, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const offer = await centreOffer(request, me);
      if (!offer) return sendPage(reply, 404, notFoundPage(me.context));
      return sendPage(reply, 200, offerFormPage(me.context, { action: `${STAFF_OFFERS}/${offer.offerId}/ret`, back: STAFF_OFFERS, revising: true, form: offerFormOf(offer) }));
    });
    app.post(`${STAFF_OFFERS}/:offerId/ret`, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const offer = await centreOffer(request, me);
      if (!offer) return sendPage(reply, 404, notFoundPage(me.context));
      return centreOfferCommand(request, reply, me, offer.offerId);
    });
    app.get(`${STAFF_OFFERS}/:offerId/fjern`, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const offer = await centreOffer(request, me);
      if (!offer) return sendPage(reply, 404, notFoundPage(me.context));
      return sendPage(reply, 200, retireOfferPage(me.context, { action: `${STAFF_OFFERS}/${offer.offerId}/fjern`, back: STAFF_OFFERS, title: offerTitleText(me.context.lang, offer) }));
    });
    app.post(`${STAFF_OFFERS}/:offerId/fjern`, hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const offerId = idOf(request, 'offerId');
      if (!offerId) return sendPage(reply, 404, notFoundPage(me.context));
      const offer = await catalogueOfferById(db, offerId, today());
      // Another centre's offer, or a partner's, is not this page's to take out.
      if (offer && (offer.centreId !== me.centreId || offer.partnerId !== null)) return sendPage(reply, 404, notFoundPage(me.context));
      return retire(request, reply, me, offer ?? null, STAFF_OFFERS, offerId);
    });
  },
};
