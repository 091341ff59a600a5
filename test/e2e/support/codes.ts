import { currentTotp } from '../../../src/platform/auth/totp.ts';

/** A code from the authenticator app right now, as a person would type it. */
export function codeFromApp(secret: string): string {
  return currentTotp(secret);
}

/**
 * Six digits that are none of the codes the app could show now or either side of now (the
 * service accepts one step of clock drift), so the refusal cannot be luck.
 */
export function wrongCode(secret: string): string {
  const valid = new Set([-30_000, 0, 30_000].map((offset) => currentTotp(secret, Date.now() + offset)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}
