import { and, asc, eq, gte, isNotNull, lte, ne, or, sql, SQL } from 'drizzle-orm';
import { startedMoreThanMonthsBefore } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { children } from './schema.ts';

/**
 * Named read queries for the placement success measures (outcomes module), in the caller's
 * transaction and through row-level security: the dates of each child's journey, the children
 * waiting for a match on a day, and the plans changed away from adoption in a period. Narrow rows (no names): the measures run over a year of a large
 * service; names are read for the one list a person opens (childrenByIds).
 */

export type JourneyDates = {
  id: string;
  enteredCareDate: string | null;
  placementOrderDate: string | null;
  /** Referred with brothers or sisters (the priority reason kept at referral). */
  inSiblingGroup: boolean;
};

/**
 * Children by id, or by a subquery of ids from another module (a large list stays in PostgreSQL).
 * The subquery is gathered into an array first: PostgreSQL then finds the children in one pass over
 * the key's index (a year's 16,000 children took about half the CPU of `IN (subquery)`, which the
 * planner, blind to how many ids the subquery yields, ran as one index look-up per child).
 */
function among(column: typeof children.id, ids: readonly string[] | SQL) {
  return ids instanceof SQL ? sql`${column} = ANY (ARRAY(${ids}))` : sql`${column} = ANY (${sql.param([...new Set(ids)])}::uuid[])`;
}

/** The journey dates of these children, of one local authority when asked (those the reader may not see are missing). */
export async function journeyDatesOf(tx: Tx, ids: readonly string[] | SQL, options: { localAuthorityId?: string } = {}): Promise<JourneyDates[]> {
  if (Array.isArray(ids) && ids.length === 0) return [];
  // Rows as node-postgres gives them, in JourneyDates' shape (a year's thousands of children, not
  // mapped one by one), and only the columns the measures use.
  const result = await tx.execute(sql`
    select id, entered_care_date as "enteredCareDate", placement_order_date as "placementOrderDate",
           'sibling_group' = ANY (priority_reasons) as "inSiblingGroup"
      from ${children}
     where ${among(children.id, ids)}${options.localAuthorityId ? sql` and ${children.organisationId} = ${options.localAuthorityId}` : sql``}`);
  return result.rows as JourneyDates[];
}

/**
 * How many children had waited more than each number of calendar months for a match on `on`
 * (the wait began before the day startedMoreThanMonthsBefore gives: one date compared per child, not
 * months added to each of a large service's children), leaving out
 * the children of `matched` (a subquery of child ids, from matching), with those children's ids
 * and the day their wait began when `list` asks for one number of months (longest waiting first).
 */
export async function waitingForMatchOn(
  tx: Tx,
  options: { on: string; months: readonly number[]; matched: SQL; localAuthorityId?: string; list?: number },
): Promise<{ counts: number[]; rows: { id: string; since: string }[] }> {
  const since = sql`coalesce(${children.placementOrderDate}, ${children.adoptionPlanDate})`;
  const longer = (months: number) => sql`${since} < ${startedMoreThanMonthsBefore(options.on, months)}::date`;
  const where = and(
    sql`${since} IS NOT NULL`,
    longer(Math.min(...options.months)),
    lte(children.referralDate, options.on),
    or(sql`${children.outcomeDate} IS NULL`, sql`${children.outcomeDate} > ${options.on}`),
    ne(children.status, 'declined'),
    options.localAuthorityId ? eq(children.organisationId, options.localAuthorityId) : undefined,
    sql`${children.id} NOT IN (${options.matched})`,
  );
  const [row] = await tx
    .select({
      counts: sql<string[]>`ARRAY[${sql.join(
        options.months.map((m) => sql`count(*) FILTER (WHERE ${longer(m)})`),
        sql`, `,
      )}]::text[]`,
    })
    .from(children)
    .where(where);
  const counts = (row?.counts ?? []).map(Number);
  if (options.list === undefined) return { counts, rows: [] };
  const rows = await tx
    .select({ id: children.id, since: sql<string>`${since}` })
    .from(children)
    .where(and(where, longer(options.list)))
    .orderBy(sql`${since}`, asc(children.id));
  return { counts, rows };
}

/** Children whose plan changed away from adoption in the period: any outcome but placed for adoption, with its reason. */
export async function planChangesBetween(tx: Tx, options: { from: string; to: string; localAuthorityId?: string }) {
  return tx
    .select({
      id: children.id,
      organisationId: children.organisationId,
      outcome: sql<string>`${children.outcome}`,
      outcomeReason: children.outcomeReason,
      outcomeDate: sql<string>`${children.outcomeDate}`,
    })
    .from(children)
    .where(
      and(
        isNotNull(children.outcome),
        ne(children.outcome, 'placed_for_adoption'),
        gte(children.outcomeDate, options.from),
        lte(children.outcomeDate, options.to),
        options.localAuthorityId ? eq(children.organisationId, options.localAuthorityId) : undefined,
      ),
    )
    .orderBy(asc(children.outcomeDate), asc(children.id));
}
