/**
 * `virkelyst token`: mints a bearer token with the local key. Kept apart from the rest of the
 * CLI and loading only configuration and the token module, so that scripts can call it in a loop
 * (bin/virkelyst.mjs runs it without loading the database, the server or the audit code).
 */
import { ConfigError, loadConfig } from '../config.js';
import { ROLES, type Role } from '../domain/shared/principal.js';
import { loadOrCreateLocalKey, mintLocalToken } from '../identity/tokens.js';
import { newId } from '../ids.js';

export interface TokenOptions {
  role: Role;
  centre?: string;
  /** For the partner role: the partner whose people the holder is. */
  partner?: string;
  sub?: string;
  ttl?: number;
}

/** Writes the token to stdout, or a one-line reason to stderr and exit code 1. */
export async function printToken(options: TokenOptions): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  if (config.OIDC_ISSUER) fail('OIDC_ISSUER is set: tokens come from the identity provider, not from this command');
  if ((options.role === 'staff' || options.role === 'board_member') && !options.centre) fail(`a ${options.role} token needs --centre <centreId>`);
  if (options.role === 'partner' && !options.partner) fail('a partner token needs --partner <partnerId>');
  const key = await loadOrCreateLocalKey(config.dataDir);
  const token = await mintLocalToken(key, {
    sub: options.sub ?? newId(),
    role: options.role,
    ...(options.centre ? { centreId: options.centre } : {}),
    ...(options.role === 'partner' && options.partner ? { partnerId: options.partner } : {}),
    ...(options.ttl ? { ttlSeconds: options.ttl } : {}),
  });
  process.stdout.write(token + '\n');
}

function fail(message: string): never {
  console.error(`virkelyst: ${message}`);
  process.exit(1);
}

const USAGE = `Usage: virkelyst token --role <role> [--centre <centreId>] [--partner <partnerId>] [--sub <id>] [--ttl <seconds>]\n\nroles: ${ROLES.join(', ')}`;

/** Parses `token`'s own arguments (the fast path; the full CLI parses the same with commander). */
export function parseTokenArgs(args: readonly string[]): TokenOptions {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    }
    const [name, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (!name || !['role', 'centre', 'partner', 'sub', 'ttl'].includes(name)) fail(`token: unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    const value = inline ?? args[++i];
    if (value === undefined) fail(`token: --${name} needs a value`);
    values[name] = value;
  }
  const role = values.role;
  if (!role) fail(`token: --role is required\n${USAGE}`);
  if (!(ROLES as readonly string[]).includes(role)) fail(`token: --role must be one of ${ROLES.join(', ')}`);
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl <= 0)) fail('token: --ttl must be a whole number of seconds');
  return { role: role as Role, ...(values.centre ? { centre: values.centre } : {}), ...(values.partner ? { partner: values.partner } : {}), ...(values.sub ? { sub: values.sub } : {}), ...(ttl ? { ttl } : {}) };
}
