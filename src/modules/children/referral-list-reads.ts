import { asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { organisations, users } from '../../platform/auth/schema.ts';
import type { SortDirection } from '../../platform/views/list-page.ts';
import { referrals } from './schema.ts';
import { referralChildNames } from './search-reads.ts';
import type { ReferralRow } from './repository.ts';

/** The headings the decided referrals can be sorted by. */
export const DECIDED_REFERRAL_SORTS = ['children', 'decided', 'authority', 'status'] as const;
export type DecidedReferralSort = (typeof DECIDED_REFERRAL_SORTS)[number];
export const DECISIONS = ['accepted', 'declined'] as const;

/** Open work is shown whole; this only guards the page against a runaway list. */
export const OPEN_REFERRALS_SHOWN = 200;

const namesText = sql`lower(array_to_string(${referralChildNames}, ', '))`;
const columns = {
  referral: referrals,
  organisationName: organisations.name,
  organisationNameCy: organisations.nameCy,
  referredByName: users.name,
  childNames: referralChildNames,
};

function sortOf(sort: DecidedReferralSort, dir: SortDirection): SQL[] {
  const by = dir === 'asc' ? asc : desc;
  const key = {
    children: by(namesText),
    decided: by(referrals.decidedAt),
    authority: by(organisations.name),
    status: by(referrals.status),
  }[sort];
  return [key, desc(referrals.decidedAt), asc(referrals.id)];
}

/**
 * The referrals of one group of the referrals page, with their children's names, in the reader's
 * transaction (row-level security decides which exist for them). Drafts and those waiting for a
 * decision are open work, shown whole (oldest first); the decided ones grow for ever, so they come
 * a page at a time, sorted by a heading, with how many there are.
 */
export async function openReferrals(tx: Tx, status: 'draft' | 'submitted') {
  return tx
    .select(columns)
    .from(referrals)
    .innerJoin(organisations, eq(organisations.id, referrals.organisationId))
    .innerJoin(users, eq(users.id, referrals.referredBy))
    .where(eq(referrals.status, status))
    .orderBy(status === 'draft' ? desc(referrals.updatedAt) : asc(referrals.submittedAt), asc(referrals.id))
    .limit(OPEN_REFERRALS_SHOWN);
}

export async function pageDecidedReferrals(
  tx: Tx,
  filter: { decision?: ReferralRow['status'] },
  order: { sort: DecidedReferralSort; dir: SortDirection; limit: number; offset: number },
) {
  const where = inArray(referrals.status, filter.decision ? [filter.decision] : [...DECISIONS]);
  const [counted] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(referrals)
    .innerJoin(organisations, eq(organisations.id, referrals.organisationId))
    .innerJoin(users, eq(users.id, referrals.referredBy))
    .where(where);
  const rows = await tx
    .select(columns)
    .from(referrals)
    .innerJoin(organisations, eq(organisations.id, referrals.organisationId))
    .innerJoin(users, eq(users.id, referrals.referredBy))
    .where(where)
    .orderBy(...sortOf(order.sort, order.dir))
    .limit(order.limit)
    .offset(order.offset);
  return { rows, total: counted?.total ?? 0 };
}
