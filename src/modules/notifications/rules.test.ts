import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ALWAYS_SENT, deliveryFor, languagesFor, mailLanguageOf, NOTIFICATION_EVENTS, NOTIFICATION_PREFERENCES } from './rules.ts';

describe('which language a notification is written in', () => {
  it('writes in the language the person chose', () => {
    assert.deepEqual(languagesFor('cy'), ['cy']);
    assert.deepEqual(languagesFor('en'), ['en']);
  });

  it('writes in both languages, Welsh first, when nobody knows which the person prefers', () => {
    assert.deepEqual(languagesFor(null), ['cy', 'en']);
    assert.equal(mailLanguageOf(languagesFor(null)), 'cy+en');
    assert.equal(mailLanguageOf(languagesFor('en')), 'en');
  });
});

describe('what a person’s preference does to a notification', () => {
  it('sends at once to someone who asked for e-mail straight away, or who has no account to choose on', () => {
    for (const event of NOTIFICATION_EVENTS) {
      assert.equal(deliveryFor(event, 'immediate'), 'now', event);
      assert.equal(deliveryFor(event, null), 'now', event);
    }
  });

  it('holds for the daily digest what is not required, for someone who chose a digest', () => {
    assert.equal(deliveryFor('trainingBooked', 'digest'), 'digest');
    assert.equal(deliveryFor('messageReceived', 'digest'), 'digest');
    assert.equal(deliveryFor('supportRequestAllocated', 'digest'), 'digest');
  });

  it('sends nothing but what the law requires to someone who asked for only that', () => {
    assert.equal(deliveryFor('trainingBooked', 'required'), 'none');
    assert.equal(deliveryFor('questionnaireDue', 'required'), 'none');
    assert.equal(deliveryFor('documentRequested', 'required'), 'none');
  });

  it('always sends a decision on the application, an invitation and an enquiry’s acknowledgement at once', () => {
    for (const event of ['stageChanged', 'invitation', 'enquiryAcknowledged'] as const) {
      assert.ok(ALWAYS_SENT.has(event));
      for (const preference of NOTIFICATION_PREFERENCES) assert.equal(deliveryFor(event, preference), 'now', `${event} ${preference}`);
    }
  });
});
