import type { RequestContext } from '../../platform/policy/actor.ts';
import { addMonths, type IsoDate } from '../../platform/dates/dates.ts';
import type { TrainingService } from './service.ts';
import { walesInstant } from '../../platform/dates/times.ts';

/** Days after a family's Stage 1 began on which they attend each course Stage 1 asks for, in the courses' order. */
const DAYS_INTO_STAGE1 = [10, 17, 24, 31, 38, 45];

/**
 * The preparation training the demo story's approved families attended during their Stage 1, so
 * their record (and their portal) shows it complete: a past session of every course Stage 1
 * requires, each family's applicants booked, attended, and given their certificate, through the
 * training service as the worker who ran them. Sessions are dated in each family's own Stage 1.
 */
export async function seedStoryTraining(
  training: TrainingService,
  families: { reference: string; stage1Date: IsoDate | null }[],
  options: { worker: RequestContext; facilitatorIds: string[]; setDay: (day?: IsoDate, time?: string) => void },
): Promise<number> {
  const required = (await training.listCourses(options.worker)).filter((c) => c.requiredForStage1).sort((a, b) => a.title.localeCompare(b.title));
  let attended = 0;
  for (const family of families) {
    if (!family.stage1Date) continue;
    for (const [i, course] of required.entries()) {
      const day = addDays(family.stage1Date, DAYS_INTO_STAGE1[i % DAYS_INTO_STAGE1.length]!);
      options.setDay(addMonths(day, -1));
      const session = await training.createSession(options.worker, course.id, {
        startsAt: walesInstant(day, '09:30'),
        endsAt: walesInstant(day, (course.hours ?? 3) > 4 ? '15:30' : '12:30'),
        venue: 'Demo Family Centre, Cardiff (fictional)',
        language: 'en',
        facilitatorIds: options.facilitatorIds,
        facilitatorNames: 'Jo Example, experienced adopter (fictional)',
        capacity: 12,
      });
      const { applicants } = await training.getSession(options.worker, session.id);
      for (const applicant of applicants.filter((a) => a.householdReference === family.reference)) {
        const booking = await training.bookApplicant(options.worker, session.id, applicant.id);
        options.setDay(day, '17:00');
        const done = await training.recordAttendance(options.worker, booking.id, 'attended', booking.version);
        await training.issueCertificate(options.worker, done.id);
        options.setDay(addMonths(day, -1));
        attended += 1;
      }
    }
  }
  options.setDay();
  return attended;
}

function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
