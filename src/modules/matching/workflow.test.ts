import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { moveMatch, type MatchState } from './workflow.ts';

const today = '2026-11-25';
const at = (stage: MatchState['stage'], extra: Partial<MatchState> = {}): MatchState => ({
  stage,
  stageSince: '2026-06-01',
  panelRecommendation: null,
  decision: null,
  localAuthorityAgreed: false,
  placementDate: null,
  ...extra,
});

describe('the matching workflow', () => {
  it('keeps the steps in order: a link cannot jump to placement', () => {
    assert.deepEqual(moveMatch(at('linked'), { to: 'placed', date: today }, today), { ok: false, refusal: { code: 'not-allowed' } });
    assert.deepEqual(moveMatch(at('linked'), { to: 'shortlisted', date: today }, today), {
      ok: true,
      patch: { stage: 'shortlisted', stageSince: today, shortlistedDate: today },
    });
  });

  it('needs a reason and who declined, so no family is left without an answer', () => {
    assert.deepEqual(moveMatch(at('visits'), { to: 'declined', date: today, declinedBy: 'household' }, today), {
      ok: false,
      refusal: { code: 'reason-required' },
    });
    assert.deepEqual(moveMatch(at('visits'), { to: 'declined', date: today, reason: 'Too far from school' }, today), {
      ok: false,
      refusal: { code: 'declined-by-required' },
    });
    const declined = moveMatch(at('visits'), { to: 'declined', date: today, reason: 'Too far from school', declinedBy: 'agency' }, today);
    assert.ok(declined.ok);
    assert.equal(declined.patch.closeReason, 'Too far from school');
  });

  it('needs the panel’s recommendation, then the agency decision and the authority’s agreement before introductions', () => {
    assert.deepEqual(moveMatch(at('matching_panel'), { to: 'agency_decision', date: today }, today), {
      ok: false,
      refusal: { code: 'panel-recommendation-required' },
    });
    assert.deepEqual(moveMatch(at('agency_decision'), { to: 'introductions', date: today, decision: 'match', decisionMaker: 'A. Decider' }, today), {
      ok: false,
      refusal: { code: 'local-authority-agreement-required' },
    });
    assert.deepEqual(moveMatch(at('agency_decision', { localAuthorityAgreed: true }), { to: 'introductions', date: today, decision: 'match' }, today), {
      ok: false,
      refusal: { code: 'decision-maker-required' },
    });
    assert.deepEqual(
      moveMatch(
        at('agency_decision', { localAuthorityAgreed: true }),
        { to: 'introductions', date: today, decision: 'do_not_match', decisionMaker: 'A. Decider' },
        today,
      ),
      { ok: false, refusal: { code: 'decision-not-to-match' } },
    );
    const go = moveMatch(
      at('agency_decision', { localAuthorityAgreed: true }),
      { to: 'introductions', date: today, decision: 'match', decisionMaker: 'A. Decider' },
      today,
    );
    assert.ok(go.ok);
    assert.equal(go.patch.decisionMaker, 'A. Decider');
  });

  it('records a decision not to match as the end of the match, with its reason', () => {
    const ended = moveMatch(
      at('agency_decision'),
      { to: 'ended', date: today, reason: 'Needs not met', decision: 'do_not_match', decisionMaker: 'A. Decider' },
      today,
    );
    assert.ok(ended.ok);
    assert.equal(ended.patch.decision, 'do_not_match');
    assert.equal(ended.patch.closeReason, 'Needs not met');
  });

  it('allows the adoption order only ten weeks after placement', () => {
    const placed = at('placed', { stageSince: '2026-10-01', placementDate: '2026-10-01' });
    assert.deepEqual(moveMatch(placed, { to: 'adoption_order', date: '2026-11-25' }, today), {
      ok: false,
      refusal: { code: 'order-too-soon', earliest: '2026-12-10' },
    });
    const ok = moveMatch(at('placed', { stageSince: '2026-08-01', placementDate: '2026-08-01' }), { to: 'adoption_order', date: '2026-11-25' }, today);
    assert.ok(ok.ok);
  });

  it('records a disruption with its date and reasons', () => {
    assert.deepEqual(moveMatch(at('placed'), { to: 'disrupted', date: today }, today), { ok: false, refusal: { code: 'reason-required' } });
    const disrupted = moveMatch(
      at('placed', { placementDate: '2026-06-01' }),
      { to: 'disrupted', date: today, reason: 'Placement could not meet needs' },
      today,
    );
    assert.ok(disrupted.ok);
    assert.equal(disrupted.patch.disruptionDate, today);
  });

  it('refuses dates in the future and before the current step began', () => {
    assert.deepEqual(moveMatch(at('linked'), { to: 'shortlisted', date: '2026-12-01' }, today), { ok: false, refusal: { code: 'date-in-future' } });
    assert.deepEqual(moveMatch(at('linked'), { to: 'shortlisted', date: '2026-05-01' }, today), { ok: false, refusal: { code: 'date-before-stage' } });
  });
});
