import { z } from 'zod';

/**
 * One way for every staff list page to page, sort and filter, all in the address (`?page=&sort=&dir=`
 * and the list's own filters), so a list works without JavaScript, can be bookmarked and shared,
 * and Back returns to the same page. The module pages its rows in SQL with `pageWindow` inside the
 * reader's scoped transaction and counts them there; `listView` turns the result into what the
 * shared macros of `list.njk` draw: sortable column headings (`aria-sort`), the GOV.UK pagination
 * component, "Showing 21 to 40 of 134", and the filters used as tags, each a link that removes it.
 */

/** Twenty rows a page, as GOV.UK services' lists commonly show. */
export const PAGE_SIZE = 20;
/** Far past any list's end: a bookmark to a page that no longer exists shows the empty end, not an error. */
const MAX_PAGE = 100_000;

export type SortDirection = 'asc' | 'desc';
export type ListState<S extends string = string> = { page: number; sort: S; dir: SortDirection; limit: number };

/**
 * The query of a list page: `page` (from 1), `sort` (one of the list's sortable columns), `dir`
 * and `limit` (rows a page, 20 unless said). Extend it with the list's filters. Messages are keys.
 */
export function listQuery<const S extends readonly [string, ...string[]]>(sorts: S, defaults: { sort: S[number]; dir: SortDirection }) {
  return z.object({
    page: z.coerce.number({ error: 'errors.list.page' }).int('errors.list.page').min(1, 'errors.list.page').max(MAX_PAGE, 'errors.list.page').default(1),
    sort: z.enum(sorts, { error: 'errors.list.sort' }).default(defaults.sort as never),
    dir: z.enum(['asc', 'desc'], { error: 'errors.list.sort' }).default(defaults.dir),
    limit: z.coerce.number({ error: 'errors.list.page' }).int('errors.list.page').min(1, 'errors.list.page').max(200, 'errors.list.page').default(PAGE_SIZE),
  });
}

/** A filter form sends every box, filled or not: an empty one means "any", not a value to check. */
export function withoutEmptyQuery(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  return Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([, v]) => v !== '' && v !== undefined));
}

/** The rows of the page asked for, as SQL's LIMIT and OFFSET. */
export function pageWindow(state: Pick<ListState, 'page' | 'limit'>): { limit: number; offset: number } {
  return { limit: state.limit, offset: (state.page - 1) * state.limit };
}

type T = (key: string, params?: Record<string, unknown>) => string;
type QueryValue = string | number | undefined | null;

export type ListColumn = { key: string; text: string; sortable?: boolean; format?: 'numeric' };
/** A filter in use, named for people ("Age: 7 to 9"); `name` is its query parameter. */
export type ActiveFilter = { name: string; label: string; value: string };

export type ListView = {
  head: { html: string; format?: 'numeric'; attributes?: Record<string, string> }[];
  /** "Showing 21 to 40 of 134"; empty when nothing is found. */
  count: string;
  total: number;
  tags: { text: string; href: string }[];
  clearHref: string;
  pagination?: {
    landmarkLabel: string;
    previous?: { href: string; text: string };
    next?: { href: string; text: string };
    items: ({ number: number; href: string; current: boolean; visuallyHiddenText: string } | { ellipsis: true })[];
  };
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `?a=1&b=2` of the values given (empty ones left out), or '' when none. */
export function listHref(path: string, values: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * Pages to offer: the first, the last, and the current with its neighbours, gaps shown as
 * ellipses (GOV.UK pagination guidance: "1 … 6 [7] 8 … 42").
 */
export function pageNumbers(current: number, last: number): (number | 'gap')[] {
  const wanted = new Set([1, last, current - 1, current, current + 1].filter((n) => n >= 1 && n <= last));
  const out: (number | 'gap')[] = [];
  let previous = 0;
  for (const n of [...wanted].sort((a, b) => a - b)) {
    if (n - previous === 2) out.push(n - 1);
    else if (n - previous > 2) out.push('gap');
    out.push(n);
    previous = n;
  }
  return out;
}

export function listView(options: {
  path: string;
  state: ListState;
  defaults: { sort: string; dir: SortDirection; limit?: number };
  /** Every filter's query value, chosen or not (undefined when not). */
  filters: Record<string, QueryValue>;
  /** The filters in use, as tags. */
  active: ActiveFilter[];
  columns: ListColumn[];
  total: number;
  shown: number;
  t: T;
}): ListView {
  const { path, state, defaults, filters, t } = options;
  const defaultLimit = options.defaults.limit ?? PAGE_SIZE;
  const href = (changes: Partial<ListState> & { filters?: Record<string, QueryValue> }) => {
    const next = { ...state, ...changes };
    return listHref(path, {
      ...(changes.filters ?? filters),
      sort: next.sort === defaults.sort && next.dir === defaults.dir ? undefined : next.sort,
      dir: next.sort === defaults.sort && next.dir === defaults.dir ? undefined : next.dir,
      page: next.page > 1 ? next.page : undefined,
      limit: next.limit === defaultLimit ? undefined : next.limit,
    });
  };

  const head = options.columns.map((column) => {
    if (!column.sortable) return { html: escapeHtml(column.text), ...(column.format ? { format: column.format } : {}) };
    const current = state.sort === column.key;
    // A sorted column turns round; another starts the way its default does (ascending unless it is the default sort).
    const dir: SortDirection = current ? (state.dir === 'asc' ? 'desc' : 'asc') : column.key === defaults.sort ? defaults.dir : 'asc';
    const arrow = current ? (state.dir === 'asc' ? ' ▲' : ' ▼') : '';
    return {
      html: `<a class="govuk-link app-sort-link" href="${escapeHtml(href({ sort: column.key, dir, page: 1 }))}" data-testid="sort-${escapeHtml(column.key)}">${escapeHtml(column.text)}<span aria-hidden="true">${arrow}</span></a>`,
      ...(column.format ? { format: column.format } : {}),
      attributes: { 'aria-sort': current ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none' },
    };
  });

  const lastPage = Math.max(1, Math.ceil(options.total / state.limit));
  const from = options.shown ? (state.page - 1) * state.limit + 1 : 0;
  const count = options.shown ? t('lists.showing', { from, to: from + options.shown - 1, total: options.total }) : '';

  const tags = options.active.map((filter) => ({
    text: `${filter.label}: ${filter.value}`,
    href: href({ page: 1, filters: { ...filters, [filter.name]: undefined } }),
  }));
  const clearHref = href({ page: 1, filters: {} });

  const pagination =
    lastPage > 1 || state.page > 1
      ? {
          landmarkLabel: t('layout.pagination'),
          ...(state.page > 1 ? { previous: { href: href({ page: Math.min(state.page - 1, lastPage) }), text: t('lists.previous') } } : {}),
          ...(state.page < lastPage ? { next: { href: href({ page: state.page + 1 }), text: t('lists.next') } } : {}),
          items: pageNumbers(Math.min(state.page, lastPage), lastPage).map((n) =>
            n === 'gap'
              ? { ellipsis: true as const }
              : { number: n, href: href({ page: n }), current: n === state.page, visuallyHiddenText: t('lists.page', { number: n }) },
          ),
        }
      : undefined;

  return { head, count, total: options.total, tags, clearHref, pagination };
}
