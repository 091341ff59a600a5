import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { preparationListPage, type PreparationListOptions } from './children-list.ts';

const row = (id: string, fullName: string, next: string | null, last: string | null) => ({
  child: { id, fullName },
  nextMeeting: next ? new Date(`${next}T10:00:00Z`) : null,
  lastMeeting: last ? new Date(`${last}T10:00:00Z`) : null,
});
const rows = [
  row('1', 'Owain Example', '2026-12-20', null),
  row('2', 'Anwen Example', null, '2026-11-02'),
  row('3', 'Bedwyr Example', '2026-12-10', '2026-10-01'),
  row('4', 'Ceri Example', null, null),
];
const options = (more: Partial<PreparationListOptions>): PreparationListOptions => ({ sort: 'next', dir: 'asc', page: 1, limit: 20, language: 'en', ...more });
const names = (page: { items: typeof rows }) => page.items.map((r) => r.child.fullName.split(' ')[0]);

describe('the children in preparation as a list page', () => {
  it('puts the soonest planned meeting first, and the children with none planned last, by name', () => {
    assert.deepEqual(names(preparationListPage(rows, options({}))), ['Bedwyr', 'Owain', 'Anwen', 'Ceri']);
  });

  it('keeps the children with no meeting last when the order is reversed', () => {
    assert.deepEqual(names(preparationListPage(rows, options({ dir: 'desc' }))), ['Owain', 'Bedwyr', 'Anwen', 'Ceri']);
    assert.deepEqual(names(preparationListPage(rows, options({ sort: 'last', dir: 'desc' }))), ['Anwen', 'Bedwyr', 'Ceri', 'Owain']);
  });

  it('sorts by name either way', () => {
    assert.deepEqual(names(preparationListPage(rows, options({ sort: 'name' }))), ['Anwen', 'Bedwyr', 'Ceri', 'Owain']);
    assert.deepEqual(names(preparationListPage(rows, options({ sort: 'name', dir: 'desc' }))), ['Owain', 'Ceri', 'Bedwyr', 'Anwen']);
  });

  it('shows only the children with no meeting planned, or only those with one, and counts them', () => {
    const none = preparationListPage(rows, options({ meeting: 'none', sort: 'name' }));
    assert.deepEqual(names(none), ['Anwen', 'Ceri']);
    assert.equal(none.total, 2);
    assert.deepEqual(names(preparationListPage(rows, options({ meeting: 'planned' }))), ['Bedwyr', 'Owain']);
  });

  it('cuts the list into pages, counting every child that matches', () => {
    const second = preparationListPage(rows, options({ sort: 'name', page: 2, limit: 3 }));
    assert.deepEqual(names(second), ['Owain']);
    assert.equal(second.total, 4);
    assert.deepEqual(preparationListPage(rows, options({ page: 9, limit: 3 })).items, [], 'past the end: an empty page, not an error');
  });
});
