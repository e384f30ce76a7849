import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyDatabase } from '../../audit/live.js';
import { consistencyProof, inclusionProof } from '../../audit/merkle.js';
import { citizenOf } from '../../audit/pseudonym.js';
import { consentTrailEvents, leafAtPosition, leafHashesBelow, signedTreeHeads } from '../../audit/queries.js';
import type { AuditKey } from '../../audit/signing.js';
import type { Database } from '../../database/connect.js';
import { Forbidden, InvalidValue, NotFound } from '../../domain/shared/errors.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { principalOf, requirePrincipal } from '../auth.js';
import { PUBLIC, SIGNED_IN } from '../openapi.js';
import { consentMethodSchema, stored } from '../schemas.js';

export interface AuditRoutesOptions {
  database: Database;
  verify: TokenVerifier;
  auditKey: AuditKey;
}

const hex = (b: Buffer) => b.toString('hex');
const count = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const treeHead = z
  .object({ treeSize: z.number().int(), rootHash: z.string().describe('hex'), timestamp: z.string(), keyId: z.string(), signature: z.string().describe('base64 Ed25519 signature') })
  .meta({ id: 'TreeHead' });
const inclusion = z.object({ position: z.number(), eventId: z.string(), leafIndex: z.number(), treeSize: z.number(), leafHash: z.string(), proof: z.array(z.string()) });
const consistency = z.object({ from: z.number(), to: z.number(), proof: z.array(z.string()) });

/** A catalogue entry's fields: each a kind (`id`, `text`, `one of …`), a nested shape, or a list of one shape. */
type CatalogueField = string | { [field: string]: CatalogueField } | [{ [field: string]: CatalogueField }];
const catalogueShape: z.ZodType<{ [field: string]: CatalogueField }> = z
  .record(z.string(), z.union([z.string(), z.lazy(() => catalogueShape), z.tuple([z.lazy(() => catalogueShape)])]))
  .meta({ id: 'CatalogueShape' });
const violation = z.object({
  position: z.number().int().nullable(),
  eventId: z.string().nullable(),
  reason: z.string(),
  citizen: z.string().optional().describe('The pseudonym of the citizen the event is about'),
});
const auditReport = z
  .object({
    ok: z.boolean(),
    events: z.number().int(),
    checks: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        examined: z.number().int().describe('How many cases the check looked at'),
        status: z.enum(['ok', 'violations', 'not_applicable']),
        violations: z.array(violation),
      }),
    ),
    catalogue: z.array(z.object({ type: z.string(), about: z.string(), fields: catalogueShape })).describe('Every event type the log may hold, and the fields each may carry'),
    keyId: z.string().describe('The key the signed heads were checked against'),
    coverage: z.object({ events: z.number().int(), sealed: z.number().int(), signed: z.number().int() }).describe('Events read; of those, sealed; and covered by a signed head'),
    against: z.object({ trustedHeads: z.number().int(), witnessedHeads: z.number().int() }).describe("Heads checked besides the database's own: none kept by an auditor here, and the sealer's witness file"),
  })
  .meta({ id: 'AuditReport' });

/** A value with every string that is a citizen's id replaced by their pseudonym. */
function pseudonymised(value: unknown, citizens: Set<string>, pseudonym: (id: string) => string): unknown {
  if (typeof value === 'string') return citizens.has(value) ? pseudonym(value) : value;
  if (Array.isArray(value)) return value.map((v) => pseudonymised(v, citizens, pseudonym));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pseudonymised(v, citizens, pseudonym)]));
  return value;
}

/** The transparency log for auditors: signed tree heads, inclusion and consistency proofs. */
export const auditRoutes: FastifyPluginAsync<AuditRoutesOptions> = async (app, { database, verify, auditKey }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authenticated = requirePrincipal(verify);
  const auditorOnly = async (request: Parameters<typeof principalOf>[0]) => {
    if (principalOf(request).role !== 'auditor') throw new Forbidden('this is for auditors');
  };

  async function leaves(treeSize: number): Promise<Buffer[]> {
    const hashes = await leafHashesBelow(database.db, treeSize);
    if (hashes.length < treeSize) throw new NotFound('tree_too_small', 'the log has not reached that size yet', { treeSize });
    return hashes;
  }

  r.get(
    '/audit/report',
    {
      preHandler: [authenticated, auditorOnly],
      schema: {
        operationId: 'getAuditReport',
        tags: ['audit'],
        summary: 'Run every voluntariness and integrity check now and return the report',
        security: SIGNED_IN,
        response: { 200: auditReport },
      },
    },
    async () => {
      const report = await verifyDatabase(database, {
        publicKeyPem: auditKey.publicKeyPem,
        sealEveryMs: auditKey.sealEveryMs,
        witnessFile: auditKey.witness?.file ?? null,
        pseudonym: auditKey.pseudonym,
      });
      return { ...report, catalogue: [...report.catalogue] };
    },
  );

  r.get(
    '/audit/offers/:offerId/consent-trail',
    {
      preHandler: [authenticated, auditorOnly],
      schema: {
        operationId: 'getConsentTrail',
        tags: ['audit'],
        summary: 'The consent trail of an offer: who did what, when and how; no personal fields, citizens by pseudonym',
        description:
          'A citizen is named by a keyed pseudonym (`borger-` and 12 hex digits, stable within this installation), never by their id or journey stream id. Staff are named by their staff id: they act in office.',
        security: SIGNED_IN,
        params: z.object({ offerId: z.string().min(1).max(100) }).strict(),
        response: {
          200: z.object({
            offerId: z.string(),
            trail: z.array(
              z.object({
                position: z.number(),
                type: z.string(),
                citizen: z.string().nullable().describe('The pseudonym of the citizen whose journey holds the event'),
                at: z.string(),
                by: z.object({ id: z.string(), role: z.string() }).describe("Who acted: a citizen by pseudonym, staff by staff id"),
                how: stored(consentMethodSchema.nullable()).describe('How the citizen answered: the method, and the staff member and held conversation it names; never the words said'),
                receiptId: z.string().nullable(),
              }),
            ),
          }),
        },
        problems: { 404: ['offer_not_found'] },
      },
    },
    async (request) => {
      const rows = await consentTrailEvents(database.db, request.params.offerId);
      if (rows.length === 0) throw new NotFound('offer_not_found', 'no such offer in the log', { offerId: request.params.offerId });
      const citizens = new Set(rows.map((row) => citizenOf(row.streamId, row.data)).filter((c): c is string => c !== null));
      // A citizen by pseudonym — as the actor, and wherever their id would otherwise show; staff by staff id.
      const named = (id: unknown, role: unknown) => (typeof id === 'string' && (role === 'citizen' || citizens.has(id)) ? auditKey.pseudonym(id) : String(id ?? ''));
      return {
        offerId: request.params.offerId,
        trail: rows.map((row) => {
          const citizen = citizenOf(row.streamId, row.data);
          const consent = row.data.consent;
          return {
            position: row.position,
            type: row.type,
            citizen: citizen === null ? null : auditKey.pseudonym(citizen),
            at: String(row.metadata.occurredAt ?? ''),
            by: { id: named(row.metadata.actor?.id, row.metadata.actor?.role), role: String(row.metadata.actor?.role ?? '') },
            // How: the consent method and the held session it names; never the words said.
            how: consent && typeof consent === 'object' ? pseudonymised(consent, citizens, auditKey.pseudonym) : (consent ?? null),
            receiptId: typeof row.data.receipt?.receiptId === 'string' ? row.data.receipt.receiptId : null,
          };
        }),
      };
    },
  );

  r.get(
    '/audit/public-key',
    {
      schema: {
        operationId: 'getAuditPublicKey',
        tags: ['audit'],
        summary: 'The Ed25519 public key that signs tree heads (public)',
        security: PUBLIC,
        response: { 200: z.object({ algorithm: z.literal('Ed25519'), keyId: z.string(), publicKeyPem: z.string().describe('SPKI, PEM') }).meta({ id: 'AuditPublicKey' }) },
      },
    },
    async () => ({ algorithm: 'Ed25519' as const, keyId: auditKey.keyId, publicKeyPem: auditKey.publicKeyPem }),
  );

  r.get(
    '/audit/tree-heads',
    {
      preHandler: [authenticated, auditorOnly],
      schema: { operationId: 'listTreeHeads', tags: ['audit'], summary: 'Every signed tree head, oldest first', security: SIGNED_IN, response: { 200: z.object({ treeHeads: z.array(treeHead) }) } },
    },
    async () => {
      const heads = await signedTreeHeads(database.db);
      return {
        treeHeads: heads.map((h) => ({
          treeSize: h.treeSize,
          rootHash: hex(h.rootHash),
          timestamp: h.signedAt.toISOString(),
          keyId: h.keyId,
          signature: h.signature.toString('base64'),
        })),
      };
    },
  );

  r.get(
    '/audit/proofs/inclusion',
    {
      preHandler: [authenticated, auditorOnly],
      schema: {
        operationId: 'getInclusionProof',
        tags: ['audit'],
        summary: 'RFC 9162 §2.1.3 inclusion proof: the event at a global position is leaf m of the tree of size n',
        security: SIGNED_IN,
        querystring: z.object({ position: count, treeSize: count }).strict(),
        response: { 200: inclusion },
        problems: { 400: ['invalid_value'], 404: ['not_sealed', 'tree_too_small'] },
      },
    },
    async (request) => {
      const { position, treeSize } = request.query;
      const leaf = await leafAtPosition(database.db, position);
      if (!leaf) throw new NotFound('not_sealed', 'no sealed event at that position (yet)', { position });
      const index = leaf.leafIndex;
      if (index >= treeSize) throw new InvalidValue('treeSize', 'the event is not in a tree that small');
      const proof = inclusionProof(index, await leaves(treeSize));
      return { position, eventId: leaf.eventId, leafIndex: index, treeSize, leafHash: hex(leaf.leafHash), proof: proof.map(hex) };
    },
  );

  r.get(
    '/audit/proofs/consistency',
    {
      preHandler: [authenticated, auditorOnly],
      schema: {
        operationId: 'getConsistencyProof',
        tags: ['audit'],
        summary: 'RFC 9162 §2.1.4 consistency proof: the tree of size `to` extends the tree of size `from`',
        security: SIGNED_IN,
        querystring: z.object({ from: count, to: count }).strict(),
        response: { 200: consistency },
        problems: { 400: ['invalid_value'], 404: ['tree_too_small'] },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (from > to) throw new InvalidValue('from', 'must not exceed to');
      return { from, to, proof: consistencyProof(from, await leaves(to)).map(hex) };
    },
  );
};
