import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { conversationEventDate, householdClass, judge, reviewDate, reviewList, type Candidate, type Hold, type RetentionClass } from './rules.ts';

const CLASSES: RetentionClass[] = [
  { code: 'adoption_case_record', recordKind: 'child', periodMonths: 1200, runsFrom: 'adoption_order', disposal: 'review', covered: false, basis: 'law' },
  { code: 'enquiry_not_proceeded', recordKind: 'household', periodMonths: 24, runsFrom: 'closure', disposal: 'review', covered: true, basis: 'policy' },
  {
    code: 'household_withdrawn_before_approval',
    recordKind: 'household',
    periodMonths: 72,
    runsFrom: 'closure',
    disposal: 'review',
    covered: true,
    basis: 'policy',
  },
  {
    code: 'portal_messages_closed_case',
    recordKind: 'portal_thread',
    periodMonths: 24,
    runsFrom: 'closure',
    disposal: 'review',
    covered: true,
    basis: 'policy',
  },
  { code: 'audit_log', recordKind: 'audit_entry', periodMonths: null, runsFrom: 'never', disposal: 'keep', covered: true, basis: 'kept' },
];
const byCode = new Map(CLASSES.map((c) => [c.code, c]));

const household = (id: string, classCode: string, eventDate: string, protectedBy: Candidate['protectedBy'] = []): Candidate => ({
  kind: 'household',
  id,
  organisationId: 'org-1',
  label: `AT-${id}`,
  classCode,
  eventDate,
  protectedBy,
});
const hold = (recordKind: string, recordId: string): Hold => ({
  id: `hold-${recordId}`,
  recordKind,
  recordId,
  reason: 'Court proceedings',
  placedAt: new Date(0),
  version: 1,
});

describe('retention rules', () => {
  it('keeps an adoption case record 100 years from the adoption order', () => {
    assert.equal(reviewDate(byCode.get('adoption_case_record')!, '2026-03-15'), '2126-03-15');
  });

  it('never gives the audit log a review date', () => {
    assert.equal(reviewDate(byCode.get('audit_log')!, '2026-03-15'), null);
  });

  it('makes an enquiry that went no further due two years after it closed, on the day itself', () => {
    const candidate = household('a', 'enquiry_not_proceeded', '2023-05-31');
    assert.deepEqual(judge(candidate, byCode, [], '2025-05-30'), { state: 'not_yet', dueDate: '2025-05-31' });
    assert.deepEqual(judge(candidate, byCode, [], '2025-05-31'), { state: 'due', dueDate: '2025-05-31' });
  });

  it('never makes a held record due, however old', () => {
    const candidate = household('a', 'enquiry_not_proceeded', '2001-01-01');
    const judgement = judge(candidate, byCode, [hold('household', 'a')], '2026-01-01');
    assert.equal(judgement.state, 'held');
  });

  it('protects a conversation when its household is held', () => {
    const thread: Candidate = { ...household('t', 'portal_messages_closed_case', '2020-01-01', [{ kind: 'household', id: 'h' }]), kind: 'portal_thread' };
    assert.equal(judge(thread, byCode, [hold('household', 'h')], '2026-01-01').state, 'held');
    assert.equal(judge(thread, byCode, [hold('household', 'other')], '2026-01-01').state, 'due');
  });

  it('refuses a class that does not fit the kind of record', () => {
    assert.equal(judge(household('a', 'portal_messages_closed_case', '2001-01-01'), byCode, [], '2026-01-01').state, 'unknown_class');
  });

  it('lists what is past its period by class, with why, held records apart and the rest left out', () => {
    const groups = reviewList(
      [
        household('late', 'household_withdrawn_before_approval', '2018-06-01'),
        household('early', 'enquiry_not_proceeded', '2020-01-01'),
        household('recent', 'enquiry_not_proceeded', '2025-09-01'),
        household('kept', 'enquiry_not_proceeded', '2019-01-01'),
      ],
      CLASSES,
      [hold('household', 'kept')],
      '2026-01-01',
    );
    assert.deepEqual(
      groups.map((g) => [g.retentionClass.code, g.due.map((i) => i.id), g.held.map((i) => i.id)]),
      [
        ['enquiry_not_proceeded', ['early'], ['kept']],
        ['household_withdrawn_before_approval', ['late'], []],
      ],
    );
    assert.deepEqual(groups[0]!.due[0]!.why, {
      key: 'retention:why.closure',
      params: { eventDate: '2020-01-01', years: 2, months: 24, dueDate: '2022-01-01' },
    });
  });

  it('tells an enquiry that went no further from an application withdrawn before approval', () => {
    const closed = { closed: true, closedDate: '2024-01-01', approvedDate: null };
    assert.equal(householdClass({ ...closed, registrationDate: null }), 'enquiry_not_proceeded');
    assert.equal(householdClass({ ...closed, registrationDate: '2023-06-01' }), 'household_withdrawn_before_approval');
    // An approved family's records are the adoption case record, and an open case is not closed.
    assert.equal(householdClass({ ...closed, registrationDate: '2023-06-01', approvedDate: '2023-12-01' }), null);
    assert.equal(householdClass({ ...closed, closed: false, registrationDate: null }), null);
  });

  it('runs a closed case’s conversation from its last message when that came after the closure', () => {
    assert.equal(conversationEventDate('2024-01-01', '2024-03-02'), '2024-03-02');
    assert.equal(conversationEventDate('2024-01-01', '2023-12-02'), '2024-01-01');
  });
});
