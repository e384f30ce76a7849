/**
 * The key that signs tree heads (Ed25519). From AUDIT_SIGNING_KEY (a PKCS#8 PEM) or a key file in
 * the data dir, made on first use. The public key is published so that anyone can check a head.
 *
 * It comes with what signing with it needs around it: the witness (the heads it signed, kept
 * outside the database, that every new head must extend), the keyed pseudonyms auditor outputs
 * name citizens by, and how often heads are signed (for the verifier's coverage rule).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadMasterKey, type MasterKey } from '../privacy/vault.js';
import { jcs } from './canonical.js';
import { type Pseudonymiser, pseudonymiser, pseudonymKeyOf } from './pseudonym.js';
import { Witness } from './witness.js';

export interface AuditKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  /** Every head signed with this key, outside the database (null: none kept). */
  witness: Witness | null;
  /** Names a citizen in auditor outputs. */
  pseudonym: Pseudonymiser;
  /** AUDIT_SEAL_EVERY_MS: how long the newest events may wait for a signed head. */
  sealEveryMs: number;
}

export interface AuditKeyOptions {
  /** The witness file (default `<data dir>/audit-witness.jsonl`; null keeps none). */
  witnessFile?: string | null;
  /** The master key the pseudonym key is derived from (default: the data dir's). */
  masterKey?: MasterKey;
  sealEveryMs?: number;
}

export async function loadAuditKey(dataDir: string, pem?: string, options: AuditKeyOptions = {}): Promise<AuditKey> {
  let privatePem = pem;
  if (!privatePem) {
    const file = path.join(dataDir, 'keys', 'audit-signing.pem');
    try {
      privatePem = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const { privateKey } = generateKeyPairSync('ed25519');
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      try {
        await fs.writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      } catch (raced) {
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      }
      privatePem = await fs.readFile(file, 'utf8');
    }
  }
  const privateKey = createPrivateKey(privatePem);
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const witnessFile = options.witnessFile === undefined ? path.join(dataDir, 'audit-witness.jsonl') : options.witnessFile;
  const master = options.masterKey ?? (await loadMasterKey(dataDir));
  return {
    keyId: keyIdOf(publicKey),
    privateKey,
    publicKey,
    publicKeyPem,
    witness: witnessFile === null ? null : new Witness(path.resolve(witnessFile)),
    pseudonym: pseudonymiser(pseudonymKeyOf(master.key)),
    sealEveryMs: options.sealEveryMs ?? 60_000,
  };
}

/** A public key's id: the first 16 hex digits of SHA-256 of its SPKI DER form, as `GET /audit/public-key` shows it. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** What a tree head's signature covers: the RFC 8785 form of {rootHash (hex), timestamp, treeSize}. */
export function treeHeadMessage(head: { treeSize: number; rootHash: Buffer; timestamp: string }): Buffer {
  return Buffer.from(jcs({ rootHash: head.rootHash.toString('hex'), timestamp: head.timestamp, treeSize: head.treeSize }));
}

export function signTreeHead(key: AuditKey, head: { treeSize: number; rootHash: Buffer; timestamp: string }): Buffer {
  return sign(null, treeHeadMessage(head), key.privateKey);
}

export function verifyTreeHead(publicKey: KeyObject, head: { treeSize: number; rootHash: Buffer; timestamp: string }, signature: Buffer): boolean {
  return verify(null, treeHeadMessage(head), publicKey, signature);
}
