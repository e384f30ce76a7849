import { z } from 'zod';
import { WEEKDAYS } from '../domain/centre/centre.js';

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
// rather than fail later in the store.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A string a person typed: any Unicode text except what cannot be stored. */
export const text = (min: number, max: number) =>
  z.string().min(min).max(max).refine((v) => !UNSTORABLE.test(v), 'must not contain NUL characters or broken Unicode');

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ in: z.string(), field: z.string(), message: z.string() })).optional(),
  })
  .catchall(z.unknown())
  .describe('application/problem+json (RFC 9457)');

export const commandResultSchema = z.object({
  streamId: z.string(),
  version: z.number().int().describe('The stream version after the command'),
  duplicate: z.boolean().describe('True when this Idempotency-Key was handled before; nothing new was recorded'),
  events: z.array(z.object({ type: z.string(), eventId: z.string() })),
  positions: z.object({ first: z.number().int(), last: z.number().int() }).nullable(),
});

const time = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');
export const openingInterval = z.object({ opens: time, closes: time }).strict();
export const openingHoursSchema = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(openingInterval).max(6).default([])])) as Record<
    (typeof WEEKDAYS)[number],
    z.ZodDefault<z.ZodArray<typeof openingInterval>>
  >)
  .strict()
  .describe('In-person opening hours per weekday, local time Europe/Copenhagen; a missing day is closed');

/** Standard error responses for the OpenAPI document. */
export const errorResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  413: problemSchema,
  415: problemSchema,
  422: problemSchema,
} as const;
