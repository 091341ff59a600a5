import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { signInFailures, users } from '../../platform/auth/schema.ts';

/** How many active (not disabled) accounts hold each role, in the organisation given or everywhere the reader sees. */
export async function activeAccountsByRole(tx: Tx, organisationId: string | undefined): Promise<{ role: string; accounts: number }[]> {
  const result = await tx.execute(sql`
    select r.role, count(*)::int as accounts
    from ${users} u, unnest(u.roles) as r(role)
    where u.disabled_at is null ${organisationId ? sql`and u.organisation_id = ${organisationId}::uuid` : sql``}
    group by r.role order by r.role`);
  return (result.rows as { role: string; accounts: number }[]).map((r) => ({ role: r.role, accounts: Number(r.accounts) }));
}

/**
 * Accounts that cannot sign in now: disabled by an administrator, or locked by `perAccount` failed
 * sign-ins since `since` (the same key the sign-in counts: a hash of the lower-cased address).
 */
export async function lockedAccounts(tx: Tx, organisationId: string | undefined, since: Date, perAccount: number, limit: number) {
  const result = await tx.execute(sql`
    select u.id, u.name, u.disabled_at as "disabledAt", f.last_failure as "lastFailure"
    from ${users} u
    left join (
      select account_key, count(*) as failures, max(at) as last_failure from ${signInFailures}
      where at > ${since.toISOString()}::timestamptz group by account_key
    ) f on f.account_key = encode(sha256(convert_to('account:' || lower(u.email), 'UTF8')), 'hex')
    where (u.disabled_at is not null or f.failures >= ${perAccount})
      ${organisationId ? sql`and u.organisation_id = ${organisationId}::uuid` : sql``}
    order by coalesce(f.last_failure, u.disabled_at) desc, u.id
    limit ${limit}`);
  return (result.rows as { id: string; name: string; disabledAt: string | Date | null; lastFailure: string | Date | null }[]).map((r) => ({
    id: r.id,
    name: r.name,
    disabled: r.disabledAt !== null,
    lastFailure: r.lastFailure === null ? null : new Date(r.lastFailure),
  }));
}
