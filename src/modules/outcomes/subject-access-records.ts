import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { loadRegister } from './register.ts';
import * as partners from './partner-repository.ts';
import { outcomeAdministrations } from './schema.ts';

/** What a subject access request for a child needs of outcomes, through this front door: every measure taken about the child. */
export async function childOutcomesForSubjectAccess(tx: Tx, childId: string) {
  return tx.select().from(outcomeAdministrations).where(eq(outcomeAdministrations.childId, childId));
}

/**
 * What a subject access request for a member of staff needs of outcomes: the local authority
 * satisfaction questionnaires they answered (when, each statement with their answer, the overall
 * score and their comment), and the financial years they answered the workers' questionnaire in.
 * The child an authority's answer is about is another person and is left out. A worker's answers
 * themselves hold no person (anonymous by construction), so they cannot be found by person: only the
 * receipt that they answered a year can.
 */
export async function satisfactionAnswersForSubjectAccess(tx: Tx, userId: string) {
  const register = await loadRegister(tx);
  const answers = (await partners.authorityAnswersOfPerson(tx, userId)).map((row) => {
    const definition = register.version(row.instrumentCode, row.instrumentVersion) ?? register.latest(row.instrumentCode);
    return {
      id: row.id,
      questionnaire: definition?.name.en ?? row.instrumentCode,
      instrumentVersion: row.instrumentVersion,
      submittedOn: row.submittedOn,
      dueOn: row.dueOn,
      monthsAfterMovingIn: row.dueMonths,
      language: row.language,
      statements: (definition?.items ?? []).map((item) => ({
        statement: item.text[row.language === 'cy' ? 'cy' : 'en'],
        answer: row.answers[item.code] ?? null,
      })),
      overallScore: Object.values(row.scores)[0] ?? null,
      comment: row.comment,
    };
  });
  const workerQuestionnaires = (await partners.workerReceiptsOf(tx, userId)).map((r) => ({
    questionnaire: register.latest(r.questionnaire)?.name.en ?? r.questionnaire,
    financialYear: r.period,
  }));
  return { authorityAnswers: answers, workerQuestionnairesAnswered: workerQuestionnaires };
}
