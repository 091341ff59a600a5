import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, type PageKey } from '../../platform/db/keyset.ts';
import { users } from '../../platform/auth/schema.ts';
import { childIdsWhere, childNamesOf, childrenForMatch, matchingUnitOf } from '../children/index.ts';
import { applicantFullNamesOf, householdLabelOf, householdLabelsOf, linkableHouseholdsOf } from '../recruitment/index.ts';
import { matchEvents, matches, transitionSteps } from './schema.ts';
import { LINK_STAGES, MATCH_STAGES, type MatchStage } from './vocabulary.ts';

export type MatchRow = typeof matches.$inferSelect;

/** The matching unit of a child and the children of a match: the children module's named queries. */
export const unitOfChild = matchingUnitOf;
export const childrenByIds = childrenForMatch;

export async function insertMatch(tx: Tx, values: typeof matches.$inferInsert): Promise<MatchRow> {
  const [row] = await tx.insert(matches).values(values).returning();
  return row!;
}

export async function getMatch(tx: Tx, id: string, forUpdate = false): Promise<MatchRow | undefined> {
  const query = tx.select().from(matches).where(eq(matches.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function updateMatch(tx: Tx, id: string, version: number, values: Partial<typeof matches.$inferInsert>): Promise<MatchRow | undefined> {
  const [row] = await tx
    .update(matches)
    .set({ ...values, version: sql`${matches.version} + 1`, updatedAt: new Date() })
    .where(and(eq(matches.id, id), eq(matches.version, version)))
    .returning();
  return row;
}

export async function insertMatchEvent(tx: Tx, values: typeof matchEvents.$inferInsert) {
  await tx.insert(matchEvents).values(values);
}

export async function eventsOf(tx: Tx, matchId: string) {
  return tx
    .select({
      fromStage: matchEvents.fromStage,
      toStage: matchEvents.toStage,
      effectiveDate: matchEvents.effectiveDate,
      reason: matchEvents.reason,
      at: matchEvents.at,
      actorName: users.name,
    })
    .from(matchEvents)
    .leftJoin(users, eq(users.id, matchEvents.actorId))
    .where(eq(matchEvents.matchId, matchId))
    .orderBy(desc(matchEvents.at));
}

/** Open links or matches (not closed) of a household or a unit, optionally only those at some stages. */
export async function openMatches(tx: Tx, filter: { householdId?: string; unitKey?: string; stages?: readonly MatchStage[]; exceptId?: string }) {
  const conditions: SQL[] = [sql`${matches.stage} NOT IN ('adoption_order', 'declined', 'ended', 'disrupted')`];
  if (filter.householdId) conditions.push(eq(matches.householdId, filter.householdId));
  if (filter.unitKey) conditions.push(eq(matches.unitKey, filter.unitKey));
  if (filter.stages) conditions.push(inArray(matches.stage, [...filter.stages]));
  if (filter.exceptId) conditions.push(ne(matches.id, filter.exceptId));
  return tx
    .select({ id: matches.id, stage: matches.stage, householdId: matches.householdId, unitKey: matches.unitKey })
    .from(matches)
    .where(and(...conditions));
}

export const isLinkStage = (stage: MatchStage) => (LINK_STAGES as readonly string[]).includes(stage);

/** Matches with the names a worker recognises: the household's reference and applicants, the children. */
/** Most recently changed first (a match changed between two pages moves to the front). */
const matchOrder = keyset(sql`${matches.updatedAt}`, matches.id, 'desc', 'timestamptz');

export async function listMatches(
  tx: Tx,
  filter: { householdId?: string; childId?: string; open?: boolean; allocatedTo?: string; organisationId?: string; limit: number; after?: PageKey },
) {
  const conditions: SQL[] = [];
  // A match records no family finder: the links of the children allocated to one are theirs.
  if (filter.allocatedTo) conditions.push(sql`${matches.childIds} && ARRAY(${childIdsWhere({ familyFinderId: filter.allocatedTo })})`);
  if (filter.householdId) conditions.push(eq(matches.householdId, filter.householdId));
  if (filter.childId) conditions.push(sql`${filter.childId}::uuid = ANY (${matches.childIds})`);
  if (filter.open) conditions.push(sql`${matches.stage} NOT IN ('adoption_order', 'declined', 'ended', 'disrupted')`);
  if (filter.organisationId) conditions.push(sql`${filter.organisationId}::uuid = ANY (${matches.sharedWith})`);
  const after = matchOrder.after(filter.after);
  if (after) conditions.push(after);
  const rows = await tx
    .select({ match: matches, sortValue: matchOrder.value })
    .from(matches)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(...matchOrder.orderBy)
    .limit(filter.limit);
  return withNames(tx, rows);
}

/** The headings the matches list can be sorted by (names come from other modules, so not those). */
export const MATCH_LIST_SORTS = ['stage', 'since'] as const;
export type MatchListSort = (typeof MATCH_LIST_SORTS)[number];
const CLOSED = sql`('adoption_order', 'declined', 'ended', 'disrupted')`;

/** One numbered page of the links and matches shared with an organisation, sorted by a heading, with how many there are. */
export async function pageMatchList(
  tx: Tx,
  filter: { open: boolean; stage?: MatchStage; organisationId?: string },
  order: { sort: MatchListSort; dir: 'asc' | 'desc'; limit: number; offset: number },
) {
  const where = and(
    filter.open ? sql`${matches.stage} NOT IN ${CLOSED}` : undefined,
    filter.stage ? eq(matches.stage, filter.stage) : undefined,
    filter.organisationId ? sql`${filter.organisationId}::uuid = ANY (${matches.sharedWith})` : undefined,
  );
  const by = order.dir === 'asc' ? asc : desc;
  // Stages in the order a match moves through them, not by name.
  const stageOrder = sql`array_position(ARRAY[${sql.join(
    MATCH_STAGES.map((stage) => sql`${stage}`),
    sql`, `,
  )}]::text[], ${matches.stage})`;
  const key = order.sort === 'stage' ? by(stageOrder) : by(matches.stageSince);
  const [counted] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(matches)
    .where(where);
  const rows = await tx
    .select({ match: matches })
    .from(matches)
    .where(where)
    .orderBy(key, asc(matches.stageSince), desc(matches.updatedAt), asc(matches.id))
    .limit(order.limit)
    .offset(order.offset);
  return { rows: await withNames(tx, rows), total: counted?.total ?? 0 };
}

/** Names from their owners' front doors; one the reader may not see is left out (a reference is then null). */
async function withNames<R extends { match: typeof matches.$inferSelect }>(tx: Tx, rows: R[]) {
  const households = await householdLabelsOf(
    tx,
    rows.map((r) => r.match.householdId),
  );
  const applicants = await applicantFullNamesOf(
    tx,
    rows.map((r) => r.match.householdId),
  );
  const childNames = await childNamesOf(
    tx,
    rows.flatMap((r) => r.match.childIds),
  );
  return rows.map((row) => ({
    ...row,
    householdReference: households.get(row.match.householdId)?.reference ?? null,
    applicantNames: applicants.get(row.match.householdId) ?? [],
    childNames: [...childNames.entries()].filter(([id]) => row.match.childIds.includes(id)).map(([, child]) => child.name),
  }));
}

export async function transitionStepsOf(tx: Tx, matchId: string) {
  return tx.select().from(transitionSteps).where(eq(transitionSteps.matchId, matchId)).orderBy(asc(transitionSteps.plannedDate));
}

export async function householdNames(tx: Tx, householdId: string) {
  const household = await householdLabelOf(tx, householdId);
  if (!household) return undefined;
  return {
    reference: household.reference,
    stage: household.stage,
    organisationId: household.organisationId,
    names: (await applicantFullNamesOf(tx, [householdId])).get(householdId) ?? [],
  };
}

/** Approved families of the agency who may be linked, with what they can consider now (recruitment's named query). */
export const linkableHouseholds = linkableHouseholdsOf;
