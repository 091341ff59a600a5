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
  authorityNameCy: string | null;
  childNames: string[];
  matchedOn: 'reference' | 'childName';
  score: number;
};

/**
 * The children of a draft, as the journey keeps them: the completed child pages (`children`) and
 * the ones saved unfinished (`unfinished.child-N`), each a JSON object with the form's names.
 */
const draft = sql.raw('"referrals"."draft"');
const draftChildren = sql`(SELECT e.d FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${draft}->'children') = 'array' THEN ${draft}->'children' ELSE '[]'::jsonb END) AS e(d)
  UNION ALL SELECT u.value FROM jsonb_each(CASE WHEN jsonb_typeof(${draft}->'unfinished') = 'object' THEN ${draft}->'unfinished' ELSE '{}'::jsonb END) AS u WHERE u.key LIKE 'child-%')`;
const draftName = sql`(coalesce(dc.d->>'legalGivenNames', '') || ' ' || coalesce(dc.d->>'legalFamilyName', ''))`;
const draftKnownAs = sql`nullif(dc.d->>'preferredName', '')`;

/**
 * The names of a referral's children, as people call them, in date-of-birth order: a draft's from its
 * answers (names typed so far), a sent referral's from the children's records the reader may see.
 */
export const referralChildNames = sql<string[]>`CASE WHEN ${referrals.status} = 'draft'
    THEN coalesce((SELECT array_agg(DISTINCT trim(coalesce(${draftKnownAs}, dc.d->>'legalGivenNames', '') || ' ' || coalesce(dc.d->>'legalFamilyName', '')))
      FROM ${draftChildren} AS dc(d) WHERE trim(coalesce(dc.d->>'legalGivenNames', '') || coalesce(dc.d->>'legalFamilyName', '')) <> ''), '{}')
    ELSE coalesce((SELECT array_agg(coalesce(c.preferred_name, c.legal_given_names) || ' ' || c.legal_family_name ORDER BY c.date_of_birth, c.id)
      FROM children c WHERE c.referral_id = "referrals"."id"), '{}') END`;

/**
 * Referrals whose reference, or the name of one of whose children, matches. Submitted referrals
 * for everyone who may see them; drafts only for `draftsOf`, the reader's own authority when they
 * may write its referrals (the drafts' page is theirs alone), matched on the names typed so far.
 * Drafts are few and not indexed: their children are still answers in the draft, not rows.
 */
export async function searchReferrals(tx: Tx, terms: SearchTerms, options: { draftsOf?: string } = {}): Promise<ReferralSearchRow[]> {
  // Named in full inside the subqueries, where a bare `id` would be the child's.
  const referralId = sql.raw('"referrals"."id"');
  const byReference = referenceMatches(sql`${referrals.id}`, terms);
  const child = sql`c.legal_given_names || ' ' || c.legal_family_name`;
  const childMatches = sql`(${textMatches(child, terms)} OR (c.preferred_name IS NOT NULL AND ${textMatches(sql`c.preferred_name`, terms)}))`;
  const byChild = sql`EXISTS (SELECT 1 FROM children c WHERE c.referral_id = ${referralId} AND ${childMatches})`;
  const childCloseness = sql`(SELECT max(greatest(${closeness(child, terms)}, coalesce(${closeness(sql`c.preferred_name`, terms)}, 0)))
    FROM children c WHERE c.referral_id = ${referralId})`;
  const isDraft = sql`${referrals.status} = 'draft'`;
  const byDraftChild = sql`(${isDraft} AND EXISTS (SELECT 1 FROM ${draftChildren} AS dc(d)
    WHERE ${textMatches(draftName, terms)} OR (${draftKnownAs} IS NOT NULL AND ${textMatches(draftKnownAs, terms)})))`;
  const draftCloseness = sql`(SELECT max(greatest(${closeness(draftName, terms)}, coalesce(${closeness(draftKnownAs, terms)}, 0))) FROM ${draftChildren} AS dc(d))`;
  const score = sql<number>`greatest(CASE WHEN ${byReference} THEN 1 ELSE 0 END, coalesce(${childCloseness}, 0),
    CASE WHEN ${isDraft} THEN coalesce(${draftCloseness}, 0) ELSE 0 END)`;
  // Row-level security shows a draft to its own authority only; the policy narrows it to writers.
  const which = options.draftsOf ? sql`(NOT ${isDraft} OR ${referrals.organisationId} = ${options.draftsOf})` : sql`NOT ${isDraft}`;
  const rows = await tx
    .select({
      id: referrals.id,
      status: referrals.status,
      submittedAt: referrals.submittedAt,
      authorityName: organisations.name,
      authorityNameCy: organisations.nameCy,
      childNames: referralChildNames,
      matchedOn: sql<ReferralSearchRow['matchedOn']>`CASE WHEN ${byReference} THEN 'reference' ELSE 'childName' END`,
      score: sql<number>`${score}::float8`.mapWith(Number),
    })
    .from(referrals)
    .innerJoin(organisations, sql`${organisations.id} = ${referrals.organisationId}`)
    .where(sql`${which} AND (${byReference} OR ${byChild} OR ${byDraftChild})`)
    .orderBy(sql`${score} DESC`, sql`${referrals.submittedAt} DESC NULLS LAST`, referrals.id)
    .limit(terms.limit);
  return rows;
}
