// What may be logged of an error: a code, never its message (messages can quote data a person typed).

/** A code that names the failure without its message, which may quote data. */
export function errorCode(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown; constraint?: unknown };
  if (typeof e?.code === 'string') return `pg:${e.code}${typeof e.constraint === 'string' ? `:${e.constraint}` : ''}`;
  return typeof e?.name === 'string' ? e.name : 'unknown';
}
