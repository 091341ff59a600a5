import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  attendanceRefusal,
  cancellationRefusal,
  capacityRefusal,
  certificateEligibility,
  certificateNumber,
  checkCapacity,
  nextCertificateSerial,
  placesLeft,
  stage1Training,
  type BookingState,
} from './rules.ts';

const booked: BookingState = { status: 'booked', attendance: null, certificateNumber: null };
const starts = new Date('2026-05-01T09:00:00Z');
const before = new Date('2026-05-01T08:59:00Z');
const during = new Date('2026-05-01T09:00:00Z');

describe('places on a session', () => {
  it('takes bookings until the last place is gone, then refuses with the figures', () => {
    assert.deepEqual(checkCapacity(12, 11), { allowed: true });
    assert.deepEqual(checkCapacity(12, 12), { allowed: false, reason: 'full', booked: 12, capacity: 12 });
    assert.deepEqual(checkCapacity(1, 0), { allowed: true });
  });

  it('counts places left, never below none', () => {
    assert.equal(placesLeft(12, 5), 7);
    assert.equal(placesLeft(12, 12), 0);
    assert.equal(placesLeft(3, 5), 0);
  });

  it('refuses a capacity below one or below the places already booked', () => {
    assert.equal(capacityRefusal(0, 0), 'atLeastOne');
    assert.equal(capacityRefusal(4, 5), 'belowBooked');
    assert.equal(capacityRefusal(5, 5), null);
    assert.equal(capacityRefusal(20, 0), null);
  });
});

describe('attendance and cancellation', () => {
  it('records attendance only once the session has started', () => {
    assert.equal(attendanceRefusal(booked, 'attended', starts, before), 'notStarted');
    assert.equal(attendanceRefusal(booked, 'attended', starts, during), null);
    assert.equal(attendanceRefusal(booked, 'absent', starts, during), null);
  });

  it('records no attendance on a cancelled place', () => {
    assert.equal(attendanceRefusal({ ...booked, status: 'cancelled' }, 'attended', starts, during), 'cancelled');
  });

  it('keeps "attended" once a certificate has been issued', () => {
    const certified: BookingState = { status: 'booked', attendance: 'attended', certificateNumber: 'TRN-2026-000001' };
    assert.equal(attendanceRefusal(certified, 'absent', starts, during), 'certificateIssued');
    assert.equal(attendanceRefusal(certified, 'attended', starts, during), null);
  });

  it('cancels a place until attendance has been recorded on it', () => {
    assert.equal(cancellationRefusal(booked), null);
    assert.equal(cancellationRefusal({ ...booked, attendance: 'absent' }), 'attendanceRecorded');
    assert.equal(cancellationRefusal({ ...booked, status: 'cancelled' }), 'alreadyCancelled');
  });
});

describe('certificates of completion', () => {
  it('are for people who attended', () => {
    assert.equal(certificateEligibility({ ...booked, attendance: 'attended' }), 'eligible');
    assert.equal(certificateEligibility({ ...booked, attendance: 'absent' }), 'notAttended');
    assert.equal(certificateEligibility(booked), 'notAttended');
    assert.equal(certificateEligibility({ status: 'cancelled', attendance: null, certificateNumber: null }), 'cancelled');
  });

  it('are issued once: asking again finds the one already issued', () => {
    assert.equal(certificateEligibility({ status: 'booked', attendance: 'attended', certificateNumber: 'TRN-2026-000004' }), 'alreadyIssued');
  });

  it('are numbered TRN-year-serial, the serial counting up within the year', () => {
    assert.equal(certificateNumber(2026, 123), 'TRN-2026-000123');
    assert.equal(nextCertificateSerial(2026, []), 1);
    assert.equal(nextCertificateSerial(2026, ['TRN-2026-000007', 'TRN-2026-000123', 'TRN-2025-000999']), 124);
    assert.equal(nextCertificateSerial(2027, ['TRN-2026-000123']), 1, 'a new year starts again');
    assert.equal(nextCertificateSerial(2026, ['not a number']), 1);
  });
});

describe('Stage 1 training', () => {
  const required = ['day-1', 'day-2', 'day-3'];

  it('is complete when every required course was attended', () => {
    const bookings = required.map((courseId) => ({ courseId, status: 'booked' as const, attendance: 'attended' as const }));
    assert.deepEqual(stage1Training(required, bookings), { complete: true, missingCourseIds: [] });
  });

  it('names the required courses not yet attended; absences, cancellations and bookings to come do not count', () => {
    const result = stage1Training(required, [
      { courseId: 'day-1', status: 'booked', attendance: 'attended' },
      { courseId: 'day-2', status: 'booked', attendance: 'absent' },
      { courseId: 'day-3', status: 'cancelled', attendance: null },
      { courseId: 'day-3', status: 'booked', attendance: null },
    ]);
    assert.deepEqual(result, { complete: false, missingCourseIds: ['day-2', 'day-3'] });
  });

  it('counts any one session of a course, and ignores courses that are not required', () => {
    const result = stage1Training(required, [
      { courseId: 'day-1', status: 'booked', attendance: 'absent' },
      { courseId: 'day-1', status: 'booked', attendance: 'attended' },
      { courseId: 'trauma-module', status: 'booked', attendance: 'attended' },
    ]);
    assert.deepEqual(result.missingCourseIds, ['day-2', 'day-3']);
  });

  it('has nothing to complete when no course is required', () => {
    assert.deepEqual(stage1Training([], []), { complete: true, missingCourseIds: [] });
  });
});
