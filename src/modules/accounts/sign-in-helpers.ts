import { SESSION_COOKIE } from '../../server/page.ts';
import type { Call } from '../../server/route.ts';

/** Only same-site paths may be a destination after sign-in (no open redirect). */
export function safeNext(next: string | undefined): string {
  // Browsers drop tabs and newlines from a URL ("/\t/evil.example" becomes "//evil.example"), and a
  // newline cannot go into a Location header at all: any control character means "go home".
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (!next || /[\u0000-\u001f\u007f]/.test(next)) return '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function sessionCookie(call: Call, token: string) {
  call.reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: call.request.protocol === 'https',
  });
}
