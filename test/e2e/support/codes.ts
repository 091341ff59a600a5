import { TOTP_DRIFT_STEPS, currentTotp, totpForStep, totpStep } from '../../../src/platform/auth/totp.ts';

/** The last time step whose code this test file typed, per authenticator key. */
const typed = new Map<string, number>();

/**
 * A code from the authenticator app, as a person would type it. The service accepts each code
 * once, so signing the same person in again within 30 s takes the app's next code (the service
 * allows one step of clock drift); a third sign-in within the same 30 s would have nothing left.
 */
export function codeFromApp(secret: string): string {
  const now = totpStep();
  const last = typed.get(secret);
  const step = last === undefined ? now : Math.max(now, last + 1);
  if (step > now + TOTP_DRIFT_STEPS) throw new Error('every code the service accepts now was typed already: sign this person in less often');
  typed.set(secret, step);
  return totpForStep(secret, step);
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
