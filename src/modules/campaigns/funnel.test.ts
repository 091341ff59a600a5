import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel, FunnelStage, Stage } from '../recruitment/index.ts';
import {
  aggregateHouseholds,
  buildFunnel,
  combineAggregates,
  costPer,
  median,
  percent,
  whoTheyCanConsider,
  type ConsiderationFacts,
  type FunnelAggregate,
  type FunnelHousehold,
} from './funnel.ts';

const profile = (over: Partial<ConsiderationFacts> = {}): ConsiderationFacts => ({
  siblingGroups: false,
  childrenMax: 1,
  ageMax: 3,
  needs: { autism_spectrum: 'cannot' },
  ...over,
});

/** A household that reached the given stages on the given dates. */
function household(
  campaignId: string | null,
  channel: Channel | null,
  stage: Stage,
  dates: Partial<Record<FunnelStage, string>>,
  facts: ConsiderationFacts | null = null,
): FunnelHousehold {
  return {
    campaignId,
    channel,
    stage,
    dates: {
      enquiry: dates.enquiry ?? '2025-01-01',
      information_event: dates.information_event ?? null,
      registration: dates.registration ?? null,
      stage1: dates.stage1 ?? null,
      stage2: dates.stage2 ?? null,
      panel: dates.panel ?? null,
      approved: dates.approved ?? null,
      linked: dates.linked ?? null,
      matched: dates.matched ?? null,
      placed: dates.placed ?? null,
    },
    profile: facts,
  };
}

describe('who an approved family can consider', () => {
  it('counts a sibling group only when the family is open to siblings and to two or more children', () => {
    assert.equal(whoTheyCanConsider(profile({ siblingGroups: true, childrenMax: 2 })).siblingGroup, true);
    assert.equal(whoTheyCanConsider(profile({ siblingGroups: true, childrenMax: 1 })).siblingGroup, false);
    assert.equal(whoTheyCanConsider(profile({ siblingGroups: false, childrenMax: 4 })).siblingGroup, false);
  });

  it('counts a child aged 4 or over from the oldest age they would consider', () => {
    assert.equal(whoTheyCanConsider(profile({ ageMax: 4 })).olderChild, true);
    assert.equal(whoTheyCanConsider(profile({ ageMax: 3 })).olderChild, false);
  });

  it('counts additional needs when at least one need is rated "can" or "with support"', () => {
    assert.equal(whoTheyCanConsider(profile({ needs: { autism_spectrum: 'cannot', medical_condition: 'with_support' } })).additionalNeeds, true);
    assert.equal(whoTheyCanConsider(profile({ needs: { learning_disability: 'can' } })).additionalNeeds, true);
    assert.equal(whoTheyCanConsider(profile({ needs: { autism_spectrum: 'cannot', medical_condition: 'cannot' } })).additionalNeeds, false);
    assert.equal(whoTheyCanConsider(profile({ needs: {} })).additionalNeeds, false);
  });

  it('counts all three only when every one holds', () => {
    const open = profile({ siblingGroups: true, childrenMax: 3, ageMax: 8, needs: { attachment_trauma: 'with_support' } });
    assert.deepEqual(whoTheyCanConsider(open), { siblingGroup: true, olderChild: true, additionalNeeds: true, all: true });
    assert.equal(whoTheyCanConsider({ ...open, ageMax: 3 }).all, false);
  });
});

describe('funnel arithmetic', () => {
  it('takes the median as PostgreSQL’s percentile_cont(0.5) does', () => {
    assert.equal(median([]), null);
    assert.equal(median([7]), 7);
    assert.equal(median([10, 2, 5]), 5);
    assert.equal(median([1, 2, 3, 10]), 2.5);
  });

  it('rounds to whole percentages and whole pence, and gives nothing for nothing', () => {
    assert.equal(percent(1, 3), 33);
    assert.equal(percent(2, 3), 67);
    assert.equal(percent(0, 0), null);
    assert.equal(costPer(100_000, 3), 33_333);
    assert.equal(costPer(100_000, 0), null);
    assert.equal(costPer(null, 5), null);
  });
});

describe('the campaign funnel', () => {
  const campaigns = [
    { id: 'c-siblings', name: 'Brothers and sisters', nameCy: null, referrerCode: 'siblings', startDate: '2025-01-01', endDate: null },
    { id: 'c-empty', name: 'Nobody came', nameCy: null, referrerCode: 'empty', startDate: '2025-01-01', endDate: null },
  ];
  const households = [
    // Through to placement, via an information event: 30, 20, 10 … days apart.
    household(
      'c-siblings',
      'radio',
      'placed',
      {
        enquiry: '2025-01-01',
        information_event: '2025-01-31',
        registration: '2025-02-20',
        stage1: '2025-03-02',
        stage2: '2025-05-01',
        panel: '2025-09-01',
        approved: '2025-10-01',
        linked: '2025-12-01',
        matched: '2026-01-01',
        placed: '2026-02-01',
      },
      profile({ siblingGroups: true, childrenMax: 2, ageMax: 9, needs: { medical_condition: 'can' } }),
    ),
    // Approved, skipping the information event; can consider a child of 4 or over only.
    household(
      'c-siblings',
      'radio',
      'approved',
      { enquiry: '2025-02-01', registration: '2025-02-11', stage1: '2025-03-01', stage2: '2025-05-01', panel: '2025-09-11', approved: '2025-10-01' },
      profile({ ageMax: 6 }),
    ),
    // Approved once, now on hold: not an approved adopter today, so not counted as a family who can consider.
    household(
      'c-siblings',
      'social_media',
      'on_hold',
      {
        enquiry: '2025-03-01',
        information_event: '2025-03-11',
        registration: '2025-04-01',
        stage1: '2025-04-10',
        stage2: '2025-06-10',
        panel: '2025-10-01',
        approved: '2025-11-01',
      },
      profile({ siblingGroups: true, childrenMax: 3, ageMax: 10, needs: { autism_spectrum: 'can' } }),
    ),
    // An enquiry that went no further.
    household('c-siblings', 'social_media', 'withdrawn', { enquiry: '2025-04-01' }),
    // No campaign: an information event, then nothing.
    household(null, 'word_of_mouth', 'information_event', { enquiry: '2025-05-01', information_event: '2025-05-21' }),
  ];
  const costs = [
    { campaignId: 'c-siblings', channel: 'radio' as const, amountPence: 300_000 },
    { campaignId: 'c-siblings', channel: 'social_media' as const, amountPence: 100_000 },
    { campaignId: 'c-empty', channel: 'print' as const, amountPence: 50_000 },
  ];
  const report = buildFunnel({ aggregates: aggregateHouseholds(households), campaigns, costs });
  const siblings = report.campaigns[0]!;
  const reached = (s: { stages: { reached: number }[] }) => s.stages.map((x) => x.reached);

  it('counts the households that reached each stage', () => {
    assert.deepEqual(reached(siblings.total), [4, 2, 3, 3, 3, 3, 3, 1, 1, 1]);
    assert.deepEqual(reached(report.noCampaign.total), [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(reached(report.everyone), [5, 3, 3, 3, 3, 3, 3, 1, 1, 1]);
    assert.deepEqual(reached(report.allCampaigns.total), reached(siblings.total));
  });

  it('converts from the previous stage over households that reached both, never above 100%', () => {
    const stages = siblings.total.stages;
    assert.equal(stages[0]!.fromPreviousPercent, null);
    assert.equal(stages[1]!.fromPreviousPercent, 50); // 2 of 4 enquiries went to an event
    assert.equal(stages[2]!.fromPreviousPercent, 100); // both who went to an event registered (a third registered without one)
    assert.equal(stages[2]!.fromEnquiryPercent, 75);
    assert.equal(stages[6]!.fromEnquiryPercent, 75);
    assert.equal(stages[7]!.fromPreviousPercent, 33); // 1 of 3 approved has been linked
  });

  it('times each step by its median over households that reached both ends', () => {
    const medians = siblings.total.stages.map((s) => s.medianDaysFromPrevious);
    assert.equal(medians[0], null);
    assert.equal(medians[1], 20); // 30 and 10 days
    assert.equal(medians[2], 20.5); // 20 and 21 days (the household that skipped the event is not timed)
    assert.equal(medians[3], 10); // 10, 18 and 9 days
    assert.equal(medians[9], 31);
  });

  it('divides the campaign’s costs by its enquiries and approvals, per channel too', () => {
    assert.equal(siblings.total.costPence, 400_000);
    assert.equal(siblings.total.costPerEnquiryPence, 100_000);
    assert.equal(siblings.total.costPerApprovalPence, 133_333);
    const [social, radio] = siblings.channels; // in the vocabulary's order
    assert.deepEqual([radio!.channel, radio!.costPerEnquiryPence, radio!.costPerApprovalPence], ['radio', 150_000, 150_000]);
    assert.deepEqual([social!.channel, social!.costPerEnquiryPence, social!.costPerApprovalPence], ['social_media', 50_000, 100_000]);
  });

  it('shows a campaign with costs and no enquiries, with no cost per enquiry or approval', () => {
    const empty = report.campaigns[1]!;
    assert.equal(empty.total.enquiries, 0);
    assert.equal(empty.total.costPence, 50_000);
    assert.equal(empty.total.costPerEnquiryPence, null);
    assert.equal(empty.total.costPerApprovalPence, null);
    assert.deepEqual(
      empty.channels.map((c) => [c.channel, c.costPence, c.enquiries]),
      [['print', 50_000, 0]],
    );
  });

  it('puts every campaign’s costs in the all-campaigns total and none against households of no campaign', () => {
    assert.equal(report.allCampaigns.total.costPence, 450_000);
    assert.equal(report.allCampaigns.total.costPerApprovalPence, 150_000);
    assert.equal(report.noCampaign.total.costPence, null);
    assert.equal(report.noCampaign.total.costPerEnquiryPence, null);
    assert.deepEqual(
      report.allCampaigns.channels.map((c) => [c.channel, c.enquiries, c.costPence]),
      [
        ['social_media', 2, 100_000],
        ['radio', 2, 300_000],
        ['print', 0, 50_000],
      ],
    );
  });

  it('counts approved households who can consider the children who wait, from their current profile', () => {
    assert.deepEqual(siblings.total.consider, { approved: 2, siblingGroup: 1, olderChild: 2, additionalNeeds: 1, all: 1 });
    assert.deepEqual(report.noCampaign.total.consider, { approved: 0, siblingGroup: 0, olderChild: 0, additionalNeeds: 0, all: 0 });
  });
});

describe('the two aggregates, combined', () => {
  const households = [
    household(
      'a',
      'radio',
      'approved',
      { enquiry: '2025-01-01', registration: '2025-01-11', stage1: '2025-02-01', stage2: '2025-04-01', panel: '2025-08-01', approved: '2025-09-01' },
      profile({ siblingGroups: true, childrenMax: 2 }),
    ),
    household('a', 'print', 'stage1', { enquiry: '2025-01-05', information_event: '2025-01-20', registration: '2025-02-01', stage1: '2025-02-20' }),
    household('b', 'radio', 'withdrawn', { enquiry: '2025-03-01', information_event: '2025-03-04' }),
    household(null, null, 'enquiry', { enquiry: '2025-04-01' }),
    household(
      null,
      'radio',
      'placed',
      {
        enquiry: '2025-01-01',
        registration: '2025-01-21',
        stage1: '2025-02-01',
        stage2: '2025-04-01',
        panel: '2025-08-01',
        approved: '2025-09-01',
        linked: '2025-10-01',
        matched: '2025-11-01',
        placed: '2025-12-01',
      },
      profile({ ageMax: 5, needs: { medical_condition: 'can' } }),
    ),
  ];
  const sorted = (rows: FunnelAggregate[]) =>
    [...rows].sort((x, y) =>
      JSON.stringify([x.grouping, x.campaignId, x.channel, x.attributed]).localeCompare(JSON.stringify([y.grouping, y.campaignId, y.channel, y.attributed])),
    );

  it('adds the counts of each campaign and channel up into every grouping, with each grouping’s medians', () => {
    const reference = aggregateHouseholds(households);
    const counts = reference
      .filter((a) => a.grouping === 'campaign_channel')
      .map(({ campaignId, channel, reached, reachedBoth, consider }) => ({ campaignId, channel, reached, reachedBoth, consider }));
    const medians = reference.map(({ grouping, campaignId, channel, attributed, medianDays }) => ({ grouping, campaignId, channel, attributed, medianDays }));
    assert.deepEqual(sorted(combineAggregates(counts, medians)), sorted(reference));
    assert.equal(reference.find((a) => a.grouping === 'everyone')!.consider.approved, 2);
  });

  it('leaves a grouping no household made a step in without medians', () => {
    const reference = aggregateHouseholds(households);
    const counts = reference.filter((a) => a.grouping === 'campaign_channel');
    const combined = combineAggregates(counts, []);
    assert.ok(combined.every((a) => a.medianDays.every((m) => m === null)));
    assert.deepEqual(
      sorted(combined).map((a) => a.reached),
      sorted(reference).map((a) => a.reached),
    );
  });
});
