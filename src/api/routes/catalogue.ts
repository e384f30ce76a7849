/**
 * The catalogue (issue 13): the offers of the centre and of its partners. A partner's own people
 * publish, revise and retire their partner's offers under an agreement that covers them; staff
 * publish the centre's own and, for a partner without sign-in, the partner's. Anyone may search
 * the catalogue, signed in or not: it lists an offer only while it is published and, for a
 * partner's, while its agreement is in force today (Copenhagen's date). "Who it suits" is words
 * to help a citizen choose, never a condition: nothing here keeps anyone out.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Facts } from '../../commands/facts.js';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { OFFER_CHANNELS } from '../../domain/catalogue/catalogue.js';
import { CAPACITY_MAX, catalogueDecider, DESCRIPTION_MAX, LINK_MAX, PLACE_MAX, SUITS_MAX, TITLE_MAX } from '../../domain/catalogue/decide.js';
import { inCopenhagen } from '../../domain/journey/hours.js';
import { CENTRE_OFFER_KINDS } from '../../domain/journey/journey.js';
import { Forbidden, NotFound } from '../../domain/shared/errors.js';
import { LANGS } from '../../i18n/i18n.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { catalogueOfferById, searchCatalogue, SEARCH_LIMIT_MAX, useByMonth } from '../../projections/catalogue/queries.js';
import { authenticatedContext, principalOf } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { nowIso } from '../command.js';
import { mergeProblems, type ProblemCodes, PUBLIC, SIGNED_IN, type Tag } from '../openapi.js';
import { text, uuid } from '../schemas.js';

export interface CatalogueRoutesOptions {
  database: Database;
  facts: Facts;
  handler: CommandHandler;
  verify: TokenVerifier;
}

// The catalogue is the centres' overview of what they and their partners offer.
const tag: Tag = 'catalogue';

/** Today in Denmark: the date the catalogue is read for. */
const today = () => inCopenhagen(new Date()).date;

const optionalText = (max: number) => text(1, max).nullable().default(null);
const content = z
  .object({
    kind: z.enum(CENTRE_OFFER_KINDS),
    title: text(1, TITLE_MAX),
    titleEn: optionalText(TITLE_MAX).describe('The title in English, if there is one'),
    description: text(1, DESCRIPTION_MAX),
    descriptionEn: optionalText(DESCRIPTION_MAX),
    channels: z.array(z.enum(OFFER_CHANNELS)).min(1).max(OFFER_CHANNELS.length * 2).describe('How it takes place'),
    municipalityCode: z.string().regex(/^\d{3}$/, 'a 3-digit municipality code').describe('The municipality it takes place in'),
    place: optionalText(PLACE_MAX).describe('Where it takes place in person: needed when it does'),
    link: optionalText(LINK_MAX).describe('Where it takes place online: an https link'),
    capacity: z.number().int().min(1).max(CAPACITY_MAX).nullable().default(null).describe('How many can take part at once; null: no set limit'),
    suits: optionalText(SUITS_MAX).describe('Who it suits, in the publisher’s words: a help to choose, never a condition'),
  })
  .strict();
const offerParams = z.object({ offerId: uuid }).strict();

const EXAMPLE_CONTENT = {
  kind: 'physical_activity_and_health' as const,
  title: 'Løb for alle',
  titleEn: 'Running for everyone',
  description: 'Vi løber sammen i Fruens Bøge tirsdag og torsdag kl. 17. Alle tempi er velkomne, og du kommer, når du har lyst.',
  descriptionEn: 'We run together in Fruens Bøge on Tuesdays and Thursdays at 17. Every pace is welcome; come when you like.',
  channels: ['in_person' as const],
  municipalityCode: '461',
  place: 'Fruens Bøge, indgangen ved Hunderupvej',
  capacity: 20,
  suits: 'Dig, der gerne vil i gang med at løbe sammen med andre',
};

const offerView = z
  .object({
    offerId: z.string(),
    centreId: z.string(),
    partnerId: z.string().nullable().describe('Null for the centre’s own offer'),
    partnerName: z.string().nullable(),
    agreementId: z.string().nullable(),
    kind: z.enum(CENTRE_OFFER_KINDS),
    title: z.string(),
    titleEn: z.string().nullable(),
    description: z.string(),
    descriptionEn: z.string().nullable(),
    channels: z.array(z.enum(OFFER_CHANNELS)),
    municipalityCode: z.string(),
    place: z.string().nullable(),
    link: z.string().nullable(),
    capacity: z.number().int().nullable(),
    suits: z.string().nullable().describe('Who it suits: never a condition'),
    status: z.enum(['published', 'retired']),
    publishedAt: z.string(),
    revisedAt: z.string().nullable(),
    retiredAt: z.string().nullable(),
    participants: z.number().int().describe('How many take part now'),
    freePlaces: z.number().int().nullable().describe('Capacity less those taking part; null when there is no set limit'),
  })
  .meta({ id: 'CatalogueOffer' });
const listedOffer = offerView.extend({ rank: z.number().nullable().describe('How well it matches the text; null without text') }).meta({ id: 'ListedCatalogueOffer' });
const offerWithListing = offerView
  .extend({
    agreement: z.object({ agreementId: z.string(), status: z.enum(['signed', 'terminated']), startDate: z.string(), endDate: z.string() }).nullable(),
    listed: z.boolean().describe('Whether it is in the catalogue today'),
    notListedBecause: z
      .enum(['retired', 'agreement_unknown', 'agreement_terminated', 'agreement_not_yet_in_force', 'agreement_ended', 'kind_not_covered'])
      .nullable()
      .describe('Why it is not in the catalogue today; null when it is'),
  })
  .meta({ id: 'CatalogueOfferWithListing' });

const oneOrMore = <T extends readonly [string, ...string[]]>(values: T) => z.union([z.enum(values), z.array(z.enum(values)).max(values.length)]);
const searchQuery = z
  .object({
    text: z.string().max(2000).optional().describe('Words to search for (a quoted "phrase", -not, or); its first 500 characters count'),
    lang: z.enum(LANGS).default('da').describe('The reader’s language: `en` also searches the English texts'),
    kinds: oneOrMore(CENTRE_OFFER_KINDS).optional().describe('Any of these kinds (repeat the field for several)'),
    channels: oneOrMore(OFFER_CHANNELS).optional().describe('Taking place on any of these channels (repeat the field for several)'),
    municipality: z.string().regex(/^\d{3}$/, 'a 3-digit municipality code').optional(),
    centreId: uuid.optional(),
    freeCapacity: z.enum(['true', 'false']).optional().describe('`true`: only offers with a free place, or no set limit'),
    limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

/** Problems of a command on a published offer. */
const onOffer: ProblemCodes = { 404: ['offer_not_found'], 409: ['offer_retired'] };
/** Problems of the agreement a partner's offer names. */
const underAgreement: ProblemCodes = { 404: ['agreement_not_found'], 422: ['agreement_ended', 'kind_not_covered'] };
const wording: ProblemCodes = { 400: ['coercive_wording'] };

/** The catalogue's routes: publishing, searching, reading an offer and how it is used. */
export const catalogueRoutes: FastifyPluginAsync<CatalogueRoutesOptions> = async (app, { database, facts, handler, verify }) => {
  const authed = authenticatedContext(app, verify);
  const catalogue = { handler, decider: catalogueDecider };
  // The agreement as it stands today, read from its stream at the command.
  const agreementOf = async (agreementId: string | null) => (agreementId === null ? null : await facts.agreementFact(agreementId, nowIso()));

  commandRoute(authed, catalogue, {
    url: '/catalogue/offers',
    operationId: 'publishCatalogueOffer',
    examples: [
      {
        centreId: '019a2051-8bf8-7996-ac05-81cabffe29d6',
        partnerId: '019a2051-8d10-7c1e-9a4b-3f6e2d1c0b9a',
        agreementId: '019a2051-8d2b-7f0e-b1c2-0a9f8e7d6c5b',
        content: EXAMPLE_CONTENT,
      },
      {
        centreId: '019a2051-8bf8-7996-ac05-81cabffe29d6',
        content: {
          kind: 'workshop',
          title: 'CV-værksted',
          description: 'Vi ser på dit CV sammen, og du går hjem med et udkast, du selv er glad for.',
          channels: ['in_person', 'video'],
          municipalityCode: '101',
          place: 'Huset, lokale 2',
          link: 'https://moede.virkelyst.dk/cv',
        },
      },
    ],
    problems: mergeProblems(wording, underAgreement, { 409: ['offer_exists'] }),
    tag,
    summary:
      'Publish an offer in the catalogue: a partner’s own people their partner’s, under an agreement that covers its kind; staff the centre’s own, and a partner’s on its behalf; administrators',
    params: z.object({}).strict(),
    body: z
      .object({
        centreId: uuid.describe('The centre whose catalogue it is in'),
        partnerId: uuid.nullable().default(null).describe('The partner whose offer it is; null for the centre’s own'),
        agreementId: uuid.nullable().default(null).describe('For a partner’s offer: the agreement of that partner and centre that covers it'),
        content,
      })
      .strict(),
    status: 201,
    creates: ['offerId'],
    topLevel: ['offerId'],
    location: ({ offerId }) => `/catalogue/offers/${offerId}`,
    command: async ({ body, newId }) => ({
      type: 'PublishCatalogueOffer' as const,
      data: { offerId: newId('offerId'), centreId: body.centreId, partnerId: body.partnerId, agreementId: body.agreementId, agreement: await agreementOf(body.agreementId), content: body.content },
    }),
  });
  commandRoute(authed, catalogue, {
    url: '/catalogue/offers/:offerId/revise',
    operationId: 'reviseCatalogueOffer',
    examples: [{ agreementId: '019a2051-8d2b-7f0e-b1c2-0a9f8e7d6c5b', content: { ...EXAMPLE_CONTENT, capacity: 25 } }],
    problems: mergeProblems(onOffer, wording, underAgreement),
    tag,
    summary: 'Revise an offer (whoever may publish it): new content; a partner’s offer may move to another agreement of the same partner and centre',
    params: offerParams,
    body: z
      .object({
        agreementId: uuid.nullable().default(null).describe('For a partner’s offer: the agreement that covers it (the same or another of that partner and centre)'),
        content,
      })
      .strict(),
    command: async ({ params, body }) => ({
      type: 'ReviseCatalogueOffer' as const,
      data: { offerId: params.offerId, agreementId: body.agreementId, agreement: await agreementOf(body.agreementId), content: body.content },
    }),
  });
  commandRoute(authed, catalogue, {
    url: '/catalogue/offers/:offerId/retire',
    operationId: 'retireCatalogueOffer',
    examples: [{}],
    problems: onOffer,
    tag,
    summary: 'Take an offer out of the catalogue (whoever may publish it); a participation already running may finish',
    params: offerParams,
    body: z.object({}).strict().nullish(),
    command: ({ params }) => ({ type: 'RetireCatalogueOffer' as const, data: { offerId: params.offerId } }),
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/catalogue/offers',
    {
      schema: {
        operationId: 'searchCatalogue',
        tags: [tag],
        summary: 'Search the catalogue (public): the offers listed today, by text, kinds, channels, municipality, centre and free places, best match first',
        security: PUBLIC,
        querystring: searchQuery,
        response: { 200: z.object({ total: z.number().int().describe('How many match, on every page'), limit: z.number().int(), offset: z.number().int(), offers: z.array(listedOffer) }) },
        problems: { 400: ['invalid_value'] },
      },
    },
    async (request) => {
      const q = request.query;
      const list = <T>(value: T | T[] | undefined) => (value === undefined ? undefined : [value].flat());
      const kinds = list(q.kinds);
      const channels = list(q.channels);
      const found = await searchCatalogue(database.db, {
        lang: q.lang,
        today: today(),
        limit: q.limit,
        offset: q.offset,
        ...(q.text !== undefined ? { text: q.text } : {}),
        ...(kinds ? { kinds } : {}),
        ...(channels ? { channels } : {}),
        ...(q.municipality !== undefined ? { municipalityCode: q.municipality } : {}),
        ...(q.centreId !== undefined ? { centreId: q.centreId } : {}),
        ...(q.freeCapacity !== undefined ? { freeCapacity: q.freeCapacity === 'true' } : {}),
      });
      return { total: found.total, limit: q.limit, offset: q.offset, offers: found.offers };
    },
  );
  r.get(
    '/catalogue/offers/:offerId',
    {
      schema: {
        operationId: 'getCatalogueOffer',
        tags: [tag],
        summary: 'One offer (public), listed or not: whether it is in the catalogue today and, if not, why',
        security: PUBLIC,
        params: offerParams,
        response: { 200: offerWithListing },
        problems: { 404: ['offer_not_found'] },
      },
    },
    async (request) => {
      const found = await catalogueOfferById(database.db, request.params.offerId, today());
      if (!found) throw new NotFound('offer_not_found', 'no such offer in the catalogue', { offerId: request.params.offerId });
      return found;
    },
  );
  authed.add((a) => {
    a.withTypeProvider<ZodTypeProvider>().get(
      '/catalogue/offers/:offerId/use',
      {
        schema: {
          operationId: 'getCatalogueOfferUse',
          tags: [tag],
          summary: 'How an offer was taken part in, month by month (Danish time), and how many take part now: counts only (staff of its centre, the partner’s own people, administrators)',
          security: SIGNED_IN,
          params: offerParams,
          response: {
            200: z.object({
              currentParticipants: z.number().int(),
              months: z.array(
                z.object({
                  month: z.string().describe('YYYY-MM, Danish time'),
                  started: z.number().int(),
                  ended: z.number().int(),
                  participantsAtMonthEnd: z.number().int(),
                }),
              ),
            }),
          },
          problems: { 404: ['offer_not_found'] },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const { offerId } = request.params;
        if (!['admin', 'staff', 'partner'].includes(p.role)) throw new Forbidden('an offer’s use is for the staff of its centre and the partner’s own people', { role: p.role });
        const offer = await catalogueOfferById(database.db, offerId, today());
        if (!offer) throw new NotFound('offer_not_found', 'no such offer in the catalogue', { offerId });
        const allowed = p.role === 'admin' || (p.role === 'staff' && p.centreId === offer.centreId) || (p.role === 'partner' && offer.partnerId !== null && p.partnerId === offer.partnerId);
        if (!allowed) throw new Forbidden('an offer’s use is for the staff of its centre and the partner’s own people', { offerId });
        return useByMonth(database.db, offerId);
      },
    );
  });
};
