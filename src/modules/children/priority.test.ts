import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PRIORITY_CONFIG, classifyPriority, type PriorityFacts } from './priority.ts';

const base: PriorityFacts = {
  dateOfBirth: '2023-05-10',
  referralDate: '2025-09-01',
  inSiblingGroup: false,
  needs: [],
  developmentalUncertainty: false,
  ethnicity: 'white_british',
  placementOrderDate: null,
};
const reasons = (child: Partial<PriorityFacts>, today = '2026-01-15', config = DEFAULT_PRIORITY_CONFIG) =>
  classifyPriority({ ...base, ...child }, today, config).map((r) => r.reason);

describe('priority: the children who wait', () => {
  it('gives no reason for a baby with no needs, alone, recently referred', () => {
    assert.deepEqual(reasons({}), []);
  });

  it('counts age at referral, not age today', () => {
    assert.deepEqual(reasons({ dateOfBirth: '2021-09-02', referralDate: '2025-09-01' }, '2027-01-01'), []);
    const detail = classifyPriority({ ...base, dateOfBirth: '2021-09-01', referralDate: '2025-09-01' }, '2026-01-01');
    assert.deepEqual(detail, [{ reason: 'age', params: { age: 4 } }]);
  });

  it('names every reason that applies', () => {
    assert.deepEqual(
      reasons({
        inSiblingGroup: true,
        needs: [{ category: 'autism_spectrum', severity: 'moderate' }],
        developmentalUncertainty: true,
        ethnicity: 'mixed_white_black_caribbean',
      }),
      ['sibling_group', 'disability_or_needs', 'developmental_uncertainty', 'minority_ethnic'],
    );
  });

  it('does not treat an unknown ethnicity as minority ethnic', () => {
    assert.deepEqual(reasons({ ethnicity: 'not_known' }), []);
    assert.deepEqual(reasons({ ethnicity: null }), []);
    assert.deepEqual(reasons({ ethnicity: 'white_gypsy_irish_traveller' }), ['minority_ethnic']);
  });

  it('adds waiting once 12 months have passed since the placement order, to the day', () => {
    assert.deepEqual(reasons({ placementOrderDate: '2025-01-16' }, '2026-01-15'), []);
    assert.deepEqual(reasons({ placementOrderDate: '2025-01-15' }, '2026-01-15'), ['waiting_since_placement_order']);
  });

  it('follows the agency’s thresholds', () => {
    const config = { ...DEFAULT_PRIORITY_CONFIG, minimumAgeYears: 2, waitingMonthsSincePlacementOrder: 6, minimumNeedSeverity: 'severe' as const };
    assert.deepEqual(reasons({ needs: [{ category: 'medical_condition', severity: 'moderate' }], placementOrderDate: '2025-07-15' }, '2026-01-15', config), [
      'age',
      'waiting_since_placement_order',
    ]);
  });
});
