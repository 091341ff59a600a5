import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { childrenByMainReason, mainReasonOf } from './why-waiting.ts';

describe('why children are still waiting', () => {
  it('counts a group under the limit shutting out the most families', () => {
    assert.equal(
      mainReasonOf({
        byLimit: [
          { code: 'age', families: 3 },
          { code: 'children_count', families: 7 },
        ],
        eligibleButTaken: 0,
      }),
      'children_count',
    );
  });

  it('breaks a tie in the order the limits are checked', () => {
    assert.equal(
      mainReasonOf({
        byLimit: [
          { code: 'need', families: 4 },
          { code: 'sibling_group', families: 4 },
        ],
        eligibleButTaken: 0,
      }),
      'sibling_group',
    );
  });

  it('says the families who could take them are suggested for others before any limit, and no families when none is available', () => {
    assert.equal(mainReasonOf({ byLimit: [{ code: 'age', families: 9 }], eligibleButTaken: 1 }), 'taken');
    assert.equal(mainReasonOf({ byLimit: [], eligibleButTaken: 0 }), 'no_families');
  });

  it('counts children, not groups, each once, largest first, adding up to the children waiting', () => {
    const rows = childrenByMainReason([
      { children: 3, blocking: { byLimit: [{ code: 'children_count', families: 5 }], eligibleButTaken: 0 } },
      { children: 1, blocking: { byLimit: [{ code: 'age', families: 2 }], eligibleButTaken: 0 } },
      { children: 2, blocking: { byLimit: [{ code: 'age', families: 6 }], eligibleButTaken: 0 } },
      { children: 1, blocking: { byLimit: [], eligibleButTaken: 2 } },
    ]);
    assert.deepEqual(rows, [
      { reason: 'children_count', children: 3 },
      { reason: 'age', children: 3 },
      { reason: 'taken', children: 1 },
    ]);
    assert.equal(
      rows.reduce((n, r) => n + r.children, 0),
      7,
    );
  });
});
