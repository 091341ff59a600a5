import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adopterMayRead, formulationPartsForAdopter } from './policy.ts';

describe('what an adopter household reads of a child’s formulation', () => {
  it('reads nothing while the link is only being explored', () => {
    for (const stage of ['linked', 'shortlisted', 'visits']) assert.deepEqual(formulationPartsForAdopter(stage), [], stage);
  });

  it('reads needs, what helps, strategies and support from the matching meeting onwards', () => {
    for (const stage of ['matching_meeting', 'matching_panel', 'agency_decision', 'introductions', 'placed', 'adoption_order']) {
      assert.deepEqual([...formulationPartsForAdopter(stage)], ['presentingNeeds', 'whatHelps', 'strategiesForParents', 'recommendedSupport'], stage);
    }
  });

  it('never reads the child’s history', () => {
    assert.ok(!(formulationPartsForAdopter('placed') as readonly string[]).includes('history'));
  });

  it('reads nothing more once the link is declined, ended or disrupted', () => {
    for (const stage of ['declined', 'ended', 'disrupted', 'not-a-stage']) assert.deepEqual(formulationPartsForAdopter(stage), [], stage);
  });

  it('sees the transition plan only from introductions', () => {
    assert.equal(adopterMayRead('transitionPlan', 'agency_decision'), false);
    assert.equal(adopterMayRead('transitionPlan', 'introductions'), true);
    assert.equal(adopterMayRead('transitionPlan', 'placed'), true);
  });
});
