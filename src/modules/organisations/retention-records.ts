import { and, eq, isNotNull } from 'drizzle-orm';
import { users } from '../../platform/auth/schema.ts';
import type { Tx } from '../../platform/db/pool.ts';

/**
 * What the retention module needs of accounts, through this front door: the organisation's staff
 * who have left (their account disabled) and when. Adopters' accounts go with their household's
 * record, so only staff are listed. Run in the retention job's transaction.
 */
export async function leaversOf(tx: Tx, organisationId: string): Promise<{ id: string; disabledAt: Date }[]> {
  const rows = await tx
    .select({ id: users.id, disabledAt: users.disabledAt, roles: users.roles })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), isNotNull(users.disabledAt)));
  return rows.filter((r) => !r.roles.every((role) => role === 'adopter')).map((r) => ({ id: r.id, disabledAt: r.disabledAt! }));
}
