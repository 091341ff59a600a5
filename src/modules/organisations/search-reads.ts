import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { organisations, users } from '../../platform/auth/schema.ts';
import { closeness, textMatches } from '../../platform/search/match.ts';
import type { SearchTerms } from '../../platform/search/terms.ts';

/**
 * The header search's named read of people (src/modules/search): staff accounts (adopters' own
 * accounts are found through their household), in the caller's transaction; `organisationId`
 * narrows to the reader's organisation as the people list does. The name as in migration 0028.
 */

export type PersonSearchRow = {
  id: string;
  name: string;
  roles: string[];
  organisationName: string;
  organisationNameCy: string | null;
  disabled: boolean;
  matchedOn: 'name' | 'email';
  score: number;
};

export async function searchPeople(tx: Tx, terms: SearchTerms, options: { organisationId?: string }): Promise<PersonSearchRow[]> {
  const name = sql`${users.name}`;
  const byName = textMatches(name, terms);
  const byEmail = sql`lower(${users.email}) LIKE lower(${terms.contains})`;
  const score = sql<number>`CASE WHEN ${byName} THEN ${closeness(name, terms)} ELSE 0.5 END`;
  return tx
    .select({
      id: users.id,
      name: users.name,
      roles: users.roles,
      organisationName: organisations.name,
      organisationNameCy: organisations.nameCy,
      disabled: sql<boolean>`${users.disabledAt} IS NOT NULL`,
      matchedOn: sql<PersonSearchRow['matchedOn']>`CASE WHEN ${byName} THEN 'name' ELSE 'email' END`,
      score: sql<number>`(${score})::float8`.mapWith(Number),
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        sql`(${byName} OR ${byEmail})`,
        sql`NOT (${users.roles} <@ ARRAY['adopter']::text[])`,
        isNull(users.destroyedAt),
        options.organisationId ? eq(users.organisationId, options.organisationId) : undefined,
      ),
    )
    .orderBy(sql`${score} DESC`, users.name, users.id)
    .limit(terms.limit);
}
