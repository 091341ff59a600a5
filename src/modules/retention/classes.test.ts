import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  adoptionOrderDateOf,
  approvedFamilyEventDate,
  caseDocumentClass,
  childAdoptionOrderDate,
  leftOn,
  supportEndedDate,
  type AdoptionOutcome,
} from './classes.ts';
import { defaultPeriods, retentionPeriodsFromForm, validateRetentionPeriods, withAgencyPeriods } from './periods.ts';
import { reviewDate, type RetentionClass } from './rules.ts';

const cls = (code: string, recordKind: string, periodMonths: number, runsFrom: string): RetentionClass => ({
  code,
  recordKind,
  periodMonths,
  runsFrom,
  disposal: 'review',
  covered: true,
  basis: 'test',
});
const CLASSES = [
  cls('adoption_case_record', 'child', 1200, 'adoption_order'),
  cls('approved_family_record', 'household', 1200, 'adoption_order'),
  cls('adoption_support_record', 'support', 900, 'support_ended'),
  cls('enquiry_not_proceeded', 'household', 24, 'closure'),
  cls('household_withdrawn_before_approval', 'household', 72, 'closure'),
  cls('leaver_account', 'user_account', 24, 'left'),
  cls('staff_training_record', 'staff_training', 24, 'left'),
];
const byCode = new Map(CLASSES.map((c) => [c.code, c]));
const review = (code: string, eventDate: string | null) => (eventDate ? reviewDate(byCode.get(code)!, eventDate) : null);

const outcome = (o: Partial<AdoptionOutcome>): AdoptionOutcome => ({
  householdId: 'family-1',
  childIds: ['child-1'],
  stage: 'adoption_order',
  adoptionOrderDate: '2026-03-15',
  stageSince: '2026-03-15',
  ...o,
});

describe('retention classes', () => {
  it('reviews an adopted child’s case record 100 years after their adoption order', () => {
    assert.equal(review('adoption_case_record', childAdoptionOrderDate('child-1', [outcome({})])), '2126-03-15');
  });

  it('starts no clock for a child placed but not yet adopted', () => {
    assert.equal(childAdoptionOrderDate('child-1', [outcome({ stage: 'placed', adoptionOrderDate: null })]), null);
  });

  it('runs from the day the match reached the adoption order when the order’s date was not kept', () => {
    assert.equal(adoptionOrderDateOf(outcome({ adoptionOrderDate: null, stageSince: '2020-07-01' })), '2020-07-01');
  });

  it('keeps an approved family’s records as long as the last child adopted by them', () => {
    const outcomes = [outcome({ adoptionOrderDate: '2020-01-10' }), outcome({ childIds: ['child-2'], adoptionOrderDate: '2024-05-02' })];
    assert.equal(review('approved_family_record', approvedFamilyEventDate('family-1', outcomes)), '2124-05-02');
    assert.equal(approvedFamilyEventDate('family-2', outcomes), null);
  });

  it('reviews adoption support records 75 years after the last support, once nothing is open', () => {
    assert.equal(review('adoption_support_record', supportEndedDate({ activityDates: ['2025-02-01', '2026-06-30', '2024-01-01'], open: false })), '2101-06-30');
    assert.equal(supportEndedDate({ activityDates: ['2026-06-30'], open: true }), null);
  });

  it('files a case document under its case’s class and clock', () => {
    assert.deepEqual(caseDocumentClass('child', { classCode: 'adoption_case_record', eventDate: '2026-03-15' }), {
      classCode: 'adoption_case_record',
      eventDate: '2026-03-15',
    });
    assert.deepEqual(caseDocumentClass('match', { classCode: 'adoption_case_record', eventDate: '2026-03-15' }), {
      classCode: 'adoption_case_record',
      eventDate: '2026-03-15',
    });
    const enquiry = caseDocumentClass('household', { classCode: 'enquiry_not_proceeded', eventDate: '2024-01-31' });
    assert.deepEqual(enquiry, { classCode: 'enquiry_not_proceeded', eventDate: '2024-01-31' });
    assert.equal(review(enquiry.classCode, enquiry.eventDate), '2026-01-31');
    assert.equal(caseDocumentClass('child', null), null);
  });

  it('reviews a leaver’s account and training record after the agency’s leavers’ period', () => {
    const left = leftOn({ disabledOn: '2024-09-30' });
    assert.equal(review('leaver_account', left), '2026-09-30');
    assert.equal(review('staff_training_record', left), '2026-09-30');
    assert.equal(leftOn({ disabledOn: null }), null);
  });
});

describe('the agency’s retention periods', () => {
  it('apply the agency’s own periods and leave the law’s untouched', () => {
    const applied = new Map(
      withAgencyPeriods(CLASSES, { enquiryMonths: 36, unsuccessfulApplicationMonths: 120, leaversMonths: 72 }).map((c) => [c.code, c.periodMonths]),
    );
    assert.equal(applied.get('enquiry_not_proceeded'), 36);
    assert.equal(applied.get('household_withdrawn_before_approval'), 120);
    assert.equal(applied.get('leaver_account'), 72);
    assert.equal(applied.get('staff_training_record'), 72);
    assert.equal(applied.get('adoption_case_record'), 1200);
    assert.equal(applied.get('adoption_support_record'), 900);
  });

  it('use the classes’ periods until the agency saves its own', () => {
    assert.deepEqual(withAgencyPeriods(CLASSES, null), CLASSES);
    assert.deepEqual(defaultPeriods(CLASSES), { enquiryMonths: 24, unsuccessfulApplicationMonths: 72, leaversMonths: 24 });
  });

  it('take whole years from the form and refuse less than a year or more than 25', () => {
    assert.deepEqual(retentionPeriodsFromForm({ enquiryYears: '3', unsuccessfulApplicationYears: '10', leaversYears: ' 6 ' }), {
      enquiryMonths: 36,
      unsuccessfulApplicationMonths: 120,
      leaversMonths: 72,
    });
    const refused = validateRetentionPeriods(retentionPeriodsFromForm({ enquiryYears: '0', unsuccessfulApplicationYears: 'ten', leaversYears: '26' }));
    assert.equal(refused.ok, false);
    assert.deepEqual(!refused.ok && refused.errors.map((e) => e.field).sort(), ['enquiryYears', 'leaversYears', 'unsuccessfulApplicationYears']);
  });
});
