import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { accessTokens, invitations, sessions, users } from '../../platform/auth/schema.ts';
import type { Tx } from '../../platform/db/pool.ts';

/**
 * What the retention module needs of accounts, through this front door: the organisation's staff
 * who have left (their account disabled) and when, and destroying a leaver's account once their
 * period is over. Adopters' accounts go with their household's record, so only staff are listed.
 * Run in the retention job's transaction.
 */
export async function leaversOf(tx: Tx, organisationId: string): Promise<{ id: string; disabledAt: Date }[]> {
  const rows = await tx
    .select({ id: users.id, disabledAt: users.disabledAt, roles: users.roles })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), isNotNull(users.disabledAt), isNull(users.destroyedAt)));
  return rows.filter((r) => !r.roles.every((role) => role === 'adopter')).map((r) => ({ id: r.id, disabledAt: r.disabledAt! }));
}

/**
 * Destroys a leaver's account: the row itself stays, because audit entries (an append-only hash
 * chain that is never edited), matches, meetings and training name the person by id, but it is
 * emptied of everything that says who they were (name, e-mail address, password, second factor,
 * roles), its sessions, tokens and invitations go, and it is marked destroyed so every page and
 * API answers 404 for it. Only a disabled staff account of the organisation; false otherwise.
 */
export async function destroyLeaverAccountInTx(tx: Tx, organisationId: string, userId: string): Promise<boolean> {
  const [leaver] = (await leaversOf(tx, organisationId)).filter((l) => l.id === userId);
  if (!leaver) return false;
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await tx.delete(accessTokens).where(eq(accessTokens.userId, userId));
  await tx.delete(invitations).where(eq(invitations.userId, userId));
  const emptied = await tx
    .update(users)
    .set({
      name: '',
      // The e-mail address is unique and required: a placeholder no one can receive, from the id alone.
      email: `destroyed-${userId}@retention.invalid`,
      roles: [],
      passwordHash: '!destroyed',
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      recoveryCodeHashes: sql`'{}'::text[]`,
      destroyedAt: new Date(),
      version: sql`${users.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(users.id, userId), eq(users.organisationId, organisationId), isNull(users.destroyedAt)))
    .returning({ id: users.id });
  return emptied.length > 0;
}
