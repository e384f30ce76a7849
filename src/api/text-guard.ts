import type { FastifyInstance } from 'fastify';

/**
 * A NUL character, or half of a surrogate pair: text PostgreSQL cannot store or compare. And the
 * bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): stored,
 * they would turn the text around them on the pages that show it (a name or note reading as
 * something else to the counsellor). Right-to-left writing needs none of them.
 */
export const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u202A-\u202E\u2066-\u2069]/;
const MAX_DEPTH = 64;

/** The dotted path of the first string (or key) in a value that cannot be stored, or null. */
export function unstorableField(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path || '(value)' : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  for (const [key, inner] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const at = path ? `${path}.${key}` : String(key);
    if (typeof key === 'string' && UNSTORABLE.test(key)) return at;
    const found = unstorableField(inner, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Text in a request that cannot be stored. Thrown, not answered here, so that each part of the
 * app answers it its own way: the API as a 400 problem+json naming the field, the web UI as a
 * page in the reader's language.
 */
export class UnstorableInput extends Error {
  readonly statusCode = 400;
  readonly code = 'unstorable_text';
  constructor(
    readonly where: 'params' | 'querystring' | 'body',
    readonly field: string,
  ) {
    super('holds a character that cannot be stored or shown safely: NUL, half of a surrogate pair, or a bidirectional override');
    this.name = 'UnstorableInput';
  }
}

/**
 * Refuses, before validation and before anything reads the database, any path parameter, query
 * field or body field holding text that cannot be stored: a 400 naming the field, never the 500
 * PostgreSQL's refusal would become.
 */
export function guardUnstorableText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const field = unstorableField(value);
      if (field === null) continue;
      throw new UnstorableInput(where, field);
    }
  });
}
