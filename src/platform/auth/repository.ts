import { and, eq, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/pool.ts';
import { readOnceAs } from '../db/transaction.ts';
import type { Actor, UserActor } from '../policy/actor.ts';
import { isRole } from '../policy/roles.ts';
import { accessTokens, organisations, sessions, signInFailures, users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function findUserByEmail(tx: Tx, email: string): Promise<UserRow | undefined> {
  const [row] = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function getUserById(tx: Tx, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id));
  return row;
}

export async function getOrganisationById(tx: Tx, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await tx.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export function toActor(user: Pick<UserRow, 'id' | 'roles' | 'name'>, organisation: Pick<OrganisationRow, 'id' | 'type'>): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    organisationId: organisation.id,
    organisationType: organisation.type,
    roles: user.roles.filter(isRole),
    name: user.name,
  };
}

export async function createSession(
  tx: Tx,
  values: { tokenHash: string; userId: string; csrfToken: string; secondFactorDone: boolean; device: string | null },
): Promise<void> {
  await tx.insert(sessions).values(values);
}

/** The session with its (enabled) user and organisation, or nothing. */
export async function findSession(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .select({ session: sessions, user: users, organisation: organisations })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(users.disabledAt)));
  return row;
}

/** What a page request needs of its session, user and organisation. */
export type RequestSession = {
  lastSeenAt: Date;
  secondFactorDone: boolean;
  csrfToken: string;
  totpEnabled: boolean;
  preferredLanguage: 'en' | 'cy';
  email: string;
  organisationName: string;
  organisationNameCy: string | null;
  actor: UserActor;
};

/**
 * The session behind a page request (with its enabled user and organisation) in one round trip
 * (readOnceAs): it runs before every page, so it is one prepared statement rather than a
 * transaction of four round trips. Hand-written columns, mapped here; `actor` is who reads it.
 */
export async function findSessionInOneTrip(db: Database, actor: Actor, tokenHash: string): Promise<RequestSession | undefined> {
  const [row] = await readOnceAs<{
    last_seen_at: Date;
    second_factor_done: boolean;
    csrf_token: string;
    totp_enabled: boolean;
    preferred_language: 'en' | 'cy';
    email: string;
    user_id: string;
    roles: string[];
    name: string;
    organisation_id: string;
    organisation_type: OrganisationRow['type'];
    organisation_name: string;
    organisation_name_cy: string | null;
  }>(db, actor, {
    name: 'together_request_session',
    text: `select s.last_seen_at, s.second_factor_done, s.csrf_token, u.totp_enabled_at is not null as totp_enabled, u.preferred_language,
                  u.email, u.id as user_id, u.roles, u.name, o.id as organisation_id, o.type as organisation_type, o.name as organisation_name,
                  o.name_cy as organisation_name_cy
             from sessions s join users u on u.id = s.user_id join organisations o on o.id = u.organisation_id
            where s.token_hash = $1::text and u.disabled_at is null`,
    values: [tokenHash],
  });
  if (!row) return undefined;
  return {
    lastSeenAt: row.last_seen_at,
    secondFactorDone: row.second_factor_done,
    csrfToken: row.csrf_token,
    totpEnabled: row.totp_enabled,
    preferredLanguage: row.preferred_language,
    email: row.email,
    organisationName: row.organisation_name,
    organisationNameCy: row.organisation_name_cy,
    actor: toActor({ id: row.user_id, roles: row.roles, name: row.name }, { id: row.organisation_id, type: row.organisation_type }),
  };
}

export async function touchSession(tx: Tx, tokenHash: string): Promise<void> {
  await tx.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
}

export async function completeSecondFactor(tx: Tx, tokenHash: string): Promise<void> {
  await tx.update(sessions).set({ secondFactorDone: true, lastSeenAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(tx: Tx, tokenHash: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a person; returns how many there were. */
export async function deleteSessionsOfUser(tx: Tx, userId: string): Promise<number> {
  const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ tokenHash: sessions.tokenHash });
  return ended.length;
}

/** A person's sessions still within the idle limit, most recently used first. */
export async function listSessionsOfUser(tx: Tx, userId: string, liveSince: Date) {
  return tx
    .select({ tokenHash: sessions.tokenHash, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, device: sessions.device })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.lastSeenAt, liveSince)))
    .orderBy(sql`${sessions.lastSeenAt} desc`);
}

/** Ends the person's sessions named, never the one kept; returns how many ended. */
export async function deleteSessionsOfUserExcept(tx: Tx, userId: string, tokenHashes: readonly string[] | 'all', keep: string): Promise<number> {
  const which = tokenHashes === 'all' ? undefined : tokenHashes.length ? inArray(sessions.tokenHash, [...tokenHashes]) : sql`false`;
  const ended = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keep), which))
    .returning({ tokenHash: sessions.tokenHash });
  return ended.length;
}

export async function insertAccessToken(
  tx: Tx,
  values: { userId: string; name: string; tokenHash: string; scopes: string[]; expiresAt: Date },
): Promise<{ id: string }> {
  const [row] = await tx.insert(accessTokens).values(values).returning({ id: accessTokens.id });
  return row!;
}

/** What an API request needs of its token: who it acts for, its scopes, when it was last used. */
export type RequestToken = { tokenId: string; scopes: string[]; lastUsedAt: Date | null; actor: UserActor };

/**
 * A live token (not revoked, not expired) of an enabled user, in one round trip (readOnceAs): it
 * runs before every API request. Revocation and disabling count from the very next request.
 */
export async function findLiveAccessTokenInOneTrip(db: Database, actor: Actor, tokenHash: string): Promise<RequestToken | undefined> {
  const [row] = await readOnceAs<{
    token_id: string;
    scopes: string[];
    last_used_at: Date | null;
    user_id: string;
    roles: string[];
    name: string;
    organisation_id: string;
    organisation_type: OrganisationRow['type'];
  }>(db, actor, {
    name: 'together_request_token',
    text: `select t.id as token_id, t.scopes, t.last_used_at, u.id as user_id, u.roles, u.name, o.id as organisation_id, o.type as organisation_type
             from access_tokens t join users u on u.id = t.user_id join organisations o on o.id = u.organisation_id
            where t.token_hash = $1::text and t.revoked_at is null and t.expires_at > now() and u.disabled_at is null`,
    values: [tokenHash],
  });
  if (!row) return undefined;
  return {
    tokenId: row.token_id,
    scopes: row.scopes,
    lastUsedAt: row.last_used_at,
    actor: toActor({ id: row.user_id, roles: row.roles, name: row.name }, { id: row.organisation_id, type: row.organisation_type }),
  };
}

export async function listAccessTokensOfUser(tx: Tx, userId: string) {
  return tx
    .select({
      id: accessTokens.id,
      name: accessTokens.name,
      scopes: accessTokens.scopes,
      expiresAt: accessTokens.expiresAt,
      revokedAt: accessTokens.revokedAt,
      lastUsedAt: accessTokens.lastUsedAt,
      createdAt: accessTokens.createdAt,
    })
    .from(accessTokens)
    .where(eq(accessTokens.userId, userId))
    .orderBy(accessTokens.createdAt);
}

export async function revokeAccessToken(tx: Tx, id: string, userId: string): Promise<boolean> {
  const rows = await tx
    .update(accessTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(accessTokens.id, id), eq(accessTokens.userId, userId), isNull(accessTokens.revokedAt)))
    .returning({ id: accessTokens.id });
  return rows.length > 0;
}

export async function revokeAccessTokensOfUser(tx: Tx, userId: string): Promise<void> {
  await tx
    .update(accessTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(accessTokens.userId, userId), isNull(accessTokens.revokedAt)));
}

export async function markAccessTokenUsed(tx: Tx, id: string): Promise<void> {
  await tx.update(accessTokens).set({ lastUsedAt: new Date() }).where(eq(accessTokens.id, id));
}

export async function recordSignInFailure(tx: Tx, accountKey: string, addressKey: string): Promise<void> {
  await tx.insert(signInFailures).values({ accountKey, addressKey });
}

export async function countRecentFailures(tx: Tx, accountKey: string, addressKey: string, since: Date) {
  // Attempts at one account wait for each other until their transaction ends, in every app process:
  // two at once can never both read "four failures" and both try a fifth password.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in:${accountKey}`}, 0))`);
  const [row] = await tx
    .select({
      account: sql<number>`count(*) filter (where ${signInFailures.accountKey} = ${accountKey})::int`,
      address: sql<number>`count(*) filter (where ${signInFailures.addressKey} = ${addressKey})::int`,
    })
    .from(signInFailures)
    .where(and(gt(signInFailures.at, since), sql`(${signInFailures.accountKey} = ${accountKey} or ${signInFailures.addressKey} = ${addressKey})`));
  return { account: row?.account ?? 0, address: row?.address ?? 0 };
}

export async function clearFailuresOfAccount(tx: Tx, accountKey: string): Promise<number> {
  const rows = await tx.delete(signInFailures).where(eq(signInFailures.accountKey, accountKey)).returning({ at: signInFailures.at });
  return rows.length;
}

/** Failed sign-ins counted against one account since `since` (what locks it). */
export async function countAccountFailuresSince(tx: Tx, accountKey: string, since: Date): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(signInFailures)
    .where(and(eq(signInFailures.accountKey, accountKey), gt(signInFailures.at, since)));
  return Number(row?.count ?? 0);
}

export async function setTotp(
  tx: Tx,
  userId: string,
  values: { totpSecret: string | null; totpEnabledAt: Date | null; recoveryCodeHashes: string[] },
): Promise<void> {
  await tx
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

/**
 * Records that a code of `step` was accepted, only if no code of that step or a later one was
 * accepted before: of two sign-ins racing with the same code, exactly one wins. False = a replay.
 */
export async function recordTotpStep(tx: Tx, userId: string, step: number): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function useRecoveryCode(tx: Tx, userId: string, codeHash: string): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ recoveryCodeHashes: sql`array_remove(${users.recoveryCodeHashes}, ${codeHash})` })
    .where(and(eq(users.id, userId), sql`${codeHash} = any(${users.recoveryCodeHashes})`))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function setPasswordHash(tx: Tx, userId: string, passwordHash: string): Promise<void> {
  await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
}
