import { and, asc, between, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { partnerSatisfactionResponses, workerQuestionnaireReceipts } from './schema.ts';

/** The only file that reads or writes the partners' satisfaction tables (row-level security stands behind every read). */

export type PartnerAnswer = {
  answers: Record<string, number>;
  scores: Record<string, number>;
  comment: string | null;
  period: string;
};

/** Which of these children the authority has already answered for, as `childId|dueOn`. */
export async function authorityAnswersFor(tx: Tx, instrumentCode: string, childIds: readonly string[]): Promise<Set<string>> {
  if (childIds.length === 0) return new Set();
  const rows = await tx
    .select({ childId: partnerSatisfactionResponses.childId, dueOn: partnerSatisfactionResponses.dueOn })
    .from(partnerSatisfactionResponses)
    .where(and(eq(partnerSatisfactionResponses.instrumentCode, instrumentCode), inArray(partnerSatisfactionResponses.childId, [...childIds])));
  return new Set(rows.map((r) => `${r.childId}|${r.dueOn}`));
}

/**
 * Stores an authority's answer; false when one is already stored for the child and due point (a
 * second tab, a colleague): the unique index decides, so two at once store one.
 */
export async function insertAuthorityAnswer(
  tx: Tx,
  values: {
    organisationId: string;
    agencyId: string;
    childId: string;
    instrumentCode: string;
    instrumentVersion: number;
    dueOn: string;
    dueMonths: number;
    submittedOn: string;
    language: string;
    /** Null only for the demo's fictional answers, which no account gave. */
    respondentUserId: string | null;
  } & PartnerAnswer,
): Promise<string | undefined> {
  const rows = await tx
    .insert(partnerSatisfactionResponses)
    .values({ ...values, respondentGroup: 'local_authority' })
    .onConflictDoNothing()
    .returning({ id: partnerSatisfactionResponses.id });
  return rows[0]?.id;
}

/** Claims the worker's answer for the year; false when they have answered it already. */
export async function claimWorkerReceipt(tx: Tx, values: { userId: string; organisationId: string; instrumentCode: string; period: string }): Promise<boolean> {
  const rows = await tx.insert(workerQuestionnaireReceipts).values(values).onConflictDoNothing().returning({ userId: workerQuestionnaireReceipts.userId });
  return rows.length > 0;
}

export async function hasWorkerReceipt(tx: Tx, userId: string, instrumentCode: string, period: string): Promise<boolean> {
  const rows = await tx
    .select({ userId: workerQuestionnaireReceipts.userId })
    .from(workerQuestionnaireReceipts)
    .where(
      and(
        eq(workerQuestionnaireReceipts.userId, userId),
        eq(workerQuestionnaireReceipts.instrumentCode, instrumentCode),
        eq(workerQuestionnaireReceipts.period, period),
      ),
    );
  return rows.length > 0;
}

/** A worker's answer: no person, no day, only the organisation they work for and the year. */
export async function insertWorkerAnswer(
  tx: Tx,
  values: { organisationId: string; agencyId: string; instrumentCode: string; instrumentVersion: number; dueOn: string; language: string } & PartnerAnswer,
): Promise<void> {
  await tx.insert(partnerSatisfactionResponses).values({ ...values, respondentGroup: 'worker' });
}

/** One instrument's answers (answers, scores, comment, period; never who), oldest period first. */
function answersTo(tx: Tx, instrumentCode: string, by: 'agencyId' | 'organisationId', organisationId: string): Promise<PartnerAnswer[]> {
  return tx
    .select({
      answers: partnerSatisfactionResponses.answers,
      scores: partnerSatisfactionResponses.scores,
      comment: partnerSatisfactionResponses.comment,
      period: partnerSatisfactionResponses.period,
    })
    .from(partnerSatisfactionResponses)
    .where(and(eq(partnerSatisfactionResponses[by], organisationId), eq(partnerSatisfactionResponses.instrumentCode, instrumentCode)))
    .orderBy(asc(partnerSatisfactionResponses.period));
}

/** Every answer to one instrument about this agency's service, for its own report. */
export function answersAboutAgency(tx: Tx, agencyId: string, instrumentCode: string): Promise<PartnerAnswer[]> {
  return answersTo(tx, instrumentCode, 'agencyId', agencyId);
}

/** Every answer one organisation gave to one instrument (a local authority reading its own back). */
export function answersGivenBy(tx: Tx, organisationId: string, instrumentCode: string): Promise<PartnerAnswer[]> {
  return answersTo(tx, instrumentCode, 'organisationId', organisationId);
}

/** Answers and scores only (no comment, no person) of the authorities' answers about the agency given in a period; one authority's when named. */
export async function authorityAnswersGivenBetween(
  tx: Tx,
  scope: { agencyId: string; instrumentCode: string; from: string; to: string; localAuthorityId?: string },
): Promise<Pick<PartnerAnswer, 'answers' | 'scores'>[]> {
  return tx
    .select({ answers: partnerSatisfactionResponses.answers, scores: partnerSatisfactionResponses.scores })
    .from(partnerSatisfactionResponses)
    .where(
      and(
        eq(partnerSatisfactionResponses.agencyId, scope.agencyId),
        eq(partnerSatisfactionResponses.instrumentCode, scope.instrumentCode),
        eq(partnerSatisfactionResponses.respondentGroup, 'local_authority'),
        between(partnerSatisfactionResponses.submittedOn, scope.from, scope.to),
        scope.localAuthorityId ? eq(partnerSatisfactionResponses.organisationId, scope.localAuthorityId) : undefined,
      ),
    );
}

/** Answers and scores only of the workers' answers about the agency for these financial years. */
export async function workerAnswersOfYears(
  tx: Tx,
  scope: { agencyId: string; instrumentCode: string; periods: readonly string[] },
): Promise<Pick<PartnerAnswer, 'answers' | 'scores'>[]> {
  if (scope.periods.length === 0) return [];
  return tx
    .select({ answers: partnerSatisfactionResponses.answers, scores: partnerSatisfactionResponses.scores })
    .from(partnerSatisfactionResponses)
    .where(
      and(
        eq(partnerSatisfactionResponses.agencyId, scope.agencyId),
        eq(partnerSatisfactionResponses.instrumentCode, scope.instrumentCode),
        eq(partnerSatisfactionResponses.respondentGroup, 'worker'),
        inArray(partnerSatisfactionResponses.period, [...scope.periods]),
      ),
    );
}

/** The authority answers one person gave (subject access): their own answers and comment, not the child. */
export async function authorityAnswersOfPerson(tx: Tx, userId: string) {
  return tx
    .select({
      id: partnerSatisfactionResponses.id,
      instrumentCode: partnerSatisfactionResponses.instrumentCode,
      instrumentVersion: partnerSatisfactionResponses.instrumentVersion,
      submittedOn: partnerSatisfactionResponses.submittedOn,
      dueOn: partnerSatisfactionResponses.dueOn,
      dueMonths: partnerSatisfactionResponses.dueMonths,
      language: partnerSatisfactionResponses.language,
      answers: partnerSatisfactionResponses.answers,
      scores: partnerSatisfactionResponses.scores,
      comment: partnerSatisfactionResponses.comment,
    })
    .from(partnerSatisfactionResponses)
    .where(eq(partnerSatisfactionResponses.respondentUserId, userId))
    .orderBy(asc(partnerSatisfactionResponses.submittedOn));
}

/** The years one person answered the workers' questionnaire in (subject access): never which answer. */
export async function workerReceiptsOf(tx: Tx, userId: string): Promise<{ questionnaire: string; period: string }[]> {
  return tx
    .select({ questionnaire: workerQuestionnaireReceipts.instrumentCode, period: workerQuestionnaireReceipts.period })
    .from(workerQuestionnaireReceipts)
    .where(eq(workerQuestionnaireReceipts.userId, userId))
    .orderBy(asc(workerQuestionnaireReceipts.period));
}
