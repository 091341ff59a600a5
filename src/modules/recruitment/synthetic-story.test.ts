import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { missingChecks } from './checks.ts';
import { transition, type HouseholdState } from './stages.ts';
import { storyHouseholds, type StoryFamily } from './synthetic-story.ts';

const today = '2026-11-26';
const family = (key: string, approvedOn: string, applicants = 2): StoryFamily => ({
  key,
  approvedOn,
  applicants: [
    { givenNames: 'Alex', familyName: 'Adopter (fictional)', email: 'adopter@demo.invalid' },
    { givenNames: 'Jordan', familyName: 'Adopter (fictional)' },
  ].slice(0, applicants),
  town: 'Cardiff',
  localAuthorityArea: 'Cardiff',
  welsh: false,
  terms: { childrenMax: 2, ageMin: 3, ageMax: 9, siblingGroups: true, needs: ['autism_spectrum'], contact: ['indirect_siblings'], strengths: 'Calm home' },
});

describe('the demo story’s families', () => {
  const rows = storyHouseholds([family('placed', '2026-05-10'), family('shortlisted', '2026-08-28', 1)], 1);

  it('walks each family to approval through the state machine, with Stage 1 checks complete before Stage 2', () => {
    for (const h of rows) {
      const applicantIds = h.applicants.map((_a, i) => `applicant-${i}`);
      const checks = h.checks.map((c) => ({
        kind: c.kind,
        applicantId: c.applicant === null ? null : applicantIds[c.applicant]!,
        receivedDate: c.receivedDate,
        outcome: c.outcome,
      }));
      let state: HouseholdState = { stage: 'enquiry', stageSince: h.enquiryDate, stageBeforeHold: null, reportCompletedDate: null, panelRecommendation: null };
      for (const event of h.history.slice(1)) {
        const missing =
          event.toStage === 'stage2'
            ? missingChecks(
                applicantIds,
                checks.filter((c) => c.receivedDate! <= event.effectiveDate),
              )
            : [];
        const result = transition(
          state,
          {
            to: event.toStage,
            date: event.effectiveDate,
            panelRecommendation: 'suitable',
            decisionMaker: h.decisionMaker,
            reportCompletedDate: h.reportCompletedDate,
          },
          missing,
          today,
        );
        assert.ok(result.ok, `${h.reference}: ${event.fromStage} → ${event.toStage}: ${JSON.stringify(!result.ok && result.refusal)}`);
        state = { ...state, ...result.patch };
      }
      assert.equal(state.stage, 'approved');
      assert.equal(state.stageSince, h.approvedDate);
    }
  });

  it('is visibly fictional: family names marked, ZZ99 postcodes, addresses that cannot be delivered', () => {
    for (const h of rows) {
      assert.match(h.postcode, /^ZZ99 /);
      assert.match(h.reference, /^SYN-1-S\d\d$/);
      for (const a of h.applicants) {
        assert.match(a.familyName, /\(fictional\)$/);
        assert.match(a.email, /\.invalid$/);
      }
    }
  });

  it('keeps what each family can consider as written for the children they will meet', () => {
    const profile = rows[0]!.profiles[0]!;
    assert.equal(profile.isCurrent, true);
    assert.deepEqual([profile.childrenMax, profile.ageMin, profile.ageMax, profile.siblingGroups], [2, 3, 9, true]);
    assert.equal(profile.needs.autism_spectrum, 'with_support');
    assert.equal(profile.needs.medical_condition, 'cannot');
    assert.deepEqual(profile.contact, ['letterbox', 'indirect_siblings']);
  });

  it('is the same for the same families and seed', () => {
    assert.deepEqual(storyHouseholds([family('placed', '2026-05-10'), family('shortlisted', '2026-08-28', 1)], 1), rows);
  });
});
