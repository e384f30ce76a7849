import path from 'node:path';
import { z } from 'zod';

/**
 * How many requests one caller may make in a window. Writes are limited per IP address (before
 * the body is read) and per signed-in person (after their token is checked, so nobody can use up
 * another person's allowance by naming them in a forged token). Failed sign-ins (a 401) are
 * limited per IP address: past the limit every request from that address waits out the window.
 */
export interface RateLimits {
  windowMs: number;
  writesPerPrincipal: number;
  writesPerIp: number;
  failedSignInsPerIp: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { windowMs: 60_000, writesPerPrincipal: 120, writesPerIp: 600, failedSignInsPerIp: 30 };

/** OIDC_STAFF_ACR's values: separated by spaces. */
export const staffAcrValues = (value: string): string[] => value.split(/[ \t]+/).filter((v) => v.length > 0);

const port = z.coerce.number().int().min(1).max(65535);
const positiveMs = z.coerce.number().int().min(1).max(3_600_000);

const schema = z
  .object({
    PORT: port.default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /** The app's own login (a member of virkelyst_app); DATABASE_URL is then only for migrations. */
    DATABASE_APP_URL: z
      .string()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL')
      .optional(),
    VIRKELYST_DATA_DIR: z.string().min(1).default('.virkelyst'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** auto: readable lines on a terminal, JSON otherwise. */
    LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
    VIRKELYST_MASTER_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .optional(),
    AUDIT_SIGNING_KEY: z.string().includes('PRIVATE KEY', { message: 'must be an Ed25519 private key in PKCS#8 PEM' }).optional(),
    AUDIT_SEAL_EVERY: z.coerce.number().int().min(1).max(1_000_000).default(1000),
    AUDIT_SEAL_EVERY_MS: positiveMs.default(60_000),
    /** Every tree head the sealer signs, one a line, outside the database (default: <data dir>/audit-witness.jsonl). */
    AUDIT_WITNESS_FILE: z.string().min(1).optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_JWKS_URL: z.url().optional(),
    OIDC_AUDIENCE: z.string().min(1).optional(),
    /** The web's client at the identity provider: with it, the pages sign people in by the code flow. */
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** How the client proves itself at the token endpoint. */
    OIDC_CLIENT_AUTH: z.enum(['client_secret_basic', 'client_secret_post']).default('client_secret_basic'),
    /** The callback's absolute URL as registered at the provider: https://<host>/log-ind/callback. */
    OIDC_REDIRECT_URL: z
      .url()
      .refine((v) => new URL(v).pathname === '/log-ind/callback', 'must end in the path /log-ind/callback')
      .refine((v) => {
        const url = new URL(v);
        return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
      }, 'must be https (http only on this machine)')
      .refine((v) => !new URL(v).search && !new URL(v).hash, 'must have no query or fragment')
      .optional(),
    /** The scopes asked for, space-separated; `openid` among them. */
    OIDC_SCOPE: z
      .string()
      .refine((v) => v.split(' ').includes('openid'), 'must include openid')
      .default('openid'),
    /**
     * The assurance levels (`acr` values, space-separated) an ID token must carry for every role
     * but `citizen`, e.g. NSIS Substantial and High for MitID. Citizens are never held to it.
     */
    OIDC_STAFF_ACR: z
      .string()
      .refine((v) => staffAcrValues(v).length > 0, 'must name at least one acr value')
      .refine((v) => staffAcrValues(v).every((value) => /^[\x21-\x7e]{1,200}$/.test(value)), 'must be acr values (printable ASCII, such as URIs) separated by spaces')
      .optional(),
    /** A web session not used for this many minutes is no session (within its 8 hours at the most). */
    WEB_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(480).default(30),
    /**
     * Without OIDC_ISSUER, where the web's local development sign-in answers: `auto` (from this
     * machine only, and nowhere with NODE_ENV=production), `anywhere` (a shared test server), `off`.
     */
    DEV_SIGN_IN: z.enum(['auto', 'anywhere', 'off']).default('auto'),
    PROJECTION_POLL_MS: positiveMs.default(1000),
    /** /ready answers 503 while any read model is more than this many events behind. */
    READY_MAX_LAG: z.coerce.number().int().min(0).default(1000),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(256 * 1024),
    SHUTDOWN_GRACE_MS: positiveMs.default(10_000),
    /** Changes (POST/PUT) one signed-in person may make a minute. */
    RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_RATE_LIMITS.writesPerPrincipal),
    /** Changes one IP address may make a minute, whoever signs them. */
    RATE_LIMIT_IP_WRITES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_RATE_LIMITS.writesPerIp),
    /** Failed sign-ins (401) from one IP address a minute before it must wait. */
    RATE_LIMIT_FAILED_SIGN_INS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_RATE_LIMITS.failedSignInsPerIp),
    /** Behind a reverse proxy: the proxies' addresses or CIDR ranges, comma-separated, whose X-Forwarded-For is believed. */
    TRUST_PROXY: z
      .string()
      .regex(/^[0-9A-Fa-f:./]+(,\s*[0-9A-Fa-f:./]+)*$/, 'must be addresses or CIDR ranges, comma-separated')
      .optional(),
  })
  // The embedded default makes the app's login itself; another login only makes sense on a server.
  .refine((c) => !c.DATABASE_APP_URL || c.DATABASE_URL, { message: 'needs DATABASE_URL', path: ['DATABASE_APP_URL'] })
  .refine((c) => !c.OIDC_JWKS_URL || c.OIDC_ISSUER, { message: 'OIDC_JWKS_URL needs OIDC_ISSUER', path: ['OIDC_JWKS_URL'] })
  // Without an audience any token the issuer signs for any application would be accepted.
  .refine((c) => !c.OIDC_ISSUER || c.OIDC_AUDIENCE, { message: 'is required with OIDC_ISSUER', path: ['OIDC_AUDIENCE'] })
  // The web's client: all of it or none of it, and only with an issuer to be a client of.
  .refine((c) => !c.OIDC_CLIENT_ID || c.OIDC_ISSUER, { message: 'needs OIDC_ISSUER', path: ['OIDC_CLIENT_ID'] })
  .refine((c) => !c.OIDC_CLIENT_ID || c.OIDC_CLIENT_SECRET, { message: 'is required with OIDC_CLIENT_ID', path: ['OIDC_CLIENT_SECRET'] })
  .refine((c) => !c.OIDC_CLIENT_ID || c.OIDC_REDIRECT_URL, { message: 'is required with OIDC_CLIENT_ID', path: ['OIDC_REDIRECT_URL'] })
  .refine((c) => c.OIDC_CLIENT_ID || (!c.OIDC_CLIENT_SECRET && !c.OIDC_REDIRECT_URL), { message: 'is required with OIDC_CLIENT_SECRET or OIDC_REDIRECT_URL', path: ['OIDC_CLIENT_ID'] })
  // A level is asked of those who sign in to the pages: without the pages' client it would hold nobody.
  .refine((c) => !c.OIDC_STAFF_ACR || c.OIDC_CLIENT_ID, { message: 'needs OIDC_CLIENT_ID', path: ['OIDC_STAFF_ACR'] });

export type Config = z.infer<typeof schema> & { dataDir: string };

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the configuration; the first bad variable is named in one line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const values = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'configuration');
    const raw = env[variable];
    // Never echo secrets such as a DATABASE_URL with a password.
    const shown = raw !== undefined && !/URL|SECRET|KEY/.test(variable) ? ` (got "${raw}")` : '';
    throw new ConfigError(variable, `${issue.message}${shown}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.VIRKELYST_DATA_DIR) };
}

/** The rate limits the configuration sets. */
export const rateLimitsOf = (config: Config): RateLimits => ({
  windowMs: 60_000,
  writesPerPrincipal: config.RATE_LIMIT_WRITES_PER_MINUTE,
  writesPerIp: config.RATE_LIMIT_IP_WRITES_PER_MINUTE,
  failedSignInsPerIp: config.RATE_LIMIT_FAILED_SIGN_INS_PER_MINUTE,
});
