import { recordAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can, listScope } from '../../platform/policy/policy.ts';
import type { SearchTerms } from '../../platform/search/terms.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { searchChildren, searchReferrals, type ChildSearchRow, type ReferralSearchRow } from '../children/index.ts';
import { searchHouseholds, type HouseholdSearchRow } from '../recruitment/index.ts';
import { searchPeople, type PersonSearchRow } from '../organisations/index.ts';

/** What one search found, by kind; a kind the reader may not list is absent (not searched), not empty. */
export type SearchFindings = {
  children?: ChildSearchRow[];
  referrals?: ReferralSearchRow[];
  households?: HouseholdSearchRow[];
  people?: PersonSearchRow[];
};

export function countFindings(found: SearchFindings): number {
  return (found.children?.length ?? 0) + (found.referrals?.length ?? 0) + (found.households?.length ?? 0) + (found.people?.length ?? 0);
}

export function createSearchService(runner: UseCaseRunner) {
  /**
   * Searches every kind of record the reader may list, in ONE transaction scoped to them: each kind
   * is asked of its owning module's named read only when the reader holds that kind's list action,
   * and row-level security decides which rows exist. Audited as a search with how many were found
   * of each kind, never the text searched for (it may be a child's name).
   */
  async function search(ctx: RequestContext, terms: SearchTerms): Promise<SearchFindings> {
    return runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'search.run');
      const actor = ctx.actor;
      const narrowTo = (action: 'households.list' | 'users.list') => {
        const scope = listScope(actor, action);
        return { organisationId: scope.kind === 'organisation' ? scope.organisationId : undefined };
      };
      // One statement at a time: a connection runs one query at once.
      const found: SearchFindings = {};
      if (can(actor, 'children.list')) found.children = await searchChildren(tx, terms);
      // Drafts are their authority's writers' alone, as their page is (referrals.create on their own authority).
      const draftsOf = actor.kind === 'user' && can(actor, 'referrals.create') ? actor.organisationId : undefined;
      if (can(actor, 'referrals.view')) found.referrals = await searchReferrals(tx, terms, { draftsOf });
      if (can(actor, 'households.list')) found.households = await searchHouseholds(tx, terms, narrowTo('households.list'));
      if (can(actor, 'users.list')) found.people = await searchPeople(tx, terms, narrowTo('users.list'));
      await recordAudit(tx, ctx, {
        action: 'search.run',
        resourceType: 'search',
        detail: {
          results: countFindings(found),
          children: found.children?.length ?? null,
          referrals: found.referrals?.length ?? null,
          households: found.households?.length ?? null,
          people: found.people?.length ?? null,
        },
      });
      return found;
    });
  }
  return { search };
}

export type SearchService = ReturnType<typeof createSearchService>;
