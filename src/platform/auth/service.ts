import type { Database } from '../db/pool.ts';
import { inActorTransaction } from '../db/transaction.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestContext, UserActor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { NotFoundError } from '../http/errors.ts';
import { ownActionOf, systemActor, type SystemActor, type SystemJob } from '../policy/system-jobs.ts';
import { needsSecondFactor } from '../policy/roles.ts';
import * as repo from './repository.ts';
import { ACCESS_TOKEN_PREFIX, decoyPasswordHash, randomToken, sha256, verifyPassword, hashPassword } from './secrets.ts';
import { acceptTotp, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode } from './totp.ts';
import { describeDevice, deviceColumn, deviceFromColumn, type Device } from './device.ts';

/** Sign-in limits: failures within the window before further attempts are refused. */
export const SIGN_IN_LIMITS = { windowMinutes: 15, perAccount: 5, perAddress: 30 } as const;

/** The key failed sign-ins are counted under for an account: a hash of its lower-cased address, never the address. */
export const signInAccountKey = (email: string) => sha256(`account:${email.toLowerCase()}`);

/** What a session still needs before it reaches the service. */
export type SessionState = 'active' | 'second-factor' | 'enrol';

export type ResolvedSession = {
  actor: UserActor;
  tokenHash: string;
  csrfToken: string;
  state: SessionState;
  preferredLanguage: 'en' | 'cy';
  email: string;
  organisationName: string;
  organisationNameCy: string | null;
};

export type SignInResult =
  | { outcome: 'signed-in'; sessionToken: string; state: SessionState }
  | { outcome: 'invalid' }
  | { outcome: 'locked' }
  /** The password was right, but the person's organisation requires its identity provider (OIDC_REQUIRED). */
  | { outcome: 'provider-required' };

export type TokenScope = 'read' | 'write';

/** A session as its owner sees it: a reference that is not the token's hash, the device, when it began and was last used. */
export type SessionSummary = { ref: string; device: Device | undefined; createdAt: Date; lastSeenAt: Date; current: boolean };

/** The reference a page uses for a session: derived from the stored hash, so the hash never leaves the server. */
const sessionRef = (tokenHash: string) => sha256(`session:${tokenHash}`).slice(0, 32);

/** The signed-in person behind a request, or 404: only people have sessions to manage. */
function personOf(ctx: RequestContext, action: 'account.view' | 'account.edit'): UserActor {
  authorize(ctx.actor, action);
  if (ctx.actor.kind !== 'user') throw new NotFoundError();
  return ctx.actor;
}

/**
 * `providerRequiredFor`: the slug of the organisation whose staff must sign in through its identity
 * provider; their passwords are refused. Adopters keep their own accounts: the provider knows only staff.
 */
export function createAuthService(db: Database, options: { sessionIdleMinutes: number; providerRequiredFor?: string }) {
  /** The platform's actor for one of the jobs of signing in (policy/system-jobs.ts), its own action asserted. */
  const job = (name: SystemJob): SystemActor => {
    const actor = systemActor(name);
    authorize(actor, ownActionOf(name));
    return actor;
  };

  async function signIn(
    ctx: RequestContext,
    input: { email: string; password: string; address: string; userAgent?: string; previousToken?: string },
  ): Promise<SignInResult> {
    const accountKey = signInAccountKey(input.email);
    const addressKey = sha256(`address:${input.address}`);
    const sys: RequestContext = { ...ctx, actor: job('signIn') };
    return inActorTransaction(db, sys.actor, async (tx) => {
      const since = new Date(Date.now() - SIGN_IN_LIMITS.windowMinutes * 60_000);
      const failures = await repo.countRecentFailures(tx, accountKey, addressKey, since);
      if (failures.account >= SIGN_IN_LIMITS.perAccount || failures.address >= SIGN_IN_LIMITS.perAddress) {
        await recordAudit(tx, sys, { action: 'auth.sign-in', outcome: 'denied', detail: { reason: 'rate-limited' } });
        return { outcome: 'locked' } as const;
      }
      const user = await repo.findUserByEmail(tx, input.email);
      const ok =
        user && !user.disabledAt
          ? await verifyPassword(user.passwordHash, input.password)
          : (await verifyPassword(await decoyPasswordHash(), input.password), false);
      if (!user || !ok) {
        await repo.recordSignInFailure(tx, accountKey, addressKey);
        await recordAudit(tx, sys, {
          action: 'auth.sign-in',
          outcome: 'denied',
          resourceType: user ? 'user' : undefined,
          resourceId: user?.id,
          detail: { reason: 'credentials' },
        });
        return { outcome: 'invalid' } as const;
      }
      await repo.clearFailuresOfAccount(tx, accountKey);
      const organisation = await repo.getOrganisationById(tx, user.organisationId);
      // Told only after the right password, so the refusal reveals nothing to someone guessing addresses.
      if (options.providerRequiredFor && organisation?.slug === options.providerRequiredFor && !user.roles.includes('adopter')) {
        await recordAudit(tx, sys, {
          action: 'auth.sign-in',
          outcome: 'denied',
          resourceType: 'user',
          resourceId: user.id,
          detail: { reason: 'provider-required', method: 'password' },
        });
        return { outcome: 'provider-required' } as const;
      }
      // A new session on every sign-in: the token a browser held before is never promoted.
      if (input.previousToken) await repo.deleteSession(tx, sha256(input.previousToken));
      const actor = repo.toActor(user, organisation!);
      const state: SessionState = !needsSecondFactor(actor.roles) ? 'active' : user.totpEnabledAt ? 'second-factor' : 'enrol';
      const sessionToken = randomToken();
      await repo.createSession(tx, {
        tokenHash: sha256(sessionToken),
        userId: user.id,
        csrfToken: randomToken(24),
        secondFactorDone: state === 'active',
        device: deviceColumn(describeDevice(input.userAgent)),
      });
      await recordAudit(tx, { ...ctx, actor }, { action: 'auth.sign-in', resourceType: 'user', resourceId: user.id, detail: { state, method: 'password' } });
      return { outcome: 'signed-in', sessionToken, state } as const;
    });
  }

  /**
   * Signs in the member of staff whose e-mail address the organisation's identity provider vouched
   * for (OpenID Connect, platform/auth/oidc.ts): only an existing, enabled staff account of that
   * organisation; none is ever created here. When the provider did the second factor
   * (`secondFactorDone`, OIDC_SECOND_FACTOR) the session is complete; otherwise it waits for the
   * platform's authenticator code, as after a password. Refusals are audited with their reason, never the address.
   */
  async function signInVouched(
    ctx: RequestContext,
    input: { email: string; organisationSlug: string; secondFactorDone: boolean; userAgent?: string; previousToken?: string },
  ): Promise<{ outcome: 'signed-in'; sessionToken: string; state: SessionState } | { outcome: 'refused'; reason: 'no-account' }> {
    const sys: RequestContext = { ...ctx, actor: job('organisationSignIn') };
    return inActorTransaction(db, sys.actor, async (tx) => {
      const user = await repo.findUserByEmail(tx, input.email);
      const organisation = user ? await repo.getOrganisationById(tx, user.organisationId) : undefined;
      const staff = user && organisation && !user.disabledAt && organisation.slug === input.organisationSlug && !user.roles.includes('adopter');
      if (!user || !organisation || !staff) {
        await recordAudit(tx, sys, {
          action: 'auth.sign-in',
          outcome: 'denied',
          resourceType: user ? 'user' : undefined,
          resourceId: user?.id,
          detail: { method: 'oidc', reason: 'no-account' },
        });
        return { outcome: 'refused', reason: 'no-account' } as const;
      }
      if (input.previousToken) await repo.deleteSession(tx, sha256(input.previousToken));
      const actor = repo.toActor(user, organisation);
      const state: SessionState = input.secondFactorDone || !needsSecondFactor(actor.roles) ? 'active' : user.totpEnabledAt ? 'second-factor' : 'enrol';
      const sessionToken = randomToken();
      await repo.createSession(tx, {
        tokenHash: sha256(sessionToken),
        userId: user.id,
        csrfToken: randomToken(24),
        secondFactorDone: state === 'active',
        device: deviceColumn(describeDevice(input.userAgent)),
      });
      await recordAudit(tx, { ...ctx, actor }, { action: 'auth.sign-in', resourceType: 'user', resourceId: user.id, detail: { state, method: 'oidc' } });
      return { outcome: 'signed-in', sessionToken, state } as const;
    });
  }

  /** A sign-in through the identity provider that failed before any account was looked at (cancelled, expired, not checked). */
  async function refuseOrganisationSignIn(ctx: RequestContext, reason: string): Promise<void> {
    const sys: RequestContext = { ...ctx, actor: job('organisationSignIn') };
    await inActorTransaction(db, sys.actor, (tx) => recordAudit(tx, sys, { action: 'auth.sign-in', outcome: 'denied', detail: { method: 'oidc', reason } }));
  }

  /** The session behind a cookie, if it is live; an idle one is ended here. */
  async function resolveSession(sessionToken: string): Promise<ResolvedSession | undefined> {
    const tokenHash = sha256(sessionToken);
    const actor = job('session');
    // One round trip on every page; the rare writes below run in transactions of their own.
    const row = await repo.findSessionInOneTrip(db, actor, tokenHash);
    if (!row) return undefined;
    const idleMs = Date.now() - row.lastSeenAt.getTime();
    if (idleMs > options.sessionIdleMinutes * 60_000) {
      await inActorTransaction(db, actor, (tx) => repo.deleteSession(tx, tokenHash));
      return undefined;
    }
    // Touch at most once a minute: the idle clock needs no more precision than that.
    if (idleMs > 60_000) await inActorTransaction(db, actor, (tx) => repo.touchSession(tx, tokenHash));
    const state: SessionState = row.secondFactorDone ? 'active' : row.totpEnabled ? 'second-factor' : 'enrol';
    return {
      actor: row.actor,
      tokenHash,
      csrfToken: row.csrfToken,
      state,
      preferredLanguage: row.preferredLanguage,
      email: row.email,
      organisationName: row.organisationName,
      organisationNameCy: row.organisationNameCy,
    };
  }

  async function verifySecondFactor(ctx: RequestContext, session: ResolvedSession, code: string, address: string): Promise<'ok' | 'invalid' | 'locked'> {
    const accountKey = signInAccountKey(session.email);
    const addressKey = sha256(`address:${address}`);
    return inActorTransaction(db, job('secondFactor'), async (tx) => {
      const since = new Date(Date.now() - SIGN_IN_LIMITS.windowMinutes * 60_000);
      const failures = await repo.countRecentFailures(tx, accountKey, addressKey, since);
      if (failures.account >= SIGN_IN_LIMITS.perAccount || failures.address >= SIGN_IN_LIMITS.perAddress) return 'locked';
      const user = await repo.getUserById(tx, session.actor.userId);
      if (!user?.totpSecret || !user.totpEnabledAt) return 'invalid';
      const trimmed = code.trim();
      // A code is good once: its time step must be later than the last one accepted, and storing
      // the step is conditional, so two requests racing with one code cannot both pass.
      const step = acceptTotp(user.totpSecret, trimmed, user.totpLastStep);
      const good =
        step !== undefined ? await repo.recordTotpStep(tx, user.id, step) : await repo.useRecoveryCode(tx, user.id, sha256(normaliseRecoveryCode(trimmed)));
      if (!good) {
        await repo.recordSignInFailure(tx, accountKey, addressKey);
        await recordAudit(tx, { ...ctx, actor: session.actor }, { action: 'auth.second-factor', outcome: 'denied', resourceType: 'user', resourceId: user.id });
        return 'invalid';
      }
      await repo.clearFailuresOfAccount(tx, accountKey);
      await repo.completeSecondFactor(tx, session.tokenHash);
      await recordAudit(tx, { ...ctx, actor: session.actor }, { action: 'auth.second-factor', resourceType: 'user', resourceId: user.id });
      return 'ok';
    });
  }

  /** Stores a pending secret; it only takes effect once a code from it is confirmed. */
  async function startEnrolment(session: ResolvedSession): Promise<string> {
    return inActorTransaction(db, job('totpEnrolment'), async (tx) => {
      const user = await repo.getUserById(tx, session.actor.userId);
      if (user?.totpSecret && !user.totpEnabledAt) return user.totpSecret;
      const secret = newTotpSecret();
      await repo.setTotp(tx, session.actor.userId, {
        totpSecret: secret,
        totpEnabledAt: user?.totpEnabledAt ?? null,
        recoveryCodeHashes: user?.recoveryCodeHashes ?? [],
      });
      return secret;
    });
  }

  /** Confirms the pending secret with a code; returns the recovery codes, shown once. */
  async function completeEnrolment(ctx: RequestContext, session: ResolvedSession, code: string): Promise<string[] | undefined> {
    return inActorTransaction(db, job('totpEnrolment'), async (tx) => {
      const user = await repo.getUserById(tx, session.actor.userId);
      if (!user?.totpSecret || user.totpEnabledAt) return undefined;
      // The confirming code is used up like any other, so it cannot sign in again within its window.
      const step = acceptTotp(user.totpSecret, code, user.totpLastStep);
      if (step === undefined || !(await repo.recordTotpStep(tx, user.id, step))) return undefined;
      const codes = newRecoveryCodes();
      await repo.setTotp(tx, user.id, { totpSecret: user.totpSecret, totpEnabledAt: new Date(), recoveryCodeHashes: codes.map((c) => sha256(c)) });
      await repo.completeSecondFactor(tx, session.tokenHash);
      await recordAudit(tx, { ...ctx, actor: session.actor }, { action: 'auth.totp-enrol', resourceType: 'user', resourceId: user.id });
      return codes;
    });
  }

  async function signOut(ctx: RequestContext, sessionToken: string): Promise<void> {
    await inActorTransaction(db, job('signOut'), async (tx) => {
      const row = await repo.findSession(tx, sha256(sessionToken));
      await repo.deleteSession(tx, sha256(sessionToken));
      if (row)
        await recordAudit(
          tx,
          { ...ctx, actor: repo.toActor(row.user, row.organisation) },
          { action: 'auth.sign-out', resourceType: 'user', resourceId: row.user.id },
        );
    });
  }

  /** The actor behind `Authorization: Bearer atp_...`, with the token's scopes. */
  async function authenticateBearer(token: string): Promise<{ actor: UserActor; scopes: TokenScope[] } | undefined> {
    if (!token.startsWith(ACCESS_TOKEN_PREFIX)) return undefined;
    const actor = job('apiToken');
    // One round trip on every API request; "last used" is written at most once a minute.
    const row = await repo.findLiveAccessTokenInOneTrip(db, actor, sha256(token));
    if (!row) return undefined;
    const lastUsed = row.lastUsedAt?.getTime() ?? 0;
    if (Date.now() - lastUsed > 60_000) await inActorTransaction(db, actor, (tx) => repo.markAccessTokenUsed(tx, row.tokenId));
    return { actor: row.actor, scopes: row.scopes as TokenScope[] };
  }

  async function createAccessToken(ctx: RequestContext, userId: string, input: { name: string; scopes: TokenScope[]; expiresAt: Date }): Promise<string> {
    const token = ACCESS_TOKEN_PREFIX + randomToken(32);
    await inActorTransaction(db, ctx.actor, async (tx) => {
      const { id } = await repo.insertAccessToken(tx, { userId, name: input.name, tokenHash: sha256(token), scopes: input.scopes, expiresAt: input.expiresAt });
      await recordAudit(tx, ctx, { action: 'auth.token-create', resourceType: 'access_token', resourceId: id, detail: { user: userId } });
    });
    return token;
  }

  async function revokeAccessToken(ctx: RequestContext, userId: string, tokenId: string): Promise<boolean> {
    return inActorTransaction(db, ctx.actor, async (tx) => {
      const done = await repo.revokeAccessToken(tx, tokenId, userId);
      if (done) await recordAudit(tx, ctx, { action: 'auth.token-revoke', resourceType: 'access_token', resourceId: tokenId });
      return done;
    });
  }

  async function listAccessTokens(ctx: RequestContext, userId: string) {
    return inActorTransaction(db, ctx.actor, (tx) => repo.listAccessTokensOfUser(tx, userId));
  }

  const liveSince = () => new Date(Date.now() - options.sessionIdleMinutes * 60_000);

  /** The person's own live sessions, the one making the request marked. */
  async function listSessions(ctx: RequestContext, currentTokenHash: string): Promise<SessionSummary[]> {
    const person = personOf(ctx, 'account.view');
    return inActorTransaction(db, person, async (tx) => {
      const rows = await repo.listSessionsOfUser(tx, person.userId, liveSince());
      await recordAudit(tx, ctx, { action: 'auth.sessions-view', resourceType: 'user', resourceId: person.userId });
      return rows.map((row) => ({
        ref: sessionRef(row.tokenHash),
        device: deviceFromColumn(row.device),
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        current: row.tokenHash === currentTokenHash,
      }));
    });
  }

  /**
   * A person's live sessions as their organisation's administrator sees them (device, when signed
   * in and last used), to decide whether to end them all. Another organisation's person is 404.
   */
  async function sessionsOfPerson(ctx: RequestContext, userId: string): Promise<Omit<SessionSummary, 'ref' | 'current'>[]> {
    return inActorTransaction(db, ctx.actor, async (tx) => {
      const user = await repo.getUserById(tx, userId);
      if (!user) throw new NotFoundError();
      authorize(ctx.actor, 'users.sessions.view', { type: 'user', id: userId, organisationId: user.organisationId });
      const rows = await repo.listSessionsOfUser(tx, userId, liveSince());
      await recordAudit(tx, ctx, { action: 'users.sessions.view', resourceType: 'user', resourceId: userId });
      return rows.map((row) => ({ device: deviceFromColumn(row.device), createdAt: row.createdAt, lastSeenAt: row.lastSeenAt }));
    });
  }

  /** Ends one of the person's other sessions; false when there is no such session (this one is ended by signing out). */
  async function endSession(ctx: RequestContext, currentTokenHash: string, ref: string): Promise<boolean> {
    const person = personOf(ctx, 'account.edit');
    return inActorTransaction(db, person, async (tx) => {
      const rows = await repo.listSessionsOfUser(tx, person.userId, new Date(0));
      const target = rows.find((row) => sessionRef(row.tokenHash) === ref && row.tokenHash !== currentTokenHash);
      if (!target) return false;
      await repo.deleteSessionsOfUserExcept(tx, person.userId, [target.tokenHash], currentTokenHash);
      await recordAudit(tx, ctx, { action: 'auth.session-end', resourceType: 'user', resourceId: person.userId });
      return true;
    });
  }

  /** "Sign out everywhere else": every session of the person but the one making the request. */
  async function endOtherSessions(ctx: RequestContext, currentTokenHash: string): Promise<number> {
    const person = personOf(ctx, 'account.edit');
    return inActorTransaction(db, person, async (tx) => {
      const count = await repo.deleteSessionsOfUserExcept(tx, person.userId, 'all', currentTokenHash);
      await recordAudit(tx, ctx, { action: 'auth.sessions-end-others', resourceType: 'user', resourceId: person.userId, detail: { count } });
      return count;
    });
  }

  async function changePassword(ctx: RequestContext, userId: string, current: string, next: string): Promise<boolean> {
    const nextHash = await hashPassword(next);
    return inActorTransaction(db, ctx.actor, async (tx) => {
      const user = await repo.getUserById(tx, userId);
      if (!user || !(await verifyPassword(user.passwordHash, current))) return false;
      await repo.setPasswordHash(tx, userId, nextHash);
      await recordAudit(tx, ctx, { action: 'auth.password-change', resourceType: 'user', resourceId: userId });
      return true;
    });
  }

  return {
    signIn,
    signInVouched,
    refuseOrganisationSignIn,
    resolveSession,
    verifySecondFactor,
    startEnrolment,
    completeEnrolment,
    signOut,
    authenticateBearer,
    createAccessToken,
    revokeAccessToken,
    listAccessTokens,
    changePassword,
    listSessions,
    sessionsOfPerson,
    endSession,
    endOtherSessions,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
