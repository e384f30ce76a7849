/**
 * What an auditor hands the verifier: the published public key and the tree heads they kept.
 * A file that is missing or not what it should be is an AuditInputError with one line that says
 * which file and why, never quoting the file's content.
 */
import { createPublicKey } from 'node:crypto';
import fs from 'node:fs/promises';
import { keyIdOf } from './signing.js';
import type { TreeHead } from './verify.js';

export class AuditInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditInputError';
  }
}

export async function readInputFile(file: string, what: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : code === 'EACCES' ? 'not readable' : (code ?? 'unreadable');
    throw new AuditInputError(`${what} ${file}: ${why}`);
  }
}

/**
 * The public key heads are checked against: a PEM (SPKI, or an Ed25519 key in any PEM
 * createPublicKey reads), or exactly what `GET /audit/public-key` serves
 * ({algorithm, keyId, publicKeyPem}), whose key id must then be the key's own.
 */
export function publicKeyFrom(text: string, what: string): string {
  let pem = text;
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let served: { algorithm?: unknown; keyId?: unknown; publicKeyPem?: unknown };
    try {
      served = JSON.parse(trimmed);
    } catch {
      throw new AuditInputError(`${what}: neither a PEM nor the JSON GET /audit/public-key serves`);
    }
    if (typeof served?.publicKeyPem !== 'string') throw new AuditInputError(`${what}: the JSON has no publicKeyPem`);
    if (served.algorithm !== undefined && served.algorithm !== 'Ed25519') throw new AuditInputError(`${what}: the algorithm is not Ed25519`);
    pem = served.publicKeyPem;
    if (typeof served.keyId === 'string') {
      const key = parseKey(pem, what);
      if (keyIdOf(key) !== served.keyId) throw new AuditInputError(`${what}: the key id ${served.keyId} is not the id of the key given with it`);
    }
  }
  const key = parseKey(pem, what);
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

function parseKey(pem: string, what: string) {
  if (!pem.includes('-----BEGIN')) throw new AuditInputError(`${what}: neither a PEM nor the JSON GET /audit/public-key serves`);
  let key;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new AuditInputError(`${what}: not a readable public key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AuditInputError(`${what}: not an Ed25519 key`);
  return key;
}

export async function readPublicKey(file: string): Promise<string> {
  return publicKeyFrom(await readInputFile(file, '--public-key'), `--public-key ${file}`);
}

const isHead = (h: unknown): h is TreeHead => {
  const x = h as Partial<TreeHead> | null;
  return (
    x !== null &&
    typeof x === 'object' &&
    Number.isSafeInteger(x.treeSize) &&
    x.treeSize! >= 1 &&
    typeof x.rootHash === 'string' &&
    /^[0-9a-f]{64}$/.test(x.rootHash) &&
    typeof x.timestamp === 'string' &&
    typeof x.signature === 'string' &&
    /^[A-Za-z0-9+/]+={0,2}$/.test(x.signature)
  );
};

/**
 * Tree heads an auditor kept: one head (a JSON object), a JSON array of heads (an old bundle's
 * tree-heads.json), what `GET /audit/tree-heads` serves ({treeHeads: […]}), or JSON Lines of heads
 * (the witness file; a last line cut short by a crash is ignored).
 */
export function trustedHeadsFrom(text: string, file: string): TreeHead[] {
  const what = `--trusted-head ${file}`;
  let heads: unknown[];
  let whole: unknown;
  let isJson = true;
  try {
    whole = JSON.parse(text);
  } catch {
    isJson = false;
  }
  if (isJson) {
    if (Array.isArray(whole)) heads = whole;
    else if (whole !== null && typeof whole === 'object' && Array.isArray((whole as { treeHeads?: unknown }).treeHeads)) heads = (whole as { treeHeads: unknown[] }).treeHeads;
    else heads = [whole];
  } else {
    const lines = text.split('\n');
    if (!text.endsWith('\n')) lines.pop(); // a last line cut short
    heads = [];
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue;
      try {
        heads.push(JSON.parse(line));
      } catch {
        throw new AuditInputError(`${what}: line ${i + 1} is not JSON (a head, an array of heads, {treeHeads}, or one head a line)`);
      }
    }
  }
  if (heads.length === 0) throw new AuditInputError(`${what}: holds no tree head`);
  heads.forEach((h, i) => {
    if (!isHead(h)) throw new AuditInputError(`${what}: head ${i + 1} is not a signed tree head (treeSize, rootHash in hex, timestamp, signature in base64)`);
  });
  return (heads as TreeHead[]).map((h) => ({ treeSize: h.treeSize, rootHash: h.rootHash, timestamp: h.timestamp, signature: h.signature }));
}

export async function readTrustedHeads(file: string): Promise<TreeHead[]> {
  return trustedHeadsFrom(await readInputFile(file, '--trusted-head'), file);
}
