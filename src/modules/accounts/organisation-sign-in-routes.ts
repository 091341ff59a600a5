import { z } from 'zod';
import { SESSION_COOKIE, errorViewModel } from '../../server/page.ts';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { PendingSignIn, Refusal } from '../../platform/auth/oidc.ts';
import { safeNext, sessionCookie } from './sign-in-helpers.ts';

/** The browser's note of a sign-in under way at the provider: signed, HttpOnly, sent only to these two addresses, ten minutes. */
const PENDING_COOKIE = 'together_oidc';
const PENDING_PATH = '/sign-in/organisation';
const PENDING_MINUTES = 10;

const nextQuery = z.object({ next: z.string().max(500).optional() });
const pendingShape = z.object({ state: z.string().min(1), nonce: z.string().min(1), verifier: z.string().min(1), next: z.string() });

function readPending(call: Call): PendingSignIn | undefined {
  const raw = call.request.cookies[PENDING_COOKIE];
  if (!raw) return undefined;
  const unsigned = call.request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    const parsed = pendingShape.safeParse(JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The sign-in page again, saying why the organisation's account was not accepted (in the reader's language). */
function refusal(call: Call, reason: Refusal) {
  const status = reason === 'no-account' || reason === 'domain' || reason === 'no-email' ? 401 : 400;
  return call.render(
    'accounts/views/sign-in.njk',
    {
      pageTitle: call.t('accounts:signIn.title'),
      values: {},
      organisationSignIn: true,
      refusal: reason,
      ...errorViewModel([{ field: 'organisation-sign-in', key: `accounts:organisationSignIn.refused.${reason}` }], call.t),
    },
    status,
  );
}

/** Staff sign-in through the organisation's identity provider (platform/auth/oidc.ts); 404 where none is configured. */
export function organisationSignInRoutes(services: Services) {
  const configured = () => {
    if (!services.organisationSignIn) throw new NotFoundError();
    return services.organisationSignIn;
  };
  return [
    route({
      method: 'GET',
      url: '/sign-in/organisation',
      kind: 'page',
      action: 'public.view',
      summary: 'Sign in with your organisation’s account: off to the identity provider',
      query: nextQuery,
      handler: async (call) => {
        const started = await configured().start(call.ctx, safeNext(call.query.next));
        if (!started) return refusal(call, 'failed');
        const value = Buffer.from(JSON.stringify(started.pending)).toString('base64url');
        call.reply.setCookie(PENDING_COOKIE, value, {
          path: PENDING_PATH,
          httpOnly: true,
          // Lax: the provider sends the browser back with a top-level GET, which carries it.
          sameSite: 'lax',
          secure: call.request.protocol === 'https',
          signed: true,
          maxAge: PENDING_MINUTES * 60,
        });
        return call.redirect(started.url.href);
      },
    }),
    route({
      method: 'GET',
      url: '/sign-in/organisation/callback',
      kind: 'page',
      action: 'public.view',
      summary: 'Back from the identity provider: check its answer and sign in',
      handler: async (call) => {
        const signIn = configured();
        const pending = readPending(call);
        // Used once, whatever the outcome: a second visit to the same address finds nothing to finish.
        call.reply.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
        const url = call.request.url;
        const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
        const result = await signIn.finish(call.ctx, query.slice(0, 8000), pending, {
          userAgent: call.request.headers['user-agent'],
          previousToken: call.request.cookies[SESSION_COOKIE],
        });
        if (result.outcome === 'refused') return refusal(call, result.reason);
        sessionCookie(call, result.sessionToken);
        // The provider's sign-in without a second factor the platform trusts: its own code next, as after a password.
        if (result.state === 'second-factor') return call.redirect(`/sign-in/second-factor?next=${encodeURIComponent(safeNext(result.next))}`);
        if (result.state === 'enrol') return call.redirect('/account/security/enrol');
        return call.redirect(safeNext(result.next));
      },
    }),
  ];
}
