/**
 * The bytes of board documents in PostgreSQL (`board_document_contents`, migration 0028): by
 * their SHA-256, inserted once. Reading checks the digest again, so bytes altered in the table
 * are never served as the document the log names.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DocumentContents } from '../commands/board-records.js';
import type { Database } from './connect.js';

export class DocumentAltered extends Error {
  constructor(readonly sha256: string) {
    super('the stored bytes of a document no longer match its SHA-256');
  }
}

export function documentContents(database: Database): DocumentContents {
  return {
    async put(sha256, content) {
      await sql`insert into board_document_contents (sha256, content, size) values (${sha256}, ${content}, ${content.length}) on conflict (sha256) do nothing`.execute(database.db);
    },
    async get(sha256) {
      const { rows } = await sql<{ content: Buffer }>`select content from board_document_contents where sha256 = ${sha256}`.execute(database.db);
      const content = rows[0]?.content;
      if (!content) return null;
      if (createHash('sha256').update(content).digest('hex') !== sha256) throw new DocumentAltered(sha256);
      return content;
    },
  };
}
