import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { availableMoves, transition, type HouseholdState } from './stages.ts';
import type { MissingCheck } from './checks.ts';

const today = '2026-06-30';
const base: HouseholdState = {
  stage: 'stage1',
  stageSince: '2026-03-01',
  stageBeforeHold: null,
  reportCompletedDate: null,
  panelRecommendation: null,
  stage1Date: '2026-03-01',
};
const awaitedDbs: MissingCheck[] = [{ kind: 'dbs', applicantId: 'a1', problem: 'awaited' }];

describe('the adopter journey state machine', () => {
  it('refuses Stage 2 while Stage 1 checks are outstanding, naming what is missing', () => {
    const result = transition(base, { to: 'stage2', date: '2026-05-01' }, awaitedDbs, today);
    assert.deepEqual(result, { ok: false, refusal: { code: 'checks-incomplete', missing: awaitedDbs } });
  });

  it('moves to Stage 2 once checks are complete, recording the first day of Stage 2', () => {
    const result = transition(base, { to: 'stage2', date: '2026-05-01' }, [], today);
    assert.ok(result.ok);
    assert.equal(result.patch.stage, 'stage2');
    assert.equal(result.patch.stage2Date, '2026-05-01');
    assert.equal(result.patch.stageSince, '2026-05-01');
  });

  it('refuses a break before the checks are complete too', () => {
    const result = transition(base, { to: 'break', date: '2026-05-01' }, awaitedDbs, today);
    assert.equal(result.ok, false);
  });

  it('refuses a stage that cannot follow the current one as not allowed', () => {
    assert.deepEqual(transition({ ...base, stage: 'enquiry' }, { to: 'approved', date: '2026-05-01' }, [], today), {
      ok: false,
      refusal: { code: 'not-allowed', from: 'enquiry', to: 'approved' },
    });
    assert.equal(transition({ ...base, stage: 'withdrawn' }, { to: 'stage1', date: '2026-05-01' }, [], today).ok, false);
  });

  it('refuses approval without a panel recommendation and without a decision maker', () => {
    const atDecision: HouseholdState = { ...base, stage: 'agency_decision', stageSince: '2026-06-01' };
    assert.deepEqual(transition(atDecision, { to: 'approved', date: '2026-06-10', decisionMaker: 'A. Decider' }, [], today), {
      ok: false,
      refusal: { code: 'panel-recommendation-required' },
    });
    const recommended = { ...atDecision, panelRecommendation: 'suitable' as const };
    assert.deepEqual(transition(recommended, { to: 'approved', date: '2026-06-10' }, [], today), { ok: false, refusal: { code: 'decision-maker-required' } });
    const approved = transition(recommended, { to: 'approved', date: '2026-06-10', decisionMaker: 'A. Decider' }, [], today);
    assert.ok(approved.ok);
    assert.equal(approved.patch.decision, 'suitable');
    assert.equal(approved.patch.decisionDate, '2026-06-10');
    assert.equal(approved.patch.approvedDate, '2026-06-10');
  });

  it('records the panel meeting and its recommendation on the way to the agency decision', () => {
    const atPanel: HouseholdState = { ...base, stage: 'panel', stageSince: '2026-06-01', reportCompletedDate: '2026-05-20' };
    assert.deepEqual(transition(atPanel, { to: 'agency_decision', date: '2026-06-05' }, [], today), {
      ok: false,
      refusal: { code: 'panel-recommendation-required' },
    });
    const moved = transition(atPanel, { to: 'agency_decision', date: '2026-06-05', panelRecommendation: 'suitable' }, [], today);
    assert.ok(moved.ok);
    assert.equal(moved.patch.panelMeetingDate, '2026-06-05');
    assert.equal(moved.patch.panelRecommendation, 'suitable');
  });

  it('needs the prospective adopter’s report before panel', () => {
    const inStage2: HouseholdState = { ...base, stage: 'stage2', stageSince: '2026-05-01' };
    assert.deepEqual(transition(inStage2, { to: 'panel', date: '2026-06-01' }, [], today), { ok: false, refusal: { code: 'report-required' } });
    const withReport = transition(inStage2, { to: 'panel', date: '2026-06-01', reportCompletedDate: '2026-05-28' }, [], today);
    assert.ok(withReport.ok);
    assert.equal(withReport.patch.reportCompletedDate, '2026-05-28');
  });

  it('needs a reason to hold, withdraw or not approve, and resumes a hold where it paused', () => {
    assert.deepEqual(transition(base, { to: 'on_hold', date: '2026-04-01', reason: '  ' }, [], today), { ok: false, refusal: { code: 'reason-required' } });
    const held = transition(base, { to: 'on_hold', date: '2026-04-01', reason: 'Moving house' }, [], today);
    assert.ok(held.ok);
    assert.equal(held.patch.stageBeforeHold, 'stage1');
    assert.equal(held.patch.stageReason, 'Moving house');
    const onHold: HouseholdState = { ...base, stage: 'on_hold', stageSince: '2026-04-01', stageBeforeHold: 'stage1' };
    assert.deepEqual(availableMoves(onHold), ['resume', 'withdrawn']);
    const resumed = transition(onHold, { to: 'resume', date: '2026-05-01' }, [], today);
    assert.ok(resumed.ok);
    assert.equal(resumed.patch.stage, 'stage1');
    assert.equal(resumed.patch.stageBeforeHold, null);
    assert.equal(resumed.patch.stage1Date, undefined, 'the first day of Stage 1 is kept');
    const withdrawn = transition(base, { to: 'withdrawn', date: '2026-04-01', reason: 'Decided not to adopt now' }, [], today);
    assert.ok(withdrawn.ok);
    assert.equal(withdrawn.patch.closedDate, '2026-04-01');
  });

  it('refuses dates in the future or before the current stage began', () => {
    assert.deepEqual(transition(base, { to: 'withdrawn', date: '2026-07-01', reason: 'x' }, [], today), { ok: false, refusal: { code: 'date-in-future' } });
    assert.deepEqual(transition(base, { to: 'withdrawn', date: '2026-02-01', reason: 'x' }, [], today), { ok: false, refusal: { code: 'date-before-stage' } });
  });

  it('keeps the first approval date when a link ends and the household returns to approved', () => {
    const linked: HouseholdState = { ...base, stage: 'linked', stageSince: '2026-06-01', approvedDate: '2026-05-01', linkedDate: '2026-06-01' };
    const back = transition(linked, { to: 'approved', date: '2026-06-20' }, [], today);
    assert.ok(back.ok);
    assert.equal(back.patch.approvedDate, undefined);
  });
});
