import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, pageOf, type PageRequest } from '../../platform/db/keyset.ts';
import { organisations, users } from '../../platform/auth/schema.ts';
import { addMonths, type IsoDate } from '../../platform/dates/dates.ts';
import type { ChildInput, ChildListFilters } from './inputs.ts';
import { childEvents, childNeeds, children, referrals, sharingGrants, siblingGroupMembers } from './schema.ts';
import type { ChildEventKind } from './timeline.ts';

export type ChildRow = typeof children.$inferSelect;
export type ChildStatus = ChildRow['status'];
export type ReferralRow = typeof referrals.$inferSelect;
export type NeedRow = typeof childNeeds.$inferSelect;

/** Columns the child's record holds directly (needs live in their own table). */
export type ChildColumns = Omit<ChildInput, 'needs'>;

export async function insertReferral(tx: Tx, values: typeof referrals.$inferInsert): Promise<ReferralRow> {
  const [row] = await tx.insert(referrals).values(values).returning();
  return row!;
}

export async function getReferral(tx: Tx, id: string): Promise<ReferralRow | undefined> {
  const [row] = await tx.select().from(referrals).where(eq(referrals.id, id));
  return row;
}

export async function updateReferral(tx: Tx, id: string, version: number, values: Partial<typeof referrals.$inferInsert>): Promise<ReferralRow | undefined> {
  const [row] = await tx
    .update(referrals)
    .set({ ...values, version: sql`${referrals.version} + 1`, updatedAt: new Date() })
    .where(and(eq(referrals.id, id), eq(referrals.version, version)))
    .returning();
  return row;
}

/** Deletes a draft at this version; a submitted referral or a changed draft is left alone (undefined). */
export async function deleteDraftReferral(tx: Tx, id: string, version: number): Promise<{ id: string } | undefined> {
  const [row] = await tx
    .delete(referrals)
    .where(and(eq(referrals.id, id), eq(referrals.status, 'draft'), eq(referrals.version, version)))
    .returning({ id: referrals.id });
  return row;
}

/** Newest first: by when a referral was submitted (a draft by when it was started), keyset-paginated. */
const referralOrder = keyset(sql`coalesce(${referrals.submittedAt}, ${referrals.createdAt})`, referrals.id, 'desc', 'timestamptz');

export async function listReferrals(tx: Tx, filter: { status?: ReferralRow['status']; organisationId?: string; agencyId?: string }, page: PageRequest) {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(referrals.status, filter.status));
  if (filter.organisationId) conditions.push(eq(referrals.organisationId, filter.organisationId));
  if (filter.agencyId) conditions.push(eq(referrals.agencyId, filter.agencyId));
  const after = referralOrder.after(page.after);
  if (after) conditions.push(after);
  const rows = await tx
    .select({
      referral: referrals,
      organisationName: organisations.name,
      organisationNameCy: organisations.nameCy,
      referredByName: users.name,
      sortValue: referralOrder.value,
    })
    .from(referrals)
    .innerJoin(organisations, eq(organisations.id, referrals.organisationId))
    .innerJoin(users, eq(users.id, referrals.referredBy))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(...referralOrder.orderBy)
    .limit(page.limit + 1);
  return pageOf(
    rows,
    page.limit,
    (r) => ({ value: r.sortValue, id: r.referral.id }),
    ({ sortValue: _s, ...r }) => r,
  );
}

export async function childrenOfReferral(tx: Tx, referralId: string): Promise<ChildRow[]> {
  return tx.select().from(children).where(eq(children.referralId, referralId)).orderBy(asc(children.dateOfBirth));
}

export async function insertChild(
  tx: Tx,
  values: ChildColumns & {
    organisationId: string;
    referralId: string | null;
    referralDate: IsoDate;
    region: string | null;
    priorityReasons: string[];
    needCategories: string[];
    socialWorkerId: string | null;
  },
): Promise<ChildRow> {
  const [row] = await tx.insert(children).values(values).returning();
  return row!;
}

export async function replaceNeeds(tx: Tx, childId: string, organisationId: string, needs: ChildInput['needs']): Promise<void> {
  await tx.delete(childNeeds).where(eq(childNeeds.childId, childId));
  if (needs.length) await tx.insert(childNeeds).values(needs.map((n) => ({ ...n, childId, organisationId })));
}

export async function needsOf(tx: Tx, childId: string): Promise<NeedRow[]> {
  return tx.select().from(childNeeds).where(eq(childNeeds.childId, childId)).orderBy(asc(childNeeds.category));
}

export async function getChild(tx: Tx, id: string): Promise<ChildRow | undefined> {
  const [row] = await tx.select().from(children).where(eq(children.id, id));
  return row;
}

/** Updates only when the version read is still current; undefined means someone else changed it. */
export async function updateChild(tx: Tx, id: string, version: number, values: Partial<typeof children.$inferInsert>): Promise<ChildRow | undefined> {
  const [row] = await tx
    .update(children)
    .set({ ...values, version: sql`${children.version} + 1`, updatedAt: new Date() })
    .where(and(eq(children.id, id), eq(children.version, version)))
    .returning();
  return row;
}

export async function setChildrenStatus(tx: Tx, referralId: string, values: Partial<typeof children.$inferInsert>): Promise<void> {
  await tx
    .update(children)
    .set({ ...values, version: sql`${children.version} + 1`, updatedAt: new Date() })
    .where(eq(children.referralId, referralId));
}

/** Records the grant and opens the child's row to the organisation (shared_with), together. */
export async function grantAccess(
  tx: Tx,
  values: { childId: string; organisationId: string; ownerOrganisationId: string; purpose: 'referral_decision' | 'family_finding' },
): Promise<void> {
  await tx.insert(sharingGrants).values(values);
  await tx
    .update(children)
    .set({ sharedWith: sql`array(select distinct unnest(${children.sharedWith} || ${values.organisationId}::uuid))` })
    .where(eq(children.id, values.childId));
}

/** Ends an organisation's grants on a child; the organisation may give up only its own access. */
export async function revokeGrants(tx: Tx, childId: string, organisationId: string): Promise<void> {
  await tx.execute(sql`select relinquish_child_access(${childId}::uuid, ${organisationId}::uuid)`);
}

/** Replaces the purpose of a live grant (decision → family finding) without closing access in between. */
export async function changeGrantPurpose(tx: Tx, childId: string, organisationId: string, purpose: 'referral_decision' | 'family_finding'): Promise<void> {
  await tx
    .update(sharingGrants)
    .set({ revokedAt: new Date() })
    .where(and(eq(sharingGrants.childId, childId), eq(sharingGrants.organisationId, organisationId), isNull(sharingGrants.revokedAt)));
  const [child] = await tx.select({ owner: children.organisationId }).from(children).where(eq(children.id, childId));
  await tx.insert(sharingGrants).values({ childId, organisationId, ownerOrganisationId: child!.owner, purpose });
}

export async function sharedWith(tx: Tx, childId: string): Promise<string[]> {
  const rows = await tx
    .select({ organisationId: sharingGrants.organisationId })
    .from(sharingGrants)
    .where(and(eq(sharingGrants.childId, childId), isNull(sharingGrants.revokedAt)));
  return rows.map((r) => r.organisationId);
}

export async function addEvent(
  tx: Tx,
  values: {
    childId: string;
    organisationId: string;
    actorId: string | null;
    event: ChildEventKind;
    changes?: Record<string, { from: unknown; to: unknown }>;
    version?: number;
    at?: Date;
  },
): Promise<void> {
  await tx.insert(childEvents).values(values);
}

/** Whether a referral's free text was removed under the retention schedule (a line on a remaining child's history says so). */
export async function referralTextRemoved(tx: Tx, referralId: string): Promise<boolean> {
  const [found] = await tx
    .select({ childId: childEvents.childId })
    .from(childEvents)
    .innerJoin(children, eq(children.id, childEvents.childId))
    .where(and(eq(children.referralId, referralId), eq(childEvents.event, 'referral.text-removed')))
    .limit(1);
  return Boolean(found);
}

export async function timelineOf(tx: Tx, childId: string, limit = 100) {
  return tx
    .select({ at: childEvents.at, event: childEvents.event, changes: childEvents.changes, version: childEvents.version, actorName: users.name })
    .from(childEvents)
    .leftJoin(users, eq(users.id, childEvents.actorId))
    .where(eq(childEvents.childId, childId))
    .orderBy(desc(childEvents.at))
    .limit(limit);
}

/** The agency's priority thresholds that depend on dates, as the queries need them. */
export type PriorityThresholds = { minimumAgeYears: number; waitingMonthsSincePlacementOrder: number };

/**
 * A priority reason as a condition on the children's rows. The reasons that depend on the agency's
 * thresholds (age at referral, time since the placement order) are worked out from the dates with
 * today's thresholds, so a changed setting applies to every child at once; the others were stored
 * with the record.
 */
export function priorityReasonCondition(reason: string, today: IsoDate, thresholds: PriorityThresholds): SQL {
  if (reason === 'waiting_since_placement_order')
    return sql`${children.placementOrderDate} <= ${addMonths(today, -thresholds.waitingMonthsSincePlacementOrder)}`;
  if (reason === 'age') return sql`date_part('year', age(${children.referralDate}, ${children.dateOfBirth})) >= ${thresholds.minimumAgeYears}::int`;
  return sql`${children.priorityReasons} @> array[${reason}]::text[]`;
}

/** Completed years of age in each band, inclusive. */
export const AGE_BAND_YEARS: Record<ChildListFilters['ageBand'] & string, [number, number]> = {
  '0-3': [0, 3],
  '4-6': [4, 6],
  '7-9': [7, 9],
  '10-plus': [10, 200],
};

export type ListCursor = { value: string | null; id: string };

const SORT_COLUMNS = {
  referralDate: { column: children.referralDate, direction: 'asc' },
  '-referralDate': { column: children.referralDate, direction: 'desc' },
  dateOfBirth: { column: children.dateOfBirth, direction: 'asc' },
  '-dateOfBirth': { column: children.dateOfBirth, direction: 'desc' },
  placementOrderDate: { column: children.placementOrderDate, direction: 'asc' },
} as const;

/**
 * What a list row needs (names, dates for the clocks and priority, codes): not the profile texts,
 * health or contact notes, which would only be read from disk, sent and decoded to be dropped.
 */
export const LIST_COLUMNS = {
  id: children.id,
  organisationId: children.organisationId,
  preferredName: children.preferredName,
  legalGivenNames: children.legalGivenNames,
  legalFamilyName: children.legalFamilyName,
  localAuthorityReference: children.localAuthorityReference,
  dateOfBirth: children.dateOfBirth,
  sex: children.sex,
  ethnicity: children.ethnicity,
  region: children.region,
  status: children.status,
  referralDate: children.referralDate,
  enteredCareDate: children.enteredCareDate,
  placementOrderDate: children.placementOrderDate,
  adoptionPlanDate: children.adoptionPlanDate,
  priorityReasons: children.priorityReasons,
  needCategories: children.needCategories,
  outcome: children.outcome,
  version: children.version,
};
export type ChildListRow = { [K in keyof typeof LIST_COLUMNS]: ChildRow[K] };

/** The list's filters as conditions on the children's rows (shared by the keyset list and the numbered pages). */
export function childListConditions(
  filters: Omit<ChildListFilters, 'sort' | 'limit'>,
  today: IsoDate,
  options: { organisationId?: string; thresholds: PriorityThresholds; statuses?: readonly ChildStatus[] },
): SQL[] {
  const conditions: SQL[] = [];
  if (options.organisationId) conditions.push(eq(children.organisationId, options.organisationId));
  if (options.statuses) conditions.push(inArray(children.status, [...options.statuses]));
  if (filters.priorityReason) conditions.push(priorityReasonCondition(filters.priorityReason, today, options.thresholds));
  if (filters.ageBand) {
    const [low, high] = AGE_BAND_YEARS[filters.ageBand];
    // Born after (today - high - 1 years) and on or before (today - low years).
    conditions.push(sql`${children.dateOfBirth} > ${addMonths(today, -(high + 1) * 12)} and ${children.dateOfBirth} <= ${addMonths(today, -low * 12)}`);
  }
  if (filters.waiting) conditions.push(sql`${children.referralDate} <= ${addMonths(today, filters.waiting === '6-months' ? -6 : -12)}`);
  if (filters.region) conditions.push(eq(children.region, filters.region));
  if (filters.need) conditions.push(sql`${children.needCategories} @> array[${filters.need}]::text[]`);
  if (filters.outcome === 'none') conditions.push(isNull(children.outcome));
  else if (filters.outcome) conditions.push(eq(children.outcome, filters.outcome));
  return conditions;
}

/**
 * A page of children matching the filters, keyset-paginated on (sort value, id): constant cost
 * per page however deep, unlike OFFSET. Missing placement order dates sort last.
 */
export async function listChildren(
  tx: Tx,
  filters: ChildListFilters,
  today: IsoDate,
  options: { after?: ListCursor; organisationId?: string; thresholds: PriorityThresholds; statuses?: readonly ChildStatus[] },
) {
  const conditions = childListConditions(filters, today, options);
  const sort = SORT_COLUMNS[filters.sort];
  const key = sort.column === children.placementOrderDate ? sql`coalesce(${children.placementOrderDate}, '9999-12-31'::date)` : sql`${sort.column}`;
  if (options.after) {
    const comparator = sort.direction === 'asc' ? sql`>` : sql`<`;
    conditions.push(sql`(${key}, ${children.id}) ${comparator} (${options.after.value}::date, ${options.after.id}::uuid)`);
  }
  const order = sort.direction === 'asc' ? [sql`${key} asc`, sql`${children.id} asc`] : [sql`${key} desc`, sql`${children.id} desc`];
  return tx
    .select({
      child: LIST_COLUMNS,
      sortValue: sql<string>`${key}::text`,
      siblingGroupId: siblingGroupMembers.groupId,
    })
    .from(children)
    .leftJoin(siblingGroupMembers, and(eq(siblingGroupMembers.childId, children.id), eq(siblingGroupMembers.active, true)))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(...order)
    .limit(filters.limit + 1);
}

export async function agencyOrganisations(tx: Tx) {
  return tx.select().from(organisations).where(eq(organisations.type, 'agency')).orderBy(asc(organisations.createdAt));
}

export async function familyFinders(tx: Tx, organisationId: string) {
  return tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), isNull(users.disabledAt), sql`'family_finder' = any(${users.roles})`))
    .orderBy(asc(users.name));
}

export async function userInOrganisation(tx: Tx, userId: string, organisationId: string, role: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organisationId, organisationId), isNull(users.disabledAt), sql`${role} = any(${users.roles})`));
  return Boolean(row);
}
