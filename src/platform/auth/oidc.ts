import { timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import type { OrganisationSignInConfig } from '../../config.ts';
import type { RequestContext } from '../policy/actor.ts';
import type { AuthService } from './service.ts';

/**
 * Staff sign-in through the organisation's identity provider (OpenID Connect, e.g. Microsoft Entra
 * ID or Google Workspace): the authorisation-code flow with PKCE, state and nonce, by openid-client.
 * What travels between the two legs (state, nonce, PKCE verifier, where to go next) is kept by the
 * browser in a signed, HttpOnly cookie (accounts/organisation-sign-in-routes.ts): nothing in the
 * database and nothing in one process's memory, so any app process can finish a sign-in another began.
 */

/** What the browser keeps between leaving for the provider and coming back. */
export type PendingSignIn = { state: string; nonce: string; verifier: string; next: string };

/** Why a sign-in through the provider was refused: each has a message in both languages (accounts:organisationSignIn.refused.*). */
export const REFUSALS = ['cancelled', 'expired', 'failed', 'no-email', 'domain', 'no-account'] as const;
export type Refusal = (typeof REFUSALS)[number];

export type OrganisationSignInResult =
  { outcome: 'signed-in'; sessionToken: string; next: string; state: 'active' | 'second-factor' | 'enrol' } | { outcome: 'refused'; reason: Refusal };

/** Authentication methods (RFC 8176 `amr` values) by kind of factor: something known, held, or one is. */
const FACTOR_KINDS: Record<string, 'knows' | 'has' | 'is'> = {
  pwd: 'knows',
  pin: 'knows',
  kba: 'knows',
  otp: 'has',
  hwk: 'has',
  swk: 'has',
  sms: 'has',
  tel: 'has',
  sc: 'has',
  pop: 'has',
  fpt: 'is',
  face: 'is',
  iris: 'is',
  retina: 'is',
  vbm: 'is',
};

/**
 * Did the provider use a second factor for this sign-in, by the ID token's `amr`: "mfa", or
 * methods of two different kinds (a password and a one-time code). No `amr` says nothing, so no.
 */
export function providerUsedSecondFactor(idTokenClaims: Record<string, unknown> | undefined): boolean {
  const amr = idTokenClaims?.amr;
  if (!Array.isArray(amr)) return false;
  const methods = amr.filter((m): m is string => typeof m === 'string').map((m) => m.toLowerCase());
  if (methods.includes('mfa')) return true;
  return new Set(methods.map((m) => FACTOR_KINDS[m]).filter(Boolean)).size >= 2;
}

/** The e-mail domain accepted? Empty list: any the provider vouches for (the provider is the organisation's own). */
export function domainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  if (allowedDomains.length === 0) return true;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return allowedDomains.includes(domain);
}

/**
 * The address the provider vouched for: the `email` claim, unless the provider says it is not
 * verified (Google sends `email_verified`; Entra ID sends no such claim and vouches for its tenant's addresses).
 */
export function vouchedEmail(claims: Record<string, unknown> | undefined): string | undefined {
  if (!claims) return undefined;
  const email = claims.email;
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320) return undefined;
  if (claims.email_verified === false || claims.email_verified === 'false') return undefined;
  return email;
}

/** Is the sign-in complete without the platform's own code, under OIDC_SECOND_FACTOR? */
export function secondFactorDoneByProvider(mode: OrganisationSignInConfig['secondFactor'], idTokenClaims: Record<string, unknown> | undefined): boolean {
  if (mode === 'provider') return true;
  if (mode === 'platform') return false;
  return providerUsedSecondFactor(idTokenClaims);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createOrganisationSignIn(settings: OrganisationSignInConfig, auth: Pick<AuthService, 'signInVouched' | 'refuseOrganisationSignIn'>) {
  // Plain http is allowed by config.ts only to a provider on this machine outside production (tests, a local trial).
  const insecure = settings.issuer.protocol === 'http:';
  let discovered: Promise<client.Configuration> | undefined;

  /** The provider's metadata and keys, fetched once; a failure is forgotten, so the next sign-in asks again. */
  function provider(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, insecure ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  }

  /** Where to send the browser, and what it must keep until it comes back; undefined when the provider cannot be reached. */
  async function start(ctx: RequestContext, next: string): Promise<{ url: URL; pending: PendingSignIn } | undefined> {
    let config: client.Configuration;
    try {
      config = await provider();
    } catch {
      await auth.refuseOrganisationSignIn(ctx, 'failed');
      return undefined;
    }
    const pending: PendingSignIn = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), next };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUrl.href,
      scope: 'openid email',
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /**
   * The browser is back with the provider's answer (`query` is the callback's raw query string):
   * the code is exchanged (PKCE verifier, state and nonce checked, ID token validated by
   * openid-client), the vouched address matched to a staff account, and a session started.
   */
  async function finish(
    ctx: RequestContext,
    query: string,
    pending: PendingSignIn | undefined,
    browser: { userAgent?: string; previousToken?: string },
  ): Promise<OrganisationSignInResult> {
    const refuse = async (reason: Refusal): Promise<OrganisationSignInResult> => {
      if (reason !== 'no-account') await auth.refuseOrganisationSignIn(ctx, reason);
      return { outcome: 'refused', reason };
    };
    const answer = new URLSearchParams(query);
    if (answer.get('error') === 'access_denied') return refuse('cancelled');
    // No cookie (another browser, or it expired) or another sign-in's state: never exchange the code.
    if (!pending || !sameText(answer.get('state') ?? '', pending.state)) return refuse('expired');
    let claims: Record<string, unknown> | undefined;
    let idTokenClaims: Record<string, unknown> | undefined;
    try {
      const config = await provider();
      const callback = new URL(settings.redirectUrl);
      callback.search = answer.toString();
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      idTokenClaims = claims;
      // Some providers put the address only in the user info, not the ID token.
      const subject = claims?.sub;
      if (!vouchedEmail(claims) && typeof subject === 'string' && tokens.access_token) {
        claims = { ...(await client.fetchUserInfo(config, tokens.access_token, subject)) };
      }
    } catch {
      // The reason stays out of the log and the audit: a provider's message may carry the address or a token.
      return refuse('failed');
    }
    const email = vouchedEmail(claims);
    if (!email) return refuse('no-email');
    if (!domainAllowed(email, settings.allowedDomains)) return refuse('domain');
    const secondFactorDone = secondFactorDoneByProvider(settings.secondFactor, idTokenClaims);
    const result = await auth.signInVouched(ctx, { email, organisationSlug: settings.organisationSlug, secondFactorDone, ...browser });
    if (result.outcome === 'refused') return refuse(result.reason);
    return { outcome: 'signed-in', sessionToken: result.sessionToken, next: pending.next, state: result.state };
  }

  /** Whether the organisation's staff must come this way (their passwords refused). */
  return { start, finish, required: settings.required };
}

export type OrganisationSignIn = ReturnType<typeof createOrganisationSignIn>;
