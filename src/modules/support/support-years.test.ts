import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { supportYearsBegun } from './support-years.ts';

describe('the years of adoption support begun since a placement', () => {
  it('year 1 is the placement’s own; year n begins on the (n − 1)th anniversary, on or before today', () => {
    assert.deepEqual(supportYearsBegun('2024-05-10', '2025-05-09'), []);
    assert.deepEqual(supportYearsBegun('2024-05-10', '2025-05-10'), [{ year: 2, date: '2025-05-10' }]);
    assert.deepEqual(
      supportYearsBegun('2024-05-10', '2027-01-01').map((y) => y.year),
      [2, 3],
    );
  });

  it('a placement on 29 February has its anniversary on 28 February in other years', () => {
    assert.deepEqual(supportYearsBegun('2024-02-29', '2025-03-01'), [{ year: 2, date: '2025-02-28' }]);
    assert.equal(supportYearsBegun('2024-02-29', '2028-03-01').at(-1)!.date, '2028-02-29');
  });

  it('stops at the most years support is followed', () => {
    assert.equal(supportYearsBegun('2000-01-01', '2050-01-01', 18).length, 17);
  });
});
