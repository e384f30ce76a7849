// What may be logged of an error: a code, never its message (messages can quote data a person typed).

/** A code that names the failure without its message, which may quote data. */
export function errorCode(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown; constraint?: unknown };
  if (typeof e?.code === 'string') return `pg:${e.code}${typeof e.constraint === 'string' ? `:${e.constraint}` : ''}`;
  return typeof e?.name === 'string' ? e.name : 'unknown';
}

/**
 * Whether an error means the database is not there for us right now: a lost or refused
 * connection, a server shutting down or in recovery, too many connections. The request was not
 * the client's mistake and may be tried again: a 503, never a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  // SQLSTATE class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot
  // connect now), 53300 (too many connections); and the driver's own socket errors.
  if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/.test(message);
}
