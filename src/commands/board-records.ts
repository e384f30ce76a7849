/**
 * The board's two processes around things kept outside its stream: members' published names,
 * each sealed under a key of its own (withdrawing or replacing a name erases that key), and the
 * bytes of documents attached to meetings, stored by their SHA-256 before the log names them.
 *
 * Each process first runs the decider on the board as it stands, so that nobody who may not act
 * erases a key or stores a byte; only then does it touch the vault or the store, and then appends
 * through the handler (which decides again, against the stream as it is then).
 */
import { createHash } from 'node:crypto';
import { boardNameSubject, boardStreamId } from '../domain/board/board.js';
import { type AttachDocument, boardDecider, type BoardCommand, DOCUMENT_MAX_BYTES, publishedNameOf, type PublishMemberName, type WithdrawMemberName } from '../domain/board/decide.js';
import { DomainError, InvalidValue } from '../domain/shared/errors.js';
import type { EventStore } from '../eventstore/port.js';
import type { PersonalData } from '../privacy/sealed.js';
import { type CommandContext, type CommandHandler, type CommandResult, loadState } from './handler.js';

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
   * The decider's answer on the board as it stands now; `refused` if it refuses. A refused command
   * touches nothing and goes on to the handler, which answers a retry its first result and anyone
   * else the refusal.
   */
  const dryRun = async (command: BoardCommand) => {
    const { state } = await loadState(deps.store, boardDecider, boardStreamId(command.data.centreId));
    try {
      return { state, events: boardDecider.decide(command, state), refused: false };
    } catch (error) {
      if (error instanceof DomainError) return { state, events: [], refused: true };
      throw error;
    }
  };
  return {
    async publishName(input, context) {
      const command: PublishMemberName = { type: 'PublishMemberName', ...input };
      const { state, events } = await dryRun(command);
      // A name replaced is erased: the earlier spelling is not kept readable in the log.
      const earlier = publishedNameOf(state, input.principal.id);
      const result = await deps.handler.handle(boardDecider, command, context);
      if (events.length > 0 && earlier !== null && earlier !== input.data.nameId) await deps.vault.erase(boardNameSubject(earlier));
      return result;
    },
    async withdrawName(input, context) {
      const command: WithdrawMemberName = { type: 'WithdrawMemberName', ...input };
      const { events } = await dryRun(command);
      // The key goes first: once the member asked, the name is unreadable even if the append fails
      // (a retry then appends the withdrawal, which the decider still finds due).
      for (const e of events) if (e.type === 'MemberNameWithdrawn') await deps.vault.erase(boardNameSubject(e.data.nameId));
      return deps.handler.handle(boardDecider, command, context);
    },
    async attachDocument(input, content, context) {
      if (content.length === 0 || content.length > DOCUMENT_MAX_BYTES) throw new InvalidValue('content', `1 to ${DOCUMENT_MAX_BYTES} bytes`);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const command: AttachDocument = { type: 'AttachDocument', ...input, data: { ...input.data, sha256, size: content.length } };
      // Only someone who may attach it stores a byte; then the bytes, then the log's word for them.
      if (!(await dryRun(command)).refused) await deps.contents.put(sha256, content);
      return { ...(await deps.handler.handle(boardDecider, command, context)), sha256 };
    },
    contentOf: (sha256) => deps.contents.get(sha256),
  };
}
