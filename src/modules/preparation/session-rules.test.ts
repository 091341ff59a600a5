import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applicantTotals, hoursText, type SessionAttendance } from './session-rules.ts';

describe('what a household’s therapeutic preparation adds up to', () => {
  it('counts each applicant’s sessions and time only where they attended', () => {
    const sessions: SessionAttendance[] = [
      { durationMinutes: 90, attendance: { ann: true, bea: true } },
      { durationMinutes: 60, attendance: { ann: true, bea: false } },
      { durationMinutes: 120, attendance: { ann: false } },
    ];
    assert.deepEqual(applicantTotals(['ann', 'bea'], sessions), [
      { applicantId: 'ann', sessions: 2, minutes: 150 },
      { applicantId: 'bea', sessions: 1, minutes: 90 },
    ]);
  });

  it('says hours to the half hour', () => {
    assert.equal(hoursText(150), '2.5');
    assert.equal(hoursText(120), '2');
    assert.equal(hoursText(100), '1.5');
    assert.equal(hoursText(0), '0');
  });
});
