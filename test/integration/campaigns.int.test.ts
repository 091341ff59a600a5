import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseCsv } from 'csv-parse/sync';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { callApi } from '../support/api-client.ts';
import { considerationProfiles, households } from '../../src/modules/recruitment/schema.ts';
import type { Channel, FunnelStage, Stage } from '../../src/modules/recruitment/vocabulary.ts';
import { generateHouseholds } from '../../src/modules/recruitment/synthetic.ts';
import { generateCampaigns } from '../../src/modules/campaigns/synthetic.ts';
import { seedSyntheticRecruitment } from '../../src/modules/campaigns/service.ts';
import { aggregateHouseholds, buildFunnel, type FunnelReport, type Segment } from '../../src/modules/campaigns/funnel.ts';

/**
 * Campaigns and their funnel on a small dataset whose every figure is worked out by hand below,
 * through the API, the pages and the CSV; campaign editing and its refusals; who may see what.
 */

type Profile = { siblingGroups: boolean; childrenMax: number; ageMax: number; needs: Record<string, 'can' | 'with_support' | 'cannot'>; current?: boolean };
type Known = {
  key: string;
  campaign: 'A' | 'B' | null;
  channel: Channel | null;
  stage: Stage;
  dates: Partial<Record<FunnelStage, string>>;
  profiles?: Profile[];
};

const MILESTONE_COLUMN: Record<FunnelStage, keyof typeof households.$inferInsert> = {
  enquiry: 'enquiryDate',
  information_event: 'informationEventDate',
  registration: 'registrationDate',
  stage1: 'stage1Date',
  stage2: 'stage2Date',
  panel: 'panelDate',
  approved: 'approvedDate',
  linked: 'linkedDate',
  matched: 'matchedDate',
  placed: 'placedDate',
};

const none = { medical_condition: 'cannot', autism_spectrum: 'cannot' } as const;

/**
 * The dataset. Campaign A ("Brothers and sisters", radio and social media), campaign B ("Older
 * children", print), two households of no campaign. Gaps in days are written beside the dates.
 */
const KNOWN: Known[] = [
  {
    key: 'h1',
    campaign: 'A',
    channel: 'radio',
    stage: 'placed',
    // 30, 20, 10, 60, 120, 24, 61, 45, 30 days.
    dates: {
      enquiry: '2025-01-10',
      information_event: '2025-02-09',
      registration: '2025-03-01',
      stage1: '2025-03-11',
      stage2: '2025-05-10',
      panel: '2025-09-07',
      approved: '2025-10-01',
      linked: '2025-12-01',
      matched: '2026-01-15',
      placed: '2026-02-14',
    },
    profiles: [
      // An earlier version, no longer current: must not count.
      { siblingGroups: false, childrenMax: 1, ageMax: 2, needs: none, current: false },
      { siblingGroups: true, childrenMax: 3, ageMax: 8, needs: { medical_condition: 'with_support', autism_spectrum: 'cannot' } },
    ],
  },
  {
    key: 'h2',
    campaign: 'A',
    channel: 'radio',
    stage: 'approved',
    // No information event; 14, 14, 61, 123, 19 days.
    dates: { enquiry: '2025-02-01', registration: '2025-02-15', stage1: '2025-03-01', stage2: '2025-05-01', panel: '2025-09-01', approved: '2025-09-20' },
    profiles: [{ siblingGroups: false, childrenMax: 1, ageMax: 6, needs: none }],
  },
  {
    key: 'h3',
    campaign: 'A',
    channel: 'social_media',
    stage: 'on_hold',
    // Approved, now on hold: not an approved adopter today. 10, 21, 9, 61, 113, 31 days.
    dates: {
      enquiry: '2025-03-01',
      information_event: '2025-03-11',
      registration: '2025-04-01',
      stage1: '2025-04-10',
      stage2: '2025-06-10',
      panel: '2025-10-01',
      approved: '2025-11-01',
    },
    profiles: [{ siblingGroups: true, childrenMax: 2, ageMax: 3, needs: { autism_spectrum: 'can' } }],
  },
  { key: 'h4', campaign: 'A', channel: 'social_media', stage: 'withdrawn', dates: { enquiry: '2025-04-01' } },
  // 20, 20, 10 days.
  {
    key: 'h5',
    campaign: 'A',
    channel: 'social_media',
    stage: 'stage1',
    dates: { enquiry: '2025-05-01', information_event: '2025-05-21', registration: '2025-06-10', stage1: '2025-06-20' },
  },
  {
    key: 'h6',
    campaign: 'B',
    channel: 'print',
    stage: 'linked',
    // 30, 21, 12, 59, 123, 21, 40 days.
    dates: {
      enquiry: '2025-03-10',
      information_event: '2025-04-09',
      registration: '2025-04-30',
      stage1: '2025-05-12',
      stage2: '2025-07-10',
      panel: '2025-11-10',
      approved: '2025-12-01',
      linked: '2026-01-10',
    },
    profiles: [{ siblingGroups: true, childrenMax: 2, ageMax: 4, needs: { learning_disability: 'can' } }],
  },
  {
    key: 'h7',
    campaign: 'B',
    channel: 'print',
    stage: 'not_approved',
    // No information event; 21, 10, 61 days.
    dates: { enquiry: '2025-03-20', registration: '2025-04-10', stage1: '2025-04-20', stage2: '2025-06-20' },
    profiles: [{ siblingGroups: true, childrenMax: 4, ageMax: 10, needs: { learning_disability: 'can' } }],
  },
  // 10, 18 days.
  {
    key: 'h8',
    campaign: null,
    channel: 'word_of_mouth',
    stage: 'registration',
    dates: { enquiry: '2025-02-20', information_event: '2025-03-02', registration: '2025-03-20' },
  },
  { key: 'h9', campaign: null, channel: null, stage: 'enquiry', dates: { enquiry: '2024-12-01' } },
];

describe('campaigns and their funnel', () => {
  let t: TestApp;
  let agency: string;
  let otherAgency: string;
  let manager: TestUser;
  let finder: TestUser;
  let worker: TestUser;
  let therapist: TestUser;
  let referrer: TestUser;
  let funder: TestUser;
  let otherManager: TestUser;
  let tokens: Record<string, string>;
  const ids: Record<'A' | 'B', string> = { A: '', B: '' };

  async function api(token: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}) {
    return callApi(t, token, method, url, body, headers);
  }

  const countCampaigns = async () => Number((await t.database.adminQuery('select count(*) from campaigns')).rows[0].count);

  async function insertHouseholds(organisationId: string, rows: Known[]) {
    await t.services.runner.run(t.system, async (tx) => {
      for (const h of rows) {
        const dates = Object.fromEntries(Object.entries(h.dates).map(([stage, date]) => [MILESTONE_COLUMN[stage as FunnelStage], date]));
        const last = Object.values(h.dates).sort().at(-1)!;
        const [row] = await tx
          .insert(households)
          .values({
            organisationId,
            reference: `TEST-${organisationId.slice(0, 4)}-${h.key}`,
            stage: h.stage,
            stageSince: last,
            stageReason: ['on_hold', 'withdrawn', 'not_approved'].includes(h.stage) ? 'A reason (test)' : null,
            email: `${h.key}.${organisationId.slice(0, 4)}@example.invalid`,
            campaignId: h.campaign ? ids[h.campaign] : null,
            channel: h.channel,
            enquiryDate: h.dates.enquiry!,
            ...dates,
          })
          .returning({ id: households.id });
        for (const [i, p] of (h.profiles ?? []).entries()) {
          await tx.insert(considerationProfiles).values({
            householdId: row!.id,
            organisationId,
            profileVersion: i + 1,
            isCurrent: p.current ?? true,
            childrenMin: 1,
            childrenMax: p.childrenMax,
            ageMin: 0,
            ageMax: p.ageMax,
            siblingGroups: p.siblingGroups,
            needs: p.needs,
          });
        }
      }
    });
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    otherAgency = await t.organisation('other-agency', 'agency');
    const council = await t.organisation('council', 'local_authority');
    const fund = await t.organisation('fund', 'funder');
    manager = await t.user(['service_manager'], agency);
    finder = await t.user(['family_finder'], agency);
    worker = await t.user(['social_worker'], agency);
    therapist = await t.user(['therapeutic_social_worker'], agency);
    referrer = await t.user(['la_referrer'], council);
    funder = await t.user(['funder'], fund);
    otherManager = await t.user(['service_manager'], otherAgency);
    tokens = {
      manager: await t.token(manager),
      finder: await t.token(finder),
      worker: await t.token(worker),
      therapist: await t.token(therapist),
      referrer: await t.token(referrer),
      funder: await t.token(funder),
      other: await t.token(otherManager),
    };

    const a = await api(tokens.finder!, 'POST', '/api/v1/campaigns', {
      name: 'Brothers and sisters',
      nameCy: 'Brodyr a chwiorydd',
      startDate: '2025-01-01',
      endDate: '2025-06-30',
      channels: ['radio', 'social_media'],
      targetProfile: { siblingGroups: true },
      referrerCode: 'bros-sis',
    });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    ids.A = a.body.id;
    const b = await api(tokens.manager!, 'POST', '/api/v1/campaigns', {
      name: 'Older children',
      startDate: '2025-03-01',
      channels: ['print'],
      targetProfile: { ageMin: 5, ageMax: 10 },
      referrerCode: 'older-kids',
    });
    assert.equal(b.status, 201, JSON.stringify(b.body));
    ids.B = b.body.id;
    for (const [id, cost] of [
      [ids.A, { channel: 'radio', amountPence: 300_000, incurredOn: '2025-01-10', description: 'Local radio' }],
      [ids.A, { channel: 'social_media', amountPence: 100_000, incurredOn: '2025-02-01' }],
      [ids.B, { channel: 'print', amountPence: 50_000, incurredOn: '2025-03-05' }],
    ] as const) {
      const added = await api(tokens.manager!, 'POST', `/api/v1/campaigns/${id}/costs`, cost);
      assert.equal(added.status, 201, JSON.stringify(added.body));
    }
    // The last cost through the page, typed in pounds: £250 for B's print.
    const browser = await t.signIn(manager);
    const page = await browser.post(
      `/campaigns/${ids.B}/costs`,
      { channel: 'print', amount: '£250', 'incurredOn-day': '1', 'incurredOn-month': '4', 'incurredOn-year': '2025', description: 'Posters' },
      { csrfFrom: `/campaigns/${ids.B}` },
    );
    assert.equal(page.statusCode, 303);

    await insertHouseholds(agency, KNOWN);
    // Another agency's household must never be counted here.
    await insertHouseholds(otherAgency, [{ key: 'x1', campaign: null, channel: 'radio', stage: 'enquiry', dates: { enquiry: '2025-01-01' } }]);
  });
  after(async () => t.close());

  const reached = (s: Segment) => s.stages.map((x) => x.reached);
  const fromPrevious = (s: Segment) => s.stages.map((x) => x.fromPreviousPercent);
  const fromEnquiry = (s: Segment) => s.stages.map((x) => x.fromEnquiryPercent);
  const medians = (s: Segment) => s.stages.map((x) => x.medianDaysFromPrevious);

  describe('the funnel, computed by hand', () => {
    let report: FunnelReport;
    before(async () => {
      const response = await api(tokens.manager!, 'GET', '/api/v1/campaigns/funnel');
      assert.equal(response.status, 200);
      report = response.body;
    });
    const campaign = (key: 'A' | 'B') => report.campaigns.find((c) => c.campaign.id === ids[key])!;

    it('counts campaign A’s households at each stage, with conversions and median days', () => {
      const a = campaign('A').total;
      assert.deepEqual(reached(a), [5, 3, 4, 4, 3, 3, 3, 1, 1, 1]);
      // 3 of 5 went to an event; all 3 who went registered; 4 of 4 began Stage 1; 3 of 4 Stage 2; 1 of 3 approved linked.
      assert.deepEqual(fromPrevious(a), [null, 60, 100, 100, 75, 100, 100, 33, 100, 100]);
      assert.deepEqual(fromEnquiry(a), [100, 60, 80, 80, 60, 60, 60, 20, 20, 20]);
      // Event: 30, 10, 20 → 20. Registration: 20, 21, 20 → 20. Stage 1: 10, 14, 9, 10 → 10. Stage 2: 60, 61, 61 → 61.
      // Panel: 120, 123, 113 → 120. Approval: 24, 19, 31 → 24. Then one household: 61, 45, 30.
      assert.deepEqual(medians(a), [null, 20, 20, 10, 61, 120, 24, 61, 45, 30]);
    });

    it('divides campaign A’s costs by its enquiries and approvals, per channel too', () => {
      const a = campaign('A');
      assert.deepEqual([a.total.costPence, a.total.costPerEnquiryPence, a.total.costPerApprovalPence], [400_000, 80_000, 133_333]);
      const byChannel = Object.fromEntries(
        a.channels.map((s) => [s.channel, [s.enquiries, s.approvals, s.costPence, s.costPerEnquiryPence, s.costPerApprovalPence]]),
      );
      assert.deepEqual(byChannel, { radio: [2, 2, 300_000, 150_000, 150_000], social_media: [3, 1, 100_000, 33_333, 100_000] });
    });

    it('counts the approved families who can consider the children who wait, from current profiles of approved households only', () => {
      // h1 (placed): all three, by its current profile; h2 (approved): aged 4 or over only; h3 is on hold.
      assert.deepEqual(campaign('A').total.consider, { approved: 2, siblingGroup: 1, olderChild: 2, additionalNeeds: 1, all: 1 });
      // h6 (linked) can consider all three; h7 was not approved.
      assert.deepEqual(campaign('B').total.consider, { approved: 1, siblingGroup: 1, olderChild: 1, additionalNeeds: 1, all: 1 });
    });

    it('counts campaign B with its costs from the API and the page together', () => {
      const b = campaign('B').total;
      assert.deepEqual(reached(b), [2, 1, 2, 2, 2, 1, 1, 1, 0, 0]);
      // Registration: 21 (h6); Stage 1: 12 and 10 → 11; Stage 2: 59 and 61 → 60.
      assert.deepEqual(medians(b), [null, 30, 21, 11, 60, 123, 21, 40, null, null]);
      assert.deepEqual([b.costPence, b.costPerEnquiryPence, b.costPerApprovalPence], [75_000, 37_500, 75_000]);
    });

    it('keeps households of no campaign apart, without costs', () => {
      const n = report.noCampaign.total;
      assert.deepEqual(reached(n), [2, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
      assert.deepEqual(medians(n).slice(0, 3), [null, 10, 18]);
      assert.deepEqual([n.costPence, n.costPerEnquiryPence, n.costPerApprovalPence], [null, null, null]);
      assert.deepEqual(
        report.noCampaign.channels.map((s) => [s.channel, s.enquiries]),
        [
          ['word_of_mouth', 1],
          [null, 1],
        ],
      );
    });

    it('adds every campaign up, and everyone, counting only this agency’s households', () => {
      const all = report.allCampaigns.total;
      assert.equal(all.enquiries, 7);
      assert.equal(all.approvals, 4);
      // 475,000p over 7 enquiries and 4 approvals.
      assert.deepEqual([all.costPence, all.costPerEnquiryPence, all.costPerApprovalPence], [475_000, 67_857, 118_750]);
      // Event: 30, 10, 20 and 30 → 25.
      assert.equal(all.stages[1]!.medianDaysFromPrevious, 25);
      assert.deepEqual(all.consider, { approved: 3, siblingGroup: 2, olderChild: 3, additionalNeeds: 2, all: 2 });
      assert.deepEqual(
        report.allCampaigns.channels.map((s) => [s.channel, s.enquiries, s.costPence]),
        [
          ['social_media', 3, 100_000],
          ['radio', 2, 300_000],
          ['print', 2, 75_000],
        ],
      );
      const everyone = report.everyone;
      assert.deepEqual(reached(everyone), [9, 5, 7, 6, 5, 4, 4, 2, 1, 1]);
      // Registration: all 5 who went to an event registered; 7 of 9 in all; 18, 20, 20, 21, 21 days → 20.
      assert.deepEqual(
        [everyone.stages[2]!.fromPreviousPercent, everyone.stages[2]!.fromEnquiryPercent, everyone.stages[2]!.medianDaysFromPrevious],
        [100, 78, 20],
      );
      // Event: 30, 10, 20, 30, 10 → 20.
      assert.equal(everyone.stages[1]!.medianDaysFromPrevious, 20);
      assert.equal(everyone.costPence, null);
    });

    it('narrows to enquiries between two dates, with the costs incurred between them', async () => {
      const response = await api(tokens.manager!, 'GET', '/api/v1/campaigns/funnel?enquiryFrom=2025-03-01&enquiryTo=2025-12-31');
      assert.equal(response.status, 200);
      const narrowed: FunnelReport = response.body;
      // h3, h4, h5 (A) and h6, h7 (B); h8 enquired in February.
      assert.equal(narrowed.everyone.enquiries, 5);
      const a = narrowed.campaigns.find((c) => c.campaign.id === ids.A)!.total;
      assert.deepEqual([a.enquiries, a.costPence, a.costPerEnquiryPence], [3, 0, 0]);
      const b = narrowed.campaigns.find((c) => c.campaign.id === ids.B)!.total;
      assert.deepEqual([b.enquiries, b.costPence], [2, 75_000]);
      const backwards = await api(tokens.manager!, 'GET', '/api/v1/campaigns/funnel?enquiryFrom=2025-03-01&enquiryTo=2025-01-01');
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.errors[0].field, 'enquiryTo');
    });

    it('answers one campaign’s funnel on its own', async () => {
      const response = await api(tokens.worker!, 'GET', `/api/v1/campaigns/${ids.A}/funnel`);
      assert.equal(response.status, 200);
      assert.equal(response.body.campaign.referrerCode, 'bros-sis');
      assert.deepEqual(reached(response.body.total), [5, 3, 4, 4, 3, 3, 3, 1, 1, 1]);
      assert.deepEqual(
        response.body.channels.map((s: Segment) => s.channel),
        ['social_media', 'radio'],
      );
    });

    it('shows the same figures on the funnel page, in its tables', async () => {
      const browser = await t.signIn(finder);
      const page = await browser.get('/campaigns/funnel');
      assert.equal(page.statusCode, 200);
      const campaignTable = page.body.slice(page.body.indexOf('data-testid="campaign-table"'));
      const rowOf = (name: string) => campaignTable.slice(campaignTable.indexOf(name), campaignTable.indexOf('</tr>', campaignTable.indexOf(name)));
      const cells = (row: string) => [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!.trim());
      // Enquiries, approved, enquiries approved, placed, cost, per enquiry, per approval.
      assert.deepEqual(cells(rowOf('Brothers and sisters')), ['5', '3', '60%', '1', '£4,000.00', '£800.00', '£1,333.33']);
      assert.deepEqual(cells(rowOf('Older children')), ['2', '1', '50%', '0', '£750.00', '£375.00', '£750.00']);
      assert.deepEqual(cells(rowOf('All campaigns')), ['7', '4', '57%', '1', '£4,750.00', '£678.57', '£1,187.50']);
      const stageTable = page.body.slice(page.body.indexOf('data-testid="stage-table"'));
      const registration = stageTable.slice(
        stageTable.indexOf('Registration of interest'),
        stageTable.indexOf('</tr>', stageTable.indexOf('Registration of interest')),
      );
      assert.deepEqual(cells(registration), ['7', '100%', '78%', '20']);
      const considerTable = page.body.slice(page.body.indexOf('data-testid="consider-table"'));
      const everyoneRow = considerTable.slice(considerTable.indexOf('All households'), considerTable.indexOf('</tr>', considerTable.indexOf('All households')));
      assert.deepEqual(cells(everyoneRow), ['3', '2', '3', '2', '2']);
      assert.match(page.body, /<svg [^>]*role="img"/);
      assert.ok(page.body.includes('Enquiries: 9. Households approved: 4 (44%)'));
    });

    it('shows a campaign’s page with its link for enquiries, costs and its own funnel by channel', async () => {
      const browser = await t.signIn(worker);
      const page = await browser.get(`/campaigns/${ids.A}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('/enquire?campaign=bros-sis'));
      assert.match(page.body, /data-testid="total-cost">£4,000.00</);
      const channelTable = page.body.slice(page.body.indexOf('data-testid="channel-table"'));
      const radio = channelTable.slice(channelTable.indexOf('Radio'), channelTable.indexOf('</tr>', channelTable.indexOf('Radio')));
      assert.deepEqual(
        [...radio.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!.trim()),
        ['2', '2', '100%', '1', '£3,000.00', '£1,500.00', '£1,500.00'],
      );
      assert.ok(!page.body.includes('data-testid="cost-form"'), 'a social worker may not add costs');
      const welsh = await browser.get(`/campaigns/${ids.A}?lang=cy`);
      assert.match(welsh.body, /<h1[^>]*>Brodyr a chwiorydd<\/h1>/);
      assert.ok(welsh.body.includes('Twndis yr ymgyrch hon'));
    });

    it('downloads the same figures as CSV', async () => {
      const browser = await t.signIn(manager);
      const response = await browser.get('/campaigns/funnel.csv');
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/csv/);
      const rows: Record<string, string>[] = parseCsv(response.body.replace(/^\ufeff/, ''), { columns: true });
      const a = rows.find((r) => r['Figures for'] === 'Campaign' && r['Referrer code'] === 'bros-sis')!;
      assert.equal(a['Enquiry: households'], '5');
      assert.equal(a['Information event: % from previous stage'], '60');
      assert.equal(a['Stage 1: median days from previous stage'], '10');
      assert.equal(a['Stage 2: median days from previous stage'], '61');
      assert.deepEqual([a['Cost (£)'], a['Cost per enquiry (£)'], a['Cost per approval (£)']], ['4000.00', '800.00', '1333.33']);
      assert.deepEqual(
        [a['Approved families with a profile'], a['Sibling group'], a['Child aged 4 or over'], a['Child with additional needs'], a['All three']],
        ['2', '1', '2', '1', '1'],
      );
      const social = rows.find((r) => r['Figures for'] === 'Campaign, by channel' && r['Referrer code'] === 'bros-sis' && r.Channel === 'Social media')!;
      assert.deepEqual([social['Enquiry: households'], social['Cost per enquiry (£)']], ['3', '333.33']);
      const everyone = rows.find((r) => r['Figures for'] === 'All households')!;
      assert.deepEqual([everyone['Enquiry: households'], everyone['Registration of interest: % from enquiry'], everyone['Cost (£)']], ['9', '78', '']);
      const narrowed = await browser.get(`/campaigns/funnel.csv?campaignId=${ids.B}`);
      const onlyB: Record<string, string>[] = parseCsv(narrowed.body.replace(/^\ufeff/, ''), { columns: true });
      assert.deepEqual(
        onlyB.filter((r) => r['Figures for'] === 'Campaign').map((r) => r['Referrer code']),
        ['older-kids'],
      );
    });

    it('gives the same figures from the SQL as from the definition in funnel.ts, on synthetic households', async () => {
      const org = await t.organisation('synthetic-agency', 'agency');
      const today = '2026-06-30';
      await seedSyntheticRecruitment(t.services.runner, t.system, { households: 600, seed: 77, today, organisationId: org, socialWorkerIds: [] });
      const someone = await t.user(['service_manager'], org);
      const report: FunnelReport = (await api(await t.token(someone, 'read'), 'GET', '/api/v1/campaigns/funnel')).body;
      const campaigns = generateCampaigns({ seed: 77, today });
      const idOf = new Map(report.campaigns.map((c) => [c.campaign.referrerCode, c.campaign.id]));
      const rows = generateHouseholds({ count: 600, seed: 77, today, campaigns }).map((h) => ({
        campaignId: h.campaignIndex === null ? null : idOf.get(campaigns[h.campaignIndex]!.referrerCode)!,
        channel: h.channel,
        stage: h.stage,
        dates: {
          enquiry: h.enquiryDate,
          information_event: h.informationEventDate,
          registration: h.registrationDate,
          stage1: h.stage1Date,
          stage2: h.stage2Date,
          panel: h.panelDate,
          approved: h.approvedDate,
          linked: h.linkedDate,
          matched: h.matchedDate,
          placed: h.placedDate,
        },
        profile: h.profiles.find((p) => p.isCurrent) ?? null,
      }));
      const costs = campaigns.flatMap((c) =>
        c.costs.map((cost) => ({ campaignId: idOf.get(c.referrerCode)!, channel: cost.channel, amountPence: cost.amountPence })),
      );
      const expected = buildFunnel({ aggregates: aggregateHouseholds(rows), campaigns: report.campaigns.map((c) => c.campaign), costs });
      const merged = (segments: Segment[]) => {
        // Cost lines of one channel are summed in SQL; order them as the report does.
        return segments.map((s) => JSON.stringify(s));
      };
      assert.deepEqual(merged(report.campaigns.flatMap((c) => [c.total, ...c.channels])), merged(expected.campaigns.flatMap((c) => [c.total, ...c.channels])));
      assert.deepEqual(report.allCampaigns, expected.allCampaigns);
      assert.deepEqual(report.noCampaign, expected.noCampaign);
      assert.deepEqual(report.everyone, expected.everyone);
      assert.ok(report.everyone.consider.approved > 20, 'the synthetic data has approved families to count');
    });
  });

  describe('creating and changing campaigns', () => {
    it('refuses an end date before the start, saving nothing', async () => {
      const before = await countCampaigns();
      const response = await api(tokens.manager!, 'POST', '/api/v1/campaigns', {
        name: 'Backwards',
        startDate: '2025-06-01',
        endDate: '2025-05-31',
        channels: ['radio'],
        referrerCode: 'backwards',
      });
      assert.equal(response.status, 400);
      assert.deepEqual(
        response.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
        [['endDate', 'The end date must be the same as or after the start date']],
      );
      assert.equal(await countCampaigns(), before);
    });

    it('refuses a referrer code already in use, whatever its case and whoever’s it is, with a clear message', async () => {
      const before = await countCampaigns();
      const same = await api(tokens.manager!, 'POST', '/api/v1/campaigns', {
        name: 'Copy',
        startDate: '2025-06-01',
        channels: ['radio'],
        referrerCode: 'BROS-SIS',
      });
      assert.equal(same.status, 400);
      assert.deepEqual(same.body.errors[0], {
        field: 'referrerCode',
        code: 'campaigns:errors.referrerCode.taken',
        message: 'This referrer code is already used by another campaign: choose a different one',
      });
      // Another agency's code: invisible to this one, still refused (the unique index decides).
      const theirs = await api(tokens.other!, 'POST', '/api/v1/campaigns', {
        name: 'Theirs',
        startDate: '2025-06-01',
        channels: ['print'],
        referrerCode: 'their-code',
      });
      assert.equal(theirs.status, 201);
      const clash = await api(tokens.manager!, 'POST', '/api/v1/campaigns', {
        name: 'Ours',
        startDate: '2025-06-01',
        channels: ['print'],
        referrerCode: 'Their-Code',
      });
      assert.equal(clash.status, 400);
      assert.equal(clash.body.errors[0].field, 'referrerCode');
      assert.equal(await countCampaigns(), before + 1);
      const bad = await api(tokens.manager!, 'POST', '/api/v1/campaigns', {
        name: 'Spaces',
        startDate: '2025-06-01',
        channels: ['print'],
        referrerCode: 'has spaces',
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].code, 'campaigns:errors.referrerCode.invalid');
    });

    it('refuses the same mistakes on the page, in the person’s language, keeping what they typed', async () => {
      const browser = await t.signIn(finder);
      const before = await countCampaigns();
      const form = {
        name: 'Ail ymgyrch',
        'startDate-day': '1',
        'startDate-month': '6',
        'startDate-year': '2025',
        'endDate-day': '1',
        'endDate-month': '5',
        'endDate-year': '2025',
        channels: 'radio',
        referrerCode: 'Bros-Sis',
      };
      const page = await browser.post('/campaigns/new?lang=cy', form, { csrfFrom: '/campaigns/new?lang=cy' });
      assert.equal(page.statusCode, 400);
      assert.ok(page.body.includes('Rhaid i’r dyddiad gorffen fod yr un peth â’r dyddiad dechrau neu ar ei ôl'));
      assert.ok(page.body.includes('value="Ail ymgyrch"'));
      const dates = await browser.post('/campaigns/new?lang=en', { ...form, 'endDate-month': '7' }, { csrfFrom: '/campaigns/new' });
      assert.equal(dates.statusCode, 400);
      assert.ok(dates.body.includes('This referrer code is already used by another campaign: choose a different one'));
      assert.ok(dates.body.includes('href="#referrerCode"'));
      assert.equal(await countCampaigns(), before);
      const empty = await browser.post('/campaigns/new', {}, { csrfFrom: '/campaigns/new' });
      assert.equal(empty.statusCode, 400);
      for (const message of ['Enter the name of the campaign', 'Enter the date the campaign starts', 'Select at least one channel', 'Enter a referrer code'])
        assert.ok(empty.body.includes(message), message);
    });

    it('changes a campaign with the version it read, and refuses a stale one (412) without saving', async () => {
      const read = await api(tokens.manager!, 'GET', `/api/v1/campaigns/${ids.B}`);
      assert.equal(read.status, 200);
      const etag = String(read.headers.etag);
      const changed = await api(
        tokens.manager!,
        'PATCH',
        `/api/v1/campaigns/${ids.B}`,
        { name: 'Children aged 5 to 10', nameCy: 'Plant 5 i 10 oed' },
        { 'if-match': etag },
      );
      assert.equal(changed.status, 200);
      assert.equal(changed.body.name, 'Children aged 5 to 10');
      assert.notEqual(changed.headers.etag, etag);
      const stale = await api(tokens.manager!, 'PATCH', `/api/v1/campaigns/${ids.B}`, { name: 'Lost edit' }, { 'if-match': etag });
      assert.equal(stale.status, 412);
      assert.equal((await t.database.adminQuery('select name from campaigns where id = $1', [ids.B])).rows[0].name, 'Children aged 5 to 10');
      const noVersion = await api(tokens.manager!, 'PATCH', `/api/v1/campaigns/${ids.B}`, { name: 'Blind edit' });
      assert.equal(noVersion.status, 428);
      // The end date is checked against the start date kept.
      const early = await api(tokens.manager!, 'PATCH', `/api/v1/campaigns/${ids.B}`, { endDate: '2025-02-01' }, { 'if-match': String(changed.headers.etag) });
      assert.equal(early.status, 400);
      assert.equal(early.body.errors[0].field, 'endDate');
      const audit = await t.database.adminQuery("select action, detail from audit_log where resource_type = 'campaign' and resource_id = $1 order by id", [
        ids.B,
      ]);
      assert.ok(audit.rows.some((r: { action: string; detail: { event?: string } | null }) => r.action === 'campaigns.edit' && r.detail?.event === 'created'));
      assert.ok(audit.rows.some((r: { action: string; detail: { event?: string } | null }) => r.action === 'campaigns.edit' && r.detail?.event === 'edited'));
    });

    it('tells a person on the page that someone else changed the campaign (409), keeping the other change', async () => {
      const browser = await t.signIn(manager);
      const form = await browser.get(`/campaigns/${ids.A}/edit`);
      const version = form.body.match(/name="version" value="(\d+)"/)![1]!;
      const read = await api(tokens.manager!, 'GET', `/api/v1/campaigns/${ids.A}`);
      await api(tokens.manager!, 'PATCH', `/api/v1/campaigns/${ids.A}`, { description: 'Changed elsewhere' }, { 'if-match': String(read.headers.etag) });
      const response = await browser.post(
        `/campaigns/${ids.A}/edit`,
        {
          version,
          name: 'Brothers and sisters',
          'startDate-day': '1',
          'startDate-month': '1',
          'startDate-year': '2025',
          channels: ['radio', 'social_media'],
          referrerCode: 'bros-sis',
          description: 'My change',
        },
        { csrfFrom: `/campaigns/${ids.A}/edit` },
      );
      assert.equal(response.statusCode, 409);
      assert.equal((await t.database.adminQuery('select description from campaigns where id = $1', [ids.A])).rows[0].description, 'Changed elsewhere');
    });

    it('refuses a cost that is not an amount of money, on the page and in the API', async () => {
      const browser = await t.signIn(manager);
      const page = await browser.post(
        `/campaigns/${ids.A}/costs`,
        { channel: 'radio', amount: '12.345', 'incurredOn-day': '1', 'incurredOn-month': '2', 'incurredOn-year': '2025' },
        { csrfFrom: `/campaigns/${ids.A}` },
      );
      assert.equal(page.statusCode, 400);
      assert.ok(page.body.includes('Enter an amount in pounds, like 1250 or 1,250.50'));
      const api400 = await api(tokens.manager!, 'POST', `/api/v1/campaigns/${ids.A}/costs`, { channel: 'radio', amountPence: 12.5, incurredOn: '2025-02-01' });
      assert.equal(api400.status, 400);
      const total = await t.database.adminQuery('select sum(amount_pence)::int as total from campaign_costs where campaign_id = $1', [ids.A]);
      assert.equal(total.rows[0].total, 400_000);
    });
  });

  describe('who may see campaigns', () => {
    it('refuses roles outside the agency’s adoption workers, on the API and the pages', async () => {
      for (const who of ['referrer', 'funder', 'therapist'] as const) {
        const list = await api(tokens[who]!, 'GET', '/api/v1/campaigns');
        assert.equal(list.status, 403, who);
        const funnel = await api(tokens[who]!, 'GET', '/api/v1/campaigns/funnel');
        assert.equal(funnel.status, 403, who);
      }
      const page = await (await t.signIn(funder)).get('/campaigns/funnel');
      assert.equal(page.statusCode, 403);
      const create = await api(tokens.worker!, 'POST', '/api/v1/campaigns', {
        name: 'Not mine to make',
        startDate: '2025-06-01',
        channels: ['radio'],
        referrerCode: 'not-mine',
      });
      assert.equal(create.status, 403);
    });

    it('answers "not found" to another agency for this agency’s campaign, and counts only their own households', async () => {
      assert.equal((await api(tokens.other!, 'GET', `/api/v1/campaigns/${ids.A}`)).status, 404);
      assert.equal((await api(tokens.other!, 'GET', `/api/v1/campaigns/${ids.A}/funnel`)).status, 404);
      assert.equal((await api(tokens.other!, 'PATCH', `/api/v1/campaigns/${ids.A}`, { name: 'Taken over' }, { 'if-match': '"v1"' })).status, 404);
      const theirs: FunnelReport = (await api(tokens.other!, 'GET', '/api/v1/campaigns/funnel')).body;
      assert.equal(theirs.everyone.enquiries, 1);
      assert.deepEqual(
        theirs.campaigns.map((c) => c.campaign.referrerCode),
        ['their-code'],
      );
    });
  });
});
