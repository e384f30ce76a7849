// What may be logged of an error: a code, never its message (messages can quote data a person typed).

/** A string property of a thrown value, if it has one (anything can be thrown). */
function text(error: unknown, key: 'code' | 'name' | 'constraint' | 'message'): string | undefined {
  if (typeof error !== 'object' || error === null || !(key in error)) return undefined;
  const value: unknown = Reflect.get(error, key);
  return typeof value === 'string' ? value : undefined;
}

/** A code that names the failure without its message, which may quote data. */
export function errorCode(error: unknown): string {
  const code = text(error, 'code');
  if (code !== undefined) {
    const constraint = text(error, 'constraint');
    return `pg:${code}${constraint !== undefined ? `:${constraint}` : ''}`;
  }
  return text(error, 'name') ?? 'unknown';
}

/**
 * Whether an error means the database is not there for us right now: a lost or refused
 * connection, a server shutting down or in recovery, too many connections. The request was not
 * the client's mistake and may be tried again: a 503, never a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = text(error, 'code') ?? '';
  // SQLSTATE class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot
  // connect now), 53300 (too many connections); and the driver's own socket errors.
  if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true;
  const message = text(error, 'message') ?? '';
  return /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/.test(message);
}
