import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The server's secret behind every agreement's pseudonym key (coarsen.ts derives one key per
 * agreement from it). Set RESEARCH_PSEUDONYM_SECRET in production (at least 32 characters, kept
 * with the server's other secrets, never in the repository or the database); without it one is
 * generated once into the data folder. Losing it means later extracts of an agreement get new
 * pseudonyms (earlier ones can no longer be linked to them); changing it does the same on purpose.
 */
export function researchSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'research-pseudonym-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
