/**
 * A board member's published name (`/bestyrelse/mit-navn`) and a meeting's documents
 * (`/bestyrelse/moeder/:id/bilag`, each downloadable at `/bestyrelse/dokumenter/:id`), on the
 * processes the API's routes use (src/commands/board-records.ts): the same derived ids, so a
 * double submit records once; a name replaced or withdrawn is erased; a document's bytes are
 * stored by their SHA-256 only for someone who may attach it.
 *
 * The attach form is the web's one file upload: multipart only on that route, read into memory
 * up to the document's largest size (anything longer is refused at the field, nothing stored).
 */
import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DOCUMENT_MAX_BYTES } from '../../domain/board/decide.js';
import { derivedId } from '../../ids.js';
import type { BoardView, MeetingView } from '../../projections/board/queries.js';
import { badRequestPage, notFoundPage } from '../pages/errors.js';
import { keepsRecord } from '../pages/board-kit.js';
import { documentsPage, type FormState, myNamePage, readDocument, readName } from '../pages/board-records.js';
import { seeOther, sendPage, visit } from '../request.js';
import { boardKit, type Member, now, refused } from './board.js';
import { fieldOf, hide, isUuid, queryOf, refusedBy, textOf, type WebArea, type WebOptions } from './shared.js';

/** A file as the attach form's one file field brings it: its declared type and its bytes (cut at the limit, and then said so). */
interface Upload {
  mimetype: string;
  bytes: Buffer;
  truncated: boolean;
}
/** What busboy says of a body that is not a well-formed multipart form. */
const MULTIPART_FAULT = /multipart|boundary|unexpected end of form|part header|malformed/i;
const isUpload = (value: unknown): value is Upload => typeof value === 'object' && value !== null && Buffer.isBuffer((value as Upload).bytes);

export const boardRecordsArea: WebArea = {
  segments: ['bestyrelse'],
  async register(app: FastifyInstance, options: WebOptions) {
    const { boardRecords } = options.commands;
    const { asMember, okOf, contextOf, insiderBoard } = boardKit(options);

    // ---- The member's published name ----

    const sitsOn = (board: BoardView | null, id: string) => board !== null && board.seats.some((s) => s.memberId === id || s.deputyId === id);
    async function showName(reply: FastifyReply, member: Member, status: number, ok?: 'published' | 'withdrawn', form?: FormState) {
      const board = await insiderBoard(member);
      const id = member.principal.id;
      const name = board && Object.hasOwn(board.names, id) ? board.names[id]! : null;
      return sendPage(reply, status, myNamePage(member.context, { name, sits: sitsOn(board, id), ...(ok ? { ok } : {}), ...(form ? { form } : {}) }));
    }
    app.get('/bestyrelse/mit-navn', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const ok = okOf(request);
      return showName(reply, member, 200, ok === 'published' || ok === 'withdrawn' ? ok : undefined);
    });
    app.post('/bestyrelse/mit-navn', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const { lang } = member.context;
      const values = { name: textOf(request.body, 'name') ?? '' };
      const read = readName(lang, textOf(request.body, 'name'));
      if (!read.ok) return showName(reply, member, 400, undefined, { values, errors: read.errors });
      const context = contextOf(request, { name: read.value });
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      // As PUT /centres/:centreId/board/my-name: the name's key derived from the command id.
      const data = { centreId: member.centreId, nameId: derivedId(context.commandId, 'nameId'), name: read.value };
      const answered = await refusedBy(
        () => boardRecords.publishName({ now: now(), principal: member.principal, data }, context),
        (error, status) => showName(reply, member, status, undefined, { values, errors: [refused(lang, error, 'name')] }),
      );
      return answered ?? seeOther(reply, '/bestyrelse/mit-navn?ok=published');
    });
    app.post('/bestyrelse/mit-navn/tilbagetraek', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const context = contextOf(request, {});
      if (!context) return sendPage(reply, 400, badRequestPage(member.context));
      const answered = await refusedBy(
        () => boardRecords.withdrawName({ now: now(), principal: member.principal, data: { centreId: member.centreId, memberId: member.principal.id } }, context),
        (error, status) => showName(reply, member, status, undefined, { values: {}, errors: [refused(member.context.lang, error, 'name')] }),
      );
      return answered ?? seeOther(reply, '/bestyrelse/mit-navn?ok=withdrawn');
    });

    // ---- A meeting's documents ----

    /** The member's own centre's meeting the path names, or null (answered with a 404 page). */
    async function meetingOf(request: FastifyRequest, reply: FastifyReply, member: Member): Promise<{ board: BoardView; meeting: MeetingView } | null> {
      const meetingId = textOf(request.params, 'meetingId');
      const board = await insiderBoard(member);
      const meeting = isUuid(meetingId) ? board?.meetings.find((m) => m.meetingId === meetingId) : undefined;
      if (!board || !meeting) {
        sendPage(reply, 404, notFoundPage(member.context));
        return null;
      }
      return { board, meeting };
    }
    const showDocuments = (reply: FastifyReply, member: Member, found: { board: BoardView; meeting: MeetingView }, status: number, extra: { attached?: string; form?: FormState } = {}) =>
      sendPage(reply, status, documentsPage(member.context, { ...found, keepsRecord: keepsRecord(found.board, member.principal.id), ...extra }));

    app.get('/bestyrelse/moeder/:meetingId/bilag', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const found = await meetingOf(request, reply, member);
      if (!found) return reply;
      const sha = queryOf(request, 'sha256');
      return showDocuments(reply, member, found, 200, sha && /^[0-9a-f]{64}$/.test(sha) ? { attached: sha } : {});
    });

    await app.register(async (upload) => {
      // Only a signed-in board member's upload is read at all: the session is checked before the body.
      upload.addHook('onRequest', async (request, reply) => {
        if (!(await asMember(request, reply))) return reply;
      });
      // A body that is no multipart form (no boundary, cut short) is the sender's mistake: a 400 page.
      upload.setErrorHandler(async (error: FastifyError, request, reply) => {
        const status = typeof error.statusCode === 'number' ? error.statusCode : null;
        if ((status !== null && status >= 400 && status < 500) || (status === null && MULTIPART_FAULT.test(error.message))) {
          return sendPage(reply, status === 413 ? 413 : 400, badRequestPage((await visit(request, reply, options.sessionKey)).context));
        }
        throw error;
      });
      await upload.register(multipart, {
        attachFieldsToBody: 'keyValues',
        throwFileSizeLimit: false,
        limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
        // The file's bytes with its declared type, so that the form can say what is wrong with it.
        onFile: async (part) => {
          const bytes = await part.toBuffer();
          (part as unknown as { value: Upload }).value = { mimetype: part.mimetype, bytes, truncated: part.file.truncated };
        },
      });
      upload.post('/bestyrelse/moeder/:meetingId/bilag', { ...hide, bodyLimit: DOCUMENT_MAX_BYTES + 256 * 1024 }, async (request, reply) => {
        const member = await asMember(request, reply);
        if (!member) return reply;
        const found = await meetingOf(request, reply, member);
        if (!found) return reply;
        const { lang } = member.context;
        const f = (name: string) => textOf(request.body, name);
        const values = { title: f('title') ?? '', item: f('item') ?? '', published: f('published') ?? '' };
        const content = fieldOf(request.body, 'content');
        const file = isUpload(content) ? { mediaType: content.mimetype, bytes: content.truncated ? DOCUMENT_MAX_BYTES + 1 : content.bytes.length } : null;
        const read = readDocument(lang, found.meeting, f, file);
        if (!read.ok || !isUpload(content)) return showDocuments(reply, member, found, 400, { form: { values, errors: read.ok ? [] : read.errors } });
        // The request's fingerprint holds the file's digest, not its bytes.
        const context = contextOf(request, { ...values, content: createHash('sha256').update(content.bytes).digest('hex') });
        if (!context) return sendPage(reply, 400, badRequestPage(member.context));
        const { title, item, published, mediaType } = read.value;
        const data = { centreId: member.centreId, meetingId: found.meeting.meetingId, item, documentId: derivedId(context.commandId, 'documentId'), title, mediaType, published };
        let sha256 = '';
        const answered = await refusedBy(
          async () => {
            sha256 = (await boardRecords.attachDocument({ now: now(), principal: member.principal, data }, content.bytes, context)).sha256;
          },
          (error, status) => showDocuments(reply, member, found, status, { form: { values, errors: [refused(lang, error, error.kind === 'forbidden' || error.code === 'minutes_signed' ? 'attach-status' : 'content', (field) => (field === 'title' || field === 'item' ? field : 'content'))] } }),
        );
        return answered ?? seeOther(reply, `/bestyrelse/moeder/${found.meeting.meetingId}/bilag?sha256=${sha256}`);
      });
    });

    app.get('/bestyrelse/dokumenter/:documentId', hide, async (request, reply) => {
      const member = await asMember(request, reply);
      if (!member) return reply;
      const documentId = textOf(request.params, 'documentId');
      const board = await insiderBoard(member);
      const document = isUuid(documentId) ? board?.meetings.flatMap((m) => Object.values(m.documents)).find((d) => d.documentId === documentId) : undefined;
      const content = document ? await boardRecords.contentOf(document.sha256) : null;
      if (!document || !content) return sendPage(reply, 404, notFoundPage(member.context));
      return reply
        .type(document.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(document.title)}`)
        .header('x-content-type-options', 'nosniff')
        .header('repr-digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`)
        .send(content);
    });
  },
};
