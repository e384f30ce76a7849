import { z } from 'zod';
import { UNSTORABLE } from './text-guard.js';
import { WEEKDAYS } from '../domain/centre/centre.js';
import { CENTRE_OFFER_KINDS } from '../domain/journey/journey.js';
import { ERASED, type PersonalData } from '../privacy/sealed.js';

/** Shared response and field schemas. Request objects are `.strict()`: unknown fields are a 400. */
// Ids are stored and compared in lower case, so that is what the edge accepts (a clear 400
// rather than a 404 for an id in capitals). No transform: it would hide examples from OpenAPI.
/** The years a moment or a day may fall in: 0001–9999 (ISO-8601's four digits, without year 0). */
const inYears = (value: string) => !value.startsWith('0000');
/** A moment, ISO-8601 with zone, in the years 0001–9999. */
export const isoMoment = () => z.iso.datetime({ offset: true }).refine(inYears, 'a year from 0001 to 9999');
/** A calendar day, YYYY-MM-DD, in the years 0001–9999 (impossible days such as 2026-02-30 are refused). */
export const isoDay = () => z.iso.date().refine(inYears, 'a year from 0001 to 9999');

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a UUID in lower case');

// PostgreSQL's jsonb cannot hold NUL or a lone surrogate; refuse them here, naming the field,
// rather than fail later in the store (the same test the guard in text-guard.ts makes).

/** A string a person typed: any Unicode text except what cannot be stored. */
export const text = (min: number, max: number) =>
  z.string().min(min).max(max).refine((v) => !UNSTORABLE.test(v), 'must not contain NUL characters, broken Unicode or bidirectional overrides');

/**
 * Text that is personal data: stored encrypted under `key` (the citizen's own, unless said), and
 * unreadable for good once that key is erased. Never checked for what it says when it is the
 * person's own words; staff-written text is checked by the decider for the words of coercion.
 */
export const personal = (max: number, key = 'the citizen’s own key') => text(1, max).describe(`Personal data: stored encrypted under ${key}`);

/** How an answer shows a personal field whose key was erased. */
export const ERASED_TEXT = '(slettet)';

/**
 * A personal field as an answer shows it to someone allowed to read it: the text opened, null when
 * there is none, `(slettet)` once erased. Never the sealed object itself.
 */
export async function openedText(vault: PersonalData, value: unknown): Promise<string | null> {
  if (value === null || value === undefined) return null;
  const open = await vault.open<unknown>(value);
  if (open === ERASED || (typeof open === 'object' && open !== null && (open as typeof ERASED).erased === true)) return ERASED_TEXT;
  return typeof open === 'string' ? open : null;
}

/**
 * What a journey offer is: one of the centre's own kinds (optionally the centre's offer in the
 * catalogue), or a partner's offer from the catalogue. An offer from the catalogue is made, and
 * taken part in, only while it is listed there.
 */
export const offerRefSchema = z
  .discriminatedUnion('source', [
    z
      .object({
        source: z.literal('centre'),
        kind: z.enum(CENTRE_OFFER_KINDS),
        catalogueOfferId: uuid.optional().describe('The centre’s own offer in the catalogue this is, if it is one (of the same kind)'),
      })
      .strict(),
    z
      .object({
        source: z.literal('partner'),
        partnerId: uuid.describe('The partner whose offer it is'),
        catalogueOfferId: uuid.describe('The partner’s offer in the catalogue'),
      })
      .strict(),
  ])
  .describe('The centre’s own offer of a kind, or a partner’s offer from the catalogue')
  .meta({ id: 'OfferRef' });

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** Any JSON value (zod's own `z.json()` refers to itself in a way the document cannot resolve). */
export const jsonValueSchema: z.ZodType<JsonValue> = z
  .union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.lazy(() => jsonValueSchema)), z.record(z.string(), z.lazy(() => jsonValueSchema))])
  .meta({ id: 'JsonValue' });
/** An RFC 9457 problem document: every 4xx and 5xx answer, as `application/problem+json`. */
export const problemSchema = z
  .object({
    type: z.string().describe('`urn:virkelyst:problem:` and the code'),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable: clients may switch on it. Each operation lists the codes it may answer'),
    detail: z.string().optional(),
    errors: z
      .array(
        z.object({
          in: z.enum(['body', 'querystring', 'params', 'headers']),
          field: z.string().describe('A dotted path inside `in`'),
          message: z.string(),
        }),
      )
      .optional()
      .describe('Each field that was wrong, and why'),
  })
  .catchall(jsonValueSchema)
  .describe('application/problem+json (RFC 9457); besides these fields, the ids involved (never what a person typed)')
  .meta({ id: 'Problem' });

/**
 * What every command answers. Routes that create things add `created`; see command-route.ts,
 * which extends it, so each command's answer is one flat object in the document.
 */
export const commandResultSchema = z
  .object({
    streamId: z.string(),
    version: z.number().int().describe('The stream version after the command'),
    duplicate: z.boolean().describe('True when this Idempotency-Key was handled before; nothing new was recorded'),
    events: z.array(z.object({ type: z.string(), eventId: z.string() })).describe('The events the command recorded'),
    positions: z.object({ first: z.number().int(), last: z.number().int() }).nullable().describe('Where they are in the log; null when nothing was recorded'),
  });

const time = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');
export const openingInterval = z.object({ opens: time, closes: time }).strict().meta({ id: 'OpeningInterval' });
export const openingHoursSchema = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(openingInterval).max(6).default([])])) as Record<
    (typeof WEEKDAYS)[number],
    z.ZodDefault<z.ZodArray<typeof openingInterval>>
  >)
  .strict()
  .describe('In-person opening hours per weekday, local time Europe/Copenhagen; a missing day is closed')
  .meta({
    id: 'OpeningHours',
    examples: [
      {
        monday: [{ opens: '09:00', closes: '15:00' }],
        tuesday: [{ opens: '09:00', closes: '15:00' }],
        wednesday: [],
        thursday: [{ opens: '09:00', closes: '12:00' }, { opens: '13:00', closes: '18:00' }],
        friday: [{ opens: '09:00', closes: '13:00' }],
        saturday: [],
        sunday: [],
      },
    ],
  });

/**
 * A JSON value as recorded: the data of an event, whose fields depend on its type (see the
 * audit catalogue, GET /audit/report). Personal fields are opened for those allowed, or read
 * `(slettet)` once erased.
 */
export const eventDataSchema = z.record(z.string(), jsonValueSchema).describe('The event’s data; its fields depend on its type').meta({ id: 'EventData' });

/** How a citizen answered an offer: themselves, or in a held conversation as staff record it. */
export const consentMethodSchema = z
  .discriminatedUnion('method', [
    z.object({ method: z.literal('self_service') }),
    z.object({ method: z.enum(['signed_in_person', 'verbal_in_session', 'written_in_chat']), staffId: z.string(), sessionId: z.string() }),
  ])
  .meta({ id: 'ConsentMethod' });

/** A consent receipt, modelled on the Kantara Consent Receipt specification. */
export const consentReceiptSchema = z
  .object({
    receiptId: z.string(),
    version: z.literal('KI-CR-v1.1.0'),
    timestamp: z.string(),
    jurisdiction: z.literal('DK'),
    collectionMethod: z.enum(['self_service', 'signed_in_person', 'verbal_in_session', 'written_in_chat']),
    controller: z.object({ name: z.string(), centreId: z.string() }),
    purpose: z.string(),
    dataCategories: z.array(z.string()),
    howToWithdraw: z.string(),
  })
  .meta({ id: 'ConsentReceipt' });

/**
 * A value a query reads from a jsonb column and types as `unknown`: the answer is checked
 * against `shape` when it is serialized (a stored value of another shape is our fault, a 500),
 * and the document shows `shape`. Once the read side's queries are typed, use `shape` itself.
 */
export const stored = <T extends z.ZodType>(shape: T) => z.unknown().pipe(shape);

/** What a board resolution decides: the same shape where it is proposed and where it is read. */
export const resolutionSubjectSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('general') }).strict(),
    z.object({ kind: z.literal('budget_approval'), budgetId: uuid, version: z.number().int().min(1) }).strict(),
    z
      .object({ kind: z.literal('budget_reallocation'), budgetId: uuid, fromLineId: uuid, toLineId: uuid, year: z.number().int(), amountOre: z.number().int().positive() })
      .strict(),
    z
      .object({ kind: z.literal('budget_supplement'), budgetId: uuid, lineId: uuid, year: z.number().int(), amountOre: z.number().int().positive() })
      .strict()
      .describe('A supplementary appropriation (tillægsbevilling): more money on one line'),
    z
      .object({ kind: z.literal('budget_carry_over'), budgetId: uuid, lineId: uuid, year: z.number().int(), fromBudgetId: uuid, fromLineId: uuid, amountOre: z.number().int().positive() })
      .strict()
      .describe('A carry-over (overførsel): money a line of last year’s closed accounts left unspent, onto a line of this year’s budget (`budgetId`)'),
    z.object({ kind: z.literal('budget_closing'), budgetId: uuid }).strict().describe('The year-end closing (regnskab) of an annual budget, once its year is over'),
  ])
  .describe(
    'What the resolution decides. A budget is approved, money moved, more appropriated or the accounts closed only by an adopted resolution naming exactly that.',
  )
  .meta({ id: 'ResolutionSubject' });

/** The board's answer to a citizen's idea: taken in as a line of its development budget, or not, with the reason. */
export const ideaAnswerSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('taken_in'), lineId: uuid.describe('The line of the idea’s development budget it became') }).strict(),
    z.object({ kind: z.literal('not_taken_in'), reason: text(1, 1000).describe('Why, in the board’s words, to the citizens') }).strict(),
  ])
  .describe('Taken in (naming the line it became) or not taken in (with the reason)')
  .meta({ id: 'IdeaAnswer' });
