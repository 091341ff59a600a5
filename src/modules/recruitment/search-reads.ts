import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { closeness, textMatches } from '../../platform/search/match.ts';
import type { SearchTerms } from '../../platform/search/terms.ts';
import { households } from './schema.ts';

/**
 * The header search's named read of households (src/modules/search), in the caller's transaction:
 * row-level security decides which households exist for the reader; `organisationId` narrows to
 * the reader's organisation as the household list does. Expressions as in migration 0028's indexes.
 */

export type HouseholdSearchRow = {
  id: string;
  reference: string;
  stage: string;
  applicantNames: string[];
  matchedOn: 'reference' | 'applicantName';
  score: number;
};

/** Households whose reference or an applicant's name matches, closest first. */
export async function searchHouseholds(tx: Tx, terms: SearchTerms, options: { organisationId?: string }): Promise<HouseholdSearchRow[]> {
  // Named in full: drizzle leaves a lone table's columns unqualified in the select list, where
  // `id` inside the applicants subquery would be the applicant's own.
  const householdId = sql.raw('"households"."id"');
  const reference = sql.raw('"households"."reference"');
  const byReference = textMatches(reference, terms);
  const applicant = sql`a.given_names || ' ' || a.family_name`;
  const byApplicant = sql`EXISTS (SELECT 1 FROM applicants a WHERE a.household_id = ${householdId} AND ${textMatches(applicant, terms)})`;
  const applicantCloseness = sql`(SELECT max(${closeness(applicant, terms)}) FROM applicants a WHERE a.household_id = ${householdId})`;
  const score = sql<number>`greatest(${closeness(reference, terms)}, coalesce(${applicantCloseness}, 0))`;
  return tx
    .select({
      id: households.id,
      reference: households.reference,
      stage: households.stage,
      applicantNames: sql<string[]>`coalesce((SELECT array_agg(a.given_names || ' ' || a.family_name ORDER BY a.created_at, a.id)
        FROM applicants a WHERE a.household_id = ${householdId}), '{}')`,
      matchedOn: sql<HouseholdSearchRow['matchedOn']>`CASE WHEN ${byReference} THEN 'reference' ELSE 'applicantName' END`,
      score: sql<number>`${score}::float8`.mapWith(Number),
    })
    .from(households)
    .where(and(sql`(${byReference} OR ${byApplicant})`, options.organisationId ? eq(households.organisationId, options.organisationId) : undefined))
    .orderBy(sql`${score} DESC`, households.reference)
    .limit(terms.limit);
}
