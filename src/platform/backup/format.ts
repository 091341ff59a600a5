import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt, timingSafeEqual, type CipherGCM, type DecipherGCM } from 'node:crypto';

/**
 * The backup file, byte by byte:
 *
 *   line 1   the header, JSON: format, version, when, the schema version, and (when encrypted) the
 *            scrypt salt and parameters, the GCM nonce and a key check value. Never the key.
 *   then     the body, gzip; encrypted with AES-256-GCM (the header line is its additional
 *            authenticated data) when a passphrase was given
 *   last 16  the GCM authentication tag (encrypted files only)
 *
 * The body, once unpacked, is text: a section per table (`#table {json}` line, then the table's rows
 * exactly as COPY ... TO STDOUT writes them, then a `\.` line, which COPY's text format cannot
 * produce since it writes a backslash as `\\`), a `#sequences [json]` line, and last a `#manifest
 * {json}` line: every table's row count and SHA-256, the sequences, the audit chain's head and the
 * SHA-256 of every body byte before the manifest. Beside the file, FILE.sha256 holds the whole
 * file's SHA-256 in sha256sum's format.
 */

export const FORMAT = 'together-backup';
export const FORMAT_VERSION = 1;

/** The migrations the database has applied, in order: what a restore must match. */
export type SchemaVersion = { migrations: number; lastCreatedAt: number | null; hashes: string[] };

export type Encryption = {
  cipher: 'aes-256-gcm';
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  /** HMAC of a fixed text under the key: tells a wrong passphrase from a damaged file at once. */
  check: string;
};

export type Header = {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  database: string;
  schema: SchemaVersion;
  compression: 'gzip';
  encryption: Encryption | null;
};

export type TableEntry = { name: string; columns: string[]; rows: number; sha256: string };
export type SequenceEntry = { name: string; lastValue: string; isCalled: boolean };
export type RlsEntry = { table: string; enabled: boolean; forced: boolean; policies: number };

export type Manifest = {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  database: string;
  serverVersion: string;
  schema: SchemaVersion;
  tables: TableEntry[];
  sequences: SequenceEntry[];
  rls: RlsEntry[];
  auditHead: { seq: number; hash: string } | null;
  bodySha256: string;
};

export const TAG_BYTES = 16;
export const END_OF_TABLE = '\\.\n';

/** A backup the restore will not take: said in one sentence an operator can act on. */
export class BackupRefused extends Error {}

const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_CHECK_TEXT = 'together-backup key check';

function deriveKey(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const keyCheck = (key: Buffer) => createHmac('sha256', key).update(KEY_CHECK_TEXT).digest('hex');

/** A fresh key for a new backup, and the header fields that let the passphrase find it again. */
export async function newEncryption(passphrase: string): Promise<{ key: Buffer; encryption: Encryption }> {
  if (passphrase.length < 12) throw new BackupRefused('the backup passphrase must be at least 12 characters');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(passphrase, salt, SCRYPT);
  return {
    key,
    encryption: { cipher: 'aes-256-gcm', kdf: 'scrypt', ...SCRYPT, salt: salt.toString('base64'), iv: iv.toString('base64'), check: keyCheck(key) },
  };
}

/** The key of an encrypted backup, or a refusal naming a wrong passphrase. */
export async function keyFor(encryption: Encryption, passphrase: string): Promise<Buffer> {
  if (encryption.cipher !== 'aes-256-gcm' || encryption.kdf !== 'scrypt' || encryption.N > 2 ** 20 || encryption.r > 32 || encryption.p > 16) {
    throw new BackupRefused('the backup names an encryption this version does not know');
  }
  const key = await deriveKey(passphrase, Buffer.from(encryption.salt, 'base64'), encryption);
  const check = Buffer.from(keyCheck(key), 'hex');
  const expected = Buffer.from(encryption.check, 'hex');
  if (check.length !== expected.length || !timingSafeEqual(check, expected)) {
    throw new BackupRefused('wrong passphrase: this backup was encrypted with another one (nothing was changed)');
  }
  return key;
}

export function cipherFor(key: Buffer, encryption: Encryption, headerLine: Buffer): CipherGCM {
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(encryption.iv, 'base64'));
  cipher.setAAD(headerLine);
  return cipher;
}

export function decipherFor(key: Buffer, encryption: Encryption, headerLine: Buffer, tag: Buffer): DecipherGCM {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(encryption.iv, 'base64'));
  decipher.setAAD(headerLine);
  decipher.setAuthTag(tag);
  return decipher;
}

/** Reads and checks the header line (the first line of the file). */
export function parseHeader(line: Buffer): Header {
  let header: Header;
  try {
    header = JSON.parse(line.toString('utf8')) as Header;
  } catch {
    throw new BackupRefused('this is not a Together backup (its first line is not a backup header)');
  }
  if (header?.format !== FORMAT) throw new BackupRefused('this is not a Together backup (its header names no backup format)');
  if (header.version !== FORMAT_VERSION) throw new BackupRefused(`the backup is of format version ${header.version}; this version reads ${FORMAT_VERSION}`);
  return header;
}

export const sha256 = () => createHash('sha256');

export function sameSchema(a: SchemaVersion, b: SchemaVersion): boolean {
  return a.migrations === b.migrations && a.hashes.length === b.hashes.length && a.hashes.every((hash, i) => hash === b.hashes[i]);
}

export function describeSchema(schema: SchemaVersion): string {
  return `${schema.migrations} migrations${schema.lastCreatedAt ? `, the last of ${schema.lastCreatedAt}` : ''}`;
}

/** A SQL identifier, quoted. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
