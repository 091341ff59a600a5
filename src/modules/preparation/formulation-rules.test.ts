import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { changedFields, nextVersion, unitKeyOf } from './formulation-rules.ts';

describe('versions of a formulation', () => {
  const text = { history: 'h', presentingNeeds: 'needs', whatHelps: null, strategiesForParents: 's', recommendedSupport: null };

  it('keeps one line of versions per unit, whatever order its children are named in', () => {
    assert.equal(unitKeyOf(['b-child', 'a-child']), unitKeyOf(['a-child', 'b-child']));
    assert.throws(() => unitKeyOf([]));
  });

  it('numbers versions from 1', () => {
    assert.equal(nextVersion(null), 1);
    assert.equal(nextVersion({ formulationVersion: 3 }), 4);
  });

  it('names the parts a new version changed', () => {
    assert.deepEqual(changedFields(null, text), ['history', 'presentingNeeds', 'strategiesForParents']);
    assert.deepEqual(changedFields(text, { ...text, whatHelps: 'routine', presentingNeeds: 'needs' }), ['whatHelps']);
    assert.deepEqual(changedFields(text, text), []);
  });
});
