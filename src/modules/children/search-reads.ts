import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import type { SearchTerms } from '../../platform/search/terms.ts';
import { closeness, referenceMatches, textMatches } from '../../platform/search/match.ts';
import { organisations } from '../../platform/auth/schema.ts';
import { children, referrals } from './schema.ts';

/**
 * The header search's named reads of children and referrals (src/modules/search), in the caller's
 * transaction: row-level security decides which rows exist for the reader. Each expression below is
 * written exactly as its index in migration 0028 (search_fold over the same columns), so the
 * trigram indexes serve both the "contains" LIKE and the word-similarity test.
 */

const legalName = sql`${children.legalGivenNames} || ' ' || ${children.legalFamilyName}`;

export type ChildSearchRow = {
  id: string;
  legalGivenNames: string;
  legalFamilyName: string;
  preferredName: string | null;
  localAuthorityReference: string | null;
  dateOfBirth: string;
  status: string;
  matchedOn: 'reference' | 'localAuthorityReference' | 'name' | 'knownAs';
  score: number;
};

/** Children whose name, known-as name, reference or local authority reference matches, closest first. */
export async function searchChildren(tx: Tx, terms: SearchTerms): Promise<ChildSearchRow[]> {
  const byReference = referenceMatches(sql`${children.id}`, terms);
  const byName = textMatches(legalName, terms);
  const knownAs = sql`${children.preferredName}`;
  const byKnownAs = sql`(${children.preferredName} IS NOT NULL AND ${textMatches(knownAs, terms)})`;
  const authorityReference = sql`${children.localAuthorityReference}`;
  const byAuthorityReference = sql`(${children.localAuthorityReference} IS NOT NULL AND ${textMatches(authorityReference, terms)})`;
  const score = sql<number>`greatest(CASE WHEN ${byReference} THEN 1 ELSE 0 END, ${closeness(legalName, terms)},
    coalesce(${closeness(knownAs, terms)}, 0), coalesce(${closeness(authorityReference, terms)}, 0))`;
  const rows = await tx
    .select({
      id: children.id,
      legalGivenNames: children.legalGivenNames,
      legalFamilyName: children.legalFamilyName,
      preferredName: children.preferredName,
      localAuthorityReference: children.localAuthorityReference,
      dateOfBirth: children.dateOfBirth,
      status: children.status,
      matchedOn: sql<ChildSearchRow['matchedOn']>`CASE WHEN ${byReference} THEN 'reference' WHEN ${byAuthorityReference} THEN 'localAuthorityReference'
        WHEN ${byName} THEN 'name' ELSE 'knownAs' END`,
      score: sql<number>`${score}::float8`.mapWith(Number),
    })
    .from(children)
    .where(sql`${byReference} OR ${byName} OR ${byKnownAs} OR ${byAuthorityReference}`)
    .orderBy(sql`${score} DESC`, children.legalFamilyName, children.legalGivenNames, children.id)
    .limit(terms.limit);
  return rows;
}

export type ReferralSearchRow = {
  id: string;
  status: string;
  submittedAt: Date | null;
  authorityName: string;
  childNames: string[];
  matchedOn: 'reference' | 'childName';
  score: number;
};

/**
 * Submitted referrals whose reference, or the name of one of whose children, matches. Drafts are
 * not searched: until submitted a referral is its writer's unfinished form, listed on their page.
 */
export async function searchReferrals(tx: Tx, terms: SearchTerms): Promise<ReferralSearchRow[]> {
  // Named in full inside the subqueries, where a bare `id` would be the child's.
  const referralId = sql.raw('"referrals"."id"');
  const byReference = referenceMatches(sql`${referrals.id}`, terms);
  const child = sql`c.legal_given_names || ' ' || c.legal_family_name`;
  const childMatches = sql`(${textMatches(child, terms)} OR (c.preferred_name IS NOT NULL AND ${textMatches(sql`c.preferred_name`, terms)}))`;
  const byChild = sql`EXISTS (SELECT 1 FROM children c WHERE c.referral_id = ${referralId} AND ${childMatches})`;
  const childCloseness = sql`(SELECT max(greatest(${closeness(child, terms)}, coalesce(${closeness(sql`c.preferred_name`, terms)}, 0)))
    FROM children c WHERE c.referral_id = ${referralId})`;
  const score = sql<number>`greatest(CASE WHEN ${byReference} THEN 1 ELSE 0 END, coalesce(${childCloseness}, 0))`;
  const rows = await tx
    .select({
      id: referrals.id,
      status: referrals.status,
      submittedAt: referrals.submittedAt,
      authorityName: organisations.name,
      childNames: sql<
        string[]
      >`coalesce((SELECT array_agg(coalesce(c.preferred_name, c.legal_given_names) || ' ' || c.legal_family_name ORDER BY c.date_of_birth, c.id)
        FROM children c WHERE c.referral_id = ${referralId}), '{}')`,
      matchedOn: sql<ReferralSearchRow['matchedOn']>`CASE WHEN ${byReference} THEN 'reference' ELSE 'childName' END`,
      score: sql<number>`${score}::float8`.mapWith(Number),
    })
    .from(referrals)
    .innerJoin(organisations, sql`${organisations.id} = ${referrals.organisationId}`)
    .where(sql`${referrals.status} <> 'draft' AND (${byReference} OR ${byChild})`)
    .orderBy(sql`${score} DESC`, sql`${referrals.submittedAt} DESC NULLS LAST`, referrals.id)
    .limit(terms.limit);
  return rows;
}
