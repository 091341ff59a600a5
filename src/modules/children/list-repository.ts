import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import type { SortDirection } from '../../platform/views/list-page.ts';
import type { ChildListFilters } from './inputs.ts';
import { childListConditions, LIST_COLUMNS, type ChildStatus, type PriorityThresholds } from './repository.ts';
import { children, siblingGroupMembers } from './schema.ts';

/** The columns the children list page sorts by, as its headings name them. */
export const CHILD_LIST_SORTS = ['name', 'age', 'referralDate'] as const;
export type ChildListSort = (typeof CHILD_LIST_SORTS)[number];

/** The name the list shows (the name the child is known by, then the family name), accents folded so Ŵ sorts with W. */
const shownName = sql`public.search_fold(coalesce(${children.preferredName}, ${children.legalGivenNames}) || ' ' || ${children.legalFamilyName})`;

function orderOf(sort: ChildListSort, dir: SortDirection): SQL[] {
  const way = sql.raw(dir);
  // The youngest first is "age ascending": the latest date of birth.
  if (sort === 'age') return [sql`${children.dateOfBirth} ${sql.raw(dir === 'asc' ? 'desc' : 'asc')}`, sql`${children.id} ${way}`];
  if (sort === 'name') return [sql`${shownName} ${way}`, sql`${children.id} ${way}`];
  return [sql`${children.referralDate} ${way}`, sql`${children.id} ${way}`];
}

/**
 * One numbered page of the children list (LIMIT/OFFSET) and how many children match in all, both
 * in the caller's transaction: row-level security decides which children exist for the reader.
 */
export async function pageChildren(
  tx: Tx,
  filters: Omit<ChildListFilters, 'sort' | 'limit'>,
  today: IsoDate,
  options: { thresholds: PriorityThresholds; statuses?: readonly ChildStatus[]; sort: ChildListSort; dir: SortDirection; limit: number; offset: number },
) {
  const conditions = childListConditions(filters, today, options);
  const where = conditions.length ? and(...conditions) : undefined;
  const [counted] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(children)
    .where(where);
  const rows = await tx
    .select({ child: LIST_COLUMNS, siblingGroupId: siblingGroupMembers.groupId })
    .from(children)
    .leftJoin(siblingGroupMembers, and(eq(siblingGroupMembers.childId, children.id), eq(siblingGroupMembers.active, true)))
    .where(where)
    .orderBy(...orderOf(options.sort, options.dir))
    .limit(options.limit)
    .offset(options.offset);
  return { rows, total: counted?.total ?? 0 };
}
