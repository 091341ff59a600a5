import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseTime, walesDateTime, walesInstant } from './times.ts';

describe('session times in Wales', () => {
  it('reads a summer time as British Summer Time (an hour ahead of UTC)', () => {
    assert.equal(walesInstant('2026-07-01', '10:00').toISOString(), '2026-07-01T09:00:00.000Z');
  });

  it('reads a winter time as Greenwich Mean Time', () => {
    assert.equal(walesInstant('2026-01-15', '09:30').toISOString(), '2026-01-15T09:30:00.000Z');
  });

  it('gets the day the clocks change right on either side of the change', () => {
    // 29 March 2026: the clocks go forward at 01:00 UTC.
    assert.equal(walesInstant('2026-03-29', '00:30').toISOString(), '2026-03-29T00:30:00.000Z');
    assert.equal(walesInstant('2026-03-29', '10:00').toISOString(), '2026-03-29T09:00:00.000Z');
    // 25 October 2026: back at 01:00 UTC.
    assert.equal(walesInstant('2026-10-25', '10:00').toISOString(), '2026-10-25T10:00:00.000Z');
  });

  it('gives back the date and time that were entered', () => {
    for (const [date, time] of [
      ['2026-07-01', '18:45'],
      ['2026-12-31', '23:59'],
      ['2026-03-29', '14:00'],
    ] as const) {
      assert.deepEqual(walesDateTime(walesInstant(date, time)), { date, time });
    }
  });

  it('accepts 9:05 as 09:05 and refuses what is not a time of day', () => {
    assert.equal(normaliseTime('9:05'), '09:05');
    assert.equal(normaliseTime(' 14:30 '), '14:30');
    for (const bad of ['24:00', '12:60', '1230', 'noon', '']) assert.equal(normaliseTime(bad), null, bad);
  });
});
