/**
 * The rules of preparation training, without a database or a clock: places on a session,
 * attendance, cancellation, certificates of completion and the Stage 1 training an applicant
 * must have attended. Services load the rows, ask these functions, and act on the answer.
 */

/** Places still free on a session (never negative, even if an old capacity was lowered by hand). */
export function placesLeft(capacity: number, booked: number): number {
  return Math.max(0, capacity - booked);
}

export type BookingCheck = { allowed: true } | { allowed: false; reason: 'full'; booked: number; capacity: number };

/** One more place on a session: refused once every place is taken. */
export function checkCapacity(capacity: number, booked: number): BookingCheck {
  return booked < capacity ? { allowed: true } : { allowed: false, reason: 'full', booked, capacity };
}

/** A session's capacity may not go below one, nor below the places already booked. */
export function capacityRefusal(capacity: number, booked: number): 'atLeastOne' | 'belowBooked' | null {
  if (capacity < 1) return 'atLeastOne';
  if (capacity < booked) return 'belowBooked';
  return null;
}

/** The part of a booking the rules look at. */
export type BookingState = {
  status: 'booked' | 'cancelled';
  attendance: 'attended' | 'absent' | null;
  certificateNumber: string | null;
};

/**
 * Whether attendance may be recorded (or changed) now. Not before the session has started; not on a
 * cancelled place; and not away from "attended" once a certificate says the person completed it.
 */
export function attendanceRefusal(
  booking: BookingState,
  attendance: 'attended' | 'absent',
  sessionStartsAt: Date,
  now: Date,
): 'notStarted' | 'cancelled' | 'certificateIssued' | null {
  if (booking.status === 'cancelled') return 'cancelled';
  if (now.getTime() < sessionStartsAt.getTime()) return 'notStarted';
  if (booking.certificateNumber && attendance !== 'attended') return 'certificateIssued';
  return null;
}

/** A place may be given up until attendance has been recorded on it. */
export function cancellationRefusal(booking: BookingState): 'alreadyCancelled' | 'attendanceRecorded' | null {
  if (booking.status === 'cancelled') return 'alreadyCancelled';
  if (booking.attendance !== null) return 'attendanceRecorded';
  return null;
}

/** A certificate of completion is for someone who attended; asking twice gives the same certificate. */
export function certificateEligibility(booking: BookingState): 'eligible' | 'alreadyIssued' | 'cancelled' | 'notAttended' {
  if (booking.certificateNumber) return 'alreadyIssued';
  if (booking.status === 'cancelled') return 'cancelled';
  if (booking.attendance !== 'attended') return 'notAttended';
  return 'eligible';
}

const CERTIFICATE = /^TRN-(\d{4})-(\d{6,})$/;

/** "TRN-2026-000123": the year of issue and a serial that starts again each year. */
export function certificateNumber(year: number, serial: number): string {
  return `TRN-${year}-${String(serial).padStart(6, '0')}`;
}

/** The serial after the highest one issued in that year (1 for the year's first certificate). */
export function nextCertificateSerial(year: number, issued: readonly string[]): number {
  let highest = 0;
  for (const number of issued) {
    const match = CERTIFICATE.exec(number);
    if (match && Number(match[1]) === year) highest = Math.max(highest, Number(match[2]));
  }
  return highest + 1;
}

/** A booking as the training record sees it. */
export type AttendedBooking = { courseId: string; status: 'booked' | 'cancelled'; attendance: 'attended' | 'absent' | null };

/**
 * Whether an applicant has attended every course required for Stage 1, and which are missing.
 * Attending any session of a course counts; a cancelled place or an absence does not.
 */
export function stage1Training(requiredCourseIds: readonly string[], bookings: readonly AttendedBooking[]): { complete: boolean; missingCourseIds: string[] } {
  const attended = new Set(bookings.filter((b) => b.status === 'booked' && b.attendance === 'attended').map((b) => b.courseId));
  const missingCourseIds = requiredCourseIds.filter((id) => !attended.has(id));
  return { complete: missingCourseIds.length === 0, missingCourseIds };
}
