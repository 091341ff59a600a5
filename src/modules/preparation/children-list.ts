/**
 * The children in therapeutic preparation as one list page: filtered by whether a Team Around the
 * Child meeting is planned, sorted by a column, cut to a page. The agency has tens of children in
 * preparation at once, not thousands, so the list is read whole (up to its cap) and paged here.
 */
export const PREPARATION_LIST_SORTS = ['name', 'next', 'last'] as const;
export type PreparationListSort = (typeof PREPARATION_LIST_SORTS)[number];
export const PREPARATION_LIST_DEFAULTS = { sort: 'next', dir: 'asc' } as const;
/** A meeting planned (one ahead), or none planned: the children a worker must arrange one for. */
export const MEETING_FILTERS = ['planned', 'none'] as const;
export type MeetingFilter = (typeof MEETING_FILTERS)[number];

type Row = { child: { id: string; fullName: string }; nextMeeting: Date | null; lastMeeting: Date | null };

export type PreparationListOptions = {
  meeting?: MeetingFilter;
  sort: PreparationListSort;
  dir: 'asc' | 'desc';
  page: number;
  limit: number;
  language: 'en' | 'cy';
};

/** One page of the list and how many children match; a child with no such meeting sorts last either way. */
export function preparationListPage<R extends Row>(rows: readonly R[], options: PreparationListOptions): { items: R[]; total: number } {
  const matching = rows.filter((r) => !options.meeting || (options.meeting === 'planned') === (r.nextMeeting !== null));
  const byName = (a: R, b: R) =>
    a.child.fullName.localeCompare(b.child.fullName, options.language === 'cy' ? 'cy' : 'en-GB') || a.child.id.localeCompare(b.child.id);
  const direction = options.dir === 'asc' ? 1 : -1;
  const byDate = (pick: (r: R) => Date | null) => (a: R, b: R) => {
    const [x, y] = [pick(a), pick(b)];
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return direction * (x.getTime() - y.getTime()) || byName(a, b);
  };
  const compare =
    options.sort === 'name' ? (a: R, b: R) => direction * byName(a, b) : byDate(options.sort === 'next' ? (r) => r.nextMeeting : (r) => r.lastMeeting);
  const sorted = [...matching].sort(compare);
  const start = (options.page - 1) * options.limit;
  return { items: sorted.slice(start, start + options.limit), total: matching.length };
}
