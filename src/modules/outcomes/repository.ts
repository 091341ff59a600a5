import { and, asc, between, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import type { InstrumentDefinition } from './instrument.ts';
import { outcomeAdministrations, outcomeInstruments, outcomeTrajectories, questionnaireResponses } from './schema.ts';

/** The only file that reads or writes the outcomes tables. */

export type AdministrationRow = typeof outcomeAdministrations.$inferSelect;
export type ResponseRow = typeof questionnaireResponses.$inferSelect;

export async function addedInstruments(tx: Tx): Promise<InstrumentDefinition[]> {
  const rows = await tx
    .select({ definition: outcomeInstruments.definition })
    .from(outcomeInstruments)
    .orderBy(asc(outcomeInstruments.code), asc(outcomeInstruments.version));
  return rows.map((r) => r.definition);
}

export async function addInstrument(tx: Tx, definition: InstrumentDefinition, createdBy: string | null): Promise<void> {
  await tx.insert(outcomeInstruments).values({ code: definition.code, version: definition.version, definition, createdBy });
}

export async function administrationsOf(tx: Tx, childIds: readonly string[]): Promise<AdministrationRow[]> {
  if (childIds.length === 0) return [];
  return tx
    .select()
    .from(outcomeAdministrations)
    .where(inArray(outcomeAdministrations.childId, [...childIds]))
    .orderBy(asc(outcomeAdministrations.completedOn), asc(outcomeAdministrations.createdAt));
}

export async function insertAdministration(tx: Tx, values: typeof outcomeAdministrations.$inferInsert): Promise<AdministrationRow> {
  const [row] = await tx.insert(outcomeAdministrations).values(values).returning();
  return row!;
}

/** Keeps the child's first-to-latest change on the instrument in step (see outcome_trajectories). */
export async function saveTrajectory(tx: Tx, values: typeof outcomeTrajectories.$inferInsert): Promise<void> {
  await tx
    .insert(outcomeTrajectories)
    .values(values)
    .onConflictDoUpdate({
      target: [outcomeTrajectories.childId, outcomeTrajectories.instrumentCode],
      set: {
        placementDate: values.placementDate,
        organisationId: values.organisationId,
        sharedWith: values.sharedWith,
        familyFinderId: values.familyFinderId,
        socialWorkerId: values.socialWorkerId,
        administrations: values.administrations,
        firstOn: values.firstOn,
        latestOn: values.latestOn,
        changes: values.changes,
        updatedAt: sql`now()`,
      },
    });
}

export type CohortFilter = {
  instrumentCode: string;
  placedFrom?: string;
  placedTo?: string;
  localAuthorityId?: string;
  /** A subquery of child ids (the children module's filters), when one is asked for. */
  childIds?: SQL;
};

function cohortWhere(filter: CohortFilter): SQL {
  const conditions: SQL[] = [eq(outcomeTrajectories.instrumentCode, filter.instrumentCode), gte(outcomeTrajectories.administrations, 2)];
  if (filter.placedFrom) conditions.push(gte(outcomeTrajectories.placementDate, filter.placedFrom));
  if (filter.placedTo) conditions.push(lte(outcomeTrajectories.placementDate, filter.placedTo));
  if (filter.localAuthorityId) conditions.push(eq(outcomeTrajectories.organisationId, filter.localAuthorityId));
  if (filter.childIds) conditions.push(sql`${outcomeTrajectories.childId} IN (${filter.childIds})`);
  return and(...conditions)!;
}

/**
 * Children with two or more administrations, counted per scale and change. The database counts each
 * combination of changes once (at most 3 to the power of the scales, a few hundred) and the counts per
 * scale are added up here: one hashed pass over the rows instead of a lookup per scale per row.
 */
export async function cohortCounts(tx: Tx, filter: CohortFilter): Promise<{ scale: string; change: string; children: number }[]> {
  const groups = await tx
    .select({ changes: outcomeTrajectories.changesKey, children: sql<string>`count(*)` })
    .from(outcomeTrajectories)
    .where(cohortWhere(filter))
    .groupBy(outcomeTrajectories.changesKey);
  const counts = new Map<string, { scale: string; change: string; children: number }>();
  for (const group of groups) {
    for (const [scale, change] of Object.entries(JSON.parse(group.changes ?? '{}') as Record<string, string>)) {
      const key = `${scale}:${change}`;
      const cell = counts.get(key) ?? { scale, change, children: 0 };
      cell.children += Number(group.children);
      counts.set(key, cell);
    }
  }
  return [...counts.values()];
}

/** The children behind one figure of the cohort report (agency staff only: the service decides). */
export async function cohortChildren(tx: Tx, filter: CohortFilter, scale: string, change: string, limit: number) {
  return tx
    .select({
      childId: outcomeTrajectories.childId,
      firstOn: outcomeTrajectories.firstOn,
      latestOn: outcomeTrajectories.latestOn,
      placementDate: outcomeTrajectories.placementDate,
    })
    .from(outcomeTrajectories)
    .where(and(cohortWhere(filter), sql`${outcomeTrajectories.changes} ->> ${scale} = ${change}`))
    .orderBy(desc(outcomeTrajectories.latestOn), asc(outcomeTrajectories.childId))
    .limit(limit);
}

/** The plain count of the same rows, for the benchmark's comparison. */
export async function cohortRowCount(tx: Tx, filter: CohortFilter): Promise<number> {
  const [row] = await tx
    .select({ n: sql<string>`count(*)` })
    .from(outcomeTrajectories)
    .where(cohortWhere(filter));
  return Number(row?.n ?? 0);
}

export async function responsesOfHouseholds(tx: Tx, householdIds: readonly string[]): Promise<ResponseRow[]> {
  if (householdIds.length === 0) return [];
  return tx
    .select()
    .from(questionnaireResponses)
    .where(inArray(questionnaireResponses.householdId, [...householdIds]))
    .orderBy(asc(questionnaireResponses.dueOn));
}

export async function getResponse(tx: Tx, id: string): Promise<ResponseRow | undefined> {
  const [row] = await tx.select().from(questionnaireResponses).where(eq(questionnaireResponses.id, id));
  return row;
}

/** Opens the questionnaire due for a family (once per due date: the unique key keeps it so). */
export async function openResponse(tx: Tx, values: typeof questionnaireResponses.$inferInsert): Promise<void> {
  await tx.insert(questionnaireResponses).values(values).onConflictDoNothing();
}

/** Saves answers on the version read; undefined when someone (another tab) saved first. */
export async function saveResponse(
  tx: Tx,
  id: string,
  version: number,
  values: Partial<typeof questionnaireResponses.$inferInsert>,
): Promise<ResponseRow | undefined> {
  const [row] = await tx
    .update(questionnaireResponses)
    .set({ ...values, updatedAt: sql`now()`, version: sql`${questionnaireResponses.version} + 1` })
    .where(and(eq(questionnaireResponses.id, id), eq(questionnaireResponses.version, version), eq(questionnaireResponses.status, 'draft')))
    .returning();
  return row;
}

/** Marks a questionnaire reminded, only if it was not yet: true when this call claimed it (so its e-mails go once). */
export async function claimReminder(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx
    .update(questionnaireResponses)
    .set({ remindedAt: sql`now()` })
    .where(and(eq(questionnaireResponses.id, id), isNull(questionnaireResponses.remindedAt)))
    .returning({ id: questionnaireResponses.id });
  return rows.length > 0;
}

/** Submitted answers of the agency's families to one instrument (the satisfaction report). */
export async function submittedResponses(tx: Tx, organisationId: string, instrumentCode: string, period?: { from: string; to: string }) {
  return tx
    .select({
      householdId: questionnaireResponses.householdId,
      dueMonths: questionnaireResponses.dueMonths,
      submittedOn: questionnaireResponses.submittedOn,
      answers: questionnaireResponses.answers,
      scores: questionnaireResponses.scores,
      comment: questionnaireResponses.comment,
      instrumentVersion: questionnaireResponses.instrumentVersion,
    })
    .from(questionnaireResponses)
    .where(
      and(
        eq(questionnaireResponses.organisationId, organisationId),
        eq(questionnaireResponses.instrumentCode, instrumentCode),
        eq(questionnaireResponses.status, 'submitted'),
        period ? between(questionnaireResponses.submittedOn, period.from, period.to) : undefined,
      ),
    )
    .orderBy(asc(questionnaireResponses.submittedOn));
}

/** The agency's questionnaires still open (due and not submitted), oldest due first. */
export async function openResponsesOf(tx: Tx, organisationId: string): Promise<ResponseRow[]> {
  return tx
    .select()
    .from(questionnaireResponses)
    .where(and(eq(questionnaireResponses.organisationId, organisationId), eq(questionnaireResponses.status, 'draft')))
    .orderBy(asc(questionnaireResponses.dueOn));
}

/** The local authorities whose children the reader's cohort holds (the filter's choices). */
export async function cohortLocalAuthorities(tx: Tx): Promise<string[]> {
  const rows = await tx.selectDistinct({ id: outcomeTrajectories.organisationId }).from(outcomeTrajectories);
  return rows.map((r) => r.id);
}
