import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Signed checkpoints of the audit chain's head, kept OUTSIDE the database. The chain alone proves
 * nothing against someone who can rewrite the table: they alter a row and recompute every later
 * hash. A checkpoint is the head (position and hash) signed with an HMAC key the database does not
 * hold, appended to a file; `audit verify` then checks the chain still passes through it.
 */
export type Checkpoint = { database: string; seq: number; hash: string; at: string };
export type SignedCheckpoint = Checkpoint & { mac: string };

export type CheckpointStore = { file: string; key: string };

function mac(key: string, checkpoint: Checkpoint): string {
  const text = ['together-audit-checkpoint', 'v1', checkpoint.database, checkpoint.seq, checkpoint.hash, checkpoint.at].join('\n');
  return createHmac('sha256', key).update(text).digest('hex');
}

export function signCheckpoint(key: string, checkpoint: Checkpoint): SignedCheckpoint {
  return { ...checkpoint, mac: mac(key, checkpoint) };
}

function macMatches(key: string, line: SignedCheckpoint): boolean {
  const expected = Buffer.from(mac(key, line), 'hex');
  const found = Buffer.from(String(line.mac), 'hex');
  return expected.length === found.length && timingSafeEqual(expected, found);
}

export type CheckpointReading = {
  /** The newest checkpoint of this database whose signature holds. */
  latest?: SignedCheckpoint;
  /** Line numbers (from 1) of this database's lines that are not valid signed checkpoints. */
  forged: number[];
};

/** Reads a checkpoint file's text (one JSON object a line) for one database. Pure. */
export function readCheckpoints(text: string, key: string, database: string): CheckpointReading {
  const reading: CheckpointReading = { forged: [] };
  text.split('\n').forEach((raw, index) => {
    if (!raw.trim()) return;
    let line: SignedCheckpoint;
    try {
      line = JSON.parse(raw) as SignedCheckpoint;
    } catch {
      reading.forged.push(index + 1);
      return;
    }
    if (line.database !== database) return;
    const wellFormed = Number.isInteger(line.seq) && typeof line.hash === 'string' && typeof line.at === 'string' && typeof line.mac === 'string';
    if (!wellFormed || !macMatches(key, line)) reading.forged.push(index + 1);
    else if (!reading.latest || line.seq >= reading.latest.seq) reading.latest = line;
  });
  return reading;
}

export type AnchorResult =
  | { state: 'none' }
  | { state: 'anchored'; checkpoint: SignedCheckpoint; beyond: number }
  | { state: 'rewritten'; checkpoint: SignedCheckpoint }
  | { state: 'rewound'; checkpoint: SignedCheckpoint }
  | { state: 'forged'; lines: number[] };

/**
 * Whether the chain still passes through the newest checkpoint: the row at its position must carry
 * its hash (else the log was rewritten after it), and the head must not stand before it (else rows
 * were removed and the head moved back). Pure: the caller reads the hash and the head.
 */
export function judgeAnchor(reading: CheckpointReading, chain: { lastSeq: number; hashAt: string | undefined }): AnchorResult {
  if (reading.forged.length) return { state: 'forged', lines: reading.forged };
  const checkpoint = reading.latest;
  if (!checkpoint) return { state: 'none' };
  if (chain.lastSeq < checkpoint.seq) return { state: 'rewound', checkpoint };
  if (checkpoint.seq > 0 && chain.hashAt !== checkpoint.hash) return { state: 'rewritten', checkpoint };
  return { state: 'anchored', checkpoint, beyond: chain.lastSeq - checkpoint.seq };
}

/** The file's text, or empty when no checkpoint was written yet. */
export function loadCheckpointText(store: CheckpointStore): string {
  return existsSync(store.file) ? readFileSync(store.file, 'utf8') : '';
}

/** Appends one signed line (the file is only ever appended to, readable by its owner alone). */
export function appendCheckpoint(store: CheckpointStore, checkpoint: Checkpoint): SignedCheckpoint {
  const signed = signCheckpoint(store.key, checkpoint);
  mkdirSync(path.dirname(store.file), { recursive: true });
  appendFileSync(store.file, `${JSON.stringify(signed)}\n`, { mode: 0o600, flag: 'a' });
  return signed;
}

/**
 * The checkpoint key: AUDIT_CHECKPOINT_KEY when configured, else one generated once into the data
 * folder (which the database's own SQL cannot write to).
 */
export function checkpointKey(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'audit-checkpoint-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
