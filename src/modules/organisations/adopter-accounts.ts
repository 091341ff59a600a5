import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { invitations, organisations, users } from '../../platform/auth/schema.ts';

/**
 * Adopters' accounts and their invitations, for the adoption portal: the account an invitation
 * creates or updates, and the invitation's life (sent, revoked, accepted). The portal asks through
 * index.ts rather than writing users and invitations itself.
 */

export type UserRow = typeof users.$inferSelect;

export type InvitationRow = typeof invitations.$inferSelect;

/** An organisation's name in English and, when it has one, Welsh (the reader's language chooses). */
export async function organisationName(tx: Tx, id: string): Promise<{ name: string; nameCy: string | null } | undefined> {
  const [row] = await tx.select({ name: organisations.name, nameCy: organisations.nameCy }).from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function userName(tx: Tx, id: string): Promise<string | undefined> {
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, id));
  return row?.name;
}

export async function getUser(tx: Tx, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id));
  return row;
}

/** A user by e-mail among those the actor may see (row-level security hides the rest). */
export async function findUserByEmail(tx: Tx, email: string): Promise<UserRow | undefined> {
  const [row] = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function insertAdopterUser(
  tx: Tx,
  values: { organisationId: string; email: string; name: string; preferredLanguage: 'en' | 'cy'; passwordHash: string },
): Promise<string> {
  const [row] = await tx
    .insert(users)
    .values({ ...values, roles: ['adopter'] })
    .returning({ id: users.id });
  return row!.id;
}

/**
 * Keeps the account's address (and, until the person chooses their own, its language) in step with the
 * applicant's record: leave `preferredLanguage` out to keep the language the person chose.
 */
export async function updateAdopterContact(tx: Tx, userId: string, values: { email: string; preferredLanguage?: 'en' | 'cy' }): Promise<void> {
  await tx
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

/** Ends every link still open for the account (a new invitation replaces them). */
export async function revokeOpenInvitations(tx: Tx, userId: string, now: Date): Promise<number> {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.userId, userId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return rows.length;
}

export async function insertInvitation(tx: Tx, values: { userId: string; tokenHash: string; expiresAt: Date; invitedBy: string | null }): Promise<string> {
  const [row] = await tx.insert(invitations).values(values).returning({ id: invitations.id });
  return row!.id;
}

export async function invitationsOfUsers(tx: Tx, userIds: readonly string[]): Promise<InvitationRow[]> {
  if (userIds.length === 0) return [];
  return tx
    .select()
    .from(invitations)
    .where(inArray(invitations.userId, [...userIds]))
    .orderBy(desc(invitations.createdAt));
}

/** The invitation behind a link, with its account, locked so two submissions cannot both accept it. */
export async function invitationByTokenHash(tx: Tx, tokenHash: string, options: { lock: boolean }) {
  const query = tx
    .select({ invitation: invitations, user: users, organisation: organisations })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(invitations.tokenHash, tokenHash));
  const [row] = options.lock ? await query.for('update', { of: invitations }) : await query;
  return row;
}

export async function markInvitationAccepted(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, id));
}
