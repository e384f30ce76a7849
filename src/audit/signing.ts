/**
 * The key that signs tree heads (Ed25519). From AUDIT_SIGNING_KEY (a PKCS#8 PEM) or a key file in
 * the data dir, made on first use. The public key is published so that anyone can check a head.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { jcs } from './canonical.js';

export interface AuditKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

export async function loadAuditKey(dataDir: string, pem?: string): Promise<AuditKey> {
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
  return { keyId: keyIdOf(publicKey), privateKey, publicKey, publicKeyPem };
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
