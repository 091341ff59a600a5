import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { listQuery, listView, pageNumbers, pageWindow } from './list-page.ts';

const t = (key: string, params: Record<string, unknown> = {}) => `${key}${Object.keys(params).length ? JSON.stringify(params) : ''}`;
const query = listQuery(['name', 'age', 'referralDate'] as const, { sort: 'referralDate', dir: 'asc' });
const columns = [
  { key: 'name', text: 'Name', sortable: true },
  { key: 'age', text: 'Age', sortable: true, format: 'numeric' as const },
  { key: 'priority', text: 'Priority <why>' },
];

function view(state: Partial<ReturnType<typeof query.parse>>, total: number, shown: number, filters: Record<string, string | undefined> = {}) {
  return listView({
    path: '/children',
    state: { ...query.parse({}), ...state },
    defaults: { sort: 'referralDate', dir: 'asc' },
    filters,
    active: Object.entries(filters)
      .filter(([, v]) => v)
      .map(([name, value]) => ({ name, label: name.toUpperCase(), value: value! })),
    columns,
    total,
    shown,
    t,
  });
}

describe('list pages', () => {
  it('reads page, sort and direction from the address, with the first page of the default sort when none is given', () => {
    assert.deepEqual(query.parse({}), { page: 1, sort: 'referralDate', dir: 'asc', limit: 20 });
    assert.deepEqual(query.parse({ page: '3', sort: 'name', dir: 'desc' }), { page: 3, sort: 'name', dir: 'desc', limit: 20 });
    for (const bad of [{ page: '0' }, { page: 'two' }, { sort: 'password' }, { dir: 'up' }, { page: '1.5' }]) {
      const result = query.safeParse(bad);
      assert.equal(result.success, false, JSON.stringify(bad));
      assert.match(result.error.issues[0]!.message, /^errors\.list\./, 'a message people understand, by key');
    }
  });

  it('asks SQL for the rows of the page: page 2 of 20 starts after the 20th row', () => {
    assert.deepEqual(pageWindow({ page: 1, limit: 20 }), { limit: 20, offset: 0 });
    assert.deepEqual(pageWindow({ page: 2, limit: 20 }), { limit: 20, offset: 20 });
  });

  it('says which rows are shown: "Showing 21 to 40 of 134"', () => {
    assert.equal(view({ page: 2 }, 134, 20).count, 'lists.showing{"from":21,"to":40,"total":134}');
    assert.equal(view({ page: 7 }, 134, 14).count, 'lists.showing{"from":121,"to":134,"total":134}');
    assert.equal(view({}, 0, 0).count, '', 'an empty list says so in its own words');
  });

  it('offers the first, last and neighbouring pages, with gaps between', () => {
    assert.deepEqual(pageNumbers(1, 1), [1]);
    assert.deepEqual(pageNumbers(1, 3), [1, 2, 3]);
    assert.deepEqual(pageNumbers(7, 42), [1, 'gap', 6, 7, 8, 'gap', 42]);
    assert.deepEqual(pageNumbers(3, 42), [1, 2, 3, 4, 'gap', 42], 'no gap stands for a single page');
  });

  it('links previous, next and numbered pages keeping the filters and sort, and marks the current page', () => {
    const list = view({ page: 2, sort: 'name', dir: 'desc' }, 134, 20, { ageBand: '7-9' });
    const pagination = list.pagination!;
    assert.equal(pagination.previous!.href, '/children?ageBand=7-9&sort=name&dir=desc');
    assert.equal(pagination.next!.href, '/children?ageBand=7-9&sort=name&dir=desc&page=3');
    const current = pagination.items.filter((i) => 'current' in i && i.current);
    assert.deepEqual(
      current.map((i) => 'number' in i && i.number),
      [2],
    );
    const last = pagination.items.at(-1)!;
    assert.equal('number' in last ? last.number : undefined, 7, 'the last page is offered');
    assert.equal(view({}, 15, 15).pagination, undefined, 'one page needs no pagination');
    assert.equal(view({ page: 7 }, 134, 14).pagination!.next, undefined, 'the last page has no next');
  });

  it('makes sortable headings links that say how the list is sorted, turning round on a second choice', () => {
    const sortedByName = view({ sort: 'name', dir: 'asc', page: 3 }, 134, 20).head;
    assert.deepEqual(sortedByName[0]!.attributes, { 'aria-sort': 'ascending' });
    assert.match(sortedByName[0]!.html, /href="\/children\?sort=name&#38;dir=desc"/, 'choosing it again sorts the other way, from the first page');
    assert.deepEqual(sortedByName[1]!.attributes, { 'aria-sort': 'none' });
    assert.match(sortedByName[1]!.html, /href="\/children\?sort=age&#38;dir=asc"/);
    assert.equal(sortedByName[2]!.attributes, undefined, 'a column that cannot be sorted is plain');
    assert.equal(sortedByName[2]!.html, 'Priority &#60;why&#62;');
    assert.deepEqual(view({ sort: 'name', dir: 'desc' }, 1, 1).head[0]!.attributes, { 'aria-sort': 'descending' });
  });

  it('shows each filter in use as a tag whose link removes only that filter, from the first page', () => {
    const list = view({ page: 4, sort: 'name', dir: 'asc' }, 134, 20, { ageBand: '7-9', need: 'health', region: undefined });
    assert.deepEqual(list.tags, [
      { text: 'AGEBAND: 7-9', href: '/children?need=health&sort=name&dir=asc' },
      { text: 'NEED: health', href: '/children?ageBand=7-9&sort=name&dir=asc' },
    ]);
    assert.equal(list.clearHref, '/children?sort=name&dir=asc', 'clearing the filters keeps the sort');
    assert.deepEqual(view({}, 3, 3).tags, []);
  });
});
