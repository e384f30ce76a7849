/**
 * The auditor's pages, under /revision: run the verification (one run at a time per server, its
 * progress shown while it reads a large log, then its report), the signed tree heads, an offer's
 * consent trail and the export bundle — for auditors only; and the public page with the audit key
 * and how anyone can verify the log without Virkelyst.
 *
 * They read what the API's audit routes read (src/audit/: the verifier, its queries, the bundle)
 * and show it in the reader's language; nothing here writes to the log. Like the API's outputs,
 * they never show personal data: citizens by keyed pseudonym, staff by staff id.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exportBundle } from '../../audit/bundle.js';
import { databaseVerification, VerificationJobs, verifierChecks } from '../../audit/jobs.js';
import { citizenOf, type Pseudonymiser } from '../../audit/pseudonym.js';
import { consentTrailEvents, signedTreeHeads, type TrailEvent } from '../../audit/queries.js';
import { type AuditKey, verifyTreeHead } from '../../audit/signing.js';
import { badRequestPage, notFoundPage, unavailablePage } from '../pages/errors.js';
import {
  auditHomePage,
  consentTrailPage,
  KEY_FILE_NAME,
  noRunPage,
  offerIdErrors,
  offerNotFound,
  type PublishedKey,
  publicKeyPage,
  runPage,
  type TrailStep,
  treeHeadsPage,
  type TreeHeadRow,
  runPath,
} from '../pages/auditor.js';
import { BUNDLE_CONTENT_TYPE, bundleName, gzippedTar } from '../pages/auditor-bundle.js';
import { seeOther, sendPage, visit } from '../request.js';
import { asRole, fieldOf, hide, isUuid, type WebArea, type WebOptions } from './shared.js';

/** Tree heads a page shows. */
const HEADS_PER_PAGE = 50;
/** How long the first look at a verification just started waits for it to finish before showing its progress. */
const WAIT_FOR_RUN_MS = 1_500;

const pageNumber = z
  .string()
  .regex(/^[1-9][0-9]{0,6}$/)
  .transform(Number);

/** The server's audit key: the one the API's audit routes use (buildApp hands it to the web too). */
const auditKeyOf = (options: WebOptions): AuditKey => options.auditKey;

/** A value with every string that is a citizen's id replaced by their pseudonym (as the API's consent trail). */
function pseudonymised(value: unknown, citizens: ReadonlySet<string>, pseudonym: Pseudonymiser): unknown {
  if (typeof value === 'string') return citizens.has(value) ? pseudonym(value) : value;
  if (Array.isArray(value)) return value.map((v) => pseudonymised(v, citizens, pseudonym));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pseudonymised(v, citizens, pseudonym)]));
  return value;
}

/**
 * An offer's consent trail exactly as `GET /audit/offers/:offerId/consent-trail` gives it: a
 * citizen by pseudonym (as the actor, and wherever their id would otherwise show), staff by staff
 * id, how the citizen answered and never the words said.
 */
export function consentTrailOf(rows: readonly TrailEvent[], pseudonym: Pseudonymiser): TrailStep[] {
  const citizens = new Set(rows.map((row) => citizenOf(row.streamId, row.data)).filter((c): c is string => c !== null));
  const named = (id: unknown, role: unknown) => (typeof id === 'string' && (role === 'citizen' || citizens.has(id)) ? pseudonym(id) : String(id ?? ''));
  return rows.map((row) => {
    const citizen = citizenOf(row.streamId, row.data);
    const consent = row.data.consent;
    return {
      position: row.position,
      type: row.type,
      citizen: citizen === null ? null : pseudonym(citizen),
      at: String(row.metadata.occurredAt ?? ''),
      by: { id: named(row.metadata.actor?.id, row.metadata.actor?.role), role: String(row.metadata.actor?.role ?? '') },
      how: consent && typeof consent === 'object' ? pseudonymised(consent, citizens, pseudonym) : (consent ?? null),
      receiptId: typeof row.data.receipt?.receiptId === 'string' ? row.data.receipt.receiptId : null,
    };
  });
}

/** The key as `GET /audit/public-key` gives it, with the SHA-256 fingerprint of its DER form. */
export function publishedKeyOf(key: AuditKey): PublishedKey {
  const fingerprint = createHash('sha256').update(key.publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
  return { algorithm: 'Ed25519', keyId: key.keyId, publicKeyPem: key.publicKeyPem, fingerprint };
}

export const auditorArea: WebArea = {
  segments: ['revision'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, sessionKey } = options;
    const db = database.db;
    const key = () => auditKeyOf(options);
    // The runs of this server: made at first use, then one for the app's life.
    let jobs: VerificationJobs | null = null;
    const jobsOf = () =>
      (jobs ??= new VerificationJobs(databaseVerification(database, key()), {
        onFailure: (failure) => app.log.warn({ audit: { failure } }, 'a verification from the auditor pages could not run'),
      }));
    let checks: Promise<{ id: number; name: string }[]> | null = null;
    /** The verifier's checks, from the verifier itself (ids and its own names). */
    const checksOf = () => (checks ??= verifierChecks(key().publicKeyPem));

    const asAuditor = (request: FastifyRequest, reply: FastifyReply) => asRole(request, reply, sessionKey, ['auditor']);

    app.get('/revision', hide, async (request, reply) => {
      const me = await asAuditor(request, reply);
      if (!me) return reply;
      return sendPage(reply, 200, auditHomePage(me.context, jobsOf().latest(), await checksOf()));
    });

    // Starts the verification, or joins the one under way: a second press never starts a second run.
    app.post('/revision/kontrol', hide, async (request, reply) => {
      const me = await asAuditor(request, reply);
      if (!me) return reply;
      const { run, started } = jobsOf().start();
      request.log.info({ audit: { run: run.id, started } }, started ? 'a verification was started from the auditor pages' : 'a verification under way was joined');
      return seeOther(reply, `${runPath(run.id)}?startet=1`);
    });

    app.get('/revision/kontrol/:id', hide, async (request, reply) => {
      const me = await asAuditor(request, reply);
      if (!me) return reply;
      const id = fieldOf(request.params, 'id');
      // Right after the start, wait a moment: a small log is verified in a blink, and its report comes at once.
      const justStarted = fieldOf(request.query, 'startet') === '1';
      const run = isUuid(id) ? (justStarted ? await jobsOf().waitFor(id, WAIT_FOR_RUN_MS) : jobsOf().get(id)) : null;
      return run ? sendPage(reply, 200, runPage(me.context, run)) : sendPage(reply, 404, noRunPage(me.context));
    });

    // The report as the API's GET /audit/report gives it.
    app.get('/revision/kontrol/:id/rapport.json', hide, async (request, reply) => {
      const me = await asAuditor(request, reply);
      if (!me) return reply;
      const id = fieldOf(request.params, 'id');
      const run = isUuid(id) ? jobsOf().get(id) : null;
      if (run?.status !== 'finished') return sendPage(reply, 404, noRunPage(me.context));
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="virkelyst-revisionsrapport-${run.id}.json"`)
        .send(JSON.stringify({ ...run.report, catalogue: [...run.report.catalogue] }));
    });

    app.get('/revision/traehoveder', hide, async (request, reply) => {
      const me = await asAuditor(request, reply);
      if (!me) return reply;
      const side = fieldOf(request.query, 'side');
      const number = side === undefined ? { success: true as const, data: 1 } : pageNumber.safeParse(side);
      if (!number.success) return sendPage(reply, 400, badRequestPage(me.context));
      const auditKey = key();
      const heads = (await signedTreeHeads(db)).reverse();
      const from = (number.data - 1) * HEADS_PER_PAGE;
      if (from > 0 && from >= heads.length) return sendPage(reply, 404, notFoundPage(me.context));
      const rows: TreeHeadRow[] = heads.slice(from, from + HEADS_PER_PAGE).map((h) => ({
        treeSize: h.treeSize,
        rootHash: h.rootHash.toString('hex'),
        signedAt: h.signedAt,
        keyId: h.keyId,
        signature:
          h.keyId !== auditKey.keyId
            ? 'other_key'
            : verifyTreeHead(auditKey.publicKey, { treeSize: h.treeSize, rootHash: h.rootHash, timestamp: h.signedAt.toISOString() }, h.signature)
              ? 'valid'
              : 'invalid',
      }));
      return sendPage(reply, 200, treeHeadsPage(me.context, { rows, total: heads.length, pageNumber: number.data, perPage: HEADS_PER_PAGE, keyId: auditKey.keyId }));
    });

    // A look-up (GET: it changes nothing): the form, then the trail of the offer asked for.
    app.get('/revision/samtykkespor', hide, async (request, reply) => {
      const me = await asAuditor(request, reply);
      if (!me) return reply;
      const asked = fieldOf(request.query, 'offerId');
      if (asked === undefined) return sendPage(reply, 200, consentTrailPage(me.context, undefined, null));
      if (typeof asked !== 'string') return sendPage(reply, 400, badRequestPage(me.context));
      const offerId = asked.trim();
      const errors = offerIdErrors(me.context.lang, offerId);
      if (errors.length > 0) return sendPage(reply, 400, consentTrailPage(me.context, asked, null, errors));
      const rows = await consentTrailEvents(db, offerId);
      if (rows.length === 0) return sendPage(reply, 404, consentTrailPage(me.context, offerId, null, [offerNotFound(me.context.lang)]));
      return sendPage(reply, 200, consentTrailPage(me.context, offerId, consentTrailOf(rows, key().pseudonym)));
    });

    // The bundle `virkelyst audit export` writes, as one file: a head is signed over what is sealed, and the bundle holds exactly that.
    // One at a time: each copies the log to a folder of its own, so parallel ones would copy it again and again.
    let exporting = false;
    app.get('/revision/eksportpakke', hide, async (request, reply) => {
      const me = await asAuditor(request, reply);
      if (!me) return reply;
      if (exporting) return sendPage(reply.header('retry-after', '10'), 503, unavailablePage(me.context));
      exporting = true;
      // The bundle is a confidential copy of the log (person ids as recorded): who took one is logged.
      request.log.info({ auditor: me.principal.id }, 'audit export bundle downloaded');
      let dir: string;
      try {
        dir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-export-'));
      } catch (error) {
        exporting = false;
        throw error;
      }
      const removeDir = () => {
        exporting = false;
        void fs.rm(dir, { recursive: true, force: true });
      };
      let events: number;
      try {
        ({ events } = await exportBundle(database, key(), dir));
      } catch (error) {
        removeDir();
        throw error;
      }
      const name = bundleName(events);
      return reply
        .type(BUNDLE_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="${name}.tar.gz"`)
        .send(gzippedTar(dir, name, removeDir));
    });

    // Public: the key and how to verify the log independently. No sign-in.
    app.get('/revision/noegle', hide, async (request, reply) => {
      const { context } = await visit(request, reply, sessionKey);
      return sendPage(reply, 200, publicKeyPage(context, publishedKeyOf(key()), await checksOf()));
    });
    app.get('/revision/noegle.pem', hide, async (_request, reply) =>
      reply.type('application/x-pem-file').header('content-disposition', `attachment; filename="${KEY_FILE_NAME}"`).send(key().publicKeyPem),
    );
  },
};
