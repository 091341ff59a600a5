import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageInOrder, pageOf, type PageKey } from './keyset.ts';

const ids = Array.from({ length: 7 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);

describe('pages of a list', () => {
  it('cuts a query’s limit + 1 rows into a page and the cursor of its last row', () => {
    const rows = ids.slice(0, 3).map((id) => ({ id, day: '2025-01-01' }));
    assert.deepEqual(
      pageOf(rows, 2, (r) => ({ value: r.day, id: r.id })),
      { items: rows.slice(0, 2), next: { value: '2025-01-01', id: ids[1] } },
    );
    assert.deepEqual(
      pageOf(rows, 3, (r) => ({ value: r.day, id: r.id })),
      { items: rows, next: undefined },
    );
  });

  it('walks a list kept in its own order, each row once', () => {
    const seen: string[] = [];
    let after: PageKey | undefined;
    do {
      const page = pageInOrder(ids, { limit: 3, after }, (id) => id);
      seen.push(...page.items);
      after = page.next;
    } while (after);
    assert.deepEqual(seen, ids);
  });

  it('goes on from the same place when the last row shown has left the list', () => {
    const first = pageInOrder(ids, { limit: 3 }, (id) => id);
    const withoutLast = ids.filter((id) => id !== ids[2]);
    assert.deepEqual(pageInOrder(withoutLast, { limit: 3, after: first.next }, (id) => id).items, ids.slice(3, 6));
  });
});
