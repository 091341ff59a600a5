import { TOTP_DRIFT_STEPS, TOTP_PERIOD_SECONDS, currentTotp, totpForStep, totpStep } from '../../../src/platform/auth/totp.ts';

/** The last time step whose code this test file typed, per authenticator key. */
const typed = new Map<string, number>();

/**
 * A code from the authenticator app, as a person would type it. The service accepts each code
 * once, so signing the same person in again within 30 s takes the app's next code (the service
 * allows one step of clock drift). When every code it accepts now was typed already (a third
 * sign-in within 30 s, on a fast machine), it waits, as a person would, for the app's next code.
 */
export async function codeFromApp(secret: string): Promise<string> {
  const last = typed.get(secret);
  const step = last === undefined ? totpStep() : Math.max(totpStep(), last + 1);
  // The step is accepted once the service's own step is at most TOTP_DRIFT_STEPS behind it.
  const acceptedFrom = (step - TOTP_DRIFT_STEPS) * TOTP_PERIOD_SECONDS * 1000;
  if (Date.now() < acceptedFrom) await new Promise((resolve) => setTimeout(resolve, acceptedFrom - Date.now() + 100));
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
