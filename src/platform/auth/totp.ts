import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { randomBytes } from 'node:crypto';

const ISSUER = 'Adopting Together';

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** Accepts the code of the current 30-second step and one either side (clock drift). */
export function checkTotp(secretBase32: string, code: string): boolean {
  const cleaned = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(cleaned)) return false;
  return totpFor(secretBase32, 'check').validate({ token: cleaned, window: 1 }) !== null;
}

export function currentTotp(secretBase32: string, timestamp = Date.now()): string {
  return totpFor(secretBase32, 'code').generate({ timestamp });
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
  return code.trim().toLowerCase().replace(/[^0-9a-f]/g, '').replace(/^(.{5})(.{5})$/, '$1-$2');
}
