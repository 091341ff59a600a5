import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { median } from '../campaigns/index.ts';
import { transition, type HouseholdState } from './stages.ts';
import { generateCampaigns } from '../campaigns/index.ts';
import { generateHouseholds, type SyntheticHousehold } from './synthetic.ts';
import { FUNNEL_STAGES, STAGES } from './vocabulary.ts';

const today = '2026-11-25';
const campaigns = generateCampaigns({ seed: 5, today });
const households = generateHouseholds({ count: 3000, seed: 5, today, campaigns });
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Replays a household's history through the state machine, as a worker would have moved it. */
function replay(h: SyntheticHousehold) {
  let state: HouseholdState = { stage: 'enquiry', stageSince: h.enquiryDate, stageBeforeHold: null, reportCompletedDate: null, panelRecommendation: null };
  for (const event of h.history.slice(1)) {
    const result = transition(
      state,
      {
        to: event.toStage,
        date: event.effectiveDate,
        reason: event.reason,
        panelRecommendation: event.toStage === 'agency_decision' ? h.panelRecommendation : null,
        decisionMaker: h.decisionMaker,
        reportCompletedDate: event.toStage === 'panel' ? h.reportCompletedDate : null,
      },
      [],
      today,
    );
    assert.ok(result.ok, `${h.reference}: ${event.fromStage} → ${event.toStage} refused: ${JSON.stringify(!result.ok && result.refusal)}`);
    state = { ...state, ...result.patch };
  }
  return state;
}

describe('synthetic campaigns and households', () => {
  it('is the same for the same seed and different for another', () => {
    assert.deepEqual(generateHouseholds({ count: 100, seed: 5, today, campaigns }), households.slice(0, 100));
    assert.notDeepEqual(generateHouseholds({ count: 100, seed: 6, today, campaigns }), households.slice(0, 100));
  });

  it('gives campaigns unique codes, channels, dates in order and costs in pence', () => {
    assert.equal(new Set(campaigns.map((c) => c.referrerCode.toLowerCase())).size, campaigns.length);
    for (const c of campaigns) {
      assert.match(c.referrerCode, /^[a-z0-9-]+$/);
      assert.ok(c.channels.length > 0 && c.startDate <= today && (c.endDate === null || c.endDate >= c.startDate));
      for (const cost of c.costs) assert.ok(Number.isInteger(cost.amountPence) && cost.amountPence > 0 && c.channels.includes(cost.channel));
    }
    assert.notEqual(generateCampaigns({ seed: 6, today })[0]!.referrerCode, campaigns[0]!.referrerCode);
  });

  it('moves every household only as the state machine allows, with its milestones where the history says', () => {
    for (const h of households) {
      const state = replay(h);
      assert.equal(state.stage, h.stage, h.reference);
      assert.equal(state.stageSince, h.stageSince, h.reference);
      assert.equal(state.stageBeforeHold, h.stageBeforeHold, h.reference);
      for (const column of [
        'informationEventDate',
        'registrationDate',
        'stage1Date',
        'breakDate',
        'stage2Date',
        'panelDate',
        'approvedDate',
        'linkedDate',
        'matchedDate',
        'placedDate',
      ] as const) {
        assert.equal(state[column] ?? null, h[column], `${h.reference} ${column}`);
      }
    }
  });

  it('dates every step in order, nothing after today', () => {
    for (const h of households) {
      const dates = h.history.map((e) => e.effectiveDate);
      assert.deepEqual(dates, [...dates].sort(), h.reference);
      assert.ok(
        dates.every((d) => d <= today),
        h.reference,
      );
      assert.equal(h.history[0]!.effectiveDate, h.enquiryDate);
    }
  });

  it('takes about two months over Stage 1 and about four over Stage 2', () => {
    const stage1 = median(households.filter((h) => h.stage2Date && !h.breakDate).map((h) => days(h.stage1Date!, h.stage2Date!)))!;
    const stage2 = median(households.filter((h) => h.panelDate).map((h) => days(h.stage2Date!, h.panelDate!)))!;
    assert.ok(stage1 >= 50 && stage1 <= 75, `Stage 1 median ${stage1} days`);
    assert.ok(stage2 >= 100 && stage2 <= 140, `Stage 2 median ${stage2} days`);
  });

  it('has households at every stage, and some withdrawn, not approved or on hold with a reason', () => {
    const stages = new Set(households.map((h) => h.stage));
    for (const stage of STAGES) assert.ok(stages.has(stage), `no household at ${stage}`);
    for (const h of households.filter((x) => ['withdrawn', 'not_approved', 'on_hold'].includes(x.stage))) assert.ok(h.stageReason, h.reference);
    for (const stage of FUNNEL_STAGES)
      assert.ok(
        households.some((h) => h.history.some((e) => e.toStage === stage)),
        stage,
      );
  });

  it('attributes households to campaigns through the campaign’s own channels', () => {
    const attributed = households.filter((h) => h.campaignIndex !== null);
    assert.ok(attributed.length > households.length * 0.6 && attributed.length < households.length * 0.8);
    for (const h of attributed) {
      const campaign = campaigns[h.campaignIndex!]!;
      assert.ok(campaign.channels.includes(h.channel!), h.reference);
      assert.equal(h.referrerCode, campaign.referrerCode);
      assert.ok(h.enquiryDate >= campaign.startDate, h.reference);
    }
  });

  it('can put one household at every stage, even in a small demo, each reached as the state machine allows', () => {
    const few = generateHouseholds({ count: 20, seed: 9, today, campaigns, everyStage: true });
    assert.deepEqual(
      few.slice(0, STAGES.length).map((h) => h.stage),
      [...STAGES],
    );
    for (const h of few) assert.equal(replay(h).stage, h.stage, h.reference);
    for (const h of few.filter((x) => ['withdrawn', 'not_approved', 'on_hold'].includes(x.stage))) assert.ok(h.stageReason, h.reference);
  });

  it('gives one or two obviously fictional applicants and unique references', () => {
    assert.equal(new Set(households.map((h) => h.reference)).size, households.length);
    for (const h of households) {
      assert.ok(h.applicants.length === 1 || h.applicants.length === 2);
      for (const a of h.applicants) {
        assert.match(a.familyName, /\(fictional\)$/);
        assert.match(a.email, /@example\.invalid$/);
      }
      assert.match(h.reference, /^SYN-/);
    }
  });

  it('gives one current consideration profile to every household from Stage 2 on, and none before', () => {
    for (const h of households) {
      if (h.stage2Date) assert.equal(h.profiles.filter((p) => p.isCurrent).length, 1, h.reference);
      else assert.equal(h.profiles.length, 0, h.reference);
    }
    assert.ok(
      households.some((h) => h.profiles.length === 2),
      'some profiles changed at approval',
    );
  });

  it('has the Stage 1 checks of every household that went on to Stage 2 back and satisfactory', () => {
    for (const h of households.filter((x) => x.stage2Date)) {
      assert.ok(
        h.checks.length >= 6 && h.checks.every((c) => c.outcome === 'satisfactory' && c.receivedDate && c.receivedDate <= (h.breakDate ?? h.stage2Date)!),
        h.reference,
      );
    }
  });
});
