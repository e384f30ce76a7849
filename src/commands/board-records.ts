/**
 * The board's two processes around things kept outside its stream: members' published names,
 * each sealed under a key of its own (withdrawing or replacing a name erases that key), and the
 * bytes of documents attached to meetings, stored by their SHA-256 before the log names them.
 *
 * Each process appends through the handler first, so that nobody who may not act erases a key or
 * stores a byte; only then does it touch the vault or the store, in a way a retry repeats safely.
 */
import { createHash } from 'node:crypto';
import { type BoardEvent, boardNameSubject, boardStreamId, evolve, initialState } from '../domain/board/board.js';
import { type AttachDocument, boardDecider, DOCUMENT_MAX_BYTES, publishedNameOf, type PublishMemberName, type WithdrawMemberName } from '../domain/board/decide.js';
import { InvalidValue } from '../domain/shared/errors.js';
import type { EventStore } from '../eventstore/port.js';
import type { PersonalData } from '../privacy/sealed.js';
import type { CommandContext, CommandHandler, CommandResult } from './handler.js';

/** Where the bytes of board documents are kept: by their SHA-256, inserted once, never changed. */
export interface DocumentContents {
  /** Stores the bytes under their digest (the same bytes again change nothing). */
  put(sha256: string, content: Buffer): Promise<void>;
  /** The bytes stored under a digest, or null. */
  get(sha256: string): Promise<Buffer | null>;
}

export interface BoardRecordsDeps {
  store: EventStore;
  handler: CommandHandler;
  vault: PersonalData;
  contents: DocumentContents;
}

type Envelope = { now: string; principal: PublishMemberName['principal'] };

export interface BoardRecords {
  publishName(command: Envelope & { data: PublishMemberName['data'] }, context: CommandContext): Promise<CommandResult>;
  withdrawName(command: Envelope & { data: WithdrawMemberName['data'] }, context: CommandContext): Promise<CommandResult>;
  /** Stores the document's bytes and attaches them; the answer names their digest. */
  attachDocument(
    command: Envelope & { data: Omit<AttachDocument['data'], 'sha256' | 'size'> },
    content: Buffer,
    context: CommandContext,
  ): Promise<CommandResult & { sha256: string }>;
  /** A document's bytes by their digest (null: none stored); throws if the stored bytes no longer match it. */
  contentOf(sha256: string): Promise<Buffer | null>;
}

export function boardRecords(deps: BoardRecordsDeps): BoardRecords {
  /**
   * Erases the key of every name the member published that is not their name now: the ones they
   * replaced or withdrew. Run after each name command, whatever it answered (a retry too): it never
   * touches the live name, and a crash between an append and the erasure is mended by the retry.
   */
  const eraseOldNames = async (centreId: string, memberId: string) => {
    const recorded = await deps.store.readStream(boardStreamId(centreId));
    const state = recorded.reduce((s, e) => evolve(s, { type: e.type, data: e.data } as BoardEvent), initialState);
    const live = publishedNameOf(state, memberId);
    const published = recorded.flatMap((e) => {
      const data = e.data as { memberId?: unknown; nameId?: unknown };
      return e.type === 'MemberNamePublished' && data.memberId === memberId && typeof data.nameId === 'string' ? [data.nameId] : [];
    });
    for (const nameId of new Set(published)) if (nameId !== live) await deps.vault.erase(boardNameSubject(nameId));
  };
  return {
    async publishName(input, context) {
      const result = await deps.handler.handle(boardDecider, { type: 'PublishMemberName', ...input } satisfies PublishMemberName, context);
      await eraseOldNames(input.data.centreId, input.principal.id);
      return result;
    },
    async withdrawName(input, context) {
      const result = await deps.handler.handle(boardDecider, { type: 'WithdrawMemberName', ...input } satisfies WithdrawMemberName, context);
      await eraseOldNames(input.data.centreId, input.data.memberId);
      return result;
    },
    async attachDocument(input, content, context) {
      if (content.length === 0 || content.length > DOCUMENT_MAX_BYTES) throw new InvalidValue('content', `1 to ${DOCUMENT_MAX_BYTES} bytes`);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const command: AttachDocument = { type: 'AttachDocument', ...input, data: { ...input.data, sha256, size: content.length } };
      // The log's word first, then the bytes: a refused command (by the decider, or a key reused for
      // another request) stores nothing. A retry with the same key carries the same bytes (its
      // fingerprint holds them) and stores them if a crash came between.
      const result = await deps.handler.handle(boardDecider, command, context);
      await deps.contents.put(sha256, content);
      return { ...result, sha256 };
    },
    contentOf: (sha256) => deps.contents.get(sha256),
  };
}
