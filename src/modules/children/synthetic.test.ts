import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ageInYears } from '../../platform/dates/dates.ts';
import { generateChildren } from './synthetic.ts';

describe('synthetic children for demos and benchmarks', () => {
  it('is the same for the same seed and different for another', () => {
    const a = generateChildren({ count: 50, seed: 7, today: '2026-11-25', organisations: 2 });
    const b = generateChildren({ count: 50, seed: 7, today: '2026-11-25', organisations: 2 });
    const c = generateChildren({ count: 50, seed: 8, today: '2026-11-25', organisations: 2 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it('makes only possible records: born, then in care, then the decision to place, the placement order and the referral, in that order, nothing in the future', () => {
    for (const seed of [1, 2, 3, 17, 2026]) {
      for (const today of ['2026-11-25', '2025-03-01']) {
        for (const child of generateChildren({ count: 400, seed, today, organisations: 2 })) {
          const chronology = [child.dateOfBirth, child.enteredCareDate, child.adoptionPlanDate, child.placementOrderDate, child.referralDate].filter(
            (d): d is string => d !== null,
          );
          for (let i = 1; i < chronology.length; i++) assert.ok(chronology[i - 1]! < chronology[i]!, `out of order (seed ${seed}): ${JSON.stringify(child)}`);
          assert.ok(child.referralDate <= today, `referred in the future: ${JSON.stringify(child)}`);
          assert.equal(child.legalStatus, child.placementOrderDate ? 'placement_order' : 'care_order');
          assert.match(child.legalFamilyName, /\(fictional\)$/);
        }
      }
    }
  });

  it('refers children mostly aged 4 to 10, none under 2, brothers and sisters in groups of 2 to 4 who share their story before the referral', () => {
    for (const seed of [1, 5, 9, 42]) {
      const children = generateChildren({ count: 1000, seed, today: '2026-11-25', organisations: 2 });
      const ages = children.map((c) => ageInYears(c.dateOfBirth, c.referralDate));
      assert.ok(
        ages.every((a) => a >= 2 && a <= 12),
        `ages ${Math.min(...ages)}–${Math.max(...ages)}`,
      );
      const fourToTen = ages.filter((a) => a >= 4 && a <= 10).length / ages.length;
      assert.ok(fourToTen > 0.85, `${Math.round(fourToTen * 100)}% aged 4–10`);
      const groups = new Map<number, typeof children>();
      for (const c of children) if (c.siblingGroup !== null) groups.set(c.siblingGroup, [...(groups.get(c.siblingGroup) ?? []), c]);
      const complete = [...groups.values()].slice(0, -1); // the last group may be cut short by the count
      assert.ok(complete.length > 50);
      for (const members of complete) {
        assert.ok(members.length >= 2 && members.length <= 4, `a group of ${members.length}`);
        for (const field of ['referralDate', 'enteredCareDate', 'adoptionPlanDate', 'placementOrderDate', 'organisationIndex'] as const)
          assert.equal(new Set(members.map((m) => m[field])).size, 1, field);
        assert.equal(members[0]!.relationshipToFirst, null);
        assert.ok(members.slice(1).every((m) => m.relationshipToFirst === 'full' || m.relationshipToFirst === 'half'));
      }
    }
  });

  it('records what matching reads: the worker’s view on identity for every child, places of important people near the referring authority', () => {
    const postcodes = [['LL57 9ZZ', 'LL55 9ZZ'], ['CF10 9ZZ']];
    const children = generateChildren({ count: 300, seed: 4, today: '2026-11-25', organisations: 2, postcodes });
    assert.ok(children.every((c) => c.identityConsiderations !== null));
    assert.ok(children.some((c) => c.languages.includes('cy')) && children.some((c) => c.identityConsiderations.ethnicityImportant));
    for (const c of children)
      for (const p of [...c.importantContactPostcodes, ...c.birthFamilyPostcodes]) assert.ok(postcodes[c.organisationIndex]!.includes(p), p);
    assert.ok(children.filter((c) => c.importantContactPostcodes.length > 0).length > 100);
    assert.ok(generateChildren({ count: 50, seed: 4, today: '2026-11-25', organisations: 2 }).every((c) => c.importantContactPostcodes.length === 0));
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
