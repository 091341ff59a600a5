import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { householdSeesWaitingChildren, interestMessageInput, interestReasonInput, isOpen, mayAnswer, mayWithdraw } from './interest-rules.ts';
import { INTEREST_MESSAGE_MAX } from './vocabulary.ts';

describe('expressions of interest', () => {
  it('shows the children waiting to approved families only (and those already exploring a link)', () => {
    assert.ok(householdSeesWaitingChildren('approved'));
    assert.ok(householdSeesWaitingChildren('linked'));
    for (const stage of ['enquiry', 'stage1', 'stage2', 'panel', 'matched', 'placed', 'withdrawn']) assert.ok(!householdSeesWaitingChildren(stage), stage);
  });

  it('answers or withdraws only an interest still waiting; an answer given stands', () => {
    assert.ok(mayAnswer('waiting') && mayWithdraw('waiting'));
    for (const status of ['exploring', 'not_taken_forward', 'withdrawn'] as const) assert.ok(!mayAnswer(status) && !mayWithdraw(status), status);
    assert.deepEqual((['waiting', 'exploring', 'not_taken_forward', 'withdrawn'] as const).filter(isOpen), ['waiting', 'exploring']);
  });

  it('takes a message up to its limit, blank as none, and refuses a longer one with its translation key', () => {
    assert.equal(interestMessageInput.parse({ message: '   ' }).message, null);
    assert.equal(interestMessageInput.parse({}).message, null);
    assert.equal(interestMessageInput.parse({ message: ' We live near the sea. ' }).message, 'We live near the sea.');
    assert.equal(interestMessageInput.parse({ message: 'a'.repeat(INTEREST_MESSAGE_MAX) }).message?.length, INTEREST_MESSAGE_MAX);
    const refused = interestMessageInput.safeParse({ message: 'a'.repeat(INTEREST_MESSAGE_MAX + 1) });
    assert.ok(!refused.success);
    assert.equal(refused.error.issues[0]?.message, 'portal:errors.interest.messageTooLong');
  });

  it('refuses "not taken forward" without a reason', () => {
    const blank = interestReasonInput.safeParse({ reason: '  ' });
    assert.ok(!blank.success);
    assert.equal(blank.error.issues[0]?.message, 'matches:errors.interest.reasonRequired');
    assert.equal(interestReasonInput.parse({ reason: ' We are looking for a family nearer the children’s school. ' }).reason.length > 0, true);
  });
});
