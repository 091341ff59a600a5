import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateChildren } from './synthetic.ts';

describe('synthetic children for demos and benchmarks', () => {
  it('is the same for the same seed and different for another', () => {
    const a = generateChildren({ count: 50, seed: 7, today: '2026-11-25', organisations: 2 });
    const b = generateChildren({ count: 50, seed: 7, today: '2026-11-25', organisations: 2 });
    const c = generateChildren({ count: 50, seed: 8, today: '2026-11-25', organisations: 2 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it('makes only possible records: born before every other date, nothing in the future', () => {
    for (const child of generateChildren({ count: 500, seed: 1, today: '2026-11-25', organisations: 3 })) {
      for (const date of [child.enteredCareDate, child.placementOrderDate, child.adoptionPlanDate, child.referralDate]) {
        if (date) assert.ok(date >= child.dateOfBirth && date <= '2026-11-25', JSON.stringify(child));
      }
      assert.match(child.legalFamilyName, /\(fictional\)$/);
    }
  });

  it('has sibling groups and a high ACE profile like the service’s cohort', () => {
    const children = generateChildren({ count: 2000, seed: 3, today: '2026-11-25', organisations: 3 });
    assert.ok(children.filter((c) => c.siblingGroup !== null).length > 400);
    const mean = children.reduce((s, c) => s + c.aceKnown, 0) / children.length;
    assert.ok(mean > 5 && mean < 8, `mean ${mean}`);
  });

  it('never gives brothers and sisters the same first name, and gives girls’ names to girls', () => {
    const children = generateChildren({ count: 2000, seed: 3, today: '2026-11-25', organisations: 3 });
    const groups = new Map<number, string[]>();
    for (const c of children) if (c.siblingGroup !== null) groups.set(c.siblingGroup, [...(groups.get(c.siblingGroup) ?? []), c.legalGivenNames]);
    for (const names of groups.values()) assert.equal(new Set(names).size, names.length, names.join(', '));
    assert.ok(children.filter((c) => c.legalGivenNames === 'Seren').every((c) => c.sex === 'female'));
    assert.ok(children.filter((c) => c.legalGivenNames === 'Rhodri').every((c) => c.sex === 'male'));
  });
});
