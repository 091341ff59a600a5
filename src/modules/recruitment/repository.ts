import { and, asc, desc, eq, gte, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, type PageKey } from '../../platform/db/keyset.ts';
import { organisations, users } from '../../platform/auth/schema.ts';
import {
  applicants,
  considerationProfiles,
  enquiries,
  homeStudyVisits,
  householdChecks,
  householdMembers,
  households,
  householdStageEvents,
} from './schema.ts';
import type { Stage } from './vocabulary.ts';

export type HouseholdRow = typeof households.$inferSelect;
export type ApplicantRow = typeof applicants.$inferSelect;
export type CheckRow = typeof householdChecks.$inferSelect;
export type ProfileRow = typeof considerationProfiles.$inferSelect;

export async function firstAgency(tx: Tx) {
  const [row] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.type, 'agency'))
    .orderBy(asc(organisations.createdAt))
    .limit(1);
  return row;
}

/** A household still on its journey that already uses this address (an enquiry joins it). */
export async function openHouseholdByEmail(tx: Tx, organisationId: string, email: string) {
  const [row] = await tx
    .select({ id: households.id })
    .from(households)
    .where(
      and(
        eq(households.organisationId, organisationId),
        sql`lower(${households.email}) = lower(${email})`,
        sql`${households.stage} NOT IN ('withdrawn', 'not_approved')`,
      ),
    )
    .limit(1);
  return row;
}

export async function nextReference(tx: Tx, year: string): Promise<string> {
  const result = await tx.execute<{ n: string }>(sql`SELECT nextval('household_reference_seq')::text AS n`);
  return `AT-${year}-${String(result.rows[0]!.n).padStart(5, '0')}`;
}

export async function insertHousehold(tx: Tx, values: typeof households.$inferInsert): Promise<HouseholdRow> {
  const [row] = await tx.insert(households).values(values).returning();
  return row!;
}

export async function insertApplicant(tx: Tx, values: typeof applicants.$inferInsert): Promise<ApplicantRow> {
  const [row] = await tx.insert(applicants).values(values).returning();
  return row!;
}

export async function updateApplicant(tx: Tx, id: string, householdId: string, values: Partial<typeof applicants.$inferInsert>) {
  const [row] = await tx
    .update(applicants)
    .set(values)
    .where(and(eq(applicants.id, id), eq(applicants.householdId, householdId)))
    .returning();
  return row;
}

export async function deleteApplicant(tx: Tx, id: string, householdId: string) {
  await tx.delete(applicants).where(and(eq(applicants.id, id), eq(applicants.householdId, householdId)));
}

export async function replaceMembers(
  tx: Tx,
  householdId: string,
  organisationId: string,
  members: Omit<typeof householdMembers.$inferInsert, 'householdId' | 'organisationId'>[],
) {
  await tx.delete(householdMembers).where(eq(householdMembers.householdId, householdId));
  if (members.length) await tx.insert(householdMembers).values(members.map((m) => ({ ...m, householdId, organisationId })));
}

/** Serialises enquiries from one address until the transaction ends (a double click sends two at once). */
export async function lockEnquirer(tx: Tx, email: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`enquiry:${email.toLowerCase()}`}, 0))`);
}

/** Whether an enquiry with the same words from the same address arrived since then (the form sent again). */
export async function sameEnquiryReceivedSince(
  tx: Tx,
  input: { email: string; givenNames: string; familyName: string; message?: string | null; interests: readonly string[]; campaign?: string | null },
  since: Date,
): Promise<boolean> {
  const [row] = await tx
    .select({ id: enquiries.id })
    .from(enquiries)
    .where(
      and(
        sql`lower(${enquiries.email}) = lower(${input.email})`,
        gte(enquiries.receivedAt, since),
        eq(enquiries.givenNames, input.givenNames),
        eq(enquiries.familyName, input.familyName),
        sql`coalesce(${enquiries.message}, '') = ${input.message ?? ''}`,
        // Interests compared as a set: the same boxes ticked, in any order (codes have no commas).
        sql`array_to_string(array(select i from unnest(${enquiries.interests}) as i order by i collate "C"), ',') = ${[...input.interests].sort().join(',')}`,
        sql`coalesce(upper(${enquiries.referrerCode}), '') = ${(input.campaign ?? '').toUpperCase()}`,
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function insertEnquiry(tx: Tx, values: typeof enquiries.$inferInsert) {
  await tx.insert(enquiries).values(values);
}

export async function insertStageEvent(tx: Tx, values: typeof householdStageEvents.$inferInsert) {
  await tx.insert(householdStageEvents).values(values);
}

export async function getHousehold(tx: Tx, id: string): Promise<HouseholdRow | undefined> {
  const [row] = await tx.select().from(households).where(eq(households.id, id));
  return row;
}

/** The household, locked for a change (a stage move reads checks and writes in one go). */
export async function getHouseholdForUpdate(tx: Tx, id: string): Promise<HouseholdRow | undefined> {
  const [row] = await tx.select().from(households).where(eq(households.id, id)).for('update');
  return row;
}

export async function updateHousehold(tx: Tx, id: string, version: number, values: Partial<typeof households.$inferInsert>): Promise<HouseholdRow | undefined> {
  const [row] = await tx
    .update(households)
    .set({ ...values, version: sql`${households.version} + 1`, updatedAt: new Date() })
    .where(and(eq(households.id, id), eq(households.version, version)))
    .returning();
  return row;
}

export async function applicantsOf(tx: Tx, householdId: string): Promise<ApplicantRow[]> {
  return tx.select().from(applicants).where(eq(applicants.householdId, householdId)).orderBy(asc(applicants.createdAt), asc(applicants.id));
}

export async function membersOf(tx: Tx, householdId: string) {
  return tx
    .select()
    .from(householdMembers)
    .where(eq(householdMembers.householdId, householdId))
    .orderBy(asc(householdMembers.kind), asc(householdMembers.name));
}

export async function checksOf(tx: Tx, householdId: string): Promise<CheckRow[]> {
  return tx
    .select()
    .from(householdChecks)
    .where(eq(householdChecks.householdId, householdId))
    .orderBy(asc(householdChecks.kind), asc(householdChecks.requestedDate), asc(householdChecks.id));
}

export async function getCheck(tx: Tx, householdId: string, checkId: string): Promise<CheckRow | undefined> {
  const [row] = await tx
    .select()
    .from(householdChecks)
    .where(and(eq(householdChecks.id, checkId), eq(householdChecks.householdId, householdId)));
  return row;
}

export async function insertCheck(tx: Tx, values: typeof householdChecks.$inferInsert): Promise<CheckRow> {
  const [row] = await tx.insert(householdChecks).values(values).returning();
  return row!;
}

export async function updateCheck(tx: Tx, id: string, version: number, values: Partial<typeof householdChecks.$inferInsert>): Promise<CheckRow | undefined> {
  const [row] = await tx
    .update(householdChecks)
    .set({ ...values, version: sql`${householdChecks.version} + 1`, updatedAt: new Date() })
    .where(and(eq(householdChecks.id, id), eq(householdChecks.version, version)))
    .returning();
  return row;
}

export async function visitsOf(tx: Tx, householdId: string) {
  return tx
    .select({ id: homeStudyVisits.id, visitDate: homeStudyVisits.visitDate, focus: homeStudyVisits.focus, workerName: users.name })
    .from(homeStudyVisits)
    .leftJoin(users, eq(users.id, homeStudyVisits.workerId))
    .where(eq(homeStudyVisits.householdId, householdId))
    .orderBy(asc(homeStudyVisits.visitDate));
}

export async function insertVisit(tx: Tx, values: typeof homeStudyVisits.$inferInsert) {
  const [row] = await tx.insert(homeStudyVisits).values(values).returning();
  return row!;
}

export async function stageEventsOf(tx: Tx, householdId: string) {
  return tx
    .select({
      fromStage: householdStageEvents.fromStage,
      toStage: householdStageEvents.toStage,
      effectiveDate: householdStageEvents.effectiveDate,
      reason: householdStageEvents.reason,
      at: householdStageEvents.at,
      actorName: users.name,
    })
    .from(householdStageEvents)
    .leftJoin(users, eq(users.id, householdStageEvents.actorId))
    .where(eq(householdStageEvents.householdId, householdId))
    .orderBy(desc(householdStageEvents.at));
}

export async function profilesOf(tx: Tx, householdId: string): Promise<(ProfileRow & { recordedByName: string | null })[]> {
  const rows = await tx
    .select({ profile: considerationProfiles, recordedByName: users.name })
    .from(considerationProfiles)
    .leftJoin(users, eq(users.id, considerationProfiles.recordedBy))
    .where(eq(considerationProfiles.householdId, householdId))
    .orderBy(desc(considerationProfiles.profileVersion));
  return rows.map((r) => ({ ...r.profile, recordedByName: r.recordedByName }));
}

/** A new version of what the family can consider; the previous one stays as history. */
export async function insertProfile(tx: Tx, values: Omit<typeof considerationProfiles.$inferInsert, 'profileVersion' | 'isCurrent'>): Promise<ProfileRow> {
  const [latest] = await tx
    .select({ version: sql<number>`coalesce(max(${considerationProfiles.profileVersion}), 0)::int` })
    .from(considerationProfiles)
    .where(eq(considerationProfiles.householdId, values.householdId));
  await tx
    .update(considerationProfiles)
    .set({ isCurrent: false })
    .where(and(eq(considerationProfiles.householdId, values.householdId), eq(considerationProfiles.isCurrent, true)));
  const [row] = await tx
    .insert(considerationProfiles)
    .values({ ...values, profileVersion: (latest?.version ?? 0) + 1, isCurrent: true })
    .returning();
  return row!;
}

export type HouseholdListFilter = { organisationId?: string; stages?: readonly Stage[]; socialWorkerId?: string; q?: string; limit: number; after?: PageKey };

const householdOrder = keyset(sql`${households.stageSince}`, households.id, 'asc', 'date');

/** The list's filters as conditions on the households' rows (shared by the keyset list and the numbered pages). */
function householdConditions(filter: Omit<HouseholdListFilter, 'limit' | 'after'>): SQL[] {
  const conditions: SQL[] = [];
  if (filter.organisationId) conditions.push(eq(households.organisationId, filter.organisationId));
  if (filter.stages?.length) conditions.push(inArray(households.stage, [...filter.stages]));
  if (filter.socialWorkerId) conditions.push(eq(households.socialWorkerId, filter.socialWorkerId));
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(households.reference, like),
        ilike(households.email, like),
        sql`EXISTS (SELECT 1 FROM ${applicants} a WHERE a.household_id = households.id AND (a.given_names || ' ' || a.family_name) ILIKE ${like})`,
      )!,
    );
  }
  return conditions;
}

const listColumns = {
  household: households,
  socialWorkerName: users.name,
  applicantNames: sql<
    string[]
  >`coalesce((SELECT array_agg(a.given_names || ' ' || a.family_name ORDER BY a.created_at, a.id) FROM ${applicants} a WHERE a.household_id = households.id), '{}')`,
};

/** Households with their applicants' names and worker, oldest in their stage first. */
export async function listHouseholds(tx: Tx, filter: HouseholdListFilter) {
  const conditions = householdConditions(filter);
  const after = householdOrder.after(filter.after);
  if (after) conditions.push(after);
  const rows = await tx
    .select({ ...listColumns, sortValue: householdOrder.value })
    .from(households)
    .leftJoin(users, eq(users.id, households.socialWorkerId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(...householdOrder.orderBy)
    .limit(filter.limit);
  return rows;
}

/** The columns the households list page sorts by, as its headings name them. */
export const HOUSEHOLD_LIST_SORTS = ['reference', 'stage', 'since', 'worker'] as const;
export type HouseholdListSort = (typeof HOUSEHOLD_LIST_SORTS)[number];

function householdOrderOf(sort: HouseholdListSort, dir: 'asc' | 'desc'): SQL[] {
  const way = sql.raw(dir);
  const key =
    sort === 'reference'
      ? sql`${households.reference}`
      : sort === 'stage'
        ? sql`${households.stage}`
        : sort === 'worker'
          ? sql`coalesce(${users.name}, '')`
          : sql`${households.stageSince}`;
  return [sql`${key} ${way}`, sql`${households.stageSince} asc`, sql`${households.id} ${way}`];
}

/**
 * One numbered page of households (LIMIT/OFFSET, or every row when `limit` is undefined) and how
 * many match, in the caller's transaction: row-level security decides which households exist.
 */
export async function pageHouseholds(
  tx: Tx,
  filter: Omit<HouseholdListFilter, 'limit' | 'after'>,
  order: { sort: HouseholdListSort; dir: 'asc' | 'desc'; limit?: number; offset?: number },
) {
  const conditions = householdConditions(filter);
  const where = conditions.length ? and(...conditions) : undefined;
  const [counted] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(households)
    .where(where);
  const query = tx
    .select(listColumns)
    .from(households)
    .leftJoin(users, eq(users.id, households.socialWorkerId))
    .where(where)
    .orderBy(...householdOrderOf(order.sort, order.dir));
  const rows = order.limit === undefined ? await query : await query.limit(order.limit).offset(order.offset ?? 0);
  return { rows, total: counted?.total ?? 0 };
}

/** Adoption workers of the organisation, for allocating a household. */
export async function adoptionWorkers(tx: Tx, organisationId: string) {
  return tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        isNull(users.disabledAt),
        sql`${users.roles} && ARRAY['family_finder','social_worker','service_manager']::text[]`,
      ),
    )
    .orderBy(asc(users.name));
}

export async function enquiriesOf(tx: Tx, householdId: string) {
  return tx.select().from(enquiries).where(eq(enquiries.householdId, householdId)).orderBy(desc(enquiries.receivedAt));
}
