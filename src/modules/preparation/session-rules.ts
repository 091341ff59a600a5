/**
 * What a household's therapeutic preparation adds up to, per applicant: sessions attended and hours,
 * beside the training record. Pure.
 */
export type SessionAttendance = { durationMinutes: number; attendance: Record<string, boolean> };

export type ApplicantTotal = { applicantId: string; sessions: number; minutes: number };

export function applicantTotals(applicantIds: readonly string[], sessions: readonly SessionAttendance[]): ApplicantTotal[] {
  return applicantIds.map((applicantId) => {
    const attended = sessions.filter((s) => s.attendance[applicantId] === true);
    return { applicantId, sessions: attended.length, minutes: attended.reduce((sum, s) => sum + s.durationMinutes, 0) };
  });
}

/** Hours as people say them: whole or to the half hour below ("1.5"), never "1.4999". */
export function hoursText(minutes: number): string {
  const halves = Math.floor(minutes / 30);
  return halves % 2 === 0 ? String(halves / 2) : (halves / 2).toFixed(1);
}
