import { z } from 'zod';
import { longDate } from '../../platform/format/format.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { MAX_QUERY_LENGTH, MIN_QUERY_LENGTH, searchTerms } from '../../platform/search/terms.ts';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { SEARCH_KINDS, searchGroups } from './results.ts';
import { countFindings } from './service.ts';

/** `q` as typed; a list of them, or far more than any name, is bad input (400). */
const pageQuery = z.object({
  q: z
    .string()
    .max(MAX_QUERY_LENGTH * 2, 'search:errors.q.tooLong')
    .optional(),
});
const apiQuery = z.object({ q: z.string({ error: 'search:errors.q.required' }).max(MAX_QUERY_LENGTH * 2, 'search:errors.q.tooLong') });

const problemKey = { empty: 'search:errors.q.required', tooShort: 'search:errors.q.tooShort', tooLong: 'search:errors.q.tooLong' } as const;

const resultOut = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.uuid(),
  reference: z.string(),
  href: z.string(),
  title: z.string(),
  matchedOn: z.enum(['name', 'knownAs', 'reference', 'localAuthorityReference', 'childName', 'applicantName', 'email']),
  score: z.number(),
  details: z.array(z.string()),
  /** A referral not yet sent (its link continues the draft). */
  draft: z.boolean().optional(),
});
const searchOut = z.object({
  total: z.number().int(),
  groups: z.array(z.object({ kind: z.enum(SEARCH_KINDS), results: z.array(resultOut) })),
});

export function searchRoutes(services: Services) {
  return [
    route({
      method: 'GET',
      url: '/search',
      kind: 'page',
      action: 'search.run',
      summary: 'Search children, referrals, households and people the reader may see',
      query: pageQuery,
      handler: async (call) => {
        const typed = call.query.q ?? '';
        const parsed = searchTerms(typed);
        const base = { pageTitle: call.t('search:title'), q: typed, headerSearchText: typed, minimum: MIN_QUERY_LENGTH };
        if ('problem' in parsed) {
          if (parsed.problem === 'empty') return call.render('search/views/search.njk', { ...base, state: 'empty' });
          const text = call.t(problemKey[parsed.problem], { minimum: MIN_QUERY_LENGTH, maximum: MAX_QUERY_LENGTH });
          return call.render(
            'search/views/search.njk',
            { ...base, state: 'invalid', errorList: [{ text, href: '#q' }], fieldErrors: { q: { text, visuallyHiddenText: call.t('errors.fieldPrefix') } } },
            400,
          );
        }
        const found = await services.search.search(call.ctx, parsed.terms);
        const groups = searchGroups(found, call.t, (iso) => longDate(iso, call.language), call.language).map((group) => ({
          ...group,
          results: group.results.map((r) => ({ ...r, why: call.t(`search:matchedOn.${r.matchedOn}`) })),
        }));
        const total = countFindings(found);
        return call.render('search/views/search.njk', {
          ...base,
          pageTitle: call.t('search:resultsTitle', { count: total }),
          state: total === 0 ? 'none' : 'found',
          total,
          groups,
          limit: parsed.terms.limit,
        });
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/search',
      kind: 'api',
      action: 'search.run',
      summary: 'Search children, referrals, households and people the caller may see, closest first, grouped by kind',
      query: apiQuery,
      response: searchOut,
      handler: async (call) => {
        const parsed = searchTerms(call.query.q);
        if ('problem' in parsed)
          throw new ValidationError([{ field: 'q', key: problemKey[parsed.problem], params: { minimum: MIN_QUERY_LENGTH, maximum: MAX_QUERY_LENGTH } }]);
        const found = await services.search.search(call.ctx, parsed.terms);
        return { total: countFindings(found), groups: searchGroups(found, call.t, (iso) => iso.slice(0, 10), call.language) };
      },
    }),
  ];
}
