import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { randomBytes, timingSafeEqual } from 'node:crypto';

const ISSUER = 'Adopting Together';

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** Seconds a code lasts, and how many steps either side of now are accepted (clock drift). */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DRIFT_STEPS = 1;

/** The 30-second time step a moment falls in (the TOTP counter). */
export function totpStep(timestamp = Date.now()): number {
  return Math.floor(timestamp / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an authenticator app shows during one time step. */
export function totpForStep(secretBase32: string, step: number): string {
  return totpFor(secretBase32, 'code').generate({ timestamp: step * TOTP_PERIOD_SECONDS * 1000 });
}

/**
 * The time step a typed code belongs to, if it is the code of the current step or of one step
 * either side (clock drift) and later than `lastStep`, the last step a code was accepted for:
 * each code is good once, so a code seen over a shoulder or in a log cannot be used again.
 * When a code happens to be valid for two of those steps, the earliest later than `lastStep` wins.
 */
export function acceptTotp(secretBase32: string, code: string, lastStep: number | null, timestamp = Date.now()): number | undefined {
  const cleaned = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(cleaned)) return undefined;
  const typed = Buffer.from(cleaned);
  const now = totpStep(timestamp);
  for (let step = now - TOTP_DRIFT_STEPS; step <= now + TOTP_DRIFT_STEPS; step++) {
    if (lastStep !== null && step <= lastStep) continue;
    if (timingSafeEqual(typed, Buffer.from(totpForStep(secretBase32, step)))) return step;
  }
  return undefined;
}

/** The code an authenticator app shows at a moment (now by default). */
export function currentTotp(secretBase32: string, timestamp = Date.now()): string {
  return totpForStep(secretBase32, totpStep(timestamp));
}

export function totpUri(secretBase32: string, email: string): string {
  return totpFor(secretBase32, email).toString();
}

/** The QR code as an SVG string, rendered on the server (no script, no third party). */
export function totpQrSvg(secretBase32: string, email: string): Promise<string> {
  return QRCode.toString(totpUri(secretBase32, email), { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

/** Ten single-use recovery codes, formatted for reading aloud: xxxxx-xxxxx. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const raw = randomBytes(6).toString('hex').slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

export function normaliseRecoveryCode(code: string): string {
  return code
    .trim()
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '')
    .replace(/^(.{5})(.{5})$/, '$1-$2');
}
