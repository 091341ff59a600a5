import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ZodError } from 'zod';
import { DEFAULT_MATCHING_CONFIG, parseMatchingConfig, validateMatchingConfig } from './matching-config.ts';

const withWeights = (weights: Partial<typeof DEFAULT_MATCHING_CONFIG.weights>) => ({
  ...DEFAULT_MATCHING_CONFIG,
  weights: { ...DEFAULT_MATCHING_CONFIG.weights, ...weights },
});
const errors = (input: unknown) => {
  const result = validateMatchingConfig(input);
  assert.equal(result.ok, false);
  return result.ok ? [] : result.errors;
};

describe('matching configuration', () => {
  it('accepts the defaults, whose weights make 100', () => {
    assert.deepEqual(parseMatchingConfig(DEFAULT_MATCHING_CONFIG), DEFAULT_MATCHING_CONFIG);
    assert.equal(
      Object.values(DEFAULT_MATCHING_CONFIG.weights).reduce((a, b) => a + b, 0),
      100,
    );
  });

  it('accepts weights that do not make 100 (they are shares)', () => {
    assert.equal(validateMatchingConfig(withWeights({ needs: 3, age: 0 })).ok, true);
  });

  it('refuses a negative weight', () => {
    assert.deepEqual(errors(withWeights({ age: -1 })), [{ field: 'weights.age', key: 'matching:errors.config.weightNegative' }]);
  });

  it('refuses weights that are all 0', () => {
    const zero = { needs: 0, age: 0, language: 0, identity: 0, experience: 0, supportNetwork: 0, therapeuticPreparation: 0, contactDistance: 0 };
    assert.deepEqual(errors(withWeights(zero)), [{ field: 'weights', key: 'matching:errors.config.noPositiveWeight' }]);
  });

  it('refuses a weight that is not a number, or missing', () => {
    assert.deepEqual(errors(withWeights({ needs: Number.NaN })), [{ field: 'weights.needs', key: 'matching:errors.config.weightInvalid' }]);
    const { needs: _needs, ...rest } = DEFAULT_MATCHING_CONFIG.weights;
    assert.deepEqual(errors({ ...DEFAULT_MATCHING_CONFIG, weights: rest }), [{ field: 'weights.needs', key: 'matching:errors.config.weightInvalid' }]);
  });

  it('refuses credits outside 0 to 1 and negative distances', () => {
    assert.deepEqual(errors({ ...DEFAULT_MATCHING_CONFIG, ageEdgeCredit: 1.5 }), [{ field: 'ageEdgeCredit', key: 'matching:errors.config.creditRange' }]);
    assert.deepEqual(errors({ ...DEFAULT_MATCHING_CONFIG, withSupportCredit: { mild: 0.5, moderate: -0.1, severe: 0 } }), [
      { field: 'withSupportCredit.moderate', key: 'matching:errors.config.creditRange' },
    ]);
    assert.deepEqual(errors({ ...DEFAULT_MATCHING_CONFIG, safetyDistanceKm: -5 }), [
      { field: 'safetyDistanceKm', key: 'matching:errors.config.distanceNegative' },
    ]);
  });

  it('refuses a contact distance range that ends before it starts', () => {
    assert.deepEqual(errors({ ...DEFAULT_MATCHING_CONFIG, contactFullCreditKm: 50, contactMaxKm: 50 }), [
      { field: 'contactMaxKm', key: 'matching:errors.config.contactDistanceOrder' },
    ]);
  });

  it('refuses settings it does not know, and a configuration that is not one', () => {
    assert.deepEqual(errors({ ...DEFAULT_MATCHING_CONFIG, waitingBonus: 5 }), [{ field: 'config', key: 'matching:errors.config.invalid' }]);
    assert.deepEqual(errors(null), [{ field: 'config', key: 'matching:errors.config.invalid' }]);
    assert.throws(() => parseMatchingConfig({}), ZodError);
  });
});
