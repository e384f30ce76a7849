import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { consistencyProof, inclusionProof } from '../../audit/merkle.js';
import type { AuditKey } from '../../audit/signing.js';
import type { Database } from '../../database/connect.js';
import { Forbidden, InvalidValue, NotFound } from '../../domain/shared/errors.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import { principalOf, requirePrincipal } from '../auth.js';
import { errorResponses } from '../schemas.js';

export interface AuditRoutesOptions {
  database: Database;
  verify: TokenVerifier;
  auditKey: AuditKey;
}

const hex = (b: Buffer) => b.toString('hex');
const count = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const treeHead = z.object({ treeSize: z.number(), rootHash: z.string(), timestamp: z.string(), keyId: z.string(), signature: z.string() });
const inclusion = z.object({ position: z.number(), eventId: z.string(), leafIndex: z.number(), treeSize: z.number(), leafHash: z.string(), proof: z.array(z.string()) });
const consistency = z.object({ from: z.number(), to: z.number(), proof: z.array(z.string()) });

/** The transparency log for auditors: signed tree heads, inclusion and consistency proofs. */
export const auditRoutes: FastifyPluginAsync<AuditRoutesOptions> = async (app, { database, verify, auditKey }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authenticated = requirePrincipal(verify);
  const auditorOnly = async (request: Parameters<typeof principalOf>[0]) => {
    if (principalOf(request).role !== 'auditor') throw new Forbidden('this is for auditors');
  };

  async function leaves(treeSize: number): Promise<Buffer[]> {
    const { rows } = await sql<{ leaf_hash: Buffer }>`select leaf_hash from audit_leaves where leaf_index < ${treeSize} order by leaf_index`.execute(database.db);
    if (rows.length < treeSize) throw new NotFound('tree_too_small', 'the log has not reached that size yet', { treeSize });
    return rows.map((row) => row.leaf_hash);
  }

  r.get('/audit/public-key', { schema: { tags: ['audit'], summary: 'The Ed25519 public key that signs tree heads (public)' } }, async () => ({
    algorithm: 'Ed25519',
    keyId: auditKey.keyId,
    publicKeyPem: auditKey.publicKeyPem,
  }));

  r.get(
    '/audit/tree-heads',
    { preHandler: [authenticated, auditorOnly], schema: { tags: ['audit'], summary: 'Every signed tree head, oldest first', security: [{ bearer: [] }], response: { 200: z.object({ treeHeads: z.array(treeHead) }), ...errorResponses } } },
    async () => {
      const { rows } = await sql<{ tree_size: string; root_hash: Buffer; signed_at: Date; key_id: string; signature: Buffer }>`
        select tree_size, root_hash, signed_at, key_id, signature from audit_tree_heads order by tree_size`.execute(database.db);
      return {
        treeHeads: rows.map((h) => ({
          treeSize: Number(h.tree_size),
          rootHash: hex(h.root_hash),
          timestamp: h.signed_at.toISOString(),
          keyId: h.key_id,
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
        tags: ['audit'],
        summary: 'RFC 9162 §2.1.3 inclusion proof: the event at a global position is leaf m of the tree of size n',
        security: [{ bearer: [] }],
        querystring: z.object({ position: count, treeSize: count }).strict(),
        response: { 200: inclusion, ...errorResponses },
      },
    },
    async (request) => {
      const { position, treeSize } = request.query;
      const { rows } = await sql<{ leaf_index: string; leaf_hash: Buffer; event_id: string }>`
        select leaf_index, leaf_hash, event_id from audit_leaves where global_position = ${position}`.execute(database.db);
      const leaf = rows[0];
      if (!leaf) throw new NotFound('not_sealed', 'no sealed event at that position (yet)', { position });
      const index = Number(leaf.leaf_index);
      if (index >= treeSize) throw new InvalidValue('treeSize', 'the event is not in a tree that small');
      const proof = inclusionProof(index, await leaves(treeSize));
      return { position, eventId: leaf.event_id, leafIndex: index, treeSize, leafHash: hex(leaf.leaf_hash), proof: proof.map(hex) };
    },
  );

  r.get(
    '/audit/proofs/consistency',
    {
      preHandler: [authenticated, auditorOnly],
      schema: {
        tags: ['audit'],
        summary: 'RFC 9162 §2.1.4 consistency proof: the tree of size `to` extends the tree of size `from`',
        security: [{ bearer: [] }],
        querystring: z.object({ from: count, to: count }).strict(),
        response: { 200: consistency, ...errorResponses },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (from > to) throw new InvalidValue('from', 'must not exceed to');
      return { from, to, proof: consistencyProof(from, await leaves(to)).map(hex) };
    },
  );
};
